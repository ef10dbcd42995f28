/*
** pages_correct.c — staff correct what the minutes reader recognised:
** the POST routes of the document page's forms (each redirects back with
** a one-line message, or shows the page again with the refusal), the
** review page of attendee names that matched no person
** (/controle/namen), the meeting page's form of the BO meeting an AO
** meeting prepares, and the same corrections in the JSON API.
**
** Every write goes through correct.h under the server's write lock.
** Refused input is 400 (not a number where an id belongs) or 422 (an id
** of another document, an empty text, an unknown person); never 500.
*/
#include "pages_correct.h"
#include "catalog.h"
#include "correct.h"
#include "html.h"
#include "import.h"
#include "pages.h"
#include "pages_ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* The numbers among the segments of the path, in order, at most n:
** "/document/3/besluiten/7/verwijderen" gives 3, 7.  Returns how many. */
static int path_ids(const HttpReq *r, long long *a, int n){
  int k = 0;
  for(const char *z=http_path(r); *z && k<n; ){
    z += strspn(z, "/");
    size_t len = strcspn(z, "/");
    size_t nDigit = strspn(z, "0123456789");
    if( len>0 && nDigit==len && len<=18 && z[0]!='0' ) a[k++] = strtoll(z, 0, 10);
    z += len;
  }
  return k;
}

/* Argument zName as an id: 0 with *pv set (0 when absent or empty), or
** -1 when it is not a whole number from 1. */
static int arg_id(HttpReq *r, const char *zName, long long *pv){
  const char *z = http_arg(r, zName);
  *pv = 0;
  if( z==0 || z[0]==0 ) return 0;
  size_t n = strspn(z, "0123456789");
  if( z[n]!=0 || n>18 || z[0]=='0' ) return -1;
  *pv = strtoll(z, 0, 10);
  return 0;
}

/* Argument zName as a flag 1 or 0: 0 with *pb set, -1 otherwise. */
static int arg_flag(HttpReq *r, const char *zName, int *pb){
  const char *z = http_arg(r, zName);
  if( z && (strcmp(z, "1")==0 || strcmp(z, "0")==0) ){
    *pb = z[0]=='1';
    return 0;
  }
  return -1;
}

static int status_of(CorrectRc rc){
  return rc==CORRECT_REFUSED ? 422 : rc==CORRECT_NOT_FOUND ? 404 : 500;
}

/* A database failure is the server's to log, not the visitor's to read. */
static void log_failure(HttpReq *r, CorrectRc rc, const Err *err){
  if( rc==CORRECT_FAILED ) fprintf(stderr, "overleg: %s: %s\n", http_path(r), err->msg);
}

/* Back to the document's section with the message rec_done_zDone. */
static void redirect_done(HttpReq *r, long long iDoc, const char *zDone){
  char z[96];
  snprintf(z, sizeof z, "/document/%lld?gedaan=%s#herkend", iDoc, zDone);
  http_reply_redirect(r, z);
}

/* The outcome of a correction made from the document page. */
static void page_outcome(HttpReq *r, long long iDoc, CorrectRc rc, const Err *err,
                         const char *zDone, json_t *pForm){
  if( rc==CORRECT_OK ){
    json_decref(pForm);
    redirect_done(r, iDoc, zDone);
    return;
  }
  log_failure(r, rc, err);
  if( rc==CORRECT_NOT_FOUND ){
    json_decref(pForm);
    page_error(r, 404, "error_not_found");
    return;
  }
  Buf msg = BUF_INIT;
  html_error_text(&msg, err->msg, http_lang(r));
  pages_document_reply(r, status_of(rc), iDoc, 0,
                       rc==CORRECT_FAILED ? html_message("rec_failed", http_lang(r)) : msg.z,
                       pForm);
  buf_release(&msg);
}

/* A form value kept to show the form again. */
static void form_keep(json_t *pForm, HttpReq *r, const char *zName){
  const char *z = http_arg(r, zName);
  json_t *v = z ? json_string(z) : 0;
  if( v ) json_object_set_new(pForm, zName, v);
}

/* ------------------------------------------------- the document's forms */

/* POST /document/ID/besluiten: text, passage, agenda_item, proposed (1:
** voorgesteld). */
static void decision_add_post(HttpReq *r){
  long long a[1];
  if( path_ids(r, a, 1)!=1 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  json_t *pForm = json_object();
  form_keep(pForm, r, "text");
  form_keep(pForm, r, "passage");
  form_keep(pForm, r, "agenda_item");
  form_keep(pForm, r, "proposed");
  long long iPassage, iItem;
  const char *zProposed = http_arg(r, "proposed");
  if( arg_id(r, "passage", &iPassage) || arg_id(r, "agenda_item", &iItem)
   || (zProposed && zProposed[0] && strcmp(zProposed, "0") && strcmp(zProposed, "1")) ){
    pages_document_reply(r, 400, a[0], 0, html_message("rec_bad_form", http_lang(r)), pForm);
    return;
  }
  Err err = ERR_INIT;
  long long iNew;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_decision_add(http_db(r), a[0], http_arg(r, "text"), iPassage, iItem,
                                      zProposed && strcmp(zProposed, "1")==0, http_actor(r),
                                      &iNew, &err);
  http_write_unlock(s);
  page_outcome(r, a[0], rc, &err, "added", pForm);
}

/* POST /document/ID/besluiten/DID/geen-besluit: value 1 (not a decision)
** or 0 (a decision after all). */
static void decision_removed_post(HttpReq *r){
  long long a[2];
  int bRemoved;
  if( path_ids(r, a, 2)!=2 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  if( arg_flag(r, "value", &bRemoved) ){
    pages_document_reply(r, 400, a[0], 0, html_message("rec_bad_form", http_lang(r)), 0);
    return;
  }
  Err err = ERR_INIT;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_decision_removed(http_db(r), a[0], a[1], bRemoved, http_actor(r), &err);
  http_write_unlock(s);
  page_outcome(r, a[0], rc, &err, bRemoved ? "removed" : "restored", 0);
}

/* POST /document/ID/besluiten/DID/verwijderen: a decision staff added. */
static void decision_delete_post(HttpReq *r){
  long long a[2];
  if( path_ids(r, a, 2)!=2 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  Err err = ERR_INIT;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_decision_delete(http_db(r), a[0], a[1], http_actor(r), &err);
  http_write_unlock(s);
  page_outcome(r, a[0], rc, &err, "deleted", 0);
}

/* POST /document/ID/aanwezigen/AID/persoon: person (an id; "": nobody). */
static void attendee_person_post(HttpReq *r){
  long long a[2], iPerson;
  if( path_ids(r, a, 2)!=2 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  if( arg_id(r, "person", &iPerson) ){
    pages_document_reply(r, 400, a[0], 0, html_message("rec_bad_form", http_lang(r)), 0);
    return;
  }
  Err err = ERR_INIT;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_attendance_person(http_db(r), a[0], a[1], iPerson, http_actor(r), &err);
  http_write_unlock(s);
  page_outcome(r, a[0], rc, &err, "person", 0);
}

/* ------------------------------------------------- the review of names */

/* The review page, with status, a message (NULL: none) or a refusal. */
static void names_page(HttpReq *r, int status, const char *zNotice, const char *zError){
  const char *zLang = http_lang(r);
  sqlite3 *db = http_db(r);
  Err err = ERR_INIT;
  json_t *ctx = correct_unmatched(db, &err);
  if( ctx==0 ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    page_error(r, 500, "error_internal");
    return;
  }
  json_t *aPerson = correct_persons(db);
  size_t i;
  json_t *g;
  json_array_foreach(json_object_get(ctx, "groups"), i, g){
    const char *zOrg = json_string_value(json_object_get(g, "organisation"));
    json_object_set_new(g, "person_groups", pages_person_groups(aPerson, zOrg, 0, zLang));
    json_object_set_new(g, "n", json_integer((json_int_t)i+1));
    for(int k=0; k<2; k++){
      json_t *d = json_object_get(g, k ? "last" : "first");
      json_int_t id = json_integer_value(json_object_get(d, "id"));
      char z[48];
      snprintf(z, sizeof z, "/document/%" JSON_INTEGER_FORMAT "#herkend", id);
      json_object_set_new(d, "url", json_string(z));
      const char *zTitle = json_string_value(json_object_get(d, "title"));
      json_object_set(d, "label", zTitle && zTitle[0] ? json_object_get(d, "title")
                                                       : json_object_get(d, "original_name"));
      Buf b = BUF_INIT;
      pages_date(&b, json_string_value(json_object_get(d, "date")), zLang);
      json_object_set_new(d, "date_label", json_stringn(b.z ? b.z : "", b.n));
      buf_release(&b);
    }
    json_object_set_new(g, "same_document", json_boolean(
      json_integer_value(json_object_get(json_object_get(g, "first"), "id"))
      == json_integer_value(json_object_get(json_object_get(g, "last"), "id"))));
  }
  json_decref(aPerson);
  json_object_set_new(ctx, "has_groups", json_boolean(json_array_size(json_object_get(ctx, "groups"))>0));
  json_object_set_new(ctx, "more", json_boolean(
    json_integer_value(json_object_get(ctx, "total"))>(json_int_t)json_array_size(json_object_get(ctx, "groups"))));
  if( zNotice ) json_object_set_new(ctx, "notice", json_string(zNotice));
  if( zError ) json_object_set_new(ctx, "error", json_string(zError));
  page_render(r, status, "names", "names_title", ctx);
}

/* GET /controle/namen[?gedaan=N] */
static void names_get(HttpReq *r){
  long long n = 0;
  const char *zLang = http_lang(r);
  char z[160];
  if( http_arg(r, "gedaan") && arg_id(r, "gedaan", &n)==0 && n>0 ){
    snprintf(z, sizeof z, "%lld %s", n, html_message(n==1 ? "names_done_one" : "names_done", zLang));
  }
  names_page(r, 200, n>0 ? z : 0, 0);
}

/* POST /controle/namen: name, organisation (as written), person (an
** id; "": nobody). */
static void names_post(HttpReq *r){
  long long iPerson;
  if( arg_id(r, "person", &iPerson) ){
    names_page(r, 400, 0, html_message("rec_bad_form", http_lang(r)));
    return;
  }
  Err err = ERR_INIT;
  long nRows = 0;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_unmatched_match(http_db(r), http_arg(r, "name"), http_arg(r, "organisation"),
                                         iPerson, http_actor(r), &nRows, &err);
  http_write_unlock(s);
  if( rc==CORRECT_OK ){
    char z[64];
    snprintf(z, sizeof z, "/controle/namen?gedaan=%ld", nRows);
    http_reply_redirect(r, z);
    return;
  }
  log_failure(r, rc, &err);
  html_err_lang(&err, http_lang(r));
  names_page(r, status_of(rc), 0,
             rc==CORRECT_FAILED ? html_message("rec_failed", http_lang(r)) : err.msg);
}

/* ------------------------------------------------------- reading again */

/* One document read again (import_reread's report), kept for the reply:
** the error is copied, as the report's text lives only during the call. */
typedef struct Reread {
  RereadResult res;
  char zError[400];
} Reread;

static void reread_keep(void *ctx, const RereadResult *res){
  Reread *p = ctx;
  p->res = *res;
  p->res.zName = 0;
  snprintf(p->zError, sizeof p->zError, "%s", res->zError ? res->zError : "");
  p->res.zError = p->zError[0] ? p->zError : 0;
}

/* Reads document iDoc's stored original again under the write lock (see
** import_reread): CORRECT_OK with *p filled, CORRECT_NOT_FOUND, or
** CORRECT_REFUSED (the original cannot be read; err says why) or
** CORRECT_FAILED. */
static CorrectRc reread_one(HttpReq *r, long long iDoc, Reread *p, Err *err){
  memset(p, 0, sizeof *p);
  HttpServer *s = http_server(r);
  http_write_lock(s);
  int rc = import_reread(http_store(r), &iDoc, 1, http_actor(r), reread_keep, p, err);
  http_write_unlock(s);
  if( rc<0 ) return CORRECT_FAILED;
  if( p->res.iDoc!=iDoc || p->res.bMissing ){
    err_set(err, "no document %lld", iDoc);
    return CORRECT_NOT_FOUND;
  }
  if( p->res.zError ){
    err_set(err, "%s", p->zError);
    return CORRECT_REFUSED;
  }
  return CORRECT_OK;
}

/* POST /document/ID/opnieuw-lezen */
static void reread_post(HttpReq *r){
  long long a[1];
  if( path_ids(r, a, 1)!=1 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  Reread p;
  Err err = ERR_INIT;
  page_outcome(r, a[0], reread_one(r, a[0], &p, &err), &err, "reread", 0);
}

/* ------------------------------------------------- the meeting's form */

/* The form's or the API's bo_meeting: a meeting's number, "none" or
** "auto": 0 with *piBo set (0 none, CORRECT_REF_TEXT auto), -1 when it
** is none of those. */
static int arg_bo_meeting(HttpReq *r, long long *piBo){
  const char *z = http_arg(r, "bo_meeting");
  if( z && strcmp(z, "none")==0 ){ *piBo = 0; return 0; }
  if( z && strcmp(z, "auto")==0 ){ *piBo = CORRECT_REF_TEXT; return 0; }
  if( z==0 || z[0]==0 || arg_id(r, "bo_meeting", piBo) ) return -1;
  return 0;
}

/* Sets which BO meeting AO meeting iAo prepares from the request, under
** the write lock: CORRECT_OK or as correct_meeting_prepares(); a value
** that is no choice is CORRECT_REFUSED with err set. */
static CorrectRc prepares_from(HttpReq *r, long long iAo, Err *err){
  long long iBo;
  if( arg_bo_meeting(r, &iBo) ){
    err_set(err, "bo_meeting is a meeting's number, none or auto");
    return CORRECT_REFUSED;
  }
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_meeting_prepares(http_db(r), iAo, iBo, http_actor(r), err);
  http_write_unlock(s);
  return rc;
}

void pages_prepares_form(HttpReq *r, json_t *ctx, long long iMeeting){
  if( !http_role_at_least(r, AUTH_MEDEWERKER) ) return;
  json_t *c = correct_meeting_choices(http_db(r), iMeeting);
  if( c==0 ) return;
  const char *zLang = http_lang(r);
  int bStaff = catalog_str(ctx, "prepares_by")!=0;
  int bNone = bStaff && json_array_size(json_object_get(ctx, "prepares"))==0;
  json_t *aOpt = json_array();
  json_array_append_new(aOpt, json_pack("{sssssb}", "value", "auto", "label",
                        html_message("meeting_prepares_auto", zLang), "selected", !bStaff));
  json_array_append_new(aOpt, json_pack("{sssssb}", "value", "none", "label",
                        html_message("meeting_prepares_none", zLang), "selected", bNone));
  size_t i;
  json_t *m;
  json_array_foreach(json_object_get(c, "choices"), i, m){
    char zId[32];
    Buf b = BUF_INIT;
    snprintf(zId, sizeof zId, "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(m, "id")));
    buf_appendf(&b, "%s — ", catalog_str(m, "body") ? catalog_str(m, "body") : "BO");
    pages_date(&b, catalog_str(m, "date"), zLang);
    json_array_append_new(aOpt, json_pack("{sssssb}", "value", zId, "label", b.z ? b.z : "",
                          "selected", bStaff && json_is_true(json_object_get(m, "selected"))));
    buf_release(&b);
  }
  json_decref(c);
  Buf b = BUF_INIT;
  buf_appendf(&b, "/vergadering/%lld/voorbereiding", iMeeting);
  json_t *f = json_pack("{so}", "options", aOpt);
  pages_set_buf(f, "action", &b);
  buf_release(&b);
  json_object_set_new(ctx, "prep_form", f);
}

/* POST /vergadering/ID/voorbereiding: bo_meeting. */
static void prepares_post(HttpReq *r){
  long long a[1];
  if( path_ids(r, a, 1)!=1 ){
    page_error(r, 404, "error_not_found");
    return;
  }
  Err err = ERR_INIT;
  CorrectRc rc = prepares_from(r, a[0], &err);
  if( rc==CORRECT_OK ){
    char z[96];
    snprintf(z, sizeof z, "/vergadering/%lld?bericht=voorbereiding", a[0]);
    http_reply_redirect(r, z);
    return;
  }
  log_failure(r, rc, &err);
  if( rc==CORRECT_NOT_FOUND ){
    page_error(r, 404, "error_not_found");
    return;
  }
  Buf msg = BUF_INIT;
  html_error_text(&msg, err.msg, http_lang(r));
  pages_meeting_reply(r, status_of(rc), a[0], 0,
                      rc==CORRECT_FAILED ? html_message("rec_failed", http_lang(r)) : msg.z);
  buf_release(&msg);
}

/* ------------------------------------------------------------ the API */

/* Replies with the refusal or failure rc as JSON. */
static void api_refuse(HttpReq *r, CorrectRc rc, const Err *err){
  log_failure(r, rc, err);
  http_reply_json_error(r, status_of(rc), rc==CORRECT_FAILED ? "database error" : err->msg);
}

/* POST /api/documents/ID/decisions: text, passage, agenda_item, proposed
** (0 or 1) -> 201 with the decision. */
static void api_decision_add(HttpReq *r){
  long long a[1], iPassage, iItem;
  int bProposed = 0;
  if( path_ids(r, a, 1)!=1 ){
    http_reply_json_error(r, 404, "no such document");
    return;
  }
  const char *zProposed = http_arg(r, "proposed");
  if( arg_id(r, "passage", &iPassage) || arg_id(r, "agenda_item", &iItem)
   || (zProposed && zProposed[0] && arg_flag(r, "proposed", &bProposed)) ){
    http_reply_json_error(r, 400, "passage and agenda_item are ids (or empty), proposed is 0 or 1");
    return;
  }
  Err err = ERR_INIT;
  long long iNew;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_decision_add(http_db(r), a[0], http_arg(r, "text"), iPassage, iItem,
                                      bProposed, http_actor(r), &iNew, &err);
  http_write_unlock(s);
  if( rc ){
    api_refuse(r, rc, &err);
    return;
  }
  http_reply_json(r, 201, correct_decision_json(http_db(r), iNew));
}

/* POST /api/decisions/ID/removed: value 1 (not a decision) or 0. */
static void api_decision_removed(HttpReq *r){
  long long a[1];
  int bRemoved;
  if( path_ids(r, a, 1)!=1 ){
    http_reply_json_error(r, 404, "no such decision");
    return;
  }
  if( arg_flag(r, "value", &bRemoved) ){
    http_reply_json_error(r, 400, "value is 1 (not a decision) or 0 (a decision)");
    return;
  }
  Err err = ERR_INIT;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_decision_removed(http_db(r), 0, a[0], bRemoved, http_actor(r), &err);
  http_write_unlock(s);
  if( rc ){
    api_refuse(r, rc, &err);
    return;
  }
  http_reply_json(r, 200, correct_decision_json(http_db(r), a[0]));
}

/* POST /api/attendance/ID/person: person (an id; empty: nobody). */
static void api_attendance_person(HttpReq *r){
  long long a[1], iPerson;
  if( path_ids(r, a, 1)!=1 ){
    http_reply_json_error(r, 404, "no such attendee");
    return;
  }
  if( arg_id(r, "person", &iPerson) ){
    http_reply_json_error(r, 400, "person is a person's id, or empty for nobody");
    return;
  }
  Err err = ERR_INIT;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_attendance_person(http_db(r), 0, a[0], iPerson, http_actor(r), &err);
  http_write_unlock(s);
  if( rc ){
    api_refuse(r, rc, &err);
    return;
  }
  http_reply_json(r, 200, correct_attendance_json(http_db(r), a[0]));
}

/* POST /api/meetings/ID/prepares: bo_meeting (a meeting's id, none or
** auto) -> the meeting. */
static void api_prepares(HttpReq *r){
  long long a[1];
  if( path_ids(r, a, 1)!=1 ){
    http_reply_json_error(r, 404, "no such meeting");
    return;
  }
  Err err = ERR_INIT;
  CorrectRc rc = prepares_from(r, a[0], &err);
  if( rc ){
    api_refuse(r, rc, &err);
    return;
  }
  http_reply_json(r, 200, catalog_meeting(http_db(r), a[0]));
}

/* POST /api/documents/ID/reread -> {document, passages: kept | rebuilt,
** decisions, actions, attendees: [before, after]}. */
static void api_reread(HttpReq *r){
  long long a[1];
  if( path_ids(r, a, 1)!=1 ){
    http_reply_json_error(r, 404, "no such document");
    return;
  }
  Reread p;
  Err err = ERR_INIT;
  CorrectRc rc = reread_one(r, a[0], &p, &err);
  if( rc ){
    api_refuse(r, rc, &err);
    return;
  }
  const long *b = p.res.anBefore, *e = p.res.anAfter;
  http_reply_json(r, 200, json_pack("{sIsss[II]s[II]s[II]}", "document", (json_int_t)a[0],
      "passages", p.res.bPassages ? "rebuilt" : "kept",
      "decisions", (json_int_t)b[0], (json_int_t)e[0], "actions", (json_int_t)b[1], (json_int_t)e[1],
      "attendees", (json_int_t)b[2], (json_int_t)e[2]));
}

/* GET /api/attendance/unmatched: the review list. */
static void api_unmatched(HttpReq *r){
  Err err = ERR_INIT;
  json_t *j = correct_unmatched(http_db(r), &err);
  if( j==0 ){
    api_refuse(r, CORRECT_FAILED, &err);
    return;
  }
  http_reply_json(r, 200, j);
}

/* POST /api/attendance/unmatched: name, organisation, person -> {rows}. */
static void api_unmatched_match(HttpReq *r){
  long long iPerson;
  if( arg_id(r, "person", &iPerson) ){
    http_reply_json_error(r, 400, "person is a person's id, or empty for nobody");
    return;
  }
  Err err = ERR_INIT;
  long nRows = 0;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_unmatched_match(http_db(r), http_arg(r, "name"), http_arg(r, "organisation"),
                                         iPerson, http_actor(r), &nRows, &err);
  http_write_unlock(s);
  if( rc ){
    api_refuse(r, rc, &err);
    return;
  }
  http_reply_json(r, 200, json_pack("{sI}", "rows", (json_int_t)nRows));
}

const HttpRoute correct_routes[] = {
  { "POST", "/document/*/besluiten",                  decision_add_post,     AUTH_MEDEWERKER },
  { "POST", "/document/*/besluiten/*/geen-besluit",   decision_removed_post, AUTH_MEDEWERKER },
  { "POST", "/document/*/besluiten/*/verwijderen",    decision_delete_post,  AUTH_MEDEWERKER },
  { "POST", "/document/*/aanwezigen/*/persoon",       attendee_person_post,  AUTH_MEDEWERKER },
  { "POST", "/document/*/opnieuw-lezen",              reread_post,           AUTH_MEDEWERKER },
  { "POST", "/vergadering/*/voorbereiding",           prepares_post,         AUTH_MEDEWERKER },
  { "GET",  "/controle/namen",                        names_get,             AUTH_MEDEWERKER },
  { "POST", "/controle/namen",                        names_post,            AUTH_MEDEWERKER },
  { "POST", "/api/documents/*/decisions",             api_decision_add,      AUTH_MEDEWERKER },
  { "POST", "/api/decisions/*/removed",               api_decision_removed,  AUTH_MEDEWERKER },
  { "POST", "/api/attendance/*/person",               api_attendance_person, AUTH_MEDEWERKER },
  { "POST", "/api/meetings/*/prepares",               api_prepares,          AUTH_MEDEWERKER },
  { "POST", "/api/documents/*/reread",                api_reread,            AUTH_MEDEWERKER },
  { "GET",  "/api/attendance/unmatched",              api_unmatched,         AUTH_MEDEWERKER },
  { "POST", "/api/attendance/unmatched",              api_unmatched_match,   AUTH_MEDEWERKER },
  { 0, 0, 0, AUTH_NONE }
};
