#!/bin/sh
# The browser test of the web pages of "overleg serve" (make test runs it
# after the C suites).  Installs what is missing (Debian's chromium, nodejs
# and npm; playwright-core and axe-core from package-lock.json into
# tests/browser/node_modules), makes a fresh archive in a temporary folder
# (the organisation, the sample corpus, a staff and an admin account),
# starts the server on a free loopback port, runs browser.mjs against it and
# stops the server with SIGTERM.  Screenshots go to build/browser/.
#
#   sh tests/browser/run.sh          OVERLEG=path/to/overleg (default build/overleg)
#                                    CHROMIUM=path (default /usr/bin/chromium)
# The exit status is the test's: 0 when every check passed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
OVERLEG=${OVERLEG:-build/overleg}
case $OVERLEG in /*) ;; *) OVERLEG="$root/$OVERLEG" ;; esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

say() { echo "browser: $*" >&2; }
die() { say "$*"; exit 1; }

[ -x "$OVERLEG" ] || die "$OVERLEG: no such program (run make first)"

# ---- 1. What the test needs, installed only when missing.
# A Node.js from elsewhere (NodeSource) brings its own npm: then Debian's
# npm package is not wanted (it would conflict), so each is asked apart.
need=""
[ -x "$CHROMIUM" ] || need="$need chromium"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  say "installing Debian packages:$need"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || die "node $(node --version) is too old: playwright-core needs 18 or later"
# npm ci writes node_modules/.package-lock.json: when it is older than the
# committed lock (or missing), the pinned versions are installed afresh.
if [ ! -f "$here/node_modules/.package-lock.json" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "installing playwright-core and axe-core (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || die "npm ci failed in tests/browser"
fi

# ---- 2. A fresh archive.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/overleg-browser.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
store="$tmp/archive"
run() {   # runs overleg quietly; on failure shows what it said and stops
  if ! "$OVERLEG" --storage "$store" "$@" >"$tmp/out" 2>&1 <"$tmp/stdin"; then
    cat "$tmp/out" >&2
    die "setting up the archive failed: overleg $*"
  fi
}
: >"$tmp/stdin"
run org load tests/fixtures/org-example.json
# The sample corpus: its ODT and DOCX files (the folder also holds the
# pandoc texts and the manifest, which are not documents).
find tests/fixtures/sample -type f \( -name '*.odt' -o -name '*.docx' \) | sort >"$tmp/files"
[ -s "$tmp/files" ] || die "no sample documents in tests/fixtures/sample"
# shellcheck disable=SC2046
run import $(cat "$tmp/files")
# Passwords made here, for this run only (user add reads stdin's first line).
staff_pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
admin_pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
echo "$staff_pw" >"$tmp/stdin"
run user add medewerker --role medewerker
echo "$admin_pw" >"$tmp/stdin"
run user add beheerder --role beheerder
: >"$tmp/stdin"

# ---- 3. The server, on a free port; its first stdout line is the URL.
"$OVERLEG" serve --storage "$store" --listen 127.0.0.1:0 --no-watch \
  >"$tmp/serve.out" 2>"$tmp/serve.err" </dev/null &
pid=$!
url=""
i=0
while [ $i -lt 100 ]; do
  url=$(sed -n 's|^overleg: \(https\{0,1\}://[^ ]*\)$|\1|p' "$tmp/serve.out" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
  i=$((i+1))
done
if [ -z "$url" ]; then
  cat "$tmp/serve.out" "$tmp/serve.err" >&2
  die "the server did not start"
fi

# ---- 4. The test.
mkdir -p build/browser
status=0
OVERLEG_STAFF_NAME=medewerker OVERLEG_STAFF_PASSWORD="$staff_pw" \
OVERLEG_ADMIN_NAME=beheerder OVERLEG_ADMIN_PASSWORD="$admin_pw" \
SHOT_DIR="$root/build/browser" \
  node "$here/browser.mjs" "$url" || status=$?

# ---- 5. A clean stop.
kill -TERM "$pid"
srv=0
wait "$pid" || srv=$?
pid=""
if [ "$srv" != 0 ]; then
  tail -n 20 "$tmp/serve.err" >&2
  say "the server exited with status $srv after SIGTERM"
  [ "$status" != 0 ] || status=1
elif [ "$status" != 0 ] && [ -s "$tmp/serve.err" ]; then
  say "what the server said on stderr (last 20 lines):"
  tail -n 20 "$tmp/serve.err" >&2
fi
exit "$status"
