#!/usr/bin/env bash
# Install tracegraph with its test tools in .venv, then run ruff, mypy and pytest.
# The same command runs locally and in CI (.ci/run calls it).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'

# OPSIN (systematic chemical names, the 'opsin' extra) needs a Java runtime; on a bare CI
# machine install Debian's when we can, otherwise its tests skip and say why.
if ! command -v java >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing a Java runtime for OPSIN"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) \
        || echo "could not install Java: the OPSIN tests will be skipped"
fi

# == PostgreSQL (issue 8): the store, ingest, extraction and query tests run once per backend.
# Start a throwaway cluster in a temporary folder on a free port (as a non-root user: the server
# refuses root), point the tests at it with TRACEGRAPH_TEST_PG_URL, and stop it on exit.
# Set TRACEGRAPH_TEST_PG_URL yourself to use a running server instead; TRACEGRAPH_NO_PG=1 skips.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "${TRACEGRAPH_TEST_PG_URL:-}" ] && [ -z "${TRACEGRAPH_NO_PG:-}" ]; then
    if [ -z "$(pg_bin)" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== installing PostgreSQL"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
            || echo "could not install PostgreSQL: the PostgreSQL tests will be skipped"
    fi
    PG_BIN=$(pg_bin)
    if [ -n "$PG_BIN" ]; then
        PG_DIR=$(mktemp -d)
        PG_PORT=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
        [ "$(id -u)" = 0 ] && chown nobody "$PG_DIR"
        stop_pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
        trap stop_pg EXIT
        echo "== starting a throwaway PostgreSQL on port $PG_PORT"
        as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR \
            -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
        export TRACEGRAPH_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
    else
        echo "no PostgreSQL found: the PostgreSQL tests will be skipped"
    fi
fi

# Web UI browser tests (tests/web): Debian's Chromium, driven by Playwright with its executable
# path (never a browser download), and a CJK font so Chinese pages render. Installed when missing
# and we are root; otherwise those tests skip and say why.
if { ! [ -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; } \
        && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Chromium and CJK fonts for the web UI tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium fonts-noto-cjk fonts-liberation >/dev/null) \
        || echo "could not install Chromium: the browser tests will be skipped"
fi

echo "== ruff"
.venv/bin/ruff check src tests bench
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
