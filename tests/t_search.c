/*
** t_search.c — search on an archive (search.c): the query forms on a
** small corpus, filters inline, as flags and as the C struct, unknown
** names with close matches, ranking (title above text, phrase above
** scattered words, decisions above text, newest first on ties), sorting,
** highlighted stems, facets that add up, pagination that never repeats
** nor skips, "did you mean", the fall-back to most of the words,
** spelling correction, the JSON of /api/search, the cache noticing new
** documents, 10,000 random queries, and the CLI.
**
** Most corpora are rows put straight into a new archive (precise texts,
** bodies and dates); the facets and pages are checked on the sample
** fixtures imported with import_run().  Run from the repository root.
*/
#include <check.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"
#include "import.h"
#include "search.h"
#include "store.h"

Suite *suite_search(void);

#define SAMPLE_DIR "tests/fixtures/sample"

/* ----------------------------------------------------------- corpus */

typedef struct Corpus {
  char *zDir;              /* the case's folder; the archive is zDir/st */
  char *zStore;
  Store *s;
  sqlite3 *db;
  int nDoc;
} Corpus;

static void corpus_sql(Corpus *c, const char *zSql){
  char *zErr = 0;
  ck_assert_msg(sqlite3_exec(c->db, zSql, 0, 0, &zErr)==SQLITE_OK, "%s: %s", zSql, zErr);
}

/* A new archive with the topics Wonen and Mobiliteit, and their BO and
** AO besides BORA, ARG and BRA. */
static void corpus_new(Corpus *c){
  memset(c, 0, sizeof *c);
  c->zDir = hostile_dir_new();
  c->zStore = hostile_path(c->zDir, "st");
  Err err = ERR_INIT;
  ck_assert_msg(store_open(c->zStore, &c->s, &err)==0, "%s", err.msg);
  c->db = store_db(c->s);
  corpus_sql(c,
    "INSERT INTO topic(id, name) VALUES(1, 'Wonen'), (2, 'Mobiliteit');"
    "INSERT INTO body(name, full_name, kind, topic_id) VALUES"
    " ('BO Wonen', 'Bestuurlijk Overleg Wonen', 'BO', 1),"
    " ('AO Wonen', 'Ambtelijk Overleg Wonen', 'AO', 1),"
    " ('BO Mobiliteit', 'Bestuurlijk Overleg Mobiliteit', 'BO', 2);");
}

static void corpus_free(Corpus *c){
  store_close(c->s);
  free(c->zStore);
  hostile_dir_free(c->zDir);
}

/* Adds a document (body and topic by name, NULL for none); returns its id. */
static long long doc_add(Corpus *c, const char *zTitle, const char *zBody, const char *zTopic,
                         const char *zKind, const char *zDate){
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(c->db,
    "INSERT INTO document(sha256, size, format, original_name, title, kind, date, body_id,"
    " topic_id, imported_at) VALUES(printf('%064d', ?1), 1, 'odt', printf('doc%d.odt', ?1),"
    " ?2, ?3, ?4, (SELECT id FROM body WHERE name=?5), (SELECT id FROM topic WHERE name=?6),"
    " '2024-01-01')", -1, &st, 0), SQLITE_OK);
  sqlite3_bind_int(st, 1, ++c->nDoc);
  sqlite3_bind_text(st, 2, zTitle, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, zKind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, zDate, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, zBody, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, zTopic, -1, SQLITE_STATIC);
  ck_assert_msg(sqlite3_step(st)==SQLITE_DONE, "%s", sqlite3_errmsg(c->db));
  sqlite3_finalize(st);
  return sqlite3_last_insert_rowid(c->db);
}

/* Adds a passage to document iDoc and to the index, as import does. */
static void passage_add(Corpus *c, long long iDoc, const char *zKind, const char *zHeading,
                        const char *zText){
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(c->db,
    "INSERT INTO passage(document_id, seq, kind, heading, text) VALUES(?1,"
    " (SELECT count(*) FROM passage WHERE document_id=?1), ?2, ?3, ?4)", -1, &st, 0), SQLITE_OK);
  sqlite3_bind_int64(st, 1, iDoc);
  sqlite3_bind_text(st, 2, zKind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, zHeading, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, zText, -1, SQLITE_STATIC);
  ck_assert_msg(sqlite3_step(st)==SQLITE_DONE, "%s", sqlite3_errmsg(c->db));
  sqlite3_finalize(st);
  long long iPassage = sqlite3_last_insert_rowid(c->db);
  ck_assert_int_eq(sqlite3_prepare_v2(c->db,
    "INSERT INTO passage_fts(rowid, title, heading, text) SELECT ?1, coalesce(title, ''), ?2, ?3"
    " FROM document WHERE id=?4", -1, &st, 0), SQLITE_OK);
  sqlite3_bind_int64(st, 1, iPassage);
  sqlite3_bind_text(st, 2, zHeading, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, zText, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 4, iDoc);
  ck_assert_msg(sqlite3_step(st)==SQLITE_DONE, "%s", sqlite3_errmsg(c->db));
  sqlite3_finalize(st);
}

/* A document with one text passage. */
static long long doc1(Corpus *c, const char *zTitle, const char *zBody, const char *zTopic,
                      const char *zKind, const char *zDate, const char *zText){
  long long id = doc_add(c, zTitle, zBody, zTopic, zKind, zDate);
  passage_add(c, id, "text", "", zText);
  return id;
}

/* Stuk A..E: word forms, diacritics, names, bodies, kinds, dates. */
static void corpus_basic(Corpus *c){
  corpus_new(c);
  long long id;
  doc1(c, "Stuk A", "BO Wonen", "Wonen", "verslag", "2021-03-15",
       "De colleges besluiten vandaag over de woningen in Leusden.");
  doc1(c, "Stuk B", "AO Wonen", "Wonen", "memo", "2022-06-01",
       "Het besluit over de woning is genomen.");
  doc1(c, "Stuk C", "BORA", 0, "agenda", "2023-01-10",
       "Er is besloten tot coördinatie van de woningbouw.");
  id = doc_add(c, "Stuk D", "BO Mobiliteit", "Mobiliteit", "verslag", "2020-11-30");
  passage_add(c, id, "text", "Regio", "De coordinatie van de woningbehoefte in de regio.");
  passage_add(c, id, "text", "Regio > Laadpalen",
              "Laadpalen in 's-Hertogenbosch en Amersfoort: de gemeente plaatst nieuwe laadpalen.");
  doc1(c, "Stuk E", "ARG", 0, "besluitenlijst", 0,
       "Niets hiervan: alleen mobiliteit en bereikbaarheid <b>&amp;</b>.");
}

/* ------------------------------------------------------ running */

/* Runs zQuery with the options o (NULL: none); asserts success. */
static void run(Corpus *c, const char *zQuery, const SearchOpts *o, SearchResult *r){
  SearchOpts none;
  memset(&none, 0, sizeof none);
  SearchOpts opts = o ? *o : none;
  opts.zQuery = zQuery;
  Err err = ERR_INIT;
  ck_assert_msg(search_exec(c->db, &opts, r, &err)==0, "search \"%s\": %s", zQuery, err.msg);
}

/* The titles found, in result order, "," joined; nLimit 100. */
static void titles(Corpus *c, const char *zQuery, const SearchOpts *o, Buf *out){
  SearchOpts opts;
  memset(&opts, 0, sizeof opts);
  if( o ) opts = *o;
  if( opts.nLimit==0 ) opts.nLimit = 100;
  SearchResult r;
  run(c, zQuery, &opts, &r);
  buf_reset(out);
  for(int i=0; i<r.nDoc; i++) buf_appendf(out, "%s%s", i ? "," : "", r.aDoc[i].zTitle);
  ck_assert_int_eq(r.nTotal, r.nDoc);
  search_result_free(&r);
}

static int cmp_str(const void *a, const void *b){
  return strcmp(*(char *const*)a, *(char *const*)b);
}

/* The same, sorted: for cases where the rank order does not matter. */
static void titles_sorted(Corpus *c, const char *zQuery, const SearchOpts *o, Buf *out){
  titles(c, zQuery, o, out);
  char *az[64];
  int n = 0;
  char *zCopy = xstrdup(out->z);
  for(char *z=strtok(zCopy, ","); z && n<64; z=strtok(0, ",")) az[n++] = z;
  qsort(az, n, sizeof az[0], cmp_str);
  buf_reset(out);
  for(int i=0; i<n; i++) buf_appendf(out, "%s%s", i ? "," : "", az[i]);
  free(zCopy);
}

/* The error message of zQuery with o; asserts failure. */
static void error_of(Corpus *c, const char *zQuery, const SearchOpts *o, Buf *out){
  SearchOpts none;
  memset(&none, 0, sizeof none);
  SearchOpts opts = o ? *o : none;
  opts.zQuery = zQuery;
  SearchResult r;
  Err err = ERR_INIT;
  ck_assert_msg(search_exec(c->db, &opts, &r, &err)==-1, "search \"%s\" did not fail", zQuery);
  ck_assert_int_eq(r.nDoc, 0);
  buf_reset(out);
  buf_puts(out, err.msg);
}

typedef struct Case { const char *zQuery, *zWant; } Case;

static void check_sets(Corpus *c, const Case *a, int n, const SearchOpts *o){
  Buf got = BUF_INIT;
  for(int i=0; i<n; i++){
    titles_sorted(c, a[i].zQuery, o, &got);
    ck_assert_msg(strcmp(got.z, a[i].zWant)==0, "case %d: %s\n  got  %s\n  want %s",
                  i+1, a[i].zQuery, got.z, a[i].zWant);
  }
  buf_release(&got);
}

/* ============================================================ cases */

/* 1. Every query form on the small corpus. */
START_TEST(t01_forms){
  Corpus c;
  corpus_basic(&c);
  static const Case aCase[] = {
    { "besluiten", "Stuk A,Stuk B,Stuk C" },
    { "besluit", "Stuk A,Stuk B,Stuk C" },
    { "\"besluiten\"", "Stuk A" },
    { "\"besluit\"", "Stuk B" },
    { "\"BESLUIT\"", "Stuk B" },
    { "coordinatie", "Stuk C,Stuk D" },
    { "COÖRDINATIE", "Stuk C,Stuk D" },
    { "\"coordinatie van de\"", "Stuk C,Stuk D" },
    { "woning*", "Stuk A,Stuk B,Stuk C,Stuk D" },
    { "woningb*", "Stuk C,Stuk D" },
    { "woningbouw OR mobiliteit", "Stuk C,Stuk E" },
    { "besluit -woning", "Stuk C" },
    { "besluit NOT woning", "Stuk C" },
    { "de -coordinatie", "Stuk A,Stuk B" },
    { "laadpalen NEAR/3 gemeente", "Stuk D" },
    { "laadpalen NEAR gemeente", "Stuk D" },
    { "amersfoort NEAR/0 laadpalen", "" },
    { "'s-Hertogenbosch", "Stuk D" },
    { "\"'s-Hertogenbosch en Amersfoort\"", "Stuk D" },
    { "(besluit OR mobiliteit) -\"besluiten\"", "Stuk B,Stuk C,Stuk E" },
    { "stuk besluit", "Stuk A,Stuk B,Stuk C" },     /* a title word and a text word */
    { "leusden besluiten", "Stuk A" },
    { "10:30", "" },
  };
  check_sets(&c, aCase, sizeof aCase/sizeof aCase[0], 0);
  corpus_free(&c);
}
END_TEST

/* 2. Filters in the query, as flags, both, and errors for unknown names. */
START_TEST(t02_filters){
  Corpus c;
  corpus_basic(&c);
  static const Case aCase[] = {
    { "orgaan:BORA", "Stuk C" },
    { "body:\"BO Wonen\"", "Stuk A" },
    { "orgaan:bestuurlijk_overleg_wonen", "Stuk A" },
    { "orgaan:bo-wonen", "Stuk A" },
    { "orgaan:BO", "Stuk A,Stuk D" },
    { "orgaan:ao", "Stuk B" },
    { "orgaan:BORA orgaan:ARG", "Stuk C,Stuk E" },
    { "orgaan:BORA OR orgaan:ARG", "Stuk C,Stuk E" },
    { "onderwerp:Wonen", "Stuk A,Stuk B" },
    { "topic:mobiliteit", "Stuk D" },
    { "soort:verslag", "Stuk A,Stuk D" },
    { "kind:minutes", "Stuk A,Stuk D" },
    { "soort:brief", "" },
    { "datum:2021", "Stuk A" },
    { "datum:>2021", "Stuk B,Stuk C" },
    { "datum:<=2021-03", "Stuk A,Stuk D" },
    { "datum:2020..2021", "Stuk A,Stuk D" },
    { "de datum:>=2022", "Stuk B,Stuk C" },
    { "de orgaan:BO soort:verslag datum:2021", "Stuk A" },
    { "orgaan:BORA -woningbouw", "" },
    { "orgaan:BO -leusden", "Stuk D" },
  };
  check_sets(&c, aCase, sizeof aCase/sizeof aCase[0], 0);

  /* the same as flags (the C struct), alone and with the query's own */
  SearchOpts o;
  memset(&o, 0, sizeof o);
  Buf got = BUF_INIT;
  o.filter.azBody[o.filter.nBody++] = "BO Wonen";
  titles_sorted(&c, "de", &o, &got);
  ck_assert_str_eq(got.z, "Stuk A");
  o.filter.azBody[o.filter.nBody++] = "BO Mobiliteit";
  titles_sorted(&c, "", &o, &got);
  ck_assert_str_eq(got.z, "Stuk A,Stuk D");
  titles_sorted(&c, "soort:verslag datum:2020", &o, &got);
  ck_assert_str_eq(got.z, "Stuk D");
  memset(&o, 0, sizeof o);
  o.filter.zFrom = "2022";
  o.filter.zTo = "2022-12";
  titles_sorted(&c, "", &o, &got);
  ck_assert_str_eq(got.z, "Stuk B");
  titles_sorted(&c, "datum:2023", &o, &got);
  ck_assert_str_eq(got.z, "");
  memset(&o, 0, sizeof o);
  o.filter.azKind[o.filter.nKind++] = "memo";
  o.filter.azTopic[o.filter.nTopic++] = "wonen";
  titles_sorted(&c, "", &o, &got);
  ck_assert_str_eq(got.z, "Stuk B");

  static const Case aErr[] = {
    { "orgaan:\"BO Woonen\"", "unknown body \"BO Woonen\" (did you mean \"BO Wonen\" or "
                               "\"AO Wonen\"?)" },
    { "orgaan:Bestuurlijk_Overleg_Wonnen", "unknown body \"Bestuurlijk Overleg Wonnen\" (did you "
                                            "mean \"BO Wonen\"?)" },
    { "orgaan:wonen", "unknown body \"wonen\" (did you mean \"BO Wonen\" or \"AO Wonen\"?)" },
    { "orgaan:xyz", "unknown body \"xyz\"" },
    { "onderwerp:Woonen", "unknown topic \"Woonen\" (did you mean \"Wonen\"?)" },
    { "soort:verslagg", "unknown kind \"verslagg\" (did you mean \"verslag\"?); the kinds are "
                        "agenda, verslag, besluitenlijst, actielijst, memo, brief, presentatie, "
                        "other" },
    { "gemeente:Soest", "unknown municipality \"Soest\"" },
    { "\"unclosed", "unclosed quote at position 1" },
    { "", "empty query: give words to search for or a filter" },
    { "-woning", "nothing to search for: \"-\" only leaves out; add a word or a filter" },
    { "* ( )", "empty query: give words to search for or a filter" },
  };
  for(size_t i=0; i<sizeof aErr/sizeof aErr[0]; i++){
    error_of(&c, aErr[i].zQuery, 0, &got);
    ck_assert_msg(strcmp(got.z, aErr[i].zWant)==0, "error %zu: %s\n  got  %s\n  want %s", i+1,
                  aErr[i].zQuery, got.z, aErr[i].zWant);
  }
  memset(&o, 0, sizeof o);
  o.filter.azBody[o.filter.nBody++] = "BO Woonen";
  error_of(&c, "de", &o, &got);
  ck_assert_str_eq(got.z,
                   "unknown body \"BO Woonen\" (did you mean \"BO Wonen\" or \"AO Wonen\"?)");
  memset(&o, 0, sizeof o);
  o.filter.zFrom = "maart";
  error_of(&c, "de", &o, &got);
  ck_assert_str_eq(got.z, "bad date \"maart\" for from (use 2021, 2021-03 or 2021-03-01)");
  buf_release(&got);
  corpus_free(&c);
}
END_TEST

/* 3. Municipalities: the filter and the facet, on document_municipality. */
START_TEST(t03_municipality){
  Corpus c;
  corpus_basic(&c);
  corpus_sql(&c,
    "INSERT INTO organisation(id, name, kind) VALUES(1, 'Soest', 'gemeente'),"
    " (2, 'Baarn', 'gemeente'), (3, 'Leusden', 'gemeente'), (4, 'Provincie Utrecht', 'partner');"
    "CREATE TABLE IF NOT EXISTS document_municipality(document_id INTEGER,"
    " organisation_id INTEGER, PRIMARY KEY(document_id, organisation_id));"
    "INSERT INTO document_municipality SELECT id, 1 FROM document WHERE title IN ('Stuk C');"
    "INSERT INTO document_municipality SELECT id, 2 FROM document WHERE title IN ('Stuk C');"
    "INSERT INTO document_municipality SELECT id, 3 FROM document"
    " WHERE title IN ('Stuk A', 'Stuk C');");
  static const Case aCase[] = {
    { "gemeente:Soest", "Stuk C" },
    { "municipality:leusden", "Stuk A,Stuk C" },
    { "gemeente:Soest gemeente:Leusden", "Stuk A,Stuk C" },
    { "de gemeente:Leusden -woningbouw", "Stuk A" },
  };
  check_sets(&c, aCase, sizeof aCase/sizeof aCase[0], 0);
  SearchResult r;
  run(&c, "de", 0, &r);
  ck_assert_int_eq(r.nTotal, 4);
  const SearchCount *a = r.aFacet[SEARCH_FACET_MUNICIPALITY];
  ck_assert_int_eq(r.anFacet[SEARCH_FACET_MUNICIPALITY], 3);
  ck_assert_str_eq(a[0].zValue, "Leusden");
  ck_assert_int_eq(a[0].n, 2);
  ck_assert_str_eq(a[1].zValue, "Baarn");
  ck_assert_int_eq(a[1].n, 1);
  ck_assert_str_eq(a[2].zValue, "Soest");
  search_result_free(&r);
  Buf got = BUF_INIT;
  error_of(&c, "gemeente:Zoest", 0, &got);
  ck_assert_str_eq(got.z, "unknown municipality \"Zoest\" (did you mean \"Soest\"?)");
  error_of(&c, "gemeente:\"Provincie Utrecht\"", 0, &got);
  ck_assert_str_eq(got.z, "unknown municipality \"Provincie Utrecht\"");
  buf_release(&got);
  corpus_free(&c);
}
END_TEST

/* 4. Ranking: a title hit above a text hit; the words side by side above
** the words apart (and a quoted phrase only side by side); a decision
** above text (with an index on passage.kind); on equal rank the newest
** first, undated last; --sort newest and oldest. */
START_TEST(t04_ranking){
  Corpus c;
  corpus_new(&c);
  doc1(&c, "Overzicht", "BORA", 0, "memo", "2024-05-01", "De woningbouw staat op de agenda.");
  doc1(&c, "Woningbouw", "BORA", 0, "memo", "2019-05-01", "Een overzicht van de plannen.");
  doc1(&c, "Stuk apart", "ARG", 0, "memo", "2024-01-01",
       "Het programma voor de regio is vastgesteld, regionaal en lokaal.");
  doc1(&c, "Stuk samen", "ARG", 0, "memo", "2018-01-01",
       "Het regionaal programma is vastgesteld door de regio.");
  corpus_sql(&c, "CREATE INDEX passage_kind ON passage(kind)");
  long long id = doc_add(&c, "Besluit oud", "BRA", 0, "besluitenlijst", "2010-01-01");
  passage_add(&c, id, "decision", "Besluiten", "Het BO stemt in met de begroting.");
  doc1(&c, "Tekst nieuw", "BRA", 0, "verslag", "2020-01-01", "Het BO stemt in met de begroting.");
  doc1(&c, "Gelijk 2020", "BRA", 0, "memo", "2020-06-01", "Een gelijke tekst over parkeren.");
  doc1(&c, "Gelijk zonder", "BRA", 0, "memo", 0, "Een gelijke tekst over parkeren.");
  doc1(&c, "Gelijk 2022", "BRA", 0, "memo", "2022-06-01", "Een gelijke tekst over parkeren.");
  doc1(&c, "Gelijk 2021", "BRA", 0, "memo", "2021-06-01", "Een gelijke tekst over parkeren.");
  Buf got = BUF_INIT;
  titles(&c, "woningbouw", 0, &got);
  ck_assert_str_eq(got.z, "Woningbouw,Overzicht");
  titles(&c, "regionaal programma", 0, &got);
  ck_assert_str_eq(got.z, "Stuk samen,Stuk apart");
  titles(&c, "\"regionaal programma\"", 0, &got);
  ck_assert_str_eq(got.z, "Stuk samen");
  titles(&c, "begroting", 0, &got);
  ck_assert_str_eq(got.z, "Besluit oud,Tekst nieuw");
  titles(&c, "parkeren", 0, &got);
  ck_assert_str_eq(got.z, "Gelijk 2022,Gelijk 2021,Gelijk 2020,Gelijk zonder");
  SearchOpts o;
  memset(&o, 0, sizeof o);
  o.sort = SEARCH_OLDEST;
  titles(&c, "parkeren", &o, &got);
  ck_assert_str_eq(got.z, "Gelijk 2020,Gelijk 2021,Gelijk 2022,Gelijk zonder");
  titles(&c, "woningbouw", &o, &got);
  ck_assert_str_eq(got.z, "Woningbouw,Overzicht");
  o.sort = SEARCH_NEWEST;
  titles(&c, "woningbouw", &o, &got);
  ck_assert_str_eq(got.z, "Overzicht,Woningbouw");
  titles(&c, "orgaan:BRA", &o, &got);
  ck_assert_str_eq(got.z, "Gelijk 2022,Gelijk 2021,Gelijk 2020,Tekst nieuw,Besluit oud,"
                          "Gelijk zonder");
  ck_assert_int_eq(search_sort_parse("newest"), SEARCH_NEWEST);
  ck_assert_int_eq(search_sort_parse("oldest"), SEARCH_OLDEST);
  ck_assert_int_eq(search_sort_parse("relevance"), SEARCH_RELEVANCE);
  ck_assert_int_eq(search_sort_parse("best"), -1);
  buf_release(&got);
  corpus_free(&c);
}
END_TEST

/* 5. Snippets mark the matched words in every form the stem has, HTML
** in JSON escapes the text; each passage comes with its heading path. */
START_TEST(t05_snippets){
  Corpus c;
  corpus_basic(&c);
  SearchResult r;
  run(&c, "besluit", 0, &r);
  int nSeen = 0;
  for(int i=0; i<r.nDoc; i++){
    const char *z = r.aDoc[i].aPassage[0].zSnippet;
    if( strcmp(r.aDoc[i].zTitle, "Stuk A")==0 ){
      ck_assert_ptr_nonnull(strstr(z, SEARCH_MARK_ON "besluiten" SEARCH_MARK_OFF));
      nSeen++;
    }
    if( strcmp(r.aDoc[i].zTitle, "Stuk C")==0 ){
      ck_assert_ptr_nonnull(strstr(z, SEARCH_MARK_ON "besloten" SEARCH_MARK_OFF));
      nSeen++;
    }
  }
  ck_assert_int_eq(nSeen, 2);
  search_result_free(&r);
  run(&c, "laadpaal", 0, &r);
  ck_assert_int_eq(r.nDoc, 1);
  ck_assert_int_eq(r.aDoc[0].nPassage, 1);
  ck_assert_str_eq(r.aDoc[0].aPassage[0].zHeading, "Regio > Laadpalen");
  ck_assert_str_eq(r.aDoc[0].aPassage[0].zSnippet,
                   SEARCH_MARK_ON "Laadpalen" SEARCH_MARK_OFF " in 's-Hertogenbosch en Amersfoort: "
                   "de gemeente plaatst nieuwe " SEARCH_MARK_ON "laadpalen" SEARCH_MARK_OFF ".");
  search_result_free(&r);
  run(&c, "bereikbaarheid", 0, &r);
  json_t *j = search_json(&r);
  json_t *p = json_array_get(json_object_get(json_array_get(json_object_get(j, "results"), 0),
                                             "passages"), 0);
  ck_assert_str_eq(json_string_value(json_object_get(p, "snippet")),
                   "Niets hiervan: alleen mobiliteit en <mark>bereikbaarheid</mark> "
                   "&lt;b&gt;&amp;amp;&lt;/b&gt;.");
  ck_assert_str_eq(json_string_value(json_object_get(p, "heading")), "");
  json_decref(j);
  search_result_free(&r);
  /* with nothing to match, the start of the first passage */
  run(&c, "orgaan:BORA", 0, &r);
  ck_assert_int_eq(r.nDoc, 1);
  ck_assert_str_eq(r.aDoc[0].aPassage[0].zSnippet,
                   "Er is besloten tot coördinatie van de woningbouw.");
  search_result_free(&r);
  corpus_free(&c);
}
END_TEST

/* A corpus of the sample fixtures, imported. */
static void corpus_sample(Corpus *c){
  corpus_new(c);
  char *az[] = { SAMPLE_DIR };
  ImportOpts o;
  memset(&o, 0, sizeof o);
  ImportStats st;
  Err err = ERR_INIT;
  ck_assert_msg(import_run(c->s, az, 1, &o, 0, 0, &st, &err)>=0, "import: %s", err.msg);
  ck_assert_int_ge(st.nNew, 30);
}

/* 6. Facets add up to the total; pages never repeat nor skip a document,
** in every order; a page past the end is empty. */
START_TEST(t06_facets_pages){
  Corpus c;
  corpus_sample(&c);
  static const char *azQuery[] = { "de", "regio", "besluit", "orgaan:BORA", "datum:2020..2023" };
  for(size_t q=0; q<sizeof azQuery/sizeof azQuery[0]; q++){
    SearchOpts o;
    memset(&o, 0, sizeof o);
    o.nLimit = SEARCH_LIMIT_MAX;
    SearchResult all;
    run(&c, azQuery[q], &o, &all);
    ck_assert_msg(all.nTotal>0, "%s", azQuery[q]);
    for(int k=0; k<SEARCH_FACET_MUNICIPALITY; k++){
      long long n = 0;
      for(int i=0; i<all.anFacet[k]; i++){
        n += all.aFacet[k][i].n;
        if( i ) ck_assert(all.aFacet[k][i].zValue!=0 || i==all.anFacet[k]-1);
      }
      ck_assert_msg(n==all.nTotal, "%s: facet %d adds up to %lld, not %lld", azQuery[q], k, n,
                    all.nTotal);
    }
    for(int eSort=0; eSort<3; eSort++){
      for(int nLimit=1; nLimit<=7; nLimit+=3){
        memset(&o, 0, sizeof o);
        o.sort = (SearchSort)eSort;
        o.nLimit = SEARCH_LIMIT_MAX;
        SearchResult whole;
        run(&c, azQuery[q], &o, &whole);
        o.nLimit = nLimit;
        int nSeen = 0;
        for(o.nOffset=0; o.nOffset<whole.nTotal+nLimit; o.nOffset+=nLimit){
          SearchResult page;
          run(&c, azQuery[q], &o, &page);
          ck_assert_int_eq(page.nTotal, whole.nTotal);
          for(int i=0; i<page.nDoc; i++){
            ck_assert_msg(page.aDoc[i].id==whole.aDoc[nSeen].id, "%s sort %d limit %d offset %d",
                          azQuery[q], eSort, nLimit, o.nOffset);
            nSeen++;
          }
          search_result_free(&page);
        }
        ck_assert_int_eq(nSeen, whole.nTotal<SEARCH_LIMIT_MAX ? whole.nTotal : SEARCH_LIMIT_MAX);
        for(int i=0; i<whole.nDoc; i++){
          for(int k=i+1; k<whole.nDoc; k++) ck_assert(whole.aDoc[i].id!=whole.aDoc[k].id);
        }
        search_result_free(&whole);
      }
    }
    search_result_free(&all);
  }
  corpus_free(&c);
}
END_TEST

/* A corpus with "woningbouw" in 25 documents and the typo "woningbuow"
** in one, beside Stuk A..E. */
static void corpus_typos(Corpus *c){
  corpus_basic(c);
  char zTitle[32], zDate[16];
  for(int i=0; i<25; i++){
    snprintf(zTitle, sizeof zTitle, "Woningbouw %02d", i);
    snprintf(zDate, sizeof zDate, "2019-01-%02d", i+1);
    doc1(c, zTitle, "BO Wonen", "Wonen", "memo", zDate,
         i<2 ? "Regionale woningbouw en bereikbaarheid van Amersfoort."
             : "Regionale woningbouw met meer betaalbare huizen.");
  }
  doc1(c, "Tikfout", "BO Wonen", "Wonen", "memo", "2018-01-01", "De woningbuow stagneert.");
}

/* 7. A word in no document that is one or two edits from a frequent one
** is corrected, said so, and searched; quoted words, prefixes and words
** under an operator never are.  A rare word near a frequent one gets a
** "did you mean" only. */
START_TEST(t07_correction){
  Corpus c;
  corpus_typos(&c);
  SearchResult r;
  run(&c, "woningbuow", 0, &r);
  ck_assert_int_eq(r.nTotal, 1);
  ck_assert_int_eq(r.nCorrected, 0);
  ck_assert_int_eq(r.bRelaxed, 0);
  ck_assert_str_eq(r.zSuggestion, "woningbouw");
  ck_assert_str_eq(r.aDoc[0].zTitle, "Tikfout");
  search_result_free(&r);

  run(&c, "regionale woningbuuw", 0, &r);
  ck_assert_int_eq(r.nTotal, 25);
  ck_assert_int_eq(r.nCorrected, 1);
  ck_assert_str_eq(r.aCorrected[0].zFrom, "woningbuuw");
  ck_assert_str_eq(r.aCorrected[0].zTo, "woningbouw");
  ck_assert_str_eq(r.zSuggestion, "regionale woningbouw");
  ck_assert_int_eq(r.bRelaxed, 1);
  ck_assert_int_eq(r.nMissing, 0);
  json_t *j = search_json(&r);
  ck_assert(json_is_true(json_object_get(j, "relaxed")));
  ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(j,
                   "corrected"), 0), "to")), "woningbouw");
  ck_assert_str_eq(json_string_value(json_object_get(j, "suggestion")), "regionale woningbouw");
  json_decref(j);
  search_result_free(&r);

  run(&c, "Woningbuuw orgaan:BO", 0, &r);              /* a filter is kept */
  ck_assert_int_eq(r.nCorrected, 1);
  ck_assert_str_eq(r.zSuggestion, "woningbouw orgaan:BO");
  ck_assert_int_eq(r.nTotal, 25);
  search_result_free(&r);
  run(&c, "wnoingbouw", 0, &r);                        /* too early to be found */
  ck_assert_int_eq(r.nTotal, 0);
  ck_assert_int_eq(r.nCorrected, 0);
  search_result_free(&r);

  static const char *azNever[] = { "\"woningbuuw\"", "woningbuuw*", "woningbuuw OR xyzzy",
                                   "woningbuuw NEAR regionale" };
  for(size_t i=0; i<sizeof azNever/sizeof azNever[0]; i++){
    run(&c, azNever[i], 0, &r);
    ck_assert_msg(r.nTotal==0 && r.nCorrected==0 && !r.bRelaxed, "%s", azNever[i]);
    search_result_free(&r);
  }
  corpus_free(&c);
}
END_TEST

/* 8. Too few documents with all the words: those with most of them, best
** first, each with the words it lacks; a word in no document and near
** none is simply missing. */
START_TEST(t08_relaxed){
  Corpus c;
  corpus_typos(&c);
  SearchResult r;
  run(&c, "woningbouw xyzzy", 0, &r);
  ck_assert_int_eq(r.nTotal, 26);                  /* 25 + Stuk C */
  ck_assert_int_eq(r.bRelaxed, 1);
  ck_assert_int_eq(r.nMissing, 1);
  ck_assert_str_eq(r.azMissing[0], "xyzzy");
  ck_assert_int_eq(r.aDoc[0].nMissing, 1);
  ck_assert_str_eq(r.aDoc[0].azMissing[0], "xyzzy");
  json_t *j = search_json(&r);
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(j, "missing"), 0)), "xyzzy");
  ck_assert_str_eq(json_string_value(json_array_get(json_object_get(json_array_get(
                   json_object_get(j, "results"), 0), "missing"), 0)), "xyzzy");
  json_decref(j);
  search_result_free(&r);

  /* all three words are in two documents (one passage each), two in the rest */
  run(&c, "woningbouw bereikbaarheid amersfoort", 0, &r);
  ck_assert_int_eq(r.nTotal, 2);
  ck_assert_int_eq(r.bRelaxed, 0);
  search_result_free(&r);
  /* no document has all three; two have two, the rest one: at least two
  ** of three are asked */
  run(&c, "woningbouw bereikbaarheid leusden", 0, &r);
  ck_assert_int_eq(r.bRelaxed, 1);
  ck_assert_int_eq(r.nTotal, 2);
  for(int i=0; i<2; i++){
    ck_assert_int_eq(r.aDoc[i].nMissing, 1);
    ck_assert_str_eq(r.aDoc[i].azMissing[0], "leusden");
  }
  search_result_free(&r);
  /* four words: Stuk A and the two have two each */
  run(&c, "woningbouw bereikbaarheid leusden woningen", 0, &r);
  ck_assert_int_eq(r.bRelaxed, 1);
  ck_assert_int_eq(r.nTotal, 3);
  ck_assert_int_eq(r.aDoc[0].nMissing, 2);
  ck_assert_int_eq(r.aDoc[1].nMissing, 2);
  ck_assert_str_eq(r.aDoc[2].zTitle, "Stuk A");
  ck_assert_int_eq(r.aDoc[2].nMissing, 2);
  search_result_free(&r);

  /* words in different passages of one document: it comes first, with
  ** nothing missing; then the one with one of the two */
  run(&c, "coordinatie laadpalen", 0, &r);
  ck_assert_int_eq(r.nTotal, 2);
  ck_assert_int_eq(r.bRelaxed, 1);
  ck_assert_int_eq(r.nMissing, 0);
  ck_assert_str_eq(r.aDoc[0].zTitle, "Stuk D");
  ck_assert_int_eq(r.aDoc[0].nMissing, 0);
  ck_assert_str_eq(r.aDoc[1].zTitle, "Stuk C");
  ck_assert_int_eq(r.aDoc[1].nMissing, 1);
  ck_assert_str_eq(r.aDoc[1].azMissing[0], "laadpalen");
  search_result_free(&r);

  run(&c, "qqqqzzzz", 0, &r);
  ck_assert_int_eq(r.nTotal, 0);
  ck_assert_int_eq(r.bRelaxed, 0);
  ck_assert_ptr_null(r.zSuggestion);
  search_result_free(&r);
  corpus_free(&c);
}
END_TEST

/* 9. The JSON of /api/search: its members and their types. */
START_TEST(t09_json){
  Corpus c;
  corpus_basic(&c);
  json_t *j;
  Err err = ERR_INIT;
  SearchOpts o;
  memset(&o, 0, sizeof o);
  o.zQuery = "de";
  j = search_run(c.db, &o, &err);
  ck_assert_ptr_nonnull(j);
  ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 4);
  ck_assert(json_is_false(json_object_get(j, "relaxed")));
  ck_assert(json_is_real(json_object_get(j, "took_ms")));
  ck_assert_ptr_null(json_object_get(j, "suggestion"));
  ck_assert_ptr_null(json_object_get(j, "missing"));
  ck_assert_ptr_null(json_object_get(j, "corrected"));
  json_t *a = json_object_get(j, "results");
  ck_assert_int_eq(json_array_size(a), 4);
  static const char *azKey[] = { "id", "title", "original_name", "sha256", "date", "body",
                                 "topic", "kind", "passages" };
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *d = json_array_get(a, i);
    for(size_t k=0; k<sizeof azKey/sizeof azKey[0]; k++){
      ck_assert_msg(json_object_get(d, azKey[k])!=0, "no %s", azKey[k]);
    }
    ck_assert(json_is_integer(json_object_get(d, "id")));
    ck_assert_int_eq(strlen(json_string_value(json_object_get(d, "sha256"))), 64);
    json_t *p = json_array_get(json_object_get(d, "passages"), 0);
    ck_assert(json_is_string(json_object_get(p, "heading")));
    ck_assert(json_is_string(json_object_get(p, "snippet")));
  }
  json_t *f = json_object_get(j, "facets");
  static const char *azFacet[] = { "body", "topic", "kind", "year", "municipality" };
  for(size_t k=0; k<5; k++) ck_assert(json_is_array(json_object_get(f, azFacet[k])));
  json_t *year = json_array_get(json_object_get(f, "year"), 0);
  ck_assert_str_eq(json_string_value(json_object_get(year, "value")), "2023");
  ck_assert_int_eq(json_integer_value(json_object_get(year, "count")), 1);
  json_t *topic = json_object_get(f, "topic");
  ck_assert(json_is_null(json_object_get(json_array_get(topic, json_array_size(topic)-1),
                                         "value")));
  json_decref(j);
  o.zQuery = "\"x";
  ck_assert_ptr_null(search_run(c.db, &o, &err));
  ck_assert_str_eq(err.msg, "unclosed quote at position 1");
  /* an offset past the end: the total, no page; a limit past the most */
  SearchResult r;
  memset(&o, 0, sizeof o);
  o.nOffset = 2147483647;
  o.nLimit = 2147483647;
  run(&c, "de", &o, &r);
  ck_assert_int_eq(r.nTotal, 4);
  ck_assert_int_eq(r.nDoc, 0);
  search_result_free(&r);
  corpus_free(&c);
}
END_TEST

/* 10. The per-connection cache (made ahead by search_prepare()) sees the
** documents this connection adds and those another connection commits. */
START_TEST(t10_fresh){
  Corpus c;
  corpus_basic(&c);
  SearchResult r;
  Err e = ERR_INIT;
  ck_assert_msg(search_prepare(c.db, &e)==0, "%s", e.msg);
  run(&c, "laadpaal", 0, &r);
  ck_assert_int_eq(r.nTotal, 1);
  search_result_free(&r);
  doc1(&c, "Nieuw", "BO Wonen", "Wonen", "memo", "2024-02-02", "Meer laadpalen in Baarn.");
  run(&c, "laadpaal orgaan:\"BO Wonen\"", 0, &r);
  ck_assert_int_eq(r.nTotal, 1);
  ck_assert_str_eq(r.aDoc[0].zTitle, "Nieuw");
  search_result_free(&r);
  sqlite3 *db2;
  Err err = ERR_INIT;
  ck_assert_msg(store_connect(c.s, &db2, &err)==0, "%s", err.msg);
  sqlite3 *db1 = c.db;
  c.db = db2;
  doc1(&c, "Ander", "ARG", 0, "memo", "2024-03-03", "Laadpalen overal.");
  c.db = db1;
  run(&c, "laadpaal orgaan:ARG", 0, &r);
  ck_assert_int_eq(r.nTotal, 1);
  ck_assert_str_eq(r.aDoc[0].zTitle, "Ander");
  search_result_free(&r);
  /* and the other connection has its own */
  c.db = db2;
  run(&c, "laadpaal", 0, &r);
  ck_assert_int_eq(r.nTotal, 3);
  search_result_free(&r);
  c.db = db1;
  sqlite3_close(db2);
  corpus_free(&c);
}
END_TEST

/* Random queries of the pieces below, as fuzz_next() makes them. */
typedef struct Fuzz { unsigned long long x; Buf q; } Fuzz;

static const char *fuzz_next(Fuzz *f){
  static const char *azPiece[] = {
    "besluit", "woning", "de", "Leusden", "x", "é", "’s", "'s-Hertogenbosch", " ", " ", " ",
    "\"", "\"", "(", ")", ":", "*", "-", "/", "..", "<", ">=", "_", ",",
    "OR", "AND", "NOT", "NEAR", "NEAR/2", "orgaan:", "datum:", "soort:", "onderwerp:",
    "gemeente:", "body:BORA", "2021", ">2020", "BO", "verslag", "Wonen", "\xEE\x80\x80",
    "\xE2\x80\x9C", "\xff", "\x01", "\x02", "\x03", "^", "{", "wonignbouw", "laadpalen",
  };
  buf_reset(&f->q);
  f->x = f->x*6364136223846793005ULL + 1442695040888963407ULL;
  int n = (int)((f->x>>33) % 10);
  for(int k=0; k<n; k++){
    f->x = f->x*6364136223846793005ULL + 1442695040888963407ULL;
    buf_puts(&f->q, azPiece[(f->x>>33) % (sizeof azPiece/sizeof azPiece[0])]);
  }
  return f->q.z;
}

/* 11. 10,000 random queries through the whole search: each runs, or is
** refused with a message for people; never an SQLite error, never a
** crash. */
START_TEST(t11_fuzz){
  Corpus c;
  corpus_basic(&c);
  Fuzz f = { 99, BUF_INIT };
  int nOk = 0;
  for(int i=0; i<10000; i++){
    SearchOpts o;
    memset(&o, 0, sizeof o);
    o.zQuery = fuzz_next(&f);
    o.nLimit = 3;
    o.sort = (SearchSort)(i%3);
    SearchResult r;
    Err err = ERR_INIT;
    if( search_exec(c.db, &o, &r, &err)==0 ){
      nOk++;
      json_decref(search_json(&r));
      search_result_free(&r);
    }else{
      ck_assert_msg(strstr(err.msg, "search failed")==0, "query %d \"%s\": %s", i, f.q.z,
                    err.msg);
    }
  }
  ck_assert_int_gt(nOk, 2000);
  buf_release(&f.q);
  corpus_free(&c);
}
END_TEST

/* zQuery's JSON without its time, as a new string. */
static char *answer(Corpus *c, const char *zQuery, int i, SearchResult *r){
  SearchOpts o;
  memset(&o, 0, sizeof o);
  o.zQuery = zQuery;
  o.nLimit = 1 + i%7;
  o.nOffset = i%3;
  o.sort = (SearchSort)(i%3);
  Err err = ERR_INIT;
  if( search_exec(c->db, &o, r, &err) ){
    memset(r, 0, sizeof *r);
    Buf b = BUF_INIT;
    buf_appendf(&b, "refused: %s", err.msg);
    return buf_detach(&b, 0);
  }
  json_t *j = search_json(r);
  json_object_del(j, "took_ms");
  char *z = json_dumps(j, JSON_SORT_KEYS);
  json_decref(j);
  return z;
}

/* 14. The term cache (search_term_cache()) gives what FTS5's own scan
** gives, to the last bit of the rank and the order of ties: random
** queries and the query forms on the imported sample, with room for
** every term, with room for almost none, and after the archive changed. */
START_TEST(t14_term_cache){
  static const char *azQuery[] = {
    "de", "regio", "besluit", "regio gemeenten", "de regio", "\"de regio\"", "woning*",
    "regio OR besluit", "regio -besluit", "(regio OR gemeente) de", "regio NEAR besluit",
    "de het een van", "besluitvormnig", "regio xyzzyq", "regio (de -besluit)",
    "jeugd* OR \"bestuurlijk overleg\"", "de orgaan:BORA", "besluit datum:2020..2023",
  };
  Corpus c;
  corpus_sample(&c);
  Fuzz f = { 7, BUF_INIT };
  int nQuery = (int)(sizeof azQuery/sizeof azQuery[0]);
  for(int nBudget=1<<20; nBudget>0; nBudget = nBudget>64 ? 64 : 0){
    int nScan = 0, nTermScan = 0;
    for(int i=0; i<nQuery+2000; i++){
      const char *zQuery = i<nQuery ? azQuery[i] : fuzz_next(&f);
      SearchResult r;
      search_term_cache(0);
      char *zFts = answer(&c, zQuery, i, &r);
      ck_assert_int_eq(r.nTermScan, 0);
      search_result_free(&r);
      search_term_cache((size_t)nBudget);
      char *zTerms = answer(&c, zQuery, i, &r);
      nScan += r.nScan;
      nTermScan += r.nTermScan;
      if( strcmp(zQuery, "regio NEAR besluit")==0 ) ck_assert_int_eq(r.nTermScan, 0);
      search_result_free(&r);
      size_t k = 0;
      while( zFts[k] && zFts[k]==zTerms[k] ) k++;
      size_t iShow = k>100 ? k-100 : 0;
      ck_assert_msg(zFts[k]==zTerms[k], "\"%s\" (budget %d) differs:\n%.300s\n%.300s",
                    zQuery, nBudget, zFts+iShow, zTerms+iShow);
      free(zFts);
      free(zTerms);
    }
    /* most scans take the term cache when it has room, none when not */
    if( nBudget>64 ) ck_assert_msg(nTermScan*10 > nScan*8, "%d of %d", nTermScan, nScan);
    else ck_assert_int_eq(nTermScan, 0);
  }
  corpus_free(&c);

  /* a term read before the archive changed is read again */
  corpus_basic(&c);
  search_term_cache(1<<20);
  SearchResult r;
  run(&c, "laadpaal", 0, &r);
  ck_assert_int_eq(r.nTotal, 1);
  ck_assert_int_eq(r.nTermScan, 1);
  search_result_free(&r);
  doc1(&c, "Nieuw", "BO Wonen", "Wonen", "memo", "2024-02-02", "Meer laadpalen in Baarn.");
  run(&c, "laadpaal", 0, &r);
  ck_assert_int_eq(r.nTotal, 2);
  ck_assert_int_eq(r.nTermScan, 1);
  search_result_free(&r);
  search_term_cache(0);
  buf_release(&f.q);
  corpus_free(&c);
}
END_TEST

/* 15. The search generation moves on with every change to what search
** reads, and only then: a login's audit row, a setting or a meeting leave
** search's caches standing.  (Passages are written with their document:
** t06_reread_passages of t_corrections.c sees a reread move it.) */
START_TEST(t15_generation){
  static const struct { const char *zSql; int bMoves; } aCase[] = {
    { "INSERT INTO audit(at, actor, action) VALUES('2024-01-01', 'x', 'login')", 0 },
    { "INSERT INTO setting(name, value) VALUES('x', 'y')", 0 },
    { "INSERT INTO meeting(date) VALUES('2024-05-05')", 0 },
    { "UPDATE document SET title='Stuk AA' WHERE title='Stuk A'", 1 },
    { "UPDATE document SET date='2019-01-01' WHERE title='Stuk B'", 1 },
    { "UPDATE body SET full_name='Bestuurlijk Overleg Wonen en Bouwen' WHERE name='BO Wonen'", 1 },
    { "INSERT INTO topic(name) VALUES('Economie')", 1 },
    { "INSERT INTO organisation(name, kind) VALUES('Leusden', 'gemeente')", 1 },
    { "DELETE FROM document WHERE title='Stuk E'", 1 },
  };
  Corpus c;
  corpus_basic(&c);
  SearchResult r;
  run(&c, "woning datum:2019", 0, &r);
  ck_assert_int_eq(r.nTotal, 0);
  search_result_free(&r);
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    sqlite3_int64 n = search_generation(c.db);
    ck_assert_int_ge(n, 0);
    corpus_sql(&c, aCase[i].zSql);
    sqlite3_int64 nAfter = search_generation(c.db);
    ck_assert_msg((nAfter!=n)==aCase[i].bMoves, "%s: %lld -> %lld", aCase[i].zSql, n, nAfter);
  }
  /* links to gemeenten have no trigger: linking moves it when it links */
  corpus_sql(&c, "INSERT INTO organisation(name, kind) VALUES('Amersfoort', 'gemeente')");
  Err err = ERR_INIT;
  for(int bLinks=1; bLinks>=0; bLinks--){
    sqlite3_int64 n = search_generation(c.db);
    ck_assert_msg(store_link_municipalities(c.db, 0, &err)==0, "%s", err.msg);
    ck_assert_int_eq(search_generation(c.db)!=n, bLinks);
  }
  /* and the cache follows it: Stuk B is found in its new year */
  run(&c, "woning datum:2019", 0, &r);
  ck_assert_int_eq(r.nTotal, 1);
  ck_assert_str_eq(r.aDoc[0].zTitle, "Stuk B");
  search_result_free(&r);
  corpus_free(&c);
}
END_TEST

/* What a thread of t16 runs: every query of its list, three times, on a
** connection of its own, each answer compared with the list's. */
typedef struct ThreadRun {
  Corpus c;                /* a copy, with the thread's connection */
  const char **azQuery;
  char **azWant;
  int nQuery;
  char zFail[600];         /* "" when every answer was right */
  int nTermScan;           /* scans the term cache served */
} ThreadRun;

static void *thread_run(void *pArg){
  ThreadRun *t = pArg;
  for(int k=0; k<3*t->nQuery && !t->zFail[0]; k++){
    int i = k % t->nQuery;
    SearchResult r;
    char *z = answer(&t->c, t->azQuery[i], i, &r);
    t->nTermScan += r.nTermScan;
    search_result_free(&r);
    if( strcmp(z, t->azWant[i])!=0 ){
      snprintf(t->zFail, sizeof t->zFail, "\"%s\": %.200s", t->azQuery[i], z);
    }
    free(z);
  }
  return 0;
}

/* 16. Threads share the term cache: two connections search at once
** through a cache so small that terms one search holds are pushed out by
** the other's; every answer is FTS5's. */
START_TEST(t16_term_cache_threads){
  enum { N = 300 };
  Corpus c;
  corpus_sample(&c);
  Fuzz f = { 11, BUF_INIT };
  const char *azQuery[N];
  char *azWant[N];
  search_term_cache(0);
  for(int i=0; i<N; i++){
    azQuery[i] = xstrdup(i%3==0 ? fuzz_next(&f) : i%3==1 ? "regio" : "de besluit");
    SearchResult r;
    azWant[i] = answer(&c, azQuery[i], i, &r);
    search_result_free(&r);
  }
  search_term_cache(2048);
  ThreadRun aRun[2];
  pthread_t aThread[2];
  for(int k=0; k<2; k++){
    memset(&aRun[k], 0, sizeof aRun[k]);
    aRun[k].c = c;
    Err err = ERR_INIT;
    ck_assert_msg(store_connect(c.s, &aRun[k].c.db, &err)==0, "%s", err.msg);
    aRun[k].azQuery = azQuery;
    aRun[k].azWant = azWant;
    aRun[k].nQuery = N;
  }
  for(int k=0; k<2; k++) ck_assert_int_eq(pthread_create(&aThread[k], 0, thread_run, &aRun[k]), 0);
  for(int k=0; k<2; k++) ck_assert_int_eq(pthread_join(aThread[k], 0), 0);
  for(int k=0; k<2; k++){
    ck_assert_msg(aRun[k].zFail[0]==0, "thread %d: %s", k, aRun[k].zFail);
    /* the cache served most searches, and had to make room as it did */
    ck_assert_int_gt(aRun[k].nTermScan, N/2);
    sqlite3_close(aRun[k].c.db);
  }
  search_term_cache(0);
  for(int i=0; i<N; i++){
    free((char*)azQuery[i]);
    free(azWant[i]);
  }
  buf_release(&f.q);
  corpus_free(&c);
}
END_TEST

/* Runs $OVERLEG azArg... here; its exit status. */
static int cli(const char *const *azArg, Buf *pOut, Buf *pErr){
  buf_reset(pOut);
  buf_reset(pErr);
  return hostile_cli(".", azArg, pOut, pErr);
}

/* 12. The CLI: text for people, --json, flags, a refused query. */
START_TEST(t12_cli){
  Corpus c;
  corpus_basic(&c);
  Buf out = BUF_INIT, err = BUF_INIT;
  const char *azJson[] = { "search", "--storage", c.zStore, "--json", "--limit", "1",
                           "--body", "BO Wonen", "--body", "AO Wonen", "de", 0 };
  ck_assert_int_eq(cli(azJson, &out, &err), 0);
  json_error_t je;
  json_t *j = json_loads(out.z, 0, &je);
  ck_assert_msg(j!=0, "%s", out.z);
  ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 2);
  ck_assert_int_eq(json_array_size(json_object_get(j, "results")), 1);
  json_decref(j);
  const char *azText[] = { "search", "--storage", c.zStore, "--sort", "oldest", "besluit", 0 };
  ck_assert_int_eq(cli(azText, &out, &err), 0);
  ck_assert_msg(strstr(out.z, "1. Stuk A\n") && strstr(out.z, "3 documents, 1-3 shown")
                && strstr(out.z, "[besluiten]"), "%s", out.z);
  const char *azBad[] = { "search", "--storage", c.zStore, "orgaan:\"BO Woonen\"", 0 };
  ck_assert_int_eq(cli(azBad, &out, &err), 1);
  ck_assert_str_eq(err.z, "overleg: unknown body \"BO Woonen\" (did you mean \"BO Wonen\" or "
                          "\"AO Wonen\"?)\n");
  ck_assert_int_eq(out.n, 0);
  const char *azFlags[] = { "search", "--storage", c.zStore, "--from", "2022", "--kind", "memo",
                            0 };
  ck_assert_int_eq(cli(azFlags, &out, &err), 0);
  ck_assert_msg(strstr(out.z, "1 document, 1-1 shown") && strstr(out.z, "Stuk B"), "%s", out.z);
  const char *azSort[] = { "search", "--storage", c.zStore, "--sort", "best", "x", 0 };
  ck_assert_int_eq(cli(azSort, &out, &err), 2);
  const char *azHelp[] = { "help", "search", 0 };
  ck_assert_int_eq(cli(azHelp, &out, &err), 0);
  ck_assert_ptr_nonnull(strstr(out.z, "orgaan:"));
  buf_release(&out);
  buf_release(&err);
  corpus_free(&c);
}
END_TEST

/* 13. The document page's marker: stems, exact words, prefixes; never a
** negated word; a bad query is an error. */
#define ON SEARCH_MARK_ON
#define OFF SEARCH_MARK_OFF
START_TEST(t13_marker){
  Corpus c;
  corpus_basic(&c);
  static const struct { const char *zQuery, *zText, *zWant; } a[] = {
    { "besluit", "Besloten: de besluiten. Beslissen niet.",
      ON "Besloten" OFF ": de " ON "besluiten" OFF ". Beslissen niet." },
    { "\"besluiten\" woning*", "Het besluit over woningbouw; besluiten.",
      "Het besluit over " ON "woningbouw" OFF "; " ON "besluiten" OFF "." },
    { "coordinatie -regio", "Coördinatie in de regio.", ON "Coördinatie" OFF " in de regio." },
    { "orgaan:BORA", "Niets gemarkeerd.", "Niets gemarkeerd." },
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    SearchMarker *m;
    Err err = ERR_INIT;
    ck_assert_msg(search_marker_new(c.db, a[i].zQuery, &m, &err)==0, "%s", err.msg);
    Buf out = BUF_INIT;
    search_marker_mark(m, a[i].zText, &out);
    ck_assert_str_eq(out.z, a[i].zWant);
    buf_release(&out);
    search_marker_free(m);
  }
  SearchMarker *m = 0;
  Err err = ERR_INIT;
  ck_assert_int_eq(search_marker_new(c.db, "\"unclosed", &m, &err), -1);
  ck_assert_ptr_null(m);
  ck_assert(err.set);
  corpus_free(&c);
}
END_TEST
#undef ON
#undef OFF

Suite *suite_search(void){
  Suite *s = suite_create("search");
  TCase *tc = tcase_create("search");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, t01_forms);
  tcase_add_test(tc, t02_filters);
  tcase_add_test(tc, t03_municipality);
  tcase_add_test(tc, t04_ranking);
  tcase_add_test(tc, t05_snippets);
  tcase_add_test(tc, t06_facets_pages);
  tcase_add_test(tc, t07_correction);
  tcase_add_test(tc, t08_relaxed);
  tcase_add_test(tc, t09_json);
  tcase_add_test(tc, t10_fresh);
  tcase_add_test(tc, t11_fuzz);
  tcase_add_test(tc, t12_cli);
  tcase_add_test(tc, t13_marker);
  tcase_add_test(tc, t14_term_cache);
  tcase_add_test(tc, t15_generation);
  tcase_add_test(tc, t16_term_cache_threads);
  suite_add_tcase(s, tc);
  return s;
}
