/*
** http.h — the web server under "overleg serve": libmicrohttpd with a
** thread pool, one SQLite connection per thread, a route table, streamed
** form uploads, security headers on every reply.
**
** A handler gets an HttpReq and answers it with exactly one http_reply*()
** call.  Everything the request holds (arguments, uploads, the user) is
** owned by the server and lives until the handler returns; temp files of
** uploads are removed after the reply.  Handlers build no SQL: they call
** the store-layer modules with http_db().
*/
#ifndef OVERLEG_HTTP_H
#define OVERLEG_HTTP_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>
#include "auth.h"
#include "buf.h"
#include "search.h"
#include "store.h"

typedef struct HttpReq HttpReq;
typedef struct HttpServer HttpServer;

/* One file of a multipart form, streamed to a temp file as it arrived. */
typedef struct HttpUpload {
  const char *zField;       /* the form field ("file") */
  const char *zName;        /* the client's file name, reduced to a base name */
  const char *zPath;        /* the temp file holding its bytes */
  uint64_t nByte;
} HttpUpload;

/* ---- The request. ---- */
const char *http_method(const HttpReq *r);      /* "GET", "POST", ... */
const char *http_path(const HttpReq *r);        /* URL-decoded, without query */
/* The first value of argument zName from the query string or, for a POST,
** the form (urlencoded or multipart); NULL when absent. */
const char *http_arg(const HttpReq *r, const char *zName);
/* The same, NULL also when empty: a form field left blank is no value. */
const char *http_arg_given(const HttpReq *r, const char *zName);
/* Every value of zName (a facet link can repeat "body="), at most nMax, in
** the order sent; returns how many. */
int http_args(const HttpReq *r, const char *zName, const char **az, int nMax);
/* Argument zName as a whole number from iMin to iMax, iDefault when absent
** or empty: 0, or -1 after replying 400 (JSON) with what is wrong. */
int http_arg_int(HttpReq *r, const char *zName, int iDefault, int iMin, int iMax, int *pv);
const char *http_header(const HttpReq *r, const char *zName);
const char *http_cookie(const HttpReq *r, const char *zName);
const char *http_client_ip(const HttpReq *r);
int http_is_tls(const HttpReq *r);
/* The uploaded files, in the order sent. */
const HttpUpload *http_uploads(const HttpReq *r, int *pn);
/* The id at the end of the path: "/document/12" -> 12; 0 when there is
** none or it is not a positive integer. */
long long http_path_id(const HttpReq *r);
/* The interface language: "nl" (default) or "en", from ?lang= or the
** "lang" cookie. */
const char *http_lang(const HttpReq *r);

/* ---- Context. ---- */
sqlite3 *http_db(const HttpReq *r);             /* this thread's connection */
Store *http_store(const HttpReq *r);            /* writes: hold http_write_lock */
HttpServer *http_server(const HttpReq *r);
/* The logged-in user (session cookie or Bearer token), or NULL. */
const AuthUser *http_user(const HttpReq *r);
/* Is the logged-in user of role at least role?  0 without a login. */
int http_role_at_least(const HttpReq *r, AuthRole role);
/* The logged-in user's name, as the audit log names who did it ("" when
** nobody is logged in). */
const char *http_actor(const HttpReq *r);
/* The session's CSRF token for forms ("" without a session). */
const char *http_csrf(const HttpReq *r);
/* All writes to the archive (imports, edits) go through this one lock so
** that a search never waits on SQLITE_BUSY and imports never interleave. */
void http_write_lock(HttpServer *s);
void http_write_unlock(HttpServer *s);
uint64_t http_max_upload(const HttpServer *s);
/* search_run() through the server's cache of answers (rcache.h): the same
** JSON for the same options until the archive changes, "took_ms" being
** what this answer took.  NULL with err set as search_run(). */
json_t *http_search(HttpReq *r, const SearchOpts *o, Err *err);
int http_anonymous_read(const HttpServer *s);

/* ---- The reply: exactly one per request. ---- */
/* body is taken over (left empty). */
void http_reply(HttpReq *r, int status, const char *zType, Buf *body);
void http_reply_html(HttpReq *r, int status, Buf *body);
void http_reply_json(HttpReq *r, int status, json_t *j);     /* steals j */
/* {"error": zMsg, "status": status} */
void http_reply_json_error(HttpReq *r, int status, const char *zMsg);
/* 303 See Other to zLocation (a path on this server). */
void http_reply_redirect(HttpReq *r, const char *zLocation);
/* The file's bytes, with its type and a download name made safe for the
** Content-Disposition header (RFC 6266, filename* in UTF-8). */
void http_reply_file(HttpReq *r, const char *zPath, const char *zType,
                     const char *zDownloadName);
/* Extra header on the reply about to be made (Set-Cookie may repeat). */
void http_add_header(HttpReq *r, const char *zName, const char *zValue);

/* ---- Routes. ---- */
typedef void (*HttpHandler)(HttpReq *r);
typedef struct HttpRoute {
  const char *zMethod;      /* "GET" or "POST" */
  const char *zPath;        /* exact, or a prefix when it ends in '/' */
  HttpHandler xHandler;
  AuthRole minRole;         /* AUTH_NONE: anyone (login, health, static) */
} HttpRoute;

#endif
