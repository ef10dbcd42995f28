# The timeline benchmark (issue 6): section "timeline" of tests/bench/run.sh,
# which sources this file after serve.sh (serve_start, serve_stop) and
# supplies its helpers (line, warn_if_busy, search_store) and variables.
#
# On the search section's archive of 100,000 generated documents (imported
# again when its schema is older, so that the minutes rows are there): the
# topic with the most meetings, its whole timeline as the page
# /onderwerp/ID/tijdlijn and as GET /api/topics/ID/timeline (JSON and
# CSV), each asked TIMELINE_RUNS times after warming up, timed by curl
# from request to last byte.  Target: the page under 100 ms.

TIMELINE_RUNS=20

# p50 and max of the numbers on stdin (seconds), in ms.
timeline_stats() {
  sort -n | awk '{ a[NR] = $1 * 1000 } END {
    if (NR == 0) { print "- -"; exit }
    printf "%.1f %.1f\n", a[int((NR + 1) / 2)], a[NR] }'
}

# Times GET $1 TIMELINE_RUNS times; prints "p50 max status bytes".  The
# server answers on a pool of threads, each with its own connection and
# page cache: the warm-up asks once per thread (and one more), so that no
# timed request is a connection's first.
timeline_time() {
  i=0
  while [ $i -le "$(nproc)" ]; do
    curl -s -o /dev/null "$1" 2>/dev/null
    i=$((i + 1))
  done
  i=0
  while [ $i -lt $TIMELINE_RUNS ]; do
    curl -s -o /dev/null -w '%{time_total}\n' "$1"
    i=$((i + 1))
  done | timeline_stats | tr '\n' ' '
  curl -s -o "$WORK/timeline-body.out" -w '%{http_code} %{size_download}\n' "$1"
}

section_timeline() {
  gen_corpus "$CORPUS_SEARCH" "$NSEARCH" || return
  search_store || return
  db=$STORE_SEARCH/overleg.db
  # an archive imported before minutes were read has no decisions: again
  if [ "$(sqlite3 -readonly "$db" "SELECT count(*) FROM decision" 2>/dev/null)" = 0 ]; then
    echo "bench: $STORE_SEARCH was imported before minutes were read: importing again"
    rm -rf "$STORE_SEARCH"
    search_store || return
  fi
  # an archive imported before agenda items had topics has no BORA
  # meetings in a timeline: read its BORA minutes again
  if [ "$(sqlite3 -readonly "$db" "SELECT count(*) FROM agenda_item WHERE topic_id NOT NULL")" = 0 ]; then
    echo "bench: reading the BORA minutes of $STORE_SEARCH again (overleg reread) for their agenda items' topics"
    # shellcheck disable=SC2046  # one id an argument
    "$BIN" --storage "$STORE_SEARCH" reread $(sqlite3 -readonly "$db" "SELECT d.id FROM document d
      JOIN body b ON b.id=d.body_id WHERE b.kind='BORA'") | tail -n 1
  fi
  # the topic of the most meetings (its BO and AO), and its years
  # shellcheck disable=SC2046  # four fields
  set -- $(sqlite3 -readonly -separator ' ' "$db" "SELECT t.id, count(*), min(m.date), max(m.date)
    FROM topic t JOIN body b ON b.topic_id=t.id JOIN meeting_body mb ON mb.body_id=b.id
    JOIN meeting m ON m.id=mb.meeting_id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1")
  if [ $# -lt 4 ]; then
    echo "bench: no topic with meetings in $db: timeline skipped"
    return
  fi
  topic=$1 nMeeting=$2 first=$3 last=$4
  name=$(sqlite3 -readonly "$db" "SELECT name FROM topic WHERE id=$topic")
  nDecision=$(sqlite3 -readonly "$db" "SELECT count(*) FROM decision")
  nBora=$(sqlite3 -readonly "$db" "SELECT count(DISTINCT d.meeting_id) FROM agenda_item ai
    JOIN document d ON d.id=ai.document_id WHERE ai.topic_id=$topic")
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo
  echo "Timeline: topic \"$name\" (id $topic), $nMeeting meetings of its BO and AO and $nBora of the BORA," \
       "$first to $last;" \
       "$nDecision decisions in the archive; load average before: $load"
  echo "Each URL once per server thread and once more to warm up, then $TIMELINE_RUNS times; curl's time from request to last byte."
  warn_if_busy "$load"
  serve_start || return
  line
  printf "%-44s %9s %9s %7s %10s\n" "what" "p50 ms" "max ms" "status" "bytes"
  line
  for u in "/onderwerp/$topic/tijdlijn" "/onderwerp/$topic/tijdlijn?print=1" \
           "/api/topics/$topic/timeline" "/api/topics/$topic/timeline?format=csv"; do
    # shellcheck disable=SC2046  # four fields
    set -- $(timeline_time "$SERVE_URL$u")
    printf "%-44s %9s %9s %7s %10s\n" "$u" "$1" "$2" "$3" "$4"
    [ "$u" = "/onderwerp/$topic/tijdlijn" ] && pageP50=$1
  done
  serve_stop
  line
  awk -v p="${pageP50:-}" 'BEGIN {
    if (p == "" || p == "-") print "timeline page: no figures"
    else printf "%-58s %s\n", sprintf("timeline page p50 %.1f ms < 100 ms", p), (p < 100 ? "met" : "NOT met")
  }'
  line
}
