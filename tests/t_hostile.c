/*
** t_hostile.c — the extractor against hostile input.
**
** Each numbered case builds its file at run time (tests/hostile.c) in a
** fresh directory, runs extract_file() in a forked child and checks the
** exact one-line reason, that the child ended normally (no crash, and no
** leak under LeakSanitizer), that its peak memory stayed within
** MEM_BOUND_KIB of the parent's (not checked under AddressSanitizer,
** whose shadow memory and quarantine make RSS meaningless; there the
** child is only killed past HOSTILE_KILL_KIB) and, through the test case
** timeouts, that it ended quickly.
**
** Cases that make sense for several formats are loop tests over aKind:
** _i = 0 ODT, 1 DOCX, 2 Flat ODT.
*/
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "hostile.h"

Suite *suite_hostile(void);

#define MEM_BOUND_KIB (200L * 1024)
#define FODT_OPEN \
  "<office:document" \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">" \
  "<office:body><office:text>"
#define FODT_CLOSE "</office:text></office:body></office:document>"

/* ------------------------------------------------------------- formats */

typedef struct Kind {
  const char *zFile;        /* the test file's name */
  const char *zPart;        /* the main part, as messages name it */
  const char *zOpen, *zClose;
  const char *zParaOpen, *zParaClose;   /* a paragraph around plain text */
  const char *zTblOpen, *zTblClose;     /* a table, row and cell */
  void (*xPkg)(HPkg*, const char*, size_t);   /* NULL: a plain XML file */
} Kind;

static const Kind aKind[3] = {
  { "doc.odt", "content.xml", ODT_OPEN, ODT_CLOSE,
    "<text:p>", "</text:p>",
    "<table:table><table:table-row><table:table-cell>",
    "</table:table-cell></table:table-row></table:table>", hpkg_odt },
  { "doc.docx", "word/document.xml", DOCX_OPEN, DOCX_CLOSE,
    "<w:p><w:r><w:t xml:space=\"preserve\">", "</w:t></w:r></w:p>",
    "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", hpkg_docx },
  { "doc.fodt", "doc.fodt", FODT_OPEN, FODT_CLOSE,
    "<text:p>", "</text:p>",
    "<table:table><table:table-row><table:table-cell>",
    "</table:table-cell></table:table-row></table:table>", 0 },
};

/* The OpenDocument kinds, for cases about ODF-only markup. */
static const Kind *odf_kind(int i){ return &aKind[i ? 2 : 0]; }

/* --------------------------------------------------------------- fixture */

/* Each test gets a directory inside its test case's zRoot.  A failed
** test ends its forked process before its teardown; the test case's
** teardown, in the runner, removes what it left. */
static char *zRoot, *zDir;

static void root_setup(void){ zRoot = hostile_dir_new(); }
static void root_teardown(void){ hostile_dir_free(zRoot); zRoot = 0; }
static void setup(void){ zDir = hostile_dir_in(zRoot); }
static void teardown(void){ hostile_dir_free(zDir); zDir = 0; }

/* The path of zName in the test's directory; valid for a few calls. */
static const char *P(const char *zName){
  static char az[4][4096];
  static int i;
  i = (i+1) % 4;
  snprintf(az[i], sizeof az[i], "%s/%s", zDir, zName);
  return az[i];
}

/* The main part of kind k: prolog (a DOCTYPE, or ""), root, body, end. */
static void main_part(const Kind *k, Buf *out, const char *zProlog,
                      const char *zBody, size_t nBody){
  buf_puts(out, XML_DECL);
  buf_puts(out, zProlog);
  buf_puts(out, k->zOpen);
  buf_append(out, zBody, nBody);
  buf_puts(out, k->zClose);
}

/* Writes k->zFile holding the main part xml, compressed with method. */
static void write_kind(const Kind *k, const Buf *xml, int method){
  if( k->xPkg==0 ){
    hostile_file_write(P(k->zFile), xml->z, xml->n);
    return;
  }
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml->z, xml->n);
  hpkg_find(&pkg, k->zPart)->method = method;
  hpkg_write_libzip(&pkg, P(k->zFile), ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
}

/* Writes k->zFile with this body (deflated). */
static void write_body(const Kind *k, const char *zProlog, const char *zBody){
  Buf xml = BUF_INIT;
  main_part(k, &xml, zProlog, zBody, strlen(zBody));
  write_kind(k, &xml, ZIP_CM_DEFLATE);
  buf_release(&xml);
}

/* One paragraph of plain text in kind k's markup. */
static void para(const Kind *k, Buf *out, const char *zText){
  buf_puts(out, k->zParaOpen);
  buf_puts(out, zText);
  buf_puts(out, k->zParaClose);
}

/* ------------------------------------------------------------- checking */

static void run(const char *zFile, HResult *r){
  hostile_extract(P(zFile), r);
  ck_assert_msg(!r->bKilled, "%s: the extracting child grew past %ld MiB: killed",
                zFile, HOSTILE_KILL_KIB >> 10);
  ck_assert_msg(WIFEXITED(r->status) && WEXITSTATUS(r->status)==0,
                "%s: the extracting child %s %d", zFile,
                WIFSIGNALED(r->status) ? "died of signal" : "exited with status",
                WIFSIGNALED(r->status) ? WTERMSIG(r->status) : WEXITSTATUS(r->status));
  ck_assert_msg(r->rc!=-2, "%s: no result from the child", zFile);
  ck_assert_msg(HOSTILE_ASAN || r->nGrowKiB < MEM_BOUND_KIB,
                "%s: the child grew by %ld KiB (bound %ld KiB)",
                zFile, r->nGrowKiB, MEM_BOUND_KIB);
}

/* The file is refused with exactly this reason, and nothing is output. */
static void expect_error(const char *zFile, const char *zWant){
  HResult r;
  run(zFile, &r);
  ck_assert_msg(r.rc==-1 && strcmp(r.zErr, zWant)==0,
                "%s:\n   got: rc=%d \"%s\"\n  want: \"%s\"", zFile, r.rc, r.zErr, zWant);
  ck_assert_msg(r.text.n==0, "%s: text output on failure", zFile);
  hresult_free(&r);
}

static void expect_errorf(const char *zFile, const char *zFmt, ...)
    __attribute__((format(printf, 2, 3)));
static void expect_errorf(const char *zFile, const char *zFmt, ...){
  Buf want = BUF_INIT;
  va_list ap;
  va_start(ap, zFmt);
  buf_vappendf(&want, zFmt, ap);
  va_end(ap);
  expect_error(zFile, want.z);
  buf_release(&want);
}

/* The file is read, and its plain text is exactly zWant. */
static void expect_text(const char *zFile, const char *zWant){
  HResult r;
  run(zFile, &r);
  ck_assert_msg(r.rc==0, "%s: refused: \"%s\"", zFile, r.zErr);
  ck_assert_msg(r.text.n==strlen(zWant) && memcmp(r.text.z, zWant, r.text.n)==0,
                "%s:\n   got: \"%.300s\" (%zu bytes)\n  want: \"%s\"",
                zFile, r.text.z, r.text.n, zWant);
  hresult_free(&r);
}

/* The exact reasons, where they do not name a part. */
static const char zNotOdtDocx[] = "not an ODT or DOCX file";
static const char zPassword[] = "password-protected document";
static const char zParaLimit[] = "document too large: a paragraph holds more than 10 MiB of text";
static const char zTextLimit[] = "document too large: more than 64 MiB of text";
static const char zBlockLimit[] =
  "document too large: more than 500000 paragraphs and table cells";

static const char *dtd_refused(const char *zPart){
  static char z[200];
  snprintf(z, sizeof z, "a document type declaration (DTD) is not allowed in %s", zPart);
  return z;
}

/* ================================================================ cases */

/* 0. The builders make files the extractor reads: every refusal below is
** about the hostile part alone. */
START_TEST(h00_baseline){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT;
  para(k, &body, "Hallo wereld");
  para(k, &body, "Tweede alinea");
  write_body(k, "", body.z);
  expect_text(k->zFile, "Hallo wereld\n\nTweede alinea\n");
  buf_release(&body);
}
END_TEST

/* ---------------------------------------------------------------- bombs */

/* 1 MiB of zChunk repeated: the block that a bomb repeats. */
static void mid_block(Buf *mid, const char *zChunk){
  size_t n = strlen(zChunk);
  while( mid->n + n <= ((size_t)1 << 20) ) buf_append(mid, zChunk, n);
}

/* Writes k->zFile whose main part inflates to the head of a paragraph,
** nRep MiB of mid, and the end.  bLie: the headers claim 1 KiB. */
static void write_bomb(const Kind *k, const Buf *mid, size_t nRep, int bLie){
  Buf head = BUF_INIT, tail = BUF_INIT;
  buf_puts(&head, XML_DECL);
  buf_puts(&head, k->zOpen);
  buf_puts(&tail, k->zClose);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, "", 0);
  HEntry *e = hpkg_find(&pkg, k->zPart);
  hentry_bomb(e, head.z, mid, nRep, tail.z);
  if( bLie ) e->nRaw = 1024;
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  buf_release(&head);
  buf_release(&tail);
}

static const char *bomb_msg(const Kind *k){
  static char z[200];
  snprintf(z, sizeof z, "zip bomb: %s inflates more than 100 times its compressed size",
           k->zPart);
  return z;
}

/* 1. A main part that inflates to 1.1 GiB of spaces (inside a paragraph
** in ODT, between the runs of a paragraph in DOCX). */
START_TEST(h01_deflate_bomb_spaces){
  const Kind *k = &aKind[_i];
  Buf mid = BUF_INIT;
  mid_block(&mid, " ");
  write_bomb(k, &mid, 1100, 0);
  expect_error(k->zFile, bomb_msg(k));
  buf_release(&mid);
}
END_TEST

/* 2. The same with 1.1 GiB of one-letter paragraphs: the limit on blocks
** comes first (the ratio rule alone would let 300 MB of paragraphs, some
** 17 million blocks, into memory first). */
START_TEST(h02_deflate_bomb_paragraphs){
  const Kind *k = &aKind[_i];
  Buf mid = BUF_INIT, one = BUF_INIT;
  para(k, &one, "a");
  mid_block(&mid, one.z);
  write_bomb(k, &mid, 1100, 0);
  expect_error(k->zFile, zBlockLimit);
  buf_release(&mid);
  buf_release(&one);
}
END_TEST

/* 3. A bomb whose headers claim it inflates to 1 KiB: the inflated bytes
** are counted, never taken from the header. */
START_TEST(h03_deflate_bomb_lying_header){
  const Kind *k = &aKind[_i];
  Buf mid = BUF_INIT;
  mid_block(&mid, " ");
  write_bomb(k, &mid, 1100, 1);
  expect_error(k->zFile, bomb_msg(k));
  buf_release(&mid);
}
END_TEST

/* 4. A bomb in a part read before the main part: the ODF manifest, the
** DOCX content types. */
START_TEST(h04_deflate_bomb_small_part){
  const Kind *k = &aKind[_i];
  static const char *azPart[2] = { "META-INF/manifest.xml", "[Content_Types].xml" };
  static const char *azOpen[2] = {
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" };
  static const char *azClose[2] = { "</manifest:manifest>", "</Types>" };
  Buf mid = BUF_INIT, body = BUF_INIT, head = BUF_INIT;
  mid_block(&mid, " ");
  para(k, &body, "a");
  buf_puts(&head, XML_DECL);
  buf_puts(&head, azOpen[_i]);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, body.z, body.n);
  hentry_bomb(hpkg_find(&pkg, azPart[_i]), head.z, &mid, 1100, azClose[_i]);
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  expect_errorf(k->zFile, "zip bomb: %s inflates more than 100 times its compressed size",
                azPart[_i]);
  buf_release(&mid);
  buf_release(&body);
  buf_release(&head);
}
END_TEST

/* 5. 257 MiB of white space between paragraphs, compressed only about
** 25:1 so that the ratio rule does not fire: the per-entry limit does. */
START_TEST(h05_entry_beyond_256mib){
  const Kind *k = &aKind[_i];
  static const char azWs[4] = { ' ', '\n', '\t', '\r' };
  Buf mid = BUF_INIT, first = BUF_INIT;
  uint32_t x = 12345;
  while( mid.n < ((size_t)1 << 20) - 64 ){
    x = x*1103515245u + 12345u;
    buf_putc(&mid, azWs[(x >> 16) & 3]);
    for(uint32_t j=0; j<((x >> 20) & 63); j++) buf_putc(&mid, ' ');
  }
  para(k, &first, "a");
  Buf head = BUF_INIT;
  buf_puts(&head, XML_DECL);
  buf_puts(&head, k->zOpen);
  buf_append(&head, first.z, first.n);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, "", 0);
  hentry_bomb(hpkg_find(&pkg, k->zPart), head.z, &mid, 257, k->zClose);
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  expect_errorf(k->zFile, "document too large: %s expands beyond 256 MiB", k->zPart);
  buf_release(&mid);
  buf_release(&first);
  buf_release(&head);
}
END_TEST

/* 6. Fifield's overlapping-entry bomb: 1000 entries, one 16 MiB kernel,
** 16 GiB if each entry were extracted. */
START_TEST(h06_overlap_bomb){
  hostile_overlap_zip(P("overlap.docx"), 1000, (size_t)16 << 20);
  expect_error("overlap.docx", "corrupt zip archive: entries overlap (a zip bomb)");
}
END_TEST

/* Adds nMore to the sizes that the first entry's local and central
** headers claim, so that its data reach over the next local header. */
static void claim_more(const char *zFile, uint32_t nMore){
  Buf whole = BUF_INIT;
  hostile_file_read(P(zFile), &whole);
  unsigned char *pCentral = memmem(whole.z, whole.n, "PK\x01\x02", 4);
  ck_assert(pCentral!=0);
  unsigned char *ap[4] = {
    (unsigned char*)whole.z + 18, (unsigned char*)whole.z + 22, pCentral + 20, pCentral + 24 };
  for(int i=0; i<4; i++){
    uint32_t v = ap[i][0] | ap[i][1]<<8 | (uint32_t)ap[i][2]<<16 | (uint32_t)ap[i][3]<<24;
    v += nMore;
    for(int j=0; j<4; j++) ap[i][j] = (unsigned char)(v >> 8*j);
  }
  hostile_file_write(P(zFile), whole.z, whole.n);
  buf_release(&whole);
}

/* 7. A stored entry whose headers agree on a size that reaches over the
** next entry's local header. */
START_TEST(h07_overlap_claimed_size){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(k, &body, "a");
  main_part(k, &xml, "", body.z, body.n);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml.z, xml.n);
  pkg.a[0].method = ZIP_CM_STORE;
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  claim_more(k->zFile, 200);
  expect_error(k->zFile, "corrupt zip archive: entries overlap (a zip bomb)");
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* ------------------------------------------------------------------ XML */

/* 10. Billion laughs: ten levels of ten references. */
START_TEST(h10_billion_laughs){
  const Kind *k = &aKind[_i];
  Buf dtd = BUF_INIT, body = BUF_INIT;
  buf_puts(&dtd, "<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
  for(int i=1; i<10; i++){
    buf_appendf(&dtd, "<!ENTITY lol%d \"", i);
    for(int j=0; j<10; j++) buf_appendf(&dtd, "&lol%d;", i-1);
    buf_puts(&dtd, "\">\n");
  }
  buf_puts(&dtd, "]>\n");
  para(k, &body, "&lol9;");
  write_body(k, dtd.z, body.z);
  expect_error(k->zFile, dtd_refused(k->zPart));
  buf_release(&dtd);
  buf_release(&body);
}
END_TEST

/* 11. Quadratic blow-up: one 100 KB entity referenced 100,000 times. */
START_TEST(h11_quadratic_blowup){
  const Kind *k = &aKind[_i];
  Buf dtd = BUF_INIT, refs = BUF_INIT, body = BUF_INIT;
  buf_puts(&dtd, "<!DOCTYPE kaboom [<!ENTITY a \"");
  for(int i=0; i<100000; i++) buf_putc(&dtd, 'a');
  buf_puts(&dtd, "\">]>\n");
  for(int i=0; i<100000; i++) buf_puts(&refs, "&a;");
  para(k, &body, refs.z);
  write_body(k, dtd.z, body.z);
  /* A Flat ODT is recognised by the OpenDocument namespace in its first
  ** 64 KiB; here the 100 KB entity pushes it out, so the file is not even
  ** taken for one.  Either way nothing is expanded. */
  expect_error(k->zFile, k->xPkg ? dtd_refused(k->zPart) : "not an ODT or DOCX file");
  buf_release(&dtd);
  buf_release(&refs);
  buf_release(&body);
}
END_TEST

/* Writes k->zFile with a paragraph referring to the external entity at
** zUrl, and expects the DTD to be refused. */
static void external_entity(const Kind *k, const char *zUrl){
  Buf dtd = BUF_INIT, body = BUF_INIT;
  buf_appendf(&dtd, "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"%s\">]>\n", zUrl);
  para(k, &body, "voor &xxe; na");
  write_body(k, dtd.z, body.z);
  expect_error(k->zFile, dtd_refused(k->zPart));
  buf_release(&dtd);
  buf_release(&body);
}

/* 12. An external entity naming a local file. */
START_TEST(h12_external_entity_file){
  external_entity(&aKind[_i], "file:///etc/passwd");
  external_entity(&aKind[_i], "/etc/passwd");
}
END_TEST

/* 13. An external entity and an external DTD naming a URL on this
** machine: refused, and no connection is even tried (a listening socket
** sees none). */
START_TEST(h13_external_entity_url){
  const Kind *k = &aKind[_i];
  int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_in a;
  socklen_t nA = sizeof a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ck_assert(s>=0 && bind(s, (struct sockaddr*)&a, sizeof a)==0 && listen(s, 8)==0);
  ck_assert(getsockname(s, (struct sockaddr*)&a, &nA)==0);
  char zUrl[100];
  snprintf(zUrl, sizeof zUrl, "http://127.0.0.1:%d/x", ntohs(a.sin_port));
  external_entity(k, zUrl);
  external_entity(k, "http://127.0.0.1:9/x");
  Buf dtd = BUF_INIT, body = BUF_INIT;
  buf_appendf(&dtd, "<!DOCTYPE r SYSTEM \"%s\">\n", zUrl);
  para(k, &body, "a");
  write_body(k, dtd.z, body.z);
  expect_error(k->zFile, dtd_refused(k->zPart));
  int c = accept(s, 0, 0);
  ck_assert_msg(c<0 && (errno==EAGAIN || errno==EWOULDBLOCK),
                "the extractor connected to %s", zUrl);
  close(s);
  buf_release(&dtd);
  buf_release(&body);
}
END_TEST

/* 14. An external DTD naming a local file, and a parameter entity. */
START_TEST(h14_external_dtd){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT;
  para(k, &body, "a");
  write_body(k, "<!DOCTYPE r SYSTEM \"file:///etc/passwd\">\n", body.z);
  expect_error(k->zFile, dtd_refused(k->zPart));
  write_body(k, "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n", body.z);
  expect_error(k->zFile, dtd_refused(k->zPart));
  buf_release(&body);
}
END_TEST

/* 15. XInclude is not processed: the include element is just an unknown
** element, and /etc/passwd never appears. */
START_TEST(h15_xinclude_ignored){
  const Kind *k = &aKind[_i];
  static const char zInc[] =
    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
    " href=\"file:///etc/passwd\" parse=\"text\"/>";
  Buf body = BUF_INIT;
  buf_puts(&body, k->zParaOpen);
  buf_puts(&body, "voor");
  buf_puts(&body, k->zParaClose);
  buf_puts(&body, zInc);
  para(k, &body, "na");
  write_body(k, "", body.z);
  expect_text(k->zFile, "voor\n\nna\n");
  buf_release(&body);
}
END_TEST

/* 16. 100,000 nested elements: refused at the depth limit, quickly. */
START_TEST(h16_deep_nesting){
  const Kind *k = &aKind[_i];
  const char *zOpen = _i==1 ? "<w:sdt><w:sdtContent>" : "<text:section>";
  const char *zClose = _i==1 ? "</w:sdtContent></w:sdt>" : "</text:section>";
  int nRep = _i==1 ? 50000 : 100000;
  Buf body = BUF_INIT, xml = BUF_INIT;
  for(int i=0; i<nRep; i++) buf_puts(&body, zOpen);
  para(k, &body, "diep");
  for(int i=0; i<nRep; i++) buf_puts(&body, zClose);
  main_part(k, &xml, "", body.z, body.n);
  write_kind(k, &xml, ZIP_CM_STORE);
  HResult r;
  run(k->zFile, &r);
  ck_assert_msg(r.rc==-1, "%s: read", k->zFile);
  Buf want = BUF_INIT;
  buf_appendf(&want, "document too deeply nested: more than 256 levels in %s", k->zPart);
  ck_assert_msg(strcmp(r.zErr, want.z)==0, "%s:\n   got: \"%s\"\n  want: \"%s\"",
                k->zFile, r.zErr, want.z);
  ck_assert_msg(r.secs < (HOSTILE_ASAN ? 5.0 : 1.0), "%s: took %.2f s", k->zFile, r.secs);
  hresult_free(&r);
  buf_release(&want);
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* 17. 80 tables nested in each other's cells: deep, but within the limit
** (3 elements a level, 245 in all), so read; the innermost text survives. */
START_TEST(h17_nested_tables_within_limit){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT;
  for(int i=0; i<80; i++) buf_puts(&body, k->zTblOpen);
  para(k, &body, "kern");
  for(int i=0; i<80; i++) buf_puts(&body, k->zTblClose);
  write_body(k, "", body.z);
  expect_text(k->zFile, "kern\n");
  buf_release(&body);
}
END_TEST

/* 18. An entity that no DTD declares. */
START_TEST(h18_undeclared_entity){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT;
  para(k, &body, "a &lol; b");
  write_body(k, "", body.z);
  expect_errorf(k->zFile, "XML error at line 2: Entity 'lol' not defined (%s)", k->zPart);
  buf_release(&body);
}
END_TEST

/* 19. A NUL byte inside the text, raw and as a character reference. */
START_TEST(h19_nul_in_text){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  buf_puts(&body, k->zParaOpen);
  buf_append(&body, "a\0b", 3);
  buf_puts(&body, k->zParaClose);
  main_part(k, &xml, "", body.z, body.n);
  write_kind(k, &xml, ZIP_CM_DEFLATE);
  expect_errorf(k->zFile, "XML error at line 2: Char 0x0 out of allowed range (%s)", k->zPart);
  buf_reset(&body);
  para(k, &body, "a&#0;b");
  write_body(k, "", body.z);
  expect_errorf(k->zFile, "XML error at line 2: invalid xmlChar value 0 (%s)",
                k->zPart);
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* 20. A DOCX part in ISO-8859-1: Office Open XML allows only UTF-8 and
** UTF-16. */
START_TEST(h20_docx_latin1){
  const Kind *k = &aKind[1];
  Buf xml = BUF_INIT;
  buf_puts(&xml, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" DOCX_OPEN);
  para(k, &xml, "caf\xe9");
  buf_puts(&xml, DOCX_CLOSE);
  write_kind(k, &xml, ZIP_CM_DEFLATE);
  expect_error(k->zFile, "unsupported text encoding ISO-8859-1 in word/document.xml"
                         " (only UTF-8 and UTF-16 are allowed)");
  buf_release(&xml);
}
END_TEST

/* 21. The main part in UTF-16 with a byte order mark, little- and
** big-endian: read correctly, characters beyond the BMP included. */
START_TEST(h21_utf16){
  const Kind *k = &aKind[_i];
  static const char zText[] = "Vergadering \xe2\x80\x93 caf\xc3\xa9, \xe2\x82\xac 5, \xf0\x9f\x93\x84";
  for(int bBig=0; bBig<2; bBig++){
    Buf xml = BUF_INIT, utf16 = BUF_INIT;
    buf_puts(&xml, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n");
    buf_puts(&xml, k->zOpen);
    para(k, &xml, zText);
    buf_puts(&xml, k->zClose);
    hostile_utf16(&utf16, xml.z, bBig);
    write_kind(k, &utf16, ZIP_CM_DEFLATE);
    Buf want = BUF_INIT;
    buf_appendf(&want, "%s\n", zText);
    expect_text(k->zFile, want.z);
    buf_release(&want);
    buf_release(&xml);
    buf_release(&utf16);
  }
}
END_TEST

/* --------------------------------------------------------------- limits */

/* 30. One 50 MB text node, stored uncompressed so that no zip rule fires
** first: the paragraph limit does. */
START_TEST(h30_text_node_50mb){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  buf_puts(&body, k->zParaOpen);
  while( body.n < 50*1000*1000 ) buf_puts(&body, "abcdefghijklmnopqrstuvwxyz0123456789");
  buf_puts(&body, k->zParaClose);
  main_part(k, &xml, "", body.z, body.n);
  buf_release(&body);
  write_kind(k, &xml, ZIP_CM_STORE);
  buf_release(&xml);
  expect_error(k->zFile, zParaLimit);
}
END_TEST

/* 31. A paragraph of 11 MiB in 11,264 runs of 1 KiB. */
START_TEST(h31_paragraph_of_many_runs){
  const Kind *k = &aKind[_i];
  const char *zRunOpen = _i==1 ? "<w:r><w:t>" : "<text:span>";
  const char *zRunClose = _i==1 ? "</w:t></w:r>" : "</text:span>";
  Buf body = BUF_INIT, xml = BUF_INIT, run1k = BUF_INIT;
  while( run1k.n < 1024 ) buf_puts(&run1k, "abcdefgh");
  buf_puts(&body, _i==1 ? "<w:p>" : "<text:p>");
  for(int i=0; i<11*1024; i++){
    buf_puts(&body, zRunOpen);
    buf_append(&body, run1k.z, run1k.n);
    buf_puts(&body, zRunClose);
  }
  buf_puts(&body, _i==1 ? "</w:p>" : "</text:p>");
  main_part(k, &xml, "", body.z, body.n);
  write_kind(k, &xml, ZIP_CM_STORE);
  expect_error(k->zFile, zParaLimit);
  buf_release(&body);
  buf_release(&xml);
  buf_release(&run1k);
}
END_TEST

/* 32. 65 paragraphs of 1 MiB: past the limit on all text. */
START_TEST(h32_text_total){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT, one = BUF_INIT;
  while( one.n < ((size_t)1 << 20) ) buf_puts(&one, "abcdefghijklmnop");
  for(int i=0; i<65; i++) para(k, &body, one.z);
  buf_release(&one);
  main_part(k, &xml, "", body.z, body.n);
  buf_release(&body);
  write_kind(k, &xml, ZIP_CM_STORE);
  buf_release(&xml);
  expect_error(k->zFile, zTextLimit);
}
END_TEST

/* 33. <text:s text:c="2000000000"/>, 100,000 times in one paragraph:
** refused at the paragraph limit without a 2 GB allocation. */
START_TEST(h33_text_s_huge_count){
  const Kind *k = odf_kind(_i);
  Buf body = BUF_INIT;
  buf_puts(&body, "<text:p>a");
  for(int i=0; i<100000; i++) buf_puts(&body, "<text:s text:c=\"2000000000\"/>");
  buf_puts(&body, "b</text:p>");
  write_body(k, "", body.z);
  expect_error(k->zFile, zParaLimit);
  buf_release(&body);
}
END_TEST

/* 34. A million spaces in each of 100 paragraphs: past the text limit. */
START_TEST(h34_text_s_many_paragraphs){
  const Kind *k = odf_kind(_i);
  Buf body = BUF_INIT;
  for(int i=0; i<100; i++) buf_puts(&body, "<text:p>a<text:s text:c=\"1000000\"/>b</text:p>");
  write_body(k, "", body.z);
  expect_error(k->zFile, zTextLimit);
  buf_release(&body);
}
END_TEST

/* 35. Counts that are not positive numbers. */
START_TEST(h35_text_s_odd_counts){
  const Kind *k = odf_kind(_i);
  write_body(k, "",
    "<text:p>a<text:s text:c=\"-5\"/>b<text:s text:c=\"0\"/>c"
    "<text:s text:c=\"abc\"/>d<text:s text:c=\"\"/>e<text:s/>f</text:p>");
  expect_text(k->zFile, "a b c d e f\n");
  write_body(k, "", "<text:p>a<text:s text:c=\"99999999999999999999999\"/>b</text:p>");
  expect_error(k->zFile, zParaLimit);
}
END_TEST

/* 36. A cell, a row and a column each repeated 2,000,000,000 times:
** a repeat is replayed at most 100 times. */
START_TEST(h36_table_repeat_huge){
  const Kind *k = odf_kind(_i);
  write_body(k, "",
    "<table:table><table:table-column table:number-columns-repeated=\"2000000000\"/>"
    "<table:table-row table:number-rows-repeated=\"2000000000\">"
    "<table:table-cell table:number-columns-repeated=\"2000000000\"><text:p>x</text:p>"
    "</table:table-cell></table:table-row></table:table>");
  Buf want = BUF_INIT;
  for(int i=0; i<100; i++){
    for(int j=0; j<100; j++) buf_puts(&want, j ? "\tx" : "x");
    buf_putc(&want, '\n');
  }
  expect_text(k->zFile, want.z);
  buf_release(&want);
}
END_TEST

/* 37. 100,000 empty cells each repeated 1,000 times. */
START_TEST(h37_table_many_repeated_cells){
  const Kind *k = odf_kind(_i);
  Buf body = BUF_INIT;
  buf_puts(&body, "<table:table><table:table-row>");
  for(int i=0; i<100000; i++){
    buf_puts(&body, "<table:table-cell table:number-columns-repeated=\"1000\"/>");
  }
  buf_puts(&body, "</table:table-row></table:table>");
  Buf xml = BUF_INIT;
  main_part(k, &xml, "", body.z, body.n);
  write_kind(k, &xml, ZIP_CM_STORE);   /* so that the ratio rule stays out */
  buf_release(&xml);
  expect_text(k->zFile, "");     /* empty repeated cells are not replayed */
  buf_release(&body);
}
END_TEST

/* 38. Spans of 2,000,000,000 columns and rows.  DOCX makes up covered
** cells for w:gridBefore and w:gridSpan, at most 1000 each; ODT keeps
** the span as a number and prints the cells its file holds. */
START_TEST(h38_table_span_huge){
  const Kind *k = &aKind[_i];
  const char *zBody = _i==1
    ? "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"2000000000\"/></w:trPr>"
      "<w:tc><w:tcPr><w:gridSpan w:val=\"2000000000\"/><w:vMerge w:val=\"restart\"/></w:tcPr>"
      "<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2000000000\"/><w:vMerge/></w:tcPr>"
      "<w:p/></w:tc></w:tr></w:tbl>"
    : "<table:table><table:table-row>"
      "<table:table-cell table:number-columns-spanned=\"2000000000\""
      " table:number-rows-spanned=\"2000000000\"><text:p>x</text:p></table:table-cell>"
      "</table:table-row><table:table-row><table:covered-table-cell"
      " table:number-columns-repeated=\"2000000000\"/></table:table-row></table:table>";
  write_body(k, "", zBody);
  Buf want = BUF_INIT;
  if( _i==1 ){
    for(int i=0; i<1000; i++) buf_putc(&want, '\t');
    buf_putc(&want, 'x');
    for(int i=0; i<999; i++) buf_putc(&want, '\t');
    buf_putc(&want, '\n');
  }else{
    buf_puts(&want, "x\n");
  }
  expect_text(k->zFile, want.z);
  buf_release(&want);
}
END_TEST

/* ------------------------------------------------------------- packages */

/* Writes a good ODT or DOCX (kind i) with one paragraph to zFile. */
static void write_good(int i, const char *zFile, const char *zText){
  const Kind *k = &aKind[i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(k, &body, zText);
  main_part(k, &xml, "", body.z, body.n);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml.z, xml.n);
  hpkg_write_libzip(&pkg, P(zFile), ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
  buf_release(&body);
  buf_release(&xml);
}

/* 40. A good ODT and DOCX cut short at several places. */
START_TEST(h40_truncated){
  const Kind *k = &aKind[_i];
  Buf text = BUF_INIT, whole = BUF_INIT;
  for(int i=0; i<300; i++) buf_appendf(&text, "Agendapunt %d: vaststellen besluitenlijst. ", i);
  write_good(_i, k->zFile, text.z);
  hostile_file_read(P(k->zFile), &whole);
  static const struct { long iCut; const char *zWant; } a[] = {
    { 4,   "corrupt zip archive: the file is cut short or damaged" },
    { 30,  "corrupt zip archive: the file is cut short or damaged" },
    { -2,  "corrupt zip archive: the file is cut short or damaged" },   /* half */
    { -22, "corrupt zip archive: the file is cut short or damaged" },   /* no end record */
    { -1,  "corrupt zip archive: the file is cut short or damaged" },   /* end record cut */
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    size_t n = a[i].iCut==-2 ? whole.n/2
             : a[i].iCut<0 ? whole.n - (size_t)-a[i].iCut : (size_t)a[i].iCut;
    char zName[32];
    snprintf(zName, sizeof zName, "cut%zu.%s", n, _i ? "docx" : "odt");
    hostile_file_write(P(zName), whole.z, n);
    expect_error(zName, a[i].zWant);
  }
  buf_release(&text);
  buf_release(&whole);
}
END_TEST

/* 41. 64 bytes of garbage over the middle of the main part's data. */
START_TEST(h41_garbled_middle){
  const Kind *k = &aKind[_i];
  Buf text = BUF_INIT, whole = BUF_INIT;
  for(int i=0; i<2000; i++) buf_appendf(&text, "Punt %d is aangenomen. ", i*7919 % 10007);
  write_good(_i, k->zFile, text.z);
  hostile_file_read(P(k->zFile), &whole);
  for(size_t i=0; i<64; i++) whole.z[whole.n/2 + i] = (char)(0xa5 ^ (i*29));
  hostile_file_write(P(k->zFile), whole.z, whole.n);
  /* where the garbage lands decides which of the two zlib notices */
  HResult r;
  run(k->zFile, &r);
  Buf want1 = BUF_INIT, want2 = BUF_INIT;
  buf_appendf(&want1, "corrupt zip archive: damaged compressed data in %s", k->zPart);
  buf_appendf(&want2, "corrupt zip archive: damaged data (checksum mismatch) in %s", k->zPart);
  ck_assert_msg(r.rc==-1 && (strcmp(r.zErr, want1.z)==0 || strcmp(r.zErr, want2.z)==0),
                "%s: \"%s\"", k->zFile, r.zErr);
  hresult_free(&r);
  buf_release(&want1);
  buf_release(&want2);
  buf_release(&text);
  buf_release(&whole);
}
END_TEST

/* Flips one byte of zPart's stored data, found as the first occurrence of
** zNeedle after its local header. */
static void flip_byte(const char *zFile, const char *zNeedle){
  Buf whole = BUF_INIT;
  hostile_file_read(P(zFile), &whole);
  char *p = memmem(whole.z, whole.n, zNeedle, strlen(zNeedle));
  ck_assert_msg(p!=0, "%s: %s not found", zFile, zNeedle);
  *p ^= 0x01;
  hostile_file_write(P(zFile), whole.z, whole.n);
  buf_release(&whole);
}

/* 42. A bad CRC: one letter of the (stored) main part changed, so the
** XML stays well-formed and only the CRC can tell. */
START_TEST(h42_bad_crc){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(k, &body, "Vergadering van het algemeen bestuur");
  main_part(k, &xml, "", body.z, body.n);
  write_kind(k, &xml, ZIP_CM_STORE);
  flip_byte(k->zFile, "algemeen");
  expect_errorf(k->zFile, "corrupt zip archive: damaged data (checksum mismatch) in %s", k->zPart);
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* Offset of the data of the entry called zName: after its local header,
** the first place the name occurs. */
static size_t entry_data(const Buf *whole, const char *zName){
  size_t nName = strlen(zName);
  const unsigned char *p = memmem(whole->z, whole->n, zName, nName);
  ck_assert_msg(p!=0 && p - (const unsigned char*)whole->z >= 30
                && memcmp(p-30, "PK\x03\x04", 4)==0, "no local header for %s", zName);
  return (size_t)(p - (const unsigned char*)whole->z) + nName + (p[-2] | p[-1]<<8);
}

/* 43. The deflated main part's first block made invalid (block type 3,
** which deflate reserves). */
START_TEST(h43_bad_deflate_data){
  const Kind *k = &aKind[_i];
  Buf whole = BUF_INIT;
  write_good(_i, k->zFile, "Besluitenlijst");
  hostile_file_read(P(k->zFile), &whole);
  whole.z[entry_data(&whole, k->zPart)] |= 0x06;
  hostile_file_write(P(k->zFile), whole.z, whole.n);
  expect_errorf(k->zFile, "corrupt zip archive: damaged compressed data in %s", k->zPart);
  buf_release(&whole);
}
END_TEST

/* 44. Zip entries encrypted with AES-256 (WinZip AE-2), through libzip. */
START_TEST(h44_zip_aes){
  const Kind *k = &aKind[_i];
  ck_assert_msg(zip_encryption_method_supported(ZIP_EM_AES_256, 1),
                "this libzip cannot write AES: h45 tests encryption without it");
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(k, &body, "geheim");
  main_part(k, &xml, "", body.z, body.n);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml.z, xml.n);
  hpkg_write_libzip(&pkg, P(k->zFile), ZIP_EM_AES_256, "wachtwoord");
  hpkg_free(&pkg);
  expect_error(k->zFile, zPassword);
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* 45. The main part encrypted with traditional PKWARE encryption. */
START_TEST(h45_zipcrypto){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(k, &body, "geheim");
  main_part(k, &xml, "", body.z, body.n);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml.z, xml.n);
  hentry_zipcrypto(hpkg_find(&pkg, k->zPart), "wachtwoord");
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  expect_error(k->zFile, zPassword);
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* 46. ODF encryption, as LibreOffice writes it: the manifest describes
** the encryption, content.xml holds ciphertext. */
START_TEST(h46_odf_encryption){
  static const char zManifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
    " manifest:version=\"1.3\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\""
    " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\""
    " manifest:size=\"4096\">"
    "<manifest:encryption-data manifest:checksum-type=\"urn:oasis:names:tc:opendocument:"
    "xmlns:manifest:1.0#sha256-1k\" manifest:checksum=\"Vx1rrMbhpt9tMu2qXkXqlCwL1k8hQZGY5yGxDG8nRwA=\">"
    "<manifest:algorithm manifest:algorithm-name=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\""
    " manifest:initialisation-vector=\"6Vhd0mOxlGmZg+LCGrbzTg==\"/>"
    "<manifest:start-key-generation manifest:start-key-generation-name=\""
    "http://www.w3.org/2000/09/xmldsig#sha256\" manifest:key-size=\"32\"/>"
    "<manifest:key-derivation manifest:key-derivation-name=\"PBKDF2\" manifest:key-size=\"32\""
    " manifest:iteration-count=\"100000\" manifest:salt=\"3w8Y1Rp9xzUq7aKj8CWdVA==\"/>"
    "</manifest:encryption-data></manifest:file-entry></manifest:manifest>";
  Buf cipher = BUF_INIT;
  uint32_t x = 99;
  for(int i=0; i<4096; i++){ x = x*1664525u + 1013904223u; buf_putc(&cipher, (int)(x >> 24)); }
  HPkg pkg = { 0 };
  hpkg_odt(&pkg, cipher.z, cipher.n);
  hpkg_set(&pkg, "META-INF/manifest.xml", zManifest, strlen(zManifest));
  hpkg_find(&pkg, "content.xml")->method = ZIP_CM_STORE;
  hpkg_write_libzip(&pkg, P("secret.odt"), ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
  expect_error("secret.odt", zPassword);
  buf_release(&cipher);
}
END_TEST

/* 47. A password-protected DOCX: an OLE compound file holding
** EncryptionInfo and EncryptedPackage. */
START_TEST(h47_encrypted_ooxml){
  static const char *const az[] = { "EncryptionInfo", "EncryptedPackage" };
  hostile_cfb(P("secret.docx"), az, 2);
  expect_error("secret.docx", zPassword);
}
END_TEST

/* 48. An old binary Word document. */
START_TEST(h48_old_doc){
  static const char *const az[] = { "WordDocument", "1Table", "\005SummaryInformation" };
  hostile_cfb(P("oud.docx"), az, 3);
  expect_error("oud.docx", "old Word .doc format: save it as DOCX");
}
END_TEST

/* 49. Another compound file (an old Excel workbook). */
START_TEST(h49_other_cfb){
  static const char *const az[] = { "Workbook" };
  hostile_cfb(P("werkboek.docx"), az, 1);
  expect_error("werkboek.docx", zNotOdtDocx);
}
END_TEST

/* 50. An OpenDocument package that is not text, or whose mimetype is
** garbage. */
START_TEST(h50_wrong_mimetype){
  static const struct { const char *zMime; const char *zWant; } a[] = {
    { "application/vnd.oasis.opendocument.spreadsheet",
      "not an ODT or DOCX file (it is a spreadsheet)" },
    { "application/vnd.oasis.opendocument.presentation",
      "not an ODT or DOCX file (it is a presentation)" },
    { "hallo wereld", "not an ODT or DOCX file" },
    { "\x01\x02\xff\xfe\n", "not an ODT or DOCX file" },
  };
  Buf xml = BUF_INIT;
  main_part(&aKind[0], &xml, "", "<text:p>a</text:p>", 18);
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    HPkg pkg = { 0 };
    hpkg_odt(&pkg, xml.z, xml.n);
    hpkg_set(&pkg, "mimetype", a[i].zMime, strlen(a[i].zMime))->method = ZIP_CM_STORE;
    hpkg_write_libzip(&pkg, P("mime.odt"), ZIP_EM_NONE, 0);
    hpkg_free(&pkg);
    expect_error("mime.odt", a[i].zWant);
  }
  buf_release(&xml);
}
END_TEST

/* 51. An ODT without content.xml. */
START_TEST(h51_odt_without_content){
  HPkg pkg = { 0 };
  hpkg_odt(&pkg, "", 0);
  hpkg_drop(&pkg, "content.xml");
  hpkg_write_libzip(&pkg, P("leeg.odt"), ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
  expect_error("leeg.odt", "corrupt document: content.xml is missing");
}
END_TEST

/* 52. A DOCX whose relationships name a main part that is not there. */
START_TEST(h52_docx_missing_main_part){
  HPkg pkg = { 0 };
  hpkg_docx(&pkg, "", 0);
  hpkg_drop(&pkg, "word/document.xml");
  hpkg_write_libzip(&pkg, P("leeg.docx"), ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
  expect_error("leeg.docx", "corrupt document: word/document.xml is missing");
}
END_TEST

/* 53. A DOCX without _rels/.rels. */
START_TEST(h53_docx_without_rels){
  Buf xml = BUF_INIT;
  main_part(&aKind[1], &xml, "", "", 0);
  HPkg pkg = { 0 };
  hpkg_docx(&pkg, xml.z, xml.n);
  hpkg_drop(&pkg, "_rels/.rels");
  hpkg_write_libzip(&pkg, P("norels.docx"), ZIP_EM_NONE, 0);
  hpkg_free(&pkg);
  expect_error("norels.docx", "corrupt document: _rels/.rels is missing");
  buf_release(&xml);
}
END_TEST

/* 54. Files that are not packages at all, named .docx. */
START_TEST(h54_not_a_package){
  static const struct { const char *z; size_t n; } a[] = {
    { "Dit is gewone tekst, geen document.\n", 36 },
    { "", 0 },
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29 },
    { "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15 },
    { "<!DOCTYPE html><html><body><p>hallo</p></body></html>\n", 55 },
    { "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n", 58 },
    { "PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22 },   /* an empty zip */
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    hostile_file_write(P("geen.docx"), a[i].z, a[i].n);
    expect_error("geen.docx", zNotOdtDocx);
  }
}
END_TEST

/* 55. Two entries with one name, or names that differ only in case: a
** checker and a reader could otherwise see different parts. */
START_TEST(h55_duplicate_names){
  const Kind *k = &aKind[_i];
  Buf body = BUF_INIT, xml = BUF_INIT, other = BUF_INIT;
  para(k, &body, "echt");
  main_part(k, &xml, "", body.z, body.n);
  buf_reset(&body);
  para(k, &body, "vals");
  main_part(k, &other, "", body.z, body.n);
  Buf upper = BUF_INIT;
  buf_puts(&upper, k->zPart);
  upper.z[0] ^= 0x20;
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml.z, xml.n);
  hpkg_add(&pkg, k->zPart, other.z, other.n);
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  expect_error(k->zFile, "corrupt zip archive: two entries have the same name");
  k->xPkg(&pkg, xml.z, xml.n);
  hpkg_add(&pkg, upper.z, other.z, other.n);
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  /* either name may be the one reported */
  HResult r;
  run(k->zFile, &r);
  Buf want1 = BUF_INIT, want2 = BUF_INIT;
  buf_appendf(&want1, "corrupt zip archive: the name %s occurs twice", k->zPart);
  buf_appendf(&want2, "corrupt zip archive: the name %s occurs twice", upper.z);
  ck_assert_msg(r.rc==-1 && (strcmp(r.zErr, want1.z)==0 || strcmp(r.zErr, want2.z)==0),
                "%s: \"%s\"", k->zFile, r.zErr);
  hresult_free(&r);
  buf_release(&want1);
  buf_release(&want2);
  buf_release(&body);
  buf_release(&xml);
  buf_release(&other);
  buf_release(&upper);
}
END_TEST

/* Writes a good package of kind i with nFill extra empty entries. */
static void write_many(int i, const char *zFile, int nFill){
  const Kind *k = &aKind[i];
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(k, &body, "veel");
  main_part(k, &xml, "", body.z, body.n);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, xml.z, xml.n);
  for(int j=0; j<nFill; j++){
    char zName[32];
    snprintf(zName, sizeof zName, "vulsel/%05d.txt", j);
    hpkg_add(&pkg, zName, "", 0)->method = ZIP_CM_STORE;
  }
  hpkg_write_raw(&pkg, P(zFile));
  hpkg_free(&pkg);
  buf_release(&body);
  buf_release(&xml);
}

/* 56. 10,001 entries are refused; 10,000 are read. */
START_TEST(h56_too_many_entries){
  const Kind *k = &aKind[_i];
  write_many(_i, k->zFile, 10001 - 3);
  expect_error(k->zFile, "corrupt zip archive: more than 10000 entries");
  write_many(_i, k->zFile, 10000 - 3);
  expect_text(k->zFile, "veel\n");
}
END_TEST

/* 57. An entry compressed with a method overleg does not read (bzip2). */
START_TEST(h57_unknown_method){
  const Kind *k = &aKind[_i];
  HPkg pkg = { 0 };
  k->xPkg(&pkg, "", 0);
  HEntry *e = hpkg_find(&pkg, k->zPart);
  buf_puts(&e->data, "BZh91AY&SY garbage");
  e->bRaw = 1;
  e->method = ZIP_CM_BZIP2;
  e->nRaw = 100;
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  expect_errorf(k->zFile, "corrupt zip archive: %s uses an unsupported compression method",
                k->zPart);
}
END_TEST

/* 59. DOCX relationships that try to leave the package: part names are
** resolved inside the zip ("..", a leading '/'), never on the disk.  And
** an OOXML package whose main part is a spreadsheet. */
START_TEST(h59_docx_rels_escape){
  static const struct { const char *zTarget, *zWant; } a[] = {
    { "../../../../etc/passwd", "corrupt document: etc/passwd is missing" },
    { "/etc/passwd", "corrupt document: etc/passwd is missing" },
    { "word/../../etc/./passwd", "corrupt document: etc/passwd is missing" },
  };
  static const char zTypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Override PartName=\"/etc/passwd\" ContentType=\""
    "application/vnd.openxmlformats-officedocument.%s.main+xml\"/></Types>";
  Buf types = BUF_INIT;
  for(size_t i=0; i<sizeof a/sizeof a[0] + 1; i++){
    int bSheet = i==sizeof a/sizeof a[0];
    Buf rels = BUF_INIT;
    buf_appendf(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
      "2006/relationships/officeDocument\" Target=\"%s\"/></Relationships>",
      bSheet ? "/etc/passwd" : a[i].zTarget);
    buf_reset(&types);
    buf_appendf(&types, zTypes, bSheet ? "spreadsheetml.sheet" : "wordprocessingml.document");
    HPkg pkg = { 0 };
    hpkg_docx(&pkg, "", 0);
    hpkg_drop(&pkg, "word/document.xml");
    hpkg_set(&pkg, "[Content_Types].xml", types.z, types.n);
    hpkg_set(&pkg, "_rels/.rels", rels.z, rels.n);
    hpkg_write_libzip(&pkg, P("weg.docx"), ZIP_EM_NONE, 0);
    hpkg_free(&pkg);
    expect_error("weg.docx", bSheet ? "not an ODT or DOCX file (it is a spreadsheet)" : a[i].zWant);
    buf_release(&rels);
  }
  buf_release(&types);
}
END_TEST

/* 58. The command line: the good files' text under "==> FILE <==", the
** bad file only as one line on stderr, exit status 1. */
START_TEST(h58_cli_contract){
  write_good(0, "good.odt", "Eerste document");
  write_good(1, "good.docx", "Tweede document");
  hostile_file_write(P("bad.docx"), "geen zip\n", 9);
  static const char *const azArg[] = { "extract", "good.odt", "bad.docx", "good.docx", 0 };
  Buf out = BUF_INIT, err = BUF_INIT;
  int rc = hostile_cli(zDir, azArg, &out, &err);
  ck_assert_int_eq(rc, 1);
  ck_assert_str_eq(out.z, "==> good.odt <==\nEerste document\n\n"
                          "==> good.docx <==\nTweede document\n");
  ck_assert_str_eq(err.z, "overleg: bad.docx: not an ODT or DOCX file\n");
  buf_release(&out);
  buf_release(&err);
}
END_TEST

/* -------------------------------------------------------- amplification */

/* Small markup that costs the reader far more memory or time than its
** size: no zip rule can stop it, since the parts stay within 256 MiB and
** compress only about 10:1 (each unit carries a pseudo-random number). */

/* Sets entry zPart of pkg to zHead, nMiB MiB of units, zTail; each '#'
** of zUnit becomes the unit's number. */
static void units_part(HPkg *pkg, const char *zPart, const char *zHead,
                       const char *zUnit, size_t nMiB, const char *zTail){
  Buf mid = BUF_INIT;
  uint32_t x = 2463534242u;
  while( mid.n < ((size_t)1 << 20) - 512 ){
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    for(const char *z=zUnit; *z; z++){
      if( *z=='#' ) buf_appendf(&mid, "%u", x % 1000000);
      else buf_putc(&mid, *z);
    }
  }
  HEntry *e = hpkg_find(pkg, zPart);
  if( e==0 ) e = hpkg_add(pkg, zPart, "", 0);
  hentry_bomb(e, zHead, &mid, nMiB, zTail);
  buf_release(&mid);
}

/* Writes k->zFile whose main part is zOpenMore, 250 MiB of units, then
** zCloseMore, inside the body. */
static void write_units(const Kind *k, const char *zOpenMore, const char *zUnit,
                        const char *zCloseMore){
  Buf head = BUF_INIT, tail = BUF_INIT;
  buf_puts(&head, XML_DECL);
  buf_puts(&head, k->zOpen);
  buf_puts(&head, zOpenMore);
  buf_puts(&tail, zCloseMore);
  buf_puts(&tail, k->zClose);
  HPkg pkg = { 0 };
  k->xPkg(&pkg, "", 0);
  units_part(&pkg, k->zPart, head.z, zUnit, 250, tail.z);
  hpkg_write_raw(&pkg, P(k->zFile));
  hpkg_free(&pkg);
  buf_release(&head);
  buf_release(&tail);
}

/* 60. Millions of one-letter paragraphs: each costs the reader a block,
** ten times its size in the XML. */
START_TEST(h60_many_paragraphs){
  const Kind *k = &aKind[_i];
  write_units(k, "", _i==1
    ? "<w:p><w:pPr><w:pStyle w:val=\"S#\"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"
    : "<text:p text:style-name=\"P#\">a</text:p>", "");
  expect_error(k->zFile, zBlockLimit);
}
END_TEST

/* 61. Millions of empty table cells in one row. */
START_TEST(h61_many_cells){
  const Kind *k = &aKind[_i];
  if( _i==1 ){
    write_units(k, "<w:tbl><w:tr>",
                "<w:tc><w:tcPr><w:tcW w:w=\"#\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>",
                "</w:tr></w:tbl>");
  }else{
    write_units(k, "<table:table><table:table-row>",
                "<table:table-cell table:style-name=\"C#\"/>",
                "</table:table-row></table:table>");
  }
  expect_error(k->zFile, zBlockLimit);
}
END_TEST

/* 62. Millions of empty footnotes (ODT) or footnote references (DOCX) in
** one paragraph. */
START_TEST(h62_many_notes){
  const Kind *k = &aKind[_i];
  if( _i==1 ){
    write_units(k, "<w:p>", "<w:r><w:footnoteReference w:id=\"#\"/></w:r>", "</w:p>");
  }else{
    write_units(k, "<text:p>",
                "<text:note text:id=\"n#\" text:note-class=\"footnote\">"
                "<text:note-citation>1</text:note-citation>"
                "<text:note-body><text:p/></text:note-body></text:note>", "</text:p>");
  }
  expect_error(k->zFile, _i==1 ? zParaLimit : zBlockLimit);
}
END_TEST

/* 63. A DOCX whose styles part defines millions of paragraph styles. */
START_TEST(h63_docx_many_styles){
  static const char zRels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";
  Buf body = BUF_INIT, xml = BUF_INIT;
  para(&aKind[1], &body, "a");
  main_part(&aKind[1], &xml, "", body.z, body.n);
  HPkg pkg = { 0 };
  hpkg_docx(&pkg, xml.z, xml.n);
  hpkg_add(&pkg, "word/_rels/document.xml.rels", zRels, strlen(zRels));
  units_part(&pkg, "word/styles.xml",
             XML_DECL "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/"
             "wordprocessingml/2006/main\">",
             "<w:style w:type=\"paragraph\" w:styleId=\"s#\"><w:name w:val=\"n#\"/>"
             "<w:basedOn w:val=\"s#\"/></w:style>", 250, "</w:styles>");
  hpkg_write_raw(&pkg, P("styles.docx"));
  hpkg_free(&pkg);
  expect_text("styles.docx", "a\n");
  buf_release(&body);
  buf_release(&xml);
}
END_TEST

/* 64. An ODT with 20,000 styles that hide text and 20,000 spans naming
** a style that does not: looking a style up must not take time
** proportional to their number (quadratic: 10 s with a linear scan). */
START_TEST(h64_odt_many_hidden_styles){
  Buf xml = BUF_INIT;
  buf_puts(&xml, XML_DECL
    "<office:document-content"
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " office:version=\"1.3\"><office:automatic-styles>");
  for(int i=0; i<20000; i++){
    buf_appendf(&xml, "<style:style style:name=\"H%d\" style:family=\"text\">"
                "<style:text-properties text:display=\"none\"/></style:style>", i);
  }
  buf_puts(&xml, "</office:automatic-styles><office:body><office:text>"
                 "<text:p text:style-name=\"H19999\">verborgen</text:p><text:p>");
  for(int i=0; i<20000; i++) buf_puts(&xml, "<text:span text:style-name=\"V\">z</text:span>");
  buf_puts(&xml, "</text:p>" ODT_CLOSE);
  write_kind(&aKind[0], &xml, ZIP_CM_STORE);
  buf_release(&xml);
  HResult r;
  run(aKind[0].zFile, &r);
  ck_assert_msg(r.rc==0, "refused: %s", r.zErr);
  ck_assert_msg(r.text.n==20001 && r.text.z[0]=='z', "text: \"%.40s\"", r.text.z);
  ck_assert_msg(r.secs < (HOSTILE_ASAN ? 3.0 : 1.0), "took %.2f s", r.secs);
  hresult_free(&r);
}
END_TEST

/* ================================================================ suite */

static TCase *tcase(Suite *s, const char *zName, double secs){
  TCase *tc = tcase_create(zName);
  tcase_add_unchecked_fixture(tc, root_setup, root_teardown);
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, secs);
  suite_add_tcase(s, tc);
  return tc;
}

Suite *suite_hostile(void){
  Suite *s = suite_create("hostile");
  TCase *tc = tcase(s, "hostile-bombs", 120);
  tcase_add_loop_test(tc, h00_baseline, 0, 3);
  tcase_add_loop_test(tc, h01_deflate_bomb_spaces, 0, 2);
  tcase_add_loop_test(tc, h02_deflate_bomb_paragraphs, 0, 2);
  tcase_add_loop_test(tc, h03_deflate_bomb_lying_header, 0, 2);
  tcase_add_loop_test(tc, h04_deflate_bomb_small_part, 0, 2);
  tcase_add_loop_test(tc, h05_entry_beyond_256mib, 0, 2);
  tcase_add_test(tc, h06_overlap_bomb);
  tcase_add_loop_test(tc, h07_overlap_claimed_size, 0, 2);

  tc = tcase(s, "hostile-xml", 30);
  tcase_add_loop_test(tc, h10_billion_laughs, 0, 3);
  tcase_add_loop_test(tc, h11_quadratic_blowup, 0, 3);
  tcase_add_loop_test(tc, h12_external_entity_file, 0, 3);
  tcase_add_loop_test(tc, h13_external_entity_url, 0, 3);
  tcase_add_loop_test(tc, h14_external_dtd, 0, 3);
  tcase_add_loop_test(tc, h15_xinclude_ignored, 0, 3);
  tcase_add_loop_test(tc, h16_deep_nesting, 0, 3);
  tcase_add_loop_test(tc, h17_nested_tables_within_limit, 0, 3);
  tcase_add_loop_test(tc, h18_undeclared_entity, 0, 3);
  tcase_add_loop_test(tc, h19_nul_in_text, 0, 3);
  tcase_add_test(tc, h20_docx_latin1);
  tcase_add_loop_test(tc, h21_utf16, 0, 3);

  tc = tcase(s, "hostile-limits", 120);
  tcase_add_loop_test(tc, h30_text_node_50mb, 0, 3);
  tcase_add_loop_test(tc, h31_paragraph_of_many_runs, 0, 3);
  tcase_add_loop_test(tc, h32_text_total, 0, 3);
  tcase_add_loop_test(tc, h33_text_s_huge_count, 0, 2);
  tcase_add_loop_test(tc, h34_text_s_many_paragraphs, 0, 2);
  tcase_add_loop_test(tc, h35_text_s_odd_counts, 0, 2);
  tcase_add_loop_test(tc, h36_table_repeat_huge, 0, 2);
  tcase_add_loop_test(tc, h37_table_many_repeated_cells, 0, 2);
  tcase_add_loop_test(tc, h38_table_span_huge, 0, 2);

  tc = tcase(s, "hostile-amplification", 120);
  tcase_add_loop_test(tc, h60_many_paragraphs, 0, 2);
  tcase_add_loop_test(tc, h61_many_cells, 0, 2);
  tcase_add_loop_test(tc, h62_many_notes, 0, 2);
  tcase_add_test(tc, h63_docx_many_styles);
  tcase_add_test(tc, h64_odt_many_hidden_styles);

  tc = tcase(s, "hostile-packages", 30);
  tcase_add_loop_test(tc, h40_truncated, 0, 2);
  tcase_add_loop_test(tc, h41_garbled_middle, 0, 2);
  tcase_add_loop_test(tc, h42_bad_crc, 0, 2);
  tcase_add_loop_test(tc, h43_bad_deflate_data, 0, 2);
  tcase_add_loop_test(tc, h44_zip_aes, 0, 2);
  tcase_add_loop_test(tc, h45_zipcrypto, 0, 2);
  tcase_add_test(tc, h46_odf_encryption);
  tcase_add_test(tc, h47_encrypted_ooxml);
  tcase_add_test(tc, h48_old_doc);
  tcase_add_test(tc, h49_other_cfb);
  tcase_add_test(tc, h50_wrong_mimetype);
  tcase_add_test(tc, h51_odt_without_content);
  tcase_add_test(tc, h52_docx_missing_main_part);
  tcase_add_test(tc, h53_docx_without_rels);
  tcase_add_test(tc, h54_not_a_package);
  tcase_add_loop_test(tc, h55_duplicate_names, 0, 2);
  tcase_add_loop_test(tc, h56_too_many_entries, 0, 2);
  tcase_add_loop_test(tc, h57_unknown_method, 0, 2);
  tcase_add_test(tc, h58_cli_contract);
  tcase_add_test(tc, h59_docx_rels_escape);
  return s;
}
