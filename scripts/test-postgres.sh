#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for ReviewBot's tests (and for trying `serve` on PostgreSQL), never the system service:
#   eval "$(scripts/test-postgres.sh start)"   # initdb + pg_ctl in a temp folder, on a free local port; prints exports
#   dotnet test                                # the PostgreSQL tests read REVIEWBOT_TEST_POSTGRES
#   scripts/test-postgres.sh stop              # stops the cluster and deletes its folder
#   scripts/test-postgres.sh pause|resume      # stops it and starts it again on the same folder and port
# REVIEWBOT_TEST_POSTGRES_STATE names the file that remembers the cluster (one cluster per file).
# REVIEWBOT_TEST_POSTGRES_FSYNC=on makes commits durable as in production (benchmarks); tests run with fsync off.
# Installs Debian's postgresql package first when no initdb is on the machine (as root). Run as root, the cluster
# runs as the package's postgres user, since PostgreSQL refuses to run as root.
set -euo pipefail

find_bin() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 0  # none: the caller installs the package
}

install_postgres() {
  [ "$(id -u)" = 0 ] || { echo "test-postgres: no PostgreSQL here; install Debian's postgresql package (as root: apt-get install -y postgresql)" >&2; exit 1; }
  echo "test-postgres: installing Debian's postgresql package" >&2
  # The package would start the system's own cluster; this script wants none of it.
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [ -e "$policy" ] && had_policy=1
  [ "$had_policy" = 1 ] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  [ "$had_policy" = 1 ] || rm -f "$policy"
}

# From /: the postgres user may not enter the caller's folder.
as_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "test-postgres: no free port found" >&2; exit 1
}

fsync() { [ "${REVIEWBOT_TEST_POSTGRES_FSYNC:-off}" = on ] && echo on || echo off; }

state_file() { echo "${REVIEWBOT_TEST_POSTGRES_STATE:-${TMPDIR:-/tmp}/reviewbot-test-postgres.state}"; }

start() {
  local bin; bin=$(find_bin)
  if [ -z "$bin" ]; then install_postgres; bin=$(find_bin); fi
  [ -n "$bin" ] || { echo "test-postgres: initdb not found after installing postgresql" >&2; exit 1; }
  local dir; dir=$(mktemp -d "${TMPDIR:-/tmp}/reviewbot-pg.XXXXXX")
  chmod 755 "$dir"
  local password; password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
  printf '%s\n' "$password" >"$dir/pwfile"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U reviewbot --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  local port; port=$(free_port)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=$(fsync)" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  printf '%s\n%s\n%s\n' "$dir" "$bin" "$port" >"$(state_file)"
  echo "export REVIEWBOT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=reviewbot;Password=$password;Database=postgres'"
  echo "export REVIEWBOT_TEST_PGCTL='$bin/pg_ctl'"
  echo "export REVIEWBOT_TEST_PGDATA='$dir/data'"
}

# Stops the server and starts it again on the same folder and port: a database restart, for the fault tests.
pause() {
  local state; state=$(state_file)
  as_owner "$(sed -n 2p "$state")/pg_ctl" -D "$(sed -n 1p "$state")/data" -m fast -w stop >&2
}

resume() {
  local state dir; state=$(state_file); dir=$(sed -n 1p "$state")
  as_owner "$(sed -n 2p "$state")/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $(sed -n 3p "$state") -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=$(fsync)" start >&2
}

stop() {
  local state; state=$(state_file)
  [ -f "$state" ] || { echo "test-postgres: no cluster started by this script" >&2; return 0; }
  local dir bin
  dir=$(sed -n 1p "$state"); bin=$(sed -n 2p "$state")
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir" "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  pause) pause ;;
  resume) resume ;;
  *) echo "usage: scripts/test-postgres.sh start|stop|pause|resume" >&2; exit 2 ;;
esac
