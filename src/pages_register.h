/*
** pages_register.h — the decision register and the action list in
** "overleg serve": the pages /besluiten and /acties (pages_register.c)
** and the JSON API GET /api/decisions and GET /api/actions
** (api_register.c), both over register.h.
**
** Each table ends with an entry whose zMethod is NULL; serve.c lists them
** with the other route tables.
*/
#ifndef OVERLEG_PAGES_REGISTER_H
#define OVERLEG_PAGES_REGISTER_H

#include "http.h"

extern const HttpRoute register_page_routes[];  /* pages_register.c */
extern const HttpRoute register_api_routes[];   /* api_register.c */

#endif
