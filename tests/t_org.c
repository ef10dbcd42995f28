/*
** t_org.c — the organisation file: loading the example region, the round
** trip through export, idempotence, replacing dated lists, every
** validation message, and all-or-nothing.  Run from the repository root.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"
#include "org.h"
#include "store.h"
#include "testutil.h"

Suite *suite_org(void);

#define EXAMPLE "tests/fixtures/org-example.json"

/* A fresh archive in a temporary folder, removed by tu_arch_free(). */
typedef TuArch Arch;

static void open_store(Arch *t){
  tu_arch_new(t, 0);
  tu_arch_open(t);
}

static void load_ok(Arch *t, const char *zJson, size_t nJson, OrgCounts *pC){
  Err err = ERR_INIT;
  ck_assert_msg(org_load(t->db, zJson, nJson, pC, &err)==0, "%s", err.msg);
}

static void assert_text(Arch *t, const char *zSql, const char *zWant){
  ck_assert_str_eq(tu_q_text(t->db, zSql, 0), zWant);
}

static void export_ok(Arch *t, Buf *out){
  Err err = ERR_INIT;
  buf_reset(out);
  ck_assert_msg(org_export(t->db, out, &err)==0, "%s", err.msg);
}

/* 1. The example region loads whole: 11 gemeenten and 2 partners, 4
** topics each with a BO and the AO that prepares it, the BORA chaired by
** the mayor of Amersfoort, BO chairs who are BORA members. */
START_TEST(t01_load_example){
  Arch t;
  OrgCounts c;
  open_store(&t);
  tu_org_example(t.db, &c);
  ck_assert_int_eq(c.nOrganisation, 13);
  ck_assert_int_eq(c.nPerson, 63);
  ck_assert_int_eq(c.nTopic, 4);
  ck_assert_int_eq(c.nBody, 11);
  ck_assert_int_eq(c.nParticipation, 39);
  ck_assert_int_eq(c.nPortfolio, 5);
  ck_assert_int_eq(c.nMembership, 96);
  /* every row but the three standing bodies, plus four "prepares" links */
  ck_assert_int_eq(c.nChanged, 13 + 63 + 4 + 8 + 39 + 5 + 96 + 4);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM organisation WHERE kind='gemeente'", 0), 11);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM body a JOIN body b ON b.id=a.prepares_id"
                                  " WHERE a.kind='AO' AND b.kind='BO' AND a.topic_id=b.topic_id", 0), 4);
  assert_text(&t, "SELECT p.function || ' ' || o.name FROM membership m"
                  " JOIN body b ON b.id=m.body_id JOIN person p ON p.id=m.person_id"
                  " JOIN organisation o ON o.id=p.organisation_id"
                  " WHERE b.name='BORA' AND m.role='voorzitter'", "burgemeester Amersfoort");
  ck_assert_int_eq(tu_q_int(t.db,
    "SELECT count(*) FROM membership c JOIN body b ON b.id=c.body_id"
    " WHERE b.kind='BO' AND c.role='voorzitter' AND NOT EXISTS("
    "  SELECT 1 FROM membership m JOIN body bora ON bora.id=m.body_id"
    "  WHERE bora.kind='BORA' AND m.person_id=c.person_id)", 0), 0);
  /* SWEV in AO Wonen and FBK in AO Economie; Scherpenzeel joined Wonen later */
  assert_text(&t, "SELECT b.name FROM membership m JOIN body b ON b.id=m.body_id"
                  " JOIN person p ON p.id=m.person_id JOIN organisation o ON o.id=p.organisation_id"
                  " WHERE o.name='SWEV'", "AO Wonen");
  assert_text(&t, "SELECT b.name FROM membership m JOIN body b ON b.id=m.body_id"
                  " JOIN person p ON p.id=m.person_id JOIN organisation o ON o.id=p.organisation_id"
                  " WHERE o.name='FBK'", "AO Economie");
  assert_text(&t, "SELECT pa.valid_from FROM participation pa JOIN topic t ON t.id=pa.topic_id"
                  " JOIN organisation o ON o.id=pa.organisation_id"
                  " WHERE t.name='Wonen' AND o.name='Scherpenzeel'", "2021-01-01");
  tu_arch_free(&t);
}
END_TEST

/* 2. Export gives back the example byte for byte (the fixture is in the
** canonical form), and loading that export elsewhere exports the same. */
START_TEST(t02_round_trip){
  Arch t, u;
  Buf want = BUF_INIT, got = BUF_INIT, again = BUF_INIT;
  open_store(&t);
  open_store(&u);
  hostile_file_read(EXAMPLE, &want);
  load_ok(&t, want.z, want.n, 0);
  export_ok(&t, &got);
  ck_assert_str_eq(got.z, want.z);
  load_ok(&u, got.z, got.n, 0);
  export_ok(&u, &again);
  ck_assert_str_eq(again.z, got.z);
  buf_release(&want);
  buf_release(&got);
  buf_release(&again);
  tu_arch_free(&t);
  tu_arch_free(&u);
}
END_TEST

/* 3. Loading the same file twice changes no row, not even a row's id. */
START_TEST(t03_idempotent){
  Arch t;
  OrgCounts c;
  open_store(&t);
  tu_org_example(t.db, &c);
  sqlite3_int64 nTotal = sqlite3_total_changes64(t.db);
  sqlite3_int64 iMaxMember = tu_q_int(t.db, "SELECT max(id) FROM membership", 0);
  tu_org_example(t.db, &c);
  ck_assert_int_eq(c.nChanged, 0);
  ck_assert_int_eq(c.nMembership, 96);
  ck_assert_int_eq(sqlite3_total_changes64(t.db), nTotal);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT max(id) FROM membership", 0), iMaxMember);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership", 0), 96);
  tu_arch_free(&t);
}
END_TEST

/* 4. A later file updates by name and replaces the dated lists of the
** topics and bodies it lists; a missing list is an empty one; entities it
** does not list stay, and so do their lists. */
START_TEST(t04_update_and_replace){
  static const char zJson[] =
    "{\"organisations\": [{\"name\": \"LEUSDEN\", \"kind\": \"gemeente\"}],\n"
    " \"persons\": [{\"name\": \"G. Verbeek\", \"organisation\": \"Leusden\","
    "               \"function\": \"oud-burgemeester\"}],\n"
    " \"topics\": [{\"name\": \"Mobiliteit\", \"kind\": \"project\"}],\n"
    " \"bodies\": [{\"name\": \"BO Wonen\", \"kind\": \"BO\", \"topic\": \"Wonen\",\n"
    "   \"members\": [{\"person\": \"C. Koster\", \"role\": \"voorzitter\","
    "                  \"from\": \"2022-06-01\"}]}]}";
  Arch t;
  OrgCounts c;
  open_store(&t);
  tu_org_example(t.db, &c);
  load_ok(&t, zJson, sizeof zJson - 1, &c);
  /* renamed (capitals), a new function, Mobiliteit's agenda, period, 7
  ** participants and 1 portfolio holder gone, BO Wonen's full name gone and
  ** 14 of its 15 members (C. Koster's row stays as it was) */
  ck_assert_int_eq(c.nChanged, 1 + 1 + 1 + 7 + 1 + 1 + 14);
  assert_text(&t, "SELECT name FROM organisation WHERE name='leusden'", "LEUSDEN");
  assert_text(&t, "SELECT function FROM person WHERE name='G. Verbeek'", "oud-burgemeester");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM topic WHERE name='Mobiliteit'"
                                  " AND valid_from IS NULL AND agenda IS NULL", 0), 1);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM participation p JOIN topic t"
                                  " ON t.id=p.topic_id WHERE t.name='Mobiliteit'", 0), 0);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership m JOIN body b"
                                  " ON b.id=m.body_id WHERE b.name='BO Wonen'", 0), 1);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM membership m JOIN body b"
                                  " ON b.id=m.body_id WHERE b.name='AO Wonen'", 0), 5);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM participation", 0), 39 - 7);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM person", 0), 63);
  tu_arch_free(&t);
}
END_TEST

/* 5. Each mistake gets one line naming its place in the file, and leaves
** the archive as it was. */
static const struct BadCase {
  const char *zJson;
  const char *zMsg;
} aBad[] = {
  /* 1 */ { "{\"topics\": [{\"name\": \"Wonen\"}, {\"name\": \"Economie\"},"
            " {\"name\": \"Mobiliteit\", \"participants\": [{\"organisation\": \"Leusdn\"}]}]}",
            "topics[2].participants[0]: unknown organisation \"Leusdn\" (did you mean \"Leusden\"?)" },
  /* 2 */ { "{\"bodies\": [{\"name\": \"BO Cultuur\", \"kind\": \"BO\"}]}",
            "bodies[0]: a BO needs a topic" },
  /* 3 */ { "{\"bodies\": [{\"name\": \"AO Cultuur\", \"kind\": \"AO\"}]}",
            "bodies[0]: an AO needs a topic" },
  /* 4 */ { "{\"topics\": [{\"name\": \"Wonen\", \"from\": \"2023-13-01\"}]}",
            "bad date \"2023-13-01\" in topics[0].from (use YYYY-MM-DD)" },
  /* 5 */ { "{\"topics\": [{\"name\": \"Wonen\", \"participants\":"
            " [{\"organisation\": \"Baarn\", \"to\": \"2023-02-29\"}]}]}",
            "bad date \"2023-02-29\" in topics[0].participants[0].to (use YYYY-MM-DD)" },
  /* 6 */ { "{\"topics\": [{\"name\": \"Wonen\", \"from\": \"1-1-2023\"}]}",
            "bad date \"1-1-2023\" in topics[0].from (use YYYY-MM-DD)" },
  /* 7 */ { "{\"topics\": [{\"name\": \"Wonen\", \"from\": 2023}]}",
            "topics[0].from: expected a date \"YYYY-MM-DD\" or null" },
  /* 8 */ { "{\"topics\": [{\"name\": \"Wonen\", \"from\": \"2024-01-01\", \"to\": \"2023-06-30\"}]}",
            "topics[0]: \"from\" 2024-01-01 is after \"to\" 2023-06-30" },
  /* 9 */ { "{\"bodies\": [{\"name\": \"AO Wonen\", \"kind\": \"AO\", \"topic\": \"Wonen\","
            " \"prepares\": \"ARG\"}]}",
            "bodies[0]: an AO can only prepare a BO, and \"ARG\" is of kind ARG" },
  /* 10 */ { "{\"bodies\": [{\"name\": \"AO Wonen\", \"kind\": \"AO\", \"topic\": \"Wonen\","
             " \"prepares\": \"BO Economie\"}]}",
             "bodies[0]: an AO prepares the BO of its own topic, and \"BO Economie\" is about Economie" },
  /* 11 */ { "{\"bodies\": [{\"name\": \"BO Wonen\", \"kind\": \"BO\", \"topic\": \"Wonen\","
             " \"prepares\": \"BO Economie\"}]}",
             "bodies[0]: only an AO prepares another body, and this is of kind BO" },
  /* 12 */ { "{\"bodies\": [{\"name\": \"BO Economie\", \"kind\": \"BO\", \"topic\": \"Economie\","
             " \"members\": [{\"person\": \"J. de Vries\"}]}]}",
             "bodies[0].members[0]: 2 persons are named \"J. de Vries\" (of Leusden, Soest):"
             " add \"organisation\"" },
  /* 13 */ { "{\"bodies\": [{\"name\": \"BO Economie\", \"kind\": \"BO\", \"topic\": \"Economie\","
             " \"members\": [{\"person\": \"J. de Vris\", \"organisation\": \"Leusden\"}]}]}",
             "bodies[0].members[0]: unknown person \"J. de Vris\" of Leusden (did you mean \"J. de Vries\"?)" },
  /* 14 */ { "{\"topics\": [{\"name\": \"Wonen\", \"portfolio_holders\":"
             " [{\"person\": \"F. Smit\", \"organisation\": null}]}]}",
             "topics[0].portfolio_holders[0]: unknown person \"F. Smit\" of no organisation" },
  /* 15 */ { "{\"bodies\": [{\"name\": \"BORA\", \"kind\": \"BORA\","
             " \"members\": [{\"person\": \"h. van der meulen\"}]}]}",
             "bodies[0].members[0]: unknown person \"h. van der meulen\""
             " (did you mean \"H. van der Meulen\"?)" },
  /* 16 */ { "{\"bodies\": [{\"name\": \"BORA\", \"kind\": \"BORA\", \"members\":"
             " [{\"person\": \"W. Bosman\", \"role\": \"chair\"}]}]}",
             "bodies[0].members[0].role: unknown role \"chair\""
             " (use lid, voorzitter, secretaris, notulist or adviseur)" },
  /* 17 */ { "{\"topics\": [{\"name\": \"Wonen\", \"partcipants\": []}]}",
             "topics[0]: unknown field \"partcipants\" (did you mean \"participants\"?)" },
  /* 18 */ { "{\"bodys\": []}",
             "top level: unknown field \"bodys\" (did you mean \"bodies\"?)" },
  /* 19 */ { "{\"organisations\": [{\"name\": \"Hoevelaken\", \"kind\": \"gemente\"}]}",
             "organisations[0].kind: unknown kind \"gemente\" (use gemeente or partner)" },
  /* 20 */ { "{\"bodies\": [{\"name\": \"Regiomiddag\", \"kind\": \"overig\"}]}",
             "bodies[0].kind: unknown kind \"overig\" (use BORA, ARG, BRA, BO, AO or other)" },
  /* 21 */ { "{\"organisations\": [{\"name\": \"Leusden\", \"kind\": \"gemeente\"},"
             " {\"name\": \"leusden\", \"kind\": \"gemeente\"}]}",
             "organisations[1]: \"leusden\" is already listed at organisations[0]" },
  /* 22 */ { "{\"persons\": [{\"name\": \"E. Jacobs\", \"organisation\": \"Soest\"},"
             " {\"name\": \"E. Jacobs\", \"organisation\": \"soest\"}]}",
             "persons[1]: \"E. Jacobs\" of soest is already listed at persons[0]" },
  /* 23 */ { "{\"topics\": [{\"name\": \"Wonen\", \"participants\": ["
             "{\"organisation\": \"Baarn\", \"from\": \"2019-01-01\", \"to\": \"2020-12-31\"},"
             " {\"organisation\": \"Leusden\"},"
             " {\"organisation\": \"Baarn\", \"from\": \"2020-12-31\"}]}]}",
             "topics[0].participants[2]: same organisation as participants[0] in an overlapping period" },
  /* 24 */ { "{\"bodies\": [{\"name\": \"BRA\", \"kind\": \"BRA\", \"members\": ["
             "{\"person\": \"E. van Os\", \"role\": \"lid\", \"to\": \"2020-12-31\"},"
             " {\"person\": \"E. van Os\", \"role\": \"lid\", \"from\": \"2019-06-01\"}]}]}",
             "bodies[0].members[1]: same person in the same role as members[0] in an overlapping period" },
  /* 25 */ { "{\"persons\": [{\"organisation\": \"Leusden\"}]}",
             "persons[0]: missing \"name\"" },
  /* 26 */ { "{\"persons\": [{\"name\": \"P. Post\", \"organisation\": \"Amersfort\"}]}",
             "persons[0]: unknown organisation \"Amersfort\" (did you mean \"Amersfoort\"?)" },
  /* 27 */ { "{\"bodies\": [{\"name\": \"BO Wonen\", \"kind\": \"BO\", \"topic\": \"Wonn\"}]}",
             "bodies[0]: unknown topic \"Wonn\" (did you mean \"Wonen\"?)" },
  /* 28 */ { "{\"bodies\": [{\"name\": \"AO Wonen\", \"kind\": \"AO\", \"topic\": \"Wonen\","
             " \"prepares\": \"BO Wonnen\"}]}",
             "bodies[0]: unknown body \"BO Wonnen\" (did you mean \"BO Wonen\"?)" },
  /* 29 */ { "{\"organisations\": [{\"name\": \"Leusden \", \"kind\": \"gemeente\"}]}",
             "organisations[0].name: \"Leusden \" starts or ends with a space" },
  /* 30 */ { "{\"organisations\": [{\"name\": \"\", \"kind\": \"gemeente\"}]}",
             "organisations[0].name: expected 1 to 500 bytes of text" },
  /* 31 */ { "{\"organisations\": [{\"name\": \"Lee\\nusden\", \"kind\": \"gemeente\"}]}",
             "organisations[0].name: control character in the text" },
  /* 32 */ { "{\"organisations\": [{\"name\": 7, \"kind\": \"gemeente\"}]}",
             "organisations[0].name: expected a string \"...\"" },
  /* 33 */ { "{\"topics\": {}}", "topics: expected a list [...]" },
  /* 34 */ { "{\"topics\": [[]]}", "topics[0]: expected an object {...}" },
  /* 35 */ { "[]", "top level: expected an object {...}" },
  /* 36 */ { "{\"organisations\": [}",
             "not valid JSON: line 1, column 20: unexpected token near '}'" },
  /* 37 */ { "{\"topics\": [], \"topics\": []}",
             "not valid JSON: line 1, column 23: duplicate object key near '\"topics\"'" },
  /* 38 */ { "", "not valid JSON: line 1, column 0: '[' or '{' expected near end of file" },
};

START_TEST(t05_errors){
  Arch t;
  Buf want = BUF_INIT, got = BUF_INIT;
  open_store(&t);
  hostile_file_read(EXAMPLE, &want);
  load_ok(&t, want.z, want.n, 0);
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    Err err = ERR_INIT;
    OrgCounts c;
    int rc = org_load(t.db, aBad[i].zJson, strlen(aBad[i].zJson), &c, &err);
    ck_assert_msg(rc==-1, "case %zu loaded", i+1);
    ck_assert_msg(strcmp(err.msg, aBad[i].zMsg)==0, "case %zu:\n got  %s\n want %s",
                  i+1, err.msg, aBad[i].zMsg);
    ck_assert_int_eq(c.nChanged, 0);
  }
  export_ok(&t, &got);
  ck_assert_str_eq(got.z, want.z);
  buf_release(&want);
  buf_release(&got);
  tu_arch_free(&t);
}
END_TEST

/* 6. An error in the last body undoes everything before it: on a fresh
** archive and on one that holds the example. */
START_TEST(t06_all_or_nothing){
  Arch t;
  Buf file = BUF_INIT, fresh = BUF_INIT, got = BUF_INIT;
  hostile_file_read(EXAMPLE, &file);
  /* the last member of the last body (AO Wonen) gets an unknown role */
  char *z = strstr(file.z, "\"role\": \"secretaris\", \"from\": \"2019-01-01\", \"to\": null}\n      ]\n    }\n  ]\n}");
  ck_assert_ptr_nonnull(z);
  memcpy(z + 9, "secretaria", 10);
  open_store(&t);
  export_ok(&t, &fresh);
  Err err = ERR_INIT;
  ck_assert_int_eq(org_load(t.db, file.z, file.n, 0, &err), -1);
  ck_assert_str_eq(err.msg, "bodies[10].members[4].role: unknown role \"secretaria\""
                            " (use lid, voorzitter, secretaris, notulist or adviseur)");
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM organisation", 0), 0);
  ck_assert_int_eq(tu_q_int(t.db, "SELECT count(*) FROM person", 0), 0);
  export_ok(&t, &got);
  ck_assert_str_eq(got.z, fresh.z);
  /* the same on a loaded archive, with an earlier change in the file */
  tu_org_example(t.db, 0);
  export_ok(&t, &fresh);
  z = strstr(file.z, "\"kind\": \"gemeente\"");
  memcpy(z, "\"kind\": \"partner\" ", 18);
  err_clear(&err);
  ck_assert_int_eq(org_load(t.db, file.z, file.n, 0, &err), -1);
  export_ok(&t, &got);
  ck_assert_str_eq(got.z, fresh.z);
  buf_release(&file);
  buf_release(&fresh);
  buf_release(&got);
  tu_arch_free(&t);
}
END_TEST

/* 7. The size limit, a byte-order mark, an empty object, and an explicit
** "organisation": null for the person who has none. */
START_TEST(t07_edges){
  static const char zBom[] = "\xEF\xBB\xBF{\"topics\": [{\"name\": \"Mobiliteit\","
    " \"kind\": \"project\", \"from\": \"2024-02-29\", \"portfolio_holders\":"
    " [{\"person\": \"Q. Lambrechts\", \"organisation\": null}]}]}";
  Arch t;
  OrgCounts c;
  Err err = ERR_INIT;
  open_store(&t);
  char *zBig = calloc(ORG_MAX_BYTES + 1, 1);
  ck_assert_int_eq(org_load(t.db, zBig, ORG_MAX_BYTES + 1, &c, &err), -1);
  ck_assert_str_eq(err.msg, "the file is larger than 16 MiB");
  free(zBig);
  tu_org_example(t.db, &c);
  load_ok(&t, "{}", 2, &c);
  ck_assert_int_eq(c.nChanged, 0);
  load_ok(&t, zBom, sizeof zBom - 1, &c);
  ck_assert_int_eq(c.nPortfolio, 1);
  assert_text(&t, "SELECT p.name FROM portfolio f JOIN person p ON p.id=f.person_id"
                  " JOIN topic t ON t.id=f.topic_id WHERE t.name='Mobiliteit'", "Q. Lambrechts");
  tu_arch_free(&t);
}
END_TEST

Suite *suite_org(void){
  Suite *s = suite_create("org");
  TCase *tc = tcase_create("org");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_load_example);
  tcase_add_test(tc, t02_round_trip);
  tcase_add_test(tc, t03_idempotent);
  tcase_add_test(tc, t04_update_and_replace);
  tcase_add_test(tc, t05_errors);
  tcase_add_test(tc, t06_all_or_nothing);
  tcase_add_test(tc, t07_edges);
  suite_add_tcase(s, tc);
  return s;
}
