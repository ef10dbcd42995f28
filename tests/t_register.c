/*
** t_register.c — the decision register and the action list (register.c,
** regcmd.c, api_register.c, pages_register.c): on a small archive (the
** organisation of tests/fixtures/org-example.json, five documents
** imported as staff would, and decisions and actions written into the
** tables with SQL, so that the tests do not depend on what recognition
** finds): each key of the JSON, the order, every filter (body, topic,
** period, the query language with its own filters, proposals, open
** actions), paging, removed decisions hidden, overdue actions, and each
** refusal with its message; the commands through the binary
** ($OVERLEG); the API and the pages on a server in the test process.
** Run from the repository root.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "hostile.h"
#include "import.h"
#include "pages.h"
#include "pages_register.h"
#include "register.h"
#include "serve.h"
#include "store.h"
#include "testutil.h"

Suite *suite_register(void);

/* ------------------------------------------------------------ archive */

enum { DOC_WONEN = 1, DOC_MOB, DOC_BORA, DOC_AGENDA, DOC_WONEN_LATER, N_DOC = DOC_WONEN_LATER };

/* The passage of document d whose text holds z (SQL). */
#define PAS(d, z) "(SELECT id FROM passage WHERE document_id=" #d " AND text LIKE '%" z "%')"

/* A new archive: the organisation, five documents, and what minutes say
** in them:
**   1 verslag BO Wonen 2024-03-12: decisions 1 (3a) and 2 (4), and 3
**     (removed by staff); actions 1 (overdue), 2 (done: status), 3 (due
**     later), 4 (no date)
**   2 verslag BO Mobiliteit 2023-01-10: decision 4 (a sentence, no item)
**   3 besluitenlijst BORA 2021-06-05: decision 5
**   4 agenda BO Wonen 2024-03-12: proposal 6
**   5 verslag BO Wonen 2024-04-16: reports action 3 done; decision 7 */
static void arch_new(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
  HOSTILE_DOC(tu_path(a->zIn, "01.odt"), "# Verslag BO Wonen 12 maart 2024",
      "Aanwezig: de wethouders.",
      "## 3a Woningbouwprogramma",
      "Besluit: Het BO stemt in met het regionale woningbouwprogramma 2024-2030.",
      "## 4 Huisvesting statushouders",
      "Besluit: Het BO verdeelt de taakstelling voor statushouders over de gemeenten.",
      "## 5 Acties",
      "Actie: Leusden stuurt de planning van de woningbouw rond.",
      "## 6 Rondvraag", "Soest vraagt naar de fietsenstalling.");
  HOSTILE_DOC(tu_path(a->zIn, "02.odt"), "# Verslag BO Mobiliteit 10 januari 2023",
      "## 2 Fietsroutes", "Besloten wordt de snelfietsroute naar Soest te verlengen.");
  HOSTILE_DOC(tu_path(a->zIn, "03.odt"), "# Besluitenlijst BORA 5 juni 2021",
      "Besluit 1: De regionale woonvisie wordt vastgesteld.");
  HOSTILE_DOC(tu_path(a->zIn, "04.odt"), "# Agenda BO Wonen 12 maart 2024",
      "Voorstel: instemmen met het woningbouwprogramma.");
  HOSTILE_DOC(tu_path(a->zIn, "05.odt"), "# Verslag BO Wonen 16 april 2024",
      "## 2 Woningbouw", "Besluit: De planning van de woningbouw wordt vastgesteld.");
  tu_arch_import(a, 0);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM document", 0), N_DOC);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM document WHERE"
                                " (id=1 AND date='2024-03-12' AND body_id=10)"
                                " OR (id=2 AND date='2023-01-10' AND body_id=6)"
                                " OR (id=3 AND date='2021-06-05' AND body_id=1)"
                                " OR (id=4 AND date='2024-03-12' AND kind='agenda')"
                                " OR (id=5 AND date='2024-04-16' AND body_id=10)", 0), 5);
  /* what recognition found is replaced by what the tests expect */
  tu_exec(a->db,
    "DELETE FROM decision; DELETE FROM action_item; DELETE FROM commitment;"
    " DELETE FROM adoption; DELETE FROM attendance; DELETE FROM agenda_item;"
    "INSERT INTO agenda_item(id, document_id, seq, nr, nr_written, title) VALUES"
    " (1, 1, 1, '3a', 1, 'Woningbouwprogramma'), (2, 1, 2, '4', 1, 'Huisvesting statushouders'),"
    " (3, 1, 3, '5', 1, 'Acties'), (4, 2, 1, '1', 0, 'Fietsroutes'), (5, 5, 1, '2', 0, '');"
    "INSERT INTO decision(id, document_id, seq, proposed, label, text, agenda_item_id, passage_id,"
    " removed) VALUES"
    " (1, 1, 1, 0, 'Besluit', 'Het BO stemt in met het regionale woningbouwprogramma 2024-2030.',"
    "  1, " PAS(1, "stemt in") ", 0),"
    " (2, 1, 2, 0, 'Besluit', 'Het BO verdeelt de taakstelling voor statushouders over de"
    " gemeenten.', 2, " PAS(1, "taakstelling") ", 0),"
    " (3, 1, 3, 0, '', 'Soest vraagt naar de fietsenstalling.', NULL, " PAS(1, "fietsenstalling")
    ", 1),"
    " (4, 2, 1, 0, '', 'Besloten wordt de snelfietsroute naar Soest te verlengen.', 4, "
    PAS(2, "snelfietsroute") ", 0),"
    " (5, 3, 1, 0, 'Besluit 1', 'De regionale woonvisie wordt vastgesteld.', NULL, "
    PAS(3, "woonvisie") ", 0),"
    " (6, 4, 1, 1, 'Voorstel', 'instemmen met het woningbouwprogramma.', NULL, "
    PAS(4, "instemmen") ", 0),"
    " (7, 5, 1, 0, 'Besluit', 'De planning van de woningbouw wordt vastgesteld.', 5, "
    PAS(5, "planning") ", 0);"
    "INSERT INTO action_item(id, document_id, seq, nr, text, who, due, due_date, status, done_in,"
    " agenda_item_id, passage_id) VALUES"
    " (1, 1, 1, 'A1', 'Planning woningbouw rondsturen', 'Leusden', '1 mei 2020', '2020-05-01',"
    "  'loopt', NULL, 3, " PAS(1, "planning") "),"
    " (2, 1, 2, 'A2', 'Taakstelling statushouders uitwerken', 'BRA', '1 juni 2020', '2020-06-01',"
    "  'Afgerond', NULL, 3, " PAS(1, "planning") "),"
    " (3, 1, 3, 'A3', 'Woonvisie actualiseren', 'Soest', 'eind 2999', '2999-12-31', '', 5, 3, "
    PAS(1, "planning") "),"
    " (4, 1, 4, '', 'Fietsenstalling onderzoeken', '', 'na de zomer', NULL, '', NULL, NULL, "
    PAS(1, "fietsenstalling") ");");
}

/* ------------------------------------------------------------ asserts */

#define AT(j, zKey) json_object_get(j, zKey)

/* The ids of the entries of list r (its array zKey), comma-separated. */
static const char *ids(const json_t *r, const char *zKey){
  static char z[256];
  json_t *a = AT(r, zKey), *v;
  size_t i;
  z[0] = 0;
  json_array_foreach(a, i, v){
    char zId[32];
    snprintf(zId, sizeof zId, "%s%lld", i ? "," : "", (long long)json_integer_value(AT(v, "id")));
    strcat(z, zId);
  }
  return z;
}

/* Lists with f and expects the ids zWant and the total nTotal. */
static void expect_ids(sqlite3 *db, int bActions, const RegisterFilter *f, const char *zWant,
                       long long nTotal){
  Err err = ERR_INIT;
  json_t *r = bActions ? register_actions(db, f, &err) : register_decisions(db, f, &err);
  ck_assert_msg(r!=0, "%s", err.msg);
  const char *zKey = bActions ? "actions" : "decisions";
  ck_assert_msg(strcmp(ids(r, zKey), zWant)==0, "query \"%s\": got %s, want %s",
                f->zQuery ? f->zQuery : "", ids(r, zKey), zWant);
  ck_assert_int_eq(json_integer_value(AT(r, "total")), nTotal);
  json_decref(r);
}

/* Lists with f and expects exactly the error zWant. */
static void expect_error(sqlite3 *db, int bActions, const RegisterFilter *f, const char *zWant){
  Err err = ERR_INIT;
  json_t *r = bActions ? register_actions(db, f, &err) : register_decisions(db, f, &err);
  ck_assert_msg(r==0, "no error, want %s", zWant);
  ck_assert_str_eq(err.msg, zWant);
}

/* ------------------------------------------------------------ the cases */

/* 1. Every decision taken, newest first, in document order within one
** document, removed ones left out; each with its keys and values. */
START_TEST(t01_decisions){
  TuArch a;
  arch_new(&a);
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  expect_ids(a.db, 0, &f, "7,1,2,4,5", 5);
  Err err = ERR_INIT;
  json_t *r = register_decisions(a.db, &f, &err);
  ck_assert_str_eq(tu_json_keys(r), "total,decisions");
  json_t *d = json_array_get(AT(r, "decisions"), 1);
  ck_assert_str_eq(tu_json_keys(d), "id,text,date,body,topic,agenda_item,original_name,"
                                    "document,passage_id,meeting_id,label,proposed,refers_to");
  ck_assert_str_eq(tu_json_dump(AT(d, "body")),
                   "{\"id\":10,\"name\":\"BO Wonen\",\"full_name\":\"Bestuurlijk Overleg Wonen\","
                   "\"kind\":\"BO\"}");
  ck_assert_str_eq(tu_json_dump(AT(d, "topic")), "{\"id\":4,\"name\":\"Wonen\"}");
  ck_assert_str_eq(json_string_value(AT(d, "text")),
                   "Het BO stemt in met het regionale woningbouwprogramma 2024-2030.");
  ck_assert_str_eq(json_string_value(AT(d, "date")), "2024-03-12");
  ck_assert_str_eq(json_string_value(AT(d, "agenda_item")), "3a Woningbouwprogramma");
  ck_assert_str_eq(json_string_value(AT(d, "original_name")), "01.odt");
  ck_assert_str_eq(json_string_value(AT(d, "label")), "Besluit");
  ck_assert_str_eq(tu_json_keys(AT(d, "document")),
                   "id,title,original_name,date,kind,status,format,size");
  ck_assert_int_eq(json_integer_value(AT(AT(d, "document"), "id")), DOC_WONEN);
  ck_assert_str_eq(json_string_value(AT(AT(d, "document"), "kind")), "verslag");
  ck_assert_int_eq(json_integer_value(AT(d, "passage_id")),
                   tu_q_int(a.db, "SELECT id FROM passage WHERE text LIKE '%stemt in%'", 0));
  ck_assert_int_eq(json_integer_value(AT(d, "meeting_id")),
                   tu_q_int(a.db, "SELECT meeting_id FROM document WHERE id=1", 0));
  ck_assert(json_is_false(AT(d, "proposed")));
  ck_assert(json_is_null(AT(d, "refers_to")));
  /* an item numbered by position only shows its title; none: null */
  d = json_array_get(AT(r, "decisions"), 3);
  ck_assert_str_eq(json_string_value(AT(d, "agenda_item")), "Fietsroutes");
  ck_assert_str_eq(json_string_value(AT(d, "label")), "");
  d = json_array_get(AT(r, "decisions"), 0);
  ck_assert_str_eq(json_string_value(AT(d, "agenda_item")), "2");
  d = json_array_get(AT(r, "decisions"), 4);
  ck_assert(json_is_null(AT(d, "agenda_item")));
  ck_assert_str_eq(json_string_value(AT(AT(d, "body"), "name")), "BORA");
  ck_assert(json_is_null(AT(d, "topic")));
  json_decref(r);
  /* restored by staff: listed again */
  tu_exec(a.db, "UPDATE decision SET removed=0 WHERE id=3");
  expect_ids(a.db, 0, &f, "7,1,2,3,4,5", 6);
  tu_arch_free(&a);
}
END_TEST

/* 2. Filters: body and topic by the names users write, periods, the
** proposals instead of the decisions. */
START_TEST(t02_filters){
  TuArch a;
  arch_new(&a);
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  f.zBody = "bestuurlijk overleg wonen";
  expect_ids(a.db, 0, &f, "7,1,2", 3);
  f.zBody = "BO-Mobiliteit";
  expect_ids(a.db, 0, &f, "4", 1);
  f.zBody = 0;
  f.zTopic = "wonen";
  expect_ids(a.db, 0, &f, "7,1,2", 3);
  f.zTopic = 0;
  f.zFrom = "2023";
  expect_ids(a.db, 0, &f, "7,1,2,4", 4);
  f.zTo = "2024-03";
  expect_ids(a.db, 0, &f, "1,2,4", 3);
  f.zFrom = "2024-03-13";
  f.zTo = 0;
  expect_ids(a.db, 0, &f, "7", 1);
  f.zFrom = "2021-06-05";
  f.zTo = "2021-06-05";
  expect_ids(a.db, 0, &f, "5", 1);
  memset(&f, 0, sizeof f);
  f.bProposals = 1;
  expect_ids(a.db, 0, &f, "6", 1);
  Err err = ERR_INIT;
  json_t *r = register_decisions(a.db, &f, &err);
  ck_assert(json_is_true(AT(json_array_get(AT(r, "decisions"), 0), "proposed")));
  json_decref(r);
  f.zBody = "BO Mobiliteit";
  expect_ids(a.db, 0, &f, "", 0);
  tu_arch_free(&a);
}
END_TEST

/* 3. The query language on the decisions' passages: words (stemmed),
** phrases, OR, NOT, a query of only NOT, and its own filters. */
START_TEST(t03_query){
  TuArch a;
  arch_new(&a);
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  f.zQuery = "statushouders";
  expect_ids(a.db, 0, &f, "2", 1);
  f.zQuery = "gemeente";                         /* stemmed: gemeenten */
  expect_ids(a.db, 0, &f, "2", 1);
  f.zQuery = "woonvisie OR snelfietsroute";
  expect_ids(a.db, 0, &f, "4,5", 2);
  f.zQuery = "\"regionale woningbouwprogramma\"";
  expect_ids(a.db, 0, &f, "1", 1);
  f.zQuery = "\"woningbouwprogramma regionale\"";
  expect_ids(a.db, 0, &f, "", 0);
  f.zQuery = "woning* -statushouders";
  expect_ids(a.db, 0, &f, "7,1", 2);
  f.zQuery = "-woning*";                          /* only NOT: all but those */
  expect_ids(a.db, 0, &f, "2,4,5", 3);
  f.zQuery = "orgaan:BORA";
  expect_ids(a.db, 0, &f, "5", 1);
  f.zQuery = "orgaan:BO";                         /* every BO */
  expect_ids(a.db, 0, &f, "7,1,2,4", 4);
  f.zQuery = 0;
  f.zBody = "bo";
  expect_ids(a.db, 0, &f, "7,1,2,4", 4);
  f.zBody = 0;
  f.zQuery = "body:BO_Wonen datum:2024-03";
  expect_ids(a.db, 0, &f, "1,2", 2);
  f.zQuery = "soort:besluitenlijst";
  expect_ids(a.db, 0, &f, "5", 1);
  f.zQuery = "onderwerp:mobiliteit";
  expect_ids(a.db, 0, &f, "4", 1);
  /* flags and the query's filters: values of one key are alternatives,
  ** dates intersect */
  f.zQuery = "orgaan:BORA";
  f.zBody = "BO Mobiliteit";
  expect_ids(a.db, 0, &f, "4,5", 2);
  f.zBody = 0;
  f.zQuery = "datum:2021..2023";
  f.zFrom = "2022";
  expect_ids(a.db, 0, &f, "4", 1);
  f.zFrom = 0;
  /* gemeente: the documents that name it */
  f.zQuery = "gemeente:Soest";
  expect_ids(a.db, 0, &f, "1,2,4", 3);
  tu_arch_free(&a);
}
END_TEST

/* 4. Pages: limit and offset, the total over all pages. */
START_TEST(t04_paging){
  TuArch a;
  arch_new(&a);
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  f.nLimit = 2;
  expect_ids(a.db, 0, &f, "7,1", 5);
  f.nOffset = 2;
  expect_ids(a.db, 0, &f, "2,4", 5);
  f.nOffset = 4;
  expect_ids(a.db, 0, &f, "5", 5);
  f.nOffset = 10;
  expect_ids(a.db, 0, &f, "", 5);
  f.nLimit = 100000;             /* at most REGISTER_LIMIT_MAX: all five */
  f.nOffset = -3;
  expect_ids(a.db, 0, &f, "7,1,2,4,5", 5);
  tu_arch_free(&a);
}
END_TEST

/* 5. Bad input: each with its message. */
START_TEST(t05_errors){
  TuArch a;
  arch_new(&a);
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  f.zBody = "BO Woonen";
  expect_error(a.db, 0, &f, "unknown body \"BO Woonen\" (did you mean \"BO Wonen\" or"
                            " \"AO Wonen\"?)");
  f.zBody = 0;
  f.zTopic = "Wonne";
  expect_error(a.db, 1, &f, "unknown topic \"Wonne\" (did you mean \"Wonen\"?)");
  f.zTopic = 0;
  f.zFrom = "2021-13";
  expect_error(a.db, 0, &f, "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)");
  f.zFrom = 0;
  f.zTo = "maart";
  expect_error(a.db, 1, &f, "bad date \"maart\" for to (use 2021, 2021-03 or 2021-03-01)");
  f.zTo = 0;
  f.zQuery = "\"woningbouw";
  expect_error(a.db, 0, &f, "unclosed quote at position 1");
  f.zQuery = "soort:notule";
  expect_error(a.db, 0, &f, "unknown kind \"notule\"; the kinds are agenda, verslag,"
                            " besluitenlijst, actielijst, memo, brief, presentatie, other");
  f.zQuery = "gemeente:Atlantis";
  expect_error(a.db, 0, &f, "unknown municipality \"Atlantis\"");
  /* hostile text is only ever a value */
  f.zQuery = "'); DROP TABLE decision; -- \" ";
  Err err = ERR_INIT;
  json_t *r = register_decisions(a.db, &f, &err);
  json_decref(r);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision", 0), 7);
  f.zQuery = "x NEAR* \x01 ) (";
  err.set = 0;
  r = register_decisions(a.db, &f, &err);
  json_decref(r);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision", 0), 7);
  tu_arch_free(&a);
}
END_TEST

/* 6. Actions: keys, done by status or by later minutes, overdue only
** when open and past its date, --open. */
START_TEST(t06_actions){
  TuArch a;
  arch_new(&a);
  RegisterFilter f;
  memset(&f, 0, sizeof f);
  expect_ids(a.db, 1, &f, "1,2,3,4", 4);
  Err err = ERR_INIT;
  json_t *r = register_actions(a.db, &f, &err);
  ck_assert_msg(r!=0, "%s", err.msg);
  json_t *aAct = AT(r, "actions");
  json_t *x = json_array_get(aAct, 0);
  ck_assert_str_eq(tu_json_keys(x), "id,text,date,body,topic,agenda_item,original_name,"
                                    "document,passage_id,meeting_id,nr,who,due,due_date,status,"
                                    "done,done_in,overdue");
  ck_assert_str_eq(json_string_value(AT(x, "nr")), "A1");
  ck_assert_str_eq(json_string_value(AT(x, "who")), "Leusden");
  ck_assert_str_eq(json_string_value(AT(x, "due")), "1 mei 2020");
  ck_assert_str_eq(json_string_value(AT(x, "due_date")), "2020-05-01");
  ck_assert_str_eq(json_string_value(AT(x, "status")), "loopt");
  ck_assert_str_eq(json_string_value(AT(x, "agenda_item")), "5 Acties");
  ck_assert_str_eq(json_string_value(AT(x, "date")), "2024-03-12");
  ck_assert(json_is_false(AT(x, "done")));
  ck_assert(json_is_true(AT(x, "overdue")));
  ck_assert(json_is_null(AT(x, "done_in")));
  x = json_array_get(aAct, 1);                  /* "Afgerond": done, not overdue */
  ck_assert(json_is_true(AT(x, "done")));
  ck_assert(json_is_false(AT(x, "overdue")));
  x = json_array_get(aAct, 2);                  /* reported done in document 5 */
  ck_assert(json_is_true(AT(x, "done")));
  ck_assert_int_eq(json_integer_value(AT(AT(x, "done_in"), "id")), DOC_WONEN_LATER);
  ck_assert_str_eq(json_string_value(AT(AT(x, "done_in"), "date")), "2024-04-16");
  x = json_array_get(aAct, 3);                  /* no date: never overdue */
  ck_assert(json_is_null(AT(x, "due_date")));
  ck_assert(json_is_false(AT(x, "overdue")));
  ck_assert(json_is_false(AT(x, "done")));
  json_decref(r);
  f.bOpen = 1;
  expect_ids(a.db, 1, &f, "1,4", 2);
  /* an open action whose date is still to come is not overdue */
  tu_exec(a.db, "UPDATE action_item SET done_in=NULL WHERE id=3");
  expect_ids(a.db, 1, &f, "1,3,4", 3);
  r = register_actions(a.db, &f, &err);
  ck_assert(json_is_false(AT(json_array_get(AT(r, "actions"), 1), "overdue")));
  json_decref(r);
  f.zQuery = "fietsenstalling";
  expect_ids(a.db, 1, &f, "4", 1);
  f.zQuery = 0;
  f.zBody = "BO Mobiliteit";
  expect_ids(a.db, 1, &f, "", 0);
  f.zBody = 0;
  f.zTo = "2023";
  expect_ids(a.db, 1, &f, "", 0);
  tu_arch_free(&a);
}
END_TEST

/* ---------------------------------------------------------- the binary */

/* Runs "$OVERLEG ARGS... --storage st" on archive a: its stdout into
** out, its stderr into err.  Evaluates to the exit status. */
#define RUN_CLI(a, out, err, ...) \
  tu_arch_cli(a, 0, (const char *const[]){ __VA_ARGS__, 0 }, out, err)

/* 7. "overleg decisions" and "overleg actions": the JSON of the
** functions, the list for people, the exit statuses and messages. */
START_TEST(t07_cli){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT, err = BUF_INIT;
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--json"), 0);
  json_t *j = json_loads(out.z, 0, 0);
  ck_assert_msg(j!=0, "%s", out.z);
  ck_assert_str_eq(ids(j, "decisions"), "7,1,2,4,5");
  ck_assert_int_eq(json_integer_value(AT(j, "total")), 5);
  json_decref(j);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--body", "bestuurlijk overleg wonen",
                           "--from", "2024-03", "--to", "2024-03", "--limit", "1",
                           "--offset", "1"), 0);
  ck_assert_msg(strcmp(out.z,
    "2024-03-12  BO Wonen · 4 Huisvesting statushouders\n"
    "            Besluit: Het BO verdeelt de taakstelling voor statushouders over de\n"
    "            gemeenten.\n"
    "            01.odt (document 1)\n"
    "\n"
    "2 decisions, 2-2 shown\n")==0, "got:\n%s", out.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--proposals", "woningbouwprogramma"), 0);
  ck_assert_msg(strstr(out.z, "Voorstel: instemmen met het woningbouwprogramma.")
                && strstr(out.z, "1 proposal, 1-1 shown"), "%s", out.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--topic", "Mobiliteit", "--json"), 0);
  ck_assert_msg(strstr(out.z, "\"agenda_item\":\"Fietsroutes\""), "%s", out.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "actions", "--open", "--json"), 0);
  j = json_loads(out.z, 0, 0);
  ck_assert_str_eq(ids(j, "actions"), "1,4");
  json_decref(j);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "actions"), 0);
  ck_assert_msg(strstr(out.z, "2024-03-12  BO Wonen · 5 Acties\n"
                              "            A1 Planning woningbouw rondsturen\n"
                              "            who: Leusden · due: 1 mei 2020 (2020-05-01) · status:"
                              " loopt ·\n            OVERDUE\n"
                              "            01.odt (document 1)\n"), "%s", out.z);
  ck_assert_msg(strstr(out.z, "            who: - · due: na de zomer · open\n"), "%s", out.z);
  ck_assert_msg(strstr(out.z, "done: reported in 05.odt\n            (document 5)\n"), "%s", out.z);
  ck_assert_msg(strstr(out.z, "4 actions, 1-4 shown\n"), "%s", out.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--topic", "Mobiliteit", "nergens"), 0);
  ck_assert_str_eq(out.z, "0 decisions\n");
  /* failures: one line on stderr */
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--body", "BO Woonen"), 1);
  ck_assert_str_eq(err.z, "overleg: unknown body \"BO Woonen\" (did you mean \"BO Wonen\" or"
                          " \"AO Wonen\"?)\n");
  ck_assert_str_eq(out.z, "");
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "actions", "\"open"), 1);
  ck_assert_str_eq(err.z, "overleg: unclosed quote at position 1\n");
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--limit", "0"), 2);
  ck_assert_str_eq(err.z, "overleg: --limit must be a whole number from 1 to 1000\n");
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "decisions", "--open"), 2);
  ck_assert_msg(strstr(err.z, "usage: overleg decisions"), "%s", err.z);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "actions", "--proposals"), 2);
  ck_assert_int_eq(RUN_CLI(&a, &out, &err, "help", "decisions"), 0);
  ck_assert_msg(strstr(out.z, "usage: overleg decisions [--body B]"), "%s", out.z);
  buf_release(&out);
  buf_release(&err);
  tu_arch_free(&a);
}
END_TEST

/* ------------------------------------------------------------ the server */

/* A server on the archive, reading open to anyone (--anonymous-read). */
static void web_start(TuWeb *w){
  static const HttpRoute *const aaRoute[] = {
    api_routes, register_api_routes, admin_routes, pages_routes, register_page_routes, 0
  };
  memset(w, 0, sizeof *w);
  arch_new(&w->a);
  tu_web_start(w, aaRoute, 1);
}

/* 8. GET /api/decisions and /api/actions: the register JSON; 400 with a
** message for bad arguments. */
START_TEST(t08_api){
  TuWeb w;
  web_start(&w);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/api/decisions", 0, &r), 200);
  ck_assert_str_eq(ids(r.j, "decisions"), "7,1,2,4,5");
  ck_assert_str_eq(json_string_value(AT(json_array_get(AT(r.j, "decisions"), 1),
                                        "original_name")), "01.odt");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/decisions?q=woning*+-statushouders&body=BO+Wonen&limit=1",
                              0, &r), 200);
  ck_assert_str_eq(ids(r.j, "decisions"), "7");
  ck_assert_int_eq(json_integer_value(AT(r.j, "total")), 2);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/decisions?proposals=true", 0, &r), 200);
  ck_assert_str_eq(ids(r.j, "decisions"), "6");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/actions?open=1&from=2024&to=2024-03-12", 0, &r), 200);
  ck_assert_str_eq(ids(r.j, "actions"), "1,4");
  ck_assert(json_is_true(AT(json_array_get(AT(r.j, "actions"), 0), "overdue")));
  tu_resp_free(&r);
  tu_web_expect(&w, "/api/decisions?body=BO+Woonen", 400,
             "{\"error\":\"unknown body \\\"BO Woonen\\\" (did you mean", (char*)0);
  tu_web_expect(&w, "/api/actions?topic=Wonne", 400, "unknown topic", (char*)0);
  tu_web_expect(&w, "/api/decisions?from=2021-13", 400, "bad date \\\"2021-13\\\" for from",
             (char*)0);
  tu_web_expect(&w, "/api/decisions?q=%22open", 400, "unclosed quote at position 1", (char*)0);
  tu_web_expect(&w, "/api/decisions?limit=0", 400, "limit must be a whole number from 1 to 1000",
             (char*)0);
  tu_web_expect(&w, "/api/decisions?offset=-1", 400, "offset must be a whole number", (char*)0);
  tu_web_expect(&w, "/api/decisions?proposals=maybe", 400, "proposals is true or false", (char*)0);
  tu_web_expect(&w, "/api/actions?open=2", 400, "open is true or false", (char*)0);
  tu_web_stop(&w);
}
END_TEST

/* 9. The pages: one h1, the form with its labels, the table with its
** header cells, dates as people read them, the link to the passage;
** overdue in words; English; errors on the page with status 400; the
** user's text escaped. */
START_TEST(t09_pages){
  TuWeb w;
  web_start(&w);
  char zLink[64];
  snprintf(zLink, sizeof zLink, "href=\"/document/1#p%lld\"",
           tu_q_int(w.a.db, "SELECT passage_id FROM decision WHERE id=1", 0));
  tu_web_expect(&w, "/besluiten", 200, "<h1>Besluitenregister</h1>",
             "<label for=\"register-q\">", "<label for=\"register-body\">",
             "<label for=\"register-from\">", "<th scope=\"col\">Agendapunt</th>",
             "<td>3a Woningbouwprogramma</td>", "12 maart 2024", zLink,
             "<strong>Besluit:</strong> Het BO stemt in met het regionale woningbouwprogramma",
             "<a href=\"/orgaan/10\">BO Wonen</a>", "Resultaten 1–5 van 5",
             "<option value=\"BO Wonen\">", (char*)0);
  ck_assert_int_eq(tu_web_count(&w, "/besluiten", "<h1"), 1);
  ck_assert_int_eq(tu_web_count(&w, "/besluiten", "<tr>\n<td>"), 5);
  ck_assert_int_eq(tu_web_count(&w, "/besluiten", "<script"), 0);
  ck_assert_int_eq(tu_web_count(&w, "/besluiten?q=statushouders", "<tr>\n<td>"), 1);
  tu_web_expect(&w, "/besluiten?q=statushouders", 200, "href=\"/document/1?q=statushouders#p",
             "value=\"statushouders\"", (char*)0);
  tu_web_expect(&w, "/besluiten?proposals=1", 200, "<h1>Voorgestelde besluiten</h1>",
             "<th scope=\"col\">Voorstel</th>", "instemmen met het woningbouwprogramma",
             "name=\"proposals\" value=\"1\" checked", (char*)0);
  tu_web_expect(&w, "/besluiten?lang=en", 200, "<h1>Decision register</h1>", "12 March 2024",
             (char*)0);
  tu_web_expect(&w, "/besluiten?topic=Mobiliteit&from=2030", 200, "Niets gevonden", (char*)0);
  tu_web_expect(&w, "/besluiten?body=BO+Woonen", 400, "role=\"alert\"",
             "onbekend orgaan &quot;BO Woonen&quot; (bedoelde u &quot;BO Wonen&quot;", "value=\"BO Woonen\"", (char*)0);
  tu_web_expect(&w, "/besluiten?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200,
             "value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", (char*)0);
  ck_assert_int_eq(tu_web_count(&w, "/besluiten?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "<script"), 0);
  tu_web_expect(&w, "/besluiten?offset=x", 400, (char*)0);
  /* the actions: the state in words, overdue marked */
  tu_web_expect(&w, "/acties", 200, "<h1>Acties</h1>", "<th scope=\"col\">Wie</th>",
             "<tr class=\"overdue\">", "<strong class=\"overdue\">Te laat</strong>",
             "Planning woningbouw rondsturen", "1 mei 2020", "Afgerond",
             "Afgerond volgens verslag van 16 april 2024", "name=\"open\" value=\"1\">",
             (char*)0);
  ck_assert_int_eq(tu_web_count(&w, "/acties", "<h1"), 1);
  ck_assert_int_eq(tu_web_count(&w, "/acties", "<tr class=\"overdue\">"), 1);
  /* the due date as a date only where the minutes wrote it otherwise */
  ck_assert_int_eq(tu_web_count(&w, "/acties", "(1 mei 2020)"), 0);
  ck_assert_int_eq(tu_web_count(&w, "/acties", "eind 2999 <span class=\"meta\">(31 december 2999)</span>"), 1);
  ck_assert_int_eq(tu_web_count(&w, "/acties?open=1", "Taakstelling statushouders uitwerken"), 0);
  tu_web_expect(&w, "/acties?open=1", 200, "<h1>Open acties</h1>", "Fietsenstalling onderzoeken",
             "name=\"open\" value=\"1\" checked", (char*)0);
  tu_web_expect(&w, "/acties?lang=en", 200, "<h1>Actions</h1>", "<strong class=\"overdue\">Overdue</strong>",
             (char*)0);
  tu_web_stop(&w);
}
END_TEST

Suite *suite_register(void){
  Suite *s = suite_create("register");
  TCase *tc = tcase_create("register");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_decisions);
  tcase_add_test(tc, t02_filters);
  tcase_add_test(tc, t03_query);
  tcase_add_test(tc, t04_paging);
  tcase_add_test(tc, t05_errors);
  tcase_add_test(tc, t06_actions);
  tcase_add_test(tc, t07_cli);
  tcase_add_test(tc, t08_api);
  tcase_add_test(tc, t09_pages);
  suite_add_tcase(s, tc);
  return s;
}
