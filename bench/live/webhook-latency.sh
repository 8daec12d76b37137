#!/usr/bin/env bash
# Alert latency through the webhook, end to end: a batch lands in a `distill watch` inbox (the folder is renamed in, then
# its NAME.ready marker is written: the landing time) -> the signed webhook POST reaches a local receiver
# (bench/live/webhook-receiver.py, which checks the signature). Uses the store and the not yet replayed batches of an
# earlier `distill replay --work DIR` (e.g. bench/live/run.sh --keep, or a hand-driven replay), on a copy of the store.
# Prints per batch: landing -> first and last webhook of the batch's run, -> the batch moved to done/, the
# batch's own ingest/detect/total, and the load average. Asserts nothing. The first batch of the watch process reads the
# whole store (snapshot, request index) and is slower than the rest.
# Usage: bench/live/webhook-latency.sh --store live.db --staged WORK/staged [--batches 6] [--window 60d] [--port 5393]
# DISTILL=path/to/distill.dll skips the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
store=""
staged=""
batches=6
window=60d
port=5393
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store=$2; shift 2 ;;
    --staged) staged=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
[ -n "$store" ] && [ -n "$staged" ] || { echo "usage: $0 --store live.db --staged WORK/staged [--batches N]"; exit 2; }
if [ -z "${DISTILL:-}" ]; then
  dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
  DISTILL=$root/src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll
fi
work=$(mktemp -d /tmp/distill-webhook.XXXXXX)
receiver=""
watcher=""
cleanup() {
  [ -n "$watcher" ] && kill "$watcher" 2> /dev/null && wait "$watcher" 2> /dev/null
  [ -n "$receiver" ] && kill "$receiver" 2> /dev/null && wait "$receiver" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cp "$store" "$work/live.db"
[ -f "$store-wal" ] && cp "$store-wal" "$work/live.db-wal"
head -c 32 /dev/urandom | base64 > "$work/secret"
mkdir -p "$work/inbox"
python3 bench/live/webhook-receiver.py "$port" "$work/secret" > "$work/received.log" &
receiver=$!
sleep 0.5
echo "webhook latency: $batches batches, window $window; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$DISTILL" watch "$work/inbox" --store "$work/live.db" --window "$window" --rejects "$work/rejects.jsonl" \
  --webhook "http://127.0.0.1:$port/" --webhook-secret-file "$work/secret" > "$work/watch.log" 2>&1 &
watcher=$!
# The first batch of a process reads the whole store (snapshot, request index): wait until it is idle before the first landing.
sleep 5
n=0
for dir in $(ls -d "$staged"/batch-* | sort); do
  [ "$n" -ge "$batches" ] && break
  name=$(basename "$dir")
  cp -r "$dir" "$work/inbox/$name.tmp"
  mv "$work/inbox/$name.tmp" "$work/inbox/$name"
  landed=$(date +%s%3N)
  touch "$work/inbox/$name.ready"
  while [ ! -e "$work/inbox/done/$name" ]; do sleep 0.1; done
  done_ms=$(( $(date +%s%3N) - landed ))
  sleep 2 # deliveries run on a background queue
  line=$(grep "^batch $name" "$work/watch.log" | tail -1)
  run=$(sed -n 's/.*| \(run-[0-9]*\) .*/\1/p' <<< "$line")
  alerts=$(grep -A1 "^batch $name" "$work/watch.log" | tail -1 | sed 's/.*, alerts /alerts /; s/ | snapshot.*//')
  times=$(awk -v r="$run" '$2 == r { print $1 }' "$work/received.log")
  count=$(wc -w <<< "$times")
  if [ "$count" -gt 0 ]; then
    first=$(sort -n <<< "$times" | head -1)
    last=$(sort -n <<< "$times" | tail -1)
    echo "$name $run: $count webhooks, landing -> first webhook $(( first - landed )) ms, -> last $(( last - landed )) ms, -> done/ ${done_ms} ms | ingest ${line##*| ingest }, $alerts | load $(cut -d' ' -f1 /proc/loadavg)"
  else
    echo "$name $run: no alerts, landing -> done/ ${done_ms} ms | ingest ${line##*| ingest } | load $(cut -d' ' -f1 /proc/loadavg)"
  fi
  n=$((n + 1))
done
bad=$(grep -c " BAD$" "$work/received.log" || true)
echo "signatures failing the check: $bad; load $(cut -d' ' -f1-3 /proc/loadavg)"
