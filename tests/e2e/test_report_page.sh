#!/bin/sh
# test_report_page.sh — the sample's report page as a browser sees it:
# headless Chromium loads S1.html from disk (no network) and the DOM it
# builds is checked for what a reader looks for: the summary heading and
# its sentences, the timeline, a "Where sources disagree" entry naming both
# spellings of the minister, and that a citation link lands on a
# highlighted span of the cited article.
#
# Skips (exit 77) without chromium, and while the synthesis passes give
# no timeline and no conflicts (they are not merged yet), saying so.

. "$(dirname "$0")/lib.sh"
need_bin
need_python
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || skip "chromium not installed (Debian package chromium)"
S=$SL_SRC/sample
W=$(scratch report_page)
[ -n "$SL_KEEP" ] || trap 'rm -rf "$W"' EXIT
DB=$W/sample.db
sl() { "$SL_BIN" "$@" --db "$DB"; }

sl ingest --quiet "$S/html" "$S/text" "$S/jsonl" "$S/warc" >/dev/null 2>"$W/err"
assert_exit "ingest of the sample" $? 0 "$W/err"
sl report S1 --format html -o "$W/page" >/dev/null 2>"$W/err"
assert_exit "report S1 --format html" $? 0 "$W/err"
sl report S1 --format json >"$W/s1.json" 2>"$W/err"
assert_exit "report S1 --format json" $? 0 "$W/err"
# The page shows what the synthesis passes find; while the timeline and
# conflict passes give nothing at all (not merged yet) there is no page
# to judge. Any one of them present and every check applies.
what=$(jq_py "$W/s1.json" 'len(d["timeline"]) + len(d["conflicts"])')
[ "$what" = 0 ] && skip "the synthesis of S1 has no timeline and no conflicts yet (passes not merged)"

# A private profile: parallel runs must not share one; nothing is fetched.
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$W/profile" \
    --dump-dom "file://$W/page/S1.html" >"$W/dom.html" 2>"$W/chromium.err"
rc=$?
assert_exit "chromium renders the page" $rc 0 "$W/chromium.err"
[ -s "$W/dom.html" ] || { fail "chromium gave no DOM"; finish; }

python3 - "$W/dom.html" "$W/s1.json" >"$W/checks" 2>&1 <<'PY'
import json, re, sys
from html.parser import HTMLParser

d = json.load(open(sys.argv[2], encoding="utf-8"))

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids = tag, dict(attrs), parent, []
    def text(self):
        return "".join(k if isinstance(k, str) else k.text() for k in self.kids)
    def all(self, tag=None, cls=None):
        for k in self.kids:
            if isinstance(k, Node):
                if (tag is None or k.tag == tag) and (cls is None or cls in k.attrs.get("class", "").split()):
                    yield k
                yield from k.all(tag, cls)

VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col"}
class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n
    def handle_endtag(self, tag):
        c = self.cur
        while c is not self.root and c.tag != tag:
            c = c.parent
        if c is not self.root:
            self.cur = c.parent
    def handle_data(self, data):
        self.cur.kids.append(data)

t = Tree()
t.feed(open(sys.argv[1], encoding="utf-8").read())
body = next(t.root.all("body"))
ids = {n.attrs["id"]: n for n in body.all() if "id" in n.attrs}
squash = lambda s: re.sub(r"\s+", " ", s).strip()

def check(label, cond, got=""):
    print(("ok   " if cond else "FAIL ") + label + ("" if cond else ": " + str(got)[:200]))

# The summary: its heading, and each sentence of the synthesis, readable.
summ = ids.get("summary")
check("the page shows a 'Summary' heading",
      summ is not None and any(squash(h.text()) == "Summary" for h in summ.all("h2")))
stext = squash(summ.text()) if summ else ""
sents = [squash(s["text"]) for s in d["summary"]]
check("the summary has sentences", len(sents) >= 1, d["summary"])
missing = [s for s in sents if s not in stext]
check("every summary sentence is on the page (%d)" % len(sents), not missing, missing[:1])
cites = list(summ.all("a", "cite")) if summ else []
check("summary sentences carry citation links", len(cites) >= len(sents) and len(cites) > 0)

# A citation lands on a highlighted span of the cited article's text.
if cites:
    target = cites[0].attrs.get("href", "")[1:]
    mark = ids.get(target)
    check("the first citation's target exists (#%s)" % target, mark is not None)
    if mark is not None:
        art = mark.parent
        while art is not None and art.tag != "article":
            art = art.parent
        check("the target is a <mark> inside an <article>", mark.tag == "mark" and art is not None,
              mark.tag)
        want = d["summary"][0]["sources"][0]["text"]
        check("the highlighted span is the cited sentence", squash(mark.text()) == squash(want),
              (mark.text()[:80], want[:80]))
        m = re.fullmatch(r"m(\d+)-\d+-\d+", target)
        check("the span is in the cited member's article", m and art is not None and art.attrs.get("id") == "m" + m.group(1))
    broken = [a.attrs["href"] for a in body.all("a") if a.attrs.get("href", "").startswith("#")
              and a.attrs["href"][1:] not in ids]
    check("every in-page link has its target", not broken, broken[:3])

# The timeline: dated entries in order.
tl = ids.get("timeline")
items = list(tl.all("li")) if tl else []
check("the page shows a timeline with dated entries", len(items) >= 1 and all(list(i.all("time")) for i in items),
      len(items))
days = [squash(next(i.all("time")).text()) for i in items]
check("timeline dates in order", days == sorted(days, key=lambda v: (v[:10])), days)

# Where sources disagree: the minister's two spellings side by side.
dis = ids.get("disagree")
check("the page has a 'Where sources disagree' panel",
      dis is not None and "Where sources disagree" in squash(dis.text()))
entries = [squash(c.text()) for c in dis.all("div", "conflict")] if dis else []
both = [e for e in entries if re.search(r"Vandermeer", e) and re.search(r"van der Meer", e)]
check("a disagreement entry names both spellings of the minister", both, entries[:3])
if both:
    check("each side names its outlets", "Marrow Bay Courier" in both[0] or "Meridian Wire" in both[0], both[0][:200])

# The sources and the texts the citations point into.
src = ids.get("sources")
check("the page lists its sources", src is not None and len(list(src.all("li"))) == len(d["members"]))
arts = [n for n in body.all("article") if re.fullmatch(r"m\d+", n.attrs.get("id", ""))]
check("every article's text is on the page", len(arts) == len(d["members"]), len(arts))
PY
while IFS= read -r line; do
    case "$line" in
    "ok   "*) ok "${line#ok   }" ;;
    "FAIL "*) fail "${line#FAIL }" ;;
    *) fail "checker: $line" ;;
    esac
done <"$W/checks"

finish
