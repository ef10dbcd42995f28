/*
** t_pages.c — the reading pages (pages.c) without a server: the search
** arguments and their errors, the links of facets, sorting and pages
** (which never repeat nor skip a page), dates as people read them, and
** every template of the reading pages rendered in the layout, in Dutch
** and English, from realistic contexts: the search page from real
** searches on the sample fixtures, the other pages from JSON in the shape
** of catalog.h.  Each whole page is checked for what the accessibility
** rules need (one h1, the landmarks, a skip link, the lang attribute)
** and for XSS payloads coming out as text; the document page with
** search's marker.  The full HTTP round trips are t_serve's.  Run from
** the repository root.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostile.h"
#include "html.h"
#include "import.h"
#include "pages_ctx.h"
#include "search.h"
#include "store.h"
#include "testutil.h"

Suite *suite_pages(void);

#define SAMPLE_DIR "tests/fixtures/sample"
#define XSS1 "<script>alert(1)</script>"
#define XSS2 "\"><img src=x onerror=alert(1)>"
#define XSS2_JSON "\\\"><img src=x onerror=alert(1)>"   /* XSS2 in a JSON string */

/* --------------------------------------------------------------- helpers */

/* Arguments from a NULL-terminated list of name, value pairs. */
static int fake_args(void *p, const char *zName, const char **az, int nMax){
  const char *const *a = p;
  int n = 0;
  for(; a[0]; a+=2){
    if( strcmp(a[0], zName)==0 && n<nMax ) az[n++] = a[1];
  }
  return n;
}

static void args_ok(PagesArgs *a, const char *const *azArg){
  Err err = ERR_INIT;
  ck_assert_msg(pages_args_read(a, fake_args, (void*)azArg, &err)==0, "%s", err.msg);
}

static void args_fail(const char *const *azArg, const char *zWant){
  PagesArgs a;
  Err err = ERR_INIT;
  ck_assert_int_eq(pages_args_read(&a, fake_args, (void*)azArg, &err), -1);
  ck_assert_str_eq(err.msg, zWant);
}

static void expect_url(const PagesArgs *a, const char *zWant){
  Buf b = BUF_INIT;
  pages_search_url(&b, a);
  ck_assert_str_eq(b.z, zWant);
  buf_release(&b);
}

static void expect_facet_url(const PagesArgs *a, SearchFacetKey k, const char *zValue,
                             const char *zWant){
  Buf b = BUF_INIT;
  pages_facet_url(&b, a, k, zValue);
  ck_assert_str_eq(b.z, zWant);
  buf_release(&b);
}

static int count_of(const char *z, const char *zWhat){
  int n = 0;
  for(; (z = strstr(z, zWhat))!=0; z += strlen(zWhat)) n++;
  return n;
}

/* Renders zTemplate in the layout with ctx (kept) in zLang and checks
** what every page must have; the page is left in out. */
static void page(Buf *out, const char *zTemplate, json_t *ctx, const char *zLang){
  Err err = ERR_INIT;
  buf_reset(out);
  json_object_set_new(ctx, "lang", json_string(zLang));
  json_object_set_new(ctx, "is_en", json_boolean(strcmp(zLang, "en")==0));
  if( !json_object_get(ctx, "title") ) json_object_set_new(ctx, "title", json_string("T"));
  json_object_set_new(ctx, "lang_nl_url", json_string("/x?lang=nl"));
  json_object_set_new(ctx, "lang_en_url", json_string("/x?lang=en"));
  ck_assert_msg(pages_frame(out, zTemplate, ctx, zLang, &err)==0, "%s: %s", zTemplate, err.msg);
  const char *z = out->z;
  ck_assert_msg(count_of(z, "<h1")==1, "%s: %d h1", zTemplate, count_of(z, "<h1"));
  char zLangAttr[32];
  snprintf(zLangAttr, sizeof zLangAttr, "<html lang=\"%s\">", zLang);
  ck_assert_msg(strstr(z, zLangAttr)!=0, "%s: no %s", zTemplate, zLangAttr);
  ck_assert(strstr(z, "<header")!=0 && strstr(z, "<nav")!=0 && strstr(z, "<main id=\"main\"")!=0
            && strstr(z, "<footer")!=0 && strstr(z, "href=\"#main\"")!=0);
  ck_assert_msg(strstr(z, "<script")==0 && strstr(z, "<img")==0, "%s: markup from a value", zTemplate);
  ck_assert_msg(strstr(z, "{{")==0, "%s: a tag left", zTemplate);
  ck_assert_msg(strstr(z, "style=")==0, "%s: inline style (the CSP forbids it)", zTemplate);
}

static json_t *load(const char *zJson){
  json_error_t je;
  json_t *j = json_loads(zJson, 0, &je);
  ck_assert_msg(j!=0, "bad test JSON at %d: %s", je.position, je.text);
  return j;
}

/* ------------------------------------------------------------ the cases */

/* 1. Reading the arguments: repeated filters, empty values, the errors. */
START_TEST(t01_args){
  static const char *const az1[] = {
    "q", "woningbouw", "body", "BO Wonen", "body", "", "body", "BORA", "kind", "verslag",
    "municipality", "Soest", "from", "2021", "to", "2022-06", "sort", "newest", "offset", "25",
    "topic", "Wonen", 0 };
  PagesArgs a;
  args_ok(&a, az1);
  ck_assert_str_eq(a.zQ, "woningbouw");
  ck_assert_int_eq(a.f.nBody, 2);
  ck_assert_str_eq(a.f.azBody[1], "BORA");
  ck_assert_int_eq(a.f.nTopic, 1);
  ck_assert_int_eq(a.f.nKind, 1);
  ck_assert_int_eq(a.f.nMunicipality, 1);
  ck_assert_str_eq(a.f.zFrom, "2021");
  ck_assert_str_eq(a.f.zTo, "2022-06");
  ck_assert_int_eq(a.sort, SEARCH_NEWEST);
  ck_assert_int_eq(a.nOffset, 20);             /* down to a page's first */
  ck_assert(pages_args_any(&a));
  SearchOpts o;
  pages_search_opts(&a, &o);
  ck_assert_int_eq(o.nLimit, PAGES_PER_PAGE);
  ck_assert_int_eq(o.nOffset, 20);
  ck_assert_int_eq(o.filter.nBody, 2);

  static const char *const azNone[] = { "q", "  ", "from", "", "sort", "", "offset", "", 0 };
  args_ok(&a, azNone);
  ck_assert(!pages_args_any(&a));
  ck_assert_int_eq(a.sort, SEARCH_RELEVANCE);

  static const char *const azSort[] = { "sort", "date", 0 };
  args_fail(azSort, "unknown sort \"date\" (use relevance, newest or oldest)");
  static const char *const azOff1[] = { "offset", "-10", 0 };
  args_fail(azOff1, "bad offset \"-10\" (a number of results)");
  static const char *const azOff2[] = { "offset", "1e3", 0 };
  args_fail(azOff2, "bad offset \"1e3\" (a number of results)");
  static const char *const azOff3[] = { "offset", "99999999999", 0 };
  args_fail(azOff3, "bad offset \"99999999999\" (a number of results)");
  const char *azMany[2*(SEARCH_FILTER_MAX+1)+1];
  for(int i=0; i<SEARCH_FILTER_MAX+1; i++){
    azMany[2*i] = "kind";
    azMany[2*i+1] = "memo";
  }
  azMany[2*(SEARCH_FILTER_MAX+1)] = 0;
  args_fail(azMany, "at most 16 values of kind");
}
END_TEST

/* 2. Search URLs: encoded, in a fixed order; facet links add and remove
** a value and keep the rest; sort and year links. */
START_TEST(t02_urls){
  static const char *const az[] = {
    "q", "a&b \"c\"", "body", "BO Wonen", "kind", "verslag", "offset", "30", "sort", "oldest", 0 };
  PagesArgs a;
  args_ok(&a, az);
  expect_url(&a, "/zoeken?q=a%26b%20%22c%22&body=BO%20Wonen&kind=verslag&sort=oldest&offset=30");
  /* add a second body, back to the first page */
  expect_facet_url(&a, SEARCH_FACET_BODY, "BORA",
                   "/zoeken?q=a%26b%20%22c%22&body=BO%20Wonen&body=BORA&kind=verslag&sort=oldest");
  /* remove one (names compare without regard to case) */
  expect_facet_url(&a, SEARCH_FACET_BODY, "bo wonen",
                   "/zoeken?q=a%26b%20%22c%22&kind=verslag&sort=oldest");
  ck_assert(pages_facet_active(&a, SEARCH_FACET_BODY, "BO WONEN"));
  ck_assert(!pages_facet_active(&a, SEARCH_FACET_BODY, "BORA"));
  ck_assert(!pages_facet_active(&a, SEARCH_FACET_BODY, 0));
  expect_facet_url(&a, SEARCH_FACET_MUNICIPALITY, "'s-Hertogenbosch",
                   "/zoeken?q=a%26b%20%22c%22&body=BO%20Wonen&kind=verslag"
                   "&municipality=%27s-Hertogenbosch&sort=oldest");
  /* the year sets from and to; again removes them */
  expect_facet_url(&a, SEARCH_FACET_YEAR, "2021",
                   "/zoeken?q=a%26b%20%22c%22&body=BO%20Wonen&kind=verslag&from=2021&to=2021&sort=oldest");
  static const char *const azYear[] = { "from", "2021", "to", "2021", 0 };
  args_ok(&a, azYear);
  ck_assert(pages_facet_active(&a, SEARCH_FACET_YEAR, "2021"));
  ck_assert(!pages_facet_active(&a, SEARCH_FACET_YEAR, "2020"));
  expect_facet_url(&a, SEARCH_FACET_YEAR, "2021", "/zoeken");
  expect_facet_url(&a, SEARCH_FACET_YEAR, "2020", "/zoeken?from=2020&to=2020");
  /* relevance is the default: no sort argument */
  static const char *const azRel[] = { "q", "x", "sort", "relevance", 0 };
  args_ok(&a, azRel);
  expect_url(&a, "/zoeken?q=x");
  /* a full facet takes no more values */
  const char *azFull[2*SEARCH_FILTER_MAX+1];
  char azName[SEARCH_FILTER_MAX][16];
  for(int i=0; i<SEARCH_FILTER_MAX; i++){
    snprintf(azName[i], sizeof azName[i], "b%d", i);
    azFull[2*i] = "body";
    azFull[2*i+1] = azName[i];
  }
  azFull[2*SEARCH_FILTER_MAX] = 0;
  args_ok(&a, azFull);
  Buf b1 = BUF_INIT, b2 = BUF_INIT;
  pages_search_url(&b1, &a);
  pages_facet_url(&b2, &a, SEARCH_FACET_BODY, "one more");
  ck_assert_str_eq(b1.z, b2.z);
  buf_release(&b1);
  buf_release(&b2);
}
END_TEST

/* The offset in a page link, -1 without one. */
static long offset_of(const char *zUrl){
  const char *z = strstr(zUrl, "offset=");
  return z ? atol(z+7) : zUrl ? 0 : -1;
}

/* 3. Pagination: none for one page; the pages shown are numbered by their
** offsets, in order, with gaps only where pages are left out; prev and
** next are the neighbours; past the end, prev goes to the last page. */
START_TEST(t03_pagination){
  PagesArgs a;
  memset(&a, 0, sizeof a);
  a.zQ = "x";
  ck_assert_ptr_null(pages_pagination(&a, 0));
  ck_assert_ptr_null(pages_pagination(&a, 10));
  static const struct { long long nTotal; int nOffset; const char *zWant; } aCase[] = {
    { 11, 0, "[1] 2 >" },
    { 11, 10, "< 1 [2]" },
    { 1000, 0, "[1] 2 3 … 100 >" },
    { 1000, 500, "< 1 … 49 50 [51] 52 53 … 100 >" },
    { 1000, 990, "< 1 … 98 99 [100]" },
    { 55, 20, "< 1 2 [3] 4 5 6 >" },
    { 26, 2000, "< 1 2 3" },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    a.nOffset = aCase[i].nOffset;
    json_t *p = pages_pagination(&a, aCase[i].nTotal);
    ck_assert_ptr_nonnull(p);
    Buf b = BUF_INIT;
    const char *zPrev = json_string_value(json_object_get(p, "prev_url"));
    const char *zNext = json_string_value(json_object_get(p, "next_url"));
    if( zPrev ) buf_puts(&b, "< ");
    json_t *aPage = json_object_get(p, "pages");
    long nLast = 0;
    for(size_t k=0; k<json_array_size(aPage); k++){
      json_t *e = json_array_get(aPage, k);
      if( json_is_true(json_object_get(e, "gap")) ){
        buf_puts(&b, "… ");
        continue;
      }
      long n = (long)json_integer_value(json_object_get(e, "number"));
      ck_assert_int_gt(n, nLast);
      nLast = n;
      ck_assert_int_eq(offset_of(json_string_value(json_object_get(e, "url"))), (n-1)*PAGES_PER_PAGE);
      buf_appendf(&b, json_is_true(json_object_get(e, "current")) ? "[%ld] " : "%ld ", n);
    }
    if( zNext ) buf_puts(&b, "> ");
    buf_truncate(&b, b.n-1);
    ck_assert_msg(strcmp(b.z, aCase[i].zWant)==0, "%lld at %d: got \"%s\", want \"%s\"",
                  aCase[i].nTotal, aCase[i].nOffset, b.z, aCase[i].zWant);
    long iCur = aCase[i].nOffset;
    long iLastPage = (long)((aCase[i].nTotal-1)/PAGES_PER_PAGE*PAGES_PER_PAGE);
    if( zPrev ) ck_assert_int_eq(offset_of(zPrev), iCur>iLastPage ? iLastPage : iCur-PAGES_PER_PAGE);
    if( zNext ) ck_assert_int_eq(offset_of(zNext), iCur+PAGES_PER_PAGE);
    buf_release(&b);
    json_decref(p);
  }
}
END_TEST

/* 4. Dates as people write them. */
START_TEST(t04_dates){
  static const struct { const char *zIso, *zLang, *zWant; } aCase[] = {
    { "2021-03-15", "nl", "15 maart 2021" },
    { "2021-03-05", "en", "5 March 2021" },
    { "2021-12", "nl", "december 2021" },
    { "2021", "nl", "2021" },
    { "2021-13-01", "nl", "2021-13-01" },
    { "2021-03-00", "nl", "2021-03-00" },
    { "2021-0x-01", "nl", "2021-0x-01" },
    { "2021-03-1a", "nl", "2021-03-1a" },
    { "2024-01-01T10:00:00Z", "nl", "2024-01-01T10:00:00Z" },
    { "gisteren", "en", "gisteren" },
    { "", "nl", "" },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    Buf b = BUF_INIT;
    pages_date(&b, aCase[i].zIso, aCase[i].zLang);
    ck_assert_str_eq(b.z, aCase[i].zWant);
    buf_release(&b);
  }
  Buf b = BUF_INIT;
  pages_date(&b, 0, "nl");
  ck_assert_uint_eq(b.n, 0);
}
END_TEST

/* ------------------------------------------- search on the sample fixtures */

/* An archive holding the sample fixtures, removed by sample_close(). */
typedef TuArch Sample;

static void sample_open(Sample *p){
  tu_arch_new(p, 0);
  tu_arch_open(p);
  char *az[] = { SAMPLE_DIR };
  ImportOpts o;
  memset(&o, 0, sizeof o);
  ImportStats st;
  Err err = ERR_INIT;
  ck_assert_msg(import_run(p->s, az, 1, &o, 0, 0, &st, &err)>=0, "import: %s", err.msg);
  ck_assert_int_ge(st.nNew, 30);
}

static void sample_close(Sample *p){ tu_arch_free(p); }

/* The search page for the arguments azArg, rendered in zLang into out;
** returns the context (the caller decrefs). */
static json_t *search_page(Sample *p, const char *const *azArg, const char *zLang, Buf *out){
  PagesArgs a;
  Err err = ERR_INIT;
  json_t *res = 0;
  if( pages_args_read(&a, fake_args, (void*)azArg, &err)==0 && pages_args_any(&a) ){
    SearchOpts o;
    pages_search_opts(&a, &o);
    res = search_run(p->db, &o, &err);
  }
  json_t *ctx = pages_search_ctx(&a, res, err.set ? err.msg : 0, zLang);
  page(out, "results", ctx, zLang);
  return ctx;
}

/* 5. Results: the same documents as /api/search, links to them with the
** query, snippets with <mark>, facets that filter, sort links, pages. */
START_TEST(t05_results){
  Sample p;
  sample_open(&p);
  Buf b = BUF_INIT;
  static const char *const az[] = { "q", "besluit", 0 };
  json_t *ctx = search_page(&p, az, "nl", &b);
  json_int_t nTotal = json_integer_value(json_object_get(ctx, "total"));
  ck_assert_int_gt(nTotal, PAGES_PER_PAGE);
  json_t *aRes = json_object_get(ctx, "results");
  ck_assert_int_eq(json_array_size(aRes), PAGES_PER_PAGE);
  /* each result links to its document, with the query */
  for(size_t i=0; i<json_array_size(aRes); i++){
    char zLink[64];
    snprintf(zLink, sizeof zLink, "href=\"/document/%" JSON_INTEGER_FORMAT "?q=besluit\"",
             json_integer_value(json_object_get(json_array_get(aRes, i), "id")));
    ck_assert_msg(strstr(b.z, zLink)!=0, "no %s", zLink);
  }
  ck_assert_ptr_nonnull(strstr(b.z, "<mark>"));
  ck_assert_ptr_null(strstr(b.z, "&lt;mark&gt;"));
  char zSummary[64];
  snprintf(zSummary, sizeof zSummary, "Resultaten 1–10 van %" JSON_INTEGER_FORMAT, nTotal);
  ck_assert_ptr_nonnull(strstr(b.z, zSummary));
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/zoeken?q=besluit&amp;offset=10\" rel=\"next\""));
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/zoeken?q=besluit&amp;sort=newest\""));
  ck_assert_ptr_nonnull(strstr(b.z, "<h2 id=\"facets-h\">Verfijnen</h2>"));
  /* every facet value with a value links to the search with its filter */
  json_t *aFacet = json_object_get(ctx, "facet_list");
  ck_assert_int_ge(json_array_size(aFacet), 3);
  json_t *body = json_array_get(aFacet, 0);
  ck_assert_str_eq(json_string_value(json_object_get(body, "name")), "body");
  const char *zBody = json_string_value(json_object_get(json_array_get(json_object_get(body, "values"), 0), "label"));
  ck_assert_ptr_nonnull(zBody);
  char *zBodyCopy = xstrdup(zBody);
  json_decref(ctx);

  /* click that body: the results all have it, its link now removes it */
  const char *azBody[] = { "q", "besluit", "body", zBodyCopy, 0 };
  ctx = search_page(&p, azBody, "en", &b);
  aRes = json_object_get(ctx, "results");
  ck_assert_int_gt(json_array_size(aRes), 0);
  for(size_t i=0; i<json_array_size(aRes); i++){
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(aRes, i), "body")), zBodyCopy);
  }
  json_t *v0 = json_array_get(json_object_get(json_array_get(json_object_get(ctx, "facet_list"), 0), "values"), 0);
  ck_assert(json_is_true(json_object_get(v0, "active")));
  ck_assert_str_eq(json_string_value(json_object_get(v0, "url")), "/zoeken?q=besluit");
  ck_assert_ptr_nonnull(strstr(b.z, "aria-current=\"true\""));
  ck_assert_ptr_nonnull(strstr(b.z, "<input type=\"hidden\" name=\"body\""));
  ck_assert_ptr_nonnull(strstr(b.z, "Results 1–"));
  json_decref(ctx);
  free(zBodyCopy);

  /* the last page, then one past the end */
  static const char *const azLast[] = { "q", "besluit", "offset", "100000", 0 };
  ctx = search_page(&p, azLast, "nl", &b);
  ck_assert(json_is_true(json_object_get(ctx, "past_end")));
  ck_assert_ptr_nonnull(strstr(b.z, "Deze pagina is leeg."));
  json_decref(ctx);

  /* filters alone; nothing at all: the form only */
  static const char *const azKind[] = { "kind", "agenda", 0 };
  ctx = search_page(&p, azKind, "nl", &b);
  ck_assert_int_gt(json_integer_value(json_object_get(ctx, "total")), 0);
  ck_assert_ptr_nonnull(strstr(b.z, "Soort: Agenda"));
  json_decref(ctx);
  static const char *const azEmpty[] = { 0 };
  ctx = search_page(&p, azEmpty, "nl", &b);
  ck_assert_ptr_null(json_object_get(ctx, "searched"));
  ck_assert_ptr_null(strstr(b.z, "class=\"results\""));
  json_decref(ctx);
  buf_release(&b);
  sample_close(&p);
}
END_TEST

/* 6. A bad query, a bad filter: the message on the page; the query comes
** back escaped; nothing found; did-you-mean and corrections. */
START_TEST(t06_search_messages){
  Sample p;
  sample_open(&p);
  Buf b = BUF_INIT;
  static const char *const azBad[] = { "q", "woningbouw \"open", 0 };
  json_t *ctx = search_page(&p, azBad, "nl", &b);
  ck_assert_str_eq(json_string_value(json_object_get(ctx, "error")), "unclosed quote at position 12");
  ck_assert_ptr_nonnull(strstr(b.z, "role=\"alert\""));
  ck_assert_ptr_nonnull(strstr(b.z, "value=\"woningbouw &quot;open\""));
  json_decref(ctx);
  static const char *const azBody[] = { "q", "x", "body", "BO Woonen", 0 };
  ctx = search_page(&p, azBody, "nl", &b);
  ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(ctx, "error")), "unknown body"));
  json_decref(ctx);
  static const char *const azDate[] = { "q", "x", "from", "maart", 0 };
  ctx = search_page(&p, azDate, "nl", &b);
  ck_assert_ptr_nonnull(json_object_get(ctx, "error"));
  json_decref(ctx);
  static const char *const azSort[] = { "q", "x", "sort", XSS2, 0 };
  ctx = search_page(&p, azSort, "nl", &b);
  ck_assert_ptr_nonnull(strstr(b.z, "unknown sort &quot;&quot;&gt;&lt;img"));
  json_decref(ctx);

  static const char *const azXss[] = { "q", XSS1 " " XSS2, "body", XSS2, 0 };
  ctx = search_page(&p, azXss, "en", &b);
  ck_assert_ptr_nonnull(strstr(b.z, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img"));
  json_decref(ctx);

  static const char *const azNone[] = { "q", "xyzzyplugh", 0 };
  ctx = search_page(&p, azNone, "nl", &b);
  ck_assert_int_eq(json_integer_value(json_object_get(ctx, "total")), 0);
  ck_assert_ptr_nonnull(strstr(b.z, "Niets gevonden."));
  ck_assert_ptr_null(strstr(b.z, "class=\"pages\""));
  json_decref(ctx);

  /* a typo corrected: the page says what ran */
  static const char *const azTypo[] = { "q", "besluitenlijstt", 0 };
  ctx = search_page(&p, azTypo, "nl", &b);
  if( json_object_get(ctx, "corrected") ){
    ck_assert(json_is_true(json_object_get(ctx, "ran_corrected")));
    ck_assert_ptr_nonnull(strstr(b.z, "Gezocht naar <strong>"));
  }
  json_decref(ctx);
  buf_release(&b);
  sample_close(&p);
}
END_TEST

/* ---------------------------------------------- pages from catalog JSON */

static const char zDocJson[] =
  "{\"id\": 7, \"title\": \"Verslag BO Wonen 15 maart 2021 " XSS1 "\","
  " \"original_name\": \"2021-03-15_Verslag.docx\", \"sha256\": \"9f2c\", \"size\": 12345,"
  " \"format\": \"docx\", \"date\": \"2021-03-15\", \"kind\": \"verslag\", \"status\": \"vastgesteld\","
  " \"body\": {\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": \"Bestuurlijk Overleg Wonen\", \"kind\": \"BO\"},"
  " \"topic\": {\"id\": 2, \"name\": \"Wonen\"},"
  " \"meeting\": {\"id\": 9, \"date\": \"2021-03-15\", \"location\": \"Amersfoort\","
  "   \"bodies\": [{\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": null, \"kind\": \"BO\"}]},"
  " \"imported_at\": \"2024-01-01T10:00:00Z\", \"imported_by\": \"anna\","
  " \"metadata\": {\"creator\": \"" XSS2_JSON "\", \"pages\": 3, \"empty\": \"\"},"
  " \"municipalities\": [\"Leusden\", \"Soest\"],"
  " \"version_of\": {\"id\": 5, \"title\": null, \"original_name\": \"oud.docx\", \"date\": \"2021-03-15\","
  "   \"kind\": \"verslag\", \"status\": \"concept\", \"format\": \"docx\", \"size\": 10},"
  " \"versions\": [{\"id\": 5, \"title\": \"Concept\", \"original_name\": \"oud.docx\", \"date\": \"2021-03-15\","
  "   \"kind\": \"verslag\", \"status\": \"concept\", \"format\": \"docx\", \"size\": 10}],"
  " \"meeting_documents\": [{\"id\": 8, \"title\": \"Agenda\", \"original_name\": \"a.odt\", \"date\": \"2021-03-15\","
  "   \"kind\": \"agenda\", \"status\": null, \"format\": \"odt\", \"size\": 99}],"
  " \"passages\": ["
  "  {\"id\": 70, \"heading\": \"\", \"text\": \"Aanwezig: " XSS2_JSON "\", \"ord\": 0},"
  "  {\"id\": 71, \"heading\": \"Verslag\", \"text\": \"Opening.\\nDe woningen en de woningbouw.\", \"ord\": 1},"
  "  {\"id\": 72, \"heading\": \"Verslag > 3. Woningbouw\", \"text\": \"Besloten: " XSS1 "\", \"ord\": 2},"
  "  {\"id\": 73, \"heading\": \"Verslag > 3. Woningbouw\", \"text\": \"Vervolg.\\n\\n\", \"ord\": 3},"
  "  {\"id\": 74, \"heading\": \"Bijlage > A > B\", \"kind\": \"table\","
  "   \"text\": \"Gemeente\\tBijdrage\\nSoest\\t<5>\\nBaarn\", \"ord\": 4}]}";

/* A marker for the tests: marks every "woning" (the real one is search's). */
static void mark_woning(void *pCtx, const char *z, Buf *out){
  ++*(int*)pCtx;
  for(;;){
    const char *zHit = strstr(z, "woning");
    if( zHit==0 ) break;
    html_escape_n(out, z, (size_t)(zHit-z));
    buf_puts(out, "<mark>woning</mark>");
    z = zHit+6;
  }
  html_escape(out, z);
}

/* 7. A document: metadata, download, headings by depth, the text escaped
** in paragraphs with the marks of the query, versions, its meeting. */
START_TEST(t07_document){
  Buf b = BUF_INIT;
  int nMarked = 0;
  json_t *ctx = pages_document_ctx(load(zDocJson), "woning*", mark_woning, &nMarked, "nl");
  ck_assert_int_eq(nMarked, 5);
  page(&b, "document", ctx, "nl");
  const char *z = b.z;
  ck_assert_ptr_nonnull(strstr(z, "<h1>Verslag BO Wonen 15 maart 2021 &lt;script&gt;"));
  ck_assert_ptr_nonnull(strstr(z, "href=\"/api/documents/7/original\""));
  ck_assert_ptr_nonnull(strstr(z, "href=\"/zoeken?q=woning%2A\""));
  ck_assert_ptr_nonnull(strstr(z, "<th scope=\"row\">Datum</th><td>15 maart 2021</td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td><a href=\"/orgaan/4\">BO Wonen</a></td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td><a href=\"/onderwerp/2\">Wonen</a></td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td><a href=\"/vergadering/9\">BO Wonen — 15 maart 2021</a></td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td>Verslag</td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td>Leusden, Soest</td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td>DOCX, 12,3 kB</td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td>2024-01-01T10:00:00Z (anna)</td>"));
  ck_assert_ptr_nonnull(strstr(z, "<td><a href=\"/document/5\">oud.docx</a></td>"));
  ck_assert_ptr_nonnull(strstr(z, "<th scope=\"row\">creator</th><td>&quot;&gt;&lt;img"));
  ck_assert_ptr_nonnull(strstr(z, "<th scope=\"row\">pages</th><td>3</td>"));
  ck_assert_ptr_null(strstr(z, ">empty<"));
  ck_assert_ptr_nonnull(strstr(z, "<a href=\"/document/5\">Concept</a>"));
  ck_assert_ptr_nonnull(strstr(z, "<a href=\"/document/8\">Agenda</a>"));
  /* headings: a level where the path changes, parents first */
  const char *zH1 = strstr(z, "<h2>Verslag</h2>");
  const char *zH2 = strstr(z, "<h3>3. Woningbouw</h3>");
  ck_assert(zH1 && zH2 && zH1<zH2);
  ck_assert_int_eq(count_of(z, "3. Woningbouw</h3>"), 1);
  ck_assert_ptr_nonnull(strstr(z, "<h2>Bijlage</h2>\n<h3>A</h3>\n<h4>B</h4>"));
  ck_assert_ptr_nonnull(strstr(z, "<p>Opening.</p>\n<p>De <mark>woning</mark>en en de <mark>woning</mark>bouw.</p>"));
  ck_assert_ptr_nonnull(strstr(z, "<p>Besloten: &lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  ck_assert_ptr_nonnull(strstr(z, "<p>Vervolg.</p>\n</div>"));
  ck_assert_ptr_nonnull(strstr(z, "id=\"p72\""));
  /* a table passage is a table, its first row the header */
  ck_assert_ptr_nonnull(strstr(z, "role=\"region\" aria-label=\"Tabel 1\""));
  ck_assert_ptr_nonnull(strstr(z, "<thead><tr><th scope=\"col\">Gemeente</th><th scope=\"col\">Bijdrage</th></tr></thead>"));
  ck_assert_ptr_nonnull(strstr(z, "<tr><td>Soest</td><td>&lt;5&gt;</td></tr>\n<tr><td>Baarn</td></tr>"));
  json_decref(ctx);

  /* English, no query, no marker: text as it is */
  ctx = pages_document_ctx(load(zDocJson), 0, 0, 0, "en");
  page(&b, "document", ctx, "en");
  ck_assert_ptr_null(strstr(b.z, "<mark>"));
  ck_assert_ptr_null(strstr(b.z, "/zoeken?q="));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>DOCX, 12.3 kB</td>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<th scope=\"row\">Date</th><td>15 March 2021</td>"));
  json_decref(ctx);

  /* a document with little known */
  ctx = pages_document_ctx(load("{\"id\": 3, \"title\": null, \"original_name\": \"x.odt\", \"size\": 5,"
                                " \"format\": \"odt\", \"body\": null, \"topic\": null, \"meeting\": null,"
                                " \"metadata\": {}, \"municipalities\": [], \"versions\": [],"
                                " \"meeting_documents\": [], \"passages\": []}"), 0, 0, 0, "nl");
  page(&b, "document", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<h1>x.odt</h1>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>ODT, 5 bytes</td>"));
  ck_assert_ptr_nonnull(strstr(b.z, "Dit document heeft geen tekst."));
  json_decref(ctx);

  /* the title as the first heading is the h1 already */
  ctx = pages_document_ctx(load("{\"id\": 4, \"title\": \"Verslag X\", \"passages\": ["
                                " {\"id\": 1, \"heading\": \"Verslag X\", \"text\": \"a\"},"
                                " {\"id\": 2, \"heading\": \"Verslag X > 1. Opening\", \"text\": \"b\"},"
                                " {\"id\": 3, \"heading\": \"Verslag X > 1. Opening > Notulen\", \"text\": \"c\"},"
                                " {\"id\": 4, \"heading\": \"Bijlage\", \"text\": \"d\"}]}"), 0, 0, 0, "nl");
  page(&b, "document", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<div class=\"passage passage-text\" id=\"p1\">\n<p>a</p>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<h2>1. Opening</h2>\n<p>b</p>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<h3>Notulen</h3>\n<p>c</p>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<h2>Bijlage</h2>\n<p>d</p>"));
  ck_assert_int_eq(count_of(b.z, "Verslag X</h"), 1);
  json_decref(ctx);
  buf_release(&b);
}
END_TEST

/* 8. A meeting, a body, a topic. */
START_TEST(t08_meeting_body_topic){
  Buf b = BUF_INIT;
  json_t *ctx = pages_meeting_ctx(load(
    "{\"id\": 9, \"date\": \"2021-03-15\", \"location\": \"Amersfoort " XSS1 "\","
    " \"bodies\": [{\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": \"Bestuurlijk Overleg Wonen\", \"kind\": \"BO\"}],"
    " \"documents\": [{\"id\": 7, \"title\": \"Verslag\", \"original_name\": \"v.docx\", \"date\": \"2021-03-15\","
    "   \"kind\": \"verslag\", \"status\": null, \"format\": \"docx\", \"size\": 1}],"
    " \"prepared_by\": [{\"id\": 8, \"date\": \"2021-03-01\", \"location\": null,"
    "   \"bodies\": [{\"id\": 5, \"name\": \"AO Wonen\", \"full_name\": null, \"kind\": \"AO\"}]}],"
    " \"prepares\": []}"), "nl");
  page(&b, "meeting", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<h1>Vergadering BO Wonen — 15 maart 2021</h1>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/orgaan/4\">BO Wonen</a>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/document/7\">Verslag</a> <span class=\"meta\">Verslag</span>"));
  ck_assert_ptr_nonnull(strstr(b.z, "Voorbereid in"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/vergadering/8\">AO Wonen — 1 maart 2021</a>"));
  ck_assert_ptr_null(strstr(b.z, "Bereidt voor"));
  ck_assert_ptr_nonnull(strstr(b.z, "Amersfoort &lt;script&gt;"));
  json_decref(ctx);

  ctx = pages_body_ctx(load(
    "{\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": \"Bestuurlijk Overleg Wonen\", \"kind\": \"BO\","
    " \"topic\": {\"id\": 2, \"name\": \"Wonen\"}, \"prepares\": null,"
    " \"prepared_by\": [{\"id\": 5, \"name\": \"AO Wonen\", \"full_name\": null, \"kind\": \"AO\"}],"
    " \"members\": [{\"person\": \"Jan " XSS2_JSON "\", \"organisation\": \"Soest\", \"role\": \"voorzitter\","
    "   \"from\": \"2019-01-01\", \"to\": null, \"current\": true},"
    "  {\"person\": \"Piet\", \"organisation\": \"Baarn\", \"role\": \"lid\", \"from\": \"2015-01-01\","
    "   \"to\": \"2018-12-31\", \"current\": false}],"
    " \"years\": [{\"year\": 2021, \"meetings\": [{\"id\": 9, \"date\": \"2021-03-15\", \"location\": \"Soest\","
    "   \"bodies\": []}]}]}"), "nl");
  page(&b, "body", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<h1>BO Wonen</h1>"));
  ck_assert_ptr_nonnull(strstr(b.z, "Bestuurlijk Overleg Wonen · Bestuurlijk Overleg"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/onderwerp/2\">Wonen</a>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/orgaan/5\">AO Wonen</a>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<caption>Huidige leden</caption>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>Jan &quot;&gt;&lt;img"));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>sinds 1 januari 2019</td>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>1 januari 2015 – 31 december 2018</td>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<th scope=\"col\">Persoon</th>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<h3>2021</h3>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/vergadering/9\">15 maart 2021</a>"));
  json_decref(ctx);

  ctx = pages_topic_ctx(load(
    "{\"id\": 2, \"name\": \"Wonen\", \"kind\": \"onderwerp\", \"agenda\": \"2019-2022\","
    " \"from\": \"2019-01-01\", \"to\": null,"
    " \"bodies\": [{\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": null, \"kind\": \"BO\"},"
    "  {\"id\": 5, \"name\": \"AO Wonen\", \"full_name\": null, \"kind\": \"AO\"}],"
    " \"participants\": [{\"organisation\": \"Soest\", \"kind\": \"gemeente\", \"from\": null, \"to\": null,"
    "   \"current\": true}, {\"organisation\": \"FBK\", \"kind\": \"partner\", \"from\": \"2019-01-01\","
    "   \"to\": \"2020-01-01\", \"current\": false}],"
    " \"portfolio_holders\": [{\"person\": \"Jan\", \"organisation\": \"Soest\", \"from\": \"2019-01-01\","
    "   \"to\": null, \"current\": true}],"
    " \"years\": [{\"year\": 2021, \"documents\": [{\"id\": 7, \"title\": \"Verslag\", \"original_name\": \"v.docx\","
    "   \"date\": \"2021-03-15\", \"kind\": \"verslag\", \"status\": null, \"format\": \"docx\", \"size\": 1}]}]}"),
    "en");
  page(&b, "topic", ctx, "en");
  ck_assert_ptr_nonnull(strstr(b.z, "<h1>Wonen</h1>"));
  ck_assert_ptr_nonnull(strstr(b.z, "Topic · since 1 January 2019"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/orgaan/5\">AO Wonen</a>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>Jan</td><td>Soest</td><td>since 1 January 2019</td>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<td>FBK</td>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/document/7\">Verslag</a> <span class=\"meta\">15 March 2021 · Minutes</span>"));
  json_decref(ctx);

  /* nearly empty: the "none" lines */
  ctx = pages_body_ctx(load("{\"id\": 1, \"name\": \"BORA\", \"full_name\": null, \"kind\": \"BORA\","
                            " \"topic\": null, \"prepares\": null, \"prepared_by\": [], \"members\": [],"
                            " \"years\": []}"), "nl");
  page(&b, "body", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "Geen leden bekend."));
  ck_assert_ptr_nonnull(strstr(b.z, "Nog geen vergaderingen."));
  json_decref(ctx);
  buf_release(&b);
}
END_TEST

/* 9. The home page, the lists, help, the error page, the frame with a
** user and without. */
START_TEST(t09_lists_frame){
  Buf b = BUF_INIT;
  const char *zMeetings =
    "{\"total\": 60, \"meetings\": [{\"id\": 9, \"date\": \"2021-03-15\", \"location\": null,"
    " \"bodies\": [{\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": null, \"kind\": \"BO\"}],"
    " \"documents\": 3}]}";
  json_t *ctx = pages_home_ctx(load(zMeetings),
                               load("{\"documents\": 12, \"meetings\": 4, \"bodies\": 5, \"topics\": 2,"
                                    " \"originals_bytes\": 100, \"schema_version\": 2}"), "nl");
  page(&b, "home", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/vergadering/9\">BO Wonen — 15 maart 2021</a>"
                                    " <span class=\"count\">(3 documenten)</span>"));
  ck_assert_ptr_nonnull(strstr(b.z, "12 documenten"));
  ck_assert_ptr_nonnull(strstr(b.z, "<form class=\"search\" role=\"search\""));
  ck_assert_ptr_nonnull(strstr(b.z, "<label for=\"q\">"));
  /* not logged in: the login link; the switch to English */
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/inloggen\""));
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/x?lang=en\" lang=\"en\""));
  ck_assert_ptr_null(strstr(b.z, "/uploaden"));
  json_decref(ctx);
  ctx = pages_home_ctx(load("{\"total\": 1, \"meetings\": [{\"id\": 9, \"date\": null, \"bodies\": [],"
                            " \"documents\": 1}]}"), 0, "en");
  page(&b, "home", ctx, "en");
  ck_assert_ptr_nonnull(strstr(b.z, "<span class=\"count\">(1 document)</span>"));
  json_decref(ctx);

  ctx = pages_home_ctx(load("{\"total\": 0, \"meetings\": []}"), 0, "en");
  json_object_set_new(ctx, "user", json_pack("{sssssssbsbsb}", "name", "anna", "role", "medewerker",
                                             "role_label", "staff", "is_staff", 1, "is_auditor", 0,
                                             "is_admin", 0));
  json_object_set_new(ctx, "csrf", json_string("c0ffee"));
  json_object_set_new(ctx, "nav_search", json_true());
  page(&b, "home", ctx, "en");
  ck_assert_ptr_nonnull(strstr(b.z, "No meetings yet."));
  ck_assert_ptr_nonnull(strstr(b.z, "<span class=\"who\">anna <span class=\"role\">(staff)</span></span>"));
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/uploaden\""));
  ck_assert_ptr_null(strstr(b.z, "href=\"/beheer\""));
  ck_assert_ptr_null(strstr(b.z, "href=\"/audit\""));
  ck_assert_ptr_null(strstr(b.z, "href=\"/inloggen\""));
  ck_assert_ptr_nonnull(strstr(b.z, "<input type=\"hidden\" name=\"csrf\" value=\"c0ffee\">"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/\" aria-current=\"page\">Search</a>"));
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/x?lang=nl\" lang=\"nl\""));
  json_object_set_new(ctx, "user", json_pack("{sssssssbsbsb}", "name", "root", "role", "beheerder",
                                             "role_label", "administrator", "is_staff", 1,
                                             "is_auditor", 1, "is_admin", 1));
  page(&b, "home", ctx, "en");
  ck_assert(strstr(b.z, "href=\"/uploaden\"") && strstr(b.z, "href=\"/audit\"")
            && strstr(b.z, "href=\"/beheer\""));
  json_decref(ctx);

  ctx = pages_meetings_ctx(load(zMeetings), 25, "nl");
  page(&b, "meetings", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/vergadering?offset=0\" rel=\"prev\""));
  ck_assert_ptr_nonnull(strstr(b.z, "href=\"/vergadering?offset=50\" rel=\"next\""));
  ck_assert_ptr_nonnull(strstr(b.z, "Resultaten 26–26 van 60"));
  json_decref(ctx);

  ctx = pages_bodies_ctx(load("[{\"id\": 1, \"name\": \"BORA\", \"full_name\": null, \"kind\": \"BORA\", \"topic\": null},"
                              " {\"id\": 4, \"name\": \"BO Wonen\", \"full_name\": \"x\", \"kind\": \"BO\","
                              "  \"topic\": {\"id\": 2, \"name\": \"Wonen\"}},"
                              " {\"id\": 6, \"name\": \"BO Zorg\", \"full_name\": null, \"kind\": \"BO\", \"topic\": null},"
                              " {\"id\": 7, \"name\": \"Werkgroep\", \"full_name\": null, \"kind\": null, \"topic\": null}]"),
                         "nl");
  page(&b, "bodies", ctx, "nl");
  ck_assert_int_eq(count_of(b.z, "<h2>"), 3);
  ck_assert_ptr_nonnull(strstr(b.z, "<h2>Bestuurlijk Overleg</h2>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/orgaan/6\">BO Zorg</a>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<h2>Overig</h2>"));
  json_decref(ctx);

  ctx = pages_topics_ctx(load("[{\"id\": 2, \"name\": \"Wonen\", \"kind\": \"project\", \"from\": \"2019-01-01\","
                              " \"to\": \"2022-12-31\"}]"), "nl");
  page(&b, "topics", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<a href=\"/onderwerp/2\">Wonen</a> <span class=\"meta\">Project · 1 januari 2019 – 31 december 2022</span>"));
  json_decref(ctx);

  ctx = json_object();
  page(&b, "help", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<h1>Hulp bij zoeken</h1>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<th scope=\"col\">U typt</th>"));
  page(&b, "help", ctx, "en");
  ck_assert_ptr_nonnull(strstr(b.z, "<th scope=\"col\">You type</th>"));
  json_decref(ctx);

  /* a title holding the bytes that mark the page's place in the layout
  ** (a query string can carry them) leaves the page where it belongs */
  ctx = json_pack("{ssssss}", "title", "a\x01" "page\x01" "b", "heading", "Kop", "message", "m");
  page(&b, "error", ctx, "nl");
  ck_assert_ptr_null(strchr(b.z, '\x01'));
  ck_assert_ptr_nonnull(strstr(b.z, "a\xEF\xBF\xBD" "page\xEF\xBF\xBD" "b"));
  ck_assert(strstr(b.z, "<h1>Kop</h1>") > strstr(b.z, "</header>"));
  json_decref(ctx);

  ctx = json_pack("{ssss}", "heading", "Niet gevonden", "message", XSS1);
  page(&b, "error", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<h1>Niet gevonden</h1>"));
  ck_assert_ptr_nonnull(strstr(b.z, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  json_decref(ctx);
  buf_release(&b);
}
END_TEST

/* 10. Rendering is fast enough for a search page per request: a results
** page from its context, many times (a loose bound: the benchmark of the
** server is the real measure). */
START_TEST(t10_render_speed){
  Sample p;
  sample_open(&p);
  Buf b = BUF_INIT;
  static const char *const az[] = { "q", "de", 0 };
  json_t *ctx = search_page(&p, az, "nl", &b);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  const int n = 2000;
  for(int i=0; i<n; i++){
    Err err = ERR_INIT;
    buf_reset(&b);
    ck_assert_int_eq(pages_frame(&b, "results", ctx, "nl", &err), 0);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (t1.tv_sec-t0.tv_sec)*1e3 + (t1.tv_nsec-t0.tv_nsec)/1e6;
  ck_assert_msg(ms/n < (HOSTILE_ASAN ? 5.0 : 1.0), "%.3f ms a page", ms/n);
  json_decref(ctx);
  buf_release(&b);
  sample_close(&p);
}
END_TEST

/* 11. The document page with search's marker (t_search tests the marker
** itself): the query's words marked in the text, by stem. */
START_TEST(t11_marker){
  Sample p;
  sample_open(&p);
  SearchMarker *m = 0;
  Err err = ERR_INIT;
  ck_assert_msg(search_marker_new(p.db, "woning", &m, &err)==0, "%s", err.msg);
  Buf b = BUF_INIT;
  json_t *ctx = pages_document_ctx(load(zDocJson), "woning", pages_mark_search, m, "nl");
  page(&b, "document", ctx, "nl");
  ck_assert_ptr_nonnull(strstr(b.z, "<p>De <mark>woningen</mark> en de woningbouw.</p>"));
  ck_assert_ptr_nonnull(strstr(b.z, "<p>Besloten: &lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  ck_assert_int_eq(count_of(b.z, "<mark>"), 1);
  json_decref(ctx);
  search_marker_free(m);
  buf_release(&b);
  sample_close(&p);
}
END_TEST

Suite *suite_pages(void){
  Suite *s = suite_create("pages");
  TCase *tc = tcase_create("pages");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_args);
  tcase_add_test(tc, t02_urls);
  tcase_add_test(tc, t03_pagination);
  tcase_add_test(tc, t04_dates);
  tcase_add_test(tc, t05_results);
  tcase_add_test(tc, t06_search_messages);
  tcase_add_test(tc, t07_document);
  tcase_add_test(tc, t08_meeting_body_topic);
  tcase_add_test(tc, t09_lists_frame);
  tcase_add_test(tc, t10_render_speed);
  tcase_add_test(tc, t11_marker);
  suite_add_tcase(s, tc);
  return s;
}
