/*
** integrity.c — "overleg check": is the archive whole?  See integrity.h.
*/
#include "integrity.h"

#include <jansson.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void problem(IntegrityResult *r, IntegrityReport x, void *ctx, const char *zFmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(IntegrityResult *r, IntegrityReport x, void *ctx, const char *zFmt, ...){
  Buf b = BUF_INIT;
  va_list ap;
  va_start(ap, zFmt);
  buf_vappendf(&b, zFmt, ap);
  va_end(ap);
  r->nProblem++;
  x(ctx, b.z);
  buf_release(&b);
}

/* Every file in originals/ must be the original of a document row.  A file
** without one is what an interrupted import leaves behind (its rows were
** never committed); --repair removes it, and stale temp files. */
static void check_orphans(Store *s, int bRepair, IntegrityResult *r, IntegrityReport x, void *ctx){
  sqlite3_stmt *st;
  sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM document WHERE sha256=?1", -1, &st, 0);
  Buf dir = BUF_INIT, path = BUF_INIT;
  buf_appendf(&dir, "%s/originals", store_dir(s));
  DIR *top = opendir(dir.z);
  struct dirent *e;
  while( top && (e = readdir(top))!=0 ){
    if( e->d_name[0]=='.' ) continue;
    buf_reset(&path);
    buf_appendf(&path, "%s/%s", dir.z, e->d_name);
    int bTmp = strcmp(e->d_name, "tmp")==0;
    DIR *sub = opendir(path.z);
    struct dirent *f;
    size_t nSub = path.n;
    while( sub && (f = readdir(sub))!=0 ){
      if( f->d_name[0]=='.' ) continue;
      buf_truncate(&path, nSub);
      buf_appendf(&path, "/%s", f->d_name);
      int bOrphan = bTmp || !store_is_sha(f->d_name) || strncmp(f->d_name, e->d_name, 2)!=0;
      if( !bOrphan ){
        sqlite3_bind_text(st, 1, f->d_name, -1, SQLITE_STATIC);
        bOrphan = sqlite3_step(st)!=SQLITE_ROW;
        sqlite3_reset(st);
      }
      if( !bOrphan ) continue;
      if( bRepair && unlink(path.z)==0 ){
        Buf line = BUF_INIT;
        buf_appendf(&line, "%s: removed (%s)", path.z,
                    bTmp ? "left over from an interrupted import" : "a file without a document");
        r->nRepaired++;
        x(ctx, line.z);
        buf_release(&line);
      }else{
        problem(r, x, ctx, "%s: %s", path.z, bTmp ? "left over from an interrupted import"
                                                  : "a file without a document");
      }
    }
    if( sub ) closedir(sub);
  }
  if( top ) closedir(top);
  sqlite3_finalize(st);
  buf_release(&dir);
  buf_release(&path);
}

/* Every document row must have its original, with the size it had and,
** with bVerify, the SHA-256 it was stored under. */
static void check_originals(Store *s, int bVerify, IntegrityResult *r, IntegrityReport x,
                            void *ctx){
  sqlite3_stmt *st;
  sqlite3_prepare_v2(store_db(s), "SELECT id, sha256, size, original_name FROM document ORDER BY id",
                     -1, &st, 0);
  Buf path = BUF_INIT;
  while( sqlite3_step(st)==SQLITE_ROW ){
    const char *zSha = (const char*)sqlite3_column_text(st, 1);
    buf_reset(&path);
    store_original_path(s, zSha, &path);
    struct stat sb;
    r->nDocument++;
    if( stat(path.z, &sb) ){
      problem(r, x, ctx, "document %lld (%s): its original is missing: %s",
              sqlite3_column_int64(st, 0), sqlite3_column_text(st, 3), path.z);
    }else if( sb.st_size!=sqlite3_column_int64(st, 2) ){
      problem(r, x, ctx, "document %lld (%s): its original has %lld bytes, not %lld",
              sqlite3_column_int64(st, 0), sqlite3_column_text(st, 3),
              (long long)sb.st_size, sqlite3_column_int64(st, 2));
    }else if( bVerify ){
      char zHex[65];
      int fd = open(path.z, O_RDONLY | O_CLOEXEC);
      int rc = fd<0 ? -1 : store_hash_copy(fd, -1, zHex, 0, 0);
      int e = errno;
      if( fd>=0 ) close(fd);
      r->nHashed += rc==0;
      if( rc ){
        problem(r, x, ctx, "document %lld (%s): cannot read its original: %s",
                sqlite3_column_int64(st, 0), sqlite3_column_text(st, 3), strerror(e));
      }else if( strcmp(zHex, zSha)!=0 ){
        problem(r, x, ctx, "document %lld (%s): its original was changed on disk: its SHA-256"
                " is %s, not %s", sqlite3_column_int64(st, 0), sqlite3_column_text(st, 3),
                zHex, zSha);
      }
    }
  }
  sqlite3_finalize(st);
  buf_release(&path);
}

static void check_sql(Store *s, IntegrityResult *r, IntegrityReport x, void *ctx){
  sqlite3 *db = store_db(s);
  sqlite3_stmt *st;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, 0);
  while( sqlite3_step(st)==SQLITE_ROW ){
    const char *z = (const char*)sqlite3_column_text(st, 0);
    if( strcmp(z, "ok")!=0 ) problem(r, x, ctx, "database: %s", z);
  }
  sqlite3_finalize(st);
  if( sqlite3_exec(db, "INSERT INTO passage_fts(passage_fts, rank) VALUES('integrity-check', 1)",
                   0, 0, 0)!=SQLITE_OK ){
    problem(r, x, ctx, "the search index does not match the passages (%s): "
            "run \"overleg check --repair\"", sqlite3_errmsg(db));
  }
}

/* Documents that staff must complete: flags were absent and inference
** found nothing. */
static void check_metadata(Store *s, IntegrityResult *r, IntegrityReport x, void *ctx){
  sqlite3_stmt *st;
  sqlite3_prepare_v2(store_db(s),
    "SELECT id, original_name, rtrim(iif(date IS NULL, 'date, ', '')"
    "  || iif(body_id IS NULL, 'body, ', '') || iif(kind IS NULL, 'kind, ', ''), ', ')"
    " FROM document WHERE date IS NULL OR body_id IS NULL OR kind IS NULL ORDER BY id",
    -1, &st, 0);
  while( st && sqlite3_step(st)==SQLITE_ROW ){
    Buf b = BUF_INIT;
    buf_appendf(&b, "document %lld (%s) needs metadata: %s",
                sqlite3_column_int64(st, 0), sqlite3_column_text(st, 1),
                sqlite3_column_text(st, 2));
    r->nIncomplete++;
    x(ctx, b.z);
    buf_release(&b);
  }
  sqlite3_finalize(st);
}

int integrity_run(Store *s, int flags, IntegrityReport x, void *ctx, IntegrityResult *r){
  int bRepair = (flags & INTEGRITY_REPAIR)!=0;
  memset(r, 0, sizeof *r);
  if( bRepair ){
    /* rebuilding is cheap next to losing search: do it whenever asked; what
    ** the index gives may change, so the search generation moves on */
    sqlite3 *db = store_db(s);
    if( sqlite3_exec(db, "BEGIN; INSERT INTO passage_fts(passage_fts) VALUES('rebuild')", 0, 0, 0)
        !=SQLITE_OK || store_search_changed(db, 0) || sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ){
      sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
    }
  }
  check_sql(s, r, x, ctx);
  check_originals(s, (flags & INTEGRITY_VERIFY)!=0, r, x, ctx);
  check_orphans(s, bRepair, r, x, ctx);
  check_metadata(s, r, x, ctx);
  /* the audit log shows auditors when the archive was checked, and
  ** whether every original was read (a failure to write it is no
  ** problem of the archive's integrity) */
  json_t *j = json_pack("{sIsIsIsIsb}", "documents", (json_int_t)r->nDocument,
                        "problems", (json_int_t)r->nProblem, "repaired", (json_int_t)r->nRepaired,
                        "hashed", (json_int_t)r->nHashed,
                        "verify", (flags & INTEGRITY_VERIFY)!=0);
  char *zDetail = j ? json_dumps(j, JSON_COMPACT) : 0;
  json_decref(j);
  store_audit(store_db(s), 0, "cli", "check", "archive", zDetail);
  free(zDetail);
  return r->nProblem ? 1 : 0;
}
