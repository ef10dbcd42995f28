/*
** store.c — opening the archive, connection settings, schema migration.
** See store.h.
*/
#include "store.h"
#include "fts_dutch.h"
#include "sql.h"

#include <errno.h>
#include <sodium.h>
#include <unistd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const char overleg_schema_sql[];   /* generated from schema.sql */

struct Store {
  char *zDir;
  char *zDbPath;
  sqlite3 *db;
};

const char *store_default_dir(const char *zFlag){
  if( zFlag && zFlag[0] ) return zFlag;
  const char *zEnv = getenv("OVERLEG_STORAGE");
  return zEnv && zEnv[0] ? zEnv : "storage";
}

const char *store_schema(void){ return overleg_schema_sql; }
sqlite3 *store_db(Store *s){ return s->db; }
const char *store_dir(const Store *s){ return s->zDir; }

/* The version of the section that starts at z ("-- version N"), or 0. */
static int section_version(const char *z){
  static const char zTag[] = "-- version ";
  return strncmp(z, zTag, sizeof zTag - 1)==0 ? atoi(z + sizeof zTag - 1) : 0;
}

/* The next line at or after z that starts a section, or NULL. */
static const char *find_section(const char *z){
  while( !section_version(z) ){
    z = strchr(z, '\n');
    if( z==0 ) return 0;
    z++;
  }
  return z;
}

/* The first section at or after z: its start, version and length (up to
** the next section or the end).  NULL when there is none. */
static const char *next_section(const char *z, int *piVersion, size_t *pn){
  const char *zStart = find_section(z);
  if( zStart==0 ) return 0;
  const char *zNext = find_section(zStart+1);
  *piVersion = section_version(zStart);
  *pn = zNext ? (size_t)(zNext - zStart) : strlen(zStart);
  return zStart;
}

int store_schema_version(const char *zSchema){
  int v = 0, iv;
  size_t n;
  for(const char *z=next_section(zSchema, &iv, &n); z; z=next_section(z+n, &iv, &n)) v = iv;
  return v;
}

static int exec(sqlite3 *db, const char *zSql, Err *err){
  char *zMsg = 0;
  if( sqlite3_exec(db, zSql, 0, 0, &zMsg)!=SQLITE_OK ){
    err_internal(err, "database error: %s", zMsg ? zMsg : sqlite3_errmsg(db));
    sqlite3_free(zMsg);
    return -1;
  }
  return 0;
}

int store_migrate(sqlite3 *db, const char *zSchema, Err *err){
  sqlite3_stmt *st;
  int have = 0;
  if( sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, 0)==SQLITE_OK
   && sqlite3_step(st)==SQLITE_ROW ){
    have = sqlite3_column_int(st, 0);
  }
  sqlite3_finalize(st);
  int latest = store_schema_version(zSchema);
  if( have > latest ){
    return err_set(err, "the archive was made by a newer overleg (schema %d, this one knows %d)",
                   have, latest);
  }
  int iv;
  size_t n;
  for(const char *z=next_section(zSchema, &iv, &n); z; z=next_section(z+n, &iv, &n)){
    if( iv<=have ) continue;
    Buf sql = BUF_INIT;
    buf_appendf(&sql, "BEGIN IMMEDIATE;\n%.*s\nPRAGMA user_version=%d;\nCOMMIT;",
                (int)n, z, iv);
    int rc = exec(db, sql.z, err);
    buf_release(&sql);
    if( rc ){
      sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
      return -1;
    }
  }
  return 0;
}

/* Settings every connection gets.  WAL lets readers go on while the one
** writer commits; synchronous=FULL makes a commit durable, because an
** archive of evidence must not lose what it reported as stored. */
/* Before SQLite's first use: no memory statistics, which would take a
** global mutex around every allocation of every connection. */
static void sqlite_config_once(void){
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int connect_path(const char *zPath, sqlite3 **ppDb, Err *err){
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, sqlite_config_once);
  sqlite3 *db = 0;
  *ppDb = 0;
  if( sqlite3_open_v2(zPath, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                      | SQLITE_OPEN_NOMUTEX, 0)!=SQLITE_OK ){
    err_set(err, "cannot open the archive %s: %s", zPath,
            db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return -1;
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  if( fts_dutch_register(db)!=SQLITE_OK ){
    err_set(err, "cannot register the Dutch tokenizer: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return -1;
  }
  if( exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
               "PRAGMA cache_size=-32000;", err) ){
    sqlite3_close(db);
    return -1;
  }
  *ppDb = db;
  return 0;
}

int store_connect(const Store *s, sqlite3 **ppDb, Err *err){
  return connect_path(s->zDbPath, ppDb, err);
}

static int make_dir(const char *z, Err *err){
  if( mkdir(z, 0750)==0 || errno==EEXIST ) return 0;
  return err_set(err, "cannot create the folder %s: %s", z, strerror(errno));
}

/* The index holds the tokens of the tokenizer that built it, and FTS5
** deletes a row by tokenizing its text again: when the tokenizer changed,
** the index is rebuilt before anything else touches it. */
static int index_current(sqlite3 *db, Err *err){
  sqlite3_stmt *st;
  int have = -1;
  if( sqlite3_prepare_v2(db, "SELECT value FROM setting WHERE name='tokenizer'", -1, &st, 0) ){
    return err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  if( sqlite3_step(st)==SQLITE_ROW ) have = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if( have==FTS_DUTCH_VERSION ) return 0;
  Buf sql = BUF_INIT;
  buf_appendf(&sql, "BEGIN IMMEDIATE;"
              "INSERT INTO passage_fts(passage_fts) VALUES('rebuild');"
              "INSERT OR REPLACE INTO setting(name, value) VALUES('tokenizer', %d);"
              "COMMIT;", FTS_DUTCH_VERSION);
  int rc = exec(db, sql.z, err);
  if( rc ) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  buf_release(&sql);
  return rc;
}

int store_open(const char *zDir, Store **pp, Err *err){
  *pp = 0;
  Buf p = BUF_INIT;
  if( make_dir(zDir, err) ) return -1;
  buf_appendf(&p, "%s/originals", zDir);
  int rc = make_dir(p.z, err);
  buf_release(&p);
  if( rc ) return -1;
  Store *s = xrealloc(0, sizeof *s);
  memset(s, 0, sizeof *s);
  s->zDir = xstrdup(zDir);
  buf_appendf(&p, "%s/overleg.db", zDir);
  s->zDbPath = buf_detach(&p, 0);
  if( connect_path(s->zDbPath, &s->db, err) || store_migrate(s->db, overleg_schema_sql, err)
   || index_current(s->db, err) ){
    store_close(s);
    return -1;
  }
  *pp = s;
  return 0;
}

Store *store_open_cli(const char *zFlag){
  Store *s;
  Err err = ERR_INIT;
  if( store_open(store_default_dir(zFlag), &s, &err) ){
    fprintf(stderr, "overleg: %s\n", err.msg);
    return 0;
  }
  return s;
}

void store_close(Store *s){
  if( s==0 ) return;
  sqlite3_close(s->db);
  free(s->zDir);
  free(s->zDbPath);
  free(s);
}

int store_is_sha(const char *z){
  return z && strlen(z)==64 && strspn(z, "0123456789abcdef")==64;
}

void store_original_path(const Store *s, const char *zSha, Buf *out){
  buf_appendf(out, "%s/originals/%.2s/%s", s->zDir, zSha, zSha);
}

int store_hash_copy(int fdIn, int fdOut, char zHex[65], unsigned long long *pnSize,
                    int *pbWrite){
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  char buf[65536];
  unsigned long long nSize = 0;
  int bWrite = 0;
  ssize_t n;
  while( (n = read(fdIn, buf, sizeof buf))!=0 ){
    if( n<0 ){
      if( errno==EINTR ) continue;
      break;
    }
    crypto_hash_sha256_update(&h, (const unsigned char*)buf, (unsigned long long)n);
    nSize += (unsigned long long)n;
    for(ssize_t k=0; fdOut>=0 && k<n; ){
      ssize_t w = write(fdOut, buf+k, (size_t)(n-k));
      if( w<0 && errno==EINTR ) continue;
      if( w<=0 ){
        if( w==0 ) errno = ENOSPC;
        bWrite = 1;
        break;
      }
      k += w;
    }
    if( bWrite ) break;
  }
  unsigned char aHash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h, aHash);
  sodium_bin2hex(zHex, 65, aHash, sizeof aHash);
  if( pnSize ) *pnSize = nSize;
  if( pbWrite ) *pbWrite = bWrite;
  return n<0 || bWrite ? -1 : 0;
}

/* The FTS5 phrase that finds name as exact words: each run of letters and
** digits marked exact, the whole quoted ("'s-Hertogenbosch" becomes
** "\uE000's-\uE000Hertogenbosch"). */
static void exact_phrase(const char *zName, Buf *out){
  buf_putc(out, '"');
  int bIn = 0;
  for(const unsigned char *z=(const unsigned char*)zName; *z; z++){
    int bWord = (*z>='0' && *z<='9') || ((*z|0x20)>='a' && (*z|0x20)<='z') || *z>=0x80;
    if( bWord && !bIn ) buf_puts(out, FTS_DUTCH_EXACT_MARK);
    bIn = bWord;
    if( *z=='"' ) buf_putc(out, '"');
    buf_putc(out, *z);
  }
  buf_putc(out, '"');
}

int store_search_changed(sqlite3 *db, Err *err){
  return sql_exec(db, err, "UPDATE search_generation SET n=n+1", "");
}

int store_link_municipalities(sqlite3 *db, sqlite3_int64 iAfterPassage, Err *err){
  sqlite3_int64 nBefore = sqlite3_total_changes64(db);
  sqlite3_stmt *stOrg = 0, *stLink = 0;
  int rc = sqlite3_prepare_v2(db,
    "SELECT id, name FROM organisation WHERE kind='gemeente'", -1, &stOrg, 0);
  if( rc==SQLITE_OK ) rc = sqlite3_prepare_v2(db,
    "INSERT OR IGNORE INTO document_municipality(document_id, organisation_id)"
    " SELECT DISTINCT p.document_id, ?2 FROM passage_fts"
    " JOIN passage p ON p.id=passage_fts.rowid"
    " WHERE passage_fts MATCH ?1 AND passage_fts.rowid>?3", -1, &stLink, 0);
  Buf phrase = BUF_INIT;
  while( rc==SQLITE_OK && sqlite3_step(stOrg)==SQLITE_ROW ){
    buf_reset(&phrase);
    exact_phrase((const char*)sqlite3_column_text(stOrg, 1), &phrase);
    sqlite3_bind_text(stLink, 1, phrase.z, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stLink, 2, sqlite3_column_int64(stOrg, 0));
    sqlite3_bind_int64(stLink, 3, iAfterPassage);
    rc = sqlite3_step(stLink);
    rc = rc==SQLITE_DONE ? sqlite3_reset(stLink) : rc;
  }
  if( rc==SQLITE_OK && sqlite3_total_changes64(db)!=nBefore && store_search_changed(db, err) ){
    rc = SQLITE_ERROR;
  }else if( rc!=SQLITE_OK ){
    err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  buf_release(&phrase);
  sqlite3_finalize(stOrg);
  sqlite3_finalize(stLink);
  return rc==SQLITE_OK ? 0 : -1;
}

int store_audit(sqlite3 *db, Err *err, const char *zActor, const char *zAction,
                const char *zObject, const char *zDetail){
  return sql_exec(db, err, "INSERT INTO audit(at, actor, action, object, detail)"
                  " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ','now'),?1,?2,?3,?4)",
                  "tttt", zActor, zAction, zObject, zDetail);
}
