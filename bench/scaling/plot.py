#!/usr/bin/python3
"""Plots docs/scaling/scaling.tsv (written by bench/scaling/run.sh): ingest and detect wall time and peak memory
against the number of requests, on log-log axes, with the budgets of issue 18 and a straight-line extrapolation.
Usage: bench/scaling/plot.py (Debian python3: /usr/bin/python3 bench/scaling/plot.py) [tsv=docs/scaling/scaling.tsv] [svg=docs/scaling/scaling.svg]
Needs matplotlib (Debian: apt-get install -y python3-matplotlib)."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

tsv = sys.argv[1] if len(sys.argv) > 1 else "docs/scaling/scaling.tsv"
svg = sys.argv[2] if len(sys.argv) > 2 else "docs/scaling/scaling.svg"
with open(tsv, newline="") as f:
    rows = sorted(csv.DictReader(f, delimiter="\t"), key=lambda r: float(r["requests"]))
if not rows:
    sys.exit(f"{tsv} holds no rows")

requests = [float(r["requests"]) / 1e6 for r in rows]
# Wall time on a shared machine mostly measures the load; CPU seconds (user + system) measure the code, so the
# extrapolation is drawn through the CPU seconds, and the wall times are shown beside them for honesty.
series = {
    "ingest": ([float(r["ingest_cpu_s"]) for r in rows], [float(r["ingest_s"]) for r in rows], [float(r["ingest_peak_mib"]) / 1024 for r in rows]),
    "detect": ([float(r["detect_cpu_s"]) for r in rows], [float(r["detect_s"]) for r in rows], [float(r["detect_peak_mib"]) / 1024 for r in rows]),
}


def fit(xs, ys):
    """Least-squares line through (log x, log y): returns the exponent and a function for extrapolation."""
    import math

    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    n = len(xs)
    mx, my = sum(lx) / n, sum(ly) / n
    var = sum((a - mx) ** 2 for a in lx)
    b = sum((a - mx) * (c - my) for a, c in zip(lx, ly)) / var if var > 0 else 1.0
    a = my - b * mx
    return b, lambda x: math.exp(a + b * math.log(x))


fig, (time_ax, mem_ax) = plt.subplots(1, 2, figsize=(11, 4.5))
far = [requests[0], max(requests[-1], 200.0)]
for name, (cpu, wall, peaks) in series.items():
    for ax, ys, what in ((time_ax, cpu, "CPU s"), (mem_ax, peaks, "peak")):
        line = ax.plot(requests, ys, "o-", label=f"{name} {what}")[0]
        if len(requests) >= 2:
            b, f = fit(requests[-3:], ys[-3:])
            ax.plot(far, [f(x) for x in far], "--", color=line.get_color(), alpha=0.6,
                    label=f"{name} {what}, fit of the last points (exponent {b:.2f})")
        if ax is time_ax:
            ax.plot(requests, wall, "x:", color=line.get_color(), alpha=0.7, label=f"{name} wall s")

time_ax.axhline(600, color="grey", lw=0.8, ls=":")
time_ax.text(far[0], 600, " ingest budget at scale 10 (10 min)", va="bottom", fontsize=8)
time_ax.axhline(300, color="grey", lw=0.8, ls=":")
time_ax.text(far[0], 300, " detect budget at scale 10 (5 min)", va="bottom", fontsize=8)
mem_ax.axhline(16, color="grey", lw=0.8, ls=":")
mem_ax.text(far[0], 16, " detect memory budget (16 GiB)", va="bottom", fontsize=8)
mem_ax.axhline(24, color="red", lw=0.8, ls=":")
mem_ax.text(far[0], 24, " machine RAM (24 GiB)", va="bottom", fontsize=8, color="red")
for ax, label in ((time_ax, "seconds (CPU: user + system; wall)"), (mem_ax, "peak RSS (GiB)")):
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("requests (millions)")
    ax.set_ylabel(label)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
loads = ", ".join(f"{r['scale']}: {r['load_start']}-{r['load_end']}" for r in rows)
fig.suptitle(f"distill ingest and detect by size, 2 cores (load average per scale: {loads})", fontsize=9)
fig.tight_layout()
fig.savefig(svg)
print(f"wrote {svg}")
