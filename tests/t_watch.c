/*
** t_watch.c — the watched import folder (watch.h): files present at the
** start, files moved in, a file written slowly in pieces, bad files,
** duplicates, names taken in done/ and failed/, names that are never
** imported, a prompt stop, an import folder that cannot be made, and
** watch_scan_once().
**
** Each case has its own scratch folder (in one of the suite) holding the
** archive (st/) and the watched folder (imp/), and a settle time of
** 200 ms.  Results are polled for with a generous timeout (ASan is slow);
** the watch thread takes the case's mutex around each import, as the
** server's writer lock, and the case takes it to read the database.
** Run from the repository root (the fixtures are read from tests/).
*/
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hostile.h"
#include "store.h"
#include "testutil.h"
#include "watch.h"

Suite *suite_watch(void);

#define FIXTURES  "tests/fixtures/"
#define WAIT_MS   20000     /* for a result to show: far above what it takes */
#define SETTLE    "200"     /* ms, $OVERLEG_WATCH_SETTLE_MS */

/* ------------------------------------------------------------ scratch */

/* The suite's folder, made and removed by the runner's process (an
** unchecked fixture), so that a failed case, whose process ends at once,
** leaves nothing behind either. */
static char *zBase;
static void base_new(void){ zBase = hostile_dir_new(); }
static void base_free(void){ hostile_dir_free(zBase); zBase = 0; }

typedef struct Case {
  char *zDir;               /* the scratch folder */
  char *zStore, *zImp;      /* zDir/st, zDir/imp */
  Store *s;
  pthread_mutex_t mu;       /* the writer lock */
  Watch *w;
} Case;

static void lock(void *p){ pthread_mutex_lock(p); }
static void unlock(void *p){ pthread_mutex_unlock(p); }

static void case_new(Case *c){
  memset(c, 0, sizeof *c);
  c->zDir = hostile_dir_in(zBase);
  c->zStore = hostile_path(c->zDir, "st");
  c->zImp = hostile_path(c->zDir, "imp");
  pthread_mutex_init(&c->mu, 0);
  Err err = ERR_INIT;
  ck_assert_msg(store_open(c->zStore, &c->s, &err)==0, "%s", err.msg);
  setenv("OVERLEG_WATCH_SETTLE_MS", SETTLE, 1);
}

static void case_start(Case *c){
  Err err = ERR_INIT;
  ck_assert_msg(watch_start(c->s, c->zImp, lock, unlock, &c->mu, &c->w, &err)==0, "%s", err.msg);
  ck_assert_ptr_nonnull(c->w);
}

static void case_free(Case *c){
  watch_stop(c->w);
  store_close(c->s);
  pthread_mutex_destroy(&c->mu);
  free(c->zStore);
  free(c->zImp);
  hostile_dir_free(c->zDir);
}

static int exists(const char *zPath){
  struct stat st;
  return lstat(zPath, &st)==0;
}

static void sleep_ms(long ms){
  struct timespec ts = { ms/1000, (ms%1000)*1000000 };
  while( nanosleep(&ts, &ts) && errno==EINTR ){}
}

/* Waits until zPath exists; fails the case after WAIT_MS. */
static void wait_for(const char *zPath){
  for(int ms=0; !exists(zPath); ms+=10){
    ck_assert_msg(ms<WAIT_MS, "%s did not appear", zPath);
    sleep_ms(10);
  }
}

/* Entries of a folder, "." and ".." aside. */
static int dir_count(const char *zPath){
  DIR *d = opendir(zPath);
  ck_assert_msg(d!=0, "opendir %s: %s", zPath, strerror(errno));
  int n = 0;
  struct dirent *e;
  while( (e = readdir(d))!=0 ){
    n += strcmp(e->d_name, ".")!=0 && strcmp(e->d_name, "..")!=0;
  }
  closedir(d);
  return n;
}

/* The integer of the first row of zSql, read under the writer lock. */
static long long db_int(Case *c, const char *zSql){
  pthread_mutex_lock(&c->mu);
  long long n = tu_q_int(store_db(c->s), zSql, 0);
  pthread_mutex_unlock(&c->mu);
  return n;
}

static void fixture(const char *zName, Buf *out){
  char zPath[256];
  snprintf(zPath, sizeof zPath, FIXTURES "%s", zName);
  buf_reset(out);
  hostile_file_read(zPath, out);
}

/* Puts the bytes in as a copy program does: written under a hidden name,
** then renamed into place (inotify: moved-to). */
static void drop_in(const Case *c, const char *zName, const void *p, size_t n){
  char zTmp[512];
  snprintf(zTmp, sizeof zTmp, "%s/.incoming-%s", c->zImp, zName);
  hostile_file_write(zTmp, p, n);
  ck_assert_int_eq(rename(zTmp, tu_path(c->zImp, zName)), 0);
}

static void append_piece(const char *zPath, const char *p, size_t n, int bFirst){
  int fd = open(zPath, O_WRONLY | O_CREAT | (bFirst ? O_TRUNC : O_APPEND), 0644);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, p, n), (ssize_t)n);
  ck_assert_int_eq(close(fd), 0);
}

static const char zBad[] = "not a document";

/* --------------------------------------------------------------- cases */

/* 1. Files present at the start are imported and moved to done/ (the
** folders done/ and failed/ are made); hidden and temporary names,
** sub-folders and symbolic links stay where they are. */
START_TEST(t01_present_at_start){
  Case c;
  case_new(&c);
  Buf b = BUF_INIT;
  ck_assert_int_eq(mkdir(c.zImp, 0700), 0);
  ck_assert_int_eq(mkdir(tu_path(c.zImp, "sub"), 0700), 0);
  fixture("lo-constructs.odt", &b);
  hostile_file_write(tu_path(c.zImp, "a.odt"), b.z, b.n);
  static const char *const azIgnored[] = {
    ".~lock.a.odt#", "b.odt~", "c.odt.part", "d.docx.crdownload", "e.odt.TMP", "sub/f.odt",
  };
  fixture("lo-html.odt", &b);
  for(size_t i=0; i<sizeof azIgnored/sizeof azIgnored[0]; i++){
    hostile_file_write(tu_path(c.zImp, azIgnored[i]), b.z, b.n);
  }
  char zTarget[512];
  ck_assert_ptr_nonnull(realpath(FIXTURES "lo-html.docx", zTarget));
  ck_assert_int_eq(symlink(zTarget, tu_path(c.zImp, "g.docx")), 0);
  case_start(&c);
  wait_for(tu_path(c.zImp, "done/a.odt"));
  ck_assert(!exists(tu_path(c.zImp, "a.odt")));
  ck_assert(exists(tu_path(c.zImp, "failed")));
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 1);
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"
                              " WHERE original_name='a.odt' AND imported_by='import-map'"), 1);
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM audit WHERE actor='import-map'"), 1);
  /* a later file settles after everything that was there at the start */
  fixture("lo-constructs.docx", &b);
  drop_in(&c, "z.docx", b.z, b.n);
  wait_for(tu_path(c.zImp, "done/z.docx"));
  for(size_t i=0; i<sizeof azIgnored/sizeof azIgnored[0]; i++){
    ck_assert_msg(exists(tu_path(c.zImp, azIgnored[i])), "%s was moved", azIgnored[i]);
  }
  ck_assert(exists(tu_path(c.zImp, "g.docx")));
  ck_assert_int_eq(dir_count(tu_path(c.zImp, "done")), 2);
  ck_assert_int_eq(dir_count(tu_path(c.zImp, "failed")), 0);
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 2);
  buf_release(&b);
  case_free(&c);
}
END_TEST

/* 2. The folder is made when missing; a file moved in (written under a
** hidden name, then renamed) is imported. */
START_TEST(t02_moved_in){
  Case c;
  case_new(&c);
  case_start(&c);
  ck_assert(exists(tu_path(c.zImp, "done")));
  ck_assert(exists(tu_path(c.zImp, "failed")));
  Buf b = BUF_INIT;
  fixture("pandoc-constructs.docx", &b);
  drop_in(&c, "b.docx", b.z, b.n);
  wait_for(tu_path(c.zImp, "done/b.docx"));
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document WHERE original_name='b.docx'"), 1);
  ck_assert_int_eq(dir_count(c.zImp), 2);   /* done/ and failed/ */
  buf_release(&b);
  case_free(&c);
}
END_TEST

/* 3. A file written in three pieces, closed after each, with pauses
** shorter than the settle time, is imported once and whole.  The first
** pieces alone are a broken zip: imported early, it would fail. */
START_TEST(t03_slow_writer){
  Case c;
  case_new(&c);
  case_start(&c);
  Buf b = BUF_INIT;
  fixture("lo-constructs.odt", &b);
  size_t n1 = b.n/3, n2 = 2*b.n/3;
  const char *zPath = tu_path(c.zImp, "slow.odt");
  append_piece(zPath, b.z, n1, 1);
  sleep_ms(40);
  append_piece(zPath, b.z+n1, n2-n1, 0);
  sleep_ms(40);
  append_piece(zPath, b.z+n2, b.n-n2, 0);
  wait_for(tu_path(c.zImp, "done/slow.odt"));
  ck_assert_int_eq(dir_count(tu_path(c.zImp, "failed")), 0);
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 1);
  ck_assert_int_eq(db_int(&c, "SELECT size FROM document"), (long long)b.n);
  buf_release(&b);
  case_free(&c);
}
END_TEST

/* 4. A bad file goes to failed/ with its reason beside it, one line. */
START_TEST(t04_bad_file){
  Case c;
  case_new(&c);
  case_start(&c);
  hostile_file_write(tu_path(c.zImp, "x.docx"), zBad, strlen(zBad));
  wait_for(tu_path(c.zImp, "failed/x.docx"));
  wait_for(tu_path(c.zImp, "failed/x.docx.reason.txt"));
  Buf r = BUF_INIT;
  hostile_file_read(tu_path(c.zImp, "failed/x.docx.reason.txt"), &r);
  ck_assert_str_eq(r.z, "not an ODT or DOCX file\n");
  ck_assert(!exists(tu_path(c.zImp, "x.docx")));
  ck_assert_int_eq(dir_count(tu_path(c.zImp, "done")), 0);
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 0);
  buf_release(&r);
  case_free(&c);
}
END_TEST

/* 5. A duplicate goes to done/; names taken in done/ and failed/ get a
** number and nothing is replaced; one log line per file. */
START_TEST(t05_duplicates_and_taken_names){
  Case c;
  case_new(&c);
  char *zLog = hostile_path(c.zDir, "log");
  fflush(stderr);
  int fdErr = dup(2);
  int fdLog = open(zLog, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ck_assert_int_ge(fdLog, 0);
  dup2(fdLog, 2);
  close(fdLog);
  case_start(&c);
  Buf a = BUF_INIT, b = BUF_INIT;
  fixture("lo-constructs.odt", &a);
  fixture("pandoc-constructs.odt", &b);
  drop_in(&c, "a.odt", a.z, a.n);
  wait_for(tu_path(c.zImp, "done/a.odt"));
  drop_in(&c, "a.odt", a.z, a.n);           /* the same bytes: a duplicate */
  wait_for(tu_path(c.zImp, "done/a (2).odt"));
  drop_in(&c, "a.odt", b.z, b.n);           /* other bytes, same name */
  wait_for(tu_path(c.zImp, "done/a (3).odt"));
  drop_in(&c, "x.docx", zBad, strlen(zBad));
  wait_for(tu_path(c.zImp, "failed/x.docx"));
  hostile_file_write(tu_path(c.zImp, "failed/x (2).docx.reason.txt"), "", 0);  /* taken */
  drop_in(&c, "x.docx", zBad, strlen(zBad));
  wait_for(tu_path(c.zImp, "failed/x (3).docx"));
  ck_assert(exists(tu_path(c.zImp, "failed/x (3).docx.reason.txt")));
  ck_assert(!exists(tu_path(c.zImp, "failed/x (2).docx")));
  ck_assert_int_eq(dir_count(tu_path(c.zImp, "done")), 3);
  ck_assert_int_eq(dir_count(tu_path(c.zImp, "failed")), 5);
  ck_assert_int_eq(dir_count(c.zImp), 2);
  Buf got = BUF_INIT;
  hostile_file_read(tu_path(c.zImp, "done/a (3).odt"), &got);
  ck_assert(got.n==b.n && memcmp(got.z, b.z, b.n)==0);
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 2);
  watch_stop(c.w);                          /* every line is written */
  c.w = 0;
  fflush(stderr);
  dup2(fdErr, 2);
  close(fdErr);
  Buf log = BUF_INIT, want = BUF_INIT;
  hostile_file_read(zLog, &log);
  buf_appendf(&want,
    "overleg: %s/a.odt: imported as document 1\n"
    "overleg: %s/a.odt: duplicate of document 1\n"
    "overleg: %s/a.odt: imported as document 2\n"
    "overleg: %s/x.docx: failed: not an ODT or DOCX file\n"
    "overleg: %s/x.docx: failed: not an ODT or DOCX file\n",
    c.zImp, c.zImp, c.zImp, c.zImp, c.zImp);
  ck_assert_str_eq(log.z, want.z);
  buf_release(&a);
  buf_release(&b);
  buf_release(&got);
  buf_release(&log);
  buf_release(&want);
  free(zLog);
  case_free(&c);
}
END_TEST

/* 6. watch_stop() returns at once, idle or with a file still settling
** (which stays, for the next start); it accepts NULL. */
START_TEST(t06_stop_promptly){
  Case c;
  case_new(&c);
  case_start(&c);
  double t = tu_now();
  watch_stop(c.w);
  ck_assert_double_lt(tu_now()-t, 2.0);
  setenv("OVERLEG_WATCH_SETTLE_MS", "60000", 1);
  Buf b = BUF_INIT;
  fixture("lo-constructs.odt", &b);
  hostile_file_write(tu_path(c.zImp, "a.odt"), b.z, b.n);
  case_start(&c);
  sleep_ms(100);
  t = tu_now();
  watch_stop(c.w);
  c.w = 0;
  ck_assert_double_lt(tu_now()-t, 2.0);
  ck_assert(exists(tu_path(c.zImp, "a.odt")));
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 0);
  watch_stop(0);
  buf_release(&b);
  case_free(&c);
}
END_TEST

/* 7. A folder that cannot be made, or is a file: -1, a clear message. */
START_TEST(t07_folder_not_usable){
  Case c;
  case_new(&c);
  hostile_file_write(c.zImp, "x", 1);
  Watch *w = (Watch*)&c;                    /* anything but NULL */
  Err err = ERR_INIT;
  Buf want = BUF_INIT;
  ck_assert_int_eq(watch_start(c.s, c.zImp, 0, 0, 0, &w, &err), -1);
  ck_assert_ptr_null(w);
  buf_appendf(&want, "cannot use the import folder %s: it is not a folder", c.zImp);
  ck_assert_str_eq(err.msg, want.z);
  char *zBelow = hostile_path(c.zImp, "imp");
  err_clear(&err);
  buf_reset(&want);
  w = (Watch*)&c;
  ck_assert_int_eq(watch_start(c.s, zBelow, 0, 0, 0, &w, &err), -1);
  ck_assert_ptr_null(w);
  buf_appendf(&want, "cannot create the import folder %s: Not a directory", zBelow);
  ck_assert_str_eq(err.msg, want.z);
  err_clear(&err);
  ck_assert_int_eq(watch_scan_once(c.s, zBelow, &err), -1);
  ck_assert_str_eq(err.msg, want.z);
  free(zBelow);
  buf_release(&want);
  case_free(&c);
}
END_TEST

/* 8. watch_scan_once() imports what is there, in one go: 1 when a file
** failed, 0 when all went in (or there was nothing). */
START_TEST(t08_scan_once){
  Case c;
  case_new(&c);
  Err err = ERR_INIT;
  ck_assert_int_eq(watch_scan_once(c.s, c.zImp, &err), 0);   /* makes the folders */
  ck_assert(exists(tu_path(c.zImp, "done")));
  Buf b = BUF_INIT;
  fixture("lo-constructs.odt", &b);
  hostile_file_write(tu_path(c.zImp, "a.odt"), b.z, b.n);
  hostile_file_write(tu_path(c.zImp, "c.odt"), b.z, b.n);
  hostile_file_write(tu_path(c.zImp, ".h.odt"), b.z, b.n);
  fixture("lo-constructs.docx", &b);
  hostile_file_write(tu_path(c.zImp, "b.docx"), b.z, b.n);
  hostile_file_write(tu_path(c.zImp, "x.docx"), zBad, strlen(zBad));
  ck_assert_int_eq(watch_scan_once(c.s, c.zImp, &err), 1);
  ck_assert_msg(!err.set, "%s", err.msg);
  ck_assert(exists(tu_path(c.zImp, "done/a.odt")));
  ck_assert(exists(tu_path(c.zImp, "done/b.docx")));
  ck_assert(exists(tu_path(c.zImp, "done/c.odt")));
  ck_assert(exists(tu_path(c.zImp, "failed/x.docx.reason.txt")));
  ck_assert(exists(tu_path(c.zImp, ".h.odt")));
  ck_assert_int_eq(db_int(&c, "SELECT count(*) FROM document"), 2);
  ck_assert_int_eq(watch_scan_once(c.s, c.zImp, &err), 0);
  buf_release(&b);
  case_free(&c);
}
END_TEST

Suite *suite_watch(void){
  Suite *s = suite_create("watch");
  TCase *tc = tcase_create("watch");
  tcase_add_unchecked_fixture(tc, base_new, base_free);
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_present_at_start);
  tcase_add_test(tc, t02_moved_in);
  tcase_add_test(tc, t03_slow_writer);
  tcase_add_test(tc, t04_bad_file);
  tcase_add_test(tc, t05_duplicates_and_taken_names);
  tcase_add_test(tc, t06_stop_promptly);
  tcase_add_test(tc, t07_folder_not_usable);
  tcase_add_test(tc, t08_scan_once);
  suite_add_tcase(s, tc);
  return s;
}
