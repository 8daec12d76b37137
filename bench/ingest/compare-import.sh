#!/usr/bin/env bash
# End-to-end ingest benchmark (issue 2, point 6): `distill ingest` of the requests of a generated data set
# (validation, deduplication, dictionaries, aggregates, one transaction per batch) side by side, in the
# same run, with sqlite3's own `.import` of the same CSV files into a bare table (SQLite's floor: no
# validation, no index). Prints wall time, rows/s and peak memory of each.
# Usage: bench/ingest/compare-import.sh [scale=0.2] [workdir=/tmp/distill-ingest-bench]
set -euo pipefail
scale=${1:-0.2}
work=${2:-/tmp/distill-ingest-bench}
cd "$(dirname "$0")/../.."
command -v sqlite3 > /dev/null || { echo "needs sqlite3 (apt-get install -y sqlite3)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)"; exit 2; }
dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly
distill=(dotnet src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll)
mkdir -p "$work"
data="$work/scale-$scale"
if [ ! -f "$data/truth.csv" ]; then
  "${distill[@]}" generate --out "$data" --scale "$scale" --seed 1 > /dev/null
fi
mapfile -t files < <(ls "$data"/input/requests*.csv)
rows=0
for f in "${files[@]}"; do rows=$((rows + $(wc -l < "$f") - 1)); done
bytes=$(cat "${files[@]}" | wc -c)
echo "requests of generate --scale $scale: $rows rows, $((bytes / 1048576)) MiB in ${#files[@]} file(s); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # measure LABEL CMD... ; prints wall seconds and peak RSS
  local label=$1; shift
  local log="$work/time.log"
  /usr/bin/time -f '%e %M %U %S' -o "$log" "$@" > "$work/out.log" 2>&1 || { tail -5 "$work/out.log"; echo "$label failed"; exit 1; }
  read -r wall rss user sys < "$log"
  printf '%-44s %8.2f s wall %12s rows/s  %7.0f MiB peak  (%.1f s CPU)\n' "$label" "$wall" \
    "$(awk -v r="$rows" -v w="$wall" 'BEGIN { printf "%\047d", r / w }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
  echo "$wall"  > "$work/$label.wall"
}

rm -f "$work"/import.db* "$work"/store.db*
# SQLite's floor: one .import per file into a table created by the first (header row as column names).
import_script="$work/import.sql"
{ echo ".mode csv"; for f in "${files[@]}"; do echo ".import $f requests"; done; } > "$import_script"
measure "sqlite3-import" sqlite3 "$work/import.db" ".read $import_script"
measure "distill-ingest" "${distill[@]}" ingest "${files[@]}" --store "$work/store.db" --rejects "$work/rejects.jsonl"
measure "distill-ingest-again" "${distill[@]}" ingest "${files[@]}" --store "$work/store.db" --rejects "$work/rejects.jsonl"
awk -v a="$(cat "$work/distill-ingest.wall")" -v b="$(cat "$work/sqlite3-import.wall")" \
  'BEGIN { printf "ratio distill ingest / sqlite3 .import: %.2f (bar: <= 1.5)\n", a / b }'
"${distill[@]}" stats --store "$work/store.db" --json
rm -f "$work"/import.db* "$work"/store.db*
