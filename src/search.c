/*
** search.c — running a query on the archive; see search.h.
**
**   1. parse the query (query.c) and resolve the filters to ids;
**   2. one pass over the matching passages: each is mapped to its
**      document through an in-memory cache of the archive's documents
**      (below), and each document keeps its best passage's rank.  The
**      passages come from FTS5, or, with a term cache (postings.h), from
**      each term's passages held in memory and combined here, ranked
**      exactly as FTS5's pass ranks them;
**   3. every word must occur in one passage (a word of the title is in
**      every passage of its document); when that finds few documents
**      (SEARCH_FEW), a word that matches nothing is replaced by a
**      frequent word one or two edits away, and if that is not enough the
**      words are OR'ed and counted per document, so that documents with
**      all the words anywhere come first, then those with most of them.
**      Quoted phrases, prefixes, NEAR, OR and negations are never relaxed
**      or corrected;
**   4. "-word" leaves out the documents with the word in any passage;
**   5. the total and the facets are counted over all documents found, the
**      page is picked with a heap, and only its passages get snippets.
**
** User text reaches FTS5 only as FTS5 strings (query.c) and SQL only as
** bound values: every SQL text here is made of fixed pieces.
*/
#include "search.h"
#include "buf.h"
#include "fts_dutch.h"
#include "html.h"
#include "postings.h"
#include "query.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SEARCH_FEW 3             /* fewer documents than this: try harder */
#define SEARCH_WORDS_MAX 16      /* plain words relaxation looks at */
#define CORRECT_WORDS_MAX 8      /* words one search tries to correct */
#define CORRECT_SCAN_MAX 20000   /* vocabulary terms read per correction */
#define CORRECT_MIN 3            /* passages a correction is in at least */
#define SUGGEST_RATIO 20         /* "did you mean": that many times as frequent */
#define SNIPPET_TOKENS 24
#define BROWSE_SNIPPET 200       /* bytes of text shown when nothing is matched */

#define DECISION_FACTOR 1.5      /* a decision passage ranks that much higher */

/* --------------------------------------------------------------- arena */

/* The strings and arrays of one SearchResult, freed together. */
typedef struct SearchArena SearchArena;
struct SearchArena {
  SearchArena *pNext;
  size_t n, cap;           /* bytes used and available after the header */
};

static void *arena_alloc(SearchResult *r, size_t n){
  n = (n + 15) & ~(size_t)15;
  SearchArena *p = r->pArena;
  if( p==0 || p->cap - p->n < n ){
    size_t cap = n > 16384 ? n : 16384;
    SearchArena *pNew = xrealloc(0, sizeof *pNew + cap);
    pNew->pNext = p;
    pNew->n = 0;
    pNew->cap = cap;
    r->pArena = p = pNew;
  }
  void *v = (char*)(p+1) + p->n;
  p->n += n;
  return v;
}

static const char *arena_strndup(SearchResult *r, const char *z, size_t n){
  char *zNew = arena_alloc(r, n+1);
  memcpy(zNew, z, n);
  zNew[n] = 0;
  return zNew;
}

static const char *arena_strdup(SearchResult *r, const char *z){
  return z ? arena_strndup(r, z, strlen(z)) : 0;
}

void search_result_free(SearchResult *r){
  SearchArena *p = r->pArena;
  while( p ){
    SearchArena *pNext = p->pNext;
    free(p);
    p = pNext;
  }
  memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------- names, typos */

/* Appends z folded for comparing names and words: ASCII lower-cased,
** the Latin-1 letters without their accents (as unicode61 folds them);
** with bAlnum, only letters and digits are kept, so that "BO-Wonen",
** "bo_wonen" and "BO Wonen" are one name. */
static void fold(const char *z, int bAlnum, Buf *out){
  /* U+00C0..U+00FF; '_' is no letter */
  static const char zLatin1[] =
    "aaaaaaaceeeeiiiidnooooo_ouuuuytsaaaaaaaceeeeiiiidnooooo_ouuuuyty";
  const unsigned char *p = (const unsigned char*)z;
  while( *p ){
    if( p[0]==0xC3 && p[1]>=0x80 && p[1]<=0xBF ){
      char c = zLatin1[p[1]-0x80];
      if( c!='_' ) buf_putc(out, c);
      p += 2;
    }else if( *p<0x80 ){
      if( !bAlnum || isalnum(*p) ) buf_putc(out, tolower(*p));
      p++;
    }else{
      buf_putc(out, *p++);
    }
  }
}

/* The optimal-string-alignment distance (edits: insert, delete, replace,
** swap two neighbours) of a[0..na) and b[0..nb), or nMax+1 when it is
** larger than nMax. */
static int edit_distance(const char *a, int na, const char *b, int nb, int nMax){
  if( na-nb > nMax || nb-na > nMax ) return nMax+1;
  if( na>64 || nb>64 ) return nMax+1;
  int d[66][66];
  for(int i=0; i<=na; i++) d[i][0] = i;
  for(int j=0; j<=nb; j++) d[0][j] = j;
  int nPrevMin = 0;
  for(int i=1; i<=na; i++){
    int nRowMin = nMax+1;
    for(int j=1; j<=nb; j++){
      int v = d[i-1][j-1] + (a[i-1]!=b[j-1]);
      if( d[i-1][j]+1 < v ) v = d[i-1][j]+1;
      if( d[i][j-1]+1 < v ) v = d[i][j-1]+1;
      if( i>1 && j>1 && a[i-1]==b[j-2] && a[i-2]==b[j-1] && d[i-2][j-2]+1 < v ){
        v = d[i-2][j-2]+1;
      }
      d[i][j] = v;
      if( v<nRowMin ) nRowMin = v;
    }
    /* a swap reaches back two rows: both must be past nMax */
    if( nRowMin>nMax && nPrevMin>nMax ) return nMax+1;
    nPrevMin = nRowMin;
  }
  return d[na][nb]<=nMax ? d[na][nb] : nMax+1;
}

/* -------------------------------------------------- the document cache */

/*
** What search needs of every document, in memory: its filter and facet
** values and which passage ids are its own.  Reading a passage's document
** from SQLite costs a B-tree lookup per matching passage (about 100 ms
** for a common word on 20,000 documents); from here it is an array step.
** One cache per connection, made on the first search and made again when
** the search generation moved on (schema version 11: a counter that the
** changes to what search reads move, and nothing else), or after a search
** inside a caller's transaction, whose changes may yet be rolled back.
** It hangs on the connection as the user
** data of the SQL function search_cache(), so it is freed when the
** connection closes, and a connection (one thread at a time) is never
** shared between searches running at once.
*/

typedef struct Named {
  int id;
  char *zName;             /* as stored */
  char *zKind;             /* bodies: BORA, BO, AO ...; else NULL */
  Buf fName, fFull;        /* folded name and full name (fold(..., 1)) */
} Named;

typedef struct NameTable { Named *a; int n; int iMax; } NameTable;

typedef struct DocSlot {
  sqlite3_int64 id;
  sqlite3_int64 iFirst, iLast;   /* its lowest and highest passage id */
  int iBody, iTopic;             /* ids; 0: none */
  int iDate;                     /* YYYYMMDD; 0: none */
  int iKind;                     /* index in azKind; -1: none */
} DocSlot;

/* A document's best passages in a scan, best first; ids 0 past the last. */
typedef struct TopPassages {
  sqlite3_int64 aId[SEARCH_PASSAGES];
  double aScore[SEARCH_PASSAGES];
} TopPassages;

typedef struct PassageRange { sqlite3_int64 iFirst, iLast; int iSlot; } PassageRange;

/* A document found: its slot and how it ranks. */
typedef struct Hit {
  int iSlot;
  int nWord;               /* words it has (relaxed), else 0 */
  double score;
  sqlite3_uint64 mask;
} Hit;


typedef struct SearchCache {
  int bBuilt;
  sqlite3_int64 iGeneration;         /* what it was built from */
  int bProvisional;                  /* built inside a caller's transaction */
  DocSlot *aDoc;                     /* by document id */
  int nDoc;
  PassageRange *aRange;              /* by iFirst; passages of one document are
                                     ** one range unless the import interleaved */
  int nRange;
  sqlite3_int64 *aDecision;          /* decision passages, ascending */
  int nDecision;
  int bMunicipality;                 /* document_municipality exists */
  int *aOrgStart, *aOrg;             /* slot i's municipalities:
                                     ** aOrg[aOrgStart[i] .. aOrgStart[i+1]) */
  int *aCombo, *aComboSlot, nCombo;  /* slot i's facet values (body, topic,
                                     ** kind, year, municipalities) are combination
                                     ** aCombo[i], those of slot aComboSlot[aCombo[i]] */
  char **azKind;                     /* the document kinds seen */
  int nKind;
  int iMinYear, iMaxYear;
  NameTable body, topic, org;
  /* one search's scratch, by slot: its best passages, seen in this scan
  ** (iScan), left out by this search (iSearch) */
  TopPassages *aTop;
  Hit *aHit;                         /* at most one per slot */
  int *aSeenSlot;                    /* a scan's slots in the order seen */
  sqlite3_uint64 *aMask;
  unsigned *aSeen, *aOut;
  unsigned iScan, iSearch;
  /* kept across rebuilds: the Dutch tokenizer that marks snippets */
  struct CacheKeep {
    fts5_tokenizer tok;
    Fts5Tokenizer *pTok;
  } keep;
} SearchCache;

static void names_clear(NameTable *t){
  for(int i=0; i<t->n; i++){
    free(t->a[i].zName);
    free(t->a[i].zKind);
    buf_release(&t->a[i].fName);
    buf_release(&t->a[i].fFull);
  }
  free(t->a);
  memset(t, 0, sizeof *t);
}

static void cache_clear(SearchCache *c){
  free(c->aDoc);
  free(c->aRange);
  free(c->aDecision);
  free(c->aOrgStart);
  free(c->aOrg);
  free(c->aCombo);
  free(c->aComboSlot);
  for(int i=0; i<c->nKind; i++) free(c->azKind[i]);
  free(c->azKind);
  names_clear(&c->body);
  names_clear(&c->topic);
  names_clear(&c->org);
  free(c->aTop);
  free(c->aHit);
  free(c->aSeenSlot);
  free(c->aMask);
  free(c->aSeen);
  free(c->aOut);
  struct CacheKeep keep = c->keep;
  memset(c, 0, sizeof *c);
  c->keep = keep;
}

static void cache_destroy(void *p){
  SearchCache *c = p;
  if( c ){
    cache_clear(c);
    if( c->keep.pTok ) c->keep.tok.xDelete(c->keep.pTok);
  }
  free(c);
}

/* search_cache(P): writes the connection's cache into the SearchCache*
** that P points to (a pointer bound by cache_of()). */
static void cache_function(sqlite3_context *ctx, int nArg, sqlite3_value **apArg){
  SearchCache **pp = sqlite3_value_pointer(apArg[0], "overleg_search_cache");
  if( pp ) *pp = sqlite3_user_data(ctx);
}

/* The cache of db, made (empty) on first use; NULL when out of memory. */
static SearchCache *cache_of(sqlite3 *db){
  SearchCache *c = 0;
  sqlite3_stmt *st = 0;
  if( sqlite3_prepare_v2(db, "SELECT search_cache(?1)", -1, &st, 0)==SQLITE_OK ){
    sqlite3_bind_pointer(st, 1, (void*)&c, "overleg_search_cache", 0);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  if( c ) return c;
  c = xrealloc(0, sizeof *c);
  memset(c, 0, sizeof *c);
  /* on failure SQLite calls cache_destroy itself */
  if( sqlite3_create_function_v2(db, "search_cache", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, c,
                                 cache_function, 0, 0, cache_destroy)!=SQLITE_OK ){
    return 0;
  }
  return c;
}

/* The slot of document id, or -1. */
static int slot_of_doc(const SearchCache *c, sqlite3_int64 id){
  int lo = 0, hi = c->nDoc - 1;
  while( lo<=hi ){
    int mid = (lo+hi)/2;
    if( c->aDoc[mid].id==id ) return mid;
    if( c->aDoc[mid].id<id ) lo = mid+1; else hi = mid-1;
  }
  return -1;
}

/* The first index at or after lo in a[0..n) whose value is >= v, found by
** galloping: searches step through ascending ids, mostly a short way. */
#define GALLOP(a, n, lo, v, VALUE) do{                                   \
  int hi_ = lo, step_ = 1;                                              \
  while( hi_<n && VALUE(a, hi_)<v ){ lo = hi_+1; hi_ += step_; step_ *= 2; } \
  if( hi_>n ) hi_ = n;                                                  \
  while( lo<hi_ ){                                                      \
    int mid_ = lo + (hi_-lo)/2;                                         \
    if( VALUE(a, mid_)<v ) lo = mid_+1; else hi_ = mid_;                \
  }                                                                     \
}while(0)
#define RANGE_LAST(a, i) ((a)[i].iLast)
#define ELEMENT(a, i) ((a)[i])

/* The slot whose passages hold passage id, or -1.  *piHint is the range
** found last: matches come in ascending order, so it is that range or one
** a little further. */
static int slot_of_passage(const SearchCache *c, sqlite3_int64 id, int *piHint){
  int i = *piHint;
  if( i>=c->nRange || c->aRange[i].iFirst>id ) i = 0;   /* went back */
  GALLOP(c->aRange, c->nRange, i, id, RANGE_LAST);
  if( i==c->nRange || c->aRange[i].iFirst>id ) return -1;
  *piHint = i;
  return c->aRange[i].iSlot;
}

/* Is passage id a decision?  *piHint as for slot_of_passage(). */
static int is_decision(const SearchCache *c, sqlite3_int64 id, int *piHint){
  int i = *piHint;
  if( i>0 && i<=c->nDecision && c->aDecision[i-1]>=id ) i = 0;   /* went back */
  GALLOP(c->aDecision, c->nDecision, i, id, ELEMENT);
  *piHint = i;
  return i<c->nDecision && c->aDecision[i]==id;
}

static int cmp_range(const void *a, const void *b){
  sqlite3_int64 x = ((const PassageRange*)a)->iFirst, y = ((const PassageRange*)b)->iFirst;
  return x<y ? -1 : x>y;
}

/* YYYYMMDD of an ISO date, 0 when it is none. */
static int date_number(const char *z){
  if( z==0 || strlen(z)<10 || z[4]!='-' || z[7]!='-' ) return 0;
  for(int i=0; i<10; i++) if( i!=4 && i!=7 && !isdigit((unsigned char)z[i]) ) return 0;
  return atoi(z)*10000 + atoi(z+5)*100 + atoi(z+8);
}

/* The index in c->azKind of kind z, added when new; -1 for NULL. */
static int kind_index(SearchCache *c, const char *z){
  if( z==0 ) return -1;
  for(int i=0; i<c->nKind; i++) if( strcmp(c->azKind[i], z)==0 ) return i;
  c->azKind = xrealloc(c->azKind, (c->nKind+1)*sizeof(char*));
  c->azKind[c->nKind] = xstrdup(z);
  return c->nKind++;
}

/* What the row callbacks of cache_build() work on. */
typedef struct Build {
  sqlite3 *db;
  SearchCache *c;
  NameTable *pNames;       /* row_name() */
  int nOrg;                /* row_org(): municipalities placed */
  Err *err;
} Build;

/* Runs zSql, calling xRow for each row. */
static int cache_query(Build *b, const char *zSql, int (*xRow)(Build*, sqlite3_stmt*)){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(b->db, zSql, -1, &st, 0)!=SQLITE_OK ){
    return err_internal(b->err, "search failed: %s", sqlite3_errmsg(b->db));
  }
  int rc = 0;
  while( rc==0 && sqlite3_step(st)==SQLITE_ROW ) rc = xRow(b, st);
  if( sqlite3_finalize(st)!=SQLITE_OK && rc==0 ){
    rc = err_internal(b->err, "search failed: %s", sqlite3_errmsg(b->db));
  }
  return rc;
}

static int row_doc(Build *b, sqlite3_stmt *st){
  SearchCache *c = b->c;
  c->aDoc = grow_array(c->aDoc, c->nDoc, sizeof(DocSlot));
  DocSlot *d = &c->aDoc[c->nDoc++];
  d->id = sqlite3_column_int64(st, 0);
  d->iBody = sqlite3_column_int(st, 1);
  d->iTopic = sqlite3_column_int(st, 2);
  d->iKind = kind_index(c, (const char*)sqlite3_column_text(st, 3));
  d->iDate = date_number((const char*)sqlite3_column_text(st, 4));
  d->iFirst = 1;
  d->iLast = 0;
  int y = d->iDate/10000;
  if( y && (c->iMinYear==0 || y<c->iMinYear) ) c->iMinYear = y;
  if( y>c->iMaxYear ) c->iMaxYear = y;
  return 0;
}

static void add_range(SearchCache *c, sqlite3_int64 iFirst, sqlite3_int64 iLast, int iSlot){
  c->aRange = grow_array(c->aRange, c->nRange, sizeof(PassageRange));
  c->aRange[c->nRange].iFirst = iFirst;
  c->aRange[c->nRange].iLast = iLast;
  c->aRange[c->nRange++].iSlot = iSlot;
}

/* Rows (document_id, min id, max id, count): one range per document,
** or the runs of one whose passage ids are not one range. */
static int row_range(Build *b, sqlite3_stmt *st){
  SearchCache *c = b->c;
  int iSlot = slot_of_doc(c, sqlite3_column_int64(st, 0));
  if( iSlot<0 ) return 0;
  sqlite3_int64 iFirst = sqlite3_column_int64(st, 1), iLast = sqlite3_column_int64(st, 2);
  DocSlot *d = &c->aDoc[iSlot];
  d->iFirst = iFirst;
  d->iLast = iLast;
  if( iLast-iFirst+1==sqlite3_column_int64(st, 3) ){
    add_range(c, iFirst, iLast, iSlot);
    return 0;
  }
  sqlite3_stmt *pRun;
  if( sqlite3_prepare_v2(b->db, "SELECT id FROM passage WHERE document_id=?1 ORDER BY id",
                         -1, &pRun, 0)!=SQLITE_OK ){
    return err_internal(b->err, "search failed: %s", sqlite3_errmsg(b->db));
  }
  sqlite3_bind_int64(pRun, 1, d->id);
  while( sqlite3_step(pRun)==SQLITE_ROW ){
    sqlite3_int64 id = sqlite3_column_int64(pRun, 0);
    PassageRange *r = c->nRange ? &c->aRange[c->nRange-1] : 0;
    if( r && r->iSlot==iSlot && r->iLast==id-1 ) r->iLast = id;
    else add_range(c, id, id, iSlot);
  }
  return sqlite3_finalize(pRun)==SQLITE_OK ? 0
       : err_internal(b->err, "search failed: %s", sqlite3_errmsg(b->db));
}

static int row_decision(Build *b, sqlite3_stmt *st){
  SearchCache *c = b->c;
  c->aDecision = grow_array(c->aDecision, c->nDecision, sizeof(sqlite3_int64));
  c->aDecision[c->nDecision++] = sqlite3_column_int64(st, 0);
  return 0;
}

/* Do slots i and j count under the same facet values? */
static int same_facets(const SearchCache *c, int i, int j){
  const DocSlot *a = &c->aDoc[i], *b = &c->aDoc[j];
  if( a->iBody!=b->iBody || a->iTopic!=b->iTopic || a->iKind!=b->iKind
   || a->iDate/10000!=b->iDate/10000 ){
    return 0;
  }
  if( !c->bMunicipality ) return 1;
  int n = c->aOrgStart[i+1]-c->aOrgStart[i];
  return n==c->aOrgStart[j+1]-c->aOrgStart[j]
      && (n==0 || memcmp(&c->aOrg[c->aOrgStart[i]], &c->aOrg[c->aOrgStart[j]], n*sizeof(int))==0);
}

/* Numbers the distinct combinations of facet values: a few thousand for
** 100,000 documents, so that the facets count documents per combination
** (one small array) and then combinations per value. */
static void facet_combos(SearchCache *c){
  int nTab = 64;
  while( nTab<2*c->nDoc ) nTab *= 2;
  int *aTab = xrealloc(0, nTab*sizeof(int));
  memset(aTab, 0xff, nTab*sizeof(int));
  c->aCombo = xrealloc(0, (c->nDoc+1)*sizeof(int));
  for(int i=0; i<c->nDoc; i++){
    const DocSlot *d = &c->aDoc[i];
    unsigned h = 2166136261u;
    int aKey[] = { d->iBody, d->iTopic, d->iKind, d->iDate/10000 };
    for(int k=0; k<4; k++) h = (h ^ (unsigned)aKey[k])*16777619u;
    for(int j=c->bMunicipality ? c->aOrgStart[i] : 0; c->bMunicipality && j<c->aOrgStart[i+1]; j++){
      h = (h ^ (unsigned)c->aOrg[j])*16777619u;
    }
    h &= nTab-1;
    while( aTab[h]>=0 && !same_facets(c, i, c->aComboSlot[aTab[h]]) ) h = (h+1) & (nTab-1);
    if( aTab[h]<0 ){
      c->aComboSlot = grow_array(c->aComboSlot, c->nCombo, sizeof(int));
      c->aComboSlot[c->nCombo] = i;
      aTab[h] = c->nCombo++;
    }
    c->aCombo[i] = aTab[h];
  }
  free(aTab);
}

/* Rows (document_id, organisation_id) in document order, so in slot
** order: each row ends its slot's list for now. */
static int row_org(Build *b, sqlite3_stmt *st){
  SearchCache *c = b->c;
  int iSlot = slot_of_doc(c, sqlite3_column_int64(st, 0));
  if( iSlot<0 ) return 0;
  c->aOrg = grow_array(c->aOrg, b->nOrg, sizeof(int));
  c->aOrg[b->nOrg++] = sqlite3_column_int(st, 1);
  c->aOrgStart[iSlot+1] = b->nOrg;
  return 0;
}

static int row_name(Build *b, sqlite3_stmt *st){
  NameTable *t = b->pNames;
  t->a = xrealloc(t->a, (t->n+1)*sizeof(Named));
  Named *p = &t->a[t->n++];
  memset(p, 0, sizeof *p);
  p->id = sqlite3_column_int(st, 0);
  if( p->id>t->iMax ) t->iMax = p->id;
  p->zName = xstrdup((const char*)sqlite3_column_text(st, 1));
  if( p->zName==0 ) p->zName = xstrdup("");
  fold(p->zName, 1, &p->fName);
  const char *zFull = (const char*)sqlite3_column_text(st, 2);
  if( zFull ) fold(zFull, 1, &p->fFull);
  p->zKind = xstrdup((const char*)sqlite3_column_text(st, 3));
  return 0;
}

/* Is there an index whose first column is passage.kind?  Without one the
** decision passages are not looked up (a scan of every passage). */
static int has_kind_index(sqlite3 *db){
  sqlite3_stmt *st;
  int b = 0;
  if( sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_index_list('passage') AS l,"
                         " pragma_index_info(l.name) AS i WHERE i.seqno=0 AND i.name='kind'",
                         -1, &st, 0)==SQLITE_OK ){
    b = sqlite3_step(st)==SQLITE_ROW;
  }
  sqlite3_finalize(st);
  return b;
}

/* Does db have document_municipality?  Archives made before it do not. */
static int has_municipalities(sqlite3 *db){
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT 1 FROM document_municipality LIMIT 0", -1, &st, 0);
  sqlite3_finalize(st);
  return rc==SQLITE_OK;
}

/* The bodies and topics as names are resolved against (row_name()). */
static const char zBodyNames[] = "SELECT id, name, full_name, kind FROM body ORDER BY id";
static const char zTopicNames[] = "SELECT id, name, NULL, NULL FROM topic ORDER BY id";

/* Reads everything the cache holds from db. */
static int cache_build(sqlite3 *db, SearchCache *c, Err *err){
  Build b = { db, c, 0, 0, err };
  cache_clear(c);
  int rc = cache_query(&b, "SELECT id, body_id, topic_id, kind, date FROM document ORDER BY id",
                       row_doc);
  if( rc==0 ){
    rc = cache_query(&b, "SELECT document_id, min(id), max(id), count(*) FROM passage"
                     " GROUP BY document_id", row_range);
    if( c->nRange ) qsort(c->aRange, c->nRange, sizeof(PassageRange), cmp_range);
  }
  if( rc==0 && has_kind_index(db) ){
    rc = cache_query(&b, "SELECT id FROM passage WHERE kind='decision' ORDER BY id",
                     row_decision);
  }
  c->bMunicipality = has_municipalities(db);
  if( rc==0 && c->bMunicipality ){
    c->aOrgStart = xrealloc(0, (c->nDoc+1)*sizeof(int));
    memset(c->aOrgStart, 0, (c->nDoc+1)*sizeof(int));
    rc = cache_query(&b, "SELECT document_id, organisation_id FROM document_municipality"
                     " ORDER BY document_id", row_org);
    /* a slot without municipalities ends where the one before it ends */
    for(int i=1; i<=c->nDoc; i++){
      if( c->aOrgStart[i]<c->aOrgStart[i-1] ) c->aOrgStart[i] = c->aOrgStart[i-1];
    }
  }
  if( rc==0 ) facet_combos(c);
  static const struct { size_t iOff; const char *zSql; } aName[] = {
    { offsetof(SearchCache, body), zBodyNames },
    { offsetof(SearchCache, topic), zTopicNames },
    { offsetof(SearchCache, org), "SELECT id, name, NULL, NULL FROM organisation"
                                  " WHERE kind='gemeente' ORDER BY id" },
  };
  for(size_t i=0; i<sizeof aName/sizeof aName[0] && rc==0; i++){
    b.pNames = (NameTable*)((char*)c + aName[i].iOff);
    rc = cache_query(&b, aName[i].zSql, row_name);
  }
  if( rc==0 ){
    size_t n = c->nDoc ? c->nDoc : 1;
    c->aTop = xrealloc(0, n*sizeof(TopPassages));
    c->aHit = xrealloc(0, n*sizeof(Hit));
    c->aSeenSlot = xrealloc(0, n*sizeof(int));
    c->aMask = xrealloc(0, n*sizeof(sqlite3_uint64));
    c->aSeen = xrealloc(0, n*sizeof(unsigned));
    c->aOut = xrealloc(0, n*sizeof(unsigned));
    memset(c->aSeen, 0, n*sizeof(unsigned));
    memset(c->aOut, 0, n*sizeof(unsigned));
    c->bBuilt = 1;
  }else{
    cache_clear(c);
  }
  return rc;
}

/* The search generation that db's current transaction sees; -1 with
** err set on failure.  Its read opens the snapshot that it describes. */
static sqlite3_int64 read_generation(sqlite3 *db, Err *err){
  sqlite3_stmt *st;
  sqlite3_int64 n = -1;
  if( sqlite3_prepare_v2(db, "SELECT n FROM search_generation", -1, &st, 0)==SQLITE_OK
   && sqlite3_step(st)==SQLITE_ROW ){
    n = sqlite3_column_int64(st, 0);
  }
  if( sqlite3_finalize(st)!=SQLITE_OK || n<0 ){
    err_internal(err, "search failed: %s", sqlite3_errmsg(db));
    return -1;
  }
  return n;
}

sqlite3_int64 search_generation(sqlite3 *db){
  Err e = ERR_INIT;
  return read_generation(db, &e);
}

/* The cache of db as of the current read transaction (bOuter: a caller's
** own, around the search). */
static int cache_get(sqlite3 *db, int bOuter, SearchCache **pp, Err *err){
  SearchCache *c = cache_of(db);
  *pp = 0;
  if( c==0 ) return err_internal(err, "search failed: out of memory");
  sqlite3_int64 iGeneration = read_generation(db, err);
  if( iGeneration<0 ) return -1;
  if( !c->bBuilt || c->bProvisional || c->iGeneration!=iGeneration ){
    if( cache_build(db, c, err) ) return -1;
    c->iGeneration = iGeneration;
  }
  c->bProvisional = bOuter;
  *pp = c;
  return 0;
}

/* ------------------------------------------------------ rank and words */

/*
** search_rank(passage_fts): how well the current passage matches, higher
** is better: per phrase of the expression, its share (phrase_share()), in
** the order of the phrases.  Unlike bm25() it reads no column sizes (a
** lookup per row, most of bm25's cost on a common word) and no phrase
** counts (a scan of the index per phrase and statement); passages are
** short enough that their length matters little.  The term cache's scan
** (fast_scan()) adds the same shares in the same order, so that both
** rank a passage to the last bit.
*/

/* How often phrase i of the expression is in the current passage's
** title, heading path and text. */
static void phrase_tf(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int i, int aTf[3]){
  Fts5PhraseIter it;
  int iCol = -1, iOff;
  aTf[0] = aTf[1] = aTf[2] = 0;
  int rc = pApi->xPhraseFirst(pFts, i, &it, &iCol, &iOff);
  for(; rc==SQLITE_OK && iCol>=0; pApi->xPhraseNext(pFts, &it, &iCol, &iOff)){
    if( iCol<3 ) aTf[iCol]++;
  }
}

/* A phrase's share of the rank: per column the saturating term frequency
** tf*(k1+1)/(tf+k1) (BM25's, k1 = 1.2), weighted 10 for the title, 4 for
** the heading path and 1 for the text. */
static double phrase_share(const int aTf[3]){
  static const double aWeight[] = { 10.0, 4.0, 1.0 };
  const double k1 = 1.2;
  double share = 0;
  for(int k=0; k<3; k++){
    if( aTf[k] ) share += aWeight[k] * aTf[k]*(k1+1) / (aTf[k]+k1);
  }
  return share;
}

static void rank_function(const Fts5ExtensionApi *pApi, Fts5Context *pFts,
                          sqlite3_context *ctx, int nVal, sqlite3_value **apVal){
  int nPhrase = pApi->xPhraseCount(pFts);
  double score = 0;
  for(int i=0; i<nPhrase; i++){
    int aTf[3];
    phrase_tf(pApi, pFts, i, aTf);
    score += phrase_share(aTf);
  }
  sqlite3_result_double(ctx, score);
}

/* search_tf(passage_fts): phrase 0's frequencies in the current passage,
** packed 21 bits a column (tf_pack()); -1 past that. */
#define TF_BITS 21
static sqlite3_int64 tf_pack(const int aTf[3]){
  sqlite3_int64 v = 0;
  for(int k=2; k>=0; k--){
    if( aTf[k]>=(1<<TF_BITS) ) return -1;
    v = (v<<TF_BITS) | aTf[k];
  }
  return v;
}

#define TF_DECISION INT64_MIN   /* the term cache's mark of a decision passage */

static void tf_unpack(sqlite3_int64 v, int aTf[3]){
  v &= INT64_MAX;
  for(int k=0; k<3; k++){
    aTf[k] = (int)(v & ((1<<TF_BITS)-1));
    v >>= TF_BITS;
  }
}

static void tf_function(const Fts5ExtensionApi *pApi, Fts5Context *pFts,
                        sqlite3_context *ctx, int nVal, sqlite3_value **apVal){
  int aTf[3];
  phrase_tf(pApi, pFts, 0, aTf);
  sqlite3_result_int64(ctx, tf_pack(aTf));
}

/*
** search_mask(passage_fts, N): the bits of the first N phrases of the
** expression that occur in the current passage.  With the words first in
** the expression, bit i says word i is in it.
*/
static void mask_function(const Fts5ExtensionApi *pApi, Fts5Context *pFts,
                          sqlite3_context *ctx, int nVal, sqlite3_value **apVal){
  int n = nVal>0 ? sqlite3_value_int(apVal[0]) : 0;
  int nPhrase = pApi->xPhraseCount(pFts);
  sqlite3_int64 m = 0;
  for(int i=0; i<n && i<nPhrase && i<62; i++){
    Fts5PhraseIter it;
    int iCol = -1, iOff;
    if( pApi->xPhraseFirst(pFts, i, &it, &iCol, &iOff)==SQLITE_OK && iCol>=0 ){
      m |= (sqlite3_int64)1 << i;
    }
  }
  sqlite3_result_int64(ctx, m);
}

/* Registers search_rank, search_mask and search_tf on db unless it has
** them. */
static int register_functions(sqlite3 *db, Err *err){
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT search_rank(passage_fts), search_mask(passage_fts, 0),"
                              " search_tf(passage_fts) FROM passage_fts LIMIT 0", -1, &st, 0);
  sqlite3_finalize(st);
  if( rc==SQLITE_OK ) return 0;
  fts5_api *pApi = 0;
  if( sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, 0)==SQLITE_OK ){
    sqlite3_bind_pointer(st, 1, (void*)&pApi, "fts5_api_ptr", 0);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  if( pApi==0
   || pApi->xCreateFunction(pApi, "search_rank", 0, rank_function, 0)!=SQLITE_OK
   || pApi->xCreateFunction(pApi, "search_mask", 0, mask_function, 0)!=SQLITE_OK
   || pApi->xCreateFunction(pApi, "search_tf", 0, tf_function, 0)!=SQLITE_OK ){
    return err_internal(err, "search failed: no FTS5 on this connection");
  }
  return 0;
}

/* ------------------------------------------------------------- filters */

/* The ids (kinds: indexes in the cache's azKind) a filter key allows. */
typedef struct IdSet { int a[SEARCH_FILTER_MAX*8]; int n; int bUsed; } IdSet;

static void idset_add(IdSet *s, int id){
  s->bUsed = 1;
  for(int i=0; i<s->n; i++) if( s->a[i]==id ) return;
  if( s->n < (int)(sizeof s->a/sizeof s->a[0]) ) s->a[s->n++] = id;
}

static int idset_has(const IdSet *s, int id){
  for(int i=0; i<s->n; i++) if( s->a[i]==id ) return 1;
  return 0;
}

/* How far the folded value v is from candidate p: 0 when one of its
** names holds it, else the edit distance (nMax+1 when too far). */
static int named_distance(const Named *p, const Buf *v, int nMax){
  int d = nMax+1;
  const Buf *aName[2] = { &p->fName, &p->fFull };
  for(int i=0; i<2; i++){
    if( aName[i]->n==0 ) continue;
    if( v->n>=2 && strstr(aName[i]->z, v->z) ) return 0;
    int e = edit_distance(v->z, (int)v->n, aName[i]->z, (int)aName[i]->n, nMax);
    if( e<d ) d = e;
  }
  return d;
}

/* Sets err to: unknown WHAT "VALUE" (did you mean "A", "B" or "C"?),
** with the three closest names of t, or none. */
static int unknown_name(const char *zWhat, const char *zValue, const NameTable *t, Err *err){
  Buf v = BUF_INIT, msg = BUF_INIT;
  fold(zValue, 1, &v);
  int nMax = v.n<=4 ? 1 : v.n<=8 ? 2 : 3;
  const Named *aBest[3];
  int aDist[3], nBest = 0;
  for(int i=0; i<t->n; i++){
    int d = named_distance(&t->a[i], &v, nMax);
    if( d>nMax ) continue;
    /* insert by distance, keeping the table's order among equals */
    int k = nBest<3 ? nBest++ : 3;
    while( k>0 && aDist[k-1]>d ){
      if( k<3 ){
        aBest[k] = aBest[k-1];
        aDist[k] = aDist[k-1];
      }
      k--;
    }
    if( k<3 ){
      aBest[k] = &t->a[i];
      aDist[k] = d;
    }
  }
  buf_appendf(&msg, "unknown %s \"%s\"", zWhat, zValue);
  for(int i=0; i<nBest; i++){
    buf_appendf(&msg, "%s\"%s\"", i==0 ? " (did you mean " : i==nBest-1 ? " or " : ", ",
                aBest[i]->zName);
  }
  if( nBest ) buf_puts(&msg, "?)");
  err_set(err, "%s", msg.z);
  buf_release(&v);
  buf_release(&msg);
  return -1;
}

/* Adds to ids what the value names in t: the candidates whose name or
** full name it is (folded: case, accents, spaces, "-" and "_" do not
** matter); else, with bKinds, every body of the kind it names ("BO":
** every BO).  An unknown value is an error with close names. */
static int resolve_name(const char *zWhat, const char *zValue, const NameTable *t, int bKinds,
                        IdSet *ids, Err *err){
  Buf v = BUF_INIT;
  fold(zValue, 1, &v);
  int nFound = 0;
  for(int i=0; i<t->n && v.n; i++){
    const Named *p = &t->a[i];
    if( strcmp(p->fName.z, v.z)==0 || (p->fFull.n && strcmp(p->fFull.z, v.z)==0) ){
      idset_add(ids, p->id);
      nFound++;
    }
  }
  if( nFound==0 && bKinds && v.n ){
    for(int i=0; i<t->n; i++){
      const Named *p = &t->a[i];
      if( p->zKind && strcasecmp(p->zKind, v.z)==0 ){
        idset_add(ids, p->id);
        nFound++;
      }
    }
  }
  buf_release(&v);
  return nFound ? 0 : unknown_name(zWhat, zValue, t, err);
}

/* Document kinds, and the other names they go by. */
static const struct { const char *zName, *zKind; } aKindName[] = {
  { "agenda", "agenda" },                 { "verslag", "verslag" },
  { "besluitenlijst", "besluitenlijst" }, { "actielijst", "actielijst" },
  { "memo", "memo" },                     { "brief", "brief" },
  { "presentatie", "presentatie" },       { "other", "other" },
  { "notulen", "verslag" },               { "minutes", "verslag" },
  { "decisions", "besluitenlijst" },      { "actions", "actielijst" },
  { "letter", "brief" },                  { "presentation", "presentatie" },
  { "overig", "other" },
};
#define N_KIND 8    /* the first entries of aKindName are the kinds */

const char *search_kind(const char *zName){
  for(size_t i=0; zName && i<sizeof aKindName/sizeof aKindName[0]; i++){
    if( strcasecmp(aKindName[i].zName, zName)==0 ) return aKindName[i].zKind;
  }
  return 0;
}

static int resolve_kind(SearchCache *c, const char *zValue, IdSet *ids, Err *err){
  Buf v = BUF_INIT;
  fold(zValue, 1, &v);
  int rc = -1;
  for(size_t i=0; i<sizeof aKindName/sizeof aKindName[0] && rc; i++){
    if( strcmp(aKindName[i].zName, v.z)==0 ){
      idset_add(ids, kind_index(c, aKindName[i].zKind));
      rc = 0;
    }
  }
  buf_release(&v);
  if( rc==0 ) return 0;
  NameTable t = { 0, 0, 0 };
  t.a = xrealloc(0, N_KIND*sizeof(Named));
  memset(t.a, 0, N_KIND*sizeof(Named));
  for(t.n=0; t.n<N_KIND; t.n++){
    t.a[t.n].zName = xstrdup(aKindName[t.n].zName);
    buf_puts(&t.a[t.n].fName, aKindName[t.n].zName);
  }
  Err e = ERR_INIT;
  unknown_name("kind", zValue, &t, &e);
  Buf msg = BUF_INIT;
  buf_appendf(&msg, "%s; the kinds are", e.msg);
  for(int i=0; i<N_KIND; i++) buf_appendf(&msg, "%s %s", i ? "," : "", aKindName[i].zName);
  err_set(err, "%s", msg.z);
  buf_release(&msg);
  names_clear(&t);
  return -1;
}

/* -------------------------------------------------------------- search */

/* A document found: its slot in the cache, score and words. */
typedef struct Search {
  sqlite3 *db;
  const SearchOpts *o;
  SearchResult *r;
  Err *err;
  Query *q;
  SearchCache *c;
  IdSet body, topic, kind, org;
  int iFrom, iTo;                           /* YYYYMMDD; 0: open */
  /* the top level of the query: plain words (relaxed and corrected),
  ** the other terms that must match, the negated ones */
  const QueryNode *apWord[SEARCH_WORDS_MAX];
  const char *azWord[SEARCH_WORDS_MAX];     /* each word as searched now */
  int nWord;
  const QueryNode **apMust;
  int nMust;
  const QueryNode **apNot;
  int nNot;
  Buf match;                                /* what the passages matched */
  /* the statements of the page, prepared once per search (a statement
  ** kept across searches would outlive the connection: SQLite refuses
  ** to close one that has statements) */
  sqlite3_stmt *stDoc, *stPassage, *stFirst;
  int bMask;                                /* hits counted per word */
  int bFiltered;                            /* slot_passes() can say no */
  const Postings *pLazy;                    /* one_term_scan()'s term, or NULL */
  const Postings **apHeld;                  /* the term cache's, to release */
  int nHeld;
  double *aLazyShare;                       /* and its shares */
  Hit *aHit;                                /* the cache's */
  int nHit;
} Search;

/* Resolves the filters of the flags and of the query into s. */
static int resolve_filters(Search *s){
  const SearchFilter *f = &s->o->filter;
  SearchCache *c = s->c;
  struct {
    QueryKey key; const char *zWhat; NameTable *t; int bKinds;
    const char *const *az; int n; IdSet *ids;
  } aSrc[] = {
    { QUERY_BODY, "body", &c->body, 1, f->azBody, f->nBody, &s->body },
    { QUERY_TOPIC, "topic", &c->topic, 0, f->azTopic, f->nTopic, &s->topic },
    { QUERY_MUNICIPALITY, "municipality", &c->org, 0, f->azMunicipality, f->nMunicipality,
      &s->org },
    { QUERY_KIND, "kind", 0, 0, f->azKind, f->nKind, &s->kind },
  };
  for(size_t k=0; k<sizeof aSrc/sizeof aSrc[0]; k++){
    int n = aSrc[k].n<SEARCH_FILTER_MAX ? aSrc[k].n : SEARCH_FILTER_MAX;
    for(int i=0; i<n+s->q->nFilter; i++){
      const char *zValue = i<n ? aSrc[k].az[i] : s->q->aFilter[i-n].zValue;
      if( i>=n && s->q->aFilter[i-n].key!=aSrc[k].key ) continue;
      if( aSrc[k].key==QUERY_MUNICIPALITY && !c->bMunicipality ){
        return err_set(s->err, "this archive does not link documents to municipalities yet");
      }
      int rc = aSrc[k].key==QUERY_KIND ? resolve_kind(c, zValue, aSrc[k].ids, s->err)
             : resolve_name(aSrc[k].zWhat, zValue, aSrc[k].t, aSrc[k].bKinds, aSrc[k].ids,
                            s->err);
      if( rc ) return -1;
    }
  }
  QueryDates d = s->q->dates;
  char zFirst[11], zLast[11];
  if( query_span(f->zFrom, f->zTo, zFirst, zLast, s->err) ) return -1;
  if( strcmp(zFirst, d.zFrom)>0 ) memcpy(d.zFrom, zFirst, 11);
  if( zLast[0] && (!d.zTo[0] || strcmp(zLast, d.zTo)<0) ) memcpy(d.zTo, zLast, 11);
  s->iFrom = date_number(d.zFrom);
  s->iTo = date_number(d.zTo);
  s->bFiltered = s->nNot || s->body.bUsed || s->topic.bUsed || s->kind.bUsed || s->org.bUsed
              || s->iFrom || s->iTo;
  return 0;
}

/* Does the document in slot i pass the filters, and is it not left out? */
static int slot_passes(const Search *s, int i){
  const SearchCache *c = s->c;
  const DocSlot *d = &c->aDoc[i];
  if( c->aOut[i]==c->iSearch ) return 0;
  if( s->body.bUsed && !idset_has(&s->body, d->iBody) ) return 0;
  if( s->topic.bUsed && !idset_has(&s->topic, d->iTopic) ) return 0;
  if( s->kind.bUsed && !idset_has(&s->kind, d->iKind) ) return 0;
  if( s->iFrom && d->iDate < s->iFrom ) return 0;
  if( s->iTo && (d->iDate==0 || d->iDate > s->iTo) ) return 0;
  if( s->org.bUsed ){
    int k = c->aOrgStart[i];
    while( k<c->aOrgStart[i+1] && !idset_has(&s->org, c->aOrg[k]) ) k++;
    if( k==c->aOrgStart[i+1] ) return 0;
  }
  return 1;
}

/* Sorts the top level of the query into words, other terms and negated
** terms. */
static void split_query(Search *s){
  const QueryNode *pRoot = s->q->pRoot;
  if( pRoot==0 ) return;
  int n = pRoot->op==QUERY_AND ? pRoot->nChild : 1;
  const QueryNode *const *a = pRoot->op==QUERY_AND ? (const QueryNode *const*)pRoot->apChild
                                                  : &pRoot;
  s->apMust = xrealloc(0, n*sizeof(QueryNode*));
  s->apNot = xrealloc(0, n*sizeof(QueryNode*));
  for(int i=0; i<n; i++){
    if( a[i]->op==QUERY_NOT ){
      s->apNot[s->nNot++] = a[i]->apChild[0];
    }else if( a[i]->op==QUERY_WORD && s->nWord<SEARCH_WORDS_MAX ){
      s->azWord[s->nWord] = a[i]->zText;
      s->apWord[s->nWord++] = a[i];
    }else{
      s->apMust[s->nMust++] = a[i];
    }
  }
}

/* Appends word i of s, as searched now, as an FTS5 string. */
static void put_word(const Search *s, int i, Buf *out){
  QueryNode w = *s->apWord[i];
  w.zText = (char*)s->azWord[i];
  query_fts_term(&w, out);
}

/* The passage-level expression into s->match.  Normally every word and
** every other term; two or more words also count as a phrase, which adds
** to the rank of passages that have them side by side:
**   (("a" AND "b") OR "a b") AND (other terms)
** bRelax: any of the words (the other terms still all):
**   ("a" OR "b" OR "a b") AND (other terms)
** The words come first: search_mask's bit i is word i. */
static void build_match(Search *s, int bRelax){
  Buf *m = &s->match;
  buf_reset(m);
  if( s->nWord ){
    buf_puts(m, bRelax || s->nWord==1 ? "(" : "((");
    for(int i=0; i<s->nWord; i++){
      if( i ) buf_puts(m, bRelax ? " OR " : " AND ");
      put_word(s, i, m);
    }
    if( s->nWord>1 ){
      Buf words = BUF_INIT;
      for(int i=0; i<s->nWord; i++){
        if( i ) buf_putc(&words, ' ');
        buf_puts(&words, s->azWord[i]);
      }
      QueryNode phrase;
      memset(&phrase, 0, sizeof phrase);
      phrase.op = QUERY_WORD;
      phrase.zText = words.z;
      buf_puts(m, bRelax ? " OR " : ") OR ");
      query_fts_term(&phrase, m);
      buf_release(&words);
    }
    buf_putc(m, ')');
  }
  for(int i=0; i<s->nMust; i++){
    if( m->n ) buf_puts(m, " AND ");
    buf_putc(m, '(');
    query_fts(s->apMust[i], m);
    buf_putc(m, ')');
  }
}

static void add_hit(Search *s, int iSlot, int nWord, double score, sqlite3_uint64 mask){
  Hit *h = &s->aHit[s->nHit++];
  h->iSlot = iSlot;
  h->nWord = nWord;
  h->score = score;
  h->mask = mask;
}

/* A document's first matching passage in a scan, and the next ones: the
** best SEARCH_PASSAGES are kept, the earlier passage first on a tie. */
static void top_first(TopPassages *t, sqlite3_int64 id, double score){
  memset(t, 0, sizeof *t);
  t->aId[0] = id;
  t->aScore[0] = score;
}

static void top_add(TopPassages *t, sqlite3_int64 id, double score){
  int k = 0;
  while( k<SEARCH_PASSAGES && t->aId[k] && t->aScore[k]>=score ) k++;
  if( k==SEARCH_PASSAGES ) return;
  memmove(&t->aId[k+1], &t->aId[k], (SEARCH_PASSAGES-1-k)*sizeof t->aId[0]);
  memmove(&t->aScore[k+1], &t->aScore[k], (SEARCH_PASSAGES-1-k)*sizeof t->aScore[0]);
  t->aId[k] = id;
  t->aScore[k] = score;
}

/* ------------------------------------------------ the term cache's scan */

/*
** With a term cache (search_term_cache()), a scan reads each term of the
** expression from memory (postings.h) and combines them there instead of
** stepping FTS5 through the expression: the passages both give are the
** same, with the same rank and word bits.  Each term is read from FTS5 on
** its first use in a search generation; one cache serves every thread.
**
** FTS5 counts a phrase in a passage only while the phrase's branch of the
** expression stands on that passage.  The shapes taken here are those in
** which that is every passage that has the phrase: terms, OR of terms,
** AND of those, negated terms or OR of terms.  NEAR, an AND under an OR,
** a term without tokens (FTS5 leaves it out of the expression), a term
** past the cache's budget and a search inside a caller's transaction take
** FTS5's own scan.
*/

#define PLAN_MAX (2*QUERY_MAX_TERMS+SEARCH_WORDS_MAX+1)

/* The phrases of the expression in FTS5's order (left to right). */
typedef struct Plan { const Postings *ap[PLAN_MAX]; int n; } Plan;

/* Passage ids, ascending: a term's own (a borrowed) or made here (aOwn). */
typedef struct Rows { const uint32_t *a; uint32_t *aOwn; int n; } Rows;

static void rows_free(Rows *r){
  free(r->aOwn);
  memset(r, 0, sizeof *r);
}

static void rows_own(Rows *r, uint32_t *a, int n){
  free(r->aOwn);
  r->a = r->aOwn = a;
  r->n = n;
}

static int gallop(const uint32_t *a, int n, int i, uint32_t v){
  GALLOP(a, n, i, v, ELEMENT);
  return i;
}

/* x becomes x AND y (bAnd), x OR y, or x NOT y (bAnd<0). */
static void rows_merge(Rows *x, const Rows *y, int bAnd){
  int n = bAnd>0 ? (x->n<y->n ? x->n : y->n) : bAnd<0 ? x->n : x->n+y->n;
  uint32_t *a = xrealloc(0, (n ? n : 1)*sizeof(uint32_t));
  int i = 0, j = 0, k = 0;
  if( bAnd>0 ){
    while( i<x->n && j<y->n ){
      if( x->a[i]<y->a[j] ) i = gallop(x->a, x->n, i, y->a[j]);
      else if( x->a[i]>y->a[j] ) j = gallop(y->a, y->n, j, x->a[i]);
      else{ a[k++] = x->a[i++]; j++; }
    }
  }else if( bAnd<0 ){
    while( i<x->n ){
      if( j<y->n && y->a[j]<x->a[i] ) j = gallop(y->a, y->n, j, x->a[i]);
      if( j<y->n && y->a[j]==x->a[i] ) i++;
      else a[k++] = x->a[i++];
    }
  }else{
    while( i<x->n || j<y->n ){
      if( j==y->n || (i<x->n && x->a[i]<y->a[j]) ) a[k++] = x->a[i++];
      else if( i==x->n || y->a[j]<x->a[i] ) a[k++] = y->a[j++];
      else{ a[k++] = x->a[i++]; j++; }
    }
  }
  rows_own(x, a, k);
}

static int mark_tokenizer(sqlite3 *db, struct CacheKeep *k, Err *err);

static TermCache *pTermCache;   /* search_term_cache(); NULL: none */

void search_term_cache(size_t nBytes){
  termcache_free(pTermCache);
  pTermCache = nBytes ? termcache_new(nBytes) : 0;
}

static int count_token(void *pCtx, int tflags, const char *z, int n, int iStart, int iEnd){
  (*(int*)pCtx)++;
  return SQLITE_OK;
}

/* Does z give the index at least one token?  A term without one is left
** out of FTS5's expression. */
static int has_tokens(Search *s, const char *z){
  Err e = ERR_INIT;
  int n = 0;
  if( mark_tokenizer(s->db, &s->c->keep, &e) ) return 0;
  s->c->keep.tok.xTokenize(s->c->keep.pTok, &n, FTS5_TOKENIZE_QUERY, z, (int)strlen(z),
                           count_token);
  return n>0;
}

/* The share of a term with the term cache's frequencies tf (TF_DECISION
** marks a decision passage); with bDecision, times the decision factor
** where it is one: the rank of a passage that term is all a search
** matches, as FTS5's scan and scan_row() make it. */
static double term_share(sqlite3_int64 tf, int bDecision){
  int aTf[3];
  tf_unpack(tf, aTf);
  double share = phrase_share(aTf);
  return bDecision && (tf & TF_DECISION) ? share*DECISION_FACTOR : share;
}

/* term_share() per distinct frequency of p: a new array. */
static double *term_shares(const Postings *p, int bDecision){
  double *a = xrealloc(0, (p->nTf+1)*sizeof(double));
  for(int k=0; k<p->nTf; k++) a[k] = term_share(p->aTf[k], bDecision);
  return a;
}

/* The postings of term p from the term cache, read from FTS5 on first
** use; NULL when they cannot stand in for FTS5.  Their frequencies carry
** TF_DECISION for a decision passage, their groups are documents (slots;
** -1 for a passage of none). */
static const Postings *term_postings(Search *s, const QueryNode *p){
  Buf term = BUF_INIT;
  query_fts_term(p, &term);
  const Postings *r = termcache_get(pTermCache, term.z, s->c->iGeneration);
  if( r==0 ){
    Postings new;
    memset(&new, 0, sizeof new);
    sqlite3_stmt *st;
    if( sqlite3_prepare_v2(s->db, "SELECT rowid, search_tf(passage_fts) FROM passage_fts"
                           " WHERE passage_fts MATCH ?1", -1, &st, 0)==SQLITE_OK ){
      sqlite3_bind_text(st, 1, term.z, (int)term.n, SQLITE_STATIC);
      int iHint = 0, iDecision = 0;
      while( sqlite3_step(st)==SQLITE_ROW ){
        sqlite3_int64 id = sqlite3_column_int64(st, 0), tf = sqlite3_column_int64(st, 1);
        if( tf<0 ) new.bFailed = 1;
        if( s->c->nDecision && is_decision(s->c, id, &iDecision) ) tf |= TF_DECISION;
        postings_add(&new, id, tf, slot_of_passage(s->c, id, &iHint), term_share(tf, 1));
      }
    }
    if( sqlite3_finalize(st)!=SQLITE_OK ) new.bFailed = 1;
    if( new.bFailed || (new.n==0 && !has_tokens(s, p->zText)) ) postings_clear(&new);
    else r = termcache_put(pTermCache, term.z, s->c->iGeneration, &new);
  }
  buf_release(&term);
  if( r ){
    /* held until the search ends (search_exec) */
    s->apHeld = grow_array(s->apHeld, s->nHeld, sizeof(Postings*));
    s->apHeld[s->nHeld++] = r;
  }
  return r;
}

/* A term of the expression: its phrase in plan, its passages in *out.
** 0, or 1 when it cannot be scanned here. */
static int plan_term(Search *s, Plan *plan, const QueryNode *p, Rows *out){
  memset(out, 0, sizeof *out);
  const Postings *t = plan->n<PLAN_MAX ? term_postings(s, p) : 0;
  if( t==0 ) return 1;
  plan->ap[plan->n++] = t;
  out->a = t->aRow;
  out->n = t->n;
  return 0;
}

static int plan_node(Search *s, Plan *plan, const QueryNode *p, int bUnderOr, Rows *out);

/* Plans node p (as plan_node()) and combines its passages into *out: the
** first (bFirst) as they are, the others by bAnd as rows_merge() does.
** 0, or 1 with *out freed. */
static int plan_combine(Search *s, Plan *plan, const QueryNode *p, int bUnderOr, int bFirst,
                        int bAnd, Rows *out){
  Rows r;
  if( plan_node(s, plan, p, bUnderOr, &r) ){
    rows_free(&r);
    rows_free(out);
    return 1;
  }
  if( bFirst ){
    *out = r;
  }else{
    rows_merge(out, &r, bAnd);
    rows_free(&r);
  }
  return 0;
}

/* Node p of the expression as query_fts() writes it (bUnderOr: inside an
** OR); see above for the shapes it takes.  0, or 1. */
static int plan_node(Search *s, Plan *plan, const QueryNode *p, int bUnderOr, Rows *out){
  memset(out, 0, sizeof *out);
  if( p->op==QUERY_WORD || p->op==QUERY_PHRASE || p->op==QUERY_PREFIX ){
    return plan_term(s, plan, p, out);
  }
  if( p->op!=QUERY_AND && p->op!=QUERY_OR ) return 1;
  if( p->op==QUERY_AND && bUnderOr ) return 1;
  int nPos = 0;
  for(int i=0; i<p->nChild; i++){
    const QueryNode *c = p->apChild[i];
    if( c->op==QUERY_NOT ) continue;
    if( plan_combine(s, plan, c, bUnderOr || p->op==QUERY_OR, nPos++==0, p->op==QUERY_AND,
                     out) ){
      return 1;
    }
  }
  if( nPos==0 ) return 1;
  if( p->op==QUERY_OR ) return 0;
  Rows not;
  memset(&not, 0, sizeof not);
  int nNeg = 0;
  for(int i=0; i<p->nChild; i++){
    const QueryNode *c = p->apChild[i];
    if( c->op!=QUERY_NOT ) continue;
    if( plan_combine(s, plan, c->apChild[0], 1, nNeg++==0, 0, &not) ){
      rows_free(out);
      return 1;
    }
  }
  if( nNeg ) rows_merge(out, &not, -1);
  rows_free(&not);
  return 0;
}

/* What build_match() wrote (bOut: what find() leaves out), its passages
** into *out and its phrases into plan.  0, or 1. */
static int plan_match(Search *s, int bOut, int bRelax, Plan *plan, Rows *out){
  memset(out, 0, sizeof *out);
  plan->n = 0;
  if( bOut ){
    for(int i=0; i<s->nNot; i++){
      if( plan_combine(s, plan, s->apNot[i], 0, i==0, 0, out) ) return 1;
    }
    return 0;
  }
  int nDone = 0;
  Buf words = BUF_INIT;
  for(int i=0; i<=s->nWord && (i<s->nWord || s->nWord>1); i++){
    QueryNode w;
    if( i<s->nWord ){
      w = *s->apWord[i];
      w.zText = (char*)s->azWord[i];
    }else{
      /* the words as a phrase: it ranks them side by side higher */
      for(int k=0; k<s->nWord; k++){
        if( k ) buf_putc(&words, ' ');
        buf_puts(&words, s->azWord[k]);
      }
      memset(&w, 0, sizeof w);
      w.op = QUERY_WORD;
      w.zText = words.z;
    }
    if( plan_combine(s, plan, &w, 0, nDone++==0, bRelax || i==s->nWord ? 0 : 1, out) ){
      buf_release(&words);
      return 1;
    }
  }
  buf_release(&words);
  for(int i=0; i<s->nMust; i++){
    if( plan_combine(s, plan, s->apMust[i], 0, nDone++==0, 1, out) ) return 1;
  }
  return 0;
}

/* ---------------------------------------------------------------- scan */

/* One scan's progress over the passages, in ascending order. */
typedef struct ScanState {
  int iHint, iDecision;    /* slot_of_passage(), is_decision() */
  int nSeen;               /* documents seen (the cache's aSeenSlot) */
  int bHits;               /* the scan made the hits itself */
} ScanState;

/* One matching passage, in ascending order: its document marked left out
** (bOut), or its rank and words added to its document's. */
static void scan_row(Search *s, ScanState *x, int bOut, sqlite3_int64 id, double score,
                     sqlite3_uint64 mask){
  SearchCache *c = s->c;
  int i = slot_of_passage(c, id, &x->iHint);
  if( i<0 ) return;
  if( bOut ){
    c->aOut[i] = c->iSearch;
    return;
  }
  if( c->nDecision && is_decision(c, id, &x->iDecision) ) score *= DECISION_FACTOR;
  if( c->aSeen[i]!=c->iScan ){
    c->aSeen[i] = c->iScan;
    top_first(&c->aTop[i], id, score);
    c->aMask[i] = mask;
    c->aSeenSlot[x->nSeen++] = i;
  }else{
    top_add(&c->aTop[i], id, score);
    c->aMask[i] |= mask;
  }
}

/* The scan of one term's postings (most searches): per document, the
** rank of its best passage, which the term cache noted per group.  The
** documents' best passages are found for the page only (lazy_top()). */
static void one_term_scan(Search *s, ScanState *x, const Postings *p){
  SearchCache *c = s->c;
  double *aShare = term_shares(p, 1);
  /* a group is a whole document unless bRepeated: its hit, at once */
  s->nHit = 0;
  x->bHits = !p->bRepeated;
  for(int g=0; g<p->nGroup && x->bHits; g++){
    int iSlot = p->aGroup[g];
    if( iSlot<0 || (s->bFiltered && !slot_passes(s, iSlot)) ) continue;
    add_hit(s, iSlot, 0, aShare[p->aBest[g]], 0);
  }
  for(int g=0; g<p->nGroup && !x->bHits; g++){
    int iSlot = p->aGroup[g];
    if( iSlot<0 ) continue;
    double best = aShare[p->aBest[g]];
    TopPassages *t = &c->aTop[iSlot];
    if( c->aSeen[iSlot]!=c->iScan ){
      c->aSeen[iSlot] = c->iScan;
      t->aScore[0] = best;
      c->aMask[iSlot] = 0;
      c->aSeenSlot[x->nSeen++] = iSlot;
    }else if( best>t->aScore[0] ){
      t->aScore[0] = best;
    }
  }
  s->pLazy = p;
  free(s->aLazyShare);
  s->aLazyShare = aShare;
}

/* After one_term_scan(): the best passages of the document in slot
** iSlot into its TopPassages, as scan_row() would have put them. */
static void lazy_top(Search *s, int iSlot){
  const Postings *p = s->pLazy;
  const DocSlot *d = &s->c->aDoc[iSlot];
  TopPassages *t = &s->c->aTop[iSlot];
  int iHint = 0, bFirst = 1;
  for(int k=gallop(p->aRow, p->n, 0, (uint32_t)d->iFirst); k<p->n && p->aRow[k]<=d->iLast; k++){
    if( slot_of_passage(s->c, p->aRow[k], &iHint)!=iSlot ) continue;
    double score = s->aLazyShare[p->aWhich[k]];
    if( bFirst ) top_first(t, p->aRow[k], score);
    else top_add(t, p->aRow[k], score);
    bFirst = 0;
  }
}

/* The scan through the term cache: 0 when done, 1 when FTS5 must do it. */
static int fast_scan(Search *s, ScanState *x, int bOut, int bMask){
  /* a caller's transaction may hold changes it will roll back: what it
  ** reads must not reach the cache that other connections share */
  if( pTermCache==0 || s->c->bProvisional ) return 1;
  Plan plan;
  Rows rows;
  if( plan_match(s, bOut, bMask, &plan, &rows) ) return 1;
  if( plan.n==1 && !bOut && !bMask ){
    one_term_scan(s, x, plan.ap[0]);
    rows_free(&rows);
    return 0;
  }
  /* per phrase: where its postings are, and its share per frequency */
  int aAt[PLAN_MAX];
  double *aShare[PLAN_MAX];
  for(int i=0; i<plan.n && !bOut; i++){
    aAt[i] = 0;
    aShare[i] = term_shares(plan.ap[i], 0);   /* scan_row() applies the factor */
  }
  for(int r=0; r<rows.n; r++){
    uint32_t id = rows.a[r];
    double score = 0;
    sqlite3_uint64 mask = 0;
    for(int i=0; i<plan.n && !bOut; i++){
      const Postings *p = plan.ap[i];
      int k = aAt[i];
      if( k<p->n && p->aRow[k]<id ) k = aAt[i] = gallop(p->aRow, p->n, k, id);
      if( k<p->n && p->aRow[k]==id ){
        score += aShare[i][p->aWhich[k]];
        if( bMask && i<s->nWord && i<62 ) mask |= (sqlite3_uint64)1 << i;
      }
    }
    scan_row(s, x, bOut, id, score, mask);
  }
  for(int i=0; i<plan.n && !bOut; i++) free(aShare[i]);
  rows_free(&rows);
  return 0;
}

/* Runs the expression of build_match() (bOut: of find()'s negated terms,
** zMatch) over the passages.  bOut: marks their documents as left out of
** this search.  Else collects one hit per document that passes the
** filters, with its best passage's score (a decision passage counts half
** again) and, with bMask (the relaxed expression), the words its passages
** have together; fewer than nMinWord and it is no hit. */
static int scan(Search *s, const char *zMatch, int bOut, int bMask, int nMinWord){
  SearchCache *c = s->c;
  if( ++c->iScan==0 ){
    memset(c->aSeen, 0, c->nDoc*sizeof(unsigned));
    c->iScan = 1;
  }
  ScanState x;
  memset(&x, 0, sizeof x);
  s->r->nScan++;
  s->pLazy = 0;
  if( fast_scan(s, &x, bOut, bMask)==0 ){
    s->r->nTermScan++;
  }else{
    sqlite3_stmt *st;
    const char *zSql = bOut ? "SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?1"
      : bMask ? "SELECT rowid, search_rank(passage_fts), search_mask(passage_fts, ?2)"
                " FROM passage_fts WHERE passage_fts MATCH ?1"
      : "SELECT rowid, search_rank(passage_fts) FROM passage_fts WHERE passage_fts MATCH ?1";
    if( sqlite3_prepare_v2(s->db, zSql, -1, &st, 0)!=SQLITE_OK ){
      return err_internal(s->err, "search failed: %s", sqlite3_errmsg(s->db));
    }
    sqlite3_bind_text(st, 1, zMatch, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, s->nWord);
    while( sqlite3_step(st)==SQLITE_ROW ){
      scan_row(s, &x, bOut, sqlite3_column_int64(st, 0),
               bOut ? 0 : sqlite3_column_double(st, 1),
               bMask ? (sqlite3_uint64)sqlite3_column_int64(st, 2) : 0);
    }
    if( sqlite3_finalize(st)!=SQLITE_OK ){
      return err_internal(s->err, "search failed: %s", sqlite3_errmsg(s->db));
    }
  }
  if( bOut ) return 0;
  if( !x.bHits ) s->nHit = 0;
  for(int k=0; k<x.nSeen && !x.bHits; k++){
    int i = c->aSeenSlot[k];
    int nWord = bMask ? __builtin_popcountll(c->aMask[i]) : 0;
    if( (bMask && nWord<nMinWord) || (s->bFiltered && !slot_passes(s, i)) ) continue;
    add_hit(s, i, nWord, c->aTop[i].aScore[0], c->aMask[i]);
  }
  s->bMask = bMask;
  s->r->nTotal = s->nHit;
  return 0;
}

/* With nothing to match: every document that passes the filters. */
static void browse(Search *s){
  s->nHit = 0;
  for(int i=0; i<s->c->nDoc; i++){
    if( slot_passes(s, i) ) add_hit(s, i, 0, 0, 0);
  }
  s->r->nTotal = s->nHit;
}

/* -------------------------------------------------- relaxing, spelling */

/* How many passages match word zWord as searched: 0, 1 or 2 (it stops
** counting there).  -1 on error. */
static int word_hits(Search *s, const char *zWord){
  Buf m = BUF_INIT;
  QueryNode w;
  memset(&w, 0, sizeof w);
  w.op = QUERY_WORD;
  w.zText = (char*)zWord;
  query_fts_term(&w, &m);
  sqlite3_stmt *st;
  int n = -1;
  if( sqlite3_prepare_v2(s->db, "SELECT count(*) FROM (SELECT 1 FROM passage_fts"
                         " WHERE passage_fts MATCH ?1 LIMIT 2)", -1, &st, 0)==SQLITE_OK ){
    sqlite3_bind_text(st, 1, m.z, -1, SQLITE_STATIC);
    if( sqlite3_step(st)==SQLITE_ROW ) n = sqlite3_column_int(st, 0);
  }
  if( sqlite3_finalize(st)!=SQLITE_OK ) n = -1;
  buf_release(&m);
  if( n<0 ) err_internal(s->err, "search failed: %s", sqlite3_errmsg(s->db));
  return n;
}

/* Scans the exact words of the index (terms ending in \x01; the others
** are stems) that start with the first nPrefix bytes of the folded word w
** and are longer, for the closest to w: at most nMax edits, the fewest,
** then the most frequent.  Updates *pzBest (in the arena), *pnBest
** (passages it is in), *pnDist, and *pnSelf (passages w itself is in).
** Reads at most CORRECT_SCAN_MAX terms.
**
** The range starts after the prefix itself (and its exact word), which
** may be one of the most frequent words there are ("van", "het"): too
** short to be a correction, and costly to count. */
static int scan_vocab(Search *s, const Buf *w, int nPrefix, int nMax, const char **pzBest,
                      sqlite3_int64 *pnBest, int *pnDist, sqlite3_int64 *pnSelf){
  char zLo[16], zHi[16];
  memcpy(zLo, w->z, nPrefix);
  zLo[nPrefix] = '\x02';
  memcpy(zHi, w->z, nPrefix);
  zHi[nPrefix-1]++;
  sqlite3_stmt *st = 0;
  int rc = sqlite3_exec(s->db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
                        " USING fts5vocab(main, passage_fts, 'row')", 0, 0, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_prepare_v2(s->db, "SELECT term, doc FROM temp.search_vocab"
                            " WHERE term >= ?1 AND term < ?2", -1, &st, 0);
  }
  if( rc==SQLITE_OK ){
    sqlite3_bind_text(st, 1, zLo, nPrefix+1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, zHi, nPrefix, SQLITE_STATIC);
    for(int nRow=0; nRow<CORRECT_SCAN_MAX && sqlite3_step(st)==SQLITE_ROW; nRow++){
      const char *zTerm = (const char*)sqlite3_column_text(st, 0);
      int nTerm = sqlite3_column_bytes(st, 0) - 1;
      if( nTerm<1 || zTerm[nTerm]!='\x01' ) continue;
      if( nTerm-(int)w->n > 2 || (int)w->n-nTerm > 2 ) continue;
      sqlite3_int64 nDoc = sqlite3_column_int64(st, 1);
      if( nTerm==(int)w->n && memcmp(zTerm, w->z, nTerm)==0 ){
        *pnSelf = nDoc;
        continue;
      }
      if( nDoc<CORRECT_MIN ) continue;
      int d = edit_distance(w->z, (int)w->n, zTerm, nTerm, nMax);
      if( d>nMax || d>*pnDist || (d==*pnDist && nDoc<=*pnBest) ) continue;
      *pnDist = d;
      *pnBest = nDoc;
      *pzBest = arena_strndup(s->r, zTerm, nTerm);
    }
    rc = sqlite3_finalize(st);
  }
  return rc==SQLITE_OK ? 0 : err_internal(s->err, "search failed: %s", sqlite3_errmsg(s->db));
}

/* The closest frequent word of the index to zWord (one word): in at
** least CORRECT_MIN passages (a made-up name is not corrected into
** another), one edit away for words of up to 4 letters, two beyond, the
** length at most 2 apart; the closest, then the most frequent.  Sets
** *pzBest (in the arena; NULL when there is none), *pnBest the passages
** it is in, *pnSelf those zWord is in.
**
** Counting a term's passages reads its whole list, so the cost of a scan
** is the size of the lists in its range: all the words with one first
** letter, or two, hold a word such as "van" or "het" in every passage, and
** cost tens of milliseconds on a large archive.  Only the words that share
** the first three letters are scanned: a typo in them is not corrected. */
static int closest_word(Search *s, const char *zWord, const char **pzBest,
                        sqlite3_int64 *pnBest, sqlite3_int64 *pnSelf){
  *pzBest = 0;
  *pnBest = *pnSelf = 0;
  Buf w = BUF_INIT;
  fold(zWord, 0, &w);
  int nPrefix = 0, nChar = 0;     /* bytes of the first three characters */
  while( nPrefix<(int)w.n && nChar<3 ){
    nPrefix++;
    if( nPrefix==(int)w.n || ((unsigned char)w.z[nPrefix] & 0xC0)!=0x80 ) nChar++;
  }
  int rc = 0;
  if( nChar==3 && nPrefix<=12 && w.n<=60 && (unsigned char)w.z[nPrefix-1]!=0xFF ){
    int nMax = w.n<=4 ? 1 : 2, nDist = nMax+1;
    rc = scan_vocab(s, &w, nPrefix, nMax, pzBest, pnBest, &nDist, pnSelf);
  }
  buf_release(&w);
  return rc;
}

/* Is z one word to the tokenizer (no ASCII punctuation)? */
static int is_single_word(const char *z){
  for(const unsigned char *p=(const unsigned char*)z; *p; p++){
    if( *p<0x80 && !isalnum(*p) ) return 0;
  }
  return 1;
}

/* The query text with word i replaced by azTo[i] where set, in the
** arena. */
static const char *rewrite_query(Search *s, const char *const *azTo){
  Buf b = BUF_INIT;
  const char *z = s->q->zText;
  int iDone = 0;
  for(int i=0; i<s->nWord; i++){
    if( azTo[i]==0 ) continue;
    const QueryNode *w = s->apWord[i];
    buf_append(&b, z+iDone, w->iByte-iDone);
    buf_puts(&b, azTo[i]);
    iDone = w->iByte + w->nByte;
  }
  buf_puts(&b, z+iDone);
  const char *zOut = arena_strdup(s->r, b.z);
  buf_release(&b);
  return zOut;
}

/* Replaces the words that match nothing by their closest frequent word,
** recording each correction and the query searched instead.  Returns
** how many, or -1. */
static int correct_words(Search *s){
  SearchResult *r = s->r;
  const char *azTo[SEARCH_WORDS_MAX] = { 0 };
  for(int i=0; i<s->nWord && i<CORRECT_WORDS_MAX; i++){
    if( !is_single_word(s->azWord[i]) ) continue;
    int n = word_hits(s, s->azWord[i]);
    if( n<0 ) return -1;
    if( n>0 ) continue;
    const char *zBest;
    sqlite3_int64 nBest, nSelf;
    if( closest_word(s, s->azWord[i], &zBest, &nBest, &nSelf) ) return -1;
    if( zBest==0 ) continue;
    SearchCorrection *a = arena_alloc(r, (r->nCorrected+1)*sizeof *a);
    if( r->nCorrected ) memcpy(a, r->aCorrected, r->nCorrected*sizeof *a);
    a[r->nCorrected].zFrom = arena_strdup(r, s->azWord[i]);
    a[r->nCorrected].zTo = zBest;
    r->aCorrected = a;
    r->nCorrected++;
    s->azWord[i] = azTo[i] = zBest;
  }
  if( r->nCorrected ) r->zSuggestion = rewrite_query(s, azTo);
  return r->nCorrected;
}

/* "Did you mean": each word that a word an edit or two away outnumbers
** SUGGEST_RATIO times.  Sets r->zSuggestion. */
static int suggest_words(Search *s){
  const char *azTo[SEARCH_WORDS_MAX] = { 0 };
  int nTo = 0;
  for(int i=0; i<s->nWord && i<CORRECT_WORDS_MAX; i++){
    if( !is_single_word(s->azWord[i]) ) continue;
    const char *zBest;
    sqlite3_int64 nBest, nSelf;
    if( closest_word(s, s->azWord[i], &zBest, &nBest, &nSelf) ) return -1;
    if( zBest && nBest >= SUGGEST_RATIO*(nSelf ? nSelf : 1) ){
      azTo[i] = zBest;
      nTo++;
    }
  }
  if( nTo ) s->r->zSuggestion = rewrite_query(s, azTo);
  return 0;
}

/* Is the result too thin for the words (the moment to relax)?  Nothing,
** or, for three words or more, fewer than SEARCH_FEW documents. */
static int too_few(const Search *s){
  return s->r->nTotal==0 || (s->r->nTotal < SEARCH_FEW && s->nWord>=3);
}

/* ------------------------------------------------------------ ordering */

/* <0 when hit a comes before hit b in the result of search pCtx. */
static int hit_cmp(const void *pa, const void *pb, void *pCtx){
  const Search *s = pCtx;
  SearchSort eSort = s->o->sort;
  const Hit *a = pa, *b = pb;
  if( a->nWord!=b->nWord ) return b->nWord - a->nWord;
  const DocSlot *da = &s->c->aDoc[a->iSlot], *db = &s->c->aDoc[b->iSlot];
  if( eSort!=SEARCH_RELEVANCE ){
    if( (da->iDate==0)!=(db->iDate==0) ) return da->iDate==0 ? 1 : -1;
    if( da->iDate!=db->iDate ){
      return (eSort==SEARCH_NEWEST) == (da->iDate>db->iDate) ? -1 : 1;
    }
  }
  if( a->score!=b->score ) return a->score > b->score ? -1 : 1;
  if( (da->iDate==0)!=(db->iDate==0) ) return da->iDate==0 ? 1 : -1;
  if( da->iDate!=db->iDate ) return da->iDate > db->iDate ? -1 : 1;
  if( eSort==SEARCH_OLDEST ) return da->id < db->id ? -1 : 1;
  return da->id > db->id ? -1 : 1;
}

static void hit_swap(Hit *a, int i, int j){
  Hit t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/* Puts the first nKeep hits, in order, at the front of s->aHit (the
** others stay behind them, in no order): through a heap of the nKeep best
** when that is much less than all. */
static void order_hits(Search *s, int nKeep){
  Hit *a = s->aHit;
  int n = s->nHit;
  if( n==0 ) return;
  if( nKeep>=n/4 ){
    qsort_r(a, n, sizeof(Hit), hit_cmp, s);
    return;
  }
  /* a[0..nKeep) is a heap with the worst kept hit on top */
  for(int k=1; k<nKeep; k++){
    for(int j=k; j>0 && hit_cmp(&a[(j-1)/2], &a[j], s)<0; j=(j-1)/2) hit_swap(a, j, (j-1)/2);
  }
  int bByRank = s->o->sort==SEARCH_RELEVANCE;
  for(int i=nKeep; i<n; i++){
    /* hit_cmp()'s first tests, without its call: most hits go here */
    if( bByRank && a[i].nWord==a[0].nWord && a[i].score<a[0].score ) continue;
    if( hit_cmp(&a[i], &a[0], s)>=0 ) continue;
    hit_swap(a, 0, i);
    for(int k=0;;){
      int iWorst = k, l = 2*k+1;
      if( l<nKeep && hit_cmp(&a[l], &a[iWorst], s)>0 ) iWorst = l;
      if( l+1<nKeep && hit_cmp(&a[l+1], &a[iWorst], s)>0 ) iWorst = l+1;
      if( iWorst==k ) break;
      hit_swap(a, k, iWorst);
      k = iWorst;
    }
  }
  qsort_r(a, nKeep, sizeof(Hit), hit_cmp, s);
}

/* --------------------------------------------------- the page, facets */

/* The words of the query that mask lacks, in the arena. */
static const char **missing_words(Search *s, sqlite3_uint64 mask, int *pn){
  const char **az = arena_alloc(s->r, (s->nWord+1)*sizeof(char*));
  int n = 0;
  for(int i=0; i<s->nWord; i++){
    if( !(mask & ((sqlite3_uint64)1<<i)) ) az[n++] = arena_strdup(s->r, s->azWord[i]);
  }
  *pn = n;
  return az;
}

static const char *col_str(SearchResult *r, sqlite3_stmt *st, int i){
  return arena_strdup(r, (const char*)sqlite3_column_text(st, i));
}

/* The start of z, cut at a character boundary, "…" when cut. */
static const char *text_start(SearchResult *r, const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n<=BROWSE_SNIPPET ) return arena_strndup(r, z ? z : "", n);
  n = BROWSE_SNIPPET;
  while( n>0 && ((unsigned char)z[n] & 0xC0)==0x80 ) n--;
  char *zOut = arena_alloc(r, n+4);
  memcpy(zOut, z, n);
  memcpy(zOut+n, "…", 4);
  return zOut;
}

/* ------------------------------------------------------------ snippets */

/*
** Snippets are cut here from the page's passages, not by FTS5's snippet():
** that runs the whole MATCH again for every document shown, and a prefix
** (energie*) costs milliseconds per run.  The query's terms, less the
** negated ones, are tokenized once with the Dutch tokenizer; a word of a
** passage is marked when the index would match it to a term: the same
** stem, the same exact word, or a word that starts with a prefix.  (The
** words of a phrase or NEAR group are marked wherever they occur.)
*/

typedef enum MarkKind { MARK_STEM, MARK_EXACT, MARK_PREFIX } MarkKind;

typedef struct MarkTerm {
  char *z; int n;           /* the token as the index holds it */
  MarkKind kind;
  int iTerm;                /* which query term (window scoring) */
} MarkTerm;

typedef struct Marker {
  const struct CacheKeep *k;  /* the tokenizer (not owned) */
  MarkTerm *a;
  int n;
  int iTerm;                /* terms so far */
  MarkKind kind;            /* of the term being tokenized */
} Marker;

/* A token of a passage: its bytes and the term it matches (-1: none). */
typedef struct MarkToken { int iStart, iEnd, iTerm; } MarkToken;

typedef struct MarkText {
  const Marker *m;
  MarkToken *a;
  int n;
} MarkText;

/* A Dutch tokenizer for db into *k, unless k has one. */
static int mark_tokenizer(sqlite3 *db, struct CacheKeep *k, Err *err){
  if( k->pTok ) return 0;
  fts5_api *pApi = 0;
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, 0)==SQLITE_OK ){
    sqlite3_bind_pointer(st, 1, (void*)&pApi, "fts5_api_ptr", 0);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  void *pUser = 0;
  if( pApi==0 || pApi->xFindTokenizer(pApi, "dutch", &pUser, &k->tok)!=SQLITE_OK
   || k->tok.xCreate(pUser, 0, 0, &k->pTok)!=SQLITE_OK ){
    k->pTok = 0;
    return err_internal(err, "search failed: no Dutch tokenizer on this connection");
  }
  return 0;
}

static int mark_term_cb(void *pCtx, int tflags, const char *z, int n, int iStart, int iEnd){
  Marker *m = pCtx;
  if( m->n % 8==0 ) m->a = xrealloc(m->a, (m->n+8)*sizeof(MarkTerm));
  MarkTerm *t = &m->a[m->n++];
  t->z = xrealloc(0, n+1);
  memcpy(t->z, z, n);
  t->z[n] = 0;
  t->n = n;
  t->kind = m->kind==MARK_PREFIX ? MARK_PREFIX
          : n>0 && z[n-1]==FTS_DUTCH_RAW_END ? MARK_EXACT : MARK_STEM;
  t->iTerm = m->iTerm;
  return SQLITE_OK;
}

/* Adds the tokens of term p as its FTS5 string says them (query.c marks
** the words of a phrase exact). */
static void mark_add_term(Marker *m, const QueryNode *p){
  Buf fts = BUF_INIT, text = BUF_INIT;
  query_fts_term(p, &fts);
  /* "..." or "..." *: the text between the quotes, "" read as " */
  const char *zEnd = strrchr(fts.z, '"');
  for(const char *z=fts.z+1; z<zEnd; z++){
    buf_putc(&text, *z);
    if( *z=='"' ) z++;
  }
  m->kind = p->op==QUERY_PREFIX ? MARK_PREFIX : MARK_STEM;
  int flags = FTS5_TOKENIZE_QUERY | (p->op==QUERY_PREFIX ? FTS5_TOKENIZE_PREFIX : 0);
  m->k->tok.xTokenize(m->k->pTok, m, flags, text.z, (int)text.n, mark_term_cb);
  if( m->iTerm<63 ) m->iTerm++;
  buf_release(&fts);
  buf_release(&text);
}

static void mark_add_node(Marker *m, const QueryNode *p){
  switch( p->op ){
    case QUERY_WORD: case QUERY_PHRASE: case QUERY_PREFIX:
      mark_add_term(m, p);
      break;
    case QUERY_NOT: case QUERY_FILTER:
      break;
    default:
      for(int i=0; i<p->nChild; i++) mark_add_node(m, p->apChild[i]);
  }
}

/* The terms of the search as it ran (words as corrected). */
static int mark_build(Search *s, Marker *m){
  memset(m, 0, sizeof *m);
  if( mark_tokenizer(s->db, &s->c->keep, s->err) ) return -1;
  m->k = &s->c->keep;
  for(int i=0; i<s->nWord; i++){
    QueryNode w = *s->apWord[i];
    w.zText = (char*)s->azWord[i];
    mark_add_term(m, &w);
  }
  for(int i=0; i<s->nMust; i++) mark_add_node(m, s->apMust[i]);
  return 0;
}

static void mark_free(Marker *m){
  for(int i=0; i<m->n; i++) free(m->a[i].z);
  free(m->a);
}

static int mark_match(const Marker *m, const char *z, int n){
  int nWord = n>0 && z[n-1]==FTS_DUTCH_RAW_END ? n-1 : n;
  for(int i=0; i<m->n; i++){
    const MarkTerm *t = &m->a[i];
    if( t->kind==MARK_PREFIX ? nWord>=t->n && memcmp(z, t->z, t->n)==0
                             : n==t->n && memcmp(z, t->z, n)==0 ){
      return t->iTerm;
    }
  }
  return -1;
}

static int mark_text_cb(void *pCtx, int tflags, const char *z, int n, int iStart, int iEnd){
  MarkText *x = pCtx;
  if( !(tflags & FTS5_TOKEN_COLOCATED) || x->n==0 ){
    if( x->n % 64==0 ) x->a = xrealloc(x->a, (x->n+64)*sizeof(MarkToken));
    x->a[x->n++] = (MarkToken){ iStart, iEnd, -1 };
  }
  MarkToken *t = &x->a[x->n-1];
  if( t->iTerm<0 ) t->iTerm = mark_match(x->m, z, n);
  return SQLITE_OK;
}

/* The tokens of z (n bytes) into x, each with the term it matches. */
static void mark_text(const Marker *m, const char *z, int n, MarkText *x){
  x->m = m;
  x->a = 0;
  x->n = 0;
  m->k->tok.xTokenize(m->k->pTok, x, FTS5_TOKENIZE_DOCUMENT, z, n, mark_text_cb);
}

/* Appends z[iFrom..iTo) with the matched tokens of x in it marked. */
static void mark_put(const MarkText *x, const char *z, int iFrom, int iTo,
                     int iFirst, int iLast, Buf *out){
  int iAt = iFrom;
  for(int i=iFirst; i<iLast; i++){
    if( x->a[i].iTerm<0 ) continue;
    buf_append(out, z+iAt, x->a[i].iStart-iAt);
    buf_puts(out, SEARCH_MARK_ON);
    buf_append(out, z+x->a[i].iStart, x->a[i].iEnd-x->a[i].iStart);
    buf_puts(out, SEARCH_MARK_OFF);
    iAt = x->a[i].iEnd;
  }
  buf_append(out, z+iAt, iTo-iAt);
}

/* The window of SNIPPET_TOKENS tokens with the most different terms, then
** the most matches; the earliest on a tie. */
static int snippet_start(const MarkToken *a, int n){
  if( n<=SNIPPET_TOKENS ) return 0;
  int iBest = 0;
  long nBest = -1;
  for(int i=0; i<n; i++){
    if( a[i].iTerm<0 ) continue;
    /* a little context before the first match */
    int iStart = i>SNIPPET_TOKENS/4 ? i-SNIPPET_TOKENS/4 : 0;
    if( iStart>n-SNIPPET_TOKENS ) iStart = n-SNIPPET_TOKENS;
    sqlite3_uint64 mask = 0;
    long nMatch = 0;
    for(int j=iStart; j<iStart+SNIPPET_TOKENS; j++){
      if( a[j].iTerm<0 ) continue;
      mask |= (sqlite3_uint64)1 << a[j].iTerm;
      nMatch++;
    }
    long score = __builtin_popcountll(mask)*1000L + nMatch;
    if( score>nBest ){
      nBest = score;
      iBest = iStart;
    }
  }
  return iBest;
}

/* The snippet of passage text z: its best window, "…" where cut, the
** matched words between SEARCH_MARK_ON and SEARCH_MARK_OFF. */
static const char *snippet_of(Search *s, const Marker *m, const char *z){
  int n = (int)strlen(z);
  MarkText x;
  mark_text(m, z, n, &x);
  int iFirst = snippet_start(x.a, x.n);
  int iLast = iFirst+SNIPPET_TOKENS < x.n ? iFirst+SNIPPET_TOKENS : x.n;
  Buf b = BUF_INIT;
  if( iFirst>0 ) buf_puts(&b, "…");
  mark_put(&x, z, iFirst>0 ? x.a[iFirst].iStart : 0, iLast<x.n ? x.a[iLast-1].iEnd : n,
           iFirst, iLast, &b);
  if( iLast<x.n ) buf_puts(&b, "…");
  const char *zOut = arena_strndup(s->r, b.z, b.n);
  buf_release(&b);
  free(x.a);
  return zOut;
}

/* ------------------------------------------------- marking whole texts */

struct SearchMarker {
  struct CacheKeep k;      /* its own tokenizer */
  Marker m;
};

int search_marker_new(sqlite3 *db, const char *zQuery, SearchMarker **pp, Err *err){
  *pp = 0;
  Query *q;
  if( query_parse(zQuery ? zQuery : "", &q, err) ) return -1;
  SearchMarker *p = xrealloc(0, sizeof *p);
  memset(p, 0, sizeof *p);
  if( mark_tokenizer(db, &p->k, err) ){
    query_free(q);
    free(p);
    return -1;
  }
  p->m.k = &p->k;
  if( q->pRoot ) mark_add_node(&p->m, q->pRoot);
  query_free(q);
  *pp = p;
  return 0;
}

void search_marker_mark(SearchMarker *p, const char *z, Buf *out){
  int n = (int)strlen(z);
  MarkText x;
  mark_text(&p->m, z, n, &x);
  mark_put(&x, z, 0, n, 0, x.n, out);
  free(x.a);
}

void search_marker_free(SearchMarker *p){
  if( p==0 ) return;
  mark_free(&p->m);
  if( p->k.pTok ) p->k.tok.xDelete(p->k.pTok);
  free(p);
}

/* A statement of the search, prepared on its first use. */
static sqlite3_stmt *page_stmt(Search *s, sqlite3_stmt **pp, const char *zSql){
  if( *pp==0 && sqlite3_prepare_v2(s->db, zSql, -1, pp, 0)!=SQLITE_OK ){
    err_internal(s->err, "search failed: %s", sqlite3_errmsg(s->db));
    *pp = 0;
  }
  return *pp;
}

/* The best passages of document d (slot iSlot) with their snippets; with
** nothing to match, its first passage. */
static int load_passages(Search *s, const Marker *m, SearchDoc *d, int iSlot){
  sqlite3_stmt *st;
  if( s->match.n==0 ){
    st = page_stmt(s, &s->stFirst, "SELECT heading, text FROM passage WHERE document_id=?1"
                                   " ORDER BY seq LIMIT 1");
    if( st==0 ) return -1;
    sqlite3_bind_int64(st, 1, d->id);
    if( sqlite3_step(st)==SQLITE_ROW ){
      SearchPassage *p = &d->aPassage[d->nPassage++];
      p->zHeading = col_str(s->r, st, 0);
      p->zSnippet = text_start(s->r, (const char*)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    return 0;
  }
  st = page_stmt(s, &s->stPassage, "SELECT heading, text FROM passage WHERE id=?1");
  if( st==0 ) return -1;
  if( s->pLazy ) lazy_top(s, iSlot);
  const TopPassages *t = &s->c->aTop[iSlot];
  for(int i=0; i<SEARCH_PASSAGES && t->aId[i]; i++){
    sqlite3_bind_int64(st, 1, t->aId[i]);
    if( sqlite3_step(st)==SQLITE_ROW ){
      SearchPassage *p = &d->aPassage[d->nPassage++];
      p->zHeading = col_str(s->r, st, 0);
      const char *zText = (const char*)sqlite3_column_text(st, 1);
      p->zSnippet = snippet_of(s, m, zText ? zText : "");
    }
    sqlite3_reset(st);
  }
  return 0;
}

/* The page asked for: the documents with their passages. */
static int load_page(Search *s, int nOffset, int nLimit){
  SearchResult *r = s->r;
  int nEnd = nOffset+nLimit < s->nHit ? nOffset+nLimit : s->nHit;
  if( nOffset>=nEnd ) return 0;
  sqlite3_stmt *st = page_stmt(s, &s->stDoc,
                         "SELECT d.title, d.original_name, d.sha256, d.date, b.name,"
                         " t.name, d.kind FROM document d LEFT JOIN body b ON b.id=d.body_id"
                         " LEFT JOIN topic t ON t.id=d.topic_id WHERE d.id=?1");
  Marker m;
  if( st==0 || mark_build(s, &m) ) return -1;
  r->aDoc = arena_alloc(r, (nEnd-nOffset)*sizeof(SearchDoc));
  memset(r->aDoc, 0, (nEnd-nOffset)*sizeof(SearchDoc));
  int rc = 0;
  for(int i=nOffset; i<nEnd && rc==0; i++){
    const Hit *h = &s->aHit[i];
    SearchDoc *d = &r->aDoc[r->nDoc++];
    d->id = s->c->aDoc[h->iSlot].id;
    sqlite3_bind_int64(st, 1, d->id);
    if( sqlite3_step(st)==SQLITE_ROW ){
      d->zTitle = col_str(r, st, 0);
      d->zOriginalName = col_str(r, st, 1);
      d->zSha256 = col_str(r, st, 2);
      d->zDate = col_str(r, st, 3);
      d->zBody = col_str(r, st, 4);
      d->zTopic = col_str(r, st, 5);
      d->zKind = col_str(r, st, 6);
    }
    sqlite3_reset(st);
    if( s->bMask ) d->azMissing = missing_words(s, h->mask, &d->nMissing);
    rc = load_passages(s, &m, d, h->iSlot);
  }
  mark_free(&m);
  return rc;
}

static const char *name_of(const NameTable *t, int id){
  int lo = 0, hi = t->n - 1;
  while( lo<=hi ){
    int mid = (lo+hi)/2;
    if( t->a[mid].id==id ) return t->a[mid].zName;
    if( t->a[mid].id<id ) lo = mid+1; else hi = mid-1;
  }
  return 0;
}

static int count_cmp(const void *pa, const void *pb){
  const SearchCount *a = pa, *b = pb;
  if( (a->zValue==0)!=(b->zValue==0) ) return a->zValue==0 ? 1 : -1;
  if( a->n!=b->n ) return a->n > b->n ? -1 : 1;
  return a->zValue ? strcmp(a->zValue, b->zValue) : 0;
}

static int year_cmp(const void *pa, const void *pb){
  const SearchCount *a = pa, *b = pb;
  if( (a->zValue==0)!=(b->zValue==0) ) return a->zValue==0 ? 1 : -1;
  return a->zValue ? strcmp(b->zValue, a->zValue) : 0;
}

/* The name of value i of facet k, in the arena; NULL when it has none. */
static const char *facet_name(Search *s, SearchFacetKey k, int i){
  const SearchCache *c = s->c;
  char zYear[16];
  switch( k ){
    case SEARCH_FACET_BODY: return arena_strdup(s->r, name_of(&c->body, i));
    case SEARCH_FACET_TOPIC: return arena_strdup(s->r, name_of(&c->topic, i));
    case SEARCH_FACET_KIND: return arena_strdup(s->r, c->azKind[i]);
    case SEARCH_FACET_YEAR:
      snprintf(zYear, sizeof zYear, "%d", c->iMinYear + i);
      return arena_strdup(s->r, zYear);
    default: return arena_strdup(s->r, name_of(&c->org, i));
  }
}

/* Facet k from the counts a[0..n) by value; a[n] counts the documents
** without a value, and those whose value has no name (a body, topic or
** gemeente no longer in its table) join them. */
static void put_facet(Search *s, SearchFacetKey k, long long *a, int n){
  SearchResult *r = s->r;
  int nValue = 1;
  for(int i=0; i<n; i++) nValue += a[i]>0;
  r->aFacet[k] = arena_alloc(r, nValue*sizeof(SearchCount));
  for(int i=0; i<n; i++){
    if( a[i]==0 ) continue;
    const char *zName = facet_name(s, k, i);
    if( zName==0 ){
      a[n] += a[i];
      continue;
    }
    SearchCount *c = &r->aFacet[k][r->anFacet[k]++];
    c->zValue = zName;
    c->n = a[i];
  }
  if( a[n] && k!=SEARCH_FACET_MUNICIPALITY ){
    SearchCount *c = &r->aFacet[k][r->anFacet[k]++];
    c->zValue = 0;
    c->n = a[n];
  }
  qsort(r->aFacet[k], r->anFacet[k], sizeof(SearchCount),
        k==SEARCH_FACET_YEAR ? year_cmp : count_cmp);
}

/* Every facet over all the hits, in one pass.  A document without a
** value counts under NULL (listed last), so that each facet but the
** municipalities adds up to the total; a document may count under several
** municipalities or none. */
static void count_facets(Search *s){
  const SearchCache *c = s->c;
  int an[SEARCH_NFACET] = {
    c->body.iMax+1, c->topic.iMax+1, c->nKind,
    c->iMaxYear ? c->iMaxYear-c->iMinYear+1 : 0, c->org.iMax+1,
  };
  long long *a[SEARCH_NFACET];
  for(int k=0; k<SEARCH_NFACET; k++){
    a[k] = xrealloc(0, (an[k]+1)*sizeof(long long));
    memset(a[k], 0, (an[k]+1)*sizeof(long long));
  }
  long long *aCount = xrealloc(0, (c->nCombo+1)*sizeof(long long));   /* per combination */
  memset(aCount, 0, (c->nCombo+1)*sizeof(long long));
  for(int h=0; h<s->nHit; h++) aCount[c->aCombo[s->aHit[h].iSlot]]++;
  /* a value out of range (none, or no longer known) counts at a[k][an[k]] */
#define FACET_ADD(k, v, n) a[k][(unsigned)(v)<(unsigned)an[k] ? (v) : an[k]] += n
  for(int k=0; k<c->nCombo; k++){
    long long n = aCount[k];
    if( n==0 ) continue;
    int i = c->aComboSlot[k];
    const DocSlot *d = &c->aDoc[i];
    FACET_ADD(SEARCH_FACET_BODY, d->iBody ? d->iBody : -1, n);
    FACET_ADD(SEARCH_FACET_TOPIC, d->iTopic ? d->iTopic : -1, n);
    FACET_ADD(SEARCH_FACET_KIND, d->iKind, n);
    FACET_ADD(SEARCH_FACET_YEAR, d->iDate ? d->iDate/10000 - c->iMinYear : -1, n);
    for(int j=c->bMunicipality ? c->aOrgStart[i] : 0; c->bMunicipality && j<c->aOrgStart[i+1]; j++){
      FACET_ADD(SEARCH_FACET_MUNICIPALITY, c->aOrg[j], n);
    }
  }
#undef FACET_ADD
  free(aCount);
  for(int k=0; k<SEARCH_NFACET; k++){
    if( k!=SEARCH_FACET_MUNICIPALITY || c->bMunicipality ){
      put_facet(s, (SearchFacetKey)k, a[k], an[k]);
    }
    free(a[k]);
  }
}

/* ------------------------------------------------------------- running */

/* Steps 2 to 4 of the header comment. */
static int find(Search *s){
  SearchResult *r = s->r;
  SearchCache *c = s->c;
  if( ++c->iSearch==0 ){
    memset(c->aOut, 0, c->nDoc*sizeof(unsigned));
    c->iSearch = 1;
  }
  if( s->nNot ){
    Buf out = BUF_INIT;
    for(int i=0; i<s->nNot; i++){
      buf_puts(&out, i ? " OR (" : "(");
      query_fts(s->apNot[i], &out);
      buf_putc(&out, ')');
    }
    int rc = scan(s, out.z, 1, 0, 0);
    buf_release(&out);
    if( rc ) return -1;
  }
  build_match(s, 0);
  if( s->match.n==0 ){
    browse(s);
    return 0;
  }
  if( scan(s, s->match.z, 0, 0, 0) ) return -1;
  if( s->nWord==0 || r->nTotal>=SEARCH_FEW ) return 0;
  int nCorrected = too_few(s) ? correct_words(s) : 0;
  if( nCorrected<0 ) return -1;
  if( nCorrected ){
    r->bRelaxed = 1;
    build_match(s, 0);
    if( scan(s, s->match.z, 0, 0, 0) ) return -1;
  }
  if( s->nWord>=2 && too_few(s) ){
    build_match(s, 1);
    if( scan(s, s->match.z, 0, 1, (s->nWord+1)/2) ) return -1;
    /* relaxed when a document lacks a word; the best one's are "missing" */
    const Hit *pBest = 0;
    for(int i=0; i<s->nHit; i++){
      if( s->aHit[i].nWord<s->nWord ) r->bRelaxed = 1;
      if( pBest==0 || hit_cmp(&s->aHit[i], pBest, s)<0 ) pBest = &s->aHit[i];
    }
    if( pBest ) r->azMissing = missing_words(s, pBest->mask, &r->nMissing);
  }
  if( !nCorrected && r->nTotal<SEARCH_FEW && suggest_words(s) ) return -1;
  return 0;
}

static double now_ms(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec*1e3 + ts.tv_nsec/1e6;
}

/* Is anything filtered by the flags? */
static int has_flag_filter(const SearchFilter *f){
  return f->nBody || f->nTopic || f->nKind || f->nMunicipality
      || (f->zFrom && f->zFrom[0]) || (f->zTo && f->zTo[0]);
}

/* Opens the one snapshot of the archive that every statement of a search
** reads (a savepoint, so also inside a caller's transaction) and makes
** the functions and the cache ready.  On success the caller ends it with
** RELEASE. */
static int search_begin(sqlite3 *db, SearchCache **pc, Err *err){
  int bOuter = !sqlite3_get_autocommit(db);
  if( sqlite3_exec(db, "SAVEPOINT search", 0, 0, 0)!=SQLITE_OK ){
    return err_internal(err, "search failed: %s", sqlite3_errmsg(db));
  }
  if( register_functions(db, err) || cache_get(db, bOuter, pc, err) ){
    sqlite3_exec(db, "RELEASE search", 0, 0, 0);
    return -1;
  }
  return 0;
}

int search_exec(sqlite3 *db, const SearchOpts *o, SearchResult *r, Err *err){
  double t0 = now_ms();
  Search s;
  memset(&s, 0, sizeof s);
  memset(r, 0, sizeof *r);
  s.db = db;
  s.o = o;
  s.r = r;
  s.err = err;
  int rc = query_parse(o->zQuery ? o->zQuery : "", &s.q, err);
  if( rc==0 ){
    split_query(&s);
    int bFilter = s.q->nFilter>0 || has_flag_filter(&o->filter);
    if( s.nWord+s.nMust==0 && !bFilter ){
      rc = err_set(err, s.nNot ? "nothing to search for: \"-\" only leaves out; add a word"
                                 " or a filter"
                               : "empty query: give words to search for or a filter");
    }
  }
  int bBegun = rc==0 && search_begin(db, &s.c, err)==0;
  if( rc==0 && !bBegun ) rc = -1;
  if( bBegun ) s.aHit = s.c->aHit;
  if( rc==0 ) rc = resolve_filters(&s);
  if( rc==0 ) rc = find(&s);
  if( rc==0 ){
    int nLimit = o->nLimit>0 ? o->nLimit : 10;
    if( nLimit>SEARCH_LIMIT_MAX ) nLimit = SEARCH_LIMIT_MAX;
    int nOffset = o->nOffset<=0 ? 0 : o->nOffset<s.nHit ? o->nOffset : s.nHit;
    order_hits(&s, nOffset+nLimit < s.nHit ? nOffset+nLimit : s.nHit);
    rc = load_page(&s, nOffset, nLimit);
  }
  if( rc==0 ) count_facets(&s);
  if( bBegun ) sqlite3_exec(db, "RELEASE search", 0, 0, 0);
  query_free(s.q);
  free(s.apMust);
  free(s.apNot);
  free(s.aLazyShare);
  for(int i=0; i<s.nHeld; i++) termcache_release(pTermCache, s.apHeld[i]);
  free(s.apHeld);
  buf_release(&s.match);
  sqlite3_finalize(s.stDoc);
  sqlite3_finalize(s.stPassage);
  sqlite3_finalize(s.stFirst);
  if( rc ){
    search_result_free(r);
    return -1;
  }
  r->tookMs = now_ms() - t0;
  return 0;
}

int search_prepare(sqlite3 *db, Err *err){
  SearchCache *c;
  if( search_begin(db, &c, err) ) return -1;
  sqlite3_exec(db, "RELEASE search", 0, 0, 0);
  return 0;
}

/* ---------------------------------------------------------------- JSON */

/* z as HTML text, the marks as <mark> and </mark>. */
static json_t *snippet_html(const char *z){
  Buf b = BUF_INIT;
  html_escape_marked(&b, z, strlen(z));
  json_t *j = json_stringn(b.z, b.n);
  buf_release(&b);
  return j ? j : json_string("");
}

/* A string, or null; invalid UTF-8 (which the archive never holds) too. */
static json_t *str_json(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_null();
}

static json_t *words_json(const char *const *az, int n){
  json_t *a = json_array();
  for(int i=0; i<n; i++) json_array_append_new(a, str_json(az[i]));
  return a;
}

const char *search_facet_name(SearchFacetKey k){
  static const char *azName[SEARCH_NFACET] = { "body", "topic", "kind", "year", "municipality" };
  return k>=0 && k<SEARCH_NFACET ? azName[k] : "?";
}

json_t *search_json(const SearchResult *r){
  json_t *res = json_object();
  json_object_set_new(res, "total", json_integer(r->nTotal));
  json_t *aDoc = json_array();
  for(int i=0; i<r->nDoc; i++){
    const SearchDoc *d = &r->aDoc[i];
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(d->id));
    json_object_set_new(j, "title", str_json(d->zTitle));
    json_object_set_new(j, "original_name", str_json(d->zOriginalName));
    json_object_set_new(j, "sha256", str_json(d->zSha256));
    json_object_set_new(j, "date", str_json(d->zDate));
    json_object_set_new(j, "body", str_json(d->zBody));
    json_object_set_new(j, "topic", str_json(d->zTopic));
    json_object_set_new(j, "kind", str_json(d->zKind));
    json_t *aPassage = json_array();
    for(int k=0; k<d->nPassage; k++){
      json_t *p = json_object();
      json_object_set_new(p, "heading", str_json(d->aPassage[k].zHeading));
      json_object_set_new(p, "snippet", snippet_html(d->aPassage[k].zSnippet));
      json_array_append_new(aPassage, p);
    }
    json_object_set_new(j, "passages", aPassage);
    if( d->nMissing ) json_object_set_new(j, "missing", words_json(d->azMissing, d->nMissing));
    json_array_append_new(aDoc, j);
  }
  json_object_set_new(res, "results", aDoc);
  json_t *facets = json_object();
  for(int k=0; k<SEARCH_NFACET; k++){
    json_t *a = json_array();
    for(int i=0; i<r->anFacet[k]; i++){
      json_t *c = json_object();
      json_object_set_new(c, "value", str_json(r->aFacet[k][i].zValue));
      json_object_set_new(c, "count", json_integer(r->aFacet[k][i].n));
      json_array_append_new(a, c);
    }
    json_object_set_new(facets, search_facet_name((SearchFacetKey)k), a);
  }
  json_object_set_new(res, "facets", facets);
  json_object_set_new(res, "relaxed", json_boolean(r->bRelaxed));
  if( r->nMissing ) json_object_set_new(res, "missing", words_json(r->azMissing, r->nMissing));
  if( r->nCorrected ){
    json_t *a = json_array();
    for(int i=0; i<r->nCorrected; i++){
      json_t *c = json_object();
      json_object_set_new(c, "from", str_json(r->aCorrected[i].zFrom));
      json_object_set_new(c, "to", str_json(r->aCorrected[i].zTo));
      json_array_append_new(a, c);
    }
    json_object_set_new(res, "corrected", a);
  }
  if( r->zSuggestion ) json_object_set_new(res, "suggestion", str_json(r->zSuggestion));
  json_object_set_new(res, "took_ms", json_real(r->tookMs));
  return res;
}

json_t *search_run(sqlite3 *db, const SearchOpts *o, Err *err){
  SearchResult r;
  if( search_exec(db, o, &r, err) ) return 0;
  json_t *j = search_json(&r);
  search_result_free(&r);
  return j;
}

long long search_resolve(sqlite3 *db, const char *zWhat, const char *zName, Err *err){
  NameTable t;
  IdSet ids;
  memset(&t, 0, sizeof t);
  memset(&ids, 0, sizeof ids);
  Build b = { db, 0, &t, 0, err };
  long long id = -1;
  if( cache_query(&b, strcmp(zWhat, "topic")==0 ? zTopicNames : zBodyNames, row_name)==0
   && resolve_name(zWhat, zName, &t, 0, &ids, err)==0 ){
    id = ids.a[0];
  }
  names_clear(&t);
  return id;
}

int search_sort_parse(const char *z){
  if( strcmp(z, "relevance")==0 ) return SEARCH_RELEVANCE;
  if( strcmp(z, "newest")==0 ) return SEARCH_NEWEST;
  if( strcmp(z, "oldest")==0 ) return SEARCH_OLDEST;
  return -1;
}
