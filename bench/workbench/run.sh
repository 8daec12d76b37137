#!/usr/bin/env bash
# Workbench benchmark: a generated data set (scale BENCH_SCALE, default 0.02) plus one 2,000-account harvesting
# campaign (add-campaign.mjs), detected at a coarse resolution (BENCH_RESOLUTION, default 0.001: at the default 0.05
# the detector splits the campaign into its ~100-account crews), then render.mjs against `distill serve`: first byte
# to interactive graph, the cluster view's GraphQL p50/p99, sigma.js vs cytoscape.js. Prints numbers; asserts nothing.
#   bench/workbench/run.sh [render.mjs options]     (needs dotnet, node/npm, Debian chromium)
# BENCH_STORE=DIR keeps the detected store in DIR (s.db, clusters.json, scale) and reuses it when it is already there,
#   so that the server side can be measured again without generating (scale 1: several minutes and ~3 GB of CSV,
#   deleted after the ingest; the store itself is ~4 GB). A reused store keeps the scale it was made with.
# BENCH_COLD=1 opens the first tab as soon as /readyz answers, without waiting for the server's warm-up.
# BENCH_BIN=DIR runs the distill binary in DIR (and the workbench next to it) instead of building this tree.
# BENCH_TRACE=1 also runs the server with DISTILL_OTEL_CONSOLE=1 for a second pass (render.mjs --breakdown) and prints
#   where each query's server time goes (trace-summary.mjs): execution, the audit entry, JSON writing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
port="${BENCH_PORT:-5192}"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
(cd "$repo/web" && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; } && { [ -n "${BENCH_BIN:-}" ] || node build.mjs >/dev/null; })
if [ -n "${BENCH_BIN:-}" ]; then
  distill="$BENCH_BIN/distill" # another build (e.g. a copy of the one before a change), its workbench beside it
else
  dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
  distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
fi
echo "== load before: $(uptime | sed 's/.*load average/load average/')"
store="${BENCH_STORE:-$work}"
mkdir -p "$store"
if [ -f "$store/s.db" ] && [ -f "$store/clusters.json" ] && [ -f "$store/scale" ]; then
  echo "== reusing the store in $store (scale $(cat "$store/scale"), $(du -h "$store/s.db" | cut -f1))"
else
  rm -f "$store/s.db" "$store/s.db-wal" "$store/s.db-shm" "$store/clusters.json" "$store/scale"
  SECONDS=0
  "$distill" generate --out "$work/data" --scale "${BENCH_SCALE:-0.02}" --seed 42 >/dev/null 2>&1
  node "$repo/bench/workbench/add-campaign.mjs" "$work/data" --members="${BENCH_MEMBERS:-2000}"
  echo "== generated in ${SECONDS} s"; SECONDS=0
  "$distill" ingest "$work/data/input" --store "$store/s.db" --rejects "$work/r.jsonl" >/dev/null 2>&1
  rm -rf "$work/data"
  echo "== ingested in ${SECONDS} s ($(du -h "$store/s.db" | cut -f1))"; SECONDS=0
  "$distill" detect --store "$store/s.db" --resolution "${BENCH_RESOLUTION:-0.001}" >/dev/null 2>&1
  echo "== detected in ${SECONDS} s"
  "$distill" export-clusters --store "$store/s.db" --out "$store/clusters.json" >/dev/null 2>&1
  echo "${BENCH_SCALE:-0.02}" >"$store/scale"
fi
# The cluster measured: BENCH_CLUSTER, else the campaign's (the flagged cluster holding bench-00000), else the largest
# flagged one (at scale 1 the generator's own largest cluster, 3,000 members, is larger than the campaign).
read -r cluster size < <(node -e '
  const d = require(process.argv[1]); const flagged = d.clusters.filter((c) => c.flagged);
  const c = flagged.find((c) => c.id === process.argv[2]) ?? flagged.find((c) => (c.members ?? []).includes("bench-00000"))
    ?? flagged.sort((a, b) => (b.members ?? []).length - (a.members ?? []).length)[0];
  console.log(c.id, (c.members ?? []).length)' "$store/clusters.json" "${BENCH_CLUSTER:-}")
echo "== cluster measured: $cluster ($size members; BENCH_CLUSTER=ID for another)"
key=$("$distill" keys create --role investigator --store "$store/s.db" 2>/dev/null)
serve() { # serve LOG [env...]: starts distill serve on the store, waits until it is ready
  local log="$1"; shift
  env "$@" "$distill" serve --store "$store/s.db" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  server_pid=$!
  SECONDS=0
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  local ready=$SECONDS
  # The warm-up (request aggregates, the latest run, the largest flagged clusters' graphs) runs after /readyz says
  # ready; BENCH_COLD=1 opens the first tab without waiting for it.
  if [ "${BENCH_COLD:-0}" != 1 ]; then
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/readyz" | grep -q '"warmUp":"running"' || break; sleep 0.5; done
  fi
  echo "== server ready after ${ready} s, warm-up $(curl -sf "http://127.0.0.1:$port/readyz" | sed -E 's/.*"warmUp":"([a-z]+)".*/\1/') after ${SECONDS} s"
}
stop() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
serve "$work/serve.log"
node "$repo/bench/workbench/render.mjs" "http://127.0.0.1:$port" "$key" "$cluster" "$@"
stop
if [ "${BENCH_TRACE:-0}" = 1 ]; then
  echo "== where the server time goes (second server, DISTILL_OTEL_CONSOLE=1: the spans' printing slows it; compare shares, not totals)"
  serve "$work/trace.log" DISTILL_OTEL_CONSOLE=1
  node "$repo/bench/workbench/render.mjs" "http://127.0.0.1:$port" "$key" "$cluster" --breakdown
  stop
  node "$repo/bench/workbench/trace-summary.mjs" "$work/trace.log"
fi
echo "== load after: $(uptime | sed 's/.*load average/load average/')"
