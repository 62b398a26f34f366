# Sourced by the other scripts: pnpm at the version package.json pins, through npx, so a
# machine with only Node and npm needs nothing else (corepack is not relied on).
PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
pnpm() { npx -y "pnpm@${PNPM_VERSION}" "$@"; }
