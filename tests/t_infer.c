/*
** t_infer.c — metadata inference: meeting date, body, kind and title from
** a document's title, first lines, properties and file name.
**
** Tests 1-4 are tables of single strings (a title property or a file
** name); 5-8 build documents to check which source wins; 9 runs the
** 40-file sample corpus against its manifest.  Run from the repository
** root.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "err.h"
#include "extract.h"
#include "infer.h"
#include "bounds.h"

Suite *suite_infer(void);

#define SAMPLE_DIR "tests/fixtures/sample/"

static const char *const azTopic[] = {
  "Wonen", "Economie", "Mobiliteit", "Sociaal Domein", "Arbeidsmarkt",
  "Recreatie en Toerisme", "Energietransitie", "Klimaatadaptatie",
  "Digitalisering", "Landbouw en Natuur",
};
#define N_TOPIC ((int)(sizeof azTopic/sizeof azTopic[0]))

/* One string in, the fields expected out.  zTitle is the title property;
** zFile the file name; either may be NULL. */
typedef struct Case {
  const char *zTitle, *zFile;
  const char *zDate, *zBody, *zTopic, *zKind;
} Case;

static void infer_strings(const char *zTitle, const char *zFile, Inferred *p){
  Doc d;
  memset(&d, 0, sizeof d);
  d.meta.title = (char*)zTitle;       /* only read */
  infer_document(&d, zFile, azTopic, N_TOPIC, p);
}

/* Checks every case; a NULL expectation is not checked. */
static void check_cases(const Case *a, int n){
  for(int i=0; i<n; i++){
    Inferred r;
    const char *zIn = a[i].zTitle ? a[i].zTitle : a[i].zFile;
    infer_strings(a[i].zTitle, a[i].zFile, &r);
    if( a[i].zDate ){
      ck_assert_msg(strcmp(r.zDate, a[i].zDate)==0,
                    "[%s]: date \"%s\", want \"%s\"", zIn, r.zDate, a[i].zDate);
    }
    if( a[i].zBody ){
      ck_assert_msg(strcmp(r.zBodyKind, a[i].zBody)==0,
                    "[%s]: body \"%s\", want \"%s\"", zIn, r.zBodyKind, a[i].zBody);
    }
    if( a[i].zTopic ){
      ck_assert_msg(strcmp(r.zTopic, a[i].zTopic)==0,
                    "[%s]: topic \"%s\", want \"%s\"", zIn, r.zTopic, a[i].zTopic);
    }
    if( a[i].zKind ){
      ck_assert_msg(strcmp(r.zKind, a[i].zKind)==0,
                    "[%s]: kind \"%s\", want \"%s\"", zIn, r.zKind, a[i].zKind);
    }
  }
}

#define CHECK_CASES(a) check_cases(a, (int)(sizeof a/sizeof a[0]))

/* 1. Every Dutch date form, in titles and file names; impossible days,
** years outside 1990..2100, dates without a year and 8-digit numbers
** outside file names give no date. */
START_TEST(t01_dates){
  static const Case a[] = {
    { "Verslag BORA 12 maart 2025", 0,               "2025-03-12", 0,0,0 },
    { "Agenda BORA dinsdag 4 februari 2025", 0,      "2025-02-04", 0,0,0 },
    { "Notulen ARG van woensdag 12 maart 2025", 0,   "2025-03-12", 0,0,0 },
    { "Besluitenlijst BORA d.d. 12-3-2025", 0,       "2025-03-12", 0,0,0 },
    { "Besluitenlijst BORA d.d. 12-03-2025", 0,      "2025-03-12", 0,0,0 },
    { "Verslag ARG 12/03/2025", 0,                   "2025-03-12", 0,0,0 },
    { "Verslag ARG 12.03.2025", 0,                   "2025-03-12", 0,0,0 },
    { "Verslag ARG 2025-03-12", 0,                   "2025-03-12", 0,0,0 },
    { "Verslag ARG 12 mrt. 2025", 0,                 "2025-03-12", 0,0,0 },
    { "Verslag ARG 12 MAART 2025", 0,                "2025-03-12", 0,0,0 },
    { "Verslag ARG 1e februari 2025", 0,             "2025-02-01", 0,0,0 },
    { "Verslag ARG 1 februari 2025", 0,              "2025-02-01", 0,0,0 },
    { "Verslag ARG 29 februari 2024", 0,             "2024-02-29", 0,0,0 },
    { "Verslag ARG 12 maart 2025 (2)", 0,            "2025-03-12", 0,0,0 },
    { 0, "20250312 besluitenlijst BORA.docx",        "2025-03-12", 0,0,0 },
    { 0, "Verslag_BO_Wonen_20180622.odt",            "2018-06-22", 0,0,0 },
    { 0, "memo-netcongestie-bo-energietransitie-2024-06-16-2.odt",
                                                     "2024-06-16", 0,0,0 },
    { 0, "Verslag_BORA_12_maart_2015.docx",          "2015-03-12", 0,0,0 },
    { 0, "/archief/2025/Concept_memo_x_BO_Wonen_20250122_3.docx",
                                                     "2025-01-22", 0,0,0 },
    /* no date */
    { "Verslag ARG 29 februari 2025", 0,             "", 0,0,0 },
    { "Verslag ARG 31 februari 2025", 0,             "", 0,0,0 },
    { "Verslag ARG 31-04-2025", 0,                   "", 0,0,0 },
    { "Verslag ARG 12-13-2025", 0,                   "", 0,0,0 },
    { "Verslag ARG 12 maart 1989", 0,                "", 0,0,0 },
    { "Verslag ARG 12 maart 2101", 0,                "", 0,0,0 },
    { "Verslag ARG 12 maart", 0,                     "", 0,0,0 },
    { "Verslag ARG Q3 2025, week 14", 0,             "", 0,0,0 },
    { "Kenmerk 20250312", 0,                         "", 0,0,0 },
    { "Verslag BRA/25/004711", 0,                    "", 0,0,0 },
    { 0, "Verslag_BORA_20250231.odt",                "", 0,0,0 },
  };
  CHECK_CASES(a);
}
END_TEST

/* 2. Every body form: abbreviations, full names, topics of more than one
** word, file names with '_' and '-' and small letters. */
START_TEST(t02_bodies){
  static const Case a[] = {
    { "Verslag BORA 12 maart 2025", 0,            0, "BORA", "", 0 },
    { "Agenda Bestuurlijk Overleg Regio Amersfoort", 0, 0, "BORA", "", 0 },
    { "Agenda ARG", 0,                            0, "ARG", "", 0 },
    { "Verslag Ambtelijke Regie Groep", 0,        0, "ARG", "", 0 },
    { "Verslag teamoverleg BRA 21 april 2020", 0, 0, "BRA", "", 0 },
    { "Teamoverleg Bureau Regio Amersfoort – 21-04-2020", 0, 0, "BRA", "", 0 },
    { "Actielijst Teamoverleg BRA", 0,            0, "BRA", "", 0 },
    { "Verslag BRA", 0,                           0, "BRA", "", 0 },
    { "Verslag BO Wonen 3 februari 2023", 0,      0, "BO", "Wonen", 0 },
    { "Besluitenlijst Bestuurlijk Overleg Sociaal Domein d.d. 10-12-2018", 0,
                                                  0, "BO", "Sociaal Domein", 0 },
    { "Agenda AO Recreatie en Toerisme", 0,       0, "AO", "Recreatie en Toerisme", 0 },
    { "Agenda Ambtelijk Overleg Landbouw en Natuur", 0,
                                                  0, "AO", "Landbouw en Natuur", 0 },
    { "Verslag BO sociaal domein", 0,             0, "BO", "Sociaal Domein", 0 },
    { 0, "besluitenlijst-bo-sociaal-domein-2018-12-10.odt",
                                                  0, "BO", "Sociaal Domein", 0 },
    { 0, "2015-04-15_Actielijst_AO_Sociaal_Domein.odt",
                                                  0, "AO", "Sociaal Domein", 0 },
    { 0, "BO_Sociaal_Domein.docx",                0, "BO", "Sociaal Domein", 0 },
    { 0, "agenda-arg-2019-09-30.docx",            0, "ARG", "", 0 },
    { 0, "2018-06-05_Actielijst_Teamoverleg_BRA.odt", 0, "BRA", "", 0 },
    /* a topic the archive does not know yet */
    { "Verslag BO Cultuur en Erfgoed 12 maart 2025", 0,
                                                  0, "BO", "Cultuur en Erfgoed", 0 },
    { "Agenda Bestuurlijk Overleg Cultuur", 0,    0, "BO", "Cultuur", 0 },
    { "Agenda BO Wonen en Zorg 12 maart 2025", 0, 0, "BO", "Wonen en Zorg", 0 },
    { "Verslag BO Wonen en AO Wonen", 0,          0, "BO", "Wonen", 0 },
    { 0, "agenda-ao-cultuur-en-erfgoed-2025-03-12.odt",
                                                  0, "AO", "Cultuur en Erfgoed", 0 },
    /* the bureau in a memo's subject yields to the body it is for */
    { 0, "memo-werkplan-van-het-bra-bora-2015-01-08.odt", 0, "BORA", "", 0 },
    { 0, "Memo_terugkoppeling_uit_de_bo_s_ARG_20191202.docx", 0, "ARG", "", 0 },
    /* no body */
    { "Verslag werkgroep jeugd", 0,               0, "", "", 0 },
    { "Verslag Bo Jansen", 0,                     0, "", "", 0 },
    { "Memo: Terugkoppeling uit de BO's", 0,      0, "", "", 0 },
    { "Kenmerk BRA/25/004711", 0,                 0, "", "", 0 },
    { "Verslag bestuurlijk overleg met het ministerie", 0, 0, "", "", 0 },
    { "Verslag BO 12 maart 2025", 0,              0, "", "", 0 },
  };
  CHECK_CASES(a);
}
END_TEST

/* 3. Every kind, with its other names and compounds. */
START_TEST(t03_kinds){
  static const Case a[] = {
    { "Agenda BO Wonen", 0,                        0,0,0, "agenda" },
    { "Uitnodiging en agenda BO Wonen", 0,         0,0,0, "agenda" },
    { "Conceptagenda ARG", 0,                      0,0,0, "agenda" },
    { "Verslag BO Wonen", 0,                       0,0,0, "verslag" },
    { "Concept-verslag BO Wonen", 0,               0,0,0, "verslag" },
    { "Notulen Bestuurlijk Overleg Wonen", 0,      0,0,0, "verslag" },
    { "Besluitenlijst BORA", 0,                    0,0,0, "besluitenlijst" },
    { "Actielijst AO Economie", 0,                 0,0,0, "actielijst" },
    { "Memo: Woonruimteverdeling", 0,              0,0,0, "memo" },
    { "Notitie: Laadinfrastructuur", 0,            0,0,0, "memo" },
    { "Startnotitie: Regionaal Mobiliteitsprogramma", 0, 0,0,0, "memo" },
    { "Informatienotitie: Mobiliteitshubs", 0,     0,0,0, "memo" },
    { "Voorstel: Omgevingswet", 0,                 0,0,0, "memo" },
    { "Memo: Voorstel BO Wonen: planning", 0,      0,0,0, "memo" },
    { 0, "Concept_memo_mobiliteitshubs_BO_Mobiliteit_20250122.docx",
                                                   0,0,0, "memo" },
    { "Brief aan de colleges", 0,                  0,0,0, "brief" },
    { "Raadsinformatiebrief woondeal", 0,          0,0,0, "brief" },
    { "Presentatie BO Wonen", 0,                   0,0,0, "presentatie" },
    { 0, "20170609_verslag_BO_Wonen.odt",          0,0,0, "verslag" },
    /* no kind */
    { "Jaarverslag 2024", 0,                       0,0,0, "" },
    { "Uitvoeringsagenda mobiliteit", 0,           0,0,0, "" },
    { "Teamoverleg Bureau Regio Amersfoort", 0,    0,0,0, "" },
  };
  CHECK_CASES(a);
}
END_TEST

/* 4. Nothing to go on: every field empty, the title from the file name. */
START_TEST(t04_empty){
  Inferred r;
  infer_document(0, 0, 0, 0, &r);
  ck_assert_str_eq(r.zDate, "");
  ck_assert_str_eq(r.zBodyKind, "");
  ck_assert_str_eq(r.zTopic, "");
  ck_assert_str_eq(r.zKind, "");
  ck_assert_str_eq(r.zTitle, "");
  ck_assert_str_eq(r.zDateSrc, "");
  infer_strings(0, "stukken/2025/overzicht leden.odt", &r);
  ck_assert_str_eq(r.zTitle, "overzicht leden");
  ck_assert_str_eq(r.zBodyKind, "");
  ck_assert_str_eq(r.zKind, "");
  /* a long title is cut on a character boundary: 99 two-byte "ë" fit */
  char zLong[301];
  for(int i=0; i<300; i+=2){ zLong[i] = (char)0xC3; zLong[i+1] = (char)0xAB; }
  zLong[300] = 0;
  infer_strings(zLong, 0, &r);
  ck_assert_uint_eq(strlen(r.zTitle), 198);
}
END_TEST

/* ---------------------------------------------------------- documents */

static Err gErr;

static DocBuilder *doc_start(Doc **ppDoc){
  memset(&gErr, 0, sizeof gErr);
  *ppDoc = calloc(1, sizeof **ppDoc);
  static const Limits lim = LIMITS_DEFAULT;
  return docb_new(*ppDoc, &lim, &gErr);
}

static void add_para(DocBuilder *b, BlockKind kind, int level, const char *z){
  docb_para_begin(b, kind, level);
  docb_text(b, z, strlen(z));
  docb_para_end(b);
}

/* A table row of a label cell and a value cell. */
static void add_row(DocBuilder *b, const char *zLabel, const char *zValue){
  docb_row_begin(b);
  docb_cell_begin(b, 1, 1);
  docb_text(b, zLabel, strlen(zLabel));
  docb_cell_end(b);
  docb_cell_begin(b, 1, 1);
  docb_text(b, zValue, strlen(zValue));
  docb_cell_end(b);
  docb_row_end(b);
}

/* 5. A memo: the meeting it is addressed to (a table row "Aan") gives the
** body and date, over the BO its subject names and over the day it was
** written ("Datum"). */
START_TEST(t05_memo_address){
  Doc *d;
  DocBuilder *b = doc_start(&d);
  add_para(b, BLOCK_HEADING, 1, "Memo: Voorstel BO Wonen: woningbouwprogrammering");
  docb_table_begin(b);
  add_row(b, "Aan", "Bestuurlijk Overleg Regio Amersfoort (12 maart 2025)");
  add_row(b, "Van", "J. de Vries, Bureau Regio Amersfoort");
  add_row(b, "Datum", "3 maart 2025");
  add_row(b, "Kenmerk", "BRA/25/004711");
  docb_table_end(b);
  docb_free(b);
  Inferred r;
  infer_document(d, "memo_woningbouw.docx", azTopic, N_TOPIC, &r);
  ck_assert_str_eq(r.zKind, "memo");
  ck_assert_str_eq(r.zBodyKind, "BORA");
  ck_assert_str_eq(r.zTopic, "");
  ck_assert_str_eq(r.zDate, "2025-03-12");
  ck_assert_str_eq(r.zDateSrc, "address line");
  ck_assert_str_eq(r.zTitle, "Memo: Voorstel BO Wonen: woningbouwprogrammering");
  doc_free(d);
}
END_TEST

/* 6. A memo without an addressee: its "Datum:" is when it was written, so
** the file name's date wins.  Minutes: their "Datum:" is the meeting and
** wins over the file name; the next meeting is no date of theirs. */
START_TEST(t06_date_line){
  Doc *d;
  DocBuilder *b = doc_start(&d);
  add_para(b, BLOCK_HEADING, 1, "Notitie: Laadinfrastructuur");
  add_para(b, BLOCK_PARAGRAPH, 0, "Datum: 25 november 2019");
  docb_free(b);
  Inferred r;
  infer_document(d, "Memo_laadinfrastructuur_BO_Mobiliteit_20191211.odt",
                 azTopic, N_TOPIC, &r);
  ck_assert_str_eq(r.zDate, "2019-12-11");
  ck_assert_str_eq(r.zDateSrc, "file name");
  ck_assert_str_eq(r.zBodyKind, "BO");
  ck_assert_str_eq(r.zTopic, "Mobiliteit");
  doc_free(d);

  b = doc_start(&d);
  add_para(b, BLOCK_HEADING, 1, "Verslag teamoverleg");
  add_para(b, BLOCK_PARAGRAPH, 0, "Vastgesteld op 20 maart 2025");
  add_para(b, BLOCK_PARAGRAPH, 0, "Volgende vergadering: 9 april 2025, Amersfoort");
  add_para(b, BLOCK_PARAGRAPH, 0, "De volgende vergadering is op 9 april 2025.");
  add_para(b, BLOCK_PARAGRAPH, 0, "Datum: woensdag 12 maart 2025\nTijd: 14.00 uur");
  docb_free(b);
  infer_document(d, "2025-03-10 Verslag Teamoverleg BRA.odt", azTopic, N_TOPIC, &r);
  ck_assert_str_eq(r.zDate, "2025-03-12");
  ck_assert_str_eq(r.zDateSrc, "date line");
  ck_assert_str_eq(r.zBodyKind, "BRA");
  ck_assert_str_eq(r.zKind, "verslag");
  doc_free(d);
}
END_TEST

/* 7. The visible heading wins over the title property (often left over
** from a template) for body and kind; the display title is the property.
** A title over several short lines is read as one. */
START_TEST(t07_heading){
  Doc *d;
  DocBuilder *b = doc_start(&d);
  add_para(b, BLOCK_HEADING, 1, "Agenda");
  add_para(b, BLOCK_PARAGRAPH, 0, "Bestuurlijk Overleg Recreatie en Toerisme");
  add_para(b, BLOCK_PARAGRAPH, 0, "vrijdag 12 februari 2021");
  add_para(b, BLOCK_HEADING, 2, "1. Verslag van 4 december 2020");
  add_para(b, BLOCK_PARAGRAPH, 0, "Het verslag van de vergadering van 4 december 2020.");
  docb_free(b);
  d->meta.title = strdup("Verslag BO Wonen");
  d->meta.created = strdup("2021-02-01T09:00:00");
  Inferred r;
  infer_document(d, 0, azTopic, N_TOPIC, &r);
  ck_assert_str_eq(r.zKind, "agenda");
  ck_assert_str_eq(r.zBodyKind, "BO");
  ck_assert_str_eq(r.zTopic, "Recreatie en Toerisme");
  ck_assert_str_eq(r.zDate, "2021-02-12");
  ck_assert_str_eq(r.zDateSrc, "heading");
  ck_assert_str_eq(r.zTitle, "Verslag BO Wonen");
  doc_free(d);
}
END_TEST

/* 8. The weak sources: a sentence about the meeting, a page header (where
** "Bureau Regio Amersfoort" is letterhead, not a body) and last the date
** the file was created. */
START_TEST(t08_weak_sources){
  Doc *d;
  DocBuilder *b = doc_start(&d);
  add_para(b, BLOCK_HEADING, 1, "Actielijst");
  add_para(b, BLOCK_PARAGRAPH, 0, "Kenmerk: BRA/25/004711");
  add_para(b, BLOCK_PARAGRAPH, 0, "Stand na de vergadering van 14 maart 2025.");
  docb_margin_begin(b, BLOCK_HEADER);
  add_para(b, BLOCK_PARAGRAPH, 0, "Bureau Regio Amersfoort");
  docb_container_end(b);
  docb_margin_begin(b, BLOCK_FOOTER);
  add_para(b, BLOCK_PARAGRAPH, 0, "AO Sociaal Domein | pagina 2");
  docb_container_end(b);
  docb_free(b);
  d->meta.created = strdup("2025-03-20T10:00:00");
  Inferred r;
  infer_document(d, 0, azTopic, N_TOPIC, &r);
  ck_assert_str_eq(r.zDate, "2025-03-14");
  ck_assert_str_eq(r.zDateSrc, "text");
  ck_assert_str_eq(r.zBodyKind, "AO");
  ck_assert_str_eq(r.zTopic, "Sociaal Domein");
  ck_assert_str_eq(r.zKind, "actielijst");
  ck_assert_str_eq(r.zTitle, "Actielijst");
  doc_free(d);

  b = doc_start(&d);
  add_para(b, BLOCK_PARAGRAPH, 0, "Aanwezig: J. de Vries, A. Jansen");
  docb_free(b);
  d->meta.created = strdup("2025-03-20T10:00:00");
  infer_document(d, 0, azTopic, N_TOPIC, &r);
  ck_assert_str_eq(r.zDate, "2025-03-20");
  ck_assert_str_eq(r.zDateSrc, "created");
  ck_assert_str_eq(r.zKind, "verslag");
  ck_assert_str_eq(r.zBodyKind, "");
  doc_free(d);
}
END_TEST

/* ---------------------------------------------------------- the sample */

static const char *member(json_t *o, const char *zKey){
  json_t *v = json_object_get(o, zKey);
  return json_is_string(v) ? json_string_value(v) : "";
}

/* 9. The 40 sample files: date, body, topic, kind and title each right
** for at least 95% of the files (all of them at the time of writing).
** Every miss is printed. */
START_TEST(t09_sample){
  enum { F_DATE, F_BODY, F_TOPIC, F_KIND, F_TITLE, F_N };
  static const char *const azField[F_N] = {
    "date", "body", "topic", "kind", "title" };
  static const char *const azKey[F_N] = {
    "meeting_date", "body", "topic", "kind", "title" };
  int aOk[F_N] = { 0 };
  int nFile = 0;
  Limits lim = LIMITS_DEFAULT;
  FILE *f = fopen(SAMPLE_DIR "manifest.jsonl", "r");
  ck_assert_msg(f!=0, "cannot open " SAMPLE_DIR "manifest.jsonl");
  char *zLine = 0;
  size_t nAlloc = 0;
  while( getline(&zLine, &nAlloc, f)>0 ){
    json_error_t je;
    json_t *o = json_loads(zLine, 0, &je);
    ck_assert_msg(o!=0, "manifest line %d: %s", nFile+1, je.text);
    char zPath[1024];
    snprintf(zPath, sizeof zPath, SAMPLE_DIR "%s", member(o, "path"));
    Doc *d = 0;
    Err err = ERR_INIT;
    Inferred r;
    nFile++;
    if( extract_file(zPath, &lim, &d, &err)==0 ){
      infer_document(d, zPath, azTopic, N_TOPIC, &r);
      const char *azGot[F_N] = { r.zDate, r.zBodyKind, r.zTopic, r.zKind, r.zTitle };
      for(int i=0; i<F_N; i++){
        const char *zWant = member(o, azKey[i]);
        if( strcmp(azGot[i], zWant)==0 ){
          aOk[i]++;
        }else{
          printf("infer miss: %s: %s \"%s\", want \"%s\"\n",
                 member(o, "path"), azField[i], azGot[i], zWant);
        }
      }
    }else{
      printf("infer miss: %s: %s\n", zPath, err.msg);
    }
    doc_free(d);
    json_decref(o);
  }
  free(zLine);
  fclose(f);
  ck_assert_int_eq(nFile, 40);
  for(int i=0; i<F_N; i++){
    ck_assert_msg(aOk[i]*100 >= nFile*95, "%s right for %d of %d files",
                  azField[i], aOk[i], nFile);
  }
}
END_TEST

Suite *suite_infer(void){
  Suite *s = suite_create("infer");
  TCase *tc = tcase_create("infer");
  tcase_add_test(tc, t01_dates);
  tcase_add_test(tc, t02_bodies);
  tcase_add_test(tc, t03_kinds);
  tcase_add_test(tc, t04_empty);
  tcase_add_test(tc, t05_memo_address);
  tcase_add_test(tc, t06_date_line);
  tcase_add_test(tc, t07_heading);
  tcase_add_test(tc, t08_weak_sources);
  tcase_add_test(tc, t09_sample);
  suite_add_tcase(s, tc);
  return s;
}
