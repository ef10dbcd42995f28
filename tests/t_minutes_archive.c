/*
** t_minutes_archive.c — what minutes say, stored by the import: agenda
** items, attendance matched to the organisation's persons, decisions on
** their passages (kind 'decision'), action items, adoptions that make
** earlier minutes vastgesteld (also when those arrive later), and the AO
** meeting -> BO meeting links, checked against the sample's manifest.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correct.h"
#include "hostile.h"
#include "import.h"
#include "testutil.h"

#define SAMPLE "tests/fixtures/sample"

/* Imports zDir with inferred metadata; returns import_run's result (1
** when some files were not documents: the manifest, the .txt files). */
static int import_dir(TuArch *a, const char *zDir){
  ImportOpts o;
  memset(&o, 0, sizeof o);
  o.nThread = 2;
  ImportStats st;
  Err err = ERR_INIT;
  char *az[] = { (char*)zDir };
  int rc = import_run(a->s, az, 1, &o, 0, 0, &st, &err);
  ck_assert_msg(rc>=0, "import: %s", err.msg);
  return rc;
}

static void arch_org(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
}

static long long doc_id(TuArch *a, const char *zName){
  return tu_q_int(a->db, "SELECT id FROM document WHERE original_name=?1", zName);
}

static const char *kind_of(TuArch *a, long long iDoc){
  char z[32];
  snprintf(z, sizeof z, "%lld", iDoc);
  return tu_q_text(a->db, "SELECT kind FROM document WHERE id=?1", z);
}

static long long count_of(TuArch *a, const char *zSql, long long iDoc){
  char z[32];
  snprintf(z, sizeof z, "%lld", iDoc);
  return tu_q_int(a->db, zSql, z);
}

/* Rows of every table the minutes fill, as one string. */
static void row_counts(TuArch *a, char *z, size_t n){
  snprintf(z, n, "%lld %lld %lld %lld %lld %lld %lld %lld %lld",
    tu_q_int(a->db, "SELECT count(*) FROM document", 0),
    tu_q_int(a->db, "SELECT count(*) FROM agenda_item", 0),
    tu_q_int(a->db, "SELECT count(*) FROM attendance", 0),
    tu_q_int(a->db, "SELECT count(*) FROM decision", 0),
    tu_q_int(a->db, "SELECT count(*) FROM action_item", 0),
    tu_q_int(a->db, "SELECT count(*) FROM commitment", 0),
    tu_q_int(a->db, "SELECT count(*) FROM adoption", 0),
    tu_q_int(a->db, "SELECT count(*) FROM meeting_prepares", 0),
    tu_q_int(a->db, "SELECT count(*) FROM passage WHERE kind='decision'", 0));
}

/* 1. The sample: per document the decisions and actions of its manifest
** are stored; each decision on a 'decision' passage holding its text; the
** AO meetings linked to the first BO meeting of their topic on or after
** them; importing it again adds no row. */
START_TEST(t01_sample){
  TuArch a;
  arch_org(&a);
  import_dir(&a, SAMPLE);
  json_error_t je;
  FILE *f = fopen(SAMPLE "/manifest.jsonl", "r");
  ck_assert_ptr_nonnull(f);
  json_t *aDoc = json_array();
  json_t *j;
  while( (j = json_loadf(f, JSON_DISABLE_EOF_CHECK, &je))!=0 ) json_array_append_new(aDoc, j);
  fclose(f);
  ck_assert_int_eq((int)json_array_size(aDoc), 40);
  size_t i;
  json_t *m;
  int nMinutes = 0, nDecision = 0, nAction = 0, nLink = 0;
  json_array_foreach(aDoc, i, m){
    const char *zPath = json_string_value(json_object_get(m, "path"));
    const char *zBase = strrchr(zPath, '/') + 1;
    long long iDoc = doc_id(&a, zBase);
    ck_assert_msg(iDoc>0, "%s not stored", zBase);
    const char *zKind = kind_of(&a, iDoc);
    int bTaken = strcmp(zKind, "verslag")==0 || strcmp(zKind, "besluitenlijst")==0
              || strcmp(zKind, "actielijst")==0;
    if( !bTaken && strcmp(zKind, "agenda")!=0 && strcmp(zKind, "memo")!=0 ) continue;
    nMinutes++;
    long long nDec = count_of(&a, bTaken
        ? "SELECT count(*) FROM decision WHERE document_id=?1 AND proposed=0"
        : "SELECT count(*) FROM decision WHERE document_id=?1 AND proposed=1", iDoc);
    long long nAct = count_of(&a, "SELECT count(*) FROM action_item WHERE document_id=?1", iDoc);
    ck_assert_msg(nDec==(long long)json_array_size(json_object_get(m, "decisions")),
                  "%s: %lld decisions stored", zBase, nDec);
    ck_assert_msg(nAct==(long long)json_array_size(json_object_get(m, "actions")),
                  "%s: %lld actions stored", zBase, nAct);
    nDecision += (int)nDec;
    nAction += (int)nAct;
    /* minutes are concept unless adopted */
    if( bTaken ){
      const char *zStatus = tu_q_text(a.db, "SELECT status FROM document WHERE original_name=?1", zBase);
      ck_assert_msg(strcmp(zStatus, "concept")==0 || strcmp(zStatus, "vastgesteld")==0,
                    "%s: status %s", zBase, zStatus);
    }
    /* an AO meeting prepares the first BO meeting of its topic on or
    ** after it, as far as the sample has them */
    if( strcmp(json_string_value(json_object_get(m, "body")), "AO")==0 ){
      const char *zTopic = json_string_value(json_object_get(m, "topic"));
      const char *zDate = json_string_value(json_object_get(m, "meeting_date"));
      const char *zWant = 0;
      size_t k;
      json_t *n;
      json_array_foreach(aDoc, k, n){
        const char *zB = json_string_value(json_object_get(n, "body"));
        const char *zT = json_string_value(json_object_get(n, "topic"));
        const char *zD = json_string_value(json_object_get(n, "meeting_date"));
        if( strcmp(zB, "BO")==0 && zT && strcmp(zT, zTopic)==0 && strcmp(zD, zDate)>=0
         && (zWant==0 || strcmp(zD, zWant)<0) ) zWant = zD;
      }
      const char *zGot = count_of(&a, "SELECT count(*) FROM meeting_prepares mp JOIN document d"
                                  " ON d.meeting_id=mp.ao_meeting_id WHERE d.id=?1", iDoc)
        ? tu_q_text(a.db, "SELECT m.date FROM meeting_prepares mp JOIN document d"
                    " ON d.meeting_id=mp.ao_meeting_id JOIN meeting m ON m.id=mp.bo_meeting_id"
                    " WHERE d.original_name=?1", zBase) : "none";
      ck_assert_msg(strcmp(zGot, zWant ? zWant : "none")==0, "%s: prepares %s, not %s",
                    zBase, zGot, zWant ? zWant : "none");
      nLink += zWant!=0;
    }
  }
  ck_assert_int_eq(nMinutes, 40);
  ck_assert_int_eq(nDecision, 76);
  ck_assert_int_eq(nAction, 97);
  ck_assert_int_eq(nLink, 6);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting_prepares", 0), nLink);
  /* every decision taken is on a decision passage that holds its text */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision d JOIN passage p"
    " ON p.id=d.passage_id WHERE d.proposed=0 AND p.kind='decision' AND p.document_id=d.document_id"
    " AND instr(replace(p.text, char(10), ' '), substr(d.text, 1, 40))>0", 0),
    tu_q_int(a.db, "SELECT count(*) FROM decision WHERE proposed=0", 0));
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision WHERE passage_id IS NULL", 0), 0);
  /* no passage is a decision without one */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM passage p WHERE kind='decision'"
    " AND NOT EXISTS(SELECT 1 FROM decision d WHERE d.passage_id=p.id AND d.proposed=0)", 0), 0);
  /* actions keep their due dates where written as dates */
  ck_assert_str_eq(tu_q_text(a.db, "SELECT due_date FROM action_item WHERE nr='15.01.2'", 0),
                   "2015-04-06");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT due_date FROM action_item WHERE nr='15.01.3'", 0),
                   "2015-05-31");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT due_date FROM action_item WHERE nr='15.02.1'", 0),
                   "2015-07-28");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT coalesce(due_date, '-') FROM action_item WHERE nr='15.01.1'", 0),
                   "-");
  /* the same files again: duplicates, no row more */
  char zBefore[200], zAfter[200];
  row_counts(&a, zBefore, sizeof zBefore);
  import_dir(&a, SAMPLE);
  row_counts(&a, zAfter, sizeof zAfter);
  ck_assert_str_eq(zAfter, zBefore);
  json_decref(aDoc);
  tu_arch_free(&a);
}
END_TEST

/* 2. Attendees matched to the organisation's persons: by initial and
** surname within the organisation ("J. de Vries (Leusden)" is not the
** one of Soest), a full given name against an initial, accents folded, a
** bare surname only with its organisation; the rest left for review. */
START_TEST(t02_persons){
  TuArch a;
  arch_org(&a);
  import_dir(&a, "tests/fixtures/minutes");
  long long iLeusden = tu_q_int(a.db, "SELECT p.id FROM person p JOIN organisation o"
                                " ON o.id=p.organisation_id WHERE p.name='J. de Vries' AND o.name='Leusden'", 0);
  ck_assert_int_gt(iLeusden, 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT a.person_id FROM attendance a JOIN document d"
    " ON d.id=a.document_id WHERE d.original_name='pandoc-verslag-koppen.docx'"
    " AND a.name='J. de Vries'", 0), iLeusden);
  /* "wethouder Bakker (Soest)": the only Bakker is of Eemnes */
  ck_assert_str_eq(tu_q_text(a.db, "SELECT coalesce(a.person_id, 'NULL') FROM attendance a JOIN document d"
    " ON d.id=a.document_id WHERE d.original_name='pandoc-verslag-koppen.docx'"
    " AND a.name='Bakker'", 0), "NULL");
  HOSTILE_DOC(tu_path(a.zIn, "v.odt"), "# Verslag BO Wonen 12 maart 2024",
    "Aanwezig: Jan de Vries (Soest), Hermans (Amersfoort), \xc3\x89. Brinkman (Renswoude), "
    "Kees Jansen (Baarn)",
    "## 1. Opening", "De voorzitter opent de vergadering.");
  import_dir(&a, a.zIn);
  static const struct { const char *zName, *zPerson, *zOrg; } aCase[] = {
    { "Jan de Vries", "J. de Vries", "Soest" },
    { "Hermans", "A. Hermans", "Amersfoort" },
    { "\xc3\x89. Brinkman", "E. Brinkman", "Renswoude" },
    { "Kees Jansen", 0, 0 },          /* K. Jansen is of Amersfoort */
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    char zSql[300];
    snprintf(zSql, sizeof zSql, "SELECT coalesce((SELECT p.name || '/' || o.name FROM person p"
             " JOIN organisation o ON o.id=p.organisation_id WHERE p.id=a.person_id), 'NULL')"
             " FROM attendance a JOIN document d ON d.id=a.document_id"
             " WHERE d.original_name='v.odt' AND a.name=?1");
    char zWant[100];
    if( aCase[i].zPerson ) snprintf(zWant, sizeof zWant, "%s/%s", aCase[i].zPerson, aCase[i].zOrg);
    else snprintf(zWant, sizeof zWant, "NULL");
    ck_assert_str_eq(tu_q_text(a.db, zSql, aCase[i].zName), zWant);
  }
  tu_arch_free(&a);
}
END_TEST

/* Writes the minutes of BO Wonen of 12 March 2024 (adopted by those of 9
** April) into folder zDir: "12.odt" and "09.odt". */
static void write_pair(const char *zDir12, const char *zDir09){
  HOSTILE_DOC(tu_path(zDir12, "12.odt"), "# Verslag BO Wonen 12 maart 2024",
    "Aanwezig: J. de Vries (Leusden)",
    "## 1. Woningbouw", "Besluit: Het BO stemt in met het woningbouwprogramma.");
  HOSTILE_DOC(tu_path(zDir09, "09.odt"), "# Verslag BO Wonen 9 april 2024",
    "Aanwezig: J. de Vries (Leusden)",
    "## 1. Verslag vorige vergadering",
    "Het verslag van 12 maart wordt ongewijzigd vastgesteld.",
    "## 2. Rondvraag", "Er zijn geen vragen.");
}

static void check_adopted(TuArch *a){
  long long i12 = doc_id(a, "12.odt"), i09 = doc_id(a, "09.odt");
  ck_assert_int_gt(i12, 0);
  ck_assert_int_gt(i09, 0);
  ck_assert_str_eq(tu_q_text(a->db, "SELECT status FROM document WHERE original_name='12.odt'", 0),
                   "vastgesteld");
  ck_assert_str_eq(tu_q_text(a->db, "SELECT status FROM document WHERE original_name='09.odt'", 0),
                   "concept");
  ck_assert_int_eq(count_of(a, "SELECT count(*) FROM adoption WHERE document_id=?1", i09), 1);
  ck_assert_int_eq(count_of(a, "SELECT adopted_document_id FROM adoption WHERE document_id=?1", i09),
                   i12);
  ck_assert_str_eq(tu_q_text(a->db, "SELECT adopted_date FROM adoption", 0), "2024-03-12");
}

/* 3. An adoption makes the adopted minutes vastgesteld: stored before the
** adopting minutes, or after them (in a later import). */
START_TEST(t03_adoption){
  TuArch a;
  arch_org(&a);
  write_pair(a.zIn, a.zIn);
  import_dir(&a, a.zIn);
  check_adopted(&a);
  tu_arch_free(&a);

  arch_org(&a);
  char *zLater = strdup(tu_path(a.zDir, "later"));
  write_pair(zLater, a.zIn);
  import_dir(&a, a.zIn);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT coalesce(adopted_document_id, 'NULL') FROM adoption", 0),
                   "NULL");
  import_dir(&a, zLater);
  check_adopted(&a);
  free(zLater);
  tu_arch_free(&a);
}
END_TEST

/* 4. AO -> BO links as meetings arrive in any order: a BO meeting stored
** later between an AO meeting and the BO meeting it was linked to takes
** the link over; the catalog reads the links. */
START_TEST(t04_links){
  TuArch a;
  arch_org(&a);
  HOSTILE_DOC(tu_path(a.zIn, "ao.odt"), "# Agenda AO Wonen 5 maart 2024", "1. Voorbereiding BO.");
  HOSTILE_DOC(tu_path(a.zIn, "bo2.odt"), "# Agenda BO Wonen 10 april 2024", "1. Opening");
  import_dir(&a, a.zIn);
  const char *zSql = "SELECT group_concat(ma.date || '>' || mb.date, ',') FROM meeting_prepares mp"
                     " JOIN meeting ma ON ma.id=mp.ao_meeting_id JOIN meeting mb ON mb.id=mp.bo_meeting_id";
  ck_assert_str_eq(tu_q_text(a.db, zSql, 0), "2024-03-05>2024-04-10");
  char *zMore = strdup(tu_path(a.zDir, "more"));
  HOSTILE_DOC(tu_path(zMore, "bo1.odt"), "# Agenda BO Wonen 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(zMore, "ao2.odt"), "# Agenda AO Wonen 2 april 2024", "1. Opening");
  HOSTILE_DOC(tu_path(zMore, "ao3.odt"), "# Agenda AO Wonen 1 mei 2024", "1. Opening");
  import_dir(&a, zMore);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(x, ',') FROM (SELECT ma.date || '>' || mb.date AS x"
                   " FROM meeting_prepares mp JOIN meeting ma ON ma.id=mp.ao_meeting_id"
                   " JOIN meeting mb ON mb.id=mp.bo_meeting_id ORDER BY ma.date)", 0),
                   "2024-03-05>2024-03-12,2024-04-02>2024-04-10");
  /* made again from scratch: the same */
  Err err = ERR_INIT;
  ck_assert_int_eq(import_link_meetings(a.db, 0, &err), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting_prepares", 0), 2);
  free(zMore);
  tu_arch_free(&a);
}
END_TEST

/* Minutes of BO Wonen on zDate (ISO) with action 24.1 of status zStatus
** into zDir/zName. */
static void write_actions(const char *zDir, const char *zName, const char *zTitle,
                          const char *zStatus){
  char zRow[200];
  snprintf(zRow, sizeof zRow, "| 24.1 | Woonzorgvisie opstellen | Leusden | %s |", zStatus);
  const char *azBlock[] = { zTitle, "Aanwezig: J. de Vries (Leusden)", "## 1. Actielijst",
                            "| Actienr | Omschrijving | Actiehouder | Status |", zRow };
  hostile_write_doc(tu_path(zDir, zName), azBlock, (int)(sizeof azBlock/sizeof azBlock[0]));
}

/* 5. An action is done in the later minutes whose status for it closes
** it, stored after the earlier minutes or before them; "niet gereed" and
** "deels afgerond" do not close it. */
START_TEST(t05_actions_done){
  static const struct { const char *zStatus; int bClosed; } aCase[] = {
    { "afgerond", 1 }, { "Gereed (zie verslag)", 1 }, { "vervallen", 1 },
    { "niet gereed", 0 }, { "deels afgerond", 0 }, { "open", 0 },
  };
  const char *zDone = "SELECT coalesce((SELECT d.original_name FROM action_item a"
                      " JOIN document d ON d.id=a.done_in"
                      " WHERE a.document_id=(SELECT id FROM document WHERE original_name='a.odt')),"
                      " 'NULL')";
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    for(int bLater=0; bLater<2; bLater++){
      TuArch a;
      arch_org(&a);
      char *zLater = strdup(tu_path(a.zDir, "later"));
      write_actions(a.zIn, "a.odt", "# Verslag BO Wonen 12 maart 2024", "open");
      write_actions(bLater ? zLater : a.zIn, "b.odt", "# Verslag BO Wonen 9 april 2024",
                    aCase[i].zStatus);
      if( bLater ){
        /* the closing minutes first, the earlier ones after them */
        import_dir(&a, zLater);
      }
      import_dir(&a, a.zIn);
      ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM action_item", 0), 2);
      ck_assert_msg(strcmp(tu_q_text(a.db, zDone, 0), aCase[i].bClosed ? "b.odt" : "NULL")==0,
                    "status \"%s\", %s: done in %s", aCase[i].zStatus,
                    bLater ? "closing minutes first" : "in order", tu_q_text(a.db, zDone, 0));
      free(zLater);
      tu_arch_free(&a);
    }
  }
}
END_TEST

static long long meeting_on(TuArch *a, const char *zDate){
  long long id = tu_q_int(a->db, "SELECT id FROM meeting WHERE date=?1", zDate);
  ck_assert_msg(id>0, "no meeting on %s", zDate);
  return id;
}

/* 6. Staff set which BO meeting an AO meeting prepares: a later BO
** meeting and a document naming another leave it; none; refusals (a BO
** meeting before the AO's, a meeting of another body, a meeting of no
** AO, an unknown one); back to automatic, where the document's word wins
** over the rule. */
START_TEST(t06_staff_prepares){
  TuArch a;
  arch_org(&a);
  HOSTILE_DOC(tu_path(a.zIn, "ao.odt"), "# Agenda AO Wonen 5 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "bo1.odt"), "# Agenda BO Wonen 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "bo2.odt"), "# Agenda BO Wonen 10 april 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "mob.odt"), "# Agenda BO Mobiliteit 20 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a.zIn, "old.odt"), "# Agenda BO Wonen 1 februari 2024", "1. Opening");
  import_dir(&a, a.zIn);
  ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-03-12:next");
  long long iAo = meeting_on(&a, "2024-03-05"), iBo2 = meeting_on(&a, "2024-04-10");
  Err err = ERR_INIT;
  ck_assert_int_eq(correct_meeting_prepares(a.db, iAo, iBo2, "staf", &err), CORRECT_OK);
  ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-04-10:staff");
  /* a BO meeting in between, and a document of the AO meeting naming the
  ** one of 12 March: staff's link stays */
  char *zMore = strdup(tu_path(a.zDir, "more"));
  HOSTILE_DOC(tu_path(zMore, "bo0.odt"), "# Agenda BO Wonen 8 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(zMore, "ao-memo.odt"), "# Memo AO Wonen 5 maart 2024",
              "Ter voorbereiding op het BO Wonen van 12 maart 2024.");
  import_dir(&a, zMore);
  ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-04-10:staff");
  ck_assert_int_eq(import_link_meetings(a.db, 0, &err), 0);
  ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-04-10:staff");
  /* none */
  ck_assert_int_eq(correct_meeting_prepares(a.db, iAo, 0, "staf", &err), CORRECT_OK);
  ck_assert_str_eq(tu_meeting_links(a.db), "");
  ck_assert_str_eq(tu_q_text(a.db, "SELECT prepares_by FROM meeting WHERE date='2024-03-05'", 0), "staf");
  /* refused */
  ck_assert_int_eq(correct_meeting_prepares(a.db, iAo, meeting_on(&a, "2024-02-01"), "staf", &err),
                   CORRECT_REFUSED);
  ck_assert_msg(strstr(err.msg, "on or after 2024-03-05")!=0, "%s", err.msg);
  err_clear(&err);
  ck_assert_int_eq(correct_meeting_prepares(a.db, iAo, meeting_on(&a, "2024-03-20"), "staf", &err),
                   CORRECT_REFUSED);
  err_clear(&err);
  ck_assert_int_eq(correct_meeting_prepares(a.db, iBo2, iAo, "staf", &err), CORRECT_REFUSED);
  ck_assert_msg(strstr(err.msg, "is not a meeting of an AO")!=0, "%s", err.msg);
  err_clear(&err);
  ck_assert_int_eq(correct_meeting_prepares(a.db, 999999, iBo2, "staf", &err), CORRECT_NOT_FOUND);
  err_clear(&err);
  ck_assert_str_eq(tu_meeting_links(a.db), "");
  /* automatic again: the memo's 12 March wins over the rule's 8 March */
  ck_assert_int_eq(correct_meeting_prepares(a.db, iAo, CORRECT_REF_TEXT, "staf", &err), CORRECT_OK);
  ck_assert_msg(!err.set, "%s", err.msg);
  ck_assert_str_eq(tu_meeting_links(a.db), "2024-03-05>2024-03-12:reference");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting WHERE prepares_by IS NOT NULL", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='meeting.prepares'"
                            " AND actor='staf'", 0), 2);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT detail FROM audit WHERE action='meeting.prepares_auto'", 0),
                   tu_q_text(a.db, "SELECT '{\"prepares\":[\"\",\"' || id || '\"]}' FROM meeting"
                             " WHERE date='2024-03-12'", 0));
  free(zMore);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_minutes_archive(void);
Suite *suite_minutes_archive(void){
  Suite *s = suite_create("minutes_archive");
  TCase *tc = tcase_create("minutes_archive");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, t01_sample);
  tcase_add_test(tc, t02_persons);
  tcase_add_test(tc, t03_adoption);
  tcase_add_test(tc, t04_links);
  tcase_add_test(tc, t05_actions_done);
  tcase_add_test(tc, t06_staff_prepares);
  suite_add_tcase(s, tc);
  return s;
}
