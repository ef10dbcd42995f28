/*
** t_serve.c — "overleg serve" over HTTP: the real binary ($OVERLEG),
** started on a free loopback port, driven with libcurl.  The JSON API
** (every route, roles, Bearer tokens, session cookies and CSRF, uploads
** accepted, duplicated and refused, hostile query strings), the security
** headers, static files, limits (upload size, request rate), the watched
** folder, HTTPS, the first start and the shutdown on SIGTERM.  The pages have
** their own suites.
**
** One server per test case, started by an unchecked fixture in the runner
** process and stopped by it; its exit status is checked by the last case.
** Users, tokens and a session are made in the archive before the server
** starts.  Run from the repository root.
*/
#include <check.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "buf.h"
#include "hostile.h"
#include "store.h"
#include "testutil.h"

Suite *suite_serve(void);

#define FIX "tests/fixtures/"
#define ODT FIX "lo-constructs.odt"          /* "vluchtelingen" */
#define DOCX FIX "pandoc-constructs.docx"    /* "Stationsplein" */
#define SMALL_DOCX FIX "lo-hidden.docx"      /* 5152 bytes */
#define PASSWORD "wachtwoord-van-de-test"

/* ------------------------------------------------------------ scratch */

static char *zBase;      /* the suite's folder */

static void die(const char *zMsg){
  fprintf(stderr, "t_serve: %s: %s\n", zMsg, strerror(errno));
  abort();
}

/* ------------------------------------------------------------ servers */

typedef struct Server {
  pid_t pid;               /* 0: not running */
  char zUrl[96];           /* "http://127.0.0.1:PORT/" */
  char zStore[160];
  char zLog[160];          /* its stderr */
  int bFirstStart;         /* it printed the first administrator's password */
} Server;

/* Problems of servers already stopped, for the last case to report. */
static char zExitProblems[1024];

static const char *overleg_bin(void){
  static char z[4096];
  const char *zEnv = getenv("OVERLEG");
  if( realpath(zEnv ? zEnv : "build/overleg", z)==0 ) die("OVERLEG");
  return z;
}

/* Starts "overleg serve --storage zStore --listen 127.0.0.1:0 ARGS..." and
** reads the URL it prints.  0, or -1 when it printed none (its stderr is
** in s->zLog). */
static int server_start(Server *s, const char *zStore, const char *const *azArg){
  memset(s, 0, sizeof *s);
  snprintf(s->zStore, sizeof s->zStore, "%s", zStore);
  snprintf(s->zLog, sizeof s->zLog, "%s.log", zStore);
  const char *zBin = overleg_bin();
  int aPipe[2];
  if( pipe(aPipe) ) die("pipe");
  fflush(0);
  pid_t pid = fork();
  if( pid<0 ) die("fork");
  if( pid==0 ){
    const char *az[32];
    int n = 0;
    az[n++] = zBin;
    az[n++] = "serve";
    az[n++] = "--storage";
    az[n++] = zStore;
    az[n++] = "--listen";
    az[n++] = "127.0.0.1:0";
    for(int i=0; azArg && azArg[i] && n<31; i++) az[n++] = azArg[i];
    az[n] = 0;
    int fdLog = open(s->zLog, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(aPipe[1], 1);
    if( fdLog>=0 ) dup2(fdLog, 2);
    close(aPipe[0]);
    close(aPipe[1]);
    execv(zBin, (char**)az);
    _exit(127);
  }
  close(aPipe[1]);
  s->pid = pid;
  Buf out = BUF_INIT;
  const char *zUrl = 0;
  time_t tEnd = time(0) + 60;   /* a sanitizer build starts slowly */
  while( zUrl==0 && time(0)<tEnd ){
    struct pollfd p = { aPipe[0], POLLIN, 0 };
    if( poll(&p, 1, 1000)<=0 ) continue;
    char a[512];
    ssize_t k = read(aPipe[0], a, sizeof a);
    if( k<=0 ) break;
    buf_append(&out, a, (size_t)k);
    const char *z = strstr(out.z, "overleg: http");   /* http:// or https:// */
    if( z && strchr(z, '\n') ) zUrl = z + strlen("overleg: ");
  }
  close(aPipe[0]);
  s->bFirstStart = strstr(out.z, "overleg: first start: user \"beheerder\", password ")!=0;
  if( zUrl ){
    size_t n = strcspn(zUrl, "\n");
    snprintf(s->zUrl, sizeof s->zUrl, "%.*s", (int)n, zUrl);
  }
  buf_release(&out);
  if( zUrl==0 ){
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    s->pid = 0;
    return -1;
  }
  return 0;
}

/* Sends SIGTERM and waits (at most 30 s) for the exit.  Returns the exit
** status, or -1 when it did not exit by itself. */
static int server_stop(Server *s){
  if( s->pid==0 ) return -1;
  kill(s->pid, SIGTERM);
  int st = 0;
  for(int i=0; i<300; i++){
    pid_t k = waitpid(s->pid, &st, WNOHANG);
    if( k==s->pid ){
      s->pid = 0;
      return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    struct timespec ts = { 0, 100*1000*1000 };
    nanosleep(&ts, 0);
  }
  kill(s->pid, SIGKILL);
  waitpid(s->pid, &st, 0);
  s->pid = 0;
  return -1;
}

static void server_stop_checked(Server *s, const char *zName){
  if( s->pid==0 ) return;
  int rc = server_stop(s);
  if( rc!=0 ){
    size_t n = strlen(zExitProblems);
    snprintf(zExitProblems+n, sizeof zExitProblems - n,
             "%s server: exit status %d (log: %s); ", zName, rc, s->zLog);
  }
}

/* ----------------------------------------------------------- accounts */

/* Tokens of the users made in every test archive. */
typedef struct Accounts {
  char zLezer[AUTH_TOKEN_HEX+1];
  char zStaff[AUTH_TOKEN_HEX+1];
  char zAuditor[AUTH_TOKEN_HEX+1];
  char zAdmin[AUTH_TOKEN_HEX+1];
  char zSession[AUTH_TOKEN_HEX+1];    /* of the staff user */
  char zCsrf[AUTH_TOKEN_HEX+1];
} Accounts;

static Accounts acc;

/* A new archive in zBase/zName with the four roles, their API tokens and
** a session of the staff user. */
static void archive_make(const char *zName, char *zStore, size_t nStore){
  snprintf(zStore, nStore, "%s/%s", zBase, zName);
  Store *s;
  Err err = ERR_INIT;
  if( store_open(zStore, &s, &err) ){
    fprintf(stderr, "t_serve: %s\n", err.msg);
    abort();
  }
  sqlite3 *db = store_db(s);
  static const struct { const char *zName; AuthRole role; } aUser[] = {
    { "lezer", AUTH_LEZER }, { "medewerker", AUTH_MEDEWERKER },
    { "auditor", AUTH_AUDITOR }, { "beheerder", AUTH_BEHEERDER },
  };
  char *azTok[] = { acc.zLezer, acc.zStaff, acc.zAuditor, acc.zAdmin };
  for(int i=0; i<4; i++){
    if( auth_user_add(db, aUser[i].zName, aUser[i].role, PASSWORD, &err)
     || auth_token_new(db, aUser[i].zName, azTok[i], &err) ){
      fprintf(stderr, "t_serve: %s\n", err.msg);
      abort();
    }
  }
  AuthUser u;
  if( auth_token_user(db, acc.zStaff, &u) || auth_session_new(db, u.id, acc.zSession, &err) ){
    fprintf(stderr, "t_serve: session: %s\n", err.msg);
    abort();
  }
  auth_csrf_token(db, acc.zSession, acc.zCsrf);
  store_close(s);
}

/* ---------------------------------------------------------------- HTTP */

typedef TuResp Resp;

/* A multipart form: files sent as "file", then fields. */
typedef struct Form {
  const char *azFile[4];   /* paths to send as "file" */
  const char *azName[4];   /* the file names the client gives */
  int nFile;
  const char *azKey[6], *azVal[6];
  int nField;
} Form;

/* One request.  zAuth: an API token; zCookie: the session token; f: a
** multipart form (NULL: none); zBody/zType: a raw body instead. */
static void req(Resp *p, const Server *s, const char *zMethod, const char *zPath,
                const char *zAuth, const char *zCookie, const Form *f,
                const char *zBody, const char *zType){
  const char *azField[2*6+1], *azFile[3*4+1];
  TuReq q = { .zMethod = zMethod, .zAuth = zAuth, .zSession = zCookie, .zBody = zBody,
              .zType = zType };
  if( f ){
    int n = 0;
    for(int i=0; i<f->nField; i++){ azField[n++] = f->azKey[i]; azField[n++] = f->azVal[i]; }
    azField[n] = 0;
    n = 0;
    for(int i=0; i<f->nFile; i++){
      azFile[n++] = "file";
      azFile[n++] = f->azFile[i];
      azFile[n++] = f->azName[i];
    }
    azFile[n] = 0;
    q.azField = azField;
    q.azFile = azFile;
  }
  tu_http(p, s->zUrl, zPath, &q);
}

static void get(Resp *p, const Server *s, const char *zPath, const char *zAuth){
  req(p, s, "GET", zPath, zAuth, 0, 0, 0, 0);
}

/* The status, and for the API a JSON error object carrying it. */
static void expect_error(const Resp *p, long status, const char *zPath){
  ck_assert_msg(p->status==status, "%s: status %ld, want %ld: %s", zPath, p->status, status,
                p->body.z);
  ck_assert_msg(p->j && json_is_string(json_object_get(p->j, "error")),
                "%s: not a JSON error: %s", zPath, p->body.z);
  ck_assert_int_eq(json_integer_value(json_object_get(p->j, "status")), status);
}

static void expect_security_headers(const Resp *p, const char *zWhat){
  ck_assert_msg(strcmp(tu_resp_header(p, "Content-Security-Policy"),
                       "default-src 'self'; frame-ancestors 'none'; form-action 'self';"
                       " base-uri 'none'")==0, "%s: CSP %s", zWhat,
                tu_resp_header(p, "Content-Security-Policy"));
  ck_assert_msg(strcmp(tu_resp_header(p, "X-Content-Type-Options"), "nosniff")==0, "%s", zWhat);
  ck_assert_msg(strcmp(tu_resp_header(p, "Referrer-Policy"), "same-origin")==0, "%s", zWhat);
  ck_assert_msg(strcmp(tu_resp_header(p, "X-Frame-Options"), "DENY")==0, "%s", zWhat);
}

/* Uploads the files (name NULL: the path's base name) with optional
** fields "key=value" as token zAuth. */
static void upload(Resp *p, const Server *s, const char *zAuth, const char *zFile1,
                   const char *zName1, const char *zFile2, const char *zName2,
                   const char *zField){
  Form f;
  memset(&f, 0, sizeof f);
  if( zFile1 ){ f.azFile[f.nFile] = zFile1; f.azName[f.nFile++] = zName1; }
  if( zFile2 ){ f.azFile[f.nFile] = zFile2; f.azName[f.nFile++] = zName2; }
  char zKey[64];
  if( zField ){
    const char *zEq = strchr(zField, '=');
    snprintf(zKey, sizeof zKey, "%.*s", (int)(zEq-zField), zField);
    f.azKey[0] = zKey;
    f.azVal[0] = zEq+1;
    f.nField = 1;
  }
  req(p, s, "POST", "/api/documents", zAuth, 0, &f, 0, 0);
}

/* The result of file i of an upload reply. */
static json_t *upload_result(const Resp *p, size_t i){
  json_t *a = json_object_get(p->j, "documents");
  ck_assert_msg(json_is_array(a) && json_array_size(a)>i, "no result %zu: %s", i, p->body.z);
  return json_array_get(a, i);
}

static const char *jstr(json_t *j, const char *zKey){
  const char *z = json_string_value(json_object_get(j, zKey));
  return z ? z : "";
}

/* Is document id among the results of the search q? */
static int search_finds(const Server *s, const char *q, long long id){
  Resp p;
  Buf path = BUF_INIT;
  buf_appendf(&path, "/api/search?q=%s", q);
  get(&p, s, path.z, acc.zLezer);
  ck_assert_msg(p.status==200, "%s: %ld %s", path.z, p.status, p.body.z);
  int bFound = 0;
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(p.j, "results"), i, x){
    if( json_integer_value(json_object_get(x, "id"))==id ) bFound = 1;
  }
  tu_resp_free(&p);
  buf_release(&path);
  return bFound;
}

/* ------------------------------------------------------ the API server */

static Server api;

static void base_new(void);

static void api_setup(void){
  char zStore[160];
  base_new();
  archive_make("api", zStore, sizeof zStore);
  static const char *const azArg[] = { "--no-watch", "--threads", "2", 0 };
  if( server_start(&api, zStore, azArg) ) fprintf(stderr, "t_serve: no server: %s\n", api.zLog);
}

static void api_teardown(void){
  server_stop_checked(&api, "api");
}

/* 1. The health check answers anyone, with the security headers and no
** caching; so do the errors (404 of an unknown API route, as JSON). */
START_TEST(t01_health_and_headers){
  ck_assert_msg(api.pid, "no server");
  Resp p;
  get(&p, &api, "/api/health", 0);
  ck_assert_int_eq(p.status, 200);
  ck_assert_str_eq(jstr(p.j, "status"), "ok");
  ck_assert_str_eq(tu_resp_header(&p, "Content-Type"), "application/json");
  ck_assert_str_eq(tu_resp_header(&p, "Cache-Control"), "no-store");
  expect_security_headers(&p, "health");
  tu_resp_free(&p);

  get(&p, &api, "/api/no-such-thing", acc.zLezer);
  expect_error(&p, 404, "/api/no-such-thing");
  expect_security_headers(&p, "404");
  tu_resp_free(&p);

  req(&p, &api, "POST", "/api/health", 0, 0, 0, "a=1", "application/x-www-form-urlencoded");
  expect_error(&p, 405, "POST /api/health");
  ck_assert_str_eq(tu_resp_header(&p, "Allow"), "GET, HEAD");
  tu_resp_free(&p);

  req(&p, &api, "HEAD", "/api/health", 0, 0, 0, 0, 0);
  ck_assert_int_eq(p.status, 200);
  ck_assert_int_eq(p.body.n, 0);
  tu_resp_free(&p);
}
END_TEST

/* 2. Without login: 401 as JSON with WWW-Authenticate on every reading
** route; a bad token is named; a page redirects to the login with the way
** back. */
START_TEST(t02_login_required){
  static const char *const azPath[] = {
    "/api/search?q=x", "/api/documents/1", "/api/documents/1/original", "/api/bodies",
    "/api/topics", "/api/meetings", "/api/meetings/1", "/api/bodies/1", "/api/topics/1",
    "/api/audit",
  };
  Resp p;
  for(size_t i=0; i<sizeof azPath/sizeof azPath[0]; i++){
    get(&p, &api, azPath[i], 0);
    expect_error(&p, 401, azPath[i]);
    ck_assert_str_eq(tu_resp_header(&p, "WWW-Authenticate"), "Bearer realm=\"overleg\"");
    ck_assert_str_eq(jstr(p.j, "error"), "log in first (or send an API token)");
    expect_security_headers(&p, azPath[i]);
    tu_resp_free(&p);
  }
  get(&p, &api, "/api/search?q=x", "0000000000000000000000000000000000000000000000000000000000000000");
  expect_error(&p, 401, "bad token");
  ck_assert_str_eq(jstr(p.j, "error"), "invalid API token");
  tu_resp_free(&p);
  get(&p, &api, "/api/search?q=x", "short");
  expect_error(&p, 401, "short token");
  tu_resp_free(&p);

  get(&p, &api, "/zoeken?q=a%20b", 0);
  ck_assert_int_eq(p.status, 303);
  ck_assert_str_eq(tu_resp_header(&p, "Location"), "/inloggen?terug=%2Fzoeken%3Fq%3Da%2520b");
  expect_security_headers(&p, "redirect");
  tu_resp_free(&p);

  Form f;
  memset(&f, 0, sizeof f);
  f.azFile[0] = ODT;
  f.nFile = 1;
  req(&p, &api, "POST", "/api/documents", 0, 0, &f, 0, 0);
  expect_error(&p, 401, "POST without login");
  tu_resp_free(&p);
}
END_TEST

/* 3. Roles: a reader cannot upload, staff cannot read the audit log, an
** auditor and an administrator can. */
START_TEST(t03_roles){
  Resp p;
  upload(&p, &api, acc.zLezer, ODT, 0, 0, 0, 0);
  expect_error(&p, 403, "reader uploads");
  ck_assert_str_eq(jstr(p.j, "error"), "your role does not allow this");
  tu_resp_free(&p);
  get(&p, &api, "/api/audit", acc.zStaff);
  expect_error(&p, 403, "staff reads the audit log");
  tu_resp_free(&p);
  get(&p, &api, "/api/audit", acc.zAuditor);
  ck_assert_msg(p.status==200, "%s", p.body.z);
  ck_assert(json_is_array(json_object_get(p.j, "entries")));
  tu_resp_free(&p);
  get(&p, &api, "/api/audit?limit=5&offset=0", acc.zAdmin);
  ck_assert_int_eq(p.status, 200);
  tu_resp_free(&p);
  get(&p, &api, "/api/audit?limit=0", acc.zAdmin);
  expect_error(&p, 400, "limit=0");
  tu_resp_free(&p);
}
END_TEST

/* 4. An ODT and a DOCX in one upload: both new, found by search, read
** back as JSON and as the original bytes with their type and a safe name. */
START_TEST(t04_upload_and_search){
  Resp p;
  /* asked before the upload, so that the answer after it must not come
  ** from the server's cache of answers */
  get(&p, &api, "/api/search?q=Stationsplein", acc.zLezer);
  ck_assert_msg(p.status==200, "%ld %s", p.status, p.body.z);
  json_int_t nBefore = json_integer_value(json_object_get(p.j, "total"));
  tu_resp_free(&p);
  upload(&p, &api, acc.zStaff, ODT, "verslag \"mobiliteit\" 2024.odt", DOCX, 0, 0);
  ck_assert_msg(p.status==201, "%ld %s", p.status, p.body.z);
  json_t *a = upload_result(&p, 0), *b = upload_result(&p, 1);
  ck_assert_str_eq(jstr(a, "status"), "new");
  ck_assert_str_eq(jstr(a, "name"), "verslag \"mobiliteit\" 2024.odt");
  ck_assert(json_is_null(json_object_get(a, "reason")));
  ck_assert_str_eq(jstr(b, "status"), "new");
  ck_assert_str_eq(jstr(b, "name"), "pandoc-constructs.docx");
  long long idOdt = json_integer_value(json_object_get(a, "id"));
  long long idDocx = json_integer_value(json_object_get(b, "id"));
  ck_assert(idOdt>0 && idDocx>0 && idOdt!=idDocx);
  tu_resp_free(&p);

  ck_assert(search_finds(&api, "vluchtelingen", idOdt));
  ck_assert(search_finds(&api, "Stationsplein", idDocx));
  ck_assert(!search_finds(&api, "Stationsplein", idOdt));
  get(&p, &api, "/api/search?q=Stationsplein", acc.zLezer);
  ck_assert_int_eq(json_integer_value(json_object_get(p.j, "total")), nBefore+1);
  tu_resp_free(&p);

  char zPath[96];
  snprintf(zPath, sizeof zPath, "/api/documents/%lld", idOdt);
  get(&p, &api, zPath, acc.zLezer);
  ck_assert_msg(p.status==200, "%s", p.body.z);
  ck_assert_int_eq(json_integer_value(json_object_get(p.j, "id")), idOdt);
  ck_assert_str_eq(jstr(p.j, "format"), "odt");
  tu_resp_free(&p);

  Buf want = BUF_INIT;
  snprintf(zPath, sizeof zPath, "/api/documents/%lld/original", idOdt);
  get(&p, &api, zPath, acc.zLezer);
  ck_assert_int_eq(p.status, 200);
  hostile_file_read(ODT, &want);
  ck_assert_int_eq(p.body.n, want.n);
  ck_assert(memcmp(p.body.z, want.z, want.n)==0);
  ck_assert_str_eq(tu_resp_header(&p, "Content-Type"), "application/vnd.oasis.opendocument.text");
  ck_assert_str_eq(tu_resp_header(&p, "Content-Disposition"),
                   "attachment; filename=\"verslag _mobiliteit_ 2024.odt\";"
                   " filename*=UTF-8''verslag%20%22mobiliteit%22%202024.odt");
  expect_security_headers(&p, "original");
  tu_resp_free(&p);

  snprintf(zPath, sizeof zPath, "/api/documents/%lld/original", idDocx);
  get(&p, &api, zPath, acc.zLezer);
  ck_assert_int_eq(p.status, 200);
  ck_assert_str_eq(tu_resp_header(&p, "Content-Type"),
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  buf_reset(&want);
  hostile_file_read(DOCX, &want);
  ck_assert_int_eq(p.body.n, want.n);
  tu_resp_free(&p);
  buf_release(&want);
}
END_TEST

/* 5. The same file again is a duplicate of the stored document. */
START_TEST(t05_duplicate){
  Resp p;
  upload(&p, &api, acc.zStaff, SMALL_DOCX, 0, 0, 0, 0);
  ck_assert_msg(p.status==201, "%ld %s", p.status, p.body.z);
  long long id = json_integer_value(json_object_get(upload_result(&p, 0), "id"));
  tu_resp_free(&p);
  upload(&p, &api, acc.zStaff, SMALL_DOCX, "kopie.docx", 0, 0, 0);
  ck_assert_msg(p.status==201, "%ld %s", p.status, p.body.z);
  ck_assert_str_eq(jstr(upload_result(&p, 0), "status"), "duplicate");
  ck_assert_int_eq(json_integer_value(json_object_get(upload_result(&p, 0), "id")), id);
  tu_resp_free(&p);
}
END_TEST

/* 6. Refused uploads: a text file 415, a cut-short DOCX 422, each with its
** reason; no file, an unknown body, a bad date: 400; a body that is not a
** form: 415. */
START_TEST(t06_refused_uploads){
  Resp p;
  const char *zTxt = tu_path(zBase, "notes.txt");
  hostile_file_write(zTxt, "Dit is geen document.\n", 22);
  upload(&p, &api, acc.zStaff, zTxt, 0, 0, 0, 0);
  expect_error(&p, 415, "txt");
  ck_assert_str_eq(jstr(p.j, "error"), "not an ODT or DOCX file");
  ck_assert_str_eq(jstr(upload_result(&p, 0), "status"), "failed");
  ck_assert_str_eq(jstr(upload_result(&p, 0), "reason"), "not an ODT or DOCX file");
  ck_assert(json_is_null(json_object_get(upload_result(&p, 0), "id")));
  tu_resp_free(&p);

  Buf b = BUF_INIT;
  hostile_file_read(DOCX, &b);
  const char *zCut = tu_path(zBase, "cut.docx");
  hostile_file_write(zCut, b.z, b.n/2);
  buf_release(&b);
  upload(&p, &api, acc.zStaff, zCut, 0, 0, 0, 0);
  expect_error(&p, 422, "cut docx");
  ck_assert_msg(strncmp(jstr(p.j, "error"), "corrupt zip archive", 19)==0, "%s", p.body.z);
  tu_resp_free(&p);

  /* a good file and a text file: the good one goes in, the reply says 415 */
  upload(&p, &api, acc.zStaff, SMALL_DOCX, 0, tu_path(zBase, "notes.txt"), 0, 0);
  expect_error(&p, 415, "docx + txt");
  ck_assert_str_eq(jstr(p.j, "error"), "1 of 2 files could not be imported");
  ck_assert_str_eq(jstr(upload_result(&p, 1), "status"), "failed");
  ck_assert_str_ne(jstr(upload_result(&p, 0), "status"), "failed");
  tu_resp_free(&p);

  upload(&p, &api, acc.zStaff, 0, 0, 0, 0, "body=BORA");
  expect_error(&p, 400, "no file");
  tu_resp_free(&p);
  upload(&p, &api, acc.zStaff, SMALL_DOCX, 0, 0, 0, "body=Geen Orgaan");
  expect_error(&p, 400, "unknown body");
  ck_assert_msg(strstr(jstr(p.j, "error"), "unknown body \"Geen Orgaan\"")!=0, "%s", p.body.z);
  tu_resp_free(&p);
  upload(&p, &api, acc.zStaff, SMALL_DOCX, 0, 0, 0, "date=2024-13-45");
  expect_error(&p, 400, "bad date");
  tu_resp_free(&p);

  req(&p, &api, "POST", "/api/documents", acc.zStaff, 0, 0, "plain text", "text/plain");
  expect_error(&p, 415, "text/plain body");
  tu_resp_free(&p);
  req(&p, &api, "POST", "/api/documents", acc.zStaff, 0, 0, "x", "multipart/form-data");
  expect_error(&p, 400, "multipart without boundary");
  tu_resp_free(&p);
}
END_TEST

/* 7. A session cookie works for the API, but a POST with it needs the
** session's CSRF token as a form field: without it or with a wrong one
** 403; a Bearer token needs none. */
START_TEST(t07_csrf){
  Resp p;
  req(&p, &api, "GET", "/api/search?q=vluchtelingen", 0, acc.zSession, 0, 0, 0);
  ck_assert_msg(p.status==200, "%ld %s", p.status, p.body.z);
  tu_resp_free(&p);

  Form f;
  memset(&f, 0, sizeof f);
  f.azFile[0] = SMALL_DOCX;
  f.nFile = 1;
  req(&p, &api, "POST", "/api/documents", 0, acc.zSession, &f, 0, 0);
  expect_error(&p, 403, "no csrf");
  ck_assert_msg(strstr(jstr(p.j, "error"), "CSRF")!=0, "%s", p.body.z);
  tu_resp_free(&p);

  f.azKey[0] = "csrf";
  f.azVal[0] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  f.nField = 1;
  req(&p, &api, "POST", "/api/documents", 0, acc.zSession, &f, 0, 0);
  expect_error(&p, 403, "wrong csrf");
  tu_resp_free(&p);

  /* the token of the session in the query string does not count */
  Buf path = BUF_INIT;
  buf_appendf(&path, "/api/documents?csrf=%s", acc.zCsrf);
  f.nField = 0;
  req(&p, &api, "POST", path.z, 0, acc.zSession, &f, 0, 0);
  expect_error(&p, 403, "csrf in the URL");
  tu_resp_free(&p);
  buf_release(&path);

  f.azVal[0] = acc.zCsrf;
  f.nField = 1;
  req(&p, &api, "POST", "/api/documents", 0, acc.zSession, &f, 0, 0);
  ck_assert_msg(p.status==201, "%ld %s", p.status, p.body.z);
  tu_resp_free(&p);

  req(&p, &api, "POST", "/api/documents", 0, acc.zSession, 0, "csrf=x", "application/x-www-form-urlencoded");
  expect_error(&p, 403, "urlencoded, wrong csrf");
  tu_resp_free(&p);
}
END_TEST

/* 8. Hostile query strings get 200 or a JSON 400, never a 500, and the
** server lives on. */
START_TEST(t08_hostile_queries){
  Buf longq = BUF_INIT;
  buf_puts(&longq, "/api/search?q=");
  for(int i=0; i<100*1024/8; i++) buf_puts(&longq, "woning%20");
  const char *azPath[] = {
    "/api/search?q=%22unclosed", "/api/search?q=a%22%22%22b", "/api/search?q=%00",
    "/api/search?q=a%00b", "/api/search?q=%ff%fe", "/api/search?q=%c3%28",
    "/api/search?q=%ed%a0%80", "/api/search?q=((((((((((((((((((((((((((((((((((a",
    "/api/search?q=a%20NEAR/999999999%20b", "/api/search?q=*", "/api/search?q=-",
    "/api/search?q=body:%22", "/api/search?q=datum:99999-99", "/api/search?q=%25%25",
    "/api/search?q=x&limit=abc", "/api/search?q=x&limit=-1", "/api/search?q=x&limit=101",
    "/api/search?q=x&offset=-5", "/api/search?q=x&offset=99999999999999999999",
    "/api/search?q=x&sort=sideways", "/api/search?q=x&from=gisteren", "/api/search?q=",
    "/api/search", "/api/search?q=x&body=Nergens", "/api/search?%ff=1", "/api/search?q",
    "/api/meetings?from=2021-99", "/api/meetings?limit=1e3", "/api/meetings?body=%ff",
    "/api/documents/99999999999999999999999", "/api/documents/-1", "/api/documents/1x",
    longq.z,
  };
  Resp p;
  for(size_t i=0; i<sizeof azPath/sizeof azPath[0]; i++){
    get(&p, &api, azPath[i], acc.zLezer);
    ck_assert_msg(p.status==200 || p.status==400 || p.status==404, "%.80s: %ld %s",
                  azPath[i], p.status, p.body.z);
    ck_assert_msg(p.j!=0, "%.80s: not JSON: %s", azPath[i], p.body.z);
    if( p.status!=200 ) expect_error(&p, p.status, azPath[i]);
    tu_resp_free(&p);
  }
  /* 17 values of one filter: one too many */
  Buf many = BUF_INIT;
  buf_puts(&many, "/api/search?q=x");
  for(int i=0; i<17; i++) buf_appendf(&many, "&body=BORA");
  get(&p, &api, many.z, acc.zLezer);
  expect_error(&p, 400, "17 bodies");
  ck_assert_str_eq(jstr(p.j, "error"), "at most 16 values of body");
  tu_resp_free(&p);
  get(&p, &api, "/api/search?q=x&limit=abc", acc.zLezer);
  ck_assert_str_eq(jstr(p.j, "error"), "limit must be a whole number from 1 to 100");
  tu_resp_free(&p);
  get(&p, &api, "/api/search?q=%00", acc.zLezer);
  ck_assert_str_eq(jstr(p.j, "error"), "argument \"q\" is not text (a NUL byte or invalid UTF-8)");
  tu_resp_free(&p);

  get(&p, &api, "/api/health", 0);
  ck_assert_int_eq(p.status, 200);
  tu_resp_free(&p);
  buf_release(&longq);
  buf_release(&many);
}
END_TEST

/* 9. Static files: the CSS with its type and long caching; nothing outside
** the embedded files, no template, no dot names. */
START_TEST(t09_static){
  Resp p;
  get(&p, &api, "/static/style.css", 0);
  ck_assert_int_eq(p.status, 200);
  ck_assert_str_eq(tu_resp_header(&p, "Content-Type"), "text/css; charset=utf-8");
  ck_assert_str_eq(tu_resp_header(&p, "Cache-Control"), "public, max-age=604800");
  expect_security_headers(&p, "css");
  tu_resp_free(&p);
  static const char *const azBad[] = {
    "/static/../overleg.db", "/static/%2e%2e/overleg.db", "/static/..%2foverleg.db",
    "/static/layout.html", "/static/messages.json", "/static/.css", "/static/",
    "/static/style.css/", "/static/nope.css", "/static//etc/passwd", "/overleg.db",
    "/../overleg.db",
  };
  for(size_t i=0; i<sizeof azBad/sizeof azBad[0]; i++){
    get(&p, &api, azBad[i], acc.zLezer);
    ck_assert_msg(p.status==404, "%s: %ld", azBad[i], p.status);
    ck_assert_msg(memmem(p.body.z, p.body.n, "SQLite format", 13)==0, "%s", azBad[i]);
    expect_security_headers(&p, azBad[i]);
    tu_resp_free(&p);
  }
}
END_TEST

/* 10. The other routes: bodies, topics, meetings (and their errors), a
** document that does not exist. */
START_TEST(t10_catalog_routes){
  Resp p;
  get(&p, &api, "/api/bodies", acc.zLezer);
  ck_assert_msg(p.status==200 && json_is_array(json_object_get(p.j, "bodies")), "%s", p.body.z);
  tu_resp_free(&p);
  get(&p, &api, "/api/topics", acc.zLezer);
  ck_assert_msg(p.status==200 && json_is_array(json_object_get(p.j, "topics")), "%s", p.body.z);
  tu_resp_free(&p);
  get(&p, &api, "/api/meetings?body=BORA&from=2020&to=2024-06&limit=10", acc.zLezer);
  ck_assert_msg(p.status==200 && json_is_array(json_object_get(p.j, "meetings")), "%s", p.body.z);
  tu_resp_free(&p);
  get(&p, &api, "/api/meetings?body=Nergens", acc.zLezer);
  expect_error(&p, 400, "unknown body");
  tu_resp_free(&p);
  get(&p, &api, "/api/meetings?from=2021-3-1", acc.zLezer);
  expect_error(&p, 400, "bad from");
  tu_resp_free(&p);
  static const char *const azMissing[] = {
    "/api/documents/999999", "/api/documents/999999/original", "/api/documents/abc",
    "/api/documents/", "/api/documents/1/other", "/api/meetings/999999", "/api/topics/x",
    "/api/bodies/0",
  };
  for(size_t i=0; i<sizeof azMissing/sizeof azMissing[0]; i++){
    get(&p, &api, azMissing[i], acc.zLezer);
    expect_error(&p, 404, azMissing[i]);
    tu_resp_free(&p);
  }
  get(&p, &api, "/api/documents", acc.zLezer);
  expect_error(&p, 405, "GET /api/documents");
  ck_assert_str_eq(tu_resp_header(&p, "Allow"), "POST");
  tu_resp_free(&p);
}
END_TEST

/* The audit log as the auditor reads it at zPath: 200, and the total. */
static json_int_t audit_total(const char *zPath){
  Resp p;
  get(&p, &api, zPath, acc.zAuditor);
  ck_assert_msg(p.status==200 && json_is_array(json_object_get(p.j, "entries")), "%s: %ld %s",
                zPath, p.status, p.body.z);
  json_int_t n = json_integer_value(json_object_get(p.j, "total"));
  ck_assert_int_le(json_array_size(json_object_get(p.j, "entries")), n);
  tu_resp_free(&p);
  return n;
}

/* 19. GET /api/audit narrowed: a new document's history by its object,
** the actor, the action and the period with it; a filter nothing meets;
** a bad period 400 with search's message; staff still 403. */
START_TEST(t19_audit_filter){
  Resp p;
  const char *zDoc = tu_path(zBase, "audit-filter.odt");
  HOSTILE_DOC(zDoc, "# Verslag over het auditlog", "Alleen voor het filter van het auditlog.");
  upload(&p, &api, acc.zStaff, zDoc, 0, 0, 0, 0);
  ck_assert_msg(p.status==201 && strcmp(jstr(upload_result(&p, 0), "status"), "new")==0,
                "%ld %s", p.status, p.body.z);
  long long id = json_integer_value(json_object_get(upload_result(&p, 0), "id"));
  tu_resp_free(&p);
  char zPath[200];
  snprintf(zPath, sizeof zPath, "/api/audit?object=document%%3A%lld", id);
  get(&p, &api, zPath, acc.zAuditor);
  ck_assert_msg(p.status==200, "%s", p.body.z);
  ck_assert_int_eq(json_integer_value(json_object_get(p.j, "total")), 1);
  json_t *e = json_array_get(json_object_get(p.j, "entries"), 0);
  ck_assert_str_eq(jstr(e, "actor"), "medewerker");
  ck_assert_str_eq(jstr(e, "action"), "import");
  char zObject[40];
  snprintf(zObject, sizeof zObject, "document:%lld", id);
  ck_assert_str_eq(jstr(e, "object"), zObject);
  tu_resp_free(&p);
  snprintf(zPath, sizeof zPath, "/api/audit?object=document:%lld&actor=medewerker&action=import"
           "&from=2000&to=9999-12-31", id);
  ck_assert_int_eq(audit_total(zPath), 1);
  snprintf(zPath, sizeof zPath, "/api/audit?object=document:%lld&actor=lezer", id);
  ck_assert_int_eq(audit_total(zPath), 0);
  snprintf(zPath, sizeof zPath, "/api/audit?object=document:%lld&action=imp", id);
  ck_assert_int_eq(audit_total(zPath), 0);
  snprintf(zPath, sizeof zPath, "/api/audit?object=document:%lld&to=2000", id);
  ck_assert_int_eq(audit_total(zPath), 0);
  /* the total is of everything the filter selects, past the page */
  json_int_t n = audit_total("/api/audit?actor=medewerker&action=import");
  ck_assert_int_ge(n, 1);
  get(&p, &api, "/api/audit?actor=medewerker&action=import&limit=1", acc.zAuditor);
  ck_assert_int_eq(json_integer_value(json_object_get(p.j, "total")), n);
  ck_assert_int_eq(json_array_size(json_object_get(p.j, "entries")), 1);
  tu_resp_free(&p);
  /* a bad period */
  get(&p, &api, "/api/audit?actor=medewerker&from=2021-13", acc.zAuditor);
  expect_error(&p, 400, "from=2021-13");
  ck_assert_str_eq(jstr(p.j, "error"), "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)");
  tu_resp_free(&p);
  get(&p, &api, "/api/audit?to=%3Cb%3E", acc.zAdmin);
  expect_error(&p, 400, "to=<b>");
  ck_assert_str_eq(jstr(p.j, "error"), "bad date \"<b>\" for to (use 2021, 2021-03 or 2021-03-01)");
  tu_resp_free(&p);
  get(&p, &api, zPath, acc.zStaff);
  expect_error(&p, 403, "staff filters the audit log");
  tu_resp_free(&p);
}
END_TEST

/* ---------------------------------------------------- the limits server */

static Server lim;
static char zWatchDir[200];

static void lim_setup(void){
  char zStore[160];
  base_new();
  archive_make("lim", zStore, sizeof zStore);
  snprintf(zWatchDir, sizeof zWatchDir, "%s/import", zBase);
  setenv("OVERLEG_WATCH_SETTLE_MS", "0", 1);
  const char *azArg[] = { "--max-upload", "10000", "--anonymous-read", "--rate", "20",
                          "--watch", zWatchDir, 0 };
  if( server_start(&lim, zStore, azArg) ) fprintf(stderr, "t_serve: no server: %s\n", lim.zLog);
  unsetenv("OVERLEG_WATCH_SETTLE_MS");   /* the server has it; later suites do not */
}

static void lim_teardown(void){
  server_stop_checked(&lim, "limits");
}

/* 11. --max-upload 10000: a larger file, or two whose sum is larger, get
** 413 (whether the body is a little or far larger); a smaller one goes
** in; no temp file stays. */
START_TEST(t11_max_upload){
  ck_assert_msg(lim.pid, "no server");
  Resp p;
  Buf b = BUF_INIT;
  for(int i=0; i<20000; i++) buf_putc(&b, 'a' + i%26);
  const char *zBig = tu_path(zBase, "big.odt");
  hostile_file_write(zBig, b.z, b.n);
  upload(&p, &lim, acc.zStaff, zBig, 0, 0, 0, 0);
  expect_error(&p, 413, "20000 bytes");
  ck_assert_str_eq(jstr(p.j, "error"), "the upload is too large");
  tu_resp_free(&p);
  const char *zHalf = tu_path(zBase, "half.odt");
  hostile_file_write(zHalf, b.z, 6000);
  upload(&p, &lim, acc.zStaff, zHalf, 0, zHalf, "b.odt", 0);
  expect_error(&p, 413, "2 x 6000 bytes");
  tu_resp_free(&p);
  /* past the limit in the middle of a larger body: the rest is read
  ** (and dropped) so that the answer reaches the client */
  buf_reset(&b);
  for(int i=0; i<500*1000; i++) buf_putc(&b, 'a' + i%26);
  const char *zMid = tu_path(zBase, "mid.odt");
  hostile_file_write(zMid, b.z, b.n);
  upload(&p, &lim, acc.zStaff, zMid, 0, 0, 0, 0);
  expect_error(&p, 413, "500 kB");
  tu_resp_free(&p);
  /* announced far past the limit: refused before the body is read */
  buf_reset(&b);
  for(int i=0; i<3*1024*1024; i++) buf_putc(&b, 'x');
  zBig = tu_path(zBase, "huge.odt");
  hostile_file_write(zBig, b.z, b.n);
  upload(&p, &lim, acc.zStaff, zBig, 0, 0, 0, 0);
  expect_error(&p, 413, "3 MB");
  tu_resp_free(&p);
  buf_release(&b);
  upload(&p, &lim, acc.zStaff, SMALL_DOCX, 0, 0, 0, 0);
  ck_assert_msg(p.status==201, "%ld %s", p.status, p.body.z);
  tu_resp_free(&p);
  /* no temp file is left (they go when a request completes, just after
  ** its reply) */
  Buf dir = BUF_INIT;
  buf_appendf(&dir, "%s/tmp-upload", lim.zStore);
  int nLeft = -1;
  for(int i=0; i<50 && nLeft!=0; i++){
    DIR *d = opendir(dir.z);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    nLeft = 0;
    while( (e = readdir(d))!=0 ) nLeft += e->d_name[0]!='.';
    closedir(d);
    struct timespec ts = { 0, 50*1000*1000 };
    if( nLeft ) nanosleep(&ts, 0);
  }
  ck_assert_int_eq(nLeft, 0);
  buf_release(&dir);
}
END_TEST

/* 12. --anonymous-read: reading without login, writing and the audit log
** still need one. */
START_TEST(t12_anonymous_read){
  Resp p;
  get(&p, &lim, "/api/search?q=woning", 0);
  ck_assert_msg(p.status==200, "%ld %s", p.status, p.body.z);
  tu_resp_free(&p);
  get(&p, &lim, "/api/bodies", 0);
  ck_assert_int_eq(p.status, 200);
  tu_resp_free(&p);
  upload(&p, &lim, 0, SMALL_DOCX, 0, 0, 0, 0);
  expect_error(&p, 401, "anonymous upload");
  tu_resp_free(&p);
  get(&p, &lim, "/api/audit", 0);
  expect_error(&p, 401, "anonymous audit");
  tu_resp_free(&p);
}
END_TEST

/* 13. The watched folder: a file put there is imported and found. */
START_TEST(t13_watched_folder){
  Buf b = BUF_INIT;
  hostile_file_read(ODT, &b);
  Buf tmp = BUF_INIT, dst = BUF_INIT;
  buf_appendf(&tmp, "%s/.incoming", zBase);
  buf_appendf(&dst, "%s/verslag.odt", zWatchDir);
  hostile_file_write(tmp.z, b.z, b.n);
  ck_assert_int_eq(rename(tmp.z, dst.z), 0);   /* moved in: complete at once */
  int bFound = 0;
  for(int i=0; i<300 && !bFound; i++){
    Resp p;
    get(&p, &lim, "/api/search?q=vluchtelingen", 0);
    bFound = p.status==200 && json_integer_value(json_object_get(p.j, "total"))>0;
    tu_resp_free(&p);
    if( !bFound ){
      struct timespec ts = { 0, 100*1000*1000 };
      nanosleep(&ts, 0);
    }
  }
  ck_assert_msg(bFound, "the watched file was not imported (log: %s)", lim.zLog);
  buf_release(&b);
  buf_release(&tmp);
  buf_release(&dst);
}
END_TEST

/* 14. --rate 20 (burst 40): a flood of 200 requests gets 429 with Retry-After, as JSON. */
START_TEST(t14_rate_limit){
  int n429 = 0;
  for(int i=0; i<200; i++){
    Resp p;
    get(&p, &lim, "/api/health", 0);
    ck_assert(p.status==200 || p.status==429);
    if( p.status==429 ){
      if( n429++==0 ){
        expect_error(&p, 429, "flood");
        ck_assert_msg(atoi(tu_resp_header(&p, "Retry-After"))>=1, "%s", p.head.z);
        expect_security_headers(&p, "429");
      }
    }
    tu_resp_free(&p);
  }
  ck_assert_msg(n429>=20, "only %d of 200 refused", n429);
}
END_TEST

/* ---------------------------------------------------- start and stop */

/* 15. The first start of an empty archive makes the administrator and
** prints the password once; SIGTERM stops the server with status 0. */
START_TEST(t15_first_start_and_sigterm){
  Server s;
  char zStore[160];
  snprintf(zStore, sizeof zStore, "%s/fresh-%d", zBase, (int)getpid());
  static const char *const azArg[] = { "--no-watch", 0 };
  ck_assert_int_eq(server_start(&s, zStore, azArg), 0);
  ck_assert(s.bFirstStart);
  Resp p;
  get(&p, &s, "/api/health", 0);
  ck_assert_int_eq(p.status, 200);
  tu_resp_free(&p);
  ck_assert_int_eq(server_stop(&s), 0);
  /* the second start finds the user: no new password */
  ck_assert_int_eq(server_start(&s, zStore, azArg), 0);
  ck_assert(!s.bFirstStart);
  ck_assert_int_eq(server_stop(&s), 0);
}
END_TEST

/* 16. --tls-cert and --tls-key: HTTPS with libmicrohttpd's own TLS, and
** Strict-Transport-Security; a key that is not PEM: status 1.  The
** certificate (self-signed, for localhost, valid for a century) and its
** key exist for this test only. */
static const char zTestCert[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBfjCCASWgAwIBAgIUW1/VQVi8+YGUJetTibm+NfpGHxswCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyOTE2NDcwMloYDzIxMjYxMTA1\n"
  "MTY0NzAyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARYZXpMcNpQOeBAfc70wRPhhTT1Uc7DzESd9otEhHnsnyN/V0s/zFBR\n"
  "Frqd6f1Qf4EAml+/2Dd+gHHx84SCRZ41o1MwUTAdBgNVHQ4EFgQURuzilfs6jnm+\n"
  "BUGp5aMkdaxMj7kwHwYDVR0jBBgwFoAURuzilfs6jnm+BUGp5aMkdaxMj7kwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAToO6YQVcjxD5xFK+bSLHx\n"
  "VtK+hame4Qu8/iDHxpU7AAIgdipSJ91DKErIOIc764/klltT168H67k4V40g+oY9\n"
  "baM=\n"
  "-----END CERTIFICATE-----\n";
static const char zTestKey[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQga5GKoLbbxvUDsgeL\n"
  "hsawNNRksCJoN2sg03F3qxGByKWhRANCAARYZXpMcNpQOeBAfc70wRPhhTT1Uc7D\n"
  "zESd9otEhHnsnyN/V0s/zFBRFrqd6f1Qf4EAml+/2Dd+gHHx84SCRZ41\n"
  "-----END PRIVATE KEY-----\n";

START_TEST(t16_tls){
  char zCert[256], zKey[256];
  snprintf(zCert, sizeof zCert, "%s", tu_path(zBase, "cert.pem"));
  snprintf(zKey, sizeof zKey, "%s", tu_path(zBase, "key.pem"));
  hostile_file_write(zCert, zTestCert, sizeof zTestCert - 1);
  hostile_file_write(zKey, zTestKey, sizeof zTestKey - 1);
  Server s;
  char zStore[160];
  snprintf(zStore, sizeof zStore, "%s/tls-%d", zBase, (int)getpid());
  const char *azArg[] = { "--no-watch", "--tls-cert", zCert, "--tls-key", zKey, 0 };
  ck_assert_int_eq(server_start(&s, zStore, azArg), 0);
  ck_assert_msg(strncmp(s.zUrl, "https://127.0.0.1:", 18)==0, "%s", s.zUrl);
  Resp p;
  TuReq q = { .bInsecure = 1 };      /* the certificate is self-signed */
  tu_http(&p, s.zUrl, "/api/health", &q);
  ck_assert_int_eq(p.status, 200);
  ck_assert_str_eq(tu_resp_header(&p, "Strict-Transport-Security"), "max-age=31536000");
  expect_security_headers(&p, "https");
  tu_resp_free(&p);
  ck_assert_int_eq(server_stop(&s), 0);
  /* the certificate given as the key */
  const char *azBad[] = { "--no-watch", "--tls-cert", zCert, "--tls-key", zCert, 0 };
  ck_assert_int_eq(server_start(&s, zStore, azBad), -1);
}
END_TEST

/* 17. Bad options: usage errors, no server. */
START_TEST(t17_bad_options){
  static const char *const aazArg[][4] = {
    { "--max-upload", "lots", 0 }, { "--threads", "0", 0 }, { "--tls-cert", "x.pem", 0 },
    { "--rate", "-1", 0 }, { "--listen", "nohost", 0 }, { "--bogus", 0 },
    { "--cache", "much", 0 }, { "--term-cache", "-5M", 0 },
  };
  static const int aWant[] = { 2, 2, 2, 2, 1, 2, 2, 2 };
  for(size_t i=0; i<sizeof aWant/sizeof aWant[0]; i++){
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if( pid==0 ){
      const char *az[8] = { overleg_bin(), "serve", "--storage", tu_path(zBase, "bad"), "--no-watch" };
      int n = 5;
      for(int k=0; aazArg[i][k]; k++) az[n++] = aazArg[i][k];
      az[n] = 0;
      int fd = open("/dev/null", O_WRONLY);
      dup2(fd, 1);
      dup2(fd, 2);
      execv(az[0], (char**)az);
      _exit(127);
    }
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st)==aWant[i], "%s: status %d",
                  aazArg[i][0], st);
  }
}
END_TEST

/* 18. The servers of the cases above stopped on SIGTERM with status 0 (a
** sanitizer build: without leaks). */
START_TEST(t18_servers_exited_cleanly){
  ck_assert_msg(zExitProblems[0]==0, "%s", zExitProblems);
}
END_TEST

/* ---------------------------------------------------------------- suite */

/* The suite's folder, made by the first fixture that needs it (so that a
** single test case can run alone). */
static void base_new(void){
  if( zBase ) return;
  zBase = hostile_dir_new();
  curl_global_init(CURL_GLOBAL_ALL);
  auth_set_pwhash_cost_for_tests(1);
}

static void base_free(void){
  hostile_dir_free(zBase);
  zBase = 0;
}

Suite *suite_serve(void){
  Suite *s = suite_create("serve");
  TCase *tc = tcase_create("api");
  tcase_set_timeout(tc, 120);
  tcase_add_unchecked_fixture(tc, api_setup, api_teardown);
  tcase_add_test(tc, t01_health_and_headers);
  tcase_add_test(tc, t02_login_required);
  tcase_add_test(tc, t03_roles);
  tcase_add_test(tc, t04_upload_and_search);
  tcase_add_test(tc, t05_duplicate);
  tcase_add_test(tc, t06_refused_uploads);
  tcase_add_test(tc, t07_csrf);
  tcase_add_test(tc, t08_hostile_queries);
  tcase_add_test(tc, t09_static);
  tcase_add_test(tc, t10_catalog_routes);
  tcase_add_test(tc, t19_audit_filter);
  suite_add_tcase(s, tc);

  tc = tcase_create("limits");
  tcase_set_timeout(tc, 120);
  tcase_add_unchecked_fixture(tc, lim_setup, lim_teardown);
  tcase_add_test(tc, t11_max_upload);
  tcase_add_test(tc, t12_anonymous_read);
  tcase_add_test(tc, t13_watched_folder);
  tcase_add_test(tc, t14_rate_limit);
  suite_add_tcase(s, tc);

  tc = tcase_create("life");
  tcase_set_timeout(tc, 120);
  tcase_add_unchecked_fixture(tc, base_new, base_free);
  tcase_add_test(tc, t15_first_start_and_sigterm);
  tcase_add_test(tc, t16_tls);
  tcase_add_test(tc, t17_bad_options);
  tcase_add_test(tc, t18_servers_exited_cleanly);
  suite_add_tcase(s, tc);
  return s;
}
