#!/usr/bin/env bash
# Cypher conformance: every statement in cypher/ goes through Neo4j's own parser and semantic analysis
# (offline). Installs the pinned linter on first use. Ends with "N passed, N failed"; non-zero on failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
if [ ! -d node_modules/@neo4j-cypher/language-support ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
# --strict: deprecation warnings fail too, so the statements keep working on the next Neo4j version.
exec node lint.mjs --strict ../../cypher
