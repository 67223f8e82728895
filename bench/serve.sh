#!/bin/bash
# serve.sh — `storyline serve` under wrk on loopback, one core, against a
# store of the bundled sample replicated to N articles (bench/big_store.sh,
# kept in build/bench/ between runs):
#   * one storyline's JSON (GET /api/v1/storylines/ID), 64 connections;
#   * search: a different FTS5 query on every request (no cache help);
#   * the same storyline JSON as a static file from nginx, one worker: the
#     physical limit of HTTP on this machine;
# with requests/s, p99 latency, errors, the server's CPU time per request
# (from /proc: what one free core could serve, whatever else runs on the
# machine) and the server's memory before and after (RSS counts the mapped
# store file; anon is its own heap). Usage: bench/serve.sh [N] [SECONDS]
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
rss() { awk '/VmRSS/ {r = int($2/1024)} /RssAnon/ {a = int($2/1024)} END {print r " MB (anon " a " MB)"}' "/proc/$1/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
SID=$(curl -s --noproxy '*' "$URL/api/v1/storylines?limit=1" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["storylines"][0]["id"])')
curl -s --noproxy '*' "$URL/api/v1/storylines/$SID" >"$TMP/story.json"
echo "store: $N articles; storyline S$SID JSON is $(wc -c <"$TMP/story.json") bytes"
RSS0=$(rss "$SPID")

# wrk_run NAME PID URL [SCRIPT]: one line of results; PID is the process
# that serves (its CPU time is read before and after).
wrk_run() {
    local name=$1 pid=$2 url=$3 script=${4:-}
    local t0 t1
    t0=$(ticks "$pid")
    taskset -c 1 wrk -t1 -c64 -d"${SECS}s" --latency ${script:+-s "$script"} "$url" >"$TMP/wrk.out" 2>&1
    t1=$(ticks "$pid")
    python3 - "$name" "$TMP/wrk.out" "$((t1 - t0))" "$(getconf CLK_TCK)" <<'PY'
import re, sys
name, t = sys.argv[1], open(sys.argv[2]).read()
cpu_s = int(sys.argv[3]) / int(sys.argv[4])
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", t).group(1))
p99 = re.search(r"99%\s+([0-9.]+)(us|ms|s)", t)
ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
errs = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
errs += int(non2xx.group(1)) if non2xx else 0
n = int(re.search(r"(\d+) requests in", t).group(1))
us = cpu_s * 1e6 / n if n else 0
print("%-32s %8.0f req/s  p99 %7.2f ms  errors %d  cpu %6.1f us/req (one core: %6.0f/s)"
      % (name, rps, ms, errs, us, 1e6 / us if us else 0))
PY
}

# Search terms drawn from the store's own index (fts5vocab), a third each
# from rare (5-50 articles), middling (50-2,000) and common (> 2,000) words,
# so a run is not all cheap or all costly; every request is a different
# query (alone, or OR-ed with the next), so the answer cache does not help.
python3 - "$DB" "$TMP/queries.txt" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
db.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'article_fts', 'row')")
rnd = random.Random(7)
out = []
for lo, hi in ((5, 50), (50, 2000), (2000, 10**9)):
    terms = [t for (t,) in db.execute(
        "SELECT term FROM temp.v WHERE doc >= ? AND doc < ? AND length(term) >= 4"
        " AND term GLOB '[a-z]*'", (lo, hi))]
    out += rnd.sample(terms, min(1000, len(terms)))
rnd.shuffle(out)
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
cat >"$TMP/search.lua" <<LUA
local q = {}
for line in io.lines("$TMP/queries.txt") do q[#q + 1] = line end
local n = 0
request = function()
  n = n + 1
  local t = q[n % #q + 1]
  if n % 2 == 0 then t = t .. "%20OR%20" .. q[(n * 7) % #q + 1] end
  return wrk.format("GET", "/api/v1/search?limit=10&q=" .. t)
end
LUA

echo "one core for the server, one for wrk; 64 connections, ${SECS}s each"
wrk_run "storyline: storyline JSON" "$SPID" "$URL/api/v1/storylines/$SID"
wrk_run "storyline: search (uncached)" "$SPID" "$URL" "$TMP/search.lua"
RSS1=$(rss "$SPID")

NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$TMP/www"
chmod 755 "$TMP" "$TMP/www" # nginx's workers run as www-data
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
NWORKER=$(pgrep -P "$NPID" | head -1)
wrk_run "nginx: the same JSON as a file" "${NWORKER:-$NPID}" "http://127.0.0.1:$NPORT/story.json"
echo "storyline serve memory: ${RSS0} before, ${RSS1} after"
