/*
** t_html.c — html.c: escaping (the five characters, invalid UTF-8,
** control characters), URL encoding, every construct of the template
** language (values, paths, sections over each kind of value, inverted
** sections, nesting with lookup in the enclosing contexts, {{.}},
** partials, messages, comments), every template error, XSS payloads in
** values, the messages and their fall-backs, web/messages.json kept
** sorted and complete, every template of web/ parsing, the first
** render from several threads at once, and the core's error messages in
** Dutch (some of every module that writes them) with their parts.
*/
#include <check.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

Suite *suite_html(void);

/* --------------------------------------------------------------- helpers */

static void expect_escape_n(const char *z, size_t n, const char *zWant){
  Buf b = BUF_INIT;
  html_escape_n(&b, z, n);
  ck_assert_msg(b.n==strlen(zWant) && memcmp(b.z, zWant, b.n)==0,
                "escape: got \"%s\", want \"%s\"", b.z, zWant);
  buf_release(&b);
}

static void expect_escape(const char *z, const char *zWant){
  expect_escape_n(z, strlen(z), zWant);
}

static void expect_marked(const char *z, const char *zWant){
  Buf b = BUF_INIT;
  html_escape_marked(&b, z, strlen(z));
  ck_assert_msg(strcmp(b.z, zWant)==0, "marked: got \"%s\", want \"%s\"", b.z, zWant);
  buf_release(&b);
}

/* Renders the template text zT with the JSON text zCtx in zLang; asserts
** the output. */
static void expect_render(const char *zT, const char *zCtx, const char *zLang, const char *zWant){
  json_error_t je;
  json_t *ctx = json_loads(zCtx, 0, &je);
  ck_assert_msg(ctx!=0, "bad test JSON %s: %s", zCtx, je.text);
  Buf b = BUF_INIT;
  Err err = ERR_INIT;
  ck_assert_msg(html_render_text(&b, zT, ctx, zLang, &err)==0, "%s: %s", zT, err.msg);
  ck_assert_msg(strcmp(b.z, zWant)==0, "%s: got \"%s\", want \"%s\"", zT, b.z, zWant);
  buf_release(&b);
  json_decref(ctx);
}

/* Renders zT and expects exactly the error zWant, and nothing written. */
static void expect_error(const char *zT, const char *zWant){
  json_t *ctx = json_object();
  Buf b = BUF_INIT;
  buf_puts(&b, "kept");
  Err err = ERR_INIT;
  ck_assert_msg(html_render_text(&b, zT, ctx, "nl", &err)==-1, "%s: no error", zT);
  ck_assert_msg(strcmp(err.msg, zWant)==0, "%s: got \"%s\", want \"%s\"", zT, err.msg, zWant);
  ck_assert_str_eq(b.z, "kept");
  buf_release(&b);
  json_decref(ctx);
}

/* ------------------------------------------------------------ the cases */

/* 1. The five characters, text as it is, NULL. */
START_TEST(t01_escape){
  expect_escape("&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
  expect_escape("plain text, 10:30; a=b", "plain text, 10:30; a=b");
  expect_escape("Coördinatie € 5 — ’s-Hertogenbosch 😀", "Coördinatie € 5 — ’s-Hertogenbosch 😀");
  expect_escape("a&amp;b", "a&amp;amp;b");
  expect_escape("", "");
  Buf b = BUF_INIT;
  html_escape(&b, 0);
  html_escape_n(&b, 0, 5);
  ck_assert_uint_eq(b.n, 0);
  /* html_escape_n stops at n, not at a NUL */
  html_escape_n(&b, "<ab", 2);
  ck_assert_str_eq(b.z, "&lt;a");
  buf_release(&b);
}
END_TEST

/* 2. What HTML cannot hold becomes U+FFFD; tab, CR and LF stay. */
START_TEST(t02_escape_invalid){
  const char *R = "\xEF\xBF\xBD";
  char zWant[64];
  expect_escape("a\tb\nc\rd", "a\tb\nc\rd");
  snprintf(zWant, sizeof zWant, "a%sb%sc", R, R);
  expect_escape("a\x01" "b\x7F" "c", zWant);
  snprintf(zWant, sizeof zWant, "a%sb", R);
  expect_escape_n("a\0b", 3, zWant);
  snprintf(zWant, sizeof zWant, "%s", R);
  expect_escape("\xFF", zWant);                   /* never in UTF-8 */
  expect_escape("\x80", zWant);                   /* a lone continuation byte */
  expect_escape("\xC3", zWant);                   /* cut short */
  snprintf(zWant, sizeof zWant, "%s%s", R, R);
  expect_escape("\xC0\xAF", zWant);               /* overlong "/" */
  snprintf(zWant, sizeof zWant, "%s%s%s", R, R, R);
  expect_escape("\xED\xA0\x80", zWant);           /* a surrogate */
  snprintf(zWant, sizeof zWant, "%s%s%s%s", R, R, R, R);
  expect_escape("\xF4\x90\x80\x80", zWant);       /* past U+10FFFF */
  snprintf(zWant, sizeof zWant, "%s%s&lt;x", R, R);
  expect_escape("\xE2\x82<x", zWant);             /* cut short by "<" */
}
END_TEST

/* 3. Marked text: the marks become <mark> elements, always balanced. */
START_TEST(t03_escape_marked){
  expect_marked("de \x02" "woning\x03 & \x02<b>\x03", "de <mark>woning</mark> &amp; <mark>&lt;b&gt;</mark>");
  expect_marked("a\x03" "b", "ab");                        /* a stray OFF */
  expect_marked("\x02" "a\x02" "b", "<mark>ab</mark>");      /* ON twice; closed at the end */
  expect_marked("\x02\x03", "<mark></mark>");
  expect_marked("\x01\x02" "x\x03", "\xEF\xBF\xBD<mark>x</mark>");
  expect_marked("", "");
  Buf b = BUF_INIT;
  html_escape_marked(&b, 0, 3);
  ck_assert_uint_eq(b.n, 0);
}
END_TEST

/* 4. URL encoding: all but the unreserved characters. */
START_TEST(t04_url_encode){
  Buf b = BUF_INIT;
  html_url_encode(&b, "a b&c=d/é?#+%~._-Z9");
  ck_assert_str_eq(b.z, "a%20b%26c%3Dd%2F%C3%A9%3F%23%2B%25~._-Z9");
  html_url_encode(&b, 0);
  ck_assert_str_eq(b.z, "a%20b%26c%3Dd%2F%C3%A9%3F%23%2B%25~._-Z9");
  buf_release(&b);
}
END_TEST

/* 5. Values: strings escaped, numbers, paths; nothing for the rest. */
START_TEST(t05_values){
  expect_render("[{{s}}]", "{\"s\": \"a<b\"}", "nl", "[a&lt;b]");
  expect_render("{{ s }}|{{i}}|{{r}}", "{\"s\": \"x\", \"i\": -42, \"r\": 2.5}", "nl", "x|-42|2.5");
  expect_render("[{{n}}{{f}}{{t}}{{o}}{{a}}{{absent}}]",
                "{\"n\": null, \"f\": false, \"t\": true, \"o\": {}, \"a\": [1]}", "nl", "[]");
  expect_render("{{a.b.c}}-{{a.x.c}}-{{a.b}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}", "nl", "deep--");
  expect_render("no tags at all", "{}", "nl", "no tags at all");
  expect_render("{{! a comment }}x{{!}}", "{}", "nl", "x");
  expect_render("{{{a_html}}}|{{{o.b_html}}}", "{\"a_html\": \"<mark>m</mark>\", \"o\": {\"b_html\": \"<i>\"}}",
                "nl", "<mark>m</mark>|<i>");
  expect_render("{{{x_html}}}", "{\"x_html\": 5}", "nl", "5");
  expect_render("} {single} }}", "{}", "nl", "} {single} }}");
}
END_TEST

/* 6. Sections over each kind of value, inverted sections. */
START_TEST(t06_sections){
  const char *zCtx = "{\"arr\": [{\"n\": 1}, {\"n\": 2}], \"empty\": [], \"obj\": {\"n\": \"o\"},"
                     " \"t\": true, \"f\": false, \"s\": \"str\", \"e\": \"\", \"one\": 1,"
                     " \"zero\": 0, \"nul\": null, \"eo\": {}}";
  expect_render("{{#arr}}<{{n}}>{{/arr}}", zCtx, "nl", "<1><2>");
  expect_render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", zCtx, "nl", "none");
  expect_render("{{#obj}}{{n}}{{/obj}}", zCtx, "nl", "o");
  expect_render("{{#eo}}ran{{/eo}}{{^eo}}not{{/eo}}", zCtx, "nl", "ran");
  expect_render("{{#t}}T{{/t}}{{#f}}F{{/f}}{{^f}}!F{{/f}}{{^t}}!T{{/t}}", zCtx, "nl", "T!F");
  expect_render("{{#s}}[{{.}}]{{/s}}{{#e}}E{{/e}}{{^e}}!E{{/e}}", zCtx, "nl", "[str]!E");
  expect_render("{{#one}}1{{/one}}{{#zero}}0{{/zero}}{{^zero}}!0{{/zero}}", zCtx, "nl", "1!0");
  expect_render("{{#nul}}N{{/nul}}{{^nul}}!N{{/nul}}{{#absent}}A{{/absent}}{{^absent}}!A{{/absent}}",
                zCtx, "nl", "!N!A");
  expect_render("{{#list}}{{.}},{{/list}}", "{\"list\": [\"a\", \"<b>\", 3]}", "nl", "a,&lt;b&gt;,3,");
  expect_render("{{#obj.n}}{{.}}{{/obj.n}}", zCtx, "nl", "o");
}
END_TEST

/* 7. Nesting: lookup walks out through the enclosing sections; a key
** present as null stops the walk. */
START_TEST(t07_nesting){
  const char *zCtx =
    "{\"title\": \"T\", \"url\": \"top\", \"groups\": ["
    "  {\"name\": \"g1\", \"items\": [{\"name\": \"i1\"}, {\"name\": \"i2\", \"url\": \"u2\"}]},"
    "  {\"name\": \"g2\", \"items\": [], \"url\": null}]}";
  expect_render("{{#groups}}{{name}}:{{#items}}{{name}}/{{title}}/{{url}};{{/items}}"
                "{{^items}}none/{{url}}{{/items}}|{{/groups}}",
                zCtx, "nl", "g1:i1/T/top;i2/T/u2;|g2:none/|");
  expect_render("{{#a}}{{#b}}{{#c}}{{x}}{{y}}{{z}}{{/c}}{{/b}}{{/a}}",
                "{\"x\": 1, \"a\": {\"y\": 2, \"b\": [{\"c\": {\"z\": 3}}]}}", "nl", "123");
  expect_render("{{#a}}{{#a}}{{#a}}x{{/a}}{{/a}}{{/a}}", "{\"a\": true}", "nl", "x");
  /* the same name as a section inside itself: the innermost value */
  expect_render("{{#n}}{{#n}}{{v}}{{/n}}{{/n}}", "{\"n\": {\"n\": {\"v\": \"in\"}, \"v\": \"out\"}}",
                "nl", "in");
}
END_TEST

/* 8. Partials and messages. */
START_TEST(t08_partials_messages){
  Buf b = BUF_INIT;
  Err err = ERR_INIT;
  json_t *ctx = json_pack("{ss}", "q", "woningbouw \"Leusden\"");
  ck_assert_msg(html_render_text(&b, "<{{>_search_form}}>", ctx, "en", &err)==0, "%s", err.msg);
  ck_assert_ptr_nonnull(strstr(b.z, "value=\"woningbouw &quot;Leusden&quot;\""));
  ck_assert_ptr_nonnull(strstr(b.z, ">Search</button>"));
  ck_assert(b.z[0]=='<' && b.z[b.n-1]=='>');
  buf_release(&b);
  json_decref(ctx);
  expect_render("{{@search_button}}|{{@nav_help}}", "{}", "nl", "Zoeken|Hulp bij zoeken");
  expect_render("{{@search_button}}", "{}", "en", "Search");
  expect_render("{{@search_button}}", "{}", "de", "Zoeken");     /* unknown language: Dutch */
  expect_render("{{@search_hint}}", "{}", "nl",
                "Bijvoorbeeld: woningbouw Leusden, &quot;besluiten genomen&quot;, orgaan:BORA datum:2021.");
}
END_TEST

/* 9. Template errors: nothing is written, the message says what and where. */
START_TEST(t09_errors){
  expect_error("a{{#s}}b", "template (text), line 1: unclosed section \"s\"");
  expect_error("{{/s}}", "template (text), line 1: unmatched closing tag \"s\"");
  expect_error("{{#a}}\n{{#b}}\n{{/a}}{{/b}}", "template (text), line 3: unmatched closing tag \"a\"");
  expect_error("{{{x}}}", "template (text), line 1: raw {{{...}}} of a key not ending in _html \"x\"");
  expect_error("{{{html}}}", "template (text), line 1: raw {{{...}}} of a key not ending in _html \"html\"");
  expect_error("{{{x_html.y}}}",
               "template (text), line 1: raw {{{...}}} of a key not ending in _html \"x_html.y\"");
  expect_error("x\n\n{{a", "template (text), line 3: unclosed tag");
  expect_error("{{{a_html}}", "template (text), line 1: unclosed tag");
  expect_error("{{>no_such_partial}}", "template (text), line 1: unknown partial \"no_such_partial\"");
  expect_error("{{@no_such_message}}", "template (text), line 1: unknown message \"no_such_message\"");
  expect_error("{{ }}", "template (text), line 1: bad tag name \"\"");
  expect_error("{{a b}}", "template (text), line 1: bad tag name \"a b\"");
  expect_error("{{a..b}}", "template (text), line 1: bad tag name \"a..b\"");
  expect_error("{{&a}}", "template (text), line 1: bad tag name \"&a\"");
  /* too deep: each {{#a}} pushes a context */
  Buf t = BUF_INIT;
  for(int i=0; i<70; i++) buf_puts(&t, "{{#a}}");
  buf_puts(&t, "x");
  for(int i=0; i<70; i++) buf_puts(&t, "{{/a}}");
  json_t *ctx = json_pack("{sb}", "a", 1);
  Buf b = BUF_INIT;
  Err err = ERR_INIT;
  ck_assert_int_eq(html_render_text(&b, t.z, ctx, "nl", &err), -1);
  ck_assert_str_eq(err.msg, "template nesting too deep");
  ck_assert_uint_eq(b.n, 0);
  json_decref(ctx);
  buf_release(&t);
  buf_release(&b);
  /* an unknown template */
  err_clear(&err);
  ck_assert_int_eq(html_render(&b, "no_such_page", 0, "nl", &err), -1);
  ck_assert_str_eq(err.msg, "unknown template \"no_such_page\"");
}
END_TEST

/* 10. XSS payloads in values come out as text, in text and in attributes. */
START_TEST(t10_xss){
  static const char *azPayload[] = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
  };
  for(size_t i=0; i<sizeof azPayload/sizeof azPayload[0]; i++){
    json_t *ctx = json_pack("{sss[s]}", "v", azPayload[i], "list", azPayload[i]);
    Buf b = BUF_INIT;
    Err err = ERR_INIT;
    ck_assert_int_eq(html_render_text(&b, "<p title=\"{{v}}\" data-x='{{v}}'>{{v}}</p>"
                                      "{{#list}}<a href=\"/x?q={{.}}\">{{.}}</a>{{/list}}",
                                      ctx, "nl", &err), 0);
    ck_assert_msg(strstr(b.z, "<script")==0 && strstr(b.z, "<img")==0 && strstr(b.z, "<svg")==0,
                  "%s", b.z);
    /* every quote of the value is an entity: the attributes stay closed */
    for(const char *z=b.z; (z=strchr(z, '"'))!=0; z++){
      ck_assert_msg(z[-1]=='=' || z[1]=='>' || z[1]==' ', "stray quote in %s", b.z);
    }
    buf_release(&b);
    json_decref(ctx);
  }
}
END_TEST

/* 11. Messages: the language, the fall-backs. */
START_TEST(t11_messages){
  ck_assert_str_eq(html_message("search_button", "nl"), "Zoeken");
  ck_assert_str_eq(html_message("search_button", "en"), "Search");
  ck_assert_str_eq(html_message("search_button", "fr"), "Zoeken");
  ck_assert_str_eq(html_message("search_button", 0), "Zoeken");
  ck_assert_str_eq(html_message("no such key", "en"), "no such key");
  const char *z = "a literal text";
  ck_assert_ptr_eq(html_message(z, "nl"), z);
}
END_TEST

/* 12. web/messages.json: one flat object sorted by key (two people edit
** it), every message in Dutch and English. */
START_TEST(t12_messages_file){
  size_t n;
  const unsigned char *p = web_file("messages.json", &n);
  ck_assert_ptr_nonnull(p);
  json_error_t je;
  json_t *m = json_loadb((const char*)p, n, JSON_PRESERVE_ORDER, &je);
  ck_assert_msg(m!=0, "messages.json line %d: %s", je.line, je.text);
  ck_assert(json_is_object(m));
  const char *zKey, *zPrev = "";
  json_t *v;
  json_object_foreach(m, zKey, v){
    ck_assert_msg(strcmp(zPrev, zKey)<0, "messages.json: \"%s\" is not sorted after \"%s\"", zKey, zPrev);
    ck_assert_msg(json_is_object(v) && json_object_size(v)==2, "messages.json: \"%s\" wants nl and en", zKey);
    const char *zNl = json_string_value(json_object_get(v, "nl"));
    const char *zEn = json_string_value(json_object_get(v, "en"));
    ck_assert_msg(zNl && zNl[0] && zEn && zEn[0], "messages.json: \"%s\" wants nl and en", zKey);
    zPrev = zKey;
  }
  json_decref(m);
}
END_TEST

/* 13. Every template of web/ parses (rendered with an empty context). */
START_TEST(t13_every_template){
  DIR *d = opendir("web");
  ck_assert_ptr_nonnull(d);
  struct dirent *e;
  int nTemplate = 0;
  while( (e = readdir(d))!=0 ){
    size_t n = strlen(e->d_name);
    if( n<=5 || strcmp(e->d_name+n-5, ".html")!=0 ) continue;
    char zName[256];
    snprintf(zName, sizeof zName, "%.*s", (int)(n-5), e->d_name);
    ck_assert_msg(web_file(e->d_name, 0)!=0, "web/%s is not embedded: rebuild", e->d_name);
    json_t *ctx = json_object();
    Buf b = BUF_INIT;
    Err err = ERR_INIT;
    ck_assert_msg(html_render(&b, zName, ctx, "nl", &err)==0, "%s", err.msg);
    ck_assert_msg(html_render(&b, zName, ctx, "en", &err)==0, "%s", err.msg);
    buf_release(&b);
    json_decref(ctx);
    nTemplate++;
  }
  closedir(d);
  ck_assert_int_ge(nTemplate, 12);
  ck_assert_ptr_null(web_file("no-such-file.css", 0));
  size_t nCss = 1;
  ck_assert_ptr_nonnull(web_file("style.css", &nCss));
  ck_assert_uint_gt(nCss, 100);
}
END_TEST

/* 14. The first render happens in several threads at once. */
#define NTHREAD 4
static void *render_home(void *p){
  Buf *b = p;
  json_t *ctx = json_pack("{s{s[]}}", "recent", "meetings");
  Err err = ERR_INIT;
  for(int i=0; i<50; i++){
    buf_reset(b);
    if( html_render(b, "home", ctx, i%2 ? "en" : "nl", &err) ) break;
  }
  json_decref(ctx);
  return err.set ? (void*)1 : 0;
}

START_TEST(t14_threads){
  pthread_t at[NTHREAD];
  Buf ab[NTHREAD];
  for(int i=0; i<NTHREAD; i++){
    buf_init(&ab[i]);
    ck_assert_int_eq(pthread_create(&at[i], 0, render_home, &ab[i]), 0);
  }
  for(int i=0; i<NTHREAD; i++){
    void *pRet;
    pthread_join(at[i], &pRet);
    ck_assert_ptr_null(pRet);
  }
  for(int i=1; i<NTHREAD; i++) ck_assert_str_eq(ab[i].z, ab[0].z);
  ck_assert_ptr_nonnull(strstr(ab[0].z, "<h1>"));
  for(int i=0; i<NTHREAD; i++) buf_release(&ab[i]);
}
END_TEST

/* 15. Error messages of the core in the page's language: a message that
** fits an "error_" entry in Dutch with its parts in place, the most
** specific entry first; in English, and when nothing fits, as it is. */
static const char *err_text(const char *zMsg, const char *zLang){
  static char z[512];
  Buf b = BUF_INIT;
  html_error_text(&b, zMsg, zLang);
  snprintf(z, sizeof z, "%s", b.z);
  buf_release(&b);
  return z;
}

START_TEST(t15_error_text){
  ck_assert_str_eq(err_text("unclosed quote at position 12", "nl"),
                   "aanhalingsteken niet gesloten op positie 12");
  ck_assert_str_eq(err_text("unclosed quote at position 12", "en"), "unclosed quote at position 12");
  ck_assert_str_eq(err_text("unknown body \"BO Woonen\" (did you mean \"BO Wonen\"?)", "nl"),
                   "onbekend orgaan \"BO Woonen\" (bedoelde u \"BO Wonen\"?)");
  ck_assert_str_eq(err_text("unknown body \"X\"", "nl"), "onbekend orgaan \"X\"");
  ck_assert_str_eq(err_text("Soest is not required to ratify decision 7 (not taking part on 2021-03-10)",
                            "nl"), "Soest hoeft besluit 7 niet te bekrachtigen (nam op 2021-03-10 niet deel)");
  ck_assert_str_eq(err_text("not an ODT or DOCX file (it is a spreadsheet)", "nl"),
                   "geen ODT- of DOCX-bestand (het is een rekenblad)");
  ck_assert_str_eq(err_text("not an ODT or DOCX file", "nl"), "geen ODT- of DOCX-bestand");
  ck_assert_str_eq(err_text("something else went wrong", "nl"), "something else went wrong");
  ck_assert_str_eq(err_text("", "nl"), "");
  Err e = ERR_INIT;
  err_set(&e, "no decision %d", 5);
  html_err_lang(&e, "nl");
  ck_assert_str_eq(e.msg, "geen besluit 5");
}
END_TEST

/* 16. The messages a user of the web pages meets, one or more from each
** module that writes them, come out in Dutch with their parts in place
** (the most specific entry winning over a shorter one that also fits:
** "... or ...", "... in PART", "of no organisation"), and unchanged in
** English. */
START_TEST(t16_error_text_modules){
  static const struct { const char *zEn, *zNl; } a[] = {
    /* auth.c */
    { "the password must have at least 12 characters", "het wachtwoord moet minstens 12 tekens hebben" },
    { "user \"nieuw\" already exists", "gebruiker \"nieuw\" bestaat al" },
    { "cannot remove the last beheerder", "de laatste beheerder kan niet worden verwijderd" },
    /* correct.c */
    { "no decision 4 in document 7", "geen besluit 4 in document 7" },
    { "decision 12 was recognised, not added by staff: mark it \"not a decision\" instead",
      "besluit 12 is herkend, niet door een medewerker toegevoegd: markeer het als \"geen besluit\"" },
    { "no unmatched attendee is named \"J. Jansen\" (Soest)",
      "er is geen niet-herkende aanwezige met de naam \"J. Jansen\" (Soest)" },
    /* pages.c, search.c */
    { "unknown sort \"z\" (use relevance, newest or oldest)",
      "onbekende sortering \"z\" (gebruik relevance, newest of oldest)" },
    { "at most 16 values of topic", "hoogstens 16 onderwerpen tegelijk" },
    { "unknown body \"BO We\" (did you mean \"BO Wonen\", \"BO Werk\" or \"BO Welzijn\"?)",
      "onbekend orgaan \"BO We\" (bedoelde u \"BO Wonen\", \"BO Werk\" of \"BO Welzijn\"?)" },
    { "unknown kind \"verslg\" (did you mean \"verslag\"?); the kinds are agenda, verslag",
      "onbekende soort \"verslg\" (bedoelde u \"verslag\"?); de soorten zijn agenda, verslag" },
    /* ratify.c, pages_ratify.c */
    { "a date is needed for rejected (YYYY-MM-DD)", "een datum is nodig bij verworpen (JJJJ-MM-DD)" },
    { "status must be adopted or rejected", "de status moet vastgesteld of verworpen zijn" },
    /* import.c, api.c */
    { "cannot write to the archive: No space left on device",
      "er kan niet in het archief worden geschreven: No space left on device" },
    { "not imported", "niet geïmporteerd" },
    /* extract.c, docx.c, odt.c, doc.c */
    { "not an ODT or DOCX file (it is a drawing)", "geen ODT- of DOCX-bestand (het is een tekening)" },
    { "corrupt document: word/document.xml is missing", "beschadigd document: word/document.xml ontbreekt" },
    { "corrupt document: content.xml has no text body", "beschadigd document: content.xml bevat geen tekst" },
    { "document too large: more than 200000 paragraphs and table cells",
      "document te groot: meer dan 200000 alinea's en tabelcellen" },
    /* xmlsax.c */
    { "a document type declaration (DTD) is not allowed in word/document.xml",
      "een documenttypedeclaratie (DTD) is niet toegestaan in word/document.xml" },
    { "document too deeply nested: more than 256 levels in content.xml",
      "document te diep genest: meer dan 256 niveaus in content.xml" },
    /* zipread.c */
    { "corrupt zip archive: damaged data (checksum mismatch) in word/document.xml",
      "beschadigd zip-archief: beschadigde gegevens (het controlegetal klopt niet) in word/document.xml" },
    { "corrupt zip archive: the file is cut short or damaged",
      "beschadigd zip-archief: het bestand is afgebroken of beschadigd" },
    { "document too large: its parts expand beyond 256 MiB",
      "document te groot: de onderdelen worden na uitpakken samen groter dan 256 MiB" },
    /* org.c */
    { "not valid JSON: line 1, column 1: '[' or '{' expected near 'x'",
      "geen geldige JSON: regel 1, kolom 1: '[' or '{' expected near 'x'" },
    { "bad date \"2024-13-01\" in topics[0].participants[2].from (use YYYY-MM-DD)",
      "ongeldige datum \"2024-13-01\" in topics[0].participants[2].from (gebruik JJJJ-MM-DD)" },
    { "topics[0].portfolio_holders[0]: unknown person \"X. Niemand\"",
      "topics[0].portfolio_holders[0]: onbekende persoon \"X. Niemand\"" },
    { "topics[0].portfolio_holders[0]: unknown person \"X\" of no organisation (did you mean \"Y\"?)",
      "topics[0].portfolio_holders[0]: onbekende persoon \"X\" zonder organisatie (bedoelde u \"Y\"?)" },
    { "bodies[0].members[4]: same person in the same role as members[2] in an overlapping period",
      "bodies[0].members[4]: dezelfde persoon in dezelfde rol als members[2] in een periode die overlapt" },
    { "bodies[2].kind: unknown kind \"XX\" (use BORA, ARG, BRA, BO, AO or other)",
      "bodies[2].kind: onbekende soort \"XX\" (gebruik BORA, ARG, BRA, BO, AO of other)" },
    /* orgedit.c */
    { "missing \"topic\"", "kies een onderwerp" },
    { "no such membership: it may have been removed already",
      "dit lidmaatschap staat er niet (meer): misschien is het al verwijderd" },
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    ck_assert_str_eq(err_text(a[i].zEn, "nl"), a[i].zNl);
    ck_assert_str_eq(err_text(a[i].zEn, "en"), a[i].zEn);
  }
  Err e = ERR_INIT;
  err_set(&e, "the password is too long (at most %d bytes)", 1024);
  html_err_lang(&e, "nl");
  ck_assert_str_eq(e.msg, "het wachtwoord is te lang (hoogstens 1024 bytes)");
}
END_TEST

/* 17. Every "error_" entry of messages.json has in Dutch as many parts
** ("%s") as in English, and no other conversion: the parts are put back
** in order, so a part more or less would drop or repeat text. */
START_TEST(t17_error_parts){
  size_t n;
  const unsigned char *p = web_file("messages.json", &n);
  json_t *m = p ? json_loadb((const char*)p, n, 0, 0) : 0;
  ck_assert_ptr_nonnull(m);
  const char *zKey;
  json_t *v;
  int nError = 0;
  json_object_foreach(m, zKey, v){
    if( strncmp(zKey, "error_", 6)!=0 ) continue;
    int an[2] = { 0, 0 };
    const char *az[2] = { json_string_value(json_object_get(v, "en")),
                          json_string_value(json_object_get(v, "nl")) };
    for(int k=0; k<2; k++){
      for(const char *z=strchr(az[k], '%'); z; z=strchr(z+1, '%')){
        ck_assert_msg(z[1]=='s', "messages.json: \"%s\" has a %% not followed by s", zKey);
        an[k]++;
      }
    }
    ck_assert_msg(an[0]==an[1], "messages.json: \"%s\" has %d parts in English, %d in Dutch",
                  zKey, an[0], an[1]);
    nError++;
  }
  ck_assert_int_ge(nError, 150);
  json_decref(m);
}
END_TEST

Suite *suite_html(void){
  Suite *s = suite_create("html");
  TCase *tc = tcase_create("html");
  tcase_add_test(tc, t01_escape);
  tcase_add_test(tc, t02_escape_invalid);
  tcase_add_test(tc, t03_escape_marked);
  tcase_add_test(tc, t04_url_encode);
  tcase_add_test(tc, t05_values);
  tcase_add_test(tc, t06_sections);
  tcase_add_test(tc, t07_nesting);
  tcase_add_test(tc, t08_partials_messages);
  tcase_add_test(tc, t09_errors);
  tcase_add_test(tc, t10_xss);
  tcase_add_test(tc, t11_messages);
  tcase_add_test(tc, t12_messages_file);
  tcase_add_test(tc, t13_every_template);
  tcase_add_test(tc, t14_threads);
  tcase_add_test(tc, t15_error_text);
  tcase_add_test(tc, t16_error_text_modules);
  tcase_add_test(tc, t17_error_parts);
  suite_add_tcase(s, tc);
  return s;
}
