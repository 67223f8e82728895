#!/bin/sh
# warc_memory.sh — is memory bounded on a 10 GB WARC.gz stream?
#
# Streams the bench WARC.gz of bench/ingest_warc.sh (built once from the
# shared extraction pages, SIZE_MB compressed) concatenated with itself
# until GB gigabytes of compressed input have gone by (a concatenation of
# gzip members is itself a valid WARC.gz), through a pipe so that nothing of
# that size is written to disk:
#   * the readers alone (every article extracted), GB gigabytes;
#   * `storyline ingest -` into a new store, INGEST_GB gigabytes (after the
#     first round every record is a copy of one already stored, so this
#     measures the ingest path's memory over a long stream, not store growth;
#     bench/ingest_warc.sh measures a store that grows);
# each also on one round alone, under /usr/bin/time -v: the peak RSS of the
# long run must equal that of the short one.
# Usage: bench/warc_memory.sh  (env: GB=10 INGEST_GB=2 SIZE_MB=200)
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SL_SHARED:-$SRC/../shared}
PAGES=$SHARED/bench/extraction/data/dev
TMP=${BENCH_TMP:-/tmp/storyline-bench}
SIZE_MB=${SIZE_MB:-200}
GB=${GB:-10}
INGEST_GB=${INGEST_GB:-2}
BUILD=${BUILD:-$SRC/build}

if [ ! -d "$PAGES" ]; then
  echo "skip: $PAGES not found" >&2
  exit 77
fi
[ -x /usr/bin/time ] || { echo "installing time(1)" >&2; apt-get install -y -qq time >/dev/null; }
cmake --build "$BUILD" -j2 >/dev/null

mkdir -p "$TMP"
WARC=$TMP/bench-$SIZE_MB.warc.gz
[ -f "$WARC" ] || python3 "$SRC/bench/make_warc.py" --size-mb "$SIZE_MB" "$WARC" "$PAGES"/*.html
DRIVER=$TMP/read_speed
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$SRC/include" "$SRC/bench/read_speed.c" \
  "$BUILD/libstoryline.a" $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lstemmer -lm \
  -o "$DRIVER"
MB=$(du -m "$WARC" | cut -f1)

rounds() { echo $(( ($1 * 1000 + MB - 1) / MB )); }
stream() { i=0; while [ "$i" -lt "$1" ]; do cat "$WARC"; i=$((i + 1)); done; }
peak() { awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$TMP/time.txt"; }

reader() { # rounds
  stream "$1" | /usr/bin/time -v "$DRIVER" /dev/stdin 2>"$TMP/time.txt" >"$TMP/out.txt"
  python3 - "$TMP/out.txt" "$1" "$(peak)" <<'PY'
import sys
kv = dict(x.split("=") for x in open(sys.argv[1]).read().split())
print(f"{'readers, every article':34} {float(kv['compressed_mb'])/1000:7.1f} GB  "
      f"{int(kv['articles']):>10,} articles  {float(kv['compressed_mb_s']):6.1f} MB/s  "
      f"errors {kv['errors']}  peak RSS {sys.argv[3]} MB")
PY
}

ingest() { # rounds
  db=$TMP/warc-memory.db
  rm -f "$db" "$db-wal" "$db-shm"
  stream "$1" | /usr/bin/time -v "$BUILD/storyline" ingest --db "$db" --json - >"$TMP/out.txt" 2>"$TMP/time.txt"
  python3 - "$TMP/out.txt" "$1" "$(peak)" "$MB" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
gb = int(sys.argv[2]) * int(sys.argv[4]) / 1000
print(f"{'storyline ingest -':34} {gb:7.1f} GB  {d['articles']:>10,} articles  "
      f"{d['bytes'] / 1e6 / d['seconds']:6.1f} MB/s  errors {d['errors']}  new {d['new']}  "
      f"peak RSS {sys.argv[3]} MB")
PY
  rm -f "$db" "$db-wal" "$db-shm"
}

echo "stream: $WARC ($MB MB compressed) repeated through a pipe"
reader 1
reader "$(rounds "$GB")"
ingest 1
ingest "$(rounds "$INGEST_GB")"
