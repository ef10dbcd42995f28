/*
** org.c — the organisation model as one JSON file that staff edit by hand:
** "overleg org load FILE" reads it into the archive, "overleg org export"
** writes the archive's model back in the same shape.  See org.h.
**
** THE FORMAT (README.md, "The organisation file", has a complete example).
** One object with four lists, each optional:
**
**   "organisations": [{"name": "Leusden", "kind": "gemeente"}, ...]
**       name      required; unique, capitals aside
**       kind      required: "gemeente" (a municipality) or "partner"
**
**   "persons": [{"name": "P. Bakker", "organisation": "Leusden",
**                "function": "burgemeester"}, ...]
**       name          required
**       organisation  the organisation's name, or null for none
**       function      free text ("burgemeester", "wethouder", ...) or null
**       A person is known by name and organisation together: two persons
**       may share a name when their organisations differ.
**
**   "topics": [{...}, ...]   the onderwerpen and projects of the agenda
**       name               required; unique, capitals aside
**       kind               "onderwerp" (the default) or "project"
**       agenda             which Strategische Agenda, free text, or null
**       from, to           the topic's period
**       participants       [{"organisation": "Leusden", "from": ..., "to": ...}]
**                          the gemeenten and partners taking part
**       portfolio_holders  [{"person": "P. Bakker", "organisation": "Leusden",
**                            "from": ..., "to": ...}]
**                          the BORA members holding the topic
**
**   "bodies": [{...}, ...]   BORA, ARG, BRA, and per topic a BO and an AO
**       name       required; short, unique, capitals aside: "BO Wonen"
**       full_name  "Bestuurlijk Overleg Wonen", or null
**       kind       required: "BORA", "ARG", "BRA", "BO", "AO" or "other"
**       topic      the topic's name: required for a BO and an AO
**       prepares   an AO only: the name of the BO it prepares (same topic)
**       members    [{"person": "P. Bakker", "organisation": "Leusden",
**                    "role": "voorzitter", "from": ..., "to": ...}]
**                  role: "lid" (the default), "voorzitter", "secretaris",
**                  "notulist" or "adviseur"
**
** A person is referred to by "person" (the name) and, when the name alone
** is ambiguous, "organisation"; "organisation": null means the person who
** has none.  Dates are "YYYY-MM-DD" or null (open-ended); both ends count
** as inside the period, and "from" may not come after "to".  One list may
** not hold the same organisation (person; person in the same role) twice
** for overlapping periods.  A missing field is the same as null (or its
** default), a missing list the same as an empty one.  An unknown field is
** an error, so that a misspelt "participants" cannot empty a list unseen.
**
** LOADING adds what is new and updates what changed, matching organisations,
** topics and bodies by name (capitals aside, so a load can correct them) and
** persons by name and organisation.  It never deletes an organisation,
** person, topic or body: documents refer to them.  Each topic and body in
** the file gets exactly the participants, portfolio holders and members the
** file lists for it (none when the list is missing): the file's list
** REPLACES the stored one.  Topics and bodies not in the file keep theirs.
** So loading the same file twice changes nothing, and loading an export
** reproduces the archive's model.  A fresh archive already has the bodies
** BORA, ARG and BRA.  The first error undoes the whole load.
*/
#include "org.h"
#include "import.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORG_MAX_TEXT 500   /* bytes of one name or other text field */
#define PATH_BYTES 160     /* "bodies[12].members[3].from" and such */

/* ------------------------------------------------------------------ SQL */

/* A connection with its prepared statements, each prepared on first use
** and kept, keyed by the address of its text, until sql_close(). */
typedef struct Sql {
  sqlite3 *db;
  Err *err;
  long long nChanged;      /* rows its statements changed themselves */
  int nStmt;
  struct SqlStmt { const char *zSql; sqlite3_stmt *pStmt; } *aStmt;
} Sql;

static void sql_close(Sql *p){
  for(int i=0; i<p->nStmt; i++) sqlite3_finalize(p->aStmt[i].pStmt);
  free(p->aStmt);
  p->aStmt = 0;
  p->nStmt = 0;
}

static int sql_error(Sql *p){
  return err_internal(p->err, "database error: %s", sqlite3_errmsg(p->db));
}

/* The statement for zSql, reset, with ?iFirst, ?iFirst+1... bound to the
** arguments zTypes describes: 't' a string (NULL binds NULL), 'i' an
** sqlite3_int64 id (0 binds NULL).  Arguments past the statement's last
** parameter are skipped, so related statements can share one argument
** list.  NULL on error, with err set. */
static sqlite3_stmt *sql_vbind(Sql *p, const char *zSql, int iFirst,
                               const char *zTypes, va_list ap){
  sqlite3_stmt *st = 0;
  for(int i=0; i<p->nStmt && st==0; i++){
    if( p->aStmt[i].zSql==zSql ) st = p->aStmt[i].pStmt;
  }
  if( st ){
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }else{
    if( sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &st, 0)!=SQLITE_OK ){
      sql_error(p);
      return 0;
    }
    p->aStmt = xrealloc(p->aStmt, (size_t)(p->nStmt+1) * sizeof p->aStmt[0]);
    p->aStmt[p->nStmt].zSql = zSql;
    p->aStmt[p->nStmt++].pStmt = st;
  }
  int nParam = sqlite3_bind_parameter_count(st), rc = SQLITE_OK;
  for(int i=0; zTypes[i]; i++){
    int iParam = iFirst + i;
    if( zTypes[i]=='i' ){
      sqlite3_int64 v = va_arg(ap, sqlite3_int64);
      if( iParam<=nParam && v ) rc |= sqlite3_bind_int64(st, iParam, v);
    }else{
      const char *z = va_arg(ap, const char *);
      if( iParam<=nParam && z ) rc |= sqlite3_bind_text(st, iParam, z, -1, SQLITE_TRANSIENT);
    }
  }
  if( rc ){
    sql_error(p);
    return 0;
  }
  return st;
}

static sqlite3_stmt *sql_bind(Sql *p, const char *zSql, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vbind(p, zSql, 1, zTypes, ap);
  va_end(ap);
  return st;
}

/* Steps st: 1 for a row, 0 when done, -1 on error (err set).  An INSERT,
** UPDATE or DELETE done adds its rows to p->nChanged, not those its
** triggers change (schema version 11: the search generation's); BEGIN
** IMMEDIATE, which is not read-only either, must not come through here. */
static int sql_row(Sql *p, sqlite3_stmt *st){
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ) return 1;
  if( rc==SQLITE_DONE ){
    if( !sqlite3_stmt_readonly(st) ) p->nChanged += sqlite3_changes(p->db);
    return 0;
  }
  return sql_error(p);
}

/* Runs zSql, arguments bound from ?1, to its end.  0, or -1 on error. */
static int sql_exec(Sql *p, const char *zSql, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vbind(p, zSql, 1, zTypes, ap);
  va_end(ap);
  int rc = -1;
  while( st && (rc = sql_row(p, st))==1 ){}
  return st && rc==0 ? 0 : -1;
}

/* The integer in the first column of zSql's first row: 0 when there is no
** row, -1 on error. */
static sqlite3_int64 sql_id(Sql *p, const char *zSql, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vbind(p, zSql, 1, zTypes, ap);
  va_end(ap);
  int rc = st ? sql_row(p, st) : -1;
  sqlite3_int64 iId = rc==1 ? sqlite3_column_int64(st, 0) : rc;
  if( st ) sqlite3_reset(st);
  return iId;
}

/* An entity found by its key, inserted when missing, else updated.  All
** three statements share one argument list from ?2 on; zUpdate also gets
** the row's id as ?1 and changes nothing when nothing differs, so that a
** repeated load counts no change. */
typedef struct Upsert { const char *zFind, *zInsert, *zUpdate; } Upsert;

/* The row's id, or -1 on error. */
static sqlite3_int64 upsert(Sql *p, const Upsert *pU, const char *zTypes, ...){
  va_list ap;
  va_start(ap, zTypes);
  sqlite3_stmt *st = sql_vbind(p, pU->zFind, 2, zTypes, ap);
  va_end(ap);
  int rc = st ? sql_row(p, st) : -1;
  if( rc<0 ) return -1;
  sqlite3_int64 iId = rc ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_reset(st);
  va_start(ap, zTypes);
  st = sql_vbind(p, iId ? pU->zUpdate : pU->zInsert, 2, zTypes, ap);
  va_end(ap);
  if( st && iId && sqlite3_bind_int64(st, 1, iId) ){
    sql_error(p);
    return -1;
  }
  if( st==0 || sql_row(p, st)!=0 ) return -1;
  return iId ? iId : sqlite3_last_insert_rowid(p->db);
}

/* ------------------------------------------------------ reading the file */

/* "topics[2]" and "participants" give "topics[2].participants"; the top
** level has the empty path.  Paths are at most three steps of our own
** field names, so the precisions never cut one. */
static void path_field(char *z, const char *zPath, const char *zKey){
  snprintf(z, PATH_BYTES, "%.100s%s%.30s", zPath, zPath[0] ? "." : "", zKey);
}

static void path_item(char *z, const char *zPath, size_t i){
  snprintf(z, PATH_BYTES, "%.100s[%zu]", zPath, i);
}

/* The name nearest to a misspelt one, for "did you mean": edit distance
** ignoring ASCII capitals, at most a third of the word, rounded up. */
#define NEAR_MAX 200
typedef struct Near {
  const char *zWord;
  size_t nWord, nBest;      /* a candidate must come closer than nBest */
  char zBest[NEAR_MAX+1];
  char zHint[NEAR_MAX+32];
} Near;

static void near_init(Near *p, const char *zWord){
  p->zWord = zWord;
  p->nWord = strlen(zWord);
  p->nBest = (p->nWord+2)/3 + 1;
  p->zBest[0] = 0;
}

static int fold(int c){ return c>='A' && c<='Z' ? c + 'a' - 'A' : c; }

static void near_try(Near *p, const char *zCand){
  size_t n = strlen(zCand), aRow[NEAR_MAX+1];
  if( p->nWord>NEAR_MAX || n>NEAR_MAX ) return;
  for(size_t j=0; j<=n; j++) aRow[j] = j;
  for(size_t i=1; i<=p->nWord; i++){
    size_t diag = aRow[0];
    aRow[0] = i;
    for(size_t j=1; j<=n; j++){
      size_t up = aRow[j], d = diag + (fold(p->zWord[i-1])!=fold(zCand[j-1]));
      if( up+1 < d ) d = up+1;
      if( aRow[j-1]+1 < d ) d = aRow[j-1]+1;
      aRow[j] = d;
      diag = up;
    }
  }
  if( aRow[n] < p->nBest ){
    p->nBest = aRow[n];
    memcpy(p->zBest, zCand, n+1);
  }
}

/* " (did you mean "X"?)", or "" when nothing came near. */
static const char *near_hint(Near *p){
  p->zHint[0] = 0;
  if( p->zBest[0] ) snprintf(p->zHint, sizeof p->zHint, " (did you mean \"%s\"?)", p->zBest);
  return p->zHint;
}

/* Checks that v is an object with no fields but those in azKey. */
static int check_object(Sql *p, json_t *v, const char *zPath, const char *const *azKey){
  const char *zWhere = zPath[0] ? zPath : "top level";
  if( !json_is_object(v) ) return err_set(p->err, "%s: expected an object {...}", zWhere);
  const char *zKey;
  json_t *x;
  json_object_foreach(v, zKey, x){
    int i = 0;
    while( azKey[i] && strcmp(azKey[i], zKey) ) i++;
    if( azKey[i] ) continue;
    Near near;
    near_init(&near, zKey);
    for(i=0; azKey[i]; i++) near_try(&near, azKey[i]);
    return err_set(p->err, "%s: unknown field \"%s\"%s", zWhere, zKey, near_hint(&near));
  }
  return 0;
}

/* The text of v's field zKey in *pz: NULL when missing or null, which is
** an error when bRequired.  Text is 1 to ORG_MAX_TEXT bytes without
** control characters or surrounding spaces, so that a name in a message
** or a lookup is the name the user sees. */
static int get_text(Sql *p, json_t *v, const char *zKey, const char *zPath,
                    int bRequired, const char **pz){
  json_t *x = json_object_get(v, zKey);
  char zField[PATH_BYTES];
  *pz = 0;
  if( x==0 || json_is_null(x) ){
    return bRequired ? err_set(p->err, "%s: missing \"%s\"", zPath, zKey) : 0;
  }
  path_field(zField, zPath, zKey);
  if( !json_is_string(x) ) return err_set(p->err, "%s: expected a string \"...\"", zField);
  const char *z = json_string_value(x);
  size_t n = json_string_length(x);
  if( n==0 || n>ORG_MAX_TEXT ){
    return err_set(p->err, "%s: expected 1 to %d bytes of text", zField, ORG_MAX_TEXT);
  }
  for(size_t i=0; i<n; i++){
    if( (unsigned char)z[i]<0x20 || z[i]==0x7f ){
      return err_set(p->err, "%s: control character in the text", zField);
    }
  }
  if( z[0]==' ' || z[n-1]==' ' ){
    return err_set(p->err, "%s: \"%s\" starts or ends with a space", zField, z);
  }
  *pz = z;
  return 0;
}

/* Field zKey of v as one of azChoice, or zDefault when missing (required
** when zDefault is NULL). */
static int get_choice(Sql *p, json_t *v, const char *zKey, const char *zPath,
                      const char *const *azChoice, const char *zDefault, const char **pz){
  if( get_text(p, v, zKey, zPath, zDefault==0, pz) ) return -1;
  if( *pz==0 ){
    *pz = zDefault;
    return 0;
  }
  int i = 0;
  while( azChoice[i] && strcmp(azChoice[i], *pz) ) i++;
  if( azChoice[i] ) return 0;
  Buf b = BUF_INIT;
  for(i=0; azChoice[i]; i++){
    buf_appendf(&b, "%s%s", i==0 ? "" : azChoice[i+1] ? ", " : " or ", azChoice[i]);
  }
  char zField[PATH_BYTES];
  path_field(zField, zPath, zKey);
  err_set(p->err, "%s: unknown %s \"%s\" (use %s)", zField, zKey, *pz, b.z);
  buf_release(&b);
  return -1;
}

/* A real calendar date written YYYY-MM-DD. */
static int date_ok(const char *z, size_t n){
  static const int aDays[] = { 31,29,31,30,31,30,31,31,30,31,30,31 };
  if( n!=10 ) return 0;
  for(int i=0; i<10; i++){
    if( i==4 || i==7 ? z[i]!='-' : (z[i]<'0' || z[i]>'9') ) return 0;
  }
  int y = atoi(z), m = atoi(z+5), d = atoi(z+8);
  int bLeap = (y%4==0 && y%100!=0) || y%400==0;
  return y>0 && m>=1 && m<=12 && d>=1 && d<=aDays[m-1] && (m!=2 || d<29 || bLeap);
}

/* Fields "from" and "to" of v: dates or NULL, from not after to. */
static int get_period(Sql *p, json_t *v, const char *zPath,
                      const char **pzFrom, const char **pzTo){
  static const char *const azEnd[] = { "from", "to" };
  const char **apz[] = { pzFrom, pzTo };
  for(int i=0; i<2; i++){
    json_t *x = json_object_get(v, azEnd[i]);
    char zField[PATH_BYTES];
    path_field(zField, zPath, azEnd[i]);
    *apz[i] = 0;
    if( x==0 || json_is_null(x) ) continue;
    if( !json_is_string(x) ){
      return err_set(p->err, "%s: expected a date \"YYYY-MM-DD\" or null", zField);
    }
    if( !date_ok(json_string_value(x), json_string_length(x)) ){
      return err_set(p->err, "bad date \"%.40s\" in %s (use YYYY-MM-DD)",
                     json_string_value(x), zField);
    }
    *apz[i] = json_string_value(x);
  }
  if( *pzFrom && *pzTo && strcmp(*pzFrom, *pzTo)>0 ){
    return err_set(p->err, "%s: \"from\" %s is after \"to\" %s", zPath, *pzFrom, *pzTo);
  }
  return 0;
}

/* Field zKey of v as a list in *pa: NULL when missing or null. */
static int get_list(Sql *p, json_t *v, const char *zKey, const char *zPath, json_t **pa){
  json_t *x = json_object_get(v, zKey);
  *pa = 0;
  if( x==0 || json_is_null(x) ) return 0;
  if( !json_is_array(x) ){
    char zField[PATH_BYTES];
    path_field(zField, zPath, zKey);
    return err_set(p->err, "%s: expected a list [...]", zField);
  }
  *pa = x;
  return 0;
}

/* ---------------------------------------------------- names and persons */

/* A table of entities known by a unique name (capitals aside). */
typedef struct Named {
  const char *zWhat;     /* for messages */
  const char *zFind;     /* ?1 the name -> the id */
  const char *zAll;      /* every name, for suggestions */
} Named;

static const Named kOrganisation = { "organisation",
  "SELECT id FROM organisation WHERE name=?1",
  "SELECT name FROM organisation ORDER BY name" };
static const Named kTopic = { "topic",
  "SELECT id FROM topic WHERE name=?1",
  "SELECT name FROM topic ORDER BY name" };
static const Named kBody = { "body",
  "SELECT id FROM body WHERE name=?1",
  "SELECT name FROM body ORDER BY name" };

/* Suggests, after an unknown name, the nearest of the names zSql lists. */
static int unknown(Sql *p, const char *zPath, const char *zWhat, const char *zName,
                   const char *zOf, const char *zSql, sqlite3_int64 iArg){
  Near near;
  near_init(&near, zName);
  sqlite3_stmt *st = sql_bind(p, zSql, "i", iArg);
  while( st && sql_row(p, st)==1 ) near_try(&near, (const char *)sqlite3_column_text(st, 0));
  return err_set(p->err, "%s: unknown %s \"%s\"%s%s%s", zPath, zWhat, zName,
                 zOf ? " of " : "", zOf ? zOf : "", near_hint(&near));
}

/* The id of the entity of pN named zName, in *piId. */
static int ref_named(Sql *p, const Named *pN, const char *zName, const char *zPath,
                     sqlite3_int64 *piId){
  *piId = sql_id(p, pN->zFind, "t", zName);
  if( *piId<0 ) return -1;
  return *piId ? 0 : unknown(p, zPath, pN->zWhat, zName, 0, pN->zAll, 0);
}

/* The person that entry v names with "person" and, when present,
** "organisation" (null: the person without one), in *piId. */
static int ref_person(Sql *p, json_t *v, const char *zPath, sqlite3_int64 *piId){
  const char *zName, *zOrg;
  sqlite3_int64 iOrg = 0;
  *piId = 0;
  if( get_text(p, v, "person", zPath, 1, &zName)
   || get_text(p, v, "organisation", zPath, 0, &zOrg)
   || (zOrg && ref_named(p, &kOrganisation, zOrg, zPath, &iOrg)) ){
    return -1;
  }
  if( json_object_get(v, "organisation") ){
    *piId = sql_id(p, "SELECT id FROM person WHERE name=?1 AND organisation_id IS ?2"
                   " ORDER BY id", "ti", zName, iOrg);
    if( *piId<0 ) return -1;
    if( *piId ) return 0;
    return unknown(p, zPath, "person", zName, zOrg ? zOrg : "no organisation",
                   "SELECT name FROM person WHERE organisation_id IS ?1 ORDER BY name", iOrg);
  }
  sqlite3_stmt *st = sql_bind(p,
      "SELECT p.id, coalesce(o.name, '(none)') FROM person p"
      " LEFT JOIN organisation o ON o.id=p.organisation_id"
      " WHERE p.name=?1 ORDER BY o.name", "t", zName);
  Buf orgs = BUF_INIT;
  int n = 0, rc = 0;
  while( st && (rc = sql_row(p, st))==1 ){
    if( n++==0 ) *piId = sqlite3_column_int64(st, 0);
    buf_appendf(&orgs, "%s%s", n>1 ? ", " : "", sqlite3_column_text(st, 1));
  }
  if( st==0 || rc<0 ){
    rc = -1;
  }else if( n==0 ){
    rc = unknown(p, zPath, "person", zName, 0, "SELECT name FROM person ORDER BY name", 0);
  }else if( n>1 ){
    rc = err_set(p->err, "%s: %d persons are named \"%s\" (of %s): add \"organisation\"",
                 zPath, n, zName, orgs.z);
  }
  buf_release(&orgs);
  return rc;
}

/* Notes that entry zItem of a list, named zName (of zOf, for a person), is
** the row iId: -1 when an earlier entry was the same row, for which one
** should win?  An iId of -1 passes on an error already reported. */
static int once(Sql *p, json_t *pSeen, sqlite3_int64 iId, const char *zItem,
                const char *zName, const char *zOf){
  char zKey[32];
  if( iId<0 ) return -1;
  snprintf(zKey, sizeof zKey, "%lld", (long long)iId);
  json_t *pPrev = json_object_get(pSeen, zKey);
  if( pPrev ){
    return err_set(p->err, "%s: \"%s\"%s%s is already listed at %s", zItem, zName,
                   zOf ? " of " : "", zOf ? zOf : "", json_string_value(pPrev));
  }
  json_object_set_new(pSeen, zKey, json_string(zItem));
  return 0;
}

/* ------------------------------------------------------------ entities */

static const char *const azOrgKind[] = { "gemeente", "partner", 0 };
static const char *const azTopicKind[] = { "onderwerp", "project", 0 };
static const char *const azBodyKind[] = { "BORA", "ARG", "BRA", "BO", "AO", "other", 0 };
static const char *const azRole[] = { "lid", "voorzitter", "secretaris", "notulist", "adviseur", 0 };

static const Upsert kOrgUpsert = {
  "SELECT id FROM organisation WHERE name=?2",
  "INSERT INTO organisation(name, kind) VALUES(?2, ?3)",
  "UPDATE organisation SET name=?2, kind=?3"
  " WHERE id=?1 AND (name<>?2 COLLATE BINARY OR kind<>?3)" };
static const Upsert kPersonUpsert = {
  "SELECT id FROM person WHERE name=?2 AND organisation_id IS ?3 ORDER BY id",
  "INSERT INTO person(name, organisation_id, function) VALUES(?2, ?3, ?4)",
  "UPDATE person SET function=?4 WHERE id=?1 AND function IS NOT ?4" };
static const Upsert kTopicUpsert = {
  "SELECT id FROM topic WHERE name=?2",
  "INSERT INTO topic(name, kind, agenda, valid_from, valid_to) VALUES(?2, ?3, ?4, ?5, ?6)",
  "UPDATE topic SET name=?2, kind=?3, agenda=?4, valid_from=?5, valid_to=?6"
  " WHERE id=?1 AND (name<>?2 COLLATE BINARY OR kind<>?3 OR agenda IS NOT ?4"
  " OR valid_from IS NOT ?5 OR valid_to IS NOT ?6)" };
static const Upsert kBodyUpsert = {
  "SELECT id FROM body WHERE name=?2",
  "INSERT INTO body(name, full_name, kind, topic_id) VALUES(?2, ?3, ?4, ?5)",
  "UPDATE body SET name=?2, full_name=?3, kind=?4, topic_id=?5"
  " WHERE id=?1 AND (name<>?2 COLLATE BINARY OR full_name IS NOT ?3 OR kind<>?4"
  " OR topic_id IS NOT ?5)" };

/* Loads one entry of a top-level list, at path zItem: checks its fields,
** adds or updates its row and puts the row's id in *piId. */
typedef int (*LoadEntry)(Sql *p, json_t *v, const char *zItem, json_t *pSeen,
                         sqlite3_int64 *piId);

static int load_organisation(Sql *p, json_t *v, const char *zItem, json_t *pSeen,
                             sqlite3_int64 *piId){
  static const char *const azKey[] = { "name", "kind", 0 };
  const char *zName, *zKind;
  if( check_object(p, v, zItem, azKey)
   || get_text(p, v, "name", zItem, 1, &zName)
   || get_choice(p, v, "kind", zItem, azOrgKind, 0, &zKind) ){
    return -1;
  }
  *piId = upsert(p, &kOrgUpsert, "tt", zName, zKind);
  return once(p, pSeen, *piId, zItem, zName, 0);
}

static int load_person(Sql *p, json_t *v, const char *zItem, json_t *pSeen,
                       sqlite3_int64 *piId){
  static const char *const azKey[] = { "name", "organisation", "function", 0 };
  const char *zName, *zOrg, *zFunction;
  sqlite3_int64 iOrg = 0;
  if( check_object(p, v, zItem, azKey)
   || get_text(p, v, "name", zItem, 1, &zName)
   || get_text(p, v, "organisation", zItem, 0, &zOrg)
   || get_text(p, v, "function", zItem, 0, &zFunction)
   || (zOrg && ref_named(p, &kOrganisation, zOrg, zItem, &iOrg)) ){
    return -1;
  }
  *piId = upsert(p, &kPersonUpsert, "tit", zName, iOrg, zFunction);
  return once(p, pSeen, *piId, zItem, zName, zOrg ? zOrg : "no organisation");
}

static int load_topic(Sql *p, json_t *v, const char *zItem, json_t *pSeen,
                      sqlite3_int64 *piId){
  static const char *const azKey[] = { "name", "kind", "agenda", "from", "to",
                                       "participants", "portfolio_holders", 0 };
  const char *zName, *zKind, *zAgenda, *zFrom, *zTo;
  if( check_object(p, v, zItem, azKey)
   || get_text(p, v, "name", zItem, 1, &zName)
   || get_choice(p, v, "kind", zItem, azTopicKind, "onderwerp", &zKind)
   || get_text(p, v, "agenda", zItem, 0, &zAgenda)
   || get_period(p, v, zItem, &zFrom, &zTo) ){
    return -1;
  }
  *piId = upsert(p, &kTopicUpsert, "ttttt", zName, zKind, zAgenda, zFrom, zTo);
  return once(p, pSeen, *piId, zItem, zName, 0);
}

static int load_body(Sql *p, json_t *v, const char *zItem, json_t *pSeen,
                     sqlite3_int64 *piId){
  static const char *const azKey[] = { "name", "full_name", "kind", "topic",
                                       "prepares", "members", 0 };
  const char *zName, *zFull, *zKind, *zTopic;
  sqlite3_int64 iTopic = 0;
  if( check_object(p, v, zItem, azKey)
   || get_text(p, v, "name", zItem, 1, &zName)
   || get_text(p, v, "full_name", zItem, 0, &zFull)
   || get_choice(p, v, "kind", zItem, azBodyKind, 0, &zKind)
   || get_text(p, v, "topic", zItem, 0, &zTopic)
   || (zTopic && ref_named(p, &kTopic, zTopic, zItem, &iTopic)) ){
    return -1;
  }
  if( zTopic==0 && (strcmp(zKind, "BO")==0 || strcmp(zKind, "AO")==0) ){
    return err_set(p->err, "%s: %s %s needs a topic", zItem, zKind[0]=='A' ? "an" : "a", zKind);
  }
  *piId = upsert(p, &kBodyUpsert, "ttti", zName, zFull, zKind, iTopic);
  return once(p, pSeen, *piId, zItem, zName, 0);
}

/* Loads each entry of the top-level list zKey with xEntry; the rows'
** ids go to *paId (caller frees) when paId is not NULL. */
static int load_list(Sql *p, json_t *pRoot, const char *zKey, LoadEntry xEntry,
                     int *pnCount, sqlite3_int64 **paId){
  json_t *aList, *v;
  size_t i;
  if( paId ) *paId = 0;
  if( get_list(p, pRoot, zKey, "", &aList) ) return -1;
  *pnCount = (int)json_array_size(aList);
  if( paId ) *paId = xrealloc(0, (json_array_size(aList)+1) * sizeof **paId);
  json_t *pSeen = json_object();
  int rc = 0;
  json_array_foreach(aList, i, v){
    char zItem[PATH_BYTES];
    sqlite3_int64 iId;
    path_item(zItem, zKey, i);
    rc = xEntry(p, v, zItem, pSeen, &iId);
    if( rc ) break;
    if( paId ) (*paId)[i] = iId;
  }
  json_decref(pSeen);
  return rc ? -1 : 0;
}

/* An AO's "prepares": the BO it prepares, of the same topic.  Every other
** body in the file prepares nothing. */
static int link_body(Sql *p, json_t *v, const char *zItem, sqlite3_int64 iBody){
  const char *zPrepares, *zKind;
  sqlite3_int64 iPrepares = 0;
  if( get_text(p, v, "prepares", zItem, 0, &zPrepares)
   || get_text(p, v, "kind", zItem, 1, &zKind) ){
    return -1;
  }
  if( zPrepares ){
    if( strcmp(zKind, "AO") ){
      return err_set(p->err, "%s: only an AO prepares another body, and this is of kind %s",
                     zItem, zKind);
    }
    if( ref_named(p, &kBody, zPrepares, zItem, &iPrepares) ) return -1;
    sqlite3_stmt *st = sql_bind(p,
        "SELECT p.kind, p.topic_id IS a.topic_id, t.name FROM body p, body a"
        " LEFT JOIN topic t ON t.id=p.topic_id WHERE p.id=?1 AND a.id=?2",
        "ii", iPrepares, iBody);
    if( st==0 || sql_row(p, st)!=1 ) return -1;
    const char *zTheirKind = (const char *)sqlite3_column_text(st, 0);
    int rc = 0;
    if( strcmp(zTheirKind, "BO") ){
      rc = err_set(p->err, "%s: an AO can only prepare a BO, and \"%s\" is of kind %s",
              zItem, zPrepares, zTheirKind);
    }else if( !sqlite3_column_int(st, 1) ){
      rc = err_set(p->err, "%s: an AO prepares the BO of its own topic, and \"%s\" is about %s",
              zItem, zPrepares, sqlite3_column_text(st, 2));
    }
    sqlite3_reset(st);
    if( rc ) return -1;
  }
  return sql_exec(p, "UPDATE body SET prepares_id=?2 WHERE id=?1 AND prepares_id IS NOT ?2",
                  "ii", iBody, iPrepares);
}

/* ---------------------------------------------------------- dated lists */

/* The participants of a topic, its portfolio holders, the members of a
** body: rows of (owner, ref, role, from, to).  Statements take ?1 the
** owner, ?2 the organisation or person, ?3 the role, ?4 from and ?5 to. */
typedef struct DatedKind {
  const char *zList;          /* the field that holds the list */
  const char *const *azKey;   /* the fields of an entry */
  int bPerson;                /* refers to a person, else an organisation */
  const char *zSame;          /* what two clashing entries share */
  const char *zStored;        /* the owner's rows: id, ref, role, from, to */
  const char *zInsert;
  const char *zDelete;        /* ?1 the row's id */
  const char *zExport;        /* the entries, sorted, columns named as fields */
} DatedKind;

static const char *const azParticipantKey[] = { "organisation", "from", "to", 0 };
static const char *const azHolderKey[] = { "person", "organisation", "from", "to", 0 };
static const char *const azMemberKey[] = { "person", "organisation", "role", "from", "to", 0 };

static const DatedKind kParticipants = {
  "participants", azParticipantKey, 0, "organisation",
  "SELECT id, organisation_id, '', valid_from, valid_to FROM participation WHERE topic_id=?1",
  "INSERT INTO participation(topic_id, organisation_id, valid_from, valid_to)"
  " VALUES(?1, ?2, ?4, ?5)",
  "DELETE FROM participation WHERE id=?1",
  "SELECT o.name AS organisation, p.valid_from AS \"from\", p.valid_to AS \"to\""
  " FROM participation p JOIN organisation o ON o.id=p.organisation_id"
  " WHERE p.topic_id=?1"
  " ORDER BY o.name, p.valid_from, p.valid_to IS NULL, p.valid_to, p.id" };

static const DatedKind kHolders = {
  "portfolio_holders", azHolderKey, 1, "person",
  "SELECT id, person_id, '', valid_from, valid_to FROM portfolio WHERE topic_id=?1",
  "INSERT INTO portfolio(topic_id, person_id, valid_from, valid_to) VALUES(?1, ?2, ?4, ?5)",
  "DELETE FROM portfolio WHERE id=?1",
  "SELECT pe.name AS person, o.name AS organisation,"
  " f.valid_from AS \"from\", f.valid_to AS \"to\""
  " FROM portfolio f JOIN person pe ON pe.id=f.person_id"
  " LEFT JOIN organisation o ON o.id=pe.organisation_id"
  " WHERE f.topic_id=?1"
  " ORDER BY f.valid_from, pe.name, o.name, f.valid_to IS NULL, f.valid_to, f.id" };

static const DatedKind kMembers = {
  "members", azMemberKey, 1, "person in the same role",
  "SELECT id, person_id, role, valid_from, valid_to FROM membership WHERE body_id=?1",
  "INSERT INTO membership(body_id, person_id, role, valid_from, valid_to)"
  " VALUES(?1, ?2, ?3, ?4, ?5)",
  "DELETE FROM membership WHERE id=?1",
  "SELECT pe.name AS person, o.name AS organisation, m.role AS role,"
  " m.valid_from AS \"from\", m.valid_to AS \"to\""
  " FROM membership m JOIN person pe ON pe.id=m.person_id"
  " LEFT JOIN organisation o ON o.id=pe.organisation_id"
  " WHERE m.body_id=?1"
  " ORDER BY CASE m.role WHEN 'voorzitter' THEN 0 WHEN 'lid' THEN 1 WHEN 'adviseur' THEN 2"
  " WHEN 'secretaris' THEN 3 WHEN 'notulist' THEN 4 ELSE 5 END, m.role,"
  " o.name, pe.name, m.valid_from, m.valid_to IS NULL, m.valid_to, m.id" };

/* One entry of a dated list, as the file gives it. */
typedef struct Dated {
  sqlite3_int64 iRef;         /* the organisation or person */
  const char *zRole;          /* "" but for members */
  const char *zFrom, *zTo;    /* NULL: open */
  size_t iEntry;              /* its place in the list */
} Dated;

/* NULL, an open end, sorts as the earliest "from" and the latest "to". */
static int cmp_date(const char *a, const char *b, int bOpenLast){
  if( a==0 || b==0 ) return a==b ? 0 : (a==0) == bOpenLast ? 1 : -1;
  return strcmp(a, b);
}

/* By ref, role and period, so that clashing entries are neighbours. */
static int cmp_dated(const void *pA, const void *pB){
  const Dated *a = pA, *b = pB;
  int c;
  if( a->iRef!=b->iRef ) return a->iRef < b->iRef ? -1 : 1;
  if( (c = strcmp(a->zRole, b->zRole)) ) return c;
  if( (c = cmp_date(a->zFrom, b->zFrom, 0)) ) return c;
  if( (c = cmp_date(a->zTo, b->zTo, 1)) ) return c;
  return a->iEntry < b->iEntry ? -1 : a->iEntry > b->iEntry;
}

/* "ref role from to": a row's identity within its owner's list. */
static void dated_key(Buf *b, sqlite3_int64 iRef, const char *zRole, const char *zFrom,
                      const char *zTo){
  buf_reset(b);
  buf_appendf(b, "%lld %s %s %s", (long long)iRef, zRole, zFrom ? zFrom : "-", zTo ? zTo : "-");
}

/* Reads entry v of a dated list, at path zItem, into *pOut. */
static int read_dated(Sql *p, const DatedKind *pK, json_t *v, const char *zItem, Dated *pOut){
  const char *zOrg;
  pOut->zRole = "";
  if( check_object(p, v, zItem, pK->azKey) ) return -1;
  if( pK->bPerson ){
    if( ref_person(p, v, zItem, &pOut->iRef) ) return -1;
  }else if( get_text(p, v, "organisation", zItem, 1, &zOrg)
         || ref_named(p, &kOrganisation, zOrg, zItem, &pOut->iRef) ){
    return -1;
  }
  if( pK==&kMembers && get_choice(p, v, "role", zItem, azRole, "lid", &pOut->zRole) ) return -1;
  return get_period(p, v, zItem, &pOut->zFrom, &pOut->zTo);
}

/* Sorted entries a[0..n): the first entry that overlaps an earlier one of
** the same ref and role is an error. */
static int check_overlap(Sql *p, const DatedKind *pK, const char *zList,
                         const Dated *a, size_t n){
  const Dated *pLatest = a;   /* of the group so far, the one ending last */
  for(size_t i=1; i<n; i++){
    if( a[i].iRef!=a[i-1].iRef || strcmp(a[i].zRole, a[i-1].zRole) ){
      pLatest = &a[i];
      continue;
    }
    if( pLatest->zTo==0 || a[i].zFrom==0 || strcmp(a[i].zFrom, pLatest->zTo)<=0 ){
      const Dated *pA = pLatest->iEntry < a[i].iEntry ? pLatest : &a[i];
      const Dated *pB = pA==pLatest ? &a[i] : pLatest;
      return err_set(p->err, "%s[%zu]: same %s as %s[%zu] in an overlapping period",
                     zList, pB->iEntry, pK->zSame, pK->zList, pA->iEntry);
    }
    if( cmp_date(a[i].zTo, pLatest->zTo, 1)>0 ) pLatest = &a[i];
  }
  return 0;
}

/* Makes the owner's stored rows of kind pK those of list pK->zList in the
** file's entry v at zPath: rows already there stay untouched, missing ones
** are inserted, the others deleted. */
static int load_dated(Sql *p, const DatedKind *pK, json_t *v, const char *zPath,
                      sqlite3_int64 iOwner, int *pnCount){
  json_t *aList, *x;
  char zList[PATH_BYTES], zItem[PATH_BYTES];
  const char *zKey;
  size_t i, n;
  if( get_list(p, v, pK->zList, zPath, &aList) ) return -1;
  path_field(zList, zPath, pK->zList);
  n = json_array_size(aList);
  *pnCount += (int)n;
  Dated *a = xrealloc(0, (n+1) * sizeof *a);
  json_t *pStored = json_object();   /* key -> id of the rows not yet matched */
  sqlite3_stmt *st = 0;
  Buf key = BUF_INIT;
  int rc = 0;
  json_array_foreach(aList, i, x){
    path_item(zItem, zList, i);
    a[i].iEntry = i;
    if( (rc = read_dated(p, pK, x, zItem, &a[i])) ) goto done;
  }
  qsort(a, n, sizeof *a, cmp_dated);
  if( (rc = check_overlap(p, pK, zList, a, n)) ) goto done;
  st = sql_bind(p, pK->zStored, "i", iOwner);
  while( st && (rc = sql_row(p, st))==1 ){
    dated_key(&key, sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2),
              (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4));
    if( json_object_get(pStored, key.z)==0 ){     /* a stored duplicate goes */
      json_object_set_new_nocheck(pStored, key.z, json_integer(sqlite3_column_int64(st, 0)));
    }
  }
  if( st==0 ) rc = -1;
  for(i=0; i<n && rc==0; i++){
    dated_key(&key, a[i].iRef, a[i].zRole, a[i].zFrom, a[i].zTo);
    if( json_object_get(pStored, key.z) ){
      json_object_del(pStored, key.z);
    }else{
      rc = sql_exec(p, pK->zInsert, "iittt", iOwner, a[i].iRef, a[i].zRole,
                    a[i].zFrom, a[i].zTo);
    }
  }
  json_object_foreach(pStored, zKey, x){
    if( rc==0 ) rc = sql_exec(p, pK->zDelete, "i", (sqlite3_int64)json_integer_value(x));
  }
done:
  buf_release(&key);
  json_decref(pStored);
  free(a);
  return rc ? -1 : 0;
}

/* ------------------------------------------------------------- loading */

static int load_all(Sql *p, json_t *pRoot, OrgCounts *pC){
  static const char *const azKey[] = { "organisations", "persons", "topics", "bodies", 0 };
  sqlite3_int64 *aTopic = 0, *aBody = 0;
  json_t *aList, *v;
  char zItem[PATH_BYTES];
  size_t i;
  int rc = check_object(p, pRoot, "", azKey)
        || load_list(p, pRoot, "organisations", load_organisation, &pC->nOrganisation, 0)
        || load_list(p, pRoot, "persons", load_person, &pC->nPerson, 0)
        || load_list(p, pRoot, "topics", load_topic, &pC->nTopic, &aTopic)
        || load_list(p, pRoot, "bodies", load_body, &pC->nBody, &aBody);
  /* The lists that refer to other entries come once all entries are in:
  ** a file may name a BO before the AO that prepares it, or after. */
  aList = json_object_get(pRoot, "topics");
  json_array_foreach(aList, i, v){
    if( rc ) break;
    path_item(zItem, "topics", i);
    rc = load_dated(p, &kParticipants, v, zItem, aTopic[i], &pC->nParticipation)
      || load_dated(p, &kHolders, v, zItem, aTopic[i], &pC->nPortfolio);
  }
  aList = json_object_get(pRoot, "bodies");
  json_array_foreach(aList, i, v){
    if( rc ) break;
    path_item(zItem, "bodies", i);
    rc = link_body(p, v, zItem, aBody[i])
      || load_dated(p, &kMembers, v, zItem, aBody[i], &pC->nMembership);
  }
  free(aTopic);
  free(aBody);
  return rc ? -1 : 0;
}

int org_load(sqlite3 *db, const char *zJson, size_t nJson, OrgCounts *pCounts, Err *err){
  OrgCounts c;
  Sql s = { db, err, 0, 0, 0 };
  json_error_t jerr;
  memset(&c, 0, sizeof c);
  if( pCounts ) *pCounts = c;
  if( nJson>ORG_MAX_BYTES ){
    return err_set(err, "the file is larger than %zu MiB", ORG_MAX_BYTES/MiB);
  }
  if( nJson>=3 && memcmp(zJson, "\xEF\xBB\xBF", 3)==0 ){  /* a byte-order mark */
    zJson += 3;
    nJson -= 3;
  }
  json_t *pRoot = json_loadb(zJson, nJson, JSON_REJECT_DUPLICATES, &jerr);
  if( pRoot==0 ){
    return err_set(err, "not valid JSON: line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
  }
  if( !sqlite3_get_autocommit(db) ){
    json_decref(pRoot);
    return err_set(err, "org_load: a transaction is already open");
  }
  /* not through s: sqlite3_changes() after it would be the last statement's */
  int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0)==SQLITE_OK ? 0 : sql_error(&s);
  if( rc==0 ) rc = load_all(&s, pRoot, &c);
  sql_close(&s);     /* no statement may be pending at COMMIT */
  c.nChanged = s.nChanged;
  /* which BO an AO prepares may have changed: so may its meetings' links */
  if( rc==0 && import_link_meetings(db, 0, err) ) rc = -1;
  if( rc==0 && sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ) rc = sql_error(&s);
  if( rc && !sqlite3_get_autocommit(db) ) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  json_decref(pRoot);
  if( rc ) return -1;
  if( pCounts ) *pCounts = c;
  return 0;
}

/* ------------------------------------------------------------ exporting */

/* Adds a row's extra lists to its object; iId is the row's "_id". */
typedef int (*ExportMore)(Sql *p, sqlite3_int64 iId, json_t *pObj);

/* Sets pObj's field zKey to a list of one object per row of zSql (?1 bound
** to iOwner), whose fields are the columns by name; a column "_id" is
** left out and handed to xMore. */
static int export_rows(Sql *p, json_t *pObj, const char *zKey, const char *zSql,
                       sqlite3_int64 iOwner, ExportMore xMore){
  json_t *aList = json_array();
  json_object_set_new(pObj, zKey, aList);
  sqlite3_stmt *st = sql_bind(p, zSql, "i", iOwner);
  int rc = 0;
  while( st && (rc = sql_row(p, st))==1 ){
    json_t *pRow = json_object();
    sqlite3_int64 iId = 0;
    json_array_append_new(aList, pRow);
    for(int i=0; i<sqlite3_column_count(st); i++){
      const char *zCol = sqlite3_column_name(st, i);
      if( strcmp(zCol, "_id")==0 ){
        iId = sqlite3_column_int64(st, i);
        continue;
      }
      json_t *x = sqlite3_column_type(st, i)==SQLITE_NULL ? json_null()
        : json_stringn((const char *)sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
      if( x==0 ) return err_set(p->err, "the archive holds text that is not UTF-8 in %s", zKey);
      json_object_set_new(pRow, zCol, x);
    }
    if( xMore && xMore(p, iId, pRow) ) return -1;
  }
  return st && rc==0 ? 0 : -1;
}

static int export_topic(Sql *p, sqlite3_int64 iId, json_t *pObj){
  return export_rows(p, pObj, kParticipants.zList, kParticipants.zExport, iId, 0)
      || export_rows(p, pObj, kHolders.zList, kHolders.zExport, iId, 0);
}

static int export_body(Sql *p, sqlite3_int64 iId, json_t *pObj){
  return export_rows(p, pObj, kMembers.zList, kMembers.zExport, iId, 0);
}

static void emit_scalar(Buf *out, json_t *v){
  char *z = json_dumps(v, JSON_ENCODE_ANY);
  buf_puts(out, z);
  free(z);
}

/* Writes v for a person to read: a scalar, an empty list or an object of
** scalars on one line; other objects and lists one member a line,
** indented by two spaces a level.  Exports are three levels deep. */
static void emit(Buf *out, json_t *v, int nIndent){
  int bFlat = !json_is_array(v) || json_array_size(v)==0;
  const char *zKey;
  json_t *x;
  size_t i = 0, n = json_is_array(v) ? json_array_size(v) : json_object_size(v);
  if( json_is_object(v) ){
    json_object_foreach(v, zKey, x) bFlat &= !json_is_object(x) && !json_is_array(x);
  }
  if( bFlat ){
    emit_scalar(out, v);
    return;
  }
  buf_puts(out, json_is_array(v) ? "[\n" : "{\n");
  if( json_is_array(v) ){
    json_array_foreach(v, i, x){
      buf_appendf(out, "%*s", nIndent+2, "");
      emit(out, x, nIndent+2);
      buf_puts(out, i+1<n ? ",\n" : "\n");
    }
  }else{
    json_object_foreach(v, zKey, x){
      json_t *pKey = json_string(zKey);
      buf_appendf(out, "%*s", nIndent+2, "");
      emit_scalar(out, pKey);
      json_decref(pKey);
      buf_puts(out, ": ");
      emit(out, x, nIndent+2);
      buf_puts(out, ++i<n ? ",\n" : "\n");
    }
  }
  buf_appendf(out, "%*s%c", nIndent, "", json_is_array(v) ? ']' : '}');
}

int org_export(sqlite3 *db, Buf *out, Err *err){
  Sql s = { db, err, 0, 0, 0 };
  json_t *pRoot = json_object();
  /* One read transaction, so the export is one moment of the archive. */
  int rc = sql_exec(&s, "SAVEPOINT org_export", "");
  int bOpen = rc==0;
  if( rc==0 ){
    rc = export_rows(&s, pRoot, "organisations",
           "SELECT name, kind FROM organisation ORDER BY kind, name", 0, 0)
      || export_rows(&s, pRoot, "persons",
           "SELECT p.name AS name, o.name AS organisation, p.function AS function"
           " FROM person p LEFT JOIN organisation o ON o.id=p.organisation_id"
           " ORDER BY o.name IS NULL, o.name, p.name, p.id", 0, 0)
      || export_rows(&s, pRoot, "topics",
           "SELECT id AS _id, name, kind, agenda, valid_from AS \"from\", valid_to AS \"to\""
           " FROM topic ORDER BY name", 0, export_topic)
      || export_rows(&s, pRoot, "bodies",
           "SELECT b.id AS _id, b.name AS name, b.full_name AS full_name, b.kind AS kind,"
           " t.name AS topic, p.name AS prepares"
           " FROM body b LEFT JOIN topic t ON t.id=b.topic_id"
           " LEFT JOIN body p ON p.id=b.prepares_id"
           " ORDER BY CASE b.kind WHEN 'BORA' THEN 0 WHEN 'ARG' THEN 1 WHEN 'BRA' THEN 2"
           " ELSE 3 END, t.name, CASE b.kind WHEN 'BO' THEN 0 WHEN 'AO' THEN 1 ELSE 2 END,"
           " b.name", 0, export_body);
  }
  sql_close(&s);
  if( bOpen ) sqlite3_exec(db, "RELEASE org_export", 0, 0, 0);
  if( rc==0 ){
    emit(out, pRoot, 0);
    buf_putc(out, '\n');
  }
  json_decref(pRoot);
  return rc ? -1 : 0;
}
