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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--show", type=int, default=10, help="wrong copy links to print")
    a = ap.parse_args()
    gold = {}
    for line in open(a.gold, encoding="utf-8"):
        r = json.loads(line)
        gold[r["id"]] = r
    fam = {i: (r["copy_of"] or i) for i, r in gold.items()}
    pred = {}
    for line in open(a.pred, encoding="utf-8"):
        r = json.loads(line)
        pred[r["id"]] = r
    links = [(i, r["duplicate_of"], r) for i, r in pred.items() if r["duplicate_of"]]
    correct = [x for x in links if fam[x[0]] == fam[x[1]]]
    copies = [i for i, r in gold.items() if r["copy_of"]]
    hit = {i for i, _, _ in correct}
    by = collections.defaultdict(lambda: [0, 0])
    for i in copies:
        t = gold[i]["transform"]
        by[t][1] += 1
        by[t][0] += i in hit
    p = len(correct) / len(links) if links else 1.0
    rec = sum(1 for i in copies if i in hit) / len(copies)
    f1 = 2 * p * rec / (p + rec) if p + rec else 0
    print("links=%d correct=%d copies=%d" % (len(links), len(correct), len(copies)))
    print("precision=%.4f recall=%.4f f1=%.4f" % (p, rec, f1))
    print("recall by transformation:")
    for t in sorted(by):
        print("  %-10s %4d/%-4d %.3f" % (t, by[t][0], by[t][1], by[t][0] / by[t][1]))
    kinds = collections.Counter(r["kind"] for _, _, r in links)
    print("predicted kinds:", dict(kinds))

    wrong = [x for x in links if fam[x[0]] != fam[x[1]]]
    natural, other = [], []
    for i, j, r in wrong:
        a_root, b_root = fam[i], fam[j]
        sa, sb = shingles(gold[a_root]["text"]), shingles(gold[b_root]["text"])
        inter = len(sa & sb)
        ca = inter / len(sa) if sa else 0  # this one inside the other
        cb = inter / len(sb) if sb else 0
        (natural if max(ca, cb) >= 0.5 else other).append((i, j, r, ca, cb))
    print("wrong links: %d (between families whose DUC originals really overlap: %d)"
          % (len(wrong), len(natural)))
    if natural:
        print("DUC originals that are themselves near-duplicates (exact 5-shingle containment):")
        seen = set()
        for i, j, r, ca, cb in natural:
            key = (fam[i], fam[j])
            print("  %-28s -> %-22s %-9s sim=%.2f  exact: %.2f of first in second, %.2f of second in first%s"
                  % (i, j, r["kind"], r["similarity"], ca, cb, "" if key not in seen else " (same pair)"))
            seen.add(key)
        p2 = (len(correct) + len(natural)) / len(links)
        print("precision counting real DUC duplicates as correct=%.4f" % p2)
    for i, j, r, ca, cb in other[:a.show]:
        print("  WRONG %s -> %s %s sim=%.2f exact=%.2f/%.2f" % (i, j, r["kind"], r["similarity"], ca, cb))
    missed = [i for i in copies if i not in hit]
    for i in missed[:a.show]:
        r = pred[i]
        print("  MISSED %s (%s) got %s %s" % (i, gold[i]["transform"], r["kind"], r["duplicate_of"]))


if __name__ == "__main__":
    main()
