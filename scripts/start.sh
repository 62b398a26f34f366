#!/usr/bin/env bash
# Installs dependencies, builds the client and starts Torg on the embedded SQLite default.
# PORT (8787), HOST (0.0.0.0) and TORG_DATA_DIR (./data) configure it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

pnpm install --frozen-lockfile
pnpm --filter @torg/client build
# The server compiled once here, not at every start (server/build.mjs; `pnpm --filter
# @torg/server dev` runs the sources with reload instead).
pnpm --filter @torg/server build
export TORG_DATA_DIR="${TORG_DATA_DIR:-$PWD/data}"
cd server
# exec: the server gets SIGINT/SIGTERM itself and flushes everything before it exits.
# Source maps (dist/*.map) are not loaded: they would cost 12 MB of memory for every start.
# NODE_OPTIONS=--enable-source-maps npm start shows stack traces in the TypeScript sources.
exec node dist/main.js "$@"
