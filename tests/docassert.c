/*
** docassert.c — see docassert.h.
*/
#include "docassert.h"

#include <check.h>

void assert_doc_text(const Doc *d, const char *zWant){
  Buf t = BUF_INIT;
  doc_text(d, &t);
  ck_assert_str_eq(t.z, zWant);
  buf_release(&t);
}

void assert_block(const Block *p, BlockKind kind, int level, const char *zText){
  ck_assert_str_eq(doc_block_kind_name(p->kind), doc_block_kind_name(kind));
  ck_assert_int_eq(p->level, level);
  if( zText ) ck_assert_str_eq(p->text, zText);
}
