/*
** docx.h — the Office Open XML wordprocessing reader (DOCX, DOCM, DOTX,
** DOTM; Transitional and Strict).
**
** The main part is found through _rels/.rels and [Content_Types].xml;
** styles decide headings (outline level, basedOn chain), numbering decides
** list levels; footnotes, endnotes, comments, headers, footers and the
** core and app properties are read too.
*/
#ifndef OVERLEG_DOCX_H
#define OVERLEG_DOCX_H

#include "doc.h"
#include "bounds.h"
#include "zipread.h"

/* Reads the wordprocessing package z into d.  Returns 0, or -1 with err
** set ("not an ODT or DOCX file" when the package is not a Word document,
** "corrupt document: ..." when a part it names is missing). */
int docx_read(ZipArchive *z, const Limits *lim, Doc *d, Err *err);

#endif
