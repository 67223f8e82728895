#!/bin/bash
# extraction.sh — article-extraction benchmark on the dev split: builds the
# library and bench/extraction_speed (-O2), extracts every page in-process
# (text to OUT/ID.txt), scores with the shared eval.py, and prints our
# F1/P/R, empty pages and speed beside the published figures.
# With RUN_PEERS=1 it first runs the peers that install here
# (shared/bench/extraction/peers/run_all.sh: readability-lxml, html2text,
# html-text, BeautifulSoup, Readability.js, boilerpipe) so that their F1 and
# pages/s come from this machine in the same run; without it, peer outputs
# already in $PEERS (default /tmp/extraction-peers) are scored if present.
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
   $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet) -lstemmer -lm \
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

# Every published extractor and every peer run here, scored by the shared
# score_table.py in one table with ours; peers' speeds from their own runs.
PEERS=${PEERS:-/tmp/extraction-peers}
if [ "${RUN_PEERS:-0}" = 1 ]; then
  WORK=$PEERS bash "$BENCH/peers/run_all.sh" "$SPLIT" 3 >/dev/null
fi
TABLE=$BUILD/bench-extraction/$SPLIT-table
rm -rf "$TABLE" && mkdir -p "$TABLE"
ln -s "$OUT" "$TABLE/storyline"
if [ -d "$PEERS/out/$SPLIT" ]; then
  for d in "$PEERS/out/$SPLIT"/*/; do ln -s "$d" "$TABLE/$(basename "$d")"; done
fi
echo
/usr/bin/python3 "$BENCH/score_table.py" "$SPLIT" --peers "$TABLE" --n-bootstrap 0
if [ -f "$PEERS/results/${SPLIT}_timing.txt" ]; then
  echo
  echo "peers timed on this machine (best pass, pages/s):"
  awk '/^TIMING/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                   if (v["pages_per_s"] + 0 > best[v["name"]] + 0) best[v["name"]] = v["pages_per_s"] }
       END { for (n in best) printf "  %-16s %8.1f\n", n, best[n] }' \
      "$PEERS/results/${SPLIT}_timing.txt" | sort
else
  echo "(peers not run here: RUN_PEERS=1 $0 runs them, installing their Debian and npm packages)"
fi
