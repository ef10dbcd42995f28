/*
** docx.c — the Office Open XML wordprocessing reader.  See docx.h.
**
** The package is walked the way Word walks it: _rels/.rels names the main
** part, whose content type must be a wordprocessing main type, and the
** main part's relationships name the styles, numbering, notes, comments,
** headers and footers (by relationship type, never by a fixed path).
** Every part is streamed through xmlsax; elements are known by namespace
** number and local name, so "ns0:p" and Strict files read like "w:p".
**
** Parts are read in this order: styles and numbering (small lookup
** tables), the main part (the running text; every note citation gets its
** mark there and is remembered), the footnote and endnote parts (only the
** cited notes, put into citation order at the end), comments, headers and
** footers, then the core and app properties.
**
** Choices where Word's display has no plain-text answer:
**   - footnote marks are 1, 2, 3...; endnote marks i, ii, iii... (Word's
**     defaults); a w:customMarkFollows citation takes the text that
**     follows as its mark and does not use up a number;
**   - a page or column break is a line break when text stands on both
**     sides of it in the paragraph, nothing otherwise;
**   - a paragraph style named "Title" is a level 1 heading, "heading N" a
**     level N heading, when no outline level decides (an outline level,
**     direct or through the basedOn chain, always wins);
**   - w:noBreakHyphen is '-', w:softHyphen nothing; w:sym in the Symbol
**     font becomes its Unicode character, other symbol fonts keep their
**     private-use code point.
*/
#include "docx.h"
#include "xmlsax.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RELS_MAX 1024          /* relationships kept from one .rels part */
#define STYLE_CHAIN_MAX 64     /* basedOn steps followed (cycle guard) */
#define STYLE_MAX 20000        /* styles kept; real documents have a few hundred */
#define MARK_MAX 32            /* bytes of a custom note mark */
#define META_MAX (64*1024)     /* bytes kept of one document property */
#define SPAN_CELLS_MAX (1<<20) /* covered cells made up for spans, per file */
#define NUM_MAX (1L<<30)       /* numIds and levels past this are garbage */
#define NO_ID (-NUM_MAX-1)     /* a note without a usable w:id */

/* ---------------------------------------------------------------- helpers */

/* The length of z[0..n) cut to at most max bytes without splitting a
** UTF-8 sequence. */
static size_t utf8_cut(const char *z, size_t n, size_t max){
  if( n<=max ) return n;
  n = max;
  while( n>0 && ((unsigned char)z[n] & 0xc0)==0x80 ) n--;
  return n;
}

/* Encodes c into z; returns the length, 0 for a code point that has no
** place in text (controls, surrogates, non-characters, out of range). */
static int utf8_encode(unsigned long c, char *z){
  if( c<0x20 || (c>=0xd800 && c<=0xdfff) || c==0xfffe || c==0xffff || c>0x10ffff ){
    return 0;
  }
  if( c<0x80 ){ z[0] = (char)c; return 1; }
  if( c<0x800 ){
    z[0] = (char)(0xc0 | c>>6);
    z[1] = (char)(0x80 | (c & 0x3f));
    return 2;
  }
  if( c<0x10000 ){
    z[0] = (char)(0xe0 | c>>12);
    z[1] = (char)(0x80 | (c>>6 & 0x3f));
    z[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  z[0] = (char)(0xf0 | c>>18);
  z[1] = (char)(0x80 | (c>>12 & 0x3f));
  z[2] = (char)(0x80 | (c>>6 & 0x3f));
  z[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

static int mem_is(const char *z, size_t n, const char *zLit){
  return z && n==strlen(zLit) && memcmp(z, zLit, n)==0;
}

/* The ST_OnOff attribute w:zName; dflt when it is absent. */
static int attr_onoff(const XmlAttrs *at, const char *zName, int dflt){
  size_t n;
  const char *z = xmlsax_attr(at, NS_W, zName, &n);
  if( z==0 ) return dflt;
  return !(mem_is(z, n, "0") || mem_is(z, n, "false") || mem_is(z, n, "off"));
}

/* n in lower-case Roman numerals (Word's endnote default), decimal
** past 3999 where Roman numerals run out. */
static void roman(int n, char *z, size_t nz){
  static const struct { int v; const char *z; } a[] = {
    {1000,"m"},{900,"cm"},{500,"d"},{400,"cd"},{100,"c"},{90,"xc"},
    {50,"l"},{40,"xl"},{10,"x"},{9,"ix"},{5,"v"},{4,"iv"},{1,"i"},
  };
  if( n<1 || n>3999 ){
    snprintf(z, nz, "%d", n);
    return;
  }
  size_t k = 0;
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    for(; n>=a[i].v; n-=a[i].v){
      for(const char *p=a[i].z; *p && k+1<nz; p++) z[k++] = *p;
    }
  }
  z[k] = 0;
}

static int long_cmp(const void *a, const void *b){
  long x = *(const long*)a, y = *(const long*)b;
  return x<y ? -1 : x>y;
}

static int longs_has(const long *a, size_t n, long v){
  return n>0 && bsearch(&v, a, n, sizeof a[0], long_cmp)!=0;
}

typedef struct Longs { long *a; size_t n, cap; } Longs;

static void longs_push(Longs *p, long v){
  if( p->n==p->cap ){
    p->cap = p->cap ? p->cap*2 : 16;
    p->a = xrealloc(p->a, p->cap * sizeof p->a[0]);
  }
  p->a[p->n++] = v;
}

/* ------------------------------------------------------------- the reader */

typedef enum RelType {
  REL_NONE, REL_DOCUMENT, REL_CORE, REL_APP, REL_STYLES, REL_NUMBERING,
  REL_FOOTNOTES, REL_ENDNOTES, REL_COMMENTS, REL_HEADER, REL_FOOTER
} RelType;

typedef struct Rel { RelType type; size_t iName; } Rel;

/* The relationships of one part that overleg follows; iName is the
** offset of the resolved part name in pool. */
typedef struct Rels { Rel *a; int n, cap; Buf pool; } Rels;

/* What a paragraph's properties say, -1 where they say nothing. */
typedef struct ParaProps { int outline, numId, ilvl; } ParaProps;

typedef struct Style {
  const char *zId;      /* points into the pool once styles.xml is read */
  size_t iId, iBase;    /* pool offsets; iBase is NO_BASE when none */
  int base;             /* index of the basedOn style, -1 */
  int bDefault;
  int nameLevel;        /* 1-9 from "heading N", 1 for "Title", else 0 */
  int bPara;            /* a paragraph style (else a character style) */
  ParaProps own;        /* as written in the style */
  ParaProps eff;        /* resolved through the basedOn chain */
  int effName;
  int vanish, effVanish;/* w:vanish in its run properties: 1, 0, -1 unset */
} Style;
#define NO_BASE ((size_t)-1)

typedef struct Cite {
  BlockKind kind;
  long id;              /* w:id of the note */
  size_t ord;           /* position among all citations */
  char zMark[MARK_MAX+1];
} Cite;

/* One open XML element of a story part. */
typedef enum ElCode {
  EL_OTHER = 0, EL_P, EL_PPR, EL_NUMPR, EL_R, EL_RPR, EL_T, EL_TBL, EL_TR,
  EL_TRPR, EL_TC, EL_TCPR, EL_AC, EL_CHOICE, EL_TXBX, EL_NOTE, EL_COMMENT
} ElCode;

enum {
  F_TEXT = 1, F_BREAK = 2, F_TRIM = 4,  /* EL_P: has text, break pending,
                                        ** drop white space after a note mark */
  F_HIDDEN = 1,                         /* EL_R: w:vanish */
  F_CHOSEN = 1,                         /* EL_AC: a w:Choice was read */
  F_PENDING = 1                         /* EL_TC: cell not begun yet */
};

typedef struct El {
  unsigned char code, flags;
  int aux;   /* EL_P: enclosing paragraph's depth; EL_T, EL_RPR: the run's
             ** depth; EL_NOTE: the citation's ord */
} El;

/* A vertical merge open in a grid column: rows row..last are one cell. */
typedef struct VRun { int row, last; } VRun;

enum { VM_NONE, VM_RESTART, VM_CONTINUE };

typedef struct Tbl {
  int iRow, iCol;       /* current row, next grid column */
  int span, vmerge;     /* of the cell whose w:tcPr is being read */
  int nAfter;           /* w:gridAfter of the current row */
  VRun *aRun;           /* per grid column */
  int nRun, capRun;
} Tbl;

typedef enum StoryMode { STORY_BODY, STORY_NOTES, STORY_COMMENTS, STORY_MARGIN } StoryMode;

typedef struct Docx Docx;

/* The state while one story part (document, notes, comments, a header or
** footer) is parsed.  Nesting lives in aEl, one entry per open element,
** so no element allocates. */
typedef struct Story {
  Docx *x;
  StoryMode mode;
  BlockKind noteKind;       /* STORY_NOTES */
  El *aEl;                  /* [0] stands for the document itself */
  int nEl, depth;
  int skip;                 /* depth of the element being skipped, or 0 */
  int pDepth;               /* innermost open w:p, 0 when none */
  int pStyle;               /* w:pPr of the paragraph being opened */
  ParaProps pp;
  unsigned long long fldCode;  /* bit i: field i is still in its code */
  int nFld;                 /* open complex fields */
  Tbl *aTbl;
  int nTbl, capTbl;
  int bPendMark;            /* a w:customMarkFollows citation waits */
  BlockKind pendKind;
  long pendId;
  char zPend[MARK_MAX+5];
  size_t nPend;
  size_t nNotesBefore;      /* STORY_NOTES: d->notes.n at the note's start */
} Story;

struct Docx {
  ZipArchive *z;
  const Limits *lim;
  Doc *d;
  Err *err;
  DocBuilder *b;
  Style *aStyle;
  int nStyle, capStyle, iDefault;
  Buf stylePool;
  Longs num;                /* w:num ids that name a defined abstractNum */
  Cite *aCite;
  size_t nCite, capCite;
  int nFoot, nEnd;          /* automatic marks given so far */
  Longs emit;               /* the ord of each note block, d->notes order */
  size_t iNote0;            /* d->notes.n before the notes were read */
  long nSpanCells;
  Buf scratch;
  Story s;
};

/* Parses part zName with the handlers, if the package has it: optional
** parts that are missing are simply not read.  Returns 0 or -1. */
static int part_parse(Docx *x, const char *zName, void *ctx,
                      void (*xStart)(void*, Ns, const char*, const XmlAttrs*),
                      void (*xEnd)(void*, Ns, const char*),
                      void (*xText)(void*, const char*, size_t)){
  if( zName==0 ) return 0;
  long i = zipread_find(x->z, zName);
  if( i<0 ) return 0;
  XmlHandler h = { ctx, xStart, xEnd, xText, x->err };
  return xmlsax_parse_zip(x->z, i, x->lim, XMLSAX_STRICT_ENCODING, &h);
}

/* --------------------------------------------------------- relationships */

/* The relationship types followed.  Transitional, Strict and package
** relationship types share their last part (Strict spells one in camel
** case), so the type is matched as one of the bases plus a name. */
static RelType rel_type(const char *z, size_t n){
  static const char *azBase[] = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",
    "http://schemas.openxmlformats.org/package/2006/relationships/",
  };
  static const struct { const char *zName; RelType t; } a[] = {
    { "officeDocument", REL_DOCUMENT },
    { "metadata/core-properties", REL_CORE },
    { "extended-properties", REL_APP },
    { "extendedProperties", REL_APP },
    { "styles", REL_STYLES },
    { "numbering", REL_NUMBERING },
    { "footnotes", REL_FOOTNOTES },
    { "endnotes", REL_ENDNOTES },
    { "comments", REL_COMMENTS },
    { "header", REL_HEADER },
    { "footer", REL_FOOTER },
  };
  for(size_t i=0; i<sizeof azBase/sizeof azBase[0]; i++){
    size_t nBase = strlen(azBase[i]);
    /* LibreOffice's ISO 29500 export writes ".../officedocument/...": the
    ** base is matched ignoring case */
    if( n<=nBase || strncasecmp(z, azBase[i], nBase)!=0 ) continue;
    for(size_t j=0; j<sizeof a/sizeof a[0]; j++){
      if( mem_is(z+nBase, n-nBase, a[j].zName) ) return a[j].t;
    }
  }
  return REL_NONE;
}

/* Appends to out the part name that zTarget names from the folder zDir
** ("" or ending in '/'), NUL-terminated: "." and ".." are resolved and a
** leading '/' starts at the package root.  Part names have no leading '/'
** here, as in the zip directory. */
static void part_resolve(Buf *out, const char *zDir, const char *zTarget, size_t nTarget){
  size_t n0 = out->n;
  if( nTarget==0 || zTarget[0]!='/' ) buf_puts(out, zDir);
  for(size_t i=0; i<nTarget; ){
    size_t j = i;
    while( j<nTarget && zTarget[j]!='/' ) j++;
    if( mem_is(zTarget+i, j-i, "..") ){
      size_t k = out->n>n0 ? out->n-1 : n0;
      while( k>n0 && out->z[k-1]!='/' ) k--;
      buf_truncate(out, k);
    }else if( j>i && !mem_is(zTarget+i, j-i, ".") ){
      buf_append(out, zTarget+i, j-i);
      buf_putc(out, '/');
    }
    i = j+1;
  }
  if( out->n>n0 && out->z[out->n-1]=='/' ) buf_truncate(out, out->n-1);
  buf_putc(out, 0);
}

typedef struct RelsParse { Rels *r; const char *zDir; } RelsParse;

static void rels_start(void *ctx, Ns ns, const char *zLocal, const XmlAttrs *at){
  RelsParse *p = ctx;
  if( ns!=NS_PKG_RELS || strcmp(zLocal, "Relationship")!=0 ) return;
  size_t nType, nTarget;
  const char *zType = xmlsax_attr(at, NS_NONE, "Type", &nType);
  const char *zTarget = xmlsax_attr(at, NS_NONE, "Target", &nTarget);
  RelType t = zType ? rel_type(zType, nType) : REL_NONE;
  if( t==REL_NONE || zTarget==0 || p->r->n>=RELS_MAX ) return;
  if( xmlsax_attr_is(at, NS_NONE, "TargetMode", "External") ) return;
  Rels *r = p->r;
  if( r->n==r->cap ){
    r->cap = r->cap ? r->cap*2 : 16;
    r->a = xrealloc(r->a, (size_t)r->cap * sizeof r->a[0]);
  }
  r->a[r->n].type = t;
  r->a[r->n].iName = r->pool.n;
  r->n++;
  part_resolve(&r->pool, p->zDir, zTarget, nTarget);
}

/* Reads the relationships part zName (absent: none) of a part in zDir. */
static int rels_read(Docx *x, const char *zName, const char *zDir, Rels *r){
  RelsParse p = { r, zDir };
  return part_parse(x, zName, &p, rels_start, 0, 0);
}

static const char *rels_name(const Rels *r, int i){ return r->pool.z + r->a[i].iName; }

/* The part of the first relationship of type t, or NULL. */
static const char *rels_first(const Rels *r, RelType t){
  for(int i=0; i<r->n; i++) if( r->a[i].type==t ) return rels_name(r, i);
  return 0;
}

static void rels_free(Rels *r){
  free(r->a);
  buf_release(&r->pool);
}

/* --------------------------------------------------------- content types */

typedef struct CtParse {
  const char *zPart, *zExt;
  Buf over, dflt;        /* the Override for zPart, the Default for zExt */
} CtParse;

static void ct_start(void *ctx, Ns ns, const char *zLocal, const XmlAttrs *at){
  CtParse *p = ctx;
  if( ns!=NS_PKG_CT ) return;
  size_t n, nType;
  const char *zType = xmlsax_attr(at, NS_NONE, "ContentType", &nType);
  if( zType==0 ) return;
  if( strcmp(zLocal, "Override")==0 ){
    const char *z = xmlsax_attr(at, NS_NONE, "PartName", &n);
    if( z && n>0 && z[0]=='/' ){ z++; n--; }
    if( z && n==strlen(p->zPart) && strncasecmp(z, p->zPart, n)==0 && p->over.n==0 ){
      buf_append(&p->over, zType, nType);
    }
  }else if( strcmp(zLocal, "Default")==0 ){
    const char *z = xmlsax_attr(at, NS_NONE, "Extension", &n);
    if( z && n==strlen(p->zExt) && strncasecmp(z, p->zExt, n)==0 && p->dflt.n==0 ){
      buf_append(&p->dflt, zType, nType);
    }
  }
}

/* Checks that the main part exists and has a wordprocessing main content
** type: a spreadsheet or presentation package is not a Word document
** even though it is OOXML. */
static int main_check(Docx *x, const char *zMain){
  static const char *azWord[] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
  };
  const char *zBase = strrchr(zMain, '/');
  const char *zExt = strrchr(zBase ? zBase : zMain, '.');
  CtParse p = { zMain, zExt ? zExt+1 : "", BUF_INIT, BUF_INIT };
  int rc = part_parse(x, "[Content_Types].xml", &p, ct_start, 0, 0);
  if( rc==0 ){
    const char *zType = p.over.n ? p.over.z : p.dflt.z;
    int bWord = 0;
    for(size_t i=0; i<sizeof azWord/sizeof azWord[0]; i++){
      if( strcasecmp(zType, azWord[i])==0 ) bWord = 1;
    }
    if( !bWord ){
      const char *zWhat = strstr(zType, "spreadsheetml") || strstr(zType, "ms-excel")
          ? " (it is a spreadsheet)"
          : strstr(zType, "presentationml") || strstr(zType, "ms-powerpoint")
          ? " (it is a presentation)" : "";
      rc = err_set(x->err, "not an ODT or DOCX file%s", zWhat);
    }else if( zipread_find(x->z, zMain)<0 ){
      rc = err_set(x->err, "corrupt document: %s is missing", zMain);
    }
  }
  buf_release(&p.over);
  buf_release(&p.dflt);
  return rc;
}

/* ----------------------------------------------------------------- styles */

typedef struct StylesParse {
  Docx *x;
  int depth;
  int dStyle, dPPr, dNumPr, dRPr; /* depths of the open w:style, w:pPr,
                                  ** w:numPr, w:rPr */
  int bPara, bId;
  Style cur;
} StylesParse;

/* 1-9 for a style named "heading 1".."heading 9" (any case; LibreOffice
** writes "Heading 1"), 1 for "Title", else 0. */
static int style_name_level(const char *z, size_t n){
  if( n==9 && strncasecmp(z, "heading ", 8)==0 && z[8]>='1' && z[8]<='9' ) return z[8]-'0';
  if( n==5 && strncasecmp(z, "title", 5)==0 ) return 1;
  return 0;
}

static void pool_add(Buf *pool, const char *z, size_t n){
  buf_append(pool, z, n);
  buf_putc(pool, 0);
}

static void styles_start(void *ctx, Ns ns, const char *zLocal, const XmlAttrs *at){
  StylesParse *p = ctx;
  int d = ++p->depth;
  if( ns!=NS_W ) return;
  Buf *pool = &p->x->stylePool;
  size_t n;
  const char *z;
  if( p->dStyle==0 ){
    if( d!=2 || strcmp(zLocal, "style")!=0 ) return;
    p->dStyle = d;
    memset(&p->cur, 0, sizeof p->cur);
    p->cur.iBase = NO_BASE;
    p->cur.own = (ParaProps){ -1, -1, -1 };
    z = xmlsax_attr(at, NS_W, "type", &n);
    p->bPara = z==0 || mem_is(z, n, "paragraph");
    p->cur.bPara = p->bPara;
    p->cur.vanish = -1;
    p->cur.bDefault = attr_onoff(at, "default", 0);
    int bChar = z && mem_is(z, n, "character");
    z = xmlsax_attr(at, NS_W, "styleId", &n);
    p->bId = z!=0 && (p->bPara || bChar);
    if( p->bId ){
      p->cur.iId = pool->n;
      pool_add(pool, z, n);
    }
  }else if( d==p->dStyle+1 ){
    z = xmlsax_attr(at, NS_W, "val", &n);
    if( strcmp(zLocal, "name")==0 && z ){
      p->cur.nameLevel = style_name_level(z, n);
    }else if( strcmp(zLocal, "basedOn")==0 && z && p->bId ){
      p->cur.iBase = pool->n;
      pool_add(pool, z, n);
    }else if( strcmp(zLocal, "pPr")==0 ){
      p->dPPr = d;
    }else if( strcmp(zLocal, "rPr")==0 ){
      p->dRPr = d;
    }
  }else if( p->dRPr && d==p->dRPr+1 ){
    if( strcmp(zLocal, "vanish")==0 ) p->cur.vanish = attr_onoff(at, "val", 1);
  }else if( p->dPPr && d==p->dPPr+1 ){
    if( strcmp(zLocal, "outlineLvl")==0 ){
      long v = xmlsax_attr_long(at, NS_W, "val", -1);
      if( v>=0 && v<=9 ) p->cur.own.outline = (int)v;
    }else if( strcmp(zLocal, "numPr")==0 ){
      p->dNumPr = d;
    }
  }else if( p->dNumPr && d==p->dNumPr+1 ){
    long v = xmlsax_attr_long(at, NS_W, "val", -1);
    if( v<0 || v>NUM_MAX ) return;
    if( strcmp(zLocal, "ilvl")==0 ) p->cur.own.ilvl = (int)v;
    else if( strcmp(zLocal, "numId")==0 ) p->cur.own.numId = (int)v;
  }
}

static void styles_end(void *ctx, Ns ns, const char *zLocal){
  StylesParse *p = ctx;
  int d = p->depth--;
  if( d==p->dNumPr ) p->dNumPr = 0;
  if( d==p->dPPr ) p->dPPr = 0;
  if( d==p->dRPr ) p->dRPr = 0;
  if( d!=p->dStyle ) return;
  p->dStyle = 0;
  if( !p->bId ) return;
  Docx *x = p->x;
  if( x->nStyle>=STYLE_MAX ) return;
  if( x->nStyle==x->capStyle ){
    x->capStyle = x->capStyle ? x->capStyle*2 : 64;
    x->aStyle = xrealloc(x->aStyle, (size_t)x->capStyle * sizeof x->aStyle[0]);
  }
  x->aStyle[x->nStyle++] = p->cur;
}

static int style_cmp(const void *a, const void *b){
  return strcmp(((const Style*)a)->zId, ((const Style*)b)->zId);
}

/* Index of the paragraph style with id z[0..n), or -1. */
static int style_find(const Docx *x, const char *z, size_t n){
  int lo = 0, hi = x->nStyle;
  while( lo<hi ){
    int mid = (lo+hi)/2;
    const char *zId = x->aStyle[mid].zId;
    int c = strncmp(zId, z, n);
    if( c==0 ) c = zId[n]!=0;
    if( c==0 ) return mid;
    if( c<0 ) lo = mid+1; else hi = mid;
  }
  return -1;
}

/* Fills what dst does not say from src. */
static void props_inherit(ParaProps *dst, const ParaProps *src){
  if( dst->outline<0 ) dst->outline = src->outline;
  if( dst->numId<0 ) dst->numId = src->numId;
  if( dst->ilvl<0 ) dst->ilvl = src->ilvl;
}

/* Reads styles.xml into a sorted table and resolves every style's
** outline level, numbering and heading name through its basedOn chain
** (Dutch Word's "Kop1" is a heading by its outline level, not its id). */
static int styles_read(Docx *x, const char *zPart){
  StylesParse p;
  memset(&p, 0, sizeof p);
  p.x = x;
  if( part_parse(x, zPart, &p, styles_start, styles_end, 0) ) return -1;
  Style *a = x->aStyle;
  for(int i=0; i<x->nStyle; i++) a[i].zId = x->stylePool.z + a[i].iId;
  if( x->nStyle ) qsort(a, (size_t)x->nStyle, sizeof a[0], style_cmp);
  for(int i=0; i<x->nStyle; i++){
    const char *zBase = a[i].iBase==NO_BASE ? 0 : x->stylePool.z + a[i].iBase;
    a[i].base = zBase ? style_find(x, zBase, strlen(zBase)) : -1;
    if( a[i].bDefault && a[i].bPara && x->iDefault<0 ) x->iDefault = i;
  }
  for(int i=0; i<x->nStyle; i++){
    a[i].eff = a[i].own;
    a[i].effName = a[i].nameLevel;
    a[i].effVanish = a[i].vanish;
    int j = a[i].base;
    for(int k=0; j>=0 && k<STYLE_CHAIN_MAX; k++, j=a[j].base){
      props_inherit(&a[i].eff, &a[j].own);
      if( a[i].effName==0 ) a[i].effName = a[j].nameLevel;
      if( a[i].effVanish<0 ) a[i].effVanish = a[j].vanish;
    }
  }
  return 0;
}

/* -------------------------------------------------------------- numbering */

typedef struct NumParse {
  int depth, dNum;
  long numId, absId;      /* of the open w:num */
  Longs nums, absIds;     /* w:num as (numId, abstractNumId) pairs */
} NumParse;

static void num_start(void *ctx, Ns ns, const char *zLocal, const XmlAttrs *at){
  NumParse *p = ctx;
  int d = ++p->depth;
  if( ns!=NS_W ) return;
  if( d==2 && strcmp(zLocal, "abstractNum")==0 ){
    longs_push(&p->absIds, xmlsax_attr_long(at, NS_W, "abstractNumId", -1));
  }else if( d==2 && strcmp(zLocal, "num")==0 ){
    p->dNum = d;
    p->numId = xmlsax_attr_long(at, NS_W, "numId", -1);
    p->absId = -1;
  }else if( d==3 && p->dNum && strcmp(zLocal, "abstractNumId")==0 ){
    p->absId = xmlsax_attr_long(at, NS_W, "val", -1);
  }
}

static void num_end(void *ctx, Ns ns, const char *zLocal){
  NumParse *p = ctx;
  if( p->depth--!=p->dNum ) return;
  p->dNum = 0;
  longs_push(&p->nums, p->numId);
  longs_push(&p->nums, p->absId);
}

/* Reads numbering.xml: a paragraph is a list item only when its numId
** names a w:num whose abstract numbering exists, as in Word. */
static int numbering_read(Docx *x, const char *zPart){
  NumParse p;
  memset(&p, 0, sizeof p);
  int rc = part_parse(x, zPart, &p, num_start, num_end, 0);
  if( rc==0 ){
    if( p.absIds.n ) qsort(p.absIds.a, p.absIds.n, sizeof(long), long_cmp);
    for(size_t i=0; i+1<p.nums.n; i+=2){
      if( longs_has(p.absIds.a, p.absIds.n, p.nums.a[i+1]) ) longs_push(&x->num, p.nums.a[i]);
    }
    if( x->num.n ) qsort(x->num.a, x->num.n, sizeof(long), long_cmp);
  }
  free(p.nums.a);
  free(p.absIds.a);
  return rc;
}

/* ---------------------------------------------------------------- stories */

/* The kind and level of the paragraph being opened: an outline level
** (direct, else through the style chain) or a heading style name makes a
** heading; else a numId other than 0 a list item. */
static BlockKind para_kind(const Story *s, int *pLevel){
  const Docx *x = s->x;
  int iStyle = s->pStyle>=0 ? s->pStyle : x->iDefault;
  const Style *st = iStyle>=0 ? &x->aStyle[iStyle] : 0;
  ParaProps pp = s->pp;
  if( st ) props_inherit(&pp, &st->eff);
  int level = pp.outline>=0 ? (pp.outline<9 ? pp.outline+1 : 0) : st ? st->effName : 0;
  if( level>0 ){
    *pLevel = level;
    return BLOCK_HEADING;
  }
  if( pp.numId>0 && longs_has(x->num.a, x->num.n, pp.numId) ){
    *pLevel = (pp.ilvl<0 ? 0 : pp.ilvl>8 ? 8 : pp.ilvl) + 1;
    return BLOCK_LIST_ITEM;
  }
  *pLevel = 0;
  return BLOCK_PARAGRAPH;
}

/* Index of the element that encloses the current one, looking through
** mc:AlternateContent and mc:Choice, which only wrap. */
static int story_parent(const Story *s){
  int i = s->depth-1;
  while( i>0 && (s->aEl[i].code==EL_AC || s->aEl[i].code==EL_CHOICE) ) i--;
  return i;
}

static int in_field_code(const Story *s){ return s->fldCode!=0 || s->nFld>64; }

/* True when what run iRun shows is current text: not hidden, not part of
** a field's code. */
/* Hides or shows a run: direct formatting overrides its styles. */
static void run_hide(El *run, int bHide){
  if( bHide ) run->flags |= F_HIDDEN;
  else run->flags &= (unsigned char)~F_HIDDEN;
}

static int run_live(const Story *s, int iRun){
  return !(s->aEl[iRun].flags & F_HIDDEN) && !in_field_code(s);
}

/* Appends z[0..n) to the open paragraph, after the line break a page
** break left pending and without the white space Word puts between a
** note's own mark and its text. */
static void story_put(Story *s, const char *z, size_t n){
  El *p = s->pDepth ? &s->aEl[s->pDepth] : 0;
  if( p ){
    if( p->flags & F_TRIM ){
      while( n>0 && (z[0]==' ' || z[0]=='\t') ){ z++; n--; }
      if( n==0 ) return;
      p->flags &= ~F_TRIM;
    }
    if( p->flags & F_BREAK ){
      p->flags &= ~F_BREAK;
      docb_text(s->x->b, "\n", 1);
    }
    p->flags |= F_TEXT;
  }
  docb_text(s->x->b, z, n);
}

/* A citation of note id: its mark ("[1]") goes into the text, and the
** citation is remembered for reading the notes part. */
static void story_cite(Story *s, BlockKind kind, long id, const char *zMark, size_t nMark){
  Docx *x = s->x;
  if( x->nCite==x->capCite ){
    x->capCite = x->capCite ? x->capCite*2 : 16;
    x->aCite = xrealloc(x->aCite, x->capCite * sizeof x->aCite[0]);
  }
  Cite *c = &x->aCite[x->nCite];
  c->kind = kind;
  c->id = id;
  c->ord = x->nCite++;
  nMark = utf8_cut(zMark, nMark, MARK_MAX);
  if( nMark>0 ){
    memcpy(c->zMark, zMark, nMark);
    c->zMark[nMark] = 0;
  }else if( kind==BLOCK_ENDNOTE ){
    roman(++x->nEnd, c->zMark, sizeof c->zMark);
  }else{
    snprintf(c->zMark, sizeof c->zMark, "%d", ++x->nFoot);
  }
  char z[MARK_MAX+3];
  story_put(s, z, (size_t)doc_note_citation(c->zMark, z, sizeof z));
}

/* Cites the note of a w:customMarkFollows reference: its mark is the
** text that followed, or the next number when none came. */
static void pend_flush(Story *s){
  if( !s->bPendMark ) return;
  s->bPendMark = 0;
  story_cite(s, s->pendKind, s->pendId, s->zPend, s->nPend);
}

static void sym_put(Story *s, const XmlAttrs *at){
  /* The Symbol font's characters 0x20-0xFF (also at F020-F0FF, where
  ** Word puts symbol fonts) as Unicode; 0 where it has none. */
  static const unsigned short aSymbol[224] = {
    0x0020,0x0021,0x2200,0x0023,0x2203,0x0025,0x0026,0x220B,0x0028,0x0029,0x2217,0x002B,0x002C,0x2212,0x002E,0x002F,
    0x0030,0x0031,0x0032,0x0033,0x0034,0x0035,0x0036,0x0037,0x0038,0x0039,0x003A,0x003B,0x003C,0x003D,0x003E,0x003F,
    0x2245,0x0391,0x0392,0x03A7,0x0394,0x0395,0x03A6,0x0393,0x0397,0x0399,0x03D1,0x039A,0x039B,0x039C,0x039D,0x039F,
    0x03A0,0x0398,0x03A1,0x03A3,0x03A4,0x03A5,0x03C2,0x03A9,0x039E,0x03A8,0x0396,0x005B,0x2234,0x005D,0x22A5,0x005F,
    0x203E,0x03B1,0x03B2,0x03C7,0x03B4,0x03B5,0x03C6,0x03B3,0x03B7,0x03B9,0x03D5,0x03BA,0x03BB,0x03BC,0x03BD,0x03BF,
    0x03C0,0x03B8,0x03C1,0x03C3,0x03C4,0x03C5,0x03D6,0x03C9,0x03BE,0x03C8,0x03B6,0x007B,0x007C,0x007D,0x223C,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0x20AC,0x03D2,0x2032,0x2264,0x2044,0x221E,0x0192,0x2663,0x2666,0x2665,0x2660,0x2194,0x2190,0x2191,0x2192,0x2193,
    0x00B0,0x00B1,0x2033,0x2265,0x00D7,0x221D,0x2202,0x2022,0x00F7,0x2260,0x2261,0x2248,0x2026,0x23D0,0x23AF,0x21B5,
    0x2135,0x2111,0x211C,0x2118,0x2297,0x2295,0x2205,0x2229,0x222A,0x2283,0x2287,0x2284,0x2282,0x2286,0x2208,0x2209,
    0x2220,0x2207,0x00AE,0x00A9,0x2122,0x220F,0x221A,0x22C5,0x00AC,0x2227,0x2228,0x21D4,0x21D0,0x21D1,0x21D2,0x21D3,
    0x25CA,0x2329,0x00AE,0x00A9,0x2122,0x2211,0x239B,0x239C,0x239D,0x23A1,0x23A2,0x23A3,0x23A7,0x23A8,0x23A9,0x23AA,
    0,0x232A,0x222B,0x2320,0x23AE,0x2321,0x239E,0x239F,0x23A0,0x23A4,0x23A5,0x23A6,0x23AB,0x23AC,0x23AD,0,
  };
  char zHex[16], *zEnd;
  xmlsax_attr_copy(at, NS_W, "char", zHex, sizeof zHex);
  unsigned long c = strtoul(zHex, &zEnd, 16);
  if( zHex[0]==0 || *zEnd ) return;
  unsigned long low = c>=0xf000 && c<=0xf0ff ? c-0xf000 : c;
  size_t nFont;
  const char *zFont = xmlsax_attr(at, NS_W, "font", &nFont);
  if( low>=0x20 && low<=0xff && zFont && nFont==6 && strncasecmp(zFont, "Symbol", 6)==0
   && aSymbol[low-0x20] ){
    c = aSymbol[low-0x20];
  }
  char z[4];
  int n = utf8_encode(c, z);
  if( n ) story_put(s, z, (size_t)n);
}

/* Complex fields: begin, code, separate, result, end.  The code is not
** text, the result is; fields nest (bit i of fldCode is field i). */
static void field_char(Story *s, const XmlAttrs *at){
  size_t n;
  const char *z = xmlsax_attr(at, NS_W, "fldCharType", &n);
  if( mem_is(z, n, "begin") ){
    if( s->nFld<64 ) s->fldCode |= 1ULL<<s->nFld;
    s->nFld++;
  }else if( mem_is(z, n, "separate") ){
    if( s->nFld>0 && s->nFld<=64 ) s->fldCode &= ~(1ULL<<(s->nFld-1));
  }else if( mem_is(z, n, "end") && s->nFld>0 ){
    s->nFld--;
    if( s->nFld<64 ) s->fldCode &= ~(1ULL<<s->nFld);
  }
}

/* ------------------------------------------------------------------ tables */

static Tbl *tbl_top(Story *s){ return s->nTbl ? &s->aTbl[s->nTbl-1] : 0; }

/* Adds n covered grid positions (spans, w:gridBefore, w:gridAfter), as
** long as the per-file budget lasts: a hostile file could otherwise ask
** for millions with a few bytes. */
static void tbl_covered(Story *s, Tbl *t, int n){
  for(int i=0; i<n; i++){
    if( s->x->nSpanCells<SPAN_CELLS_MAX ){
      s->x->nSpanCells++;
      docb_cell_covered(s->x->b);
    }
  }
  t->iCol += n;
}

/* A w:gridSpan (least 1) or w:gridBefore/After (least 0) in grid columns;
** no real table comes near the upper bound. */
static int grid_val(const XmlAttrs *at, int nLeast){
  long v = xmlsax_attr_long(at, NS_W, "val", nLeast);
  return v<nLeast ? nLeast : v>1000 ? 1000 : (int)v;
}

static VRun *tbl_run(Tbl *t, int iCol){
  if( iCol>=t->capRun ){
    int n = t->capRun ? t->capRun : 16;
    while( n<=iCol ) n *= 2;
    t->aRun = xrealloc(t->aRun, (size_t)n * sizeof t->aRun[0]);
    t->capRun = n;
  }
  while( t->nRun<=iCol ) t->aRun[t->nRun++] = (VRun){ -1, -1 };
  return &t->aRun[iCol];
}

/* Begins the cell whose w:tcPr has been read.  A w:vMerge continuation is
** no cell of its own: it is covered, and the cell that started the merge
** above gets one more row of rowspan.  Returns 1 for a continuation. */
static int cell_flush(Story *s, El *e){
  Tbl *t = tbl_top(s);
  e->flags &= ~F_PENDING;
  if( t==0 ) return 0;
  if( t->vmerge==VM_CONTINUE ){
    VRun *r = t->iCol<t->nRun ? &t->aRun[t->iCol] : 0;
    Block *tb = docb_table_current(s->x->b);
    if( r && r->row>=0 && r->last==t->iRow-1 && tb && (size_t)r->row<tb->nRow
     && (size_t)t->iCol<tb->aRow[r->row].n ){
      r->last = t->iRow;
      tb->aRow[r->row].a[t->iCol].rowspan = r->last - r->row + 1;
    }
    tbl_covered(s, t, t->span);
    return 1;
  }
  if( t->vmerge==VM_RESTART ){
    *tbl_run(t, t->iCol) = (VRun){ t->iRow, t->iRow };
  }else if( t->iCol<t->nRun ){
    t->aRun[t->iCol].row = -1;
  }
  docb_cell_begin(s->x->b, t->span, 1);
  return 0;
}

static void tbl_open(Story *s){
  if( s->nTbl==s->capTbl ){
    s->capTbl = s->capTbl ? s->capTbl*2 : 4;
    s->aTbl = xrealloc(s->aTbl, (size_t)s->capTbl * sizeof s->aTbl[0]);
    memset(s->aTbl + s->nTbl, 0, (size_t)(s->capTbl - s->nTbl) * sizeof s->aTbl[0]);
  }
  Tbl *t = &s->aTbl[s->nTbl++];
  t->iRow = -1;
  t->iCol = 0;
  t->nRun = 0;
  docb_table_begin(s->x->b);
}

/* ----------------------------------------------------- story element events */

/* A w:footnote, w:endnote or w:comment at the top of its part. */
static void container_open(Story *s, El *e, Ns ns, const char *zLocal, const XmlAttrs *at){
  Docx *x = s->x;
  if( ns==NS_W && s->mode==STORY_COMMENTS && strcmp(zLocal, "comment")==0 ){
    size_t nAuthor, nDate;
    const char *zAuthor = xmlsax_attr(at, NS_W, "author", &nAuthor);
    const char *zDate = xmlsax_attr(at, NS_W, "date", &nDate);
    buf_reset(&x->scratch);
    pool_add(&x->scratch, zAuthor ? zAuthor : "", nAuthor);
    pool_add(&x->scratch, zDate ? zDate : "", nDate);
    docb_comment_begin(x->b, x->scratch.z, x->scratch.z + nAuthor + 1);
    e->code = EL_COMMENT;
    return;
  }
  const char *zWant = s->noteKind==BLOCK_ENDNOTE ? "endnote" : "footnote";
  if( ns==NS_W && s->mode==STORY_NOTES && strcmp(zLocal, zWant)==0 ){
    /* separators and unreferenced notes are no text; a note cited twice
    ** is read once, under its first citation */
    long id = xmlsax_attr_long(at, NS_W, "id", NO_ID);
    size_t lo = 0, hi = x->nCite;
    while( lo<hi ){
      size_t mid = (lo+hi)/2;
      const Cite *c = &x->aCite[mid];
      if( c->kind<s->noteKind || (c->kind==s->noteKind && c->id<id) ) lo = mid+1; else hi = mid;
    }
    size_t nType;
    const char *zType = xmlsax_attr(at, NS_W, "type", &nType);
    if( lo<x->nCite && x->aCite[lo].kind==s->noteKind && x->aCite[lo].id==id
     && (zType==0 || mem_is(zType, nType, "normal")) ){
      s->nNotesBefore = x->d->notes.n;
      docb_note_begin(x->b, s->noteKind, x->aCite[lo].zMark);
      e->code = EL_NOTE;
      e->aux = (int)x->aCite[lo].ord;
      return;
    }
  }
  s->skip = s->depth;
}

/* A w:footnoteReference or w:endnoteReference in the running text. */
static void note_ref(Story *s, BlockKind kind, const XmlAttrs *at){
  long id = xmlsax_attr_long(at, NS_W, "id", NO_ID);
  pend_flush(s);
  if( attr_onoff(at, "customMarkFollows", 0) ){
    s->bPendMark = 1;
    s->pendKind = kind;
    s->pendId = id;
    s->nPend = 0;
  }else{
    story_cite(s, kind, id, "", 0);
  }
}

static void story_start_w(Story *s, El *e, int iUp, const char *z, const XmlAttrs *at){
  Docx *x = s->x;
  El *up = &s->aEl[iUp];
  Tbl *t;
  switch( z[0] ){
    case 'r':
      if( z[1]==0 ){
        /* a paragraph style can hide its text (w:vanish in its w:rPr) */
        int iStyle = s->pStyle>=0 ? s->pStyle : x->iDefault;
        e->code = EL_R;
        if( iStyle>=0 && x->aStyle[iStyle].effVanish==1 ) e->flags |= F_HIDDEN;
      }else if( strcmp(z, "rPr")==0 && up->code==EL_R ){
        e->code = EL_RPR;
        e->aux = iUp;
      }else if( strcmp(z, "rStyle")==0 && up->code==EL_RPR ){
        size_t n;
        const char *zVal = xmlsax_attr(at, NS_W, "val", &n);
        int iStyle = zVal ? style_find(x, zVal, n) : -1;
        if( iStyle>=0 && x->aStyle[iStyle].effVanish>=0 ){
          run_hide(&s->aEl[up->aux], x->aStyle[iStyle].effVanish);
        }
      }
      break;
    case 't':
      if( z[1]==0 ){
        if( up->code==EL_R ){ e->code = EL_T; e->aux = iUp; }
      }else if( strcmp(z, "tab")==0 ){
        if( up->code==EL_R && run_live(s, iUp) ) story_put(s, "\t", 1);
      }else if( strcmp(z, "tbl")==0 ){
        e->code = EL_TBL;
        tbl_open(s);
      }else if( strcmp(z, "tr")==0 && (t = tbl_top(s))!=0 ){
        e->code = EL_TR;
        t->iRow++;
        t->iCol = 0;
        t->nAfter = 0;
        docb_row_begin(x->b);
      }else if( strcmp(z, "tc")==0 && (t = tbl_top(s))!=0 ){
        e->code = EL_TC;
        e->flags = F_PENDING;
        t->span = 1;
        t->vmerge = VM_NONE;
      }else if( strcmp(z, "tcPr")==0 && up->code==EL_TC && (up->flags & F_PENDING) ){
        e->code = EL_TCPR;
      }else if( strcmp(z, "trPr")==0 && up->code==EL_TR ){
        e->code = EL_TRPR;
      }else if( strcmp(z, "txbxContent")==0 ){
        e->code = EL_TXBX;
        docb_box_begin(x->b);
      }
      break;
    case 'p':
      if( z[1]==0 ){
        e->code = EL_P;
        e->aux = s->pDepth;
        s->pDepth = s->depth;
        s->pStyle = -1;
        s->pp = (ParaProps){ -1, -1, -1 };
        int level;
        BlockKind k = para_kind(s, &level);
        docb_para_begin(x->b, k, level);
      }else if( strcmp(z, "pPr")==0 && up->code==EL_P ){
        e->code = EL_PPR;
      }else if( strcmp(z, "pStyle")==0 && up->code==EL_PPR ){
        size_t n;
        const char *zVal = xmlsax_attr(at, NS_W, "val", &n);
        if( zVal ) s->pStyle = style_find(x, zVal, n);
      }else if( strcmp(z, "ptab")==0 && up->code==EL_R && run_live(s, iUp) ){
        story_put(s, "\t", 1);
      }
      break;
    case 'b':
      if( strcmp(z, "br")==0 && up->code==EL_R && run_live(s, iUp) ){
        size_t n;
        const char *zType = xmlsax_attr(at, NS_W, "type", &n);
        if( mem_is(zType, n, "page") || mem_is(zType, n, "column") ){
          if( s->pDepth && (s->aEl[s->pDepth].flags & F_TEXT) ){
            s->aEl[s->pDepth].flags |= F_BREAK;
          }
        }else{
          story_put(s, "\n", 1);
        }
      }
      break;
    case 'c':
      if( strcmp(z, "cr")==0 && up->code==EL_R && run_live(s, iUp) ) story_put(s, "\n", 1);
      break;
    case 'd':
      if( strcmp(z, "del")==0 ) s->skip = s->depth;   /* tracked deletion */
      break;
    case 'm':
      if( strcmp(z, "moveFrom")==0 ) s->skip = s->depth;
      break;
    case 's':
      if( strcmp(z, "sdtPr")==0 ) s->skip = s->depth;   /* alias, placeholder */
      else if( strcmp(z, "sym")==0 && up->code==EL_R && run_live(s, iUp) ) sym_put(s, at);
      break;
    case 'n':
      if( strcmp(z, "numPr")==0 && up->code==EL_PPR ){
        e->code = EL_NUMPR;
      }else if( strcmp(z, "numId")==0 && up->code==EL_NUMPR ){
        long v = xmlsax_attr_long(at, NS_W, "val", -1);
        if( v>=0 && v<=NUM_MAX ) s->pp.numId = (int)v;
      }else if( strcmp(z, "noBreakHyphen")==0 && up->code==EL_R && run_live(s, iUp) ){
        story_put(s, "-", 1);
      }
      break;
    case 'i':
      if( strcmp(z, "ilvl")==0 && up->code==EL_NUMPR ){
        long v = xmlsax_attr_long(at, NS_W, "val", -1);
        if( v>=0 && v<=NUM_MAX ) s->pp.ilvl = (int)v;
      }
      break;
    case 'o':
      if( strcmp(z, "outlineLvl")==0 && up->code==EL_PPR ){
        long v = xmlsax_attr_long(at, NS_W, "val", -1);
        if( v>=0 && v<=9 ) s->pp.outline = (int)v;
      }
      break;
    case 'v':
      if( strcmp(z, "vanish")==0 && up->code==EL_RPR ){
        run_hide(&s->aEl[up->aux], attr_onoff(at, "val", 1));   /* overrides styles */
      }else if( strcmp(z, "vMerge")==0 && up->code==EL_TCPR && (t = tbl_top(s))!=0 ){
        size_t n;
        const char *zVal = xmlsax_attr(at, NS_W, "val", &n);
        t->vmerge = mem_is(zVal, n, "restart") ? VM_RESTART : VM_CONTINUE;
      }
      break;
    case 'g':
      if( (t = tbl_top(s))==0 ) break;
      if( strcmp(z, "gridSpan")==0 && up->code==EL_TCPR ){
        t->span = grid_val(at, 1);
      }else if( strcmp(z, "gridBefore")==0 && up->code==EL_TRPR ){
        tbl_covered(s, t, grid_val(at, 0));
      }else if( strcmp(z, "gridAfter")==0 && up->code==EL_TRPR ){
        t->nAfter = grid_val(at, 0);
      }
      break;
    case 'f': case 'e': case 'a':
      if( strcmp(z, "fldChar")==0 && up->code==EL_R ){
        field_char(s, at);
      }else if( strcmp(z, "footnoteReference")==0 || strcmp(z, "endnoteReference")==0 ){
        if( s->mode==STORY_BODY && up->code==EL_R && run_live(s, iUp) ){
          note_ref(s, z[0]=='e' ? BLOCK_ENDNOTE : BLOCK_FOOTNOTE, at);
        }
      }else if( (strcmp(z, "footnoteRef")==0 || strcmp(z, "endnoteRef")==0
                 || strcmp(z, "annotationRef")==0) && s->pDepth ){
        s->aEl[s->pDepth].flags |= F_TRIM;
      }
      break;
  }
}

static void story_start(void *ctx, Ns ns, const char *zLocal, const XmlAttrs *at){
  Story *s = ctx;
  int d = ++s->depth;
  if( s->skip ) return;
  if( d>=s->nEl ){ s->skip = d; return; }   /* xmlsax stops at maxDepth first */
  El *e = &s->aEl[d];
  e->code = EL_OTHER;
  e->flags = 0;
  e->aux = 0;
  int iUp = story_parent(s);
  El *up = &s->aEl[iUp];
  if( up->code==EL_TC && (up->flags & F_PENDING)
   && !(ns==NS_W && strcmp(zLocal, "tcPr")==0) && cell_flush(s, up) ){
    s->skip = iUp;   /* the rest of a vMerge continuation is not shown */
    return;
  }
  if( d==2 && (s->mode==STORY_NOTES || s->mode==STORY_COMMENTS) ){
    container_open(s, e, ns, zLocal, at);
  }else if( ns==NS_W ){
    story_start_w(s, e, iUp, zLocal, at);
  }else if( ns==NS_MC ){
    /* Markup compatibility: the first Choice is read, a later Choice or
    ** the Fallback (the same content for older readers) never. */
    El *ac = &s->aEl[d-1];
    if( strcmp(zLocal, "AlternateContent")==0 ){
      e->code = EL_AC;
    }else if( strcmp(zLocal, "Choice")==0 ){
      if( ac->code==EL_AC && (ac->flags & F_CHOSEN) ){
        s->skip = d;
      }else{
        ac->flags |= F_CHOSEN;
        e->code = EL_CHOICE;
      }
    }else if( strcmp(zLocal, "Fallback")==0 ){
      s->skip = d;
    }
  }
}

static void story_end(void *ctx, Ns ns, const char *zLocal){
  Story *s = ctx;
  int d = s->depth--;
  if( s->skip ){
    if( d==s->skip ) s->skip = 0;
    return;
  }
  El *e = &s->aEl[d];
  Docx *x = s->x;
  Tbl *t = tbl_top(s);
  int level;
  switch( (ElCode)e->code ){
    case EL_P:
      pend_flush(s);
      docb_para_end(x->b);
      s->pDepth = e->aux;
      break;
    case EL_PPR: {
      BlockKind k = para_kind(s, &level);
      docb_para_set(x->b, k, level);
      break;
    }
    case EL_T:
      if( s->bPendMark && s->nPend>0 ) pend_flush(s);
      break;
    case EL_TC:
      if( t==0 ) break;
      if( (e->flags & F_PENDING) && cell_flush(s, e) ) break;
      docb_cell_end(x->b);
      t->iCol++;
      tbl_covered(s, t, t->span-1);
      break;
    case EL_TR:
      if( t==0 ) break;
      tbl_covered(s, t, t->nAfter);
      docb_row_end(x->b);
      break;
    case EL_TBL:
      docb_table_end(x->b);
      s->nTbl--;
      break;
    case EL_NOTE:
      docb_container_end(x->b);
      if( x->d->notes.n==s->nNotesBefore+1 ) longs_push(&x->emit, e->aux);
      break;
    case EL_TXBX: case EL_COMMENT:
      docb_container_end(x->b);
      break;
    case EL_OTHER: case EL_NUMPR: case EL_R: case EL_RPR: case EL_TRPR:
    case EL_TCPR: case EL_AC: case EL_CHOICE:
      break;
  }
}

static void story_text(void *ctx, const char *z, size_t n){
  Story *s = ctx;
  if( s->skip ) return;
  El *e = &s->aEl[s->depth];
  if( e->code!=EL_T || !run_live(s, e->aux) ) return;
  if( s->bPendMark ){
    size_t nTake = sizeof s->zPend - 1 - s->nPend;
    if( nTake>n ) nTake = n;
    memcpy(s->zPend + s->nPend, z, nTake);
    s->nPend += nTake;
    return;
  }
  story_put(s, z, n);
}

/* Parses one story part into the builder. */
static int story_read(Docx *x, const char *zPart, StoryMode mode, BlockKind noteKind){
  Story *s = &x->s;
  s->x = x;
  s->mode = mode;
  s->noteKind = noteKind;
  s->depth = s->skip = s->pDepth = 0;
  s->fldCode = 0;
  s->nFld = s->nTbl = 0;
  s->bPendMark = 0;
  s->aEl[0].code = EL_OTHER;
  s->aEl[0].flags = 0;
  return part_parse(x, zPart, s, story_start, story_end, story_text);
}

static int cite_cmp(const void *a, const void *b){
  const Cite *p = a, *q = b;
  if( p->kind!=q->kind ) return p->kind<q->kind ? -1 : 1;
  if( p->id!=q->id ) return p->id<q->id ? -1 : 1;
  return p->ord<q->ord ? -1 : p->ord>q->ord;
}

/* Footnotes and endnotes, read only when something cites them.  Each part
** gives its notes in its own order; notes_reorder() puts them into
** citation order once the builder is done. */
static int notes_read(Docx *x, const Rels *r){
  if( x->nCite==0 ) return 0;
  qsort(x->aCite, x->nCite, sizeof x->aCite[0], cite_cmp);
  if( story_read(x, rels_first(r, REL_FOOTNOTES), STORY_NOTES, BLOCK_FOOTNOTE) ) return -1;
  return story_read(x, rels_first(r, REL_ENDNOTES), STORY_NOTES, BLOCK_ENDNOTE);
}

/* Every distinct header and footer part the main part names, in the order
** of its relationships. */
static int margins_read(Docx *x, const Rels *r){
  for(int i=0; i<r->n; i++){
    RelType t = r->a[i].type;
    if( t!=REL_HEADER && t!=REL_FOOTER ) continue;
    const char *zName = rels_name(r, i);
    int bSeen = 0;
    for(int j=0; j<i && !bSeen; j++){
      bSeen = (r->a[j].type==REL_HEADER || r->a[j].type==REL_FOOTER)
           && strcasecmp(rels_name(r, j), zName)==0;
    }
    if( bSeen ) continue;
    docb_margin_begin(x->b, t==REL_HEADER ? BLOCK_HEADER : BLOCK_FOOTER);
    int rc = story_read(x, zName, STORY_MARGIN, BLOCK_HEADER);
    docb_container_end(x->b);
    if( rc ) return -1;
  }
  return 0;
}

typedef struct NotePos { long ord; size_t i; } NotePos;

static int notepos_cmp(const void *a, const void *b){
  const NotePos *p = a, *q = b;
  if( p->ord!=q->ord ) return p->ord<q->ord ? -1 : 1;
  return p->i<q->i ? -1 : p->i>q->i;
}

/* Puts the note blocks read from the notes parts into citation order: the
** parts list footnotes and endnotes apart, each in its own order. */
static void notes_reorder(Docx *x){
  BlockList *l = &x->d->notes;
  size_t n = x->emit.n;
  if( n<2 || l->n!=x->iNote0+n ) return;
  NotePos *a = xrealloc(0, n * sizeof a[0]);
  for(size_t i=0; i<n; i++) a[i] = (NotePos){ x->emit.a[i], i };
  qsort(a, n, sizeof a[0], notepos_cmp);
  Block *aOld = xrealloc(0, n * sizeof aOld[0]);
  memcpy(aOld, l->a + x->iNote0, n * sizeof aOld[0]);
  for(size_t i=0; i<n; i++) l->a[x->iNote0 + i] = aOld[a[i].i];
  free(aOld);
  free(a);
}

/* ------------------------------------------------------------- properties */

typedef struct PropsParse {
  Docx *x;
  int depth;
  int iField;          /* index into the table of the open property, or -1 */
  int bApp;            /* docProps/app.xml rather than core.xml */
  Buf val;
  Buf aApp[2];         /* Application, AppVersion */
} PropsParse;

static const struct { Ns ns; const char *zName; size_t off; } aCoreProp[] = {
  { NS_DC, "title", offsetof(DocMeta, title) },
  { NS_DC, "subject", offsetof(DocMeta, subject) },
  { NS_DC, "description", offsetof(DocMeta, description) },
  { NS_CP, "keywords", offsetof(DocMeta, keywords) },
  { NS_DC, "creator", offsetof(DocMeta, creator) },
  { NS_CP, "lastModifiedBy", offsetof(DocMeta, last_modified_by) },
  { NS_DCTERMS, "created", offsetof(DocMeta, created) },
  { NS_DCTERMS, "modified", offsetof(DocMeta, modified) },
  { NS_DC, "language", offsetof(DocMeta, language) },
};

static const char *azAppProp[] = { "Application", "AppVersion" };

static void props_start(void *ctx, Ns ns, const char *zLocal, const XmlAttrs *at){
  PropsParse *p = ctx;
  if( ++p->depth!=2 ) return;
  p->iField = -1;
  buf_reset(&p->val);
  if( p->bApp ){
    for(int i=0; i<2; i++){
      if( ns==NS_EXTPROPS && strcmp(zLocal, azAppProp[i])==0 ) p->iField = i;
    }
  }else{
    for(int i=0; i<(int)(sizeof aCoreProp/sizeof aCoreProp[0]); i++){
      if( ns==aCoreProp[i].ns && strcmp(zLocal, aCoreProp[i].zName)==0 ) p->iField = i;
    }
  }
}

static void props_text(void *ctx, const char *z, size_t n){
  PropsParse *p = ctx;
  /* a few bytes past the limit, so that utf8_cut() sees where it cuts */
  if( p->iField<0 || p->depth<2 || p->val.n>=META_MAX+4 ) return;
  if( n>META_MAX+4-p->val.n ) n = META_MAX+4-p->val.n;
  buf_append(&p->val, z, n);
}

static void props_end(void *ctx, Ns ns, const char *zLocal){
  PropsParse *p = ctx;
  if( p->depth--!=2 || p->iField<0 ) return;
  size_t n = utf8_cut(p->val.z, p->val.n, META_MAX);
  if( p->bApp ){
    buf_append(&p->aApp[p->iField], p->val.z, n);
  }else{
    doc_meta_set((char**)((char*)&p->x->d->meta + aCoreProp[p->iField].off), p->val.z, n);
  }
  p->iField = -1;
}

/* Reads docProps/core.xml or app.xml (bApp).  The generator is the
** Application followed by the AppVersion ("Microsoft Office Word 16.0000"). */
static int props_read(Docx *x, const char *zPart, int bApp){
  PropsParse p;
  memset(&p, 0, sizeof p);
  p.x = x;
  p.iField = -1;
  p.bApp = bApp;
  buf_init(&p.val);
  buf_init(&p.aApp[0]);
  buf_init(&p.aApp[1]);
  int rc = part_parse(x, zPart, &p, props_start, props_end, props_text);
  if( rc==0 && p.aApp[0].n ){
    if( p.aApp[1].n ){
      buf_putc(&p.aApp[0], ' ');
      buf_append(&p.aApp[0], p.aApp[1].z, p.aApp[1].n);
    }
    doc_meta_set(&x->d->meta.generator, p.aApp[0].z, p.aApp[0].n);
  }
  buf_release(&p.val);
  buf_release(&p.aApp[0]);
  buf_release(&p.aApp[1]);
  return rc;
}

/* ---------------------------------------------------------------- the API */

int docx_read(ZipArchive *z, const Limits *lim, Doc *d, Err *err){
  Docx x;
  memset(&x, 0, sizeof x);
  x.z = z;
  x.lim = lim;
  x.d = d;
  x.err = err;
  x.iDefault = -1;
  buf_init(&x.stylePool);
  buf_init(&x.scratch);
  x.s.nEl = (int)lim->maxDepth + 2;
  x.s.aEl = xrealloc(0, (size_t)x.s.nEl * sizeof x.s.aEl[0]);
  Rels pkg, main;
  memset(&pkg, 0, sizeof pkg);
  memset(&main, 0, sizeof main);
  buf_init(&pkg.pool);
  buf_init(&main.pool);
  Buf mainRels = BUF_INIT;

  int rc = zipread_find(z, "_rels/.rels")<0
    ? err_set(err, "corrupt document: _rels/.rels is missing")
    : rels_read(&x, "_rels/.rels", "", &pkg);
  const char *zMain = rc ? 0 : rels_first(&pkg, REL_DOCUMENT);
  if( rc==0 && zMain==0 ) rc = err_set(err, "not an ODT or DOCX file");
  if( rc==0 ) rc = main_check(&x, zMain);
  if( rc==0 ){
    /* word/document.xml has its relationships in word/_rels/document.xml.rels */
    const char *zBase = strrchr(zMain, '/');
    size_t nDir = zBase ? (size_t)(zBase+1-zMain) : 0;
    buf_append(&mainRels, zMain, nDir);
    buf_appendf(&mainRels, "_rels/%s.rels", zMain+nDir);
    buf_putc(&mainRels, 0);
    size_t iDir = mainRels.n;
    pool_add(&mainRels, zMain, nDir);   /* then the folder alone */
    rc = rels_read(&x, mainRels.z, mainRels.z + iDir, &main);
  }
  if( rc==0 ) rc = styles_read(&x, rels_first(&main, REL_STYLES));
  if( rc==0 ) rc = numbering_read(&x, rels_first(&main, REL_NUMBERING));
  if( rc==0 ){
    d->format = FORMAT_DOCX;
    x.b = docb_new(d, lim, err);
    x.iNote0 = d->notes.n;
    rc = story_read(&x, zMain, STORY_BODY, BLOCK_FOOTNOTE);
  }
  if( rc==0 ) rc = notes_read(&x, &main);
  if( rc==0 ) rc = story_read(&x, rels_first(&main, REL_COMMENTS), STORY_COMMENTS, BLOCK_COMMENT);
  if( rc==0 ) rc = margins_read(&x, &main);
  if( rc==0 ) rc = props_read(&x, rels_first(&pkg, REL_CORE), 0);
  if( rc==0 ) rc = props_read(&x, rels_first(&pkg, REL_APP), 1);
  if( rc==0 && x.b && docb_failed(x.b) ) rc = -1;
  docb_free(x.b);
  if( rc==0 ) notes_reorder(&x);

  buf_release(&mainRels);
  rels_free(&pkg);
  rels_free(&main);
  free(x.aStyle);
  buf_release(&x.stylePool);
  free(x.num.a);
  free(x.aCite);
  free(x.emit.a);
  buf_release(&x.scratch);
  for(int i=0; i<x.s.capTbl; i++) free(x.s.aTbl[i].aRun);
  free(x.s.aTbl);
  free(x.s.aEl);
  return rc;
}
