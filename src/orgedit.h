/*
** orgedit.h — one change at a time to the organisation model, as the
** admin pages make them (add an organisation, remove a membership, ...).
**
** A change is made to the model's JSON, never to the tables: the model is
** exported (org_export), the one entry is appended or removed, and the
** whole is loaded back (org_load).  So org_load's validation is the only
** validation, and a change is applied entirely or not at all.  The caller
** serialises changes (the server's write lock): between the export and the
** load nothing else may write the model.
*/
#ifndef OVERLEG_ORGEDIT_H
#define OVERLEG_ORGEDIT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include "err.h"

/* The changes, and the argument names each takes (NULL-terminated; the
** first one names the topic or body of a list inside one, or is the
** entry's first field):
**   organisation_add       name kind
**   person_add             name organisation function
**   topic_add              name kind agenda from to
**   body_add               name full_name kind topic prepares
**   participation_add/remove  topic organisation from to
**   portfolio_add/remove      topic person organisation from to
**   membership_add/remove     body person organisation role from to
** Returns NULL for an unknown change. */
const char *const *orgedit_args(const char *zOp);

/* Makes change zOp to the model pModel (org_export's shape) in place.
** args is an object of the change's arguments: an absent one is left out
** of the entry (null, or the field's default); null is written as null
** (for "organisation" of a person: the person who has none).  An add
** appends the entry; a remove deletes the first entry whose fields all
** equal the arguments (absent counting as null).  Returns 0, or -1 with
** err set ("unknown topic ...", "no such membership ...") and pModel
** unchanged. */
int orgedit_json(json_t *pModel, const char *zOp, json_t *args, Err *err);

/* Exports the archive's model, makes change zOp (orgedit_json) and loads
** the result (orgedit_load).  Returns 0, or -1 with err set and the
** archive unchanged. */
int orgedit_apply(sqlite3 *db, const char *zOp, json_t *args, Err *err);

/* Loads a whole model (org_load) and links the documents already in the
** archive to gemeenten that are new, as "overleg org load" does.  Returns
** 0, or -1 with err set: org_load's message, naming the place in the file. */
int orgedit_load(sqlite3 *db, const char *zJson, size_t nJson, Err *err);

#endif
