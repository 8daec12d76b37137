#!/usr/bin/env bash
# Held-out evaluation: generates a blind data set (bench/heldout/generate.py) into a temporary folder, ingests it,
# runs detection and prints `distill evaluate` against the generator's truth, then deletes the folder.
#
#   bench/heldout/run.sh SCALE SEED [VARIANT]     e.g. bench/heldout/run.sh 0.05 7 hydra
#
# VARIANT: facts | hydra | stealth | mix (default: mix, two worlds chosen by the seed).
# Env: KEEP=1 keeps the folder (its path is printed); DISTILL=path/to/distill uses that binary instead of building.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ $# -lt 2 ]; then
  echo "usage: $0 SCALE SEED [VARIANT]" >&2
  exit 2
fi
scale="$1"
seed="$2"
variant="${3:-mix}"
work="$(mktemp -d "${TMPDIR:-/tmp}/distill-heldout.XXXXXX")"
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
else
  echo "keeping $work"
fi

distill="${DISTILL:-}"
if [ -z "$distill" ]; then
  dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -v q -nologo >/dev/null
  distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
fi

echo "== generate scale $scale seed $seed variant $variant (load: $(cut -d' ' -f1-3 /proc/loadavg))"
start=$(date +%s%N)
python3 "$here/generate.py" --out "$work/data" --scale "$scale" --seed "$seed" --variant "$variant" --quiet \
  | tee "$work/generate.json"
echo "generate: $(( ($(date +%s%N) - start) / 1000000 )) ms, $(du -sh "$work/data/input" | cut -f1) on disk"

echo "== ingest"
set +e
"$distill" --store "$work/store.db" ingest "$work/data/input" --rejects "$work/rejects.jsonl" 2>&1 | tail -15
ingest_rc=${PIPESTATUS[0]}
set -e
rejects=$(wc -l <"$work/rejects.jsonl" 2>/dev/null || echo 0)
echo "ingest exit $ingest_rc, $rejects rejects"
if [ "$rejects" != 0 ]; then
  head -5 "$work/rejects.jsonl"
fi

echo "== detect (load: $(cut -d' ' -f1-3 /proc/loadavg))"
start=$(date +%s%N)
"$distill" --store "$work/store.db" detect --top 10
echo "detect: $(( ($(date +%s%N) - start) / 1000000 )) ms"

echo "== evaluate against the held-out truth"
"$distill" --store "$work/store.db" evaluate --truth "$work/data/truth.csv"
