#!/usr/bin/env bash
# Installs what the benchmark needs (as ./test.sh does) and runs it:
# ours against the naive baseline at 1e3..1e6 events, server side and in Chromium.
# Usage: ./bench.sh [--sizes 1000 100000] [--no-browser]
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
exec .venv/bin/python -m benchmarks.run "$@"
