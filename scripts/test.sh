#!/usr/bin/env bash
# Installs everything the tests need (dependencies; Chromium through apt if missing) and runs
# every check: formatting + lint, type-check, unit and integration tests, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

# System packages the tests need: Chromium (browser tests), poppler's pdftoppm (the export
# test looks at a page of the PDF report as a picture), and PostgreSQL and Redis (the
# multi-server tests start their own on loopback; nothing is left running).
chromium_path="${TORG_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pnpm install --frozen-lockfile

# Every stage runs even if an earlier one failed, so one run shows every problem.
status=0
echo "== lint and format (biome)"
pnpm exec biome ci . || status=1
echo "== boundaries between the parts (dependency-cruiser)"
pnpm exec depcruise client/src server/src shared/src --config .dependency-cruiser.cjs || status=1
echo "== type-check"
pnpm run typecheck || status=1

results=$(mktemp -d)
echo "== unit and integration tests"
pnpm exec vitest run --project shared --project server --project client \
  --reporter=default --reporter=json --outputFile.json="$results/unit.json" || status=1
echo "== browser tests (system Chromium)"
pnpm exec vitest run --project e2e \
  --reporter=default --reporter=json --outputFile.json="$results/e2e.json" || status=1

node scripts/summary.mjs "$results"/*.json
exit $status
