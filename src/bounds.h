/*
** bounds.h — every bound overleg puts on untrusted input, by name.
**
** A document that crosses one is refused with a message naming the limit;
** none of them is reached by real meeting documents (the largest real
** minutes are a few MB of XML).  Tests build hostile files against these
** same defaults.
*/
#ifndef OVERLEG_BOUNDS_H
#define OVERLEG_BOUNDS_H

#include <stddef.h>

typedef struct Limits {
  size_t maxFileBytes;      /* the file as stored */
  size_t maxEntryBytes;     /* one zip entry, inflated, counted while reading */
  size_t maxTotalBytes;     /* all entries read, inflated, together */
  unsigned maxRatio;        /* inflated/compressed, checked past ratioGrace */
  size_t ratioGrace;
  unsigned maxEntries;      /* entries in the zip directory */
  unsigned maxDepth;        /* XML element nesting */
  size_t maxParaBytes;      /* text of one paragraph (one text node and more) */
  size_t maxTextBytes;      /* all extracted text */
  size_t maxBlocks;         /* paragraphs, table cells, notes, comments... */
  size_t maxSmallPart;      /* parts read whole: rels, content types, manifest */
} Limits;

#define MiB ((size_t)1 << 20)

/* The defaults.  The ratio rule is Apache POI's (100:1 past a grace size),
** proven on millions of real Office files. */
#define LIMITS_DEFAULT {                       \
  .maxFileBytes  = 256 * MiB,                  \
  .maxEntryBytes = 256 * MiB,                  \
  .maxTotalBytes = 1024 * MiB,                 \
  .maxRatio      = 100,                        \
  .ratioGrace    = 1 * MiB,                    \
  .maxEntries    = 10000,                      \
  .maxDepth      = 256,                        \
  .maxParaBytes  = 10 * MiB,                   \
  .maxTextBytes  = 64 * MiB,                   \
  .maxBlocks     = 500000,                     \
  .maxSmallPart  = 4 * MiB,                    \
}

#endif
