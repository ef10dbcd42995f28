/*
** postings.h — the passages of query terms, held in memory beside FTS5.
**
** Stepping FTS5 through the matches of a common word costs about 50 ns a
** passage in SQLite's virtual machine, 12 ms for a word in a quarter of a
** million passages, before anything is ranked.  A term read once into two
** flat arrays (passage ids ascending, and per passage an index into the
** few distinct term frequencies it has) is then combined with other terms
** by merging arrays, at a few nanoseconds a passage.  search.c reads the
** arrays from FTS5 itself and decides when they can stand in for it.
**
** One TermCache serves every connection of a process (one mutex; the
** work under it is a look through the terms kept).  It holds one search
** generation of the archive (search.h): a search of a newer one empties
** it.  A search holds the postings it uses until it ends, so that they
** stay whole while another thread makes room.  Least recently used terms
** go first once it holds more than its byte budget.
*/
#ifndef OVERLEG_POSTINGS_H
#define OVERLEG_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

/* One term's passages: aRow[i] ascending, with the frequencies
** aTf[aWhich[i]] (packed as the caller packs them), in groups of
** consecutive rows (the caller's documents, aGroup[g]); aBest[g] is the
** aWhich of the group's row that the caller valued most (the first of
** equals).  Six bytes a row and six a group. */
typedef struct Postings {
  uint32_t *aRow;
  uint16_t *aWhich;
  int64_t *aTf;            /* distinct frequencies, at most 4096 */
  int n, nTf;
  int32_t *aGroup;
  uint16_t *aBest;
  int nGroup;
  double rBest;            /* while adding: the last group's best value */
  int bRepeated;           /* some aGroup value >= 0 is in two groups */
  int bFailed;             /* postings_add() refused a row: do not use */
} Postings;

/* Adds a row, in ascending iRow, with its frequencies tf and the caller's
** value of it, to group iGroup: the last group when it is that one, else
** a new group. */
void postings_add(Postings *p, int64_t iRow, int64_t tf, int32_t iGroup, double rValue);
void postings_clear(Postings *p);

typedef struct TermCache TermCache;

TermCache *termcache_new(size_t nBudget);
void termcache_free(TermCache *c);     /* accepts NULL; no term may be held */

/* The postings kept for zTerm as of search generation iGeneration (a
** newer one than the cache's forgets every term kept), held for the
** caller until termcache_release(); NULL when there are none. */
const Postings *termcache_get(TermCache *c, const char *zTerm, int64_t iGeneration);
/* Keeps *p (its arrays now the cache's; *p is left empty) under zTerm for
** iGeneration, making room by forgetting the least recently used terms;
** a term held by a search lives on until released.  Returns the kept
** postings (or those another thread kept first), held for the caller, or
** NULL (and frees them) when they cannot be kept: larger than the budget,
** or of a generation older than the cache's. */
const Postings *termcache_put(TermCache *c, const char *zTerm, int64_t iGeneration, Postings *p);
void termcache_release(TermCache *c, const Postings *p);

#endif
