/*
** integrity.h — "overleg check": the database's integrity, the search index
** against the passages, every document's original present with its size
** (and, verifying, with the SHA-256 it was stored under: the evidence
** unchanged), no original without its document, and the documents lacking
** a date, a body or a kind.  Part of the store layer (it holds SQL).
*/
#ifndef OVERLEG_INTEGRITY_H
#define OVERLEG_INTEGRITY_H

#include "store.h"

typedef struct IntegrityResult {
  long nDocument;      /* documents checked */
  long nProblem;       /* integrity problems found (and not repaired) */
  long nRepaired;      /* orphan files removed by --repair */
  long nIncomplete;    /* documents that need metadata */
  long nHashed;        /* originals read and hashed (INTEGRITY_VERIFY) */
} IntegrityResult;

#define INTEGRITY_REPAIR 1   /* rebuild the search index, remove orphan files */
#define INTEGRITY_VERIFY 2   /* read every original and compare its SHA-256 */

/* Called once per finding, with one line of text. */
typedef void (*IntegrityReport)(void *ctx, const char *zLine);

/* Checks the archive; flags INTEGRITY_REPAIR and INTEGRITY_VERIFY (or
** 0), and records the run in the audit log (actor "cli", action
** "check", object "archive", detail {documents, problems, repaired,
** hashed, verify}).  Returns 1 when integrity problems remain, else 0. */
int integrity_run(Store *s, int flags, IntegrityReport x, void *ctx, IntegrityResult *r);

#endif
