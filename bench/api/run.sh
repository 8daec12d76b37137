#!/usr/bin/env bash
# Benchmark of the investigator API: the cluster-detail query (50 members and their evidence chains, operator with
# matched indicators) over a scale-0.1 store, with wrk at ~200 requests/s (4 connections, each waiting 20 ms between
# requests), printing wrk's latency distribution. Goal (issue 5): p99 < 20 ms on 2 cores.
# Every request is authenticated and appended to the audit trail, as in production.
#
#   bench/api/run.sh [SCALE] [SECONDS]     (defaults 0.1 and 30)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
scale="${1:-0.1}"
seconds="${2:-30}"
work="${DISTILL_BENCH_DIR:-$(mktemp -d)}"
port=5197
base="http://127.0.0.1:$port"
dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -v q -nologo >/dev/null
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
store="$work/store.db"
if [ ! -f "$store" ]; then
  echo "generating and ingesting scale $scale into $work ..."
  "$distill" generate --out "$work/gen" --scale "$scale" >/dev/null
  "$distill" --store "$store" ingest "$work/gen/input" --rejects "$work/rejects.jsonl" >/dev/null
fi
key=$("$distill" --store "$store" keys create --role analyst 2>/dev/null)
"$distill" --store "$store" serve --urls "$base" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
post() { curl -s -X POST "$base/graphql" -H 'content-type: application/json' -H "authorization: Bearer $key" -d "$1"; }
echo "runDetection: $(post '{"query":"mutation { runDetection { id clusterCount flaggedCount } }"}')"
# The largest flagged cluster (so that 50 members with chains exist when the data has them).
cluster=$(post '{"query":"{ clusters(flagged: true, orderBy: SIZE_DESC, first: 1) { nodes { id size } } }"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
echo "cluster: $cluster"
query='query ClusterDetail($id: ID!) { cluster(id: $id) { id riskScore flagged size operator { id name confidence matchedIndicators { kind value confidence } } members(first: 50) { totalCount nodes { id } } evidenceChains(first: 50) { totalCount nodes { account { id } depth matchedIndicators links { rule weight summary provenance { kind value requestId firstSeen lastSeen count } } } } } }'
body=$(printf '{"query":"%s","variables":{"id":"%s"},"operationName":"ClusterDetail"}' "$query" "$cluster")
bytes=$(post "$body" | wc -c)
echo "response: $bytes bytes"
cat >"$work/detail.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = [[$body]]
function delay() return 20 end
LUA
for _ in $(seq 1 200); do post "$body" >/dev/null; done # warm-up (JIT, caches)
cat >"$work/viewer.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = [[{"query":"{ viewer { role } }"}]]
function delay() return 20 end
LUA
echo "== reference: { viewer { role } } (authentication + audit append + a trivial execution), same rate, ${seconds}s"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$work/viewer.lua" "$base/graphql"
echo "== cluster detail (50 members + chains with provenance): 4 connections x one request per (latency + 20 ms) ~ 200 req/s, ${seconds}s"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (shared machine)"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$work/detail.lua" "$base/graphql"
