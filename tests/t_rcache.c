/*
** t_rcache.c — the server's cache of search answers.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "rcache.h"

/* A value comes back for its key and generation only; a newer
** generation drops it. */
START_TEST(t01_get_put){
  RCache *c = rcache_new(1 << 20);
  Buf b = BUF_INIT;
  ck_assert_int_eq(rcache_get(c, "a", 1, &b), 0);
  rcache_put(c, "a", 1, "{\"x\":1}", 7);
  rcache_put(c, "b", 1, "B", 1);
  ck_assert_int_eq(rcache_get(c, "a", 1, &b), 1);
  ck_assert_str_eq(b.z, "{\"x\":1}");
  buf_reset(&b);
  ck_assert_int_eq(rcache_get(c, "a", 2, &b), 0);     /* the archive changed */
  ck_assert_int_eq(rcache_get(c, "a", 1, &b), 0);     /* and it is gone */
  rcache_put(c, "b", 2, "B2", 2);                     /* replaced */
  ck_assert_int_eq(rcache_get(c, "b", 2, &b), 1);
  ck_assert_str_eq(b.z, "B2");
  buf_release(&b);
  rcache_free(c);
}
END_TEST

/* Past its budget the least recently used entries go; a value too large
** for the budget is not kept; a zero budget keeps nothing. */
START_TEST(t02_budget){
  RCache *c = rcache_new(64 * 1024);
  char zKey[32], zVal[1000];
  memset(zVal, 'v', sizeof zVal);
  for(int i=0; i<1000; i++){
    snprintf(zKey, sizeof zKey, "k%d", i);
    rcache_put(c, zKey, 7, zVal, sizeof zVal);
    Buf b = BUF_INIT;
    ck_assert_int_eq(rcache_get(c, "k0", 7, &b), 1);  /* k0 stays in use */
    buf_release(&b);
  }
  Buf b = BUF_INIT;
  ck_assert_int_eq(rcache_get(c, "k999", 7, &b), 1);
  buf_reset(&b);
  ck_assert_int_eq(rcache_get(c, "k1", 7, &b), 0);
  static char big[16 * 1024];
  rcache_put(c, "big", 7, big, sizeof big);
  ck_assert_int_eq(rcache_get(c, "big", 7, &b), 0);
  buf_release(&b);
  rcache_free(c);
  c = rcache_new(0);
  rcache_put(c, "a", 1, "A", 1);
  ck_assert_int_eq(rcache_get(c, "a", 1, &b), 0);
  rcache_free(c);
  rcache_free(0);
}
END_TEST

Suite *suite_rcache(void);
Suite *suite_rcache(void){
  Suite *s = suite_create("rcache");
  TCase *tc = tcase_create("rcache");
  tcase_add_test(tc, t01_get_put);
  tcase_add_test(tc, t02_budget);
  suite_add_tcase(s, tc);
  return s;
}
