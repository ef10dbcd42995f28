/*
** correct.c — staff corrections of what the minutes reader recognised,
** and the review list of unmatched names.  See correct.h.
*/
#include "correct.h"
#include "sql.h"
#include "store.h"
#include "buf.h"
#include "catalog.h"
#include "import.h"
#include "links.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_WORDS 60    /* bytes of a passage's text in its label */

/* ------------------------------------------------------------ helpers */

static CorrectRc db_fail(sqlite3 *db, Err *err){
  err_internal(err, "database error: %s", sqlite3_errmsg(db));
  return CORRECT_FAILED;
}

static json_t *row_of(sqlite3 *db, const char *zSql, long long iArg,
                      const char *const *azBool){
  json_t *a = catalog_rows(db, zSql, iArg, azBool);
  json_t *o = json_array_size(a) ? json_incref(json_array_get(a, 0)) : 0;
  json_decref(a);
  return o;
}

static int tx_begin(sqlite3 *db){
  return sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0)==SQLITE_OK ? 0 : -1;
}

/* Commits when rc is CORRECT_OK (a failing commit makes it
** CORRECT_FAILED), rolls back otherwise; returns rc. */
static CorrectRc tx_end(sqlite3 *db, CorrectRc rc, Err *err){
  if( rc==CORRECT_OK && sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ) rc = db_fail(db, err);
  if( rc!=CORRECT_OK ) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  return rc;
}

/* An audit row, detail pDetail (stolen; NULL: none) as compact JSON. */
static int audit(sqlite3 *db, const char *zActor, const char *zAction, const char *zKind,
                 long long id, json_t *pDetail){
  char zObject[48];
  snprintf(zObject, sizeof zObject, "%s:%lld", zKind, id);
  char *zDetail = pDetail ? json_dumps(pDetail, JSON_COMPACT) : 0;
  json_decref(pDetail);
  int rc = store_audit(db, 0, zActor, zAction, zObject, zDetail);
  free(zDetail);
  return rc;
}

/* ------------------------------------------------------------- reading */

/* A passage's label: the last heading of its path, then its first
** words, cut at a word and never inside a UTF-8 character. */
static void passage_label(Buf *out, const char *zHeading, const char *zText){
  const char *zLast = zHeading;
  for(const char *z=zHeading; z && (z = strstr(z, " > "))!=0; z += 3) zLast = z+3;
  if( zLast && zLast[0] ) buf_appendf(out, "%s — ", zLast);
  size_t n = strcspn(zText, "\n\t");
  if( n>LABEL_WORDS ){
    n = LABEL_WORDS;
    while( n>0 && ((unsigned char)zText[n]&0xc0)==0x80 ) n--;
    size_t k = n;
    while( k>LABEL_WORDS/2 && zText[k]!=' ' ) k--;
    if( zText[k]==' ' ) n = k;
    buf_appendf(out, "%.*s…", (int)n, zText);
  }else{
    buf_appendf(out, "%.*s", (int)n, zText);
  }
}

static json_t *passage_labels(sqlite3 *db, long long iDoc){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, "SELECT id, heading, text FROM passage WHERE document_id=?1"
                         " ORDER BY seq", -1, &st, 0)!=SQLITE_OK ) return 0;
  sqlite3_bind_int64(st, 1, iDoc);
  json_t *a = json_array();
  Buf b = BUF_INIT;
  while( sqlite3_step(st)==SQLITE_ROW ){
    buf_reset(&b);
    const char *zText = (const char*)sqlite3_column_text(st, 2);
    passage_label(&b, (const char*)sqlite3_column_text(st, 1), zText ? zText : "");
    json_array_append_new(a, json_pack("{sIs+}", "id", (json_int_t)sqlite3_column_int64(st, 0),
                                       "label", b.z ? b.z : ""));
  }
  buf_release(&b);
  sqlite3_finalize(st);
  return a;
}

static const char *const azDecisionBool[] = { "proposed", "removed", 0 };

json_t *correct_document(sqlite3 *db, long long iDoc){
  long long n;
  if( sql_int(db, 0, &n, "SELECT count(*) FROM document WHERE id=?1", "i", iDoc) || n==0 ) return 0;
  static const struct { const char *zKey, *zSql; } aList[] = {
    { "agenda_items", "SELECT ai.id AS id, ai.nr AS nr, ai.title AS title, " CATALOG_ITEM_LABEL("ai")
      " AS label FROM agenda_item ai WHERE ai.document_id=?1 ORDER BY ai.seq" },
    { "attendees", "SELECT a.id AS id, a.role AS role, a.name AS name,"
      " a.organisation AS organisation, a.function AS function, p.id AS \"person.id\","
      " p.name AS \"person.name\", o.name AS \"person.organisation\", a.person_by AS person_by"
      " FROM attendance a LEFT JOIN person p ON p.id=a.person_id"
      " LEFT JOIN organisation o ON o.id=p.organisation_id"
      " WHERE a.document_id=?1 ORDER BY a.seq" },
    { "decisions", "SELECT x.id AS id, x.seq AS seq, x.text AS text, x.label AS label,"
      " x.proposed AS proposed, x.source AS source, x.removed AS removed, "
      CATALOG_AGENDA_LABEL ", x.passage_id AS passage_id FROM decision x"
      " LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"
      " WHERE x.document_id=?1 ORDER BY x.seq" },
    { "actions", "SELECT x.id AS id, x.nr AS nr, x.text AS text, x.who AS who, x.due AS due,"
      " x.status AS status, " CATALOG_AGENDA_LABEL ", x.passage_id AS passage_id"
      " FROM action_item x LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"
      " WHERE x.document_id=?1 ORDER BY x.seq" },
    { "commitments", "SELECT x.id AS id, x.text AS text, x.who AS who, "
      CATALOG_AGENDA_LABEL ", x.passage_id AS passage_id"
      " FROM commitment x LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"
      " WHERE x.document_id=?1 ORDER BY x.seq" },
  };
  json_t *o = json_object();
  for(size_t i=0; i<sizeof aList/sizeof aList[0]; i++){
    json_t *a = catalog_rows(db, aList[i].zSql, iDoc, azDecisionBool);
    if( a==0 ){
      json_decref(o);
      return 0;
    }
    json_object_set_new(o, aList[i].zKey, a);
  }
  json_t *aPas = passage_labels(db, iDoc);
  json_object_set_new(o, "passages", aPas ? aPas : json_array());
  return o;
}

json_t *correct_persons(sqlite3 *db){
  json_t *a = catalog_rows(db, "SELECT p.id AS id, p.name AS name, o.name AS organisation"
                      " FROM person p LEFT JOIN organisation o ON o.id=p.organisation_id"
                      " WHERE ?1=?1 ORDER BY o.name IS NULL, o.name, p.name, p.id", 0, 0);
  return a ? a : json_array();
}

json_t *correct_decision_json(sqlite3 *db, long long iDecision){
  return row_of(db, "SELECT id, document_id, seq, text, label, proposed, source, removed,"
                " agenda_item_id, passage_id, refers_to, refers_by FROM decision WHERE id=?1",
                iDecision, azDecisionBool);
}

json_t *correct_attendance_json(sqlite3 *db, long long iAttendance){
  return row_of(db, "SELECT id, document_id, role, name, organisation, function, person_id,"
                " person_by FROM attendance WHERE id=?1", iAttendance, 0);
}

/* ------------------------------------------------------------ decisions */

/* Does the document exist?  CORRECT_OK, or NOT_FOUND / FAILED. */
static CorrectRc document_check(sqlite3 *db, long long iDoc, Err *err){
  long long n;
  if( sql_int(db, 0, &n, "SELECT count(*) FROM document WHERE id=?1", "i", iDoc) ) return db_fail(db, err);
  if( n==0 ){
    err_set(err, "no document %lld", iDoc);
    return CORRECT_NOT_FOUND;
  }
  return CORRECT_OK;
}

CorrectRc correct_decision_add(sqlite3 *db, long long iDoc, const char *zText,
                               long long iPassage, long long iItem, int bProposed,
                               const char *zActor, long long *piNew, Err *err){
  *piNew = 0;
  /* the text trimmed of white space at both ends */
  const char *z = zText ? zText : "";
  while( *z==' ' || *z=='\t' || *z=='\r' || *z=='\n' ) z++;
  size_t n = strlen(z);
  while( n>0 && (z[n-1]==' ' || z[n-1]=='\t' || z[n-1]=='\r' || z[n-1]=='\n') ) n--;
  if( n==0 ){
    err_set(err, "the text of the decision is empty");
    return CORRECT_REFUSED;
  }
  if( n>CORRECT_TEXT_MAX ){
    err_set(err, "the text of the decision is too long (%zu bytes; at most %d)", n,
            CORRECT_TEXT_MAX);
    return CORRECT_REFUSED;
  }
  char *zTrim = xrealloc(0, n+1);
  memcpy(zTrim, z, n);
  zTrim[n] = 0;
  if( tx_begin(db) ){
    free(zTrim);
    return db_fail(db, err);
  }
  CorrectRc rc = document_check(db, iDoc, err);
  long long v;
  if( rc==CORRECT_OK && iPassage ){
    if( sql_int(db, 0, &v, "SELECT count(*) FROM passage WHERE id=?1 AND document_id=?2", "ii",
                iPassage, iDoc) ) rc = db_fail(db, err);
    else if( v==0 ){
      err_set(err, "passage %lld is not a passage of document %lld", iPassage, iDoc);
      rc = CORRECT_REFUSED;
    }
  }
  if( rc==CORRECT_OK && iItem ){
    if( sql_int(db, 0, &v, "SELECT count(*) FROM agenda_item WHERE id=?1 AND document_id=?2", "ii",
                iItem, iDoc) ) rc = db_fail(db, err);
    else if( v==0 ){
      err_set(err, "agenda item %lld is not an agenda item of document %lld", iItem, iDoc);
      rc = CORRECT_REFUSED;
    }
  }
  if( rc==CORRECT_OK ){
    if( sql_int(db, 0, piNew, "INSERT INTO decision(document_id, seq, proposed, label, text,"
                " agenda_item_id, passage_id, source) VALUES(?1, (SELECT coalesce(max(seq), -1)+1"
                " FROM decision WHERE document_id=?1), ?2, '', ?3, ?4, ?5, 'staff') RETURNING id",
                "iitnn", iDoc, (long long)(bProposed!=0), zTrim, iItem, iPassage)
     || *piNew<=0
     || audit(db, zActor, "decision.add", "decision", *piNew,
              json_pack("{sIss+sb}", "document", (json_int_t)iDoc, "text", zTrim, "",
                        "proposed", bProposed!=0)) ){
      rc = db_fail(db, err);
    }
  }
  free(zTrim);
  rc = tx_end(db, rc, err);
  if( rc!=CORRECT_OK ) *piNew = 0;
  return rc;
}

/* Loads decision iDecision (of iDoc when not 0): its source and removed
** flag.  CORRECT_OK, or NOT_FOUND / FAILED. */
static CorrectRc decision_get(sqlite3 *db, long long iDoc, long long iDecision, int *pbStaff,
                              int *pbRemoved, Err *err){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, "SELECT source='staff', removed FROM decision WHERE id=?1"
                         " AND (?2=0 OR document_id=?2)", -1, &st, 0)!=SQLITE_OK ){
    return db_fail(db, err);
  }
  sqlite3_bind_int64(st, 1, iDecision);
  sqlite3_bind_int64(st, 2, iDoc);
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ){
    *pbStaff = sqlite3_column_int(st, 0);
    *pbRemoved = sqlite3_column_int(st, 1)!=0;
  }
  sqlite3_finalize(st);
  if( rc==SQLITE_ROW ) return CORRECT_OK;
  if( rc!=SQLITE_DONE ) return db_fail(db, err);
  if( iDoc ) err_set(err, "no decision %lld in document %lld", iDecision, iDoc);
  else err_set(err, "no decision %lld", iDecision);
  return CORRECT_NOT_FOUND;
}

CorrectRc correct_decision_removed(sqlite3 *db, long long iDoc, long long iDecision,
                                   int bRemoved, const char *zActor, Err *err){
  if( tx_begin(db) ) return db_fail(db, err);
  int bStaff = 0, bWas = 0;
  CorrectRc rc = decision_get(db, iDoc, iDecision, &bStaff, &bWas, err);
  bRemoved = bRemoved!=0;
  if( rc==CORRECT_OK && bWas!=bRemoved
   && (sql_exec(db, 0, "UPDATE decision SET removed=?2 WHERE id=?1", "ii", iDecision, (long long)bRemoved)
       || audit(db, zActor, bRemoved ? "decision.remove" : "decision.restore", "decision",
                iDecision, 0)) ){
    rc = db_fail(db, err);
  }
  return tx_end(db, rc, err);
}

CorrectRc correct_decision_delete(sqlite3 *db, long long iDoc, long long iDecision,
                                  const char *zActor, Err *err){
  if( tx_begin(db) ) return db_fail(db, err);
  int bStaff = 0, bWas = 0;
  CorrectRc rc = decision_get(db, iDoc, iDecision, &bStaff, &bWas, err);
  if( rc==CORRECT_OK && !bStaff ){
    err_set(err, "decision %lld was recognised, not added by staff: mark it \"not a decision\""
            " instead", iDecision);
    rc = CORRECT_REFUSED;
  }
  if( rc==CORRECT_OK ){
    json_t *pOld = correct_decision_json(db, iDecision);
    json_t *pDetail = json_pack("{sOsO}", "document", json_object_get(pOld, "document_id"),
                                "text", json_object_get(pOld, "text"));
    json_decref(pOld);
    if( audit(db, zActor, "decision.delete", "decision", iDecision, pDetail)
     || sql_exec(db, 0, "DELETE FROM decision WHERE id=?1", "i", iDecision) ){
      rc = db_fail(db, err);
    }
  }
  return tx_end(db, rc, err);
}

CorrectRc correct_decision_reference(sqlite3 *db, long long iDecision, long long iTo,
                                     const char *zActor, Err *err){
  if( tx_begin(db) ) return db_fail(db, err);
  int bStaff = 0, bRemoved = 0;
  CorrectRc rc = decision_get(db, 0, iDecision, &bStaff, &bRemoved, err);
  long long iOld = 0, n = 0;
  if( rc==CORRECT_OK && sql_int(db, 0, &iOld, "SELECT coalesce(refers_to, 0) FROM decision"
                                " WHERE id=?1", "i", iDecision) ){
    rc = db_fail(db, err);
  }
  if( rc==CORRECT_OK && iTo==iDecision ){
    err_set(err, "a decision cannot follow itself");
    rc = CORRECT_REFUSED;
  }else if( rc==CORRECT_OK && iTo>0 ){
    /* the earlier decision: taken on the same day or before (either date
    ** may be unknown) */
    if( sql_int(db, 0, &n, "SELECT count(*) FROM decision t JOIN document td ON td.id=t.document_id,"
                " decision x JOIN document xd ON xd.id=x.document_id WHERE t.id=?1 AND x.id=?2"
                " AND (td.date IS NULL OR xd.date IS NULL OR td.date<=xd.date)", "ii",
                iTo, iDecision) ){
      rc = db_fail(db, err);
    }else if( n==0 ){
      long long nTo = 0;
      if( sql_int(db, 0, &nTo, "SELECT count(*) FROM decision WHERE id=?1", "i", iTo) ){
        rc = db_fail(db, err);
      }else{
        if( nTo==0 ) err_set(err, "no decision %lld", iTo);
        else err_set(err, "decision %lld was taken after decision %lld: a decision follows an"
                     " earlier one", iTo, iDecision);
        rc = CORRECT_REFUSED;
      }
    }
  }
  if( rc==CORRECT_OK ){
    if( iTo==CORRECT_REF_TEXT ){
      Links l;
      if( sql_exec(db, 0, "UPDATE decision SET refers_to=NULL, refers_by=NULL WHERE id=?1", "i",
                   iDecision)
       || links_open(&l, db, err) ){
        rc = db_fail(db, err);
      }else{
        if( links_decision(&l, iDecision, err) ) rc = db_fail(db, err);
        links_close(&l);
      }
    }else if( sql_exec(db, 0, "UPDATE decision SET refers_to=?2, refers_by=?3 WHERE id=?1", "int",
                       iDecision, iTo, zActor ? zActor : "") ){
      rc = db_fail(db, err);
    }
  }
  long long iNew = 0;
  if( rc==CORRECT_OK
   && (sql_int(db, 0, &iNew, "SELECT coalesce(refers_to, 0) FROM decision WHERE id=?1", "i",
               iDecision)
       || audit(db, zActor, iTo==CORRECT_REF_TEXT ? "decision.reference_text"
                                                  : "decision.reference", "decision", iDecision,
                json_pack("{s[oo]}", "refers_to", iOld ? json_integer(iOld) : json_null(),
                          iNew ? json_integer(iNew) : json_null()))) ){
    rc = db_fail(db, err);
  }
  return tx_end(db, rc, err);
}

/* ------------------------------------------------------------ meetings */

/* The AO meeting iAo: the BO its AO prepares into *piBo (0: it is no
** meeting of an AO that prepares one) and its date (NULL: none, or no
** such meeting: then *pbFound 0).  CORRECT_OK or FAILED. */
static CorrectRc ao_meeting(sqlite3 *db, long long iAo, int *pbFound, long long *piBo,
                            char zDate[16], Err *err){
  sqlite3_stmt *st = sql_prepare(db, err, "SELECT m.date, (SELECT ao.prepares_id FROM meeting_body mb"
      " JOIN body ao ON ao.id=mb.body_id WHERE mb.meeting_id=m.id AND ao.kind='AO'"
      " AND ao.prepares_id IS NOT NULL ORDER BY ao.id LIMIT 1) FROM meeting m WHERE m.id=?1",
      "i", iAo);
  int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
  *pbFound = rc==SQLITE_ROW;
  *piBo = rc==SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
  const char *z = rc==SQLITE_ROW ? (const char*)sqlite3_column_text(st, 0) : 0;
  snprintf(zDate, 16, "%s", z ? z : "");
  sqlite3_finalize(st);
  return rc==SQLITE_ROW || rc==SQLITE_DONE ? CORRECT_OK : db_fail(db, err);
}

/* The BO meetings AO meeting iAo prepares now: "12,15", or "". */
static char *prepares_now(sqlite3 *db, long long iAo){
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT group_concat(bo_meeting_id, ',') FROM"
      " (SELECT bo_meeting_id FROM meeting_prepares WHERE ao_meeting_id=?1 ORDER BY bo_meeting_id)",
      "i", iAo);
  const char *z = st && sqlite3_step(st)==SQLITE_ROW ? (const char*)sqlite3_column_text(st, 0) : 0;
  char *zOut = xstrdup(z ? z : "");
  sqlite3_finalize(st);
  return zOut;
}

json_t *correct_meeting_choices(sqlite3 *db, long long iMeeting){
  Err err = ERR_INIT;
  int bFound;
  long long iBo;
  char zDate[16];
  if( ao_meeting(db, iMeeting, &bFound, &iBo, zDate, &err) || iBo==0 ) return 0;
  static const char *const azBool[] = { "selected", 0 };
  json_t *a = catalog_rows_of(sql_prepare(db, 0,
      "SELECT m.id AS id, m.date AS date, (SELECT name FROM body WHERE id=?2) AS body,"
      " m.id IN (SELECT bo_meeting_id FROM meeting_prepares WHERE ao_meeting_id=?1) AS selected"
      " FROM meeting m WHERE m.id IN (SELECT bo_meeting_id FROM meeting_prepares"
      "  WHERE ao_meeting_id=?1)"
      " OR m.id IN (SELECT m2.id FROM meeting_body mb JOIN meeting m2 ON m2.id=mb.meeting_id"
      "  WHERE mb.body_id=?2 AND (?3 IS NULL OR m2.date>=?3) ORDER BY m2.date, m2.id LIMIT ?4)"
      " ORDER BY m.date, m.id", "iiTi", iMeeting, iBo, zDate, (long long)CORRECT_CHOICES_MAX),
      azBool);
  if( a==0 ) return 0;
  return json_pack("{sIso}", "bo", (json_int_t)iBo, "choices", a);
}

json_t *correct_reference_choices(sqlite3 *db, long long iDecision){
  return catalog_rows_of(sql_prepare(db, 0,
      "SELECT c.id AS id, c.text AS text, cd.date AS date, b.name AS body"
      " FROM decision x JOIN document xd ON xd.id=x.document_id"
      " JOIN document cd ON cd.date=x.refers_date AND cd.id<>xd.id"
      " JOIN decision c ON c.document_id=cd.id AND c.proposed=0 AND c.removed=0"
      " LEFT JOIN body b ON b.id=cd.body_id"
      " WHERE x.id=?1 ORDER BY b.name, cd.id, c.seq LIMIT ?2", "ii", iDecision,
      (long long)CORRECT_CHOICES_MAX), 0);
}

CorrectRc correct_meeting_prepares(sqlite3 *db, long long iAo, long long iBo,
                                   const char *zActor, Err *err){
  if( tx_begin(db) ) return db_fail(db, err);
  int bFound;
  long long iBoBody = 0, n = 0;
  char zDate[16];
  CorrectRc rc = ao_meeting(db, iAo, &bFound, &iBoBody, zDate, err);
  if( rc==CORRECT_OK && !bFound ){
    err_set(err, "no meeting %lld", iAo);
    rc = CORRECT_NOT_FOUND;
  }else if( rc==CORRECT_OK && iBoBody==0 ){
    err_set(err, "meeting %lld is not a meeting of an AO that prepares a BO", iAo);
    rc = CORRECT_REFUSED;
  }else if( rc==CORRECT_OK && iBo>0 ){
    if( sql_int(db, 0, &n, "SELECT count(*) FROM meeting m JOIN meeting_body mb"
                " ON mb.meeting_id=m.id WHERE m.id=?1 AND mb.body_id=?2"
                " AND (?3 IS NULL OR m.date IS NULL OR m.date>=?3)", "iiT", iBo, iBoBody, zDate) ){
      rc = db_fail(db, err);
    }else if( n==0 ){
      err_set(err, "meeting %lld is not a meeting of the BO this AO prepares, on or after %s",
              iBo, zDate[0] ? zDate : "its date");
      rc = CORRECT_REFUSED;
    }
  }
  char *zOld = rc==CORRECT_OK ? prepares_now(db, iAo) : 0;
  if( rc==CORRECT_OK ){
    int bAuto = iBo==CORRECT_REF_TEXT;
    if( sql_exec(db, 0, "DELETE FROM meeting_prepares WHERE ao_meeting_id=?1", "i", iAo)
     || sql_exec(db, 0, "UPDATE meeting SET prepares_by=?2 WHERE id=?1", "it", iAo,
                 bAuto ? 0 : (zActor ? zActor : ""))
     || (iBo>0 && sql_exec(db, 0, "INSERT INTO meeting_prepares(ao_meeting_id, bo_meeting_id, how)"
                           " VALUES(?1, ?2, 'staff')", "ii", iAo, iBo)) ){
      rc = db_fail(db, err);
    }else if( bAuto ){
      /* what the documents say, then the rule for the rest */
      Links l;
      if( links_open(&l, db, err) ){
        rc = db_fail(db, err);
      }else{
        if( links_meeting(&l, iAo, err) || import_link_meetings(db, iBoBody, err) ){
          rc = db_fail(db, err);
        }
        links_close(&l);
      }
    }
  }
  if( rc==CORRECT_OK ){
    char *zNew = prepares_now(db, iAo);
    if( audit(db, zActor, iBo==CORRECT_REF_TEXT ? "meeting.prepares_auto" : "meeting.prepares",
              "meeting", iAo, json_pack("{s[ss]}", "prepares", zOld, zNew)) ){
      rc = db_fail(db, err);
    }
    free(zNew);
  }
  free(zOld);
  return tx_end(db, rc, err);
}

/* ------------------------------------------------------------- persons */

/* Does person iPerson exist?  CORRECT_OK, or REFUSED / FAILED. */
static CorrectRc person_check(sqlite3 *db, long long iPerson, Err *err){
  long long n;
  if( iPerson==0 ) return CORRECT_OK;
  if( sql_int(db, 0, &n, "SELECT count(*) FROM person WHERE id=?1", "i", iPerson) ) return db_fail(db, err);
  if( n==0 ){
    err_set(err, "no person %lld in the organisation", iPerson);
    return CORRECT_REFUSED;
  }
  return CORRECT_OK;
}

static json_t *id_or_null(long long id){
  return id ? json_integer(id) : json_null();
}

CorrectRc correct_attendance_person(sqlite3 *db, long long iDoc, long long iAttendance,
                                    long long iPerson, const char *zActor, Err *err){
  if( tx_begin(db) ) return db_fail(db, err);
  long long iOld = -1;
  sqlite3_stmt *st;
  CorrectRc rc = CORRECT_OK;
  if( sqlite3_prepare_v2(db, "SELECT coalesce(person_id, 0) FROM attendance WHERE id=?1"
                         " AND (?2=0 OR document_id=?2)", -1, &st, 0)!=SQLITE_OK ){
    rc = db_fail(db, err);
  }else{
    sqlite3_bind_int64(st, 1, iAttendance);
    sqlite3_bind_int64(st, 2, iDoc);
    int r = sqlite3_step(st);
    if( r==SQLITE_ROW ) iOld = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if( r!=SQLITE_ROW && r!=SQLITE_DONE ) rc = db_fail(db, err);
  }
  if( rc==CORRECT_OK && iOld<0 ){
    if( iDoc ) err_set(err, "no attendee %lld in document %lld", iAttendance, iDoc);
    else err_set(err, "no attendee %lld", iAttendance);
    rc = CORRECT_NOT_FOUND;
  }
  if( rc==CORRECT_OK ) rc = person_check(db, iPerson, err);
  if( rc==CORRECT_OK
   && (sql_exec(db, 0, "UPDATE attendance SET person_id=?2, person_by=?3 WHERE id=?1", "int",
           iAttendance, iPerson, zActor)
       || audit(db, zActor, "attendance.person", "attendance", iAttendance,
                json_pack("{s[oo]}", "person", id_or_null(iOld), id_or_null(iPerson)))) ){
    rc = db_fail(db, err);
  }
  return tx_end(db, rc, err);
}

/* The rows of the review list. */
#define UNMATCHED " person_id IS NULL AND person_by IS NULL"

json_t *correct_unmatched(sqlite3 *db, Err *err){
  sqlite3_stmt *st;
  /* per group, its first and last document by date (undated ones last) */
  if( sqlite3_prepare_v2(db,
      "WITH u AS (SELECT a.name AS name, a.organisation AS organisation,"
      "  count(*) OVER w AS n, row_number() OVER w AS rn,"
      "  first_value(d.id) OVER w AS first_id, last_value(d.id) OVER w AS last_id"
      "  FROM attendance a JOIN document d ON d.id=a.document_id WHERE a." UNMATCHED
      "  WINDOW w AS (PARTITION BY a.name, a.organisation ORDER BY d.date IS NULL, d.date, d.id"
      "   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))"
      " SELECT u.name AS name, u.organisation AS organisation, u.n AS count,"
      " f.id AS \"first.id\", f.title AS \"first.title\", f.original_name AS \"first.original_name\","
      " f.date AS \"first.date\", l.id AS \"last.id\", l.title AS \"last.title\","
      " l.original_name AS \"last.original_name\", l.date AS \"last.date\","
      " count(*) OVER () AS total"
      " FROM u JOIN document f ON f.id=u.first_id JOIN document l ON l.id=u.last_id"
      " WHERE u.rn=1 ORDER BY u.n DESC, u.name, u.organisation LIMIT ?1", -1, &st, 0)!=SQLITE_OK ){
    db_fail(db, err);
    return 0;
  }
  sqlite3_bind_int(st, 1, CORRECT_GROUPS_MAX);
  json_t *a = json_array();
  json_int_t nTotal = 0;
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    json_t *g = catalog_row(st, 0);
    nTotal = json_integer_value(json_object_get(g, "total"));
    json_object_del(g, "total");
    json_array_append_new(a, g);
  }
  sqlite3_finalize(st);
  if( rc!=SQLITE_DONE ){
    json_decref(a);
    db_fail(db, err);
    return 0;
  }
  return json_pack("{sIso}", "total", nTotal, "groups", a);
}

CorrectRc correct_unmatched_match(sqlite3 *db, const char *zName, const char *zOrg,
                                  long long iPerson, const char *zActor, long *pnRows,
                                  Err *err){
  if( pnRows ) *pnRows = 0;
  if( zName==0 || zName[0]==0 ){
    err_set(err, "which name? (name is empty)");
    return CORRECT_REFUSED;
  }
  if( tx_begin(db) ) return db_fail(db, err);
  CorrectRc rc = person_check(db, iPerson, err);
  long n = 0;
  if( rc==CORRECT_OK ){
    if( sql_exec(db, 0, "UPDATE attendance SET person_id=?3, person_by=?4 WHERE name=?1"
            " AND organisation=?2 AND" UNMATCHED, "ttnt", zName, zOrg ? zOrg : "", iPerson, zActor) ){
      rc = db_fail(db, err);
    }else if( (n = (long)sqlite3_changes(db))==0 ){
      err_set(err, "no unmatched attendee is named \"%s\"%s%s%s", zName,
              zOrg && zOrg[0] ? " (" : "", zOrg && zOrg[0] ? zOrg : "", zOrg && zOrg[0] ? ")" : "");
      rc = CORRECT_REFUSED;
    }
  }
  if( rc==CORRECT_OK
   && audit(db, zActor, "attendance.person_group", "person", iPerson,
            json_pack("{sss+sI}", "name", zName, "organisation", zOrg ? zOrg : "", "",
                      "rows", (json_int_t)n)) ){
    rc = db_fail(db, err);
  }
  rc = tx_end(db, rc, err);
  if( rc==CORRECT_OK && pnRows ) *pnRows = n;
  return rc;
}
