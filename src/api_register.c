/*
** api_register.c — GET /api/decisions and GET /api/actions: the JSON of
** register.h as it is, with the arguments of "overleg decisions" and
** "overleg actions": q, body, topic, from, to, proposals (decisions),
** open (actions), limit, offset.  Bad arguments get 400 with a message
** saying what to send; 500 is kept for an archive that cannot be read.
*/
#include "pages_register.h"
#include "register.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>


/* A flag argument: absent, "", "0", "false", "no" are 0; "1", "true",
** "yes", "on" (a ticked checkbox) 1.  0, or -1 after replying 400. */
static int bool_arg(HttpReq *r, const char *zName, int *pb){
  static const char *const azTrue[] = { "1", "true", "yes", "on" };
  static const char *const azFalse[] = { "0", "false", "no", "off" };
  const char *z = http_arg_given(r, zName);
  *pb = 0;
  if( z==0 ) return 0;
  for(int i=0; i<4; i++){
    if( strcasecmp(z, azTrue[i])==0 ){
      *pb = 1;
      return 0;
    }
    if( strcasecmp(z, azFalse[i])==0 ) return 0;
  }
  Buf m = BUF_INIT;
  buf_appendf(&m, "%s is true or false", zName);
  http_reply_json_error(r, 400, m.z);
  buf_release(&m);
  return -1;
}

/* Either list: bActions picks it. */
static void reply_list(HttpReq *r, int bActions){
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  f.zQuery = http_arg(r, "q");
  f.zBody = http_arg_given(r, "body");
  f.zTopic = http_arg_given(r, "topic");
  f.zFrom = http_arg_given(r, "from");
  f.zTo = http_arg_given(r, "to");
  if( bool_arg(r, bActions ? "open" : "proposals", bActions ? &f.bOpen : &f.bProposals)
   || http_arg_int(r, "limit", REGISTER_LIMIT_DEFAULT, 1, REGISTER_LIMIT_MAX, &f.nLimit)
   || http_arg_int(r, "offset", 0, 0, 100000000, &f.nOffset) ){
    return;
  }
  Err err = ERR_INIT;
  json_t *j = bActions ? register_actions(http_db(r), &f, &err)
                       : register_decisions(http_db(r), &f, &err);
  if( j==0 ){
    if( err.internal ) fprintf(stderr, "overleg: %s: %s\n", http_path(r), err.msg);
    http_reply_json_error(r, err.internal ? 500 : 400, err.msg);
    return;
  }
  http_reply_json(r, 200, j);
}

/* GET /api/decisions: q, body, topic, from, to, proposals, limit, offset. */
static void api_decisions(HttpReq *r){
  reply_list(r, 0);
}

/* GET /api/actions: q, body, topic, from, to, open, limit, offset. */
static void api_actions(HttpReq *r){
  reply_list(r, 1);
}

const HttpRoute register_api_routes[] = {
  { "GET", "/api/decisions", api_decisions, AUTH_LEZER },
  { "GET", "/api/actions",   api_actions,   AUTH_LEZER },
  { 0, 0, 0, AUTH_NONE }
};
