#!/bin/bash
# serve.sh — `storyline serve` under wrk on loopback, one core, against a
# store of the bundled sample replicated to N articles (bench/big_store.sh,
# kept in build/bench/ between runs):
#   * one storyline's JSON (GET /api/v1/storylines/ID), 64 connections;
#   * search: a different FTS5 query on every request (no cache help);
#   * the same storyline JSON as a static file from nginx, one worker: the
#     physical limit of HTTP on this machine;
# with requests/s, p99 latency, errors and the server's RSS before and
# after. Usage: bench/serve.sh [N] [SECONDS]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD=${BUILD:-$SRC/build}
N=${1:-100000}
SECS=${2:-30}
"$SRC/tools/install-deps.sh" bench
OUT=$BUILD/bench
mkdir -p "$OUT"
DB=$OUT/store-$((N / 16)).db
TMP=$(mktemp -d /tmp/serve-bench.XXXXXX)
SPID= NPID=
cleanup() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null
    [ -n "$NPID" ] && kill "$NPID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
cmake --build "$BUILD" -j2 >/dev/null
[ -f "$DB" ] || { echo "building a store of $N articles (once)..." >&2; "$SRC/bench/big_store.sh" "$((N / 16))" "$DB" >&2; }

taskset -c 0 "$BUILD/storyline" serve --db "$DB" --port 0 2>"$TMP/serve.err" &
SPID=$!
for _ in $(seq 100); do grep -q serving "$TMP/serve.err" && break; sleep 0.1; done
PORT=$(sed -n 's/.*:\([0-9][0-9]*\)\/.*/\1/p' "$TMP/serve.err")
URL=http://127.0.0.1:$PORT
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
SID=$(curl -s --noproxy '*' "$URL/api/v1/storylines?limit=1" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["storylines"][0]["id"])')
curl -s --noproxy '*' "$URL/api/v1/storylines/$SID" >"$TMP/story.json"
echo "store: $N articles; storyline S$SID JSON is $(wc -c <"$TMP/story.json") bytes"
RSS0=$(rss "$SPID")

# wrk_run NAME URL [SCRIPT]: one line of results.
wrk_run() {
    local name=$1 url=$2 script=${3:-}
    taskset -c 1 wrk -t1 -c64 -d"${SECS}s" --latency ${script:+-s "$script"} "$url" >"$TMP/wrk.out" 2>&1
    python3 - "$name" "$TMP/wrk.out" <<'PY'
import re, sys
name, t = sys.argv[1], open(sys.argv[2]).read()
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", t).group(1))
p99 = re.search(r"99%\s+([0-9.]+)(us|ms|s)", t)
ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
errs = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs += int(non2xx.group(1)) if non2xx else 0
print("%-34s %10.0f req/s   p99 %7.2f ms   errors %d" % (name, rps, ms, errs))
PY
}

cat >"$TMP/search.lua" <<'LUA'
-- A different query each time: two-letter prefixes of the enciphered
-- words (the replicas' vocabulary), alone or OR-ed with a kept word.
local c, v = "bcdfghklmnprstvz", "aeiou"
local kept = {"ferry", "minister", "march", "talks", "said", "percent"}
local n = 0
request = function()
  n = n + 1
  local i, j, k = n % #c + 1, math.floor(n / #c) % #v + 1, math.floor(n / (#c * #v)) % #c + 1
  local q = c:sub(i, i) .. v:sub(j, j) .. c:sub(k, k) .. "*"
  if n % 2 == 0 then q = q .. "%20OR%20" .. kept[n % #kept + 1] end
  return wrk.format("GET", "/api/v1/search?limit=10&q=" .. q)
end
LUA

echo "one core for the server, one for wrk; 64 connections, ${SECS}s each"
wrk_run "storyline: storyline JSON" "$URL/api/v1/storylines/$SID"
wrk_run "storyline: search (uncached)" "$URL" "$TMP/search.lua"
RSS1=$(rss "$SPID")

NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$TMP/www"
cp "$TMP/story.json" "$TMP/www/story.json"
cat >"$TMP/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NPORT;
    root $TMP/www;
    default_type application/json;
  }
}
CONF
taskset -c 0 nginx -c "$TMP/nginx.conf" -p "$TMP" &
NPID=$!
sleep 0.5
wrk_run "nginx: the same JSON as a file" "http://127.0.0.1:$NPORT/story.json"
echo "storyline serve RSS: ${RSS0} MB before, ${RSS1} MB after"
