/*
** check_main.c — runs every suite of the project in one Check runner, so
** the run ends with one summary line.  Run from the repository root.
*/
#include <check.h>
#include <stdlib.h>

#include "xmlsax.h"

Suite *suite_core(void);
Suite *suite_fts_dutch(void);
Suite *suite_org(void);
Suite *suite_fixtures(void);
Suite *suite_infer(void);
Suite *suite_docx(void);
Suite *suite_odt(void);
Suite *suite_sample(void);
Suite *suite_hostile(void);
Suite *suite_archive(void);
Suite *suite_query(void);
Suite *suite_search(void);
Suite *suite_watch(void);
Suite *suite_auth(void);
Suite *suite_serve(void);
Suite *suite_pages_admin(void);
Suite *suite_catalog(void);
Suite *suite_html(void);
Suite *suite_pages(void);
Suite *suite_minutes(void);
Suite *suite_rcache(void);
Suite *suite_register(void);
Suite *suite_minutes_archive(void);
Suite *suite_timeline(void);
Suite *suite_completeness(void);
Suite *suite_ratify(void);
Suite *suite_corrections(void);
Suite *suite_links(void);
Suite *suite_backup(void);

typedef Suite *(*SuiteFn)(void);

static const SuiteFn aSuite[] = {
  suite_core,
  suite_fts_dutch,
  suite_org,
  suite_fixtures,
  suite_infer,
  suite_docx,
  suite_odt,
  suite_sample,
  suite_hostile,
  suite_archive,
  suite_query,
  suite_search,
  suite_watch,
  suite_auth,
  suite_serve,
  suite_pages_admin,
  suite_catalog,
  suite_html,
  suite_pages,
  suite_minutes,
  suite_rcache,
  suite_register,
  suite_minutes_archive,
  suite_timeline,
  suite_completeness,
  suite_ratify,
  suite_corrections,
  suite_links,
  suite_backup,
};

int main(void){
  xmlsax_init();
  SRunner *sr = srunner_create(aSuite[0]());
  for(size_t i=1; i<sizeof aSuite/sizeof aSuite[0]; i++){
    srunner_add_suite(sr, aSuite[i]());
  }
  srunner_run_all(sr, CK_NORMAL);
  int nFail = srunner_ntests_failed(sr);
  srunner_free(sr);
  return nFail ? EXIT_FAILURE : EXIT_SUCCESS;
}
