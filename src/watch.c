/*
** watch.c — the watched import folder.  See watch.h.
**
** One thread polls an inotify descriptor (events of the folder) and an
** eventfd (the stop request).  Names that were closed after writing or
** moved in wait in a pending list until they have been quiet for the
** settle time; then the first one due is imported, and the loop goes back
** to reading events before the next, so a stop request or a new write is
** never kept waiting by a queue of files.
*/
#include "watch.h"
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WATCH_ACTOR   "import-map"  /* imported_by and the audit log's actor */
#define SETTLE_MS     1000          /* default settle time */
#define SETTLE_MS_MAX 600000
#define NUMBER_MAX    10000         /* "NAME (k)": past this, give up */

/* The server's writer lock; both functions may be NULL. */
typedef struct Lock {
  void (*xLock)(void*);
  void (*xUnlock)(void*);
  void *pCtx;
} Lock;

/* ------------------------------------------------------------ the names */

/* True for a name a person drops in to be imported; false for hidden
** files (LibreOffice's ".~lock.NAME#"), editors' backups ("NAME~") and
** the names downloads and copies are written under until complete. */
static int name_wanted(const char *zName){
  static const char *const azTemp[] = { ".part", ".crdownload", ".tmp" };
  size_t n = strlen(zName);
  if( n==0 || zName[0]=='.' || zName[n-1]=='~' ) return 0;
  for(size_t i=0; i<sizeof azTemp/sizeof azTemp[0]; i++){
    size_t m = strlen(azTemp[i]);
    if( n>m && strcasecmp(zName+n-m, azTemp[i])==0 ) return 0;
  }
  return 1;
}

/* Appends zName, numbered when k>1 the way file managers do it, before
** the extension so the file still opens: "verslag (2).odt". */
static void name_numbered(const char *zName, int k, Buf *out){
  if( k<2 ){
    buf_puts(out, zName);
    return;
  }
  const char *zDot = strrchr(zName, '.');
  if( zDot==0 || zDot==zName ) zDot = zName + strlen(zName);
  buf_appendf(out, "%.*s (%d)%s", (int)(zDot-zName), zName, k, zDot);
}

static int name_cmp(const void *a, const void *b){
  return strcmp(*(char *const*)a, *(char *const*)b);
}

/* The wanted names in zDir, sorted (so a folder is done in name order).
** The caller frees each and the array.  Returns 0, or -1 with err set. */
static int dir_names(const char *zDir, char ***paz, int *pn, Err *err){
  *paz = 0;
  *pn = 0;
  DIR *dir = opendir(zDir);
  if( dir==0 ) return err_set(err, "cannot read the import folder %s: %s", zDir, strerror(errno));
  char **az = 0;
  int n = 0;
  struct dirent *e;
  while( (e = readdir(dir))!=0 ){
    if( !name_wanted(e->d_name) ) continue;
    az = xrealloc(az, (size_t)(n+1) * sizeof az[0]);
    az[n++] = xstrdup(e->d_name);
  }
  closedir(dir);
  if( n ) qsort(az, (size_t)n, sizeof az[0], name_cmp);
  *paz = az;
  *pn = n;
  return 0;
}

static void names_free(char **az, int n){
  for(int i=0; i<n; i++) free(az[i]);
  free(az);
}

/* ------------------------------------------------------- the folders */

/* Creates zDir, zDir/done and zDir/failed when missing.  Returns 0, or -1
** with err set. */
static int folders_make(const char *zDir, Err *err){
  static const char *const azSub[] = { "", "/done", "/failed" };
  Buf p = BUF_INIT;
  int rc = 0;
  for(size_t i=0; rc==0 && i<sizeof azSub/sizeof azSub[0]; i++){
    struct stat st;
    buf_reset(&p);
    buf_appendf(&p, "%s%s", zDir, azSub[i]);
    if( mkdir(p.z, 0750) && errno!=EEXIST ){
      rc = err_set(err, "cannot create the import folder %s: %s", p.z, strerror(errno));
    }else if( stat(p.z, &st) || !S_ISDIR(st.st_mode) ){
      rc = err_set(err, "cannot use the import folder %s: it is not a folder", p.z);
    }
  }
  buf_release(&p);
  return rc;
}

/* rename() that fails with EEXIST rather than replace zTo.  File systems
** without RENAME_NOREPLACE get a check before the rename: a race with
** another program writing the same name into done/ is accepted there. */
static int rename_noreplace(const char *zFrom, const char *zTo){
  if( renameat2(AT_FDCWD, zFrom, AT_FDCWD, zTo, RENAME_NOREPLACE)==0 ) return 0;
  if( errno!=EINVAL && errno!=ENOSYS ) return -1;
  struct stat st;
  if( lstat(zTo, &st)==0 ){
    errno = EEXIST;
    return -1;
  }
  return rename(zFrom, zTo);
}

/* Moves zFrom to zTo and, with zReason, first writes zTo.reason.txt (so
** the reason is there as soon as the file is).  Returns 0, 1 when one of
** the names is taken, -1 on another error (errno set). */
static int move_to(const char *zFrom, const char *zTo, const char *zReason){
  Buf why = BUF_INIT;
  int rc = 0, e = 0;
  if( zReason ){
    buf_appendf(&why, "%s.reason.txt", zTo);
    int fd = open(why.z, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if( fd<0 ){
      e = errno;
      buf_release(&why);
      errno = e;
      return e==EEXIST ? 1 : -1;
    }
    if( dprintf(fd, "%s\n", zReason)<0 ) rc = -1;
    if( close(fd) ) rc = -1;
    e = errno;
  }
  if( rc==0 && rename_noreplace(zFrom, zTo) ){
    e = errno;
    rc = e==EEXIST ? 1 : -1;
  }
  if( rc && zReason ) unlink(why.z);
  buf_release(&why);
  errno = e;
  return rc;
}

/* Moves zDir/zName into zDir/zSub/ under the first free name of "NAME",
** "NAME (2)", ...; never replaces a file.  Returns 0, or -1 with err set
** (the file stays where it was). */
static int move_aside(const char *zDir, const char *zName, const char *zSub,
                      const char *zReason, Err *err){
  Buf from = BUF_INIT, sub = BUF_INIT, to = BUF_INIT;
  buf_appendf(&from, "%s/%s", zDir, zName);
  buf_appendf(&sub, "%s/%s", zDir, zSub);
  int rc = 1;
  /* someone may have removed it while the folder was watched */
  if( mkdir(sub.z, 0750) && errno!=EEXIST ) rc = -1;
  for(int k=1; rc==1 && k<=NUMBER_MAX; k++){
    buf_reset(&to);
    buf_appendf(&to, "%s/", sub.z);
    name_numbered(zName, k, &to);
    rc = move_to(from.z, to.z, zReason);
  }
  if( rc ){
    err_set(err, "cannot move it to %s/: %s", sub.z, rc>0 ? "every name is taken" : strerror(errno));
  }
  buf_release(&from);
  buf_release(&sub);
  buf_release(&to);
  return rc ? -1 : 0;
}

/* -------------------------------------------------------- one file */

/* What import_run said of the one file. */
typedef struct Outcome {
  int bSeen;
  ImportStatus status;
  long long iDoc;
  char zReason[sizeof(((Err*)0)->msg)];
} Outcome;

static void outcome_note(void *ctx, const ImportResult *r, const ImportStats *st){
  Outcome *o = ctx;
  o->bSeen = 1;
  o->status = r->status;
  o->iDoc = r->iDoc;
  snprintf(o->zReason, sizeof o->zReason, "%s", r->zReason ? r->zReason : "");
}

/* Imports zDir/zName under the lock, moves it to done/ or failed/ and logs
** one line.  Returns 0 (imported or a duplicate), 1 (failed, moved to
** failed/), or -1 with err set when it was not imported or not moved (it
** stays, and is tried again on the next start).  A name that is not, or no
** longer, a regular file is left alone: 0. */
static int watch_file(Store *s, const char *zDir, const char *zName, const Lock *pLock, Err *err){
  Buf path = BUF_INIT, line = BUF_INIT;
  buf_appendf(&path, "%s/%s", zDir, zName);
  struct stat st;
  if( lstat(path.z, &st) || !S_ISREG(st.st_mode) ){
    buf_release(&path);
    return 0;
  }
  ImportOpts o;
  memset(&o, 0, sizeof o);
  o.zActor = WATCH_ACTOR;
  o.nThread = 1;
  Outcome out;
  memset(&out, 0, sizeof out);
  ImportStats stats;
  Err eRun = ERR_INIT;
  char *azPath[1] = { path.z };
  if( pLock->xLock ) pLock->xLock(pLock->pCtx);
  int rc = import_run(s, azPath, 1, &o, outcome_note, &out, &stats, &eRun);
  if( pLock->xUnlock ) pLock->xUnlock(pLock->pCtx);
  if( rc<0 || !out.bSeen ){
    buf_appendf(&line, "not imported, left in place: %s",
                eRun.set ? eRun.msg : "it is no longer a file");
    rc = -1;
  }else{
    int bFail = out.status==IMPORT_FAILED;
    if( bFail ){
      buf_appendf(&line, "failed: %s", out.zReason);
    }else{
      buf_appendf(&line, "%s document %lld",
                  out.status==IMPORT_NEW ? "imported as" : "duplicate of", out.iDoc);
    }
    Err eMove = ERR_INIT;
    rc = bFail;
    if( move_aside(zDir, zName, bFail ? "failed" : "done", bFail ? out.zReason : 0, &eMove) ){
      buf_appendf(&line, "; left in place: %s", eMove.msg);
      rc = -1;
    }
  }
  fprintf(stderr, "overleg: %s: %s\n", path.z, line.z);
  if( rc<0 ) err_set(err, "%s: %s", path.z, line.z);
  buf_release(&path);
  buf_release(&line);
  return rc;
}

/* Without a trailing slash ("import/" -> "import"), so paths read well;
** the caller frees. */
static char *dir_clean(const char *zDir){
  char *z = xstrdup(zDir);
  size_t n = strlen(z);
  while( n>1 && z[n-1]=='/' ) z[--n] = 0;
  return z;
}

int watch_scan_once(Store *s, const char *zDir, Err *err){
  static const Lock noLock = { 0, 0, 0 };
  char *zClean = dir_clean(zDir);
  char **az = 0;
  int n = 0, rc = folders_make(zClean, err);
  if( rc==0 ) rc = dir_names(zClean, &az, &n, err);
  int bFailed = 0;
  for(int i=0; rc==0 && i<n; i++){
    int rcFile = watch_file(s, zClean, az[i], &noLock, err);
    if( rcFile<0 ) rc = -1;
    if( rcFile>0 ) bFailed = 1;
  }
  names_free(az, n);
  free(zClean);
  return rc ? -1 : bFailed;
}

/* ------------------------------------------------------- the thread */

/* A name that was written or moved in, waiting to be quiet. */
typedef struct Pending {
  char *zName;
  struct stat st;           /* at its last event: size, mtime, inode */
  long long msDue;          /* quiet until then: import it */
} Pending;

struct Watch {
  Store *s;
  char *zDir;
  Lock lock;
  int fdNotify, fdStop;     /* inotify; eventfd written by watch_stop() */
  int msSettle;
  pthread_t thread;
  Pending *a;               /* the thread's alone: no mutex */
  int n, cap;
};

static long long now_ms(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec*1000 + ts.tv_nsec/1000000;
}

/* The settle time: $OVERLEG_WATCH_SETTLE_MS when it is a number in range
** (the tests use a short one), else SETTLE_MS. */
static int settle_ms(void){
  const char *z = getenv("OVERLEG_WATCH_SETTLE_MS");
  if( z==0 || z[0]==0 ) return SETTLE_MS;
  char *zEnd;
  long n = strtol(z, &zEnd, 10);
  return *zEnd==0 && n>=0 && n<=SETTLE_MS_MAX ? (int)n : SETTLE_MS;
}

static Pending *pending_find(Watch *w, const char *zName){
  for(int i=0; i<w->n; i++){
    if( strcmp(w->a[i].zName, zName)==0 ) return &w->a[i];
  }
  return 0;
}

static void pending_drop(Watch *w, Pending *p){
  free(p->zName);
  *p = w->a[--w->n];
}

/* Looks at zName after an event on it: a close after writing or a move in
** (bNew) makes it pending, any event (a write) restarts the settle time of
** a pending one.  A name that is gone or not a regular file is dropped. */
static void pending_touch(Watch *w, const char *zName, int bNew){
  Pending *p = pending_find(w, zName);
  if( p==0 && !bNew ) return;
  Buf path = BUF_INIT;
  buf_appendf(&path, "%s/%s", w->zDir, zName);
  struct stat st;
  int bFile = lstat(path.z, &st)==0 && S_ISREG(st.st_mode);
  buf_release(&path);
  if( !bFile ){
    if( p ) pending_drop(w, p);
    return;
  }
  if( p==0 ){
    if( w->n==w->cap ){
      w->cap = w->cap ? w->cap*2 : 16;
      w->a = xrealloc(w->a, (size_t)w->cap * sizeof w->a[0]);
    }
    p = &w->a[w->n++];
    p->zName = xstrdup(zName);
  }
  p->st = st;
  p->msDue = now_ms() + w->msSettle;
}

/* Makes every wanted name in the folder pending: at the start (after the
** watch was added, so nothing falls between the two; a name also seen in
** an event is pending once) and when the kernel's event queue overflowed. */
static void watch_rescan(Watch *w){
  char **az;
  int n;
  Err err = ERR_INIT;
  if( dir_names(w->zDir, &az, &n, &err) ){
    fprintf(stderr, "overleg: %s\n", err.msg);
    return;
  }
  for(int i=0; i<n; i++) pending_touch(w, az[i], 1);
  names_free(az, n);
}

static void watch_event(Watch *w, const struct inotify_event *e){
  if( e->mask & IN_Q_OVERFLOW ){
    watch_rescan(w);
  }else if( e->mask & IN_IGNORED ){
    fprintf(stderr, "overleg: %s: the import folder was removed; it is no longer watched\n", w->zDir);
  }else if( e->len==0 || (e->mask & IN_ISDIR) || !name_wanted(e->name) ){
    /* the folder itself, a sub-folder, a hidden or temporary name */
  }else if( e->mask & (IN_DELETE | IN_MOVED_FROM) ){
    Pending *p = pending_find(w, e->name);
    if( p ) pending_drop(w, p);
  }else{
    pending_touch(w, e->name, (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))!=0);
  }
}

static void watch_read_events(Watch *w){
  char a[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
  ssize_t n;
  while( (n = read(w->fdNotify, a, sizeof a))>0 ){
    /* the kernel pads each name so that the next event is aligned */
    for(ssize_t i=0; i<n; ){
      const struct inotify_event *e = (const struct inotify_event*)(a+i);
      watch_event(w, e);
      i += (ssize_t)(sizeof *e + e->len);
    }
  }
}

/* How long poll() may sleep: until the first pending name is due, or for
** ever (-1) when none is. */
static int watch_wait_ms(const Watch *w){
  if( w->n==0 ) return -1;
  long long msDue = w->a[0].msDue;
  for(int i=1; i<w->n; i++){
    if( w->a[i].msDue<msDue ) msDue = w->a[i].msDue;
  }
  long long ms = msDue - now_ms();
  return ms<0 ? 0 : ms>SETTLE_MS_MAX ? SETTLE_MS_MAX : (int)ms;
}

static int same_file(const struct stat *a, const struct stat *b){
  return a->st_dev==b->st_dev && a->st_ino==b->st_ino && a->st_size==b->st_size
      && a->st_mtim.tv_sec==b->st_mtim.tv_sec && a->st_mtim.tv_nsec==b->st_mtim.tv_nsec;
}

/* Imports the pending name due first, if one is due and unchanged since
** its last event; one that changed without an event (a write the kernel
** merged, or a file replaced) waits another settle time. */
static void watch_import_due(Watch *w){
  long long msNow = now_ms();
  Pending *p = 0;
  for(int i=0; i<w->n; i++){
    if( w->a[i].msDue<=msNow && (p==0 || w->a[i].msDue<p->msDue) ) p = &w->a[i];
  }
  if( p==0 ) return;
  Buf path = BUF_INIT;
  buf_appendf(&path, "%s/%s", w->zDir, p->zName);
  struct stat st;
  int bFile = lstat(path.z, &st)==0 && S_ISREG(st.st_mode);
  buf_release(&path);
  if( bFile && !same_file(&st, &p->st) ){
    p->st = st;
    p->msDue = msNow + w->msSettle;
    return;
  }
  char *zName = p->zName;
  p->zName = 0;
  pending_drop(w, p);
  Err err = ERR_INIT;
  if( bFile ) watch_file(w->s, w->zDir, zName, &w->lock, &err);  /* logged there */
  free(zName);
}

static void *watch_main(void *arg){
  Watch *w = arg;
  watch_rescan(w);
  for(;;){
    struct pollfd a[2] = { { w->fdStop, POLLIN, 0 }, { w->fdNotify, POLLIN, 0 } };
    if( poll(a, 2, watch_wait_ms(w))<0 ){
      if( errno==EINTR ) continue;
      fprintf(stderr, "overleg: %s: the import folder is no longer watched: %s\n",
              w->zDir, strerror(errno));
      break;
    }
    if( a[0].revents ) break;
    if( a[1].revents ) watch_read_events(w);
    watch_import_due(w);
  }
  return 0;
}

/* Frees w after its thread ended (or never started). */
static void watch_free(Watch *w){
  for(int i=0; i<w->n; i++) free(w->a[i].zName);
  free(w->a);
  if( w->fdNotify>=0 ) close(w->fdNotify);
  if( w->fdStop>=0 ) close(w->fdStop);
  free(w->zDir);
  free(w);
}

int watch_start(Store *s, const char *zDir, void (*xLock)(void*), void (*xUnlock)(void*),
                void *pCtx, Watch **pp, Err *err){
  *pp = 0;
  Watch *w = xrealloc(0, sizeof *w);
  memset(w, 0, sizeof *w);
  w->s = s;
  w->zDir = dir_clean(zDir);
  w->lock.xLock = xLock;
  w->lock.xUnlock = xUnlock;
  w->lock.pCtx = pCtx;
  w->fdNotify = w->fdStop = -1;
  w->msSettle = settle_ms();
  int rc = folders_make(w->zDir, err);
  if( rc==0 ){
    w->fdNotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if( w->fdNotify<0
     || inotify_add_watch(w->fdNotify, w->zDir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY
                          | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR)<0 ){
      rc = err_set(err, "cannot watch the import folder %s: %s", w->zDir, strerror(errno));
    }
  }
  if( rc==0 && (w->fdStop = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))<0 ){
    rc = err_set(err, "cannot watch the import folder %s: %s", w->zDir, strerror(errno));
  }
  if( rc==0 ){
    /* the server's shutdown signals go to the thread that waits for them,
    ** never to this one */
    sigset_t mask, old;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &mask, &old);
    int e = pthread_create(&w->thread, 0, watch_main, w);
    pthread_sigmask(SIG_SETMASK, &old, 0);
    if( e ) rc = err_set(err, "cannot start watching %s: %s", w->zDir, strerror(e));
  }
  if( rc ){
    watch_free(w);
    return -1;
  }
  *pp = w;
  return 0;
}

void watch_stop(Watch *w){
  if( w==0 ) return;
  uint64_t one = 1;
  if( write(w->fdStop, &one, sizeof one)!=(ssize_t)sizeof one ){
    /* cannot happen with an eventfd counting far below its maximum */
    abort();
  }
  pthread_join(w->thread, 0);
  watch_free(w);
}
