/* Tests of corrections (issue 6). */
#include <check.h>

Suite *suite_corrections(void);

Suite *suite_corrections(void){
  Suite *s = suite_create("corrections");
  return s;
}
