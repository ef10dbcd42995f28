/*
** t_fixtures.c — documents made by real office software against what they
** are known to contain.
**
** tests/fixtures/ holds files that LibreOffice 7.4 and pandoc 2.17 made
** from the hand-written sources in tests/fixtures/src/ (regenerate with
** tests/fixtures/make-fixtures.sh; CI uses the committed files), and
** edge.fodt, written by hand.  Beside each file, NAME.EXT.txt is the exact
** output of `overleg extract NAME.EXT`, written from what the document
** shows: no tracked deletion, comment, hidden text, header or footer.
** Some of those lines end in a space on purpose (LibreOffice's HTML import
** puts one after each list item); editors must keep them.
**
**   1. every fixture with a .txt beside it gives exactly that text;
**   2-10. what the plain text does not show: metadata, comments, page
**      headers and footers, heading and list levels, table spans, note
**      marks, and that deleted and hidden text is nowhere in the Doc.
**
** Tests run from the repository root.
*/
#include <check.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "extract.h"
#include "bounds.h"

Suite *suite_fixtures(void);

#define FIXTURE_DIR "tests/fixtures/"
#define MIN_FIXTURES 15     /* guards against an empty or wrong directory */

/* The LibreOffice family: one document saved in every format it writes. */
static const char *const azLoOdf[] = {
  "lo-constructs.odt", "lo-constructs.fodt", "lo-constructs.ott",
};
static const char *const azLoOoxml[] = {
  "lo-constructs.docx", "lo-constructs.dotx", "lo-constructs.docm",
  "lo-constructs-iso.docx",
};
#define N_ELEM(a) (sizeof(a)/sizeof((a)[0]))


/* Extracts tests/fixtures/zName or fails the test.  Caller frees. */
static Doc *load(const char *zName){
  static const Limits lim = LIMITS_DEFAULT;
  Buf path = BUF_INIT;
  Err err = ERR_INIT;
  Doc *pDoc = 0;
  buf_appendf(&path, FIXTURE_DIR "%s", zName);
  int rc = extract_file(path.z, &lim, &pDoc, &err);
  buf_release(&path);
  ck_assert_msg(rc==0, "%s: extract failed: %s", zName, err.msg);
  return pDoc;
}

/* ------------------------------------------------------- 1. plain text */

/* Appends z[0..n) quoted, with tabs, line ends and backslashes escaped so
** that a difference in white space shows. */
static void put_quoted(Buf *pOut, const char *z, size_t n){
  buf_putc(pOut, '"');
  for(size_t i=0; i<n; i++){
    if( z[i]=='\t' ) buf_puts(pOut, "\\t");
    else if( z[i]=='\r' ) buf_puts(pOut, "\\r");
    else if( z[i]=='\\' ) buf_puts(pOut, "\\\\");
    else buf_putc(pOut, z[i]);
  }
  buf_putc(pOut, '"');
}

/* Appends one line of a text as first_diff() shows it: <end> past the
** end, quoted otherwise, and flagged when it is the last and unterminated. */
static void put_line(Buf *pOut, const char *z, size_t n, int bEnd, int bNl){
  if( bEnd ){
    buf_puts(pOut, "<end>");
    return;
  }
  put_quoted(pOut, z, n);
  if( !bNl ) buf_puts(pOut, " <no line end>");
}

/* Appends to pOut the number and both versions of the first line where
** pGot differs from pWant. */
static void first_diff(const Buf *pWant, const Buf *pGot, Buf *pOut){
  const char *zW = pWant->z, *zWEnd = pWant->z + pWant->n;
  const char *zG = pGot->z, *zGEnd = pGot->z + pGot->n;
  for(int iLine=1; ; iLine++){
    const char *zWNl = memchr(zW, '\n', (size_t)(zWEnd - zW));
    const char *zGNl = memchr(zG, '\n', (size_t)(zGEnd - zG));
    size_t nW = zWNl ? (size_t)(zWNl - zW) : (size_t)(zWEnd - zW);
    size_t nG = zGNl ? (size_t)(zGNl - zG) : (size_t)(zGEnd - zG);
    int bWEnd = zW>=zWEnd, bGEnd = zG>=zGEnd;
    if( bWEnd!=bGEnd || nW!=nG || memcmp(zW, zG, nW)!=0
     || (zWNl==0)!=(zGNl==0) ){
      buf_appendf(pOut, "  line %d\n    want: ", iLine);
      put_line(pOut, zW, nW, bWEnd, zWNl!=0);
      buf_puts(pOut, "\n    got:  ");
      put_line(pOut, zG, nG, bGEnd, zGNl!=0);
      buf_putc(pOut, '\n');
      return;
    }
    if( zWNl==0 ) return;   /* both ended, equal: not reached for a diff */
    zW = zWNl + 1;
    zG = zGNl + 1;
  }
}

/* True for the file name extensions of the documents overleg reads. */
static int is_document(const char *zName){
  static const char *const azExt[] = {
    ".odt", ".ott", ".fodt", ".docx", ".docm", ".dotx", ".dotm",
  };
  size_t n = strlen(zName);
  for(size_t i=0; i<N_ELEM(azExt); i++){
    size_t nExt = strlen(azExt[i]);
    if( n>nExt && strcmp(zName+n-nExt, azExt[i])==0 ) return 1;
  }
  return 0;
}

/* Checks one fixture against its .txt; appends a report and returns 1
** when they differ, 0 when they match. */
static int check_one(const char *zName, Buf *pReport){
  static const Limits lim = LIMITS_DEFAULT;
  Buf path = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
  Err err = ERR_INIT;
  Doc *pDoc = 0;
  int bBad = 1;
  buf_appendf(&path, FIXTURE_DIR "%s.txt", zName);
  if( buf_read_file(&want, path.z, SIZE_MAX) ){
    buf_appendf(pReport, "%s: no %s beside it\n", zName, path.z);
    goto done;
  }
  buf_truncate(&path, path.n - 4);
  if( extract_file(path.z, &lim, &pDoc, &err) ){
    buf_appendf(pReport, "%s: extract failed: %s\n", zName, err.msg);
    goto done;
  }
  doc_text(pDoc, &got);
  if( got.n==want.n && memcmp(got.z, want.z, got.n)==0 ){
    bBad = 0;
  }else{
    buf_appendf(pReport, "%s: text differs from %s.txt\n", zName, zName);
    first_diff(&want, &got, pReport);
  }
done:
  doc_free(pDoc);
  buf_release(&path);
  buf_release(&want);
  buf_release(&got);
  return bBad;
}

/* 1. Every document in tests/fixtures/ has a .txt and extracts to exactly
** that text.  All mismatches go to stderr; the message names the first. */
START_TEST(t01_plain_text){
  struct dirent **aEnt = 0;
  int nEnt = scandir(FIXTURE_DIR, &aEnt, 0, alphasort);
  ck_assert_msg(nEnt>=0, "cannot list " FIXTURE_DIR " (run from the repository root)");
  Buf report = BUF_INIT;
  int nDoc = 0, nBad = 0;
  for(int i=0; i<nEnt; i++){
    if( is_document(aEnt[i]->d_name) ){
      nDoc++;
      nBad += check_one(aEnt[i]->d_name, &report);
    }
    free(aEnt[i]);
  }
  free(aEnt);
  if( nBad ){
    fprintf(stderr, "t_fixtures: %d of %d fixtures differ\n%s", nBad, nDoc, report.z);
    const char *zNext = strstr(report.z, "\n    got:");
    zNext = zNext ? strchr(zNext+1, '\n') : strchr(report.z, '\n');
    int nFirst = zNext ? (int)(zNext - report.z) : (int)report.n;
    ck_abort_msg("%d of %d fixtures differ (all on stderr); first:\n%.*s",
                 nBad, nDoc, nFirst, report.z);
  }
  buf_release(&report);
  ck_assert_msg(nDoc>=MIN_FIXTURES, "only %d fixtures in " FIXTURE_DIR
                ", expected at least %d", nDoc, MIN_FIXTURES);
}
END_TEST

/* ------------------------------------------------------ block helpers */

/* The i-th block of kind k in l (0 when there is none). */
static const Block *nth_kind(const BlockList *l, BlockKind k, int i){
  for(size_t j=0; j<l->n; j++){
    if( l->a[j].kind==k && i--==0 ) return &l->a[j];
  }
  return 0;
}

/* The text of the i-th child of p, which must be a paragraph-like block. */
static const char *child_text(const Block *p, size_t i){
  ck_assert_uint_gt(p->children.n, i);
  ck_assert_ptr_nonnull(p->children.a[i].text);
  return p->children.a[i].text;
}

/* Expected (level, text) of headings or list items, in document order. */
typedef struct Level { int level; const char *zText; } Level;

/* Checks that the blocks of kind k in the body are exactly a[0..n), by
** level and by text (trailing spaces aside: LibreOffice's HTML import
** leaves one after list items). */
static void check_levels(const char *zName, BlockKind k, const Level *a, size_t n){
  Doc *pDoc = load(zName);
  size_t iWant = 0;
  for(size_t i=0; i<pDoc->body.n; i++){
    const Block *p = &pDoc->body.a[i];
    if( p->kind!=k ) continue;
    size_t nText = p->nText;
    while( nText>0 && p->text[nText-1]==' ' ) nText--;
    ck_assert_msg(iWant<n, "%s: unexpected %s \"%s\"", zName,
                  doc_block_kind_name(k), p->text);
    ck_assert_msg(strlen(a[iWant].zText)==nText
                  && memcmp(a[iWant].zText, p->text, nText)==0,
                  "%s: %s %zu is \"%s\", want \"%s\"", zName,
                  doc_block_kind_name(k), iWant+1, p->text, a[iWant].zText);
    ck_assert_msg(p->level==a[iWant].level, "%s: \"%s\" has level %d, want %d",
                  zName, p->text, p->level, a[iWant].level);
    iWant++;
  }
  ck_assert_msg(iWant==n, "%s: %zu of %zu %ss found", zName, iWant, n,
                doc_block_kind_name(k));
  doc_free(pDoc);
}

/* True when z occurs in any text of l, tables and containers included. */
static int list_contains(const BlockList *l, const char *z){
  for(size_t i=0; i<l->n; i++){
    const Block *p = &l->a[i];
    if( p->text && strstr(p->text, z) ) return 1;
    if( list_contains(&p->children, z) ) return 1;
    for(size_t r=0; r<p->nRow; r++){
      for(size_t c=0; c<p->aRow[r].n; c++){
        if( list_contains(&p->aRow[r].a[c].blocks, z) ) return 1;
      }
    }
  }
  return 0;
}

/* True when z occurs anywhere in the Doc: body, notes, comments, margins. */
static int doc_contains(const Doc *d, const char *z){
  return list_contains(&d->body, z) || list_contains(&d->notes, z)
      || list_contains(&d->comments, z) || list_contains(&d->margins, z);
}

#define ck_meta(zName, zField, zWant) \
  ck_assert_msg((zField)!=0 && strcmp((zField), (zWant))==0, \
                "%s: %s is \"%s\", want \"%s\"", (zName), #zField, \
                (zField) ? (zField) : "(null)", (zWant))

/* --------------------------------------------------------- 2. metadata */

/* 2. ODF metadata: meta.xml (or the Flat ODT's office:meta), keywords
** joined by ", ", the initial creator apart from the last author. */
START_TEST(t02_meta_odf){
  for(size_t i=0; i<N_ELEM(azLoOdf); i++){
    const char *zName = azLoOdf[i];
    Doc *pDoc = load(zName);
    const DocMeta *m = &pDoc->meta;
    ck_assert_int_eq(pDoc->format, strstr(zName, ".fodt") ? FORMAT_FODT : FORMAT_ODT);
    ck_meta(zName, m->title, "Verslag BO Mobiliteit 14 maart 2024");
    ck_meta(zName, m->subject, "Coördinatie regionale mobiliteit");
    ck_meta(zName, m->description, "Verslag van het één-na-laatste overleg; "
            "de financiële paragraaf is geïnitieerd.");
    ck_meta(zName, m->keywords, "mobiliteit, financiën, Oekraïne");
    ck_meta(zName, m->creator, "Zoë Öztürk");
    ck_meta(zName, m->initial_creator, "Zoë Öztürk");
    ck_meta(zName, m->created, "2024-03-14T09:30:00");
    ck_meta(zName, m->modified, "2024-03-15T16:45:00");
    ck_meta(zName, m->language, "nl-NL");
    doc_free(pDoc);
  }
  Doc *pDoc = load("pandoc-constructs.odt");
  ck_meta("pandoc-constructs.odt", pDoc->meta.keywords, "verslag, Oekraïne, financiën");
  ck_meta("pandoc-constructs.odt", pDoc->meta.subject, "Coördinatie van de opvang uit Oekraïne");
  doc_free(pDoc);
  pDoc = load("lo-html.odt");   /* HTML <title> and <meta> by way of LibreOffice */
  ck_meta("lo-html.odt", pDoc->meta.title, "Besluitenlijst ARG 11 april 2024");
  ck_meta("lo-html.odt", pDoc->meta.keywords, "besluitenlijst, Oekraïne, financiën");
  ck_meta("lo-html.odt", pDoc->meta.initial_creator, "Zoë Öztürk");
  doc_free(pDoc);
  pDoc = load("edge.fodt");     /* trimmed; an empty keyword is skipped */
  ck_meta("edge.fodt", pDoc->meta.title, "Randgevallen   van de ODF-lezer");
  ck_meta("edge.fodt", pDoc->meta.keywords, "witruimte, café");
  doc_free(pDoc);
}
END_TEST

/* 3. OOXML metadata: docProps/core.xml, keywords as written (LibreOffice
** joins them with spaces, pandoc with ", "). */
START_TEST(t03_meta_ooxml){
  for(size_t i=0; i<N_ELEM(azLoOoxml); i++){
    const char *zName = azLoOoxml[i];
    Doc *pDoc = load(zName);
    const DocMeta *m = &pDoc->meta;
    ck_assert_int_eq(pDoc->format, FORMAT_DOCX);
    ck_meta(zName, m->title, "Verslag BO Mobiliteit 14 maart 2024");
    ck_meta(zName, m->subject, "Coördinatie regionale mobiliteit");
    ck_meta(zName, m->description, "Verslag van het één-na-laatste overleg; "
            "de financiële paragraaf is geïnitieerd.");
    ck_meta(zName, m->keywords, "mobiliteit financiën Oekraïne");
    ck_meta(zName, m->creator, "Zoë Öztürk");
    ck_meta(zName, m->created, "2024-03-14T09:30:00Z");
    ck_meta(zName, m->modified, "2024-03-15T16:45:00Z");
    ck_meta(zName, m->language, "nl-NL");
    doc_free(pDoc);
  }
  Doc *pDoc = load("pandoc-constructs.docx");
  const DocMeta *m = &pDoc->meta;
  ck_meta("pandoc-constructs.docx", m->title, "Verslag Algemeen Bestuur Regio Amersfoort");
  ck_meta("pandoc-constructs.docx", m->subject, "Coördinatie van de opvang uit Oekraïne");
  ck_meta("pandoc-constructs.docx", m->keywords, "verslag, Oekraïne, financiën");
  ck_meta("pandoc-constructs.docx", m->creator, "Zoë Öztürk; J. de Vries");
  ck_meta("pandoc-constructs.docx", m->language, "nl-NL");
  doc_free(pDoc);
  pDoc = load("lo-html.docx");
  ck_meta("lo-html.docx", pDoc->meta.title, "Besluitenlijst ARG 11 april 2024");
  ck_meta("lo-html.docx", pDoc->meta.creator, "Zoë Öztürk");
  doc_free(pDoc);
}
END_TEST

/* --------------------------------------------------------- 4. comments */

/* 4. Comments keep author, date and paragraphs, in document order: a range
** comment and a point comment of two paragraphs in every LibreOffice
** format, pandoc's two, and a hand-written one holding a list. */
START_TEST(t04_comments){
  for(size_t i=0; i<N_ELEM(azLoOdf)+N_ELEM(azLoOoxml); i++){
    int bOdf = i<N_ELEM(azLoOdf);
    const char *zName = bOdf ? azLoOdf[i] : azLoOoxml[i-N_ELEM(azLoOdf)];
    Doc *pDoc = load(zName);
    ck_assert_msg(pDoc->comments.n==2, "%s: %zu comments, want 2", zName, pDoc->comments.n);
    const Block *p = &pDoc->comments.a[0];
    ck_assert_int_eq(p->kind, BLOCK_COMMENT);
    ck_meta(zName, p->author, "Zoë Öztürk");
    ck_meta(zName, p->date, bOdf ? "2024-03-15T11:00:00" : "2024-03-15T11:00:00Z");
    ck_assert_uint_eq(p->children.n, 1);
    ck_assert_str_eq(child_text(p, 0), "Controleer het bedrag van € 3.000 met de financiële afdeling.");
    p = &pDoc->comments.a[1];
    ck_meta(zName, p->author, "J. de Vries");
    ck_assert_uint_eq(p->children.n, 2);
    ck_assert_str_eq(child_text(p, 0), "Akkoord.");
    ck_assert_str_eq(child_text(p, 1), "Graag vóór 1 april naar de gemeenteraad.");
    doc_free(pDoc);
  }
  Doc *pDoc = load("pandoc-review.docx");
  ck_assert_uint_eq(pDoc->comments.n, 2);
  ck_meta("pandoc-review.docx", pDoc->comments.a[0].author, "J. de Vries");
  ck_meta("pandoc-review.docx", pDoc->comments.a[0].date, "2024-03-15T12:30:00Z");
  ck_assert_str_eq(child_text(&pDoc->comments.a[0], 0), "Controleer het bedrag met de financiële afdeling.");
  ck_meta("pandoc-review.docx", pDoc->comments.a[1].author, "Zoë Öztürk");
  ck_assert_str_eq(child_text(&pDoc->comments.a[1], 0), "Ook de Oekraïne-opvang noemen.");
  doc_free(pDoc);
  pDoc = load("edge.fodt");
  ck_assert_uint_eq(pDoc->comments.n, 1);
  const Block *p = &pDoc->comments.a[0];
  ck_assert_uint_eq(p->children.n, 2);
  ck_assert_int_eq(p->children.a[0].kind, BLOCK_LIST_ITEM);
  ck_assert_str_eq(child_text(p, 0), "punt één");
  ck_assert_str_eq(child_text(p, 1), "punt twee");
  doc_free(pDoc);
}
END_TEST

/* ------------------------------------------------- 5. headers, footers */

/* 5. Page headers and footers: LibreOffice's (in styles.xml, or the
** header1/footer1 parts) and the hand-written first and left headers.  The
** footer's page numbers are what LibreOffice last laid out, so only its
** start is fixed. */
START_TEST(t05_margins){
  for(size_t i=0; i<N_ELEM(azLoOdf)+N_ELEM(azLoOoxml); i++){
    const char *zName = i<N_ELEM(azLoOdf) ? azLoOdf[i] : azLoOoxml[i-N_ELEM(azLoOdf)];
    Doc *pDoc = load(zName);
    const Block *pHead = nth_kind(&pDoc->margins, BLOCK_HEADER, 0);
    const Block *pFoot = nth_kind(&pDoc->margins, BLOCK_FOOTER, 0);
    ck_assert_msg(pHead && pFoot, "%s: header or footer missing", zName);
    ck_assert_str_eq(child_text(pHead, 0), "Regio Amersfoort — Bestuurlijk Overleg Mobiliteit");
    ck_assert_msg(strncmp(child_text(pFoot, 0), "Pagina ", 7)==0,
                  "%s: footer \"%s\"", zName, child_text(pFoot, 0));
    ck_assert_msg(!list_contains(&pDoc->body, "Regio Amersfoort —"),
                  "%s: header text in the body", zName);
    doc_free(pDoc);
  }
  Doc *pDoc = load("edge.fodt");
  ck_assert_uint_eq(pDoc->margins.n, 3);
  ck_assert_str_eq(child_text(nth_kind(&pDoc->margins, BLOCK_HEADER, 0), 0), "Koptekst oneven pagina's");
  ck_assert_str_eq(child_text(nth_kind(&pDoc->margins, BLOCK_HEADER, 1), 0), "Koptekst even pagina's");
  ck_assert_str_eq(child_text(nth_kind(&pDoc->margins, BLOCK_FOOTER, 0), 0), "Voettekst: financiële verantwoording");
  doc_free(pDoc);
}
END_TEST

/* ------------------------------------------------- 6, 7. levels */

static const Level aLoHeadings[] = {
  {1, "1. Opening en mededelingen"}, {2, "1.1 Financiële stand van zaken"},
  {3, "1.1.1 Begroting"}, {1, "2. Actiepunten"}, {1, "3. Begroting per project"},
};

/* 6. Heading levels from ODF outline levels and OOXML heading styles.
** LibreOffice's "Title" paragraph is a text:p in ODF, but docx.c takes a
** style named Title for a level 1 heading, so the OOXML list starts with
** it. */
START_TEST(t06_heading_levels){
  static const Level aOoxml[] = {
    {1, "Verslag Bestuurlijk Overleg Mobiliteit"},
    {1, "1. Opening en mededelingen"}, {2, "1.1 Financiële stand van zaken"},
    {3, "1.1.1 Begroting"}, {1, "2. Actiepunten"}, {1, "3. Begroting per project"},
  };
  static const Level aHtml[] = {
    {1, "Besluitenlijst Ambtelijke Regiegroep"}, {2, "1. Vaststelling van de agenda"},
    {2, "2. Financiën"}, {3, "2.1 Begroting opvang Oekraïne"}, {2, "3. Actiepunten"},
  };
  static const Level aEdge[] = { {1, "Kop zonder niveau"} };
  for(size_t i=0; i<N_ELEM(azLoOdf); i++){
    check_levels(azLoOdf[i], BLOCK_HEADING, aLoHeadings, N_ELEM(aLoHeadings));
  }
  for(size_t i=0; i<N_ELEM(azLoOoxml); i++){
    check_levels(azLoOoxml[i], BLOCK_HEADING, aOoxml, N_ELEM(aOoxml));
  }
  check_levels("lo-html.odt", BLOCK_HEADING, aHtml, N_ELEM(aHtml));
  check_levels("lo-html.docx", BLOCK_HEADING, aHtml, N_ELEM(aHtml));
  check_levels("edge.fodt", BLOCK_HEADING, aEdge, N_ELEM(aEdge));
}
END_TEST

/* 7. List levels, three deep, from ODF list nesting and OOXML numbering
** (ilvl), in every producer's files. */
START_TEST(t07_list_levels){
  static const Level aLo[] = {
    {1, "Coördinatie van het busvervoer"}, {2, "Lijn 17 naar Leusden"},
    {3, "Halte café De Zwaan"}, {3, "Halte station Soest"},
    {2, "Lijn 80 naar 's-Hertogenbosch"},
    {1, "Financiële verantwoording aan de gemeenteraad"},
    {1, "Eerste besluit"}, {1, "Tweede besluit"}, {2, "Onderdeel a"},
  };
  static const Level aPandoc[] = {
    {1, "Coördinatie van het busvervoer"}, {2, "Lijn 17 naar Leusden"},
    {3, "Halte café De Zwaan"}, {3, "Halte station Soest"},
    {2, "Lijn 80 naar ’s-Hertogenbosch"},
    {1, "Financiële verantwoording aan de gemeenteraad"},
    {1, "Eerste besluit"}, {1, "Tweede besluit"}, {2, "Onderdeel a"},
  };
  static const Level aHtml[] = {
    {1, "Regionale coördinatie"}, {2, "Huisvesting"},
    {3, "Locatie café De Zwaan"}, {3, "Locatie kazerne Soesterberg"},
    {2, "Onderwijs"}, {1, "Financiële verantwoording"},
    {1, "Besluit één: akkoord"}, {1, "Besluit twee: aangehouden"},
  };
  static const Level aEdge[] = {
    {1, "Kop van de lijst"}, {1, "Eerste punt"},
    {2, "Genummerde alinea op niveau twee"},
  };
  for(size_t i=0; i<N_ELEM(azLoOdf); i++){
    check_levels(azLoOdf[i], BLOCK_LIST_ITEM, aLo, N_ELEM(aLo));
  }
  for(size_t i=0; i<N_ELEM(azLoOoxml); i++){
    check_levels(azLoOoxml[i], BLOCK_LIST_ITEM, aLo, N_ELEM(aLo));
  }
  check_levels("pandoc-constructs.odt", BLOCK_LIST_ITEM, aPandoc, N_ELEM(aPandoc));
  check_levels("pandoc-constructs.docx", BLOCK_LIST_ITEM, aPandoc, N_ELEM(aPandoc));
  check_levels("lo-html.odt", BLOCK_LIST_ITEM, aHtml, N_ELEM(aHtml));
  check_levels("lo-html.docx", BLOCK_LIST_ITEM, aHtml, N_ELEM(aHtml));
  check_levels("edge.fodt", BLOCK_LIST_ITEM, aEdge, N_ELEM(aEdge));
}
END_TEST

/* ------------------------------------------------------ 8. table spans */

/* Checks the shape of row r of table p: n grid positions, and for each a
** code: '.' plain cell, 'C' covered, 'c' colspan 2, 'r' rowspan 2. */
static void check_row(const char *zName, const Block *p, size_t r, const char *zShape){
  ck_assert_msg(r<p->nRow, "%s: table has %zu rows", zName, p->nRow);
  const TableRow *pRow = &p->aRow[r];
  ck_assert_msg(pRow->n==strlen(zShape), "%s: row %zu has %zu cells, want %zu",
                zName, r, pRow->n, strlen(zShape));
  for(size_t c=0; c<pRow->n; c++){
    const TableCell *pCell = &pRow->a[c];
    int bOk;
    switch( zShape[c] ){
      case 'C': bOk = pCell->covered && pCell->blocks.n==0; break;
      case 'c': bOk = !pCell->covered && pCell->colspan==2 && pCell->rowspan==1; break;
      case 'r': bOk = !pCell->covered && pCell->colspan==1 && pCell->rowspan==2; break;
      default:  bOk = !pCell->covered && pCell->colspan==1 && pCell->rowspan==1; break;
    }
    ck_assert_msg(bOk, "%s: row %zu cell %zu is not '%c' (covered %d colspan %d rowspan %d)",
                  zName, r, c, zShape[c], pCell->covered, pCell->colspan, pCell->rowspan);
  }
}

/* 8. Spans: a row span and a column span leave covered grid positions, so
** every row has one cell per grid column; a cell spanning two columns
** holds a nested 2x2 table (ODF covered-table-cell, OOXML vMerge and
** gridSpan, and LibreOffice's import of HTML rowspan and colspan). */
START_TEST(t08_table_spans){
  for(size_t i=0; i<N_ELEM(azLoOdf)+N_ELEM(azLoOoxml); i++){
    const char *zName = i<N_ELEM(azLoOdf) ? azLoOdf[i] : azLoOoxml[i-N_ELEM(azLoOdf)];
    Doc *pDoc = load(zName);
    const Block *p = nth_kind(&pDoc->body, BLOCK_TABLE, 0);
    ck_assert_msg(p!=0, "%s: no table", zName);
    ck_assert_uint_eq(p->nRow, 5);
    check_row(zName, p, 0, "...");
    check_row(zName, p, 1, "r..");
    check_row(zName, p, 2, "C..");
    check_row(zName, p, 3, "cC.");
    check_row(zName, p, 4, ".cC");
    const TableCell *pCell = &p->aRow[4].a[1];
    ck_assert_uint_eq(pCell->blocks.n, 1);
    const Block *pNested = &pCell->blocks.a[0];
    ck_assert_int_eq(pNested->kind, BLOCK_TABLE);
    ck_assert_uint_eq(pNested->nRow, 2);
    check_row(zName, pNested, 0, "..");
    check_row(zName, pNested, 1, "..");
    ck_assert_str_eq(pNested->aRow[1].a[0].blocks.a[0].text, "Café-overleg");
    ck_assert_msg(nth_kind(&pDoc->body, BLOCK_TABLE, 1)==0, "%s: nested table at top level", zName);
    doc_free(pDoc);
  }
  static const char *const azHtml[] = { "lo-html.odt", "lo-html.docx" };
  for(size_t i=0; i<N_ELEM(azHtml); i++){
    Doc *pDoc = load(azHtml[i]);
    const Block *p = nth_kind(&pDoc->body, BLOCK_TABLE, 0);
    ck_assert_msg(p!=0, "%s: no table", azHtml[i]);
    ck_assert_uint_eq(p->nRow, 5);
    check_row(azHtml[i], p, 0, "...");
    check_row(azHtml[i], p, 1, "r..");
    check_row(azHtml[i], p, 2, "C..");
    check_row(azHtml[i], p, 3, ".cC");
    check_row(azHtml[i], p, 4, "cC.");
    doc_free(pDoc);
  }
}
END_TEST

/* ------------------------------------------------------- 9. note marks */

/* Checks that the notes of zName are, in order, of the kinds and marks in
** azMark ("f:1" a footnote marked 1, "e:i" an endnote marked i). */
static void check_marks(const char *zName, const char *const *azMark, size_t n){
  Doc *pDoc = load(zName);
  ck_assert_msg(pDoc->notes.n==n, "%s: %zu notes, want %zu", zName, pDoc->notes.n, n);
  for(size_t i=0; i<n; i++){
    const Block *p = &pDoc->notes.a[i];
    BlockKind k = azMark[i][0]=='f' ? BLOCK_FOOTNOTE : BLOCK_ENDNOTE;
    ck_assert_msg(p->kind==k, "%s: note %zu is a %s", zName, i+1, doc_block_kind_name(p->kind));
    ck_meta(zName, p->mark, azMark[i]+2);
  }
  doc_free(pDoc);
}

/* 9. Note marks as the reader sees them, notes in citation order: ODF's
** note-citation (a custom "*" too), OOXML's numbering by order of
** reference with the endnotes' lowerRoman format. */
START_TEST(t09_note_marks){
  static const char *const azLo[] = { "f:1", "e:i", "f:2" };
  static const char *const azPandoc[] = { "f:1", "f:2" };
  static const char *const azEdge[] = { "f:*", "f:1" };
  static const char *const azHtml[] = { "f:1" };
  for(size_t i=0; i<N_ELEM(azLoOdf); i++) check_marks(azLoOdf[i], azLo, 3);
  for(size_t i=0; i<N_ELEM(azLoOoxml); i++) check_marks(azLoOoxml[i], azLo, 3);
  check_marks("pandoc-constructs.docx", azPandoc, 2);
  check_marks("pandoc-constructs.odt", azPandoc, 2);
  check_marks("lo-html.odt", azHtml, 1);
  check_marks("lo-html.docx", azHtml, 1);
  check_marks("edge.fodt", azEdge, 2);
}
END_TEST

/* ---------------------------------------------- 10. deleted and hidden */

/* Checks that none of azGone occurs anywhere in zName's Doc and that all
** of azKept do. */
static void check_gone(const char *zName, const char *const *azGone, size_t nGone,
                       const char *const *azKept, size_t nKept){
  Doc *pDoc = load(zName);
  for(size_t i=0; i<nGone; i++){
    ck_assert_msg(!doc_contains(pDoc, azGone[i]), "%s: \"%s\" was extracted", zName, azGone[i]);
  }
  for(size_t i=0; i<nKept; i++){
    ck_assert_msg(doc_contains(pDoc, azKept[i]), "%s: \"%s\" is missing", zName, azKept[i]);
  }
  doc_free(pDoc);
}

/* 10. Tracked deletions and hidden text are nowhere in the Doc (not in
** notes, comments or margins either), while the insertions, the text
** around them and the shown value of a conditional field are there.
** LibreOffice's DOCX export has no hidden sections, so its .docx shows
** the section the .odt hides. */
START_TEST(t10_deleted_and_hidden){
  static const char *const azLoGone[] = { "verlaagd", "€ 900" };
  static const char *const azLoKept[] = { "verhoogd tot € 3.000 zoals" };
  static const char *const azReviewGone[] = { "verlaagd", "onder voorbehoud" };
  static const char *const azReviewKept[] = { "akkoord met de financiële paragraaf." };
  static const char *const azEdgeGone[] = { "Geschrapt", "geschrapt", "Logo", "logo" };
  static const char *const azEdgeKept[] = { "Opmaak gewijzigd, tekst blijft." };
  static const char *const azHidden[] = {
    "Vertrouwelijk:", "50.000", "geheim", "verborgen", "Vertrouwelijke sectie",
  };
  static const char *const azShown[] = { "Status: vastgesteld.", "Openbare sectie" };
  for(size_t i=0; i<N_ELEM(azLoOdf); i++){
    check_gone(azLoOdf[i], azLoGone, N_ELEM(azLoGone), azLoKept, N_ELEM(azLoKept));
  }
  for(size_t i=0; i<N_ELEM(azLoOoxml); i++){
    check_gone(azLoOoxml[i], azLoGone, N_ELEM(azLoGone), azLoKept, N_ELEM(azLoKept));
  }
  check_gone("pandoc-review.docx", azReviewGone, N_ELEM(azReviewGone),
             azReviewKept, N_ELEM(azReviewKept));
  check_gone("edge.fodt", azEdgeGone, N_ELEM(azEdgeGone), azEdgeKept, N_ELEM(azEdgeKept));
  check_gone("lo-hidden.odt", azHidden, N_ELEM(azHidden), azShown, N_ELEM(azShown));
  check_gone("lo-hidden.docx", azHidden, N_ELEM(azHidden)-1, azShown, N_ELEM(azShown));
  static const char *const azSection[] = { "Vertrouwelijke sectie" };
  check_gone("lo-hidden.docx", 0, 0, azSection, 1);
}
END_TEST

Suite *suite_fixtures(void){
  Suite *s = suite_create("fixtures");
  TCase *tc = tcase_create("fixtures");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_plain_text);
  tcase_add_test(tc, t02_meta_odf);
  tcase_add_test(tc, t03_meta_ooxml);
  tcase_add_test(tc, t04_comments);
  tcase_add_test(tc, t05_margins);
  tcase_add_test(tc, t06_heading_levels);
  tcase_add_test(tc, t07_list_levels);
  tcase_add_test(tc, t08_table_spans);
  tcase_add_test(tc, t09_note_marks);
  tcase_add_test(tc, t10_deleted_and_hidden);
  suite_add_tcase(s, tc);
  return s;
}
