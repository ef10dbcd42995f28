/*
** html.c — HTML escaping, the template engine and the embedded files of
** web/; see html.h for the template syntax.
**
** Every template of web/ is parsed once, at the first render, into a flat
** array of nodes: text (pointing into the embedded file), values, raw
** values, sections (with the index just past their closing tag), partials
** (by template index) and messages (looked up and escaped for both
** languages at parse time).  Rendering walks that array with a stack of
** contexts; nothing is allocated but the output.  The parsed templates
** and the messages are never freed and never change after the first use,
** so threads share them without locks.
*/
#include "html.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The embedded files: build/obj/web_files.c, made by src/embed-web.sh. */
struct WebFile { const char *zName; const unsigned char *p; size_t n; };
extern const struct WebFile overleg_web_files[];
extern const int overleg_web_nfile;

#define HTML_STACK_MAX 64      /* nested sections and partials, in contexts */
#define HTML_PARTIAL_DEPTH 16  /* partials within partials */
#define HTML_NAME_MAX 128      /* a tag's name */

/* -------------------------------------------------------------- escaping */

/* The length of the valid UTF-8 sequence at z (of n bytes), or 0. */
static size_t utf8_len(const unsigned char *z, size_t n){
  unsigned c = z[0];
  size_t len;
  uint32_t min, cp;
  if( c<0xC2 ) return 0;                         /* continuation or overlong */
  if( c<0xE0 ){ len = 2; min = 0x80; cp = c & 0x1F; }
  else if( c<0xF0 ){ len = 3; min = 0x800; cp = c & 0x0F; }
  else if( c<0xF5 ){ len = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if( len>n ) return 0;
  for(size_t i=1; i<len; i++){
    if( (z[i] & 0xC0)!=0x80 ) return 0;
    cp = (cp<<6) | (z[i] & 0x3F);
  }
  if( cp<min || cp>0x10FFFF || (cp>=0xD800 && cp<=0xDFFF) ) return 0;
  return len;
}

void html_escape_n(Buf *out, const char *zIn, size_t n){
  const unsigned char *z = (const unsigned char*)zIn;
  if( z==0 ) return;
  size_t iRun = 0;             /* start of the bytes copied as they are */
  size_t i = 0;
  while( i<n ){
    unsigned c = z[i];
    const char *zRep;
    size_t nSkip = 1;
    if( c>=0x80 ){
      size_t len = utf8_len(z+i, n-i);
      if( len ){ i += len; continue; }
      zRep = "\xEF\xBF\xBD";
    }else if( c>=0x20 && c!=0x7F ){
      switch( c ){
        case '&': zRep = "&amp;"; break;
        case '<': zRep = "&lt;"; break;
        case '>': zRep = "&gt;"; break;
        case '"': zRep = "&quot;"; break;
        case '\'': zRep = "&#39;"; break;
        default: i++; continue;
      }
    }else if( c=='\t' || c=='\n' || c=='\r' ){
      i++;
      continue;
    }else{
      zRep = "\xEF\xBF\xBD";
    }
    buf_append(out, z+iRun, i-iRun);
    buf_puts(out, zRep);
    i += nSkip;
    iRun = i;
  }
  buf_append(out, z+iRun, n-iRun);
}

void html_escape_marked(Buf *out, const char *z, size_t n){
  int bOpen = 0;
  size_t i = 0;
  while( z && i<n ){
    size_t j = i;
    while( j<n && z[j]!='\x02' && z[j]!='\x03' ) j++;
    html_escape_n(out, z+i, j-i);
    if( j<n && (z[j]=='\x02')!=bOpen ){
      buf_puts(out, bOpen ? "</mark>" : "<mark>");
      bOpen = !bOpen;
    }
    i = j+1;
  }
  if( bOpen ) buf_puts(out, "</mark>");
}

void html_escape(Buf *out, const char *z){
  if( z ) html_escape_n(out, z, strlen(z));
}

void html_url_arg(Buf *out, int *pn, const char *zName, const char *zValue){
  if( zValue==0 || zValue[0]==0 ) return;
  buf_putc(out, (*pn)++ ? '&' : '?');
  buf_puts(out, zName);
  buf_putc(out, '=');
  html_url_encode(out, zValue);
}

void html_url_encode(Buf *out, const char *z){
  static const char hex[] = "0123456789ABCDEF";
  if( z==0 ) return;
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( (c>='A' && c<='Z') || (c>='a' && c<='z') || (c>='0' && c<='9')
     || c=='-' || c=='.' || c=='_' || c=='~' ){
      buf_putc(out, c);
    }else{
      char a[3] = { '%', hex[c>>4], hex[c&15] };
      buf_append(out, a, 3);
    }
  }
}

/* ------------------------------------------------------------- web files */

const unsigned char *web_file(const char *zName, size_t *pn){
  for(int i=0; zName && i<overleg_web_nfile; i++){
    if( strcmp(overleg_web_files[i].zName, zName)==0 ){
      if( pn ) *pn = overleg_web_files[i].n;
      return overleg_web_files[i].p;
    }
  }
  if( pn ) *pn = 0;
  return 0;
}

/* -------------------------------------------------------------- messages */

static json_t *gMessages;      /* web/messages.json; never freed */

/* The "error_" messages, longest English text first: a message is matched
** against the most specific text before a shorter one that would also
** fit ("unknown body \"%s\" (did you mean %s?)" before "unknown body
** \"%s\""). */
typedef struct ErrorText { const char *zEn, *zNl; size_t nLiteral; int nPart; } ErrorText;
static ErrorText *gaError;
static int gnError;
#define ERROR_PARTS 4              /* %s in one message at most */

static const char *message_in(const char *zKey, int bEn){
  json_t *m = json_object_get(gMessages, zKey);
  const char *z = bEn ? json_string_value(json_object_get(m, "en")) : 0;
  if( z==0 ) z = json_string_value(json_object_get(m, "nl"));
  return z;
}

/* ------------------------------------------------------------- templates */

typedef enum TOp {
  T_TEXT,        /* z, n: literal bytes */
  T_VAR,         /* path: the value, escaped */
  T_RAW,         /* path: the value as it is (an _html key) */
  T_SECTION,     /* path; iEnd: the node after {{/name}} */
  T_INVERTED,    /* the same, {{^name}} */
  T_PARTIAL,     /* iTemplate */
  T_MESSAGE      /* azMsg: the message escaped, Dutch and English */
} TOp;

typedef struct TNode {
  TOp op;
  const char *z;            /* T_TEXT */
  size_t n;
  char **azSeg;             /* the path: "a.b" is {"a","b"}; "." none */
  int nSeg;
  int iEnd;
  int iTemplate;
  char *azMsg[2];
} TNode;

typedef struct Template {
  char *zName;              /* "home" for web/home.html; NULL: a text (tests) */
  TNode *a;
  int n, nAlloc;
  char *zErr;               /* the parse error, or NULL */
  int iFile;                /* its overleg_web_files[] entry */
} Template;

static Template *gaTemplate;   /* one per .html file of web/; never freed */
static int gnTemplate;
static pthread_once_t gOnce = PTHREAD_ONCE_INIT;

static int template_index(const char *zName, size_t n){
  for(int i=0; i<gnTemplate; i++){
    if( strlen(gaTemplate[i].zName)==n && memcmp(gaTemplate[i].zName, zName, n)==0 ) return i;
  }
  return -1;
}

static TNode *node_add(Template *t, TOp op){
  if( t->n==t->nAlloc ){
    t->nAlloc = t->nAlloc ? 2*t->nAlloc : 32;
    t->a = xrealloc(t->a, t->nAlloc*sizeof(TNode));
  }
  TNode *p = &t->a[t->n++];
  memset(p, 0, sizeof *p);
  p->op = op;
  return p;
}

static void template_clear(Template *t){
  for(int i=0; i<t->n; i++){
    for(int k=0; k<t->a[i].nSeg; k++) free(t->a[i].azSeg[k]);
    free(t->a[i].azSeg);
    free(t->a[i].azMsg[0]);
    free(t->a[i].azMsg[1]);
  }
  free(t->a);
  free(t->zErr);
  t->a = 0;
  t->n = t->nAlloc = 0;
  t->zErr = 0;
}

/* The 1-based line of z[i]. */
static int line_of(const char *z, size_t i){
  int n = 1;
  for(size_t k=0; k<i; k++) n += z[k]=='\n';
  return n;
}

/* Sets t's parse error (the first one). */
static int parse_error(Template *t, const char *zSrc, size_t iAt, const char *zMsg,
                       const char *zName, size_t nName){
  if( t->zErr ) return -1;
  Buf b = BUF_INIT;
  buf_appendf(&b, "template %s, line %d: %s", t->zName ? t->zName : "(text)",
              line_of(zSrc, iAt), zMsg);
  if( zName ) buf_appendf(&b, " \"%.*s\"", (int)nName, zName);
  t->zErr = buf_detach(&b, 0);
  return -1;
}

static int is_name_char(char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
      || c=='_' || c=='-' || c=='.';
}

/* Splits the path "a.b" into p's segments; "." is the current context. */
static int set_path(TNode *p, const char *z, size_t n){
  if( n==1 && z[0]=='.' ) return 0;
  size_t i = 0;
  while( i<=n ){
    size_t j = i;
    while( j<n && z[j]!='.' ) j++;
    if( j==i ) return -1;                     /* "a..b", ".a", "a." */
    p->azSeg = xrealloc(p->azSeg, (p->nSeg+1)*sizeof(char*));
    char *zSeg = xrealloc(0, j-i+1);
    memcpy(zSeg, z+i, j-i);
    zSeg[j-i] = 0;
    p->azSeg[p->nSeg++] = zSeg;
    i = j+1;
  }
  return 0;
}

static char *escaped(const char *z){
  Buf b = BUF_INIT;
  html_escape(&b, z);
  return buf_detach(&b, 0);
}

/*
** Parses zSrc (n bytes) into t.  0, or -1 with t->zErr set.  Sections are
** matched with a stack of open section nodes, so nesting is bounded only by
** the template's own size.
*/
static int template_parse(Template *t, const char *zSrc, size_t n){
  int *aOpen = 0;              /* indexes of the open sections */
  int nOpen = 0;
  size_t i = 0;
  int rc = 0;
  while( i<n && rc==0 ){
    const char *zTag = memmem(zSrc+i, n-i, "{{", 2);
    size_t iTag = zTag ? (size_t)(zTag-zSrc) : n;
    if( iTag>i ){
      TNode *p = node_add(t, T_TEXT);
      p->z = zSrc+i;
      p->n = iTag-i;
    }
    if( iTag==n ) break;
    int bTriple = iTag+2<n && zSrc[iTag+2]=='{';
    size_t iBody = iTag + (bTriple ? 3 : 2);
    const char *zClose = memmem(zSrc+iBody, n-iBody, bTriple ? "}}}" : "}}", bTriple ? 3 : 2);
    if( zClose==0 ){
      rc = parse_error(t, zSrc, iTag, "unclosed tag", 0, 0);
      break;
    }
    size_t iEndBody = (size_t)(zClose-zSrc);
    i = iEndBody + (bTriple ? 3 : 2);
    char cKind = bTriple ? '{' : zSrc[iBody];
    if( !bTriple && strchr("#^/>@!", cKind) ) iBody++;
    if( cKind=='!' ) continue;
    while( iBody<iEndBody && zSrc[iBody]==' ' ) iBody++;
    while( iEndBody>iBody && zSrc[iEndBody-1]==' ' ) iEndBody--;
    const char *zName = zSrc+iBody;
    size_t nName = iEndBody-iBody;
    int bOk = nName>0 && nName<HTML_NAME_MAX;
    for(size_t k=0; k<nName && bOk; k++) bOk = is_name_char(zName[k]);
    if( !bOk ){
      rc = parse_error(t, zSrc, iTag, "bad tag name", zName, nName);
      break;
    }
    TNode *p;
    switch( cKind ){
      case '#': case '^':
        p = node_add(t, cKind=='#' ? T_SECTION : T_INVERTED);
        if( set_path(p, zName, nName) ){
          rc = parse_error(t, zSrc, iTag, "bad tag name", zName, nName);
          break;
        }
        aOpen = xrealloc(aOpen, (nOpen+1)*sizeof(int));
        aOpen[nOpen++] = t->n-1;
        break;
      case '/': {
        TNode *pOpen = nOpen ? &t->a[aOpen[nOpen-1]] : 0;
        Buf path = BUF_INIT;
        for(int k=0; pOpen && k<pOpen->nSeg; k++){
          if( k ) buf_putc(&path, '.');
          buf_puts(&path, pOpen->azSeg[k]);
        }
        if( pOpen && pOpen->nSeg==0 ) buf_putc(&path, '.');
        if( pOpen==0 || path.n!=nName || memcmp(path.z, zName, nName)!=0 ){
          rc = parse_error(t, zSrc, iTag, "unmatched closing tag", zName, nName);
        }else{
          pOpen->iEnd = t->n;
          nOpen--;
        }
        buf_release(&path);
        break;
      }
      case '>': {
        p = node_add(t, T_PARTIAL);
        p->iTemplate = template_index(zName, nName);
        if( p->iTemplate<0 ) rc = parse_error(t, zSrc, iTag, "unknown partial", zName, nName);
        break;
      }
      case '@': {
        char zKey[HTML_NAME_MAX];
        memcpy(zKey, zName, nName);
        zKey[nName] = 0;
        if( message_in(zKey, 0)==0 ){
          rc = parse_error(t, zSrc, iTag, "unknown message", zName, nName);
          break;
        }
        p = node_add(t, T_MESSAGE);
        p->azMsg[0] = escaped(message_in(zKey, 0));
        p->azMsg[1] = escaped(message_in(zKey, 1));
        break;
      }
      default:
        p = node_add(t, bTriple ? T_RAW : T_VAR);
        if( set_path(p, zName, nName) ){
          rc = parse_error(t, zSrc, iTag, "bad tag name", zName, nName);
        }else if( bTriple && (p->nSeg==0 || strlen(p->azSeg[p->nSeg-1])<5
                  || strcmp(p->azSeg[p->nSeg-1]+strlen(p->azSeg[p->nSeg-1])-5, "_html")!=0) ){
          rc = parse_error(t, zSrc, iTag, "raw {{{...}}} of a key not ending in _html",
                           zName, nName);
        }
    }
  }
  if( rc==0 && nOpen ){
    const TNode *p = &t->a[aOpen[nOpen-1]];
    rc = parse_error(t, zSrc, n, "unclosed section", p->nSeg ? p->azSeg[0] : ".",
                     p->nSeg ? strlen(p->azSeg[0]) : 1);
  }
  free(aOpen);
  return rc;
}

static int error_cmp(const void *a, const void *b){
  const ErrorText *x = a, *y = b;
  return x->nLiteral<y->nLiteral ? 1 : x->nLiteral>y->nLiteral ? -1 : strcmp(x->zEn, y->zEn);
}

/* Loads the messages and parses every template of web/ (pthread_once). */
static void load_all(void){
  size_t n;
  const unsigned char *p = web_file("messages.json", &n);
  gMessages = p ? json_loadb((const char*)p, n, 0, 0) : 0;
  if( !json_is_object(gMessages) ){
    json_decref(gMessages);
    gMessages = json_object();
  }
  const char *zKey;
  json_t *v;
  json_object_foreach(gMessages, zKey, v){
    const char *zEn = json_string_value(json_object_get(v, "en"));
    const char *zNl = json_string_value(json_object_get(v, "nl"));
    if( strncmp(zKey, "error_", 6)!=0 || zEn==0 || zNl==0 ) continue;
    gaError = xrealloc(gaError, (size_t)(gnError+1)*sizeof gaError[0]);
    ErrorText *e = &gaError[gnError++];
    e->zEn = zEn;
    e->zNl = zNl;
    e->nLiteral = strlen(zEn);
    e->nPart = 0;
    for(const char *z=strstr(zEn, "%s"); z; z=strstr(z+2, "%s")){
      e->nLiteral -= 2;
      e->nPart++;
    }
  }
  qsort(gaError, (size_t)gnError, sizeof gaError[0], error_cmp);
  gaTemplate = xrealloc(0, (overleg_web_nfile+1)*sizeof(Template));
  memset(gaTemplate, 0, (overleg_web_nfile+1)*sizeof(Template));
  /* the names first, so that a partial may come before or after its user */
  for(int i=0; i<overleg_web_nfile; i++){
    const char *z = overleg_web_files[i].zName;
    size_t nz = strlen(z);
    if( nz>5 && strcmp(z+nz-5, ".html")==0 ){
      Template *t = &gaTemplate[gnTemplate++];
      t->zName = xrealloc(0, nz-4);
      memcpy(t->zName, z, nz-5);
      t->zName[nz-5] = 0;
      t->iFile = i;
    }
  }
  for(int i=0; i<gnTemplate; i++){
    const struct WebFile *f = &overleg_web_files[gaTemplate[i].iFile];
    template_parse(&gaTemplate[i], (const char*)f->p, f->n);
  }
}

static void load_once(void){
  pthread_once(&gOnce, load_all);
}

const char *html_message(const char *zKey, const char *zLang){
  load_once();
  const char *z = message_in(zKey, zLang && strcmp(zLang, "en")==0);
  return z ? z : zKey;
}

/* Does z fit the text zT, each "%s" of which stands for any text (the
** first the shortest that lets the rest fit)?  The parts into az, an. */
static int error_fit(const char *zT, const char *z, int k, const char **az, size_t *an){
  while( zT[0] && !(zT[0]=='%' && zT[1]=='s') ){
    if( *zT++!=*z++ ) return 0;
  }
  if( zT[0]==0 ) return z[0]==0;
  if( k>=ERROR_PARTS ) return 0;
  for(size_t n=0; ; n++){
    az[k] = z;
    an[k] = n;
    if( error_fit(zT+2, z+n, k+1, az, an) ) return 1;
    if( z[n]==0 ) return 0;
  }
}

void html_error_text(Buf *out, const char *zMsg, const char *zLang){
  load_once();
  if( zMsg==0 ) return;
  if( zLang==0 || strcmp(zLang, "en")!=0 ){
    const char *az[ERROR_PARTS];
    size_t an[ERROR_PARTS];
    for(int i=0; i<gnError; i++){
      if( !error_fit(gaError[i].zEn, zMsg, 0, az, an) ) continue;
      int k = 0;
      for(const char *z=gaError[i].zNl; *z; z++){
        if( z[0]=='%' && z[1]=='s' && k<gaError[i].nPart && k<ERROR_PARTS ){
          buf_append(out, az[k], an[k]);
          k++;
          z++;
        }else{
          buf_putc(out, *z);
        }
      }
      return;
    }
  }
  buf_puts(out, zMsg);
}

void html_err_lang(Err *e, const char *zLang){
  if( !e->set ) return;
  Buf b = BUF_INIT;
  html_error_text(&b, e->msg, zLang);
  snprintf(e->msg, sizeof e->msg, "%s", b.z);
  buf_release(&b);
}

/* ------------------------------------------------------------- rendering */

typedef struct Render {
  Buf *out;
  const json_t *aStack[HTML_STACK_MAX];   /* contexts, innermost last */
  int nStack;
  int bEn;
  int nPartial;
  Err *err;
} Render;

/* The value of p's path in the current contexts, or NULL. */
static const json_t *lookup(const Render *r, const TNode *p){
  if( p->nSeg==0 ) return r->aStack[r->nStack-1];
  const json_t *v = 0;
  for(int i=r->nStack-1; i>=0 && v==0; i--){
    v = json_object_get(r->aStack[i], p->azSeg[0]);   /* NULL for non-objects */
  }
  for(int k=1; k<p->nSeg && v; k++) v = json_object_get(v, p->azSeg[k]);
  return v;
}

/* Does {{#name}} run for v (at least once)? */
static int truthy(const json_t *v){
  if( v==0 ) return 0;
  switch( json_typeof(v) ){
    case JSON_OBJECT: return 1;
    case JSON_ARRAY: return json_array_size(v)>0;
    case JSON_STRING: return json_string_length(v)>0;
    case JSON_INTEGER: return json_integer_value(v)!=0;
    case JSON_REAL: return json_real_value(v)!=0.0;
    case JSON_TRUE: return 1;
    default: return 0;
  }
}

static void put_value(Render *r, const json_t *v, int bRaw){
  if( v==0 ) return;
  switch( json_typeof(v) ){
    case JSON_STRING:
      if( bRaw ) buf_append(r->out, json_string_value(v), json_string_length(v));
      else html_escape_n(r->out, json_string_value(v), json_string_length(v));
      break;
    case JSON_INTEGER:
      buf_appendf(r->out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
      break;
    case JSON_REAL:
      buf_appendf(r->out, "%g", json_real_value(v));
      break;
    default:
      break;
  }
}

static int render_range(Render *r, const Template *t, int iFirst, int iEnd);

static int push(Render *r, const json_t *v){
  if( r->nStack==HTML_STACK_MAX ) return err_set(r->err, "template nesting too deep");
  r->aStack[r->nStack++] = v;
  return 0;
}

static int render_template(Render *r, const Template *t){
  if( t->zErr ) return err_set(r->err, "%s", t->zErr);
  return render_range(r, t, 0, t->n);
}

static int render_range(Render *r, const Template *t, int iFirst, int iEnd){
  for(int i=iFirst; i<iEnd; i++){
    const TNode *p = &t->a[i];
    switch( p->op ){
      case T_TEXT:
        buf_append(r->out, p->z, p->n);
        break;
      case T_VAR: case T_RAW:
        put_value(r, lookup(r, p), p->op==T_RAW);
        break;
      case T_MESSAGE:
        buf_puts(r->out, p->azMsg[r->bEn]);
        break;
      case T_PARTIAL: {
        if( r->nPartial==HTML_PARTIAL_DEPTH ) return err_set(r->err, "template nesting too deep");
        r->nPartial++;
        int rc = render_template(r, &gaTemplate[p->iTemplate]);
        r->nPartial--;
        if( rc ) return rc;
        break;
      }
      case T_SECTION: case T_INVERTED: {
        const json_t *v = lookup(r, p);
        int bRun = truthy(v);
        if( p->op==T_INVERTED ){
          if( !bRun && render_range(r, t, i+1, p->iEnd) ) return -1;
        }else if( json_is_array(v) ){
          for(size_t k=0; k<json_array_size(v); k++){
            if( push(r, json_array_get(v, k)) ) return -1;
            int rc = render_range(r, t, i+1, p->iEnd);
            r->nStack--;
            if( rc ) return rc;
          }
        }else if( bRun ){
          if( push(r, v) ) return -1;
          int rc = render_range(r, t, i+1, p->iEnd);
          r->nStack--;
          if( rc ) return rc;
        }
        i = p->iEnd-1;
        break;
      }
    }
  }
  return 0;
}

/* Renders t with ctx into out; on error out is as it was. */
static int render_into(Buf *out, const Template *t, json_t *ctx, const char *zLang, Err *err){
  Render r;
  r.out = out;
  r.aStack[0] = ctx;
  r.nStack = 1;
  r.bEn = zLang && strcmp(zLang, "en")==0;
  r.nPartial = 0;
  r.err = err;
  size_t n0 = out->n;
  int rc = render_template(&r, t);
  if( rc ) buf_truncate(out, n0);
  return rc;
}

int html_render(Buf *out, const char *zName, json_t *ctx, const char *zLang, Err *err){
  load_once();
  int i = zName ? template_index(zName, strlen(zName)) : -1;
  if( i<0 ) return err_set(err, "unknown template \"%s\"", zName ? zName : "");
  return render_into(out, &gaTemplate[i], ctx, zLang, err);
}

int html_render_text(Buf *out, const char *zText, json_t *ctx, const char *zLang, Err *err){
  load_once();
  Template t;
  memset(&t, 0, sizeof t);
  int rc = template_parse(&t, zText, strlen(zText));
  rc = rc ? err_set(err, "%s", t.zErr) : render_into(out, &t, ctx, zLang, err);
  template_clear(&t);
  return rc;
}
