#!/usr/bin/env bash
# Installs what the test suite needs beyond Node and pnpm: Debian's Chromium (browser tests) and, unless
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
