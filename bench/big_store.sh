#!/bin/bash
# big_store.sh — a large store for the report and serve benchmarks: the
# bundled sample's 16 articles replicated R times, each replica's words
# enciphered with its own key (calendar, number and reporting words kept,
# so replicas are different stories with the sample's shape: lengths,
# sentences, numbers, dates, quotes) and its dates shifted 3 days per
# replica. Prints one line: articles, storylines, ingest seconds.
# Usage: bench/big_store.sh REPLICAS DB
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BIN=${BUILD:-$SRC/build}/storyline
N=${1:?usage: big_store.sh REPLICAS DB}
DB=${2:?usage: big_store.sh REPLICAS DB}
TMP=$(mktemp -d /tmp/big-store.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
rm -f "$DB" "$DB-wal" "$DB-shm"
"$BIN" ingest --db "$TMP/sample.db" --quiet "$SRC/sample/html" "$SRC/sample/text" \
    "$SRC/sample/jsonl" "$SRC/sample/warc" >/dev/null
for id in $(seq 1 16); do "$BIN" show "$id" --json --db "$TMP/sample.db"; echo; done \
    >"$TMP/sample.jsonl"
python3 - "$TMP/sample.jsonl" "$N" >"$TMP/big.jsonl" <<'PY'
import datetime, hashlib, json, re, sys
arts = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
# Calendar, number and reporting words keep their meaning: dates, hedges
# and speech verbs must still read as such in every replica.
KEEP = set("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow morning afternoon evening night week weeks day days
hour hours minute minutes year years month months percent about nearly close
than more less over under around some most least well one two three four
five six seven eight nine ten eleven twelve hundred thousand million first
second third last next said says told asked added according that this with
from have been were will would could should their there they what when
where which while then them into only also both each other such very just
after before since until again still even never ever""".split())
V, C = "aeiou", "bcdfghklmnprstvz"
def cipher(word, key):
    if len(word) < 4 or word.lower() in KEEP:
        return word
    h = hashlib.blake2b((key + word.lower()).encode(), digest_size=16).digest()
    s = "".join(C[h[i] % len(C)] + V[h[i + 1] % len(V)] for i in range(0, 2 * ((len(word) + 1) // 2), 2))
    s = s[:len(word)]
    if word.isupper():
        return s.upper()
    return s.capitalize() if word[0].isupper() else s
for k in range(n):
    key = "r%d:" % k
    enc = lambda t: re.sub(r"[A-Za-z]+", lambda m: cipher(m.group(0), key), t or "")
    for a in arts:
        pub = a.get("published") or ""
        date = ""
        if pub[:10]:
            d = datetime.date.fromisoformat(pub[:10]) + datetime.timedelta(days=3 * k)
            date = d.isoformat() + " 09:00:00"
        url = a.get("url") or ""
        print(json.dumps({"title": enc(a.get("title")), "maintext": enc(a.get("text")),
                          "date_publish": date or None,
                          "url": (url + "?r=%d" % k) if url else None,
                          "source_domain": a.get("outlet"), "language": "en"}))
PY
t0=$(date +%s.%N)
"$BIN" ingest --db "$DB" --quiet "$TMP/big.jsonl" >"$TMP/ingest.json"
t1=$(date +%s.%N)
stories=$("$BIN" stories --db "$DB" --json --limit 0 | wc -l)
articles=$(python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read().splitlines()[-1]); print(d['new'])" "$TMP/ingest.json")
echo "store: $articles articles, $stories storylines (ingest $(python3 -c "print('%.1f' % ($t1 - $t0))") s)"
