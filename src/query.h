/*
** query.h — the search query language: the user's text read into a tree
** of words, phrases, prefixes, NEAR groups, AND, OR and NOT, with its
** inline filters (orgaan:, onderwerp:, soort:, gemeente:, datum: and their
** English names) taken out, and the tree written as an FTS5 expression.
**
** User text never reaches FTS5 as syntax: every word, phrase and prefix is
** written as an FTS5 string, and the operators are the parser's own.  A
** malformed query is read leniently where its meaning is plain (a lone
** "-", a dangling OR, AND AND, an unknown key as words) and refused with
** its position where guessing would change it (an unclosed quote or
** parenthesis, a bad date, a filter under OR).  README.md, "Query
** language", is the user's description; keep the two in step.
*/
#ifndef OVERLEG_QUERY_H
#define OVERLEG_QUERY_H

#include "buf.h"
#include "err.h"

#define QUERY_MAX_BYTES 1000  /* longer queries are refused */
#define QUERY_MAX_TERMS 64    /* words, phrases and prefixes in one query */
#define QUERY_MAX_DEPTH 16    /* nested parentheses */
#define QUERY_NEAR_DEFAULT 10 /* "a NEAR b": tokens between, as in FTS5 */

typedef enum QueryOp {
  QUERY_WORD,      /* stemmed, diacritics folded */
  QUERY_PHRASE,    /* "quoted": every word exact, in order */
  QUERY_PREFIX,    /* word*: unstemmed prefix */
  QUERY_AND,       /* children: all must match (NOT children exclude) */
  QUERY_OR,
  QUERY_NOT,       /* one child; only directly under an AND */
  QUERY_NEAR,      /* children are words, phrases or prefixes */
  QUERY_FILTER     /* only while parsing: never in a parsed tree */
} QueryOp;

typedef struct QueryNode QueryNode;
struct QueryNode {
  QueryOp op;
  int iPos;               /* where it starts: 1-based character position */
  int iByte, nByte;       /* WORD: its bytes in Query.zText */
  char *zText;            /* WORD, PHRASE, PREFIX: the user's text */
  int nNear;              /* NEAR: the distance; FILTER: its Query.aFilter */
  QueryNode **apChild;
  int nChild;
};

typedef enum QueryKey {
  QUERY_BODY, QUERY_TOPIC, QUERY_KIND, QUERY_MUNICIPALITY, QUERY_DATE
} QueryKey;

typedef struct QueryFilter {
  QueryKey key;
  char *zValue;           /* as written, quotes removed, "_" made " " */
  int iPos;
} QueryFilter;

/* ISO dates "YYYY-MM-DD", inclusive; "" where the range is open. */
typedef struct QueryDates { char zFrom[11], zTo[11]; } QueryDates;

typedef struct Query {
  char *zText;            /* the query as read: U+E000 removed, typographic
                          ** double quotes made ASCII */
  QueryNode *pRoot;       /* NULL when the query is only filters */
  QueryFilter *aFilter;   /* in the order written */
  int nFilter;
  QueryDates dates;       /* every datum: filter, intersected */
} Query;

/* Reads zQuery.  Returns 0 and a new Query in *pp (free it with
** query_free()), or -1 with *pp = NULL and err set to a message that names
** the position: "unclosed quote at position 12". */
int query_parse(const char *zQuery, Query **pp, Err *err);
void query_free(Query *q);            /* accepts NULL */

/* Appends p as an FTS5 expression.  When p is an AND whose children are
** all NOT, or a NOT, it has nothing to match: query_fts() appends nothing
** and query_fts_excluded() gives the expression of what it excludes. */
void query_fts(const QueryNode *p, Buf *out);
void query_fts_excluded(const QueryNode *p, Buf *out);
/* One term as an FTS5 string: WORD "w", PREFIX "w" *, PHRASE with every
** token marked exact. */
void query_fts_term(const QueryNode *p, Buf *out);

/* Appends the tree in a canonical form for tests and messages:
** AND(w"a", p"b c", NOT(x"d*"), OR(...), NEAR/5(...)). */
void query_dump(const QueryNode *p, Buf *out);

/* A date filter value: 2021, 2021-03, 2021-03-01, A..B (either side may
** be left out), >P, >=P, <P, <=P.  0 with the inclusive range in *pd, or
** -1 when it is none of those. */
int query_dates(const char *z, QueryDates *pd);
/* The first and the last day of the period z (YYYY, YYYY-MM or
** YYYY-MM-DD); -1 when z is not one. */
int query_period(const char *z, char zFirst[11], char zLast[11]);
/* The days a period from zFrom to zTo covers, each end YYYY, YYYY-MM or
** YYYY-MM-DD (NULL or "": open): the first day of zFrom into zFirst, the
** last day of zTo into zLast ("" for an open end).  0, or -1 with err set
** to "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)". */
int query_span(const char *zFrom, const char *zTo, char zFirst[11], char zLast[11], Err *err);

#endif
