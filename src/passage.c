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
  Cutter c;
  memset(&c, 0, sizeof c);
  c.out = out;
  buf_init(&c.text);
  for(size_t i=0; i<d->body.n; i++){
    const Block *b = &d->body.a[i];
    switch( b->kind ){
      case BLOCK_HEADING:
        emit(&c, PASSAGE_TEXT, &c.text);
        set_heading(&c, b);
        break;
      case BLOCK_TABLE: {
        emit(&c, PASSAGE_TEXT, &c.text);
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
  return k==PASSAGE_TABLE ? "table" : k==PASSAGE_NOTE ? "note" : "text";
}
