/*
** passage.c — cutting a Doc into passages.  See passage.h.
*/
#include "passage.h"

#include <stdlib.h>
#include <string.h>

#define MAX_HEADING_DEPTH 10   /* heading levels are clamped to 1..10 */

typedef struct Cutter {
  PassageList *out;
  const char *azHead[MAX_HEADING_DEPTH];   /* current heading per level */
  size_t anHead[MAX_HEADING_DEPTH];
  Buf text;                                 /* the passage being filled */
} Cutter;

static void heading_path(const Cutter *c, Buf *out){
  for(int i=0; i<MAX_HEADING_DEPTH; i++){
    if( c->azHead[i]==0 ) continue;
    if( out->n ) buf_puts(out, " > ");
    buf_append(out, c->azHead[i], c->anHead[i]);
  }
}

static void emit(Cutter *c, PassageKind kind, Buf *text){
  if( text->n==0 ) return;
  PassageList *l = c->out;
  if( l->n==l->cap ){
    l->cap = l->cap ? l->cap*2 : 16;
    l->a = xrealloc(l->a, l->cap * sizeof l->a[0]);
  }
  Passage *p = &l->a[l->n++];
  Buf h = BUF_INIT;
  heading_path(c, &h);
  p->kind = kind;
  p->zHeading = buf_detach(&h, 0);
  p->zText = buf_detach(text, &p->nText);
}

/* Headings become the path, not text.  A heading at level L closes the
** headings at L and below it. */
static void set_heading(Cutter *c, const Block *b){
  int i = b->level - 1;
  c->azHead[i] = b->text;
  c->anHead[i] = b->nText;
  for(int j=i+1; j<MAX_HEADING_DEPTH; j++) c->azHead[j] = 0;
}

void passages_build(const Doc *d, PassageList *out){
  passages_build_map(d, out, 0);
}

void passages_build_map(const Doc *d, PassageList *out, int *aiBlock){
  size_t nStart = out->n;
  Cutter c;
  memset(&c, 0, sizeof c);
  c.out = out;
  buf_init(&c.text);
  for(size_t i=0; i<d->body.n; i++){
    const Block *b = &d->body.a[i];
    /* Every block lands in the passage emitted next (a heading and a
    ** table first flush the text before them): note its index now. */
    if( aiBlock && b->kind!=BLOCK_HEADING && b->kind!=BLOCK_TABLE ){
      aiBlock[i] = (int)(out->n - nStart);
    }
    switch( b->kind ){
      case BLOCK_HEADING:
        emit(&c, PASSAGE_TEXT, &c.text);
        if( aiBlock ) aiBlock[i] = (int)(out->n - nStart);
        set_heading(&c, b);
        break;
      case BLOCK_TABLE: {
        emit(&c, PASSAGE_TEXT, &c.text);
        if( aiBlock ) aiBlock[i] = (int)(out->n - nStart);
        Buf t = BUF_INIT;
        doc_block_text(b, &t);
        emit(&c, PASSAGE_TABLE, &t);
        buf_release(&t);
        break;
      }
      default:
        if( c.text.n ) buf_putc(&c.text, '\n');
        doc_block_text(b, &c.text);
        if( c.text.n >= PASSAGE_SOFT_MAX ) emit(&c, PASSAGE_TEXT, &c.text);
    }
  }
  emit(&c, PASSAGE_TEXT, &c.text);
  /* an index past the body's passages points at nothing there */
  for(size_t i=0; aiBlock && i<d->body.n; i++){
    if( aiBlock[i]>=(int)(out->n - nStart) ) aiBlock[i] = -1;
  }
  memset(c.azHead, 0, sizeof c.azHead);
  for(size_t i=0; i<d->notes.n; i++){
    doc_block_text(&d->notes.a[i], &c.text);
    emit(&c, PASSAGE_NOTE, &c.text);
  }
  buf_release(&c.text);
}

void passages_free(PassageList *l){
  for(size_t i=0; i<l->n; i++){
    free(l->a[i].zHeading);
    free(l->a[i].zText);
  }
  free(l->a);
  memset(l, 0, sizeof *l);
}

const char *passage_kind_name(PassageKind k){
  switch( k ){
    case PASSAGE_TABLE:    return "table";
    case PASSAGE_NOTE:     return "note";
    case PASSAGE_DECISION: return "decision";
    default:               return "text";
  }
}
