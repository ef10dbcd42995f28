/*
** regcmd.h — "overleg decisions" and "overleg actions": the decision
** register and the action list (register.h) on the command line, for
** people (aligned, wrapped) or as the JSON of /api/decisions and
** /api/actions.
*/
#ifndef OVERLEG_REGCMD_H
#define OVERLEG_REGCMD_H

/* For main.c's command table. */
#define REGCMD_DECISIONS_USAGE \
  "decisions [--body B] [--topic T] [--from D] [--to D] [--proposals] [--limit N]" \
  " [--offset N] [--json] [QUERY]"
#define REGCMD_DECISIONS_HELP \
  "List the decisions the minutes record, newest first: date, body, agenda item,\n" \
  "text and source file.  --body B, --topic T: of that body or topic (as names\n" \
  "are written: \"BO Wonen\", \"bestuurlijk overleg wonen\"); --from D, --to D:\n" \
  "in that period (2021, 2021-03 or 2021-03-01).  QUERY, in the query language\n" \
  "of \"overleg search\" (its filters orgaan:, onderwerp:, soort:, gemeente:,\n" \
  "datum: included), keeps the decisions whose passage matches it.\n" \
  "--proposals lists the proposed decisions (an agenda's \"Voorstel\") instead.\n" \
  "--limit N (default 50, at most 1000) and --offset N page through them.\n" \
  "--json prints {total, decisions: [...]}, as GET /api/decisions."
#define REGCMD_ACTIONS_USAGE \
  "actions [--body B] [--topic T] [--from D] [--to D] [--open] [--limit N]" \
  " [--offset N] [--json] [QUERY]"
#define REGCMD_ACTIONS_HELP \
  "List the action items the minutes record, newest first: who does what, by\n" \
  "when, its status, and whether it is done (its status says so, or later\n" \
  "minutes report it done) or overdue (open past its date).  --open: only those\n" \
  "not done.  The other flags and QUERY as for \"overleg decisions\".\n" \
  "--json prints {total, actions: [...]}, as GET /api/actions."

/* Run "decisions ..." and "actions ..." (argv[0] is the command's name)
** on the archive in zStorageDir (NULL: store_default_dir()).  The list
** goes to stdout; a failure is one line "overleg: reason" on stderr.
** Return the exit status: 0 done, 1 failed (an unknown body, a bad
** query, an archive that cannot be opened), 2 wrong usage. */
int regcmd_decisions(const char *zStorageDir, int argc, char **argv);
int regcmd_actions(const char *zStorageDir, int argc, char **argv);

#endif
