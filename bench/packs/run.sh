#!/usr/bin/env bash
# Times an evidence pack for a 2,000-member cluster (budget: 5 s) through the writer the CLI uses (after one
# warm-up pack), and prints it beside the budget and beside the time to only zip the same entries (what a pack
# costs beyond packaging), with each entry's size. Usage: bench/packs/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet test tests/Distill.Attribution.Infrastructure.Tests \
  --filter "FullyQualifiedName~ShouldWriteAPackForA2000MemberClusterWithinFiveSeconds" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "2,000-member pack|Passed|Failed"
