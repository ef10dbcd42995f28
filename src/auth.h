/*
** auth.h — accounts, roles, sessions, API tokens, CSRF tokens and login
** throttling.  Passwords are hashed with argon2id (libsodium
** crypto_pwhash_str); session and API tokens are 256 random bits, stored
** only as their SHA-256 so that a copy of the database lets nobody in.
**
** Every function works on an archive connection; the ones that write run
** their own transaction (the server calls them under its write lock).
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

typedef struct AuthUser {
  long long id;
  char zName[64];
  AuthRole role;
} AuthUser;

/* "lezer"/"reader", "medewerker"/"staff", "auditor", "beheerder"/"admin"
** -> the role, or AUTH_NONE; and back to the Dutch name. */
AuthRole auth_role_parse(const char *z);
const char *auth_role_name(AuthRole r);

/* Users.  Names: 1-63 characters of letters, digits, . _ - @. */
int auth_user_add(sqlite3 *db, const char *zName, AuthRole role,
                  const char *zPassword, Err *err);
int auth_user_passwd(sqlite3 *db, const char *zName, const char *zPassword, Err *err);
int auth_user_remove(sqlite3 *db, const char *zName, Err *err);  /* ends its sessions and tokens */
int auth_user_count(sqlite3 *db);
/* Appends the users as a JSON array [{name, role, created}]. */
int auth_user_list(sqlite3 *db, Buf *out, Err *err);

/* Checks a password, throttled per user name and per client address: after
** 5 failures in 15 minutes further attempts are refused for the rest of
** that window without checking.  Returns 0 with *pUser filled, or -1 with
** err set to "wrong name or password" or "too many attempts; try again in
** N minutes" (*pbThrottled set). */
int auth_login(sqlite3 *db, const char *zName, const char *zPassword,
               const char *zClientIp, AuthUser *pUser, int *pbThrottled, Err *err);

/* Sessions: a new token (hex, AUTH_TOKEN_HEX digits, NUL-terminated in
** zToken[AUTH_TOKEN_HEX+1]) for the user; looking one up extends it;
** logging out deletes it. */
int auth_session_new(sqlite3 *db, long long iUser, char *zToken, Err *err);
int auth_session_user(sqlite3 *db, const char *zToken, AuthUser *pUser);  /* 0 found, -1 not */
int auth_session_end(sqlite3 *db, const char *zToken);
/* The CSRF token of a session: the session token hashed with the
** archive's secret key (made at first use, kept in the setting table), so
** it needs no storage and differs from the cookie. */
void auth_csrf_token(sqlite3 *db, const char *zSessionToken,
                     char *zCsrf /* AUTH_TOKEN_HEX+1 */);
int auth_csrf_check(sqlite3 *db, const char *zSessionToken, const char *zCsrf);  /* 1 ok */

/* API tokens ("Authorization: Bearer"): a new one replaces the user's
** previous one; printed once, stored as its hash. */
int auth_token_new(sqlite3 *db, const char *zName, char *zToken, Err *err);
int auth_token_user(sqlite3 *db, const char *zToken, AuthUser *pUser);   /* 0 found, -1 not */

/* Appends to the audit log (who did what to which object). */
int auth_audit(sqlite3 *db, const char *zActor, const char *zAction,
               const char *zObject, const char *zDetail);

#endif
