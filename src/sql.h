/*
** sql.h — running SQL with bound values: the one way modules do it.
**
** Values are bound from variadic arguments, one per letter of a type
** string, to ?1, ?2, ... in order:
**   'i'  a long long
**   'n'  a long long; 0 binds NULL (an id that is none)
**   't'  a const char*; NULL binds NULL
**   'T'  a const char*; NULL or "" binds NULL (a form field left empty)
** Strings are copied (SQLITE_TRANSIENT): they need not outlive the call.
** Errors are reported as "database error: MESSAGE" in an Err, which may be
** NULL when the caller reports its own.
*/
#ifndef OVERLEG_SQL_H
#define OVERLEG_SQL_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include "err.h"

/* zSql prepared and bound; NULL (err set) when it cannot be prepared.  The
** caller finalizes it. */
sqlite3_stmt *sql_prepare(sqlite3 *db, Err *err, const char *zSql, const char *zTypes, ...);
sqlite3_stmt *sql_vprepare(sqlite3 *db, Err *err, const char *zSql, const char *zTypes,
                           va_list ap);

/* Runs zSql to its end (rows it returns are passed over).  0, or -1 with
** err set. */
int sql_exec(sqlite3 *db, Err *err, const char *zSql, const char *zTypes, ...);

/* The integer in the first column of zSql's first row into *pv (0 when
** there is no row).  0, or -1 with err set. */
int sql_int(sqlite3 *db, Err *err, long long *pv, const char *zSql, const char *zTypes, ...);

/* Steps a kept statement once for the integer in its first column, then
** resets it and clears its bindings: the value, 0 when there is no row,
** -1 on error. */
long long sql_step_id(sqlite3_stmt *st);

/* Sets err to the database's last message; returns -1. */
int sql_fail(sqlite3 *db, Err *err);

/* Statements a module prepares once and keeps in a struct: where each
** pointer is (offsetof) and its SQL. */
typedef struct SqlStmt {
  size_t iOff;
  const char *zSql;
} SqlStmt;

/* Prepares every statement of a[0..n) into the struct at pOwner (which
** the caller zeroed).  0, or -1 with err set (the ones prepared are then
** finalized). */
int sql_prepare_all(sqlite3 *db, void *pOwner, const SqlStmt *a, size_t n, Err *err);

/* Finalizes them and zeroes their pointers; safe on a zeroed struct. */
void sql_finalize_all(void *pOwner, const SqlStmt *a, size_t n);

#endif
