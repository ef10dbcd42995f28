/*
** t_fts_dutch.c — the "dutch" FTS5 tokenizer: stems, the exact-word
** namespace, prefixes, highlight positions, long tokens, integrity and a
** megabyte of text.
*/
#include <check.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fts_dutch.h"

Suite *suite_fts_dutch(void);

#define MARK FTS_DUTCH_EXACT_MARK

/* An in-memory database with the tokenizer and table t(x) holding the
** given rows (rowid 1, 2, ...; a NULL ends the list). */
static sqlite3 *db_with(const char *const *azRow){
  sqlite3 *db = 0;
  sqlite3_stmt *pStmt = 0;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(fts_dutch_register(db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db,
      "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='dutch')", 0, 0, 0),
      SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db,
      "INSERT INTO t(x) VALUES(?1)", -1, &pStmt, 0), SQLITE_OK);
  for(int i=0; azRow && azRow[i]; i++){
    sqlite3_bind_text(pStmt, 1, azRow[i], -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
    sqlite3_reset(pStmt);
  }
  sqlite3_finalize(pStmt);
  return db;
}

/* The rowids MATCHing zQuery, as "1,3", or "error: ..." */
static char *match(sqlite3 *db, const char *zQuery){
  Buf b = BUF_INIT;
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db,
      "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &pStmt, 0);
  ck_assert_int_eq(rc, SQLITE_OK);
  sqlite3_bind_text(pStmt, 1, zQuery, -1, SQLITE_STATIC);
  while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ){
    buf_appendf(&b, "%s%lld", b.n ? "," : "",
                (long long)sqlite3_column_int64(pStmt, 0));
  }
  if( rc!=SQLITE_DONE ){
    buf_reset(&b);
    buf_appendf(&b, "error: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
  return buf_detach(&b, 0);
}

#define ck_match(DB, Q, WANT) do{ \
  char *zGot_ = match(DB, Q); \
  ck_assert_msg(strcmp(zGot_, WANT)==0, "MATCH '%s': got '%s', want '%s'", \
                Q, zGot_, WANT); \
  free(zGot_); \
}while(0)

/* One text column of the first row of zSql, or "error: ..." */
static char *one_text(sqlite3 *db, const char *zSql){
  sqlite3_stmt *pStmt = 0;
  char *z;
  ck_assert_int_eq(sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0), SQLITE_OK);
  if( sqlite3_step(pStmt)==SQLITE_ROW ){
    z = xstrdup((const char*)sqlite3_column_text(pStmt, 0));
  }else{
    Buf b = BUF_INIT;
    buf_appendf(&b, "error: %s", sqlite3_errmsg(db));
    z = buf_detach(&b, 0);
  }
  sqlite3_finalize(pStmt);
  return z;
}

#define ck_text(DB, SQL, WANT) do{ \
  char *zGot_ = one_text(DB, SQL); \
  ck_assert_str_eq(zGot_, WANT); \
  free(zGot_); \
}while(0)

/* Every term of the index in order, the exact-word end shown as '|'. */
#define VOCAB_SQL \
  "SELECT group_concat(replace(term, char(1), '|'), ' ') FROM " \
  "(SELECT term FROM v ORDER BY term)"

static void make_vocab(sqlite3 *db){
  ck_assert_int_eq(sqlite3_exec(db,
      "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')", 0, 0, 0), SQLITE_OK);
}

/* 1. Registration; the tokenizer takes no arguments. */
START_TEST(t01_register){
  sqlite3 *db = db_with(0);
  char *zErr = 0;
  int rc = sqlite3_exec(db,
      "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='dutch remove_diacritics 0')",
      0, 0, &zErr);
  ck_assert_int_eq(rc, SQLITE_ERROR);
  ck_assert_str_eq(zErr, "error in tokenizer constructor");
  sqlite3_free(zErr);
  sqlite3_close(db);
}
END_TEST

/* 2. Every word is indexed as its stem plus, colocated, its exact folded
** word ending in \x01.  Document text cannot carry the exact mark: it is
** dropped wherever it stands, and alone it is no word. */
START_TEST(t02_index_terms){
  static const char *const azRow[] = {
    "Besluiten over Woningen; BESLOOT de " MARK "raad, "
    "wet" MARK "houders " MARK " " MARK MARK,
    0
  };
  sqlite3 *db = db_with(azRow);
  make_vocab(db);
  ck_text(db, VOCAB_SQL,
      "besloot| besluit besluiten| de de| over over| raad| rad "
      "wethouder wethouders| woning woningen|");
  sqlite3_close(db);
}
END_TEST

/* 3. besluiten, besloten, besluit (and besloot) find each other. */
START_TEST(t03_besluiten){
  static const char *const azRow[] = {
    "Het college heeft besloten de motie te steunen.",
    "De raad besluit vandaag over de begroting.",
    "Besluiten worden openbaar gemaakt.",
    "De gemeente besloot niets.",
    "Geen van deze woorden.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_match(db, "besluit", "1,2,3,4");
  ck_match(db, "besluiten", "1,2,3,4");
  ck_match(db, "besloten", "1,2,3,4");
  ck_match(db, "Besloot", "1,2,3,4");
  ck_match(db, "raadsbesluit", "");
  sqlite3_close(db);
}
END_TEST

/* 4. Plural and singular; diacritics in either the text or the query. */
START_TEST(t04_plural_diacritics){
  static const char *const azRow[] = {
    "Er komen 200 nieuwe woningen.",
    "Een woning aan de Dorpsstraat.",
    "Betere coördinatie tussen de gemeenten.",
    "Coordinatie van het beleid.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_match(db, "woningen", "1,2");
  ck_match(db, "woning", "1,2");
  ck_match(db, "coordinatie", "3,4");
  ck_match(db, "co\xC3\xB6rdinatie", "3,4");
  ck_match(db, "CO\xC3\x96RDINATIE", "3,4");
  ck_match(db, "gemeente", "3");
  sqlite3_close(db);
}
END_TEST

/* 5. A prefix is not stemmed; it finds stems and exact words that start
** with it, so a prefix longer than a word's stem still finds the word. */
START_TEST(t05_prefix){
  static const char *const azRow[] = {
    "Plannen voor woningbouw in Leusden.",
    "Een woning aan de Dorpsstraat.",
    "Besluiten worden openbaar gemaakt.",
    "De raad besluit vandaag.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_match(db, "woningb*", "1");
  ck_match(db, "woning*", "1,2");
  ck_match(db, "besluiten*", "3");
  ck_match(db, "besluit*", "3,4");
  ck_match(db, "\"" MARK "woningb\" *", "1");
  ck_match(db, MARK "besluiten*", "3");
  sqlite3_close(db);
}
END_TEST

/* 6. A term that starts with the exact mark finds the word, in any case
** and with any diacritics, but no other form of it. */
START_TEST(t06_exact){
  static const char *const azRow[] = {
    "De raad besluit vandaag.",
    "Besluiten worden openbaar gemaakt.",
    "BESLUITEN WORDEN OPENBAAR GEMAAKT.",
    "Het college heeft besloten.",
    "Betere co\xC3\xB6rdinatie.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_match(db, "\"" MARK "besluiten\"", "2,3");
  ck_match(db, MARK "Besluiten", "2,3");
  ck_match(db, MARK "besluit", "1");
  ck_match(db, MARK "besloten", "4");
  ck_match(db, MARK "coordinatie", "5");
  ck_match(db, MARK "besluiten OR " MARK "besloten", "2,3,4");
  ck_match(db, "\"" MARK "\"", "");
  ck_match(db, "\"" MARK MARK "besluit\"", "1");
  sqlite3_close(db);
}
END_TEST

/* 7. Phrases: stems and exact words stand at the same positions. */
START_TEST(t07_phrase){
  static const char *const azRow[] = {
    "De raad besloot gisteren.",
    "De raad besluit vandaag.",
    "Raad en besluit.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_match(db, "\"raad besluiten\"", "1,2");
  ck_match(db, "\"" MARK "raad " MARK "besluit\"", "2");
  ck_match(db, "\"raad " MARK "besloot gisteren\"", "1");
  ck_match(db, "NEAR(raad besluit, 0)", "1,2");
  sqlite3_close(db);
}
END_TEST

/* 8. highlight() marks the words a stem matched, at their exact bytes. */
START_TEST(t08_highlight){
  static const char *const azRow[] = {
    "De raad heeft besloten dat Besluiten over co\xC3\xB6rdinatie openbaar zijn.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_text(db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'besluit'",
      "De raad heeft [besloten] dat [Besluiten] over co\xC3\xB6rdinatie openbaar zijn.");
  ck_text(db, "SELECT highlight(t, 0, '[', ']') FROM t "
              "WHERE t MATCH '" MARK "besluiten OR coordinatie'",
      "De raad heeft besloten dat [Besluiten] over [co\xC3\xB6rdinatie] openbaar zijn.");
  ck_text(db, "SELECT snippet(t, 0, '[', ']', '...', 3) FROM t "
              "WHERE t MATCH 'openbaar'",
      "...co\xC3\xB6rdinatie [openbaar] zijn.");
  sqlite3_close(db);
}
END_TEST

/* 9. A token of 200 characters passes through unstemmed, also when it
** ends like a Dutch plural. */
START_TEST(t09_long_token){
  char zWord[201], zRow[260], zQuery[210];
  for(int i=0; i<200; i++) zWord[i] = "woningen"[i%8];
  zWord[200] = 0;
  memcpy(&zWord[192], "WONINGEN", 8);
  snprintf(zRow, sizeof zRow, "voor %s na", zWord);
  const char *const azRow[] = { zRow, "woningen", 0 };
  sqlite3 *db = db_with(azRow);
  make_vocab(db);
  char *zTerm = one_text(db,
      "SELECT term FROM v WHERE length(term)>100 ORDER BY term LIMIT 1");
  ck_assert_uint_eq(strlen(zTerm), 200);
  ck_assert_str_eq(&zTerm[192], "woningen");
  ck_assert_int_eq(strncmp(zTerm, zWord, 192), 0);
  free(zTerm);
  ck_match(db, zWord, "1");
  snprintf(zQuery, sizeof zQuery, "%.100s*", zWord);
  ck_match(db, zQuery, "1");
  snprintf(zQuery, sizeof zQuery, MARK "%s", zWord);
  ck_match(db, zQuery, "1");
  sqlite3_close(db);
}
END_TEST

/* 10. integrity-check after inserts, updates and deletes. */
START_TEST(t10_integrity){
  static const char *const azRow[] = {
    "Besluiten worden openbaar gemaakt.",
    "Het college heeft besloten.",
    "Er komen 200 nieuwe woningen.",
    "Betere co\xC3\xB6rdinatie tussen de gemeenten.",
    0
  };
  sqlite3 *db = db_with(azRow);
  ck_assert_int_eq(sqlite3_exec(db,
      "DELETE FROM t WHERE rowid=2;"
      "UPDATE t SET x='De woningbouw loopt achter.' WHERE rowid=3;"
      "INSERT INTO t(x) VALUES('Vergaderingen van de raad');"
      "INSERT INTO t(t) VALUES('integrity-check');"
      "INSERT INTO t(t) VALUES('optimize');"
      "INSERT INTO t(t) VALUES('integrity-check');", 0, 0, 0), SQLITE_OK);
  ck_match(db, "besluit", "1");
  ck_match(db, "vergadering", "5");
  ck_match(db, "woningb*", "3");
  sqlite3_close(db);
}
END_TEST

/* Deterministic Dutch-looking text: words of a meeting vocabulary. */
static void dutch_text(Buf *b, size_t nWant, unsigned *pSeed){
  static const char *const azWord[] = {
    "de", "het", "een", "raad", "besluit", "besluiten", "besloten",
    "woningen", "woningbouw", "co\xC3\xB6rdinatie", "gemeente", "gemeenten",
    "vergadering", "motie", "amendement", "begroting", "wethouder",
    "burgemeester", "college", "voorstel", "stemt", "in", "met", "over",
    "Leusden", "Amersfoort", "provincie", "Utrecht", "2024", "€", "zijn",
    "ingediend", "aangenomen", "verworpen", "financiële", "gevolgen",
  };
  size_t nWord = sizeof(azWord)/sizeof(azWord[0]);
  while( b->n<nWant ){
    *pSeed = *pSeed*1103515245u + 12345u;
    buf_puts(b, azWord[(*pSeed>>16)%nWord]);
    buf_puts(b, (*pSeed>>8)%11 ? " " : ".\n");
  }
}

/* 11. About a megabyte of text, in 4 KiB rows, stays consistent. */
START_TEST(t11_megabyte){
  sqlite3 *db = db_with(0);
  sqlite3_stmt *pStmt = 0;
  unsigned seed = 42;
  Buf b = BUF_INIT;
  ck_assert_int_eq(sqlite3_exec(db, "BEGIN", 0, 0, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db,
      "INSERT INTO t(x) VALUES(?1)", -1, &pStmt, 0), SQLITE_OK);
  for(int i=0; i<256; i++){
    buf_reset(&b);
    dutch_text(&b, 4096, &seed);
    sqlite3_bind_text(pStmt, 1, b.z, (int)b.n, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
    sqlite3_reset(pStmt);
  }
  sqlite3_finalize(pStmt);
  buf_release(&b);
  ck_assert_int_eq(sqlite3_exec(db, "COMMIT;"
      "INSERT INTO t(t) VALUES('integrity-check')", 0, 0, 0), SQLITE_OK);
  ck_text(db, "SELECT count(*) FROM t WHERE t MATCH 'besluit'", "256");
  ck_text(db, "SELECT sum(length(x)) > 1000000 FROM t", "1");
  sqlite3_close(db);
}
END_TEST

/* Inserts and queries on a connection of its own; returns NULL or the
** first failure. */
static void *thread_main(void *pArg){
  unsigned seed = (unsigned)(size_t)pArg;
  sqlite3 *db = 0;
  Buf b = BUF_INIT;
  const char *zFail = 0;
  if( sqlite3_open(":memory:", &db)!=SQLITE_OK
   || fts_dutch_register(db)!=SQLITE_OK
   || sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='dutch')",
                   0, 0, 0)!=SQLITE_OK ){
    zFail = "setup";
  }
  for(int i=0; zFail==0 && i<100; i++){
    sqlite3_stmt *pStmt = 0;
    buf_reset(&b);
    dutch_text(&b, 2000, &seed);
    buf_puts(&b, " woningen");
    if( sqlite3_prepare_v2(db, "INSERT INTO t(x) VALUES(?1)", -1, &pStmt, 0)
     || sqlite3_bind_text(pStmt, 1, b.z, (int)b.n, SQLITE_STATIC)
     || sqlite3_step(pStmt)!=SQLITE_DONE ){
      zFail = "insert";
    }
    sqlite3_finalize(pStmt);
  }
  if( zFail==0 ){
    char *z = one_text(db, "SELECT count(*) FROM t WHERE t MATCH 'woning'");
    if( strcmp(z, "100") ) zFail = "count";
    free(z);
  }
  buf_release(&b);
  sqlite3_close(db);
  return (void*)zFail;
}

/* 12. Connections in two threads tokenize at the same time. */
START_TEST(t12_threads){
  pthread_t a[2];
  for(size_t i=0; i<2; i++){
    ck_assert_int_eq(pthread_create(&a[i], 0, thread_main, (void*)(i+1)), 0);
  }
  for(int i=0; i<2; i++){
    void *pRet = 0;
    ck_assert_int_eq(pthread_join(a[i], &pRet), 0);
    ck_assert_msg(pRet==0, "thread %d failed: %s", i, (const char*)pRet);
  }
}
END_TEST

/* 13. The memo of stems gives what Snowball gives: thousands of words
** (more than the memo holds, so that they collide in it), short and
** long, each three times in one order in table t and once in the reverse
** order in table u, index the same terms. */
START_TEST(t13_memo){
  static const char *const azStart[] = {
    "woning", "besluit", "vergader", "gemeent", "bestuur", "financi\xC3\xABl", "co\xC3\xB6rdin",
    "raad", "begrot", "inwoner", "provinci", "mobiliteit", "overleg", "regio",
  };
  static const char *const azEnd[] = {
    "", "en", "ing", "ingen", "e", "s", "heden", "atie", "aties", "lijk", "lijke",
    "sovereenkomstverklaringen", "t", "d", "de", "den",
  };
  sqlite3 *db = db_with(0);
  ck_assert_int_eq(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='dutch');"
      "CREATE VIRTUAL TABLE vu USING fts5vocab(u, 'row')", 0, 0, 0), SQLITE_OK);
  make_vocab(db);
  Buf fwd = BUF_INIT, rev = BUF_INIT;
  int nStart = (int)(sizeof azStart/sizeof azStart[0]), nEnd = (int)(sizeof azEnd/sizeof azEnd[0]);
  int nWord = 0;
  for(int k=0; k<26; k++){
    for(int i=0; i<nStart; i++){
      for(int j=0; j<nEnd; j++){
        Buf w = BUF_INIT;
        buf_appendf(&w, "%c%s%s", 'a'+k, azStart[i], azEnd[j]);
        for(int r=0; r<3; r++) buf_appendf(&fwd, "%s ", w.z);
        Buf tmp = BUF_INIT;
        buf_appendf(&tmp, "%s %s", w.z, rev.z);
        buf_release(&rev);
        rev = tmp;
        buf_release(&w);
        nWord++;
      }
    }
  }
  ck_assert_int_gt(nWord, 4096);
  sqlite3_stmt *pStmt = 0;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO t(x) VALUES(?1)", -1, &pStmt, 0),
                   SQLITE_OK);
  sqlite3_bind_text(pStmt, 1, fwd.z, (int)fwd.n, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  sqlite3_finalize(pStmt);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO u(x) VALUES(?1)", -1, &pStmt, 0),
                   SQLITE_OK);
  sqlite3_bind_text(pStmt, 1, rev.z, (int)rev.n, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  sqlite3_finalize(pStmt);
  /* more stems than the memo has slots */
  ck_text(db, "SELECT count(*) > 2048 FROM v WHERE instr(term, char(1))=0", "1");
  ck_text(db, "SELECT (SELECT count(*) FROM (SELECT term FROM v EXCEPT SELECT term FROM vu))"
              " + (SELECT count(*) FROM (SELECT term FROM vu EXCEPT SELECT term FROM v))", "0");
  buf_release(&fwd);
  buf_release(&rev);
  sqlite3_close(db);
}
END_TEST

Suite *suite_fts_dutch(void){
  Suite *s = suite_create("fts_dutch");
  TCase *tc = tcase_create("fts_dutch");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_register);
  tcase_add_test(tc, t02_index_terms);
  tcase_add_test(tc, t03_besluiten);
  tcase_add_test(tc, t04_plural_diacritics);
  tcase_add_test(tc, t05_prefix);
  tcase_add_test(tc, t06_exact);
  tcase_add_test(tc, t07_phrase);
  tcase_add_test(tc, t08_highlight);
  tcase_add_test(tc, t09_long_token);
  tcase_add_test(tc, t10_integrity);
  tcase_add_test(tc, t11_megabyte);
  tcase_add_test(tc, t12_threads);
  tcase_add_test(tc, t13_memo);
  suite_add_tcase(s, tc);
  return s;
}
