#!/usr/bin/env bash
# Installs what the tests need into .venv (first run only takes long) and runs
# lint, the data check and the test suite. Usage: ./test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
# the official CITATION.cff schema ships in cffconvert; its own pins (jsonschema<4) would clash, and only the schema file is used
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps cffconvert==2.0.0
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m geo validate
.venv/bin/python -m pytest "$@"
