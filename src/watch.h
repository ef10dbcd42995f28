/*
** watch.h — the watched import folder of "overleg serve".
**
** A file that appears in the folder is imported with inferred metadata
** (recorded as imported by "import-map") and then moved, never replacing
** anything, to DIR/done/ (imported, or a duplicate of a stored document)
** or to DIR/failed/ with NAME.reason.txt beside it (one line: why).  A
** name already taken there gets a number: "verslag (2).odt".  Each file
** is logged on stderr as one line:
**
**   overleg: import/verslag.odt: imported as document 12
**   overleg: import/verslag.odt: duplicate of document 12
**   overleg: import/x.docx: failed: not an ODT or DOCX file
**
** A file counts as complete once written and closed (inotify close-write)
** or moved in (moved-to), and quiet after that for the settle time: no
** further write or close and the same size, modification time and inode.
** A program that writes a file in pieces, closing it in between, thus has
** it imported once and whole.  The settle time is 1 s, or
** $OVERLEG_WATCH_SETTLE_MS (0 to 600000) read by watch_start().
** Not imported: hidden names (".~lock.NAME#" of LibreOffice), names
** ending in "~", ".part", ".crdownload" or ".tmp" (files still being
** downloaded or copied), sub-folders (done/, failed/ and any other),
** symbolic links and anything else that is not a regular file.
*/
#ifndef OVERLEG_WATCH_H
#define OVERLEG_WATCH_H

#include "err.h"
#include "store.h"

typedef struct Watch Watch;

/* Creates zDir and its done/ and failed/ when missing, starts watching it
** and starts a thread that imports what appears there, and what was there
** already.  Each import runs between xLock(pCtx) and xUnlock(pCtx) (the
** server's single writer; both may be NULL) on store_db(s), so s must
** outlive the Watch.  Returns 0 with *pp set, or -1 with *pp = NULL and
** err set ("cannot create the import folder import/: Permission denied"). */
int watch_start(Store *s, const char *zDir, void (*xLock)(void*), void (*xUnlock)(void*),
                void *pCtx, Watch **pp, Err *err);

/* Wakes the thread, lets it finish the file it is importing (files still
** settling stay where they are, for the next start), joins it and frees
** w.  Accepts NULL.  Must not be called while holding the xLock. */
void watch_stop(Watch *w);

/* Imports the files in zDir now, one by one, without waiting for them to
** settle, and moves each as above (the folders are created when missing).
** Returns 0 when every file was imported or a duplicate, 1 when some
** failed (moved to failed/), -1 with err set when the folder cannot be
** made or read or a file could not be imported or moved at all (it is
** left in place and the rest are not tried). */
int watch_scan_once(Store *s, const char *zDir, Err *err);

#endif
