#!/bin/sh
# End-to-end test of the storyline command on our own fixtures
# (tests/fixtures/cli: an invented ferry strike in Marrow Bay): ingest,
# idempotent re-ingest, listing, show, search, extract, exit codes, and a
# kill -9 in the middle of a large ingest.
#
# Environment (set by CTest): SL_BIN the storyline binary, SL_SRC the source
# tree, SL_TMP a scratch directory. Exit 77 means skipped.
set -u

: "${SL_BIN:?SL_BIN not set}"
: "${SL_SRC:?SL_SRC not set}"
: "${SL_TMP:=/tmp/sl_e2e_$$}"

FIX="$SL_SRC/tests/fixtures/cli"
T="$SL_TMP/cli.$$"
DB="$T/store.db"
FAILS=0

rm -rf "$T" && mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT

fail() {
    echo "FAIL: $*" >&2
    FAILS=$((FAILS + 1))
}
ok() { echo "ok: $*"; }

# check "what" expected actual
check() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected '$2', got '$3'"; fi
}

# contains "what" needle file
contains() {
    if grep -q -- "$2" "$3"; then ok "$1"; else
        fail "$1: '$2' not in output:"
        sed 's/^/    /' "$3" >&2
    fi
}

# The value of a numeric field in a one-line JSON object.
jnum() { printf '%s\n' "$1" | sed -n "s/.*\"$2\":\([0-9][0-9]*\).*/\1/p"; }

[ -x "$SL_BIN" ] || { echo "skip: no binary at $SL_BIN"; exit 77; }

# Until the readers land, nothing can be read: say so and skip.
if ! "$SL_BIN" extract "$FIX/talks.txt" >/dev/null 2>"$T/probe.err"; then
    if grep -q "not implemented" "$T/probe.err"; then
        echo "skip: readers not implemented in this build"
        exit 77
    fi
fi

# ------------------------------------------------------------ usage, exit codes
"$SL_BIN" --version >"$T/out" 2>&1
check "--version exits 0" 0 $?
contains "--version prints the version" "storyline [0-9]" "$T/out"
"$SL_BIN" --help >"$T/out" 2>&1
check "--help exits 0" 0 $?
contains "--help documents exit codes" "exit status" "$T/out"
for c in ingest extract articles show search stats; do
    "$SL_BIN" "$c" --help >"$T/out" 2>&1
    check "$c --help exits 0" 0 $?
done
"$SL_BIN" frobnicate >/dev/null 2>&1
check "unknown command is a usage error" 2 $?
"$SL_BIN" ingest --db "$DB" >/dev/null 2>&1
check "ingest without paths is a usage error" 2 $?
"$SL_BIN" articles --limit many --db "$DB" >/dev/null 2>&1
check "bad --limit is a usage error" 2 $?
"$SL_BIN" articles --db "$T/missing.db" >/dev/null 2>&1
check "reading a missing database is a store error" 3 $?
[ ! -e "$T/missing.db" ] && ok "a read command does not create a database" ||
    fail "a read command created $T/missing.db"
printf 'not a database, just a note about ferries\n%.0s' $(seq 1 100) >"$T/junk.db"
"$SL_BIN" stats --db "$T/junk.db" >/dev/null 2>"$T/err"
check "a file that is not a database is a store error" 3 $?

# ------------------------------------------------------------ ingest
out=$("$SL_BIN" ingest --db "$DB" "$FIX" 2>"$T/err")
check "ingest exits 0" 0 $?
check "ingest prints one line" 1 "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
check "files" 5 "$(jnum "$out" files)"
check "articles" 5 "$(jnum "$out" articles)"
check "new" 4 "$(jnum "$out" new)"
check "duplicates (talks-copy.txt)" 1 "$(jnum "$out" duplicates)"
check "errors" 0 "$(jnum "$out" errors)"
printf '%s\n' "$out" | grep -q '"seconds":[0-9.]*}$' && ok "seconds field" ||
    fail "seconds field missing: $out"
[ -s "$T/err" ] && fail "ingest wrote to stderr: $(cat "$T/err")"

out=$("$SL_BIN" ingest --db "$DB" "$FIX" 2>"$T/err")
check "re-ingest exits 0" 0 $?
check "re-ingest stores nothing new" 0 "$(jnum "$out" new)"
check "re-ingest sees every article" 5 "$(jnum "$out" duplicates)"

out=$(cat "$FIX/talks.txt" | "$SL_BIN" ingest --db "$DB" - 2>"$T/err")
check "stdin ingest exits 0" 0 $?
check "stdin copy is a duplicate" 1 "$(jnum "$out" duplicates)"

# ------------------------------------------------------------ browse
STORYLINE_DB="$DB" "$SL_BIN" stats --json >"$T/out" 2>&1
check "stats via STORYLINE_DB exits 0" 0 $?
check "stats counts articles" 4 "$(jnum "$(cat "$T/out")" articles)"
check "stats counts sources (copy and stdin too)" 6 "$(jnum "$(cat "$T/out")" sources)"

"$SL_BIN" --db "$DB" articles >"$T/out" 2>&1
check "articles exits 0" 0 $?
check "articles: header and four rows" 5 "$(wc -l <"$T/out" | tr -d ' ')"
"$SL_BIN" articles --db "$DB" --json --limit 2 >"$T/out" 2>&1
check "articles --json --limit 2" 2 "$(grep -c '^{"id":' "$T/out")"
"$SL_BIN" articles --db "$DB" --json --limit 2 --offset 3 >"$T/out" 2>&1
check "articles --offset" 1 "$(grep -c '^{"id":' "$T/out")"

"$SL_BIN" search --db "$DB" skiff --json >"$T/out" 2>&1
check "search exits 0" 0 $?
check "search finds the one transcript" 1 "$(grep -c '^{"id":' "$T/out")"
contains "search marks the match" '\[skiff\]' "$T/out"
id=$(sed -n 's/^{"id":\([0-9]*\).*/\1/p' "$T/out")

"$SL_BIN" show "$id" --db "$DB" >"$T/out" 2>&1
check "show exits 0" 0 $?
contains "show prints the text" "lobster skiff" "$T/out"
contains "show prints the transcript turns" "^LINDQVIST: " "$T/out"
contains "show prints the source" "radio-transcript.txt" "$T/out"
"$SL_BIN" show "$id" --json --db "$DB" >"$T/out" 2>&1
contains "show --json has the store id" "^{\"article_id\":$id," "$T/out"
"$SL_BIN" show 9999 --db "$DB" >/dev/null 2>&1
check "show of a missing id exits 1" 1 $?
"$SL_BIN" show abc --db "$DB" >/dev/null 2>&1
check "show of a non-number is a usage error" 2 $?

"$SL_BIN" search --db "$DB" "ferry" >"$T/out" 2>&1
check "plain search exits 0" 0 $?
contains "plain search lists hits" "\[[Ff]err" "$T/out"
"$SL_BIN" search --db "$DB" "Marrow-Bay" >"$T/out" 2>&1
check "search with punctuation is safe" 0 $?
"$SL_BIN" search --db "$DB" '"unbalanced phrase' >"$T/out" 2>&1
check "bad query syntax is a usage error" 2 $?
check "bad query syntax is one line" 1 "$(wc -l <"$T/out" | tr -d ' ')"
"$SL_BIN" search --db "$DB" "zeppelin" >"$T/out" 2>&1
check "no hits is not an error" 0 $?

# ------------------------------------------------------------ extract
"$SL_BIN" extract --text "$FIX/talks.txt" >"$T/out" 2>&1
check "extract --text exits 0" 0 $?
contains "extract --text prints clean text" "customs house" "$T/out"
"$SL_BIN" extract "$FIX/strike-day-one.html" >"$T/out" 2>&1
check "extract exits 0" 0 $?
check "extract prints one JSON object" 1 "$(grep -c '^{"id":"[0-9a-f]*"' "$T/out")"
"$SL_BIN" extract --segments - <"$FIX/talks.txt" >"$T/out" 2>&1
contains "extract --segments from stdin" '"sentences":' "$T/out"
"$SL_BIN" extract "$T/nope.html" >"$T/out" 2>&1
check "extract of a missing file exits 1" 1 $?
check "extract error is one line" 1 "$(wc -l <"$T/out" | tr -d ' ')"

# ------------------------------------------------------------ failures
before=$("$SL_BIN" stats --json --db "$DB" 2>/dev/null)
mkdir -p "$T/more"
sed 's/Friday/Saturday/g' "$FIX/talks.txt" >"$T/more/talks-saturday.txt"
out=$("$SL_BIN" ingest --db "$DB" "$T/no-such-dir" "$T/more" 2>"$T/err")
check "a missing path makes ingest exit 1" 1 $?
check "the other input is still stored" 1 "$(jnum "$out" new)"
check "one error counted" 1 "$(jnum "$out" errors)"
check "one error line" 1 "$(wc -l <"$T/err" | tr -d ' ')"
contains "the error line names the path" "^storyline: .*no-such-dir" "$T/err"
if [ "$(id -u)" != 0 ]; then
    cp "$FIX/talks.txt" "$T/more/secret.txt" && chmod 000 "$T/more/secret.txt"
    "$SL_BIN" ingest --db "$DB" "$T/more" >/dev/null 2>"$T/err"
    check "an unreadable file makes ingest exit 1" 1 $?
    chmod 600 "$T/more/secret.txt"
else
    echo "note: running as root, unreadable-file check covered by the missing path"
fi
[ "$before" != "$("$SL_BIN" stats --json --db "$DB" 2>/dev/null)" ] && ok "store grew" ||
    fail "store did not grow"

# ------------------------------------------------------------ kill -9
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "note: no sqlite3 CLI, kill -9 check skipped"
else
    BIG="$T/big"
    N=3000
    mkdir -p "$BIG"
    awk -v dir="$BIG" -v n="$N" 'BEGIN {
        for (i = 0; i < n; i++) {
            f = sprintf("%s/bulletin-%05d.txt", dir, i)
            printf "Marrow Bay harbour bulletin number %d\n\n", i > f
            printf "Bulletin %d: the ferry to Gull Island is still idle, and crews say talks about night pay have not moved since bulletin %d.\n\n", i, i - 1 > f
            printf "Tide tables for day %d are posted on the quay. The harbour master repeats that the terminal stays open.\n", i > f
            close(f)
        }
    }'
    KDB="$T/kill.db"
    "$SL_BIN" ingest --db "$KDB" --batch 50 "$BIG" >"$T/kill.out" 2>"$T/kill.err" &
    pid=$!
    i=0
    while [ $i -lt 400 ]; do
        n=$(sqlite3 "$KDB" 'SELECT count(*) FROM article' 2>/dev/null)
        [ "${n:-0}" -gt 0 ] && break
        sleep 0.02
        i=$((i + 1))
    done
    kill -9 "$pid" 2>/dev/null && killed=yes || killed=no
    wait "$pid" 2>/dev/null
    echo "note: killed mid-run: $killed with ${n:-0} articles committed"
    check "integrity after kill -9" ok "$(sqlite3 "$KDB" 'PRAGMA integrity_check')"
    check "fts index consistent after kill -9" "" \
        "$(sqlite3 "$KDB" "INSERT INTO article_fts(article_fts) VALUES('integrity-check')" 2>&1)"
    out=$("$SL_BIN" ingest --db "$KDB" --batch 50 "$BIG" 2>"$T/err")
    check "re-run after kill exits 0" 0 $?
    check "re-run sees every file" $N "$(jnum "$out" files)"
    check "every bulletin stored once" $N "$(sqlite3 "$KDB" 'SELECT count(*) FROM article')"
    check "one source per bulletin" $N "$(sqlite3 "$KDB" 'SELECT count(*) FROM source')"
    check "re-run added exactly what was missing" $N \
        "$(( $(jnum "$out" new) + $(jnum "$out" duplicates) ))"
fi

if [ "$FAILS" -gt 0 ]; then
    echo "$FAILS check(s) failed" >&2
    exit 1
fi
echo "all CLI checks passed"
