#!/bin/sh
# test_bad_input.sh — hostile and broken input never stops a run.
#
# Each case is a directory with one good page and one bad item, generated
# here at test time (nothing hostile is committed). For each, `storyline
# ingest` must: name the bad item in a line on stderr, still store the good
# articles, exit 1, not crash (no signal, no sanitizer report), and finish
# within 60 s, which rules out quadratic work on 200 MB lines and
# 100,000-deep nesting.

. "$(dirname "$0")/lib.sh"
need_bin
need_python
command -v timeout >/dev/null 2>&1 || skip "timeout (coreutils) not found"
S=$SL_SRC/sample
W=$(scratch bad_input)
[ -n "$SL_KEEP" ] || trap 'rm -rf "$W"' EXIT
GOOD=$S/html/marrow-bay-courier-strike-vote.html
[ -f "$GOOD" ] || { fail "sample page $GOOD not found"; finish; }

# case_dir NAME: a fresh directory holding the good page.
case_dir() {
    rm -rf "${W:?}/$1"
    mkdir -p "$W/$1"
    cp "$GOOD" "$W/$1/good.html"
    printf '%s\n' "$W/$1"
}

# run_case NAME BADNAME MIN_GOOD [recover]: ingest $W/NAME and check the
# contract. With "recover", storing the bad item correctly (exit 0) is
# accepted too; the caller then checks what was stored.
run_case() {
    name=$1 bad=$2 min=$3
    db=$W/$name.db
    t0=$(date +%s)
    timeout 60 "$SL_BIN" ingest --db "$db" "$W/$name" >"$W/$name.out" 2>"$W/$name.err" </dev/null
    rc=$?
    t1=$(date +%s)
    no_crash "$name: ingest" "$rc" "$W/$name.err"
    if [ "$rc" -ge 124 ]; then
        return
    fi
    if [ "$4" = recover ] && [ "$rc" -eq 0 ]; then
        ok "$name: recovered the item (exit 0)"
    elif [ "$4" = warning ]; then
        # Stored with a warning: named on stderr, counted, not a failure.
        assert_exit "$name: exit status 0" "$rc" 0 "$W/$name.err"
        named=$(grep -c -- "$bad.*warning" "$W/$name.err")
        assert_ge "$name: stderr warns about $bad" "$named" 1
        last_json_line "$W/$name.out" "$W/$name.sum"
        json_true "$name: summary counts the warning" "$W/$name.sum" "d['warnings'] >= 1" "d"
    else
        assert_exit "$name: exit status 1" "$rc" 1 "$W/$name.err"
        named=$(grep -cF -- "$bad" "$W/$name.err")
        assert_ge "$name: stderr names $bad" "$named" 1
        lines=$(wc -l <"$W/$name.err")
        if [ "$lines" -le 5 ]; then
            ok "$name: error is short ($lines stderr lines)"
        else
            fail "$name: $lines stderr lines, want a line per bad item"
            sed -n '1,3s/^/     stderr: /p' "$W/$name.err"
        fi
        last_json_line "$W/$name.out" "$W/$name.sum"
        json_true "$name: summary counts the error" "$W/$name.sum" "d['errors'] >= 1" "d"
    fi
    "$SL_BIN" articles --db "$db" --json >"$W/$name.articles" 2>/dev/null </dev/null
    stored=$(jq_py "$W/$name.articles" "len(docs)")
    assert_ge "$name: good articles stored" "$stored" "$min"
    json_true "$name: the good page is among them" "$W/$name.articles" \
        "any('Ferry workers vote to strike' in (x.get('title') or '') for x in docs)" \
        "[x.get('title') for x in docs]"
    echo "     ($name took $((t1 - t0)) s)"
}

# ------------------------------------------------------------ empty file
d=$(case_dir empty)
: >"$d/empty.html"
run_case empty empty.html 1

# ----------------------------------------------------------- binary junk
d=$(case_dir junk)
head -c 65536 /dev/urandom >"$d/junk.html"
run_case junk junk.html 1

# ------------------------------------------------------- lying charset
# Declares UTF-8, is Latin-1 (é is the lone byte 0xE9). Either an error
# naming it, or the page stored with é decoded right: never U+FFFD or
# mojibake in the store.
d=$(case_dir liar)
{
    printf '<!DOCTYPE html><html><head><meta charset="utf-8">\n'
    printf '<title>Caf\351 owners count the cost of the ferry strike</title></head><body>\n'
    printf '<article><h1>Caf\351 owners count the cost of the ferry strike</h1>\n'
    printf '<p>The caf\351 by the Marrow Bay terminal has served eleven customers since Wednesday, its owner said, down from several hundred on a normal weekday.</p>\n'
    printf '<p>\253We are open because the regulars still come,\273 she said. Her caf\351 relies on the crowds that wait for the ferry every morning.</p>\n'
    printf '<p>Two other caf\351s on the quay have closed until the boats run again, and a bakery has cut its hours.</p>\n'
    printf '</article></body></html>\n'
} >"$d/liar.html"
run_case liar liar.html 1 recover
if [ "$rc" -eq 0 ]; then
    "$SL_BIN" extract --text "$d/liar.html" >"$W/liar.txt" 2>/dev/null </dev/null
    assert_contains "liar: stored text decodes é" "$W/liar.txt" "The café by the Marrow Bay terminal"
    assert_contains "liar: stored text decodes « »" "$W/liar.txt" "«We are open"
    assert_not_contains "liar: no U+FFFD" "$W/liar.txt" "$(printf '\357\277\275')"
    assert_not_contains "liar: no mojibake" "$W/liar.txt" "Ã©"
fi

# ------------------------------------------------------ truncated warc.gz
# Cut 100 bytes before the end: inside the last record's gzip member. The
# two records before it are whole and must be stored.
d=$(case_dir truncgz)
size=$(wc -c <"$S/warc/sample.warc.gz")
head -c $((size - 100)) "$S/warc/sample.warc.gz" >"$d/cut.warc.gz"
run_case truncgz cut.warc.gz 3

# --------------------------------------------- WARC whose length lies
# The second response record says it is 300 bytes shorter than it is: the
# reader must report that record, resynchronize, and keep the others.
d=$(case_dir warclen)
awk '
    /^WARC-Type: response/ { resp++ }
    resp == 2 && !done && /^Content-Length:/ {
        n = $2 + 0; printf "Content-Length: %d\r\n", n - 300; done = 1; next
    }
    { print }
' "$S/warc/sample.warc" >"$d/lying.warc"
if cmp -s "$S/warc/sample.warc" "$d/lying.warc"; then
    fail "warclen: could not rewrite Content-Length"
fi
run_case warclen lying.warc 2

# ----------------------------------------------- one invalid JSON line
d=$(case_dir badjsonl)
{
    sed -n 1p "$S/jsonl/news-please.jsonl"
    printf '{"title": "Broken line", "maintext": "no closing quote}\n'
    sed -n 2p "$S/jsonl/news-please.jsonl"
} >"$d/mixed.jsonl"
run_case badjsonl mixed.jsonl 3

# ------------------------------------------------ 200 MB single line
# As a JSONL line between two good lines, then as a plain text file. Each
# is deleted right after its run.
big=209715200
d=$(case_dir hugeline)
{
    sed -n 1p "$S/jsonl/news-please.jsonl"
    printf '{"title": "Endless", "maintext": "'
    yes 'the ferry strike goes on ' | tr -d '\n' | head -c $big
    printf '"}\n'
    sed -n 2p "$S/jsonl/news-please.jsonl"
} >"$d/huge.jsonl"
run_case hugeline huge.jsonl 3
rm -f "$d/huge.jsonl"

d=$(case_dir hugetext)
yes 'the ferry strike goes on ' | tr -d '\n' | head -c $big >"$d/huge.txt"
run_case hugetext huge.txt 1
rm -f "$d/huge.txt"

# ------------------------------------------------ 100,000-deep nesting
deep=100000
d=$(case_dir deephtml)
{
    printf '<!DOCTYPE html><html><head><title>Deep</title></head><body>'
    yes '<div>' | head -n $deep | tr -d '\n'
    printf '<p>The ferry strike is at the bottom of a very deep page.</p>'
    yes '</div>' | head -n $deep | tr -d '\n'
    printf '</body></html>\n'
} >"$d/deep.html"
# The page is kept (nesting past the limit is flattened) with a warning.
run_case deephtml deep.html 2 warning

d=$(case_dir deepjson)
{
    sed -n 1p "$S/jsonl/news-please.jsonl"
    printf '{"title": "Deep", "maintext": "Deep JSON.", "extra": '
    yes '[' | head -n $deep | tr -d '\n'
    yes ']' | head -n $deep | tr -d '\n'
    printf '}\n'
    sed -n 2p "$S/jsonl/news-please.jsonl"
} >"$d/deep.jsonl"
run_case deepjson deep.jsonl 3

# ------------------------------------------ unreadable directory entry
# Root reads through chmod 000, so the unreadable entry is a symlink to a
# file that does not exist.
d=$(case_dir dangling)
ln -s "$W/no-such-file.html" "$d/gone.html"
run_case dangling gone.html 1

finish
