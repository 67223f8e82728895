#!/bin/sh
# test_sample.sh — the bundled sample end to end: every file extracts to the
# expected title, date and date source with its chrome gone; the transcript
# has speaker turns; windows-1252 comes out as UTF-8; glued words are split;
# ingest stores 16 articles and folds the one exact duplicate; a second
# ingest adds nothing; search finds the minister under both spellings.
# sample/README.md says what each file is for.

. "$(dirname "$0")/lib.sh"
need_bin
need_python
S=$SL_SRC/sample
W=$(scratch sample)
[ -n "$SL_KEEP" ] || trap 'rm -rf "$W"' EXIT
[ -d "$S/html" ] || { fail "sample not found at $S"; finish; }

# --------------------------------------------- the committed sample is fresh
if python3 "$SL_SRC/tools/make_sample.py" --check 2>"$W/make.err"; then
    ok "sample/ matches tools/make_sample.py"
else
    fail "sample/ is stale: $(head -n 1 "$W/make.err")"
fi

# ------------------------------------------------------------ extract
#
# One line per article: file | index in the file | title (substring) |
# published (prefix, or null) | published_from | outlet (regex, empty: not
# checked) | format (one of, comma-separated) | a phrase from the first paragraph | one from
# the last paragraph. Both phrases prove the body survived chrome removal.

cat >"$W/expect" <<'EOF'
html/marrow-bay-courier-strike-vote.html|0|Ferry workers vote to strike from Wednesday|2023-03-06|jsonld|(?i)courier|html|Ferry workers in Marrow Bay will strike from 5 a.m.|The last strike on the route, in 2011, lasted three days.
html/mirror/marrow-bay-courier-strike-vote.html|0|Ferry workers vote to strike from Wednesday|2023-03-06|jsonld|(?i)courier|html|Ferry workers in Marrow Bay will strike from 5 a.m.|The last strike on the route, in 2011, lasted three days.
html/coastline-today-ferries-halted.html|0|Marrow Bay ferries halted as crews walk out|2023-03-08|meta|(?i)coastline|html|Not a single ferry left Marrow Bay on Wednesday|too wide to bridge with goodwill alone.
html/corran-island-notes-day-four.html|0|Day four: notes from the island side of the strike|2023-03-11|url|(?i)corran|html|It is Saturday, the fourth day without a ferry|Be kind to each other.
text/kmbr-transcript.txt|0|union says crews|null|null||text|The ferries between Marrow Bay and Corran Island have not moved|nobody knows how the kids at the mainland high school will get there.
text/baynews-now-talks-set.txt|0|Ferry strike: talks set for Tuesday as Corran Island waits|2023-03-13|dateline||text|Striking ferry workers and Bayline Ferries will meet on Tuesday|Bayline says ticket holders can claim refunds at the Marrow Bay terminal.
text/northern-ledger-minister-call.txt|0|Minister spent 50 minutes on phone with union chief|2023-03-12|header|(?i)northern ?ledger|headertext|Transport Minister Ilse Vandermeer spent 50 minutes|travelers who could not find rooms.
jsonl/news-please.jsonl|0|Ferry strike strands 1,200 on Corran Island|2023-03-09|field|(?i)meridian|jsonl|About 1,200 passengers were stranded on Corran Island|carries about 3,000 people a day in winter.
jsonl/news-please.jsonl|1|Two days of talks set in Marrow Bay ferry strike|2023-03-10|field|(?i)tidewater|jsonl|The regional transport minister has set aside two days|lost most of their weekday trade since Wednesday.
jsonl/trafilatura.jsonl|0|Ferry strike strands 1,200 on Corran Island|2023-03-09|field|(?i)harbor ?gazette|jsonl|Around 1,200 travelers were stuck on Corran Island|Bayline helpline on 555-0192.
jsonl/trafilatura.jsonl|1|Island farms and truckers count the cost|2023-03-14|field|(?i)harbor ?gazette|jsonl|As negotiators sat down in Port Aske on Tuesday|We just need the boat.
warc/sample.warc|0|Talks open in Port Aske as island shelves run low|2023-03-14|jsonld|(?i)courier|warc,html|were due to meet Transport Minister Ilse Vandermeer|37 stranded travelers in the school gym on Harbor Road.
warc/sample.warc|1|Ferry talks set to run into the night|2023-03-15|meta|(?i)coastline|warc,html|were set to run late into Wednesday night|Half the island is refreshing the same web page
warc/sample.warc|2|Marrow Bay ferry strike suspended after overnight deal|2023-03-16|meta|(?i)kmbr|warc,html|The strike that stopped every ferry between Marrow Bay and Corran Island|done the hard thing and met in the middle.
warc/sample.warc.gz|0|Marrow Bay ferry strike ends with two-year pay deal|2023-03-16|jsonld|(?i)meridian|warc,html|Ferry workers in Marrow Bay agreed on Thursday to end an eight-day strike|tickets for canceled crossings would be refunded in full.
warc/sample.warc.gz|1|First Corran ferry in eight days sails with a full deck|2023-03-16|meta|(?i)northern ?ledger|warc,html|The Bayline ferry Kittiwake left the Marrow Bay terminal|The company will run extra crossings on Friday and Saturday
warc/sample.warc.gz|2|The ferry is back|2023-03-17|url|(?i)corran|warc,html|Nine days without a boat|The café is open as usual, and the bread is back.
EOF

# Page chrome of every outlet: none of it may reach an article's text.
cat >"$W/chrome" <<'EOF'
© 2024
©
All rights reserved
Accept all cookies
Manage preferences
This site uses cookies
Skip to content
Share on Facebook
Email this article
Share this article
Share this:
Like this:
Related stories
Most read
Read next
More from Meridian Wire
Leave a Reply
Comments are closed
Posted in Island life
Recent Posts
Advertisement
Subscribe
Sign up
free articles left
Play Live Radio
Next Up:
0:00 0:00
Available On Air Stations
Transcript provided by
covers transportation and the waterfront
Afternoon Tide, heard weekdays
Powered by Hearth
window.mbcAds
ctConfig
application/ld+json
EOF

# extract_file REL OUT: JSON of every article in REL (--all for the
# multi-article formats) into OUT, once per file.
extract_file() {
    [ -s "$2" ] && return 0
    case "$1" in
    *.jsonl | *.warc | *.warc.gz) set -- "$1" "$2" --all ;;
    *) set -- "$1" "$2" ;;
    esac
    "$SL_BIN" extract $3 "$S/$1" >"$2" 2>"$2.err" </dev/null
    _rc=$?
    no_crash "extract $1" "$_rc" "$2.err"
    assert_exit "extract $1 exits 0" "$_rc" 0 "$2.err"
}

n_lines=0
while IFS='|' read -r rel idx title date from outlet fmt first last; do
    n_lines=$((n_lines + 1))
    out="$W/x.$(printf '%s' "$rel" | tr '/.' '__').json"
    extract_file "$rel" "$out"
    a="$rel#$idx"
    doc="docs[$idx]"
    json_true "$a: is there" "$out" "len(docs) > $idx" "len(docs)"
    [ "$(jq_py "$out" "len(docs) > $idx")" = true ] || continue
    # Expectations go to python as JSON literals, never spliced as code.
    printf '%s' "$title" >"$W/want"
    json_true "$a: title has '$title'" "$out" \
        "open('$W/want', encoding='utf-8').read() in ($doc['title'] or '')" "$doc['title']"
    if [ "$date" = null ]; then
        json_true "$a: published is null (the © line is no date)" "$out" \
            "$doc['published'] is None" "$doc['published']"
        json_true "$a: published_from is null" "$out" \
            "$doc.get('published_from') is None" "$doc.get('published_from')"
    else
        json_true "$a: published $date" "$out" \
            "($doc['published'] or '').startswith('$date')" "$doc['published']"
        json_true "$a: published_from $from" "$out" \
            "$doc.get('published_from') == '$from'" "$doc.get('published_from')"
    fi
    [ -n "$outlet" ] && json_true "$a: outlet matches $outlet" "$out" \
        "re.search(r'$outlet', $doc.get('outlet') or '') is not None" "$doc.get('outlet')"
    json_true "$a: format $fmt" "$out" \
        "$doc.get('format') in '$fmt'.split(',')" "$doc.get('format')"
    jq_py "$out" "$doc['text']" >"$W/text"
    assert_contains "$a: first paragraph kept" "$W/text" "$first"
    assert_contains "$a: last paragraph kept" "$W/text" "$last"
    while IFS= read -r c; do
        assert_not_contains "$a: no chrome '$c'" "$W/text" "$c"
    done <"$W/chrome"
    json_true "$a: no U+FFFD or C1 controls in text" "$out" \
        "re.search('[\ufffd\x80-\x9f]', $doc['text']) is None" \
        "re.findall('.{0,20}[\ufffd\x80-\x9f].{0,20}', $doc['text'])[:2]"
    json_true "$a: blocks lie inside the text" "$out" \
        "all(0 <= b['start'] <= b['end'] <= len($doc['text'].encode()) for b in $doc['blocks'])"
done <"$W/expect"
assert_eq "17 expectations read" "$n_lines" 17

# Each multi-article file holds exactly its articles (a warcinfo or a
# request record is not an article).
for rel in jsonl/news-please.jsonl jsonl/trafilatura.jsonl warc/sample.warc warc/sample.warc.gz; do
    want=$(grep -c "^$rel|" "$W/expect")
    out="$W/x.$(printf '%s' "$rel" | tr '/.' '__').json"
    json_true "$rel: $want articles" "$out" "len(docs) == $want" "len(docs)"
done

# --text prints the clean text alone, chrome-free like the JSON's.
text_only() {
    "$SL_BIN" extract --text "$S/$1" >"$W/plain" 2>"$W/plain.err" </dev/null
    assert_exit "extract --text $1 exits 0" $? 0 "$W/plain.err"
    assert_not_contains "extract --text $1 is not JSON" "$W/plain" '"blocks":'
    while IFS= read -r c; do
        assert_not_contains "extract --text $1: no chrome '$c'" "$W/plain" "$c"
    done <"$W/chrome"
}
text_only html/coastline-today-ferries-halted.html
assert_contains "extract --text: windows-1252 quotes as UTF-8" "$W/plain" "“Fair pay for the crossing.”"
text_only text/kmbr-transcript.txt
assert_contains "extract --text: transcript turns kept" "$W/plain" "Hi, Rory."
text_only text/northern-ledger-minister-call.txt
assert_contains "extract --text: glued words split" "$W/plain" "is still unclear."

# --------------------------------------------------------- windows-1252
cp1252="$W/x.html_coastline-today-ferries-halted_html.json"
raw="$S/html/coastline-today-ferries-halted.html"
if [ "$(LC_ALL=C grep -c "$(printf '\223')" "$raw")" -gt 0 ]; then
    ok "the sample page really holds 0x93 bytes"
else
    fail "the sample page has no 0x93 byte (regenerate it)"
fi
jq_py "$cp1252" "d['text']" >"$W/cp"
assert_contains "windows-1252: “ ” decoded" "$W/cp" "“Fair pay for the crossing.”"
assert_contains "windows-1252: ’ decoded" "$W/cp" "We’re not here"
assert_contains "windows-1252: á decoded" "$W/cp" "Tomás Reyes"
assert_contains "windows-1252: – decoded" "$W/cp" "for weeks – not in March"
# The WARC copy has no <meta charset>: only the HTTP header names it.
jq_py "$W/x.warc_sample_warc.json" "docs[1]['text']" >"$W/cp2"
assert_contains "HTTP charset windows-1252: quotes decoded" "$W/cp2" "“narrowed a great deal”"
# news-please escapes non-ASCII as \uXXXX.
jq_py "$W/x.jsonl_news-please_jsonl.json" "docs[0]['text']" >"$W/np"
assert_contains "JSONL \\u escapes decoded" "$W/np" "“Nobody wins a long strike.”"

# ----------------------------------------------------------- transcript
tr="$W/x.text_kmbr-transcript_txt.json"
json_true "transcript: at least 12 turns" "$tr" \
    "sum(b['kind'] == 'turn' for b in d['blocks']) >= 12" \
    "[b['kind'] for b in d['blocks']]"
json_true "transcript: every turn has a speaker" "$tr" \
    "all(b.get('speaker') for b in d['blocks'] if b['kind'] == 'turn')"
for who in OKAFOR BANNISTER 'VAN DER MEER' WHELAN; do
    json_true "transcript: speaker $who" "$tr" \
        "any('$who' in (b.get('speaker') or '').upper() for b in d['blocks'])" \
        "sorted(set(b.get('speaker') for b in d['blocks'] if b.get('speaker')))"
done
json_true "transcript: the minister's soundbite is her turn" "$tr" \
    "any('VAN DER MEER' in (b.get('speaker') or '').upper() and 'negotiate this on the radio' in span(d, b) for b in d['blocks'])" \
    "[(b.get('speaker'), span(d, b)[:40]) for b in d['blocks']][:8]"
json_true "transcript: speaker labels are not left in the text" "$tr" \
    "'NINA OKAFOR, BYLINE:' not in d['text'] and 'DARA WHELAN:' not in d['text']"
json_true "transcript: the host's intro is a paragraph, not a turn" "$tr" \
    "[b['kind'] for b in d['blocks'] if 'have not moved' in span(d, b)] == ['paragraph']" \
    "[(b['kind'], span(d, b)[:30]) for b in d['blocks']][:3]"
json_true "transcript: title is not a chrome line" "$tr" \
    "d['title'].startswith('Marrow Bay ferry strike')" "d['title']"

# --------------------------------------------------------- glued words
ledger="$W/x.text_northern-ledger-minister-call_txt.json"
jq_py "$ledger" "d['text']" >"$W/ledger"
assert_contains "glued 'thenegotiations' split" "$W/ledger" "duration of the negotiations"
assert_contains "glued 'stillunclear' split" "$W/ledger" "to the table is still unclear."
assert_not_contains "no 'thenegotiations' left" "$W/ledger" "thenegotiations"
assert_not_contains "no 'stillunclear' left" "$W/ledger" "stillunclear"
json_true "header-style: URL taken from the URL line" "$ledger" \
    "d['url'] == 'https://www.northernledger.example/region/2023/03/12/minister-50-minutes-phone-union-ferry-talks'" \
    "d['url']"
json_true "header-style: the URL and date lines are not body text" "$ledger" \
    "'20230312' not in d['text'] and 'https://' not in d['text']"

# ------------------------------------------------------ other metadata
courier="$W/x.html_marrow-bay-courier-strike-vote_html.json"
json_true "JSON-LD author" "$courier" "'Nell Hardcastle' in (d['authors'] or '')" "d['authors']"
json_true "canonical URL" "$courier" \
    "d['url'] == 'https://www.marrowbaycourier.example/news/harbor/ferry-workers-vote-to-strike-from-wednesday-18204'" "d['url']"
json_true "mirror copy has the same content id" "$W/x.html_mirror_marrow-bay-courier-strike-vote_html.json" \
    "d['id'] == '$(jq_py "$courier" "d['id']")'" "d['id']"
json_true "news-please authors" "$W/x.jsonl_news-please_jsonl.json" \
    "'Jonah Mertz' in (d['authors'] or '')" "d['authors']"
json_true "news-please url" "$W/x.jsonl_news-please_jsonl.json" \
    "d['url'] == 'https://www.meridianwire.example/national/ferry-strike-strands-1200-idMW2291'" "d['url']"
json_true "trafilatura url from 'source'" "$W/x.jsonl_trafilatura_jsonl.json" \
    "d['url'] == 'https://www.harborgazette.example/news/region/ferry-strike-strands-1200-on-corran-island'" "d['url']"
json_true "WARC url from WARC-Target-URI" "$W/x.warc_sample_warc_gz.json" \
    "docs[2]['url'] == 'https://corranislandnotes.example/2023/03/17/the-ferry-is-back/'" "docs[2]['url']"
json_true "WARC-Date (crawl, 2023-03-2x) is never the published date" "$W/x.warc_sample_warc.json" \
    "not any((x['published'] or '').startswith('2023-03-2') for x in docs)" "[x['published'] for x in docs]"
json_true "syndicated copy is a different article from the wire" "$W/x.jsonl_trafilatura_jsonl.json" \
    "d['id'] != '$(jq_py "$W/x.jsonl_news-please_jsonl.json" "d['id']")'"
json_true "blog list items are kept" "$W/x.html_corran-island-notes-day-four_html.json" \
    "sum(b['kind'] == 'list_item' for b in d['blocks']) == 4" "[b['kind'] for b in d['blocks']]"

# stdin gives the same article as the file.
"$SL_BIN" extract - <"$S/html/marrow-bay-courier-strike-vote.html" >"$W/stdin.json" 2>"$W/stdin.err"
assert_exit "extract - (stdin) exits 0" $? 0 "$W/stdin.err"
json_true "extract - gives the same article" "$W/stdin.json" \
    "d['id'] == '$(jq_py "$courier" "d['id']")'" "d['id']"

# A whole-file (single-member) gzip of the WARC reads like the plain WARC.
gzip -c "$S/warc/sample.warc" >"$W/whole.warc.gz"
"$SL_BIN" extract --all "$W/whole.warc.gz" >"$W/whole.json" 2>"$W/whole.err" </dev/null
assert_exit "extract --all whole-file warc.gz exits 0" $? 0 "$W/whole.err"
json_true "whole-file warc.gz = plain warc" "$W/whole.json" \
    "[x['id'] for x in docs] == $(jq_py "$W/x.warc_sample_warc.json" "[x['id'] for x in docs]")" \
    "[x['title'] for x in docs]"

# --------------------------------------------------------------- ingest
DB=$W/x.db
ingest() {
    "$SL_BIN" ingest --db "$DB" "$S/html" "$S/text" "$S/jsonl" "$S/warc" \
        >"$W/ingest.out" 2>"$W/ingest.err" </dev/null
}
count_articles() {
    "$SL_BIN" articles --db "$DB" --json >"$W/articles.json" 2>"$W/articles.err" </dev/null
    jq_py "$W/articles.json" "len(docs)"
}

ingest
rc=$?
no_crash "ingest sample" "$rc" "$W/ingest.err"
assert_exit "ingest sample exits 0" "$rc" 0 "$W/ingest.err"
last_json_line "$W/ingest.out" "$W/sum1"
json_true "ingest summary: files 11" "$W/sum1" "d['files'] == 11" "d"
json_true "ingest summary: new 16" "$W/sum1" "d['new'] == 16" "d"
json_true "ingest summary: duplicates 1 (the mirror copy)" "$W/sum1" "d['duplicates'] == 1" "d"
json_true "ingest summary: errors 0" "$W/sum1" "d['errors'] == 0" "d"
assert_eq "16 articles stored" "$(count_articles)" 16
json_true "articles list carries titles and dates" "$W/articles.json" \
    "all(x.get('title') for x in docs) and sum(1 for x in docs if x.get('published')) == 15" \
    "[(x.get('title'), x.get('published')) for x in docs]"

ingest
rc=$?
assert_exit "second ingest exits 0" "$rc" 0 "$W/ingest.err"
last_json_line "$W/ingest.out" "$W/sum2"
json_true "second ingest: new 0" "$W/sum2" "d['new'] == 0" "d"
json_true "second ingest: errors 0" "$W/sum2" "d['errors'] == 0" "d"
assert_eq "still 16 articles" "$(count_articles)" 16

# --------------------------------------------------------------- search
search() {
    "$SL_BIN" search --db "$DB" --json "$1" >"$W/search.json" 2>"$W/search.err" </dev/null
    search_rc=$?
    no_crash "search $1" "$search_rc" "$W/search.err"
    [ "$2" = any ] || assert_exit "search $1 exits 0" "$search_rc" 0 "$W/search.err"
}
search 'Vandermeer'
json_true "search Vandermeer: at least 5 articles" "$W/search.json" "len(docs) >= 5" "len(docs)"
search '"van der Meer"'
json_true "search \"van der Meer\": at least 3 articles" "$W/search.json" "len(docs) >= 3" "len(docs)"
json_true "search \"van der Meer\" finds the transcript" "$W/search.json" \
    "any('union says crews' in (x.get('title') or '') for x in docs)" "[x.get('title') for x in docs]"
search 'ferry AND strike'
json_true "search 'ferry AND strike': most of the story" "$W/search.json" "len(docs) >= 10" "len(docs)"
# An FTS5 syntax error is the user's mistake: a message, not a crash.
search 'ferry AND (' any
if [ "$search_rc" -ne 0 ] && [ -s "$W/search.err" ]; then
    ok "search syntax error: non-zero exit with a message"
else
    fail "search syntax error: exit $search_rc, stderr '$(head -c 100 "$W/search.err")'"
fi

finish
