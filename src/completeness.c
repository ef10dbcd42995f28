/*
** completeness.c — what is missing from the archive of meetings; see
** completeness.h for the rules.
**
** One statement per kind of finding.  The first three walk the meetings
** of the period by meeting_date and find their documents through
** document_meeting (CROSS JOIN keeps the meeting outermost, so that no
** statement scans the document table); each row is made into JSON by
** SQLite's json_object() and read back with jansson, so that the
** references nest without a second query per row.  The gaps need the
** median per body, which is computed here from one ordered walk of
** meeting_body.  All four read in one savepoint.
*/
#include "completeness.h"
#include "query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- SQL */

/* The reference objects of catalog.h. */
#define BODY_JSON(t) "json_object('id'," t ".id,'name'," t ".name,'full_name'," t ".full_name," \
  "'kind'," t ".kind)"
#define DOC_JSON(t) "json_object('id'," t ".id,'title'," t ".title,'original_name'," \
  t ".original_name,'date'," t ".date,'kind'," t ".kind,'status'," t ".status,'format'," \
  t ".format,'size'," t ".size)"

/* Meeting m is in the period (?1, ?2: first and last day, '' and
** '9999-12-31' when open) and was held before today. */
#define IN_PERIOD " m.date>=?1 AND m.date<=?2 AND m.date<date('now','localtime')"

/* Meeting m has minutes. */
#define HAS_MINUTES "EXISTS(SELECT 1 FROM document v WHERE v.meeting_id=m.id" \
  " AND v.kind IN ('verslag','besluitenlijst'))"

static const char zSqlMeetings[] =
  "SELECT json_object('id',m.id,'date',m.date,'location',m.location,"
  " 'bodies',json((SELECT json_group_array(json(" BODY_JSON("b") ")) FROM"
  "   (SELECT b.* FROM meeting_body mb JOIN body b ON b.id=mb.body_id"
  "     WHERE mb.meeting_id=m.id ORDER BY b.name, b.id) b)),"
  " 'documents',json((SELECT json_group_array(json(" DOC_JSON("d") ")) FROM"
  "   (SELECT * FROM document WHERE meeting_id=m.id ORDER BY id) d)))"
  " FROM meeting m WHERE" IN_PERIOD " AND NOT " HAS_MINUTES
  " ORDER BY m.date DESC, m.id DESC";

/* The next meeting after m of the verslag d's body (any body of m when d
** has none): the first by date, then id. */
#define NEXT_MEETING \
  "(SELECT m2.id FROM meeting_body mb2 JOIN meeting m2 ON m2.id=mb2.meeting_id" \
  " WHERE mb2.body_id IN (SELECT mb.body_id FROM meeting_body mb WHERE mb.meeting_id=m.id" \
  "   AND (d.body_id IS NULL OR mb.body_id=d.body_id))" \
  " AND m2.date>m.date ORDER BY m2.date, m2.id LIMIT 1)"

static const char zSqlConcept[] =
  "SELECT json_object('document',json(" DOC_JSON("d") "),"
  " 'body',CASE WHEN b.id IS NULL THEN NULL ELSE json(" BODY_JSON("b") ") END,"
  " 'meeting',json_object('id',m.id,'date',m.date),"
  " 'next_meeting',json_object('id',n.id,'date',n.date))"
  " FROM (SELECT d.id AS did, m.id AS mid, " NEXT_MEETING " AS nid"
  "   FROM meeting m CROSS JOIN document d ON d.meeting_id=m.id"
  "   WHERE" IN_PERIOD " AND d.kind='verslag' AND d.status='concept'"
  "   AND NOT EXISTS(SELECT 1 FROM document v WHERE v.meeting_id=m.id"
  "     AND v.kind='verslag' AND v.status='vastgesteld')) x"
  " JOIN document d ON d.id=x.did JOIN meeting m ON m.id=x.mid"
  " JOIN meeting n ON n.id=x.nid LEFT JOIN body b ON b.id=d.body_id"
  " WHERE n.date<date('now','localtime')"
  " ORDER BY m.date DESC, m.id DESC, d.id DESC";

static const char zSqlAgendas[] =
  "SELECT json_object('document',json(" DOC_JSON("d") "),"
  " 'body',CASE WHEN b.id IS NULL THEN NULL ELSE json(" BODY_JSON("b") ") END,"
  " 'meeting',json_object('id',m.id,'date',m.date,'location',m.location))"
  " FROM meeting m CROSS JOIN document d ON d.meeting_id=m.id LEFT JOIN body b ON b.id=d.body_id"
  " WHERE" IN_PERIOD " AND d.kind='agenda' AND NOT " HAS_MINUTES
  " ORDER BY m.date DESC, m.id DESC, d.id DESC";

/* Every body's meetings held before today, in order; dates that are not
** dates are left out. */
static const char zSqlRhythm[] =
  "SELECT b.id, " BODY_JSON("b") ", m.id, m.date, julianday(m.date)"
  " FROM meeting_body mb JOIN meeting m ON m.id=mb.meeting_id JOIN body b ON b.id=mb.body_id"
  " WHERE julianday(m.date) IS NOT NULL AND m.date<date('now','localtime')"
  " ORDER BY b.name, b.id, m.date, m.id";

/* ------------------------------------------------------------- report */

typedef struct Compl {
  sqlite3 *db;
  Err *err;
  char zFrom[11], zTo[11];     /* the period; "" and "9999-12-31" when open */
} Compl;

static int db_error(Compl *c){
  return err_internal(c->err, "database error: %s", sqlite3_errmsg(c->db));
}

/* Prepares zSql with the period bound. */
static int compl_prepare(Compl *c, const char *zSql, sqlite3_stmt **pst){
  if( sqlite3_prepare_v2(c->db, zSql, -1, pst, 0)!=SQLITE_OK ) return db_error(c);
  sqlite3_bind_text(*pst, 1, c->zFrom, -1, SQLITE_STATIC);
  sqlite3_bind_text(*pst, 2, c->zTo, -1, SQLITE_STATIC);
  return 0;
}

/* The rows of zSql (one JSON text each) as the array zKey of out. */
static int compl_list(Compl *c, const char *zSql, json_t *out, const char *zKey){
  sqlite3_stmt *st;
  if( compl_prepare(c, zSql, &st) ) return -1;
  json_t *a = json_array();
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    json_error_t je;
    json_t *j = json_loads((const char*)sqlite3_column_text(st, 0), 0, &je);
    if( j==0 ){
      /* only text that is not UTF-8 in a title or name gets here */
      sqlite3_finalize(st);
      json_decref(a);
      return err_internal(c->err, "database error: a finding that is not valid JSON: %s", je.text);
    }
    json_array_append_new(a, j);
  }
  int bad = rc!=SQLITE_DONE ? db_error(c) : 0;
  sqlite3_finalize(st);
  if( bad ){
    json_decref(a);
    return -1;
  }
  json_object_set_new(out, zKey, a);
  return 0;
}

static int cmp_double(const void *a, const void *b){
  double x = *(const double*)a, y = *(const double*)b;
  return x<y ? -1 : x>y;
}

/* A meeting {id, date}. */
static json_t *meeting_ref(long long id, const char *zDate){
  return json_pack("{sIss}", "id", (json_int_t)id, "date", zDate);
}

/* A meeting of a body's rhythm. */
typedef struct Meet {
  long long id;
  char zDate[11];
  double jd;
} Meet;

/* One body's meetings aM (dates distinct, in order): its gaps in the
** period into a.  Takes pBody's reference. */
static void body_gaps(Compl *c, json_t *pBody, const Meet *aM, int n, json_t *a){
  if( n<COMPLETENESS_MIN_MEETINGS ){
    json_decref(pBody);
    return;
  }
  double *aD = xrealloc(0, sizeof(double)*(size_t)(n-1));
  for(int i=1; i<n; i++) aD[i-1] = aM[i].jd - aM[i-1].jd;
  qsort(aD, (size_t)(n-1), sizeof(double), cmp_double);
  int k = n-1;
  double med = k%2 ? aD[k/2] : (aD[k/2-1]+aD[k/2])/2;
  free(aD);
  for(int i=1; med>0 && i<n; i++){
    double d = aM[i].jd - aM[i-1].jd;
    if( d<=COMPLETENESS_GAP_FACTOR*med ) continue;
    if( strcmp(aM[i].zDate, c->zFrom)<0 || strcmp(aM[i-1].zDate, c->zTo)>0 ) continue;
    json_t *usual = med==floor(med) ? json_integer((json_int_t)med) : json_real(med);
    json_array_append_new(a, json_pack("{sOsososo sI}", "body", pBody, "usual_days", usual,
                                       "from", meeting_ref(aM[i-1].id, aM[i-1].zDate),
                                       "to", meeting_ref(aM[i].id, aM[i].zDate),
                                       "days", (json_int_t)llround(d)));
  }
  json_decref(pBody);
}

/* The gaps in each body's rhythm as the array "gaps" of out. */
static int compl_gaps(Compl *c, json_t *out){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(c->db, zSqlRhythm, -1, &st, 0)!=SQLITE_OK ) return db_error(c);
  json_t *a = json_array(), *pBody = 0;
  Meet *aM = 0;
  int n = 0, nAlloc = 0, rc;
  long long iBody = -1;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    long long id = sqlite3_column_int64(st, 0);
    if( id!=iBody ){
      if( pBody ) body_gaps(c, pBody, aM, n, a);
      iBody = id;
      n = 0;
      pBody = json_loads((const char*)sqlite3_column_text(st, 1), 0, 0);
      if( pBody==0 ) pBody = json_pack("{sI}", "id", (json_int_t)id);
    }
    const char *zDate = (const char*)sqlite3_column_text(st, 3);
    if( n>0 && strncmp(aM[n-1].zDate, zDate, 10)==0 ) continue;  /* same day: one meeting */
    if( n==nAlloc ){
      nAlloc = nAlloc ? 2*nAlloc : 64;
      aM = xrealloc(aM, sizeof(Meet)*(size_t)nAlloc);
    }
    aM[n].id = sqlite3_column_int64(st, 2);
    snprintf(aM[n].zDate, sizeof aM[n].zDate, "%s", zDate);
    aM[n].jd = floor(sqlite3_column_double(st, 4) + 0.5);
    n++;
  }
  if( pBody ) body_gaps(c, pBody, aM, n, a);
  free(aM);
  int bad = rc!=SQLITE_DONE ? db_error(c) : 0;
  sqlite3_finalize(st);
  if( bad ){
    json_decref(a);
    return -1;
  }
  json_object_set_new(out, "gaps", a);
  return 0;
}

/* Reads the period's ends into c. */
static int compl_period(Compl *c, const char *zFrom, const char *zTo){
  if( query_span(zFrom, zTo, c->zFrom, c->zTo, c->err) ) return -1;
  if( c->zTo[0]==0 ) strcpy(c->zTo, "9999-12-31");
  return 0;
}

static const char *const azKind[] = {
  "meetings_without_minutes", "concept_after_next", "agendas_without_minutes", "gaps"
};

json_t *completeness_report(sqlite3 *db, const char *zFrom, const char *zTo, Err *err){
  Compl c;
  memset(&c, 0, sizeof c);
  c.db = db;
  c.err = err;
  if( compl_period(&c, zFrom, zTo) ) return 0;
  json_t *out = json_object();
  json_object_set_new(out, "from", c.zFrom[0] ? json_string(c.zFrom) : json_null());
  json_object_set_new(out, "to", zTo && zTo[0] ? json_string(c.zTo) : json_null());
  if( sqlite3_exec(db, "SAVEPOINT completeness", 0, 0, 0)!=SQLITE_OK ){
    db_error(&c);
    json_decref(out);
    return 0;
  }
  int rc = compl_list(&c, zSqlMeetings, out, azKind[0]);
  if( rc==0 ) rc = compl_list(&c, zSqlConcept, out, azKind[1]);
  if( rc==0 ) rc = compl_list(&c, zSqlAgendas, out, azKind[2]);
  if( rc==0 ) rc = compl_gaps(&c, out);
  sqlite3_exec(db, "RELEASE completeness", 0, 0, 0);
  if( rc ){
    json_decref(out);
    return 0;
  }
  json_t *counts = json_object();
  json_int_t nTotal = 0;
  for(int i=0; i<4; i++){
    json_int_t n = (json_int_t)json_array_size(json_object_get(out, azKind[i]));
    json_object_set_new(counts, azKind[i], json_integer(n));
    nTotal += n;
  }
  json_object_set_new(counts, "total", json_integer(nTotal));
  json_object_set_new(out, "counts", counts);
  return out;
}

/* --------------------------------------------------------------- text */

static const char *str_of(const json_t *o, const char *zKey){
  const char *z = json_string_value(json_object_get(o, zKey));
  return z ? z : "";
}

static long long id_of(const json_t *o){
  return (long long)json_integer_value(json_object_get(o, "id"));
}

/* "Verslag BO Wonen" (verslag-2024.odt, document 7). */
static void put_doc(Buf *out, const json_t *d){
  const char *zTitle = str_of(d, "title");
  buf_appendf(out, "%s%s(%s, document %lld)", zTitle, zTitle[0] ? " " : "",
              str_of(d, "original_name"), id_of(d));
}

static void put_heading(Buf *out, const char *zText, size_t n){
  buf_appendf(out, "%s%s (%zu):\n", out->n ? "\n" : "", zText, n);
}

static void print_text(const json_t *r, Buf *out){
  json_t *a = json_object_get(r, azKind[0]);
  if( json_array_size(a) ) put_heading(out, "Meetings without minutes", json_array_size(a));
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *m = json_array_get(a, i), *aB = json_object_get(m, "bodies");
    json_t *aD = json_object_get(m, "documents");
    buf_appendf(out, "  %s  meeting %lld ", str_of(m, "date"), id_of(m));
    for(size_t k=0; k<json_array_size(aB); k++){
      buf_appendf(out, "%s%s", k ? ", " : "", str_of(json_array_get(aB, k), "name"));
    }
    if( json_array_size(aD)==0 ) buf_puts(out, ": no documents");
    for(size_t k=0; k<json_array_size(aD); k++){
      json_t *d = json_array_get(aD, k);
      const char *zKind = str_of(d, "kind");
      buf_appendf(out, "%s%s ", k ? "; " : ": has ", zKind[0] ? zKind : "document");
      put_doc(out, d);
    }
    buf_putc(out, '\n');
  }
  a = json_object_get(r, azKind[1]);
  if( json_array_size(a) ) put_heading(out, "Minutes still concept after the next meeting",
                                       json_array_size(a));
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *e = json_array_get(a, i), *b = json_object_get(e, "body");
    buf_appendf(out, "  %s  %s%sverslag ", str_of(json_object_get(e, "meeting"), "date"),
                str_of(b, "name"), json_is_object(b) ? " " : "");
    put_doc(out, json_object_get(e, "document"));
    buf_appendf(out, ": concept, next meeting %s\n",
                str_of(json_object_get(e, "next_meeting"), "date"));
  }
  a = json_object_get(r, azKind[2]);
  if( json_array_size(a) ) put_heading(out, "Agendas without minutes", json_array_size(a));
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *e = json_array_get(a, i), *b = json_object_get(e, "body");
    buf_appendf(out, "  %s  %s%sagenda ", str_of(json_object_get(e, "meeting"), "date"),
                str_of(b, "name"), json_is_object(b) ? " " : "");
    put_doc(out, json_object_get(e, "document"));
    buf_appendf(out, ": meeting %lld has no minutes\n", id_of(json_object_get(e, "meeting")));
  }
  a = json_object_get(r, azKind[3]);
  if( json_array_size(a) ) put_heading(out, "Gaps in a body's rhythm", json_array_size(a));
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *e = json_array_get(a, i);
    buf_appendf(out, "  %s: %s to %s, %lld days (usually %g)\n",
                str_of(json_object_get(e, "body"), "name"),
                str_of(json_object_get(e, "from"), "date"),
                str_of(json_object_get(e, "to"), "date"),
                (long long)json_integer_value(json_object_get(e, "days")),
                json_number_value(json_object_get(e, "usual_days")));
  }
  json_int_t n = json_integer_value(json_object_get(json_object_get(r, "counts"), "total"));
  buf_appendf(out, "%s%lld finding%s in the meetings\n", out->n ? "\n" : "", (long long)n,
              n==1 ? "" : "s");
}

int completeness_print(sqlite3 *db, const char *zFrom, const char *zTo, int bJson,
                       Buf *out, Err *err){
  json_t *r = completeness_report(db, zFrom, zTo, err);
  if( r==0 ) return -1;
  if( bJson ){
    char *z = json_dumps(r, JSON_INDENT(2));
    if( z ){
      buf_puts(out, z);
      buf_putc(out, '\n');
    }
    free(z);
  }else{
    print_text(r, out);
  }
  int n = (int)json_integer_value(json_object_get(json_object_get(r, "counts"), "total"));
  json_decref(r);
  return n;
}
