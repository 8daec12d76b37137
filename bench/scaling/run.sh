#!/usr/bin/env bash
# Where one machine ends (issue 18, item 3): for each scale, `distill generate` (seed 1), `distill ingest` of every
# input file into a fresh store, then `distill detect`; wall time, CPU, peak RSS (GNU time) and store size of each
# step, appended as one TSV row per scale to OUT (default docs/scaling/scaling.tsv). Each data set and store is
# deleted before the next scale (disk is shared). Plot the TSV with bench/scaling/plot.py.
# Usage: bench/scaling/run.sh [scales="0.1 0.2 0.5 1 2"] [workdir=/tmp/distill-scaling] [out=docs/scaling/scaling.tsv]
# GZIP=1 writes and ingests gzip-compressed input (for scales whose CSV would not fit beside the store).
set -euo pipefail
scales=${1:-0.1 0.2 0.5 1 2}
work=${2:-/tmp/distill-scaling}
cd "$(dirname "$0")/../.."
out=${3:-docs/scaling/scaling.tsv}
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)"; exit 2; }
dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
mkdir -p "$work" "$(dirname "$out")"
# A private copy of the build, so that a rebuild of the worktree during a long run does not change the binary.
rm -rf "$work/bin"; cp -r src/Distill.Attribution.Cli/bin/Release/net10.0 "$work/bin"
distill=(dotnet "$work/bin/distill.dll")
[ -s "$out" ] || printf 'scale\taccounts\trequests\tinput_mib\tingest_s\tingest_cpu_s\tingest_peak_mib\tstore_mib\tdetect_s\tdetect_cpu_s\tdetect_peak_mib\tclusters\tload_start\tload_end\tutc\n' > "$out"

timed() { # timed LOG CMD... ; sets wall cpu peak
  local log=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.log" "$@" > "$log" 2>&1 || { tail -20 "$log"; echo "failed: $*"; exit 1; }
  read -r wall user sys rss < "$work/time.log"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  peak=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
}

for scale in $scales; do
  data="$work/scale-$scale"
  rm -rf "$data" "$work"/store.db*
  gz=(); [ "${GZIP:-0}" = 1 ] && gz=(--gzip)
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  "${distill[@]}" generate --out "$data" --scale "$scale" --seed 1 "${gz[@]}" > /dev/null
  input_mib=$(du -cm "$data"/input/* | tail -1 | cut -f1)
  mapfile -t files < <(ls "$data"/input/*)
  timed "$work/ingest.log" "${distill[@]}" ingest "${files[@]}" --store "$work/store.db" --rejects "$work/rejects.jsonl"
  ingest=("$wall" "$cpu" "$peak")
  store_mib=$(du -cm "$work"/store.db* | tail -1 | cut -f1)
  requests=$(sqlite3 "$work/store.db" "SELECT rows FROM content_digests WHERE name = 'requests'")
  accounts=$(sqlite3 "$work/store.db" "SELECT count(*) FROM account_keys")
  timed "$work/detect.log" "${distill[@]}" detect --store "$work/store.db"
  clusters=$(sqlite3 "$work/store.db" "SELECT count(*) FROM clusters WHERE run_seq = (SELECT max(run_seq) FROM clusters)" 2>/dev/null || echo "?")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$accounts" "$requests" "$input_mib" \
    "${ingest[0]}" "${ingest[1]}" "${ingest[2]}" "$store_mib" "$wall" "$cpu" "$peak" "$clusters" \
    "$load_start" "$(cut -d' ' -f1 /proc/loadavg)" "$(date -u +%FT%TZ)" | tee -a "$out"
  cp "$work/ingest.log" "$work/ingest-$scale.log"; cp "$work/detect.log" "$work/detect-$scale.log"
  rm -rf "$data" "$work"/store.db* "$work/rejects.jsonl"
done
