#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 (Debian's) on 127.0.0.1:${PGTEST_PORT:-54329} with trust auth,
# installing it from apt when missing, and prints the TEST_DATABASE_URL for it.
set -euo pipefail
PORT="${PGTEST_PORT:-54329}"
DIR="${PGTEST_DIR:-/tmp/salesagent-pg15}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | head -n1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing postgresql from apt" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | head -n1)"
  else
    echo "PostgreSQL is not installed; run: sudo apt-get install -y postgresql-15" >&2
    exit 1
  fi
fi
RUNAS=()
if [ "$(id -u)" = "0" ]; then RUNAS=(su postgres -s /bin/bash -c); fi
run() { if [ ${#RUNAS[@]} -gt 0 ]; then "${RUNAS[@]}" "$*"; else bash -c "$*"; fi; }
if ! "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
  run "$BIN/initdb -D $DIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  run "$BIN/pg_ctl -D $DIR/data -l $DIR/log -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' -w start >/dev/null"
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
