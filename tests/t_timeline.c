/*
** t_timeline.c — accountability per topic (timeline.c, timelinecmd.c,
** pages_timeline.c): on a small archive (the organisation of
** tests/fixtures/org-example.json and minutes of AO Wonen, BO Wonen, the
** BORA and BO Mobiliteit imported as staff would): which meetings the
** timeline of Wonen holds and in which order, the AO meeting linked to
** the BO meeting it prepared, the portfolio holder, BO chair and
** participants as they were on two dates around a change, decisions and
** actions recognised from the minutes, the overdue flag, the period
** filter and its refusals, CSV quoting, and the API and the page on a
** server in the test process.  The command (overleg topic) through
** $OVERLEG only when the binary knows it.  Run from the repository root.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "hostile.h"
#include "import.h"
#include "pages.h"
#include "pages_register.h"
#include "pages_timeline.h"
#include "serve.h"
#include "store.h"
#include "testutil.h"
#include "timeline.h"

Suite *suite_timeline(void);

#define AT(j, zKey) json_object_get(j, zKey)

/* A new archive: the organisation and five documents:
**   01 verslag BO Wonen 10 maart 2021 (holder and chair G. Verbeek;
**      Renswoude not taking part): a decision and an action
**   02 verslag AO Wonen 1 september 2023: prepares 03's meeting
**   03 verslag BO Wonen 14 september 2023 (C. Koster; Renswoude back)
**   04 besluitenlijst BORA 5 oktober 2023, about Wonen
**   05 verslag BO Mobiliteit 10 januari 2023: not in Wonen's timeline */
static void arch_new(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
  HOSTILE_DOC(tu_path(a->zIn, "01.odt"), "# Verslag BO Wonen 10 maart 2021",
      "## 3 Woningbouwprogramma",
      "Besluit: Het BO stemt in met het regionale woningbouwprogramma.",
      "## 4 Acties",
      "Actie: Leusden stuurt de planning rond.");
  HOSTILE_DOC(tu_path(a->zIn, "02.odt"), "# Verslag AO Wonen 1 september 2023",
      "## 2 Voorbereiding BO", "Het AO bespreekt de huisvesting van statushouders.");
  HOSTILE_DOC(tu_path(a->zIn, "03.odt"), "# Verslag BO Wonen 14 september 2023",
      "## 2 Statushouders",
      "Besluit: Het BO verdeelt de taakstelling over de gemeenten.");
  HOSTILE_DOC(tu_path(a->zIn, "04.odt"), "# Besluitenlijst BORA 5 oktober 2023",
      "Besluit 1: De regionale woonvisie wordt vastgesteld.");
  HOSTILE_DOC(tu_path(a->zIn, "05.odt"), "# Verslag BO Mobiliteit 10 januari 2023",
      "## 2 Fietsroutes", "Besloten wordt de snelfietsroute te verlengen.");
  tu_arch_import(a, 0);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM document", 0), 5);
  /* the BORA's list is about Wonen, as staff would set it */
  tu_exec(a->db, "UPDATE document SET topic_id=(SELECT id FROM topic WHERE name='Wonen')"
                 " WHERE original_name='04.odt'");
}

static long long wonen(sqlite3 *db){
  return tu_q_int(db, "SELECT id FROM topic WHERE name='Wonen'", 0);
}

/* The names in the array (strings or objects with "name"), ","-joined. */
static const char *names(const json_t *a){
  static char z[1024];
  size_t i;
  json_t *v;
  z[0] = 0;
  json_array_foreach(a, i, v){
    const char *zN = json_is_string(v) ? json_string_value(v) : json_string_value(AT(v, "name"));
    if( i ) strcat(z, ",");
    strncat(z, zN ? zN : "?", sizeof z - strlen(z) - 1);
  }
  return z;
}

/* "date kind, ..." of the entries. */
static const char *entry_list(const json_t *t){
  static char z[1024];
  size_t i;
  json_t *e;
  z[0] = 0;
  json_array_foreach(AT(t, "entries"), i, e){
    char zE[64];
    snprintf(zE, sizeof zE, "%s%s %s", i ? ", " : "", json_string_value(AT(e, "date")),
             json_string_value(AT(e, "kind")));
    strcat(z, zE);
  }
  return z;
}

/* 1. The meetings of Wonen in date order (AO, BO, BORA; not Mobiliteit),
** each with its keys, the AO -> BO link both ways, documents as
** evidence, decisions and actions from the minutes. */
START_TEST(t01_entries){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  json_t *t = timeline_topic(a.db, wonen(a.db), 0, 0, &err);
  ck_assert_msg(t!=0, "%s", err.msg);
  ck_assert_str_eq(tu_json_keys(t), "topic,from,to,entries");
  ck_assert_str_eq(tu_json_dump(AT(t, "topic")), "{\"id\":4,\"name\":\"Wonen\"}");
  ck_assert(json_is_null(AT(t, "from")) && json_is_null(AT(t, "to")));
  ck_assert_str_eq(entry_list(t), "2021-03-10 BO, 2023-09-01 AO, 2023-09-14 BO, 2023-10-05 BORA");
  json_t *e = json_array_get(AT(t, "entries"), 0);
  ck_assert_str_eq(tu_json_keys(e), "meeting_id,date,kind,body,prepared_by,prepares,"
                   "portfolio_holders,chairs,participants,documents,decisions,actions");
  ck_assert_str_eq(json_string_value(AT(AT(e, "body"), "name")), "BO Wonen");
  ck_assert_str_eq(tu_json_keys(json_array_get(AT(e, "documents"), 0)),
                   "id,title,original_name,kind,status,date");
  ck_assert_str_eq(json_string_value(AT(json_array_get(AT(e, "documents"), 0), "original_name")),
                   "01.odt");
  /* what the minutes say, with the passage as evidence */
  ck_assert_int_eq(json_array_size(AT(e, "decisions")), 1);
  json_t *d = json_array_get(AT(e, "decisions"), 0);
  ck_assert_str_eq(tu_json_keys(d), "id,text,label,agenda_item,passage_id,document_id,"
                   "ratification");
  ck_assert_str_eq(tu_json_keys(AT(d, "ratification")), "needed,required,adopted,rejected,open");
  ck_assert_msg(strstr(json_string_value(AT(d, "text")), "woningbouwprogramma"), "%s",
                tu_json_dump(d));
  ck_assert(json_is_integer(AT(d, "passage_id")));
  ck_assert_int_eq(json_array_size(AT(e, "actions")), 1);
  json_t *x = json_array_get(AT(e, "actions"), 0);
  ck_assert_str_eq(tu_json_keys(x), "id,nr,text,who,due,due_date,status,done,done_in,overdue,"
                   "passage_id,document_id");
  ck_assert_msg(strstr(json_string_value(AT(x, "text")), "planning"), "%s", tu_json_dump(x));
  /* AO -> BO, both ways */
  json_t *eAo = json_array_get(AT(t, "entries"), 1), *eBo = json_array_get(AT(t, "entries"), 2);
  ck_assert_int_eq(json_array_size(AT(eAo, "prepares")), 1);
  ck_assert_int_eq(json_integer_value(AT(json_array_get(AT(eAo, "prepares"), 0), "id")),
                   json_integer_value(AT(eBo, "meeting_id")));
  ck_assert_str_eq(tu_json_dump(AT(json_array_get(AT(eBo, "prepared_by"), 0), "date")),
                   "\"2023-09-01\"");
  ck_assert_int_eq(json_array_size(AT(eAo, "decisions")), 0);     /* none invented */
  /* the BORA's list, about Wonen */
  json_t *eBora = json_array_get(AT(t, "entries"), 3);
  ck_assert_str_eq(json_string_value(AT(AT(eBora, "body"), "name")), "BORA");
  ck_assert_int_eq(json_array_size(AT(eBora, "documents")), 1);
  json_decref(t);
  /* the period: from and to as days, meetings inside it only */
  t = timeline_topic(a.db, wonen(a.db), "2023-09", "2023", &err);
  ck_assert_msg(t!=0, "%s", err.msg);
  ck_assert_str_eq(tu_json_dump(AT(t, "from")), "\"2023-09-01\"");
  ck_assert_str_eq(tu_json_dump(AT(t, "to")), "\"2023-12-31\"");
  ck_assert_str_eq(entry_list(t), "2023-09-01 AO, 2023-09-14 BO, 2023-10-05 BORA");
  json_decref(t);
  /* refusals */
  ck_assert_ptr_null(timeline_topic(a.db, wonen(a.db), "2021-13", 0, &err));
  ck_assert_str_eq(err.msg, "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)");
  Err e2 = ERR_INIT;
  ck_assert_ptr_null(timeline_topic(a.db, 999, 0, 0, &e2));
  ck_assert_str_eq(e2.msg, "no topic 999");
  tu_arch_free(&a);
}
END_TEST

/* 2. Who was responsible then: portfolio holder, BO chair and
** participants on either side of the change of 1 June 2022. */
START_TEST(t02_then){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  json_t *t = timeline_topic(a.db, wonen(a.db), 0, 0, &err);
  ck_assert_msg(t!=0, "%s", err.msg);
  json_t *e2021 = json_array_get(AT(t, "entries"), 0), *e2023 = json_array_get(AT(t, "entries"), 2);
  ck_assert_str_eq(tu_json_dump(AT(e2021, "portfolio_holders")),
                   tu_json_dump(AT(e2021, "chairs")));
  ck_assert_str_eq(names(AT(e2021, "portfolio_holders")), "G. Verbeek");
  ck_assert_str_eq(json_string_value(AT(json_array_get(AT(e2021, "portfolio_holders"), 0),
                                        "organisation")), "Leusden");
  ck_assert_str_eq(names(AT(e2021, "chairs")), "G. Verbeek");
  ck_assert_str_eq(names(AT(e2021, "participants")), "Amersfoort,Baarn,Barneveld,Bunschoten,"
                   "Eemnes,Leusden,Nijkerk,Scherpenzeel,Soest,SWEV,Woudenberg");
  ck_assert_str_eq(names(AT(e2023, "portfolio_holders")), "C. Koster");
  ck_assert_str_eq(names(AT(e2023, "chairs")), "C. Koster");
  ck_assert_str_eq(names(AT(e2023, "participants")), "Amersfoort,Baarn,Barneveld,Bunschoten,"
                   "Eemnes,Leusden,Nijkerk,Renswoude,Scherpenzeel,Soest,SWEV,Woudenberg");
  json_decref(t);
  tu_arch_free(&a);
}
END_TEST

/* 3. Overdue: open and past its date; done by status or by later
** minutes is never overdue; no date is never overdue. */
START_TEST(t03_overdue){
  TuArch a;
  arch_new(&a);
  tu_exec(a.db, "DELETE FROM action_item;"
    "INSERT INTO action_item(id, document_id, seq, nr, text, who, due, due_date, status, done_in)"
    " VALUES (1, 1, 1, 'A1', 'Planning rondsturen', 'Leusden', '1 mei 2021', '2021-05-01', 'loopt', NULL),"
    " (2, 1, 2, 'A2', 'Taakstelling uitwerken', 'BRA', '1 juni 2021', '2021-06-01', 'Afgerond', NULL),"
    " (3, 1, 3, 'A3', 'Woonvisie actualiseren', 'Soest', '1 juli 2021', '2021-07-01', '', 3),"
    " (4, 1, 4, 'A4', 'Toekomst, \"later\"', '', 'eind 2999', '2999-12-31', '', NULL),"
    " (5, 1, 5, '', 'Geen datum', '', 'na de zomer', NULL, '', NULL);");
  Err err = ERR_INIT;
  json_t *t = timeline_topic(a.db, wonen(a.db), "2021", "2021", &err);
  ck_assert_msg(t!=0, "%s", err.msg);
  json_t *aAct = AT(json_array_get(AT(t, "entries"), 0), "actions");
  ck_assert_int_eq(json_array_size(aAct), 5);
  static const int aOverdue[] = { 1, 0, 0, 0, 0 }, aDone[] = { 0, 1, 1, 0, 0 };
  for(int i=0; i<5; i++){
    json_t *x = json_array_get(aAct, (size_t)i);
    ck_assert_msg(json_is_true(AT(x, "overdue"))==aOverdue[i], "action %d overdue", i+1);
    ck_assert_msg(json_is_true(AT(x, "done"))==aDone[i], "action %d done", i+1);
  }
  ck_assert_str_eq(json_string_value(AT(AT(json_array_get(aAct, 2), "done_in"), "original_name")),
                   "03.odt");
  ck_assert(json_is_null(AT(json_array_get(aAct, 0), "done_in")));
  /* 4. the CSV: a header, one row per decision and action, RFC 4180 */
  Buf b = BUF_INIT;
  ck_assert_int_eq(timeline_csv(t, &b), 6);
  ck_assert_msg(strncmp(b.z, "date,body,kind,entry,nr,text,who,due,status,portfolio_holders,"
                        "chairs,participants,document,document_id,passage_id,ratification,"
                        "ratified,ratification_open\r\n", 155)==0,
                "%s", b.z);
  ck_assert_msg(strstr(b.z, "\r\n2021-03-10,BO Wonen,BO,action,A1,Planning rondsturen,Leusden,"
                       "1 mei 2021,overdue (loopt),G. Verbeek,G. Verbeek,"
                       "Amersfoort; Baarn; Barneveld; Bunschoten; Eemnes; Leusden; Nijkerk;"
                       " Scherpenzeel; Soest; SWEV; Woudenberg,01.odt,1,,,,\r\n"), "%s", b.z);
  ck_assert_msg(strstr(b.z, ",action,A4,\"Toekomst, \"\"later\"\"\",,eind 2999,open,"), "%s", b.z);
  ck_assert_msg(strstr(b.z, ",action,A2,Taakstelling uitwerken,BRA,1 juni 2021,done (Afgerond),"),
                "%s", b.z);
  ck_assert_msg(strstr(b.z, "\r\n2021-03-10,BO Wonen,BO,decision,3 Woningbouwprogramma,"), "%s", b.z);
  /* the decision's ratification: needed, none adopted of the ten, all open */
  ck_assert_msg(strstr(b.z, ",needed,0/10,Amersfoort; Baarn; Barneveld; Bunschoten; Eemnes;"
                       " Leusden; Nijkerk; Scherpenzeel; Soest; Woudenberg\r\n"), "%s", b.z);
  /* every line ends in CRLF, no bare LF */
  for(size_t i=0; i<b.n; i++) ck_assert(b.z[i]!='\n' || (i>0 && b.z[i-1]=='\r'));
  buf_release(&b);
  json_decref(t);
  tu_arch_free(&a);
}
END_TEST

/* ------------------------------------------------------------ the server */

/* A server on the archive, reading open to anyone (--anonymous-read). */
static void web_start(TuWeb *w){
  static const HttpRoute *const aaRoute[] = {
    timeline_routes, api_routes, register_api_routes, admin_routes, pages_routes,
    register_page_routes, 0
  };
  memset(w, 0, sizeof *w);
  arch_new(&w->a);
  tu_web_start(w, aaRoute, 1);
}

/* 5. The API: the JSON, the CSV as a download, 400 and 404. */
START_TEST(t05_api){
  TuWeb w;
  web_start(&w);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/api/topics/4/timeline?from=2023", 0, &r), 200);
  ck_assert_str_eq(entry_list(r.j), "2023-09-01 AO, 2023-09-14 BO, 2023-10-05 BORA");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/topics/4/timeline?format=csv", 0, &r), 200);
  ck_assert_str_eq(tu_resp_header(&r, "Content-Type"), "text/csv; charset=utf-8");
  ck_assert_msg(strstr(tu_resp_header(&r, "Content-Disposition"),
                       "attachment; filename=\"tijdlijn-4-wonen.csv\""),
                "%s", tu_resp_header(&r, "Content-Disposition"));
  ck_assert_msg(strncmp(r.body.z, "date,body,kind,entry,", 21)==0, "%s", r.body.z);
  ck_assert_msg(strstr(r.body.z, ",BORA,BORA,decision,"), "%s", r.body.z);
  tu_resp_free(&r);
  tu_web_expect(&w, "/api/topics/4/timeline?to=2021-13", 400, "bad date \\\"2021-13\\\" for to",
             (char*)0);
  tu_web_expect(&w, "/api/topics/4/timeline?format=xml", 400, "format is json or csv", (char*)0);
  tu_web_expect(&w, "/api/topics/999/timeline", 404, "no topic 999", (char*)0);
  tu_web_expect(&w, "/api/topics/x/timeline", 404, (char*)0);
  /* the topic itself is still the catalogue's */
  tu_web_expect(&w, "/api/topics/4", 200, "\"name\":\"Wonen\"", (char*)0);
  tu_web_stop(&w);
}
END_TEST

/* 6. The page: one h1, labelled form, header cells with scope, the "then"
** values, decisions linked to their passage, overdue in words, the CSV
** and print links; the printable version; English; errors. */
START_TEST(t06_page){
  TuWeb w;
  web_start(&w);
  tu_exec(w.a.db, "UPDATE action_item SET due='1 mei 2021', due_date='2021-05-01', status=''");
  char zLink[64];
  snprintf(zLink, sizeof zLink, "href=\"/document/1#p%lld\"",
           tu_q_int(w.a.db, "SELECT passage_id FROM decision WHERE document_id=1", 0));
  tu_web_expect(&w, "/onderwerp/4/tijdlijn", 200, "<h1>Tijdlijn: Wonen</h1>",
             "<label for=\"timeline-from\">", "<label for=\"timeline-to\">",
             "<th scope=\"row\">Portefeuillehouder (toen)</th><td>G. Verbeek (Leusden)",
             "<th scope=\"row\">Voorzitter BO (toen)</th><td>C. Koster (Baarn)",
             "<th scope=\"col\">Besluit</th>", zLink, "10 maart 2021",
             "<strong class=\"overdue\">Te laat</strong>", "4 vergaderingen",
             "href=\"/api/topics/4/timeline?format=csv\"",
             "href=\"/onderwerp/4/tijdlijn?print=1\"", "Voorbereid in", (char*)0);
  ck_assert_int_eq(tu_web_count(&w, "/onderwerp/4/tijdlijn", "<h1"), 1);
  ck_assert_int_eq(tu_web_count(&w, "/onderwerp/4/tijdlijn", "<script"), 0);
  tu_web_expect(&w, "/onderwerp/4/tijdlijn?from=2023&to=2023-09", 200, "2 vergaderingen",
             "href=\"/api/topics/4/timeline?from=2023&amp;to=2023-09&amp;format=csv\"",
             "value=\"2023-09\"", (char*)0);
  tu_web_expect(&w, "/onderwerp/4/tijdlijn?print=1", 200, "<h1>Tijdlijn: Wonen</h1>",
             "/static/timeline_print.css", "Gemaakt op", "hele periode", "Te laat", (char*)0);
  ck_assert_int_eq(tu_web_count(&w, "/onderwerp/4/tijdlijn?print=1", "<nav"), 0);
  tu_web_expect(&w, "/static/timeline_print.css", 200, "@media print", (char*)0);
  tu_web_expect(&w, "/onderwerp/4/tijdlijn?lang=en", 200, "<h1>Timeline: Wonen</h1>",
             "10 March 2021", "<strong class=\"overdue\">Overdue</strong>", (char*)0);
  tu_web_expect(&w, "/onderwerp/4/tijdlijn?from=2021-13", 400, "role=\"alert\"",
             "ongeldige datum &quot;2021-13&quot; bij &quot;van&quot;", "value=\"2021-13\"", (char*)0);
  tu_web_expect(&w, "/onderwerp/4/tijdlijn?from=%3Cscript%3E", 400,
             "value=\"&lt;script&gt;\"", (char*)0);
  tu_web_expect(&w, "/onderwerp/999/tijdlijn", 404, (char*)0);
  /* the topic page is still the catalogue's */
  tu_web_expect(&w, "/onderwerp/4", 200, "<h1>Wonen</h1>", (char*)0);
  tu_web_stop(&w);
}
END_TEST

/* 7. "overleg topic", when the binary has the command. */
#define RUN_CLI(a, out, err, ...) \
  tu_arch_cli(a, 0, (const char *const[]){ __VA_ARGS__, 0 }, out, err)

START_TEST(t07_cli){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  if( RUN_CLI(&a, &out, &err, "help", "topic")!=0 ){
    /* the command is not in main.c yet: nothing to test */
    buf_release(&out);
    buf_release(&err);
    tu_arch_free(&a);
    return;
  }
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic", "wonen", "--json"), 0);
  json_t *j = json_loads(out.z, 0, 0);
  ck_assert_msg(j!=0, "%s", out.z);
  ck_assert_str_eq(entry_list(j), "2021-03-10 BO, 2023-09-01 AO, 2023-09-14 BO, 2023-10-05 BORA");
  json_decref(j);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic", "Wonen", "--from", "2023"), 0);
  ck_assert_msg(strstr(out.z, "Topic Wonen: 3 meetings\n\n2023-09-01  AO Wonen (AO)\n"
                              "    portfolio holder: C. Koster (Baarn)\n"), "%s", out.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic", "Wonen", "--csv"), 0);
  ck_assert_msg(strncmp(out.z, "date,body,kind,entry,", 21)==0, "%s", out.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic", "Woonen"), 1);
  ck_assert_msg(strstr(err.z, "overleg: unknown topic \"Woonen\""), "%s", err.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic", "Wonen", "--to", "2021-13"), 1);
  ck_assert_str_eq(err.z, "overleg: bad date \"2021-13\" for to (use 2021, 2021-03 or"
                          " 2021-03-01)\n");
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic"), 2);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "topic", "Wonen", "--json", "--csv"), 2);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* 8. A BORA meeting whose minutes are about no topic comes into a topic's
** timeline by an agenda item that names the topic's BO ("Voorstel BO
** Wonen: ..."), with only the decisions under that item; the BORA's other
** items stay out, and so does a meeting naming another topic. */
START_TEST(t08_bora_by_agenda_item){
  TuArch a;
  arch_new(&a);
  HOSTILE_DOC(tu_path(a.zIn, "06.odt"), "# Verslag BORA 9 november 2023",
      "## 3 Voorstel BO Wonen: regionale woonagenda",
      "Besluit: Het BORA stemt in met de regionale woonagenda.",
      "## 4 Begroting Regio Amersfoort 2024",
      "Besluit: Het BORA stelt de begroting 2024 vast.");
  HOSTILE_DOC(tu_path(a.zIn, "07.odt"), "# Verslag BORA 7 december 2023",
      "## 2 Voorstel Bestuurlijk Overleg Mobiliteit: fietsroutes",
      "Besluit: Het BORA stemt in met de fietsroutes.");
  ck_assert_int_eq(tu_arch_import(&a, 0), 2);   /* 01-05 again: duplicates */
  Err err = ERR_INIT;
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document WHERE original_name IN"
                                  " ('06.odt', '07.odt') AND topic_id IS NULL", 0), 2);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM agenda_item WHERE topic_id NOT NULL", 0), 2);
  json_t *t = timeline_topic(a.db, wonen(a.db), "2023-10", "2023", &err);
  ck_assert_msg(t!=0, "%s", err.msg);
  ck_assert_str_eq(entry_list(t), "2023-10-05 BORA, 2023-11-09 BORA");
  json_t *aDec = AT(json_array_get(AT(t, "entries"), 1), "decisions");
  ck_assert_int_eq(json_array_size(aDec), 1);
  ck_assert_str_eq(json_string_value(AT(json_array_get(aDec, 0), "text")),
                   "Het BORA stemt in met de regionale woonagenda.");
  json_decref(t);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_timeline(void){
  Suite *s = suite_create("timeline");
  TCase *tc = tcase_create("timeline");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_entries);
  tcase_add_test(tc, t02_then);
  tcase_add_test(tc, t03_overdue);
  tcase_add_test(tc, t05_api);
  tcase_add_test(tc, t06_page);
  tcase_add_test(tc, t07_cli);
  tcase_add_test(tc, t08_bora_by_agenda_item);
  suite_add_tcase(s, tc);
  return s;
}
