/*
** searchbench.c — the search latency benchmark's overleg side (make bench,
** section "search" of tests/bench/run.sh).
**
**   build/searchbench STORE QUERIES [RUNS [TIMINGS]]
**
** QUERIES has one query a line: a shape tag, a tab, the query in overleg's
** query language ("#" lines and blank lines are skipped).  Each query is
** run once to warm up, then RUNS times (default 20).  A run is exactly
** what "overleg search --json" does for one query: one search_run() call
** (results grouped per document with their best passages and snippets,
** and the facets), then the JSON text made and freed.  It is timed
** in-process with CLOCK_MONOTONIC, so no process start-up is in it.
** Without the term cache, as the CLI searches; TERM_CACHE_MB=N in the
** environment gives it one of N MiB, as the server has (search.h).
**
** Prints per shape and overall p50, p95 and p99 in ms and the five slowest
** queries.  With TIMINGS, also writes one line per run, "shape TAB query
** number TAB ms", and a second file TIMINGS.hits with "query number TAB
** documents found", which run.sh sets beside PostgreSQL's.  A query that
** fails is reported and counted; the exit status is then 1.
*/
#include "search.h"
#include "store.h"
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS_DEFAULT 20
#define SLOWEST 5

typedef struct BenchQuery {
  char *zShape, *zQuery;
  double *aMs;           /* its RUNS timings, sorted once all are taken */
  long long nTotal;      /* documents found */
  int bFailed;           /* it failed: left out from then on */
} BenchQuery;

static double now_ms(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec*1e3 + ts.tv_nsec/1e6;
}

static int cmp_double(const void *a, const void *b){
  double x = *(const double*)a, y = *(const double*)b;
  return x<y ? -1 : x>y;
}

/* The nearest-rank percentile p (0..100) of sorted a[0..n); run.sh
** computes PostgreSQL's the same way. */
static double percentile(const double *a, int n, double p){
  int i = (int)ceil(p/100.0*n) - 1;
  return a[i<0 ? 0 : i];
}

/* Reads the query file into *paQuery; returns how many, or -1. */
static int read_queries(const char *zFile, BenchQuery **paQuery){
  FILE *in = fopen(zFile, "r");
  if( in==0 ){
    perror(zFile);
    return -1;
  }
  BenchQuery *aQuery = 0;
  int nQuery = 0;
  char zLine[2000];
  while( fgets(zLine, sizeof zLine, in) ){
    zLine[strcspn(zLine, "\r\n")] = 0;
    char *zTab = strchr(zLine, '\t');
    if( zLine[0]=='#' || zTab==0 ) continue;
    *zTab = 0;
    aQuery = xrealloc(aQuery, (nQuery+1)*sizeof *aQuery);
    memset(&aQuery[nQuery], 0, sizeof *aQuery);
    aQuery[nQuery].zShape = xstrdup(zLine);
    aQuery[nQuery].zQuery = xstrdup(zTab+1);
    nQuery++;
  }
  fclose(in);
  *paQuery = aQuery;
  return nQuery;
}

/* One timed run of q: search_run() and the JSON text, as the CLI does.
** Returns its time in ms, or -1 with the error printed. */
static double run_one(sqlite3 *db, BenchQuery *q){
  SearchOpts o;
  memset(&o, 0, sizeof o);
  o.zQuery = q->zQuery;
  Err err = ERR_INIT;
  double t0 = now_ms();
  json_t *res = search_run(db, &o, &err);
  if( res==0 ){
    fprintf(stderr, "searchbench: %s: %s\n", q->zQuery, err.msg);
    return -1;
  }
  char *zJson = json_dumps(res, JSON_COMPACT);
  double ms = now_ms() - t0;
  q->nTotal = json_integer_value(json_object_get(res, "total"));
  free(zJson);
  json_decref(res);
  return ms;
}

/* Prints a row: label, number of runs, p50, p95, p99 of sorted a[0..n). */
static void put_row(const char *zLabel, const double *a, int n){
  printf("%-22s %6d %8.2f %8.2f %8.2f %8.2f\n", zLabel, n,
         percentile(a, n, 50), percentile(a, n, 95), percentile(a, n, 99), a[n-1]);
}

static int cmp_p50_desc(const void *a, const void *b, void *ctx){
  int nRun = *(int*)ctx;
  double x = percentile((*(BenchQuery*const*)a)->aMs, nRun, 50);
  double y = percentile((*(BenchQuery*const*)b)->aMs, nRun, 50);
  return x>y ? -1 : x<y;
}

static void report(BenchQuery *aQuery, int nQuery, int nRun){
  double *aAll = xrealloc(0, (size_t)nQuery*nRun*sizeof *aAll);
  int nAll = 0;
  printf("%-22s %6s %8s %8s %8s %8s\n", "shape", "runs", "p50 ms", "p95 ms", "p99 ms", "max ms");
  /* shapes in the order of their first query; failed queries left out */
  for(int i=0; i<nQuery; i++){
    int bSeen = aQuery[i].bFailed;
    for(int j=0; j<i && !bSeen; j++){
      bSeen = !aQuery[j].bFailed && strcmp(aQuery[j].zShape, aQuery[i].zShape)==0;
    }
    if( bSeen ) continue;
    int nShape = 0;
    for(int j=i; j<nQuery; j++){
      if( aQuery[j].bFailed || strcmp(aQuery[j].zShape, aQuery[i].zShape) ) continue;
      memcpy(aAll+nAll+nShape, aQuery[j].aMs, nRun*sizeof *aAll);
      nShape += nRun;
    }
    qsort(aAll+nAll, nShape, sizeof *aAll, cmp_double);
    put_row(aQuery[i].zShape, aAll+nAll, nShape);
    nAll += nShape;
  }
  qsort(aAll, nAll, sizeof *aAll, cmp_double);
  put_row("all", aAll, nAll);
  free(aAll);

  BenchQuery **apSorted = xrealloc(0, nQuery*sizeof *apSorted);
  int nOk = 0;
  for(int i=0; i<nQuery; i++){
    if( !aQuery[i].bFailed ) apSorted[nOk++] = &aQuery[i];
  }
  qsort_r(apSorted, nOk, sizeof *apSorted, cmp_p50_desc, &nRun);
  printf("slowest queries (p50 ms, max ms, documents found):\n");
  for(int i=0; i<nOk && i<SLOWEST; i++){
    BenchQuery *q = apSorted[i];
    printf("  %8.2f %8.2f %7lld  %s  [%s]\n", percentile(q->aMs, nRun, 50),
           q->aMs[nRun-1], q->nTotal, q->zQuery, q->zShape);
  }
  free(apSorted);
}

/* Writes the raw timings and the documents found per query. */
static int write_timings(const char *zFile, BenchQuery *aQuery, int nQuery, int nRun){
  Buf hits = BUF_INIT;
  buf_appendf(&hits, "%s.hits", zFile);
  FILE *out = fopen(zFile, "w");
  FILE *outHits = fopen(hits.z, "w");
  int rc = 0;
  if( out==0 || outHits==0 ){
    perror(out ? hits.z : zFile);
    rc = 1;
  }else{
    for(int i=0; i<nQuery; i++){
      if( aQuery[i].bFailed ) continue;
      for(int r=0; r<nRun; r++) fprintf(out, "%s\t%d\t%.4f\n", aQuery[i].zShape, i+1, aQuery[i].aMs[r]);
      fprintf(outHits, "%d\t%lld\n", i+1, aQuery[i].nTotal);
    }
  }
  if( out && fclose(out) ) rc = 1;
  if( outHits && fclose(outHits) ) rc = 1;
  buf_release(&hits);
  return rc;
}

int main(int argc, char **argv){
  if( argc<3 || argc>5 ){
    fprintf(stderr, "usage: searchbench STORE QUERIES [RUNS [TIMINGS]]\n");
    return 2;
  }
  int nRun = argc>3 ? atoi(argv[3]) : RUNS_DEFAULT;
  if( nRun<1 ) nRun = 1;
  const char *zTermCache = getenv("TERM_CACHE_MB");
  if( zTermCache ) search_term_cache((size_t)atoi(zTermCache) << 20);
  BenchQuery *aQuery = 0;
  int nQuery = read_queries(argv[2], &aQuery);
  if( nQuery<=0 ){
    fprintf(stderr, "searchbench: no queries in %s\n", argv[2]);
    return 1;
  }
  Store *s = 0;
  Err err = ERR_INIT;
  if( store_open(argv[1], &s, &err) ){
    fprintf(stderr, "searchbench: %s: %s\n", argv[1], err.msg);
    return 1;
  }
  sqlite3 *db = store_db(s);
  int nFail = 0;

  /* Warm-up: each query once, so that the timed runs find the index
  ** pages in the page cache and the statements' first-use costs paid.  A
  ** query that fails here is reported once and not run again. */
  double t0 = now_ms(), msFirst = 0;
  for(int i=0; i<nQuery; i++){
    aQuery[i].aMs = xrealloc(0, nRun*sizeof(double));
    double ms = run_one(db, &aQuery[i]);
    if( ms<0 ){
      aQuery[i].bFailed = 1;
      nFail++;
    }
    if( i==0 ) msFirst = ms;
  }
  printf("warm-up: %d queries in %.0f ms; the first, on a new connection, %.1f ms\n",
         nQuery, now_ms()-t0, msFirst);

  /* Rounds over all queries rather than RUNS of one in a row: a query's
  ** runs then do not all find the caches just as its previous run left
  ** them. */
  for(int r=0; r<nRun; r++){
    for(int i=0; i<nQuery; i++){
      if( aQuery[i].bFailed ) continue;
      aQuery[i].aMs[r] = run_one(db, &aQuery[i]);
      if( aQuery[i].aMs[r]<0 ){
        aQuery[i].bFailed = 1;
        nFail++;
      }
    }
  }
  for(int i=0; i<nQuery; i++){
    if( !aQuery[i].bFailed ) qsort(aQuery[i].aMs, nRun, sizeof(double), cmp_double);
  }

  printf("%d queries x %d runs, in-process (search_run + JSON text); %d failed\n",
         nQuery, nRun, nFail);
  int rc = nFail>0;
  if( nFail<nQuery ){
    report(aQuery, nQuery, nRun);
    if( argc>4 && write_timings(argv[4], aQuery, nQuery, nRun) ) rc = 1;
  }

  for(int i=0; i<nQuery; i++){
    free(aQuery[i].zShape);
    free(aQuery[i].zQuery);
    free(aQuery[i].aMs);
  }
  free(aQuery);
  store_close(s);
  return rc;
}
