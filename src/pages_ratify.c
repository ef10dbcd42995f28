/*
** pages_ratify.c — ratification per municipality on the web: the
** decision page /besluit/ID (with staff's forms), the matrix
** /bekrachtiging, and the API GET /api/decisions/ID, GET
** /api/ratifications, POST /api/decisions/ID/ratifications; see
** pages_ratify.h and ratify.h.
**
** The API sends ratify.h's JSON as it is; the pages add what the
** templates need (dates as people read them, URLs, statuses in words)
** and render web/decision.html and web/ratification.html.  Writes hold
** the server's write lock; the import of an uploaded decision document
** is api_import_uploads(), as /uploaden does it, which takes the lock
** itself.  Bad input is answered 400 or 422 with the reason, never 500.
*/
#include "pages_ratify.h"
#include "api.h"
#include "catalog.h"
#include "correct.h"
#include "html.h"
#include "pages.h"
#include "pages_ctx.h"
#include "ratify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* The decision id in the path after zPrefix: digits up to the end or the
** next '/'; 0 when none or too long. */
static long long decision_id_of(HttpReq *r, const char *zPrefix){
  const char *z = http_path(r);
  size_t n0 = strlen(zPrefix);
  if( strncmp(z, zPrefix, n0) ) return 0;
  z += n0;
  long long id = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9'; n++){
    if( n>=15 ) return 0;
    id = id*10 + (z[n]-'0');
  }
  return n>0 && (z[n]==0 || z[n]=='/') ? id : 0;
}

/* The message of status zStatus ("adopted", "rejected", "open",
** "not_required") in the page's language. */
static const char *status_label(const char *zStatus, const char *zLang){
  char zKey[48];
  snprintf(zKey, sizeof zKey, "ratify_status_%s", zStatus ? zStatus : "open");
  return html_message(zKey, zLang);
}

/* Options {value, label, selected} of a <select>. */
static json_t *option(const char *zValue, const char *zLabel, int bSelected){
  return json_pack("{s:s,s:s,s:b}", "value", zValue, "label", zLabel, "selected", bSelected);
}

/* ------------------------------------------------------ decision page */

/* What the templates need of one municipality's row. */
static void mun_ctx(json_t *m, long long iDecision, const char *zLang){
  const char *zSt = catalog_str(m, "status");
  pages_set_str(m, "status_label", status_label(zSt, zLang));
  pages_set_date(m, "date_label", catalog_str(m, "date"), zLang);
  json_t *pDoc = json_object_get(m, "document");
  if( json_is_object(pDoc) ){
    json_object_set_new(pDoc, "url", pages_doc_url(json_integer_value(json_object_get(pDoc, "id")), 0));
    const char *zT = catalog_str(pDoc, "title");
    pages_set_str(pDoc, "label", zT && zT[0] ? zT : catalog_str(pDoc, "original_name"));
  }
  json_object_set_new(m, "is_adopted", json_boolean(strcmp(zSt, "adopted")==0));
  json_object_set_new(m, "is_rejected", json_boolean(strcmp(zSt, "rejected")==0));
  json_object_set_new(m, "is_open", json_boolean(strcmp(zSt, "open")==0));
  json_t *a = json_array();
  static const char *const azSt[] = { "open", "adopted", "rejected" };
  for(int i=0; i<3; i++) json_array_append_new(a, option(azSt[i], status_label(azSt[i], zLang),
                                                         strcmp(zSt, azSt[i])==0));
  json_object_set_new(m, "status_options", a);
  char zForm[48];
  snprintf(zForm, sizeof zForm, "r%lld-%" JSON_INTEGER_FORMAT, iDecision,
           json_integer_value(json_object_get(json_object_get(m, "organisation"), "id")));
  pages_set_str(m, "form_id", zForm);
  json_t *pDocId = json_is_object(pDoc) ? json_object_get(pDoc, "id") : 0;
  if( pDocId ){
    char zId[32];
    snprintf(zId, sizeof zId, "%" JSON_INTEGER_FORMAT, json_integer_value(pDocId));
    pages_set_str(m, "document_value", zId);
  }else{
    pages_set_str(m, "document_value", "");
  }
}

/* z, or its first 117 bytes of whole characters and "…" when it is longer
** than 120: a decision's text in a list. */
static void short_text(Buf *b, const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n>120 ){
    size_t m = 117;
    while( m>0 && ((unsigned char)z[m] & 0xC0)==0x80 ) m--;
    buf_append(b, z, m);
    buf_puts(b, "…");
  }else if( z ){
    buf_puts(b, z);
  }
}

/* A decision {id, date} of the page: its url and date label. */
static void decision_link(json_t *d, const char *zLang){
  Buf b = BUF_INIT;
  buf_appendf(&b, "/besluit/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(d, "id")));
  pages_set_buf(d, "url", &b);
  buf_release(&b);
  pages_set_date(d, "date_label", catalog_str(d, "date"), zLang);
}

/* What the page shows of the decision's reference and of those that
** follow it, and the choice staff's form starts from. */
static void reference_ctx(json_t *ctx, const char *zLang, json_t *aChoice){
  json_t *pRef = json_object_get(ctx, "refers_to");
  const char *zBy = catalog_str(ctx, "refers_by");
  const char *zDate = catalog_str(ctx, "refers_date");
  if( json_is_object(pRef) ) decision_link(pRef, zLang);
  /* staff's choices: the decisions of the day the text names */
  json_int_t iRef = json_integer_value(json_object_get(pRef, "id"));
  int bChosen = 0;
  size_t k;
  json_t *c;
  json_array_foreach(aChoice, k, c){
    Buf l = BUF_INIT;
    json_int_t id = json_integer_value(json_object_get(c, "id"));
    buf_appendf(&l, "%s %" JSON_INTEGER_FORMAT ", %s ", html_message("decision_title", zLang), id,
                catalog_str(c, "body") ? catalog_str(c, "body") : "");
    pages_date(&l, catalog_str(c, "date"), zLang);
    buf_puts(&l, ": ");
    short_text(&l, catalog_str(c, "text"));
    pages_set_buf(c, "label", &l);
    buf_release(&l);
    int bSel = zBy && id==iRef;
    bChosen |= bSel;
    json_object_set_new(c, "selected", json_boolean(bSel));
  }
  json_object_set_new(ctx, "refers_choices", aChoice ? aChoice : json_array());
  Buf b = BUF_INIT;
  if( zBy ){
    buf_appendf(&b, "%s %s", html_message("decision_refers_by", zLang), zBy);
  }else if( zDate ){
    const char *zBody = catalog_str(ctx, "refers_body");
    buf_appendf(&b, "%s: %s ", html_message("decision_refers_stated", zLang),
                zBody && zBody[0] ? zBody : html_message("decision_refers_own_body", zLang));
    pages_date(&b, zDate, zLang);
    if( !json_is_object(pRef) ) buf_appendf(&b, "; %s", html_message("decision_refers_waiting", zLang));
  }
  pages_set_buf(ctx, "refers_source", &b);
  json_object_set_new(ctx, "show_refers", json_boolean(json_is_object(pRef) || zBy || zDate));
  json_object_set_new(ctx, "refers_is_text", json_boolean(zBy==0));
  json_object_set_new(ctx, "refers_is_none", json_boolean(zBy && !json_is_object(pRef)));
  json_object_set_new(ctx, "refers_is_decision", json_boolean(zBy && json_is_object(pRef) && !bChosen));
  buf_reset(&b);
  if( json_is_object(pRef) ){
    buf_appendf(&b, "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(pRef, "id")));
  }
  pages_set_buf(ctx, "refers_value", &b);
  buf_release(&b);
  json_t *aFollow = json_object_get(ctx, "followed_by");
  size_t i;
  json_t *d;
  json_array_foreach(aFollow, i, d) decision_link(d, zLang);
  pages_set_has(ctx, "followed_by");
}

/* The page of decision iDecision with status, the error zError (NULL:
** none) or the message of key zMsgKey (NULL: none).  404 when there is no
** such decision. */
static void decision_page(HttpReq *r, int status, long long iDecision, const char *zError,
                          const char *zMsgKey){
  const char *zLang = http_lang(r);
  Err err = ERR_INIT;
  json_t *ctx = iDecision>0 ? ratify_decision(http_db(r), iDecision, &err) : 0;
  if( ctx==0 ){
    if( iDecision>0 && err.internal ){
      fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
      page_error(r, 500, html_message("error_internal", zLang));
    }else{
      page_error(r, 404, html_message("error_not_found", zLang));
    }
    return;
  }
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s %lld", html_message("decision_title", zLang), iDecision);
  pages_set_buf(ctx, "title", &b);
  pages_set_buf(ctx, "heading", &b);
  pages_set_date(ctx, "date_label", catalog_str(ctx, "date"), zLang);
  json_t *pDoc = json_object_get(ctx, "document");
  json_int_t iDoc = json_integer_value(json_object_get(pDoc, "id"));
  json_object_set_new(ctx, "source_url", pages_doc_url(iDoc, json_object_get(ctx, "passage_id")));
  const char *zT = catalog_str(pDoc, "title");
  pages_set_str(ctx, "source_label", zT && zT[0] ? zT : catalog_str(ctx, "original_name"));
  json_t *pBody = json_object_get(ctx, "body");
  if( json_is_object(pBody) ){
    buf_reset(&b);
    buf_appendf(&b, "/orgaan/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(pBody, "id")));
    pages_set_buf(pBody, "url", &b);
  }
  json_t *pTopic = json_object_get(ctx, "topic");
  if( json_is_object(pTopic) ){
    buf_reset(&b);
    buf_appendf(&b, "/onderwerp/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(pTopic, "id")));
    pages_set_buf(pTopic, "url", &b);
  }
  int bStaff = http_role_at_least(r, AUTH_MEDEWERKER);
  reference_ctx(ctx, zLang, bStaff ? correct_reference_choices(http_db(r), iDecision) : 0);
  json_t *pR = json_object_get(ctx, "ratification");
  int bNeeded = json_is_true(json_object_get(pR, "needed"));
  int bStaffSet = strcmp(catalog_str(pR, "reason"), "staff")==0;
  pages_set_str(ctx, "needed_label", html_message(bNeeded ? (bStaffSet ? "ratify_needed_staff"
                                                                   : "ratify_needed_rule")
                                                    : (bStaffSet ? "ratify_not_needed_staff"
                                                                 : "ratify_not_needed_rule"),
                                            zLang));
  json_t *aMun = json_object_get(pR, "municipalities");
  size_t i;
  json_t *m;
  json_array_foreach(aMun, i, m) mun_ctx(m, iDecision, zLang);
  json_object_set_new(ctx, "has_municipalities", json_boolean(json_array_size(aMun)>0));
  json_t *pT = json_object_get(pR, "totals");
  buf_reset(&b);
  json_int_t nReq = json_integer_value(json_object_get(pT, "needed"));
  json_object_set_new(ctx, "no_participants", json_boolean(bNeeded && nReq==0));
  if( bNeeded && nReq>0 ){
    buf_appendf(&b, "%" JSON_INTEGER_FORMAT " %s %" JSON_INTEGER_FORMAT " %s; %"
                JSON_INTEGER_FORMAT " %s, %" JSON_INTEGER_FORMAT " %s",
                json_integer_value(json_object_get(pT, "adopted")), html_message("ratify_of", zLang),
                json_integer_value(json_object_get(pT, "needed")),
                html_message("ratify_adopted_count", zLang),
                json_integer_value(json_object_get(pT, "rejected")),
                html_message("ratify_rejected_count", zLang),
                json_integer_value(json_object_get(pT, "open")),
                html_message("ratify_open_count", zLang));
  }
  pages_set_buf(ctx, "totals_label", &b);
  /* staff's forms */
  json_object_set_new(ctx, "can_edit", json_boolean(bStaff));
  buf_reset(&b);
  buf_appendf(&b, "/besluit/%lld", iDecision);
  pages_set_buf(ctx, "form_action", &b);
  json_t *pStaffVal = json_object_get(pR, "ratify");
  json_t *aNeed = json_array();
  json_array_append_new(aNeed, option("auto", html_message("ratify_set_auto", zLang),
                                      json_is_null(pStaffVal)));
  json_array_append_new(aNeed, option("1", html_message("ratify_set_yes", zLang),
                                      json_is_true(pStaffVal)));
  json_array_append_new(aNeed, option("0", html_message("ratify_set_no", zLang),
                                      json_is_false(pStaffVal)));
  json_object_set_new(ctx, "needed_options", aNeed);
  json_t *aOrg = json_array();
  json_array_foreach(aMun, i, m){
    if( !json_is_true(json_object_get(m, "required")) ) continue;
    json_t *o = json_object_get(m, "organisation");
    char zId[32];
    snprintf(zId, sizeof zId, "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(o, "id")));
    json_array_append_new(aOrg, option(zId, catalog_str(o, "name"), 0));
  }
  json_object_set_new(ctx, "upload_orgs", aOrg);
  json_t *aUpSt = json_array();
  json_array_append_new(aUpSt, option("adopted", status_label("adopted", zLang), 1));
  json_array_append_new(aUpSt, option("rejected", status_label("rejected", zLang), 0));
  json_object_set_new(ctx, "upload_status_options", aUpSt);
  json_object_set_new(ctx, "can_upload", json_boolean(bStaff && json_array_size(aOrg)>0));
  json_object_set_new(ctx, "max_mb",
                      json_integer((json_int_t)(http_max_upload(http_server(r)) >> 20)));
  pages_set_str(ctx, "error", zError);
  pages_set_str(ctx, "message", zMsgKey ? html_message(zMsgKey, zLang) : 0);
  buf_release(&b);
  page_render(r, status, "decision", "decision_title", ctx);
}

/* GET /besluit/ID[?bericht=KEY] */
static void decision_get(HttpReq *r){
  static const char *const azMsg[] = { "opgeslagen", "ratify_saved", "nodig", "ratify_needed_saved",
                                       "geupload", "ratify_uploaded",
                                       "verwijzing", "decision_refers_saved", 0 };
  const char *zMsg = http_arg_given(r, "bericht"), *zKey = 0;
  for(int i=0; zMsg && azMsg[i]; i+=2) if( strcmp(zMsg, azMsg[i])==0 ) zKey = azMsg[i+1];
  decision_page(r, 200, decision_id_of(r, "/besluit/"), 0, zKey);
}

/* After a write: back to the page with its message, or the page with
** the error (400/422), or 404/500. */
static void after_write(HttpReq *r, long long iDecision, int code, const Err *err,
                        const char *zMsg){
  if( code==0 ){
    char zLoc[80];
    snprintf(zLoc, sizeof zLoc, "/besluit/%lld?bericht=%s", iDecision, zMsg);
    http_reply_redirect(r, zLoc);
  }else if( code==404 ){
    page_error(r, 404, html_message("error_not_found", http_lang(r)));
  }else if( code>=500 ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err->msg);
    page_error(r, 500, html_message("admin_db_error", http_lang(r)));
  }else{
    Buf msg = BUF_INIT;
    html_error_text(&msg, err->msg, http_lang(r));
    decision_page(r, code, iDecision, msg.z, 0);
    buf_release(&msg);
  }
}

/* An id in a form ("" or absent: 0); -1 when it is not one. */
static long long id_arg(const char *z){
  if( z==0 || z[0]==0 ) return 0;
  long long v = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9'; n++){
    if( n>=15 ) return -1;
    v = v*10 + (z[n]-'0');
  }
  return z[n]==0 && v>0 ? v : -1;
}

/* Records the form's organisation, status, date, document, note. */
static int record_from_form(HttpReq *r, long long iDecision, long long iDoc, Err *err){
  const char *zDocArg = http_arg_given(r, "document");
  if( iDoc==0 ) iDoc = id_arg(zDocArg);
  if( iDoc<0 ){
    err_set(err, "bad document id \"%s\": use the number of a document in the archive", zDocArg);
    return 400;
  }
  HttpServer *s = http_server(r);
  http_write_lock(s);
  int code = ratify_record(http_db(r), iDecision, http_arg_given(r, "organisation"),
                           http_arg_given(r, "status"), http_arg_given(r, "date"), iDoc,
                           http_arg(r, "note"), http_actor(r), err);
  http_write_unlock(s);
  return code;
}

/* The uploaded decision document: imported as /uploaden does (kind
** "other" from the form), its id into *piDoc.  0, or 400/415/422/500 with
** err set. */
static int import_upload(HttpReq *r, long long *piDoc, Err *err){
  int nUpload = 0, nFile = 0;
  const HttpUpload *aUpload = http_uploads(r, &nUpload);
  for(int i=0; i<nUpload; i++){
    if( strcmp(aUpload[i].zField, "file")==0 && (aUpload[i].zName[0] || aUpload[i].nByte) ) nFile++;
  }
  if( nFile!=1 ){
    err_set(err, "%s", html_message("ratify_upload_one", http_lang(r)));
    return 400;
  }
  int status = 0;
  json_t *aRes = api_import_uploads(r, &status);
  int code = 0;
  if( !json_is_array(aRes) ){
    err_set(err, "%s", catalog_str(aRes, "error") ? catalog_str(aRes, "error") : "the import failed");
    code = status>=400 ? status : 400;
  }else{
    json_t *x = json_array_get(aRes, 0);
    if( json_is_integer(json_object_get(x, "id")) ){
      *piDoc = json_integer_value(json_object_get(x, "id"));
    }else{
      /* the reason in the page's language now: after_write cannot find
      ** it inside "NAME: REASON" */
      Buf why = BUF_INIT;
      html_error_text(&why, catalog_str(x, "reason") ? catalog_str(x, "reason") : "not imported",
                      http_lang(r));
      err_set(err, "%s: %s", catalog_str(x, "name") ? catalog_str(x, "name") : "file", why.z);
      buf_release(&why);
      code = 422;
    }
  }
  json_decref(aRes);
  return code;
}

/* POST /besluit/ID: action "record" (organisation, status, date,
** document, note), "needed" (ratify: auto, 1, 0) or "upload" (file,
** organisation, status, date, note). */
/* Sets decision iDecision's reference from zTo: a decision's number,
** "none" or "text" (back to what the text states).  0, or 400/404/422/500
** with err set. */
static int reference_from(HttpReq *r, long long iDecision, const char *zTo, Err *err){
  int bNone = zTo && strcmp(zTo, "none")==0, bText = zTo && strcmp(zTo, "text")==0;
  long long iTo = bNone ? 0 : bText ? CORRECT_REF_TEXT : id_arg(zTo);
  if( !bNone && !bText && iTo<=0 ){
    err_set(err, "refers_to is the number of an earlier decision, none or text");
    return 400;
  }
  HttpServer *s = http_server(r);
  http_write_lock(s);
  CorrectRc rc = correct_decision_reference(http_db(r), iDecision, iTo, http_actor(r), err);
  http_write_unlock(s);
  return rc==CORRECT_OK ? 0 : rc==CORRECT_REFUSED ? 422 : rc==CORRECT_NOT_FOUND ? 404 : 500;
}

static void decision_post(HttpReq *r){
  long long iDecision = decision_id_of(r, "/besluit/");
  const char *zAction = http_arg_given(r, "action");
  Err err = ERR_INIT;
  if( iDecision<=0 ){
    page_error(r, 404, html_message("error_not_found", http_lang(r)));
    return;
  }
  if( zAction && strcmp(zAction, "needed")==0 ){
    const char *z = http_arg_given(r, "ratify");
    int v = !z ? -2 : strcmp(z, "auto")==0 ? -1 : strcmp(z, "1")==0 ? 1 : strcmp(z, "0")==0 ? 0 : -2;
    int code;
    if( v==-2 ){
      err_set(&err, "ratify must be auto, 1 or 0");
      code = 400;
    }else{
      HttpServer *s = http_server(r);
      http_write_lock(s);
      code = ratify_set_needed(http_db(r), iDecision, v, http_actor(r), &err);
      http_write_unlock(s);
    }
    after_write(r, iDecision, code, &err, "nodig");
  }else if( zAction && strcmp(zAction, "record")==0 ){
    after_write(r, iDecision, record_from_form(r, iDecision, 0, &err), &err, "opgeslagen");
  }else if( zAction && strcmp(zAction, "upload")==0 ){
    /* refuse what ratify_record() would refuse before storing a file
    ** (ratify_check); the import takes the write lock itself */
    long long iDoc = 0;
    int code = 0;
    const char *zSt = http_arg_given(r, "status");
    if( zSt==0 || (strcmp(zSt, "adopted") && strcmp(zSt, "rejected")) ){
      err_set(&err, "status must be adopted or rejected");
      code = 400;
    }else if( http_arg_given(r, "organisation")==0 ){
      err_set(&err, "no municipality given");
      code = 400;
    }
    if( code==0 ){
      HttpServer *s = http_server(r);
      http_write_lock(s);
      code = ratify_check(http_db(r), iDecision, http_arg_given(r, "organisation"), zSt,
                          http_arg_given(r, "date"), http_arg(r, "note"), &err);
      http_write_unlock(s);
    }
    if( code==0 ) code = import_upload(r, &iDoc, &err);
    if( code==0 ) code = record_from_form(r, iDecision, iDoc, &err);
    after_write(r, iDecision, code==415 ? 422 : code, &err, "geupload");
  }else if( zAction && strcmp(zAction, "reference")==0 ){
    /* the form's choice: what the text states, none, or the number given */
    const char *zHow = http_arg_given(r, "refers");
    const char *zTo = zHow && strcmp(zHow, "decision")==0 ? http_arg_given(r, "refers_to") : zHow;
    after_write(r, iDecision, reference_from(r, iDecision, zTo, &err), &err, "verwijzing");
  }else{
    decision_page(r, 400, iDecision, "unknown action", 0);
  }
}

/* ------------------------------------------------------------- matrix */

/* Reads the filter of the page (Dutch names) or the API (English). */
static void filter_of(HttpReq *r, RatifyFilter *f, int bApi){
  memset(f, 0, sizeof *f);
  f->zTopic = http_arg_given(r, bApi ? "topic" : "onderwerp");
  f->zBody = http_arg_given(r, bApi ? "body" : "orgaan");
  f->zFrom = http_arg_given(r, bApi ? "from" : "van");
  f->zTo = http_arg_given(r, bApi ? "to" : "tot");
  const char *zOpen = http_arg_given(r, "open");
  f->bOpen = zOpen && strcmp(zOpen, "0")!=0;
}

/* The options of a filter's <select>: "" (all), then the names of a. */
static json_t *name_options(json_t *a, const char *zSelected, const char *zAll){
  json_t *out = json_array();
  json_array_append_new(out, option("", zAll, zSelected==0));
  size_t i;
  json_t *x;
  json_array_foreach(a, i, x){
    const char *zName = catalog_str(x, "name");
    if( zName ) json_array_append_new(out, option(zName, zName, zSelected && strcasecmp(zSelected, zName)==0));
  }
  json_decref(a);
  return out;
}

/* The page's URL with the filter and offset nOffset. */
static void matrix_url(Buf *b, const RatifyFilter *f, int nOffset){
  int n = 0;
  buf_puts(b, "/bekrachtiging");
  html_url_arg(b, &n, "onderwerp", f->zTopic);
  html_url_arg(b, &n, "orgaan", f->zBody);
  html_url_arg(b, &n, "van", f->zFrom);
  html_url_arg(b, &n, "tot", f->zTo);
  html_url_arg(b, &n, "open", f->bOpen ? "1" : 0);
  if( nOffset>0 ){
    char z[24];
    snprintf(z, sizeof z, "%d", nOffset);
    html_url_arg(b, &n, "vanaf", z);
  }
}

/* What the template needs of the matrix j. */
static void matrix_ctx(json_t *j, const char *zLang){
  size_t i, k;
  json_t *d, *c;
  json_t *aCol = json_object_get(j, "municipalities");
  json_array_foreach(json_object_get(j, "decisions"), i, d){
    pages_set_date(d, "date_label", catalog_str(d, "date"), zLang);
    Buf b = BUF_INIT;
    buf_appendf(&b, "/besluit/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(d, "id")));
    pages_set_buf(d, "url", &b);
    buf_reset(&b);
    short_text(&b, catalog_str(d, "text"));
    pages_set_buf(d, "short_text", &b);
    buf_release(&b);
    json_array_foreach(json_object_get(d, "cells"), k, c){
      const char *zSt = catalog_str(c, "status");
      pages_set_str(c, "municipality", catalog_str(json_array_get(aCol, k), "name"));
      pages_set_str(c, "label", status_label(zSt, zLang));
      pages_set_date(c, "date_label", catalog_str(c, "date"), zLang);
      json_object_set_new(c, "is_adopted", json_boolean(strcmp(zSt, "adopted")==0));
      json_object_set_new(c, "is_rejected", json_boolean(strcmp(zSt, "rejected")==0));
      json_object_set_new(c, "is_open", json_boolean(strcmp(zSt, "open")==0));
      json_object_set_new(c, "is_none", json_boolean(strcmp(zSt, "not_required")==0));
      json_t *pDocId = json_object_get(c, "document_id");
      json_object_set_new(c, "document_url", json_is_integer(pDocId)
                          ? pages_doc_url(json_integer_value(pDocId), 0) : json_null());
      if( json_is_true(json_object_get(c, "overdue")) ){
        pages_set_str(c, "overdue_label", html_message("ratify_overdue", zLang));
      }
    }
  }
}

/* GET /bekrachtiging: onderwerp, orgaan, van, tot, open, vanaf. */
static void matrix_get(HttpReq *r){
  const char *zLang = http_lang(r);
  RatifyFilter f;
  filter_of(r, &f, 0);
  const char *zOff = http_arg_given(r, "vanaf");
  long long nOff = zOff ? id_arg(zOff) : 0;
  const char *zError = 0;
  if( nOff<0 || nOff>100000000 ){
    zError = html_message("ratify_bad_offset", zLang);
    nOff = 0;
  }
  f.nOffset = (int)nOff;
  Err err = ERR_INIT;
  json_t *ctx = zError ? 0 : ratify_matrix(http_db(r), &f, &err);
  if( ctx==0 && !zError && err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    page_error(r, 500, html_message("error_internal", zLang));
    return;
  }
  if( ctx==0 ){
    ctx = json_object();
    html_err_lang(&err, zLang);
    pages_set_str(ctx, "error", zError ? zError : err.msg);
  }else{
    matrix_ctx(ctx, zLang);
  }
  sqlite3 *db = http_db(r);
  json_object_set_new(ctx, "topic_options", name_options(catalog_topics(db), f.zTopic,
                                                        html_message("ratify_all", zLang)));
  json_object_set_new(ctx, "body_options", name_options(catalog_bodies(db), f.zBody,
                                                       html_message("ratify_all", zLang)));
  pages_set_str(ctx, "from", f.zFrom ? f.zFrom : "");
  pages_set_str(ctx, "to", f.zTo ? f.zTo : "");
  json_object_set_new(ctx, "only_open", json_boolean(f.bOpen));
  long long nTotal = json_integer_value(json_object_get(ctx, "total"));
  size_t nRow = json_array_size(json_object_get(ctx, "decisions"));
  json_object_set_new(ctx, "has_rows", json_boolean(nRow>0));
  Buf b = BUF_INIT;
  if( nRow ){
    buf_appendf(&b, "%s %d–%d %s %lld", html_message("results_shown", zLang), f.nOffset+1,
                f.nOffset+(int)nRow, html_message("results_of", zLang), nTotal);
    json_t *pT = json_object_get(ctx, "totals");
    buf_appendf(&b, ". %" JSON_INTEGER_FORMAT " %s, %" JSON_INTEGER_FORMAT " %s, %"
                JSON_INTEGER_FORMAT " %s, %" JSON_INTEGER_FORMAT " %s.",
                json_integer_value(json_object_get(pT, "needed")), html_message("ratify_needed_count", zLang),
                json_integer_value(json_object_get(pT, "adopted")), html_message("ratify_adopted_count", zLang),
                json_integer_value(json_object_get(pT, "rejected")), html_message("ratify_rejected_count", zLang),
                json_integer_value(json_object_get(pT, "open")), html_message("ratify_open_count", zLang));
  }else if( !json_object_get(ctx, "error") ){
    buf_puts(&b, html_message("ratify_none", zLang));
  }
  pages_set_buf(ctx, "summary", &b);
  int nLimit = RATIFY_LIMIT_DEFAULT;
  if( f.nOffset>0 ){
    buf_reset(&b);
    matrix_url(&b, &f, f.nOffset>nLimit ? f.nOffset-nLimit : 0);
    pages_set_buf(ctx, "prev_url", &b);
  }
  if( (long long)f.nOffset+nLimit<nTotal ){
    buf_reset(&b);
    matrix_url(&b, &f, f.nOffset+nLimit);
    pages_set_buf(ctx, "next_url", &b);
  }
  buf_release(&b);
  page_render(r, json_object_get(ctx, "error") ? 400 : 200, "ratification", "ratify_title", ctx);
}

/* ---------------------------------------------------------------- API */

/* GET /api/decisions/ID */
static void api_decision(HttpReq *r){
  long long id = decision_id_of(r, "/api/decisions/");
  Err err = ERR_INIT;
  json_t *j = id>0 ? ratify_decision(http_db(r), id, &err) : 0;
  if( j ){
    http_reply_json(r, 200, j);
  }else if( id>0 && err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, 500, err.msg);
  }else{
    http_reply_json_error(r, 404, id>0 ? err.msg : "no such decision");
  }
}

/* POST /api/decisions/ID/reference: refers_to (an earlier decision's id,
** none or text) -> the decision. */
static void api_reference(HttpReq *r){
  long long id = decision_id_of(r, "/api/decisions/");
  Err err = ERR_INIT;
  int code = id>0 ? reference_from(r, id, http_arg_given(r, "refers_to"), &err) : 404;
  if( id<=0 ) err_set(&err, "no such decision");
  if( code ){
    if( code>=500 ) fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, code, code>=500 ? "database error" : err.msg);
    return;
  }
  json_t *j = ratify_decision(http_db(r), id, &err);
  if( j ) http_reply_json(r, 200, j);
  else http_reply_json_error(r, 500, err.msg);
}

/* GET /api/ratifications: topic, body, from, to, open, limit, offset. */
static void api_matrix(HttpReq *r){
  RatifyFilter f;
  filter_of(r, &f, 1);
  int nLimit = 0, nOffset = 0;
  if( http_arg_int(r, "limit", 0, 0, RATIFY_LIMIT_MAX, &nLimit)
   || http_arg_int(r, "offset", 0, 0, 100000000, &nOffset) ){
    return;
  }
  f.nLimit = nLimit;
  f.nOffset = nOffset;
  Err err = ERR_INIT;
  json_t *j = ratify_matrix(http_db(r), &f, &err);
  if( j ){
    http_reply_json(r, 200, j);
  }else if( err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, 500, err.msg);
  }else{
    http_reply_json_error(r, 400, err.msg);
  }
}

/* POST /api/decisions/ID/ratifications: organisation, status, date,
** document, note (form fields). */
static void api_record(HttpReq *r){
  long long id = decision_id_of(r, "/api/decisions/");
  Err err = ERR_INIT;
  int code = id>0 ? record_from_form(r, id, 0, &err) : 404;
  if( id<=0 ) err_set(&err, "no such decision");
  if( code ){
    if( code>=500 ) fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, code, err.msg);
    return;
  }
  json_t *j = ratify_decision(http_db(r), id, &err);
  if( j ) http_reply_json(r, 200, j);
  else http_reply_json_error(r, 500, err.msg);
}

const HttpRoute ratify_routes[] = {
  { "GET",  "/api/decisions/*",                api_decision,  AUTH_LEZER },
  { "POST", "/api/decisions/*/ratifications",  api_record,    AUTH_MEDEWERKER },
  { "POST", "/api/decisions/*/reference",      api_reference, AUTH_MEDEWERKER },
  { "GET",  "/api/ratifications",              api_matrix,    AUTH_LEZER },
  { "GET",  "/besluit/*",                      decision_get,  AUTH_LEZER },
  { "POST", "/besluit/*",                      decision_post, AUTH_MEDEWERKER },
  { "GET",  "/bekrachtiging",                  matrix_get,    AUTH_LEZER },
  { 0, 0, 0, AUTH_NONE }
};
