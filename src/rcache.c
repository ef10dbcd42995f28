/*
** rcache.c — an LRU map from strings to strings; see rcache.h.
**
** A chained hash table (power-of-two buckets, doubled as it fills) and a
** doubly linked list in order of use, most recent at the head.
*/
#include "rcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry Entry;
struct Entry {
  Entry *pNextHash;          /* bucket chain */
  Entry *pPrev, *pNext;      /* use order */
  uint64_t iGen;
  uint64_t h;
  size_t nKey, nVal;
  char *zKey, *zVal;
};

struct RCache {
  pthread_mutex_t mu;
  Entry **aBucket;
  size_t nBucket, nEntry;
  Entry *pHead, *pTail;
  size_t nBytes, nMaxBytes;
};

static uint64_t hash_of(const char *z, size_t n){
  uint64_t h = 14695981039346656037ULL;          /* FNV-1a */
  for(size_t i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 1099511628211ULL; }
  return h;
}

static size_t entry_bytes(const Entry *e){ return sizeof *e + e->nKey + e->nVal; }

RCache *rcache_new(size_t nMaxBytes){
  RCache *c = xrealloc(0, sizeof *c);
  memset(c, 0, sizeof *c);
  pthread_mutex_init(&c->mu, 0);
  c->nMaxBytes = nMaxBytes;
  c->nBucket = 64;
  c->aBucket = xrealloc(0, c->nBucket*sizeof(Entry*));
  memset(c->aBucket, 0, c->nBucket*sizeof(Entry*));
  return c;
}

static void entry_free(Entry *e){
  free(e->zKey);
  free(e->zVal);
  free(e);
}

void rcache_free(RCache *c){
  if( c==0 ) return;
  for(Entry *e=c->pHead, *pNext; e; e=pNext){
    pNext = e->pNext;
    entry_free(e);
  }
  free(c->aBucket);
  pthread_mutex_destroy(&c->mu);
  free(c);
}

static void list_unlink(RCache *c, Entry *e){
  if( e->pPrev ) e->pPrev->pNext = e->pNext; else c->pHead = e->pNext;
  if( e->pNext ) e->pNext->pPrev = e->pPrev; else c->pTail = e->pPrev;
  e->pPrev = e->pNext = 0;
}

static void list_push(RCache *c, Entry *e){
  e->pPrev = 0;
  e->pNext = c->pHead;
  if( c->pHead ) c->pHead->pPrev = e; else c->pTail = e;
  c->pHead = e;
}

/* The slot that points at the entry for zKey, or at the NULL ending its
** bucket. */
static Entry **find_slot(RCache *c, const char *zKey, size_t nKey, uint64_t h){
  Entry **pp = &c->aBucket[h & (c->nBucket-1)];
  while( *pp && !((*pp)->h==h && (*pp)->nKey==nKey && memcmp((*pp)->zKey, zKey, nKey)==0) ){
    pp = &(*pp)->pNextHash;
  }
  return pp;
}

static void remove_entry(RCache *c, Entry *e){
  Entry **pp = find_slot(c, e->zKey, e->nKey, e->h);
  *pp = e->pNextHash;
  list_unlink(c, e);
  c->nBytes -= entry_bytes(e);
  c->nEntry--;
  entry_free(e);
}

static void grow(RCache *c){
  size_t nNew = c->nBucket*2;
  Entry **aNew = xrealloc(0, nNew*sizeof(Entry*));
  memset(aNew, 0, nNew*sizeof(Entry*));
  for(size_t i=0; i<c->nBucket; i++){
    for(Entry *e=c->aBucket[i], *pNext; e; e=pNext){
      pNext = e->pNextHash;
      e->pNextHash = aNew[e->h & (nNew-1)];
      aNew[e->h & (nNew-1)] = e;
    }
  }
  free(c->aBucket);
  c->aBucket = aNew;
  c->nBucket = nNew;
}

int rcache_get(RCache *c, const char *zKey, uint64_t iGen, Buf *out){
  size_t nKey = strlen(zKey);
  uint64_t h = hash_of(zKey, nKey);
  int bFound = 0;
  pthread_mutex_lock(&c->mu);
  Entry *e = *find_slot(c, zKey, nKey, h);
  if( e && e->iGen!=iGen ){
    remove_entry(c, e);            /* of an archive that is no more */
  }else if( e ){
    list_unlink(c, e);
    list_push(c, e);
    buf_append(out, e->zVal, e->nVal);
    bFound = 1;
  }
  pthread_mutex_unlock(&c->mu);
  return bFound;
}

void rcache_put(RCache *c, const char *zKey, uint64_t iGen, const char *zVal, size_t nVal){
  size_t nKey = strlen(zKey);
  if( sizeof(Entry) + nKey + nVal > c->nMaxBytes/8 ) return;
  uint64_t h = hash_of(zKey, nKey);
  Entry *e = xrealloc(0, sizeof *e);
  memset(e, 0, sizeof *e);
  e->iGen = iGen;
  e->h = h;
  e->nKey = nKey;
  e->nVal = nVal;
  e->zKey = xrealloc(0, nKey+1);
  memcpy(e->zKey, zKey, nKey+1);
  e->zVal = xrealloc(0, nVal+1);
  memcpy(e->zVal, zVal, nVal);
  e->zVal[nVal] = 0;
  pthread_mutex_lock(&c->mu);
  Entry *pOld = *find_slot(c, zKey, nKey, h);
  if( pOld ) remove_entry(c, pOld);
  while( c->pTail && c->nBytes + entry_bytes(e) > c->nMaxBytes ) remove_entry(c, c->pTail);
  if( c->nEntry+1 > c->nBucket ) grow(c);
  Entry **pp = find_slot(c, zKey, nKey, h);
  e->pNextHash = *pp;   /* NULL: the key is not there any more */
  *pp = e;
  list_push(c, e);
  c->nBytes += entry_bytes(e);
  c->nEntry++;
  pthread_mutex_unlock(&c->mu);
}
