/*
** rereadcmd.h — "overleg reread": read stored originals again and make
** what the minutes reader recognises in them again (import_reread), so
** that an archive made before minutes recognition, or before the reader
** improved, gets its rows; staff corrections are kept.
*/
#ifndef OVERLEG_REREADCMD_H
#define OVERLEG_REREADCMD_H

/* For main.c's command table. */
#define REREAD_USAGE "reread [--all | ID...]"
#define REREAD_HELP \
  "Read the stored originals of the documents ID... (or, with --all, of every\n" \
  "document) again and make again what the minutes reader recognises in them:\n" \
  "agenda items, attendees, decisions, actions, commitments, adoptions.  For an\n" \
  "archive made before minutes recognition, or after the reader improved.\n" \
  "Passages and the search index stay when the text reads the same.  Staff\n" \
  "corrections stay: decisions added by staff, decisions marked \"not a\n" \
  "decision\" (with their ratifications, by the same id), person matches set by\n" \
  "hand.  One transaction per document.  Prints per document the decisions,\n" \
  "actions and attendees before -> after, then a summary; an original that\n" \
  "cannot be read is one line \"overleg: document ID (NAME): reason\" on stderr,\n" \
  "and its rows stay as they were.  Exit status 0: all read; 1: some failed;\n" \
  "2: wrong usage."

/* Runs "reread ..." (argv[0] is the command's name) on the archive in
** zStorageDir (NULL: store_default_dir()).  Returns the exit status. */
int reread_main(const char *zStorageDir, int argc, char **argv);

#endif
