#!/usr/bin/env bash
# Ingest speed by input order (issue 18, item 1). From the requests of one `distill generate` data set it
# writes three files holding the same rows: account-sorted (the generator's own order), time-ordered (sorted by
# ts, as a real export arrives) and shuffled (a seeded random permutation, the worst case), each with the header
# kept. For each order, in one run: `sqlite3 .import` into a bare table (SQLite's floor: no validation, no index),
# `distill ingest` into a fresh store, and `distill ingest` of the same file again (all duplicates).
# Prints wall time, rows/s, peak RSS (GNU time), CPU, store size and the ingest's own stage timers.
# Usage: bench/ingest/orders.sh [scale=0.2] [workdir=/tmp/distill-ingest-orders] [orders="account time shuffled"]
# Set KEEP=1 to keep the ordered files (they are as large as the generated requests) for another run.
set -euo pipefail
scale=${1:-0.2}
work=${2:-/tmp/distill-ingest-orders}
orders=${3:-account time shuffled}
cd "$(dirname "$0")/../.."
command -v sqlite3 > /dev/null || { echo "needs sqlite3 (apt-get install -y sqlite3)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)"; exit 2; }
dotnet build src/Distill.Attribution.Cli -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
mkdir -p "$work"
# A private copy of the build: a rebuild of the worktree during a long run must not replace the binary under it.
rm -rf "$work/bin"; cp -r src/Distill.Attribution.Cli/bin/Release/net10.0 "$work/bin"
distill=(dotnet "$work/bin/distill.dll")
data="$work/scale-$scale"
if [ ! -f "$data/truth.csv" ]; then
  "${distill[@]}" generate --out "$data" --scale "$scale" --seed 1 > /dev/null
fi
mapfile -t generated < <(ls "$data"/input/requests*.csv)
header=$(head -1 "${generated[0]}")
body() { for f in "${generated[@]}"; do tail -n +2 "$f"; done; }

# The three orders of the same rows. ts (column 3) is ISO-8601 UTC with a fixed width, so a byte sort is a time
# sort; ties keep no particular order. The shuffle draws a key per row from awk's seeded generator.
export LC_ALL=C
for order in $orders; do
  file="$work/requests-$scale-$order.csv"
  [ -s "$file" ] && continue
  case $order in
    account) { echo "$header"; body; } > "$file" ;;
    time) { echo "$header"; body | sort -t, -k3,3 -S 1G --parallel=2 -T "$work"; } > "$file" ;;
    shuffled) { echo "$header"; body | awk 'BEGIN { srand(18) } { printf "%.12f\t%s\n", rand(), $0 }' \
      | sort -S 1G --parallel=2 -T "$work" | cut -f2-; } > "$file" ;;
    *) echo "unknown order $order (account, time, shuffled)"; exit 2 ;;
  esac
done
first="$work/requests-$scale-${orders%% *}.csv"
rows=$(($(wc -l < "$first") - 1))
echo "requests of generate --scale $scale --seed 1: $rows rows, $(($(stat -c %s "$first") / 1048576)) MiB a file;" \
  "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"

measure() { # measure LABEL CMD... ; one line: wall, rows/s, peak RSS, CPU
  local label=$1; shift
  local log="$work/time.log"
  /usr/bin/time -f '%e %M %U %S' -o "$log" "$@" > "$work/out.log" 2>&1 || { tail -5 "$work/out.log"; echo "$label failed"; exit 1; }
  read -r wall rss user sys < "$log"
  printf '%-30s %8.2f s %11s rows/s %6.0f MiB peak %7.1f s CPU  load %s\n' "$label" "$wall" \
    "$(awk -v r="$rows" -v w="$wall" 'BEGIN { printf "%\047d", r / w }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$wall" > "$work/last.wall"
}

for order in $orders; do
  file="$work/requests-$scale-$order.csv"
  rm -f "$work"/import.db* "$work"/store.db*
  measure "$order: sqlite3 .import" sqlite3 "$work/import.db" ".mode csv" ".import $file requests"
  floor=$(cat "$work/last.wall")
  rm -f "$work"/import.db*
  measure "$order: distill ingest" "${distill[@]}" ingest "$file" --store "$work/store.db" --rejects "$work/rejects.jsonl"
  first_wall=$(cat "$work/last.wall")
  grep -E '^pipeline|^  ?store|^the store|waiting|aggregates' "$work/out.log" | tr '\n' ' ' | sed 's/^/    /'; echo
  store_mib=$(du -cm "$work"/store.db* | tail -1 | cut -f1)
  measure "$order: ingest again" "${distill[@]}" ingest "$file" --store "$work/store.db" --rejects "$work/rejects.jsonl"
  awk -v a="$first_wall" -v b="$floor" -v s="$store_mib" -v o="$order" \
    'BEGIN { printf "    %s: ingest / .import = %.2f; store %d MiB\n", o, a / b, s }'
done
rm -f "$work"/import.db* "$work"/store.db* "$work/rejects.jsonl"
[ "${KEEP:-0}" = 1 ] || rm -f "$work"/requests-"$scale"-*.csv
rm -rf "$work/bin"
