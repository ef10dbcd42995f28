/*
** pages_timeline.h — a topic's accountability timeline (timeline.h) in
** "overleg serve": GET /api/topics/ID/timeline (JSON; ?format=csv: the
** CSV as a download) and the page /onderwerp/ID/tijdlijn (?print=1: a
** printable document without navigation).  Both take from and to.
**
** The table ends with an entry whose zMethod is NULL; serve.c lists it
** with the other route tables.
*/
#ifndef OVERLEG_PAGES_TIMELINE_H
#define OVERLEG_PAGES_TIMELINE_H

#include "http.h"

extern const HttpRoute timeline_routes[];   /* pages_timeline.c */

#endif
