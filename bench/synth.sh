#!/bin/bash
# synth.sh — speed of the synthesis of one big story: the duc_stream dev
# articles (plus reordered-paragraph rewrites of some, which fold as
# copies) ingested, then put into one storyline, which sl_store_synthesis
# loads and synthesizes (merged entities, quotes, slots, conflicts,
# timeline, summary). Goal of the issue: 1,000 articles in under a second.
# Usage: bench/synth.sh [N]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
SHARED=${SL_SHARED:-$SRC/../shared}
BUILD=${BUILD:-$SRC/build}
N=${1:-1030}
DATA=$SHARED/bench/clustering/data/duc_stream.dev.jsonl
[ -f "$DATA" ] || { echo "no clustering data at $DATA" >&2; exit 77; }
TMP=$(mktemp -d /tmp/synth-bench.XXXXXX)
[ -n "${SL_KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT

cmake --build "$BUILD" -j2 >/dev/null
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$SRC/include" "$SRC/bench/synth_run.c" \
   "$BUILD/libstoryline.a" $(pkg-config --libs sqlite3 zlib libdeflate libutf8proc uchardet libmicrohttpd) \
   -lstemmer -lm -o "$BUILD/synth_run"

python3 - "$DATA" "$N" >"$TMP/docs.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
out = []
for d in docs:
    out.append({"id": d["id"], "title": d.get("title", ""), "date": d.get("date") or "",
                "text": d["text"]})
i = 0
while len(out) < n:  # a rewrite: the same paragraphs, the last one first
    d = out[i]
    paras = d["text"].split("\n\n")
    out.append(dict(d, id=d["id"] + ".r", text="\n\n".join(paras[-1:] + paras[:-1])))
    i += 1
for d in out[:n]:
    print(json.dumps(d))
PY
"$BUILD/storyline" ingest --db "$TMP/s.db" --quiet "$TMP/docs.jsonl" >/dev/null
python3 - "$TMP/s.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE article_cluster SET event = 1, storyline = 1")
db.execute("UPDATE event SET storyline = 1 WHERE id = 1")
db.commit()
PY
echo "synthesis of one storyline (sl_store_synthesis: load + every pass), best of 3:"
"$BUILD/synth_run" "$TMP/s.db" S1 3
