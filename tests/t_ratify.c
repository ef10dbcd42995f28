/* Tests of ratify (issue 6). */
#include <check.h>

Suite *suite_ratify(void);

Suite *suite_ratify(void){
  Suite *s = suite_create("ratify");
  return s;
}
