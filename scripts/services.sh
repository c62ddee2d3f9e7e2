#!/usr/bin/env bash
# Make sure Redis and PostgreSQL answer where the tests and the app will look:
# TEST_REDIS_URL / TEST_DATABASE_URL (what the test helpers read) if set, else
# REDIS_URL / DATABASE_URL, else redis://127.0.0.1:6379 and
# postgres://postgres@127.0.0.1:5432/test.
#
#   both answer          -> nothing to do (the common path, well under a second)
#   installed, stopped   -> start them (local hosts only)
#   not installed        -> apt-get install them, then start them (needs root)
#
# Also installs the tools the newspaper tests use (poppler-utils, openssh-server) and the XML
# schema validator every Noark 5 export runs (xmllint, libxml2-utils) when missing.
#
# Then wait up to HERALD_SERVICES_WAIT seconds (default 30) for both to answer.
# Used by the README's quick start, by `npm test` and by .ci/run. Progress goes
# to stderr; stdout stays empty.
set -euo pipefail

REDIS_URL=${TEST_REDIS_URL:-${REDIS_URL:-redis://127.0.0.1:6379}}
DATABASE_URL=${TEST_DATABASE_URL:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}}
WAIT_SECONDS=${HERALD_SERVICES_WAIT:-30}
REDIS_DIR=/var/lib/redis
REDIS_LOG=/var/log/redis/herald.log

log() { echo "services: $*" >&2; }
die() { echo "services: error: $*" >&2; exit 1; }

# parse_url URL DEFAULT_PORT -> sets url_user url_host url_port url_path
parse_url() {
  local rest=${1#*://} hostport
  url_path=${rest#*/}; [[ $rest == */* ]] || url_path=
  url_path=${url_path%%\?*}
  hostport=${rest%%/*}; hostport=${hostport%%\?*}
  url_user=
  if [[ $hostport == *@* ]]; then
    url_user=${hostport%@*}; url_user=${url_user%%:*}
    hostport=${hostport##*@}
  fi
  if [[ $hostport == \[* ]]; then            # [::1]:6379
    url_host=${hostport#\[}; url_host=${url_host%%]*}
    url_port=${hostport#*]}; url_port=${url_port#:}
  else
    url_host=${hostport%%:*}
    url_port=${hostport#"$url_host"}; url_port=${url_port#:}
  fi
  url_host=${url_host:-127.0.0.1}
  url_port=${url_port:-$2}
  if [[ ! $url_port =~ ^[0-9]+$ ]] || ((url_port < 1 || url_port > 65535)); then
    die "bad port '$url_port' in $1"
  fi
}

parse_url "$REDIS_URL" 6379
redis_host=$url_host redis_port=$url_port
parse_url "$DATABASE_URL" 5432
pg_host=$url_host pg_port=$url_port pg_user=${url_user:-postgres} pg_db=${url_path:-test}

is_local() { [[ $1 == localhost || $1 == 127.* || $1 == ::1 ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

# tcp_open HOST PORT: something accepts TCP connections there.
tcp_open() { timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# redis_reply HOST PORT: the first line Redis sends back to PING (empty if none).
redis_reply() {
  if have redis-cli; then
    timeout 3 redis-cli -h "$1" -p "$2" ping 2>/dev/null | head -n 1 || true
  else
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "PING\r\n" >&3 && IFS= read -r -t 1 l <&3 && echo "$l"' \
      "$1" "$2" 2>/dev/null | tr -d '\r' || true
  fi
}

# An authentication error still means Redis is up and answering.
redis_up() {
  case $(redis_reply "$redis_host" "$redis_port") in
    PONG | +PONG | NOAUTH* | -NOAUTH* | "(error) NOAUTH"*) return 0 ;;
    *) return 1 ;;
  esac
}

pg_up() {
  if have pg_isready; then
    pg_isready -q -h "$pg_host" -p "$pg_port" -t 2
  else
    tcp_open "$pg_host" "$pg_port"
  fi
}

# ---- tools the newspaper tests use: poppler-utils (pdffonts, pdftotext, pdfinfo) to check the
# ads, openssh-server (sshd) for the loopback SFTP server; libxml2-utils (xmllint), which validates
# every Noark 5 export against the official XSDs. Installed with apt-get when missing (root).
tools=()
have pdffonts || tools+=(poppler-utils)
have xmllint || tools+=(libxml2-utils)
[[ -x /usr/sbin/sshd ]] || tools+=(openssh-server)
# Debian's Chromium: the web app's browser tests drive it with playwright-core (no browser download).
[[ -x /usr/bin/chromium ]] || tools+=(chromium)
if ((${#tools[@]})); then
  if ((EUID == 0)); then
    log "installing ${tools[*]} with apt-get (log: /tmp/herald-apt-tools.log)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${tools[@]}"; } \
      >/tmp/herald-apt-tools.log 2>&1 || log "apt-get install ${tools[*]} failed; the tests that need them will say what is missing"
  else
    log "${tools[*]} missing: the newspaper and archive tests need them (sudo apt-get install ${tools[*]})"
  fi
fi

redis_ok=false pg_ok=false
redis_up && redis_ok=true
pg_up && pg_ok=true
if $redis_ok && $pg_ok; then
  log "Redis $redis_host:$redis_port and PostgreSQL $pg_host:$pg_port answer"
  exit 0
fi

# ---- something is down: start (or install, then start) what runs on this machine

local_redis=false local_pg=false
! $redis_ok && is_local "$redis_host" && local_redis=true
! $pg_ok && is_local "$pg_host" && local_pg=true
! $redis_ok && ! $local_redis && log "Redis $redis_host:$redis_port is not on this machine; waiting for it"
! $pg_ok && ! $local_pg && log "PostgreSQL $pg_host:$pg_port is not on this machine; waiting for it"

if { $local_redis || $local_pg; } && ((EUID != 0)); then
  down=()
  $local_redis && down+=("Redis on $redis_host:$redis_port")
  $local_pg && down+=("PostgreSQL on $pg_host:$pg_port")
  die "${down[0]}${down[1]:+ and ${down[1]}} not answering, and only root can start or install them.
  Run: sudo bash scripts/services.sh   (or start them yourself, or point REDIS_URL / DATABASE_URL elsewhere)"
fi

# Redis: something else on its port would make redis-server fail to bind.
if $local_redis && tcp_open "$redis_host" "$redis_port"; then
  die "something on $redis_host:$redis_port accepts connections but does not answer Redis PING.
  Stop whatever listens there (ss -ltnp 'sport = :$redis_port') or set REDIS_URL to a free port."
fi

# pg_cluster_for_port PORT -> "VERSION NAME STATUS" of the cluster configured for PORT
pg_cluster_for_port() {
  have pg_lsclusters || return 0
  pg_lsclusters -h 2>/dev/null | awk -v p="$1" '$3 == p { print $1, $2, $4; exit }'
}

packages=()
$local_redis && ! have redis-server && packages+=(redis-server)
$local_pg && ! have pg_ctlcluster && packages+=(postgresql)
if ((${#packages[@]})); then
  apt_log=/tmp/herald-apt.log
  log "installing ${packages[*]} with apt-get (log: $apt_log)"
  apt-get update >"$apt_log" 2>&1 || log "apt-get update failed; trying the package lists already here"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" >>"$apt_log" 2>&1 \
    || die "apt-get install ${packages[*]} failed; see $apt_log:
$(tail -n 5 "$apt_log" | sed 's/^/    /')"
  # The package's own scripts may have started Redis already (PostgreSQL
  # still needs its pg_hba.conf and database checked below).
  if $local_redis && redis_up; then local_redis=false; fi
fi

if $local_redis; then
  log "starting redis-server on $redis_host:$redis_port (log: $REDIS_LOG)"
  mkdir -p "$REDIS_DIR" "${REDIS_LOG%/*}"
  redis_log_from=$(($(stat -c %s "$REDIS_LOG" 2>/dev/null || echo 0) + 1))
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" \
    --save "" --appendonly no --dir "$REDIS_DIR" --logfile "$REDIS_LOG" \
    --pidfile "/run/redis-herald-$redis_port.pid" \
    || die "redis-server refused to start on port $redis_port; see $REDIS_LOG"
fi

pg_touched=false
if $local_pg; then
  cluster=$(pg_cluster_for_port "$pg_port")
  if [[ -z $cluster ]] && [[ -z $(pg_lsclusters -h 2>/dev/null) ]]; then
    version=$(for d in /usr/lib/postgresql/*/bin/postgres; do
      if [[ -e $d ]]; then basename "${d%/bin/postgres}"; fi
    done | sort -V | tail -n 1)
    [[ -n $version ]] || die "PostgreSQL's tools are installed but no server (/usr/lib/postgresql/*/bin/postgres); try: apt-get install postgresql"
    log "no PostgreSQL cluster yet: creating $version/main on port $pg_port"
    pg_createcluster "$version" main --port "$pg_port" --locale C.UTF-8 >/dev/null
    cluster=$(pg_cluster_for_port "$pg_port")
  fi
  [[ -n $cluster ]] || die "no PostgreSQL cluster on this machine is set to port $pg_port:
$(pg_lsclusters 2>&1)
  Set DATABASE_URL to one of those ports, or create one: pg_createcluster <version> main --port $pg_port"
  read -r pg_version pg_name pg_status <<<"$cluster"
  conf=/etc/postgresql/$pg_version/$pg_name

  # Tests connect over TCP on loopback without a password.
  hba=$conf/pg_hba.conf
  if ! grep -Eq '^\s*host\s+all\s+all\s+127\.0\.0\.1/32\s+trust\b' "$hba" \
     || ! grep -Eq '^\s*host\s+all\s+all\s+::1/128\s+trust\b' "$hba"; then
    log "trusting loopback TCP connections in $hba"
    sed -i '1i # Added by Herald scripts/services.sh: tests connect over loopback without a password.\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    if [[ $pg_status == online* ]]; then pg_ctlcluster "$pg_version" "$pg_name" reload; fi
  fi
  listen=$(pg_conftool -s "$pg_version" "$pg_name" show listen_addresses 2>/dev/null || echo localhost)
  if [[ ! $listen =~ (^|[ ,\'])(localhost|127\.0\.0\.1|\*|0\.0\.0\.0)([ ,\']|$) ]]; then
    log "adding localhost to listen_addresses ($listen) of $pg_version/$pg_name"
    pg_conftool "$pg_version" "$pg_name" set listen_addresses "${listen:+$listen,}localhost"
    if [[ $pg_status == online* ]]; then pg_ctlcluster "$pg_version" "$pg_name" restart; fi
  fi

  if [[ $pg_status != online* ]]; then
    log "starting PostgreSQL $pg_version/$pg_name on port $pg_port"
    pg_log=/var/log/postgresql/postgresql-$pg_version-$pg_name.log
    pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_name" start >&2 \
      || die "pg_ctlcluster could not start PostgreSQL $pg_version/$pg_name for $pg_host:$pg_port; see $pg_log:
$(tail -n 5 "$pg_log" 2>/dev/null | sed 's/^/    /')"
  fi
  pg_touched=true
fi

# ---- wait for both to answer

now_us() { echo "${EPOCHREALTIME//[.,]/}"; }
deadline=$(($(now_us) + WAIT_SECONDS * 1000000))
until $redis_ok && $pg_ok; do
  if ! $redis_ok && redis_up; then redis_ok=true; fi
  if ! $pg_ok && pg_up; then pg_ok=true; fi
  $redis_ok && $pg_ok && break
  (($(now_us) < deadline)) || break
  sleep 0.3
done

failed=false
if ! $redis_ok; then
  failed=true
  hint="check REDIS_URL, and that Redis runs there"
  if $local_redis; then
    logged=$(tail -c "+$redis_log_from" "$REDIS_LOG" 2>/dev/null | tail -n 5 | sed 's/^/    /')
    hint="redis-server logged nothing in $REDIS_LOG; try it in the foreground: redis-server --port $redis_port"
    [[ -z $logged ]] || hint="redis-server logged in $REDIS_LOG:
$logged"
  fi
  echo "services: error: Redis did not answer PING at $redis_host:$redis_port within ${WAIT_SECONDS}s; $hint" >&2
fi
if ! $pg_ok; then
  failed=true
  hint="check DATABASE_URL, and that PostgreSQL runs there"
  is_local "$pg_host" && hint="try: pg_lsclusters; tail /var/log/postgresql/postgresql-*.log"
  echo "services: error: PostgreSQL did not answer pg_isready at $pg_host:$pg_port within ${WAIT_SECONDS}s; $hint" >&2
fi
$failed && exit 1

if $pg_touched && have psql; then
  if ! psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -Atqc 'SELECT 1' >/dev/null 2>&1; then
    log "creating database $pg_db"
    createdb -h "$pg_host" -p "$pg_port" -U "$pg_user" "$pg_db" \
      || die "could not create database $pg_db on $pg_host:$pg_port as $pg_user"
  fi
fi
log "Redis $redis_host:$redis_port and PostgreSQL $pg_host:$pg_port answer"
