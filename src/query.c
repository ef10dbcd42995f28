/*
** query.c — reading the search query language; see query.h.
**
** Two steps: a lexer cuts the text into tokens (words, "phrases", prefix*,
** parentheses, the upper-case operators OR AND NOT NEAR NEAR/n, a leading
** "-", key:value filters), then a recursive-descent parser builds the
** tree.  Precedence, tightest first: - and NOT (one term), NEAR, OR,
** then AND, written or implied by juxtaposition, so "wonen Baarn OR Soest"
** is wonen AND (Baarn OR Soest), as web search engines read it.
** Recursion is bounded by QUERY_MAX_DEPTH parentheses.
*/
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MARK "\xEE\x80\x80"     /* FTS_DUTCH_EXACT_MARK, U+E000 */
#define EXACT_MARK_LEN 3

/* ------------------------------------------------------------ characters */

/* The code point of the UTF-8 character at z (n bytes left), its length
** in *pLen.  A malformed byte counts as one character of its own. */
static unsigned utf8_decode(const unsigned char *z, size_t n, int *pLen){
  unsigned c = z[0];
  int len = c<0x80 ? 1 : c<0xC2 ? 0 : c<0xE0 ? 2 : c<0xF0 ? 3 : c<0xF5 ? 4 : 0;
  if( len==0 || (size_t)len>n ){
    *pLen = 1;
    return 0xFFFD;
  }
  if( len==1 ){
    *pLen = 1;
    return c;
  }
  unsigned v = c & (0x7F >> len);
  for(int i=1; i<len; i++){
    if( (z[i] & 0xC0)!=0x80 ){
      *pLen = 1;
      return 0xFFFD;
    }
    v = (v<<6) | (z[i] & 0x3F);
  }
  *pLen = len;
  return v;
}

/* Is c part of a word for FTS5's unicode61 (letters, digits and private
** use are; punctuation, symbols and spaces are not)?  Exact for ASCII;
** beyond it the common punctuation and symbol blocks are separators and
** everything else a letter.  A miss only costs an exact phrase its
** exactness for one word (that word is then matched stemmed). */
static int is_word_char(unsigned c){
  if( c<0x80 ) return isalnum((int)c);
  if( c<0xC0 ){
    /* ª ² ³ µ ¹ º ¼ ½ ¾ are letters and numbers */
    return c==0xAA || c==0xB2 || c==0xB3 || c==0xB5 || c==0xB9 || c==0xBA
        || (c>=0xBC && c<=0xBE);
  }
  if( c==0xD7 || c==0xF7 ) return 0;                       /* × ÷ */
  if( c>=0x2000 && c<=0x206F ) return 0;                   /* general punctuation */
  if( c>=0x20A0 && c<=0x20CF ) return 0;                   /* currency */
  if( c>=0x2100 && c<=0x214F ) return 0;                   /* letterlike: ™ ℃ */
  if( c>=0x2190 && c<=0x245F ) return 0;                   /* arrows, maths, technical */
  if( c>=0x2500 && c<=0x2BFF ) return 0;                   /* boxes, shapes, dingbats */
  if( c>=0x3000 && c<=0x303F ) return 0;                   /* CJK punctuation */
  if( c>=0xFE30 && c<=0xFE4F ) return 0;
  if( c>=0xFF00 && c<=0xFF0F ) return 0;
  if( c==0xFEFF || c==0xFFFD ) return 0;
  return 1;
}

/* Does z[0..n) hold any character of a word? */
static int has_word_char(const char *z, size_t n){
  for(size_t i=0; i<n; ){
    int len;
    if( is_word_char(utf8_decode((const unsigned char*)z+i, n-i, &len)) ) return 1;
    i += len;
  }
  return 0;
}

/* The 1-based character position of byte iByte of z. */
static int char_pos(const char *z, int iByte){
  int n = 1;
  for(int i=0; i<iByte; i++) n += ((unsigned char)z[i] & 0xC0)!=0x80;
  return n;
}

/* A copy of z without U+E000 (the tokenizer's exact mark: user text must
** not set it) and with the typographic double quotes of word processors
** (“ ” „) made ASCII, so that pasted quotes quote. */
static char *clean_copy(const char *z){
  Buf b = BUF_INIT;
  for(size_t i=0; z[i]; ){
    if( strncmp(&z[i], EXACT_MARK, EXACT_MARK_LEN)==0 ){
      i += EXACT_MARK_LEN;
    }else if( strncmp(&z[i], "\xE2\x80\x9C", 3)==0 || strncmp(&z[i], "\xE2\x80\x9D", 3)==0
           || strncmp(&z[i], "\xE2\x80\x9E", 3)==0 ){
      buf_putc(&b, '"');
      i += 3;
    }else{
      buf_putc(&b, z[i++]);
    }
  }
  return buf_detach(&b, 0);
}

/* ----------------------------------------------------------------- dates */

static int is_leap(int y){ return (y%4==0 && y%100!=0) || y%400==0; }

static int month_days(int y, int m){
  static const int a[] = { 31,28,31,30,31,30,31,31,30,31,30,31 };
  return m==2 && is_leap(y) ? 29 : a[m-1];
}

/* Reads 1..nMax digits at *pz into *pv; advances *pz.  0 or -1. */
static int read_num(const char **pz, int nMin, int nMax, int *pv){
  const char *z = *pz;
  int n = 0, v = 0;
  while( n<nMax && isdigit((unsigned char)z[n]) ) v = v*10 + (z[n++]-'0');
  if( n<nMin ) return -1;
  *pz = z + n;
  *pv = v;
  return 0;
}

/* Parses a period at the start of z[0..n): *pnPart is 1 (year), 2 (month)
** or 3 (day).  Returns 0, or -1 unless all n bytes are one period. */
static int read_period(const char *z, size_t n, int *py, int *pm, int *pd, int *pnPart){
  char zBuf[16];
  if( n==0 || n>=sizeof zBuf ) return -1;
  memcpy(zBuf, z, n);
  zBuf[n] = 0;
  const char *p = zBuf;
  *pm = *pd = 1;
  *pnPart = 1;
  if( read_num(&p, 4, 4, py) || *py<1000 ) return -1;
  if( *p=='-' ){
    p++;
    if( read_num(&p, 1, 2, pm) || *pm<1 || *pm>12 ) return -1;
    *pnPart = 2;
    if( *p=='-' ){
      p++;
      if( read_num(&p, 1, 2, pd) || *pd<1 || *pd>month_days(*py, *pm) ) return -1;
      *pnPart = 3;
    }
  }
  return *p ? -1 : 0;
}

/* Writes YYYY-MM-DD; y is 1000..9999, m 1..12, d 1..31. */
static void put_date(char z[11], int y, int m, int d){
  snprintf(z, 11, "%04u-%02u-%02u", (unsigned)y%10000u, (unsigned)m%100u, (unsigned)d%100u);
}

/* The first and last day of the period z[0..n), as ISO dates. */
static int period_bounds(const char *z, size_t n, char zFirst[11], char zLast[11]){
  int y, m, d, nPart;
  if( read_period(z, n, &y, &m, &d, &nPart) ) return -1;
  put_date(zFirst, y, m, d);
  if( nPart==1 ) put_date(zLast, y, 12, 31);
  else if( nPart==2 ) put_date(zLast, y, m, month_days(y, m));
  else put_date(zLast, y, m, d);
  return 0;
}

int query_period(const char *z, char zFirst[11], char zLast[11]){
  return period_bounds(z, strlen(z), zFirst, zLast);
}

int query_span(const char *zFrom, const char *zTo, char zFirst[11], char zLast[11], Err *err){
  const char *azEnd[2] = { zFrom, zTo };
  char *azOut[2] = { zFirst, zLast };
  for(int i=0; i<2; i++){
    char zDay[2][11];
    azOut[i][0] = 0;
    if( azEnd[i]==0 || azEnd[i][0]==0 ) continue;
    if( query_period(azEnd[i], zDay[0], zDay[1]) ){
      return err_set(err, "bad date \"%s\" for %s (use 2021, 2021-03 or 2021-03-01)",
                     azEnd[i], i ? "to" : "from");
    }
    memcpy(azOut[i], zDay[i], 11);
  }
  return 0;
}

/* The day after (iDelta 1) or before (-1) the ISO date z, in place. */
static void shift_day(char z[11], int iDelta){
  int y = atoi(z), m = atoi(z+5), d = atoi(z+8);
  d += iDelta;
  if( d>month_days(y, m) ){
    d = 1;
    if( ++m>12 ){ m = 1; y++; }
  }else if( d<1 ){
    if( --m<1 ){ m = 12; y--; }
    d = month_days(y, m);
  }
  put_date(z, y, m, d);
}

int query_dates(const char *z, QueryDates *pd){
  char zFirst[11], zLast[11];
  size_t n = strlen(z);
  const char *zDots = strstr(z, "..");
  memset(pd, 0, sizeof *pd);
  if( z[0]=='>' || z[0]=='<' ){
    int bEq = z[1]=='=';
    if( period_bounds(z+1+bEq, n-1-bEq, zFirst, zLast) ) return -1;
    if( z[0]=='>' ){
      memcpy(pd->zFrom, bEq ? zFirst : zLast, 11);
      if( !bEq ) shift_day(pd->zFrom, 1);
    }else{
      memcpy(pd->zTo, bEq ? zLast : zFirst, 11);
      if( !bEq ) shift_day(pd->zTo, -1);
    }
    return 0;
  }
  if( zDots ){
    size_t nA = (size_t)(zDots - z), nB = n - nA - 2;
    if( nA==0 && nB==0 ) return -1;
    if( nA && period_bounds(z, nA, pd->zFrom, zLast) ) return -1;
    if( nB && period_bounds(zDots+2, nB, zFirst, pd->zTo) ) return -1;
    if( nA && nB && strcmp(pd->zFrom, pd->zTo)>0 ) return -1;
    return 0;
  }
  return period_bounds(z, n, pd->zFrom, pd->zTo);
}

/* --------------------------------------------------------------- tokens */

typedef enum TokType {
  T_END, T_WORD, T_PHRASE, T_PREFIX, T_LP, T_RP,
  T_OR, T_AND, T_NOT, T_NEAR, T_FILTER
} TokType;

typedef struct Token {
  TokType type;
  int iByte, nByte;       /* the whole token in zText */
  int iText, nText;       /* WORD, PHRASE, PREFIX, FILTER value */
  int nNear;              /* NEAR/n */
  QueryKey key;           /* FILTER */
} Token;

static const struct { const char *zName; QueryKey key; } aKey[] = {
  { "orgaan", QUERY_BODY },        { "body", QUERY_BODY },
  { "onderwerp", QUERY_TOPIC },    { "topic", QUERY_TOPIC },
  { "soort", QUERY_KIND },         { "kind", QUERY_KIND },
  { "gemeente", QUERY_MUNICIPALITY }, { "municipality", QUERY_MUNICIPALITY },
  { "datum", QUERY_DATE },         { "date", QUERY_DATE },
};

/* The filter key z[0..n) names, or -1. */
static int find_key(const char *z, int n){
  for(size_t i=0; i<sizeof aKey/sizeof aKey[0]; i++){
    if( (int)strlen(aKey[i].zName)==n && strncasecmp(aKey[i].zName, z, n)==0 ){
      return (int)aKey[i].key;
    }
  }
  return -1;
}

static const char *key_name(QueryKey k){
  for(size_t i=0; i<sizeof aKey/sizeof aKey[0]; i++){
    if( aKey[i].key==k ) return aKey[i].zName;
  }
  return "?";
}

static int is_space(char c){ return c>0 && c<=' '; }
static int ends_run(char c){ return c==0 || is_space(c) || c=='(' || c==')' || c=='"'; }

typedef struct Lexer {
  const char *z;
  Token *a;
  int n, nAlloc;
  Err *err;
} Lexer;

static void tok_add(Lexer *x, TokType t, int iByte, int nByte, int iText, int nText){
  if( x->n==x->nAlloc ){
    x->nAlloc = x->nAlloc ? 2*x->nAlloc : 32;
    x->a = xrealloc(x->a, x->nAlloc*sizeof(Token));
  }
  Token *p = &x->a[x->n++];
  memset(p, 0, sizeof *p);
  p->type = t;
  p->iByte = iByte;
  p->nByte = nByte;
  p->iText = iText;
  p->nText = nText;
}

/* The closing quote of the quote at z[i], or -1 with the error set. */
static int find_quote_end(Lexer *x, int i){
  const char *zEnd = strchr(&x->z[i+1], '"');
  if( zEnd==0 ){
    err_set(x->err, "unclosed quote at position %d", char_pos(x->z, i));
    return -1;
  }
  return (int)(zEnd - x->z);
}

/* A key:value filter at z[i], whose key (nKey bytes) is known.  Returns
** the byte after it, or -1 with the error set. */
static int lex_filter(Lexer *x, int i, int nKey, QueryKey key){
  const char *z = x->z;
  int iVal = i + nKey + 1, iEnd;
  int nVal;
  if( z[iVal]=='"' ){
    iEnd = find_quote_end(x, iVal);
    if( iEnd<0 ) return -1;
    nVal = iEnd - iVal - 1;
    iVal++;
    iEnd++;
  }else{
    for(iEnd=iVal; !ends_run(z[iEnd]); iEnd++){}
    nVal = iEnd - iVal;
  }
  if( nVal==0 || !has_word_char(&z[iVal], nVal) ){
    err_set(x->err, "missing value after \"%.*s:\" at position %d", nKey, &z[i],
            char_pos(z, i));
    return -1;
  }
  tok_add(x, T_FILTER, i, iEnd-i, iVal, nVal);
  x->a[x->n-1].key = key;
  return iEnd;
}

/* A run of bytes up to a space, parenthesis or quote at z[i]: an
** operator, a filter, a prefix or a word.  Returns the byte after it, or
** -1 with the error set. */
static int lex_run(Lexer *x, int i){
  const char *z = x->z;
  int iEnd = i;
  while( !ends_run(z[iEnd]) ) iEnd++;
  int n = iEnd - i;
  int nKey = 0;
  while( nKey<n && isalpha((unsigned char)z[i+nKey]) ) nKey++;
  if( nKey>0 && nKey<n && z[i+nKey]==':' ){
    int key = find_key(&z[i], nKey);
    if( key>=0 ) return lex_filter(x, i, nKey, (QueryKey)key);
  }
  if( n==2 && memcmp(&z[i], "OR", 2)==0 ){
    tok_add(x, T_OR, i, n, 0, 0);
  }else if( n==3 && memcmp(&z[i], "AND", 3)==0 ){
    tok_add(x, T_AND, i, n, 0, 0);
  }else if( n==3 && memcmp(&z[i], "NOT", 3)==0 ){
    tok_add(x, T_NOT, i, n, 0, 0);
  }else if( n>=4 && memcmp(&z[i], "NEAR", 4)==0
         && (n==4 || (z[i+4]=='/' && n>5 && n<=9
                      && strspn(&z[i+5], "0123456789")>=(size_t)(n-5))) ){
    tok_add(x, T_NEAR, i, n, i, n);
    x->a[x->n-1].nNear = n==4 ? QUERY_NEAR_DEFAULT : atoi(&z[i+5]);
  }else{
    int nWord = n;
    while( nWord>0 && z[i+nWord-1]=='*' ) nWord--;
    tok_add(x, nWord<n ? T_PREFIX : T_WORD, i, n, i, nWord);
  }
  return iEnd;
}

/* Cuts x->z into x->a.  0, or -1 with the error set. */
static int lex(Lexer *x){
  const char *z = x->z;
  int i = 0;
  while( z[i] ){
    char c = z[i];
    if( is_space(c) ){
      i++;
    }else if( c=='(' || c==')' ){
      tok_add(x, c=='(' ? T_LP : T_RP, i, 1, 0, 0);
      i++;
    }else if( c=='"' ){
      int iEnd = find_quote_end(x, i);
      if( iEnd<0 ) return -1;
      tok_add(x, T_PHRASE, i, iEnd+1-i, i+1, iEnd-i-1);
      i = iEnd + 1;
      while( z[i]=='*' ) i++;          /* no exact prefixes: "woning"* is "woning" */
    }else if( c=='-' ){
      /* "-word" excludes; a "-" alone (or "--") is no term at all */
      while( z[i]=='-' ) i++;
      if( !is_space(z[i]) && z[i]!=')' && z[i] ) tok_add(x, T_NOT, i-1, 1, 0, 0);
    }else{
      i = lex_run(x, i);
      if( i<0 ) return -1;
    }
  }
  tok_add(x, T_END, i, 0, 0, 0);
  return 0;
}

/* --------------------------------------------------------------- nodes */

static QueryNode *node_new(QueryOp op, int iPos){
  QueryNode *p = xrealloc(0, sizeof *p);
  memset(p, 0, sizeof *p);
  p->op = op;
  p->iPos = iPos;
  return p;
}

static void node_add(QueryNode *p, QueryNode *pChild){
  if( pChild==0 ) return;
  p->apChild = xrealloc(p->apChild, (p->nChild+1)*sizeof(QueryNode*));
  p->apChild[p->nChild++] = pChild;
}

static void node_free(QueryNode *p){
  if( p==0 ) return;
  for(int i=0; i<p->nChild; i++) node_free(p->apChild[i]);
  free(p->apChild);
  free(p->zText);
  free(p);
}

/* An AND, OR or NEAR with one child is that child; with none, nothing. */
static QueryNode *node_simplify(QueryNode *p){
  if( p->nChild>1 ) return p;
  QueryNode *pOnly = p->nChild ? p->apChild[0] : 0;
  p->nChild = 0;
  node_free(p);
  return pOnly;
}

/* -------------------------------------------------------------- parser */

typedef struct Parser {
  Query *q;
  Token *a;
  int i;                  /* the next token */
  int nTerm;
  Err *err;
} Parser;

static Token *peek(Parser *p, int iAhead){ return &p->a[p->i + iAhead]; }
static int tok_pos(Parser *p, const Token *t){ return char_pos(p->q->zText, t->iByte); }

/* Can a token of type t begin a term (what follows a NOT, OR or NEAR)? */
static int starts_term(TokType t){
  return t==T_WORD || t==T_PHRASE || t==T_PREFIX || t==T_LP || t==T_NOT
      || t==T_FILTER || t==T_NEAR;
}

static QueryNode *parse_and(Parser *p, int iDepth);

/* A word, phrase, prefix, filter or group; NULL when it is empty (a
** phrase of punctuation, "()") or on error (p->err set). */
static QueryNode *parse_primary(Parser *p, int iDepth){
  Token *t = peek(p, 0);
  const char *z = p->q->zText;
  p->i++;
  if( t->type==T_LP ){
    if( iDepth>=QUERY_MAX_DEPTH ){
      err_set(p->err, "too many nested parentheses at position %d (at most %d)",
              tok_pos(p, t), QUERY_MAX_DEPTH);
      return 0;
    }
    QueryNode *pGroup = parse_and(p, iDepth+1);
    if( p->err->set ){
      node_free(pGroup);
      return 0;
    }
    if( peek(p, 0)->type!=T_RP ){
      node_free(pGroup);
      err_set(p->err, "unclosed parenthesis at position %d", tok_pos(p, t));
      return 0;
    }
    p->i++;
    return pGroup;
  }
  if( t->type==T_FILTER ){
    QueryNode *pNode = node_new(QUERY_FILTER, tok_pos(p, t));
    Query *q = p->q;
    q->aFilter = xrealloc(q->aFilter, (q->nFilter+1)*sizeof(QueryFilter));
    QueryFilter *f = &q->aFilter[q->nFilter];
    f->key = t->key;
    f->iPos = pNode->iPos;
    f->zValue = xrealloc(0, t->nText+1);
    memcpy(f->zValue, &z[t->iText], t->nText);
    f->zValue[t->nText] = 0;
    for(char *zc=f->zValue; *zc; zc++) if( *zc=='_' ) *zc = ' ';
    pNode->nNear = q->nFilter++;
    return pNode;
  }
  /* a word, phrase or prefix (a NEAR where no NEAR can be is a word) */
  if( !has_word_char(&z[t->iText], t->nText) ) return 0;
  if( ++p->nTerm > QUERY_MAX_TERMS ){
    err_set(p->err, "too many words in the query (at most %d)", QUERY_MAX_TERMS);
    return 0;
  }
  QueryOp op = t->type==T_PHRASE ? QUERY_PHRASE : t->type==T_PREFIX ? QUERY_PREFIX : QUERY_WORD;
  QueryNode *pNode = node_new(op, tok_pos(p, t));
  pNode->zText = xrealloc(0, t->nText+1);
  memcpy(pNode->zText, &z[t->iText], t->nText);
  pNode->zText[t->nText] = 0;
  pNode->iByte = t->iText;
  pNode->nByte = t->nText;
  return pNode;
}

/* [- or NOT]... primary.  An even number of negations cancels out. */
static QueryNode *parse_unary(Parser *p, int iDepth){
  int nNot = 0, iPos = 0;
  while( peek(p, 0)->type==T_NOT && starts_term(peek(p, 1)->type) ){
    if( nNot++==0 ) iPos = tok_pos(p, peek(p, 0));
    p->i++;
  }
  if( peek(p, 0)->type==T_NOT ){
    p->i++;                           /* a NOT with nothing after it */
    return 0;
  }
  QueryNode *pChild = parse_primary(p, iDepth);
  if( pChild==0 || nNot%2==0 ) return pChild;
  QueryNode *pNot = node_new(QUERY_NOT, iPos);
  node_add(pNot, pChild);
  return pNot;
}

static int is_term(const QueryNode *p){
  return p && (p->op==QUERY_WORD || p->op==QUERY_PHRASE || p->op==QUERY_PREFIX);
}

/* unary [NEAR[/n] unary]...  A NEAR with no term after it is read as
** the word "near" by the next primary. */
static QueryNode *parse_near(Parser *p, int iDepth){
  QueryNode *pLeft = parse_unary(p, iDepth);
  QueryNode *pNear = 0;
  while( !p->err->set && peek(p, 0)->type==T_NEAR && starts_term(peek(p, 1)->type)
      && peek(p, 1)->type!=T_NEAR ){
    Token *t = peek(p, 0);
    p->i++;
    QueryNode *pRight = parse_unary(p, iDepth);
    if( p->err->set ){
      node_free(pRight);
      break;
    }
    if( !is_term(pRight) || (pNear==0 && !is_term(pLeft)) ){
      err_set(p->err, "NEAR needs a word or a \"phrase\" on each side (position %d)",
              tok_pos(p, t));
      node_free(pRight);
      break;
    }
    if( pNear==0 ){
      pNear = node_new(QUERY_NEAR, pLeft->iPos);
      node_add(pNear, pLeft);
      pNear->nNear = t->nNear;
      pLeft = pNear;
    }
    /* a chain "a NEAR/2 b NEAR/8 c" is one group within the largest */
    if( t->nNear > pNear->nNear ) pNear->nNear = t->nNear;
    node_add(pNear, pRight);
  }
  if( p->err->set ){
    node_free(pLeft);
    return 0;
  }
  return pLeft;
}

/* near [OR near]...  A dangling OR is dropped. */
static QueryNode *parse_or(Parser *p, int iDepth){
  QueryNode *pFirst = parse_near(p, iDepth);
  QueryNode *pOr = 0;
  while( !p->err->set && peek(p, 0)->type==T_OR ){
    int iPos = tok_pos(p, peek(p, 0));
    p->i++;
    if( !starts_term(peek(p, 0)->type) ) continue;
    QueryNode *pNext = parse_near(p, iDepth);
    if( pNext==0 ) continue;
    if( pFirst==0 ){
      pFirst = pNext;
      continue;
    }
    if( pOr==0 ){
      pOr = node_new(QUERY_OR, iPos);
      node_add(pOr, pFirst);
      pFirst = pOr;
    }
    node_add(pOr, pNext);
  }
  if( p->err->set ){
    node_free(pFirst);
    return 0;
  }
  return pFirst;
}

/* or [[AND] or]... up to ")" or the end.  Always an AND node (maybe
** empty); the caller simplifies. */
static QueryNode *parse_and(Parser *p, int iDepth){
  QueryNode *pAnd = node_new(QUERY_AND, tok_pos(p, peek(p, 0)));
  for(;;){
    TokType t = peek(p, 0)->type;
    if( t==T_END || t==T_RP ) break;
    if( t==T_AND || t==T_OR ){
      p->i++;                         /* AND is implied; a leading OR means nothing */
      continue;
    }
    QueryNode *pNode = parse_or(p, iDepth);
    if( p->err->set ){
      node_free(pNode);
      break;
    }
    node_add(pAnd, pNode);
  }
  return pAnd;
}

/* ---------------------------------------------------- shaping the tree */

/* Takes the filters out of the tree, in place: a filter anywhere under
** ANDs applies to the whole query; an OR of filters of one key is the
** same as writing them side by side (values of one key are alternatives);
** anything else cannot be said.  Intersects the date filters.  Empty
** ANDs and ORs collapse.  Returns the new p, or NULL; on error sets err. */
static QueryNode *lift_filters(Query *q, QueryNode *p, int bFree, Err *err){
  if( p==0 ) return 0;
  if( p->op==QUERY_FILTER ){
    QueryFilter *f = &q->aFilter[p->nNear];
    if( !bFree ){
      err_set(err, "a filter applies to the whole query: %s: cannot be inside OR, NEAR or NOT "
              "(position %d)", key_name(f->key), f->iPos);
    }else if( f->key==QUERY_DATE ){
      QueryDates d;
      if( query_dates(f->zValue, &d) ){
        err_set(err, "bad date \"%s\" at position %d (use 2021, 2021-03, 2021-03-01, "
                "2021..2023 or >2020)", f->zValue, f->iPos);
      }else{
        if( strcmp(d.zFrom, q->dates.zFrom)>0 ) memcpy(q->dates.zFrom, d.zFrom, 11);
        if( d.zTo[0] && (!q->dates.zTo[0] || strcmp(d.zTo, q->dates.zTo)<0) ){
          memcpy(q->dates.zTo, d.zTo, 11);
        }
      }
    }
    node_free(p);
    return 0;
  }
  int bChildFree = 0;
  if( p->op==QUERY_AND ){
    bChildFree = bFree;
  }else if( p->op==QUERY_OR && bFree ){
    /* free when every child is a filter of one key other than date */
    bChildFree = 1;
    for(int i=0; i<p->nChild; i++){
      QueryNode *c = p->apChild[i];
      if( c->op!=QUERY_FILTER || q->aFilter[c->nNear].key==QUERY_DATE
       || q->aFilter[c->nNear].key!=q->aFilter[p->apChild[0]->nNear].key ){
        bChildFree = 0;
      }
    }
  }
  int j = 0;
  for(int i=0; i<p->nChild; i++){
    QueryNode *c = lift_filters(q, p->apChild[i], bChildFree, err);
    if( c ) p->apChild[j++] = c;
  }
  p->nChild = j;
  if( err->set ){
    node_free(p);
    return 0;
  }
  return p->op==QUERY_AND || p->op==QUERY_OR ? node_simplify(p) : p;
}

/* Merges ANDs into the AND above them and ORs into the OR above. */
static void flatten(QueryNode *p){
  for(int i=0; i<p->nChild; i++){
    QueryNode *c = p->apChild[i];
    flatten(c);
    if( c->op==p->op && (p->op==QUERY_AND || p->op==QUERY_OR) ){
      int n = p->nChild - 1 + c->nChild;
      QueryNode **a = xrealloc(0, n*sizeof(QueryNode*));
      memcpy(a, p->apChild, i*sizeof(QueryNode*));
      memcpy(a+i, c->apChild, c->nChild*sizeof(QueryNode*));
      memcpy(a+i+c->nChild, p->apChild+i+1, (p->nChild-i-1)*sizeof(QueryNode*));
      free(p->apChild);
      p->apChild = a;
      p->nChild = n;
      i += c->nChild - 1;
      c->nChild = 0;
      node_free(c);
    }
  }
}

/* Does the AND p have a child that is not a NOT? */
static int and_has_positive(const QueryNode *p){
  for(int i=0; i<p->nChild; i++) if( p->apChild[i]->op!=QUERY_NOT ) return 1;
  return 0;
}

/* FTS5 excludes only from what something else matches: a NOT must be the
** child of an AND that also has a term to match (the top-level AND may
** have none: then the query's filters say what to exclude from). */
static int check_not(const QueryNode *p, const QueryNode *pParent, Err *err){
  if( p->op==QUERY_NOT && (pParent==0 || pParent->op!=QUERY_AND) ){
    return err_set(err, "\"-\" or NOT cannot be inside OR or NEAR (position %d)", p->iPos);
  }
  if( p->op==QUERY_AND && pParent && !and_has_positive(p) ){
    return err_set(err, "nothing to exclude from at position %d: a group needs a word "
                   "that is not negated", p->iPos);
  }
  for(int i=0; i<p->nChild; i++){
    if( check_not(p->apChild[i], p, err) ) return -1;
  }
  return 0;
}

int query_parse(const char *zQuery, Query **pp, Err *err){
  *pp = 0;
  if( strlen(zQuery)>QUERY_MAX_BYTES ){
    return err_set(err, "query too long (at most %d characters)", QUERY_MAX_BYTES);
  }
  Query *q = xrealloc(0, sizeof *q);
  memset(q, 0, sizeof *q);
  q->zText = clean_copy(zQuery);
  Lexer x = { q->zText, 0, 0, 0, err };
  if( lex(&x) ){
    free(x.a);
    query_free(q);
    return -1;
  }
  Parser p = { q, x.a, 0, 0, err };
  QueryNode *pRoot = parse_and(&p, 0);
  if( !err->set && peek(&p, 0)->type==T_RP ){
    err_set(err, "unmatched \")\" at position %d", tok_pos(&p, peek(&p, 0)));
  }
  free(x.a);
  if( err->set ){
    node_free(pRoot);
    pRoot = 0;
  }else{
    pRoot = lift_filters(q, pRoot, 1, err);
  }
  if( pRoot ){
    flatten(pRoot);
    if( pRoot->op==QUERY_NOT ){
      QueryNode *pAnd = node_new(QUERY_AND, pRoot->iPos);
      node_add(pAnd, pRoot);
      pRoot = pAnd;
    }
  }
  q->pRoot = pRoot;
  if( !err->set && pRoot ) check_not(pRoot, 0, err);
  if( err->set ){
    query_free(q);
    return -1;
  }
  *pp = q;
  return 0;
}

void query_free(Query *q){
  if( q==0 ) return;
  node_free(q->pRoot);
  for(int i=0; i<q->nFilter; i++) free(q->aFilter[i].zValue);
  free(q->aFilter);
  free(q->zText);
  free(q);
}

/* ---------------------------------------------------------------- FTS5 */

/* z[0..n) as the body of an FTS5 string: double quotes doubled. */
static void put_fts_chars(Buf *out, const char *z, size_t n){
  for(size_t i=0; i<n; i++){
    if( z[i]=='"' ) buf_putc(out, '"');
    buf_putc(out, z[i]);
  }
}

void query_fts_term(const QueryNode *p, Buf *out){
  const char *z = p->zText;
  size_t n = strlen(z);
  buf_putc(out, '"');
  if( p->op==QUERY_PHRASE ){
    /* the exact mark before every word, as the tokenizer will cut it */
    int bInWord = 0;
    for(size_t i=0; i<n; ){
      int len;
      int bWord = is_word_char(utf8_decode((const unsigned char*)z+i, n-i, &len));
      if( bWord && !bInWord ) buf_puts(out, EXACT_MARK);
      bInWord = bWord;
      put_fts_chars(out, z+i, len);
      i += len;
    }
  }else{
    put_fts_chars(out, z, n);
  }
  buf_putc(out, '"');
  if( p->op==QUERY_PREFIX ) buf_puts(out, " *");
}

/* Appends the children of p of the kind asked (negated or not), joined
** by zSep; the negated ones without their NOT.  Returns how many. */
static int put_children(const QueryNode *p, int bNegated, const char *zSep, Buf *out){
  int n = 0;
  for(int i=0; i<p->nChild; i++){
    const QueryNode *c = p->apChild[i];
    if( (c->op==QUERY_NOT)!=bNegated ) continue;
    if( n++ ) buf_puts(out, zSep);
    query_fts(bNegated ? c->apChild[0] : c, out);
  }
  return n;
}

void query_fts(const QueryNode *p, Buf *out){
  switch( p->op ){
    case QUERY_WORD: case QUERY_PHRASE: case QUERY_PREFIX:
      query_fts_term(p, out);
      break;
    case QUERY_AND: {
      if( !and_has_positive(p) ) break;
      buf_puts(out, "((");
      put_children(p, 0, " AND ", out);
      buf_putc(out, ')');
      size_t nMark = out->n;
      buf_puts(out, " NOT (");
      if( put_children(p, 1, " OR ", out)==0 ) buf_truncate(out, nMark);
      else buf_putc(out, ')');
      buf_putc(out, ')');
      break;
    }
    case QUERY_OR:
      buf_putc(out, '(');
      put_children(p, 0, " OR ", out);
      buf_putc(out, ')');
      break;
    case QUERY_NEAR:
      buf_puts(out, "NEAR(");
      put_children(p, 0, " ", out);
      buf_appendf(out, ", %d)", p->nNear);
      break;
    case QUERY_NOT: case QUERY_FILTER:
      break;
  }
}

void query_fts_excluded(const QueryNode *p, Buf *out){
  if( p->op==QUERY_NOT ){
    query_fts(p->apChild[0], out);
  }else if( p->op==QUERY_AND && !and_has_positive(p) ){
    buf_putc(out, '(');
    put_children(p, 1, " OR ", out);
    buf_putc(out, ')');
  }
}

void query_dump(const QueryNode *p, Buf *out){
  if( p==0 ) return;
  switch( p->op ){
    case QUERY_WORD: buf_puts(out, p->zText); return;
    case QUERY_PREFIX: buf_appendf(out, "%s*", p->zText); return;
    case QUERY_PHRASE: buf_appendf(out, "\"%s\"", p->zText); return;
    case QUERY_AND: buf_puts(out, "AND("); break;
    case QUERY_OR: buf_puts(out, "OR("); break;
    case QUERY_NOT: buf_puts(out, "NOT("); break;
    case QUERY_NEAR: buf_appendf(out, "NEAR/%d(", p->nNear); break;
    case QUERY_FILTER: buf_puts(out, "FILTER("); break;
  }
  for(int i=0; i<p->nChild; i++){
    if( i ) buf_puts(out, ", ");
    query_dump(p->apChild[i], out);
  }
  buf_putc(out, ')');
}
