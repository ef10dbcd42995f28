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
  int bInternal;            /* IMPORT_FAILED: the archive's fault, not the file's */
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

/* ---- Reading stored originals again. ---- */

/* What reading one document again did. */
typedef struct RereadResult {
  long long iDoc;
  const char *zName;        /* its original_name ("" when unknown) */
  const char *zError;       /* NULL, or why it was left as it was (one line) */
  int bMissing;             /* ... because there is no such document */
  int bPassages;            /* its passages and index rows were made again */
  long anBefore[3], anAfter[3];  /* rows of decision, action_item, attendance */
} RereadResult;

typedef void (*RereadReport)(void *ctx, const RereadResult *r);

/* Reads the stored originals of the documents aiDoc[0..nDoc) (all
** documents, by id, when aiDoc is NULL) again, as the import reads a new
** file, and makes what the minutes reader recognises in them again: for
** an archive made before minutes recognition, or after the reader
** improved.  Per document, in one transaction of its own (durable when
** it commits), with an audit row ("document.reread", actor zActor, NULL:
** "cli"):
**   - passages and their index rows stay when the new reading gives the
**     same passages (count, heading and text); otherwise they are made
**     again, and the document's text_size and municipalities with them;
**   - agenda items, attendance, actions, commitments, adoptions and
**     recognised decisions are made again;
**   - a recognised decision that was there before (same text, on a
**     passage with the same text) keeps its row, id, removed flag,
**     ratify and refers_to; one no longer recognised is deleted unless
**     something hangs on it (removed=1, ratify set, a ratification row),
**     in which case it stays;
**   - decisions staff added (source 'staff') stay, relinked to the
**     passage and agenda item of the same text; they and the decisions
**     kept follow the recognised ones in seq;
**   - a person match staff set (person_by) stays on the new attendance
**     row of the same name, organisation and role.
** A document whose original cannot be read (or that does not exist) is
** reported with zError and left as it was.  xReport (may be NULL) is
** called once per document.  Returns 0 when all were read, 1 when some
** failed, -1 with err set when the run could not start or the archive
** failed (a database error; the document at hand is rolled back). */
int import_reread(Store *s, const long long *aiDoc, long nDoc, const char *zActor,
                  RereadReport xReport, void *ctx, Err *err);

#endif
