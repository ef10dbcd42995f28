/*
** err.h — how overleg reports a failure a user can act on.
**
** An Err holds one message (the first one set wins: later errors are
** usually consequences of the first).  Messages are short and plain:
** "corrupt zip archive: CRC error in word/document.xml".
*/
#ifndef OVERLEG_ERR_H
#define OVERLEG_ERR_H

typedef struct Err {
  int set;          /* non-zero once a message is stored */
  int internal;     /* the message is about the server, not the request:
                    ** the archive cannot be read or written.  The server
                    ** answers 500 and logs it; bad input is never internal */
  int notfound;     /* what the request names does not exist: 404 */
  char msg[400];
} Err;

#define ERR_INIT { 0, 0, 0, { 0 } }

/* Stores the message unless one is already set.  Always returns -1 so that
** callers can write "return err_set(e, ...);". */
int err_set(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same for a failure of the server itself (err_set's message, and
** internal set): "database error: disk I/O error". */
int err_internal(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same for a request naming what does not exist ("no topic 12"), and
** notfound set: the server answers 404 rather than 400. */
int err_notfound(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void err_clear(Err *e);

#endif
