/*
** fts_dutch.c — the "dutch" FTS5 tokenizer; see fts_dutch.h for what it
** emits.  Shaped like SQLite's porter tokenizer (ext/fts5/fts5_tokenize.c):
** it owns a unicode61 instance, hands it the text, and rewrites each token
** in a callback whose context lives on the caller's stack.
*/
#include "fts_dutch.h"

#include <libstemmer.h>
#include <string.h>

/* Tokens shorter or longer than this many bytes pass through unstemmed:
** Snowball leaves two-letter words alone anyway, and anything past 64
** bytes is a code, a URL or garbage rather than a Dutch word. */
#define DUTCH_MIN_STEM 3
#define DUTCH_MAX_STEM 64

/* FTS5 cuts every token to FTS5_MAX_TOKEN_SIZE (32768) bytes.  Words are
** cut one byte shorter here, so that the FTS_DUTCH_RAW_END of an exact
** word survives and the two namespaces never meet. */
#define DUTCH_MAX_WORD (32768-1)

#define DUTCH_MARK_LEN 3    /* bytes of FTS_DUTCH_EXACT_MARK */

/*
** Past forms of strong verbs that Snowball cannot bring back to their
** present stem ("besloten" -> "beslot"), mapped to the stem Snowball gives
** the present forms.  Matched against the whole folded word, so compounds
** are not covered.  Keep it small: every entry is a conflation that
** Snowball's rules do not make, and "besloten" is also the adjective
** "closed" ("besloten vergadering"), which this deliberately conflates.
** A change here changes the index: rebuild it (see fts_dutch.h).
*/
static const struct {
  const char *zWord; int nWord;   /* folded word */
  const char *zStem; int nStem;   /* the stem it is indexed and queried as */
} aIrregular[] = {
#define DUTCH_IRREGULAR(W, S) { W, (int)sizeof(W)-1, S, (int)sizeof(S)-1 }
  DUTCH_IRREGULAR("besloot",  "besluit"),
  DUTCH_IRREGULAR("besloten", "besluit"),
#undef DUTCH_IRREGULAR
};

/* Stems of recent words: Snowball costs about a microsecond a word, and
** the words of Dutch minutes repeat (de, het, gemeente, besluit...).
** Direct-mapped by a hash of the folded word; longer words are not kept. */
#define DUTCH_MEMO_SLOTS 2048
#define DUTCH_MEMO_WORD 23

typedef struct DutchMemo {
  unsigned char nWord, nStem;     /* nWord 0: empty */
  char zWord[DUTCH_MEMO_WORD];
  char zStem[DUTCH_MEMO_WORD];
} DutchMemo;

typedef struct DutchTokenizer DutchTokenizer;
struct DutchTokenizer {
  fts5_tokenizer base;            /* unicode61's methods */
  Fts5Tokenizer *pBase;           /* this instance's unicode61 tokenizer */
  struct sb_stemmer *pStemmer;    /* this instance's own Snowball stemmer */
  DutchMemo aMemo[DUTCH_MEMO_SLOTS];
};

/* The state of one xTokenize call, on its stack. */
typedef struct DutchCall DutchCall;
struct DutchCall {
  DutchTokenizer *p;
  void *pCtx;                     /* FTS5's context for xToken */
  int (*xToken)(void*, int, const char*, int, int, int);
  int flags;                      /* FTS5_TOKENIZE_* of this call */
  char *aWord;                    /* the current word, room for one more byte */
  int nAlloc;                     /* size of aWord */
  char aSpace[128];               /* aWord unless a word is longer */
};

/*
** Delete a "dutch" tokenizer.  Accepts NULL and half-built ones.
*/
static void dutchDelete(Fts5Tokenizer *pTok){
  DutchTokenizer *p = (DutchTokenizer*)pTok;
  if( p==0 ) return;
  if( p->pBase ) p->base.xDelete(p->pBase);
  sb_stemmer_delete(p->pStemmer);
  sqlite3_free(p);
}

/*
** Create a "dutch" tokenizer.  pUserData is the connection's fts5_api.
** Returns SQLITE_ERROR if given arguments (the wrapped unicode61 is
** configured here, and the index depends on that configuration),
** SQLITE_NOMEM when out of memory.
*/
static int dutchCreate(
  void *pUserData,
  const char **azArg, int nArg,
  Fts5Tokenizer **ppOut
){
  /* unicode61's default categories already count private-use characters
  ** as letters; "tokenchars" makes sure of the mark whatever they are. */
  static const char *azBaseArg[] = {
    "remove_diacritics", "2",
    "tokenchars", FTS_DUTCH_EXACT_MARK,
  };
  fts5_api *pApi = (fts5_api*)pUserData;
  DutchTokenizer *p = 0;
  void *pBaseData = 0;
  int rc = SQLITE_OK;

  (void)azArg;
  if( nArg>0 ){
    rc = SQLITE_ERROR;
    goto done;
  }
  p = sqlite3_malloc(sizeof(*p));
  if( p==0 ){
    rc = SQLITE_NOMEM;
    goto done;
  }
  memset(p, 0, sizeof(*p));
  rc = pApi->xFindTokenizer(pApi, "unicode61", &pBaseData, &p->base);
  if( rc==SQLITE_OK ){
    rc = p->base.xCreate(pBaseData, azBaseArg,
                         (int)(sizeof(azBaseArg)/sizeof(azBaseArg[0])),
                         &p->pBase);
  }
  if( rc==SQLITE_OK ){
    p->pStemmer = sb_stemmer_new("dutch", "UTF_8");
    if( p->pStemmer==0 ) rc = SQLITE_NOMEM;
  }

done:
  if( rc!=SQLITE_OK ){
    dutchDelete((Fts5Tokenizer*)p);
    p = 0;
  }
  *ppOut = (Fts5Tokenizer*)p;
  return rc;
}

/*
** Copy the token into pCall->aWord without any FTS_DUTCH_EXACT_MARK and
** cut to DUTCH_MAX_WORD bytes, leaving room for one byte more.  The word's
** length goes to *pnWord.  Returns SQLITE_OK or SQLITE_NOMEM.
**
** The mark is a whole character wherever its bytes occur: unicode61 writes
** valid UTF-8, in which 0xEE can only start a character.
*/
/* The first FTS_DUTCH_EXACT_MARK in z[0..n), or NULL: memchr() for its
** first byte, as memmem() costs more than a short token to set up. */
static const char *dutchFindMark(const char *z, size_t n){
  const char *zEnd = z + n;
  while( (z = memchr(z, FTS_DUTCH_EXACT_MARK[0], zEnd-z))!=0 ){
    if( zEnd-z>=DUTCH_MARK_LEN && memcmp(z, FTS_DUTCH_EXACT_MARK, DUTCH_MARK_LEN)==0 ) return z;
    z++;
  }
  return 0;
}

static int dutchCopyWord(
  DutchCall *pCall,
  const char *pToken, int nToken,
  int *pnWord
){
  const char *z = pToken;
  const char *zEnd = pToken + nToken;
  int nNeed = (nToken<DUTCH_MAX_WORD ? nToken : DUTCH_MAX_WORD) + 1;
  int nWord = 0;

  if( nNeed>pCall->nAlloc ){
    char *aNew = sqlite3_malloc(nNeed*2);
    if( aNew==0 ) return SQLITE_NOMEM;
    if( pCall->aWord!=pCall->aSpace ) sqlite3_free(pCall->aWord);
    pCall->aWord = aNew;
    pCall->nAlloc = nNeed*2;
  }
  while( z<zEnd && nWord<DUTCH_MAX_WORD ){
    const char *zMark = dutchFindMark(z, zEnd-z);
    int n = (int)((zMark ? zMark : zEnd) - z);
    if( n>DUTCH_MAX_WORD-nWord ) n = DUTCH_MAX_WORD-nWord;
    memcpy(&pCall->aWord[nWord], z, n);
    nWord += n;
    z += n + (zMark ? DUTCH_MARK_LEN : 0);
  }
  *pnWord = nWord;
  return SQLITE_OK;
}

/*
** Set *pzStem, *pnStem to the stem of the folded word zWord: from
** aIrregular[], from Snowball, or the word itself if it is too short or
** too long to stem.  The stem may live in the stemmer or in p's memo,
** valid until the next call.  Returns SQLITE_OK or SQLITE_NOMEM.
*/
static int dutchStem(
  DutchTokenizer *p,
  const char *zWord, int nWord,
  const char **pzStem, int *pnStem
){
  const sb_symbol *zStem;

  *pzStem = zWord;
  *pnStem = nWord;
  if( nWord<DUTCH_MIN_STEM || nWord>DUTCH_MAX_STEM ) return SQLITE_OK;
  for(size_t i=0; i<sizeof(aIrregular)/sizeof(aIrregular[0]); i++){
    if( aIrregular[i].nWord==nWord
     && memcmp(aIrregular[i].zWord, zWord, nWord)==0 ){
      *pzStem = aIrregular[i].zStem;
      *pnStem = aIrregular[i].nStem;
      return SQLITE_OK;
    }
  }
  DutchMemo *m = 0;
  if( nWord<=DUTCH_MEMO_WORD ){
    unsigned h = 2166136261u;
    for(int i=0; i<nWord; i++) h = (h ^ (unsigned char)zWord[i])*16777619u;
    m = &p->aMemo[h % DUTCH_MEMO_SLOTS];
    if( m->nWord==nWord && memcmp(m->zWord, zWord, nWord)==0 ){
      *pzStem = m->zStem;
      *pnStem = m->nStem;
      return SQLITE_OK;
    }
  }
  zStem = sb_stemmer_stem(p->pStemmer, (const sb_symbol*)zWord, nWord);
  if( zStem==0 ) return SQLITE_NOMEM;
  *pzStem = (const char*)zStem;
  *pnStem = sb_stemmer_length(p->pStemmer);
  if( m && *pnStem<=DUTCH_MEMO_WORD ){
    m->nWord = (unsigned char)nWord;
    memcpy(m->zWord, zWord, nWord);
    m->nStem = (unsigned char)*pnStem;
    memcpy(m->zStem, zStem, *pnStem);
  }
  return SQLITE_OK;
}

/*
** unicode61's token callback: emit what fts_dutch.h promises for one
** folded token.  A token that is nothing but marks emits nothing.
*/
static int dutchTokenCb(
  void *pArg,
  int tflags,
  const char *pToken, int nToken,
  int iStart, int iEnd
){
  DutchCall *pCall = (DutchCall*)pArg;
  int bQuery = (pCall->flags & FTS5_TOKENIZE_QUERY)!=0;
  int bExact = bQuery && nToken>=DUTCH_MARK_LEN
            && memcmp(pToken, FTS_DUTCH_EXACT_MARK, DUTCH_MARK_LEN)==0;
  const char *zStem;
  int nStem;
  int nWord;
  int rc;

  rc = dutchCopyWord(pCall, pToken, nToken, &nWord);
  if( rc!=SQLITE_OK || nWord==0 ) return rc;
  if( bQuery && (pCall->flags & FTS5_TOKENIZE_PREFIX) ){
    return pCall->xToken(pCall->pCtx, tflags, pCall->aWord, nWord,
                         iStart, iEnd);
  }
  pCall->aWord[nWord] = FTS_DUTCH_RAW_END;
  if( bExact ){
    return pCall->xToken(pCall->pCtx, tflags, pCall->aWord, nWord+1,
                         iStart, iEnd);
  }
  rc = dutchStem(pCall->p, pCall->aWord, nWord, &zStem, &nStem);
  if( rc==SQLITE_OK ){
    rc = pCall->xToken(pCall->pCtx, tflags, zStem, nStem, iStart, iEnd);
  }
  if( rc==SQLITE_OK && !bQuery ){
    rc = pCall->xToken(pCall->pCtx, tflags|FTS5_TOKEN_COLOCATED,
                       pCall->aWord, nWord+1, iStart, iEnd);
  }
  return rc;
}

/*
** Tokenize text for FTS5.  Document and aux (highlight, snippet) text are
** treated alike, so positions agree; the colocated exact words do not
** advance the position.
*/
static int dutchTokenize(
  Fts5Tokenizer *pTok,
  void *pCtx,
  int flags,
  const char *pText, int nText,
  int (*xToken)(void*, int, const char*, int, int, int)
){
  DutchTokenizer *p = (DutchTokenizer*)pTok;
  DutchCall call;
  int rc;

  call.p = p;
  call.pCtx = pCtx;
  call.xToken = xToken;
  call.flags = flags;
  call.aWord = call.aSpace;
  call.nAlloc = (int)sizeof(call.aSpace);
  rc = p->base.xTokenize(p->pBase, &call, flags, pText, nText, dutchTokenCb);
  if( call.aWord!=call.aSpace ) sqlite3_free(call.aWord);
  return rc;
}

int fts_dutch_register(sqlite3 *db){
  fts5_tokenizer tokenizer = { dutchCreate, dutchDelete, dutchTokenize };
  fts5_api *pApi = 0;
  sqlite3_stmt *pStmt = 0;
  int rc;

  /* The documented way to reach FTS5's C API from outside it. */
  rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0);
  if( rc==SQLITE_OK ){
    sqlite3_bind_pointer(pStmt, 1, (void*)&pApi, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
    rc = sqlite3_finalize(pStmt);
  }
  if( rc==SQLITE_OK && pApi==0 ) rc = SQLITE_ERROR;
  if( rc==SQLITE_OK ){
    rc = pApi->xCreateTokenizer(pApi, "dutch", pApi, &tokenizer, 0);
  }
  return rc;
}
