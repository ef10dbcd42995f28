/*
** backupcmd.h — "overleg backup": copy the archive, while the server
** runs, into a folder that --storage can be pointed at to restore it
** (backup_run does the work).
*/
#ifndef OVERLEG_BACKUPCMD_H
#define OVERLEG_BACKUPCMD_H

/* For main.c's command table. */
#define BACKUP_USAGE "backup [--verify] DEST"
#define BACKUP_HELP \
  "Back up the archive into the folder DEST (made when missing), safely while\n" \
  "the server runs: the database as one consistent snapshot, then every\n" \
  "original it names that DEST lacks (an original already there with its\n" \
  "size is kept; --verify hashes it and copies it again when it differs).\n" \
  "Each original is hashed while copied: one missing or damaged in the\n" \
  "archive is not copied but reported (\"overleg: document ID (NAME): reason\")\n" \
  "and the backup goes on.  The database is replaced last and originals are\n" \
  "never deleted from DEST, so an interrupted backup leaves the previous one\n" \
  "whole.  Restore: stop the server and start it with --storage DEST (or copy\n" \
  "DEST back).  DEST must lie outside the archive and not be open in a\n" \
  "program.  Exit status 0: all copied; 1: some originals failed or the\n" \
  "backup could not be made; 2: wrong usage or DEST refused."

/* Runs "backup ..." (argv[0] is the command's name) on the archive in
** zStorageDir (NULL: store_default_dir()).  Returns the exit status. */
int backup_main(const char *zStorageDir, int argc, char **argv);

#endif
