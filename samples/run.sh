#!/usr/bin/env bash
# The embedding suite: packs the library packages into a fresh local folder feed (artifacts/packages), checks
# what is in them, then builds the two samples against that feed and runs them: EmbeddedDetection in-process on a
# generated data set, GraphQLClient against a running `distill serve`. Last line: "N passed, N failed".
#
#   bash samples/run.sh        (needs the .NET SDK; packs with a unique version so no stale cached package is used)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
work="$(mktemp -d)"
port="${DISTILL_SAMPLES_PORT:-5193}"
base="http://127.0.0.1:$port"
server_pid=""
passed=0
failed=0
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ok() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "not ok - $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
export CI=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=(Distill.GraphQL Distill.Attribution.Graph Distill.Attribution.Domain Distill.Attribution.Application Distill.Attribution.Infrastructure
          Distill.Attribution.Sqlite Distill.Attribution.Neo4j Distill.Attribution.EvidencePacks Distill.Attribution.Embedding)
version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
feed="$repo/artifacts/packages"
rm -rf "$feed" && mkdir -p "$feed"
echo "== dotnet pack $version -> artifacts/packages"
# Build once with the version (Embedding brings the two stores and the four packages under them; evidence packs and
# GraphQL stand alone), then pack without building.
suffix="${version#0.1.0-}"
for top in Distill.Attribution.Embedding Distill.Attribution.EvidencePacks Distill.GraphQL; do
  dotnet build "$repo/src/$top/$top.csproj" -c Release -nologo -v q -p:VersionSuffix="$suffix" >"$work/build-$top.log" 2>&1 \
    || { tail -20 "$work/build-$top.log"; fail "dotnet build $top for packing"; finish; }
done
for p in "${packages[@]}"; do
  if dotnet pack "$repo/src/$p/$p.csproj" -c Release -nologo -v q --no-build -p:VersionSuffix="$suffix" -o "$feed" >"$work/pack-$p.log" 2>&1; then
    ok "dotnet pack $p"
  else
    tail -20 "$work/pack-$p.log"; fail "dotnet pack $p"
  fi
done

for p in "${packages[@]}"; do
  nupkg="$feed/$p.$version.nupkg"
  if [ ! -f "$nupkg" ]; then fail "$p.$version.nupkg exists"; continue; fi
  [ -f "$feed/$p.$version.snupkg" ] && ok "$p has a symbols package (.snupkg)" || fail "$p has a symbols package (.snupkg)"
  entries=$(unzip -Z1 "$nupkg")
  nuspec=$(unzip -p "$nupkg" "$p.nuspec")
  if grep -qx "README.md" <<<"$entries" && grep -qx "LICENSE" <<<"$entries" && grep -qx "lib/net10.0/$p.xml" <<<"$entries" \
    && grep -q '<license type="expression">MIT</license>' <<<"$nuspec" && grep -q '<readme>README.md</readme>' <<<"$nuspec" \
    && grep -q "<version>$version</version>" <<<"$nuspec" && grep -Eq '<repository type="git"[^>]* commit="[0-9a-f]{40}"' <<<"$nuspec" \
    && grep -q '<description>' <<<"$nuspec" && ! grep -q '<description>Package Description</description>' <<<"$nuspec"; then
    ok "$p package: README, LICENSE, XML docs, MIT expression, version, description, repository commit"
  else
    fail "$p package metadata"; echo "$entries" | head -20; echo "$nuspec" | head -30
  fi
done
[ "$failed" -eq 0 ] || finish

echo "== distill: a generated data set"
dotnet build "$repo/src/Distill.Attribution.Cli" -c Release -v q -nologo >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; fail "dotnet build distill"; finish; }
distill="$repo/src/Distill.Attribution.Cli/bin/Release/net10.0/distill"
"$distill" generate --out "$work/gen" --scale 0.02 --seed 7 >/dev/null 2>&1 && ok "distill generate" || fail "distill generate"

echo "== samples/EmbeddedDetection (in-process, against the packages)"
sample_build() { # sample_build NAME: restores from the local feed only for Distill.* (see samples/NuGet.config)
  dotnet build "$here/$1" -c Release -nologo -v q -p:DistillPackageVersion="$version" -o "$work/$1" >"$work/build-$1.log" 2>&1
}
if sample_build EmbeddedDetection; then
  ok "EmbeddedDetection builds against Distill.Attribution.Embedding $version"
  assets="$here/EmbeddedDetection/obj/project.assets.json"
  grep -q "Distill.Attribution.Embedding/$version" "$assets" && ok "EmbeddedDetection restored the package, not a project" || fail "EmbeddedDetection restored the package"
  # What the facade brings: both stores (the configuration chooses at run time), not the evidence packs nor PDFsharp.
  grep -q "\"Distill.Attribution.Sqlite/$version\"" "$assets" && grep -q "\"Distill.Attribution.Neo4j/$version\"" "$assets" \
    && ok "EmbeddedDetection got the SQLite and Neo4j store packages through Embedding" || fail "EmbeddedDetection store packages"
  grep -qiE '"(Distill\.Attribution\.EvidencePacks|PDFsharp)/' "$assets" && fail "EmbeddedDetection restored evidence packs or PDFsharp" \
    || ok "EmbeddedDetection restored neither the evidence packs nor PDFsharp"
  out=$(cd "$work" && timeout 600 dotnet "$work/EmbeddedDetection/EmbeddedDetection.dll" "$work/gen/input" "$work/embedded.db" 2>&1); code=$?
  printf '%s\n' "$out" | sed 's/^/    /' | head -40
  [ "$code" -eq 0 ] && ok "EmbeddedDetection ran: flagged clusters with an operator, the card number refused" || fail "EmbeddedDetection exit $code"
  grep -q "detect: clustering" <<<"$out" && grep -q "ingest 100%" <<<"$out" && ok "EmbeddedDetection saw ingest and detection progress" || fail "EmbeddedDetection progress"
  grep -q "4111" <<<"$out" && fail "EmbeddedDetection printed a card number" || ok "no card number in EmbeddedDetection's output"
else
  tail -30 "$work/build-EmbeddedDetection.log"; fail "EmbeddedDetection builds"
fi

echo "== samples/GraphQLClient (typed client against distill serve)"
store="$work/served.db"
"$distill" --store "$store" ingest "$work/gen/input" --rejects "$work/rejects.jsonl" >/dev/null 2>&1 && "$distill" --store "$store" detect --top 0 >/dev/null 2>&1 \
  && ok "distill ingest and detect for the server" || fail "distill ingest and detect for the server"
key=$("$distill" --store "$store" keys create --role investigator 2>/dev/null)
"$distill" --store "$store" serve --urls "$base" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.5; done
if sample_build GraphQLClient; then
  ok "GraphQLClient builds"
  out=$(DISTILL_API_KEY="$key" timeout 120 dotnet "$work/GraphQLClient/GraphQLClient.dll" "$base/graphql" 2>&1); code=$?
  printf '%s\n' "$out" | sed 's/^/    /' | head -20
  [ "$code" -eq 0 ] && grep -q "flagged clusters" <<<"$out" && ok "GraphQLClient read flagged clusters through the API" || fail "GraphQLClient exit $code"
  out=$(DISTILL_API_KEY="dk_wrong" timeout 120 dotnet "$work/GraphQLClient/GraphQLClient.dll" "$base/graphql" 2>&1); code=$?
  [ "$code" -ne 0 ] && ok "GraphQLClient with a wrong key is refused" || fail "GraphQLClient with a wrong key was not refused"
else
  tail -30 "$work/build-GraphQLClient.log"; fail "GraphQLClient builds"
fi
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
finish
