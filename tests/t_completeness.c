/*
** t_completeness.c — what is missing from the archive of meetings
** (completeness.c, pages_completeness.c): on the organisation of
** tests/fixtures/org-example.json with meetings and documents written
** with SQL, each kind of finding and what is not one (a meeting with a
** verslag or a besluitenlijst, a concept adopted by a later version, a
** concept whose next meeting is still to come, a meeting still to come,
** a body with too few meetings for a rhythm), the period, the JSON shape,
** the text for "overleg check --meetings", the query plans, and the page
** and the API on a server in the test process (staff only).
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "completeness.h"
#include "pages.h"
#include "pages_completeness.h"
#include "serve.h"
#include "store.h"
#include "testutil.h"

Suite *suite_completeness(void);

/* ------------------------------------------------------------ archive */

/* A document of kind zKind (status zStatus, "NULL" for none) for meeting
** iMeeting of body iBody. */
static void add_doc(sqlite3 *db, int id, int iMeeting, int iBody, const char *zKind,
                    const char *zStatus, const char *zTitle){
  char z[1024];
  snprintf(z, sizeof z,
           "INSERT INTO document(id, sha256, size, format, original_name, title, kind, date,"
           " meeting_id, body_id, status, imported_at)"
           " SELECT %d, printf('%%064d', %d), 100, 'odt', 'doc%d.odt', '%s', '%s', date, %d, %d,"
           " %s, '2024-01-01T00:00:00Z' FROM meeting WHERE id=%d",
           id, id, id, zTitle, zKind, iMeeting, iBody, zStatus, iMeeting);
  tu_exec(db, z);
  ck_assert_int_eq(sqlite3_changes(db), 1);
}

/* Meetings and documents:
**   BO Wonen (10), every 28 days but one gap of 154:
**     1 2023-01-10 verslag vastgesteld                   -
**     2 2023-02-07 verslag concept                       concept after next (3)
**     3 2023-03-07 verslag concept, a later version
**       vastgesteld, agenda                              -
**     4 2023-04-04 agenda                                without minutes; agenda
**     5 2023-09-05 besluitenlijst concept                - (gap 4 -> 5)
**     6 2023-10-03 nothing                               without minutes
**     7 2999-01-01 agenda                                - (not held yet)
**   BO Mobiliteit (6), three meetings far apart, each with a verslag: no
**     rhythm
**     8 2023-01-01, 9 2023-02-01, 10 2024-06-01
**   BORA (1): 11 2024-05-01 verslag concept, 12 2999-02-01 next: not yet */
static void arch_new(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
  ck_assert_str_eq(tu_q_text(a->db, "SELECT group_concat(name, ',') FROM body WHERE id IN (1, 6, 10)"
                             " ORDER BY id", 0), "BORA,BO Mobiliteit,BO Wonen");
  tu_exec(a->db,
    "INSERT INTO meeting(id, date, location) VALUES (1, '2023-01-10', 'Amersfoort'),"
    " (2, '2023-02-07', NULL), (3, '2023-03-07', NULL), (4, '2023-04-04', 'Leusden'),"
    " (5, '2023-09-05', NULL), (6, '2023-10-03', NULL), (7, '2999-01-01', NULL),"
    " (8, '2023-01-01', NULL), (9, '2023-02-01', NULL), (10, '2024-06-01', NULL),"
    " (11, '2024-05-01', NULL), (12, '2999-02-01', NULL);"
    "INSERT INTO meeting_body(meeting_id, body_id) VALUES (1, 10), (2, 10), (3, 10), (4, 10),"
    " (5, 10), (6, 10), (7, 10), (8, 6), (9, 6), (10, 6), (11, 1), (12, 1);");
  add_doc(a->db, 1, 1, 10, "verslag", "'vastgesteld'", "Verslag BO Wonen januari");
  add_doc(a->db, 2, 2, 10, "verslag", "'concept'", "Verslag BO Wonen februari");
  add_doc(a->db, 3, 3, 10, "verslag", "'concept'", "Verslag BO Wonen maart");
  add_doc(a->db, 4, 3, 10, "verslag", "'vastgesteld'", "Verslag BO Wonen maart");
  add_doc(a->db, 5, 3, 10, "agenda", "NULL", "Agenda BO Wonen maart");
  add_doc(a->db, 6, 4, 10, "agenda", "NULL", "Agenda BO Wonen april");
  add_doc(a->db, 7, 5, 10, "besluitenlijst", "'concept'", "Besluitenlijst BO Wonen september");
  add_doc(a->db, 8, 7, 10, "agenda", "NULL", "Agenda BO Wonen 2999");
  add_doc(a->db, 9, 8, 6, "verslag", "'vastgesteld'", "Verslag BO Mobiliteit 1");
  add_doc(a->db, 10, 9, 6, "verslag", "'vastgesteld'", "Verslag BO Mobiliteit 2");
  add_doc(a->db, 11, 10, 6, "verslag", "'vastgesteld'", "Verslag BO Mobiliteit 3");
  add_doc(a->db, 12, 11, 1, "verslag", "'concept'", "Verslag BORA mei");
  tu_exec(a->db, "UPDATE document SET version_of=3 WHERE id=4");
}

#define AT(j, k) json_object_get((j), (k))

/* The ids of the array zKey of r, each by the path zPath ("" the
** element's own id, else the id of its object zPath), comma-separated. */
static const char *ids(const json_t *r, const char *zKey, const char *zPath){
  static char z[256];
  size_t n = 0;
  z[0] = 0;
  json_t *a = AT(r, zKey), *e;
  size_t i;
  json_array_foreach(a, i, e){
    json_t *o = zPath[0] ? AT(e, zPath) : e;
    n += (size_t)snprintf(z+n, sizeof z - n, "%s%lld", i ? "," : "",
                          (long long)json_integer_value(AT(o, "id")));
  }
  return z;
}

static json_t *report(sqlite3 *db, const char *zFrom, const char *zTo){
  Err err = ERR_INIT;
  json_t *r = completeness_report(db, zFrom, zTo, &err);
  ck_assert_msg(r!=0, "%s", err.msg);
  return r;
}

/* 1. Each kind of finding, and what is not one; the JSON's shape. */
START_TEST(t01_findings){
  TuArch a;
  arch_new(&a);
  json_t *r = report(a.db, 0, 0);
  ck_assert_str_eq(tu_json_keys(r), "from,to,meetings_without_minutes,concept_after_next,"
                                    "agendas_without_minutes,gaps,counts");
  ck_assert(json_is_null(AT(r, "from")) && json_is_null(AT(r, "to")));
  ck_assert_str_eq(tu_json_dump(AT(r, "counts")), "{\"meetings_without_minutes\":2,"
                   "\"concept_after_next\":1,\"agendas_without_minutes\":1,\"gaps\":1,\"total\":5}");
  /* meetings without minutes: newest first, with bodies and documents */
  ck_assert_str_eq(ids(r, "meetings_without_minutes", ""), "6,4");
  json_t *m = json_array_get(AT(r, "meetings_without_minutes"), 1);
  ck_assert_str_eq(tu_json_keys(m), "id,date,location,bodies,documents");
  ck_assert_str_eq(tu_json_dump(AT(m, "bodies")),
                   "[{\"id\":10,\"name\":\"BO Wonen\",\"full_name\":\"Bestuurlijk Overleg Wonen\","
                   "\"kind\":\"BO\"}]");
  ck_assert_str_eq(json_string_value(AT(m, "location")), "Leusden");
  ck_assert_str_eq(tu_json_dump(AT(m, "documents")),
                   "[{\"id\":6,\"title\":\"Agenda BO Wonen april\",\"original_name\":\"doc6.odt\","
                   "\"date\":\"2023-04-04\",\"kind\":\"agenda\",\"status\":null,\"format\":\"odt\","
                   "\"size\":100}]");
  ck_assert_str_eq(tu_json_dump(AT(json_array_get(AT(r, "meetings_without_minutes"), 0),
                                   "documents")), "[]");
  /* concept after the next meeting: only the verslag of meeting 2 */
  json_t *c = json_array_get(AT(r, "concept_after_next"), 0);
  ck_assert_str_eq(tu_json_keys(c), "document,body,meeting,next_meeting");
  ck_assert_int_eq(json_integer_value(AT(AT(c, "document"), "id")), 2);
  ck_assert_str_eq(json_string_value(AT(AT(c, "document"), "status")), "concept");
  ck_assert_str_eq(json_string_value(AT(AT(c, "body"), "name")), "BO Wonen");
  ck_assert_str_eq(tu_json_dump(AT(c, "meeting")), "{\"id\":2,\"date\":\"2023-02-07\"}");
  ck_assert_str_eq(tu_json_dump(AT(c, "next_meeting")), "{\"id\":3,\"date\":\"2023-03-07\"}");
  /* agendas without minutes: the agenda of meeting 4, not that of 3 or 7 */
  ck_assert_str_eq(ids(r, "agendas_without_minutes", "document"), "6");
  ck_assert_str_eq(tu_json_keys(json_array_get(AT(r, "agendas_without_minutes"), 0)),
                   "document,body,meeting");
  ck_assert_str_eq(tu_json_dump(AT(json_array_get(AT(r, "agendas_without_minutes"), 0), "meeting")),
                   "{\"id\":4,\"date\":\"2023-04-04\",\"location\":\"Leusden\"}");
  /* the gap of BO Wonen; BO Mobiliteit has too few meetings for a rhythm */
  ck_assert_str_eq(tu_json_dump(json_array_get(AT(r, "gaps"), 0)),
                   "{\"body\":{\"id\":10,\"name\":\"BO Wonen\",\"full_name\":\"Bestuurlijk Overleg"
                   " Wonen\",\"kind\":\"BO\"},\"usual_days\":28,\"from\":{\"id\":4,\"date\":"
                   "\"2023-04-04\"},\"to\":{\"id\":5,\"date\":\"2023-09-05\"},\"days\":154}");
  json_decref(r);
  /* adopting the verslag of meeting 2 ends that finding; minutes for
  ** meeting 4 end two */
  tu_exec(a.db, "UPDATE document SET status='vastgesteld' WHERE id=2;"
                "UPDATE document SET kind='besluitenlijst' WHERE id=8;"
                "UPDATE document SET meeting_id=4, kind='verslag' WHERE id=8");
  r = report(a.db, "", "");
  ck_assert_str_eq(tu_json_dump(AT(r, "counts")), "{\"meetings_without_minutes\":1,"
                   "\"concept_after_next\":0,\"agendas_without_minutes\":0,\"gaps\":1,\"total\":2}");
  json_decref(r);
  /* a regular rhythm: meetings in the gap end it (every 28 days, once 14) */
  tu_exec(a.db, "INSERT INTO meeting(id, date) VALUES (13, '2023-05-02'), (14, '2023-05-30'),"
                " (15, '2023-06-27'), (16, '2023-07-25'), (17, '2023-08-22');"
                "INSERT INTO meeting_body VALUES (13, 10), (14, 10), (15, 10), (16, 10), (17, 10)");
  r = report(a.db, 0, 0);
  ck_assert_int_eq(json_array_size(AT(r, "gaps")), 0);
  json_decref(r);
  tu_arch_free(&a);
}
END_TEST

/* 2. The period: by the meeting's date; a gap when it overlaps. */
START_TEST(t02_period){
  TuArch a;
  arch_new(&a);
  json_t *r = report(a.db, "2023-05", "2023");
  ck_assert_str_eq(json_string_value(AT(r, "from")), "2023-05-01");
  ck_assert_str_eq(json_string_value(AT(r, "to")), "2023-12-31");
  ck_assert_str_eq(ids(r, "meetings_without_minutes", ""), "6");
  ck_assert_int_eq(json_array_size(AT(r, "concept_after_next")), 0);
  ck_assert_int_eq(json_array_size(AT(r, "agendas_without_minutes")), 0);
  ck_assert_int_eq(json_array_size(AT(r, "gaps")), 1);
  json_decref(r);
  r = report(a.db, "2023-02", "2023-02");
  ck_assert_str_eq(tu_json_dump(AT(r, "counts")), "{\"meetings_without_minutes\":0,"
                   "\"concept_after_next\":1,\"agendas_without_minutes\":0,\"gaps\":0,\"total\":1}");
  json_decref(r);
  r = report(a.db, "2023-04-04", 0);
  ck_assert(json_is_null(AT(r, "to")));
  ck_assert_str_eq(ids(r, "meetings_without_minutes", ""), "6,4");
  json_decref(r);
  Err err = ERR_INIT;
  ck_assert_ptr_null(completeness_report(a.db, "2023-13", 0, &err));
  ck_assert_str_eq(err.msg, "bad date \"2023-13\" for from (use 2021, 2021-03 or 2021-03-01)");
  Err err2 = ERR_INIT;
  ck_assert_ptr_null(completeness_report(a.db, 0, "gisteren", &err2));
  ck_assert_str_eq(err2.msg, "bad date \"gisteren\" for to (use 2021, 2021-03 or 2021-03-01)");
  tu_arch_free(&a);
}
END_TEST

/* 3. The text of "overleg check --meetings", and its JSON. */
START_TEST(t03_print){
  TuArch a;
  arch_new(&a);
  Buf out = BUF_INIT;
  Err err = ERR_INIT;
  ck_assert_int_eq(completeness_print(a.db, 0, 0, 0, &out, &err), 5);
  ck_assert_str_eq(out.z,
    "Meetings without minutes (2):\n"
    "  2023-10-03  meeting 6 BO Wonen: no documents\n"
    "  2023-04-04  meeting 4 BO Wonen: has agenda Agenda BO Wonen april (doc6.odt, document 6)\n"
    "\n"
    "Minutes still concept after the next meeting (1):\n"
    "  2023-02-07  BO Wonen verslag Verslag BO Wonen februari (doc2.odt, document 2):"
    " concept, next meeting 2023-03-07\n"
    "\n"
    "Agendas without minutes (1):\n"
    "  2023-04-04  BO Wonen agenda Agenda BO Wonen april (doc6.odt, document 6):"
    " meeting 4 has no minutes\n"
    "\n"
    "Gaps in a body's rhythm (1):\n"
    "  BO Wonen: 2023-04-04 to 2023-09-05, 154 days (usually 28)\n"
    "\n"
    "5 findings in the meetings\n");
  buf_reset(&out);
  ck_assert_int_eq(completeness_print(a.db, "2030", 0, 0, &out, &err), 0);
  ck_assert_str_eq(out.z, "0 findings in the meetings\n");
  buf_reset(&out);
  ck_assert_int_eq(completeness_print(a.db, "2023-02", "2023-02", 1, &out, &err), 1);
  json_t *j = json_loads(out.z, 0, 0);
  ck_assert_ptr_nonnull(j);
  ck_assert_int_eq(json_integer_value(AT(AT(j, "counts"), "total")), 1);
  json_decref(j);
  buf_reset(&out);
  ck_assert_int_eq(completeness_print(a.db, "x", 0, 0, &out, &err), -1);
  ck_assert_str_eq(err.msg, "bad date \"x\" for from (use 2021, 2021-03 or 2021-03-01)");
  ck_assert_int_eq((int)out.n, 0);
  buf_release(&out);
  tu_arch_free(&a);
}
END_TEST

/* The statements a report runs, caught by the trace. */
typedef struct Caught {
  int n;
  char *az[16];
} Caught;

static int catch_stmt(unsigned t, void *pCtx, void *p, void *x){
  Caught *c = pCtx;
  const char *z = sqlite3_sql((sqlite3_stmt*)p);
  if( t==SQLITE_TRACE_STMT && strncmp(z, "SELECT", 6)==0 && c->n<16 ) c->az[c->n++] = strdup(z);
  return 0;
}

/* 4. The query plans: each statement walks the meetings by meeting_date
** (the rhythm: meeting_body) and finds documents through document_meeting; no
** table is scanned whole (a scan of a subquery's rows is fine). */
START_TEST(t04_plans){
  TuArch a;
  arch_new(&a);
  Caught c = { 0 };
  sqlite3_trace_v2(a.db, SQLITE_TRACE_STMT, catch_stmt, &c);
  json_decref(report(a.db, "2023", "2024"));
  sqlite3_trace_v2(a.db, 0, 0, 0);
  ck_assert_int_eq(c.n, 4);
  for(int i=0; i<c.n; i++){
    Buf q = BUF_INIT, plan = BUF_INIT;
    buf_appendf(&q, "EXPLAIN QUERY PLAN %s", c.az[i]);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(a.db, q.z, -1, &st, 0), SQLITE_OK);
    while( sqlite3_step(st)==SQLITE_ROW ){
      buf_appendf(&plan, "%s\n", (const char*)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    for(const char *p=plan.z; (p = strstr(p, "SCAN "))!=0; p += 5){
      char zName[32], zCo[48];
      ck_assert_int_eq(sscanf(p+5, "%31[a-z0-9_]", zName), 1);
      snprintf(zCo, sizeof zCo, "CO-ROUTINE %s\n", zName);
      /* the rhythm reads every body's meetings: that one walks meeting_body */
      ck_assert_msg(strstr(plan.z, zCo)!=0 || (i==3 && strcmp(zName, "mb")==0),
                    "a scan of %s in\n%s", zName, plan.z);
    }
    ck_assert_msg(i==3 || strstr(plan.z, "USING INDEX meeting_date")
                  || strstr(plan.z, "USING COVERING INDEX meeting_date"), "%s", plan.z);
    ck_assert_msg(i==3 || strstr(plan.z, "document_meeting"), "%s", plan.z);
    buf_release(&q);
    buf_release(&plan);
    free(c.az[i]);
  }
  tu_arch_free(&a);
}
END_TEST

/* ------------------------------------------------------------ the server */

enum { READER, STAFF };

/* A server on the archive with a reader (session READER) and a staff
** member (STAFF) logged in; reading open to anyone. */
static void web_start(TuWeb *w){
  static const HttpRoute *const aaRoute[] = {
    api_routes, completeness_routes, admin_routes, pages_routes, 0
  };
  memset(w, 0, sizeof *w);
  arch_new(&w->a);
  tu_web_user(w, READER, "lezer", AUTH_LEZER, "een lang wachtwoord");
  tu_web_user(w, STAFF, "medewerker", AUTH_MEDEWERKER, "een lang wachtwoord");
  tu_web_start(w, aaRoute, 1);
}

/* 5. GET /api/completeness: the report as it is; staff only; 400 for a
** bad date. */
START_TEST(t05_api){
  TuWeb w;
  web_start(&w);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/api/completeness", w.azSession[STAFF], &r), 200);
  ck_assert_int_eq(json_integer_value(AT(AT(r.j, "counts"), "total")), 5);
  ck_assert_str_eq(ids(r.j, "meetings_without_minutes", ""), "6,4");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/completeness?from=2023-02&to=2023-02", w.azSession[STAFF],
                              &r), 200);
  ck_assert_str_eq(ids(r.j, "concept_after_next", "document"), "2");
  ck_assert_int_eq(json_integer_value(AT(AT(r.j, "counts"), "total")), 1);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/completeness?from=2023-13", w.azSession[STAFF], &r), 400);
  ck_assert_msg(strstr(r.body.z, "bad date \\\"2023-13\\\" for from"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/completeness", w.azSession[READER], &r), 403);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/api/completeness", 0, &r), 401);
  tu_resp_free(&r);
  tu_web_stop(&w);
}
END_TEST

/* 6. GET /volledigheid: one h1, a section per kind with its count, the
** links to meetings and documents, header cells with scope, no script;
** English; a bad date on the page with status 400; staff only. */
START_TEST(t06_page){
  TuWeb w;
  web_start(&w);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/volledigheid", w.azSession[STAFF], &r), 200);
  static const char *const azWant[] = {
    "<h1>Volledigheid van de vergaderingen</h1>",
    "<h2 id=\"completeness-meetings\">Vergaderingen zonder verslag (2)</h2>",
    "<h2 id=\"completeness-concept\">Verslagen nog concept na de volgende vergadering (1)</h2>",
    "<h2 id=\"completeness-agendas\">Agenda&#39;s zonder verslag (1)</h2>",
    "<h2 id=\"completeness-gaps\">Gaten in het vergaderritme (1)</h2>",
    "<a href=\"/vergadering/6\">3 oktober 2023</a>",
    "<a href=\"/vergadering/4\">4 april 2023</a><br><span class=\"meta\">Leusden</span>",
    "<a href=\"/document/6\">Agenda BO Wonen april</a>",
    "<a href=\"/document/2\">Verslag BO Wonen februari</a>",
    "<a href=\"/vergadering/3\">7 maart 2023</a>",
    "<a href=\"/orgaan/10\">BO Wonen</a>",
    "<td>154</td>", "<td>28</td>",
    "<th scope=\"col\">Volgende vergadering</th>",
    "<label for=\"completeness-from\">", "Geen documenten",
  };
  for(size_t i=0; i<sizeof azWant/sizeof azWant[0]; i++){
    ck_assert_msg(strstr(r.body.z, azWant[i]), "no \"%s\" in\n%.2500s", azWant[i], r.body.z);
  }
  ck_assert_int_eq(tu_count(r.body.z, "<h1"), 1);
  ck_assert_int_eq(tu_count(r.body.z, "<section"), 4);
  ck_assert_int_eq(tu_count(r.body.z, "<script"), 0);
  ck_assert_int_eq(tu_count(r.body.z, "<th>"), 0);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/volledigheid?from=2030", w.azSession[STAFF], &r), 200);
  ck_assert_int_eq(tu_count(r.body.z, "Niets ontbreekt."), 4);
  ck_assert_msg(strstr(r.body.z, "value=\"2030\""), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/volledigheid?lang=en", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "<h1>Completeness of the meetings</h1>")
                && strstr(r.body.z, "Meetings without minutes (2)")
                && strstr(r.body.z, "3 October 2023"), "%.2500s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/volledigheid?from=%3Cb%3E", w.azSession[STAFF], &r), 400);
  ck_assert_msg(strstr(r.body.z, "role=\"alert\">ongeldige datum &quot;&lt;b&gt;&quot; bij &quot;van&quot;")
                && strstr(r.body.z, "value=\"&lt;b&gt;\""), "%.2500s", r.body.z);
  ck_assert_int_eq(tu_count(r.body.z, "<section"), 0);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/volledigheid", w.azSession[READER], &r), 403);
  tu_resp_free(&r);
  ck_assert_int_ne(tu_web_get(&w, "/volledigheid", 0, &r), 200);
  tu_resp_free(&r);
  tu_web_stop(&w);
}
END_TEST

Suite *suite_completeness(void){
  Suite *s = suite_create("completeness");
  TCase *tc = tcase_create("completeness");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_findings);
  tcase_add_test(tc, t02_period);
  tcase_add_test(tc, t03_print);
  tcase_add_test(tc, t04_plans);
  tcase_add_test(tc, t05_api);
  tcase_add_test(tc, t06_page);
  suite_add_tcase(s, tc);
  return s;
}
