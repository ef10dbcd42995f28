/*
** t_odt.c — the ODT reader on small hand-written packages, one numbered
** case per construct.
**
** Each case writes an ODT with libzip (mimetype stored first, as ODF
** requires) or a Flat ODT into a fresh directory under /tmp, reads it with
** extract_file() and compares the plain text exactly, and the block fields
** (kinds, levels, marks, authors, spans, margins) where they matter.  The
** real-office fixtures in t_sample.c cover what LibreOffice writes; these
** cover what the reader promises, including XML LibreOffice never writes.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "doc.h"
#include "docassert.h"
#include "err.h"
#include "extract.h"
#include "bounds.h"

Suite *suite_odt(void);

#define NS_DECL \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"" \
  " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
  " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"" \
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
  " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"" \
  " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"" \
  " xmlns:form=\"urn:oasis:names:tc:opendocument:xmlns:form:1.0\"" \
  " xmlns:script=\"urn:oasis:names:tc:opendocument:xmlns:script:1.0\"" \
  " xmlns:loext=\"urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0\"" \
  " xmlns:xlink=\"http://www.w3.org/1999/xlink\""

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define MIME_ODT "application/vnd.oasis.opendocument.text"

/* ------------------------------------------------------------- fixtures */

static char zDir[64];           /* this case's directory */
static char azFile[8][128];     /* files made in it, removed at teardown */
static int nFile;

static void setup(void){
  strcpy(zDir, "/tmp/t_odt.XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(zDir));
  nFile = 0;
}

static void teardown(void){
  for(int i=0; i<nFile; i++) unlink(azFile[i]);
  rmdir(zDir);
}

static const char *tmp_path(const char *zName){
  ck_assert_int_lt(nFile, 8);
  snprintf(azFile[nFile], sizeof azFile[0], "%s/%s", zDir, zName);
  return azFile[nFile++];
}

/* Writes a zip at zPath from name/data pairs ending with a NULL name.
** The first entry is stored, the others deflated. */
static void write_zip(const char *zPath, const char *const *az){
  int rc;
  zip_t *z = zip_open(zPath, ZIP_CREATE|ZIP_TRUNCATE, &rc);
  ck_assert_ptr_nonnull(z);
  for(int i=0; az[i]; i+=2){
    zip_source_t *src = zip_source_buffer(z, az[i+1], strlen(az[i+1]), 0);
    ck_assert_ptr_nonnull(src);
    zip_int64_t iEntry = zip_file_add(z, az[i], src, ZIP_FL_ENC_UTF_8);
    ck_assert_int_ge(iEntry, 0);
    ck_assert_int_eq(zip_set_file_compression(z, (zip_uint64_t)iEntry,
                     i==0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0), 0);
  }
  ck_assert_int_eq(zip_close(z), 0);
}

static void write_file(const char *zPath, const char *z){
  FILE *f = fopen(zPath, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(z, 1, strlen(z), f), strlen(z));
  fclose(f);
}

/* A content.xml: automatic styles zAuto (may be "") and the office:text
** body zBody.  The caller frees it. */
static char *content_xml(const char *zAuto, const char *zBody){
  Buf b = BUF_INIT;
  buf_appendf(&b, XML_DECL "<office:document-content" NS_DECL " office:version=\"1.3\">\n"
              " <office:automatic-styles>%s</office:automatic-styles>\n"
              " <office:body>\n  <office:text>\n%s\n  </office:text>\n </office:body>\n"
              "</office:document-content>\n", zAuto, zBody);
  return buf_detach(&b, 0);
}

/* Reads the file; returns the Doc, or NULL with the reason in *pErr. */
static Doc *read_path(const char *zPath, Err *pErr){
  static const Limits lim = LIMITS_DEFAULT;
  Doc *d = 0;
  err_clear(pErr);
  if( extract_file(zPath, &lim, &d, pErr) ){
    ck_assert_ptr_null(d);
    return 0;
  }
  return d;
}

/* Writes an ODT from its parts (any may be NULL: not in the package). */
static Doc *read_parts(const char *zMeta, const char *zStyles, const char *zContent,
                       Err *pErr){
  const char *az[9];
  int n = 0;
  az[n++] = "mimetype";   az[n++] = MIME_ODT;
  if( zContent ){ az[n++] = "content.xml"; az[n++] = zContent; }
  if( zStyles ){ az[n++] = "styles.xml"; az[n++] = zStyles; }
  if( zMeta ){ az[n++] = "meta.xml"; az[n++] = zMeta; }
  az[n] = 0;
  const char *zPath = tmp_path("t.odt");
  write_zip(zPath, az);
  return read_path(zPath, pErr);
}

/* The Doc of an ODT whose content is zAuto and zBody; fails on an error. */
static Doc *read_body2(const char *zAuto, const char *zBody){
  Err err = ERR_INIT;
  char *zContent = content_xml(zAuto, zBody);
  Doc *d = read_parts(0, 0, zContent, &err);
  free(zContent);
  ck_assert_msg(d!=0, "extract failed: %s", err.msg);
  return d;
}

static Doc *read_body(const char *zBody){ return read_body2("", zBody); }

/* ---------------------------------------------------------------- cases */

START_TEST(t01_paragraphs_headings){
  Doc *d = read_body(
    "   <text:h text:outline-level=\"2\">Agenda</text:h>\n"
    "   <text:h>Zonder niveau</text:h>\n"
    "   <text:p>Eerste alinea.</text:p>\n"
    "   <text:p/>\n"
    "   <text:p>Tweede alinea.</text:p>\n");
  assert_doc_text(d, "Agenda\n\nZonder niveau\n\nEerste alinea.\n\nTweede alinea.\n");
  ck_assert_uint_eq(d->body.n, 4);
  assert_block(&d->body.a[0], BLOCK_HEADING, 2, "Agenda");
  assert_block(&d->body.a[1], BLOCK_HEADING, 1, "Zonder niveau");
  assert_block(&d->body.a[2], BLOCK_PARAGRAPH, 0, "Eerste alinea.");
  doc_free(d);
}
END_TEST

/* ODF 1.2 §6.1.2 as LibreOffice reads it: one space per white-space run,
** across elements, none at the start, exact characters from text:s,
** text:tab and text:line-break (after which white space counts again);
** and none at the end, where LibreOffice would keep one. */
START_TEST(t02_white_space){
  Doc *d = read_body(
    "<text:p>\n     Eén  twee\t\r\n drie </text:p>\n"
    "<text:p><text:span>a </text:span> b <text:span> c</text:span></text:p>\n"
    "<text:p>a<text:s/> b<text:s text:c=\"3\"/>c<text:tab/>d<text:line-break/>e</text:p>\n"
    "<text:p>x <text:bookmark text:name=\"m\"/> y<text:soft-page-break/>z</text:p>\n"
    "<text:p>  <text:s text:c=\"2\"/>ingesprongen</text:p>\n"
    "<text:p>spatie <text:line-break/>\n na<text:s/></text:p>\n");
  assert_doc_text(d, "Eén twee drie\n\na b c\n\na  b   c\td\ne\n\nx yz\n\n  ingesprongen\n\n"
              "spatie \n na \n");
  doc_free(d);
}
END_TEST

START_TEST(t03_lists){
  Doc *d = read_body(
    "<text:list>\n"
    " <text:list-header><text:p>Kop</text:p></text:list-header>\n"
    " <text:list-item><text:p>een</text:p>\n"
    "  <text:list><text:list-item><text:p>een.a</text:p></text:list-item></text:list>\n"
    " </text:list-item>\n"
    " <text:list-item><text:number>3.</text:number><text:p>drie</text:p></text:list-item>\n"
    " <text:list-item><text:h text:outline-level=\"3\">Kop in lijst</text:h></text:list-item>\n"
    "</text:list>\n"
    "<text:p>na</text:p>\n");
  assert_doc_text(d, "Kop\n\neen\n\neen.a\n\ndrie\n\nKop in lijst\n\nna\n");
  ck_assert_uint_eq(d->body.n, 6);
  assert_block(&d->body.a[0], BLOCK_LIST_ITEM, 1, "Kop");
  assert_block(&d->body.a[1], BLOCK_LIST_ITEM, 1, "een");
  assert_block(&d->body.a[2], BLOCK_LIST_ITEM, 2, "een.a");
  assert_block(&d->body.a[3], BLOCK_LIST_ITEM, 1, "drie");
  assert_block(&d->body.a[4], BLOCK_HEADING, 3, "Kop in lijst");
  assert_block(&d->body.a[5], BLOCK_PARAGRAPH, 0, "na");
  doc_free(d);
}
END_TEST

START_TEST(t04_table_spans){
  Doc *d = read_body(
    "<table:table table:name=\"T\">\n"
    " <table:table-column table:number-columns-repeated=\"3\"/>\n"
    " <table:table-header-rows>\n"
    "  <table:table-row><table:table-cell><text:p>Nr</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-spanned=\"2\"><text:p>Actie</text:p></table:table-cell>"
    "<table:covered-table-cell/></table:table-row>\n"
    " </table:table-header-rows>\n"
    " <table:table-rows>\n"
    "  <table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>1</text:p></table:table-cell>"
    "<table:table-cell><text:p>a</text:p>\n<text:p>b</text:p></table:table-cell><table:table-cell/></table:table-row>\n"
    "  <text:soft-page-break/>\n"
    "  <table:table-row><table:covered-table-cell/>"
    "<table:table-cell table:number-columns-repeated=\"2\"><text:p>x</text:p></table:table-cell></table:table-row>\n"
    " </table:table-rows>\n"
    "</table:table>\n");
  assert_doc_text(d, "Nr\tActie\t\n1\ta b\t\n\tx\tx\n");
  ck_assert_uint_eq(d->body.n, 1);
  const Block *t = &d->body.a[0];
  ck_assert_int_eq(t->kind, BLOCK_TABLE);
  ck_assert_uint_eq(t->nRow, 3);
  for(size_t r=0; r<3; r++) ck_assert_uint_eq(t->aRow[r].n, 3);
  ck_assert_int_eq(t->aRow[0].a[1].colspan, 2);
  ck_assert_int_eq(t->aRow[0].a[2].covered, 1);
  ck_assert_int_eq(t->aRow[1].a[0].rowspan, 2);
  ck_assert_uint_eq(t->aRow[1].a[1].blocks.n, 2);
  ck_assert_int_eq(t->aRow[2].a[0].covered, 1);
  ck_assert_str_eq(t->aRow[2].a[2].blocks.a[0].text, "x");
  doc_free(d);
}
END_TEST

/* Repeats: only rows and cells with text are repeated, at most 100 times;
** LibreOffice's 1024 padding cells stay one cell. */
START_TEST(t05_table_repeats){
  Doc *d = read_body(
    "<table:table>"
    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell><text:p>r</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1000\">"
    "<table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell><text:p>z</text:p></table:table-cell>"
    "<table:covered-table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
    "</table:table>");
  const Block *t = &d->body.a[0];
  ck_assert_uint_eq(t->nRow, 3 + 1 + 100);
  ck_assert_uint_eq(t->aRow[0].n, 2);
  ck_assert_uint_eq(t->aRow[2].n, 2);
  ck_assert_uint_eq(t->aRow[3].n, 1);
  ck_assert_uint_eq(t->aRow[4].n, 3);
  ck_assert_int_eq(t->aRow[103].a[2].covered, 1);
  Buf want = BUF_INIT;
  for(int i=0; i<3; i++) buf_puts(&want, "r\t\n");
  for(int i=0; i<100; i++) buf_puts(&want, "z\t\t\n");
  assert_doc_text(d, want.z);
  buf_release(&want);
  doc_free(d);
}
END_TEST

START_TEST(t06_nested_tables){
  Doc *d = read_body(
    "<text:list><text:list-item><text:p>punt</text:p>"
    "<table:table><table:table-row><table:table-cell><text:p>buiten</text:p>"
    "<table:table><table:table-row>"
    "<table:table-cell table:number-columns-repeated=\"2\"><text:list><text:list-item><text:p>binnen</text:p></text:list-item></text:list></table:table-cell>"
    "</table:table-row></table:table>"
    "</table:table-cell><table:table-cell><text:p>rechts</text:p></table:table-cell></table:table-row></table:table>"
    "</text:list-item></text:list>");
  assert_doc_text(d, "punt\n\nbuiten binnen binnen\trechts\n");
  const Block *t = &d->body.a[1];
  ck_assert_int_eq(t->kind, BLOCK_TABLE);
  const BlockList *cell = &t->aRow[0].a[0].blocks;
  ck_assert_uint_eq(cell->n, 2);
  assert_block(&cell->a[0], BLOCK_PARAGRAPH, 0, "buiten");   /* not a list item */
  ck_assert_int_eq(cell->a[1].kind, BLOCK_TABLE);
  ck_assert_uint_eq(cell->a[1].aRow[0].n, 2);
  assert_block(&cell->a[1].aRow[0].a[1].blocks.a[0], BLOCK_LIST_ITEM, 1, "binnen");
  doc_free(d);
}
END_TEST

START_TEST(t07_notes){
  Doc *d = read_body(
    "<text:p>Zie noot<text:note text:id=\"ftn1\" text:note-class=\"footnote\">"
    "<text:note-citation>1</text:note-citation><text:note-body>\n"
    "  <text:p>Voetnoot een.</text:p>\n  <text:p>Tweede alinea.</text:p>\n"
    "</text:note-body></text:note> en eind<text:note text:note-class=\"endnote\">"
    "<text:note-citation text:label=\"*\">*</text:note-citation>"
    "<text:note-body><text:list><text:list-item><text:p>Eindnoot.</text:p></text:list-item></text:list>"
    "</text:note-body></text:note>.</text:p>");
  assert_doc_text(d, "Zie noot[1] en eind[*].\n\n[1] Voetnoot een.\n\nTweede alinea.\n\n[*] Eindnoot.\n");
  ck_assert_uint_eq(d->body.n, 1);
  ck_assert_uint_eq(d->notes.n, 2);
  ck_assert_int_eq(d->notes.a[0].kind, BLOCK_FOOTNOTE);
  ck_assert_str_eq(d->notes.a[0].mark, "1");
  ck_assert_uint_eq(d->notes.a[0].children.n, 2);
  ck_assert_int_eq(d->notes.a[1].kind, BLOCK_ENDNOTE);
  ck_assert_str_eq(d->notes.a[1].mark, "*");
  assert_block(&d->notes.a[1].children.a[0], BLOCK_LIST_ITEM, 1, "Eindnoot.");
  doc_free(d);
}
END_TEST

START_TEST(t08_annotations){
  Doc *d = read_body(
    "<text:p>Begin <office:annotation office:name=\"c1\">\n"
    "  <dc:creator> Jan de Vries </dc:creator><dc:date>2024-03-01T10:00:00</dc:date>"
    "<meta:date-string>01-03-2024</meta:date-string>\n"
    "  <text:p>Klopt dit bedrag?</text:p><text:p>Graag nakijken.</text:p>\n"
    "</office:annotation>bedrag<office:annotation-end office:name=\"c1\"/> eind."
    "<office:annotation><text:p>Zonder auteur.</text:p></office:annotation></text:p>");
  assert_doc_text(d, "Begin bedrag eind.\n");
  ck_assert_uint_eq(d->comments.n, 2);
  const Block *c = &d->comments.a[0];
  ck_assert_int_eq(c->kind, BLOCK_COMMENT);
  ck_assert_str_eq(c->author, "Jan de Vries");
  ck_assert_str_eq(c->date, "2024-03-01T10:00:00");
  ck_assert_uint_eq(c->children.n, 2);
  ck_assert_str_eq(c->children.a[0].text, "Klopt dit bedrag?");
  ck_assert_ptr_null(d->comments.a[1].author);
  ck_assert_ptr_null(d->comments.a[1].date);
  doc_free(d);
}
END_TEST

START_TEST(t09_tracked_changes){
  Doc *d = read_body(
    "<text:tracked-changes text:track-changes=\"false\">"
    "<text:changed-region text:id=\"ct1\"><text:deletion><office:change-info>"
    "<dc:creator>A</dc:creator><dc:date>2020-01-03T10:00:00</dc:date></office:change-info>"
    "<text:p>geschrapte tekst</text:p></text:deletion></text:changed-region>"
    "<text:changed-region text:id=\"ct2\"><text:insertion><office:change-info>"
    "<dc:creator>B</dc:creator><dc:date>2020-01-03T10:00:00</dc:date></office:change-info>"
    "</text:insertion></text:changed-region></text:tracked-changes>\n"
    "<text:p>Oud <text:change text:change-id=\"ct1\"/><text:change-start text:change-id=\"ct2\"/>"
    "nieuw<text:change-end text:change-id=\"ct2\"/> klaar.</text:p>");
  assert_doc_text(d, "Oud nieuw klaar.\n");
  ck_assert_uint_eq(d->comments.n, 0);
  doc_free(d);
}
END_TEST

/* A text box's paragraphs come before the paragraph that anchors it;
** alternative text, images and their data show nothing. */
START_TEST(t10_frames){
  Doc *d = read_body(
    "<text:p>Voor<draw:frame draw:name=\"F1\"><svg:title>Titel</svg:title><svg:desc>Beschrijving</svg:desc>"
    "<draw:text-box><text:p>In het kader.</text:p></draw:text-box>"
    "<office:event-listeners><script:event-listener script:event-name=\"dom:click\">klik</script:event-listener></office:event-listeners>"
    "</draw:frame> na.</text:p>\n"
    "<text:p><draw:frame><draw:image xlink:href=\"Pictures/x.png\"><office:binary-data>QUJD</office:binary-data>"
    "<text:p>alt</text:p></draw:image></draw:frame>Foto</text:p>\n"
    "<text:p>Vorm: <draw:custom-shape><text:p>In de vorm</text:p><draw:enhanced-geometry/></draw:custom-shape>klaar</text:p>");
  assert_doc_text(d, "In het kader.\n\nVoor na.\n\nFoto\n\nIn de vorm\n\nVorm: klaar\n");
  doc_free(d);
}
END_TEST

/* Fields show their text; declarations, index templates, forms and
** scripts show nothing; an index body is visible text. */
START_TEST(t11_fields_and_indexes){
  Doc *d = read_body(
    "<office:forms><form:form form:name=\"f\"><text:p>formulier</text:p></form:form></office:forms>\n"
    "<text:sequence-decls><text:sequence-decl text:name=\"Table\">x</text:sequence-decl></text:sequence-decls>\n"
    "<text:variable-decls><text:variable-decl text:name=\"v\"/></text:variable-decls>\n"
    "<text:table-of-content text:name=\"Inhoud\"><text:table-of-content-source text:outline-level=\"3\">"
    "<text:index-title-template>Inhoudsopgave</text:index-title-template>"
    "<text:table-of-content-entry-template text:outline-level=\"1\"><text:index-entry-text/>"
    "</text:table-of-content-entry-template></text:table-of-content-source>"
    "<text:index-body><text:index-title text:name=\"T\"><text:p>Inhoud</text:p></text:index-title>"
    "<text:p><text:a xlink:href=\"#x\">Inleiding<text:tab/>1</text:a></text:p></text:index-body></text:table-of-content>\n"
    "<text:p>Datum: <text:date text:date-value=\"2024-03-01\">1 maart 2024</text:date>, pagina "
    "<text:page-number text:select-page=\"current\">2</text:page-number> van <text:page-count>5</text:page-count>.</text:p>\n"
    "<text:p>Tabel <text:sequence text:name=\"Table\" text:formula=\"ooow:Table+1\">3</text:sequence>: "
    "<text:a xlink:href=\"http://x\">link</text:a> <text:variable-get text:name=\"v\">waarde</text:variable-get> "
    "<text:reference-mark-start text:name=\"r\"/>ref<text:reference-mark-end text:name=\"r\"/> "
    "<text:bookmark-ref text:ref-name=\"b\">zie boven</text:bookmark-ref> "
    "<text:author-name>Piet</text:author-name></text:p>\n"
    "<text:p><text:script script:language=\"js\">alert(1)</text:script>zonder script</text:p>\n");
  assert_doc_text(d, "Inhoud\n\nInleiding\t1\n\nDatum: 1 maart 2024, pagina 2 van 5.\n\n"
              "Tabel 3: link waarde ref zie boven Piet\n\nzonder script\n");
  doc_free(d);
}
END_TEST

static const char zMeta[] =
  XML_DECL "<office:document-meta" NS_DECL " office:version=\"1.3\"><office:meta>"
  "<meta:generator>LibreOffice/7.4.7.2</meta:generator>"
  "<dc:title>Verslag BORA</dc:title><dc:subject>Onderwerp</dc:subject>"
  "<dc:description>Omschrijving\nop twee regels</dc:description>"
  "<meta:keyword>BORA</meta:keyword><meta:keyword> </meta:keyword><meta:keyword> verslag </meta:keyword>"
  "<meta:initial-creator>Femke Westerveld</meta:initial-creator>"
  "<meta:creation-date>2020-04-25T11:17:00</meta:creation-date>"
  "<dc:creator>Saskia Post</dc:creator><dc:date>2020-04-30T09:22:00</dc:date>"
  "<dc:language>nl-NL</dc:language><meta:document-statistic meta:page-count=\"1\"/>"
  "<meta:user-defined meta:name=\"x\">geheim</meta:user-defined>"
  "</office:meta></office:document-meta>";

START_TEST(t12_metadata){
  Err err = ERR_INIT;
  char *zContent = content_xml("", "<text:p>x</text:p>");
  Doc *d = read_parts(zMeta, 0, zContent, &err);
  ck_assert_msg(d!=0, "%s", err.msg);
  const DocMeta *m = &d->meta;
  ck_assert_int_eq(d->format, FORMAT_ODT);
  ck_assert_str_eq(m->title, "Verslag BORA");
  ck_assert_str_eq(m->subject, "Onderwerp");
  ck_assert_str_eq(m->description, "Omschrijving\nop twee regels");
  ck_assert_str_eq(m->keywords, "BORA, verslag");
  ck_assert_str_eq(m->initial_creator, "Femke Westerveld");
  ck_assert_str_eq(m->creator, "Femke Westerveld");
  ck_assert_str_eq(m->last_modified_by, "Saskia Post");
  ck_assert_str_eq(m->created, "2020-04-25T11:17:00");
  ck_assert_str_eq(m->modified, "2020-04-30T09:22:00");
  ck_assert_str_eq(m->language, "nl-NL");
  ck_assert_str_eq(m->generator, "LibreOffice/7.4.7.2");
  assert_doc_text(d, "x\n");
  doc_free(d);
  free(zContent);
}
END_TEST

/* Without meta:initial-creator the author is the last modifier, the only
** name the file gives. */
START_TEST(t13_metadata_creator_fallback){
  Err err = ERR_INIT;
  char *zContent = content_xml("", "<text:p>x</text:p>");
  Doc *d = read_parts(
    XML_DECL "<office:document-meta" NS_DECL "><office:meta>"
    "<dc:creator>Saskia Post</dc:creator></office:meta></office:document-meta>",
    0, zContent, &err);
  ck_assert_msg(d!=0, "%s", err.msg);
  ck_assert_str_eq(d->meta.creator, "Saskia Post");
  ck_assert_str_eq(d->meta.last_modified_by, "Saskia Post");
  ck_assert_ptr_null(d->meta.initial_creator);
  ck_assert_ptr_null(d->meta.keywords);
  ck_assert_ptr_null(d->meta.title);
  doc_free(d);
  free(zContent);
}
END_TEST

static const char zStyles[] =
  XML_DECL "<office:document-styles" NS_DECL " office:version=\"1.3\">"
  "<office:font-face-decls><style:font-face style:name=\"Liberation Serif\"/></office:font-face-decls>"
  "<office:styles><style:style style:name=\"Standard\" style:family=\"paragraph\"/>"
  "<style:style style:name=\"Verborgen\" style:family=\"text\"><style:text-properties text:display=\"none\"/></style:style>"
  "<text:outline-style style:name=\"Outline\"><text:outline-level-style text:level=\"1\">"
  "<style:text-properties text:display=\"none\"/></text:outline-level-style></text:outline-style>"
  "</office:styles>"
  "<office:automatic-styles><style:page-layout style:name=\"pm1\"><style:header-style/></style:page-layout></office:automatic-styles>"
  "<office:master-styles>"
  "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\">"
  "<style:header><text:p>Regio <text:span text:style-name=\"Verborgen\">geheim </text:span>Amersfoort</text:p></style:header>"
  "<style:header-left style:display=\"false\"><text:p>niet getoond</text:p></style:header-left>"
  "<style:footer><text:p>pagina <text:page-number text:select-page=\"current\">1</text:page-number></text:p></style:footer>"
  "<style:footer-first><table:table><table:table-row><table:table-cell><text:p>eerste</text:p></table:table-cell></table:table-row></table:table></style:footer-first>"
  "</style:master-page>"
  "<style:master-page style:name=\"Leeg\"><style:header><text:p/></style:header>"
  "<draw:frame><draw:text-box><text:p>pagina-object</text:p></draw:text-box></draw:frame></style:master-page>"
  "</office:master-styles></office:document-styles>";

START_TEST(t14_headers_footers){
  Err err = ERR_INIT;
  char *zContent = content_xml("", "<text:p>Tekst <text:span text:style-name=\"Verborgen\">weg</text:span>blijft</text:p>");
  Doc *d = read_parts(0, zStyles, zContent, &err);
  ck_assert_msg(d!=0, "%s", err.msg);
  assert_doc_text(d, "Tekst blijft\n");   /* margins are not plain text */
  ck_assert_uint_eq(d->margins.n, 3);
  ck_assert_int_eq(d->margins.a[0].kind, BLOCK_HEADER);
  ck_assert_str_eq(d->margins.a[0].children.a[0].text, "Regio Amersfoort");
  ck_assert_int_eq(d->margins.a[1].kind, BLOCK_FOOTER);
  ck_assert_str_eq(d->margins.a[1].children.a[0].text, "pagina 1");
  ck_assert_int_eq(d->margins.a[2].kind, BLOCK_FOOTER);
  ck_assert_int_eq(d->margins.a[2].children.a[0].kind, BLOCK_TABLE);
  doc_free(d);
  free(zContent);
}
END_TEST

/* Hidden text in every form: automatic and named styles (with a parent
** chain), a hidden section, hidden-paragraph and hidden-text fields. */
START_TEST(t15_hidden_text){
  Err err = ERR_INIT;
  char *zContent = content_xml(
    "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties text:display=\"none\"/></style:style>"
    "<style:style style:name=\"T2\" style:family=\"text\" style:parent-style-name=\"Verborgen\"/>"
    "<style:style style:name=\"T3\" style:family=\"text\" style:parent-style-name=\"Verborgen\">"
    "<style:text-properties text:display=\"true\"/></style:style>"
    "<style:style style:name=\"P1\" style:family=\"paragraph\"><style:text-properties text:display=\"none\"/></style:style>",
    "<text:p>a<text:span text:style-name=\"T1\">X</text:span>b<text:span text:style-name=\"T2\">Y</text:span>c"
    "<text:span text:style-name=\"T3\">d</text:span></text:p>\n"
    "<text:p text:style-name=\"P1\">verborgen alinea</text:p>\n"
    "<text:h text:style-name=\"P1\">verborgen kop</text:h>\n"
    "<text:p><text:hidden-paragraph text:condition=\"ooow:1\" text:is-hidden=\"true\"/>ook verborgen</text:p>\n"
    "<text:p><text:span><text:hidden-paragraph text:is-hidden=\"true\"/>en</text:span> deze</text:p>\n"
    "<text:p><text:hidden-paragraph text:is-hidden=\"false\"/>zichtbaar</text:p>\n"
    "<text:p>Status: <text:conditional-text text:condition=\"ooow:1\" text:string-value-if-true=\"vastgesteld\" "
    "text:string-value-if-false=\"concept\" text:current-value=\"true\">vastgesteld</text:conditional-text>."
    "<text:hidden-text text:condition=\"ooow:1\" text:string-value=\"intern\" text:is-hidden=\"true\">intern</text:hidden-text></text:p>\n"
    "<text:section text:name=\"S1\" text:display=\"none\"><text:p>verborgen sectie</text:p></text:section>\n"
    "<text:section text:name=\"S2\"><text:p>open sectie</text:p></text:section>\n");
  Doc *d = read_parts(0, zStyles, zContent, &err);
  ck_assert_msg(d!=0, "%s", err.msg);
  assert_doc_text(d, "abcd\n\nzichtbaar\n\nStatus: vastgesteld.\n\nopen sectie\n");
  doc_free(d);
  free(zContent);
}
END_TEST

/* Elements are matched by namespace, never by prefix. */
START_TEST(t16_prefixes){
  Err err = ERR_INIT;
  Doc *d = read_parts(0, 0,
    XML_DECL "<o:document-content xmlns:o=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:t=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:text=\"urn:example:not-odf\"><o:body><o:text>"
    "<t:h t:outline-level=\"2\">Kop</t:h>"
    "<text:p>vreemd</text:p>"
    "<t:p>een<text:s/>twee <text:note><text:note-citation>9</text:note-citation></text:note>drie</t:p>"
    "</o:text></o:body></o:document-content>", &err);
  ck_assert_msg(d!=0, "%s", err.msg);
  assert_doc_text(d, "Kop\n\neentwee 9drie\n");
  assert_block(&d->body.a[0], BLOCK_HEADING, 2, "Kop");
  ck_assert_uint_eq(d->notes.n, 0);
  doc_free(d);
}
END_TEST

static const char zFlat[] =
  XML_DECL "<office:document" NS_DECL " office:version=\"1.3\" office:mimetype=\"" MIME_ODT "\">\n"
  " <office:meta><dc:title>Platte notitie</dc:title><meta:keyword>memo</meta:keyword></office:meta>\n"
  " <office:settings><config:config-item-set xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\">"
  "instelling</config:config-item-set></office:settings>\n"
  " <office:styles><style:style style:name=\"Verborgen\" style:family=\"text\">"
  "<style:text-properties text:display=\"none\"/></style:style></office:styles>\n"
  " <office:automatic-styles><style:style style:name=\"T1\" style:family=\"text\" style:parent-style-name=\"Verborgen\"/>"
  "</office:automatic-styles>\n"
  " <office:master-styles><style:master-page style:name=\"Standard\">"
  "<style:footer><text:p>voet</text:p></style:footer></style:master-page></office:master-styles>\n"
  " <office:body><office:text>\n"
  "  <text:h text:outline-level=\"1\">Notitie</text:h>\n"
  "  <text:p>Platte <text:span text:style-name=\"T1\">verborgen </text:span>tekst<text:note>"
  "<text:note-citation>1</text:note-citation><text:note-body><text:p>noot</text:p></text:note-body></text:note></text:p>\n"
  " </office:text></office:body>\n"
  "</office:document>\n";

START_TEST(t17_flat_odt){
  Err err = ERR_INIT;
  const char *zPath = tmp_path("t.fodt");
  write_file(zPath, zFlat);
  Doc *d = read_path(zPath, &err);
  ck_assert_msg(d!=0, "%s", err.msg);
  ck_assert_int_eq(d->format, FORMAT_FODT);
  assert_doc_text(d, "Notitie\n\nPlatte tekst[1]\n\n[1] noot\n");
  ck_assert_str_eq(d->meta.title, "Platte notitie");
  ck_assert_str_eq(d->meta.keywords, "memo");
  ck_assert_uint_eq(d->margins.n, 1);
  ck_assert_int_eq(d->margins.a[0].kind, BLOCK_FOOTER);
  doc_free(d);
}
END_TEST

START_TEST(t18_errors){
  Err err = ERR_INIT;
  /* a package without content.xml */
  ck_assert_ptr_null(read_parts(zMeta, zStyles, 0, &err));
  ck_assert_str_eq(err.msg, "corrupt document: content.xml is missing");
  /* a content.xml that is not well-formed */
  ck_assert_ptr_null(read_parts(0, 0,
    XML_DECL "<office:document-content" NS_DECL "><office:body><office:text>\n"
    "<text:p>open</text:span></office:text></office:body></office:document-content>", &err));
  ck_assert_msg(strncmp(err.msg, "XML error at line 3: ", 21)==0, "%s", err.msg);
  ck_assert_msg(strstr(err.msg, "(content.xml)")!=0, "%s", err.msg);
  /* a content.xml without a text body */
  ck_assert_ptr_null(read_parts(0, 0,
    XML_DECL "<office:document-content" NS_DECL "><office:body><office:spreadsheet/>"
    "</office:body></office:document-content>", &err));
  ck_assert_str_eq(err.msg, "corrupt document: content.xml has no text body");
  /* XML files that are not Flat ODT text documents */
  const char *zPath = tmp_path("x.xml");
  write_file(zPath, "<html><body><p>hallo</p></body></html>");
  ck_assert_ptr_null(read_path(zPath, &err));
  ck_assert_str_eq(err.msg, "not an ODT or DOCX file");
  zPath = tmp_path("s.fods");
  write_file(zPath, XML_DECL "<office:document" NS_DECL "><office:body><office:spreadsheet/>"
             "</office:body></office:document>");
  ck_assert_ptr_null(read_path(zPath, &err));
  ck_assert_str_eq(err.msg, "not an ODT or DOCX file");
}
END_TEST

/* text:c is bounded by the paragraph limit, not trusted. */
START_TEST(t19_space_count_bounded){
  Err err = ERR_INIT;
  char *zContent = content_xml("", "<text:p>a<text:s text:c=\"2000000000\"/>b</text:p>");
  ck_assert_ptr_null(read_parts(0, 0, zContent, &err));
  ck_assert_msg(strncmp(err.msg, "document too large: ", 20)==0, "%s", err.msg);
  free(zContent);
}
END_TEST

/* Deleted text written inline (LibreOffice does so in Flat ODT): between
** the change marks of a deletion region, also across paragraphs. */
START_TEST(t20_inline_deletions){
  Doc *d = read_body(
    "<text:tracked-changes>\n"
    " <text:changed-region text:id=\"d1\"><text:deletion><office:change-info>"
    "<dc:creator>A</dc:creator><dc:date>2024-03-15T10:01:00</dc:date></office:change-info></text:deletion></text:changed-region>\n"
    " <text:changed-region text:id=\"i1\"><text:insertion><office:change-info>"
    "<dc:creator>A</dc:creator></office:change-info></text:insertion></text:changed-region>\n"
    " <text:changed-region text:id=\"d2\"><text:deletion><office:change-info/></text:deletion></text:changed-region>\n"
    "</text:tracked-changes>\n"
    "<text:p>Het bedrag wordt <text:change-start text:change-id=\"d1\"/>verlaagd naar € 900"
    "<text:change-end text:change-id=\"d1\"/><text:change-start text:change-id=\"i1\"/>verhoogd"
    "<text:change-end text:change-id=\"i1\"/> tot € 3.000.</text:p>\n"
    "<text:p>Begin <text:change-start text:change-id=\"d2\"/>weg<text:s/><text:note><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>geschrapte noot</text:p></text:note-body></text:note></text:p>\n"
    "<text:p>ook weg</text:p>\n"
    "<text:p>nog weg<text:change-end text:change-id=\"d2\"/>eind.</text:p>\n");
  assert_doc_text(d, "Het bedrag wordt verhoogd tot € 3.000.\n\nBegin\n\neind.\n");
  ck_assert_uint_eq(d->notes.n, 0);
  doc_free(d);
}
END_TEST

Suite *suite_odt(void){
  Suite *s = suite_create("odt");
  TCase *tc = tcase_create("odt");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, t01_paragraphs_headings);
  tcase_add_test(tc, t02_white_space);
  tcase_add_test(tc, t03_lists);
  tcase_add_test(tc, t04_table_spans);
  tcase_add_test(tc, t05_table_repeats);
  tcase_add_test(tc, t06_nested_tables);
  tcase_add_test(tc, t07_notes);
  tcase_add_test(tc, t08_annotations);
  tcase_add_test(tc, t09_tracked_changes);
  tcase_add_test(tc, t10_frames);
  tcase_add_test(tc, t11_fields_and_indexes);
  tcase_add_test(tc, t12_metadata);
  tcase_add_test(tc, t13_metadata_creator_fallback);
  tcase_add_test(tc, t14_headers_footers);
  tcase_add_test(tc, t15_hidden_text);
  tcase_add_test(tc, t16_prefixes);
  tcase_add_test(tc, t17_flat_odt);
  tcase_add_test(tc, t18_errors);
  tcase_add_test(tc, t19_space_count_bounded);
  tcase_add_test(tc, t20_inline_deletions);
  suite_add_tcase(s, tc);
  return s;
}
