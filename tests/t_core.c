/*
** t_core.c — the string buffer and the document builder.
*/
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "doc.h"
#include "docassert.h"

Suite *suite_core(void);

/* 1. A Buf is never NULL, always terminated, and grows past any start size. */
START_TEST(t01_buf_invariants){
  Buf b = BUF_INIT;
  ck_assert_ptr_nonnull(b.z);
  ck_assert_str_eq(b.z, "");
  for(int i=0; i<10000; i++) buf_appendf(&b, "%d,", i%10);
  ck_assert_uint_eq(b.n, 20000);
  ck_assert_uint_eq(strlen(b.z), 20000);
  buf_truncate(&b, 4);
  ck_assert_str_eq(b.z, "0,1,");
  buf_append(&b, "a\0b", 3);
  ck_assert_uint_eq(b.n, 7);
  size_t n;
  char *z = buf_detach(&b, &n);
  ck_assert_uint_eq(n, 7);
  ck_assert_str_eq(b.z, "");
  free(z);
  buf_release(&b);
}
END_TEST

/* 1b. The first error wins, and with it whether it is the server's fault:
** a later database error does not turn bad input into a 500. */
START_TEST(t01b_err_first_wins){
  Err e = ERR_INIT;
  ck_assert_int_eq(err_set(&e, "bad date \"%s\"", "2021-13"), -1);
  ck_assert_int_eq(err_internal(&e, "database error: %s", "disk I/O error"), -1);
  ck_assert_str_eq(e.msg, "bad date \"2021-13\"");
  ck_assert_int_eq(e.internal, 0);
  err_clear(&e);
  err_internal(&e, "database error: %s", "disk I/O error");
  err_set(&e, "later");
  ck_assert_str_eq(e.msg, "database error: disk I/O error");
  ck_assert_int_eq(e.internal, 1);
  err_clear(&e);
  ck_assert_int_eq(e.set, 0);
  ck_assert_int_eq(e.internal, 0);
  err_set(0, "no Err: ignored");
}
END_TEST

static const Limits gLim = LIMITS_DEFAULT;

static Doc *doc_new(void){
  Doc *d = calloc(1, sizeof *d);
  return d;
}

/* 2. Paragraphs, a heading, a table with a covered cell and a footnote
** inside a paragraph, rendered as plain text. */
START_TEST(t02_builder_text){
  Err err = ERR_INIT;
  Doc *d = doc_new();
  DocBuilder *b = docb_new(d, &gLim, &err);
  docb_para_begin(b, BLOCK_HEADING, 2);
  docb_text(b, "Besluiten", 9);
  docb_para_end(b);
  docb_para_begin(b, BLOCK_PARAGRAPH, 0);
  docb_text(b, "Het BO", 6);
  docb_note_begin(b, BLOCK_FOOTNOTE, "1");
  docb_para_begin(b, BLOCK_PARAGRAPH, 0);
  docb_text(b, "Zie de memo.", 12);
  docb_para_end(b);
  docb_container_end(b);
  docb_spaces(b, ' ', 2);
  docb_text(b, "stemt in.", 9);
  docb_para_end(b);
  docb_table_begin(b);
  docb_row_begin(b);
  docb_cell_begin(b, 2, 1);
  docb_text(b, "Gemeente", 8);      /* implicit paragraph in a cell */
  docb_cell_end(b);
  docb_cell_covered(b);
  docb_row_end(b);
  docb_row_begin(b);
  docb_cell_begin(b, 1, 1);
  docb_para_begin(b, BLOCK_PARAGRAPH, 0);
  docb_text(b, "Leusden", 7);
  docb_para_end(b);
  docb_cell_end(b);
  docb_cell_begin(b, 1, 1);
  docb_text(b, "€ 1.200", 9);
  docb_cell_end(b);
  docb_row_end(b);
  docb_table_end(b);
  docb_free(b);
  ck_assert(!err.set);
  assert_doc_text(d, "Besluiten\n\nHet BO[1]  stemt in.\n\nGemeente\t\nLeusden\t€ 1.200"
                 "\n\n[1] Zie de memo.\n");
  ck_assert_int_eq(d->body.a[0].level, 2);
  ck_assert_int_eq(d->body.a[2].aRow[0].a[0].colspan, 2);
  ck_assert_int_eq(d->body.a[2].aRow[0].a[1].covered, 1);
  doc_free(d);
}
END_TEST

/* 3. The paragraph limit stops the builder with a clear message, and a
** huge space count is refused before anything is allocated. */
START_TEST(t03_builder_limits){
  Err err = ERR_INIT;
  Doc *d = doc_new();
  Limits lim = LIMITS_DEFAULT;
  lim.maxParaBytes = 1<<20;
  DocBuilder *b = docb_new(d, &lim, &err);
  docb_para_begin(b, BLOCK_PARAGRAPH, 0);
  docb_spaces(b, ' ', 2000000000L);
  ck_assert(docb_failed(b));
  ck_assert_str_eq(err.msg, "document too large: a paragraph holds more than 1 MiB of text");
  docb_text(b, "x", 1);              /* a no-op after the failure */
  docb_free(b);
  doc_free(d);
}
END_TEST

/* 4. Empty and white-space-only paragraphs, and empty headers, leave no
** block; unbalanced ends are ignored. */
START_TEST(t04_builder_empty){
  Err err = ERR_INIT;
  Doc *d = doc_new();
  DocBuilder *b = docb_new(d, &gLim, &err);
  docb_cell_end(b);
  docb_container_end(b);
  docb_para_begin(b, BLOCK_PARAGRAPH, 0);
  docb_text(b, " \t ", 3);
  docb_para_end(b);
  docb_margin_begin(b, BLOCK_HEADER);
  docb_container_end(b);
  docb_margin_begin(b, BLOCK_FOOTER);
  docb_text(b, "pagina 1", 8);
  docb_container_end(b);
  docb_free(b);
  ck_assert_uint_eq(d->body.n, 0);
  ck_assert_uint_eq(d->margins.n, 1);
  ck_assert_int_eq(d->margins.a[0].kind, BLOCK_FOOTER);
  assert_doc_text(d, "");
  doc_free(d);
}
END_TEST

Suite *suite_core(void){
  Suite *s = suite_create("core");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, t01_buf_invariants);
  tcase_add_test(tc, t01b_err_first_wins);
  tcase_add_test(tc, t02_builder_text);
  tcase_add_test(tc, t03_builder_limits);
  tcase_add_test(tc, t04_builder_empty);
  suite_add_tcase(s, tc);
  return s;
}
