#!/usr/bin/env bash
# Installs what the test suite needs beyond Node and pnpm: Debian's Chromium (browser tests), schemathesis
# (OpenAPI conformance, in a Python venv under .tools/) and, unless
# MONGODB_URI points at a MongoDB server, FerretDB (a MongoDB wire-protocol server for the Mongo adapter).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ ! -x /usr/bin/chromium ]]; then
  sudo_cmd=""
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  $sudo_cmd apt-get install -y --no-install-recommends chromium
fi
if [[ -z "${MONGODB_URI:-}" ]]; then
  bash "$root/scripts/build-ferretdb.sh"
fi
# schemathesis (PyPI) checks the collector against its OpenAPI document; it gets a venv of its own in
# .tools/, pinned, so the run does not depend on what else the machine's Python holds.
SCHEMATHESIS_VERSION=4.32.5
venv="$root/.tools/schemathesis"
if [[ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != *"$SCHEMATHESIS_VERSION"* ]]; then
  python=""
  for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
      python="$candidate"
      break
    fi
  done
  if [[ -z "$python" ]]; then
    echo "setup-test-deps: schemathesis needs Python 3.10 or newer" >&2
    exit 1
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
