/*
** pages.h — the route tables of "overleg serve" and the page frame.
**
** Each table ends with an entry whose zMethod is NULL.
*/
#ifndef OVERLEG_PAGES_H
#define OVERLEG_PAGES_H

#include <jansson.h>
#include "http.h"

extern const HttpRoute pages_routes[];   /* pages.c: search, documents, meetings, bodies, topics, help */
extern const HttpRoute admin_routes[];   /* pages_admin.c: login, upload, beheer, audit */
extern const HttpRoute api_routes[];     /* api.c: /api/ */

/* Replies with a whole page: web/layout.html around template zTemplate,
** rendered with ctx (stolen; the frame adds "lang", "user", "csrf", "title"
** from the message zTitleKey, and the navigation). */
void page_render(HttpReq *r, int status, const char *zTemplate,
                 const char *zTitleKey, json_t *ctx);
/* An error page with one message for the user. */
void page_error(HttpReq *r, int status, const char *zMsg);

#endif
