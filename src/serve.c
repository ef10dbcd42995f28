/*
** serve.c — "overleg serve": reads the options, opens the archive, makes
** the first administrator when there is none, starts the web server and
** the watched folder, and waits for SIGINT or SIGTERM to stop them in
** order.  See serve.h.
**
** The signals are blocked before any thread starts (the threads inherit
** the mask), so only the main thread's sigwait() ever sees them: no
** handler runs in the middle of a request.
*/
#include "serve.h"
#include "search.h"
#include "store.h"
#include "auth.h"
#include "pages.h"
#include "pages_correct.h"
#include "pages_ratify.h"
#include "pages_register.h"
#include "pages_timeline.h"
#include "pages_completeness.h"
#include "watch.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SERVE_MAX_UPLOAD_DEFAULT ((uint64_t)100 << 20)   /* 100 MiB */
#define SERVE_RATE_DEFAULT 200.0    /* requests per second per address */
#define SERVE_CACHE_DEFAULT ((size_t)32 << 20)   /* bytes of search answers kept */
#define SERVE_TERM_CACHE_DEFAULT ((size_t)48 << 20)  /* bytes of terms' passages, shared */
#define SERVE_PEM_MAX ((size_t)1 << 20)

static const char zUsage[] =
  "usage: overleg serve [--listen ADDR:PORT] [--watch DIR | --no-watch]\n"
  "                     [--tls-cert FILE --tls-key FILE] [--max-upload BYTES]\n"
  "                     [--anonymous-read] [--threads N] [--rate N]\n"
  "                     [--cache SIZE] [--term-cache SIZE]\n";

/* "100M", "512k", "1G", "10000" (binary multiples, an optional "B") ->
** bytes; 0 when z is not such a size. */
static uint64_t parse_size(const char *z){
  char *zEnd;
  if( z[0]<'0' || z[0]>'9' ) return 0;
  unsigned long long v = strtoull(z, &zEnd, 10);
  int shift = 0;
  switch( *zEnd ){
    case 'k': case 'K': shift = 10; zEnd++; break;
    case 'm': case 'M': shift = 20; zEnd++; break;
    case 'g': case 'G': shift = 30; zEnd++; break;
  }
  if( *zEnd=='b' || *zEnd=='B' ) zEnd++;
  if( *zEnd || v==0 || v > (UINT64_MAX>>shift) ) return 0;
  return (uint64_t)v << shift;
}

/* The PEM file zPath as a new string, or NULL with a message. */
static char *read_pem(const char *zPath, const char *zFlag){
  Buf b = BUF_INIT;
  if( buf_read_file(&b, zPath, SERVE_PEM_MAX) || b.n==0 || b.n>SERVE_PEM_MAX ){
    fprintf(stderr, "overleg: %s %s: cannot read the file (or it is empty or too large)\n",
            zFlag, zPath);
    buf_release(&b);
    return 0;
  }
  return buf_detach(&b, 0);
}

/* The first start: an administrator with a one-time password, printed
** once.  0, or -1 with a message. */
static int first_admin_locked(sqlite3 *db){
  int n = auth_user_count(db);
  if( n<0 ){
    fprintf(stderr, "overleg: cannot read the users: %s\n", sqlite3_errmsg(db));
    return -1;
  }
  if( n>0 ) return 0;
  char zPw[AUTH_PASSWORD_NEW+1];
  Err err = ERR_INIT;
  auth_password_new(zPw);
  if( zPw[0]==0 || auth_user_add(db, "beheerder", AUTH_BEHEERDER, zPw, &err) ){
    fprintf(stderr, "overleg: cannot create the first user: %s\n",
            err.set ? err.msg : "no random numbers");
    return -1;
  }
  store_audit(db, 0, "serve", "user add", "user:beheerder", "first start");
  printf("overleg: first start: user \"beheerder\", password %s (change it)\n", zPw);
  fflush(stdout);
  sodium_memzero(zPw, sizeof zPw);
  return 0;
}

/* The store's connection is the one imports use: only under the lock. */
static int first_admin(Store *s, HttpServer *srv){
  http_write_lock(srv);
  int rc = first_admin_locked(store_db(s));
  http_write_unlock(srv);
  return rc;
}

static void lock_write(void *p){ http_write_lock(p); }
static void unlock_write(void *p){ http_write_unlock(p); }

int serve_command(const char *zStorageDir, int argc, char **argv){
  static const struct option aOpt[] = {
    { "listen", required_argument, 0, 'l' }, { "watch", required_argument, 0, 'w' },
    { "no-watch", no_argument, 0, 'n' }, { "tls-cert", required_argument, 0, 'c' },
    { "tls-key", required_argument, 0, 'k' }, { "max-upload", required_argument, 0, 'm' },
    { "anonymous-read", no_argument, 0, 'a' }, { "threads", required_argument, 0, 't' },
    { "rate", required_argument, 0, 'r' }, { "cache", required_argument, 0, 'C' },
    { "term-cache", required_argument, 0, 'T' }, { 0, 0, 0, 0 }
  };
  static const HttpRoute *const aaRoute[] = { api_routes, register_api_routes, timeline_routes,
                                              admin_routes, pages_routes, register_page_routes,
                                              completeness_routes, correct_routes,
                                              ratify_routes, 0 };
  HttpConfig cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.zListen = "127.0.0.1:8080";
  cfg.nMaxUpload = SERVE_MAX_UPLOAD_DEFAULT;
  cfg.rate = SERVE_RATE_DEFAULT;
  cfg.nCacheBytes = SERVE_CACHE_DEFAULT;
  cfg.aaRoute = aaRoute;
  long nCore = sysconf(_SC_NPROCESSORS_ONLN);
  cfg.nThread = nCore>0 ? (int)nCore : 1;
  const char *zWatch = "import", *zCertFile = 0, *zKeyFile = 0;
  size_t nTermCache = SERVE_TERM_CACHE_DEFAULT;
  int c;
  optind = 1;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    char *zEnd;
    switch( c ){
      case 'l': cfg.zListen = optarg; break;
      case 'w': zWatch = optarg; break;
      case 'n': zWatch = 0; break;
      case 'c': zCertFile = optarg; break;
      case 'k': zKeyFile = optarg; break;
      case 'a': cfg.bAnonymousRead = 1; break;
      case 'm':
        if( (cfg.nMaxUpload = parse_size(optarg))==0 ){
          fprintf(stderr, "overleg: --max-upload %s: use a size such as 100M, 512K or 20000\n",
                  optarg);
          return 2;
        }
        break;
      case 't':
        cfg.nThread = (int)strtol(optarg, &zEnd, 10);
        if( *zEnd || cfg.nThread<1 || cfg.nThread>256 ){
          fprintf(stderr, "overleg: --threads %s: use a number from 1 to 256\n", optarg);
          return 2;
        }
        break;
      case 'C': case 'T': {
        /* 0 turns it off: parse_size() says 0 for "no size" too */
        size_t n = strcmp(optarg, "0")==0 ? 0 : parse_size(optarg);
        if( n==0 && strcmp(optarg, "0")!=0 ){
          fprintf(stderr, "overleg: --%s %s: use a size such as 32M, or 0 for none\n",
                  c=='C' ? "cache" : "term-cache", optarg);
          return 2;
        }
        if( c=='C' ) cfg.nCacheBytes = n; else nTermCache = n;
        break;
      }
      case 'r':
        /* given explicitly, the rate holds for loopback clients too */
        cfg.rate = strtod(optarg, &zEnd);
        cfg.bRateLoopback = 1;
        if( *zEnd || optarg[0]==0 || !(cfg.rate>=0 && cfg.rate<=1e9) ){
          fprintf(stderr, "overleg: --rate %s: requests per second per address (0: no limit)\n",
                  optarg);
          return 2;
        }
        break;
      default:
        fputs(zUsage, stderr);
        return 2;
    }
  }
  if( optind<argc || (zCertFile==0)!=(zKeyFile==0) ){
    if( optind>=argc ) fprintf(stderr, "overleg: --tls-cert and --tls-key go together\n");
    fputs(zUsage, stderr);
    return 2;
  }
  char *zCert = 0, *zKey = 0;
  if( zCertFile && ((zCert = read_pem(zCertFile, "--tls-cert"))==0
                   || (zKey = read_pem(zKeyFile, "--tls-key"))==0) ){
    free(zCert);
    return 1;
  }
  cfg.zTlsCert = zCert;
  cfg.zTlsKey = zKey;
  search_term_cache(nTermCache);   /* before any thread searches */

  /* blocked here, before any thread exists, and thus in all of them */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, 0);
  signal(SIGPIPE, SIG_IGN);

  int rc = 1;
  Store *s = 0;
  HttpServer *srv = 0;
  Watch *w = 0;
  Err err = ERR_INIT;
  /* the first administrator only once the server runs: a password printed
  ** by a server that then cannot listen would be easy to miss */
  if( store_open(store_default_dir(zStorageDir), &s, &err)
   || http_server_start(s, &cfg, &srv, &err)
   || (zWatch && watch_start(s, zWatch, lock_write, unlock_write, srv, &w, &err))
   || first_admin(s, srv) ){
    if( err.set ) fprintf(stderr, "overleg: %s\n", err.msg);
  }else{
    const char *zHost = cfg.zListen;
    int nHost = (int)(strrchr(zHost, ':') - zHost);
    printf("overleg: %s://%.*s:%d/\n", zCert ? "https" : "http", nHost, zHost,
           http_server_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "overleg: %s: stopping\n", sig==SIGINT ? "SIGINT" : "SIGTERM");
    rc = 0;
  }
  watch_stop(w);              /* finishes the file under way; its lock is srv's */
  http_server_stop(srv);      /* lets the requests under way finish */
  search_term_cache(0);       /* no search runs now */
  store_close(s);
  if( zKey ) sodium_memzero(zKey, strlen(zKey));
  free(zCert);
  free(zKey);
  return rc;
}
