/*
** search.c — the query to FTS5 and the results as JSON.  See search.h.
**
** User text never reaches FTS5 as syntax: every word is quoted as an FTS5
** string (a phrase of the tokens the Dutch tokenizer makes of it), and the
** words are joined by implicit AND.
*/
#include "search.h"
#include "buf.h"

#include <string.h>
#include <time.h>

#define PASSAGES_PER_DOC 3
#define PASSAGE_SCAN_MAX 5000   /* best passages looked at to fill a page */

/* Appends z[0..n) as an FTS5 string: in double quotes, quotes doubled. */
static void fts_quote(Buf *out, const char *z, size_t n){
  buf_putc(out, '"');
  for(size_t i=0; i<n; i++){
    if( z[i]=='"' ) buf_putc(out, '"');
    buf_putc(out, z[i]);
  }
  buf_putc(out, '"');
}

/* The FTS5 expression for the user's words; empty when there are none. */
static void build_match(const char *zQuery, Buf *out){
  const char *z = zQuery;
  while( *z ){
    while( *z==' ' || *z=='\t' || *z=='\n' || *z=='\r' ) z++;
    const char *zStart = z;
    while( *z && *z!=' ' && *z!='\t' && *z!='\n' && *z!='\r' ) z++;
    if( z>zStart ){
      if( out->n ) buf_putc(out, ' ');
      fts_quote(out, zStart, (size_t)(z-zStart));
    }
  }
}

static json_t *col_json(sqlite3_stmt *st, int i){
  const char *z = (const char*)sqlite3_column_text(st, i);
  return z ? json_string(z) : json_null();
}

static double now_ms(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec*1e3 + ts.tv_nsec/1e6;
}

json_t *search_run(sqlite3 *db, const SearchOpts *o, Err *err){
  double t0 = now_ms();
  int nLimit = o->nLimit>0 ? o->nLimit : 10;
  Buf match = BUF_INIT;
  build_match(o->zQuery ? o->zQuery : "", &match);
  json_t *res = json_object();
  json_t *results = json_array();
  json_object_set_new(res, "results", results);
  long long nTotal = 0;
  if( match.n==0 ) goto done;
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db,
    "SELECT count(DISTINCT p.document_id) FROM passage_fts"
    " JOIN passage p ON p.id=passage_fts.rowid WHERE passage_fts MATCH ?1", -1, &st, 0);
  if( rc==SQLITE_OK ){
    sqlite3_bind_text(st, 1, match.z, -1, SQLITE_STATIC);
    if( sqlite3_step(st)==SQLITE_ROW ) nTotal = sqlite3_column_int64(st, 0);
    rc = sqlite3_finalize(st);
  }
  if( rc==SQLITE_OK ) rc = sqlite3_prepare_v2(db,
    "SELECT p.document_id, d.title, d.original_name, d.sha256, d.date, b.name, t.name,"
    "  d.kind, p.heading,"
    "  snippet(passage_fts, 2, '" SEARCH_MARK_ON "', '" SEARCH_MARK_OFF "', '…', 16)"
    " FROM passage_fts JOIN passage p ON p.id=passage_fts.rowid"
    " JOIN document d ON d.id=p.document_id"
    " LEFT JOIN body b ON b.id=d.body_id LEFT JOIN topic t ON t.id=d.topic_id"
    " WHERE passage_fts MATCH ?1"
    " ORDER BY bm25(passage_fts, 10.0, 4.0, 1.0), d.date DESC LIMIT ?2", -1, &st, 0);
  if( rc!=SQLITE_OK ){
    err_set(err, "search failed: %s", sqlite3_errmsg(db));
    json_decref(res);
    buf_release(&match);
    return 0;
  }
  sqlite3_bind_text(st, 1, match.z, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, PASSAGE_SCAN_MAX);
  /* passages arrive best first; the first passage of a document places it */
  json_t *seen = json_object();
  long nDoc = 0;
  while( sqlite3_step(st)==SQLITE_ROW ){
    char zId[32];
    snprintf(zId, sizeof zId, "%lld", sqlite3_column_int64(st, 0));
    json_t *doc = json_object_get(seen, zId);
    if( doc==0 ){
      nDoc++;
      doc = json_object();
      json_object_set_new(doc, "id", json_integer(sqlite3_column_int64(st, 0)));
      json_object_set_new(doc, "title", col_json(st, 1));
      json_object_set_new(doc, "original_name", col_json(st, 2));
      json_object_set_new(doc, "sha256", col_json(st, 3));
      json_object_set_new(doc, "date", col_json(st, 4));
      json_object_set_new(doc, "body", col_json(st, 5));
      json_object_set_new(doc, "topic", col_json(st, 6));
      json_object_set_new(doc, "kind", col_json(st, 7));
      json_object_set_new(doc, "passages", json_array());
      json_object_set_new(seen, zId, doc);
      if( nDoc>o->nOffset && nDoc<=o->nOffset+nLimit ) json_array_append(results, doc);
    }
    json_t *ps = json_object_get(doc, "passages");
    if( json_array_size(ps)<PASSAGES_PER_DOC ){
      json_t *p = json_object();
      json_object_set_new(p, "heading", col_json(st, 8));
      json_object_set_new(p, "snippet", col_json(st, 9));
      json_array_append_new(ps, p);
    }
  }
  sqlite3_finalize(st);
  json_decref(seen);
done:
  json_object_set_new(res, "total", json_integer(nTotal));
  json_object_set_new(res, "took_ms", json_real((now_ms()-t0)));
  buf_release(&match);
  return res;
}
