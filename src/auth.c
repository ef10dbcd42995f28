/*
** auth.c — accounts, roles, sessions, API tokens, CSRF tokens and login
** throttling.  See auth.h.
**
** Tokens are 32 random bytes shown as 64 hex digits; the database keeps
** the SHA-256 (hex) of that text, and a lookup hashes what it is given.
** Times of sessions and login attempts are Unix seconds from time(); the
** times people read (accounts, tokens, the audit log) are UTC ISO 8601.
*/
#include "auth.h"
#include "sql.h"
#include "store.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Sessions write their time of last use only when it is older than
** this: a page view then costs no write. */
#define SESSION_TOUCH_SECONDS 60

/* The name under which failed logins with an invalid name are counted,
** so that hostile input never reaches the table or the log. */
#define INVALID_NAME "(invalid name)"

static const char zBadName[] =
  "invalid user name: use 1 to 63 letters, digits, '.', '_', '-' or '@'";
static const char zBadRole[] =
  "unknown role: use lezer, medewerker, auditor or beheerder";

/* ---------------------------------------------------------------- roles */

static const struct { const char *zDutch, *zEnglish; } aRole[] = {
  { "", "" },                         /* AUTH_NONE */
  { "lezer", "reader" },
  { "medewerker", "staff" },
  { "auditor", "auditor" },
  { "beheerder", "admin" },
};

AuthRole auth_role_parse(const char *z){
  for(int i=AUTH_LEZER; z && i<=AUTH_BEHEERDER; i++){
    if( strcasecmp(z, aRole[i].zDutch)==0 || strcasecmp(z, aRole[i].zEnglish)==0 ){
      return (AuthRole)i;
    }
  }
  return AUTH_NONE;
}

/* "" for AUTH_NONE and anything out of range. */
const char *auth_role_name(AuthRole r){
  return r>=AUTH_LEZER && r<=AUTH_BEHEERDER ? aRole[r].zDutch : "";
}

/* --------------------------------------------------------------- crypto */

/* The cost of new password hashes: libsodium's "interactive" argon2id
** (64 MiB, 2 passes), unless a test lowered it. */
static unsigned long long nHashOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t nHashMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void auth_set_pwhash_cost_for_tests(int bCheap){
  nHashOps = bCheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  nHashMem = bCheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

/* libsodium must be initialised before its random numbers and hashes are
** used; sodium_init() is thread-safe and cheap after the first call. */
static int crypto_start(Err *err){
  if( sodium_init()<0 ) return err_internal(err, "cannot initialise libsodium");
  return 0;
}

/* Hashes zPassword at the current cost into zHash.  Fails only when the
** 64 MiB cannot be had. */
static int password_hash(const char *zPassword, char zHash[crypto_pwhash_STRBYTES], Err *err){
  if( crypto_pwhash_str(zHash, zPassword, strlen(zPassword), nHashOps, nHashMem)!=0 ){
    return err_internal(err, "cannot hash the password: out of memory");
  }
  return 0;
}

/* A new token: 32 random bytes as 64 lower-case hex digits. */
static void token_random(char zToken[AUTH_TOKEN_HEX+1]){
  unsigned char a[AUTH_TOKEN_HEX/2];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(zToken, AUTH_TOKEN_HEX+1, a, sizeof a);
  sodium_memzero(a, sizeof a);
}

/* Could z be a token of ours?  Anything else is refused before it costs
** a hash or a query. */
static int token_valid(const char *z){
  if( z==0 || strlen(z)!=AUTH_TOKEN_HEX ) return 0;
  for(; *z; z++){
    if( !((*z>='0' && *z<='9') || (*z>='a' && *z<='f')) ) return 0;
  }
  return 1;
}

/* What the database keeps of a token: its SHA-256, in hex. */
static void token_hash(const char *zToken, char zHash[AUTH_TOKEN_HEX+1]){
  unsigned char a[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(a, (const unsigned char*)zToken, strlen(zToken));
  sodium_bin2hex(zHash, AUTH_TOKEN_HEX+1, a, sizeof a);
}

void auth_password_new(char *zPassword){
  /* no 0/O, 1/l/I: the password is read off a terminal and typed */
  static const char zAlpha[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  if( sodium_init()<0 ){
    zPassword[0] = 0;
    return;
  }
  for(int i=0; i<AUTH_PASSWORD_NEW; i++){
    zPassword[i] = zAlpha[randombytes_uniform(sizeof zAlpha - 1)];
  }
  zPassword[AUTH_PASSWORD_NEW] = 0;
}

/* ------------------------------------------------------------------ SQL */

/* A transaction of our own, or a savepoint inside the caller's.  BEGIN
** IMMEDIATE takes the write lock at once: a deferred transaction that
** reads and then writes can fail with SQLITE_BUSY whatever the timeout. */
static int tx_begin(sqlite3 *db, int *pbOwn, Err *err){
  *pbOwn = sqlite3_get_autocommit(db);
  if( sqlite3_exec(db, *pbOwn ? "BEGIN IMMEDIATE" : "SAVEPOINT auth", 0, 0, 0)!=SQLITE_OK ){
    return sql_fail(db, err);
  }
  return 0;
}

/* Commits (rc==0) or rolls back what tx_begin began; returns rc, or -1
** when the commit fails. */
static int tx_end(sqlite3 *db, int bOwn, int rc, Err *err){
  if( rc==0 ){
    if( sqlite3_exec(db, bOwn ? "COMMIT" : "RELEASE auth", 0, 0, 0)==SQLITE_OK ) return 0;
    rc = sql_fail(db, err);
  }
  sqlite3_exec(db, bOwn ? "ROLLBACK" : "ROLLBACK TO auth; RELEASE auth", 0, 0, 0);
  return rc;
}

/* Audits an action on the account zName, object "user:zName". */
static int audit_user(sqlite3 *db, const char *zActor, const char *zAction,
                      const char *zName, const char *zDetail){
  char zObject[80];
  snprintf(zObject, sizeof zObject, "user:%s", zName);
  return store_audit(db, 0, zActor, zAction, zObject, zDetail);
}

/* ---------------------------------------------------------------- users */

/* 1-63 ASCII letters, digits and . _ - @: safe to show, quote and log. */
int auth_user_name_valid(const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n<1 || n>63 ) return 0;
  for(; *z; z++){
    int c = *z | 0x20;
    if( !(c>='a' && c<='z') && !(*z>='0' && *z<='9') && !strchr("._-@", *z) ) return 0;
  }
  return 1;
}

static int password_valid(const char *z, Err *err){
  size_t n = z ? strlen(z) : 0, nChar = 0;
  if( n>AUTH_PASSWORD_MAX ){
    return err_set(err, "the password is too long (at most %d bytes)", AUTH_PASSWORD_MAX);
  }
  for(size_t i=0; i<n; i++) nChar += ((unsigned char)z[i] & 0xC0)!=0x80;
  if( nChar<AUTH_PASSWORD_MIN ){
    return err_set(err, "the password must have at least %d characters", AUTH_PASSWORD_MIN);
  }
  return 0;
}

/* Finds the account named zName (any capitals): fills *pUser and, when
** zHash is not NULL, the stored password hash.  Returns 1 found, 0 not,
** -1 on a database error. */
static int user_find(sqlite3 *db, const char *zName, AuthUser *pUser,
                     char zHash[crypto_pwhash_STRBYTES]){
  memset(pUser, 0, sizeof *pUser);
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT id, name, role, password FROM account"
                                 " WHERE name=?1", "t", zName);
  if( st==0 ) return -1;
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ){
    pUser->id = sqlite3_column_int64(st, 0);
    snprintf(pUser->zName, sizeof pUser->zName, "%s", (const char*)sqlite3_column_text(st, 1));
    pUser->role = auth_role_parse((const char*)sqlite3_column_text(st, 2));
    if( zHash ){
      snprintf(zHash, crypto_pwhash_STRBYTES, "%s", (const char*)sqlite3_column_text(st, 3));
    }
  }
  sqlite3_finalize(st);
  return rc==SQLITE_ROW ? 1 : rc==SQLITE_DONE ? 0 : -1;
}

/* user_find() with the messages for a bad name, a missing user and a
** database error. */
int auth_user_get(sqlite3 *db, const char *zName, AuthUser *pUser, Err *err){
  if( !auth_user_name_valid(zName) ) return err_set(err, "%s", zBadName);
  int rc = user_find(db, zName, pUser, 0);
  if( rc<0 ) return sql_fail(db, err);
  if( rc==0 ) return err_set(err, "no user \"%s\"", zName);
  return 0;
}

/* Refuses when u is the last beheerder (so nobody could manage accounts
** any more from the web).  zWhat: what was to be done. */
static int last_admin_guard(sqlite3 *db, const AuthUser *u, const char *zWhat, Err *err){
  if( u->role!=AUTH_BEHEERDER ) return 0;
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT count(*) FROM account WHERE role='beheerder'", "");
  if( st==0 || sqlite3_step(st)!=SQLITE_ROW ){
    sqlite3_finalize(st);
    return sql_fail(db, err);
  }
  int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n<=1 ? err_set(err, "cannot %s the last beheerder", zWhat) : 0;
}

int auth_user_add(sqlite3 *db, const char *zName, AuthRole role,
                  const char *zPassword, Err *err){
  if( !auth_user_name_valid(zName) ) return err_set(err, "%s", zBadName);
  if( role<AUTH_LEZER || role>AUTH_BEHEERDER ) return err_set(err, "%s", zBadRole);
  if( password_valid(zPassword, err) || crypto_start(err) ) return -1;
  AuthUser u;
  int rc = user_find(db, zName, &u, 0);
  if( rc<0 ) return sql_fail(db, err);
  /* checked before the hash, which costs a fifth of a second */
  if( rc>0 ) return err_set(err, "user \"%s\" already exists", u.zName);
  char zHash[crypto_pwhash_STRBYTES];
  if( password_hash(zPassword, zHash, err) ) return -1;
  if( sql_exec(db, 0, "INSERT INTO account(name, role, password, created_at)"
               " VALUES(?1,?2,?3,strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
               "ttt", zName, auth_role_name(role), zHash) ){
    /* another connection added it while we hashed */
    if( sqlite3_extended_errcode(db)==SQLITE_CONSTRAINT_UNIQUE ){
      return err_set(err, "user \"%s\" already exists", zName);
    }
    return sql_fail(db, err);
  }
  return 0;
}

int auth_user_passwd(sqlite3 *db, const char *zName, const char *zPassword, Err *err){
  AuthUser u;
  if( auth_user_get(db, zName, &u, err) || password_valid(zPassword, err) || crypto_start(err) ){
    return -1;
  }
  char zHash[crypto_pwhash_STRBYTES];
  int bOwn;
  if( password_hash(zPassword, zHash, err) || tx_begin(db, &bOwn, err) ) return -1;
  int rc = sql_exec(db, err, "UPDATE account SET password=?2 WHERE id=?1", "it",
                    (sqlite3_int64)u.id, zHash);
  if( rc==0 ) rc = sql_exec(db, err, "DELETE FROM session WHERE account_id=?1", "i",
                            (sqlite3_int64)u.id);
  return tx_end(db, bOwn, rc, err);
}

int auth_user_set_role(sqlite3 *db, const char *zName, AuthRole role, Err *err){
  if( role<AUTH_LEZER || role>AUTH_BEHEERDER ) return err_set(err, "%s", zBadRole);
  int bOwn;
  if( tx_begin(db, &bOwn, err) ) return -1;
  AuthUser u;
  int rc = auth_user_get(db, zName, &u, err);
  if( rc==0 && role!=AUTH_BEHEERDER ) rc = last_admin_guard(db, &u, "demote", err);
  if( rc==0 ) rc = sql_exec(db, err, "UPDATE account SET role=?2 WHERE id=?1", "it",
                            (sqlite3_int64)u.id, auth_role_name(role));
  return tx_end(db, bOwn, rc, err);
}

int auth_user_remove(sqlite3 *db, const char *zName, Err *err){
  int bOwn;
  if( tx_begin(db, &bOwn, err) ) return -1;
  AuthUser u;
  int rc = auth_user_get(db, zName, &u, err);
  if( rc==0 ) rc = last_admin_guard(db, &u, "remove", err);
  /* explicit, not left to ON DELETE CASCADE: a connection without
  ** foreign_keys=ON must not leave a removed user's sessions working */
  if( rc==0 ) rc = sql_exec(db, err, "DELETE FROM session WHERE account_id=?1", "i",
                            (sqlite3_int64)u.id);
  if( rc==0 ) rc = sql_exec(db, err, "DELETE FROM api_token WHERE account_id=?1", "i",
                            (sqlite3_int64)u.id);
  if( rc==0 ) rc = sql_exec(db, err, "DELETE FROM account WHERE id=?1", "i",
                            (sqlite3_int64)u.id);
  return tx_end(db, bOwn, rc, err);
}

int auth_user_count(sqlite3 *db){
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT count(*) FROM account", "");
  int n = st && sqlite3_step(st)==SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  return n;
}

int auth_user_list(sqlite3 *db, Buf *out, Err *err){
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT name, role, created_at FROM account"
                                 " ORDER BY name, id", "");
  if( st==0 ) return sql_fail(db, err);
  json_t *a = json_array();
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    json_array_append_new(a, json_pack("{s:s, s:s, s:s}",
        "name", (const char*)sqlite3_column_text(st, 0),
        "role", (const char*)sqlite3_column_text(st, 1),
        "created", (const char*)sqlite3_column_text(st, 2)));
  }
  sqlite3_finalize(st);
  if( rc!=SQLITE_DONE ){
    json_decref(a);
    return sql_fail(db, err);
  }
  char *z = json_dumps(a, JSON_COMPACT);
  json_decref(a);
  if( z==0 ) return err_set(err, "out of memory");
  buf_puts(out, z);
  free(z);
  return 0;
}

/* ---------------------------------------------------------------- login */

/* The AUTH_LOGIN_FAILURES-th last failure within the window for one name
** or one address (?1; ?2 the window's start). */
#define AUTH_STR_(x) #x
#define AUTH_STR(x) AUTH_STR_(x)
#define NTH_LAST_FAILURE(col) "SELECT at FROM login_attempt WHERE " col "=?1 AND at>?2" \
  " ORDER BY at DESC LIMIT 1 OFFSET " AUTH_STR(AUTH_LOGIN_FAILURES) "-1"

/* How many seconds until the window of zSql's failure (NTH_LAST_FAILURE)
** for zKey has passed: 0 when there is none and an attempt is allowed
** now, -1 on a database error. */
static long throttle_wait_one(sqlite3 *db, const char *zSql, const char *zKey,
                              sqlite3_int64 now){
  sqlite3_stmt *st = sql_prepare(db, 0, zSql, "ti", zKey,
                                 (sqlite3_int64)(now - AUTH_LOGIN_WINDOW));
  if( st==0 ) return -1;
  int rc = sqlite3_step(st);
  long nWait = 0;
  if( rc==SQLITE_ROW ) nWait = (long)(sqlite3_column_int64(st, 0) + AUTH_LOGIN_WINDOW - now);
  sqlite3_finalize(st);
  if( rc!=SQLITE_ROW && rc!=SQLITE_DONE ) return -1;
  return nWait>0 ? nWait : 0;
}

/* Seconds until an attempt for zName from zIp is allowed: the longer wait
** of the two.  An unknown address ("") is not counted, lest every client
** without one share a single allowance. */
static long throttle_wait(sqlite3 *db, const char *zName, const char *zIp, sqlite3_int64 now){
  long nName = throttle_wait_one(db, NTH_LAST_FAILURE("name"), zName, now);
  long nIp = zIp[0] ? throttle_wait_one(db, NTH_LAST_FAILURE("ip"), zIp, now) : 0;
  if( nName<0 || nIp<0 ) return -1;
  return nName>nIp ? nName : nIp;
}

/* Records a failed attempt and prunes those past the window. */
static void login_failed(sqlite3 *db, const char *zName, const char *zIp,
                         const char *zDetail, sqlite3_int64 now){
  int bOwn, rc;
  if( tx_begin(db, &bOwn, 0) ) return;
  rc = sql_exec(db, 0, "INSERT INTO login_attempt(name, ip, at) VALUES(?1,?2,?3)", "tti",
                zName, zIp, now);
  if( rc==0 ) rc = sql_exec(db, 0, "DELETE FROM login_attempt WHERE at<=?1", "i",
                            (sqlite3_int64)(now - AUTH_LOGIN_WINDOW));
  if( rc==0 ) rc = audit_user(db, zName, "login failed", zName, zDetail);
  tx_end(db, bOwn, rc, 0);
}

int auth_login(sqlite3 *db, const char *zName, const char *zPassword,
               const char *zClientIp, AuthUser *pUser, int *pbThrottled, Err *err){
  int bThrottled;
  if( pbThrottled==0 ) pbThrottled = &bThrottled;
  *pbThrottled = 0;
  memset(pUser, 0, sizeof *pUser);
  if( crypto_start(err) ) return -1;
  const char *zKey = auth_user_name_valid(zName) ? zName : INVALID_NAME;
  const char *zIp = zClientIp ? zClientIp : "";
  if( zPassword==0 ) zPassword = "";
  size_t nPassword = strlen(zPassword);
  sqlite3_int64 now = (sqlite3_int64)time(0);

  long nWait = throttle_wait(db, zKey, zIp, now);
  if( nWait<0 ) return sql_fail(db, err);
  if( nWait>0 ){
    long nMin = (nWait + 59)/60;
    *pbThrottled = 1;
    return err_set(err, "too many attempts; try again in %ld minute%s", nMin, nMin==1 ? "" : "s");
  }

  AuthUser u;
  memset(&u, 0, sizeof u);
  char zHash[crypto_pwhash_STRBYTES] = "";
  int bFound = zKey==zName ? user_find(db, zName, &u, zHash) : 0;
  if( bFound<0 ) return sql_fail(db, err);
  int bOk = 0;
  if( nPassword>AUTH_PASSWORD_MAX ){
    /* no password is this long: no need to spend a hash on it */
  }else if( bFound ){
    bOk = crypto_pwhash_str_verify(zHash, zPassword, nPassword)==0;
  }else{
    /* the same work as for a known name: the time taken does not tell
    ** which names exist */
    char zScratch[crypto_pwhash_STRBYTES];
    if( crypto_pwhash_str(zScratch, zPassword, nPassword, nHashOps, nHashMem) ){}
  }

  char zDetail[128];
  snprintf(zDetail, sizeof zDetail, "from %s", zIp[0] ? zIp : "an unknown address");
  if( !bOk ){
    login_failed(db, zKey, zIp, zDetail, now);
    return err_set(err, "wrong name or password");
  }

  /* a hash made at another cost (an older default) is replaced while
  ** the password is at hand */
  char zNew[crypto_pwhash_STRBYTES] = "";
  if( crypto_pwhash_str_needs_rehash(zHash, nHashOps, nHashMem)!=0 ){
    if( password_hash(zPassword, zNew, 0) ) zNew[0] = 0;
  }
  int bOwn;
  if( tx_begin(db, &bOwn, err) ) return -1;
  int rc = sql_exec(db, err, "DELETE FROM login_attempt WHERE name=?1", "t", u.zName);
  if( rc==0 && zNew[0] ){
    rc = sql_exec(db, err, "UPDATE account SET password=?2 WHERE id=?1", "it",
                  (sqlite3_int64)u.id, zNew);
  }
  if( rc==0 && audit_user(db, u.zName, "login", u.zName, zDetail) ) rc = sql_fail(db, err);
  if( tx_end(db, bOwn, rc, err) ) return -1;
  *pUser = u;
  return 0;
}

/* ------------------------------------------------------------- sessions */

int auth_session_new(sqlite3 *db, long long iUser, char *zToken, Err *err){
  zToken[0] = 0;
  if( crypto_start(err) ) return -1;
  char zTok[AUTH_TOKEN_HEX+1], zHash[AUTH_TOKEN_HEX+1];
  token_random(zTok);
  token_hash(zTok, zHash);
  sqlite3_int64 now = (sqlite3_int64)time(0);
  int bOwn;
  if( tx_begin(db, &bOwn, err) ) return -1;
  /* the lazy sweep: sessions nobody will ask for again */
  int rc = sql_exec(db, err, "DELETE FROM session WHERE last_seen<=?1 OR created_at<=?2", "ii",
                    (sqlite3_int64)(now - AUTH_SESSION_SECONDS),
                    (sqlite3_int64)(now - AUTH_SESSION_MAX_SECONDS));
  if( rc==0 ){
    rc = sql_exec(db, 0, "INSERT INTO session(token_hash, account_id, created_at, last_seen)"
                  " SELECT ?1, id, ?3, ?3 FROM account WHERE id=?2", "tii",
                  zHash, (sqlite3_int64)iUser, now);
    if( rc ) sql_fail(db, err);
    else if( sqlite3_changes(db)==0 ) rc = err_set(err, "no user with id %lld", iUser);
  }
  if( tx_end(db, bOwn, rc, err) ) return -1;
  memcpy(zToken, zTok, sizeof zTok);
  return 0;
}

int auth_session_user(sqlite3 *db, const char *zToken, AuthUser *pUser){
  memset(pUser, 0, sizeof *pUser);
  if( !token_valid(zToken) ) return -1;
  char zHash[AUTH_TOKEN_HEX+1];
  token_hash(zToken, zHash);
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT a.id, a.name, a.role, s.created_at, s.last_seen"
                                 " FROM session s JOIN account a ON a.id=s.account_id"
                                 " WHERE s.token_hash=?1", "t", zHash);
  if( st==0 ) return -1;
  if( sqlite3_step(st)!=SQLITE_ROW ){
    sqlite3_finalize(st);
    return -1;
  }
  AuthUser u;
  u.id = sqlite3_column_int64(st, 0);
  snprintf(u.zName, sizeof u.zName, "%s", (const char*)sqlite3_column_text(st, 1));
  u.role = auth_role_parse((const char*)sqlite3_column_text(st, 2));
  sqlite3_int64 created = sqlite3_column_int64(st, 3), seen = sqlite3_column_int64(st, 4);
  sqlite3_finalize(st);
  sqlite3_int64 now = (sqlite3_int64)time(0);
  if( now - seen >= AUTH_SESSION_SECONDS || now - created >= AUTH_SESSION_MAX_SECONDS ){
    sql_exec(db, 0, "DELETE FROM session WHERE token_hash=?1", "t", zHash);
    return -1;
  }
  if( now - seen >= SESSION_TOUCH_SECONDS ){
    /* a failed write (a busy archive) costs the session a minute at most */
    sql_exec(db, 0, "UPDATE session SET last_seen=?2 WHERE token_hash=?1", "ti", zHash, now);
  }
  *pUser = u;
  return 0;
}

int auth_session_end(sqlite3 *db, const char *zToken){
  if( !token_valid(zToken) ) return -1;
  char zHash[AUTH_TOKEN_HEX+1];
  token_hash(zToken, zHash);
  int bOwn;
  if( tx_begin(db, &bOwn, 0) ) return -1;
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT a.name FROM session s"
                                 " JOIN account a ON a.id=s.account_id WHERE s.token_hash=?1",
                                 "t", zHash);
  char zName[64] = "";
  int rc = st && sqlite3_step(st)==SQLITE_ROW ? 0 : -1;
  if( rc==0 ) snprintf(zName, sizeof zName, "%s", (const char*)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if( rc==0 ) rc = sql_exec(db, 0, "DELETE FROM session WHERE token_hash=?1", "t", zHash);
  if( rc==0 ) rc = audit_user(db, zName, "logout", zName, 0);
  return tx_end(db, bOwn, rc, 0);
}

/* ----------------------------------------------------------------- CSRF */

/* The archive's CSRF key, read (or made) once per process and archive:
** the cache holds the key of the last archive asked about, named by the
** hash of its file name, so that a process with two archives (the tests)
** never signs with the wrong one. */
static pthread_mutex_t keyMutex = PTHREAD_MUTEX_INITIALIZER;
static struct {
  int bSet;
  unsigned char aFile[crypto_generichash_BYTES];
  unsigned char aKey[crypto_generichash_KEYBYTES];
} keyCache;

/* Reads the key from the setting table, making it when there is none.
** Two connections may race to make it: INSERT OR IGNORE keeps the first,
** and both read that one back.  Returns 0, or -1 on a database error. */
static int csrf_key_load(sqlite3 *db, unsigned char aKey[crypto_generichash_KEYBYTES]){
  static const char zGet[] = "SELECT value FROM setting WHERE name='csrf_key'";
  for(int iTry=0; iTry<2; iTry++){
    sqlite3_stmt *st = sql_prepare(db, 0, zGet, "");
    if( st==0 ) return -1;
    int rc = sqlite3_step(st);
    size_t n = 0;
    if( rc==SQLITE_ROW ){
      const char *zHex = (const char*)sqlite3_column_text(st, 0);
      if( zHex==0 || sodium_hex2bin(aKey, crypto_generichash_KEYBYTES, zHex, strlen(zHex),
                                    0, &n, 0)!=0 ) n = 0;
    }
    sqlite3_finalize(st);
    if( rc==SQLITE_ROW ) return n==crypto_generichash_KEYBYTES ? 0 : -1;
    if( rc!=SQLITE_DONE || iTry ) return -1;
    unsigned char aNew[crypto_generichash_KEYBYTES];
    char zHex[2*sizeof aNew + 1];
    randombytes_buf(aNew, sizeof aNew);
    sodium_bin2hex(zHex, sizeof zHex, aNew, sizeof aNew);
    sodium_memzero(aNew, sizeof aNew);
    if( sql_exec(db, 0, "INSERT OR IGNORE INTO setting(name, value) VALUES('csrf_key', ?1)",
                 "t", zHex) ) return -1;
  }
  return -1;
}

static int csrf_key(sqlite3 *db, unsigned char aKey[crypto_generichash_KEYBYTES]){
  const char *zFile = sqlite3_db_filename(db, "main");
  int bCache = zFile && zFile[0];   /* an in-memory archive has no name */
  unsigned char aFile[crypto_generichash_BYTES];
  if( bCache ){
    crypto_generichash(aFile, sizeof aFile, (const unsigned char*)zFile, strlen(zFile), 0, 0);
    pthread_mutex_lock(&keyMutex);
    int bHit = keyCache.bSet && memcmp(keyCache.aFile, aFile, sizeof aFile)==0;
    if( bHit ) memcpy(aKey, keyCache.aKey, sizeof keyCache.aKey);
    pthread_mutex_unlock(&keyMutex);
    if( bHit ) return 0;
  }
  /* outside the lock: other threads need not wait on this database */
  if( csrf_key_load(db, aKey) ) return -1;
  if( bCache ){
    pthread_mutex_lock(&keyMutex);
    memcpy(keyCache.aFile, aFile, sizeof aFile);
    memcpy(keyCache.aKey, aKey, sizeof keyCache.aKey);
    keyCache.bSet = 1;
    pthread_mutex_unlock(&keyMutex);
  }
  return 0;
}

void auth_csrf_token(sqlite3 *db, const char *zSessionToken, char *zCsrf){
  zCsrf[0] = 0;
  unsigned char aKey[crypto_generichash_KEYBYTES], aMac[AUTH_TOKEN_HEX/2];
  if( !token_valid(zSessionToken) || sodium_init()<0 || csrf_key(db, aKey) ) return;
  crypto_generichash(aMac, sizeof aMac, (const unsigned char*)zSessionToken,
                     strlen(zSessionToken), aKey, sizeof aKey);
  sodium_memzero(aKey, sizeof aKey);
  sodium_bin2hex(zCsrf, AUTH_TOKEN_HEX+1, aMac, sizeof aMac);
}

int auth_csrf_check(sqlite3 *db, const char *zSessionToken, const char *zCsrf){
  if( zCsrf==0 || strlen(zCsrf)!=AUTH_TOKEN_HEX ) return 0;
  char zWant[AUTH_TOKEN_HEX+1];
  auth_csrf_token(db, zSessionToken, zWant);
  return zWant[0] && sodium_memcmp(zWant, zCsrf, AUTH_TOKEN_HEX)==0;
}

/* ----------------------------------------------------------- API tokens */

int auth_token_new(sqlite3 *db, const char *zName, char *zToken, Err *err){
  zToken[0] = 0;
  AuthUser u;
  if( crypto_start(err) || auth_user_get(db, zName, &u, err) ) return -1;
  char zTok[AUTH_TOKEN_HEX+1], zHash[AUTH_TOKEN_HEX+1];
  token_random(zTok);
  token_hash(zTok, zHash);
  /* one row per account: the new token replaces the old in one step */
  if( sql_exec(db, err, "INSERT OR REPLACE INTO api_token(account_id, token_hash, created_at)"
               " VALUES(?1,?2,strftime('%Y-%m-%dT%H:%M:%SZ','now'))", "it",
               (sqlite3_int64)u.id, zHash) ) return -1;
  memcpy(zToken, zTok, sizeof zTok);
  return 0;
}

int auth_token_user(sqlite3 *db, const char *zToken, AuthUser *pUser){
  memset(pUser, 0, sizeof *pUser);
  if( !token_valid(zToken) ) return -1;
  char zHash[AUTH_TOKEN_HEX+1];
  token_hash(zToken, zHash);
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT a.id, a.name, a.role FROM api_token t"
                                 " JOIN account a ON a.id=t.account_id WHERE t.token_hash=?1",
                                 "t", zHash);
  int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
  if( rc==SQLITE_ROW ){
    pUser->id = sqlite3_column_int64(st, 0);
    snprintf(pUser->zName, sizeof pUser->zName, "%s", (const char*)sqlite3_column_text(st, 1));
    pUser->role = auth_role_parse((const char*)sqlite3_column_text(st, 2));
  }
  sqlite3_finalize(st);
  return rc==SQLITE_ROW ? 0 : -1;
}
