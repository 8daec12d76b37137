#!/usr/bin/env bash
# Workbench benchmark: a generated data set (scale BENCH_SCALE, default 0.02) plus one 2,000-account harvesting
# campaign (add-campaign.mjs), detected at a coarse resolution (BENCH_RESOLUTION, default 0.001: at the default 0.05
# the detector splits the campaign into its ~100-account crews), then render.mjs against `distill serve`: first byte
# to interactive graph, the cluster view's GraphQL p50/p99, sigma.js vs cytoscape.js. Prints numbers; asserts nothing.
#   bench/workbench/run.sh     (needs dotnet, node/npm, Debian chromium)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
port="${BENCH_PORT:-5192}"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
(cd "$repo/web" && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; } && node build.mjs >/dev/null)
dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
echo "== load before: $(uptime | sed 's/.*load average/load average/')"
"$distill" generate --out "$work/data" --scale "${BENCH_SCALE:-0.02}" --seed 42 >/dev/null 2>&1
node "$repo/bench/workbench/add-campaign.mjs" "$work/data" --members="${BENCH_MEMBERS:-2000}"
"$distill" ingest "$work/data/input" --store "$work/s.db" --rejects "$work/r.jsonl" >/dev/null 2>&1
"$distill" detect --store "$work/s.db" --resolution "${BENCH_RESOLUTION:-0.001}" >/dev/null 2>&1
"$distill" export-clusters --store "$work/s.db" --out "$work/clusters.json" >/dev/null 2>&1
read -r cluster size < <(node -e 'const d = require(process.argv[1]); const c = d.clusters.filter((c) => c.flagged).map((c) => [c.id, (c.members ?? []).length]).sort((a, b) => b[1] - a[1])[0]; console.log(c[0], c[1])' "$work/clusters.json")
echo "== largest flagged cluster: $cluster ($size members)"
key=$("$distill" keys create --role investigator --store "$work/s.db" 2>/dev/null)
"$distill" serve --store "$work/s.db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
node "$repo/bench/workbench/render.mjs" "http://127.0.0.1:$port" "$key" "$cluster" "$@"
echo "== load after: $(uptime | sed 's/.*load average/load average/')"
