#!/usr/bin/env bash
# A throwaway Redis server for the integration tests (the Redis variants of the
# key-value and OIDC artefact stores, and the platform with REDIS_URL).
#
#   scripts/redis-test-server.sh start <dir> [port]
#       Starts redis-server on 127.0.0.1:<port> (a free port if none is given),
#       in memory only (no snapshots, no append-only file), daemonized, its pid
#       file and log in <dir>, and prints its URL on stdout, alone:
#           redis://127.0.0.1:PORT
#       Everything else goes to stderr.
#   scripts/redis-test-server.sh stop <dir>
#       Stops that server (its data is thrown away). Does nothing if no server
#       runs there. Does not delete <dir>.
#
# Exit codes: 0 ok, 2 usage, 3 redis-server not found, 1 other errors.
set -euo pipefail

log() { printf 'redis-test-server: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { echo "usage: $0 start|stop <dir> [port]" >&2; exit 2; }

# shellcheck source=scripts/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

# PING over plain TCP (no redis-cli needed): true once the server answers PONG.
answers() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 2 reply <&3 || reply=""
  exec 3>&-
  [[ "$reply" == "+PONG"* ]]
}

cmd_start() {
  local dir=$1 wanted_port=${2:-}
  local server port attempt i
  if ! server=$(command -v redis-server); then
    log "error: redis-server not found."
    log "Install it, e.g. on Debian/Ubuntu: apt-get install redis-server"
    exit 3
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  [[ -f "$dir/redis.pid" ]] && die "$dir/redis.pid exists; use an empty directory"

  for attempt in 1 2 3 4 5; do
    if [[ -n "$wanted_port" ]]; then
      port=$wanted_port
    else
      port=$(random_free_port) || die "no free TCP port found"
    fi
    if port_in_use "$port"; then
      [[ -n "$wanted_port" ]] && die "port $port is already in use"
      continue
    fi
    : >"$dir/redis.log"
    "$server" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2 ||
      die "redis-server did not start (log: $dir/redis.log)"
    for i in $(seq 1 50); do
      # Ours answering (not another server that took the port meanwhile): its pid file names a live process.
      if answers "$port" 2>/dev/null && [[ -f "$dir/redis.pid" ]] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
        echo "$port" >"$dir/port"
        log "Redis $("$server" --version | awk '{print $3}' | sed 's/^v=//') ready on 127.0.0.1:$port"
        echo "redis://127.0.0.1:$port"
        return 0
      fi
      # Daemonized: it may have died on a taken port after forking.
      if grep -qi 'address already in use' "$dir/redis.log" 2>/dev/null; then break; fi
      sleep 0.1
    done
    cmd_stop "$dir" >/dev/null 2>&1 || true
    rm -f "$dir/redis.pid"
    if [[ -z "$wanted_port" ]] && grep -qi 'address already in use' "$dir/redis.log" 2>/dev/null; then
      log "port $port was taken, trying another"
      continue
    fi
    tail -n 20 "$dir/redis.log" >&2 || true
    die "Redis did not answer on 127.0.0.1:$port (log: $dir/redis.log)"
  done
  die "no port found for Redis"
}

cmd_stop() {
  local dir=$1 pid i
  if [[ ! -f "$dir/redis.pid" ]]; then
    log "no server running in $dir"
    return 0
  fi
  pid=$(cat "$dir/redis.pid")
  if [[ ! "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    log "no server running in $dir"
    rm -f "$dir/redis.pid"
    return 0
  fi
  # Only a redis-server of ours: the pid file may be stale and the number reused.
  if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != redis-server* ]]; then
    log "pid $pid in $dir/redis.pid is not a redis-server; not stopping it"
    rm -f "$dir/redis.pid"
    return 0
  fi
  kill "$pid"
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { log "stopped the server in $dir"; rm -f "$dir/redis.pid"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/redis.pid"
  log "killed the server in $dir"
}

[[ $# -ge 2 ]] || usage
case "$1" in
  start) cmd_start "$2" "${3:-}" ;;
  stop) cmd_stop "$2" ;;
  *) usage ;;
esac
