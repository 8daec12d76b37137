#!/usr/bin/env bash
# Two builds of `distill ingest` in the same minutes, one input order at a time (issue 18, item 1): on a shared
# machine only CPU seconds taken side by side compare. For each order the two builds ingest the same directory
# into fresh stores at the same time; then, one after the other, sqlite3 .import of the time-ordered requests into
# a bare table (SQLite's floor) and a re-ingest of the time-ordered input into the second build's store (all duplicates).
# Prints per run: wall, CPU (user + sys), rows/s, peak RSS (GNU time), load average before -> after, the ingest's
# own stage timers, and the CPU of its busiest threads (/proc/<pid>/task/*/schedstat, sampled every 3 s).
# Usage: bench/ingest/orders-side-by-side.sh BIN_BEFORE BIN_AFTER ACCOUNT_DIR TIME_DIR SHUFFLED_DIR [WORK=/tmp/distill-orders2]
# BIN_* are copies of src/Distill.Attribution.Cli/bin/Release/net10.0 (copy them first: a rebuild during a long
# run must not replace the binary under it). *_DIR are input directories holding the same rows, e.g. a
# `distill generate` input directory, the same with requests sorted by ts, and a shuffle (see orders.sh).
# Each store is as large as the input (~1.4 GB at scale 1); the stores are deleted as the script goes.
set -euo pipefail
[ $# -ge 5 ] || { sed -n 2,12p "$0"; exit 2; }
before=$1 after=$2 work=${6:-/tmp/distill-orders2}
declare -A dirs=([account]=$3 [time]=$4 [shuffled]=$5)
command -v sqlite3 > /dev/null || { echo "needs sqlite3 (apt-get install -y sqlite3)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)"; exit 2; }
mkdir -p "$work"

run() { # run LABEL BIN DIR STORE: one ingest, measured; prints one summary line and the busiest threads
  local label=$1 bin=$2 dir=$3 store=$4 load0 pid
  load0=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %M %U %S' -o "$work/$label.time" dotnet "$bin/distill.dll" ingest "$dir" --store "$store" \
    --rejects "$work/$label.rejects.jsonl" > "$work/$label.out" 2>&1 &
  local tpid=$!
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pid=$(pgrep -P "$tpid" -x dotnet || true); [ -n "$pid" ] && break; sleep 0.5
  done
  : > "$work/$label.threads"
  while [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; do
    for t in /proc/"$pid"/task/*; do
      read -r cpu wait _ < "$t/schedstat" 2> /dev/null && echo "${t##*/} $cpu $wait" >> "$work/$label.threads"
    done
    sleep 3
  done
  wait "$tpid" || { tail -5 "$work/$label.out"; echo "$label failed"; return 1; }
  read -r wall rss user sys < "$work/$label.time"
  local rows
  rows=$(grep -oE '^[0-9,]+ rows in' "$work/$label.out" | tr -d ', rowsin')
  printf '%-24s wall %8.1f s  CPU %7.1f s  %9s rows/s  peak %5d MiB  load %s -> %s\n' "$label" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(awk -v r="$rows" -v w="$wall" 'BEGIN { printf "%\047d", r / w }')" \
    $((rss / 1024)) "$load0" "$(cut -d' ' -f1 /proc/loadavg)"
  grep -E '^pipeline' "$work/$label.out" | sed 's/^/    /'
  awk '{ cpu[$1] = $2; wait[$1] = $3 } END { for (t in cpu) printf "%.1f %.1f\n", cpu[t] / 1e9, wait[t] / 1e9 }' "$work/$label.threads" \
    | sort -nr | head -3 | awk '{ printf "    thread: %.1f s CPU, %.1f s waiting for a core\n", $1, $2 }'
}

echo "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ); before $before, after $after"
for order in account time shuffled; do
  rm -f "$work"/"$order"-*.db*
  run "$order-before" "$before" "${dirs[$order]}" "$work/$order-before.db" > "$work/$order-before.summary" &
  run "$order-after" "$after" "${dirs[$order]}" "$work/$order-after.db" > "$work/$order-after.summary"
  wait
  cat "$work/$order-before.summary" "$work/$order-after.summary"
  rm -f "$work/$order-before.db"*
  [ "$order" = time ] || rm -f "$work/$order-after.db"*
done

requests=$(ls "${dirs[time]}"/requests*.csv | head -1)
rm -f "$work/import.db"*
load0=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -f '%e %M %U %S' -o "$work/import.time" sqlite3 "$work/import.db" ".mode csv" ".import $requests requests"
read -r wall rss user sys < "$work/import.time"
printf '%-24s wall %8.1f s  CPU %7.1f s  peak %5d MiB  load %s -> %s\n' "sqlite3 .import (time)" "$wall" \
  "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $((rss / 1024)) "$load0" "$(cut -d' ' -f1 /proc/loadavg)"
rm -f "$work/import.db"*
run "time-after-again" "$after" "${dirs[time]}" "$work/time-after.db"
rm -f "$work/time-after.db"*
