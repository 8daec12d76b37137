#!/usr/bin/env bash
# Live mode measured: `distill generate` a data set, `distill replay` it batch by batch (hourly by default) with
# alerts to a JSON Lines file, then report.py prints per operator the simulated hours from its first request to
# its first alert, per model release the pivot-alert delay, alerts naming legitimate accounts, and the cost per
# batch (ingest + detection over the window + alerts), split into phases, with how the snapshot was read and the RSS. Timings are printed with the load average, never asserted.
# Usage: bench/live/run.sh [--scale 0.1] [--seed 7] [--variant default] [--batch 1h] [--max-batches N]
#        [--window 30d] [--prime 49d] [--keep DIR]   (--prime: the first batch holds that span, a warm store)
#        [--data DIR] (reuse a generated data set: DIR/input, DIR/truth.csv) [--full-snapshots] (read the whole store
#        for every batch, as before decision D23; default: incremental snapshots)
# With --keep DIR, bench/live/gates.py DIR --runs 13,25,... says which verdict condition holds each operator's clusters back.
# DISTILL=path/to/distill.dll skips the build. A full hourly replay at scale 0.1 is ~1,440 batches of a full
# detection each (see docs/live.md); --max-batches or a longer --batch keeps a run short.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale=0.1
seed=7
variant=default
batch=1h
max_batches=""
window=30d
keep=""
prime=""
data=""
snapshots=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --variant) variant=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --max-batches) max_batches=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --prime) prime=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --full-snapshots) snapshots=(--full-snapshots); shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [ -z "${DISTILL:-}" ]; then
  dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
  DISTILL=src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll
fi
if [ -n "$keep" ]; then
  work=$keep
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/distill-live.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
echo "live replay: scale $scale, seed $seed, variant $variant, batch $batch, window $window${prime:+, primed with $prime}${max_batches:+, first $max_batches batches}; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
variant_args=()
[ "$variant" != default ] && variant_args=(--variant "$variant")
if [ -z "$data" ]; then
  data=$work/data
  dotnet "$DISTILL" generate --out "$data" --scale "$scale" --seed "$seed" "${variant_args[@]}" > /dev/null
fi
replay_args=(replay "$data/input" --batch "$batch" --window "$window" --store "$work/live.db" --work "$work/replay"
  --alerts "$work/alerts.jsonl" --rejects "$work/rejects.jsonl")
[ -n "$max_batches" ] && replay_args+=(--max-batches "$max_batches")
[ -n "$prime" ] && replay_args+=(--prime "$prime")
replay_args+=("${snapshots[@]}")
start=$(date +%s)
dotnet "$DISTILL" "${replay_args[@]}" > "$work/replay.log"
echo "replay took $(( $(date +%s) - start )) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
touch "$work/alerts.jsonl"
python3 bench/live/report.py --data "$data" --alerts "$work/alerts.jsonl" --log "$work/replay.log"
