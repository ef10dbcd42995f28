/*
** rereadcmd.c — "overleg reread [--all | ID...]".  See rereadcmd.h.
*/
#include "rereadcmd.h"
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct RereadTally { long nRead, nChanged, nFail; } RereadTally;

/* Prints what reading one document again did. */
static void report(void *ctx, const RereadResult *r){
  RereadTally *t = ctx;
  if( r->zError ){
    t->nFail++;
    fflush(stdout);
    if( r->zName[0] ) fprintf(stderr, "overleg: document %lld (%s): %s\n", r->iDoc, r->zName, r->zError);
    else fprintf(stderr, "overleg: document %lld: %s\n", r->iDoc, r->zError);
    return;
  }
  t->nRead++;
  int bChanged = r->bPassages || memcmp(r->anBefore, r->anAfter, sizeof r->anBefore)!=0;
  t->nChanged += bChanged;
  printf("document %lld (%s): decisions %ld → %ld, actions %ld → %ld, attendees %ld → %ld%s\n",
         r->iDoc, r->zName, r->anBefore[0], r->anAfter[0], r->anBefore[1], r->anAfter[1],
         r->anBefore[2], r->anAfter[2], r->bPassages ? "; passages made again" : "");
}

/* A document id: a whole number from 1; 0 when z is none. */
static long long parse_id(const char *z){
  char *zEnd;
  if( z[0]<'1' || z[0]>'9' ) return 0;
  errno = 0;
  long long v = strtoll(z, &zEnd, 10);
  return errno || *zEnd ? 0 : v;
}

int reread_main(const char *zStorageDir, int argc, char **argv){
  int bAll = 0;
  long nId = 0;
  long long *aId = xrealloc(0, (size_t)(argc+1) * sizeof aId[0]);
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "--all")==0 ){
      bAll = 1;
    }else if( (aId[nId] = parse_id(argv[i]))>0 ){
      nId++;
    }else{
      fprintf(stderr, "overleg: reread: \"%s\" is not a document id\n"
                      "usage: overleg " REREAD_USAGE "\n", argv[i]);
      free(aId);
      return 2;
    }
  }
  if( bAll==(nId>0) ){
    fprintf(stderr, "usage: overleg " REREAD_USAGE "\n");
    free(aId);
    return 2;
  }
  Store *s = store_open_cli(zStorageDir);
  if( s==0 ){
    free(aId);
    return 1;
  }
  Err err = ERR_INIT;
  RereadTally t = { 0, 0, 0 };
  int rc = import_reread(s, bAll ? 0 : aId, nId, 0, report, &t, &err);
  printf("%ld document%s read again: %ld changed, %ld unchanged, %ld failed\n",
         t.nRead+t.nFail, t.nRead+t.nFail==1 ? "" : "s", t.nChanged, t.nRead-t.nChanged, t.nFail);
  fflush(stdout);
  if( rc<0 ) fprintf(stderr, "overleg: %s\n", err.msg);
  store_close(s);
  free(aId);
  return rc ? 1 : 0;
}
