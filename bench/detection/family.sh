#!/usr/bin/env bash
# The scenario family against the current detector: for every seed × variant, `distill generate --variant V`
# → `ingest` → `detect` → `evaluate --json` in a temporary folder (deleted afterwards), then one table row
# per variant, worst F1 first: precision, recall, F1, attribution accuracy, legitimate accounts flagged and
# attributed (means over the seeds; legit counts are per seed on average; "min F1" is the worst seed), and
# below it the recall of each campaign kind per variant. Timings are not the point here: quality is.
# Usage: bench/detection/family.sh [--scale 0.1] [--seeds "1 2"] [--variants "default crew_bursts ..."]
#        [--detect-args "..."] [--keep DIR]
# DISTILL=path/to/distill.dll skips the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
scale=0.1
seeds="1 2"
variants="default crew_bursts load_balancer work_queue round_robin poisson slow_drip random"
detect_args=""
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --detect-args) detect_args=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [ -z "${DISTILL:-}" ]; then
  dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
  DISTILL=src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll
fi
work=$(mktemp -d /tmp/distill-family.XXXXXX)
trap 'rm -rf "$work"' EXIT
results="$work/results"
mkdir -p "$results"
echo "scenario family at scale $scale, seeds: $seeds; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for seed in $seeds; do
  for variant in $variants; do
    run="$work/$variant-$seed"
    mkdir -p "$run"
    start=$(date +%s)
    dotnet "$DISTILL" generate --out "$run/data" --scale "$scale" --seed "$seed" --variant "$variant" > "$run/generate.log" 2>&1 \
      || { tail -3 "$run/generate.log"; echo "generate failed: $variant seed $seed"; exit 1; }
    dotnet "$DISTILL" ingest "$run/data/input" --store "$run/store.db" > "$run/ingest.log" 2>&1 \
      || { tail -3 "$run/ingest.log"; echo "ingest failed: $variant seed $seed"; exit 1; }
    # shellcheck disable=SC2086
    dotnet "$DISTILL" detect --store "$run/store.db" $detect_args > "$run/detect.log" 2>&1 \
      || { tail -3 "$run/detect.log"; echo "detect failed: $variant seed $seed"; exit 1; }
    dotnet "$DISTILL" evaluate --store "$run/store.db" --truth "$run/data/truth.csv" --json > "$results/$variant-$seed.json" 2> "$run/evaluate.log" \
      || { tail -3 "$run/evaluate.log"; echo "evaluate failed: $variant seed $seed"; exit 1; }
    cp "$run/data/scenario.json" "$results/$variant-$seed.scenario.json"
    echo "  $variant seed $seed: $(( $(date +%s) - start )) s (load $(cut -d' ' -f1 /proc/loadavg))"
    if [ -n "$keep" ]; then mkdir -p "$keep"; cp "$results/$variant-$seed".* "$keep/"; fi
    rm -rf "$run"
  done
done
python3 - "$results" <<'PY'
import glob, json, os, sys
from collections import defaultdict
runs = defaultdict(list)
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    if path.endswith(".scenario.json"):
        continue
    name = os.path.basename(path)[:-5]
    variant, seed = name.rsplit("-", 1)
    runs[variant].append(json.load(open(path)))
def mean(xs): return sum(xs) / len(xs)
rows = []
for variant, rs in runs.items():
    legit = [sum(k["accounts"] for k in r["byKind"] if not k["isFraud"]) for r in rs]
    rows.append((mean([r["f1"] for r in rs]), variant, len(rs), mean([r["precision"] for r in rs]), mean([r["recall"] for r in rs]),
                 min(r["f1"] for r in rs), mean([r["attributionAccuracy"] for r in rs]),
                 mean([r["legitFlagged"] for r in rs]), mean([100.0 * r["legitFlagged"] / l for r, l in zip(rs, legit)]),
                 mean([r["legitAttributed"] for r in rs]), rs))
rows.sort()
print()
print("| variant | seeds | precision | recall | F1 | min F1 | attribution | legit flagged | legit flagged % | legit attributed |")
print("|---|---|---|---|---|---|---|---|---|---|")
for f1, variant, n, p, r, minf1, attr, lf, lfp, la, _ in rows:
    print(f"| {variant} | {n} | {p:.3f} | {r:.3f} | {f1:.3f} | {minf1:.3f} | {attr:.3f} | {lf:.1f} | {lfp:.2f} % | {la:.1f} |")
kinds = ["sync_operator", "pivot_operator", "hydra_reseller", "unknown_operator"]
print()
print("recall per campaign kind (flagged / accounts, summed over seeds)")
print("| variant | " + " | ".join(kinds) + " |")
print("|---|" + "---|" * len(kinds))
for row in rows:
    variant, rs = row[1], row[-1]
    cells = []
    for kind in kinds:
        acc = sum(k["accounts"] for rr in rs for k in rr["byKind"] if k["kind"] == kind)
        fl = sum(k["flagged"] for rr in rs for k in rr["byKind"] if k["kind"] == kind)
        cells.append(f"{fl}/{acc}")
    print(f"| {variant} | " + " | ".join(cells) + " |")
PY
