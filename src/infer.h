/*
** infer.h — what a document is about, read from the document itself: the
** date of the meeting it belongs to, the body that met (BORA, ARG, BRA, or
** a BO or AO and its topic), the kind of document and a display title.
** The archive's import uses it when staff give no flags.
**
** The sources, most trusted first: a line that names the meeting ("Aan:",
** "Vergadering:"), the document's first heading, its title property, a
** "Datum:" line, the file name, a sentence about "de vergadering van ...",
** page headers and footers, the other properties, and last the date the
** file was created.  Each field takes the first source that states it.
** A "Datum:" line is skipped for memos and letters: it is the day they were
** written, not the day of the meeting they are for.  With no kind named
** anywhere, an attendance list ("Aanwezig:") makes a document minutes.
*/
#ifndef OVERLEG_INFER_H
#define OVERLEG_INFER_H

#include "doc.h"

typedef struct Inferred {
  char zDate[11];        /* meeting date YYYY-MM-DD, or "" */
  char zBodyKind[8];     /* "BORA", "ARG", "BRA", "BO", "AO", or "" */
  char zTopic[80];       /* for a BO or AO: the topic, else "" */
  char zKind[16];        /* agenda, verslag, besluitenlijst, actielijst, memo,
                         ** brief, presentatie, or "" */
  char zTitle[200];      /* title property, else first heading, else the file
                         ** name without directory and extension */
  const char *zDateSrc;  /* where the date came from (static text: "heading",
                         ** "file name", "created", ...), "" when no date */
} Inferred;

/* Fills *p from d and zFileName (a path or a bare name; either may be NULL).
** azTopic[0..nTopic) are the topic names the archive knows ("Wonen",
** "Sociaal Domein"); a known topic is returned spelled as in azTopic, an
** unknown one ("BO Cultuur en Erfgoed") as the document writes it.  Text is
** only read, nothing is allocated, and every field is NUL-terminated and
** truncated on a UTF-8 character boundary. */
void infer_document(const Doc *d, const char *zFileName,
                    const char *const *azTopic, int nTopic, Inferred *p);

/* The next character of *pz (before zEnd) folded to small ASCII: capitals
** and the accented letters of Latin-1 ("É" -> 'e'); any other byte as it
** is.  Advances *pz past what it read. */
int infer_fold_next(const char **pz, const char *zEnd);

/* Bytes in the word character at z (before zEnd): 1 for an ASCII letter
** or digit, 2-4 for a UTF-8 letter; 0 for anything else.  UTF-8
** punctuation (the lead bytes C2 and E2: no-break space, "–", "…",
** quotes) and "×", "÷" separate words. */
int infer_word_char(const char *z, const char *zEnd);

/* The first date written in z[0..n), as minutes write them: "12 maart
** 2025", "1e februari 2025", "12-3-2025", "2025-03-12", or without a year
** ("12 maart"), which takes the year of zDocDate (YYYY-MM-DD; NULL or "":
** none), the year before when that would put the date after zDocDate.
** Returns 1 when a date is written, and sets zIso to it, or to "" when it
** has no year to be had or names a day that does not exist; *piOff and
** *pnLen (either may be NULL) to where it is written in z.  0 when z
** names no date (zIso ""). */
int infer_find_date(const char *z, size_t n, const char *zDocDate, char zIso[11],
                    size_t *piOff, size_t *pnLen);

#endif
