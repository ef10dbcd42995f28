/*
** rcache.h — the server's cache of search answers: the JSON text of a
** search, by the search's options, for one state of the archive.
**
** Officials page through results, toggle facets and come back to the same
** query; an answer is the same until the archive changes.  The caller
** names that state with a generation number (http.c: the archive's search
** generation, search.h); an entry of another generation is never
** returned.  Least recently used entries go first once the cache holds
** more than its byte budget.  Thread-safe (one mutex; the work under it is
** a hash lookup and a copy).
*/
#ifndef OVERLEG_RCACHE_H
#define OVERLEG_RCACHE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

typedef struct RCache RCache;

RCache *rcache_new(size_t nMaxBytes);   /* 0: a cache that keeps nothing */
void rcache_free(RCache *c);            /* accepts NULL */

/* Appends to out the value stored under zKey for generation iGen and
** returns 1; 0 (out unchanged) when there is none. */
int rcache_get(RCache *c, const char *zKey, uint64_t iGen, Buf *out);
/* Stores a copy of zVal (nVal bytes) under zKey for generation iGen,
** replacing what was there.  Values larger than an eighth of the budget
** are not kept. */
void rcache_put(RCache *c, const char *zKey, uint64_t iGen, const char *zVal, size_t nVal);

#endif
