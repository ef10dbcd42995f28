/*
** minutes.c — recognising the structure of Dutch minutes.  See minutes.h.
**
** Two passes over the body blocks.  The first finds the agenda items
** (numbered headings and paragraphs, "Agendapunt 3", agenda and decision
** tables, and as a fallback unnumbered headings or an agenda's list), so
** that everything found later can be placed in the item whose blocks hold
** it.  The second walks the blocks in order:
**
**   - a paragraph or list item is first tried as a label line ("Aanwezig:
**     ...", "Besluit: ...", "Actie Soest: ..."); a label with nothing after
**     it ("Besluiten:", a bold "Aanwezig") claims what follows it: list
**     items, a table, or (for attendance) lines of names;
**   - a heading that names a section ("Besluiten", "Actiepunten",
**     "Gevraagd besluit") claims the list items under it;
**   - any other text is read sentence by sentence for the forms that state
**     a decision ("Besloten wordt ...", "Het BO stemt in met ..."), a
**     proposal ("Het BO wordt gevraagd ..."), a commitment ("... zegt toe
**     ...") or the adoption of earlier minutes;
**   - a table is classified by the names in its header row, in any order
**     (nr / actie / wie / wanneer / status; nr / onderwerp / besluit; naam /
**     functie / organisatie), or read as label rows or as free text.
**
** Words are compared folded (lower case, Latin-1 accents removed), so
** "Besluit", "BESLUIT" and "besluit" are the same word.  The text of the
** document is only read; what is kept is copied with its white space made
** single spaces.
*/
#include "minutes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "infer.h"

#define COUNT(a) ((int)(sizeof(a)/sizeof((a)[0])))

#define MAX_LABEL_BYTES   80   /* a "Label:" is found in this many bytes */
#define MAX_LABEL_WORDS    8   /* words of a label, its tail included */
#define MAX_ITEM_TITLE   160   /* a numbered paragraph longer than this is text */
#define MAX_NAME_WORDS     7   /* words of a person's name */
#define MAX_ENTRY_BYTES  200   /* one attendee as written */
#define MAX_NAME_LINE    600   /* a paragraph of names claimed by "Aanwezig" */
#define MAX_SENT_WORDS    48   /* words read of one sentence by the patterns */

/* Appends a zeroed element to list L (a MINUTES_LIST) and points p at it;
** p is NULL once the list holds MINUTES_MAX entries. */
#define LIST_ADD(L, p) do{                                              \
  (p) = 0;                                                              \
  if( (L).n<MINUTES_MAX ){                                              \
    if( (L).n==(L).cap ){                                               \
      (L).cap = (L).cap ? (L).cap*2 : 8;                                \
      (L).a = xrealloc((L).a, (L).cap * sizeof *(L).a);                 \
    }                                                                   \
    (p) = &(L).a[(L).n++];                                              \
    memset((p), 0, sizeof *(p));                                        \
  }                                                                     \
}while(0)

/* ------------------------------------------------------------ text */

typedef struct Span { const char *z; size_t n; } Span;

static Span span_of(const char *z, size_t n){
  Span s;
  s.z = z;
  s.n = n;
  return s;
}

static const char *span_end(Span s){ return s.z + s.n; }

/* Bytes of the white space character at z (space, tab, line break, no-break
** space), 0 if there is none. */
static int space_at(const char *z, const char *zEnd){
  unsigned char c = (unsigned char)z[0];
  if( c==' ' || c=='\t' || c=='\n' || c=='\r' ) return 1;
  if( c==0xC2 && zEnd-z>=2 && (unsigned char)z[1]==0xA0 ) return 2;
  return 0;
}

static Span trim(Span s){
  const char *z = s.z, *zEnd = span_end(s);
  int k;
  while( z<zEnd && (k = space_at(z, zEnd))>0 ) z += k;
  while( zEnd>z ){
    if( zEnd[-1]==' ' || zEnd[-1]=='\t' || zEnd[-1]=='\n' || zEnd[-1]=='\r' ){
      zEnd--;
    }else if( zEnd-z>=2 && (unsigned char)zEnd[-2]==0xC2
           && (unsigned char)zEnd[-1]==0xA0 ){
      zEnd -= 2;
    }else{
      break;
    }
  }
  return span_of(z, (size_t)(zEnd - z));
}

/* s without the trailing bytes of zSet (and the spaces between them). */
static Span trim_end(Span s, const char *zSet){
  s = trim(s);
  while( s.n>0 && s.z[s.n-1] && strchr(zSet, s.z[s.n-1]) ){
    s.n--;
    s = trim(s);
  }
  return s;
}

/* A copy of s with each run of white space one space, trimmed; "" for an
** empty span.  The caller frees it. */
static char *span_dup(Span s){
  Buf b = BUF_INIT;
  const char *z = s.z, *zEnd = span_end(s);
  int bSpace = 0, k;
  while( z<zEnd ){
    if( (k = space_at(z, zEnd))>0 ){
      bSpace = b.n>0;
      z += k;
      continue;
    }
    if( bSpace ) buf_putc(&b, ' ');
    bSpace = 0;
    buf_putc(&b, *z++);
  }
  if( b.cap==0 ) return xstrdup("");
  return buf_detach(&b, 0);
}

/* True if word w is zLit (small ASCII) ignoring case and accents. */
static int word_is(Span w, const char *zLit){
  const char *z = w.z, *zEnd = span_end(w);
  while( z<zEnd && *zLit ){
    if( infer_fold_next(&z, zEnd)!=(unsigned char)*zLit ) return 0;
    zLit++;
  }
  return z==zEnd && *zLit==0;
}

static int word_in(Span w, const char *const *azLit, int nLit){
  for(int i=0; i<nLit; i++){
    if( word_is(w, azLit[i]) ) return 1;
  }
  return 0;
}

/* The next word at or after *pz: sets *pw, advances *pz past it.  Returns 0
** at the end. */
static int word_next(const char **pz, const char *zEnd, Span *pw){
  const char *z = *pz;
  int k;
  while( z<zEnd && infer_word_char(z, zEnd)==0 ) z++;
  *pz = z;
  if( z>=zEnd ) return 0;
  pw->z = z;
  while( z<zEnd && (k = infer_word_char(z, zEnd))>0 ) z += k;
  pw->n = (size_t)(z - pw->z);
  *pz = z;
  return 1;
}

static int is_upper_at(const char *z, const char *zEnd){
  unsigned char c = (unsigned char)z[0];
  if( c>='A' && c<='Z' ) return 1;
  return c==0xC3 && zEnd-z>=2 && (unsigned char)z[1]>=0x80
      && (unsigned char)z[1]<0x9F && (unsigned char)z[1]!=0x97;
}

static int is_digit(char c){ return c>='0' && c<='9'; }

/* The words of s, at most nMax, into a[]; returns how many. */
static int words_of(Span s, Span *a, int nMax){
  const char *z = s.z, *zEnd = span_end(s);
  int n = 0;
  while( n<nMax && word_next(&z, zEnd, &a[n]) ) n++;
  return n;
}

/* True if the words of zPhrase (small ASCII, space-separated) are a[0..]
** in order; sets *pn to their number. */
static int phrase_at(const Span *a, int nA, const char *zPhrase, int *pn){
  int n = 0;
  const char *z = zPhrase;
  while( *z ){
    const char *zWord = z;
    while( *z && *z!=' ' ) z++;
    if( n>=nA ) return 0;
    Span w = a[n];
    char zBuf[40];
    size_t nWord = (size_t)(z - zWord);
    if( nWord>=sizeof zBuf ) return 0;
    memcpy(zBuf, zWord, nWord);
    zBuf[nWord] = 0;
    if( !word_is(w, zBuf) ) return 0;
    n++;
    while( *z==' ' ) z++;
  }
  *pn = n;
  return n>0;
}

/* Index of the first word of a[0..nA) at or after i that is in azLit, or -1. */
static int find_word(const Span *a, int nA, int i, const char *const *azLit, int nLit){
  for(; i<nA; i++){
    if( word_in(a[i], azLit, nLit) ) return i;
  }
  return -1;
}

/* ------------------------------------------------------------ sentences */

/* Words that end with a dot without ending a sentence. */
static const char *const azAbbrev[] = {
  "dhr", "mw", "mevr", "drs", "dr", "mr", "ir", "ing", "prof", "nr", "blz",
  "bijv", "bv", "ca", "evt", "incl", "excl", "resp", "jl", "vz", "etc", "vs",
  "art", "st", "wnd", "zgn", "ivm", "mbt", "tav", "tzt", "ovv", "plv", "mrt",
  "jan", "feb", "febr", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
  "nov", "dec", "ds", "pag", "max", "min", "o",
};

/* True if the dot at z ends an abbreviation or an initial: the word
** before it (back to zStart) is one letter or in azAbbrev. */
static int dot_is_abbrev(const char *zStart, const char *z){
  const char *zW = z;
  while( zW>zStart ){
    unsigned char c = (unsigned char)zW[-1];
    int bAlnum = (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9');
    if( !bAlnum && c<0x80 ) break;
    zW--;
  }
  Span w = span_of(zW, (size_t)(z - zW));
  if( w.n==0 ) return 0;
  if( (size_t)infer_word_char(w.z, z)==w.n && !is_digit(w.z[0]) ) return 1;  /* "A.", "o.a." */
  return word_in(w, azAbbrev, COUNT(azAbbrev));
}

/* The next sentence of the text at *pz: ends after '.', '!' or '?' that is
** followed by white space and a capital (or the end), or at a line break.
** Sets *ps (trimmed), advances *pz; returns 0 at the end. */
static int sentence_next(const char **pz, const char *zEnd, Span *ps){
  const char *z = *pz;
  int k;
  while( z<zEnd && (k = space_at(z, zEnd))>0 ) z += k;
  if( z>=zEnd ){ *pz = z; return 0; }
  const char *zStart = z;
  while( z<zEnd ){
    char c = *z;
    if( c=='\n' || c=='\r' ) break;
    if( c=='.' || c=='!' || c=='?' ){
      const char *y = z+1;
      while( y<zEnd && (*y=='.' || *y=='!' || *y=='?' || *y==')' || *y=='"') ) y++;
      if( y>=zEnd ){ z = y; break; }
      const char *q = y;
      while( q<zEnd && (k = space_at(q, zEnd))>0 ) q += k;
      if( q>y && (q>=zEnd || is_upper_at(q, zEnd) || *q=='"' || *q=='\'')
       && (c!='.' || !dot_is_abbrev(zStart, z)) ){
        z = y;
        break;
      }
    }
    z++;
  }
  *ps = trim(span_of(zStart, (size_t)(z - zStart)));
  *pz = z;
  return 1;
}

/* ------------------------------------------------------------ dates */

/* The first date among the words a[0..nA), read by infer's date reader
** (one reader for the whole program): sets zIso ("" when the year cannot
** be resolved from zDocDate) and *pWritten; returns 1 if found. */
static int find_date(const Span *a, int nA, const char *zDocDate,
                     char zIso[11], Span *pWritten){
  zIso[0] = 0;
  if( nA<=0 ) return 0;
  size_t iOff, nLen;
  const char *zEnd = span_end(a[nA-1]);
  if( !infer_find_date(a[0].z, (size_t)(zEnd - a[0].z), zDocDate, zIso, &iOff, &nLen) ){
    return 0;
  }
  *pWritten = span_of(a[0].z + iOff, nLen);
  return 1;
}

/* ------------------------------------------------------------ labels */

typedef enum LabelKind {
  L_NONE = 0,
  L_PRESENT, L_ABSENT, L_CHAIR, L_TAKER, L_GUEST,   /* attendance */
  L_DECISION, L_PROPOSAL, L_ACTION, L_COMMIT
} LabelKind;

#define LF_TAIL  1   /* words may follow the label: "Actie Soest:" */
#define LF_WEAK  2   /* a conclusion, advice or agreement: in an agenda it is
                     ** no proposal */
#define LF_NAMES 4   /* a person's name follows, nothing else ("Verslag:") */

static const struct LabelDef {
  const char *zName;    /* small ASCII words, as folded */
  LabelKind e;
  int flags;
} aLabel[] = {
  { "aanwezig",                    L_PRESENT, 0 },
  { "aanwezigen",                  L_PRESENT, 0 },
  { "aanwezig zijn",               L_PRESENT, 0 },
  { "deelnemers",                  L_PRESENT, 0 },
  { "afwezig",                     L_ABSENT,  0 },
  { "afwezigen",                   L_ABSENT,  0 },
  { "afwezig met kennisgeving",    L_ABSENT,  0 },
  { "afwezig zonder kennisgeving", L_ABSENT,  0 },
  { "met kennisgeving afwezig",    L_ABSENT,  0 },
  { "verhinderd",                  L_ABSENT,  0 },
  { "afgemeld",                    L_ABSENT,  0 },
  { "afmeldingen",                 L_ABSENT,  0 },
  { "voorzitter",                  L_CHAIR,   LF_NAMES },
  { "vz",                          L_CHAIR,   LF_NAMES },
  { "notulist",                    L_TAKER,   LF_NAMES },
  { "notuliste",                   L_TAKER,   LF_NAMES },
  { "notulen",                     L_TAKER,   LF_NAMES },
  { "verslag",                     L_TAKER,   LF_NAMES },
  { "verslaglegging",              L_TAKER,   LF_NAMES },
  { "gast",                        L_GUEST,   0 },
  { "gasten",                      L_GUEST,   0 },
  { "te gast",                     L_GUEST,   0 },
  { "genodigden",                  L_GUEST,   0 },
  { "aanwezig als gast",           L_GUEST,   0 },
  { "tevens aanwezig",             L_GUEST,   0 },
  { "besluit",                     L_DECISION, LF_TAIL },
  { "besluiten",                   L_DECISION, 0 },
  { "besloten",                    L_DECISION, 0 },
  { "genomen besluit",             L_DECISION, 0 },
  { "genomen besluiten",           L_DECISION, 0 },
  { "besluitvorming",              L_DECISION, 0 },
  { "conclusie",                   L_DECISION, LF_TAIL|LF_WEAK },
  { "conclusies",                  L_DECISION, LF_WEAK },
  { "advies",                      L_DECISION, LF_TAIL|LF_WEAK },
  { "afspraak",                    L_DECISION, LF_WEAK },
  { "afspraken",                   L_DECISION, LF_WEAK },
  { "afgesproken",                 L_DECISION, LF_WEAK },
  { "voorstel",                    L_PROPOSAL, 0 },
  { "voorgesteld besluit",         L_PROPOSAL, 0 },
  { "voorgestelde besluiten",      L_PROPOSAL, 0 },
  { "gevraagd besluit",            L_PROPOSAL, 0 },
  { "ontwerpbesluit",              L_PROPOSAL, 0 },
  { "ontwerp besluit",             L_PROPOSAL, 0 },
  { "conceptbesluit",              L_PROPOSAL, 0 },
  { "concept besluit",             L_PROPOSAL, 0 },
  { "beslispunt",                  L_PROPOSAL, 0 },
  { "beslispunten",                L_PROPOSAL, 0 },
  { "te nemen besluit",            L_PROPOSAL, 0 },
  { "actie",                       L_ACTION,  LF_TAIL },
  { "acties",                      L_ACTION,  0 },
  { "actiepunt",                   L_ACTION,  LF_TAIL },
  { "actiepunten",                 L_ACTION,  0 },
  { "nieuwe actie",                L_ACTION,  0 },
  { "toezegging",                  L_COMMIT,  LF_TAIL },
  { "toezeggingen",                L_COMMIT,  0 },
};

typedef struct Label {
  const struct LabelDef *pDef;
  Span name;       /* the label as written, without the colon */
  Span tail;       /* words after the label's own: "Soest" of "Actie Soest" */
  Span rest;       /* the text after the colon, trimmed */
} Label;

/* The definition that the words a[0..nA) spell exactly, or with a tail if
** the definition allows one; the longest wins.  Sets *pnDef to the words
** of the definition. */
static const struct LabelDef *label_def(const Span *a, int nA, int bTail, int *pnDef){
  const struct LabelDef *pBest = 0;
  int nBest = 0;
  for(int i=0; i<COUNT(aLabel); i++){
    int n;
    if( !phrase_at(a, nA, aLabel[i].zName, &n) ) continue;
    if( n<nA && !(bTail && (aLabel[i].flags & LF_TAIL)) ) continue;
    if( n>nBest ){ pBest = &aLabel[i]; nBest = n; }
  }
  *pnDef = nBest;
  return pBest;
}

/* True if text t begins with a label: "Besluit: ...", "Actie Soest: ...",
** or is a label alone ("Aanwezig", "Besluiten:").  Fills *p. */
static int label_parse(Span t, Label *p){
  memset(p, 0, sizeof *p);
  t = trim(t);
  if( t.n==0 ) return 0;
  const char *z = t.z, *zEnd = span_end(t);
  const char *zColon = 0;
  for(const char *y=z; y<zEnd && y<z+MAX_LABEL_BYTES; y++){
    if( *y=='\n' ) break;
    if( *y==':' ){ zColon = y; break; }
  }
  Span name = trim(span_of(z, zColon ? (size_t)(zColon - z) : t.n));
  if( !zColon ){
    name = trim_end(name, ".");
    if( name.n>40 ) return 0;
  }
  if( name.n==0 ) return 0;
  Span a[MAX_LABEL_WORDS+1];
  int nA = words_of(name, a, MAX_LABEL_WORDS+1);
  if( nA==0 || nA>MAX_LABEL_WORDS ) return 0;
  /* the label begins the text: no sign before its first word */
  if( a[0].z!=name.z ) return 0;
  int nDef;
  const struct LabelDef *pDef = label_def(a, nA, zColon!=0, &nDef);
  if( pDef==0 ) return 0;
  p->pDef = pDef;
  p->name = name;
  if( nDef<nA ){
    p->tail = trim_end(span_of(a[nDef].z, (size_t)(span_end(name) - a[nDef].z)), ")");
    if( p->tail.n && p->tail.z[0]=='(' ){ p->tail.z++; p->tail.n--; }
  }
  if( zColon ) p->rest = trim(span_of(zColon+1, (size_t)(zEnd - zColon - 1)));
  return 1;
}

/* ------------------------------------------------------------ persons */

static const char *const azParticle[] = {
  "van", "de", "der", "den", "het", "t", "ter", "ten", "te", "in", "op",
  "la", "le", "du", "da", "di", "el", "al", "von", "zu", "d", "l", "del",
  "dos", "das", "bin", "ben", "vd",
};

static const char *const azTitle[] = {
  "dhr", "mw", "mevr", "mevrouw", "heer", "drs", "dr", "mr", "ir", "ing",
  "prof", "ds", "bc", "msc", "wnd",
};

static const char *const azChairWord[] = { "voorzitter", "vz", "voorzitster" };
static const char *const azTakerWord[] = {
  "notulist", "notuliste", "notulen", "verslag", "verslaglegging",
};
static const char *const azGuestWord[] = { "gast", "genodigde", "te gast" };
/* a part in parentheses that says when, not who: "(vanaf punt 3)" */
static const char *const azWhenWord[] = {
  "vanaf", "tot", "bij", "agendapunt", "punt", "alleen", "na", "voor",
  "tijdens", "gedeeltelijk", "deels", "online", "digitaal",
};

typedef struct Person {
  Span name, org;
  Buf func;            /* function words, from one place or more */
  MinutesRole role;    /* MINUTES_PRESENT unless a part says otherwise */
  int bRole;
} Person;

/* True if word w begins with a capital letter. */
static int word_cap(Span w){ return w.n>0 && is_upper_at(w.z, span_end(w)); }

/* True if w is written in capitals only ("BRA", "SWEV"). */
static int word_acronym(Span w){
  int nUpper = 0;
  for(size_t i=0; i<w.n; i++){
    if( w.z[i]>='a' && w.z[i]<='z' ) return 0;
    nUpper += w.z[i]>='A' && w.z[i]<='Z';
  }
  return nUpper>=2;
}

/* True if w is an initial: one letter followed by a dot. */
static int word_initial(Span w, const char *zEnd){
  const char *z = span_end(w);
  int k = infer_word_char(w.z, zEnd);
  return k>0 && (size_t)k==w.n && z<zEnd && *z=='.';
}

static void func_add(Person *p, Span s){
  s = trim_end(s, ",;");
  if( s.n==0 ) return;
  if( p->func.n ) buf_puts(&p->func, ", ");
  buf_append(&p->func, s.z, s.n);
}

/* Reads one part of "(burgemeester, Amersfoort, voorzitter)" or of
** "– burgemeester Amersfoort": role words set the role, leading small
** words are the function, the rest from the first capital is the
** organisation. */
static void person_part(Person *p, Span s){
  s = trim_end(s, ".,;");
  if( s.n==0 ) return;
  Span a[MAX_SENT_WORDS];
  int nA = words_of(s, a, COUNT(a));
  if( nA==0 ) return;
  int n;
  if( word_in(a[0], azWhenWord, COUNT(azWhenWord)) || is_digit(a[0].z[0]) ) return;
  /* "voorzitter", "voorzitter a.i.", "plv. voorzitter" */
  if( (word_in(a[0], azChairWord, COUNT(azChairWord))
       && (nA==1 || (phrase_at(a+1, nA-1, "a i", &n) && n==nA-1)))
   || (phrase_at(a, nA, "plv voorzitter", &n) && n==nA) ){
    p->role = MINUTES_CHAIR;
    p->bRole = 1;
    return;
  }
  if( nA==1 && word_in(a[0], azTakerWord, COUNT(azTakerWord)) ){
    p->role = MINUTES_TAKER;
    p->bRole = 1;
    if( word_is(a[0], "notulist") || word_is(a[0], "notuliste") ) func_add(p, s);
    return;
  }
  if( nA<=2 && (word_in(a[0], azGuestWord, COUNT(azGuestWord))
             || phrase_at(a, nA, "te gast", &n)) ){
    p->role = MINUTES_GUEST;
    p->bRole = 1;
    return;
  }
  int i = 0;
  if( word_is(a[0], "namens") ){
    /* "(namens Leusden)": the organisation only */
    s = span_of(span_end(a[0]), (size_t)(span_end(s) - span_end(a[0])));
    nA = words_of(s, a, COUNT(a));
  }
  while( i<nA && !word_cap(a[i]) ) i++;
  if( i>0 ) func_add(p, span_of(s.z, (size_t)((i<nA ? a[i].z : span_end(s)) - s.z)));
  if( i<nA && p->org.n==0 ){
    p->org = trim_end(span_of(a[i].z, (size_t)(span_end(s) - a[i].z)), ".,;");
  }
}

/* Splits the parenthesised text s into parts at its commas. */
static void person_parts(Person *p, Span s){
  const char *z = s.z, *zEnd = span_end(s), *zPart = z;
  for(; z<=zEnd; z++){
    if( z==zEnd || *z==',' || *z==';' ){
      person_part(p, span_of(zPart, (size_t)(z - zPart)));
      zPart = z+1;
    }
  }
}

/* Reads a cell or phrase such as "burgemeester (voorzitter)": the text
** outside parentheses is one part, the text inside is split at commas. */
static void person_text(Person *p, Span s){
  const char *z = s.z, *zEnd = span_end(s), *zOut = z;
  for(; z<zEnd; z++){
    if( *z!='(' ) continue;
    const char *q = z+1;
    while( q<zEnd && *q!=')' ) q++;
    person_parts(p, span_of(z+1, (size_t)(q - z - 1)));
    z = q<zEnd ? q : zEnd-1;
  }
  for(z=zOut; z<zEnd && *z!='('; z++){}
  person_part(p, span_of(zOut, (size_t)(z - zOut)));
}

/* The dash between a name and its function: " – ", " — ", " - ". */
static const char *find_dash(Span s, size_t *pnDash){
  const char *z = s.z, *zEnd = span_end(s);
  for(; z+2<zEnd; z++){
    if( *z!=' ' ) continue;
    if( z[1]=='-' && z[2]==' ' ){ *pnDash = 3; return z; }
    if( z+4<zEnd && (unsigned char)z[1]==0xE2 && (unsigned char)z[2]==0x80
     && ((unsigned char)z[3]==0x93 || (unsigned char)z[3]==0x94) && z[4]==' ' ){
      *pnDash = 5;
      return z;
    }
  }
  return 0;
}

/* Reads one attendee as written: "mw. A. de Vries (Amersfoort,
** voorzitter)", "Anne de Vries – burgemeester Amersfoort (voorzitter)",
** "wethouder Bakker", "Eva Schouten".  Returns 1 and fills *p (its func
** must be released by the caller) if the entry names a person. */
static int person_parse(Span s, Person *p){
  memset(p, 0, sizeof *p);
  buf_init(&p->func);
  s = trim_end(s, ".,;:");
  if( s.n==0 || s.n>MAX_ENTRY_BYTES ) return 0;
  /* parenthesised parts, wherever they are */
  const char *z = s.z, *zEnd = span_end(s);
  const char *zName0 = 0, *zNameEnd = zEnd;
  for(const char *y=z; y<zEnd; y++){
    if( *y!='(' ) continue;
    const char *q = y+1;
    int nDepth = 1;
    while( q<zEnd && nDepth>0 ){
      if( *q=='(' ) nDepth++;
      if( *q==')' ) nDepth--;
      q++;
    }
    if( zName0==0 ) zNameEnd = y;
    zName0 = y;
    person_parts(p, span_of(y+1, (size_t)((nDepth==0 ? q-1 : q) - (y+1))));
    y = q-1;
  }
  Span name = trim(span_of(z, (size_t)(zNameEnd - z)));
  size_t nDash;
  const char *zDash = find_dash(name, &nDash);
  if( zDash ){
    person_part(p, span_of(zDash+nDash, (size_t)(span_end(name) - zDash - nDash)));
    name = trim(span_of(name.z, (size_t)(zDash - name.z)));
  }
  /* leading titles and function words: "dhr.", "de heer", "wethouder",
  ** "loco-burgemeester" */
  Span a[MAX_NAME_WORDS+4];
  const char *zN = name.z, *zNEnd = span_end(name);
  const char *zFunc = 0, *zFuncEnd = 0;
  for(;;){
    Span w;
    const char *y = zN;
    if( !word_next(&y, zNEnd, &w) ) break;
    if( word_in(w, azTitle, COUNT(azTitle)) ){ zN = y; continue; }
    if( word_is(w, "de") ){
      const char *y2 = y;
      Span w2;
      if( word_next(&y2, zNEnd, &w2) && word_is(w2, "heer") ){ zN = y2; continue; }
    }
    if( !word_cap(w) && !word_in(w, azParticle, COUNT(azParticle)) ){
      if( zFunc==0 ) zFunc = w.z;
      zFuncEnd = y;
      zN = y;
      continue;
    }
    break;
  }
  if( zFunc ) func_add(p, span_of(zFunc, (size_t)(zFuncEnd - zFunc)));
  while( zN<zNEnd && (*zN=='.' || *zN==' ') ) zN++;
  name = trim_end(span_of(zN, (size_t)(zNEnd - zN)), ",;");
  int nA = words_of(name, a, COUNT(a));
  if( nA==0 || nA>MAX_NAME_WORDS ) goto not_a_person;
  /* a person: no digits, the last word a capitalised name that is not an
  ** acronym, and every word before it an initial, a capitalised name or a
  ** particle */
  for(int i=0; i<nA; i++){
    if( is_digit(a[i].z[0]) ) goto not_a_person;
    if( !word_cap(a[i]) && !word_in(a[i], azParticle, COUNT(azParticle)) ){
      goto not_a_person;
    }
  }
  if( !word_cap(a[nA-1]) || word_acronym(a[nA-1])
   || word_initial(a[nA-1], zNEnd) ){
    goto not_a_person;
  }
  p->name = name;
  return 1;
not_a_person:
  buf_release(&p->func);
  return 0;
}

/* ------------------------------------------------------------ the walk */

typedef enum Claim { C_NONE = 0, C_ATTEND, C_DECISION, C_PROPOSAL, C_ACTION, C_COMMIT } Claim;

typedef struct Walk {
  const Doc *d;
  Minutes *m;
  int bTaken;          /* decisions are taken here (not an agenda, memo) */
  /* set by a label with nothing after it, until something else starts */
  Claim claim;
  MinutesRole claimRole;
  Span claimLabel;     /* the label, kept as the decision's label */
  Span claimWho;       /* "Actie Soest:" */
  int nClaimPara;      /* paragraphs it may still take */
  int bClaimWeak;
  int iClaimBlock;     /* the claim ends with this block, or -1 */
  /* set by a heading that names a section, until the next heading */
  Claim section;
  Span sectionLabel;
  MinutesRole sectionRole;
  int listLevel;       /* level of the first list item of the current run */
} Walk;

static void add_attendee(Walk *w, const Person *p, MinutesRole role,
                         int iBlock, int iRow){
  MinutesAttendee *a;
  LIST_ADD(w->m->att, a);
  if( a==0 ) return;
  if( p->bRole && role!=MINUTES_ABSENT ) role = p->role;
  a->role = role;
  a->zName = span_dup(p->name);
  a->zOrg = span_dup(p->org);
  a->zFunction = span_dup(span_of(p->func.z, p->func.n));
  a->iBlock = iBlock;
  a->iRow = iRow;
}

/* True if a title ("dhr.", "mevrouw") begins at z. */
static int title_at(const char *z, const char *zEnd){
  Span w;
  return word_next(&z, zEnd, &w) && word_in(w, azTitle, COUNT(azTitle));
}

/* One word, without initials: "Soest" after "wethouder Bakker, ". */
static int is_single_word(Span s){
  Span a[2];
  s = trim_end(s, ".");
  return words_of(s, a, 2)==1 && a[0].n==s.n;
}

/* How an entry of an attendance list begins: a person (a title, an
** initial, a capitalised name), a lone word ("Soest"), or a small word
** ("wethouder Soest", "wethouder Bakker"). */
enum { SEG_PERSON, SEG_WORD, SEG_SMALL };

static int seg_class(Span s){
  Span w;
  const char *z = s.z;
  if( !word_next(&z, span_end(s), &w) ) return SEG_WORD;
  if( is_single_word(s) ) return word_cap(w) ? SEG_WORD : SEG_SMALL;
  if( word_cap(w) || word_in(w, azTitle, COUNT(azTitle))
   || word_in(w, azParticle, COUNT(azParticle)) ){
    return SEG_PERSON;
  }
  return SEG_SMALL;
}

/* Adds the attendees of a list as written after "Aanwezig:": entries
** separated by commas, semicolons, line breaks or a last " en ".  With
** semicolons, commas separate a person's parts ("wethouder Bakker, Soest;
** ..."); without them, the entries after a person that are not persons
** themselves are its parts: "J. Jansen, wethouder, Soest".  A lone word
** is a part when such words are the exception, not the rule ("Jansen,
** Bakker" are two people); an entry that begins with a small word is a
** part when the list begins with a person and uses no parentheses
** ("wethouder Bakker, wethouder Smit" are two people). */
static void add_attendee_list(Walk *w, Span t, MinutesRole role, int iBlock, int iRow){
  enum { MAX_SEG = 256 };
  Span aSeg[MAX_SEG];
  int aClass[MAX_SEG];
  int nSeg = 0, bSemi = 0, nDepth = 0;
  const char *z = t.z, *zEnd = span_end(t);
  for(const char *y=z; y<zEnd; y++){
    if( *y=='(' ) nDepth++;
    if( *y==')' && nDepth>0 ) nDepth--;
    if( *y==';' && nDepth==0 ) bSemi = 1;
  }
  nDepth = 0;
  const char *zSeg = z;
  for(const char *y=z; y<=zEnd && nSeg<MAX_SEG; y++){
    int bCut = 0, nSkip = 1;
    if( y<zEnd ){
      if( *y=='(' ) nDepth++;
      if( *y==')' && nDepth>0 ) nDepth--;
      if( nDepth==0 ){
        bCut = *y=='\n' || *y==';' || (*y==',' && !bSemi);
        if( !bCut && y+4<zEnd && memcmp(y, " en ", 4)==0
         && (is_upper_at(y+4, zEnd) || (y>z && y[-1]==')') || title_at(y+4, zEnd)) ){
          bCut = 1;
          nSkip = 4;
        }
      }
    }else{
      bCut = 1;
    }
    if( !bCut ) continue;
    Span s = trim(span_of(zSeg, (size_t)(y - zSeg)));
    if( s.n ) aSeg[nSeg++] = s;
    zSeg = y + nSkip;
    y += nSkip - 1;
  }
  int nWord = 0, bWordPart = 1;
  for(int i=0; i<nSeg; i++){
    aClass[i] = seg_class(aSeg[i]);
    if( aClass[i]!=SEG_WORD ) continue;
    nWord++;
    if( i==0 || aClass[i-1]==SEG_WORD ) bWordPart = 0;
  }
  if( nWord*2>nSeg ) bWordPart = 0;
  /* a list that writes parts in parentheses does not also write them
  ** after commas: "J. Jansen (Soest), wethouder Bakker (Baarn)" */
  int bSmallPart = nSeg>0 && aClass[0]==SEG_PERSON && memchr(t.z, '(', t.n)==0;
  for(int i=0; i<nSeg; ){
    Person p;
    Span seg = aSeg[i];
    Span aPart[8] = { { 0, 0 } };
    int nPart = 0;
    if( bSemi ){
      /* "wethouder Bakker, Soest": the name first, then its parts */
      const char *y = seg.z, *yEnd = span_end(seg), *yPart = y;
      int nD = 0;
      for(; y<=yEnd && nPart<COUNT(aPart); y++){
        if( y<yEnd ){
          if( *y=='(' ) nD++;
          if( *y==')' && nD>0 ) nD--;
          if( !(*y==',' && nD==0) ) continue;
        }
        aPart[nPart++] = span_of(yPart, (size_t)(y - yPart));
        yPart = y+1;
      }
      if( nPart>0 ) seg = aPart[0];
      i++;
    }else{
      aPart[nPart++] = seg;
      for(i++; i<nSeg && nPart<COUNT(aPart); i++){
        if( !(aClass[i]==SEG_WORD && bWordPart) && !(aClass[i]==SEG_SMALL && bSmallPart) ) break;
        aPart[nPart++] = aSeg[i];
      }
    }
    if( !person_parse(seg, &p) ) continue;
    for(int k=1; k<nPart; k++) person_part(&p, trim_end(aPart[k], "."));
    add_attendee(w, &p, role, iBlock, iRow);
    buf_release(&p.func);
  }
}

static MinutesRole role_of_label(LabelKind e){
  switch( e ){
    case L_ABSENT: return MINUTES_ABSENT;
    case L_CHAIR:  return MINUTES_CHAIR;
    case L_TAKER:  return MINUTES_TAKER;
    case L_GUEST:  return MINUTES_GUEST;
    default:       return MINUTES_PRESENT;
  }
}

/* ------------------------------------------------------------ forms */

/* The bodies that decide, as the subject of a sentence ("Het BO", "De
** ARG", "Het Bestuurlijk Overleg Wonen"; "het college" and "de raad" for
** the decisions of a municipality).  Not the bureau (BRA) that serves
** them, nor the chair, who concludes but does not decide; and only when
** the verb follows at once ("de raad van Soest stemt in" reports). */
static const char *const azBody[] = {
  "het bo", "het ao", "het bora", "de arg", "het team", "het college",
  "het bestuur", "het dagelijks bestuur", "het algemeen bestuur",
  "de leden", "de vergadering", "het overleg", "het bestuurlijk overleg",
  "het ambtelijk overleg", "de stuurgroep", "de regiegroep", "het pho",
  "het portefeuillehoudersoverleg", "de ambtelijke regiegroep",
  "de ambtelijke regie groep", "het regionaal bestuur", "de raad",
  "het mt", "het managementteam", "het db", "het ab",
};

/* The decision verbs and the word each needs later in the sentence ("stemt
** ... in", "stelt ... vast"), "" when none. */
static const struct { const char *zVerb, *zNeed; } aVerb[] = {
  { "stemt", "in" }, { "stemmen", "in" }, { "besluit", "" }, { "besluiten", "" },
  { "stelt", "vast" }, { "stellen", "vast" },
  { "neemt", "kennis" }, { "nemen", "kennis" }, { "neemt", "besluit" },
  { "neemt", "over" }, { "nemen", "over" },
  { "adviseert", "" }, { "adviseren", "" },
  { "spreekt", "af" }, { "spreken", "af" },
  { "geeft", "opdracht" }, { "geven", "opdracht" }, { "geeft", "mandaat" },
  { "gaat", "akkoord" }, { "gaan", "akkoord" }, { "is", "akkoord" },
  { "zijn", "akkoord" }, { "kiest", "voor" }, { "kiezen", "voor" },
  { "verleent", "" }, { "benoemt", "" }, { "verzoekt", "" }, { "vraagt", "" },
  { "draagt", "op" }, { "keurt", "goed" }, { "keuren", "goed" },
  { "bekrachtigt", "" }, { "legt", "vast" }, { "houdt", "aan" },
  { "wijst", "af" }, { "onderschrijft", "" }, { "onderschrijven", "" },
};

static const char *const azNegation[] = { "niet", "geen", "nog" };

/* The words of the body subject at a[i..], and up to four words of a topic
** ("Het BO Recreatie en Toerisme"); 0 if there is no body subject there. */
static int body_at(const Span *a, int nA, int i){
  int nBest = 0, n;
  for(int k=0; k<COUNT(azBody); k++){
    if( phrase_at(a+i, nA-i, azBody[k], &n) && n>nBest ) nBest = n;
  }
  if( nBest==0 ) return 0;
  int j = i + nBest, nTopic = 0;
  while( j<nA && nTopic<4 && (word_cap(a[j]) || (word_is(a[j], "en") && j+1<nA
         && word_cap(a[j+1]))) ){
    j++;
    nTopic++;
  }
  return j - i;
}

/* True if a[i] is a decision verb whose companion word follows in a[]. */
static int verb_at(const Span *a, int nA, int i){
  for(int k=0; k<COUNT(aVerb); k++){
    if( !word_is(a[i], aVerb[k].zVerb) ) continue;
    if( word_is(a[i], "vraagt") && i+1<nA
     && (word_is(a[i+1], "of") || word_is(a[i+1], "naar") || word_is(a[i+1], "zich")) ){
      return 0;
    }
    if( aVerb[k].zNeed[0]==0 ) return 1;
    for(int j=i+1; j<nA; j++){
      if( word_is(a[j], aVerb[k].zNeed) ) return 1;
    }
  }
  return 0;
}

/* What a meeting adopts or rejects in the passive ("Het voorstel wordt
** aangenomen"): the things, and what is done to them.  Not the agenda
** (a formality) nor minutes (an adoption, read apart). */
static const char *const azThing[] = {
  "voorstel", "voorstellen", "advies", "motie", "moties", "amendement", "nota",
  "notitie", "plan", "begroting", "jaarrekening", "kadernota", "visie",
  "programma", "werkplan", "jaarplan", "uitvoeringsprogramma", "verdeelsleutel",
  "convenant", "beslispunt", "beslispunten", "reglement", "startnotitie",
  "ontwerpbesluit", "conceptbesluit",
};
static const char *const azDone[] = {
  "aangenomen", "overgenomen", "goedgekeurd", "verworpen", "vastgesteld",
  "afgewezen", "aangehouden", "bekrachtigd",
};

/* True if the sentence begins "(Het|De) <thing> ... wordt ... <done>",
** with no agent ("door de colleges": someone else decides) and no "niet". */
static int passive_at(const Span *a, int nA){
  int i = nA>0 && (word_is(a[0], "het") || word_is(a[0], "de")) ? 1 : 0;
  if( i>=nA || !word_in(a[i], azThing, COUNT(azThing)) ) return 0;
  for(int j=i+1; j<nA && j<=i+8; j++){
    if( !word_is(a[j], "wordt") && !word_is(a[j], "worden") ) continue;
    for(int k=j+1; k<nA && k<=j+6; k++){
      if( !word_in(a[k], azDone, COUNT(azDone)) ) continue;
      if( find_word(a, k, j, azNegation, COUNT(azNegation))>=0 ) return 0;
      if( find_word(a, nA, j, (const char *const[]){ "door" }, 1)>=0 ) return 0;
      return 1;
    }
    return 0;
  }
  return 0;
}

/* True if the sentence a[0..nA) states a decision: "Besloten wordt ...",
** "Na discussie wordt besloten ...", "Het BO stemt in met ...", "Na
** discussie stemt het BO in met ...", "Akkoord met ...". */
static int decision_form(const Span *a, int nA){
  int n;
  if( nA<2 ) return 0;
  if( word_is(a[0], "besloten") && (word_is(a[1], "wordt") || word_is(a[1], "is")) ){
    return 1;
  }
  /* "Na discussie wordt besloten ..."; not "In 2023 is besloten ...",
  ** which recalls an earlier decision */
  for(int i=0; i+1<nA && i<6; i++){
    if( word_is(a[i], "wordt") && word_is(a[i+1], "besloten") ){
      return find_word(a, i, 0, azNegation, COUNT(azNegation))<0;
    }
  }
  if( (phrase_at(a, nA, "akkoord met", &n) || phrase_at(a, nA, "ingestemd met", &n)
    || phrase_at(a, nA, "ingestemd wordt met", &n)
    || phrase_at(a, nA, "kennisgenomen van", &n)) ){
    return 1;
  }
  if( passive_at(a, nA) ) return 1;
  int nBody = body_at(a, nA, 0);
  if( nBody>0 && nBody<nA ){
    if( verb_at(a, nA, nBody) ) return 1;
    return 0;
  }
  /* inverted: "Na een korte discussie stemt het BO in met ..." */
  for(int i=1; i+1<nA && i<6; i++){
    if( verb_at(a, nA, i) && body_at(a, nA, i+1)>0 ) return 1;
  }
  return 0;
}

/* True if the sentence proposes: "Het BO wordt gevraagd ...", "Voorgesteld
** wordt ...". */
static int proposal_form(const Span *a, int nA){
  int n, nBody = body_at(a, nA, 0);
  if( nBody>0 && nBody+1<nA
   && (word_is(a[nBody], "wordt") || word_is(a[nBody], "worden"))
   && (word_is(a[nBody+1], "gevraagd") || word_is(a[nBody+1], "voorgesteld")) ){
    return 1;
  }
  return phrase_at(a, nA, "voorgesteld wordt", &n) || phrase_at(a, nA, "gevraagd wordt", &n);
}

/* True if the text says there is no decision: "geen besluit", "n.v.t.". */
static int no_decision(Span t){
  Span a[MAX_SENT_WORDS];
  int nA = words_of(t, a, COUNT(a)), n;
  t = trim_end(t, ".");
  if( t.n==0 ) return 1;
  if( nA==0 ) return 1;                     /* "–" */
  if( word_is(a[0], "geen") || word_is(a[0], "nvt") || phrase_at(a, nA, "n v t", &n)
   || word_is(a[0], "niet") ){
    /* "Geen.", "n.v.t.", "geen; het onderwerp komt terug" */
    const char *z = span_end(a[phrase_at(a, nA, "n v t", &n) ? 2 : 0]);
    while( z<span_end(t) && *z=='.' ) z++;
    if( nA<=3 || z>=span_end(t) || strchr(";,:", *z) ) return 1;
  }
  for(int i=0; i+1<nA; i++){
    if( word_is(a[i], "geen") && (word_is(a[i+1], "besluit") || word_is(a[i+1], "besluiten")
                               || word_is(a[i+1], "besluitvorming")) ){
      return 1;
    }
  }
  return 0;
}

/* True if the text says a decision is still to come: "besluitvorming volgt
** in het BORA", "wordt later besloten". */
static int deferred(const Span *a, int nA){
  static const char *const azDefer[] = {
    "volgt", "volgen", "zal", "zullen", "voorzien", "later", "verwacht",
  };
  if( find_word(a, nA, 0, azDefer, COUNT(azDefer))>=0 ) return 1;
  for(int i=0; i+1<nA; i++){
    if( word_is(a[i], "nog") && word_is(a[i+1], "niet") ) return 1;
  }
  return 0;
}

/* The kinds of minutes that "Het verslag van ..." can name. */
static const char *const azMinutesWord[] = {
  "verslag", "notulen", "besluitenlijst", "actielijst", "conceptverslag",
  "conceptnotulen", "conceptbesluitenlijst", "verslagen",
};

/* Words that say an adoption changed the text. */
static const char *const azChange[] = {
  "inachtneming", "aanpassing", "aanpassingen", "wijziging", "wijzigingen",
  "gewijzigd", "correctie", "correcties", "gecorrigeerd", "aangepast",
  "aanvulling", "aanvullingen", "aangevuld", "tekstuele", "verbetering",
  "verbeteringen", "opmerking", "opmerkingen",
};

static void add_adoption(Walk *w, const Span *a, int nA, Span s, int iBlock, int iRow){
  MinutesAdoption *p;
  LIST_ADD(w->m->adoption, p);
  if( p==0 ) return;
  Span written = span_of("", 0);
  find_date(a, nA, w->m->zDate, p->zDate, &written);
  p->zDateText = span_dup(written);
  p->bChanged = find_word(a, nA, 0, azChange, COUNT(azChange))>=0;
  p->zText = span_dup(s);
  p->iBlock = iBlock;
  p->iRow = iRow;
}

/* If sentence s adopts earlier minutes ("Het verslag van 12 maart wordt
** ongewijzigd vastgesteld", "De notulen worden vastgesteld") adds it and
** returns 1.  Also returns 1 for this document's own adoption note
** ("Vastgesteld in de vergadering van ..."), which it records in m. */
static int adoption_sentence(Walk *w, Span s, int iBlock, int iRow){
  Span a[MAX_SENT_WORDS];
  int nA = words_of(s, a, COUNT(a));
  if( nA<2 ) return 0;
  int iFixed = find_word(a, nA, 0, (const char *const[]){ "vastgesteld", "goedgekeurd" }, 2);
  if( iFixed<0 ) return 0;
  if( find_word(a, iFixed, 0, (const char *const[]){ "niet" }, 1)>=0 ) return 0;
  int i = 0;
  if( word_is(a[0], "vastgesteld")
   || ((word_is(a[0], "deze") || word_is(a[0], "dit"))
       && word_in(a[1], azMinutesWord, COUNT(azMinutesWord))) ){
    Span written;
    char zIso[11];
    w->m->bAdopted = 1;
    if( find_date(a, nA, w->m->zDate, zIso, &written) && zIso[0] ){
      memcpy(w->m->zAdopted, zIso, sizeof zIso);
    }
    return 1;
  }
  if( word_is(a[0], "het") || word_is(a[0], "de") ) i = 1;
  if( i<nA && word_is(a[i], "concept") ) i++;
  if( i>=nA || !word_in(a[i], azMinutesWord, COUNT(azMinutesWord)) ) return 0;
  if( !w->bTaken ) return 1;
  add_adoption(w, a, nA, s, iBlock, iRow);
  return 1;
}

static void add_decision(Walk *w, Span text, Span label, int bProposal,
                         int iBlock, int iRow){
  MinutesDecision *p;
  text = trim_end(text, ";,");
  if( text.n==0 ) return;
  if( bProposal ){
    LIST_ADD(w->m->proposal, p);
  }else{
    LIST_ADD(w->m->decision, p);
  }
  if( p==0 ) return;
  p->zText = span_dup(text);
  p->zLabel = span_dup(label);
  p->iBlock = iBlock;
  p->iRow = iRow;
}

/* Adds the decisions stated by text t under a label or in a decision
** column: one per sentence that begins a decision, the sentences after it
** that do not begin one belonging to it.  Adoptions and "geen besluit"
** are taken out; "Besluitvorming: volgt in het BORA" is no decision. */
static void add_decision_text(Walk *w, Span t, Span label, int flags,
                              int iBlock, int iRow){
  int bProposal = !w->bTaken;
  if( bProposal && (flags & LF_WEAK) ) return;
  const char *z = t.z, *zEnd = span_end(t);
  Span s, group = span_of(0, 0);
  int bGroupForm = 0;
  for(;;){
    int bMore = sentence_next(&z, zEnd, &s);
    Span a[MAX_SENT_WORDS];
    int nA = bMore ? words_of(s, a, COUNT(a)) : 0;
    int bForm = bMore && decision_form(a, nA);
    int bOwn = bMore && (adoption_sentence(w, s, iBlock, iRow) || no_decision(s));
    if( group.z && (!bMore || bForm || bOwn) ){
      Span g[MAX_SENT_WORDS];
      int nG = words_of(group, g, COUNT(g));
      if( bGroupForm || !deferred(g, nG) ){
        add_decision(w, group, label, bProposal, iBlock, iRow);
      }
      group.z = 0;
    }
    if( !bMore ) break;
    if( bOwn ) continue;
    if( group.z==0 ){
      group = s;
      bGroupForm = bForm;
    }else{
      group.n = (size_t)(span_end(s) - group.z);
    }
  }
}

/* An action line may end with who and when in parentheses: "Notitie
** rondsturen (wie: BRA, wanneer: 1 mei)", "(BRA, vóór 1 mei)".  Takes them
** out of *pText into *pWho and *pDue where those are still empty. */
static void action_details(Span *pText, Span *pWho, Span *pDue){
  Span t = trim_end(*pText, ".;");
  if( t.n<3 || t.z[t.n-1]!=')' ) return;
  const char *zOpen = span_end(t) - 1;
  while( zOpen>t.z && *zOpen!='(' ) zOpen--;
  if( *zOpen!='(' || zOpen==t.z ) return;
  Span inner = span_of(zOpen+1, (size_t)(span_end(t) - zOpen - 2));
  Span who = span_of("", 0), due = span_of("", 0);
  const char *z = inner.z, *zEnd = span_end(inner), *zPart = z;
  for(; z<=zEnd; z++){
    if( z<zEnd && *z!=',' && *z!=';' ) continue;
    Span part = trim(span_of(zPart, (size_t)(z - zPart)));
    zPart = z+1;
    Span a[MAX_SENT_WORDS], written;
    char zIso[11];
    int nA = words_of(part, a, COUNT(a));
    if( nA==0 ) continue;
    const char *zColon = memchr(part.z, ':', part.n);
    Span value = zColon ? trim(span_of(zColon+1, (size_t)(span_end(part) - zColon - 1))) : part;
    if( word_is(a[0], "wie") || word_is(a[0], "actiehouder") || word_is(a[0], "door") ){
      who = value;
    }else if( word_is(a[0], "wanneer") || word_is(a[0], "deadline") || word_is(a[0], "gereed")
           || word_is(a[0], "uiterlijk") || word_is(a[0], "voor") || word_is(a[0], "termijn")
           || find_date(a, nA, "", zIso, &written) || word_is(a[0], "week")
           || (a[0].z[0]=='Q' && a[0].n==2) ){
      due = value;
    }else if( who.n==0 && nA<=4 && word_cap(a[0]) ){
      who = part;
    }else{
      return;            /* a remark in parentheses, part of the text */
    }
  }
  *pText = trim(span_of(t.z, (size_t)(zOpen - t.z)));
  if( pWho->n==0 ) *pWho = who;
  if( pDue->n==0 ) *pDue = due;
}

static void add_action(Walk *w, Span nr, Span text, Span who, Span due,
                       Span status, int iBlock, int iRow){
  if( iRow<0 ) action_details(&text, &who, &due);
  text = trim_end(text, ".;");
  if( text.n==0 || no_decision(text) ) return;
  MinutesAction *p;
  LIST_ADD(w->m->action, p);
  if( p==0 ) return;
  p->zNr = span_dup(trim_end(nr, ".:"));
  p->zText = span_dup(text);
  p->zWho = span_dup(trim_end(who, ".:"));
  p->zDue = span_dup(trim_end(due, "."));
  p->zStatus = span_dup(trim_end(status, "."));
  p->iBlock = iBlock;
  p->iRow = iRow;
}

/* An action number as written: "18.03.1", "3", "A12". */
static int is_action_nr(Span s){
  s = trim_end(s, ".:");
  if( s.n==0 || s.n>16 ) return 0;
  int nDigit = 0;
  for(size_t i=0; i<s.n; i++){
    char c = s.z[i];
    if( is_digit(c) ){ nDigit++; continue; }
    if( c=='.' || c=='-' || c=='/' ) continue;
    if( (c>='A' && c<='Z') || (c>='a' && c<='z') ){ if( i<2 ) continue; }
    return 0;
  }
  return nDigit>0;
}

static void add_commitment(Walk *w, Span text, Span who, int iBlock, int iRow){
  text = trim(text);
  if( text.n==0 ) return;
  MinutesCommitment *p;
  LIST_ADD(w->m->commitment, p);
  if( p==0 ) return;
  p->zText = span_dup(text);
  p->zWho = span_dup(trim_end(who, ",;:"));
  p->iBlock = iBlock;
  p->iRow = iRow;
}

/* If sentence s makes a commitment ("X zegt toe ...", "X doet de
** toezegging ...") adds it with X as who. */
static void commitment_sentence(Walk *w, Span s, int iBlock, int iRow){
  Span a[MAX_SENT_WORDS];
  int nA = words_of(s, a, COUNT(a));
  static const char *const azSay[] = { "zegt", "zeggen", "zegde", "zegden" };
  int iVerb = -1;
  for(int i=0; i<nA && iVerb<0; i++){
    if( word_in(a[i], azSay, COUNT(azSay)) ){
      for(int j=i+1; j<nA && j<=i+8; j++){
        if( word_is(a[j], "toe") ){ iVerb = i; break; }
      }
    }else if( word_is(a[i], "doet") && i+2<nA
           && (word_is(a[i+1], "toezegging") || word_is(a[i+2], "toezegging")) ){
      iVerb = i;
    }
  }
  if( iVerb<0 ) return;
  /* the clause of the verb begins after the last ';' or ':' before it */
  const char *zClause = s.z;
  for(const char *y=s.z; y<a[iVerb].z; y++){
    if( *y==';' || *y==':' ) zClause = y+1;
  }
  Span who = trim(span_of(zClause, (size_t)(a[iVerb].z - zClause)));
  add_commitment(w, span_of(zClause, (size_t)(span_end(s) - zClause)), who, iBlock, iRow);
}

/* Reads free text sentence by sentence.  Returns the claim a sentence
** ending in ':' makes ("Het BO besluit:", "Het BORA wordt gevraagd:"). */
static Claim free_text(Walk *w, Span t, int iBlock, int iRow){
  const char *z = t.z, *zEnd = span_end(t);
  Span s;
  Claim claim = C_NONE;
  while( sentence_next(&z, zEnd, &s) ){
    Span a[MAX_SENT_WORDS];
    int nA = words_of(s, a, COUNT(a)), n;
    int bColon = s.n>0 && s.z[s.n-1]==':';
    if( s.n>0 && s.z[s.n-1]=='?' ) continue;
    if( adoption_sentence(w, s, iBlock, iRow) ) continue;
    if( proposal_form(a, nA) ){
      if( bColon ) claim = C_PROPOSAL;
      else add_decision(w, s, span_of("", 0), 1, iBlock, iRow);
      continue;
    }
    if( phrase_at(a, nA, "de volgende besluiten", &n) && bColon ){
      claim = C_DECISION;
      continue;
    }
    if( decision_form(a, nA) ){
      if( bColon ) claim = C_DECISION;
      else add_decision(w, s, span_of("", 0), !w->bTaken, iBlock, iRow);
      continue;
    }
    if( w->bTaken ) commitment_sentence(w, s, iBlock, iRow);
  }
  return claim;
}

/* ------------------------------------------------------------ tables */

typedef enum Col {
  COL_NR = 0, COL_TITLE, COL_DECISION, COL_PROPOSAL, COL_ACTION, COL_WHO,
  COL_DUE, COL_STATUS, COL_NAME, COL_FUNC, COL_ORG, COL_ROLE, COL_COMMIT,
  COL_N
} Col;

static const struct { const char *zName; Col e; } aColName[] = {
  { "nr", COL_NR }, { "nummer", COL_NR }, { "no", COL_NR }, { "actienr", COL_NR },
  { "actienummer", COL_NR }, { "punt", COL_NR }, { "agendapunt", COL_NR },
  { "onderwerp", COL_TITLE }, { "titel", COL_TITLE }, { "agendapunt", COL_TITLE },
  { "omschrijving", COL_TITLE }, { "onderwerpen", COL_TITLE },
  { "besluit", COL_DECISION }, { "besluiten", COL_DECISION },
  { "besluitvorming", COL_DECISION }, { "genomen besluit", COL_DECISION },
  { "genomen besluiten", COL_DECISION }, { "besluit advies", COL_DECISION },
  { "besluit en advies", COL_DECISION }, { "conclusie", COL_DECISION },
  { "conclusies", COL_DECISION }, { "advies", COL_DECISION },
  { "afspraak", COL_DECISION }, { "afspraken", COL_DECISION },
  { "besluit afspraak", COL_DECISION }, { "conclusie besluit", COL_DECISION },
  { "voorstel", COL_PROPOSAL }, { "voorgesteld besluit", COL_PROPOSAL },
  { "gevraagd besluit", COL_PROPOSAL }, { "beslispunt", COL_PROPOSAL },
  { "beslispunten", COL_PROPOSAL }, { "ontwerpbesluit", COL_PROPOSAL },
  { "actie", COL_ACTION }, { "acties", COL_ACTION }, { "actiepunt", COL_ACTION },
  { "actiepunten", COL_ACTION }, { "omschrijving actie", COL_ACTION },
  { "wie", COL_WHO }, { "actiehouder", COL_WHO }, { "actienemer", COL_WHO },
  { "verantwoordelijke", COL_WHO }, { "verantwoordelijk", COL_WHO },
  { "eigenaar", COL_WHO }, { "trekker", COL_WHO }, { "door", COL_WHO },
  { "uitvoerder", COL_WHO }, { "belegd bij", COL_WHO },
  { "wanneer", COL_DUE }, { "deadline", COL_DUE }, { "gereed", COL_DUE },
  { "datum gereed", COL_DUE }, { "termijn", COL_DUE }, { "streefdatum", COL_DUE },
  { "uiterlijk", COL_DUE }, { "planning", COL_DUE }, { "einddatum", COL_DUE },
  { "status", COL_STATUS }, { "stand", COL_STATUS }, { "stand van zaken", COL_STATUS },
  { "voortgang", COL_STATUS },
  { "naam", COL_NAME }, { "namen", COL_NAME }, { "functie", COL_FUNC },
  { "organisatie", COL_ORG }, { "gemeente", COL_ORG }, { "namens", COL_ORG },
  { "organisatie gemeente", COL_ORG }, { "rol", COL_ROLE }, { "aanwezig", COL_ROLE },
  { "aanwezigheid", COL_ROLE },
  { "toezegging", COL_COMMIT }, { "toezeggingen", COL_COMMIT },
};

typedef enum TableKind {
  T_TEXT = 0,      /* read as free text */
  T_ACTION, T_ATTEND, T_DECISION, T_LABELS, T_COMMIT
} TableKind;

typedef struct TableInfo {
  TableKind kind;
  int aCol[COL_N];     /* column of each role, -1 when none */
  int iFirstRow;       /* the first data row (1 after a header row) */
} TableInfo;

/* The text of a cell: its paragraph-like blocks joined by line breaks,
** into *pBuf (reset first).  Nested tables are left out. */
static Span cell_text(const TableCell *c, Buf *pBuf){
  buf_reset(pBuf);
  for(size_t i=0; i<c->blocks.n; i++){
    const Block *b = &c->blocks.a[i];
    if( b->kind!=BLOCK_PARAGRAPH && b->kind!=BLOCK_HEADING && b->kind!=BLOCK_LIST_ITEM ){
      continue;
    }
    if( pBuf->n ) buf_putc(pBuf, '\n');
    buf_append(pBuf, b->text, b->nText);
  }
  return trim(span_of(pBuf->z, pBuf->n));
}

static const TableCell *row_cell(const Block *t, size_t iRow, int iCol){
  if( iCol<0 || iRow>=t->nRow ) return 0;
  const TableRow *r = &t->aRow[iRow];
  if( (size_t)iCol>=r->n || r->a[iCol].covered ) return 0;
  return &r->a[iCol];
}

/* The role of a column named s, or -1. */
static int col_of(Span s){
  Span a[6];
  int nA = words_of(s, a, COUNT(a)), n;
  if( nA==0 || nA>5 ) return -1;
  for(int i=0; i<COUNT(aColName); i++){
    if( phrase_at(a, nA, aColName[i].zName, &n) && n==nA ) return aColName[i].e;
  }
  return -1;
}

/* Classifies table t by its header row, or as label rows, or as text. */
static void table_info(const Block *t, Claim claim, TableInfo *p){
  Buf b = BUF_INIT;
  memset(p, 0, sizeof *p);
  for(int i=0; i<COL_N; i++) p->aCol[i] = -1;
  if( t->nRow==0 ){ buf_release(&b); return; }
  const TableRow *r = &t->aRow[0];
  for(size_t c=0; c<r->n && c<64; c++){
    const TableCell *pc = row_cell(t, 0, (int)c);
    if( pc==0 ) continue;
    int e = col_of(cell_text(pc, &b));
    if( e<0 ) continue;
    /* "Agendapunt" is the number column when there is a title column
    ** besides, else the title */
    if( e==COL_NR && p->aCol[COL_NR]>=0 ) e = COL_TITLE;
    if( p->aCol[e]<0 ) p->aCol[e] = (int)c;
  }
  const int *k = p->aCol;
  if( k[COL_ACTION]<0 && k[COL_WHO]>=0 && k[COL_TITLE]>=0 && k[COL_DECISION]<0 ){
    /* "Nr | Omschrijving | Wie | Gereed": the description is the action */
    p->aCol[COL_ACTION] = k[COL_TITLE];
    p->aCol[COL_TITLE] = -1;
  }
  p->iFirstRow = 1;
  if( k[COL_ACTION]>=0 && (k[COL_WHO]>=0 || k[COL_NR]>=0 || k[COL_DUE]>=0 || k[COL_STATUS]>=0) ){
    p->kind = T_ACTION;
  }else if( k[COL_NAME]>=0 && (k[COL_FUNC]>=0 || k[COL_ORG]>=0 || k[COL_ROLE]>=0
                            || claim==C_ATTEND) ){
    p->kind = T_ATTEND;
  }else if( k[COL_DECISION]>=0 || k[COL_PROPOSAL]>=0
         || (k[COL_TITLE]>=0 && k[COL_NR]>=0) ){
    p->kind = T_DECISION;
  }else if( k[COL_COMMIT]>=0 ){
    p->kind = T_COMMIT;
  }else if( claim==C_ATTEND ){
    p->kind = T_ATTEND;
    p->iFirstRow = 0;
    for(int i=0; i<COL_N; i++) p->aCol[i] = -1;
    p->aCol[COL_NAME] = 0;
  }else{
    /* label rows: "Voorzitter | Eva Schouten" */
    Label l;
    p->iFirstRow = 0;
    for(int i=0; i<COL_N; i++) p->aCol[i] = -1;
    for(size_t i=0; i<t->nRow; i++){
      const TableCell *pc = row_cell(t, i, 0);
      if( pc && t->aRow[i].n>=2 && label_parse(cell_text(pc, &b), &l) && l.rest.n==0 ){
        p->kind = T_LABELS;
        break;
      }
    }
  }
  buf_release(&b);
}

/* ------------------------------------------------------------ agenda items */

static const char *const azItemWord[] = { "agendapunt", "punt", "bespreekpunt", "item" };

/* If t begins with an agenda item number ("3.", "3a", "3.1", "Agendapunt
** 3:") sets *pNr and *pTitle.  A paragraph qualifies only if it reads as a
** title: short, capitalised, not a sentence. */
static int item_number(Span t, int bHeading, Span *pNr, Span *pTitle){
  t = trim(t);
  const char *z = t.z, *zEnd = span_end(t);
  int bWord = 0;
  Span w;
  const char *y = z;
  if( word_next(&y, zEnd, &w) && w.z==z && word_in(w, azItemWord, COUNT(azItemWord)) ){
    bWord = 1;
    while( y<zEnd && *y==' ' ) y++;
    z = y;
  }
  const char *zNr = z;
  while( z<zEnd && is_digit(*z) ) z++;
  if( z==zNr || z-zNr>2 ) return 0;
  int bZero = zNr[0]=='0' && (z-zNr==1 || zNr[1]=='0');
  if( z<zEnd && *z>='a' && *z<='h' && (z+1==zEnd || !infer_word_char(z+1, zEnd)) ) z++;
  if( z+1<zEnd && *z=='.' && is_digit(z[1]) ){
    z++;
    while( z<zEnd && is_digit(*z) ) z++;
  }
  *pNr = span_of(zNr, (size_t)(z - zNr));
  if( bZero && !bWord ) return 0;
  const char *zSep = z;
  while( z<zEnd && (*z=='.' || *z==')' || *z==':') ) z++;
  if( z-zSep>1 ) return 0;
  int nSpace = 0, k;
  while( z<zEnd && (k = space_at(z, zEnd))>0 ){ z += k; nSpace++; }
  if( z<zEnd && nSpace==0 && !bWord ) return 0;
  /* a dash between number and title: "Agendapunt 3 – Wonen" */
  if( z+3<=zEnd && (unsigned char)z[0]==0xE2 && (unsigned char)z[1]==0x80 ){
    z += 3;
  }else if( z<zEnd && *z=='-' ){
    z++;
  }
  Span title = trim(span_of(z, (size_t)(zEnd - z)));
  *pTitle = title;
  if( bWord && title.n==0 ) return 1;
  if( !bWord && (title.n==0 || !is_upper_at(title.z, span_end(title))) ) return 0;
  if( !bHeading ){
    if( title.n>MAX_ITEM_TITLE || title.z[title.n-1]=='.' ) return 0;
    const char *q = title.z;
    Span s;
    sentence_next(&q, span_end(title), &s);
    if( span_end(s)<span_end(title) ) return 0;
  }
  if( bWord ) return 1;
  /* a date or an amount, not a number: "12 maart", "3 Gemeenten ..."
  ** passes only with a separator or in a heading */
  if( zSep==zNr + pNr->n && !bHeading && pNr->z[pNr->n-1]>='0' && pNr->z[pNr->n-1]<='9'
   && !(zSep<zEnd && (*zSep=='.' || *zSep==')' || *zSep==':')) ){
    return 0;
  }
  return 1;
}

/* Headings that name a part of the minutes, not an agenda item. */
static const char *const azSectionHeading[] = {
  "aanwezig", "aanwezigen", "afwezig", "actielijst", "actiepunten", "acties",
  "overzicht acties", "besluiten", "besluitenlijst", "genomen besluiten",
  "toezeggingen", "bijlage", "bijlagen", "agenda", "inhoud", "opmerkingen",
  "notulen", "verslag", "aanwezigheid", "afspraken", "deelnemers",
  "openstaande acties", "lijst van toezeggingen", "overzicht besluiten",
};

/* A paragraph that is only one of these names stands for a heading that
** closes the agenda items: what follows is an appendix to the minutes. */
static int is_closing_section(Span t){
  static const char *const azClosing[] = {
    "actielijst", "actiepunten", "overzicht acties", "openstaande acties",
    "bijlage", "bijlagen", "besluitenlijst", "toezeggingen",
    "lijst van toezeggingen", "overzicht besluiten",
  };
  Span a[4];
  t = trim_end(t, ".");
  int nA = words_of(t, a, COUNT(a)), n;
  if( nA==0 || span_end(a[nA-1])!=span_end(t) ) return 0;
  for(int i=0; i<COUNT(azClosing); i++){
    if( phrase_at(a, nA, azClosing[i], &n) && n==nA ) return 1;
  }
  return 0;
}

static int is_section_heading(Span t){
  Span a[6];
  int nA = words_of(t, a, COUNT(a)), n;
  for(int i=0; i<COUNT(azSectionHeading); i++){
    if( phrase_at(a, nA, azSectionHeading[i], &n) && n==nA ) return 1;
  }
  return 0;
}

/* True if heading i is the document's title or a subtitle under it: the
** first heading (iTitle), or one of the headings that open the document
** (before iContent, the first block that is not a heading) written at the
** title's level or with a date. */
static int is_title_heading(const Doc *d, size_t i, size_t iTitle, size_t iContent){
  if( i==iTitle ) return 1;
  if( i>iContent || iTitle>=d->body.n ) return 0;
  const Block *b = &d->body.a[i];
  Span a[MAX_SENT_WORDS], written;
  char zIso[11];
  int nA = words_of(span_of(b->text, b->nText), a, COUNT(a));
  return b->level==d->body.a[iTitle].level || find_date(a, nA, "", zIso, &written);
}

static MinutesItem *add_item(Minutes *m, Span nr, int bWritten, Span title,
                             int iFirst, int iRow){
  MinutesItem *p;
  LIST_ADD(m->item, p);
  if( p==0 ) return 0;
  if( bWritten ){
    p->zNr = span_dup(trim_end(nr, ".):"));
  }else{
    char zBuf[24];
    snprintf(zBuf, sizeof zBuf, "%zu", m->item.n);
    p->zNr = xstrdup(zBuf);
  }
  p->bNrWritten = bWritten;
  p->zTitle = span_dup(title);
  p->iFirst = iFirst;
  p->iEnd = iFirst + 1;
  p->iRow = iRow;
  return p;
}

/* The item rows of a decision or agenda table. */
/* True if s is an agenda item number as a table cell writes it: "3",
** "3a", "3.1", "3.". */
static int is_item_nr(Span s){
  s = trim_end(s, ".");
  size_t i = 0;
  while( i<s.n && is_digit(s.z[i]) ) i++;
  if( i<1 || i>2 ) return 0;
  if( i<s.n && s.z[i]>='a' && s.z[i]<='h' ) i++;
  if( i+1<s.n && s.z[i]=='.' && is_digit(s.z[i+1]) ){
    i++;
    while( i<s.n && is_digit(s.z[i]) ) i++;
  }
  return i==s.n;
}

/* The item rows of a decision or agenda table: the number from the
** number column when it holds one ("Agendapunt" may hold the titles
** instead), the title from the title column. */
static void table_items(Minutes *m, const Block *t, int iBlock){
  TableInfo ti;
  Buf b1 = BUF_INIT, b2 = BUF_INIT;
  table_info(t, C_NONE, &ti);
  if( ti.kind==T_TEXT && t->nRow>=2 ){
    /* no header: a number in the first cell of every row and the title
    ** beside it is an agenda or decision list all the same */
    size_t r;
    for(r=0; r<t->nRow; r++){
      const TableCell *pNr = row_cell(t, r, 0), *pTitle = row_cell(t, r, 1);
      if( pNr==0 || pTitle==0 || !is_item_nr(cell_text(pNr, &b1)) ) break;
    }
    if( r==t->nRow ){
      ti.kind = T_DECISION;
      ti.aCol[COL_NR] = 0;
      ti.aCol[COL_TITLE] = 1;
      ti.iFirstRow = 0;
    }
  }
  if( ti.kind==T_DECISION && (ti.aCol[COL_TITLE]>=0 || ti.aCol[COL_NR]>=0) ){
    for(size_t r=(size_t)ti.iFirstRow; r<t->nRow; r++){
      const TableCell *pNr = row_cell(t, r, ti.aCol[COL_NR]);
      const TableCell *pTitle = row_cell(t, r, ti.aCol[COL_TITLE]);
      Span title = pTitle ? cell_text(pTitle, &b1) : span_of("", 0);
      Span nr = pNr ? cell_text(pNr, &b2) : span_of("", 0);
      if( nr.n && !is_item_nr(nr) ){
        if( title.n==0 ) title = nr;
        nr = span_of("", 0);
      }
      if( nr.n || title.n ) add_item(m, nr, nr.n>0, title, iBlock, (int)r);
    }
  }
  buf_release(&b1);
  buf_release(&b2);
}

/* Finds the agenda items of d and the blocks each covers. */
static void find_items(const Doc *d, Minutes *m, const char *zKind){
  const BlockList *body = &d->body;
  int bMinutesKind = zKind && (strcmp(zKind, "verslag")==0 || strcmp(zKind, "agenda")==0
                     || strcmp(zKind, "besluitenlijst")==0 || strcmp(zKind, "actielijst")==0);
  for(size_t i=0; i<body->n; i++){
    const Block *b = &body->a[i];
    Span nr, title;
    if( b->kind==BLOCK_TABLE ){
      table_items(m, b, (int)i);
      continue;
    }
    if( b->kind!=BLOCK_HEADING && b->kind!=BLOCK_PARAGRAPH && b->kind!=BLOCK_LIST_ITEM ){
      continue;
    }
    if( item_number(span_of(b->text, b->nText), b->kind==BLOCK_HEADING, &nr, &title) ){
      MinutesItem *p = add_item(m, nr, 1, title, (int)i, -1);
      if( p==0 ) break;
      p->iEnd = -(b->kind==BLOCK_HEADING ? b->level : 100);   /* resolved below */
    }
  }
  if( m->item.n==0 && bMinutesKind ){
    /* unnumbered headings (Word numbers them itself) at the level most
    ** items use, leaving out the title and the named sections */
    int nAt[11] = { 0 };
    size_t iTitle = 0, iContent = 0;
    while( iTitle<body->n && body->a[iTitle].kind!=BLOCK_HEADING ) iTitle++;
    while( iContent<body->n && body->a[iContent].kind==BLOCK_HEADING ) iContent++;
    for(size_t i=0; i<body->n; i++){
      const Block *b = &body->a[i];
      if( b->kind!=BLOCK_HEADING || is_title_heading(d, i, iTitle, iContent) ) continue;
      if( is_section_heading(span_of(b->text, b->nText)) ) continue;
      nAt[b->level<1 ? 1 : b->level>10 ? 10 : b->level]++;
    }
    int iBest = 0;
    for(int l=1; l<=10; l++) if( nAt[l]>nAt[iBest] ) iBest = l;
    for(size_t i=0; i<body->n && iBest>0; i++){
      const Block *b = &body->a[i];
      int l = b->level<1 ? 1 : b->level>10 ? 10 : b->level;
      if( b->kind!=BLOCK_HEADING || l!=iBest || is_title_heading(d, i, iTitle, iContent) ) continue;
      if( is_section_heading(span_of(b->text, b->nText)) ) continue;
      MinutesItem *p = add_item(m, span_of("", 0), 0, span_of(b->text, b->nText), (int)i, -1);
      if( p==0 ) break;
      p->iEnd = -b->level;
    }
  }
  if( m->item.n==0 && zKind && strcmp(zKind, "agenda")==0 ){
    /* an agenda as a list: its longest run of outer list items */
    size_t iBest = 0, nBest = 0;
    for(size_t i=0; i<body->n; ){
      size_t j = i;
      while( j<body->n && body->a[j].kind==BLOCK_LIST_ITEM && body->a[j].level<=1 ) j++;
      if( j-i>nBest ){ nBest = j-i; iBest = i; }
      i = j>i ? j : i+1;
    }
    for(size_t i=iBest; nBest>=2 && i<iBest+nBest; i++){
      const Block *b = &body->a[i];
      add_item(m, span_of("", 0), 0, span_of(b->text, b->nText), (int)i, -1);
    }
  }
  /* the blocks of each heading or paragraph item: to the next item, or to
  ** a heading at its own level or above (a paragraph item: any heading) */
  for(size_t k=0; k<m->item.n; k++){
    MinutesItem *p = &m->item.a[k];
    if( p->iEnd>0 ) continue;
    int level = -p->iEnd;
    size_t iNext = body->n;
    for(size_t j=k+1; j<m->item.n; j++){
      if( m->item.a[j].iFirst>p->iFirst ){ iNext = (size_t)m->item.a[j].iFirst; break; }
    }
    size_t i;
    for(i=(size_t)p->iFirst+1; i<iNext; i++){
      const Block *b = &body->a[i];
      if( b->kind==BLOCK_HEADING && (level==100 || b->level<=level) ) break;
      /* a bold "Actielijst" paragraph that stands for a heading */
      if( b->kind==BLOCK_PARAGRAPH && is_closing_section(span_of(b->text, b->nText)) ) break;
    }
    p->iEnd = (int)i;
  }
}

/* Where things are placed in items: for each body block the item whose
** blocks hold it (the last such), and the items of table rows, which
** find_items adds in document order. */
typedef struct ItemIndex {
  int *aBlock;         /* per body block: item index or -1 */
  size_t nBlock;
  int *aRow;           /* items with iRow>=0, in document order */
  size_t nRow;
} ItemIndex;

static void item_index_init(ItemIndex *x, const Minutes *m, size_t nBlock){
  x->nBlock = nBlock;
  x->aBlock = xrealloc(0, (nBlock ? nBlock : 1) * sizeof *x->aBlock);
  x->aRow = xrealloc(0, (m->item.n ? m->item.n : 1) * sizeof *x->aRow);
  x->nRow = 0;
  for(size_t i=0; i<nBlock; i++) x->aBlock[i] = -1;
  for(size_t k=0; k<m->item.n; k++){
    const MinutesItem *p = &m->item.a[k];
    if( p->iRow>=0 ){
      x->aRow[x->nRow++] = (int)k;
      continue;
    }
    for(int i=p->iFirst; i<p->iEnd && (size_t)i<nBlock; i++) x->aBlock[i] = (int)k;
  }
}

static void item_index_free(ItemIndex *x){
  free(x->aBlock);
  free(x->aRow);
}

/* The item that holds block iBlock (row iRow of a table), or -1. */
static int item_of(const Minutes *m, const ItemIndex *x, int iBlock, int iRow){
  if( iRow>=0 ){
    size_t lo = 0, hi = x->nRow;
    while( lo<hi ){
      size_t mid = (lo+hi)/2;
      const MinutesItem *p = &m->item.a[x->aRow[mid]];
      if( p->iFirst<iBlock || (p->iFirst==iBlock && p->iRow<iRow) ) lo = mid+1;
      else hi = mid;
    }
    if( lo<x->nRow ){
      const MinutesItem *p = &m->item.a[x->aRow[lo]];
      if( p->iFirst==iBlock && p->iRow==iRow ) return x->aRow[lo];
    }
  }
  return iBlock>=0 && (size_t)iBlock<x->nBlock ? x->aBlock[iBlock] : -1;
}

/* ------------------------------------------------------------ the walk */

static void end_claim(Walk *w){
  w->claim = C_NONE;
  w->nClaimPara = 0;
  w->iClaimBlock = -1;
}

/* A label line: takes its text, or claims what follows. */
static void label_line(Walk *w, const Label *l, int iBlock, int iRow){
  LabelKind e = l->pDef->e;
  int flags = l->pDef->flags;
  Span none = span_of("", 0);
  end_claim(w);
  switch( e ){
    case L_PRESENT: case L_ABSENT: case L_CHAIR: case L_TAKER: case L_GUEST:
      if( l->rest.n ){
        size_t nBefore = w->m->att.n;
        add_attendee_list(w, l->rest, role_of_label(e), iBlock, iRow);
        /* "Verslag: Het verslag van ... wordt vastgesteld" names no one */
        if( w->m->att.n==nBefore && (flags & LF_NAMES) ){
          free_text(w, l->rest, iBlock, iRow);
        }
      }else if( !(flags & LF_NAMES) ){
        w->claim = C_ATTEND;
        w->claimRole = role_of_label(e);
        w->nClaimPara = 1000;
      }
      break;
    case L_DECISION:
      if( l->rest.n ){
        add_decision_text(w, l->rest, l->name, flags, iBlock, iRow);
      }else{
        w->claim = C_DECISION;
        w->claimLabel = l->name;
        w->bClaimWeak = (flags & LF_WEAK)!=0;
        w->nClaimPara = 1;
      }
      break;
    case L_PROPOSAL:
      if( l->rest.n ){
        add_decision(w, l->rest, l->name, 1, iBlock, iRow);
      }else{
        w->claim = C_PROPOSAL;
        w->claimLabel = l->name;
        w->nClaimPara = 1;
      }
      break;
    case L_ACTION: {
      Span nr = none, who = none;
      if( l->tail.n && is_action_nr(l->tail) ) nr = l->tail;
      else who = l->tail;
      if( l->rest.n ){
        add_action(w, nr, l->rest, who, none, none, iBlock, iRow);
      }else{
        w->claim = C_ACTION;
        w->claimWho = who;
      }
      break;
    }
    case L_COMMIT:
      if( !w->bTaken ) break;
      if( l->rest.n ){
        add_commitment(w, l->rest, l->tail, iBlock, iRow);
      }else{
        w->claim = C_COMMIT;
        w->claimWho = l->tail;
      }
      break;
    default:
      break;
  }
}

/* A block claimed by a label or a section: adds it as what the claim
** expects. */
static void claimed_text(Walk *w, Claim c, Span t, Span label, int bWeak,
                         MinutesRole role, Span who, int iBlock, int iRow){
  Span none = span_of("", 0);
  switch( c ){
    case C_ATTEND:
      add_attendee_list(w, t, role, iBlock, iRow);
      break;
    case C_DECISION:
      add_decision_text(w, t, label, bWeak ? LF_WEAK : 0, iBlock, iRow);
      break;
    case C_PROPOSAL:
      add_decision(w, t, label, 1, iBlock, iRow);
      break;
    case C_ACTION:
      add_action(w, none, t, who, none, none, iBlock, iRow);
      break;
    case C_COMMIT:
      if( w->bTaken ) add_commitment(w, t, who, iBlock, iRow);
      break;
    default:
      break;
  }
}

/* A nested list item under a claimed one: part of the decision or
** proposal before it (its text is appended), a detail of anything else
** (left out). */
static void nested_text(Walk *w, Claim c, Span t){
  MinutesDecision *p = 0;
  if( c==C_DECISION && w->bTaken && w->m->decision.n ){
    p = &w->m->decision.a[w->m->decision.n-1];
  }else if( (c==C_DECISION || c==C_PROPOSAL) && w->m->proposal.n ){
    p = &w->m->proposal.a[w->m->proposal.n-1];
  }
  if( p==0 ) return;
  Buf b = BUF_INIT;
  char *zAdd = span_dup(t);
  buf_appendf(&b, "%s %s", p->zText, zAdd);
  free(zAdd);
  free(p->zText);
  p->zText = buf_detach(&b, 0);
}

/* True if paragraph t reads as a line of names (what "Aanwezig" claims):
** short, and every entry a person. */
static int is_name_line(Span t){
  if( t.n==0 || t.n>MAX_NAME_LINE ) return 0;
  const char *z = t.z, *zEnd = span_end(t);
  Span s;
  sentence_next(&z, zEnd, &s);
  if( span_end(s)<zEnd && z<zEnd ){
    /* more than one sentence: text, not names (initials do not split) */
    Span s2;
    if( sentence_next(&z, zEnd, &s2) && s2.n>20 ) return 0;
  }
  Person p;
  const char *y = t.z, *zCut = t.z;
  int nDepth = 0;
  for(; y<=zEnd; y++){
    if( y<zEnd ){
      if( *y=='(' ) nDepth++;
      if( *y==')' && nDepth>0 ) nDepth--;
      if( !(nDepth==0 && (*y==',' || *y==';')) ) continue;
    }
    Span e = trim(span_of(zCut, (size_t)(y - zCut)));
    zCut = y+1;
    if( e.n==0 || is_single_word(e) ) continue;
    if( !person_parse(e, &p) ) return 0;
    buf_release(&p.func);
    return 1;                       /* the first entry decides */
  }
  return 0;
}

static void walk_table(Walk *w, const Block *t, int iBlock){
  TableInfo ti;
  Buf b1 = BUF_INIT, b2 = BUF_INIT, b3 = BUF_INIT, b4 = BUF_INIT, b5 = BUF_INIT;
  Span none = span_of("", 0);
  table_info(t, w->claim, &ti);
  const int *k = ti.aCol;
  for(size_t r=(size_t)ti.iFirstRow; r<t->nRow; r++){
    const TableCell *pc;
    int iRow = (int)r;
    switch( ti.kind ){
      case T_ACTION: {
        const TableCell *pText = row_cell(t, r, k[COL_ACTION]);
        if( pText==0 ) break;
        Span text = cell_text(pText, &b1);
        pc = row_cell(t, r, k[COL_NR]);
        Span nr = pc ? cell_text(pc, &b2) : none;
        pc = row_cell(t, r, k[COL_WHO]);
        Span who = pc ? cell_text(pc, &b3) : none;
        pc = row_cell(t, r, k[COL_DUE]);
        Span due = pc ? cell_text(pc, &b4) : none;
        pc = row_cell(t, r, k[COL_STATUS]);
        Span status = pc ? cell_text(pc, &b5) : none;
        add_action(w, nr, text, who, due, status, iBlock, iRow);
        break;
      }
      case T_ATTEND: {
        Person p;
        pc = row_cell(t, r, k[COL_NAME]);
        if( pc==0 ) break;
        if( !person_parse(cell_text(pc, &b1), &p) ) break;
        MinutesRole role = w->claim==C_ATTEND ? w->claimRole : MINUTES_PRESENT;
        pc = row_cell(t, r, k[COL_FUNC]);
        if( pc ) person_text(&p, cell_text(pc, &b2));
        pc = row_cell(t, r, k[COL_ORG]);
        if( pc && cell_text(pc, &b3).n ) p.org = cell_text(pc, &b3);
        pc = row_cell(t, r, k[COL_ROLE]);
        if( pc ){
          Span a[4];
          int nA = words_of(cell_text(pc, &b4), a, COUNT(a));
          if( nA>0 && (word_is(a[0], "afwezig") || word_is(a[0], "verhinderd")
                    || word_is(a[0], "afgemeld") || word_is(a[0], "nee")) ){
            role = MINUTES_ABSENT;
          }else if( nA>0 ){
            person_parts(&p, span_of(b4.z, b4.n));
          }
        }
        if( k[COL_FUNC]<0 && k[COL_ORG]<0 ){
          /* cells after the name, without a header: its parts (each cell
          ** in a buffer of its own, as p may point into it) */
          Buf aCell[4];
          size_t nAfter = t->aRow[r].n>0 ? t->aRow[r].n-1 : 0;
          size_t nCell = nAfter<4 ? nAfter : 4;
          for(size_t c=0; c<nCell; c++){
            buf_init(&aCell[c]);
            pc = row_cell(t, r, (int)c+1);
            if( pc ) person_text(&p, cell_text(pc, &aCell[c]));
          }
          add_attendee(w, &p, role, iBlock, iRow);
          for(size_t c=0; c<nCell; c++) buf_release(&aCell[c]);
          buf_release(&p.func);
          break;
        }
        add_attendee(w, &p, role, iBlock, iRow);
        buf_release(&p.func);
        break;
      }
      case T_DECISION: {
        static const char zLabel[] = "Besluit";
        int c = k[COL_DECISION]>=0 ? k[COL_DECISION] : k[COL_PROPOSAL];
        pc = row_cell(t, r, c);
        if( pc==0 ) break;
        Span label = cell_text(row_cell(t, 0, c), &b2);
        if( label.n==0 ) label = span_of(zLabel, sizeof zLabel - 1);
        for(size_t i=0; i<pc->blocks.n; i++){
          const Block *pb = &pc->blocks.a[i];
          if( pb->kind==BLOCK_TABLE ) continue;
          Span text = trim(span_of(pb->text, pb->nText));
          if( k[COL_DECISION]>=0 ){
            add_decision_text(w, text, label, 0, iBlock, iRow);
          }else if( !no_decision(text) ){
            add_decision(w, text, label, 1, iBlock, iRow);
          }
        }
        break;
      }
      case T_COMMIT: {
        pc = row_cell(t, r, k[COL_COMMIT]);
        if( pc==0 || !w->bTaken ) break;
        Span text = cell_text(pc, &b1);
        pc = row_cell(t, r, k[COL_WHO]);
        add_commitment(w, text, pc ? cell_text(pc, &b2) : none, iBlock, iRow);
        break;
      }
      case T_LABELS: {
        Label l;
        pc = row_cell(t, r, 0);
        if( pc==0 || !label_parse(cell_text(pc, &b1), &l) || l.rest.n ) break;
        /* the value: the other cells of the row, joined */
        buf_reset(&b2);
        for(size_t c=1; c<t->aRow[r].n; c++){
          pc = row_cell(t, r, (int)c);
          if( pc==0 ) continue;
          Span v = cell_text(pc, &b3);
          if( v.n==0 ) continue;
          if( b2.n ) buf_puts(&b2, ", ");
          buf_append(&b2, v.z, v.n);
        }
        l.rest = trim(span_of(b2.z, b2.n));
        if( l.rest.n ) label_line(w, &l, iBlock, iRow);
        end_claim(w);
        break;
      }
      default:
        for(size_t c=0; c<t->aRow[r].n; c++){
          pc = row_cell(t, r, (int)c);
          for(size_t i=0; pc && i<pc->blocks.n; i++){
            const Block *pb = &pc->blocks.a[i];
            if( pb->kind==BLOCK_TABLE ) continue;
            free_text(w, span_of(pb->text, pb->nText), iBlock, iRow);
          }
        }
        break;
    }
  }
  buf_release(&b1);
  buf_release(&b2);
  buf_release(&b3);
  buf_release(&b4);
  buf_release(&b5);
}

/* The section a heading opens ("Besluiten", "Actiepunten", "Gevraagd
** besluit", "Toezeggingen", "Aanwezig"), C_NONE for any other. */
static Claim heading_section(Span t, MinutesRole *pRole){
  static const char *const azActions[] = {
    "actielijst", "overzicht acties", "openstaande acties", "actiepunten",
    "lopende acties", "overzicht actiepunten",
  };
  Span nr, title, a[4];
  Label l;
  int n;
  if( item_number(t, 1, &nr, &title) ) t = title;
  int nA = words_of(t, a, COUNT(a));
  for(int i=0; i<COUNT(azActions); i++){
    if( phrase_at(a, nA, azActions[i], &n) && n==nA ) return C_ACTION;
  }
  if( !label_parse(t, &l) || l.rest.n || l.tail.n ) return C_NONE;
  switch( l.pDef->e ){
    case L_PRESENT: case L_ABSENT: case L_GUEST:
      *pRole = role_of_label(l.pDef->e);
      return C_ATTEND;
    case L_DECISION: return C_DECISION;
    case L_PROPOSAL: return C_PROPOSAL;
    case L_ACTION:   return C_ACTION;
    case L_COMMIT:   return C_COMMIT;
    default:         return C_NONE;
  }
}

/* One line of a paragraph or list item (a line break in the text ends a
** line: "Datum: ...\nVoorzitter: ..."). */
static void walk_line(Walk *w, BlockKind kind, int bNested, Span t, int bMoreLines,
                      int iBlock){
  Label l;
  int bLabel = label_parse(t, &l);
  if( bNested && !bLabel && (w->claim!=C_NONE || w->section!=C_NONE) ){
    nested_text(w, w->claim!=C_NONE ? w->claim : w->section, t);
    return;
  }
  /* a label's claim: the list items after it, or paragraphs it allows */
  if( w->claim!=C_NONE && !bLabel ){
    int bTake = kind==BLOCK_LIST_ITEM;
    if( !bTake && w->nClaimPara>0 ){
      bTake = w->claim==C_ATTEND ? is_name_line(t) : 1;
    }
    if( bTake && kind==BLOCK_PARAGRAPH && w->claim!=C_ATTEND && t.z[t.n-1]==':' ){
      /* "Het BORA wordt gevraagd:" under a bold "Voorstel": an
      ** introduction; the claim passes to the list after it */
      w->nClaimPara = 0;
      return;
    }
    if( bTake ){
      if( kind==BLOCK_PARAGRAPH ) w->nClaimPara--;
      claimed_text(w, w->claim, t, w->claimLabel, w->bClaimWeak, w->claimRole,
                   w->claimWho, iBlock, -1);
      return;
    }
    end_claim(w);
  }
  if( bLabel ){
    label_line(w, &l, iBlock, -1);
    LabelKind e = l.pDef->e;
    if( bMoreLines && l.rest.n && e>=L_PRESENT && e<=L_GUEST && !(l.pDef->flags & LF_NAMES) ){
      /* "Aanwezig: A, B\nC, D": the names go on in the next lines */
      w->claim = C_ATTEND;
      w->claimRole = role_of_label(e);
      w->nClaimPara = 1000;
      w->iClaimBlock = iBlock;
    }
    return;
  }
  if( w->section!=C_NONE && kind==BLOCK_LIST_ITEM ){
    claimed_text(w, w->section, t, w->sectionLabel, 0, w->sectionRole,
                 span_of("", 0), iBlock, -1);
    return;
  }
  if( w->section==C_ATTEND && is_name_line(t) ){
    claimed_text(w, C_ATTEND, t, w->sectionLabel, 0, w->sectionRole,
                 span_of("", 0), iBlock, -1);
    return;
  }
  Claim c = free_text(w, t, iBlock, -1);
  if( c!=C_NONE ){
    w->claim = c;
    w->claimLabel = span_of("", 0);
    w->bClaimWeak = 0;
    w->nClaimPara = 0;
  }
}

static void walk(Walk *w){
  const BlockList *body = &w->d->body;
  for(size_t i=0; i<body->n; i++){
    const Block *b = &body->a[i];
    int iBlock = (int)i;
    if( b->kind!=BLOCK_LIST_ITEM ) w->listLevel = 0;
    if( b->kind==BLOCK_HEADING ){
      end_claim(w);
      w->section = heading_section(span_of(b->text, b->nText), &w->sectionRole);
      w->sectionLabel = trim(span_of(b->text, b->nText));
      continue;
    }
    if( b->kind==BLOCK_TABLE ){
      walk_table(w, b, iBlock);
      end_claim(w);
      continue;
    }
    if( b->kind!=BLOCK_PARAGRAPH && b->kind!=BLOCK_LIST_ITEM ) continue;
    /* list items deeper than the first of their run are its details */
    int bNested = 0;
    if( b->kind==BLOCK_LIST_ITEM ){
      if( w->listLevel==0 ) w->listLevel = b->level;
      bNested = b->level>w->listLevel;
    }else{
      w->listLevel = 0;
    }
    Span t = trim(span_of(b->text, b->nText));
    const char *z = t.z, *zEnd = span_end(t);
    while( z<zEnd ){
      const char *zNl = memchr(z, '\n', (size_t)(zEnd - z));
      const char *zLineEnd = zNl ? zNl : zEnd;
      Span line = trim(span_of(z, (size_t)(zLineEnd - z)));
      z = zNl ? zNl+1 : zEnd;
      if( line.n ) walk_line(w, b->kind, bNested, line, z<zEnd, iBlock);
    }
    if( w->iClaimBlock==iBlock ) end_claim(w);
  }
}

/* ------------------------------------------------------------ clean-up */

/* The folded surname and first initial of a name as written: "A. de
** Vries", "Anne de Vries" and "de Vries" all give "devries"; the initial
** is 0 when none is written.  A first name is the first of two or more
** space-separated names ("Anne-Marie Boukhari" = "A.M. Boukhari") unless
** it is a particle ("De Vries"). */
static void person_key(const char *zName, char *zOut, size_t nOut, int *pInitial){
  const char *z = zName, *zEnd = zName + strlen(zName);
  const char *azTok[MAX_NAME_WORDS+2];
  int nTok = 0;
  while( z<zEnd && nTok<COUNT(azTok) ){
    while( z<zEnd && *z==' ' ) z++;
    if( z<zEnd ) azTok[nTok++] = z;
    while( z<zEnd && *z!=' ' ) z++;
  }
  int i = 0;
  *pInitial = 0;
  for(; i<nTok-1; i++){
    const char *zT = azTok[i], *zTEnd = strchr(zT, ' ');
    if( zTEnd==0 ) zTEnd = zEnd;
    if( zTEnd[-1]!='.' || zTEnd-zT>8 ) break;          /* "A.", "G.J." */
    if( *pInitial==0 ) *pInitial = infer_fold_next(&zT, zTEnd);
  }
  Span wFirst;
  const char *zW = nTok>0 ? azTok[0] : zEnd;
  if( i==0 && nTok>=2 && is_upper_at(azTok[0], zEnd) && word_next(&zW, zEnd, &wFirst)
   && !word_in(wFirst, azParticle, COUNT(azParticle)) ){
    /* a first name, not the particle of "De Vries" */
    const char *zT = azTok[0];
    *pInitial = infer_fold_next(&zT, zEnd);
    i = 1;
  }
  size_t j = 0;
  z = i<nTok ? azTok[i] : zEnd;
  while( z<zEnd && j+1<nOut ){
    if( infer_word_char(z, zEnd)==0 ){ z++; continue; }
    zOut[j++] = (char)infer_fold_next(&z, zEnd);
  }
  zOut[j] = 0;
}

static int role_rank(MinutesRole r){
  return r==MINUTES_CHAIR ? 4 : r==MINUTES_TAKER ? 3 : r==MINUTES_GUEST ? 2 : 1;
}

static void attendee_free(MinutesAttendee *a){
  free(a->zName);
  free(a->zOrg);
  free(a->zFunction);
}

/* Merges the entries that name the same person: "Voorzitter: Eva
** Schouten" and "E. Schouten (Amersfoort, voorzitter)" become one.  The
** fuller name and the first list position are kept. */
static void merge_attendees(Minutes *m){
  size_t n = m->att.n;
  typedef struct Key { char z[64]; int c; } Key;
  Key *aKey = xrealloc(0, (n ? n : 1) * sizeof *aKey);
  for(size_t i=0; i<n; i++) person_key(m->att.a[i].zName, aKey[i].z, sizeof aKey[i].z, &aKey[i].c);
  size_t nOut = 0;
  for(size_t i=0; i<n; i++){
    MinutesAttendee *a = &m->att.a[i];
    size_t j;
    for(j=0; j<nOut; j++){
      MinutesAttendee *o = &m->att.a[j];
      if( strcmp(aKey[i].z, aKey[j].z)!=0 ) continue;
      if( aKey[i].c && aKey[j].c && aKey[i].c!=aKey[j].c ) continue;
      if( a->zOrg[0] && o->zOrg[0] && strcmp(a->zOrg, o->zOrg)!=0 ) continue;
      if( (a->role==MINUTES_ABSENT)!=(o->role==MINUTES_ABSENT) ) continue;
      break;
    }
    if( j==nOut ){
      if( j!=i ){
        m->att.a[j] = *a;
        aKey[j] = aKey[i];
      }
      nOut++;
      continue;
    }
    MinutesAttendee *o = &m->att.a[j];
    if( role_rank(a->role)>role_rank(o->role) ) o->role = a->role;
    if( strlen(a->zName)>strlen(o->zName) ){
      char *z = o->zName; o->zName = a->zName; a->zName = z;
    }
    if( !o->zOrg[0] ){ char *z = o->zOrg; o->zOrg = a->zOrg; a->zOrg = z; }
    if( !o->zFunction[0] ){ char *z = o->zFunction; o->zFunction = a->zFunction; a->zFunction = z; }
    if( aKey[i].c && !aKey[j].c ) aKey[j].c = aKey[i].c;
    attendee_free(a);
  }
  m->att.n = nOut;
  free(aKey);
}

/* Folded letters and digits of z, for comparing texts. */
static void norm_text(const char *z, Buf *out){
  const char *zEnd = z + strlen(z);
  buf_reset(out);
  while( z<zEnd ){
    if( infer_word_char(z, zEnd)==0 ){ z++; continue; }
    buf_putc(out, infer_fold_next(&z, zEnd));
  }
}

static void action_free(MinutesAction *a){
  free(a->zNr);
  free(a->zText);
  free(a->zWho);
  free(a->zDue);
  free(a->zStatus);
}

/* An action written in the text ("Actie Soest: ...") that an action table
** of the same document lists again is that table's row, not a second
** action.  The row keeps its number and dates; it takes who from the text
** when it has none. */
static void merge_actions(Minutes *m){
  size_t n = m->action.n, nOut = 0;
  Buf *aNorm = xrealloc(0, (n ? n : 1) * sizeof *aNorm);
  for(size_t i=0; i<n; i++){
    buf_init(&aNorm[i]);
    norm_text(m->action.a[i].zText, &aNorm[i]);
  }
  int *aDrop = xrealloc(0, (n ? n : 1) * sizeof *aDrop);
  for(size_t i=0; i<n; i++){
    MinutesAction *a = &m->action.a[i];
    aDrop[i] = 0;
    if( a->iRow>=0 ) continue;
    for(size_t j=0; j<n; j++){
      MinutesAction *o = &m->action.a[j];
      if( o->iRow<0 || aNorm[i].n==0 ) continue;
      if( strcmp(aNorm[i].z, aNorm[j].z)!=0 ) continue;
      if( !o->zWho[0] ){ char *z = o->zWho; o->zWho = a->zWho; a->zWho = z; }
      aDrop[i] = 1;
      break;
    }
  }
  for(size_t i=0; i<n; i++){
    if( aDrop[i] ){
      action_free(&m->action.a[i]);
    }else{
      m->action.a[nOut++] = m->action.a[i];
    }
    buf_release(&aNorm[i]);
  }
  m->action.n = nOut;
  free(aNorm);
  free(aDrop);
}

/* ------------------------------------------------------------ references */

/* The words that name a body a decision can come from. */
static const char *const azRefBody[] = {
  "bo", "ao", "bora", "arg", "bra", "pho", "db", "ab", "college", "raad",
  "stuurgroep",
};

/* Words before "besluit" that make it the verb ("Het BO besluit op 12
** maart ...", "De leden besluiten ..."), not the noun of a reference. */
static const char *const azRefSubject[] = {
  "overleg", "vergadering", "leden", "bestuur", "team", "regiegroep", "mt",
  "en", "ook", "men", "zij", "hij", "wij", "ik", "dan", "vervolgens",
  "daarom", "tevens", "vandaag", "nu",
};

/* The words of a body's name at a[i..]: a kind ("BORA", "BO", "Bestuurlijk
** Overleg") and up to four capitalised words of its topic ("BO Sociaal
** Domein", "BO Recreatie en Toerisme"); 0 when there is none.  bBo: only a
** BO. */
static int ref_body_at(const Span *a, int nA, int i, int bBo){
  int n = 0;
  if( i>=nA ) return 0;
  if( phrase_at(a+i, nA-i, "bestuurlijk overleg", &n) ){
    /* n words */
  }else if( !bBo && phrase_at(a+i, nA-i, "ambtelijk overleg", &n) ){
    /* n words */
  }else if( bBo ? word_is(a[i], "bo") : word_in(a[i], azRefBody, COUNT(azRefBody)) ){
    n = 1;
  }else{
    return 0;
  }
  int j = i + n, nTopic = 0;
  while( j<nA && nTopic<4 && ((word_cap(a[j]) && !is_digit(a[j].z[0]))
         || (word_is(a[j], "en") && j+1<nA && word_cap(a[j+1]))) ){
    j++;
    nTopic++;
  }
  return j - i;
}

/* Words taken by "van", "op", "d.d." at a[i], 0 when none. */
static int ref_connector(const Span *a, int nA, int i){
  if( i>=nA ) return 0;
  if( word_is(a[i], "van") || word_is(a[i], "op") || word_is(a[i], "dd") ) return 1;
  if( i+1<nA && word_is(a[i], "d") && word_is(a[i+1], "d") ) return 2;
  return 0;
}

/* Copies the body name s into zOut (MINUTES_BODY_BYTES), its white space
** single spaces, cut after a whole word when too long; "" for none. */
static void ref_body_copy(Span s, char *zOut){
  zOut[0] = 0;
  if( s.z==0 || s.n==0 ) return;
  char *z = span_dup(s);
  size_t n = strlen(z);
  if( n>=MINUTES_BODY_BYTES ){
    n = MINUTES_BODY_BYTES - 1;
    while( n>0 && z[n]!=' ' ) n--;
  }
  memcpy(zOut, z, n);
  zOut[n] = 0;
  free(z);
}

/* The date that begins exactly at a[j] (to the end of sentence s), with
** zDocDate for a date without a year; 0 when there is none or it cannot
** be resolved. */
static int ref_date_at(const Span *a, int nA, int j, Span s, const char *zDocDate,
                       char zIso[11]){
  size_t iOff, nLen;
  zIso[0] = 0;
  if( j>=nA || !is_digit(a[j].z[0]) ) return 0;
  if( !infer_find_date(a[j].z, (size_t)(span_end(s) - a[j].z), zDocDate, zIso, &iOff, &nLen)
   || iOff!=0 ){
    zIso[0] = 0;
    return 0;
  }
  return zIso[0]!=0;
}

/* Days since 1970-01-01 of an ISO date (the civil calendar); 0 when z is
** no date. */
static long iso_days(const char *z){
  int y, m, d;
  if( sscanf(z, "%4d-%2d-%2d", &y, &m, &d)!=3 ) return 0;
  y -= m<=2;
  long era = (y>=0 ? y : y-399) / 400;
  long yoe = y - era*400;
  long doy = (153L*(m + (m>2 ? -3 : 9)) + 2)/5 + d - 1;
  long doe = yoe*365 + yoe/4 - yoe/100 + doy;
  return era*146097 + doe - 719468;
}

/* The ISO date of day number n (iso_days' inverse). */
static void days_iso(long n, char z[11]){
  n += 719468;
  long era = (n>=0 ? n : n-146096) / 146097;
  long doe = n - era*146097;
  long yoe = (doe - doe/1460 + doe/36524 - doe/146096) / 365;
  long y = yoe + era*400;
  long doy = doe - (365*yoe + yoe/4 - yoe/100);
  long mp = (5*doy + 2)/153;
  long d = doy - (153*mp + 2)/5 + 1;
  long m = mp + (mp<10 ? 3 : -9);
  y += m<=2;
  snprintf(z, 11, "%04d-%02d-%02d", (int)((y % 10000 + 10000) % 10000),
           (int)(m % 100 + 100) % 100, (int)(d % 100 + 100) % 100);
}

/* If sentence s refers to an earlier decision ("het besluit van 12 maart
** 2024", "conform het besluit van het BORA van 3 februari 2022",
** "conform besluit BO d.d. 12-03-2024", "(besluit BO Wonen 12 maart
** 2024)", "het BORA-besluit van 3 februari"), sets zIso and zBody and
** returns 1.  "Het BO besluit op 12 maart ..." is the verb, "het besluit
** wordt 12 maart genomen" no reference, nor a date not before zDocDate. */
static int decision_ref(Span s, const char *zDocDate, char zIso[11], char *zBody){
  Span a[MAX_SENT_WORDS];
  int nA = words_of(s, a, COUNT(a)), n;
  for(int i=0; i<nA; i++){
    if( !word_is(a[i], "besluit") && !word_is(a[i], "besluiten") ) continue;
    Span body = span_of(0, 0);
    if( i>0 && a[i].z==span_end(a[i-1])+1 && span_end(a[i-1])[0]=='-' ){
      /* "BORA-besluit"; "raadsbesluit" is one word and names no date */
      if( !word_in(a[i-1], azRefBody, COUNT(azRefBody)) ) continue;
      body = a[i-1];
    }else if( i>0 && (word_in(a[i-1], azRefBody, COUNT(azRefBody))
                      || word_in(a[i-1], azRefSubject, COUNT(azRefSubject))
                      || (i>1 && word_cap(a[i-1]))) ){
      continue;
    }
    int j = i+1, nSkip = 0;
    while( j<nA && nSkip<3 ){
      if( (n = ref_connector(a, nA, j))>0 ){ j += n; nSkip++; continue; }
      if( word_is(a[j], "het") || word_is(a[j], "de") || word_is(a[j], "genomen") ){
        j++;
        nSkip++;
        continue;
      }
      break;
    }
    if( body.z==0 && (n = ref_body_at(a, nA, j, 0))>0 ){
      body = span_of(a[j].z, (size_t)(span_end(a[j+n-1]) - a[j].z));
      j += n;
      for(nSkip=0; nSkip<2 && (n = ref_connector(a, nA, j))>0; nSkip++) j += n;
    }
    if( !ref_date_at(a, nA, j, s, zDocDate, zIso) ) continue;
    if( zDocDate[0] && strcmp(zIso, zDocDate)>=0 ){ zIso[0] = 0; continue; }
    ref_body_copy(body, zBody);
    return 1;
  }
  zIso[0] = 0;
  return 0;
}

/* The first reference to an earlier decision in text z (sentence by
** sentence); see decision_ref. */
static int text_ref(const char *z, const char *zDocDate, char zIso[11], char *zBody){
  const char *zEnd = z + strlen(z);
  Span s;
  while( sentence_next(&z, zEnd, &s) ){
    if( decision_ref(s, zDocDate, zIso, zBody) ) return 1;
  }
  return 0;
}

/* The most days after the document a BO date without a year may be: a
** BO meets every few weeks, so a later day names a past meeting. */
#define MAX_PREP_DAYS 122

/* If sentence s says which BO meeting the document prepares ("ter
** voorbereiding op het BO Wonen van 14 maart 2024", "Voorbereiding BO
** 14-3-2024", "voor het BO van 14 maart", "t.b.v. het BO van ...") sets
** zIso and zBody and returns 1. */
static int prepares_ref(Span s, const char *zDocDate, char zIso[11], char *zBody){
  Span a[MAX_SENT_WORDS];
  int nA = words_of(s, a, COUNT(a)), n;
  char zAhead[11] = "";
  if( zDocDate[0] && iso_days(zDocDate) ) days_iso(iso_days(zDocDate) + 364, zAhead);
  for(int i=0; i<nA; i++){
    int j;
    if( word_is(a[i], "voorbereiding") ){
      j = i+1;
      if( j<nA && (word_is(a[j], "op") || word_is(a[j], "van") || word_is(a[j], "voor")) ) j++;
    }else if( word_is(a[i], "voor") || word_is(a[i], "tbv") ){
      j = i+1;
    }else if( word_is(a[i], "behoeve") && i+1<nA && word_is(a[i+1], "van") ){
      j = i+2;
    }else if( i+2<nA && word_is(a[i], "t") && word_is(a[i+1], "b") && word_is(a[i+2], "v") ){
      j = i+3;
    }else{
      continue;
    }
    if( j<nA && (word_is(a[j], "het") || word_is(a[j], "de")) ) j++;
    if( (n = ref_body_at(a, nA, j, 1))==0 ) continue;
    Span body = span_of(a[j].z, (size_t)(span_end(a[j+n-1]) - a[j].z));
    j += n;
    for(int k=0; k<2 && (n = ref_connector(a, nA, j))>0; k++) j += n;
    char zBack[11], zFwd[11];
    if( !ref_date_at(a, nA, j, s, zDocDate, zBack) && zAhead[0]==0 ) continue;
    if( zAhead[0] ){
      /* a date read against the day a year on differs from the date read
      ** against the document only when it has no year */
      if( !ref_date_at(a, nA, j, s, zAhead, zFwd) ) continue;
      if( strcmp(zBack, zFwd)==0 ){
        if( strcmp(zFwd, zDocDate)<0 ) continue;
      }else if( iso_days(zFwd) - iso_days(zDocDate) > MAX_PREP_DAYS ){
        continue;
      }
      memcpy(zIso, zFwd, 11);
    }else{
      memcpy(zIso, zBack, 11);
    }
    ref_body_copy(body, zBody);
    return 1;
  }
  return 0;
}

/* prepares_ref on each line of text t; 1 when found. */
static int prepares_text(Span t, Minutes *m){
  const char *z = t.z, *zEnd = span_end(t);
  Span s;
  while( sentence_next(&z, zEnd, &s) ){
    if( prepares_ref(s, m->zDate, m->zPrepDate, m->zPrepBody) ) return 1;
  }
  return 0;
}

/* The first statement of blocks l (tables' cells included) of the BO
** meeting the document prepares. */
static int prepares_blocks(const BlockList *l, Minutes *m, int nDepth){
  for(size_t i=0; i<l->n; i++){
    const Block *b = &l->a[i];
    if( b->kind==BLOCK_TABLE ){
      if( nDepth>2 ) continue;
      for(size_t r=0; r<b->nRow; r++){
        for(size_t c=0; c<b->aRow[r].n; c++){
          if( prepares_blocks(&b->aRow[r].a[c].blocks, m, nDepth+1) ) return 1;
        }
      }
      continue;
    }
    if( b->kind!=BLOCK_PARAGRAPH && b->kind!=BLOCK_HEADING && b->kind!=BLOCK_LIST_ITEM ) continue;
    if( prepares_text(span_of(b->text, b->nText), m) ) return 1;
  }
  return 0;
}

/* Fills the references of the decisions and proposals in list a[0..n). */
static void find_decision_refs(Minutes *m, MinutesDecision *a, size_t n){
  for(size_t i=0; i<n; i++){
    MinutesDecision *p = &a[i];
    if( text_ref(p->zText, m->zDate, p->zRefDate, p->zRefBody) ) continue;
    if( p->iItem>=0 && (size_t)p->iItem<m->item.n
     && text_ref(m->item.a[p->iItem].zTitle, m->zDate, p->zRefDate, p->zRefBody) ){
      p->bRefItem = 1;
    }
  }
}

/* ------------------------------------------------------------ API */

int minutes_read(const Doc *d, const char *zKind, Minutes *m, Err *err){
  memset(m, 0, sizeof *m);
  if( d==0 ) return err_set(err, "minutes: no document");
  Walk w;
  memset(&w, 0, sizeof w);
  w.d = d;
  w.m = m;
  w.iClaimBlock = -1;
  w.bTaken = zKind==0 || zKind[0]==0 || strcmp(zKind, "verslag")==0
          || strcmp(zKind, "besluitenlijst")==0 || strcmp(zKind, "actielijst")==0;
  Inferred inf;
  infer_document(d, 0, 0, 0, &inf);
  memcpy(m->zDate, inf.zDate, sizeof m->zDate);
  find_items(d, m, zKind);
  walk(&w);
  merge_attendees(m);
  merge_actions(m);
  ItemIndex x;
  item_index_init(&x, m, d->body.n);
  for(size_t i=0; i<m->decision.n; i++){
    MinutesDecision *p = &m->decision.a[i];
    p->iItem = item_of(m, &x, p->iBlock, p->iRow);
  }
  for(size_t i=0; i<m->proposal.n; i++){
    MinutesDecision *p = &m->proposal.a[i];
    p->iItem = item_of(m, &x, p->iBlock, p->iRow);
  }
  for(size_t i=0; i<m->action.n; i++){
    MinutesAction *p = &m->action.a[i];
    p->iItem = item_of(m, &x, p->iBlock, p->iRow);
  }
  for(size_t i=0; i<m->commitment.n; i++){
    MinutesCommitment *p = &m->commitment.a[i];
    p->iItem = item_of(m, &x, p->iBlock, p->iRow);
  }
  for(size_t i=0; i<m->adoption.n; i++){
    MinutesAdoption *p = &m->adoption.a[i];
    p->iItem = item_of(m, &x, p->iBlock, p->iRow);
  }
  item_index_free(&x);
  find_decision_refs(m, m->decision.a, m->decision.n);
  find_decision_refs(m, m->proposal.a, m->proposal.n);
  prepares_blocks(&d->body, m, 0);
  return 0;
}

static void decision_list_free(MinutesDecision *a, size_t n){
  for(size_t i=0; i<n; i++){
    free(a[i].zText);
    free(a[i].zLabel);
  }
  free(a);
}

void minutes_free(Minutes *m){
  if( m==0 ) return;
  for(size_t i=0; i<m->att.n; i++) attendee_free(&m->att.a[i]);
  free(m->att.a);
  for(size_t i=0; i<m->item.n; i++){
    free(m->item.a[i].zNr);
    free(m->item.a[i].zTitle);
  }
  free(m->item.a);
  decision_list_free(m->decision.a, m->decision.n);
  decision_list_free(m->proposal.a, m->proposal.n);
  for(size_t i=0; i<m->action.n; i++) action_free(&m->action.a[i]);
  free(m->action.a);
  for(size_t i=0; i<m->commitment.n; i++){
    free(m->commitment.a[i].zText);
    free(m->commitment.a[i].zWho);
  }
  free(m->commitment.a);
  for(size_t i=0; i<m->adoption.n; i++){
    free(m->adoption.a[i].zDateText);
    free(m->adoption.a[i].zText);
  }
  free(m->adoption.a);
  memset(m, 0, sizeof *m);
}

const char *minutes_role_name(MinutesRole r){
  switch( r ){
    case MINUTES_ABSENT: return "absent";
    case MINUTES_CHAIR:  return "chair";
    case MINUTES_TAKER:  return "minutes-taker";
    case MINUTES_GUEST:  return "guest";
    default:             return "present";
  }
}
