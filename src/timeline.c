/*
** timeline.c — accountability per topic; see timeline.h.
**
** One statement finds the meetings; per meeting a few prepared
** statements (reset and bound again) read its links, its documents,
** decisions and actions, and the portfolio, chair and participation rows
** valid on its date.  Every statement uses an index of schema.sql:
** meeting_body_body and document_topic_date for the meetings,
** meeting_prepared_by and meeting_prepares' key for the links,
** document_meeting and the (document_id, seq) keys of decision and
** action_item for what the minutes say, portfolio_topic,
** participation_topic and membership_body for the "then" values.  All
** reads are inside one savepoint: one snapshot.
*/
#include "timeline.h"
#include "catalog.h"
#include "register.h"
#include "query.h"
#include "ratify.h"

#include <stdio.h>
#include <string.h>

/* A decision's or action's row x of document d (agenda item ai) belongs to
** topic ?2: its document is about the topic; or, in a document about no
** topic (a BORA's minutes), it stands under an agenda item about the topic,
** or the document's agenda items name no topic at all. */
#define OF_TOPIC \
  " AND (d.topic_id=?2 OR (d.topic_id IS NULL AND (ai.topic_id=?2" \
  "  OR NOT EXISTS(SELECT 1 FROM agenda_item t WHERE t.document_id=d.id" \
  "   AND t.topic_id IS NOT NULL))))"

/* The topic's meetings: ?1 topic, ?2 ?3 first and last day (NULL: open).
** CROSS JOIN keeps the order: the few bodies of the topic, then their
** meetings by meeting_body_body, never a scan of all meetings (which the
** planner may pick on a small archive's statistics).
** A meeting of several bodies comes once per body; the caller keeps the
** first row of each meeting, its BO before its AO before the BORA.  A
** BORA meeting comes in by a document about the topic or an agenda item
** that names it (agenda_item.topic_id). */
static const char zMeetings[] =
  "SELECT m.id, m.date, b.id, b.name, b.full_name, b.kind, b.kind='AO'"
  " FROM body b CROSS JOIN meeting_body mb ON mb.body_id=b.id"
  " CROSS JOIN meeting m ON m.id=mb.meeting_id"
  " WHERE b.topic_id=?1 AND b.kind IN ('AO','BO')"
  "  AND (?2 IS NULL OR m.date>=?2) AND (?3 IS NULL OR m.date<=?3)"
  " UNION "
  "SELECT m.id, m.date, b.id, b.name, b.full_name, b.kind, 2"
  " FROM document d JOIN meeting m ON m.id=d.meeting_id"
  " JOIN meeting_body mb ON mb.meeting_id=m.id JOIN body b ON b.id=mb.body_id"
  " WHERE d.topic_id=?1 AND b.kind='BORA'"
  "  AND (?2 IS NULL OR d.date>=?2) AND (?3 IS NULL OR d.date<=?3)"
  "  AND (?2 IS NULL OR m.date>=?2) AND (?3 IS NULL OR m.date<=?3)"
  " UNION "
  "SELECT m.id, m.date, b.id, b.name, b.full_name, b.kind, 2"
  " FROM agenda_item ai JOIN document d ON d.id=ai.document_id"
  " JOIN meeting m ON m.id=d.meeting_id"
  " JOIN meeting_body mb ON mb.meeting_id=m.id JOIN body b ON b.id=mb.body_id"
  " WHERE ai.topic_id=?1 AND b.kind='BORA'"
  "  AND (?2 IS NULL OR m.date>=?2) AND (?3 IS NULL OR m.date<=?3)"
  " ORDER BY 2, 1, 7";

/* Per meeting (?1) and topic (?2 where asked); "then" values per topic
** (?1) and date (?2). */
enum { ST_PREPARED_BY, ST_PREPARES, ST_HOLDERS, ST_CHAIRS, ST_PARTICIPANTS, ST_DOCS,
       ST_DECISIONS, ST_ACTIONS, N_ST };

static const char *const azSql[N_ST] = {
  "SELECT m.id AS id, m.date AS date FROM meeting_prepares p JOIN meeting m ON m.id=p.ao_meeting_id"
  " WHERE p.bo_meeting_id=?1 ORDER BY m.date, m.id",
  "SELECT m.id AS id, m.date AS date FROM meeting_prepares p JOIN meeting m ON m.id=p.bo_meeting_id"
  " WHERE p.ao_meeting_id=?1 ORDER BY m.date, m.id",
  "SELECT DISTINCT p.id AS id, p.name AS name, o.name AS organisation FROM portfolio x"
  " JOIN person p ON p.id=x.person_id LEFT JOIN organisation o ON o.id=p.organisation_id"
  " WHERE x.topic_id=?1" CATALOG_VALID_ON " ORDER BY p.name, p.id",
  "SELECT DISTINCT p.id AS id, p.name AS name, o.name AS organisation FROM body b"
  " JOIN membership x ON x.body_id=b.id JOIN person p ON p.id=x.person_id"
  " LEFT JOIN organisation o ON o.id=p.organisation_id"
  " WHERE b.topic_id=?1 AND b.kind='BO' AND x.role='voorzitter'" CATALOG_VALID_ON
  " ORDER BY p.name, p.id",
  "SELECT DISTINCT o.name FROM participation x JOIN organisation o ON o.id=x.organisation_id"
  " WHERE x.topic_id=?1" CATALOG_VALID_ON " ORDER BY o.name",
  "SELECT id, title, original_name, kind, status, date FROM document d"
  " WHERE d.meeting_id=?1 AND (d.topic_id IS NULL OR d.topic_id=?2) ORDER BY d.id",
  "SELECT x.id AS id, x.text AS text, x.label AS label, " CATALOG_AGENDA_LABEL ","
  " x.passage_id AS passage_id, x.document_id AS document_id"
  " FROM document d JOIN decision x ON x.document_id=d.id"
  " LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"
  " WHERE d.meeting_id=?1" OF_TOPIC
  " AND x.removed=0 AND x.proposed=0 ORDER BY d.id, x.seq",
  "SELECT x.id AS id, x.nr AS nr, x.text AS text, x.who AS who, x.due AS due,"
  " x.due_date AS due_date, x.status AS status, " REGISTER_ACTION_DONE " AS done,"
  " dn.id AS \"done_in.id\", dn.original_name AS \"done_in.original_name\","
  " dn.date AS \"done_in.date\","
  " NOT " REGISTER_ACTION_DONE " AND x.due_date IS NOT NULL AND x.due_date<date('now','localtime')"
  " AS overdue, x.passage_id AS passage_id, x.document_id AS document_id"
  " FROM document d JOIN action_item x ON x.document_id=d.id"
  " LEFT JOIN document dn ON dn.id=x.done_in LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"
  " WHERE d.meeting_id=?1" OF_TOPIC " ORDER BY d.id, x.seq",
};

/* The keys of a timeline entry that are booleans. */
static const char *const azTimelineBool[] = { "done", "overdue", 0 };

/* Runs st (bound) and puts its rows (objects, or the first column when
** bScalar) into a new array at key zKey of o.  SQLITE_DONE or the error. */
static int rows_into(sqlite3_stmt *st, json_t *o, const char *zKey, int bScalar){
  json_t *a = json_array();
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    json_array_append_new(a, bScalar ? catalog_column(st, 0) : catalog_row(st, azTimelineBool));
  }
  sqlite3_reset(st);
  json_object_set_new(o, zKey, a);
  return rc;
}

/* Fills entry e of meeting iMeeting on zDate.  SQLITE_DONE or the error. */
static int entry_fill(sqlite3_stmt **ast, json_t *e, long long iTopic, long long iMeeting,
                      const char *zDate){
  static const struct { int iSt; const char *zKey; int bScalar, bDate; } aPart[] = {
    { ST_PREPARED_BY, "prepared_by", 0, 0 },     { ST_PREPARES, "prepares", 0, 0 },
    { ST_HOLDERS, "portfolio_holders", 0, 1 },   { ST_CHAIRS, "chairs", 0, 1 },
    { ST_PARTICIPANTS, "participants", 1, 1 },   { ST_DOCS, "documents", 0, 0 },
    { ST_DECISIONS, "decisions", 0, 0 },         { ST_ACTIONS, "actions", 0, 0 },
  };
  for(size_t i=0; i<sizeof aPart/sizeof aPart[0]; i++){
    sqlite3_stmt *st = ast[aPart[i].iSt];
    sqlite3_clear_bindings(st);
    if( aPart[i].bDate ){
      sqlite3_bind_int64(st, 1, iTopic);
      sqlite3_bind_text(st, 2, zDate, -1, SQLITE_TRANSIENT);
    }else{
      sqlite3_bind_int64(st, 1, iMeeting);
      if( sqlite3_bind_parameter_count(st)>=2 ) sqlite3_bind_int64(st, 2, iTopic);
    }
    int rc = rows_into(st, e, aPart[i].zKey, aPart[i].bScalar);
    if( rc!=SQLITE_DONE ) return rc;
  }
  return SQLITE_DONE;
}

static void bind_day(sqlite3_stmt *st, int i, const char *zDay){
  if( zDay[0] ) sqlite3_bind_text(st, i, zDay, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, i);
}

/* Reads the meetings into out's entries.  0, or -1 with err set. */
static int read_entries(sqlite3 *db, long long iTopic, const char *zFrom, const char *zTo,
                        json_t *out, Err *err){
  sqlite3_stmt *ast[N_ST] = { 0 }, *stMeet = 0;
  int rc = sqlite3_prepare_v2(db, zMeetings, -1, &stMeet, 0);
  Ratify *pRat = rc==SQLITE_OK ? ratify_open(db, err) : 0;
  if( rc==SQLITE_OK && pRat==0 ) rc = SQLITE_ERROR;
  for(int i=0; i<N_ST && rc==SQLITE_OK; i++) rc = sqlite3_prepare_v2(db, azSql[i], -1, &ast[i], 0);
  json_t *a = json_array();
  json_object_set_new(out, "entries", a);
  if( rc==SQLITE_OK ){
    sqlite3_bind_int64(stMeet, 1, iTopic);
    bind_day(stMeet, 2, zFrom);
    bind_day(stMeet, 3, zTo);
    long long iPrev = 0;
    while( (rc = sqlite3_step(stMeet))==SQLITE_ROW ){
      long long iMeeting = sqlite3_column_int64(stMeet, 0);
      if( iMeeting==iPrev ) continue;           /* its other bodies */
      iPrev = iMeeting;
      json_t *e = json_object();
      json_array_append_new(a, e);
      json_object_set_new(e, "meeting_id", json_integer(iMeeting));
      json_object_set_new(e, "date", catalog_column(stMeet, 1));
      json_object_set_new(e, "kind", catalog_column(stMeet, 5));
      json_object_set_new(e, "body", json_pack("{s:o,s:o,s:o,s:o}",
          "id", catalog_column(stMeet, 2), "name", catalog_column(stMeet, 3),
          "full_name", catalog_column(stMeet, 4), "kind", catalog_column(stMeet, 5)));
      const char *zDate = (const char*)sqlite3_column_text(stMeet, 1);
      rc = entry_fill(ast, e, iTopic, iMeeting, zDate ? zDate : "");
      if( rc!=SQLITE_DONE ) break;
      /* each decision's ratification: a few indexed lookups (ratify.c) */
      size_t k;
      json_t *x;
      json_array_foreach(json_object_get(e, "decisions"), k, x){
        json_t *pSum = ratify_summary(pRat, json_integer_value(json_object_get(x, "id")), err);
        if( pSum==0 ){
          rc = SQLITE_ERROR;
          break;
        }
        json_object_set_new(x, "ratification", pSum);
      }
      if( rc!=SQLITE_DONE ) break;
    }
  }
  int bOk = rc==SQLITE_DONE;
  if( !bOk ) err_internal(err, "database error: %s", sqlite3_errmsg(db));
  sqlite3_finalize(stMeet);
  for(int i=0; i<N_ST; i++) sqlite3_finalize(ast[i]);
  ratify_close(pRat);
  return bOk ? 0 : -1;
}

json_t *timeline_topic(sqlite3 *db, long long iTopic, const char *zFrom, const char *zTo,
                       Err *err){
  char zFirst[11], zLast[11];
  if( query_span(zFrom, zTo, zFirst, zLast, err) ) return 0;
  if( sqlite3_exec(db, "SAVEPOINT timeline", 0, 0, 0)!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
    return 0;
  }
  json_t *out = 0;
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT id, name FROM topic WHERE id=?1", -1, &st, 0);
  if( rc==SQLITE_OK ){
    sqlite3_bind_int64(st, 1, iTopic);
    rc = sqlite3_step(st);
  }
  if( rc==SQLITE_ROW ){
    out = json_object();
    json_object_set_new(out, "topic", json_pack("{s:I,s:o}", "id", (json_int_t)iTopic,
                                                 "name", catalog_column(st, 1)));
    json_object_set_new(out, "from", zFirst[0] ? json_string(zFirst) : json_null());
    json_object_set_new(out, "to", zLast[0] ? json_string(zLast) : json_null());
  }else if( rc==SQLITE_DONE ){
    err_notfound(err, "no topic %lld", iTopic);
  }else{
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(st);
  if( out && read_entries(db, iTopic, zFirst, zLast, out, err) ){
    json_decref(out);
    out = 0;
  }
  sqlite3_exec(db, "RELEASE timeline", 0, 0, 0);
  return out;
}

/* ---------------------------------------------------------------- CSV */

/* One field: quoted when it holds a comma, quote, CR or LF. */
static void csv_field(Buf *out, const char *z, int bFirst){
  if( !bFirst ) buf_putc(out, ',');
  if( z==0 ) return;
  if( strpbrk(z, ",\"\r\n")==0 ){
    buf_puts(out, z);
    return;
  }
  buf_putc(out, '"');
  for(; *z; z++){
    if( *z=='"' ) buf_putc(out, '"');
    buf_putc(out, *z);
  }
  buf_putc(out, '"');
}

static void csv_int(Buf *out, const json_t *v){
  buf_putc(out, ',');
  if( json_is_integer(v) ) buf_appendf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
}

/* The names in a (strings, or objects with "name"), "; "-joined. */
static void names_joined(Buf *b, const json_t *a){
  size_t i;
  json_t *v;
  buf_reset(b);
  json_array_foreach(a, i, v){
    const char *z = json_is_string(v) ? json_string_value(v)
                  : json_string_value(json_object_get(v, "name"));
    if( z==0 ) continue;
    if( b->n ) buf_puts(b, "; ");
    buf_puts(b, z);
  }
}


/* The original name of the document iDoc among the entry's documents. */
static const char *doc_name(const json_t *e, json_int_t iDoc){
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(e, "documents"), i, d){
    if( json_integer_value(json_object_get(d, "id"))==iDoc ) return catalog_str(d, "original_name");
  }
  return 0;
}

int timeline_csv(json_t *t, Buf *out){
  static const char zHead[] = "date,body,kind,entry,nr,text,who,due,status,portfolio_holders,"
                              "chairs,participants,document,document_id,passage_id,ratification,ratified,"
                              "ratification_open\r\n";
  Buf holders = BUF_INIT, chairs = BUF_INIT, parts = BUF_INIT, status = BUF_INIT;
  Buf open = BUF_INIT;
  int nRow = 0;
  buf_puts(out, zHead);
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(t, "entries"), i, e){
    names_joined(&holders, json_object_get(e, "portfolio_holders"));
    names_joined(&chairs, json_object_get(e, "chairs"));
    names_joined(&parts, json_object_get(e, "participants"));
    for(int bAction=0; bAction<2; bAction++){
      size_t k;
      json_t *x;
      json_array_foreach(json_object_get(e, bAction ? "actions" : "decisions"), k, x){
        csv_field(out, catalog_str(e, "date"), 1);
        csv_field(out, catalog_str(json_object_get(e, "body"), "name"), 0);
        csv_field(out, catalog_str(e, "kind"), 0);
        csv_field(out, bAction ? "action" : "decision", 0);
        csv_field(out, bAction ? catalog_str(x, "nr") : catalog_str(x, "agenda_item"), 0);
        csv_field(out, catalog_str(x, "text"), 0);
        csv_field(out, bAction ? catalog_str(x, "who") : 0, 0);
        csv_field(out, bAction ? catalog_str(x, "due") : 0, 0);
        buf_reset(&status);
        if( bAction ){
          buf_puts(&status, json_is_true(json_object_get(x, "done")) ? "done"
                          : json_is_true(json_object_get(x, "overdue")) ? "overdue" : "open");
          const char *zSt = catalog_str(x, "status");
          if( zSt && zSt[0] ) buf_appendf(&status, " (%s)", zSt);
        }
        csv_field(out, bAction ? status.z : 0, 0);
        csv_field(out, holders.z, 0);
        csv_field(out, chairs.z, 0);
        csv_field(out, parts.z, 0);
        json_int_t iDoc = json_integer_value(json_object_get(x, "document_id"));
        csv_field(out, doc_name(e, iDoc), 0);
        csv_int(out, json_object_get(x, "document_id"));
        csv_int(out, json_object_get(x, "passage_id"));
        /* decisions: needed or not, "adopted of required", the open ones */
        const json_t *pRat = bAction ? 0 : json_object_get(x, "ratification");
        csv_field(out, !pRat ? 0 : json_is_true(json_object_get(pRat, "needed")) ? "needed"
                       : "not needed", 0);
        buf_reset(&status);
        if( pRat && json_is_true(json_object_get(pRat, "needed")) ){
          buf_appendf(&status, "%" JSON_INTEGER_FORMAT "/%" JSON_INTEGER_FORMAT,
                      json_integer_value(json_object_get(pRat, "adopted")),
                      json_integer_value(json_object_get(pRat, "required")));
        }
        csv_field(out, status.n ? status.z : 0, 0);
        names_joined(&open, pRat ? json_object_get(pRat, "open") : 0);
        csv_field(out, open.n ? open.z : 0, 0);
        buf_puts(out, "\r\n");
        nRow++;
      }
    }
  }
  buf_release(&holders);
  buf_release(&chairs);
  buf_release(&parts);
  buf_release(&status);
  buf_release(&open);
  return nRow;
}
