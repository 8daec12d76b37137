#!/usr/bin/env bash
# End-to-end conformance of the investigator API: builds distill (with GraphiQL built from npm packages), makes a
# small generated + ingested store with fresh keys, starts `distill serve`, runs detection through the API, then the
# graphql-request investigator session, the headless Chromium GraphiQL test and the alertRaised subscription (graphql-sse). Last line: "N passed, N failed".
#
#   tools/api/conformance.sh            (needs dotnet, node/npm; Debian chromium for the GraphiQL test)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
port="${DISTILL_API_PORT:-5190}"
base="http://127.0.0.1:$port"
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

cd "$here"
if [ ! -d node_modules/graphql-sse ]; then npm ci --no-audit --no-fund >/dev/null 2>&1 || { fail "npm ci in tools/api"; echo "$passed passed, $failed failed"; exit 1; }; fi
node build-graphiql.mjs >/dev/null || fail "GraphiQL static build"
dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "dotnet build"; echo "$passed passed, $failed failed"; exit 1; }
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
store="$work/store.db"
"$distill" generate --out "$work/gen" --scale 0.01 >/dev/null 2>&1 || fail "distill generate"
"$distill" --store "$store" ingest "$work/gen/input" --rejects "$work/rejects.jsonl" >/dev/null 2>&1 || fail "distill ingest"
admin=$("$distill" --store "$store" keys create --role admin --holder "CI Admin" 2>/dev/null)
analyst=$("$distill" --store "$store" keys create --role analyst 2>/dev/null)
investigator=$("$distill" --store "$store" keys create --role investigator 2>/dev/null)
[[ "$admin" == dk_* && "$analyst" == dk_* && "$investigator" == dk_* ]] && echo "ok - keys created with distill keys create" && passed=$((passed + 1)) || fail "distill keys create"
"$distill" --store "$store" serve --urls "$base" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "$base/healthz" >/dev/null && curl -sf "$base/readyz" >/dev/null && echo "ok - /healthz and /readyz" && passed=$((passed + 1)) || fail "/healthz and /readyz"

run=$(curl -s -X POST "$base/graphql" -H 'content-type: application/json' -H "authorization: Bearer $analyst" \
  -d '{"query":"mutation Detect { runDetection { id flaggedCount } }","operationName":"Detect"}')
[[ "$run" == *'"flaggedCount":'* && "$run" != *'"flaggedCount":0'* ]] && echo "ok - runDetection through the API flagged clusters" && passed=$((passed + 1)) || fail "runDetection ($run)"

tally "$(DISTILL_KEY_INVESTIGATOR="$investigator" DISTILL_KEY_ANALYST="$analyst" node investigator-session.mjs "$base" 2>&1)"
if command -v "${CHROME_PATH:-chromium}" >/dev/null 2>&1; then
  tally "$(node graphiql-e2e.mjs "$base" "$investigator" 2>&1)"
else
  fail "headless Chromium GraphiQL test (chromium not installed: apt-get install chromium)"
fi

# The alertRaised subscription over Server-Sent Events (graphql-sse client): `distill replay` in another process on
# the served store raises alerts, the subscriber receives each.
tally "$(DISTILL_KEY_INVESTIGATOR="$investigator" DISTILL_BIN="$distill" DISTILL_STORE="$store" DISTILL_INPUT="$work/gen/input" \
  DISTILL_WORK="$work" node alert-subscription.mjs "$base" 2>&1)"

# The audit trail of the whole session must verify, and the server log must not hold any key.
verify=$("$distill" --store "$store" audit verify 2>&1) && echo "ok - distill audit verify: $verify" && passed=$((passed + 1)) || fail "distill audit verify: $verify"
if grep -q -e "$admin" -e "$analyst" -e "$investigator" "$work/serve.log"; then fail "server log contains an API key"; else echo "ok - no API key in the server's log"; passed=$((passed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
