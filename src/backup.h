/*
** backup.h — "overleg backup": a copy of the archive, made while the
** server runs, that is restored by pointing --storage at it.
**
** The database is copied as one consistent snapshot with SQLite's online
** backup API (WAL lets the writer go on meanwhile); then every original
** the snapshot names is made sure of in the backup: kept when a file of
** its name and size is there, else copied from the archive under a temp
** name, hashed while copied; all copies are synced at once and only then
** renamed into place.  The snapshot replaces the
** backup's database last, and originals are never deleted from the
** backup, so an interrupted backup leaves the previous one whole.  Part
** of the store layer (it holds SQL).
*/
#ifndef OVERLEG_BACKUP_H
#define OVERLEG_BACKUP_H

#include "store.h"

typedef struct BackupResult {
  long nDocument;                /* documents in the snapshot */
  long nCopied;                  /* originals copied into the backup */
  long nKept;                    /* originals already there */
  long nFailed;                  /* originals missing or damaged in the archive */
  unsigned long long nByte;      /* bytes of the originals copied */
  unsigned long long nDbByte;    /* bytes of the database copied */
} BackupResult;

#define BACKUP_VERIFY 1      /* hash the originals already in the backup */
#define BACKUP_REFUSED 2     /* backup_run's answer for a destination refused */

/* Called once per original not copied (bFailed) or copied again because
** the backup's copy was damaged, with one line of text
** ("document 12 (verslag.odt): ..."). */
typedef void (*BackupReport)(void *ctx, int bFailed, const char *zLine);

/* Backs up the archive s into the folder zDest (made, with originals/,
** when missing), with the flags BACKUP_VERIFY (or 0), and writes an
** audit row in the archive (actor "cli", action "backup", object the
** real path of zDest, detail {documents, copied, kept, failed, bytes}).
** *r is filled as far as the backup got.  Returns 0 when every original
** is in the backup; 1 when some could not be copied (each reported
** through x, which may be NULL; the backup is made nonetheless);
** BACKUP_REFUSED with err set when zDest is the archive or inside it,
** when its database is open in a program (an overleg.db-wal, -shm or
** -journal beside it) or another backup into it runs; -1 with err set
** when the backup could not be made (the previous one in zDest stays as
** it was; no temp file is left). */
int backup_run(Store *s, const char *zDest, int flags, BackupReport x, void *ctx,
               BackupResult *r, Err *err);

#endif
