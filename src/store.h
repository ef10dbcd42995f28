/*
** store.h — the archive on disk: DIR/overleg.db (SQLite, WAL, foreign
** keys on) and DIR/originals/ (each original once, by SHA-256, fanned out
** as originals/ab/abcdef...).  Created on first use; the embedded schema
** (schema.sql) is migrated forward on open.
**
** SQL lives in the store layer only: store.c, import.c, org.c,
** integrity.c, backup.c, search.c, catalog.c, auth.c and register.c;
** extraction and the web code hold none.
*/
#ifndef OVERLEG_STORE_H
#define OVERLEG_STORE_H

#include <sqlite3.h>
#include "buf.h"
#include "err.h"

typedef struct Store Store;

/* The storage folder to use: zFlag when given, else $OVERLEG_STORAGE,
** else "storage".  Never NULL; not owned by the caller. */
const char *store_default_dir(const char *zFlag);

/* Opens (creating when needed) the archive in zDir and migrates its
** schema.  On error returns -1 with *pp = NULL and err set. */
int store_open(const char *zDir, Store **pp, Err *err);
/* For a command: opens the archive in store_default_dir(zFlag), or says
** why not on stderr ("overleg: reason") and returns NULL. */
Store *store_open_cli(const char *zFlag);
void store_close(Store *s);            /* accepts NULL */
sqlite3 *store_db(Store *s);
const char *store_dir(const Store *s);

/* Opens one more connection to the same database (one per thread), with
** the same settings and the Dutch tokenizer registered. */
int store_connect(const Store *s, sqlite3 **ppDb, Err *err);

/* Runs the sections of zSchema above the database's user_version, each in
** its own transaction.  Exposed so tests can migrate with a newer schema. */
int store_migrate(sqlite3 *db, const char *zSchema, Err *err);
/* The embedded schema text and its highest version. */
const char *store_schema(void);
int store_schema_version(const char *zSchema);

/* Links documents to the gemeenten whose names occur in their text, as
** exact words (FTS5, no stemming), looking only at passages with an id
** above iAfterPassage (0: all).  Runs in the caller's transaction if one
** is open.  Returns 0, or -1 with err set. */
int store_link_municipalities(sqlite3 *db, sqlite3_int64 iAfterPassage, Err *err);

/* Moves the search generation on (schema version 11): for a change to
** what search reads that no trigger sees, such as passages or their
** gemeenten written without their document.  0, or -1 with err set. */
int store_search_changed(sqlite3 *db, Err *err);

/* Appends to the audit log who (zActor) did what (zAction, "document.update")
** to which object ("document:12", "user:anna"), with zDetail (NULL: none),
** at the time now (UTC, 2024-05-01T12:00:00Z), in the caller's transaction
** if one is open.  Returns 0, or -1 with err (may be NULL) set. */
int store_audit(sqlite3 *db, Err *err, const char *zActor, const char *zAction,
                const char *zObject, const char *zDetail);

/* Is z a SHA-256 as the archive writes one, 64 lowercase hex digits (the
** only text that may become an original's file name)? */
int store_is_sha(const char *z);

/* Where the original with this SHA-256 (64 hex digits) lives, appended to
** out: DIR/originals/ab/abcdef... */
void store_original_path(const Store *s, const char *zSha, Buf *out);

/* Reads fdIn to its end, writing each piece to fdOut too unless it is -1,
** and puts the SHA-256 of what was read into zHex (64 hex digits) and its
** size into *pnSize (may be NULL): the one way originals are hashed, when
** stored, read again, checked and backed up.  Returns 0, or -1 with errno
** set and *pbWrite (may be NULL) 1 when writing failed, 0 when reading
** did.  Closes neither descriptor. */
int store_hash_copy(int fdIn, int fdOut, char zHex[65], unsigned long long *pnSize,
                    int *pbWrite);

#endif
