#!/usr/bin/env bash
# The detector on legitimate look-alikes at scale (TUNING data, see bench/lookalikes/README.md): generate a data set
# with bench/lookalikes/generate.py, `distill ingest` it into a fresh store, `distill detect`, `distill evaluate
# --truth ... --json`, then report.py prints precision/recall/F1, innocents flagged per population kind (count and
# share) and recall per campaign kind. Each step's wall time is printed with the load average (never asserted).
# Usage: bench/lookalikes/run.sh SCALE SEED [VARIANT]     (VARIANT: mix|campus|corporate|release; default: by seed)
# DISTILL=path/to/distill.dll skips the build; KEEP=1 keeps the work folder (data, store, evaluation JSON) and
# prints its path; WORK=DIR uses DIR instead of a new temporary folder (implies keeping it).
set -euo pipefail
cd "$(dirname "$0")/../.."
scale=${1:?usage: bench/lookalikes/run.sh SCALE SEED [VARIANT]}
seed=${2:?usage: bench/lookalikes/run.sh SCALE SEED [VARIANT]}
variant=${3:-}
if [ -z "${DISTILL:-}" ]; then
  dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
  DISTILL=src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll
fi
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
  KEEP=1
else
  work=$(mktemp -d /tmp/distill-lookalikes.XXXXXX)
fi
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }
timed() { # timed NAME LOG CMD...: runs CMD, prints its wall time and the load average before and after
  local name=$1 log=$2 l0 t0
  shift 2
  l0=$(load)
  t0=$(date +%s.%N)
  if ! "$@" > "$log" 2>&1; then
    tail -20 "$log"
    echo "$name failed: $*"
    exit 1
  fi
  printf '  %-9s %7.1f s   load %s -> %s\n' "$name" "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }')" "$l0" "$(load)"
}
variant_args=()
[ -n "$variant" ] && variant_args=(--variant "$variant")
echo "lookalikes: scale $scale, seed $seed, variant ${variant:-by seed}; $(nproc) cores; work $work"
timed generate "$work/generate.log" python3 bench/lookalikes/generate.py --out "$work/data" --scale "$scale" --seed "$seed" "${variant_args[@]}"
head -1 "$work/generate.log" | sed 's/^/  /'
# ingest exits 1 when it rejected rows; the generator must produce none, so that is a failure here too.
timed ingest "$work/ingest.log" dotnet "$DISTILL" ingest "$work/data/input" --store "$work/store.db" --rejects "$work/rejects.jsonl"
timed detect "$work/detect.log" dotnet "$DISTILL" detect --store "$work/store.db" --top 10
grep -E '^run-[0-9]+:' "$work/detect.log" | sed 's/^/  /' || true
timed evaluate "$work/evaluate.json" dotnet "$DISTILL" evaluate --store "$work/store.db" --truth "$work/data/truth.csv" --json
python3 bench/lookalikes/report.py "$work/evaluate.json" "$work/data/truth.csv"
[ "${KEEP:-0}" = 1 ] && echo "kept $work"
exit 0
