/*
** t_archive.c — the archive: the store and its schema migration, import
** of files and folders (flags, inference, meetings, duplicates, bad
** files), the originals on disk, the Dutch full-text index through
** search, "overleg check", and the crash guarantee of import.
**
** Each case works in its own folder under one /tmp folder of the suite
** (removed afterwards, kept when $HOSTILE_KEEP is set).  CLI cases run $OVERLEG there with
** "--storage st", so the paths it prints are relative ("st/originals/...").
** Input documents are made at run time with libzip (hostile.h), or copied
** from tests/fixtures/sample.  Run from the repository root.
*/
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "fts_dutch.h"
#include "hostile.h"
#include "import.h"
#include "integrity.h"
#include "search.h"
#include "store.h"
#include "testutil.h"

Suite *suite_archive(void);

#define SAMPLE_DIR "tests/fixtures/sample/"

/* ------------------------------------------------------------ scratch */

/* A case's folder: zDir/st is the archive, zDir/in the input files. */
typedef TuArch Arch;

/* The folder of the whole suite, made and removed by the runner's process
** (an unchecked fixture), so that a failed case, whose process ends at
** once, leaves nothing behind either. */
static char *zBase;
static void base_new(void){ zBase = hostile_dir_new(); }
static void base_free(void){ hostile_dir_free(zBase); zBase = 0; }

static void arch_new(Arch *a){ tu_arch_new(a, zBase); }

static void copy_file(const char *zFrom, const char *zTo){
  Buf b = BUF_INIT;
  hostile_file_read(zFrom, &b);
  hostile_mkdir_above(zTo);
  hostile_file_write(zTo, b.z, b.n);
  buf_release(&b);
}

static void sha256_file(const char *zPath, char zHex[65]){
  Buf b = BUF_INIT;
  hostile_file_read(zPath, &b);
  tu_sha256_hex(b.z, b.n, zHex);
  buf_release(&b);
}

/* --------------------------------------------------------- queries */

/* FTS5's integrity check: the index sound in itself and, with rank 1,
** also holding exactly the tokens of its external content (the passages);
** without rank 1 an external-content index is only checked in itself. */
static int fts_integrity_ok(sqlite3 *db){
  return sqlite3_exec(db, "INSERT INTO passage_fts(passage_fts) VALUES('integrity-check')",
                      0, 0, 0)==SQLITE_OK
      && sqlite3_exec(db, "INSERT INTO passage_fts(passage_fts, rank) VALUES('integrity-check', 1)",
                      0, 0, 0)==SQLITE_OK;
}

/* ------------------------------------------------- import, in process */

#define GOT_MAX 64

typedef struct Got {
  int n;
  struct {
    ImportStatus status;
    long long iDoc;
    char zName[256];
    char zReason[400];
  } a[GOT_MAX];
} Got;

static void got_report(void *ctx, const ImportResult *r, const ImportStats *st){
  Got *g = ctx;
  ck_assert_int_lt(g->n, GOT_MAX);
  g->a[g->n].status = r->status;
  g->a[g->n].iDoc = r->iDoc;
  snprintf(g->a[g->n].zName, sizeof g->a[0].zName, "%s", r->zName);
  snprintf(g->a[g->n].zReason, sizeof g->a[0].zReason, "%s", r->zReason ? r->zReason : "");
  g->n++;
}

/* The result for the file called zName; fails the test when none. */
static int got_find(const Got *g, const char *zName){
  for(int i=0; i<g->n; i++) if( strcmp(g->a[i].zName, zName)==0 ) return i;
  ck_abort_msg("no result for %s", zName);
  return -1;
}

/* Imports azPath[0..n) with flags o (NULL: none) into the open archive;
** returns import_run()'s result. */
static int import_api(Arch *a, const char *const *azPath, int n, const ImportOpts *o, Got *g,
                      ImportStats *st){
  ImportOpts none;
  memset(&none, 0, sizeof none);
  Err err = ERR_INIT;
  memset(g, 0, sizeof *g);
  int rc = import_run(a->s, (char**)azPath, n, o ? o : &none, got_report, g, st, &err);
  ck_assert_msg(rc>=0, "import: %s", err.msg);
  return rc;
}

/* ------------------------------------------------------ the CLI */

/* Runs $OVERLEG ARGS... --storage st in the case's folder, the archive
** closed meanwhile; returns the exit status. */
#define CLI(a, pOut, pErr, ...) \
  tu_arch_cli(a, 0, (const char *const[]){ __VA_ARGS__, 0 }, pOut, pErr)

/* Asserts that text holds zLine as a whole line. */
static void assert_line(const Buf *text, const char *zLine){
  size_t n = strlen(zLine);
  for(const char *z=text->z; z; z=strchr(z, '\n')){
    if( *z=='\n' ) z++;
    if( strncmp(z, zLine, n)==0 && (z[n]=='\n' || z[n]==0) ) return;
  }
  ck_abort_msg("no line \"%s\" in:\n%s", zLine, text->z);
}

static void assert_prefix(const Buf *text, const char *zPrefix){
  ck_assert_msg(strncmp(text->z, zPrefix, strlen(zPrefix))==0, "\"%s\" does not start with \"%s\"",
                text->z, zPrefix);
}

static int count_lines(const Buf *text){
  int n = 0;
  for(size_t i=0; i<text->n; i++) n += text->z[i]=='\n';
  return n;
}

/* Starts "$OVERLEG import --storage zStore PATH" in zDir, its stdout and
** stderr into zOut (NULL: /dev/null); returns its pid.  With bStale the
** child first leaves, as a crashed import of the same pid would have, a
** temp file named like the first one its import makes. */
static pid_t import_start(const char *zDir, const char *zStore, const char *zPath,
                          const char *zOut, int bStale){
  char *zBin = realpath(getenv("OVERLEG") ? getenv("OVERLEG") : "build/overleg", 0);
  ck_assert_msg(zBin!=0, "OVERLEG: %s", strerror(errno));
  fflush(0);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if( pid==0 ){
    int fd = open(zOut ? zOut : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if( fd<0 || chdir(zDir) || dup2(fd, 1)<0 || dup2(fd, 2)<0 ) _exit(126);
    if( bStale ){
      char zTmp[256];
      snprintf(zTmp, sizeof zTmp, "%s/originals/tmp/%ld-0.tmp", zStore, (long)getpid());
      int fdTmp = open(zTmp, O_WRONLY | O_CREAT | O_EXCL, 0640);
      if( fdTmp<0 || write(fdTmp, "half", 4)!=4 || close(fdTmp) ) _exit(125);
    }
    execl(zBin, zBin, "import", "--storage", zStore, zPath, (char*)0);
    _exit(127);
  }
  free(zBin);
  return pid;
}

/* Waits for pid, for at most secs: past that it is killed and the test
** fails (so that no runaway child outlives the test).  Returns its exit
** status, or -1 when a signal (a kill of ours) ended it. */
static int wait_for(pid_t pid, double secs){
  double tEnd = tu_now() + secs;
  int status;
  for(;;){
    pid_t r = waitpid(pid, &status, WNOHANG);
    if( r==pid ) break;
    ck_assert_msg(r==0 || errno==EINTR, "waitpid: %s", strerror(errno));
    if( tu_now() > tEnd ){
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      ck_abort_msg("overleg import still running after %.0f s: killed", secs);
    }
    struct timespec ts = { 0, 2000000 };
    nanosleep(&ts, 0);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ----------------------------------------------------- originals/ */

/* The files in zStore/originals: in its fan-out folders (*pnFile) and in
** tmp (*pnTmp). */
static void count_originals(const char *zStore, int *pnFile, int *pnTmp){
  char zTop[256];
  snprintf(zTop, sizeof zTop, "%s/originals", zStore);
  *pnFile = *pnTmp = 0;
  DIR *top = opendir(zTop);
  ck_assert_ptr_nonnull(top);
  struct dirent *e;
  while( (e = readdir(top))!=0 ){
    if( e->d_name[0]=='.' ) continue;
    DIR *sub = opendir(tu_path(zTop, e->d_name));
    ck_assert_msg(sub!=0, "%s/%s is not a folder", zTop, e->d_name);
    struct dirent *f;
    while( (f = readdir(sub))!=0 ){
      if( f->d_name[0]=='.' ) continue;
      if( strcmp(e->d_name, "tmp")==0 ) (*pnTmp)++; else (*pnFile)++;
    }
    closedir(sub);
  }
  closedir(top);
}

static void assert_originals(const char *zStore, int nFile, int nTmp){
  int nF, nT;
  count_originals(zStore, &nF, &nT);
  ck_assert_msg(nF==nFile && nT==nTmp, "originals: %d files and %d temp files, want %d and %d",
                nF, nT, nFile, nTmp);
}

/* ================================================== 1-3: the store */

/* 1. A fresh archive: the schema's latest version, WAL, foreign keys,
** the three standing bodies, originals/, the tokenizer version; opening
** it again changes nothing. */
START_TEST(t01_fresh_store){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  int v = store_schema_version(store_schema());
  ck_assert_int_ge(v, 1);
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA user_version", 0), v);
  ck_assert_str_eq(tu_q_text(a.db, "PRAGMA journal_mode", 0), "wal");
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA foreign_keys", 0), 1);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(name || '=' || kind, ',')"
                                   " FROM (SELECT * FROM body ORDER BY id)", 0),
                                   "BORA=BORA,ARG=ARG,BRA=BRA");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT value FROM setting WHERE name='tokenizer'", 0),
                   FTS_DUTCH_VERSION);
  struct stat sb;
  ck_assert_int_eq(stat(tu_path(a.zStore, "originals"), &sb), 0);
  ck_assert(S_ISDIR(sb.st_mode));
  ck_assert_str_eq(store_dir(a.s), a.zStore);
  Buf p = BUF_INIT;
  store_original_path(a.s, "ab0123", &p);
  ck_assert_str_eq(p.z, tu_path(a.zStore, "originals/ab/ab0123"));
  buf_release(&p);
  /* a second connection has the same settings and the tokenizer */
  sqlite3 *db2;
  Err err = ERR_INIT;
  ck_assert_msg(store_connect(a.s, &db2, &err)==0, "%s", err.msg);
  ck_assert_int_eq(tu_q_int(db2, "PRAGMA foreign_keys", 0), 1);
  ck_assert(fts_integrity_ok(db2));
  sqlite3_close(db2);
  tu_arch_close(&a);
  tu_arch_open(&a);
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA user_version", 0), v);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM body", 0), 3);
  tu_arch_free(&a);
}
END_TEST

/* The embedded schema cut after its "-- version 1" section (caller
** frees), and the embedded schema with one more section, version
** latest+1, holding zSql (caller frees). */
static char *schema_v1(void){
  const char *z = store_schema();
  const char *zEnd = strstr(z, "\n-- version 2\n");
  Buf b = BUF_INIT;
  buf_append(&b, z, zEnd ? (size_t)(zEnd - z) + 1 : strlen(z));
  ck_assert_int_eq(store_schema_version(b.z), 1);
  return buf_detach(&b, 0);
}

static char *schema_plus(const char *zSql, int *piVersion){
  Buf b = BUF_INIT;
  *piVersion = store_schema_version(store_schema()) + 1;
  buf_appendf(&b, "%s\n-- version %d\n%s\n", store_schema(), *piVersion, zSql);
  ck_assert_int_eq(store_schema_version(b.z), *piVersion);
  return buf_detach(&b, 0);
}

/* A bare database at a->zStore/overleg.db with the tokenizer, no schema. */
static sqlite3 *bare_db(Arch *a){
  sqlite3 *db;
  ck_assert_int_eq(mkdir(a->zStore, 0700), 0);
  ck_assert_int_eq(sqlite3_open(tu_path(a->zStore, "overleg.db"), &db), SQLITE_OK);
  ck_assert_int_eq(fts_dutch_register(db), SQLITE_OK);
  return db;
}

/* 2. Migration from an older version: a database made with only the
** "-- version 1" section, holding data, migrated with a schema that adds a
** section: the new table is there, the data kept, user_version the new
** version; a second run changes nothing.  Then store_open() refuses it,
** being newer than this overleg, with the exact message (and so does the
** CLI, exit status 1). */
START_TEST(t02_migrate_forward_and_newer_refused){
  Arch a;
  arch_new(&a);
  sqlite3 *db = bare_db(&a);
  Err err = ERR_INIT;
  char *zV1 = schema_v1();
  ck_assert_msg(store_migrate(db, zV1, &err)==0, "%s", err.msg);
  ck_assert_int_eq(tu_q_int(db, "PRAGMA user_version", 0), 1);
  ck_assert_int_eq(sqlite3_exec(db, "INSERT INTO topic(name) VALUES('Wonen')", 0, 0, 0), SQLITE_OK);
  int vNew;
  char *zNew = schema_plus("CREATE TABLE note(id INTEGER PRIMARY KEY, text TEXT);\n"
                           "ALTER TABLE topic ADD COLUMN colour TEXT;", &vNew);
  ck_assert_msg(store_migrate(db, zNew, &err)==0, "%s", err.msg);
  ck_assert_int_eq(tu_q_int(db, "PRAGMA user_version", 0), vNew);
  ck_assert_str_eq(tu_q_text(db, "SELECT name FROM topic", 0), "Wonen");
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM body", 0), 3);
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM note", 0), 0);
  ck_assert_str_eq(tu_q_text(db, "SELECT coalesce(colour, 'none') FROM topic", 0), "none");
  ck_assert_msg(store_migrate(db, zNew, &err)==0, "%s", err.msg);
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM body", 0), 3);
  ck_assert_int_eq(sqlite3_get_autocommit(db), 1);
  sqlite3_close(db);

  Store *s = (Store*)&a;   /* any non-NULL value: store_open must clear it */
  char zWant[200];
  snprintf(zWant, sizeof zWant,
           "the archive was made by a newer overleg (schema %d, this one knows %d)",
           vNew, vNew-1);
  ck_assert_int_eq(store_open(a.zStore, &s, &err), -1);
  ck_assert_ptr_null(s);
  ck_assert_str_eq(err.msg, zWant);
  /* the older store_migrate() refuses it too, and leaves it alone */
  db = 0;
  ck_assert_int_eq(sqlite3_open(tu_path(a.zStore, "overleg.db"), &db), SQLITE_OK);
  err_clear(&err);
  ck_assert_int_eq(store_migrate(db, store_schema(), &err), -1);
  ck_assert_str_eq(err.msg, zWant);
  ck_assert_int_eq(tu_q_int(db, "PRAGMA user_version", 0), vNew);
  sqlite3_close(db);
  Buf out = BUF_INIT, errOut = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &errOut, "check"), 1);
  ck_assert_str_eq(out.z, "");
  char zLine[260];
  snprintf(zLine, sizeof zLine, "overleg: %s\n", zWant);
  ck_assert_str_eq(errOut.z, zLine);
  buf_release(&out);
  buf_release(&errOut);
  free(zV1);
  free(zNew);
  tu_arch_free(&a);
}
END_TEST

/* 3. A section that fails rolls back whole: user_version unchanged, none
** of its statements kept, no transaction left open, the error reported.
** Sections are transactions of their own: a good one before a bad one
** stays. */
START_TEST(t03_failed_migration_rolls_back){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  int v = store_schema_version(store_schema()), vNew;
  Err err = ERR_INIT;
  char *zBad = schema_plus("CREATE TABLE half(x);\nINSERT INTO topic(name) VALUES('Kept?');\n"
                           "INSERT INTO no_such_table VALUES(1);", &vNew);
  ck_assert_int_eq(store_migrate(a.db, zBad, &err), -1);
  ck_assert_str_eq(err.msg, "database error: no such table: no_such_table");
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA user_version", 0), v);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM sqlite_schema WHERE name='half'", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM topic", 0), 0);
  ck_assert_int_eq(sqlite3_get_autocommit(a.db), 1);

  Buf two = BUF_INIT;
  buf_appendf(&two, "%s\n-- version %d\nCREATE TABLE half(x);\n"
                    "-- version %d\nCREATE TABLE half(y);\n", store_schema(), v+1, v+2);
  err_clear(&err);
  ck_assert_int_eq(store_migrate(a.db, two.z, &err), -1);
  ck_assert_str_eq(err.msg, "database error: table half already exists");
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA user_version", 0), v+1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM sqlite_schema WHERE name='half'", 0), 1);
  ck_assert_int_eq(sqlite3_get_autocommit(a.db), 1);
  ck_assert(fts_integrity_ok(a.db));
  buf_release(&two);
  free(zBad);
  tu_arch_free(&a);
}
END_TEST

/* ============================================== 4-9: import */

/* 4. Flags are stored exactly, for a single file and for a folder walked
** recursively (hidden files and folders skipped); every document of one
** body and date shares one meeting; --kind takes synonyms, --body a full
** name, --topic a known topic. */
START_TEST(t04_import_flags){
  Arch a;
  arch_new(&a);
  HOSTILE_DOC(tu_path(a.zIn, "top.odt"), "# Eerste stuk", "Over de regionale woningbouw.");
  HOSTILE_DOC(tu_path(a.zIn, "sub/mid.docx"), "# Tweede stuk", "Over de mobiliteit.");
  HOSTILE_DOC(tu_path(a.zIn, "sub/deeper/low.odt"), "# Derde stuk", "Over de economie.");
  HOSTILE_DOC(tu_path(a.zIn, ".hidden.odt"), "# Verborgen", "Mag niet mee.");
  HOSTILE_DOC(tu_path(a.zIn, ".git/x.odt"), "# Verborgen map", "Mag ook niet mee.");
  HOSTILE_DOC(tu_path(a.zIn, "sub/.y.docx"), "# Verborgen", "Ook niet.");
  HOSTILE_DOC(tu_path(a.zDir, "single.docx"), "# Los stuk", "Een los bestand.");
  Buf out = BUF_INIT, err = BUF_INIT;

  ck_assert_int_eq(CLI(&a, &out, &err, "import", "--body", "BORA", "--date", "2024-01-15",
                       "--kind", "verslag", "in"), 0);
  ck_assert_str_eq(err.z, "");
  assert_prefix(&out, "3 new, 0 duplicates, 0 failed, of 3 files (");
  tu_arch_open(&a);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(original_name || ':' || format, ',')"
                                   " FROM (SELECT * FROM document ORDER BY original_name)", 0),
                                   "low.odt:odt,mid.docx:docx,top.odt:odt");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document d JOIN body b ON b.id=d.body_id"
                                  " WHERE b.name='BORA' AND d.date='2024-01-15' AND d.kind='verslag'"
                                  " AND d.status='concept' AND d.topic_id IS NULL", 0), 3);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting", 0), 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT meeting_id) FROM document"
                                  " WHERE meeting_id NOT NULL", 0), 1);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT m.date || ' ' || b.name FROM meeting m"
                                   " JOIN meeting_body mb ON mb.meeting_id=m.id"
                                   " JOIN body b ON b.id=mb.body_id", 0), "2024-01-15 BORA");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='import'"
                                  " AND actor='cli' AND object LIKE 'document:%'", 0), 3);

  /* a single file, a synonym kind, a body by its full name, another date */
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "--kind", "Notulen", "--body",
                       "Bestuurlijk Overleg Regio Amersfoort", "--date", "2024-02-01",
                       "single.docx"), 0);
  ck_assert_str_eq(err.z, "");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT d.kind || ' ' || d.date || ' ' || b.name"
                                   " FROM document d JOIN body b ON b.id=d.body_id"
                                   " WHERE original_name='single.docx'", 0),
                                   "verslag 2024-02-01 BORA");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting", 0), 2);

  /* --topic names a topic the archive knows */
  char *zOrg = realpath("tests/fixtures/org-example.json", 0);
  ck_assert_ptr_nonnull(zOrg);
  ck_assert_int_eq(CLI(&a, &out, &err, "org", "load", zOrg), 0);
  /* the log says who changed the model; loading it unchanged changes nothing */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='org load'"
                                  " AND actor='cli' AND object='organisation'", 0), 1);
  ck_assert_int_eq(CLI(&a, &out, &err, "org", "load", zOrg), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='org load'", 0), 1);
  free(zOrg);
  HOSTILE_DOC(tu_path(a.zDir, "t.odt"), "# Met onderwerp", "Over wonen.");
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "--topic", "Wonen", "--body", "ARG",
                       "--kind", "memo", "t.odt"), 0);
  ck_assert_str_eq(err.z, "");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT b.name || ' ' || t.name || ' ' || d.kind"
                                   " || ' ' || coalesce(d.date, '-') || ' ' || coalesce(d.status, '-')"
                                   " FROM document d JOIN body b ON b.id=d.body_id"
                                   " JOIN topic t ON t.id=d.topic_id WHERE original_name='t.odt'", 0),
                                   "ARG Wonen memo - -");
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 5. Without flags the body, topic, date and kind come from the
** documents.  One meeting per body and date: the agenda and the minutes
** of BO Wonen on 12 March 2024 share one, the BORA on that day has its
** own.  A new BO and AO are made with their topic, the AO preparing the BO. */
START_TEST(t05_import_inferred_meetings){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  HOSTILE_DOC(tu_path(a.zIn, "a.odt"), "# Agenda BO Wonen 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "b.docx"), "# Verslag BO Wonen 12 maart 2024",
            "Aanwezig: de wethouders wonen.", "De woningbouwopgave is besproken.");
  HOSTILE_DOC(tu_path(a.zIn, "c.odt"), "# Besluitenlijst BORA 12 maart 2024", "Besluit 1: vastgesteld.");
  HOSTILE_DOC(tu_path(a.zIn, "d.docx"), "# Agenda AO Wonen 5 maart 2024", "1. Voorbereiding BO.");
  const char *azPath[] = { a.zIn };
  Got g;
  ImportStats st;
  ck_assert_int_eq(import_api(&a, azPath, 1, 0, &g, &st), 0);
  ck_assert_int_eq(g.n, 4);
  ck_assert_int_eq(st.nNew, 4);
  ck_assert_int_eq(st.nTotal, 4);
  static const char *const azWant[][2] = {
    { "a.odt", "agenda|2024-03-12|BO Wonen|BO|Wonen" },
    { "b.docx", "verslag|2024-03-12|BO Wonen|BO|Wonen" },
    { "c.odt", "besluitenlijst|2024-03-12|BORA|BORA|-" },
    { "d.docx", "agenda|2024-03-05|AO Wonen|AO|Wonen" },
  };
  for(int i=0; i<4; i++){
    ck_assert_int_eq(g.a[got_find(&g, azWant[i][0])].status, IMPORT_NEW);
    ck_assert_str_eq(tu_q_text(a.db, "SELECT d.kind || '|' || d.date || '|' || b.name || '|'"
                                     " || b.kind || '|' || coalesce(t.name, '-') FROM document d"
                                     " JOIN body b ON b.id=d.body_id LEFT JOIN topic t ON t.id=d.topic_id"
                                     " WHERE d.original_name=?1", azWant[i][0]), azWant[i][1]);
  }
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting", 0), 3);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT meeting_id) FROM document"
                                  " WHERE original_name IN ('a.odt','b.docx')", 0), 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT meeting_id) FROM document"
                                  " WHERE original_name IN ('a.odt','c.odt')", 0), 2);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting_body", 0), 3);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT status FROM document WHERE original_name='b.docx'", 0),
                                   "concept");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT full_name || '|' || (SELECT name FROM body p"
                                   " WHERE p.id=ao.prepares_id) FROM body ao WHERE name='AO Wonen'", 0),
                                   "Ambtelijk Overleg Wonen|BO Wonen");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT full_name FROM body WHERE name='BO Wonen'", 0),
                                   "Bestuurlijk Overleg Wonen");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM topic", 0), 1);
  /* a revised version of the minutes (same meeting, kind and title) points
  ** at the version before it */
  HOSTILE_DOC(tu_path(a.zDir, "b2.docx"), "# Verslag BO Wonen 12 maart 2024",
            "Aanwezig: de wethouders wonen.", "De woningbouwopgave is besproken en vastgesteld.");
  const char *azRev[] = { tu_path(a.zDir, "b2.docx") };
  ck_assert_int_eq(import_api(&a, azRev, 1, 0, &g, &st), 0);
  ck_assert_int_eq(g.a[0].status, IMPORT_NEW);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT version_of FROM document WHERE original_name='b2.docx'", 0),
                   tu_q_int(a.db, "SELECT id FROM document WHERE original_name='b.docx'", 0));
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document WHERE version_of NOT NULL", 0), 1);
  /* a later import of the same meeting's action list joins the meeting */
  HOSTILE_DOC(tu_path(a.zDir, "e.odt"), "# Actielijst BO Wonen 12 maart 2024", "Actie 1.");
  const char *azOne[] = { tu_path(a.zDir, "e.odt") };
  ck_assert_int_eq(import_api(&a, azOne, 1, 0, &g, &st), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting", 0), 3);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT meeting_id) FROM document"
                                  " WHERE original_name IN ('a.odt','e.odt')", 0), 1);
  tu_arch_free(&a);
}
END_TEST

/* 6. A bad flag is refused before any file is touched: exit status 1, one
** exact line, nothing on stdout, no document, nothing in originals/ (not
** even its tmp folder). */
START_TEST(t06_bad_flags_refused){
  static const struct { const char *zFlag, *zValue, *zMsg; } aCase[] = {
    { "--date", "2024-13-01", "overleg: bad date \"2024-13-01\": use YYYY-MM-DD\n" },
    { "--date", "2024-00-10", "overleg: bad date \"2024-00-10\": use YYYY-MM-DD\n" },
    { "--date", "2024-01-32", "overleg: bad date \"2024-01-32\": use YYYY-MM-DD\n" },
    { "--date", "15-01-2024", "overleg: bad date \"15-01-2024\": use YYYY-MM-DD\n" },
    { "--date", "2024-1-15", "overleg: bad date \"2024-1-15\": use YYYY-MM-DD\n" },
    { "--date", "2024-01-15x", "overleg: bad date \"2024-01-15x\": use YYYY-MM-DD\n" },
    { "--date", "2024/01/15", "overleg: bad date \"2024/01/15\": use YYYY-MM-DD\n" },
    { "--date", "", "overleg: bad date \"\": use YYYY-MM-DD\n" },
    /* ten characters that are not a date; a day the month does not have */
    { "--date", " 2024-1-15", "overleg: bad date \" 2024-1-15\": use YYYY-MM-DD\n" },
    { "--date", "2024-+1-15", "overleg: bad date \"2024-+1-15\": use YYYY-MM-DD\n" },
    { "--date", "2023-02-29", "overleg: bad date \"2023-02-29\": use YYYY-MM-DD\n" },
    { "--date", "2024-04-31", "overleg: bad date \"2024-04-31\": use YYYY-MM-DD\n" },
    { "--kind", "notule", "overleg: unknown kind \"notule\": use agenda, verslag, besluitenlijst, "
                          "actielijst, memo, brief, presentatie or other\n" },
    { "--body", "BO Wonen", "overleg: unknown body \"BO Wonen\" (\"overleg org export\" "
                            "lists the bodies)\n" },
    { "--topic", "Wonen", "overleg: unknown topic \"Wonen\" (\"overleg org export\" "
                          "lists the topics)\n" },
  };
  Arch a;
  arch_new(&a);
  HOSTILE_DOC(tu_path(a.zIn, "x.odt"), "# Stuk", "Tekst.");
  Buf out = BUF_INIT, err = BUF_INIT;
  Buf fails = BUF_INIT;
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    int rc = CLI(&a, &out, &err, "import", aCase[i].zFlag, aCase[i].zValue, "in");
    if( rc!=1 || strcmp(err.z, aCase[i].zMsg)!=0 || out.n ){
      buf_appendf(&fails, "%s \"%s\": exit %d, stdout \"%s\", stderr \"%s\"\n",
                  aCase[i].zFlag, aCase[i].zValue, rc, out.z, err.z);
    }
    tu_arch_open(&a);
    long long n = tu_q_int(a.db, "SELECT count(*) FROM document", 0);
    tu_arch_close(&a);
    if( n ) buf_appendf(&fails, "%s \"%s\": %lld documents stored\n", aCase[i].zFlag,
                        aCase[i].zValue, n);
    /* delete what a wrongly accepted flag stored, so later cases start empty */
    if( n ){
      tu_arch_open(&a);
      sqlite3_exec(a.db, "DELETE FROM passage; DELETE FROM audit; DELETE FROM document;"
                         "INSERT INTO passage_fts(passage_fts) VALUES('rebuild')", 0, 0, 0);
      tu_arch_close(&a);
    }
    struct stat sb;
    if( stat(tu_path(a.zStore, "originals/tmp"), &sb)==0 ){
      buf_appendf(&fails, "%s \"%s\": originals/tmp made\n", aCase[i].zFlag, aCase[i].zValue);
      hostile_rm_tree(tu_path(a.zStore, "originals"));
      mkdir(tu_path(a.zStore, "originals"), 0750);
    }
  }
  ck_assert_msg(fails.n==0, "bad flags accepted or misreported:\n%s", fails.z);
  assert_originals(a.zStore, 0, 0);
  buf_release(&fails);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 7. The same bytes are stored once: a second import of a file, and two
** copies under other names in one run, are duplicates naming the
** document they duplicate; one row, one file in originals/, no temp
** file; the CLI says so on stderr and exits 0. */
START_TEST(t07_duplicates){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  HOSTILE_DOC(tu_path(a.zIn, "one.odt"), "# Een", "Eerste document.");
  HOSTILE_DOC(tu_path(a.zIn, "two.docx"), "# Twee", "Tweede document.");
  copy_file(tu_path(a.zIn, "two.docx"), tu_path(a.zIn, "two-copy.docx"));
  copy_file(tu_path(a.zIn, "two.docx"), tu_path(a.zIn, "z/two-again.docx"));
  const char *azOne[] = { tu_path(a.zIn, "one.odt") };
  Got g;
  ImportStats st;
  ck_assert_int_eq(import_api(&a, azOne, 1, 0, &g, &st), 0);
  ck_assert_int_eq(g.n, 1);
  ck_assert_int_eq(g.a[0].status, IMPORT_NEW);
  long long iOne = g.a[0].iDoc;
  ck_assert_int_gt(iOne, 0);
  ck_assert_int_eq(import_api(&a, azOne, 1, 0, &g, &st), 0);
  ck_assert_int_eq(g.n, 1);
  ck_assert_int_eq(g.a[0].status, IMPORT_DUPLICATE);
  ck_assert_int_eq(g.a[0].iDoc, iOne);
  ck_assert_int_eq(st.nDup, 1);
  ck_assert_int_eq(st.nNew, 0);

  /* the folder: one.odt (stored before), two-copy.docx, two.docx, z/two-again.docx */
  const char *azIn[] = { a.zIn };
  ck_assert_int_eq(import_api(&a, azIn, 1, 0, &g, &st), 0);
  ck_assert_int_eq(g.n, 4);
  ck_assert_int_eq(st.nNew, 1);
  ck_assert_int_eq(st.nDup, 3);
  /* which copy is stored depends on which worker finishes first: one is
  ** new, the two others duplicates of it */
  static const char *const azCopy[] = { "two-copy.docx", "two.docx", "two-again.docx" };
  int iNew = -1;
  for(int i=0; i<3; i++){
    int k = got_find(&g, azCopy[i]);
    if( g.a[k].status==IMPORT_NEW ){
      ck_assert_int_eq(iNew, -1);
      iNew = k;
    }
  }
  ck_assert_int_ge(iNew, 0);
  long long iTwo = g.a[iNew].iDoc;
  ck_assert_int_gt(iTwo, iOne);
  for(int i=0; i<3; i++){
    int k = got_find(&g, azCopy[i]);
    ck_assert_int_eq(g.a[k].iDoc, iTwo);
    ck_assert_int_eq(g.a[k].status, k==iNew ? IMPORT_NEW : IMPORT_DUPLICATE);
  }
  ck_assert_int_eq(g.a[got_find(&g, "one.odt")].status, IMPORT_DUPLICATE);
  ck_assert_int_eq(g.a[got_find(&g, "one.odt")].iDoc, iOne);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document", 0), 2);
  char zSha[65];
  sha256_file(tu_path(a.zIn, "two.docx"), zSha);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document WHERE sha256=?1", zSha), 1);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT original_name FROM document WHERE sha256=?1", zSha),
                   g.a[iNew].zName);
  assert_originals(a.zStore, 2, 0);

  /* the CLI: exit 0, a line per duplicate */
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "in/two.docx", "in/one.odt"), 0);
  char zWant[300];
  snprintf(zWant, sizeof zWant, "overleg: in/two.docx: duplicate of document %lld, not stored "
           "again", iTwo);
  assert_line(&err, zWant);
  snprintf(zWant, sizeof zWant, "overleg: in/one.odt: duplicate of document %lld, not stored "
           "again", iOne);
  assert_line(&err, zWant);
  ck_assert_int_eq(count_lines(&err), 2);
  assert_prefix(&out, "0 new, 2 duplicates, 0 failed, of 2 files (");
  assert_originals(a.zStore, 2, 0);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 8. Bad files among good ones: each reported with its one-line reason,
** the others stored, exit status 1, and nothing of a bad file kept: no
** row, no original, no temp file. */
START_TEST(t08_bad_files){
  Arch a;
  arch_new(&a);
  HOSTILE_DOC(tu_path(a.zIn, "a-good.odt"), "# Goed", "Een goed document.");
  hostile_file_write(tu_path(a.zIn, "b-plain.docx"), "Dit is gewoon tekst.\n", 21);
  Buf zip = BUF_INIT;
  hostile_file_read(SAMPLE_DIR "2015/bora/Verslag_BORA_12_maart_2015.docx", &zip);
  hostile_file_write(tu_path(a.zIn, "c-truncated.docx"), zip.z, zip.n/2);
  hostile_file_write(tu_path(a.zIn, "d-empty.odt"), "", 0);
  HOSTILE_DOC(tu_path(a.zIn, "e-good.docx"), "# Ook goed", "Nog een goed document.");
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "in"), 1);
  assert_line(&err, "overleg: in/b-plain.docx: not an ODT or DOCX file");
  assert_line(&err, "overleg: in/c-truncated.docx: corrupt zip archive: the file is cut short"
                    " or damaged");
  assert_line(&err, "overleg: in/d-empty.odt: not an ODT or DOCX file");
  ck_assert_int_eq(count_lines(&err), 3);
  assert_prefix(&out, "2 new, 0 duplicates, 3 failed, of 5 files (");
  tu_arch_open(&a);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(original_name, ',')"
                                   " FROM (SELECT original_name FROM document ORDER BY 1)", 0),
                                   "a-good.odt,e-good.docx");
  assert_originals(a.zStore, 2, 0);
  static const char *const azBad[] = { "b-plain.docx", "c-truncated.docx", "d-empty.odt" };
  for(int i=0; i<3; i++){
    char zSha[65];
    sha256_file(tu_path(a.zIn, azBad[i]), zSha);
    Buf p = BUF_INIT;
    store_original_path(a.s, zSha, &p);
    ck_assert_msg(access(p.z, F_OK)!=0, "%s kept as %s", azBad[i], p.z);
    buf_release(&p);
  }
  /* the API reports the same, with the status */
  const char *azPath[] = { tu_path(a.zIn, "b-plain.docx"), tu_path(a.zIn, "a-good.odt") };
  Got g;
  ImportStats st;
  ck_assert_int_eq(import_api(&a, azPath, 2, 0, &g, &st), 1);
  ck_assert_int_eq(g.a[got_find(&g, "b-plain.docx")].status, IMPORT_FAILED);
  ck_assert_str_eq(g.a[got_find(&g, "b-plain.docx")].zReason, "not an ODT or DOCX file");
  ck_assert_int_eq(g.a[got_find(&g, "a-good.odt")].status, IMPORT_DUPLICATE);
  ck_assert_int_eq(st.nFail, 1);
  ck_assert_int_eq(st.nDup, 1);
  ck_assert(fts_integrity_ok(a.db));
  /* a path that does not exist stops the import before anything */
  tu_arch_close(&a);
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "in/e-good.docx", "in/nothing.odt"), 1);
  ck_assert_str_eq(err.z, "overleg: in/nothing.odt: No such file or directory\n");
  ck_assert_str_eq(out.z, "");
  buf_release(&zip);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 9. Each original is kept as originals/ab/<sha256>: the same bytes as
** the file imported, its SHA-256 its name and in its row, with its size. */
START_TEST(t09_originals){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  static const char *const azFile[] = {
    SAMPLE_DIR "2015/bora/Verslag_BORA_12_maart_2015.docx",
    SAMPLE_DIR "2018/bo-wonen/Verslag_BO_Wonen_20180622.odt",
    SAMPLE_DIR "2023/bora/2023-05-18_Agenda_BORA.odt",
    SAMPLE_DIR "2026/bo-arbeidsmarkt/2026-12-18_Besluitenlijst_BO_Arbeidsmarkt.docx",
  };
  Got g;
  ImportStats st;
  ck_assert_int_eq(import_api(&a, (const char**)azFile, 4, 0, &g, &st), 0);
  ck_assert_int_eq(st.nNew, 4);
  for(int i=0; i<4; i++){
    Buf src = BUF_INIT, kept = BUF_INIT, p = BUF_INIT;
    hostile_file_read(azFile[i], &src);
    char zSha[65];
    tu_sha256_hex(src.z, src.n, zSha);
    ck_assert_str_eq(tu_q_text(a.db, "SELECT sha256 FROM document WHERE original_name=?1",
                            strrchr(azFile[i], '/')+1), zSha);
    ck_assert_int_eq(tu_q_int(a.db, "SELECT size FROM document WHERE sha256=?1", zSha),
                     (long long)src.n);
    ck_assert_str_eq(tu_q_text(a.db, "SELECT format FROM document WHERE sha256=?1", zSha),
                     strstr(azFile[i], ".odt") ? "odt" : "docx");
    store_original_path(a.s, zSha, &p);
    char zWant[300];
    snprintf(zWant, sizeof zWant, "%s/originals/%.2s/%s", a.zStore, zSha, zSha);
    ck_assert_str_eq(p.z, zWant);
    hostile_file_read(p.z, &kept);
    ck_assert_int_eq(kept.n, src.n);
    ck_assert(memcmp(kept.z, src.z, src.n)==0);
    char zKept[65];
    tu_sha256_hex(kept.z, kept.n, zKept);
    ck_assert_str_eq(zKept, zSha);
    struct stat sb;
    ck_assert_int_eq(stat(p.z, &sb), 0);
    ck_assert_msg((sb.st_mode & 0022)==0, "%s is writable by others", p.z);
    buf_release(&src);
    buf_release(&kept);
    buf_release(&p);
  }
  assert_originals(a.zStore, 4, 0);
  tu_arch_free(&a);
}
END_TEST

/* ======================================== 10-11: search, the corpus */

/* The ids of the documents search_run() finds for zQuery, as
** "name,name" in result order (at most 20), and the total. */
static long long search_names(sqlite3 *db, const char *zQuery, Buf *out){
  SearchOpts o;
  memset(&o, 0, sizeof o);
  o.zQuery = zQuery;
  o.nLimit = 20;
  Err err = ERR_INIT;
  json_t *r = search_run(db, &o, &err);
  ck_assert_msg(r!=0, "search %s: %s", zQuery, err.msg);
  buf_reset(out);
  size_t i;
  json_t *doc;
  json_array_foreach(json_object_get(r, "results"), i, doc){
    if( i ) buf_putc(out, ',');
    buf_puts(out, json_string_value(json_object_get(doc, "original_name")));
  }
  long long n = json_integer_value(json_object_get(r, "total"));
  json_decref(r);
  return n;
}

/* The names, sorted, of the documents whose passages MATCH zExpr. */
static void match_names(sqlite3 *db, const char *zExpr, Buf *out){
  buf_reset(out);
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(db,
    "SELECT group_concat(name, ',') FROM (SELECT DISTINCT d.original_name AS name"
    " FROM passage_fts JOIN passage p ON p.id=passage_fts.rowid"
    " JOIN document d ON d.id=p.document_id WHERE passage_fts MATCH ?1 ORDER BY 1)",
    -1, &st, 0), SQLITE_OK);
  sqlite3_bind_text(st, 1, zExpr, -1, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  const char *z = (const char*)sqlite3_column_text(st, 0);
  buf_puts(out, z ? z : "");
  sqlite3_finalize(st);
}

/* 10. The Dutch index through search: word forms find each other
** (besluiten/besloten/besluit, woningen/woning), diacritics do not
** matter, every word must match, a prefix works on the index; the index
** passes FTS5's integrity check after imports. */
START_TEST(t10_search_dutch){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  HOSTILE_DOC(tu_path(a.zIn, "a.odt"), "# Stuk A", "De colleges besluiten vandaag over de woningen.");
  HOSTILE_DOC(tu_path(a.zIn, "b.docx"), "# Stuk B", "Het besluit over de woning is genomen.");
  HOSTILE_DOC(tu_path(a.zIn, "c.odt"), "# Stuk C", "Er is besloten tot coördinatie van de woningbouw.");
  HOSTILE_DOC(tu_path(a.zIn, "d.docx"), "# Stuk D", "De coordinatie van de woningbehoefte in de regio.");
  HOSTILE_DOC(tu_path(a.zIn, "e.odt"), "# Stuk E", "Niets hiervan: alleen mobiliteit.");
  const char *azIn[] = { a.zIn };
  Got g;
  ImportStats st;
  ck_assert_int_eq(import_api(&a, azIn, 1, 0, &g, &st), 0);
  ck_assert(fts_integrity_ok(a.db));
  static const struct { const char *zQuery, *zWant; } aCase[] = {
    { "besluiten", "a.odt,b.docx,c.odt" },
    { "besloten", "a.odt,b.docx,c.odt" },
    { "besluit", "a.odt,b.docx,c.odt" },
    { "woningen", "a.odt,b.docx" },
    { "woning", "a.odt,b.docx" },
    { "coordinatie", "c.odt,d.docx" },
    { "coördinatie", "c.odt,d.docx" },
    { "COÖRDINATIE", "c.odt,d.docx" },
    { "besloten coordinatie", "c.odt" },
    { "woningbouw", "c.odt" },
    { "mobiliteit", "e.odt" },
    { "nergens", "" },
  };
  Buf names = BUF_INIT, sorted = BUF_INIT;
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    long long n = search_names(a.db, aCase[i].zQuery, &names);
    /* the order is by rank: compare as sets */
    char *az[8];
    int nName = 0;
    for(char *z=strtok(names.z, ","); z && nName<8; z=strtok(0, ",")) az[nName++] = z;
    for(int j=0; j<nName; j++) for(int k=j+1; k<nName; k++){
      if( strcmp(az[k], az[j])<0 ){ char *t = az[j]; az[j] = az[k]; az[k] = t; }
    }
    buf_reset(&sorted);
    for(int j=0; j<nName; j++) buf_appendf(&sorted, "%s%s", j ? "," : "", az[j]);
    ck_assert_msg(strcmp(sorted.z, aCase[i].zWant)==0 && n==nName,
                  "search \"%s\": %s (total %lld), want %s", aCase[i].zQuery, sorted.z, n,
                  aCase[i].zWant);
  }
  /* search_run() quotes every word, so "woningb*" is no prefix there; the
  ** index itself takes one */
  match_names(a.db, "woningb*", &names);
  ck_assert_str_eq(names.z, "c.odt,d.docx");
  match_names(a.db, "woning*", &names);
  ck_assert_str_eq(names.z, "a.odt,b.docx,c.odt,d.docx");
  buf_release(&names);
  buf_release(&sorted);
  tu_arch_free(&a);
}
END_TEST

/* The sample manifest: one entry per file. */
typedef struct Sample {
  json_t *a;         /* array of the manifest's objects */
  int n;
} Sample;

static void sample_load(Sample *s){
  FILE *f = fopen(SAMPLE_DIR "manifest.jsonl", "r");
  ck_assert_ptr_nonnull(f);
  s->a = json_array();
  char zLine[65536];
  while( fgets(zLine, sizeof zLine, f) ){
    json_error_t e;
    json_t *o = json_loads(zLine, 0, &e);
    ck_assert_msg(o!=0, "manifest: %s", e.text);
    json_array_append_new(s->a, o);
  }
  fclose(f);
  s->n = (int)json_array_size(s->a);
  ck_assert_int_eq(s->n, 40);
}

static const char *js(json_t *o, const char *zKey){
  const char *z = json_string_value(json_object_get(o, zKey));
  return z ? z : "-";
}

static const char *base_name(const char *z){
  const char *zSlash = strrchr(z, '/');
  return zSlash ? zSlash+1 : z;
}

/* 11. The sample corpus: date, body (and topic) and kind inferred right
** for at least 95% of the files (misses printed), and every needle found
** by search in exactly its own document. */
START_TEST(t11_sample_corpus){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  Sample s;
  sample_load(&s);
  char **azPath = xrealloc(0, sizeof azPath[0] * (size_t)s.n);
  for(int i=0; i<s.n; i++){
    Buf p = BUF_INIT;
    buf_appendf(&p, SAMPLE_DIR "%s", js(json_array_get(s.a, (size_t)i), "path"));
    azPath[i] = buf_detach(&p, 0);
  }
  Got g;
  ImportStats st;
  ck_assert_int_eq(import_api(&a, (const char**)azPath, s.n, 0, &g, &st), 0);
  ck_assert_int_eq(st.nNew, s.n);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT original_name) FROM document", 0), s.n);
  int nDate = 0, nBody = 0, nKind = 0;
  Buf miss = BUF_INIT;
  for(int i=0; i<s.n; i++){
    json_t *m = json_array_get(s.a, (size_t)i);
    const char *zName = base_name(js(m, "path"));
    char zGot[512];
    snprintf(zGot, sizeof zGot, "%s", tu_q_text(a.db,
      "SELECT coalesce(d.date, '-') || '|' || coalesce(b.kind, '-') || '|'"
      " || coalesce(iif(b.kind IN ('BO','AO'), b.name, b.kind), '-') || '|'"
      " || coalesce(t.name, '-') || '|' || coalesce(d.kind, '-')"
      " FROM document d LEFT JOIN body b ON b.id=d.body_id LEFT JOIN topic t ON t.id=d.topic_id"
      " WHERE d.original_name=?1", zName));
    char zDate[64], zBody[256], zKind[64];
    snprintf(zDate, sizeof zDate, "%s", js(m, "meeting_date"));
    int bTopical = strcmp(js(m, "body"), "BO")==0 || strcmp(js(m, "body"), "AO")==0;
    snprintf(zBody, sizeof zBody, "%s|%s|%s", js(m, "body"),
             bTopical ? js(m, "body_short") : js(m, "body"), js(m, "topic"));
    snprintf(zKind, sizeof zKind, "%s", js(m, "kind"));
    char *zGotBody = strchr(zGot, '|') + 1;
    char *zGotKind = strrchr(zGot, '|') + 1;
    int bDate = strncmp(zGot, zDate, strlen(zDate))==0 && zGot[strlen(zDate)]=='|';
    int bBody = strncmp(zGotBody, zBody, strlen(zBody))==0 && zGotBody[strlen(zBody)]=='|';
    int bKind = strcmp(zGotKind, zKind)==0;
    nDate += bDate;
    nBody += bBody;
    nKind += bKind;
    if( !bDate || !bBody || !bKind ){
      buf_appendf(&miss, "  %s: got %s, want %s|%s|%s\n", zName, zGot, zDate, zBody, zKind);
    }
  }
  if( miss.n ) fprintf(stderr, "t_archive: sample inference misses:\n%s", miss.z);
  ck_assert_msg(nDate*100 >= 95*s.n && nBody*100 >= 95*s.n && nKind*100 >= 95*s.n,
                "inferred right: date %d, body %d, kind %d of %d\n%s", nDate, nBody, nKind,
                s.n, miss.z);

  Buf names = BUF_INIT, bad = BUF_INIT;
  int nNeedle = 0;
  for(int i=0; i<s.n; i++){
    json_t *m = json_array_get(s.a, (size_t)i);
    size_t k;
    json_t *needle;
    json_array_foreach(json_object_get(m, "needles"), k, needle){
      const char *zNeedle = json_string_value(needle);
      long long n = search_names(a.db, zNeedle, &names);
      nNeedle++;
      if( n!=1 || strcmp(names.z, base_name(js(m, "path")))!=0 ){
        buf_appendf(&bad, "  \"%s\": %s (total %lld), want %s\n", zNeedle, names.z, n,
                    base_name(js(m, "path")));
      }
    }
  }
  ck_assert_int_ge(nNeedle, 3*s.n);
  ck_assert_msg(bad.n==0, "needles not found in exactly their document:\n%s", bad.z);
  ck_assert(fts_integrity_ok(a.db));
  for(int i=0; i<s.n; i++) free(azPath[i]);
  free(azPath);
  json_decref(s.a);
  buf_release(&names);
  buf_release(&bad);
  buf_release(&miss);
  tu_arch_free(&a);
}
END_TEST

/* ============================================= 12: overleg check */

/* The summary line of "overleg check". */
static void want_summary(const Buf *out, long nDoc, long nProblem, long nRepaired, long nMeta){
  char z[200];
  snprintf(z, sizeof z, "%ld document%s checked: %ld problem%s, %ld repaired, %ld need%s metadata",
           nDoc, nDoc==1 ? "" : "s", nProblem, nProblem==1 ? "" : "s", nRepaired, nMeta,
           nMeta==1 ? "s" : "");
  assert_line(out, z);
}

/* 12. "overleg check": clean -> exit 0; a missing or resized original,
** an orphan, a stale temp file, a search index out of step -> each one
** exact line and exit 1; --repair removes the files and rebuilds the
** index; documents lacking metadata are listed, not counted as problems. */
START_TEST(t12_check){
  Arch a;
  arch_new(&a);
  HOSTILE_DOC(tu_path(a.zIn, "a.odt"), "# Agenda BORA 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "b.docx"), "# Verslag BORA 12 maart 2024", "Aanwezig: allen.", "Besloten.");
  HOSTILE_DOC(tu_path(a.zIn, "c.odt"), "# Besluitenlijst BORA 12 maart 2024", "Besluit 1.");
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "in"), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);
  ck_assert_str_eq(out.z, "3 documents checked: 0 problems, 0 repaired, 0 need metadata\n");
  ck_assert_str_eq(err.z, "");

  tu_arch_open(&a);
  char zShaB[65], zShaC[65];
  static const char zShaOf[] = "SELECT sha256 FROM document WHERE original_name=?1";
  snprintf(zShaB, sizeof zShaB, "%s", tu_q_text(a.db, zShaOf, "b.docx"));
  snprintf(zShaC, sizeof zShaC, "%s", tu_q_text(a.db, zShaOf, "c.odt"));
  long long iB = tu_q_int(a.db, "SELECT id FROM document WHERE original_name='b.docx'", 0);
  long long iC = tu_q_int(a.db, "SELECT id FROM document WHERE original_name='c.odt'", 0);
  tu_arch_close(&a);
  char zRelB[128], zRelC[128], zLine[400];
  snprintf(zRelB, sizeof zRelB, "originals/%.2s/%s", zShaB, zShaB);
  snprintf(zRelC, sizeof zRelC, "originals/%.2s/%s", zShaC, zShaC);

  /* a missing original, an original of another size */
  Buf keepB = BUF_INIT, keepC = BUF_INIT;
  hostile_file_read(tu_path(a.zStore, zRelB), &keepB);
  hostile_file_read(tu_path(a.zStore, zRelC), &keepC);
  ck_assert_int_eq(unlink(tu_path(a.zStore, zRelB)), 0);
  hostile_file_write(tu_path(a.zStore, zRelC), keepC.z, keepC.n-1);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 1);
  snprintf(zLine, sizeof zLine, "document %lld (b.docx): its original is missing: st/%s",
           iB, zRelB);
  assert_line(&out, zLine);
  snprintf(zLine, sizeof zLine, "document %lld (c.odt): its original has %zu bytes, not %zu",
           iC, keepC.n-1, keepC.n);
  assert_line(&out, zLine);
  want_summary(&out, 3, 2, 0, 0);
  ck_assert_int_eq(count_lines(&out), 3);
  /* --repair cannot bring them back */
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--repair"), 1);
  want_summary(&out, 3, 2, 0, 0);
  hostile_file_write(tu_path(a.zStore, zRelB), keepB.z, keepB.n);
  hostile_file_write(tu_path(a.zStore, zRelC), keepC.z, keepC.n);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);

  /* an original changed in place, its size kept: only --verify sees it */
  keepC.z[keepC.n/2] ^= 0x20;
  hostile_file_write(tu_path(a.zStore, zRelC), keepC.z, keepC.n);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--verify"), 1);
  snprintf(zLine, sizeof zLine, "document %lld (c.odt): its original was changed on disk:"
           " its SHA-256 is ", iC);
  ck_assert_msg(strncmp(out.z, zLine, strlen(zLine))==0, "%s", out.z);
  snprintf(zLine, sizeof zLine, ", not %s\n3 documents checked (3 originals hashed): 1 problem,"
           " 0 repaired, 0 need metadata\n", zShaC);
  ck_assert_msg(strstr(out.z, zLine)!=0, "%s", out.z);
  keepC.z[keepC.n/2] ^= 0x20;
  hostile_file_write(tu_path(a.zStore, zRelC), keepC.z, keepC.n);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--verify"), 0);
  ck_assert_str_eq(out.z, "3 documents checked (3 originals hashed): 0 problems, 0 repaired,"
                   " 0 need metadata\n");
  /* each run is in the audit log, for auditors */
  tu_arch_open(&a);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT actor || ' ' || action || ' ' || object || ' ' || detail"
                   " FROM audit ORDER BY id DESC LIMIT 1", 0),
                   "cli check archive {\"documents\":3,\"problems\":0,\"repaired\":0,"
                   "\"hashed\":3,\"verify\":true}");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='check'"
                   " AND detail LIKE '%\"problems\":1,%' AND detail LIKE '%\"verify\":true%'", 0), 1);
  tu_arch_close(&a);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--meetings", "--verify"), 2);

  /* an orphan in a fan-out folder, one in a new folder, a stray name, a
  ** stale temp file */
  static const char zOrphan[] =
    "originals/ab/ab00000000000000000000000000000000000000000000000000000000000000";
  static const char zOrphan2[] =
    "originals/fe/fe11111111111111111111111111111111111111111111111111111111111111";
  mkdir(tu_path(a.zStore, "originals/ab"), 0750);
  mkdir(tu_path(a.zStore, "originals/fe"), 0750);
  hostile_file_write(tu_path(a.zStore, zOrphan), "x", 1);
  hostile_file_write(tu_path(a.zStore, zOrphan2), "y", 1);
  hostile_file_write(tu_path(a.zStore, "originals/ab/notes.txt"), "z", 1);
  hostile_file_write(tu_path(a.zStore, "originals/tmp/4242-7.tmp"), "partial", 7);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 1);
  snprintf(zLine, sizeof zLine, "st/%s: a file without a document", zOrphan);
  assert_line(&out, zLine);
  snprintf(zLine, sizeof zLine, "st/%s: a file without a document", zOrphan2);
  assert_line(&out, zLine);
  assert_line(&out, "st/originals/ab/notes.txt: a file without a document");
  assert_line(&out, "st/originals/tmp/4242-7.tmp: left over from an interrupted import");
  want_summary(&out, 3, 4, 0, 0);
  ck_assert_int_eq(count_lines(&out), 5);
  assert_originals(a.zStore, 6, 1);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--repair"), 0);
  snprintf(zLine, sizeof zLine, "st/%s: removed (a file without a document)", zOrphan);
  assert_line(&out, zLine);
  assert_line(&out, "st/originals/ab/notes.txt: removed (a file without a document)");
  assert_line(&out, "st/originals/tmp/4242-7.tmp: removed (left over from an interrupted import)");
  want_summary(&out, 3, 0, 4, 0);
  ck_assert_int_eq(count_lines(&out), 5);
  assert_originals(a.zStore, 3, 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);
  ck_assert_str_eq(out.z, "3 documents checked: 0 problems, 0 repaired, 0 need metadata\n");

  /* the search index out of step with the passages */
  tu_arch_open(&a);
  ck_assert_int_eq(sqlite3_exec(a.db, "DELETE FROM passage WHERE id=(SELECT max(id) FROM passage)",
                                0, 0, 0), SQLITE_OK);
  ck_assert(!fts_integrity_ok(a.db));
  tu_arch_close(&a);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 1);
  static const char zIndex[] = "the search index does not match the passages (";
  ck_assert_msg(strncmp(out.z, zIndex, sizeof zIndex - 1)==0
                && strstr(out.z, "): run \"overleg check --repair\"\n"), "%s", out.z);
  want_summary(&out, 3, 1, 0, 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--repair"), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);

  /* documents lacking metadata are listed, exit status 0 */
  HOSTILE_DOC(tu_path(a.zDir, "zomaar.odt"), "# Zomaar wat", "Geen datum, geen overleg.");
  HOSTILE_DOC(tu_path(a.zDir, "verslag.docx"), "# Verslag van iets", "Zonder datum.");
  ck_assert_int_eq(CLI(&a, &out, &err, "import", "zomaar.odt", "verslag.docx"), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);
  tu_arch_open(&a);
  long long iZ = tu_q_int(a.db, "SELECT id FROM document WHERE original_name='zomaar.odt'", 0);
  long long iV = tu_q_int(a.db, "SELECT id FROM document WHERE original_name='verslag.docx'", 0);
  tu_arch_close(&a);
  snprintf(zLine, sizeof zLine, "document %lld (zomaar.odt) needs metadata: date, body, kind", iZ);
  assert_line(&out, zLine);
  snprintf(zLine, sizeof zLine, "document %lld (verslag.docx) needs metadata: date, body", iV);
  assert_line(&out, zLine);
  want_summary(&out, 5, 0, 0, 2);
  ck_assert_int_eq(count_lines(&out), 3);
  buf_release(&keepB);
  buf_release(&keepC);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* ======================================= 13-14: interrupted and odd */

/* 13. A folder with symbolic links back up its own tree (two of them:
** the paths double at every level) is walked once: the one file is
** imported once, quickly, and no path is reported twice. */
START_TEST(t13_folder_symlink_loops){
  Arch a;
  arch_new(&a);
  HOSTILE_DOC(tu_path(a.zIn, "sub/a.odt"), "# Stuk", "Tekst.");
  ck_assert_int_eq(symlink("..", tu_path(a.zIn, "sub/loop1")), 0);
  ck_assert_int_eq(symlink("..", tu_path(a.zIn, "sub/loop2")), 0);
  ck_assert_int_eq(symlink(".", tu_path(a.zIn, "self")), 0);
  ck_assert_int_eq(wait_for(import_start(a.zDir, "st", "in", tu_path(a.zDir, "out.txt"), 0), 10), 0);
  Buf out = BUF_INIT;
  hostile_file_read(tu_path(a.zDir, "out.txt"), &out);
  assert_prefix(&out, "1 new, 0 duplicates, 0 failed, of 1 file (");
  assert_originals(a.zStore, 1, 0);
  buf_release(&out);
  tu_arch_free(&a);
}
END_TEST

/* 14. A crashed import leaves temp files named by its pid; a later import
** that happens to get the same pid (pids wrap, and a container starts
** its processes at the same small pids every time) must not fail on
** them.  The stale file stays for "check --repair". */
START_TEST(t14_stale_temp_of_same_pid){
  Arch a;
  arch_new(&a);
  tu_arch_open(&a);
  tu_arch_close(&a);
  ck_assert_int_eq(mkdir(tu_path(a.zStore, "originals/tmp"), 0750), 0);
  HOSTILE_DOC(tu_path(a.zIn, "a.odt"), "# Stuk", "Tekst.");
  int rc = wait_for(import_start(a.zDir, "st", "in/a.odt", tu_path(a.zDir, "out.txt"), 1), 30);
  Buf out = BUF_INIT, err = BUF_INIT;
  hostile_file_read(tu_path(a.zDir, "out.txt"), &out);
  ck_assert_msg(rc==0, "exit %d: %s", rc, out.z);
  assert_prefix(&out, "1 new, 0 duplicates, 0 failed, of 1 file (");
  assert_originals(a.zStore, 1, 1);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--repair"), 0);
  want_summary(&out, 1, 0, 1, 1);
  assert_originals(a.zStore, 1, 0);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* ============================================= 15: the crash guarantee */

#define CRASH_FILES 300
#define CRASH_KILLS 8

static const char *const azCrashTopic[] = {
  "Wonen", "Mobiliteit", "Economie", "Sociaal Domein", "Energietransitie",
};
static const char *const azCrashMonth[] = {
  "januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december",
};

/* A word no other file has: letters from i. */
static void unique_word(int i, const char *zPrefix, char *z, size_t n){
  char zL[8];
  int k = 0;
  do{ zL[k++] = (char)('a' + i%26); i /= 26; }while( i && k<7 );
  zL[k] = 0;
  snprintf(z, n, "%s%s", zPrefix, zL);
}

/* File i of the crash corpus: a BO's minutes on one of a few dates, with
** 1..5 sections of 1..80 paragraphs, so that files differ in size and in
** their number of passages. */
static void crash_file(const char *zDir, int i){
  char zPath[256], zHead[160], zWord[32];
  snprintf(zPath, sizeof zPath, "%s/f%03d.%s", zDir, i, i%2 ? "docx" : "odt");
  snprintf(zHead, sizeof zHead, "# Verslag BO %s %d %s 2024 (stuk %d)",
           azCrashTopic[i%5], 1 + i%28, azCrashMonth[(i/5)%12], i);
  unique_word(i, "kenmerk", zWord, sizeof zWord);
  int nSection = 1 + i%5, nPara = 1 + (i*7)%80;
  int nBlock = 1 + nSection*(1 + nPara);
  char **az = xrealloc(0, sizeof az[0] * (size_t)nBlock);
  int n = 0;
  az[n++] = xstrdup(zHead);
  for(int k=0; k<nSection; k++){
    Buf b = BUF_INIT;
    buf_appendf(&b, "# %d. Agendapunt over %s", k+1, azCrashTopic[(i+k)%5]);
    az[n++] = buf_detach(&b, 0);
    for(int j=0; j<nPara; j++){
      buf_appendf(&b, "Alinea %d van stuk %d met %s: de regio bespreekt de woningbouw, "
                  "de mobiliteit en de coördinatie van de besluiten over het %s. "
                  "De colleges besluiten later over de uitwerking en de financiering.",
                  j, i, zWord, azCrashTopic[(i+j)%5]);
      az[n++] = buf_detach(&b, 0);
    }
  }
  hostile_write_doc(zPath, (const char *const*)az, n);
  for(int k=0; k<n; k++) free(az[k]);
  free(az);
}

/* The passages each file of the reference archive has, by SHA-256. */
typedef struct RefCounts {
  char azSha[CRASH_FILES][65];
  long anPassage[CRASH_FILES];
  int n;
} RefCounts;

static void ref_counts(sqlite3 *db, RefCounts *r){
  sqlite3_stmt *st;
  r->n = 0;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT d.sha256, count(p.id) FROM document d"
                   " LEFT JOIN passage p ON p.document_id=d.id GROUP BY d.id", -1, &st, 0), SQLITE_OK);
  while( sqlite3_step(st)==SQLITE_ROW ){
    ck_assert_int_lt(r->n, CRASH_FILES);
    snprintf(r->azSha[r->n], 65, "%s", (const char*)sqlite3_column_text(st, 0));
    r->anPassage[r->n++] = sqlite3_column_int(st, 1);
  }
  sqlite3_finalize(st);
}

static long ref_find(const RefCounts *r, const char *zSha){
  for(int i=0; i<r->n; i++) if( strcmp(r->azSha[i], zSha)==0 ) return r->anPassage[i];
  return -1;
}

/* Everything that must hold however the import ended: (a) every row has
** its original with its size, (b) every original outside tmp/ is a
** complete copy (its bytes hash to its name) whether or not it has its
** row, (c) the search index matches the passages, (d) the database is
** sound, (e) no passage without its document, every document has all the
** passages the same file has in the reference archive, and its passage
** ids are the index's rowids.  Returns the number of orphans. */
static int crash_verify(Arch *a, const RefCounts *ref, int iRound){
  tu_arch_open(a);
  sqlite3 *db = a->db;
  ck_assert_msg(strcmp(tu_q_text(db, "PRAGMA integrity_check", 0), "ok")==0,
                                     "round %d: integrity_check: %s", iRound, tu_q_text(db, "PRAGMA integrity_check", 0));
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM pragma_foreign_key_check", 0), 0);
  ck_assert_msg(fts_integrity_ok(db), "round %d: FTS integrity-check: %s", iRound,
                sqlite3_errmsg(db));
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM passage WHERE document_id NOT IN"
                                " (SELECT id FROM document)", 0), 0);
  /* the index holds exactly the passage ids: a search on a word every
  ** passage has finds every passage */
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'regio'", 0),
                   tu_q_int(db, "SELECT count(*) FROM passage WHERE text LIKE '%regio%'", 0));
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM passage_fts f LEFT JOIN passage p ON p.id=f.rowid"
                                " WHERE passage_fts MATCH 'regio' AND p.id IS NULL", 0), 0);
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT d.id, d.sha256, d.size, count(p.id),"
                   " coalesce(max(p.seq), -1) FROM document d LEFT JOIN passage p"
                   " ON p.document_id=d.id GROUP BY d.id", -1, &st, 0), SQLITE_OK);
  Buf path = BUF_INIT;
  while( sqlite3_step(st)==SQLITE_ROW ){
    const char *zSha = (const char*)sqlite3_column_text(st, 1);
    long nPassage = sqlite3_column_int(st, 3);
    buf_reset(&path);
    store_original_path(a->s, zSha, &path);
    struct stat sb;
    ck_assert_msg(stat(path.z, &sb)==0, "round %d: document %lld has no original", iRound,
                  sqlite3_column_int64(st, 0));
    ck_assert_msg(sb.st_size==sqlite3_column_int64(st, 2), "round %d: document %lld: %lld bytes,"
                  " not %lld", iRound, sqlite3_column_int64(st, 0), (long long)sb.st_size,
                  sqlite3_column_int64(st, 2));
    long nWant = ref_find(ref, zSha);
    ck_assert_msg(nWant>0 && nPassage==nWant && sqlite3_column_int(st, 4)==nPassage-1,
                  "round %d: document %lld has %ld passages, want %ld", iRound,
                  sqlite3_column_int64(st, 0), nPassage, nWant);
  }
  sqlite3_finalize(st);
  /* (b): every file outside tmp/ */
  int nOrphan = 0;
  char zTop[256];
  snprintf(zTop, sizeof zTop, "%s/originals", a->zStore);
  DIR *top = opendir(zTop);
  struct dirent *e;
  while( top && (e = readdir(top))!=0 ){
    if( e->d_name[0]=='.' || strcmp(e->d_name, "tmp")==0 ) continue;
    DIR *sub = opendir(tu_path(zTop, e->d_name));
    struct dirent *f;
    while( sub && (f = readdir(sub))!=0 ){
      if( f->d_name[0]=='.' ) continue;
      buf_reset(&path);
      buf_appendf(&path, "%s/%s/%s", zTop, e->d_name, f->d_name);
      char zSha[65];
      sha256_file(path.z, zSha);
      ck_assert_msg(strcmp(zSha, f->d_name)==0, "round %d: %s holds other bytes (%s)",
                    iRound, path.z, zSha);
      nOrphan += tu_q_int(db, "SELECT count(*) FROM document WHERE sha256=?1", f->d_name)==0;
    }
    if( sub ) closedir(sub);
  }
  if( top ) closedir(top);
  buf_release(&path);
  tu_arch_close(a);
  return nOrphan;
}

/* 15. THE CRASH GUARANTEE.  300 distinct documents are imported by
** "overleg import", killed with SIGKILL at a random moment between 5 ms
** and the time a whole import takes, 8 times over, each run resuming
** where the last stopped.  After every kill the archive is whole (see
** crash_verify); "overleg check" reports exactly the orphans and temp
** files left, and after every other kill "check --repair" removes them
** (the other rounds leave them for the next import to cope with).  A last
** import completes, and every file is then there exactly once. */
START_TEST(t15_crash_guarantee){
  Arch a;
  arch_new(&a);
  for(int i=0; i<CRASH_FILES; i++) crash_file(a.zIn, i);
  /* the reference: one import that is not interrupted, timed */
  double t0 = tu_now();
  ck_assert_int_eq(wait_for(import_start(a.zDir, "ref", "in", 0, 0), 60), 0);
  double tFull = tu_now() - t0;
  RefCounts *ref = xrealloc(0, sizeof *ref);
  Arch r = a;                  /* the same folder, the archive zDir/ref */
  char *zRef = hostile_path(a.zDir, "ref");
  r.zStore = zRef;
  tu_arch_open(&r);
  ck_assert_int_eq(tu_q_int(r.db, "SELECT count(*) FROM document", 0), CRASH_FILES);
  ref_counts(r.db, ref);
  ck_assert_int_gt(tu_q_int(r.db, "SELECT count(DISTINCT n) FROM (SELECT count(*) AS n FROM passage"
                                  " GROUP BY document_id)", 0), 3);
  tu_arch_close(&r);
  free(zRef);

  unsigned seed = (unsigned)time(0) ^ (unsigned)getpid();
  if( getenv("ARCHIVE_SEED") ) seed = (unsigned)strtoul(getenv("ARCHIVE_SEED"), 0, 10);
  srand(seed);
  int nKilled = 0, nOrphanSeen = 0, nTmpSeen = 0;
  Buf out = BUF_INIT, err = BUF_INIT, log = BUF_INIT;
  for(int k=0; k<CRASH_KILLS; k++){
    /* round k kills in the k-th eighth of the time: early rounds catch the
    ** copies and the first commit, later ones the resumed imports' end */
    double dt = 0.005 + (tFull - 0.005) * (k + rand() / (double)RAND_MAX) / CRASH_KILLS;
    pid_t pid = import_start(a.zDir, "st", "in", 0, 0);
    struct timespec ts = { (time_t)dt, (long)((dt - (time_t)dt)*1e9) };
    while( nanosleep(&ts, &ts) && errno==EINTR ){}
    kill(pid, SIGKILL);
    int rc = wait_for(pid, 60);
    ck_assert_msg(rc<=0, "seed %u round %d: import exited %d", seed, k, rc);
    nKilled += rc<0;
    int nOrphan = crash_verify(&a, ref, k);
    int nFile, nTmp;
    count_originals(a.zStore, &nFile, &nTmp);
    nOrphanSeen += nOrphan;
    nTmpSeen += nTmp;
    tu_arch_open(&a);
    long long nDoc = tu_q_int(a.db, "SELECT count(*) FROM document", 0);
    tu_arch_close(&a);
    buf_appendf(&log, "  round %d: kill after %.0f ms: %lld documents, %d orphans, %d temp files\n",
                k, dt*1e3, nDoc, nOrphan, nTmp);
    ck_assert_int_eq(nFile, nDoc + nOrphan);
    /* check sees exactly what is left over */
    int rcCheck = CLI(&a, &out, &err, "check");
    ck_assert_msg(rcCheck==(nOrphan+nTmp ? 1 : 0), "seed %u round %d: check exit %d\n%s",
                  seed, k, rcCheck, out.z);
    want_summary(&out, (long)nDoc, nOrphan+nTmp, 0, 0);
    if( k%2 ){
      ck_assert_int_eq(CLI(&a, &out, &err, "check", "--repair"), 0);
      want_summary(&out, (long)nDoc, 0, nOrphan+nTmp, 0);
      ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);
      assert_originals(a.zStore, (int)nDoc, 0);
    }
  }
  fprintf(stderr, "t_archive: crash (seed %u, full import %.0f ms, %d kills, %d orphans and"
          " %d temp files met):\n%s", seed, tFull*1e3, nKilled, nOrphanSeen, nTmpSeen, log.z);
  /* a last import completes: every file once */
  ck_assert_int_eq(wait_for(import_start(a.zDir, "st", "in", 0, 0), 60), 0);
  ck_assert_int_eq(crash_verify(&a, ref, CRASH_KILLS), 0);
  tu_arch_open(&a);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document", 0), CRASH_FILES);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT sha256) FROM document", 0), CRASH_FILES);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(DISTINCT original_name) FROM document", 0), CRASH_FILES);
  for(int i=0; i<CRASH_FILES; i++){
    char zName[32], zSha[65];
    snprintf(zName, sizeof zName, "f%03d.%s", i, i%2 ? "docx" : "odt");
    sha256_file(tu_path(a.zIn, zName), zSha);
    ck_assert_msg(tu_q_int(a.db, "SELECT count(*) FROM document WHERE sha256=?1", zSha)==1,
                                 "%s stored %lld times", zName,
                  tu_q_int(a.db, "SELECT count(*) FROM document WHERE sha256=?1", zSha));
    ck_assert_str_eq(tu_q_text(a.db, "SELECT original_name FROM document WHERE sha256=?1", zSha),
                     zName);
  }
  tu_arch_close(&a);
  ck_assert_int_eq(CLI(&a, &out, &err, "check", "--repair"), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "check"), 0);
  want_summary(&out, CRASH_FILES, 0, 0, 0);
  assert_originals(a.zStore, CRASH_FILES, 0);
  ck_assert_msg(nKilled>0, "seed %u: no import was killed", seed);
  free(ref);
  buf_release(&out);
  buf_release(&err);
  buf_release(&log);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_archive(void){
  Suite *s = suite_create("archive");
  TCase *tc = tcase_create("archive");
  tcase_add_unchecked_fixture(tc, base_new, base_free);
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_fresh_store);
  tcase_add_test(tc, t02_migrate_forward_and_newer_refused);
  tcase_add_test(tc, t03_failed_migration_rolls_back);
  tcase_add_test(tc, t04_import_flags);
  tcase_add_test(tc, t05_import_inferred_meetings);
  tcase_add_test(tc, t06_bad_flags_refused);
  tcase_add_test(tc, t07_duplicates);
  tcase_add_test(tc, t08_bad_files);
  tcase_add_test(tc, t09_originals);
  tcase_add_test(tc, t10_search_dutch);
  tcase_add_test(tc, t11_sample_corpus);
  tcase_add_test(tc, t12_check);
  tcase_add_test(tc, t13_folder_symlink_loops);
  tcase_add_test(tc, t14_stale_temp_of_same_pid);
  suite_add_tcase(s, tc);
  TCase *crash = tcase_create("crash");
  tcase_add_unchecked_fixture(crash, base_new, base_free);
  tcase_set_timeout(crash, 180);
  tcase_add_test(crash, t15_crash_guarantee);
  suite_add_tcase(s, crash);
  return s;
}
