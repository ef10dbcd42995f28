/*
** testutil.c — see testutil.h.
*/
#include "testutil.h"

#include <check.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "hostile.h"
#include "import.h"
#include "serve.h"

/* ------------------------------------------------------------ scratch */

const char *tu_path(const char *zDir, const char *zRel){
  static char az[8][512];
  static int i;
  char *z = az[i++ % 8];
  int n = snprintf(z, sizeof az[0], "%s/%s", zDir, zRel);
  ck_assert_msg(n>0 && (size_t)n<sizeof az[0], "path too long: %s/%s", zDir, zRel);
  return z;
}

double tu_now(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec/1e9;
}

void tu_sha256_hex(const void *p, size_t n, char zHex[65]){
  unsigned char a[crypto_hash_sha256_BYTES];
  ck_assert_int_ge(sodium_init(), 0);
  crypto_hash_sha256(a, p, n);
  sodium_bin2hex(zHex, 65, a, sizeof a);
}

/* ----------------------------------------------------------- archives */

void tu_arch_new(TuArch *a, const char *zParent){
  memset(a, 0, sizeof *a);
  a->zDir = zParent ? hostile_dir_in(zParent) : hostile_dir_new();
  a->zStore = hostile_path(a->zDir, "st");
  a->zIn = hostile_path(a->zDir, "in");
  ck_assert_msg(mkdir(a->zIn, 0700)==0, "mkdir %s: %s", a->zIn, strerror(errno));
}

void tu_arch_open(TuArch *a){
  Err err = ERR_INIT;
  ck_assert_msg(store_open(a->zStore, &a->s, &err)==0, "%s", err.msg);
  a->db = store_db(a->s);
}

void tu_arch_close(TuArch *a){
  store_close(a->s);
  a->s = 0;
  a->db = 0;
}

void tu_arch_free(TuArch *a){
  tu_arch_close(a);
  free(a->zStore);
  free(a->zIn);
  hostile_dir_free(a->zDir);
  memset(a, 0, sizeof *a);
}

int tu_arch_cli(TuArch *a, const char *zStdin, const char *const *azArg, Buf *pOut, Buf *pErr){
  int n = 0;
  while( azArg[n] ) n++;
  const char **az = xrealloc(0, sizeof az[0] * (size_t)(n + 3));
  memcpy(az, azArg, sizeof az[0] * (size_t)n);
  az[n++] = "--storage";
  az[n++] = "st";
  az[n] = 0;
  /* the command opens the archive itself: ours must not hold it */
  int bOpen = a->s!=0;
  tu_arch_close(a);
  buf_reset(pOut);
  buf_reset(pErr);
  int rc = hostile_cli_stdin(a->zDir, zStdin, az, pOut, pErr);
  free(az);
  if( bOpen ) tu_arch_open(a);
  return rc;
}

long tu_arch_import(TuArch *a, const char *zPath){
  ImportOpts o;
  memset(&o, 0, sizeof o);
  o.nThread = 1;
  ImportStats st;
  Err err = ERR_INIT;
  char *az[] = { (char*)(zPath ? zPath : a->zIn) };
  ck_assert_msg(import_run(a->s, az, 1, &o, 0, 0, &st, &err)==0, "import: %s", err.msg);
  return st.nNew;
}

void tu_org_example(sqlite3 *db, OrgCounts *pC){
  static const char zPath[] = "tests/fixtures/org-example.json";
  Buf b = BUF_INIT;
  Err err = ERR_INIT;
  ck_assert_msg(buf_read_file(&b, zPath, ORG_MAX_BYTES)==0, "cannot read %s", zPath);
  ck_assert_msg(org_load(db, b.z, b.n, pC, &err)==0, "%s", err.msg);
  buf_release(&b);
}

/* ---------------------------------------------------------------- SQL */

/* zSql prepared, zArg bound, stepped to its first row. */
static sqlite3_stmt *first_row(sqlite3 *db, const char *zSql, const char *zArg){
  sqlite3_stmt *st;
  ck_assert_msg(sqlite3_prepare_v2(db, zSql, -1, &st, 0)==SQLITE_OK, "%s: %s", zSql,
                sqlite3_errmsg(db));
  if( zArg ) sqlite3_bind_text(st, 1, zArg, -1, SQLITE_TRANSIENT);
  ck_assert_msg(sqlite3_step(st)==SQLITE_ROW, "%s [%s]: no row", zSql, zArg ? zArg : "");
  return st;
}

long long tu_q_int(sqlite3 *db, const char *zSql, const char *zArg){
  sqlite3_stmt *st = first_row(db, zSql, zArg);
  long long v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

const char *tu_q_text(sqlite3 *db, const char *zSql, const char *zArg){
  static char z[65536];
  sqlite3_stmt *st = first_row(db, zSql, zArg);
  const char *v = (const char*)sqlite3_column_text(st, 0);
  int n = snprintf(z, sizeof z, "%s", v ? v : "NULL");
  sqlite3_finalize(st);
  ck_assert_msg((size_t)n<sizeof z, "%s: a value of %d bytes", zSql, n);
  return z;
}

const char *tu_meeting_links(sqlite3 *db){
  return tu_q_text(db, "SELECT coalesce(group_concat(x, ','), '') FROM (SELECT ma.date || '>'"
                   " || mb.date || ':' || mp.how AS x FROM meeting_prepares mp"
                   " JOIN meeting ma ON ma.id=mp.ao_meeting_id JOIN meeting mb ON mb.id=mp.bo_meeting_id"
                   " ORDER BY ma.date, mb.date)", 0);
}

void tu_exec(sqlite3 *db, const char *zSql){
  char *zMsg = 0;
  int rc = sqlite3_exec(db, zSql, 0, 0, &zMsg);
  ck_assert_msg(rc==SQLITE_OK, "%s: %s", zSql, zMsg);
  sqlite3_free(zMsg);
}

/* --------------------------------------------------------------- JSON */

const char *tu_json_dump(const json_t *j){
  static char az[4][16384];
  static int i;
  char *z = az[i++ % 4];
  char *zJson = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : 0;
  int n = snprintf(z, sizeof az[0], "%s", zJson ? zJson : "NULL");
  free(zJson);
  ck_assert_msg((size_t)n<sizeof az[0], "JSON of %d bytes", n);
  return z;
}

const char *tu_json_keys(const json_t *j){
  static char z[1024];
  const char *zKey;
  json_t *v;
  size_t n = 0;
  z[0] = 0;
  json_object_foreach((json_t*)j, zKey, v){
    int k = snprintf(z+n, sizeof z - n, "%s%s", n ? "," : "", zKey);
    ck_assert_msg(k>0 && (size_t)k<sizeof z - n, "too many keys");
    n += (size_t)k;
  }
  return z;
}

/* --------------------------------------------------------------- HTTP */

static size_t on_data(char *p, size_t n, size_t m, void *pBuf){
  buf_append(pBuf, p, n*m);
  return n*m;
}

void tu_http(TuResp *p, const char *zUrl, const char *zPath, const TuReq *q){
  const char *zMethod = q->zMethod ? q->zMethod : "GET";
  memset(p, 0, sizeof *p);
  buf_init(&p->head);
  buf_init(&p->body);
  CURL *c = curl_easy_init();
  ck_assert_ptr_nonnull(c);
  Buf url = BUF_INIT, tmp = BUF_INIT, form = BUF_INIT;
  size_t nUrl = strlen(zUrl);
  buf_appendf(&url, "%s%s", zUrl, nUrl && zUrl[nUrl-1]=='/' && zPath[0]=='/' ? zPath+1 : zPath);
  curl_easy_setopt(c, CURLOPT_URL, url.z);
  curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &p->body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &p->head);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  if( q->bInsecure ){
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  struct curl_slist *h = 0;
  if( q->zAuth ){
    buf_appendf(&tmp, "Authorization: Bearer %s", q->zAuth);
    h = curl_slist_append(h, tmp.z);
  }
  if( q->zSession ){
    buf_reset(&tmp);
    buf_appendf(&tmp, "overleg_session=%s", q->zSession);
    curl_easy_setopt(c, CURLOPT_COOKIE, tmp.z);
  }
  curl_mime *mime = 0;
  if( q->azFile ){
    mime = curl_mime_init(c);
    for(int i=0; q->azField && q->azField[i]; i+=2){
      curl_mimepart *part = curl_mime_addpart(mime);
      curl_mime_name(part, q->azField[i]);
      curl_mime_data(part, q->azField[i+1], CURL_ZERO_TERMINATED);
    }
    for(int i=0; q->azFile[i]; i+=3){
      curl_mimepart *part = curl_mime_addpart(mime);
      curl_mime_name(part, q->azFile[i]);
      if( q->azFile[i+1][0] ) curl_mime_filedata(part, q->azFile[i+1]);
      else curl_mime_data(part, "", 0);
      if( q->azFile[i+2] ) curl_mime_filename(part, q->azFile[i+2]);
    }
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
  }else if( q->azField ){
    for(int i=0; q->azField[i]; i+=2){
      char *zK = curl_easy_escape(c, q->azField[i], 0);
      char *zV = curl_easy_escape(c, q->azField[i+1], 0);
      buf_appendf(&form, "%s%s=%s", i ? "&" : "", zK, zV);
      curl_free(zK);
      curl_free(zV);
    }
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.z);
  }else if( q->zBody ){
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, q->zBody);
    buf_reset(&tmp);
    buf_appendf(&tmp, "Content-Type: %s", q->zType);
    h = curl_slist_append(h, tmp.z);
  }
  if( strcmp(zMethod, "HEAD")==0 ) curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  else if( strcmp(zMethod, "GET") ) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, zMethod);
  if( h ) curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  CURLcode rc = curl_easy_perform(c);
  ck_assert_msg(rc==CURLE_OK, "%s %s: %s", zMethod, zPath, curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &p->status);
  p->j = json_loadb(p->body.z, p->body.n, 0, 0);
  curl_mime_free(mime);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  buf_release(&url);
  buf_release(&tmp);
  buf_release(&form);
}

void tu_resp_free(TuResp *p){
  buf_release(&p->head);
  buf_release(&p->body);
  json_decref(p->j);
  p->j = 0;
}

const char *tu_resp_header(const TuResp *p, const char *zName){
  static char z[1024];
  size_t n = strlen(zName);
  z[0] = 0;
  for(const char *zLine=p->head.z; *zLine; ){
    size_t nLine = strcspn(zLine, "\r\n");
    if( nLine>n && strncasecmp(zLine, zName, n)==0 && zLine[n]==':' ){
      const char *v = zLine+n+1;
      while( *v==' ' ) v++;
      snprintf(z, sizeof z, "%.*s", (int)(nLine - (size_t)(v-zLine)), v);
    }
    zLine += nLine;
    while( *zLine=='\r' || *zLine=='\n' ) zLine++;
  }
  return z;
}

/* ------------------------------------------------------------- server */

void tu_web_user(TuWeb *w, int i, const char *zName, AuthRole role, const char *zPassword){
  Err err = ERR_INIT;
  AuthUser u;
  ck_assert(i>=0 && i<4);
  auth_set_pwhash_cost_for_tests(1);
  ck_assert_msg(auth_user_add(w->a.db, zName, role, zPassword, &err)==0, "%s", err.msg);
  ck_assert_int_eq(auth_login(w->a.db, zName, zPassword, "test", &u, 0, &err), 0);
  ck_assert_int_eq(auth_session_new(w->a.db, u.id, w->azSession[i], &err), 0);
}

void tu_web_start(TuWeb *w, const HttpRoute *const *aaRoute, int bAnonymousRead){
  curl_global_init(CURL_GLOBAL_DEFAULT);
  HttpConfig c;
  memset(&c, 0, sizeof c);
  c.zListen = "127.0.0.1:0";
  c.nMaxUpload = 8 << 20;
  c.nThread = 2;
  c.bAnonymousRead = bAnonymousRead;
  c.aaRoute = aaRoute;
  Err err = ERR_INIT;
  ck_assert_msg(http_server_start(w->a.s, &c, &w->srv, &err)==0, "%s", err.msg);
  snprintf(w->zUrl, sizeof w->zUrl, "http://127.0.0.1:%d", http_server_port(w->srv));
}

void tu_web_stop(TuWeb *w){
  http_server_stop(w->srv);
  w->srv = 0;
  tu_arch_free(&w->a);
  curl_global_cleanup();
}

long tu_web_get(TuWeb *w, const char *zPath, const char *zSession, TuResp *r){
  TuReq q = { 0 };
  q.zSession = zSession;
  tu_http(r, w->zUrl, zPath, &q);
  return r->status;
}

long tu_web_post(TuWeb *w, int i, const char *zPath, const char *const *azField, TuResp *r){
  TuReq q = { 0 };
  q.zMethod = "POST";
  q.zSession = i>=0 ? w->azSession[i] : 0;
  q.azField = azField;
  tu_http(r, w->zUrl, zPath, &q);
  return r->status;
}

const char *tu_web_csrf(TuWeb *w, int i){
  static char z[AUTH_TOKEN_HEX+1];
  auth_csrf_token(w->a.db, w->azSession[i], z);
  return z;
}

void tu_web_expect(TuWeb *w, const char *zPath, long status, ...){
  TuResp r;
  long st = tu_web_get(w, zPath, 0, &r);
  ck_assert_msg(st==status, "GET %s: %ld, want %ld\n%.3000s", zPath, st, status, r.body.z);
  va_list ap;
  va_start(ap, status);
  const char *z;
  while( (z = va_arg(ap, const char*))!=0 ){
    ck_assert_msg(strstr(r.body.z, z)!=0, "GET %s: no \"%s\" in\n%.8000s", zPath, z, r.body.z);
  }
  va_end(ap);
  tu_resp_free(&r);
}

int tu_count(const char *zHay, const char *z){
  int n = 0;
  for(const char *p=zHay; (p = strstr(p, z))!=0; p += strlen(z)) n++;
  return n;
}

int tu_web_count(TuWeb *w, const char *zPath, const char *z){
  TuResp r;
  tu_web_get(w, zPath, 0, &r);
  int n = tu_count(r.body.z, z);
  tu_resp_free(&r);
  return n;
}
