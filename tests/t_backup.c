/*
** t_backup.c — "overleg backup" (backup.c, backupcmd.c): a backup opens
** as the same archive (documents, search, a clean check); a second one
** copies only what is new; an original damaged or missing in the
** archive is reported and not copied while the backup goes on; a wrong
** copy in the backup is replaced when its size differs, or with
** --verify; destinations inside the archive, open in a program or being
** backed up into are refused; what an interrupted run leaves confuses
** neither the next run nor "overleg check"; and a backup made while
** another connection commits is one consistent snapshot.  Run from the
** repository root.
*/
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "hostile.h"
#include "integrity.h"
#include "testutil.h"

Suite *suite_backup(void);

/* Runs $OVERLEG ARGS... --storage st in the case's folder. */
#define CLI(a, pOut, pErr, ...) \
  tu_arch_cli(a, 0, (const char *const[]){ __VA_ARGS__, 0 }, pOut, pErr)

/* Three documents, 1.odt to 3.odt, ids 1 to 3, open. */
static void arch_new(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  HOSTILE_DOC(tu_path(a->zIn, "1.odt"), "# Verslag BO Wonen 12 maart 2024",
              "De woningbouw in Leusden gaat door.");
  HOSTILE_DOC(tu_path(a->zIn, "2.docx"), "# Agenda BORA 4 februari 2025",
              "1. Opening", "2. Woningbouwprogramma");
  HOSTILE_DOC(tu_path(a->zIn, "3.odt"), "# Memo statushouders",
              "| gemeente | aantal |", "| Soest | 12 |");
  ck_assert_int_eq(tu_arch_import(a, 0), 3);
}

/* The path of document iDoc's original under zDir (the archive or a
** backup), in a static buffer. */
static const char *original_of(TuArch *a, const char *zDir, int iDoc){
  static char z[600];
  char zId[16];
  snprintf(zId, sizeof zId, "%d", iDoc);
  const char *zSha = tu_q_text(a->db, "SELECT sha256 FROM document WHERE id=?1", zId);
  ck_assert_int_eq(strlen(zSha), 64);
  snprintf(z, sizeof z, "%s/originals/%.2s/%s", zDir, zSha, zSha);
  return z;
}

/* The summary line's end: the size of zDest's database in MB. */
static const char *db_mb(TuArch *a, const char *zDest){
  static char z[64];
  char zRel[128];
  snprintf(zRel, sizeof zRel, "%s/overleg.db", zDest);
  struct stat sb;
  ck_assert_int_eq(stat(tu_path(a->zDir, zRel), &sb), 0);
  snprintf(z, sizeof z, "database %.1f MB\n", sb.st_size/1e6);
  return z;
}

/* Asserts that stdout is exactly zHead followed by db_mb(). */
static void assert_summary(TuArch *a, const Buf *out, const char *zHead, const char *zDest){
  char z[600];
  snprintf(z, sizeof z, "%s%s", zHead, db_mb(a, zDest));
  ck_assert_str_eq(out->z, z);
}

/* The files under zDir/originals: *pnSha named by a SHA-256 in their
** folder ab/, the others counted in the result. */
static int odd_files(const char *zDir, int *pnSha){
  char zTop[600];
  snprintf(zTop, sizeof zTop, "%s/originals", zDir);
  DIR *top = opendir(zTop);
  ck_assert_ptr_nonnull(top);
  int nOdd = 0;
  *pnSha = 0;
  struct dirent *e, *f;
  while( (e = readdir(top))!=0 ){
    if( e->d_name[0]=='.' ) continue;
    DIR *sub = opendir(tu_path(zTop, e->d_name));
    ck_assert_ptr_nonnull(sub);
    while( (f = readdir(sub))!=0 ){
      if( f->d_name[0]=='.' ) continue;
      int bSha = strlen(f->d_name)==64 && strspn(f->d_name, "0123456789abcdef")==64
              && strncmp(f->d_name, e->d_name, 2)==0;
      if( bSha ) (*pnSha)++;
      else nOdd++;
    }
    closedir(sub);
  }
  closedir(top);
  return nOdd;
}

/* The audit rows of backups into zDest (a path in the case's folder)
** with detail zDetail (NULL: any). */
static long long audits(TuArch *a, const char *zDest, const char *zDetail){
  char *zReal = realpath(tu_path(a->zDir, zDest), 0);
  ck_assert_ptr_nonnull(zReal);
  char zSql[1200];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM audit WHERE actor='cli' AND action='backup'"
           " AND object=?1 AND (%s)", zDetail ? "detail=%Q" : "1");
  char *zFull = sqlite3_mprintf(zSql, zDetail);
  long long n = tu_q_int(a->db, zFull, zReal);
  sqlite3_free(zFull);
  free(zReal);
  return n;
}

static void count_problem(void *ctx, const char *zLine){
  (void)ctx;
  (void)zLine;
}

/* Opens the backup zDest as an archive: the same documents, the same
** search hits, no problem found by the integrity check. */
static void assert_restores(TuArch *a, const char *zDest){
  static const char zDocs[] = "SELECT group_concat(id || ' ' || sha256 || ' ' || size || ' '"
    " || original_name || ' ' || coalesce(title, ''), ';') FROM (SELECT * FROM document ORDER BY id)";
  static const char zHits[] = "SELECT count(*) || ':' || group_concat(rowid) FROM (SELECT rowid"
    " FROM passage_fts WHERE passage_fts MATCH ?1 ORDER BY rowid)";
  char zWant[4096], zHitsWant[2][200];
  snprintf(zWant, sizeof zWant, "%s", tu_q_text(a->db, zDocs, 0));
  snprintf(zHitsWant[0], sizeof zHitsWant[0], "%s", tu_q_text(a->db, zHits, "woningbouw"));
  snprintf(zHitsWant[1], sizeof zHitsWant[1], "%s", tu_q_text(a->db, zHits, "soest"));
  ck_assert_str_ne(zHitsWant[0], "0:NULL");
  ck_assert_str_ne(zHitsWant[1], "0:NULL");
  Store *s;
  Err err = ERR_INIT;
  ck_assert_msg(store_open(tu_path(a->zDir, zDest), &s, &err)==0, "%s", err.msg);
  ck_assert_str_eq(tu_q_text(store_db(s), zDocs, 0), zWant);
  ck_assert_str_eq(tu_q_text(store_db(s), zHits, "woningbouw"), zHitsWant[0]);
  ck_assert_str_eq(tu_q_text(store_db(s), zHits, "soest"), zHitsWant[1]);
  IntegrityResult r;
  ck_assert_int_eq(integrity_run(s, 0, count_problem, 0, &r), 0);
  ck_assert_int_eq(r.nProblem, 0);
  ck_assert_int_eq(r.nDocument, tu_q_int(a->db, "SELECT count(*) FROM document", 0));
  store_close(s);
}

/* 1. A backup holds the database and every original, nothing else; it
** opens as the same archive; the audit row says what was copied. */
START_TEST(t01_backup_restores){
  TuArch a;
  arch_new(&a);
  long long nByte = tu_q_int(a.db, "SELECT sum(size) FROM document", 0);
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  ck_assert_str_eq(err.z, "");
  assert_summary(&a, &out, "backup: 3 documents in bk: 3 originals copied (0.0 MB), 0 already"
                 " there, 0 failed; ", "bk");
  /* DEST: the database, its originals and the lock, no temp file */
  DIR *d = opendir(tu_path(a.zDir, "bk"));
  ck_assert_ptr_nonnull(d);
  Buf names = BUF_INIT;
  for(struct dirent *e; (e = readdir(d))!=0; ){
    if( e->d_name[0]!='.' ) buf_appendf(&names, "%s;", e->d_name);
  }
  closedir(d);
  ck_assert_int_eq(tu_count(names.z, ";"), 3);
  ck_assert_int_eq(tu_count(names.z, "overleg.db;"), 1);
  ck_assert_int_eq(tu_count(names.z, "originals;"), 1);
  ck_assert_int_eq(tu_count(names.z, "backup.lock;"), 1);
  int nSha;
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk"), &nSha), 0);
  ck_assert_int_eq(nSha, 3);
  /* the copies are the originals, byte for byte */
  for(int i=1; i<=3; i++){
    Buf x = BUF_INIT, y = BUF_INIT;
    hostile_file_read(original_of(&a, a.zStore, i), &x);
    hostile_file_read(original_of(&a, tu_path(a.zDir, "bk"), i), &y);
    ck_assert_int_eq(x.n, y.n);
    ck_assert(memcmp(x.z, y.z, x.n)==0);
    buf_release(&x);
    buf_release(&y);
  }
  assert_restores(&a, "bk");
  char zDetail[200];
  snprintf(zDetail, sizeof zDetail,
           "{\"documents\":3,\"copied\":3,\"kept\":0,\"failed\":0,\"bytes\":%lld}", nByte);
  ck_assert_int_eq(audits(&a, "bk", zDetail), 1);
  /* the command through the CLI works on the backup as on the archive */
  const char *const azCheck[] = { "check", "--storage", "bk", 0 };
  ck_assert_int_eq(hostile_cli(a.zDir, azCheck, &out, &err), 0);
  buf_release(&names);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 2. A second backup copies nothing; after one more import, one. */
START_TEST(t02_incremental){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk/"), 0);
  ck_assert_str_eq(err.z, "");
  assert_summary(&a, &out, "backup: 3 documents in bk/: 0 originals copied (0.0 MB), 3 already"
                 " there, 0 failed; ", "bk");
  HOSTILE_DOC(tu_path(a.zDir, "more/4.odt"), "# Besluitenlijst BRA 1 april 2025",
              "Besluit: de woningbouw in Soest wordt versneld.");
  ck_assert_int_eq(tu_arch_import(&a, tu_path(a.zDir, "more")), 1);
  long long nByte = tu_q_int(a.db, "SELECT size FROM document WHERE id=4", 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  ck_assert_str_eq(err.z, "");
  assert_summary(&a, &out, "backup: 4 documents in bk: 1 original copied (0.0 MB), 3 already"
                 " there, 0 failed; ", "bk");
  assert_restores(&a, "bk");
  char zDetail[200];
  snprintf(zDetail, sizeof zDetail,
           "{\"documents\":4,\"copied\":1,\"kept\":3,\"failed\":0,\"bytes\":%lld}", nByte);
  ck_assert_int_eq(audits(&a, "bk", zDetail), 1);
  ck_assert_int_eq(audits(&a, "bk", 0), 3);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 3. Originals damaged (same size, other bytes; or another size) or
** missing in the archive: each one line, not copied, exit status 1; the
** backup is made with the others. */
START_TEST(t03_damaged_source){
  TuArch a;
  arch_new(&a);
  Buf keep = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
  const char *zOrig = original_of(&a, a.zStore, 1);
  hostile_file_read(zOrig, &keep);
  Buf bad = BUF_INIT;
  buf_append(&bad, keep.z, keep.n);
  memcpy(bad.z + 40, "damaged bytes", 13);
  hostile_file_write(zOrig, bad.z, bad.n);
  ck_assert_int_eq(unlink(original_of(&a, a.zStore, 2)), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 1);
  ck_assert_str_eq(err.z,
    "overleg: document 1 (1.odt): the original in the archive is damaged (its SHA-256 differs):"
    " not copied\n"
    "overleg: document 2 (2.docx): the original in the archive is missing: not copied\n");
  assert_summary(&a, &out, "backup: 3 documents in bk: 1 original copied (0.0 MB), 0 already"
                 " there, 2 failed; ", "bk");
  /* the database is there, with its three documents; only 3's original */
  ck_assert(access(tu_path(a.zDir, "bk/overleg.db"), F_OK)==0);
  ck_assert(access(original_of(&a, tu_path(a.zDir, "bk"), 1), F_OK)!=0);
  ck_assert(access(original_of(&a, tu_path(a.zDir, "bk"), 2), F_OK)!=0);
  int nSha;
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk"), &nSha), 0);
  ck_assert_int_eq(nSha, 1);
  Store *s;
  Err e = ERR_INIT;
  ck_assert_int_eq(store_open(tu_path(a.zDir, "bk"), &s, &e), 0);
  ck_assert_int_eq(tu_q_int(store_db(s), "SELECT count(*) FROM document", 0), 3);
  store_close(s);
  char zDetail[200];
  snprintf(zDetail, sizeof zDetail,
           "{\"documents\":3,\"copied\":1,\"kept\":0,\"failed\":2,\"bytes\":%lld}",
           tu_q_int(a.db, "SELECT size FROM document WHERE id=3", 0));
  ck_assert_int_eq(audits(&a, "bk", zDetail), 1);

  /* another size: known without reading; the good copy 3 stays kept */
  buf_append(&bad, "more", 4);
  hostile_file_write(zOrig = original_of(&a, a.zStore, 1), bad.z, bad.n);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 1);
  char zLine[300];
  snprintf(zLine, sizeof zLine, "overleg: document 1 (1.odt): the original in the archive is"
           " damaged (it has %zu bytes, not %zu): not copied\n"
           "overleg: document 2 (2.docx): the original in the archive is missing: not copied\n",
           bad.n, keep.n);
  ck_assert_str_eq(err.z, zLine);
  assert_summary(&a, &out, "backup: 3 documents in bk: 0 originals copied (0.0 MB), 1 already"
                 " there, 2 failed; ", "bk");

  /* repaired in the archive, the next backup completes the copy */
  hostile_file_write(original_of(&a, a.zStore, 1), keep.z, keep.n);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 1);
  ck_assert_str_eq(err.z,
    "overleg: document 2 (2.docx): the original in the archive is missing: not copied\n");
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk"), &nSha), 0);
  ck_assert_int_eq(nSha, 2);
  buf_release(&keep);
  buf_release(&bad);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 4. A wrong copy in the backup: of another size, replaced; of the
** right size, kept, unless --verify hashes it. */
START_TEST(t04_verify){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT, good = BUF_INIT, now = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  char zCopy[600];
  snprintf(zCopy, sizeof zCopy, "%s", original_of(&a, tu_path(a.zDir, "bk"), 1));
  hostile_file_read(zCopy, &good);
  /* the right size, other bytes */
  Buf bad = BUF_INIT;
  buf_append(&bad, good.z, good.n);
  memcpy(bad.z + 40, "wrong", 5);
  hostile_file_write(zCopy, bad.z, bad.n);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  assert_summary(&a, &out, "backup: 3 documents in bk: 0 originals copied (0.0 MB), 3 already"
                 " there, 0 failed; ", "bk");
  buf_reset(&now);
  hostile_file_read(zCopy, &now);
  ck_assert(now.n==bad.n && memcmp(now.z, bad.z, bad.n)==0);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "--verify", "bk"), 0);
  ck_assert_str_eq(err.z, "");
  char zHead[400];
  snprintf(zHead, sizeof zHead, "document 1 (1.odt): the copy in the backup was damaged (its"
           " SHA-256 differs): copied again\nbackup: 3 documents in bk: 1 original copied"
           " (0.0 MB), 2 already there, 0 failed; ");
  assert_summary(&a, &out, zHead, "bk");
  buf_reset(&now);
  hostile_file_read(zCopy, &now);
  ck_assert(now.n==good.n && memcmp(now.z, good.z, good.n)==0);
  /* another size: replaced without --verify */
  hostile_file_write(zCopy, good.z, good.n-1);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  assert_summary(&a, &out, "backup: 3 documents in bk: 1 original copied (0.0 MB), 2 already"
                 " there, 0 failed; ", "bk");
  buf_reset(&now);
  hostile_file_read(zCopy, &now);
  ck_assert(now.n==good.n && memcmp(now.z, good.z, good.n)==0);
  /* --verify on a whole backup finds nothing to copy */
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk", "--verify"), 0);
  assert_summary(&a, &out, "backup: 3 documents in bk: 0 originals copied (0.0 MB), 3 already"
                 " there, 0 failed; ", "bk");
  int nSha;
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk"), &nSha), 0);
  ck_assert_int_eq(nSha, 3);
  buf_release(&bad);
  buf_release(&good);
  buf_release(&now);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 5. Refused with exit status 2 and one line, nothing made or written:
** the archive itself, a folder inside it (also through a symbolic link),
** a backup open in a program, one another backup is writing, not a
** folder; and wrong usage. */
START_TEST(t05_refused){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(symlink("st", tu_path(a.zDir, "lnk")), 0);
  static const struct { const char *zDest, *zErr; } aCase[] = {
    { "st", "overleg: st is the archive itself: back it up into a folder outside it\n" },
    { "st/", "overleg: st is the archive itself: back it up into a folder outside it\n" },
    { "lnk", "overleg: lnk is the archive itself: back it up into a folder outside it\n" },
    { "st/bk", "overleg: st/bk lies inside the archive st: back it up into a folder outside it\n" },
    { "st/originals", "overleg: st/originals lies inside the archive st: back it up into a"
                      " folder outside it\n" },
    { "lnk/originals/bk", "overleg: lnk/originals/bk lies inside the archive st: back it up"
                          " into a folder outside it\n" },
    { "in/../st/x", "overleg: in/../st/x lies inside the archive st: back it up into a folder"
                    " outside it\n" },
    { "in/1.odt", "overleg: in/1.odt is not a folder\n" },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    ck_assert_int_eq(CLI(&a, &out, &err, "backup", aCase[i].zDest), 2);
    ck_assert_str_eq(err.z, aCase[i].zErr);
    ck_assert_str_eq(out.z, "");
  }
  ck_assert(access(tu_path(a.zDir, "st/bk"), F_OK)!=0);
  ck_assert(access(tu_path(a.zDir, "st/x"), F_OK)!=0);
  ck_assert(access(tu_path(a.zDir, "st/originals/bk"), F_OK)!=0);
  ck_assert(access(tu_path(a.zDir, "st/originals/overleg.db"), F_OK)!=0);
  /* the backup's database open in a program */
  static const char *const azOpen[] = { "-wal", "-shm", "-journal" };
  for(size_t i=0; i<3; i++){
    char zRel[64], zErr[200];
    snprintf(zRel, sizeof zRel, "bk%zu", i);
    ck_assert_int_eq(mkdir(tu_path(a.zDir, zRel), 0700), 0);
    snprintf(zRel, sizeof zRel, "bk%zu/overleg.db%s", i, azOpen[i]);
    hostile_file_write(tu_path(a.zDir, zRel), "x", 1);
    snprintf(zRel, sizeof zRel, "bk%zu", i);
    ck_assert_int_eq(CLI(&a, &out, &err, "backup", zRel), 2);
    snprintf(zErr, sizeof zErr, "overleg: bk%zu/overleg.db%s exists: the backup is open in a"
             " program (stop it first)\n", i, azOpen[i]);
    ck_assert_str_eq(err.z, zErr);
    snprintf(zRel, sizeof zRel, "bk%zu/overleg.db", i);
    ck_assert(access(tu_path(a.zDir, zRel), F_OK)!=0);
  }
  /* another backup into the folder is running: it holds the lock */
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  int fd = open(tu_path(a.zDir, "bk/backup.lock"), O_RDWR);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 2);
  ck_assert_str_eq(err.z, "overleg: another backup into bk is running\n");
  close(fd);
  ck_assert_int_eq(audits(&a, "bk", 0), 1);
  /* usage */
  static const char zUsage[] = "usage: overleg backup [--verify] DEST\n";
  ck_assert_int_eq(CLI(&a, &out, &err, "backup"), 2);
  ck_assert_str_eq(err.z, zUsage);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk", "bk2"), 2);
  ck_assert_str_eq(err.z, zUsage);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "--fast", "bk"), 2);
  ck_assert_str_eq(err.z, zUsage);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='backup'", 0), 1);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 6. What an interrupted backup leaves (a temp database with a journal
** that would roll back onto any new one, a temp copy beside a missing
** original, a temp copy beside a present one): the next run removes or
** overwrites it; "overleg check --repair" on the backup removes the
** rest. */
START_TEST(t06_leftovers){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  char zCopy1[600], zCopy2[600], zTmp[640];
  snprintf(zCopy1, sizeof zCopy1, "%s", original_of(&a, tu_path(a.zDir, "bk"), 1));
  snprintf(zCopy2, sizeof zCopy2, "%s", original_of(&a, tu_path(a.zDir, "bk"), 2));
  ck_assert_int_eq(unlink(zCopy1), 0);
  snprintf(zTmp, sizeof zTmp, "%s.tmp", zCopy1);
  hostile_file_write(zTmp, "half a copy", 11);
  snprintf(zTmp, sizeof zTmp, "%s.tmp", zCopy2);
  hostile_file_write(zTmp, "half a copy", 11);
  hostile_file_write(tu_path(a.zDir, "bk/overleg.db.tmp"), "half a database", 15);
  hostile_file_write(tu_path(a.zDir, "bk/overleg.db.tmp-journal"), "a hot journal", 13);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  ck_assert_str_eq(err.z, "");
  assert_summary(&a, &out, "backup: 3 documents in bk: 1 original copied (0.0 MB), 2 already"
                 " there, 0 failed; ", "bk");
  ck_assert(access(tu_path(a.zDir, "bk/overleg.db.tmp"), F_OK)!=0);
  ck_assert(access(tu_path(a.zDir, "bk/overleg.db.tmp-journal"), F_OK)!=0);
  int nSha;
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk"), &nSha), 1);
  ck_assert_int_eq(nSha, 3);
  /* the one left is a file without a document to check, and repaired */
  const char *const azCheck[] = { "check", "--storage", "bk", 0 };
  const char *const azRepair[] = { "check", "--repair", "--storage", "bk", 0 };
  char zLine[700];
  snprintf(zLine, sizeof zLine, "bk/originals/%.2s/%s: a file without a document\n",
           strrchr(zTmp, '/')+1, strrchr(zTmp, '/')+1);
  buf_reset(&out);
  ck_assert_int_eq(hostile_cli(a.zDir, azCheck, &out, &err), 1);
  ck_assert_int_eq(tu_count(out.z, zLine), 1);
  buf_reset(&out);
  ck_assert_int_eq(hostile_cli(a.zDir, azRepair, &out, &err), 0);
  ck_assert_int_eq(tu_count(out.z, ": removed (a file without a document)\n"), 1);
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk"), &nSha), 0);
  ck_assert_int_eq(nSha, 3);
  assert_restores(&a, "bk");
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* A connection committing one audit row at a time until told to stop. */
typedef struct Writer {
  Store *s;
  atomic_int bStop;
  atomic_long nDone;
} Writer;

static void *writer_main(void *p){
  Writer *w = p;
  sqlite3 *db;
  Err err = ERR_INIT;
  if( store_connect(w->s, &db, &err) ) return 0;
  while( !w->bStop ){
    if( store_audit(db, 0, "test", "write", "audit", "during the backup")==0 ) w->nDone++;
    usleep(200);   /* as a server would, leave the backup's audit row a turn */
  }
  sqlite3_close(db);
  return 0;
}

/* 7. A backup while another connection commits (as the server does):
** no wait, no error, one snapshot holding a prefix of the commits, and
** the backup's own audit row written after it. */
START_TEST(t07_while_writing){
  TuArch a;
  arch_new(&a);
  Writer w = { .s = a.s };
  pthread_t t;
  ck_assert_int_eq(pthread_create(&t, 0, writer_main, &w), 0);
  while( w.nDone<20 ) usleep(1000);
  BackupResult r;
  Err err = ERR_INIT;
  int rc = backup_run(a.s, tu_path(a.zDir, "bk"), 0, 0, 0, &r, &err);
  long nAfter = w.nDone;
  w.bStop = 1;
  pthread_join(t, 0);
  ck_assert_msg(rc==0, "%s", err.msg);
  ck_assert_int_eq(r.nDocument, 3);
  ck_assert_int_eq(r.nCopied, 3);
  Store *s;
  ck_assert_int_eq(store_open(tu_path(a.zDir, "bk"), &s, &err), 0);
  long long nCopied = tu_q_int(store_db(s), "SELECT count(*) FROM audit WHERE actor='test'", 0);
  ck_assert_int_ge(nCopied, 20);
  ck_assert_int_le(nCopied, nAfter);
  /* the rows are the first ones: a snapshot, not a mix */
  ck_assert_int_eq(tu_q_int(store_db(s), "SELECT max(id) - min(id) + 1 FROM audit"
                            " WHERE actor='test'", 0), nCopied);
  ck_assert_int_eq(tu_q_int(store_db(s), "SELECT count(*) FROM audit WHERE action='backup'", 0), 0);
  store_close(s);
  ck_assert_int_eq(audits(&a, "bk", 0), 1);
  assert_restores(&a, "bk");
  tu_arch_free(&a);
}
END_TEST

/* 8. A backup that cannot write (here a file where a folder of
** originals/ must go): exit status 1 with the reason, the previous
** backup's database as it was, no temp file, no audit row. */
START_TEST(t08_cannot_write){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 0);
  HOSTILE_DOC(tu_path(a.zDir, "more/4.odt"), "# Besluitenlijst BRA 1 april 2025", "Besluit 1.");
  ck_assert_int_eq(tu_arch_import(&a, tu_path(a.zDir, "more")), 1);
  char zSha[65], zRel[200], zWant[400];
  snprintf(zSha, sizeof zSha, "%s", tu_q_text(a.db, "SELECT sha256 FROM document WHERE id=4", 0));
  snprintf(zRel, sizeof zRel, "bk/originals/%.2s", zSha);
  hostile_rm_tree(tu_path(a.zDir, zRel));
  hostile_file_write(tu_path(a.zDir, zRel), "not a folder", 12);
  /* the first document whose original goes there meets it */
  const char *zFirst = tu_q_text(a.db, "SELECT sha256 FROM document WHERE substr(sha256, 1, 2)=?1"
                                 " ORDER BY id LIMIT 1", (char[3]){ zSha[0], zSha[1], 0 });
  snprintf(zWant, sizeof zWant, "overleg: cannot write to the backup: %s/%s.tmp: Not a"
           " directory\n", zRel, zFirst);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk"), 1);
  ck_assert_str_eq(err.z, zWant);
  ck_assert_str_eq(out.z, "");
  ck_assert(access(tu_path(a.zDir, "bk/overleg.db.tmp"), F_OK)!=0);
  Store *s;
  Err e = ERR_INIT;
  ck_assert_int_eq(store_open(tu_path(a.zDir, "bk"), &s, &e), 0);
  ck_assert_int_eq(tu_q_int(store_db(s), "SELECT count(*) FROM document", 0), 3);
  store_close(s);
  ck_assert_int_eq(audits(&a, "bk", 0), 1);
  /* a first backup that fails after other originals were copied: their
  ** temp files go too, none was given its name */
  mkdir(tu_path(a.zDir, "bk2"), 0750);
  mkdir(tu_path(a.zDir, "bk2/originals"), 0750);
  snprintf(zRel, sizeof zRel, "bk2/originals/%.2s", zSha);
  hostile_file_write(tu_path(a.zDir, zRel), "not a folder", 12);
  ck_assert_int_eq(CLI(&a, &out, &err, "backup", "bk2"), 1);
  /* (an original of another folder came before the one that failed) */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT (SELECT min(id) FROM document WHERE substr(sha256, 1, 2)"
                            "<>substr(?1, 1, 2)) < (SELECT min(id) FROM document"
                            " WHERE substr(sha256, 1, 2)=substr(?1, 1, 2))", zSha), 1);
  unlink(tu_path(a.zDir, zRel));
  int nSha;
  ck_assert_int_eq(odd_files(tu_path(a.zDir, "bk2"), &nSha), 0);
  ck_assert_int_eq(nSha, 0);
  ck_assert(access(tu_path(a.zDir, "bk2/overleg.db"), F_OK)!=0);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_backup(void){
  Suite *s = suite_create("backup");
  TCase *tc = tcase_create("backup");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_backup_restores);
  tcase_add_test(tc, t02_incremental);
  tcase_add_test(tc, t03_damaged_source);
  tcase_add_test(tc, t04_verify);
  tcase_add_test(tc, t05_refused);
  tcase_add_test(tc, t06_leftovers);
  tcase_add_test(tc, t07_while_writing);
  tcase_add_test(tc, t08_cannot_write);
  suite_add_tcase(s, tc);
  return s;
}
