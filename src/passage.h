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

typedef enum PassageKind { PASSAGE_TEXT, PASSAGE_TABLE, PASSAGE_NOTE } PassageKind;

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
void passages_free(PassageList *l);   /* leaves l empty, reusable */
const char *passage_kind_name(PassageKind k);

#endif
