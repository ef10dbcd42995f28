/* Tests of links (issue 6). */
#include <check.h>

Suite *suite_links(void);

Suite *suite_links(void){
  Suite *s = suite_create("links");
  return s;
}
