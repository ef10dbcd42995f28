/*
** extract.h — from a file's bytes to a Doc: recognise the format, open the
** package safely and hand it to the ODT or DOCX reader.
*/
#ifndef OVERLEG_EXTRACT_H
#define OVERLEG_EXTRACT_H

#include "doc.h"
#include "err.h"
#include "bounds.h"

/* Reads the ODT, Flat ODT or DOCX file at path (templates and macro
** variants included; macros are never run).  On success returns 0 and sets
** *ppDoc (caller frees with doc_free).  On failure returns -1, *ppDoc=NULL,
** and err holds the reason a user can act on: "not an ODT or DOCX file",
** "password-protected document", "old Word .doc format: save it as DOCX",
** "corrupt zip archive: ...", "document too large: ...", "XML error at
** line N: ...". */
int extract_file(const char *path, const Limits *lim, Doc **ppDoc, Err *err);

/* 1 when zReason, a message of extract_file(), says the file is of a type
** overleg does not read at all (not ODT/DOCX, an old .doc) rather than a
** document it cannot read (damaged, too large, password-protected): the
** web API answers the first with 415, the second with 422. */
int extract_reason_is_type(const char *zReason);

#endif
