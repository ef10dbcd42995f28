/*
** t_corrections.c — staff corrections of what the minutes reader
** recognised (correct.c, pages_correct.c, the document page) and reading
** stored originals again (import_reread, rereadcmd.c): decisions added,
** marked "not a decision", restored and deleted, person matches and the
** review list of unmatched names, each with its audit row and each
** refusal; the forms and the API on a server in the test process (roles,
** CSRF, escaping); and a reread that restores the rows of an archive
** made before minutes recognition while keeping every correction and
** every decision's id.  Run from the repository root.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "correct.h"
#include "hostile.h"
#include "import.h"
#include "pages.h"
#include "pages_correct.h"
#include "rereadcmd.h"
#include "search.h"
#include "testutil.h"

Suite *suite_corrections(void);

/* Two verslagen of the BO Wonen: document 1 with two decisions, an
** action, attendees of whom "K. Onbekend (Baarn)" matches no person;
** document 2 with the same unknown name and one decision. */
static void arch_new(TuArch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
  HOSTILE_DOC(tu_path(a->zIn, "01.odt"), "# Verslag BO Wonen 12 maart 2024",
      "Aanwezig: J. de Vries (Leusden), K. Onbekend (Baarn), Jan de Vries (Soest)",
      "## 3a Woningbouwprogramma",
      "Besluit: Het BO stemt in met het regionale woningbouwprogramma 2024-2030.",
      "## 4 Huisvesting statushouders",
      "Besluit: Het BO verdeelt de taakstelling voor statushouders over de gemeenten.",
      "## 5 Acties",
      "Actie: Leusden stuurt de planning van de woningbouw rond.",
      "## 6 Rondvraag", "Soest vraagt naar de fietsenstalling.");
  HOSTILE_DOC(tu_path(a->zIn, "02.odt"), "# Verslag BO Wonen 16 april 2024",
      "Aanwezig: K. Onbekend (Baarn), J. de Vries (Leusden)",
      "## 2 Woningbouw", "Besluit: De planning van de woningbouw wordt vastgesteld.");
  tu_arch_import(a, 0);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM document", 0), 2);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM decision WHERE document_id=1", 0), 2);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM attendance WHERE document_id=1", 0), 3);
}

static long long audits(TuArch *a, const char *zAction){
  return tu_q_int(a->db, "SELECT count(*) FROM audit WHERE action=?1 AND actor='staf'", zAction);
}

static long long pas_of(TuArch *a, const char *zLike){
  return tu_q_int(a->db, "SELECT id FROM passage WHERE text LIKE ?1", zLike);
}

/* 1. Decisions: a staff decision added after the document's last, marked
** removed and restored, deleted; a recognised one cannot be deleted;
** every refusal with its message and nothing written. */
START_TEST(t01_decisions){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  long long iNew = 0, iPas = pas_of(&a, "%fietsenstalling%");
  long long iItem = tu_q_int(a.db, "SELECT id FROM agenda_item WHERE document_id=1 AND nr='6'", 0);
  ck_assert_int_gt(iItem, 0);
  ck_assert_int_eq(correct_decision_add(a.db, 1, "  De fietsenstalling komt er.\n", iPas, iItem, 0,
                                        "staf", &iNew, &err), CORRECT_OK);
  ck_assert_int_gt(iNew, 0);
  long long iStaff = iNew;
  char zId[32];
  snprintf(zId, sizeof zId, "%lld", iNew);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT source || '|' || seq || '|' || text || '|' || removed"
                             " FROM decision WHERE id=?1", zId), "staff|2|De fietsenstalling komt er.|0");
  ck_assert_int_eq(audits(&a, "decision.add"), 1);
  /* refusals */
  static const struct { const char *zText; long long iDoc, iPas; CorrectRc rc; const char *zMsg; } aBad[] = {
    { "   ", 1, 0, CORRECT_REFUSED, "the text of the decision is empty" },
    { "x", 1, -1, CORRECT_REFUSED, "is not a passage of document 1" },
    { "x", 99, 0, CORRECT_NOT_FOUND, "no document 99" },
  };
  long long iOther = tu_q_int(a.db, "SELECT min(id) FROM passage WHERE document_id=2", 0);
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    Err e = ERR_INIT;
    long long iP = aBad[i].iPas<0 ? iOther : aBad[i].iPas;
    ck_assert_int_eq(correct_decision_add(a.db, aBad[i].iDoc, aBad[i].zText, iP, 0, 0, "staf",
                                          &iNew, &e), aBad[i].rc);
    ck_assert_msg(strstr(e.msg, aBad[i].zMsg), "%zu: %s", i, e.msg);
    ck_assert_int_eq(iNew, 0);
  }
  char *zLong = xrealloc(0, CORRECT_TEXT_MAX+2);
  memset(zLong, 'a', CORRECT_TEXT_MAX+1);
  zLong[CORRECT_TEXT_MAX+1] = 0;
  Err e = ERR_INIT;
  ck_assert_int_eq(correct_decision_add(a.db, 1, zLong, 0, 0, 0, "staf", &iNew, &e), CORRECT_REFUSED);
  ck_assert_msg(strstr(e.msg, "too long"), "%s", e.msg);
  free(zLong);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision", 0), 4);
  ck_assert_int_eq(audits(&a, "decision.add"), 1);
  /* not a decision, and back */
  ck_assert_int_eq(correct_decision_removed(a.db, 1, 1, 1, "staf", &err), CORRECT_OK);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT removed FROM decision WHERE id=1", 0), 1);
  ck_assert_int_eq(correct_decision_removed(a.db, 1, 1, 1, "staf", &err), CORRECT_OK);
  ck_assert_int_eq(audits(&a, "decision.remove"), 1);     /* no change, no row */
  ck_assert_int_eq(correct_decision_removed(a.db, 0, 1, 0, "staf", &err), CORRECT_OK);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT removed FROM decision WHERE id=1", 0), 0);
  ck_assert_int_eq(audits(&a, "decision.restore"), 1);
  e = (Err)ERR_INIT;
  ck_assert_int_eq(correct_decision_removed(a.db, 2, 1, 1, "staf", &e), CORRECT_NOT_FOUND);
  ck_assert_str_eq(e.msg, "no decision 1 in document 2");
  /* deleting */
  e = (Err)ERR_INIT;
  ck_assert_int_eq(correct_decision_delete(a.db, 1, 1, "staf", &e), CORRECT_REFUSED);
  ck_assert_msg(strstr(e.msg, "was recognised"), "%s", e.msg);
  ck_assert_int_eq(correct_decision_delete(a.db, 1, iStaff, "staf", &err), CORRECT_OK);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision WHERE source='staff'", 0), 0);
  ck_assert_int_eq(audits(&a, "decision.delete"), 1);
  ck_assert_msg(strstr(tu_q_text(a.db, "SELECT detail FROM audit WHERE action='decision.delete'", 0),
                       "fietsenstalling"), "detail");
  tu_arch_free(&a);
}
END_TEST

/* 2. Person matches: one row set and cleared; the review list groups the
** unmatched rows by name and organisation as written, with the first and
** last document; matching the group settles every row of it. */
START_TEST(t02_persons){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  json_t *j = correct_unmatched(a.db, &err);
  ck_assert_ptr_nonnull(j);
  ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 1);
  json_t *g = json_array_get(json_object_get(j, "groups"), 0);
  ck_assert_str_eq(tu_json_dump(g), "{\"name\":\"K. Onbekend\",\"organisation\":\"Baarn\",\"count\":2,"
    "\"first\":{\"id\":1,\"title\":\"Verslag BO Wonen 12 maart 2024\",\"original_name\":\"01.odt\","
    "\"date\":\"2024-03-12\"},\"last\":{\"id\":2,\"title\":\"Verslag BO Wonen 16 april 2024\","
    "\"original_name\":\"02.odt\",\"date\":\"2024-04-16\"}}");
  json_decref(j);
  long long iAtt = tu_q_int(a.db, "SELECT id FROM attendance WHERE document_id=1 AND name='K. Onbekend'", 0);
  long long iPerson = tu_q_int(a.db, "SELECT id FROM person WHERE name='N. Vermeulen'", 0);
  char zP[32];
  snprintf(zP, sizeof zP, "%lld", iAtt);
  ck_assert_int_eq(correct_attendance_person(a.db, 1, iAtt, iPerson, "staf", &err), CORRECT_OK);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT person_id FROM attendance WHERE id=?1", zP), iPerson);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT person_by FROM attendance WHERE id=?1", zP), "staf");
  ck_assert_int_eq(audits(&a, "attendance.person"), 1);
  Err e = ERR_INIT;
  ck_assert_int_eq(correct_attendance_person(a.db, 1, iAtt, 999999, "staf", &e), CORRECT_REFUSED);
  ck_assert_str_eq(e.msg, "no person 999999 in the organisation");
  e = (Err)ERR_INIT;
  ck_assert_int_eq(correct_attendance_person(a.db, 2, iAtt, iPerson, "staf", &e), CORRECT_NOT_FOUND);
  /* the group is now one row */
  j = correct_unmatched(a.db, &err);
  ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(json_object_get(j, "groups"), 0),
                                                      "count")), 1);
  json_decref(j);
  long nRows = 0;
  ck_assert_int_eq(correct_unmatched_match(a.db, "K. Onbekend", "Baarn", iPerson, "staf", &nRows, &err),
                   CORRECT_OK);
  ck_assert_int_eq(nRows, 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM attendance WHERE name='K. Onbekend'"
                            " AND person_by='staf'", 0), 2);
  ck_assert_int_eq(audits(&a, "attendance.person_group"), 1);
  e = (Err)ERR_INIT;
  ck_assert_int_eq(correct_unmatched_match(a.db, "K. Onbekend", "Baarn", iPerson, "staf", &nRows, &e),
                   CORRECT_REFUSED);
  ck_assert_str_eq(e.msg, "no unmatched attendee is named \"K. Onbekend\" (Baarn)");
  j = correct_unmatched(a.db, &err);
  ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 0);
  json_decref(j);
  /* cleared: nobody, by staff; stays off the list */
  ck_assert_int_eq(correct_attendance_person(a.db, 0, iAtt, 0, "staf", &err), CORRECT_OK);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT coalesce(person_id, 'NULL') || person_by FROM attendance"
                             " WHERE id=?1", zP), "NULLstaf");
  ck_assert_int_eq(audits(&a, "attendance.person"), 2);
  tu_arch_free(&a);
}
END_TEST

/* ------------------------------------------------------------ the server */

enum { READER, STAFF, AUDITOR };   /* the auditor: made by the test that needs one */

static void web_start(TuWeb *w){
  static const HttpRoute *const aaRoute[] = { correct_routes, admin_routes, pages_routes, 0 };
  memset(w, 0, sizeof *w);
  arch_new(&w->a);
  tu_web_user(w, READER, "lezer", AUTH_LEZER, "een lang wachtwoord");
  tu_web_user(w, STAFF, "staf", AUTH_MEDEWERKER, "een lang wachtwoord");
  tu_web_start(w, aaRoute, 0);
}

/* 3. The document page and the forms: the section for everyone, forms
** for staff only; adding (with the text escaped on the page), removing,
** matching a person redirect back with a message; refusals on the page
** with 422/400; a reader 403; no CSRF token 403. */
START_TEST(t03_pages){
  TuWeb w;
  web_start(&w);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/document/1", w.azSession[READER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "<h2 id=\"rec-h\">Herkend in dit document</h2>")
             && strstr(r.body.z, "<a href=\"/besluit/1\">Het BO stemt in met")
             && strstr(r.body.z, "<span class=\"unmatched\">niet herkend</span>")
             && strstr(r.body.z, "J. de Vries (Leusden)")
             && !strstr(r.body.z, "Besluit toevoegen"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/document/1?lang=en", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Recognised in this document") && strstr(r.body.z, "Add a decision")
             && strstr(r.body.z, "Not a decision"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/document/1", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "<optgroup label=\"Van Baarn\">")
             && strstr(r.body.z, "action=\"/document/1/besluiten/1/geen-besluit\"")
             && strstr(r.body.z, "Geen besluit</button>"), "%s", r.body.z);
  tu_resp_free(&r);
  char zPas[32];
  snprintf(zPas, sizeof zPas, "%lld", pas_of(&w.a, "%fietsenstalling%"));
  char zCsrf[AUTH_TOKEN_HEX+1];
  snprintf(zCsrf, sizeof zCsrf, "%s", tu_web_csrf(&w, STAFF));
  const char *azAdd[] = { "csrf", zCsrf, "text", "Besluit \"><script>alert(1)</script>",
                          "passage", zPas, "agenda_item", "", "proposed", "0", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten", azAdd, &r), 303);
  ck_assert_str_eq(tu_resp_header(&r, "Location"), "/document/1?gedaan=added#herkend");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/document/1?gedaan=added", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Besluit &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
             && strstr(r.body.z, "Het besluit is toegevoegd.")
             && strstr(r.body.z, "toegevoegd door medewerker"), "%s", r.body.z);
  ck_assert_int_eq(tu_count(r.body.z, "<script"), 0);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM audit WHERE action='decision.add'"
                            " AND actor='staf'", 0), 1);
  /* refused on the page */
  char zOther[32];
  snprintf(zOther, sizeof zOther, "%lld", tu_q_int(w.a.db, "SELECT min(id) FROM passage WHERE document_id=2", 0));
  const char *azOther[] = { "csrf", zCsrf, "text", "Iets", "passage", zOther, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten", azOther, &r), 422);
  ck_assert_msg(strstr(r.body.z, "role=\"alert\"") && strstr(r.body.z, "hoort niet bij document 1")
             && strstr(r.body.z, ">Iets</textarea>"), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azEmpty[] = { "csrf", zCsrf, "text", "", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten", azEmpty, &r), 422);
  tu_resp_free(&r);
  const char *azBadId[] = { "csrf", zCsrf, "text", "x", "passage", "abc", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten", azBadId, &r), 400);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/99/besluiten", azEmpty, &r), 404);
  tu_resp_free(&r);
  /* a reader may not, and a form without its token is refused */
  const char *azReader[] = { "csrf", tu_web_csrf(&w, READER), "text", "x", 0 };
  ck_assert_int_eq(tu_web_post(&w, READER, "/document/1/besluiten", azReader, &r), 403);
  tu_resp_free(&r);
  const char *azNoCsrf[] = { "text", "x", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten", azNoCsrf, &r), 403);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM decision", 0), 4);
  /* not a decision */
  const char *azRemove[] = { "csrf", zCsrf, "value", "1", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten/2/geen-besluit", azRemove, &r), 303);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT removed FROM decision WHERE id=2", 0), 1);
  ck_assert_int_eq(tu_web_get(&w, "/document/1", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Toch een besluit</button>"), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azBadValue[] = { "csrf", zCsrf, "value", "2", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/besluiten/2/geen-besluit", azBadValue, &r), 400);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/2/besluiten/2/geen-besluit", azRemove, &r), 404);
  tu_resp_free(&r);
  /* a person */
  char zAtt[64], zPerson[32];
  snprintf(zAtt, sizeof zAtt, "/document/1/aanwezigen/%lld/persoon",
           tu_q_int(w.a.db, "SELECT id FROM attendance WHERE document_id=1 AND name='K. Onbekend'", 0));
  snprintf(zPerson, sizeof zPerson, "%lld", tu_q_int(w.a.db, "SELECT id FROM person WHERE name='N. Vermeulen'", 0));
  const char *azPerson[] = { "csrf", zCsrf, "person", zPerson, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zAtt, azPerson, &r), 303);
  tu_resp_free(&r);
  const char *azNoPerson[] = { "csrf", zCsrf, "person", "999999", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zAtt, azNoPerson, &r), 422);
  ck_assert_msg(strstr(r.body.z, "geen persoon 999999"), "%s", r.body.z);
  tu_resp_free(&r);
  /* the review page */
  ck_assert_int_eq(tu_web_get(&w, "/controle/namen", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "<h1>Niet herkende namen</h1>") && strstr(r.body.z, "K. Onbekend")
             && strstr(r.body.z, "href=\"/document/2#herkend\""), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/controle/namen", w.azSession[READER], &r), 403);
  tu_resp_free(&r);
  const char *azGroup[] = { "csrf", zCsrf, "name", "K. Onbekend", "organisation", "Baarn",
                            "person", zPerson, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/controle/namen", azGroup, &r), 303);
  ck_assert_str_eq(tu_resp_header(&r, "Location"), "/controle/namen?gedaan=1");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/controle/namen?gedaan=1", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "1 aanwezige gekoppeld.")
             && strstr(r.body.z, "Alle namen zijn aan een persoon gekoppeld"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/controle/namen", azGroup, &r), 422);
  tu_resp_free(&r);
  tu_web_stop(&w);
}
END_TEST

/* 4. The API: add (201 with the row), removed, a person, the review list;
** refusals as JSON; Bearer tokens need no CSRF token. */
START_TEST(t04_api){
  TuWeb w;
  web_start(&w);
  char zToken[AUTH_TOKEN_HEX+1], zReader[AUTH_TOKEN_HEX+1];
  Err err = ERR_INIT;
  ck_assert_int_eq(auth_token_new(w.a.db, "staf", zToken, &err), 0);
  ck_assert_int_eq(auth_token_new(w.a.db, "lezer", zReader, &err), 0);
  TuResp r;
  TuReq q;
  memset(&q, 0, sizeof q);
  q.zAuth = zToken;
  ck_assert_int_eq(tu_web_get(&w, "/api/attendance/unmatched", 0, &r), 401);
  tu_resp_free(&r);
  tu_http(&r, w.zUrl, "/api/attendance/unmatched", &q);
  ck_assert_int_eq(r.status, 200);
  ck_assert_int_eq(json_integer_value(json_object_get(r.j, "total")), 1);
  tu_resp_free(&r);
  q.zMethod = "POST";
  const char *azAdd[] = { "text", "Het BO neemt kennis van de brief.", "proposed", "1", 0 };
  q.azField = azAdd;
  tu_http(&r, w.zUrl, "/api/documents/2/decisions", &q);
  ck_assert_int_eq(r.status, 201);
  ck_assert_str_eq(tu_json_dump(r.j), "{\"id\":4,\"document_id\":2,\"seq\":1,"
    "\"text\":\"Het BO neemt kennis van de brief.\",\"label\":\"\",\"proposed\":true,"
    "\"source\":\"staff\",\"removed\":false,\"agenda_item_id\":null,\"passage_id\":null,"
    "\"refers_to\":null,\"refers_by\":null}");
  tu_resp_free(&r);
  const char *azEmpty[] = { "text", "", 0 };
  q.azField = azEmpty;
  tu_http(&r, w.zUrl, "/api/documents/2/decisions", &q);
  ck_assert_int_eq(r.status, 422);
  ck_assert_str_eq(json_string_value(json_object_get(r.j, "error")), "the text of the decision is empty");
  tu_resp_free(&r);
  const char *azRemoved[] = { "value", "1", 0 };
  q.azField = azRemoved;
  tu_http(&r, w.zUrl, "/api/decisions/3/removed", &q);
  ck_assert_int_eq(r.status, 200);
  ck_assert(json_is_true(json_object_get(r.j, "removed")));
  tu_resp_free(&r);
  tu_http(&r, w.zUrl, "/api/decisions/77/removed", &q);
  ck_assert_int_eq(r.status, 404);
  tu_resp_free(&r);
  const char *azBad[] = { "value", "ja", 0 };
  q.azField = azBad;
  tu_http(&r, w.zUrl, "/api/decisions/3/removed", &q);
  ck_assert_int_eq(r.status, 400);
  tu_resp_free(&r);
  char zPath[64];
  snprintf(zPath, sizeof zPath, "/api/attendance/%lld/person",
           tu_q_int(w.a.db, "SELECT id FROM attendance WHERE name='K. Onbekend' AND document_id=2", 0));
  const char *azNobody[] = { "person", "", 0 };
  q.azField = azNobody;
  tu_http(&r, w.zUrl, zPath, &q);
  ck_assert_int_eq(r.status, 200);
  ck_assert_msg(json_is_null(json_object_get(r.j, "person_id"))
             && strcmp(json_string_value(json_object_get(r.j, "person_by")), "staf")==0, "%s", r.body.z);
  tu_resp_free(&r);
  q.zAuth = zReader;
  tu_http(&r, w.zUrl, zPath, &q);
  ck_assert_int_eq(r.status, 403);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM audit WHERE actor='staf'"
                            " AND action IN ('decision.add', 'decision.remove', 'attendance.person')", 0), 3);
  tu_web_stop(&w);
}
END_TEST

/* ------------------------------------------------------------ reread */

typedef struct Seen { int n, nFail; char zLast[256]; } Seen;

static void seen(void *ctx, const RereadResult *r){
  Seen *s = ctx;
  s->n++;
  s->nFail += r->zError!=0;
  snprintf(s->zLast, sizeof s->zLast, "%lld %s %ld>%ld %ld>%ld %ld>%ld %d", r->iDoc,
           r->zError ? r->zError : "ok", r->anBefore[0], r->anAfter[0], r->anBefore[1],
           r->anAfter[1], r->anBefore[2], r->anAfter[2], r->bPassages);
}

static int reread(TuArch *a, long long iDoc, Seen *s){
  Err err = ERR_INIT;
  memset(s, 0, sizeof *s);
  int rc = import_reread(a->s, iDoc ? &iDoc : 0, iDoc ? 1 : 0, "staf", seen, s, &err);
  ck_assert_msg(rc>=0, "%s", err.msg);
  return rc;
}

/* Everything the minutes rows of document 1 say, as one string. */
static const char *rows_of(TuArch *a){
  static char z[4096];
  snprintf(z, sizeof z, "%s|%s|%s|%s",
    tu_q_text(a->db, "SELECT group_concat(id || ':' || seq || ':' || source || ':' || removed || ':'"
              " || coalesce(ratify, '-') || ':' || coalesce(passage_id, '-') || ':' || text, ';')"
              " FROM (SELECT * FROM decision WHERE document_id=1 ORDER BY seq)", 0),
    tu_q_text(a->db, "SELECT group_concat(name || ':' || coalesce(person_id, '-') || ':'"
              " || coalesce(person_by, '-'), ';') FROM (SELECT * FROM attendance WHERE document_id=1"
              " ORDER BY seq)", 0),
    tu_q_text(a->db, "SELECT group_concat(text, ';') FROM action_item WHERE document_id=1", 0),
    tu_q_text(a->db, "SELECT group_concat(nr || title, ';') FROM agenda_item WHERE document_id=1", 0));
  return z;
}

/* 5. An archive without minutes rows (made before recognition) gets them
** back; corrections and decision ids survive; a second reread changes
** nothing; the index still finds the text. */
START_TEST(t05_reread){
  TuArch a;
  arch_new(&a);
  Err err = ERR_INIT;
  /* corrections: a recognised decision removed and set to need
  ** ratification, a staff decision, a person matched by hand */
  long long iNew;
  ck_assert_int_eq(correct_decision_removed(a.db, 1, 2, 1, "staf", &err), 0);
  tu_exec(a.db, "UPDATE decision SET ratify=1 WHERE id=1");
  ck_assert_int_eq(correct_decision_add(a.db, 1, "De fietsenstalling komt er.",
                   pas_of(&a, "%fietsenstalling%"), 0, 0, "staf", &iNew, &err), 0);
  long long iAtt = tu_q_int(a.db, "SELECT id FROM attendance WHERE document_id=1 AND name='K. Onbekend'", 0);
  long long iPerson = tu_q_int(a.db, "SELECT id FROM person WHERE name='N. Vermeulen'", 0);
  ck_assert_int_eq(correct_attendance_person(a.db, 1, iAtt, iPerson, "staf", &err), 0);
  char zBefore[4096];
  snprintf(zBefore, sizeof zBefore, "%s", rows_of(&a));
  /* reading again changes nothing */
  Seen s;
  ck_assert_int_eq(reread(&a, 1, &s), 0);
  ck_assert_str_eq(s.zLast, "1 ok 3>3 1>1 3>3 0");
  ck_assert_str_eq(rows_of(&a), zBefore);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM audit WHERE action='document.reread'", 0), 1);
  /* an old archive: no minutes rows but the corrections */
  tu_exec(a.db, "DELETE FROM decision WHERE source='recognised' AND removed=0 AND ratify IS NULL;"
          " DELETE FROM action_item; DELETE FROM agenda_item; DELETE FROM commitment;"
          " DELETE FROM adoption; DELETE FROM attendance WHERE person_by IS NULL;");
  ck_assert_int_eq(reread(&a, 0, &s), 0);
  ck_assert_int_eq(s.n, 2);
  ck_assert_str_eq(rows_of(&a), zBefore);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision WHERE document_id=2", 0), 1);
  /* a recognised decision no longer recognised: deleted when nothing
  ** hangs on it, kept when something does */
  tu_exec(a.db, "UPDATE decision SET text='Iets anders.' WHERE id=5;"
          " INSERT INTO decision(id, document_id, seq, text, removed) VALUES(50, 2, 50, 'Weg.', 0),"
          " (51, 2, 51, 'Blijft.', 1)");
  ck_assert_int_eq(reread(&a, 2, &s), 0);
  ck_assert_str_eq(tu_q_text(a.db, "SELECT group_concat(text, ';') FROM"
                   " (SELECT * FROM decision WHERE document_id=2 ORDER BY seq)", 0),
                   "De planning van de woningbouw wordt vastgesteld.;Blijft.");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision WHERE id IN (5, 50)", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT seq FROM decision WHERE id=51", 0), 1);
  /* the text is still found */
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH"
                            " 'fietsenstalling'", 0), 1);
  tu_arch_free(&a);
}
END_TEST

/* 6. Passages that read otherwise (an older cut) are made again with the
** index, and the decisions follow them, keeping their ids. */
START_TEST(t06_reread_passages){
  TuArch a;
  arch_new(&a);
  long long nPas = tu_q_int(a.db, "SELECT count(*) FROM passage WHERE document_id=1", 0);
  tu_exec(a.db, "INSERT INTO passage_fts(passage_fts, rowid, title, heading, text)"
          " SELECT 'delete', p.id, d.title, p.heading, p.text FROM passage p JOIN document d"
          " ON d.id=p.document_id WHERE p.document_id=1 AND p.seq=0;"
          " UPDATE passage SET text='oud' WHERE document_id=1 AND seq=0;"
          " INSERT INTO passage_fts(rowid, title, heading, text) SELECT p.id, d.title, p.heading,"
          " p.text FROM passage p JOIN document d ON d.id=p.document_id WHERE p.document_id=1 AND p.seq=0;");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'oud'", 0), 1);
  sqlite3_int64 nGeneration = search_generation(a.db);
  Seen s;
  ck_assert_int_eq(reread(&a, 1, &s), 0);
  ck_assert_str_eq(s.zLast, "1 ok 2>2 1>1 3>3 1");
  /* search's caches see the new passages */
  ck_assert_int_gt(search_generation(a.db), nGeneration);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM passage WHERE document_id=1", 0), nPas);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'oud'", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'statushouders'", 0), 1);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM decision d JOIN passage p ON p.id=d.passage_id"
                            " WHERE d.id IN (1, 2) AND p.document_id=1", 0), 2);
  tu_exec(a.db, "INSERT INTO passage_fts(passage_fts) VALUES('integrity-check')");
  tu_arch_free(&a);
}
END_TEST

/* 7. A damaged original: one line, its rows as they were; the CLI's exit
** statuses. */
START_TEST(t07_reread_damaged){
  TuArch a;
  arch_new(&a);
  char zBefore[4096];
  snprintf(zBefore, sizeof zBefore, "%s", rows_of(&a));
  Buf path = BUF_INIT;
  store_original_path(a.s, tu_q_text(a.db, "SELECT sha256 FROM document WHERE id=1", 0), &path);
  FILE *f = fopen(path.z, "r+");
  ck_assert_ptr_nonnull(f);
  fseek(f, 40, SEEK_SET);
  fputs("damaged bytes", f);
  fclose(f);
  Seen s;
  ck_assert_int_eq(reread(&a, 0, &s), 1);
  ck_assert_int_eq(s.n, 2);
  ck_assert_int_eq(s.nFail, 1);
  ck_assert_str_eq(rows_of(&a), zBefore);
  tu_arch_close(&a);
  /* the command: 0 read, 1 some failed, 2 wrong usage */
  char *az1[] = { "reread", "2", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 2, az1), 0);
  char *az2[] = { "reread", "--all", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 2, az2), 1);
  char *az3[] = { "reread", "1", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 2, az3), 1);
  char *az4[] = { "reread", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 1, az4), 2);
  char *az5[] = { "reread", "--all", "2", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 3, az5), 2);
  char *az6[] = { "reread", "x", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 2, az6), 2);
  char *az7[] = { "reread", "77", 0 };
  ck_assert_int_eq(reread_main(a.zStore, 2, az7), 1);
  tu_arch_open(&a);
  ck_assert_str_eq(rows_of(&a), zBefore);
  buf_release(&path);
  tu_arch_free(&a);
}
END_TEST

/* 8. The BO meeting an AO meeting prepares, on the meeting page: how each
** link was made, the form for staff only (a reader may not post), the
** choice saved with its message and shown as staff's on both meetings,
** a refusal on the page (422), and the API (none, then automatic). */
START_TEST(t08_prepares_web){
  TuWeb w;
  web_start(&w);
  char *zAo = strdup(tu_path(w.a.zDir, "ao"));
  HOSTILE_DOC(tu_path(zAo, "ao.odt"), "# Agenda AO Wonen 5 maart 2024", "1. Opening");
  ck_assert_int_eq(tu_arch_import(&w.a, zAo), 1);
  long long iAo = tu_q_int(w.a.db, "SELECT id FROM meeting WHERE date='2024-03-05'", 0);
  long long iBo = tu_q_int(w.a.db, "SELECT id FROM meeting WHERE date='2024-04-16'", 0);
  char zPath[64], zPost[80], zBoPath[64], zBo[32], zApi[80];
  snprintf(zPath, sizeof zPath, "/vergadering/%lld", iAo);
  snprintf(zPost, sizeof zPost, "/vergadering/%lld/voorbereiding", iAo);
  snprintf(zBoPath, sizeof zBoPath, "/vergadering/%lld", iBo);
  snprintf(zBo, sizeof zBo, "%lld", iBo);
  snprintf(zApi, sizeof zApi, "/api/meetings/%lld/prepares", iAo);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[READER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "12 maart 2024</a> <span class=\"meta\">(de eerstvolgende vergadering)")
                && !strstr(r.body.z, "name=\"bo_meeting\""), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "name=\"bo_meeting\"")
                && strstr(r.body.z, "<option value=\"auto\" selected>")
                && strstr(r.body.z, "BO Wonen — 16 april 2024"), "%s", r.body.z);
  tu_resp_free(&r);
  const char *azReader[] = { "csrf", tu_web_csrf(&w, READER), "bo_meeting", zBo, 0 };
  ck_assert_int_eq(tu_web_post(&w, READER, zPost, azReader, &r), 403);
  tu_resp_free(&r);
  const char *azSet[] = { "csrf", tu_web_csrf(&w, STAFF), "bo_meeting", zBo, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPost, azSet, &r), 303);
  ck_assert_str_eq(tu_resp_header(&r, "Location"),
                   tu_q_text(w.a.db, "SELECT '/vergadering/' || ?1 || '?bericht=voorbereiding'",
                             strchr(zPath+1, '/')+1));
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, zPath, w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "16 april 2024</a> <span class=\"meta\">(vastgelegd door een medewerker)")
                && strstr(r.body.z, "voorbereidt is vastgelegd door staf.")
                && strstr(r.body.z, "selected>BO Wonen — 16 april 2024"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, zBoPath, w.azSession[READER], &r), 200);
  ck_assert_msg(strstr(r.body.z, "5 maart 2024</a> <span class=\"meta\">(vastgelegd door een medewerker)"),
                "%s", r.body.z);
  tu_resp_free(&r);
  const char *azJunk[] = { "csrf", tu_web_csrf(&w, STAFF), "bo_meeting", "volgende", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPost, azJunk, &r), 422);
  ck_assert_msg(strstr(r.body.z, "Niet opgeslagen: kies een BO-vergadering, geen of automatisch"),
                "%s", r.body.z);
  tu_resp_free(&r);
  const char *azSelf[] = { "csrf", tu_web_csrf(&w, STAFF), "bo_meeting", strchr(zPath+1, '/')+1, 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zPost, azSelf, &r), 422);
  ck_assert_msg(strstr(r.body.z, "is geen vergadering van het BO dat dit AO voorbereidt"), "%s", r.body.z);
  tu_resp_free(&r);
  /* the API */
  const char *azNone[] = { "csrf", tu_web_csrf(&w, STAFF), "bo_meeting", "none", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zApi, azNone, &r), 200);
  ck_assert_int_eq(json_array_size(json_object_get(r.j, "prepares")), 0);
  ck_assert_str_eq(json_string_value(json_object_get(r.j, "prepares_by")), "staf");
  tu_resp_free(&r);
  const char *azAuto[] = { "csrf", tu_web_csrf(&w, STAFF), "bo_meeting", "auto", 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, zApi, azAuto, &r), 200);
  ck_assert_str_eq(tu_json_dump(json_object_get(json_array_get(json_object_get(r.j, "prepares"), 0),
                                                "how")), "\"next\"");
  ck_assert(json_is_null(json_object_get(r.j, "prepares_by")));
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/api/meetings/99999/prepares", azNone, &r), 404);
  tu_resp_free(&r);
  free(zAo);
  tu_web_stop(&w);
}
END_TEST

/* 9. The document and meeting pages link to their changes in the audit
** log for an auditor, not for a reader or staff. */
START_TEST(t09_audit_links){
  TuWeb w;
  web_start(&w);
  tu_web_user(&w, AUDITOR, "auditor", AUTH_AUDITOR, "een lang wachtwoord");
  long long iMeeting = tu_q_int(w.a.db, "SELECT meeting_id FROM document WHERE id=1", 0);
  ck_assert_int_gt(iMeeting, 0);
  char zMeeting[64], zMeetingLink[128];
  snprintf(zMeeting, sizeof zMeeting, "/vergadering/%lld", iMeeting);
  snprintf(zMeetingLink, sizeof zMeetingLink,
           "<a href=\"/audit?object=meeting:%lld\">Wijzigingen in het auditlog</a>", iMeeting);
  const char *const azPage[][2] = {
    { "/document/1", "<a href=\"/audit?object=document:1\">Wijzigingen in het auditlog</a>" },
    { zMeeting, zMeetingLink },
  };
  for(size_t k=0; k<sizeof azPage/sizeof azPage[0]; k++){
    for(int i=READER; i<=AUDITOR; i++){
      TuResp r;
      ck_assert_int_eq(tu_web_get(&w, azPage[k][0], w.azSession[i], &r), 200);
      ck_assert_msg(tu_count(r.body.z, azPage[k][1])==(i==AUDITOR)
                    && tu_count(r.body.z, "/audit?")==(i==AUDITOR),
                    "%s as user %d:\n%s", azPage[k][0], i, r.body.z);
      tu_resp_free(&r);
    }
  }
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/document/1?lang=en", w.azSession[AUDITOR], &r), 200);
  ck_assert_msg(strstr(r.body.z, ">Changes in the audit log</a>"), "%s", r.body.z);
  tu_resp_free(&r);
  tu_web_stop(&w);
}
END_TEST

/* 10. Reading a document again from its page and through the API: the
** button for staff only, the rows back after they were lost, the audit
** row; a damaged original refused with its reason (in Dutch on the page),
** an unknown document 404, a reader 403. */
START_TEST(t10_reread_web){
  TuWeb w;
  web_start(&w);
  TuResp r;
  ck_assert_int_eq(tu_web_get(&w, "/document/1", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "action=\"/document/1/opnieuw-lezen\"")
                && strstr(r.body.z, ">Opnieuw lezen</button>"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_get(&w, "/document/1", w.azSession[READER], &r), 200);
  ck_assert_ptr_null(strstr(r.body.z, "opnieuw-lezen"));
  tu_resp_free(&r);
  /* the recognised rows of document 1 lost, as in an archive made before */
  tu_exec(w.a.db, "DELETE FROM decision WHERE document_id=1; DELETE FROM attendance WHERE document_id=1");
  const char *azReader[] = { "csrf", tu_web_csrf(&w, READER), 0 };
  ck_assert_int_eq(tu_web_post(&w, READER, "/document/1/opnieuw-lezen", azReader, &r), 403);
  tu_resp_free(&r);
  const char *azStaff[] = { "csrf", tu_web_csrf(&w, STAFF), 0 };
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/opnieuw-lezen", azStaff, &r), 303);
  ck_assert_str_eq(tu_resp_header(&r, "Location"), "/document/1?gedaan=reread#herkend");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM decision WHERE document_id=1", 0), 2);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM attendance WHERE document_id=1", 0), 3);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM audit WHERE action='document.reread'"
                            " AND actor='staf' AND object='document:1'", 0), 1);
  ck_assert_int_eq(tu_web_get(&w, "/document/1?gedaan=reread", w.azSession[STAFF], &r), 200);
  ck_assert_msg(strstr(r.body.z, "Het document is opnieuw gelezen."), "%s", r.body.z);
  tu_resp_free(&r);
  /* the API, as JSON */
  char zBody[200];
  snprintf(zBody, sizeof zBody, "{\"csrf\": \"%s\"}", tu_web_csrf(&w, STAFF));
  TuReq q;
  memset(&q, 0, sizeof q);
  q.zMethod = "POST";
  q.zSession = w.azSession[STAFF];
  q.zBody = zBody;
  q.zType = "application/json";
  tu_http(&r, w.zUrl, "/api/documents/1/reread", &q);
  ck_assert_int_eq(r.status, 200);
  ck_assert_str_eq(tu_json_dump(r.j), "{\"document\":1,\"passages\":\"kept\",\"decisions\":[2,2],"
                   "\"actions\":[1,1],\"attendees\":[3,3]}");
  tu_resp_free(&r);
  tu_http(&r, w.zUrl, "/api/documents/99/reread", &q);
  ck_assert_int_eq(r.status, 404);
  tu_resp_free(&r);
  /* a damaged original: refused, the rows as they were */
  Buf path = BUF_INIT;
  store_original_path(w.a.s, tu_q_text(w.a.db, "SELECT sha256 FROM document WHERE id=1", 0), &path);
  FILE *f = fopen(path.z, "r+");
  ck_assert_ptr_nonnull(f);
  fseek(f, 40, SEEK_SET);
  fputs("damaged bytes", f);
  fclose(f);
  buf_release(&path);
  tu_http(&r, w.zUrl, "/api/documents/1/reread", &q);
  ck_assert_int_eq(r.status, 422);
  ck_assert_str_eq(json_string_value(json_object_get(r.j, "error")),
                   "the original was changed on disk (its SHA-256 differs): see \"overleg check\"");
  tu_resp_free(&r);
  ck_assert_int_eq(tu_web_post(&w, STAFF, "/document/1/opnieuw-lezen", azStaff, &r), 422);
  ck_assert_msg(strstr(r.body.z, "het origineel is op de schijf gewijzigd"), "%s", r.body.z);
  tu_resp_free(&r);
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM decision WHERE document_id=1", 0), 2);
  tu_web_stop(&w);
}
END_TEST

Suite *suite_corrections(void){
  Suite *s = suite_create("corrections");
  TCase *tc = tcase_create("corrections");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_decisions);
  tcase_add_test(tc, t02_persons);
  tcase_add_test(tc, t03_pages);
  tcase_add_test(tc, t04_api);
  tcase_add_test(tc, t05_reread);
  tcase_add_test(tc, t06_reread_passages);
  tcase_add_test(tc, t07_reread_damaged);
  tcase_add_test(tc, t08_prepares_web);
  tcase_add_test(tc, t09_audit_links);
  tcase_add_test(tc, t10_reread_web);
  suite_add_tcase(s, tc);
  return s;
}
