/*
** buf.c — growable string buffer; see buf.h for the invariants.
*/
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty_[1];

static void die_oom(size_t n){
  fprintf(stderr, "overleg: out of memory (asked for %zu bytes)\n", n);
  abort();
}

void *xrealloc(void *p, size_t n){
  void *q = realloc(p, n ? n : 1);
  if( q==0 ) die_oom(n);
  return q;
}

void *grow_array(void *a, int n, size_t sz){
  if( n==0 ) return xrealloc(a, 64*sz);
  if( n>=64 && (n & (n-1))==0 ) return xrealloc(a, 2*(size_t)n*sz);
  return a;
}

char *xstrdup(const char *z){
  if( z==0 ) return 0;
  size_t n = strlen(z) + 1;
  char *p = xrealloc(0, n);
  memcpy(p, z, n);
  return p;
}

void buf_init(Buf *b){
  b->z = buf_empty_;
  b->n = 0;
  b->cap = 0;
}

void buf_release(Buf *b){
  if( b->cap ) free(b->z);
  buf_init(b);
}

char *buf_detach(Buf *b, size_t *pn){
  char *z;
  if( pn ) *pn = b->n;
  if( b->cap ){
    z = b->z;
  }else{
    z = xrealloc(0, 1);
    z[0] = 0;
  }
  buf_init(b);
  return z;
}

void buf_reset(Buf *b){
  b->n = 0;
  if( b->cap ) b->z[0] = 0;
}

void buf_grow(Buf *b, size_t extra){
  if( extra >= BUF_MAX || b->n + extra >= BUF_MAX ) die_oom(b->n + extra);
  size_t need = b->n + extra + 1;
  if( need <= b->cap ) return;
  size_t cap = b->cap ? b->cap : 64;
  while( cap < need ) cap += cap/2 + 64;
  if( b->cap ){
    b->z = xrealloc(b->z, cap);
  }else{
    b->z = xrealloc(0, cap);
    b->z[0] = 0;
  }
  b->cap = cap;
}

void buf_append(Buf *b, const void *p, size_t n){
  if( n==0 ) return;
  buf_grow(b, n);
  memcpy(b->z + b->n, p, n);
  b->n += n;
  b->z[b->n] = 0;
}

void buf_puts(Buf *b, const char *z){
  buf_append(b, z, strlen(z));
}

void buf_putc(Buf *b, int c){
  buf_grow(b, 1);
  b->z[b->n++] = (char)c;
  b->z[b->n] = 0;
}

void buf_vappendf(Buf *b, const char *fmt, va_list ap){
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(b->z + b->n, b->cap ? b->cap - b->n : 0, fmt, ap2);
  va_end(ap2);
  if( n < 0 ) return;
  if( b->cap==0 || (size_t)n >= b->cap - b->n ){
    buf_grow(b, (size_t)n);
    vsnprintf(b->z + b->n, b->cap - b->n, fmt, ap);
  }
  b->n += (size_t)n;
}

void buf_appendf(Buf *b, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  buf_vappendf(b, fmt, ap);
  va_end(ap);
}

void buf_truncate(Buf *b, size_t n){
  if( n >= b->n ) return;
  b->n = n;
  b->z[n] = 0;
}

int buf_read_file(Buf *b, const char *zPath, size_t max){
  FILE *f = fopen(zPath, "rb");
  if( f==0 ) return -1;
  char a[65536];
  size_t n, nRead = 0;
  while( nRead<=max && (n = fread(a, 1, sizeof a, f))>0 ){
    buf_append(b, a, n);
    nRead += n;
  }
  int rc = ferror(f) ? -1 : 0;
  fclose(f);
  return rc;
}
