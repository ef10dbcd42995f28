/*
** fts_dutch.h — the "dutch" FTS5 tokenizer of overleg's full-text index.
**
** It wraps FTS5's unicode61 tokenizer (lower-cased, diacritics removed:
** "Coördinatie" -> "coordinatie") and stems each word with Snowball's Dutch
** stemmer, so that "besluiten", "besluit" and "besloten" find each other.
** Beside every stem a document also gets its exact word in a second
** namespace, the folded word followed by FTS_DUTCH_RAW_END
** ("besluiten\x01"), at the same position; a query term that starts with
** FTS_DUTCH_EXACT_MARK matches that namespace only, so exact words and
** exact phrases need no second index.
**
**   document/aux text   stem + (colocated) word\x01  for every word
**   query "besluiten"   stem "besluit"
**   query MARK+word     "word\x01"                   exact word only
**   query word*         "word" unstemmed, as a prefix: finds stems and
**                       exact words that start with it
**   query MARK+word*    the same as word* (a prefix cannot end in \x01)
**
** The index holds what this tokenizer emitted, and FTS5 deletes a row by
** tokenizing its text again: after any change of the output (the code,
** its irregular forms, a new libstemmer) rebuild every table that uses it
** with "INSERT INTO t(t) VALUES('rebuild')".
**
** FTS5 makes one tokenizer instance per table per connection and calls it
** from one thread at a time, as the connection is.  Each instance owns its
** Snowball stemmer (which is not thread-safe) and keeps per-call state on
** the stack, so connections in different threads never share one.
*/
#ifndef OVERLEG_FTS_DUTCH_H
#define OVERLEG_FTS_DUTCH_H

#include <sqlite3.h>

/* U+E000 (private use) in UTF-8: a query term that begins with it matches
** only the exact word.  Stripped from document text, which cannot use it. */
#define FTS_DUTCH_EXACT_MARK "\xEE\x80\x80"

/* Ends every token of the exact-word namespace.  unicode61 treats it as a
** separator, so no word of any text can contain it. */
#define FTS_DUTCH_RAW_END '\x01'

/* Raised whenever the tokens for the same text change; the store rebuilds
** its index when the archive was indexed with another version. */
#define FTS_DUTCH_VERSION 1

/* Registers the tokenizer as "dutch" on db, for use in
** "CREATE VIRTUAL TABLE ... USING fts5(..., tokenize='dutch')"; it takes no
** arguments.  Returns SQLITE_OK, or the SQLite error code (SQLITE_ERROR
** when db has no FTS5).  Register once on every connection that opens
** such a table. */
int fts_dutch_register(sqlite3 *db);

#endif
