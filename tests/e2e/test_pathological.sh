#!/bin/sh
# test_pathological.sh — inputs built to make a parser quadratic or deep.
#
# Each case is generated here (nothing hostile is committed) and run
# through the stage it targets under a 120 s bound: linear work on these
# sizes takes a few seconds even under the sanitizers, quadratic work
# takes hours. Each must not crash, must answer (exit 0, or 1 with the
# item named), and must keep what a reader would want from it.
# (Deep nesting and 200 MB lines are in test_bad_input.sh.)
. "$(dirname "$0")/lib.sh"
need_bin
need_python
command -v timeout >/dev/null 2>&1 || skip "timeout (coreutils) not found"
W=$(scratch pathological)
[ -n "${SL_KEEP:-}" ] || trap 'rm -rf "$W"' EXIT

# run NAME CMD...: run a storyline command on a case, bounded.
run() {
    name=$1
    shift
    t0=$(date +%s)
    timeout 120 "$SL_BIN" "$@" >"$W/$name.out" 2>"$W/$name.err" </dev/null
    rc=$?
    echo "note: $name took $(($(date +%s) - t0)) s"
    no_crash "$name" "$rc" "$W/$name.err"
    return $rc
}

gen() { python3 -c "$2" >"$W/$1"; }

# ----------------------------------------------- a million attributes
gen attrs.html '
import sys
w = sys.stdout.write
w("<html><body><p " + " ".join("a%d=x" % i for i in range(1000000)) + ">")
w("The ferry to Gull Island sailed at noon on Friday.</p></body></html>")'
run attrs extract --text "$W/attrs.html"
assert_contains "a million attributes: the paragraph's text is kept" "$W/attrs.out" "ferry to Gull Island"

# ------------------------------------------ unclosed comment and script
gen comment.html '
print("<html><body><p>Crews met the harbour master on Monday.</p><!-- " + "-- > <p>hidden</p> " * 400000)'
run comment extract --text "$W/comment.html"
assert_contains "an unclosed comment: the text before it is kept" "$W/comment.out" "harbour master"
assert_not_contains "an unclosed comment: nothing inside it leaks" "$W/comment.out" "hidden"
gen script.html '
print("<html><body><p>Talks resumed on Tuesday.</p><script>" + "if (a < b) { x = \"</scr\" + \"ipt>\"; } " * 300000)'
run script extract --text "$W/script.html"
assert_contains "an unclosed script: the text before it is kept" "$W/script.out" "Talks resumed"
assert_not_contains "an unclosed script: no code in the text" "$W/script.out" "if (a"

# ---------------------------------------------------- runs of quotes
gen quotes.txt '
print("The minister said \"we will talk\" on Monday. " + "\"" * 1000000 + " \x27" * 300000 + "\n\nThe port reopened.")'
run quotes annotate --json "$W/quotes.txt"
assert_eq "a million quote marks: annotated (exit 0)" "$rc" 0

# ------------------------------------------- runs of digits, abbreviations
gen digits.txt '
print("Crews counted " + "9" * 1000000 + " crates. " + "Dr. " * 200000 + "Vandermeer spoke. " + "1,2" * 300000 + " tonnes.")'
run digits annotate --json "$W/digits.txt"
assert_eq "a million digits and 200,000 abbreviations: annotated (exit 0)" "$rc" 0

# ----------------------------------------- a million one-word sentences
gen oneword.txt 'print("Yes. " * 1000000)'
run oneword extract --segments "$W/oneword.txt"
assert_eq "a million one-word sentences: segmented (exit 0)" "$rc" 0
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["sentences"]))' "$W/oneword.out" 2>/dev/null)
assert_eq "a million one-word sentences: each one is a sentence" "$n" 1000000
run oneword_facts annotate --json "$W/oneword.txt"
assert_eq "a million one-word sentences: annotated (exit 0)" "$rc" 0

# ---------------------------------------- 100,000 copies of one article
gen copies.jsonl '
import json
t = "Ferry crews in Marrow Bay walked out on Friday over night pay, the union said. Talks are set for Monday."
for i in range(100000):
    print(json.dumps({"id": "c%d" % i, "title": "Ferry crews walk out", "date": "2031-03-14", "text": t}))'
timeout 120 "$SL_BIN" cluster --jsonl <"$W/copies.jsonl" >"$W/copies.out" 2>"$W/copies.err"
rc=$?
no_crash "100,000 copies" "$rc" "$W/copies.err"
assert_eq "100,000 copies: one line each" "$(wc -l <"$W/copies.out")" 100000
assert_eq "100,000 copies: all but the first are copies of it" \
    "$(grep -c '"duplicate_of":"c0"' "$W/copies.out")" 99999
assert_eq "100,000 copies: one event" \
    "$(python3 -c 'import json,sys; print(len({json.loads(l)["event"] for l in open(sys.argv[1])}))' "$W/copies.out")" 1
finish
