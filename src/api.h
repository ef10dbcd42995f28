/*
** api.h — what the JSON API (api.c, its routes in pages.h: api_routes)
** shares with the pages: the import of uploaded files.
*/
#ifndef OVERLEG_API_H
#define OVERLEG_API_H

#include <jansson.h>
#include "http.h"

/* Imports the request's uploads of field "file" (a part without a name
** and bytes, an empty file input, is skipped) under the server's write
** lock, with the form's body, topic, date and kind ("" or absent: infer)
** and the user as the importer.  Returns a new JSON array, one
** {name, status: "new"|"duplicate"|"failed", id (null when failed),
** reason (null unless failed)} per file in the order sent, with *pStatus
** 201 when every file went in (new or duplicate), else 415 when every
** failed file is of a type overleg does not read, else 422.  When the
** import cannot run at all it returns a new object {"error": message}
** instead, with *pStatus 400 (no file, a bad date, an unknown body ...)
** or 500 (the archive cannot be written; logged on stderr). */
json_t *api_import_uploads(HttpReq *r, int *pStatus);

#endif
