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
  "$BUILD/libstoryline.a" $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lm \
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
