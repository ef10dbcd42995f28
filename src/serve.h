/*
** serve.h — "overleg serve": the web interface and JSON API of the
** archive, and the watched import folder, until SIGINT or SIGTERM.
**
** Below the command, the server's life cycle, implemented in http.c (the
** handlers' side of the server is http.h): serve.c is its only caller.
*/
#ifndef OVERLEG_SERVE_H
#define OVERLEG_SERVE_H

#include <stdint.h>
#include "err.h"
#include "http.h"
#include "store.h"

/* Runs "overleg serve [OPTIONS]" (argv[0] is "serve") on the archive in
** zStorageDir (NULL: store_default_dir()).  Prints the URL as the one line
** "overleg: http://ADDR:PORT/" on stdout once it listens; returns the exit
** status: 0 after a clean shutdown, 1 when it cannot start, 2 on bad
** usage. */
int serve_command(const char *zStorageDir, int argc, char **argv);

/* ---- The server's life cycle (http.c). ---- */

typedef struct HttpConfig {
  const char *zListen;          /* "ADDR:PORT", "[V6ADDR]:PORT"; port 0: any free one */
  const char *zTlsCert;         /* PEM text (not a file name) or NULL: plain HTTP */
  const char *zTlsKey;          /* PEM text, with zTlsCert */
  uint64_t nMaxUpload;          /* bytes of files per request */
  int bAnonymousRead;           /* AUTH_LEZER routes open without login */
  int nThread;                  /* request threads (and SQLite connections) */
  double rate;                  /* requests per second per client address; 0: off */
  int bRateLoopback;            /* the rate also applies to 127.0.0.0/8 and ::1 */
  size_t nCacheBytes;           /* the search answers kept (rcache.h); 0: none */
  const HttpRoute *const *aaRoute;  /* route tables, NULL-terminated list */
} HttpConfig;

/* Starts listening with c's settings (copied) on s, which must outlive the
** server.  Returns 0 with *pp set, or -1 with *pp = NULL and err set
** ("cannot listen on 127.0.0.1:80: ..."). */
int http_server_start(Store *s, const HttpConfig *c, HttpServer **pp, Err *err);
/* The port listened on (the one chosen when the config said 0). */
int http_server_port(const HttpServer *srv);
/* Stops accepting, lets the requests under way finish, closes every
** connection and the threads' SQLite connections, and frees srv.  Accepts
** NULL. */
void http_server_stop(HttpServer *srv);

#endif
