/*
** import.h — putting files into the archive.
**
** Workers (one per core) copy each file into originals/tmp while hashing
** it, extract the text from that copy (so the bytes indexed are exactly
** the bytes kept), infer what flags did not say and cut passages.  One
** writer takes their results in batches: it makes the batch's copies
** durable, renames them into originals/, makes the renames durable, and
** only then commits the rows, one savepoint per document.  A crash at any
** moment leaves no row without its file and no half-indexed document; it
** can leave a file without a row, which "overleg check --repair" removes.
*/
#ifndef OVERLEG_IMPORT_H
#define OVERLEG_IMPORT_H

#include <stdint.h>
#include "err.h"
#include "store.h"

typedef struct ImportOpts {
  const char *zBody, *zTopic, *zDate, *zKind;  /* given by the user; NULL = infer */
  const char *zActor;       /* recorded as imported_by; NULL for the CLI user */
  const char *const *azName;/* display names per path (uploads); NULL = the paths */
  int nThread;              /* 0: one per core */
} ImportOpts;

typedef enum ImportStatus { IMPORT_NEW, IMPORT_DUPLICATE, IMPORT_FAILED } ImportStatus;

typedef struct ImportStats {
  long nFile, nNew, nDup, nFail;  /* files seen so far and what became of them */
  long nTotal;                    /* files to do, once the folders are walked */
  uint64_t nByte, nByteTotal;     /* bytes of the files done, and of all */
} ImportStats;

typedef struct ImportResult {
  const char *zPath;        /* as given (or found in a folder) */
  const char *zName;        /* its display name */
  ImportStatus status;
  long long iDoc;           /* the new document, or the one it duplicates */
  const char *zReason;      /* IMPORT_FAILED: why, one line */
} ImportResult;

/* Called by the writer for each file as its fate is known, with the
** running totals. */
typedef void (*ImportReport)(void *ctx, const ImportResult *r, const ImportStats *st);

/* Imports the files and folders (recursively, hidden entries skipped) in
** azPath.  Returns 0 when every file was imported or was a duplicate, 1
** when some failed (each reported), -1 with err set when the import could
** not run at all (bad flag, unknown body, archive not writable). */
int import_run(Store *s, char **azPath, int nPath, const ImportOpts *o,
               ImportReport xReport, void *ctx, ImportStats *st, Err *err);

/* The document kind z names, whatever its capitals, as --kind takes it:
** "Notulen" -> "verslag"; NULL when it names none. */
const char *import_kind(const char *z);

/* Links AO meetings to the BO meeting each prepares (table
** meeting_prepares, how 'next'), by the one rule of the archive: an AO
** meeting prepares the first meeting of the BO its AO prepares
** (body.prepares_id) on or after the AO meeting's date.  The links of the
** meetings of body iBody are made again (iBody an AO: its meetings; a BO:
** the meetings of the AOs preparing it); of all meetings when iBody is 0.
** The import calls it for the bodies that got a new meeting; call it
** after changing bodies or meetings otherwise (the organisation loaded, a
** document moved to a new meeting), with iBody 0 after a migration.
** Returns 0, or -1 with err set. */
int import_link_meetings(sqlite3 *db, long long iBody, Err *err);

#endif
