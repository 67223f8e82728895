#!/bin/sh
# test_serve.sh — `storyline serve` over real HTTP on loopback, on the
# bundled sample: the JSON API answers, errors are JSON with a stable code,
# bad requests (malformed, huge headers or bodies, invalid UTF-8, broken
# FTS syntax) get a 4xx and leave the server up, ingest is off unless
# asked, and SIGTERM stops it cleanly.

. "$(dirname "$0")/lib.sh"
need_bin
need_python
S=$SL_SRC/sample
W=$(scratch serve)
cleanup() { serve_kill; [ -n "$SL_KEEP" ] || rm -rf "$W"; }
trap cleanup EXIT
DB=$W/sample.db
"$SL_BIN" ingest --quiet --db "$DB" "$S/html" "$S/text" "$S/jsonl" "$S/warc" >/dev/null 2>&1
assert_exit "ingest of the sample" $? 0

"$SL_BIN" serve --help >"$W/out" 2>&1
assert_exit "serve --help exits 0" $? 0
"$SL_BIN" serve --db "$DB" --port 70000 >/dev/null 2>&1
assert_exit "a port past 65535 is a usage error" $? 2

# The client: each check is one line "name<TAB>ok" or "name<TAB>FAIL why".
client() {
    python3 - "$SERVE_PORT" "$@" <<'PY'
import http.client, json, socket, sys, time
port = int(sys.argv[1]); mode = sys.argv[2] if len(sys.argv) > 2 else "read"

def get(path, method="GET", body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, r.getheader("Content-Type"), data

def check(name, cond, why=""):
    print("%s\t%s" % (name, "ok" if cond else "FAIL " + str(why)))

def error_code(data):
    try:
        return json.loads(data)["error"]["code"]
    except Exception:
        return None

def raw(payload, read=True):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(payload)
        return s.recv(4096) if read else b""
    except OSError:
        return b""
    finally:
        s.close()

if mode == "read":
    st, ct, d = get("/api/v1/health")
    h = json.loads(d)
    check("health answers ok with the article count", st == 200 and h["status"] == "ok" and h["articles"] == 16, d[:100])
    check("answers are JSON", ct == "application/json", ct)
    st, _, d = get("/api/v1/storylines?limit=5")
    ls = json.loads(d)["storylines"]
    check("the sample is one storyline", st == 200 and len(ls) == 1 and ls[0]["articles"] == 15, d[:200])
    for q, n in (("from=2023-03-10", 1), ("to=2023-03-01", 0), ("outlet=kmbr%20public%20radio", 1),
                 ("outlet=nobody", 0), ("entity=Ilse%20Vandermeer", 1), ("entity=nobody", 0)):
        st, _, d = get("/api/v1/storylines?" + q)
        check("storylines filtered by %s: %d" % (q, n), st == 200 and len(json.loads(d)["storylines"]) == n, d[:100])
    st, _, d = get("/api/v1/storylines/%d" % ls[0]["id"])
    check("a storyline answers 200", st == 200, str(st))
    sj = json.loads(d)
    arts = {x["id"]: x for x in sj["articles"]}
    check("a storyline lists each article once, without its text", len(arts) == len(sj["articles"]) == 16 and all("text" not in x for x in sj["articles"]), d[:200])
    spans = [sp for x in sj["summary"] for sp in x["sources"]] + [sp for e in sj["entities"] for sp in e["mentions"]] + [sp for q in sj["quotes"] for sp in q["sources"]]
    check("its spans are [article, start, end] of its articles", spans and all(len(sp) == 3 and sp[0] in arts and 0 <= sp[1] <= sp[2] for sp in spans), spans[:3])
    texts = {}
    def text_of(i):
        if i not in texts:
            texts[i] = json.loads(get("/api/v1/articles/%d" % i)[2])["article"]["text"].encode()
        return texts[i]
    good = sj["summary"] and all(x["text"] and (x["compressed"] or text_of(x["sources"][0][0])[x["sources"][0][1]:x["sources"][0][2]].decode() == x["text"]) for x in sj["summary"])
    check("summary sentences carry their words, the span's own unless compressed", good, sj["summary"][:2])
    q = sj["quotes"][0]["sources"][0]
    check("a quote's span reads as a quote in its article", len(text_of(q[0])[q[1]:q[2]]) > 5, q)
    check("a storyline's JSON is compact (under a third of the full report's)", len(d) * 3 < len(get("/api/v1/storylines/%d?full=1" % ls[0]["id"])[2]), len(d))
    st, _, d = get("/api/v1/articles?limit=3")
    a = json.loads(d)
    check("articles are paged", st == 200 and len(a["articles"]) == 3 and a["next"] == 3, d[:200])
    st, _, d = get("/api/v1/articles/%d" % a["articles"][0]["id"])
    art = json.loads(d)
    check("an article comes with its text and facts", st == 200 and art["article"]["text"] and "entities" in art["facts"], d[:200])
    st, _, d = get("/api/v1/search?q=%22talks%22%20AND%20ferry&limit=3")
    hits = json.loads(d)["hits"]
    check("search ranks hits with highlighted snippets", st == 200 and hits and "[" in hits[0]["snippet"], d[:200])
    for q, name in (("%22open", "an unterminated phrase"), ("AND%20OR", "bare operators"),
                    ("x%22%29%3B%20DROP%20TABLE%20article%3B--", "SQL in the query")):
        st, _, d = get("/api/v1/search?q=" + q)
        check("search with %s is a 400 or an answer, never a crash" % name, st in (200, 400), "%d %s" % (st, d[:80]))
    st, _, d = get("/api/v1/entities?q=ilse")
    names = [e["name"] for e in json.loads(d)["entities"]]
    check("entities by prefix list both spellings of the minister", st == 200 and "Ilse Vandermeer" in names and "Ilse van der Meer" in names, d[:200])
    st, _, d = get("/api/v1/entities/Ilse%20Vandermeer")
    e = json.loads(d)
    check("an entity comes with its mentions and quotes", st == 200 and len(e["mentions"]) >= 5 and len(e["quotes"]) >= 3, d[:200])
    st, _, d = get("/api/v1/entities/Nobody%20Here")
    check("an unknown entity is a 404", st == 404 and error_code(d) == "not_found", d[:100])
    st, _, d = get("/entity/Ilse%20Vandermeer")
    check("an entity page lists its quotes, each linked to its span", st == 200 and b"<h2>Quotes</h2>" in d and b"?hl=" in d, d[:100])
    st, _, d = get("/api/v1/search?q=%ff%fe")
    check("invalid UTF-8 in the query is a 400", st == 400 and error_code(d) == "bad_query", d[:100])
    st, _, d = get("/api/v1/nothing/here")
    check("an unknown path is a 404 with a JSON error", st == 404 and error_code(d) == "not_found", d[:100])
    st, _, d = get("/api/v1/storylines/999999")
    check("an unknown storyline is a 404", st == 404 and error_code(d) == "not_found", d[:100])
    st, _, d = get("/api/v1/articles?limit=200")
    check("a page of exactly the limit (200) is given as asked", st == 200 and json.loads(d)["limit"] == 200, d[-80:])
    st, _, d = get("/api/v1/articles?limit=201")
    check("a page one past the limit is cut to 200", st == 200 and json.loads(d)["limit"] == 200, d[-80:])
    st, _, d = get("/api/v1/articles?limit=100000")
    check("a page is never larger than the limit (200)", st == 200 and json.loads(d)["limit"] == 200, d[-80:])
    st, _, d = get("/api/v1/articles?limit=-1")
    check("a bad limit is a 400", st == 400 and error_code(d) == "bad_argument", d[:100])
    st, _, d = get("/api/v1/health", method="DELETE")
    check("DELETE is a 405", st == 405, str(st))
    st, _, d = get("/api/v1/articles", method="POST", body=b"Title\n\nSome text.")
    check("POST is refused without --allow-ingest", st == 403 and error_code(d) == "ingest_disabled", d[:100])
    r = raw(b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n")
    check("a body over the limit is a 413", b" 413 " in r.split(b"\r\n")[0], r[:60])
    r = raw(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n")
    check("a huge header is refused with a 4xx", r[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 413", b"HTTP/1.1 400") or r == b"", r[:60])
    r = raw(b"NONSENSE\r\n\r\n")
    check("a malformed request line is refused", r == b"" or r.split(b" ")[1][:1] == b"4", r[:60])
    st, _, d = get("/api/v1/health", body=b"x" * 5000)
    check("a GET with a body is answered (the body is ignored)", st == 200 and json.loads(d)["status"] == "ok", d[:100])
    st, _, _ = get("/api/v1/health")
    check("the server is still up after bad requests", st == 200, str(st))
    st, ct, d = get("/")
    check("the home page lists the storyline", st == 200 and ct.startswith("text/html") and ls[0]["title"].encode() in d, d[:100])
    check("pages load nothing from the network", b"src=\"http" not in d and b"href=\"http" not in d and b"@import" not in d)
    st, _, d = get("/?q=minister")
    check("the search page lists matching articles", st == 200 and d.count(b'<a href="/a/') >= 3, d[-300:])
    st, _, d = get("/a/%d?hl=0-20" % a["articles"][0]["id"])
    check("an article page marks a cited span", st == 200 and b"<mark" in d and b'id="hl"' in d, d[:100])
    for path in ("/../../etc/passwd", "/a/..%2F..%2Fetc%2Fpasswd", "/s/0", "/a/99999999"):
        st, _, d = get(path)
        check("%s is a 404 page" % path, st == 404 and b"root:" not in d, str(st))
elif mode == "idle":
    # 10,000 idle connections, a third of them slowloris-style halfway
    # through a header: the server must keep answering others at once.
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    want = min(10000, hard - 200)
    socks = []
    try:
        for i in range(want):
            s = socket.create_connection(("127.0.0.1", port), timeout=60)
            if i % 3 == 0:
                s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            socks.append(s)
    except OSError as e:
        pass
    check("%d idle connections are accepted" % want, len(socks) == want, "only %d: %s" % (len(socks), want))
    st, _, d = get("/api/v1/health")
    check("a request is answered while they wait", st == 200, str(st))
    for s in socks:
        s.close()
    time.sleep(0.5)
    st, _, d = get("/api/v1/health")
    check("and after they go", st == 200, str(st))
elif mode == "slow":
    # Run with --idle-seconds 2: a client trickling a header byte every
    # half second never completes a request and must be dropped after
    # about 2 s (libmicrohttpd's own timeout would wait forever), while a
    # client that completes requests keeps its connection.
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    t0 = time.time(); closed = None
    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
    while time.time() - t0 < 8:
        try:
            s.sendall(b"X")
            s.settimeout(0.5)
            if s.recv(4096) == b"":
                closed = time.time() - t0
                break
        except socket.timeout:
            continue
        except OSError:
            closed = time.time() - t0
            break
    s.close()
    check("a slowloris client is dropped after --idle-seconds", closed is not None and 1.5 <= closed <= 5, closed)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    ok_all = True
    for i in range(4):
        c.request("GET", "/api/v1/health"); r = c.getresponse(); r.read()
        ok_all = ok_all and r.status == 200 and not r.will_close
        time.sleep(0.9)
    c.close()
    check("a keep-alive client that keeps asking is not dropped", ok_all)
    st, _, d = get("/api/v1/health")
    h = json.loads(d)
    check("health reports the limits it was started with", h.get("limits", {}).get("idle_seconds") == 2 and h["limits"].get("query_ms") == 1, d[:300])
    st, _, d = get("/api/v1/storylines/1")
    check("with --query-ms 1 a request is answered in time or refused with 503 over_time_limit", st == 200 or (st == 503 and error_code(d) == "over_time_limit"), "%d %s" % (st, d[:100]))
elif mode == "count":
    st, _, d = get("/api/v1/health")
    print(json.loads(d)["articles"])
elif mode == "ingest":
    body = ("Harbor lights dimmed for the ferry strike\n\n"
            "Marrow Bay switched off the harbor lights for an hour on Friday in support of the ferry crews, the harbor master said.\n").encode()
    st, _, d = get("/api/v1/articles", method="POST", body=body, headers={"Content-Type": "text/plain"})
    r = json.loads(d)
    check("POST with --allow-ingest stores the article", st == 201 and r["articles"][0]["new"] is True, d[:200])
    st, _, d = get("/api/v1/search?q=lights")
    check("the new article is searchable at once", st == 200 and json.loads(d)["hits"], d[:200])
    body = b"<html><head><title>Ferry &lt;script&gt;alert(1)&lt;/script&gt; strike</title></head><body><article><p>" + b"The ferry strike in Marrow Bay went on for a second week as talks stalled again. " * 8 + b"</p></article></body></html>"
    st, _, d = get("/api/v1/articles", method="POST", body=body, headers={"Content-Type": "text/html"})
    check("an HTML page can be posted", st == 201, d[:200])
    st, _, d = get("/?q=stalled")
    check("titles are escaped in pages", st == 200 and b"<script>alert" not in d and b"&lt;script&gt;" in d, d[-400:])
    # The body limit (8 MiB) at its value and one byte past: a body that is
    # not JSON is refused for that (400), not for its size, at the limit.
    limit = 8 << 20
    pad = b'{"pad": "' + b"a" * (limit - 9)
    st, _, d = get("/api/v1/articles", method="POST", body=pad, headers={"Content-Type": "application/json"})
    check("a body of exactly 8 MiB is read (400 for its content, not 413)", st == 400, "%d %s" % (st, d[:100]))
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Content-Length: %d\r\n\r\n" % (limit + 1))
    try:
        s.sendall(pad + b"a")
    except OSError:
        pass # the server may answer and close before the body is all sent
    r = s.recv(4096)
    s.close()
    check("a body one byte over 8 MiB is a 413", r.startswith(b"HTTP/1.1 413"), r[:60])
PY
}

# checks MODE: run the client's checks and tally them.
checks() {
    client "$1" >"$W/checks" 2>&1
    while IFS="$(printf '\t')" read -r name res; do
        case "$res" in ok) ok "$name" ;; *) fail "$name: $res" ;; esac
    done <"$W/checks"
    grep -q "Traceback" "$W/checks" && fail "client crashed: $(tail -1 "$W/checks")"
}

serve_start "$DB"
checks read
serve_stop

serve_start "$DB"
checks idle
serve_stop

"$SL_BIN" serve --db "$DB" --port 0 --query-ms 0 >/dev/null 2>&1
assert_exit "--query-ms 0 is a usage error" $? 2
"$SL_BIN" serve --db "$DB" --port 0 --idle-seconds x >/dev/null 2>&1
assert_exit "--idle-seconds x is a usage error" $? 2
serve_start "$DB" --idle-seconds 2 --query-ms 1
checks slow
serve_stop

# Live: another process ingests into the same store while the server runs;
# the cached health answer must follow its commit.
serve_start "$DB"
N0=$(client count)
cat >"$W/extra.txt" <<'TXT'
Corran Island school reopens after the ferry strike

Pupils from the mainland returned to the Corran Island school on Monday, the
first full week since the ferry strike ended, the head teacher said.
TXT
"$SL_BIN" ingest --quiet --db "$DB" "$W/extra.txt" >/dev/null 2>"$W/ingest.err"
assert_exit "ingest while the server runs" $? 0 "$W/ingest.err"
N1=$(client count)
assert_eq "the server sees another process's commit" "$N1" "$((N0 + 1))"
serve_stop

serve_start "$DB" --allow-ingest
checks ingest
serve_stop
finish
