#!/bin/sh
# ingest_warc.sh — reader throughput on a Common-Crawl-style WARC.gz.
#
# Builds (once, into $BENCH_TMP, default /tmp/storyline-bench) a WARC.gz from
# the benchmark pages in shared/bench/extraction/data/dev, one gzip member
# per record, repeated to SIZE_MB (default 200) compressed; then times
# bench/read_speed (linked against build/libstoryline.a) reading every
# article, and raw zlib / libdeflate inflate alone for comparison, each under
# /usr/bin/time -v for peak RSS. The data never leaves the scratch directory.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SL_SHARED:-$SRC/../shared}
PAGES=$SHARED/bench/extraction/data/dev
TMP=${BENCH_TMP:-/tmp/storyline-bench}
SIZE_MB=${SIZE_MB:-200}
BUILD=${BUILD:-$SRC/build}

if [ ! -d "$PAGES" ]; then
  echo "skip: $PAGES not found" >&2
  exit 77
fi
[ -x /usr/bin/time ] || { echo "installing time(1)" >&2; apt-get install -y -qq time >/dev/null; }
[ -f "$BUILD/libstoryline.a" ] || cmake --build "$BUILD" -j2 >/dev/null

mkdir -p "$TMP"
WARC=$TMP/bench-$SIZE_MB.warc.gz
[ -f "$WARC" ] || python3 "$SRC/bench/make_warc.py" --size-mb "$SIZE_MB" "$WARC" "$PAGES"/*.html

DRIVER=$TMP/read_speed
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$SRC/include" "$SRC/bench/read_speed.c" \
  "$BUILD/libstoryline.a" $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lstemmer -lm \
  -o "$DRIVER"

run() { # mode: prints the driver's line plus peak RSS
  /usr/bin/time -v "$DRIVER" "$@" 2>"$TMP/time.txt" | tr -d '\n'
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  echo " peak_rss_mb=$((rss / 1024))"
  grep '^error' "$TMP/time.txt" | head -3 >&2 || true
}

echo "file: $WARC ($(du -m "$WARC" | cut -f1) MB)"
run --zlib "$WARC"
run --libdeflate "$WARC"
run "$WARC"

# The whole job: `storyline ingest` of the WARC.gz into a fresh store, and
# the same on a quarter-size file to show that peak memory does not grow
# with the input.
ingest() { # file label
  db=$TMP/ingest.db
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v "$BUILD/storyline" ingest --db "$db" --json "$1" >"$TMP/ingest.json" 2>"$TMP/time.txt"
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  python3 - "$TMP/ingest.json" "$2" "$rss" "$(du -m "$1" | cut -f1)" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
label, rss, mb = sys.argv[2], int(sys.argv[3]) // 1024, int(sys.argv[4])
s = d["seconds"]
print(f"mode=ingest:{label} file_mb={mb} articles={d['articles']} new={d['new']} "
      f"errors={d['errors']} seconds={s:.2f} mb_per_s={d['bytes'] / 1e6 / s:.1f} "
      f"articles_per_s={d['articles'] / s:.0f} peak_rss_mb={rss}")
PY
}
SMALL=$TMP/bench-$((SIZE_MB / 4)).warc.gz
[ -f "$SMALL" ] || python3 "$SRC/bench/make_warc.py" --size-mb "$((SIZE_MB / 4))" "$SMALL" "$PAGES"/*.html
ingest "$SMALL" small
ingest "$WARC" full
