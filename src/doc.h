/*
** doc.h — the document model every reader fills and every later stage reads.
**
** A Doc is metadata plus four ordered lists of typed blocks: the running
** text (body), the footnotes and endnotes in citation order (notes), the
** comments (kept apart from the running text) and the page headers and
** footers (margins).  Text is UTF-8 with inline spacing exactly as the
** document shows it: runs of spaces, tabs ('\t') and line breaks ('\n').
**
** Readers do not build blocks by hand: they drive a DocBuilder with events
** (paragraph begin/end, text, table/row/cell, note, comment, margin, box),
** and the builder keeps the nesting, the size limit on text and the order.
** A Doc owns everything it points to; doc_free() releases it all.
*/
#ifndef OVERLEG_DOC_H
#define OVERLEG_DOC_H

#include <stddef.h>
#include "bounds.h"
#include "buf.h"
#include "err.h"

typedef enum BlockKind {
  BLOCK_PARAGRAPH = 0,
  BLOCK_HEADING,      /* level = outline level, 1 = top */
  BLOCK_LIST_ITEM,    /* level = list nesting, 1 = outermost */
  BLOCK_TABLE,        /* rows of cells; each cell holds blocks */
  BLOCK_FOOTNOTE,     /* mark = citation; children = its paragraphs */
  BLOCK_ENDNOTE,
  BLOCK_COMMENT,      /* author, date; children = its paragraphs */
  BLOCK_HEADER,       /* page header; children = its blocks */
  BLOCK_FOOTER
} BlockKind;

typedef struct Block Block;
typedef struct BlockList { Block *a; size_t n, cap; } BlockList;

/* One grid position of a table row.  A position that a spanning cell
** covers (to its right or below) is a cell with covered=1 and no blocks,
** so every row has one cell per grid column. */
typedef struct TableCell {
  BlockList blocks;
  int colspan, rowspan;   /* 1 when not spanning */
  int covered;
} TableCell;

typedef struct TableRow { TableCell *a; size_t n, cap; } TableRow;

struct Block {
  BlockKind kind;
  int level;              /* heading and list item; 0 otherwise */
  char *text;             /* paragraph, heading, list item; never NULL there */
  size_t nText;
  char *mark;             /* footnote/endnote citation mark */
  char *author, *date;    /* comment; NULL when absent */
  BlockList children;     /* note, comment, header, footer */
  TableRow *aRow;         /* table */
  size_t nRow, capRow;
};

typedef struct DocMeta {
  char *title, *subject, *description, *keywords;  /* keywords: ", "-joined */
  char *creator, *initial_creator, *last_modified_by;
  char *created, *modified;                        /* as written (ISO 8601) */
  char *language, *generator;
} DocMeta;

typedef enum DocFormat { FORMAT_ODT = 1, FORMAT_FODT, FORMAT_DOCX } DocFormat;

typedef struct Doc {
  DocFormat format;
  DocMeta meta;
  BlockList body, notes, comments, margins;
} Doc;

/* Frees the doc and everything it owns; accepts NULL. */
void doc_free(Doc *d);
/* Sets *pField to a copy of z[0..n) unless it is already set or z is
** empty after trimming; used by readers for metadata. */
void doc_meta_set(char **pField, const char *z, size_t n);
const char *doc_format_name(DocFormat f);
/* Writes the citation of a note as the text shows it, "[mark]", into z
** (truncated to nz, NUL-terminated); returns its length. */
int doc_note_citation(const char *zMark, char *z, size_t nz);
const char *doc_block_kind_name(BlockKind k);

/* Plain text: blocks separated by a blank line, a table row per line with
** cells separated by a tab, then the notes as "[mark] text". */
void doc_text(const Doc *d, Buf *out);
/* One block as doc_text() renders it (a table: a row per line). */
void doc_block_text(const Block *p, Buf *out);

/* The whole model as one line of JSON (metadata, blocks, notes, comments,
** headers and footers), appended to out without a trailing newline.
** zFile, when not NULL, is included as the member "file". */
void doc_json(const Doc *d, const char *zFile, Buf *out);
/* Only the metadata fields that are present, as a compact JSON object with
** sorted keys (what the archive stores). */
void doc_meta_json(const Doc *d, Buf *out);

/* ---------------------------------------------------------------- builder */

typedef struct DocBuilder DocBuilder;

/* Starts building into d (which the caller owns).  Crossing a limit of
** lim (text in all, text of one paragraph, number of blocks: tiny
** paragraphs and empty cells cost memory far beyond their XML) sets err and
** makes every later call a no-op.  lim must outlive the builder.  Never
** returns NULL. */
DocBuilder *docb_new(Doc *d, const Limits *lim, Err *err);
/* Ends all open structures (an unclosed paragraph is kept) and frees the
** builder; the Doc keeps what was built.  Accepts NULL. */
void docb_free(DocBuilder *b);
int docb_failed(const DocBuilder *b);

/* Paragraph-like blocks.  Text outside any paragraph (e.g. directly in a
** table cell) opens an implicit paragraph.  Begin while a paragraph is
** open suspends that paragraph until the matching end (nested paragraphs
** in ODT notes, text boxes and DOCX text boxes).  kind is PARAGRAPH,
** HEADING or LIST_ITEM. */
void docb_para_begin(DocBuilder *b, BlockKind kind, int level);
void docb_para_set(DocBuilder *b, BlockKind kind, int level); /* retype the open one */
void docb_para_end(DocBuilder *b);   /* an empty paragraph leaves no block */
void docb_text(DocBuilder *b, const char *z, size_t n);
void docb_spaces(DocBuilder *b, int c, long count);  /* count copies of c, bounded */

/* Tables: cells hold blocks.  Tables nest inside cells. */
void docb_table_begin(DocBuilder *b);
void docb_row_begin(DocBuilder *b);
void docb_cell_begin(DocBuilder *b, int colspan, int rowspan);
void docb_cell_covered(DocBuilder *b);      /* adds a covered grid position */
void docb_cell_end(DocBuilder *b);
void docb_row_end(DocBuilder *b);
void docb_table_end(DocBuilder *b);
/* The table being built (innermost), for readers that fix spans up at the
** end (DOCX vMerge); NULL when none. */
Block *docb_table_current(DocBuilder *b);

/* Containers whose paragraphs go elsewhere than the running text.  A note
** writes "[mark]" into the open paragraph at its citation and its own
** paragraphs into d->notes; a comment goes to d->comments; a header or
** footer to d->margins.  A box (text box, frame) takes its paragraphs into
** the current list, before the paragraph that anchors it. */
void docb_note_begin(DocBuilder *b, BlockKind kind, const char *mark);
void docb_comment_begin(DocBuilder *b, const char *author, const char *date);
void docb_margin_begin(DocBuilder *b, BlockKind kind);
void docb_box_begin(DocBuilder *b);
void docb_container_end(DocBuilder *b);   /* ends the innermost of these four */

#endif
