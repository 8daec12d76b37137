#!/usr/bin/env bash
# Benchmark (not a test): our GraphQL server vs graphql-js (graphql-http's Node handler) serving the same schema
# and data from memory, measured with wrk in the same run; then the parser micro-benchmark vs graphql-js parse.
#   bash bench/graphql/run.sh [DURATION_SECONDS]     (needs: dotnet, node, wrk; run `npm ci` in tools/graphql once)
# Prints throughput (max load, 2 threads x 32 connections) and latency percentiles at ~1,000 requests/s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install -y wrk)"; exit 2; }
[ -d "$root/tools/graphql/node_modules/graphql-http" ] || (cd "$root/tools/graphql" && npm ci --no-audit --no-fund >/dev/null)

dotnet build "$root/tests/Distill.GraphQL.SampleServer" -c Release -v quiet -nologo >/dev/null
ours="$root/tests/Distill.GraphQL.SampleServer/bin/Release/net10.0/Distill.GraphQL.SampleServer"
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

wait_up() { for _ in $(seq 1 100); do curl -fs "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "server at $1 did not start"; exit 1; }

port_ours="$(free_port)"
DOTNET_gcServer=0 "$ours" --urls "http://127.0.0.1:$port_ours" >"$work/ours.log" 2>&1 &
pids+=($!)
port_js="$(free_port)"
# NODE_ENV=production turns off graphql-js development checks (its recommended production setting).
NODE_ENV=production node "$here/graphql-js-server.mjs" --port="$port_js" >"$work/js.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$port_ours"
wait_up "http://127.0.0.1:$port_js"

# The query: three levels (clusters > members > payments) with two fragments, 10 x 5 x 3 objects.
query="$(cat "$root/tools/graphql/ops/good/bench.graphql")"
body="$(node -e 'console.log(JSON.stringify({query: process.argv[1], variables: {first: 10}, operationName: "Bench"}))' "$query")"
printf '%s' "$body" >"$work/body.json"
node -e '
const fs = require("fs");
const body = fs.readFileSync(process.argv[1], "utf8");
const rate = Number(process.argv[3]);
let lua = `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Accept"] = "application/graphql-response+json"\nwrk.body = ${JSON.stringify(body)}\n`;
if (rate > 0) lua += `function delay() return ${process.argv[4]} end\n`;
lua += `function done(summary, latency, requests)\n  io.write(string.format("  requests/s %.0f  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  non-2xx %d  errors %d\\n", summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n`;
fs.writeFileSync(process.argv[2], lua);
' "$work/body.json" "$work/max.lua" 0 0
# ~1,000 requests/s: 10 connections, each waiting 10 ms between requests (wrk has no fixed-rate mode; wrk2 would).
node -e '
const fs = require("fs");
let lua = fs.readFileSync(process.argv[1], "utf8").replace("function done", "function delay() return 10 end\nfunction done");
fs.writeFileSync(process.argv[2], lua);
' "$work/max.lua" "$work/paced.lua"

a="$(curl -fs -X POST -H 'content-type: application/json' --data-binary @"$work/body.json" "http://127.0.0.1:$port_ours/graphql")"
b="$(curl -fs -X POST -H 'content-type: application/json' --data-binary @"$work/body.json" "http://127.0.0.1:$port_js/graphql")"
same="$(node -e 'const a=JSON.parse(process.argv[1]),b=JSON.parse(process.argv[2]);console.log(JSON.stringify(a)===JSON.stringify(b)?"identical":"DIFFERENT")' "$a" "$b")"
echo "response: ${#a} bytes from ours, ${#b} bytes from graphql-js: $same"
[ "$same" = identical ] || { echo "ours: ${a:0:300}"; echo "js:   ${b:0:300}"; exit 1; }

echo "machine: $(nproc) cores; node $(node --version); $(dotnet --version | sed 's/^/dotnet /'); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
for target in "ours:$port_ours" "graphql-js:$port_js"; do
  name="${target%%:*}"; port="${target##*:}"
  wrk -t2 -c32 -d2s -s "$work/max.lua" "http://127.0.0.1:$port/graphql" >/dev/null # warm-up (JIT, caches)
  echo "$name — max throughput (wrk -t2 -c32 -d${duration}s):"
  wrk -t2 -c32 -d"${duration}s" -s "$work/max.lua" "http://127.0.0.1:$port/graphql" | grep 'requests/s'
  echo "$name — paced, ~1,000 requests/s (wrk -t2 -c10 -d${duration}s, 10 ms between requests per connection):"
  wrk -t2 -c10 -d"${duration}s" -s "$work/paced.lua" "http://127.0.0.1:$port/graphql" | grep 'requests/s'
done

echo "engine only, no HTTP (one thread, same query and data):"
"$ours" --execute-bench "$root/tools/graphql/ops/good/bench.graphql" --seconds 3
NODE_ENV=production node "$here/execute-bench.mjs" "$root/tools/graphql/ops/good/bench.graphql" 3

echo "parser micro-benchmark (same documents, same process-local loop):"
for doc in "$root/tools/graphql/ops/good/bench.graphql" "$root/tests/Distill.GraphQL.Tests/Introspection/full-introspection-query.graphql"; do
  "$ours" --parse-bench "$doc" --seconds 3
  node "$here/parse-bench.mjs" "$doc" 3
done
