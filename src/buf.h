/*
** buf.h — the one growable string buffer of overleg.
**
** Invariants (as in Git's strbuf): a Buf's z is never NULL and always
** NUL-terminated, even when empty; it may hold NUL bytes (n counts them).
** Growth is geometric; an allocation failure or a size past BUF_MAX aborts
** the process, so callers never check for out-of-memory.  Initialise with
** BUF_INIT or buf_init(); release with buf_release(); buf_detach() hands the
** storage to the caller (free() it).
*/
#ifndef OVERLEG_BUF_H
#define OVERLEG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
  char *z;      /* the bytes, NUL-terminated; never NULL */
  size_t n;     /* bytes used, not counting the terminator */
  size_t cap;   /* bytes allocated; 0 while z points at the shared "" */
} Buf;

extern char buf_empty_[1];
#define BUF_INIT { buf_empty_, 0, 0 }
#define BUF_MAX ((size_t)1 << 31)   /* 2 GiB: anything larger is a bug */

void buf_init(Buf *b);
void buf_release(Buf *b);               /* frees; leaves b as BUF_INIT */
char *buf_detach(Buf *b, size_t *pn);   /* caller frees; b becomes empty */
void buf_reset(Buf *b);                 /* n = 0, keeps the allocation */
void buf_grow(Buf *b, size_t extra);    /* room for extra more bytes */
void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *z);
void buf_putc(Buf *b, int c);
void buf_appendf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vappendf(Buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void buf_truncate(Buf *b, size_t n);    /* shortens to n bytes (n <= b->n) */
/* Appends the file zPath, reading at most max bytes past which it stops
** (so a caller can tell "too large" by b->n > its limit).  Returns 0, or
** -1 when the file cannot be opened or read. */
int buf_read_file(Buf *b, const char *zPath, size_t max);
char *xstrdup(const char *z);           /* strdup that aborts on OOM; NULL in, NULL out */
void *xrealloc(void *p, size_t n);      /* realloc that aborts on OOM */
/* Array a, to which elements of sz bytes are appended one at a time, with
** room for its element number n: it doubles from 64 when n reaches a power
** of two (a = grow_array(a, n, sz); a[n++] = ...). */
void *grow_array(void *a, int n, size_t sz);

#endif
