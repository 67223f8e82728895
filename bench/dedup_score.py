#!/usr/bin/env python3
"""dedup_score.py — scores dedup_run verdicts against dedup_copies gold.

A predicted link doc -> duplicate_of is correct when both are in the same
copy family (an original and its generated copies). Precision = correct
links / predicted links; recall = copies that got a correct link / copies.
Prints per-transformation recall, then every link between two DUC
originals: the DUC data itself holds real near-duplicates (the same wire
text filed twice, or one article inside a longer one). Each such pair is
shown with its exact (unsampled) word 5-shingle containment, so a reader
can tell a real duplicate from a detector error; the headline precision
counts them all as wrong, and a second figure counts only those whose exact
containment is below 0.5 as wrong.
Usage: dedup_score.py GOLD.jsonl PRED.jsonl [--show N]
"""
import argparse
import collections
import json
import re

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text, k=5):
    w = [x.lower() for x in WORD.findall(text) if x != "_"]
    return {tuple(w[i:i + k]) for i in range(max(0, len(w) - k + 1))}


def native_pairs(gold, thr):
    """Pairs of DUC originals that are real duplicates of each other: exact
    (unsampled) 5-shingle resemblance >= 0.5 or containment either way >= thr.
    Found through an inverted index, independently of any prediction."""
    orig = [i for i, r in gold.items() if not r["copy_of"]]
    sets = {i: shingles(gold[i]["text"]) for i in orig}
    inv = collections.defaultdict(list)
    for i in orig:
        for s in sets[i]:
            inv[s].append(i)
    shared = collections.Counter()
    for ids in inv.values():
        if len(ids) > 50:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                shared[(ids[x], ids[y])] += 1
    out = []
    for (a, b), n in shared.items():
        ca, cb = n / len(sets[a]), n / len(sets[b])
        res = n / (len(sets[a]) + len(sets[b]) - n)
        if res >= 0.5 or max(ca, cb) >= thr:
            out.append((a, b, res, ca, cb))
    return out


def families(gold, pairs):
    parent = {i: (r["copy_of"] or i) for i, r in gold.items()}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b, *_ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return {i: find(i) for i in gold}


def score(gold, links, fam):
    copies = [i for i, r in gold.items() if r["copy_of"]]
    correct = {i for i, j, _ in links if fam[i] == fam[j]}
    p = len(correct) / len(links) if links else 1.0
    hit = {i for i in copies if i in correct}
    rec = len(hit) / len(copies)
    f1 = 2 * p * rec / (p + rec) if p + rec else 0
    return p, rec, f1, correct, hit, copies


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--show", type=int, default=10, help="wrong and missed links to print")
    ap.add_argument("--native", type=float, default=0.7,
                    help="exact containment making two DUC originals real duplicates")
    a = ap.parse_args()
    gold = {}
    for line in open(a.gold, encoding="utf-8"):
        r = json.loads(line)
        gold[r["id"]] = r
    pred = {}
    for line in open(a.pred, encoding="utf-8"):
        r = json.loads(line)
        pred[r["id"]] = r
    links = [(i, r["duplicate_of"], r) for i, r in pred.items() if r["duplicate_of"]]

    strict = families(gold, [])
    p, rec, f1, _, _, copies = score(gold, links, strict)
    print("strict (only generated copies are duplicates): links=%d copies=%d" % (len(links), len(copies)))
    print("  precision=%.4f recall=%.4f f1=%.4f" % (p, rec, f1))
    pairs = native_pairs(gold, a.native)
    fam = families(gold, pairs)
    p2, rec2, f12, correct, hit, _ = score(gold, links, fam)
    print("with DUC-native duplicates (%d pairs of originals, exact resemblance >= 0.5 or "
          "containment >= %.2f) as one family:" % (len(pairs), a.native))
    print("precision=%.4f recall=%.4f f1=%.4f" % (p2, rec2, f12))
    by = collections.defaultdict(lambda: [0, 0])
    for i in copies:
        t = gold[i]["transform"]
        by[t][1] += 1
        by[t][0] += i in hit
    print("recall by transformation (native families):")
    for t in sorted(by):
        print("  %-10s %4d/%-4d %.3f" % (t, by[t][0], by[t][1], by[t][0] / by[t][1]))
    print("predicted kinds:", dict(collections.Counter(r["kind"] for _, _, r in links)))
    order = {i: n for n, i in enumerate(gold)}
    print("DUC-native duplicate pairs (exact 5-shingle figures; then what the later one got):")
    for x, y, res, ca, cb in sorted(pairs, key=lambda t: (order[t[0]], order[t[1]])):
        if order[x] > order[y]:
            x, y, ca, cb = y, x, cb, ca
        r = pred[y]
        verdict = "none" if not r["duplicate_of"] else "%s %s (%s)" % (
            r["kind"], r["duplicate_of"], "same family" if fam[r["duplicate_of"]] == fam[y] else "OTHER")
        print("  %-17s %-17s res=%.2f contain=%.2f/%.2f  -> %s" % (x, y, res, ca, cb, verdict))
    wrong = [(i, j, r) for i, j, r in links if i not in correct]
    for i, j, r in wrong[:a.show]:
        si, sj = shingles(gold[i]["text"]), shingles(gold[j]["text"])
        n = len(si & sj)
        print("  WRONG %s -> %s %s sim=%.2f exact containment %.2f/%.2f" % (
            i, j, r["kind"], r["similarity"], n / max(1, len(si)), n / max(1, len(sj))))
    for i in [i for i in copies if i not in hit][:a.show]:
        r = pred[i]
        print("  MISSED %s (%s, %d words) got %s %s" % (
            i, gold[i]["transform"], len(gold[i]["text"].split()), r["kind"], r["duplicate_of"]))


if __name__ == "__main__":
    main()
