#!/bin/sh
# `storyline summarize --jsonl`: one cited summary per cluster line, in
# order, within the word bound; bad lines named on stderr, the rest still
# answered, exit 1. The fixture is an invented story (tests/fixtures/summarize).
. "$(dirname "$0")/lib.sh"
need_bin
need_python
T=$(scratch summarize)
F="$SL_SRC/tests/fixtures/summarize/cluster.jsonl"

"$SL_BIN" summarize --jsonl "$F" >"$T/out.jsonl" 2>"$T/err"
rc=$?
no_crash "summarize on the fixture" "$rc" "$T/err"
assert_exit "bad lines make exit status 1" "$rc" 1 "$T/err"
assert_eq "the malformed line is named" "$(grep -c 'cluster.jsonl:2:' "$T/err")" 1
assert_eq "the line with a bad document is named" "$(grep -c 'cluster.jsonl:3: document 1' "$T/err")" 1
json_true "the good lines are answered, in order" "$T/out.jsonl" \
    '[x["id"] for x in docs] == ["c1", "c4"]' '[x["id"] for x in docs]'
json_true "one citation list per sentence" "$T/out.jsonl" \
    'all(len(x["sentences"]) == len(x["citations"]) and x["sentences"] for x in docs)'
json_true "at most 100 words" "$T/out.jsonl" \
    'all(sum(len(s.split()) for s in x["sentences"]) <= 100 for x in docs)'

# Every sentence is text of the document it cites first (its words in
# order: a day of the week or an aside may be cut), and the sentence
# two reports share cites both.
python3 - "$F" "$T/out.jsonl" >"$T/check" <<'P'
import json, sys
clusters = {}
for line in open(sys.argv[1]):
    try:
        c = json.loads(line)
        clusters[c["id"]] = {d["id"]: " ".join(d["text"].split()) for d in c["documents"]}
    except Exception:
        pass
good = True
shared = None
for x in map(json.loads, open(sys.argv[2])):
    texts = clusters[x["id"]]
    for s, cites in zip(x["sentences"], x["citations"]):
        # its words, in order, with asides cut out (the first capitalized)
        words, at = [w.strip(".,;:") for w in texts[cites[0]].lower().split()], 0
        for w in (w.strip(".,;:") for w in s.lower().split()):
            while at < len(words) and words[at] != w:
                at += 1
            good &= at < len(words)
            at += 1
        if s.startswith("About 300 passengers"):
            shared = sorted(cites)
print("verbatim", good)
print("shared", shared)
P
assert_eq "each sentence is the words of its first citation" "$(sed -n 's/^verbatim //p' "$T/check")" True
assert_eq "a sentence in two reports cites both" "$(sed -n 's/^shared //p' "$T/check")" "['k1', 'k2']"
assert_not_contains "no question in a summary" "$T/out.jsonl" "spring holidays?"
assert_not_contains "no quotation in a summary" "$T/out.jsonl" "day and night"
assert_not_contains "the dateline is cut" "$T/out.jsonl" "Valley Post"
json_true "the oldest report comes first" "$T/out.jsonl" 'docs[0]["citations"][0][0] == "k1"' \
    'docs[0]["citations"]'

# --words, stdin
head -n 1 "$F" | "$SL_BIN" summarize --jsonl --words 30 - >"$T/short.jsonl" 2>"$T/err2"
assert_exit "a good cluster on stdin exits 0" "$?" 0 "$T/err2"
json_true "--words 30 bounds the summary" "$T/short.jsonl" \
    'len(docs) == 1 and 0 < sum(len(s.split()) for s in d["sentences"]) <= 30' \
    'sum(len(s.split()) for s in d["sentences"])'
"$SL_BIN" summarize --jsonl --words many "$F" >/dev/null 2>&1
assert_exit "a bad --words is a usage error" "$?" 2
"$SL_BIN" summarize --help >"$T/help" 2>&1
assert_contains "help shows the usage" "$T/help" "summarize --jsonl"
finish
