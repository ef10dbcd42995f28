/*
** t_catalog.c — the archive as the pages and the API read it (catalog.c):
** each object's keys in order and its values on a small archive (the
** organisation of tests/fixtures/org-example.json, and nine documents
** imported as staff would: two meetings of BO Wonen, each prepared by
** one of AO Wonen, minutes in three versions, a BORA meeting on the same
** day, a memo of no meeting); unknown ids; the lists, their order and
** pages; the stats kept per connection; the audit log; and the edits of
** catalog_document_update(): each one, the meetings that follow, and each
** refusal with its message and nothing changed.  Run from the
** repository root.
*/
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#include "catalog.h"
#include "hostile.h"
#include "import.h"
#include "org.h"
#include "store.h"
#include "testutil.h"

Suite *suite_catalog(void);

/* ------------------------------------------------------------ archive */

/* zDir/st is the archive, zDir/in the files. */
typedef TuArch Arch;

/* Imports every file of zDir, one thread so that documents get their ids
** in the order of the names. */
static void import_dir(Arch *a, const char *zDir){
  tu_arch_import(a, zDir);
}

/* The ids the expectations below are written with. */
enum {
  DOC_AO = 1, DOC_AGENDA, DOC_MINUTES, DOC_MINUTES2, DOC_MINUTES3, DOC_BORA, DOC_AO_OLD,
  DOC_BO_OLD, DOC_MEMO, N_DOC = DOC_MEMO
};
enum { M_AO = 1, M_BO, M_BORA, M_AO_OLD, M_BO_OLD, N_MEETING = M_BO_OLD };
enum { B_BORA = 1, B_BO_MOB = 6, B_BO_WONEN = 10, B_AO_WONEN = 11, N_BODY = 11 };
enum { T_MOB = 2, T_WONEN = 4, N_TOPIC = 4 };

/* A new archive: the organisation of org-example.json and the nine
** documents. */
static void arch_new(Arch *a){
  tu_arch_new(a, 0);
  tu_arch_open(a);
  tu_org_example(a->db, 0);
  HOSTILE_DOC(tu_path(a->zIn, "01.odt"), "# Agenda AO Wonen 5 maart 2024", "1. Voorbereiding BO.");
  HOSTILE_DOC(tu_path(a->zIn, "02.odt"), "# Agenda BO Wonen 12 maart 2024", "1. Opening");
  HOSTILE_DOC(tu_path(a->zIn, "03.odt"), "# Verslag BO Wonen 12 maart 2024", "Aanwezig: de wethouders.",
      "## Woningbouw", "De woningbouw in Leusden is besproken.");
  HOSTILE_DOC(tu_path(a->zIn, "04.odt"), "# Verslag BO Wonen 12 maart 2024", "Aanwezig: de wethouders.",
      "Tweede versie, ook over Soest.");
  HOSTILE_DOC(tu_path(a->zIn, "05.odt"), "# Verslag BO Wonen 12 maart 2024", "Aanwezig: de wethouders.",
      "Derde versie.");
  HOSTILE_DOC(tu_path(a->zIn, "06.odt"), "# Besluitenlijst BORA 12 maart 2024", "Besluit 1: vastgesteld.");
  HOSTILE_DOC(tu_path(a->zIn, "07.odt"), "# Agenda AO Wonen 3 januari 2023", "1. Opening");
  HOSTILE_DOC(tu_path(a->zIn, "08.odt"), "# Agenda BO Wonen 10 januari 2023", "1. Opening");
  HOSTILE_DOC(tu_path(a->zIn, "09.odt"), "# Notitie over de regio", "Zonder vergadering.");
  import_dir(a, a->zIn);
  /* the ids the expectations are written with */
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM document", 0), N_DOC);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM meeting", 0), N_MEETING);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT id FROM body WHERE name='BO Wonen'", 0), B_BO_WONEN);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT id FROM body WHERE name='AO Wonen'", 0), B_AO_WONEN);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT id FROM body WHERE name='BO Mobiliteit'", 0), B_BO_MOB);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT id FROM topic WHERE name='Wonen'", 0), T_WONEN);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT id FROM topic WHERE name='Mobiliteit'", 0), T_MOB);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT meeting_id FROM document WHERE id=5", 0), M_BO);
  ck_assert_int_eq(tu_q_int(a->db, "SELECT meeting_id FROM document WHERE id=8", 0), M_BO_OLD);
}

/* ------------------------------------------------------------ asserts */

#define JSON_EQ(j, zWant) ck_assert_str_eq(tu_json_dump(j), zWant)
#define AT(j, zKey) json_object_get(j, zKey)

/* The values of key zKey in the objects of array a, comma-separated. */
static const char *column(const json_t *a, const char *zKey){
  static char z[1024];
  size_t i;
  json_t *v;
  z[0] = 0;
  json_array_foreach(a, i, v){
    if( i ) strcat(z, ",");
    strcat(z, tu_json_dump(AT(v, zKey)));
  }
  return z;
}

/* Today's date in local time, as catalog.c compares "current" with. */
static const char *today(void){
  static char z[11];
  time_t t = time(0);
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(z, sizeof z, "%Y-%m-%d", &tm);
  return z;
}

/* Asserts each entry's "current" against its from and to. */
static void check_current(const json_t *a){
  size_t i;
  json_t *v;
  ck_assert_int_gt(json_array_size(a), 0);
  json_array_foreach(a, i, v){
    const char *zFrom = json_string_value(AT(v, "from"));
    const char *zTo = json_string_value(AT(v, "to"));
    int b = (!zFrom || strcmp(zFrom, today())<=0) && (!zTo || strcmp(zTo, today())>=0);
    ck_assert_msg(json_is_boolean(AT(v, "current")) && json_is_true(AT(v, "current"))==b,
                  "%s", tu_json_dump(v));
  }
}

/* A document's row, a count of meetings and of audit rows: what a refused
** update must leave as it was. */
static void snapshot(Arch *a, long long id, Buf *out){
  sqlite3_stmt *st;
  buf_reset(out);
  ck_assert_int_eq(sqlite3_prepare_v2(a->db,
    "SELECT quote(body_id), quote(topic_id), quote(meeting_id), quote(date), quote(kind),"
    " quote(status), (SELECT count(*) FROM meeting), (SELECT count(*) FROM meeting_body),"
    " (SELECT count(*) FROM audit) FROM document WHERE id=?1", -1, &st, 0), SQLITE_OK);
  sqlite3_bind_int64(st, 1, id);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  for(int i=0; i<sqlite3_column_count(st); i++){
    buf_appendf(out, "%s|", (const char*)sqlite3_column_text(st, i));
  }
  sqlite3_finalize(st);
}

static const char *const zBoWonen =
  "{\"id\":10,\"name\":\"BO Wonen\",\"full_name\":\"Bestuurlijk Overleg Wonen\",\"kind\":\"BO\"}";
static const char *const zAoWonen =
  "{\"id\":11,\"name\":\"AO Wonen\",\"full_name\":\"Ambtelijk Overleg Wonen\",\"kind\":\"AO\"}";

/* --------------------------------------------------------------- reads */

/* 1. A document whole: its keys in order, its references, metadata,
** municipalities, versions, the other documents of its meeting and its
** text as passages under their headings. */
START_TEST(t01_document){
  Arch a;
  arch_new(&a);
  json_t *d = catalog_document(a.db, DOC_MINUTES);
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(tu_json_keys(d), "id,title,original_name,sha256,size,format,date,kind,status,"
                   "body,topic,meeting,imported_at,imported_by,metadata,municipalities,"
                   "version_of,versions,meeting_documents,passages");
  JSON_EQ(AT(d, "id"), "3");
  JSON_EQ(AT(d, "title"), "\"Verslag BO Wonen 12 maart 2024\"");
  JSON_EQ(AT(d, "original_name"), "\"03.odt\"");
  ck_assert_int_eq(strlen(json_string_value(AT(d, "sha256"))), 64);
  ck_assert_int_eq(json_integer_value(AT(d, "size")),
                   tu_q_int(a.db, "SELECT size FROM document WHERE id=3", 0));
  JSON_EQ(AT(d, "format"), "\"odt\"");
  JSON_EQ(AT(d, "date"), "\"2024-03-12\"");
  JSON_EQ(AT(d, "kind"), "\"verslag\"");
  JSON_EQ(AT(d, "status"), "\"concept\"");
  JSON_EQ(AT(d, "body"), zBoWonen);
  JSON_EQ(AT(d, "topic"), "{\"id\":4,\"name\":\"Wonen\"}");
  ck_assert_str_eq(tu_json_dump(AT(d, "meeting")), "{\"id\":2,\"date\":\"2024-03-12\",\"location\":null,"
                   "\"bodies\":[{\"id\":10,\"name\":\"BO Wonen\","
                   "\"full_name\":\"Bestuurlijk Overleg Wonen\",\"kind\":\"BO\"}]}");
  ck_assert_int_eq(strlen(json_string_value(AT(d, "imported_at"))), 20);   /* ...T..:..:..Z */
  JSON_EQ(AT(d, "imported_by"), "null");
  ck_assert(json_is_object(AT(d, "metadata")));
  ck_assert_int_eq(sqlite3_exec(a.db, "UPDATE document SET metadata="
                   "'{\"title\":\"T\",\"creator\":null}' WHERE id=3", 0, 0, 0), SQLITE_OK);
  json_decref(d);
  d = catalog_document(a.db, DOC_MINUTES);
  JSON_EQ(AT(d, "metadata"), "{\"title\":\"T\",\"creator\":null}");
  JSON_EQ(AT(d, "municipalities"), "[\"Leusden\"]");
  JSON_EQ(AT(d, "version_of"), "null");
  ck_assert_str_eq(column(AT(d, "versions"), "id"), "5,4");
  ck_assert_str_eq(tu_json_keys(json_array_get(AT(d, "versions"), 0)),
                   "id,title,original_name,date,kind,status,format,size");
  ck_assert_str_eq(column(AT(d, "meeting_documents"), "id"), "2,4,5");
  json_t *e = json_array_get(AT(d, "meeting_documents"), 0);
  ck_assert(json_integer_value(AT(e, "size"))>0);
  json_object_del(e, "size");
  JSON_EQ(e, "{\"id\":2,\"title\":\"Agenda BO Wonen 12 maart 2024\","
          "\"original_name\":\"02.odt\",\"date\":\"2024-03-12\",\"kind\":\"agenda\","
          "\"status\":null,\"format\":\"odt\"}");
  json_t *aP = AT(d, "passages");
  ck_assert_int_eq(json_array_size(aP), 2);
  ck_assert_str_eq(tu_json_keys(json_array_get(aP, 0)), "id,heading,text,ord,kind");
  ck_assert_str_eq(column(aP, "heading"), "\"Verslag BO Wonen 12 maart 2024\","
                   "\"Verslag BO Wonen 12 maart 2024 > Woningbouw\"");
  ck_assert_str_eq(column(aP, "text"), "\"Aanwezig: de wethouders.\","
                   "\"De woningbouw in Leusden is besproken.\"");
  ck_assert_str_eq(column(aP, "ord"), "0,1");
  ck_assert_str_eq(column(aP, "kind"), "\"text\",\"text\"");
  json_decref(d);
  tu_arch_free(&a);
}
END_TEST

/* 2. Versions form one chain whichever version is asked for; a document
** of no body, date or meeting has nulls and empty lists. */
START_TEST(t02_versions_and_nulls){
  Arch a;
  arch_new(&a);
  json_t *d = catalog_document(a.db, DOC_MINUTES3);
  ck_assert_int_eq(json_integer_value(AT(AT(d, "version_of"), "id")), DOC_MINUTES2);
  ck_assert_str_eq(column(AT(d, "versions"), "id"), "4,3");
  ck_assert_str_eq(column(AT(d, "meeting_documents"), "id"), "2,3,4");
  JSON_EQ(AT(d, "municipalities"), "[]");
  json_decref(d);
  d = catalog_document(a.db, DOC_MINUTES2);
  ck_assert_int_eq(json_integer_value(AT(AT(d, "version_of"), "id")), DOC_MINUTES);
  ck_assert_str_eq(column(AT(d, "versions"), "id"), "5,3");
  JSON_EQ(AT(d, "municipalities"), "[\"Soest\"]");
  json_decref(d);
  d = catalog_document(a.db, DOC_AGENDA);
  JSON_EQ(AT(d, "versions"), "[]");
  JSON_EQ(AT(d, "status"), "null");
  json_decref(d);
  d = catalog_document(a.db, DOC_MEMO);
  ck_assert_str_eq(tu_json_keys(d), "id,title,original_name,sha256,size,format,date,kind,status,"
                   "body,topic,meeting,imported_at,imported_by,metadata,municipalities,"
                   "version_of,versions,meeting_documents,passages");
  JSON_EQ(AT(d, "kind"), "\"memo\"");
  JSON_EQ(AT(d, "date"), "null");
  JSON_EQ(AT(d, "body"), "null");
  JSON_EQ(AT(d, "topic"), "null");
  JSON_EQ(AT(d, "meeting"), "null");
  JSON_EQ(AT(d, "version_of"), "null");
  JSON_EQ(AT(d, "versions"), "[]");
  JSON_EQ(AT(d, "meeting_documents"), "[]");
  ck_assert_int_eq(json_array_size(AT(d, "passages")), 1);
  json_decref(d);
  tu_arch_free(&a);
}
END_TEST

/* 3. An id that names nothing gives NULL, from every function that takes
** one. */
START_TEST(t03_unknown_ids){
  Arch a;
  arch_new(&a);
  static const long long aId[] = { 0, -1, 999, (long long)1<<40 };
  for(size_t i=0; i<sizeof aId/sizeof aId[0]; i++){
    ck_assert_ptr_null(catalog_document(a.db, aId[i]));
    ck_assert_ptr_null(catalog_meeting(a.db, aId[i]));
    ck_assert_ptr_null(catalog_body(a.db, aId[i]));
    ck_assert_ptr_null(catalog_topic(a.db, aId[i]));
    if( aId[i] ) ck_assert_ptr_null(catalog_meetings(a.db, aId[i], 0, 0, 10, 0));
  }
  /* and no transaction is left open */
  ck_assert_int_eq(sqlite3_get_autocommit(a.db), 1);
  tu_arch_free(&a);
}
END_TEST

/* 4. A meeting: its bodies and documents; a BO meeting was prepared by the
** AO meetings since the BO met before, and an AO meeting prepares the next
** meeting of its BO; a BORA meeting neither. */
START_TEST(t04_meeting){
  Arch a;
  arch_new(&a);
  json_t *m = catalog_meeting(a.db, M_BO);
  ck_assert_str_eq(tu_json_keys(m), "id,date,location,bodies,prepares_by,documents,prepared_by,"
                   "prepares");
  JSON_EQ(AT(m, "date"), "\"2024-03-12\"");
  JSON_EQ(AT(m, "prepares_by"), "null");
  JSON_EQ(AT(m, "location"), "null");
  ck_assert_str_eq(tu_json_dump(AT(m, "bodies")), "[{\"id\":10,\"name\":\"BO Wonen\","
                   "\"full_name\":\"Bestuurlijk Overleg Wonen\",\"kind\":\"BO\"}]");
  ck_assert_str_eq(column(AT(m, "documents"), "id"), "2,3,4,5");
  ck_assert_str_eq(tu_json_dump(AT(m, "prepared_by")), "[{\"id\":1,\"date\":\"2024-03-05\","
                   "\"location\":null,\"bodies\":[{\"id\":11,\"name\":\"AO Wonen\","
                   "\"full_name\":\"Ambtelijk Overleg Wonen\",\"kind\":\"AO\"}],\"how\":\"next\"}]");
  JSON_EQ(AT(m, "prepares"), "[]");
  json_decref(m);
  static const struct { long long id; const char *zPreparedBy, *zPrepares; } aCase[] = {
    { M_AO, "", "2" },
    { M_AO_OLD, "", "5" },
    { M_BO_OLD, "4", "" },
    { M_BORA, "", "" },
  };
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    m = catalog_meeting(a.db, aCase[i].id);
    ck_assert_str_eq(column(AT(m, "prepared_by"), "id"), aCase[i].zPreparedBy);
    ck_assert_str_eq(column(AT(m, "prepares"), "id"), aCase[i].zPrepares);
    json_decref(m);
  }
  /* a second AO meeting before the same BO meeting prepared it too */
  ck_assert_int_eq(sqlite3_exec(a.db, "INSERT INTO meeting(id, date) VALUES(20, '2024-02-01');"
    "INSERT INTO meeting_body VALUES(20, 11)", 0, 0, 0), SQLITE_OK);
  Err e = ERR_INIT;
  ck_assert_int_eq(import_link_meetings(a.db, 11, &e), 0);   /* as the import does */
  m = catalog_meeting(a.db, M_BO);
  ck_assert_str_eq(column(AT(m, "prepared_by"), "id"), "1,20");
  json_decref(m);
  m = catalog_meeting(a.db, 20);
  ck_assert_str_eq(column(AT(m, "prepares"), "id"), "2");
  JSON_EQ(AT(m, "documents"), "[]");
  json_decref(m);
  tu_arch_free(&a);
}
END_TEST

/* 5. A body: its topic, the AO that prepares it, its members with
** "current" and its meetings by year, newest first. */
START_TEST(t05_body){
  Arch a;
  arch_new(&a);
  json_t *b = catalog_body(a.db, B_BO_WONEN);
  ck_assert_str_eq(tu_json_keys(b), "id,name,full_name,kind,topic,prepares,prepared_by,members,years");
  JSON_EQ(AT(b, "topic"), "{\"id\":4,\"name\":\"Wonen\"}");
  JSON_EQ(AT(b, "prepares"), "null");
  ck_assert_int_eq(json_array_size(AT(b, "prepared_by")), 1);
  JSON_EQ(json_array_get(AT(b, "prepared_by"), 0), zAoWonen);
  json_t *aM = AT(b, "members");
  ck_assert_int_eq(json_array_size(aM), 15);
  ck_assert_str_eq(tu_json_keys(json_array_get(aM, 0)), "person,organisation,role,from,to,current");
  /* in the order of "overleg org export": chairs first */
  ck_assert_str_eq(tu_json_dump(json_array_get(aM, 1)), "{\"person\":\"G. Verbeek\","
                   "\"organisation\":\"Leusden\",\"role\":\"voorzitter\",\"from\":\"2019-01-01\","
                   "\"to\":\"2022-05-31\",\"current\":false}");
  check_current(aM);
  json_t *aY = AT(b, "years");
  ck_assert_int_eq(json_array_size(aY), 2);
  ck_assert_str_eq(tu_json_keys(json_array_get(aY, 0)), "year,meetings");
  ck_assert_str_eq(column(aY, "year"), "2024,2023");
  ck_assert_str_eq(column(AT(json_array_get(aY, 0), "meetings"), "id"), "2");
  ck_assert_str_eq(column(AT(json_array_get(aY, 1), "meetings"), "id"), "5");
  ck_assert_str_eq(tu_json_keys(json_array_get(AT(json_array_get(aY, 0), "meetings"), 0)),
                   "id,date,location,bodies");
  json_decref(b);
  b = catalog_body(a.db, B_AO_WONEN);
  JSON_EQ(AT(b, "prepares"), zBoWonen);
  JSON_EQ(AT(b, "prepared_by"), "[]");
  json_decref(b);
  b = catalog_body(a.db, B_BORA);
  JSON_EQ(AT(b, "topic"), "null");
  ck_assert_str_eq(column(AT(b, "years"), "year"), "2024");
  ck_assert_int_eq(json_array_size(AT(b, "members")), 14);
  json_decref(b);
  b = catalog_body(a.db, 2);    /* ARG: members, no meetings */
  ck_assert_int_eq(json_array_size(AT(b, "members")), 12);
  JSON_EQ(AT(b, "years"), "[]");
  json_decref(b);
  tu_arch_free(&a);
}
END_TEST

/* 6. A topic: its BO and AO, participants and portfolio holders with
** "current", and its documents by year, the undated last. */
START_TEST(t06_topic){
  Arch a;
  arch_new(&a);
  json_t *t = catalog_topic(a.db, T_WONEN);
  ck_assert_str_eq(tu_json_keys(t), "id,name,kind,agenda,from,to,document_count,bodies,participants,"
                   "portfolio_holders,years");
  JSON_EQ(AT(t, "document_count"), "7");
  JSON_EQ(AT(t, "kind"), "\"onderwerp\"");
  JSON_EQ(AT(t, "agenda"), "\"Strategische Agenda 2019-2022\"");
  JSON_EQ(AT(t, "from"), "\"2019-01-01\"");
  JSON_EQ(AT(t, "to"), "null");
  ck_assert_str_eq(column(AT(t, "bodies"), "name"), "\"BO Wonen\",\"AO Wonen\"");
  json_t *aP = AT(t, "participants");
  ck_assert_int_eq(json_array_size(aP), 13);
  ck_assert_str_eq(tu_json_keys(json_array_get(aP, 0)), "organisation,kind,from,to,current");
  ck_assert_str_eq(tu_json_dump(json_array_get(aP, 7)), "{\"organisation\":\"Renswoude\","
                   "\"kind\":\"gemeente\",\"from\":\"2019-01-01\",\"to\":\"2020-12-31\","
                   "\"current\":false}");
  ck_assert_str_eq(tu_json_dump(AT(json_array_get(aP, 11), "kind")), "\"partner\"");   /* SWEV */
  check_current(aP);
  json_t *aH = AT(t, "portfolio_holders");
  ck_assert_str_eq(tu_json_keys(json_array_get(aH, 0)), "person,organisation,from,to,current");
  ck_assert_str_eq(column(aH, "person"), "\"G. Verbeek\",\"C. Koster\"");
  check_current(aH);
  json_t *aY = AT(t, "years");
  ck_assert_str_eq(column(aY, "year"), "2024,2023");
  ck_assert_str_eq(tu_json_keys(json_array_get(aY, 0)), "year,documents");
  ck_assert_str_eq(column(AT(json_array_get(aY, 0), "documents"), "id"), "5,4,3,2,1");
  ck_assert_str_eq(column(AT(json_array_get(aY, 1), "documents"), "id"), "8,7");
  json_decref(t);
  Err err = ERR_INIT;
  ck_assert_msg(catalog_document_update(a.db, DOC_MEMO, 0, "Wonen", 0, 0, 0, "x", &err)==0,
                "%s", err.msg);
  t = catalog_topic(a.db, T_WONEN);
  aY = AT(t, "years");
  ck_assert_str_eq(column(aY, "year"), "2024,2023,null");
  ck_assert_str_eq(column(AT(json_array_get(aY, 2), "documents"), "id"), "9");
  json_decref(t);
  t = catalog_topic(a.db, 1);   /* Economie: no documents */
  JSON_EQ(AT(t, "document_count"), "0");
  JSON_EQ(AT(t, "years"), "[]");
  json_decref(t);
  /* past CATALOG_TOPIC_DOCS, the newest only */
  ck_assert_int_eq(sqlite3_exec(a.db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
    " SELECT i+1 FROM n WHERE i<200) INSERT INTO document(sha256, size, format, original_name,"
    " date, topic_id, imported_at) SELECT printf('%064d', i), 1, 'odt', 'x.odt',"
    " date('2010-01-01', '+' || i || ' days'), 1, '2024-01-01T00:00:00Z' FROM n", 0, 0, 0),
    SQLITE_OK);
  t = catalog_topic(a.db, 1);
  JSON_EQ(AT(t, "document_count"), "200");
  aY = AT(t, "years");
  ck_assert_str_eq(column(aY, "year"), "2010");
  ck_assert_int_eq(json_array_size(AT(json_array_get(aY, 0), "documents")), CATALOG_TOPIC_DOCS);
  JSON_EQ(AT(json_array_get(AT(json_array_get(aY, 0), "documents"), 0), "date"), "\"2010-07-20\"");
  json_decref(t);
  tu_arch_free(&a);
}
END_TEST

/* 7. The lists of bodies (by kind, then name, each with its topic) and of
** topics (by name). */
START_TEST(t07_lists){
  Arch a;
  arch_new(&a);
  json_t *l = catalog_bodies(a.db);
  ck_assert_str_eq(column(l, "name"), "\"BORA\",\"ARG\",\"BRA\",\"BO Economie\","
                   "\"BO Mobiliteit\",\"BO Sociaal Domein\",\"BO Wonen\",\"AO Economie\","
                   "\"AO Mobiliteit\",\"AO Sociaal Domein\",\"AO Wonen\"");
  ck_assert_str_eq(tu_json_dump(json_array_get(l, 0)), "{\"id\":1,\"name\":\"BORA\","
                   "\"full_name\":\"Bestuurlijk Overleg Regio Amersfoort\",\"kind\":\"BORA\","
                   "\"topic\":null}");
  ck_assert_str_eq(tu_json_dump(json_array_get(l, 6)), "{\"id\":10,\"name\":\"BO Wonen\","
                   "\"full_name\":\"Bestuurlijk Overleg Wonen\",\"kind\":\"BO\","
                   "\"topic\":{\"id\":4,\"name\":\"Wonen\"}}");
  json_decref(l);
  l = catalog_topics(a.db);
  ck_assert_str_eq(column(l, "name"), "\"Economie\",\"Mobiliteit\",\"Sociaal Domein\",\"Wonen\"");
  ck_assert_str_eq(tu_json_dump(json_array_get(l, 3)), "{\"id\":4,\"name\":\"Wonen\","
                   "\"kind\":\"onderwerp\",\"from\":\"2019-01-01\",\"to\":null}");
  json_decref(l);
  tu_arch_free(&a);
}
END_TEST

/* The ids of catalog_meetings(), checking the total. */
static const char *meetings(Arch *a, long long iBody, const char *zFrom, const char *zTo,
                            int nLimit, int nOffset, long long nTotal){
  json_t *j = catalog_meetings(a->db, iBody, zFrom, zTo, nLimit, nOffset);
  ck_assert_ptr_nonnull(j);
  ck_assert_str_eq(tu_json_keys(j), "total,meetings");
  ck_assert_int_eq(json_integer_value(AT(j, "total")), nTotal);
  const char *z = column(AT(j, "meetings"), "id");
  json_decref(j);
  return z;
}

/* 8. Meetings newest first, by pages that add up, filtered by body and by
** period; a period that is none matches nothing. */
START_TEST(t08_meetings){
  Arch a;
  arch_new(&a);
  json_t *j = catalog_meetings(a.db, 0, 0, 0, 0, 0);
  ck_assert_str_eq(tu_json_dump(json_array_get(AT(j, "meetings"), 4)), "{\"id\":4,"
                   "\"date\":\"2023-01-03\",\"location\":null,\"bodies\":[{\"id\":11,"
                   "\"name\":\"AO Wonen\",\"full_name\":\"Ambtelijk Overleg Wonen\","
                   "\"kind\":\"AO\"}],\"documents\":1}");
  ck_assert_str_eq(column(AT(j, "meetings"), "documents"), "1,4,1,1,1");
  json_decref(j);
  ck_assert_str_eq(meetings(&a, 0, 0, 0, 0, 0, 5), "3,2,1,5,4");
  ck_assert_str_eq(meetings(&a, 0, 0, 0, 2, 0, 5), "3,2");
  ck_assert_str_eq(meetings(&a, 0, 0, 0, 2, 2, 5), "1,5");
  ck_assert_str_eq(meetings(&a, 0, 0, 0, 2, 4, 5), "4");
  ck_assert_str_eq(meetings(&a, 0, 0, 0, 2, 6, 5), "");
  ck_assert_str_eq(meetings(&a, 0, 0, 0, 1000, -3, 5), "3,2,1,5,4");
  ck_assert_str_eq(meetings(&a, B_BO_WONEN, 0, 0, 10, 0, 2), "2,5");
  ck_assert_str_eq(meetings(&a, B_BO_WONEN, "2024", "", 10, 0, 1), "2");
  ck_assert_str_eq(meetings(&a, 0, "2024", 0, 10, 0, 3), "3,2,1");
  ck_assert_str_eq(meetings(&a, 0, 0, "2023", 10, 0, 2), "5,4");
  ck_assert_str_eq(meetings(&a, 0, "2024-03-06", "2024-03-12", 10, 0, 2), "3,2");
  ck_assert_str_eq(meetings(&a, 0, "2023-01", "2023-01", 10, 0, 2), "5,4");
  ck_assert_str_eq(meetings(&a, 0, "gisteren", 0, 10, 0, 0), "");
  ck_assert_str_eq(meetings(&a, 0, 0, "2023-13", 10, 0, 0), "");
  ck_assert_str_eq(meetings(&a, B_AO_WONEN, 0, "2023-02-30", 10, 0, 0), "");
  tu_arch_free(&a);
}
END_TEST

/* The stats of db, checked against what SQL counts on a->db. */
static void check_stats(Arch *a, sqlite3 *db){
  json_t *j = catalog_stats(db);
  ck_assert_ptr_nonnull(j);
  ck_assert_str_eq(tu_json_keys(j), "documents,meetings,bodies,topics,originals_bytes,schema_version");
  ck_assert_int_eq(json_integer_value(AT(j, "documents")),
                   tu_q_int(a->db, "SELECT count(*) FROM document", 0));
  ck_assert_int_eq(json_integer_value(AT(j, "meetings")),
                   tu_q_int(a->db, "SELECT count(*) FROM meeting", 0));
  ck_assert_int_eq(json_integer_value(AT(j, "bodies")), N_BODY);
  ck_assert_int_eq(json_integer_value(AT(j, "topics")), N_TOPIC);
  ck_assert_int_eq(json_integer_value(AT(j, "originals_bytes")),
                   tu_q_int(a->db, "SELECT sum(size) FROM document", 0));
  ck_assert_int_eq(json_integer_value(AT(j, "schema_version")),
                   store_schema_version(store_schema()));
  json_decref(j);
}

/* 9. Stats, kept per connection, follow the archive: its own commits,
** another connection's, and a document taken out. */
START_TEST(t09_stats){
  Arch a;
  arch_new(&a);
  sqlite3 *db2;
  Err err = ERR_INIT;
  ck_assert_msg(store_connect(a.s, &db2, &err)==0, "%s", err.msg);
  check_stats(&a, a.db);
  check_stats(&a, db2);
  check_stats(&a, a.db);
  char *zMore = hostile_path(a.zDir, "more");
  ck_assert_int_eq(mkdir(zMore, 0700), 0);
  HOSTILE_DOC(tu_path(zMore, "10.odt"), "# Agenda BO Mobiliteit 1 april 2024", "1. Opening");
  import_dir(&a, zMore);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM document", 0), N_DOC+1);
  check_stats(&a, a.db);    /* its own commit */
  check_stats(&a, db2);     /* another's */
  ck_assert_int_eq(sqlite3_exec(a.db, "DELETE FROM document WHERE id=9", 0, 0, 0), SQLITE_OK);
  check_stats(&a, a.db);
  check_stats(&a, db2);
  ck_assert_int_eq(sqlite3_exec(db2, "INSERT INTO topic(name) VALUES('Cultuur')", 0, 0, 0),
                   SQLITE_OK);
  json_t *j = catalog_stats(a.db);
  ck_assert_int_eq(json_integer_value(AT(j, "topics")), N_TOPIC+1);
  json_decref(j);
  free(zMore);
  sqlite3_close(db2);
  tu_arch_free(&a);
}
END_TEST

/* 10. The audit log newest first, by pages; an edit's entry. */
START_TEST(t10_audit){
  Arch a;
  arch_new(&a);
  json_t *j = catalog_audit(a.db, 0, 0, 0, 0);
  ck_assert_str_eq(tu_json_keys(j), "total,entries");
  ck_assert_int_eq(json_integer_value(AT(j, "total")), N_DOC);
  ck_assert_str_eq(column(AT(j, "entries"), "id"), "9,8,7,6,5,4,3,2,1");
  ck_assert_str_eq(tu_json_keys(json_array_get(AT(j, "entries"), 0)),
                   "id,at,actor,action,object,detail");
  json_decref(j);
  j = catalog_audit(a.db, 0, 4, 4, 0);
  ck_assert_str_eq(column(AT(j, "entries"), "id"), "5,4,3,2");
  json_decref(j);
  j = catalog_audit(a.db, 0, 4, 8, 0);
  ck_assert_str_eq(column(AT(j, "entries"), "id"), "1");
  json_decref(j);
  Err err = ERR_INIT;
  ck_assert_msg(catalog_document_update(a.db, DOC_MINUTES, 0, 0, 0, 0, "vastgesteld", "els",
                                        &err)==0, "%s", err.msg);
  j = catalog_audit(a.db, 0, 1, 0, 0);
  ck_assert_int_eq(json_integer_value(AT(j, "total")), N_DOC+1);
  json_t *e = json_array_get(AT(j, "entries"), 0);
  JSON_EQ(AT(e, "id"), "10");
  ck_assert_int_eq(strlen(json_string_value(AT(e, "at"))), 20);
  json_object_del(e, "at");
  JSON_EQ(e, "{\"id\":10,\"actor\":\"els\",\"action\":\"document.update\","
          "\"object\":\"document:3\",\"detail\":\"{\\\"status\\\":[\\\"concept\\\","
          "\\\"vastgesteld\\\"]}\"}");
  json_decref(j);
  tu_arch_free(&a);
}
END_TEST

/* ---------------------------------------------------------------- edits */

/* Updates document id; asserts success and the audit row's detail
** (NULL: no audit row written). */
static void update_ok(Arch *a, long long id, const char *zBody, const char *zTopic,
                      const char *zDate, const char *zKind, const char *zStatus,
                      const char *zDetail){
  Err err = ERR_INIT;
  long long nAudit = tu_q_int(a->db, "SELECT count(*) FROM audit", 0);
  ck_assert_msg(catalog_document_update(a->db, id, zBody, zTopic, zDate, zKind, zStatus, "els",
                                        &err)==0, "%s", err.msg);
  ck_assert_int_eq(sqlite3_get_autocommit(a->db), 1);
  if( zDetail==0 ){
    ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM audit", 0), nAudit);
    return;
  }
  ck_assert_int_eq(tu_q_int(a->db, "SELECT count(*) FROM audit", 0), nAudit+1);
  json_t *j = catalog_audit(a->db, 0, 1, 0, 0);
  json_t *e = json_array_get(AT(j, "entries"), 0);
  char zObject[32];
  snprintf(zObject, sizeof zObject, "document:%lld", id);
  ck_assert_str_eq(json_string_value(AT(e, "object")), zObject);
  ck_assert_str_eq(json_string_value(AT(e, "action")), "document.update");
  ck_assert_str_eq(json_string_value(AT(e, "detail")), zDetail);
  json_decref(j);
}

/* body|topic|date|kind|status|meeting of document id, by name. */
static const char *fields(Arch *a, long long id){
  static char z[256];
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(a->db,
    "SELECT coalesce(b.name, '-') || '|' || coalesce(t.name, '-') || '|'"
    " || coalesce(d.date, '-') || '|' || coalesce(d.kind, '-') || '|'"
    " || coalesce(d.status, '-') || '|' || coalesce(d.meeting_id, '-')"
    " FROM document d LEFT JOIN body b ON b.id=d.body_id LEFT JOIN topic t ON t.id=d.topic_id"
    " WHERE d.id=?1", -1, &st, 0), SQLITE_OK);
  sqlite3_bind_int64(st, 1, id);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  snprintf(z, sizeof z, "%s", (const char*)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return z;
}

/* 11. Edits: the body by its full name in any capitals, the topic
** following a BO's; the meeting following body and date (joined when it
** exists, made when not, removed when left empty); cleared fields; names
** and kinds as search and import take them; minutes becoming a memo lose their status; no change, no audit row. */
START_TEST(t11_update){
  Arch a;
  arch_new(&a);
  update_ok(&a, DOC_MINUTES, "bestuurlijk overleg mobiliteit", 0, 0, 0, 0,
            "{\"body\":[\"BO Wonen\",\"BO Mobiliteit\"],\"topic\":[\"Wonen\",\"Mobiliteit\"],"
            "\"meeting\":[2,6]}");
  ck_assert_str_eq(fields(&a, DOC_MINUTES), "BO Mobiliteit|Mobiliteit|2024-03-12|verslag|concept|6");
  json_t *m = catalog_meeting(a.db, 6);
  ck_assert_str_eq(column(AT(m, "bodies"), "name"), "\"BO Mobiliteit\"");
  ck_assert_str_eq(column(AT(m, "documents"), "id"), "3");
  json_decref(m);
  m = catalog_meeting(a.db, M_BO);
  ck_assert_str_eq(column(AT(m, "documents"), "id"), "2,4,5");
  json_decref(m);
  /* the versions stay linked */
  json_t *d = catalog_document(a.db, DOC_MINUTES);
  ck_assert_str_eq(column(AT(d, "versions"), "id"), "5,4");
  JSON_EQ(AT(d, "meeting_documents"), "[]");
  json_decref(d);
  /* a second document joins that meeting; names in other capitals */
  update_ok(&a, DOC_MINUTES2, "bo-mobiliteit", "MOBILITEIT", 0, 0, "vastgesteld",
            "{\"body\":[\"BO Wonen\",\"BO Mobiliteit\"],\"topic\":[\"Wonen\",\"Mobiliteit\"],"
            "\"status\":[\"concept\",\"vastgesteld\"],\"meeting\":[2,6]}");
  ck_assert_str_eq(fields(&a, DOC_MINUTES2),
                   "BO Mobiliteit|Mobiliteit|2024-03-12|verslag|vastgesteld|6");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting", 0), N_MEETING+1);
  /* the only document of a meeting moves: the meeting goes, its bodies too */
  update_ok(&a, DOC_BORA, 0, 0, "2024-03-13", 0, 0,
            "{\"date\":[\"2024-03-12\",\"2024-03-13\"],\"meeting\":[3,7]}");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting WHERE id=3", 0), 0);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting_body WHERE meeting_id=3", 0), 0);
  ck_assert_str_eq(fields(&a, DOC_BORA), "BORA|-|2024-03-13|besluitenlijst|concept|7");
  /* back to the day of another BORA meeting: none is left, so a new one */
  update_ok(&a, DOC_BORA, "BORA", "Economie", "2024-03-12", "", 0,
            "{\"topic\":[null,\"Economie\"],\"date\":[\"2024-03-13\",\"2024-03-12\"],"
            "\"kind\":[\"besluitenlijst\",null],\"status\":[\"concept\",null],\"meeting\":[7,8]}");
  ck_assert_str_eq(fields(&a, DOC_BORA), "BORA|Economie|2024-03-12|-|-|8");
  /* without a date, no meeting */
  update_ok(&a, DOC_AO, 0, 0, "", 0, 0, "{\"date\":[\"2024-03-05\",null],\"meeting\":[1,null]}");
  ck_assert_str_eq(fields(&a, DOC_AO), "AO Wonen|Wonen|-|agenda|-|-");
  ck_assert_int_eq(tu_q_int(a.db, "SELECT count(*) FROM meeting WHERE id=1", 0), 0);
  /* without a body, no meeting; the topic stays */
  update_ok(&a, DOC_AGENDA, "", 0, 0, 0, 0, "{\"body\":[\"BO Wonen\",null],\"meeting\":[2,null]}");
  ck_assert_str_eq(fields(&a, DOC_AGENDA), "-|Wonen|2024-03-12|agenda|-|-");
  /* a body and a date again: the meeting of BO Wonen that day is there */
  update_ok(&a, DOC_AGENDA, "BO Wonen", 0, 0, 0, 0, "{\"body\":[null,\"BO Wonen\"],"
            "\"meeting\":[null,2]}");
  /* minutes that become a memo lose their status */
  update_ok(&a, DOC_MINUTES3, 0, 0, 0, "Notitie", 0,
            "{\"kind\":[\"verslag\",\"memo\"],\"status\":[\"concept\",null]}");
  ck_assert_str_eq(fields(&a, DOC_MINUTES3), "BO Wonen|Wonen|2024-03-12|memo|-|2");
  /* a status cleared; nothing asked; the same values again */
  update_ok(&a, DOC_MINUTES2, 0, 0, 0, 0, "", "{\"status\":[\"vastgesteld\",null]}");
  update_ok(&a, DOC_MINUTES2, 0, 0, 0, 0, 0, 0);
  update_ok(&a, DOC_MINUTES2, "BO Mobiliteit", "Mobiliteit", "2024-03-12", "Notulen", "", 0);
  ck_assert_str_eq(fields(&a, DOC_MINUTES2), "BO Mobiliteit|Mobiliteit|2024-03-12|verslag|-|6");
  /* what the pages read follows */
  d = catalog_document(a.db, DOC_MINUTES2);
  JSON_EQ(AT(AT(d, "body"), "name"), "\"BO Mobiliteit\"");
  ck_assert_str_eq(column(AT(d, "meeting_documents"), "id"), "3");
  json_decref(d);
  tu_arch_free(&a);
}
END_TEST

/* Asserts that the update is refused with zMsg and changes nothing. */
static void update_bad(Arch *a, long long id, const char *zBody, const char *zTopic,
                       const char *zDate, const char *zKind, const char *zStatus,
                       const char *zMsg){
  Buf before = BUF_INIT, after = BUF_INIT;
  snapshot(a, DOC_MINUTES, &before);
  Err err = ERR_INIT;
  ck_assert_int_eq(catalog_document_update(a->db, id, zBody, zTopic, zDate, zKind, zStatus,
                                           "els", &err), -1);
  ck_assert_str_eq(err.msg, zMsg);
  ck_assert_int_eq(sqlite3_get_autocommit(a->db), 1);
  snapshot(a, DOC_MINUTES, &after);
  ck_assert_str_eq(after.z, before.z);
  buf_release(&before);
  buf_release(&after);
}

/* 12. Refused edits, each with its message, changing nothing even when the
** other fields were right. */
START_TEST(t12_update_refused){
  Arch a;
  arch_new(&a);
  const long long id = DOC_MINUTES;
  update_bad(&a, id, "BO Woonen", 0, 0, 0, 0,
             "unknown body \"BO Woonen\" (did you mean \"BO Wonen\" or \"AO Wonen\"?)");
  update_bad(&a, id, "BO", 0, 0, 0, 0,
             "unknown body \"BO\" (did you mean \"BORA\", \"BO Economie\" or \"BO Mobiliteit\"?)");
  update_bad(&a, id, 0, "Wonenn", 0, 0, 0, "unknown topic \"Wonenn\" (did you mean \"Wonen\"?)");
  update_bad(&a, id, "BORA", "Cultuur", 0, 0, 0, "unknown topic \"Cultuur\"");
  static const char *const azDate[] = {
    "2023-02-30", "2023-2-3", "2023-02-29", "12-03-2024", "gisteren", "2024-03-12x", "2024", " "
  };
  for(size_t i=0; i<sizeof azDate/sizeof azDate[0]; i++){
    char zMsg[96];
    snprintf(zMsg, sizeof zMsg, "bad date \"%s\": use YYYY-MM-DD", azDate[i]);
    update_bad(&a, id, "BO Mobiliteit", 0, azDate[i], 0, 0, zMsg);
  }
  update_bad(&a, id, 0, 0, "2024-03-19", "vergadering", 0, "unknown kind \"vergadering\": use "
             "agenda, verslag, besluitenlijst, actielijst, memo, brief, presentatie or other");
  update_bad(&a, id, 0, 0, 0, 0, "klaar", "unknown status \"klaar\": use concept or vastgesteld");
  update_bad(&a, id, 0, 0, 0, "memo", "vastgesteld",
             "only minutes (verslag, besluitenlijst, actielijst) have a status");
  update_bad(&a, DOC_MEMO, 0, 0, 0, 0, "concept",
             "only minutes (verslag, besluitenlijst, actielijst) have a status");
  update_bad(&a, id, 0, "Mobiliteit", 0, 0, 0, "the topic of BO Wonen is \"Wonen\"");
  update_bad(&a, id, 0, "", 0, 0, 0, "the topic of BO Wonen is \"Wonen\"");
  update_bad(&a, id, "BO Mobiliteit", "Wonen", 0, 0, 0, "the topic of BO Mobiliteit is \"Mobiliteit\"");
  update_bad(&a, 999, "BORA", 0, 0, 0, 0, "no document 999");
  update_bad(&a, 0, 0, 0, 0, 0, 0, "no document 0");
  /* the checks ran before anything was written: the row is as imported */
  ck_assert_str_eq(fields(&a, id), "BO Wonen|Wonen|2024-03-12|verslag|concept|2");
  /* inside a transaction of the caller's it refuses too */
  Err err = ERR_INIT;
  ck_assert_int_eq(sqlite3_exec(a.db, "BEGIN", 0, 0, 0), SQLITE_OK);
  ck_assert_int_eq(catalog_document_update(a.db, id, "BORA", 0, 0, 0, 0, "els", &err), -1);
  ck_assert_int_eq(sqlite3_exec(a.db, "COMMIT", 0, 0, 0), SQLITE_OK);
  ck_assert_str_eq(fields(&a, id), "BO Wonen|Wonen|2024-03-12|verslag|concept|2");
  tu_arch_free(&a);
}
END_TEST

/* The ids of the audit rows f selects (nLimit, nOffset as
** catalog_audit() takes them), comma-separated, newest first; *pnTotal
** gets the total. */
static const char *audit_ids(Arch *a, const CatalogAuditFilter *f, int nLimit, int nOffset,
                             long long *pnTotal){
  Err err = ERR_INIT;
  json_t *j = catalog_audit(a->db, f, nLimit, nOffset, &err);
  ck_assert_msg(j!=0, "%s", err.msg);
  ck_assert_str_eq(tu_json_keys(j), "total,entries");
  if( pnTotal ) *pnTotal = json_integer_value(AT(j, "total"));
  const char *z = column(AT(j, "entries"), "id");
  json_decref(j);
  return z;
}

/* The ids of the rows f selects, all on one page; the total must be
** their number. */
static const char *audit_all(Arch *a, const CatalogAuditFilter *f){
  long long nTotal;
  const char *z = audit_ids(a, f, CATALOG_LIMIT_MAX, 0, &nTotal);
  long long n = z[0] ? 1 : 0;
  for(const char *p=z; *p; p++) n += *p==',';
  ck_assert_int_eq(nTotal, n);
  return z;
}

/* 13. The audit log narrowed: each field of the filter alone (the actor
** capitals aside, the object exactly, the action with the actions under it, the
** period's first and last second), fields together, the total of what
** the filter selects and its pages, a bad period refused with the
** message search gives; an object's history from the index. */
START_TEST(t13_audit_filter){
  Arch a;
  arch_new(&a);
  ck_assert_int_eq(tu_q_int(a.db, "SELECT max(id) FROM audit", 0), N_DOC);
  tu_exec(a.db, "INSERT INTO audit(id, at, actor, action, object) VALUES"
          " (10, '2000-12-31T23:59:59Z', 'staf', 'decision.add', 'decision:1'),"
          " (11, '2001-01-01T00:00:00Z', 'staf', 'decision.reference', 'decision:1'),"
          " (12, '2001-01-31T23:59:59Z', 'auditor', 'decision.reference_text', 'decision:2'),"
          " (13, '2001-02-01T00:00:00Z', 'staf', 'decision', 'decision:2'),"
          " (14, '2001-02-15T12:00:00Z', 'auditor', 'decisions.export', 'decision:1'),"
          " (15, '2001-03-01T08:00:00Z', 'beheerder', 'user add', 'user:medewerker'),"
          " (16, '2001-03-02T08:00:00Z', 'beheerder', 'user role', 'user:medewerker'),"
          " (17, '2001-03-03T08:00:00Z', 'Staf', 'meeting.prepares', 'meeting:3'),"
          " (18, '2001-12-31T23:59:59Z', 'staf', 'decision.add', 'decision:10'),"
          " (19, '2002-01-01T00:00:00Z', 'staf', 'ratification.record', 'decision:1')");
  long long nTotal;
  /* no filter, or one of empty fields: every row */
  ck_assert_str_eq(audit_ids(&a, 0, 0, 0, &nTotal), "19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1");
  ck_assert_int_eq(nTotal, 19);
  CatalogAuditFilter f = { "", "", "", "", "" };
  ck_assert_str_eq(audit_all(&a, &f), "19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1");

  /* 1. the actor, whole, capitals aside (as account names are) */
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zActor = "staf" }), "19,18,17,13,11,10");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zActor = "STAF" }), "19,18,17,13,11,10");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zActor = "sta" }), "");
  /* 2. the action, and the actions under it (a dot or a space after it) */
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "decision" }), "18,13,12,11,10");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "decision.reference" }), "11");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "decision.add" }), "18,10");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "user" }), "16,15");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "import" }), "9,8,7,6,5,4,3,2,1");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "decision." }), "");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "decisio" }), "");
  /* no wildcards */
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "decision.%" }), "");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "user_" }), "");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zAction = "%" }), "");
  /* 3. the object, exactly */
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zObject = "decision:1" }), "19,14,11,10");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zObject = "document:3" }), "3");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zObject = "decision" }), "");
  /* 4. the period: from the first second of its first day to the last of
  ** its last day, UTC */
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zFrom = "2001-01", .zTo = "2001-01" }),
                   "12,11");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zFrom = "2001", .zTo = "2001" }),
                   "18,17,16,15,14,13,12,11");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zTo = "2001-02-01" }), "13,12,11,10");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zFrom = "2001-03-03", .zTo = "2001-03-03" }),
                   "17");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zFrom = "2001-12-31", .zTo = "2002" }),
                   "19,18");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zFrom = "2002-01-02", .zTo = "2001" }), "");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zFrom = "1000", .zTo = "9999-12-31" }),
                   "19,18,17,16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1");
  /* 5. together: every field must hold */
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zActor = "staf", .zAction = "decision",
                                                        .zFrom = "2001" }), "18,13,11");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zActor = "staf", .zAction = "decision",
                                                        .zObject = "decision:1", .zFrom = "2001",
                                                        .zTo = "2001-01" }), "11");
  ck_assert_str_eq(audit_all(&a, &(CatalogAuditFilter){ .zActor = "auditor", .zObject = "decision:1",
                                                        .zAction = "decision" }), "");
  /* 6. pages of what the filter selects; the total is of all of it */
  f = (CatalogAuditFilter){ .zAction = "decision" };
  ck_assert_str_eq(audit_ids(&a, &f, 2, 0, &nTotal), "18,13");
  ck_assert_int_eq(nTotal, 5);
  ck_assert_str_eq(audit_ids(&a, &f, 2, 2, &nTotal), "12,11");
  ck_assert_str_eq(audit_ids(&a, &f, 2, 4, &nTotal), "10");
  ck_assert_str_eq(audit_ids(&a, &f, 2, 6, &nTotal), "");
  ck_assert_int_eq(nTotal, 5);
  /* 7. a bad period: the message of search, nothing else */
  static const struct { CatalogAuditFilter f; const char *zErr; } aBad[] = {
    { { .zFrom = "2021-13" }, "bad date \"2021-13\" for from (use 2021, 2021-03 or 2021-03-01)" },
    { { .zTo = "gisteren" }, "bad date \"gisteren\" for to (use 2021, 2021-03 or 2021-03-01)" },
    { { .zActor = "staf", .zFrom = "2021", .zTo = "2021-02-30" },
      "bad date \"2021-02-30\" for to (use 2021, 2021-03 or 2021-03-01)" },
  };
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    Err err = ERR_INIT;
    ck_assert_ptr_null(catalog_audit(a.db, &aBad[i].f, 0, 0, &err));
    ck_assert_str_eq(err.msg, aBad[i].zErr);
    ck_assert_int_eq(err.internal, 0);
  }
  ck_assert_int_eq(sqlite3_get_autocommit(a.db), 1);
  /* 8. an object's history: found by the index, newest first unsorted */
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_prepare_v2(a.db, "EXPLAIN QUERY PLAN SELECT * FROM audit"
                                      " WHERE object=?3 ORDER BY id DESC LIMIT ?6 OFFSET ?7",
                                      -1, &st, 0), SQLITE_OK);
  Buf plan = BUF_INIT;
  while( sqlite3_step(st)==SQLITE_ROW ) buf_appendf(&plan, "%s;", sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  ck_assert_str_eq(plan.z, "SEARCH audit USING INDEX audit_object (object=?);");
  buf_release(&plan);
  tu_arch_free(&a);
}
END_TEST

Suite *suite_catalog(void){
  Suite *s = suite_create("catalog");
  TCase *tc = tcase_create("catalog");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, t01_document);
  tcase_add_test(tc, t02_versions_and_nulls);
  tcase_add_test(tc, t03_unknown_ids);
  tcase_add_test(tc, t04_meeting);
  tcase_add_test(tc, t05_body);
  tcase_add_test(tc, t06_topic);
  tcase_add_test(tc, t07_lists);
  tcase_add_test(tc, t08_meetings);
  tcase_add_test(tc, t09_stats);
  tcase_add_test(tc, t10_audit);
  tcase_add_test(tc, t11_update);
  tcase_add_test(tc, t12_update_refused);
  tcase_add_test(tc, t13_audit_filter);
  suite_add_tcase(s, tc);
  return s;
}
