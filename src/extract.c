/*
** extract.c — recognise a file by its bytes (never by its name), refuse
** what overleg cannot or must not read, and hand the rest to a reader.
*/
#include "extract.h"
#include "docx.h"
#include "odt.h"
#include "xmlsax.h"
#include "zipread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char zNotOdtDocx[] = "not an ODT or DOCX file";
static const char zOldWord[] = "old Word .doc format: save it as DOCX";

int extract_reason_is_type(const char *zReason){
  return zReason && (strncmp(zReason, zNotOdtDocx, sizeof zNotOdtDocx - 1)==0
                     || strcmp(zReason, zOldWord)==0);
}

/* ------------------------------------------------ OLE compound files */

/* An OLE compound file is either encrypted OOXML (Office stores a
** password-protected DOCX as a compound file holding an "EncryptedPackage"
** stream) or an old binary format.  The stream names sit in directory
** sectors as UTF-16LE; finding the name anywhere in the file is enough to
** tell the two apart, without parsing the compound file. */
static int cfb_reason(int fd, Err *err){
  static const char zEnc[] = "EncryptedPackage";
  static const char zWord[] = "WordDocument";
  unsigned char aEnc[2*sizeof zEnc - 2], aWord[2*sizeof zWord - 2];
  for(size_t i=0; i<sizeof zEnc-1; i++){ aEnc[2*i] = (unsigned char)zEnc[i]; aEnc[2*i+1] = 0; }
  for(size_t i=0; i<sizeof zWord-1; i++){ aWord[2*i] = (unsigned char)zWord[i]; aWord[2*i+1] = 0; }
  int bEnc = 0, bWord = 0;
  static const size_t nChunk = 1<<16, nKeep = 64;
  unsigned char *buf = xrealloc(0, nChunk + nKeep);
  size_t nHave = 0;
  off_t iOff = 0;
  for(;;){
    ssize_t n = pread(fd, buf + nHave, nChunk, iOff);
    if( n<=0 ) break;
    iOff += n;
    nHave += (size_t)n;
    if( memmem(buf, nHave, aEnc, sizeof aEnc) ) bEnc = 1;
    if( memmem(buf, nHave, aWord, sizeof aWord) ) bWord = 1;
    if( bEnc ) break;
    size_t keep = nHave < nKeep ? nHave : nKeep;
    memmove(buf, buf + nHave - keep, keep);
    nHave = keep;
  }
  free(buf);
  if( bEnc ) return err_set(err, "password-protected document");
  if( bWord ) return err_set(err, "%s", zOldWord);
  return err_set(err, "%s", zNotOdtDocx);
}

/* ------------------------------------------------------------ packages */

/* What an OpenDocument mimetype says, for the message when it is not text. */
static const char *odf_kind(const char *zMime){
  static const struct { const char *zPrefix, *zWhat; } a[] = {
    { "application/vnd.oasis.opendocument.spreadsheet", " (it is a spreadsheet)" },
    { "application/vnd.oasis.opendocument.presentation", " (it is a presentation)" },
    { "application/vnd.oasis.opendocument.graphics", " (it is a drawing)" },
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    if( strncmp(zMime, a[i].zPrefix, strlen(a[i].zPrefix))==0 ) return a[i].zWhat;
  }
  return "";
}

static int is_odt_mime(const char *z){
  return strcmp(z, "application/vnd.oasis.opendocument.text")==0
      || strcmp(z, "application/vnd.oasis.opendocument.text-template")==0
      || strcmp(z, "application/vnd.oasis.opendocument.text-master")==0;
}

typedef struct ManifestScan { int bEncrypted; } ManifestScan;

static void manifest_start(void *ctx, Ns ns, const char *local, const XmlAttrs *at){
  if( ns==NS_MANIFEST && strcmp(local, "encryption-data")==0 ){
    ((ManifestScan*)ctx)->bEncrypted = 1;
  }
}

/* ODF encryption is declared per file in META-INF/manifest.xml. */
static int odf_check_encryption(ZipArchive *z, const Limits *lim, Err *err){
  long i = zipread_find(z, "META-INF/manifest.xml");
  if( i<0 ) return 0;
  ManifestScan scan = { 0 };
  XmlHandler h = { &scan, manifest_start, 0, 0, err };
  if( xmlsax_parse_zip(z, i, lim, 0, &h) ) return -1;
  return scan.bEncrypted ? err_set(err, "password-protected document") : 0;
}

static int read_package(int fd, const Limits *lim, Doc *d, Err *err){
  ZipArchive *z;
  if( zipread_open_fd(fd, lim, &z, err) ) return -1;
  int rc;
  long iMime = zipread_find(z, "mimetype");
  if( iMime>=0 ){
    Buf mime = BUF_INIT;
    rc = zipread_read_all(z, iMime, 256, &mime, err);
    while( rc==0 && mime.n && (mime.z[mime.n-1]=='\n' || mime.z[mime.n-1]=='\r'
                                || mime.z[mime.n-1]==' ') ){
      buf_truncate(&mime, mime.n-1);
    }
    if( rc==0 && !is_odt_mime(mime.z) ){
      rc = err_set(err, "%s%s", zNotOdtDocx, odf_kind(mime.z));
    }
    buf_release(&mime);
    if( rc==0 ) rc = odf_check_encryption(z, lim, err);
    if( rc==0 ){
      d->format = FORMAT_ODT;
      rc = odt_read(z, lim, d, err);
    }
  }else if( zipread_find(z, "[Content_Types].xml")>=0 ){
    d->format = FORMAT_DOCX;
    rc = docx_read(z, lim, d, err);
  }else if( zipread_find(z, "content.xml")>=0 ){
    /* an ODT that lost its mimetype entry (some zip tools drop it) */
    rc = odf_check_encryption(z, lim, err);
    if( rc==0 ){
      d->format = FORMAT_ODT;
      rc = odt_read(z, lim, d, err);
    }
  }else{
    rc = err_set(err, "%s", zNotOdtDocx);
  }
  zipread_close(z);
  return rc;
}

/* ------------------------------------------------------------- sniffing */

/* True when the file is XML that names the OpenDocument office namespace
** in its first 64 KiB: a Flat ODT, or something the ODT reader will refuse
** with a clear reason.  Other XML and HTML are not ODT or DOCX at all.
** NUL bytes are dropped before looking, so UTF-16 text is found too. */
static int looks_like_fodt(int fd){
  static const char zNs[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  enum { N = 65536 };
  char *z = xrealloc(0, N);
  ssize_t n = pread(fd, z, N, 0);
  size_t m = 0;
  for(ssize_t i=0; i<n; i++) if( z[i] ) z[m++] = z[i];
  size_t i = 0;
  if( m>=3 && memcmp(z, "\xef\xbb\xbf", 3)==0 ) i = 3;
  if( m>=2 && (memcmp(z, "\xff\xfe", 2)==0 || memcmp(z, "\xfe\xff", 2)==0) ) i = 2;
  while( i<m && (z[i]==' ' || z[i]=='\t' || z[i]=='\r' || z[i]=='\n') ) i++;
  int bYes = i<m && z[i]=='<' && memmem(z, m, zNs, sizeof zNs - 1)!=0;
  free(z);
  return bYes;
}

int extract_file(const char *path, const Limits *lim, Doc **ppDoc, Err *err){
  *ppDoc = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if( fd<0 ) return err_internal(err, "cannot open the file");
  struct stat st;
  unsigned char head[64];
  ssize_t nHead = 0;
  int rc;
  if( fstat(fd, &st) ){
    rc = err_internal(err, "cannot open the file");
  }else if( (size_t)st.st_size > lim->maxFileBytes ){
    rc = err_set(err, "document too large: the file is larger than %zu MiB",
                 lim->maxFileBytes >> 20);
  }else{
    nHead = pread(fd, head, sizeof head, 0);
    rc = nHead<0 ? err_internal(err, "cannot read the file") : 0;
  }
  static const unsigned char aCfb[8] = { 0xd0,0xcf,0x11,0xe0,0xa1,0xb1,0x1a,0xe1 };
  size_t n = nHead>0 ? (size_t)nHead : 0;
  Doc *d = xrealloc(0, sizeof *d);
  memset(d, 0, sizeof *d);
  if( rc ){
    /* reported above */
  }else if( n>=4 && memcmp(head, "PK\x03\x04", 4)==0 ){
    rc = read_package(fd, lim, d, err);
  }else if( n>=8 && memcmp(head, aCfb, 8)==0 ){
    rc = cfb_reason(fd, err);
  }else if( looks_like_fodt(fd) ){
    d->format = FORMAT_FODT;
    rc = odt_read_flat(path, lim, d, err);
  }else{
    rc = err_set(err, "%s", zNotOdtDocx);
  }
  close(fd);
  if( rc ){
    doc_free(d);
    return -1;
  }
  *ppDoc = d;
  return 0;
}
