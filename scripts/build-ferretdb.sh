#!/usr/bin/env bash
# Builds FerretDB 1.24 (SQLite backend), a MongoDB wire-protocol server used by the Mongo adapter's
# contract tests when MONGODB_URI is not set. Output: .tools/ferretdb. Needs Go and the Go module proxy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.tools/ferretdb"
version="v1.24.2"
if [[ -x "$out" ]] && "$out" --version 2>/dev/null | grep "${version#v}" >/dev/null; then
  echo "ferretdb $version already built at $out"
  exit 0
fi
mkdir -p "$root/.tools"
dir="$(go mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$dir/." "$work/"
chmod -R u+w "$work"
# The module archive lacks the generated version file the binary embeds; write it as a release build would.
echo "$version" > "$work/build/version/version.txt"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$out" ./cmd/ferretdb)
# The whole output is read (not `| head -1`): a reader that stops early could kill the writer with SIGPIPE,
# which pipefail turns into a failed build.
"$out" --version | sed -n 1p
