/*
** import.c — workers prepare, one writer commits.  See import.h.
*/
#include "import.h"
#include "extract.h"
#include "infer.h"
#include "links.h"
#include "minutes.h"
#include "passage.h"
#include "sql.h"
#include "store.h"

#include <dirent.h>
#include <stddef.h>
#include <strings.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define QUEUE_MAX   256     /* prepared documents waiting: bounds memory */
#define BATCH_MAX   256     /* documents per commit */
#define BATCH_MS    500     /* ... or this long, whichever comes first */
#define MAX_TOPICS  256     /* topic names handed to inference */
#define OPTIMIZE_AFTER 1000 /* new documents after which the index is merged */

/* ------------------------------------------------------------ the files */

typedef struct FileList { char **az; uint64_t *aSize; long n, cap; } FileList;

static void files_add(FileList *l, const char *z, uint64_t nSize){
  if( l->n==l->cap ){
    l->cap = l->cap ? l->cap*2 : 64;
    l->az = xrealloc(l->az, l->cap * sizeof l->az[0]);
    l->aSize = xrealloc(l->aSize, l->cap * sizeof l->aSize[0]);
  }
  l->az[l->n] = xstrdup(z);
  l->aSize[l->n++] = nSize;
}

static int name_cmp(const void *a, const void *b){
  return strcmp(*(char *const*)a, *(char *const*)b);
}

/* Adds zPath, or the files under it when it is a folder, in name order.
** A folder is walked with an explicit stack of paths, not recursion.  The
** folder zSkip (the archive itself, when it lies inside) is not walked. */
static int files_collect(FileList *l, const char *zPath, const char *zSkip, Err *err){
  struct stat st;
  if( stat(zPath, &st) ) return err_set(err, "%s: %s", zPath, strerror(errno));
  if( !S_ISDIR(st.st_mode) ){
    files_add(l, zPath, (uint64_t)st.st_size);
    return 0;
  }
  FileList todo = { 0 };
  files_add(&todo, zPath, 0);
  /* the folders walked, by device and inode: a symbolic link back up the
  ** tree is not walked again */
  struct { dev_t dev; ino_t ino; } *aSeen = xrealloc(0, sizeof aSeen[0]);
  size_t nSeen = 0;
  if( stat(zSkip, &st)==0 ){
    aSeen[0].dev = st.st_dev;
    aSeen[0].ino = st.st_ino;
    nSeen = 1;
  }
  while( todo.n ){
    char *zDir = todo.az[--todo.n];
    int bSeen = stat(zDir, &st)!=0;
    for(size_t k=0; k<nSeen && !bSeen; k++){
      bSeen = aSeen[k].dev==st.st_dev && aSeen[k].ino==st.st_ino;
    }
    if( !bSeen ){
      aSeen = xrealloc(aSeen, (nSeen+1) * sizeof aSeen[0]);
      aSeen[nSeen].dev = st.st_dev;
      aSeen[nSeen++].ino = st.st_ino;
    }
    DIR *dir = bSeen ? 0 : opendir(zDir);
    if( dir==0 ){
      free(zDir);
      continue;
    }
    FileList here = { 0 };
    struct dirent *e;
    while( (e = readdir(dir))!=0 ){
      if( e->d_name[0]=='.' ) continue;   /* hidden, ".", ".." */
      Buf p = BUF_INIT;
      buf_appendf(&p, "%s/%s", zDir, e->d_name);
      files_add(&here, p.z, 0);
      buf_release(&p);
    }
    closedir(dir);
    free(zDir);
    qsort(here.az, (size_t)here.n, sizeof here.az[0], name_cmp);
    /* folders go on the stack in reverse, so they are walked in order */
    for(long i=here.n-1; i>=0; i--){
      if( stat(here.az[i], &st)==0 && S_ISDIR(st.st_mode) ) files_add(&todo, here.az[i], 0);
    }
    for(long i=0; i<here.n; i++){
      if( stat(here.az[i], &st)==0 && S_ISREG(st.st_mode) ){
        files_add(l, here.az[i], (uint64_t)st.st_size);
      }
      free(here.az[i]);
    }
    free(here.az);
    free(here.aSize);
  }
  free(todo.az);
  free(todo.aSize);
  free(aSeen);
  return 0;
}

static void files_free(FileList *l){
  for(long i=0; i<l->n; i++) free(l->az[i]);
  free(l->az);
  free(l->aSize);
}

/* --------------------------------------------------- preparing (workers) */

typedef struct Prepared {
  long iFile;
  char zSha[65];
  uint64_t nSize;
  char *zTmp;               /* the copy in originals/tmp; NULL once moved */
  Err err;                  /* set: the file failed */
  const char *zFormat;
  Inferred inf;
  char *zMeta;              /* extracted properties as JSON */
  PassageList passages;
  size_t nText;
  const char *zKind;        /* as given, else as inferred; NULL: unknown */
  int bMinutes;             /* m read (a kind that holds or prepares decisions) */
  Minutes m;
  int *aiPassage;           /* body block -> index in passages, or -1 */
  size_t nBlock;
  ImportStatus status;
  long long iDoc;
} Prepared;

typedef struct Import Import;
struct Import {
  Store *s;
  const ImportOpts *o;
  FileList files;
  const char *azTopic[MAX_TOPICS];
  int nTopic;
  long long iBodyFlag, iTopicFlag;  /* --body and --topic, resolved once */
  unsigned char aFanout[256];       /* originals/xx folders known to exist */
  char *zTmpDir;
  /* the work queue */
  pthread_mutex_t mu;
  pthread_cond_t cvFull, cvEmpty;
  long iNext;               /* next file to take */
  Prepared *aQueue[QUEUE_MAX];
  int nQueue;
  int nRunning;             /* workers still at work */
  int bStop;
  long nTmp;                /* for unique temp names */
};

static void prepared_free(Prepared *p){
  if( p==0 ) return;
  if( p->zTmp ) unlink(p->zTmp);
  free(p->zTmp);
  free(p->zMeta);
  passages_free(&p->passages);
  minutes_free(&p->m);
  free(p->aiPassage);
  free(p);
}

/* Copies zPath to a new temp file while hashing it.  The copy is not
** synced here: the writer syncs a whole batch at once. */
static int copy_and_hash(Import *im, const char *zPath, Prepared *p){
  int fdIn = open(zPath, O_RDONLY | O_CLOEXEC);
  if( fdIn<0 ) return err_internal(&p->err, "cannot open the file: %s", strerror(errno));
  /* a crashed import of a process with the same pid may have left the
  ** name: take the next one */
  Buf t = BUF_INIT;
  int fdOut;
  do{
    buf_reset(&t);
    pthread_mutex_lock(&im->mu);
    buf_appendf(&t, "%s/%ld-%ld.tmp", im->zTmpDir, (long)getpid(), im->nTmp++);
    pthread_mutex_unlock(&im->mu);
    fdOut = open(t.z, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  }while( fdOut<0 && errno==EEXIST );
  if( fdOut<0 ){
    close(fdIn);
    buf_release(&t);
    return err_internal(&p->err, "cannot write to the archive: %s", strerror(errno));
  }
  p->zTmp = buf_detach(&t, 0);
  int rc = 0, bWrite = 0;
  unsigned long long nSize = 0;
  if( store_hash_copy(fdIn, fdOut, p->zSha, &nSize, &bWrite) ){
    rc = bWrite ? err_internal(&p->err, "cannot write to the archive: %s", strerror(errno))
                : err_internal(&p->err, "cannot read the file: %s", strerror(errno));
  }
  p->nSize = nSize;
  if( close(fdOut) && rc==0 ) rc = err_internal(&p->err, "cannot write to the archive: %s", strerror(errno));
  close(fdIn);
  return rc;
}

static const char *display_name(const Import *im, long i){
  const char *z = im->o->azName ? im->o->azName[i] : im->files.az[i];
  const char *zBase = strrchr(z, '/');
  return zBase ? zBase+1 : z;
}

/* Kinds of document whose structure the minutes reader reads: minutes
** take decisions, an agenda or a memo proposes them. */
static int minutes_kind(const char *zKind){
  static const char *const az[] = { "verslag", "besluitenlijst", "actielijst", "agenda", "memo" };
  for(size_t i=0; zKind && i<sizeof az/sizeof az[0]; i++){
    if( strcmp(zKind, az[i])==0 ) return 1;
  }
  return 0;
}

/* The index in p->passages of the passage holding body block iBlock, -1
** when none does. */
static int passage_of(const Prepared *p, int iBlock){
  if( p->aiPassage==0 || iBlock<0 || (size_t)iBlock>=p->nBlock ) return -1;
  return p->aiPassage[iBlock];
}

/* Cuts d into passages and, for a kind of p->zKind that holds or
** prepares decisions, reads what the minutes say; the passages that state
** a decision get kind PASSAGE_DECISION.  The import and reading again
** (import_reread) share it, so both find the same. */
static void prepare_text(Prepared *p, const Doc *d){
  p->bMinutes = minutes_kind(p->zKind);
  if( p->bMinutes ){
    p->nBlock = d->body.n;
    p->aiPassage = xrealloc(0, (d->body.n+1) * sizeof p->aiPassage[0]);
  }
  passages_build_map(d, &p->passages, p->aiPassage);
  for(size_t k=0; k<p->passages.n; k++) p->nText += p->passages.a[k].nText;
  if( p->bMinutes ){
    Err e = ERR_INIT;
    minutes_read(d, p->zKind, &p->m, &e);
    /* the passages that state a decision rank above plain text */
    for(size_t k=0; k<p->m.decision.n; k++){
      int iPassage = passage_of(p, p->m.decision.a[k].iBlock);
      if( iPassage>=0 ) p->passages.a[iPassage].kind = PASSAGE_DECISION;
    }
  }
}

static Prepared *prepare(Import *im, long i){
  static const Limits lim = LIMITS_DEFAULT;
  Prepared *p = xrealloc(0, sizeof *p);
  memset(p, 0, sizeof *p);
  p->iFile = i;
  if( copy_and_hash(im, im->files.az[i], p) ) return p;
  Doc *d;
  if( extract_file(p->zTmp, &lim, &d, &p->err) ) return p;
  p->zFormat = doc_format_name(d->format);
  infer_document(d, display_name(im, i), im->azTopic, im->nTopic, &p->inf);
  Buf meta = BUF_INIT;
  doc_meta_json(d, &meta);
  p->zMeta = buf_detach(&meta, 0);
  p->zKind = im->o->zKind ? import_kind(im->o->zKind) : p->inf.zKind[0] ? p->inf.zKind : 0;
  prepare_text(p, d);
  doc_free(d);
  return p;
}

static void *worker(void *arg){
  Import *im = arg;
  for(;;){
    pthread_mutex_lock(&im->mu);
    long i = im->bStop ? im->files.n : im->iNext++;
    pthread_mutex_unlock(&im->mu);
    if( i>=im->files.n ) break;
    Prepared *p = prepare(im, i);
    pthread_mutex_lock(&im->mu);
    while( im->nQueue==QUEUE_MAX ) pthread_cond_wait(&im->cvFull, &im->mu);
    im->aQueue[im->nQueue++] = p;
    pthread_cond_signal(&im->cvEmpty);
    pthread_mutex_unlock(&im->mu);
  }
  pthread_mutex_lock(&im->mu);
  im->nRunning--;
  pthread_cond_signal(&im->cvEmpty);
  pthread_mutex_unlock(&im->mu);
  return 0;
}

/* Takes the next prepared document, waiting at most until msDeadline
** (CLOCK_REALTIME, ms).  NULL when the wait timed out or all is done
** (*pbDone set). */
static Prepared *queue_pop(Import *im, long long msDeadline, int *pbDone){
  Prepared *p = 0;
  pthread_mutex_lock(&im->mu);
  while( im->nQueue==0 && im->nRunning>0 ){
    struct timespec ts = { (time_t)(msDeadline/1000), (long)(msDeadline%1000)*1000000 };
    if( pthread_cond_timedwait(&im->cvEmpty, &im->mu, &ts)==ETIMEDOUT ) break;
  }
  if( im->nQueue ){
    p = im->aQueue[0];
    memmove(im->aQueue, im->aQueue+1, (size_t)(--im->nQueue) * sizeof im->aQueue[0]);
    pthread_cond_signal(&im->cvFull);
  }
  *pbDone = im->nQueue==0 && im->nRunning==0;
  pthread_mutex_unlock(&im->mu);
  return p;
}

static long long now_ms(void){
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec*1000 + ts.tv_nsec/1000000;
}

/* ------------------------------------------------------ writing (writer) */

#define BODY_CACHE 64

/* A person of the organisation, its name cut for matching attendees. */
typedef struct PersonKey {
  long long id;
  char zName[96];           /* folded words, one space apart: "j de vries" */
  char zSurname[80];        /* the words after the given name or initials */
  char cFirst;              /* first letter of the given name or initial, or 0 */
  char zOrg[64];            /* folded organisation name, or "" */
} PersonKey;

/* A name that says which topic an agenda item is about: a topic's name,
** or the name or full name of its BO or AO. */
typedef struct TopicKey {
  long long id;             /* the topic */
  char zKey[100];           /* folded, a space before and after: " bo wonen " */
} TopicKey;

typedef struct Writer {
  sqlite3 *db;
  struct { char zName[96]; long long id; } aBody[BODY_CACHE];  /* inferred bodies */
  int nBody;
  PersonKey *aPerson;       /* loaded on first use: the persons of the archive */
  int nPerson, bPersons;
  TopicKey *aTopicKey;      /* loaded on first use */
  int nTopicKey, bTopicKeys;
  sqlite3_stmt *stDup, *stDoc, *stPassage, *stFts, *stMeeting, *stMeetingNew,
               *stMeetingBody, *stVersion, *stAudit, *stBodyTopic, *stLastPassage,
               *stItem, *stAttend, *stDecision, *stAction, *stCommit, *stAdoption,
               *stAdopted, *stSetAdopted, *stLateAdopted, *stDoneEarlier, *stDoneLater;
  Links links;              /* references between meetings (links.c) */
  long long aLink[BODY_CACHE];  /* bodies with a new meeting in this batch */
  int nLink, bLinkAll;
} Writer;

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *z){
  if( z && z[0] ) sqlite3_bind_text(st, i, z, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

/* Runs a statement that yields at most one integer; returns it, 0 when
** there is no row, -1 on error.  Resets the statement. */
/* The integer zSql yields for the text ?1: 0 when no row, -1 on error. */
static long long lookup_id(sqlite3 *db, const char *zSql, const char *zArg){
  long long v;
  return sql_int(db, 0, &v, zSql, "t", zArg) ? -1 : v;
}

static long long topic_get_or_create(sqlite3 *db, const char *zTopic){
  long long id = lookup_id(db, "SELECT id FROM topic WHERE name=?1", zTopic);
  if( id==0 ) id = lookup_id(db, "INSERT INTO topic(name) VALUES(?1) RETURNING id", zTopic);
  return id;
}

/* The body named by kind and topic ("BO" + "Wonen" = "BO Wonen"),
** created with its topic when it is a BO or AO not yet known; an AO is
** linked to the BO of its topic, which it prepares. */
static long long body_get_or_create(sqlite3 *db, const char *zKind, const char *zTopic){
  int bTopical = strcmp(zKind, "BO")==0 || strcmp(zKind, "AO")==0;
  if( bTopical && (zTopic==0 || zTopic[0]==0) ) return 0;
  Buf name = BUF_INIT;
  if( bTopical ) buf_appendf(&name, "%s %s", zKind, zTopic);
  else buf_puts(&name, zKind);
  long long id = lookup_id(db, "SELECT id FROM body WHERE name=?1", name.z);
  if( id==0 && bTopical ){
    long long iTopic = topic_get_or_create(db, zTopic);
    sqlite3_stmt *st;
    if( iTopic>0 && sqlite3_prepare_v2(db,
        "INSERT INTO body(name, full_name, kind, topic_id) VALUES(?1, ?2, ?3, ?4) RETURNING id",
        -1, &st, 0)==SQLITE_OK ){
      Buf full = BUF_INIT;
      buf_appendf(&full, "%s %s", strcmp(zKind, "BO")==0 ? "Bestuurlijk Overleg"
                                                         : "Ambtelijk Overleg", zTopic);
      sqlite3_bind_text(st, 1, name.z, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, full.z, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, zKind, -1, SQLITE_STATIC);
      sqlite3_bind_int64(st, 4, iTopic);
      id = sql_step_id(st);
      sqlite3_finalize(st);
      buf_release(&full);
      sqlite3_exec(db, "UPDATE body SET prepares_id=(SELECT bo.id FROM body bo "
                       "WHERE bo.kind='BO' AND bo.topic_id=body.topic_id) "
                       "WHERE kind='AO' AND prepares_id IS NULL", 0, 0, 0);
    }
  }else if( id==0 ){
    id = lookup_id(db, "INSERT INTO body(name, kind) VALUES(?1, ?1) RETURNING id", name.z);
  }
  buf_release(&name);
  return id;
}

/* body_get_or_create() behind a small cache: an import meets the same
** few bodies thousands of times. */
static long long body_cached(Writer *w, const char *zKind, const char *zTopic){
  char zName[96];
  snprintf(zName, sizeof zName, "%s\x1f%s", zKind, zTopic);
  for(int i=0; i<w->nBody; i++){
    if( strcmp(w->aBody[i].zName, zName)==0 ) return w->aBody[i].id;
  }
  long long id = body_get_or_create(w->db, zKind, zTopic);
  if( id>0 && w->nBody<BODY_CACHE ){
    memcpy(w->aBody[w->nBody].zName, zName, sizeof zName);
    w->aBody[w->nBody++].id = id;
  }
  return id;
}

/* Notes that body iBody has a new meeting: its AO-BO links are made
** again before the batch commits (import_link_meetings). */
static void meeting_link_later(Writer *w, long long iBody){
  for(int i=0; i<w->nLink; i++){
    if( w->aLink[i]==iBody ) return;
  }
  if( w->nLink<BODY_CACHE ) w->aLink[w->nLink++] = iBody;
  else w->bLinkAll = 1;
}

static long long meeting_get_or_create(Writer *w, long long iBody, const char *zDate){
  sqlite3_bind_int64(w->stMeeting, 1, iBody);
  sqlite3_bind_text(w->stMeeting, 2, zDate, -1, SQLITE_TRANSIENT);
  long long id = sql_step_id(w->stMeeting);
  if( id!=0 ) return id;
  sqlite3_bind_text(w->stMeetingNew, 1, zDate, -1, SQLITE_TRANSIENT);
  id = sql_step_id(w->stMeetingNew);
  if( id<=0 ) return -1;
  sqlite3_bind_int64(w->stMeetingBody, 1, id);
  sqlite3_bind_int64(w->stMeetingBody, 2, iBody);
  if( sql_step_id(w->stMeetingBody)<0 ) return -1;
  meeting_link_later(w, iBody);
  return id;
}

/* The kinds a document can have, with the words that mean them. */
static const struct { const char *zWord, *zKind; } aKind[] = {
  { "agenda", "agenda" }, { "verslag", "verslag" }, { "notulen", "verslag" },
  { "besluitenlijst", "besluitenlijst" }, { "actielijst", "actielijst" },
  { "memo", "memo" }, { "notitie", "memo" }, { "startnotitie", "memo" },
  { "voorstel", "memo" }, { "brief", "brief" }, { "presentatie", "presentatie" },
  { "other", "other" }, { "overig", "other" },
};

const char *import_kind(const char *z){
  for(size_t i=0; i<sizeof aKind/sizeof aKind[0]; i++){
    if( strcasecmp(z, aKind[i].zWord)==0 ) return aKind[i].zKind;
  }
  return 0;
}

/* ------------------------------------------------- what minutes say */

/* z folded for comparing names: small ASCII letters and digits, accents
** of Latin-1 letters removed ("Öztürk" -> "ozturk"), every run of other
** characters one space, trimmed; cut to fit zOut[0..nOut). */
static void name_fold(const char *z, char *zOut, size_t nOut){
  size_t j = 0;
  int bSpace = 0;
  const char *zEnd = z + strlen(z);
  while( z<zEnd && j+1<nOut ){
    int c = infer_fold_next(&z, zEnd);
    if( !((c>='a' && c<='z') || (c>='0' && c<='9')) ){
      bSpace = j>0;
      continue;
    }
    if( bSpace ){
      zOut[j++] = ' ';
      bSpace = 0;
      if( j+1>=nOut ) break;
    }
    zOut[j++] = (char)c;
  }
  while( j>0 && zOut[j-1]==' ' ) j--;
  zOut[j] = 0;
}

/* Cuts a person's name into the first letter of its given name or first
** initial (0 when the name is a surname alone) and the surname: "J.M. de
** Vries" and "Jan de Vries" both give 'j' and "de vries".  Initials are
** the single letters that open the name; without them the first word is
** the given name when more words follow. */
static void name_key(const char *zName, char zFull[96], char zSurname[80], char *pcFirst){
  name_fold(zName, zFull, 96);
  const char *z = zFull;
  *pcFirst = 0;
  if( z[0] && (z[1]==' ' || z[1]==0) ){
    *pcFirst = z[0];
    while( z[0] && (z[1]==' ' || z[1]==0) ) z += z[1] ? 2 : 1;
  }else if( strchr(z, ' ') ){
    *pcFirst = z[0];
    z = strchr(z, ' ') + 1;
  }
  snprintf(zSurname, 80, "%s", z);
}

/* The organisation as written folded, without "gemeente" before it. */
static void org_fold(const char *zOrg, char zOut[64]){
  name_fold(zOrg ? zOrg : "", zOut, 64);
  if( strncmp(zOut, "gemeente ", 9)==0 ) memmove(zOut, zOut+9, strlen(zOut+9)+1);
}

static void persons_load(Writer *w){
  w->bPersons = 1;
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(w->db, "SELECT p.id, p.name, o.name FROM person p"
                         " LEFT JOIN organisation o ON o.id=p.organisation_id", -1, &st, 0) ){
    return;
  }
  int nAlloc = 0;
  while( sqlite3_step(st)==SQLITE_ROW ){
    if( w->nPerson==nAlloc ){
      nAlloc = nAlloc ? nAlloc*2 : 64;
      w->aPerson = xrealloc(w->aPerson, (size_t)nAlloc * sizeof w->aPerson[0]);
    }
    PersonKey *k = &w->aPerson[w->nPerson++];
    k->id = sqlite3_column_int64(st, 0);
    name_key((const char*)sqlite3_column_text(st, 1), k->zName, k->zSurname, &k->cFirst);
    org_fold((const char*)sqlite3_column_text(st, 2), k->zOrg);
  }
  sqlite3_finalize(st);
}

/* The person attendee a is, or 0 when no person or more than one fits:
** the surname must be the same, the given name or initials must agree
** where both are written, and the organisation where both name one.  A
** bare surname ("wethouder Bakker") fits only with the organisation. */
static long long person_match(Writer *w, const MinutesAttendee *a){
  if( !w->bPersons ) persons_load(w);
  char zName[96], zSurname[80], zOrg[64], cFirst;
  name_key(a->zName, zName, zSurname, &cFirst);
  org_fold(a->zOrg, zOrg);
  if( zSurname[0]==0 ) return 0;
  long long iFound = 0;
  int nFound = 0;
  for(int i=0; i<w->nPerson; i++){
    const PersonKey *k = &w->aPerson[i];
    if( strcmp(k->zSurname, zSurname)!=0 ) continue;
    int bOrgSame = zOrg[0] && k->zOrg[0] && strcmp(zOrg, k->zOrg)==0;
    if( zOrg[0] && k->zOrg[0] && !bOrgSame ) continue;
    if( cFirst && k->cFirst && cFirst!=k->cFirst ) continue;
    if( (cFirst==0 || k->cFirst==0) && !bOrgSame ) continue;
    if( nFound==0 || k->id!=iFound ) nFound++;
    iFound = k->id;
  }
  return nFound==1 ? iFound : 0;
}

static void topic_keys_load(Writer *w){
  w->bTopicKeys = 1;
  sqlite3_stmt *st = sql_prepare(w->db, 0,
    "SELECT topic_id, name FROM body WHERE kind IN ('BO','AO') AND topic_id NOT NULL"
    " UNION ALL SELECT topic_id, full_name FROM body"
    "  WHERE kind IN ('BO','AO') AND topic_id NOT NULL AND full_name NOT NULL"
    " UNION ALL SELECT id, name FROM topic", "");
  int nAlloc = 0;
  while( st && sqlite3_step(st)==SQLITE_ROW ){
    if( w->nTopicKey==nAlloc ){
      nAlloc = nAlloc ? nAlloc*2 : 64;
      w->aTopicKey = xrealloc(w->aTopicKey, (size_t)nAlloc * sizeof w->aTopicKey[0]);
    }
    TopicKey *k = &w->aTopicKey[w->nTopicKey];
    k->id = sqlite3_column_int64(st, 0);
    k->zKey[0] = ' ';
    name_fold((const char*)sqlite3_column_text(st, 1), k->zKey+1, sizeof k->zKey - 2);
    if( k->zKey[1]==0 ) continue;
    strcat(k->zKey, " ");
    w->nTopicKey++;
  }
  sqlite3_finalize(st);
}

/* The topic agenda item title zTitle names (whole words; of several the
** longest name: "BO Sociaal Domein" before "Sociaal Domein"), or 0. */
static long long item_topic(Writer *w, const char *zTitle){
  if( !w->bTopicKeys ) topic_keys_load(w);
  char zFold[300];
  zFold[0] = ' ';
  name_fold(zTitle, zFold+1, sizeof zFold - 2);
  strcat(zFold, " ");
  long long id = 0;
  size_t nBest = 0;
  for(int i=0; i<w->nTopicKey; i++){
    size_t n = strlen(w->aTopicKey[i].zKey);
    if( n>nBest && strstr(zFold, w->aTopicKey[i].zKey) ){
      id = w->aTopicKey[i].id;
      nBest = n;
    }
  }
  return id;
}

/* The ISO date of an action's due text ("31 mei 2015", "06-04-2015"),
** or "".  A date without a year lies ahead of the meeting (zDate, may be
** NULL): in its year, or the next when it would fall before it. */
static void due_date(const char *zDue, const char *zDate, char zIso[11]){
  char zEnd[16] = "";
  int y = zDate ? atoi(zDate) : 0;
  if( y<1 || y>9000 ) y = 0;
  if( y>0 ) snprintf(zEnd, sizeof zEnd, "%04d-12-31", y);
  infer_find_date(zDue, strlen(zDue), zEnd, zIso, 0, 0);
  if( y>0 && zIso[0] && atoi(zIso)==y && strcmp(zIso, zDate)<0 ){
    /* written without a year? then it is next year's */
    char zNo[11];
    if( infer_find_date(zDue, strlen(zDue), "", zNo, 0, 0) && zNo[0]==0 ){
      snprintf(zEnd, sizeof zEnd, "%04d-12-31", y+1);
      infer_find_date(zDue, strlen(zDue), zEnd, zIso, 0, 0);
    }
  }
}

/* The document the rows of a Prepared belong to. */
typedef struct MinutesDoc {
  long long iDoc, iBody;
  long long iTopic;         /* the document's topic, or 0: then each agenda
                            ** item gets the topic it names (item_topic) */
  const char *zDate;        /* the meeting's date, or NULL */
  const char *zKind;
  const long long *aiPassage;   /* passage ids, by index in p->passages */
} MinutesDoc;

static void bind_id_or_null(sqlite3_stmt *st, int i, long long id){
  if( id>0 ) sqlite3_bind_int64(st, i, id); else sqlite3_bind_null(st, i);
}

static long long passage_id_of(const Prepared *p, const MinutesDoc *md, int iBlock){
  int k = passage_of(p, iBlock);
  return k>=0 ? md->aiPassage[k] : 0;
}

/* Inserts what the minutes reader found in p: agenda items, attendance,
** decisions and proposals, actions, commitments and adoptions, each
** pointing at its passage; links adoptions to the minutes they adopt, and
** earlier actions to this document when it reports them done.  Runs in
** the document's savepoint.  Returns 0, or -1 on a database error. */
static int insert_minutes(Writer *w, const Prepared *p, const MinutesDoc *md){
  const Minutes *m = &p->m;
  long long *aItem = xrealloc(0, (m->item.n+1) * sizeof aItem[0]);
  int rc = 0;
  sqlite3_stmt *st;
  for(size_t i=0; i<m->item.n && rc==0; i++){
    const MinutesItem *it = &m->item.a[i];
    st = w->stItem;
    sqlite3_bind_int64(st, 1, md->iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_text(st, 3, it->zNr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, it->bNrWritten);
    sqlite3_bind_text(st, 5, it->zTitle, -1, SQLITE_STATIC);
    bind_id_or_null(st, 6, passage_id_of(p, md, it->iFirst));
    bind_id_or_null(st, 7, md->iTopic ? 0 : item_topic(w, it->zTitle));
    rc = sql_step_id(st)<0;
    aItem[i] = sqlite3_last_insert_rowid(w->db);
  }
#define ITEM_ID(k) ((k)>=0 && (size_t)(k)<m->item.n ? aItem[(k)] : 0)
  for(size_t i=0; i<m->att.n && rc==0; i++){
    const MinutesAttendee *a = &m->att.a[i];
    st = w->stAttend;
    sqlite3_bind_int64(st, 1, md->iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_text(st, 3, minutes_role_name(a->role), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->zName, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, a->zOrg, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, a->zFunction, -1, SQLITE_STATIC);
    bind_id_or_null(st, 7, person_match(w, a));
    rc = sql_step_id(st)<0;
  }
  size_t nDecision = m->decision.n + m->proposal.n;
  for(size_t i=0; i<nDecision && rc==0; i++){
    int bProposed = i>=m->decision.n;
    const MinutesDecision *dc = bProposed ? &m->proposal.a[i-m->decision.n] : &m->decision.a[i];
    st = w->stDecision;
    sqlite3_bind_int64(st, 1, md->iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_int(st, 3, bProposed);
    sqlite3_bind_text(st, 4, dc->zLabel, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, dc->zText, -1, SQLITE_STATIC);
    bind_id_or_null(st, 6, ITEM_ID(dc->iItem));
    bind_id_or_null(st, 7, passage_id_of(p, md, dc->iBlock));
    rc = sql_step_id(st)<0;
  }
  for(size_t i=0; i<m->action.n && rc==0; i++){
    const MinutesAction *a = &m->action.a[i];
    char zDue[11];
    due_date(a->zDue, md->zDate, zDue);
    long long iDoneIn = 0;
    if( md->iBody>0 && md->zDate ){
      /* an earlier action of this body that this list reports done */
      st = w->stDoneEarlier;
      sqlite3_bind_int64(st, 1, md->iDoc);
      sqlite3_bind_int64(st, 2, md->iBody);
      sqlite3_bind_text(st, 3, md->zDate, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 4, a->zNr, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 5, a->zText, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 6, a->zStatus, -1, SQLITE_STATIC);
      if( sql_step_id(st)<0 ){ rc = 1; break; }
      /* later minutes, stored before this one, that report it done */
      st = w->stDoneLater;
      sqlite3_bind_int64(st, 1, md->iBody);
      sqlite3_bind_text(st, 2, md->zDate, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 3, a->zNr, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 4, a->zText, -1, SQLITE_STATIC);
      iDoneIn = sql_step_id(st);
      if( iDoneIn<0 ){ rc = 1; break; }
    }
    st = w->stAction;
    sqlite3_bind_int64(st, 1, md->iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_text(st, 3, a->zNr, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->zText, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, a->zWho, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, a->zDue, -1, SQLITE_STATIC);
    bind_text_or_null(st, 7, zDue);
    sqlite3_bind_text(st, 8, a->zStatus, -1, SQLITE_STATIC);
    bind_id_or_null(st, 9, ITEM_ID(a->iItem));
    bind_id_or_null(st, 10, passage_id_of(p, md, a->iBlock));
    rc = sql_step_id(st)<0;
    if( rc==0 && iDoneIn>0 ){
      char zSql[96];
      snprintf(zSql, sizeof zSql, "UPDATE action_item SET done_in=%lld WHERE id=%lld",
               iDoneIn, (long long)sqlite3_last_insert_rowid(w->db));
      rc = sqlite3_exec(w->db, zSql, 0, 0, 0)!=SQLITE_OK;
    }
  }
  for(size_t i=0; i<m->commitment.n && rc==0; i++){
    const MinutesCommitment *c = &m->commitment.a[i];
    st = w->stCommit;
    sqlite3_bind_int64(st, 1, md->iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    sqlite3_bind_text(st, 3, c->zText, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, c->zWho, -1, SQLITE_STATIC);
    bind_id_or_null(st, 5, ITEM_ID(c->iItem));
    bind_id_or_null(st, 6, passage_id_of(p, md, c->iBlock));
    rc = sql_step_id(st)<0;
  }
  for(size_t i=0; i<m->adoption.n && rc==0; i++){
    const MinutesAdoption *a = &m->adoption.a[i];
    long long iAdopted = 0;
    if( md->iBody>0 && a->zDate[0] ){
      st = w->stAdopted;
      sqlite3_bind_int64(st, 1, md->iBody);
      sqlite3_bind_text(st, 2, a->zDate, -1, SQLITE_STATIC);
      sqlite3_bind_int64(st, 3, md->iDoc);
      iAdopted = sql_step_id(st);
      if( iAdopted<0 ){ rc = 1; break; }
      if( iAdopted>0 ){
        sqlite3_bind_int64(w->stSetAdopted, 1, iAdopted);
        if( sql_step_id(w->stSetAdopted)<0 ){ rc = 1; break; }
      }
    }
    st = w->stAdoption;
    sqlite3_bind_int64(st, 1, md->iDoc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    bind_text_or_null(st, 3, a->zDate);
    bind_id_or_null(st, 4, iAdopted);
    sqlite3_bind_int(st, 5, a->bChanged);
    bind_id_or_null(st, 6, passage_id_of(p, md, a->iBlock));
    rc = sql_step_id(st)<0;
  }
#undef ITEM_ID
  free(aItem);
  return rc ? -1 : 0;
}

/* Minutes iDoc of body iBody on zDate, stored after the document that
** adopted them: link the adoption, and the minutes are vastgesteld. */
static int adopted_later(Writer *w, long long iDoc, long long iBody, const char *zDate){
  sqlite3_stmt *st = w->stLateAdopted;
  sqlite3_bind_int64(st, 1, iDoc);
  sqlite3_bind_int64(st, 2, iBody);
  sqlite3_bind_text(st, 3, zDate, -1, SQLITE_STATIC);
  if( sql_step_id(st)<0 ) return -1;
  if( sqlite3_changes(w->db)==0 ) return 0;
  sqlite3_bind_int64(w->stSetAdopted, 1, iDoc);
  return sql_step_id(w->stSetAdopted)<0 ? -1 : 0;
}

int import_link_meetings(sqlite3 *db, long long iBody, Err *err){
  /* The AO meetings concerned: of AO iBody, or of the AOs preparing BO
  ** iBody; all when iBody is 0; not those whose link staff set. */
#define AO_MEETINGS \
  " FROM body ao JOIN meeting_body mb ON mb.body_id=ao.id JOIN meeting m ON m.id=mb.meeting_id" \
  " WHERE ao.kind='AO' AND (?1=0 OR ao.id=?1 OR ao.prepares_id=?1)" \
  " AND m.prepares_by IS NULL"   /* staff set its link: left alone */
  static const char *const azSql[] = {
    "DELETE FROM meeting_prepares WHERE how='next' AND ao_meeting_id IN (SELECT m.id"
    AO_MEETINGS ")",
    /* the rule */
    "INSERT OR IGNORE INTO meeting_prepares(ao_meeting_id, bo_meeting_id, how)"
    " SELECT ao_id, bo_id, 'next' FROM (SELECT m.id AS ao_id,"
    "  (SELECT m2.id FROM meeting_body mb2 JOIN meeting m2 ON m2.id=mb2.meeting_id"
    "   WHERE mb2.body_id=ao.prepares_id AND m2.date>=m.date AND m2.id<>m.id"
    "   ORDER BY m2.date, m2.id LIMIT 1) AS bo_id"
    AO_MEETINGS " AND ao.prepares_id IS NOT NULL"
    /* a document's explicit reference wins over the rule (links.c) */
    " AND NOT EXISTS(SELECT 1 FROM meeting_prepares r WHERE r.ao_meeting_id=m.id"
    "  AND r.how='reference'))"
    " WHERE bo_id IS NOT NULL",
  };
#undef AO_MEETINGS
  for(size_t i=0; i<sizeof azSql/sizeof azSql[0]; i++){
    sqlite3_stmt *st;
    if( sqlite3_prepare_v2(db, azSql[i], -1, &st, 0)!=SQLITE_OK ){
      return err_internal(err, "database error: %s", sqlite3_errmsg(db));
    }
    sqlite3_bind_int64(st, 1, iBody);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if( rc!=SQLITE_DONE ) return err_internal(err, "database error: %s", sqlite3_errmsg(db));
  }
  return 0;
}

/* Inserts the passages of document iDoc and their rows of the index
** (zTitle is the document's title, as the index holds it); aiPassage[k]
** gets the id of passage k.  Returns 0, or -1 on a database error. */
static int insert_passages(Writer *w, long long iDoc, const char *zTitle,
                           const PassageList *l, long long *aiPassage){
  for(size_t k=0; k<l->n; k++){
    const Passage *ps = &l->a[k];
    sqlite3_bind_int64(w->stPassage, 1, iDoc);
    sqlite3_bind_int64(w->stPassage, 2, (sqlite3_int64)k);
    sqlite3_bind_text(w->stPassage, 3, passage_kind_name(ps->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(w->stPassage, 4, ps->zHeading, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->stPassage, 5, ps->zText, (int)ps->nText, SQLITE_STATIC);
    /* the rowid, not RETURNING: this runs for every passage */
    if( sql_step_id(w->stPassage)<0 ) return -1;
    long long iPassage = sqlite3_last_insert_rowid(w->db);
    aiPassage[k] = iPassage;
    sqlite3_bind_int64(w->stFts, 1, iPassage);
    sqlite3_bind_text(w->stFts, 2, zTitle, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->stFts, 3, ps->zHeading, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->stFts, 4, ps->zText, (int)ps->nText, SQLITE_STATIC);
    if( sql_step_id(w->stFts)<0 ) return -1;
  }
  return 0;
}

/* Inserts one prepared document and its passages.  The caller holds a
** savepoint around it. */
static int insert_document(Writer *w, Import *im, Prepared *p, Err *err){
  const ImportOpts *o = im->o;
  const char *zDate = o->zDate ? o->zDate : p->inf.zDate;
  const char *zKind = o->zKind ? import_kind(o->zKind) : p->inf.zKind;
  long long iBody = 0, iTopic = 0, iMeeting = 0;
  if( im->iBodyFlag ){
    iBody = im->iBodyFlag;
  }else if( p->inf.zBodyKind[0] ){
    iBody = body_cached(w, p->inf.zBodyKind, p->inf.zTopic);
  }
  if( iBody<0 ) return sql_fail(w->db, err);
  if( im->iTopicFlag ){
    iTopic = im->iTopicFlag;
  }else if( iBody>0 ){
    sqlite3_bind_int64(w->stBodyTopic, 1, iBody);
    iTopic = sql_step_id(w->stBodyTopic);
  }
  if( iTopic<0 ) return sql_fail(w->db, err);
  if( iBody>0 && zDate && zDate[0] ){
    iMeeting = meeting_get_or_create(w, iBody, zDate);
    if( iMeeting<0 ) return sql_fail(w->db, err);
  }
  long long iPrev = 0;
  if( iMeeting>0 ){
    sqlite3_bind_int64(w->stVersion, 1, iMeeting);
    bind_text_or_null(w->stVersion, 2, zKind);
    sqlite3_bind_text(w->stVersion, 3, p->inf.zTitle, -1, SQLITE_TRANSIENT);
    iPrev = sql_step_id(w->stVersion);
  }
  sqlite3_stmt *st = w->stDoc;
  sqlite3_bind_text(st, 1, p->zSha, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, (sqlite3_int64)p->nSize);
  sqlite3_bind_text(st, 3, p->zFormat, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, display_name(im, p->iFile), -1, SQLITE_TRANSIENT);
  bind_text_or_null(st, 5, p->inf.zTitle);
  bind_text_or_null(st, 6, zKind);
  bind_text_or_null(st, 7, zDate);
  if( iMeeting>0 ) sqlite3_bind_int64(st, 8, iMeeting); else sqlite3_bind_null(st, 8);
  if( iBody>0 ) sqlite3_bind_int64(st, 9, iBody); else sqlite3_bind_null(st, 9);
  if( iTopic>0 ) sqlite3_bind_int64(st, 10, iTopic); else sqlite3_bind_null(st, 10);
  int bMinutesDoc = zKind && (strcmp(zKind, "verslag")==0 || strcmp(zKind, "besluitenlijst")==0
                              || strcmp(zKind, "actielijst")==0);
  bind_text_or_null(st, 11, !bMinutesDoc ? 0
                            : p->m.zAdopted[0] || p->m.bAdopted ? "vastgesteld" : "concept");
  sqlite3_bind_text(st, 12, p->zMeta, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 13, (sqlite3_int64)p->nText);
  bind_text_or_null(st, 14, o->zActor);
  if( iPrev>0 ) sqlite3_bind_int64(st, 15, iPrev); else sqlite3_bind_null(st, 15);
  long long iDoc = sql_step_id(st);
  if( iDoc<=0 ) return sql_fail(w->db, err);
  long long *aiPassage = xrealloc(0, (p->passages.n+1) * sizeof aiPassage[0]);
  if( insert_passages(w, iDoc, p->inf.zTitle, &p->passages, aiPassage) ){
    free(aiPassage);
    return sql_fail(w->db, err);
  }
  int rc = 0;
  if( p->bMinutes ){
    MinutesDoc md = { iDoc, iBody, iTopic, zDate && zDate[0] ? zDate : 0, zKind, aiPassage };
    rc = insert_minutes(w, p, &md);
  }
  if( rc==0 && iBody>0 && zDate && zDate[0] && bMinutesDoc ){
    rc = adopted_later(w, iDoc, iBody, zDate);
  }
  if( rc==0 && links_document(&w->links, iDoc, iBody, iMeeting, zDate,
                              p->bMinutes ? &p->m : 0, err) ){
    free(aiPassage);
    return -1;
  }
  free(aiPassage);
  if( rc ) return sql_fail(w->db, err);
  sqlite3_bind_text(w->stAudit, 1, o->zActor ? o->zActor : "cli", -1, SQLITE_STATIC);
  sqlite3_bind_int64(w->stAudit, 2, iDoc);
  sqlite3_bind_text(w->stAudit, 3, display_name(im, p->iFile), -1, SQLITE_TRANSIENT);
  if( sql_step_id(w->stAudit)<0 ) return sql_fail(w->db, err);
  p->iDoc = iDoc;
  return 0;
}

/* The statements the writer runs for every document, prepared once. */
static const SqlStmt aStmt[] = {
  { offsetof(Writer, stDup), "SELECT id FROM document WHERE sha256=?1" },
  { offsetof(Writer, stDoc),
    "INSERT INTO document(sha256, size, format, original_name, title, kind, date,"
    " meeting_id, body_id, topic_id, status, metadata, text_size, imported_at,"
    " imported_by, version_of)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,"
    " strftime('%Y-%m-%dT%H:%M:%SZ','now'),?14,?15) RETURNING id" },
  { offsetof(Writer, stPassage),
    "INSERT INTO passage(document_id, seq, kind, heading, text) VALUES(?1,?2,?3,?4,?5)" },
  { offsetof(Writer, stFts),
    "INSERT INTO passage_fts(rowid, title, heading, text) VALUES(?1,?2,?3,?4)" },
  { offsetof(Writer, stMeeting),
    "SELECT m.id FROM meeting m JOIN meeting_body mb ON mb.meeting_id=m.id"
    " WHERE mb.body_id=?1 AND m.date=?2 ORDER BY m.id LIMIT 1" },
  { offsetof(Writer, stMeetingNew), "INSERT INTO meeting(date) VALUES(?1) RETURNING id" },
  { offsetof(Writer, stMeetingBody),
    "INSERT INTO meeting_body(meeting_id, body_id) VALUES(?1,?2)" },
  { offsetof(Writer, stVersion),
    "SELECT id FROM document WHERE meeting_id=?1 AND kind IS ?2 AND title=?3"
    " ORDER BY id DESC LIMIT 1" },
  { offsetof(Writer, stAudit),
    "INSERT INTO audit(at, actor, action, object, detail)"
    " VALUES(strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, 'import', 'document:' || ?2, ?3)" },
  { offsetof(Writer, stBodyTopic), "SELECT topic_id FROM body WHERE id=?1 AND topic_id NOT NULL" },
  { offsetof(Writer, stLastPassage), "SELECT coalesce(max(id), 0) FROM passage" },
  { offsetof(Writer, stItem),
    "INSERT INTO agenda_item(document_id, seq, nr, nr_written, title, passage_id, topic_id)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7)" },
  { offsetof(Writer, stAttend),
    "INSERT INTO attendance(document_id, seq, role, name, organisation, function, person_id)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7)" },
  { offsetof(Writer, stDecision),
    "INSERT INTO decision(document_id, seq, proposed, label, text, agenda_item_id, passage_id)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7)" },
  { offsetof(Writer, stAction),
    "INSERT INTO action_item(document_id, seq, nr, text, who, due, due_date, status,"
    " agenda_item_id, passage_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)" },
  { offsetof(Writer, stCommit),
    "INSERT INTO commitment(document_id, seq, text, who, agenda_item_id, passage_id)"
    " VALUES(?1,?2,?3,?4,?5,?6)" },
  { offsetof(Writer, stAdoption),
    "INSERT INTO adoption(document_id, seq, adopted_date, adopted_document_id, changed,"
    " passage_id) VALUES(?1,?2,?3,?4,?5,?6)" },
  /* the minutes of body ?1 on ?2 that an adoption adopts: the verslag
  ** (else the besluitenlijst), its latest version */
  { offsetof(Writer, stAdopted),
    "SELECT id FROM document WHERE body_id=?1 AND date=?2 AND id<>?3"
    " AND kind IN ('verslag','besluitenlijst')"
    " ORDER BY kind='verslag' DESC, id DESC LIMIT 1" },
  { offsetof(Writer, stSetAdopted), "UPDATE document SET status='vastgesteld' WHERE id=?1" },
  /* minutes stored after the document that adopts them */
  { offsetof(Writer, stLateAdopted),
    "UPDATE adoption SET adopted_document_id=?1 WHERE adopted_document_id IS NULL"
    " AND adopted_date=?3 AND document_id IN (SELECT id FROM document WHERE body_id=?2)"
    " AND document_id<>?1" },
  /* an action of this body reported closed (status ?6): the earlier ones
  ** with its number (or, without one, its text) are done in document ?1 */
  { offsetof(Writer, stDoneEarlier),
    "UPDATE action_item SET done_in=?1 WHERE " MINUTES_STATUS_CLOSED("?6") " AND done_in IS NULL"
    " AND nr=?4 AND (?4<>'' OR lower(text)=lower(?5))"
    " AND (SELECT body_id=?2 AND date<?3 FROM document WHERE id=document_id)" },
  /* ... and an action stored after the later minutes that report it done */
  { offsetof(Writer, stDoneLater),
    "SELECT d.id FROM action_item a JOIN document d ON d.id=a.document_id"
    " WHERE a.nr=?3 AND (?3<>'' OR lower(a.text)=lower(?4))"
    /* "+": by the action's number, not by the body's many documents */
    " AND +d.body_id=?1 AND +d.date>?2 AND " MINUTES_STATUS_CLOSED("a.status")
    " ORDER BY d.date, d.id LIMIT 1" },
};

static int writer_open(Writer *w, sqlite3 *db, Err *err){
  memset(w, 0, sizeof *w);
  w->db = db;
  if( sql_prepare_all(db, w, aStmt, sizeof aStmt/sizeof aStmt[0], err) ) return -1;
  return links_open(&w->links, db, err);
}

static void writer_close(Writer *w){
  links_close(&w->links);
  sql_finalize_all(w, aStmt, sizeof aStmt/sizeof aStmt[0]);
  free(w->aPerson);
  free(w->aTopicKey);
}

/* Makes everything written to the file system holding zDir durable.  One
** syncfs for a whole batch instead of an fsync per file and folder: the
** guarantee is the same, the cost is paid once. */
static int sync_dir(const char *zDir, Err *err){
  int fd = open(zDir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if( fd<0 || syncfs(fd) ){
    if( fd>=0 ) close(fd);
    return err_internal(err, "cannot sync the archive: %s", strerror(errno));
  }
  close(fd);
  return 0;
}

/* Moves a batch's copies into originals/ (durably), then commits their
** rows: one transaction, one savepoint per document. */
static int batch_commit(Import *im, Writer *w, Prepared **a, int n, Err *err){
  Store *s = im->s;
  if( sync_dir(im->zTmpDir, err) ) return -1;
  Buf path = BUF_INIT;
  for(int i=0; i<n; i++){
    Prepared *p = a[i];
    if( p->err.set ) continue;
    sqlite3_bind_text(w->stDup, 1, p->zSha, -1, SQLITE_STATIC);
    long long iDup = sql_step_id(w->stDup);
    for(int j=0; j<i && iDup==0; j++){
      if( a[j]->status==IMPORT_NEW && !a[j]->err.set && strcmp(a[j]->zSha, p->zSha)==0 ) iDup = -2;
    }
    if( iDup!=0 ){
      p->status = IMPORT_DUPLICATE;
      p->iDoc = iDup;       /* -2: a file earlier in this batch; fixed below */
      continue;
    }
    buf_reset(&path);
    store_original_path(s, p->zSha, &path);
    unsigned iFan = (unsigned)strtoul((char[3]){ p->zSha[0], p->zSha[1], 0 }, 0, 16);
    if( !im->aFanout[iFan] ){
      char *zSlash = strrchr(path.z, '/');
      *zSlash = 0;
      if( mkdir(path.z, 0750) && errno!=EEXIST ){
        err_internal(&p->err, "cannot write to the archive: %s", strerror(errno));
        continue;
      }
      *zSlash = '/';
      im->aFanout[iFan] = 1;
    }
    /* An original is never overwritten.  The same bytes may be there
    ** without a row (left by an import that crashed): same hash, same
    ** bytes, so the copy is simply dropped. */
    if( renameat2(AT_FDCWD, p->zTmp, AT_FDCWD, path.z, RENAME_NOREPLACE) ){
      if( errno!=EEXIST ){
        err_internal(&p->err, "cannot write to the archive: %s", strerror(errno));
        continue;
      }
      unlink(p->zTmp);
    }
    free(p->zTmp);
    p->zTmp = 0;
  }
  buf_release(&path);
  if( sync_dir(im->zTmpDir, err) ) return -1;
  if( sqlite3_exec(w->db, "BEGIN IMMEDIATE", 0, 0, 0) ) return sql_fail(w->db, err);
  sqlite3_int64 iLastPassage = sql_step_id(w->stLastPassage);
  for(int i=0; i<n; i++){
    Prepared *p = a[i];
    if( p->err.set || p->status==IMPORT_DUPLICATE ) continue;
    sqlite3_exec(w->db, "SAVEPOINT doc", 0, 0, 0);
    if( insert_document(w, im, p, &p->err) ){
      sqlite3_exec(w->db, "ROLLBACK TO doc", 0, 0, 0);
      w->nBody = 0;   /* a body made in the savepoint is gone with it */
      /* no row refers to the original just moved in: take it out again */
      Buf orig = BUF_INIT;
      store_original_path(s, p->zSha, &orig);
      unlink(orig.z);
      buf_release(&orig);
    }
    sqlite3_exec(w->db, "RELEASE doc", 0, 0, 0);
  }
  int rc = store_link_municipalities(w->db, iLastPassage, err);
  for(int i=0; i<(w->bLinkAll ? 1 : w->nLink) && rc==0; i++){
    rc = import_link_meetings(w->db, w->bLinkAll ? 0 : w->aLink[i], err);
  }
  w->nLink = w->bLinkAll = 0;
  if( rc || sqlite3_exec(w->db, "COMMIT", 0, 0, 0) ){
    sql_fail(w->db, err);
    sqlite3_exec(w->db, "ROLLBACK", 0, 0, 0);
    return -1;
  }
  for(int i=0; i<n; i++){
    Prepared *p = a[i];
    if( p->status==IMPORT_DUPLICATE && p->iDoc==-2 ){
      for(int j=0; j<i; j++){
        if( strcmp(a[j]->zSha, p->zSha)==0 && a[j]->iDoc>0 ){ p->iDoc = a[j]->iDoc; break; }
      }
      if( p->iDoc<0 ) err_set(&p->err, "not stored: the same file earlier in this import failed");
    }
  }
  return 0;
}

static void report(Import *im, Prepared *p, ImportReport xReport, void *ctx, ImportStats *st){
  ImportResult r;
  r.zPath = im->files.az[p->iFile];
  r.zName = display_name(im, p->iFile);
  r.status = p->err.set ? IMPORT_FAILED : p->status;
  r.iDoc = p->iDoc;
  r.zReason = p->err.set ? p->err.msg : 0;
  r.bInternal = p->err.set && p->err.internal;
  st->nFile++;
  st->nByte += im->files.aSize[p->iFile];
  if( r.status==IMPORT_NEW ) st->nNew++;
  else if( r.status==IMPORT_DUPLICATE ) st->nDup++;
  else st->nFail++;
  if( xReport ) xReport(ctx, &r, st);
}

/* True when z is a real day written YYYY-MM-DD: exactly that shape, all
** digits, a month of the year and a day of that month. */
static int date_valid(const char *z){
  static const char zShape[] = "dddd-dd-dd";
  static const int aDay[] = { 31,28,31,30,31,30,31,31,30,31,30,31 };
  if( strlen(z)!=10 ) return 0;
  for(int i=0; i<10; i++){
    if( zShape[i]=='d' ? (z[i]<'0' || z[i]>'9') : z[i]!='-' ) return 0;
  }
  int y = atoi(z), m = atoi(z+5), d = atoi(z+8);
  if( m<1 || m>12 || d<1 ) return 0;
  int bLeap = y%4==0 && (y%100!=0 || y%400==0);
  return d <= aDay[m-1] + (m==2 && bLeap);
}

/* Checks the flags before any file is touched: a wrong flag would
** otherwise fail every file the same way. */
static int check_flags(sqlite3 *db, Import *im, Err *err){
  const ImportOpts *o = im->o;
  if( o->zDate && !date_valid(o->zDate) ){
    return err_set(err, "bad date \"%s\": use YYYY-MM-DD", o->zDate);
  }
  if( o->zKind && import_kind(o->zKind)==0 ){
    return err_set(err, "unknown kind \"%s\": use agenda, verslag, besluitenlijst, "
                   "actielijst, memo, brief, presentatie or other", o->zKind);
  }
  if( o->zBody
   && (im->iBodyFlag = lookup_id(db, "SELECT id FROM body WHERE name=?1 OR full_name=?1",
                                 o->zBody))<=0 ){
    return err_set(err, "unknown body \"%s\" (\"overleg org export\" lists the bodies)", o->zBody);
  }
  if( o->zTopic
   && (im->iTopicFlag = lookup_id(db, "SELECT id FROM topic WHERE name=?1", o->zTopic))<=0 ){
    return err_set(err, "unknown topic \"%s\" (\"overleg org export\" lists the topics)", o->zTopic);
  }
  return 0;
}

/* Topic names for inference, from the archive (owned by the caller). */
static int load_topics(sqlite3 *db, Import *im){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, "SELECT name FROM topic ORDER BY length(name) DESC", -1, &st, 0) ){
    return -1;
  }
  while( im->nTopic<MAX_TOPICS && sqlite3_step(st)==SQLITE_ROW ){
    im->azTopic[im->nTopic++] = xstrdup((const char*)sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return 0;
}

int import_run(Store *s, char **azPath, int nPath, const ImportOpts *o,
               ImportReport xReport, void *ctx, ImportStats *st, Err *err){
  Import im;
  memset(&im, 0, sizeof im);
  memset(st, 0, sizeof *st);
  im.s = s;
  im.o = o;
  sqlite3 *db = store_db(s);
  if( check_flags(db, &im, err) ) return -1;
  for(int i=0; i<nPath; i++){
    if( files_collect(&im.files, azPath[i], store_dir(s), err) ){
      files_free(&im.files);
      return -1;
    }
  }
  st->nTotal = im.files.n;
  for(long i=0; i<im.files.n; i++) st->nByteTotal += im.files.aSize[i];
  Buf t = BUF_INIT;
  buf_appendf(&t, "%s/originals/tmp", store_dir(s));
  im.zTmpDir = buf_detach(&t, 0);
  Writer w;
  int rc = 0;
  if( (mkdir(im.zTmpDir, 0750) && errno!=EEXIST) ){
    rc = err_internal(err, "cannot write to the archive: %s", strerror(errno));
  }
  if( rc==0 ) rc = writer_open(&w, db, err);
  if( rc==0 ) load_topics(db, &im);
  int nThread = o->nThread>0 ? o->nThread : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if( nThread<1 ) nThread = 1;
  if( nThread>16 ) nThread = 16;
  pthread_t aThread[16];
  pthread_mutex_init(&im.mu, 0);
  pthread_cond_init(&im.cvFull, 0);
  pthread_cond_init(&im.cvEmpty, 0);
  if( rc==0 ){
    im.nRunning = nThread;
    for(int i=0; i<nThread; i++) pthread_create(&aThread[i], 0, worker, &im);
    Prepared *aBatch[BATCH_MAX];
    int nBatch = 0, bDone = 0;
    long long msDeadline = now_ms() + BATCH_MS;
    while( !bDone || nBatch ){
      Prepared *p = bDone ? 0 : queue_pop(&im, msDeadline, &bDone);
      if( p ) aBatch[nBatch++] = p;
      if( nBatch==BATCH_MAX || (nBatch && (bDone || now_ms()>=msDeadline)) ){
        if( rc==0 && batch_commit(&im, &w, aBatch, nBatch, err) ){
          rc = -1;
          pthread_mutex_lock(&im.mu);
          im.bStop = 1;
          pthread_mutex_unlock(&im.mu);
        }
        for(int i=0; i<nBatch; i++){
          if( rc==0 ) report(&im, aBatch[i], xReport, ctx, st);
          prepared_free(aBatch[i]);
        }
        nBatch = 0;
      }
      if( nBatch==0 ) msDeadline = now_ms() + BATCH_MS;
    }
    for(int i=0; i<nThread; i++) pthread_join(aThread[i], 0);
    writer_close(&w);
    /* A large import leaves the index in many segments, and every search
    ** then reads each of them: merge them into one (seconds for 100,000
    ** documents; measured: p50 of the search benchmark 6 ms -> 4 ms). */
    if( rc==0 && st->nNew>=OPTIMIZE_AFTER ){
      sqlite3_exec(db, "INSERT INTO passage_fts(passage_fts) VALUES('optimize')", 0, 0, 0);
    }
  }
  pthread_mutex_destroy(&im.mu);
  pthread_cond_destroy(&im.cvFull);
  pthread_cond_destroy(&im.cvEmpty);
  for(int i=0; i<im.nTopic; i++) free((char*)im.azTopic[i]);
  free(im.zTmpDir);
  files_free(&im.files);
  if( rc ) return -1;
  return st->nFail ? 1 : 0;
}

/* ------------------------------------------------------ reading again */

static char *col_dup(sqlite3_stmt *st, int i){
  const char *z = (const char*)sqlite3_column_text(st, i);
  return z ? xstrdup(z) : 0;
}

/* The stored document read again. */
typedef struct RereadDoc {
  long long iDoc, iBody, iMeeting, iTopic;
  char *zSha, *zTitle, *zKind, *zDate, *zName;
} RereadDoc;

static void reread_doc_clear(RereadDoc *rd){
  free(rd->zSha);
  free(rd->zTitle);
  free(rd->zKind);
  free(rd->zDate);
  free(rd->zName);
  memset(rd, 0, sizeof *rd);
}

/* Loads document iDoc: 1 found, 0 no such document, -1 database error. */
static int reread_doc_load(sqlite3 *db, long long iDoc, RereadDoc *rd){
  memset(rd, 0, sizeof *rd);
  sqlite3_stmt *st = sql_prepare(db, 0, "SELECT sha256, coalesce(title, ''), kind, date,"
                                 " original_name, coalesce(body_id, 0), coalesce(meeting_id, 0),"
                                 " coalesce(topic_id, 0) FROM document WHERE id=?1", "i", iDoc);
  if( st==0 ) return -1;
  int rc = sqlite3_step(st);
  if( rc==SQLITE_ROW ){
    rd->iDoc = iDoc;
    rd->zSha = col_dup(st, 0);
    rd->zTitle = col_dup(st, 1);
    rd->zKind = col_dup(st, 2);
    rd->zDate = col_dup(st, 3);
    rd->zName = col_dup(st, 4);
    rd->iBody = sqlite3_column_int64(st, 5);
    rd->iMeeting = sqlite3_column_int64(st, 6);
    rd->iTopic = sqlite3_column_int64(st, 7);
  }
  sqlite3_finalize(st);
  return rc==SQLITE_ROW ? 1 : rc==SQLITE_DONE ? 0 : -1;
}

/* Reads the original of rd into p (passages and what the minutes say),
** after checking that its bytes are still those of its SHA-256: an
** original changed on disk is evidence lost, not a document to read.
** Returns 0, or -1 with p->err set. */
static int reread_extract(Store *s, const RereadDoc *rd, Prepared *p){
  static const Limits lim = LIMITS_DEFAULT;
  Buf path = BUF_INIT;
  store_original_path(s, rd->zSha, &path);
  int rc = 0;
  int fd = open(path.z, O_RDONLY | O_CLOEXEC);
  if( fd<0 ){
    rc = err_internal(&p->err, "cannot open the original: %s", strerror(errno));
  }else{
    char zHex[65];
    int r = store_hash_copy(fd, -1, zHex, 0, 0), e = errno;
    close(fd);
    if( r ){
      rc = err_internal(&p->err, "cannot read the original: %s", strerror(e));
    }else if( strcmp(zHex, rd->zSha)!=0 ){
      rc = err_set(&p->err, "the original was changed on disk (its SHA-256 differs):"
                   " see \"overleg check\"");
    }
  }
  Doc *d = 0;
  if( rc==0 && extract_file(path.z, &lim, &d, &p->err) ) rc = -1;
  buf_release(&path);
  if( rc ) return -1;
  p->zKind = rd->zKind;
  prepare_text(p, d);
  doc_free(d);
  return 0;
}

/* Rows of decision, action_item and attendance of document iDoc. */
static void reread_counts(sqlite3 *db, long long iDoc, long an[3]){
  static const char *const azSql[3] = {
    "SELECT count(*) FROM decision WHERE document_id=?1",
    "SELECT count(*) FROM action_item WHERE document_id=?1",
    "SELECT count(*) FROM attendance WHERE document_id=?1",
  };
  for(int i=0; i<3; i++){
    long long n;
    an[i] = sql_int(db, 0, &n, azSql[i], "i", iDoc) ? -1 : (long)n;
  }
}

/* The passages of p are those stored for iDoc (count, heading, text):
** 1 with aiPassage filled with their ids, 0 not, -1 database error. */
static int passages_same(sqlite3 *db, long long iDoc, const Prepared *p, long long *aiPassage){
  sqlite3_stmt *st;
  if( sqlite3_prepare_v2(db, "SELECT id, heading, text FROM passage WHERE document_id=?1"
                         " ORDER BY seq", -1, &st, 0) ){
    return -1;
  }
  sqlite3_bind_int64(st, 1, iDoc);
  size_t n = 0;
  int bSame = 1, rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    if( n>=p->passages.n ){
      bSame = 0;
      break;
    }
    const Passage *ps = &p->passages.a[n];
    const char *zHead = (const char*)sqlite3_column_text(st, 1);
    const void *pText = sqlite3_column_blob(st, 2);
    size_t nText = (size_t)sqlite3_column_bytes(st, 2);
    if( strcmp(zHead ? zHead : "", ps->zHeading)!=0 || nText!=ps->nText
     || (nText && memcmp(pText, ps->zText, nText)!=0) ){
      bSame = 0;
      break;
    }
    aiPassage[n++] = sqlite3_column_int64(st, 0);
  }
  int bErr = rc!=SQLITE_ROW && rc!=SQLITE_DONE;
  sqlite3_finalize(st);
  if( bErr ) return -1;
  return bSame && n==p->passages.n;
}

/* What hangs on the rows a new reading replaces, kept for the length of
** one document in temporary tables: its decisions as they were (with the
** text of their passage and their agenda item, which a rebuild deletes;
** "keep": removed by staff, ratify or reference set, or ratifications
** recorded), and the person matches staff set.  Then the rows step aside
** or go.  ?1 the document. */
static const char *const azRereadBefore[] = {
  "CREATE TEMP TABLE IF NOT EXISTS reread_decision(id INTEGER PRIMARY KEY, staff, keep,"
  " text, ptext, item_nr, item_title)",
  "CREATE TEMP TABLE IF NOT EXISTS reread_match(name, organisation, role, person_id, person_by)",
  "CREATE TEMP TABLE IF NOT EXISTS reread_seq(old_id INTEGER PRIMARY KEY, new_id, seq,"
  " proposed, label, item, passage)",
  "DELETE FROM temp.reread_decision",
  "DELETE FROM temp.reread_match",
  "DELETE FROM temp.reread_seq",
  "INSERT INTO temp.reread_decision SELECT x.id, x.source='staff',"
  " x.removed<>0 OR x.ratify IS NOT NULL OR x.refers_by IS NOT NULL OR EXISTS(SELECT 1 FROM ratification r"
  "  WHERE r.decision_id=x.id), x.text, p.text, ai.nr, ai.title FROM decision x"
  " LEFT JOIN passage p ON p.id=x.passage_id LEFT JOIN agenda_item ai ON ai.id=x.agenda_item_id"
  " WHERE x.document_id=?1",
  "INSERT INTO temp.reread_match SELECT name, organisation, role, person_id, person_by"
  " FROM attendance WHERE document_id=?1 AND person_by IS NOT NULL",
  /* the decisions step aside: seq is unique per document */
  "UPDATE decision SET seq=-id WHERE document_id=?1",
  "DELETE FROM agenda_item WHERE document_id=?1",
  "DELETE FROM attendance WHERE document_id=?1",
  "DELETE FROM action_item WHERE document_id=?1",
  "DELETE FROM commitment WHERE document_id=?1",
  "DELETE FROM adoption WHERE document_id=?1",
};

/* After the new reading's rows are in (seq>=0; the old decisions have
** seq<0).  ?1 the document, ?2 1 when its passages were kept. */
static const char *const azRereadAfter[] = {
  /* a new decision that was there before (same text, on a passage of the
  ** same text; the k-th of a kind pairs with the k-th) is the old row,
  ** which keeps its id and all that hangs on it */
  "INSERT INTO temp.reread_seq SELECT o.id, n.id, n.seq, n.proposed, n.label,"
  " n.agenda_item_id, n.passage_id"
  " FROM (SELECT x.id, x.seq, x.proposed, x.label, x.agenda_item_id, x.passage_id, x.text,"
  "   p.text AS ptext, row_number() OVER (PARTITION BY x.text, p.text ORDER BY x.seq) AS k"
  "   FROM decision x LEFT JOIN passage p ON p.id=x.passage_id"
  "   WHERE x.document_id=?1 AND x.seq>=0) n"
  " JOIN (SELECT id, text, ptext,"
  "   row_number() OVER (PARTITION BY text, ptext ORDER BY id) AS k"
  "   FROM temp.reread_decision WHERE NOT staff) o"
  " ON o.text=n.text AND o.ptext IS n.ptext AND o.k=n.k",
  "DELETE FROM decision WHERE id IN (SELECT new_id FROM temp.reread_seq)",
  "UPDATE decision SET seq=r.seq, proposed=r.proposed, label=r.label, agenda_item_id=r.item,"
  " passage_id=r.passage FROM temp.reread_seq r WHERE decision.id=r.old_id",
  /* the rest: a recognised one nothing hangs on goes; staff rows and
  ** the others stay, after the recognised ones, on the agenda item and
  ** the passage of the same text */
  "DELETE FROM decision WHERE document_id=?1 AND seq<0"
  " AND id IN (SELECT id FROM temp.reread_decision WHERE NOT staff AND NOT keep)",
  "DELETE FROM temp.reread_seq",
  "INSERT INTO temp.reread_seq(old_id, seq) SELECT id, (SELECT coalesce(max(seq), -1)"
  " FROM decision WHERE document_id=?1 AND seq>=0) + row_number() OVER (ORDER BY id)"
  " FROM decision WHERE document_id=?1 AND seq<0",
  "UPDATE decision SET seq=r.seq,"
  " agenda_item_id=(SELECT ai.id FROM agenda_item ai WHERE ai.document_id=?1"
  "  AND ai.nr=o.item_nr AND ai.title=o.item_title ORDER BY ai.seq LIMIT 1),"
  " passage_id=CASE WHEN ?2 THEN decision.passage_id ELSE (SELECT p.id FROM passage p"
  "  WHERE p.document_id=?1 AND p.text=o.ptext ORDER BY p.seq LIMIT 1) END"
  " FROM temp.reread_seq r JOIN temp.reread_decision o ON o.id=r.old_id"
  " WHERE decision.id=r.old_id",
  /* the person matches staff set, on the rows of the same name,
  ** organisation and role */
  "UPDATE attendance SET person_id=m.person_id, person_by=m.person_by"
  " FROM temp.reread_match m WHERE attendance.document_id=?1 AND attendance.name=m.name"
  " AND attendance.organisation=m.organisation AND attendance.role=m.role",
};

/* Runs the statements a[0..n) with ?1 iDoc and ?2 bKept.  0, or -1. */
static int run_all(sqlite3 *db, const char *const *a, size_t n, long long iDoc, int bKept){
  for(size_t i=0; i<n; i++){
    if( sql_exec(db, 0, a[i], "ii", iDoc, (long long)bKept) ) return -1;
  }
  return 0;
}

/* Makes the rows of rd again from p, in the caller's transaction (see
** import_reread).  Returns 0, or -1 on a database error. */
static int reread_write(Writer *w, const RereadDoc *rd, Prepared *p, const char *zActor,
                        RereadResult *res){
  sqlite3 *db = w->db;
  long long iDoc = rd->iDoc;
  long long *aiPassage = xrealloc(0, (p->passages.n+1) * sizeof aiPassage[0]);
  reread_counts(db, iDoc, res->anBefore);
  int bSame = passages_same(db, iDoc, p, aiPassage);
  int rc = bSame<0
    || run_all(db, azRereadBefore, sizeof azRereadBefore/sizeof azRereadBefore[0], iDoc, 0);
  res->bPassages = bSame==0;
  if( rc==0 && bSame ){
    /* the same passages: only which of them state a decision may change */
    sqlite3_int64 nBefore = sqlite3_total_changes64(db);
    for(size_t k=0; k<p->passages.n && rc==0; k++){
      rc = sql_exec(db, 0, "UPDATE passage SET kind=?1 WHERE id=?2 AND kind<>?1", "ti",
                   passage_kind_name(p->passages.a[k].kind), aiPassage[k]);
    }
    /* a decision ranks higher: search must see it */
    if( rc==0 && sqlite3_total_changes64(db)!=nBefore ) rc = store_search_changed(db, 0);
  }else if( rc==0 ){
    /* other passages: the index rows go with the old ones (an external
    ** content index is told the values it indexed) */
    Err e = ERR_INIT;
    rc = sql_exec(db, 0, "INSERT INTO passage_fts(passage_fts, rowid, title, heading, text)"
                 " SELECT 'delete', p.id, coalesce(d.title, ''), p.heading, p.text"
                 " FROM passage p JOIN document d ON d.id=p.document_id WHERE p.document_id=?1",
                 "i", iDoc)
      || sql_exec(db, 0, "DELETE FROM passage WHERE document_id=?1", "i", iDoc)
      || sql_exec(db, 0, "DELETE FROM document_municipality WHERE document_id=?1", "i", iDoc);
    long long iLast = rc ? -1 : sql_step_id(w->stLastPassage);
    rc = rc || iLast<0
      || insert_passages(w, iDoc, rd->zTitle, &p->passages, aiPassage)
      || sql_exec(db, 0, "UPDATE document SET text_size=?2 WHERE id=?1", "ii", iDoc, (long long)p->nText)
      || store_link_municipalities(db, iLast, &e);
  }
  if( rc==0 && p->bMinutes ){
    MinutesDoc md = { iDoc, rd->iBody, rd->iTopic, rd->zDate && rd->zDate[0] ? rd->zDate : 0,
                      rd->zKind, aiPassage };
    rc = insert_minutes(w, p, &md);
  }
  if( rc==0 ){
    rc = run_all(db, azRereadAfter, sizeof azRereadAfter/sizeof azRereadAfter[0], iDoc, bSame==1);
  }
  /* the decisions' references, numbered as insert_minutes numbered them */
  if( rc==0 ){
    Err e = ERR_INIT;
    rc = links_document(&w->links, iDoc, rd->iBody, rd->iMeeting, rd->zDate,
                        p->bMinutes ? &p->m : 0, &e)!=0;
  }
  /* minutes adopted: by a later document, or they say so themselves */
  const char *zKind = rd->zKind;
  int bMinutesDoc = zKind && (strcmp(zKind, "verslag")==0 || strcmp(zKind, "besluitenlijst")==0
                              || strcmp(zKind, "actielijst")==0);
  if( rc==0 && bMinutesDoc && rd->iBody>0 && rd->zDate && rd->zDate[0] ){
    rc = adopted_later(w, iDoc, rd->iBody, rd->zDate)!=0;
  }
  if( rc==0 && bMinutesDoc && (p->m.zAdopted[0] || p->m.bAdopted) ){
    rc = sql_exec(db, 0, "UPDATE document SET status='vastgesteld' WHERE id=?1", "i", iDoc);
  }
  if( rc==0 ){
    reread_counts(db, iDoc, res->anAfter);
    json_t *pDetail = json_pack("{s[ii]s[ii]s[ii]ss}",
      "decisions", (json_int_t)res->anBefore[0], (json_int_t)res->anAfter[0],
      "actions", (json_int_t)res->anBefore[1], (json_int_t)res->anAfter[1],
      "attendees", (json_int_t)res->anBefore[2], (json_int_t)res->anAfter[2],
      "passages", res->bPassages ? "rebuilt" : "kept");
    char *zDetail = pDetail ? json_dumps(pDetail, JSON_COMPACT) : 0;
    json_decref(pDetail);
    char zObject[40];
    snprintf(zObject, sizeof zObject, "document:%lld", iDoc);
    rc = store_audit(db, 0, zActor ? zActor : "cli", "document.reread", zObject, zDetail);
    free(zDetail);
  }
  free(aiPassage);
  return rc ? -1 : 0;
}

/* The ids of all documents, in order; *pn how many.  NULL on error. */
static long long *all_documents(sqlite3 *db, long *pn){
  sqlite3_stmt *st;
  *pn = 0;
  if( sqlite3_prepare_v2(db, "SELECT id FROM document ORDER BY id", -1, &st, 0) ) return 0;
  long long *a = xrealloc(0, sizeof a[0]);
  long nAlloc = 1;
  int rc;
  while( (rc = sqlite3_step(st))==SQLITE_ROW ){
    if( *pn==nAlloc ){
      nAlloc *= 2;
      a = xrealloc(a, (size_t)nAlloc * sizeof a[0]);
    }
    a[(*pn)++] = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  if( rc!=SQLITE_DONE ){
    free(a);
    return 0;
  }
  return a;
}

int import_reread(Store *s, const long long *aiDoc, long nDoc, const char *zActor,
                  RereadReport xReport, void *ctx, Err *err){
  sqlite3 *db = store_db(s);
  long long *aAll = 0;
  if( aiDoc==0 ){
    aAll = all_documents(db, &nDoc);
    if( aAll==0 ) return err_internal(err, "database error: %s", sqlite3_errmsg(db));
    aiDoc = aAll;
  }
  Writer w;
  if( writer_open(&w, db, err) ){
    writer_close(&w);
    free(aAll);
    return -1;
  }
  int rc = 0, nFail = 0;
  for(long i=0; i<nDoc && rc==0; i++){
    RereadDoc rd;
    RereadResult res;
    memset(&res, 0, sizeof res);
    res.iDoc = aiDoc[i];
    Prepared p;
    memset(&p, 0, sizeof p);
    int bFound = reread_doc_load(db, aiDoc[i], &rd);
    if( bFound<0 ){
      rc = err_internal(err, "database error: %s", sqlite3_errmsg(db));
    }else if( bFound==0 ){
      err_set(&p.err, "no document %lld", aiDoc[i]);
      res.bMissing = 1;
    }else{
      res.zName = rd.zName;
      if( reread_extract(s, &rd, &p)==0 ){
        if( sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0)!=SQLITE_OK
         || reread_write(&w, &rd, &p, zActor, &res)
         || sqlite3_exec(db, "COMMIT", 0, 0, 0)!=SQLITE_OK ){
          rc = err_set(err, "document %lld: database error: %s", aiDoc[i], sqlite3_errmsg(db));
          sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
        }
      }
    }
    if( rc==0 ){
      if( p.err.set ){
        res.zError = p.err.msg;
        nFail++;
      }
      if( res.zName==0 ) res.zName = "";
      if( xReport ) xReport(ctx, &res);
    }
    passages_free(&p.passages);
    minutes_free(&p.m);
    free(p.aiPassage);
    reread_doc_clear(&rd);
  }
  writer_close(&w);
  free(aAll);
  if( rc ) return -1;
  return nFail ? 1 : 0;
}
