#!/bin/sh
# screens.sh — screenshots of every page of the web UI on the bundled sample,
# desktop and phone width (bench/screens.mjs), into OUT (default
# build/bench/screens). `bench/screens.sh docs/screens` refreshes the ones
# the README shows.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build}
OUT=${1:-$BUILD/bench/screens}
NODE_MODULES=${SL_NODE_MODULES:-$SRC/.deps/node/node_modules}
[ -d "$NODE_MODULES/playwright-core" ] || { echo "no playwright-core: tools/install-deps.sh" >&2; exit 77; }
command -v chromium >/dev/null || { echo "no chromium: tools/install-deps.sh" >&2; exit 77; }
cmake --build "$BUILD" -j2 >/dev/null
TMP=$(mktemp -d /tmp/screens.XXXXXX)
SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
"$BUILD/storyline" ingest --quiet --db "$TMP/s.db" "$SRC"/sample/html "$SRC"/sample/text \
    "$SRC"/sample/jsonl "$SRC"/sample/warc >/dev/null
"$BUILD/storyline" serve --db "$TMP/s.db" --port 0 2>"$TMP/serve.err" &
SPID=$!
for _ in $(seq 100); do grep -q serving "$TMP/serve.err" && break; sleep 0.1; done
PORT=$(sed -n 's/.*:\([0-9][0-9]*\)\/.*/\1/p' "$TMP/serve.err")
SL_NODE_MODULES=$NODE_MODULES node "$SRC/bench/screens.mjs" "http://127.0.0.1:$PORT" "$OUT"
