/*
** timelinecmd.c — "overleg topic"; see timelinecmd.h.
**
** Resolves the topic's name as the filters of search do, asks timeline.h
** for the JSON and prints it as it is (--json), as CSV (--csv) or as a
** list: per meeting its date and body, who was responsible then, what it
** decided, its actions and its documents.
*/
#include "timelinecmd.h"
#include "catalog.h"
#include "buf.h"
#include "search.h"
#include "store.h"
#include "timeline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* "C. Koster (Baarn), ..." of [{name, organisation}] or [name]; "-" for none. */
static void put_names(Buf *out, const json_t *a){
  size_t i;
  json_t *v;
  if( json_array_size(a)==0 ) buf_putc(out, '-');
  json_array_foreach(a, i, v){
    if( i ) buf_puts(out, ", ");
    if( json_is_string(v) ){
      buf_puts(out, json_string_value(v));
      continue;
    }
    const char *zName = catalog_str(v, "name"), *zOrg = catalog_str(v, "organisation");
    buf_puts(out, zName ? zName : "?");
    if( zOrg ) buf_appendf(out, " (%s)", zOrg);
  }
}

static void put_meetings(Buf *out, const char *zLabel, const json_t *a){
  size_t i;
  json_t *v;
  if( json_array_size(a)==0 ) return;
  buf_appendf(out, "    %s:", zLabel);
  json_array_foreach(a, i, v){
    const char *z = catalog_str(v, "date");
    buf_appendf(out, " %s (meeting %" JSON_INTEGER_FORMAT ")", z ? z : "?",
                json_integer_value(json_object_get(v, "id")));
  }
  buf_putc(out, '\n');
}

static void put_entry(Buf *out, const json_t *e){
  const char *zDate = catalog_str(e, "date"), *zKind = catalog_str(e, "kind");
  buf_appendf(out, "%s  %s (%s)\n", zDate ? zDate : "no date",
              catalog_str(json_object_get(e, "body"), "name"), zKind ? zKind : "?");
  buf_puts(out, "    portfolio holder: ");
  put_names(out, json_object_get(e, "portfolio_holders"));
  buf_puts(out, "\n    BO chair: ");
  put_names(out, json_object_get(e, "chairs"));
  buf_puts(out, "\n    participants: ");
  put_names(out, json_object_get(e, "participants"));
  buf_putc(out, '\n');
  put_meetings(out, "prepared by", json_object_get(e, "prepared_by"));
  put_meetings(out, "prepares", json_object_get(e, "prepares"));
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(e, "decisions"), i, x){
    const char *zItem = catalog_str(x, "agenda_item");
    buf_appendf(out, "    decision%s%s: %s\n", zItem ? " " : "", zItem ? zItem : "",
                catalog_str(x, "text"));
    /* "ratification: 3 of 11 adopted · open: Baarn, Soest (decision 12)" */
    const json_t *pRat = json_object_get(x, "ratification");
    if( json_is_true(json_object_get(pRat, "needed")) ){
      buf_appendf(out, "      ratification: %lld of %lld adopted",
                  (long long)json_integer_value(json_object_get(pRat, "adopted")),
                  (long long)json_integer_value(json_object_get(pRat, "required")));
      long long nRej = (long long)json_integer_value(json_object_get(pRat, "rejected"));
      if( nRej ) buf_appendf(out, ", %lld rejected", nRej);
      if( json_array_size(json_object_get(pRat, "open")) ){
        buf_puts(out, " · open: ");
        put_names(out, json_object_get(pRat, "open"));
      }
      buf_appendf(out, " (decision %lld)\n", (long long)json_integer_value(json_object_get(x, "id")));
    }
  }
  json_array_foreach(json_object_get(e, "actions"), i, x){
    const char *zNr = catalog_str(x, "nr"), *zWho = catalog_str(x, "who"), *zDue = catalog_str(x, "due");
    const char *zSt = catalog_str(x, "status");
    buf_appendf(out, "    action%s%s: %s · who: %s · due: %s · %s", zNr && zNr[0] ? " " : "",
                zNr ? zNr : "", catalog_str(x, "text"), zWho && zWho[0] ? zWho : "-",
                zDue && zDue[0] ? zDue : "-",
                json_is_true(json_object_get(x, "done")) ? "done"
                : json_is_true(json_object_get(x, "overdue")) ? "OVERDUE" : "open");
    if( zSt && zSt[0] ) buf_appendf(out, " (%s)", zSt);
    buf_putc(out, '\n');
  }
  json_array_foreach(json_object_get(e, "documents"), i, x){
    const char *zK = catalog_str(x, "kind"), *zS = catalog_str(x, "status");
    buf_appendf(out, "    document %" JSON_INTEGER_FORMAT ": %s (%s%s%s)\n",
                json_integer_value(json_object_get(x, "id")), catalog_str(x, "original_name"),
                zK ? zK : "no kind", zS ? ", " : "", zS ? zS : "");
  }
}

int timeline_command(const char *zStorageDir, int argc, char **argv){
  static const struct option aOpt[] = {
    { "json", no_argument, 0, 'j' }, { "csv", no_argument, 0, 'c' },
    { "from", required_argument, 0, 'f' }, { "to", required_argument, 0, 'u' },
    { 0, 0, 0, 0 }
  };
  const char *zFrom = 0, *zTo = 0;
  int bJson = 0, bCsv = 0, c;
  optind = 1;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    switch( c ){
      case 'j': bJson = 1; break;
      case 'c': bCsv = 1; break;
      case 'f': zFrom = optarg; break;
      case 'u': zTo = optarg; break;
      default: goto usage;
    }
  }
  if( (bJson && bCsv) || optind>=argc ) goto usage;
  Buf name = BUF_INIT;
  for(int i=optind; i<argc; i++){
    if( name.n ) buf_putc(&name, ' ');
    buf_puts(&name, argv[i]);
  }
  Store *s = store_open_cli(zStorageDir);
  if( s==0 ){
    buf_release(&name);
    return 1;
  }
  Err err = ERR_INIT;
  int rc = 1;
  long long iTopic = search_resolve(store_db(s), "topic", name.z, &err);
  json_t *j = iTopic<0 ? 0 : timeline_topic(store_db(s), iTopic, zFrom, zTo, &err);
  if( j==0 ){
    fprintf(stderr, "overleg: %s\n", err.msg);
  }else{
    Buf out = BUF_INIT;
    if( bJson ){
      char *z = json_dumps(j, JSON_COMPACT);
      buf_puts(&out, z);
      buf_putc(&out, '\n');
      free(z);
    }else if( bCsv ){
      timeline_csv(j, &out);
    }else{
      json_t *a = json_object_get(j, "entries");
      buf_appendf(&out, "Topic %s: %zu meeting%s\n", catalog_str(json_object_get(j, "topic"), "name"),
                  json_array_size(a), json_array_size(a)==1 ? "" : "s");
      size_t i;
      json_t *e;
      json_array_foreach(a, i, e){
        buf_putc(&out, '\n');
        put_entry(&out, e);
      }
    }
    fwrite(out.z, 1, out.n, stdout);
    buf_release(&out);
    rc = 0;
  }
  json_decref(j);
  store_close(s);
  buf_release(&name);
  return rc;

usage:
  fprintf(stderr, "usage: overleg %s\n", TIMELINE_USAGE);
  return 2;
}
