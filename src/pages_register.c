/*
** pages_register.c — the pages /besluiten (the decision register) and
** /acties (the action list): a filter form (query, body, topic, period;
** proposals or only open actions) above a table of what register.h
** finds, each entry linked to its passage in the source document
** (/document/ID#pPASSAGE, the anchors of web/document.html).
**
** Same shape as pages.c: read the arguments, ask register.h for JSON, add
** what the templates need (dates as people read them, URLs, the state of
** an action in words) and render web/decisions.html or web/actions.html.
** No HTML is written here; the templates escape every value.
*/
#include "pages_register.h"
#include "catalog.h"
#include "html.h"
#include "pages.h"
#include "pages_ctx.h"
#include "register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define REG_PER_PAGE 50          /* entries on a page */

/* The arguments of both pages.  Strings point into the request. */
typedef struct RegArgs {
  const char *zQ, *zBody, *zTopic, *zFrom, *zTo;
  int bFlag;                     /* proposals (decisions), open (actions) */
  int nOffset;                   /* a multiple of REG_PER_PAGE */
  int bActions;
} RegArgs;

/* The flag's argument name. */
static const char *flag_name(const RegArgs *a){
  return a->bActions ? "open" : "proposals";
}

/* Reads the arguments.  0, or -1 for a bad offset. */
static int args_read(HttpReq *r, RegArgs *a, int bActions){
  memset(a, 0, sizeof *a);
  a->bActions = bActions;
  a->zQ = http_arg_given(r, "q");
  a->zBody = http_arg_given(r, "body");
  a->zTopic = http_arg_given(r, "topic");
  a->zFrom = http_arg_given(r, "from");
  a->zTo = http_arg_given(r, "to");
  const char *z = http_arg_given(r, flag_name(a));
  a->bFlag = z && strcmp(z, "0")!=0 && strcmp(z, "false")!=0;
  z = http_arg_given(r, "offset");
  if( z ){
    size_t n = strspn(z, "0123456789");
    if( z[n]!=0 || n>9 ) return -1;
    int iOff = atoi(z);
    a->nOffset = iOff - iOff%REG_PER_PAGE;
  }
  return 0;
}

/* The URL of the page with a's arguments at offset iOffset. */
static json_t *page_url(const RegArgs *a, int iOffset){
  Buf b = BUF_INIT;
  int n = 0;
  buf_puts(&b, a->bActions ? "/acties" : "/besluiten");
  html_url_arg(&b, &n, "q", a->zQ);
  html_url_arg(&b, &n, "body", a->zBody);
  html_url_arg(&b, &n, "topic", a->zTopic);
  html_url_arg(&b, &n, "from", a->zFrom);
  html_url_arg(&b, &n, "to", a->zTo);
  if( a->bFlag ) html_url_arg(&b, &n, flag_name(a), "1");
  if( iOffset>0 ){
    char z[16];
    snprintf(z, sizeof z, "%d", iOffset);
    html_url_arg(&b, &n, "offset", z);
  }
  json_t *j = json_stringn(b.z, b.n);
  buf_release(&b);
  return j;
}


/* The names of bodies or topics for the form's suggestions: [{name}]. */
static json_t *name_options(json_t *aList){
  json_t *a = json_array();
  for(size_t i=0; i<json_array_size(aList); i++){
    const char *z = catalog_str(json_array_get(aList, i), "name");
    if( z ) json_array_append_new(a, json_pack("{ss}", "name", z));
  }
  json_decref(aList);
  return a;
}

/* What both pages show around their entries: the form's values, its
** suggestions, the error or the count and the pages. */
static json_t *page_ctx(HttpReq *r, const RegArgs *a, json_t *res, const char *zErr){
  json_t *ctx = json_object();
  pages_set_str(ctx, "q", a->zQ ? a->zQ : "");
  pages_set_str(ctx, "body", a->zBody ? a->zBody : "");
  pages_set_str(ctx, "topic", a->zTopic ? a->zTopic : "");
  pages_set_str(ctx, "from", a->zFrom ? a->zFrom : "");
  pages_set_str(ctx, "to", a->zTo ? a->zTo : "");
  json_object_set_new(ctx, flag_name(a), json_boolean(a->bFlag));
  json_object_set_new(ctx, "is_actions", json_boolean(a->bActions));
  pages_set_str(ctx, "form_action", a->bActions ? "/acties" : "/besluiten");
  json_object_set_new(ctx, a->bActions ? "register_nav_actions" : "register_nav_decisions",
                      json_true());
  json_object_set_new(ctx, "body_options", name_options(catalog_bodies(http_db(r))));
  json_object_set_new(ctx, "topic_options", name_options(catalog_topics(http_db(r))));
  if( zErr ){
    pages_set_str(ctx, "error", zErr);
    return ctx;
  }
  json_t *aEntry = json_object_get(res, a->bActions ? "actions" : "decisions");
  json_int_t nTotal = json_integer_value(json_object_get(res, "total"));
  size_t n = json_array_size(aEntry);
  json_object_set(ctx, "entries", aEntry);
  json_object_set_new(ctx, "has_entries", json_boolean(n>0));
  json_object_set_new(ctx, "total", json_integer(nTotal));
  if( n ){
    json_object_set_new(ctx, "range_from", json_integer(a->nOffset+1));
    json_object_set_new(ctx, "range_to", json_integer(a->nOffset+(json_int_t)n));
  }else if( nTotal ){
    json_object_set_new(ctx, "past_end", json_true());
    json_object_set_new(ctx, "first_url", page_url(a, 0));
  }
  if( a->nOffset>0 && n ){
    json_object_set_new(ctx, "prev_url", page_url(a, a->nOffset-REG_PER_PAGE));
  }
  if( a->nOffset+(json_int_t)n < nTotal ){
    json_object_set_new(ctx, "next_url", page_url(a, a->nOffset+REG_PER_PAGE));
  }
  json_object_set_new(ctx, "has_pages", json_boolean(json_object_get(ctx, "prev_url")
                                                     || json_object_get(ctx, "next_url")));
  return ctx;
}

/* An entry's links and labels: date_label, body.url, source_url (the
** passage in its document, the query marked), source_label. */
static void entry_ctx(json_t *e, const RegArgs *a, const char *zLang){
  pages_set_date(e, "date_label", catalog_str(e, "date"), zLang);
  json_t *pBody = json_object_get(e, "body");
  Buf b = BUF_INIT;
  if( json_is_object(pBody) ){
    buf_appendf(&b, "/orgaan/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(pBody, "id")));
    json_object_set_new(pBody, "url", json_stringn(b.z, b.n));
    buf_reset(&b);
  }
  json_t *d = json_object_get(e, "document");
  buf_appendf(&b, "/document/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(d, "id")));
  int n = 0;
  html_url_arg(&b, &n, "q", a->zQ);
  json_t *pPassage = json_object_get(e, "passage_id");
  if( json_is_integer(pPassage) ) buf_appendf(&b, "#p%" JSON_INTEGER_FORMAT, json_integer_value(pPassage));
  json_object_set_new(e, "source_url", json_stringn(b.z, b.n));
  buf_release(&b);
  const char *zTitle = catalog_str(d, "title");
  pages_set_str(e, "source_label", zTitle && zTitle[0] ? zTitle : catalog_str(e, "original_name"));
}

/* The state of an action in words, never by colour alone. */
static void action_ctx(json_t *e, const char *zLang){
  int bDone = json_is_true(json_object_get(e, "done"));
  int bOverdue = json_is_true(json_object_get(e, "overdue"));
  pages_set_str(e, "state_label", html_message(bDone ? "register_state_done" : bOverdue
                                         ? "register_state_overdue" : "register_state_open", zLang));
  json_t *pDone = json_object_get(e, "done_in");
  if( json_is_object(pDone) ){
    Buf b = BUF_INIT;
    buf_appendf(&b, "/document/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(pDone, "id")));
    json_object_set_new(pDone, "url", json_stringn(b.z, b.n));
    buf_release(&b);
    pages_set_date(pDone, "date_label", catalog_str(pDone, "date"), zLang);
  }
  const char *zDueDate = catalog_str(e, "due_date"), *zDue = catalog_str(e, "due");
  /* the date as written, and as a date where the text says it otherwise */
  if( zDueDate ){
    Buf b = BUF_INIT;
    pages_date(&b, zDueDate, zLang);
    if( zDue==0 || strcasecmp(zDue, b.z)!=0 ) json_object_set_new(e, "due_date_label", json_stringn(b.z, b.n));
    buf_release(&b);
  }
}

/* GET /besluiten and /acties. */
static void page_list(HttpReq *r, int bActions){
  const char *zLang = http_lang(r);
  RegArgs a;
  if( args_read(r, &a, bActions) ){
    page_error(r, 400, "error_bad_offset");
    return;
  }
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  f.zQuery = a.zQ;
  f.zBody = a.zBody;
  f.zTopic = a.zTopic;
  f.zFrom = a.zFrom;
  f.zTo = a.zTo;
  f.bProposals = !bActions && a.bFlag;
  f.bOpen = bActions && a.bFlag;
  f.nLimit = REG_PER_PAGE;
  f.nOffset = a.nOffset;
  Err err = ERR_INIT;
  json_t *res = bActions ? register_actions(http_db(r), &f, &err)
                         : register_decisions(http_db(r), &f, &err);
  if( res==0 && err.internal ){
    fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    page_error(r, 500, "error_internal");
    return;
  }
  html_err_lang(&err, http_lang(r));
  json_t *ctx = page_ctx(r, &a, res, res ? 0 : err.msg);
  json_t *aEntry = json_object_get(ctx, "entries");
  for(size_t i=0; i<json_array_size(aEntry); i++){
    json_t *e = json_array_get(aEntry, i);
    entry_ctx(e, &a, zLang);
    if( bActions ){
      action_ctx(e, zLang);
    }else{
      /* the decision's own page, with its ratification (pages_ratify.c) */
      Buf b = BUF_INIT;
      buf_appendf(&b, "/besluit/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(e, "id")));
      json_object_set_new(e, "decision_url", json_stringn(b.z, b.n));
      buf_release(&b);
    }
  }
  int status = res ? 200 : 400;
  json_decref(res);
  const char *zTitle = bActions ? (a.bFlag ? "register_actions_open_title" : "register_actions_title")
                     : a.bFlag ? "register_proposals_title" : "register_decisions_title";
  pages_set_str(ctx, "heading", html_message(zTitle, zLang));
  page_render(r, status, bActions ? "actions" : "decisions", zTitle, ctx);
}

static void page_decisions(HttpReq *r){
  page_list(r, 0);
}

static void page_actions(HttpReq *r){
  page_list(r, 1);
}

const HttpRoute register_page_routes[] = {
  { "GET", "/besluiten", page_decisions, AUTH_LEZER },
  { "GET", "/acties",    page_actions,   AUTH_LEZER },
  { 0, 0, 0, AUTH_NONE }
};
