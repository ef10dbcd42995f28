/*
** org.h — the organisation model (organisations, persons, topics, bodies
** and their dated participations, portfolios and memberships) as one JSON
** file that staff edit by hand: "overleg org load FILE", "overleg org
** export".  The format is documented at the top of org.c and in README.md.
**
** Both functions work on an open archive connection (store_db()); the
** caller keeps the connection and the buffers.
*/
#ifndef OVERLEG_ORG_H
#define OVERLEG_ORG_H

#include <sqlite3.h>
#include <stddef.h>
#include "buf.h"
#include "err.h"
#include "bounds.h"

#define ORG_MAX_BYTES (16 * MiB)   /* the largest file org_load accepts */

/* What a load saw and did. */
typedef struct OrgCounts {
  int nOrganisation, nPerson, nTopic, nBody;       /* entries in the file */
  int nParticipation, nPortfolio, nMembership;
  sqlite3_int64 nChanged;   /* rows inserted, updated or deleted: 0 when the
                            ** archive already held exactly this file */
} OrgCounts;

/* Loads the JSON text zJson (nJson bytes, at most ORG_MAX_BYTES) in one
** transaction: all of it or, on the first error, none of it.  Entities are
** added or updated by name and never deleted; the participants, portfolio
** holders and members of each topic and body in the file replace the stored
** ones.  pCounts may be NULL.  Returns 0, or -1 with err holding one line
** that names the place in the file ("topics[2].participants[0]: unknown
** organisation ..."). */
int org_load(sqlite3 *db, const char *zJson, size_t nJson, OrgCounts *pCounts, Err *err);

/* Appends the whole model to out as pretty JSON in the shape org_load
** reads, sorted so that the same model always gives the same bytes.
** Returns 0, or -1 with err set and out as it was. */
int org_export(sqlite3 *db, Buf *out, Err *err);

#endif
