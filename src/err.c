/*
** err.c — the first error wins; see err.h.
*/
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

int err_set(Err *e, const char *fmt, ...){
  if( e && !e->set ){
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->set = 1;
  }
  return -1;
}

void err_clear(Err *e){
  e->set = 0;
  e->msg[0] = 0;
}
