/*
** completeness.h — what is missing from the archive of meetings, so that
** staff see it before an auditor does: "overleg check --meetings", the
** page /volledigheid and GET /api/completeness.  Part of the store layer
** (it holds SQL).
**
** The rules (README.md, "Completeness"):
**   Minutes are the documents of kind verslag or besluitenlijst; a meeting
**   has minutes when one of them belongs to it.  Meetings dated today or
**   later are never findings: they have not been held yet.
**   meetings_without_minutes: meetings held before today without minutes.
**   concept_after_next: a verslag still concept whose meeting has a next
**     meeting of the same body (the verslag's body, else any body of its
**     meeting) held before today, and whose meeting has no verslag that
**     is vastgesteld (a later version adopted counts).
**   agendas_without_minutes: agendas of meetings held before today that
**     have no minutes.
**   gaps: for a body with at least 4 meeting dates before today (meetings
**     on one day count once), the usual interval is the median of the
**     days between its consecutive meeting dates; a gap is an interval
**     longer than twice that.  Only the intervals between
**     meetings count (not the time since the last one).
** The period (from, to) selects by the meeting's date: the verslag's or
** the agenda's meeting; a gap when it overlaps the period.
*/
#ifndef OVERLEG_COMPLETENESS_H
#define OVERLEG_COMPLETENESS_H

#include <jansson.h>
#include <sqlite3.h>
#include "buf.h"
#include "err.h"

#define COMPLETENESS_MIN_MEETINGS 4   /* meeting dates a body needs for a rhythm */
#define COMPLETENESS_GAP_FACTOR 2     /* a gap is longer than this times the usual */

/* The findings in the period zFrom..zTo (YYYY, YYYY-MM or YYYY-MM-DD:
** zFrom from the period's first day, zTo to its last; NULL or "": open),
** read in one snapshot.  A new object (the caller decrefs):
**   {from, to (ISO or null),
**    counts: {meetings_without_minutes, concept_after_next,
**             agendas_without_minutes, gaps, total},
**    meetings_without_minutes: [{id, date, location, bodies: [body],
**                                documents: [document]}],
**    concept_after_next: [{document, body (or null), meeting: {id, date},
**                          next_meeting: {id, date}}],
**    agendas_without_minutes: [{document, body (or null),
**                               meeting: {id, date, location}}],
**    gaps: [{body, usual_days, from: {id, date}, to: {id, date}, days}]}
** body {id, name, full_name, kind}; document {id, title, original_name,
** date, kind, status, format, size} (the shapes of catalog.h).  Newest
** meeting first; gaps by body name, then date.  usual_days is a number
** (a half when the median falls between two intervals).
** NULL with err set: "bad date \"2021-13\" for from (use 2021, 2021-03 or
** 2021-03-01)", or "database error: ...". */
json_t *completeness_report(sqlite3 *db, const char *zFrom, const char *zTo, Err *err);

/* Appends the report as text lines (bJson: as indented JSON) to out.
** Returns the number of findings (counts.total), or -1 with err set as
** completeness_report(). */
int completeness_print(sqlite3 *db, const char *zFrom, const char *zTo, int bJson,
                       Buf *out, Err *err);

#endif
