#!/bin/sh
# test_report.sh — `storyline report` on the bundled sample: Markdown, JSON
# and HTML for S1 (to stdout and into -o DIR), the JSON parses and every
# evidence span's text is the article's text at that span, the HTML page
# loads nothing from the network and links only to itself and the sources'
# URLs, text from the web is escaped, every storyline with an index, and
# the exit codes of the usage text.

. "$(dirname "$0")/lib.sh"
need_bin
need_python
S=$SL_SRC/sample
W=$(scratch report)
[ -n "$SL_KEEP" ] || trap 'rm -rf "$W"' EXIT
[ -d "$S/html" ] || { fail "sample not found at $S"; finish; }
DB=$W/sample.db
sl() { "$SL_BIN" "$@" --db "$DB"; }

"$SL_BIN" report --help >"$W/help" 2>&1
assert_exit "report --help exits 0" $? 0
assert_contains "report --help shows its usage" "$W/help" "usage: storyline report"

sl ingest --quiet "$S/html" "$S/text" "$S/jsonl" "$S/warc" >/dev/null 2>"$W/ingest.err"
assert_exit "ingest of the sample" $? 0 "$W/ingest.err"

# ------------------------------------------------------------ JSON
sl report S1 --format json >"$W/s1.json" 2>"$W/err"
assert_exit "report S1 --format json" $? 0 "$W/err"
python3 -m json.tool "$W/s1.json" >/dev/null 2>"$W/err" && ok "the JSON parses (json.tool)" ||
    fail "the JSON does not parse: $(head -c 200 "$W/err")"
json_true "JSON says what it is" "$W/s1.json" 'd["kind"] == "storyline" and d["id"] == "S1" and d["title"] != ""' \
    '[d.get("kind"), d.get("id"), d.get("title")]'
json_true "JSON has every part" "$W/s1.json" \
    'all(k in d for k in ["members", "summary", "entities", "quotes", "slots", "conflicts", "timeline"])' \
    'sorted(d)'
json_true "JSON lists all 16 sample articles as members" "$W/s1.json" \
    'sorted(m["id"] for m in d["members"]) == list(range(1, 17))' '[m["id"] for m in d["members"]]'
json_true "members are numbered, copies point at an original" "$W/s1.json" \
    'all(m["index"] == i for i, m in enumerate(d["members"])) and all(m["copy_of"] is None or d["members"][m["copy_of"]]["copy_of"] is None for m in d["members"])'

# Every evidence anywhere in the structure: its text is the member's text
# at those bytes (spans are byte offsets into UTF-8).
python3 - "$W/s1.json" >"$W/spans" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
texts = [m["text"].encode("utf-8") for m in d["members"]]
n = bad = 0
def walk(x):
    global n, bad
    if isinstance(x, dict):
        if {"member", "start", "end", "text"} <= set(x):
            n += 1
            t = texts[x["member"]][x["start"]:x["end"]].decode("utf-8", "replace")
            if t != x["text"] or not 0 <= x["start"] <= x["end"] <= len(texts[x["member"]]):
                bad += 1
                print("bad span", x["member"], x["start"], x["end"], repr(x["text"][:40]), repr(t[:40]))
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk({k: v for k, v in d.items() if k != "members"})
s = d["summary"]
# a summary sentence shows its span's words in order (a day or an aside
# may be cut from the text shown)
def shown_from(text, span):
    words, at = [w.strip(".,;:") for w in span.lower().split()], 0
    for w in (w.strip(".,;:") for w in text.lower().split()):
        while at < len(words) and words[at] != w:
            at += 1
        if at >= len(words):
            return False
        at += 1
    return True
bad += sum(1 for x in s if x["sources"] and not shown_from(x["text"], x["sources"][0]["text"]))
print("spans %d bad %d" % (n, bad))
PY
grep -q ' bad 0$' "$W/spans" && ok "every evidence span's text is the article's text ($(tail -n 1 "$W/spans"))" ||
    fail "evidence spans: $(head -n 3 "$W/spans" | tr '\n' ' ')"

# The member texts are the stored articles' texts (what `show` prints).
for id in 1 6 12; do
    sl show "$id" --json >"$W/show$id.json" 2>/dev/null
    r=$(python3 - "$W/s1.json" "$W/show$id.json" "$id" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = json.load(open(sys.argv[2], encoding="utf-8"))
m = [m for m in d["members"] if m["id"] == int(sys.argv[3])]
print("yes" if m and m[0]["text"] == a["text"] and m[0]["title"] == a["title"] else "no")
PY
)
    assert_eq "member $id's text and title are the stored article's" "$r" yes
done

# The strike ended on the 16th in three reports: the summary says so.
json_true "the summary tells how the story stands: the strike is over, a deal reached" "$W/s1.json" \
    'any(w in x["text"] for x in d["summary"] for w in ("agreement", "deal", "is over"))' \
    '[x["text"] for x in d["summary"]]'

sl report S1 --format json >"$W/s1b.json" 2>/dev/null
cmp -s "$W/s1.json" "$W/s1b.json" && ok "JSON is deterministic (two runs, same bytes)" ||
    fail "two JSON runs differ"
sl report E1 --format json >"$W/e1.json" 2>"$W/err"
assert_exit "report E1 (an event)" $? 0 "$W/err"
json_true "an event's report says so" "$W/e1.json" 'd["kind"] == "event" and d["id"] == "E1"' '[d["kind"], d["id"]]'

# ------------------------------------------------------------ Markdown
sl report S1 >"$W/s1.md" 2>"$W/err"
assert_exit "report S1 (Markdown by default)" $? 0 "$W/err"
head -n 1 "$W/s1.md" | grep -q '^# .' && ok "Markdown starts with the title" || fail "no '# title' line"
assert_contains "Markdown has a summary" "$W/s1.md" "## Summary"
assert_contains "Markdown has the numbered sources" "$W/s1.md" "- **[1]** "
assert_contains "Markdown lists an outlet" "$W/s1.md" "Marrow Bay Courier"
assert_contains "Markdown folds a copy under its original" "$W/s1.md" "  - **["
# Figures: those sources share come first; one source's alone are folded
# away (a 16-article story has dozens), and kept in the JSON.
assert_contains "Markdown lists a figure several sources state" "$W/s1.md" "- **vessels**: “six vessels”"
assert_not_contains "Markdown folds a figure one source states" "$W/s1.md" "**deckhands**"
assert_contains "Markdown says how many figures it folded" "$W/s1.md" "each stated by one source only"
# A date still to come when reported is marked so: the deal's second raise.
assert_contains "Markdown marks a date still to come" "$W/s1.md" "- **2024 (expected)**"
json_true "JSON marks a date still to come" "$W/s1.json" \
    'any(t["value"] == "2024" and t.get("expected") for t in d["timeline"]) and not any(t.get("expected") for t in d["timeline"] if t["value"] == "2023-03-08")' \
    '[(t["value"], t.get("expected")) for t in d["timeline"]]'
# Quotes: the union ("the union said") and the radio host (a label only)
# are speakers; a quote nobody named said shows who said it, as written.
assert_contains "Markdown files the union's words under the union" "$W/s1.md" "### Harbor and Ferry Workers' Union"
assert_contains "Markdown files the host's questions under the host" "$W/s1.md" "### Rory Bannister"
assert_contains "Markdown shows an unnamed speaker as written" "$W/s1.md" "— A spokesman for the minister, in The Northern Ledger"
json_true "JSON keeps the figure one source states" "$W/s1.json" \
    'any(v["text"] == "212 deckhands" for s in d["slots"] for v in s["values"])' '[s["about"] for s in d["slots"]]'
n=$(grep -c '^ *- \*\*\[[0-9]*\]\*\*' "$W/s1.md")
assert_eq "Markdown lists every member once" "$n" 16
# Every [n] marker used points into the source list.
python3 - "$W/s1.md" >"$W/cites" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
body, _, src = t.partition("## Sources")
listed = set(map(int, re.findall(r"\*\*\[(\d+)\]\*\*", src)))
used = set(map(int, re.findall(r"(?<!\*)\[(\d+)\](?!\*)", body)))
print("yes" if used <= listed else "no %s" % sorted(used - listed))
PY
assert_eq "every Markdown citation marker is in the source list" "$(cat "$W/cites")" yes

# ------------------------------------------------------------ HTML
sl report S1 --format html -o "$W/pages" >"$W/stdout" 2>"$W/err"
assert_exit "report S1 --format html -o DIR" $? 0 "$W/err"
[ -s "$W/pages/S1.html" ] && ok "S1.html written" || fail "no S1.html in $W/pages"
[ ! -s "$W/stdout" ] && ok "nothing on stdout with -o" || fail "stdout not empty with -o"
sl report S1 --format md -o "$W/pages" >/dev/null 2>&1 && [ -s "$W/pages/S1.md" ] && ok "S1.md written" ||
    fail "no S1.md"
sl report S1 --format json -o "$W/pages" >/dev/null 2>&1 && [ -s "$W/pages/S1.json" ] && ok "S1.json written" ||
    fail "no S1.json"
cmp -s "$W/pages/S1.json" "$W/s1.json" && ok "-o DIR writes what stdout gets" || fail "S1.json differs from stdout"

python3 - "$W/pages/S1.html" "$W/s1.json" >"$W/html" 2>&1 <<'PY'
import json, re, sys
from html.parser import HTMLParser
page = open(sys.argv[1], encoding="utf-8").read()
d = json.load(open(sys.argv[2], encoding="utf-8"))
urls = {m["url"] for m in d["members"] if m["url"]}
problems, ids, links = [], set(), []
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source"):
            problems.append("tag <%s>" % tag)
        for k, v in attrs:
            v = v or ""
            if k == "id":
                if v in ids:
                    problems.append("duplicate id %s" % v)
                ids.add(v)
            if k.startswith("on"):
                problems.append("event handler %s" % k)
            if re.search(r"(?i)(https?:)?//", v) and k not in ("content",):
                if not (tag == "a" and k == "href" and v in urls):
                    problems.append("remote reference %s=%s" % (k, v[:60]))
            if tag == "a" and k == "href" and v.startswith("#"):
                links.append(v[1:])
P().feed(page)
style = "".join(re.findall(r"(?s)<style>(.*?)</style>", page))
if re.search(r"(?i)url\(|@import|@font-face", style):
    problems.append("CSS loads something")
problems += ["broken link #%s" % l for l in links if l not in ids]
if 'name="viewport"' not in page:
    problems.append("no viewport meta")
marks = [l for l in links if re.fullmatch(r"m\d+-\d+-\d+", l)]
arts = [i for i in ids if re.fullmatch(r"m\d+", i)]
print("links %d marks %d articles %d" % (len(links), len(marks), len(arts)))
for p in problems[:5]:
    print("PROBLEM", p)
print("ok" if not problems and len(arts) == len(d["members"]) else "bad")
PY
if tail -n 1 "$W/html" | grep -qx ok; then
    ok "HTML loads nothing remote, links only to its own ids and the sources ($(head -n 1 "$W/html"))"
else
    fail "HTML: $(grep -v '^ok$' "$W/html" | head -n 4 | tr '\n' ' ')"
fi
assert_contains "HTML has the summary heading" "$W/pages/S1.html" "<h2>Summary</h2>"
assert_contains "HTML has the source list" "$W/pages/S1.html" '<section id="sources">'
assert_contains "HTML folds one source's figures" "$W/pages/S1.html" "each stated by one source only</summary>"
n=$(grep -o '<li id="src[0-9]*"' "$W/pages/S1.html" | wc -l)
assert_eq "HTML source list has every member" "$n" 16

# Text from the web is escaped: a hostile article in its own store.
DB=$W/hostile.db
cat >"$W/hostile.jsonl" <<'EOF'
{"title": "Harbor <script>alert(1)</script> board meets", "maintext": "The harbor board of Marrow Bay met on Tuesday evening to hear complaints about the <b>new</b> timetable. One member wrote <img src=x onerror=alert(2)> on the agenda and another typed </textarea><script>document.write(1)</script> into the minutes. The chair, \"Opal Renner\", said the board would meet again on Friday & review every complaint in turn.\n\nPassengers asked for an earlier first sailing and a later last one, and the board agreed to study both requests before the summer season.", "date_publish": "2023-04-04 09:00:00", "url": "https://harbor.example/board?a=1&b=<x>", "source_domain": "harbor.example", "language": "en"}
EOF
sl ingest --quiet "$W/hostile.jsonl" >/dev/null 2>"$W/err"
assert_exit "ingest of a hostile article" $? 0 "$W/err"
sl report S1 --format html >"$W/hostile.html" 2>"$W/err"
assert_exit "report of the hostile article" $? 0 "$W/err"
assert_not_contains "no raw <script> from the text" "$W/hostile.html" "<script"
assert_not_contains "no raw <img> from the text" "$W/hostile.html" "<img"
assert_not_contains "no raw </textarea> from the text" "$W/hostile.html" "</textarea"
assert_contains "the text is there, escaped" "$W/hostile.html" "&lt;script&gt;"
sl report S1 --format json >"$W/hostile.json" 2>/dev/null
python3 -m json.tool "$W/hostile.json" >/dev/null 2>&1 && ok "hostile JSON parses" || fail "hostile JSON does not parse"
sl report S1 --format md >"$W/hostile.md" 2>/dev/null
grep -qE '(^|[^\\])<(script|img|/textarea)' "$W/hostile.md" && fail "raw HTML in the Markdown" ||
    ok "no raw HTML in the Markdown (markup escaped)"
DB=$W/sample.db

# ------------------------------------------------------------ every storyline
sl report --format html -o "$W/all" --quiet >"$W/stdout" 2>"$W/err"
assert_exit "report every storyline as HTML into DIR" $? 0 "$W/err"
[ -s "$W/all/index.html" ] && ok "index.html written" || fail "no index.html"
assert_contains "the index links S1" "$W/all/index.html" 'href="S1.html"'
[ ! -s "$W/err" ] && ok "--quiet: nothing on stderr" || fail "stderr with --quiet: $(head -c 120 "$W/err")"
sl report --format json -o "$W/all" >/dev/null 2>&1
json_true "index.json lists the storylines and their files" "$W/all/index.json" \
    'len(d["stories"]) >= 1 and all(s["file"] == s["id"] + ".json" for s in d["stories"])' 'd'
sl report --format md -o "$W/all" >/dev/null 2>&1
assert_contains "index.md links S1" "$W/all/index.md" "(S1.md)"
sl report --format json >"$W/all.jsonl" 2>"$W/err"
assert_exit "every storyline as JSON lines on stdout" $? 0 "$W/err"
json_true "one JSON object per storyline" "$W/all.jsonl" 'all(x["kind"] == "storyline" for x in docs) and len(docs) >= 1'

# ------------------------------------------------------------ exit codes
sl report S999 >/dev/null 2>"$W/err"
assert_exit "a missing storyline exits 1" $? 1
assert_contains "the error names it" "$W/err" "S999"
sl report S999 -o "$W/none" >/dev/null 2>&1
[ ! -e "$W/none/S999.md" ] && ok "no file left for a missing storyline" || fail "S999.md left behind"
sl report X7 >/dev/null 2>&1
assert_exit "a malformed id is a usage error" $? 2
sl report S1 --format pdf >/dev/null 2>&1
assert_exit "an unknown format is a usage error" $? 2
sl report --format html >/dev/null 2>&1
assert_exit "HTML of every storyline without -o is a usage error" $? 2
sl report S1 --words 0 >/dev/null 2>&1
assert_exit "--words 0 is a usage error" $? 2
sl report S1 --bogus >/dev/null 2>&1
assert_exit "an unknown option is a usage error" $? 2
"$SL_BIN" report S1 --db "$W/missing.db" >/dev/null 2>&1
assert_exit "a missing database is a store error" $? 3

finish
