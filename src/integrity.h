/*
** integrity.h — "overleg check": the database's integrity, the search index
** against the passages, every document's original present with its size,
** no original without its document, and the documents lacking a date, a
** body or a kind.  Part of the store layer (it holds SQL).
*/
#ifndef OVERLEG_INTEGRITY_H
#define OVERLEG_INTEGRITY_H

#include "store.h"

typedef struct IntegrityResult {
  long nDocument;      /* documents checked */
  long nProblem;       /* integrity problems found (and not repaired) */
  long nRepaired;      /* orphan files removed by --repair */
  long nIncomplete;    /* documents that need metadata */
} IntegrityResult;

/* Called once per finding, with one line of text. */
typedef void (*IntegrityReport)(void *ctx, const char *zLine);

/* Checks the archive; with bRepair also rebuilds the search index and
** removes originals that no document refers to.  Returns 1 when integrity
** problems remain, else 0. */
int integrity_run(Store *s, int bRepair, IntegrityReport x, void *ctx, IntegrityResult *r);

#endif
