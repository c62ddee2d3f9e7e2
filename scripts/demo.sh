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
# Alerts land in the demo's own inbox (npm run alert-inbox): e-mail over SMTP on 2525, the signed
# webhook on 4000 (scripts/demo-config.ts gives Åsnes that webhook).
export HERALD_SMTP_URL=${HERALD_SMTP_URL:-smtp://127.0.0.1:2525}
export HERALD_ALERT_SECRET_ASNES=${HERALD_ALERT_SECRET_ASNES:-demo-alert-secret-not-for-production}
export HERALD_ALERT_WATCH_MS=${HERALD_ALERT_WATCH_MS:-5000}
# The deployment operator's key, fresh each start: it alone opens the queue dashboard (/admin/queues),
# which shows every municipality's jobs.
export HERALD_OPERATOR_KEY=${HERALD_OPERATOR_KEY:-$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))")}
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
  echo "COMMS=$(npm run keys -- create --tenant asnes --role communications --name 'Ola Hansen (kommunikasjon)' --email ola.hansen@asnes.example)"
  echo "APPROVER=$(npm run keys -- create --tenant asnes --role communications --name 'Ingrid Berg (kommunikasjon)')"
  echo "ARCHIVIST=$(npm run keys -- create --tenant asnes --role archivist --name 'Per Olsen (arkiv)')"
  echo "ADMIN=$(npm run keys -- create --tenant asnes --role admin --name 'Admin Åsnes')"
  echo "# The operator's key (HERALD_OPERATOR_KEY): the queue dashboard, /admin/queues"
  echo "OPERATOR=$HERALD_OPERATOR_KEY"
} > "$keys_file"

# Web app accounts (sign in at /app): a fresh password each start, printed below and kept in a file.
accounts_file="$HERALD_DATA_DIR/demo-accounts.txt"
demo_account() { # e-mail role name
  local password
  password=$(npm run --silent users -- create --tenant asnes --role "$2" --name "$3" --email "$1" 2>/dev/null) \
    || password=$(npm run --silent users -- set-password --tenant asnes --email "$1")
  printf '  %-32s %-18s %s (%s)\n' "$1" "$password" "$3" "$2"
}
{
  echo "# Demo web accounts for Åsnes kommune (e-mail, password, who), created $(date -u +%FT%TZ)"
  demo_account kari.nordmann@asnes.example hr 'Kari Nordmann'
  demo_account ola.hansen@asnes.example communications 'Ola Hansen'
  demo_account ingrid.berg@asnes.example communications 'Ingrid Berg'
  demo_account per.olsen@asnes.example archivist 'Per Olsen'
  demo_account admin@asnes.example admin 'Anne Admin'
} > "$accounts_file"
chmod 600 "$accounts_file" "$keys_file"

cat <<MSG

Herald is starting on http://$HOST:$PORT  (web app: /app, API docs: /docs, public pages: /public/asnes/)
Sign in to the web app at http://$HOST:$PORT/app with one of these demo accounts (also in $accounts_file):
$(grep -v '^#' "$accounts_file")

Demoavisa takes bookings for today's issue until $demo_deadline (Oslo time); a newspaper notice sent
before then is delivered at $demo_deadline into $HERALD_DATA_DIR/newspapers/asnes/demoavisa/<date>/
Demo keys (also in $keys_file; load them with: source $keys_file):
$(grep -v '^#' "$keys_file")

MSG

pids=()
npm run --silent alert-inbox &
pids+=($!)
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
