#!/usr/bin/env bash
# Conformance of our GraphQL engine, run from a clean clone (the lead calls it from .ci/run):
#   1. builds and starts tests/Distill.GraphQL.SampleServer on a free loopback port,
#   2. graphql-http's server audit with --strict (every MUST and SHOULD must pass),
#   3. graphql-js schema check: introspection -> buildClientSchema -> validateSchema, built-in directives,
#      sample operations validated (ops/good, ops/negative). (No --expect drift check: graphql-js 16.15 adds
#      @oneOf and a wider @deprecated to any SDL it builds, which an October 2021 server does not have; the SDL
#      of the schema is diffed by an NUnit test instead.)
#   4. stops the server and prints one line "N passed, N failed" (exit 1 on any failure).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
if [ ! -d node_modules/graphql-http ]; then
  npm ci --no-audit --no-fund >/dev/null
fi

dotnet build "$root/tests/Distill.GraphQL.SampleServer" -c Release -v quiet -nologo >/dev/null
server="$root/tests/Distill.GraphQL.SampleServer/bin/Release/net10.0/Distill.GraphQL.SampleServer"
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
log="$(mktemp)"
"$server" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "sample server died:"; cat "$log"; echo "0 passed, 1 failed"; exit 1; fi
  sleep 0.1
done
url="http://127.0.0.1:$port/graphql"

passed=0
failed=0
run() {
  local out status=0
  out="$("$@" 2>&1)" || status=$?
  echo "$out"
  local last p f
  last="$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)"
  if [ -z "$last" ]; then
    failed=$((failed + 1))
    return
  fi
  p="${last%% passed*}"
  f="${last#*, }"; f="${f%% failed}"
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
}

echo "== graphql-http audit (--strict) against $url"
run node graphql-http-audit.mjs "$url" --strict
echo "== graphql-js schema check"
run node graphql-schema-check.mjs "$url" --full --out="$(mktemp -d)/introspected.graphql" \
  --ops=ops/good --ops=ops/negative

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
