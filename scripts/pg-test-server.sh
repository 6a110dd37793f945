#!/usr/bin/env bash
# A throwaway PostgreSQL server for the integration tests.
#
#   scripts/pg-test-server.sh start <dir> [port]
#       Creates a cluster in <dir>/data (initdb, trust auth, no locale, UTF8),
#       starts it on 127.0.0.1:<port> (a free port if none is given, unix
#       socket in <dir>), tuned for speed over durability (fsync, full page
#       writes and synchronous commit off), creates the database
#       `identity_test` and prints its URL on stdout, alone:
#           postgres://postgres@127.0.0.1:PORT/identity_test
#       Everything else goes to stderr. The server log is <dir>/postgres.log.
#   scripts/pg-test-server.sh stop <dir>
#       Stops that server (immediate shutdown: the data is thrown away anyway).
#       Does nothing if no server runs there. Does not delete <dir>.
#
# PG_TEST_SERVER_SETTINGS: extra postgresql.conf lines (e.g. "shared_buffers = 4GB"),
# appended after the defaults above (which they override); none by default.
#
# The binaries are found with `pg_config --bindir`, else in the newest
# /usr/lib/postgresql/*/bin, else on PATH; PG_BINDIR overrides.
# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# `postgres` user (or `nobody` if there is none) and every server command
# runs as that user.
#
# Exit codes: 0 ok, 2 usage, 3 PostgreSQL binaries not found, 1 other errors.
set -euo pipefail

DB_NAME=identity_test
SUPERUSER=postgres

log() { printf 'pg-test-server: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { echo "usage: $0 start|stop <dir> [port]" >&2; exit 2; }

find_bindir() {
  local dir
  if [[ -n "${PG_BINDIR:-}" ]]; then
    [[ -x "$PG_BINDIR/initdb" ]] && { echo "$PG_BINDIR"; return 0; }
    log "PG_BINDIR=$PG_BINDIR has no initdb"
    return 1
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    [[ -n "$dir" && -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  fi
  # Debian/Ubuntu keep the server binaries out of PATH, one dir per version.
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$dir" && -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

# The unprivileged user that owns the cluster when we are root.
pick_user() {
  if id -u postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

# as_user USER CMD...: run CMD as USER (directly when that is us).
as_user() {
  local user=$1; shift
  if [[ "$(id -un)" == "$user" ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

# shellcheck source=scripts/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

cmd_start() {
  local dir=$1 wanted_port=${2:-}
  local bindir user port attempt data
  if ! bindir=$(find_bindir); then
    log "error: PostgreSQL server binaries (initdb, pg_ctl) not found."
    log "Install them, e.g. on Debian/Ubuntu: apt-get install postgresql"
    exit 3
  fi

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  data="$dir/data"
  [[ -e "$data" ]] && die "$data already exists; use an empty directory"

  if [[ $(id -u) -eq 0 ]]; then
    user=$(pick_user)
    chown "$user" "$dir"
    chmod 700 "$dir"
    # The user must be able to reach the directory.
    as_user "$user" test -w "$dir" ||
      die "$dir is not reachable by user '$user' (is a parent directory private?)"
  else
    user=$(id -un)
  fi
  cd "$dir" # initdb and postgres as another user must not start in an unreadable cwd

  log "initdb in $data as $user ($bindir)"
  as_user "$user" "$bindir/initdb" -D "$data" -U "$SUPERUSER" --auth=trust \
    --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  for attempt in 1 2 3 4 5; do
    if [[ -n "$wanted_port" ]]; then
      port=$wanted_port
    else
      port=$(random_free_port) || die "no free TCP port found"
    fi
    as_user "$user" tee "$data/postgresql.auto.conf" >/dev/null <<EOF
# written by scripts/pg-test-server.sh: a throwaway test server
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_connections = 100
log_min_messages = warning
EOF
    if [[ -n "${PG_TEST_SERVER_SETTINGS:-}" ]]; then
      printf '# PG_TEST_SERVER_SETTINGS\n%s\n' "$PG_TEST_SERVER_SETTINGS" | as_user "$user" tee -a "$data/postgresql.auto.conf" >/dev/null
    fi
    if as_user "$user" "$bindir/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 -s start >&2; then
      break
    fi
    if [[ -z "$wanted_port" ]] && grep -qi 'could not bind\|address already in use' "$dir/postgres.log" 2>/dev/null; then
      log "port $port was taken, trying another"
      continue
    fi
    tail -n 20 "$dir/postgres.log" >&2 || true
    die "PostgreSQL did not start (log: $dir/postgres.log)"
  done
  echo "$port" >"$dir/port"

  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DB_NAME" ||
    die "createdb $DB_NAME failed"
  log "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') ready on 127.0.0.1:$port"
  echo "postgres://$SUPERUSER@127.0.0.1:$port/$DB_NAME"
}

cmd_stop() {
  local dir=$1 data owner bindir
  data="$dir/data"
  if [[ ! -f "$data/postmaster.pid" ]]; then
    log "no server running in $dir"
    return 0
  fi
  bindir=$(find_bindir) || die "PostgreSQL binaries not found, cannot stop the server in $dir"
  owner=$(stat -c %U "$data")
  cd "$dir"
  if ! as_user "$owner" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "no server running in $dir"
    return 0
  fi
  if as_user "$owner" "$bindir/pg_ctl" -D "$data" -m immediate -w -t 30 -s stop >&2; then
    log "stopped the server in $dir"
  else
    die "could not stop the server in $dir"
  fi
}

[[ $# -ge 2 ]] || usage
case "$1" in
  start) cmd_start "$2" "${3:-}" ;;
  stop) cmd_stop "$2" ;;
  *) usage ;;
esac
