/*
** xmlsax.h — safe, streaming XML parsing for the readers.
**
** libxml2's SAX2 push parser, fed in chunks from a zip entry or a file, so
** memory stays flat whatever the part's size.  Hardened for hostile input:
** any document type declaration stops the parse (no entity can be defined,
** so none is expanded: billion laughs, quadratic blow-up and external
** entities are all refused at "<!DOCTYPE"), no network, an external entity
** loader that refuses everything, and element depth bounded.
**
** Handlers see elements by namespace *URI*, mapped to a small Ns number,
** never by prefix: "ns0:p" and "w:p" are the same element.
*/
#ifndef OVERLEG_XMLSAX_H
#define OVERLEG_XMLSAX_H

#include <stddef.h>
#include "err.h"
#include "bounds.h"
#include "zipread.h"

typedef enum Ns {
  NS_NONE = 0,   /* no namespace */
  NS_OTHER,      /* a namespace overleg does not know */
  /* OpenDocument */
  NS_OFFICE, NS_TEXT, NS_TABLE, NS_DRAW, NS_STYLE, NS_META, NS_DC, NS_FO,
  NS_MANIFEST, NS_LOEXT, NS_OFFICEOOO,
  /* Office Open XML; Strict namespaces map to the same numbers */
  NS_W,          /* wordprocessingml main */
  NS_R,          /* officeDocument relationships (attribute r:id) */
  NS_MC,         /* markup compatibility */
  NS_PKG_RELS, NS_PKG_CT, NS_CP, NS_DCTERMS, NS_EXTPROPS,
  NS_WPS, NS_VML, NS_A,
  NS_COUNT
} Ns;

/* SAX2 attributes: for i in [0,n): a[5i] local name, a[5i+2] namespace
** URI, value from a[5i+3] to a[5i+4] (not NUL-terminated). */
typedef struct XmlAttrs {
  int n;
  const unsigned char **a;
  void *parse;   /* private: the parse, for its namespace cache */
} XmlAttrs;

/* Value of the attribute ns:local, or NULL; *pn gets its length. */
const char *xmlsax_attr(const XmlAttrs *at, Ns ns, const char *local, size_t *pn);
/* The attribute as an integer, or dflt when absent or not a number. */
long xmlsax_attr_long(const XmlAttrs *at, Ns ns, const char *local, long dflt);
/* Non-zero when the attribute is present and equals z exactly. */
int xmlsax_attr_is(const XmlAttrs *at, Ns ns, const char *local, const char *z);
/* The attribute copied into buf (truncated, NUL-terminated); buf[0]=0 when absent. */
const char *xmlsax_attr_copy(const XmlAttrs *at, Ns ns, const char *local,
                             char *buf, size_t nBuf);

typedef struct XmlHandler {
  void *ctx;
  void (*start)(void *ctx, Ns ns, const char *local, const XmlAttrs *at);
  void (*end)(void *ctx, Ns ns, const char *local);
  void (*text)(void *ctx, const char *z, size_t n);
  /* Every handler call is skipped once err->set; the parse then stops. */
  Err *err;
} XmlHandler;

enum {
  XMLSAX_STRICT_ENCODING = 1  /* only UTF-8 and UTF-16 (OOXML packages) */
};

/* Initialises libxml2 and installs the refusing entity loader; the
** parse functions call it too (once per process, thread-safe). */
void xmlsax_init(void);

/* Parses entry i of z (name, for messages, is the part name).  Returns 0,
** or -1 with h->err set: "XML error at line N: ...", a zip error, a limit. */
int xmlsax_parse_zip(ZipArchive *z, long i, const Limits *lim, int flags,
                     const XmlHandler *h);
/* Parses a plain XML file (Flat ODT) the same way. */
int xmlsax_parse_file(const char *path, const Limits *lim, int flags,
                      const XmlHandler *h);

#endif
