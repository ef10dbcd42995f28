/*
** t_docx.c — the DOCX reader on small hand-written packages, one numbered
** case per construct: exact doc_text() output and the Block fields.
**
** Each case lists the parts it needs; load() adds [Content_Types].xml,
** _rels/.rels and word/_rels/document.xml.rels when the case does not
** give its own, writes the package with libzip into a scratch directory
** and reads it with docx_read().
*/
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "docx.h"
#include "docassert.h"
#include "hostile.h"

Suite *suite_docx(void);

/* ---------------------------------------------------------------- parts */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define WORD_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

#define NS_DECLS \
  " xmlns:w=\"" W_NS "\" xmlns:r=\"" REL_NS "\"" \
  " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"" \
  " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"" \
  " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"" \
  " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"" \
  " xmlns:v=\"urn:schemas-microsoft-com:vml\""

#define DOC(body) XML_DECL "<w:document" NS_DECLS "><w:body>" body "</w:body></w:document>"
#define STYLES(x) XML_DECL "<w:styles" NS_DECLS ">" x "</w:styles>"
#define NUMBERING(x) XML_DECL "<w:numbering" NS_DECLS ">" x "</w:numbering>"
#define FOOTNOTES(x) XML_DECL "<w:footnotes" NS_DECLS ">" x "</w:footnotes>"
#define ENDNOTES(x) XML_DECL "<w:endnotes" NS_DECLS ">" x "</w:endnotes>"
#define P(x) "<w:p>" x "</w:p>"
#define T(x) "<w:r><w:t xml:space=\"preserve\">" x "</w:t></w:r>"
#define PS(style, x) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>" x "</w:p>"
#define PNUM(ilvl, numId, x) \
  "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" ilvl "\"/><w:numId w:val=\"" numId "\"/>" \
  "</w:numPr></w:pPr>" x "</w:p>"
#define STYLE(id, name, inner) \
  "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>" inner "</w:style>"
#define REL(id, type, target) \
  "<Relationship Id=\"" id "\" Type=\"" REL_NS "/" type "\" Target=\"" target "\"/>"
#define RELS(x) XML_DECL "<Relationships xmlns=\"" PKG_REL_NS "\">" x "</Relationships>"
#define TYPES(x) XML_DECL "<Types xmlns=\"" CT_NS "\">" \
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" x "</Types>"
#define OVERRIDE(part, type) "<Override PartName=\"" part "\" ContentType=\"" type "\"/>"

static const char zTypes[] = TYPES(OVERRIDE("/word/document.xml", WORD_MAIN));

static const char zPkgRels[] = RELS(
  REL("rId1", "officeDocument", "word/document.xml")
  "<Relationship Id=\"rId2\" Type=\"" PKG_REL_NS "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  REL("rId3", "extended-properties", "docProps/app.xml"));

/* Every optional part the reader follows; those a case leaves out are
** simply missing, which the reader accepts. */
static const char zDocRels[] = RELS(
  REL("rId1", "styles", "styles.xml")
  REL("rId2", "numbering", "numbering.xml")
  REL("rId3", "footnotes", "footnotes.xml")
  REL("rId4", "endnotes", "endnotes.xml")
  REL("rId5", "comments", "comments.xml")
  REL("rId6", "header", "header1.xml")
  REL("rId7", "footer", "footer1.xml")
  REL("rId9", "hyperlink", "https://example.org/\" TargetMode=\"External"));

/* ------------------------------------------------------------- loading */

/* Reads the package made of az (name, content pairs, NULL-terminated) plus
** the default package parts it does not give.  Returns the Doc, or NULL
** with err set. */
static Doc *load(const char *const *az, Err *err){
  HPkg pkg;
  memset(&pkg, 0, sizeof pkg);
  for(int i=0; az[i]; i+=2) hpkg_add(&pkg, az[i], az[i+1], strlen(az[i+1]));
  static const char *azDefault[] = {
    "[Content_Types].xml", zTypes, "_rels/.rels", zPkgRels,
    "word/_rels/document.xml.rels", zDocRels,
  };
  for(int i=0; i<6; i+=2){
    if( !hpkg_find(&pkg, azDefault[i]) ){
      hpkg_add(&pkg, azDefault[i], azDefault[i+1], strlen(azDefault[i+1]));
    }
  }
  char *zDir = hostile_dir_new();
  char *zPath = hostile_path(zDir, "t.docx");
  hpkg_write_libzip(&pkg, zPath, ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
  Limits lim = LIMITS_DEFAULT;
  Doc *d = calloc(1, sizeof *d);
  ZipArchive *z = 0;
  int rc = zipread_open(zPath, &lim, &z, err);
  if( rc==0 ) rc = docx_read(z, &lim, d, err);
  zipread_close(z);
  free(zPath);
  hostile_dir_free(zDir);
  if( rc ){
    doc_free(d);
    return 0;
  }
  return d;
}

static Doc *load_ok(const char *const *az){
  Err err = ERR_INIT;
  Doc *d = load(az, &err);
  ck_assert_msg(d!=0, "docx_read failed: %s", err.msg);
  return d;
}

/* Loads the package and checks its text. */
static void expect_text(const char *const *az, const char *zWant){
  Doc *d = load_ok(az);
  assert_doc_text(d, zWant);
  doc_free(d);
}

static void expect_error(const char *const *az, const char *zWant){
  Err err = ERR_INIT;
  Doc *d = load(az, &err);
  ck_assert_ptr_null(d);
  ck_assert_str_eq(err.msg, zWant);
}

/* ---------------------------------------------------------------- cases */

/* 1. Runs join without separators (Word splits words between runs), text
** is kept exactly, indentation between elements is no text, w:tab / w:br /
** w:cr / hyphens inside runs are, a tab stop in w:pPr is not, an empty
** paragraph leaves no block. */
START_TEST(t01_runs){
  const char *az[] = { "word/document.xml", DOC(
    "\n  <w:p>\n    <w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\n"
    "    <w:r><w:t>Het </w:t></w:r>\n"
    "    <w:r><w:rPr><w:b/></w:rPr><w:t>besl</w:t></w:r><w:r><w:t>uit</w:t></w:r>\n"
    "    <w:r><w:t xml:space=\"preserve\">  is  </w:t><w:tab/><w:t>genomen</w:t>"
    "<w:br/><w:t>regel</w:t><w:cr/><w:t>twee</w:t></w:r>\n  </w:p>\n"
    P(T("co") "<w:r><w:noBreakHyphen/></w:r>" T("op") "<w:r><w:softHyphen/></w:r>" T("eratie"))
    P("") P("<w:r><w:t>   </w:t></w:r>")), 0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "Het besluit  is  \tgenomen\nregel\ntwee\n\nco-operatie\n");
  ck_assert_uint_eq(d->body.n, 2);
  ck_assert_int_eq(d->format, FORMAT_DOCX);
  doc_free(d);
}
END_TEST

/* 2. Elements are known by namespace, not prefix: a file written with
** "ns0:" reads like one written with "w:". */
START_TEST(t02_ns0_prefix){
  const char *az[] = {
    "word/document.xml", XML_DECL
    "<ns0:document xmlns:ns0=\"" W_NS "\"><ns0:body>"
    "<ns0:p><ns0:pPr><ns0:pStyle ns0:val=\"Kop1\"/></ns0:pPr>"
    "<ns0:r><ns0:t>Besluiten</ns0:t></ns0:r></ns0:p>"
    "<ns0:p><ns0:r><ns0:t>Het BO</ns0:t><ns0:tab/><ns0:t>stemt in.</ns0:t></ns0:r></ns0:p>"
    "</ns0:body></ns0:document>",
    "word/styles.xml", XML_DECL "<x:styles xmlns:x=\"" W_NS "\">"
    "<x:style x:type=\"paragraph\" x:styleId=\"Kop1\"><x:name x:val=\"heading 1\"/>"
    "<x:pPr><x:outlineLvl x:val=\"0\"/></x:pPr></x:style></x:styles>",
    0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "Besluiten\n\nHet BO\tstemt in.\n");
  assert_block(&d->body.a[0], BLOCK_HEADING, 1, "Besluiten");
  doc_free(d);
}
END_TEST

/* 3. Strict ISO 29500: other namespace and relationship type URIs, the
** same reading. */
#define STRICT_W "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define STRICT_REL "http://purl.oclc.org/ooxml/officeDocument/relationships"
START_TEST(t03_strict){
  const char *az[] = {
    "_rels/.rels", RELS(
      "<Relationship Id=\"rId1\" Type=\"" STRICT_REL "/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"" STRICT_REL "/extendedProperties\" Target=\"docProps/app.xml\"/>"),
    "word/_rels/document.xml.rels", RELS(
      "<Relationship Id=\"rId1\" Type=\"" STRICT_REL "/styles\" Target=\"styles.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"" STRICT_REL "/footnotes\" Target=\"footnotes.xml\"/>"),
    "word/document.xml", XML_DECL "<w:document xmlns:w=\"" STRICT_W "\"><w:body>"
      "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>Strikt</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>Tekst</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
      "<w:r><w:rPr><w:vanish w:val=\"true\"/></w:rPr><w:t>WEG</w:t></w:r></w:p>"
      "</w:body></w:document>",
    "word/styles.xml", XML_DECL "<w:styles xmlns:w=\"" STRICT_W "\">"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
      "<w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style></w:styles>",
    "word/footnotes.xml", XML_DECL "<w:footnotes xmlns:w=\"" STRICT_W "\">"
      "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> Noot</w:t></w:r></w:p>"
      "</w:footnote></w:footnotes>",
    "docProps/app.xml", XML_DECL
      "<Properties xmlns=\"http://purl.oclc.org/ooxml/officeDocument/extendedProperties\">"
      "<Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion></Properties>",
    0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "Strikt\n\nTekst[1]\n\n[1] Noot\n");
  assert_block(&d->body.a[0], BLOCK_HEADING, 2, "Strikt");
  ck_assert_str_eq(d->meta.generator, "Microsoft Office Word 16.0000");
  doc_free(d);
}
END_TEST

/* 4. Headings: Dutch Word's style ids (Kop1, Titel) are headings by their
** outline level or name, through basedOn chains; a basedOn cycle ends;
** outline level 9 is body text; a direct outline level decides. */
START_TEST(t04_heading_styles){
  const char *az[] = {
    "word/styles.xml", STYLES(
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Standaard\"><w:name w:val=\"Normal\"/></w:style>"
      STYLE("Kop1", "heading 1", "<w:basedOn w:val=\"Standaard\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>")
      STYLE("Kop2", "heading 2", "<w:basedOn w:val=\"Kop1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>")
      STYLE("Titel", "Title", "<w:basedOn w:val=\"Standaard\"/>")
      STYLE("MijnKop", "Mijn kop", "<w:basedOn w:val=\"Kop2\"/>")
      STYLE("Oud", "heading 3", "<w:basedOn w:val=\"Standaard\"/>")
      STYLE("A", "A", "<w:basedOn w:val=\"B\"/>")
      STYLE("B", "B", "<w:basedOn w:val=\"A\"/>")
      STYLE("Plat", "Plat", "<w:basedOn w:val=\"Kop1\"/><w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr>")
      "<w:style w:type=\"character\" w:styleId=\"Kop1Char\"><w:name w:val=\"Kop 1 Char\"/></w:style>"),
    "word/document.xml", DOC(
      PS("Titel", T("Verslag"))
      PS("Kop1", T("Inleiding"))
      PS("Kop2", T("Doel"))
      PS("MijnKop", T("Eigen"))
      PS("Oud", T("Oude stijl"))
      PS("A", T("Kring"))
      PS("Plat", T("Platte tekst"))
      "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr>" T("Direct") "</w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"Kop1\"/><w:outlineLvl w:val=\"9\"/></w:pPr>" T("Geen kop") "</w:p>"
      PS("Onbekend", T("Gewoon"))
      "<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val=\"Kop1\"/></w:pPr></w:pPrChange></w:pPr>"
      T("Was kop") "</w:p>"),
    0 };
  Doc *d = load_ok(az);
  ck_assert_uint_eq(d->body.n, 11);
  assert_block(&d->body.a[0], BLOCK_HEADING, 1, "Verslag");
  assert_block(&d->body.a[1], BLOCK_HEADING, 1, "Inleiding");
  assert_block(&d->body.a[2], BLOCK_HEADING, 2, "Doel");
  assert_block(&d->body.a[3], BLOCK_HEADING, 2, "Eigen");
  assert_block(&d->body.a[4], BLOCK_HEADING, 3, "Oude stijl");
  assert_block(&d->body.a[5], BLOCK_PARAGRAPH, 0, "Kring");
  assert_block(&d->body.a[6], BLOCK_PARAGRAPH, 0, "Platte tekst");
  assert_block(&d->body.a[7], BLOCK_HEADING, 3, "Direct");
  assert_block(&d->body.a[8], BLOCK_PARAGRAPH, 0, "Geen kop");
  assert_block(&d->body.a[9], BLOCK_PARAGRAPH, 0, "Gewoon");
  assert_block(&d->body.a[10], BLOCK_PARAGRAPH, 0, "Was kop");
  doc_free(d);
}
END_TEST

/* 5. Lists: w:numPr directly or through the style (Lijstalinea); numId 0
** and numIds that numbering.xml does not define are no list; a heading
** style with numbering stays a heading. */
START_TEST(t05_lists){
  const char *az[] = {
    "word/styles.xml", STYLES(
      STYLE("Kop1", "heading 1", "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr>")
      STYLE("Lijstalinea", "List Paragraph", "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr>")
      STYLE("Opsomming", "Opsomming", "<w:basedOn w:val=\"Lijstalinea\"/>")),
    "word/numbering.xml", NUMBERING(
      "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
      "<w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"720\"/></w:tabs></w:pPr></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"9\"/></w:num>"),
    "word/document.xml", DOC(
      PNUM("1", "1", T("tweede niveau"))
      PNUM("0", "0", T("numId nul"))
      PNUM("0", "5", T("zonder abstractNum"))
      PNUM("0", "3", T("onbekend"))
      PS("Lijstalinea", T("via stijl"))
      PS("Opsomming", T("via basedOn"))
      "<w:p><w:pPr><w:pStyle w:val=\"Lijstalinea\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>"
      T("uitgezet") "</w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"Lijstalinea\"/><w:numPr><w:ilvl w:val=\"2\"/></w:numPr></w:pPr>"
      T("niveau drie") "</w:p>"
      PS("Kop1", T("Genummerde kop"))),
    0 };
  Doc *d = load_ok(az);
  ck_assert_uint_eq(d->body.n, 9);
  assert_block(&d->body.a[0], BLOCK_LIST_ITEM, 2, "tweede niveau");
  assert_block(&d->body.a[1], BLOCK_PARAGRAPH, 0, "numId nul");
  assert_block(&d->body.a[2], BLOCK_PARAGRAPH, 0, "zonder abstractNum");
  assert_block(&d->body.a[3], BLOCK_PARAGRAPH, 0, "onbekend");
  assert_block(&d->body.a[4], BLOCK_LIST_ITEM, 1, "via stijl");
  assert_block(&d->body.a[5], BLOCK_LIST_ITEM, 1, "via basedOn");
  assert_block(&d->body.a[6], BLOCK_PARAGRAPH, 0, "uitgezet");
  assert_block(&d->body.a[7], BLOCK_LIST_ITEM, 3, "niveau drie");
  assert_block(&d->body.a[8], BLOCK_HEADING, 1, "Genummerde kop");
  doc_free(d);
}
END_TEST

/* 6. mc:AlternateContent: the first Choice only, never a later Choice or
** the Fallback (which repeats the text box for old readers), also nested;
** a text box's paragraphs come before the paragraph that anchors it. */
START_TEST(t06_alternate_content){
  const char *az[] = { "word/document.xml", DOC(
    P(T("Voor ")
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic>"
      "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" P(T("In het kader")) "</w:txbxContent>"
      "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" P(T("In het kader"))
      "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
      T("na"))
    P("<mc:AlternateContent><mc:Choice Requires=\"w14\">"
      "<mc:AlternateContent><mc:Choice Requires=\"w15\">" T("binnen") "</mc:Choice>"
      "<mc:Fallback>" T("FALLBACK") "</mc:Fallback></mc:AlternateContent>" T(" keuze")
      "</mc:Choice><mc:Choice Requires=\"x\">" T("TWEEDE") "</mc:Choice>"
      "<mc:Fallback>" T("TERUGVAL") "</mc:Fallback></mc:AlternateContent>")
    P(T("Anker") "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P(T("VML-kader"))
      "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")), 0 };
  expect_text(az, "In het kader\n\nVoor na\n\nbinnen keuze\n\nVML-kader\n\nAnker\n");
}
END_TEST

/* 7. w:vanish hides its run (unless val is off); the paragraph mark's
** w:vanish and an old w:vanish in w:rPrChange hide nothing. */
START_TEST(t07_vanish){
  const char *az[] = { "word/document.xml", DOC(
    P(T("zicht") "<w:r><w:rPr><w:vanish/></w:rPr><w:t>VERBORGEN</w:t><w:tab/></w:r>"
      "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>baar</w:t></w:r>"
      "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t xml:space=\"preserve\"> en</w:t></w:r>"
      "<w:r><w:rPr><w:vanish w:val=\"1\"/></w:rPr><w:t>WEG</w:t></w:r>")
    P("<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>" T("alinea blijft"))
    P("<w:r><w:rPr><w:rPrChange w:id=\"1\" w:author=\"x\"><w:rPr><w:vanish/></w:rPr></w:rPrChange>"
      "</w:rPr><w:t>nu zichtbaar</w:t></w:r>")), 0 };
  expect_text(az, "zichtbaar en\n\nalinea blijft\n\nnu zichtbaar\n");
}
END_TEST

#define FLD(type) "<w:r><w:fldChar w:fldCharType=\"" type "\"/></w:r>"
#define INSTR(x) "<w:r><w:instrText xml:space=\"preserve\">" x "</w:instrText></w:r>"

/* 8. Fields: the code (w:instrText and all between begin and separate) is
** no text, the result is; nested fields, w:fldSimple, a field without a
** result and a result spanning paragraphs. */
START_TEST(t08_fields){
  const char *az[] = { "word/document.xml", DOC(
    P(T("Pagina ") FLD("begin") INSTR(" PAGE ") FLD("separate") T("3") FLD("end") T(" van 9"))
    P(FLD("begin") INSTR(" IF ") FLD("begin") INSTR(" DATE ") FLD("separate") T("NESTED")
      FLD("end") INSTR(" = 1 \"ja\" ") FLD("separate") T("ja") FLD("end"))
    P(T("Totaal ") "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>9</w:t></w:r></w:fldSimple>")
    P(T("Index") FLD("begin") INSTR(" XE ") T("CODE") FLD("end"))
    P(FLD("begin") INSTR(" TOC \\o ") FLD("separate") T("Inhoud 1"))
    P(T("Inhoud 2") FLD("end"))), 0 };
  expect_text(az, "Pagina 3 van 9\n\nja\n\nTotaal 9\n\nIndex\n\nInhoud 1\n\nInhoud 2\n");
}
END_TEST

/* 9. Tracked changes: deletions and moved-away text are not current text,
** insertions and moved-to text are; a deleted note citation cites nothing. */
START_TEST(t09_tracked_changes){
  const char *az[] = { "word/document.xml", DOC(
    P(T("De ")
      "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>oude </w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>nieuwe </w:t></w:r></w:ins>" T("tekst")
      "<w:moveFromRangeStart w:id=\"3\" w:name=\"m\"/><w:moveFrom w:id=\"4\"><w:r><w:t>WEG</w:t>"
      "</w:r></w:moveFrom><w:moveFromRangeEnd w:id=\"3\"/>"
      "<w:moveTo w:id=\"5\"><w:r><w:t>.</w:t></w:r></w:moveTo>"
      "<w:del w:id=\"6\"><w:r><w:footnoteReference w:id=\"1\"/><w:tab/></w:r></w:del>")), 0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "De nieuwe tekst.\n");
  ck_assert_uint_eq(d->notes.n, 0);
  doc_free(d);
}
END_TEST

#define TC(pr, x) "<w:tc><w:tcPr>" pr "</w:tcPr>" x "</w:tc>"

/* 10. Tables: w:gridSpan gives colspan and covered cells, w:vMerge gives
** the restarting cell its rowspan and covers the continuations (whose
** content is not shown), w:gridBefore/After are covered positions, tables
** nest; every row has one cell per grid column. */
START_TEST(t10_tables){
  const char *az[] = { "word/document.xml", DOC(
    "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
    "<w:tblGrid><w:gridCol w:w=\"1\"/><w:gridCol w:w=\"1\"/><w:gridCol w:w=\"1\"/></w:tblGrid>"
    "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
      TC("<w:gridSpan w:val=\"2\"/>", P(T("A")))
      TC("<w:vMerge w:val=\"restart\"/>", P(T("B"))) "</w:tr>"
    "<w:tr>" TC("", P(T("C"))) TC("", P(T("D"))) TC("<w:vMerge/>", P(T("NIET"))) "</w:tr>"
    "<w:tr>" TC("", P(T("E")))
      TC("", P(T("G")) "<w:tbl><w:tr>" TC("", P(T("n1"))) TC("", P(T("n2"))) "</w:tr></w:tbl><w:p/>")
      TC("<w:vMerge w:val=\"continue\"/>", "<w:p/>") "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>"
      TC("", P(T("F"))) "</w:tr>"
    "</w:tbl>" P(T("Na de tabel"))), 0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "A\t\tB\nC\tD\t\nE\tG n1 n2\t\n\tF\t\n\nNa de tabel\n");
  ck_assert_uint_eq(d->body.n, 2);
  const Block *t = &d->body.a[0];
  ck_assert_int_eq(t->kind, BLOCK_TABLE);
  ck_assert_uint_eq(t->nRow, 4);
  for(size_t r=0; r<4; r++) ck_assert_uint_eq(t->aRow[r].n, 3);
  const TableCell *a0 = t->aRow[0].a;
  ck_assert_int_eq(a0[0].colspan, 2);
  ck_assert_int_eq(a0[0].rowspan, 1);
  ck_assert_int_eq(a0[1].covered, 1);
  ck_assert_int_eq(a0[2].rowspan, 3);
  ck_assert_int_eq(a0[2].colspan, 1);
  ck_assert_int_eq(t->aRow[1].a[2].covered, 1);
  ck_assert_uint_eq(t->aRow[1].a[2].blocks.n, 0);
  ck_assert_int_eq(t->aRow[2].a[2].covered, 1);
  const TableCell *nest = &t->aRow[2].a[1];
  ck_assert_uint_eq(nest->blocks.n, 2);
  ck_assert_int_eq(nest->blocks.a[1].kind, BLOCK_TABLE);
  ck_assert_uint_eq(nest->blocks.a[1].aRow[0].n, 2);
  ck_assert_int_eq(t->aRow[3].a[0].covered, 1);
  ck_assert_int_eq(t->aRow[3].a[1].covered, 0);
  ck_assert_int_eq(t->aRow[3].a[2].covered, 1);
  doc_free(d);
}
END_TEST

#define FNREF(id) "<w:r><w:footnoteReference w:id=\"" id "\"/></w:r>"
#define ENREF(id) "<w:r><w:endnoteReference w:id=\"" id "\"/></w:r>"
#define MARKRUN "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"

/* 11. Footnotes and endnotes: marks 1, 2... and i, ii... in citation
** order, a custom mark, separators and uncited notes left out, the space
** or tab after a note's own mark dropped, notes listed in citation order
** whatever order their parts give them in. */
START_TEST(t11_notes){
  const char *az[] = {
    "word/document.xml", DOC(
      P(T("Eerste") FNREF("2") T(" tweede") ENREF("1") T(" derde") FNREF("1"))
      P(T("Eigen") "<w:r><w:footnoteReference w:customMarkFollows=\"1\" w:id=\"3\"/><w:t>*</w:t></w:r>"
        T(" teken") ENREF("2"))),
    "word/footnotes.xml", FOOTNOTES(
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/>"
      "</w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"1\"><w:p>" MARKRUN "<w:footnoteRef/></w:r>" T(" Noot een") "</w:p></w:footnote>"
      "<w:footnote w:id=\"2\"><w:p>" MARKRUN "<w:footnoteRef/></w:r><w:r><w:tab/></w:r>"
        T("Noot twee a") "</w:p>" P(T("Noot twee b")) "</w:footnote>"
      "<w:footnote w:id=\"3\">" P(T("Sterretje")) "</w:footnote>"
      "<w:footnote w:id=\"4\">" P(T("ONGEBRUIKT")) "</w:footnote>"),
    "word/endnotes.xml", ENDNOTES(
      "<w:endnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>"
      "<w:endnote w:id=\"2\"><w:p><w:r><w:endnoteRef/></w:r>" T(" Eindnoot twee") "</w:p></w:endnote>"
      "<w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r>" T(" Eindnoot een") "</w:p></w:endnote>"),
    0 };
  Doc *d = load_ok(az);
  assert_doc_text(d,
    "Eerste[1] tweede[i] derde[2]\n\nEigen[*] teken[ii]\n\n"
    "[1] Noot twee a\n\nNoot twee b\n\n[i] Eindnoot een\n\n[2] Noot een\n\n"
    "[*] Sterretje\n\n[ii] Eindnoot twee\n");
  ck_assert_uint_eq(d->notes.n, 5);
  ck_assert_int_eq(d->notes.a[0].kind, BLOCK_FOOTNOTE);
  ck_assert_str_eq(d->notes.a[0].mark, "1");
  ck_assert_uint_eq(d->notes.a[0].children.n, 2);
  ck_assert_int_eq(d->notes.a[1].kind, BLOCK_ENDNOTE);
  ck_assert_str_eq(d->notes.a[1].mark, "i");
  ck_assert_str_eq(d->notes.a[3].mark, "*");
  doc_free(d);
}
END_TEST

/* 12. Comments go to d->comments with author and date; their anchors in
** the body are no text, and comments are not in the plain text. */
START_TEST(t12_comments){
  const char *az[] = {
    "word/document.xml", DOC(
      P("<w:commentRangeStart w:id=\"0\"/>" T("tekst") "<w:commentRangeEnd w:id=\"0\"/>"
        "<w:r><w:commentReference w:id=\"0\"/></w:r>")),
    "word/comments.xml", XML_DECL "<w:comments" NS_DECLS ">"
      "<w:comment w:id=\"0\" w:author=\"Karin Bouwman\" w:date=\"2015-03-30T13:28:00Z\" w:initials=\"KB\">"
      "<w:p><w:r><w:annotationRef/></w:r>" T("Datum nog bevestigen.") "</w:p></w:comment>"
      "<w:comment w:id=\"1\" w:author=\"\">" P(T("Zonder auteur")) "</w:comment>"
      "</w:comments>",
    0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "tekst\n");
  ck_assert_uint_eq(d->comments.n, 2);
  const Block *c = &d->comments.a[0];
  ck_assert_int_eq(c->kind, BLOCK_COMMENT);
  ck_assert_str_eq(c->author, "Karin Bouwman");
  ck_assert_str_eq(c->date, "2015-03-30T13:28:00Z");
  ck_assert_uint_eq(c->children.n, 1);
  ck_assert_str_eq(c->children.a[0].text, "Datum nog bevestigen.");
  ck_assert_ptr_null(d->comments.a[1].author);
  ck_assert_ptr_null(d->comments.a[1].date);
  doc_free(d);
}
END_TEST

/* 13. Headers and footers by relationship type, each distinct part once,
** targets relative or absolute; an empty one leaves no block; not in the
** plain text. */
START_TEST(t13_headers_footers){
  const char *az[] = {
    "word/_rels/document.xml.rels", RELS(
      REL("rId1", "header", "header1.xml")
      REL("rId2", "header", "./header1.xml")
      REL("rId3", "footer", "/word/voet.xml")
      REL("rId4", "header", "../word/leeg.xml")),
    "word/document.xml", DOC(P(T("Romp"))),
    "word/header1.xml", XML_DECL "<w:hdr" NS_DECLS ">" P(T("CONCEPT")) "</w:hdr>",
    "word/voet.xml", XML_DECL "<w:ftr" NS_DECLS ">"
      P(T("Pagina ") FLD("begin") INSTR(" PAGE ") FLD("separate") T("1") FLD("end")) "</w:ftr>",
    "word/leeg.xml", XML_DECL "<w:hdr" NS_DECLS "><w:p/></w:hdr>",
    0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "Romp\n");
  ck_assert_uint_eq(d->margins.n, 2);
  ck_assert_int_eq(d->margins.a[0].kind, BLOCK_HEADER);
  ck_assert_str_eq(d->margins.a[0].children.a[0].text, "CONCEPT");
  ck_assert_int_eq(d->margins.a[1].kind, BLOCK_FOOTER);
  ck_assert_str_eq(d->margins.a[1].children.a[0].text, "Pagina 1");
  doc_free(d);
}
END_TEST

/* 14. Core and app properties, found through _rels/.rels. */
START_TEST(t14_properties){
  const char *az[] = {
    "_rels/.rels", RELS(
      REL("rId1", "officeDocument", "word/document.xml")
      "<Relationship Id=\"rId2\" Type=\"" PKG_REL_NS "/metadata/core-properties\" Target=\"meta/kern.xml\"/>"
      REL("rId3", "extended-properties", "meta/app.xml")),
    "word/document.xml", DOC(P(T("x"))),
    "meta/kern.xml", XML_DECL
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<dc:title>Verslag BORA 12 maart 2015</dc:title><dc:subject>BORA</dc:subject>"
      "<dc:description>verslag</dc:description><cp:keywords>BORA, verslag</cp:keywords>"
      "<dc:creator>Eva Schouten</dc:creator><cp:lastModifiedBy>Rik Bouwman</cp:lastModifiedBy>"
      "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2015-03-12T09:00:00Z</dcterms:created>"
      "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2015-03-13T10:00:00Z</dcterms:modified>"
      "<dc:language>nl-NL</dc:language><cp:revision>3</cp:revision></cp:coreProperties>",
    "meta/app.xml", XML_DECL
      "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
      "<Template>Normal.dotm</Template><Application>Microsoft Office Word</Application>"
      "<AppVersion>16.0000</AppVersion></Properties>",
    0 };
  Doc *d = load_ok(az);
  const DocMeta *m = &d->meta;
  ck_assert_str_eq(m->title, "Verslag BORA 12 maart 2015");
  ck_assert_str_eq(m->subject, "BORA");
  ck_assert_str_eq(m->description, "verslag");
  ck_assert_str_eq(m->keywords, "BORA, verslag");
  ck_assert_str_eq(m->creator, "Eva Schouten");
  ck_assert_str_eq(m->last_modified_by, "Rik Bouwman");
  ck_assert_str_eq(m->created, "2015-03-12T09:00:00Z");
  ck_assert_str_eq(m->modified, "2015-03-13T10:00:00Z");
  ck_assert_str_eq(m->language, "nl-NL");
  ck_assert_str_eq(m->generator, "Microsoft Office Word 16.0000");
  ck_assert_ptr_null(m->initial_creator);
  doc_free(d);
}
END_TEST

/* 15. What is not a Word document, or lacks its main part. */
START_TEST(t15_not_word){
  const char *azXlsx[] = {
    "[Content_Types].xml", TYPES(OVERRIDE("/xl/workbook.xml",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
    "_rels/.rels", RELS(REL("rId1", "officeDocument", "xl/workbook.xml")),
    "xl/workbook.xml", XML_DECL "<workbook/>", 0 };
  expect_error(azXlsx, "not an ODT or DOCX file (it is a spreadsheet)");
  const char *azPptx[] = {
    "[Content_Types].xml", TYPES(OVERRIDE("/ppt/presentation.xml",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")),
    "_rels/.rels", RELS(REL("rId1", "officeDocument", "ppt/presentation.xml")),
    "ppt/presentation.xml", XML_DECL "<presentation/>", 0 };
  expect_error(azPptx, "not an ODT or DOCX file (it is a presentation)");
  /* a main part with only the Default application/xml type */
  const char *azPlain[] = { "[Content_Types].xml", TYPES(""), "word/document.xml", DOC(""), 0 };
  expect_error(azPlain, "not an ODT or DOCX file");
  const char *azNoRel[] = {
    "_rels/.rels", RELS(REL("rId1", "styles", "word/styles.xml")),
    "word/document.xml", DOC(""), 0 };
  expect_error(azNoRel, "not an ODT or DOCX file");
  const char *azMissing[] = {
    "[Content_Types].xml", TYPES(OVERRIDE("/word/hoofd.xml", WORD_MAIN)),
    "_rels/.rels", RELS(REL("rId1", "officeDocument", "word/hoofd.xml")), 0 };
  expect_error(azMissing, "corrupt document: word/hoofd.xml is missing");
}
END_TEST

/* 16. Templates and macro documents are read as text; vbaProject.bin is
** never opened (here it is not even a valid stream). */
START_TEST(t16_macro_template){
  const char *az[] = {
    "[Content_Types].xml", TYPES(
      "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
      OVERRIDE("/word/document.xml", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")),
    "word/_rels/document.xml.rels", RELS(
      "<Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\""
      " Target=\"vbaProject.bin\"/>"),
    "word/vbaProject.bin", "\xd0\xcf\x11\xe0 not really OLE",
    "word/document.xml", DOC(P(T("Sjabloon"))),
    0 };
  expect_text(az, "Sjabloon\n");
}
END_TEST

/* 17. Part names are case-insensitive and relative targets resolve
** against the source part's folder. */
START_TEST(t17_part_names){
  const char *az[] = {
    "[Content_Types].xml", TYPES(OVERRIDE("/WORD/Document.xml", WORD_MAIN)),
    "_rels/.rels", RELS(REL("rId1", "officeDocument", "./Word/DOCUMENT.xml")),
    "word/_rels/document.xml.rels", RELS(REL("rId1", "styles", "../word/sub/../Stijlen.xml")),
    "word/document.xml", DOC(PS("K", T("Kop"))),
    "word/stijlen.xml", STYLES(STYLE("K", "heading 2", "")),
    0 };
  Doc *d = load_ok(az);
  assert_block(&d->body.a[0], BLOCK_HEADING, 2, "Kop");
  doc_free(d);
}
END_TEST

/* 18. Content controls (without their properties), smart tags, custom XML,
** hyperlinks and bookmarks keep their text. */
START_TEST(t18_wrappers){
  const char *az[] = { "word/document.xml", DOC(
    P("<w:sdt><w:sdtPr><w:alias w:val=\"Naam\"/><w:r><w:t>ALIAS</w:t></w:r>"
      "<w:placeholder><w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr>"
      "<w:sdtContent>" T("Jan") "</w:sdtContent></w:sdt>"
      "<w:smartTag w:uri=\"u\" w:element=\"place\">" T(" Amersfoort") "</w:smartTag>"
      "<w:customXml w:element=\"x\">" T(",") "</w:customXml>"
      "<w:hyperlink r:id=\"rId9\">" T(" link") "</w:hyperlink>"
      "<w:bookmarkStart w:id=\"0\" w:name=\"b\"/>" T(" eind") "<w:bookmarkEnd w:id=\"0\"/>")
    "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"x\"/></w:docPartObj></w:sdtPr>"
    "<w:sdtContent>" P(T("Blok")) "</w:sdtContent></w:sdt>"), 0 };
  expect_text(az, "Jan Amersfoort, link eind\n\nBlok\n");
}
END_TEST

/* 19. w:sym: the Symbol font's private-use codes become Unicode, other
** fonts keep theirs, plain code points pass, controls are dropped. */
START_TEST(t19_symbols){
  const char *az[] = { "word/document.xml", DOC(
    P(T("5 ") "<w:r><w:sym w:font=\"Symbol\" w:char=\"F06D\"/></w:r>" T("m ")
      "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>"
      "<w:r><w:sym w:font=\"Arial\" w:char=\"2022\"/></w:r>"
      "<w:r><w:sym w:font=\"Arial\" w:char=\"0001\"/><w:sym w:char=\"zz\"/></w:r>")), 0 };
  expect_text(az, "5 \xce\xbcm \xef\x83\xbc\xe2\x80\xa2\n");
}
END_TEST

/* 20. A page or column break keeps the words on both sides apart and is
** nothing at the start or end of a paragraph. */
START_TEST(t20_page_breaks){
  const char *az[] = { "word/document.xml", DOC(
    P("<w:r><w:br w:type=\"page\"/></w:r>" T("Bijlage"))
    P(T("voor") "<w:r><w:lastRenderedPageBreak/><w:br w:type=\"page\"/></w:r>" T("na"))
    P(T("eind") "<w:r><w:br w:type=\"column\"/></w:r>")
    P("<w:r><w:br w:type=\"page\"/></w:r>")), 0 };
  Doc *d = load_ok(az);
  assert_doc_text(d, "Bijlage\n\nvoor\nna\n\neind\n");
  ck_assert_uint_eq(d->body.n, 3);
  doc_free(d);
}
END_TEST

/* 21. Values no Word writes: huge or negative spans are bounded, a
** continuation with nothing to continue is only covered, a level past 9
** is the deepest, unbalanced field characters do not hide what follows
** the field, a custom-mark citation without its mark is numbered. */
START_TEST(t21_odd_values){
  const char *az[] = {
    "word/numbering.xml", NUMBERING(
      "<w:abstractNum w:abstractNumId=\"0\"/><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"),
    "word/document.xml", DOC(
      "<w:tbl><w:tr>" TC("<w:gridSpan w:val=\"99999999\"/>", P(T("breed"))) "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"-5\"/><w:gridAfter w:val=\"0\"/></w:trPr>"
        TC("<w:vMerge w:val=\"continue\"/>", P(T("WEES"))) TC("", P(T("x"))) "</w:tr></w:tbl>"
      PNUM("99", "1", T("diep"))
      P(FLD("end") FLD("separate") T("na losse veldtekens"))
      P(T("Noot") "<w:r><w:footnoteReference w:customMarkFollows=\"on\" w:id=\"1\"/></w:r>")),
    0 };
  Doc *d = load_ok(az);
  const Block *t = &d->body.a[0];
  ck_assert_uint_eq(t->aRow[0].n, 1000);
  ck_assert_int_eq(t->aRow[0].a[0].colspan, 1000);
  ck_assert_int_eq(t->aRow[0].a[999].covered, 1);
  ck_assert_uint_eq(t->aRow[1].n, 2);
  ck_assert_int_eq(t->aRow[1].a[0].covered, 1);
  ck_assert_str_eq(t->aRow[1].a[1].blocks.a[0].text, "x");
  assert_block(&d->body.a[1], BLOCK_LIST_ITEM, 9, "diep");
  assert_block(&d->body.a[2], BLOCK_PARAGRAPH, 0, "na losse veldtekens");
  assert_block(&d->body.a[3], BLOCK_PARAGRAPH, 0, "Noot[1]");
  doc_free(d);
}
END_TEST

Suite *suite_docx(void){
  Suite *s = suite_create("docx");
  TCase *tc = tcase_create("docx");
  tcase_add_test(tc, t01_runs);
  tcase_add_test(tc, t02_ns0_prefix);
  tcase_add_test(tc, t03_strict);
  tcase_add_test(tc, t04_heading_styles);
  tcase_add_test(tc, t05_lists);
  tcase_add_test(tc, t06_alternate_content);
  tcase_add_test(tc, t07_vanish);
  tcase_add_test(tc, t08_fields);
  tcase_add_test(tc, t09_tracked_changes);
  tcase_add_test(tc, t10_tables);
  tcase_add_test(tc, t11_notes);
  tcase_add_test(tc, t12_comments);
  tcase_add_test(tc, t13_headers_footers);
  tcase_add_test(tc, t14_properties);
  tcase_add_test(tc, t15_not_word);
  tcase_add_test(tc, t16_macro_template);
  tcase_add_test(tc, t17_part_names);
  tcase_add_test(tc, t18_wrappers);
  tcase_add_test(tc, t19_symbols);
  tcase_add_test(tc, t20_page_breaks);
  tcase_add_test(tc, t21_odd_values);
  suite_add_tcase(s, tc);
  return s;
}
