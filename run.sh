#!/usr/bin/env bash
# Installs the dashboard's packages into .venv (first run only takes long) and
# starts it at http://localhost:8501. Usage: ./run.sh [streamlit options]
set -euo pipefail
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
exec .venv/bin/python -m streamlit run dashboard.py "$@"
