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
# Kept between runs (bench/serve.sh uses the same stores).
BIG=$OUT/store-$N.db
if [ -f "$BIG" ]; then
    echo "store: $BIG (kept from an earlier run)"
else
    "$SRC/bench/big_store.sh" "$N" "$BIG"
fi
best=""
for run in 1 2 3; do
    rm -rf "$TMP/pages"
    a=$(date +%s.%N)
    "$BIN" report --db "$BIG" --format html -o "$TMP/pages" --quiet
    b=$(date +%s.%N)
    best=$(python3 -c "import sys; t=$b-$a; b='$best'; print(t if not b or t < float(b) else b)")
done
pages=$(ls "$TMP/pages" | grep -c '^S[0-9]*\.html$')
python3 -c "import sys; t=float(sys.argv[1]); n=int(sys.argv[2]); print('report --format html -o DIR: %d storylines in %.2f s = %.0f stories/s (%.1f ms each), best of 3' % (n, t, n / t, 1000 * t / n))" "$best" "$pages"
