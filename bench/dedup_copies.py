#!/usr/bin/env python3
"""dedup_copies.py — deterministic copy-set generator for the dedup bench.

Reads the DUC dev stream (id, title, date, text, cluster), picks a seeded
subset of articles of at least MIN_WORDS words, and makes syndicated-style
copies of each: a rewritten lede, an added or changed byline/dateline,
trailing paragraphs dropped or added (an editor's note or a paragraph of
another article), contiguous excerpts of 30-90% of the sentences, reordered
paragraphs, exact copies, whitespace/punctuation changes, and a "wire"
combination (byline + new lede + dropped tail). Writes JSONL in date order,
originals included, to stdout:
  {"id","title","text","date","copy_of","transform"}
copy_of is null for originals; every other DUC article is a negative.
Usage: dedup_copies.py DUC_JSONL [--seed 7] [--frac 0.4] > copies.jsonl
"""
import argparse
import datetime
import json
import random
import re
import sys

MIN_WORDS = 100
TRANSFORMS = ["exact", "punct", "lede", "byline", "drop_tail", "add_note",
              "add_other", "excerpt", "excerpt", "reorder", "wire"]
BYLINES = ["By Ana Ruiz (AP) \u2014 ", "By TOM HALE, Associated Press Writer\n\n",
           "LONDON (Reuters) - ", "By a Staff Writer | ", "(AFP) -- ",
           "By Priya Nand and Olek Varga\nThe Daily Courier\n\n"]
NOTES = ["Editor's note: an earlier version of this story misstated a date.",
         "Copyright 1998 The Associated Press. All rights reserved. This material "
         "may not be published, broadcast, rewritten or redistributed.",
         "Staff writers contributed reporting. Send tips to the news desk.",
         "(Additional reporting by wire staff; editing by the weekend desk.)"]
LEDES = ["Officials moved on {d} to address what they called a pressing matter "
         "involving {w}.",
         "A long-running dispute over {w} took a new turn on {d}, people familiar "
         "with the matter said.",
         "In a development closely watched by observers, {w} dominated talks on {d}."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the weekend"]

SENT_RE = re.compile(r"(?<=[.!?'\"])\s+(?=[A-Z`\"(])")


def sentences(text):
    return [s for s in SENT_RE.split(text.replace("\n", " ")) if s.strip()]


def paragraphs(text):
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paras) >= 3:
        return paras
    sents = sentences(text)
    return [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]


def punct(rng, text):
    t = text.replace("``", "\u201c").replace("''", "\u201d").replace("--", "\u2014")
    t = re.sub(r"\n\s*\n", lambda _: rng.choice(["\n", "\n\n\n", " "]), t)
    t = re.sub(r" ", lambda _: "  " if rng.random() < 0.05 else " ", t)
    t = re.sub(r",", lambda _: "" if rng.random() < 0.3 else ",", t)
    return "<p>" + t + "</p>" if rng.random() < 0.5 else t


def new_lede(rng, text):
    sents = sentences(text)
    words = [w for w in re.findall(r"[A-Za-z]{5,}", sents[0])] or ["the issue"]
    lede = rng.choice(LEDES).format(d=rng.choice(DAYS), w=" ".join(rng.sample(words, min(3, len(words)))))
    return lede + " " + " ".join(sents[1:])


def byline(rng, text):
    # Replace a wire dateline if present, else add a byline.
    t = re.sub(r"^[A-Z][A-Za-z ,.]{2,40}\([A-Za-z]+\)\s*(--|-|\u2014)\s*", "", text, count=1)
    return rng.choice(BYLINES) + t


def drop_tail(rng, text):
    paras = paragraphs(text)
    k = max(1, min(len(paras) // 3, rng.randint(1, 3)))
    return "\n\n".join(paras[:len(paras) - k])


def excerpt(rng, text):
    sents = sentences(text)
    frac = rng.uniform(0.3, 0.9)
    n = max(1, round(len(sents) * frac))
    start = rng.randint(0, len(sents) - n)
    return " ".join(sents[start:start + n]), frac


def reorder(rng, text):
    paras = paragraphs(text)
    order = list(range(len(paras)))
    while len(paras) > 1 and order == sorted(order):
        rng.shuffle(order)
    return "\n\n".join(paras[i] for i in order)


def make(rng, kind, art, others):
    text = art["text"]
    if kind == "exact":
        return text
    if kind == "punct":
        return punct(rng, text)
    if kind == "lede":
        return new_lede(rng, text)
    if kind == "byline":
        return byline(rng, text)
    if kind == "drop_tail":
        return drop_tail(rng, text)
    if kind == "add_note":
        return text + "\n\n" + rng.choice(NOTES)
    if kind == "add_other":
        other = rng.choice(others)
        return text + "\n\n" + rng.choice(paragraphs(other["text"]) or [other["text"]])
    if kind == "excerpt":
        return excerpt(rng, text)
    if kind == "reorder":
        return reorder(rng, text)
    if kind == "wire":
        return byline(rng, drop_tail(rng, new_lede(rng, text)))
    raise ValueError(kind)


def shift(date, days):
    if not date:
        return date
    d = datetime.date.fromisoformat(date[:10]) + datetime.timedelta(days=days)
    return d.isoformat()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("duc")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--frac", type=float, default=0.4, help="share of eligible articles copied")
    ap.add_argument("--copies", type=int, default=3, help="max copies per picked article")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    arts = [json.loads(line) for line in open(a.duc, encoding="utf-8")]
    eligible = [x for x in arts if len(x["text"].split()) >= MIN_WORDS and len(sentences(x["text"])) >= 4]
    picked = rng.sample(eligible, round(len(eligible) * a.frac))
    rows = []
    for order, art in enumerate(arts):
        rows.append((art.get("date") or "", order, 0, {
            "id": art["id"], "title": art.get("title") or "", "text": art["text"],
            "date": art.get("date"), "copy_of": None, "transform": None}))
    pos = {x["id"]: i for i, x in enumerate(arts)}
    for art in picked:
        kinds = rng.sample(TRANSFORMS, rng.randint(1, a.copies))
        for n, kind in enumerate(kinds, 1):
            out = make(rng, kind, art, arts)
            name = kind
            if kind == "excerpt":
                out, frac = out
                name = "excerpt%d" % (int(frac * 10) * 10)  # excerpt30 .. excerpt80
            date = shift(art.get("date"), rng.choice([0, 0, 1, 2]))
            rows.append((date or "", pos[art["id"]], n, {
                "id": "%s#%d-%s" % (art["id"], n, kind), "title": art.get("title") or "",
                "text": out, "date": date, "copy_of": art["id"], "transform": name}))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for _, _, _, r in rows:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("# %d articles, %d picked, %d copies" % (len(arts), len(picked), len(rows) - len(arts)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
