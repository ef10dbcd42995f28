/*
** ratify.h — ratification per municipality (issue 6): Regio Amersfoort is
** a covenant, so a BO or BORA decision takes effect only when every
** participating municipality's college or council adopts an identical
** decision.  Which decisions need that, which municipalities (as
** participation stood on the decision's date), and what staff recorded
** for each: adopted or rejected, when, by which document.  For "overleg
** ratification", "overleg ratify", /besluit/ID, /bekrachtiging, the API
** and the topic timeline.
**
** Which decisions (RATIFY_RULE below, the one place the rule lives):
** decision.ratify when staff set it (0 or 1); otherwise a decision taken
** (not a proposal, not removed) in a document of a BO or the BORA, unless
** its text is procedural or commits nobody yet: taking note ("neemt
** kennis van", "kennis te nemen van"), postponing ("... aan te houden"),
** asking the bureau to work something out ("... verder uit te werken"),
** adopting minutes ("het verslag ... wordt vastgesteld", notulen,
** besluitenlijst van ...) or the agenda ("stemt in met de agenda", "de
** agenda wordt vastgesteld").
**
** Which municipalities: on the decision's date (its source document's
** date; today when it has none), for a BORA decision the gemeenten of the
** BORA's members (lid or voorzitter, membership valid then), or when
** there are none every gemeente taking part in any topic then; for any
** other decision the gemeenten taking part in its topic (the body's
** topic, else the document's) then, or the BORA's when there is no topic.
** Valid on a date: valid_from <= date <= valid_to, NULL being open.
**
** JSON as register.h: keys always present, unknown values null, dates
** ISO, references {id, name, ...} and document {id, title,
** original_name, date, kind, status, format, size}.  Every json_t
** returned is new (the caller decrefs).
*/
#ifndef OVERLEG_RATIFY_H
#define OVERLEG_RATIFY_H
#include <jansson.h>
#include <sqlite3.h>
#include "err.h"

/* SQL: does decision x (of document d, whose body is b, LEFT JOINed)
** need ratification by the rule, leaving staff's decision.ratify aside?
** RATIFY_NEEDED adds that: staff's value wins. */
#define RATIFY_RULE \
  "(x.proposed=0 AND x.removed=0 AND b.kind IN ('BO','BORA')" \
  " AND NOT EXISTS (SELECT 1 FROM (VALUES ('%kennis van%'), ('%kennis te nemen%')," \
  " ('%aan te houden%'), ('%verder uit te werken%'), ('%verslag%vast%'), ('%notulen%vast%')," \
  " ('%besluitenlijst van%vast%'), ('%met de agenda'), ('%met de agenda.')," \
  " ('%de agenda vast%'), ('%de agenda wordt%vastgesteld%')) p WHERE x.text LIKE p.column1))"
#define RATIFY_NEEDED "coalesce(x.ratify, " RATIFY_RULE ")"

#define RATIFY_NOTE_MAX 2000        /* bytes of a note at most */
#define RATIFY_LIMIT_DEFAULT 100    /* matrix rows per page when 0 is asked */
#define RATIFY_LIMIT_MAX 1000

/* Prepared statements on one connection, for many decisions in a row
** (the timeline, the matrix). */
typedef struct Ratify Ratify;
Ratify *ratify_open(sqlite3 *db, Err *err);     /* NULL with err set */
void ratify_close(Ratify *p);                   /* NULL: nothing */

/* The ratification of decision iDecision:
**   {needed (bool), reason ("staff" when decision.ratify is set, else
**    "rule"), rule (bool: what the rule says), ratify (staff's value:
**    true, false or null),
**    municipalities: [{organisation {id, name}, required (bool), status
**     ("adopted", "rejected", "open"), date, document (or null), note,
**     recorded_at, recorded_by, overdue (bool: required, open, and the
**     decision more than 6 months old)}] (the required ones by name, then
**     any others staff recorded before participation changed),
**    totals {needed, adopted, rejected, open} (of the required ones)}.
** A decision that needs none has no required municipality.  NULL with
** err set: "no decision 12", "database error: ...". */
json_t *ratify_status(Ratify *p, long long iDecision, Err *err);
/* The short form for the timeline: {needed (bool), required, adopted,
** rejected (counts), open: [name]}.  NULL with err set. */
json_t *ratify_summary(Ratify *p, long long iDecision, Err *err);

/* One decision with its ratification:
**   {id, text, label, date, body, topic, agenda_item, original_name,
**    document, passage_id, meeting_id, proposed (bool), removed (bool),
**    source, refers_to ({id, text, date} or null), ratification: as
**    ratify_status()}.
** NULL with err set: "no decision 12", "database error: ...". */
json_t *ratify_decision(sqlite3 *db, long long iDecision, Err *err);

/* Which decisions the matrix shows: those needing ratification, of a
** topic and body (names as users write them; a body's kind, "BO", is
** every BO), in a period (2021, 2021-03, 2021-03-01), and with bOpen only
** those with a required municipality still open. */
typedef struct RatifyFilter {
  const char *zTopic, *zBody, *zFrom, *zTo;     /* NULL or "": any */
  int bOpen;
  int nLimit;          /* 0: RATIFY_LIMIT_DEFAULT; at most RATIFY_LIMIT_MAX */
  int nOffset;
} RatifyFilter;
/* The matrix, newest decision first:
**   {total (decisions), from, to (ISO days or null),
**    municipalities: [{id, name}] (the columns: every organisation in a
**     row of this page, by name),
**    decisions: [{id, text, label, date, body, topic, agenda_item,
**     document, passage_id, ratification: as ratify_status(),
**     cells: [{status ("adopted", "rejected", "open", "not_required"),
**      date, document_id, overdue}] (one per column)}],
**    totals {needed, adopted, rejected, open} (over the page's rows)}.
** NULL with err set: "unknown topic \"Woonen\" (did you mean ...)", "bad
** date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)", "database
** error: ...". */
json_t *ratify_matrix(sqlite3 *db, const RatifyFilter *f, Err *err);

/* Records municipality zOrg's (a name, capitals aside, or an id)
** ratification of decision iDecision: zStatus "adopted" or "rejected" on
** zDate (YYYY-MM-DD, not in the future, not before the decision's date),
** by document iDoc (0: none; must exist) with zNote (NULL: ""); or
** "open", which deletes what was recorded (zDate, iDoc, zNote unused).
** The municipality must be required for the decision ("open" also clears
** one no longer required).  In one transaction of its own, with an audit
** row (action "ratification.record", object "decision:ID", detail JSON
** {organisation, status, date, document, note, was}).  Returns 0, or
** with err set and nothing changed: 400 (bad status, date or note), 404
** (no such decision), 422 (unknown municipality, not required, date in
** the future or before the decision, unknown document), 500 (database
** error). */
int ratify_record(sqlite3 *db, long long iDecision, const char *zOrg, const char *zStatus,
                  const char *zDate, long long iDoc, const char *zNote, const char *zActor,
                  Err *err);
/* The checks of ratify_record() without a document and without writing
** (in a transaction rolled back): whether a record would be accepted
** before its document is stored.  Returns as ratify_record(). */
int ratify_check(sqlite3 *db, long long iDecision, const char *zOrg, const char *zStatus,
                 const char *zDate, const char *zNote, Err *err);
/* Sets decision.ratify: iRatify 1 needed, 0 not needed, -1 NULL (the
** rule decides), with an audit row (action "ratification.needed",
** detail {"ratify": [old, new]}) when it changes.  Returns 0, or 404 (no
** such decision) or 500 with err set. */
int ratify_set_needed(sqlite3 *db, long long iDecision, int iRatify, const char *zActor,
                      Err *err);
#endif
