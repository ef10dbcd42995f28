/*
** postings.c — the passages of query terms in memory; see postings.h.
*/
#include "postings.h"
#include "buf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Distinct frequencies a term may have before it is not kept: real terms
** have a few dozen (title, heading and text counts), and the search for
** one is a scan of them. */
#define POSTINGS_TF_MAX 4096

void postings_add(Postings *p, int64_t iRow, int64_t tf, int32_t iGroup, double rValue){
  if( p->bFailed ) return;
  if( iRow<0 || iRow>UINT32_MAX || (p->n && iRow<=p->aRow[p->n-1]) ){
    p->bFailed = 1;
    return;
  }
  int k = 0;
  while( k<p->nTf && p->aTf[k]!=tf ) k++;
  if( k==p->nTf ){
    if( p->nTf==POSTINGS_TF_MAX ){
      p->bFailed = 1;
      return;
    }
    p->aTf = grow_array(p->aTf, p->nTf, sizeof(int64_t));
    p->aTf[p->nTf++] = tf;
  }
  p->aRow = grow_array(p->aRow, p->n, sizeof(uint32_t));
  p->aWhich = grow_array(p->aWhich, p->n, sizeof(uint16_t));
  p->aRow[p->n] = (uint32_t)iRow;
  p->aWhich[p->n++] = (uint16_t)k;
  if( p->nGroup && p->aGroup[p->nGroup-1]==iGroup ){
    if( rValue>p->rBest ){
      p->rBest = rValue;
      p->aBest[p->nGroup-1] = (uint16_t)k;
    }
    return;
  }
  p->aGroup = grow_array(p->aGroup, p->nGroup, sizeof(int32_t));
  p->aBest = grow_array(p->aBest, p->nGroup, sizeof(uint16_t));
  p->aGroup[p->nGroup] = iGroup;
  p->aBest[p->nGroup++] = (uint16_t)k;
  p->rBest = rValue;
}

/* Gives back what the doubling left unused, and sets bRepeated. */
static void postings_fit(Postings *p){
  int32_t iMax = -1;
  for(int g=0; g<p->nGroup; g++) if( p->aGroup[g]>iMax ) iMax = p->aGroup[g];
  unsigned char *aSeen = xrealloc(0, iMax/8+1);
  memset(aSeen, 0, iMax/8+1);
  for(int g=0; g<p->nGroup && !p->bRepeated; g++){
    int32_t v = p->aGroup[g];
    if( v<0 ) continue;
    if( aSeen[v/8] & (1<<(v%8)) ) p->bRepeated = 1;
    aSeen[v/8] |= (unsigned char)(1<<(v%8));
  }
  free(aSeen);
  p->aRow = xrealloc(p->aRow, (p->n+1)*sizeof(uint32_t));
  p->aWhich = xrealloc(p->aWhich, (p->n+1)*sizeof(uint16_t));
  p->aTf = xrealloc(p->aTf, (p->nTf+1)*sizeof(int64_t));
  p->aGroup = xrealloc(p->aGroup, (p->nGroup+1)*sizeof(int32_t));
  p->aBest = xrealloc(p->aBest, (p->nGroup+1)*sizeof(uint16_t));
}

void postings_clear(Postings *p){
  free(p->aRow);
  free(p->aWhich);
  free(p->aTf);
  free(p->aGroup);
  free(p->aBest);
  memset(p, 0, sizeof *p);
}

/* The bytes p's arrays take. */
static size_t postings_bytes(const Postings *p){
  return (size_t)p->n*(sizeof(uint32_t)+sizeof(uint16_t)) + (size_t)p->nTf*sizeof(int64_t)
       + (size_t)p->nGroup*(sizeof(int32_t)+sizeof(uint16_t));
}

/* ----------------------------------------------------------- the cache */

/* A term kept: p first, so that a Postings* the cache hands out is its
** Term*. */
typedef struct Term {
  Postings p;
  char *zTerm;
  size_t nByte;
  uint64_t iUsed;          /* when last found or kept */
  int nRef;                /* searches holding it */
  int bGone;               /* out of the cache: freed at its last release */
} Term;

struct TermCache {
  pthread_mutex_t mu;      /* guards everything below */
  Term **a;                /* few enough to look through in order */
  int n;
  size_t nByte, nBudget;
  uint64_t iClock;
  int64_t iGeneration;     /* of every term kept */
};

TermCache *termcache_new(size_t nBudget){
  TermCache *c = xrealloc(0, sizeof *c);
  memset(c, 0, sizeof *c);
  pthread_mutex_init(&c->mu, 0);
  c->nBudget = nBudget;
  return c;
}

static void term_free(Term *t){
  free(t->zTerm);
  postings_clear(&t->p);
  free(t);
}

/* Takes term i out of the cache; it lives on while held. */
static void forget(TermCache *c, int i){
  Term *t = c->a[i];
  c->nByte -= t->nByte;
  c->a[i] = c->a[--c->n];
  if( t->nRef ) t->bGone = 1;
  else term_free(t);
}

/* A search of generation iGeneration: an older one is not served; a newer
** one makes the terms kept so far stale. */
static int generation_ok(TermCache *c, int64_t iGeneration){
  if( iGeneration<c->iGeneration ) return 0;
  if( iGeneration>c->iGeneration ){
    while( c->n ) forget(c, c->n-1);
    c->iGeneration = iGeneration;
  }
  return 1;
}

void termcache_free(TermCache *c){
  if( c==0 ) return;
  while( c->n ) forget(c, c->n-1);
  free(c->a);
  pthread_mutex_destroy(&c->mu);
  free(c);
}

/* The term kept as zTerm, held once more, or NULL; c->mu held. */
static const Postings *hold(TermCache *c, const char *zTerm){
  for(int i=0; i<c->n; i++){
    if( strcmp(c->a[i]->zTerm, zTerm)==0 ){
      c->a[i]->iUsed = ++c->iClock;
      c->a[i]->nRef++;
      return &c->a[i]->p;
    }
  }
  return 0;
}

const Postings *termcache_get(TermCache *c, const char *zTerm, int64_t iGeneration){
  pthread_mutex_lock(&c->mu);
  const Postings *r = generation_ok(c, iGeneration) ? hold(c, zTerm) : 0;
  pthread_mutex_unlock(&c->mu);
  return r;
}

const Postings *termcache_put(TermCache *c, const char *zTerm, int64_t iGeneration, Postings *p){
  postings_fit(p);
  size_t nByte = postings_bytes(p) + strlen(zTerm) + sizeof(Term);
  pthread_mutex_lock(&c->mu);
  const Postings *r = 0;
  if( generation_ok(c, iGeneration) && (r = hold(c, zTerm))==0 && nByte<=c->nBudget ){
    /* room: the least recently used go, held or not (a held one lives on) */
    while( c->nByte+nByte>c->nBudget ){
      int iOld = 0;
      for(int i=1; i<c->n; i++) if( c->a[i]->iUsed<c->a[iOld]->iUsed ) iOld = i;
      forget(c, iOld);
    }
    c->a = grow_array(c->a, c->n, sizeof(Term*));
    Term *t = xrealloc(0, sizeof *t);
    memset(t, 0, sizeof *t);
    t->p = *p;
    memset(p, 0, sizeof *p);
    t->zTerm = xstrdup(zTerm);
    t->nByte = nByte;
    t->iUsed = ++c->iClock;
    t->nRef = 1;
    c->a[c->n++] = t;
    c->nByte += nByte;
    r = &t->p;
  }
  pthread_mutex_unlock(&c->mu);
  postings_clear(p);     /* kept (now empty), or not kept */
  return r;
}

void termcache_release(TermCache *c, const Postings *p){
  Term *t = (Term*)p;    /* p is its Term's first member */
  pthread_mutex_lock(&c->mu);
  int bFree = --t->nRef==0 && t->bGone;
  pthread_mutex_unlock(&c->mu);
  if( bFree ) term_free(t);
}
