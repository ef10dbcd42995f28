/*
** links.h — references between meetings that documents state, resolved in
** the archive while the import stores them (issue 6, "link what belongs
** together"):
**
**   - a decision that follows an earlier one ("conform het besluit van het
**     BORA van 3 februari 2022"; minutes.h MinutesDecision.zRefDate) gets
**     decision.refers_to: the decision taken by that body on that date
**     that shares the most words with it (ties: the first in document
**     order).  The written date and body are kept (refers_date,
**     refers_body), so that a reference made before the earlier minutes
**     are stored is resolved when they come.
**   - an AO document that names the BO meeting it prepares ("ter
**     voorbereiding op het BO Wonen van 14 maart 2024"; Minutes.zPrepDate)
**     links its meeting to that BO meeting (meeting_prepares, how
**     'reference'), which replaces the AO meeting's 'next' link (the rule
**     of import_link_meetings).  Kept as document.prepares_date and
**     prepares_body for a BO meeting stored later.
**
** What staff set by hand (decision.refers_by, meeting.prepares_by;
** correct.h) is never changed here.
**
** A body as written resolves to the archive's body of that name or full
** name ("BORA", "BO Wonen", "Bestuurlijk Overleg Wonen"); a bare "BO" or
** "AO" is the document's own body when it is of that kind, else the body
** of that kind of the document's topic (for an AO's "BO": the BO it
** prepares).  What does not resolve stays unresolved: nothing is guessed.
**
** The statements are prepared once (links_open) and run inside the
** import's transaction; a document with no reference costs two indexed
** look-ups.
*/
#ifndef OVERLEG_LINKS_H
#define OVERLEG_LINKS_H

#include <sqlite3.h>
#include "err.h"
#include "minutes.h"

typedef struct Links {
  sqlite3 *db;
  sqlite3_stmt *stSetRef, *stBodyName, *stBodyKindTopic, *stBodyInfo, *stCandidates,
               *stSetRefersTo, *stWaiting, *stSetPrep, *stBoMeeting, *stDelNext,
               *stLink, *stPrepWaiting, *stOne, *stPrepOf;
} Links;

/* Prepares the statements on db (the archive, schema version 8 or later).
** Returns 0, or -1 with err set (*l is then closed). */
int links_open(Links *l, sqlite3 *db, Err *err);

/* Finalises the statements; accepts a Links zeroed or closed. */
void links_close(Links *l);

/* Called for each document the import stores, after its decisions are
** inserted (rows of decision with seq as insert_minutes numbers them: the
** decisions, then the proposals), inside its savepoint.  iDoc the
** document; iBody, iMeeting its body and meeting (0 when none); zDate its
** meeting date (NULL or "" when none); m what minutes_read found, or NULL
** for a document that was not read as minutes.
**
**   1. stores and resolves the references of m's decisions;
**   2. resolves the references of earlier-stored documents that wait for
**      the decisions of iBody on zDate (when m has decisions);
**   3. stores m's statement of the BO meeting it prepares and, for an AO
**      document, links iMeeting to that BO meeting;
**   4. links the AO meetings whose documents wait for this BO meeting.
**
** Returns 0, or -1 with err set on a database error. */
int links_document(Links *l, long long iDoc, long long iBody, long long iMeeting,
                   const char *zDate, const Minutes *m, Err *err);

/* Links AO meeting iMeeting again to the BO meetings its documents say
** it prepares, as step 3 does (nothing when staff set its link): for
** staff's "back to what the documents say".  0, or -1 with err set. */
int links_meeting(Links *l, long long iMeeting, Err *err);

/* Resolves the stored reference of decision iDecision again, as step 1
** does (nothing when it states none or staff set its reference): for
** staff's "back to what the text says".  0, or -1 with err set. */
int links_decision(Links *l, long long iDecision, Err *err);

#endif
