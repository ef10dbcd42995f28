/*
** catalog.h — reading the archive for the web pages and the JSON API:
** documents, meetings, bodies, topics, the audit log, as jansson objects
** that the API sends as they are and the pages hand to their templates.
** And the few edits staff make by hand (a document's metadata).
**
** Every function takes an archive connection; every json_t returned is new
** (the caller decrefs); NULL means "no such id" (or, rarely, a database
** error).  Keys are always present; unknown values are JSON null.  Dates
** are ISO (YYYY-MM-DD).  A function's reads see one snapshot of the
** archive.
*/
#ifndef OVERLEG_CATALOG_H
#define OVERLEG_CATALOG_H

#include <jansson.h>
#include <sqlite3.h>
#include "err.h"

#define CATALOG_LIMIT_MAX 100    /* entries per page at most; 20 when 0 is asked */
#define CATALOG_TOPIC_DOCS 100   /* documents catalog_topic() lists */

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
**  passages: [{id, heading, text, ord, kind}] (in order: the extracted
**  text; heading is the path of headings above, " > "-joined, "" at the
**  top; kind is text, table or note)} */
json_t *catalog_document(sqlite3 *db, long long id);

/* {id, date, location, bodies: [body], documents: [document],
**  prepared_by: [meeting] (the AO meetings that prepared this BO meeting),
**  prepares: [meeting] (the BO meetings this AO meeting prepared)}.
** An AO meeting prepares the first meeting of its BO on or after its
** date. */
json_t *catalog_meeting(sqlite3 *db, long long id);

/* {id, name, full_name, kind, topic, prepares: body|null,
**  prepared_by: [body], members: [{person, organisation, role, from, to,
**  current: bool}], years: [{year, meetings: [meeting]}] (newest first)}.
** "current": from <= today <= to, today in local time. */
json_t *catalog_body(sqlite3 *db, long long id);

/* {id, name, kind, agenda, from, to, document_count,
**  bodies: [body] (its BO and AO),
**  participants: [{organisation, kind, from, to, current}],
**  portfolio_holders: [{person, organisation, from, to, current}],
**  years: [{year, documents: [document]}] (newest first; the documents
**  without a date last, under year null)}.  years holds the newest
**  CATALOG_TOPIC_DOCS of the document_count documents: a topic gathers
**  thousands over the years, and search lists them all. */
json_t *catalog_topic(sqlite3 *db, long long id);

json_t *catalog_bodies(sqlite3 *db);     /* [body + topic] by kind, name */
json_t *catalog_topics(sqlite3 *db);     /* [topic + kind, from, to] by name */
/* Meetings newest first, optionally of one body (0: all; NULL when it
** does not exist) and in a period (NULL or "": open; periods as search
** takes them: 2021, 2021-03, 2021-03-01, so zTo "2021" is up to 31
** December; a value that is no period matches nothing — check it with
** query_period() to tell the user): {total, meetings: [meeting + document
** count "documents"]}.  nLimit <= 0 means 20, at most CATALOG_LIMIT_MAX. */
json_t *catalog_meetings(sqlite3 *db, long long iBody, const char *zFrom,
                         const char *zTo, int nLimit, int nOffset);
/* {documents, meetings, bodies, topics, originals_bytes, schema_version}.
** Cheap: the figures are kept per connection and counted again only
** after the archive changed. */
json_t *catalog_stats(sqlite3 *db);
/* Which rows of the audit log catalog_audit() lists; a NULL or "" field
** selects any.  zActor is matched whole, capitals aside (as account names
** are); zObject ("decision:12", "document:5", "meeting:3",
** "user:beheerder") exactly.  zAction names an
** action or the family of actions under it: a row matches when its
** action is zAction or begins with zAction and a dot or a space, the two
** ways actions are named ("decision" is "decision.add" and
** "decision.remove", "user" is "user add"; "decision.reference" is not
** "decision.reference_text").  zFrom and zTo are periods as search takes
** them (2021, 2021-03, 2021-03-01: from the first day of zFrom to the
** last of zTo), in UTC as the log's times are. */
typedef struct CatalogAuditFilter {
  const char *zActor, *zAction, *zObject, *zFrom, *zTo;
} CatalogAuditFilter;
/* The rows of f (NULL: every row), newest first:
** {total (the rows f selects), entries: [{id, at, actor, action, object,
** detail}]}; detail is text as written (JSON for "document.update").
** NULL with err set: "bad date \"2021-13\" for from (use 2021, 2021-03 or
** 2021-03-01)", or, internal, "database error: ...". */
/* The actions the log holds and the families they fall in, for the
** filter's suggestions: [{name}] sorted ("decision", "decision.add",
** ..., "user", "user add"); NULL on a database error. */
json_t *catalog_audit_actions(sqlite3 *db);
json_t *catalog_audit(sqlite3 *db, const CatalogAuditFilter *f, int nLimit, int nOffset,
                      Err *err);

/* Row to JSON, for the store-layer modules that answer with JSON: column
** i of st's current row (integers, reals and text as themselves; NULL and
** text that is not UTF-8 as null), and the whole row as an object keyed
** by the column names, where a name in azBool (NULL-ended; may be NULL) is
** a boolean and "a.b" is key b of the object a (null when a.id is NULL;
** the columns of one object adjacent, its id first). */
json_t *catalog_column(sqlite3_stmt *st, int i);
json_t *catalog_row(sqlite3_stmt *st, const char *const *azBool);
/* Every row of zSql, with iArg bound to ?1, as an array of catalog_row()
** objects; NULL on a database error.  catalog_rows_of: of st, bound by
** the caller (NULL: a statement that failed to prepare), finalized. */
json_t *catalog_rows(sqlite3 *db, const char *zSql, long long iArg, const char *const *azBool);
json_t *catalog_rows_of(sqlite3_stmt *st, const char *const *azBool);

/* SQL pieces for statements that answer in these shapes (catalog_row):
** the reference columns of table t under the object o; a dated row x
** (participation, portfolio, membership) valid on the day ?2, open ends
** NULL; "3a Titel", an agenda item (table ai; CATALOG_ITEM_LABEL: of any
** alias) as written, the title alone when its number is only its position,
** the position when it has no title. */
#define CATALOG_BODY_REF(t, o) t ".id AS \"" o ".id\", " t ".name AS \"" o ".name\", " \
  t ".full_name AS \"" o ".full_name\", " t ".kind AS \"" o ".kind\""
#define CATALOG_TOPIC_REF(t, o) t ".id AS \"" o ".id\", " t ".name AS \"" o ".name\""
#define CATALOG_DOC_REF(t, o) t ".id AS \"" o ".id\", " t ".title AS \"" o ".title\", " \
  t ".original_name AS \"" o ".original_name\", " t ".date AS \"" o ".date\", " \
  t ".kind AS \"" o ".kind\", " t ".status AS \"" o ".status\", " \
  t ".format AS \"" o ".format\", " t ".size AS \"" o ".size\""
#define CATALOG_VALID_ON " AND (x.valid_from IS NULL OR x.valid_from<=?2)" \
  " AND (x.valid_to IS NULL OR x.valid_to>=?2)"
#define CATALOG_ITEM_LABEL(ai) \
  "CASE WHEN " ai ".id IS NULL THEN NULL" \
  " WHEN " ai ".nr_written THEN trim(" ai ".nr || ' ' || " ai ".title)" \
  " WHEN " ai ".title<>'' THEN " ai ".title ELSE " ai ".nr END"
#define CATALOG_AGENDA_LABEL CATALOG_ITEM_LABEL("ai") " AS agenda_item"

/* The string at key zKey of object o; NULL when o is no object or the
** value no string. */
const char *catalog_str(const json_t *o, const char *zKey);

/* Sets a document's body, topic (names as users write them: "BO Wonen",
** "Bestuurlijk Overleg Wonen"), date (YYYY-MM-DD), kind (agenda, verslag,
** besluitenlijst, actielijst, memo, brief, presentatie, other) and status
** (concept, vastgesteld: minutes only, i.e. verslag, besluitenlijst,
** actielijst); a NULL argument leaves that field, "" clears it.  The
** document of a BO or AO is about that body's topic.  Minutes that become
** another kind lose their status.  The document joins the meeting of its
** body and date (made when needed; without both it has none), and a
** meeting left without documents is removed.  In one transaction of its
** own (not inside the caller's), with an audit row for zActor (action
** "document.update", object "document:ID", detail the changes as JSON:
** {"date": ["2024-03-12", "2024-03-19"], "meeting": [4, 9]}); nothing is
** written when nothing changes.  Returns 0, or -1 with err set ("no
** document 12", "unknown body \"BO Woonen\"", "bad date \"2023-02-30\":
** use YYYY-MM-DD") and nothing changed. */
int catalog_document_update(sqlite3 *db, long long id, const char *zBody,
                            const char *zTopic, const char *zDate,
                            const char *zKind, const char *zStatus,
                            const char *zActor, Err *err);

#endif
