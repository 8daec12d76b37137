#!/usr/bin/env bash
# Ingest of one generated folder by two builds of distill, alternating (A B A B ...), each into a fresh store, with the
# load average before each run; then checks that both stores hold the same rows (a digest per table).
# Usage: bench/ingest/before-after.sh BEFORE_DIR AFTER_DIR [ROUNDS] [SCALE] [SEED]
#   BEFORE_DIR, AFTER_DIR: folders holding a built distill.dll (e.g. copies of src/Distill.Attribution.Cli/bin/Release/net10.0)
set -euo pipefail
before=$1 after=$2 rounds=${3:-2} scale=${4:-0.1} seed=${5:-7}
work=$(mktemp -d /tmp/distill-before-after.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet "$before/distill.dll" generate --out "$work/data" --scale "$scale" --seed "$seed" > /dev/null
digest() {
  for t in accounts payments sessions requests releases indicators content_digests ips clients models capabilities \
           prompt_fingerprints account_stats account_ip_stats account_model_stats account_capability_stats account_keys; do
    printf '%s %s\n' "$t" "$(sqlite3 "$1" "select * from $t order by 1" | sha256sum | cut -c1-16)"
  done
}
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    dir=$before; [ "$side" = after ] && dir=$after
    db="$work/$side.db"; rm -f "$db"*
    echo "$side round $round ($(uptime | sed 's/.*load average/load average/'))"
    dotnet "$dir/distill.dll" ingest "$work/data/input" --store "$db" --rejects "$work/$side-rejects.jsonl" 2>/dev/null | grep -E 'rows in|pipeline'
  done
done
if diff <(digest "$work/before.db") <(digest "$work/after.db") > /dev/null && cmp -s "$work/before-rejects.jsonl" "$work/after-rejects.jsonl"; then
  echo "same rows in every table and the same rejects report"
else
  echo "DIFFERENT: the two builds stored different rows or rejects" >&2
  exit 1
fi
