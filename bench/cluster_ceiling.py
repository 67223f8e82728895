#!/usr/bin/python3
"""What clustering duc_stream could reach with knowledge a stream lacks.

Not a system: a measurement behind the README's clustering paragraph. It
scores (pairwise F1 on the gold column, best threshold or cut, so every
figure is an upper bound for its method):

  1. offline average-link over TF-IDF of the whole set;
  2. one pass in date order over LSA vectors fitted on the whole set
     (the concept space knows every topic before the first article);
  3. the same pass with the concept space refitted every 50 articles on
     the articles already seen, as a stream must, and the centroids
     re-projected (the TF-IDF weights still come from the whole set,
     which favours this row);
  4. offline average-link over whole-set LSA at several ranks and cuts,
     to show how much the best figure depends on matching the rank to the
     number of topics.

usage: bench/cluster_ceiling.py [duc_stream.dev.jsonl]   (needs scikit-learn)
"""
import collections
import json
import sys
from math import comb

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

PATH = sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/clustering/data/duc_stream.dev.jsonl"
rows = [json.loads(line) for line in open(PATH)]
gold = [r["cluster"] for r in rows]
X = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2, max_df=0.5).fit_transform(
    [(r.get("title") or "") + " " + r["text"] for r in rows])


def pairwise_f1(pred):
    both = sum(comb(n, 2) for n in collections.Counter(zip(gold, pred)).values())
    in_gold = sum(comb(n, 2) for n in collections.Counter(gold).values())
    in_pred = sum(comb(n, 2) for n in collections.Counter(pred).values())
    return 2 * both / (in_gold + in_pred) if both else 0.0


def single_pass(threshold, vector_of, refit=lambda i: False):
    """Articles in date order: each joins the nearest centroid at or above
    threshold, else opens a cluster. When refit(i) says the vector space
    changed, every centroid is rebuilt from its members' new vectors."""
    members, sums, labels = [], [], []
    for i in range(len(rows)):
        if refit(i):
            sums = [sum(vector_of(j) for j in m) for m in members]
        v = vector_of(i)
        if sums:
            m = np.array(sums)
            s = m @ v / np.maximum(np.linalg.norm(m, axis=1), 1e-9)
            best = int(np.argmax(s))
            if s[best] >= threshold:
                sums[best] = sums[best] + v
                members[best].append(i)
                labels.append(best)
                continue
        sums.append(v)
        members.append([i])
        labels.append(len(sums) - 1)
    return labels


def past_only_pass(rank, threshold, every=50, warm=150):
    """single_pass where article i is projected on a basis fitted to the
    articles before it, refitted every `every` articles. The first `warm`
    articles share the basis of the first `warm` (a head start this row
    gets free)."""
    dense, basis = X.toarray(), []

    def refit(i):
        if basis and not (i > warm and i % every == 0):
            return False
        basis[:] = [TruncatedSVD(rank, random_state=0).fit(X[:max(i, warm)]).components_]
        return True

    def project(i):
        z = dense[i] @ basis[0].T
        return z / max(np.linalg.norm(z), 1e-9)

    return single_pass(threshold, project, refit)


def main():
    grid = np.arange(0.30, 0.80, 0.05)
    z = linkage(pdist(X.toarray(), "cosine"), "average")
    print("%-58s %s" % ("method (best threshold or cut)", "pairwise F1"))
    print("%-58s %.3f" % ("1. offline average-link, TF-IDF",
                          max(pairwise_f1(fcluster(z, k, "maxclust")) for k in range(30, 140, 3))))
    for rank in (50, 100, 150):
        v = normalize(TruncatedSVD(rank, random_state=0).fit_transform(X))
        f = max(pairwise_f1(single_pass(t, lambda i: v[i])) for t in grid)
        print("%-58s %.3f" % ("2. one pass, LSA rank %d fitted on the whole set" % rank, f))
    for rank in (50, 100):
        f = max(pairwise_f1(past_only_pass(rank, t)) for t in np.arange(0.55, 0.95, 0.05))
        print("%-58s %.3f" % ("3. one pass, LSA rank %d fitted on the past only" % rank, f))
    for rank in (50, 100, 150):
        zl = linkage(pdist(normalize(TruncatedSVD(rank, random_state=0).fit_transform(X)), "cosine"),
                     "average")
        cells = " ".join("%.2f:%.3f" % (c, pairwise_f1(fcluster(zl, c, "distance")))
                         for c in (0.5, 0.6, 0.65, 0.7, 0.8))
        print("4. offline average-link, LSA rank %-3d  cut:F1  %s" % (rank, cells))


main()
