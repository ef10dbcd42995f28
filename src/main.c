/*
** main.c — the overleg command: a sorted table of subcommands, each with
** its usage and help text beside the function that runs it.
*/
#include "auth.h"
#include "backupcmd.h"
#include "buf.h"
#include "completeness.h"
#include "integrity.h"
#include "doc.h"
#include "extract.h"
#include "import.h"
#include "org.h"
#include "ratifycmd.h"
#include "regcmd.h"
#include "rereadcmd.h"
#include "search.h"
#include "serve.h"
#include "store.h"
#include "timelinecmd.h"
#include "usercmd.h"
#include "xmlsax.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef OVERLEG_VERSION
#define OVERLEG_VERSION "0.1.0"
#endif

typedef struct Command {
  const char *zName;
  int (*xRun)(int argc, char **argv);
  const char *zUsage;
  const char *zHelp;
} Command;

static int cmd_help(int argc, char **argv);

/* --storage DIR, taken out of argv before the command runs: every command
** accepts it. */
static const char *zStorageFlag;

static int open_store(Store **pp){
  *pp = store_open_cli(zStorageFlag);
  return *pp ? 0 : -1;
}

static double now_s(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec/1e9;
}

/* Writes b to stdout and empties it.  Output is binary-exact: the text may
** hold any UTF-8, tabs and line breaks. */
static void flush_out(Buf *b){
  if( b->n ) fwrite(b->z, 1, b->n, stdout);
  buf_reset(b);
}

/* Reasons are one line by construction; this guards the promise that each
** failed file is exactly one line on stderr. */
static void report_failure(const char *zFile, const char *zReason){
  fprintf(stderr, "overleg: %s: ", zFile);
  for(const char *z=zReason; *z; z++) fputc(*z=='\n' ? ' ' : *z, stderr);
  fputc('\n', stderr);
}

/*
** extract: print the text of ODT and DOCX files.
*/
static int cmd_extract(int argc, char **argv){
  static const struct option aOpt[] = {
    { "json", no_argument, 0, 'j' },
    { 0, 0, 0, 0 }
  };
  int bJson = 0, c;
  while( (c = getopt_long(argc, argv, "j", aOpt, 0))!=-1 ){
    if( c=='j' ) bJson = 1;
    else return 2;
  }
  if( optind>=argc ){
    fprintf(stderr, "usage: overleg extract [--json] FILE...\n");
    return 2;
  }
  static const Limits lim = LIMITS_DEFAULT;
  int rc = 0, nFile = argc - optind, nDone = 0;
  Buf out = BUF_INIT;
  for(int i=optind; i<argc; i++){
    Err err = ERR_INIT;
    Doc *d;
    if( extract_file(argv[i], &lim, &d, &err) ){
      fflush(stdout);
      report_failure(argv[i], err.msg);
      rc = 1;
      continue;
    }
    if( bJson ){
      /* JSON Lines: one object per file, named by its "file" member */
      doc_json(d, argv[i], &out);
      buf_putc(&out, '\n');
    }else{
      if( nFile>1 ) buf_appendf(&out, "%s==> %s <==\n", nDone ? "\n" : "", argv[i]);
      doc_text(d, &out);
    }
    nDone++;
    doc_free(d);
    if( out.n > 1<<16 ) flush_out(&out);
  }
  flush_out(&out);
  buf_release(&out);
  return rc;
}

/* ---------------------------------------------------------------- import */

typedef struct ImportView {
  int bTty;            /* a progress bar on stderr */
  double t0, tLast;
  int bBar;            /* the bar is on screen: clear it before a line */
} ImportView;

static void bar_clear(ImportView *v){
  if( v->bBar ) fputs("\r\033[K", stderr);
  v->bBar = 0;
}

static void import_progress(ImportView *v, const ImportStats *st, int bFinal){
  double t = now_s(), dt = t - v->t0;
  double rate = dt>0 ? st->nFile/dt : 0;
  if( v->bTty ){
    if( !bFinal && t - v->tLast < 0.1 ) return;
    v->tLast = t;
    int nWidth = 24, nFill = st->nTotal ? (int)(nWidth * st->nFile / st->nTotal) : 0;
    char zBar[32];
    for(int i=0; i<nWidth; i++) zBar[i] = i<nFill ? '#' : '.';
    zBar[nWidth] = 0;
    double left = rate>0 ? (st->nTotal - st->nFile)/rate : 0;
    fprintf(stderr, "\r\033[K[%s] %ld/%ld files  %.1f/%.1f MB  %.0f files/s  %d:%02d left",
            zBar, st->nFile, st->nTotal, st->nByte/1e6, st->nByteTotal/1e6, rate,
            (int)left/60, (int)left%60);
    v->bBar = 1;
  }else if( st->nFile % 1000==0 && !bFinal ){
    fprintf(stderr, "overleg: %ld/%ld files, %.1f MB, %.0f files/s\n",
            st->nFile, st->nTotal, st->nByte/1e6, rate);
  }
}

static void import_report(void *ctx, const ImportResult *r, const ImportStats *st){
  ImportView *v = ctx;
  if( r->status==IMPORT_FAILED ){
    bar_clear(v);
    report_failure(r->zPath, r->zReason);
  }else if( r->status==IMPORT_DUPLICATE ){
    bar_clear(v);
    fprintf(stderr, "overleg: %s: duplicate of document %lld, not stored again\n",
            r->zPath, r->iDoc);
  }
  import_progress(v, st, 0);
}

/*
** import: put files and folders into the archive.
*/
static int cmd_import(int argc, char **argv){
  static const struct option aOpt[] = {
    { "body", required_argument, 0, 'b' }, { "topic", required_argument, 0, 't' },
    { "date", required_argument, 0, 'd' }, { "kind", required_argument, 0, 'k' },
    { 0, 0, 0, 0 }
  };
  ImportOpts o;
  memset(&o, 0, sizeof o);
  int c;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    switch( c ){
      case 'b': o.zBody = optarg; break;
      case 't': o.zTopic = optarg; break;
      case 'd': o.zDate = optarg; break;
      case 'k': o.zKind = optarg; break;
      default: return 2;
    }
  }
  if( optind>=argc ){
    fprintf(stderr, "usage: overleg import [--body B] [--topic T] [--date YYYY-MM-DD] [--kind K] PATH...\n");
    return 2;
  }
  Store *s;
  if( open_store(&s) ) return 1;
  ImportView v = { isatty(2), now_s(), 0, 0 };
  ImportStats st;
  Err err = ERR_INIT;
  int rc = import_run(s, argv+optind, argc-optind, &o, import_report, &v, &st, &err);
  import_progress(&v, &st, 1);
  bar_clear(&v);
  store_close(s);
  if( rc<0 ){
    fprintf(stderr, "overleg: %s\n", err.msg);
    return 1;
  }
  double dt = now_s() - v.t0;
  printf("%ld new, %ld duplicate%s, %ld failed, of %ld file%s (%.1f MB) in %.1f s (%.0f files/s)\n",
         st.nNew, st.nDup, st.nDup==1 ? "" : "s", st.nFail, st.nFile, st.nFile==1 ? "" : "s",
         st.nByte/1e6, dt, dt>0 ? st.nFile/dt : 0);
  return rc ? 1 : 0;
}

/* ---------------------------------------------------------------- search */

/* Writes a snippet on one line: the marks become bold colour on a
** terminal, [ ] else. */
static void put_snippet(const char *z, int bTty){
  for(; *z; z++){
    if( *z==SEARCH_MARK_ON[0] ) fputs(bTty ? "\033[1;33m" : "[", stdout);
    else if( *z==SEARCH_MARK_OFF[0] ) fputs(bTty ? "\033[0m" : "]", stdout);
    else if( *z=='\n' || *z=='\t' ) fputc(' ', stdout);
    else fputc(*z, stdout);
  }
}

/* The result for people: notes on relaxation, the page, the facets. */
static void print_search(const SearchResult *r, const SearchOpts *o, int bTty){
  const char *zB = bTty ? "\033[1m" : "", *zE = bTty ? "\033[0m" : "";
  if( r->nCorrected ){
    printf("Showing results for \"%s\" (no document has", r->zSuggestion);
    for(int i=0; i<r->nCorrected; i++){
      printf("%s \"%s\"", i==0 ? "" : i==r->nCorrected-1 ? " or" : ",", r->aCorrected[i].zFrom);
    }
    printf(")\n\n");
  }else if( r->zSuggestion ){
    printf("Did you mean: %s\n\n", r->zSuggestion);
  }
  if( r->nMissing ){
    printf("No document has all the words; those with most of them come first (missing:");
    for(int i=0; i<r->nMissing; i++) printf(" %s", r->azMissing[i]);
    printf(")\n\n");
  }
  int nOffset = o->nOffset>0 ? o->nOffset : 0;
  int nWidth = snprintf(0, 0, "%d", nOffset + r->nDoc);
  for(int i=0; i<r->nDoc; i++){
    const SearchDoc *d = &r->aDoc[i];
    printf("%*d. %s%s%s\n", nWidth, nOffset+i+1, zB, d->zTitle ? d->zTitle : d->zOriginalName, zE);
    printf("%*s  %s · %s · %s · %s · %s\n", nWidth, "", d->zDate ? d->zDate : "no date",
           d->zBody ? d->zBody : "no body", d->zTopic ? d->zTopic : "no topic",
           d->zKind ? d->zKind : "no kind", d->zOriginalName);
    for(int k=0; k<d->nPassage; k++){
      printf("%*s  ", nWidth, "");
      if( d->aPassage[k].zHeading[0] ) printf("%s: ", d->aPassage[k].zHeading);
      put_snippet(d->aPassage[k].zSnippet, bTty);
      fputc('\n', stdout);
    }
    if( d->nMissing ){
      printf("%*s  missing:", nWidth, "");
      for(int k=0; k<d->nMissing; k++) printf(" %s", d->azMissing[k]);
      fputc('\n', stdout);
    }
    fputc('\n', stdout);
  }
  if( r->nDoc ){
    printf("%lld document%s, %d-%d shown (%.1f ms)\n", r->nTotal, r->nTotal==1 ? "" : "s",
           nOffset+1, nOffset+r->nDoc, r->tookMs);
  }else{
    printf("%lld document%s%s (%.1f ms)\n", r->nTotal, r->nTotal==1 ? "" : "s",
           r->nTotal ? ", none on this page" : "", r->tookMs);
  }
  for(int k=0; k<SEARCH_NFACET && r->nTotal; k++){
    if( r->anFacet[k]==0 ) continue;
    printf("  %-12s", search_facet_name((SearchFacetKey)k));
    for(int i=0; i<r->anFacet[k]; i++){
      const SearchCount *c = &r->aFacet[k][i];
      printf("%s%s %lld", i ? ", " : " ", c->zValue ? c->zValue : "(none)", c->n);
    }
    fputc('\n', stdout);
  }
}

/* Adds a repeated flag's value to a filter list. */
static int add_filter_value(const char **az, int *pn, const char *zFlag, const char *zValue){
  if( *pn>=SEARCH_FILTER_MAX ){
    fprintf(stderr, "overleg: at most %d values for --%s\n", SEARCH_FILTER_MAX, zFlag);
    return -1;
  }
  az[(*pn)++] = zValue;
  return 0;
}

/*
** search: find documents.
*/
static int cmd_search(int argc, char **argv){
  static const struct option aOpt[] = {
    { "json", no_argument, 0, 'j' }, { "limit", required_argument, 0, 'l' },
    { "offset", required_argument, 0, 'o' }, { "sort", required_argument, 0, 's' },
    { "body", required_argument, 0, 'b' }, { "topic", required_argument, 0, 't' },
    { "kind", required_argument, 0, 'k' }, { "municipality", required_argument, 0, 'm' },
    { "from", required_argument, 0, 'f' }, { "to", required_argument, 0, 'u' },
    { 0, 0, 0, 0 }
  };
  SearchOpts o;
  memset(&o, 0, sizeof o);
  SearchFilter *f = &o.filter;
  int bJson = 0, c, rc = 0;
  while( rc==0 && (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    switch( c ){
      case 'j': bJson = 1; break;
      case 'l': o.nLimit = atoi(optarg); break;
      case 'o': o.nOffset = atoi(optarg); break;
      case 's':
        if( search_sort_parse(optarg)<0 ){
          fprintf(stderr, "overleg: --sort is relevance, newest or oldest\n");
          return 2;
        }
        o.sort = (SearchSort)search_sort_parse(optarg);
        break;
      case 'b': rc = add_filter_value(f->azBody, &f->nBody, "body", optarg); break;
      case 't': rc = add_filter_value(f->azTopic, &f->nTopic, "topic", optarg); break;
      case 'k': rc = add_filter_value(f->azKind, &f->nKind, "kind", optarg); break;
      case 'm':
        rc = add_filter_value(f->azMunicipality, &f->nMunicipality, "municipality", optarg);
        break;
      case 'f': f->zFrom = optarg; break;
      case 'u': f->zTo = optarg; break;
      default: return 2;
    }
  }
  if( rc ) return 2;
  if( optind>=argc && !f->nBody && !f->nTopic && !f->nKind && !f->nMunicipality
   && !f->zFrom && !f->zTo ){
    fprintf(stderr, "usage: overleg search [--json] [--limit N] [--offset N] [--sort S]"
                    " [FILTERS] QUERY\n");
    return 2;
  }
  Buf q = BUF_INIT;
  for(int i=optind; i<argc; i++){
    if( q.n ) buf_putc(&q, ' ');
    buf_puts(&q, argv[i]);
  }
  o.zQuery = q.z;
  Store *s;
  if( open_store(&s) ){
    buf_release(&q);
    return 1;
  }
  Err err = ERR_INIT;
  SearchResult r;
  if( search_exec(store_db(s), &o, &r, &err) ){
    fprintf(stderr, "overleg: %s\n", err.msg);
    rc = 1;
  }else if( bJson ){
    json_t *j = search_json(&r);
    char *z = json_dumps(j, JSON_COMPACT);
    printf("%s\n", z);
    free(z);
    json_decref(j);
  }else{
    print_search(&r, &o, isatty(1));
  }
  search_result_free(&r);
  store_close(s);
  buf_release(&q);
  return rc;
}

/* ----------------------------------------------------------------- check */

static void print_line(void *ctx, const char *z){
  printf("%s\n", z);
}

/*
** check: is the archive whole?
*/
static int cmd_check(int argc, char **argv){
  static const struct option aOpt[] = {
    { "repair", no_argument, 0, 'r' }, { "meetings", no_argument, 0, 'm' },
    { "from", required_argument, 0, 'f' }, { "to", required_argument, 0, 't' },
    { "json", no_argument, 0, 'j' }, { "verify", no_argument, 0, 'v' }, { 0, 0, 0, 0 }
  };
  int bRepair = 0, bMeetings = 0, bJson = 0, bVerify = 0, c;
  const char *zFrom = 0, *zTo = 0;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    if( c=='r' ) bRepair = 1;
    else if( c=='m' ) bMeetings = 1;
    else if( c=='f' ) zFrom = optarg;
    else if( c=='t' ) zTo = optarg;
    else if( c=='j' ) bJson = 1;
    else if( c=='v' ) bVerify = 1;
    else return 2;
  }
  /* the period and --json belong to --meetings, which repairs nothing */
  if( optind<argc || (bMeetings && (bRepair || bVerify))
   || (!bMeetings && (zFrom || zTo || bJson)) ) return 2;
  Store *s;
  if( open_store(&s) ) return 1;
  if( bMeetings ){
    Buf out = BUF_INIT;
    Err err = ERR_INIT;
    int n = completeness_print(store_db(s), zFrom, zTo, bJson, &out, &err);
    if( n<0 ) fprintf(stderr, "overleg: %s\n", err.msg);
    else fwrite(out.z, 1, out.n, stdout);
    buf_release(&out);
    store_close(s);
    return n!=0;
  }
  IntegrityResult r;
  int rc = integrity_run(s, (bRepair ? INTEGRITY_REPAIR : 0) | (bVerify ? INTEGRITY_VERIFY : 0),
                         print_line, 0, &r);
  printf("%ld document%s checked", r.nDocument, r.nDocument==1 ? "" : "s");
  if( bVerify ) printf(" (%ld original%s hashed)", r.nHashed, r.nHashed==1 ? "" : "s");
  printf(": %ld problem%s, %ld repaired, %ld need%s metadata\n", r.nProblem,
         r.nProblem==1 ? "" : "s", r.nRepaired, r.nIncomplete, r.nIncomplete==1 ? "s" : "");
  store_close(s);
  return rc;
}

/* ------------------------------------------------------------------- org */

/*
** org: load or export the organisation model.
*/
static int cmd_org(int argc, char **argv){
  int bLoad = argc==3 && strcmp(argv[1], "load")==0;
  int bExport = argc==2 && strcmp(argv[1], "export")==0;
  if( !bLoad && !bExport ){
    fprintf(stderr, "usage: overleg org load FILE | overleg org export\n");
    return 2;
  }
  Buf text = BUF_INIT;
  if( bLoad && buf_read_file(&text, argv[2], ORG_MAX_BYTES) ){
    fprintf(stderr, "overleg: %s: cannot read the file\n", argv[2]);
    buf_release(&text);
    return 1;
  }
  Store *s;
  if( open_store(&s) ){
    buf_release(&text);
    return 1;
  }
  Err err = ERR_INIT;
  int rc;
  if( bLoad ){
    OrgCounts n;
    rc = org_load(store_db(s), text.z, text.n, &n, &err);
    /* gemeenten new to the archive may be named in documents already in it */
    if( rc==0 ) rc = store_link_municipalities(store_db(s), 0, &err);
    /* as the web page's load does: the log says who changed the model */
    if( rc==0 && n.nChanged>0 ){
      char zDetail[160];
      snprintf(zDetail, sizeof zDetail, "%s: %lld changes", argv[2], (long long)n.nChanged);
      store_audit(store_db(s), 0, "cli", "org load", "organisation", zDetail);
    }
    if( rc==0 ){
      printf("%d organisations, %d persons, %d topics, %d bodies loaded (%lld changes)\n",
             n.nOrganisation, n.nPerson, n.nTopic, n.nBody, (long long)n.nChanged);
    }
  }else{
    rc = org_export(store_db(s), &text, &err);
    if( rc==0 ) fwrite(text.z, 1, text.n, stdout);
  }
  if( rc ) fprintf(stderr, "overleg: %s%s%s\n", bLoad ? argv[2] : "", bLoad ? ": " : "", err.msg);
  store_close(s);
  buf_release(&text);
  return rc ? 1 : 0;
}

/*
** serve: the web interface and the JSON API (serve.c, http.c).
*/
static int cmd_serve(int argc, char **argv){
  return serve_command(zStorageFlag, argc, argv);
}

/*
** user: accounts of the web interface (usercmd.c).
*/
static int cmd_user(int argc, char **argv){
  Store *s;
  if( open_store(&s) ) return 1;
  int rc = user_command(s, argc, argv);
  store_close(s);
  return rc;
}

/*
** decisions, actions: the registers of what minutes record (regcmd.c).
*/
static int cmd_decisions(int argc, char **argv){
  return regcmd_decisions(zStorageFlag, argc, argv);
}

static int cmd_actions(int argc, char **argv){
  return regcmd_actions(zStorageFlag, argc, argv);
}

/*
** ratification, ratify: decisions municipalities must adopt (ratifycmd.c).
*/
static int cmd_ratification(int argc, char **argv){
  return ratifycmd_matrix(zStorageFlag, argc, argv);
}

static int cmd_ratify(int argc, char **argv){
  return ratifycmd_record(zStorageFlag, argc, argv);
}

/*
** reread: recognise the minutes of stored documents again (rereadcmd.c).
*/
static int cmd_reread(int argc, char **argv){
  return reread_main(zStorageFlag, argc, argv);
}

/*
** backup: copy the archive, safely while the server runs (backupcmd.c).
*/
static int cmd_backup(int argc, char **argv){
  return backup_main(zStorageFlag, argc, argv);
}

/*
** topic: the accountability timeline of a topic (timelinecmd.c).
*/
static int cmd_topic(int argc, char **argv){
  return timeline_command(zStorageFlag, argc, argv);
}

static int cmd_version(int argc, char **argv){
  printf("overleg %s\n", OVERLEG_VERSION);
  return 0;
}

/* Sorted by name: the help lists them in this order. */
static const Command aCmd[] = {
  { "extract", cmd_extract, "extract [--json] FILE...",
    "Print the text of ODT, Flat ODT and DOCX files: blocks separated by a\n"
    "blank line, a table row per line with cells separated by a tab, notes\n"
    "after the text.  With several files each is preceded by \"==> FILE <==\".\n"
    "--json prints one JSON object per file and line: the metadata and all\n"
    "blocks, notes, comments, headers and footers.  A file that cannot be\n"
    "read gets one line on stderr (\"overleg: FILE: reason\"), the others go\n"
    "on, and the exit status is 1." },
  { "backup", cmd_backup, BACKUP_USAGE, BACKUP_HELP },
  { "check", cmd_check,
    "check [--repair] [--verify] | check --meetings [--from D] [--to D] [--json]",
    "Check the archive: the database's integrity, the search index against\n"
    "the passages, every document's original present with its size, and no\n"
    "original without its document; list the documents that lack a date, a\n"
    "body or a kind.  --verify also reads every original and compares its\n"
    "SHA-256 with the one it was stored under (the evidence unchanged).\n"
    "--repair rebuilds the search index and removes the files an\n"
    "interrupted import left without a document.  The exit status is 1 when\n"
    "problems remain.\n"
    "--meetings instead lists what is missing among the meetings held before\n"
    "today (dated from --from to --to: 2021, 2021-03 or 2021-03-01): meetings\n"
    "without minutes (a verslag or besluitenlijst), a verslag still concept\n"
    "after the next meeting of its body, agendas without minutes, and gaps\n"
    "in a body's rhythm (with at least 4 meetings: an interval longer than\n"
    "twice the median).  The exit status is 1 when anything is missing." },
  { "decisions", cmd_decisions, REGCMD_DECISIONS_USAGE, REGCMD_DECISIONS_HELP },
  { "actions", cmd_actions, REGCMD_ACTIONS_USAGE, REGCMD_ACTIONS_HELP },
  { "help", cmd_help, "help [COMMAND]", "Show the commands, or one command's help." },
  { "import", cmd_import, "import [--body B] [--topic T] [--date YYYY-MM-DD] [--kind K] PATH...",
    "Import files and folders (recursively) into the archive.  What the flags\n"
    "do not say is inferred from each document: the meeting date, the body\n"
    "(\"BO Wonen\", \"Bestuurlijk Overleg Wonen\", BORA, ARG, BRA, AO ...) and\n"
    "the kind (agenda, verslag, besluitenlijst, actielijst, memo, brief,\n"
    "presentatie).  A file already stored is reported as a duplicate; a file\n"
    "that cannot be read is reported (\"overleg: FILE: reason\") and skipped.\n"
    "The exit status is 1 when any file failed." },
  { "org", cmd_org, "org load FILE | org export",
    "Load the organisation (organisations, persons, topics, bodies and their\n"
    "dated participations, portfolios and memberships) from a JSON file, or\n"
    "print it as JSON.  The format is in README.md." },
  { "ratification", cmd_ratification, RATIFYCMD_MATRIX_USAGE, RATIFYCMD_MATRIX_HELP },
  { "ratify", cmd_ratify, RATIFYCMD_RECORD_USAGE, RATIFYCMD_RECORD_HELP },
  { "reread", cmd_reread, REREAD_USAGE, REREAD_HELP },
  { "search", cmd_search, "search [--json] [--limit N] [--offset N] [--sort S] [FILTERS] QUERY",
    "Search the archive.  The query language (README.md, \"Query language\"):\n"
    "  woningbouw Leusden    every word, in one passage or the title; Dutch\n"
    "                        stemming (besluiten finds besluit), accents and\n"
    "                        case do not matter\n"
    "  \"exact phrase\"        these words as written, in this order (but case\n"
    "                        and accents still do not matter)\n"
    "  woning*               words that start with woning (not stemmed)\n"
    "  a OR b, -a, NOT a     either; leave out documents that contain a\n"
    "  a NEAR/5 b            at most 5 words apart (NEAR alone: 10)\n"
    "  (a OR b) c            grouping; OR binds tighter than the implied AND\n"
    "  orgaan:BORA  body:\"BO Wonen\"  body:BO_Wonen  orgaan:BO (every BO)\n"
    "  onderwerp:Wonen topic:..  soort:verslag kind:..  gemeente:Soest\n"
    "  datum:2021  date:2021-03  datum:2021..2023  datum:>2020  (also <, >=, <=)\n"
    "Filters apply to the whole query; values of one key are alternatives.\n"
    "FILTERS as flags: --body B, --topic T, --kind K, --municipality M (each may\n"
    "be repeated), --from D, --to D (2021, 2021-03 or 2021-03-01).  --sort S:\n"
    "relevance (the default), newest or oldest.\n"
    "When the words find (almost) nothing, a word that is in no document is\n"
    "corrected to a frequent word one or two letters away, and documents with\n"
    "most of the words are shown, with the words they miss.  Results are\n"
    "documents, best first (title above headings above text), with up to three\n"
    "passages each, and counts per body, topic, kind, year and municipality.\n"
    "--json prints the result in the shape of /api/search\n"
    "(snippets as HTML, matches in <mark>)." },
  { "serve", cmd_serve, "serve [--listen ADDR:PORT] [--watch DIR | --no-watch] [--tls-cert FILE"
    " --tls-key FILE] [--max-upload SIZE] [--anonymous-read] [--threads N] [--rate N]"
    " [--cache SIZE] [--term-cache SIZE]",
    "Serve the web interface and the JSON API (/api/) until SIGINT or SIGTERM.\n"
    "Prints \"overleg: http://ADDR:PORT/\" once it listens (port 0: any free one;\n"
    "default 127.0.0.1:8080).  Files put in the watched folder (default import/)\n"
    "are imported.  --max-upload: bytes of files per request (default 100M; K, M, G\n"
    "are binary).  --anonymous-read: searching and reading without login.\n"
    "--threads: request threads (default: one per core).  --rate N: requests per\n"
    "second per address, loopback included (default 200, loopback exempt; 0: off).\n"
    "--cache SIZE: search answers kept until the archive changes (default 32M; 0: none).\n"
    "--term-cache SIZE: the passages of search terms kept in memory, so that\n"
    "searches combine them there (default 48M; 0: none).\n"
    "On the first start an administrator \"beheerder\" is made and its password\n"
    "printed once." },
  { "topic", cmd_topic, TIMELINE_USAGE, TIMELINE_HELP },
  { "user", cmd_user, USERCMD_USAGE, USERCMD_HELP },
  { "version", cmd_version, "version", "Print the version." },
};

static const Command *command_find(const char *zName){
  for(size_t i=0; i<sizeof aCmd/sizeof aCmd[0]; i++){
    if( strcmp(aCmd[i].zName, zName)==0 ) return &aCmd[i];
  }
  return 0;
}

static int cmd_help(int argc, char **argv){
  if( argc>1 ){
    const Command *p = command_find(argv[1]);
    if( p==0 ){
      fprintf(stderr, "overleg: no such command: %s\n", argv[1]);
      return 2;
    }
    printf("usage: overleg %s\n\n%s\n", p->zUsage, p->zHelp);
    return 0;
  }
  printf("overleg — the meeting-document archive of Regio Amersfoort\n\n"
         "usage: overleg COMMAND [--storage DIR] [OPTIONS] [ARGS]\n\n"
         "The archive is DIR (default: $OVERLEG_STORAGE, else ./storage).\n\n"
         "commands:\n");
  for(size_t i=0; i<sizeof aCmd/sizeof aCmd[0]; i++){
    printf("  %s\n", aCmd[i].zUsage);
  }
  printf("\n\"overleg help COMMAND\" explains one command.\n");
  return 0;
}

int main(int argc, char **argv){
  /* With TZ unset, glibc stats /etc/localtime at every mktime(), and libzip
  ** converts every zip entry's time: one stat per entry.  Naming the zone
  ** file makes glibc read it once. */
  setenv("TZ", ":/etc/localtime", 0);
  static char zBuf[1<<16];
  setvbuf(stdout, zBuf, _IOFBF, sizeof zBuf);
  /* --storage DIR or --storage=DIR, before or after the command name */
  int j = 1;
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "--storage")==0 && i+1<argc ){
      zStorageFlag = argv[++i];
    }else if( strncmp(argv[i], "--storage=", 10)==0 ){
      zStorageFlag = argv[i]+10;
    }else{
      argv[j++] = argv[i];
    }
  }
  argc = j;
  argv[argc] = 0;
  if( argc<2 ) return cmd_help(1, argv);
  const char *zCmd = argv[1];
  if( strcmp(zCmd, "--help")==0 || strcmp(zCmd, "-h")==0 ) zCmd = "help";
  if( strcmp(zCmd, "--version")==0 ) zCmd = "version";
  const Command *p = command_find(zCmd);
  if( p==0 ){
    fprintf(stderr, "overleg: no such command: %s (see \"overleg help\")\n", zCmd);
    return 2;
  }
  xmlsax_init();
  return p->xRun(argc-1, argv+1);
}
