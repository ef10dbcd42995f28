/*
** hostile.c — builders of hostile files and the measured extraction run.
** See hostile.h.
**
** Every builder aborts the test (ck_abort_msg) when it cannot write its
** file: a test that could not build its input must fail, never pass.
*/
#include "hostile.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "doc.h"
#include "err.h"
#include "extract.h"
#include "bounds.h"
#include "xmlsax.h"

/* ------------------------------------------------------ scratch files */

char *hostile_dir_in(const char *zParent){
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s/overleg-hostile-XXXXXX", zParent);
  if( mkdtemp(b.z)==0 ) ck_abort_msg("mkdtemp %s: %s", b.z, strerror(errno));
  return buf_detach(&b, 0);
}

char *hostile_dir_new(void){
  const char *zTmp = getenv("TMPDIR");
  return hostile_dir_in(zTmp && zTmp[0] ? zTmp : "/tmp");
}

static int remove_one(const char *zPath, const struct stat *st, int type, struct FTW *ftw){
  return remove(zPath)==0 || errno==ENOENT ? 0 : -1;
}

void hostile_rm_tree(const char *zPath){
  nftw(zPath, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void hostile_dir_free(char *zDir){
  if( zDir==0 ) return;
  if( getenv("HOSTILE_KEEP") ){
    fprintf(stderr, "hostile: kept %s\n", zDir);
  }else{
    hostile_rm_tree(zDir);
  }
  free(zDir);
}

char *hostile_path(const char *zDir, const char *zName){
  Buf b = BUF_INIT;
  buf_appendf(&b, "%s/%s", zDir, zName);
  return buf_detach(&b, 0);
}

void hostile_file_write(const char *zPath, const void *p, size_t n){
  FILE *f = fopen(zPath, "wb");
  if( f==0 || (n && fwrite(p, 1, n, f)!=n) || fclose(f) ){
    ck_abort_msg("cannot write %s: %s", zPath, strerror(errno));
  }
}

void hostile_file_read(const char *zPath, Buf *out){
  FILE *f = fopen(zPath, "rb");
  char a[65536];
  size_t n;
  if( f==0 ) ck_abort_msg("cannot read %s: %s", zPath, strerror(errno));
  while( (n = fread(a, 1, sizeof a, f))>0 ) buf_append(out, a, n);
  fclose(f);
}

void hostile_mkdir_above(const char *zPath){
  char z[512];
  snprintf(z, sizeof z, "%s", zPath);
  for(char *p=strchr(z+1, '/'); p; p=strchr(p+1, '/')){
    *p = 0;
    if( mkdir(z, 0700) && errno!=EEXIST ) ck_abort_msg("mkdir %s: %s", z, strerror(errno));
    *p = '/';
  }
}

/* ------------------------------------------------------------ packages */

static const char zOdtMime[] = "application/vnd.oasis.opendocument.text";

static const char zOdtManifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
  " manifest:version=\"1.3\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\""
  " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>";

static const char zDocxTypes[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\""
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "</Types>";

static const char zDocxRels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
  "relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "</Relationships>";

HEntry *hpkg_add(HPkg *p, const char *zName, const void *pData, size_t nData){
  if( p->n==p->cap ){
    p->cap = p->cap ? 2*p->cap : 8;
    p->a = xrealloc(p->a, sizeof p->a[0] * (size_t)p->cap);
  }
  HEntry *e = &p->a[p->n++];
  memset(e, 0, sizeof *e);
  e->zName = xstrdup(zName);
  buf_init(&e->data);
  buf_append(&e->data, pData, nData);
  e->method = ZIP_CM_DEFLATE;
  return e;
}

HEntry *hpkg_find(HPkg *p, const char *zName){
  for(int i=0; i<p->n; i++) if( strcmp(p->a[i].zName, zName)==0 ) return &p->a[i];
  return 0;
}

HEntry *hpkg_set(HPkg *p, const char *zName, const void *pData, size_t nData){
  HEntry *e = hpkg_find(p, zName);
  if( e==0 ) return hpkg_add(p, zName, pData, nData);
  buf_reset(&e->data);
  buf_append(&e->data, pData, nData);
  e->bRaw = 0;
  e->method = ZIP_CM_DEFLATE;
  e->flags = 0;
  return e;
}

void hpkg_drop(HPkg *p, const char *zName){
  HEntry *e = hpkg_find(p, zName);
  if( e==0 ) return;
  free(e->zName);
  buf_release(&e->data);
  memmove(e, e+1, sizeof *e * (size_t)(p->a + p->n - (e+1)));
  p->n--;
}

void hpkg_free(HPkg *p){
  for(int i=0; i<p->n; i++){
    free(p->a[i].zName);
    buf_release(&p->a[i].data);
  }
  free(p->a);
  memset(p, 0, sizeof *p);
}

void hpkg_odt(HPkg *p, const char *zContent, size_t nContent){
  hpkg_add(p, "mimetype", zOdtMime, strlen(zOdtMime))->method = ZIP_CM_STORE;
  hpkg_add(p, "META-INF/manifest.xml", zOdtManifest, strlen(zOdtManifest));
  hpkg_add(p, "content.xml", zContent, nContent);
}

void hpkg_docx(HPkg *p, const char *zDocument, size_t nDocument){
  hpkg_add(p, "[Content_Types].xml", zDocxTypes, strlen(zDocxTypes));
  hpkg_add(p, "_rels/.rels", zDocxRels, strlen(zDocxRels));
  hpkg_add(p, "word/document.xml", zDocument, nDocument);
}

void hpkg_write_libzip(const HPkg *p, const char *zPath, int encMethod,
                       const char *zPassword){
  int ze = 0;
  zip_t *za = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  if( za==0 ) ck_abort_msg("zip_open %s: error %d", zPath, ze);
  for(int i=0; i<p->n; i++){
    const HEntry *e = &p->a[i];
    if( e->bRaw ) ck_abort_msg("%s: raw entries need hpkg_write_raw()", e->zName);
    zip_source_t *src = zip_source_buffer(za, e->data.z, e->data.n, 0);
    zip_int64_t iAdd = src ? zip_file_add(za, e->zName, src, ZIP_FL_ENC_UTF_8) : -1;
    if( iAdd<0 ) ck_abort_msg("zip_file_add %s: %s", e->zName, zip_strerror(za));
    zip_uint64_t idx = (zip_uint64_t)iAdd;
    if( zip_set_file_compression(za, idx, e->method, 0)
     || zip_file_set_mtime(za, idx, 1700000000, 0)
     || (encMethod!=ZIP_EM_NONE && strcmp(e->zName, "mimetype")!=0
         && zip_file_set_encryption(za, idx, (zip_uint16_t)encMethod, zPassword)) ){
      ck_abort_msg("%s: %s", e->zName, zip_strerror(za));
    }
  }
  if( zip_close(za) ) ck_abort_msg("zip_close %s: %s", zPath, zip_strerror(za));
}

/* ------------------------------------------------- the stdio zip writer */

static void put16(Buf *b, uint32_t v){
  buf_putc(b, (int)(v & 0xff));
  buf_putc(b, (int)((v >> 8) & 0xff));
}

static void put32(Buf *b, uint32_t v){
  put16(b, v & 0xffff);
  put16(b, v >> 16);
}

/* What the local and central headers of one entry say. */
typedef struct RawHead {
  const char *zName;
  uint16_t flags, method;
  uint32_t crc, nComp, nRaw, iOff;
} RawHead;

/* The fields local and central headers share, from the flags to the
** length of the extra field (none).  Times are fixed (1980-01-01) so that
** the same test writes the same bytes. */
static void put_common(Buf *b, const RawHead *h){
  put16(b, h->flags);
  put16(b, h->method);
  put16(b, 0);
  put16(b, 0x21);
  put32(b, h->crc);
  put32(b, h->nComp);
  put32(b, h->nRaw);
  put16(b, (uint32_t)strlen(h->zName));
  put16(b, 0);
}

static void put_local(Buf *b, const RawHead *h){
  put32(b, 0x04034b50);
  put16(b, 20);
  put_common(b, h);
  buf_puts(b, h->zName);
}

static void put_central(Buf *b, const RawHead *h){
  put32(b, 0x02014b50);
  put16(b, 20);
  put16(b, 20);
  put_common(b, h);
  put16(b, 0);
  put16(b, 0);
  put16(b, 0);
  put32(b, 0);
  put32(b, h->iOff);
  buf_puts(b, h->zName);
}

static void put_end(Buf *b, uint32_t nEntry, uint32_t nCd, uint32_t iCd){
  put32(b, 0x06054b50);
  put16(b, 0);
  put16(b, 0);
  put16(b, nEntry);
  put16(b, nEntry);
  put32(b, nCd);
  put32(b, iCd);
  put16(b, 0);
}

/* Runs deflate on n bytes with the given flush, appending the output.
** Z_FULL_FLUSH leaves the output byte-aligned and free of references to
** earlier data, which is what lets a block be repeated. */
static void zdeflate(z_stream *s, const void *p, size_t n, int flush, Buf *out){
  s->next_in = (Bytef*)p;
  s->avail_in = (uInt)n;
  for(;;){
    buf_grow(out, 65536);
    s->next_out = (Bytef*)out->z + out->n;
    s->avail_out = 65536;
    int rc = deflate(s, flush);
    if( rc==Z_STREAM_ERROR ) ck_abort_msg("deflate failed");
    out->n += 65536 - s->avail_out;
    out->z[out->n] = 0;
    if( flush==Z_FINISH ? rc==Z_STREAM_END : s->avail_in==0 && s->avail_out!=0 ) break;
  }
}

static void zdeflate_init(z_stream *s){
  memset(s, 0, sizeof *s);
  if( deflateInit2(s, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY)!=Z_OK ){
    ck_abort_msg("deflateInit2 failed");
  }
}

/* Raw deflate (as zip stores it) of p[0..n). */
static void deflate_all(const void *p, size_t n, Buf *out){
  z_stream s;
  zdeflate_init(&s);
  zdeflate(&s, p, n, Z_FINISH, out);
  deflateEnd(&s);
}

static uint32_t crc_of(const void *p, size_t n){
  return (uint32_t)crc32(0, (const Bytef*)p, (uInt)n);
}

void hpkg_write_raw(const HPkg *p, const char *zPath){
  FILE *f = fopen(zPath, "wb");
  if( f==0 ) ck_abort_msg("cannot write %s: %s", zPath, strerror(errno));
  Buf cd = BUF_INIT, head = BUF_INIT, comp = BUF_INIT;
  uint32_t iOff = 0;
  for(int i=0; i<p->n; i++){
    const HEntry *e = &p->a[i];
    RawHead h = { e->zName, e->flags, (uint16_t)e->method, e->crc, 0, e->nRaw, iOff };
    const Buf *pData = &e->data;
    if( !e->bRaw ){
      h.flags = 0;
      h.crc = crc_of(e->data.z, e->data.n);
      h.nRaw = (uint32_t)e->data.n;
      if( e->method==ZIP_CM_DEFLATE ){
        buf_reset(&comp);
        deflate_all(e->data.z, e->data.n, &comp);
        pData = &comp;
      }
    }
    h.nComp = (uint32_t)pData->n;
    buf_reset(&head);
    put_local(&head, &h);
    put_central(&cd, &h);
    if( fwrite(head.z, 1, head.n, f)!=head.n
     || (pData->n && fwrite(pData->z, 1, pData->n, f)!=pData->n) ){
      ck_abort_msg("cannot write %s", zPath);
    }
    iOff += (uint32_t)(head.n + pData->n);
  }
  buf_reset(&head);
  put_end(&head, (uint32_t)p->n, (uint32_t)cd.n, iOff);
  if( fwrite(cd.z, 1, cd.n, f)!=cd.n || fwrite(head.z, 1, head.n, f)!=head.n || fclose(f) ){
    ck_abort_msg("cannot write %s", zPath);
  }
  buf_release(&cd);
  buf_release(&head);
  buf_release(&comp);
}

void hentry_bomb(HEntry *e, const char *zHead, const Buf *pMid, size_t nRep,
                 const char *zTail){
  Buf mid = BUF_INIT, tail = BUF_INIT;
  size_t nHead = strlen(zHead), nTail = strlen(zTail);
  uint64_t nRaw = nHead + (uint64_t)nRep*pMid->n + nTail;
  if( nRaw > 0xffffffffu ) ck_abort_msg("bomb too large for a 32-bit zip header");
  z_stream s;
  zdeflate_init(&s);
  buf_reset(&e->data);
  zdeflate(&s, zHead, nHead, Z_FULL_FLUSH, &e->data);
  zdeflate(&s, pMid->z, pMid->n, Z_FULL_FLUSH, &mid);
  zdeflate(&s, zTail, nTail, Z_FINISH, &tail);
  deflateEnd(&s);
  uint32_t crc = crc_of(zHead, nHead), crcMid = crc_of(pMid->z, pMid->n);
  for(size_t i=0; i<nRep; i++){
    buf_append(&e->data, mid.z, mid.n);
    crc = (uint32_t)crc32_combine(crc, crcMid, (z_off_t)pMid->n);
  }
  buf_append(&e->data, tail.z, tail.n);
  e->crc = (uint32_t)crc32_combine(crc, crc_of(zTail, nTail), (z_off_t)nTail);
  e->nRaw = (uint32_t)nRaw;
  e->bRaw = 1;
  e->method = ZIP_CM_DEFLATE;
  e->flags = 0;
  buf_release(&mid);
  buf_release(&tail);
}

/* --------------------------------------------- traditional encryption */

/* The three keys of PKWARE's traditional ("ZipCrypto") stream cipher,
** from APPNOTE.TXT section 6.1. */
typedef struct ZipCrypto { uint32_t k[3]; const z_crc_t *t; } ZipCrypto;

static void zc_update(ZipCrypto *z, unsigned char c){
  z->k[0] = (uint32_t)z->t[(z->k[0] ^ c) & 0xff] ^ (z->k[0] >> 8);
  z->k[1] = (z->k[1] + (z->k[0] & 0xff)) * 134775813u + 1;
  z->k[2] = (uint32_t)z->t[(z->k[2] ^ (z->k[1] >> 24)) & 0xff] ^ (z->k[2] >> 8);
}

static unsigned char zc_encrypt(ZipCrypto *z, unsigned char c){
  uint32_t t = (z->k[2] | 2) & 0xffff;
  unsigned char x = c ^ (unsigned char)((t * (t ^ 1)) >> 8);
  zc_update(z, c);
  return x;
}

void hentry_zipcrypto(HEntry *e, const char *zPassword){
  ZipCrypto z = { { 0x12345678u, 0x23456789u, 0x34567890u }, get_crc_table() };
  for(const char *c=zPassword; *c; c++) zc_update(&z, (unsigned char)*c);
  Buf comp = BUF_INIT, out = BUF_INIT;
  uint32_t crc = crc_of(e->data.z, e->data.n);
  deflate_all(e->data.z, e->data.n, &comp);
  /* 11 bytes that should be random, then the CRC's top byte, which the
  ** reader checks to tell a wrong password */
  for(int i=0; i<12; i++){
    unsigned char c = i<11 ? (unsigned char)(i*37 + 11) : (unsigned char)(crc >> 24);
    buf_putc(&out, zc_encrypt(&z, c));
  }
  for(size_t i=0; i<comp.n; i++) buf_putc(&out, zc_encrypt(&z, (unsigned char)comp.z[i]));
  e->nRaw = (uint32_t)e->data.n;
  e->crc = crc;
  e->bRaw = 1;
  e->method = ZIP_CM_DEFLATE;
  e->flags = 1;
  buf_release(&e->data);
  e->data = out;
  buf_release(&comp);
}

/* ------------------------------------------------ the overlapping bomb */

/* "A better zip bomb" (Fifield, 2019): local header i is followed by a
** non-final stored deflate block that quotes local header i+1, so the
** data of entry i is header i+1, then the data of entry i+1, and so on
** down to a kernel they all share.  Headers and CRCs are all correct:
** only the overlap is wrong. */
void hostile_overlap_zip(const char *zPath, int nFile, size_t nKernel){
  char *zPlain = xrealloc(0, nKernel);
  memset(zPlain, 'a', nKernel);
  Buf kernel = BUF_INIT, out = BUF_INIT, cd = BUF_INIT;
  deflate_all(zPlain, nKernel, &kernel);
  uint32_t crcKernel = crc_of(zPlain, nKernel);
  free(zPlain);
  RawHead *aH = xrealloc(0, sizeof aH[0] * (size_t)nFile);
  Buf *aLocal = xrealloc(0, sizeof aLocal[0] * (size_t)nFile);
  char (*azName)[32] = xrealloc(0, sizeof azName[0] * (size_t)nFile);
  for(int i=nFile-1; i>=0; i--){
    snprintf(azName[i], sizeof azName[i], "bomb/%05d.xml", i);
    RawHead *h = &aH[i];
    memset(h, 0, sizeof *h);
    h->zName = azName[i];
    h->method = ZIP_CM_DEFLATE;
    if( i==nFile-1 ){
      h->crc = crcKernel;
      h->nComp = (uint32_t)kernel.n;
      h->nRaw = (uint32_t)nKernel;
    }else{
      const Buf *next = &aLocal[i+1];
      h->nComp = 5 + (uint32_t)next->n + aH[i+1].nComp;
      h->nRaw = (uint32_t)next->n + aH[i+1].nRaw;
      h->crc = (uint32_t)crc32_combine(crc_of(next->z, next->n), aH[i+1].crc,
                                       (z_off_t)aH[i+1].nRaw);
    }
    buf_init(&aLocal[i]);
    put_local(&aLocal[i], h);
  }
  for(int i=0; i<nFile; i++){
    aH[i].iOff = (uint32_t)out.n;
    buf_append(&out, aLocal[i].z, aLocal[i].n);
    if( i+1<nFile ){
      uint32_t n = (uint32_t)aLocal[i+1].n;
      buf_putc(&out, 0);                 /* BFINAL=0, BTYPE=00 (stored) */
      put16(&out, n);
      put16(&out, ~n & 0xffff);
    }
  }
  buf_append(&out, kernel.z, kernel.n);
  for(int i=0; i<nFile; i++) put_central(&cd, &aH[i]);
  uint32_t iCd = (uint32_t)out.n;
  buf_append(&out, cd.z, cd.n);
  put_end(&out, (uint32_t)nFile, (uint32_t)cd.n, iCd);
  hostile_file_write(zPath, out.z, out.n);
  for(int i=0; i<nFile; i++) buf_release(&aLocal[i]);
  free(aLocal);
  free(aH);
  free(azName);
  buf_release(&kernel);
  buf_release(&out);
  buf_release(&cd);
}

/* ------------------------------------------------ OLE compound files */

#define CFB_FREE    0xffffffffu
#define CFB_END     0xfffffffeu
#define CFB_FATSECT 0xfffffffdu
#define CFB_NONE    0xffffffffu   /* no sibling or child */

/* The compound file directory is a tree ordered by name length first,
** then by upper-cased name. */
static int cfb_name_cmp(const char *a, const char *b){
  size_t na = strlen(a), nb = strlen(b);
  if( na!=nb ) return na<nb ? -1 : 1;
  return strcasecmp(a, b);
}

static void cfb_dirent(Buf *b, const char *zName, int type, uint32_t iRight,
                       uint32_t iChild, uint32_t iStart, uint32_t nSize){
  size_t n = zName ? strlen(zName) : 0;
  for(size_t i=0; i<32; i++) put16(b, i<n ? (unsigned char)zName[i] : 0);
  put16(b, zName ? (uint32_t)(2*n + 2) : 0);
  buf_putc(b, type);
  buf_putc(b, zName ? 1 : 0);         /* black */
  put32(b, CFB_NONE);                 /* left sibling */
  put32(b, iRight);
  put32(b, iChild);
  for(int i=0; i<16+4+8+8; i++) buf_putc(b, 0);   /* CLSID, state, times */
  put32(b, iStart);
  put32(b, nSize);
  put32(b, 0);
}

/* Version 3: 512-byte sectors.  Sector 0 is the FAT, sector 1 the
** directory (root and up to three streams), then 8 sectors per stream
** (4096 bytes, so no stream lives in the mini stream). */
void hostile_cfb(const char *zPath, const char *const *azStream, int nStream){
  if( nStream<1 || nStream>3 ) ck_abort_msg("hostile_cfb: 1 to 3 streams");
  static const unsigned char aSig[8] = { 0xd0,0xcf,0x11,0xe0,0xa1,0xb1,0x1a,0xe1 };
  Buf b = BUF_INIT;
  buf_append(&b, aSig, 8);
  for(int i=0; i<16; i++) buf_putc(&b, 0);
  put16(&b, 0x3e);
  put16(&b, 3);
  put16(&b, 0xfffe);
  put16(&b, 9);
  put16(&b, 6);
  for(int i=0; i<6; i++) buf_putc(&b, 0);
  put32(&b, 0);            /* directory sectors: always 0 in version 3 */
  put32(&b, 1);            /* FAT sectors */
  put32(&b, 1);            /* first directory sector */
  put32(&b, 0);
  put32(&b, 4096);         /* mini stream cutoff */
  put32(&b, CFB_END);      /* no mini FAT */
  put32(&b, 0);
  put32(&b, CFB_END);      /* no DIFAT sectors */
  put32(&b, 0);
  put32(&b, 0);            /* DIFAT[0]: the FAT is sector 0 */
  for(int i=1; i<109; i++) put32(&b, CFB_FREE);
  /* the FAT */
  put32(&b, CFB_FATSECT);
  put32(&b, CFB_END);
  for(int s=0; s<nStream; s++){
    for(int j=0; j<8; j++) put32(&b, j<7 ? (uint32_t)(2 + 8*s + j + 1) : CFB_END);
  }
  for(int i=2 + 8*nStream; i<128; i++) put32(&b, CFB_FREE);
  /* the directory: entries 1..n linked in sorted order by right siblings */
  int aOrder[3] = { 0, 1, 2 };
  for(int i=0; i<nStream; i++){
    for(int j=i+1; j<nStream; j++){
      if( cfb_name_cmp(azStream[aOrder[j]], azStream[aOrder[i]])<0 ){
        int t = aOrder[i]; aOrder[i] = aOrder[j]; aOrder[j] = t;
      }
    }
  }
  cfb_dirent(&b, "Root Entry", 5, CFB_NONE, (uint32_t)aOrder[0] + 1, CFB_END, 0);
  for(int s=0; s<nStream; s++){
    uint32_t iRight = CFB_NONE;
    for(int k=0; k+1<nStream; k++){
      if( aOrder[k]==s ) iRight = (uint32_t)aOrder[k+1] + 1;
    }
    cfb_dirent(&b, azStream[s], 2, iRight, CFB_NONE, (uint32_t)(2 + 8*s), 4096);
  }
  for(int i=nStream+1; i<4; i++) cfb_dirent(&b, 0, 0, CFB_NONE, CFB_NONE, 0, 0);
  /* the streams: a Word stream starts with the FIB's magic number */
  for(int s=0; s<nStream; s++){
    size_t n0 = b.n;
    if( strcmp(azStream[s], "WordDocument")==0 ){ buf_putc(&b, 0xec); buf_putc(&b, 0xa5); }
    while( b.n < n0 + 4096 ) buf_putc(&b, (int)(b.n % 251));
  }
  hostile_file_write(zPath, b.z, b.n);
  buf_release(&b);
}

/* --------------------------------------------------------------- UTF-16 */

static void put_unit(Buf *b, uint32_t u, int bBigEndian){
  buf_putc(b, (int)(bBigEndian ? u >> 8 : u & 0xff));
  buf_putc(b, (int)(bBigEndian ? u & 0xff : u >> 8));
}

/* zUtf8 is the test's own text, so it is trusted to be valid UTF-8. */
void hostile_utf16(Buf *out, const char *zUtf8, int bBigEndian){
  const unsigned char *z = (const unsigned char*)zUtf8;
  put_unit(out, 0xfeff, bBigEndian);
  while( *z ){
    uint32_t c = *z++;
    int nMore = c>=0xf0 ? 3 : c>=0xe0 ? 2 : c>=0xc0 ? 1 : 0;
    if( nMore ) c &= 0x3f >> nMore;
    while( nMore-- ) c = (c << 6) | (*z++ & 0x3f);
    if( c>=0x10000 ){
      c -= 0x10000;
      put_unit(out, 0xd800 | (c >> 10), bBigEndian);
      put_unit(out, 0xdc00 | (c & 0x3ff), bBigEndian);
    }else{
      put_unit(out, c, bBigEndian);
    }
  }
}

/* Text as XML character data. */
static void xml_text(Buf *out, const char *z){
  for(; *z; z++){
    if( *z=='&' ) buf_puts(out, "&amp;");
    else if( *z=='<' ) buf_puts(out, "&lt;");
    else if( *z=='>' ) buf_puts(out, "&gt;");
    else buf_putc(out, *z);
  }
}

/* Appends the table row z ("| a | b |") in ODT or DOCX markup. */
static void write_row(Buf *x, const char *z, int bOdt){
  buf_puts(x, bOdt ? "<table:table-row>" : "<w:tr>");
  const char *zEnd = z + strlen(z);
  while( zEnd>z && (zEnd[-1]==' ' || zEnd[-1]=='|') ) zEnd--;
  z++;
  while( z<zEnd ){
    const char *zBar = memchr(z, '|', (size_t)(zEnd-z));
    const char *zStop = zBar ? zBar : zEnd;
    while( z<zStop && *z==' ' ) z++;
    const char *zLast = zStop;
    while( zLast>z && zLast[-1]==' ' ) zLast--;
    char *zCell = strndup(z, (size_t)(zLast-z));
    buf_puts(x, bOdt ? "<table:table-cell><text:p>" : "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">");
    xml_text(x, zCell);
    buf_puts(x, bOdt ? "</text:p></table:table-cell>" : "</w:t></w:r></w:p></w:tc>");
    free(zCell);
    z = zStop + 1;
  }
  buf_puts(x, bOdt ? "</table:table-row>" : "</w:tr>");
}

void hostile_write_doc(const char *zPath, const char *const *azBlock, int n){
  size_t nPath = strlen(zPath);
  int bOdt = nPath>4 && strcmp(zPath+nPath-4, ".odt")==0;
  Buf x = BUF_INIT;
  buf_puts(&x, XML_DECL);
  buf_puts(&x, bOdt ? ODT_OPEN : DOCX_OPEN);
  for(int i=0; i<n; i++){
    const char *z = azBlock[i];
    if( z[0]=='|' ){
      buf_puts(&x, bOdt ? "<table:table>" : "<w:tbl>");
      for(; i<n && azBlock[i][0]=='|'; i++) write_row(&x, azBlock[i], bOdt);
      buf_puts(&x, bOdt ? "</table:table>" : "</w:tbl>");
      i--;
      continue;
    }
    int nLevel = strncmp(z, "## ", 3)==0 ? 2 : strncmp(z, "# ", 2)==0 ? 1 : 0;
    if( nLevel ) z += nLevel+1;
    if( bOdt ){
      if( nLevel ) buf_appendf(&x, "<text:h text:outline-level=\"%d\">", nLevel);
      else buf_puts(&x, "<text:p>");
      xml_text(&x, z);
      buf_puts(&x, nLevel ? "</text:h>" : "</text:p>");
    }else{
      if( nLevel ){
        buf_appendf(&x, "<w:p><w:pPr><w:outlineLvl w:val=\"%d\"/></w:pPr><w:r><w:t>", nLevel-1);
      }else{
        buf_puts(&x, "<w:p><w:r><w:t xml:space=\"preserve\">");
      }
      xml_text(&x, z);
      buf_puts(&x, "</w:t></w:r></w:p>");
    }
  }
  buf_puts(&x, bOdt ? ODT_CLOSE : DOCX_CLOSE);
  HPkg p = { 0 };
  if( bOdt ) hpkg_odt(&p, x.z, x.n); else hpkg_docx(&p, x.z, x.n);
  hostile_mkdir_above(zPath);
  hpkg_write_libzip(&p, zPath, ZIP_EM_NONE, 0);
  hpkg_free(&p);
  buf_release(&x);
}

/* ------------------------------------------------------------- running */

/* Resident set of process pid (0: this one), in KiB; 0 when unknown. */
static long rss_kib(pid_t pid){
  char zPath[64];
  long nSize = 0, nRes = 0;
  if( pid ) snprintf(zPath, sizeof zPath, "/proc/%d/statm", (int)pid);
  else snprintf(zPath, sizeof zPath, "/proc/self/statm");
  FILE *f = fopen(zPath, "r");
  if( f ){
    if( fscanf(f, "%ld %ld", &nSize, &nRes)!=2 ) nRes = 0;
    fclose(f);
  }
  return nRes * (sysconf(_SC_PAGESIZE) / 1024);
}

static void write_all(int fd, const void *p, size_t n){
  const char *z = p;
  while( n>0 ){
    ssize_t k = write(fd, z, n);
    if( k<0 && errno==EINTR ) continue;
    if( k<=0 ) _exit(3);
    z += k;
    n -= (size_t)k;
  }
}

/* The child: extract, then send rc, the message and the text.  It ends
** with exit(), not _exit(), so that LeakSanitizer checks it under ASan. */
static void child_extract(const char *zPath, int fd){
  static const Limits lim = LIMITS_DEFAULT;
  Err err = ERR_INIT;
  Doc *d = 0;
  Buf out = BUF_INIT;
  struct rlimit noCore = { 0, 0 };
  setrlimit(RLIMIT_CORE, &noCore);     /* an abort must not dump GiBs */
  xmlsax_init();
  int rc = extract_file(zPath, &lim, &d, &err);
  if( rc==0 ) doc_text(d, &out);
  doc_free(d);
  write_all(fd, &rc, sizeof rc);
  write_all(fd, err.msg, sizeof err.msg);
  write_all(fd, &out.n, sizeof out.n);
  write_all(fd, out.z, out.n);
  buf_release(&out);
  close(fd);
  exit(0);
}

void hostile_extract(const char *zPath, HResult *r){
  memset(r, 0, sizeof *r);
  buf_init(&r->text);
  r->rc = -2;
  int fd[2];
  if( pipe(fd) ) ck_abort_msg("pipe: %s", strerror(errno));
  long nBase = rss_kib(0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  fflush(0);
  pid_t pid = fork();
  if( pid<0 ) ck_abort_msg("fork: %s", strerror(errno));
  if( pid==0 ){
    close(fd[0]);
    child_extract(zPath, fd[1]);
  }
  close(fd[1]);
  /* Reads the child's answer, watching its memory meanwhile: a missing
  ** defence must fail the test, not take the machine's memory. */
  Buf got = BUF_INIT;
  char a[65536];
  struct pollfd pfd = { fd[0], POLLIN, 0 };
  for(;;){
    if( !r->bKilled && rss_kib(pid) - nBase > HOSTILE_KILL_KIB ){
      kill(pid, SIGKILL);
      r->bKilled = 1;
    }
    int k = poll(&pfd, 1, 20);
    if( k==0 || (k<0 && errno==EINTR) ) continue;
    ssize_t n = k<0 ? -1 : read(fd[0], a, sizeof a);
    if( n<0 && errno==EINTR ) continue;
    if( n<=0 ) break;
    buf_append(&got, a, (size_t)n);
  }
  close(fd[0]);
  while( waitpid(pid, &r->status, 0)<0 && errno==EINTR ){}
  clock_gettime(CLOCK_MONOTONIC, &t1);
  r->secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec)/1e9;
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  r->nGrowKiB = ru.ru_maxrss - nBase;
  size_t nHead = sizeof r->rc + sizeof r->zErr + sizeof(size_t), nText;
  if( got.n >= nHead ){
    memcpy(&r->rc, got.z, sizeof r->rc);
    memcpy(r->zErr, got.z + sizeof r->rc, sizeof r->zErr);
    r->zErr[sizeof r->zErr - 1] = 0;
    memcpy(&nText, got.z + sizeof r->rc + sizeof r->zErr, sizeof nText);
    if( nText==got.n - nHead ) buf_append(&r->text, got.z + nHead, nText);
    else r->rc = -2;
  }
  buf_release(&got);
}

void hresult_free(HResult *r){
  buf_release(&r->text);
}

/* Runs $OVERLEG azArg... in zDir with zIn as standard input (NULL: the
** caller's). */
static int cli_run(const char *zDir, const char *zIn, const char *const *azArg, Buf *pOut,
                   Buf *pErr){
  const char *zBin = getenv("OVERLEG");
  if( zBin==0 ) ck_abort_msg("OVERLEG is not set (run through make test-plain)");
  char *zAbs = realpath(zBin, 0);
  if( zAbs==0 ) ck_abort_msg("OVERLEG=%s: %s", zBin, strerror(errno));
  char *zOut = hostile_path(zDir, "cli.stdout"), *zErr = hostile_path(zDir, "cli.stderr");
  int nArg = 0;
  while( azArg[nArg] ) nArg++;
  char **azArgv = xrealloc(0, sizeof azArgv[0] * (size_t)(nArg + 2));
  azArgv[0] = zAbs;
  for(int i=0; i<nArg; i++) azArgv[i+1] = (char*)azArg[i];
  azArgv[nArg+1] = 0;
  fflush(0);
  pid_t pid = fork();
  if( pid<0 ) ck_abort_msg("fork: %s", strerror(errno));
  if( pid==0 ){
    int fIn = zIn ? open(zIn, O_RDONLY) : 0;
    int fOut = open(zOut, O_WRONLY|O_CREAT|O_TRUNC, 0600);
    int fErr = open(zErr, O_WRONLY|O_CREAT|O_TRUNC, 0600);
    if( fIn<0 || fOut<0 || fErr<0 || chdir(zDir) || dup2(fIn, 0)<0 || dup2(fOut, 1)<0
     || dup2(fErr, 2)<0 ) _exit(126);
    execv(zAbs, azArgv);
    _exit(127);
  }
  int status;
  while( waitpid(pid, &status, 0)<0 && errno==EINTR ){}
  hostile_file_read(zOut, pOut);
  hostile_file_read(zErr, pErr);
  unlink(zOut);
  unlink(zErr);
  free(zOut);
  free(zErr);
  free(azArgv);
  free(zAbs);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int hostile_cli(const char *zDir, const char *const *azArg, Buf *pOut, Buf *pErr){
  return cli_run(zDir, 0, azArg, pOut, pErr);
}

int hostile_cli_stdin(const char *zDir, const char *zStdin, const char *const *azArg,
                      Buf *pOut, Buf *pErr){
  if( zStdin==0 ) return cli_run(zDir, "/dev/null", azArg, pOut, pErr);
  char *zIn = hostile_path(zDir, "cli.stdin");
  hostile_file_write(zIn, zStdin, strlen(zStdin));
  int rc = cli_run(zDir, zIn, azArg, pOut, pErr);
  unlink(zIn);
  free(zIn);
  return rc;
}
