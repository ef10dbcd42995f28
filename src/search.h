/*
** search.h — finding documents: the query language (query.h) run on the
** full-text index, filters, ranking, relaxation and spelling correction,
** facets and snippets.
**
** search_exec() fills a SearchResult (plain C, snippets marked with
** SEARCH_MARK_ON / SEARCH_MARK_OFF, control characters no document text
** holds); search_json() turns it into the JSON of "overleg search --json"
** and /api/search, in which snippets are HTML: escaped text with <mark>.
** search_run() does both.  README.md, "overleg search", documents the
** JSON.
*/
#ifndef OVERLEG_SEARCH_H
#define OVERLEG_SEARCH_H

#include <jansson.h>
#include <sqlite3.h>
#include "buf.h"
#include "err.h"

#define SEARCH_MARK_ON  "\x02"
#define SEARCH_MARK_OFF "\x03"

#define SEARCH_FILTER_MAX 16     /* values per filter key */
#define SEARCH_PASSAGES 3        /* best passages shown per document */
#define SEARCH_LIMIT_MAX 100     /* documents per page at most */

/* Filters besides the query's own (flags, API parameters).  Values of one
** key are alternatives; keys combine with AND, also with the query's
** filters.  Names as the user writes them: "BO Wonen", "bestuurlijk
** overleg wonen", "BO" (every BO); dates as periods: 2021, 2021-03,
** 2021-03-01 (zFrom from the period's first day, zTo to its last). */
typedef struct SearchFilter {
  const char *azBody[SEARCH_FILTER_MAX];          int nBody;
  const char *azTopic[SEARCH_FILTER_MAX];         int nTopic;
  const char *azKind[SEARCH_FILTER_MAX];          int nKind;
  const char *azMunicipality[SEARCH_FILTER_MAX];  int nMunicipality;
  const char *zFrom, *zTo;                        /* NULL: open */
} SearchFilter;

typedef enum SearchSort { SEARCH_RELEVANCE, SEARCH_NEWEST, SEARCH_OLDEST } SearchSort;

typedef struct SearchOpts {
  const char *zQuery;      /* the query language; NULL or "" with filters */
  SearchFilter filter;
  SearchSort sort;
  int nLimit;              /* documents per page; 0 = 10, at most SEARCH_LIMIT_MAX */
  int nOffset;
} SearchOpts;

typedef struct SearchPassage {
  const char *zHeading;    /* heading path, " > "-joined; "" at the top */
  const char *zSnippet;    /* with SEARCH_MARK_ON/OFF around matches */
} SearchPassage;

typedef struct SearchDoc {
  long long id;
  const char *zTitle, *zOriginalName, *zSha256;
  const char *zDate, *zBody, *zTopic, *zKind;   /* NULL when unknown */
  SearchPassage aPassage[SEARCH_PASSAGES];
  int nPassage;
  const char **azMissing;  /* relaxed: the query's words it lacks */
  int nMissing;
} SearchDoc;

typedef struct SearchCount {
  const char *zValue;      /* NULL: documents without one */
  long long n;
} SearchCount;

typedef enum SearchFacetKey {
  SEARCH_FACET_BODY, SEARCH_FACET_TOPIC, SEARCH_FACET_KIND, SEARCH_FACET_YEAR,
  SEARCH_FACET_MUNICIPALITY, SEARCH_NFACET
} SearchFacetKey;

/* The facet's name in JSON: "body", "topic", "kind", "year", "municipality". */
const char *search_facet_name(SearchFacetKey k);

typedef struct SearchCorrection { const char *zFrom, *zTo; } SearchCorrection;

typedef struct SearchResult {
  long long nTotal;        /* documents found */
  SearchDoc *aDoc;         /* the page asked for */
  int nDoc;
  SearchCount *aFacet[SEARCH_NFACET];   /* over all nTotal documents */
  int anFacet[SEARCH_NFACET];
  int bRelaxed;            /* not every word matched, or words were corrected */
  const char **azMissing;  /* relaxed: the words the best document lacks */
  int nMissing;
  SearchCorrection *aCorrected;         /* words replaced before searching */
  int nCorrected;
  const char *zSuggestion; /* a better query ("did you mean"), or NULL;
                           ** when words were corrected, the query run */
  double tookMs;
  int nScan, nTermScan;    /* passes over the matches; those the term
                           ** cache served (search_term_cache()) */
  struct SearchArena *pArena;           /* owns every string above */
} SearchResult;

/* Runs o on db (a connection from store_open or store_connect).  Returns
** 0 with *r filled (free it with search_result_free()), or -1 with err
** set to a message for the user ("unclosed quote at position 12",
** "unknown body "BO Woonen" (did you mean "BO Wonen"?)") and *r empty.
** Uses temp tables and functions of its own on db. */
int search_exec(sqlite3 *db, const SearchOpts *o, SearchResult *r, Err *err);
void search_result_free(SearchResult *r);   /* leaves r empty */

/* Makes ready on db what searches need (its SQL functions and the cache
** of every document's filter values, rebuilt by a search after the
** archive changes): optional, so that a server's first search on a
** connection is as fast as the next.  0, or -1 with err set. */
int search_prepare(sqlite3 *db, Err *err);

/* The search generation db sees (schema version 11): it moves on with
** every change to what search reads, and only then, so that an answer
** kept under it stays right while it stands.  -1 when it cannot be read. */
sqlite3_int64 search_generation(sqlite3 *db);

/* Keeps up to nBytes of the passages of query terms in memory, in one
** cache that every connection of the process shares, so that a search
** combines its terms there instead of stepping FTS5 through them
** (postings.h; the server's --term-cache).  0, the default, keeps none.
** Set it while no search runs: it replaces the cache. */
void search_term_cache(size_t nBytes);

/* Marks a query's matches in any text (the document page), as snippets
** are marked: the same stem, the same exact word, a word that starts with
** a prefix; negated terms are not marked.  search_marker_new() returns 0,
** or -1 with err set when the query does not parse.  The marker uses db's
** FTS5 and may be used while db is open. */
typedef struct SearchMarker SearchMarker;
int search_marker_new(sqlite3 *db, const char *zQuery, SearchMarker **pp, Err *err);
/* Appends z to out with each match between SEARCH_MARK_ON and
** SEARCH_MARK_OFF. */
void search_marker_mark(SearchMarker *m, const char *z, Buf *out);
void search_marker_free(SearchMarker *m);   /* accepts NULL */

/* The result as a new JSON object (the caller decrefs), in the shape of
** /api/search. */
json_t *search_json(const SearchResult *r);

/* search_exec() and search_json(): a new JSON object, or NULL with err
** set. */
json_t *search_run(sqlite3 *db, const SearchOpts *o, Err *err);

/* The id of the body or topic (zWhat: "body" or "topic") that zName names
** as filters take it: its name or full name, capitals, accents, spaces,
** "-" and "_" aside ("BO Wonen", "bestuurlijk overleg wonen", "bo-wonen");
** of two such, the first made.  Returns the id, or -1 with err set:
** unknown body "BO Woonen" (did you mean "BO Wonen"?). */
long long search_resolve(sqlite3 *db, const char *zWhat, const char *zName, Err *err);

/* The document kind zName stands for in the query language ("verslag",
** "notulen" and "minutes" -> "verslag"), capitals aside; NULL when none. */
const char *search_kind(const char *zName);

/* The sort named z ("relevance", "newest", "oldest"), or -1. */
int search_sort_parse(const char *z);

#endif
