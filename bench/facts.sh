#!/bin/bash
# facts.sh — who, said what, when, how many: `storyline annotate --jsonl` on
# the shared facts benchmarks (dev splits), scored by their own scorers and
# printed beside the published anchors and the npm peers, in one run.
#   bench/facts.sh [time|quotes|ner|xdoc|numbers|speed|peers|all]   (default all)
# The peers (compromise, chrono-node, Recognizers-Text, wink-nlp) run only
# with `all` or `peers` and only where `npm ci` in the shared peers folder works.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SHARED=${SL_SHARED:-$SRC/../shared}
BUILD=${BUILD:-$SRC/build}
B=$SHARED/bench/facts
D=$B/data
WHAT=${1:-all}
[ -d "$D" ] || { echo "no facts data at $D" >&2; exit 77; }
TMP=$(mktemp -d /tmp/facts-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target storyline >/dev/null
PY=/usr/bin/python3
A="$PY $SRC/bench/facts_adapt.py"

# run TASK NAME GOLD [annotate options] -> $TMP/NAME.pred
run() {
  local task=$1 name=$2 gold=$3; shift 3
  $A input "$task" "$gold" >"$TMP/$name.in"
  "$BUILD/storyline" annotate --jsonl "$@" "$TMP/$name.in" >"$TMP/$name.out"
  $A pred "$task" "$gold" "$TMP/$name.out" >"$TMP/$name.pred"
}
js() { $PY -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%.1f" % (100*d[k]) if isinstance(d[k], float) and d[k] <= 1.0 else str(d[k]) for k in sys.argv[1:]))' "$@"; }
row() { printf '%-46s %s\n' "$1" "$2"; }

time_bench() {
  echo "== time expressions (time_eval.py; value F1 is TempEval-3's ranking score)"
  printf '%-46s %s\n' "set / system" "value F1  type F1  relaxed F1  strict F1"
  for set in te3_platinum tbaq_timebank tbaq_aquaint wikiwars; do
    run time "$set" "$D/time/$set.dev.jsonl"
    row "storyline, $set dev" "$($PY "$B/time_eval.py" "$D/time/$set.dev.jsonl" --pred "$TMP/$set.pred" --json |
      js value_F1 type_F1 relaxed_F1 strict_F1 | awk '{printf "%8s %8s %11s %10s", $1, $2, $3, $4}')"
  done
  row "HeidelTime (published, TE-3 platinum)" "   77.6"
  row "SUTime (published, TE-3 platinum)" "   67.4"
  row "Recognizers-Text (bench README, te3 dev)" "   63.1"
  echo
}

quotes_bench() {
  echo "== quotes (quotes_eval.py, GenderGapTracker metric, PolNeAR dev)"
  run quotes polnear "$D/quotes/polnear.dev.jsonl"
  printf '%-46s %s\n' "set / system" "F1@0.3  F1@0.8  speaker acc"
  for mode in --direct ""; do
    local r label="all attributions"
    [ -n "$mode" ] && label="direct quotes"
    r=$($PY "$B/quotes_eval.py" "$D/quotes/polnear.dev.jsonl" --pred "$TMP/polnear.pred" $mode --json)
    row "storyline, $label" "$($PY -c '
import json,sys; d={r["threshold"]: r for r in json.loads(sys.argv[1])}
print("%6.1f  %6.1f  %11.1f" % (100*d[0.3]["F1"], 100*d[0.8]["F1"], 100*d[0.3]["speaker_acc"]))' "$r")"
  done
  row "GenderGapTracker (published, own data)" "  83.7    76.1         86.5"
  row "quotation-mark baseline (bench README)" "  49.0                 44.2"
  echo
}

ner_bench() {
  echo "== entities (ner_eval.py ner, wikigold dev, PER/LOC/ORG exact match)"
  run ner wikigold "$D/ner/wikigold.dev.jsonl"
  printf '%-46s %s\n' "system" "F1      P      R"
  row "storyline" "$($PY "$B/ner_eval.py" ner "$D/ner/wikigold.dev.jsonl" --pred "$TMP/wikigold.pred" --types PER,LOC,ORG --json | js F1 P R | awk '{printf "%-7s%-7s%s", $1, $2, $3}')"
  row "compromise (bench README)" "45.1"
  echo
}

xdoc_bench() {
  echo "== cross-document entities (ner_eval.py xdoc, MEANTIME dev, B-cubed)"
  run xdoc meantime "$D/ner/meantime_xdoc.dev.jsonl" --xdoc
  printf '%-46s %s\n' "system" "B3 F1   P      R"
  row "storyline" "$($PY "$B/ner_eval.py" xdoc "$D/ner/meantime_xdoc.dev.jsonl" --pred "$TMP/meantime.pred" --json | js B3_F1 B3_P B3_R | awk '{printf "%-7s%-7s%s", $1, $2, $3}')"
  for base in exact lastword; do
    row "baseline: $base (run here)" "$($PY "$B/ner_eval.py" xdoc "$D/ner/meantime_xdoc.dev.jsonl" --baseline $base --json | js B3_F1 B3_P B3_R | awk '{printf "%-7s%-7s%s", $1, $2, $3}')"
  done
  echo
}

numbers_bench() {
  echo "== quantities (numbers_eval.py, CQE metric, NewsQuant dev)"
  run numbers newsquant "$D/numbers/newsquant.dev.jsonl"
  printf '%-46s %s\n' "system" "value F1  value+unit F1"
  row "storyline" "$($PY "$B/numbers_eval.py" "$D/numbers/newsquant.dev.jsonl" --pred "$TMP/newsquant.pred" --json | $PY -c '
import json,sys; d=json.load(sys.stdin)
print("%8.1f  %13.1f" % (100*d["value"][2], 100*d["value+unit"][2]))')"
  row "CQE (published, whole set)" "    91.9           85.5"
  row "quantulum3 (published)" "    73.1"
  row "wink-nlp / Recognizers-Text (bench README)" "    68.6 / 68.3"
  echo
}

speed_bench() {
  echo "== speed and memory of the annotation stage (one core)"
  cat "$D"/time/*.jsonl "$D"/quotes/*.jsonl "$D"/numbers/*.jsonl |
    $PY -c '
import json,sys
for l in sys.stdin:
    d=json.loads(l); print(json.dumps({"id":d["doc_id"],"text":d["text"],"date":d.get("dct") or d.get("publication_date") or ""}))' >"$TMP/all.in"
  for k in 1 10; do
    for _ in $(seq $k); do cat "$TMP/all.in"; done >"$TMP/rep.in"
    /usr/bin/time -f "%M" -o "$TMP/rss" "$BUILD/storyline" annotate --jsonl --timing "$TMP/rep.in" \
      2>"$TMP/timing" >/dev/null
    row "annotate --jsonl, facts dev texts x$k" "$($PY -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print("%d articles, %d sentences, %d sentences/s" % (d["articles"], d["sentences"], d["sentences_per_second"]))' "$TMP/timing"), peak RSS $(( $(cat "$TMP/rss") / 1024 )) MB"
  done
  echo
}

# The npm peers, installed once into the build folder from the shared lock file.
peers_bench() {
  local P=$BUILD/facts-peers
  if [ ! -d "$P/node_modules" ]; then
    mkdir -p "$P" && cp "$B"/peers/*.js "$B"/peers/package*.json "$P"/
    (cd "$P" && npm ci --no-audit --no-fund >/dev/null 2>&1) || { echo "(peers: npm ci failed, skipped)"; return 0; }
  fi
  echo "== npm peers, run here on the same dev files"
  local p
  for p in chrono recognizers compromise; do
    TZ=UTC node "$P/time_peers.js" $p "$D/time/te3_platinum.dev.jsonl" >"$TMP/t_$p.pred" 2>/dev/null
    row "time: $p, te3_platinum dev value F1" "$($PY "$B/time_eval.py" "$D/time/te3_platinum.dev.jsonl" --pred "$TMP/t_$p.pred" --json | js value_F1)"
  done
  node "$P/quote_peers.js" "$D/quotes/polnear.dev.jsonl" >"$TMP/q.pred" 2>/dev/null
  row "quotes: compromise, direct F1@0.3" "$($PY "$B/quotes_eval.py" "$D/quotes/polnear.dev.jsonl" --pred "$TMP/q.pred" --direct --json | $PY -c 'import json,sys; print("%.1f" % (100*json.load(sys.stdin)[0]["F1"]))')"
  node "$P/ner_peers.js" "$D/ner/wikigold.dev.jsonl" >"$TMP/n.pred" 2>/dev/null
  row "entities: compromise, wikigold F1" "$($PY "$B/ner_eval.py" ner "$D/ner/wikigold.dev.jsonl" --pred "$TMP/n.pred" --types PER,LOC,ORG --json | js F1)"
  for p in wink recognizers compromise; do
    node "$P/numbers_peers.js" $p "$D/numbers/newsquant.dev.jsonl" >"$TMP/nq_$p.pred" 2>/dev/null
    row "quantities: $p, value / value+unit F1" "$($PY "$B/numbers_eval.py" "$D/numbers/newsquant.dev.jsonl" --pred "$TMP/nq_$p.pred" --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print("%.1f / %.1f" % (100*d["value"][2], 100*d["value+unit"][2]))')"
  done
  echo
}

case $WHAT in
  time) time_bench ;; quotes) quotes_bench ;; ner) ner_bench ;; xdoc) xdoc_bench ;;
  numbers) numbers_bench ;; speed) speed_bench ;; peers) peers_bench ;;
  all) time_bench; quotes_bench; ner_bench; xdoc_bench; numbers_bench; speed_bench; peers_bench ;;
  *) echo "usage: bench/facts.sh [time|quotes|ner|xdoc|numbers|speed|peers|all]" >&2; exit 2 ;;
esac
