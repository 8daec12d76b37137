#!/usr/bin/env bash
# Latency of the alertRaised subscription: an empty store is served by `distill serve`, the graphql-sse client
# (tools/api/alert-subscription.mjs) subscribes, and `distill replay` (another process) feeds a generated data set
# batch by batch into the same store; for every event the client prints the time from the alert's updatedAt (the
# replay's clock just before it commits the alerts) to the event's arrival. Prints the load average; asserts nothing.
# Usage: bench/live/sse-latency.sh [--scale 0.02] [--batch 6h] [--max-batches 12] [--port 5392]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
scale=0.02
batch=6h
max=12
port=5392
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --max-batches) max=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
distill=$root/src/Distill.Attribution.Cli/bin/Release/net10.0/distill
(cd tools/api && { [ -d node_modules/graphql-sse ] || npm ci --no-audit --no-fund > /dev/null; })
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait "$server" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$distill" generate --out "$work/gen" --scale "$scale" > /dev/null
key=$("$distill" --store "$work/live.db" keys create --role investigator 2> /dev/null)
"$distill" --store "$work/live.db" serve --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.5; done
echo "scale $scale, $batch batches, at most $max; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
DISTILL_KEY_INVESTIGATOR=$key DISTILL_BIN=$distill DISTILL_STORE=$work/live.db DISTILL_INPUT=$work/gen/input DISTILL_WORK=$work \
  DISTILL_REPLAY_BATCH=$batch DISTILL_REPLAY_MAX_BATCHES=$max node tools/api/alert-subscription.mjs "http://127.0.0.1:$port" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
