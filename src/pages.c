/*
** pages.c — the reading pages of "overleg serve": search, results, a
** document, a meeting, a body, a topic, their lists and the help page;
** and the page frame (page_render, page_error) that every page, also
** those of pages_admin.c, is drawn in.
**
** Each page has the same shape: read the arguments, ask search.h or
** catalog.h for JSON, add what the template needs (URLs, dates and kinds
** as people read them, links that add or remove a filter) and render.
** The context builders need no request (pages_ctx.h), so the tests run
** them on their own.  No HTML is written here: the templates of web/ do
** that, escaping every value.
*/
#include "pages.h"
#include "pages_ctx.h"
#include "catalog.h"
#include "correct.h"
#include "html.h"
#include "pages_correct.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FACET_SHOWN 12     /* values of a facet listed (besides those in use) */

/* ---------------------------------------------------------------- helpers */

void pages_set_str(json_t *o, const char *zKey, const char *z){
  json_t *v = z ? json_string(z) : 0;
  json_object_set_new(o, zKey, v ? v : json_null());
}

void pages_set_buf(json_t *o, const char *zKey, const Buf *b){
  json_t *v = json_stringn(b->z, b->n);
  json_object_set_new(o, zKey, v ? v : json_null());
}

/* pages_set_buf, then empties b for the next value. */
static void set_buf(json_t *o, const char *zKey, Buf *b){
  pages_set_buf(o, zKey, b);
  buf_reset(b);
}

void pages_set_has(json_t *o, const char *zKey){
  char z[64];
  snprintf(z, sizeof z, "has_%s", zKey);
  json_object_set_new(o, z, json_boolean(json_array_size(json_object_get(o, zKey))>0));
}

/* Sets "KEY_text" to the strings of the array o[zKey] joined by zSep, or
** null when there are none. */
static void set_joined(json_t *o, const char *zKey, const char *zSep){
  json_t *a = json_object_get(o, zKey);
  Buf b = BUF_INIT;
  for(size_t i=0; i<json_array_size(a); i++){
    const char *z = json_string_value(json_array_get(a, i));
    if( z==0 ) continue;
    if( b.n ) buf_puts(&b, zSep);
    buf_puts(&b, z);
  }
  char zName[64];
  snprintf(zName, sizeof zName, "%s_text", zKey);
  json_object_set_new(o, zName, b.n ? json_stringn(b.z, b.n) : json_null());
  buf_release(&b);
}


static int is_en(const char *zLang){
  return zLang && strcmp(zLang, "en")==0;
}

void pages_date(Buf *out, const char *zIso, const char *zLang){
  if( zIso==0 ) return;
  /* YYYY-MM or YYYY-MM-DD, digits where digits belong */
  size_t n = strlen(zIso);
  int bOk = (n==7 || n==10) && zIso[4]=='-' && (n==7 || zIso[7]=='-');
  for(size_t i=0; bOk && i<n; i++) bOk = i==4 || i==7 || (zIso[i]>='0' && zIso[i]<='9');
  int iMonth = bOk ? (zIso[5]-'0')*10 + (zIso[6]-'0') : 0;
  int iDay = bOk && n==10 ? (zIso[8]-'0')*10 + (zIso[9]-'0') : 0;
  if( iMonth<1 || iMonth>12 || (n==10 && (iDay<1 || iDay>31)) ){
    buf_puts(out, zIso);
    return;
  }
  char zKey[16];
  snprintf(zKey, sizeof zKey, "month_%02d", iMonth);
  if( iDay ) buf_appendf(out, "%d ", iDay);
  buf_appendf(out, "%s %.4s", html_message(zKey, zLang), zIso);
}

void pages_set_date(json_t *o, const char *zKey, const char *z, const char *zLang){
  if( z==0 ){
    json_object_set_new(o, zKey, json_null());
    return;
  }
  Buf b = BUF_INIT;
  pages_date(&b, z, zLang);
  set_buf(o, zKey, &b);
  buf_release(&b);
}

json_t *pages_doc_url(json_int_t iDoc, const json_t *pPassage){
  Buf b = BUF_INIT;
  buf_appendf(&b, "/document/%" JSON_INTEGER_FORMAT, iDoc);
  if( json_is_integer(pPassage) ){
    buf_appendf(&b, "#p%" JSON_INTEGER_FORMAT, json_integer_value(pPassage));
  }
  json_t *j = json_stringn(b.z, b.n);
  buf_release(&b);
  return j;
}

/* A message "PREFIX_value" when web/messages.json has it, else the value. */
static const char *label_of(const char *zPrefix, const char *zValue, const char *zLang){
  if( zValue==0 ) return 0;
  char zKey[96];
  if( snprintf(zKey, sizeof zKey, "%s_%s", zPrefix, zValue)>=(int)sizeof zKey ) return zValue;
  const char *z = html_message(zKey, zLang);
  return z==zKey ? zValue : z;
}

/* Sets "period": "1 maart 2019 – 31 december 2021", "sinds ...", "tot ...",
** or "" (from o's from and to). */
static void set_period(json_t *o, const char *zLang){
  const char *zFrom = catalog_str(o, "from"), *zTo = catalog_str(o, "to");
  Buf b = BUF_INIT;
  if( zFrom && zTo ){
    pages_date(&b, zFrom, zLang);
    buf_puts(&b, " – ");
    pages_date(&b, zTo, zLang);
  }else if( zFrom || zTo ){
    buf_puts(&b, html_message(zFrom ? "period_since" : "period_until", zLang));
    buf_putc(&b, ' ');
    pages_date(&b, zFrom ? zFrom : zTo, zLang);
  }
  set_buf(o, "period", &b);
  buf_release(&b);
}

/* Sets "url" to zPrefix followed by the object's id. */
static void set_url(json_t *o, const char *zPrefix){
  json_int_t id = json_integer_value(json_object_get(o, "id"));
  char z[64];
  snprintf(z, sizeof z, "%s%" JSON_INTEGER_FORMAT, zPrefix, id);
  pages_set_str(o, "url", z);
}

static void ref_body(json_t *b){
  if( json_is_object(b) ) set_url(b, "/orgaan/");
}

static void ref_topic(json_t *t){
  if( json_is_object(t) ) set_url(t, "/onderwerp/");
}

/* A document reference: url, label (its title, else its file name),
** date_label, kind_label. */
static void ref_document(json_t *d, const char *zLang){
  if( !json_is_object(d) ) return;
  set_url(d, "/document/");
  const char *zTitle = catalog_str(d, "title");
  pages_set_str(d, "label", zTitle && zTitle[0] ? zTitle : catalog_str(d, "original_name"));
  pages_set_date(d, "date_label", catalog_str(d, "date"), zLang);
  pages_set_str(d, "kind_label", label_of("kind", catalog_str(d, "kind"), zLang));
}

/* Applies xRef to every element of the array o[zKey]. */
static void ref_each(json_t *o, const char *zKey, void (*xRef)(json_t*)){
  json_t *a = json_object_get(o, zKey);
  for(size_t i=0; i<json_array_size(a); i++) xRef(json_array_get(a, i));
}

static void ref_documents(json_t *o, const char *zKey, const char *zLang){
  json_t *a = json_object_get(o, zKey);
  for(size_t i=0; i<json_array_size(a); i++) ref_document(json_array_get(a, i), zLang);
}

/* A meeting reference: url, date_label, its bodies with their urls, and
** label ("BO Wonen, AO Wonen — 15 maart 2021"). */
static void ref_meeting(json_t *m, const char *zLang){
  if( !json_is_object(m) ) return;
  set_url(m, "/vergadering/");
  pages_set_date(m, "date_label", catalog_str(m, "date"), zLang);
  ref_each(m, "bodies", ref_body);
  Buf b = BUF_INIT;
  json_t *a = json_object_get(m, "bodies");
  for(size_t i=0; i<json_array_size(a); i++){
    const char *zName = catalog_str(json_array_get(a, i), "name");
    if( zName==0 ) continue;
    if( b.n ) buf_puts(&b, ", ");
    buf_puts(&b, zName);
  }
  if( b.n ) buf_puts(&b, " — ");
  pages_date(&b, catalog_str(m, "date"), zLang);
  set_buf(m, "label", &b);
  /* catalog_meetings() counts the documents: "1 document", "3 documenten" */
  json_t *pCount = json_object_get(m, "documents");
  if( json_is_integer(pCount) ){
    json_int_t n = json_integer_value(pCount);
    buf_appendf(&b, "%" JSON_INTEGER_FORMAT " %s", n,
                html_message(n==1 ? "documents_one" : "documents_count", zLang));
    set_buf(m, "documents_label", &b);
  }
  buf_release(&b);
}

static void ref_meetings(json_t *o, const char *zKey, const char *zLang){
  json_t *a = json_object_get(o, zKey);
  for(size_t i=0; i<json_array_size(a); i++) ref_meeting(json_array_get(a, i), zLang);
}

/* Splits the array o[zKey] of {from, to, current} into zKey_current and
** zKey_former, each with its period. */
static void split_current(json_t *o, const char *zKey, const char *zLang){
  json_t *aCur = json_array(), *aOld = json_array();
  json_t *a = json_object_get(o, zKey);
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *e = json_array_get(a, i);
    set_period(e, zLang);
    json_array_append(json_is_true(json_object_get(e, "current")) ? aCur : aOld, e);
  }
  char zName[64];
  snprintf(zName, sizeof zName, "%s_current", zKey);
  json_object_set_new(o, zName, aCur);
  pages_set_has(o, zName);
  snprintf(zName, sizeof zName, "%s_former", zKey);
  json_object_set_new(o, zName, aOld);
  pages_set_has(o, zName);
}

/* ------------------------------------------------------- search arguments */

static const char *const azSortName[] = { "relevance", "newest", "oldest" };

/* The filter values of facet k in a (year: none, it is from/to). */
static const char **facet_values(PagesArgs *a, SearchFacetKey k, int **ppn){
  switch( k ){
    case SEARCH_FACET_BODY: *ppn = &a->f.nBody; return a->f.azBody;
    case SEARCH_FACET_TOPIC: *ppn = &a->f.nTopic; return a->f.azTopic;
    case SEARCH_FACET_KIND: *ppn = &a->f.nKind; return a->f.azKind;
    case SEARCH_FACET_MUNICIPALITY: *ppn = &a->f.nMunicipality; return a->f.azMunicipality;
    default: *ppn = 0; return 0;
  }
}

int pages_args_read(PagesArgs *a, PagesArgFn xArgs, void *pCtx, Err *err){
  memset(a, 0, sizeof *a);
  const char *az[SEARCH_FILTER_MAX+1];
  if( xArgs(pCtx, "q", az, 1)==1 ) a->zQ = az[0];
  for(int k=0; k<SEARCH_NFACET; k++){
    int *pn;
    const char **azTo = facet_values(a, (SearchFacetKey)k, &pn);
    if( azTo==0 ) continue;
    int n = xArgs(pCtx, search_facet_name((SearchFacetKey)k), az, SEARCH_FILTER_MAX+1);
    for(int i=0; i<n; i++){
      if( az[i]==0 || az[i][0]==0 ) continue;
      if( *pn==SEARCH_FILTER_MAX ){
        return err_set(err, "at most %d values of %s", SEARCH_FILTER_MAX,
                       search_facet_name((SearchFacetKey)k));
      }
      azTo[(*pn)++] = az[i];
    }
  }
  if( xArgs(pCtx, "from", az, 1)==1 && az[0] && az[0][0] ) a->f.zFrom = az[0];
  if( xArgs(pCtx, "to", az, 1)==1 && az[0] && az[0][0] ) a->f.zTo = az[0];
  if( xArgs(pCtx, "sort", az, 1)==1 && az[0] && az[0][0] ){
    int s = search_sort_parse(az[0]);
    if( s<0 ) return err_set(err, "unknown sort \"%.40s\" (use relevance, newest or oldest)", az[0]);
    a->sort = (SearchSort)s;
  }
  if( xArgs(pCtx, "offset", az, 1)==1 && az[0] && az[0][0] ){
    const char *z = az[0];
    size_t n = strspn(z, "0123456789");
    if( z[n]!=0 || n>9 ) return err_set(err, "bad offset \"%.40s\" (a number of results)", z);
    int iOff = atoi(z);
    a->nOffset = iOff - iOff%PAGES_PER_PAGE;
  }
  return 0;
}

int pages_args_any(const PagesArgs *a){
  return (a->zQ && a->zQ[strspn(a->zQ, " \t\r\n")]) || a->f.nBody || a->f.nTopic
      || a->f.nKind || a->f.nMunicipality || a->f.zFrom || a->f.zTo;
}

void pages_search_opts(const PagesArgs *a, SearchOpts *o){
  memset(o, 0, sizeof *o);
  o->zQuery = a->zQ;
  o->filter = a->f;
  o->sort = a->sort;
  o->nLimit = PAGES_PER_PAGE;
  o->nOffset = a->nOffset;
}

void pages_search_url(Buf *out, const PagesArgs *a){
  int n = 0;
  PagesArgs c = *a;
  buf_puts(out, "/zoeken");
  html_url_arg(out, &n, "q", a->zQ);
  for(int k=0; k<SEARCH_NFACET; k++){
    int *pn;
    const char **az = facet_values(&c, (SearchFacetKey)k, &pn);
    for(int i=0; az && i<*pn; i++) html_url_arg(out, &n, search_facet_name((SearchFacetKey)k), az[i]);
  }
  html_url_arg(out, &n, "from", a->f.zFrom);
  html_url_arg(out, &n, "to", a->f.zTo);
  if( a->sort!=SEARCH_RELEVANCE ) html_url_arg(out, &n, "sort", azSortName[a->sort]);
  if( a->nOffset>0 ){
    char z[16];
    snprintf(z, sizeof z, "%d", a->nOffset);
    html_url_arg(out, &n, "offset", z);
  }
}

int pages_facet_active(const PagesArgs *a, SearchFacetKey k, const char *zValue){
  if( zValue==0 ) return 0;
  if( k==SEARCH_FACET_YEAR ){
    return a->f.zFrom && a->f.zTo && strcmp(a->f.zFrom, zValue)==0
        && strcmp(a->f.zTo, zValue)==0;
  }
  int *pn;
  const char **az = facet_values((PagesArgs*)a, k, &pn);
  for(int i=0; az && i<*pn; i++){
    if( strcasecmp(az[i], zValue)==0 ) return 1;
  }
  return 0;
}

void pages_facet_url(Buf *out, const PagesArgs *a, SearchFacetKey k, const char *zValue){
  PagesArgs c = *a;
  c.nOffset = 0;
  if( k==SEARCH_FACET_YEAR ){
    int bOn = pages_facet_active(a, k, zValue);
    c.f.zFrom = c.f.zTo = bOn ? 0 : zValue;
  }else{
    int *pn;
    const char **az = facet_values(&c, k, &pn);
    int j = 0;
    for(int i=0; i<*pn; i++){
      if( strcasecmp(az[i], zValue)!=0 ) az[j++] = az[i];
    }
    if( j==*pn && j<SEARCH_FILTER_MAX ) az[j++] = zValue;
    *pn = j;
  }
  pages_search_url(out, &c);
}

/* ------------------------------------------------------------ search page */

/* The URL of a's search at offset iOffset. */
static json_t *page_url(const PagesArgs *a, long long iOffset){
  PagesArgs c = *a;
  c.nOffset = (int)iOffset;
  Buf b = BUF_INIT;
  pages_search_url(&b, &c);
  json_t *j = json_stringn(b.z, b.n);
  buf_release(&b);
  return j;
}

json_t *pages_pagination(const PagesArgs *a, long long nTotal){
  const long long L = PAGES_PER_PAGE;
  long long nPage = (nTotal+L-1)/L;
  long long iCur = a->nOffset/L;
  if( nPage<=1 && iCur==0 ) return 0;
  json_t *p = json_object();
  if( iCur>0 ){
    long long iPrev = iCur-1 < nPage-1 ? iCur-1 : nPage-1;
    json_object_set_new(p, "prev_url", page_url(a, (iPrev>0 ? iPrev : 0)*L));
  }
  if( iCur+1<nPage ) json_object_set_new(p, "next_url", page_url(a, (iCur+1)*L));
  json_t *aPage = json_array();
  long long iLast = -1;
  long long iMid = iCur<nPage ? iCur : nPage-1;   /* past the end: around the last */
  for(long long i=0; i<nPage; i++){
    if( i!=0 && i!=nPage-1 && (i<iMid-2 || i>iMid+2) ) continue;
    if( iLast>=0 && i>iLast+1 ) json_array_append_new(aPage, json_pack("{sb}", "gap", 1));
    json_t *e = json_object();
    json_object_set_new(e, "number", json_integer(i+1));
    json_object_set_new(e, "url", page_url(a, i*L));
    json_object_set_new(e, "current", json_boolean(i==iCur));
    json_array_append_new(aPage, e);
    iLast = i;
  }
  json_object_set_new(p, "pages", aPage);
  return p;
}

/* The hidden fields of the search form that keep a's filters and sort. */
static json_t *hidden_fields(const PagesArgs *a){
  json_t *h = json_array();
  PagesArgs c = *a;
  for(int k=0; k<SEARCH_NFACET; k++){
    int *pn;
    const char **az = facet_values(&c, (SearchFacetKey)k, &pn);
    for(int i=0; az && i<*pn; i++){
      json_array_append_new(h, json_pack("{ssss}", "name", search_facet_name((SearchFacetKey)k),
                                         "value", az[i]));
    }
  }
  if( a->f.zFrom ) json_array_append_new(h, json_pack("{ssss}", "name", "from", "value", a->f.zFrom));
  if( a->f.zTo ) json_array_append_new(h, json_pack("{ssss}", "name", "to", "value", a->f.zTo));
  if( a->sort!=SEARCH_RELEVANCE ){
    json_array_append_new(h, json_pack("{ssss}", "name", "sort", "value", azSortName[a->sort]));
  }
  return h;
}

/* The filters in use, each with a link that removes it. */
static json_t *active_filters(const PagesArgs *a, const char *zLang){
  json_t *arr = json_array();
  Buf b = BUF_INIT;
  PagesArgs c = *a;
  for(int k=0; k<SEARCH_NFACET; k++){
    int *pn;
    const char **az = facet_values(&c, (SearchFacetKey)k, &pn);
    for(int i=0; az && i<*pn; i++){
      char zKey[32];
      snprintf(zKey, sizeof zKey, "facet_%s", search_facet_name((SearchFacetKey)k));
      pages_facet_url(&b, a, (SearchFacetKey)k, az[i]);
      json_t *e = json_object();
      pages_set_str(e, "label", html_message(zKey, zLang));
      pages_set_str(e, "value", k==SEARCH_FACET_KIND ? label_of("kind", az[i], zLang) : az[i]);
      set_buf(e, "url", &b);
      json_array_append_new(arr, e);
    }
  }
  for(int i=0; i<2; i++){
    const char *z = i ? a->f.zTo : a->f.zFrom;
    if( z==0 ) continue;
    c = *a;
    c.nOffset = 0;
    if( i ) c.f.zTo = 0; else c.f.zFrom = 0;
    pages_search_url(&b, &c);
    json_t *e = json_object();
    pages_set_str(e, "label", html_message(i ? "filter_to" : "filter_from", zLang));
    pages_set_date(e, "value", z, zLang);
    set_buf(e, "url", &b);
    json_array_append_new(arr, e);
  }
  buf_release(&b);
  return arr;
}

/* res.facets as a list for the template: [{name, label, values: [{label,
** count, url, active}]}], facets without values left out. */
static json_t *facet_list(const PagesArgs *a, const json_t *facets, const char *zLang){
  json_t *out = json_array();
  Buf b = BUF_INIT;
  for(int k=0; k<SEARCH_NFACET; k++){
    const char *zName = search_facet_name((SearchFacetKey)k);
    json_t *aIn = json_object_get(facets, zName);
    if( json_array_size(aIn)==0 ) continue;
    json_t *aVal = json_array();
    int nShown = 0;
    for(size_t i=0; i<json_array_size(aIn); i++){
      json_t *v = json_array_get(aIn, i);
      const char *zValue = catalog_str(v, "value");
      int bActive = pages_facet_active(a, (SearchFacetKey)k, zValue);
      if( nShown>=FACET_SHOWN && !bActive ) continue;
      nShown++;
      json_t *e = json_object();
      if( zValue==0 ){
        pages_set_str(e, "label", html_message("facet_none", zLang));
        pages_set_str(e, "url", 0);
      }else{
        pages_set_str(e, "label", k==SEARCH_FACET_KIND ? label_of("kind", zValue, zLang) : zValue);
        pages_facet_url(&b, a, (SearchFacetKey)k, zValue);
        set_buf(e, "url", &b);
      }
      json_object_set(e, "count", json_object_get(v, "count"));
      json_object_set_new(e, "active", json_boolean(bActive));
      json_array_append_new(aVal, e);
    }
    char zKey[32];
    snprintf(zKey, sizeof zKey, "facet_%s", zName);
    json_t *f = json_object();
    pages_set_str(f, "name", zName);
    pages_set_str(f, "label", html_message(zKey, zLang));
    json_object_set_new(f, "values", aVal);
    json_array_append_new(out, f);
  }
  buf_release(&b);
  return out;
}

static json_t *sort_links(const PagesArgs *a, const char *zLang){
  json_t *arr = json_array();
  Buf b = BUF_INIT;
  for(int s=0; s<3; s++){
    PagesArgs c = *a;
    c.sort = (SearchSort)s;
    c.nOffset = 0;
    pages_search_url(&b, &c);
    char zKey[32];
    snprintf(zKey, sizeof zKey, "sort_%s", azSortName[s]);
    json_t *e = json_object();
    pages_set_str(e, "label", html_message(zKey, zLang));
    set_buf(e, "url", &b);
    json_object_set_new(e, "current", json_boolean(a->sort==(SearchSort)s));
    json_array_append_new(arr, e);
  }
  buf_release(&b);
  return arr;
}

/* "/document/ID?q=..." */
static void document_url(Buf *out, json_int_t id, const char *zQ){
  buf_appendf(out, "/document/%" JSON_INTEGER_FORMAT, id);
  int n = 0;
  html_url_arg(out, &n, "q", zQ);
}

json_t *pages_search_ctx(const PagesArgs *a, json_t *res, const char *zErr, const char *zLang){
  json_t *ctx = res ? res : json_object();
  pages_set_str(ctx, "q", a->zQ ? a->zQ : "");
  json_object_set_new(ctx, "hidden", hidden_fields(a));
  json_object_set_new(ctx, "filters", active_filters(a, zLang));
  pages_set_has(ctx, "filters");
  if( zErr ){
    pages_set_str(ctx, "error", zErr);
    return ctx;
  }
  if( res==0 ) return ctx;
  json_object_set_new(ctx, "searched", json_true());
  Buf b = BUF_INIT;
  json_t *aRes = json_object_get(ctx, "results");
  for(size_t i=0; i<json_array_size(aRes); i++){
    json_t *d = json_array_get(aRes, i);
    ref_document(d, zLang);
    document_url(&b, json_integer_value(json_object_get(d, "id")), a->zQ);
    set_buf(d, "url", &b);
    json_t *aPas = json_object_get(d, "passages");
    for(size_t k=0; k<json_array_size(aPas); k++){
      json_t *p = json_array_get(aPas, k);
      /* search_json() made the snippet HTML: escaped text with <mark> */
      json_object_set(p, "snippet_html", json_object_get(p, "snippet"));
    }
    set_joined(d, "missing", " ");
  }
  set_joined(ctx, "missing", " ");
  json_int_t nTotal = json_integer_value(json_object_get(ctx, "total"));
  if( json_array_size(aRes) ){
    json_object_set_new(ctx, "range_from", json_integer(a->nOffset+1));
    json_object_set_new(ctx, "range_to", json_integer(a->nOffset+(json_int_t)json_array_size(aRes)));
  }else if( nTotal>0 ){
    json_object_set_new(ctx, "past_end", json_true());
    json_object_set_new(ctx, "first_url", page_url(a, 0));
  }
  json_object_set_new(ctx, "facet_list", facet_list(a, json_object_get(ctx, "facets"), zLang));
  pages_set_has(ctx, "facet_list");
  json_object_set_new(ctx, "sort_links", sort_links(a, zLang));
  json_t *pag = pages_pagination(a, nTotal);
  if( pag ) json_object_set_new(ctx, "pagination", pag);
  const char *zSug = catalog_str(ctx, "suggestion");
  if( zSug ){
    PagesArgs c = *a;
    c.zQ = zSug;
    c.nOffset = 0;
    pages_search_url(&b, &c);
    set_buf(ctx, "suggestion_url", &b);
    /* corrected: the suggestion is the query that ran, not an offer */
    if( json_object_get(ctx, "corrected") ) json_object_set_new(ctx, "ran_corrected", json_true());
    else json_object_set_new(ctx, "did_you_mean", json_true());
  }
  buf_release(&b);
  return ctx;
}

/* ---------------------------------------------------------- document page */

/* The cells of one line of a table passage (tab-separated), as
** [{cell_html}]. */
static json_t *table_cells(const char *z, size_t n){
  json_t *a = json_array();
  size_t i = 0;
  do{
    const char *zTab = memchr(z+i, '\t', n-i);
    size_t j = zTab ? (size_t)(zTab-z) : n;
    json_array_append_new(a, json_pack("{ss%}", "cell_html", z+i, j-i));
    i = j+1;
  }while( i<=n );
  return a;
}

/* html (escaped and marked text, lines separated by '\n') as blocks for
** the template: a paragraph per non-empty line, [{p_html}]; or, for a
** table passage of two lines or more, one table with its first line as
** the header: [{table: {number, head: [{cell_html}], rows: [{cells:
** [...]}]}}], numbered from *pnTable on. */
static json_t *text_blocks(const char *z, size_t n, int bTable, int *pnTable){
  json_t *aBlock = json_array();
  json_t *pTable = 0;
  if( bTable && memchr(z, '\n', n) && memchr(z, '\t', n) ){
    /* numbered: each table is a region, and regions need distinct names */
    pTable = json_pack("{s[]s[]si}", "head", "rows", "number", ++*pnTable);
    json_array_append_new(aBlock, json_pack("{so}", "table", pTable));
  }
  size_t i = 0;
  while( i<n ){
    const char *zNl = memchr(z+i, '\n', n-i);
    size_t j = zNl ? (size_t)(zNl-z) : n;
    if( pTable && i==0 ){
      json_object_set_new(pTable, "head", table_cells(z, j));
    }else if( pTable ){
      json_array_append_new(json_object_get(pTable, "rows"),
                            json_pack("{so}", "cells", table_cells(z+i, j-i)));
    }else if( j>i ){
      json_array_append_new(aBlock, json_pack("{ss%}", "p_html", z+i, j-i));
    }
    i = j+1;
  }
  return aBlock;
}

static void mark_none(void *pCtx, const char *z, Buf *out){
  html_escape(out, z);
}

/* The segments of a heading path "A > B > C". */
static int heading_split(const char *z, const char **az, size_t *an, int nMax){
  int n = 0;
  while( z && *z && n<nMax ){
    const char *zSep = strstr(z, " > ");
    size_t len = zSep ? (size_t)(zSep-z) : strlen(z);
    az[n] = z;
    an[n++] = len;
    z = zSep ? zSep+3 : 0;
  }
  return n;
}

/* Is a passage a table?  Its kind says so, except for a table that holds
** decisions: its kind is "decision" (search ranks it higher), and its
** rows are lines whose cells are separated by tabs. */
static int is_table(const char *zKind, const char *zText){
  if( zKind && strcmp(zKind, "table")==0 ) return 1;
  if( zKind==0 || strcmp(zKind, "decision")!=0 || zText==0 || zText[0]==0 ) return 0;
  for(const char *z=zText; *z; ){
    size_t n = strcspn(z, "\n");
    if( memchr(z, '\t', n)==0 ) return 0;
    z += n + (z[n]=='\n');
  }
  return 1;
}

/* The text as sections: [{id, kind, headings: [{level, text}], blocks}], a
** heading where the passage's heading path differs from the one before
** (h2 for its first level, h3 for the second, ...).  A first level that
** is the document's title (zTitle), already the page's h1, is left out. */
static json_t *document_sections(const json_t *aPassage, const char *zTitle,
                                 PagesMarkFn xMark, void *pMark){
  enum { DEPTH = 10 };
  json_t *out = json_array();
  const char *azPrev[DEPTH];
  size_t anPrev[DEPTH];
  int nPrev = 0;
  Buf marked = BUF_INIT;
  int nTable = 0;
  for(size_t i=0; i<json_array_size(aPassage); i++){
    const json_t *p = json_array_get(aPassage, i);
    const char *az[DEPTH];
    size_t an[DEPTH];
    int n = heading_split(catalog_str(p, "heading"), az, an, DEPTH);
    if( n>0 && zTitle && strlen(zTitle)==an[0] && memcmp(zTitle, az[0], an[0])==0 ){
      memmove(az, az+1, (n-1)*sizeof az[0]);
      memmove(an, an+1, (n-1)*sizeof an[0]);
      n--;
    }
    int iSame = 0;
    while( iSame<n && iSame<nPrev && an[iSame]==anPrev[iSame]
        && memcmp(az[iSame], azPrev[iSame], an[iSame])==0 ) iSame++;
    json_t *aHead = json_array();
    for(int k=iSame; k<n; k++){
      json_t *h = json_object();
      json_object_set_new(h, "level", json_integer(k+2<6 ? k+2 : 6));
      json_object_set_new(h, "text", json_stringn(az[k], an[k]));
      json_array_append_new(aHead, h);
    }
    memcpy(azPrev, az, sizeof az);
    memcpy(anPrev, an, sizeof an);
    nPrev = n;
    buf_reset(&marked);
    const char *zText = catalog_str(p, "text");
    const char *zKind = catalog_str(p, "kind");
    xMark(pMark, zText ? zText : "", &marked);
    json_t *s = json_object();
    json_object_set(s, "id", json_object_get(p, "id"));
    pages_set_str(s, "kind", zKind ? zKind : "text");
    json_object_set_new(s, "headings", aHead);
    json_object_set_new(s, "blocks", text_blocks(marked.z, marked.n, is_table(zKind, zText),
                                                 &nTable));
    json_array_append_new(out, s);
  }
  buf_release(&marked);
  return out;
}

/* A row of the metadata table; nothing when zValue is NULL or "". */
static void meta_row(json_t *aRow, const char *zKey, const char *zValue, const char *zUrl,
                     const char *zLang){
  if( zValue==0 || zValue[0]==0 ) return;
  json_t *e = json_object();
  pages_set_str(e, "label", html_message(zKey, zLang));
  pages_set_str(e, "value", zValue);
  pages_set_str(e, "url", zUrl);
  json_array_append_new(aRow, e);
}

/* "12,3 kB" (nl) or "12.3 kB" (en). */
static void size_label(Buf *out, json_int_t n, const char *zLang){
  static const char *azUnit[] = { "kB", "MB", "GB" };
  if( n<1000 ){
    buf_appendf(out, "%" JSON_INTEGER_FORMAT " %s", n, html_message("bytes", zLang));
    return;
  }
  double v = (double)n;
  int u = -1;
  while( v>=1000 && u<2 ){ v /= 1000; u++; }
  size_t i0 = out->n;
  buf_appendf(out, "%.1f %s", v, azUnit[u]);
  if( !is_en(zLang) ){
    char *zDot = strchr(out->z+i0, '.');
    if( zDot ) *zDot = ',';
  }
}

json_t *pages_document_ctx(json_t *doc, const char *zQ, PagesMarkFn xMark, void *pMark,
                           const char *zLang){
  json_t *ctx = json_object();
  json_object_set_new(ctx, "doc", doc);
  json_int_t id = json_integer_value(json_object_get(doc, "id"));
  ref_document(doc, zLang);
  pages_set_str(ctx, "title", catalog_str(doc, "label"));
  Buf b = BUF_INIT;
  buf_appendf(&b, "/api/documents/%" JSON_INTEGER_FORMAT "/original", id);
  set_buf(ctx, "download_url", &b);

  json_t *body = json_object_get(doc, "body"), *topic = json_object_get(doc, "topic");
  json_t *meeting = json_object_get(doc, "meeting");
  ref_body(body);
  ref_topic(topic);
  ref_meeting(meeting, zLang);
  ref_document(json_object_get(doc, "version_of"), zLang);
  ref_documents(doc, "versions", zLang);
  ref_documents(doc, "meeting_documents", zLang);

  json_t *aRow = json_array();
  meta_row(aRow, "meta_date", catalog_str(doc, "date_label"), 0, zLang);
  meta_row(aRow, "meta_body", catalog_str(body, "name"), catalog_str(body, "url"), zLang);
  meta_row(aRow, "meta_topic", catalog_str(topic, "name"), catalog_str(topic, "url"), zLang);
  meta_row(aRow, "meta_meeting", catalog_str(meeting, "label"), catalog_str(meeting, "url"), zLang);
  meta_row(aRow, "meta_kind", catalog_str(doc, "kind_label"), 0, zLang);
  meta_row(aRow, "meta_status", label_of("status", catalog_str(doc, "status"), zLang), 0, zLang);
  set_joined(doc, "municipalities", ", ");
  meta_row(aRow, "meta_municipalities", catalog_str(doc, "municipalities_text"), 0, zLang);
  meta_row(aRow, "meta_original_name", catalog_str(doc, "original_name"), 0, zLang);
  const char *zFormat = catalog_str(doc, "format");
  if( zFormat ){
    for(const char *z=zFormat; *z; z++) buf_putc(&b, *z>='a' && *z<='z' ? *z-'a'+'A' : *z);
    buf_puts(&b, ", ");
  }
  size_label(&b, json_integer_value(json_object_get(doc, "size")), zLang);
  meta_row(aRow, "meta_file", b.z, 0, zLang);
  buf_reset(&b);
  const char *zAt = catalog_str(doc, "imported_at"), *zBy = catalog_str(doc, "imported_by");
  if( zAt ){
    buf_puts(&b, zAt);
    if( zBy && zBy[0] ) buf_appendf(&b, " (%s)", zBy);
  }
  meta_row(aRow, "meta_imported", b.z, 0, zLang);
  buf_reset(&b);
  json_t *pOf = json_object_get(doc, "version_of");
  meta_row(aRow, "meta_version_of", catalog_str(pOf, "label"), catalog_str(pOf, "url"), zLang);
  meta_row(aRow, "meta_sha256", catalog_str(doc, "sha256"), 0, zLang);
  json_object_set_new(ctx, "rows", aRow);

  /* the file's own properties (author, dates of the office program) */
  json_t *aProp = json_array();
  const char *zKey;
  json_t *v;
  json_object_foreach(json_object_get(doc, "metadata"), zKey, v){
    if( json_is_string(v) && json_string_length(v) ){
      json_array_append_new(aProp, json_pack("{sssO}", "key", zKey, "value", v));
    }else if( json_is_number(v) ){
      char z[32];
      if( json_is_integer(v) ) snprintf(z, sizeof z, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
      else snprintf(z, sizeof z, "%g", json_real_value(v));
      json_array_append_new(aProp, json_pack("{ssss}", "key", zKey, "value", z));
    }
  }
  json_object_set_new(ctx, "properties", aProp);
  pages_set_has(ctx, "properties");
  pages_set_has(doc, "versions");
  pages_set_has(doc, "meeting_documents");

  json_object_set_new(ctx, "sections",
                      document_sections(json_object_get(doc, "passages"), catalog_str(doc, "title"),
                                        xMark ? xMark : mark_none, pMark));
  if( zQ && zQ[0] ){
    PagesArgs a;
    memset(&a, 0, sizeof a);
    a.zQ = zQ;
    pages_set_str(ctx, "q", zQ);
    pages_search_url(&b, &a);
    set_buf(ctx, "search_url", &b);
  }
  buf_release(&b);
  return ctx;
}

/* ------------------------------------------- what was recognised */

/* Does organisation zPersonOrg (of a person) name the organisation an
** attendee's zOrg says, "gemeente Soest" being Soest? */
static int org_same(const char *zPersonOrg, const char *zOrg){
  if( zPersonOrg==0 || zOrg==0 || zOrg[0]==0 ) return 0;
  if( strncasecmp(zOrg, "gemeente ", 9)==0 ) zOrg += 9;
  return strcasecmp(zPersonOrg, zOrg)==0;
}

/* "name (organisation)", or the name alone. */
static void set_name_org(json_t *o, const char *zKey, const char *zName, const char *zOrg){
  Buf b = BUF_INIT;
  buf_puts(&b, zName ? zName : "");
  if( zOrg && zOrg[0] ) buf_appendf(&b, " (%s)", zOrg);
  set_buf(o, zKey, &b);
  buf_release(&b);
}

json_t *pages_person_groups(const json_t *aPerson, const char *zOrg, long long iSelected,
                            const char *zLang){
  json_t *aGroup = json_array();
  for(int bAll=0; bAll<2; bAll++){
    json_t *aOpt = json_array();
    for(size_t i=0; i<json_array_size(aPerson); i++){
      const json_t *p = json_array_get(aPerson, i);
      const char *zPOrg = catalog_str(p, "organisation");
      if( !bAll && !org_same(zPOrg, zOrg) ) continue;
      json_int_t id = json_integer_value(json_object_get(p, "id"));
      json_t *e = json_object();
      json_object_set_new(e, "id", json_integer(id));
      set_name_org(e, "label", catalog_str(p, "name"), zPOrg);
      json_object_set_new(e, "selected", json_boolean(bAll && id==iSelected));
      json_array_append_new(aOpt, e);
    }
    if( json_array_size(aOpt)==0 ){
      json_decref(aOpt);
      continue;
    }
    json_t *g = json_object();
    if( bAll ){
      pages_set_str(g, "label", html_message("rec_all_persons", zLang));
    }else{
      Buf b = BUF_INIT;
      buf_appendf(&b, "%s %s", html_message("rec_persons_of", zLang), zOrg);
      set_buf(g, "label", &b);
      buf_release(&b);
    }
    json_object_set_new(g, "options", aOpt);
    json_array_append_new(aGroup, g);
  }
  return aGroup;
}

/* Options [{id, label, selected}] from the array of {id, label} objects,
** the one whose id is the text zSelected marked. */
static json_t *id_options(const json_t *a, const char *zSelected){
  json_t *out = json_array();
  for(size_t i=0; i<json_array_size(a); i++){
    const json_t *x = json_array_get(a, i);
    json_int_t id = json_integer_value(json_object_get(x, "id"));
    char z[32];
    snprintf(z, sizeof z, "%" JSON_INTEGER_FORMAT, id);
    json_array_append_new(out, json_pack("{sIsOsb}", "id", id, "label", json_object_get(x, "label"),
                                         "selected", zSelected && strcmp(z, zSelected)==0));
  }
  return out;
}

json_t *pages_recognised_ctx(json_t *rec, json_t *aPerson, long long iDoc,
                             const json_t *pForm, const char *zLang){
  int bEdit = aPerson!=0;
  char z[96];
  json_object_set_new(rec, "can_edit", json_boolean(bEdit));
  static const char *const azList[] = { "agenda_items", "attendees", "decisions", "actions",
                                        "commitments" };
  int bAny = 0;
  for(size_t i=0; i<sizeof azList/sizeof azList[0]; i++){
    pages_set_has(rec, azList[i]);
    bAny |= json_array_size(json_object_get(rec, azList[i]))>0;
  }
  json_object_set_new(rec, "has_any", json_boolean(bAny));
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(rec, "attendees"), i, x){
    const char *zOrg = catalog_str(x, "organisation");
    set_name_org(x, "name_label", catalog_str(x, "name"), zOrg);
    pages_set_str(x, "role_label", label_of("rec_role", catalog_str(x, "role"), zLang));
    json_t *p = json_object_get(x, "person");
    if( json_is_object(p) ) set_name_org(x, "person_label", catalog_str(p, "name"), catalog_str(p, "organisation"));
    else pages_set_str(x, "person_label", 0);
    if( bEdit ){
      json_int_t id = json_integer_value(json_object_get(x, "id"));
      snprintf(z, sizeof z, "/document/%lld/aanwezigen/%" JSON_INTEGER_FORMAT "/persoon", iDoc, id);
      pages_set_str(x, "person_action", z);
      json_object_set_new(x, "groups", pages_person_groups(aPerson, zOrg,
                          json_integer_value(json_object_get(p, "id")), zLang));
    }
  }
  json_array_foreach(json_object_get(rec, "decisions"), i, x){
    json_int_t id = json_integer_value(json_object_get(x, "id"));
    int bRemoved = json_is_true(json_object_get(x, "removed"));
    const char *zSource = catalog_str(x, "source");
    snprintf(z, sizeof z, "/besluit/%" JSON_INTEGER_FORMAT, id);
    pages_set_str(x, "url", z);
    json_int_t iPas = json_integer_value(json_object_get(x, "passage_id"));
    if( iPas ){
      snprintf(z, sizeof z, "#p%" JSON_INTEGER_FORMAT, iPas);
      pages_set_str(x, "passage_url", z);
    }
    json_object_set_new(x, "staff", json_boolean(zSource && strcmp(zSource, "staff")==0));
    pages_set_str(x, "kind_label", html_message(json_is_true(json_object_get(x, "proposed"))
                                          ? "rec_proposed" : "rec_taken", zLang));
    if( bEdit ){
      snprintf(z, sizeof z, "/document/%lld/besluiten/%" JSON_INTEGER_FORMAT "/geen-besluit",
               iDoc, id);
      pages_set_str(x, "removed_action", z);
      pages_set_str(x, "removed_value", bRemoved ? "0" : "1");
      pages_set_str(x, "removed_button", html_message(bRemoved ? "rec_restore" : "rec_remove", zLang));
      snprintf(z, sizeof z, "/document/%lld/besluiten/%" JSON_INTEGER_FORMAT "/verwijderen",
               iDoc, id);
      pages_set_str(x, "delete_action", z);
    }
  }
  json_array_foreach(json_object_get(rec, "actions"), i, x){
    json_int_t iPas = json_integer_value(json_object_get(x, "passage_id"));
    if( iPas ){
      snprintf(z, sizeof z, "#p%" JSON_INTEGER_FORMAT, iPas);
      pages_set_str(x, "passage_url", z);
    }
  }
  if( bEdit ){
    snprintf(z, sizeof z, "/document/%lld/besluiten", iDoc);
    pages_set_str(rec, "add_action", z);
    snprintf(z, sizeof z, "/document/%lld/opnieuw-lezen", iDoc);
    pages_set_str(rec, "reread_action", z);
    json_object_set_new(rec, "passage_options",
                        id_options(json_object_get(rec, "passages"), catalog_str(pForm, "passage")));
    json_object_set_new(rec, "item_options",
                        id_options(json_object_get(rec, "agenda_items"), catalog_str(pForm, "agenda_item")));
    const char *zProposed = catalog_str(pForm, "proposed");
    json_object_set_new(rec, "form_proposed", json_boolean(zProposed && strcmp(zProposed, "1")==0));
    const char *zText = catalog_str(pForm, "text");
    pages_set_str(rec, "form_text", zText ? zText : "");
  }
  json_object_del(rec, "passages");
  json_decref(aPerson);
  return rec;
}

/* ------------------------------------------- meeting, body, topic, lists */

/* How the links of meetings o[zKey] were made (meeting_prepares.how), in
** words: "how_label". */
static void how_labels(json_t *o, const char *zKey, const char *zLang){
  json_t *a = json_object_get(o, zKey);
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *m = json_array_get(a, i);
    pages_set_str(m, "how_label", label_of("prepares_how", catalog_str(m, "how"), zLang));
  }
}

json_t *pages_meeting_ctx(json_t *m, const char *zLang){
  ref_meeting(m, zLang);
  ref_documents(m, "documents", zLang);
  ref_meetings(m, "prepared_by", zLang);
  ref_meetings(m, "prepares", zLang);
  how_labels(m, "prepared_by", zLang);
  how_labels(m, "prepares", zLang);
  json_object_set_new(m, "prepares_none", json_boolean(catalog_str(m, "prepares_by")
                      && json_array_size(json_object_get(m, "prepares"))==0));
  pages_set_has(m, "documents");
  pages_set_has(m, "prepared_by");
  pages_set_has(m, "prepares");
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s %s", html_message("meeting", zLang), catalog_str(m, "label"));
  set_buf(m, "title", &b);
  buf_release(&b);
  return m;
}

json_t *pages_body_ctx(json_t *b, const char *zLang){
  ref_topic(json_object_get(b, "topic"));
  ref_body(json_object_get(b, "prepares"));
  ref_each(b, "prepared_by", ref_body);
  pages_set_str(b, "kind_label", label_of("body_kind", catalog_str(b, "kind"), zLang));
  split_current(b, "members", zLang);
  pages_set_has(b, "prepared_by");
  pages_set_has(b, "years");
  json_t *aYear = json_object_get(b, "years");
  for(size_t i=0; i<json_array_size(aYear); i++){
    ref_meetings(json_array_get(aYear, i), "meetings", zLang);
  }
  pages_set_str(b, "title", catalog_str(b, "name"));
  return b;
}

json_t *pages_topic_ctx(json_t *t, const char *zLang){
  ref_each(t, "bodies", ref_body);
  pages_set_str(t, "kind_label", label_of("topic_kind", catalog_str(t, "kind"), zLang));
  set_period(t, zLang);
  split_current(t, "participants", zLang);
  split_current(t, "portfolio_holders", zLang);
  pages_set_has(t, "bodies");
  pages_set_has(t, "years");
  json_t *aYear = json_object_get(t, "years");
  for(size_t i=0; i<json_array_size(aYear); i++){
    ref_documents(json_array_get(aYear, i), "documents", zLang);
  }
  pages_set_str(t, "title", catalog_str(t, "name"));
  return t;
}

json_t *pages_home_ctx(json_t *meetings, json_t *stats, const char *zLang){
  json_t *ctx = json_object();
  if( meetings ){
    ref_meetings(meetings, "meetings", zLang);
    pages_set_has(meetings, "meetings");
    json_object_set_new(ctx, "recent", meetings);
  }
  if( stats ) json_object_set_new(ctx, "stats", stats);
  return ctx;
}

json_t *pages_bodies_ctx(json_t *bodies, const char *zLang){
  /* grouped by kind, in the order catalog_bodies() gives */
  json_t *aGroup = json_array(), *g = 0;
  const char *zKind = 0;
  for(size_t i=0; i<json_array_size(bodies); i++){
    json_t *b = json_array_get(bodies, i);
    ref_body(b);
    ref_topic(json_object_get(b, "topic"));
    const char *z = catalog_str(b, "kind");
    if( z==0 ) z = "other";
    if( g==0 || strcmp(z, zKind)!=0 ){
      g = json_object();
      pages_set_str(g, "kind_label", label_of("body_kind", z, zLang));
      json_object_set_new(g, "bodies", json_array());
      json_array_append_new(aGroup, g);
      zKind = z;
    }
    json_array_append(json_object_get(g, "bodies"), b);
  }
  json_t *ctx = json_object();
  json_object_set_new(ctx, "groups", aGroup);
  pages_set_has(ctx, "groups");
  json_decref(bodies);
  return ctx;
}

json_t *pages_topics_ctx(json_t *topics, const char *zLang){
  for(size_t i=0; i<json_array_size(topics); i++){
    json_t *t = json_array_get(topics, i);
    ref_topic(t);
    pages_set_str(t, "kind_label", label_of("topic_kind", catalog_str(t, "kind"), zLang));
    set_period(t, zLang);
  }
  json_t *ctx = json_object();
  json_object_set_new(ctx, "topics", topics ? topics : json_array());
  pages_set_has(ctx, "topics");
  return ctx;
}

json_t *pages_meetings_ctx(json_t *meetings, int nOffset, const char *zLang){
  ref_meetings(meetings, "meetings", zLang);
  pages_set_has(meetings, "meetings");
  json_int_t nTotal = json_integer_value(json_object_get(meetings, "total"));
  char z[64];
  if( nOffset>0 ){
    snprintf(z, sizeof z, "/vergadering?offset=%d", nOffset>PAGES_MEETINGS ? nOffset-PAGES_MEETINGS : 0);
    pages_set_str(meetings, "prev_url", z);
  }
  if( nOffset+PAGES_MEETINGS<nTotal ){
    snprintf(z, sizeof z, "/vergadering?offset=%d", nOffset+PAGES_MEETINGS);
    pages_set_str(meetings, "next_url", z);
  }
  json_object_set_new(meetings, "range_from", json_integer(nOffset+1));
  json_object_set_new(meetings, "range_to",
                      json_integer(nOffset+(json_int_t)json_array_size(json_object_get(meetings, "meetings"))));
  return meetings;
}

/* ------------------------------------------------------------ the frame */

/* The arguments a page's URL may carry, kept by the language switch. */
static const char *const azKeep[] = {
  "q", "body", "topic", "kind", "municipality", "from", "to", "sort", "offset",
  "proposals", "open", "onderwerp", "orgaan", "van", "tot", "vanaf", "wie", "actie",
  "object", "pagina",
};

/* The current URL with lang=zLang: the language switch. */
static void lang_url(HttpReq *r, const char *zLang, Buf *out){
  const char *zPath = http_path(r);
  /* the path is decoded: encode it again, segment by segment */
  for(const char *z=zPath; *z; ){
    size_t n = strcspn(z, "/");
    if( n==0 ){
      buf_putc(out, '/');
      z++;
      continue;
    }
    char *zSeg = xrealloc(0, n+1);
    memcpy(zSeg, z, n);
    zSeg[n] = 0;
    html_url_encode(out, zSeg);
    free(zSeg);
    z += n;
  }
  int nArg = 0;
  if( strcmp(http_method(r), "GET")==0 ){
    for(size_t k=0; k<sizeof azKeep/sizeof azKeep[0]; k++){
      const char *az[SEARCH_FILTER_MAX];
      int n = http_args(r, azKeep[k], az, SEARCH_FILTER_MAX);
      for(int i=0; i<n; i++) html_url_arg(out, &nArg, azKeep[k], az[i]);
    }
  }
  html_url_arg(out, &nArg, "lang", zLang);
}

/* The navigation item of the path, for aria-current. */
static const char *nav_of(const char *zPath){
  static const struct { const char *zPrefix; const char *zNav; } a[] = {
    { "/zoeken", "nav_search" }, { "/help", "nav_help" }, { "/orgaan", "nav_bodies" },
    { "/onderwerp", "nav_topics" }, { "/vergadering", "nav_meetings" },
    { "/uploaden", "nav_upload" }, { "/beheer", "nav_admin" }, { "/audit", "nav_audit" },
    { "/inloggen", "nav_login" },
  };
  if( strcmp(zPath, "/")==0 ) return "nav_search";
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    if( strncmp(zPath, a[i].zPrefix, strlen(a[i].zPrefix))==0 ) return a[i].zNav;
  }
  return 0;
}

/* Where the page goes in the layout while the layout is rendered: bytes no
** escaped value can hold (html_escape turns control bytes into U+FFFD),
** and the layout writes no other value raw. */
#define PAGES_SLOT "\x01page\x01"

int pages_frame(Buf *out, const char *zTemplate, json_t *ctx, const char *zLang, Err *err){
  /* The layout is rendered around a placeholder and the page straight
  ** into out between its halves: a page of megabytes (a topic's whole
  ** timeline) is written once, instead of rendered, copied into a JSON
  ** string and copied again into the layout. */
  Buf frame = BUF_INIT;
  json_object_set_new(ctx, "content_html", json_string(PAGES_SLOT));
  int rc = html_render(&frame, "layout", ctx, zLang, err);
  json_object_del(ctx, "content_html");
  const char *zSlot = rc==0 ? strstr(frame.z, PAGES_SLOT) : 0;
  if( rc==0 && zSlot==0 ) rc = err_set(err, "layout: no {{{content_html}}} for the page");
  if( rc==0 ){
    buf_append(out, frame.z, (size_t)(zSlot - frame.z));
    rc = html_render(out, zTemplate, ctx, zLang, err);
    buf_puts(out, zSlot + strlen(PAGES_SLOT));
  }
  buf_release(&frame);
  return rc;
}

void page_render(HttpReq *r, int status, const char *zTemplate,
                 const char *zTitleKey, json_t *ctx){
  const char *zLang = http_lang(r);
  if( ctx==0 ) ctx = json_object();
  /* ?lang= switches the language for the pages that follow, too */
  const char *zArg = http_arg(r, "lang");
  if( zArg && (strcmp(zArg, "nl")==0 || strcmp(zArg, "en")==0) ){
    http_add_header(r, "Set-Cookie", strcmp(zArg, "en")==0
        ? "lang=en; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly"
        : "lang=nl; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly");
  }
  pages_set_str(ctx, "lang", zLang);
  json_object_set_new(ctx, "is_en", json_boolean(is_en(zLang)));
  const AuthUser *u = http_user(r);
  if( u ){
    const char *zRole = auth_role_name(u->role);
    json_object_set_new(ctx, "user", json_pack("{sssssssbsbsb}",
        "name", u->zName, "role", zRole, "role_label", label_of("role", zRole, zLang),
        "is_staff", u->role>=AUTH_MEDEWERKER, "is_auditor", u->role>=AUTH_AUDITOR,
        "is_admin", u->role>=AUTH_BEHEERDER));
  }
  pages_set_str(ctx, "csrf", http_csrf(r));
  if( !json_is_string(json_object_get(ctx, "title")) ){
    pages_set_str(ctx, "title", html_message(zTitleKey ? zTitleKey : "site_name", zLang));
  }
  pages_set_str(ctx, "path", http_path(r));
  const char *zNav = nav_of(http_path(r));
  if( zNav ) json_object_set_new(ctx, zNav, json_true());
  Buf b = BUF_INIT;
  lang_url(r, "nl", &b);
  set_buf(ctx, "lang_nl_url", &b);
  lang_url(r, "en", &b);
  set_buf(ctx, "lang_en_url", &b);

  Err err = ERR_INIT;
  buf_reset(&b);
  int rc = pages_frame(&b, zTemplate, ctx, zLang, &err);
  json_decref(ctx);
  if( rc ){
    /* a template error is a bug: say so in the log, not to the visitor */
    fprintf(stderr, "overleg: %s\n", err.msg);
    buf_reset(&b);
    buf_puts(&b, "internal error\n");
    http_reply(r, 500, "text/plain; charset=utf-8", &b);
  }else{
    http_reply_html(r, status, &b);
  }
  buf_release(&b);
}

void page_error(HttpReq *r, int status, const char *zMsg){
  const char *zLang = http_lang(r);
  json_t *ctx = json_object();
  char zStatus[16];
  snprintf(zStatus, sizeof zStatus, "%d", status);
  const char *zHeading = label_of("error", zStatus, zLang);
  pages_set_str(ctx, "heading", zHeading==zStatus ? html_message("error_title", zLang) : zHeading);
  pages_set_str(ctx, "title", json_string_value(json_object_get(ctx, "heading")));
  pages_set_str(ctx, "message", html_message(zMsg, zLang));   /* a message key, or the text */
  json_object_set_new(ctx, "status", json_integer(status));
  page_render(r, status, "error", "error_title", ctx);
}

/* ---------------------------------------------------------------- pages */

void pages_mark_search(void *pCtx, const char *z, Buf *out){
  Buf marked = BUF_INIT;
  search_marker_mark(pCtx, z, &marked);
  html_escape_marked(out, marked.z, marked.n);
  buf_release(&marked);
}

static int req_args(void *pCtx, const char *zName, const char **az, int nMax){
  return http_args(pCtx, zName, az, nMax);
}

/* GET / — the search box, the latest meetings. */
static void page_home(HttpReq *r){
  sqlite3 *db = http_db(r);
  json_t *ctx = pages_home_ctx(catalog_meetings(db, 0, 0, 0, 10, 0), catalog_stats(db),
                               http_lang(r));
  page_render(r, 200, "home", "home_title", ctx);
}

/* GET /zoeken?q=...&body=...&... — results, facets, pages. */
static void page_search(HttpReq *r){
  const char *zLang = http_lang(r);
  PagesArgs a;
  Err err = ERR_INIT;
  json_t *res = 0;
  if( pages_args_read(&a, req_args, r, &err)==0 && pages_args_any(&a) ){
    SearchOpts o;
    pages_search_opts(&a, &o);
    res = http_search(r, &o, &err);
  }
  html_err_lang(&err, zLang);
  json_t *ctx = pages_search_ctx(&a, res, err.set ? err.msg : 0, zLang);
  if( a.zQ && a.zQ[0] ){
    Buf b = BUF_INIT;
    buf_appendf(&b, "%s — %s", a.zQ, html_message("search_title", zLang));
    set_buf(ctx, "title", &b);
    buf_release(&b);
  }
  page_render(r, err.set ? 400 : 200, "results", "search_title", ctx);
}

/* The notices a correction redirects with (?gedaan=KEY), as messages. */
static const char *const azNotice[] = {
  "rec_done_added", "rec_done_removed", "rec_done_restored", "rec_done_deleted",
  "rec_done_person", "rec_done_reread", 0
};

void pages_document_reply(HttpReq *r, int status, long long iDoc, const char *zNotice,
                          const char *zError, json_t *pForm){
  sqlite3 *db = http_db(r);
  const char *zLang = http_lang(r);
  json_t *doc = iDoc>0 ? catalog_document(db, iDoc) : 0;
  json_t *rec = doc ? correct_document(db, iDoc) : 0;
  if( rec==0 ){
    json_decref(doc);
    json_decref(pForm);
    page_error(r, 404, "error_not_found");
    return;
  }
  const char *zQ = http_arg(r, "q");
  SearchMarker *m = 0;
  if( zQ && zQ[0] ){
    Err err = ERR_INIT;
    if( search_marker_new(db, zQ, &m, &err) ) m = 0;   /* a bad query marks nothing */
  }
  json_t *ctx = pages_document_ctx(doc, zQ, m ? pages_mark_search : 0, m, zLang);
  if( m ) search_marker_free(m);
  json_t *aPerson = http_role_at_least(r, AUTH_MEDEWERKER) ? correct_persons(db) : 0;
  json_t *pRec = pages_recognised_ctx(rec, aPerson, iDoc, pForm, zLang);
  for(int i=0; zNotice && azNotice[i]; i++){
    if( strcmp(zNotice, azNotice[i])==0 ) pages_set_str(pRec, "notice", html_message(zNotice, zLang));
  }
  if( zError ) pages_set_str(pRec, "error", zError);
  json_object_set_new(ctx, "rec", pRec);
  json_decref(pForm);
  page_render(r, status, "document", 0, ctx);
}

/* GET /document/ID?q=...&gedaan=... */
static void page_document(HttpReq *r){
  const char *zDone = http_arg(r, "gedaan");
  char zKey[40];
  snprintf(zKey, sizeof zKey, "rec_done_%s", zDone ? zDone : "");
  pages_document_reply(r, 200, http_path_id(r), zDone ? zKey : 0, 0, 0);
}

/* The page of one meeting, body or topic: its id from the path. */
static void page_item(HttpReq *r, json_t *(*xGet)(sqlite3*, long long),
                      json_t *(*xCtx)(json_t*, const char*), const char *zTemplate){
  long long id = http_path_id(r);
  json_t *j = id>0 ? xGet(http_db(r), id) : 0;
  if( j==0 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  page_render(r, 200, zTemplate, 0, xCtx(j, http_lang(r)));
}

void pages_meeting_reply(HttpReq *r, int status, long long iMeeting, const char *zNotice,
                         const char *zError){
  const char *zLang = http_lang(r);
  json_t *j = iMeeting>0 ? catalog_meeting(http_db(r), iMeeting) : 0;
  if( j==0 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  json_t *ctx = pages_meeting_ctx(j, zLang);
  pages_prepares_form(r, ctx, iMeeting);
  pages_set_str(ctx, "notice", zNotice ? html_message(zNotice, zLang) : 0);
  pages_set_str(ctx, "error", zError);
  page_render(r, status, "meeting", 0, ctx);
}

/* GET /vergadering/ID[?bericht=voorbereiding] */
static void page_meeting(HttpReq *r){
  const char *zMsg = http_arg_given(r, "bericht");
  pages_meeting_reply(r, 200, http_path_id(r),
                      zMsg && strcmp(zMsg, "voorbereiding")==0 ? "meeting_prepares_saved" : 0, 0);
}

static void page_body(HttpReq *r){
  page_item(r, catalog_body, pages_body_ctx, "body");
}

static void page_topic(HttpReq *r){
  page_item(r, catalog_topic, pages_topic_ctx, "topic");
}

/* GET /orgaan: every body, by kind. */
static void page_bodies(HttpReq *r){
  json_t *ctx = pages_bodies_ctx(catalog_bodies(http_db(r)), http_lang(r));
  page_render(r, 200, "bodies", "bodies_title", ctx);
}

/* GET /onderwerp: every topic. */
static void page_topics(HttpReq *r){
  json_t *ctx = pages_topics_ctx(catalog_topics(http_db(r)), http_lang(r));
  page_render(r, 200, "topics", "topics_title", ctx);
}

/* GET /vergadering?offset=N: the meetings, newest first. */
static void page_meetings(HttpReq *r){
  const char *z = http_arg(r, "offset");
  int nOffset = 0;
  if( z && z[0] ){
    size_t n = strspn(z, "0123456789");
    if( z[n]!=0 || n>9 ){
      page_error(r, 400, "error_bad_offset");
      return;
    }
    nOffset = atoi(z);
  }
  json_t *j = catalog_meetings(http_db(r), 0, 0, 0, PAGES_MEETINGS, nOffset);
  if( j==0 ){
    page_error(r, 500, "error_internal");
    return;
  }
  page_render(r, 200, "meetings", "meetings_title", pages_meetings_ctx(j, nOffset, http_lang(r)));
}

/* "/orgaan/" and "/onderwerp/" without an id are their lists. */
static void page_body_or_list(HttpReq *r){
  if( strcmp(http_path(r), "/orgaan/")==0 ) page_bodies(r); else page_body(r);
}

static void page_topic_or_list(HttpReq *r){
  if( strcmp(http_path(r), "/onderwerp/")==0 ) page_topics(r); else page_topic(r);
}

static void page_meeting_or_list(HttpReq *r){
  if( strcmp(http_path(r), "/vergadering/")==0 ) page_meetings(r); else page_meeting(r);
}

/* GET /help: the query language. */
static void page_help(HttpReq *r){
  page_render(r, 200, "help", "help_title", 0);
}

/* The server itself serves /static/ (web/style.css). */
const HttpRoute pages_routes[] = {
  { "GET", "/zoeken",       page_search,          AUTH_LEZER },
  { "GET", "/document/",    page_document,        AUTH_LEZER },
  { "GET", "/vergadering",  page_meetings,        AUTH_LEZER },
  { "GET", "/vergadering/", page_meeting_or_list, AUTH_LEZER },
  { "GET", "/orgaan",       page_bodies,          AUTH_LEZER },
  { "GET", "/orgaan/",      page_body_or_list,    AUTH_LEZER },
  { "GET", "/onderwerp",    page_topics,          AUTH_LEZER },
  { "GET", "/onderwerp/",   page_topic_or_list,   AUTH_LEZER },
  { "GET", "/help",         page_help,            AUTH_LEZER },
  { "GET", "/",             page_home,            AUTH_LEZER },
  { 0, 0, 0, AUTH_NONE }
};
