/*
** register.c — the decision register and the action list; see register.h.
**
** Both lists are one statement over their table (alias x) joined to the
** source document, its body and topic and the agenda item, with the same
** filters.  The SQL text is made of the constant fragments below only:
** every value a user gives (names resolved to ids, dates, the FTS5
** expression query.h writes from the query) is a bound parameter.
** Columns are named as the JSON keys; "a.b" puts key b in the object a,
** which is null when its "a.id" is NULL.  The count and the page are read
** in one savepoint, so that they agree while an import commits.
*/
#include "register.h"
#include "catalog.h"
#include "buf.h"
#include "query.h"
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- SQL */

/* What every entry has, after its id and text. */
#define COMMON_COLS \
  "d.date AS date, " CATALOG_BODY_REF("b", "body") ", " CATALOG_TOPIC_REF("t", "topic") ", " \
  CATALOG_AGENDA_LABEL ", d.original_name AS original_name, " CATALOG_DOC_REF("d", "document") ", " \
  "x.passage_id AS passage_id, d.meeting_id AS meeting_id"

static const char zDecisionCols[] =
  "SELECT x.id AS id, x.text AS text, " COMMON_COLS ", x.label AS label,"
  " x.proposed AS proposed, x.refers_to AS refers_to";

static const char zActionCols[] =
  "SELECT x.id AS id, x.text AS text, " COMMON_COLS ", x.nr AS nr, x.who AS who,"
  " x.due AS due, x.due_date AS due_date, x.status AS status, " REGISTER_ACTION_DONE " AS done, "
  CATALOG_DOC_REF("dn", "done_in") ", NOT " REGISTER_ACTION_DONE " AND x.due_date IS NOT NULL"
  " AND x.due_date < date('now', 'localtime') AS overdue";

/* The source document, its body and topic, the agenda item. */
#define FROM(zTable) \
  " FROM " zTable " x JOIN document d ON d.id=x.document_id" \
  " LEFT JOIN body b ON b.id=d.body_id LEFT JOIN topic t ON t.id=d.topic_id" \
  " LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"

/* ?1..?4 JSON arrays of body ids, topic ids, document kinds and
** organisation ids (NULL: no filter); ?5, ?6 the first and last day
** (NULL: open). */
#define WHERE_FILTERS \
  " WHERE (?1 IS NULL OR d.body_id IN (SELECT value FROM json_each(?1)))" \
  " AND (?2 IS NULL OR d.topic_id IN (SELECT value FROM json_each(?2)))" \
  " AND (?3 IS NULL OR d.kind IN (SELECT value FROM json_each(?3)))" \
  " AND (?4 IS NULL OR d.id IN (SELECT dm.document_id FROM document_municipality dm" \
  "   WHERE dm.organisation_id IN (SELECT value FROM json_each(?4))))" \
  " AND (?5 IS NULL OR d.date>=?5) AND (?6 IS NULL OR d.date<=?6)"

/* ?7: what the passage must match; ?8: what it must not (FTS5
** expressions written by query_fts()). */
#define WHERE_MATCH " AND x.passage_id IN (SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?7)"
#define WHERE_NOT_MATCH \
  " AND coalesce(x.passage_id, 0) NOT IN (SELECT rowid FROM passage_fts" \
  " WHERE passage_fts MATCH ?8)"

/* ?9, ?10: the page. */
#define ORDER_PAGE " ORDER BY d.date IS NULL, d.date DESC, d.id DESC, x.seq LIMIT ?9 OFFSET ?10"

/* One list: its table's fragments. */
typedef struct RegList {
  const char *zKey;        /* the JSON array: "decisions", "actions" */
  const char *zCols;       /* SELECT ... */
  const char *zFrom;
  const char *zWhere;      /* more conditions; ?11 is RegisterFilter.bProposals */
  const char *zWhereOpen;  /* with RegisterFilter.bOpen */
} RegList;

static const RegList listDecisions = {
  "decisions", zDecisionCols, FROM("decision"), " AND x.removed=0 AND x.proposed=?11", "",
};

static const RegList listActions = {
  "actions", zActionCols, FROM("action_item") " LEFT JOIN document dn ON dn.id=x.done_in",
  "", " AND NOT " REGISTER_ACTION_DONE,
};

/* ------------------------------------------------------------ filters */

typedef struct Reg {
  sqlite3 *db;
  Err *err;
  Query *q;
  json_t *aBody, *aTopic, *aKind, *aOrg;    /* NULL: no filter */
  QueryDates dates;                         /* "": open */
  Buf match, notMatch;                      /* FTS5 expressions, or empty */
} Reg;

static void reg_clear(Reg *g){
  query_free(g->q);
  json_decref(g->aBody);
  json_decref(g->aTopic);
  json_decref(g->aKind);
  json_decref(g->aOrg);
  buf_release(&g->match);
  buf_release(&g->notMatch);
}

static void add_value(json_t **pa, json_t *v){
  if( *pa==0 ) *pa = json_array();
  json_array_append_new(*pa, v);
}

static int add_kind(Reg *g, const char *zValue){
  const char *zKind = search_kind(zValue);
  if( zKind ){
    add_value(&g->aKind, json_string(zKind));
    return 0;
  }
  return err_set(g->err, "unknown kind \"%s\"; the kinds are agenda, verslag, besluitenlijst,"
                 " actielijst, memo, brief, presentatie, other", zValue);
}

static int add_municipality(Reg *g, const char *zValue){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(g->db, "SELECT id FROM organisation WHERE name=?1", -1, &st, 0) ){
    return err_internal(g->err, "database error: %s", sqlite3_errmsg(g->db));
  }
  sqlite3_bind_text(st, 1, zValue, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ) add_value(&g->aOrg, json_integer(sqlite3_column_int64(st, 0)));
  sqlite3_finalize(st);
  if( rc==SQLITE_ROW ) return 0;
  if( rc!=SQLITE_DONE ) return err_internal(g->err, "database error: %s", sqlite3_errmsg(g->db));
  return err_set(g->err, "unknown municipality \"%s\"", zValue);
}

/* Adds every body of the kind zValue names ("BO": every BO), as search
** does for a value that is no body's name.  Returns how many. */
static int add_body_kind(Reg *g, const char *zValue){
  sqlite3_stmt *st;
  int n = 0;
  if( sqlite3_prepare_v2(g->db, "SELECT id FROM body WHERE kind=upper(?1) ORDER BY id",
                         -1, &st, 0)!=SQLITE_OK ){
    return 0;
  }
  sqlite3_bind_text(st, 1, zValue, -1, SQLITE_STATIC);
  while( sqlite3_step(st)==SQLITE_ROW ){
    add_value(&g->aBody, json_integer(sqlite3_column_int64(st, 0)));
    n++;
  }
  sqlite3_finalize(st);
  return n;
}

/* Adds the value of filter key k to g. */
static int add_filter(Reg *g, QueryKey k, const char *zValue){
  if( k==QUERY_KIND ) return add_kind(g, zValue);
  if( k==QUERY_MUNICIPALITY ) return add_municipality(g, zValue);
  if( k!=QUERY_BODY && k!=QUERY_TOPIC ) return 0;      /* dates: in q->dates */
  Err e = ERR_INIT;
  long long id = search_resolve(g->db, k==QUERY_BODY ? "body" : "topic", zValue, &e);
  if( id<0 ){
    if( k==QUERY_BODY && add_body_kind(g, zValue)>0 ) return 0;
    return err_set(g->err, "%s", e.msg);
  }
  add_value(k==QUERY_BODY ? &g->aBody : &g->aTopic, json_integer(id));
  return 0;
}

/* Reads f into g: the query parsed, names resolved, dates intersected. */
static int reg_resolve(Reg *g, const RegisterFilter *f){
  const char *zQ = f->zQuery ? f->zQuery : "";
  if( query_parse(zQ, &g->q, g->err) ) return -1;
  if( (f->zBody && f->zBody[0] && add_filter(g, QUERY_BODY, f->zBody))
   || (f->zTopic && f->zTopic[0] && add_filter(g, QUERY_TOPIC, f->zTopic)) ){
    return -1;
  }
  for(int i=0; i<g->q->nFilter; i++){
    if( add_filter(g, g->q->aFilter[i].key, g->q->aFilter[i].zValue) ) return -1;
  }
  g->dates = g->q->dates;
  char zFirst[11], zLast[11];
  if( query_span(f->zFrom, f->zTo, zFirst, zLast, g->err) ) return -1;
  if( strcmp(zFirst, g->dates.zFrom)>0 ) memcpy(g->dates.zFrom, zFirst, 11);
  if( zLast[0] && (!g->dates.zTo[0] || strcmp(zLast, g->dates.zTo)<0) ){
    memcpy(g->dates.zTo, zLast, 11);
  }
  if( g->q->pRoot ){
    query_fts(g->q->pRoot, &g->match);
    if( g->match.n==0 ) query_fts_excluded(g->q->pRoot, &g->notMatch);
  }
  return 0;
}

/* --------------------------------------------------------- the rows */

/* The keys of a register entry that are booleans. */
static const char *const azRegisterBool[] = { "proposed", "done", "overdue", 0 };

/* ------------------------------------------------------------- a list */

/* Binds a JSON array as its text, or NULL. */
static void bind_json(sqlite3_stmt *st, int i, const json_t *a){
  char *z = a ? json_dumps(a, JSON_COMPACT) : 0;
  if( z ) sqlite3_bind_text(st, i, z, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
  free(z);
}

/* Binds z (n bytes), or NULL when it is empty. */
static void bind_text(sqlite3_stmt *st, int i, const char *z, size_t n){
  if( z && n ) sqlite3_bind_text(st, i, z, (int)n, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

/* Binds every parameter of g and f: a statement without one of them
** (the count has no page) refuses it with SQLITE_RANGE, which is fine. */
static void reg_bind(Reg *g, sqlite3_stmt *st, const RegisterFilter *f, int nLimit, int nOffset){
  bind_json(st, 1, g->aBody);
  bind_json(st, 2, g->aTopic);
  bind_json(st, 3, g->aKind);
  bind_json(st, 4, g->aOrg);
  bind_text(st, 5, g->dates.zFrom, strlen(g->dates.zFrom));
  bind_text(st, 6, g->dates.zTo, strlen(g->dates.zTo));
  bind_text(st, 7, g->match.z, g->match.n);
  bind_text(st, 8, g->notMatch.z, g->notMatch.n);
  sqlite3_bind_int(st, 9, nLimit);
  sqlite3_bind_int(st, 10, nOffset);
  sqlite3_bind_int(st, 11, f->bProposals!=0);
}

/* The statement "zHead FROM ... WHERE ... zTail" of list l. */
static int reg_prepare(Reg *g, const RegList *l, const RegisterFilter *f, const char *zHead,
                       const char *zTail, sqlite3_stmt **pst){
  Buf b = BUF_INIT;
  buf_puts(&b, zHead);
  buf_puts(&b, l->zFrom);
  buf_puts(&b, WHERE_FILTERS);
  buf_puts(&b, l->zWhere);
  if( f->bOpen ) buf_puts(&b, l->zWhereOpen);
  if( g->match.n ) buf_puts(&b, WHERE_MATCH);
  if( g->notMatch.n ) buf_puts(&b, WHERE_NOT_MATCH);
  buf_puts(&b, zTail);
  int rc = sqlite3_prepare_v2(g->db, b.z, -1, pst, 0);
  buf_release(&b);
  if( rc!=SQLITE_OK ) return err_internal(g->err, "database error: %s", sqlite3_errmsg(g->db));
  return 0;
}

static json_t *reg_list(sqlite3 *db, const RegList *l, const RegisterFilter *f, Err *err){
  Reg g;
  memset(&g, 0, sizeof g);
  g.db = db;
  g.err = err;
  json_t *out = 0;
  sqlite3_stmt *stCount = 0, *stPage = 0;
  int nLimit = f->nLimit<=0 ? REGISTER_LIMIT_DEFAULT
             : f->nLimit>REGISTER_LIMIT_MAX ? REGISTER_LIMIT_MAX : f->nLimit;
  int nOffset = f->nOffset>0 ? f->nOffset : 0;
  int rc = reg_resolve(&g, f);
  if( rc==0 ) rc = reg_prepare(&g, l, f, "SELECT count(*)", "", &stCount);
  if( rc==0 ) rc = reg_prepare(&g, l, f, l->zCols, ORDER_PAGE, &stPage);
  if( rc==0 && sqlite3_exec(db, "SAVEPOINT register", 0, 0, 0)!=SQLITE_OK ){
    rc = err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  if( rc==0 ){
    reg_bind(&g, stCount, f, nLimit, nOffset);
    reg_bind(&g, stPage, f, nLimit, nOffset);
    json_t *a = json_array();
    long long nTotal = 0;
    int src = sqlite3_step(stCount);
    if( src==SQLITE_ROW ){
      nTotal = sqlite3_column_int64(stCount, 0);
      while( (src = sqlite3_step(stPage))==SQLITE_ROW ){
        json_array_append_new(a, catalog_row(stPage, azRegisterBool));
      }
    }
    if( src!=SQLITE_DONE ){
      err_internal(err, "database error: %s", sqlite3_errmsg(db));
      json_decref(a);
      sqlite3_exec(db, "ROLLBACK TO register; RELEASE register", 0, 0, 0);
    }else{
      sqlite3_exec(db, "RELEASE register", 0, 0, 0);
      out = json_object();
      json_object_set_new(out, "total", json_integer(nTotal));
      json_object_set_new(out, l->zKey, a);
    }
  }
  sqlite3_finalize(stCount);
  sqlite3_finalize(stPage);
  reg_clear(&g);
  return out;
}

json_t *register_decisions(sqlite3 *db, const RegisterFilter *f, Err *err){
  return reg_list(db, &listDecisions, f, err);
}

json_t *register_actions(sqlite3 *db, const RegisterFilter *f, Err *err){
  return reg_list(db, &listActions, f, err);
}
