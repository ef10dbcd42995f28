/*
** ratify.c — ratification per municipality; see ratify.h.
**
** A decision's required municipalities are read with a few prepared
** statements (kept in a Ratify, reset and bound again per decision), each
** on an index: the decision by its key, participation_topic for the
** topic's participants, membership_body for the BORA's members, the key
** (decision_id, organisation_id) of ratification for what staff recorded.
** So the timeline and the matrix cost a handful of indexed lookups per
** decision, never a scan.  Writes run in a transaction of their own that
** also writes the audit row.
*/
#include "ratify.h"
#include "buf.h"
#include "catalog.h"
#include "query.h"
#include "search.h"
#include "sql.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A decision with its document, body, topic and agenda item; "x" the
** decision, as RATIFY_RULE expects. */
#define DECISION_FROM \
  " FROM decision x JOIN document d ON d.id=x.document_id" \
  " LEFT JOIN body b ON b.id=d.body_id" \
  " LEFT JOIN topic t ON t.id=coalesce(b.topic_id, d.topic_id)" \
  " LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"

#define DECISION_COLS \
  "x.id AS id, x.text AS text, x.label AS label, d.date AS date, " CATALOG_BODY_REF("b", "body") ", " \
  CATALOG_TOPIC_REF("t", "topic") ", " CATALOG_AGENDA_LABEL ", d.original_name AS original_name, " \
  CATALOG_DOC_REF("d", "document") ", x.passage_id AS passage_id, d.meeting_id AS meeting_id"

enum { ST_INFO, ST_TOPIC, ST_BORA, ST_ANY, ST_RAT, N_ST };

static const char *const azSql[N_ST] = {
  /* staff's value, the rule, the day, the topic (NULL for the BORA's) */
  "SELECT x.ratify, " RATIFY_RULE ", coalesce(d.date, date('now','localtime')),"
  " CASE WHEN b.kind='BORA' THEN NULL ELSE coalesce(b.topic_id, d.topic_id) END"
  " FROM decision x JOIN document d ON d.id=x.document_id LEFT JOIN body b ON b.id=d.body_id"
  " WHERE x.id=?1",
  "SELECT DISTINCT o.id, o.name FROM participation x JOIN organisation o ON o.id=x.organisation_id"
  " WHERE x.topic_id=?1 AND o.kind='gemeente'" CATALOG_VALID_ON " ORDER BY o.name",
  "SELECT DISTINCT o.id, o.name FROM body b JOIN membership x ON x.body_id=b.id"
  " JOIN person p ON p.id=x.person_id JOIN organisation o ON o.id=p.organisation_id"
  " WHERE b.kind='BORA' AND x.role IN ('lid','voorzitter') AND o.kind='gemeente'"
  " AND ?1 IS NOT NULL" CATALOG_VALID_ON " ORDER BY o.name",
  "SELECT DISTINCT o.id, o.name FROM participation x JOIN organisation o ON o.id=x.organisation_id"
  " WHERE o.kind='gemeente' AND ?1 IS NOT NULL" CATALOG_VALID_ON " ORDER BY o.name",
  "SELECT r.organisation_id, o.name, r.status, r.date, r.note, r.recorded_at, r.recorded_by, "
  CATALOG_DOC_REF("dr", "document") " FROM ratification r JOIN organisation o ON o.id=r.organisation_id"
  " LEFT JOIN document dr ON dr.id=r.document_id WHERE r.decision_id=?1 ORDER BY o.name",
};

struct Ratify {
  sqlite3 *db;
  sqlite3_stmt *ast[N_ST];
  char zCutoff[16];         /* six months ago: open longer than that stands out */
  /* The last required list read, [[id, name]...], for its topic and day:
  ** a meeting's decisions share both, so the timeline reads it once per
  ** meeting. */
  json_t *aReq;
  long long iReqTopic;
  char zReqDay[16];
};

Ratify *ratify_open(sqlite3 *db, Err *err){
  Ratify *p = calloc(1, sizeof *p);
  if( p==0 ){
    err_set(err, "out of memory");
    return 0;
  }
  p->db = db;
  int rc = SQLITE_OK;
  for(int i=0; i<N_ST && rc==SQLITE_OK; i++) rc = sqlite3_prepare_v2(db, azSql[i], -1, &p->ast[i], 0);
  sqlite3_stmt *st = 0;
  if( rc==SQLITE_OK ) rc = sqlite3_prepare_v2(db, "SELECT date('now','localtime','-6 months')",
                                              -1, &st, 0);
  if( rc==SQLITE_OK && sqlite3_step(st)==SQLITE_ROW ){
    snprintf(p->zCutoff, sizeof p->zCutoff, "%s", (const char*)sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  if( rc!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    ratify_close(p);
    return 0;
  }
  return p;
}

void ratify_close(Ratify *p){
  if( p==0 ) return;
  for(int i=0; i<N_ST; i++) sqlite3_finalize(p->ast[i]);
  json_decref(p->aReq);
  free(p);
}

/* ------------------------------------------------------------ status */

/* What ST_INFO says of a decision. */
typedef struct Info {
  int bStaff;               /* decision.ratify is set */
  int iStaff;               /* its value */
  int bRule;                /* what the rule says */
  int bNeeded;
  char zDay[16];            /* the decision's date (or today) */
  long long iTopic;         /* 0: the BORA's municipalities */
} Info;

/* 0, 404 (no decision) or 500, with err set. */
static int info_read(Ratify *p, long long iDecision, Info *pI, Err *err){
  sqlite3_stmt *st = p->ast[ST_INFO];
  memset(pI, 0, sizeof *pI);
  sqlite3_bind_int64(st, 1, iDecision);
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ){
    pI->bStaff = sqlite3_column_type(st, 0)!=SQLITE_NULL;
    pI->iStaff = sqlite3_column_int(st, 0);
    pI->bRule = sqlite3_column_int(st, 1)!=0;
    pI->bNeeded = pI->bStaff ? pI->iStaff!=0 : pI->bRule;
    const char *z = (const char*)sqlite3_column_text(st, 2);
    snprintf(pI->zDay, sizeof pI->zDay, "%s", z ? z : "");
    pI->iTopic = sqlite3_column_int64(st, 3);
  }
  sqlite3_reset(st);
  if( rc==SQLITE_ROW ) return 0;
  if( rc==SQLITE_DONE ){
    err_set(err, "no decision %lld", iDecision);
    return 404;
  }
  err_internal(err, "database error: %s", sqlite3_errmsg(p->db));
  return 500;
}

static json_t *mun_new(json_t *pId, json_t *pName, int bRequired){
  return json_pack("{s:{s:o,s:o},s:b,s:s,s:n,s:n,s:s,s:n,s:n,s:b}",
                   "organisation", "id", pId, "name", pName, "required", bRequired,
                   "status", "open", "date", "document", "note", "", "recorded_at",
                   "recorded_by", "overdue", 0);
}

/* Appends the rows (id, name) of st, bound, to a as [id, name].  The
** number appended, or -1 on a database error. */
static int required_into(sqlite3_stmt *st, json_t *a){
  int n = 0, rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    json_array_append_new(a, json_pack("[oo]", catalog_column(st, 0), catalog_column(st, 1)));
    n++;
  }
  sqlite3_reset(st);
  return rc==SQLITE_DONE ? n : -1;
}

/* The municipalities a decision requires (pI says which and when), as
** [[id, name]...] by name: borrowed, valid until the next call.  NULL on
** a database error. */
static const json_t *required_read(Ratify *p, const Info *pI){
  if( p->aReq && p->iReqTopic==pI->iTopic && strcmp(p->zReqDay, pI->zDay)==0 ) return p->aReq;
  json_decref(p->aReq);
  p->aReq = json_array();
  p->iReqTopic = pI->iTopic;
  snprintf(p->zReqDay, sizeof p->zReqDay, "%s", pI->zDay);
  sqlite3_stmt *st;
  int n;
  if( pI->iTopic ){
    st = p->ast[ST_TOPIC];
    sqlite3_bind_int64(st, 1, pI->iTopic);
    sqlite3_bind_text(st, 2, pI->zDay, -1, SQLITE_STATIC);
    n = required_into(st, p->aReq);
  }else{
    st = p->ast[ST_BORA];
    sqlite3_bind_int(st, 1, 1);
    sqlite3_bind_text(st, 2, pI->zDay, -1, SQLITE_STATIC);
    n = required_into(st, p->aReq);
    if( n==0 ){
      st = p->ast[ST_ANY];
      sqlite3_bind_int(st, 1, 1);
      sqlite3_bind_text(st, 2, pI->zDay, -1, SQLITE_STATIC);
      n = required_into(st, p->aReq);
    }
  }
  if( n<0 ){
    json_decref(p->aReq);
    p->aReq = 0;
  }
  return p->aReq;
}

/* The entry of organisation iOrg in a, or NULL. */
static json_t *mun_find(json_t *a, json_int_t iOrg){
  size_t i;
  json_t *m;
  json_array_foreach(a, i, m){
    if( json_integer_value(json_object_get(json_object_get(m, "organisation"), "id"))==iOrg ){
      return m;
    }
  }
  return 0;
}

/* Adds what staff recorded to a (the required ones first, others after). */
static int recorded_read(Ratify *p, long long iDecision, json_t *a){
  sqlite3_stmt *st = p->ast[ST_RAT];
  sqlite3_bind_int64(st, 1, iDecision);
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    json_t *m = mun_find(a, sqlite3_column_int64(st, 0));
    if( m==0 ){
      m = mun_new(catalog_column(st, 0), catalog_column(st, 1), 0);
      json_array_append_new(a, m);
    }
    json_object_set_new(m, "status", catalog_column(st, 2));
    json_object_set_new(m, "date", catalog_column(st, 3));
    json_object_set_new(m, "note", catalog_column(st, 4));
    json_object_set_new(m, "recorded_at", catalog_column(st, 5));
    json_object_set_new(m, "recorded_by", catalog_column(st, 6));
    json_t *pDoc = json_null();
    if( sqlite3_column_type(st, 7)!=SQLITE_NULL ){
      pDoc = json_object();
      for(int i=7; i<15; i++){
        json_object_set_new(pDoc, sqlite3_column_name(st, i) + strlen("document."),
                            catalog_column(st, i));
      }
    }
    json_object_set_new(m, "document", pDoc);
  }
  sqlite3_reset(st);
  return rc==SQLITE_DONE ? 0 : -1;
}

/* ratify_status(), and the decision's Info for the caller. */
static json_t *status_read(Ratify *p, long long iDecision, Info *pI, int *pCode, Err *err){
  int code = info_read(p, iDecision, pI, err);
  if( pCode ) *pCode = code;
  if( code ) return 0;
  json_t *a = json_array();
  int rc = 0;
  if( pI->bNeeded ){
    const json_t *aReq = required_read(p, pI);
    size_t i;
    json_t *v;
    if( aReq==0 ) rc = -1;
    json_array_foreach(aReq, i, v){
      json_array_append_new(a, mun_new(json_incref(json_array_get(v, 0)),
                                       json_incref(json_array_get(v, 1)), 1));
    }
  }
  if( rc>=0 ) rc = recorded_read(p, iDecision, a);
  if( rc<0 ){
    json_decref(a);
    err_internal(err, "database error: %s", sqlite3_errmsg(p->db));
    if( pCode ) *pCode = 500;
    return 0;
  }
  int nNeeded = 0, nAdopted = 0, nRejected = 0, nOpen = 0;
  int bOld = strcmp(pI->zDay, p->zCutoff)<0;
  size_t i;
  json_t *m;
  json_array_foreach(a, i, m){
    if( !json_is_true(json_object_get(m, "required")) ) continue;
    const char *zSt = json_string_value(json_object_get(m, "status"));
    nNeeded++;
    if( strcmp(zSt, "adopted")==0 ) nAdopted++;
    else if( strcmp(zSt, "rejected")==0 ) nRejected++;
    else{
      nOpen++;
      if( bOld ) json_object_set_new(m, "overdue", json_true());
    }
  }
  json_t *o = json_object();
  json_object_set_new(o, "needed", json_boolean(pI->bNeeded));
  json_object_set_new(o, "reason", json_string(pI->bStaff ? "staff" : "rule"));
  json_object_set_new(o, "rule", json_boolean(pI->bRule));
  json_object_set_new(o, "ratify", pI->bStaff ? json_boolean(pI->iStaff) : json_null());
  json_object_set_new(o, "municipalities", a);
  json_object_set_new(o, "totals", json_pack("{s:i,s:i,s:i,s:i}", "needed", nNeeded,
                      "adopted", nAdopted, "rejected", nRejected, "open", nOpen));
  return o;
}

json_t *ratify_status(Ratify *p, long long iDecision, Err *err){
  Info info;
  return status_read(p, iDecision, &info, 0, err);
}

/* The summary reads no more than it counts: the required list (cached
** per topic and day) and the decision's few ratification rows. */
json_t *ratify_summary(Ratify *p, long long iDecision, Err *err){
  Info info;
  int code = info_read(p, iDecision, &info, err);
  if( code ) return 0;
  json_t *aOpen = json_array();
  int nReq = 0, nAdopted = 0, nRejected = 0;
  if( info.bNeeded ){
    const json_t *aReq = required_read(p, &info);
    /* the recorded rows (usually none): organisation and status */
    struct { long long iOrg; int iSt; } *aRec = 0;
    int nRec = 0, rc = SQLITE_ERROR;
    sqlite3_stmt *st = p->ast[ST_RAT];
    if( aReq ){
      sqlite3_bind_int64(st, 1, iDecision);
      while( (rc = sqlite3_step(st))==SQLITE_ROW ){
        aRec = xrealloc(aRec, (size_t)(nRec+1)*sizeof *aRec);
        aRec[nRec].iOrg = sqlite3_column_int64(st, 0);
        const char *zSt = (const char*)sqlite3_column_text(st, 2);
        aRec[nRec++].iSt = zSt && strcmp(zSt, "adopted")==0 ? 1 : zSt && strcmp(zSt, "rejected")==0 ? 2 : 0;
      }
      sqlite3_reset(st);
    }
    if( rc!=SQLITE_DONE ){
      free(aRec);
      json_decref(aOpen);
      err_internal(err, "database error: %s", sqlite3_errmsg(p->db));
      return 0;
    }
    size_t i;
    json_t *v;
    json_array_foreach(aReq, i, v){
      json_int_t iOrg = json_integer_value(json_array_get(v, 0));
      int iSt = 0;
      for(int k=0; k<nRec; k++) if( aRec[k].iOrg==iOrg ) iSt = aRec[k].iSt;
      nReq++;
      if( iSt==1 ) nAdopted++;
      else if( iSt==2 ) nRejected++;
      else json_array_append(aOpen, json_array_get(v, 1));
    }
    free(aRec);
  }
  return json_pack("{s:b,s:i,s:i,s:i,s:o}", "needed", info.bNeeded, "required", nReq,
                   "adopted", nAdopted, "rejected", nRejected, "open", aOpen);
}

/* ---------------------------------------------------------- decision */

static const char *const azDecisionBool[] = { "proposed", "removed", 0 };

json_t *ratify_decision(sqlite3 *db, long long iDecision, Err *err){
  static const char zSql[] =
    "SELECT " DECISION_COLS ", x.proposed AS proposed, x.removed AS removed, x.source AS source,"
    " rd.id AS \"refers_to.id\", rd.text AS \"refers_to.text\", rdd.date AS \"refers_to.date\","
    " x.refers_by AS refers_by, x.refers_date AS refers_date, x.refers_body AS refers_body"
    DECISION_FROM " LEFT JOIN decision rd ON rd.id=x.refers_to"
    " LEFT JOIN document rdd ON rdd.id=rd.document_id WHERE x.id=?1";
  if( sqlite3_exec(db, "SAVEPOINT ratify", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    return 0;
  }
  json_t *out = 0;
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &st, 0);
  if( rc==SQLITE_OK ){
    sqlite3_bind_int64(st, 1, iDecision);
    rc = sqlite3_step(st);
  }
  if( rc==SQLITE_ROW ){
    out = catalog_row(st, azDecisionBool);
  }else if( rc==SQLITE_DONE ){
    err_set(err, "no decision %lld", iDecision);
  }else{
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(st);
  /* the later decisions that follow this one */
  json_t *aFollow = out ? catalog_rows(db, "SELECT f.id AS id, f.text AS text, fd.date AS date"
                                       " FROM decision f JOIN document fd ON fd.id=f.document_id"
                                       " WHERE f.refers_to=?1 AND f.removed=0"
                                       " ORDER BY fd.date, f.id", iDecision, 0) : 0;
  if( aFollow ){
    json_object_set_new(out, "followed_by", aFollow);
  }else if( out ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    json_decref(out);
    out = 0;
  }
  if( out ){
    Ratify *p = ratify_open(db, err);
    json_t *s = p ? ratify_status(p, iDecision, err) : 0;
    ratify_close(p);
    if( s ) json_object_set_new(out, "ratification", s);
    else{
      json_decref(out);
      out = 0;
    }
  }
  sqlite3_exec(db, "RELEASE ratify", 0, 0, 0);
  return out;
}

/* ------------------------------------------------------------ matrix */

/* The body filter: a body's id, or a kind ("BO": every BO) into zKind. */
static int body_filter(sqlite3 *db, const char *z, long long *piBody, char zKind[8], Err *err){
  static const char *const azKind[] = { "BORA", "ARG", "BRA", "BO", "AO", 0 };
  Err e = ERR_INIT;
  long long id = search_resolve(db, "body", z, &e);
  if( id>0 ){
    *piBody = id;
    return 0;
  }
  for(int i=0; azKind[i]; i++){
    if( strcasecmp(z, azKind[i])==0 ){
      snprintf(zKind, 8, "%s", azKind[i]);
      return 0;
    }
  }
  return err_set(err, "%s", e.msg);
}

static void bind_day(sqlite3_stmt *st, int i, const char *zDay){
  if( zDay[0] ) sqlite3_bind_text(st, i, zDay, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, i);
}

/* The cells of row d for the columns aCol ({id, name}). */
static json_t *cells_of(const json_t *d, const json_t *aCol){
  json_t *aCell = json_array();
  json_t *aMun = json_object_get(json_object_get(d, "ratification"), "municipalities");
  size_t i;
  json_t *c;
  json_array_foreach(aCol, i, c){
    json_t *m = mun_find(aMun, json_integer_value(json_object_get(c, "id")));
    json_t *pDoc = m ? json_object_get(m, "document") : 0;
    const char *zSt = m ? json_string_value(json_object_get(m, "status")) : 0;
    int bReq = m && json_is_true(json_object_get(m, "required"));
    if( zSt && strcmp(zSt, "open")==0 && !bReq ) zSt = 0;
    json_array_append_new(aCell, json_pack("{s:s,s:O,s:o,s:b}",
        "status", zSt ? zSt : "not_required",
        "date", m ? json_object_get(m, "date") : json_null(),
        "document_id", json_is_object(pDoc) ? json_incref(json_object_get(pDoc, "id"))
                                            : json_null(),
        "overdue", m && json_is_true(json_object_get(m, "overdue"))));
  }
  return aCell;
}

/* The columns of the rows a: every organisation in them, by name. */
static json_t *columns_of(const json_t *a){
  json_t *byName = json_object();
  size_t i, k;
  json_t *d, *m;
  json_array_foreach(a, i, d){
    json_array_foreach(json_object_get(json_object_get(d, "ratification"), "municipalities"), k, m){
      json_t *o = json_object_get(m, "organisation");
      const char *zName = json_string_value(json_object_get(o, "name"));
      if( zName && !json_object_get(byName, zName) ) json_object_set(byName, zName, o);
    }
  }
  /* jansson keeps insertion order: sort the names */
  size_t n = json_object_size(byName);
  const char **az = calloc(n ? n : 1, sizeof *az);
  const char *zKey;
  json_t *v;
  size_t j = 0;
  json_object_foreach(byName, zKey, v) az[j++] = zKey;
  for(size_t x=1; x<n; x++){
    for(size_t y=x; y>0 && strcmp(az[y-1], az[y])>0; y--){
      const char *t = az[y]; az[y] = az[y-1]; az[y-1] = t;
    }
  }
  json_t *aCol = json_array();
  for(j=0; j<n; j++) json_array_append(aCol, json_object_get(byName, az[j]));
  free(az);
  json_decref(byName);
  return aCol;
}

json_t *ratify_matrix(sqlite3 *db, const RatifyFilter *f, Err *err){
  static const char zSql[] =
    "SELECT " DECISION_COLS DECISION_FROM " WHERE " RATIFY_NEEDED
    " AND (?1 IS NULL OR coalesce(b.topic_id, d.topic_id)=?1)"
    " AND (?2 IS NULL OR d.body_id=?2) AND (?3 IS NULL OR b.kind=?3)"
    " AND (?4 IS NULL OR d.date>=?4) AND (?5 IS NULL OR d.date<=?5)"
    " ORDER BY d.date IS NULL, d.date DESC, d.id DESC, x.seq";
  char zFrom[11], zTo[11], zKind[8] = "";
  long long iTopic = 0, iBody = 0;
  if( query_span(f->zFrom, f->zTo, zFrom, zTo, err) ) return 0;
  if( f->zTopic && f->zTopic[0] && (iTopic = search_resolve(db, "topic", f->zTopic, err))<0 ){
    return 0;
  }
  if( f->zBody && f->zBody[0] && body_filter(db, f->zBody, &iBody, zKind, err) ) return 0;
  int nLimit = f->nLimit<=0 ? RATIFY_LIMIT_DEFAULT
             : f->nLimit>RATIFY_LIMIT_MAX ? RATIFY_LIMIT_MAX : f->nLimit;
  int nOffset = f->nOffset>0 ? f->nOffset : 0;
  if( sqlite3_exec(db, "SAVEPOINT ratify", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    return 0;
  }
  sqlite3_stmt *st = 0;
  Ratify *p = ratify_open(db, err);
  json_t *a = json_array(), *out = 0;
  int rc = p ? sqlite3_prepare_v2(db, zSql, -1, &st, 0) : SQLITE_ERROR;
  long long nTotal = 0;
  if( rc==SQLITE_OK ){
    if( iTopic>0 ) sqlite3_bind_int64(st, 1, iTopic);
    if( iBody>0 ) sqlite3_bind_int64(st, 2, iBody);
    if( zKind[0] ) sqlite3_bind_text(st, 3, zKind, -1, SQLITE_STATIC);
    bind_day(st, 4, zFrom);
    bind_day(st, 5, zTo);
    while( (rc = sqlite3_step(st))==SQLITE_ROW ){
      long long iDec = sqlite3_column_int64(st, 0);
      json_t *s = ratify_status(p, iDec, err);
      if( s==0 ){
        rc = SQLITE_ERROR;
        break;
      }
      json_t *pT = json_object_get(s, "totals");
      if( f->bOpen && json_integer_value(json_object_get(pT, "open"))==0 ){
        json_decref(s);
        continue;
      }
      if( nTotal>=nOffset && nTotal<(long long)nOffset+nLimit ){
        json_t *d = catalog_row(st, 0);
        json_object_set_new(d, "ratification", s);
        json_array_append_new(a, d);
      }else{
        json_decref(s);
      }
      nTotal++;
    }
  }
  if( rc==SQLITE_DONE ){
    json_t *aCol = columns_of(a);
    int anT[4] = { 0, 0, 0, 0 };
    static const char *const azT[4] = { "needed", "adopted", "rejected", "open" };
    size_t i;
    json_t *d;
    json_array_foreach(a, i, d){
      json_object_set_new(d, "cells", cells_of(d, aCol));
      json_t *pT = json_object_get(json_object_get(d, "ratification"), "totals");
      for(int k=0; k<4; k++) anT[k] += (int)json_integer_value(json_object_get(pT, azT[k]));
    }
    out = json_object();
    json_object_set_new(out, "total", json_integer(nTotal));
    json_object_set_new(out, "from", zFrom[0] ? json_string(zFrom) : json_null());
    json_object_set_new(out, "to", zTo[0] ? json_string(zTo) : json_null());
    json_object_set_new(out, "municipalities", aCol);
    json_object_set_new(out, "decisions", a);
    json_object_set_new(out, "totals", json_pack("{s:i,s:i,s:i,s:i}", azT[0], anT[0],
                        azT[1], anT[1], azT[2], anT[2], azT[3], anT[3]));
    a = 0;
  }else if( p ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  json_decref(a);
  sqlite3_finalize(st);
  ratify_close(p);
  sqlite3_exec(db, "RELEASE ratify", 0, 0, 0);
  return out;
}

/* ------------------------------------------------------------- writes */

/* Is z a real day, YYYY-MM-DD? */
static int is_day(const char *z){
  char zFirst[11], zLast[11];
  return z && strlen(z)==10 && query_period(z, zFirst, zLast)==0
      && strcmp(zFirst, z)==0 && strcmp(zLast, z)==0;
}

/* Resolves zOrg (an id or a name) to its id and name.  0 or 422. */
static int org_resolve(sqlite3 *db, const char *zOrg, long long *piOrg, Buf *pName, Err *err){
  sqlite3_stmt *st;
  int bId = zOrg[0]!=0 && strspn(zOrg, "0123456789")==strlen(zOrg) && strlen(zOrg)<16;
  if( sqlite3_prepare_v2(db, bId ? "SELECT id, name FROM organisation WHERE id=?1"
                                 : "SELECT id, name FROM organisation WHERE name=?1",
                         -1, &st, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    return 500;
  }
  if( bId ) sqlite3_bind_int64(st, 1, atoll(zOrg));
  else sqlite3_bind_text(st, 1, zOrg, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ){
    *piOrg = sqlite3_column_int64(st, 0);
    buf_puts(pName, (const char*)sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  if( rc==SQLITE_ROW ) return 0;
  err_set(err, "unknown municipality \"%s\"", zOrg);
  return 422;
}

/* The checks and the write of ratify_record(), inside its transaction. */
static int record_in(sqlite3 *db, long long iDecision, const char *zOrg, const char *zStatus,
                     const char *zDate, long long iDoc, const char *zNote, const char *zActor,
                     Err *err){
  int bOpen = strcmp(zStatus, "open")==0;
  Ratify *p = ratify_open(db, err);
  if( p==0 ) return 500;
  Info info;
  int code = 0;
  json_t *s = status_read(p, iDecision, &info, &code, err);
  ratify_close(p);
  if( s==0 ) return code;
  long long iOrg = 0;
  Buf name = BUF_INIT;
  code = org_resolve(db, zOrg, &iOrg, &name, err);
  json_t *m = code ? 0 : mun_find(json_object_get(s, "municipalities"), iOrg);
  int bRequired = m && json_is_true(json_object_get(m, "required"));
  const char *zWas = m ? json_string_value(json_object_get(m, "status")) : "open";
  char zToday[16] = "";
  if( code==0 && !bOpen ){
    sqlite3_stmt *st;
    if( sqlite3_prepare_v2(db, "SELECT date('now','localtime')", -1, &st, 0)==SQLITE_OK
     && sqlite3_step(st)==SQLITE_ROW ){
      snprintf(zToday, sizeof zToday, "%s", (const char*)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  if( code ){
    /* unknown municipality: set */
  }else if( !bOpen && !info.bNeeded ){
    err_set(err, "decision %lld does not need ratification", iDecision);
    code = 422;
  }else if( !bOpen && !bRequired ){
    err_set(err, "%s is not required to ratify decision %lld (not taking part on %s)", name.z,
            iDecision, info.zDay);
    code = 422;
  }else if( !bOpen && strcmp(zDate, zToday)>0 ){
    err_set(err, "date %s is in the future", zDate);
    code = 422;
  }else if( !bOpen && strcmp(zDate, info.zDay)<0 ){
    err_set(err, "date %s is before the decision (%s)", zDate, info.zDay);
    code = 422;
  }else if( !bOpen && iDoc>0 ){
    long long n = 0;
    if( sql_int(db, err, &n, "SELECT count(*) FROM document WHERE id=?1", "i", iDoc) ){
      code = 500;
    }else if( n==0 ){
      err_set(err, "no document %lld", iDoc);
      code = 422;
    }
  }
  json_t *pDetail = 0;
  if( code==0 && !(bOpen && strcmp(zWas, "open")==0) ){
    pDetail = json_pack("{s:s,s:s,s:o,s:o,s:s,s:s}", "organisation", name.z, "status", zStatus,
                        "date", bOpen ? json_null() : json_string(zDate),
                        "document", !bOpen && iDoc>0 ? json_integer(iDoc) : json_null(),
                        "note", bOpen || zNote==0 ? "" : zNote, "was", zWas);
    if( pDetail==0 ){
      err_set(err, "the note is not valid UTF-8");
      code = 400;
    }
  }
  if( pDetail ){
    char *zDetail = json_dumps(pDetail, JSON_COMPACT);
    char zObject[40];
    snprintf(zObject, sizeof zObject, "decision:%lld", iDecision);
    int rc = bOpen
      ? sql_exec(db, err, "DELETE FROM ratification WHERE decision_id=?1 AND organisation_id=?2",
                 "ii", iDecision, iOrg)
      : sql_exec(db, err, "INSERT INTO ratification(decision_id, organisation_id, status, date,"
                " document_id, note, recorded_at, recorded_by)"
                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?7)"
                " ON CONFLICT(decision_id, organisation_id) DO UPDATE SET status=excluded.status,"
                " date=excluded.date, document_id=excluded.document_id, note=excluded.note,"
                " recorded_at=excluded.recorded_at, recorded_by=excluded.recorded_by",
                "iittntt", iDecision, iOrg, zStatus, zDate, iDoc, zNote ? zNote : "", zActor);
    if( rc==0 ){
      rc = store_audit(db, err, zActor, "ratification.record", zObject, zDetail);
    }
    free(zDetail);
    if( rc ) code = 500;
  }
  json_decref(pDetail);
  json_decref(s);
  buf_release(&name);
  return code;
}

/* ratify_record(), or with bDry its checks only (rolled back). */
static int record(sqlite3 *db, long long iDecision, const char *zOrg, const char *zStatus,
                  const char *zDate, long long iDoc, const char *zNote, const char *zActor,
                  int bDry, Err *err){
  if( zStatus==0 || (strcmp(zStatus, "adopted") && strcmp(zStatus, "rejected")
                     && strcmp(zStatus, "open")) ){
    err_set(err, "status must be adopted, rejected or open");
    return 400;
  }
  if( zOrg==0 || zOrg[0]==0 ){
    err_set(err, "no municipality given");
    return 400;
  }
  int bOpen = strcmp(zStatus, "open")==0;
  if( !bOpen && (zDate==0 || zDate[0]==0) ){
    err_set(err, "a date is needed for %s (YYYY-MM-DD)", zStatus);
    return 400;
  }
  if( !bOpen && !is_day(zDate) ){
    err_set(err, "bad date \"%s\": use YYYY-MM-DD", zDate);
    return 400;
  }
  if( zNote && strlen(zNote)>RATIFY_NOTE_MAX ){
    err_set(err, "the note is longer than %d bytes", RATIFY_NOTE_MAX);
    return 400;
  }
  if( iDoc<0 ){
    err_set(err, "bad document id");
    return 400;
  }
  if( sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    return 500;
  }
  int code = record_in(db, iDecision, zOrg, zStatus, zDate, iDoc, zNote, zActor ? zActor : "",
                       err);
  if( code==0 && bDry ){
    sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
    return 0;
  }
  if( code==0 && sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    code = 500;
  }
  if( code ) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  return code;
}

int ratify_record(sqlite3 *db, long long iDecision, const char *zOrg, const char *zStatus,
                  const char *zDate, long long iDoc, const char *zNote, const char *zActor,
                  Err *err){
  return record(db, iDecision, zOrg, zStatus, zDate, iDoc, zNote, zActor, 0, err);
}

int ratify_check(sqlite3 *db, long long iDecision, const char *zOrg, const char *zStatus,
                 const char *zDate, const char *zNote, Err *err){
  return record(db, iDecision, zOrg, zStatus, zDate, 0, zNote, "", 1, err);
}

int ratify_set_needed(sqlite3 *db, long long iDecision, int iRatify, const char *zActor,
                      Err *err){
  if( iRatify<-1 || iRatify>1 ){
    err_set(err, "ratify must be 1, 0 or -1");
    return 400;
  }
  if( sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    return 500;
  }
  int code = 0;
  long long n = 0, iOld = 0;
  if( sql_int(db, err, &n, "SELECT count(*) FROM decision WHERE id=?1", "i", iDecision)
   || sql_int(db, err, &iOld, "SELECT coalesce(ratify, -1) FROM decision WHERE id=?1", "i",
              iDecision) ){
    code = 500;
  }else if( n==0 ){
    err_set(err, "no decision %lld", iDecision);
    code = 404;
  }else if( iOld!=iRatify ){
    char zObject[40];
    snprintf(zObject, sizeof zObject, "decision:%lld", iDecision);
    json_t *pDetail = json_pack("{s:[oo]}", "ratify",
                                iOld<0 ? json_null() : json_boolean(iOld),
                                iRatify<0 ? json_null() : json_boolean(iRatify));
    char *zDetail = json_dumps(pDetail, JSON_COMPACT);
    json_decref(pDetail);
    if( (iRatify<0 ? sql_exec(db, err, "UPDATE decision SET ratify=NULL WHERE id=?1", "i", iDecision)
                   : sql_exec(db, err, "UPDATE decision SET ratify=?2 WHERE id=?1", "ii", iDecision,
                              (long long)iRatify))
     || store_audit(db, err, zActor ? zActor : "", "ratification.needed", zObject, zDetail) ){
      code = 500;
    }
    free(zDetail);
  }
  if( code==0 && sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    code = 500;
  }
  if( code ) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  return code;
}
