#!/usr/bin/env bash
# npm ci with the machine's node and npm, skipped when node_modules already matches the lock file
# (npm ci deletes and reinstalls everything, half a minute each build otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "chapar-web: npm is missing; it builds the web client. As root: apt-get install nodejs npm (Node.js 20 or newer)" >&2
  exit 1
fi
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund
