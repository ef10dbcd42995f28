/*
** ratifycmd.c — "overleg ratification" and "overleg ratify"; see
** ratifycmd.h.
**
** The matrix prints one block per decision (a terminal is too narrow
** for eleven municipality columns): the date, body and text, then one
** line per required municipality with its status, so that it reads in
** any width and greps well ("OPEN").
*/
#include "ratifycmd.h"
#include "catalog.h"
#include "buf.h"
#include "ratify.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A whole number from iMin to iMax, or -1. */
static long long count_arg(const char *z, long long iMin, long long iMax){
  long long v = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9' && n<15; n++) v = v*10 + (z[n]-'0');
  return n>0 && z[n]==0 && v>=iMin && v<=iMax ? v : -1;
}

/* One decision of the matrix. */
static void put_decision(Buf *out, const json_t *d){
  const char *zDate = catalog_str(d, "date");
  const char *zBody = catalog_str(json_object_get(d, "body"), "name");
  const json_t *r = json_object_get(d, "ratification");
  const json_t *pT = json_object_get(r, "totals");
  buf_appendf(out, "%s  %s  decision %lld  (%lld of %lld adopted)\n", zDate ? zDate : "no date",
              zBody ? zBody : "no body", (long long)json_integer_value(json_object_get(d, "id")),
              (long long)json_integer_value(json_object_get(pT, "adopted")),
              (long long)json_integer_value(json_object_get(pT, "needed")));
  const char *zText = catalog_str(d, "text");
  int nText = (int)strlen(zText ? zText : "");
  buf_appendf(out, "  %.*s%s\n", nText>100 ? 97 : nText, zText ? zText : "", nText>100 ? "..." : "");
  size_t i;
  json_t *m;
  json_array_foreach(json_object_get(r, "municipalities"), i, m){
    const char *zName = catalog_str(json_object_get(m, "organisation"), "name");
    const char *zSt = catalog_str(m, "status");
    int bReq = json_is_true(json_object_get(m, "required"));
    buf_appendf(out, "    %-14s ", zName ? zName : "?");
    if( strcmp(zSt, "open")==0 ){
      buf_puts(out, json_is_true(json_object_get(m, "overdue")) ? "OPEN >6m" : "open");
    }else{
      buf_appendf(out, "%-8s %s", zSt, catalog_str(m, "date"));
      const json_t *pDoc = json_object_get(m, "document");
      if( json_is_object(pDoc) ){
        buf_appendf(out, "  document %lld", (long long)json_integer_value(json_object_get(pDoc, "id")));
      }
    }
    if( !bReq ) buf_puts(out, "  (no longer required)");
    buf_putc(out, '\n');
  }
  buf_putc(out, '\n');
}

int ratifycmd_matrix(const char *zStorageDir, int argc, char **argv){
  static const struct option aOpt[] = {
    { "json", no_argument, 0, 'j' }, { "limit", required_argument, 0, 'l' },
    { "offset", required_argument, 0, 'o' }, { "body", required_argument, 0, 'b' },
    { "topic", required_argument, 0, 't' }, { "from", required_argument, 0, 'f' },
    { "to", required_argument, 0, 'u' }, { "open", no_argument, 0, 'O' }, { 0, 0, 0, 0 }
  };
  RatifyFilter f;
  memset(&f, 0, sizeof f);
  int bJson = 0, c;
  optind = 1;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    switch( c ){
      case 'j': bJson = 1; break;
      case 'b': f.zBody = optarg; break;
      case 't': f.zTopic = optarg; break;
      case 'f': f.zFrom = optarg; break;
      case 'u': f.zTo = optarg; break;
      case 'O': f.bOpen = 1; break;
      case 'l':
      case 'o': {
        long long v = count_arg(optarg, c=='l', c=='l' ? RATIFY_LIMIT_MAX : 100000000);
        if( v<0 ){
          fprintf(stderr, "overleg: --%s must be a whole number from %d to %d\n",
                  c=='l' ? "limit" : "offset", c=='l', c=='l' ? RATIFY_LIMIT_MAX : 100000000);
          return 2;
        }
        if( c=='l' ) f.nLimit = (int)v; else f.nOffset = (int)v;
        break;
      }
      default: goto usage;
    }
  }
  if( optind<argc ) goto usage;
  Store *s = store_open_cli(zStorageDir);
  if( s==0 ) return 1;
  Err err = ERR_INIT;
  json_t *j = ratify_matrix(store_db(s), &f, &err);
  int rc = 0;
  if( j==0 ){
    fprintf(stderr, "overleg: %s\n", err.msg);
    rc = 1;
  }else if( bJson ){
    char *z = json_dumps(j, JSON_COMPACT);
    printf("%s\n", z);
    free(z);
  }else{
    Buf out = BUF_INIT;
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(j, "decisions"), i, d) put_decision(&out, d);
    json_t *pT = json_object_get(j, "totals");
    long long nTotal = json_integer_value(json_object_get(j, "total"));
    buf_appendf(&out, "%lld decision%s needing ratification%s", nTotal, nTotal==1 ? "" : "s",
                f.bOpen ? " with a municipality open" : "");
    if( json_array_size(json_object_get(j, "decisions")) ){
      buf_appendf(&out, "; shown: %lld required, %lld adopted, %lld rejected, %lld open",
                  (long long)json_integer_value(json_object_get(pT, "needed")),
                  (long long)json_integer_value(json_object_get(pT, "adopted")),
                  (long long)json_integer_value(json_object_get(pT, "rejected")),
                  (long long)json_integer_value(json_object_get(pT, "open")));
    }
    buf_putc(&out, '\n');
    fwrite(out.z, 1, out.n, stdout);
    buf_release(&out);
  }
  json_decref(j);
  store_close(s);
  return rc;

usage:
  fprintf(stderr, "usage: overleg %s\n", RATIFYCMD_MATRIX_USAGE);
  return 2;
}

int ratifycmd_record(const char *zStorageDir, int argc, char **argv){
  static const struct option aOpt[] = {
    { "adopted", required_argument, 0, 'a' }, { "rejected", required_argument, 0, 'r' },
    { "open", no_argument, 0, 'O' }, { "document", required_argument, 0, 'd' },
    { "note", required_argument, 0, 'n' }, { 0, 0, 0, 0 }
  };
  const char *zStatus = 0, *zDate = 0, *zNote = 0;
  long long iDoc = 0;
  int c, nStatus = 0;
  optind = 1;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    switch( c ){
      case 'a': zStatus = "adopted"; zDate = optarg; nStatus++; break;
      case 'r': zStatus = "rejected"; zDate = optarg; nStatus++; break;
      case 'O': zStatus = "open"; nStatus++; break;
      case 'n': zNote = optarg; break;
      case 'd':
        if( (iDoc = count_arg(optarg, 1, 999999999999999LL))<0 ){
          fprintf(stderr, "overleg: --document %s: use a document id (a whole number)\n", optarg);
          return 2;
        }
        break;
      default: goto usage;
    }
  }
  if( nStatus!=1 || argc-optind!=2 ) goto usage;
  long long iDecision = count_arg(argv[optind], 1, 999999999999999LL);
  if( iDecision<0 ){
    fprintf(stderr, "overleg: %s: use a decision id (a whole number)\n", argv[optind]);
    return 2;
  }
  Store *s = store_open_cli(zStorageDir);
  if( s==0 ) return 1;
  Err err = ERR_INIT;
  int code = ratify_record(store_db(s), iDecision, argv[optind+1], zStatus, zDate, iDoc, zNote,
                           "cli", &err);
  if( code ){
    fprintf(stderr, "overleg: %s\n", err.msg);
  }else if( strcmp(zStatus, "open")==0 ){
    printf("decision %lld: %s set back to open\n", iDecision, argv[optind+1]);
  }else{
    printf("decision %lld: %s %s on %s\n", iDecision, argv[optind+1], zStatus, zDate);
  }
  store_close(s);
  return code ? 1 : 0;

usage:
  fprintf(stderr, "usage: overleg %s\n", RATIFYCMD_RECORD_USAGE);
  return 2;
}
