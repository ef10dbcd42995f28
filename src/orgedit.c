/*
** orgedit.c — one change at a time to the organisation model, made to its
** JSON and loaded back whole, so that org_load stays the one validation
** and every change is all-or-nothing.  See orgedit.h.
*/
#include "orgedit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "org.h"
#include "store.h"

/* A change: the list its entry goes into (inside the topic or body that
** the first argument names, when zParent is set) and the entry's fields. */
typedef struct OrgOp {
  const char *zOp;
  const char *zParent;      /* "topics" or "bodies", or NULL: a top-level list */
  const char *zList;
  const char *zWhat;        /* for messages */
  int bRemove;
  const char *azArg[7];     /* NULL-terminated; [0] names the parent if any */
} OrgOp;

static const OrgOp aOp[] = {
  { "organisation_add", 0, "organisations", "organisation", 0,
    { "name", "kind", 0 } },
  { "person_add", 0, "persons", "person", 0,
    { "name", "organisation", "function", 0 } },
  { "topic_add", 0, "topics", "topic", 0,
    { "name", "kind", "agenda", "from", "to", 0 } },
  { "body_add", 0, "bodies", "body", 0,
    { "name", "full_name", "kind", "topic", "prepares", 0 } },
  { "participation_add", "topics", "participants", "participation", 0,
    { "topic", "organisation", "from", "to", 0 } },
  { "participation_remove", "topics", "participants", "participation", 1,
    { "topic", "organisation", "from", "to", 0 } },
  { "portfolio_add", "topics", "portfolio_holders", "portfolio", 0,
    { "topic", "person", "organisation", "from", "to", 0 } },
  { "portfolio_remove", "topics", "portfolio_holders", "portfolio", 1,
    { "topic", "person", "organisation", "from", "to", 0 } },
  { "membership_add", "bodies", "members", "membership", 0,
    { "body", "person", "organisation", "role", "from", "to", 0 } },
  { "membership_remove", "bodies", "members", "membership", 1,
    { "body", "person", "organisation", "role", "from", "to", 0 } },
};

static const OrgOp *op_find(const char *zOp){
  for(size_t i=0; zOp && i<sizeof aOp/sizeof aOp[0]; i++){
    if( strcmp(aOp[i].zOp, zOp)==0 ) return &aOp[i];
  }
  return 0;
}

const char *const *orgedit_args(const char *zOp){
  const OrgOp *p = op_find(zOp);
  return p ? p->azArg : 0;
}

/* The entry of list zList in pModel named zName, capitals aside (as the
** archive compares names), or NULL. */
static json_t *find_named(json_t *pModel, const char *zList, const char *zName){
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(pModel, zList), i, x){
    const char *z = json_string_value(json_object_get(x, "name"));
    if( z && strcasecmp(z, zName)==0 ) return x;
  }
  return 0;
}

/* The value of field zKey, an absent one counting as null. */
static json_t *field(json_t *pObj, const char *zKey){
  json_t *x = json_object_get(pObj, zKey);
  return x ? x : json_null();
}

int orgedit_json(json_t *pModel, const char *zOp, json_t *args, Err *err){
  const OrgOp *p = op_find(zOp);
  if( p==0 ) return err_set(err, "unknown change \"%s\"", zOp ? zOp : "");
  if( !json_is_object(pModel) ) return err_set(err, "the model is not a JSON object");
  if( !json_is_object(args) ) return err_set(err, "%s: expected an object of arguments", zOp);
  const char *zKey;
  json_t *x;
  json_object_foreach(args, zKey, x){
    int bKnown = 0;
    for(int i=0; p->azArg[i] && !bKnown; i++) bKnown = strcmp(p->azArg[i], zKey)==0;
    if( !bKnown ) return err_set(err, "%s: unknown field \"%s\"", zOp, zKey);
  }

  /* The list the entry belongs in; its fields are the arguments after the
  ** parent's name. */
  json_t *pOwner = pModel;
  const char *const *azField = p->azArg;
  if( p->zParent ){
    const char *zName = json_string_value(json_object_get(args, p->azArg[0]));
    if( zName==0 || zName[0]==0 ) return err_set(err, "missing \"%s\"", p->azArg[0]);
    pOwner = find_named(pModel, p->zParent, zName);
    if( pOwner==0 ) return err_set(err, "unknown %s \"%s\"", p->azArg[0], zName);
    azField++;
  }
  json_t *aList = json_object_get(pOwner, p->zList);

  if( p->bRemove ){
    size_t i;
    json_array_foreach(aList, i, x){
      int bSame = 1;
      for(int j=0; azField[j] && bSame; j++){
        bSame = json_equal(field(args, azField[j]), field(x, azField[j]));
      }
      if( bSame ){
        json_array_remove(aList, i);
        return 0;
      }
    }
    return err_set(err, "no such %s: it may have been removed already", p->zWhat);
  }

  if( aList==0 ){
    aList = json_array();
    json_object_set_new(pOwner, p->zList, aList);
  }else if( !json_is_array(aList) ){
    return err_set(err, "the model's \"%s\" is not a list", p->zList);
  }
  json_t *pEntry = json_object();
  for(int j=0; azField[j]; j++){
    json_t *v = json_object_get(args, azField[j]);
    if( v ) json_object_set(pEntry, azField[j], v);
  }
  json_array_append_new(aList, pEntry);
  return 0;
}

int orgedit_apply(sqlite3 *db, const char *zOp, json_t *args, Err *err){
  Buf text = BUF_INIT;
  json_t *pModel = 0;
  char *zNew = 0;
  int rc = org_export(db, &text, err);
  if( rc==0 ){
    json_error_t jerr;
    pModel = json_loadb(text.z, text.n, 0, &jerr);
    if( pModel==0 ) rc = err_set(err, "the exported model is not JSON: %s", jerr.text);
  }
  if( rc==0 ) rc = orgedit_json(pModel, zOp, args, err);
  if( rc==0 ){
    zNew = json_dumps(pModel, JSON_COMPACT);
    if( zNew==0 ) rc = err_set(err, "out of memory");
  }
  if( rc==0 ){
    /* Only a new organisation can be a gemeente that documents already
    ** in the archive name; the other changes load without relinking. */
    rc = strcmp(zOp, "organisation_add")==0
       ? orgedit_load(db, zNew, strlen(zNew), err)
       : org_load(db, zNew, strlen(zNew), 0, err);
  }
  free(zNew);
  json_decref(pModel);
  buf_release(&text);
  return rc;
}

int orgedit_load(sqlite3 *db, const char *zJson, size_t nJson, Err *err){
  int rc = org_load(db, zJson, nJson, 0, err);
  if( rc==0 ) rc = store_link_municipalities(db, 0, err);
  return rc;
}
