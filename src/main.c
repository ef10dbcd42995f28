/*
** main.c — the overleg command: a sorted table of subcommands, each with
** its usage and help text beside the function that runs it.
*/
#include "buf.h"
#include "doc.h"
#include "extract.h"
#include "xmlsax.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  { "help", cmd_help, "help [COMMAND]", "Show the commands, or one command's help." },
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
         "usage: overleg COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
  for(size_t i=0; i<sizeof aCmd/sizeof aCmd[0]; i++){
    printf("  %s\n", aCmd[i].zUsage);
  }
  printf("\n\"overleg help COMMAND\" explains one command.\n");
  return 0;
}

int main(int argc, char **argv){
  static char zBuf[1<<16];
  setvbuf(stdout, zBuf, _IOFBF, sizeof zBuf);
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
