/*
** odt.h — the OpenDocument text reader (ODT, OTT and Flat ODT).
**
** content.xml gives the running text, notes, comments and tables;
** styles.xml the page headers and footers; meta.xml the metadata.
** Tracked deletions are not current text; annotations are kept apart.
*/
#ifndef OVERLEG_ODT_H
#define OVERLEG_ODT_H

#include "doc.h"
#include "bounds.h"
#include "zipread.h"

/* Reads an ODT package into d.  Returns 0, or -1 with err set. */
int odt_read(ZipArchive *z, const Limits *lim, Doc *d, Err *err);
/* Reads a Flat ODT (.fodt, one XML file) into d.  Returns 0 or -1. */
int odt_read_flat(const char *path, const Limits *lim, Doc *d, Err *err);

#endif
