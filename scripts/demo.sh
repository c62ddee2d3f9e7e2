#!/usr/bin/env bash
# `npm run demo`: Herald (API + workers) with the demo municipality, Åsnes kommune, on this machine.
# Installs what is missing, starts Redis and PostgreSQL if needed, adds a demo newspaper whose
# booking deadline is 3 minutes away (scripts/demo-config.ts), migrates, prints fresh API keys,
# starts a fake Facebook Graph API (test/fakes/graph-api) unless HERALD_FACEBOOK_GRAPH_URL points
# elsewhere, gives Åsnes's Page its token (Karasjok's Page is left without one: its posts wait,
# visibly, for a token), then runs until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/herald}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export HERALD_DATA_DIR=${HERALD_DATA_DIR:-./data}
export PORT=${PORT:-3000}
export HOST=${HOST:-127.0.0.1}
export LOG_LEVEL=${LOG_LEVEL:-info}
export FAKE_GRAPH_PORT=${FAKE_GRAPH_PORT:-3900}
fake_graph=""
if [ -z "${HERALD_FACEBOOK_GRAPH_URL:-}" ]; then
  export HERALD_FACEBOOK_GRAPH_URL="http://127.0.0.1:$FAKE_GRAPH_PORT/v26.0"
  fake_graph=yes
fi

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=warn
bash scripts/services.sh
# The shipped tenants plus Demoavisa, a paper for Åsnes whose booking deadline is 3 minutes from now.
demo_config="$HERALD_DATA_DIR/demo-config"
demo_deadline=$(node --import tsx scripts/demo-config.ts "${HERALD_CONFIG_DIR:-config}" "$demo_config" 3)
export HERALD_CONFIG_DIR="$demo_config"
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
Demoavisa takes bookings for today's issue until $demo_deadline (Oslo time); a newspaper notice sent
before then is delivered at $demo_deadline into $HERALD_DATA_DIR/newspapers/asnes/demoavisa/<date>/
Demo keys (also in $keys_file; load them with: source $keys_file):
$(grep -v '^#' "$keys_file")

MSG

pids=()
if [ -n "$fake_graph" ]; then
  node --import tsx test/fakes/graph-api/serve.ts &
  pids+=($!)
  echo demo-page-token-asnes | npm run --silent keys -- facebook-token --tenant asnes
  echo "Fake Facebook Pages: http://127.0.0.1:$FAKE_GRAPH_PORT/fake-facebook/  (Karasjok has no token: its posts wait for one)"
fi

npm run worker &
pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null' EXIT
npm start
