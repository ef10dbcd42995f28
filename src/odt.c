/*
** odt.c — the OpenDocument text reader: ODT and OTT packages, Flat ODT.
**
** One SAX handler reads every part (meta.xml, styles.xml, content.xml, or
** the one file of a Flat ODT) and drives the DocBuilder.  Each open element
** has a Frame on a stack that says what its end does and holds the reader
** state to restore then; an element whose content never shows (tracked
** deletions, declarations, images, index templates...) is skipped whole by
** counting its depth, without a frame.  Per element the work is a switch
** on the namespace and a few strcmp, with no allocation (the buffers
** grow once and are reused).
**
** White space follows ODF 1.2 §6.1.2 as LibreOffice reads it: inside a
** paragraph each run of XML white space (space, tab, CR, LF) is one space,
** also across element boundaries, and none at the start of the paragraph;
** text:s, text:tab and text:line-break give exact characters, after which
** white space counts again.  Unlike LibreOffice we also drop the space a
** run leaves at the end of a paragraph: it shows nothing, and exact text
** comes from text:s.  Character data outside paragraphs is indentation
** and is dropped.
**
** Hidden text is dropped: spans and paragraphs whose style (named or
** automatic, following parent styles read earlier) has text:display="none",
** sections with text:display="none", hidden-text fields and paragraphs
** with a hidden-paragraph field that LibreOffice last evaluated as hidden.
*/
#include "odt.h"
#include "xmlsax.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Repeated table rows and cells (number-rows-repeated,
** number-columns-repeated) are replayed only when they hold text, at most
** ODT_MAX_REPEAT times each and ODT_REPLAY_BUDGET builder events per
** document: LibreOffice writes 1024 repeated empty cells to pad a row,
** and a hostile file could nest repeats to multiply them. */
#define ODT_MAX_REPEAT     100
#define ODT_REPLAY_BUDGET  200000
#define ODT_MAX_SPAN       65535

/* ------------------------------------------------------------ the reader */

/* Which part of the document the parser is in. */
typedef enum Region {
  REGION_TOP,      /* office:document*, office:body: looking for the parts */
  REGION_META,     /* office:meta */
  REGION_STYLES,   /* office:styles, office:automatic-styles */
  REGION_STYLE,    /* one style:style */
  REGION_MASTER,   /* office:master-styles */
  REGION_TEXT,     /* office:text, a page header or footer */
  REGION_CHANGES   /* text:tracked-changes */
} Region;

typedef enum Part { PART_META, PART_STYLES, PART_CONTENT, PART_FLAT } Part;

/* What the end of an element does. */
typedef enum Act {
  ACT_NONE,
  ACT_RESTORE,     /* restores the state (lists, regions) */
  ACT_PARA,        /* ends the paragraph */
  ACT_TABLE, ACT_ROW, ACT_CELL,
  ACT_CONTAINER,   /* ends a header, footer or box */
  ACT_NOTE,        /* ends the note, if it began */
  ACT_CITATION,    /* begins the enclosing note with the captured mark */
  ACT_COMMENT,
  ACT_AUTHOR, ACT_DATE,   /* an annotation's dc:creator and dc:date */
  ACT_META,        /* a metadata field; Frame.n indexes aMetaField */
  ACT_KEYWORD,
  ACT_STYLE        /* remembers the style if it hides text */
} Act;

/* The reader state that elements change and their end restores. */
typedef struct State {
  unsigned char region;    /* a Region */
  unsigned char inPara;    /* character data is paragraph text */
  unsigned char noSpace;   /* the next XML white space is dropped */
  unsigned char pendSpace; /* a space waits for text to follow it */
  unsigned char rec;       /* builder events are recorded for a repeat */
  int listLevel;           /* text:list nesting around the paragraphs */
} State;

typedef struct Frame {
  unsigned char act;       /* an Act */
  unsigned char begun;     /* ACT_NOTE: the note container is open */
  int n;                   /* ACT_ROW, ACT_CELL: copies; ACT_NOTE: BlockKind */
  size_t iRec;             /* ACT_ROW, ACT_CELL: where its events start in rec */
  State saved;             /* the state when the element began */
} Frame;

/* A set of names (style names, change ids) with constant-time lookup: a
** hostile file can hold hundreds of thousands of them, and every span asks.
** Open addressing over a table kept at most half full. */
typedef struct NameSet {
  char **a;            /* slots: NULL or an owned, NUL-terminated name */
  size_t nSlot, nUsed;
} NameSet;

static size_t name_hash(const char *z, size_t n){
  size_t h = 2166136261u;
  for(size_t i=0; i<n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* The slot holding z[0..n), or the empty slot where it would go. */
static char **names_slot(const NameSet *p, const char *z, size_t n){
  size_t i = name_hash(z, n) & (p->nSlot-1);
  while( p->a[i] && (strncmp(p->a[i], z, n)!=0 || p->a[i][n]!=0) ){
    i = (i+1) & (p->nSlot-1);
  }
  return &p->a[i];
}

static int names_has(const NameSet *p, const char *z, size_t n){
  return p->nUsed && *names_slot(p, z, n)!=0;
}

static void names_add(NameSet *p, const Buf *pName){
  if( pName->n==0 ) return;
  if( 2*(p->nUsed+1) > p->nSlot ){
    NameSet t = { 0, p->nSlot ? 2*p->nSlot : 64, 0 };
    t.a = xrealloc(0, t.nSlot * sizeof t.a[0]);
    memset(t.a, 0, t.nSlot * sizeof t.a[0]);
    for(size_t i=0; i<p->nSlot; i++){
      if( p->a[i] ){
        *names_slot(&t, p->a[i], strlen(p->a[i])) = p->a[i];
        t.nUsed++;
      }
    }
    free(p->a);
    *p = t;
  }
  char **pp = names_slot(p, pName->z, pName->n);
  if( *pp ) return;
  *pp = xrealloc(0, pName->n+1);
  memcpy(*pp, pName->z, pName->n+1);
  p->nUsed++;
}

static void names_free(NameSet *p){
  for(size_t i=0; i<p->nSlot; i++) free(p->a[i]);
  free(p->a);
  memset(p, 0, sizeof *p);
}

typedef struct OdtReader {
  DocBuilder *b;
  Doc *d;
  Err *err;
  Part part;
  State s;
  Frame *aFrame;
  size_t nFrame, nFrameAlloc;
  unsigned nSkip;          /* depth inside a skipped element; 0 when none */
  Buf *pCapture;           /* character data goes here, raw, when set */
  Buf cap;                 /* a metadata value or a note citation */
  Buf author, date;        /* of the annotation not yet begun */
  int bCommentPending;
  Buf keywords;            /* meta:keyword values joined by ", " */
  NameSet hidden;          /* names of styles that hide text */
  Buf style;               /* the style:style being read */
  int bStyleHidden;
  NameSet deleted;         /* ids of tracked deletions */
  Buf changeId;            /* the text:changed-region being read */
  int nDeleting;           /* inside inline deleted text */
  Buf txt;                 /* one chunk of collapsed character data */
  Buf rec;                 /* recorded builder events (see "Repeats") */
  Buf tmp;                 /* replayed text */
  long nBudget;            /* events that repeats may still replay */
  int nNote;
  int bSawText;            /* office:text was found */
} OdtReader;

/* Pushes a frame for the element starting now: no action, the current
** state saved.  The frame array grows with the depth, which xmlsax bounds. */
static Frame *frame_push(OdtReader *r){
  if( r->nFrame==r->nFrameAlloc ){
    r->nFrameAlloc = r->nFrameAlloc ? 2*r->nFrameAlloc : 64;
    r->aFrame = xrealloc(r->aFrame, r->nFrameAlloc * sizeof r->aFrame[0]);
  }
  Frame *f = &r->aFrame[r->nFrame++];
  f->act = ACT_NONE;
  f->begun = 0;
  f->n = 1;
  f->iRec = r->rec.n;
  f->saved = r->s;
  return f;
}

/* Skips the element just started (its frame was pushed) with all its
** content. */
static void skip(OdtReader *r){
  r->nFrame--;
  r->nSkip = 1;
}

/* Clears the state for a structure whose paragraphs stand on their own: a
** cell, note, comment, box, header or footer. */
static void state_scope(OdtReader *r){
  r->s.inPara = 0;
  r->s.noSpace = 1;
  r->s.pendSpace = 0;
  r->s.listLevel = 0;
}

static void capture(OdtReader *r, Frame *f, Act act, Buf *p){
  f->act = act;
  buf_reset(p);
  r->pCapture = p;
}

static int is_xml_space(char c){
  return c==' ' || c=='\n' || c=='\t' || c=='\r';
}

/* Removes leading and trailing XML white space from p. */
static void trim(Buf *p){
  size_t i = 0, n = p->n;
  while( i<n && is_xml_space(p->z[i]) ) i++;
  while( n>i && is_xml_space(p->z[n-1]) ) n--;
  memmove(p->z, p->z+i, n-i);
  buf_truncate(p, n-i);
}

/* An attribute that counts something, within [1, mx]; dflt when absent. */
static int attr_count(const XmlAttrs *at, Ns ns, const char *zName, int dflt, int mx){
  long v = xmlsax_attr_long(at, ns, zName, dflt);
  return v<1 ? 1 : v>mx ? mx : (int)v;
}

/* ---------------------------------------------------------------- repeats */

/*
** Every builder call for body structure goes through emit(), which also
** appends the event to rec while the state says so (inside a row or cell
** that repeats).  At the end of such a row or cell its events are replayed
** for the further copies.  Notes, comments and boxes inside a repeated
** cell are not recorded: they belong to the document once.
*/
typedef enum EvOp {
  EV_PARA, EV_PARA_END, EV_TEXT, EV_SPACES, EV_TABLE, EV_TABLE_END,
  EV_ROW, EV_ROW_END, EV_CELL, EV_CELL_END, EV_COVERED
} EvOp;

typedef struct Ev { int op, a, b; size_t n; } Ev;   /* EV_TEXT: n bytes follow */

static void emit(OdtReader *r, EvOp op, int a, int b, const char *z, size_t n){
  DocBuilder *p = r->b;
  switch( op ){
    case EV_PARA:      docb_para_begin(p, (BlockKind)a, b); break;
    case EV_PARA_END:  docb_para_end(p); break;
    case EV_TEXT:      docb_text(p, z, n); break;
    case EV_SPACES:    docb_spaces(p, a, (long)n); break;
    case EV_TABLE:     docb_table_begin(p); break;
    case EV_TABLE_END: docb_table_end(p); break;
    case EV_ROW:       docb_row_begin(p); break;
    case EV_ROW_END:   docb_row_end(p); break;
    case EV_CELL:      docb_cell_begin(p, a, b); break;
    case EV_CELL_END:  docb_cell_end(p); break;
    case EV_COVERED:   docb_cell_covered(p); break;
  }
  if( r->s.rec ){
    Ev e = { op, a, b, n };
    buf_append(&r->rec, &e, sizeof e);
    if( op==EV_TEXT ) buf_append(&r->rec, z, n);
  }
}

static void emit_text(OdtReader *r, const char *z, size_t n){
  emit(r, EV_TEXT, 0, 0, z, n);
}

/* Walks the events in rec[iFrom, iTo): counts them, tells whether any
** shows text, and replays them when bReplay. */
static long events_walk(OdtReader *r, size_t iFrom, size_t iTo, int bReplay,
                        int *pbText){
  long nEv = 0;
  size_t i = iFrom;
  while( i<iTo ){
    Ev e;
    memcpy(&e, r->rec.z + i, sizeof e);
    i += sizeof e;
    nEv++;
    if( e.op==EV_TEXT || e.op==EV_SPACES ) *pbText = 1;
    if( bReplay ){
      /* emit() may record, growing rec: the text is copied out first */
      buf_reset(&r->tmp);
      if( e.op==EV_TEXT ) buf_append(&r->tmp, r->rec.z + i, e.n);
      emit(r, (EvOp)e.op, e.a, e.b, r->tmp.z, e.n);
    }
    if( e.op==EV_TEXT ) i += e.n;
  }
  return nEv;
}

/* At the end of a row or cell (frame f, the state already restored to the
** enclosing one): makes its further copies when it repeats and shows
** text, then forgets its events unless an enclosing repeat records. */
static void repeat_end(OdtReader *r, const Frame *f){
  size_t iEnd = r->rec.n;
  int bText = 0;
  if( f->n>1 ){
    long nEv = events_walk(r, f->iRec, iEnd, 0, &bText);
    for(int i=1; bText && i<f->n && nEv<=r->nBudget; i++){
      r->nBudget -= nEv;
      events_walk(r, f->iRec, iEnd, 1, &bText);
    }
  }
  if( !r->s.rec ) buf_truncate(&r->rec, f->iRec);
}

/* ------------------------------------------------------------ hidden text */

/* True when the element's text:style-name hides its text. */
static int hidden_by_style(const OdtReader *r, const XmlAttrs *at){
  size_t n;
  const char *z;
  if( r->hidden.nUsed==0 ) return 0;
  z = xmlsax_attr(at, NS_TEXT, "style-name", &n);
  return z && names_has(&r->hidden, z, n);
}

/* Region STYLES: a style:style starts; it hides text when its
** text-properties say so or, without a say, when its parent does. */
static void styles_start(OdtReader *r, Frame *f, Ns ns, const char *z,
                         const XmlAttrs *at){
  size_t n;
  const char *zName;
  if( ns!=NS_STYLE || strcmp(z, "style")!=0 ){ skip(r); return; }
  buf_reset(&r->style);
  zName = xmlsax_attr(at, NS_STYLE, "name", &n);
  if( zName ) buf_append(&r->style, zName, n);
  zName = xmlsax_attr(at, NS_STYLE, "parent-style-name", &n);
  r->bStyleHidden = zName && names_has(&r->hidden, zName, n);
  f->act = ACT_STYLE;
  r->s.region = REGION_STYLE;
}

/* Region STYLE: inside a style:style, only text-properties matter. */
static void style_start(OdtReader *r, Ns ns, const char *z, const XmlAttrs *at){
  const char *zDisplay;
  if( ns==NS_STYLE && strcmp(z, "text-properties")==0 ){
    zDisplay = xmlsax_attr(at, NS_TEXT, "display", 0);
    if( zDisplay ) r->bStyleHidden = xmlsax_attr_is(at, NS_TEXT, "display", "none");
  }
  skip(r);
}

static void style_end(OdtReader *r){
  if( r->bStyleHidden ) names_add(&r->hidden, &r->style);
  r->bStyleHidden = 0;
}

/* A hidden-paragraph field that LibreOffice evaluated as hidden: the rest
** of the enclosing paragraph is skipped, its end included, and the
** paragraph is ended now.  Text before the field cannot be taken back
** (the builder has no way to drop a paragraph); LibreOffice puts the field
** where the author typed it, in practice at the start.  Only when nothing
** but inline elements stand between the field and its paragraph. */
static void hide_paragraph(OdtReader *r){
  size_t i = r->nFrame - 1;   /* the field's own frame */
  while( i>0 && r->aFrame[i-1].act==ACT_NONE ) i--;
  if( i==0 || r->aFrame[i-1].act!=ACT_PARA ){ skip(r); return; }
  i--;
  emit(r, EV_PARA_END, 0, 0, 0, 0);
  r->s = r->aFrame[i].saved;
  r->nSkip = (unsigned)(r->nFrame - i);
  r->nFrame = i;
}

/* -------------------------------------------------------- tracked changes */

/*
** Text a tracked change deleted is not current text.  In content.xml
** LibreOffice keeps it inside text:tracked-changes, which is skipped, and
** marks its place with an empty text:change.  In Flat ODT it writes the
** deleted text inline, between text:change-start and text:change-end of a
** region whose text:deletion is empty.  So the ids of deletion regions are
** collected (text:tracked-changes comes first in the body) and inline
** text between their start and end marks is dropped.
*/
static void changes_start(OdtReader *r, Ns ns, const char *z, const XmlAttrs *at){
  size_t n;
  const char *zId;
  if( ns==NS_TEXT && strcmp(z, "changed-region")==0 ){
    zId = xmlsax_attr(at, NS_TEXT, "id", &n);
    buf_reset(&r->changeId);
    if( zId ) buf_append(&r->changeId, zId, n);
    return;
  }
  if( ns==NS_TEXT && strcmp(z, "deletion")==0 ) names_add(&r->deleted, &r->changeId);
  skip(r);
}

/* True when the text:change-start or -end element marks a deletion. */
static int change_is_deletion(const OdtReader *r, const XmlAttrs *at){
  size_t n;
  const char *zId;
  if( r->deleted.nUsed==0 ) return 0;
  zId = xmlsax_attr(at, NS_TEXT, "change-id", &n);
  return zId && names_has(&r->deleted, zId, n);
}

/* ------------------------------------------------------------ metadata */

/* ODF's dc:creator is the person who last modified the document and
** meta:initial-creator the one who made it (ODF 1.2 §4.3.2.5, §4.3.2.6);
** DocMeta.creator, the author, is the initial creator or, when the file
** names none, the last modifier (see odt_finish). */
static const struct { Ns ns; const char *zName; size_t off; } aMetaField[] = {
  { NS_DC,   "title",           offsetof(DocMeta, title) },
  { NS_DC,   "subject",         offsetof(DocMeta, subject) },
  { NS_DC,   "description",     offsetof(DocMeta, description) },
  { NS_META, "initial-creator", offsetof(DocMeta, initial_creator) },
  { NS_DC,   "creator",         offsetof(DocMeta, last_modified_by) },
  { NS_META, "creation-date",   offsetof(DocMeta, created) },
  { NS_DC,   "date",            offsetof(DocMeta, modified) },
  { NS_DC,   "language",        offsetof(DocMeta, language) },
  { NS_META, "generator",       offsetof(DocMeta, generator) },
};

static void meta_start(OdtReader *r, Frame *f, Ns ns, const char *z){
  if( ns==NS_META && strcmp(z, "keyword")==0 ){
    capture(r, f, ACT_KEYWORD, &r->cap);
    return;
  }
  if( ns==NS_META && strcmp(z, "keywords")==0 ) return;  /* ODF 1.0 wrapper */
  for(size_t i=0; i<sizeof aMetaField/sizeof aMetaField[0]; i++){
    if( aMetaField[i].ns==ns && strcmp(aMetaField[i].zName, z)==0 ){
      capture(r, f, ACT_META, &r->cap);
      f->n = (int)i;
      return;
    }
  }
  skip(r);   /* statistics, user-defined fields, templates */
}

static void meta_end(OdtReader *r, const Frame *f){
  char **pField = (char**)((char*)&r->d->meta + aMetaField[f->n].off);
  doc_meta_set(pField, r->cap.z, r->cap.n);
}

static void keyword_end(OdtReader *r){
  trim(&r->cap);
  if( r->cap.n==0 ) return;
  if( r->keywords.n ) buf_puts(&r->keywords, ", ");
  buf_append(&r->keywords, r->cap.z, r->cap.n);
}

/* -------------------------------------------------------- the text body */

static void para_start(OdtReader *r, Frame *f, BlockKind kind, int level,
                       const XmlAttrs *at){
  if( hidden_by_style(r, at) ){ skip(r); return; }
  f->act = ACT_PARA;
  emit(r, EV_PARA, kind, level, 0, 0);
  r->s.inPara = 1;
  r->s.noSpace = 1;
  r->s.pendSpace = 0;
}

/* Writes the space that collapsed white space left, now that something
** shown follows it: white space at the end of a paragraph shows nothing. */
static void space_flush(OdtReader *r){
  if( r->s.pendSpace ){
    r->s.pendSpace = 0;
    emit_text(r, " ", 1);
  }
}

/* A character that text:s, text:tab or text:line-break stands for. */
static void para_char(OdtReader *r, int c, long n){
  if( !r->s.inPara || r->nDeleting ) return;
  space_flush(r);
  emit(r, EV_SPACES, c, 0, 0, n<0 ? 0 : (size_t)n);
  r->s.noSpace = 0;
}

/* Begins the note of frame f with its citation (or, when the file gives
** none, the note's number in the document) as the mark. */
static void note_begin(OdtReader *r, Frame *f, Buf *pMark){
  char zNum[24];
  const char *zMark = zNum;
  trim(pMark);
  if( pMark->n ) zMark = pMark->z;
  else snprintf(zNum, sizeof zNum, "%d", r->nNote);
  space_flush(r);
  docb_note_begin(r->b, (BlockKind)f->n, zMark);
  f->begun = 1;
  state_scope(r);
  r->s.rec = 0;
}

/* The enclosing frame of the element just started, or NULL. */
static Frame *frame_parent(OdtReader *r){
  return r->nFrame>=2 ? &r->aFrame[r->nFrame-2] : 0;
}

static int has_suffix(const char *z, const char *zSuffix){
  size_t n = strlen(z), m = strlen(zSuffix);
  return n>=m && memcmp(z+n-m, zSuffix, m)==0;
}

static void text_ns_start(OdtReader *r, Frame *f, const char *z, const XmlAttrs *at){
  if( strcmp(z, "p")==0 ){
    para_start(r, f, r->s.listLevel ? BLOCK_LIST_ITEM : BLOCK_PARAGRAPH,
               r->s.listLevel, at);
  }else if( strcmp(z, "span")==0 ){
    if( hidden_by_style(r, at) ) skip(r);
  }else if( strcmp(z, "s")==0 ){
    /* LibreOffice reads a count that is not positive as 1 */
    long c = xmlsax_attr_long(at, NS_TEXT, "c", 1);
    para_char(r, ' ', c<1 ? 1 : c);
  }else if( strcmp(z, "h")==0 ){
    para_start(r, f, BLOCK_HEADING,
               attr_count(at, NS_TEXT, "outline-level", 1, 10), at);
  }else if( strcmp(z, "list")==0 ){
    f->act = ACT_RESTORE;
    r->s.listLevel++;
  }else if( strcmp(z, "tab")==0 ){
    para_char(r, '\t', 1);
  }else if( strcmp(z, "line-break")==0 ){
    para_char(r, '\n', 1);
  }else if( strcmp(z, "note")==0 ){
    if( r->nDeleting ){ skip(r); return; }
    f->act = ACT_NOTE;
    f->n = xmlsax_attr_is(at, NS_TEXT, "note-class", "endnote")
         ? BLOCK_ENDNOTE : BLOCK_FOOTNOTE;
    r->nNote++;
  }else if( strcmp(z, "note-citation")==0 ){
    capture(r, f, ACT_CITATION, &r->cap);
  }else if( strcmp(z, "note-body")==0 ){
    Frame *pNote = frame_parent(r);
    if( pNote && pNote->act==ACT_NOTE && !pNote->begun ){
      buf_reset(&r->cap);
      note_begin(r, pNote, &r->cap);
    }
  }else if( strcmp(z, "numbered-paragraph")==0 ){
    f->act = ACT_RESTORE;
    r->s.listLevel = attr_count(at, NS_TEXT, "level", 1, 10);
  }else if( strcmp(z, "section")==0 ){
    if( xmlsax_attr_is(at, NS_TEXT, "display", "none") ) skip(r);
  }else if( strcmp(z, "hidden-paragraph")==0 ){
    if( xmlsax_attr_is(at, NS_TEXT, "is-hidden", "true") ) hide_paragraph(r);
  }else if( strcmp(z, "hidden-text")==0 ){
    if( xmlsax_attr_is(at, NS_TEXT, "is-hidden", "true") ) skip(r);
  }else if( strcmp(z, "change-start")==0 ){
    if( change_is_deletion(r, at) ) r->nDeleting++;
  }else if( strcmp(z, "change-end")==0 ){
    if( r->nDeleting && change_is_deletion(r, at) ) r->nDeleting--;
  }else if( strcmp(z, "tracked-changes")==0 ){
    f->act = ACT_RESTORE;
    r->s.region = REGION_CHANGES;
  }else if( strcmp(z, "number")==0              /* a list label */
         || strcmp(z, "script")==0
         || has_suffix(z, "-source")            /* index templates */
         || has_suffix(z, "-decls") ){
    skip(r);
  }
  /* everything else (list-item, a, fields, bookmarks, text:change,
  ** index bodies) is transparent: its character data is shown text */
}

static void table_ns_start(OdtReader *r, Frame *f, const char *z, const XmlAttrs *at){
  if( strcmp(z, "table-cell")==0 ){
    f->act = ACT_CELL;
    f->n = attr_count(at, NS_TABLE, "number-columns-repeated", 1, ODT_MAX_REPEAT);
    if( f->n>1 ) r->s.rec = 1;
    emit(r, EV_CELL, attr_count(at, NS_TABLE, "number-columns-spanned", 1, ODT_MAX_SPAN),
         attr_count(at, NS_TABLE, "number-rows-spanned", 1, ODT_MAX_SPAN), 0, 0);
    state_scope(r);
  }else if( strcmp(z, "table-row")==0 ){
    f->act = ACT_ROW;
    f->n = attr_count(at, NS_TABLE, "number-rows-repeated", 1, ODT_MAX_REPEAT);
    if( f->n>1 ) r->s.rec = 1;
    emit(r, EV_ROW, 0, 0, 0, 0);
    state_scope(r);
  }else if( strcmp(z, "covered-table-cell")==0 ){
    int n = attr_count(at, NS_TABLE, "number-columns-repeated", 1, ODT_MAX_REPEAT);
    for(int i=0; i<n; i++){
      if( i && r->nBudget--<=0 ) break;
      emit(r, EV_COVERED, 0, 0, 0, 0);
    }
    skip(r);
  }else if( strcmp(z, "table")==0 ){
    f->act = ACT_TABLE;
    emit(r, EV_TABLE, 0, 0, 0, 0);
    state_scope(r);
  }else if( strcmp(z, "content-validations")==0 ){
    skip(r);   /* help and error messages of input checks */
  }
}

static void office_ns_start(OdtReader *r, Frame *f, const char *z){
  if( strcmp(z, "annotation")==0 ){
    f->act = ACT_COMMENT;
    r->bCommentPending = 1;
    buf_reset(&r->author);
    buf_reset(&r->date);
    state_scope(r);
    r->s.rec = 0;
  }else if( strcmp(z, "forms")==0 || strcmp(z, "event-listeners")==0
         || strcmp(z, "binary-data")==0 || strcmp(z, "scripts")==0 ){
    skip(r);
  }
}

/* Text boxes and shapes hold paragraphs; images and embedded objects show
** no text of this document. */
static void draw_ns_start(OdtReader *r, Frame *f, const char *z){
  static const char *const azBox[] = {
    "text-box", "custom-shape", "rect", "ellipse", "circle", "polygon",
    "polyline", "path", "line", "connector", "caption", "measure",
    "regular-polygon",
  };
  static const char *const azSkip[] = {
    "image", "object", "object-ole", "applet", "plugin", "floating-frame",
    "image-map", "contour-polygon", "contour-path",
  };
  for(size_t i=0; i<sizeof azBox/sizeof azBox[0]; i++){
    if( strcmp(z, azBox[i])==0 ){
      docb_box_begin(r->b);
      f->act = ACT_CONTAINER;
      state_scope(r);
      r->s.rec = 0;
      return;
    }
  }
  for(size_t i=0; i<sizeof azSkip/sizeof azSkip[0]; i++){
    if( strcmp(z, azSkip[i])==0 ){ skip(r); return; }
  }
}

static void comment_flush(OdtReader *r){
  r->bCommentPending = 0;
  trim(&r->author);
  trim(&r->date);
  docb_comment_begin(r->b, r->author.z, r->date.z);
}

/* Region TEXT: the body, a header or a footer. */
static void text_start(OdtReader *r, Frame *f, Ns ns, const char *z, const XmlAttrs *at){
  /* an annotation's author and date come before its paragraphs */
  if( r->bCommentPending && ns!=NS_DC && ns!=NS_META ) comment_flush(r);
  switch( ns ){
    case NS_TEXT:   text_ns_start(r, f, z, at); break;
    case NS_TABLE:  table_ns_start(r, f, z, at); break;
    case NS_OFFICE: office_ns_start(r, f, z); break;
    case NS_DRAW:   draw_ns_start(r, f, z); break;
    case NS_DC:
      if( r->bCommentPending && strcmp(z, "creator")==0 ){
        capture(r, f, ACT_AUTHOR, &r->author);
      }else if( r->bCommentPending && strcmp(z, "date")==0 ){
        capture(r, f, ACT_DATE, &r->date);
      }else{
        skip(r);
      }
      break;
    case NS_META:
      skip(r);   /* meta:date-string of an annotation */
      break;
    case NS_OTHER:
      /* svg:title and svg:desc: alternative text of frames and shapes */
      if( strcmp(z, "title")==0 || strcmp(z, "desc")==0 ) skip(r);
      break;
    default:
      break;     /* style:region-*, loext:content-control: transparent */
  }
}

/* Region MASTER: page headers and footers of the master pages. */
static void master_start(OdtReader *r, Frame *f, Ns ns, const char *z, const XmlAttrs *at){
  int bHeader = strncmp(z, "header", 6)==0, bFooter = strncmp(z, "footer", 6)==0;
  const char *zRest = z + 6;
  if( ns==NS_STYLE && strcmp(z, "master-page")==0 ) return;
  if( (ns==NS_STYLE || ns==NS_LOEXT) && (bHeader || bFooter)
   && (zRest[0]==0 || strcmp(zRest, "-left")==0 || strcmp(zRest, "-first")==0)
   && !xmlsax_attr_is(at, NS_STYLE, "display", "false") ){
    docb_margin_begin(r->b, bHeader ? BLOCK_HEADER : BLOCK_FOOTER);
    f->act = ACT_CONTAINER;
    state_scope(r);
    r->s.region = REGION_TEXT;
    return;
  }
  skip(r);
}

/* Region TOP: the root and office:body, choosing the parts to read. */
static void top_start(OdtReader *r, Frame *f, Ns ns, const char *z){
  Region region;
  if( r->nFrame==1 && r->part==PART_FLAT
   && (ns!=NS_OFFICE || strcmp(z, "document")!=0) ){
    err_set(r->err, "not an ODT or DOCX file");
    return;
  }
  if( ns!=NS_OFFICE ){ skip(r); return; }
  if( strncmp(z, "document", 8)==0 || strcmp(z, "body")==0 ) return;
  if( strcmp(z, "text")==0 ){
    region = REGION_TEXT;
    r->bSawText = 1;
  }else if( strcmp(z, "meta")==0 ){
    region = REGION_META;
  }else if( strcmp(z, "master-styles")==0 ){
    region = REGION_MASTER;
  }else if( strcmp(z, "styles")==0 || strcmp(z, "automatic-styles")==0 ){
    region = REGION_STYLES;
  }else{
    skip(r);   /* settings, scripts, font faces, spreadsheet bodies... */
    return;
  }
  f->act = ACT_RESTORE;
  r->s.region = (unsigned char)region;
}

/* ---------------------------------------------------------- SAX handlers */

static void on_start(void *ctx, Ns ns, const char *z, const XmlAttrs *at){
  OdtReader *r = ctx;
  if( r->nSkip ){ r->nSkip++; return; }
  Frame *f = frame_push(r);
  switch( (Region)r->s.region ){
    case REGION_TOP:    top_start(r, f, ns, z); break;
    case REGION_META:   meta_start(r, f, ns, z); break;
    case REGION_STYLES: styles_start(r, f, ns, z, at); break;
    case REGION_STYLE:  style_start(r, ns, z, at); break;
    case REGION_MASTER: master_start(r, f, ns, z, at); break;
    case REGION_TEXT:   text_start(r, f, ns, z, at); break;
    case REGION_CHANGES: changes_start(r, ns, z, at); break;
  }
}

static void on_end(void *ctx, Ns ns, const char *z){
  OdtReader *r = ctx;
  if( r->nSkip ){ r->nSkip--; return; }
  if( r->nFrame==0 ) return;
  Frame *f = &r->aFrame[--r->nFrame];
  switch( (Act)f->act ){
    case ACT_NONE:
      return;
    case ACT_RESTORE:
      break;
    case ACT_PARA:
      emit(r, EV_PARA_END, 0, 0, 0, 0);
      break;
    case ACT_TABLE:
      emit(r, EV_TABLE_END, 0, 0, 0, 0);
      break;
    case ACT_ROW: case ACT_CELL:
      emit(r, f->act==ACT_ROW ? EV_ROW_END : EV_CELL_END, 0, 0, 0, 0);
      r->s = f->saved;
      repeat_end(r, f);
      return;
    case ACT_CONTAINER:
      docb_container_end(r->b);
      break;
    case ACT_NOTE:
      if( f->begun ){
        docb_container_end(r->b);
        r->s = f->saved;
        r->s.noSpace = 0;   /* the mark is shown text, after the space */
        r->s.pendSpace = 0;
        return;
      }
      break;
    case ACT_CITATION: {
      Frame *pNote = r->nFrame ? &r->aFrame[r->nFrame-1] : 0;
      r->pCapture = 0;
      if( pNote && pNote->act==ACT_NOTE && !pNote->begun ) note_begin(r, pNote, &r->cap);
      return;
    }
    case ACT_COMMENT:
      if( r->bCommentPending ) comment_flush(r);
      docb_container_end(r->b);
      break;
    case ACT_AUTHOR: case ACT_DATE:
      r->pCapture = 0;
      return;
    case ACT_META:
      r->pCapture = 0;
      meta_end(r, f);
      return;
    case ACT_KEYWORD:
      r->pCapture = 0;
      keyword_end(r);
      return;
    case ACT_STYLE:
      style_end(r);
      break;
  }
  r->s = f->saved;
}

/* Paragraph text with its XML white space collapsed (see the top). */
static void on_text(void *ctx, const char *z, size_t n){
  OdtReader *r = ctx;
  size_t i = 0;
  if( r->nSkip ) return;
  if( r->pCapture ){ buf_append(r->pCapture, z, n); return; }
  if( !r->s.inPara || r->nDeleting ) return;
  buf_reset(&r->txt);
  while( i<n ){
    if( is_xml_space(z[i]) ){
      if( !r->s.noSpace ) r->s.pendSpace = 1;
      r->s.noSpace = 1;
      i++;
    }else{
      size_t j = i+1;
      while( j<n && !is_xml_space(z[j]) ) j++;
      if( r->s.pendSpace ) buf_putc(&r->txt, ' ');
      r->s.pendSpace = 0;
      buf_append(&r->txt, z+i, j-i);
      r->s.noSpace = 0;
      i = j;
    }
  }
  if( r->txt.n ) emit_text(r, r->txt.z, r->txt.n);
}

/* ---------------------------------------------------------- the readers */

static void odt_init(OdtReader *r, Doc *d, const Limits *lim, Err *err){
  memset(r, 0, sizeof *r);
  r->d = d;
  r->err = err;
  r->b = docb_new(d, lim, err);
  buf_init(&r->cap);
  buf_init(&r->author);
  buf_init(&r->date);
  buf_init(&r->keywords);
  buf_init(&r->style);
  buf_init(&r->changeId);
  buf_init(&r->txt);
  buf_init(&r->rec);
  buf_init(&r->tmp);
  r->nBudget = ODT_REPLAY_BUDGET;
}

/* Parses one part: entry i of z, or the file zPath when z is NULL. */
static int odt_part(OdtReader *r, Part part, ZipArchive *z, long i,
                    const char *zPath, const Limits *lim){
  XmlHandler h = { r, on_start, on_end, on_text, r->err };
  memset(&r->s, 0, sizeof r->s);
  r->s.region = REGION_TOP;
  r->part = part;
  r->nFrame = 0;
  r->nSkip = 0;
  r->pCapture = 0;
  r->bCommentPending = 0;
  r->nDeleting = 0;
  return z ? xmlsax_parse_zip(z, i, lim, 0, &h)
           : xmlsax_parse_file(zPath, lim, 0, &h);
}

/* Sets the metadata gathered across parts and frees the reader. */
static void odt_finish(OdtReader *r){
  DocMeta *m = &r->d->meta;
  const char *zAuthor = m->initial_creator ? m->initial_creator : m->last_modified_by;
  doc_meta_set(&m->keywords, r->keywords.z, r->keywords.n);
  if( zAuthor ) doc_meta_set(&m->creator, zAuthor, strlen(zAuthor));
  docb_free(r->b);
  free(r->aFrame);
  buf_release(&r->cap);
  buf_release(&r->author);
  buf_release(&r->date);
  buf_release(&r->keywords);
  names_free(&r->hidden);
  buf_release(&r->style);
  names_free(&r->deleted);
  buf_release(&r->changeId);
  buf_release(&r->txt);
  buf_release(&r->rec);
  buf_release(&r->tmp);
}

int odt_read(ZipArchive *z, const Limits *lim, Doc *d, Err *err){
  static const struct { const char *zName; Part part; } aPart[] = {
    { "meta.xml", PART_META },
    { "styles.xml", PART_STYLES },     /* before content: its hidden styles */
    { "content.xml", PART_CONTENT },
  };
  OdtReader r;
  int rc = 0;
  if( zipread_find(z, "content.xml")<0 ){
    return err_set(err, "corrupt document: content.xml is missing");
  }
  odt_init(&r, d, lim, err);
  for(size_t i=0; rc==0 && i<sizeof aPart/sizeof aPart[0]; i++){
    long iEntry = zipread_find(z, aPart[i].zName);
    if( iEntry>=0 ) rc = odt_part(&r, aPart[i].part, z, iEntry, 0, lim);
  }
  if( rc==0 && !r.bSawText ){
    rc = err_set(err, "corrupt document: content.xml has no text body");
  }
  odt_finish(&r);
  return rc;
}

int odt_read_flat(const char *path, const Limits *lim, Doc *d, Err *err){
  OdtReader r;
  int rc;
  odt_init(&r, d, lim, err);
  rc = odt_part(&r, PART_FLAT, 0, 0, path, lim);
  if( rc==0 && !r.bSawText ) rc = err_set(err, "not an ODT or DOCX file");
  odt_finish(&r);
  return rc;
}
