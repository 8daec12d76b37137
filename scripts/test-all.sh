#!/usr/bin/env bash
# Runs every test suite of the repository: the .NET test projects and the node-driven conformance checks.
# Prints each suite's result and, as its last line, the totals over all suites: "N passed, N failed".
# Exit code 0 only when nothing failed. Needs the .NET 10 SDK and node/npm; optional tools (python3-igraph,
# chromium, poppler-utils) are installed by .ci/run, and the tests that need them say so when they are missing.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
passed=0
failed=0

add_totals() { # add_totals NAME FILE: reads the last "N passed, N failed" line of FILE
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -1)
  if [ -z "$line" ]; then
    echo "suite $1: no totals line; counted as 1 failed"
    failed=$((failed + 1))
    return
  fi
  local p f
  p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
  passed=$((passed + p)); failed=$((failed + f))
  echo "suite $1: $line"
}

echo "== dotnet build (Release, warnings as errors): one line per project built"
SECONDS=0
dotnet build Distill.Attribution.sln -c Release -nologo -v m -clp:NoSummary > "$results/build.log" 2>&1 &
build_pid=$!
# Progress while the build runs: each project's output path as it is written, not minutes of silence.
tail -n +1 -f "$results/build.log" --pid "$build_pid" 2>/dev/null | grep --line-buffered -E ' -> ' | sed -u -E 's|^ *([^ ]+) -> .*|  built \1|' &
if ! wait "$build_pid"; then
  grep -E 'error|warning' "$results/build.log" | sort -u | head -50
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
sleep 0.2
echo "  build took ${SECONDS} s"

echo "== dotnet format --verify-no-changes (code style; about a minute)"
SECONDS=0
if dotnet format Distill.Attribution.sln --verify-no-changes > "$results/format.log" 2>&1; then
  echo "1 passed, 0 failed" > "$results/format-totals.txt"
else
  head -20 "$results/format.log"
  echo "0 passed, 1 failed" > "$results/format-totals.txt"
fi
echo "  format took ${SECONDS} s"
add_totals format "$results/format-totals.txt"

echo "== dotnet test"
SECONDS=0
dotnet test Distill.Attribution.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results/trx" 2>&1 | tee "$results/dotnet.log" |
  # Summaries, and each failed test with the first lines of its message (the log goes with the results directory).
  awk '/^  Failed / { print; left = 8; next } left > 0 && !/^  (Passed|Skipped) / { print "    " $0; left--; next } { left = 0 } /^(Passed!|Failed!|Skipped )|error/' || true
node scripts/trx-totals.mjs "$results/trx" > "$results/dotnet-totals.txt"
cat "$results/dotnet-totals.txt" | sed 's/^/  /'
echo "  dotnet test took ${SECONDS} s"
add_totals dotnet "$results/dotnet-totals.txt"
if [ -z "${NEO4J_URI:-}" ]; then
  echo "  neo4j: NEO4J_URI is not set, so the store contract tests ran on SQLite only and the Neo4j ones were skipped"
fi

for suite in tools/*/conformance.sh; do
  [ -f "$suite" ] || continue
  name=$(basename "$(dirname "$suite")")
  echo "== $name ($suite)"
  SECONDS=0
  bash "$suite" 2>&1 | tee "$results/$name.log" | tail -40
  echo "  $name took ${SECONDS} s"
  add_totals "$name" "$results/$name.log"
done

echo "== heldout (bench/heldout/test_generate.py: the blind generator's output against the contract)"
python3 bench/heldout/test_generate.py > "$results/heldout.log" 2>&1
grep -E '^(FAIL|ERROR):' "$results/heldout.log"
tail -1 "$results/heldout.log"
add_totals heldout "$results/heldout.log"
echo "== lookalikes (bench/lookalikes/test_generate.py: the look-alike generator's output against the contract)"
python3 bench/lookalikes/test_generate.py > "$results/lookalikes.log" 2>&1
grep -E '^(FAIL|ERROR):' "$results/lookalikes.log"
tail -1 "$results/lookalikes.log"
add_totals lookalikes "$results/lookalikes.log"
# The embedding suite: dotnet pack into a local folder feed, then the samples built and run against it.
echo "== samples (samples/run.sh)"
SECONDS=0
bash samples/run.sh 2>&1 | tee "$results/samples.log" | tail -40
echo "  samples took ${SECONDS} s"
add_totals samples "$results/samples.log"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
