#!/usr/bin/env bash
# The fuzzing suite (scripts/test-all.sh runs every tools/*/conformance.sh): for each target (csv, jsonl, graphql,
# zip) it replays the committed seed corpus and every saved crash (tests/Distill.Attribution.Fuzz/regressions/)
# in-process, then fuzzes it for FUZZ_SECONDS (default 60, the budget issue 17 asks for) from the seed corpus: afl++ through SharpFuzz for graphql
# and zip, the harness's in-process mutation fuzzer for csv and jsonl (see below why).
# A target passes when nothing crashed. A crash found is printed and copied to FUZZ_FINDINGS (default
# ./fuzz-findings); save it under regressions/<target>/ once fixed so it is replayed for ever.
# Needs afl++ (apt-get install afl++, done by .ci/run) and the SharpFuzz tool (dotnet tool restore); without them
# only the replays run, and the suite says so. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
findings_dir=${FUZZ_FINDINGS:-$PWD/fuzz-findings}
project=tests/Distill.Attribution.Fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
targets=(csv jsonl graphql zip)

echo "building the harness"
if ! dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly -o "$work/bin" > "$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi
harness="$work/bin/Distill.Attribution.Fuzz.dll"

for t in "${targets[@]}"; do
  if dotnet "$harness" "$t" --replay "$project/corpus/$t" "$project/regressions/$t"; then
    passed=$((passed + 1))
  else
    echo "FAIL replay $t"
    failed=$((failed + 1))
  fi
done

if ! command -v afl-fuzz > /dev/null; then
  echo "afl-fuzz not found (apt-get install afl++): replayed the corpus and regressions only, no fuzzing"
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit
fi

if ! dotnet tool restore > "$work/tool.log" 2>&1; then
  cat "$work/tool.log"
  echo "FAIL: the SharpFuzz tool could not be restored"
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
fi

# Each target fuzzes the assembly it tests, instrumented in its own copy of the output (the build output stays untouched).
# SharpFuzz's instrumentation of Distill.Attribution.Application makes the runtime abort (AccessViolationException at
# start-up, with or without a namespace filter), so the CSV and JSON Lines readers get the harness's in-process
# mutation fuzzer (no coverage feedback) for the same budget instead of afl++.
declare -A assembly=([graphql]=Distill.GraphQL.dll [zip]=Distill.Attribution.EvidencePacks.dll)
mkdir -p "$work/findings"
dotnet_path=$(command -v dotnet)
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
for t in "${targets[@]}"; do
  out="$work/findings/$t"
  if [ -z "${assembly[$t]:-}" ]; then
    echo "== in-process mutation fuzzing of $t for ${seconds} s"
    if dotnet "$harness" "$t" --mutate "$seconds" "$project/corpus/$t" "$findings_dir/$t"; then
      passed=$((passed + 1))
    else
      echo "FAIL $t: crashing inputs saved in $findings_dir/$t"
      failed=$((failed + 1))
    fi
    continue
  fi

  cp -r "$work/bin" "$work/bin-$t"
  if ! dotnet sharpfuzz "$work/bin-$t/${assembly[$t]}" > "$work/instrument-$t.log" 2>&1; then
    cat "$work/instrument-$t.log"
    echo "FAIL $t: could not instrument ${assembly[$t]}"
    failed=$((failed + 1))
    continue
  fi

  echo "== afl-fuzz $t (${assembly[$t]} instrumented) for ${seconds} s"
  timeout $((seconds + 180)) afl-fuzz -V "$seconds" -i "$project/corpus/$t" -o "$out" -t 10000 -m none -- "$dotnet_path" "$work/bin-$t/Distill.Attribution.Fuzz.dll" "$t" > "$work/afl-$t.log" 2>&1
  stats="$out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    grep -E 'ABORT|ERROR' "$work/afl-$t.log" | head -5
    echo "FAIL $t: afl-fuzz did not run"
    failed=$((failed + 1))
    continue
  fi
  execs=$(grep -E '^execs_done' "$stats" | awk '{print $3}')
  queue=$(grep -E '^(corpus_count|paths_total)' "$stats" | head -1 | awk '{print $3}')
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  echo "$t: $execs executions, $queue inputs in the queue, $crashes crashes, $hangs hangs"
  if [ "$crashes" -gt 0 ]; then
    mkdir -p "$findings_dir/$t"
    cp "$out"/default/crashes/id:* "$findings_dir/$t/"
    echo "FAIL $t: $crashes crashing inputs copied to $findings_dir/$t (replay: dotnet $project/bin/Release/net10.0/Distill.Attribution.Fuzz.dll $t --replay $findings_dir/$t)"
    # The findings directory may not outlive the machine (CI): print each input and what it throws uninstrumented.
    dotnet "$harness" "$t" --replay "$findings_dir/$t" 2>&1 | head -20
    for f in "$out"/default/crashes/id:*; do
      echo "input $(basename "$f") ($(stat -c %s "$f") bytes, base64 of the first 3 KiB):"
      head -c 3072 "$f" | base64 -w 120
    done
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  if [ "$hangs" -gt 0 ]; then
    mkdir -p "$findings_dir/$t-hangs"
    cp "$out"/default/hangs/id:* "$findings_dir/$t-hangs/"
    echo "note $t: $hangs inputs ran over 10 s (copied to $findings_dir/$t-hangs; on a loaded machine these are often not real)"
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
