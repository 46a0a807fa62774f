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
