/*
** catalog.h — reading the archive for the web pages and the JSON API:
** documents, meetings, bodies, topics, the audit log, as jansson objects
** that the API sends as they are and the pages hand to their templates.
** And the few edits staff make by hand (a document's metadata).
**
** Every function takes an archive connection; every json_t returned is new
** (the caller decrefs); NULL means "no such id".  Dates are ISO
** (YYYY-MM-DD); unknown values are JSON null.
*/
#ifndef OVERLEG_CATALOG_H
#define OVERLEG_CATALOG_H

#include <jansson.h>
#include <sqlite3.h>
#include "err.h"

/* A reference to a body, topic, meeting or document, as embedded in the
** objects below:
**   body     {id, name, full_name, kind}
**   topic    {id, name}
**   meeting  {id, date, location, bodies: [body]}
**   document {id, title, original_name, date, kind, status, format, size} */

/* {id, title, original_name, sha256, size, format, date, kind, status,
**  body, topic, meeting, imported_at, imported_by, metadata: {...},
**  municipalities: [name], version_of: document|null,
**  versions: [document] (the other versions, newest first),
**  meeting_documents: [document] (the other documents of its meeting),
**  passages: [{id, heading, text, ord}] (in order: the extracted text)} */
json_t *catalog_document(sqlite3 *db, long long id);

/* {id, date, location, bodies: [body], documents: [document],
**  prepared_by: [meeting] (the AO meetings that prepared this BO meeting),
**  prepares: [meeting] (the BO meetings this AO meeting prepared)} */
json_t *catalog_meeting(sqlite3 *db, long long id);

/* {id, name, full_name, kind, topic, prepares: body|null,
**  prepared_by: [body], members: [{person, organisation, role, from, to,
**  current: bool}], years: [{year, meetings: [meeting]}] (newest first)} */
json_t *catalog_body(sqlite3 *db, long long id);

/* {id, name, kind, agenda, from, to, bodies: [body] (its BO and AO),
**  participants: [{organisation, kind, from, to, current}],
**  portfolio_holders: [{person, organisation, from, to, current}],
**  years: [{year, documents: [document]}] (newest first)} */
json_t *catalog_topic(sqlite3 *db, long long id);

json_t *catalog_bodies(sqlite3 *db);     /* [body + topic] by kind, name */
json_t *catalog_topics(sqlite3 *db);     /* [topic + kind, from, to] by name */
/* Meetings newest first, optionally of one body (0: all) and in a period
** (NULL: open): {total, meetings: [meeting + document count "documents"]}. */
json_t *catalog_meetings(sqlite3 *db, long long iBody, const char *zFrom,
                         const char *zTo, int nLimit, int nOffset);
/* {documents, meetings, bodies, topics, originals_bytes, schema_version} */
json_t *catalog_stats(sqlite3 *db);
/* {total, entries: [{id, at, actor, action, object, detail}]} newest first. */
json_t *catalog_audit(sqlite3 *db, int nLimit, int nOffset);

/* Sets a document's body, topic (names as users write them: "BO Wonen"),
** date (YYYY-MM-DD), kind and status; a NULL argument leaves that field,
** "" clears it.  The document joins the meeting of its body and date
** (made when needed).  Writes an audit row for zActor.  Returns 0, or -1
** with err set ("unknown body ...", "not a date: ...") and nothing
** changed. */
int catalog_document_update(sqlite3 *db, long long id, const char *zBody,
                            const char *zTopic, const char *zDate,
                            const char *zKind, const char *zStatus,
                            const char *zActor, Err *err);

#endif
