#!/usr/bin/python3
"""igraph's community_leiden on the same edge list, plus ARI/NMI of a membership file against the truth.

  igraph_leiden.py run EDGES [--seed N] [--iterations 2] [--membership OUT]   -> one JSON line
  igraph_leiden.py score TRUTH MEMBERSHIP                                      -> one JSON line (ari, nmi)
"""
import argparse
import json
import random
import time

import igraph as ig
import numpy as np


def load_edges(path):
    data = np.fromfile(path, sep=" ")  # any whitespace separates, newlines included
    rows = data.reshape(-1, 3)
    return rows[:, 0].astype(np.int64), rows[:, 1].astype(np.int64), rows[:, 2]


def load_ids(path):
    return np.fromfile(path, sep=" ").astype(np.int64)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("edges")
    r.add_argument("--seed", type=int, default=42)
    r.add_argument("--iterations", type=int, default=2)
    r.add_argument("--membership")
    s = sub.add_parser("score")
    s.add_argument("truth")
    s.add_argument("membership")
    a = p.parse_args()
    if a.cmd == "run":
        u, v, w = load_edges(a.edges)
        n = int(max(u.max(), v.max())) + 1
        g = ig.Graph(n=n, edges=np.column_stack((u, v)).tolist(), directed=False)
        g.es["weight"] = w.tolist()
        random.seed(a.seed)
        ig.set_random_number_generator(random)
        start, cpu = time.perf_counter(), time.process_time()
        c = g.community_leiden(objective_function="modularity", n_iterations=a.iterations, weights="weight")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        q = g.modularity(c.membership, weights="weight")
        if a.membership:
            with open(a.membership, "w") as f:
                f.write("\n".join(map(str, c.membership)))
                f.write("\n")
        print(json.dumps({"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "modularity": q, "communities": len(c),
                          "nodes": n, "edges": g.ecount(), "igraph": ig.__version__}))
    else:
        t = load_ids(a.truth).tolist()
        m = load_ids(a.membership).tolist()
        ari = ig.compare_communities(t, m, method="adjusted_rand")
        nmi = ig.compare_communities(t, m, method="nmi")
        print(json.dumps({"ari": ari, "nmi": nmi}))


if __name__ == "__main__":
    main()
