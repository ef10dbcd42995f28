/*
** t_links.c — references between meetings (src/links.c and the reference
** readers of src/minutes.c, issue 6 item 2).
**
** Part 1 reads small documents built with the DocBuilder: each form of a
** decision's reference to an earlier decision, an agenda item's title that
** makes one, and what is no reference (no date, a future decision, a date
** in another role, a date not before the document); each form of an AO
** document's statement of the BO meeting it prepares, and what is none.
**
** Part 2 reads LibreOffice's DOCX and ODT of tests/fixtures/minutes/src/
** verslag-verwijzing.fodt and agenda-voorbereiding.fodt.
**
** Part 3 imports into an archive and checks the links: decision.refers_to
** on the right decision (also when the earlier minutes come later), and an
** AO meeting linked to the BO meeting it names (how 'reference') though
** another is next, while an AO meeting that names none keeps the rule.
** Part 3 needs links_document wired into the import (src/import.c).
*/
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "extract.h"
#include "hostile.h"
#include "correct.h"
#include "import.h"
#include "links.h"
#include "minutes.h"
#include "testutil.h"

Suite *suite_links(void);

static const Limits gLim = LIMITS_DEFAULT;

/* A Doc from lines: "# T" a heading (level = number of '#'), "- T" a list
** item, anything else a paragraph. */
static Doc *doc_lines(const char *const *azLine, int nLine){
  Err err = ERR_INIT;
  Doc *d = calloc(1, sizeof *d);
  ck_assert_ptr_nonnull(d);
  DocBuilder *b = docb_new(d, &gLim, &err);
  for(int i=0; i<nLine; i++){
    const char *z = azLine[i];
    BlockKind kind = BLOCK_PARAGRAPH;
    int level = 0;
    if( z[0]=='#' ){
      kind = BLOCK_HEADING;
      while( z[0]=='#' ){ level++; z++; }
      z++;
    }else if( z[0]=='-' && z[1]==' ' ){
      kind = BLOCK_LIST_ITEM;
      level = 1;
      z += 2;
    }
    docb_para_begin(b, kind, level);
    docb_text(b, z, strlen(z));
    docb_para_end(b);
  }
  docb_free(b);
  ck_assert(!err.set);
  return d;
}

#define READ(m, zKind, ...) read_lines(m, zKind, (const char *const[]){ __VA_ARGS__ }, \
        (int)(sizeof((const char *const[]){ __VA_ARGS__ })/sizeof(const char*)))

static void read_lines(Minutes *m, const char *zKind, const char *const *az, int n){
  Doc *d = doc_lines(az, n);
  Err err = ERR_INIT;
  ck_assert_int_eq(minutes_read(d, zKind, m, &err), 0);
  doc_free(d);
}

/* Decision i of m refers to zDate of zBody ("" "" for none). */
static void assert_ref(const Minutes *m, size_t i, const char *zDate, const char *zBody){
  ck_assert_msg(m->decision.n>i, "%zu decisions", m->decision.n);
  const MinutesDecision *p = &m->decision.a[i];
  ck_assert_msg(strcmp(p->zRefDate, zDate)==0 && strcmp(p->zRefBody, zBody)==0,
                "decision %zu \"%s\": [%s|%s], want [%s|%s]", i, p->zText,
                p->zRefDate, p->zRefBody, zDate, zBody);
}

/* ------------------------------------------------------------ part 1 */

/* 1. Each form of a reference to an earlier decision. */
START_TEST(t01_decision_refs){
  Minutes m;
  READ(&m, "verslag", "# Verslag BO Wonen 9 april 2024",
    "## 1. Woningbouw",
    "Besluit: Het BO stemt in met de uitvoering, conform het besluit van 12 maart 2024.",
    "Besluit: Conform het besluit van het BORA van 3 februari 2022 stemt het BO in met de verdeelsleutel.",
    "Besluit: Het BO stelt de regeling vast (conform besluit BO d.d. 12-03-2024).",
    "Besluit: Het BO stemt in met de planning (besluit BO Wonen 12 maart 2024).",
    "Besluit: Het BO herziet het besluit van 12 maart over de planning.",
    "Besluit: Het BO trekt het besluit van 12 mei in.",
    "Besluit: Het BO voert het BORA-besluit van 3 februari 2022 uit.",
    "Besluit: Het BO stemt in met het advies, conform het besluit van het Bestuurlijk Overleg Sociaal Domein van 1 maart 2024.",
    "Besluit: Het BO stemt in met de notitie (besluit AO Wonen d.d. 2 april 2024).");
  ck_assert_uint_eq(m.decision.n, 9);
  assert_ref(&m, 0, "2024-03-12", "");
  assert_ref(&m, 1, "2022-02-03", "BORA");
  assert_ref(&m, 2, "2024-03-12", "BO");
  assert_ref(&m, 3, "2024-03-12", "BO Wonen");
  assert_ref(&m, 4, "2024-03-12", "");            /* no year: this year */
  assert_ref(&m, 5, "2023-05-12", "");            /* ... not after the document */
  assert_ref(&m, 6, "2022-02-03", "BORA");
  assert_ref(&m, 7, "2024-03-01", "Bestuurlijk Overleg Sociaal Domein");
  assert_ref(&m, 8, "2024-04-02", "AO Wonen");
  ck_assert_int_eq(m.decision.a[0].bRefItem, 0);
  minutes_free(&m);
}
END_TEST

/* 2. What is no reference: no date, the verb "besluit", a decision still
** to be taken, a date in another role, a date not before the document; and
** a besluitenlijst table's decision with its agenda item's title. */
START_TEST(t02_not_refs){
  Minutes m;
  READ(&m, "verslag", "# Verslag BO Wonen 9 april 2024",
    "## 1. Statushouders",
    "Besluit: Het BO neemt kennis van het besluit van de raad.",
    "Besluit: Conform besluit BO wordt de notitie aangepast.",
    "Besluit: Het besluit wordt 12 maart 2025 genomen.",
    "Besluit: Het BO stemt in met het plan; de evaluatie volgt op 12 maart 2025.",
    "Het BO besluit op 2 april 2024 de regeling vast te stellen.",
    "Besluit: Het BO stemt in met de notitie van 12 maart 2024.",
    "Besluit: Het BO wijzigt het besluit van 12 mei 2024.",
    "Besluit: Het BO Wonen besluit van 12 maart 2024 af te wijken.",
    "## 2. Uitvoering besluit BORA 3 februari 2022",
    "Besluit: Het BO stemt in met de voortgangsrapportage.");
  ck_assert_uint_eq(m.decision.n, 9);
  for(size_t i=0; i<8; i++) assert_ref(&m, i, "", "");
  assert_ref(&m, 8, "2022-02-03", "BORA");
  ck_assert_int_eq(m.decision.a[8].bRefItem, 1);
  ck_assert_str_eq(m.zPrepDate, "");
  minutes_free(&m);

  /* a document without a date: only dates with a year */
  READ(&m, "verslag", "# Verslag",
    "Besluit: Conform het besluit van 12 maart stemt het BO in.",
    "Besluit: Conform het besluit van 12 maart 2024 stemt het BO in.");
  ck_assert_str_eq(m.zDate, "");
  assert_ref(&m, 0, "", "");
  assert_ref(&m, 1, "2024-03-12", "");
  minutes_free(&m);
}
END_TEST

/* 3. A proposal's reference is read too (an agenda's "Voorstel"). */
START_TEST(t03_proposal_ref){
  Minutes m;
  READ(&m, "agenda", "# Agenda BO Wonen 9 april 2024",
    "- Opening", "- Verdeelsleutel",
    "Voorstel: Het BO wordt gevraagd de verdeelsleutel aan te passen, conform het besluit van het BORA van 3 februari 2022.");
  ck_assert_uint_eq(m.decision.n, 0);
  ck_assert_uint_eq(m.proposal.n, 1);
  ck_assert_str_eq(m.proposal.a[0].zRefDate, "2022-02-03");
  ck_assert_str_eq(m.proposal.a[0].zRefBody, "BORA");
  minutes_free(&m);
}
END_TEST

/* Reads a document of an AO on 5 March 2024 whose only text is zLine and
** checks the BO meeting it says it prepares. */
static void check_prep(const char *zLine, const char *zDate, const char *zBody){
  Minutes m;
  READ(&m, "agenda", "# Agenda AO Wonen 5 maart 2024", zLine, "- Opening", "- Rondvraag");
  ck_assert_str_eq(m.zDate, "2024-03-05");
  ck_assert_msg(strcmp(m.zPrepDate, zDate)==0 && strcmp(m.zPrepBody, zBody)==0,
                "\"%s\": [%s|%s], want [%s|%s]", zLine, m.zPrepDate, m.zPrepBody, zDate, zBody);
  minutes_free(&m);
}

/* 4. The statements of the BO meeting an AO document prepares, and what
** is none. */
START_TEST(t04_prepares){
  check_prep("Ter voorbereiding op het BO Wonen van 14 maart 2024.", "2024-03-14", "BO Wonen");
  check_prep("Voorbereiding BO 14-3-2024", "2024-03-14", "BO");
  check_prep("3. Voorbereiding BO van 14 maart", "2024-03-14", "BO");
  check_prep("De notitie gaat voor het BO van 14 maart naar het BRA.", "2024-03-14", "BO");
  check_prep("Ter voorbereiding van het Bestuurlijk Overleg Wonen op 2 april 2024.",
             "2024-04-02", "Bestuurlijk Overleg Wonen");
  check_prep("Agenda t.b.v. het BO Wonen d.d. 14-03-2024", "2024-03-14", "BO Wonen");
  /* a year-less date ahead: the next one */
  check_prep("Voor het BO van 2 januari.", "", "");     /* 303 days on: a past one */
  check_prep("Voorbereiding BO.", "", "");
  check_prep("Voorbereiding BORA 14 maart 2024", "", "");
  check_prep("Dit punt is al voor het BO van 12 februari besproken.", "", "");
  check_prep("Dit punt is al voor het BO van 12 februari 2024 besproken.", "", "");
  check_prep("Het BO heeft op 14 maart 2024 vergaderd.", "", "");
  /* the first statement wins */
  Minutes m;
  READ(&m, "verslag", "# Verslag AO Wonen 5 maart 2024",
    "Ter voorbereiding op het BO Wonen van 14 maart 2024.",
    "Het tweede punt gaat voor het BO van 10 april 2024 terug naar het BRA.");
  ck_assert_str_eq(m.zPrepDate, "2024-03-14");
  minutes_free(&m);
}
END_TEST

/* ------------------------------------------------------------ part 2 */

#define MINUTES_DIR "tests/fixtures/minutes/"

static void read_fixture(const char *zName, const char *zKind, Minutes *m){
  Doc *d = 0;
  Err err = ERR_INIT;
  char zPath[512];
  snprintf(zPath, sizeof zPath, MINUTES_DIR "%s", zName);
  ck_assert_msg(extract_file(zPath, &gLim, &d, &err)==0, "%s: %s", zPath, err.msg);
  ck_assert_int_eq(minutes_read(d, zKind, m, &err), 0);
  doc_free(d);
}

/* 5. LibreOffice's ODT and DOCX: references in a decision and in an item
** title (a heading numbered by the outline style), none for the council's
** undated decision nor for a decision to be taken; an AO agenda's
** statement of its BO meeting. */
START_TEST(t05_fixtures){
  static const char *const azExt[] = { "odt", "docx" };
  for(int f=0; f<2; f++){
    char zName[64];
    Minutes m;
    snprintf(zName, sizeof zName, "lo-verslag-verwijzing.%s", azExt[f]);
    read_fixture(zName, "verslag", &m);
    ck_assert_str_eq(m.zDate, "2024-04-09");
    ck_assert_uint_eq(m.decision.n, 3);
    assert_ref(&m, 0, "2024-03-12", "");
    assert_ref(&m, 1, "2022-02-03", "BORA");
    ck_assert_int_eq(m.decision.a[1].bRefItem, 1);
    assert_ref(&m, 2, "", "");
    ck_assert_str_eq(m.zPrepDate, "");
    minutes_free(&m);
    snprintf(zName, sizeof zName, "lo-agenda-voorbereiding.%s", azExt[f]);
    read_fixture(zName, "agenda", &m);
    ck_assert_str_eq(m.zDate, "2024-03-05");
    ck_assert_str_eq(m.zPrepDate, "2024-04-10");
    ck_assert_str_eq(m.zPrepBody, "BO Wonen");
    ck_assert_uint_eq(m.decision.n, 0);
    minutes_free(&m);
  }
}
END_TEST

/* ------------------------------------------------------------ part 3 */

static void import_dir(TuArch *a, const char *zDir){
  ImportOpts o;
  memset(&o, 0, sizeof o);
  o.nThread = 2;
  ImportStats st;
  Err err = ERR_INIT;
  char *az[] = { (char*)zDir };
  int rc = import_run(a->s, az, 1, &o, 0, 0, &st, &err);
  ck_assert_msg(rc>=0, "import: %s", err.msg);
}

static void arch_org(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
}

/* The text of the decision that the decision of zDoc beginning with
** zStart refers to, or "NULL". */
static const char *refers_text(TuArch *a, const char *zDoc, const char *zStart){
  char zSql[600];
  snprintf(zSql, sizeof zSql, "SELECT coalesce((SELECT t.text FROM decision t WHERE t.id=dc.refers_to),"
           " 'NULL') FROM decision dc JOIN document d ON d.id=dc.document_id"
           " WHERE d.original_name='%s' AND dc.text LIKE '%s%%'", zDoc, zStart);
  return tu_q_text(a->db, zSql, 0);
}

/* The earlier minutes: BO Wonen of 12 March 2024 (two decisions) and BORA
** of 3 February 2022. */
static void write_earlier(const char *zDir){
  HOSTILE_DOC(tu_path(zDir, "bo-12.odt"), "# Verslag BO Wonen 12 maart 2024",
    "Aanwezig: J. de Vries (Leusden)",
    "## 1. Woningbouw", "Besluit: Het BO stemt in met het woningbouwprogramma 2024-2027.",
    "## 2. Middelen", "Besluit: Het BO stelt de verdeelsleutel voor de regionale middelen vast.",
    "Voorstel: Het BO wordt gevraagd de verdeelsleutel voor de regionale middelen te herzien.");
  HOSTILE_DOC(tu_path(zDir, "bora-03.odt"), "# Verslag BORA 3 februari 2022",
    "Aanwezig: J. de Vries (Leusden)",
    "## 1. Woningbouw", "Besluit: Het BORA stelt het regionale woningbouwprogramma vast.",
    "## 2. Mobiliteit", "Besluit: Het BORA stemt in met de mobiliteitsvisie.");
}

/* The referring minutes: BO Wonen of 9 April 2024. */
static void write_later(const char *zDir){
  HOSTILE_DOC(tu_path(zDir, "bo-09.odt"), "# Verslag BO Wonen 9 april 2024",
    "Aanwezig: J. de Vries (Leusden)",
    "## 1. Middelen",
    "Besluit: Conform het besluit van 12 maart past het BO de verdeelsleutel voor de regionale middelen aan.",
    "## 2. Woningbouw",
    "Besluit: Het BO voert het woningbouwprogramma uit, conform het besluit van het BORA van 3 februari 2022.",
    "## 3. Statushouders",
    "Besluit: Het BO stemt in met de aanpak (besluit BO Wonen 2 januari 2024).");
}

static void check_refers(TuArch *a){
  ck_assert_str_eq(refers_text(a, "bo-09.odt", "Conform"),
                   "Het BO stelt de verdeelsleutel voor de regionale middelen vast.");
  ck_assert_str_eq(refers_text(a, "bo-09.odt", "Het BO voert"),
                   "Het BORA stelt het regionale woningbouwprogramma vast.");
  /* no minutes of that day: unresolved, the reference kept */
  ck_assert_str_eq(refers_text(a, "bo-09.odt", "Het BO stemt"), "NULL");
  ck_assert_str_eq(tu_q_text(a->db, "SELECT refers_date || '|' || refers_body FROM decision"
                   " WHERE text LIKE 'Het BO stemt in met de aanpak%'", 0), "2024-01-02|BO Wonen");
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM decision WHERE refers_to IS NOT NULL", 0), 2);
}

/* 6. refers_to on the best matching decision of that body and day: the
** earlier minutes in the same import, or in a later one. */
START_TEST(t06_refers_archive){
  TuArch a;
  arch_org(&a);
  write_earlier(a.zIn);
  write_later(a.zIn);
  import_dir(&a, a.zIn);
  check_refers(&a);
  tu_arch_free(&a);

  arch_org(&a);
  char *zEarlier = strdup(tu_path(a.zDir, "earlier"));
  write_earlier(zEarlier);
  write_later(a.zIn);
  import_dir(&a, a.zIn);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision WHERE refers_to IS NOT NULL", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision WHERE refers_date IS NOT NULL", 0), 3);
  import_dir(&a, zEarlier);
  check_refers(&a);
  free(zEarlier);
  tu_arch_free(&a);
}
END_TEST

/* 7. An AO meeting that names its BO meeting is linked to it, not to the
** next one; it stays so when the links are made again and when the BO
** meeting is stored after it; an AO meeting that names none keeps the
** rule. */
START_TEST(t07_prepares_archive){
  TuArch a;
  arch_org(&a);
  HOSTILE_DOC(tu_path(a.zIn, "ao-05.odt"), "# Agenda AO Wonen 5 maart 2024",
    "Ter voorbereiding op het BO Wonen van 10 april 2024.", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "ao-02.odt"), "# Agenda AO Wonen 2 april 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "bo-12.odt"), "# Agenda BO Wonen 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "bo-10.odt"), "# Agenda BO Wonen 10 april 2024", "1. Opening");
  import_dir(&a, a.zIn);
  const char *zWant = "2024-03-05>2024-04-10:reference,2024-04-02>2024-04-10:next";
  ck_assert_str_eq(tu_meeting_links(a.db), zWant);
  Err err = ERR_INIT;
  ck_assert_int_eq(import_link_meetings(a.db, 0, &err), 0);
  ck_assert_str_eq(tu_meeting_links(a.db), zWant);
  tu_arch_free(&a);

  /* the BO meetings come later */
  arch_org(&a);
  char *zMore = strdup(tu_path(a.zDir, "more"));
  HOSTILE_DOC(tu_path(a.zIn, "ao-05.odt"), "# Agenda AO Wonen 5 maart 2024",
    "Voorbereiding BO 10-4-2024", "1. Opening");
  import_dir(&a, a.zIn);
  ck_assert_str_eq(tu_meeting_links(a.db), "");
  HOSTILE_DOC(tu_path(zMore, "bo-12.odt"), "# Agenda BO Wonen 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(zMore, "bo-10.odt"), "# Agenda BO Wonen 10 april 2024", "1. Opening");
  import_dir(&a, zMore);
  ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-04-10:reference");
  free(zMore);
  tu_arch_free(&a);
}
END_TEST

/* 8. The LibreOffice fixtures end to end: the verslag's references resolve
** against minutes made here; the AO agenda links to its BO meeting. */
START_TEST(t08_fixtures_archive){
  static const char *const azExt[] = { "odt", "docx" };
  for(int f=0; f<2; f++){
    TuArch a;
    arch_org(&a);
    write_earlier(a.zIn);
    HOSTILE_DOC(tu_path(a.zIn, "bo-12b.odt"), "# Agenda BO Wonen 14 maart 2024", "1. Opening");
    HOSTILE_DOC(tu_path(a.zIn, "bo-10.odt"), "# Agenda BO Wonen 10 april 2024", "1. Opening");
    char zName[64];
    Buf b = BUF_INIT;
    snprintf(zName, sizeof zName, "lo-verslag-verwijzing.%s", azExt[f]);
    hostile_file_read(tu_path(MINUTES_DIR, zName), &b);
    hostile_file_write(tu_path(a.zIn, zName), b.z, b.n);
    snprintf(zName, sizeof zName, "lo-agenda-voorbereiding.%s", azExt[f]);
    buf_reset(&b);
    hostile_file_read(tu_path(MINUTES_DIR, zName), &b);
    hostile_file_write(tu_path(a.zIn, zName), b.z, b.n);
    buf_release(&b);
    import_dir(&a, a.zIn);
    snprintf(zName, sizeof zName, "lo-verslag-verwijzing.%s", azExt[f]);
    ck_assert_str_eq(refers_text(&a, zName, "Conform"),
                     "Het BO stelt de verdeelsleutel voor de regionale middelen vast.");
    /* the item "Uitvoering besluit BORA 3 februari 2022": the BORA's
    ** decisions share no word with it, the first is taken */
    ck_assert_str_eq(refers_text(&a, zName, "Het BO stemt in met de voortgang"),
                     "Het BORA stelt het regionale woningbouwprogramma vast.");
    ck_assert_str_eq(refers_text(&a, zName, "Het BO neemt kennis"), "NULL");
    ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-04-10:reference");
    tu_arch_free(&a);
  }
}
END_TEST

/* printf into one of four static buffers in turn (a few per assertion). */
static const char *sf(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
static const char *sf(const char *zFmt, ...){
  static char az[4][300];
  static int i;
  char *z = az[i++ % 4];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof az[0], zFmt, ap);
  va_end(ap);
  return z;
}

/* The id of the decision of zDoc beginning with zStart. */
static long long decision_of(TuArch *a, const char *zDoc, const char *zStart){
  char zSql[400];
  snprintf(zSql, sizeof zSql, "SELECT dc.id FROM decision dc JOIN document d ON d.id=dc.document_id"
           " WHERE d.original_name='%s' AND dc.text LIKE '%s%%'", zDoc, zStart);
  long long id = tu_q_int(a->db, zSql, 0);
  ck_assert_int_gt(id, 0);
  return id;
}

/* 9. A reference staff set (correct_decision_reference) stays when the
** minutes it waited for arrive and when the document is read again;
** "back to the text" resolves it as the import would; a decision that
** is later, the decision itself or none at all is refused. */
START_TEST(t09_staff_reference){
  TuArch a;
  arch_org(&a);
  char *zEarlier = strdup(tu_path(a.zDir, "earlier"));
  write_earlier(zEarlier);
  write_later(a.zIn);
  import_dir(&a, a.zIn);
  long long iConform = decision_of(&a, "bo-09.odt", "Conform");
  long long iVoert = decision_of(&a, "bo-09.odt", "Het BO voert");
  long long iStemt = decision_of(&a, "bo-09.odt", "Het BO stemt");
  Err err = ERR_INIT;
  /* "Conform" follows another decision of the same day; "stemt" none */
  ck_assert_int_eq(correct_decision_reference(a.db, iConform, iVoert, "staf", &err), CORRECT_OK);
  ck_assert_int_eq(correct_decision_reference(a.db, iStemt, 0, "staf", &err), CORRECT_OK);
  ck_assert_msg(!err.set, "%s", err.msg);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(coalesce(refers_to, 'NULL') || ':'"
                   " || refers_by, ',') FROM decision WHERE refers_by IS NOT NULL ORDER BY id", 0),
                   sf("%lld:staf,NULL:staf", iVoert));
  /* the earlier minutes come: only the decision staff left alone is resolved */
  import_dir(&a, zEarlier);
  ck_assert_int_eq(tu_q_int(a.db, sf("SELECT refers_to FROM decision WHERE id=%lld", iConform), 0),
                   iVoert);
  ck_assert_str_eq(refers_text(&a, "bo-09.odt", "Het BO voert"),
                   "Het BORA stelt het regionale woningbouwprogramma vast.");
  /* read again: staff's references stay */
  long long iDoc = tu_q_int(a.db, "SELECT id FROM document WHERE original_name='bo-09.odt'", 0);
  ck_assert_int_eq(import_reread(a.s, &iDoc, 1, "staf", 0, 0, &err), 0);
  ck_assert_int_eq(tu_q_int(a.db, sf("SELECT refers_to FROM decision WHERE id=%lld", iConform), 0),
                   iVoert);
  ck_assert_str_eq(tu_q_text(a.db, sf("SELECT coalesce(refers_to, 'NULL') || refers_by FROM decision"
                   " WHERE id=%lld", iStemt), 0), "NULLstaf");
  /* refused: itself, a later decision, an unknown one */
  long long iLater = decision_of(&a, "bo-12.odt", "Het BO stemt in met het woningbouwprogramma");
  ck_assert_int_eq(correct_decision_reference(a.db, iConform, iConform, "staf", &err), CORRECT_REFUSED);
  err_clear(&err);
  ck_assert_int_eq(correct_decision_reference(a.db, iLater, iConform, "staf", &err), CORRECT_REFUSED);
  ck_assert_msg(strstr(err.msg, "was taken after") != 0, "%s", err.msg);
  err_clear(&err);
  ck_assert_int_eq(correct_decision_reference(a.db, iConform, 999999, "staf", &err), CORRECT_REFUSED);
  ck_assert_str_eq(err.msg, "no decision 999999");
  err_clear(&err);
  ck_assert_int_eq(correct_decision_reference(a.db, 999999, iConform, "staf", &err), CORRECT_NOT_FOUND);
  err_clear(&err);
  /* back to the text: resolved as the import does, no longer staff's */
  ck_assert_int_eq(correct_decision_reference(a.db, iConform, CORRECT_REF_TEXT, "staf", &err),
                   CORRECT_OK);
  ck_assert_str_eq(refers_text(&a, "bo-09.odt", "Conform"),
                   "Het BO stelt de verdeelsleutel voor de regionale middelen vast.");
  ck_assert_int_eq(tu_q_int(a.db, sf("SELECT refers_by IS NULL FROM decision WHERE id=%lld", iConform),
                   0), 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='decision.reference'"
                   " AND actor='staf'", 0), 2);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT detail FROM audit WHERE action='decision.reference_text'", 0),
                   sf("{\"refers_to\":[%lld,%lld]}", iVoert,
                          tu_q_int(a.db, sf("SELECT refers_to FROM decision WHERE id=%lld", iConform), 0)));
  free(zEarlier);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_links(void){
  Suite *s = suite_create("links");
  TCase *tc = tcase_create("links");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, t01_decision_refs);
  tcase_add_test(tc, t02_not_refs);
  tcase_add_test(tc, t03_proposal_ref);
  tcase_add_test(tc, t04_prepares);
  tcase_add_test(tc, t05_fixtures);
  tcase_add_test(tc, t06_refers_archive);
  tcase_add_test(tc, t07_prepares_archive);
  tcase_add_test(tc, t08_fixtures_archive);
  tcase_add_test(tc, t09_staff_reference);
  suite_add_tcase(s, tc);
  return s;
}
