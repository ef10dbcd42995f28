/*
** t_pages_admin.c — the pages of pages_admin.c: first the pieces that are
** not HTTP (the organisation edits of orgedit: each change, a bad date, an
** unknown person, a failing change that leaves the archive as it was; the
** check that keeps the login's return path on this server), then the
** pages themselves on a server started in the test process on a free
** loopback port and driven with libcurl: login and logout, throttling,
** roles, CSRF, users, the organisation, upload, editing a document, the
** audit log.  Run from the repository root.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "buf.h"
#include "catalog.h"
#include "org.h"
#include "orgedit.h"
#include "pages.h"
#include "pages_admin.h"
#include "serve.h"
#include "store.h"
#include "testutil.h"

Suite *suite_pages_admin(void);

#define EXAMPLE "tests/fixtures/org-example.json"

/* A fresh archive holding the example region, removed by tu_arch_free(). */
typedef TuArch TmpStore;

static void open_store(TmpStore *t){
  tu_arch_new(t, 0);
  tu_arch_open(t);
  tu_org_example(t->db, 0);
}

/* The archive's model as org_export writes it (caller releases). */
static void export_model(TmpStore *t, Buf *out){
  Err err = ERR_INIT;
  buf_reset(out);
  ck_assert_msg(org_export(t->db, out, &err)==0, "%s", err.msg);
}

/* Applies change zOp with the arguments in JSON text zArgs and expects
** success. */
static void apply_ok(TmpStore *t, const char *zOp, const char *zArgs){
  Err err = ERR_INIT;
  json_t *args = json_loads(zArgs, 0, 0);
  ck_assert_msg(args!=0, "bad test JSON: %s", zArgs);
  ck_assert_msg(orgedit_apply(t->db, zOp, args, &err)==0, "%s: %s", zOp, err.msg);
  json_decref(args);
}

/* Applies change zOp and expects it to fail with exactly zWant, leaving
** the archive's model byte for byte as it was. */
static void apply_fails(TmpStore *t, const char *zOp, const char *zArgs, const char *zWant){
  Err err = ERR_INIT;
  Buf before = BUF_INIT, after = BUF_INIT;
  json_t *args = json_loads(zArgs, 0, 0);
  ck_assert_msg(args!=0, "bad test JSON: %s", zArgs);
  export_model(t, &before);
  ck_assert_msg(orgedit_apply(t->db, zOp, args, &err)==-1, "%s %s: succeeded", zOp, zArgs);
  ck_assert_str_eq(err.msg, zWant);
  export_model(t, &after);
  ck_assert_str_eq(after.z, before.z);
  json_decref(args);
  buf_release(&before);
  buf_release(&after);
}

/* 1. Adding an organisation, a person, a topic and a body: each lands in
** the archive, and a new gemeente is linked to documents at once. */
START_TEST(t01_add_entities){
  TmpStore t;
  open_store(&t);
  apply_ok(&t, "organisation_add", "{\"name\": \"Veenendaal\", \"kind\": \"gemeente\"}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM organisation WHERE name='Veenendaal'"
                                  " AND kind='gemeente'", 0), 1);
  apply_ok(&t, "person_add", "{\"name\": \"Z. Nieuw\", \"organisation\": \"Veenendaal\","
                             " \"function\": \"wethouder\"}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM person p JOIN organisation o"
                                  " ON o.id=p.organisation_id WHERE p.name='Z. Nieuw'"
                                  " AND o.name='Veenendaal' AND p.function='wethouder'", 0), 1);
  apply_ok(&t, "person_add", "{\"name\": \"Y. Extern\", \"organisation\": null}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM person WHERE name='Y. Extern'"
                                  " AND organisation_id IS NULL", 0), 1);
  apply_ok(&t, "topic_add", "{\"name\": \"Energie\", \"kind\": \"project\","
                            " \"from\": \"2024-01-01\", \"to\": null}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM topic WHERE name='Energie'"
                                  " AND kind='project' AND valid_from='2024-01-01'", 0), 1);
  apply_ok(&t, "body_add", "{\"name\": \"BO Energie\", \"kind\": \"BO\", \"topic\": \"Energie\","
                           " \"full_name\": \"Bestuurlijk Overleg Energie\"}");
  apply_ok(&t, "body_add", "{\"name\": \"AO Energie\", \"kind\": \"AO\", \"topic\": \"energie\","
                           " \"prepares\": \"BO Energie\"}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM body a JOIN body b ON b.id=a.prepares_id"
                                  " WHERE a.name='AO Energie' AND b.name='BO Energie'", 0), 1);
  tu_arch_free(&t);
}
END_TEST

/* 2. Participations: added to the named topic (capitals aside), removed
** again by their fields; the other topics keep theirs. */
START_TEST(t02_participation){
  TmpStore t;
  open_store(&t);
  sqlite3_int64 nAll = tu_q_int(t.db, "SELECT count(*) FROM participation", 0);
  const char *zArgs = "{\"topic\": \"sociaal domein\", \"organisation\": \"Soest\","
                      " \"from\": \"2024-01-01\", \"to\": \"2025-12-31\"}";
  apply_ok(&t, "participation_add", zArgs);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM participation p"
                                  " JOIN topic t ON t.id=p.topic_id JOIN organisation o"
                                  " ON o.id=p.organisation_id WHERE t.name='Sociaal Domein'"
                                  " AND o.name='Soest' AND p.valid_from='2024-01-01'"
                                  " AND p.valid_to='2025-12-31'", 0), 1);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM participation", 0), nAll+1);
  apply_ok(&t, "participation_remove", zArgs);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM participation", 0), nAll);
  /* an open end given as null matches the export's null */
  apply_ok(&t, "participation_remove", "{\"topic\": \"Wonen\", \"organisation\": \"Amersfoort\","
                                       " \"from\": \"2019-01-01\", \"to\": null}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM participation", 0), nAll-1);
  tu_arch_free(&t);
}
END_TEST

/* 3. Portfolios: a person by name alone when it is unique, by name and
** organisation when it is not. */
START_TEST(t03_portfolio){
  TmpStore t;
  open_store(&t);
  sqlite3_int64 n = tu_q_int(t.db, "SELECT count(*) FROM portfolio", 0);
  apply_ok(&t, "portfolio_add", "{\"topic\": \"Economie\", \"person\": \"J. de Vries\","
           " \"organisation\": \"Soest\", \"from\": \"2024-01-01\", \"to\": null}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM portfolio f JOIN person p ON p.id=f.person_id"
                                  " JOIN organisation o ON o.id=p.organisation_id"
                                  " WHERE p.name='J. de Vries' AND o.name='Soest'", 0), 1);
  apply_ok(&t, "portfolio_add", "{\"topic\": \"Mobiliteit\", \"person\": \"F. Smit\","
                                " \"from\": \"2020-03-01\", \"to\": \"2020-12-31\"}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM portfolio", 0), n+2);
  apply_ok(&t, "portfolio_remove", "{\"topic\": \"Wonen\", \"person\": \"G. Verbeek\","
                                   " \"organisation\": \"Leusden\", \"from\": \"2019-01-01\","
                                   " \"to\": \"2022-05-31\"}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM portfolio", 0), n+1);
  tu_arch_free(&t);
}
END_TEST

/* 4. Memberships, with their role; the default role is "lid". */
START_TEST(t04_membership){
  TmpStore t;
  open_store(&t);
  sqlite3_int64 n = tu_q_int(t.db, "SELECT count(*) FROM membership", 0);
  apply_ok(&t, "membership_add", "{\"body\": \"AO Wonen\", \"person\": \"H. Aksoy\","
                                 " \"organisation\": \"Leusden\", \"role\": \"notulist\","
                                 " \"from\": \"2018-01-01\", \"to\": \"2018-12-31\"}");
  apply_ok(&t, "membership_add", "{\"body\": \"BRA\", \"person\": \"F. Goossens\"}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership m JOIN body b ON b.id=m.body_id"
                                  " JOIN person p ON p.id=m.person_id WHERE b.name='BRA'"
                                  " AND p.name='F. Goossens' AND m.role='lid'"
                                  " AND m.valid_from IS NULL", 0), 1);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership", 0), n+2);
  apply_ok(&t, "membership_remove", "{\"body\": \"AO Wonen\", \"person\": \"M. Verhoef\","
                                    " \"organisation\": \"SWEV\", \"role\": \"lid\","
                                    " \"from\": \"2021-01-01\", \"to\": null}");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership", 0), n+1);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership m JOIN person p"
                                  " ON p.id=m.person_id WHERE p.name='M. Verhoef'", 0), 0);
  tu_arch_free(&t);
}
END_TEST

/* 5. Bad input: org_load's own messages, naming the place in the model;
** each failing change leaves the archive byte for byte as it was. */
START_TEST(t05_errors){
  TmpStore t;
  open_store(&t);
  apply_fails(&t, "participation_add", "{\"topic\": \"Wonen\", \"organisation\": \"Soest\","
              " \"from\": \"2023-13-01\"}",
              "bad date \"2023-13-01\" in topics[3].participants[13].from (use YYYY-MM-DD)");
  apply_fails(&t, "portfolio_add", "{\"topic\": \"Wonen\", \"person\": \"X. Niemand\"}",
              "topics[3].portfolio_holders[2]: unknown person \"X. Niemand\"");
  apply_fails(&t, "membership_add", "{\"body\": \"BORA\", \"person\": \"J. de Vries\"}",
              "bodies[0].members[14]: 2 persons are named \"J. de Vries\" (of Leusden, Soest):"
              " add \"organisation\"");
  apply_fails(&t, "membership_add", "{\"body\": \"BORA\", \"person\": \"F. Smit\","
              " \"role\": \"baas\"}",
              "bodies[0].members[14].role: unknown role \"baas\""
              " (use lid, voorzitter, secretaris, notulist or adviseur)");
  apply_fails(&t, "participation_add", "{\"topic\": \"Wonen\", \"organisation\": \"Soest\","
              " \"from\": \"2024-02-01\", \"to\": \"2024-01-01\"}",
              "topics[3].participants[13]: \"from\" 2024-02-01 is after \"to\" 2024-01-01");
  apply_fails(&t, "organisation_add", "{\"name\": \"Leusden\", \"kind\": \"gemeente\"}",
              "organisations[13]: \"Leusden\" is already listed at organisations[5]");
  apply_fails(&t, "organisation_add", "{\"name\": \"Veenendaal\"}",
              "organisations[13]: missing \"kind\"");
  apply_fails(&t, "person_add", "{\"name\": \"Z. Nieuw\", \"organisation\": \"Leusdn\"}",
              "persons[63]: unknown organisation \"Leusdn\" (did you mean \"Leusden\"?)");
  apply_fails(&t, "body_add", "{\"name\": \"BO Energie\", \"kind\": \"BO\"}",
              "bodies[11]: a BO needs a topic");
  /* what orgedit itself checks: the change, its fields, the list's owner,
  ** the entry to remove */
  apply_fails(&t, "person_remove", "{}", "unknown change \"person_remove\"");
  apply_fails(&t, "person_add", "{\"name\": \"Z\", \"functon\": \"x\"}",
              "person_add: unknown field \"functon\"");
  apply_fails(&t, "participation_add", "{\"organisation\": \"Soest\"}", "missing \"topic\"");
  apply_fails(&t, "membership_add", "{\"body\": \"BO Energie\", \"person\": \"F. Smit\"}",
              "unknown body \"BO Energie\"");
  apply_fails(&t, "membership_remove", "{\"body\": \"AO Wonen\", \"person\": \"M. Verhoef\","
              " \"organisation\": \"SWEV\", \"role\": \"lid\", \"from\": \"2020-01-01\"}",
              "no such membership: it may have been removed already");
  /* a whole model that does not load changes nothing either */
  Err err = ERR_INIT;
  Buf before = BUF_INIT, after = BUF_INIT;
  export_model(&t, &before);
  const char *zBad = "{\"organisations\": [{\"name\": \"Veenendaal\", \"kind\": \"gemeente\"}],"
                     " \"topics\": [{\"name\": \"Wonen\", \"participants\": [{\"organisation\": \"X\"}]}]}";
  ck_assert_int_eq(orgedit_load(t.db, zBad, strlen(zBad), &err), -1);
  ck_assert_str_eq(err.msg, "topics[0].participants[0]: unknown organisation \"X\"");
  export_model(&t, &after);
  ck_assert_str_eq(after.z, before.z);
  buf_release(&before);
  buf_release(&after);
  tu_arch_free(&t);
}
END_TEST

/* 6. orgedit_json on its own: the entry's fields in order, null kept,
** absent left out; a failing change leaves the JSON as it was. */
START_TEST(t06_json){
  Err err = ERR_INIT;
  json_t *m = json_loads("{\"topics\": [{\"name\": \"Wonen\", \"participants\": []}]}", 0, 0);
  json_t *a = json_loads("{\"to\": null, \"organisation\": \"Soest\", \"topic\": \"WONEN\"}", 0, 0);
  ck_assert_int_eq(orgedit_json(m, "participation_add", a, &err), 0);
  char *z = json_dumps(m, JSON_COMPACT);
  ck_assert_str_eq(z, "{\"topics\":[{\"name\":\"Wonen\",\"participants\":"
                      "[{\"organisation\":\"Soest\",\"to\":null}]}]}");
  free(z);
  json_decref(a);
  a = json_loads("{\"topic\": \"Wonen\", \"organisation\": \"Soest\", \"from\": \"2020-01-01\"}", 0, 0);
  ck_assert_int_eq(orgedit_json(m, "participation_remove", a, &err), -1);
  ck_assert_str_eq(err.msg, "no such participation: it may have been removed already");
  json_decref(a);
  a = json_loads("{\"topic\": \"Wonen\", \"organisation\": \"Soest\"}", 0, 0);
  ck_assert_int_eq(orgedit_json(m, "participation_remove", a, &err), 0);
  z = json_dumps(m, JSON_COMPACT);
  ck_assert_str_eq(z, "{\"topics\":[{\"name\":\"Wonen\",\"participants\":[]}]}");
  free(z);
  json_decref(a);
  /* a missing list is made when an entry is added to it */
  a = json_loads("{\"topic\": \"Wonen\", \"person\": \"P\", \"organisation\": null}", 0, 0);
  ck_assert_int_eq(orgedit_json(m, "portfolio_add", a, &err), 0);
  z = json_dumps(m, JSON_COMPACT);
  ck_assert_str_eq(z, "{\"topics\":[{\"name\":\"Wonen\",\"participants\":[],"
                      "\"portfolio_holders\":[{\"person\":\"P\",\"organisation\":null}]}]}");
  free(z);
  json_decref(a);
  ck_assert_ptr_null(orgedit_args("nonsense"));
  ck_assert_str_eq(orgedit_args("membership_add")[0], "body");
  json_decref(m);
}
END_TEST

/* 7. The login's return path stays on this server. */
START_TEST(t07_safe_return){
  ck_assert_int_eq(admin_safe_return("/"), 1);
  ck_assert_int_eq(admin_safe_return("/zoeken?q=wonen&body=BO%20Wonen"), 1);
  ck_assert_int_eq(admin_safe_return("/document/12"), 1);
  ck_assert_int_eq(admin_safe_return(0), 0);
  ck_assert_int_eq(admin_safe_return(""), 0);
  ck_assert_int_eq(admin_safe_return("//evil.example/"), 0);
  ck_assert_int_eq(admin_safe_return("/\\evil.example/"), 0);
  ck_assert_int_eq(admin_safe_return("https://evil.example/"), 0);
  ck_assert_int_eq(admin_safe_return("javascript:alert(1)"), 0);
  ck_assert_int_eq(admin_safe_return("evil.example"), 0);
  ck_assert_int_eq(admin_safe_return("/a\r\nSet-Cookie: x=1"), 0);
  ck_assert_int_eq(admin_safe_return("/a\tb"), 0);
  ck_assert_int_eq(admin_safe_return("/a b"), 0);
}
END_TEST

/* ------------------------------------------------------ over HTTP */

#define PASSWORD "wachtwoord-van-de-test"
#define ODT "tests/fixtures/lo-constructs.odt"
#define DOCX "tests/fixtures/pandoc-constructs.docx"
#define NOT_A_DOC "tests/fixtures/lo-constructs.odt.txt"

/* A server on an archive holding the example region and a user of each
** role (named after it), with a session for each (w.azSession[i]). */
typedef TuWeb Web;

enum { LEZER, STAFF, AUDITOR, ADMIN };
static const char *const azUser[] = { "lezer", "medewerker", "auditor", "beheerder" };

static void web_start(Web *w){
  static const HttpRoute *const aaRoute[] = { api_routes, admin_routes, pages_routes, 0 };
  static const AuthRole aRole[] = { AUTH_LEZER, AUTH_MEDEWERKER, AUTH_AUDITOR, AUTH_BEHEERDER };
  memset(w, 0, sizeof *w);
  open_store(&w->a);
  for(int i=0; i<4; i++) tu_web_user(w, i, azUser[i], aRole[i], PASSWORD);
  tu_web_start(w, aaRoute, 0);
}

typedef TuResp Resp;

/* One request with the session zSession (NULL: none).  azField: name,
** value pairs, NULL-terminated, sent urlencoded (a POST without fields
** when NULL and zMethod is "POST"), or multipart when zFile is given (as
** field zFileField, named zFileName; "" sends an empty part, as a file
** input left empty does). */
static void req(Resp *p, Web *w, const char *zMethod, const char *zPath, const char *zSession,
                const char *const *azField, const char *zFileField, const char *zFile,
                const char *zFileName){
  static const char *const azNone[] = { 0 };
  const char *const azFile[] = { zFileField, zFile, zFileName, 0 };
  TuReq q = { .zMethod = zMethod, .zSession = zSession, .azField = azField };
  if( zFile ) q.azFile = azFile;
  else if( azField==0 && strcmp(zMethod, "POST")==0 ) q.azField = azNone;
  tu_http(p, w->zUrl, zPath, &q);
}

/* Requests and checks the status and that the body holds zWant (NULL:
** anything). */
static void expect(Web *w, const char *zMethod, const char *zPath, int iUser,
                   const char *const *azField, long status, const char *zWant){
  Resp p;
  req(&p, w, zMethod, zPath, iUser>=0 ? w->azSession[iUser] : 0, azField, 0, 0, 0);
  ck_assert_msg(p.status==status, "%s %s as %s: status %ld, want %ld\n%.3000s", zMethod, zPath,
                iUser>=0 ? azUser[iUser] : "nobody", p.status, status, p.body.z);
  ck_assert_msg(zWant==0 || strstr(p.body.z, zWant), "%s %s: no \"%s\" in\n%.3000s",
                zMethod, zPath, zWant, p.body.z);
  tu_resp_free(&p);
}

/* Expects a 303 to zLocation. */
static void expect_redirect(Web *w, const char *zMethod, const char *zPath, int iUser,
                            const char *const *azField, const char *zLocation){
  Resp p;
  req(&p, w, zMethod, zPath, iUser>=0 ? w->azSession[iUser] : 0, azField, 0, 0, 0);
  ck_assert_msg(p.status==303, "%s %s: status %ld, want 303\n%.3000s", zMethod, zPath, p.status, p.body.z);
  ck_assert_str_eq(tu_resp_header(&p, "Location"), zLocation);
  tu_resp_free(&p);
}

static int audit_has(Web *w, const char *zAction, const char *zObject){
  json_t *a = catalog_audit(w->a.db, 0, 1000, 0, 0);
  size_t i;
  json_t *x;
  int bFound = 0;
  json_array_foreach(json_object_get(a, "entries"), i, x){
    const char *zA = json_string_value(json_object_get(x, "action"));
    const char *zO = json_string_value(json_object_get(x, "object"));
    if( zA && strcmp(zA, zAction)==0 && (zObject==0 || (zO && strcmp(zO, zObject)==0)) ) bFound = 1;
  }
  json_decref(a);
  return bFound;
}

/* 8. Login and logout: the form, a wrong password (401), the session
** cookie, the return path kept on this server, logout ending the
** session. */
START_TEST(t08_login_logout){
  Web w;
  web_start(&w);
  expect(&w, "GET", "/inloggen?terug=/beheer", -1, 0, 200, "name=\"terug\" value=\"/beheer\"");
  expect(&w, "GET", "/inloggen?terug=//evil.example/", -1, 0, 200, "name=\"terug\" value=\"/\"");
  const char *azWrong[] = { "name", "beheerder", "password", "fout", "terug", "/beheer", 0 };
  expect(&w, "POST", "/inloggen", -1, azWrong, 401, "Onbekende naam of verkeerd wachtwoord");
  expect(&w, "POST", "/inloggen", -1, azWrong, 401, "aria-describedby=\"login-error\"");
  const char *azEmpty[] = { "name", "beheerder", "password", "", 0 };
  expect(&w, "POST", "/inloggen", -1, azEmpty, 400, "Vul uw naam en wachtwoord in.");

  const char *azRight[] = { "name", "beheerder", "password", PASSWORD, "terug", "/beheer", 0 };
  Resp p;
  req(&p, &w, "POST", "/inloggen", 0, azRight, 0, 0, 0);
  ck_assert_int_eq(p.status, 303);
  ck_assert_str_eq(tu_resp_header(&p, "Location"), "/beheer");
  char zSession[AUTH_TOKEN_HEX+1];
  const char *zCookie = tu_resp_header(&p, "Set-Cookie");
  ck_assert_int_eq(strncmp(zCookie, "overleg_session=", 16), 0);
  snprintf(zSession, sizeof zSession, "%s", zCookie+16);
  ck_assert_str_eq(zCookie+16+AUTH_TOKEN_HEX, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800");
  tu_resp_free(&p);
  snprintf(w.azSession[ADMIN], sizeof w.azSession[ADMIN], "%s", zSession);
  expect(&w, "GET", "/beheer", ADMIN, 0, 200, "/beheer/gebruikers");

  /* elsewhere: never */
  const char *azEvil[] = { "name", "lezer", "password", PASSWORD, "terug", "https://evil.example/", 0 };
  expect_redirect(&w, "POST", "/inloggen", -1, azEvil, "/");
  azEvil[5] = "//evil.example/";
  expect_redirect(&w, "POST", "/inloggen", -1, azEvil, "/");

  /* logging out needs the form's token, ends the session and the cookie */
  expect(&w, "POST", "/uitloggen", ADMIN, 0, 403, 0);
  const char *azOut[] = { "csrf", tu_web_csrf(&w, ADMIN), 0 };
  req(&p, &w, "POST", "/uitloggen", w.azSession[ADMIN], azOut, 0, 0, 0);
  ck_assert_int_eq(p.status, 303);
  ck_assert_str_eq(tu_resp_header(&p, "Location"), "/");
  ck_assert_str_eq(tu_resp_header(&p, "Set-Cookie"),
                   "overleg_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  tu_resp_free(&p);
  expect_redirect(&w, "GET", "/beheer", ADMIN, 0, "/inloggen?terug=%2Fbeheer");
  tu_web_stop(&w);
}
END_TEST

/* 9. After 5 wrong passwords the login is refused for a while (429),
** saying for how long. */
START_TEST(t09_throttle){
  Web w;
  web_start(&w);
  const char *azWrong[] = { "name", "lezer", "password", "fout", 0 };
  for(int i=0; i<5; i++) expect(&w, "POST", "/inloggen", -1, azWrong, 401, 0);
  expect(&w, "POST", "/inloggen", -1, azWrong, 429, "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
  tu_web_stop(&w);
}
END_TEST

/* 10. Roles: a reader cannot upload, staff cannot administer, only an
** auditor or an administrator reads the audit log; nobody is sent to the
** login. */
START_TEST(t10_roles){
  Web w;
  web_start(&w);
  expect(&w, "GET", "/uploaden", LEZER, 0, 403, 0);
  expect(&w, "GET", "/uploaden", STAFF, 0, 200, "type=\"file\"");
  expect(&w, "GET", "/beheer", STAFF, 0, 403, 0);
  expect(&w, "GET", "/beheer/organisatie", AUDITOR, 0, 403, 0);
  expect(&w, "GET", "/audit", STAFF, 0, 403, 0);
  expect(&w, "GET", "/audit", AUDITOR, 0, 200, "<table");
  expect(&w, "GET", "/audit", ADMIN, 0, 200, "<table");
  expect(&w, "GET", "/document/1/bewerken", LEZER, 0, 403, 0);
  expect_redirect(&w, "GET", "/uploaden", -1, 0, "/inloggen?terug=%2Fuploaden");
  /* English on request */
  expect(&w, "GET", "/beheer/organisatie?lang=en", ADMIN, 0, 200, "Manage the organisation");
  expect(&w, "GET", "/inloggen?lang=en", -1, 0, 200, "<label for=\"login-password\">Password</label>");
  /* every form that changes something is refused without its token */
  const char *azNoCsrf[] = { "op", "organisation_add", "name", "Veenendaal", "kind", "gemeente", 0 };
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azNoCsrf, 403, 0);
  tu_web_stop(&w);
}
END_TEST

/* 11. Users: add, change the role, set a password, a new API token shown
** once, remove (ticked), never oneself; each change in the audit log. */
START_TEST(t11_users){
  Web w;
  web_start(&w);
  const char *zCsrf = tu_web_csrf(&w, ADMIN);
  const char *azAdd[] = { "csrf", zCsrf, "op", "add", "name", "nieuw", "role", "lezer",
                          "password", PASSWORD, 0 };
  expect_redirect(&w, "POST", "/beheer/gebruikers", ADMIN, azAdd, "/beheer/gebruikers?gedaan=1");
  expect(&w, "GET", "/beheer/gebruikers?gedaan=1", ADMIN, 0, 200, "De wijziging is opgeslagen.");
  expect(&w, "GET", "/beheer/gebruikers", ADMIN, 0, 200, "<th scope=\"row\">nieuw</th>");
  ck_assert(audit_has(&w, "user add", "user:nieuw"));
  expect(&w, "POST", "/beheer/gebruikers", ADMIN, azAdd, 400, "Niet opgeslagen: gebruiker &quot;nieuw&quot; bestaat al");
  const char *azShort[] = { "csrf", zCsrf, "op", "add", "name", "kort", "role", "lezer",
                            "password", "kort", 0 };
  expect(&w, "POST", "/beheer/gebruikers", ADMIN, azShort, 400, "value=\"kort\"");

  const char *azRole[] = { "csrf", zCsrf, "op", "role", "name", "nieuw", "role", "medewerker", 0 };
  expect_redirect(&w, "POST", "/beheer/gebruikers", ADMIN, azRole, "/beheer/gebruikers?gedaan=1");
  Err err = ERR_INIT;
  AuthUser u;
  ck_assert_int_eq(auth_login(w.a.db, "nieuw", PASSWORD, "test", &u, 0, &err), 0);
  ck_assert_int_eq(u.role, AUTH_MEDEWERKER);
  const char *azPw[] = { "csrf", zCsrf, "op", "passwd", "name", "nieuw", "password", "een ander wachtwoord", 0 };
  expect_redirect(&w, "POST", "/beheer/gebruikers", ADMIN, azPw, "/beheer/gebruikers?gedaan=1");
  ck_assert_int_eq(auth_login(w.a.db, "nieuw", "een ander wachtwoord", "test", &u, 0, &err), 0);

  const char *azToken[] = { "csrf", zCsrf, "op", "token", "name", "nieuw", 0 };
  Resp p;
  req(&p, &w, "POST", "/beheer/gebruikers", w.azSession[ADMIN], azToken, 0, 0, 0);
  ck_assert_int_eq(p.status, 200);
  ck_assert_str_eq(tu_resp_header(&p, "Cache-Control"), "no-store");
  const char *z = strstr(p.body.z, "id=\"token\" value=\"");
  ck_assert_ptr_nonnull(z);
  char zToken[AUTH_TOKEN_HEX+1];
  snprintf(zToken, sizeof zToken, "%s", z+18);
  ck_assert_int_eq(auth_token_user(w.a.db, zToken, &u), 0);
  ck_assert_str_eq(u.zName, "nieuw");
  tu_resp_free(&p);
  ck_assert(audit_has(&w, "user token", "user:nieuw"));

  const char *azRemove[] = { "csrf", zCsrf, "op", "remove", "name", "nieuw", 0 };
  expect(&w, "POST", "/beheer/gebruikers", ADMIN, azRemove, 400, "zeker weten");
  const char *azRemoveOk[] = { "csrf", zCsrf, "op", "remove", "name", "nieuw", "confirm", "1", 0 };
  expect_redirect(&w, "POST", "/beheer/gebruikers", ADMIN, azRemoveOk, "/beheer/gebruikers?gedaan=1");
  ck_assert_int_eq(auth_token_user(w.a.db, zToken, &u), -1);
  const char *azSelf[] = { "csrf", zCsrf, "op", "remove", "name", "beheerder", "confirm", "1", 0 };
  expect(&w, "POST", "/beheer/gebruikers", ADMIN, azSelf, 400, "uw eigen account");
  ck_assert(audit_has(&w, "user remove", "user:nieuw"));
  tu_web_stop(&w);
}
END_TEST

/* 12. The organisation: the page lists it; a change per form, through
** orgedit (a refused one shows why and changes nothing); the whole as
** JSON; each change in the audit log. */
START_TEST(t12_organisation){
  Web w;
  web_start(&w);
  const char *zCsrf = tu_web_csrf(&w, ADMIN);
  expect(&w, "GET", "/beheer/organisatie", ADMIN, 0, 200, "BO Wonen");
  expect(&w, "GET", "/beheer/organisatie", ADMIN, 0, 200, "<option value=\"[&quot;J. de Vries&quot;,&quot;Soest&quot;]\">J. de Vries (Soest)</option>");

  const char *azAdd[] = { "csrf", zCsrf, "op", "participation_add", "topic", "Sociaal Domein",
                          "organisation", "Soest", "from", "2024-01-01", "to", "", 0 };
  expect_redirect(&w, "POST", "/beheer/organisatie", ADMIN, azAdd, "/beheer/organisatie?gedaan=1");
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM participation p JOIN topic t ON t.id=p.topic_id"
                                    " JOIN organisation o ON o.id=p.organisation_id"
                                    " WHERE t.name='Sociaal Domein' AND o.name='Soest'"
                                    " AND p.valid_from='2024-01-01' AND p.valid_to IS NULL", 0), 1);
  ck_assert(audit_has(&w, "org participation_add", "topic:Sociaal Domein"));

  Buf before = BUF_INIT, after = BUF_INIT;
  export_model(&w.a, &before);
  const char *azBad[] = { "csrf", zCsrf, "op", "participation_add", "topic", "Wonen",
                          "organisation", "Soest", "from", "2024-13-01", 0 };
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azBad, 400,
         "Niet opgeslagen: ongeldige datum &quot;2024-13-01&quot;");
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azBad, 400,
         "<fieldset aria-describedby=\"org-error\">");
  const char *azNobody[] = { "csrf", zCsrf, "op", "portfolio_add", "topic", "Wonen",
                             "person", "X. Niemand", 0 };
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azNobody, 400, "onbekende persoon &quot;X. Niemand&quot;");
  export_model(&w.a, &after);
  ck_assert_str_eq(after.z, before.z);

  /* a person as the select sends it: both persons named J. de Vries */
  const char *azHolder[] = { "csrf", zCsrf, "op", "portfolio_add", "topic", "Economie",
                             "person", "[\"J. de Vries\",\"Soest\"]", "from", "2024-01-01", 0 };
  expect_redirect(&w, "POST", "/beheer/organisatie", ADMIN, azHolder, "/beheer/organisatie?gedaan=1");
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM portfolio f JOIN person p ON p.id=f.person_id"
                                    " JOIN organisation o ON o.id=p.organisation_id"
                                    " WHERE p.name='J. de Vries' AND o.name='Soest'", 0), 1);
  /* a membership removed as its button sends it */
  const char *azRemove[] = { "csrf", zCsrf, "op", "membership_remove", "args",
    "{\"body\":\"AO Wonen\",\"person\":\"M. Verhoef\",\"organisation\":\"SWEV\",\"role\":\"lid\","
    "\"from\":\"2021-01-01\",\"to\":null}", 0 };
  expect(&w, "GET", "/beheer/organisatie", ADMIN, 0, 200,
         "value=\"{&quot;body&quot;:&quot;AO Wonen&quot;,&quot;person&quot;:&quot;M. Verhoef&quot;");
  expect_redirect(&w, "POST", "/beheer/organisatie", ADMIN, azRemove, "/beheer/organisatie?gedaan=1");
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM membership m JOIN person p ON p.id=m.person_id"
                                    " WHERE p.name='M. Verhoef'", 0), 0);
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azRemove, 400, "dit lidmaatschap staat er niet (meer)");
  const char *azOrg[] = { "csrf", zCsrf, "op", "organisation_add", "name", " Veenendaal ",
                          "kind", "gemeente", 0 };
  expect_redirect(&w, "POST", "/beheer/organisatie", ADMIN, azOrg, "/beheer/organisatie?gedaan=1");
  ck_assert(audit_has(&w, "org organisation_add", "organisation:Veenendaal"));
  const char *azXss[] = { "csrf", zCsrf, "op", "organisation_add", "name", "<b onmouseover=x>",
                          "kind", "partner", 0 };
  expect_redirect(&w, "POST", "/beheer/organisatie", ADMIN, azXss, "/beheer/organisatie?gedaan=1");
  expect(&w, "GET", "/beheer/organisatie", ADMIN, 0, 200, "<td>&lt;b onmouseover=x&gt;</td>");
  const char *azUnknown[] = { "csrf", zCsrf, "op", "drop_table", 0 };
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azUnknown, 400, "onbekende wijziging");

  /* the whole model: a bad one is shown again as sent, a good one loads */
  const char *azJsonBad[] = { "csrf", zCsrf, "op", "load", "json", "{\"topics\": [{\"name\": \"<b>\"}", 0 };
  expect(&w, "POST", "/beheer/organisatie", ADMIN, azJsonBad, 400, "{&quot;topics&quot;: [{&quot;name&quot;: &quot;&lt;b&gt;&quot;}</textarea>");
  const char *azJson[] = { "csrf", zCsrf, "op", "load", "json",
                           "{\"organisations\": [{\"name\": \"Rhenen\", \"kind\": \"gemeente\"}]}", 0 };
  expect_redirect(&w, "POST", "/beheer/organisatie", ADMIN, azJson, "/beheer/organisatie?gedaan=1");
  ck_assert_int_eq(tu_q_int(w.a.db, "SELECT count(*) FROM organisation WHERE name='Rhenen'", 0), 1);
  ck_assert(audit_has(&w, "org load", 0));
  /* or as a file, past what a form field may hold */
  const char *azFile[] = { "csrf", zCsrf, "op", "load", 0 };
  Resp p;
  req(&p, &w, "POST", "/beheer/organisatie", w.azSession[ADMIN], azFile, "json_file", EXAMPLE,
      "organisatie.json");
  ck_assert_msg(p.status==303, "%ld %.3000s", p.status, p.body.z);
  tu_resp_free(&p);
  req(&p, &w, "POST", "/beheer/organisatie", w.azSession[ADMIN], azFile, "json_file",
      NOT_A_DOC, "notes.txt");
  ck_assert_int_eq(p.status, 400);
  ck_assert_ptr_nonnull(strstr(p.body.z, "Niet opgeslagen: geen geldige JSON: regel 1"));
  tu_resp_free(&p);
  buf_release(&before);
  buf_release(&after);
  tu_web_stop(&w);
}
END_TEST

/* The id in the first link "/document/ID/bewerken" of a page, or 0. */
static long long edit_link_id(const char *zHtml){
  const char *z = strstr(zHtml, "/bewerken\"");
  if( z==0 ) return 0;
  while( z>zHtml && z[-1]>='0' && z[-1]<='9' ) z--;
  return atoll(z);
}

/* 13. Upload through the form: a new file with what overleg inferred and
** a link to edit it, the same file again (a duplicate), a file that is no
** document (415, the reason), no file (400); then editing its metadata. */
START_TEST(t13_upload_and_edit){
  Web w;
  web_start(&w);
  const char *zCsrf = tu_web_csrf(&w, STAFF);
  const char *azForm[] = { "csrf", zCsrf, "body", "", "topic", "", "date", "", "kind", "", 0 };
  Resp p;
  req(&p, &w, "POST", "/uploaden", w.azSession[STAFF], azForm, "file", ODT, "<img src=x onerror=alert(1)>.odt");
  ck_assert_msg(p.status==200, "%ld %.3000s", p.status, p.body.z);
  ck_assert_ptr_nonnull(strstr(p.body.z, "Opgeslagen:"));
  ck_assert_ptr_nonnull(strstr(p.body.z, "&lt;img src=x onerror=alert(1)&gt;.odt"));
  ck_assert_ptr_null(strstr(p.body.z, "<img"));
  long long id = edit_link_id(p.body.z);
  ck_assert_msg(id>0, "%.3000s", p.body.z);
  tu_resp_free(&p);

  req(&p, &w, "POST", "/uploaden", w.azSession[STAFF], azForm, "file", ODT, "again.odt");
  ck_assert_int_eq(p.status, 200);
  ck_assert_ptr_nonnull(strstr(p.body.z, "Dit bestand staat al in het archief"));
  tu_resp_free(&p);
  req(&p, &w, "POST", "/uploaden", w.azSession[STAFF], azForm, "file", NOT_A_DOC, "notes.txt");
  ck_assert_int_eq(p.status, 415);
  ck_assert_ptr_nonnull(strstr(p.body.z, "Niet opgeslagen: geen ODT- of DOCX-bestand"));
  tu_resp_free(&p);
  req(&p, &w, "POST", "/uploaden", w.azSession[STAFF], azForm, "file", "", "");
  ck_assert_int_eq(p.status, 400);
  ck_assert_ptr_nonnull(strstr(p.body.z, "Kies ten minste één bestand."));
  tu_resp_free(&p);
  const char *azBadDate[] = { "csrf", zCsrf, "date", "15-03-2024", 0 };
  req(&p, &w, "POST", "/uploaden", w.azSession[STAFF], azBadDate, "file", DOCX, "b.docx");
  ck_assert_int_eq(p.status, 400);
  ck_assert_ptr_nonnull(strstr(p.body.z, "Niet opgeslagen:"));
  ck_assert_ptr_nonnull(strstr(p.body.z, "value=\"15-03-2024\""));
  tu_resp_free(&p);

  char zPath[64], zDoc[64];
  snprintf(zPath, sizeof zPath, "/document/%lld/bewerken", id);
  snprintf(zDoc, sizeof zDoc, "/document/%lld", id);
  expect(&w, "GET", zPath, STAFF, 0, 200, "name=\"status\"");
  expect(&w, "GET", "/document/99999/bewerken", STAFF, 0, 404, 0);
  const char *azBad[] = { "csrf", zCsrf, "body", "BO Wonen", "topic", "", "date", "2024-13-01",
                          "kind", "verslag", "status", "concept", 0 };
  expect(&w, "POST", zPath, STAFF, azBad, 400, "Niet opgeslagen:");
  expect(&w, "POST", zPath, STAFF, azBad, 400, "aria-invalid=\"true\"");
  const char *azGood[] = { "csrf", zCsrf, "body", "BO Wonen", "topic", "", "date", "2024-03-15",
                           "kind", "verslag", "status", "concept", 0 };
  expect_redirect(&w, "POST", zPath, STAFF, azGood, zDoc);
  json_t *pDoc = catalog_document(w.a.db, id);
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(pDoc, "body"), "name")), "BO Wonen");
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(pDoc, "topic"), "name")), "Wonen");
  ck_assert_str_eq(json_string_value(json_object_get(pDoc, "date")), "2024-03-15");
  ck_assert_str_eq(json_string_value(json_object_get(pDoc, "kind")), "verslag");
  ck_assert_str_eq(json_string_value(json_object_get(pDoc, "status")), "concept");
  json_decref(pDoc);
  expect(&w, "GET", zPath, STAFF, 0, 200, "<option value=\"BO Wonen\" selected>");
  tu_web_stop(&w);
}
END_TEST

/* 14. The audit log, newest first, by pages of 50. */
START_TEST(t14_audit){
  Web w;
  web_start(&w);
  for(int i=0; i<120; i++){
    char zObj[32];
    snprintf(zObj, sizeof zObj, "test:%d", i);
    ck_assert_int_eq(store_audit(w.a.db, 0, "tester", "test <b>", zObj, 0), 0);
  }
  expect(&w, "GET", "/audit", AUDITOR, 0, 200, "test:119");
  expect(&w, "GET", "/audit", AUDITOR, 0, 200, "href=\"/audit?pagina=2\"");
  expect(&w, "GET", "/audit", AUDITOR, 0, 200, "test &lt;b&gt;");
  expect(&w, "GET", "/audit?pagina=3", AUDITOR, 0, 200, "href=\"/audit?pagina=2\"");
  expect(&w, "GET", "/audit?pagina=abc", AUDITOR, 0, 200, "test:119");
  tu_web_stop(&w);
}
END_TEST

/* Requests zPath as iUser, checks the status and returns the body (the
** caller frees p). */
static const char *page_of(Resp *p, Web *w, const char *zPath, int iUser, long status){
  req(p, w, "GET", zPath, w->azSession[iUser], 0, 0, 0, 0);
  ck_assert_msg(p->status==status, "GET %s as %s: status %ld, want %ld\n%.3000s", zPath,
                azUser[iUser], p->status, status, p->body.z);
  return p->body.z;
}

/* 15. The audit log narrowed by the form's filter: its values from the
** URL back in the form (escaped), the pages' links keeping them, each
** row's decision, document or meeting linked to its page (anything else
** as text, escaped), a bad period said on the page (400), an empty
** answer; the roles as for the whole log. */
START_TEST(t15_audit_filter){
  Web w;
  web_start(&w);
  sqlite3 *db = w.a.db;
  for(int i=0; i<120; i++){
    char zObj[32];
    snprintf(zObj, sizeof zObj, "test:%d", i);
    ck_assert_int_eq(store_audit(db, 0, "tester", "test <b>", zObj, 0), 0);
  }
  static const char *const azRow[][3] = {
    { "medewerker", "decision.add", "decision:12" },
    { "medewerker", "decision.reference", "decision:0012" },
    { "medewerker", "document.update", "document:5" },
    { "medewerker", "meeting.prepares", "meeting:3" },
    { "beheerder", "user add", "user:medewerker" },
    { "\"><script>alert(1)</script>", "decision.add", "decision:7\"><script>x</script>" },
  };
  for(size_t i=0; i<sizeof azRow/sizeof azRow[0]; i++){
    ck_assert_int_eq(store_audit(db, 0, azRow[i][0], azRow[i][1], azRow[i][2], 0), 0);
  }
  Resp p;
  const char *z;

  /* 1. one object's history, linked to its page; the form holds the filter */
  z = page_of(&p, &w, "/audit?object=decision%3A12", AUDITOR, 200);
  ck_assert_msg(strstr(z, "<td><a href=\"/besluit/12\">decision:12</a></td>")
                && strstr(z, "Regels: 1 ")
                && strstr(z, "<input id=\"af-object\" name=\"object\" value=\"decision:12\"")
                && strstr(z, "<label for=\"af-object\">Object</label>")
                && strstr(z, "<a href=\"/audit\">Alle regels</a>")
                && !strstr(z, "decision:0012") && !strstr(z, "test:119")
                /* the language switch keeps the filter */
                && strstr(z, "?object=decision%3A12&amp;lang=en")
                /* the actions and their families are suggested */
                && strstr(z, "<datalist id=\"af-actions\"><option value=\"decision\">"
                          "<option value=\"decision.add\">")
                && strstr(z, "<option value=\"user\"><option value=\"user add\">"), "%s", z);
  tu_resp_free(&p);
  /* 2. the rows' objects: a page only for a decision, document or meeting
  ** named by its number; the rest as text, escaped */
  z = page_of(&p, &w, "/audit?wie=medewerker", AUDITOR, 200);
  ck_assert_msg(strstr(z, "<a href=\"/document/5\">document:5</a>")
                && strstr(z, "<a href=\"/vergadering/3\">meeting:3</a>")
                && strstr(z, "<td>decision:0012</td>")
                && strstr(z, "<td>login</td><td>user:medewerker</td>")   /* the test's own */
                && strstr(z, "Regels: 5 ") && !strstr(z, "<td>user add</td>"), "%s", z);
  tu_resp_free(&p);
  z = page_of(&p, &w, "/audit?actie=user", AUDITOR, 200);
  ck_assert_msg(strstr(z, "<td>user:medewerker</td>") && strstr(z, "Regels: 1 "), "%s", z);
  tu_resp_free(&p);
  z = page_of(&p, &w, "/audit?actie=decision.add", AUDITOR, 200);
  ck_assert_msg(strstr(z, "<td>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>")
                && strstr(z, "<td>decision:7&quot;&gt;&lt;script&gt;x&lt;/script&gt;</td>")
                && strstr(z, "Regels: 2 "), "%s", z);
  ck_assert_int_eq(tu_count(z, "<script"), 0);
  tu_resp_free(&p);
  /* 3. pages of what the filter selects, their links keeping it */
  z = page_of(&p, &w, "/audit?wie=tester&actie=test%20%3Cb%3E&van=", AUDITOR, 200);
  ck_assert_msg(strstr(z, "Regels: 120 &middot; pagina 1 / 3")
                && strstr(z, "value=\"test &lt;b&gt;\"")
                && strstr(z, "href=\"/audit?wie=tester&amp;actie=test%20%3Cb%3E&amp;pagina=2\" rel=\"next\"")
                && !strstr(z, "rel=\"prev\""), "%s", z);
  tu_resp_free(&p);
  z = page_of(&p, &w, "/audit?wie=tester&actie=test%20%3Cb%3E&pagina=2", AUDITOR, 200);
  ck_assert_msg(strstr(z, "href=\"/audit?wie=tester&amp;actie=test%20%3Cb%3E\" rel=\"prev\"")
                && strstr(z, "href=\"/audit?wie=tester&amp;actie=test%20%3Cb%3E&amp;pagina=3\" rel=\"next\"")
                && strstr(z, "test:69") && !strstr(z, "test:70<"), "%s", z);
  tu_resp_free(&p);
  /* 4. hostile values go back into the form as text */
  z = page_of(&p, &w, "/audit?wie=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&object=%3Cb%3E", AUDITOR, 200);
  ck_assert_msg(strstr(z, "name=\"wie\" value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                && strstr(z, "name=\"object\" value=\"&lt;b&gt;\"")
                && strstr(z, "Geen regels voor dit filter."), "%s", z);
  ck_assert_int_eq(tu_count(z, "<script"), 0);
  ck_assert_int_eq(tu_count(z, "<b>"), 0);
  tu_resp_free(&p);
  /* 5. a bad period: said on the page, in the page's language, 400 */
  z = page_of(&p, &w, "/audit?van=2021-13&wie=tester", AUDITOR, 400);
  ck_assert_msg(strstr(z, "<p class=\"error\" role=\"alert\">ongeldige datum &quot;2021-13&quot; bij"
                          " &quot;van&quot; (gebruik 2021, 2021-03 of 2021-03-01)</p>")
                && strstr(z, "name=\"van\" value=\"2021-13\"")
                && !strstr(z, "<table"), "%s", z);
  tu_resp_free(&p);
  z = page_of(&p, &w, "/audit?tot=gisteren&lang=en", AUDITOR, 400);
  ck_assert_msg(strstr(z, "bad date &quot;gisteren&quot; for to (use 2021, 2021-03 or 2021-03-01)")
                && strstr(z, "<label for=\"af-to\">To</label>"), "%s", z);
  tu_resp_free(&p);
  z = page_of(&p, &w, "/audit?van=2000&tot=2000-12", AUDITOR, 200);
  ck_assert_msg(strstr(z, "Regels: 0") && strstr(z, "Geen regels voor dit filter."), "%s", z);
  tu_resp_free(&p);
  /* 6. roles as for the whole log */
  expect(&w, "GET", "/audit?object=decision%3A12", LEZER, 0, 403, 0);
  expect(&w, "GET", "/audit?object=decision%3A12", STAFF, 0, 403, 0);
  expect(&w, "GET", "/audit?object=decision%3A12", ADMIN, 0, 200, "href=\"/besluit/12\"");
  expect_redirect(&w, "GET", "/audit?object=decision%3A12", -1, 0,
                  "/inloggen?terug=%2Faudit%3Fobject%3Ddecision%253A12");
  tu_web_stop(&w);
}
END_TEST

/* 16. The admin page says when the archive was last checked and backed
** up (the CLI's audit rows): never at first; then the latest of each,
** with its counts, in Dutch and English. */
START_TEST(t16_last_runs){
  Web w;
  web_start(&w);
  Resp p;
  const char *z = page_of(&p, &w, "/beheer", ADMIN, 200);
  ck_assert_msg(strstr(z, "<dt>Laatste controle</dt><dd>nog nooit</dd>")
                && strstr(z, "<dt>Laatste back-up</dt><dd>nog nooit</dd>"), "%s", z);
  tu_resp_free(&p);
  sqlite3 *db = w.a.db;
  tu_exec(db, "INSERT INTO audit(at, actor, action, object, detail) VALUES"
          " ('2026-03-01T02:30:00Z', 'cli', 'check', 'archive',"
          "  '{\"documents\":90,\"problems\":2,\"repaired\":0,\"hashed\":0,\"verify\":false}'),"
          " ('2026-03-13T02:30:00Z', 'cli', 'check', 'archive',"
          "  '{\"documents\":100,\"problems\":0,\"repaired\":0,\"hashed\":100,\"verify\":true}'),"
          " ('2026-03-14T01:05:00Z', 'cli', 'backup', '/backup/overleg',"
          "  '{\"documents\":100,\"copied\":3,\"kept\":97,\"failed\":0,\"bytes\":1000}')");
  z = page_of(&p, &w, "/beheer", ADMIN, 200);
  ck_assert_msg(strstr(z, "<dd>13 maart 2026, 02:30 UTC: 100 documenten, 0 problemen;"
                          " alle originelen gelezen en vergeleken</dd>")
                && strstr(z, "<dd>14 maart 2026, 01:05 UTC, naar /backup/overleg: 100 documenten,"
                             " 0 niet gekopieerd</dd>"), "%s", z);
  tu_resp_free(&p);
  z = page_of(&p, &w, "/beheer?lang=en", ADMIN, 200);
  ck_assert_msg(strstr(z, "<dt>Last check</dt>") && strstr(z, "every original read and compared"),
                "%s", z);
  tu_resp_free(&p);
  tu_web_stop(&w);
}
END_TEST

Suite *suite_pages_admin(void){
  Suite *s = suite_create("pages_admin");
  TCase *tc = tcase_create("pages_admin");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_add_entities);
  tcase_add_test(tc, t02_participation);
  tcase_add_test(tc, t03_portfolio);
  tcase_add_test(tc, t04_membership);
  tcase_add_test(tc, t05_errors);
  tcase_add_test(tc, t06_json);
  tcase_add_test(tc, t07_safe_return);
  tcase_add_test(tc, t08_login_logout);
  tcase_add_test(tc, t09_throttle);
  tcase_add_test(tc, t10_roles);
  tcase_add_test(tc, t11_users);
  tcase_add_test(tc, t12_organisation);
  tcase_add_test(tc, t13_upload_and_edit);
  tcase_add_test(tc, t14_audit);
  tcase_add_test(tc, t15_audit_filter);
  tcase_add_test(tc, t16_last_runs);
  suite_add_tcase(s, tc);
  return s;
}
