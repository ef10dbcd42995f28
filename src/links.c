/*
** links.c — references between meetings stated in documents, resolved
** in the archive.  See links.h.
*/
#include "links.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "infer.h"
#include "sql.h"

/* Letters of a word compared: "woningbouwprogramma" and
** "woningbouwprogramma's", "besluit" and "besluiten" share their first
** seven.  A crude stem, enough to tell a meeting's few decisions apart. */
#define STEM_BYTES 7

/* Words too common in decisions to tell them apart. */
static const char *const azStop[] = {
  "wordt", "worden", "besluit", "besluite", "besloten", "conform", "stemt",
  "stemmen", "neemt", "nemen", "kennis", "deze", "over", "naar", "door",
  "zijn", "heeft", "hebben", "akkoord", "gaat", "vast", "stelt", "eerder",
  "genomen", "tevens", "voor", "zoals", "waarin", "onder", "regio",
  "amersfoort", "gemeenten", "januari", "februar", "maart", "april", "juni",
  "juli", "augustu", "septemb", "oktober", "novembe", "decembe",
};

/* The distinct stems of z's words of four letters or more, each followed
** by a space, after one leading space: " woningb regiona ". */
static void stems_of(const char *z, Buf *out){
  const char *zEnd = z + strlen(z);
  buf_reset(out);
  buf_putc(out, ' ');
  char zWord[STEM_BYTES+3];
  while( z<zEnd ){
    size_t n = 0, nAll = 0;
    while( z<zEnd ){
      int c = infer_fold_next(&z, zEnd);
      int bWord = (c>='a' && c<='z') || (c>='0' && c<='9') || c>=0x80;
      if( !bWord ){
        if( nAll>0 ) break;
        continue;
      }
      if( n<STEM_BYTES ) zWord[n++] = (char)c;
      nAll++;
    }
    if( nAll<4 ) continue;
    zWord[n] = 0;
    int bStop = 0;
    for(size_t i=0; i<sizeof azStop/sizeof azStop[0] && !bStop; i++){
      bStop = strncmp(zWord, azStop[i], STEM_BYTES)==0;
    }
    if( bStop ) continue;
    zWord[n] = ' ';
    zWord[n+1] = 0;
    char zKey[STEM_BYTES+4];
    zKey[0] = ' ';
    memcpy(zKey+1, zWord, n+2);
    if( strstr(out->z, zKey)==0 ) buf_append(out, zWord, n+1);
  }
}

/* How many stems of set zA (stems_of) are in set zB. */
static int overlap(const char *zA, const char *zB){
  int n = 0;
  const char *z = zA;
  char zKey[STEM_BYTES+4];
  while( *z==' ' ) z++;
  while( *z ){
    const char *zSp = strchr(z, ' ');
    size_t k = zSp ? (size_t)(zSp - z) : strlen(z);
    if( k>STEM_BYTES ) k = STEM_BYTES;
    zKey[0] = ' ';
    memcpy(zKey+1, z, k);
    zKey[k+1] = ' ';
    zKey[k+2] = 0;
    n += strstr(zB, zKey)!=0;
    z += k;
    while( *z==' ' ) z++;
  }
  return n;
}

static const SqlStmt aStmt[] = {
  { offsetof(Links, stSetRef),
    "UPDATE decision SET refers_date=?3, refers_body=?4 WHERE document_id=?1 AND seq=?2"
    " RETURNING id, text" },
  { offsetof(Links, stBodyName),
    "SELECT id FROM body WHERE name=?1 OR full_name=?1 COLLATE NOCASE"
    " ORDER BY name=?1 DESC, id LIMIT 1" },
  /* the body of kind ?1 of document ?2's topic */
  { offsetof(Links, stBodyKindTopic),
    "SELECT b.id FROM body b JOIN document d ON d.topic_id=b.topic_id"
    " WHERE d.id=?2 AND b.kind=?1 ORDER BY b.id LIMIT 1" },
  { offsetof(Links, stBodyInfo), "SELECT kind, prepares_id FROM body WHERE id=?1" },
  /* the decisions taken by body ?1 on ?2, in document order */
  { offsetof(Links, stCandidates),
    "SELECT dc.id, dc.text FROM document d JOIN decision dc ON dc.document_id=d.id"
    " WHERE d.body_id=?1 AND d.date=?2 AND d.id<>?3 AND dc.proposed=0 AND dc.removed=0"
    " ORDER BY d.id, dc.seq" },
  /* what staff set (refers_by) stays */
  { offsetof(Links, stSetRefersTo),
    "UPDATE decision SET refers_to=?2 WHERE id=?1 AND refers_by IS NULL" },
  /* references stored earlier that wait for the decisions of date ?1 (the
  ** columns of Wait) */
  { offsetof(Links, stWaiting),
    "SELECT dc.id, dc.text, coalesce(dc.refers_body, ''), d.id, coalesce(d.body_id, 0),"
    " dc.refers_date FROM decision dc JOIN document d ON d.id=dc.document_id"
    " WHERE dc.refers_date=?1 AND dc.refers_to IS NULL AND dc.refers_by IS NULL AND d.id<>?2" },
  /* the statements of the BO meeting they prepare in the documents of
  ** meeting ?1 (the columns of Wait) */
  { offsetof(Links, stPrepOf),
    "SELECT meeting_id, NULL, coalesce(prepares_body, ''), id, coalesce(body_id, 0), prepares_date"
    " FROM document WHERE meeting_id=?1 AND prepares_date IS NOT NULL ORDER BY id" },
  /* one decision's reference as stored (the columns of Wait) */
  { offsetof(Links, stOne),
    "SELECT dc.id, dc.text, coalesce(dc.refers_body, ''), d.id, coalesce(d.body_id, 0),"
    " dc.refers_date FROM decision dc JOIN document d ON d.id=dc.document_id"
    " WHERE dc.id=?1 AND dc.refers_date IS NOT NULL" },
  { offsetof(Links, stSetPrep),
    "UPDATE document SET prepares_date=?2, prepares_body=?3 WHERE id=?1" },
  { offsetof(Links, stBoMeeting),
    "SELECT m.id FROM meeting m JOIN meeting_body mb ON mb.meeting_id=m.id"
    " WHERE mb.body_id=?1 AND m.date=?2 ORDER BY m.id LIMIT 1" },
  /* an AO meeting whose link staff set (meeting.prepares_by) is left */
  { offsetof(Links, stDelNext),
    "DELETE FROM meeting_prepares WHERE ao_meeting_id=?1 AND how='next'"
    " AND (SELECT prepares_by FROM meeting WHERE id=?1) IS NULL" },
  { offsetof(Links, stLink),
    "INSERT OR REPLACE INTO meeting_prepares(ao_meeting_id, bo_meeting_id, how)"
    " SELECT ?1, ?2, 'reference' WHERE (SELECT prepares_by FROM meeting WHERE id=?1) IS NULL" },
  /* AO documents stored earlier that name a BO meeting of date ?1 (the
  ** columns of Wait) */
  { offsetof(Links, stPrepWaiting),
    "SELECT meeting_id, NULL, coalesce(prepares_body, ''), id, coalesce(body_id, 0), prepares_date"
    " FROM document WHERE prepares_date=?1 AND meeting_id IS NOT NULL AND id<>?2" },
};

#define N_STMT (sizeof aStmt/sizeof aStmt[0])

int links_open(Links *l, sqlite3 *db, Err *err){
  memset(l, 0, sizeof *l);
  l->db = db;
  return sql_prepare_all(db, l, aStmt, N_STMT, err);
}

void links_close(Links *l){
  sql_finalize_all(l, aStmt, N_STMT);
}

/* The kind of body iBody ("BO", "AO", ...) into zKind and its prepares_id
** into *piPrep; 0, or -1 on error (zKind "" when there is no such body). */
static int body_info(Links *l, long long iBody, char zKind[8], long long *piPrep){
  sqlite3_stmt *st = l->stBodyInfo;
  zKind[0] = 0;
  *piPrep = 0;
  sqlite3_bind_int64(st, 1, iBody);
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ){
    const char *z = (const char*)sqlite3_column_text(st, 0);
    snprintf(zKind, 8, "%s", z ? z : "");
    *piPrep = sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc==SQLITE_ROW || rc==SQLITE_DONE ? 0 : -1;
}

/* The kind a bare name stands for: "BO", "Bestuurlijk Overleg" -> "BO";
** "AO", "Ambtelijk Overleg" -> "AO"; NULL for any other name. */
static const char *bare_kind(const char *z){
  if( strcasecmp(z, "BO")==0 || strcasecmp(z, "bestuurlijk overleg")==0 ) return "BO";
  if( strcasecmp(z, "AO")==0 || strcasecmp(z, "ambtelijk overleg")==0 ) return "AO";
  return 0;
}

/* The body zWritten names, seen from document iDoc of body iOwn: "" the
** own body; a name or full name; a bare "BO"/"AO" the own body when of
** that kind, for an AO's "BO" the BO it prepares, else that kind's body of
** the document's topic.  0 when none, -1 on error. */
static long long body_resolve(Links *l, const char *zWritten, long long iOwn, long long iDoc){
  if( zWritten==0 || zWritten[0]==0 ) return iOwn;
  sqlite3_bind_text(l->stBodyName, 1, zWritten, -1, SQLITE_TRANSIENT);
  long long id = sql_step_id(l->stBodyName);
  if( id!=0 ) return id;
  const char *zKind = bare_kind(zWritten);
  if( zKind==0 ) return 0;
  if( iOwn>0 ){
    char zOwnKind[8];
    long long iPrep;
    if( body_info(l, iOwn, zOwnKind, &iPrep) ) return -1;
    if( strcmp(zOwnKind, zKind)==0 ) return iOwn;
    if( strcmp(zOwnKind, "AO")==0 && strcmp(zKind, "BO")==0 && iPrep>0 ) return iPrep;
  }
  sqlite3_bind_text(l->stBodyKindTopic, 1, zKind, -1, SQLITE_STATIC);
  sqlite3_bind_int64(l->stBodyKindTopic, 2, iDoc);
  return sql_step_id(l->stBodyKindTopic);
}

/* The decision taken by body iBody on zDate (outside document iNotDoc)
** that shares the most words with zText, the first of equals; 0 when
** there is none, -1 on error. */
static long long best_decision(Links *l, long long iBody, const char *zDate,
                               long long iNotDoc, const char *zText){
  Buf want = BUF_INIT, have = BUF_INIT;
  sqlite3_stmt *st = l->stCandidates;
  long long iBest = 0;
  int nBest = -1, rc;
  stems_of(zText, &want);
  sqlite3_bind_int64(st, 1, iBody);
  sqlite3_bind_text(st, 2, zDate, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 3, iNotDoc);
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    const char *z = (const char*)sqlite3_column_text(st, 1);
    stems_of(z ? z : "", &have);
    int n = overlap(want.z, have.z);
    if( n>nBest ){
      nBest = n;
      iBest = sqlite3_column_int64(st, 0);
    }
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  buf_release(&want);
  buf_release(&have);
  return rc==SQLITE_DONE ? iBest : -1;
}

static int set_refers_to(Links *l, long long iDecision, long long iTo){
  sqlite3_bind_int64(l->stSetRefersTo, 1, iDecision);
  sqlite3_bind_int64(l->stSetRefersTo, 2, iTo);
  return sql_step_id(l->stSetRefersTo)<0 ? -1 : 0;
}

/* A stored reference: the decision's id and text, or for a BO meeting
** named by an AO document that document's meeting (no text); the body as
** written; the document it is in with that document's body; the date it
** names. */
typedef struct Wait {
  long long id;
  char *zText, *zBody;
  long long iDoc, iBody;
  char zDate[16];
} Wait;

static void wait_free(Wait *a, int n){
  for(int i=0; i<n; i++){
    free(a[i].zText);
    free(a[i].zBody);
  }
  free(a);
}

/* Reads every row of st (the columns of Wait; bound by the caller) into
** *pa: all are read first, as resolving one changes the index being
** read.  The number of rows, or -1 on error (*pa then NULL). */
static int wait_read(sqlite3_stmt *st, Wait **pa){
  Wait *a = 0;
  int n = 0, r;
  while( (r = sqlite3_step(st))==SQLITE_ROW ){
    a = xrealloc(a, (size_t)(n+1) * sizeof *a);
    const char *zT = (const char*)sqlite3_column_text(st, 1);
    const char *zB = (const char*)sqlite3_column_text(st, 2);
    a[n].id = sqlite3_column_int64(st, 0);
    a[n].zText = xstrdup(zT ? zT : "");
    a[n].zBody = xstrdup(zB ? zB : "");
    a[n].iDoc = sqlite3_column_int64(st, 3);
    a[n].iBody = sqlite3_column_int64(st, 4);
    const char *zD = (const char*)sqlite3_column_text(st, 5);
    snprintf(a[n].zDate, sizeof a[n].zDate, "%s", zD ? zD : "");
    n++;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if( r!=SQLITE_DONE ){
    wait_free(a, n);
    a = 0;
    n = -1;
  }
  *pa = a;
  return n;
}

/* Resolves decision w->id's reference to zDate: when its body as written
** is iOnly (0: any), refers_to the best decision of that body on that
** date.  0, or -1 on error. */
static int ref_resolve(Links *l, const Wait *w, const char *zDate, long long iOnly){
  long long iTo = body_resolve(l, w->zBody, w->iBody, w->iDoc);
  if( iTo<=0 || (iOnly && iTo!=iOnly) ) return iTo<0 ? -1 : 0;
  long long iBest = best_decision(l, iTo, zDate, w->iDoc, w->zText);
  if( iBest<=0 ) return iBest<0 ? -1 : 0;
  return set_refers_to(l, w->id, iBest);
}

/* 1: the references of document iDoc's decisions. */
static int refs_store(Links *l, long long iDoc, long long iBody, const Minutes *m){
  size_t n = m->decision.n + m->proposal.n;
  int rc = 0;
  for(size_t i=0; i<n && rc==0; i++){
    const MinutesDecision *dc = i<m->decision.n ? &m->decision.a[i]
                                                : &m->proposal.a[i - m->decision.n];
    if( dc->zRefDate[0]==0 ) continue;
    sqlite3_stmt *st = l->stSetRef;
    sqlite3_bind_int64(st, 1, iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_text(st, 3, dc->zRefDate, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, dc->zRefBody, -1, SQLITE_STATIC);
    Wait w = { 0, 0, 0, iDoc, iBody, "" };
    int r = sqlite3_step(st);
    if( r==SQLITE_ROW ){
      const char *z = (const char*)sqlite3_column_text(st, 1);
      w.id = sqlite3_column_int64(st, 0);
      w.zText = xstrdup(z ? z : "");
      w.zBody = xstrdup(dc->zRefBody);
      while( r==SQLITE_ROW ) r = sqlite3_step(st);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if( r!=SQLITE_DONE ) rc = -1;
    else if( w.id ) rc = ref_resolve(l, &w, dc->zRefDate, 0);   /* else no such row */
    free(w.zText);
    free(w.zBody);
  }
  return rc;
}

/* 2: references stored before the decisions of iBody on zDate came. */
static int refs_waiting(Links *l, long long iDoc, long long iBody, const char *zDate){
  Wait *a;
  sqlite3_bind_text(l->stWaiting, 1, zDate, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(l->stWaiting, 2, iDoc);
  int n = wait_read(l->stWaiting, &a);
  int rc = n<0 ? -1 : 0;
  for(int i=0; i<n && rc==0; i++) rc = ref_resolve(l, &a[i], zDate, iBody);
  wait_free(a, n);
  return rc;
}

int links_decision(Links *l, long long iDecision, Err *err){
  Wait *a;
  sqlite3_bind_int64(l->stOne, 1, iDecision);
  int n = wait_read(l->stOne, &a);
  int rc = n<0 ? -1 : n>0 ? ref_resolve(l, &a[0], a[0].zDate, 0) : 0;
  wait_free(a, n);
  return rc ? sql_fail(l->db, err) : 0;
}

/* The BO body zWritten names for an AO document iDoc of body iAo; 0 when
** it names none or iAo is no AO, -1 on error. */
static long long bo_resolve(Links *l, const char *zWritten, long long iAo, long long iDoc){
  char zKind[8];
  long long iPrep;
  if( iAo<=0 || body_info(l, iAo, zKind, &iPrep) ) return iAo<=0 ? 0 : -1;
  if( strcmp(zKind, "AO")!=0 ) return 0;
  long long id = body_resolve(l, zWritten, iAo, iDoc);
  if( id<=0 ) return id;
  if( body_info(l, id, zKind, &iPrep) ) return -1;
  return strcmp(zKind, "BO")==0 ? id : 0;
}

/* AO meeting iAo prepares BO meeting iBo, as a document says: the link
** replaces the AO meeting's link by the rule. */
static int link_reference(Links *l, long long iAo, long long iBo){
  sqlite3_bind_int64(l->stDelNext, 1, iAo);
  if( sql_step_id(l->stDelNext)<0 ) return -1;
  sqlite3_bind_int64(l->stLink, 1, iAo);
  sqlite3_bind_int64(l->stLink, 2, iBo);
  return sql_step_id(l->stLink)<0 ? -1 : 0;
}

/* AO meeting iMeeting (of document iDoc of body iBody) prepares the
** meeting of the BO zBody names on zDate, when there is one.  0, or -1. */
static int prep_link(Links *l, long long iDoc, long long iBody, long long iMeeting,
                     const char *zDate, const char *zBody){
  long long iBo = bo_resolve(l, zBody, iBody, iDoc);
  if( iBo<=0 ) return iBo<0 ? -1 : 0;
  sqlite3_bind_int64(l->stBoMeeting, 1, iBo);
  sqlite3_bind_text(l->stBoMeeting, 2, zDate, -1, SQLITE_TRANSIENT);
  long long iBoMeeting = sql_step_id(l->stBoMeeting);
  if( iBoMeeting<=0 || iBoMeeting==iMeeting ) return iBoMeeting<0 ? -1 : 0;
  return link_reference(l, iMeeting, iBoMeeting);
}

/* 3: this document's statement of the BO meeting it prepares. */
static int prep_store(Links *l, long long iDoc, long long iBody, long long iMeeting,
                      const Minutes *m){
  sqlite3_bind_int64(l->stSetPrep, 1, iDoc);
  sqlite3_bind_text(l->stSetPrep, 2, m->zPrepDate, -1, SQLITE_STATIC);
  sqlite3_bind_text(l->stSetPrep, 3, m->zPrepBody, -1, SQLITE_STATIC);
  if( sql_step_id(l->stSetPrep)<0 ) return -1;
  if( iMeeting<=0 ) return 0;
  return prep_link(l, iDoc, iBody, iMeeting, m->zPrepDate, m->zPrepBody);
}

/* 4: AO documents stored before the BO meeting they name. */
static int prep_waiting(Links *l, long long iDoc, long long iBody, long long iMeeting,
                        const char *zDate){
  Wait *a;
  sqlite3_bind_text(l->stPrepWaiting, 1, zDate, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(l->stPrepWaiting, 2, iDoc);
  int n = wait_read(l->stPrepWaiting, &a);
  int rc = n<0 ? -1 : 0;
  for(int i=0; i<n && rc==0; i++){
    if( a[i].id==iMeeting ) continue;
    long long iBo = bo_resolve(l, a[i].zBody, a[i].iBody, a[i].iDoc);
    if( iBo<0 ) rc = -1;
    else if( iBo==iBody ) rc = link_reference(l, a[i].id, iMeeting);
  }
  wait_free(a, n);
  return rc;
}

int links_document(Links *l, long long iDoc, long long iBody, long long iMeeting,
                   const char *zDate, const Minutes *m, Err *err){
  int bDate = zDate && zDate[0];
  if( m && refs_store(l, iDoc, iBody, m) ) return sql_fail(l->db, err);
  if( m && m->decision.n>0 && iBody>0 && bDate && refs_waiting(l, iDoc, iBody, zDate) ){
    return sql_fail(l->db, err);
  }
  if( m && m->zPrepDate[0] && prep_store(l, iDoc, iBody, iMeeting, m) ) return sql_fail(l->db, err);
  if( iMeeting>0 && iBody>0 && bDate && prep_waiting(l, iDoc, iBody, iMeeting, zDate) ){
    return sql_fail(l->db, err);
  }
  return 0;
}

int links_meeting(Links *l, long long iMeeting, Err *err){
  Wait *a;
  sqlite3_bind_int64(l->stPrepOf, 1, iMeeting);
  int n = wait_read(l->stPrepOf, &a);
  int rc = n<0 ? -1 : 0;
  for(int i=0; i<n && rc==0; i++){
    rc = prep_link(l, a[i].iDoc, a[i].iBody, a[i].id, a[i].zDate, a[i].zBody);
  }
  wait_free(a, n);
  return rc ? sql_fail(l->db, err) : 0;
}
