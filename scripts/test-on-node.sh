#!/usr/bin/env bash
# Runs the whole test suite on another Node major (default 24, from the npm registry), then rebuilds the
# native addon for the Node on PATH again, so the checkout is left as it was found.
#   bash scripts/test-on-node.sh [major]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
major="${1:-24}"
node_bin="$(npx -y "node@$major" -p process.execPath)"
node_dir="$(cd "$(dirname "$node_bin")/.." && pwd)"   # holds bin/ and include/node: what node-gyp builds against
echo "tests on $("$node_bin" --version) ($node_dir)"
cd "$root"
rebuild() { npm_config_nodedir="$1" PATH="$1/bin:$PATH" npx -y pnpm@10 rebuild better-sqlite3 >/dev/null; }
restore() { rebuild "$(cd "$(dirname "$(command -v node)")/.." && pwd)"; }
trap restore EXIT
rebuild "$node_dir"
PATH="$node_dir/bin:$PATH" npx -y pnpm@10 test
