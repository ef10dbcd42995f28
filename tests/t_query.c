/*
** t_query.c — the search query language (query.c): every form read into
** its tree, the FTS5 expression written for it, the filters and their
** values, dates, the malformed queries (read leniently or refused with
** their position), and 10,000 random queries that must never crash nor
** make an expression FTS5 refuses.
*/
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts_dutch.h"
#include "query.h"

Suite *suite_query(void);

#define MARK FTS_DUTCH_EXACT_MARK

/* The tree of zQuery as query_dump() writes it, with the filters after
** " | " as key=value; or "ERROR: message". */
static void parse_dump(const char *zQuery, Buf *out){
  static const char *azKey[] = { "body", "topic", "kind", "municipality", "date" };
  Query *q;
  Err err = ERR_INIT;
  buf_reset(out);
  if( query_parse(zQuery, &q, &err) ){
    ck_assert_ptr_null(q);
    buf_appendf(out, "ERROR: %s", err.msg);
    return;
  }
  query_dump(q->pRoot, out);
  for(int i=0; i<q->nFilter; i++){
    buf_appendf(out, "%s%s=%s", i ? " " : " | ", azKey[q->aFilter[i].key], q->aFilter[i].zValue);
  }
  if( q->dates.zFrom[0] || q->dates.zTo[0] ){
    buf_appendf(out, " [%s..%s]", q->dates.zFrom, q->dates.zTo);
  }
  query_free(q);
}

static void check_cases(const char *const (*aCase)[2], int n){
  Buf out = BUF_INIT;
  for(int i=0; i<n; i++){
    parse_dump(aCase[i][0], &out);
    ck_assert_msg(strcmp(out.z, aCase[i][1])==0, "case %d: %s\n  got  %s\n  want %s",
                  i+1, aCase[i][0], out.z, aCase[i][1]);
  }
  buf_release(&out);
}

/* 1. Words, phrases, prefixes, OR, NOT and -, NEAR, groups, precedence. */
START_TEST(t01_forms){
  static const char *const aCase[][2] = {
    { "woningbouw", "woningbouw" },
    { "woningbouw Leusden", "AND(woningbouw, Leusden)" },
    { "\"besluiten genomen\"", "\"besluiten genomen\"" },
    { "woning*", "woning*" },
    { "woning**", "woning*" },
    { "a OR b", "OR(a, b)" },
    { "wonen Baarn OR Soest", "AND(wonen, OR(Baarn, Soest))" },
    { "(a OR b) c", "AND(OR(a, b), c)" },
    { "a AND b", "AND(a, b)" },
    { "a -b", "AND(a, NOT(b))" },
    { "a NOT b", "AND(a, NOT(b))" },
    { "a -\"b c\"", "AND(a, NOT(\"b c\"))" },
    { "a -(b OR c)", "AND(a, NOT(OR(b, c)))" },
    { "a NEAR b", "NEAR/10(a, b)" },
    { "a NEAR/5 b", "NEAR/5(a, b)" },
    { "a NEAR/2 \"b c\" NEAR/8 d*", "NEAR/8(a, \"b c\", d*)" },
    { "'s-Hertogenbosch", "'s-Hertogenbosch" },
    { "’s-Hertogenbosch wonen", "AND(’s-Hertogenbosch, wonen)" },
    { "10:30", "10:30" },
    { "x (y (z OR w))", "AND(x, y, OR(z, w))" },
    { "a OR b OR c", "OR(a, b, c)" },
    { "(a OR b) OR c", "OR(a, b, c)" },
    { "or and not near", "AND(or, and, not, near)" },
    { "\xE2\x80\x9Cgekrulde quotes\xE2\x80\x9D", "\"gekrulde quotes\"" },
    { "\xE2\x80\x9Eopen\xE2\x80\x9D", "\"open\"" },
    { "x (-a -b)", "AND(x, NOT(a), NOT(b))" },
    { "-(a b) c", "AND(NOT(AND(a, b)), c)" },
    { "NOT NOT a", "a" },
    { "--a b", "AND(NOT(a), b)" },
    { "über straße", "AND(über, straße)" },
  };
  check_cases(aCase, sizeof aCase/sizeof aCase[0]);
}
END_TEST

/* 2. Inline filters, Dutch and English, quoted and with "_". */
START_TEST(t02_filters){
  static const char *const aCase[][2] = {
    { "orgaan:BORA", " | body=BORA" },
    { "body:BORA woningbouw", "woningbouw | body=BORA" },
    { "orgaan:\"BO Wonen\" x", "x | body=BO Wonen" },
    { "Orgaan:BO_Wonen", " | body=BO Wonen" },
    { "onderwerp:Wonen topic:Economie", " | topic=Wonen topic=Economie" },
    { "soort:verslag kind:agenda", " | kind=verslag kind=agenda" },
    { "gemeente:Soest municipality:Baarn", " | municipality=Soest municipality=Baarn" },
    { "orgaan:BORA OR orgaan:ARG", " | body=BORA body=ARG" },
    { "(orgaan:BORA x)", "x | body=BORA" },
    { "foo:bar", "foo:bar" },
    { "orgaan:BO-Wonen", " | body=BO-Wonen" },
    { "orgaan:BORA -wonen", "AND(NOT(wonen)) | body=BORA" },
    { "datum:2021", " | date=2021 [2021-01-01..2021-12-31]" },
    { "date:2021-03", " | date=2021-03 [2021-03-01..2021-03-31]" },
    { "datum:2020-02", " | date=2020-02 [2020-02-01..2020-02-29]" },
    { "datum:2021-3-9", " | date=2021-3-9 [2021-03-09..2021-03-09]" },
    { "datum:2021..2023", " | date=2021..2023 [2021-01-01..2023-12-31]" },
    { "datum:2021-03-01..2021-06-30", " | date=2021-03-01..2021-06-30 [2021-03-01..2021-06-30]" },
    { "datum:>2020", " | date=>2020 [2021-01-01..]" },
    { "datum:>=2020-03", " | date=>=2020-03 [2020-03-01..]" },
    { "datum:<2020", " | date=<2020 [..2019-12-31]" },
    { "datum:<=2020-02", " | date=<=2020-02 [..2020-02-29]" },
    { "datum:>2021-12-31", " | date=>2021-12-31 [2022-01-01..]" },
    { "datum:2021.. datum:..2022", " | date=2021.. date=..2022 [2021-01-01..2022-12-31]" },
    { "datum:2020..2023 datum:2022", " | date=2020..2023 date=2022 [2022-01-01..2022-12-31]" },
  };
  check_cases(aCase, sizeof aCase/sizeof aCase[0]);
}
END_TEST

/* 3. Malformed queries: read leniently, or refused naming the position. */
START_TEST(t03_malformed){
  static const char *const aCase[][2] = {
    { "\"unclosed", "ERROR: unclosed quote at position 1" },
    { "woningbouw \"unclosed", "ERROR: unclosed quote at position 12" },
    { "orgaan:\"BO Wonen", "ERROR: unclosed quote at position 8" },
    { "NEAR(", "ERROR: unclosed parenthesis at position 5" },
    { "((", "ERROR: unclosed parenthesis at position 2" },
    { "(a", "ERROR: unclosed parenthesis at position 1" },
    { ")", "ERROR: unmatched \")\" at position 1" },
    { "a) b", "ERROR: unmatched \")\" at position 2" },
    { "AND AND", "" },
    { "a AND AND b", "AND(a, b)" },
    { "-", "" },
    { "a - b", "AND(a, b)" },
    { "a -", "a" },
    { "a OR", "a" },
    { "OR a", "a" },
    { "a OR OR b", "OR(a, b)" },
    { "a NOT", "a" },
    { "a NEAR", "AND(a, NEAR)" },
    { "NEAR b", "AND(NEAR, b)" },
    { "NEAR/x", "NEAR/x" },
    { "*", "" },
    { "\"\"", "" },
    { "()", "" },
    { "a () b", "AND(a, b)" },
    { "& — ;", "" },
    { "a OR -b", "ERROR: \"-\" or NOT cannot be inside OR or NEAR (position 6)" },
    { "(-a) OR b", "ERROR: \"-\" or NOT cannot be inside OR or NEAR (position 2)" },
    { "(-a -b) OR c",
      "ERROR: nothing to exclude from at position 2: a group needs a word that is not negated" },
    { "a NEAR (b c)", "ERROR: NEAR needs a word or a \"phrase\" on each side (position 3)" },
    { "a NEAR/3 -b", "ERROR: NEAR needs a word or a \"phrase\" on each side (position 3)" },
    { "orgaan:BORA OR x",
      "ERROR: a filter applies to the whole query: orgaan: cannot be inside OR, NEAR or NOT "
      "(position 1)" },
    { "-orgaan:BORA",
      "ERROR: a filter applies to the whole query: orgaan: cannot be inside OR, NEAR or NOT "
      "(position 2)" },
    { "datum:2020 OR datum:2021",
      "ERROR: a filter applies to the whole query: datum: cannot be inside OR, NEAR or NOT "
      "(position 1)" },
    { "x orgaan:", "ERROR: missing value after \"orgaan:\" at position 3" },
    { "orgaan:\"\"", "ERROR: missing value after \"orgaan:\" at position 1" },
    { "datum:foo", "ERROR: bad date \"foo\" at position 1 (use 2021, 2021-03, 2021-03-01, "
                   "2021..2023 or >2020)" },
    { "datum:2021-02-30", "ERROR: bad date \"2021-02-30\" at position 1 (use 2021, 2021-03, "
                          "2021-03-01, 2021..2023 or >2020)" },
    { "datum:2023..2021", "ERROR: bad date \"2023..2021\" at position 1 (use 2021, 2021-03, "
                          "2021-03-01, 2021..2023 or >2020)" },
    { "datum:..", "ERROR: missing value after \"datum:\" at position 1" },
    { "é \"x", "ERROR: unclosed quote at position 3" },
    { "((((((((((((((((((x))))))))))))))))))",
      "ERROR: too many nested parentheses at position 17 (at most 16)" },
  };
  check_cases(aCase, sizeof aCase/sizeof aCase[0]);
  Buf q = BUF_INIT, out = BUF_INIT;
  for(int i=0; i<=QUERY_MAX_TERMS; i++) buf_appendf(&q, "w%d ", i);
  parse_dump(q.z, &out);
  ck_assert_str_eq(out.z, "ERROR: too many words in the query (at most 64)");
  buf_reset(&q);
  for(int i=0; i<QUERY_MAX_BYTES; i++) buf_putc(&q, 'a');
  parse_dump(q.z, &out);
  ck_assert_str_eq(out.z, q.z);
  buf_putc(&q, 'a');
  parse_dump(q.z, &out);
  ck_assert_str_eq(out.z, "ERROR: query too long (at most 1000 characters)");
  buf_release(&q);
  buf_release(&out);
}
END_TEST

/* The FTS5 expression of zQuery (positive, then " | " and the excluded). */
static void fts_of(const char *zQuery, Buf *out){
  Query *q;
  Err err = ERR_INIT;
  buf_reset(out);
  ck_assert_msg(query_parse(zQuery, &q, &err)==0, "%s: %s", zQuery, err.msg);
  if( q->pRoot ){
    query_fts(q->pRoot, out);
    Buf x = BUF_INIT;
    query_fts_excluded(q->pRoot, &x);
    if( x.n ) buf_appendf(out, " | %s", x.z);
    buf_release(&x);
  }
  query_free(q);
}

/* 4. The FTS5 expressions: every term an FTS5 string; phrase words
** marked exact; the user's quotes and U+E000 never reach FTS5 as such. */
START_TEST(t04_fts){
  static const char *const aCase[][2] = {
    { "woningbouw", "\"woningbouw\"" },
    { "a b", "((\"a\" AND \"b\"))" },
    { "a -b -c", "((\"a\") NOT (\"b\" OR \"c\"))" },
    { "a OR b", "(\"a\" OR \"b\")" },
    { "woning*", "\"woning\" *" },
    { "a NEAR/5 b*", "NEAR(\"a\" \"b\" *, 5)" },
    { "\"besluiten genomen\"", "\"" MARK "besluiten " MARK "genomen\"" },
    { "\"'s-Hertogenbosch 2021\"", "\"'" MARK "s-" MARK "Hertogenbosch " MARK "2021\"" },
    { "\"Coördinatie, overleg\"", "\"" MARK "Coördinatie, " MARK "overleg\"" },
    { "\"a–b\"", "\"" MARK "a–" MARK "b\"" },
    { "\"a" MARK "b\"", "\"" MARK "ab\"" },
    { MARK "woning", "\"woning\"" },
    { "-a", " | (\"a\")" },
    { "-a -b", " | (\"a\" OR \"b\")" },
    { "10:30", "\"10:30\"" },
    { "NEAR", "\"NEAR\"" },
    { "a (b OR c*) -\"d e\"", "((\"a\" AND (\"b\" OR \"c\" *)) NOT (\"" MARK "d " MARK "e\"))" },
  };
  Buf out = BUF_INIT;
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    fts_of(aCase[i][0], &out);
    ck_assert_msg(strcmp(out.z, aCase[i][1])==0, "case %zu: %s\n  got  %s\n  want %s",
                  i+1, aCase[i][0], out.z, aCase[i][1]);
  }
  buf_release(&out);
}
END_TEST

/* 5. Periods and date ranges as the flags take them. */
START_TEST(t05_dates){
  char a[11], b[11];
  ck_assert_int_eq(query_period("2024", a, b), 0);
  ck_assert_str_eq(a, "2024-01-01");
  ck_assert_str_eq(b, "2024-12-31");
  ck_assert_int_eq(query_period("2024-02", a, b), 0);
  ck_assert_str_eq(b, "2024-02-29");
  ck_assert_int_eq(query_period("2023-02", a, b), 0);
  ck_assert_str_eq(b, "2023-02-28");
  ck_assert_int_eq(query_period("1900-02", a, b), 0);
  ck_assert_str_eq(b, "1900-02-28");
  ck_assert_int_eq(query_period("2000-02", a, b), 0);
  ck_assert_str_eq(b, "2000-02-29");
  ck_assert_int_eq(query_period("2021-12-31", a, b), 0);
  ck_assert_str_eq(a, "2021-12-31");
  ck_assert_str_eq(b, "2021-12-31");
  static const char *azBad[] = { "", "21", "202", "20211", "2021-13", "2021-00", "2021-1-32",
                                 "2021-04-31", "0999", "2021-", "2021-01-", "x2021", "2021 " };
  for(size_t i=0; i<sizeof azBad/sizeof azBad[0]; i++){
    ck_assert_msg(query_period(azBad[i], a, b)==-1, "%s", azBad[i]);
  }
  QueryDates d;
  ck_assert_int_eq(query_dates("<2021-01-01", &d), 0);
  ck_assert_str_eq(d.zTo, "2020-12-31");
  ck_assert_str_eq(d.zFrom, "");
  ck_assert_int_eq(query_dates(">2021-02-28", &d), 0);
  ck_assert_str_eq(d.zFrom, "2021-03-01");
  ck_assert_int_eq(query_dates(">2024-02-28", &d), 0);
  ck_assert_str_eq(d.zFrom, "2024-02-29");
  ck_assert_int_eq(query_dates("<2024-03", &d), 0);
  ck_assert_str_eq(d.zTo, "2024-02-29");
  ck_assert_int_eq(query_dates(">>2024", &d), -1);
  ck_assert_int_eq(query_dates("2021...2022", &d), -1);
}
END_TEST

/* A small deterministic generator (the runs must repeat). */
static unsigned long long rng_state;
static unsigned rng(void){
  rng_state = rng_state*6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)(rng_state>>33);
}

/* 6. 10,000 random queries of printable pieces, quotes, parentheses,
** colons, stars, operators, filter keys, U+E000 and broken UTF-8: the
** parser never crashes, an error names a position or a limit, and every
** expression it writes is one FTS5 accepts. */
START_TEST(t06_fuzz){
  static const char *azPiece[] = {
    "a", "b", "woning", "Besluit", "x1", "é", "ß", "’s", "'s-Hertogenbosch", " ", " ", " ",
    "\"", "\"", "(", ")", ":", "*", "-", "/", ".", "..", "<", ">=", "=", "_", ",", "\\",
    "OR", "AND", "NOT", "NEAR", "NEAR/3", "NEAR/", "orgaan:", "datum:", "body:", "soort:",
    "gemeente:", "onderwerp:", "2021", "2021-03", "..2023", ">2020", MARK, "\xE2\x80\x9C",
    "\xE2\x80\x9D", "\xff", "\xC3", "\t", "\x01", "\x02", "{", "}", "^", "+", "#", "%",
  };
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(fts_dutch_register(db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, heading, text,"
                                " tokenize='dutch'); INSERT INTO t VALUES('Besluit', 'a b',"
                                " 'woning a b x1 Hertogenbosch 2021')", 0, 0, 0), SQLITE_OK);
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, 0),
                   SQLITE_OK);
  rng_state = 20240501;
  Buf q = BUF_INIT, fts = BUF_INIT;
  int nOk = 0;
  for(int i=0; i<10000; i++){
    buf_reset(&q);
    int n = rng()%14;
    for(int k=0; k<n; k++) buf_puts(&q, azPiece[rng() % (sizeof azPiece/sizeof azPiece[0])]);
    Query *p;
    Err err = ERR_INIT;
    if( query_parse(q.z, &p, &err) ){
      ck_assert_msg(strstr(err.msg, "position") || strstr(err.msg, "at most"),
                    "query %d \"%s\": %s", i, q.z, err.msg);
      continue;
    }
    nOk++;
    for(int bExcluded=0; bExcluded<2 && p->pRoot; bExcluded++){
      buf_reset(&fts);
      if( bExcluded ) query_fts_excluded(p->pRoot, &fts);
      else query_fts(p->pRoot, &fts);
      if( fts.n==0 ) continue;
      sqlite3_bind_text(st, 1, fts.z, (int)fts.n, SQLITE_STATIC);
      int rc = sqlite3_step(st);
      ck_assert_msg(rc==SQLITE_ROW, "query %d \"%s\": FTS5 \"%s\": %s", i, q.z, fts.z,
                    sqlite3_errmsg(db));
      sqlite3_reset(st);
    }
    query_free(p);
  }
  ck_assert_int_gt(nOk, 3000);
  sqlite3_finalize(st);
  sqlite3_close(db);
  buf_release(&q);
  buf_release(&fts);
}
END_TEST

Suite *suite_query(void){
  Suite *s = suite_create("query");
  TCase *tc = tcase_create("query");
  tcase_add_test(tc, t01_forms);
  tcase_add_test(tc, t02_filters);
  tcase_add_test(tc, t03_malformed);
  tcase_add_test(tc, t04_fts);
  tcase_add_test(tc, t05_dates);
  tcase_add_test(tc, t06_fuzz);
  suite_add_tcase(s, tc);
  return s;
}
