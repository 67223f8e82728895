#!/bin/bash
# extraction.sh — article-extraction benchmark on the dev split: builds the
# library and bench/extraction_speed (-O2), extracts every page in-process
# (text to OUT/ID.txt), scores with the shared eval.py, and prints our
# F1/P/R, empty pages and speed beside the published figures.
# Usage: bench/extraction.sh [SPLIT=dev] [REPEAT=5]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SHARED=${SL_SHARED:-$SRC/../shared}
SPLIT=${1:-dev}
REPEAT=${2:-5}
BENCH=$SHARED/bench/extraction
DATA=$BENCH/data/$SPLIT
BUILD=${BUILD:-$SRC/build}
OUT=${OUT:-$BUILD/bench-extraction/$SPLIT/storyline}
[ -d "$DATA" ] || { echo "no benchmark data at $DATA" >&2; exit 77; }

cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target storyline_core >/dev/null
cc -O2 -std=c11 -I"$SRC/include" "$SRC/bench/extraction_speed.c" "$BUILD/libstoryline.a" \
   $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lm \
   -o "$BUILD/extraction_speed"

rm -rf "$OUT" && mkdir -p "$OUT"
SPEED=$("$BUILD/extraction_speed" -o "$OUT" -r "$REPEAT" "$DATA"/*.html 2>"$OUT.stderr")
SCORE=$(/usr/bin/python3 "$BENCH/eval.py" --gt "$DATA/ground_truth.json" --pred-dir "$OUT" \
        --n-bootstrap 0 --per-item "$OUT.per_item.tsv" | tail -1)
EMPTY=0
for f in "$OUT"/*.txt; do [ -s "$f" ] || EMPTY=$((EMPTY + 1)); done

val() { sed -n "s/.*[ ^]$1=\([^ ]*\).*/\1/p" <<<" $2"; }
printf '%-22s %6s %6s %6s %6s %10s %8s\n' system F1 P R empty pages/s MB/s
printf '%-22s %6.3f %6.3f %6.3f %6d %10.0f %8.1f\n' "storyline (ours)" \
  "$(val f1 "$SCORE")" "$(val precision "$SCORE")" "$(val recall "$SCORE")" "$EMPTY" \
  "$(val pages_per_s "$SPEED")" "$(val mb_per_s "$SPEED")"
# Published dev figures (speeds from the peers' own runs, not re-measured).
printf '%-22s %6s %6s %6s %6s %10s %8s\n' \
  "rs_trafilatura" 0.969 - - - - - \
  "trafilatura 2.0" 0.958 - - - - - \
  "Readability.js" 0.951 - - - 8 - \
  "readability-lxml" 0.946 - - - 61 - \
  "boilerpipe" - - - - 196 -
echo "# $SCORE"
echo "# $SPEED"
echo "# outputs: $OUT  per-item: $OUT.per_item.tsv"
