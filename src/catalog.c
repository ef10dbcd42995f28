/*
** catalog.c — the archive as the pages and the API show it, and the
** metadata staff correct by hand; see catalog.h.
**
** Objects are read with prepared statements whose column names are the
** JSON keys (row_set()), so each statement's SQL is the shape it yields.
** One call prepares each statement it needs once (Cat) and nests them: a
** list of meetings steps the meetings and, per meeting, the statement of
** its bodies.  All of a call's reads happen in one savepoint, so an
** object is read from one snapshot even while an import commits.
*/
#include "catalog.h"
#include "sql.h"
#include "store.h"
#include "buf.h"
#include "import.h"
#include "query.h"
#include "search.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_LIMIT_DEFAULT 20
#define STR_(x) #x
#define STR(x) STR_(x)

/* Reference columns, in the key order of catalog.h. */
#define BODY_COLS "id AS id, name AS name, full_name AS full_name, kind AS kind"
#define DOC_COLS "id AS id, title AS title, original_name AS original_name," \
                 " date AS date, kind AS kind, status AS status, format AS format," \
                 " size AS size"
#define MEETING_COLS "m.id AS id, m.date AS date, m.location AS location"
/* Whether the dated row t (valid_from, valid_to) holds today, local time. */
#define CURRENT(t) "(coalesce(" t ".valid_from, '') <= date('now', 'localtime')" \
                   " AND coalesce(" t ".valid_to, '9999') >= date('now', 'localtime'))" \
                   " AS current"

/* --------------------------------------------------------- statements */

enum {
  ST_BODY_REF, ST_TOPIC_REF, ST_MEETING_REF, ST_DOC_REF, ST_MEETING_BODIES,
  ST_DOC, ST_DOC_MUNICIPALITIES, ST_DOC_VERSIONS, ST_DOC_MEETING_DOCS, ST_DOC_PASSAGES,
  ST_MEETING, ST_MEETING_DOCS, ST_MEETING_PREPARED_BY, ST_MEETING_PREPARES,
  ST_BODY, ST_BODY_PREPARED_BY, ST_BODY_MEMBERS, ST_BODY_MEETINGS,
  ST_TOPIC, ST_TOPIC_BODIES, ST_TOPIC_PARTICIPANTS, ST_TOPIC_HOLDERS, ST_TOPIC_DOCS,
  ST_BODIES, ST_TOPICS, ST_MEETINGS_COUNT, ST_MEETINGS,
  N_STMT
};

/* The meetings catalog_meetings() lists: ?1 a body (0: any), ?2 and ?3
** the first and the last day (NULL: open). */
#define MEETINGS_WHERE \
  " FROM meeting m WHERE (?1=0 OR m.id IN (SELECT meeting_id FROM meeting_body" \
  " WHERE body_id=?1)) AND (?2 IS NULL OR m.date>=?2) AND (?3 IS NULL OR m.date<=?3)"

static const char *const azSql[N_STMT] = {
  [ST_BODY_REF] = "SELECT " BODY_COLS " FROM body WHERE id=?1",
  [ST_TOPIC_REF] = "SELECT id AS id, name AS name FROM topic WHERE id=?1",
  [ST_MEETING_REF] = "SELECT " MEETING_COLS " FROM meeting m WHERE m.id=?1",
  [ST_DOC_REF] = "SELECT " DOC_COLS " FROM document WHERE id=?1",
  [ST_MEETING_BODIES] =
    "SELECT b.id AS id, b.name AS name, b.full_name AS full_name, b.kind AS kind"
    " FROM meeting_body mb JOIN body b ON b.id=mb.body_id WHERE mb.meeting_id=?1"
    " ORDER BY b.name",

  /* catalog_document(): the columns row_document() expects */
  [ST_DOC] =
    "SELECT id AS id, title AS title, original_name AS original_name, sha256 AS sha256,"
    " size AS size, format AS format, date AS date, kind AS kind, status AS status,"
    " body_id, topic_id, meeting_id, imported_at AS imported_at,"
    " imported_by AS imported_by, metadata, version_of FROM document WHERE id=?1",
  [ST_DOC_MUNICIPALITIES] =
    "SELECT o.name FROM document_municipality dm"
    " JOIN organisation o ON o.id=dm.organisation_id WHERE dm.document_id=?1"
    " ORDER BY o.name",
  /* The versions of a document: up its version_of chain to the first
  ** one, then down to every later one.  UNION, not UNION ALL: a cycle
  ** (never made, but a hand-edited archive could hold one) ends. */
  [ST_DOC_VERSIONS] =
    "WITH RECURSIVE"
    " up(id, prev) AS (SELECT id, version_of FROM document WHERE id=?1"
    "   UNION SELECT d.id, d.version_of FROM document d JOIN up ON d.id=up.prev),"
    " down(id) AS (SELECT id FROM up WHERE prev IS NULL"
    "   UNION SELECT d.id FROM document d JOIN down ON d.version_of=down.id)"
    " SELECT " DOC_COLS " FROM document WHERE id IN (SELECT id FROM down) AND id<>?1"
    " ORDER BY id DESC",
  [ST_DOC_MEETING_DOCS] =
    "SELECT " DOC_COLS " FROM document"
    " WHERE meeting_id=(SELECT meeting_id FROM document WHERE id=?1) AND id<>?1 ORDER BY id",
  [ST_DOC_PASSAGES] =
    "SELECT id AS id, heading AS heading, text AS text, seq AS ord, kind AS kind"
    " FROM passage WHERE document_id=?1 ORDER BY seq",

  /* catalog_meeting(): prepares_by, who of staff set which BO meeting it
  ** prepares (correct.h) */
  [ST_MEETING] = "SELECT " MEETING_COLS ", m.prepares_by AS prepares_by FROM meeting m WHERE m.id=?1",
  [ST_MEETING_DOCS] = "SELECT " DOC_COLS " FROM document WHERE meeting_id=?1 ORDER BY id",
  /* Which AO meeting prepared which BO meeting is decided when the
  ** meetings are stored (import.c, links.c, table meeting_prepares), or by
  ** staff; how: next (the rule), reference (a document says), staff. */
  [ST_MEETING_PREPARED_BY] =
    "SELECT " MEETING_COLS ", mp.how AS how FROM meeting_prepares mp"
    " JOIN meeting m ON m.id=mp.ao_meeting_id"
    " WHERE mp.bo_meeting_id=?1 ORDER BY m.date DESC, m.id DESC",
  [ST_MEETING_PREPARES] =
    "SELECT " MEETING_COLS ", mp.how AS how FROM meeting_prepares mp"
    " JOIN meeting m ON m.id=mp.bo_meeting_id"
    " WHERE mp.ao_meeting_id=?1 ORDER BY m.date, m.id",

  /* catalog_body(); members in the order of "overleg org export" */
  [ST_BODY] = "SELECT " BODY_COLS ", topic_id, prepares_id FROM body WHERE id=?1",
  [ST_BODY_PREPARED_BY] = "SELECT " BODY_COLS " FROM body WHERE prepares_id=?1 ORDER BY name",
  [ST_BODY_MEMBERS] =
    "SELECT pe.name AS person, o.name AS organisation, m.role AS role,"
    " m.valid_from AS \"from\", m.valid_to AS \"to\", " CURRENT("m")
    " FROM membership m JOIN person pe ON pe.id=m.person_id"
    " LEFT JOIN organisation o ON o.id=pe.organisation_id WHERE m.body_id=?1"
    " ORDER BY CASE m.role WHEN 'voorzitter' THEN 0 WHEN 'lid' THEN 1 WHEN 'adviseur' THEN 2"
    " WHEN 'secretaris' THEN 3 WHEN 'notulist' THEN 4 ELSE 5 END, m.role,"
    " o.name, pe.name, m.valid_from, m.valid_to IS NULL, m.valid_to, m.id",
  [ST_BODY_MEETINGS] =
    "SELECT " MEETING_COLS " FROM meeting_body mb JOIN meeting m ON m.id=mb.meeting_id"
    " WHERE mb.body_id=?1 ORDER BY m.date DESC, m.id DESC",

  /* catalog_topic(); lists in the order of "overleg org export" */
  [ST_TOPIC] =
    "SELECT id AS id, name AS name, kind AS kind, agenda AS agenda,"
    " valid_from AS \"from\", valid_to AS \"to\","
    " (SELECT count(*) FROM document WHERE topic_id=?1) AS document_count"
    " FROM topic WHERE id=?1",
  [ST_TOPIC_BODIES] =
    "SELECT " BODY_COLS " FROM body WHERE topic_id=?1"
    " ORDER BY CASE kind WHEN 'BO' THEN 0 WHEN 'AO' THEN 1 ELSE 2 END, name",
  [ST_TOPIC_PARTICIPANTS] =
    "SELECT o.name AS organisation, o.kind AS kind, p.valid_from AS \"from\","
    " p.valid_to AS \"to\", " CURRENT("p")
    " FROM participation p JOIN organisation o ON o.id=p.organisation_id"
    " WHERE p.topic_id=?1 ORDER BY o.name, p.valid_from, p.valid_to IS NULL, p.valid_to, p.id",
  [ST_TOPIC_HOLDERS] =
    "SELECT pe.name AS person, o.name AS organisation, f.valid_from AS \"from\","
    " f.valid_to AS \"to\", " CURRENT("f")
    " FROM portfolio f JOIN person pe ON pe.id=f.person_id"
    " LEFT JOIN organisation o ON o.id=pe.organisation_id WHERE f.topic_id=?1"
    " ORDER BY f.valid_from, pe.name, o.name, f.valid_to IS NULL, f.valid_to, f.id",
  /* the index on (topic_id, date) holds the id too: no sorting */
  [ST_TOPIC_DOCS] =
    "SELECT " DOC_COLS " FROM document WHERE topic_id=?1 ORDER BY date DESC, id DESC"
    " LIMIT " STR(CATALOG_TOPIC_DOCS),

  /* the lists */
  [ST_BODIES] =
    "SELECT " BODY_COLS ", topic_id FROM body ORDER BY CASE kind WHEN 'BORA' THEN 0"
    " WHEN 'ARG' THEN 1 WHEN 'BRA' THEN 2 WHEN 'BO' THEN 3 WHEN 'AO' THEN 4 ELSE 5 END, name",
  [ST_TOPICS] =
    "SELECT id AS id, name AS name, kind AS kind, valid_from AS \"from\","
    " valid_to AS \"to\" FROM topic ORDER BY name",
  [ST_MEETINGS_COUNT] = "SELECT count(*)" MEETINGS_WHERE,
  [ST_MEETINGS] =
    "SELECT " MEETING_COLS ", (SELECT count(*) FROM document d WHERE d.meeting_id=m.id)"
    " AS documents" MEETINGS_WHERE " ORDER BY m.date DESC, m.id DESC LIMIT ?4 OFFSET ?5",
};

/* One call's statements, each prepared on first use.  A statement is not
** used again while its rows are being read. */
typedef struct Cat {
  sqlite3 *db;
  sqlite3_stmt *ap[N_STMT];
  int rc;                  /* SQLITE_OK, or the first error */
} Cat;

static void cat_open(Cat *c, sqlite3 *db){
  memset(c, 0, sizeof *c);
  c->db = db;
  c->rc = sqlite3_exec(db, "SAVEPOINT catalog", 0, 0, 0);
}

/* Ends the call: o, or NULL (o freed) when a statement failed. */
static json_t *cat_close(Cat *c, json_t *o){
  for(int i=0; i<N_STMT; i++) sqlite3_finalize(c->ap[i]);
  if( c->rc==SQLITE_OK ) c->rc = sqlite3_exec(c->db, "RELEASE catalog", 0, 0, 0);
  else sqlite3_exec(c->db, "ROLLBACK TO catalog; RELEASE catalog", 0, 0, 0);
  if( c->rc==SQLITE_OK ) return o;
  json_decref(o);
  return 0;
}

/* Statement i, ready for new bindings; NULL once anything failed. */
static sqlite3_stmt *cat_stmt(Cat *c, int i){
  if( c->rc!=SQLITE_OK ) return 0;
  if( c->ap[i]==0 ){
    c->rc = sqlite3_prepare_v2(c->db, azSql[i], -1, &c->ap[i], 0);
  }else{
    sqlite3_reset(c->ap[i]);
    sqlite3_clear_bindings(c->ap[i]);
  }
  return c->rc==SQLITE_OK ? c->ap[i] : 0;
}

/* Steps st: 1 on a row, 0 at the end or after an error (kept in c). */
static int cat_step(Cat *c, sqlite3_stmt *st){
  if( st==0 || c->rc!=SQLITE_OK ) return 0;
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ) return 1;
  if( rc!=SQLITE_DONE ) c->rc = rc;
  return 0;
}

/* ------------------------------------------------------ rows to JSON */

const char *catalog_str(const json_t *o, const char *zKey){
  return json_string_value(json_object_get(o, zKey));
}

json_t *catalog_column(sqlite3_stmt *st, int i){
  switch( sqlite3_column_type(st, i) ){
    case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT: return json_real(sqlite3_column_double(st, i));
    case SQLITE_TEXT: {
      json_t *j = json_stringn((const char*)sqlite3_column_text(st, i),
                               (size_t)sqlite3_column_bytes(st, i));
      return j ? j : json_null();
    }
    default: return json_null();
  }
}

json_t *catalog_row(sqlite3_stmt *st, const char *const *azBool){
  json_t *o = json_object(), *pSub = 0;
  for(int i=0, n=sqlite3_column_count(st); i<n; i++){
    const char *zName = sqlite3_column_name(st, i);
    const char *zDot = strchr(zName, '.');
    if( zDot==0 ){
      int bBool = 0;
      for(int k=0; azBool && azBool[k] && !bBool; k++) bBool = strcmp(zName, azBool[k])==0;
      json_object_set_new(o, zName, bBool ? json_boolean(sqlite3_column_int(st, i))
                                          : catalog_column(st, i));
      continue;
    }
    if( strcmp(zDot+1, "id")==0 ){
      char zObj[32];
      snprintf(zObj, sizeof zObj, "%.*s", (int)(zDot-zName), zName);
      pSub = sqlite3_column_type(st, i)==SQLITE_NULL ? 0 : json_object();
      json_object_set_new(o, zObj, pSub ? pSub : json_null());
    }
    if( pSub ) json_object_set_new(pSub, zDot+1, catalog_column(st, i));
  }
  return o;
}

json_t *catalog_rows(sqlite3 *db, const char *zSql, long long iArg, const char *const *azBool){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, zSql, -1, &st, 0)!=SQLITE_OK ) return 0;
  sqlite3_bind_int64(st, 1, iArg);
  return catalog_rows_of(st, azBool);
}

json_t *catalog_rows_of(sqlite3_stmt *st, const char *const *azBool){
  if( st==0 ) return 0;
  json_t *a = json_array();
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ) json_array_append_new(a, catalog_row(st, azBool));
  sqlite3_finalize(st);
  if( rc!=SQLITE_DONE ){
    json_decref(a);
    return 0;
  }
  return a;
}

/* Adds the columns [iFirst, iEnd) of st's row to o, keyed by their
** names; a column named "current" is a boolean. */
static void row_set(json_t *o, sqlite3_stmt *st, int iFirst, int iEnd){
  for(int i=iFirst; i<iEnd; i++){
    const char *zName = sqlite3_column_name(st, i);
    json_object_set_new(o, zName, strcmp(zName, "current")==0
                        ? json_boolean(sqlite3_column_int(st, i)) : catalog_column(st, i));
  }
}

typedef json_t *(*RowFn)(Cat *c, sqlite3_stmt *st);

/* The whole row as an object. */
static json_t *row_object(Cat *c, sqlite3_stmt *st){
  json_t *o = json_object();
  row_set(o, st, 0, sqlite3_column_count(st));
  return o;
}

/* The first column alone. */
static json_t *row_value(Cat *c, sqlite3_stmt *st){
  return catalog_column(st, 0);
}

/* Steps st to its end: an array of xRow() per row. */
static json_t *cat_rows(Cat *c, sqlite3_stmt *st, RowFn xRow){
  json_t *a = json_array();
  while( cat_step(c, st) ) json_array_append_new(a, xRow(c, st));
  return a;
}

/* The rows of statement i with ?1 = iArg. */
static json_t *cat_list(Cat *c, int i, long long iArg, RowFn xRow){
  sqlite3_stmt *st = cat_stmt(c, i);
  if( st ) sqlite3_bind_int64(st, 1, iArg);
  return cat_rows(c, st, xRow);
}

/* The first row of statement i with ?1 = iArg, or NULL when none. */
static json_t *cat_one(Cat *c, int i, long long iArg, RowFn xRow){
  sqlite3_stmt *st = cat_stmt(c, i);
  if( st ) sqlite3_bind_int64(st, 1, iArg);
  json_t *o = cat_step(c, st) ? xRow(c, st) : 0;
  if( st ) sqlite3_reset(st);
  return o;
}

/* The object that column iCol of st refers to through statement i; null
** when the column is NULL or refers to nothing. */
static json_t *cat_ref(Cat *c, int i, sqlite3_stmt *st, int iCol, RowFn xRow){
  json_t *o = 0;
  if( sqlite3_column_type(st, iCol)!=SQLITE_NULL ){
    o = cat_one(c, i, sqlite3_column_int64(st, iCol), xRow);
  }
  return o ? o : json_null();
}

/* A meeting: id, date, location, its bodies, then any further columns. */
static json_t *row_meeting(Cat *c, sqlite3_stmt *st){
  json_t *o = json_object();
  row_set(o, st, 0, 3);
  json_object_set_new(o, "bodies", cat_list(c, ST_MEETING_BODIES,
                                            sqlite3_column_int64(st, 0), row_object));
  row_set(o, st, 3, sqlite3_column_count(st));
  return o;
}

/* Items newest first, each with a "date", grouped by year:
** [{year, zKey: [item]}], the undated last with year null.  Takes aItem. */
static json_t *by_year(json_t *aItem, const char *zKey){
  json_t *aYear = json_array(), *aList = 0, *v;
  int iYear = 0;
  size_t i;
  json_array_foreach(aItem, i, v){
    const char *zDate = json_string_value(json_object_get(v, "date"));
    int y = zDate ? atoi(zDate) : 0;
    if( aList==0 || y!=iYear ){
      json_t *g = json_object();
      json_object_set_new(g, "year", y ? json_integer(y) : json_null());
      aList = json_array();
      json_object_set_new(g, zKey, aList);
      json_array_append_new(aYear, g);
      iYear = y;
    }
    json_array_append(aList, v);
  }
  json_decref(aItem);
  return aYear;
}

/* A page's bounds: nLimit 1..CATALOG_LIMIT_MAX (default when <= 0), nOffset >= 0. */
static void page_bounds(int *pnLimit, int *pnOffset){
  if( *pnLimit<=0 ) *pnLimit = CATALOG_LIMIT_DEFAULT;
  if( *pnLimit>CATALOG_LIMIT_MAX ) *pnLimit = CATALOG_LIMIT_MAX;
  if( *pnOffset<0 ) *pnOffset = 0;
}

/* ------------------------------------------------------------ objects */

/* The row of ST_DOC, whole. */
static json_t *row_document(Cat *c, sqlite3_stmt *st){
  long long id = sqlite3_column_int64(st, 0);
  json_t *o = json_object();
  row_set(o, st, 0, 9);
  json_object_set_new(o, "body", cat_ref(c, ST_BODY_REF, st, 9, row_object));
  json_object_set_new(o, "topic", cat_ref(c, ST_TOPIC_REF, st, 10, row_object));
  json_object_set_new(o, "meeting", cat_ref(c, ST_MEETING_REF, st, 11, row_meeting));
  row_set(o, st, 12, 14);
  const char *zMeta = (const char*)sqlite3_column_text(st, 14);
  json_t *pMeta = zMeta ? json_loads(zMeta, 0, 0) : 0;
  if( !json_is_object(pMeta) ){
    json_decref(pMeta);
    pMeta = json_object();
  }
  json_object_set_new(o, "metadata", pMeta);
  json_object_set_new(o, "municipalities", cat_list(c, ST_DOC_MUNICIPALITIES, id, row_value));
  json_object_set_new(o, "version_of", cat_ref(c, ST_DOC_REF, st, 15, row_object));
  json_object_set_new(o, "versions", cat_list(c, ST_DOC_VERSIONS, id, row_object));
  json_object_set_new(o, "meeting_documents", cat_list(c, ST_DOC_MEETING_DOCS, id, row_object));
  json_object_set_new(o, "passages", cat_list(c, ST_DOC_PASSAGES, id, row_object));
  return o;
}

json_t *catalog_document(sqlite3 *db, long long id){
  Cat c;
  cat_open(&c, db);
  return cat_close(&c, cat_one(&c, ST_DOC, id, row_document));
}

static json_t *row_meeting_whole(Cat *c, sqlite3_stmt *st){
  long long id = sqlite3_column_int64(st, 0);
  json_t *o = row_meeting(c, st);
  json_object_set_new(o, "documents", cat_list(c, ST_MEETING_DOCS, id, row_object));
  json_object_set_new(o, "prepared_by", cat_list(c, ST_MEETING_PREPARED_BY, id, row_meeting));
  json_object_set_new(o, "prepares", cat_list(c, ST_MEETING_PREPARES, id, row_meeting));
  return o;
}

json_t *catalog_meeting(sqlite3 *db, long long id){
  Cat c;
  cat_open(&c, db);
  return cat_close(&c, cat_one(&c, ST_MEETING, id, row_meeting_whole));
}

static json_t *row_body_whole(Cat *c, sqlite3_stmt *st){
  long long id = sqlite3_column_int64(st, 0);
  json_t *o = json_object();
  row_set(o, st, 0, 4);
  json_object_set_new(o, "topic", cat_ref(c, ST_TOPIC_REF, st, 4, row_object));
  json_object_set_new(o, "prepares", cat_ref(c, ST_BODY_REF, st, 5, row_object));
  json_object_set_new(o, "prepared_by", cat_list(c, ST_BODY_PREPARED_BY, id, row_object));
  json_object_set_new(o, "members", cat_list(c, ST_BODY_MEMBERS, id, row_object));
  json_object_set_new(o, "years", by_year(cat_list(c, ST_BODY_MEETINGS, id, row_meeting),
                                          "meetings"));
  return o;
}

json_t *catalog_body(sqlite3 *db, long long id){
  Cat c;
  cat_open(&c, db);
  return cat_close(&c, cat_one(&c, ST_BODY, id, row_body_whole));
}

static json_t *row_topic_whole(Cat *c, sqlite3_stmt *st){
  long long id = sqlite3_column_int64(st, 0);
  json_t *o = row_object(c, st);
  json_object_set_new(o, "bodies", cat_list(c, ST_TOPIC_BODIES, id, row_object));
  json_object_set_new(o, "participants", cat_list(c, ST_TOPIC_PARTICIPANTS, id, row_object));
  json_object_set_new(o, "portfolio_holders", cat_list(c, ST_TOPIC_HOLDERS, id, row_object));
  json_object_set_new(o, "years", by_year(cat_list(c, ST_TOPIC_DOCS, id, row_object),
                                          "documents"));
  return o;
}

json_t *catalog_topic(sqlite3 *db, long long id){
  Cat c;
  cat_open(&c, db);
  return cat_close(&c, cat_one(&c, ST_TOPIC, id, row_topic_whole));
}

/* A row of ST_BODIES: the body and its topic. */
static json_t *row_body_topic(Cat *c, sqlite3_stmt *st){
  json_t *o = json_object();
  row_set(o, st, 0, 4);
  json_object_set_new(o, "topic", cat_ref(c, ST_TOPIC_REF, st, 4, row_object));
  return o;
}

json_t *catalog_bodies(sqlite3 *db){
  Cat c;
  cat_open(&c, db);
  return cat_close(&c, cat_rows(&c, cat_stmt(&c, ST_BODIES), row_body_topic));
}

json_t *catalog_topics(sqlite3 *db){
  Cat c;
  cat_open(&c, db);
  return cat_close(&c, cat_rows(&c, cat_stmt(&c, ST_TOPICS), row_object));
}

/* Binds the count or the page of meetings; a date that is no period
** binds a value no date equals, which matches nothing. */
static void bind_meetings(sqlite3_stmt *st, long long iBody, const char *zFrom, const char *zTo){
  char zFirst[11], zLast[11];
  sqlite3_bind_int64(st, 1, iBody);
  if( zFrom && zFrom[0] ){
    if( query_period(zFrom, zFirst, zLast) ) strcpy(zFirst, "~");
    sqlite3_bind_text(st, 2, zFirst, -1, SQLITE_TRANSIENT);
  }
  if( zTo && zTo[0] ){
    if( query_period(zTo, zFirst, zLast) ) strcpy(zLast, "");
    sqlite3_bind_text(st, 3, zLast, -1, SQLITE_TRANSIENT);
  }
}

json_t *catalog_meetings(sqlite3 *db, long long iBody, const char *zFrom,
                         const char *zTo, int nLimit, int nOffset){
  Cat c;
  cat_open(&c, db);
  page_bounds(&nLimit, &nOffset);
  json_t *o = 0;
  json_t *pBody = iBody ? cat_one(&c, ST_BODY_REF, iBody, row_object) : 0;
  if( iBody==0 || pBody ){
    o = json_object();
    sqlite3_stmt *st = cat_stmt(&c, ST_MEETINGS_COUNT);
    if( st ) bind_meetings(st, iBody, zFrom, zTo);
    json_object_set_new(o, "total", json_integer(cat_step(&c, st) ? sqlite3_column_int64(st, 0) : 0));
    st = cat_stmt(&c, ST_MEETINGS);
    if( st ){
      bind_meetings(st, iBody, zFrom, zTo);
      sqlite3_bind_int(st, 4, nLimit);
      sqlite3_bind_int(st, 5, nOffset);
    }
    json_object_set_new(o, "meetings", cat_rows(&c, st, row_meeting));
  }
  json_decref(pBody);
  return cat_close(&c, o);
}

/* -------------------------------------------------------------- audit */

/*
** The conditions of catalog_audit(), one per field of the filter, each
** value bound to its own parameter (?1 the actor ... ?5 the last day).
** Only the conditions of the fields given are written into the
** statement: "?3 IS NULL OR object=?3" would keep SQLite from the index
** audit_object, and an object's history is what the pages ask for most.
** at is UTC ISO text ("2024-05-01T12:00:00Z"), so the period's ends
** compare with it as text once written as times: its first day from
** 00:00:00, its last to 24:00:00, ISO's end of a day (date(?5, '+1 day')
** would be NULL after 9999-12-31).
*/
#define AUDIT_TERMS 5
static const char *const azAuditTerm[AUDIT_TERMS] = {
  "actor=?1 COLLATE NOCASE",   /* account names ignore capitals */
  "(action=?2 OR substr(action, 1, length(?2)+1) IN (?2 || '.', ?2 || ' '))",
  "object=?3",
  "at>=(?4 || 'T00:00:00Z')",
  "at<=(?5 || 'T24:00:00Z')",
};

/* Prepares zHead, the WHERE clause of the values given in azValue, then
** zTail, and binds those values; NULL (c->rc set) on an error.  The
** caller finalizes the statement. */
static sqlite3_stmt *audit_stmt(Cat *c, const char *zHead, const char *const *azValue,
                                const char *zTail){
  Buf sql = BUF_INIT;
  buf_puts(&sql, zHead);
  int nTerm = 0;
  for(int i=0; i<AUDIT_TERMS; i++){
    if( azValue[i]==0 || azValue[i][0]==0 ) continue;
    buf_appendf(&sql, "%s%s", nTerm++ ? " AND " : " WHERE ", azAuditTerm[i]);
  }
  buf_puts(&sql, zTail);
  sqlite3_stmt *st = 0;
  if( c->rc==SQLITE_OK ) c->rc = sqlite3_prepare_v2(c->db, sql.z, -1, &st, 0);
  buf_release(&sql);
  for(int i=0; st && i<AUDIT_TERMS; i++){
    if( azValue[i] && azValue[i][0] ) sqlite3_bind_text(st, i+1, azValue[i], -1, SQLITE_STATIC);
  }
  return st;
}

json_t *catalog_audit(sqlite3 *db, const CatalogAuditFilter *f, int nLimit, int nOffset,
                      Err *err){
  static const CatalogAuditFilter all;
  if( f==0 ) f = &all;
  char zFirst[11], zLast[11];
  if( query_span(f->zFrom, f->zTo, zFirst, zLast, err) ) return 0;
  const char *const azValue[AUDIT_TERMS] = { f->zActor, f->zAction, f->zObject, zFirst, zLast };
  Cat c;
  cat_open(&c, db);
  page_bounds(&nLimit, &nOffset);
  json_t *o = json_object();
  sqlite3_stmt *st = audit_stmt(&c, "SELECT count(*) FROM audit", azValue, "");
  json_object_set_new(o, "total", json_integer(cat_step(&c, st) ? sqlite3_column_int64(st, 0) : 0));
  sqlite3_finalize(st);
  st = audit_stmt(&c, "SELECT id AS id, at AS at, actor AS actor, action AS action,"
                  " object AS object, detail AS detail FROM audit", azValue,
                  " ORDER BY id DESC LIMIT ?6 OFFSET ?7");
  if( st ){
    sqlite3_bind_int(st, 6, nLimit);
    sqlite3_bind_int(st, 7, nOffset);
  }
  json_object_set_new(o, "entries", cat_rows(&c, st, row_object));
  sqlite3_finalize(st);
  o = cat_close(&c, o);
  if( o==0 ) err_internal(err, "database error: %s", sqlite3_errstr(c.rc));
  return o;
}

json_t *catalog_audit_actions(sqlite3 *db){
  return catalog_rows(db,
    "SELECT DISTINCT name FROM (SELECT action AS name FROM audit"
    " UNION SELECT substr(action, 1, instr(replace(action, ' ', '.'), '.') - 1) FROM audit"
    "  WHERE instr(replace(action, ' ', '.'), '.')>1) ORDER BY name", 0, 0);
}

/* -------------------------------------------------------------- stats */

/*
** The figures of catalog_stats() are kept per connection and counted
** again only when the archive changed (PRAGMA data_version for other
** connections' commits, the total changes for its own): originals_bytes
** sums the size of every document, a scan of the whole table (65 ms at
** 100,000 documents), and a status page may be asked for every second.
** Documents are only ever added, and an original's size never changes, so
** after a change only the documents past the last one counted are summed;
** should the count not add up (a document removed), all are summed again.
** The figures hang on the connection as the user data of the SQL function
** catalog_stats(), as search.c's cache does, and are freed with it.
*/
typedef struct Stats {
  int bValid;
  sqlite3_int64 iVersion, nChange;   /* what the figures were counted from */
  sqlite3_int64 nDoc, iMaxDoc, nByte, nMeeting, nBody, nTopic, iSchema;
} Stats;

/* catalog_stats(P): writes the connection's Stats* into where P points. */
static void stats_function(sqlite3_context *ctx, int nArg, sqlite3_value **apArg){
  Stats **pp = sqlite3_value_pointer(apArg[0], "overleg_catalog_stats");
  if( pp ) *pp = sqlite3_user_data(ctx);
}

/* The statement that finds the connection's Stats and the archive's
** version: made after registering the function when it is not there. */
static sqlite3_stmt *stats_probe(sqlite3 *db){
  static const char zSql[] =
    "SELECT catalog_stats(?1), data_version FROM pragma_data_version";
  sqlite3_stmt *st = 0;
  if( sqlite3_prepare_v2(db, zSql, -1, &st, 0)==SQLITE_OK ) return st;
  Stats *p = calloc(1, sizeof *p);
  /* on failure SQLite calls free() itself */
  if( p==0 || sqlite3_create_function_v2(db, "catalog_stats", 1,
                 SQLITE_UTF8 | SQLITE_DIRECTONLY, p, stats_function, 0, 0, free)!=SQLITE_OK
   || sqlite3_prepare_v2(db, zSql, -1, &st, 0)!=SQLITE_OK ){
    return 0;
  }
  return st;
}

/* Counts the figures again into p; 0, or -1 on a database error. */
static int stats_count(sqlite3 *db, Stats *p){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db,
        "SELECT (SELECT count(*) FROM document), (SELECT coalesce(max(id), 0) FROM document),"
        " count(*), coalesce(sum(size), 0), (SELECT count(*) FROM meeting),"
        " (SELECT count(*) FROM body), (SELECT count(*) FROM topic),"
        " (SELECT user_version FROM pragma_user_version)"
        " FROM document WHERE id>?1", -1, &st, 0)!=SQLITE_OK ){
    return -1;
  }
  int rc = 0;
  for(int bAll=!p->bValid; rc==0; bAll=1){
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, bAll ? 0 : p->iMaxDoc);
    if( sqlite3_step(st)!=SQLITE_ROW ){
      rc = -1;
      break;
    }
    sqlite3_int64 nDoc = sqlite3_column_int64(st, 0), nNew = sqlite3_column_int64(st, 2);
    if( !bAll && p->nDoc+nNew!=nDoc ) continue;
    p->nByte = (bAll ? 0 : p->nByte) + sqlite3_column_int64(st, 3);
    p->nDoc = nDoc;
    p->iMaxDoc = sqlite3_column_int64(st, 1);
    p->nMeeting = sqlite3_column_int64(st, 4);
    p->nBody = sqlite3_column_int64(st, 5);
    p->nTopic = sqlite3_column_int64(st, 6);
    p->iSchema = sqlite3_column_int64(st, 7);
    break;
  }
  sqlite3_finalize(st);
  return rc;
}

json_t *catalog_stats(sqlite3 *db){
  Stats *p = 0;
  sqlite3_stmt *st = stats_probe(db);
  if( st==0 ) return 0;
  sqlite3_bind_pointer(st, 1, (void*)&p, "overleg_catalog_stats", 0);
  sqlite3_int64 iVersion = sqlite3_step(st)==SQLITE_ROW ? sqlite3_column_int64(st, 1) : -1;
  sqlite3_finalize(st);
  if( p==0 || iVersion<0 ) return 0;
  /* the version is read before the counts: a commit in between makes
  ** the next call count again, never keeps old figures */
  sqlite3_int64 nChange = sqlite3_total_changes64(db);
  if( !p->bValid || p->iVersion!=iVersion || p->nChange!=nChange ){
    if( stats_count(db, p) ){
      p->bValid = 0;
      return 0;
    }
    p->bValid = 1;
    p->iVersion = iVersion;
    p->nChange = nChange;
  }
  json_t *o = json_object();
  json_object_set_new(o, "documents", json_integer(p->nDoc));
  json_object_set_new(o, "meetings", json_integer(p->nMeeting));
  json_object_set_new(o, "bodies", json_integer(p->nBody));
  json_object_set_new(o, "topics", json_integer(p->nTopic));
  json_object_set_new(o, "originals_bytes", json_integer(p->nByte));
  json_object_set_new(o, "schema_version", json_integer(p->iSchema));
  return o;
}

/* ------------------------------------------------------------- update */

/* The kinds that have a status: minutes. */
static int kind_has_status(const char *zKind){
  return zKind && (strcmp(zKind, "verslag")==0 || strcmp(zKind, "besluitenlijst")==0
                   || strcmp(zKind, "actielijst")==0);
}

/* A document's editable fields: ids (0: none) with the names they had,
** and text ("": none). */
typedef struct DocFields {
  long long iBody, iTopic, iMeeting;
  char zBody[128], zTopic[128];
  char zDate[16], zKind[16], zStatus[16];
} DocFields;

/* Runs zSql with the values zFmt describes (sql.h: here 'n' for ids and
** 'T' for texts, which bind NULL when 0 or ""), then xRow per row (may be
** NULL).  Returns 0, or -1 with err set to the database's message. */
typedef void (*UpdRow)(sqlite3_stmt *st, void *ctx);
static int upd_sql(sqlite3 *db, Err *err, UpdRow xRow, void *ctx, const char *zSql,
                   const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_stmt *st = sql_vprepare(db, err, zSql, zFmt, ap);
  va_end(ap);
  if( st==0 ) return -1;
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ) if( xRow ) xRow(st, ctx);
  sqlite3_finalize(st);
  if( rc!=SQLITE_DONE ) return sql_fail(db, err);
  return 0;
}

/* Copies column i (NULL: "") into z[0..n). */
static void col_copy(sqlite3_stmt *st, int i, char *z, size_t n){
  const char *v = (const char*)sqlite3_column_text(st, i);
  snprintf(z, n, "%s", v ? v : "");
}

static void row_fields(sqlite3_stmt *st, void *ctx){
  DocFields *f = ctx;
  f->iBody = sqlite3_column_int64(st, 0);
  f->iTopic = sqlite3_column_int64(st, 1);
  f->iMeeting = sqlite3_column_int64(st, 2);
  col_copy(st, 3, f->zBody, sizeof f->zBody);
  col_copy(st, 4, f->zTopic, sizeof f->zTopic);
  col_copy(st, 5, f->zDate, sizeof f->zDate);
  col_copy(st, 6, f->zKind, sizeof f->zKind);
  col_copy(st, 7, f->zStatus, sizeof f->zStatus);
}

static void row_id(sqlite3_stmt *st, void *ctx){
  *(long long*)ctx = sqlite3_column_int64(st, 0);
}

/* A body or topic: its id, name and (a body's) topic. */
typedef struct Named { long long id, iTopic; char zName[128], zTopic[128]; } Named;

static void row_named(sqlite3_stmt *st, void *ctx){
  Named *p = ctx;
  p->id = sqlite3_column_int64(st, 0);
  col_copy(st, 1, p->zName, sizeof p->zName);
  p->iTopic = sqlite3_column_int64(st, 2);
  col_copy(st, 3, p->zTopic, sizeof p->zTopic);
}

/* The body (bTopic 0) or topic id into *p.  0, or -1 with err set. */
static int named_get(sqlite3 *db, int bTopic, long long id, Named *p, Err *err){
  memset(p, 0, sizeof *p);
  return upd_sql(db, err, row_named, p, bTopic
    ? "SELECT id, name, NULL, NULL FROM topic WHERE id=?1"
    : "SELECT b.id, b.name, b.topic_id, t.name FROM body b LEFT JOIN topic t ON t.id=b.topic_id"
      " WHERE b.id=?1", "n", id);
}

/* The body or topic named z as users write it, as search takes it, into
** *p.  0, or -1 with err set. */
static int named_find(sqlite3 *db, int bTopic, const char *z, Named *p, Err *err){
  long long id = search_resolve(db, bTopic ? "topic" : "body", z, err);
  return id<0 ? -1 : named_get(db, bTopic, id, p, err);
}

/* The meeting of body iBody on zDate, as import makes it: the first one
** holding the body that day, else a new one.  0, or -1 with err set. */
static int meeting_of(sqlite3 *db, long long iBody, const char *zDate, long long *piMeeting,
                      Err *err){
  *piMeeting = 0;
  if( upd_sql(db, err, row_id, piMeeting,
        "SELECT m.id FROM meeting m JOIN meeting_body mb ON mb.meeting_id=m.id"
        " WHERE mb.body_id=?1 AND m.date=?2 ORDER BY m.id LIMIT 1", "nT", iBody, zDate) ){
    return -1;
  }
  if( *piMeeting ) return 0;
  if( upd_sql(db, err, row_id, piMeeting, "INSERT INTO meeting(date) VALUES(?1) RETURNING id",
              "T", zDate) ){
    return -1;
  }
  if( upd_sql(db, err, 0, 0, "INSERT INTO meeting_body(meeting_id, body_id) VALUES(?1, ?2)",
              "nn", *piMeeting, iBody) ){
    return -1;
  }
  return import_link_meetings(db, iBody, err);   /* the new meeting's AO-BO links */
}

/* Adds "key": [from, to] to the changes when they differ: text ("": null). */
static void change_text(json_t *pChange, const char *zKey, const char *zFrom, const char *zTo){
  if( strcmp(zFrom, zTo)==0 ) return;
  json_t *a = json_array();
  json_array_append_new(a, zFrom[0] ? json_string(zFrom) : json_null());
  json_array_append_new(a, zTo[0] ? json_string(zTo) : json_null());
  json_object_set_new(pChange, zKey, a);
}

/* Works out the new fields from the old and the arguments (see catalog.h);
** -1 with err set when an argument is wrong. */
static int upd_resolve(sqlite3 *db, const DocFields *pOld, DocFields *pNew, const char *zBody,
                       const char *zTopic, const char *zDate, const char *zKind,
                       const char *zStatus, Err *err){
  char zFirst[11], zLast[11];
  Named body, topic;
  *pNew = *pOld;
  memset(&body, 0, sizeof body);
  if( zBody && zBody[0] ){
    if( named_find(db, 0, zBody, &body, err) ) return -1;
    pNew->iBody = body.id;
    snprintf(pNew->zBody, sizeof pNew->zBody, "%s", body.zName);
  }else if( zBody ){
    pNew->iBody = 0;
    pNew->zBody[0] = 0;
  }else if( pOld->iBody && named_get(db, 0, pOld->iBody, &body, err) ){
    return -1;
  }
  if( zTopic && zTopic[0] ){
    if( named_find(db, 1, zTopic, &topic, err) ) return -1;
    pNew->iTopic = topic.id;
    snprintf(pNew->zTopic, sizeof pNew->zTopic, "%s", topic.zName);
  }else if( zTopic ){
    pNew->iTopic = 0;
    pNew->zTopic[0] = 0;
  }
  /* a BO or AO meets about its topic: a document of one is about that */
  if( pNew->iBody && body.iTopic ){
    if( zTopic && pNew->iTopic!=body.iTopic ){
      return err_set(err, "the topic of %s is \"%s\"", body.zName, body.zTopic);
    }
    pNew->iTopic = body.iTopic;
    snprintf(pNew->zTopic, sizeof pNew->zTopic, "%s", body.zTopic);
  }
  if( zDate && zDate[0] && (query_period(zDate, zFirst, zLast) || strcmp(zFirst, zDate)
                            || strcmp(zLast, zDate)) ){
    return err_set(err, "bad date \"%s\": use YYYY-MM-DD", zDate);
  }
  if( zDate ) snprintf(pNew->zDate, sizeof pNew->zDate, "%s", zDate);
  if( zKind && zKind[0] ){
    const char *z = import_kind(zKind);
    if( z==0 ){
      return err_set(err, "unknown kind \"%s\": use agenda, verslag, besluitenlijst, "
                     "actielijst, memo, brief, presentatie or other", zKind);
    }
    snprintf(pNew->zKind, sizeof pNew->zKind, "%s", z);
  }else if( zKind ){
    pNew->zKind[0] = 0;
  }
  if( zStatus && zStatus[0] ){
    if( strcmp(zStatus, "concept") && strcmp(zStatus, "vastgesteld") ){
      return err_set(err, "unknown status \"%s\": use concept or vastgesteld", zStatus);
    }
    if( !kind_has_status(pNew->zKind) ){
      return err_set(err, "only minutes (verslag, besluitenlijst, actielijst) have a status");
    }
  }
  if( zStatus ) snprintf(pNew->zStatus, sizeof pNew->zStatus, "%s", zStatus);
  /* minutes that are no longer minutes lose their status */
  if( !kind_has_status(pNew->zKind) ) pNew->zStatus[0] = 0;
  return 0;
}

int catalog_document_update(sqlite3 *db, long long id, const char *zBody,
                            const char *zTopic, const char *zDate,
                            const char *zKind, const char *zStatus,
                            const char *zActor, Err *err){
  DocFields old, cur;
  memset(&old, 0, sizeof old);
  old.iMeeting = -1;
  if( sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0)!=SQLITE_OK ){
    return err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  int rc = upd_sql(db, err, row_fields, &old,
    "SELECT d.body_id, d.topic_id, d.meeting_id, b.name, t.name, d.date, d.kind, d.status"
    " FROM document d LEFT JOIN body b ON b.id=d.body_id LEFT JOIN topic t ON t.id=d.topic_id"
    " WHERE d.id=?1", "n", id);
  if( rc==0 && old.iMeeting<0 ) rc = err_set(err, "no document %lld", id);
  if( rc==0 ) rc = upd_resolve(db, &old, &cur, zBody, zTopic, zDate, zKind, zStatus, err);
  /* the meeting follows the body and the date */
  if( rc==0 && (cur.iBody!=old.iBody || strcmp(cur.zDate, old.zDate)) ){
    cur.iMeeting = 0;
    if( cur.iBody && cur.zDate[0] ) rc = meeting_of(db, cur.iBody, cur.zDate, &cur.iMeeting, err);
  }
  json_t *pChange = json_object();
  if( rc==0 ){
    change_text(pChange, "body", old.zBody, cur.zBody);
    change_text(pChange, "topic", old.zTopic, cur.zTopic);
    change_text(pChange, "date", old.zDate, cur.zDate);
    change_text(pChange, "kind", old.zKind, cur.zKind);
    change_text(pChange, "status", old.zStatus, cur.zStatus);
    if( cur.iMeeting!=old.iMeeting ){
      json_object_set_new(pChange, "meeting", json_pack("[oo]",
        old.iMeeting ? json_integer(old.iMeeting) : json_null(),
        cur.iMeeting ? json_integer(cur.iMeeting) : json_null()));
    }
  }
  if( rc==0 && json_object_size(pChange) ){
    char zObject[32];
    snprintf(zObject, sizeof zObject, "document:%lld", id);
    char *zDetail = json_dumps(pChange, JSON_COMPACT);
    rc = upd_sql(db, err, 0, 0,
           "UPDATE document SET body_id=?1, topic_id=?2, meeting_id=?3, date=?4, kind=?5,"
           " status=?6 WHERE id=?7", "nnnTTTn", cur.iBody, cur.iTopic, cur.iMeeting,
           cur.zDate, cur.zKind, cur.zStatus, id)
      /* a meeting is made for its documents: the last one gone, it goes */
      || (old.iMeeting && cur.iMeeting!=old.iMeeting
          && upd_sql(db, err, 0, 0, "DELETE FROM meeting WHERE id=?1 AND NOT EXISTS"
                     " (SELECT 1 FROM document WHERE meeting_id=?1)", "n", old.iMeeting))
      || store_audit(db, err, zActor, "document.update", zObject, zDetail);
    free(zDetail);
  }
  json_decref(pChange);
  if( rc==0 && sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ){
    rc = err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  if( rc ) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  return rc ? -1 : 0;
}
