/*
** sql.c — running SQL with bound values; see sql.h.
*/
#include "sql.h"

int sql_fail(sqlite3 *db, Err *err){
  if( err ) err_internal(err, "database error: %s", sqlite3_errmsg(db));
  return -1;
}

sqlite3_stmt *sql_vprepare(sqlite3 *db, Err *err, const char *zSql, const char *zTypes,
                           va_list ap){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, zSql, -1, &st, 0)!=SQLITE_OK ){
    sql_fail(db, err);
    return 0;
  }
  for(int i=0; zTypes[i]; i++){
    if( zTypes[i]=='t' || zTypes[i]=='T' ){
      const char *z = va_arg(ap, const char*);
      if( z && (z[0] || zTypes[i]=='t') ) sqlite3_bind_text(st, i+1, z, -1, SQLITE_TRANSIENT);
      else sqlite3_bind_null(st, i+1);
    }else{
      long long v = va_arg(ap, long long);
      if( zTypes[i]=='n' && v==0 ) sqlite3_bind_null(st, i+1);
      else sqlite3_bind_int64(st, i+1, v);
    }
  }
  return st;
}

sqlite3_stmt *sql_prepare(sqlite3 *db, Err *err, const char *zSql, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vprepare(db, err, zSql, zTypes, ap);
  va_end(ap);
  return st;
}

int sql_exec(sqlite3 *db, Err *err, const char *zSql, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vprepare(db, err, zSql, zTypes, ap);
  va_end(ap);
  if( st==0 ) return -1;
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){}
  if( rc!=SQLITE_DONE ) sql_fail(db, err);
  sqlite3_finalize(st);
  return rc==SQLITE_DONE ? 0 : -1;
}

int sql_int(sqlite3 *db, Err *err, long long *pv, const char *zSql, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vprepare(db, err, zSql, zTypes, ap);
  va_end(ap);
  *pv = 0;
  if( st==0 ) return -1;
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ) *pv = sqlite3_column_int64(st, 0);
  else if( rc!=SQLITE_DONE ) sql_fail(db, err);
  sqlite3_finalize(st);
  return rc==SQLITE_ROW || rc==SQLITE_DONE ? 0 : -1;
}

long long sql_step_id(sqlite3_stmt *st){
  int rc = sqlite3_step(st);
  long long v = rc==SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc==SQLITE_DONE ? 0 : -1;
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return v;
}

#define STMT(p, a, i) ((sqlite3_stmt**)((char*)(p) + (a)[i].iOff))

int sql_prepare_all(sqlite3 *db, void *pOwner, const SqlStmt *a, size_t n, Err *err){
  for(size_t i=0; i<n; i++){
    /* kept for the connection's life: SQLite may place them accordingly */
    if( sqlite3_prepare_v3(db, a[i].zSql, -1, SQLITE_PREPARE_PERSISTENT, STMT(pOwner, a, i), 0) ){
      sql_fail(db, err);
      sql_finalize_all(pOwner, a, n);
      return -1;
    }
  }
  return 0;
}

void sql_finalize_all(void *pOwner, const SqlStmt *a, size_t n){
  for(size_t i=0; i<n; i++){
    sqlite3_finalize(*STMT(pOwner, a, i));
    *STMT(pOwner, a, i) = 0;
  }
}
