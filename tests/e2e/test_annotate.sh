#!/bin/sh
# `storyline annotate` and `show --facts`: who, said what, when, how many.
# The JSONL filter the benchmarks call keeps each text as given, names bad
# lines and goes on; a file or a directory is read as ingest reads it; what
# ingest stores is what `show --facts` prints.
. "$(dirname "$0")/lib.sh"
need_bin
need_python
T=$(scratch annotate)

cat >"$T/in.jsonl" <<'J'
{"id":"mb1","date":"2031-03-14","text":"Harbour Minister Tomas Vell said on Thursday that about 1,200 ferry workers had walked out.\n\n\"We will not sail until the rota is fixed,\" union leader Ada Brenn said.\nVELL: The harbour stays open."}
not json at all
{"id":"mb2","text":""}
{"id":"mb3","title":"no text here"}
J
"$SL_BIN" annotate --jsonl "$T/in.jsonl" >"$T/out.jsonl" 2>"$T/err"
assert_eq "a bad line makes exit status 1" "$?" 1
assert_eq "the bad line is named on stderr" "$(grep -c 'in.jsonl:2:' "$T/err")" 1
assert_eq "a record without text is named" "$(grep -c 'in.jsonl:4:' "$T/err")" 1
python3 - "$T/out.jsonl" >"$T/check" <<'P'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("ids", ",".join(r["id"] for r in rows))
text = json.loads(open(sys.argv[1].replace("out", "in")).readline())["text"].encode()
ok = True
for r in rows[:1]:
    f = r["facts"]
    print("keys", ",".join(sorted(f)))
    for kind in ("quotes", "timexes", "quantities"):
        for x in f[kind]:
            ok &= text[x["start"]:x["end"]].decode() == x["text"]
    for e in f["entities"]:
        for m in e["mentions"]:
            ok &= text[m["start"]:m["end"]].decode() == m["text"]
print("spans", ok)
f = rows[0]["facts"]
ents = {e["name"]: e for e in f["entities"]}
vell = ents.get("Tomas Vell", {})
print("vell", vell.get("type"), vell.get("role"),
      sorted(m["kind"] for m in vell.get("mentions", [])))
print("quotes", ";".join("%s:%s" % (q["kind"], q["speaker_name"]) for q in f["quotes"]))
print("when", ",".join(t["value"] for t in f["timexes"]))
q = f["quantities"][0] if f["quantities"] else {}
print("howmany", q.get("value"), q.get("bound"))
P
assert_eq "one line per good article, ids kept" "$(grep '^ids' "$T/check")" "ids mb1,mb2"
assert_eq "the four kinds of facts" "$(grep '^keys' "$T/check")" "keys entities,quantities,quotes,timexes"
assert_eq "every span is a byte span of the text as given" "$(grep '^spans' "$T/check")" "spans True"
assert_eq "a person, with the role written before the name, and the transcript label" \
    "$(grep '^vell' "$T/check")" "vell PER Harbour Minister ['label', 'name']"
assert_eq "who said what: reported speech, a direct quote, a transcript turn" \
    "$(grep '^quotes' "$T/check")" "quotes indirect:Tomas Vell;direct:Ada Brenn;transcript:Tomas Vell"
assert_eq "Thursday resolves against the article's date" "$(grep '^when' "$T/check")" "when 2031-03-13"
assert_eq "about 1,200 keeps its hedge" "$(grep '^howmany' "$T/check")" "howmany 1200 approx"

"$SL_BIN" annotate "$SL_SRC/sample" >"$T/readable" 2>"$T/err2"
assert_eq "a directory of every format annotates" "$?" 0
assert_eq "each article gets its four sections" \
    "$(grep -c '^Entities (' "$T/readable")" "$(grep -c '^Quantities (' "$T/readable")"
assert_ge "every sample outlet's article is there" "$(grep -c '^== ' "$T/readable")" 9

# A line over the 16 MiB limit is named and skipped; the next line is done.
# The file sits under a long path: the message must keep the line number.
G="$T/a-directory-name-long-enough-to-push-the-path-past-sixty-four-bytes"
mkdir -p "$G"
python3 -c '
import json
print(json.dumps({"id": "giant", "text": "ferry " * 3000000}))
print(json.dumps({"id": "after", "text": "Crews returned on Monday."}))' >"$G/giant.jsonl"
"$SL_BIN" annotate --jsonl "$G/giant.jsonl" >"$T/giant.out" 2>"$T/giant.err"
assert_eq "a giant line makes exit status 1" "$?" 1
assert_eq "the giant line is named" "$(grep -c 'giant.jsonl:1: line longer' "$T/giant.err")" 1
assert_eq "the line after it is annotated" "$(grep -c '"id":"after"' "$T/giant.out")" 1

"$SL_BIN" annotate --nope "$T/in.jsonl" >/dev/null 2>&1
assert_eq "an unknown option is a usage error" "$?" 2

DB="$T/store.db"
"$SL_BIN" --db "$DB" ingest "$SL_SRC/sample" >/dev/null 2>&1
"$SL_BIN" --db "$DB" show 2 --facts --json >"$T/show.json"
assert_eq "show --facts after ingest" "$?" 0
python3 - "$T/show.json" >"$T/check2" <<'P'
import json, sys
r = json.load(open(sys.argv[1]))
print("show", r["id"], ",".join(sorted(r["facts"])))
P
assert_eq "stored facts have the four kinds" "$(cat "$T/check2")" "show 2 entities,quantities,quotes,timexes"
"$SL_BIN" --db "$DB" show 999 --facts >/dev/null 2>&1
assert_eq "show --facts of a missing article is exit 1" "$?" 1
finish
