/*
** pages_admin.c — the pages that change the archive or who may use it:
** logging in and out, uploading, editing a document's metadata, the
** administration of users and of the organisation (beheer), and the audit
** log.  See admin_routes at the end.
**
** Every page has the same shape: the server has checked the role, the
** handler reads its arguments, does the work (writes under the server's
** write lock) and renders a template of web/ through page_render.  Every
** form that changes something carries the session's CSRF token in the
** field "csrf" (the server rejects a cookie-authenticated POST without
** it).  A change that succeeds answers 303 to a page that says so (so a
** reload does not repeat it); one that fails shows its form again, with
** the one-line reason tied to the form by aria-describedby.
*/
#include "pages.h"
#include "store.h"
#include "pages_admin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "catalog.h"
#include "html.h"
#include "org.h"
#include "orgedit.h"
#include "pages_ctx.h"

#define SESSION_COOKIE "overleg_session"
#define AUDIT_PAGE 50             /* entries per page of /audit */
#define AUDIT_PAGE_MAX 1000000    /* past this a page number is nonsense */

/* The values of the fixed lists the forms offer, as the archive stores
** them; their labels are the messages PREFIX + value. */
static const char *const azDocKind[] = { "agenda", "verslag", "besluitenlijst",
  "actielijst", "memo", "brief", "presentatie", "other", 0 };
static const char *const azDocStatus[] = { "concept", "vastgesteld", 0 };
static const char *const azUserRole[] = { "lezer", "medewerker", "auditor", "beheerder", 0 };
static const char *const azMemberRole[] = { "lid", "voorzitter", "secretaris",
  "notulist", "adviseur", 0 };
static const char *const azOrgKind[] = { "gemeente", "partner", 0 };
static const char *const azTopicKind[] = { "onderwerp", "project", 0 };
static const char *const azBodyKind[] = { "BORA", "ARG", "BRA", "BO", "AO", "other", 0 };

/* ---------------------------------------------------------------- helpers */

static const char *msg(HttpReq *r, const char *zKey){
  return html_message(zKey, http_lang(r));
}

/* The label of value zValue of a fixed list: the message zPrefix+zValue. */
static const char *label(HttpReq *r, const char *zPrefix, const char *zValue){
  char zKey[64];
  if( zValue==0 ) return "";
  snprintf(zKey, sizeof zKey, "%s%s", zPrefix, zValue);
  return msg(r, zKey);
}

/* Sets pTo[zTo] to pFrom[zFrom], null when pFrom lacks it: a key present
** in a list's element keeps a template's lookup from walking out to the
** page's own key of that name (the frame's "title"). */
static void copy_field(json_t *pTo, const char *zTo, const json_t *pFrom, const char *zFrom){
  json_t *v = json_object_get(pFrom, zFrom);
  json_object_set(pTo, zTo, v ? v : json_null());
}

/* The form value zName with the white space around it removed, as a new
** JSON string; NULL when it is absent, blank or not UTF-8. */
static json_t *arg_json(const HttpReq *r, const char *zName){
  const char *z = http_arg(r, zName);
  if( z==0 ) return 0;
  z += strspn(z, " \t\r\n");
  size_t n = strlen(z);
  while( n>0 && strchr(" \t\r\n", z[n-1]) ) n--;
  return n ? json_stringn(z, n) : 0;
}

/* Reads form value zName into pForm (trimmed; "" when blank) and returns
** it, owned by pForm; NULL (and nothing stored) when the form lacks it. */
static const char *form_get(json_t *pForm, const HttpReq *r, const char *zName){
  if( http_arg(r, zName)==0 ) return 0;
  json_t *v = arg_json(r, zName);
  json_object_set_new(pForm, zName, v ? v : json_string(""));
  return catalog_str(pForm, zName);
}

/* Options of a fixed list for a <select>: [{value, label, selected}]. */
static json_t *fixed_options(HttpReq *r, const char *const *az, const char *zPrefix,
                             const char *zSelected){
  json_t *a = json_array();
  for(int i=0; az[i]; i++){
    json_t *o = json_object();
    pages_set_str(o, "value", az[i]);
    pages_set_str(o, "label", label(r, zPrefix, az[i]));
    json_object_set_new(o, "selected", json_boolean(zSelected && strcmp(zSelected, az[i])==0));
    json_array_append_new(a, o);
  }
  return a;
}

/* Options for a <select> of the names in aList (objects with "name"),
** the one named zSelected (capitals aside) selected.  Steals aList. */
static json_t *name_options(json_t *aList, const char *zSelected){
  json_t *a = json_array();
  size_t i;
  json_t *x;
  json_array_foreach(aList, i, x){
    const char *zName = catalog_str(x, "name");
    if( zName==0 ) continue;
    json_t *o = json_object();
    pages_set_str(o, "value", zName);
    pages_set_str(o, "label", zName);
    json_object_set_new(o, "selected",
                        json_boolean(zSelected && strcasecmp(zSelected, zName)==0));
    json_array_append_new(a, o);
  }
  json_decref(aList);
  return a;
}

/* Writes the audit row of a change made by the current user. */
static void audit(HttpReq *r, const char *zAction, const char *zObject, const char *zDetail){
  store_audit(http_db(r), 0, http_actor(r), zAction, zObject, zDetail);
}

/* The message for a change that was refused: "Niet opgeslagen: REASON". */
static json_t *refused(HttpReq *r, const char *zReason){
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s ", msg(r, "admin_not_saved"));
  html_error_text(&b, zReason, http_lang(r));
  json_t *v = json_string(b.z);
  buf_release(&b);
  return v ? v : json_string(msg(r, "admin_not_saved"));
}

/* ------------------------------------------------------ login and logout */

int admin_safe_return(const char *z){
  if( z==0 || z[0]!='/' || z[1]=='/' || z[1]=='\\' ) return 0;
  for(const unsigned char *p=(const unsigned char*)z; *p; p++){
    /* no spaces, controls (header injection) or bytes a browser may read
    ** as a slash; everything past the first byte stays on this origin */
    if( *p<=0x20 || *p>=0x7f || *p=='\\' ) return 0;
  }
  return 1;
}

static void set_session_cookie(HttpReq *r, const char *zToken, int nMaxAge){
  Buf b = BUF_INIT;
  buf_appendf(&b, SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
              zToken, nMaxAge, http_is_tls(r) ? "; Secure" : "");
  http_add_header(r, "Set-Cookie", b.z);
  buf_release(&b);
}

/* The login form, with the name typed (never the password), where to go
** after, and why the last attempt failed (zError, NULL: none). */
static void login_page(HttpReq *r, int status, const char *zName, const char *zReturn,
                       json_t *pError){
  json_t *ctx = json_object();
  pages_set_str(ctx, "name", zName ? zName : "");
  pages_set_str(ctx, "terug", admin_safe_return(zReturn) ? zReturn : "/");
  json_object_set_new(ctx, "error", pError ? pError : json_null());
  page_render(r, status, "login", "login_title", ctx);
}

/* GET /inloggen[?terug=PATH] */
static void login_get(HttpReq *r){
  login_page(r, 200, "", http_arg(r, "terug"), 0);
}

/* The N of "too many attempts; try again in N minutes". */
static long throttle_minutes(const char *zMsg){
  long n = strtol(zMsg + strcspn(zMsg, "0123456789"), 0, 10);
  return n>0 ? n : AUTH_LOGIN_WINDOW/60;
}

/* POST /inloggen: name, password, terug. */
static void login_post(HttpReq *r){
  const char *zName = http_arg(r, "name");
  const char *zPassword = http_arg(r, "password");
  const char *zReturn = http_arg(r, "terug");
  if( zName==0 || zName[0]==0 || zPassword==0 || zPassword[0]==0 ){
    login_page(r, 400, zName, zReturn, json_string(msg(r, "login_missing")));
    return;
  }
  AuthUser u;
  Err err = ERR_INIT;
  int bThrottled = 0;
  char zToken[AUTH_TOKEN_HEX+1] = "";
  HttpServer *s = http_server(r);
  /* not under the write lock: the password hash takes a quarter of a
  ** second, and auth_login's own writes are a few small rows */
  int rc = auth_login(http_db(r), zName, zPassword, http_client_ip(r), &u, &bThrottled, &err);
  if( rc==0 ){
    http_write_lock(s);
    rc = auth_session_new(http_db(r), u.id, zToken, &err);
    http_write_unlock(s);
  }
  if( rc==0 ){
    set_session_cookie(r, zToken, AUTH_SESSION_SECONDS);
    http_reply_redirect(r, admin_safe_return(zReturn) ? zReturn : "/");
  }else if( bThrottled ){
    Buf b = BUF_INIT;
    buf_appendf(&b, "%s %ld %s", msg(r, "login_throttled"), throttle_minutes(err.msg),
                msg(r, "login_minutes"));
    login_page(r, 429, zName, zReturn, json_string(b.z));
    buf_release(&b);
  }else if( err.internal ){
    page_error(r, 503, msg(r, "admin_db_error"));
  }else{
    login_page(r, 401, zName, zReturn, json_string(msg(r, "login_wrong")));
  }
}

/* POST /uitloggen: ends the session and its cookie. */
static void logout_post(HttpReq *r){
  const char *zToken = http_cookie(r, SESSION_COOKIE);
  if( zToken && zToken[0] ){
    HttpServer *s = http_server(r);
    http_write_lock(s);
    auth_session_end(http_db(r), zToken);
    http_write_unlock(s);
  }
  set_session_cookie(r, "", 0);
  http_reply_redirect(r, "/");
}

/* ---------------------------------------------------------------- upload */

/* The upload form; pForm holds the values sent (body, topic, date, kind),
** pError the reason the last one was refused. */
static void upload_page(HttpReq *r, int status, json_t *pForm, json_t *pError){
  sqlite3 *db = http_db(r);
  json_t *ctx = json_object();
  json_t *aBody = catalog_bodies(db), *aTopic = catalog_topics(db);
  json_object_set_new(ctx, "bodies", name_options(aBody, catalog_str(pForm, "body")));
  json_object_set_new(ctx, "topics", name_options(aTopic, catalog_str(pForm, "topic")));
  json_object_set_new(ctx, "kinds",
                      fixed_options(r, azDocKind, "upload_kind_", catalog_str(pForm, "kind")));
  pages_set_str(ctx, "date", catalog_str(pForm, "date"));
  json_object_set_new(ctx, "max_mb", json_integer((json_int_t)(http_max_upload(http_server(r)) >> 20)));
  json_object_set_new(ctx, "error", pError ? pError : json_null());
  json_decref(pForm);
  page_render(r, status, "upload", "upload_title", ctx);
}

/* GET /uploaden */
static void upload_get(HttpReq *r){
  upload_page(r, 200, json_object(), 0);
}

/* The values overleg stored or inferred for new document iDoc, to show
** for confirmation, added to pItem. */
static void upload_describe(HttpReq *r, json_t *pItem, long long iDoc){
  json_t *pDoc = catalog_document(http_db(r), iDoc);   /* NULL: every field null */
  copy_field(pItem, "doc_title", pDoc, "title");
  const char *zDate = catalog_str(pDoc, "date");
  if( zDate ){
    Buf date = BUF_INIT;
    pages_date(&date, zDate, http_lang(r));
    pages_set_str(pItem, "date", date.z);
    buf_release(&date);
  }else{
    pages_set_str(pItem, "date", 0);
  }
  pages_set_str(pItem, "body", catalog_str(json_object_get(pDoc, "body"), "name"));
  pages_set_str(pItem, "topic", catalog_str(json_object_get(pDoc, "topic"), "name"));
  const char *zKind = catalog_str(pDoc, "kind");
  pages_set_str(pItem, "kind", zKind ? label(r, "upload_kind_", zKind) : 0);
  const char *zStatus = catalog_str(pDoc, "status");
  pages_set_str(pItem, "doc_status", zStatus ? label(r, "admin_status_", zStatus) : 0);
  json_decref(pDoc);
}

/* POST /uploaden: file (one or more), body, topic, date, kind. */
static void upload_post(HttpReq *r){
  int nUpload = 0, nFile = 0;
  const HttpUpload *aUpload = http_uploads(r, &nUpload);
  for(int i=0; i<nUpload; i++){
    /* a file input left empty still sends a part, without a name */
    if( strcmp(aUpload[i].zField, "file")==0 && (aUpload[i].zName[0] || aUpload[i].nByte) ) nFile++;
  }
  json_t *pForm = json_object();
  form_get(pForm, r, "body");
  form_get(pForm, r, "topic");
  form_get(pForm, r, "date");
  form_get(pForm, r, "kind");
  if( nFile==0 ){
    upload_page(r, 400, pForm, json_string(msg(r, "upload_no_file")));
    return;
  }
  int status = 200;
  json_t *aRes = api_import_uploads(r, &status);
  if( !json_is_array(aRes) ){
    /* the import could not run at all (an unknown body, a bad date) */
    const char *zErr = catalog_str(aRes, "error");
    upload_page(r, status>=400 ? status : 400, pForm,
                zErr ? refused(r, zErr) : json_string(msg(r, "admin_db_error")));
    json_decref(aRes);
    return;
  }
  json_decref(pForm);
  json_t *aItem = json_array();
  int nNew = 0;
  size_t i;
  json_t *x;
  json_array_foreach(aRes, i, x){
    const char *zStatus = catalog_str(x, "status");
    json_int_t iDoc = json_integer_value(json_object_get(x, "id"));
    json_t *pItem = json_object();
    copy_field(pItem, "name", x, "name");
    json_object_set_new(pItem, "id", json_integer(iDoc));
    if( zStatus && strcmp(zStatus, "new")==0 ){
      nNew++;
      json_object_set_new(pItem, "new", json_true());
      upload_describe(r, pItem, iDoc);
    }else if( zStatus && strcmp(zStatus, "duplicate")==0 ){
      json_t *pDoc = catalog_document(http_db(r), iDoc);
      json_object_set_new(pItem, "duplicate", json_true());
      copy_field(pItem, "doc_title", pDoc, "title");
      json_decref(pDoc);
    }else{
      const char *zReason = catalog_str(x, "reason");
      json_object_set_new(pItem, "failed", json_true());
      json_object_set_new(pItem, "reason", refused(r, zReason ? zReason : "?"));
    }
    json_array_append_new(aItem, pItem);
  }
  json_decref(aRes);
  json_t *ctx = json_object();
  json_object_set_new(ctx, "files", aItem);
  json_object_set_new(ctx, "stored", json_integer(nNew));
  /* 201 (all went in, as duplicates) is no status for a page */
  page_render(r, nNew>0 || status<300 ? 200 : status, "upload_result", "upload_result_title", ctx);
}

/* --------------------------------------------------- editing a document */

/* The id of "/document/ID/bewerken", or 0. */
static long long edit_id(const HttpReq *r){
  const char *z = http_path(r);
  char *zEnd = 0;
  if( strncmp(z, "/document/", 10)!=0 || z[10]<'1' || z[10]>'9' ) return 0;
  errno = 0;
  long long id = strtoll(z+10, &zEnd, 10);
  return errno==0 && strcmp(zEnd, "/bewerken")==0 ? id : 0;
}

/* Which field of the form catalog_document_update's message zMsg is
** about, so the form can tie it to that field; "form" for none. */
static const char *edit_error_field(const char *zMsg){
  static const char *const az[] = { "body", "topic", "date", "kind", "status", 0 };
  for(int i=0; az[i]; i++){
    if( strstr(zMsg, az[i]) ) return az[i];
  }
  return "form";
}

/* The edit form of pDoc (stolen) with the values of pForm (stolen: body,
** topic, date, kind, status as names). */
static void edit_page(HttpReq *r, int status, json_t *pDoc, json_t *pForm,
                      const char *zError){
  sqlite3 *db = http_db(r);
  json_t *ctx = json_object();
  copy_field(ctx, "id", pDoc, "id");
  copy_field(ctx, "doc_title", pDoc, "title");
  copy_field(ctx, "original_name", pDoc, "original_name");
  json_object_set_new(ctx, "bodies", name_options(catalog_bodies(db), catalog_str(pForm, "body")));
  json_object_set_new(ctx, "topics", name_options(catalog_topics(db), catalog_str(pForm, "topic")));
  pages_set_str(ctx, "date", catalog_str(pForm, "date"));
  json_object_set_new(ctx, "kinds",
                      fixed_options(r, azDocKind, "upload_kind_", catalog_str(pForm, "kind")));
  json_object_set_new(ctx, "statuses", fixed_options(r, azDocStatus, "admin_status_",
                                                     catalog_str(pForm, "status")));
  if( zError ){
    json_object_set_new(ctx, "error", refused(r, zError));
    char zKey[32];
    snprintf(zKey, sizeof zKey, "error_%s", edit_error_field(zError));
    json_object_set_new(ctx, zKey, json_true());
  }
  json_decref(pDoc);
  json_decref(pForm);
  page_render(r, status, "document_edit", "admin_edit_title", ctx);
}

/* GET /document/ID/bewerken */
static void edit_get(HttpReq *r){
  long long id = edit_id(r);
  json_t *pDoc = id ? catalog_document(http_db(r), id) : 0;
  if( pDoc==0 ){
    page_error(r, 404, msg(r, "admin_no_document"));
    return;
  }
  json_t *pForm = json_object();
  pages_set_str(pForm, "body", catalog_str(json_object_get(pDoc, "body"), "name"));
  pages_set_str(pForm, "topic", catalog_str(json_object_get(pDoc, "topic"), "name"));
  pages_set_str(pForm, "date", catalog_str(pDoc, "date"));
  pages_set_str(pForm, "kind", catalog_str(pDoc, "kind"));
  pages_set_str(pForm, "status", catalog_str(pDoc, "status"));
  edit_page(r, 200, pDoc, pForm, 0);
}

/* Is zBody the name of a body with a topic of its own (a BO or an AO)? */
static int body_has_topic(sqlite3 *db, const char *zBody){
  json_t *aBody = catalog_bodies(db);
  size_t i;
  json_t *x;
  int bTopic = 0;
  json_array_foreach(aBody, i, x){
    const char *zName = catalog_str(x, "name");
    if( zBody && zName && strcasecmp(zName, zBody)==0 ){
      bTopic = json_is_object(json_object_get(x, "topic"));
    }
  }
  json_decref(aBody);
  return bTopic;
}

/* POST /document/ID/bewerken: body, topic, date, kind, status ("" clears
** a field; one the form does not send stays as it is). */
static void edit_post(HttpReq *r){
  long long id = edit_id(r);
  json_t *pDoc = id ? catalog_document(http_db(r), id) : 0;
  if( pDoc==0 ){
    page_error(r, 404, msg(r, "admin_no_document"));
    return;
  }
  json_t *pForm = json_object();
  const char *zBody = form_get(pForm, r, "body");
  const char *zTopic = form_get(pForm, r, "topic");
  const char *zDate = form_get(pForm, r, "date");
  const char *zKind = form_get(pForm, r, "kind");
  const char *zStatus = form_get(pForm, r, "status");
  if( zTopic && zTopic[0]==0 && body_has_topic(http_db(r), zBody) ){
    zTopic = 0;   /* a BO's or AO's document is about its topic: no need to pick it */
  }
  Err err = ERR_INIT;
  HttpServer *s = http_server(r);
  http_write_lock(s);
  int rc = catalog_document_update(http_db(r), id, zBody, zTopic, zDate, zKind, zStatus,
                                   http_actor(r), &err);
  http_write_unlock(s);
  if( rc ){
    edit_page(r, 400, pDoc, pForm, err.msg);
    return;
  }
  json_decref(pDoc);
  json_decref(pForm);
  char zLoc[64];
  snprintf(zLoc, sizeof zLoc, "/document/%lld", id);
  http_reply_redirect(r, zLoc);
}

/* ---------------------------------------------------------------- beheer */

/* GET /beheer: what the archive holds, and the ways to the admin pages. */
/* The last audit row of action zAction (its family: "check", "backup"),
** with its detail as an object and "at_label" (13 maart 2026, 02:30 UTC);
** null when there is none. */
static json_t *last_run(HttpReq *r, const char *zAction){
  Err err = ERR_INIT;
  CatalogAuditFilter f = { .zAction = zAction };
  json_t *pLog = catalog_audit(http_db(r), &f, 1, 0, &err);
  json_t *e = json_array_get(json_object_get(pLog, "entries"), 0);
  json_t *out = e ? json_incref(e) : json_null();
  json_decref(pLog);
  if( e==0 ) return out;
  const char *zDetail = catalog_str(out, "detail");
  json_t *pDetail = zDetail ? json_loads(zDetail, 0, 0) : 0;
  json_object_set_new(out, "detail", pDetail ? pDetail : json_object());
  const char *zAt = catalog_str(out, "at");
  Buf b = BUF_INIT;
  if( zAt && strlen(zAt)>=16 ){
    char zDay[11];
    snprintf(zDay, sizeof zDay, "%.10s", zAt);
    pages_date(&b, zDay, http_lang(r));
    buf_appendf(&b, ", %.5s UTC", zAt+11);
  }
  pages_set_buf(out, "at_label", &b);
  buf_release(&b);
  return out;
}

static void admin_get(HttpReq *r){
  json_t *ctx = json_object();
  /* when the evidence was last checked and backed up (the CLI's runs,
  ** from the audit log) */
  json_object_set_new(ctx, "last_check", last_run(r, "check"));
  json_object_set_new(ctx, "last_backup", last_run(r, "backup"));
  json_t *pStats = catalog_stats(http_db(r));
  if( pStats ){
    char zMb[32];
    double nByte = (double)json_integer_value(json_object_get(pStats, "originals_bytes"));
    snprintf(zMb, sizeof zMb, "%.1f", nByte/(1024.0*1024.0));
    pages_set_str(pStats, "originals_mb", zMb);
  }
  json_object_set_new(ctx, "stats", pStats ? pStats : json_null());
  json_object_set_new(ctx, "users", json_integer(auth_user_count(http_db(r))));
  page_render(r, 200, "admin", "admin_title", ctx);
}

/* The users page; zError is why the change zErrOp failed. */
static void users_page(HttpReq *r, int status, const char *zError, const char *zErrOp,
                       json_t *pForm){
  json_t *ctx = json_object();
  Buf list = BUF_INIT;
  Err err = ERR_INIT;
  json_t *aUser = 0;
  if( auth_user_list(http_db(r), &list, &err)==0 ) aUser = json_loadb(list.z, list.n, 0, 0);
  buf_release(&list);
  if( !json_is_array(aUser) ){
    json_decref(aUser);
    json_decref(ctx);
    json_decref(pForm);
    page_error(r, 503, msg(r, "admin_db_error"));
    return;
  }
  size_t i;
  json_t *x;
  json_array_foreach(aUser, i, x){
    const char *zName = catalog_str(x, "name");
    const char *zRole = catalog_str(x, "role");
    pages_set_str(x, "role_label", label(r, "admin_role_", zRole));
    json_object_set_new(x, "roles", fixed_options(r, azUserRole, "admin_role_", zRole));
    json_object_set_new(x, "self", json_boolean(zName && strcasecmp(zName, http_actor(r))==0));
  }
  json_object_set_new(ctx, "users", aUser);
  json_object_set_new(ctx, "roles", fixed_options(r, azUserRole, "admin_role_",
                                                  pForm ? catalog_str(pForm, "role") : "lezer"));
  json_object_set_new(ctx, "password_min", json_integer(AUTH_PASSWORD_MIN));
  json_object_set_new(ctx, "done", json_boolean(zError==0 && http_arg(r, "gedaan")!=0));
  if( zError ){
    char zKey[40];
    json_object_set_new(ctx, "error", refused(r, zError));
    snprintf(zKey, sizeof zKey, "error_%s", zErrOp ? zErrOp : "");
    json_object_set_new(ctx, zKey, json_true());
  }
  json_object_set_new(ctx, "v", pForm ? pForm : json_object());
  page_render(r, status, "admin_users", "admin_users_title", ctx);
}

/* GET /beheer/gebruikers */
static void users_get(HttpReq *r){
  users_page(r, 200, 0, 0, 0);
}

/* POST /beheer/gebruikers: op (add, role, passwd, token, remove), name,
** role, password; a removal also "confirm" (a box to tick, since without
** JavaScript nothing else can ask "are you sure?"). */
static void users_post(HttpReq *r){
  json_t *pForm = json_object();
  const char *zOp = form_get(pForm, r, "op");
  const char *zName = form_get(pForm, r, "name");
  const char *zRole = form_get(pForm, r, "role");
  const char *zPassword = http_arg(r, "password");    /* as typed: never trimmed, never shown */
  char zToken[AUTH_TOKEN_HEX+1] = "";
  Err err = ERR_INIT;
  int rc = -1;
  if( zOp==0 ) zOp = "";
  if( zName==0 || zName[0]==0 ){
    err_set(&err, "%s", msg(r, "admin_user_missing"));
  }else if( (strcmp(zOp, "add")==0 || strcmp(zOp, "role")==0)
         && auth_role_parse(zRole ? zRole : "")==AUTH_NONE ){
    err_set(&err, "%s", msg(r, "admin_role_missing"));
  }else if( strcmp(zOp, "remove")==0 && strcasecmp(zName, http_actor(r))==0 ){
    err_set(&err, "%s", msg(r, "admin_remove_self"));
  }else if( strcmp(zOp, "remove")==0 && http_arg(r, "confirm")==0 ){
    err_set(&err, "%s", msg(r, "admin_confirm_missing"));
  }else{
    AuthRole role = auth_role_parse(zRole ? zRole : "");
    sqlite3 *db = http_db(r);
    HttpServer *s = http_server(r);
    const char *zAction = 0, *zDetail = 0;
    http_write_lock(s);
    if( strcmp(zOp, "add")==0 ){
      rc = auth_user_add(db, zName, role, zPassword ? zPassword : "", &err);
      zAction = "user add";
      zDetail = auth_role_name(role);
    }else if( strcmp(zOp, "role")==0 ){
      rc = auth_user_set_role(db, zName, role, &err);
      zAction = "user role";
      zDetail = auth_role_name(role);
    }else if( strcmp(zOp, "passwd")==0 ){
      rc = auth_user_passwd(db, zName, zPassword ? zPassword : "", &err);
      zAction = "user passwd";
    }else if( strcmp(zOp, "token")==0 ){
      rc = auth_token_new(db, zName, zToken, &err);
      zAction = "user token";
    }else if( strcmp(zOp, "remove")==0 ){
      rc = auth_user_remove(db, zName, &err);
      zAction = "user remove";
    }else{
      err_set(&err, "%s", msg(r, "admin_bad_op"));
    }
    if( rc==0 ){
      Buf obj = BUF_INIT;
      buf_appendf(&obj, "user:%s", zName);
      audit(r, zAction, obj.z, zDetail);
      buf_release(&obj);
    }
    http_write_unlock(s);
  }
  if( rc ){
    users_page(r, 400, err.msg, zOp, pForm);
    return;
  }
  if( zToken[0] ){
    /* the token is shown once, on this page, and never stored by a cache */
    json_t *ctx = json_object();
    pages_set_str(ctx, "name", zName);
    pages_set_str(ctx, "token", zToken);
    json_decref(pForm);
    http_add_header(r, "Cache-Control", "no-store");
    page_render(r, 200, "admin_token", "admin_token_title", ctx);
    return;
  }
  json_decref(pForm);
  http_reply_redirect(r, "/beheer/gebruikers?gedaan=1");
}

/* ---------------------------------------------------- the organisation */

/* "2019-01-01 – 2022-05-31", "vanaf 2019-01-01", "tot en met ...", "". */
static json_t *period(HttpReq *r, const json_t *pEntry){
  const char *zFrom = catalog_str(pEntry, "from"), *zTo = catalog_str(pEntry, "to");
  Buf b = BUF_INIT;
  if( zFrom && zTo ) buf_appendf(&b, "%s \xE2\x80\x93 %s", zFrom, zTo);
  else if( zFrom ) buf_appendf(&b, "%s %s", msg(r, "admin_since"), zFrom);
  else if( zTo ) buf_appendf(&b, "%s %s", msg(r, "admin_until"), zTo);
  json_t *v = json_string(b.z);
  buf_release(&b);
  return v ? v : json_string("");
}

/* "J. de Vries (Leusden)", or the name alone for a person without one. */
static json_t *person_label(const json_t *pEntry, const char *zNameKey){
  const char *zName = catalog_str(pEntry, zNameKey), *zOrg = catalog_str(pEntry, "organisation");
  Buf b = BUF_INIT;
  buf_puts(&b, zName ? zName : "");
  if( zOrg ) buf_appendf(&b, " (%s)", zOrg);
  json_t *v = json_string(b.z);
  buf_release(&b);
  return v ? v : json_string("");
}

/* A person as one form value: the JSON text ["name", "organisation"|null],
** so that two persons of one name stay apart (see org_person_arg). */
static json_t *person_ref(const json_t *pEntry, const char *zNameKey){
  json_t *pOrg = json_object_get(pEntry, "organisation");
  json_t *a = json_array();
  json_array_append(a, json_object_get(pEntry, zNameKey));
  json_array_append(a, pOrg ? pOrg : json_null());
  char *z = json_dumps(a, JSON_COMPACT);
  json_t *v = json_string(z ? z : "");
  free(z);
  json_decref(a);
  return v;
}

/* The arguments of change zOp for one entry, as the JSON text that its
** remove button sends back ("args"). */
static json_t *remove_args(const char *zOwnerKey, const char *zOwner, const json_t *pEntry,
                           const char *zOp){
  json_t *args = json_object();
  const char *const *az = orgedit_args(zOp);
  pages_set_str(args, zOwnerKey, zOwner);
  for(int i=1; az && az[i]; i++) copy_field(args, az[i], pEntry, az[i]);
  char *z = json_dumps(args, JSON_COMPACT);
  json_t *v = json_string(z ? z : "");
  free(z);
  json_decref(args);
  return v;
}

/* Turns the dated lists of a topic or body into what the page shows:
** [{label, period, args}]. */
static json_t *org_entries(HttpReq *r, const json_t *pOwner, const char *zList,
                           const char *zOwnerKey, const char *zOp){
  json_t *a = json_array();
  const char *zOwner = catalog_str(pOwner, "name");
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(pOwner, zList), i, x){
    json_t *e = json_object();
    if( json_object_get(x, "person") ){
      json_object_set_new(e, "label", person_label(x, "person"));
    }else{
      copy_field(e, "label", x, "organisation");
    }
    const char *zRole = catalog_str(x, "role");
    pages_set_str(e, "role", zRole ? label(r, "admin_mrole_", zRole) : 0);
    json_object_set_new(e, "period", period(r, x));
    json_object_set_new(e, "args", remove_args(zOwnerKey, zOwner, x, zOp));
    json_array_append_new(a, e);
  }
  return a;
}

/* The organisation page: the model as lists with a form per change.
** zError is why change zErrOp failed; pForm the values it was sent with;
** zJson the whole model to put in the text area (NULL: the export). */
static void org_page(HttpReq *r, int status, const char *zError, const char *zErrOp,
                     json_t *pForm, const char *zJson){
  Buf text = BUF_INIT;
  Err err = ERR_INIT;
  json_t *pModel = 0;
  if( org_export(http_db(r), &text, &err)==0 ) pModel = json_loadb(text.z, text.n, 0, 0);
  if( pModel==0 ){
    buf_release(&text);
    json_decref(pForm);
    page_error(r, 503, msg(r, "admin_db_error"));
    return;
  }
  json_t *ctx = json_object();
  size_t i;
  json_t *x;

  json_t *aOrg = json_object_get(pModel, "organisations");
  json_array_foreach(aOrg, i, x){
    pages_set_str(x, "kind_label", label(r, "admin_orgkind_", catalog_str(x, "kind")));
  }
  json_object_set(ctx, "organisations", aOrg);

  json_t *aPersonOpt = json_array();
  json_t *aPerson = json_object_get(pModel, "persons");
  json_array_foreach(aPerson, i, x){
    json_t *o = json_object();
    json_object_set_new(o, "value", person_ref(x, "name"));
    json_object_set_new(o, "label", person_label(x, "name"));
    json_array_append_new(aPersonOpt, o);
  }
  json_object_set(ctx, "persons", aPerson);
  json_object_set_new(ctx, "person_options", aPersonOpt);

  json_t *aTopic = json_array();
  json_array_foreach(json_object_get(pModel, "topics"), i, x){
    json_t *t = json_object();
    copy_field(t, "name", x, "name");
    pages_set_str(t, "kind_label", label(r, "admin_topickind_", catalog_str(x, "kind")));
    copy_field(t, "agenda", x, "agenda");
    json_object_set_new(t, "period", period(r, x));
    json_object_set_new(t, "participants",
                        org_entries(r, x, "participants", "topic", "participation_remove"));
    json_object_set_new(t, "holders",
                        org_entries(r, x, "portfolio_holders", "topic", "portfolio_remove"));
    json_array_append_new(aTopic, t);
  }
  json_object_set_new(ctx, "topics", aTopic);

  json_t *aBody = json_array();
  json_array_foreach(json_object_get(pModel, "bodies"), i, x){
    json_t *b = json_object();
    copy_field(b, "name", x, "name");
    copy_field(b, "full_name", x, "full_name");
    pages_set_str(b, "kind_label", label(r, "admin_bodykind_", catalog_str(x, "kind")));
    copy_field(b, "topic", x, "topic");
    copy_field(b, "prepares", x, "prepares");
    json_object_set_new(b, "members", org_entries(r, x, "members", "body", "membership_remove"));
    json_array_append_new(aBody, b);
  }
  json_object_set_new(ctx, "bodies", aBody);

  json_object_set_new(ctx, "org_kinds", fixed_options(r, azOrgKind, "admin_orgkind_", 0));
  json_object_set_new(ctx, "topic_kinds", fixed_options(r, azTopicKind, "admin_topickind_", 0));
  json_object_set_new(ctx, "body_kinds", fixed_options(r, azBodyKind, "admin_bodykind_", 0));
  json_object_set_new(ctx, "member_roles", fixed_options(r, azMemberRole, "admin_mrole_", "lid"));
  json_object_set_new(ctx, "json", json_stringn(zJson ? zJson : text.z, zJson ? strlen(zJson) : text.n));
  json_object_set_new(ctx, "done", json_boolean(zError==0 && http_arg(r, "gedaan")!=0));
  if( zError ){
    char zKey[40];
    json_object_set_new(ctx, "error", refused(r, zError));
    snprintf(zKey, sizeof zKey, "error_%s", zErrOp ? zErrOp : "");
    json_object_set_new(ctx, zKey, json_true());
  }
  json_object_set_new(ctx, "v", pForm ? pForm : json_object());
  json_decref(pModel);
  buf_release(&text);
  page_render(r, status, "admin_org", "admin_org_title", ctx);
}

/* GET /beheer/organisatie */
static void org_get(HttpReq *r){
  org_page(r, 200, 0, 0, 0, 0);
}

/* Sets args' person (and the person's organisation) from the form value
** "person": a reference ["name", "organisation"|null] from a <select>, or
** a name typed (its organisation then from the field "organisation"). */
static void org_person_arg(const HttpReq *r, json_t *args){
  const char *z = http_arg(r, "person");
  json_t *a = z && z[0]=='[' ? json_loads(z, 0, 0) : 0;
  if( json_is_array(a) && json_array_size(a)==2 && json_is_string(json_array_get(a, 0))
   && (json_is_string(json_array_get(a, 1)) || json_is_null(json_array_get(a, 1))) ){
    json_object_set(args, "person", json_array_get(a, 0));
    json_object_set(args, "organisation", json_array_get(a, 1));
  }else{
    json_t *v = arg_json(r, "person");
    if( v ) json_object_set_new(args, "person", v);
  }
  json_decref(a);
}

/* The arguments of change zOp from the form: the JSON text "args" (the
** remove buttons send the entry as the page showed it), or else one form
** field per argument, blank ones left out.  NULL when "args" is not an
** object. */
static json_t *org_form_args(const HttpReq *r, const char *zOp){
  const char *zArgs = http_arg(r, "args");
  if( zArgs ){
    json_t *args = json_loads(zArgs, 0, 0);
    if( json_is_object(args) ) return args;
    json_decref(args);
    return 0;
  }
  json_t *args = json_object();
  const char *const *az = orgedit_args(zOp);
  for(int i=0; az && az[i]; i++){
    if( strcmp(az[i], "person")==0 ){
      org_person_arg(r, args);
    }else if( json_object_get(args, az[i])==0 ){
      json_t *v = arg_json(r, az[i]);
      if( v ) json_object_set_new(args, az[i], v);
    }
  }
  return args;
}

/* The object of the audit row of change zOp: "topic:Wonen" for a dated
** list of a topic, "organisation:Veenendaal" for a new organisation. */
static void org_audit_object(const char *zOp, const json_t *args, Buf *out){
  const char *zFirst = orgedit_args(zOp)[0];
  const char *zName = catalog_str(args, zFirst);
  if( strcmp(zFirst, "name")==0 ){
    buf_appendf(out, "%.*s:%s", (int)strcspn(zOp, "_"), zOp, zName ? zName : "");
  }else{
    buf_appendf(out, "%s:%s", zFirst, zName ? zName : "");
  }
}

/* POST /beheer/organisatie: op (one of orgedit's changes, or "load" with
** the whole model in "json" or the file "json_file") and its arguments. */
static void org_post(HttpReq *r){
  const char *zOp = http_arg(r, "op");
  sqlite3 *db = http_db(r);
  HttpServer *s = http_server(r);
  Err err = ERR_INIT;
  int rc;
  if( zOp && strcmp(zOp, "load")==0 ){
    /* the model from the text area or, past what a form field may hold,
    ** from a file ("json_file", streamed to a temp file by the server) */
    Buf file = BUF_INIT;
    const char *zJson = http_arg(r, "json");
    size_t nJson = zJson ? strlen(zJson) : 0;
    int nUpload = 0;
    const HttpUpload *aUpload = http_uploads(r, &nUpload);
    for(int i=0; i<nUpload && zJson==0; i++){
      if( strcmp(aUpload[i].zField, "json_file") ) continue;
      if( buf_read_file(&file, aUpload[i].zPath, ORG_MAX_BYTES+1) ) break;
      zJson = file.z;
      nJson = file.n;
    }
    if( zJson==0 ){
      org_page(r, 400, msg(r, "admin_org_json_missing"), "load", 0, 0);
      return;
    }
    http_write_lock(s);
    rc = orgedit_load(db, zJson, nJson, &err);
    if( rc==0 ) audit(r, "org load", "organisation", 0);
    http_write_unlock(s);
    if( rc ){
      /* a file's text is not put back in the text area: it may be huge */
      org_page(r, 400, err.msg, "load", 0, file.n ? 0 : zJson);
      buf_release(&file);
      return;
    }
    buf_release(&file);
  }else{
    if( orgedit_args(zOp)==0 ){
      org_page(r, 400, msg(r, "admin_bad_op"), "", 0, 0);
      return;
    }
    json_t *args = org_form_args(r, zOp);
    if( args==0 ){
      org_page(r, 400, msg(r, "admin_bad_op"), zOp, 0, 0);
      return;
    }
    http_write_lock(s);
    rc = orgedit_apply(db, zOp, args, &err);
    if( rc==0 ){
      Buf obj = BUF_INIT, action = BUF_INIT;
      char *zDetail = json_dumps(args, JSON_COMPACT);
      org_audit_object(zOp, args, &obj);
      buf_appendf(&action, "org %s", zOp);
      audit(r, action.z, obj.z, zDetail);
      free(zDetail);
      buf_release(&obj);
      buf_release(&action);
    }
    http_write_unlock(s);
    if( rc ){
      /* the form shows the values sent again (a person as its reference) */
      json_t *pForm = json_object();
      const char *const *az = orgedit_args(zOp);
      for(int i=0; az[i]; i++) form_get(pForm, r, az[i]);
      json_decref(args);
      org_page(r, 400, err.msg, zOp, pForm, 0);
      return;
    }
    json_decref(args);
  }
  http_reply_redirect(r, "/beheer/organisatie?gedaan=1");
}

/* ----------------------------------------------------------------- audit */

/* The page an audit row's object is about ("decision:12": /besluit/12)
** into b; nothing when it is no decision, document or meeting. */
static void audit_object_url(Buf *b, const char *zObject){
  static const struct { const char *zKind, *zPath; } a[] = {
    { "decision:", "/besluit/" }, { "document:", "/document/" }, { "meeting:", "/vergadering/" },
  };
  for(size_t i=0; zObject && i<sizeof a/sizeof a[0]; i++){
    size_t n = strlen(a[i].zKind);
    if( strncmp(zObject, a[i].zKind, n) ) continue;
    const char *zId = zObject + n;
    size_t nDigit = strspn(zId, "0123456789");
    if( nDigit>0 && nDigit<=15 && zId[nDigit]==0 && zId[0]!='0' ){
      buf_appendf(b, "%s%s", a[i].zPath, zId);
    }
    return;
  }
}

/* The URL of page iPage of the log with the filter f. */
static void audit_url(Buf *b, const CatalogAuditFilter *f, long iPage){
  int n = 0;
  buf_puts(b, "/audit");
  html_url_arg(b, &n, "wie", f->zActor);
  html_url_arg(b, &n, "actie", f->zAction);
  html_url_arg(b, &n, "object", f->zObject);
  html_url_arg(b, &n, "van", f->zFrom);
  html_url_arg(b, &n, "tot", f->zTo);
  if( iPage>1 ){
    char z[24];
    snprintf(z, sizeof z, "%ld", iPage);
    html_url_arg(b, &n, "pagina", z);
  }
}

/* GET /audit[?wie=&actie=&object=&van=&tot=&pagina=N]: the audit log,
** newest first, AUDIT_PAGE a page, narrowed as catalog_audit() does; the
** form above it holds the filter, the pages' links keep it.  A bad period
** is said on the page (400). */
static void audit_get(HttpReq *r){
  json_t *pForm = json_object();
  CatalogAuditFilter f = {
    .zActor = form_get(pForm, r, "wie"), .zAction = form_get(pForm, r, "actie"),
    .zObject = form_get(pForm, r, "object"), .zFrom = form_get(pForm, r, "van"),
    .zTo = form_get(pForm, r, "tot"),
  };
  const char *z = http_arg(r, "pagina");
  long iPage = z ? strtol(z, 0, 10) : 1;
  if( iPage<1 || iPage>AUDIT_PAGE_MAX ) iPage = 1;
  Err err = ERR_INIT;
  json_t *pLog = catalog_audit(http_db(r), &f, AUDIT_PAGE, (int)((iPage-1)*AUDIT_PAGE), &err);
  if( pLog==0 && err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    json_decref(pForm);
    page_error(r, 503, msg(r, "admin_db_error"));
    return;
  }
  json_t *ctx = json_object();
  int bFiltered = 0;
  const char *zKey;
  json_t *v;
  json_object_foreach(pForm, zKey, v) bFiltered |= json_string_length(v)>0;
  json_object_set_new(ctx, "form", pForm);
  json_t *aAction = catalog_audit_actions(http_db(r));
  json_object_set_new(ctx, "actions", aAction ? aAction : json_array());
  json_object_set_new(ctx, "filtered", json_boolean(bFiltered));
  if( pLog==0 ){
    html_err_lang(&err, http_lang(r));
    pages_set_str(ctx, "error", err.msg);
    page_render(r, 400, "audit", "audit_title", ctx);
    return;
  }
  json_int_t nTotal = json_integer_value(json_object_get(pLog, "total"));
  json_t *aEntry = json_object_get(pLog, "entries");
  Buf b = BUF_INIT;
  size_t i;
  json_t *e;
  json_array_foreach(aEntry, i, e){
    audit_object_url(&b, catalog_str(e, "object"));
    pages_set_buf(e, "object_url", &b);
    buf_reset(&b);
  }
  json_object_set(ctx, "entries", aEntry);
  json_object_set_new(ctx, "has_entries", json_boolean(json_array_size(aEntry)>0));
  json_object_set_new(ctx, "total", json_integer(nTotal));
  json_object_set_new(ctx, "page", json_integer(iPage));
  json_object_set_new(ctx, "pages", json_integer((nTotal + AUDIT_PAGE - 1) / AUDIT_PAGE));
  if( iPage>1 ){
    audit_url(&b, &f, iPage-1);
    pages_set_buf(ctx, "newer_url", &b);
    buf_reset(&b);
  }
  if( iPage*AUDIT_PAGE<nTotal ){
    audit_url(&b, &f, iPage+1);
    pages_set_buf(ctx, "older_url", &b);
  }
  buf_release(&b);
  json_decref(pLog);
  page_render(r, 200, "audit", "audit_title", ctx);
}

/* ---------------------------------------------------------------- routes */

const HttpRoute admin_routes[] = {
  { "GET",  "/inloggen",            login_get,   AUTH_NONE },
  { "POST", "/inloggen",            login_post,  AUTH_NONE },
  { "POST", "/uitloggen",           logout_post, AUTH_LEZER },
  { "GET",  "/uploaden",            upload_get,  AUTH_MEDEWERKER },
  { "POST", "/uploaden",            upload_post, AUTH_MEDEWERKER },
  { "GET",  "/document/*/bewerken", edit_get,    AUTH_MEDEWERKER },
  { "POST", "/document/*/bewerken", edit_post,   AUTH_MEDEWERKER },
  { "GET",  "/beheer",              admin_get,   AUTH_BEHEERDER },
  { "GET",  "/beheer/gebruikers",   users_get,   AUTH_BEHEERDER },
  { "POST", "/beheer/gebruikers",   users_post,  AUTH_BEHEERDER },
  { "GET",  "/beheer/organisatie",  org_get,     AUTH_BEHEERDER },
  { "POST", "/beheer/organisatie",  org_post,    AUTH_BEHEERDER },
  { "GET",  "/audit",               audit_get,   AUTH_AUDITOR },
  { 0, 0, 0, AUTH_NONE }
};
