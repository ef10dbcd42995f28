/*
** doc.c — the document model: freeing, the builder readers drive, and
** the two renderings (plain text and JSON).
*/
#include "doc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the model */

static void blocks_free(BlockList *l);

static void block_free(Block *p){
  free(p->text);
  free(p->mark);
  free(p->author);
  free(p->date);
  blocks_free(&p->children);
  for(size_t i=0; i<p->nRow; i++){
    TableRow *r = &p->aRow[i];
    for(size_t j=0; j<r->n; j++) blocks_free(&r->a[j].blocks);
    free(r->a);
  }
  free(p->aRow);
  memset(p, 0, sizeof *p);
}

/* Iterative for the list itself; nesting depth is bounded by the XML
** depth limit, so the recursion through cells and notes is too. */
static void blocks_free(BlockList *l){
  for(size_t i=0; i<l->n; i++) block_free(&l->a[i]);
  free(l->a);
  memset(l, 0, sizeof *l);
}

/* Appends *p to l by value; p is left zeroed (ownership moved). */
static void blocks_push(BlockList *l, Block *p){
  if( l->n==l->cap ){
    l->cap = l->cap ? l->cap*2 : 8;
    l->a = xrealloc(l->a, l->cap * sizeof l->a[0]);
  }
  l->a[l->n++] = *p;
  memset(p, 0, sizeof *p);
}

void doc_free(Doc *d){
  if( d==0 ) return;
  char **az[] = { &d->meta.title, &d->meta.subject, &d->meta.description,
    &d->meta.keywords, &d->meta.creator, &d->meta.initial_creator,
    &d->meta.last_modified_by, &d->meta.created, &d->meta.modified,
    &d->meta.language, &d->meta.generator };
  for(size_t i=0; i<sizeof az/sizeof az[0]; i++) free(*az[i]);
  blocks_free(&d->body);
  blocks_free(&d->notes);
  blocks_free(&d->comments);
  blocks_free(&d->margins);
  free(d);
}

static int is_space(int c){ return c==' ' || c=='\t' || c=='\n' || c=='\r'; }

void doc_meta_set(char **pField, const char *z, size_t n){
  if( *pField ) return;
  while( n>0 && is_space((unsigned char)z[0]) ){ z++; n--; }
  while( n>0 && is_space((unsigned char)z[n-1]) ) n--;
  if( n==0 ) return;
  char *p = xrealloc(0, n+1);
  memcpy(p, z, n);
  p[n] = 0;
  *pField = p;
}

const char *doc_format_name(DocFormat f){
  switch( f ){
    case FORMAT_ODT:  return "odt";
    case FORMAT_FODT: return "fodt";
    case FORMAT_DOCX: return "docx";
  }
  return "unknown";
}

int doc_note_citation(const char *zMark, char *z, size_t nz){
  int n = snprintf(z, nz, "[%s]", zMark);
  return n<0 ? 0 : (size_t)n<nz ? n : (int)nz-1;
}

const char *doc_block_kind_name(BlockKind k){
  static const char *az[] = { "paragraph", "heading", "list_item", "table",
    "footnote", "endnote", "comment", "header", "footer" };
  return (unsigned)k < sizeof az/sizeof az[0] ? az[k] : "unknown";
}

/* ---------------------------------------------------------- the builder */

/* Each structure that collects blocks is a Frame on a stack.  Paragraphs
** are a second stack, because a paragraph can be suspended by a note or a
** text box that opens inside it and resumes after. */
typedef enum FrameKind {
  FRAME_ROOT, FRAME_NOTE, FRAME_COMMENT, FRAME_MARGIN, FRAME_BOX,
  FRAME_TABLE, FRAME_ROW, FRAME_CELL
} FrameKind;

typedef struct Frame Frame;
struct Frame {
  Frame *up;
  FrameKind kind;
  BlockList *target;   /* where the paragraphs inside this frame go */
  BlockList *dest;     /* where blk goes when the frame ends */
  Block blk;           /* note/comment/margin/table being built */
  TableRow row;        /* FRAME_ROW: the row being built */
  TableCell cell;      /* FRAME_CELL: the cell being built */
};

typedef struct Para Para;
struct Para {
  Para *up;
  Frame *frame;        /* the frame whose target receives it */
  BlockKind kind;
  int level;
  int implicit;        /* opened by text outside any paragraph */
  Buf text;
};

struct DocBuilder {
  Doc *d;
  Frame *top;
  Para *para;
  size_t nText, nBlock;
  const Limits *lim;
  Err *err;
  int failed;
};

DocBuilder *docb_new(Doc *d, const Limits *lim, Err *err){
  DocBuilder *b = xrealloc(0, sizeof *b);
  memset(b, 0, sizeof *b);
  b->d = d;
  b->lim = lim;
  b->err = err;
  b->top = xrealloc(0, sizeof *b->top);
  memset(b->top, 0, sizeof *b->top);
  b->top->kind = FRAME_ROOT;
  b->top->target = &d->body;
  return b;
}

int docb_failed(const DocBuilder *b){ return b->failed; }

/* Counts one more block (paragraph, cell, note, comment, header); fails
** the build past the limit.  Returns non-zero when the block may be made. */
static int block_budget(DocBuilder *b){
  if( b->failed ) return 0;
  if( ++b->nBlock > b->lim->maxBlocks ){
    err_set(b->err, "document too large: more than %zu paragraphs and table cells",
            b->lim->maxBlocks);
    b->failed = 1;
    return 0;
  }
  return 1;
}

static int clamp_level(int n){ return n<1 ? 1 : n>10 ? 10 : n; }

static void para_push(DocBuilder *b, BlockKind kind, int level, int implicit){
  Para *p = xrealloc(0, sizeof *p);
  memset(p, 0, sizeof *p);
  buf_init(&p->text);
  p->up = b->para;
  p->frame = b->top;
  p->kind = kind;
  p->level = kind==BLOCK_PARAGRAPH ? 0 : clamp_level(level);
  p->implicit = implicit;
  b->para = p;
}

static int all_space(const char *z, size_t n){
  for(size_t i=0; i<n; i++) if( !is_space((unsigned char)z[i]) ) return 0;
  return 1;
}

/* Pops the innermost paragraph into its frame's list; a paragraph that
** shows nothing (empty or only white space) leaves no block. */
static void para_pop(DocBuilder *b){
  Para *p = b->para;
  b->para = p->up;
  if( !all_space(p->text.z, p->text.n) && block_budget(b) ){
    Block blk;
    memset(&blk, 0, sizeof blk);
    blk.kind = p->kind;
    blk.level = p->level;
    blk.text = buf_detach(&p->text, &blk.nText);
    blocks_push(p->frame->target, &blk);
  }
  buf_release(&p->text);
  free(p);
}

/* Closes the paragraphs that belong to frame f (they cannot outlive it). */
static void paras_close(DocBuilder *b, Frame *f){
  while( b->para && b->para->frame==f ) para_pop(b);
}

/* Pushes a frame whose paragraphs go to the enclosing frame's list (text
** boxes, and stray text directly in a table or row) until the caller
** points target elsewhere; what it builds goes to dest. */
static Frame *frame_push(DocBuilder *b, FrameKind kind, BlockList *dest){
  Frame *f = xrealloc(0, sizeof *f);
  memset(f, 0, sizeof *f);
  f->up = b->top;
  f->kind = kind;
  f->target = b->top->target;
  f->dest = dest;
  b->top = f;
  return f;
}

/* Ends the innermost frame: its paragraphs are closed, and what it built
** (a cell, a row, a table, a note...) goes where it belongs. */
static void frame_pop(DocBuilder *b){
  Frame *f = b->top;
  if( f->kind==FRAME_ROOT ) return;
  paras_close(b, f);
  b->top = f->up;
  switch( f->kind ){
    case FRAME_CELL: {
      Frame *row = b->top;   /* a cell frame always sits on a row frame */
      TableRow *r = &row->row;
      if( r->n==r->cap ){
        r->cap = r->cap ? r->cap*2 : 8;
        r->a = xrealloc(r->a, r->cap * sizeof r->a[0]);
      }
      r->a[r->n++] = f->cell;
      break;
    }
    case FRAME_ROW: {
      Block *t = &b->top->blk;  /* a row frame always sits on a table frame */
      if( t->nRow==t->capRow ){
        t->capRow = t->capRow ? t->capRow*2 : 8;
        t->aRow = xrealloc(t->aRow, t->capRow * sizeof t->aRow[0]);
      }
      t->aRow[t->nRow++] = f->row;
      break;
    }
    case FRAME_TABLE:
      if( f->blk.nRow ) blocks_push(f->dest, &f->blk);
      else block_free(&f->blk);
      break;
    case FRAME_NOTE: case FRAME_COMMENT: case FRAME_MARGIN:
      /* an empty header or footer is layout, not content */
      if( f->blk.children.n || f->kind!=FRAME_MARGIN ){
        blocks_push(f->dest, &f->blk);
      }else{
        block_free(&f->blk);
      }
      break;
    case FRAME_BOX: case FRAME_ROOT:
      break;
  }
  free(f);
}

/* Pops frames up to and including the innermost one of kind k (any of the
** container kinds when k is FRAME_ROOT).  Does nothing when there is none:
** readers may send an end for a structure they never began. */
static void frames_unwind(DocBuilder *b, FrameKind k){
  Frame *f = b->top;
  while( f && f->kind!=FRAME_ROOT ){
    int match = k==FRAME_ROOT
      ? (f->kind==FRAME_NOTE || f->kind==FRAME_COMMENT
         || f->kind==FRAME_MARGIN || f->kind==FRAME_BOX)
      : f->kind==k;
    if( match ) break;
    f = f->up;
  }
  if( f==0 || f->kind==FRAME_ROOT ) return;
  while( b->top!=f ) frame_pop(b);
  frame_pop(b);
}

void docb_free(DocBuilder *b){
  if( b==0 ) return;
  while( b->top->kind!=FRAME_ROOT ) frame_pop(b);
  paras_close(b, b->top);
  while( b->para ) para_pop(b);   /* cannot happen; keeps the free total */
  free(b->top);
  free(b);
}

void docb_para_begin(DocBuilder *b, BlockKind kind, int level){
  if( b->failed ) return;
  if( b->para && b->para->implicit && b->para->frame==b->top ) para_pop(b);
  para_push(b, kind, level, 0);
}

void docb_para_set(DocBuilder *b, BlockKind kind, int level){
  if( b->failed || b->para==0 ) return;
  b->para->kind = kind;
  b->para->level = kind==BLOCK_PARAGRAPH ? 0 : clamp_level(level);
}

void docb_para_end(DocBuilder *b){
  if( b->failed ) return;
  if( b->para && b->para->frame==b->top ) para_pop(b);
}

/* The paragraph that text goes to, opening an implicit one when the
** current frame has none.  Returns NULL after a failure. */
static Buf *text_target(DocBuilder *b, size_t n){
  if( b->failed ) return 0;
  if( b->para==0 || b->para->frame!=b->top ) para_push(b, BLOCK_PARAGRAPH, 0, 1);
  /* both sums stay below their maximum, so the subtractions cannot wrap */
  if( n > b->lim->maxParaBytes - b->para->text.n ){
    err_set(b->err, "document too large: a paragraph holds more than %zu MiB of text",
            b->lim->maxParaBytes >> 20);
    b->failed = 1;
    return 0;
  }
  if( n > b->lim->maxTextBytes - b->nText ){
    err_set(b->err, "document too large: more than %zu MiB of text",
            b->lim->maxTextBytes >> 20);
    b->failed = 1;
    return 0;
  }
  b->nText += n;
  return &b->para->text;
}

void docb_text(DocBuilder *b, const char *z, size_t n){
  if( n==0 ) return;
  Buf *t = text_target(b, n);
  if( t ) buf_append(t, z, n);
}

void docb_spaces(DocBuilder *b, int c, long count){
  if( count<=0 ) return;
  Buf *t = text_target(b, (size_t)count);
  if( t==0 ) return;
  buf_grow(t, (size_t)count);
  memset(t->z + t->n, c, (size_t)count);
  t->n += (size_t)count;
  t->z[t->n] = 0;
}

/* Blocks that stand between paragraphs (tables) end an implicit paragraph
** of the current frame first, so the order of blocks stays true. */
static void implicit_close(DocBuilder *b){
  if( b->para && b->para->implicit && b->para->frame==b->top ) para_pop(b);
}

void docb_table_begin(DocBuilder *b){
  if( b->failed ) return;
  implicit_close(b);
  frame_push(b, FRAME_TABLE, b->top->target)->blk.kind = BLOCK_TABLE;
}

void docb_row_begin(DocBuilder *b){
  if( b->failed ) return;
  if( b->top->kind==FRAME_CELL ) frame_pop(b);     /* unclosed cell */
  if( b->top->kind==FRAME_ROW ) frame_pop(b);      /* unclosed row */
  if( b->top->kind!=FRAME_TABLE ) docb_table_begin(b);
  frame_push(b, FRAME_ROW, 0);
}

static void cell_open(DocBuilder *b, int colspan, int rowspan, int covered){
  if( !block_budget(b) ) return;
  if( b->top->kind==FRAME_CELL ) frame_pop(b);
  if( b->top->kind!=FRAME_ROW ) docb_row_begin(b);
  Frame *f = frame_push(b, FRAME_CELL, 0);
  f->target = &f->cell.blocks;
  f->cell.colspan = colspan<1 ? 1 : colspan;
  f->cell.rowspan = rowspan<1 ? 1 : rowspan;
  f->cell.covered = covered;
}

void docb_cell_begin(DocBuilder *b, int colspan, int rowspan){
  cell_open(b, colspan, rowspan, 0);
}

void docb_cell_covered(DocBuilder *b){
  cell_open(b, 1, 1, 1);
  if( !b->failed ) frame_pop(b);
}

void docb_cell_end(DocBuilder *b){ if( !b->failed ) frames_unwind(b, FRAME_CELL); }
void docb_row_end(DocBuilder *b){ if( !b->failed ) frames_unwind(b, FRAME_ROW); }
void docb_table_end(DocBuilder *b){ if( !b->failed ) frames_unwind(b, FRAME_TABLE); }

Block *docb_table_current(DocBuilder *b){
  for(Frame *f=b->top; f; f=f->up){
    if( f->kind==FRAME_TABLE ) return &f->blk;
  }
  return 0;
}

/* A container's paragraphs become its children; the container block
** itself goes to dest (notes, comments or margins) when it ends.  Returns
** the block being built, or NULL after a failure. */
static Block *container_push(DocBuilder *b, FrameKind kind, BlockList *dest,
                             BlockKind bk){
  if( !block_budget(b) ) return 0;
  Frame *f = frame_push(b, kind, dest);
  f->blk.kind = bk;
  f->target = &f->blk.children;
  return &f->blk;
}

void docb_note_begin(DocBuilder *b, BlockKind kind, const char *mark){
  if( b->failed ) return;
  if( mark && mark[0] && b->para && b->para->frame==b->top ){
    char z[64];
    docb_text(b, z, (size_t)doc_note_citation(mark, z, sizeof z));
  }
  Block *p = container_push(b, FRAME_NOTE, &b->d->notes,
                            kind==BLOCK_ENDNOTE ? BLOCK_ENDNOTE : BLOCK_FOOTNOTE);
  if( p ) p->mark = xstrdup(mark ? mark : "");
}

void docb_comment_begin(DocBuilder *b, const char *author, const char *date){
  Block *p = container_push(b, FRAME_COMMENT, &b->d->comments, BLOCK_COMMENT);
  if( p ){
    p->author = author && author[0] ? xstrdup(author) : 0;
    p->date = date && date[0] ? xstrdup(date) : 0;
  }
}

void docb_margin_begin(DocBuilder *b, BlockKind kind){
  container_push(b, FRAME_MARGIN, &b->d->margins,
                 kind==BLOCK_FOOTER ? BLOCK_FOOTER : BLOCK_HEADER);
}

void docb_box_begin(DocBuilder *b){
  if( b->failed ) return;
  frame_push(b, FRAME_BOX, 0);
}

void docb_container_end(DocBuilder *b){
  if( !b->failed ) frames_unwind(b, FRAME_ROOT);
}

/* ------------------------------------------------------------ plain text */

/* Appends text with tabs and line breaks turned into spaces: inside a
** table cell they would break the one-row-per-line layout. */
static void put_flat(Buf *out, const char *z, size_t n){
  for(size_t i=0; i<n; i++){
    char c = z[i];
    buf_putc(out, c=='\t' || c=='\n' || c=='\r' ? ' ' : c);
  }
}

/* Appends a space unless out is still at nStart or already ends in one:
** the pieces of a cell are joined by single spaces. */
static void put_sep(Buf *out, size_t nStart){
  if( out->n>nStart && out->z[out->n-1]!=' ' ) buf_putc(out, ' ');
}

/* The text of a cell's blocks on one line, paragraphs joined by a space,
** nested tables flattened cell by cell. */
static void cell_text(const BlockList *l, Buf *out){
  size_t nStart = out->n;
  for(size_t i=0; i<l->n; i++){
    const Block *p = &l->a[i];
    if( p->kind==BLOCK_TABLE ){
      for(size_t r=0; r<p->nRow; r++){
        for(size_t c=0; c<p->aRow[r].n; c++){
          size_t n0 = out->n;
          put_sep(out, nStart);
          size_t n1 = out->n;
          cell_text(&p->aRow[r].a[c].blocks, out);
          if( out->n==n1 ) buf_truncate(out, n0);   /* an empty cell adds nothing */
        }
      }
    }else if( p->text ){
      put_sep(out, nStart);
      put_flat(out, p->text, p->nText);
    }
  }
}

static int row_empty(const TableRow *r){
  for(size_t c=0; c<r->n; c++) if( r->a[c].blocks.n ) return 0;
  return 1;
}


/* The blocks separated by blank lines, and preceded by one when sepFirst. */
static void blocks_text(const BlockList *l, Buf *out, int sepFirst){
  for(size_t i=0; i<l->n; i++){
    if( i>0 || sepFirst ) buf_puts(out, "\n\n");
    doc_block_text(&l->a[i], out);
  }
}

void doc_block_text(const Block *p, Buf *out){
  switch( p->kind ){
    case BLOCK_TABLE: {
      int first = 1;
      for(size_t r=0; r<p->nRow; r++){
        const TableRow *row = &p->aRow[r];
        if( row_empty(row) ) continue;
        if( !first ) buf_putc(out, '\n');
        first = 0;
        for(size_t c=0; c<row->n; c++){
          if( c ) buf_putc(out, '\t');
          cell_text(&row->a[c].blocks, out);
        }
      }
      break;
    }
    case BLOCK_FOOTNOTE: case BLOCK_ENDNOTE: {
      buf_appendf(out, "[%s] ", p->mark ? p->mark : "");
      blocks_text(&p->children, out, 0);
      break;
    }
    case BLOCK_COMMENT: case BLOCK_HEADER: case BLOCK_FOOTER:
      blocks_text(&p->children, out, 0);
      break;
    default:
      buf_append(out, p->text, p->nText);
  }
}

void doc_text(const Doc *d, Buf *out){
  size_t n0 = out->n;
  blocks_text(&d->body, out, 0);
  blocks_text(&d->notes, out, out->n > n0);
  if( out->n > n0 ) buf_putc(out, '\n');
}

/* ------------------------------------------------------------------ JSON */

static json_t *blocks_json(const BlockList *l);

static json_t *str_or_null(const char *z){
  return z ? json_string(z) : json_null();
}

static json_t *block_json(const Block *p){
  json_t *o = json_object();
  json_object_set_new(o, "type", json_string(doc_block_kind_name(p->kind)));
  if( p->kind==BLOCK_HEADING || p->kind==BLOCK_LIST_ITEM ){
    json_object_set_new(o, "level", json_integer(p->level));
  }
  if( p->text ) json_object_set_new(o, "text", json_stringn(p->text, p->nText));
  if( p->kind==BLOCK_FOOTNOTE || p->kind==BLOCK_ENDNOTE ){
    json_object_set_new(o, "mark", str_or_null(p->mark));
  }
  if( p->kind==BLOCK_COMMENT ){
    Buf t = BUF_INIT;
    blocks_text(&p->children, &t, 0);
    json_object_set_new(o, "author", str_or_null(p->author));
    json_object_set_new(o, "date", str_or_null(p->date));
    json_object_set_new(o, "text", json_stringn(t.z, t.n));
    buf_release(&t);
  }
  if( p->kind==BLOCK_TABLE ){
    json_t *rows = json_array();
    for(size_t r=0; r<p->nRow; r++){
      json_t *cells = json_array();
      for(size_t c=0; c<p->aRow[r].n; c++){
        const TableCell *cell = &p->aRow[r].a[c];
        json_t *jc = json_object();
        if( cell->covered ){
          json_object_set_new(jc, "covered", json_true());
        }else{
          if( cell->colspan>1 ) json_object_set_new(jc, "colspan", json_integer(cell->colspan));
          if( cell->rowspan>1 ) json_object_set_new(jc, "rowspan", json_integer(cell->rowspan));
          json_object_set_new(jc, "blocks", blocks_json(&cell->blocks));
        }
        json_array_append_new(cells, jc);
      }
      json_array_append_new(rows, cells);
    }
    json_object_set_new(o, "rows", rows);
  }else if( p->kind>=BLOCK_FOOTNOTE ){
    json_object_set_new(o, "blocks", blocks_json(&p->children));
  }
  return o;
}

static json_t *blocks_json(const BlockList *l){
  json_t *a = json_array();
  for(size_t i=0; i<l->n; i++) json_array_append_new(a, block_json(&l->a[i]));
  return a;
}

/* The metadata as a JSON object; absent fields are null, or left out
** when bSkipNull. */
static json_t *meta_object(const DocMeta *m, int bSkipNull){
  json_t *meta = json_object();
  struct { const char *zName; const char *zVal; } a[] = {
    {"title", m->title}, {"subject", m->subject},
    {"description", m->description}, {"keywords", m->keywords},
    {"creator", m->creator}, {"initial_creator", m->initial_creator},
    {"last_modified_by", m->last_modified_by}, {"created", m->created},
    {"modified", m->modified}, {"language", m->language},
    {"generator", m->generator},
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    if( a[i].zVal || !bSkipNull ) json_object_set_new(meta, a[i].zName, str_or_null(a[i].zVal));
  }
  return meta;
}

/* Appends o as compact JSON to out and releases it. */
static void json_put(json_t *o, size_t flags, Buf *out){
  char *z = json_dumps(o, JSON_COMPACT | flags);
  if( z ){
    buf_puts(out, z);
    free(z);
  }
  json_decref(o);
}

void doc_meta_json(const Doc *d, Buf *out){
  json_put(meta_object(&d->meta, 1), JSON_SORT_KEYS, out);
}

void doc_json(const Doc *d, const char *zFile, Buf *out){
  json_t *meta = meta_object(&d->meta, 0);
  json_t *o = json_object();
  if( zFile ) json_object_set_new(o, "file", json_string(zFile));
  json_object_set_new(o, "format", json_string(doc_format_name(d->format)));
  json_object_set_new(o, "metadata", meta);
  json_object_set_new(o, "blocks", blocks_json(&d->body));
  json_object_set_new(o, "notes", blocks_json(&d->notes));
  json_object_set_new(o, "comments", blocks_json(&d->comments));
  json_object_set_new(o, "headers_footers", blocks_json(&d->margins));
  json_put(o, 0, out);
}
