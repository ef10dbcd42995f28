/*
** timeline.h — accountability per topic: the topic's meetings in date
** order (AO, BO, BORA) with what they decided, the actions and their
** state, the documents that are the evidence, and who was responsible
** *then*: the BORA portfolio holder(s), the BO chair and the participating
** organisations as the dated rows of portfolio, membership and
** participation stood on each meeting's date.  For "overleg topic",
** GET /api/topics/ID/timeline (JSON and CSV) and /onderwerp/ID/tijdlijn.
**
** Which meetings: every meeting of a body of the topic (its BO and AO:
** body.topic_id), and every BORA meeting that has a document about the
** topic (document.topic_id).  Of a meeting, the documents listed are
** those about the topic or about no topic (a regiomiddag's documents of
** another BO are left out); its decisions and actions are those of these
** documents.
*/
#ifndef OVERLEG_TIMELINE_H
#define OVERLEG_TIMELINE_H

#include <jansson.h>
#include <sqlite3.h>
#include "buf.h"
#include "err.h"

/* The timeline of topic iTopic, its meetings in the period zFrom..zTo
** (NULL or "": open; periods as search takes them: 2021, 2021-03,
** 2021-03-01, zFrom from the first day, zTo to the last):
**   {topic: {id, name}, from, to (ISO or null), entries: [{
**     meeting_id, date, kind ("AO", "BO", "BORA"),
**     body {id, name, full_name, kind},
**     prepared_by: [{id, date}] (AO meetings preparing this one),
**     prepares: [{id, date}] (BO meetings this one prepared),
**     portfolio_holders: [{id, name, organisation}],
**     chairs: [{id, name, organisation}] (of the topic's BO),
**     participants: [name] (organisations, by name),
**     documents: [{id, title, original_name, kind, status, date}],
**     decisions: [{id, text, label, agenda_item, passage_id, document_id,
**       ratification: {needed (bool), required, adopted, rejected
**       (counts), open: [name]} (ratify.h's ratify_summary())}],
**     actions: [{id, nr, text, who, due, due_date, status, done (bool),
**       done_in ({id, original_name, date} or null), overdue (bool),
**       passage_id, document_id}]}]}
** entries by date, then meeting id; decisions and actions in document
** order; decisions staff removed and proposals are left out.  An action
** is done as in register.h; overdue when not done and due_date is
** before today (local time).  Returns NULL with err set: "no topic 12",
** "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)",
** "database error: ...".  One snapshot of the archive. */
json_t *timeline_topic(sqlite3 *db, long long iTopic, const char *zFrom, const char *zTo,
                       Err *err);

/* Appends t (timeline_topic()'s object) as CSV (RFC 4180: CRLF line
** ends, fields with a comma, quote, CR or LF quoted, quotes doubled;
** UTF-8 as stored), a header line, then one row per decision and per
** action: date, body, kind, entry (decision, action), nr, text, who,
** due, status (open, overdue, done — then the status as written),
** portfolio_holders, chairs, participants ("; "-joined), document
** (original_name), document_id, passage_id, and for decisions
** ratification ("needed", "not needed"), ratified ("adopted/required"
** when needed) and ratification_open (the open municipalities, "; "-
** joined).  Returns the number of rows
** after the header. */
int timeline_csv(json_t *t, Buf *out);

#endif
