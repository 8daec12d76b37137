#!/usr/bin/env bash
# The main job on the embedded store: build, generate a small synthetic data set, ingest it, show counts.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${DEMO_SCALE:-0.02}
echo "== building the distill CLI"
dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly
distill=(dotnet src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll)
rm -rf demo && mkdir -p demo
echo "== generate (scale $scale)"
"${distill[@]}" generate --out demo/data --scale "$scale" --seed 42
echo "== ingest"
"${distill[@]}" ingest demo/data/input --store demo/distill.db --rejects demo/rejects.jsonl
echo "== stats"
"${distill[@]}" stats --store demo/distill.db
