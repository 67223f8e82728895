#!/bin/bash
# big_store.sh — a large store for the serve and report benchmarks: the
# bundled sample's 16 articles replicated until N articles, each replica a
# week later than the one before and with its own words (every word of four
# letters or more gets the replica's two-letter suffix: "Marrowab"), so the
# store holds N distinct articles in about N/16 stories, not N/16 copies
# of one. Usage: bench/big_store.sh N DB
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD=${BUILD:-$SRC/build}
N=${1:?usage: big_store.sh N DB}
DB=${2:?usage: big_store.sh N DB}
TMP=$(mktemp -d /tmp/big-store.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BUILD/storyline" ingest --quiet --no-cluster --db "$TMP/sample.db" \
    "$SRC/sample/html" "$SRC/sample/text" "$SRC/sample/jsonl" "$SRC/sample/warc" >/dev/null
for id in $("$BUILD/storyline" articles --json --limit 100 --db "$TMP/sample.db" |
            python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["id"]) for l in sys.stdin))'); do
    "$BUILD/storyline" show "$id" --json --db "$TMP/sample.db"
done >"$TMP/sample.jsonl"
python3 - "$TMP/sample.jsonl" "$N" >"$TMP/big.jsonl" <<'PY'
import datetime, json, re, sys
def code(k):
    return chr(97 + k // 26 % 26) + chr(97 + k % 26) + ("" if k < 676 else str(k // 676))
def respell(text, k):
    c = code(k)
    return re.sub(r"[A-Za-z]{4,}", lambda m: m.group(0) + c, text)
base = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
for i in range(n):
    a = base[i % len(base)]
    k = i // len(base)
    day = (a.get("published") or "2023-03-10")[:10]
    d = datetime.date.fromisoformat(day) + datetime.timedelta(weeks=k)
    print(json.dumps({"id": "%s-%d" % (a["id"], k), "title": respell(a["title"], k),
                      "date": d.isoformat(), "url": a.get("url"),
                      "source_domain": a.get("outlet"), "text": respell(a["text"], k)}))
PY
"$BUILD/storyline" ingest --quiet --db "$DB" "$TMP/big.jsonl" >/dev/null
