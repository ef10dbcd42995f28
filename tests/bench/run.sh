#!/bin/sh
# The benchmarks of the issues (`make bench`).  Not a test: it prints
# figures and exits 0 unless the bench itself cannot run.
#
#   sh tests/bench/run.sh [SECTION...]     default: every section in order
#
# Sections are shell functions named section_NAME; add a new one by writing
# the function and adding NAME to SECTIONS.  Each figure comes from
# time_run (one wall-clock measurement of one command, taken after warm_up
# has put its inputs and its program in the page cache) or time_best (the
# fastest of a few) and is printed by put_row.  Input is a corpus that
# ../shared/corpus/gen.py writes once: 2,000 files in build/bench/corpus2000
# for extraction, 20,000 in build/bench/corpus20000 for the import, 100,000
# in build/bench/corpus100000 for search.
set -u

SECTIONS="startup extract import search serve timeline"

cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
BIN=${OVERLEG:-$ROOT/build/overleg}   # as in make test
GEN=$ROOT/../shared/corpus/gen.py
WORK=$ROOT/build/bench
CORPUS=$WORK/corpus2000
NFILE=2000
PANDOC_EVERY=10    # pandoc is slow: it runs on every 10th file only
NSTART=200         # start-up: runs of each command
CORPUS_IMPORT=$WORK/corpus20000
NIMPORT=20000
CORPUS_SEARCH=$WORK/corpus100000
NSEARCH=100000
STORE_SEARCH=$WORK/store$NSEARCH
SEARCH_RUNS=20     # timed runs of each query, after one to warm up
SEARCHBENCH=${SEARCHBENCH:-$ROOT/build/searchbench}
. "$ROOT/tests/bench/serve.sh"    # section_serve
. "$ROOT/tests/bench/timeline.sh" # section_timeline

# ------------------------------------------------------------------ set-up

# Installs the Debian packages of the peer tools that are missing.  The
# peers are optional: a section skips a tool that is still missing.
install_peers() {
  need=""
  command -v wrk >/dev/null 2>&1 || need="$need wrk"
  command -v odt2txt >/dev/null 2>&1 || need="$need odt2txt"
  command -v docx2txt >/dev/null 2>&1 || need="$need docx2txt"
  command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
  # recollcmd is recoll without its GUI: recollindex and recollq.
  command -v recollindex >/dev/null 2>&1 || need="$need recollcmd"
  command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
  pg_find || need="$need postgresql"
  [ -x /usr/bin/time ] || need="$need time"
  [ -n "$need" ] || return 0
  echo "bench: installing Debian packages:$need"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq || true
  # One at a time, so that one that cannot be had keeps no other out.
  for p in $need; do
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
      --no-install-recommends "$p" >/dev/null 2>&1 ||
      echo "bench: could not install $p (its figures are skipped)"
  done
}

# gen_corpus DIR N: has gen.py write N files into DIR unless DIR holds
# them already (the manifest, written last, has a line per file).  Returns
# 1, and the caller skips its section, when there is no gen.py.
gen_corpus() {
  if [ ! -f "$GEN" ]; then
    echo "bench: $GEN not found: the corpus generator lives in shared/," \
         "next to this checkout.  Nothing to measure."
    return 1
  fi
  n=0
  [ -f "$1/manifest.jsonl" ] && n=$(list_count "$1/manifest.jsonl")
  [ "$n" -eq "$2" ] && return 0
  echo "bench: generating $2 files in $1"
  rm -rf "$1"
  mkdir -p "$WORK"
  python3 "$GEN" --engine template --count "$2" --out "$1" >"$WORK/gen$2.log" 2>&1 || {
    echo "bench: gen.py failed, see $WORK/gen$2.log"; exit 1; }
}

# Writes the extraction corpus unless it is complete, then the file lists:
# files.txt (all, one path a line; gen.py names have spaces, no newlines),
# odt.txt, docx.txt and pandoc.txt (every PANDOC_EVERYth file).
make_corpus() {
  gen_corpus "$CORPUS" "$NFILE" || return
  # .templates/ holds gen.py's templates, not corpus files.
  find "$CORPUS" -path "$CORPUS/.templates" -prune -o -type f \
    \( -name '*.odt' -o -name '*.docx' \) -print | LC_ALL=C sort >"$WORK/files.txt"
  grep '\.odt$' "$WORK/files.txt" >"$WORK/odt.txt"
  grep '\.docx$' "$WORK/files.txt" >"$WORK/docx.txt"
  awk -v k="$PANDOC_EVERY" 'NR % k == 1' "$WORK/files.txt" >"$WORK/pandoc.txt"
}

# Total size in bytes of the files listed in $1.
list_bytes() {
  tr '\n' '\0' <"$1" | xargs -0 stat -c %s | awk '{ s += $1 } END { print s + 0 }'
}

list_count() {
  wc -l <"$1" | tr -d ' '
}

# ----------------------------------------------------------------- timing

now() {
  date +%s.%N
}

# time_run CMD...: runs CMD once, timed; sets ELAPSED (seconds) and RC
# (its exit status).  Output goes where the caller sends it.  Call warm_up
# (or run the command once) first.
time_run() {
  t0=$(now)
  "$@"
  RC=$?
  t1=$(now)
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}

# time_best N CMD...: the fastest of N time_run runs (the least disturbed by
# whatever else the machine does); sets ELAPSED and RC like time_run.
time_best() {
  nRun=$1; shift
  best=""
  iRun=0
  while [ $iRun -lt "$nRun" ]; do
    time_run "$@"
    best=$(awk -v a="$best" -v b="$ELAPSED" 'BEGIN { print (a == "" || b < a) ? b : a }')
    iRun=$((iRun + 1))
  done
  ELAPSED=$best
}

# Reads every file of list $1 into the page cache.
cache_list() {
  tr '\n' '\0' <"$1" | xargs -0 cat >/dev/null
}

# warm_up RUNNER LIST ARGS...: reads every file of LIST into the page
# cache and runs "RUNNER LIST5 ARGS..." on a list of its first 5 files, so
# that the timed run finds the inputs, the program and its libraries in
# memory.  (A full second pass of the slow per-file peers would add
# minutes and measure the same thing.)
warm_up() {
  runner=$1; wlist=$2; shift 2
  cache_list "$wlist"
  head -n 5 "$wlist" >"$WORK/warm.txt"
  "$runner" "$WORK/warm.txt" "$@" >/dev/null 2>&1
}

# For each line of list $1, runs CMD... FILE (one process per file).
# xargs runs them; -d keeps spaces in names.
per_file() {
  list=$1; shift
  xargs -d '\n' -n 1 "$@" <"$list"
}

# Like per_file, for tools that want the file before further arguments:
# runs CMD FILE ARG (docx2txt FILE -).
per_file_then() {
  list=$1; arg=$2; shift 2
  xargs -d '\n' -I{} "$@" {} "$arg" <"$list"
}

# ----------------------------------------------------------------- output

line() {
  echo "------------------------------------------------------------------------------------"
}

# put_row KEY LABEL FILES BYTES SECONDS NOTE: one line of the throughput
# table; remembers files/s as FPS_KEY for put_ratio.
put_row() {
  fps=$(awk -v f="$3" -v s="$5" 'BEGIN { printf "%.6f", (s > 0 ? f / s : 0) }')
  eval "FPS_$1=$fps"
  awk -v l="$2" -v f="$3" -v b="$4" -v s="$5" -v fps="$fps" -v note="$6" 'BEGIN {
    printf "%-36s %6d %9.3f %10.1f %8.2f  %s\n", l, f, s, fps, (s > 0 ? b / 1e6 / s : 0), note
  }'
}

# put_ratio LABEL KEY_FAST KEY_SLOW [TARGET]: how many times the first is
# faster than the second, against the issue's target when there is one.
put_ratio() {
  eval "a=\${FPS_$2:-}"
  eval "b=\${FPS_$3:-}"
  if [ -z "$a" ] || [ -z "$b" ]; then
    printf "%-52s %9s\n" "$1" "n/a"
    return
  fi
  awk -v l="$1" -v a="$a" -v b="$b" -v t="${4:-}" 'BEGIN {
    r = b > 0 ? a / b : 0
    verdict = t == "" ? "" : sprintf("  (target >= %dx: %s)", t, (r >= t ? "met" : "NOT met"))
    printf "%-52s %8.1fx%s\n", l, r, verdict
  }'
}

# -------------------------------------------------------------- sections

# repeat N CMD...: runs CMD N times, output discarded.
repeat() {
  nRepeat=$1; shift
  i=0
  while [ $i -lt "$nRepeat" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
}

# Start-up: the mean wall time of one run of a command that does no work,
# NSTART runs in a loop.  /bin/true is the floor (fork + exec).
startup_one() {
  label=$1; shift
  command -v "$1" >/dev/null 2>&1 || { printf "%-36s %10s\n" "$label" "not installed"; return; }
  repeat 10 "$@"
  time_run repeat "$NSTART" "$@"
  awk -v l="$label" -v s="$ELAPSED" -v n="$NSTART" -v c="$*" \
    'BEGIN { printf "%-36s %10.2f  %s\n", l, s * 1000 / n, c }'
}

section_startup() {
  echo
  echo "Start-up: mean wall time of one run, $NSTART runs, no document"
  line
  printf "%-36s %10s  %s\n" "program" "ms/run" "command"
  line
  startup_one "fork+exec floor" /bin/true
  startup_one "overleg" "$BIN" version
  startup_one "odt2txt" odt2txt --version
  startup_one "docx2txt (perl)" docx2txt -h
  startup_one "pandoc" pandoc --version
  line
}

# overleg on all files in one process.  xargs passes every path (-n) in
# one command line or, with -x, none: one exec, whatever the length
# (2,000 paths are ~200 KB, well under ARG_MAX).
overleg_all() {
  n=$(list_count "$WORK/files.txt")
  tr '\n' '\0' <"$WORK/files.txt" | xargs -0 -x -n "$n" -s 2000000 "$BIN" extract
}

odt2txt_each() {
  per_file "$WORK/odt.txt" odt2txt --encoding=UTF-8
  rcOdt=$?
  per_file_then "$WORK/docx.txt" - docx2txt || return
  return $rcOdt
}

section_extract() {
  make_corpus || return
  nAll=$(list_count "$WORK/files.txt")
  bAll=$(list_bytes "$WORK/files.txt")
  nOdt=$(list_count "$WORK/odt.txt")
  nDocx=$(list_count "$WORK/docx.txt")
  nPan=$(list_count "$WORK/pandoc.txt")
  bPan=$(list_bytes "$WORK/pandoc.txt")

  # A check before the figures: one process, one "==> FILE <==" per file,
  # nothing on stderr.  A failing file would make the figures meaningless.
  overleg_all >"$WORK/extract.out" 2>"$WORK/extract.err"
  rc=$?
  nOut=$(grep -c '^==> .* <==$' "$WORK/extract.out")
  nErr=$(wc -l <"$WORK/extract.err" | tr -d ' ')

  echo
  echo "Text extraction: $nAll files ($nOdt ODT, $nDocx DOCX), $(awk -v b="$bAll" 'BEGIN { printf "%.1f", b / 1e6 }') MB" \
       "(template engine), output to /dev/null"
  echo "overleg check: exit $rc, $nOut of $nAll files extracted, $nErr error lines ($WORK/extract.err)"
  line
  printf "%-36s %6s %9s %10s %8s  %s\n" "tool" "files" "seconds" "files/s" "MB/s" "note"
  line

  # The check above was the warm-up of this one.
  time_best 3 overleg_all >/dev/null 2>&1
  put_row one "overleg, 1 process, 1 thread" "$nAll" "$bAll" "$ELAPSED" "exit $RC, best of 3"

  warm_up per_file "$WORK/files.txt" "$BIN" extract
  time_run per_file "$WORK/files.txt" "$BIN" extract >/dev/null 2>&1
  put_row each "overleg, 1 process per file" "$nAll" "$bAll" "$ELAPSED" "exit $RC"

  if command -v odt2txt >/dev/null 2>&1 && command -v docx2txt >/dev/null 2>&1; then
    warm_up per_file "$WORK/odt.txt" odt2txt --encoding=UTF-8
    warm_up per_file_then "$WORK/docx.txt" - docx2txt
    time_run odt2txt_each >/dev/null 2>&1
    put_row peer "odt2txt + docx2txt, 1 per file" "$nAll" "$bAll" "$ELAPSED" "exit $RC"
  else
    echo "odt2txt + docx2txt: not installed"
  fi

  if command -v pandoc >/dev/null 2>&1; then
    warm_up per_file "$WORK/pandoc.txt" pandoc -t plain --wrap=none
    time_run per_file "$WORK/pandoc.txt" pandoc -t plain --wrap=none >/dev/null 2>&1
    put_row pandoc "pandoc -t plain, 1 per file" "$nPan" "$bPan" "$ELAPSED" \
      "every ${PANDOC_EVERY}th file, its rate stands for all"
  else
    echo "pandoc: not installed"
  fi
  line
  put_ratio "overleg 1 process vs odt2txt + docx2txt" one peer 10
  put_ratio "overleg 1 process vs pandoc" one pandoc 50
  put_ratio "overleg 1 per file vs odt2txt + docx2txt" each peer
  put_ratio "overleg 1 per file vs pandoc" each pandoc
  line
}

# Figures taken while other work runs are slower, and the peers, which
# start many processes, suffer more than overleg in one process.
warn_if_busy() {
  awk -v l="$1" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }' &&
    echo "bench: WARNING: the machine is busy (load $1): figures will be low and noisy"
  return 0
}

# ------------------------------------------------------------------ import

# Sum of the sizes of the files under folder $1, 0 when there is none.
tree_bytes() {
  find "$1" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

mb() {
  awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'
}

# time_rss OUT ERR CMD...: time_run of CMD with stdout to OUT and stderr to
# ERR; also sets RSS, the peak resident set in bytes of CMD's largest
# process, which /usr/bin/time reports in KiB.
time_rss() {
  out=$1; err=$2; shift 2
  time_run /usr/bin/time -o "$WORK/time.txt" -f %M "$@" >"$out" 2>"$err"
  RSS=$(tail -n 1 "$WORK/time.txt" | awk '{ print $1 * 1024 }')
}

# The first document of the manifest that has a needle of letters only
# (a word every full-text index must find in it): "WORD PATH", PATH
# relative to the corpus.
manifest_probe() {
  python3 -c '
import json, re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    for w in m.get("needles", []):
        if re.fullmatch(r"[A-Za-z]+", w):
            print(w, m["path"])
            sys.exit(0)
' "$1"
}

# Writes recoll's configuration in folder $1 for the folders listed in
# $2: those and nothing else, no spelling dictionary (a separate phase
# after the index that overleg has no counterpart of), errors only.
# recollindex without -m indexes once and exits: no monitor, no waiting for
# an idle machine.  By default it runs at nice 19 and "idle" I/O class,
# which on a machine busy with anything else measures the other work: it
# gets overleg's priorities instead.
recoll_conf() {
  rm -rf "$1"
  mkdir -p "$1"
  {
    printf 'topdirs ='
    while IFS= read -r d; do printf ' "%s"' "$d"; done <"$2"
    echo
    echo "noaspell = 1"
    echo "idxniceprio = 0"
    echo "monioniceclass = 2"
    echo "monioniceclassdata = 4"
    echo "loglevel = 2"
  } >"$1/recoll.conf"
}

# Import of 20,000 files into a fresh archive against recollindex
# indexing the same folders from scratch: documents/s, MB/s of input, peak
# RSS, and what each keeps (overleg's database against the text it
# extracted; the originals; recoll's Xapian index).  The inputs are in the
# page cache and the disk is idle (sync) before each run.
section_import() {
  gen_corpus "$CORPUS_IMPORT" "$NIMPORT" || return
  if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time (Debian time) missing: import skipped"
    return
  fi
  # The corpus's folders, not gen.py's manifest, summary and .templates
  # beside them.
  find "$CORPUS_IMPORT" -mindepth 1 -maxdepth 1 -type d ! -name '.*' |
    LC_ALL=C sort >"$WORK/import-dirs.txt"
  tr '\n' '\0' <"$WORK/import-dirs.txt" | xargs -0 -I{} find {} -type f |
    LC_ALL=C sort >"$WORK/import-files.txt"
  nIn=$(list_count "$WORK/import-files.txt")
  bIn=$(list_bytes "$WORK/import-files.txt")
  set --
  while IFS= read -r d; do set -- "$@" "$d"; done <"$WORK/import-dirs.txt"

  load=$(cut -d' ' -f1 /proc/loadavg)
  echo
  echo "Import: $nIn files, $(mb "$bIn") MB (template engine), in $# folders;" \
       "load average before: $load"
  warn_if_busy "$load"

  store=$WORK/store$NIMPORT
  # The previous run's store is set aside and deleted only after the
  # section: ext4 without a journal checks every new inode against those
  # deleted in the last 5-10 seconds (recently_deleted(), a scan over
  # them), so deleting 20,000 files just before would be measured as part
  # of this import.
  rm -rf "$store.old"
  if [ -d "$store" ]; then mv "$store" "$store.old"; fi
  cache_list "$WORK/import-files.txt"
  sync
  time_rss "$WORK/import.out" "$WORK/import.err" "$BIN" import --storage "$store" "$@"
  tImp=$ELAPSED; rcImp=$RC; rssImp=$RSS
  # Sizes before anything else opens the database (the last connection
  # to close checkpoints the WAL into it).
  bDb=0
  for f in "$store/overleg.db" "$store/overleg.db-wal"; do
    [ -f "$f" ] && bDb=$((bDb + $(stat -c %s "$f")))
  done
  bOrig=$(tree_bytes "$store/originals")
  sumImp=$(tail -n 1 "$WORK/import.out")
  nNew=$(sed -n 's/^\([0-9]*\) new, .*/\1/p' "$WORK/import.out")
  # stderr: a progress line per 1,000 files, else one line per problem
  grep -v '^overleg: [0-9]*/[0-9]* files, ' "$WORK/import.err" >"$WORK/import-problems.txt"
  nProb=$(list_count "$WORK/import-problems.txt")

  bText=""
  if command -v sqlite3 >/dev/null 2>&1; then
    bText=$(sqlite3 -readonly "$store/overleg.db" 'SELECT coalesce(sum(text_size), 0) FROM document' 2>/dev/null)
  fi

  time_run "$BIN" check --storage "$store" >"$WORK/check.out" 2>&1
  tCheck=$ELAPSED; rcCheck=$RC

  if command -v recollindex >/dev/null 2>&1; then
    conf=$WORK/recoll$NIMPORT
    recoll_conf "$conf" "$WORK/import-dirs.txt"
    cache_list "$WORK/import-files.txt"
    sync
    time_rss "$WORK/recoll.out" "$WORK/recoll.err" recollindex -c "$conf" -z
    tRcl=$ELAPSED; rcRcl=$RC; rssRcl=$RSS
    bRcl=$(tree_bytes "$conf/xapiandb")
    # recoll also makes a document of each folder: count the files only.
    nRcl=$(recollq -c "$conf" -Q -E 'ext:odt OR ext:docx' 2>/dev/null |
      sed -n 's/^\([0-9]*\) results.*/\1/p')
    # Its text is really extracted: a word of a document's body finds it.
    probe=$(manifest_probe "$CORPUS_IMPORT/manifest.jsonl")
    word=${probe%% *}
    if recollq -c "$conf" -b "$word" 2>/dev/null | grep -qF "${probe#* }"; then
      rclText="found"
    else
      rclText="NOT found"
    fi
  fi

  line
  printf "%-36s %6s %9s %10s %8s  %8s %8s\n" \
    "tool" "docs" "seconds" "docs/s" "MB/s" "RSS MB" "store MB"
  line
  put_row imp "overleg import (exit $rcImp)" "${nNew:-0}" "$bIn" "$tImp" \
    "$(awk -v r="$rssImp" -v d="$bDb" 'BEGIN { printf "%8.1f %8.1f", r / 1e6, d / 1e6 }')"
  if [ -n "${tRcl:-}" ]; then
    put_row rcl "recollindex -z (exit $rcRcl)" "${nRcl:-0}" "$bIn" "$tRcl" \
      "$(awk -v r="$rssRcl" -v d="$bRcl" 'BEGIN { printf "%8.1f %8.1f", r / 1e6, d / 1e6 }')"
  else
    echo "recollindex: not installed"
  fi
  line
  put_ratio "overleg import vs recollindex, docs/s" imp rcl 5
  if [ -n "${tRcl:-}" ]; then
    awk -v a="$rssImp" -v b="$rssRcl" 'BEGIN {
      r = b > 0 ? a / b : 0
      printf "%-52s %8.2fx  (target < 1x: %s)\n", "peak RSS, overleg import / recollindex", r, (r < 1 ? "met" : "NOT met")
    }'
  fi
  line
  echo "overleg: $sumImp"
  echo "overleg: $nProb problem lines on stderr ($WORK/import-problems.txt)"
  echo "overleg check: exit $rcCheck in ${tCheck}s: $(tail -n 1 "$WORK/check.out")"
  if [ -n "$bText" ]; then
    awk -v d="$bDb" -v t="$bText" -v o="$bOrig" -v i="$bIn" 'BEGIN {
      printf "overleg store: database %.1f MB = %.2fx the extracted text (%.1f MB);" \
             " originals %.1f MB (input %.1f MB)\n", d / 1e6, (t > 0 ? d / t : 0), t / 1e6, o / 1e6, i / 1e6
    }'
  else
    echo "overleg store: database $(mb "$bDb") MB; originals $(mb "$bOrig") MB" \
         "(input $(mb "$bIn") MB); extracted text size unknown (no sqlite3)"
  fi
  if [ -n "${tRcl:-}" ]; then
    echo "recoll: $nRcl of $nIn files indexed; body word \"$word\" ${rclText} in ${probe#* };" \
         "$(grep -c . "$WORK/recoll.err") lines on stderr ($WORK/recoll.err)"
    [ -n "$bText" ] && awk -v d="$bRcl" -v t="$bText" 'BEGIN {
      printf "recoll index: %.1f MB = %.2fx the text overleg extracted\n", d / 1e6, (t > 0 ? d / t : 0) }'
  fi
  line
  rm -rf "$store.old"
}

# ------------------------------------------------------------------ search

# The schema objects of archive $1: type, name and SQL of each.
schema_of() {
  sqlite3 -readonly "$1/overleg.db" \
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name" 2>/dev/null
}

# The archive of the search benchmark: the organisation of
# tests/fixtures/org-example.json loaded first (so that documents are
# linked to the gemeenten they name), then the 100,000 files.  Kept
# between runs while it holds them all, has the schema a new archive gets
# (schema.sql may have changed under the same version) and "overleg
# check" passes.
search_store() {
  store=$STORE_SEARCH
  if [ -f "$store/overleg.db" ]; then
    n=$(sqlite3 -readonly "$store/overleg.db" 'SELECT count(*) FROM document' 2>/dev/null)
    rm -rf "$WORK/schema-probe"
    "$BIN" org export --storage "$WORK/schema-probe" >/dev/null 2>&1
    bSame=0
    [ "$(schema_of "$store")" = "$(schema_of "$WORK/schema-probe")" ] && bSame=1
    rm -rf "$WORK/schema-probe"
    if [ "${n:-0}" -eq "$NSEARCH" ] && [ $bSame = 1 ] &&
       "$BIN" check --storage "$store" >"$WORK/search-check.out" 2>&1; then
      return 0
    fi
    echo "bench: $store has ${n:-no} documents, another schema or fails overleg check: importing again"
  fi
  rm -rf "$store"
  echo "bench: importing $NSEARCH files into $store (some minutes)"
  "$BIN" org load --storage "$store" tests/fixtures/org-example.json >"$WORK/search-import.out" 2>&1 || {
    echo "bench: overleg org load failed, see $WORK/search-import.out"; return 1; }
  find "$CORPUS_SEARCH" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -print0 | LC_ALL=C sort -z |
    xargs -0 "$BIN" import --storage "$store" >>"$WORK/search-import.out" 2>"$WORK/search-import.err"
  tail -n 1 "$WORK/search-import.out"
  n=$(sqlite3 -readonly "$store/overleg.db" 'SELECT count(*) FROM document' 2>/dev/null)
  [ "${n:-0}" -gt 0 ] || { echo "bench: the import failed, see $WORK/search-import.err"; return 1; }
}

# PostgreSQL (Debian's postgresql) in build/bench/pg, its own cluster, on
# a private socket folder and no TCP port; the role "bench" is trusted on
# that socket.  The server refuses to run as root: then it runs as the
# user postgres, who owns its folders.
PGDIR=$WORK/pg
PGSOCK=$WORK/pgsock
PGPORT=5432        # only names the socket: .s.PGSQL.5432 in PGSOCK
PGBIN=""

# Sets PGBIN to the newest PostgreSQL installed; 1 when there is none.
pg_find() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ]
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_sql() {
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PGPORT" -U bench -d postgres "$@"
}

pg_stop() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -m fast -w stop >/dev/null 2>&1
  trap - EXIT INT TERM
}

# Starts the server; stops it again when the script ends, however.
pg_start() {
  trap pg_stop EXIT
  trap 'pg_stop; exit 130' INT TERM
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w start >/dev/null ||
    { echo "bench: PostgreSQL did not start, see $PGDIR/server.log"; trap - EXIT INT TERM; return 1; }
}

# A new cluster.  Settings: memory to hold the index (the machine's RAM is
# ample), no JIT (it costs short queries compile time), no durability (a
# throw-away copy: only the load is faster for it).
pg_init() {
  rm -rf "$PGDIR" "$PGSOCK"
  mkdir -p "$PGDIR" "$PGSOCK"
  [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR" "$PGSOCK"
  chmod 700 "$PGDIR"
  as_pg "$PGBIN/initdb" -D "$PGDIR" -U bench --auth=trust -E UTF8 --locale=C \
    >"$WORK/pg-initdb.log" 2>&1 || { echo "bench: initdb failed, see $WORK/pg-initdb.log"; return 1; }
  cat >>"$PGDIR/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$PGSOCK'
port = $PGPORT
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 64MB
maintenance_work_mem = 1GB
jit = off
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 8GB
CONF
}

# Loads the passages of overleg's archive $1 (exported with the sqlite3
# CLI as CSV): documents with their body, topic and kind names, their
# gemeenten, and the passages, which search-pg.sql makes searchable.
pg_load() {
  db=$1/overleg.db
  pg_sql -c "CREATE TABLE doc(id int PRIMARY KEY, title text, date date,
               body text, topic text, kind text)" \
         -c "CREATE TABLE doc_muni(document_id int, name text)" \
         -c "CREATE TABLE passage_raw(id int, document_id int, heading text, text text)" || return
  sqlite3 -readonly -csv "$db" "SELECT d.id, d.title, d.date, b.name, t.name, d.kind
    FROM document d LEFT JOIN body b ON b.id = d.body_id LEFT JOIN topic t ON t.id = d.topic_id" |
    pg_sql -c '\copy doc FROM STDIN (FORMAT csv)' || return
  sqlite3 -readonly -csv "$db" "SELECT m.document_id, o.name FROM document_municipality m
    JOIN organisation o ON o.id = m.organisation_id" |
    pg_sql -c '\copy doc_muni FROM STDIN (FORMAT csv)' || return
  sqlite3 -readonly -csv "$db" "SELECT id, document_id, heading, text FROM passage" |
    pg_sql -c '\copy passage_raw FROM STDIN (FORMAT csv)' || return
  pg_sql -f tests/bench/search-pg.sql
}

# PostgreSQL's cluster for archive $1, loaded unless it holds that
# archive's passages already (the same counts and text size, and the same
# search-pg.sql), and started.  1 when it cannot be had.
pg_ready() {
  if ! pg_find; then
    echo "bench: PostgreSQL is not installed: its figures are skipped"
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "bench: running as root and there is no user postgres to run PostgreSQL: skipped"
    return 1
  fi
  sig=$(sqlite3 -readonly "$1/overleg.db" "SELECT (SELECT count(*) FROM document) || ' '
          || count(*) || ' ' || max(id) || ' ' || total(length(text)) FROM passage")
  sig="$sig $(cksum <tests/bench/search-pg.sql)"
  # a server left running by an interrupted run
  [ -f "$PGDIR/postmaster.pid" ] && pg_stop
  if [ -f "$PGDIR/bench-loaded" ] && [ "$(cat "$PGDIR/bench-loaded")" = "$sig" ]; then
    pg_start
    return
  fi
  echo "bench: loading the passages into PostgreSQL ($PGDIR, some minutes)"
  pg_init && pg_start || return
  t0=$(now)
  if ! pg_load "$1" >"$WORK/pg-load.log" 2>&1; then
    echo "bench: loading PostgreSQL failed, see $WORK/pg-load.log"
    pg_stop
    return 1
  fi
  echo "bench: PostgreSQL loaded in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
  echo "$sig" >"$PGDIR/bench-loaded"
}

# Runs the queries in PostgreSQL (search-pg.sql, bench()): timings to
# search-pg.tsv ("shape TAB query number TAB ms"), documents found to
# search-pg.tsv.hits, and the plan of its slowest query, run with EXPLAIN
# ANALYZE, to search-pg-plan.txt.
pg_bench() {
  python3 tests/bench/search-pg.py tests/bench/queries.txt | pg_sql || return
  pg_sql -c "CALL bench($SEARCH_RUNS)" || return
  pg_sql -c "\\copy (SELECT q.shape, t.qid, t.ms FROM bt t JOIN bq q USING (qid)) TO '$WORK/search-pg.tsv'" \
         -c "\\copy bhits TO '$WORK/search-pg.tsv.hits'" || return
  pg_sql -At >"$WORK/search-pg-plan.txt" 2>&1 <<'SQL'
SELECT format('-- query %s: %s', qid, query) FROM bq WHERE qid = (SELECT qid FROM bt
  GROUP BY qid ORDER BY percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) DESC LIMIT 1);
SELECT format('PREPARE s(text) AS %s', search_sql(filter)),
       format('EXPLAIN (ANALYZE, BUFFERS) EXECUTE s(%L)', tsq)
FROM bq WHERE qid = (SELECT qid FROM bt
  GROUP BY qid ORDER BY percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) DESC LIMIT 1)
\gexec
SQL
}

# The table: per shape and over all queries, the nearest-rank p50, p95 and
# p99 of overleg's runs (file $1) and PostgreSQL's ($2), PostgreSQL's
# figure over overleg's, and the issue's targets.  Then the queries
# whose document counts differ ($1.hits, $2.hits).
search_table() {
  q=tests/bench/queries.txt
  tab=$(printf '\t')
  { sed 's/^/o\t/' "$1"; [ -f "$2" ] && sed 's/^/p\t/' "$2"; } |
    LC_ALL=C sort -t "$tab" -k4,4g | awk -F '\t' '
    FNR == NR { if ($0 !~ /^#/ && NF >= 2 && !($1 in seen)) { seen[$1] = 1; shape[++nShape] = $1 } next }
    { v[$1, $2, ++n[$1, $2]] = $4; v[$1, "all", ++n[$1, "all"]] = $4 }
    function pct(side, s, p,   k, i) {
      k = n[side, s]
      if (k == 0) return -1
      i = int(p / 100 * k); if (i < p / 100 * k) i++; if (i < 1) i = 1
      return v[side, s, i]
    }
    function ms(x) { return x < 0 ? sprintf("%7s", "-") : sprintf("%7.2f", x) }
    function ratio(a, b) { return (a <= 0 || b < 0) ? sprintf("%6s", "-") : sprintf("%5.1fx", b / a) }
    function row(s, label) {
      printf "%-13s %5d | %s %s %s | %s %s %s | %s %s\n", label, n["o", s],
        ms(pct("o", s, 50)), ms(pct("o", s, 95)), ms(pct("o", s, 99)),
        ms(pct("p", s, 50)), ms(pct("p", s, 95)), ms(pct("p", s, 99)),
        ratio(pct("o", s, 50), pct("p", s, 50)), ratio(pct("o", s, 99), pct("p", s, 99))
    }
    function verdict(label, ok) { printf "%-58s %s\n", label, ok ? "met" : "NOT met" }
    END {
      printf "%-13s %5s | %-23s | %-23s | %s\n", "", "", "overleg, ms", "PostgreSQL, ms", "PG / overleg"
      printf "%-13s %5s | %7s %7s %7s | %7s %7s %7s | %6s %6s\n", "shape", "runs",
        "p50", "p95", "p99", "p50", "p95", "p99", "p50", "p99"
      print "------------------------------------------------------------------------------------"
      for (i = 1; i <= nShape; i++) row(shape[i], shape[i])
      print "------------------------------------------------------------------------------------"
      row("all", "all queries")
      print "------------------------------------------------------------------------------------"
      o50 = pct("o", "all", 50); o99 = pct("o", "all", 99)
      p50 = pct("p", "all", 50); p99 = pct("p", "all", 99)
      verdict(sprintf("overleg p50 %.2f ms <= 5 ms", o50), o50 <= 5)
      verdict(sprintf("overleg p99 %.2f ms <= 50 ms", o99), o99 <= 50)
      if (p50 < 0) print "PostgreSQL: no figures, the comparison is skipped"
      else {
        verdict(sprintf("overleg p50 <= half of PostgreSQL%ss (%.2f ms)", "\047", p50), o50 * 2 <= p50)
        verdict(sprintf("overleg p99 <= half of PostgreSQL%ss (%.2f ms)", "\047", p99), o99 * 2 <= p99)
      }
    }' "$q" -
  [ -f "$1.hits" ] && [ -f "$2.hits" ] || return 0
  awk -F '\t' '
    FILENAME == ARGV[1] { if ($0 !~ /^#/ && NF >= 2) query[++nq] = $2; next }
    FILENAME == ARGV[2] { o[$1] = $2; next }
    { p[$1] = $2 }
    END {
      for (i = 1; i <= nq; i++) {
        if (o[i] == p[i]) continue
        if (nd++ == 0) printf "%8s %10s  %s\n", "overleg", "PostgreSQL", "documents found differ:"
        printf "%8s %10s  %s\n", o[i], p[i], query[i]
      }
      printf "documents found: the same for %d of %d queries\n", nq - nd, nq
    }' "$q" "$1.hits" "$2.hits"
}

section_search() {
  gen_corpus "$CORPUS_SEARCH" "$NSEARCH" || return
  if [ ! -x "$SEARCHBENCH" ]; then
    echo "bench: $SEARCHBENCH not built (make build/searchbench): search skipped"
    return
  fi
  search_store || return
  db=$STORE_SEARCH/overleg.db
  nDoc=$(sqlite3 -readonly "$db" 'SELECT count(*) FROM document')
  nPas=$(sqlite3 -readonly "$db" 'SELECT count(*) FROM passage')
  nQuery=$(grep -v '^#' tests/bench/queries.txt | grep -c "$(printf '\t')")
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo
  echo "Search: $nQuery queries (tests/bench/queries.txt) on $nDoc documents, $nPas passages;" \
       "each query once to warm up, then $SEARCH_RUNS runs; load average before: $load"
  echo "Each answer: the total, the first 10 documents with 3 passages and their snippets, facets."
  echo "overleg in-process (build/searchbench: search_run + JSON text); PostgreSQL server-side" \
       "(PL/pgSQL, clock_timestamp() around EXECUTE: tests/bench/search-pg.sql)"
  warn_if_busy "$load"
  ovl=$WORK/search-ovl.tsv
  pg=$WORK/search-pg.tsv
  rm -f "$ovl" "$ovl.hits" "$pg" "$pg.hits"
  "$SEARCHBENCH" "$STORE_SEARCH" tests/bench/queries.txt "$SEARCH_RUNS" "$ovl" >"$WORK/search-ovl.out" 2>&1
  rcOvl=$?
  if [ ! -s "$ovl" ]; then
    echo "bench: searchbench failed (exit $rcOvl):"
    tail -n 5 "$WORK/search-ovl.out"
    return
  fi
  if pg_ready "$STORE_SEARCH"; then
    pg_bench >"$WORK/search-pg.log" 2>&1 || echo "bench: the PostgreSQL run failed, see $WORK/search-pg.log"
    pg_stop
  fi
  line
  search_table "$ovl" "$pg"
  line
  grep '^searchbench: ' "$WORK/search-ovl.out"
  echo "overleg, $(grep '^warm-up: ' "$WORK/search-ovl.out")"
  echo "overleg, $(sed -n '/^slowest/,$p' "$WORK/search-ovl.out")"
  [ -s "$WORK/search-pg-plan.txt" ] && echo "PostgreSQL: the plan of its slowest query is in $WORK/search-pg-plan.txt"
  line
}

# ------------------------------------------------------------------- main

if [ ! -x "$BIN" ]; then
  echo "bench: $BIN not built: run make first"
  exit 1
fi
[ $# -gt 0 ] && SECTIONS="$*"
install_peers
load=$(cut -d' ' -f1 /proc/loadavg)
echo "overleg bench, $(date '+%Y-%m-%d %H:%M'), $(nproc) cores, $(uname -m), load average $load"
warn_if_busy "$load"
for s in $SECTIONS; do
  "section_$s"
done
echo
echo "load average at the end: $(cut -d' ' -f1 /proc/loadavg)"
