#!/usr/bin/env bash
# Leiden side by side: our `distill bench leiden` and igraph's community_leiden (Debian python3-igraph,
# modularity, n_iterations=2, weights) on the same planted graph, in one run. Prints time, modularity,
# community count and ARI/NMI against the planted truth for both.
#
#   bench/leiden/compare.sh [--nodes N] [--edges M] [--seed S] [--leiden-seed S] [--threads T] [--work DIR]
#
# Defaults: 1M nodes, 10M edges (the issue's benchmark). The graph is generated once per
# (nodes, edges, seed) into the work directory (default /tmp/distill-leiden) and reused.
set -euo pipefail
nodes=1000000 edges=10000000 seed=1 leiden_seed=42 threads=1 work=/tmp/distill-leiden
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --edges) edges=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --leiden-seed) leiden_seed=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
py=/usr/bin/python3   # Debian's interpreter has python3-igraph; a pyenv python3 may come first on PATH
"$py" -c "import igraph, numpy" || { echo "needs: apt-get install -y python3-igraph python3-numpy" >&2; exit 2; }
mkdir -p "$work"
graph="$work/planted-$nodes-$edges-$seed.txt"
truth="$work/planted-$nodes-$edges-$seed.truth"
if [ ! -s "$graph" ] || [ ! -s "$truth" ]; then
  hubs=$(( nodes >= 1000000 ? 20 : (nodes >= 100000 ? 5 : 2) ))
  hub_degree=$(( nodes >= 1000000 ? 5000 : 1000 ))
  echo "generating $graph ..." >&2
  start=$(date +%s.%N)
  "$py" "$here/generate_planted.py" --nodes "$nodes" --edges "$edges" --seed "$seed" \
    --hubs "$hubs" --hub-degree "$hub_degree" --out "$graph" --truth "$truth" >&2
  echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
fi

echo "building distill (Release) ..." >&2
dotnet build -c Release "$repo/src/Distill.Attribution.Cli" -v q -nologo >&2
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"

ours=$("$distill" bench leiden --edges "$graph" --seed "$leiden_seed" --iterations 2 --threads "$threads" --membership "$work/ours.membership")
theirs=$("$py" "$here/igraph_leiden.py" run "$graph" --seed "$leiden_seed" --iterations 2 --membership "$work/igraph.membership")
ours_score=$("$py" "$here/igraph_leiden.py" score "$truth" "$work/ours.membership")
theirs_score=$("$py" "$here/igraph_leiden.py" score "$truth" "$work/igraph.membership")
"$py" - "$ours" "$theirs" "$ours_score" "$theirs_score" "$nodes" "$edges" "$threads" <<'PY'
import json, sys
o, t, os_, ts = (json.loads(x) for x in sys.argv[1:5])
print(f"planted graph: {o['nodes']} nodes, {o['edges']} edges; Leiden modularity, 2 iterations; ours on {sys.argv[7]} thread(s)")
print(f"{'':10} {'seconds':>9} {'cpu s':>9} {'modularity':>11} {'communities':>12} {'ARI':>7} {'NMI':>7}")
for name, r, s in (("distill", o, os_), ("igraph", t, ts)):
    print(f"{name:10} {r['seconds']:9.3f} {r['cpu_seconds']:9.3f} {r['modularity']:11.6f} {r['communities']:12d} {s['ari']:7.4f} {s['nmi']:7.4f}")
print(f"wall-time ratio distill/igraph = {o['seconds'] / t['seconds']:.3f}; cpu-time ratio = {o['cpu_seconds'] / t['cpu_seconds']:.3f}; "
      f"modularity difference = {o['modularity'] - t['modularity']:+.6f}")
PY
