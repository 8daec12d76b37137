#!/usr/bin/env bash
# Longer fuzzing runs than CI's: FUZZ_SECONDS per target (default 600), crashes kept in FUZZ_FINDINGS
# (default ./fuzz-findings). Same harness, corpus and checks as tools/fuzz/conformance.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."
export FUZZ_SECONDS=${FUZZ_SECONDS:-600}
echo "load before: $(uptime)"
bash tools/fuzz/conformance.sh
status=$?
echo "load after: $(uptime)"
exit $status
