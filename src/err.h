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
  char msg[400];
} Err;

#define ERR_INIT { 0, { 0 } }

/* Stores the message unless one is already set.  Always returns -1 so that
** callers can write "return err_set(e, ...);". */
int err_set(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_clear(Err *e);

#endif
