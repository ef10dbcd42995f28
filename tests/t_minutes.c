/*
** t_minutes.c — recognising the structure of minutes (src/minutes.c).
**
** Part 1, one numbered case per construct, builds small documents with the
** DocBuilder from a compact notation (see doc_make()): each attendance
** label, the forms of agenda numbering, each decision form, actions,
** commitments, adoptions, and documents that state no decision at all.
**
** Part 2 reads the office files made by LibreOffice and pandoc in
** tests/fixtures/minutes/ (Word-style DOCX and ODT, heading-based, numbered
** paragraphs and tables; see make-minutes.sh there).
**
** Part 3 reads the 40 files of tests/fixtures/sample/ and scores what is
** found against manifest.jsonl: precision and recall of decisions, actions
** and attendees, each at least 0.95.  A found decision matches an expected
** one when either normalised text (folded letters and digits) contains the
** other; an action also when their numbers agree; an attendee when surname,
** initial and presence agree.  Set MINUTES_VERBOSE=1 to list every miss.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "extract.h"
#include "infer.h"
#include "minutes.h"

Suite *suite_minutes(void);

/* ------------------------------------------------------------ building */

static const Limits gLim = LIMITS_DEFAULT;

/* Builds a Doc from lines: "# T" a heading (one '#' per level), "- T" a
** list item ("-- T" nested), "| a | b |" a table row (consecutive rows make
** one table), anything else a paragraph.  A "\n" inside a line is a line
** break in the paragraph. */
static Doc *doc_make(const char *const *azLine, int nLine){
  Err err = ERR_INIT;
  Doc *d = calloc(1, sizeof *d);
  ck_assert_ptr_nonnull(d);
  DocBuilder *b = docb_new(d, &gLim, &err);
  int bTable = 0;
  for(int i=0; i<nLine; i++){
    const char *z = azLine[i];
    if( z[0]=='|' ){
      if( !bTable ){ docb_table_begin(b); bTable = 1; }
      docb_row_begin(b);
      const char *zCell = z+1;
      for(;;){
        const char *zBar = strchr(zCell, '|');
        if( zBar==0 ) break;
        const char *zA = zCell, *zB = zBar;
        while( zA<zB && *zA==' ' ) zA++;
        while( zB>zA && zB[-1]==' ' ) zB--;
        docb_cell_begin(b, 1, 1);
        if( zB>zA ){
          docb_para_begin(b, BLOCK_PARAGRAPH, 0);
          docb_text(b, zA, (size_t)(zB - zA));
          docb_para_end(b);
        }
        docb_cell_end(b);
        zCell = zBar+1;
      }
      docb_row_end(b);
      continue;
    }
    if( bTable ){ docb_table_end(b); bTable = 0; }
    BlockKind kind = BLOCK_PARAGRAPH;
    int level = 0;
    if( z[0]=='#' ){
      kind = BLOCK_HEADING;
      while( z[0]=='#' ){ level++; z++; }
      z++;
    }else if( z[0]=='-' && (z[1]==' ' || z[1]=='-') ){
      kind = BLOCK_LIST_ITEM;
      while( z[0]=='-' ){ level++; z++; }
      z++;
    }
    docb_para_begin(b, kind, level);
    docb_text(b, z, strlen(z));
    docb_para_end(b);
  }
  if( bTable ) docb_table_end(b);
  docb_free(b);
  ck_assert(!err.set);
  return d;
}

#define DOC(...) doc_make((const char *const[]){ __VA_ARGS__ }, \
                 (int)(sizeof((const char *const[]){ __VA_ARGS__ })/sizeof(const char*)))

/* Reads d as zKind into *m, frees d. */
static void read_doc(Doc *d, const char *zKind, Minutes *m){
  Err err = ERR_INIT;
  ck_assert_int_eq(minutes_read(d, zKind, m, &err), 0);
  doc_free(d);
}

static void assert_att(const Minutes *m, size_t i, MinutesRole role,
                       const char *zName, const char *zOrg, const char *zFunc){
  ck_assert_uint_gt(m->att.n, i);
  const MinutesAttendee *a = &m->att.a[i];
  ck_assert_str_eq(minutes_role_name(a->role), minutes_role_name(role));
  ck_assert_str_eq(a->zName, zName);
  ck_assert_str_eq(a->zOrg, zOrg);
  ck_assert_str_eq(a->zFunction, zFunc);
}

static void assert_item(const Minutes *m, size_t i, const char *zNr, int bWritten,
                        const char *zTitle, int iFirst, int iEnd){
  ck_assert_uint_gt(m->item.n, i);
  const MinutesItem *p = &m->item.a[i];
  ck_assert_str_eq(p->zNr, zNr);
  ck_assert_int_eq(p->bNrWritten, bWritten);
  ck_assert_str_eq(p->zTitle, zTitle);
  ck_assert_int_eq(p->iFirst, iFirst);
  ck_assert_int_eq(p->iEnd, iEnd);
}

static void assert_decision(const MinutesDecision *p, const char *zText,
                            const char *zLabel, int iItem, int iBlock, int iRow){
  ck_assert_str_eq(p->zText, zText);
  ck_assert_str_eq(p->zLabel, zLabel);
  ck_assert_int_eq(p->iItem, iItem);
  ck_assert_int_eq(p->iBlock, iBlock);
  ck_assert_int_eq(p->iRow, iRow);
}

static void assert_action(const Minutes *m, size_t i, const char *zNr, const char *zText,
                          const char *zWho, const char *zDue, const char *zStatus){
  ck_assert_uint_gt(m->action.n, i);
  const MinutesAction *a = &m->action.a[i];
  ck_assert_str_eq(a->zNr, zNr);
  ck_assert_str_eq(a->zText, zText);
  ck_assert_str_eq(a->zWho, zWho);
  ck_assert_str_eq(a->zDue, zDue);
  ck_assert_str_eq(a->zStatus, zStatus);
}

/* ------------------------------------------------------------ part 1 */

/* 1. "Aanwezig:" in one paragraph, in the three ways the corpus writes a
** person, and "wethouder Bakker, Soest" with semicolons between persons. */
START_TEST(t01_present_paragraph){
  Minutes m;
  read_doc(DOC("Aanwezig: mw. A. de Vries (Amersfoort, voorzitter), "
               "Jan Bakker – wethouder Soest, G.J. Bijl (programmamanager, BRA), "
               "E. Schouten (burgemeester Amersfoort), J. de Vries (Leusden) en "
               "dhr. R. El Amrani (Woudenberg)",
               "Aanwezig: wethouder De Graaf, Bunschoten; wethouder Öztürk, Nijkerk"), "verslag", &m);
  ck_assert_uint_eq(m.att.n, 8);
  assert_att(&m, 0, MINUTES_CHAIR, "A. de Vries", "Amersfoort", "");
  assert_att(&m, 1, MINUTES_PRESENT, "Jan Bakker", "Soest", "wethouder");
  assert_att(&m, 2, MINUTES_PRESENT, "G.J. Bijl", "BRA", "programmamanager");
  assert_att(&m, 3, MINUTES_PRESENT, "E. Schouten", "Amersfoort", "burgemeester");
  assert_att(&m, 4, MINUTES_PRESENT, "J. de Vries", "Leusden", "");
  assert_att(&m, 5, MINUTES_PRESENT, "R. El Amrani", "Woudenberg", "");
  assert_att(&m, 6, MINUTES_PRESENT, "De Graaf", "Bunschoten", "wethouder");
  assert_att(&m, 7, MINUTES_PRESENT, "Öztürk", "Nijkerk", "wethouder");
  minutes_free(&m);
}
END_TEST

/* 2. The other labels: absent in three spellings, chair and minute-taker
** as meta lines (merged with their entry in the list), guests. */
START_TEST(t02_labels){
  Minutes m;
  read_doc(DOC("Voorzitter: Eva Schouten",
               "Notulist: Marjolein van Beek",
               "Aanwezig: E. Schouten (burgemeester, Amersfoort, voorzitter), "
               "M. van Beek (notulist, BRA), N. Kramer (regiosecretaris, BRA)",
               "Afwezig (met kennisgeving): N. Ramdin (burgemeester, Nijkerk)",
               "Verhinderd: dhr. B. Bouzid (Leusden)",
               "Afwezig: –",
               "Gasten: mw. G. Klein Goldewijk (Provincie Utrecht), S. Bos (Stichting Digitaal Eemland)",
               "Verslag: Het verslag van 12 maart wordt vastgesteld."), "verslag", &m);
  ck_assert_uint_eq(m.att.n, 7);
  assert_att(&m, 0, MINUTES_CHAIR, "Eva Schouten", "Amersfoort", "burgemeester");
  assert_att(&m, 1, MINUTES_TAKER, "Marjolein van Beek", "BRA", "notulist");
  assert_att(&m, 2, MINUTES_PRESENT, "N. Kramer", "BRA", "regiosecretaris");
  assert_att(&m, 3, MINUTES_ABSENT, "N. Ramdin", "Nijkerk", "burgemeester");
  assert_att(&m, 4, MINUTES_ABSENT, "B. Bouzid", "Leusden", "");
  assert_att(&m, 5, MINUTES_GUEST, "G. Klein Goldewijk", "Provincie Utrecht", "");
  assert_att(&m, 6, MINUTES_GUEST, "S. Bos", "Stichting Digitaal Eemland", "");
  ck_assert_uint_eq(m.adoption.n, 1);          /* "Verslag:" that names no one */
  minutes_free(&m);
}
END_TEST

/* 3. A bold "Aanwezig" over a list, over a Naam/Functie/Organisatie table,
** over lines of names; and the attendance as label rows of a table. */
START_TEST(t03_present_layouts){
  Minutes m;
  read_doc(DOC("Aanwezig:",
               "- K. Smits (wethouder, Amersfoort, voorzitter)",
               "- Anne de Vries – programmamanager recreatie en toerisme BRA",
               "Afwezig",
               "| Naam | Functie | Organisatie |",
               "| Mark Maas | burgemeester (voorzitter) | Woudenberg |",
               "| Rik Bouwman | burgemeester | Barneveld |",
               "Gasten",
               "Piet Post (SWEV)",
               "Kees Klein, Baarn",
               "De voorzitter opent de vergadering.",
               "| Voorzitter | Eva Schouten |",
               "| Verslag | Femke Westerveld |",
               "| Datum | 12 maart 2025 |"), "verslag", &m);
  ck_assert_uint_eq(m.att.n, 8);
  assert_att(&m, 0, MINUTES_CHAIR, "K. Smits", "Amersfoort", "wethouder");
  assert_att(&m, 1, MINUTES_PRESENT, "Anne de Vries", "BRA",
             "programmamanager recreatie en toerisme");
  assert_att(&m, 2, MINUTES_ABSENT, "Mark Maas", "Woudenberg", "burgemeester");
  assert_att(&m, 3, MINUTES_ABSENT, "Rik Bouwman", "Barneveld", "burgemeester");
  assert_att(&m, 4, MINUTES_GUEST, "Piet Post", "SWEV", "");
  assert_att(&m, 5, MINUTES_GUEST, "Kees Klein", "Baarn", "");
  assert_att(&m, 6, MINUTES_CHAIR, "Eva Schouten", "", "");
  assert_att(&m, 7, MINUTES_TAKER, "Femke Westerveld", "", "");
  ck_assert_int_eq(m.att.a[2].iBlock, 4);
  ck_assert_int_eq(m.att.a[2].iRow, 1);
  minutes_free(&m);

  read_doc(DOC("Aanwezig:",
               "| Jan Jansen | wethouder (voorzitter) | Soest |",
               "| mw. P. de Vries | Provincie Utrecht | gedeputeerde |"), "verslag", &m);
  ck_assert_uint_eq(m.att.n, 2);
  assert_att(&m, 0, MINUTES_CHAIR, "Jan Jansen", "Soest", "wethouder");
  assert_att(&m, 1, MINUTES_PRESENT, "P. de Vries", "Provincie Utrecht", "gedeputeerde");
  minutes_free(&m);
}
END_TEST

/* 4. Text that is not a person is no attendee: groups, acronyms, "geen". */
START_TEST(t04_not_persons){
  Minutes m;
  read_doc(DOC("Aanwezig: alle leden van het BO, BRA, 3 gasten",
               "Afwezig: geen",
               "Voorzitter: zie boven"), "verslag", &m);
  ck_assert_uint_eq(m.att.n, 0);
  minutes_free(&m);
}
END_TEST

/* 5. Agenda numbering: numbered headings with their block ranges, "3a",
** "Agendapunt 4:" paragraphs, a heading without number that ends the last
** item, and text that only looks numbered. */
START_TEST(t05_items_numbered){
  Minutes m;
  read_doc(DOC("# Verslag BO Wonen 12 maart 2025",       /* 0 */
               "## 1. Opening en mededelingen",           /* 1 */
               "De voorzitter opent.",
               "## 3a Woningbouwprogrammering",           /* 3 */
               "12 maart 2025 was de werksessie.",
               "3 Gemeenten hebben gereageerd.",
               "Agendapunt 4: Wonen en zorg",             /* 6 */
               "1.1 De aanpak sluit aan bij de Strategische Agenda.",
               "5) Rondvraag",                             /* 8 */
               "## Actielijst",                            /* 9 */
               "| Nr | Actie | Wie |"), "verslag", &m);
  ck_assert_uint_eq(m.item.n, 4);
  assert_item(&m, 0, "1", 1, "Opening en mededelingen", 1, 3);
  assert_item(&m, 1, "3a", 1, "Woningbouwprogrammering", 3, 6);
  assert_item(&m, 2, "4", 1, "Wonen en zorg", 6, 8);
  assert_item(&m, 3, "5", 1, "Rondvraag", 8, 9);
  minutes_free(&m);
}
END_TEST

/* 6. Unnumbered headings (Word numbers them itself) are the items at
** their level; an agenda as a numbered list; an agenda table. */
START_TEST(t06_items_other){
  Minutes m;
  read_doc(DOC("# Verslag AO Economie",
               "Aanwezig: Jan Bakker (Soest)",
               "## Opening",
               "Tekst.",
               "## Aanwezig",
               "## Werklocaties",
               "### Toelichting",
               "Tekst."), "verslag", &m);
  ck_assert_uint_eq(m.item.n, 2);
  assert_item(&m, 0, "1", 0, "Opening", 2, 4);
  assert_item(&m, 1, "2", 0, "Werklocaties", 5, 8);
  minutes_free(&m);

  read_doc(DOC("# Agenda ARG 30 september 2019",
               "Hierbij nodig ik u uit.",
               "- Opening en mededelingen",
               "- Vaststellen verslag van 3 september 2019",
               "- Omgevingswet (ter informatie)",
               "Met vriendelijke groet,"), "agenda", &m);
  ck_assert_uint_eq(m.item.n, 3);
  assert_item(&m, 2, "3", 0, "Omgevingswet (ter informatie)", 4, 5);
  ck_assert_uint_eq(m.decision.n + m.adoption.n, 0);
  minutes_free(&m);

  read_doc(DOC("# Agenda BO Wonen",
               "| Nr | Tijd | Onderwerp | Doel |",
               "| 1 | 09.00 | Opening | |",
               "| 2 | 09.05 | Woonvisie | ter besluitvorming |"), "agenda", &m);
  ck_assert_uint_eq(m.item.n, 2);
  assert_item(&m, 1, "2", 1, "Woonvisie", 1, 2);
  ck_assert_int_eq(m.item.a[1].iRow, 2);
  minutes_free(&m);
}
END_TEST

/* 7. Each labelled decision form, each placed in its item and block. */
START_TEST(t07_decision_labels){
  Minutes m;
  read_doc(DOC("## 1. Woonvisie",                                          /* 0 */
               "Besluit: Het BO stemt in met de woonvisie.",               /* 1 */
               "Besluiten:",                                               /* 2 */
               "- het BO stelt de nota vast;",                             /* 3 */
               "- het BO neemt kennis van de monitor.",                    /* 4 */
               "Conclusie: Het team stemt in met de planning.",            /* 5 */
               "Advies aan het BORA: in te stemmen met de visie.",         /* 6 */
               "Besluitvorming: Het BO stemt in met de verdeelsleutel.",   /* 7 */
               "Besluit:",                                                 /* 8 */
               "Het BO houdt het voorstel aan tot de volgende vergadering.", /* 9 */
               "## 2. Rondvraag"), "verslag", &m);
  ck_assert_uint_eq(m.decision.n, 7);
  assert_decision(&m.decision.a[0], "Het BO stemt in met de woonvisie.", "Besluit", 0, 1, -1);
  assert_decision(&m.decision.a[1], "het BO stelt de nota vast", "Besluiten", 0, 3, -1);
  assert_decision(&m.decision.a[2], "het BO neemt kennis van de monitor.", "Besluiten", 0, 4, -1);
  assert_decision(&m.decision.a[3], "Het team stemt in met de planning.", "Conclusie", 0, 5, -1);
  assert_decision(&m.decision.a[4], "in te stemmen met de visie.", "Advies aan het BORA", 0, 6, -1);
  assert_decision(&m.decision.a[5], "Het BO stemt in met de verdeelsleutel.", "Besluitvorming", 0, 7, -1);
  assert_decision(&m.decision.a[6], "Het BO houdt het voorstel aan tot de volgende vergadering.",
                  "Besluit", 0, 9, -1);
  minutes_free(&m);
}
END_TEST

/* 8. Decisions stated in sentences, within discussion text, in any order. */
START_TEST(t08_decision_sentences){
  Minutes m;
  read_doc(DOC("Na discussie wordt besloten de notitie aan te houden. De wethouder dankt de leden.",
               "Besloten wordt kennis te nemen van de zonneladder.",
               "Het BORA besluit de begroting 2026 voor te leggen aan de colleges.",
               "Na een korte discussie stemt het BO Recreatie en Toerisme in met de visie.",
               "Het BO Wonen stelt de woningbouwprogrammering 2025-2030 vast.",
               "Akkoord met het voorstel."), "verslag", &m);
  ck_assert_uint_eq(m.decision.n, 6);
  assert_decision(&m.decision.a[0], "Na discussie wordt besloten de notitie aan te houden.", "", -1, 0, -1);
  assert_decision(&m.decision.a[3],
                  "Na een korte discussie stemt het BO Recreatie en Toerisme in met de visie.",
                  "", -1, 3, -1);
  assert_decision(&m.decision.a[5], "Akkoord met het voorstel.", "", -1, 5, -1);
  minutes_free(&m);
}
END_TEST

/* 9. A besluitenlijst that is one table: each row an item, each decision
** sentence of its cell a decision, the adoption of the previous minutes
** and "geen besluit" none; and a two-column table whose header is
** "Agendapunt | Besluiten". */
START_TEST(t09_decision_table){
  Minutes m;
  read_doc(DOC("# Besluitenlijst BO Energietransitie d.d. 29-03-2018",
               "| Nr | Onderwerp | Besluit |",
               "| 2 | Verslag vorige vergadering | Het verslag van 15 januari wordt vastgesteld. |",
               "| 3 | Zonneladder | Besloten wordt kennis te nemen van de zonneladder. "
               "Het BO stemt in met de planning. De planning is krap. |",
               "| 4 | Warmte | Het onderwerp is besproken; geen besluit. |",
               "| 5 | Energieloket | Ingestemd met de verdeelsleutel. |"), "besluitenlijst", &m);
  ck_assert_uint_eq(m.item.n, 4);
  ck_assert_uint_eq(m.decision.n, 3);
  assert_decision(&m.decision.a[0], "Besloten wordt kennis te nemen van de zonneladder.",
                  "Besluit", 1, 1, 2);
  assert_decision(&m.decision.a[1], "Het BO stemt in met de planning. De planning is krap.",
                  "Besluit", 1, 1, 2);
  assert_decision(&m.decision.a[2], "Ingestemd met de verdeelsleutel.", "Besluit", 3, 1, 4);
  ck_assert_uint_eq(m.adoption.n, 1);
  ck_assert_str_eq(m.adoption.a[0].zDate, "2018-01-15");
  ck_assert_int_eq(m.adoption.a[0].iItem, 0);
  minutes_free(&m);

  read_doc(DOC("| Agendapunt | Besluiten |",
               "| Woonvisie | Het BO stelt de woonvisie vast. |",
               "| Rondvraag | – |"), "besluitenlijst", &m);
  ck_assert_uint_eq(m.item.n, 2);
  assert_item(&m, 1, "2", 0, "Rondvraag", 0, 1);
  ck_assert_uint_eq(m.decision.n, 1);
  assert_decision(&m.decision.a[0], "Het BO stelt de woonvisie vast.", "Besluiten", 0, 0, 1);
  minutes_free(&m);

  read_doc(DOC("| 1 | Opening | – |",
               "| 2 | Woonvisie | Het BO stelt de woonvisie vast. |"), "besluitenlijst", &m);
  ck_assert_uint_eq(m.item.n, 2);
  assert_item(&m, 1, "2", 1, "Woonvisie", 0, 1);
  ck_assert_uint_eq(m.decision.n, 1);
  assert_decision(&m.decision.a[0], "Het BO stelt de woonvisie vast.", "", 1, 0, 1);
  minutes_free(&m);
}
END_TEST

/* 10. No decision is invented: discussion, deferral, the chair's
** conclusion, a question, "besluitvorming volgt", "geen besluit". */
START_TEST(t10_no_decisions){
  Minutes m;
  read_doc(DOC("## 3. Woningbouw",
               "De voorzitter concludeert dat er brede steun is voor de voorgestelde richting.",
               "Besluitvorming volgt in het BORA van 12 juni.",
               "Besluitvorming: volgt in het BORA.",
               "De besluitvorming in de colleges is voorzien vóór 1 juli.",
               "Wethouder Bakker meldt dat het college van Soest op 4 juli een besluit neemt.",
               "Het BRA verwerkt de opmerkingen in een aangepaste versie.",
               "Afgesproken wordt dat het BRA een memo opstelt.",
               "De leden spreken hun waardering uit voor de werkgroep.",
               "Stemt het BO in met de planning?",
               "Er wordt nog niet besloten over de verdeelsleutel.",
               "In 2023 is besloten de aanpak na een jaar te evalueren.",
               "De raad van Soest stemt in met de visie.",
               "Besluit: geen besluit genomen.",
               "Besluit: n.v.t.",
               "Het verslag van de werkgroep wordt ter kennisname aangeboden."), "verslag", &m);
  ck_assert_uint_eq(m.decision.n, 0);
  ck_assert_uint_eq(m.proposal.n, 0);
  minutes_free(&m);
}
END_TEST

/* 11. Proposals are not decisions: an agenda's "Voorstel:", a memo's
** "Het BO wordt gevraagd:" list, a "Gevraagd besluit" section, and in an
** agenda even a decision sentence. */
START_TEST(t11_proposals){
  Minutes m;
  read_doc(DOC("### 3. Vrijkomende agrarische bebouwing",
               "Doel: ter besluitvorming.",
               "Voorstel: Het AO wordt gevraagd in te stemmen met de inventarisatie.",
               "Voorgesteld besluit: het BO stelt de visie vast.",
               "Het BO stemt in met de agenda.",
               "Conclusie: de leden zijn positief."), "agenda", &m);
  ck_assert_uint_eq(m.decision.n, 0);
  ck_assert_uint_eq(m.proposal.n, 3);
  assert_decision(&m.proposal.a[0], "Het AO wordt gevraagd in te stemmen met de inventarisatie.",
                  "Voorstel", 0, 2, -1);
  assert_decision(&m.proposal.a[2], "Het BO stemt in met de agenda.", "", 0, 4, -1);
  minutes_free(&m);

  read_doc(DOC("# Memo: Omgevingswet",
               "## Voorstel",
               "Het BORA wordt gevraagd:",
               "- in te stemmen met de afspraken;",
               "- kennis te nemen van de planning.",
               "## Toelichting",
               "- Het voorstel is ambtelijk afgestemd in het AO.",
               "## Gevraagd besluit",
               "- de nota vast te stellen."), "memo", &m);
  ck_assert_uint_eq(m.decision.n, 0);
  ck_assert_uint_eq(m.item.n, 0);
  ck_assert_uint_eq(m.proposal.n, 3);
  ck_assert_str_eq(m.proposal.a[0].zText, "in te stemmen met de afspraken");
  ck_assert_str_eq(m.proposal.a[2].zText, "de nota vast te stellen.");
  minutes_free(&m);

  read_doc(DOC("Memo: Omgevingswet",
               "Voorstel",
               "Het BORA wordt gevraagd:",
               "- in te stemmen met de afspraken;",
               "Argumenten",
               "- Het voorstel is ambtelijk afgestemd in het AO."), "memo", &m);
  ck_assert_uint_eq(m.decision.n, 0);
  ck_assert_uint_eq(m.proposal.n, 1);
  ck_assert_str_eq(m.proposal.a[0].zText, "in te stemmen met de afspraken");
  minutes_free(&m);
}
END_TEST

/* 12. Actions: "Actie:" and "Actie <wie>:" lines, "Actiepunt 3:", a list
** under "Acties:", and a "Actiepunt 18.02.1 blijft staan" that is none. */
START_TEST(t12_action_lines){
  Minutes m;
  read_doc(DOC("## 3. Woningbouw",
               "Actie: BRA stuurt de notitie rond.",
               "Actie alle gemeenten: Aanleveren van de woningbouwcijfers.",
               "Actiepunt 7: Planning opstellen",
               "Actiepunt 18.02.1 blijft staan.",
               "Acties:",
               "- Werksessie organiseren",
               "- Raden informeren",
               "## Actiepunten",
               "- Monitor actualiseren"), "verslag", &m);
  ck_assert_uint_eq(m.action.n, 6);
  assert_action(&m, 0, "", "BRA stuurt de notitie rond", "", "", "");
  assert_action(&m, 1, "", "Aanleveren van de woningbouwcijfers", "alle gemeenten", "", "");
  assert_action(&m, 2, "7", "Planning opstellen", "", "", "");
  assert_action(&m, 3, "", "Werksessie organiseren", "", "", "");
  assert_action(&m, 5, "", "Monitor actualiseren", "", "", "");
  ck_assert_int_eq(m.action.a[1].iItem, 0);
  ck_assert_int_eq(m.action.a[5].iItem, -1);
  minutes_free(&m);
}
END_TEST

/* 13. An actielijst table with its columns in another order and other
** names; a line action that the table repeats is the table's row. */
START_TEST(t13_action_table){
  Minutes m;
  read_doc(DOC("Actie Scherpenzeel: Gezamenlijke cyberoefening organiseren.",
               "| Status | Actiehouder | Omschrijving | Deadline | Actienr |",
               "| afgerond | Woudenberg | Plan van aanpak GALA opstellen | Q2 2025 | 25.01.3 |",
               "| nieuw | | Gezamenlijke cyberoefening organiseren | week 8 | 25.02.1 |",
               "| open | AO Sociaal Domein | Plan van aanpak GALA opstellen | eind 2025 | 25.02.2 |"),
           "actielijst", &m);
  ck_assert_uint_eq(m.action.n, 3);
  assert_action(&m, 0, "25.01.3", "Plan van aanpak GALA opstellen", "Woudenberg", "Q2 2025", "afgerond");
  assert_action(&m, 1, "25.02.1", "Gezamenlijke cyberoefening organiseren", "Scherpenzeel",
                "week 8", "nieuw");
  assert_action(&m, 2, "25.02.2", "Plan van aanpak GALA opstellen", "AO Sociaal Domein",
                "eind 2025", "open");
  ck_assert_int_eq(m.action.a[2].iRow, 3);
  minutes_free(&m);
}
END_TEST

/* 14. Commitments: "zegt toe" after a semicolon, "zegt ... toe",
** "Toezegging <wie>:", "doet de toezegging". */
START_TEST(t14_commitments){
  Minutes m;
  read_doc(DOC("Er wordt stilgestaan bij de rol van de provincie; wethouder Bakker (Soest) "
               "zegt toe hierover contact op te nemen met de gedeputeerde.",
               "Het BRA zegt de leden een memo toe. De leden zijn tevreden.",
               "Toezegging wethouder Öztürk: de raad wordt vóór 1 mei geïnformeerd.",
               "Mevrouw De Vries doet de toezegging de cijfers na te leveren.",
               "De provincie heeft eerder toegezegd bij te dragen."), "verslag", &m);
  ck_assert_uint_eq(m.commitment.n, 4);
  ck_assert_str_eq(m.commitment.a[0].zWho, "wethouder Bakker (Soest)");
  ck_assert_str_eq(m.commitment.a[0].zText,
                   "wethouder Bakker (Soest) zegt toe hierover contact op te nemen met de gedeputeerde.");
  ck_assert_str_eq(m.commitment.a[1].zWho, "Het BRA");
  ck_assert_str_eq(m.commitment.a[2].zWho, "wethouder Öztürk");
  ck_assert_str_eq(m.commitment.a[2].zText, "de raad wordt vóór 1 mei geïnformeerd.");
  ck_assert_str_eq(m.commitment.a[3].zWho, "Mevrouw De Vries");
  minutes_free(&m);
}
END_TEST

/* 15. Adoptions: a date with and without year (from the document's date;
** the year before when it would fall after it), numeric dates, changed or
** not, none without "vastgesteld"; the document's own adoption note. */
START_TEST(t15_adoptions){
  Minutes m;
  read_doc(DOC("# Verslag BO Wonen 14 januari 2025",
               "Datum: dinsdag 14 januari 2025",
               "Het verslag van 12 maart wordt ongewijzigd vastgesteld.",
               "Het verslag van 3 december 2024 wordt met inachtneming van de opmerking "
               "van Soest vastgesteld.",
               "De notulen van 14-02-2024 worden vastgesteld met een tekstuele aanpassing op pagina 2.",
               "Het verslag van 6 januari wordt met dank aan de notulist vastgesteld.",
               "Het conceptverslag wordt vastgesteld.",
               "Het verslag wordt nog niet vastgesteld.",
               "Vaststellen verslag van 26 mei 2023",
               "Vastgesteld in de vergadering van 11 februari 2025."), "verslag", &m);
  ck_assert_str_eq(m.zDate, "2025-01-14");
  ck_assert_uint_eq(m.adoption.n, 5);
  ck_assert_str_eq(m.adoption.a[0].zDate, "2024-03-12");
  ck_assert_str_eq(m.adoption.a[0].zDateText, "12 maart");
  ck_assert_int_eq(m.adoption.a[0].bChanged, 0);
  ck_assert_str_eq(m.adoption.a[1].zDate, "2024-12-03");
  ck_assert_int_eq(m.adoption.a[1].bChanged, 1);
  ck_assert_str_eq(m.adoption.a[2].zDate, "2024-02-14");
  ck_assert_int_eq(m.adoption.a[2].bChanged, 1);
  ck_assert_str_eq(m.adoption.a[3].zDate, "2025-01-06");
  ck_assert_int_eq(m.adoption.a[3].bChanged, 0);
  ck_assert_str_eq(m.adoption.a[4].zDate, "");
  ck_assert_int_eq(m.bAdopted, 1);
  ck_assert_str_eq(m.zAdopted, "2025-02-11");
  ck_assert_uint_eq(m.decision.n, 0);
  minutes_free(&m);
}
END_TEST

/* 16. A document with nothing of the kind, an empty one and a NULL one. */
START_TEST(t16_empty){
  Minutes m;
  Err err = ERR_INIT;
  read_doc(DOC("# Memo", "De kosten worden verdeeld naar rato van het aantal inwoners.",
               "| Gemeente | Inwoners | Bijdrage |", "| Baarn | 25.000 | € 1.200 |"), 0, &m);
  ck_assert_uint_eq(m.att.n + m.item.n + m.decision.n + m.proposal.n + m.action.n
                    + m.commitment.n + m.adoption.n, 0);
  minutes_free(&m);
  Doc *d = calloc(1, sizeof *d);
  read_doc(d, "verslag", &m);
  minutes_free(&m);
  ck_assert_int_eq(minutes_read(0, 0, &m, &err), -1);
  ck_assert_str_eq(err.msg, "minutes: no document");
  minutes_free(&m);
  minutes_free(0);
}
END_TEST

/* 17. Pathological input stays bounded: the lists stop at MINUTES_MAX,
** a megabyte without a break is read once, thousands of headings and lines
** cost linear time. */
START_TEST(t17_pathological){
  Err err = ERR_INIT;
  Doc *d = calloc(1, sizeof *d);
  DocBuilder *b = docb_new(d, &gLim, &err);
  Buf t = BUF_INIT;
  for(int i=0; i<3000; i++){
    buf_reset(&t);
    buf_puts(&t, "Aanwezig: ");
    for(int k=0; k<4; k++) buf_appendf(&t, "%sA. Naam%c%c (Soest)", k ? ", " : "", 'a'+i%26, 'a'+k);
    buf_appendf(&t, "\nActie Soest: Punt %d uitwerken.\nBesluit: Het BO stemt in met %d.", i, i);
    docb_para_begin(b, BLOCK_PARAGRAPH, 0);
    docb_text(b, t.z, t.n);
    docb_para_end(b);
    docb_para_begin(b, BLOCK_HEADING, 2);
    buf_reset(&t);
    buf_appendf(&t, "%d. Punt", i%90+1);
    docb_text(b, t.z, t.n);
    docb_para_end(b);
  }
  buf_reset(&t);
  for(int i=0; i<200000; i++) buf_puts(&t, "Besluit.");
  docb_para_begin(b, BLOCK_PARAGRAPH, 0);
  docb_text(b, t.z, t.n);
  docb_para_end(b);
  buf_reset(&t);
  for(int i=0; i<100000; i++) buf_puts(&t, "(((( zegt ");
  docb_para_begin(b, BLOCK_LIST_ITEM, 1);
  docb_text(b, t.z, t.n);
  docb_para_end(b);
  docb_free(b);
  buf_release(&t);
  ck_assert(!err.set);
  Minutes m;
  read_doc(d, "verslag", &m);
  ck_assert_uint_eq(m.att.n, 26*4);            /* merged: 26 names x 4 */
  ck_assert_uint_eq(m.decision.n, 3000);
  ck_assert_uint_eq(m.action.n, 3000);
  ck_assert_uint_eq(m.item.n, 3000);
  minutes_free(&m);
}
END_TEST

/* 18. Details: nested list items belong to the decision above them and
** are no actions of their own; "namens"; who and when of an action line
** in parentheses; "Punt 3 ..." in a sentence is no item. */
START_TEST(t18_details){
  Minutes m;
  read_doc(DOC("Aanwezig: Eva Schouten (burgemeester Amersfoort, voorzitter), J. Jansen (namens Leusden)",
               "Punt 3 van de actielijst is afgerond.",
               "Besluiten:",
               "- Het BO stemt in met de visie, met dien verstande dat:",
               "-- de planning wordt aangepast;",
               "- Het BO neemt kennis van de monitor.",
               "## Acties",
               "- Notitie rondsturen (wie: BRA, wanneer: 1 mei 2025)",
               "-- eerst afstemmen met Soest",
               "- Cijfers aanleveren (Leusden, week 14)",
               "- Raad informeren (na het zomerreces)"), "verslag", &m);
  ck_assert_uint_eq(m.att.n, 2);
  assert_att(&m, 0, MINUTES_CHAIR, "Eva Schouten", "Amersfoort", "burgemeester");
  assert_att(&m, 1, MINUTES_PRESENT, "J. Jansen", "Leusden", "");
  ck_assert_uint_eq(m.item.n, 0);
  ck_assert_uint_eq(m.decision.n, 2);
  ck_assert_str_eq(m.decision.a[0].zText, "Het BO stemt in met de visie, met dien verstande "
                   "dat: de planning wordt aangepast;");
  ck_assert_uint_eq(m.action.n, 3);
  assert_action(&m, 0, "", "Notitie rondsturen", "BRA", "1 mei 2025", "");
  assert_action(&m, 1, "", "Cijfers aanleveren", "Leusden", "week 14", "");
  assert_action(&m, 2, "", "Raad informeren (na het zomerreces)", "", "", "");
  minutes_free(&m);
}
END_TEST

/* ------------------------------------------------------------ scoring */

/* Folded letters and digits of z (ASCII small; other bytes kept). */
static void norm(const char *z, Buf *out){
  buf_reset(out);
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( c>='A' && c<='Z' ) buf_putc(out, c+32);
    else if( (c>='a' && c<='z') || (c>='0' && c<='9') || c>=0x80 ) buf_putc(out, c);
  }
}

static int text_match(const char *zA, const char *zB){
  Buf a = BUF_INIT, b = BUF_INIT;
  norm(zA, &a);
  norm(zB, &b);
  int r = a.n>0 && b.n>0 && (strstr(a.z, b.z)!=0 || strstr(b.z, a.z)!=0);
  buf_release(&a);
  buf_release(&b);
  return r;
}

/* "initial:surname" of a name as written ("A. de Vries", "Anne de Vries",
** "de Vries"), small letters. */
static void name_key(const char *zName, Buf *out){
  char zCopy[256];
  snprintf(zCopy, sizeof zCopy, "%s", zName);
  char *azTok[16];
  int nTok = 0;
  for(char *z = strtok(zCopy, " "); z && nTok<16; z = strtok(0, " ")) azTok[nTok++] = z;
  int i = 0;
  char cInitial = 0;
  while( i<nTok-1 && strchr(azTok[i], '.') ){       /* "A." "G.J." */
    if( !cInitial ) cInitial = azTok[i][0];
    i++;
  }
  if( i==0 && nTok>=2 && azTok[0][0]>='A' && azTok[0][0]<='Z' ){
    cInitial = azTok[0][0];
    i = 1;
  }
  buf_reset(out);
  if( cInitial>='A' && cInitial<='Z' ) cInitial += 32;
  buf_putc(out, cInitial ? cInitial : '?');
  buf_putc(out, ':');
  for(; i<nTok; i++){
    for(const char *z=azTok[i]; *z; z++){
      buf_putc(out, *z>='A' && *z<='Z' ? *z+32 : *z);
    }
  }
}

static int name_match(const char *zFound, const char *zWant){
  Buf a = BUF_INIT, b = BUF_INIT;
  name_key(zFound, &a);
  name_key(zWant, &b);
  const char *zA = strchr(a.z, ':'), *zB = strchr(b.z, ':');
  int r = strcmp(zA, zB)==0 && (a.z[0]=='?' || b.z[0]=='?' || a.z[0]==b.z[0]);
  buf_release(&a);
  buf_release(&b);
  return r;
}

typedef struct Tally { long nFound, nWant, nHit; } Tally;

typedef struct Score {
  Tally dec, prop, act, att;
  long nChairWant, nChairHit;
  long nFile, nKindMismatch;
  int bVerbose;
  Buf misses;                /* one line per miss */
} Score;

/* Counts one-to-one matches between nFound found and nWant wanted things
** (greedy, in order) with xMatch(pCtx, iFound, iWant); lists the misses. */
static void tally(Tally *t, Score *sc, const char *zFile, const char *zWhat,
                  int nFound, int nWant,
                  int (*xMatch)(void*, int, int), void *pCtx,
                  const char *(*xFound)(void*, int), const char *(*xWant)(void*, int)){
  char *aUsed = calloc((size_t)nWant + 1, 1);
  char *aHit = calloc((size_t)nFound + 1, 1);
  for(int i=0; i<nFound; i++){
    for(int j=0; j<nWant; j++){
      if( aUsed[j] || !xMatch(pCtx, i, j) ) continue;
      aUsed[j] = aHit[i] = 1;
      t->nHit++;
      break;
    }
  }
  for(int i=0; i<nFound; i++){
    if( !aHit[i] ) buf_appendf(&sc->misses, "%s: extra %s: %s\n", zFile, zWhat, xFound(pCtx, i));
  }
  for(int j=0; j<nWant; j++){
    if( !aUsed[j] ) buf_appendf(&sc->misses, "%s: missed %s: %s\n", zFile, zWhat, xWant(pCtx, j));
  }
  t->nFound += nFound;
  t->nWant += nWant;
  free(aUsed);
  free(aHit);
}

/* What the matchers compare: one document's findings and its manifest. */
typedef struct Pair {
  const Minutes *m;
  json_t *aWantDec, *aWantProp, *aWantAct, *aWantAtt;   /* arrays */
  int bProp;
} Pair;

static const char *jstr(json_t *o, const char *zKey){
  const char *z = json_string_value(json_object_get(o, zKey));
  return z ? z : "";
}

static int match_dec(void *p, int i, int j){
  Pair *x = p;
  const MinutesDecision *d = x->bProp ? &x->m->proposal.a[i] : &x->m->decision.a[i];
  json_t *w = json_array_get(x->bProp ? x->aWantProp : x->aWantDec, (size_t)j);
  return text_match(d->zText, jstr(w, "text"));
}
static const char *found_dec(void *p, int i){
  Pair *x = p;
  return x->bProp ? x->m->proposal.a[i].zText : x->m->decision.a[i].zText;
}
static const char *want_dec(void *p, int j){
  Pair *x = p;
  return jstr(json_array_get(x->bProp ? x->aWantProp : x->aWantDec, (size_t)j), "text");
}

static int match_act(void *p, int i, int j){
  Pair *x = p;
  const MinutesAction *a = &x->m->action.a[i];
  json_t *w = json_array_get(x->aWantAct, (size_t)j);
  if( a->zNr[0] && jstr(w, "nr")[0] && strcmp(a->zNr, jstr(w, "nr"))!=0 ) return 0;
  return text_match(a->zText, jstr(w, "actie"));
}
static const char *found_act(void *p, int i){ return ((Pair*)p)->m->action.a[i].zText; }
static const char *want_act(void *p, int j){
  return jstr(json_array_get(((Pair*)p)->aWantAct, (size_t)j), "actie");
}

static int match_att(void *p, int i, int j){
  Pair *x = p;
  const MinutesAttendee *a = &x->m->att.a[i];
  json_t *w = json_array_get(x->aWantAtt, (size_t)j);
  int bAbsent = json_is_true(json_object_get(w, "_absent"));
  return (a->role==MINUTES_ABSENT)==bAbsent && name_match(a->zName, jstr(w, "name"));
}
static const char *found_att(void *p, int i){ return ((Pair*)p)->m->att.a[i].zName; }
static const char *want_att(void *p, int j){
  return jstr(json_array_get(((Pair*)p)->aWantAtt, (size_t)j), "name");
}

/* Scores one file of a manifest: the kind given to minutes_read is what
** infer_document reads from the file, as the archive's import does. */
static void score_file(Score *sc, const char *zDir, json_t *rec){
  const char *zPath = jstr(rec, "path"), *zKind = jstr(rec, "kind");
  char zFile[4096];
  snprintf(zFile, sizeof zFile, "%s/%s", zDir, zPath);
  Doc *d = 0;
  Err err = ERR_INIT;
  if( extract_file(zFile, &gLim, &d, &err) ){
    buf_appendf(&sc->misses, "%s: cannot read: %s\n", zPath, err.msg);
    return;
  }
  Inferred inf;
  infer_document(d, zFile, 0, 0, &inf);
  if( strcmp(inf.zKind, zKind)!=0 ) sc->nKindMismatch++;
  Minutes m;
  minutes_read(d, inf.zKind, &m, &err);
  doc_free(d);
  sc->nFile++;

  Pair x;
  memset(&x, 0, sizeof x);
  x.m = &m;
  x.aWantDec = json_array();
  x.aWantProp = json_array();
  x.aWantAct = json_incref(json_object_get(rec, "actions"));
  x.aWantAtt = json_array();
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(rec, "decisions"), i, v){
    int bProp = strcmp(jstr(v, "status"), "voorgesteld")==0;
    json_array_append(bProp ? x.aWantProp : x.aWantDec, v);
  }
  /* attendance is written in minutes and decision lists only; the
  ** manifest lists the meeting's attendees for other kinds too */
  if( strcmp(zKind, "verslag")==0 || strcmp(zKind, "besluitenlijst")==0 ){
    json_array_foreach(json_object_get(rec, "attendees"), i, v){
      json_array_append(x.aWantAtt, v);
      if( json_is_true(json_object_get(v, "chair")) ){
        sc->nChairWant++;
        for(size_t k=0; k<m.att.n; k++){
          if( m.att.a[k].role==MINUTES_CHAIR && name_match(m.att.a[k].zName, jstr(v, "name")) ){
            sc->nChairHit++;
            break;
          }
          if( k+1==m.att.n ){
            buf_appendf(&sc->misses, "%s: chair not marked: %s\n", zPath, jstr(v, "name"));
          }
        }
      }
    }
    json_array_foreach(json_object_get(rec, "absent"), i, v){
      json_t *c = json_deep_copy(v);
      json_object_set_new(c, "_absent", json_true());
      json_array_append_new(x.aWantAtt, c);
    }
  }
  tally(&sc->dec, sc, zPath, "decision", (int)m.decision.n, (int)json_array_size(x.aWantDec),
        match_dec, &x, found_dec, want_dec);
  x.bProp = 1;
  tally(&sc->prop, sc, zPath, "proposal", (int)m.proposal.n, (int)json_array_size(x.aWantProp),
        match_dec, &x, found_dec, want_dec);
  tally(&sc->act, sc, zPath, "action", (int)m.action.n, (int)json_array_size(x.aWantAct),
        match_act, &x, found_act, want_act);
  tally(&sc->att, sc, zPath, "attendee", (int)m.att.n, (int)json_array_size(x.aWantAtt),
        match_att, &x, found_att, want_att);
  json_decref(x.aWantDec);
  json_decref(x.aWantProp);
  json_decref(x.aWantAct);
  json_decref(x.aWantAtt);
  minutes_free(&m);
}

/* Scores every file of zDir/manifest.jsonl.  Returns the number of files
** scored, -1 when the manifest cannot be read. */
static long score_dir(Score *sc, const char *zDir){
  char zManifest[4096];
  snprintf(zManifest, sizeof zManifest, "%s/manifest.jsonl", zDir);
  FILE *f = fopen(zManifest, "r");
  if( f==0 ) return -1;
  char *zLine = 0;
  size_t nLine = 0;
  while( getline(&zLine, &nLine, f)>0 ){
    json_error_t je;
    json_t *rec = json_loads(zLine, 0, &je);
    if( rec==0 ) continue;
    score_file(sc, zDir, rec);
    json_decref(rec);
  }
  free(zLine);
  fclose(f);
  return sc->nFile;
}

static double precision(const Tally *t){ return t->nFound ? (double)t->nHit/(double)t->nFound : 1.0; }
static double recall(const Tally *t){ return t->nWant ? (double)t->nHit/(double)t->nWant : 1.0; }

static void score_print(const Score *sc, const char *zName){
  const struct { const char *z; const Tally *t; } a[] = {
    { "decisions", &sc->dec }, { "proposals", &sc->prop }, { "actions", &sc->act },
    { "attendees", &sc->att },
  };
  printf("minutes on %s: %ld files (%ld with another inferred kind)\n", zName,
         sc->nFile, sc->nKindMismatch);
  for(int i=0; i<4; i++){
    printf("  %-10s found %5ld  expected %5ld  matched %5ld  precision %.4f  recall %.4f\n",
           a[i].z, a[i].t->nFound, a[i].t->nWant, a[i].t->nHit, precision(a[i].t), recall(a[i].t));
  }
  printf("  chairs     %ld of %ld\n", sc->nChairHit, sc->nChairWant);
  if( sc->bVerbose ) fputs(sc->misses.z, stdout);
}

/* ------------------------------------------------------------ part 2 */

#define MINUTES_DIR "tests/fixtures/minutes/"

static void read_file(const char *zName, const char *zKind, Minutes *m){
  Doc *d = 0;
  Err err = ERR_INIT;
  char zPath[512];
  snprintf(zPath, sizeof zPath, MINUTES_DIR "%s", zName);
  ck_assert_msg(extract_file(zPath, &gLim, &d, &err)==0, "%s: %s", zPath, err.msg);
  read_doc(d, zKind, m);
}

/* 20. Word-style minutes made by LibreOffice, as ODT and as DOCX: the
** headings are numbered by the outline style, so the items have no number
** in the text; chair and minute-taker come from a label table and merge
** with their rows in the attendance table; the action table has its
** columns in another order and comes after the items. */
START_TEST(t20_lo_word_style){
  static const char *const azFile[] = { "lo-verslag-genummerd.odt", "lo-verslag-genummerd.docx" };
  for(int f=0; f<2; f++){
    Minutes m;
    read_file(azFile[f], "verslag", &m);
    ck_assert_str_eq(m.zDate, "2024-10-09");
    ck_assert_uint_eq(m.att.n, 7);
    assert_att(&m, 0, MINUTES_CHAIR, "Anne-Marie Boukhari", "Baarn", "wethouder");
    assert_att(&m, 1, MINUTES_TAKER, "Lieke Klein Goldewijk", "BRA", "notulist");
    assert_att(&m, 4, MINUTES_PRESENT, "Piet Post", "FBK", "directeur");
    assert_att(&m, 5, MINUTES_ABSENT, "E. Çelik", "Nijkerk", "");
    ck_assert_uint_eq(m.item.n, 6);
    assert_item(&m, 2, "3", 0, "Werklocaties en bedrijventerreinen", 9, 14);
    assert_item(&m, 5, "6", 0, "Sluiting", 21, 23);
    ck_assert_uint_eq(m.decision.n, 4);
    assert_decision(&m.decision.a[0], "Na een korte discussie stemt het BO in met de regionale "
                    "behoefteraming bedrijventerreinen 2024-2030.", "", 2, 11, -1);
    assert_decision(&m.decision.a[1], "het BO vraagt het BRA de planning voor de herstructurering "
                    "na te leveren.", "Conclusie", 2, 12, -1);
    assert_decision(&m.decision.a[3], "Het BO geeft het BRA opdracht de uitvoeringsagenda uit te "
                    "werken.", "Besluiten", 3, 17, -1);
    ck_assert_uint_eq(m.action.n, 3);
    assert_action(&m, 2, "24.05.2", "Herstructureringsplanning actualiseren", "AO Economie",
                  "eind 2024", "lopend");
    ck_assert_int_eq(m.action.a[0].iItem, -1);
    ck_assert_uint_eq(m.commitment.n, 1);
    ck_assert_str_eq(m.commitment.a[0].zWho, "Wethouder Huisman");
    ck_assert_uint_eq(m.adoption.n, 1);
    ck_assert_str_eq(m.adoption.a[0].zDate, "2024-09-04");
    ck_assert_str_eq(m.zAdopted, "2024-11-20");
    minutes_free(&m);
  }
}
END_TEST

/* 21. An agenda made by LibreOffice: a numbered list is the agenda; its
** proposals are no decisions. */
START_TEST(t21_lo_agenda){
  static const char *const azFile[] = { "lo-agenda-lijst.odt", "lo-agenda-lijst.docx" };
  for(int f=0; f<2; f++){
    Minutes m;
    read_file(azFile[f], "agenda", &m);
    ck_assert_uint_eq(m.item.n, 5);
    assert_item(&m, 1, "2", 0, "Vaststellen verslag van 4 oktober 2024", 4, 5);
    ck_assert_uint_eq(m.decision.n + m.adoption.n + m.att.n, 0);
    ck_assert_uint_eq(m.proposal.n, 2);
    ck_assert_str_eq(m.proposal.a[0].zText, "Het BO stelt de regionale woonvisie 2025-2030 vast.");
    ck_assert_str_eq(m.proposal.a[0].zLabel, "Voorgesteld besluit");
    minutes_free(&m);
  }
}
END_TEST

/* 22. Heading-based minutes written by pandoc: typed numbers ("3a."),
** bold labels on lines of one paragraph, a line action that the action
** table repeats, a deferral that is no decision. */
START_TEST(t22_pandoc_headings){
  Minutes m;
  read_file("pandoc-verslag-koppen.docx", "verslag", &m);
  ck_assert_uint_eq(m.att.n, 6);
  assert_att(&m, 0, MINUTES_CHAIR, "Zoë Öztürk", "Amersfoort", "wethouder");
  assert_att(&m, 1, MINUTES_TAKER, "Marjolein van Beek", "BRA", "notulist");
  assert_att(&m, 2, MINUTES_PRESENT, "Bakker", "Soest", "wethouder");
  assert_att(&m, 4, MINUTES_ABSENT, "A. Jansen", "Baarn", "");
  assert_att(&m, 5, MINUTES_GUEST, "P. Post", "Provincie Utrecht", "");
  ck_assert_uint_eq(m.item.n, 5);
  assert_item(&m, 3, "3a", 1, "Fietsroutes", 11, 14);
  ck_assert_uint_eq(m.decision.n, 2);
  assert_decision(&m.decision.a[0], "Het BO stemt in met de regionale mobiliteitsvisie.",
                  "Besluit", 2, 9, -1);
  assert_decision(&m.decision.a[1], "Besloten wordt de fietsroute Amersfoort–Soest als eerste "
                  "uit te werken.", "", 3, 13, -1);
  ck_assert_uint_eq(m.action.n, 2);
  assert_action(&m, 0, "24.02.1", "Verkeerscijfers aanleveren", "Soest", "Q2 2024", "");
  ck_assert_uint_eq(m.commitment.n, 1);
  ck_assert_str_eq(m.commitment.a[0].zWho, "het BRA");
  ck_assert_uint_eq(m.adoption.n, 1);
  ck_assert_str_eq(m.adoption.a[0].zDate, "2024-02-08");
  ck_assert_int_eq(m.adoption.a[0].bChanged, 1);
  minutes_free(&m);
}
END_TEST

/* 23. A besluitenlijst that is one table, by pandoc as DOCX and ODT: a
** cell with two decisions, a passive decision, an adoption without date,
** "–" and "geen besluit". */
START_TEST(t23_pandoc_table){
  static const char *const azFile[] = {
    "pandoc-besluitenlijst-tabel.docx", "pandoc-besluitenlijst-tabel.odt",
  };
  for(int f=0; f<2; f++){
    Minutes m;
    read_file(azFile[f], "besluitenlijst", &m);
    ck_assert_uint_eq(m.item.n, 5);
    ck_assert_str_eq(m.item.a[2].zTitle, "Regionale energiestrategie");
    ck_assert_uint_eq(m.decision.n, 3);
    assert_decision(&m.decision.a[0], "Het BORA stemt in met de RES 2.0.", "Besluit", 2, 2, 3);
    assert_decision(&m.decision.a[1], "Het BORA neemt kennis van de voortgangsrapportage.",
                    "Besluit", 2, 2, 3);
    assert_decision(&m.decision.a[2], "De begroting 2025 wordt met algemene stemmen aangenomen.",
                    "Besluit", 4, 2, 5);
    ck_assert_uint_eq(m.adoption.n, 1);
    ck_assert_str_eq(m.adoption.a[0].zDate, "");
    ck_assert_int_eq(m.adoption.a[0].iItem, 1);
    minutes_free(&m);
  }
}
END_TEST

/* 24. Minutes that take no decision: none is invented. */
START_TEST(t24_pandoc_no_decisions){
  Minutes m;
  read_file("pandoc-geen-besluiten.docx", "verslag", &m);
  ck_assert_uint_eq(m.att.n, 2);
  ck_assert_uint_eq(m.item.n, 3);
  ck_assert_uint_eq(m.decision.n + m.proposal.n + m.action.n + m.adoption.n, 0);
  minutes_free(&m);
}
END_TEST

/* ------------------------------------------------------------ part 3 */

#define SAMPLE_DIR "tests/fixtures/sample"

/* 30. The sample corpus against its manifest: each figure >= 0.95. */
START_TEST(t30_sample_scores){
  Score sc;
  memset(&sc, 0, sizeof sc);
  buf_init(&sc.misses);
  const char *zV = getenv("MINUTES_VERBOSE");
  sc.bVerbose = zV && zV[0]=='1';
  ck_assert_int_eq(score_dir(&sc, SAMPLE_DIR), 40);
  score_print(&sc, SAMPLE_DIR);
  const Tally *a[] = { &sc.dec, &sc.act, &sc.att };
  for(int i=0; i<3; i++){
    ck_assert_msg(precision(a[i])>=0.95 && recall(a[i])>=0.95, "%s", sc.misses.z);
  }
  buf_release(&sc.misses);
}
END_TEST

Suite *suite_minutes(void){
  Suite *s = suite_create("minutes");
  TCase *tc = tcase_create("constructs");
  tcase_add_test(tc, t01_present_paragraph);
  tcase_add_test(tc, t02_labels);
  tcase_add_test(tc, t03_present_layouts);
  tcase_add_test(tc, t04_not_persons);
  tcase_add_test(tc, t05_items_numbered);
  tcase_add_test(tc, t06_items_other);
  tcase_add_test(tc, t07_decision_labels);
  tcase_add_test(tc, t08_decision_sentences);
  tcase_add_test(tc, t09_decision_table);
  tcase_add_test(tc, t10_no_decisions);
  tcase_add_test(tc, t11_proposals);
  tcase_add_test(tc, t12_action_lines);
  tcase_add_test(tc, t13_action_table);
  tcase_add_test(tc, t14_commitments);
  tcase_add_test(tc, t15_adoptions);
  tcase_add_test(tc, t16_empty);
  tcase_add_test(tc, t17_pathological);
  tcase_add_test(tc, t18_details);
  suite_add_tcase(s, tc);
  TCase *tc2 = tcase_create("office");
  tcase_add_test(tc2, t20_lo_word_style);
  tcase_add_test(tc2, t21_lo_agenda);
  tcase_add_test(tc2, t22_pandoc_headings);
  tcase_add_test(tc2, t23_pandoc_table);
  tcase_add_test(tc2, t24_pandoc_no_decisions);
  suite_add_tcase(s, tc2);
  TCase *tc3 = tcase_create("sample");
  tcase_set_timeout(tc3, 60);
  tcase_add_test(tc3, t30_sample_scores);
  suite_add_tcase(s, tc3);
  return s;
}
