#!/usr/bin/env bash
# Times an evidence pack for a 2,000-member cluster (budget: 5 s), twice:
#  1. through the real SQLite store and the CLI's pipeline (dispatcher → run store → source reader → writer →
#     RFC 6979 signer), on a store scripted for the benchmark (2,000 accounts, 202,000 requests, the run saved
#     directly: the generator's clusters stay near 100 members), first and second pack, beside the same pack
#     from in-memory sources in the same run;
#  2. through the writer alone from in-memory sources (after one warm-up pack), beside the time to only zip
#     the same entries, with each entry's size.
# Usage: bench/packs/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet test tests/Distill.Attribution.Infrastructure.Tests \
  --filter "FullyQualifiedName~ShouldWriteAVerifiablePackForA2000MemberCluster|FullyQualifiedName~ShouldWriteA2000MemberPackThroughTheSqliteStoreCitingEveryRecordReproducibly" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "^2,000-member pack|Passed|Failed" | sort -u
