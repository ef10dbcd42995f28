/*
** pages_timeline.c — GET /api/topics/ID/timeline and the page
** /onderwerp/ID/tijdlijn; see pages_timeline.h.
**
** The API sends timeline.h's JSON as it is, or its CSV.  The page adds to
** that JSON what the templates need (dates as people read them, URLs,
** the state of an action in words) and renders web/timeline.html in the
** frame, or web/timeline_print.html on its own for ?print=1.  No HTML is
** written here; the templates escape every value.
*/
#include "pages_timeline.h"
#include "catalog.h"
#include "html.h"
#include "pages.h"
#include "pages_ctx.h"
#include "timeline.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


/* The topic id in "/api/topics/12/timeline" after zPrefix ("/api/topics/"):
** digits up to the next '/'; 0 when none or too long. */
static long long topic_id_of(HttpReq *r, const char *zPrefix){
  const char *z = http_path(r) + strlen(zPrefix);
  long long id = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9'; n++){
    if( n>=15 ) return 0;
    id = id*10 + (z[n]-'0');
  }
  return z[n]=='/' ? id : 0;
}

/* The download name: "tijdlijn-4-wonen.csv", the topic's name reduced to
** ASCII letters, digits and "-". */
static void csv_name(Buf *out, const json_t *t){
  const json_t *pTopic = json_object_get(t, "topic");
  const char *z = catalog_str(pTopic, "name");
  buf_appendf(out, "tijdlijn-%" JSON_INTEGER_FORMAT "-",
              json_integer_value(json_object_get(pTopic, "id")));
  size_t n0 = out->n;
  for(; z && *z; z++){
    char c = *z;
    if( c>='A' && c<='Z' ) c = (char)(c - 'A' + 'a');
    if( (c>='a' && c<='z') || (c>='0' && c<='9') ) buf_putc(out, c);
    else if( out->n>n0 && out->z[out->n-1]!='-' ) buf_putc(out, '-');
  }
  while( out->n>n0 && out->z[out->n-1]=='-' ) buf_truncate(out, out->n-1);
  if( out->n==n0 ) buf_puts(out, "onderwerp");
  buf_puts(out, ".csv");
}

/* GET /api/topics/ID/timeline: from, to, format (json, csv). */
static void api_timeline(HttpReq *r){
  long long iTopic = topic_id_of(r, "/api/topics/");
  const char *zFormat = http_arg_given(r, "format");
  if( zFormat && strcmp(zFormat, "json")!=0 && strcmp(zFormat, "csv")!=0 ){
    http_reply_json_error(r, 400, "format is json or csv");
    return;
  }
  Err err = ERR_INIT;
  json_t *t = iTopic>0 ? timeline_topic(http_db(r), iTopic, http_arg_given(r, "from"),
                                        http_arg_given(r, "to"), &err) : 0;
  if( t==0 ){
    if( iTopic<=0 ){
      http_reply_json_error(r, 404, "no such topic");
    }else if( err.internal ){
      fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
      http_reply_json_error(r, 500, err.msg);
    }else{
      http_reply_json_error(r, err.notfound ? 404 : 400, err.msg);
    }
    return;
  }
  if( zFormat && strcmp(zFormat, "csv")==0 ){
    Buf body = BUF_INIT, name = BUF_INIT, head = BUF_INIT;
    timeline_csv(t, &body);
    csv_name(&name, t);
    buf_appendf(&head, "attachment; filename=\"%s\"", name.z);
    http_add_header(r, "Content-Disposition", head.z);
    http_reply(r, 200, "text/csv; charset=utf-8", &body);
    buf_release(&body);
    buf_release(&name);
    buf_release(&head);
    json_decref(t);
    return;
  }
  http_reply_json(r, 200, t);
}

/* ---------------------------------------------------------------- page */

/* The label of document iDoc among the entry's documents: its title, or
** its file name. */
static const char *doc_label(const json_t *e, json_int_t iDoc){
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(e, "documents"), i, d){
    if( json_integer_value(json_object_get(d, "id"))!=iDoc ) continue;
    const char *z = catalog_str(d, "title");
    return z && z[0] ? z : catalog_str(d, "original_name");
  }
  return 0;
}

/* What the templates need of one entry. */
static void entry_ctx(json_t *e, const char *zLang){
  size_t i;
  json_t *x;
  pages_set_date(e, "date_label", catalog_str(e, "date"), zLang);
  static const char *const azMeet[] = { "prepared_by", "prepares" };
  for(int k=0; k<2; k++){
    json_array_foreach(json_object_get(e, azMeet[k]), i, x){
      Buf b = BUF_INIT;
      buf_appendf(&b, "/vergadering/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(x, "id")));
      pages_set_buf(x, "url", &b);
      buf_release(&b);
      pages_set_date(x, "date_label", catalog_str(x, "date"), zLang);
    }
    pages_set_has(e, azMeet[k]);
  }
  Buf parts = BUF_INIT;
  json_array_foreach(json_object_get(e, "participants"), i, x){
    if( parts.n ) buf_puts(&parts, ", ");
    buf_puts(&parts, json_string_value(x));
  }
  if( parts.n==0 ) buf_puts(&parts, html_message("timeline_nobody", zLang));
  pages_set_buf(e, "participants_label", &parts);
  buf_release(&parts);
  json_array_foreach(json_object_get(e, "documents"), i, x){
    json_object_set_new(x, "url", pages_doc_url(json_integer_value(json_object_get(x, "id")), 0));
    const char *zTitle = catalog_str(x, "title");
    pages_set_str(x, "label", zTitle && zTitle[0] ? zTitle : catalog_str(x, "original_name"));
  }
  json_array_foreach(json_object_get(e, "decisions"), i, x){
    json_int_t iDoc = json_integer_value(json_object_get(x, "document_id"));
    json_object_set_new(x, "url", pages_doc_url(iDoc, json_object_get(x, "passage_id")));
    pages_set_str(x, "source_label", doc_label(e, iDoc));
    Buf b = BUF_INIT;
    buf_appendf(&b, "/besluit/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(x, "id")));
    pages_set_buf(x, "decision_url", &b);
    /* "3 van 11 vastgesteld; open: Baarn, Soest", or "geen bekrachtiging nodig" */
    buf_reset(&b);
    const json_t *pRat = json_object_get(x, "ratification");
    if( json_is_true(json_object_get(pRat, "needed")) ){
      buf_appendf(&b, "%" JSON_INTEGER_FORMAT " %s %" JSON_INTEGER_FORMAT " %s",
                  json_integer_value(json_object_get(pRat, "adopted")),
                  html_message("ratify_of", zLang),
                  json_integer_value(json_object_get(pRat, "required")),
                  html_message("ratify_adopted_count", zLang));
      json_int_t nRej = json_integer_value(json_object_get(pRat, "rejected"));
      if( nRej ){
        buf_appendf(&b, ", %" JSON_INTEGER_FORMAT " %s", nRej,
                    html_message("ratify_rejected_count", zLang));
      }
      size_t k;
      json_t *pName;
      json_array_foreach(json_object_get(pRat, "open"), k, pName){
        buf_puts(&b, k ? ", " : "; ");
        if( k==0 ) buf_appendf(&b, "%s ", html_message("ratify_open_list", zLang));
        buf_puts(&b, json_string_value(pName));
      }
    }else{
      buf_puts(&b, html_message("ratify_not_needed_short", zLang));
    }
    pages_set_buf(x, "ratify_label", &b);
    buf_release(&b);
  }
  json_array_foreach(json_object_get(e, "actions"), i, x){
    int bDone = json_is_true(json_object_get(x, "done"));
    int bOverdue = json_is_true(json_object_get(x, "overdue"));
    pages_set_str(x, "state_label", html_message(bDone ? "timeline_state_done" : bOverdue
                                           ? "timeline_state_overdue" : "timeline_state_open",
                                           zLang));
    json_t *pDone = json_object_get(x, "done_in");
    if( json_is_object(pDone) ){
      json_object_set_new(pDone, "url", pages_doc_url(json_integer_value(json_object_get(pDone, "id")),
                                                0));
    }
  }
  pages_set_has(e, "decisions");
  pages_set_has(e, "actions");
  pages_set_has(e, "documents");
}

/* url_base?from=..&to=..&zExtra (zExtra "" or "print=1", "format=csv"). */
static void period_url(Buf *b, const char *zBase, const char *zFrom, const char *zTo,
                       const char *zExtra){
  char c = '?';
  buf_puts(b, zBase);
  if( zFrom ){
    buf_appendf(b, "%cfrom=", c);
    html_url_encode(b, zFrom);
    c = '&';
  }
  if( zTo ){
    buf_appendf(b, "%cto=", c);
    html_url_encode(b, zTo);
    c = '&';
  }
  if( zExtra[0] ) buf_appendf(b, "%c%s", c, zExtra);
}

/* GET /onderwerp/ID/tijdlijn: from, to, print. */
static void page_timeline(HttpReq *r){
  const char *zLang = http_lang(r);
  long long iTopic = topic_id_of(r, "/onderwerp/");
  const char *zFrom = http_arg_given(r, "from"), *zTo = http_arg_given(r, "to");
  const char *zPrint = http_arg_given(r, "print");
  int bPrint = zPrint && strcmp(zPrint, "0")!=0;
  Err err = ERR_INIT;
  json_t *t = iTopic>0 ? timeline_topic(http_db(r), iTopic, zFrom, zTo, &err) : 0;
  json_t *ctx = 0;
  if( t==0 && (iTopic<=0 || err.notfound) ){
    page_error(r, 404, "error_not_found");
    return;
  }
  if( t==0 && err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    page_error(r, 500, "error_internal");
    return;
  }
  if( t==0 ){
    /* a bad date: the page with its form and the message; the topic's
    ** name from the timeline of a period without meetings (year 9999),
    ** which reads no meeting */
    Err e2 = ERR_INIT;
    html_err_lang(&err, zLang);
    t = timeline_topic(http_db(r), iTopic, "9999", "9999", &e2);
    if( t==0 ){
      page_error(r, 400, err.msg);
      return;
    }
    ctx = t;
    pages_set_str(ctx, "error", err.msg);
    bPrint = 0;
  }else{
    ctx = t;
  }
  const char *zName = catalog_str(json_object_get(ctx, "topic"), "name");
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s: %s", html_message("timeline_title", zLang), zName ? zName : "");
  pages_set_buf(ctx, "heading", &b);
  pages_set_buf(ctx, "title", &b);
  pages_set_str(ctx, "topic_name", zName);
  buf_reset(&b);
  buf_appendf(&b, "/onderwerp/%lld", iTopic);
  pages_set_buf(ctx, "topic_url", &b);
  buf_puts(&b, "/tijdlijn");
  pages_set_buf(ctx, "form_action", &b);
  char zBase[64];
  snprintf(zBase, sizeof zBase, "/onderwerp/%lld/tijdlijn", iTopic);
  buf_reset(&b);
  period_url(&b, zBase, zFrom, zTo, "print=1");
  pages_set_buf(ctx, "print_url", &b);
  buf_reset(&b);
  period_url(&b, zBase, zFrom, zTo, "");
  pages_set_buf(ctx, "page_url", &b);
  buf_reset(&b);
  snprintf(zBase, sizeof zBase, "/api/topics/%lld/timeline", iTopic);
  period_url(&b, zBase, zFrom, zTo, "format=csv");
  pages_set_buf(ctx, "csv_url", &b);
  /* the form shows what was asked; "from" and "to" of the JSON are days */
  pages_set_str(ctx, "from", zFrom ? zFrom : "");
  pages_set_str(ctx, "to", zTo ? zTo : "");
  json_t *a = json_object_get(ctx, "entries");
  if( json_object_get(ctx, "error") ) json_array_clear(a);
  size_t i, n = json_array_size(a);
  json_t *e;
  json_array_foreach(a, i, e) entry_ctx(e, zLang);
  buf_reset(&b);
  if( n ) buf_appendf(&b, "%zu %s", n, html_message(n==1 ? "timeline_meeting" : "timeline_meetings",
                                                      zLang));
  else buf_puts(&b, html_message("timeline_none", zLang));
  pages_set_buf(ctx, "count_label", &b);
  int status = json_object_get(ctx, "error") ? 400 : 200;
  if( !bPrint ){
    buf_release(&b);
    page_render(r, status, "timeline", "timeline_title", ctx);
    return;
  }
  /* the printable version: a document of its own, dated */
  buf_reset(&b);
  if( zFrom || zTo ){
    Buf d = BUF_INIT;
    if( zFrom ) pages_date(&d, zFrom, zLang);
    buf_puts(&d, " – ");
    if( zTo ) pages_date(&d, zTo, zLang);
    pages_set_buf(ctx, "period_label", &d);
    buf_release(&d);
  }else{
    pages_set_str(ctx, "period_label", html_message("timeline_period_all", zLang));
  }
  char zToday[16];
  time_t now = time(0);
  struct tm tm;
  localtime_r(&now, &tm);
  strftime(zToday, sizeof zToday, "%Y-%m-%d", &tm);
  pages_set_date(ctx, "today_label", zToday, zLang);
  pages_set_str(ctx, "lang", zLang);
  Err e3 = ERR_INIT;
  if( html_render(&b, "timeline_print", ctx, zLang, &e3) ){
    fprintf(stderr, "overleg: %s\n", e3.msg);
    json_decref(ctx);
    buf_release(&b);
    page_error(r, 500, "error_internal");
    return;
  }
  json_decref(ctx);
  http_reply_html(r, status, &b);
  buf_release(&b);
}

const HttpRoute timeline_routes[] = {
  { "GET", "/api/topics/*/timeline", api_timeline,  AUTH_LEZER },
  { "GET", "/onderwerp/*/tijdlijn",  page_timeline, AUTH_LEZER },
  { 0, 0, 0, AUTH_NONE }
};
