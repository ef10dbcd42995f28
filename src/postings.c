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

void postings_add(Postings *p, int64_t iRow, int64_t tf){
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
    if( (p->nTf & (p->nTf-1))==0 ){
      p->aTf = xrealloc(p->aTf, (p->nTf ? 2*p->nTf : 8)*sizeof(int64_t));
    }
    p->aTf[p->nTf++] = tf;
  }
  if( (p->n & (p->n-1))==0 ){
    size_t nNew = p->n ? 2*(size_t)p->n : 64;
    p->aRow = xrealloc(p->aRow, nNew*sizeof(uint32_t));
    p->aWhich = xrealloc(p->aWhich, nNew*sizeof(uint16_t));
  }
  p->aRow[p->n] = (uint32_t)iRow;
  p->aWhich[p->n++] = (uint16_t)k;
}

void postings_clear(Postings *p){
  free(p->aRow);
  free(p->aWhich);
  free(p->aTf);
  memset(p, 0, sizeof *p);
}

size_t postings_bytes(const Postings *p){
  return (size_t)p->n*(sizeof(uint32_t)+sizeof(uint16_t)) + (size_t)p->nTf*sizeof(int64_t);
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
