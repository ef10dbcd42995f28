/*
** search.h — finding passages and their documents.
**
** The result is built as JSON (jansson), in exactly the shape that
** "overleg search --json" prints and /api/search returns; the text output
** is rendered from it, so the two can never disagree.  Snippets mark the
** matched words with SEARCH_MARK_ON / SEARCH_MARK_OFF (control characters
** that no document text holds); renderers turn them into colour or <mark>.
*/
#ifndef OVERLEG_SEARCH_H
#define OVERLEG_SEARCH_H

#include <jansson.h>
#include <sqlite3.h>
#include "err.h"

#define SEARCH_MARK_ON  "\x02"
#define SEARCH_MARK_OFF "\x03"

typedef struct SearchOpts {
  const char *zQuery;
  int nLimit;          /* documents per page; 0 = 10 */
  int nOffset;
} SearchOpts;

/* Runs the query on db.  Returns a new JSON object (caller decrefs):
** {total, results: [{id, title, original_name, sha256, date, body, topic,
** kind, passages: [{heading, snippet}]}], took_ms}.  NULL with err set
** when the query cannot run. */
json_t *search_run(sqlite3 *db, const SearchOpts *o, Err *err);

#endif
