/*
** usercmd.c — "overleg user": accounts from the command line.  See
** usercmd.h; the accounts themselves are auth.c's.
**
** Every change is audited with the actor "cli": whoever can run the
** command can read and write the archive's files anyway.
*/
#include "usercmd.h"
#include "store.h"
#include "auth.h"

#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define ACTOR "cli"

/* Room for a password one byte too long (so that auth can say so), its
** line end ("\r\n") and the terminator. */
#define PASSWORD_BUF (AUTH_PASSWORD_MAX + 4)

static int usage(void){
  fprintf(stderr, "usage: overleg " USERCMD_USAGE "\n");
  return 2;
}

/* Audits an action on the account zName as auth.c does ("user:NAME"). */
static void audit(sqlite3 *db, const char *zAction, const char *zName, const char *zDetail){
  char zObject[80];
  snprintf(zObject, sizeof zObject, "user:%s", zName);
  store_audit(db, 0, ACTOR, zAction, zObject, zDetail);
}

static int fail(const char *zMsg){
  fprintf(stderr, "overleg: %s\n", zMsg);
  return 1;
}

/* ------------------------------------------------------------ passwords */

/* One line of stdin into z[0..n) without its line end.  Returns 0, -1 at
** the end of input, -2 when the line does not fit. */
static int read_line(char *z, size_t n){
  if( fgets(z, (int)n, stdin)==0 ) return -1;
  size_t k = strlen(z);
  if( k && z[k-1]=='\n' ) z[--k] = 0;
  else if( !feof(stdin) ) return -2;
  if( k && z[k-1]=='\r' ) z[--k] = 0;
  return 0;
}

/* The terminal's settings while echo is off, for the signal handler. */
static struct termios ttySaved;
static const int aSig[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Ctrl-C at the prompt must not leave the shell without echo: restore
** the terminal, then die of the signal as we would have. */
static void echo_restore(int sig){
  tcsetattr(0, TCSAFLUSH, &ttySaved);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Asks zPrompt on stderr and reads a line from the terminal on stdin
** without echo.  Returns what read_line() returns, or -3 when the
** terminal cannot be set. */
static int read_secret(const char *zPrompt, char *z, size_t n){
  struct termios t;
  if( tcgetattr(0, &ttySaved) ) return -3;
  t = ttySaved;
  t.c_lflag &= ~(tcflag_t)ECHO;
  t.c_lflag |= ECHONL;     /* the Enter still moves to the next line */
  void (*axOld[sizeof aSig/sizeof aSig[0]])(int);
  for(size_t i=0; i<sizeof aSig/sizeof aSig[0]; i++) axOld[i] = signal(aSig[i], echo_restore);
  fputs(zPrompt, stderr);
  fflush(stderr);
  int rc = tcsetattr(0, TCSAFLUSH, &t) ? -3 : read_line(z, n);
  tcsetattr(0, TCSAFLUSH, &ttySaved);
  for(size_t i=0; i<sizeof aSig/sizeof aSig[0]; i++) signal(aSig[i], axOld[i]);
  return rc;
}

/* The new password for zName into z[0..PASSWORD_BUF): asked twice on a
** terminal, else the first line of stdin.  Returns 0, or 1 with the
** reason printed. */
static int password_read(const char *zName, char *z){
  int rc;
  if( !isatty(0) ){
    rc = read_line(z, PASSWORD_BUF);
    if( rc==-1 ) return fail("no password on stdin (give it as the first line)");
  }else{
    char zPrompt[100], zAgain[PASSWORD_BUF];
    snprintf(zPrompt, sizeof zPrompt, "New password for %s: ", zName);
    rc = read_secret(zPrompt, z, PASSWORD_BUF);
    if( rc==0 ) rc = read_secret("The same password again: ", zAgain, sizeof zAgain);
    if( rc==0 && strcmp(z, zAgain)!=0 ) rc = -4;
    sodium_memzero(zAgain, sizeof zAgain);
    if( rc==-1 ) return fail("no password given");
    if( rc==-3 ) return fail("cannot turn off the terminal's echo");
    if( rc==-4 ) return fail("the two passwords differ");
  }
  if( rc==-2 ){
    char zMsg[80];
    snprintf(zMsg, sizeof zMsg, "the password is too long (at most %d bytes)", AUTH_PASSWORD_MAX);
    return fail(zMsg);
  }
  return 0;
}

/* ---------------------------------------------------------- subcommands */

/* user add NAME --role ROLE */
static int user_add(sqlite3 *db, int argc, char **argv){
  static const struct option aOpt[] = {
    { "role", required_argument, 0, 'r' }, { 0, 0, 0, 0 }
  };
  const char *zRole = 0;
  int c;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    if( c=='r' ) zRole = optarg;
    else return usage();
  }
  if( zRole==0 || optind!=argc-1 ) return usage();
  const char *zName = argv[optind];
  AuthRole role = auth_role_parse(zRole);
  if( role==AUTH_NONE ){
    fprintf(stderr, "overleg: unknown role \"%s\": use lezer, medewerker, auditor or beheerder\n",
            zRole);
    return 1;
  }
  /* the name is checked before the password is asked for */
  AuthUser u;
  Err err = ERR_INIT;
  if( auth_user_get(db, zName, &u, &err)==0 ){
    fprintf(stderr, "overleg: user \"%s\" already exists\n", u.zName);
    return 1;
  }
  if( !auth_user_name_valid(zName) ) return fail(err.msg);
  err_clear(&err);
  char zPassword[PASSWORD_BUF];
  int rc = password_read(zName, zPassword);
  if( rc==0 && auth_user_add(db, zName, role, zPassword, &err) ) rc = fail(err.msg);
  sodium_memzero(zPassword, sizeof zPassword);
  if( rc ) return rc;
  char zDetail[32];
  snprintf(zDetail, sizeof zDetail, "role %s", auth_role_name(role));
  audit(db, "user add", zName, zDetail);
  printf("added user \"%s\" (%s)\n", zName, auth_role_name(role));
  return 0;
}

/* user passwd NAME */
static int user_passwd(sqlite3 *db, const char *zName){
  AuthUser u;
  Err err = ERR_INIT;
  if( auth_user_get(db, zName, &u, &err) ) return fail(err.msg);
  char zPassword[PASSWORD_BUF];
  int rc = password_read(u.zName, zPassword);
  if( rc==0 && auth_user_passwd(db, u.zName, zPassword, &err) ) rc = fail(err.msg);
  sodium_memzero(zPassword, sizeof zPassword);
  if( rc ) return rc;
  audit(db, "user passwd", u.zName, 0);
  printf("changed the password of \"%s\"\n", u.zName);
  return 0;
}

/* user list [--json] */
static int user_list(sqlite3 *db, int argc, char **argv){
  static const struct option aOpt[] = {
    { "json", no_argument, 0, 'j' }, { 0, 0, 0, 0 }
  };
  int bJson = 0, c;
  while( (c = getopt_long(argc, argv, "", aOpt, 0))!=-1 ){
    if( c=='j' ) bJson = 1;
    else return usage();
  }
  if( optind!=argc ) return usage();
  Buf out = BUF_INIT;
  Err err = ERR_INIT;
  if( auth_user_list(db, &out, &err) ){
    buf_release(&out);
    return fail(err.msg);
  }
  if( bJson ){
    printf("%s\n", out.z);
    buf_release(&out);
    return 0;
  }
  json_t *a = json_loads(out.z, 0, 0);
  buf_release(&out);
  size_t i, nName = 4, nRole = 4;
  json_t *v;
  json_array_foreach(a, i, v){
    size_t n = strlen(json_string_value(json_object_get(v, "name")));
    if( n>nName ) nName = n;
    n = strlen(json_string_value(json_object_get(v, "role")));
    if( n>nRole ) nRole = n;
  }
  if( json_array_size(a)==0 ){
    printf("no users (\"overleg user add NAME --role beheerder\" makes one)\n");
  }else{
    printf("%-*s  %-*s  %s\n", (int)nName, "NAME", (int)nRole, "ROLE", "CREATED");
  }
  json_array_foreach(a, i, v){
    printf("%-*s  %-*s  %s\n", (int)nName, json_string_value(json_object_get(v, "name")),
           (int)nRole, json_string_value(json_object_get(v, "role")),
           json_string_value(json_object_get(v, "created")));
  }
  json_decref(a);
  return 0;
}

/* user remove NAME */
static int user_remove(sqlite3 *db, const char *zName){
  AuthUser u;
  Err err = ERR_INIT;
  if( auth_user_get(db, zName, &u, &err) || auth_user_remove(db, u.zName, &err) ){
    return fail(err.msg);
  }
  audit(db, "user remove", u.zName, 0);
  printf("removed user \"%s\"\n", u.zName);
  return 0;
}

/* user token NAME: the token alone on stdout, for scripts to capture. */
static int user_token(sqlite3 *db, const char *zName){
  AuthUser u;
  Err err = ERR_INIT;
  char zToken[AUTH_TOKEN_HEX+1];
  if( auth_user_get(db, zName, &u, &err) || auth_token_new(db, u.zName, zToken, &err) ){
    return fail(err.msg);
  }
  audit(db, "user token", u.zName, 0);
  printf("%s\n", zToken);
  sodium_memzero(zToken, sizeof zToken);
  return 0;
}

int user_command(Store *s, int argc, char **argv){
  if( argc<2 ) return usage();
  sqlite3 *db = store_db(s);
  const char *zSub = argv[1];
  if( strcmp(zSub, "add")==0 ) return user_add(db, argc-1, argv+1);
  if( strcmp(zSub, "list")==0 ) return user_list(db, argc-1, argv+1);
  if( argc!=3 ) return usage();
  if( strcmp(zSub, "passwd")==0 ) return user_passwd(db, argv[2]);
  if( strcmp(zSub, "remove")==0 ) return user_remove(db, argv[2]);
  if( strcmp(zSub, "token")==0 ) return user_token(db, argv[2]);
  return usage();
}
