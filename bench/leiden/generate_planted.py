#!/usr/bin/python3
"""Planted-partition benchmark graph for Leiden.

Many small dense communities (5..500 members, sizes from a truncated power law, so most are small),
background noise edges between random nodes, and a few hub nodes linked to thousands of random nodes.
Node labels are shuffled so ids reveal nothing. Seeded: the same arguments give the same files.

Writes EDGES ('u v w' per line, 0-based, ids right-aligned with spaces) and TRUTH (planted community of
each node, one line per node in id order; hubs get their own singleton ids).

Usage: generate_planted.py --nodes 1000000 --edges 10000000 --seed 1 --out graph.txt --truth truth.txt
"""
import argparse
import numpy as np


def fixed_width(values, width):
    """Right-aligned decimal text of non-negative ints as a (len, width) uint8 array, space padded."""
    values = values.astype(np.int64)
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = (values[:, None] // powers) % 10
    out = (digits + ord("0")).astype(np.uint8)
    # Leading zeros become spaces (but keep the last digit, so 0 prints as "0").
    lead = values[:, None] < powers
    lead[:, -1] = False
    out[lead] = ord(" ")
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--nodes", type=int, default=1_000_000)
    p.add_argument("--edges", type=int, default=10_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--min-size", type=int, default=5)
    p.add_argument("--max-size", type=int, default=500)
    p.add_argument("--noise", type=float, default=0.12, help="share of edges between random nodes")
    p.add_argument("--hubs", type=int, default=20)
    p.add_argument("--hub-degree", type=int, default=5000)
    p.add_argument("--out", required=True)
    p.add_argument("--truth", required=True)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)

    n_members = a.nodes - a.hubs
    # Truncated power law (exponent 2) between min and max size.
    lo, hi = a.min_size, a.max_size
    sizes = []
    total = 0
    while total < n_members:
        u = rng.random(100_000)
        s = np.floor(lo / (1 - u * (1 - lo / hi))).astype(np.int64)
        s = np.minimum(s, hi)
        sizes.append(s)
        total += int(s.sum())
    sizes = np.concatenate(sizes)
    cut = np.searchsorted(np.cumsum(sizes), n_members)
    sizes = sizes[: cut + 1].copy()
    sizes[-1] -= int(sizes.sum()) - n_members
    if sizes[-1] < 2:
        sizes[-2] += sizes[-1]
        sizes = sizes[:-1]
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))

    hub_edges = a.hubs * a.hub_degree
    noise_edges = int(a.edges * a.noise)
    intra_target = a.edges - noise_edges - hub_edges
    # Expected intra degree: min(0.8 (s - 1), D), with D chosen so the intra edges add up to the target.
    lo_d, hi_d = 1.0, 1000.0
    for _ in range(60):
        d = (lo_d + hi_d) / 2
        if (sizes * np.minimum(0.8 * (sizes - 1), d) / 2).sum() < intra_target:
            lo_d = d
        else:
            hi_d = d
    base = sizes * np.minimum(0.8 * (sizes - 1), lo_d) / 2

    def draw_intra(factor):
        # Pairs drawn with replacement: self-pairs and repeats are dropped, so draw more than needed.
        per = np.round(base * factor).astype(np.int64)
        comm = np.repeat(np.arange(len(sizes)), per)
        iu = starts[comm] + np.floor(rng.random(len(comm)) * sizes[comm]).astype(np.int64)
        iv = starts[comm] + np.floor(rng.random(len(comm)) * sizes[comm]).astype(np.int64)
        keep = iu != iv
        iu, iv = iu[keep], iv[keep]
        _, first = np.unique(np.minimum(iu, iv) * a.nodes + np.maximum(iu, iv), return_index=True)
        first.sort()
        return iu[first], iv[first]

    u, v = draw_intra(1.0)
    u, v = draw_intra(min(4.0, intra_target / max(1, len(u))))
    comm = u

    nu = rng.integers(0, n_members, noise_edges)
    nv = rng.integers(0, n_members, noise_edges)
    hu = np.repeat(np.arange(n_members, a.nodes), a.hub_degree)
    hv = rng.integers(0, n_members, hub_edges)

    u = np.concatenate((u, nu, hu))
    v = np.concatenate((v, nv, hv))
    w = np.concatenate((rng.integers(1, 4, len(comm)), np.ones(noise_edges + hub_edges, dtype=np.int64)))
    keep = u != v
    intra_kept = int(keep[: len(comm)].sum())
    u, v, w = u[keep], v[keep], w[keep]
    key = np.minimum(u, v) * a.nodes + np.maximum(u, v)
    _, first = np.unique(key, return_index=True)
    first.sort()
    u, v, w = u[first], v[first], w[first]

    # Shuffle labels so that ids carry no community information.
    label = rng.permutation(a.nodes)
    u, v = label[u], label[v]
    truth_by_old = np.concatenate((np.repeat(np.arange(len(sizes)), sizes), len(sizes) + np.arange(a.hubs)))
    truth = np.empty(a.nodes, dtype=np.int64)
    truth[label] = truth_by_old

    width = len(str(a.nodes - 1))
    rows = np.empty((len(u), 2 * width + 4), dtype=np.uint8)
    rows[:, :width] = fixed_width(u, width)
    rows[:, width] = ord(" ")
    rows[:, width + 1 : 2 * width + 1] = fixed_width(v, width)
    rows[:, 2 * width + 1] = ord(" ")
    rows[:, 2 * width + 2] = ord("0") + w
    rows[:, 2 * width + 3] = ord("\n")
    with open(a.out, "wb") as f:
        f.write(rows.tobytes())
    with open(a.truth, "w") as f:
        f.write("\n".join(map(str, truth.tolist())))
        f.write("\n")
    print(f"nodes={a.nodes} edges={len(u)} communities={len(sizes)} hubs={a.hubs} "
          f"intra_drawn={intra_kept} noise={noise_edges} hub_edges={hub_edges}")


if __name__ == "__main__":
    main()
