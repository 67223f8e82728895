#!/usr/bin/env python3
"""make_warc.py — build a Common-Crawl-style WARC.gz for the reader benchmark.

Each HTML page given becomes a `request` + `response` record pair (the
response with an HTTP header), each record its own gzip member, after one
warcinfo record. The page set is repeated (with distinct URIs and record
ids) until the compressed file reaches --size-mb. Each repeat marks every
page's paragraphs with its round number, so the copies are distinct
articles and the store does the full work for each, as on a real crawl. Benchmark data is read at
bench time and written to a scratch path only: never commit the output.
"""
import argparse
import os
import uuid
import zlib


def member(data: bytes) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip wrapper
    return z.compress(data) + z.flush()


def record(wtype: str, uri: str, content: bytes, ctype: str) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: {wtype}\r\n"
        + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
        + "WARC-Date: 2030-01-01T00:00:00Z\r\n"
        + f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        + f"Content-Type: {ctype}\r\nContent-Length: {len(content)}\r\n\r\n"
    )
    return head.encode() + content + b"\r\n\r\n"


def mark(page: bytes, rnd: int) -> bytes:
    """Make round rnd's copy distinct inside the article text: the first
    " the " of every paragraph gets the round number."""
    if rnd == 0:
        return page
    parts = page.split(b"<p")
    tag = f" the ({rnd}) ".encode()
    return b"<p".join([parts[0]] + [p.replace(b" the ", tag, 1) for p in parts[1:]])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("pages", nargs="+")
    ap.add_argument("--size-mb", type=float, default=200)
    a = ap.parse_args()
    pages = [open(p, "rb").read() for p in sorted(a.pages)]
    target = int(a.size_mb * 1024 * 1024)
    raw = comp = n = 0
    tmp = a.out + ".part"
    with open(tmp, "wb") as f:
        info = record("warcinfo", "", b"software: storyline bench\r\n", "application/warc-fields")
        f.write(member(info))
        rnd = 0
        while f.tell() < target:
            for i, orig in enumerate(pages):
                page = mark(orig, rnd)
                uri = f"https://news.example/{rnd}/{i}.html"
                req = f"GET /{rnd}/{i}.html HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
                http = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(page)}\r\n\r\n".encode()
                    + page
                )
                for rec in (
                    record("request", uri, req, "application/http; msgtype=request"),
                    record("response", uri, http, "application/http; msgtype=response"),
                ):
                    m = member(rec)
                    f.write(m)
                    raw += len(rec)
                    comp += len(m)
                n += 1
                if f.tell() >= target:
                    break
            rnd += 1
    os.replace(tmp, a.out)
    print(f"{a.out}: {n} responses, {comp / 1e6:.1f} MB compressed, {raw / 1e6:.1f} MB raw")


if __name__ == "__main__":
    main()
