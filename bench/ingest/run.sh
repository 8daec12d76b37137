#!/usr/bin/env bash
# Prints the SQLite store's write and snapshot-read speed beside SQLite's floors, in the same run:
# the in-process floors of Program.cs, then sqlite3's own .import of the same rows as CSV into a bare
# table (no index, one transaction). Usage: bench/ingest/run.sh [rows=1000000] [dir=/tmp] [grouped|shuffled]
set -euo pipefail
rows=${1:-1000000}
dir=${2:-/tmp}
order=${3:-grouped}
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/ingest -v quiet -nologo >/dev/null
csv="$dir/bench-requests.csv"
dotnet bench/ingest/bin/Release/net10.0/Distill.Bench.Ingest.dll "$rows" 50000 "$dir" "$order" "$csv"
db="$dir/bench-import.db"
rm -f "$db" "$db-wal" "$db-shm"
start=$(date +%s%N)
TIMEFORMAT='%U %S'
cpu=$( { time sqlite3 "$db" '.mode csv' ".import $csv requests" >/dev/null; } 2>&1 )
end=$(date +%s%N)
awk -v rows="$rows" -v ns="$((end - start))" -v cpu="$cpu" 'BEGIN {
  split(cpu, c, " "); s = ns / 1e9; cs = c[1] + c[2];
  printf "%-72s %12s rows/s wall (%.2f s)  %12s rows/CPU-s (%.2f s)\n", "reference: sqlite3 .import of the same CSV, bare table, no index", sprintf("%\047d", rows / s), s, sprintf("%\047d", rows / cs), cs }'
rm -f "$db" "$db-wal" "$db-shm" "$csv"
