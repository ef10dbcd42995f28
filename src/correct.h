/*
** correct.h — staff corrections of what the minutes reader recognised
** (issue 6): a decision it missed, one it should not have seen, the
** earlier decision one follows, the BO meeting an AO meeting prepares, an
** attendee matched to the wrong person or to none; and the review list of
** attendee names that matched no person of the organisation.
**
** A correction is kept apart from the recognised value (decision.source
** 'staff', decision.removed, decision.refers_by, meeting.prepares_by,
** attendance.person_by),
** so that reading the document again (import_reread) keeps it.  Each write runs in a
** transaction of its own with its audit row (actor the account's name);
** the server calls them under its write lock.  Every json_t returned is
** new (the caller decrefs).
**
** Writes return CORRECT_OK, or with err set to one line for the user:
** CORRECT_REFUSED (bad input: "the text is empty", "passage 12 is not a
** passage of document 3", "no person 99"), CORRECT_NOT_FOUND ("no
** document 12", "no decision 7 in document 3"), CORRECT_FAILED
** ("database error: ...").
*/
#ifndef OVERLEG_CORRECT_H
#define OVERLEG_CORRECT_H

#include <jansson.h>
#include <sqlite3.h>
#include "err.h"

#define CORRECT_TEXT_MAX 4000     /* bytes of a decision staff add */
#define CORRECT_GROUPS_MAX 1000   /* name groups of the review list */
#define CORRECT_CHOICES_MAX 12    /* meetings or decisions offered to choose from */

typedef enum CorrectRc {
  CORRECT_OK = 0, CORRECT_REFUSED = -1, CORRECT_NOT_FOUND = -2, CORRECT_FAILED = -3
} CorrectRc;

/* What was recognised in document iDoc, for its page: {agenda_items:
** [{id, nr, title, label}], attendees: [{id, role, name, organisation,
** function, person: {id, name, organisation}|null, person_by}],
** decisions: [{id, seq, text, label, proposed, source, removed,
** agenda_item, passage_id}], actions: [{id, nr, text, who, due, status,
** agenda_item, passage_id}], commitments: [{id, text, who, agenda_item,
** passage_id}], passages: [{id, label}] (heading and first words)}; NULL
** when there is no such document. */
json_t *correct_document(sqlite3 *db, long long iDoc);
/* Every person of the organisation: [{id, name, organisation}] by
** organisation, then name. */
json_t *correct_persons(sqlite3 *db);
/* One decision as the API shows it: {id, document_id, seq, text, label,
** proposed, source, removed, agenda_item_id, passage_id}; NULL: none. */
json_t *correct_decision_json(sqlite3 *db, long long iDecision);
/* One attendance row: {id, document_id, role, name, organisation,
** function, person_id, person_by}; NULL: none. */
json_t *correct_attendance_json(sqlite3 *db, long long iAttendance);

/* Adds a decision staff found in document iDoc: zText (trimmed; 1 to
** CORRECT_TEXT_MAX bytes), on passage iPassage and agenda item iItem of
** that document (0: none), taken (bProposed 0) or proposed; source
** 'staff', seq after the document's last.  *piNew gets its id.  Audit:
** "decision.add", object "decision:ID". */
CorrectRc correct_decision_add(sqlite3 *db, long long iDoc, const char *zText,
                               long long iPassage, long long iItem, int bProposed,
                               const char *zActor, long long *piNew, Err *err);
/* Marks decision iDecision "not a decision" (bRemoved 1) or a decision
** again (0).  iDoc, when not 0, is the document it must belong to.
** Audit: "decision.remove" / "decision.restore" (only when it changes). */
CorrectRc correct_decision_removed(sqlite3 *db, long long iDoc, long long iDecision,
                                   int bRemoved, const char *zActor, Err *err);
/* Deletes a decision staff added (a recognised one is marked removed
** instead: refused).  Audit: "decision.delete", detail its text. */
CorrectRc correct_decision_delete(sqlite3 *db, long long iDoc, long long iDecision,
                                  const char *zActor, Err *err);

/* Sets which earlier decision iDecision follows (decision.refers_to),
** as staff know it: iTo a decision taken on the same day or before, 0
** none (the text's reference was wrong), or CORRECT_REF_TEXT: back to
** what the text states (links.h resolves it again).  refers_by gets
** zActor (NULL for CORRECT_REF_TEXT), so that the recognition and reading
** again leave it.  Audit: "decision.reference" / "decision.reference_text",
** detail {"refers_to": [old, new]}. */
#define CORRECT_REF_TEXT (-1)
CorrectRc correct_decision_reference(sqlite3 *db, long long iDecision, long long iTo,
                                     const char *zActor, Err *err);
/* The decisions taken on the date decision iDecision's text names
** (decision.refers_date), in other documents, for staff to choose from:
** [{id, text, date, body}], at most CORRECT_CHOICES_MAX, [] when it names
** none; NULL on a database error. */
json_t *correct_reference_choices(sqlite3 *db, long long iDecision);

/* Which BO meeting AO meeting iAo prepares (meeting_prepares), as staff
** know it: iBo a meeting of the BO that the meeting's AO prepares, on or
** after its date (how 'staff'); 0 none; or CORRECT_REF_TEXT: back to what
** its documents say and the rule (the first BO meeting after it; links.h,
** import_link_meetings).  meeting.prepares_by gets zActor (NULL back),
** so that the rule and the documents leave it.  Refused for a meeting of
** no AO that prepares a BO.  Audit: "meeting.prepares" /
** "meeting.prepares_auto", detail {"prepares": ["12", "15"]} (old and
** new, ids comma-separated). */
CorrectRc correct_meeting_prepares(sqlite3 *db, long long iAo, long long iBo,
                                   const char *zActor, Err *err);
/* The BO meetings staff may choose for AO meeting iMeeting: {bo: the BO's
** id, choices: [{id, date, body (its name), selected}]}, those it prepares now and the
** first CORRECT_CHOICES_MAX of the BO on or after its date; NULL when it
** is no meeting of an AO that prepares a BO. */
json_t *correct_meeting_choices(sqlite3 *db, long long iMeeting);

/* Sets the person of attendance row iAttendance to iPerson (a person of
** the organisation; 0: nobody), person_by zActor.  iDoc as above.
** Audit: "attendance.person", detail {"person": [old, new]}. */
CorrectRc correct_attendance_person(sqlite3 *db, long long iDoc, long long iAttendance,
                                    long long iPerson, const char *zActor, Err *err);

/* The review list: attendance rows that matched no person and that staff
** did not settle (person_by NULL), grouped by name and organisation as
** written: {total, groups: [{name, organisation, count, first: document,
** last: document}]} (document {id, title, original_name, date}), most
** rows first, at most CORRECT_GROUPS_MAX; NULL with err set on a
** database error. */
json_t *correct_unmatched(sqlite3 *db, Err *err);
/* Matches every row of the review list's group (zName, zOrg) to iPerson
** (0: nobody, which takes the group off the list), person_by zActor;
** *pnRows (may be NULL) gets how many.  Refused when the group has no
** rows.  Audit: "attendance.person_group", object "person:ID". */
CorrectRc correct_unmatched_match(sqlite3 *db, const char *zName, const char *zOrg,
                                  long long iPerson, const char *zActor, long *pnRows,
                                  Err *err);

#endif
