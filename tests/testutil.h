/*
** testutil.h — helpers the suites share: scratch archives, one-value SQL
** queries, running $OVERLEG on an archive, the organisation example, and
** an HTTP client over libcurl.  Each fails the calling test (Check's
** ck_assert) when it cannot do its job: a test that could not set up
** must fail, never pass.  Files and packages are hostile.h's.
*/
#ifndef OVERLEG_TESTS_TESTUTIL_H
#define OVERLEG_TESTS_TESTUTIL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "auth.h"
#include "buf.h"
#include "http.h"
#include "org.h"
#include "store.h"

/* ------------------------------------------------------------ scratch */

/* zDir/zRel in a static ring of 8 buffers: valid for the next few calls. */
const char *tu_path(const char *zDir, const char *zRel);
/* Seconds on the monotonic clock. */
double tu_now(void);
/* The SHA-256 of the bytes, as 64 lowercase hex digits. */
void tu_sha256_hex(const void *p, size_t n, char zHex[65]);

/* ----------------------------------------------------------- archives */

/* A case's folder: zDir/st is the archive, zDir/in a folder for input
** files (made empty).  Zero-initialised by tu_arch_new. */
typedef struct TuArch {
  char *zDir;
  char *zStore;            /* zDir/st */
  char *zIn;               /* zDir/in */
  Store *s;                /* NULL while closed */
  sqlite3 *db;
} TuArch;

/* Makes the folder in zParent (NULL: $TMPDIR); the archive is opened
** (made) by tu_arch_open. */
void tu_arch_new(TuArch *a, const char *zParent);
void tu_arch_open(TuArch *a);
void tu_arch_close(TuArch *a);
/* Closes the archive and removes the folder (kept under $HOSTILE_KEEP). */
void tu_arch_free(TuArch *a);

/* Runs "$OVERLEG azArg... --storage st" in a->zDir, the archive closed
** meanwhile, with zStdin (NULL: /dev/null) as standard input; pOut and
** pErr are reset to what it wrote.  Returns the exit status. */
int tu_arch_cli(TuArch *a, const char *zStdin, const char *const *azArg, Buf *pOut, Buf *pErr);

/* Imports zPath (a file or folder; NULL: a->zIn) into the open archive
** as "overleg import" would, with one worker so that ids follow the
** files' order; fails the test unless every file is stored or a
** duplicate.  Returns the number of new documents. */
long tu_arch_import(TuArch *a, const char *zPath);

/* Loads tests/fixtures/org-example.json (the example region); pC (may be
** NULL) gets the counts. */
void tu_org_example(sqlite3 *db, OrgCounts *pC);

/* ---------------------------------------------------------------- SQL */

/* The one integer zSql yields; zArg, when not NULL, is bound to ?1. */
long long tu_q_int(sqlite3 *db, const char *zSql, const char *zArg);
/* The one text value zSql yields ("NULL" for NULL), in a static buffer. */
const char *tu_q_text(sqlite3 *db, const char *zSql, const char *zArg);
/* Runs statements that must succeed. */
void tu_exec(sqlite3 *db, const char *zSql);
/* Which AO meeting prepares which BO meeting, by date, and how:
** "2024-03-05>2024-03-12:next,..." ("" when none), in tu_q_text's buffer. */
const char *tu_meeting_links(sqlite3 *db);

/* --------------------------------------------------------------- JSON */

/* j as compact JSON in its own key order ("NULL" for NULL), in a static
** ring of 4 buffers. */
const char *tu_json_dump(const json_t *j);
/* The keys of object j, comma-separated, in order (a static buffer). */
const char *tu_json_keys(const json_t *j);

/* --------------------------------------------------------------- HTTP */

/* What one request asks; zero-initialise and set what applies. */
typedef struct TuReq {
  const char *zMethod;          /* NULL: GET; HEAD asks without a body */
  const char *zAuth;            /* an API token: "Authorization: Bearer" */
  const char *zSession;         /* a session token: cookie overleg_session */
  const char *const *azField;   /* name, value, ..., NULL: the urlencoded
                                ** body, or the fields of the multipart form */
  const char *const *azFile;    /* field, path, file name, ..., NULL: a
                                ** multipart form (when not NULL, even if
                                ** empty) with these files after the fields;
                                ** path "": an empty part, as a file input
                                ** left empty sends; file name NULL: the
                                ** path's base name */
  const char *zBody, *zType;    /* else a raw body with its Content-Type */
  int bInsecure;                /* TLS without checking the certificate */
} TuReq;

typedef struct TuResp {
  long status;
  Buf head;                     /* the header lines, as received */
  Buf body;
  json_t *j;                    /* the body as JSON, when it is */
} TuResp;

/* One request to zUrl + zPath (one '/' between them when zUrl ends in
** one), the path sent as it is; p is overwritten, free it with
** tu_resp_free().  The caller has run curl_global_init(). */
void tu_http(TuResp *p, const char *zUrl, const char *zPath, const TuReq *q);
void tu_resp_free(TuResp *p);
/* The value of the last header zName, or "" (a static buffer). */
const char *tu_resp_header(const TuResp *p, const char *zName);

/* ------------------------------------------------------------- server */

/* A server in the test process on a free loopback port, on an archive
** the test built, with sessions for the users it made. */
typedef struct TuWeb {
  TuArch a;                     /* built and opened by the test */
  HttpServer *srv;
  char zUrl[64];                /* http://127.0.0.1:PORT */
  char azSession[4][AUTH_TOKEN_HEX+1];   /* by tu_web_user */
} TuWeb;

/* Makes user zName with role and zPassword and a session for it in
** w->azSession[i] (i below 4), with the cheap password hash. */
void tu_web_user(TuWeb *w, int i, const char *zName, AuthRole role, const char *zPassword);
/* Starts the server on w->a (zero w, then build w->a, before) with the
** route tables aaRoute (NULL-ended), reading open to anyone when
** bAnonymousRead; uploads up to 8 MiB.  Runs curl_global_init(). */
void tu_web_start(TuWeb *w, const HttpRoute *const *aaRoute, int bAnonymousRead);
/* Stops the server and frees the archive (tu_arch_free). */
void tu_web_stop(TuWeb *w);
/* GET zPath with session zSession (NULL: none): the status; the response
** into r (free it with tu_resp_free). */
long tu_web_get(TuWeb *w, const char *zPath, const char *zSession, TuResp *r);
/* POST the fields azField (name, value, ..., NULL) urlencoded to zPath as
** user i (-1: no session); the status, the response in r. */
long tu_web_post(TuWeb *w, int i, const char *zPath, const char *const *azField, TuResp *r);
/* The CSRF token of user i's session (a static buffer). */
const char *tu_web_csrf(TuWeb *w, int i);
/* GET zPath without a session, expecting status and, in the body, each
** string after it (NULL-ended). */
void tu_web_expect(TuWeb *w, const char *zPath, long status, ...);
/* The occurrences of z in the body of GET zPath (no session). */
int tu_web_count(TuWeb *w, const char *zPath, const char *z);
/* The occurrences of z in zHay, not overlapping. */
int tu_count(const char *zHay, const char *z);

#endif
