#!/usr/bin/env bash
# The main job on the embedded store: build, generate a synthetic data set, ingest it, detect coordinated
# clusters, show the top clusters with their operator and evidence, export them, score them against the
# generator's ground truth, write and verify the evidence pack of the top flagged cluster, replay the data day by day
# through live mode (alerts in demo/alerts.jsonl; DEMO_LIVE_DAYS, default 5), create an API key and serve the
# investigator API with the workbench at / and GraphiQL at /graphql. DEMO_SCALE (default 0.02) and
# DEMO_SEED (default 42) choose the data set; DEMO_SERVE=0 stops before serving. DEMO_OTEL_CONSOLE=1 prints every
# command's OpenTelemetry spans and metrics (ingest batches, detection phases, GraphQL and HTTP requests) with the
# console exporter; the standard OTEL_EXPORTER_OTLP_ENDPOINT sends them to a collector instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${DEMO_SCALE:-0.02}
seed=${DEMO_SEED:-42}
if [ "${DEMO_OTEL_CONSOLE:-0}" = 1 ]; then export DISTILL_OTEL_CONSOLE=1; fi
if command -v npm > /dev/null; then
  echo "== building GraphiQL from npm packages (no CDN)"
  (cd tools/api && { [ -d node_modules ] || npm ci --no-audit --no-fund > /dev/null; } && node build-graphiql.mjs > /dev/null)
  echo "== building the investigator workbench (web/, from its lock file)"
  (cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund > /dev/null; } && node build.mjs > /dev/null)
fi
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
"${distill[@]}" evaluate --store demo/distill.db --truth demo/data/truth.csv --write-quality demo/quality.json
echo "== evidence pack of the top flagged cluster"
top=$(node -e 'const d = require("./demo/clusters.json"); const f = d.clusters.filter(c => c.flagged).sort((a, b) => b.riskScore - a.riskScore); console.log(f.length ? f[0].id : "")')
if [ -n "$top" ]; then
  "${distill[@]}" pack "$top" --store demo/distill.db --quality demo/quality.json --out "demo/pack-$top.zip" --custodian "${DEMO_CUSTODIAN:-${USER:-demo operator}}"
  "${distill[@]}" signing-key export-public --store demo/distill.db --out demo/trusted-keys.txt
  "${distill[@]}" verify-pack "demo/pack-$top.zip" --trusted-keys demo/trusted-keys.txt
else
  echo "no flagged cluster: no pack"
fi
echo "== live mode: the same data replayed in 1-day batches through the watch path (a store of its own), alerts as they come"
rm -rf demo/live.db demo/live.db.replay demo/alerts.jsonl
"${distill[@]}" replay demo/data/input --store demo/live.db --batch 1d --max-batches "${DEMO_LIVE_DAYS:-5}" --alerts demo/alerts.jsonl --rejects demo/live-rejects.jsonl
echo "  $(wc -l < demo/alerts.jsonl 2> /dev/null || echo 0) alert lines in demo/alerts.jsonl (docs/live.md)"
echo "== an investigator key (printed once; only its hash is stored)"
"${distill[@]}" keys create --role investigator --store demo/distill.db
if [ "${DEMO_SERVE:-1}" != 0 ]; then
  echo "== serving: the investigator workbench is at http://127.0.0.1:5080/ (sign in with the key above; GraphiQL at /graphql; Ctrl+C stops)"
  "${distill[@]}" serve --store demo/distill.db --urls http://127.0.0.1:5080
fi
