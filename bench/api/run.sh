#!/usr/bin/env bash
# Benchmark of the investigator API: the cluster-detail query (50 members and their evidence chains, operator with
# matched indicators) over a scale-0.1 store, with wrk at >= 200 requests/s, printing wrk's latency distribution and the
# achieved rate. Goal (issue 5): p99 < 20 ms at 200 requests/s on 2 cores.
# Debian's wrk has no fixed-rate mode, so the rate comes from pacing: CONNECTIONS connections (default 16), each waiting
# THINK ms (default 72) after every response, i.e. CONNECTIONS / (latency + THINK) requests/s (~210/s at 4 ms).
# The detail run is repeated RUNS times (default 3; the machine may be shared: the load average is printed with each).
# Reference in the same run, same pacing: `{ viewer { role } }` (key check + audit append + a trivial execution).
# Then single-request times of the store-backed fields (activity timelines, look-ups, runs list).
# Every request is authenticated and appended to the audit trail, as in production.
#
#   bench/api/run.sh [SCALE] [SECONDS]     (defaults 0.1 and 30; env CONNECTIONS, THINK, RUNS, DISTILL_BENCH_DIR)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
scale="${1:-0.1}"
seconds="${2:-30}"
connections="${CONNECTIONS:-16}"
think="${THINK:-72}"
runs="${RUNS:-3}"
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
function delay() return $think end
LUA
for _ in $(seq 1 200); do post "$body" >/dev/null; done # warm-up (JIT, caches)
cat >"$work/viewer.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = [[{"query":"{ viewer { role } }"}]]
function delay() return $think end
LUA
echo "== reference: { viewer { role } } (authentication + audit append + a trivial execution), same pacing, ${seconds}s"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (shared machine)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/viewer.lua" "$base/graphql"
for run in $(seq 1 "$runs"); do
  echo "== cluster detail (50 members + chains with provenance), run $run of $runs: $connections connections x one request per (latency + $think ms), ${seconds}s"
  echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (shared machine)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/detail.lua" "$base/graphql"
done
# Single requests of the store-backed fields: the median of 5 (after one warm-up each), client-side time incl. transfer.
timed() {
  local name="$1" body="$2" times=()
  post "$body" >/dev/null
  for _ in 1 2 3 4 5; do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -X POST "$base/graphql" -H 'content-type: application/json' -H "authorization: Bearer $key" -d "$body")")
  done
  printf '%-44s median %6.1f ms  (%s bytes)\n' "$name" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk '{print $1 * 1000}')" "$(post "$body" | wc -c)"
}
client=$(post "{\"query\":\"{ cluster(id: \\\"$cluster\\\") { operator { matchedIndicators { kind value } } } }\"}" | grep -o '"kind":"client","value":"[^"]*"' | head -1 | sed 's/.*"value":"\([^"]*\)"/\1/')
echo "== single requests (load average $(cut -d' ' -f1-3 /proc/loadavg))"
timed "activity(granularity: HOUR) of $cluster" "{\"query\":\"{ cluster(id: \\\"$cluster\\\") { activity(granularity: HOUR) { start model capability requests } } }\"}"
timed "activity(granularity: DAY) of $cluster" "{\"query\":\"{ cluster(id: \\\"$cluster\\\") { activity(granularity: DAY) { start model capability requests } } }\"}"
timed "lookup(kind: CLIENT, value: $client)" "{\"query\":\"{ lookup(kind: CLIENT, value: \\\"$client\\\", first: 20) { accounts { totalCount nodes { id } } clusters { totalCount } } }\"}"
timed "runs(first: 20)" "{\"query\":\"{ runs(first: 20) { totalCount nodes { id clusterCount flaggedCount } } }\"}"
timed "{ viewer { role } }" '{"query":"{ viewer { role } }"}'
