/*
** t_ratify.c — ratification per municipality (ratify.c, ratifycmd.c,
** pages_ratify.c, and its summary in timeline.c): on a small archive (the
** organisation of tests/fixtures/org-example.json and minutes of BO
** Wonen, AO Wonen, the BORA and BO Mobiliteit): which decisions need
** ratification (the rule and staff's override both ways), which
** municipalities (participation on the decision's date; the BORA's
** members, and the fallback), recording adopted, rejected and open with
** audit rows, the refusals, the matrix, the pages and the API with their
** roles and CSRF, the timeline's summary in JSON and CSV, and the
** commands through $OVERLEG when the binary knows them.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"
#include "import.h"
#include "pages.h"
#include "pages_ratify.h"
#include "pages_timeline.h"
#include "ratify.h"
#include "store.h"
#include "testutil.h"
#include "timeline.h"

Suite *suite_ratify(void);

#define AT(j, zKey) json_object_get(j, zKey)

/* A new archive: the organisation and five documents:
**   01 BO Wonen 10 maart 2021: a decision (needs ratification; Renswoude
**      not taking part then, Scherpenzeel since 2021) and taking note
**   02 AO Wonen 1 september 2023: advice (never needs it)
**   03 BO Wonen 14 september 2023: a decision (Renswoude back)
**   04 BORA 5 oktober 2023: a decision (the BORA's members)
**   05 BO Mobiliteit 10 januari 2023: a decision (Eemnes since 2022) */
static void arch_new(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
  HOSTILE_DOC(tu_path(a->zIn, "01.odt"), "# Verslag BO Wonen 10 maart 2021",
      "## 3 Woningbouwprogramma",
      "Besluit: Het BO stemt in met het regionale woningbouwprogramma.",
      "## 4 Voortgang",
      "Besluit: Het BO neemt kennis van de voortgangsrapportage.");
  HOSTILE_DOC(tu_path(a->zIn, "02.odt"), "# Verslag AO Wonen 1 september 2023",
      "## 2 Statushouders",
      "Advies: Het AO adviseert het BO in te stemmen met de verdeling van de taakstelling.");
  HOSTILE_DOC(tu_path(a->zIn, "03.odt"), "# Verslag BO Wonen 14 september 2023",
      "## 2 Statushouders",
      "Besluit: Het BO verdeelt de taakstelling over de gemeenten.");
  HOSTILE_DOC(tu_path(a->zIn, "04.odt"), "# Besluitenlijst BORA 5 oktober 2023",
      "Besluit 1: De regionale woonvisie wordt vastgesteld.");
  HOSTILE_DOC(tu_path(a->zIn, "05.odt"), "# Verslag BO Mobiliteit 10 januari 2023",
      "## 2 Fietsroutes", "Besloten wordt de snelfietsroute te verlengen.");
  tu_arch_import(a, 0);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM document", 0), 5);
  tu_exec(a->db, "UPDATE document SET topic_id=(SELECT id FROM topic WHERE name='Wonen')"
                 " WHERE original_name='04.odt'");
}

/* The id of the decision whose text has zLike (a LIKE pattern). */
static long long dec(sqlite3 *db, const char *zLike){
  long long id = tu_q_int(db, "SELECT id FROM decision WHERE text LIKE ?1 AND proposed=0", zLike);
  ck_assert_msg(id>0, "no decision like %s", zLike);
  return id;
}

#define D_WONEN(db) dec(db, "%woningbouwprogramma%")
#define D_NOTE(db) dec(db, "%kennis van%")
#define D_AO(db) dec(db, "%adviseert het BO%")
#define D_WONEN23(db) dec(db, "%taakstelling over%")
#define D_BORA(db) dec(db, "%woonvisie%")
#define D_MOB(db) dec(db, "%snelfietsroute%")

/* The ratification of decision id (ratify_status()), new. */
static json_t *status_of(sqlite3 *db, long long id){
  Err err = ERR_INIT;
  Ratify *p = ratify_open(db, &err);
  ck_assert_msg(p!=0, "%s", err.msg);
  json_t *s = ratify_status(p, id, &err);
  ratify_close(p);
  ck_assert_msg(s!=0, "%s", err.msg);
  return s;
}

/* The required municipalities of decision id, ","-joined. */
static const char *required(sqlite3 *db, long long id){
  static char z[1024];
  json_t *s = status_of(db, id);
  size_t i;
  json_t *m;
  z[0] = 0;
  json_array_foreach(AT(s, "municipalities"), i, m){
    if( !json_is_true(AT(m, "required")) ) continue;
    if( z[0] ) strcat(z, ",");
    strcat(z, json_string_value(AT(AT(m, "organisation"), "name")));
  }
  json_decref(s);
  return z;
}

static int needed(sqlite3 *db, long long id){
  json_t *s = status_of(db, id);
  int b = json_is_true(AT(s, "needed"));
  json_decref(s);
  return b;
}

/* The status of municipality zName for decision id. */
static const char *status_for(sqlite3 *db, long long id, const char *zName){
  static char z[64];
  json_t *s = status_of(db, id);
  size_t i;
  json_t *m;
  snprintf(z, sizeof z, "absent");
  json_array_foreach(AT(s, "municipalities"), i, m){
    if( strcmp(json_string_value(AT(AT(m, "organisation"), "name")), zName)==0 ){
      snprintf(z, sizeof z, "%s", json_string_value(AT(m, "status")));
    }
  }
  json_decref(s);
  return z;
}

/* 1. The rule: BO and BORA decisions need it; AO advice and taking note
** do not; staff's value wins both ways, and NULL gives it back. */
START_TEST(t01_rule){
  TuArch a;
  arch_new(&a);
  ck_assert(needed(a.db, D_WONEN(a.db)));
  ck_assert(needed(a.db, D_WONEN23(a.db)));
  ck_assert(needed(a.db, D_BORA(a.db)));
  ck_assert(needed(a.db, D_MOB(a.db)));
  ck_assert(!needed(a.db, D_NOTE(a.db)));
  ck_assert(!needed(a.db, D_AO(a.db)));
  json_t *s = status_of(a.db, D_WONEN(a.db));
  ck_assert_str_eq(tu_json_keys(s), "needed,reason,rule,ratify,municipalities,totals");
  ck_assert_str_eq(json_string_value(AT(s, "reason")), "rule");
  ck_assert(json_is_null(AT(s, "ratify")));
  json_decref(s);
  /* procedural sentences, by the rule's SQL alone */
  static const struct { const char *z; int b; } aCase[] = {
    { "Het BO stemt in met de agenda.", 0 },
    { "Het verslag van 12 maart 2024 wordt ongewijzigd vastgesteld.", 0 },
    { "Het BO besluit de besluitvorming over de nota aan te houden tot de volgende vergadering.", 0 },
    { "Het BO geeft het BRA opdracht de nota verder uit te werken.", 0 },
    { "Besloten wordt kennis te nemen van de nota.", 0 },
    { "Het BO stelt de woonagenda vast.", 1 },
    { "Het BO adviseert de colleges in te stemmen met de nota.", 1 },
    { "Het BO stemt in met de voorgestelde verdeelsleutel voor de Strategische Agenda.", 1 },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(a.db, "SELECT " RATIFY_RULE " FROM (SELECT 0 AS proposed,"
                     " 0 AS removed, ?1 AS text) x, (SELECT 'BO' AS kind) b", -1, &st, 0), SQLITE_OK);
    sqlite3_bind_text(st, 1, aCase[i].z, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_msg(sqlite3_column_int(st, 0)==aCase[i].b, "%s", aCase[i].z);
    sqlite3_finalize(st);
  }
  /* staff: not needed, needed, back to the rule; audited once each */
  Err err = ERR_INIT;
  long long idW = D_WONEN(a.db), idAo = D_AO(a.db);
  ck_assert_int_eq(ratify_set_needed(a.db, idW, 0, "els", &err), 0);
  ck_assert(!needed(a.db, idW));
  ck_assert_int_eq(ratify_set_needed(a.db, idAo, 1, "els", &err), 0);
  ck_assert(needed(a.db, idAo));
  /* the AO's topic: Wonen's participants on 1 September 2023 */
  ck_assert_msg(strstr(required(a.db, idAo), "Renswoude"), "%s", required(a.db, idAo));
  s = status_of(a.db, idAo);
  ck_assert_str_eq(json_string_value(AT(s, "reason")), "staff");
  ck_assert(json_is_true(AT(s, "ratify")) && json_is_false(AT(s, "rule")));
  json_decref(s);
  ck_assert_int_eq(ratify_set_needed(a.db, idW, -1, "els", &err), 0);
  ck_assert(needed(a.db, idW));
  ck_assert_int_eq(ratify_set_needed(a.db, idW, -1, "els", &err), 0);   /* no change */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='ratification.needed'",
                            0), 3);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT detail FROM audit WHERE action='ratification.needed'"
                             " ORDER BY id LIMIT 1", 0), "{\"ratify\":[null,false]}");
  ck_assert_int_eq(ratify_set_needed(a.db, 99999, 1, "els", &err), 404);
  tu_arch_free(&a);
}
END_TEST

/* 2. Participation on the decision's date: Renswoude (out in 2021, back
** in 2022) and Scherpenzeel (joined 2021); a partner never; one that
** joins after the decision is not required, one that left before not
** either. */
START_TEST(t02_participation){
  TuArch a;
  arch_new(&a);
  ck_assert_str_eq(required(a.db, D_WONEN(a.db)), "Amersfoort,Baarn,Barneveld,Bunschoten,Eemnes,"
                   "Leusden,Nijkerk,Scherpenzeel,Soest,Woudenberg");
  ck_assert_str_eq(required(a.db, D_WONEN23(a.db)), "Amersfoort,Baarn,Barneveld,Bunschoten,"
                   "Eemnes,Leusden,Nijkerk,Renswoude,Scherpenzeel,Soest,Woudenberg");
  ck_assert_str_eq(required(a.db, D_MOB(a.db)), "Amersfoort,Baarn,Eemnes,Leusden,Nijkerk,Soest,"
                   "Woudenberg");
  /* Soest leaves Mobiliteit the day before; Eemnes joins the day after */
  tu_exec(a.db, "UPDATE participation SET valid_to='2023-01-09' WHERE organisation_id="
                "(SELECT id FROM organisation WHERE name='Soest') AND topic_id="
                "(SELECT id FROM topic WHERE name='Mobiliteit');"
                "UPDATE participation SET valid_from='2023-01-11' WHERE organisation_id="
                "(SELECT id FROM organisation WHERE name='Eemnes') AND topic_id="
                "(SELECT id FROM topic WHERE name='Mobiliteit')");
  ck_assert_str_eq(required(a.db, D_MOB(a.db)), "Amersfoort,Baarn,Leusden,Nijkerk,Woudenberg");
  tu_arch_free(&a);
}
END_TEST

/* 3. A BORA decision: the gemeenten of the BORA's members then (not the
** secretary's and note-taker's roles twice, no partner); without members
** every gemeente taking part in a topic then. */
START_TEST(t03_bora){
  TuArch a;
  arch_new(&a);
  long long id = D_BORA(a.db);
  ck_assert_str_eq(required(a.db, id), "Amersfoort,Baarn,Barneveld,Bunschoten,Eemnes,Leusden,"
                   "Nijkerk,Renswoude,Scherpenzeel,Soest,Woudenberg");
  /* Woudenberg's member leaves before the decision */
  tu_exec(a.db, "UPDATE membership SET valid_to='2023-01-01' WHERE person_id="
                "(SELECT id FROM person WHERE name='T. van Beek')");
  ck_assert_msg(strstr(required(a.db, id), "Woudenberg")==0, "%s", required(a.db, id));
  /* no members at all: every gemeente in some topic on 5 October 2023 */
  tu_exec(a.db, "DELETE FROM membership WHERE body_id=(SELECT id FROM body WHERE kind='BORA')");
  ck_assert_str_eq(required(a.db, id), "Amersfoort,Baarn,Barneveld,Bunschoten,Eemnes,Leusden,"
                   "Nijkerk,Renswoude,Scherpenzeel,Soest,Woudenberg");
  tu_arch_free(&a);
}
END_TEST

/* 4. Adopted, rejected, open: a round trip, with an audit row each in the
** same transaction; the totals follow; overdue after six months. */
START_TEST(t04_record){
  TuArch a;
  arch_new(&a);
  long long id = D_WONEN(a.db);
  Err err = ERR_INIT;
  ck_assert_int_eq(ratify_record(a.db, id, "Soest", "adopted", "2021-04-20", 1, "raad 20 april",
                                 "els", &err), 0);
  ck_assert_int_eq(ratify_record(a.db, id, "baarn", "rejected", "2021-05-01", 0, 0, "els", &err), 0);
  ck_assert_str_eq(status_for(a.db, id, "Soest"), "adopted");
  ck_assert_str_eq(status_for(a.db, id, "Baarn"), "rejected");
  ck_assert_str_eq(status_for(a.db, id, "Leusden"), "open");
  json_t *s = status_of(a.db, id);
  ck_assert_str_eq(tu_json_dump(AT(s, "totals")),
                   "{\"needed\":10,\"adopted\":1,\"rejected\":1,\"open\":8}");
  json_t *m = 0;
  size_t i;
  json_t *x;
  json_array_foreach(AT(s, "municipalities"), i, x){
    if( strcmp(json_string_value(AT(AT(x, "organisation"), "name")), "Soest")==0 ) m = x;
  }
  ck_assert(m!=0);
  ck_assert_str_eq(tu_json_keys(m), "organisation,required,status,date,document,note,"
                   "recorded_at,recorded_by,overdue");
  ck_assert_str_eq(json_string_value(AT(m, "note")), "raad 20 april");
  ck_assert_str_eq(json_string_value(AT(m, "recorded_by")), "els");
  ck_assert_int_eq(json_integer_value(AT(AT(m, "document"), "id")), 1);
  ck_assert_str_eq(tu_json_keys(AT(m, "document")),
                   "id,title,original_name,date,kind,status,format,size");
  /* 2021 is more than six months ago: the open ones stand out */
  json_array_foreach(AT(s, "municipalities"), i, x){
    int bOpen = strcmp(json_string_value(AT(x, "status")), "open")==0;
    ck_assert(json_is_true(AT(x, "overdue"))==bOpen);
  }
  json_decref(s);
  /* changed, then open again (the row goes); open twice changes nothing */
  ck_assert_int_eq(ratify_record(a.db, id, "Soest", "rejected", "2021-04-21", 0, 0, "jan", &err), 0);
  ck_assert_str_eq(status_for(a.db, id, "Soest"), "rejected");
  ck_assert_int_eq(ratify_record(a.db, id, "Soest", "open", 0, 0, 0, "jan", &err), 0);
  ck_assert_int_eq(ratify_record(a.db, id, "Soest", "open", 0, 0, 0, "jan", &err), 0);
  ck_assert_str_eq(status_for(a.db, id, "Soest"), "open");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM ratification", 0), 1);
  char zObj[32];
  snprintf(zObj, sizeof zObj, "decision:%lld", id);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='ratification.record'"
                            " AND object=?1", zObj), 4);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT detail FROM audit WHERE action='ratification.record'"
                             " ORDER BY id DESC LIMIT 1", 0),
                   "{\"organisation\":\"Soest\",\"status\":\"open\",\"date\":null,"
                   "\"document\":null,\"note\":\"\",\"was\":\"rejected\"}");
  /* by id too */
  char zId[32];
  snprintf(zId, sizeof zId, "%lld", tu_q_int(a.db, "SELECT id FROM organisation WHERE name='Leusden'", 0));
  ck_assert_int_eq(ratify_record(a.db, id, zId, "adopted", "2021-03-10", 0, "", "els", &err), 0);
  ck_assert_str_eq(status_for(a.db, id, "Leusden"), "adopted");
  /* a recorded municipality that is no longer required stays visible */
  tu_exec(a.db, "DELETE FROM participation WHERE organisation_id=(SELECT id FROM organisation"
                " WHERE name='Leusden')");
  ck_assert_str_eq(status_for(a.db, id, "Leusden"), "adopted");
  ck_assert_msg(strstr(required(a.db, id), "Leusden")==0, "%s", required(a.db, id));
  tu_arch_free(&a);
}
END_TEST

/* 5. What is refused, each with one line, nothing written. */
START_TEST(t05_refused){
  TuArch a;
  arch_new(&a);
  long long id = D_WONEN(a.db);
  static const struct {
    const char *zOrg, *zStatus, *zDate; long long iDoc; int code; const char *zMsg;
  } aCase[] = {
    { "Renswoude", "adopted", "2021-04-01", 0, 422, "Renswoude is not required to ratify" },
    { "SWEV", "adopted", "2021-04-01", 0, 422, "SWEV is not required" },
    { "Leusdn", "adopted", "2021-04-01", 0, 422, "unknown municipality \"Leusdn\"" },
    { "Soest", "adopted", "2021-02-30", 0, 400, "bad date \"2021-02-30\"" },
    { "Soest", "adopted", "12-04-2021", 0, 400, "bad date" },
    { "Soest", "adopted", "", 0, 400, "a date is needed" },
    { "Soest", "adopted", "2999-01-01", 0, 422, "is in the future" },
    { "Soest", "adopted", "2021-03-09", 0, 422, "before the decision (2021-03-10)" },
    { "Soest", "adopted", "2021-04-01", 999, 422, "no document 999" },
    { "Soest", "maybe", "2021-04-01", 0, 400, "status must be adopted, rejected or open" },
    { "", "adopted", "2021-04-01", 0, 400, "no municipality" },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    Err err = ERR_INIT;
    int code = ratify_record(a.db, id, aCase[i].zOrg, aCase[i].zStatus, aCase[i].zDate,
                             aCase[i].iDoc, 0, "els", &err);
    ck_assert_msg(code==aCase[i].code && strstr(err.msg, aCase[i].zMsg), "%zu: %d %s", i, code,
                  err.msg);
  }
  Err err = ERR_INIT;
  ck_assert_int_eq(ratify_record(a.db, 99999, "Soest", "adopted", "2021-04-01", 0, 0, "els", &err),
                   404);
  ck_assert_str_eq(err.msg, "no decision 99999");
  err_clear(&err);
  ck_assert_int_eq(ratify_record(a.db, D_NOTE(a.db), "Soest", "adopted", "2021-04-01", 0, 0, "els",
                                 &err), 422);
  ck_assert_msg(strstr(err.msg, "does not need ratification"), "%s", err.msg);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM ratification", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action LIKE 'ratification%'",
                            0), 0);
  tu_arch_free(&a);
}
END_TEST

/* 6. The matrix: the decisions needing it, columns by name, cells, the
** filters, only open, totals; a bad filter. */
START_TEST(t06_matrix){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  RatifyFilter f;
  memset(&f, 0, sizeof f);
  json_t *j = ratify_matrix(a.db, &f, &err);
  ck_assert_msg(j!=0, "%s", err.msg);
  ck_assert_str_eq(tu_json_keys(j), "total,from,to,municipalities,decisions,totals");
  ck_assert_int_eq(json_integer_value(AT(j, "total")), 4);
  ck_assert_int_eq(json_array_size(AT(j, "municipalities")), 11);
  json_t *d = json_array_get(AT(j, "decisions"), 0);      /* newest: the BORA's */
  ck_assert_int_eq(json_integer_value(AT(d, "id")), D_BORA(a.db));
  ck_assert_int_eq(json_array_size(AT(d, "cells")), 11);
  ck_assert_str_eq(tu_json_keys(json_array_get(AT(d, "cells"), 0)),
                   "status,date,document_id,overdue");
  json_decref(j);
  ratify_record(a.db, D_MOB(a.db), "Soest", "adopted", "2023-02-01", 5, 0, "els", &err);
  f.zTopic = "mobiliteit";
  j = ratify_matrix(a.db, &f, &err);
  ck_assert_int_eq(json_integer_value(AT(j, "total")), 1);
  ck_assert_int_eq(json_array_size(AT(j, "municipalities")), 7);
  d = json_array_get(AT(j, "decisions"), 0);
  /* Amersfoort, Baarn, Eemnes, Leusden, Nijkerk, Soest, Woudenberg */
  json_t *c = json_array_get(AT(d, "cells"), 5);
  ck_assert_str_eq(tu_json_dump(c), "{\"status\":\"adopted\",\"date\":\"2023-02-01\","
                   "\"document_id\":5,\"overdue\":false}");
  ck_assert_str_eq(tu_json_dump(AT(j, "totals")),
                   "{\"needed\":7,\"adopted\":1,\"rejected\":0,\"open\":6}");
  json_decref(j);
  /* every municipality of Mobiliteit done: not "only open" any more */
  static const char *const azM[] = { "Amersfoort", "Baarn", "Eemnes", "Leusden", "Nijkerk",
                                     "Woudenberg", 0 };
  for(int i=0; azM[i]; i++){
    ck_assert_int_eq(ratify_record(a.db, D_MOB(a.db), azM[i], "adopted", "2023-02-01", 0, 0, "els",
                                   &err), 0);
  }
  f.bOpen = 1;
  j = ratify_matrix(a.db, &f, &err);
  ck_assert_int_eq(json_integer_value(AT(j, "total")), 0);
  json_decref(j);
  f.zTopic = 0;
  f.zBody = "BO";
  f.zFrom = "2023";
  j = ratify_matrix(a.db, &f, &err);
  ck_assert_int_eq(json_integer_value(AT(j, "total")), 1);    /* BO Wonen 2023 */
  json_decref(j);
  f.zBody = "BO Woonen";
  ck_assert(ratify_matrix(a.db, &f, &err)==0);
  ck_assert_msg(strstr(err.msg, "unknown body"), "%s", err.msg);
  err_clear(&err);
  f.zBody = 0;
  f.zTo = "2023-13";
  ck_assert(ratify_matrix(a.db, &f, &err)==0);
  ck_assert_msg(strstr(err.msg, "bad date \"2023-13\" for to"), "%s", err.msg);
  tu_arch_free(&a);
}
END_TEST

/* 7. The timeline: each decision with its summary in JSON and CSV. */
START_TEST(t07_timeline){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  ratify_record(a.db, D_WONEN(a.db), "Soest", "adopted", "2021-04-20", 0, 0, "els", &err);
  json_t *t = timeline_topic(a.db, tu_q_int(a.db, "SELECT id FROM topic WHERE name='Wonen'", 0),
                             "2021", "2021", &err);
  ck_assert_msg(t!=0, "%s", err.msg);
  json_t *e = json_array_get(AT(t, "entries"), 0);
  json_t *d0 = json_array_get(AT(e, "decisions"), 0), *d1 = json_array_get(AT(e, "decisions"), 1);
  ck_assert_str_eq(tu_json_dump(AT(d0, "ratification")),
                   "{\"needed\":true,\"required\":10,\"adopted\":1,\"rejected\":0,\"open\":"
                   "[\"Amersfoort\",\"Baarn\",\"Barneveld\",\"Bunschoten\",\"Eemnes\",\"Leusden\","
                   "\"Nijkerk\",\"Scherpenzeel\",\"Woudenberg\"]}");
  ck_assert_str_eq(tu_json_dump(AT(d1, "ratification")),
                   "{\"needed\":false,\"required\":0,\"adopted\":0,\"rejected\":0,\"open\":[]}");
  Buf csv = BUF_INIT;
  timeline_csv(t, &csv);
  ck_assert_msg(strstr(csv.z, ",passage_id,ratification,ratified,ratification_open\r\n"), "%s", csv.z);
  ck_assert_msg(strstr(csv.z, ",needed,1/10,Amersfoort; Baarn; Barneveld;"), "%s", csv.z);
  ck_assert_msg(strstr(csv.z, ",not needed,,\r\n"), "%s", csv.z);
  buf_release(&csv);
  json_decref(t);
  tu_arch_free(&a);
}
END_TEST

/* ------------------------------------------------------------ the server */

enum { LEZER, STAFF, AUDITOR };   /* the auditor: made by the test that needs one */

static void web_start(TuWeb *w){
  static const HttpRoute *const aaRoute[] = {
    ratify_routes, timeline_routes, api_routes, admin_routes, pages_routes, 0
  };
  memset(w, 0, sizeof *w);
  arch_new(&w->a);
  tu_web_user(w, LEZER, "lies", AUTH_LEZER, "een lang wachtwoord");
  tu_web_user(w, STAFF, "els", AUTH_MEDEWERKER, "een lang wachtwoord");
  tu_web_start(w, aaRoute, 0);
}

/* 8. The decision page and its forms: roles, CSRF, the redirect, errors
** on the page (422, 400), hostile text escaped, the needed control. */
START_TEST(t08_page){
  TuWeb w;
  web_start(&w);
  long long id = D_WONEN(w.a.db);
  char zPath[64], zLink[64];
  snprintf(zPath, sizeof zPath, "/besluit/%lld", id);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[LEZER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "woningbouwprogramma") && strstr(r.body.z, "<th scope=\"row\">Scherpenzeel")
                && strstr(r.body.z, "ja (besluit van een BO of het BORA)")
                && strstr(r.body.z, "langer dan 6 maanden open")
                && !strstr(r.body.z, "name=\"action\""), "%s", r.body.z);
  tu_resp_free(&r);
  snprintf(zLink, sizeof zLink, "href=\"/document/1#p%lld\"",
           tu_q_int(w.a.db, "SELECT passage_id FROM decision WHERE text LIKE '%woningbouw%'", 0));
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, zLink) && strstr(r.body.z, "name=\"action\" value=\"record\"")
                && strstr(r.body.z, "enctype=\"multipart/form-data\""), "%s", r.body.z);
  tu_resp_free(&r);
  /* a reader may not post; staff without CSRF neither */
  const char *azNoCsrf[] = { "action", "record", "organisation", "Soest", "status", "adopted",
                             "date", "2021-04-01", 0 };
  ck_assert_int_eq(tu_web_post(&w, LEZER, zPath, azNoCsrf, &r), 403);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azNoCsrf, &r), 403);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM ratification", 0), 0);
  /* recorded, with a hostile note */
  const char *zCsrf = tu_web_csrf(&w, STAFF);
  const char *azOk[] = { "csrf", zCsrf, "action", "record", "organisation", "Soest", "status",
                         "adopted", "date", "2021-04-01", "document", "1",
                         "note", "\"><script>alert(1)</script>", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azOk, &r), 303);
  ck_assert_msg(strstr(tu_resp_header(&r, "Location"), "?bericht=opgeslagen"), "%s",
                tu_resp_header(&r, "Location"));
  tu_resp_free(&r);
  char zMsg[96];
  snprintf(zMsg, sizeof zMsg, "%s?bericht=opgeslagen", zPath);
  ck_assert_int_eq(tu_web_get(&w, zMsg, w.azSession[LEZER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Opgeslagen.") && strstr(r.body.z, "&quot;&gt;&lt;script&gt;")
                && !strstr(r.body.z, "<script>alert") && strstr(r.body.z, "vastgesteld"),
                "%s", r.body.z);
  tu_resp_free(&r);
  /* refused: on the page with the reason */
  const char *azNo[] = { "csrf", zCsrf, "action", "record", "organisation", "Renswoude", "status",
                         "adopted", "date", "2021-04-01", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azNo, &r), 422);
  ck_assert_msg(strstr(r.body.z, "Renswoude hoeft besluit"), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azBad[] = { "csrf", zCsrf, "action", "record", "organisation", "Soest", "status",
                          "adopted", "date", "gisteren", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azBad, &r), 400);
  tu_resp_free(&r);
  const char *azDoc[] = { "csrf", zCsrf, "action", "record", "organisation", "Soest", "status",
                          "adopted", "date", "2021-04-01", "document", "12abc", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azDoc, &r), 400);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/besluit/99999", azOk, &r), 404);
  tu_resp_free(&r);
  /* needs ratification: no */
  const char *azNeed[] = { "csrf", zCsrf, "action", "needed", "ratify", "0", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azNeed, &r), 303);
  tu_resp_free(&r);
  ck_assert(!needed(w.a.db, id));
  const char *azNeedBad[] = { "csrf", zCsrf, "action", "needed", "ratify", "misschien", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azNeedBad, &r), 400);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/besluit/99999", w.azSession[LEZER], &r), 404);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/besluit/abc", w.azSession[LEZER], &r), 404);
  tu_resp_free(&r);
  tu_web_stop(&w);
}
END_TEST

/* 9. Uploading the municipality's decision: imported as /uploaden does,
** then linked. */
START_TEST(t09_upload){
  TuWeb w;
  web_start(&w);
  long long id = D_WONEN(w.a.db);
  char zPath[64];
  snprintf(zPath, sizeof zPath, "/besluit/%lld", id);
  HOSTILE_DOC(tu_path(w.a.zIn, "soest.odt"), "# Raadsbesluit Soest",
              "De raad stemt in met het regionale woningbouwprogramma.");
  const char *zCsrf = tu_web_csrf(&w, STAFF);
  const char *azField[] = { "csrf", zCsrf, "action", "upload", "kind", "other", "organisation",
                            "Soest", "status", "adopted", "date", "2021-04-02", 0 };
  const char *azFile[] = { "file", tu_path(w.a.zIn, "soest.odt"), "soest.odt", 0 };
  TuReq q;
  memset(&q, 0, sizeof q);
  q.zMethod = "POST";
  q.zSession = w.azSession[STAFF];
  q.azField = azField;
  q.azFile = azFile;
  TuResp r;
  tu_http(&r, w.zUrl, zPath, &q);
  ck_assert_msg(r.status==303, "%ld %s", r.status, r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM document", 0), 6);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT r.document_id=d.id FROM ratification r, document d"
                            " WHERE d.original_name='soest.odt'", 0), 1);
  ck_assert_str_eq(tu_q_text(w.a.db, "SELECT kind FROM document WHERE original_name='soest.odt'", 0),
                   "other");
  /* refused before the file is stored: Renswoude is not required */
  HOSTILE_DOC(tu_path(w.a.zIn, "renswoude.odt"), "# Raadsbesluit Renswoude", "Iets anders.");
  const char *azNo[] = { "csrf", zCsrf, "action", "upload", "kind", "other", "organisation",
                         "Renswoude", "status", "adopted", "date", "2021-04-02", 0 };
  const char *azFileNo[] = { "file", tu_path(w.a.zIn, "renswoude.odt"), "renswoude.odt", 0 };
  q.azField = azNo;
  q.azFile = azFileNo;
  tu_http(&r, w.zUrl, zPath, &q);
  ck_assert_msg(r.status==422 && strstr(r.body.z, "Renswoude hoeft besluit"), "%ld %s", r.status,
                r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM document", 0), 6);
  /* a file that is no document: its name and the reason, in Dutch */
  hostile_file_write(tu_path(w.a.zIn, "besluit.txt"), "Geen document.\n", 15);
  const char *azFileTxt[] = { "file", tu_path(w.a.zIn, "besluit.txt"), "besluit.txt", 0 };
  q.azField = azField;
  q.azFile = azFileTxt;
  tu_http(&r, w.zUrl, zPath, &q);
  ck_assert_msg(r.status==422 && strstr(r.body.z, "besluit.txt: geen ODT- of DOCX-bestand"),
                "%ld %s", r.status, r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM document", 0), 6);
  tu_web_stop(&w);
}
END_TEST

/* 10. The API and the matrix page, English too. */
START_TEST(t10_api){
  TuWeb w;
  web_start(&w);
  long long id = D_MOB(w.a.db);
  char zPath[80];
  TuResp r;
  snprintf(zPath, sizeof zPath, "/api/decisions/%lld", id);
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[LEZER], &r), 200);
  ck_assert_str_eq(tu_json_keys(r.j), "id,text,label,date,body,topic,agenda_item,original_name,"
                   "document,passage_id,meeting_id,proposed,removed,source,refers_to,refers_by,refers_date,"
                   "refers_body,followed_by,ratification");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/decisions/99999", w.azSession[LEZER], &r), 404);
  tu_resp_free(&r);
  snprintf(zPath, sizeof zPath, "/api/decisions/%lld/ratifications", id);
  const char *azOk[] = { "csrf", tu_web_csrf(&w, STAFF), "organisation", "Eemnes", "status", "rejected",
                         "date", "2023-03-01", "note", "raad: nee", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azOk, &r), 200);
  ck_assert_int_eq(json_integer_value(AT(AT(AT(r.j, "ratification"), "totals"), "rejected")), 1);
  tu_resp_free(&r);
  const char *azNo[] = { "csrf", tu_web_csrf(&w, STAFF), "organisation", "Barneveld", "status", "adopted",
                         "date", "2023-03-01", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azNo, &r), 422);
  ck_assert_msg(strstr(r.body.z, "Barneveld is not required"), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azLezer[] = { "csrf", tu_web_csrf(&w, LEZER), "organisation", "Soest", "status", "adopted",
                            "date", "2023-03-01", 0 };
  ck_assert_int_eq(tu_web_post(&w, LEZER, zPath, azLezer, &r), 403);
  tu_resp_free(&r);
  const char *azNone[] = { "csrf", tu_web_csrf(&w, STAFF), "organisation", "Eemnes", "status", "open", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/api/decisions/99999/ratifications", azNone, &r), 404);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/ratifications?topic=Mobiliteit&open=1",
                              w.azSession[LEZER], &r), 200);
  ck_assert_int_eq(json_integer_value(AT(r.j, "total")), 1);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/ratifications?from=2021-13", w.azSession[LEZER], &r), 400);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/bekrachtiging?onderwerp=Mobiliteit", w.azSession[LEZER], &r),
                   200);
  ck_assert_msg(strstr(r.body.z, "<caption id=\"matrix-caption\">")
                && strstr(r.body.z, "<th scope=\"col\">Eemnes</th>")
                && strstr(r.body.z, "<strong>verworpen</strong>")
                && strstr(r.body.z, "langer dan 6 maanden open")
                && strstr(r.body.z, "class=\"table-wrap\""), "%s", r.body.z);
  ck_assert_int_eq(tu_count(r.body.z, "<h1"), 1);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/bekrachtiging?lang=en", w.azSession[LEZER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Ratification") && strstr(r.body.z, "<span class=\"sr-only\">"
                "not required</span>"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/bekrachtiging?van=2021-13", w.azSession[LEZER], &r), 400);
  ck_assert_msg(strstr(r.body.z, "role=\"alert\""), "%s", r.body.z);
  tu_resp_free(&r);
  /* the timeline page links the decision and says its ratification */
  ck_assert_int_eq(tu_web_get(&w, "/onderwerp/2/tijdlijn", w.azSession[LEZER], &r), 200);
  char zHref[64];
  snprintf(zHref, sizeof zHref, "href=\"/besluit/%lld\"", id);
  ck_assert_msg(strstr(r.body.z, zHref) && strstr(r.body.z, "0 van 7 vastgesteld, 1 verworpen; open:"),
                "%s", r.body.z);
  tu_resp_free(&r);
  tu_web_stop(&w);
}
END_TEST

/* ------------------------------------------------------------ commands */

/* Does $OVERLEG know the commands (the lead adds them to main.c)? */
static int cli_known(TuArch *a){
  if( getenv("OVERLEG")==0 ) return 0;
  Buf out = BUF_INIT, err = BUF_INIT;
  const char *az[] = { "help", "ratify", 0 };
  int rc = tu_arch_cli(a, 0, az, &out, &err);
  buf_release(&out);
  buf_release(&err);
  return rc==0;
}

/* 11. overleg ratification and overleg ratify: exit codes, --json. */
START_TEST(t11_cli){
  TuArch a;
  arch_new(&a);
  if( !cli_known(&a) ){
    tu_arch_free(&a);
    return;
  }
  char zId[32];
  snprintf(zId, sizeof zId, "%lld", D_WONEN(a.db));
  Buf out = BUF_INIT, err = BUF_INIT;
  const char *az1[] = { "ratify", zId, "Soest", "--adopted", "2021-04-01", "--note", "ok", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az1, &out, &err), 0);
  ck_assert_msg(strstr(out.z, "Soest adopted on 2021-04-01"), "%s", out.z);
  const char *az2[] = { "ratify", zId, "Renswoude", "--adopted", "2021-04-01", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az2, &out, &err), 1);
  ck_assert_msg(strncmp(err.z, "overleg: Renswoude is not required", 34)==0, "%s", err.z);
  const char *az3[] = { "ratify", zId, "Soest", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az3, &out, &err), 2);
  const char *az4[] = { "ratify", "99999", "Soest", "--open", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az4, &out, &err), 1);
  const char *az5[] = { "ratification", "--topic", "Wonen", "--json", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az5, &out, &err), 0);
  json_t *j = json_loads(out.z, 0, 0);
  ck_assert_msg(j && json_integer_value(AT(j, "total"))==3, "%s", out.z);
  ck_assert_int_eq(json_integer_value(AT(AT(j, "totals"), "adopted")), 1);
  json_decref(j);
  const char *az6[] = { "ratification", "--topic", "Wonen", "--open", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az6, &out, &err), 0);
  ck_assert_msg(strstr(out.z, "Soest          adopted  2021-04-01") && strstr(out.z, "OPEN >6m"),
                "%s", out.z);
  const char *az7[] = { "ratification", "--topic", "Woonen", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az7, &out, &err), 1);
  const char *az8[] = { "ratification", "--bogus", 0 };
  ck_assert_int_eq(tu_arch_cli(&a, 0, az8, &out, &err), 2);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 12. The reference on the decision page and through the API: staff set
** it to an earlier decision (then it shows who set it, and the earlier
** decision lists the later one), to none, or back to the text; a reader
** may not; a later decision, a bad number and an unknown decision are
** refused with their status. */
START_TEST(t12_reference){
  TuWeb w;
  web_start(&w);
  long long iLater = D_WONEN23(w.a.db), iEarlier = D_WONEN(w.a.db);
  char zPath[64], zEarlier[64], zApi[80], zId[32];
  snprintf(zPath, sizeof zPath, "/besluit/%lld", iLater);
  snprintf(zEarlier, sizeof zEarlier, "/besluit/%lld", iEarlier);
  snprintf(zApi, sizeof zApi, "/api/decisions/%lld/reference", iLater);
  snprintf(zId, sizeof zId, "%lld", iEarlier);
  TuResp r;
  /* nothing recognised: no reference row; staff see the form */
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[STAFF], &r), 200);
  ck_assert_msg(!strstr(r.body.z, "Verwijst naar besluit")
                && strstr(r.body.z, "name=\"action\" value=\"reference\"")
                && strstr(r.body.z, "value=\"text\" checked"), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azLezer[] = { "csrf", tu_web_csrf(&w, LEZER), "action", "reference", "refers", "decision",
                            "refers_to", zId, 0 };
  ck_assert_int_eq(tu_web_post(&w, LEZER, zPath, azLezer, &r), 403);
  tu_resp_free(&r);
  const char *azSet[] = { "csrf", tu_web_csrf(&w, STAFF), "action", "reference", "refers", "decision",
                          "refers_to", zId, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azSet, &r), 303);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Verwijst naar besluit") && strstr(r.body.z, zEarlier)
                && strstr(r.body.z, "(vastgelegd door els)")
                && strstr(r.body.z, "value=\"decision\" checked"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, zEarlier, w.azSession[LEZER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Gevolgd door") && strstr(r.body.z, zPath), "%s", r.body.z);
  tu_resp_free(&r);
  /* refused on the page: the earlier decision cannot follow the later */
  char zLaterId[32], zEarlierPath[64];
  snprintf(zLaterId, sizeof zLaterId, "%lld", iLater);
  snprintf(zEarlierPath, sizeof zEarlierPath, "/besluit/%lld", iEarlier);
  const char *azBack[] = { "csrf", tu_web_csrf(&w, STAFF), "action", "reference", "refers", "decision",
                           "refers_to", zLaterId, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zEarlierPath, azBack, &r), 422);
  ck_assert_msg(strstr(r.body.z, "role=\"alert\""), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azBad[] = { "csrf", tu_web_csrf(&w, STAFF), "action", "reference", "refers", "decision",
                          "refers_to", "12a", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPath, azBad, &r), 400);
  tu_resp_free(&r);
  /* the API: none, then back to the text */
  const char *azNone[] = { "csrf", tu_web_csrf(&w, STAFF), "refers_to", "none", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zApi, azNone, &r), 200);
  ck_assert(json_is_null(json_object_get(r.j, "refers_to")));
  ck_assert_str_eq(json_string_value(json_object_get(r.j, "refers_by")), "els");
  tu_resp_free(&r);
  const char *azText[] = { "csrf", tu_web_csrf(&w, STAFF), "refers_to", "text", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zApi, azText, &r), 200);
  ck_assert(json_is_null(json_object_get(r.j, "refers_by")));
  tu_resp_free(&r);
  const char *azJunk[] = { "csrf", tu_web_csrf(&w, STAFF), "refers_to", "later", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zApi, azJunk, &r), 400);
  tu_resp_free(&r);
  const char *azUnknown[] = { "csrf", tu_web_csrf(&w, STAFF), "refers_to", "99999", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zApi, azUnknown, &r), 422);
  ck_assert_str_eq(json_string_value(json_object_get(r.j, "error")), "no decision 99999");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/api/decisions/99999/reference", azNone, &r), 404);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM audit WHERE action LIKE 'decision.reference%'"
                            " AND actor='els'", 0), 3);
  /* a decision whose text names a day: staff choose among that day's
  ** decisions */
  char *zMore = strdup(tu_path(w.a.zDir, "more"));
  HOSTILE_DOC(tu_path(zMore, "06.odt"), "# Verslag BO Wonen 14 april 2021", "## 2 Planning",
      "Besluit: Conform het besluit van 10 maart 2021 stelt het BO de planning van de woningbouw vast.");
  ck_assert_int_eq(tu_arch_import(&w.a, zMore), 1);
  long long iConform = dec(w.a.db, "Conform het besluit%"), iNote = D_NOTE(w.a.db);
  char zConform[64], zNote[32], zRadio[96];
  snprintf(zConform, sizeof zConform, "/besluit/%lld", iConform);
  snprintf(zNote, sizeof zNote, "%lld", iNote);
  snprintf(zRadio, sizeof zRadio, "name=\"refers\" value=\"%lld\" checked>", iNote);
  ck_assert_int_eq(tu_web_get(&w, zConform, w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "(herkend in de tekst: hetzelfde orgaan 10 maart 2021)")
                && strstr(r.body.z, "BO Wonen 10 maart 2021: Het BO neemt kennis van de voortgangsrapportage.")
                && strstr(r.body.z, "BO Wonen 10 maart 2021: Het BO stemt in met het regionale"
                          " woningbouwprogramma.")
                && !strstr(r.body.z, zRadio), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azChoose[] = { "csrf", tu_web_csrf(&w, STAFF), "action", "reference", "refers", zNote, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zConform, azChoose, &r), 303);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, zConform, w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, zRadio) && !strstr(r.body.z, "value=\"decision\" checked"), "%s",
                r.body.z);
  tu_resp_free(&r);
  free(zMore);
  tu_web_stop(&w);
}
END_TEST

/* POST body zBody of type zType (NULL: application/json) to zPath as
** staff; the status. */
static long post_raw(TuWeb *w, const char *zPath, const char *zBody, const char *zType, TuResp *r){
  TuReq q;
  memset(&q, 0, sizeof q);
  q.zMethod = "POST";
  q.zSession = w->azSession[STAFF];
  q.zBody = zBody;
  q.zType = zType ? zType : "application/json";
  tu_http(r, w->zUrl, zPath, &q);
  return r->status;
}

/* 13. The API takes a JSON object as well as a form: its members as the
** form's fields (numbers, true/false, lists), the CSRF token among them
** for a session; what is no such object is refused with where it fails,
** a body past the limit 413, and a page takes no JSON (415). */
START_TEST(t13_json_body){
  TuWeb w;
  web_start(&w);
  long long iLater = D_WONEN23(w.a.db), iEarlier = D_WONEN(w.a.db);
  char zApi[80], zRatify[80], zPage[64];
  snprintf(zApi, sizeof zApi, "/api/decisions/%lld/reference", iLater);
  snprintf(zRatify, sizeof zRatify, "/api/decisions/%lld/ratifications", iEarlier);
  snprintf(zPage, sizeof zPage, "/besluit/%lld", iLater);
  const char *zCsrf = tu_web_csrf(&w, STAFF);
  Buf b = BUF_INIT;
  TuResp r;
  buf_appendf(&b, "{\"csrf\": \"%s\", \"refers_to\": %lld}", zCsrf, iEarlier);
  ck_assert_int_eq(post_raw(&w, zApi, b.z, 0, &r), 200);
  ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(r.j, "refers_to"), "id")),
                   iEarlier);
  tu_resp_free(&r);
  buf_reset(&b);
  buf_appendf(&b, "{\"csrf\": \"%s\", \"organisation\": \"Soest\", \"status\": \"adopted\","
              " \"date\": \"2021-04-01\", \"note\": null}", zCsrf);
  ck_assert_int_eq(post_raw(&w, zRatify, b.z, 0, &r), 200);
  tu_resp_free(&r);
  ck_assert_str_eq(status_for(w.a.db, iEarlier, "Soest"), "adopted");
  /* a session without the token in the object: 403 */
  ck_assert_int_eq(post_raw(&w, zApi, "{\"refers_to\": \"none\"}", 0, &r), 403);
  tu_resp_free(&r);
  static const struct { const char *zBody; const char *zError; } aBad[] = {
    { "{\"refers_to\": ", "the body is not valid JSON: line 1" },
    { "[1, 2]", "the JSON body must be an object" },
    { "", "the body is not valid JSON" },
    { "{\"refers_to\": {\"id\": 1}}", "field \"refers_to\": a string, number" },
    { "{\"refers_to\": [[1]]}", "field \"refers_to\"" },
    { "{\"a\": 1, \"a\": 2}", "the body is not valid JSON: line 1" },
  };
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    ck_assert_int_eq(post_raw(&w, zApi, aBad[i].zBody, 0, &r), 400);
    const char *zErr = json_string_value(json_object_get(r.j, "error"));
    ck_assert_msg(zErr && strncmp(zErr, aBad[i].zError, strlen(aBad[i].zError))==0,
                  "%s: %s", aBad[i].zBody, r.body.z);
    tu_resp_free(&r);
  }
  buf_reset(&b);
  buf_puts(&b, "{\"note\": \"");
  for(int i=0; i<(1<<20); i+=8) buf_puts(&b, "xxxxxxxx");
  buf_puts(&b, "\"}");
  ck_assert_int_eq(post_raw(&w, zApi, b.z, 0, &r), 413);
  tu_resp_free(&r);
  buf_reset(&b);
  buf_appendf(&b, "{\"csrf\": \"%s\", \"action\": \"reference\", \"refers\": \"none\"}", zCsrf);
  ck_assert_int_eq(post_raw(&w, zPage, b.z, 0, &r), 415);
  tu_resp_free(&r);
  buf_release(&b);
  tu_web_stop(&w);
}
END_TEST

/* 14. The decision page links to the decision's changes in the audit
** log for an auditor, not for a reader or staff. */
START_TEST(t14_audit_link){
  TuWeb w;
  web_start(&w);
  tu_web_user(&w, AUDITOR, "auditor", AUTH_AUDITOR, "een lang wachtwoord");
  long long id = D_WONEN(w.a.db);
  char zPath[64], zLink[128];
  snprintf(zPath, sizeof zPath, "/besluit/%lld", id);
  snprintf(zLink, sizeof zLink, "<a href=\"/audit?object=decision:%lld\">Wijzigingen in het auditlog</a>", id);
  for(int i=LEZER; i<=AUDITOR; i++){
    TuResp r;
    ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[i], &r), 200);
    ck_assert_msg(tu_count(r.body.z, zLink)==(i==AUDITOR) && tu_count(r.body.z, "/audit?")==(i==AUDITOR),
                  "user %d:\n%s", i, r.body.z);
    tu_resp_free(&r);
  }
  tu_web_stop(&w);
}
END_TEST

Suite *suite_ratify(void){
  Suite *s = suite_create("ratify");
  TCase *tc = tcase_create("ratify");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_rule);
  tcase_add_test(tc, t02_participation);
  tcase_add_test(tc, t03_bora);
  tcase_add_test(tc, t04_record);
  tcase_add_test(tc, t05_refused);
  tcase_add_test(tc, t06_matrix);
  tcase_add_test(tc, t07_timeline);
  tcase_add_test(tc, t08_page);
  tcase_add_test(tc, t09_upload);
  tcase_add_test(tc, t10_api);
  tcase_add_test(tc, t11_cli);
  tcase_add_test(tc, t12_reference);
  tcase_add_test(tc, t13_json_body);
  tcase_add_test(tc, t14_audit_link);
  suite_add_tcase(s, tc);
  return s;
}
