/*
** http.c — the web server under "overleg serve"; see http.h (what
** handlers use) and serve.h (its life cycle).
**
** libmicrohttpd calls access_handler() several times per request: first
** with the headers only, then with each piece of the body, then once more
** with none.  The first call sets up an HttpReq and makes every check that
** needs no body (rate, route, login, role, content type, announced size),
** so that a request that will be refused is refused before its body is
** read.  The middle calls feed the body to MHD's post processor, which
** hands plain fields (kept in memory, bounded) and files (streamed to temp
** files, bounded by --max-upload) to post_iterator().  The last call checks
** the CSRF token and runs the route's handler, which makes the reply.
** request_completed() frees the HttpReq and removes its temp files, also
** for a request the client broke off.
**
** Each pool thread opens its own SQLite connection at its first request
** (a pthread key finds it again); the server keeps them on a list and
** closes them after the threads have stopped.
*/
#include "http.h"
#include "html.h"
#include "pages.h"
#include "rcache.h"
#include "search.h"
#include "serve.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HTTP_FIELD_MAX     (64*1024)   /* bytes of one plain form field */
#define HTTP_FIELDS_MAX    (1024*1024) /* bytes of all plain fields together */
#define HTTP_NFIELD_MAX    1000        /* plain fields and query arguments */
#define HTTP_NUPLOAD_MAX   256         /* files in one request */
#define HTTP_NAME_MAX      255         /* bytes of a client's file name */
#define HTTP_POST_BUFFER   (16*1024)   /* the post processor's buffer */
#define HTTP_MEMORY_LIMIT  (256*1024)  /* per connection: headers and URL (a
                                       ** 100 KB query string must fit) */
#define HTTP_TIMEOUT_S     30          /* idle connections are closed */
#define HTTP_CONN_MAX      1024        /* connections at once, at most */
#define HTTP_CONN_PER_IP   64          /* ... from one address */
#define HTTP_RATE_SLOTS    4096        /* addresses the rate limit tracks */
#define HTTP_RATE_BURST    2.0         /* a bucket holds this many seconds' worth */
#define HTTP_NHEADER_MAX   16          /* extra headers per reply */
#define HTTP_DISCARD_MAX   (64*1024)   /* a body read to no end, at most, to
                                       ** keep a connection open */
#define HTTP_DRAIN_MAX     (HTTP_FIELDS_MAX + 1024*1024)  /* ... to answer at all */

#define SESSION_COOKIE "overleg_session"

static const char zCsp[] = "default-src 'self'; frame-ancestors 'none'; "
                           "form-action 'self'; base-uri 'none'";

/* ------------------------------------------------------------ structures */

/* One thread's connection to the archive. */
typedef struct ThreadDb {
  sqlite3 *db;
  struct ThreadDb *pNext;
} ThreadDb;

/* A token bucket per client address (IPv6: per /64, which one client
** usually holds whole).  Direct-mapped by a keyed hash: two addresses that
** meet in one slot take turns owning it, which only ever makes the limit
** looser for them. */
typedef struct RateSlot {
  unsigned char aKey[16];
  double tokens;
  double tLast;
} RateSlot;

struct HttpServer {
  Store *store;
  struct MHD_Daemon *d;
  HttpConfig cfg;             /* zTlsCert/zTlsKey copied below */
  char *zCert, *zKey;
  char *zUploadDir;           /* STORAGE/tmp-upload */
  int bTls;
  pthread_mutex_t muWrite;    /* http_write_lock */
  pthread_key_t key;          /* -> ThreadDb */
  RCache *pCache;             /* search answers (http_search) */
  pthread_mutex_t muDb;
  ThreadDb *pDbList;
  pthread_mutex_t muRate;
  unsigned char aRateKey[crypto_shorthash_KEYBYTES];
  RateSlot *aRate;
};

/* A query argument: MHD owns both strings, until the request completes. */
typedef struct Arg {
  const char *zKey;
  const char *zVal;
} Arg;

/* A plain field of a form: owned by the request. */
typedef struct Field {
  char *zKey;
  Buf val;
} Field;

typedef struct Header {
  char *zName, *zValue;
} Header;

struct HttpReq {
  HttpServer *srv;
  struct MHD_Connection *conn;
  const char *zMethod, *zPath;      /* MHD's, valid until completion */
  const HttpRoute *pRoute;          /* NULL: the static files */
  sqlite3 *db;
  int bApi;                         /* under /api/: errors as JSON */
  char zIp[INET6_ADDRSTRLEN];
  /* arguments */
  Arg *aQuery; int nQuery, nQueryAlloc;
  Field *aField; int nField;
  size_t nFieldBytes;
  int bArgBad;                      /* a query argument held NUL or bad UTF-8 */
  char zArgBad[80];
  /* the body */
  struct MHD_PostProcessor *pp;
  int bBody;                        /* a POST whose body is being read */
  int bJson;                        /* ... a JSON object (API only), into json */
  Buf json;
  HttpUpload *aUpload; int nUpload;
  int fdUpload;                     /* the file being written, or -1 */
  uint64_t nUploadBytes;
  int errStatus;                    /* the body was refused: 400, 413, 500 */
  uint64_t nDiscard;                /* bytes of the body dropped since */
  int bReplyMade;                   /* refused before the body: send after it */
  const char *zErr;
  char zErrJson[256];               /* zErr of a JSON body that does not parse */
  /* who */
  AuthUser user;
  int bUser;
  int bSession;                     /* authenticated by the session cookie */
  char zSession[AUTH_TOKEN_HEX+1];
  char zCsrf[AUTH_TOKEN_HEX+1];
  int bCsrf;                        /* zCsrf computed */
  /* the reply */
  struct MHD_Response *pResp;
  unsigned status;
  Header aHeader[HTTP_NHEADER_MAX]; int nHeader;
};

static void log_error(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
static void log_error(const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  Buf b = BUF_INIT;
  buf_puts(&b, "overleg: ");
  buf_vappendf(&b, zFmt, ap);
  buf_putc(&b, '\n');
  va_end(ap);
  fputs(b.z, stderr);
  buf_release(&b);
}

/* ----------------------------------------------------------- the request */

const char *http_method(const HttpReq *r){ return r->zMethod; }
const char *http_path(const HttpReq *r){ return r->zPath; }

const char *http_arg(const HttpReq *r, const char *zName){
  for(int i=0; i<r->nQuery; i++){
    if( strcmp(r->aQuery[i].zKey, zName)==0 ) return r->aQuery[i].zVal;
  }
  for(int i=0; i<r->nField; i++){
    if( strcmp(r->aField[i].zKey, zName)==0 ) return r->aField[i].val.z;
  }
  return 0;
}

const char *http_arg_given(const HttpReq *r, const char *zName){
  const char *z = http_arg(r, zName);
  return z && z[0] ? z : 0;
}

int http_args(const HttpReq *r, const char *zName, const char **az, int nMax){
  int n = 0;
  for(int i=0; i<r->nQuery && n<nMax; i++){
    if( strcmp(r->aQuery[i].zKey, zName)==0 ) az[n++] = r->aQuery[i].zVal;
  }
  for(int i=0; i<r->nField && n<nMax; i++){
    if( strcmp(r->aField[i].zKey, zName)==0 ) az[n++] = r->aField[i].val.z;
  }
  return n;
}

/* A form field only: the CSRF token must come with the body, not in a URL
** that ends up in logs and Referer headers. */
static const char *form_field(const HttpReq *r, const char *zName){
  for(int i=0; i<r->nField; i++){
    if( strcmp(r->aField[i].zKey, zName)==0 ) return r->aField[i].val.z;
  }
  return 0;
}

const char *http_header(const HttpReq *r, const char *zName){
  return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, zName);
}

const char *http_cookie(const HttpReq *r, const char *zName){
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, zName);
}

const char *http_client_ip(const HttpReq *r){ return r->zIp; }
int http_is_tls(const HttpReq *r){ return r->srv->bTls; }

const HttpUpload *http_uploads(const HttpReq *r, int *pn){
  *pn = r->nUpload;
  return r->aUpload;
}

int http_arg_int(HttpReq *r, const char *zName, int iDefault, int iMin, int iMax, int *pv){
  const char *z = http_arg(r, zName);
  *pv = iDefault;
  if( z==0 || z[0]==0 ) return 0;
  long long v = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9' && n<10; n++) v = v*10 + (z[n]-'0');
  if( z[n] || v<iMin || v>iMax ){
    Buf m = BUF_INIT;
    buf_appendf(&m, "%s must be a whole number from %d to %d", zName, iMin, iMax);
    http_reply_json_error(r, 400, m.z);
    buf_release(&m);
    return -1;
  }
  *pv = (int)v;
  return 0;
}

long long http_path_id(const HttpReq *r){
  const char *z = strrchr(r->zPath, '/');
  if( z==0 || z[1]==0 ) return 0;
  long long id = 0;
  for(z++; *z; z++){
    if( *z<'0' || *z>'9' || id>(LLONG_MAX-9)/10 ) return 0;
    id = id*10 + (*z-'0');
  }
  return id;
}

const char *http_lang(const HttpReq *r){
  const char *z = http_arg(r, "lang");
  if( z==0 || (strcmp(z, "en") && strcmp(z, "nl")) ) z = http_cookie(r, "lang");
  return z && strcmp(z, "en")==0 ? "en" : "nl";
}

/* ---------------------------------------------------------------- context */

sqlite3 *http_db(const HttpReq *r){ return r->db; }
Store *http_store(const HttpReq *r){ return r->srv->store; }
HttpServer *http_server(const HttpReq *r){ return r->srv; }
const AuthUser *http_user(const HttpReq *r){ return r->bUser ? &r->user : 0; }

int http_role_at_least(const HttpReq *r, AuthRole role){ return r->bUser && r->user.role>=role; }

const char *http_actor(const HttpReq *r){ return r->bUser ? r->user.zName : ""; }

const char *http_csrf(const HttpReq *r){
  if( !r->bSession || r->db==0 ) return "";
  HttpReq *w = (HttpReq*)r;   /* a cache: computed at most once */
  if( !w->bCsrf ){
    auth_csrf_token(w->db, w->zSession, w->zCsrf);
    w->bCsrf = 1;
  }
  return w->zCsrf;
}

void http_write_lock(HttpServer *s){ pthread_mutex_lock(&s->muWrite); }
void http_write_unlock(HttpServer *s){ pthread_mutex_unlock(&s->muWrite); }
uint64_t http_max_upload(const HttpServer *s){ return s->cfg.nMaxUpload; }
int http_anonymous_read(const HttpServer *s){ return s->cfg.bAnonymousRead; }

/* The thread's connection, opened at its first request.  NULL with err
** set when the archive cannot be opened. */
static sqlite3 *thread_db(HttpServer *srv, Err *err){
  ThreadDb *t = pthread_getspecific(srv->key);
  if( t ) return t->db;
  sqlite3 *db;
  if( store_connect(srv->store, &db, err) ) return 0;
  Err e2 = ERR_INIT;
  if( search_prepare(db, &e2) ) log_error("%s", e2.msg);   /* optional: searches still work */
  t = xrealloc(0, sizeof *t);
  memset(t, 0, sizeof *t);
  t->db = db;
  pthread_mutex_lock(&srv->muDb);
  t->pNext = srv->pDbList;
  srv->pDbList = t;
  pthread_mutex_unlock(&srv->muDb);
  pthread_setspecific(srv->key, t);
  return db;
}

/* ------------------------------------------------------ cached searches */

/* The generation of the archive for the cache of answers: the search
** generation (search.h), which only changes to what search reads move on,
** so that logins, sessions and the audit log leave the cache alone.  0
** when it cannot be read (then answers are not kept: see http_search). */
static uint64_t archive_generation(sqlite3 *db){
  sqlite3_int64 n = search_generation(db);
  return n<0 ? 0 : (uint64_t)n + 1;
}

/* The cache key of o: its options as compact JSON, every field in a fixed
** order (jansson keeps insertion order). */
static char *search_key(const SearchOpts *o){
  const SearchFilter *f = &o->filter;
  json_t *k = json_object();
  json_object_set_new(k, "q", json_string(o->zQuery ? o->zQuery : ""));
  struct { const char *zName; const char *const *az; int n; } a[] = {
    { "body", f->azBody, f->nBody }, { "topic", f->azTopic, f->nTopic },
    { "kind", f->azKind, f->nKind }, { "municipality", f->azMunicipality, f->nMunicipality },
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    json_t *v = json_array();
    for(int j=0; j<a[i].n; j++) json_array_append_new(v, json_string(a[i].az[j]));
    json_object_set_new(k, a[i].zName, v);
  }
  json_object_set_new(k, "from", f->zFrom ? json_string(f->zFrom) : json_null());
  json_object_set_new(k, "to", f->zTo ? json_string(f->zTo) : json_null());
  json_object_set_new(k, "sort", json_integer(o->sort));
  json_object_set_new(k, "limit", json_integer(o->nLimit));
  json_object_set_new(k, "offset", json_integer(o->nOffset));
  char *z = json_dumps(k, JSON_COMPACT);
  json_decref(k);
  return z;   /* NULL: a value was not UTF-8 (json_string refused it) */
}

json_t *http_search(HttpReq *r, const SearchOpts *o, Err *err){
  HttpServer *srv = r->srv;
  char *zKey = srv->pCache ? search_key(o) : 0;
  if( zKey==0 ) return search_run(r->db, o, err);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  uint64_t iGen = archive_generation(r->db);
  Buf text = BUF_INIT;
  json_t *j = 0;
  if( iGen && rcache_get(srv->pCache, zKey, iGen, &text) ){
    j = json_loadb(text.z, text.n, 0, 0);
    if( j ){
      /* took_ms says what this answer took */
      clock_gettime(CLOCK_MONOTONIC, &t1);
      json_object_set_new(j, "took_ms", json_real((t1.tv_sec-t0.tv_sec)*1e3
                                                  + (t1.tv_nsec-t0.tv_nsec)/1e6));
    }
  }
  if( j==0 ){
    j = search_run(r->db, o, err);
    char *z = j ? json_dumps(j, JSON_COMPACT) : 0;
    if( z && iGen ) rcache_put(srv->pCache, zKey, iGen, z, strlen(z));
    free(z);
  }
  buf_release(&text);
  free(zKey);
  return j;
}

/* ---------------------------------------------------------------- replies */

static void reply_error(HttpReq *r, int status, const char *zEn, const char *zNl);

/* The headers every reply carries, errors and files included. */
static void add_common_headers(HttpReq *r, struct MHD_Response *resp, int bStatic){
  MHD_add_response_header(resp, "Content-Security-Policy", zCsp);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Cache-Control", bStatic ? "public, max-age=604800" : "no-store");
  if( r->srv->bTls ){
    MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
  }
  for(int i=0; i<r->nHeader; i++){
    if( MHD_add_response_header(resp, r->aHeader[i].zName, r->aHeader[i].zValue)!=MHD_YES ){
      log_error("%s: header %s refused", r->zPath, r->aHeader[i].zName);
    }
  }
}

/* Takes resp as the reply; a second reply is a programming error, logged
** and dropped, so that the first one is what the client gets. */
static void set_reply(HttpReq *r, unsigned status, struct MHD_Response *resp, int bStatic){
  if( resp==0 ){
    log_error("%s: cannot make a reply", r->zPath);
    return;
  }
  if( r->pResp ){
    log_error("%s: a second reply (%u after %u) dropped", r->zPath, status, r->status);
    MHD_destroy_response(resp);
    return;
  }
  add_common_headers(r, resp, bStatic);
  r->pResp = resp;
  r->status = status;
}

static void reply_bytes(HttpReq *r, int status, const char *zType, const void *p,
                        size_t n, int bStatic){
  struct MHD_Response *resp =
      MHD_create_response_from_buffer(n, (void*)p, MHD_RESPMEM_PERSISTENT);
  if( resp && zType ) MHD_add_response_header(resp, "Content-Type", zType);
  set_reply(r, (unsigned)status, resp, bStatic);
}

void http_reply(HttpReq *r, int status, const char *zType, Buf *body){
  struct MHD_Response *resp;
  if( body->cap==0 ){   /* the shared empty string: nothing to free */
    resp = MHD_create_response_from_buffer(body->n, body->z, MHD_RESPMEM_MUST_COPY);
    buf_release(body);
  }else{
    size_t n;
    char *z = buf_detach(body, &n);
    resp = MHD_create_response_from_buffer(n, z, MHD_RESPMEM_MUST_FREE);
    if( resp==0 ) free(z);
  }
  if( resp && zType ) MHD_add_response_header(resp, "Content-Type", zType);
  set_reply(r, (unsigned)status, resp, 0);
}

void http_reply_html(HttpReq *r, int status, Buf *body){
  http_reply(r, status, "text/html; charset=utf-8", body);
}

void http_reply_json(HttpReq *r, int status, json_t *j){
  char *z = j ? json_dumps(j, JSON_COMPACT) : 0;
  json_decref(j);
  if( z==0 ){
    log_error("%s: cannot write the reply as JSON", r->zPath);
    static const char zFail[] = "{\"error\":\"internal error\",\"status\":500}";
    reply_bytes(r, 500, "application/json", zFail, sizeof zFail - 1, 0);
    return;
  }
  struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(z), z, MHD_RESPMEM_MUST_FREE);
  if( resp==0 ) free(z);
  else MHD_add_response_header(resp, "Content-Type", "application/json");
  set_reply(r, (unsigned)status, resp, 0);
}

void http_reply_json_error(HttpReq *r, int status, const char *zMsg){
  /* a message that is not UTF-8 (it quotes the client) cannot be JSON */
  json_t *jMsg = zMsg ? json_string(zMsg) : 0;
  json_t *j = json_object();
  json_object_set_new(j, "error", jMsg ? jMsg : json_string("bad request"));
  json_object_set_new(j, "status", json_integer(status));
  http_reply_json(r, status, j);
}

void http_reply_redirect(HttpReq *r, const char *zLocation){
  /* only paths on this server: "//evil.example" is another host */
  if( zLocation==0 || zLocation[0]!='/' || zLocation[1]=='/' || zLocation[1]=='\\'
   || strpbrk(zLocation, "\r\n") ){
    zLocation = "/";
  }
  static const char zBody[] = "See Other\n";
  struct MHD_Response *resp =
      MHD_create_response_from_buffer(sizeof zBody - 1, (void*)zBody, MHD_RESPMEM_PERSISTENT);
  if( resp ){
    MHD_add_response_header(resp, "Location", zLocation);
    MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
  }
  set_reply(r, MHD_HTTP_SEE_OTHER, resp, 0);
}

/* Content-Disposition for a download name (RFC 6266): an ASCII fallback
** in which whatever could end or bend the quoted string is "_", and the
** exact name as UTF-8, percent-encoded. */
static void content_disposition(const char *zName, Buf *out){
  if( zName==0 || zName[0]==0 ) zName = "document";
  buf_puts(out, "attachment; filename=\"");
  for(const unsigned char *z=(const unsigned char*)zName; *z; z++){
    if( (*z & 0xC0)==0x80 ) continue;          /* one "_" per non-ASCII character */
    buf_putc(out, *z>=0x20 && *z<0x7F && *z!='"' && *z!='\\' && *z!='%' ? *z : '_');
  }
  buf_puts(out, "\"; filename*=UTF-8''");
  html_url_encode(out, zName);
}

void http_reply_file(HttpReq *r, const char *zPath, const char *zType,
                     const char *zDownloadName){
  int fd = open(zPath, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if( fd<0 || fstat(fd, &st) || !S_ISREG(st.st_mode) ){
    log_error("%s: %s", zPath, fd<0 ? strerror(errno) : "not a file");
    if( fd>=0 ) close(fd);
    reply_error(r, 500, "the original file is missing from the archive"
                        " (\"overleg check\" tells more)",
                "Het originele bestand ontbreekt in het archief.");
    return;
  }
  /* MHD closes fd when the response is destroyed */
  struct MHD_Response *resp = MHD_create_response_from_fd((size_t)st.st_size, fd);
  if( resp==0 ){
    close(fd);
    log_error("%s: cannot make a reply", zPath);
    return;
  }
  Buf cd = BUF_INIT;
  content_disposition(zDownloadName, &cd);
  MHD_add_response_header(resp, "Content-Type", zType ? zType : "application/octet-stream");
  MHD_add_response_header(resp, "Content-Disposition", cd.z);
  buf_release(&cd);
  set_reply(r, MHD_HTTP_OK, resp, 0);
}

void http_add_header(HttpReq *r, const char *zName, const char *zValue){
  if( r->pResp ){
    MHD_add_response_header(r->pResp, zName, zValue);
    return;
  }
  if( r->nHeader==HTTP_NHEADER_MAX ){
    log_error("%s: too many headers; %s dropped", r->zPath, zName);
    return;
  }
  r->aHeader[r->nHeader].zName = xstrdup(zName);
  r->aHeader[r->nHeader].zValue = xstrdup(zValue);
  r->nHeader++;
}

/* An error in the form the client reads: JSON under /api/, else a page
** (in the user's language: zNl or zEn).  Before the archive is open a page
** cannot be rendered, and a plain text takes its place. */
static void reply_error(HttpReq *r, int status, const char *zEn, const char *zNl){
  if( r->bApi ){
    http_reply_json_error(r, status, zEn);
    return;
  }
  if( r->db ) page_error(r, status, strcmp(http_lang(r), "en")==0 ? zEn : zNl);
  if( r->pResp==0 ){
    Buf b = BUF_INIT;
    buf_appendf(&b, "%s\n", zNl);
    http_reply(r, status, "text/plain; charset=utf-8", &b);
  }
}

/* -------------------------------------------------------------- the rate */

static double now_s(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec/1e9;
}

/* The address's bucket key and whether it is a loopback address. */
static int rate_key(const struct sockaddr *sa, unsigned char aKey[16]){
  memset(aKey, 0, 16);
  if( sa->sa_family==AF_INET ){
    const struct sockaddr_in *s4 = (const struct sockaddr_in*)sa;
    memcpy(aKey, &s4->sin_addr, 4);
    return aKey[0]==127;
  }
  if( sa->sa_family==AF_INET6 ){
    const struct sockaddr_in6 *s6 = (const struct sockaddr_in6*)sa;
    const unsigned char *a = s6->sin6_addr.s6_addr;
    if( IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr) ){
      memcpy(aKey, a+12, 4);
      return aKey[0]==127;
    }
    memcpy(aKey, a, 8);        /* the /64 */
    aKey[8] = 6;
    return IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr);
  }
  return 1;   /* a Unix socket: local */
}

/* 0 when the client may go on; else the seconds until it may. */
static int rate_check(HttpServer *srv, const struct sockaddr *sa){
  if( srv->cfg.rate<=0 ) return 0;
  unsigned char aKey[16];
  if( rate_key(sa, aKey) && !srv->cfg.bRateLoopback ) return 0;
  unsigned char aHash[crypto_shorthash_BYTES];
  crypto_shorthash(aHash, aKey, sizeof aKey, srv->aRateKey);
  uint32_t h;
  memcpy(&h, aHash, sizeof h);
  double burst = srv->cfg.rate * HTTP_RATE_BURST, t = now_s();
  int nWait = 0;
  pthread_mutex_lock(&srv->muRate);
  RateSlot *p = &srv->aRate[h % HTTP_RATE_SLOTS];
  if( memcmp(p->aKey, aKey, sizeof aKey) ){
    memcpy(p->aKey, aKey, sizeof aKey);
    p->tokens = burst;
  }else{
    p->tokens += (t - p->tLast) * srv->cfg.rate;
    if( p->tokens>burst ) p->tokens = burst;
  }
  p->tLast = t;
  if( p->tokens>=1 ){
    p->tokens -= 1;
  }else{
    nWait = (int)((1 - p->tokens)/srv->cfg.rate) + 1;
  }
  pthread_mutex_unlock(&srv->muRate);
  return nWait;
}

/* ---------------------------------------------------------- the arguments */

/* 1 when z (n bytes) is UTF-8 text without NUL: jansson checks the
** encoding (only asked when a byte is not ASCII). */
static int text_ok(const char *z, size_t n){
  if( memchr(z, 0, n) ) return 0;
  for(size_t i=0; i<n; i++){
    if( (unsigned char)z[i]>=0x80 ){
      json_t *s = json_stringn(z, n);
      json_decref(s);
      return s!=0;
    }
  }
  return 1;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                 size_t nKey, const char *zVal, size_t nVal){
  HttpReq *r = cls;
  if( zVal==0 ){ zVal = ""; nVal = 0; }
  if( !r->bArgBad && (!text_ok(zKey, nKey) || !text_ok(zVal, nVal)) ){
    r->bArgBad = 1;
    if( text_ok(zKey, nKey) ){
      snprintf(r->zArgBad, sizeof r->zArgBad, "%.40s", zKey);
    }
  }
  if( r->nQuery>=HTTP_NFIELD_MAX ){
    r->bArgBad = 1;
    return MHD_NO;
  }
  if( r->nQuery==r->nQueryAlloc ){
    r->nQueryAlloc = r->nQueryAlloc ? 2*r->nQueryAlloc : 16;
    r->aQuery = xrealloc(r->aQuery, r->nQueryAlloc * sizeof r->aQuery[0]);
  }
  r->aQuery[r->nQuery].zKey = zKey;
  r->aQuery[r->nQuery].zVal = zVal;
  r->nQuery++;
  return MHD_YES;
}

/* -------------------------------------------------------------- the body */

/* Sets the refusal of the body (the first one wins) and drops the files
** received so far: nothing more is written. */
static void body_refuse(HttpReq *r, int status, const char *zErr){
  if( r->errStatus ) return;
  r->errStatus = status;
  r->zErr = zErr;
  if( r->fdUpload>=0 ){
    close(r->fdUpload);
    r->fdUpload = -1;
  }
  for(int i=0; i<r->nUpload; i++) unlink(r->aUpload[i].zPath);
}

/* The base name of a client's file name ("C:\\x\\a.odt" from old
** browsers), bounded, valid UTF-8 and without control characters; NULL
** when nothing usable is left. */
static char *upload_name(const char *zFile){
  const char *z = zFile;
  for(const char *p=zFile; *p; p++){
    if( *p=='/' || *p=='\\' ) z = p+1;
  }
  Buf b = BUF_INIT;
  for(; *z && b.n<HTTP_NAME_MAX; z++){
    /* browsers (and curl) send " CR LF in a name as %22 %0D %0A (HTML's
    ** multipart rule) */
    if( z[0]=='%' && (strncmp(z+1, "22", 2)==0 || strncasecmp(z+1, "0A", 2)==0
                      || strncasecmp(z+1, "0D", 2)==0) ){
      buf_putc(&b, z[2]=='2' ? '"' : '_');
      z += 2;
      continue;
    }
    buf_putc(&b, (unsigned char)*z<0x20 || *z==0x7F ? '_' : *z);
  }
  while( b.n>0 && ((unsigned char)b.z[b.n-1] & 0xC0)==0x80 ) b.n--;  /* a cut character */
  if( b.n>0 && (unsigned char)b.z[b.n-1]>=0xC0 ) b.n--;
  b.z[b.n] = 0;
  if( b.n==0 || strcmp(b.z, ".")==0 || strcmp(b.z, "..")==0 || !text_ok(b.z, b.n) ){
    buf_release(&b);
    return 0;
  }
  return buf_detach(&b, 0);
}

static int upload_open(HttpReq *r, const char *zKey, const char *zFile){
  if( r->nUpload>=HTTP_NUPLOAD_MAX ){
    body_refuse(r, 413, "too many files in one request");
    return -1;
  }
  Buf p = BUF_INIT;
  buf_appendf(&p, "%s/up-XXXXXX", r->srv->zUploadDir);
  int fd = mkostemp(p.z, O_CLOEXEC);
  if( fd<0 ){
    log_error("%s: %s", p.z, strerror(errno));
    buf_release(&p);
    body_refuse(r, 500, "cannot store the upload");
    return -1;
  }
  if( r->fdUpload>=0 ) close(r->fdUpload);
  r->fdUpload = fd;
  r->aUpload = xrealloc(r->aUpload, (r->nUpload+1) * sizeof r->aUpload[0]);
  HttpUpload *u = &r->aUpload[r->nUpload++];
  u->zField = xstrdup(zKey);
  u->zName = upload_name(zFile);
  if( u->zName==0 ) u->zName = xstrdup(zFile[0] ? "upload" : "");
  u->zPath = buf_detach(&p, 0);
  u->nByte = 0;
  return 0;
}

static void upload_write(HttpReq *r, const char *z, size_t n){
  HttpUpload *u = &r->aUpload[r->nUpload-1];
  r->nUploadBytes += n;
  u->nByte += n;
  if( r->nUploadBytes > r->srv->cfg.nMaxUpload ){
    body_refuse(r, 413, "the upload is too large");
    return;
  }
  while( n>0 ){
    ssize_t k = write(r->fdUpload, z, n);
    if( k<0 && errno==EINTR ) continue;
    if( k<=0 ){
      log_error("%s: %s", u->zPath, strerror(errno));
      body_refuse(r, errno==ENOSPC ? 507 : 500, "cannot store the upload");
      return;
    }
    z += k;
    n -= (size_t)k;
  }
}

/* A new form field zKey, then its value in pieces: 0, or -1 when the body
** is refused (too many fields, too many bytes). */
static int field_new(HttpReq *r, const char *zKey){
  if( r->nQuery + r->nField>=HTTP_NFIELD_MAX ){
    body_refuse(r, 413, "too many form fields");
    return -1;
  }
  r->aField = xrealloc(r->aField, (r->nField+1) * sizeof r->aField[0]);
  r->aField[r->nField].zKey = xstrdup(zKey);
  buf_init(&r->aField[r->nField].val);
  r->nField++;
  r->nFieldBytes += strlen(zKey);
  return 0;
}

static int field_append(HttpReq *r, const char *z, size_t n){
  Field *f = &r->aField[r->nField-1];
  r->nFieldBytes += n;
  if( f->val.n + n > HTTP_FIELD_MAX || r->nFieldBytes > HTTP_FIELDS_MAX ){
    body_refuse(r, 413, "a form field is too large");
    return -1;
  }
  buf_append(&f->val, z, n);
  return 0;
}

/* A JSON scalar as a form sends it, in zNum when it is a number; NULL
** for an array or object. */
static const char *json_form_text(const json_t *x, char zNum[40]){
  if( json_is_string(x) ) return json_string_value(x);
  if( json_is_integer(x) ){
    snprintf(zNum, 40, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
    return zNum;
  }
  if( json_is_real(x) ){
    snprintf(zNum, 40, "%.17g", json_real_value(x));
    return zNum;
  }
  if( json_is_boolean(x) ) return json_is_true(x) ? "1" : "0";
  return json_is_null(x) ? "" : 0;
}

/* The JSON body as form fields, so that handlers read both alike: each
** member of the object a field, its value as a form would send it (a
** string as it is, a number as written, true 1, false 0, null empty); an
** array of those, one field per element.  0, or the refusal's status. */
static int json_fields(HttpReq *r){
  json_error_t e;
  json_t *o = json_loadb(r->json.z ? r->json.z : "", r->json.n, JSON_REJECT_DUPLICATES, &e);
  if( o==0 ){
    snprintf(r->zErrJson, sizeof r->zErrJson,
             "the body is not valid JSON: line %d, column %d: %.100s", e.line, e.column, e.text);
    body_refuse(r, 400, r->zErrJson);
    return r->errStatus;
  }
  if( !json_is_object(o) ){
    json_decref(o);
    body_refuse(r, 400, "the JSON body must be an object of fields: {\"name\": value, ...}");
    return r->errStatus;
  }
  const char *zKey;
  json_t *v;
  json_object_foreach(o, zKey, v){
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for(size_t i=0; i<n && !r->errStatus; i++){
      const json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
      char zNum[40];
      const char *z = json_form_text(x, zNum);
      if( z==0 ){
        snprintf(r->zErrJson, sizeof r->zErrJson, "field \"%.60s\": a string, number, true, false"
                 " or null (or a list of those)", zKey);
        body_refuse(r, 400, r->zErrJson);
      }else if( field_new(r, zKey)==0 ){
        field_append(r, z, json_is_string(x) ? json_string_length(x) : strlen(z));
      }
    }
    if( r->errStatus ) break;
  }
  json_decref(o);
  return r->errStatus;
}

static enum MHD_Result post_iterator(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                     const char *zFile, const char *zType,
                                     const char *zEncoding, const char *z,
                                     uint64_t off, size_t n){
  HttpReq *r = cls;
  if( r->errStatus ) return MHD_YES;        /* the rest is read and dropped */
  if( zKey==0 ) zKey = "";
  if( zFile ){
    if( off==0 && upload_open(r, zKey, zFile) ) return MHD_YES;
    if( r->fdUpload<0 ) return MHD_YES;
    upload_write(r, z, n);
    return MHD_YES;
  }
  if( off==0 && field_new(r, zKey) ) return MHD_YES;
  if( r->nField==0 ) return MHD_YES;
  field_append(r, z, n);
  return MHD_YES;
}

/* After the whole body: 0, or the status of a refusal (r->zErr says why). */
static int body_finish(HttpReq *r){
  if( r->pp ){
    if( MHD_destroy_post_processor(r->pp)!=MHD_YES ){
      body_refuse(r, 400, "the form data is malformed or cut short");
    }
    r->pp = 0;
  }
  if( r->fdUpload>=0 ){
    if( close(r->fdUpload) ) body_refuse(r, 500, "cannot store the upload");
    r->fdUpload = -1;
  }
  if( r->errStatus ) return r->errStatus;
  if( r->bJson && json_fields(r) ) return r->errStatus;
  for(int i=0; i<r->nField; i++){
    Field *f = &r->aField[i];
    if( !text_ok(f->zKey, strlen(f->zKey)) || !text_ok(f->val.z, f->val.n) ){
      body_refuse(r, 400, "a form field is not valid UTF-8 text");
      return r->errStatus;
    }
  }
  return 0;
}

/* --------------------------------------------------------- static files */

typedef struct StaticType { const char *zExt, *zType; } StaticType;
static const StaticType aStaticType[] = {
  { ".css", "text/css; charset=utf-8" },
  { ".svg", "image/svg+xml" },
  { ".png", "image/png" },
  { ".ico", "image/x-icon" },
  { ".js", "text/javascript; charset=utf-8" },
  { ".woff2", "font/woff2" },
};

/* GET /static/NAME: a file of web/ of a type listed above (never a
** template), by its plain name. */
static void serve_static(HttpReq *r){
  const char *zName = r->zPath + strlen("/static/");
  const char *zType = 0;
  size_t n = strlen(zName);
  if( zName[0]!='.' && strchr(zName, '/')==0 && strchr(zName, '\\')==0 ){
    for(size_t i=0; i<sizeof aStaticType/sizeof aStaticType[0]; i++){
      size_t k = strlen(aStaticType[i].zExt);
      if( n>k && strcmp(zName+n-k, aStaticType[i].zExt)==0 ) zType = aStaticType[i].zType;
    }
  }
  size_t nByte = 0;
  const unsigned char *p = zType ? web_file(zName, &nByte) : 0;
  if( p==0 ){
    static const char zMsg[] = "Not found\n";
    reply_bytes(r, 404, "text/plain; charset=utf-8", zMsg, sizeof zMsg - 1, 0);
    return;
  }
  reply_bytes(r, 200, zType, p, nByte, 1);
}

/* ------------------------------------------------------------- routing */

/* Does route p take zPath?  Its path is exact ("/help"), or a pattern in
** which a "*" segment stands for any one segment ("/document/" "*"
** "/bewerken": /document/12/bewerken), or a prefix
** when it ends in '/' ("/document/"), except the root "/", which would
** otherwise take every path.  *pnRank orders the matches: exact, then
** pattern, then the longer prefix. */
static int route_match(const HttpRoute *p, const char *zPath, size_t *pnRank){
  const char *zP = p->zPath, *z = zPath;
  while( *zP ){
    if( zP[0]=='*' ){
      size_t n = strcspn(z, "/");
      if( n==0 ) return 0;
      z += n;
      zP++;
    }else if( *zP==*z ){
      zP++;
      z++;
    }else{
      break;
    }
  }
  if( *zP==0 && *z==0 ){
    *pnRank = strchr(p->zPath, '*') ? (size_t)-2 : (size_t)-1;
    return 1;
  }
  size_t n = strlen(p->zPath);
  if( *zP==0 && n>1 && p->zPath[n-1]=='/' && strchr(p->zPath, '*')==0 ){
    *pnRank = n;
    return 1;
  }
  return 0;
}

/* The route for the method and path: exact paths before prefixes, longer
** prefixes before shorter ones.  NULL when none; *pbPath then says
** whether the path is known under another method (405, with the methods
** in zAllow). */
static const HttpRoute *route_find(const HttpServer *srv, const char *zMethod,
                                   const char *zPath, int *pbPath, Buf *zAllow){
  const HttpRoute *pBest = 0;
  size_t nBest = 0, nBestAny = 0;
  if( strcmp(zMethod, "HEAD")==0 ) zMethod = "GET";
  *pbPath = 0;
  for(int t=0; srv->cfg.aaRoute && srv->cfg.aaRoute[t]; t++){
    for(const HttpRoute *p=srv->cfg.aaRoute[t]; p->zMethod; p++){
      size_t n;
      if( !route_match(p, zPath, &n) ) continue;
      if( n>nBestAny ) nBestAny = n;
      if( strcmp(p->zMethod, zMethod)==0 && n>nBest ){
        pBest = p;
        nBest = n;
      }
    }
  }
  if( pBest && nBest==nBestAny ) return pBest;
  /* the most specific path has no route for this method: list its own */
  if( nBestAny ){
    *pbPath = 1;
    for(int t=0; srv->cfg.aaRoute && srv->cfg.aaRoute[t]; t++){
      for(const HttpRoute *p=srv->cfg.aaRoute[t]; p->zMethod; p++){
        size_t n;
        if( route_match(p, zPath, &n) && n==nBestAny && !strstr(zAllow->z, p->zMethod) ){
          buf_appendf(zAllow, "%s%s", zAllow->n ? ", " : "", p->zMethod);
          if( strcmp(p->zMethod, "GET")==0 ) buf_puts(zAllow, ", HEAD");
        }
      }
    }
  }
  return 0;
}

/* Who sent the request: "Authorization: Bearer" (which then decides
** alone: a bad token is not saved by a cookie) or the session cookie. */
static void find_user(HttpReq *r){
  const char *zAuth = http_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
  if( zAuth && strncasecmp(zAuth, "Bearer ", 7)==0 ){
    const char *zTok = zAuth+7;
    while( *zTok==' ' ) zTok++;
    if( strlen(zTok)==AUTH_TOKEN_HEX && auth_token_user(r->db, zTok, &r->user)==0 ){
      r->bUser = 1;
    }
    return;
  }
  const char *zCookie = http_cookie(r, SESSION_COOKIE);
  if( zCookie && strlen(zCookie)==AUTH_TOKEN_HEX
   && auth_session_user(r->db, zCookie, &r->user)==0 ){
    r->bUser = 1;
    r->bSession = 1;
    memcpy(r->zSession, zCookie, sizeof r->zSession);
  }
}

/* Not allowed: the login for whoever is not logged in (a JSON 401 to
** scripts, a redirect back here after the login for people), 403 for
** whoever is but has too low a role. */
static void reply_denied(HttpReq *r){
  if( r->bUser ){
    reply_error(r, 403, "your role does not allow this", "Uw rol staat dit niet toe.");
    return;
  }
  if( r->bApi ){
    http_add_header(r, "WWW-Authenticate", "Bearer realm=\"overleg\"");
    http_reply_json_error(r, 401, http_header(r, MHD_HTTP_HEADER_AUTHORIZATION)
                          ? "invalid API token" : "log in first (or send an API token)");
    return;
  }
  Buf loc = BUF_INIT;
  buf_puts(&loc, "/inloggen?terug=");
  html_url_encode(&loc, r->zPath);
  if( strcmp(r->zMethod, "GET")==0 && r->nQuery ){
    Buf q = BUF_INIT;
    for(int i=0; i<r->nQuery; i++){
      buf_putc(&q, i ? '&' : '?');
      html_url_encode(&q, r->aQuery[i].zKey);
      buf_putc(&q, '=');
      html_url_encode(&q, r->aQuery[i].zVal);
    }
    html_url_encode(&loc, q.z);
    buf_release(&q);
  }
  http_reply_redirect(r, loc.z);
  buf_release(&loc);
}

static int content_type_is(const char *zType, const char *zWant){
  size_t n = strlen(zWant);
  return zType && strncasecmp(zType, zWant, n)==0
      && (zType[n]==0 || zType[n]==';' || zType[n]==' ');
}

/* The checks of the first call.  Returns 0 when the request goes on
** (its body, then its handler), or 1 when a reply is made. */
static int request_begin(HttpReq *r){
  HttpServer *srv = r->srv;
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const struct sockaddr *sa = ci ? ci->client_addr : 0;
  if( sa && sa->sa_family==AF_INET ){
    inet_ntop(AF_INET, &((const struct sockaddr_in*)sa)->sin_addr, r->zIp, sizeof r->zIp);
  }else if( sa && sa->sa_family==AF_INET6 ){
    inet_ntop(AF_INET6, &((const struct sockaddr_in6*)sa)->sin6_addr, r->zIp, sizeof r->zIp);
  }
  r->bApi = strncmp(r->zPath, "/api/", 5)==0 || strcmp(r->zPath, "/api")==0;
  int nWait = sa ? rate_check(srv, sa) : 0;
  if( nWait ){
    char zWait[16];
    snprintf(zWait, sizeof zWait, "%d", nWait);
    http_add_header(r, "Retry-After", zWait);
    if( r->bApi ){
      http_reply_json_error(r, 429, "too many requests; slow down");
    }else{   /* no page: a flood gets the cheapest answer */
      static const char zMsg[] = "Te veel verzoeken; probeer het zo opnieuw.\n";
      reply_bytes(r, 429, "text/plain; charset=utf-8", zMsg, sizeof zMsg - 1, 0);
    }
    return 1;
  }
  int bGet = strcmp(r->zMethod, "GET")==0 || strcmp(r->zMethod, "HEAD")==0;
  if( bGet && strncmp(r->zPath, "/static/", 8)==0 ) return 0;   /* the handler: files */
  MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, query_arg, r);

  Err err = ERR_INIT;
  r->db = thread_db(srv, &err);
  if( r->db==0 ){
    log_error("%s", err.msg);
    reply_error(r, 503, "the archive is not available", "Het archief is niet beschikbaar.");
    return 1;
  }
  find_user(r);
  int bPath;
  Buf allow = BUF_INIT;
  r->pRoute = route_find(srv, r->zMethod, r->zPath, &bPath, &allow);
  if( r->pRoute==0 ){
    if( bPath ){
      http_add_header(r, "Allow", allow.z);
      reply_error(r, 405, "method not allowed", "Deze methode is hier niet toegestaan.");
    }else{
      reply_error(r, 404, "not found", "Deze pagina bestaat niet.");
    }
    buf_release(&allow);
    return 1;
  }
  buf_release(&allow);
  AuthRole need = r->pRoute->minRole;
  if( need==AUTH_LEZER && srv->cfg.bAnonymousRead ) need = AUTH_NONE;
  if( need>AUTH_NONE && (!r->bUser || r->user.role<need) ){
    reply_denied(r);
    return 1;
  }
  if( r->bArgBad ){
    Buf m = BUF_INIT;
    if( r->nQuery>=HTTP_NFIELD_MAX ) buf_puts(&m, "too many arguments");
    else if( r->zArgBad[0] ) buf_appendf(&m, "argument \"%s\" is not text (a NUL byte or"
                                         " invalid UTF-8)", r->zArgBad);
    else buf_puts(&m, "an argument name is not text (a NUL byte or invalid UTF-8)");
    reply_error(r, 400, m.z, "Het adres bevat ongeldige tekens.");
    buf_release(&m);
    return 1;
  }
  if( bGet ) return 0;

  /* a body: a form (the API also takes a JSON object), and not larger
  ** than the limit can ever allow */
  const char *zType = http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
  const char *zLen = http_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if( r->bApi && content_type_is(zType, "application/json") ){
    if( zLen && strtoull(zLen, 0, 10) > HTTP_FIELDS_MAX ){
      reply_error(r, 413, "the JSON body is too large", "Het verzoek is te groot.");
      return 1;
    }
    r->bJson = r->bBody = 1;
    return 0;
  }
  if( !content_type_is(zType, MHD_HTTP_POST_ENCODING_FORM_URLENCODED)
   && !content_type_is(zType, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA) ){
    reply_error(r, 415, r->bApi ? "send a form (multipart/form-data or"
                " application/x-www-form-urlencoded) or a JSON object (application/json)"
                : "send a form: multipart/form-data or application/x-www-form-urlencoded",
                "Dit formulier kan niet worden gelezen.");
    return 1;
  }
  if( zLen && strtoull(zLen, 0, 10) > srv->cfg.nMaxUpload + HTTP_FIELDS_MAX + 64*1024 ){
    reply_error(r, 413, "the upload is too large", "Het bestand is te groot.");
    return 1;
  }
  r->pp = MHD_create_post_processor(r->conn, HTTP_POST_BUFFER, post_iterator, r);
  if( r->pp==0 ){
    reply_error(r, 400, "the form data is malformed (no boundary?)",
                "Dit formulier kan niet worden gelezen.");
    return 1;
  }
  r->bBody = 1;
  return 0;
}

/* The last call: the body is in, the handler runs. */
static void request_run(HttpReq *r){
  if( r->pRoute==0 ){
    serve_static(r);
    return;
  }
  int status = body_finish(r);
  if( status ){
    const char *zNl = status==413 ? "Het bestand is te groot."
                    : status>=500 ? "Het bestand kon niet worden opgeslagen."
                    : "Dit formulier kan niet worden gelezen.";
    reply_error(r, status, r->zErr, zNl);
    return;
  }
  if( r->bBody && r->bSession ){
    const char *zCsrf = form_field(r, "csrf");
    if( zCsrf==0 || auth_csrf_check(r->db, r->zSession, zCsrf)!=1 ){
      reply_error(r, 403, "missing or wrong CSRF token: reload the form and send it again",
                  "Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.");
      return;
    }
  }
  r->pRoute->xHandler(r);
  if( r->pResp==0 ){
    log_error("%s %s: the handler made no reply", r->zMethod, r->zPath);
    reply_error(r, 500, "internal error", "Er ging iets mis in de server.");
  }
}

static enum MHD_Result queue_reply(HttpReq *r){
  if( r->pResp==0 ){
    log_error("%s: no reply could be made", r->zPath);
    return MHD_NO;     /* MHD closes the connection */
  }
  enum MHD_Result rc = MHD_queue_response(r->conn, r->status, r->pResp);
  MHD_destroy_response(r->pResp);
  r->pResp = 0;
  return rc;
}

/* Can a refusal wait until the body is read?  Only for a small body or
** none: the connection then stays open for the next request (an answer
** before the body makes MHD close it, and a client still sending may not
** see the answer).  A large body is refused at once. */
static int body_small(HttpReq *r){
  const char *zLen = http_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if( zLen ) return strtoull(zLen, 0, 10) <= HTTP_DISCARD_MAX;
  return http_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING)==0;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn,
                                      const char *zUrl, const char *zMethod,
                                      const char *zVersion, const char *zData,
                                      size_t *pnData, void **ppReq){
  HttpServer *srv = cls;
  HttpReq *r = *ppReq;
  if( r==0 ){
    r = xrealloc(0, sizeof *r);
    memset(r, 0, sizeof *r);
    r->srv = srv;
    r->conn = conn;
    r->zMethod = zMethod;
    r->zPath = zUrl;
    r->fdUpload = -1;
    *ppReq = r;
    if( request_begin(r) ){
      if( !body_small(r) ) return queue_reply(r);
      r->bReplyMade = 1;     /* sent after the body, which is dropped */
    }
    return MHD_YES;
  }
  if( *pnData ){
    if( r->bReplyMade ){
      /* dropped */
    }else if( r->errStatus ){
      /* The body was refused; MHD lets the answer go only after all of
      ** it (or before any).  A body announced as larger than the limit
      ** allows was refused before it, so what is left here is at most
      ** the form fields' allowance; past that (a chunked flood) the
      ** connection is closed without an answer. */
      r->nDiscard += *pnData;
      if( r->nDiscard > HTTP_DRAIN_MAX ) return MHD_NO;
    }else if( r->bJson ){
      if( r->json.n + *pnData > HTTP_FIELDS_MAX ) body_refuse(r, 413, "the JSON body is too large");
      else buf_append(&r->json, zData, *pnData);
    }else if( r->pp && MHD_post_process(r->pp, zData, *pnData)!=MHD_YES && !r->errStatus ){
      body_refuse(r, 400, "the form data is malformed");
    }
    *pnData = 0;
    return MHD_YES;
  }
  if( !r->bReplyMade ) request_run(r);
  return queue_reply(r);
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **ppReq,
                              enum MHD_RequestTerminationCode why){
  HttpReq *r = *ppReq;
  if( r==0 ) return;
  *ppReq = 0;
  if( r->pp ) MHD_destroy_post_processor(r->pp);
  if( r->fdUpload>=0 ) close(r->fdUpload);
  for(int i=0; i<r->nUpload; i++){
    unlink(r->aUpload[i].zPath);
    free((char*)r->aUpload[i].zField);
    free((char*)r->aUpload[i].zName);
    free((char*)r->aUpload[i].zPath);
  }
  free(r->aUpload);
  for(int i=0; i<r->nField; i++){
    free(r->aField[i].zKey);
    buf_release(&r->aField[i].val);
  }
  free(r->aField);
  buf_release(&r->json);
  free(r->aQuery);
  for(int i=0; i<r->nHeader; i++){
    free(r->aHeader[i].zName);
    free(r->aHeader[i].zValue);
  }
  if( r->pResp ) MHD_destroy_response(r->pResp);
  free(r);
}

/* ---------------------------------------------------------- life cycle */

static void mhd_log(void *cls, const char *zFmt, va_list ap){
  Buf b = BUF_INIT;
  buf_vappendf(&b, zFmt, ap);
  while( b.n && (b.z[b.n-1]=='\n' || b.z[b.n-1]==' ') ) b.z[--b.n] = 0;
  log_error("http: %s", b.z);
  buf_release(&b);
}

/* "ADDR:PORT" or "[ADDR]:PORT" -> a socket address. */
static int parse_listen(const char *zListen, struct sockaddr_storage *pAddr,
                        socklen_t *pnAddr, Err *err){
  const char *zColon = strrchr(zListen, ':');
  if( zColon==0 || zColon[1]==0 || zColon==zListen ){
    return err_set(err, "--listen %s: use ADDRESS:PORT (127.0.0.1:8080, [::1]:8080)", zListen);
  }
  char *zHost = xstrdup(zListen);
  zHost[zColon-zListen] = 0;
  char *zH = zHost;
  size_t n = strlen(zH);
  if( zH[0]=='[' && zH[n-1]==']' ){ zH[n-1] = 0; zH++; }
  const char *zPort = zColon+1;
  char *zEnd;
  long port = strtol(zPort, &zEnd, 10);
  if( *zEnd || port<0 || port>65535 ){
    free(zHost);
    return err_set(err, "--listen %s: bad port \"%s\"", zListen, zPort);
  }
  struct addrinfo hints, *pRes = 0;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  int rc = getaddrinfo(zH, zPort, &hints, &pRes);
  if( rc ){
    err_set(err, "--listen %s: %s", zListen, gai_strerror(rc));
    free(zHost);
    return -1;
  }
  memcpy(pAddr, pRes->ai_addr, pRes->ai_addrlen);
  *pnAddr = pRes->ai_addrlen;
  freeaddrinfo(pRes);
  free(zHost);
  return 0;
}

/* Removes the temp files of uploads a crash or kill left behind. */
static void upload_dir_clean(const char *zDir){
  DIR *d = opendir(zDir);
  if( d==0 ) return;
  struct dirent *e;
  Buf p = BUF_INIT;
  while( (e = readdir(d))!=0 ){
    if( strncmp(e->d_name, "up-", 3) ) continue;
    buf_reset(&p);
    buf_appendf(&p, "%s/%s", zDir, e->d_name);
    unlink(p.z);
  }
  buf_release(&p);
  closedir(d);
}

/* Connections at once: a limit under the process's file descriptors
** (raised to their hard limit), as each connection holds one. */
static unsigned conn_limit(void){
  struct rlimit rl;
  if( getrlimit(RLIMIT_NOFILE, &rl) ) return 256;
  if( rl.rlim_cur < rl.rlim_max ){
    rl.rlim_cur = rl.rlim_max;
    if( setrlimit(RLIMIT_NOFILE, &rl) ) getrlimit(RLIMIT_NOFILE, &rl);
  }
  if( rl.rlim_cur==RLIM_INFINITY || rl.rlim_cur > HTTP_CONN_MAX + 128 ) return HTTP_CONN_MAX;
  return rl.rlim_cur > 192 ? (unsigned)(rl.rlim_cur - 128) : 64;
}

static void server_free(HttpServer *srv){
  if( srv==0 ) return;
  for(ThreadDb *t=srv->pDbList, *pNext; t; t=pNext){
    pNext = t->pNext;
    if( sqlite3_close(t->db)!=SQLITE_OK ){
      log_error("cannot close a connection: %s", sqlite3_errmsg(t->db));
    }
    free(t);
  }
  pthread_key_delete(srv->key);
  pthread_mutex_destroy(&srv->muWrite);
  pthread_mutex_destroy(&srv->muDb);
  pthread_mutex_destroy(&srv->muRate);
  free(srv->aRate);
  rcache_free(srv->pCache);
  free(srv->zCert);
  free(srv->zKey);
  free(srv->zUploadDir);
  free(srv);
}

int http_server_start(Store *s, const HttpConfig *c, HttpServer **pp, Err *err){
  *pp = 0;
  if( sodium_init()<0 ) return err_internal(err, "cannot initialise libsodium");
  struct sockaddr_storage addr;
  socklen_t nAddr;
  if( parse_listen(c->zListen, &addr, &nAddr, err) ) return -1;
  if( (c->zTlsCert==0)!=(c->zTlsKey==0) ){
    return err_set(err, "TLS needs both --tls-cert and --tls-key");
  }
  if( c->zTlsCert && MHD_is_feature_supported(MHD_FEATURE_TLS)!=MHD_YES ){
    return err_set(err, "this libmicrohttpd was built without TLS");
  }
  HttpServer *srv = xrealloc(0, sizeof *srv);
  memset(srv, 0, sizeof *srv);
  srv->store = s;
  srv->cfg = *c;
  srv->zCert = xstrdup(c->zTlsCert);
  srv->zKey = xstrdup(c->zTlsKey);
  srv->cfg.zTlsCert = srv->zCert;
  srv->cfg.zTlsKey = srv->zKey;
  srv->bTls = c->zTlsCert!=0;
  pthread_mutex_init(&srv->muWrite, 0);
  pthread_mutex_init(&srv->muDb, 0);
  pthread_mutex_init(&srv->muRate, 0);
  pthread_key_create(&srv->key, 0);
  srv->aRate = xrealloc(0, HTTP_RATE_SLOTS * sizeof srv->aRate[0]);
  memset(srv->aRate, 0, HTTP_RATE_SLOTS * sizeof srv->aRate[0]);
  crypto_shorthash_keygen(srv->aRateKey);
  if( c->nCacheBytes ) srv->pCache = rcache_new(c->nCacheBytes);

  Buf dir = BUF_INIT;
  buf_appendf(&dir, "%s/tmp-upload", store_dir(s));
  srv->zUploadDir = buf_detach(&dir, 0);
  if( mkdir(srv->zUploadDir, 0700) && errno!=EEXIST ){
    err_set(err, "cannot create the folder %s: %s", srv->zUploadDir, strerror(errno));
    server_free(srv);
    return -1;
  }
  upload_dir_clean(srv->zUploadDir);

  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
  if( addr.ss_family==AF_INET6 ) flags |= MHD_USE_IPv6;
  if( srv->bTls ) flags |= MHD_USE_TLS;
  struct MHD_OptionItem aOpt[16];
  int n = 0;
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, 0 };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, &addr };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED,
                                       (intptr_t)request_completed, srv };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, conn_limit(), 0 };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_PER_IP_CONNECTION_LIMIT, HTTP_CONN_PER_IP, 0 };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, HTTP_TIMEOUT_S, 0 };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, HTTP_MEMORY_LIMIT, 0 };
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_LISTEN_BACKLOG_SIZE, 256, 0 };
  if( c->nThread>1 ){
    aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_POOL_SIZE, c->nThread, 0 };
  }
  if( srv->bTls ){
    aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, srv->zKey };
    aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, srv->zCert };
  }
  aOpt[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, 0 };
  srv->d = MHD_start_daemon(flags, 0, 0, 0, access_handler, srv,
                            MHD_OPTION_ARRAY, aOpt, MHD_OPTION_END);
  if( srv->d==0 ){
    err_set(err, "cannot listen on %s%s", c->zListen,
            srv->bTls ? " (or the TLS certificate or key is not valid PEM)"
                      : " (in use? not an address of this machine?)");
    server_free(srv);
    return -1;
  }
  *pp = srv;
  return 0;
}

int http_server_port(const HttpServer *srv){
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
  return di ? di->port : 0;
}

void http_server_stop(HttpServer *srv){
  if( srv==0 ) return;
  if( srv->d ) MHD_stop_daemon(srv->d);   /* joins the threads: no request runs after */
  server_free(srv);
}
