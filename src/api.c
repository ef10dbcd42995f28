/*
** api.c — the JSON API under /api/: search, documents (and their
** originals, and uploads), meetings, bodies, topics, the audit log and
** the health check.  Replies are the objects of search.h and catalog.h as
** they are; every error is {"error": "...", "status": N}.  Bad arguments
** get 400 with a message saying what to send instead; 500 is kept for
** what no client can cause, and logged on stderr.
*/
#include "api.h"
#include "catalog.h"
#include "extract.h"
#include "import.h"
#include "pages.h"
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define API_PAGE_MAX 1000        /* meetings or audit entries per request */


/* The values of a filter argument (empty ones left out) into az.  0, or
** -1 after replying 400 when there are more than SEARCH_FILTER_MAX. */
static int filter_arg(HttpReq *r, const char *zName, const char **az, int *pn){
  const char *a[SEARCH_FILTER_MAX+1];
  int n = http_args(r, zName, a, SEARCH_FILTER_MAX+1);
  *pn = 0;
  for(int i=0; i<n; i++){
    if( a[i][0]==0 ) continue;
    if( *pn==SEARCH_FILTER_MAX ){
      Buf m = BUF_INIT;
      buf_appendf(&m, "at most %d values of %s", SEARCH_FILTER_MAX, zName);
      http_reply_json_error(r, 400, m.z);
      buf_release(&m);
      return -1;
    }
    az[(*pn)++] = a[i];
  }
  return 0;
}

/* A period's bound as YYYY-MM-DD: "2021" and "2021-03" from their first
** day (bEnd: to their last; "-31" is past every month's last day as a
** string, which is all a comparison of dates needs).  0, or -1 when z is
** not such a period. */
static int period_bound(const char *z, int bEnd, char zOut[11]){
  size_t n = strlen(z);
  static const char zShape[] = "dddd-dd-dd";
  if( n!=4 && n!=7 && n!=10 ) return -1;
  for(size_t i=0; i<n; i++){
    if( zShape[i]=='d' ? (z[i]<'0' || z[i]>'9') : z[i]!='-' ) return -1;
  }
  memcpy(zOut, z, n);
  if( n==4 ) memcpy(zOut+4, bEnd ? "-12-31" : "-01-01", 6);
  if( n==7 ) memcpy(zOut+7, bEnd ? "-31" : "-01", 3);
  zOut[10] = 0;
  return 0;
}

/* A JSON string of z, which may quote a client's bytes: never NULL. */
static json_t *json_text(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_string("?");
}

/* ---------------------------------------------------------------- search */

/* GET /api/search: q, body, topic, kind, municipality (each may repeat),
** from, to, sort, limit, offset. */
static void api_search(HttpReq *r){
  SearchOpts o;
  memset(&o, 0, sizeof o);
  SearchFilter *f = &o.filter;
  o.zQuery = http_arg(r, "q");
  f->zFrom = http_arg_given(r, "from");
  f->zTo = http_arg_given(r, "to");
  const char *zSort = http_arg_given(r, "sort");
  if( zSort && search_sort_parse(zSort)<0 ){
    http_reply_json_error(r, 400, "sort is relevance, newest or oldest");
    return;
  }
  if( zSort ) o.sort = (SearchSort)search_sort_parse(zSort);
  if( filter_arg(r, "body", f->azBody, &f->nBody)
   || filter_arg(r, "topic", f->azTopic, &f->nTopic)
   || filter_arg(r, "kind", f->azKind, &f->nKind)
   || filter_arg(r, "municipality", f->azMunicipality, &f->nMunicipality)
   || http_arg_int(r, "limit", 10, 1, SEARCH_LIMIT_MAX, &o.nLimit)
   || http_arg_int(r, "offset", 0, 0, 1000000, &o.nOffset) ){
    return;
  }
  Err err = ERR_INIT;
  json_t *j = http_search(r, &o, &err);
  if( j==0 ){
    if( err.internal ) fprintf(stderr, "overleg: /api/search: %s\n", err.msg);
    http_reply_json_error(r, err.internal ? 500 : 400, err.msg);
    return;
  }
  http_reply_json(r, 200, j);
}

/* ------------------------------------------------------------- documents */

static const struct { const char *zFormat, *zType; } aFormatType[] = {
  { "odt", "application/vnd.oasis.opendocument.text" },
  { "fodt", "application/vnd.oasis.opendocument.text-flat-xml" },
  { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
};

static const char *format_type(const char *zFormat){
  for(size_t i=0; zFormat && i<sizeof aFormatType/sizeof aFormatType[0]; i++){
    if( strcmp(aFormatType[i].zFormat, zFormat)==0 ) return aFormatType[i].zType;
  }
  return "application/octet-stream";
}

static void reply_original(HttpReq *r, json_t *pDoc){
  const char *zSha = json_string_value(json_object_get(pDoc, "sha256"));
  if( zSha==0 || strlen(zSha)!=64 || strspn(zSha, "0123456789abcdef")!=64 ){
    fprintf(stderr, "overleg: document %s has no SHA-256\n",
            json_string_value(json_object_get(pDoc, "title")));
    http_reply_json_error(r, 500, "the document has no original in the archive");
    return;
  }
  Buf path = BUF_INIT;
  store_original_path(http_store(r), zSha, &path);
  http_reply_file(r, path.z, format_type(json_string_value(json_object_get(pDoc, "format"))),
                  json_string_value(json_object_get(pDoc, "original_name")));
  buf_release(&path);
}

/* GET /api/documents/ID and /api/documents/ID/original. */
static void api_document(HttpReq *r){
  const char *z = http_path(r) + strlen("/api/documents/");
  long long id = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9' && n<18; n++) id = id*10 + (z[n]-'0');
  int bOriginal = strcmp(z+n, "/original")==0;
  json_t *pDoc = n>0 && (z[n]==0 || bOriginal) ? catalog_document(http_db(r), id) : 0;
  if( pDoc==0 ){
    http_reply_json_error(r, 404, "no such document");
    return;
  }
  if( bOriginal ){
    reply_original(r, pDoc);
    json_decref(pDoc);
  }else{
    http_reply_json(r, 200, pDoc);
  }
}

/* GET /api/meetings/ID, /api/bodies/ID, /api/topics/ID. */
static void reply_object(HttpReq *r, json_t *(*xGet)(sqlite3*, long long), const char *zWhat){
  long long id = http_path_id(r);
  json_t *j = id>0 ? xGet(http_db(r), id) : 0;
  if( j==0 ){
    Buf m = BUF_INIT;
    buf_appendf(&m, "no such %s", zWhat);
    http_reply_json_error(r, 404, m.z);
    buf_release(&m);
    return;
  }
  http_reply_json(r, 200, j);
}

static void api_meeting(HttpReq *r){ reply_object(r, catalog_meeting, "meeting"); }
static void api_body(HttpReq *r){ reply_object(r, catalog_body, "body"); }
static void api_topic(HttpReq *r){ reply_object(r, catalog_topic, "topic"); }

/* ---------------------------------------------------------------- upload */

typedef struct UploadRun {
  json_t *a;                /* the results, by upload */
  const char **azPath;
  const char **azName;
  int n;
  int nInternal;            /* files that failed for the archive's fault */
} UploadRun;

static void upload_report(void *ctx, const ImportResult *res, const ImportStats *st){
  UploadRun *u = ctx;
  for(int i=0; i<u->n; i++){
    if( strcmp(u->azPath[i], res->zPath) ) continue;
    int bFailed = res->status==IMPORT_FAILED;
    json_t *j = json_object();
    json_object_set_new(j, "name", json_text(u->azName[i]));
    json_object_set_new(j, "status", json_string(bFailed ? "failed"
                            : res->status==IMPORT_NEW ? "new" : "duplicate"));
    json_object_set_new(j, "id", bFailed ? json_null() : json_integer(res->iDoc));
    json_object_set_new(j, "reason", bFailed ? json_text(res->zReason) : json_null());
    json_array_set_new(u->a, (size_t)i, j);
    if( bFailed && res->bInternal ){
      u->nInternal++;
      fprintf(stderr, "overleg: upload %s: %s\n", u->azName[i], res->zReason);
    }
    return;
  }
}

static json_t *upload_error(int *pStatus, int status, const char *zMsg){
  *pStatus = status;
  json_t *j = json_object();
  json_object_set_new(j, "error", json_text(zMsg));
  return j;
}

json_t *api_import_uploads(HttpReq *r, int *pStatus){
  int nUpload;
  const HttpUpload *aUpload = http_uploads(r, &nUpload);
  UploadRun u = { json_array(), 0, 0, 0, 0 };
  u.azPath = xrealloc(0, (nUpload+1) * sizeof u.azPath[0]);
  u.azName = xrealloc(0, (nUpload+1) * sizeof u.azName[0]);
  for(int i=0; i<nUpload; i++){
    const HttpUpload *p = &aUpload[i];
    if( strcmp(p->zField, "file") || (p->zName[0]==0 && p->nByte==0) ) continue;
    u.azPath[u.n] = p->zPath;
    u.azName[u.n] = p->zName[0] ? p->zName : "upload";
    json_array_append_new(u.a, json_null());
    u.n++;
  }
  json_t *j = 0;
  if( u.n==0 ){
    j = upload_error(pStatus, 400, "no file: send each document as a \"file\" field"
                                   " of a multipart/form-data body");
  }else{
    ImportOpts o;
    memset(&o, 0, sizeof o);
    o.zBody = http_arg_given(r, "body");
    o.zTopic = http_arg_given(r, "topic");
    o.zDate = http_arg_given(r, "date");
    o.zKind = http_arg_given(r, "kind");
    o.zActor = http_user(r) ? http_user(r)->zName : 0;
    o.azName = u.azName;
    ImportStats st;
    Err err = ERR_INIT;
    http_write_lock(http_server(r));
    int rc = import_run(http_store(r), (char**)u.azPath, u.n, &o, upload_report, &u, &st, &err);
    http_write_unlock(http_server(r));
    if( rc<0 ){
      if( err.internal ) fprintf(stderr, "overleg: upload: %s\n", err.msg);
      j = upload_error(pStatus, err.internal ? 500 : 400, err.msg);
    }
  }
  if( j ){
    json_decref(u.a);
  }else{
    /* every file has its result: a file the import did not report failed */
    int nFailed = 0, nType = 0;
    for(int i=0; i<u.n; i++){
      json_t *x = json_array_get(u.a, (size_t)i);
      if( json_is_null(x) ){
        x = json_pack("{s:o, s:s, s:n, s:s}", "name", json_text(u.azName[i]),
                      "status", "failed", "id", "reason", "not imported");
        json_array_set_new(u.a, (size_t)i, x);
      }
      const char *zReason = json_string_value(json_object_get(x, "reason"));
      if( zReason==0 ) continue;
      nFailed++;
      if( extract_reason_is_type(zReason) ) nType++;
    }
    *pStatus = nFailed==0 ? 201 : u.nInternal ? 500 : nType==nFailed ? 415 : 422;
    j = u.a;
  }
  free(u.azPath);
  free(u.azName);
  return j;
}

/* POST /api/documents: multipart, one or more "file" fields; body, topic,
** date, kind. */
static void api_documents_post(HttpReq *r){
  int status = 500;
  json_t *a = api_import_uploads(r, &status);
  if( !json_is_array(a) ){
    http_reply_json_error(r, status, json_string_value(json_object_get(a, "error")));
    json_decref(a);
    return;
  }
  json_t *j = json_object();
  if( status!=201 ){
    size_t nFailed = 0, i;
    json_t *x;
    const char *zReason = 0;
    json_array_foreach(a, i, x){
      const char *z = json_string_value(json_object_get(x, "reason"));
      if( z && nFailed++==0 ) zReason = z;
    }
    Buf m = BUF_INIT;
    if( json_array_size(a)==1 ) buf_puts(&m, zReason ? zReason : "the file could not be imported");
    else buf_appendf(&m, "%zu of %zu files could not be imported", nFailed, json_array_size(a));
    json_object_set_new(j, "error", json_text(m.z));
    json_object_set_new(j, "status", json_integer(status));
    buf_release(&m);
  }
  json_object_set_new(j, "documents", a);
  http_reply_json(r, status, j);
}

/* ------------------------------------------------------------ the rest */

static void api_bodies(HttpReq *r){
  json_t *a = catalog_bodies(http_db(r));
  if( a==0 ){
    http_reply_json_error(r, 500, "the archive cannot be read");
    return;
  }
  http_reply_json(r, 200, json_pack("{s:o}", "bodies", a));
}

static void api_topics(HttpReq *r){
  json_t *a = catalog_topics(http_db(r));
  if( a==0 ){
    http_reply_json_error(r, 500, "the archive cannot be read");
    return;
  }
  http_reply_json(r, 200, json_pack("{s:o}", "topics", a));
}

/* The body named by z: its id, or its name or full name in any capitals.
** 0 when there is none. */
static long long body_find(sqlite3 *db, const char *z){
  long long id = 0;
  size_t n = strspn(z, "0123456789");
  if( z[n]==0 && n<18 ) return atoll(z);
  json_t *a = catalog_bodies(db), *x;
  size_t i;
  json_array_foreach(a, i, x){
    const char *zName = json_string_value(json_object_get(x, "name"));
    const char *zFull = json_string_value(json_object_get(x, "full_name"));
    if( (zName && strcasecmp(zName, z)==0) || (zFull && strcasecmp(zFull, z)==0) ){
      id = json_integer_value(json_object_get(x, "id"));
      break;
    }
  }
  json_decref(a);
  return id;
}

/* GET /api/meetings: body (id or name), from, to, limit, offset. */
static void api_meetings(HttpReq *r){
  const char *zBody = http_arg_given(r, "body");
  const char *zFrom = http_arg_given(r, "from");
  const char *zTo = http_arg_given(r, "to");
  char zF[11], zT[11];
  if( (zFrom && period_bound(zFrom, 0, zF)) || (zTo && period_bound(zTo, 1, zT)) ){
    http_reply_json_error(r, 400, "from and to are dates: 2021, 2021-03 or 2021-03-01");
    return;
  }
  int nLimit, nOffset;
  if( http_arg_int(r, "limit", 50, 1, API_PAGE_MAX, &nLimit)
   || http_arg_int(r, "offset", 0, 0, 1000000, &nOffset) ){
    return;
  }
  long long iBody = 0;
  if( zBody && (iBody = body_find(http_db(r), zBody))<=0 ){
    Buf m = BUF_INIT;
    buf_appendf(&m, "unknown body \"%s\" (GET /api/bodies lists them)", zBody);
    http_reply_json_error(r, 400, m.z);
    buf_release(&m);
    return;
  }
  json_t *j = catalog_meetings(http_db(r), iBody, zFrom ? zF : 0, zTo ? zT : 0, nLimit, nOffset);
  if( j==0 ){
    http_reply_json_error(r, 500, "the archive cannot be read");
    return;
  }
  http_reply_json(r, 200, j);
}

/* GET /api/audit: actor, action, object, from, to (catalog_audit()'s
** filter), limit, offset (auditors and administrators). */
static void api_audit(HttpReq *r){
  CatalogAuditFilter f = {
    .zActor = http_arg_given(r, "actor"), .zAction = http_arg_given(r, "action"),
    .zObject = http_arg_given(r, "object"), .zFrom = http_arg_given(r, "from"),
    .zTo = http_arg_given(r, "to"),
  };
  int nLimit, nOffset;
  if( http_arg_int(r, "limit", 100, 1, API_PAGE_MAX, &nLimit)
   || http_arg_int(r, "offset", 0, 0, 100000000, &nOffset) ){
    return;
  }
  Err err = ERR_INIT;
  json_t *j = catalog_audit(http_db(r), &f, nLimit, nOffset, &err);
  if( j==0 ){
    if( err.internal ) fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, err.internal ? 500 : 400,
                          err.internal ? "the archive cannot be read" : err.msg);
    return;
  }
  http_reply_json(r, 200, j);
}

/* GET /api/health: the archive's counts; the cheapest request, the
** ceiling in the benchmarks. */
static void api_health(HttpReq *r){
  json_t *pStats = catalog_stats(http_db(r));
  if( pStats==0 ){
    http_reply_json_error(r, 503, "the archive cannot be read");
    return;
  }
  json_t *j = json_pack("{s:s}", "status", "ok");
  json_object_update(j, pStats);
  json_decref(pStats);
  http_reply_json(r, 200, j);
}

const HttpRoute api_routes[] = {
  { "GET",  "/api/health",     api_health,         AUTH_NONE },
  { "GET",  "/api/search",     api_search,         AUTH_LEZER },
  { "POST", "/api/documents",  api_documents_post, AUTH_MEDEWERKER },
  { "GET",  "/api/documents/", api_document,       AUTH_LEZER },
  { "GET",  "/api/meetings",   api_meetings,       AUTH_LEZER },
  { "GET",  "/api/meetings/",  api_meeting,        AUTH_LEZER },
  { "GET",  "/api/bodies",     api_bodies,         AUTH_LEZER },
  { "GET",  "/api/bodies/",    api_body,           AUTH_LEZER },
  { "GET",  "/api/topics",     api_topics,         AUTH_LEZER },
  { "GET",  "/api/topics/",    api_topic,          AUTH_LEZER },
  { "GET",  "/api/audit",      api_audit,          AUTH_AUDITOR },
  { 0, 0, 0, AUTH_NONE }
};
