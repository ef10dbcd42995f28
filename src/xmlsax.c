/*
** xmlsax.c — libxml2's SAX2 push parser, hardened, with namespace URIs
** mapped to small numbers.  See xmlsax.h.
**
** Why SAX and not xmlTextReader: the reader builds (and frees) a node per
** event, SAX hands us interned names and the text as it is parsed; it is
** several times faster, and the internalSubset callback lets us stop at
** "<!DOCTYPE" before any entity has been declared, which is the simplest
** complete defence against entity expansion attacks in libxml2 2.9.
*/
#include "xmlsax.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct { const char *zUri; Ns ns; } aNsMap[] = {
  { "urn:oasis:names:tc:opendocument:xmlns:office:1.0", NS_OFFICE },
  { "urn:oasis:names:tc:opendocument:xmlns:text:1.0", NS_TEXT },
  { "urn:oasis:names:tc:opendocument:xmlns:table:1.0", NS_TABLE },
  { "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0", NS_DRAW },
  { "urn:oasis:names:tc:opendocument:xmlns:style:1.0", NS_STYLE },
  { "urn:oasis:names:tc:opendocument:xmlns:meta:1.0", NS_META },
  { "http://purl.org/dc/elements/1.1/", NS_DC },
  { "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0", NS_FO },
  { "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0", NS_MANIFEST },
  { "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0", NS_LOEXT },
  { "http://openoffice.org/2009/office", NS_OFFICEOOO },
  { "http://schemas.openxmlformats.org/wordprocessingml/2006/main", NS_W },
  { "http://purl.oclc.org/ooxml/wordprocessingml/main", NS_W },
  { "http://schemas.openxmlformats.org/officeDocument/2006/relationships", NS_R },
  { "http://purl.oclc.org/ooxml/officeDocument/relationships", NS_R },
  { "http://schemas.openxmlformats.org/markup-compatibility/2006", NS_MC },
  { "http://schemas.openxmlformats.org/package/2006/relationships", NS_PKG_RELS },
  { "http://schemas.openxmlformats.org/package/2006/content-types", NS_PKG_CT },
  { "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", NS_CP },
  { "http://purl.org/dc/terms/", NS_DCTERMS },
  { "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", NS_EXTPROPS },
  { "http://purl.oclc.org/ooxml/officeDocument/extendedProperties", NS_EXTPROPS },
  { "http://schemas.microsoft.com/office/word/2010/wordprocessingShape", NS_WPS },
  { "urn:schemas-microsoft-com:vml", NS_VML },
  { "http://schemas.openxmlformats.org/drawingml/2006/main", NS_A },
  { "http://purl.oclc.org/ooxml/drawingml/main", NS_A },
};

#define NS_CACHE 16

typedef struct Parse {
  const XmlHandler *h;
  const Limits *lim;
  const char *zPart;       /* for messages */
  int flags;
  unsigned depth;
  xmlParserCtxtPtr ctxt;
  /* libxml2 interns namespace URIs in the parser's dictionary, so one
  ** pointer compare finds a URI seen before */
  const xmlChar *aUri[NS_CACHE];
  Ns aNs[NS_CACHE];
  int nCache, iNext;
} Parse;

static Ns ns_lookup(Parse *p, const xmlChar *zUri){
  if( zUri==0 ) return NS_NONE;
  for(int i=0; i<p->nCache; i++) if( p->aUri[i]==zUri ) return p->aNs[i];
  Ns ns = NS_OTHER;
  for(size_t i=0; i<sizeof aNsMap/sizeof aNsMap[0]; i++){
    if( strcmp((const char*)zUri, aNsMap[i].zUri)==0 ){ ns = aNsMap[i].ns; break; }
  }
  p->aUri[p->iNext] = zUri;
  p->aNs[p->iNext] = ns;
  p->iNext = (p->iNext+1) % NS_CACHE;
  if( p->nCache<NS_CACHE ) p->nCache++;
  return ns;
}

/* ------------------------------------------------------------ attributes */

const char *xmlsax_attr(const XmlAttrs *at, Ns ns, const char *local, size_t *pn){
  for(int i=0; i<at->n; i++){
    const unsigned char **a = at->a + 5*i;
    if( strcmp((const char*)a[0], local)==0 && ns_lookup(at->parse, a[2])==ns ){
      if( pn ) *pn = (size_t)(a[4]-a[3]);
      return (const char*)a[3];
    }
  }
  if( pn ) *pn = 0;
  return 0;
}

long xmlsax_attr_long(const XmlAttrs *at, Ns ns, const char *local, long dflt){
  char z[32];
  xmlsax_attr_copy(at, ns, local, z, sizeof z);
  char *zEnd;
  long v = strtol(z, &zEnd, 10);
  return z[0] && zEnd!=z ? v : dflt;
}

int xmlsax_attr_is(const XmlAttrs *at, Ns ns, const char *local, const char *z){
  size_t n;
  const char *v = xmlsax_attr(at, ns, local, &n);
  return v && n==strlen(z) && memcmp(v, z, n)==0;
}

const char *xmlsax_attr_copy(const XmlAttrs *at, Ns ns, const char *local,
                             char *buf, size_t nBuf){
  size_t n;
  const char *v = xmlsax_attr(at, ns, local, &n);
  if( v==0 ) n = 0;
  if( n>=nBuf ) n = nBuf-1;
  memcpy(buf, v ? v : "", n);
  buf[n] = 0;
  return buf;
}

/* -------------------------------------------------------- SAX callbacks */

static int stopped(Parse *p){
  if( p->h->err->set ){
    xmlStopParser(p->ctxt);
    return 1;
  }
  return 0;
}

static void refuse(Parse *p, const char *zWhat){
  err_set(p->h->err, "%s not allowed in %s", zWhat, p->zPart);
  xmlStopParser(p->ctxt);
}

static void on_start(void *ctx, const xmlChar *zLocal, const xmlChar *zPrefix,
                     const xmlChar *zUri, int nNs, const xmlChar **aNs,
                     int nAttr, int nDefaulted, const xmlChar **aAttr){
  Parse *p = ctx;
  if( stopped(p) ) return;
  if( ++p->depth > p->lim->maxDepth ){
    err_set(p->h->err, "document too deeply nested: more than %u levels in %s",
            p->lim->maxDepth, p->zPart);
    xmlStopParser(p->ctxt);
    return;
  }
  if( p->h->start ){
    XmlAttrs at = { nAttr, aAttr, p };
    p->h->start(p->h->ctx, ns_lookup(p, zUri), (const char*)zLocal, &at);
  }
}

static void on_end(void *ctx, const xmlChar *zLocal, const xmlChar *zPrefix,
                   const xmlChar *zUri){
  Parse *p = ctx;
  if( stopped(p) ) return;
  p->depth--;
  if( p->h->end ) p->h->end(p->h->ctx, ns_lookup(p, zUri), (const char*)zLocal);
}

static void on_text(void *ctx, const xmlChar *z, int n){
  Parse *p = ctx;
  if( stopped(p) ) return;
  if( p->h->text && n>0 ) p->h->text(p->h->ctx, (const char*)z, (size_t)n);
}

static void on_subset(void *ctx, const xmlChar *zName, const xmlChar *zExt,
                      const xmlChar *zSys){
  refuse(ctx, "a document type declaration (DTD) is");
}

static void on_entity_decl(void *ctx, const xmlChar *zName, int type,
                           const xmlChar *zPub, const xmlChar *zSys, xmlChar *z){
  refuse(ctx, "an entity declaration is");
}

/* No entity exists beyond the five predefined ones, which the parser
** resolves itself before asking. */
static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *zName){
  return 0;
}

static void on_start_document(void *ctx){
  Parse *p = ctx;
  const char *zEnc = (const char*)p->ctxt->encoding;
  if( zEnc==0 && p->ctxt->input ) zEnc = (const char*)p->ctxt->input->encoding;
  if( (p->flags & XMLSAX_STRICT_ENCODING) && zEnc
   && strncasecmp(zEnc, "UTF-8", 5)!=0 && strncasecmp(zEnc, "UTF8", 4)!=0
   && strncasecmp(zEnc, "UTF-16", 6)!=0 ){
    err_set(p->h->err, "unsupported text encoding %.40s in %s (only UTF-8 and UTF-16 are allowed)",
            zEnc, p->zPart);
    xmlStopParser(p->ctxt);
  }
}

/* Errors are collected from the context after each chunk, not printed. */
static void on_error(void *ctx, xmlErrorPtr e){
}

static xmlParserInputPtr refuse_loader(const char *zUrl, const char *zId,
                                       xmlParserCtxtPtr ctxt){
  return 0;
}

static xmlSAXHandler sax;   /* set once, then only read: threads share it */

static void init_once(void){
  xmlInitParser();
  xmlSetExternalEntityLoader(refuse_loader);
  memset(&sax, 0, sizeof sax);
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.cdataBlock = on_text;
  sax.ignorableWhitespace = on_text;
  sax.internalSubset = on_subset;
  sax.externalSubset = on_subset;
  sax.entityDecl = on_entity_decl;
  sax.getEntity = on_get_entity;
  sax.getParameterEntity = on_get_entity;
  sax.startDocument = on_start_document;
  sax.serror = on_error;
  sax.initialized = XML_SAX2_MAGIC;
}

void xmlsax_init(void){
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, init_once);
}

/* ------------------------------------------------------------ the parse */

typedef ssize_t (*ReadFn)(void *pSrc, char *buf, size_t n);

/* Copies libxml2's last error into err as one line. */
static void xml_error(Parse *p){
  xmlErrorPtr e = xmlCtxtGetLastError(p->ctxt);
  char zMsg[200];
  const char *zText = e && e->message ? e->message : "not well-formed";
  /* libxml2 starts some messages with its function's name: "xmlParseCharRef: " */
  size_t nFn = strspn(zText, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  if( nFn>3 && strncmp(zText, "xml", 3)==0 && zText[nFn]==':' && zText[nFn+1]==' ' ){
    zText += nFn+2;
  }
  snprintf(zMsg, sizeof zMsg, "%s", zText);
  for(char *z=zMsg; *z; z++) if( *z=='\n' || *z=='\r' ) *z = ' ';
  size_t n = strlen(zMsg);
  while( n>0 && zMsg[n-1]==' ' ) zMsg[--n] = 0;
  err_set(p->h->err, "XML error at line %d: %s (%s)", e ? e->line : 0, zMsg, p->zPart);
}

static int parse_stream(ReadFn xRead, void *pSrc, const char *zPart,
                        const Limits *lim, int flags, const XmlHandler *h){
  xmlsax_init();
  Parse p;
  memset(&p, 0, sizeof p);
  p.h = h;
  p.lim = lim;
  p.zPart = zPart;
  p.flags = flags;
  int rc = 0;
  char buf[65536];
  ssize_t n = xRead(pSrc, buf, 4);   /* the first bytes tell the encoding */
  if( n<0 ) return -1;
  /* no file name: libxml2 would look up the current directory for it, and
  ** messages name the part themselves */
  p.ctxt = xmlCreatePushParserCtxt(&sax, &p, buf, (int)n, 0);
  if( p.ctxt==0 ) return err_set(h->err, "out of memory parsing %s", zPart);
  xmlCtxtUseOptions(p.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  p.ctxt->sax->serror = on_error;
  while( rc==0 && !h->err->set ){
    n = xRead(pSrc, buf, sizeof buf);
    if( n<0 ){ rc = -1; break; }
    int xrc = xmlParseChunk(p.ctxt, buf, (int)n, n==0);
    if( h->err->set ) break;
    if( xrc!=0 || !p.ctxt->wellFormed ){ xml_error(&p); break; }
    if( n==0 ) break;
  }
  if( h->err->set ) rc = -1;
  xmlFreeParserCtxt(p.ctxt);
  return rc;
}

static ssize_t zip_read_fn(void *pSrc, char *buf, size_t n){
  return zipread_stream_read(pSrc, buf, n);
}

int xmlsax_parse_zip(ZipArchive *z, long i, const Limits *lim, int flags,
                     const XmlHandler *h){
  ZipStream *s;
  if( zipread_stream_open(z, i, &s, h->err) ) return -1;
  int rc = parse_stream(zip_read_fn, s, zipread_name(z, i), lim, flags, h);
  zipread_stream_close(s);
  return rc;
}

typedef struct FileSrc { FILE *f; Err *err; const char *zName; } FileSrc;

static ssize_t file_read_fn(void *pSrc, char *buf, size_t n){
  FileSrc *s = pSrc;
  size_t got = fread(buf, 1, n, s->f);
  if( got<n && ferror(s->f) ) return err_set(s->err, "cannot read %s", s->zName);
  return (ssize_t)got;
}

int xmlsax_parse_file(const char *path, const Limits *lim, int flags,
                      const XmlHandler *h){
  FileSrc s = { fopen(path, "rb"), h->err, path };
  if( s.f==0 ) return err_set(h->err, "cannot open the file");
  const char *zBase = strrchr(path, '/');
  int rc = parse_stream(file_read_fn, &s, zBase ? zBase+1 : path, lim, flags, h);
  fclose(s.f);
  return rc;
}
