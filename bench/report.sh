#!/bin/bash
# report.sh — the report page and the report's speed.
#
# 1. Screenshots of the bundled sample's page (S1.html) as a desktop (1280
#    wide) and a phone (390 wide) browser shows it, with headless Chromium,
#    into build/bench/: report-desktop.png, report-phone.png (and the page).
# 2. Speed of `storyline report` over a big store: the sample replicated N
#    times (default 200: 3,200 articles), each replica's words enciphered
#    with its own key (so replicas are different stories with the sample's
#    shape: same lengths, sentences, numbers, dates, quotes) and its dates
#    shifted, then every storyline reported as HTML into a directory.
#    Prints storylines per second (best of 3 runs).
# Usage: bench/report.sh [N]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD=${BUILD:-$SRC/build}
N=${1:-200}
OUT=$BUILD/bench
BIN=$BUILD/storyline
TMP=$(mktemp -d /tmp/report-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
cmake --build "$BUILD" -j2 >/dev/null

"$BIN" ingest --db "$TMP/sample.db" --quiet "$SRC/sample/html" "$SRC/sample/text" \
    "$SRC/sample/jsonl" "$SRC/sample/warc" >/dev/null
"$BIN" report S1 --db "$TMP/sample.db" --format html -o "$OUT" --quiet
cp "$OUT/S1.html" "$OUT/report-sample.html"

# ------------------------------------------------------------ screenshots
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
    shot() { # NAME WIDTH HEIGHT
        timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
            --disable-background-networking --disable-component-update --disable-sync \
            --no-first-run --hide-scrollbars --force-device-scale-factor=1 \
            --user-data-dir="$TMP/profile" --window-size="$2,$3" \
            --screenshot="$OUT/$1" "file://$OUT/report-sample.html" >/dev/null 2>&1
        echo "screenshot: $OUT/$1 ($2x$3)"
    }
    shot report-desktop.png 1280 2000
    shot report-phone.png 390 2400
else
    echo "chromium not installed: no screenshots" >&2
fi

# ------------------------------------------------------------ big store
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
"$BIN" ingest --db "$TMP/big.db" --quiet "$TMP/big.jsonl" >"$TMP/ingest.json"
t1=$(date +%s.%N)
stories=$("$BIN" stories --db "$TMP/big.db" --json --limit 0 | wc -l)
articles=$(python3 -c "import json,sys; d=json.loads(open(sys.argv[1]).read().splitlines()[-1]); print(d['new'])" "$TMP/ingest.json")
echo "store: $articles articles, $stories storylines (ingest $(python3 -c "print('%.1f' % ($t1 - $t0))") s)"
best=""
for run in 1 2 3; do
    rm -rf "$TMP/pages"
    a=$(date +%s.%N)
    "$BIN" report --db "$TMP/big.db" --format html -o "$TMP/pages" --quiet
    b=$(date +%s.%N)
    best=$(python3 -c "import sys; t=$b-$a; b='$best'; print(t if not b or t < float(b) else b)")
done
pages=$(ls "$TMP/pages" | grep -c '^S[0-9]*\.html$')
python3 -c "import sys; t=float(sys.argv[1]); n=int(sys.argv[2]); print('report --format html -o DIR: %d storylines in %.2f s = %.0f stories/s (%.1f ms each), best of 3' % (n, t, n / t, 1000 * t / n))" "$best" "$pages"
