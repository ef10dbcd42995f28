/*
** register.h — the decision register and the action list: what the
** minutes decided and who was to do what (the tables minutes recognition
** fills, schema version 3), read with the filters of search and its query
** language, for "overleg decisions", "overleg actions", /api/decisions,
** /api/actions and the pages /besluiten and /acties.
**
** Every json_t returned is new (the caller decrefs).  Keys are always
** present; unknown values are JSON null; dates are ISO (YYYY-MM-DD).
** References have the shapes of catalog.h:
**   body {id, name, full_name, kind}, topic {id, name},
**   document {id, title, original_name, date, kind, status, format, size}.
** Each call reads one snapshot of the archive.
*/
#ifndef OVERLEG_REGISTER_H
#define OVERLEG_REGISTER_H

#include <jansson.h>
#include <sqlite3.h>
#include "minutes.h"
#include "err.h"

#define REGISTER_LIMIT_DEFAULT 50   /* entries per page when 0 is asked */
#define REGISTER_LIMIT_MAX 1000     /* entries per page at most */

/* What to list.  Names as users write them ("BO Wonen", "bestuurlijk
** overleg wonen"; a body's kind, "BO", is every BO); periods as search
** takes them (2021, 2021-03, 2021-03-01: zFrom from the period's first
** day, zTo to its last).  The query's own filters (orgaan:, onderwerp:,
** soort:, gemeente:, datum:) apply too: values of one key are
** alternatives, keys combine with AND. */
typedef struct RegisterFilter {
  const char *zQuery;      /* the query language, matched against each
                           ** entry's passage; NULL or "": every entry */
  const char *zBody, *zTopic;   /* of the source document; NULL: any */
  const char *zFrom, *zTo;      /* the source document's date; NULL: open */
  int bProposals;          /* decisions: the proposals instead of those taken */
  int bOpen;               /* actions: only those not done */
  int nLimit;              /* 0: REGISTER_LIMIT_DEFAULT; at most REGISTER_LIMIT_MAX */
  int nOffset;
} RegisterFilter;

/* The decisions f selects, newest first (then in document order); a
** decision staff removed is never listed:
**   {total, decisions: [{id, text, label, date, body, topic, agenda_item
**    ("3a Titel", or null), original_name, document, passage_id,
**    meeting_id, proposed (bool), refers_to (a decision id or null)}]}
** label is as written ("Besluit", "Conclusie", "" for a sentence).
** Returns NULL with err set to a message for the user: "unknown body
** \"BO Woonen\" (did you mean \"BO Wonen\"?)", "unclosed quote at position
** 12", "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)";
** or, when the archive cannot be read, "database error: ...". */
json_t *register_decisions(sqlite3 *db, const RegisterFilter *f, Err *err);

/* The action items f selects, newest first (then in document order):
**   {total, actions: [{id, nr, text, who, due, due_date, status, done
**    (bool), done_in (document, or null), overdue (bool), date, body,
**    topic, agenda_item, original_name, document, passage_id,
**    meeting_id}]}
** nr, who, due and status are as written ("" when not); due_date is ISO
** when the text gives a date.  An action is done when later minutes
** report it done (done_in) or its status says so (afgerond, gereed,
** klaar, uitgevoerd, afgehandeld, vervallen ...); overdue when not done
** and its due_date is before today (local time).  Errors as
** register_decisions(). */
json_t *register_actions(sqlite3 *db, const RegisterFilter *f, Err *err);

/* SQL: is action item "x" done?  Later minutes report it done, or its
** status says finished or dropped (MINUTES_STATUS_CLOSED). */
#define REGISTER_ACTION_DONE \
  "(x.done_in IS NOT NULL OR " MINUTES_STATUS_CLOSED("x.status") ")"

#endif
