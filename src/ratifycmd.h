/*
** ratifycmd.h — "overleg ratification" (the matrix of decisions and
** municipalities, ratify.h) and "overleg ratify" (staff record one
** municipality's ratification) on the command line.
*/
#ifndef OVERLEG_RATIFYCMD_H
#define OVERLEG_RATIFYCMD_H

/* For main.c's command table. */
#define RATIFYCMD_MATRIX_USAGE \
  "ratification [--topic T] [--body B] [--from D] [--to D] [--open] [--limit N]" \
  " [--offset N] [--json]"
#define RATIFYCMD_MATRIX_HELP \
  "List the decisions that need ratification by the municipalities (a BO or\n" \
  "BORA decision, not procedural, or set by staff), newest first, each with\n" \
  "every required municipality (participation on the decision's date) and\n" \
  "its status: adopted or rejected with the date, or open (\"OPEN >6m\" when\n" \
  "open more than six months after the decision).  --topic T, --body B: of\n" \
  "that topic or body; --from D, --to D: in that period (2021, 2021-03 or\n" \
  "2021-03-01); --open: only decisions with a municipality still open.\n" \
  "--limit N (default 100, at most 1000) and --offset N page through them.\n" \
  "--json prints the JSON of GET /api/ratifications."
#define RATIFYCMD_RECORD_USAGE \
  "ratify DECISION_ID MUNICIPALITY (--adopted DATE | --rejected DATE | --open)" \
  " [--document ID] [--note TEXT]"
#define RATIFYCMD_RECORD_HELP \
  "Record that MUNICIPALITY (its name or id) adopted or rejected decision\n" \
  "DECISION_ID on DATE (YYYY-MM-DD, not in the future, not before the\n" \
  "decision), by the archived document ID (the municipality's own decision),\n" \
  "with a note; --open removes what was recorded.  The municipality must be\n" \
  "one the decision requires.  Audited as the actor \"cli\"."

/* Run "ratification ..." and "ratify ..." (argv[0] is the command's
** name) on the archive in zStorageDir (NULL: store_default_dir()).
** Output on stdout; a failure is one line "overleg: reason" on stderr.
** Return the exit status: 0 done, 1 failed (an unknown decision, topic or
** municipality, a refused record, an archive that cannot be opened), 2
** wrong usage. */
int ratifycmd_matrix(const char *zStorageDir, int argc, char **argv);
int ratifycmd_record(const char *zStorageDir, int argc, char **argv);

#endif
