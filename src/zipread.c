/*
** zipread.c — libzip, opened defensively.  See zipread.h.
**
** libzip 1.7 checks that local and central headers agree (ZIP_CHECKCONS)
** and verifies CRCs, but it neither exposes entry offsets nor refuses
** entries whose data overlap.  The overlapping-entry bomb (many directory
** entries sharing one compressed stream) is caught here by walking the
** central directory ourselves: only offsets and sizes are read from it,
** all inflating stays with libzip.
*/
#include "zipread.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

struct ZipArchive {
  zip_t *za;
  const Limits *lim;
  long nEntry;
  size_t nTotal;       /* bytes inflated so far, all entries */
  unsigned char *aFile;/* the whole file, when small enough to read at once */
};

/* A file up to this size is read whole, with one system call, and libzip
** reads it from memory: an archive of many small parts otherwise costs a
** seek and a read per part and header.  Larger files are read through the
** descriptor, so memory stays bounded. */
#define ZIP_READ_WHOLE_MAX (8 * MiB)

/* The raw bytes of the archive for the directory walk: in memory or
** through the descriptor. */
typedef struct Raw { int fd; const unsigned char *a; uint64_t n; } Raw;

struct ZipStream {
  ZipArchive *z;
  zip_file_t *f;
  const char *zName;
  size_t nComp;        /* compressed size from the directory */
  size_t nRead;        /* bytes inflated so far */
  Err *err;
};

/* ------------------------------------------------ central directory walk */

static uint32_t get16(const unsigned char *p){ return p[0] | (uint32_t)p[1]<<8; }
static uint32_t get32(const unsigned char *p){ return get16(p) | get16(p+2)<<16; }
static uint64_t get64(const unsigned char *p){ return get32(p) | (uint64_t)get32(p+4)<<32; }

typedef struct Span { uint64_t iStart, iEnd; } Span;   /* [local header, data end) */

static int span_cmp(const void *a, const void *b){
  const Span *x = a, *y = b;
  return x->iStart<y->iStart ? -1 : x->iStart>y->iStart;
}

static int read_at(const Raw *r, uint64_t off, void *buf, size_t n){
  if( r->a ){
    if( off > r->n || n > r->n - off ) return -1;
    memcpy(buf, r->a + off, n);
    return 0;
  }
  return pread(r->fd, buf, n, (off_t)off)==(ssize_t)n ? 0 : -1;
}

/* Reads the zip64 values that a central entry marks with all-ones. */
static void zip64_extra(const unsigned char *p, size_t n,
                        uint64_t *pComp, uint64_t *pOff, uint64_t nUncomp32){
  while( n>=4 ){
    uint32_t id = get16(p), len = get16(p+2);
    if( len > n-4 ) return;
    if( id==0x0001 ){
      const unsigned char *q = p+4, *e = p+4+len;
      if( nUncomp32==0xffffffff && q+8<=e ) q += 8;
      if( *pComp==0xffffffff && q+8<=e ){ *pComp = get64(q); q += 8; }
      if( *pOff==0xffffffff && q+8<=e ){ *pOff = get64(q); }
      return;
    }
    p += 4+len;
    n -= 4+len;
  }
}

/* Fails when the data of two entries overlap, or reach into the central
** directory.  Each span runs from an entry's local header to the end of
** its compressed data. */
static int check_overlap(const Raw *f, long nEntry, Err *err){
  int rc = -1;
  Span *a = 0;
  unsigned char *cd = 0;
  unsigned char tail[65536+22];
  uint64_t nFile = f->n;
  if( nFile<22 ) goto done;
  size_t nTail = nFile < sizeof tail ? (size_t)nFile : sizeof tail;
  if( read_at(f, nFile-nTail, tail, nTail) ) goto done;
  long iEocd = -1;
  for(long i=(long)nTail-22; i>=0; i--){
    if( get32(tail+i)==0x06054b50 ){ iEocd = i; break; }
  }
  if( iEocd<0 ) goto done;
  uint64_t nCd = get32(tail+iEocd+12), iCd = get32(tail+iEocd+16);
  uint64_t iEocdAbs = nFile - nTail + (uint64_t)iEocd;
  if( (nCd==0xffffffff || iCd==0xffffffff) && iEocdAbs>=20 ){
    unsigned char loc[20], e64[56];
    if( read_at(f, iEocdAbs-20, loc, 20) || get32(loc)!=0x07064b50 ) goto done;
    if( read_at(f, get64(loc+8), e64, 56) || get32(e64)!=0x06064b50 ) goto done;
    nCd = get64(e64+40);
    iCd = get64(e64+48);
  }
  if( iCd > nFile || nCd > nFile-iCd || nCd > (64u<<20) ) goto done;
  cd = malloc(nCd ? nCd : 1);
  if( cd==0 || read_at(f, iCd, cd, nCd) ) goto done;
  a = malloc(sizeof a[0] * (size_t)(nEntry ? nEntry : 1));
  if( a==0 ) goto done;
  long n = 0;
  for(uint64_t p=0; n<nEntry && p+46<=nCd; n++){
    const unsigned char *e = cd+p;
    if( get32(e)!=0x02014b50 ) goto done;
    uint64_t nComp = get32(e+20), iOff = get32(e+42);
    uint32_t nName = get16(e+28), nExtra = get16(e+30), nComment = get16(e+32);
    if( p+46+nName+nExtra+nComment > nCd ) goto done;
    zip64_extra(e+46+nName, nExtra, &nComp, &iOff, get32(e+24));
    unsigned char lh[30];
    if( iOff > nFile || read_at(f, iOff, lh, 30) || get32(lh)!=0x04034b50 ) goto done;
    a[n].iStart = iOff;
    a[n].iEnd = iOff + 30 + get16(lh+26) + get16(lh+28) + nComp;
    p += 46 + nName + nExtra + nComment;
  }
  qsort(a, (size_t)n, sizeof a[0], span_cmp);
  rc = 0;
  for(long i=0; i<n; i++){
    uint64_t iLimit = i+1<n ? a[i+1].iStart : iCd;
    if( a[i].iEnd > iLimit ){
      rc = err_set(err, "corrupt zip archive: entries overlap (a zip bomb)");
      break;
    }
  }
done:
  if( rc && !err->set ) err_set(err, "corrupt zip archive: unreadable central directory");
  free(a);
  free(cd);
  return rc;
}

/* ------------------------------------------------------------- opening */

/* What a libzip error means to someone holding the file. */
static const char *zip_reason(int ze){
  switch( ze ){
    case ZIP_ER_NOZIP: case ZIP_ER_EOF: case ZIP_ER_SEEK: case ZIP_ER_READ:
      return "the file is cut short or damaged";
    case ZIP_ER_INCONS: return "its directory does not match its contents";
    case ZIP_ER_EXISTS: return "two entries have the same name";
    case ZIP_ER_ZLIB: case ZIP_ER_COMPRESSED_DATA: return "damaged compressed data";
    case ZIP_ER_CRC: return "damaged data (checksum mismatch)";
    case ZIP_ER_COMPNOTSUPP: return "an unsupported compression method";
    case ZIP_ER_ENCRNOTSUPP: case ZIP_ER_NOPASSWD: case ZIP_ER_WRONGPASSWD:
      return "encrypted entries";
    case ZIP_ER_MEMORY: return "out of memory";
  }
  return "unreadable archive";
}

static int name_cmp(const void *a, const void *b){
  return strcasecmp(*(const char *const*)a, *(const char *const*)b);
}

/* Fails on two entries whose names are equal ignoring ASCII case: a reader
** and a checker could otherwise see different parts under one name. */
static int check_names(zip_t *za, long nEntry, Err *err){
  const char **az = malloc(sizeof az[0] * (size_t)(nEntry ? nEntry : 1));
  if( az==0 ) return err_set(err, "out of memory");
  int rc = 0;
  for(long i=0; i<nEntry && rc==0; i++){
    az[i] = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
    if( az[i]==0 ) rc = err_set(err, "corrupt zip archive: unreadable entry name");
  }
  if( rc==0 ){
    qsort(az, (size_t)nEntry, sizeof az[0], name_cmp);
    for(long i=1; i<nEntry; i++){
      if( strcasecmp(az[i-1], az[i])==0 ){
        rc = err_set(err, "corrupt zip archive: the name %.100s occurs twice", az[i]);
        break;
      }
    }
  }
  free(az);
  return rc;
}

static int check_entries(zip_t *za, long nEntry, Err *err){
  for(long i=0; i<nEntry; i++){
    zip_stat_t st;
    if( zip_stat_index(za, (zip_uint64_t)i, 0, &st) ){
      return err_set(err, "corrupt zip archive: %s",
                     zip_reason(zip_error_code_zip(zip_get_error(za))));
    }
    if( (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method!=ZIP_EM_NONE ){
      return err_set(err, "password-protected document");
    }
  }
  return 0;
}

/* Opens the archive with libzip: from memory when raw->a is set, else
** through its own duplicate of raw->fd. */
static zip_t *libzip_open(const Raw *raw, Err *err){
  int ze = 0;
  zip_t *za = 0;
  if( raw->a ){
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *src = zip_source_buffer_create(raw->a, raw->n, 0, &e);
    if( src ) za = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &e);
    if( src && za==0 ) zip_source_free(src);
    ze = zip_error_code_zip(&e);
    zip_error_fini(&e);
  }else{
    int fdZip = dup(raw->fd);   /* libzip owns (and closes) its descriptor */
    if( fdZip<0 ){
      err_set(err, "cannot open the file");
      return 0;
    }
    za = zip_fdopen(fdZip, ZIP_CHECKCONS, &ze);
    if( za==0 ) close(fdZip);
  }
  if( za==0 ) err_set(err, "corrupt zip archive: %s", zip_reason(ze));
  return za;
}

int zipread_open_fd(int fd, const Limits *lim, ZipArchive **pp, Err *err){
  *pp = 0;
  struct stat st;
  if( fstat(fd, &st) ) return err_set(err, "cannot open the file");
  Raw raw = { fd, 0, (uint64_t)st.st_size };
  unsigned char *aFile = 0;
  if( raw.n <= ZIP_READ_WHOLE_MAX ){
    aFile = xrealloc(0, raw.n);
    if( pread(fd, aFile, raw.n, 0)!=(ssize_t)raw.n ){
      free(aFile);
      return err_set(err, "cannot read the file");
    }
    raw.a = aFile;
  }
  zip_t *za = libzip_open(&raw, err);
  if( za==0 ){
    free(aFile);
    return -1;
  }
  zip_int64_t nEntry = zip_get_num_entries(za, 0);
  int rc = 0;
  if( nEntry<0 || (zip_uint64_t)nEntry > lim->maxEntries ){
    rc = err_set(err, "corrupt zip archive: more than %u entries", lim->maxEntries);
  }
  if( rc==0 ) rc = check_names(za, (long)nEntry, err);
  if( rc==0 ) rc = check_entries(za, (long)nEntry, err);
  if( rc==0 ) rc = check_overlap(&raw, (long)nEntry, err);
  if( rc ){
    zip_discard(za);
    free(aFile);
    return -1;
  }
  ZipArchive *z = xrealloc(0, sizeof *z);
  z->za = za;
  z->lim = lim;
  z->nEntry = (long)nEntry;
  z->nTotal = 0;
  z->aFile = aFile;
  *pp = z;
  return 0;
}

int zipread_open(const char *path, const Limits *lim, ZipArchive **pp, Err *err){
  *pp = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if( fd<0 ) return err_set(err, "cannot open the file");
  int rc = zipread_open_fd(fd, lim, pp, err);
  close(fd);
  return rc;
}

void zipread_close(ZipArchive *z){
  if( z==0 ) return;
  zip_discard(z->za);
  free(z->aFile);   /* after libzip, which reads from it to the end */
  free(z);
}

long zipread_count(ZipArchive *z){ return z->nEntry; }

const char *zipread_name(ZipArchive *z, long i){
  const char *zName = zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
  return zName ? zName : "?";
}

long zipread_find(ZipArchive *z, const char *name){
  zip_int64_t i = zip_name_locate(z->za, name, ZIP_FL_ENC_RAW);
  if( i<0 ) i = zip_name_locate(z->za, name, ZIP_FL_ENC_RAW | ZIP_FL_NOCASE);
  return i<0 ? -1 : (long)i;
}

/* ------------------------------------------------------------- reading */

int zipread_stream_open(ZipArchive *z, long i, ZipStream **pp, Err *err){
  *pp = 0;
  zip_stat_t st;
  if( zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) ){
    return err_set(err, "corrupt zip archive: %s",
                   zip_reason(zip_error_code_zip(zip_get_error(z->za))));
  }
  if( st.comp_method!=ZIP_CM_STORE && st.comp_method!=ZIP_CM_DEFLATE ){
    return err_set(err, "corrupt zip archive: %s uses an unsupported compression method",
                   zipread_name(z, i));
  }
  zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
  if( f==0 ){
    return err_set(err, "corrupt zip archive: %s in %s",
                   zip_reason(zip_error_code_zip(zip_get_error(z->za))), zipread_name(z, i));
  }
  ZipStream *s = xrealloc(0, sizeof *s);
  s->z = z;
  s->f = f;
  s->zName = zipread_name(z, i);
  s->nComp = (size_t)st.comp_size;
  s->nRead = 0;
  s->err = err;
  *pp = s;
  return 0;
}

ssize_t zipread_stream_read(ZipStream *s, char *buf, size_t n){
  const Limits *lim = s->z->lim;
  zip_int64_t got = zip_fread(s->f, buf, n);
  if( got<0 ){
    return err_set(s->err, "corrupt zip archive: %s in %s",
                   zip_reason(zip_error_code_zip(zip_file_get_error(s->f))), s->zName);
  }
  s->nRead += (size_t)got;
  s->z->nTotal += (size_t)got;
  if( s->nRead > lim->maxEntryBytes ){
    return err_set(s->err, "document too large: %s expands beyond %zu MiB",
                   s->zName, lim->maxEntryBytes >> 20);
  }
  if( s->z->nTotal > lim->maxTotalBytes ){
    return err_set(s->err, "document too large: its parts expand beyond %zu MiB",
                   lim->maxTotalBytes >> 20);
  }
  if( s->nRead > lim->ratioGrace && s->nRead / lim->maxRatio > s->nComp ){
    return err_set(s->err, "zip bomb: %s inflates more than %u times its compressed size",
                   s->zName, lim->maxRatio);
  }
  return (ssize_t)got;
}

void zipread_stream_close(ZipStream *s){
  if( s==0 ) return;
  zip_fclose(s->f);
  free(s);
}

int zipread_read_all(ZipArchive *z, long i, size_t max, Buf *out, Err *err){
  ZipStream *s;
  if( zipread_stream_open(z, i, &s, err) ) return -1;
  int rc = 0;
  char buf[16384];
  for(;;){
    ssize_t n = zipread_stream_read(s, buf, sizeof buf);
    if( n<0 ){ rc = -1; break; }
    if( n==0 ) break;
    if( out->n + (size_t)n > max ){
      rc = err_set(err, "document too large: %s is larger than %zu KiB",
                   s->zName, max >> 10);
      break;
    }
    buf_append(out, buf, (size_t)n);
  }
  zipread_stream_close(s);
  return rc;
}
