#!/bin/bash
# summarize.sh — the extractive summarizer (`storyline summarize --jsonl`) on
# the shared multi-document summarization sets, scored by rouge.py (the
# ROUGE-1.5.5 re-implementation: stemming, stopwords kept, recall, the
# "Average_R" 1.5.5 prints) and printed beside the published systems scored
# the same way (published/*.scores.md), then its speed.
#   bench/summarize.sh [duc2004|duc2006|speed|all]   (default all)
# It builds nothing: it runs $BUILD/storyline (default build/storyline).
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SHARED=${SL_SHARED:-$SRC/../shared}
BIN=${BUILD:-$SRC/build}/storyline
B=$SHARED/bench/summarization
WHAT=${1:-all}
PY=/usr/bin/python3
[ -d "$B/data" ] || { echo "no summarization data at $B/data" >&2; exit 77; }
[ -x "$BIN" ] || { echo "no $BIN: build first" >&2; exit 1; }
TMP=$(mktemp -d /tmp/summarize-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
row() { printf '%-34s %s\n' "$1" "$2"; }

# score DATA PRED WORDS -> "R-1 R-2 R-SU4 words"
score() {
  $PY "$B/rouge.py" --data "$1" --pred "$2" --words "$3" --json | $PY -c '
import json, sys
d = json.load(sys.stdin)
w = [sum(len(s.split()) for s in json.loads(l)["sentences"]) for l in open(sys.argv[1])]
print("%6.2f %6.2f %6.2f %8.1f" % tuple([100 * d[k]["avg155_R"] for k in ("ROUGE-1", "ROUGE-2", "ROUGE-SU4")] + [sum(w) / len(w)]))' "$2"
}

# anchors MD COLS...: rows of a published scores table, the named runs only
anchors() {
  local md=$1; shift
  $PY - "$md" "$@" <<'EOF'
import sys
md, runs = sys.argv[1], sys.argv[2:]
rows = {}
head = None
for line in open(md):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if head is None:
        head = cells
        continue
    if cells and cells[0] in runs:
        rows[cells[0]] = dict(zip(head, cells))
for r in runs:
    if r in rows:
        x = rows[r]
        key = [k for k in x if k.endswith("R (l100)") or k.endswith("R (l250)")]
        get = lambda p: next((x[k] for k in key if k.startswith(p + " ")), "")
        print("%-34s %6s %6s %6s %8s" % (r.split(".", 1)[1], get("R-1"), get("R-2"), get("R-SU4"), x["words"]))
EOF
}

# run_set NAME DATA WORDS: our figures and clusters/s
run_set() {
  local name=$1 data=$2 words=$3
  local t0 t1 n
  t0=$(now)
  "$BIN" summarize --jsonl "$data" --words "$words" >"$TMP/$name.jsonl"
  t1=$(now)
  n=$(wc -l <"$data")
  row "storyline" "$(score "$data" "$TMP/$name.jsonl" "$words")"
  awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN {printf "  (%d clusters in %.2f s: %.0f clusters/s, end to end)\n", n, b - a, n / (b - a)}'
}

duc2004() {
  echo "== DUC 2004 task 2 dev (23 clusters), 100 words, stemmed, recall (avg155_R)"
  row "system" "   R-1    R-2  R-SU4    words"
  run_set duc2004 "$B/data/dev.jsonl" 100
  anchors "$B/published/dev.scores.md" dev.sumrepo_DPP dev.sumrepo_ICSISumm \
    dev.sumrepo_RegSum dev.sumrepo_OCCAMS_V dev.sumrepo_Submodular dev.textrank \
    dev.lexrank_cont dev.sumrepo_CLASSY04 dev.sumrepo_GreedyKL dev.sumrepo_Lead
  echo
}

duc2006() {
  echo "== DUC 2006 dev (30 topics, query ignored), 250 words, stemmed, recall (avg155_R)"
  row "system" "   R-1    R-2  R-SU4    words"
  run_set duc2006 "$B/data/duc2006_dev.jsonl" 250
  anchors "$B/published/duc2006_dev.scores.md" duc2006_dev.nist_peer24 duc2006_dev.nist_peer23 \
    duc2006_dev.nist_peer12 duc2006_dev.nist_peer8 duc2006_dev.lexrank duc2006_dev.centroid \
    duc2006_dev.textrank duc2006_dev.lead_first
  echo "  (official DUC 2006, jackknifed, all topics: best system R-2 9.51 R-SU4 15.46)"
  echo
}

speed() {
  echo "== speed: one cluster of 1,000 documents (the dev clusters' documents, cycled)"
  $PY - "$B/data/dev.jsonl" "$B/data/duc2006_dev.jsonl" >"$TMP/big.jsonl" <<'EOF'
import json, sys
docs = [d for f in sys.argv[1:] for l in open(f) for d in json.loads(l)["documents"]]
out = [dict(d, id="%s#%d" % (d["id"], i)) for i, d in enumerate(docs[i % len(docs)] for i in range(1000))]
print(json.dumps({"id": "big", "documents": out}))
EOF
  local words t
  for words in 100 250; do
    t=$( { /usr/bin/time -f "%e %U %S" "$BIN" summarize --jsonl "$TMP/big.jsonl" --words $words >/dev/null; } 2>&1 | tail -n 1)
    echo "$t" | awk -v w=$words '{printf "%-34s %.2f s wall, %.2f s CPU (end to end: JSON, segmentation, summary)\n", w " words", $1, $2 + $3}'
  done
  echo
}

case $WHAT in
duc2004) duc2004 ;;
duc2006) duc2006 ;;
speed) speed ;;
all) duc2004; duc2006; speed ;;
*) echo "usage: bench/summarize.sh [duc2004|duc2006|speed|all]" >&2; exit 2 ;;
esac
