/*
** pages_correct.h — staff corrections on the web (pages_correct.c): the
** forms of the document page's section "Herkend in dit document", the
** review page of unmatched names (/controle/namen), and their API.
*/
#ifndef OVERLEG_PAGES_CORRECT_H
#define OVERLEG_PAGES_CORRECT_H

#include <jansson.h>
#include "http.h"

/* POST /document/ID/besluiten[/DID/...], /document/ID/aanwezigen/AID/persoon,
** /vergadering/ID/voorbereiding, GET and POST /controle/namen, POST
** /api/documents/ID/decisions, /api/decisions/ID/removed,
** /api/attendance/ID/person, /api/meetings/ID/prepares, GET and POST
** /api/attendance/unmatched. */
extern const HttpRoute correct_routes[];

/* pages.c: replies with the page of document iDoc (404 when there is
** none) with status, the message zNotice (a message key, or NULL) or the
** refusal zError (NULL: none), and pForm (stolen; NULL: none): the values
** of the form "Besluit toevoegen" to show again (text, passage,
** agenda_item, proposed). */
void pages_document_reply(HttpReq *r, int status, long long iDoc, const char *zNotice,
                          const char *zError, json_t *pForm);

/* pages.c: replies with the page of meeting iMeeting (404 when there is
** none) with status, the message zNotice (a message key, or NULL) or the
** refusal zError (NULL: none). */
void pages_meeting_reply(HttpReq *r, int status, long long iMeeting, const char *zNotice,
                         const char *zError);

/* For staff, on the page of an AO meeting that prepares a BO: ctx's
** "prep_form" {action, options: [{value, label, selected}]}, the choice
** of the BO meeting it prepares (auto, none, or one of the BO's). */
void pages_prepares_form(HttpReq *r, json_t *ctx, long long iMeeting);

/* The context of the section "Herkend in dit document" from rec,
** correct_document()'s object (stolen), for document iDoc; aPerson
** (correct_persons(), stolen; NULL for a reader) gives the staff's forms.
** pForm (borrowed; may be NULL) as above. */
json_t *pages_recognised_ctx(json_t *rec, json_t *aPerson, long long iDoc,
                             const json_t *pForm, const char *zLang);

/* The option groups of a person select from aPerson (correct_persons(),
** borrowed): [{label, options: [{id, label, selected}]}], the persons of
** organisation zOrg (as an attendee's is written; "gemeente Soest" is
** Soest) first when it has any, then all; iSelected (0: none) marked. */
json_t *pages_person_groups(const json_t *aPerson, const char *zOrg, long long iSelected,
                            const char *zLang);

#endif
