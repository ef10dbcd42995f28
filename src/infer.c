/*
** infer.c — the meeting date, body, kind and title of a document, read
** from its first heading, first lines, properties and file name.
**
** Every source is cut into words that point into the source text, and the
** recognisers (dates, bodies, kinds) work on those words: so
** "BO_Sociaal_Domein", "bo-sociaal-domein" and "BO Sociaal Domein" look the
** same to them, and "12 maart 2025", "12-03-2025" and "2025-03-12" are
** three word patterns.  Each source writes what it finds into its own slot
** (the first statement within a source wins); infer_document() then takes
** each field from the most trusted slot that has it.  Nothing is allocated.
*/
#include "infer.h"

#include <stdlib.h>
#include <string.h>

/* The sources, most trusted first (see infer.h for why). */
typedef enum Src {
  SRC_ADDRESS = 0,  /* "Aan:", "Vergadering:" in the first blocks */
  SRC_HEADING,      /* the title block and its subtitle lines */
  SRC_TITLE,        /* title property */
  SRC_DATELINE,     /* "Datum:" in the first blocks */
  SRC_FILE,         /* file name */
  SRC_CUE,          /* "... de vergadering van ..." in the first blocks */
  SRC_MARGIN,       /* page headers and footers */
  SRC_PROPS,        /* subject, description, keywords */
  SRC_CREATED,      /* creation date property */
  SRC_N
} Src;

static const char *const azSrcName[SRC_N] = {
  "address line", "heading", "title property", "date line", "file name",
  "text", "page header", "properties", "created"
};

#define INFER_BLOCKS   15   /* top-level body blocks read as first lines */
#define INFER_ROWS     20   /* rows read of a table among them */
#define INFER_MARGINS   8   /* header and footer blocks read */
#define MAX_TOK        96   /* words read of one line */
#define MAX_LABEL      40   /* bytes of a "Label:" */
#define MAX_TITLE_LINE 200  /* a longer first paragraph is no title */
#define MAX_SUBTITLE   100  /* a subtitle line under the title */
#define MAX_TOPIC_WORDS 6

#define COUNT(a) ((int)(sizeof(a)/sizeof((a)[0])))

/* ------------------------------------------------------------ words */

typedef struct Tok {
  const char *z;          /* first byte in the source text */
  int n;                  /* bytes */
  char cGap;              /* the one byte between this word and the next;
                          ** 0 when the gap is longer or there is no next */
  unsigned char bSpace;   /* gap to the next word: only " .,_-" and breaks */
  unsigned char bJoin;    /* gap to the next word: only ' ', '-', '_' */
  unsigned char bNum;     /* digits only */
  unsigned char bCap;     /* begins with a capital letter */
  unsigned char bUpper;   /* has capitals and no small letters: "BORA" */
} Tok;

typedef struct Line {
  Tok a[MAX_TOK];
  int n;
  int bFile;              /* a file name: letter case means nothing there */
} Line;

int infer_word_char(const char *z, const char *zEnd){
  unsigned char c = (unsigned char)z[0];
  if( c<0x80 ){
    return (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9');
  }
  if( c<0xC3 || c==0xE2 || c>=0xF8 ) return 0;
  int n = c>=0xF0 ? 4 : c>=0xE0 ? 3 : 2;
  if( zEnd-z<n ) return 0;
  for(int i=1; i<n; i++){
    if( ((unsigned char)z[i] & 0xC0)!=0x80 ) return 0;
  }
  if( c==0xC3 && ((unsigned char)z[1]==0x97 || (unsigned char)z[1]==0xB7) ){
    return 0;                                   /* × and ÷ */
  }
  return n;
}

static int all_in(const char *z, const char *zEnd, const char *zSet){
  if( z==zEnd ) return 0;
  for(; z<zEnd; z++){
    if( *z==0 || strchr(zSet, *z)==0 ) return 0;
  }
  return 1;
}

/* Cuts z[0..n) into at most MAX_TOK words. */
static void line_init(Line *l, const char *z, size_t n, int bFile){
  const char *zEnd = z + n;
  l->n = 0;
  l->bFile = bFile;
  while( z<zEnd && infer_word_char(z, zEnd)==0 ) z++;
  while( z<zEnd && l->n<MAX_TOK ){
    Tok *t = &l->a[l->n++];
    int k;
    memset(t, 0, sizeof *t);
    t->z = z;
    while( z<zEnd && (k = infer_word_char(z, zEnd))>0 ) z += k;
    t->n = (int)(z - t->z);
    const char *zGap = z;
    while( z<zEnd && infer_word_char(z, zEnd)==0 ) z++;
    if( z<zEnd ){
      if( z-zGap==1 ) t->cGap = *zGap;
      t->bSpace = (unsigned char)all_in(zGap, z, " \t\n\r.,_-");
      t->bJoin = (unsigned char)all_in(zGap, z, " \t_-");
    }
    unsigned char c0 = (unsigned char)t->z[0];
    t->bCap = (c0>='A' && c0<='Z')
           || (c0==0xC3 && (unsigned char)t->z[1]<0x9F);
    int nDigit = 0, nUpper = 0, nLower = 0;
    for(int i=0; i<t->n; i++){
      char c = t->z[i];
      nDigit += c>='0' && c<='9';
      nUpper += c>='A' && c<='Z';
      nLower += c>='a' && c<='z';
    }
    t->bNum = nDigit==t->n;
    t->bUpper = nUpper>0 && nLower==0;
  }
}

/* The letters of U+00C0..U+00FF folded to ASCII, indexed by the second
** UTF-8 byte & 0x1F; '?' where there is no plain letter. */
static const char zFoldC3[] = "aaaaaa?ceeeeiiiidnooooo?ouuuuy??";

int infer_fold_next(const char **pz, const char *zEnd){
  const unsigned char *z = (const unsigned char*)*pz;
  if( z[0]==0xC3 && zEnd-*pz>=2 && (z[1]&0xC0)==0x80 ){
    int c = zFoldC3[z[1] & 0x1F];
    if( c!='?' ){ *pz += 2; return c; }
  }
  *pz += 1;
  return z[0]>='A' && z[0]<='Z' ? z[0]+32 : z[0];
}

/* True if words zA[0..nA) and zB[0..nB) are equal ignoring case and the
** accents of Latin-1 letters ("Financiën" = "financien"). */
static int word_eq(const char *zA, int nA, const char *zB, int nB){
  const char *zEndA = zA+nA, *zEndB = zB+nB;
  while( zA<zEndA && zB<zEndB ){
    if( infer_fold_next(&zA, zEndA)!=infer_fold_next(&zB, zEndB) ) return 0;
  }
  return zA==zEndA && zB==zEndB;
}

static int tok_is(const Tok *t, const char *zWord){
  return word_eq(t->z, t->n, zWord, (int)strlen(zWord));
}

static int tok_in(const Tok *t, const char *const *azWord, int nWord){
  for(int i=0; i<nWord; i++){
    if( tok_is(t, azWord[i]) ) return 1;
  }
  return 0;
}

/* Number of words of l from i on that spell the words of zPhrase (any
** UTF-8 text, "Recreatie en Toerisme") with only spaces, '-' or '_'
** between them; 0 when they do not, or zPhrase has no word. */
static int phrase_len(const Line *l, int i, const char *zPhrase){
  const char *z = zPhrase, *zEnd = zPhrase + strlen(zPhrase);
  int n = 0, k;
  for(;;){
    while( z<zEnd && infer_word_char(z, zEnd)==0 ) z++;
    if( z==zEnd ) return n;
    const char *zWord = z;
    while( z<zEnd && (k = infer_word_char(z, zEnd))>0 ) z += k;
    if( i+n>=l->n ) return 0;
    if( n>0 && !l->a[i+n-1].bJoin ) return 0;
    const Tok *t = &l->a[i+n];
    if( !word_eq(t->z, t->n, zWord, (int)(z-zWord)) ) return 0;
    n++;
  }
}

/* Copies z[0..n) into zOut[0..nOut) with runs of white space made one
** space, trimmed, and cut short on a UTF-8 character boundary. */
static void copy_text(char *zOut, size_t nOut, const char *z, size_t n){
  size_t j = 0;
  int bSpace = 0;
  for(size_t i=0; i<n && j+1<nOut; i++){
    char c = z[i];
    if( c==' ' || c=='\t' || c=='\n' || c=='\r' ){
      bSpace = j>0;
      continue;
    }
    if( bSpace ){
      zOut[j++] = ' ';
      bSpace = 0;
      if( j+1>=nOut ) break;
    }
    zOut[j++] = c;
  }
  if( j+1>=nOut ){
    /* Cut before a character whose bytes do not all fit. */
    size_t k = j;
    while( k>0 && ((unsigned char)zOut[k-1] & 0xC0)==0x80 ) k--;
    if( k>0 && (unsigned char)zOut[k-1]>=0xC0 ){
      unsigned char c = (unsigned char)zOut[k-1];
      size_t nChar = c>=0xF0 ? 4 : c>=0xE0 ? 3 : 2;
      if( j-(k-1)<nChar ) j = k-1;
    }
    while( j>0 && zOut[j-1]==' ' ) j--;
  }
  zOut[j] = 0;
}

/* ------------------------------------------------------------ dates */

static const struct { const char *zWord; int iMonth; } aMonth[] = {
  { "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "april", 4 },
  { "mei", 5 }, { "juni", 6 }, { "juli", 7 }, { "augustus", 8 },
  { "september", 9 }, { "oktober", 10 }, { "november", 11 },
  { "december", 12 },
  { "jan", 1 }, { "feb", 2 }, { "febr", 2 }, { "mrt", 3 }, { "apr", 4 },
  { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "sept", 9 },
  { "okt", 10 }, { "nov", 11 }, { "dec", 12 },
};

static const char *const azWeekday[] = {
  "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
  "zondag",
};

static int month_of(const Tok *t){
  for(int i=0; i<COUNT(aMonth); i++){
    if( tok_is(t, aMonth[i].zWord) ) return aMonth[i].iMonth;
  }
  return 0;
}

/* The value of t if it is nMin..nMax digits, else -1. */
static int tok_int(const Tok *t, int nMin, int nMax){
  if( !t->bNum || t->n<nMin || t->n>nMax ) return -1;
  int v = 0;
  for(int i=0; i<t->n; i++) v = v*10 + (t->z[i]-'0');
  return v;
}

/* A day of the month as written before a month name: "4", "04", "1e",
** "1ste", "2de"; else -1. */
static int day_of(const Tok *t){
  static const char *const azSuffix[] = { "", "e", "ste", "de" };
  int nDigit = 0;
  while( nDigit<t->n && t->z[nDigit]>='0' && t->z[nDigit]<='9' ) nDigit++;
  if( nDigit<1 || nDigit>2 ) return -1;
  for(int i=0; i<COUNT(azSuffix); i++){
    if( word_eq(t->z+nDigit, t->n-nDigit, azSuffix[i],
                (int)strlen(azSuffix[i])) ){
      return nDigit==1 ? t->z[0]-'0' : (t->z[0]-'0')*10 + t->z[1]-'0';
    }
  }
  return -1;
}

/* Writes y-m-d to zOut as YYYY-MM-DD if it is a real day of 1990..2100. */
static int date_set(int y, int m, int d, char zOut[11]){
  static const unsigned char aDays[12] =
    { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if( y<1990 || y>2100 || m<1 || m>12 || d<1 || d>aDays[m-1] ) return 0;
  if( m==2 && d==29 && (y%4!=0 || (y%100==0 && y%400!=0)) ) return 0;
  zOut[0] = (char)('0' + y/1000);
  zOut[1] = (char)('0' + y/100%10);
  zOut[2] = (char)('0' + y/10%10);
  zOut[3] = (char)('0' + y%10);
  zOut[4] = '-';
  zOut[5] = (char)('0' + m/10);
  zOut[6] = (char)('0' + m%10);
  zOut[7] = '-';
  zOut[8] = (char)('0' + d/10);
  zOut[9] = (char)('0' + d%10);
  zOut[10] = 0;
  return 1;
}

/* True if a date starts at word i of l, written "12 maart 2025" (a weekday
** before it changes nothing), "12 mrt. 2025", "1e februari 2025",
** "12-3-2025", "12/03/2025", "12.03.2025", "2025-03-12", or, in a file
** name, "20250312".  Sets zOut. */
static int date_at(const Line *l, int i, char zOut[11]){
  const Tok *a = &l->a[i];
  int nLeft = l->n - i;
  if( nLeft>=3 && a[0].bSpace && a[1].bSpace ){
    int d = day_of(&a[0]), m = month_of(&a[1]), y = tok_int(&a[2], 4, 4);
    if( d>0 && m>0 && date_set(y, m, d, zOut) ) return 1;
  }
  char c = a[0].cGap;
  if( nLeft>=3 && c && a[1].cGap==c && strchr(l->bFile ? "-/._" : "-/.", c)
   && !(i>0 && a[-1].bNum && a[-1].cGap==c) ){
    int v0 = tok_int(&a[0], 1, 4), v1 = tok_int(&a[1], 1, 2);
    int v2 = tok_int(&a[2], 1, 4);
    if( v0>=0 && v1>=0 && v2>=0 ){
      if( a[0].n<=2 && a[2].n==4 && date_set(v2, v1, v0, zOut) ) return 1;
      if( a[0].n==4 && a[2].n<=2 && date_set(v0, v1, v2, zOut) ) return 1;
    }
  }
  if( l->bFile && a[0].bNum && a[0].n==8 ){
    int v = tok_int(&a[0], 8, 8);
    if( date_set(v/10000, v/100%100, v%100, zOut) ) return 1;
  }
  return 0;
}

/* The first date in l at or after word i: sets zOut, returns its word. */
static int find_date(const Line *l, int i, char zOut[11]){
  for(; i<l->n; i++){
    if( date_at(l, i, zOut) ) return i;
  }
  return -1;
}

/* The date written at word i of l as minutes write it in running text:
** a full date (date_at), or a day and month without a year ("12 maart"),
** which takes the year of zDocDate, the year before when that would put
** it after zDocDate.  Sets zIso ("" when no year can be had or the day
** does not exist) and *piLast to the last word of it. */
static int date_in_text(const Line *l, int i, const char *zDocDate,
                        char zIso[11], int *piLast){
  const Tok *a = &l->a[i];
  int nLeft = l->n - i;
  zIso[0] = 0;
  if( date_at(l, i, zIso) ){
    *piLast = i+2;
    return 1;
  }
  int d = day_of(&a[0]), m = nLeft>=2 && a[0].bSpace ? month_of(&a[1]) : 0;
  if( d<=0 || m<=0 ) return 0;
  int y = nLeft>=3 && a[1].bSpace ? tok_int(&a[2], 4, 4) : -1;
  *piLast = y>0 ? i+2 : i+1;
  if( y<0 && zDocDate && zDocDate[0] ){
    char zTry[11];
    y = atoi(zDocDate);
    if( date_set(y, m, d, zTry) && strcmp(zTry, zDocDate)>0 ) y--;
  }
  if( y>0 ) date_set(y, m, d, zIso);
  return 1;
}

int infer_find_date(const char *z, size_t n, const char *zDocDate, char zIso[11],
                    size_t *piOff, size_t *pnLen){
  Line l;
  zIso[0] = 0;
  line_init(&l, z, n, 0);
  for(int i=0; i<l.n; i++){
    int iLast;
    if( date_in_text(&l, i, zDocDate, zIso, &iLast) ){
      if( piOff ) *piOff = (size_t)(l.a[i].z - z);
      if( pnLen ) *pnLen = (size_t)(l.a[iLast].z + l.a[iLast].n - l.a[i].z);
      return 1;
    }
  }
  return 0;
}

/* ------------------------------------------------------------ kinds */

static const struct {
  const char *zWord;
  const char *zKind;
  int bSuffix;          /* also the end of a longer word ("startnotitie") */
} aKindWord[] = {
  { "agenda",           "agenda",         0 },
  { "verslag",          "verslag",        0 },
  { "notulen",          "verslag",        0 },
  { "besluitenlijst",   "besluitenlijst", 0 },
  { "actielijst",       "actielijst",     0 },
  { "actiepuntenlijst", "actielijst",     0 },
  { "memo",             "memo",           0 },
  { "notitie",          "memo",           1 },
  { "voorstel",         "memo",           0 },
  { "brief",            "brief",          1 },
  { "presentatie",      "presentatie",    0 },
};

/* The kind a word names, or NULL.  "Concept" before the word ("Concept-
** verslag" is two words; "conceptagenda" one) does not matter. */
static const char *kind_of(const Tok *t){
  char zWord[40];
  int n = 0;
  const char *z = t->z, *zEnd = t->z + t->n;
  while( z<zEnd ){
    if( n==(int)sizeof zWord ) return 0;
    zWord[n++] = (char)infer_fold_next(&z, zEnd);
  }
  const char *zBase = zWord;
  if( n>=11 && memcmp(zWord, "concept", 7)==0 ){ zBase += 7; n -= 7; }
  for(int i=0; i<COUNT(aKindWord); i++){
    int nKind = (int)strlen(aKindWord[i].zWord);
    if( n<nKind || (n>nKind && !aKindWord[i].bSuffix) ) continue;
    if( memcmp(zBase+n-nKind, aKindWord[i].zWord, nKind)==0 ){
      return aKindWord[i].zKind;
    }
  }
  return 0;
}

static const char *find_kind(const Line *l){
  for(int i=0; i<l->n; i++){
    const char *zKind = kind_of(&l->a[i]);
    if( zKind ) return zKind;
  }
  return 0;
}

/* ------------------------------------------------------------ bodies */

#define BF_ABBR  1   /* an abbreviation: in capitals, except in file names */
#define BF_WEAK  2   /* also names the bureau itself: not from page headers */
#define BF_TOPIC 4   /* a topic follows: "BO Wonen" */

static const struct {
  const char *zWords;
  const char *zBody;
  int eFlag;
} aBodyForm[] = {     /* longer forms before the forms they begin with */
  { "bestuurlijk overleg regio amersfoort", "BORA", 0 },
  { "bora",                                 "BORA", BF_ABBR },
  { "ambtelijke regie groep",               "ARG",  0 },
  { "ambtelijke regiegroep",                "ARG",  0 },
  { "arg",                                  "ARG",  BF_ABBR },
  { "teamoverleg bureau regio amersfoort",  "BRA",  0 },
  { "teamoverleg bra",                      "BRA",  0 },
  { "bureau regio amersfoort",              "BRA",  BF_WEAK },
  { "bra",                                  "BRA",  BF_ABBR|BF_WEAK },
  { "bestuurlijk overleg",                  "BO",   BF_TOPIC },
  { "bo",                                   "BO",   BF_ABBR|BF_TOPIC },
  { "ambtelijk overleg",                    "AO",   BF_TOPIC },
  { "ao",                                   "AO",   BF_ABBR|BF_TOPIC },
};

/* Small words inside a topic name ("Recreatie en Toerisme"). */
static const char *const azConnector[] = {
  "en", "van", "de", "der", "den", "het", "voor", "in", "op", "t",
};

/* Words that end a topic name nobody wrote down before. */
static const char *const azTopicStop[] = {
  "concept", "definitief", "versie", "d", "dd", "nr",
  "bora", "arg", "bra", "bo", "ao",
};

typedef struct Found {      /* what one source says */
  char zDate[11];
  const char *zBody;
  char zTopic[80];
  const char *zKind;
} Found;

typedef struct Infer {
  const char *const *azTopic;
  int nTopic;
  Found a[SRC_N];
} Infer;

/* A topic name the archive does not know yet, from word i of l on: words
** that begin with a capital (any word in a file name), with connectors
** between them, up to a date, a kind, a body or punctuation.  File names
** are given capitals ("cultuur-en-erfgoed" -> "Cultuur en Erfgoed").
** Returns the number of words taken, 0 when there is no such name. */
static int new_topic(const Line *l, int i, char *zOut, size_t nOut){
  int iLast = -1;
  for(int k=i; k<l->n && k-i<MAX_TOPIC_WORDS; k++){
    const Tok *t = &l->a[k];
    if( t->bNum || kind_of(t) || month_of(t) || tok_in(t, azWeekday, COUNT(azWeekday))
     || tok_in(t, azTopicStop, COUNT(azTopicStop)) ){
      break;
    }
    if( !tok_in(t, azConnector, COUNT(azConnector)) ){
      if( (!l->bFile && !t->bCap) || t->n<2 ) break;
      iLast = k;
    }else if( k==i ){
      break;
    }
    if( !t->bJoin ) break;
  }
  if( iLast<0 ) return 0;
  size_t j = 0;
  for(int k=i; k<=iLast && j+1<nOut; k++){
    const Tok *t = &l->a[k];
    if( k>i ) zOut[j++] = ' ';
    for(int m=0; m<t->n && j+1<nOut; m++){
      char c = t->z[m];
      if( m==0 && l->bFile && c>='a' && c<='z'
       && !tok_in(t, azConnector, COUNT(azConnector)) ){
        c -= 32;
      }
      zOut[j++] = c;
    }
  }
  copy_text(zOut, nOut, zOut, j);
  return iLast - i + 1;
}

/* The topic at word i of l: the longest known topic spelled there, else a
** new one.  A known topic that a title continues in capitals is the start
** of a new one: "BO Wonen en Zorg" is not "BO Wonen".  Sets zOut. */
static int topic_at(const Infer *p, const Line *l, int i,
                    char *zOut, size_t nOut){
  int iBest = -1, nBest = 0;
  for(int k=0; k<p->nTopic; k++){
    int n = phrase_len(l, i, p->azTopic[k]);
    if( n>nBest ){ nBest = n; iBest = k; }
  }
  int nNew = new_topic(l, i, zOut, nOut);
  if( iBest>=0 && (l->bFile || nNew<=nBest) ){
    copy_text(zOut, nOut, p->azTopic[iBest], strlen(p->azTopic[iBest]));
    return 1;
  }
  return nNew>0;
}

/* The index in aBodyForm of the body named at word i of l, or -1; sets
** zTopic for a BO or AO.  bStrong leaves out the forms that may just be the
** bureau's own letterhead ("Bureau Regio Amersfoort | pagina 2"). */
static int body_at(const Infer *p, const Line *l, int i, int bStrong,
                   char *zTopic, size_t nTopic){
  zTopic[0] = 0;
  for(int k=0; k<COUNT(aBodyForm); k++){
    int e = aBodyForm[k].eFlag;
    if( bStrong && (e & BF_WEAK) ) continue;
    int n = phrase_len(l, i, aBodyForm[k].zWords);
    if( n==0 ) continue;
    if( (e & BF_ABBR) && ((!l->bFile && !l->a[i].bUpper)
                          || l->a[i].cGap=='/') ){
      continue;     /* "bra" is no body, nor is "BRA/25/004711" */
    }
    if( (e & BF_TOPIC)
     && (!l->a[i+n-1].bJoin || !topic_at(p, l, i+n, zTopic, nTopic)) ){
      continue;
    }
    return k;
  }
  return -1;
}

/* Sets f's body and topic to the first body named in l from word i on.  A
** weak form yields to a later strong one: "Memo werkplan van het BRA
** BORA" is a memo for the BORA about the bureau's work plan. */
static void find_body(const Infer *p, const Line *l, int i, int bStrong,
                      Found *f){
  char zTopic[sizeof f->zTopic];
  for(; i<l->n; i++){
    int k = body_at(p, l, i, bStrong, zTopic, sizeof zTopic);
    if( k<0 ) continue;
    if( f->zBody==0 || (aBodyForm[k].eFlag & BF_WEAK)==0 ){
      f->zBody = aBodyForm[k].zBody;
      memcpy(f->zTopic, zTopic, sizeof zTopic);
    }
    if( (aBodyForm[k].eFlag & BF_WEAK)==0 ) return;
    bStrong = 1;
  }
}

/* ------------------------------------------------------------ sources */

/* A title-like text (heading, title property, file name, header, other
** properties): the first kind, body and date in it. */
static void scan_title(Infer *p, Src e, const char *z, size_t n, int bFile){
  Line l;
  Found *f = &p->a[e];
  if( z==0 ) return;
  line_init(&l, z, n, bFile);
  if( f->zKind==0 ) f->zKind = find_kind(&l);
  if( f->zBody==0 ) find_body(p, &l, 0, e==SRC_MARGIN, f);
  if( f->zDate[0]==0 ) find_date(&l, 0, f->zDate);
}

/* Labels of the first lines ("Datum: ...", or a table row "Datum" | ...):
** the source their line is, and the kind they suggest (a document that
** lists who was present is minutes). */
static const struct { const char *zWords; Src e; const char *zKind; } aLabel[] = {
  { "aan",               SRC_ADDRESS,  0 },
  { "vergadering",       SRC_ADDRESS,  0 },
  { "vergaderdatum",     SRC_ADDRESS,  0 },
  { "datum vergadering", SRC_ADDRESS,  0 },
  { "overleg",           SRC_ADDRESS,  0 },
  { "gremium",           SRC_ADDRESS,  0 },
  { "datum",             SRC_DATELINE, 0 },
  { "aanwezig",          SRC_CUE,      "verslag" },
  { "aanwezigen",        SRC_CUE,      "verslag" },
  { "notulist",          SRC_CUE,      "verslag" },
};

/* The index in aLabel of the label z[0..n), or -1. */
static int label_of(const char *z, size_t n){
  Line l;
  line_init(&l, z, n, 0);
  for(int k=0; k<COUNT(aLabel); k++){
    if( l.n>0 && phrase_len(&l, 0, aLabel[k].zWords)==l.n ) return k;
  }
  return -1;
}

/* Words that point at another meeting than the document's own, or at a
** later day ("De volgende vergadering is op ...", "Vastgesteld op ..."). */
static const char *const azElsewhere[] = {
  "volgende", "eerstvolgende", "vorige", "komende", "vastgesteld",
};

static int has_elsewhere(const Line *l){
  for(int i=0; i<l->n; i++){
    if( tok_in(&l->a[i], azElsewhere, COUNT(azElsewhere)) ) return 1;
  }
  return 0;
}

/* The word after "vergadering" in a sentence about this meeting ("Stand
** na de vergadering van ...", "uit voor de vergadering van het BO Wonen
** op ..."), or -1.  "Het verslag van de vergadering van ..." is about the
** previous one. */
static int cue_at(const Line *l){
  if( has_elsewhere(l) ) return -1;
  for(int i=0; i<l->n; i++){
    if( tok_is(&l->a[i], "verslag") ) return -1;
    if( tok_is(&l->a[i], "vergadering") ) return i+1;
  }
  return -1;
}

/* One line of the first blocks.  zLabel is the label of its table row, or
** NULL: then a "Label:" at its start is the label. */
static void scan_line(Infer *p, const char *zLabel, size_t nLabel,
                      const char *z, size_t n){
  Line l;
  int iLabel = -1, i = 0;
  if( zLabel==0 ){
    const char *zColon = memchr(z, ':', n<MAX_LABEL ? n : MAX_LABEL);
    if( zColon && (iLabel = label_of(z, (size_t)(zColon-z)))>=0 ){
      n -= (size_t)(zColon+1-z);
      z = zColon+1;
    }
  }else{
    iLabel = label_of(zLabel, nLabel);
  }
  if( iLabel>=0 && aLabel[iLabel].zKind ){
    Found *f = &p->a[aLabel[iLabel].e];
    if( f->zKind==0 ) f->zKind = aLabel[iLabel].zKind;
    return;
  }
  line_init(&l, z, n, 0);
  Src e = iLabel>=0 ? aLabel[iLabel].e : SRC_CUE;
  if( iLabel<0 && (i = cue_at(&l))<0 ) return;
  Found *f = &p->a[e];
  if( e!=SRC_DATELINE && f->zBody==0 ) find_body(p, &l, i, 0, f);
  if( f->zDate[0]==0 ) find_date(&l, i, f->zDate);
}

/* Each line of a paragraph (a line break '\n' ends one). */
static void scan_para(Infer *p, const char *zLabel, size_t nLabel,
                      const char *z, size_t n){
  while( n>0 ){
    const char *zEol = memchr(z, '\n', n);
    size_t nLine = zEol ? (size_t)(zEol-z) : n;
    scan_line(p, zLabel, nLabel, z, nLine);
    if( zEol==0 ) break;
    n -= nLine+1;
    z = zEol+1;
  }
}

static int is_text_block(const Block *b){
  return b->kind==BLOCK_PARAGRAPH || b->kind==BLOCK_HEADING
      || b->kind==BLOCK_LIST_ITEM;
}

/* The text blocks of a cell, as lines with the row's label. */
static void scan_cell(Infer *p, const char *zLabel, size_t nLabel,
                      const TableCell *c){
  for(size_t i=0; i<c->blocks.n; i++){
    const Block *b = &c->blocks.a[i];
    if( is_text_block(b) ) scan_para(p, zLabel, nLabel, b->text, b->nText);
  }
}

/* A table of the first blocks.  A row whose first cell is one short
** paragraph ("Datum", "Aan:") labels the rest of the row. */
static void scan_table(Infer *p, const Block *t){
  for(size_t r=0; r<t->nRow && r<INFER_ROWS; r++){
    const TableRow *row = &t->aRow[r];
    const TableCell *c0 = row->n>=2 ? &row->a[0] : 0;
    if( c0 && c0->blocks.n==1 && is_text_block(&c0->blocks.a[0])
     && c0->blocks.a[0].nText<=MAX_LABEL ){
      const Block *b = &c0->blocks.a[0];
      for(size_t j=1; j<row->n; j++) scan_cell(p, b->text, b->nText, &row->a[j]);
    }else{
      for(size_t j=0; j<row->n; j++) scan_cell(p, 0, 0, &row->a[j]);
    }
  }
}

/* The title block: the first level 1 heading (a "Title" or "Heading 1")
** among the first blocks, else the first block when it is a short
** paragraph or heading.  NULL when there is none. */
static const Block *title_block(const Doc *d, size_t *piBlock){
  size_t n = d->body.n<INFER_BLOCKS ? d->body.n : INFER_BLOCKS;
  for(size_t i=0; i<n; i++){
    const Block *b = &d->body.a[i];
    if( b->kind==BLOCK_HEADING && b->level<=1 ){ *piBlock = i; return b; }
  }
  if( n>0 && (d->body.a[0].kind==BLOCK_PARAGRAPH
              || d->body.a[0].kind==BLOCK_HEADING)
   && d->body.a[0].nText<=MAX_TITLE_LINE ){
    *piBlock = 0;
    return &d->body.a[0];
  }
  return 0;
}

/* True if b reads as a further line of the title above it: a short
** paragraph that is no "Label:", no sentence and about no other day. */
static int is_subtitle(const Block *b){
  Line l;
  if( b->kind!=BLOCK_PARAGRAPH || b->nText>MAX_SUBTITLE
   || memchr(b->text, ':', b->nText) || b->text[b->nText-1]=='.' ){
    return 0;
  }
  line_init(&l, b->text, b->nText, 0);
  return !has_elsewhere(&l);
}

/* The title block and up to two subtitle lines under it (a title over
** three lines: "Agenda" / "Bestuurlijk Overleg Wonen" / "woensdag 12
** maart 2025"). */
static void scan_heading(Infer *p, const Doc *d){
  size_t iTitle;
  const Block *b = title_block(d, &iTitle);
  if( b==0 ) return;
  scan_title(p, SRC_HEADING, b->text, b->nText, 0);
  for(size_t i=iTitle+1; i<d->body.n && i<=iTitle+2; i++){
    b = &d->body.a[i];
    if( !is_subtitle(b) ) break;
    scan_title(p, SRC_HEADING, b->text, b->nText, 0);
  }
}

static void scan_first_blocks(Infer *p, const Doc *d){
  for(size_t i=0; i<d->body.n && i<INFER_BLOCKS; i++){
    const Block *b = &d->body.a[i];
    if( is_text_block(b) ){
      scan_para(p, 0, 0, b->text, b->nText);
    }else if( b->kind==BLOCK_TABLE ){
      scan_table(p, b);
    }
  }
}

static void scan_margins(Infer *p, const Doc *d){
  for(size_t i=0; i<d->margins.n && i<INFER_MARGINS; i++){
    const BlockList *l = &d->margins.a[i].children;
    for(size_t j=0; j<l->n && j<INFER_MARGINS; j++){
      const Block *b = &l->a[j];
      if( is_text_block(b) ) scan_title(p, SRC_MARGIN, b->text, b->nText, 0);
    }
  }
}

/* The last part of a path without its extension (".odt", ".docx"). */
static const char *file_base(const char *zPath, size_t *pn){
  const char *z = zPath;
  for(const char *q=zPath; *q; q++){
    if( *q=='/' || *q=='\\' ) z = q+1;
  }
  size_t n = strlen(z);
  const char *zDot = strrchr(z, '.');
  if( zDot && zDot>z && n-(size_t)(zDot-z)<=6 ){
    const char *q = zDot+1;
    while( *q && infer_word_char(q, q+1)==1 ) q++;
    if( *q==0 && q>zDot+1 ) n = (size_t)(zDot-z);
  }
  *pn = n;
  return z;
}

/* ------------------------------------------------------------ result */

static int is_written_for_meeting(const char *zKind){
  return zKind && (strcmp(zKind, "memo")==0 || strcmp(zKind, "brief")==0);
}

void infer_document(const Doc *d, const char *zFileName,
                    const char *const *azTopic, int nTopic, Inferred *pOut){
  Infer in;
  const char *zBase = 0;
  size_t nBase = 0;
  memset(pOut, 0, sizeof *pOut);
  memset(&in, 0, sizeof in);
  in.azTopic = azTopic;
  in.nTopic = azTopic ? nTopic : 0;
  if( zFileName ){
    zBase = file_base(zFileName, &nBase);
    scan_title(&in, SRC_FILE, zBase, nBase, 1);
  }
  if( d ){
    const DocMeta *m = &d->meta;
    const char *azProp[] = { m->subject, m->description, m->keywords };
    scan_heading(&in, d);
    if( m->title ) scan_title(&in, SRC_TITLE, m->title, strlen(m->title), 0);
    scan_first_blocks(&in, d);
    scan_margins(&in, d);
    for(int i=0; i<COUNT(azProp); i++){
      if( azProp[i] ) scan_title(&in, SRC_PROPS, azProp[i], strlen(azProp[i]), 0);
    }
    if( m->created ){   /* "2025-03-12T10:00:00": the day only */
      Line l;
      size_t n = strlen(m->created);
      line_init(&l, m->created, n<10 ? n : 10, 0);
      if( l.n>=3 ) date_at(&l, 0, in.a[SRC_CREATED].zDate);
    }
  }

  const char *zKind = 0;
  for(int e=0; e<SRC_N && zKind==0; e++) zKind = in.a[e].zKind;
  if( zKind ) copy_text(pOut->zKind, sizeof pOut->zKind, zKind, strlen(zKind));
  for(int e=0; e<SRC_N; e++){
    const Found *f = &in.a[e];
    if( f->zBody ){
      copy_text(pOut->zBodyKind, sizeof pOut->zBodyKind, f->zBody, strlen(f->zBody));
      memcpy(pOut->zTopic, f->zTopic, sizeof pOut->zTopic);
      break;
    }
  }
  pOut->zDateSrc = "";
  for(int e=0; e<SRC_N; e++){
    if( e==SRC_DATELINE && is_written_for_meeting(zKind) ) continue;
    if( in.a[e].zDate[0] ){
      memcpy(pOut->zDate, in.a[e].zDate, sizeof pOut->zDate);
      pOut->zDateSrc = azSrcName[e];
      break;
    }
  }

  size_t iTitle;
  const Block *b = d ? title_block(d, &iTitle) : 0;
  if( d && d->meta.title ){
    copy_text(pOut->zTitle, sizeof pOut->zTitle, d->meta.title, strlen(d->meta.title));
  }
  if( pOut->zTitle[0]==0 && b ){
    copy_text(pOut->zTitle, sizeof pOut->zTitle, b->text, b->nText);
  }
  if( pOut->zTitle[0]==0 && zBase ){
    copy_text(pOut->zTitle, sizeof pOut->zTitle, zBase, nBase);
  }
}
