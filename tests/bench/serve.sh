# The server benchmark (issue 5): section "serve" of tests/bench/run.sh,
# which sources this file and supplies its helpers (line, warn_if_busy,
# search_store) and variables (ROOT, WORK, BIN, STORE_SEARCH).
#
# `overleg serve` on the search section's archive of 100,000 documents,
# reading without login; wrk (Debian) at SERVE_CONN connections asks the
# queries of tests/bench/queries.txt in turn (tests/bench/wrk-search.lua),
# then the same of /api/health, the cheapest request and so the ceiling of
# the server and of wrk on this machine in the same run.  Figures:
# requests/s, wrk's p50 and p99 latency, answers other than 2xx, the
# server's peak RSS.  wrk runs on the same cores as the server and takes
# its share of them: SERVE_THREADS threads, one per core.

SERVE_CONN=32         # connections, as the issue says
SERVE_SECONDS=${SERVE_SECONDS:-20}   # of each wrk run
SERVE_THREADS=2       # wrk's threads
SERVE_WAIT=60         # seconds the server may take to start
SERVE_TIMEOUT=10      # seconds wrk waits for an answer (its default, 2, would
                      # drop the slow ones from the latencies as errors)
SERVE_PID=""
SERVE_RC=0

install_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  echo "bench: installing Debian package: wrk"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    --no-install-recommends wrk >/dev/null 2>&1
  command -v wrk >/dev/null 2>&1
}

serve_stop() {
  if [ -n "$SERVE_PID" ]; then
    kill -TERM "$SERVE_PID" 2>/dev/null
    wait "$SERVE_PID" 2>/dev/null
    SERVE_RC=$?
    SERVE_PID=""
  fi
  trap - EXIT INT TERM
}

# Starts the server (with the options "$@") on a free loopback port and sets SERVE_URL
# (http://127.0.0.1:PORT, from the line it prints when it listens); stops
# it again when the script ends, however.  1 when it does not start.
serve_start() {
  rm -f "$WORK/serve.out" "$WORK/serve.err"
  trap serve_stop EXIT
  trap 'serve_stop; exit 130' INT TERM
  "$BIN" serve --storage "$STORE_SEARCH" --listen 127.0.0.1:0 --no-watch --anonymous-read "$@" \
    >"$WORK/serve.out" 2>"$WORK/serve.err" &
  SERVE_PID=$!
  waited=0
  while :; do
    SERVE_URL=$(sed -n 's|^overleg: \(http://[^ ]*[0-9]\)/$|\1|p' "$WORK/serve.out")
    [ -n "$SERVE_URL" ] && return 0
    if ! kill -0 "$SERVE_PID" 2>/dev/null || [ $waited -ge $((SERVE_WAIT * 10)) ]; then
      echo "bench: overleg serve did not start; its last words ($WORK/serve.err):"
      tail -n 5 "$WORK/serve.err"
      serve_stop
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# The warm-up: every query once, which also checks them.  Prints "N OK
# HITS": queries, answered 200 with a JSON total, with at least one
# document; the others, with their status, to serve-check.txt.
serve_check() {
  python3 - "$SERVE_URL" tests/bench/queries.txt "$WORK/serve-check.txt" <<'PY'
import json, sys, urllib.error, urllib.parse, urllib.request
url, queries, out = sys.argv[1:4]
n = ok = hits = 0
with open(out, "w", encoding="utf-8") as bad:
    for line in open(queries, encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        q = line.rstrip("\n").split("\t", 1)[1]
        n += 1
        try:
            with urllib.request.urlopen(url + "/api/search?q=" + urllib.parse.quote(q, safe=""),
                                        timeout=30) as r:
                total = json.load(r)["total"]
            ok += 1
            hits += total > 0
        except urllib.error.HTTPError as e:
            bad.write("%d\t%s\n" % (e.code, q))
        except Exception as e:
            bad.write("%s\t%s\n" % (type(e).__name__, q))
print(n, ok, hits)
PY
}

# serve_wrk KEY LABEL PATH [QUERIES]: one wrk run against PATH, its output
# in serve-KEY.out, its figures in one row of the table; remembers them as
# SERVE_KEY ("REQ_S P50 P99 REQUESTS N2XX N429 NOTHER NSOCKET").
serve_wrk() {
  key=$1; label=$2; path=$3; shift 3
  wrk -t"$SERVE_THREADS" -c"$SERVE_CONN" -d"${SERVE_SECONDS}s" --timeout "${SERVE_TIMEOUT}s" --latency \
    -s tests/bench/wrk-search.lua "$SERVE_URL$path" -- "$@" >"$WORK/serve-$key.out" 2>&1
  fig=$(sed -n 's/^wrk-search: //p' "$WORK/serve-$key.out")
  eval "SERVE_$key=\$fig"
  if [ -z "$fig" ]; then
    printf "%-36s %10s  %s\n" "$label" "failed" "see $WORK/serve-$key.out"
    return
  fi
  echo "$fig" | awk -v l="$label" -v t="$SERVE_TIMEOUT" '{
    bad = $6 + $7 + $8
    note = ""
    if ($6 > 0) note = note sprintf("  %d answers 429", $6)
    if ($7 > 0) note = note sprintf("  %d other answers not 2xx", $7)
    if ($8 > 0) note = note sprintf("  %d socket errors (time-outs: %d s)", $8, t)
    printf "%-36s %10.1f %8.2f %8.2f %8d%s\n", l, $1, $2, $3, bad, note
  }'
}

section_serve() {
  if [ ! -f "$STORE_SEARCH/overleg.db" ]; then
    gen_corpus "$CORPUS_SEARCH" "$NSEARCH" || return
    search_store || return
  fi
  if ! install_wrk; then
    echo "bench: wrk is not installed and cannot be: serve skipped"
    return
  fi
  nDoc=$(sqlite3 -readonly "$STORE_SEARCH/overleg.db" 'SELECT count(*) FROM document' 2>/dev/null)
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo
  echo "Server: overleg serve on ${nDoc:-?} documents ($STORE_SEARCH), reading without login;" \
       "wrk -t$SERVE_THREADS -c$SERVE_CONN -d${SERVE_SECONDS}s on the same $(nproc) cores;" \
       "load average before: $load"
  echo "Searches: GET /api/search?q=..., the queries of tests/bench/queries.txt in turn" \
       "(first page: 10 documents, 3 passages each, facets); the ceiling: GET /api/health"
  warn_if_busy "$load"
  serve_start || return
  # shellcheck disable=SC2046  # three numbers; zeros when the check failed
  set -- $(serve_check) 0 0 0
  echo "warm-up and check: $2 of $1 queries answered 200, $3 of them found documents" \
       "($SERVE_URL; failures in $WORK/serve-check.txt)"
  line
  printf "%-36s %10s %8s %8s %8s\n" "what" "req/s" "p50 ms" "p99 ms" "errors"
  line
  serve_wrk search "/api/search, $1 queries" /api/search "$ROOT/tests/bench/queries.txt"
  serve_wrk health "/api/health (ceiling)" /api/health
  rss=$(awk '/^VmHWM:/ { print $2 * 1024 }' "/proc/$SERVE_PID/status" 2>/dev/null)
  serve_stop
  # The same searches with the server's cache of answers off: what each
  # search costs when no one asked it before (the mix above repeats its
  # 56 queries, so the cache answers nearly all of them).  Its term cache
  # (the passages of each word, read from FTS5 once) stays on: the
  # warm-up has read every word of the mix.  Then without either: every
  # search steps FTS5 through its matches.
  if serve_start --cache 0 && serve_check >/dev/null; then
    serve_wrk nocache "/api/search, no answer cache" /api/search "$ROOT/tests/bench/queries.txt"
    rss2=$(awk '/^VmHWM:/ { print $2 * 1024 }' "/proc/$SERVE_PID/status" 2>/dev/null)
    [ -n "$rss2" ] && [ "${rss:-0}" -lt "$rss2" ] && rss=$rss2
    serve_stop
  fi
  if serve_start --cache 0 --term-cache 0 && serve_check >/dev/null; then
    serve_wrk bare "/api/search, neither cache" /api/search "$ROOT/tests/bench/queries.txt"
    serve_stop
  fi
  line
  # shellcheck disable=SC2154  # set by serve_wrk's eval
  awk -v s="$SERVE_search" -v h="$SERVE_health" -v nc="${SERVE_nocache:-}" -v bare="${SERVE_bare:-}" \
      -v rss="${rss:-}" -v rc="$SERVE_RC" '
    function verdict(label, ok) { printf "%-58s %s\n", label, ok ? "met" : "NOT met" }
    BEGIN {
      split(s, a, " "); split(h, b, " ")
      if (s != "" && h != "" && b[1] > 0)
        printf "%-52s %8.3fx  (%.1f%% of the ceiling)\n", "searches/s vs /api/health", a[1] / b[1], 100 * a[1] / b[1]
      else
        printf "%-52s %9s\n", "searches/s vs /api/health", "n/a"
      # answers other than 2xx count in the req/s of wrk: none may be there;
      # socket errors (timeouts) do not, but are worth seeing
      non2xx = a[6] + a[7]
      note = non2xx == 0 ? "" : sprintf(", %d of them not 2xx", non2xx)
      if (a[8] > 0) note = note sprintf(", %d socket errors", a[8])
      if (s == "") print "searches: no figures"
      else {
        verdict(sprintf(">= 2000 searches/s (%.1f%s)", a[1], note), a[1] >= 2000 && non2xx == 0)
        verdict(sprintf("p99 %.2f ms <= 50 ms", a[3]), a[3] <= 50)
      }
      split(nc, c, " ")
      if (nc != "")
        printf "%-58s %s\n", sprintf("without the answer cache: %.1f searches/s, p99 %.2f ms", c[1], c[3]),
               (c[1] >= 2000 && c[3] <= 50) ? "meets both" : "NOT met"
      split(bare, d, " ")
      if (bare != "")
        printf "%-58s %s\n", sprintf("without either cache: %.1f searches/s, p99 %.2f ms", d[1], d[3]),
               (d[1] >= 2000 && d[3] <= 50) ? "meets both" : "NOT met"
      if (rss == "") print "RSS: not measured"
      else verdict(sprintf("RSS %.1f MB < 200 MB (peak of the first two, VmHWM)", rss / 1e6), rss < 200e6)
      if (a[6] + b[6] > 0)
        print "WARNING: the server answered 429 (its per-address rate limit): the figures are meaningless"
      if (rc != 0) printf "the server exited %d after SIGTERM\n", rc
    }'
  # What the search itself allows: the same queries in one process, without
  # HTTP (section search's file, when it ran), spread over every core.
  if [ -s "$WORK/search-ovl.tsv" ]; then
    awk -F '\t' -v n="$(nproc)" '{ s += $3 } END {
      if (NR > 0 && s > 0)
        printf "for comparison: search_run in-process takes %.2f ms a query on average (section search," \
               " %s): at most %.0f searches/s on %d cores without HTTP\n", s / NR, "build/bench/search-ovl.tsv",
               n * NR * 1000 / s, n
    }' "$WORK/search-ovl.tsv"
  fi
  line
}
