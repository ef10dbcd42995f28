/*
** hostile.h — hostile ODT, DOCX and look-alike files, made at run time, and
** the extractor run on them in a child whose time and memory are measured.
**
** Nothing hostile is committed: each test makes its files in a fresh
** directory under $TMPDIR and removes it.  Well-formed packages are
** written with libzip, as a real zip tool would write them; a small
** stdio writer writes what libzip refuses to: duplicate names, overlapping
** entries, precompressed bombs, headers that lie, ZipCrypto encryption.
** OLE compound files (encrypted OOXML, old .doc) are written by hand.
*/
#ifndef OVERLEG_TESTS_HOSTILE_H
#define OVERLEG_TESTS_HOSTILE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* gcc defines __SANITIZE_ADDRESS__, clang answers __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
# define HOSTILE_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define HOSTILE_ASAN 1
# endif
#endif
#ifndef HOSTILE_ASAN
# define HOSTILE_ASAN 0
#endif

/* The start and end of a content.xml and of a word/document.xml; the
** body goes between ODT_OPEN/DOCX_OPEN and the matching _CLOSE. */
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ODT_OPEN \
  "<office:document-content" \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " office:version=\"1.3\"><office:body><office:text>"
#define ODT_CLOSE "</office:text></office:body></office:document-content>"
#define DOCX_OPEN \
  "<w:document" \
  " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"" \
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<w:body>"
#define DOCX_CLOSE "</w:body></w:document>"

/* ------------------------------------------------------ scratch files */

/* A new directory under $TMPDIR (or /tmp), or in zParent; aborts on
** failure.  hostile_dir_free() removes it and all it holds, unless
** $HOSTILE_KEEP is set, and frees the name. */
char *hostile_dir_new(void);
char *hostile_dir_in(const char *zParent);
void hostile_dir_free(char *zDir);
void hostile_rm_tree(const char *zPath);    /* whatever $HOSTILE_KEEP says */
char *hostile_path(const char *zDir, const char *zName);   /* caller frees */
void hostile_file_write(const char *zPath, const void *p, size_t n);
void hostile_file_read(const char *zPath, Buf *out);
/* Makes the folders above zPath that are missing. */
void hostile_mkdir_above(const char *zPath);

/* ------------------------------------------------------------ packages */

/* One zip entry.  Plain entries hold their content and are compressed
** when written; raw ones (bRaw) hold the bytes exactly as stored, with the
** CRC, size and general-purpose flags the headers are to claim. */
typedef struct HEntry {
  char *zName;
  Buf data;
  int method;          /* ZIP_CM_STORE or ZIP_CM_DEFLATE */
  int bRaw;
  uint32_t crc;        /* raw only */
  uint32_t nRaw;       /* raw only: the uncompressed size claimed */
  uint16_t flags;      /* raw only: bit 0 = encrypted */
} HEntry;

typedef struct HPkg { HEntry *a; int n, cap; } HPkg;   /* zero-initialise */

/* A minimal valid ODT (mimetype, manifest, content.xml) or DOCX
** ([Content_Types].xml, _rels/.rels, word/document.xml) around the
** given part. */
void hpkg_odt(HPkg *p, const char *zContent, size_t nContent);
void hpkg_docx(HPkg *p, const char *zDocument, size_t nDocument);
/* Replaces the entry called zName, or appends one; deflated.  Returns it. */
HEntry *hpkg_set(HPkg *p, const char *zName, const void *pData, size_t nData);
HEntry *hpkg_add(HPkg *p, const char *zName, const void *pData, size_t nData);
HEntry *hpkg_find(HPkg *p, const char *zName);
void hpkg_drop(HPkg *p, const char *zName);
void hpkg_free(HPkg *p);

/* Writes an ODT (zPath ends in ".odt") or else a DOCX, and the folders
** above it, holding the blocks azBlock[0..n): "# text" is a heading of
** level 1, "## text" one of level 2, "| a | b |" a table row (one table
** for rows in a row), anything else a paragraph. */
void hostile_write_doc(const char *zPath, const char *const *azBlock, int n);
#define HOSTILE_DOC(zPath, ...) do{ \
    static const char *const azB_[] = { __VA_ARGS__ }; \
    hostile_write_doc(zPath, azB_, (int)(sizeof azB_/sizeof azB_[0])); \
  }while(0)

/* Writes through libzip; encMethod is ZIP_EM_NONE or a method libzip can
** encrypt with (then every entry but "mimetype" is encrypted). */
void hpkg_write_libzip(const HPkg *p, const char *zPath, int encMethod,
                       const char *zPassword);
/* Writes with the stdio writer: names as given, raw entries as they are. */
void hpkg_write_raw(const HPkg *p, const char *zPath);

/* Turns e into a raw deflated entry whose data inflate to zHead, nRep
** copies of zMid, then zTail, without ever holding the inflated bytes:
** zMid is deflated once and its block repeated. */
void hentry_bomb(HEntry *e, const char *zHead, const Buf *pMid, size_t nRep,
                 const char *zTail);
/* Turns e into a raw entry encrypted with traditional PKWARE encryption. */
void hentry_zipcrypto(HEntry *e, const char *zPassword);

/* David Fifield's overlapping-entry bomb: nFile entries whose compressed
** data all end in one shared kernel of nKernel bytes of 'a'. */
void hostile_overlap_zip(const char *zPath, int nFile, size_t nKernel);
/* An OLE compound file holding one 4 KiB stream per name. */
void hostile_cfb(const char *zPath, const char *const *azStream, int nStream);
/* zUtf8 as UTF-16 with a byte order mark. */
void hostile_utf16(Buf *out, const char *zUtf8, int bBigEndian);

/* ----------------------------------------------------------- running */

typedef struct HResult {
  int rc;              /* extract_file()'s result; -2 when the child died */
  char zErr[400];      /* its message; "" on success */
  Buf text;            /* doc_text() on success */
  int status;          /* the child's wait status */
  int bKilled;         /* killed for passing HOSTILE_KILL_KIB */
  long nGrowKiB;       /* child's peak RSS minus the parent's RSS at fork */
  double secs;         /* wall time of the child */
} HResult;

/* Runs extract_file() with the default limits, then doc_text(), in a
** forked child, and reports what it returned.  The child is killed when
** its resident memory grows past HOSTILE_KILL_KIB (ASan's shadow memory
** and quarantine count there).  Free with hresult_free(). */
#define HOSTILE_KILL_KIB ((HOSTILE_ASAN ? 4L : 1L) << 20)
void hostile_extract(const char *zPath, HResult *r);
void hresult_free(HResult *r);

/* Runs "$OVERLEG azArg..." in zDir; returns the exit status, or -1.
** Output is appended to pOut and pErr. */
int hostile_cli(const char *zDir, const char *const *azArg, Buf *pOut, Buf *pErr);
/* The same with zStdin (NULL: /dev/null) as its standard input. */
int hostile_cli_stdin(const char *zDir, const char *zStdin, const char *const *azArg,
                      Buf *pOut, Buf *pErr);

#endif
