#!/bin/bash
# serve_soak.sh — `storyline serve` built with ASan+UBSan under a long wrk
# run: every route (API and pages, existing and missing ids, searches that
# are valid, empty of hits, or FTS5 syntax errors), 64 connections, SECS
# seconds (default 60), with the server's RSS sampled every 5 s. Passes when
# wrk saw no socket error and no 5xx, the sanitizers reported nothing (leaks
# included, checked at a clean SIGTERM shutdown), and RSS ended where it
# stood after the first sample. A bench, not a test: it takes a minute.
# Usage: bench/serve_soak.sh [SECS]   (needs `make asan`; DB=FILE to use
# another store than the bundled sample's)
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
ASAN=${ASAN_BUILD:-$SRC/build-asan}
SECS=${1:-60}
"$SRC/tools/install-deps.sh" bench
cmake --build "$ASAN" -j2 >/dev/null
TMP=$(mktemp -d /tmp/serve-soak.XXXXXX)
SPID=
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
export ASAN_OPTIONS="detect_leaks=1:log_path=$TMP/asan:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$TMP/ubsan"

DB=${DB:-}
if [ -z "$DB" ]; then
    DB=$TMP/sample.db
    "$ASAN/storyline" ingest --db "$DB" --json "$SRC"/sample/{html,text,jsonl,warc} >/dev/null
fi
"$ASAN/storyline" serve --db "$DB" --port 0 2>"$TMP/serve.err" &
SPID=$!
for _ in $(seq 100); do grep -q serving "$TMP/serve.err" && break; sleep 0.1; done
PORT=$(sed -n 's/.*:\([0-9][0-9]*\)\/.*/\1/p' "$TMP/serve.err")

# Every request differs a little (ids past the end, searches from a word
# list with operators and broken syntax), so the answer cache helps only
# partly. A 4xx is an answer; a 5xx or a socket error is a failure.
cat >"$TMP/mix.lua" <<'LUA'
local words = {"ferry", "strike", "harbour", "union", "Vandermeer", "mayor", "wages",
               "\"ferry strike\"", "fer*", "ferry AND NOT union", "ferry OR zzz",
               "(unbalanced", "AND", "\"open", "%FF%FE", "NEAR(a b", "*"}
local paths = {}
local n = 0
request = function()
  n = n + 1
  local k = n % 12
  local id = (n * 7) % 40
  local w = words[n % #words + 1]
  local p
  if k == 0 then p = "/api/v1/storylines?limit=5"
  elseif k == 1 then p = "/api/v1/storylines/" .. id
  elseif k == 2 then p = "/api/v1/events/" .. id
  elseif k == 3 then p = "/api/v1/articles/" .. id
  elseif k == 4 then p = "/api/v1/articles?limit=20&offset=" .. id
  elseif k == 5 then p = "/api/v1/entities?limit=10"
  elseif k == 6 then p = "/api/v1/search?limit=10&q=" .. w
  elseif k == 7 then p = "/"
  elseif k == 8 then p = "/?q=" .. w
  elseif k == 9 then p = "/s/" .. id
  elseif k == 10 then p = "/a/" .. id
  else p = "/api/v1/health" end
  return wrk.format("GET", p)
end
bad = 0
response = function(status, headers, body)
  if status >= 500 then bad = bad + 1 end
end
local threads = {}
setup = function(t) table.insert(threads, t) end
done = function(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("5xx %d\n", b))
end
LUA

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$SPID/status"; }
wrk -t2 -c64 -d"${SECS}s" --latency -s "$TMP/mix.lua" "http://127.0.0.1:$PORT" >"$TMP/wrk.out" 2>&1 &
WPID=$!
SAMPLES=()
while kill -0 "$WPID" 2>/dev/null; do sleep 5; SAMPLES+=("$(rss)"); done
wait "$WPID" || { echo "wrk failed:"; cat "$TMP/wrk.out"; exit 1; }
kill -TERM "$SPID"
wait "$SPID" && SRC_RC=0 || SRC_RC=$?
SPID=

REQ=$(awk '/requests in/ {print $1}' "$TMP/wrk.out")
RPS=$(awk '/Requests\/sec/ {print int($2)}' "$TMP/wrk.out")
P99=$(awk '$1 == "99%" {print $2}' "$TMP/wrk.out")
SOCK=$(grep -o 'connect [0-9]*, read [0-9]*, write [0-9]*, timeout [0-9]*' "$TMP/wrk.out" || echo none)
FIVE=$(awk '/^5xx/ {print $2}' "$TMP/wrk.out")
REPORTS=$(cat "$TMP"/asan.* "$TMP"/ubsan.* 2>/dev/null | grep -c 'ERROR\|runtime error' || true)
echo "serve (ASan+UBSan) under wrk, 64 connections, ${SECS}s, every route:"
echo "  $REQ requests, $RPS req/s, p99 $P99, socket errors: $SOCK, 5xx: $FIVE"
echo "  RSS every 5 s (MB): ${SAMPLES[*]}"
echo "  sanitizer reports: $REPORTS; server exit status after SIGTERM: $SRC_RC"
cat "$TMP"/asan.* "$TMP"/ubsan.* 2>/dev/null | head -30
[ "$SOCK" = none ] && [ "${FIVE:-0}" = 0 ] && [ "$REPORTS" = 0 ] && [ "$SRC_RC" = 0 ]
