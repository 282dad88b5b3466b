#!/usr/bin/env bash
# make bench's PostgreSQL server (issue 19: a PostgreSQL figure beside each SQLite one). Unlike pg.sh's
# throwaway test servers it keeps its data folder between runs, holding the 100,000-company district that
# make bench keeps as a SQLite file (BENCH_DB): copying it onto the server takes minutes, so that is done once,
# and again only when the file changes.
#
#   tools/pgtest/benchpg.sh start DIR DB SCITECH   starts the server in DIR (made the first time), copies the
#                                                  district of the file DB into its database bench100k with
#                                                  the program SCITECH (`migrate`) unless it holds it already,
#                                                  brings its schema up to the program's (`server upgrade`),
#                                                  and prints the database's URL:
#                                                  postgres://postgres@/bench100k?host=DIR
#   tools/pgtest/benchpg.sh stop DIR               stops it; the data folder stays for the next run
#
# Exit status 3 (with a message) when no PostgreSQL 15 or later is installed: make bench then prints the
# SQLite figures alone.
#
# The server is set up like a modest office server, not like the tests' (no fsync there, 32 MB of buffers):
# it writes durably (fsync, synchronous_commit and full_page_writes at their defaults, on), with memory for a
# small office machine of 4 to 8 GB that does little else — shared_buffers 1 GB, effective_cache_size 3 GB,
# work_mem 16 MB, maintenance_work_mem 256 MB — random_page_cost 1.1 for an SSD, and everything else at
# PostgreSQL's defaults (JIT included). The clients reach it through a unix socket in DIR (no TCP port: nothing
# to clash with, nothing reachable from outside), so the network's round trips of a real office are not in the
# figures. After the copy the district is vacuumed and analysed, as autovacuum would have done by the time
# an office works on it.
set -euo pipefail

# bindir prints the newest /usr/lib/postgresql/N/bin with N >= 15 (Debian's layout), or nothing.
bindir() {
  local d v best="" bestv=0
  for d in /usr/lib/postgresql/*/bin; do
    v=$(basename "$(dirname "$d")")
    [[ "$v" =~ ^[0-9]+$ ]] && [ -x "$d/initdb" ] && [ "$v" -ge 15 ] && [ "$v" -gt "$bestv" ] && { best=$d; bestv=$v; }
  done
  echo "$best"
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# check_dir refuses a folder that is not an absolute path below the root (the script removes its data folder
# when it was made by another version of PostgreSQL).
check_dir() {
  case "$1" in
    *..* | /) echo "benchpg.sh: $1: give the bench server an absolute folder of its own" >&2; exit 2 ;;
    /?*) ;;
    *) echo "benchpg.sh: $1: give the bench server an absolute folder of its own" >&2; exit 2 ;;
  esac
}

start() {
  local dir=${1:?usage: benchpg.sh start DIR DB SCITECH} db=${2:?} scitech=${3:?}
  check_dir "$dir"
  local bin
  bin=$(bindir)
  if [ -z "$bin" ]; then
    echo "benchpg.sh: no PostgreSQL 15 or later under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 3
  fi
  local data=$dir/data
  if [ ! -s "$data/PG_VERSION" ] || [ "$(cat "$data/PG_VERSION")" != "$(basename "$(dirname "$bin")")" ]; then
    rm -rf "$data"
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    echo "benchpg.sh: a new bench server in $dir" >&2
    if ! as_server_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        --no-instructions >"$dir/initdb.log" 2>&1; then
      echo "benchpg.sh: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1
    fi
  fi
  if ! as_server_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    if ! as_server_user "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 120 -o "-k $dir \
        -c listen_addresses= -c max_connections=50 -c shared_buffers=1GB -c effective_cache_size=3GB \
        -c work_mem=16MB -c maintenance_work_mem=256MB -c random_page_cost=1.1" start >/dev/null; then
      echo "benchpg.sh: the bench server did not start:" >&2; tail -20 "$dir/server.log" >&2; exit 1
    fi
  fi
  local admin="postgres://postgres@/postgres?host=$dir" url="postgres://postgres@/bench100k?host=$dir"
  # The district is the file's when the stamp written after its last copy names the file as it is now.
  local stamp
  stamp="$(realpath "$db") $(stat -c '%s %Y' "$db")"
  if [ "$(cat "$dir/bench100k.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "benchpg.sh: copying the district of $db onto the bench server (a few minutes, once)" >&2
    rm -f "$dir/bench100k.stamp"
    psql "$bin" "$admin" -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS bench100k WITH (FORCE)' -c 'CREATE DATABASE bench100k' >/dev/null
    "$scitech" migrate --from "$db" --to "$url" >&2
    psql "$bin" "$url" -c 'VACUUM ANALYZE' >/dev/null
    echo "$stamp" >"$dir/bench100k.stamp"
  fi
  "$scitech" server upgrade "$url" >/dev/null
  echo "$url"
}

psql() {
  local bin=$1; shift
  as_server_user "$bin/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

stop() {
  local dir=${1:?usage: benchpg.sh stop DIR}
  check_dir "$dir"
  local bin
  bin=$(bindir)
  [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ] || return 0
  # fast: the sessions end, the server checkpoints and stops cleanly; the data stays.
  as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: benchpg.sh start DIR DB SCITECH | benchpg.sh stop DIR" >&2; exit 2 ;;
esac
