#!/usr/bin/env bash
# Open-loop load test of the cluster-detail query (issue 17): RATE requests/s (default 200) on a fixed schedule for
# SECONDS (default 30) while a second ingest writes into the same store, then the same load without the ingest.
# Prints latency percentiles from each request's scheduled start, errors, and the server's resident memory
# (sampled every second). Goal: p99 <= 50 ms, 0 errors, memory flat.
#   bench/api/openloop.sh [SCALE] [SECONDS]   (defaults 0.02 and 30; env RATE, INGEST_SCALE (default 0.05), INGEST_NICE (the
#   ingest's nice value, default 0), INGEST_PRIORITY (the ingest's --priority, normal or background; default normal),
#   PROBE (graphql, the default, or healthz: GET /healthz instead of the query, to see what the machine alone costs),
#   INGEST_WAIT (seconds to wait for the ingest after the load before stopping it, default 300), INGEST_INTO (same, the
#   default, or other: ingest into a copy of the base store, not the served one), PORT (default 5198),
#   SERVE_ENV (environment for the server only, e.g. "DOTNET_gcConcurrent=1"), DISTILL_BENCH_DIR)
# Each run starts from a copy of the base store (made once per DISTILL_BENCH_DIR), so that runs with different knobs
# ingest the same new rows into the same store.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
scale="${1:-0.02}"
seconds="${2:-30}"
rate="${RATE:-200}"
ingest_scale="${INGEST_SCALE:-0.05}"
work="${DISTILL_BENCH_DIR:-$(mktemp -d)}"
port="${PORT:-5198}"
url="http://127.0.0.1:$port"
dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -v q -nologo >/dev/null
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
base="$work/base.db"
store="$work/store.db"
if [ ! -f "$base" ]; then
  echo "generating and ingesting scale $scale into $work ..."
  "$distill" generate --out "$work/gen" --scale "$scale" >/dev/null
  "$distill" --store "$base" ingest "$work/gen/input" --rejects "$work/rejects.jsonl" >/dev/null
  sqlite3 "$base" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
rm -f "$store" "$store"-* "$store".*
cp "$base" "$store"
if [ ! -f "$work/gen2-$ingest_scale/input/requests.csv" ]; then
  "$distill" generate --out "$work/gen2-$ingest_scale" --scale "$ingest_scale" --seed 99 >/dev/null
fi
priority="${INGEST_PRIORITY:-normal}"
probe="${PROBE:-graphql}"
key=$("$distill" --store "$store" keys create --role analyst 2>/dev/null)
# shellcheck disable=SC2086 # SERVE_ENV is a list of NAME=value words
env ${SERVE_ENV:-} "$distill" --store "$store" serve --urls "$url" >"$work/serve.log" 2>&1 &
server=$!
sampler=
trap 'kill $server $sampler 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.5; done
post() { curl -s -X POST "$url/graphql" -H 'content-type: application/json' -H "authorization: Bearer $key" -d "$1"; }
post '{"query":"mutation { runDetection { id } }"}' >/dev/null
cluster=$(post '{"query":"{ clusters(flagged: true, orderBy: SIZE_DESC, first: 1) { nodes { id size } } }"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
query='query ClusterDetail($id: ID!) { cluster(id: $id) { id riskScore flagged size operator { id name confidence } members(first: 50) { totalCount nodes { id } } evidenceChains(first: 20) { totalCount nodes { account { id } depth links { rule weight summary } } } } }'
printf '{"query":"%s","variables":{"id":"%s"},"operationName":"ClusterDetail"}' "$query" "$cluster" >"$work/body.json"
echo "cluster $cluster, response $(post "$(cat "$work/body.json")" | wc -c) bytes"
for _ in $(seq 1 300); do post "$(cat "$work/body.json")" >/dev/null; done # warm-up (JIT, caches)

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
run() { # run LABEL: the open-loop load with memory sampling
  : >"$work/rss.txt"
  (while true; do rss >>"$work/rss.txt"; sleep 1; done) &
  sampler=$!
  echo "== $1: $rate req/s open loop for ${seconds}s; load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  if [ "$probe" = healthz ]; then
    node "$here/openloop.mjs" "$url/healthz" "$key" - "$rate" "$seconds"
  else
    node "$here/openloop.mjs" "$url/graphql" "$key" "$work/body.json" "$rate" "$seconds"
  fi
  kill $sampler; wait $sampler 2>/dev/null || true
  echo "   server RSS (MiB): first $(($(head -1 "$work/rss.txt") / 1024)), max $(($(sort -n "$work/rss.txt" | tail -1) / 1024)), last $(($(tail -1 "$work/rss.txt") / 1024)); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# INGEST_INTO=other ingests into a copy of the base store instead of the served one: the same CPU and disk work
# without sharing the served file (its WAL, its pages), to tell the two apart.
target="$store"
where="the same store"
if [ "${INGEST_INTO:-same}" = other ]; then
  target="$work/other.db"
  rm -f "$target" "$target-wal" "$target-shm"
  cp "$base" "$target"
  where="another store file"
fi
nice -n "${INGEST_NICE:-0}" "$distill" --store "$target" ingest "$work/gen2-$ingest_scale/input" --priority "$priority" --rejects "$work/rejects2.jsonl" >"$work/ingest2.log" 2>&1 &
ingest=$!
sleep 1
run "$probe during an ingest of scale $ingest_scale (--priority $priority, nice ${INGEST_NICE:-0}) into $where"
if kill -0 $ingest 2>/dev/null; then
  echo "   (the ingest was still running when the load ended: $(grep '^ingest:' "$work/ingest2.log" | tail -1))"
  # A background ingest on a busy machine can take long: wait at most INGEST_WAIT seconds (default 300), then stop it
  # (committed batches stay; nothing depends on it finishing) so that the next phase runs without it.
  for _ in $(seq 1 "${INGEST_WAIT:-300}"); do kill -0 $ingest 2>/dev/null || break; sleep 1; done
  if kill -0 $ingest 2>/dev/null; then
    kill $ingest
    echo "   (stopped the ingest after a further ${INGEST_WAIT:-300} s: $(grep '^ingest:' "$work/ingest2.log" | tail -1))"
  else
    echo "   (the ingest ended $(grep -E '^[0-9,]+ rows in' "$work/ingest2.log" | tail -1))"
  fi
else
  echo "   (the ingest ended during the load: $(grep -E '^[0-9,]+ rows in' "$work/ingest2.log" | tail -1))"
fi
wait $ingest || true
run "$probe without an ingest"
