/*
** backup.c — "overleg backup": a restorable copy of the live archive.
** See backup.h.
**
** The order is what makes an interrupted backup harmless: the snapshot
** goes to a temp file, the originals it names are made durable in
** place, and only then does the snapshot become DEST/overleg.db.  Temp
** files have names that are not a SHA-256 (originals/ab/SHA.tmp,
** overleg.db.tmp), so "overleg check --repair" on the backup removes the
** ones an interrupted run leaves in originals/, and the next run, holding
** DEST/backup.lock, removes or overwrites them.
*/
#include "backup.h"
#include "sql.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* One backup as it goes. */
typedef struct Backup {
  Store *s;
  char *zDest;                 /* as given, without trailing '/' */
  char *zParent;               /* the folder above zDest when this run made zDest */
  int bVerify;
  BackupReport x;
  void *ctx;
  BackupResult *r;
  Err *err;
  unsigned char aDirty[256];   /* originals/ab/ folders given a file: synced
                               ** before the snapshot moves in */
  char (*aPending)[65];        /* originals copied to SHA.tmp, not yet renamed */
  int nPending;
} Backup;

/* One document of the snapshot. */
typedef struct BackupDoc {
  sqlite3_int64 iDoc, nSize;
  const char *zSha, *zName;
} BackupDoc;

static int refuse(Err *err, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
static void report(Backup *b, int bFailed, const BackupDoc *d, const char *zFmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets err to the message; returns BACKUP_REFUSED. */
static int refuse(Err *err, const char *zFmt, ...){
  Buf m = BUF_INIT;
  va_list ap;
  va_start(ap, zFmt);
  buf_vappendf(&m, zFmt, ap);
  va_end(ap);
  err_set(err, "%s", m.z);
  buf_release(&m);
  return BACKUP_REFUSED;
}

/* Passes "document ID (NAME): what happened" to the caller; a failure
** counts. */
static void report(Backup *b, int bFailed, const BackupDoc *d, const char *zFmt, ...){
  Buf m = BUF_INIT;
  buf_appendf(&m, "document %lld (%s): ", (long long)d->iDoc, d->zName);
  va_list ap;
  va_start(ap, zFmt);
  buf_vappendf(&m, zFmt, ap);
  va_end(ap);
  b->r->nFailed += bFailed;
  if( b->x ) b->x(b->ctx, bFailed, m.z);
  buf_release(&m);
}

static int write_error(Backup *b, const char *zPath){
  return err_internal(b->err, "cannot write to the backup: %s: %s", zPath, strerror(errno));
}

/* Makes what was written into the file or folder zPath durable. */
static int sync_path(Backup *b, const char *zPath){
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  if( fd<0 || fsync(fd) ){
    int rc = write_error(b, zPath);
    if( fd>=0 ) close(fd);
    return rc;
  }
  close(fd);
  return 0;
}

/* 2 when the folder zReal (a real path) is the archive's folder, 1 when
** a folder above it is, else 0.  Devices and inodes are compared, so
** that neither a symbolic link nor a bind mount hides the archive. */
static int archive_at_or_above(const char *zReal, const struct stat *pArch){
  Buf p = BUF_INIT;
  buf_puts(&p, zReal);
  int nUp = 0, found = 0;
  for(;;){
    struct stat sb;
    if( stat(p.z, &sb)==0 && sb.st_dev==pArch->st_dev && sb.st_ino==pArch->st_ino ){
      found = nUp ? 1 : 2;
      break;
    }
    char *zSlash = strrchr(p.z, '/');
    if( zSlash==0 || p.n<=1 ) break;
    buf_truncate(&p, zSlash==p.z ? 1 : (size_t)(zSlash - p.z));
    nUp++;
  }
  buf_release(&p);
  return found;
}

/* Refuses a destination that is the archive or lies inside it (the
** backup would copy into what it reads), making it when missing, but
** only after its parent was found outside the archive.  *pzReal gets
** its real path (the caller frees it). */
static int dest_open(Backup *b, char **pzReal){
  struct stat arch, sb;
  *pzReal = 0;
  if( stat(store_dir(b->s), &arch) ){
    return err_internal(b->err, "cannot read the archive's folder %s: %s", store_dir(b->s),
                        strerror(errno));
  }
  if( stat(b->zDest, &sb) && errno==ENOENT ){
    const char *zSlash = strrchr(b->zDest, '/');
    Buf p = BUF_INIT;
    if( zSlash==0 ) buf_putc(&p, '.');
    else buf_append(&p, b->zDest, zSlash==b->zDest ? 1 : (size_t)(zSlash - b->zDest));
    b->zParent = buf_detach(&p, 0);
    char *zReal = realpath(b->zParent, 0);
    int bInside = zReal && archive_at_or_above(zReal, &arch);
    free(zReal);
    if( bInside ){
      return refuse(b->err, "%s lies inside the archive %s: back it up into a folder outside it",
                    b->zDest, store_dir(b->s));
    }
    if( mkdir(b->zDest, 0750) ){
      return err_internal(b->err, "cannot create the folder %s: %s", b->zDest, strerror(errno));
    }
  }
  char *zReal = realpath(b->zDest, 0);
  if( zReal==0 ) return err_internal(b->err, "cannot open %s: %s", b->zDest, strerror(errno));
  int k = archive_at_or_above(zReal, &arch);
  int rc = 0;
  if( k==2 ){
    rc = refuse(b->err, "%s is the archive itself: back it up into a folder outside it", b->zDest);
  }else if( k ){
    rc = refuse(b->err, "%s lies inside the archive %s: back it up into a folder outside it",
                b->zDest, store_dir(b->s));
  }else if( stat(zReal, &sb) || !S_ISDIR(sb.st_mode) ){
    rc = refuse(b->err, "%s is not a folder", b->zDest);
  }
  if( rc ) free(zReal);
  else *pzReal = zReal;
  return rc;
}

/* A database renamed under the WAL or journal of a program that has the
** backup open would be corrupted by it: refused while one is there. */
static int dest_not_open(Backup *b){
  static const char *const azSuffix[] = { "-wal", "-shm", "-journal" };
  Buf p = BUF_INIT;
  int rc = 0;
  for(size_t i=0; rc==0 && i<sizeof azSuffix/sizeof azSuffix[0]; i++){
    buf_reset(&p);
    buf_appendf(&p, "%s/overleg.db%s", b->zDest, azSuffix[i]);
    struct stat sb;
    if( lstat(p.z, &sb)==0 ){
      rc = refuse(b->err, "%s exists: the backup is open in a program (stop it first)", p.z);
    }
  }
  buf_release(&p);
  return rc;
}

/* One backup at a time into a folder: the lock is what lets a run remove
** the temp files it finds (*pfd holds it; closing releases it). */
static int dest_lock(Backup *b, int *pfd){
  Buf p = BUF_INIT;
  buf_appendf(&p, "%s/backup.lock", b->zDest);
  int rc = 0, fd = open(p.z, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if( fd<0 ){
    rc = write_error(b, p.z);
  }else if( flock(fd, LOCK_EX | LOCK_NB) ){
    rc = errno==EWOULDBLOCK ? refuse(b->err, "another backup into %s is running", b->zDest)
                            : err_internal(b->err, "cannot lock %s: %s", p.z, strerror(errno));
    close(fd);
    fd = -1;
  }
  *pfd = fd;
  buf_release(&p);
  return rc;
}

/* Removes the temp database and what SQLite may have made beside it. */
static void tmp_db_remove(const char *zDest){
  static const char *const azSuffix[] = { "", "-journal", "-wal", "-shm" };
  Buf p = BUF_INIT;
  for(size_t i=0; i<sizeof azSuffix/sizeof azSuffix[0]; i++){
    buf_reset(&p);
    buf_appendf(&p, "%s/overleg.db.tmp%s", zDest, azSuffix[i]);
    unlink(p.z);
  }
  buf_release(&p);
}

/* Copies the archive's database, as it is at one moment, into zTmp: all
** pages in one backup step, because a step at a time would start over
** whenever the server commits.  The copy is left in rollback-journal
** mode, one self-contained file (readable from read-only media; opening
** it with store_open puts it back in WAL mode).  *ppDb gets the copy,
** open, to read its documents from. */
static int snapshot(Backup *b, const char *zTmp, sqlite3 **ppDb){
  sqlite3 *pDb = 0;
  *ppDb = 0;
  int rc = sqlite3_open_v2(zTmp, &pDb, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                           | SQLITE_OPEN_NOMUTEX, 0);
  /* no journal for a file that is removed if anything fails; it is
  ** synced once, whole, after it is closed */
  if( rc==SQLITE_OK ) rc = sqlite3_exec(pDb, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF",
                                        0, 0, 0);
  if( rc==SQLITE_OK ){
    sqlite3_backup *p = sqlite3_backup_init(pDb, "main", store_db(b->s), "main");
    if( p==0 ){
      rc = sqlite3_errcode(pDb);
    }else{
      /* busy only while another connection recovers the WAL: wait a while */
      int nTry = 0;
      while( (rc = sqlite3_backup_step(p, -1))==SQLITE_BUSY || rc==SQLITE_LOCKED ){
        if( ++nTry>100 ) break;
        sqlite3_sleep(100);
      }
      int rcFinish = sqlite3_backup_finish(p);
      if( rc==SQLITE_DONE ) rc = rcFinish;
    }
  }
  if( rc==SQLITE_OK ) rc = sqlite3_exec(pDb, "PRAGMA journal_mode=DELETE", 0, 0, 0);
  if( rc!=SQLITE_OK ){
    err_internal(b->err, "cannot copy the database: %s", pDb ? sqlite3_errmsg(pDb) : "out of memory");
    sqlite3_close(pDb);
    return -1;
  }
  *ppDb = pDb;
  return 0;
}

static int hex_digit(char c){ return c<='9' ? c-'0' : c-'a'+10; }

/* With --verify: is the backup's copy at zPath what its name says?  0
** when it is; else 1 with the reason in why. */
static int copy_differs(const char *zPath, const char *zSha, Buf *why){
  char zHex[65];
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  int rc = fd<0 ? -1 : store_hash_copy(fd, -1, zHex, 0, 0);
  int e = errno;
  if( fd>=0 ) close(fd);
  if( rc ) buf_appendf(why, "cannot be read (%s)", strerror(e));
  else if( strcmp(zHex, zSha)!=0 ) buf_puts(why, "was damaged (its SHA-256 differs)");
  else return 0;
  return 1;
}

/* Makes sure the backup holds d's original: kept when a file of its
** name and size is there (and, verifying, its SHA-256 matches), else
** copied from the archive into SHA.tmp beside it while hashed, compared,
** and left pending (pending_finish syncs and renames them all).  An
** original missing or damaged in the archive is reported and not
** copied.  0, or -1 with err set when the backup cannot be written. */
static int original_one(Backup *b, const BackupDoc *d){
  BackupResult *r = b->r;
  Buf dst = BUF_INIT, tmp = BUF_INIT, why = BUF_INIT;
  int rc = 0, fdIn = -1, fdOut = -1, bTmp = 0;
  buf_appendf(&dst, "%s/originals/%.2s", b->zDest, d->zSha);
  size_t nDir = dst.n;
  buf_appendf(&dst, "/%s", d->zSha);
  struct stat sb;
  if( lstat(dst.z, &sb)==0 && S_ISREG(sb.st_mode) && sb.st_size==d->nSize ){
    if( !b->bVerify || !copy_differs(dst.z, d->zSha, &why) ){
      r->nKept++;
      goto done;
    }
    report(b, 0, d, "the copy in the backup %s: copied again", why.z);
  }
  store_original_path(b->s, d->zSha, &tmp);
  fdIn = open(tmp.z, O_RDONLY | O_CLOEXEC);
  buf_reset(&tmp);
  if( fdIn<0 ){
    if( errno==ENOENT ) report(b, 1, d, "the original in the archive is missing: not copied");
    else report(b, 1, d, "cannot read the original in the archive (%s): not copied", strerror(errno));
    goto done;
  }
  /* a size that differs needs no reading to be known damaged */
  if( fstat(fdIn, &sb)==0 && sb.st_size!=d->nSize ){
    report(b, 1, d, "the original in the archive is damaged (it has %lld bytes, not %lld):"
           " not copied", (long long)sb.st_size, (long long)d->nSize);
    goto done;
  }
  buf_appendf(&tmp, "%.*s", (int)nDir, dst.z);
  if( mkdir(tmp.z, 0750) && errno!=EEXIST ){
    rc = write_error(b, tmp.z);
    goto done;
  }
  buf_appendf(&tmp, "/%s.tmp", d->zSha);
  fdOut = open(tmp.z, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
  if( fdOut<0 ){
    rc = write_error(b, tmp.z);
    goto done;
  }
  bTmp = 1;
  char zHex[65];
  unsigned long long n = 0;
  int bWrite = 0, rcCopy = store_hash_copy(fdIn, fdOut, zHex, &n, &bWrite), e = errno;
  if( rcCopy && bWrite ){
    errno = e;
    rc = write_error(b, tmp.z);
  }else if( rcCopy ){
    report(b, 1, d, "cannot read the original in the archive (%s): not copied", strerror(e));
  }else if( strcmp(zHex, d->zSha)!=0 ){
    report(b, 1, d, "the original in the archive is damaged (its SHA-256 differs): not copied");
  }else{
    /* synced with all the others at once (pending_finish) */
    int fd = fdOut;
    fdOut = -1;
    if( close(fd) ){
      rc = write_error(b, tmp.z);
    }else{
      bTmp = 0;
      b->aPending = xrealloc(b->aPending, (size_t)(b->nPending+1) * sizeof b->aPending[0]);
      memcpy(b->aPending[b->nPending++], d->zSha, 65);
      r->nByte += n;
    }
  }
done:
  if( fdIn>=0 ) close(fdIn);
  if( fdOut>=0 ) close(fdOut);
  if( bTmp ) unlink(tmp.z);
  buf_release(&dst);
  buf_release(&tmp);
  buf_release(&why);
  return rc;
}

/* Every document of the snapshot pDb (not of the live archive, which
** may have more by now) gets its original in the backup. */
static int originals_all(Backup *b, sqlite3 *pDb){
  sqlite3_stmt *st = sql_prepare(pDb, b->err,
    "SELECT id, sha256, size, original_name FROM document ORDER BY id", "");
  if( st==0 ) return -1;
  int rc = 0, rcStep;
  while( rc==0 && (rcStep = sqlite3_step(st))==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(st, 3);
    BackupDoc d = { sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 2),
                    (const char*)sqlite3_column_text(st, 1), zName ? zName : "" };
    b->r->nDocument++;
    /* the name becomes a path: nothing but a SHA-256 may */
    if( !store_is_sha(d.zSha) ){
      d.zSha = "";
      report(b, 1, &d, "its SHA-256 in the database is not valid: not copied");
      continue;
    }
    rc = original_one(b, &d);
  }
  if( rc==0 && rcStep!=SQLITE_DONE ) rc = sql_fail(pDb, b->err);
  sqlite3_finalize(st);
  return rc;
}

/* The temp file of pending original i into *p. */
static void pending_path(const Backup *b, int i, Buf *p){
  buf_reset(p);
  buf_appendf(p, "%s/originals/%.2s/%s.tmp", b->zDest, b->aPending[i], b->aPending[i]);
}

/* The originals copied, made durable all at once (one syncfs of the
** backup's file system instead of an fsync per file: 100,000 fsyncs took
** most of a first backup's time), and only then given their names, so
** that a name in the backup always holds its bytes. */
static int pending_finish(Backup *b){
  if( b->nPending==0 ) return 0;
  int fd = open(b->zDest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if( fd<0 || syncfs(fd) ){
    int rc = write_error(b, b->zDest);
    if( fd>=0 ) close(fd);
    return rc;
  }
  close(fd);
  Buf tmp = BUF_INIT, dst = BUF_INIT;
  int rc = 0;
  while( rc==0 && b->nPending>0 ){
    int i = b->nPending - 1;
    pending_path(b, i, &tmp);
    buf_reset(&dst);
    buf_append(&dst, tmp.z, tmp.n - 4);   /* without ".tmp" */
    if( rename(tmp.z, dst.z) ){
      rc = write_error(b, dst.z);
    }else{
      b->aDirty[hex_digit(b->aPending[i][0])*16 + hex_digit(b->aPending[i][1])] = 1;
      b->r->nCopied++;
      b->nPending--;
    }
  }
  buf_release(&tmp);
  buf_release(&dst);
  return rc;
}

/* After a failure: the temp files of the originals not renamed go. */
static void pending_remove(Backup *b){
  Buf p = BUF_INIT;
  for(int i=0; i<b->nPending; i++){
    pending_path(b, i, &p);
    unlink(p.z);
  }
  buf_release(&p);
  b->nPending = 0;
}

/* The folders the new originals went into, then the ones above: all
** durable before the snapshot that names the originals moves in. */
static int sync_folders(Backup *b){
  Buf p = BUF_INIT;
  int rc = 0;
  for(int i=0; rc==0 && i<256; i++){
    if( !b->aDirty[i] ) continue;
    buf_reset(&p);
    buf_appendf(&p, "%s/originals/%02x", b->zDest, i);
    rc = sync_path(b, p.z);
  }
  buf_reset(&p);
  buf_appendf(&p, "%s/originals", b->zDest);
  if( rc==0 ) rc = sync_path(b, p.z);
  if( rc==0 ) rc = sync_path(b, b->zDest);
  if( rc==0 && b->zParent ) rc = sync_path(b, b->zParent);
  buf_release(&p);
  return rc;
}

/* The audit row in the archive: where to, and what was copied. */
static int audit(Backup *b, const char *zReal){
  const BackupResult *r = b->r;
  json_t *j = json_pack("{sIsIsIsIsI}", "documents", (json_int_t)r->nDocument,
                        "copied", (json_int_t)r->nCopied, "kept", (json_int_t)r->nKept,
                        "failed", (json_int_t)r->nFailed, "bytes", (json_int_t)r->nByte);
  char *zDetail = j ? json_dumps(j, JSON_COMPACT) : 0;
  json_decref(j);
  int rc = store_audit(store_db(b->s), b->err, "cli", "backup", zReal, zDetail);
  free(zDetail);
  return rc;
}

int backup_run(Store *s, const char *zDest, int flags, BackupReport x, void *ctx,
               BackupResult *r, Err *err){
  memset(r, 0, sizeof *r);
  Backup b;
  memset(&b, 0, sizeof b);
  b.s = s;
  b.zDest = xstrdup(zDest);
  for(size_t n=strlen(b.zDest); n>1 && b.zDest[n-1]=='/'; n--) b.zDest[n-1] = 0;
  b.bVerify = (flags & BACKUP_VERIFY)!=0;
  b.x = x;
  b.ctx = ctx;
  b.r = r;
  b.err = err;
  char *zReal = 0;
  int fdLock = -1, bTmp = 0;
  sqlite3 *pDb = 0;
  Buf tmp = BUF_INIT, db = BUF_INIT;
  buf_appendf(&tmp, "%s/overleg.db.tmp", b.zDest);
  buf_appendf(&db, "%s/overleg.db", b.zDest);
  int rc = dest_open(&b, &zReal);
  if( rc==0 ) rc = dest_not_open(&b);
  if( rc==0 ) rc = dest_lock(&b, &fdLock);
  if( rc==0 ){
    Buf p = BUF_INIT;
    buf_appendf(&p, "%s/originals", b.zDest);
    if( mkdir(p.z, 0750) && errno!=EEXIST ) rc = write_error(&b, p.z);
    buf_release(&p);
  }
  if( rc==0 ){
    /* what an interrupted run left: ours to remove, under the lock */
    tmp_db_remove(b.zDest);
    bTmp = 1;
    rc = snapshot(&b, tmp.z, &pDb);
  }
  if( rc==0 ) rc = originals_all(&b, pDb);
  if( rc==0 ) rc = pending_finish(&b);
  if( rc ){
    pending_remove(&b);
    r->nByte = 0;
  }
  if( pDb && sqlite3_close(pDb)!=SQLITE_OK && rc==0 ){
    rc = err_internal(err, "cannot write to the backup: %s", sqlite3_errmsg(pDb));
  }
  if( rc==0 ) rc = sync_path(&b, tmp.z);
  if( rc==0 ) rc = sync_folders(&b);
  if( rc==0 && rename(tmp.z, db.z) ) rc = write_error(&b, db.z);
  if( rc==0 ){
    bTmp = 0;
    rc = sync_path(&b, b.zDest);
  }
  struct stat sb;
  if( rc==0 && stat(db.z, &sb)==0 ) r->nDbByte = (unsigned long long)sb.st_size;
  if( rc==0 ) rc = audit(&b, zReal);
  if( bTmp ) tmp_db_remove(b.zDest);
  if( fdLock>=0 ) close(fdLock);
  free(zReal);
  free(b.zDest);
  free(b.zParent);
  free(b.aPending);
  buf_release(&tmp);
  buf_release(&db);
  return rc ? rc : r->nFailed ? 1 : 0;
}
