/*
** docassert.h — assertions on extracted documents, shared by the suites
** (Check's ck_assert, so a mismatch fails the calling test).
*/
#ifndef OVERLEG_TESTS_DOCASSERT_H
#define OVERLEG_TESTS_DOCASSERT_H

#include "doc.h"

/* The document's plain text (doc_text) is exactly zWant. */
void assert_doc_text(const Doc *d, const char *zWant);
/* The block has this kind, level and, unless zText is NULL, this text. */
void assert_block(const Block *p, BlockKind kind, int level, const char *zText);

#endif
