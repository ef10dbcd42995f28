/*
** passage.h — a document cut into the units that search finds and shows:
** a heading with the paragraphs under it, a table, a note.  Each carries
** the path of headings above it ("Verslag > 3. Woningbouw").
*/
#ifndef OVERLEG_PASSAGE_H
#define OVERLEG_PASSAGE_H

#include "doc.h"

/* Past this many bytes a passage ends at the next paragraph boundary and
** the text goes on in a new passage under the same headings: snippets stay
** cheap and a hit points near its words. */
#define PASSAGE_SOFT_MAX 2000

/* PASSAGE_DECISION is never made by passages_build(): the import gives
** it to a passage that holds a decision the minutes reader recognised, so
** that search ranks it above plain text. */
typedef enum PassageKind {
  PASSAGE_TEXT, PASSAGE_TABLE, PASSAGE_NOTE, PASSAGE_DECISION
} PassageKind;

typedef struct Passage {
  PassageKind kind;
  char *zHeading;      /* heading path, " > "-joined; "" at the top */
  char *zText;
  size_t nText;
} Passage;

typedef struct PassageList { Passage *a; size_t n, cap; } PassageList;

/* Appends d's passages to out, in document order (notes last).  The
** caller frees them with passages_free(). */
void passages_build(const Doc *d, PassageList *out);

/* passages_build(), also telling where each body block went: aiBlock has
** d->body.n entries, and aiBlock[i] is the index (counted from the first
** passage this call appends) of the passage that holds block i: the one a
** paragraph or list item is appended to, a table's own, the next one for
** a heading; -1 when there is none (an empty block at the end, a heading
** with no text after it).  aiBlock may be NULL. */
void passages_build_map(const Doc *d, PassageList *out, int *aiBlock);
void passages_free(PassageList *l);   /* leaves l empty, reusable */
const char *passage_kind_name(PassageKind k);

#endif
