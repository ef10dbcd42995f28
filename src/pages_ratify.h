/*
** pages_ratify.h — ratification per municipality on the web
** (pages_ratify.c): GET/POST /besluit/ID, GET /bekrachtiging,
** GET /api/decisions/ID, GET /api/ratifications,
** POST /api/decisions/ID/ratifications.
*/
#ifndef OVERLEG_PAGES_RATIFY_H
#define OVERLEG_PAGES_RATIFY_H

#include "http.h"

extern const HttpRoute ratify_routes[];

#endif
