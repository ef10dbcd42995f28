/*
** postings.c — the passages of query terms in memory; see postings.h.
*/
#include "postings.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

/* Distinct frequencies a term may have before it is not kept: real terms
** have a few dozen (title, heading and text counts), and the search for
** one is a scan of them. */
#define POSTINGS_TF_MAX 4096

/* Room for element n of *pa (elements of sz bytes): doubling. */
static void *grow(void *a, int n, size_t sz){
  if( n==0 ) return xrealloc(a, 64*sz);
  if( n>=64 && (n & (n-1))==0 ) return xrealloc(a, 2*(size_t)n*sz);
  return a;
}

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
    p->aTf = grow(p->aTf, p->nTf, sizeof(int64_t));
    p->aTf[p->nTf++] = tf;
  }
  p->aRow = grow(p->aRow, p->n, sizeof(uint32_t));
  p->aWhich = grow(p->aWhich, p->n, sizeof(uint16_t));
  p->aRow[p->n] = (uint32_t)iRow;
  p->aWhich[p->n++] = (uint16_t)k;
  if( p->nGroup && p->aGroup[p->nGroup-1]==iGroup ){
    if( rValue>p->rBest ){
      p->rBest = rValue;
      p->aBest[p->nGroup-1] = (uint16_t)k;
    }
    return;
  }
  p->aGroup = grow(p->aGroup, p->nGroup, sizeof(int32_t));
  p->aBest = grow(p->aBest, p->nGroup, sizeof(uint16_t));
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

size_t postings_bytes(const Postings *p){
  return (size_t)p->n*(sizeof(uint32_t)+sizeof(uint16_t)) + (size_t)p->nTf*sizeof(int64_t)
       + (size_t)p->nGroup*(sizeof(int32_t)+sizeof(uint16_t));
}

/* ----------------------------------------------------------- the cache */

typedef struct Term {
  char *zTerm;             /* NULL: a free slot */
  Postings p;
  size_t nByte;
  uint64_t iUsed;          /* when last found or kept */
} Term;

struct TermCache {
  Term **a;                /* few enough to look through in order */
  int n, nAlloc;
  size_t nByte, nBudget;
  uint64_t iClock;
  uint64_t iPin;           /* terms used after this stay (termcache_pin) */
};

TermCache *termcache_new(size_t nBudget){
  TermCache *c = xrealloc(0, sizeof *c);
  memset(c, 0, sizeof *c);
  c->nBudget = nBudget;
  return c;
}

static void term_free(Term *t){
  free(t->zTerm);
  postings_clear(&t->p);
  free(t);
}

void termcache_clear(TermCache *c){
  for(int i=0; i<c->n; i++) term_free(c->a[i]);
  c->n = 0;
  c->nByte = 0;
}

void termcache_pin(TermCache *c){
  c->iPin = c->iClock;
}

void termcache_free(TermCache *c){
  if( c==0 ) return;
  termcache_clear(c);
  free(c->a);
  free(c);
}

size_t termcache_budget(const TermCache *c){
  return c->nBudget;
}

const Postings *termcache_find(TermCache *c, const char *zTerm){
  for(int i=0; i<c->n; i++){
    if( strcmp(c->a[i]->zTerm, zTerm)==0 ){
      c->a[i]->iUsed = ++c->iClock;
      return &c->a[i]->p;
    }
  }
  return 0;
}

const Postings *termcache_put(TermCache *c, const char *zTerm, Postings *p){
  size_t nByte = postings_bytes(p) + strlen(zTerm) + sizeof(Term);
  while( c->nByte+nByte>c->nBudget ){
    int iOld = -1;
    for(int i=0; i<c->n; i++){
      if( c->a[i]->iUsed<=c->iPin && (iOld<0 || c->a[i]->iUsed<c->a[iOld]->iUsed) ) iOld = i;
    }
    if( iOld<0 ){
      postings_clear(p);
      return 0;
    }
    c->nByte -= c->a[iOld]->nByte;
    term_free(c->a[iOld]);
    c->a[iOld] = c->a[--c->n];
  }
  if( c->n==c->nAlloc ){
    c->nAlloc = c->nAlloc ? 2*c->nAlloc : 16;
    c->a = xrealloc(c->a, c->nAlloc*sizeof(Term*));
  }
  postings_fit(p);
  Term *t = xrealloc(0, sizeof *t);
  c->a[c->n++] = t;
  t->zTerm = xstrdup(zTerm);
  t->p = *p;
  memset(p, 0, sizeof *p);
  t->nByte = nByte;
  t->iUsed = ++c->iClock;
  c->nByte += nByte;
  return &t->p;
}
