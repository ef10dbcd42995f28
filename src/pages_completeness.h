/*
** pages_completeness.h — what is missing from the archive of meetings in
** "overleg serve": the page /volledigheid and GET /api/completeness, both
** over completeness.h, for staff (and the roles above them).
**
** The table ends with an entry whose zMethod is NULL; serve.c lists it
** with the other route tables.
*/
#ifndef OVERLEG_PAGES_COMPLETENESS_H
#define OVERLEG_PAGES_COMPLETENESS_H

#include "http.h"

extern const HttpRoute completeness_routes[];

#endif
