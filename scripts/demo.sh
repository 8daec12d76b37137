#!/usr/bin/env bash
# The main job on the embedded store: build, generate a synthetic data set, ingest it, detect coordinated
# clusters, show the top clusters with their operator and evidence, export them, and score them against the
# generator's ground truth. DEMO_SCALE (default 0.02) and DEMO_SEED (default 42) choose the data set.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${DEMO_SCALE:-0.02}
seed=${DEMO_SEED:-42}
echo "== building the distill CLI"
dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly
distill=(dotnet src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll)
rm -rf demo && mkdir -p demo
echo "== generate (scale $scale, seed $seed)"
"${distill[@]}" generate --out demo/data --scale "$scale" --seed "$seed"
echo "== ingest"
"${distill[@]}" ingest demo/data/input --store demo/distill.db --rejects demo/rejects.jsonl
echo "== stats"
"${distill[@]}" stats --store demo/distill.db
echo "== detect (top clusters, then the evidence of the top flagged ones)"
"${distill[@]}" detect --store demo/distill.db --top 15
echo "== export-clusters"
"${distill[@]}" export-clusters --store demo/distill.db --out demo/clusters.json
echo "== evaluate against the generator's ground truth"
"${distill[@]}" evaluate --store demo/distill.db --truth demo/data/truth.csv
