#!/usr/bin/env bash
# The investigator workbench (web/): its JavaScript unit tests (node --test: layout, filters, heatmap binning), its
# build from the lock file (npm ci + esbuild), then end to end in headless Chromium against `distill serve` on a
# small generated store (web/e2e/workbench-e2e.mjs). Screenshots of every page are left in
# ${WORKBENCH_ARTIFACTS:-web/artifacts}. Last line: "N passed, N failed".
#
#   tools/workbench/conformance.sh      (needs dotnet, node/npm; Debian chromium for the browser test)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
web="$repo/web"
work="$(mktemp -d)"
port="${DISTILL_WORKBENCH_PORT:-5191}"
base="http://127.0.0.1:$port"
artifacts="${WORKBENCH_ARTIFACTS:-$web/artifacts}"
server_pid=""
passed=0
failed=0
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
tally() { # counts "ok - " / "not ok - " lines of a check's output (and prints them)
  local out="$1"
  printf '%s\n' "$out"
  passed=$((passed + $(printf '%s\n' "$out" | grep -c '^ok - ')))
  failed=$((failed + $(printf '%s\n' "$out" | grep -c '^not ok - ')))
}
fail() { echo "not ok - $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

cd "$web"
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund >"$work/npm.log" 2>&1 || { tail -20 "$work/npm.log"; fail "npm ci in web/ (from package-lock.json)"; finish; }; fi
# node --test prints TAP: each test is one "ok N - name" / "not ok N - name" line at the top level.
unit=$(node --test test/ 2>&1)
unit_pass=$(printf '%s\n' "$unit" | grep -E '^# pass [0-9]+' | awk '{print $3}')
unit_fail=$(printf '%s\n' "$unit" | grep -E '^# fail [0-9]+' | awk '{print $3}')
printf '%s\n' "$unit" | grep -E '^(not )?ok [0-9]+ - ' | sed -E 's/^(not )?ok [0-9]+ - /\1ok - unit: /'
passed=$((passed + ${unit_pass:-0})); failed=$((failed + ${unit_fail:-1}))
node build.mjs >/dev/null && echo "ok - workbench built with esbuild from the lock file" && passed=$((passed + 1)) || fail "workbench build (node build.mjs)"

dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "dotnet build"; finish; }
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
[ -f "$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/workbench/index.html" ] && echo "ok - the workbench is copied next to the binaries" && passed=$((passed + 1)) || fail "workbench next to the binaries"
store="$work/store.db"
"$distill" generate --out "$work/gen" --scale 0.01 >/dev/null 2>&1 || fail "distill generate"
"$distill" --store "$store" ingest "$work/gen/input" --rejects "$work/rejects.jsonl" >/dev/null 2>&1 || fail "distill ingest"
"$distill" --store "$store" detect >/dev/null 2>&1 || fail "distill detect"
admin=$("$distill" --store "$store" keys create --role admin --holder "CI Admin" 2>/dev/null)
investigator=$("$distill" --store "$store" keys create --role investigator 2>/dev/null)
"$distill" --store "$store" serve --urls "$base" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "$base/readyz" >/dev/null && echo "ok - distill serve is ready" && passed=$((passed + 1)) || { fail "distill serve did not start"; cat "$work/serve.log" | tail -20; finish; }

if command -v "${CHROME_PATH:-chromium}" >/dev/null 2>&1; then
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  tally "$(node e2e/workbench-e2e.mjs "$base" --admin="$admin" --investigator="$investigator" --distill="$distill" --artifacts="$artifacts" 2>&1)"
  # Live alerts (the alertRaised subscription): a toast when `distill replay` raises alerts on the served store.
  tally "$(node e2e/live-alerts-e2e.mjs "$base" --investigator="$investigator" --distill="$distill" --store="$store" \
    --input="$work/gen/input" --work="$work" --artifacts="$artifacts" 2>&1)"
  echo "  screenshots: $artifacts"
else
  fail "headless Chromium workbench test (chromium not installed: apt-get install chromium)"
fi

verify=$("$distill" --store "$store" audit verify 2>&1) && echo "ok - distill audit verify after the session" && passed=$((passed + 1)) || fail "distill audit verify: $verify"
if grep -q -e "$admin" -e "$investigator" "$work/serve.log"; then fail "server log contains an API key"; else echo "ok - no API key in the server's log"; passed=$((passed + 1)); fi
finish
