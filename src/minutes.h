/*
** minutes.h — the structure of Dutch meeting documents (verslag, notulen,
** besluitenlijst, actielijst, agenda) read from the document model: who
** attended, the agenda items, the decisions, the action items, the
** commitments (toezeggingen) and the adoption of earlier minutes.
**
** Recognition is lenient with layout and strict with meaning.  The same
** construct is found as a heading, a bold or numbered paragraph, a list
** item or a table ("Besluit:" paragraphs, a besluitenlijst that is one
** table, an actielijst whose columns come in any order); but a decision is
** recorded only where the text states one: "besluitvorming volgt in het
** BORA" is none, a "Voorstel:" or "Het BO wordt gevraagd ..." is a
** proposal, and an agenda takes no decisions at all.
**
** Everything points back into the document by block index: iBlock is the
** index in d->body (the archive maps blocks to passages), iRow the table
** row for what comes from a table (-1 otherwise), iItem the index in
** Minutes.item of the agenda item it belongs to (-1 when outside every
** item).  Each person appears once: "Voorzitter: Eva Schouten" and "E.
** Schouten (Amersfoort, voorzitter)" in the list are one attendee.
** Nothing here touches the archive: minutes_read is a pure function.
*/
#ifndef OVERLEG_MINUTES_H
#define OVERLEG_MINUTES_H

#include <stddef.h>
#include "doc.h"
#include "err.h"

typedef enum MinutesRole {
  MINUTES_PRESENT = 0,
  MINUTES_ABSENT,      /* Afwezig (met kennisgeving), Verhinderd, Afgemeld */
  MINUTES_CHAIR,       /* present, and chaired the meeting */
  MINUTES_TAKER,       /* present, and took the minutes (Notulist, Verslag) */
  MINUTES_GUEST        /* Gasten, Te gast */
} MinutesRole;

/* Bytes (with the NUL) kept of a body's name as written. */
#define MINUTES_BODY_BYTES 48

/* Strings are owned by the Minutes; "" (never NULL) when not written. */
typedef struct MinutesAttendee {
  MinutesRole role;
  char *zName;         /* as written without title: "J. de Vries", "Bakker" */
  char *zOrg;          /* "Leusden", "BRA", "Provincie Utrecht" */
  char *zFunction;     /* "wethouder", "burgemeester" */
  int iBlock, iRow;
} MinutesAttendee;

typedef struct MinutesItem {
  char *zNr;           /* "1", "3a", "3.1"; for unnumbered headings, list
                       ** items and table rows without a number: the
                       ** position among the items ("4"), bNrWritten=0 */
  int bNrWritten;
  char *zTitle;        /* "Opening en mededelingen"; may be "" */
  int iFirst, iEnd;    /* blocks [iFirst, iEnd) of d->body it covers */
  int iRow;            /* the row of an agenda or decision table, else -1 */
} MinutesItem;

/* A decision taken (Minutes.decision), or one proposed (Minutes.proposal:
** "Voorstel:", "Het BO wordt gevraagd ...", a memo's "Gevraagd besluit"). */
typedef struct MinutesDecision {
  char *zText;         /* without its label: "Het BO stemt in met ..."; the
                       ** details of nested list items appended */
  char *zLabel;        /* as written: "Besluit", "Conclusie", "Advies aan
                       ** het BORA", a table column "Besluit", or "" for a
                       ** sentence ("Besloten wordt ...") */
  int iItem, iBlock, iRow;
  /* The earlier decision it says it follows, when a date is stated: "het
  ** besluit van 12 maart 2024", "conform het besluit van het BORA van 3
  ** februari 2022", "conform besluit BO d.d. 12-03-2024", "(besluit BO
  ** Wonen 12 maart 2024)".  Read from its text, else from the title of its
  ** agenda item ("Uitvoering besluit BORA 3 februari 2022").  A date
  ** without a year is the most recent such day not after the document's
  ** date; a date not before it is no earlier decision and is left out. */
  char zRefDate[11];   /* YYYY-MM-DD, or "" when no reference */
  char zRefBody[MINUTES_BODY_BYTES];  /* the body named, as written without
                       ** article: "BORA", "BO Wonen", "BO", "AO"; "" when
                       ** none is named (the document's own body) */
  int bRefItem;        /* the reference is in the agenda item's title */
} MinutesDecision;

typedef struct MinutesAction {
  char *zNr, *zText, *zWho, *zDue, *zStatus;   /* as written */
  int iItem, iBlock, iRow;
} MinutesAction;

/* SQL: does action status s, as written, close the action?  Carried out
** ("Afgerond", "Gereed (zie verslag 3 april)", "uitgevoerd", "done") or
** dropped ("vervallen", "ingetrokken").  The status must start with the
** word, so "niet gereed" and "deels afgerond" do not; LIKE ignores ASCII
** case.  The import's "reported done in later minutes" and the registers'
** "done" both use it. */
#define MINUTES_STATUS_CLOSED(s) \
  "(" s " LIKE 'afgerond%' OR " s " LIKE 'gereed%' OR " s " LIKE 'klaar%'" \
  " OR " s " LIKE 'uitgevoerd%' OR " s " LIKE 'afgehandeld%' OR " s " LIKE 'afgedaan%'" \
  " OR " s " LIKE 'voltooid%' OR " s " LIKE 'vervallen%' OR " s " LIKE 'ingetrokken%'" \
  " OR " s " LIKE 'done%')"

typedef struct MinutesCommitment {
  char *zText;         /* the sentence, or the text after "Toezegging:" */
  char *zWho;          /* "wethouder Bakker (Soest)", "het BRA", or "" */
  int iItem, iBlock, iRow;
} MinutesCommitment;

/* "Het verslag van 12 maart 2025 wordt ongewijzigd vastgesteld." */
typedef struct MinutesAdoption {
  char zDate[11];      /* the adopted minutes' date, YYYY-MM-DD; a date
                       ** without a year takes the year of the document's
                       ** own date (the year before if that would put it
                       ** after the document); "" when not resolved */
  char *zDateText;     /* the date as written, or "" */
  int bChanged;        /* adopted with changes ("met inachtneming van") */
  char *zText;
  int iItem, iBlock, iRow;
} MinutesAdoption;

/* A growable array: a[0..n) in document order. */
#define MINUTES_LIST(T) struct { T *a; size_t n, cap; }

typedef struct Minutes {
  char zDate[11];      /* the document's own date (infer_document), or "" */
  char zAdopted[11];   /* this document says it was adopted on this day
                       ** ("Vastgesteld in de vergadering van ..."), or "" */
  int bAdopted;        /* ... or says so without a date */
  /* The BO meeting this document says it prepares (an AO's agenda, minutes
  ** or memo): "ter voorbereiding op het BO Wonen van 14 maart 2024",
  ** "Voorbereiding BO 14-3-2024", "voor het BO van 14 maart".  Only a BO
  ** (by "BO" or "Bestuurlijk Overleg") and only with a date on or after
  ** the document's own; a date without a year is the first such day on or
  ** after it, and then at most 122 days later.  The first statement wins. */
  char zPrepDate[11];  /* YYYY-MM-DD, or "" */
  char zPrepBody[MINUTES_BODY_BYTES];  /* "BO Wonen", "BO", as written
                       ** without article; "" when zPrepDate is "" */
  MINUTES_LIST(MinutesAttendee) att;
  MINUTES_LIST(MinutesItem) item;
  MINUTES_LIST(MinutesDecision) decision;
  MINUTES_LIST(MinutesDecision) proposal;
  MINUTES_LIST(MinutesAction) action;
  MINUTES_LIST(MinutesCommitment) commitment;
  MINUTES_LIST(MinutesAdoption) adoption;
} Minutes;

/* Most entries one list holds; a document past it (none real comes near)
** keeps the first ones. */
#define MINUTES_MAX 5000

/* Reads the structure of d into *m (overwritten; free with minutes_free).
** zKind is "verslag", "besluitenlijst", "actielijst", "agenda", or NULL (or
** "") when unknown.  An agenda, and any other kind ("memo", "brief"),
** prepares decisions and takes none: what reads as a decision there is
** recorded as a proposal, and adoptions and commitments are not read.
** Returns 0; -1 with err set only when d is NULL.  Never fails on content:
** a document with no recognised structure gives empty lists. */
int minutes_read(const Doc *d, const char *zKind, Minutes *m, Err *err);

/* Frees what *m owns and leaves it empty; accepts NULL. */
void minutes_free(Minutes *m);

const char *minutes_role_name(MinutesRole r);  /* "present", "absent", ... */

#endif
