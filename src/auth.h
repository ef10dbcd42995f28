/*
** auth.h — accounts, roles, sessions, API tokens, CSRF tokens and login
** throttling.  Passwords are hashed with argon2id (libsodium
** crypto_pwhash_str); session and API tokens are 256 random bits, stored
** only as their SHA-256 so that a copy of the database lets nobody in.
**
** Every function works on an archive connection; the ones that write run
** their own transaction (the server calls them under its write lock).
** They keep no state between calls but the archive's cached CSRF key, so
** threads may call them at once, each with its own connection.
**
** Audit: auth_login and auth_session_end write their own audit rows
** ("login", "login failed", "logout"; actor = the name).  Changes to
** accounts (add, passwd, role, remove, token) do not know who asked for
** them: the caller writes the audit row after success, actor = the
** administrator's name or "cli".
*/
#ifndef OVERLEG_AUTH_H
#define OVERLEG_AUTH_H

#include <sqlite3.h>
#include "buf.h"
#include "err.h"

/* Ordered: a role may do everything the ones below it may. */
typedef enum AuthRole {
  AUTH_NONE = 0,            /* not logged in */
  AUTH_LEZER = 1,           /* reader: search and read */
  AUTH_MEDEWERKER = 2,      /* staff: also upload and edit metadata */
  AUTH_AUDITOR = 3,         /* also reads the audit log */
  AUTH_BEHEERDER = 4        /* admin: users and the organisation */
} AuthRole;

#define AUTH_TOKEN_HEX 64               /* a token as the user sees it */
#define AUTH_SESSION_SECONDS (8*3600)   /* idle sessions end after this */
#define AUTH_SESSION_MAX_SECONDS (7*24*3600)   /* and any session after this */
#define AUTH_PASSWORD_MIN 10            /* characters (UTF-8), not bytes */
#define AUTH_PASSWORD_MAX 1024          /* bytes */
#define AUTH_LOGIN_FAILURES 5           /* failures per name or address ... */
#define AUTH_LOGIN_WINDOW (15*60)       /* ... within this many seconds */

typedef struct AuthUser {
  long long id;
  char zName[64];
  AuthRole role;
} AuthUser;

/* "lezer"/"reader", "medewerker"/"staff", "auditor", "beheerder"/"admin"
** -> the role, or AUTH_NONE; and back to the Dutch name. */
AuthRole auth_role_parse(const char *z);
const char *auth_role_name(AuthRole r);

/* Users.  Names: 1-63 characters of letters, digits, . _ - @; unique
** whatever their capitals, and found whatever the capitals typed.
** Passwords: AUTH_PASSWORD_MIN characters to AUTH_PASSWORD_MAX bytes.
** Each returns 0, or -1 with err set to one line ("user \"x\" already
** exists", "no user \"x\"", "the password must have at least 10
** characters", "cannot remove the last beheerder", "database error: ..."). */
int auth_user_name_valid(const char *zName);   /* 1 valid, 0 not */
/* The user named zName: 0 with *pUser filled, or -1 with err set (an
** invalid name, no such user, a database error). */
int auth_user_get(sqlite3 *db, const char *zName, AuthUser *pUser, Err *err);
int auth_user_add(sqlite3 *db, const char *zName, AuthRole role,
                  const char *zPassword, Err *err);
/* Also ends the user's sessions: whoever held one must log in again. */
int auth_user_passwd(sqlite3 *db, const char *zName, const char *zPassword, Err *err);
/* Refuses to take the role beheerder from the last one. */
int auth_user_set_role(sqlite3 *db, const char *zName, AuthRole role, Err *err);
int auth_user_remove(sqlite3 *db, const char *zName, Err *err);  /* ends its sessions and tokens */
int auth_user_count(sqlite3 *db);          /* -1 on a database error */
/* Appends the users, by name, as a JSON array [{name, role, created}]
** (role in Dutch, created as UTC ISO 8601). */
int auth_user_list(sqlite3 *db, Buf *out, Err *err);

/* A new random password of AUTH_PASSWORD_NEW characters from an alphabet
** without look-alikes (for the first administrator's one-time password). */
#define AUTH_PASSWORD_NEW 20
void auth_password_new(char *zPassword /* AUTH_PASSWORD_NEW+1 */);

/* Checks a password, throttled per user name and per client address: after
** 5 failures in 15 minutes further attempts are refused for the rest of
** that window without checking.  Returns 0 with *pUser filled, or -1 with
** err set to "wrong name or password" or "too many attempts; try again in
** N minutes" (*pbThrottled set; pbThrottled may be NULL).  Only failures
** count, and a refused attempt is not one, so the refusal ends when the
** window of the fifth-last failure does.  The password hash runs also for
** an unknown name, so timing does not tell which names exist.  Success
** clears the name's failures, and re-hashes a password stored with an
** older cost. */
int auth_login(sqlite3 *db, const char *zName, const char *zPassword,
               const char *zClientIp, AuthUser *pUser, int *pbThrottled, Err *err);

/* Sessions: a new token (hex, AUTH_TOKEN_HEX digits, NUL-terminated in
** zToken[AUTH_TOKEN_HEX+1]) for the user; looking one up extends it;
** logging out deletes it.  A session ends AUTH_SESSION_SECONDS after its
** last use and AUTH_SESSION_MAX_SECONDS after the login; ended ones are
** deleted when met (and all of them at every new session).  The time of
** last use is written at most once a minute, to spare writes. */
int auth_session_new(sqlite3 *db, long long iUser, char *zToken, Err *err);
int auth_session_user(sqlite3 *db, const char *zToken, AuthUser *pUser);  /* 0 found, -1 not */
int auth_session_end(sqlite3 *db, const char *zToken);  /* 0 ended one, -1 none (or error) */
/* The CSRF token of a session: the session token hashed with the
** archive's secret key (made at first use, kept in the setting table), so
** it needs no storage and differs from the cookie.  Without a session
** (NULL or "") the token is "", and the check fails. */
void auth_csrf_token(sqlite3 *db, const char *zSessionToken,
                     char *zCsrf /* AUTH_TOKEN_HEX+1 */);
int auth_csrf_check(sqlite3 *db, const char *zSessionToken, const char *zCsrf);  /* 1 ok */

/* API tokens ("Authorization: Bearer"): a new one replaces the user's
** previous one; printed once, stored as its hash. */
int auth_token_new(sqlite3 *db, const char *zName, char *zToken, Err *err);
int auth_token_user(sqlite3 *db, const char *zToken, AuthUser *pUser);   /* 0 found, -1 not */

/* For tests only: bCheap lowers the cost of new password hashes to
** libsodium's minimum (an argon2id hash costs 64 MiB and a fifth of a
** second otherwise), 0 restores it.  Call it before any thread uses auth.
** Hashes keep their cost: verifying a cheap one is cheap, and a login
** re-hashes it at the cost of the day. */
void auth_set_pwhash_cost_for_tests(int bCheap);

#endif
