#!/usr/bin/env bash
# `npm run demo`: Herald (API + workers) with the demo municipality, Åsnes kommune, on this machine.
# Installs what is missing, starts Redis and PostgreSQL if needed, migrates, prints fresh API keys,
# then runs until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/herald}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export HERALD_DATA_DIR=${HERALD_DATA_DIR:-./data}
export PORT=${PORT:-3000}
export HOST=${HOST:-127.0.0.1}
export LOG_LEVEL=${LOG_LEVEL:-info}

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=warn
bash scripts/services.sh
npm run migrate

keys_file="$HERALD_DATA_DIR/demo-keys.txt"
mkdir -p "$HERALD_DATA_DIR"
{
  echo "# Demo API keys for Åsnes kommune (asnes), created $(date -u +%FT%TZ)"
  echo "HR=$(npm run keys -- create --tenant asnes --role hr --name 'Kari Nordmann (HR)')"
  echo "COMMS=$(npm run keys -- create --tenant asnes --role communications --name 'Ola Hansen (kommunikasjon)')"
  echo "APPROVER=$(npm run keys -- create --tenant asnes --role communications --name 'Ingrid Berg (kommunikasjon)')"
  echo "ARCHIVIST=$(npm run keys -- create --tenant asnes --role archivist --name 'Per Olsen (arkiv)')"
  echo "ADMIN=$(npm run keys -- create --tenant asnes --role admin --name 'Admin Åsnes')"
} > "$keys_file"
cat <<MSG

Herald is starting on http://$HOST:$PORT  (API docs: /docs, public pages: /public/asnes/)
Demo keys (also in $keys_file; load them with: source $keys_file):
$(grep -v '^#' "$keys_file")

MSG

npm run worker &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT
npm start
