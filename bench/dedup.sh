#!/bin/bash
# dedup.sh — near-duplicate detection benchmark: builds the library and
# bench/dedup_run (-O2), generates a seeded copy set from the DUC dev stream
# into a temp dir (never the repo), runs the detector over it in stream
# order, scores it, and prints P, R, F1, docs/s and memory; then times a
# burst of 10,000 identical copies and fills a 200,000-document ring with
# synthetic unique articles to measure memory at the default bound.
# Usage: bench/dedup.sh [SEED=7] [PASSES=20]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SHARED=${SL_SHARED:-$SRC/../shared}
SEED=${1:-7}
PASSES=${2:-20}
DUC=$SHARED/bench/clustering/data/duc_stream.dev.jsonl
BUILD=${BUILD:-$SRC/build}
[ -f "$DUC" ] || { echo "no DUC stream at $DUC" >&2; exit 77; }
TMP=$(mktemp -d /tmp/dedup-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target storyline_core >/dev/null
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$SRC/include" -I"$SRC/src" \
   "$SRC/bench/dedup_run.c" "$BUILD/libstoryline.a" \
   $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lm \
   -o "$BUILD/dedup_run"

/usr/bin/python3 "$SRC/bench/dedup_copies.py" --seed "$SEED" "$DUC" >"$TMP/gold.jsonl"
SPEED=$("$BUILD/dedup_run" -r "$PASSES" <"$TMP/gold.jsonl" 2>&1 >"$TMP/pred.jsonl")
SCORE=$(/usr/bin/python3 "$SRC/bench/dedup_score.py" "$TMP/gold.jsonl" "$TMP/pred.jsonl")
BURST=$("$BUILD/dedup_run" -b 10000 <"$TMP/gold.jsonl")
SYNTH=$("$BUILD/dedup_run" -s 250000 -m 200000 <"$TMP/gold.jsonl")

val() { sed -n "s/.*[ ^]$1=\([^ ]*\).*/\1/p" <<<" $2" | head -1; }
NATIVE=$(sed -n '/^with DUC-native/{n;p}' <<<"$SCORE")
printf '%-34s %6s %6s %6s %10s %8s %12s\n' "seed $SEED" P R F1 docs/s MB/s memory
printf '%-34s %6.3f %6.3f %6.3f %10.0f %8.1f %12s\n' "strict (generated copies only)" \
  "$(val precision "$SCORE")" "$(val recall "$SCORE")" "$(val f1 "$SCORE")" \
  "$(val docs_per_s "$SPEED")" "$(val mb_per_s "$SPEED")" "$(val memory_bytes "$SPEED")"
printf '%-34s %6.3f %6.3f %6.3f\n' "DUC-native duplicates as families" \
  "$(val precision "$NATIVE")" "$(val recall "$NATIVE")" "$(val f1 "$NATIVE")"
printf '%-34s %6s %6s %6s %10.0f %8.1f %12s\n' "full ring (200k synthetic docs)" - - - \
  "$(val docs_per_s "$SYNTH")" "$(val mb_per_s "$SYNTH")" "$(val memory_bytes "$SYNTH")"
printf '%-34s %6s %6s %6s %10.0f %8s %12s\n' "burst of 10,000 identical copies" - - - \
  "$(val copies_per_s "$BURST")" - "$(val memory_after_last "$BURST")"
echo
echo "$SCORE"
echo
echo "# $SPEED"
echo "# $BURST"
echo "# $SYNTH"
