/*
** pages_completeness.c — GET /volledigheid, the findings of completeness.h
** on one page (a period form, then one section per kind of finding with
** its count in the heading, every item linked to its meeting or
** document), and GET /api/completeness, the same JSON as it is
** (arguments from, to; 400 with a message for a bad date).
**
** Same shape as pages_register.c: read the arguments, ask the store layer
** for JSON, add what the templates need (dates as people read them, URLs)
** and render web/completeness.html.  No HTML is written here.
*/
#include "pages_completeness.h"
#include "completeness.h"
#include "html.h"
#include "pages.h"
#include "pages_ctx.h"

#include <stdio.h>
#include <string.h>

/* Sets o's key zKey to the URL zPrefix + o's id. */
static void set_url(json_t *o, const char *zKey, const char *zPrefix){
  if( !json_is_object(o) ) return;
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s%" JSON_INTEGER_FORMAT, zPrefix, json_integer_value(json_object_get(o, "id")));
  json_object_set_new(o, zKey, json_stringn(b.z, b.n));
  buf_release(&b);
}

/* Sets o's date_label to its date as people write it ("12 maart 2024"). */
static void set_date(json_t *o, const char *zLang){
  const char *z = json_string_value(json_object_get(o, "date"));
  if( !json_is_object(o) || z==0 ) return;
  Buf b = BUF_INIT;
  pages_date(&b, z, zLang);
  json_object_set_new(o, "date_label", json_stringn(b.z, b.n));
  buf_release(&b);
}

/* A meeting {id, date, ...}: url, date_label. */
static void meeting_ctx(json_t *m, const char *zLang){
  set_url(m, "url", "/vergadering/");
  set_date(m, zLang);
}

/* A document: url, label (its title, else its file name). */
static void doc_ctx(json_t *d){
  set_url(d, "url", "/document/");
  const char *zTitle = json_string_value(json_object_get(d, "title"));
  if( json_is_object(d) ){
    json_object_set(d, "label", zTitle && zTitle[0] ? json_object_get(d, "title")
                                                    : json_object_get(d, "original_name"));
  }
}

/* The links and labels each finding needs, and has_KIND for the lists
** that are not empty. */
static void report_ctx(json_t *ctx, const char *zLang){
  json_t *a = json_object_get(ctx, "meetings_without_minutes"), *e;
  size_t i;
  json_array_foreach(a, i, e){
    meeting_ctx(e, zLang);
    size_t k;
    json_t *x;
    json_array_foreach(json_object_get(e, "bodies"), k, x) set_url(x, "url", "/orgaan/");
    json_array_foreach(json_object_get(e, "documents"), k, x) doc_ctx(x);
  }
  json_array_foreach(json_object_get(ctx, "concept_after_next"), i, e){
    doc_ctx(json_object_get(e, "document"));
    set_url(json_object_get(e, "body"), "url", "/orgaan/");
    meeting_ctx(json_object_get(e, "meeting"), zLang);
    meeting_ctx(json_object_get(e, "next_meeting"), zLang);
  }
  json_array_foreach(json_object_get(ctx, "agendas_without_minutes"), i, e){
    doc_ctx(json_object_get(e, "document"));
    set_url(json_object_get(e, "body"), "url", "/orgaan/");
    meeting_ctx(json_object_get(e, "meeting"), zLang);
  }
  json_array_foreach(json_object_get(ctx, "gaps"), i, e){
    set_url(json_object_get(e, "body"), "url", "/orgaan/");
    meeting_ctx(json_object_get(e, "from"), zLang);
    meeting_ctx(json_object_get(e, "to"), zLang);
  }
  static const char *const azKind[] = {
    "meetings_without_minutes", "concept_after_next", "agendas_without_minutes", "gaps"
  };
  for(int k=0; k<4; k++){
    char zKey[64];
    snprintf(zKey, sizeof zKey, "has_%s", azKind[k]);
    json_object_set_new(ctx, zKey, json_boolean(json_array_size(json_object_get(ctx, azKind[k]))>0));
  }
}

/* GET /volledigheid: from, to. */
static void page_completeness(HttpReq *r){
  const char *zLang = http_lang(r);
  const char *zFrom = http_arg_given(r, "from"), *zTo = http_arg_given(r, "to");
  Err err = ERR_INIT;
  json_t *ctx = completeness_report(http_db(r), zFrom, zTo, &err);
  if( ctx==0 && err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    page_error(r, 500, "error_internal");
    return;
  }
  int status = 200;
  if( ctx==0 ){
    status = 400;
    ctx = json_object();
    html_err_lang(&err, zLang);
    json_t *pMsg = json_string(err.msg);     /* NULL when the date was not UTF-8 */
    json_object_set_new(ctx, "error", pMsg ? pMsg : json_string("bad date"));
  }else{
    report_ctx(ctx, zLang);
  }
  /* the form shows what was asked, the report what it read */
  json_object_set_new(ctx, "form_from", json_string(zFrom ? zFrom : ""));
  json_object_set_new(ctx, "form_to", json_string(zTo ? zTo : ""));
  json_object_set_new(ctx, "completeness_nav", json_true());
  page_render(r, status, "completeness", "completeness_title", ctx);
}

/* GET /api/completeness: from, to. */
static void api_completeness(HttpReq *r){
  Err err = ERR_INIT;
  json_t *j = completeness_report(http_db(r), http_arg_given(r, "from"), http_arg_given(r, "to"),
                                  &err);
  if( j==0 ){
    if( err.internal ) fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, err.internal ? 500 : 400, err.msg);
    return;
  }
  http_reply_json(r, 200, j);
}

const HttpRoute completeness_routes[] = {
  { "GET", "/volledigheid",     page_completeness, AUTH_MEDEWERKER },
  { "GET", "/api/completeness", api_completeness,  AUTH_MEDEWERKER },
  { 0, 0, 0, AUTH_NONE }
};
