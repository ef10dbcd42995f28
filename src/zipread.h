/*
** zipread.h — a zip archive opened defensively, entries read as streams.
**
** On open: the file size is bounded, libzip checks the archive's
** consistency (ZIP_CHECKCONS: local and central headers agree), and
** zipread itself refuses duplicate names (also when they differ only in
** case), entries whose data overlap (the overlapping-entry bomb) and
** too many entries.  While reading: inflated bytes are counted per entry
** and in total, never trusting the header's sizes, and a compression ratio
** beyond the limit stops the read.  Encrypted entries are refused.
*/
#ifndef OVERLEG_ZIPREAD_H
#define OVERLEG_ZIPREAD_H

#include <sys/types.h>
#include "buf.h"
#include "err.h"
#include "bounds.h"

typedef struct ZipArchive ZipArchive;
typedef struct ZipStream ZipStream;

/* Opens path.  On error returns -1, sets *pp = NULL and err
** ("corrupt zip archive: ...", "password-protected document", ...).
** lim must outlive the archive.  The caller closes with zipread_close(). */
int zipread_open(const char *path, const Limits *lim, ZipArchive **pp, Err *err);
/* The same for an open file; fd stays the caller's (zipread reads through
** its own duplicate of it). */
int zipread_open_fd(int fd, const Limits *lim, ZipArchive **pp, Err *err);
void zipread_close(ZipArchive *z);   /* accepts NULL */

/* Index of the entry called name, or -1.  An exact match first, then one
** that differs only in ASCII case (OPC part names are case-insensitive). */
long zipread_find(ZipArchive *z, const char *name);
long zipread_count(ZipArchive *z);
const char *zipread_name(ZipArchive *z, long i);

/* Reads entry i whole into out (appending), refusing more than max bytes.
** For small parts only: relationships, content types, manifest. */
int zipread_read_all(ZipArchive *z, long i, size_t max, Buf *out, Err *err);

/* Streams entry i.  zipread_stream_read() returns bytes read, 0 at the end
** (after the CRC was checked) or -1 with err set. */
int zipread_stream_open(ZipArchive *z, long i, ZipStream **pp, Err *err);
ssize_t zipread_stream_read(ZipStream *s, char *buf, size_t n);
void zipread_stream_close(ZipStream *s);   /* accepts NULL */

#endif
