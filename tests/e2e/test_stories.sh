#!/bin/sh
# test_stories.sh — stories on the bundled sample: ingest clusters at its
# end, `stories` and `story` show every article once, copies folded,
# `cluster --rebuild` gives the same listing, --json parses, --no-cluster
# leaves the clustering to `cluster`, and the exit codes of docs/CLI.md.

. "$(dirname "$0")/lib.sh"
need_bin
need_python
S=$SL_SRC/sample
W=$(scratch stories)
[ -n "$SL_KEEP" ] || trap 'rm -rf "$W"' EXIT
[ -d "$S/html" ] || { fail "sample not found at $S"; finish; }
DB=$W/sample.db
sl() { "$SL_BIN" "$@" --db "$DB"; }

# ------------------------------------------------------------ help, usage
for c in stories story cluster; do
    "$SL_BIN" "$c" --help >"$W/out" 2>&1
    assert_exit "$c --help exits 0" $? 0
    assert_contains "$c --help shows its usage" "$W/out" "usage: storyline $c"
done
"$SL_BIN" stories --db "$W/missing.db" >/dev/null 2>&1
assert_exit "stories on a missing database is a store error" $? 3
[ ! -e "$W/missing.db" ] && ok "stories does not create a database" ||
    fail "stories created $W/missing.db"

# ------------------------------------------------------------ ingest
sl ingest --json "$S/html" "$S/text" "$S/jsonl" "$S/warc" >"$W/ingest.out" 2>"$W/ingest.err"
assert_exit "ingest of the sample" $? 0 "$W/ingest.err"
last_json_line "$W/ingest.out" "$W/sum.json"
json_true "ingest summary counts new events" "$W/sum.json" 'd["events"] >= 1' 'd'
json_true "ingest summary counts new storylines" "$W/sum.json" \
    'd["storylines"] >= 1 and d["storylines"] <= d["events"]' 'd'
json_true "ingest summary counts copies" "$W/sum.json" 'd["copies"] >= 0' 'd'

# ------------------------------------------------------------ stories
sl stories >"$W/stories.txt" 2>"$W/err"
assert_exit "stories" $? 0 "$W/err"
assert_contains "stories has a header" "$W/stories.txt" "ID      FIRST"
assert_contains "stories lists S1" "$W/stories.txt" "S1 "
sl stories --json --limit 0 >"$W/stories.json" 2>"$W/err"
assert_exit "stories --json" $? 0 "$W/err"
json_true "stories --json parses, one storyline per line" "$W/stories.json" \
    'len(docs) >= 1 and all(x["id"] == "S%d" % x["storyline"] for x in docs)'
json_true "every sample article is in one storyline, once" "$W/stories.json" \
    'sum(x["articles"] + x["copies"] for x in docs) == 16' \
    '[(x["id"], x["articles"], x["copies"]) for x in docs]'
json_true "storylines newest first, undated last" "$W/stories.json" \
    '[x["last_day"] or "" for x in docs] == sorted([x["last_day"] or "" for x in docs], reverse=True)'
json_true "the earliest story is the strike vote" "$W/stories.json" \
    'any("strike" in x["title"].lower() and x["first_day"] == "2023-03-06" for x in docs)'
# Nine outlets wrote the sample's one storyline; two of them also have a
# page that states only its host (northernledger.example): one outlet.
json_true "outlets are counted by site, not by spelling" "$W/stories.json" \
    'sum(x["outlets"] for x in docs) == 9' '[x["outlets"] for x in docs]'

# ------------------------------------------------------------ story
sl story S1 >"$W/s1.txt" 2>"$W/err"
assert_exit "story S1" $? 0 "$W/err"
assert_contains "story S1 starts with the storyline" "$W/s1.txt" "S1  "
assert_contains "story S1 shows its first event" "$W/s1.txt" "E1  "
sl story 1 >"$W/s1b.txt" 2>"$W/err"
assert_exit "story 1 is storyline 1" $? 0 "$W/err"
cmp -s "$W/s1.txt" "$W/s1b.txt" && ok "story 1 = story S1" || fail "story 1 differs from story S1"
sl story E1 --all >"$W/e1.txt" 2>"$W/err"
assert_exit "story E1 --all" $? 0 "$W/err"
assert_contains "story E1 shows the event" "$W/e1.txt" "E1  "

# Every article of every storyline, copies included, exactly once.
: >"$W/all.json"
for id in $(jq_py "$W/stories.json" '" ".join(x["id"] for x in docs)'); do
    sl story "$id" --json >>"$W/all.json" 2>>"$W/err" || fail "story $id --json"
    printf '\n' >>"$W/all.json"
done
json_true "story --json parses: every article once" "$W/all.json" \
    'sorted(a["id"] for s in docs for e in s["events"] for m in e["articles"] for a in [m] + m["copies"]) == list(range(1, 17))' \
    '[a["id"] for s in docs for e in s["events"] for m in e["articles"] for a in [m] + m["copies"]]'
json_true "the transcript is marked undated" "$W/all.json" \
    'all(a["undated"] == (a["published"] is None) for s in docs for e in s["events"] for m in e["articles"] for a in [m] + m["copies"])'
n_undated=$(jq_py "$W/all.json" 'sum(a["undated"] for s in docs for e in s["events"] for m in e["articles"] for a in [m] + m["copies"])')
assert_ge "at least one undated article" "$n_undated" 1
# The text view says undated too.
for id in $(jq_py "$W/stories.json" '" ".join(x["id"] for x in docs)'); do sl story "$id"; done >"$W/all.txt" 2>&1
assert_contains "story marks undated articles" "$W/all.txt" "undated"
# Copies folded in the text view unless --all.
n_copies=$(jq_py "$W/stories.json" 'sum(x["copies"] for x in docs)')
if [ "$n_copies" -gt 0 ]; then
    grep -qE '\+[0-9]+ cop(y|ies)$' "$W/all.txt" && ok "story folds copies (+N copies)" ||
        fail "story folds copies: no '+N copies' in the text view"
    for id in $(jq_py "$W/stories.json" '" ".join(x["id"] for x in docs if x["copies"])'); do
        sl story "$id" --all
    done >"$W/copies.txt" 2>&1
    grep -qE '^    = +[0-9]+  .*\[(exact|near|contained|contains) [0-9.]+\]$' "$W/copies.txt" &&
        ok "story --all lists copies with their kind and similarity" ||
        fail "story --all lists no copy line"
else
    ok "no copies found in the sample by this clusterer (nothing to fold)"
fi

sl story S999 >/dev/null 2>"$W/err"
assert_exit "story of a missing storyline exits 1" $? 1
assert_contains "the error names it" "$W/err" "S999"
sl story X7 >/dev/null 2>&1
assert_exit "a malformed story id is a usage error" $? 2
sl story >/dev/null 2>&1
assert_exit "story without an id is a usage error" $? 2

# ------------------------------------------------------------ rebuild
sl cluster --rebuild >"$W/rebuild.txt" 2>"$W/err"
assert_exit "cluster --rebuild" $? 0 "$W/err"
assert_contains "cluster --rebuild reclusters all 16" "$W/rebuild.txt" "clustered 16 articles"
sl stories >"$W/stories2.txt" 2>&1
cmp -s "$W/stories.txt" "$W/stories2.txt" && ok "stories after a rebuild are the same" ||
    fail "stories after a rebuild differ: $(diff "$W/stories.txt" "$W/stories2.txt" | head -n 3 | tr '\n' ' ')"
sl cluster --json >"$W/again.json" 2>"$W/err"
assert_exit "cluster with nothing new" $? 0 "$W/err"
json_true "cluster with nothing new clusters nothing" "$W/again.json" \
    'd["articles"] == 0 and d["total_storylines"] >= 1' 'd'

# ------------------------------------------------------------ --no-cluster
DB=$W/later.db
sl ingest --json --no-cluster "$S/html" "$S/text" >"$W/ingest2.out" 2>"$W/err"
assert_exit "ingest --no-cluster" $? 0 "$W/err"
last_json_line "$W/ingest2.out" "$W/sum2.json"
json_true "ingest --no-cluster opens no events" "$W/sum2.json" 'd["events"] == 0' 'd'
sl stories --json >"$W/none.json" 2>&1
[ ! -s "$W/none.json" ] && ok "no storylines before cluster" || fail "storylines before cluster"
sl cluster --json >"$W/c.json" 2>"$W/err"
assert_exit "cluster after --no-cluster" $? 0 "$W/err"
json_true "cluster picks up what ingest left" "$W/c.json" 'd["articles"] == 6' 'd'
# Then the rest arrives: the first storylines keep their ids.
sl stories --json --limit 0 >"$W/before.json" 2>&1
sl ingest --json "$S/jsonl" "$S/warc" >/dev/null 2>"$W/err"
assert_exit "a second ingest clusters the new articles" $? 0 "$W/err"
sl stories --json --limit 0 >"$W/after.json" 2>&1
python3 - "$W/before.json" "$W/after.json" <<'PY' >"$W/kept" 2>&1
import json, sys
b = {d["id"]: d["first_day"] for d in map(json.loads, open(sys.argv[1]))}
a = {d["id"]: d["first_day"] for d in map(json.loads, open(sys.argv[2]))}
print("yes" if all(k in a for k in b) and len(a) >= len(b) else "no %s %s" % (sorted(b), sorted(a)))
PY
assert_eq "storylines of the first ingest keep their ids" "$(cat "$W/kept")" yes

# ------------------------------------------------------------ link evidence
# A strike and, seven weeks on, its contract: two events of one storyline.
# Each event names what it shares with the other (the union leader, the
# operator, the places), never a name only one of them has.
DB=$W/linked.db
cat >"$W/linked.jsonl" <<'EOF'
{"id": "a1", "title": "Ferry workers strike in Marrow Bay", "date": "2025-03-01", "url": "https://courier.example/a1", "text": "Ferry workers at Bayline Ferries walked out in Marrow Bay on Saturday, stranding hundreds of island commuters. Union leader Dara Whelan said the crews would stay out until Bayline Ferries raised its offer. Transport Minister Ilse Vandermeer urged both sides to return to talks. The ferry strike halted every crossing between Marrow Bay and Corran Island."}
{"id": "a2", "title": "Marrow Bay ferry strike strands commuters", "date": "2025-03-02", "url": "https://gazette.example/a2", "text": "The ferry strike at Bayline Ferries entered its second day in Marrow Bay. Dara Whelan, who leads the ferry workers' union, said crews were ready to talk. Commuters from Corran Island crowded the harbor waiting for news of the strike. Bayline Ferries said it would not raise its offer."}
{"id": "a3", "title": "Ferry union and Bayline Ferries sign new contract", "date": "2025-04-20", "url": "https://courier.example/a3", "text": "Seven weeks after the ferry strike in Marrow Bay, the ferry workers' union and Bayline Ferries signed a new two-year contract. Dara Whelan said the union's crews had won what the strike asked for. A harbor pilot, Tomas Reyes, said the crossings to Corran Island were full again."}
EOF
sl ingest --quiet "$W/linked.jsonl" >/dev/null 2>"$W/err"
assert_exit "ingest of a two-event storyline" $? 0 "$W/err"
sl story S1 --json >"$W/linked.json" 2>"$W/err"
assert_exit "story of a two-event storyline" $? 0 "$W/err"
json_true "the strike and its contract are two events of one storyline" "$W/linked.json" \
    'd["n_events"] == 2' 'd["n_events"]'
json_true "each event names the people and places it shares with the other" "$W/linked.json" \
    'all({"Dara Whelan", "Bayline Ferries", "Marrow Bay"} <= set(e["link_entities"]) for e in d["events"])' \
    '[e["link_entities"] for e in d["events"]]'
json_true "a name only one event has links nothing" "$W/linked.json" \
    'not any(n in e["link_entities"] for e in d["events"] for n in ("Ilse Vandermeer", "Tomas Reyes"))' \
    '[e["link_entities"] for e in d["events"]]'
sl story S1 >"$W/linked.txt" 2>&1
assert_contains "story shows what an event shares" "$W/linked.txt" "shares: "

# ------------------------------------------------------------ untitled
# An untitled report's event is named by its opening words, in quotation
# marks (its own words, not a headline); a later headline takes over.
DB=$W/untitled.db
cat >"$W/untitled.jsonl" <<'EOF'
{"id": "u1", "date": "2025-05-02", "text": "-----\nLighthouse keepers on Corran Island ended their sit-in on Friday after the harbor board agreed to keep the light staffed. The board had planned to automate it by June."}
{"id": "u0", "date": "2025-04-01", "text": "Grey seals came back to the Skerra dunes this spring. Wardens counted forty pups on the sand."}
EOF
sl ingest --quiet "$W/untitled.jsonl" >/dev/null 2>"$W/err"
assert_exit "ingest of an untitled report" $? 0 "$W/err"
sl stories --json >"$W/untitled.json" 2>"$W/err"
json_true "an untitled storyline is named by its quoted opening words, cut at a word" "$W/untitled.json" \
    'd["title"] == "\u201cLighthouse keepers on Corran Island ended their sit-in on Friday after the harbor board agreed to keep the\u2026\u201d"' 'd["title"]'
python3 -c '
import json, sys
t = [json.loads(l)["title"] for l in open(sys.argv[1])]
print(json.dumps(t[-1]))' "$W/untitled.json" >"$W/short_title"
assert_eq "a short opening sentence is quoted whole" "$(cat "$W/short_title")" \
    '"\u201cGrey seals came back to the Skerra dunes this spring.\u201d"'
cat >"$W/titled.jsonl" <<'EOF'
{"id": "u2", "date": "2025-05-02", "title": "Corran Island lighthouse sit-in ends", "text": "The sit-in by lighthouse keepers on Corran Island ended on Friday. The harbor board agreed to keep the light staffed, dropping its plan to automate it by June."}
EOF
sl ingest --quiet "$W/titled.jsonl" >/dev/null 2>"$W/err"
sl stories --json >"$W/titled.json" 2>"$W/err"
json_true "a headline takes over from the quoted opening" "$W/titled.json" \
    'd["title"] == "Corran Island lighthouse sit-in ends"' 'd["title"]'

finish
