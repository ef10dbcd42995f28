/*
** err.c — the first error wins; see err.h.
*/
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

enum { KIND_INPUT, KIND_INTERNAL, KIND_NOTFOUND };

static void err_vset(Err *e, int eKind, const char *fmt, va_list ap){
  if( e && !e->set ){
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->set = 1;
    e->internal = eKind==KIND_INTERNAL;
    e->notfound = eKind==KIND_NOTFOUND;
  }
}

int err_set(Err *e, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  err_vset(e, KIND_INPUT, fmt, ap);
  va_end(ap);
  return -1;
}

int err_internal(Err *e, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  err_vset(e, KIND_INTERNAL, fmt, ap);
  va_end(ap);
  return -1;
}

int err_notfound(Err *e, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  err_vset(e, KIND_NOTFOUND, fmt, ap);
  va_end(ap);
  return -1;
}

void err_clear(Err *e){
  e->set = 0;
  e->internal = 0;
  e->notfound = 0;
  e->msg[0] = 0;
}
