#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store's contract tests (tests/recommender/test_store.py).
#
#   tests/setup_postgres.sh install       Debian's postgresql package, when initdb is missing
#   tests/setup_postgres.sh start [DIR]   install if needed, then initdb + start a server whose
#                                         data, socket and log live in DIR (default: a new temp
#                                         dir); prints PGDIR=... and DATABASE_URL=... lines
#   tests/setup_postgres.sh stop DIR      stop that server and remove DIR
#
# The server listens on 127.0.0.1 only, on the first free port from $PGPORT_FIRST (55432),
# with trust authentication and no fsync: it holds test data and is deleted afterwards.
# initdb refuses to run as root, so as root the server runs as the `postgres` user.
# Exit status 3 means PostgreSQL is not installed and could not be installed.
set -euo pipefail

DB=assistant_test
DB_USER=assistant
SPEED="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"  # test data: durability not needed

bindir() {
  # Debian keeps the server binaries out of PATH, one folder per major version (the client
  # packages make such folders too, without initdb): the newest with a server wins.
  local dir found=""
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && found=$dir
  done
  if [ -z "$found" ] && command -v initdb >/dev/null 2>&1; then
    found=$(dirname "$(readlink -f "$(command -v initdb)")")
  fi
  [ -n "$found" ] && echo "$found"
}

install() {
  if bindir >/dev/null; then
    echo "postgresql already installed ($(bindir))"
    return
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  echo "installing postgresql"
  if ! { "${sudo[@]}" apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
    echo "could not install postgresql (apt-get failed)" >&2
    exit 3
  fi
  bindir >/dev/null || { echo "postgresql installed but initdb not found" >&2; exit 3; }
}

# Run a server binary as the owner of the data: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  install >&2
  local bin dir port
  bin=$(bindir)
  dir=${1:-$(mktemp -d /tmp/assistant-pg.XXXXXX)}  # short: the socket path must fit 107 bytes
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  chmod 700 "$dir"
  cd /  # the postgres user may not be allowed into the caller's folder
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  port=${PGPORT_FIRST:-55432}
  for _ in $(seq 1 50); do
    # Another server may take the port between the check and the start: then try the next.
    if port_free "$port" && as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $SPEED" >/dev/null; then
      break
    fi
    port=$((port + 1))
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { cat "$dir/server.log" >&2; exit 1; }
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_USER'"
  "${psql[@]}" -c "CREATE DATABASE $DB OWNER $DB_USER"
  echo "PGDIR=$dir"
  echo "DATABASE_URL=postgresql+psycopg://$DB_USER:$DB_USER@127.0.0.1:$port/$DB"
}

stop() {
  local dir=${1:?usage: setup_postgres.sh stop DIR}
  [ -f "$dir/initdb.log" ] || { echo "$dir was not made by setup_postgres.sh start" >&2; exit 2; }
  cd /
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 install | start [DIR] | stop DIR" >&2; exit 2 ;;
esac
