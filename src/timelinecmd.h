/*
** timelinecmd.h — "overleg topic": a topic's timeline (timeline.h) on
** the command line, for people, as the JSON of GET /api/topics/ID/timeline
** or as its CSV.
*/
#ifndef OVERLEG_TIMELINECMD_H
#define OVERLEG_TIMELINECMD_H

/* For main.c's command table. */
#define TIMELINE_USAGE "topic NAME [--from D] [--to D] [--json | --csv]"
#define TIMELINE_HELP \
  "Show the accountability timeline of a topic, named as filters take it\n" \
  "(\"Wonen\"): its AO, BO and BORA meetings in date order, with what they\n" \
  "decided, the action items and their state (overdue ones marked), the\n" \
  "documents that are the evidence, and who was responsible then: the BORA\n" \
  "portfolio holder, the BO chair and the participating municipalities on each\n" \
  "meeting's date.  --from D, --to D: meetings in that period (2021, 2021-03\n" \
  "or 2021-03-01).  --json prints the JSON of GET /api/topics/ID/timeline;\n" \
  "--csv one row per decision and per action (RFC 4180, UTF-8)."

/* Runs "topic ..." (argv[0] is the command's name) on the archive in
** zStorageDir (NULL: store_default_dir()).  Output on stdout; a failure
** is one line "overleg: reason" on stderr.  Returns 0 done, 1 failed (an
** unknown topic, a bad date, an archive that cannot be opened), 2 wrong
** usage. */
int timeline_command(const char *zStorageDir, int argc, char **argv);

#endif
