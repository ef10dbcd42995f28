/*
** backupcmd.c — "overleg backup [--verify] DEST".  See backupcmd.h.
*/
#include "backupcmd.h"
#include "backup.h"

#include <stdio.h>
#include <string.h>

/* An original not copied goes to stderr, as every failure does; one
** copied again because the backup's copy was damaged, to stdout. */
static void report(void *ctx, int bFailed, const char *zLine){
  if( bFailed ){
    fflush(stdout);
    fprintf(stderr, "overleg: %s\n", zLine);
  }else{
    printf("%s\n", zLine);
  }
}

int backup_main(const char *zStorageDir, int argc, char **argv){
  const char *zDest = 0;
  int flags = 0;
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "--verify")==0 ){
      flags |= BACKUP_VERIFY;
    }else if( argv[i][0]=='-' || zDest ){
      zDest = 0;
      break;
    }else{
      zDest = argv[i];
    }
  }
  if( zDest==0 || zDest[0]==0 ){
    fprintf(stderr, "usage: overleg " BACKUP_USAGE "\n");
    return 2;
  }
  Store *s = store_open_cli(zStorageDir);
  if( s==0 ) return 1;
  Err err = ERR_INIT;
  BackupResult r;
  int rc = backup_run(s, zDest, flags, report, 0, &r, &err);
  store_close(s);
  if( rc<0 || rc==BACKUP_REFUSED ){
    fflush(stdout);
    fprintf(stderr, "overleg: %s\n", err.msg);
    return rc<0 ? 1 : 2;
  }
  printf("backup: %ld document%s in %s: %ld original%s copied (%.1f MB), %ld already there,"
         " %ld failed; database %.1f MB\n", r.nDocument, r.nDocument==1 ? "" : "s", zDest,
         r.nCopied, r.nCopied==1 ? "" : "s", r.nByte/1e6, r.nKept, r.nFailed, r.nDbByte/1e6);
  return rc;
}
