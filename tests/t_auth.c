/*
** t_auth.c — accounts, roles, logins and their throttling, sessions, CSRF
** tokens, API tokens, the schema's version 2 and its migration, and
** "overleg user" through the binary ($OVERLEG).
**
** Each case works on its own archive in a folder under one /tmp folder of
** the suite (removed afterwards, kept when $HOSTILE_KEEP is set).  In
** process, passwords are hashed at libsodium's lowest cost
** (auth_set_pwhash_cost_for_tests), except in case 4, which checks the
** real cost; the binary always uses the real one.  Times are moved by
** rewriting the stored Unix seconds.
*/
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "fts_dutch.h"
#include "hostile.h"
#include "store.h"
#include "testutil.h"

Suite *suite_auth(void);

/* ------------------------------------------------------------ scratch */

/* The suite's folder, made and removed by the runner's process (an
** unchecked fixture), so that a failed case leaves nothing behind. */
static char *zBase;
static void base_new(void){ zBase = hostile_dir_new(); }
static void base_free(void){ hostile_dir_free(zBase); zBase = 0; }

/* Each case (in its own process) hashes cheaply. */
static void cheap_hashes(void){
  ck_assert_int_ge(sodium_init(), 0);
  auth_set_pwhash_cost_for_tests(1);
}

/* A case's folder zDir with the archive zDir/st, open. */
typedef TuArch Arch;

static void arch_new(Arch *a){
  tu_arch_new(a, zBase);
  tu_arch_open(a);
}

/* ------------------------------------------------------------ queries */

/* The audit log as "actor|action|object|detail" lines, oldest first. */
static const char *audit_log(sqlite3 *db){
  return tu_q_text(db, "SELECT coalesce(group_concat(l, char(10)), '') FROM (SELECT"
                       " actor || '|' || action || '|' || object || '|' || coalesce(detail, '') AS l"
                       " FROM audit ORDER BY id)", 0);
}

static int is_hex64(const char *z){
  if( strlen(z)!=64 ) return 0;
  for(; *z; z++) if( !strchr("0123456789abcdef", *z) ) return 0;
  return 1;
}

/* ------------------------------------------------------------ helpers */

#define PW "correct horse"      /* 13 characters */

static void add_user(sqlite3 *db, const char *zName, AuthRole role){
  Err err = ERR_INIT;
  ck_assert_msg(auth_user_add(db, zName, role, PW, &err)==0, "%s: %s", zName, err.msg);
}

/* Logs in; returns auth_login()'s result with the message in zMsg and
** the throttled flag in *pbThrottled (each may be NULL). */
static int login(sqlite3 *db, const char *zName, const char *zPassword, const char *zIp,
                 AuthUser *pUser, int *pbThrottled, char *zMsg){
  Err err = ERR_INIT;
  AuthUser u;
  int bThrottled = -1;
  int rc = auth_login(db, zName, zPassword, zIp, pUser ? pUser : &u, &bThrottled, &err);
  ck_assert_int_ne(bThrottled, -1);
  if( pbThrottled ) *pbThrottled = bThrottled;
  if( zMsg ) strcpy(zMsg, err.msg);
  ck_assert_msg(rc==0 || err.set, "failed without a message");
  return rc;
}

/* Asserts that call, given E as its Err*, returns -1 with zWant. */
#define ASSERT_FAILS(call, zWant) do{ \
    Err e_ = ERR_INIT; \
    Err *const E = &e_; \
    ck_assert_int_eq((call), -1); \
    ck_assert_str_eq(e_.msg, zWant); \
  }while(0)

static const char zBadName[] =
  "invalid user name: use 1 to 63 letters, digits, '.', '_', '-' or '@'";

/* ================================================== 1: roles */

/* 1. Roles: Dutch names and English aliases, any capitals; unknown ones
** are AUTH_NONE; back to the Dutch name; ordered. */
START_TEST(t01_roles){
  static const struct { const char *z; AuthRole r; } aCase[] = {
    { "lezer", AUTH_LEZER }, { "reader", AUTH_LEZER }, { "Lezer", AUTH_LEZER },
    { "medewerker", AUTH_MEDEWERKER }, { "staff", AUTH_MEDEWERKER },
    { "auditor", AUTH_AUDITOR }, { "AUDITOR", AUTH_AUDITOR },
    { "beheerder", AUTH_BEHEERDER }, { "admin", AUTH_BEHEERDER },
    { "", AUTH_NONE }, { "root", AUTH_NONE }, { "lezers", AUTH_NONE }, { "admin ", AUTH_NONE },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    ck_assert_msg(auth_role_parse(aCase[i].z)==aCase[i].r, "\"%s\"", aCase[i].z);
  }
  ck_assert_int_eq(auth_role_parse(0), AUTH_NONE);
  ck_assert_str_eq(auth_role_name(AUTH_LEZER), "lezer");
  ck_assert_str_eq(auth_role_name(AUTH_MEDEWERKER), "medewerker");
  ck_assert_str_eq(auth_role_name(AUTH_AUDITOR), "auditor");
  ck_assert_str_eq(auth_role_name(AUTH_BEHEERDER), "beheerder");
  ck_assert_str_eq(auth_role_name(AUTH_NONE), "");
  ck_assert_str_eq(auth_role_name((AuthRole)9), "");
  ck_assert(AUTH_LEZER < AUTH_MEDEWERKER && AUTH_MEDEWERKER < AUTH_AUDITOR
            && AUTH_AUDITOR < AUTH_BEHEERDER);
}
END_TEST

/* ================================================== 2-4: users, login */

/* 2. Adding users: names, duplicates whatever the capitals, passwords
** counted in characters, roles; the list as JSON; lookups by name; roles
** changed; the password stored only as an argon2id hash. */
START_TEST(t02_users){
  Arch a;
  arch_new(&a);
  ck_assert_int_eq(auth_user_count(a.db), 0);
  Buf out = BUF_INIT;
  Err err = ERR_INIT;
  ck_assert_int_eq(auth_user_list(a.db, &out, &err), 0);
  ck_assert_str_eq(out.z, "[]");

  add_user(a.db, "alice", AUTH_BEHEERDER);
  add_user(a.db, "b.de-Vries_2@regio", AUTH_LEZER);
  char z63[64];
  memset(z63, 'x', 63);
  z63[63] = 0;
  add_user(a.db, z63, AUTH_AUDITOR);
  /* 10 characters, 20 bytes */
  ck_assert_int_eq(auth_user_add(a.db, "eve", AUTH_MEDEWERKER, "éééééééééé", &err), 0);
  ck_assert_int_eq(auth_user_count(a.db), 4);

  ASSERT_FAILS(auth_user_add(a.db, "alice", AUTH_LEZER, PW, E), "user \"alice\" already exists");
  ASSERT_FAILS(auth_user_add(a.db, "ALICE", AUTH_LEZER, PW, E), "user \"alice\" already exists");
  static const char *const azBad[] = {
    "", "b b", "a/b", "a\nb", "jürgen", "a'b", "<script>", "a;b", "x:y",
  };
  for(size_t i=0; i<sizeof azBad/sizeof azBad[0]; i++){
    ASSERT_FAILS(auth_user_add(a.db, azBad[i], AUTH_LEZER, PW, E), zBadName);
    ck_assert_int_eq(auth_user_name_valid(azBad[i]), 0);
  }
  char z64[65];
  memset(z64, 'x', 64);
  z64[64] = 0;
  ASSERT_FAILS(auth_user_add(a.db, z64, AUTH_LEZER, PW, E), zBadName);
  ASSERT_FAILS(auth_user_add(a.db, 0, AUTH_LEZER, PW, E), zBadName);
  ASSERT_FAILS(auth_user_add(a.db, "bob", AUTH_LEZER, "123456789", E),
               "the password must have at least 10 characters");
  ASSERT_FAILS(auth_user_add(a.db, "bob", AUTH_LEZER, "ééééééééé", E),
               "the password must have at least 10 characters");
  ASSERT_FAILS(auth_user_add(a.db, "bob", AUTH_LEZER, "", E),
               "the password must have at least 10 characters");
  ASSERT_FAILS(auth_user_add(a.db, "bob", AUTH_LEZER, 0, E),
               "the password must have at least 10 characters");
  char zLong[AUTH_PASSWORD_MAX+2];
  memset(zLong, 'p', sizeof zLong - 1);
  zLong[sizeof zLong - 1] = 0;
  ASSERT_FAILS(auth_user_add(a.db, "bob", AUTH_LEZER, zLong, E),
               "the password is too long (at most 1024 bytes)");
  zLong[AUTH_PASSWORD_MAX] = 0;
  ck_assert_int_eq(auth_user_add(a.db, "long", AUTH_LEZER, zLong, &err), 0);
  ASSERT_FAILS(auth_user_add(a.db, "bob", AUTH_NONE, PW, E),
               "unknown role: use lezer, medewerker, auditor or beheerder");
  ASSERT_FAILS(auth_user_add(a.db, "bob", (AuthRole)5, PW, E),
               "unknown role: use lezer, medewerker, auditor or beheerder");
  ck_assert_int_eq(auth_user_count(a.db), 5);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM account WHERE name='bob'", 0), 0);

  /* stored: the role in Dutch, an argon2id hash, the time in UTC */
  ck_assert_str_eq(tu_q_text(a.db, "SELECT role FROM account WHERE name='alice'", 0), "beheerder");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM account WHERE password LIKE '$argon2id$%'"
                                  " AND instr(password, 'correct')=0", 0), 5);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM account WHERE created_at GLOB"
                                  " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
                                  "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'", 0), 5);

  /* the list: by name, [{name, role, created}] */
  buf_reset(&out);
  ck_assert_int_eq(auth_user_list(a.db, &out, &err), 0);
  json_error_t je;
  json_t *j = json_loads(out.z, 0, &je);
  ck_assert_msg(j && json_is_array(j), "%s", out.z);
  ck_assert_int_eq(json_array_size(j), 5);
  static const char *const azName[] = { "alice", "b.de-Vries_2@regio", "eve", "long", 0 };
  static const char *const azRole[] = { "beheerder", "lezer", "medewerker", "lezer", "auditor" };
  for(size_t i=0; i<5; i++){
    json_t *v = json_array_get(j, i);
    ck_assert_int_eq(json_object_size(v), 3);
    ck_assert_str_eq(json_string_value(json_object_get(v, "name")), azName[i] ? azName[i] : z63);
    ck_assert_str_eq(json_string_value(json_object_get(v, "role")), azRole[i]);
    ck_assert_int_eq(strlen(json_string_value(json_object_get(v, "created"))), 20);
  }
  json_decref(j);

  /* lookups whatever the capitals, giving the stored spelling */
  AuthUser u;
  ck_assert_int_eq(auth_user_get(a.db, "B.DE-VRIES_2@REGIO", &u, &err), 0);
  ck_assert_str_eq(u.zName, "b.de-Vries_2@regio");
  ck_assert_int_eq(u.role, AUTH_LEZER);
  ck_assert_int_gt(u.id, 0);
  ASSERT_FAILS(auth_user_get(a.db, "nobody", &u, E), "no user \"nobody\"");
  ASSERT_FAILS(auth_user_get(a.db, "no body", &u, E), zBadName);

  /* roles change; the last beheerder keeps hers */
  ck_assert_int_eq(auth_user_set_role(a.db, "eve", AUTH_AUDITOR, &err), 0);
  ck_assert_int_eq(auth_user_get(a.db, "eve", &u, &err), 0);
  ck_assert_int_eq(u.role, AUTH_AUDITOR);
  ASSERT_FAILS(auth_user_set_role(a.db, "alice", AUTH_LEZER, E),
               "cannot demote the last beheerder");
  ck_assert_int_eq(auth_user_set_role(a.db, "alice", AUTH_BEHEERDER, &err), 0);
  ck_assert_int_eq(auth_user_set_role(a.db, "eve", AUTH_BEHEERDER, &err), 0);
  ck_assert_int_eq(auth_user_set_role(a.db, "alice", AUTH_LEZER, &err), 0);
  ASSERT_FAILS(auth_user_set_role(a.db, "eve", AUTH_NONE, E),
               "unknown role: use lezer, medewerker, auditor or beheerder");
  ASSERT_FAILS(auth_user_set_role(a.db, "nobody", AUTH_LEZER, E), "no user \"nobody\"");
  ck_assert_int_eq(sqlite3_get_autocommit(a.db), 1);

  /* inside a caller's transaction: a savepoint, rolled back with it */
  tu_exec(a.db, "BEGIN");
  add_user(a.db, "inner", AUTH_LEZER);
  ck_assert_int_eq(auth_user_remove(a.db, "long", &err), 0);
  ASSERT_FAILS(auth_user_remove(a.db, "eve", E), "cannot remove the last beheerder");
  tu_exec(a.db, "ROLLBACK");
  ck_assert_int_eq(auth_user_count(a.db), 5);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM account WHERE name IN ('inner')", 0), 0);

  /* no audit rows: the callers write them */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit", 0), 0);
  buf_release(&out);
  tu_arch_free(&a);
}
END_TEST

/* 3. Logging in: the right password, a wrong one, an unknown or invalid
** name, any capitals; audited with the address; one-time passwords. */
START_TEST(t03_login){
  Arch a;
  arch_new(&a);
  add_user(a.db, "Alice", AUTH_MEDEWERKER);
  AuthUser u;
  char zMsg[400];
  int bThrottled;
  ck_assert_int_eq(login(a.db, "Alice", PW, "10.0.0.1", &u, &bThrottled, zMsg), 0);
  ck_assert_int_eq(bThrottled, 0);
  ck_assert_str_eq(u.zName, "Alice");
  ck_assert_int_eq(u.role, AUTH_MEDEWERKER);
  ck_assert_int_eq(u.id, tu_q_int(a.db, "SELECT id FROM account", 0));
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), 0);
  ck_assert_str_eq(u.zName, "Alice");

  static const struct { const char *zName, *zPassword; } aBad[] = {
    { "Alice", "correct horsE" }, { "Alice", "" }, { "Alice", 0 }, { "bob", PW },
    { "", PW }, { 0, PW }, { "a b\n<x>", PW },
  };
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    u.id = 99;
    ck_assert_int_eq(login(a.db, aBad[i].zName, aBad[i].zPassword, "10.0.0.2", &u,
                           &bThrottled, zMsg), -1);
    ck_assert_str_eq(zMsg, "wrong name or password");
    ck_assert_int_eq(bThrottled, 0);
    ck_assert_int_eq(u.id, 0);
    ck_assert_str_eq(u.zName, "");
    /* a new address each time: none is throttled; the names are */
    tu_exec(a.db, "UPDATE login_attempt SET ip='elsewhere'");
    tu_exec(a.db, "DELETE FROM login_attempt WHERE name<>'Alice'");
  }
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM login_attempt", 0), 3);
  /* a NULL pbThrottled and a NULL address are allowed */
  Err err = ERR_INIT;
  ck_assert_int_eq(auth_login(a.db, "alice", PW, 0, &u, 0, &err), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM login_attempt", 0), 0);
  ck_assert_str_eq(audit_log(a.db),
    "Alice|login|user:Alice|from 10.0.0.1\n"
    "Alice|login|user:Alice|from 10.0.0.1\n"
    "Alice|login failed|user:Alice|from 10.0.0.2\n"
    "Alice|login failed|user:Alice|from 10.0.0.2\n"
    "Alice|login failed|user:Alice|from 10.0.0.2\n"
    "bob|login failed|user:bob|from 10.0.0.2\n"
    "(invalid name)|login failed|user:(invalid name)|from 10.0.0.2\n"
    "(invalid name)|login failed|user:(invalid name)|from 10.0.0.2\n"
    "(invalid name)|login failed|user:(invalid name)|from 10.0.0.2\n"
    "Alice|login|user:Alice|from an unknown address");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT at FROM audit ORDER BY id DESC LIMIT 1", 0) + 19, "Z");

  /* one-time passwords: long enough, no look-alikes, different */
  char zP1[AUTH_PASSWORD_NEW+1], zP2[AUTH_PASSWORD_NEW+1];
  auth_password_new(zP1);
  auth_password_new(zP2);
  ck_assert_int_eq(strlen(zP1), AUTH_PASSWORD_NEW);
  ck_assert_int_ge(AUTH_PASSWORD_NEW, AUTH_PASSWORD_MIN);
  ck_assert_str_ne(zP1, zP2);
  ck_assert_uint_eq(strcspn(zP1, "0O1lI"), AUTH_PASSWORD_NEW);
  ck_assert_int_eq(auth_user_add(a.db, "first", AUTH_BEHEERDER, zP1, &err), 0);
  ck_assert_int_eq(login(a.db, "first", zP1, "10.0.0.3", &u, 0, 0), 0);
  tu_arch_free(&a);
}
END_TEST

/* 4. The real cost: libsodium's interactive argon2id (64 MiB, 2 passes).
** A hash made at a lower cost verifies, and the login replaces it with
** one at the real cost.  (Two real hashes: a fifth of a second each.) */
START_TEST(t04_real_cost){
  Arch a;
  arch_new(&a);
  add_user(a.db, "alice", AUTH_LEZER);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT substr(password, 1, 27) FROM account", 0),
                                   "$argon2id$v=19$m=8,t=1,p=1$");
  auth_set_pwhash_cost_for_tests(0);
  AuthUser u;
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), 0);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT substr(password, 1, 31) FROM account", 0),
                                   "$argon2id$v=19$m=65536,t=2,p=1$");
  char zHash[200];
  snprintf(zHash, sizeof zHash, "%s", tu_q_text(a.db, "SELECT password FROM account", 0));
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), 0);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT password FROM account", 0), zHash);
  auth_set_pwhash_cost_for_tests(1);
  tu_arch_free(&a);
}
END_TEST

/* ================================================== 5-6: throttling */

/* Moves every recorded failure nSec into the past. */
static void failures_back(sqlite3 *db, int nSec){
  char z[100];
  snprintf(z, sizeof z, "UPDATE login_attempt SET at=at-%d", nSec);
  tu_exec(db, z);
}

/* 5. Per name: 5 failures from 5 addresses in 15 minutes, and the 6th
** attempt is refused even with the right password, without being
** counted; other names are not affected.  The wait shrinks as the
** failures age, and ends when the 5th-last is 15 minutes old; a success
** clears the name's failures. */
START_TEST(t05_throttle_per_name){
  Arch a;
  arch_new(&a);
  add_user(a.db, "alice", AUTH_LEZER);
  add_user(a.db, "bob", AUTH_LEZER);
  char zMsg[400], zIp[32];
  int bThrottled;
  for(int i=0; i<AUTH_LOGIN_FAILURES; i++){
    snprintf(zIp, sizeof zIp, "10.0.1.%d", i);
    ck_assert_int_eq(login(a.db, "alice", "wrong password", zIp, 0, &bThrottled, zMsg), -1);
    ck_assert_str_eq(zMsg, "wrong name or password");
    ck_assert_int_eq(bThrottled, 0);
  }
  for(int i=0; i<2; i++){
    ck_assert_int_eq(login(a.db, i ? "ALICE" : "alice", PW, "10.0.1.99", 0, &bThrottled, zMsg), -1);
    ck_assert_str_eq(zMsg, "too many attempts; try again in 15 minutes");
    ck_assert_int_eq(bThrottled, 1);
  }
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM login_attempt", 0), 5);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='login failed'", 0), 5);
  ck_assert_int_eq(login(a.db, "bob", PW, "10.0.1.99", 0, &bThrottled, zMsg), 0);

  failures_back(a.db, 14*60);
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.1.99", 0, &bThrottled, zMsg), -1);
  ck_assert_str_eq(zMsg, "too many attempts; try again in 1 minute");
  failures_back(a.db, 30);
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.1.99", 0, &bThrottled, zMsg), -1);
  ck_assert_str_eq(zMsg, "too many attempts; try again in 1 minute");
  /* the 5th-last failure decides: spread over the window (100 to 500
  ** seconds ago) it is the oldest, 400 seconds from leaving it; one more,
  ** newer failure makes another the 5th-last, 500 seconds from leaving */
  tu_exec(a.db, "UPDATE login_attempt SET at=CAST(strftime('%s','now') AS INTEGER) - 100*id");
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.1.99", 0, &bThrottled, zMsg), -1);
  ck_assert_str_eq(zMsg, "too many attempts; try again in 7 minutes");
  tu_exec(a.db, "INSERT INTO login_attempt(name, ip, at)"
            " VALUES('alice', 'x', CAST(strftime('%s','now') AS INTEGER) - 50)");
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.1.99", 0, &bThrottled, zMsg), -1);
  ck_assert_str_eq(zMsg, "too many attempts; try again in 9 minutes");
  /* 4 failures left in the window: allowed */
  failures_back(a.db, 500);
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.1.99", 0, &bThrottled, zMsg), 0);
  ck_assert_int_eq(bThrottled, 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM login_attempt", 0), 0);
  /* 4 failures are allowed again, the 5th too; then the refusal */
  for(int i=0; i<AUTH_LOGIN_FAILURES; i++){
    ck_assert_int_eq(login(a.db, "alice", "wrong password", "10.0.2.1", 0, &bThrottled, zMsg), -1);
    ck_assert_str_eq(zMsg, "wrong name or password");
    tu_exec(a.db, "UPDATE login_attempt SET ip='x'||id");
  }
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.2.1", 0, &bThrottled, zMsg), -1);
  ck_assert_int_eq(bThrottled, 1);
  tu_arch_free(&a);
}
END_TEST

/* 6. Per address: 5 failures from one address, each for another name
** (known or not), and that address is refused for everyone, even with the
** right password, while other addresses go on.  Failures older than the
** window are pruned.  Unknown addresses ("" or NULL) are not counted. */
START_TEST(t06_throttle_per_address){
  Arch a;
  arch_new(&a);
  add_user(a.db, "bob", AUTH_LEZER);
  add_user(a.db, "carol", AUTH_LEZER);
  char zMsg[400], zName[32];
  int bThrottled;
  for(int i=0; i<AUTH_LOGIN_FAILURES; i++){
    snprintf(zName, sizeof zName, i==0 ? "carol" : "guess%d", i);
    ck_assert_int_eq(login(a.db, zName, "wrong password", "192.0.2.7", 0, &bThrottled, zMsg), -1);
    ck_assert_int_eq(bThrottled, 0);
  }
  ck_assert_int_eq(login(a.db, "bob", PW, "192.0.2.7", 0, &bThrottled, zMsg), -1);
  ck_assert_str_eq(zMsg, "too many attempts; try again in 15 minutes");
  ck_assert_int_eq(bThrottled, 1);
  ck_assert_int_eq(login(a.db, "bob", PW, "192.0.2.8", 0, &bThrottled, zMsg), 0);
  ck_assert_int_eq(login(a.db, "carol", PW, "192.0.2.8", 0, &bThrottled, zMsg), 0);
  /* carol's success cleared her failure: 4 left for the address */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM login_attempt", 0), 4);
  ck_assert_int_eq(login(a.db, "bob", PW, "192.0.2.7", 0, &bThrottled, zMsg), 0);

  /* an old failure is pruned at the next one */
  failures_back(a.db, AUTH_LOGIN_WINDOW);
  ck_assert_int_eq(login(a.db, "nobody", "wrong password", "192.0.2.9", 0, 0, zMsg), -1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM login_attempt", 0), 1);

  for(int i=0; i<AUTH_LOGIN_FAILURES+1; i++){
    snprintf(zName, sizeof zName, "anon%d", i);
    ck_assert_int_eq(login(a.db, zName, "wrong password", i%2 ? "" : 0, 0, &bThrottled, zMsg), -1);
    ck_assert_str_eq(zMsg, "wrong name or password");
  }
  ck_assert_int_eq(login(a.db, "bob", PW, "", 0, &bThrottled, zMsg), 0);
  tu_arch_free(&a);
}
END_TEST

/* ================================================== 7-8: sessions, CSRF */

/* 7. Sessions: a 64-hex token stored only as its SHA-256; found while
** used; last use written at most once a minute; ended after 8 idle hours
** or 7 days, and deleted then; a new session sweeps all ended ones;
** logging out ends it (audited) and only once. */
START_TEST(t07_sessions){
  Arch a;
  arch_new(&a);
  add_user(a.db, "alice", AUTH_AUDITOR);
  AuthUser u;
  ck_assert_int_eq(auth_user_get(a.db, "alice", &u, 0), 0);
  long long iAlice = u.id;
  char zTok[AUTH_TOKEN_HEX+1], zTok2[AUTH_TOKEN_HEX+1], zHash[65];
  Err err = ERR_INIT;
  ck_assert_int_eq(auth_session_new(a.db, iAlice, zTok, &err), 0);
  ck_assert_msg(is_hex64(zTok), "%s", zTok);
  ck_assert_int_eq(auth_session_new(a.db, iAlice, zTok2, &err), 0);
  ck_assert_str_ne(zTok, zTok2);
  tu_sha256_hex(zTok, strlen(zTok), zHash);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session WHERE token_hash=?1", zHash), 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session WHERE token_hash=?1", zTok), 0);

  memset(&u, 0, sizeof u);
  ck_assert_int_eq(auth_session_user(a.db, zTok, &u), 0);
  ck_assert_str_eq(u.zName, "alice");
  ck_assert_int_eq(u.role, AUTH_AUDITOR);
  ck_assert_int_eq(u.id, iAlice);
  /* not a token: wrong, short, long, upper-case, empty, NULL */
  char zBad[AUTH_TOKEN_HEX+2];
  snprintf(zBad, sizeof zBad, "%s", zTok);
  zBad[0] = zBad[0]=='0' ? '1' : '0';
  const char *azBad[] = { zBad, "abc", "", 0, 0, 0 };
  char zUpper[AUTH_TOKEN_HEX+1], zLonger[AUTH_TOKEN_HEX+2];
  for(int i=0; i<=AUTH_TOKEN_HEX; i++) zUpper[i] = (char)(zTok[i]>='a' ? zTok[i]-32 : zTok[i]);
  snprintf(zLonger, sizeof zLonger, "%s0", zTok);
  azBad[4] = zUpper;
  azBad[5] = zLonger;
  for(size_t i=0; i<sizeof azBad/sizeof azBad[0]; i++){
    u.id = 99;
    ck_assert_int_eq(auth_session_user(a.db, azBad[i], &u), -1);
    ck_assert_int_eq(u.id, 0);
    ck_assert_int_eq(auth_session_end(a.db, azBad[i]), -1);
  }

  /* last use: not rewritten within the minute, rewritten after it */
  tu_exec(a.db, "UPDATE session SET last_seen=last_seen-30, created_at=created_at-3600");
  long long seen = tu_q_int(a.db, "SELECT last_seen FROM session WHERE token_hash=?1", zHash);
  ck_assert_int_eq(auth_session_user(a.db, zTok, &u), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT last_seen FROM session WHERE token_hash=?1", zHash), seen);
  tu_exec(a.db, "UPDATE session SET last_seen=last_seen-90");
  ck_assert_int_eq(auth_session_user(a.db, zTok, &u), 0);
  ck_assert_int_ge(tu_q_int(a.db, "SELECT last_seen FROM session WHERE token_hash=?1", zHash),
                   (long long)time(0) - 1);

  /* 8 idle hours: ended and deleted; the other session lives on (its
  ** last use 1 second short of 8 hours ago) */
  char z[200];
  snprintf(z, sizeof z, "UPDATE session SET last_seen=last_seen-%d", AUTH_SESSION_SECONDS);
  tu_exec(a.db, z);
  tu_sha256_hex(zTok2, strlen(zTok2), zHash);
  snprintf(z, sizeof z, "UPDATE session SET last_seen=%lld WHERE token_hash='%s'",
           (long long)time(0) - AUTH_SESSION_SECONDS + 2, zHash);
  tu_exec(a.db, z);
  ck_assert_int_eq(auth_session_user(a.db, zTok, &u), -1);
  ck_assert_str_eq(u.zName, "");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session", 0), 1);
  ck_assert_int_eq(auth_session_user(a.db, zTok2, &u), 0);

  /* 7 days after the login, however busy */
  snprintf(z, sizeof z, "UPDATE session SET created_at=created_at-%d", AUTH_SESSION_MAX_SECONDS);
  tu_exec(a.db, z);
  ck_assert_int_eq(auth_session_user(a.db, zTok2, &u), -1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session", 0), 0);

  /* a new session sweeps those nobody asked for again */
  ck_assert_int_eq(auth_session_new(a.db, iAlice, zTok, &err), 0);
  ck_assert_int_eq(auth_session_new(a.db, iAlice, zTok2, &err), 0);
  snprintf(z, sizeof z, "UPDATE session SET last_seen=last_seen-%d", AUTH_SESSION_SECONDS);
  tu_exec(a.db, z);
  ck_assert_int_eq(auth_session_new(a.db, iAlice, zTok, &err), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session", 0), 1);

  /* logout */
  ck_assert_int_eq(auth_session_user(a.db, zTok, &u), 0);
  ck_assert_int_eq(auth_session_end(a.db, zTok), 0);
  ck_assert_int_eq(auth_session_user(a.db, zTok, &u), -1);
  ck_assert_int_eq(auth_session_end(a.db, zTok), -1);
  ck_assert_str_eq(audit_log(a.db), "alice|logout|user:alice|");

  /* no session for a user that is not there */
  ASSERT_FAILS(auth_session_new(a.db, iAlice+100, zTok, E), "no user with id 101");
  ck_assert_str_eq(zTok, "");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session", 0), 0);
  tu_arch_free(&a);
}
END_TEST

/* 8. CSRF tokens: the same for a session every time and on every
** connection, another for another session and for the same token in
** another archive, never the session token; the check takes exactly the
** right one.  The key is made once and kept in the setting table. */
START_TEST(t08_csrf){
  Arch a, b;
  arch_new(&a);
  add_user(a.db, "alice", AUTH_LEZER);
  AuthUser u;
  ck_assert_int_eq(auth_user_get(a.db, "alice", &u, 0), 0);
  char zS1[AUTH_TOKEN_HEX+1], zS2[AUTH_TOKEN_HEX+1];
  char zC1[AUTH_TOKEN_HEX+1], zC1b[AUTH_TOKEN_HEX+1], zC2[AUTH_TOKEN_HEX+1];
  Err err = ERR_INIT;
  ck_assert_int_eq(auth_session_new(a.db, u.id, zS1, &err), 0);
  ck_assert_int_eq(auth_session_new(a.db, u.id, zS2, &err), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM setting WHERE name='csrf_key'", 0), 0);
  auth_csrf_token(a.db, zS1, zC1);
  ck_assert_msg(is_hex64(zC1), "%s", zC1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT length(value) FROM setting WHERE name='csrf_key'", 0), 64);
  char zKey[65];
  snprintf(zKey, sizeof zKey, "%s", tu_q_text(a.db, "SELECT value FROM setting WHERE name='csrf_key'", 0));
  auth_csrf_token(a.db, zS1, zC1b);
  ck_assert_str_eq(zC1, zC1b);
  auth_csrf_token(a.db, zS2, zC2);
  ck_assert_str_ne(zC1, zC2);
  ck_assert_str_ne(zC1, zS1);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zC1), 1);
  ck_assert_int_eq(auth_csrf_check(a.db, zS2, zC2), 1);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zC2), 0);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zS1), 0);
  char zWrong[AUTH_TOKEN_HEX+1];
  memcpy(zWrong, zC1, sizeof zWrong);
  zWrong[63] = zWrong[63]=='0' ? '1' : '0';
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zWrong), 0);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, ""), 0);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, 0), 0);
  char zShort[AUTH_TOKEN_HEX];
  memcpy(zShort, zC1, sizeof zShort - 1);
  zShort[sizeof zShort - 1] = 0;
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zShort), 0);
  /* without a session: "" and never accepted */
  auth_csrf_token(a.db, "", zC2);
  ck_assert_str_eq(zC2, "");
  auth_csrf_token(a.db, 0, zC2);
  ck_assert_str_eq(zC2, "");
  auth_csrf_token(a.db, "not a token", zC2);
  ck_assert_str_eq(zC2, "");
  ck_assert_int_eq(auth_csrf_check(a.db, "", ""), 0);
  ck_assert_int_eq(auth_csrf_check(a.db, 0, zC1), 0);

  /* another connection, and the archive opened again: the same */
  sqlite3 *db2;
  ck_assert_msg(store_connect(a.s, &db2, &err)==0, "%s", err.msg);
  auth_csrf_token(db2, zS1, zC1b);
  ck_assert_str_eq(zC1, zC1b);
  sqlite3_close(db2);
  tu_arch_close(&a);
  tu_arch_open(&a);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zC1), 1);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT value FROM setting WHERE name='csrf_key'", 0), zKey);

  /* another archive has another key */
  arch_new(&b);
  auth_csrf_token(b.db, zS1, zC2);
  ck_assert_msg(is_hex64(zC2), "%s", zC2);
  ck_assert_str_ne(zC1, zC2);
  ck_assert_int_eq(auth_csrf_check(b.db, zS1, zC1), 0);
  ck_assert_int_eq(auth_csrf_check(a.db, zS1, zC1), 1);
  ck_assert_str_ne(tu_q_text(b.db, "SELECT value FROM setting WHERE name='csrf_key'", 0), zKey);
  tu_arch_free(&b);
  tu_arch_free(&a);
}
END_TEST

/* ================================================== 9-11: tokens, changes */

/* 9. API tokens: 64 hex digits, stored as their SHA-256, one per user (a
** new one replaces the old), for known users only. */
START_TEST(t09_api_tokens){
  Arch a;
  arch_new(&a);
  add_user(a.db, "robot", AUTH_MEDEWERKER);
  add_user(a.db, "other", AUTH_LEZER);
  char zT1[AUTH_TOKEN_HEX+1], zT2[AUTH_TOKEN_HEX+1], zT3[AUTH_TOKEN_HEX+1], zHash[65];
  Err err = ERR_INIT;
  AuthUser u;
  ck_assert_int_eq(auth_token_new(a.db, "Robot", zT1, &err), 0);
  ck_assert_msg(is_hex64(zT1), "%s", zT1);
  tu_sha256_hex(zT1, strlen(zT1), zHash);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM api_token WHERE token_hash=?1", zHash), 1);
  ck_assert_int_eq(auth_token_user(a.db, zT1, &u), 0);
  ck_assert_str_eq(u.zName, "robot");
  ck_assert_int_eq(u.role, AUTH_MEDEWERKER);
  ck_assert_int_eq(auth_token_new(a.db, "other", zT3, &err), 0);
  ck_assert_int_eq(auth_token_new(a.db, "robot", zT2, &err), 0);
  ck_assert_str_ne(zT1, zT2);
  ck_assert_int_eq(auth_token_user(a.db, zT1, &u), -1);
  ck_assert_int_eq(u.id, 0);
  ck_assert_int_eq(auth_token_user(a.db, zT2, &u), 0);
  ck_assert_str_eq(u.zName, "robot");
  ck_assert_int_eq(auth_token_user(a.db, zT3, &u), 0);
  ck_assert_str_eq(u.zName, "other");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM api_token", 0), 2);
  /* a session token is not an API token, nor the other way round */
  char zS[AUTH_TOKEN_HEX+1];
  ck_assert_int_eq(auth_session_new(a.db, u.id, zS, &err), 0);
  ck_assert_int_eq(auth_token_user(a.db, zS, &u), -1);
  ck_assert_int_eq(auth_session_user(a.db, zT3, &u), -1);
  ck_assert_int_eq(auth_token_user(a.db, "", &u), -1);
  ck_assert_int_eq(auth_token_user(a.db, 0, &u), -1);
  ASSERT_FAILS(auth_token_new(a.db, "nobody", zT1, E), "no user \"nobody\"");
  ck_assert_str_eq(zT1, "");
  ASSERT_FAILS(auth_token_new(a.db, "", zT1, E), zBadName);
  tu_arch_free(&a);
}
END_TEST

/* 10. Removing a user ends its sessions and its token; the last
** beheerder cannot be removed, one of two can. */
START_TEST(t10_remove){
  Arch a;
  arch_new(&a);
  add_user(a.db, "root", AUTH_BEHEERDER);
  add_user(a.db, "alice", AUTH_MEDEWERKER);
  AuthUser u;
  Err err = ERR_INIT;
  char zS[AUTH_TOKEN_HEX+1], zS2[AUTH_TOKEN_HEX+1], zT[AUTH_TOKEN_HEX+1];
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), 0);
  ck_assert_int_eq(auth_session_new(a.db, u.id, zS, &err), 0);
  ck_assert_int_eq(auth_token_new(a.db, "alice", zT, &err), 0);
  ck_assert_int_eq(auth_user_get(a.db, "root", &u, 0), 0);
  ck_assert_int_eq(auth_session_new(a.db, u.id, zS2, &err), 0);

  ck_assert_int_eq(auth_user_remove(a.db, "ALICE", &err), 0);
  ck_assert_int_eq(auth_session_user(a.db, zS, &u), -1);
  ck_assert_int_eq(auth_token_user(a.db, zT, &u), -1);
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), -1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session", 0), 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM api_token", 0), 0);
  ASSERT_FAILS(auth_user_remove(a.db, "alice", E), "no user \"alice\"");
  ASSERT_FAILS(auth_user_remove(a.db, "a b", E), zBadName);

  ASSERT_FAILS(auth_user_remove(a.db, "root", E), "cannot remove the last beheerder");
  ck_assert_int_eq(auth_session_user(a.db, zS2, &u), 0);
  add_user(a.db, "root2", AUTH_BEHEERDER);
  ck_assert_int_eq(auth_user_remove(a.db, "root", &err), 0);
  ck_assert_int_eq(auth_session_user(a.db, zS2, &u), -1);
  ASSERT_FAILS(auth_user_remove(a.db, "root2", E), "cannot remove the last beheerder");
  ck_assert_int_eq(auth_user_count(a.db), 1);
  ck_assert_int_eq(sqlite3_get_autocommit(a.db), 1);
  tu_arch_free(&a);
}
END_TEST

/* 11. A new password: the old one stops working, the new one works, the
** user's sessions end (another user's do not); the rules of add apply. */
START_TEST(t11_passwd){
  Arch a;
  arch_new(&a);
  add_user(a.db, "alice", AUTH_LEZER);
  add_user(a.db, "bob", AUTH_LEZER);
  AuthUser u, v;
  Err err = ERR_INIT;
  char zS[AUTH_TOKEN_HEX+1], zBob[AUTH_TOKEN_HEX+1];
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), 0);
  ck_assert_int_eq(auth_session_new(a.db, u.id, zS, &err), 0);
  ck_assert_int_eq(login(a.db, "bob", PW, "10.0.0.1", &v, 0, 0), 0);
  ck_assert_int_eq(auth_session_new(a.db, v.id, zBob, &err), 0);
  ck_assert_int_eq(auth_user_passwd(a.db, "Alice", "battery staple", &err), 0);
  ck_assert_int_eq(auth_session_user(a.db, zS, &u), -1);
  ck_assert_int_eq(auth_session_user(a.db, zBob, &v), 0);
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), -1);
  ck_assert_int_eq(login(a.db, "alice", "battery staple", "10.0.0.1", &u, 0, 0), 0);
  ASSERT_FAILS(auth_user_passwd(a.db, "alice", "short", E),
               "the password must have at least 10 characters");
  ASSERT_FAILS(auth_user_passwd(a.db, "nobody", "long enough now", E), "no user \"nobody\"");
  ASSERT_FAILS(auth_user_passwd(a.db, "", "long enough now", E), zBadName);
  ck_assert_int_eq(login(a.db, "alice", "battery staple", "10.0.0.1", &u, 0, 0), 0);
  tu_arch_free(&a);
}
END_TEST

/* ================================================== 12: the schema */

/* 12. An archive of version 1, holding data, migrates to version 2 as it
** is opened: the new tables and indexes, the data kept; accounts work. */
START_TEST(t12_migrate_v1){
  Arch a;
  tu_arch_new(&a, zBase);
  ck_assert_int_eq(mkdir(a.zStore, 0700), 0);

  /* version 1: the embedded schema up to its second section */
  const char *zAll = store_schema();
  const char *zV2 = strstr(zAll, "\n-- version 2\n");
  ck_assert_ptr_nonnull(zV2);
  int nLatest = store_schema_version(zAll);
  ck_assert_int_ge(nLatest, 3);
  Buf v1 = BUF_INIT;
  buf_append(&v1, zAll, (size_t)(zV2 - zAll) + 1);
  ck_assert_int_eq(store_schema_version(v1.z), 1);
  char zDb[200];
  snprintf(zDb, sizeof zDb, "%s/overleg.db", a.zStore);
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(zDb, &db), SQLITE_OK);
  ck_assert_int_eq(fts_dutch_register(db), SQLITE_OK);
  Err err = ERR_INIT;
  ck_assert_msg(store_migrate(db, v1.z, &err)==0, "%s", err.msg);
  ck_assert_int_eq(tu_q_int(db, "PRAGMA user_version", 0), 1);
  ck_assert_int_eq(tu_q_int(db, "SELECT count(*) FROM sqlite_schema WHERE name='account'", 0), 0);
  tu_exec(db, "INSERT INTO topic(name) VALUES('Wonen');"
          "INSERT INTO audit(at, actor, action, object) VALUES('2024-01-02T03:04:05Z', 'cli',"
          " 'import', 'document:1');"
          "INSERT INTO setting(name, value) VALUES('tokenizer', 1);"
          /* meetings of an AO and the BO it prepares, for version 3's links */
          "INSERT INTO body(id, name, kind, topic_id) VALUES(10, 'BO Wonen', 'BO', 1);"
          "INSERT INTO body(id, name, kind, topic_id, prepares_id) VALUES(11, 'AO Wonen', 'AO', 1, 10);"
          "INSERT INTO meeting(id, date) VALUES(1, '2024-01-10'), (2, '2024-01-20'), (3, '2024-02-01');"
          "INSERT INTO meeting_body VALUES(1, 11), (2, 10), (3, 11)");
  sqlite3_close(db);
  buf_release(&v1);

  tu_arch_open(&a);
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA user_version", 0), nLatest);
  /* version 3 linked the AO meeting to the first BO meeting after it; the
  ** later AO meeting has none yet */
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(ao_meeting_id || '>' || bo_meeting_id"
                                   " || ':' || how) FROM meeting_prepares", 0), "1>2:next");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(name, ',') FROM (SELECT name FROM"
                                   " sqlite_schema WHERE type='table' AND name IN ('account',"
                                   " 'session', 'api_token', 'login_attempt') ORDER BY name)", 0),
                                   "account,api_token,login_attempt,session");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM sqlite_schema WHERE type='index'"
                                  " AND name='audit_at' AND tbl_name='audit'", 0), 1);
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(a.db, "EXPLAIN QUERY PLAN SELECT * FROM audit"
                                      " ORDER BY at DESC LIMIT 10", -1, &st, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  ck_assert_str_eq((const char*)sqlite3_column_text(st, 3), "SCAN audit USING INDEX audit_at");
  sqlite3_finalize(st);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT name FROM topic", 0), "Wonen");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT object FROM audit", 0), "document:1");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM body", 0), 5);
  add_user(a.db, "alice", AUTH_BEHEERDER);
  AuthUser u;
  ck_assert_int_eq(login(a.db, "alice", PW, "10.0.0.1", &u, 0, 0), 0);
  /* and again: nothing to do */
  tu_arch_close(&a);
  tu_arch_open(&a);
  ck_assert_int_eq(tu_q_int(a.db, "PRAGMA user_version", 0), nLatest);
  ck_assert_int_eq(auth_user_count(a.db), 1);
  tu_arch_free(&a);
}
END_TEST

/* ================================================== 13: threads */

#define NTHREAD 4
#define NROUND 10

typedef struct Worker {
  const Store *s;
  int iWorker;
  int nOk;
  char zErr[450];
} Worker;

/* Each thread on its own connection: logs in (cheap hashes), opens a
** session, looks it up, signs and checks a CSRF token, logs out. */
static void *worker_main(void *p){
  Worker *w = p;
  sqlite3 *db;
  Err err = ERR_INIT;
  if( store_connect(w->s, &db, &err) ){
    snprintf(w->zErr, sizeof w->zErr, "%s", err.msg);
    return 0;
  }
  for(int i=0; i<NROUND; i++){
    AuthUser u, v;
    char zS[AUTH_TOKEN_HEX+1], zC[AUTH_TOKEN_HEX+1], zIp[32];
    snprintf(zIp, sizeof zIp, "10.1.%d.%d", w->iWorker, i);
    err_clear(&err);
    if( auth_login(db, "alice", PW, zIp, &u, 0, &err)
     || auth_session_new(db, u.id, zS, &err) ){
      snprintf(w->zErr, sizeof w->zErr, "round %d: %s", i, err.msg);
      break;
    }
    auth_csrf_token(db, zS, zC);
    if( auth_session_user(db, zS, &v) || v.id!=u.id || !auth_csrf_check(db, zS, zC)
     || auth_session_end(db, zS) ){
      snprintf(w->zErr, sizeof w->zErr, "round %d: session or CSRF failed", i);
      break;
    }
    w->nOk++;
  }
  sqlite3_close(db);
  return 0;
}

/* 13. Several threads at once, each with its own connection, share only
** the cached CSRF key: every round succeeds. */
START_TEST(t13_threads){
  Arch a;
  arch_new(&a);
  add_user(a.db, "alice", AUTH_LEZER);
  pthread_t at[NTHREAD];
  Worker aw[NTHREAD];
  for(int i=0; i<NTHREAD; i++){
    memset(&aw[i], 0, sizeof aw[i]);
    aw[i].s = a.s;
    aw[i].iWorker = i;
    ck_assert_int_eq(pthread_create(&at[i], 0, worker_main, &aw[i]), 0);
  }
  for(int i=0; i<NTHREAD; i++){
    pthread_join(at[i], 0);
    ck_assert_msg(aw[i].nOk==NROUND, "thread %d: %d rounds: %s", i, aw[i].nOk, aw[i].zErr);
  }
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM session", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='login'", 0),
                   NTHREAD*NROUND);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM setting WHERE name='csrf_key'", 0), 1);
  tu_arch_free(&a);
}
END_TEST

/* ================================================== 14: the CLI */

/* Runs "$OVERLEG ARGS... --storage st" in the case's folder with zStdin
** (NULL: /dev/null) as its standard input; returns the exit status. */
#define CLI(a, zStdin, pOut, pErr, ...) \
  tu_arch_cli(a, zStdin, (const char *const[]){ __VA_ARGS__, 0 }, pOut, pErr)

/* Asserts a run's exit status, stdout and stderr. */
#define ASSERT_RUN(rc, out, err, wantRc, zWantOut, zWantErr) do{ \
    ck_assert_msg((rc)==(wantRc), "exit %d, want %d; stdout \"%s\", stderr \"%s\"", \
                  (rc), (wantRc), (out).z, (err).z); \
    ck_assert_str_eq((out).z, zWantOut); \
    ck_assert_str_eq((err).z, zWantErr); \
  }while(0)

#define USAGE "usage: overleg user add NAME --role ROLE | passwd NAME | list [--json]" \
              " | remove NAME | token NAME\n"

/* 14. "overleg user" through the binary, the password on stdin: add,
** list (text and JSON), passwd, token, remove; each error one line on
** stderr with exit status 1, wrong usage 2; every change audited as
** "cli".  The binary hashes at the real cost. */
START_TEST(t14_cli){
  Arch a;
  arch_new(&a);
  tu_arch_close(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  int rc;
  rc = CLI(&a, "correct horse\n", &out, &err, "user", "add", "root", "--role", "admin");
  ASSERT_RUN(rc, out, err, 0, "added user \"root\" (beheerder)\n", "");
  rc = CLI(&a, "battery staple\r\n", &out, &err, "user", "add", "--role=medewerker", "alice");
  ASSERT_RUN(rc, out, err, 0, "added user \"alice\" (medewerker)\n", "");
  /* a last line without its line end is the password too */
  rc = CLI(&a, "no line end here", &out, &err, "user", "add", "bob", "--role", "lezer");
  ASSERT_RUN(rc, out, err, 0, "added user \"bob\" (lezer)\n", "");

  tu_arch_open(&a);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM account WHERE password"
                                  " LIKE '$argon2id$v=19$m=65536,t=2,p=1$%'", 0), 3);
  AuthUser u;
  ck_assert_int_eq(login(a.db, "root", PW, "10.0.0.1", &u, 0, 0), 0);
  ck_assert_int_eq(u.role, AUTH_BEHEERDER);
  ck_assert_int_eq(login(a.db, "alice", "battery staple", "10.0.0.1", &u, 0, 0), 0);
  ck_assert_int_eq(login(a.db, "bob", "no line end here", "10.0.0.1", &u, 0, 0), 0);
  tu_exec(a.db, "UPDATE account SET created_at='2024-05-01T12:00:00Z'");
  tu_arch_close(&a);

  rc = CLI(&a, 0, &out, &err, "user", "list");
  ASSERT_RUN(rc, out, err, 0,
             "NAME   ROLE        CREATED\n"
             "alice  medewerker  2024-05-01T12:00:00Z\n"
             "bob    lezer       2024-05-01T12:00:00Z\n"
             "root   beheerder   2024-05-01T12:00:00Z\n", "");
  rc = CLI(&a, 0, &out, &err, "user", "list", "--json");
  ASSERT_RUN(rc, out, err, 0,
             "[{\"name\":\"alice\",\"role\":\"medewerker\",\"created\":\"2024-05-01T12:00:00Z\"},"
             "{\"name\":\"bob\",\"role\":\"lezer\",\"created\":\"2024-05-01T12:00:00Z\"},"
             "{\"name\":\"root\",\"role\":\"beheerder\",\"created\":\"2024-05-01T12:00:00Z\"}]\n",
             "");

  /* a token, once, that the API would accept */
  rc = CLI(&a, 0, &out, &err, "user", "token", "ALICE");
  ck_assert_msg(rc==0 && err.n==0, "exit %d: %s", rc, err.z);
  ck_assert_int_eq(out.n, AUTH_TOKEN_HEX+1);
  ck_assert_int_eq(out.z[AUTH_TOKEN_HEX], '\n');
  out.z[AUTH_TOKEN_HEX] = 0;
  ck_assert_msg(is_hex64(out.z), "%s", out.z);
  tu_arch_open(&a);
  ck_assert_int_eq(auth_token_user(a.db, out.z, &u), 0);
  ck_assert_str_eq(u.zName, "alice");
  tu_arch_close(&a);

  rc = CLI(&a, "a new password\n", &out, &err, "user", "passwd", "bob");
  ASSERT_RUN(rc, out, err, 0, "changed the password of \"bob\"\n", "");
  tu_arch_open(&a);
  ck_assert_int_eq(login(a.db, "bob", "a new password", "10.0.0.1", &u, 0, 0), 0);
  tu_arch_close(&a);
  rc = CLI(&a, 0, &out, &err, "user", "remove", "bob");
  ASSERT_RUN(rc, out, err, 0, "removed user \"bob\"\n", "");

  /* failures: one line, exit 1, nothing changed */
  static const struct { const char *zIn, *azArg[6], *zErr; } aFail[] = {
    { "short\n", { "user", "add", "carol", "--role", "lezer", 0 },
      "overleg: the password must have at least 10 characters\n" },
    { 0, { "user", "add", "carol", "--role", "lezer", 0 },
      "overleg: no password on stdin (give it as the first line)\n" },
    { "", { "user", "add", "carol", "--role", "lezer", 0 },
      "overleg: no password on stdin (give it as the first line)\n" },
    { "\n", { "user", "add", "carol", "--role", "lezer", 0 },
      "overleg: the password must have at least 10 characters\n" },
    { "long enough!\n", { "user", "add", "carol", "--role", "root", 0 },
      "overleg: unknown role \"root\": use lezer, medewerker, auditor or beheerder\n" },
    { "long enough!\n", { "user", "add", "Alice", "--role", "lezer", 0 },
      "overleg: user \"alice\" already exists\n" },
    { "long enough!\n", { "user", "add", "c/d", "--role", "lezer", 0 },
      "overleg: invalid user name: use 1 to 63 letters, digits, '.', '_', '-' or '@'\n" },
    { "long enough!\n", { "user", "passwd", "nobody", 0 }, "overleg: no user \"nobody\"\n" },
    { 0, { "user", "remove", "nobody", 0 }, "overleg: no user \"nobody\"\n" },
    { 0, { "user", "remove", "root", 0 }, "overleg: cannot remove the last beheerder\n" },
    { 0, { "user", "token", "nobody", 0 }, "overleg: no user \"nobody\"\n" },
  };
  for(size_t i=0; i<sizeof aFail/sizeof aFail[0]; i++){
    rc = tu_arch_cli(&a, aFail[i].zIn, aFail[i].azArg, &out, &err);
    ck_assert_msg(rc==1 && out.n==0 && strcmp(err.z, aFail[i].zErr)==0,
                  "case %zu: exit %d, stdout \"%s\", stderr \"%s\"", i, rc, out.z, err.z);
  }
  /* a password past the limit */
  Buf big = BUF_INIT;
  for(int i=0; i<AUTH_PASSWORD_MAX+10; i++) buf_putc(&big, 'p');
  buf_putc(&big, '\n');
  rc = CLI(&a, big.z, &out, &err, "user", "add", "carol", "--role", "lezer");
  ASSERT_RUN(rc, out, err, 1, "", "overleg: the password is too long (at most 1024 bytes)\n");
  buf_release(&big);

  /* wrong usage: exit 2 */
  static const char *const azUsage[][6] = {
    { "user", 0 }, { "user", "add", "carol", 0 }, { "user", "add", "--role", "lezer", 0 },
    { "user", "add", "a", "b", "--role=lezer", 0 }, { "user", "passwd", 0 },
    { "user", "remove", "a", "b", 0 }, { "user", "list", "x", 0 }, { "user", "frob", "x", 0 },
  };
  for(size_t i=0; i<sizeof azUsage/sizeof azUsage[0]; i++){
    rc = tu_arch_cli(&a, 0, azUsage[i], &out, &err);
    ck_assert_msg(rc==2 && out.n==0 && strcmp(err.z, USAGE)==0,
                  "usage case %zu: exit %d, stdout \"%s\", stderr \"%s\"", i, rc, out.z, err.z);
  }
  rc = CLI(&a, 0, &out, &err, "user", "list", "--xml");
  ck_assert_int_eq(rc, 2);
  ck_assert_msg(strstr(err.z, USAGE)!=0, "%s", err.z);

  tu_arch_open(&a);
  ck_assert_int_eq(auth_user_count(a.db), 2);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT coalesce(group_concat(l, char(10)), '') FROM (SELECT"
                                   " actor || '|' || action || '|' || object || '|' ||"
                                   " coalesce(detail, '') AS l FROM audit WHERE actor='cli'"
                                   " ORDER BY id)", 0),
                                   "cli|user add|user:root|role beheerder\n"
                                   "cli|user add|user:alice|role medewerker\n"
                                   "cli|user add|user:bob|role lezer\n"
                                   "cli|user token|user:alice|\n"
                                   "cli|user passwd|user:bob|\n"
                                   "cli|user remove|user:bob|");
  tu_arch_close(&a);
  rc = CLI(&a, 0, &out, &err, "help", "user");
  ck_assert_int_eq(rc, 0);
  ck_assert_msg(strncmp(out.z, "usage: overleg user add NAME", 28)==0, "%s", out.z);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_auth(void){
  Suite *s = suite_create("auth");
  TCase *tc = tcase_create("auth");
  tcase_add_unchecked_fixture(tc, base_new, base_free);
  tcase_add_checked_fixture(tc, cheap_hashes, 0);
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_roles);
  tcase_add_test(tc, t02_users);
  tcase_add_test(tc, t03_login);
  tcase_add_test(tc, t04_real_cost);
  tcase_add_test(tc, t05_throttle_per_name);
  tcase_add_test(tc, t06_throttle_per_address);
  tcase_add_test(tc, t07_sessions);
  tcase_add_test(tc, t08_csrf);
  tcase_add_test(tc, t09_api_tokens);
  tcase_add_test(tc, t10_remove);
  tcase_add_test(tc, t11_passwd);
  tcase_add_test(tc, t12_migrate_v1);
  tcase_add_test(tc, t13_threads);
  tcase_add_test(tc, t14_cli);
  suite_add_tcase(s, tc);
  return s;
}
