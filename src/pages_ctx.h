/*
** pages_ctx.h — the parts of the pages (pages.c) that need no request:
** reading the search arguments, the URLs of facet, sort and page links,
** and the template contexts made from the JSON of search.h and
** catalog.h.  Exported for the tests (t_pages.c) and for pages_admin.c
** (dates as people read them).
*/
#ifndef OVERLEG_PAGES_CTX_H
#define OVERLEG_PAGES_CTX_H

#include <jansson.h>
#include "buf.h"
#include "err.h"
#include "search.h"

#define PAGES_PER_PAGE 10        /* search results on a page */
#define PAGES_MEETINGS 25        /* meetings on a page of /vergadering */

/* The arguments of /zoeken: q, body, topic, kind, municipality (each may
** repeat), from, to, sort, offset.  Strings point into the request. */
typedef struct PagesArgs {
  const char *zQ;               /* NULL or "": none */
  SearchFilter f;
  SearchSort sort;
  int nOffset;                  /* a multiple of PAGES_PER_PAGE */
} PagesArgs;

/* Where the arguments come from: every value of zName, at most nMax, into
** az; returns how many (http_args() has this shape). */
typedef int (*PagesArgFn)(void *pCtx, const char *zName, const char **az, int nMax);

/* Reads the arguments.  0, or -1 with err set for the user ("unknown
** sort ...", "bad offset ...", "at most 16 values of body"). */
int pages_args_read(PagesArgs *a, PagesArgFn xArgs, void *pCtx, Err *err);
/* Is there anything to search for (a query or a filter)? */
int pages_args_any(const PagesArgs *a);
/* SearchOpts for a (pointing into a). */
void pages_search_opts(const PagesArgs *a, SearchOpts *o);

/* Appends the URL of /zoeken with a's arguments (no offset when 0, no
** sort when by relevance), percent-encoded. */
void pages_search_url(Buf *out, const PagesArgs *a);
/* The same URL with the value zValue of facet k added, or removed when a
** has it; back to the first page.  The year facet sets from and to. */
void pages_facet_url(Buf *out, const PagesArgs *a, SearchFacetKey k, const char *zValue);
/* Does a filter on zValue of facet k? */
int pages_facet_active(const PagesArgs *a, SearchFacetKey k, const char *zValue);

/* The pagination of nTotal results with a's offset, PAGES_PER_PAGE a page:
** {prev_url, next_url, pages: [{number, url, current, gap}]} (a gap
** stands for pages left out), or NULL when everything fits on one page. */
json_t *pages_pagination(const PagesArgs *a, long long nTotal);

/* The context of results.html from res, search_json()'s result (stolen),
** or from the error message zErr (res NULL). */
json_t *pages_search_ctx(const PagesArgs *a, json_t *res, const char *zErr, const char *zLang);

/* Marks the query's terms in a passage's text: appends z as HTML (escaped,
** matches in <mark>) to out. */
typedef void (*PagesMarkFn)(void *pCtx, const char *z, Buf *out);

/* The PagesMarkFn of a SearchMarker (search.h): its marks as <mark>. */
void pages_mark_search(void *pMarker, const char *z, Buf *out);

/* The context of document.html from doc, catalog_document()'s object
** (stolen); xMark (NULL: none) marks the terms of the query zQ. */
json_t *pages_document_ctx(json_t *doc, const char *zQ, PagesMarkFn xMark, void *pMark,
                           const char *zLang);
/* The contexts of meeting.html, body.html, topic.html from the objects of
** catalog_meeting(), catalog_body(), catalog_topic() (stolen). */
json_t *pages_meeting_ctx(json_t *m, const char *zLang);
json_t *pages_body_ctx(json_t *b, const char *zLang);
json_t *pages_topic_ctx(json_t *t, const char *zLang);

/* The contexts of home.html (catalog_meetings() and catalog_stats(), both
** stolen), bodies.html (catalog_bodies()), topics.html (catalog_topics())
** and meetings.html (catalog_meetings() from nOffset). */
json_t *pages_home_ctx(json_t *meetings, json_t *stats, const char *zLang);
json_t *pages_bodies_ctx(json_t *bodies, const char *zLang);
json_t *pages_topics_ctx(json_t *topics, const char *zLang);
json_t *pages_meetings_ctx(json_t *meetings, int nOffset, const char *zLang);

/* Renders template zTemplate with ctx and web/layout.html around it
** ({{{content_html}}}) into out; page_render() after it has added the
** frame's keys (lang, user, csrf, title, the language switch).  0, or -1
** with err set (a template error). */
int pages_frame(Buf *out, const char *zTemplate, json_t *ctx, const char *zLang, Err *err);

/* Setting a key of a page's context object o.  set_str: the string z
** (null when NULL or not UTF-8); set_buf: b's text; set_has: "has_KEY",
** whether the array o[zKey] is non-empty (a section over an array runs
** once per element, so a heading above a list needs a flag); set_date:
** the ISO date z as people write it (pages_date; null when NULL). */
void pages_set_str(json_t *o, const char *zKey, const char *z);
void pages_set_buf(json_t *o, const char *zKey, const Buf *b);
void pages_set_has(json_t *o, const char *zKey);
void pages_set_date(json_t *o, const char *zKey, const char *z, const char *zLang);

/* "/document/12", with "#p34" when pPassage is an integer (a passage id):
** a new string. */
json_t *pages_doc_url(json_int_t iDoc, const json_t *pPassage);

/* Appends an ISO date as people write it: "2021-03-15" -> "15 maart 2021"
** (en: "15 March 2021"), "2021-03" -> "maart 2021"; anything else as it
** is. */
void pages_date(Buf *out, const char *zIso, const char *zLang);

#endif
