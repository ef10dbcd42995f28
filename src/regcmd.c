/*
** regcmd.c — "overleg decisions" and "overleg actions"; see regcmd.h.
**
** Both read their flags into a RegisterFilter, ask register.h for the
** JSON and either print it as it is (--json) or as an aligned list: the
** date and where it was decided on the first line, the text wrapped
** under it, the source file last.
*/
#include "regcmd.h"
#include "catalog.h"
#include "buf.h"
#include "register.h"
#include "store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDENT 12            /* "2024-03-12  " */
#define WIDTH 79             /* the text wraps before this column */

/* Appends z wrapped at spaces to lines of at most WIDTH columns, each
** line indented by INDENT; a word longer than a line stands alone.
** Columns are characters (UTF-8 continuation bytes do not count);
** line breaks and tabs in z are spaces. */
static void put_wrapped(Buf *out, const char *z){
  int nCol = 0;
  while( z && *z ){
    while( *z==' ' || *z=='\n' || *z=='\t' || *z=='\r' ) z++;
    size_t n = strcspn(z, " \n\t\r");
    if( n==0 ) break;
    int nChar = 0;
    for(size_t i=0; i<n; i++) nChar += ((unsigned char)z[i] & 0xC0)!=0x80;
    if( nCol>0 && INDENT+nCol+1+nChar > WIDTH ){
      buf_putc(out, '\n');
      nCol = 0;
    }
    if( nCol==0 ) buf_appendf(out, "%*s", INDENT, "");
    else{
      buf_putc(out, ' ');
      nCol++;
    }
    buf_append(out, z, n);
    nCol += nChar;
    z += n;
  }
  if( nCol ) buf_putc(out, '\n');
}

/* "2024-03-12  BO Wonen · 3a Woningbouwprogramma" */
static void put_head(Buf *out, const json_t *e){
  const char *zDate = catalog_str(e, "date");
  buf_appendf(out, "%-*s", INDENT, zDate ? zDate : "no date");
  const char *zBody = catalog_str(json_object_get(e, "body"), "name");
  const char *zItem = catalog_str(e, "agenda_item");
  buf_puts(out, zBody ? zBody : "no body");
  if( zItem && zItem[0] ) buf_appendf(out, " · %s", zItem);
  buf_putc(out, '\n');
}

/* "            01.odt (document 1)" */
static void put_source(Buf *out, const json_t *e){
  const json_t *d = json_object_get(e, "document");
  buf_appendf(out, "%*s%s (document %lld)\n", INDENT, "", catalog_str(e, "original_name"),
              (long long)json_integer_value(json_object_get(d, "id")));
}

static void put_decision(Buf *out, const json_t *e){
  put_head(out, e);
  Buf t = BUF_INIT;
  const char *zLabel = catalog_str(e, "label");
  if( zLabel && zLabel[0] ) buf_appendf(&t, "%s: ", zLabel);
  buf_puts(&t, catalog_str(e, "text"));
  put_wrapped(out, t.z);
  buf_release(&t);
  put_source(out, e);
}

static void put_action(Buf *out, const json_t *e){
  put_head(out, e);
  Buf t = BUF_INIT;
  const char *zNr = catalog_str(e, "nr");
  if( zNr && zNr[0] ) buf_appendf(&t, "%s ", zNr);
  buf_puts(&t, catalog_str(e, "text"));
  put_wrapped(out, t.z);
  /* who, when, status: "-" where the minutes say nothing */
  buf_reset(&t);
  const char *zWho = catalog_str(e, "who"), *zDue = catalog_str(e, "due"), *zStatus = catalog_str(e, "status");
  const char *zDueDate = catalog_str(e, "due_date");
  buf_appendf(&t, "who: %s · due: %s", zWho && zWho[0] ? zWho : "-", zDue && zDue[0] ? zDue : "-");
  if( zDueDate && (zDue==0 || strcmp(zDue, zDueDate)) ) buf_appendf(&t, " (%s)", zDueDate);
  if( zStatus && zStatus[0] ) buf_appendf(&t, " · status: %s", zStatus);
  /* the state last: done (and where reported), OVERDUE, or open */
  const json_t *pDone = json_object_get(e, "done_in");
  if( json_is_object(pDone) ){
    buf_appendf(&t, " · done: reported in %s (document %lld)", catalog_str(pDone, "original_name"),
                (long long)json_integer_value(json_object_get(pDone, "id")));
  }else if( json_is_true(json_object_get(e, "done")) ){
    buf_puts(&t, " · done");
  }else{
    buf_puts(&t, json_is_true(json_object_get(e, "overdue")) ? " · OVERDUE" : " · open");
  }
  put_wrapped(out, t.z);
  buf_release(&t);
  put_source(out, e);
}

/* A whole number from 0 (1 for --limit) to iMax, or -1. */
static int count_arg(const char *z, int iMin, int iMax){
  long long v = 0;
  int n = 0;
  for(; z[n]>='0' && z[n]<='9' && n<10; n++) v = v*10 + (z[n]-'0');
  return n>0 && z[n]==0 && v>=iMin && v<=iMax ? (int)v : -1;
}

/* The command: bActions picks the list. */
static int run(const char *zStorageDir, int argc, char **argv, int bActions){
  static const struct option aOpt[] = {
    { "json", no_argument, 0, 'j' }, { "limit", required_argument, 0, 'l' },
    { "offset", required_argument, 0, 'o' }, { "body", required_argument, 0, 'b' },
    { "topic", required_argument, 0, 't' }, { "from", required_argument, 0, 'f' },
    { "to", required_argument, 0, 'u' }, { "proposals", no_argument, 0, 'p' },
    { "open", no_argument, 0, 'O' }, { 0, 0, 0, 0 }
  };
  const char *zUsage = bActions ? REGCMD_ACTIONS_USAGE : REGCMD_DECISIONS_USAGE;
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  int bJson = 0, c;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    switch( c ){
      case 'j': bJson = 1; break;
      case 'b': f.zBody = optarg; break;
      case 't': f.zTopic = optarg; break;
      case 'f': f.zFrom = optarg; break;
      case 'u': f.zTo = optarg; break;
      case 'l':
      case 'o': {
        int v = count_arg(optarg, c=='l', c=='l' ? REGISTER_LIMIT_MAX : 100000000);
        if( v<0 ){
          fprintf(stderr, "overleg: --%s must be a whole number from %d to %d\n",
                  c=='l' ? "limit" : "offset", c=='l', c=='l' ? REGISTER_LIMIT_MAX : 100000000);
          return 2;
        }
        if( c=='l' ) f.nLimit = v; else f.nOffset = v;
        break;
      }
      case 'p':
        if( bActions ) goto usage;
        f.bProposals = 1;
        break;
      case 'O':
        if( !bActions ) goto usage;
        f.bOpen = 1;
        break;
      default: goto usage;
    }
  }
  Buf q = BUF_INIT;
  for(int i=optind; i<argc; i++){
    if( q.n ) buf_putc(&q, ' ');
    buf_puts(&q, argv[i]);
  }
  f.zQuery = q.z;
  Store *s = store_open_cli(zStorageDir);
  if( s==0 ){
    buf_release(&q);
    return 1;
  }
  Err err = ERR_INIT;
  json_t *j = bActions ? register_actions(store_db(s), &f, &err)
                       : register_decisions(store_db(s), &f, &err);
  int rc = 0;
  if( j==0 ){
    fprintf(stderr, "overleg: %s\n", err.msg);
    rc = 1;
  }else if( bJson ){
    char *z = json_dumps(j, JSON_COMPACT);
    printf("%s\n", z);
    free(z);
  }else{
    const char *zWhat = bActions ? "action" : (f.bProposals ? "proposal" : "decision");
    json_t *a = json_object_get(j, bActions ? "actions" : "decisions");
    long long nTotal = json_integer_value(json_object_get(j, "total"));
    size_t n = json_array_size(a);
    Buf out = BUF_INIT;
    for(size_t i=0; i<n; i++){
      (bActions ? put_action : put_decision)(&out, json_array_get(a, i));
      buf_putc(&out, '\n');
    }
    if( n ){
      buf_appendf(&out, "%lld %s%s, %d-%d shown\n", nTotal, zWhat, nTotal==1 ? "" : "s",
                  f.nOffset+1, f.nOffset+(int)n);
    }else{
      buf_appendf(&out, "%lld %s%s%s\n", nTotal, zWhat, nTotal==1 ? "" : "s",
                  nTotal ? ", none on this page" : "");
    }
    fwrite(out.z, 1, out.n, stdout);
    buf_release(&out);
  }
  json_decref(j);
  store_close(s);
  buf_release(&q);
  return rc;

usage:
  fprintf(stderr, "usage: overleg %s\n", zUsage);
  return 2;
}

int regcmd_decisions(const char *zStorageDir, int argc, char **argv){
  return run(zStorageDir, argc, argv, 0);
}

int regcmd_actions(const char *zStorageDir, int argc, char **argv){
  return run(zStorageDir, argc, argv, 1);
}
