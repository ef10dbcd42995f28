/*
** html.h — the one way overleg writes HTML: html_escape() for every value,
** and a small template language (a subset of Mustache) over jansson values,
** escaping by default.  Templates and static files live in web/ and are
** embedded in the binary at build time (web_file()).
**
** Template syntax:
**   {{name}} {{a.b}}    the value, escaped (strings, numbers; null,
**                       booleans, objects, arrays, absent: nothing).
**                       Lookup walks out through the enclosing sections,
**                       as in Mustache; {{.}} is the current element.
**   {{{name_html}}}     the value unescaped: only for keys ending in
**                       "_html", whose values were built with html_escape()
**                       (snippets with <mark>); any other key is an error.
**   {{#name}}..{{/name}} an array: once per element; an object: once with
**                       it; true, a non-empty string, a non-zero number:
**                       once; otherwise not at all.
**   {{^name}}..{{/name}} once when {{#name}} would not run.
**   {{>name}}           the template web/name.html, same context.
**   {{@key}}            the message "key" of web/messages.json in the
**                       page's language ("nl" or "en"), escaped.
**   {{! comment }}
**
** Templates are parsed once, at the first render (thread-safe), and checked
** then: an unbalanced section, a raw key not ending in "_html", an unknown
** partial or message make every render of that template fail.
*/
#ifndef OVERLEG_HTML_H
#define OVERLEG_HTML_H

#include <jansson.h>
#include <stddef.h>
#include "buf.h"
#include "err.h"

/* Appends z (n bytes; or up to its NUL) escaped for HTML text and attribute
** values: & < > " ' become entities; what HTML cannot hold (invalid UTF-8,
** control characters but tab, CR and LF) becomes U+FFFD.  NULL: nothing. */
void html_escape(Buf *out, const char *z);
void html_escape_n(Buf *out, const char *z, size_t n);
/* The same for text marked as search.h marks matches: SEARCH_MARK_ON
** ("\x02") and SEARCH_MARK_OFF ("\x03") become <mark> and </mark>, always
** balanced (a stray OFF is dropped, an open mark closed at the end). */
void html_escape_marked(Buf *out, const char *z, size_t n);

/* Renders template web/zName.html with ctx in language zLang ("nl", "en")
** and appends it to out.  Returns 0, or -1 with err set (unknown template,
** unbalanced section, raw insertion of a non-_html key): template errors
** are programming errors, caught by the tests that render every page. */
int html_render(Buf *out, const char *zName, json_t *ctx, const char *zLang, Err *err);
/* The same for the template text zText itself (tests); its partials are
** those of web/. */
int html_render_text(Buf *out, const char *zText, json_t *ctx, const char *zLang, Err *err);

/* Appends z percent-encoded for a URL's query value or path segment:
** every byte but A-Z a-z 0-9 - . _ ~ as %XX.  (Escape the URL with
** html_escape too when it goes into an attribute: templates do.) */
void html_url_encode(Buf *out, const char *z);
/* Appends "?name=value" (the first, *pn counting them) or "&name=value",
** the value encoded; nothing when zValue is NULL or "". */
void html_url_arg(Buf *out, int *pn, const char *zName, const char *zValue);

/* The message "key" in zLang (falling back to Dutch, then to the key). */
const char *html_message(const char *zKey, const char *zLang);

/* Appends zMsg, an error message as overleg's core writes it (English, as
** the command line and the API give it), in zLang.  In Dutch, a message
** that fits one of the "error_" entries of messages.json (its English text,
** where each %s stands for any text) is written with that entry's Dutch
** text, the parts in place; any other message, and every message in
** English, as it is. */
void html_error_text(Buf *out, const char *zMsg, const char *zLang);
/* The same for the message of e, in place (a page shows it). */
void html_err_lang(Err *e, const char *zLang);

/* A file of web/ embedded in the binary ("style.css", "search.html"), or
** NULL; *pn its size. */
const unsigned char *web_file(const char *zName, size_t *pn);

#endif
