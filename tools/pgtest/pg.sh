#!/usr/bin/env bash
# A throwaway PostgreSQL server (15 or later) for the tests: make test starts one, runs every test with its URL
# in SCITECH_PG_URL, and stops it whatever happened.
#
#   tools/pgtest/pg.sh start       prints the server's URL: postgres://postgres@/postgres?host=DIR
#   tools/pgtest/pg.sh stop URL    stops that server and removes its folder (DIR alone is taken too)
#
# The server lives in a new folder under /tmp, listens on a unix socket there and on no TCP port
# (nothing to clash with a server of the machine's own, nothing reachable from outside), trusts its local user,
# and neither initdb nor the server waits for the disk (--no-sync, fsync=off): its data is thrown away.
# PostgreSQL refuses to run as root, so as root the server runs as the user postgres (Debian's postgresql
# package makes it); otherwise as the user running make.
set -euo pipefail

# bindir prints the newest /usr/lib/postgresql/N/bin with N >= 15 (Debian's layout).
bindir() {
  local d v best="" bestv=0
  for d in /usr/lib/postgresql/*/bin; do
    v=$(basename "$(dirname "$d")")
    [[ "$v" =~ ^[0-9]+$ ]] && [ -x "$d/initdb" ] && [ "$v" -ge 15 ] && [ "$v" -gt "$bestv" ] && { best=$d; bestv=$v; }
  done
  if [ -z "$best" ]; then
    echo "pg.sh: no PostgreSQL 15 or later under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$best"
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin dir
  bin=$(bindir)
  # /tmp, not $TMPDIR: the user postgres must reach the folder (a TMPDIR under /root it could not), and a
  # socket's path must stay under 108 bytes.
  dir=$(mktemp -d /tmp/scitech-pg.XXXXXX)
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  if ! as_server_user "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
      --no-instructions >"$dir/initdb.log" 2>&1; then
    echo "pg.sh: initdb failed:" >&2; cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1
  fi
  # max_connections: room for the pools of the test binaries that run at once.
  if ! as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-k $dir \
      -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=200 -c shared_buffers=32MB" start >/dev/null; then
    echo "pg.sh: the server did not start:" >&2; tail -20 "$dir/server.log" >&2; rm -rf "$dir"; return 1
  fi
  echo "postgres://postgres@/postgres?host=$dir"
}

stop() {
  local dir=${1:?usage: pg.sh stop URL}
  dir=${dir##*host=}
  dir=${dir%%&*}
  case "$dir" in
    *..* | */*/*/*) echo "pg.sh: $dir is not a folder pg.sh made" >&2; return 1 ;;
    /tmp/scitech-pg.*) ;;
    *) echo "pg.sh: $dir is not a folder pg.sh made" >&2; return 1 ;;
  esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    # immediate: nothing to keep, so no checkpoint to wait for.
    as_server_user "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: pg.sh start | pg.sh stop URL" >&2; exit 2 ;;
esac
