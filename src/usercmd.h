/*
** usercmd.h — "overleg user": the accounts of the web interface and the
** API, managed from the command line (auth.h does the work).
*/
#ifndef OVERLEG_USERCMD_H
#define OVERLEG_USERCMD_H

#include "store.h"

/* For main.c's command table. */
#define USERCMD_USAGE \
  "user add NAME --role ROLE | passwd NAME | list [--json] | remove NAME | token NAME"
#define USERCMD_HELP \
  "Manage the accounts of the web interface and the API.\n" \
  "  user add NAME --role ROLE   a new account; ROLE is lezer (reader), medewerker\n" \
  "                              (staff: also uploads), auditor (also reads the\n" \
  "                              audit log) or beheerder (admin: also accounts and\n" \
  "                              the organisation)\n" \
  "  user passwd NAME            a new password (ends the user's sessions)\n" \
  "  user list [--json]          the accounts, their roles and when made\n" \
  "  user remove NAME            removes the account, its sessions and its token;\n" \
  "                              the last beheerder cannot be removed\n" \
  "  user token NAME             prints a new API token for \"Authorization:\n" \
  "                              Bearer\", once; it replaces the user's old one\n" \
  "NAME: 1 to 63 letters, digits, '.', '_', '-' or '@'.  The password (at least\n" \
  "10 characters) is asked twice on the terminal, without echo; when stdin is\n" \
  "not a terminal it is its first line."

/* Runs "user ..." (argv[0] is "user") on the open archive s.  Results go
** to stdout; a failure is one line "overleg: reason" on stderr.  Returns
** the exit status: 0 done, 1 failed, 2 wrong usage. */
int user_command(Store *s, int argc, char **argv);

#endif
