#!/usr/bin/env bash
# The deployment stack without containers: Debian's nginx in front of N
# Streamlit replicas, all on loopback, with the release feed served by nginx.
# The same nginx configuration as docker-compose.yml (deploy/nginx.conf.template).
#
#   deploy/stack.sh start [N]   write the feed, start N replicas (default 2) and nginx
#   deploy/stack.sh roll        rolling restart (a data update): one replica at a time, then the feed
#   deploy/stack.sh stop        stop them, by the process ids recorded at start
#   deploy/stack.sh status      which recorded processes are alive
#
# Settings (environment):
#   STACK_DIR        pid files, logs, rendered nginx.conf, the feed (default /tmp/campaign-stack-$UID)
#   STACK_PORT       nginx's port on 127.0.0.1 (default 8080)
#   APP_PORT         the first replica's port; replica i listens on APP_PORT+i (default 8601)
#   PYTHON           the Python with the project's packages (default .venv/bin/python)
#   NGINX_BIN        the nginx binary (default: nginx on PATH, or /usr/sbin/nginx)
#   FEED_DIR         where `python -m geo release` writes the feed (default $STACK_DIR/feed)
#   FRAME_ANCESTORS  who may embed the page (CSP frame-ancestors; default 'none')
#   PUBLIC_HOST      the address readers use (Streamlit's browser.serverAddress; default 127.0.0.1)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
STACK_DIR="${STACK_DIR:-/tmp/campaign-stack-$(id -u)}"
STACK_PORT="${STACK_PORT:-8080}"
APP_PORT="${APP_PORT:-8601}"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
NGINX_BIN="${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}"
FEED_DIR="${FEED_DIR:-$STACK_DIR/feed}"
FRAME_ANCESTORS="${FRAME_ANCESTORS:-"'none'"}"
PUBLIC_HOST="${PUBLIC_HOST:-127.0.0.1}"

unset NGINX  # nginx itself reads $NGINX (sockets handed over in a binary upgrade)

say() { echo "stack: $*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_healthy() {  # url, seconds
  local deadline=$((SECONDS + $2))
  until "$PYTHON" - "$1" <<'EOF' 2>/dev/null; do
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as reply:
    sys.exit(0 if reply.status == 200 else 1)
EOF
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.5
  done
}

render_nginx() {  # replicas -> $STACK_DIR/nginx.conf, substituting only the NGINX_* names
  local upstreams="" i
  for ((i = 0; i < $1; i++)); do
    upstreams+="server 127.0.0.1:$((APP_PORT + i)) max_fails=1 fail_timeout=10s; "
  done
  NGINX_LISTEN="127.0.0.1:$STACK_PORT" NGINX_UPSTREAMS="$upstreams" NGINX_RESOLVER="" \
  NGINX_FEED_ROOT="$FEED_DIR" NGINX_RUN_DIR="$STACK_DIR/nginx" \
  NGINX_ACCESS_LOG="$STACK_DIR/nginx-access.log" NGINX_ERROR_LOG="$STACK_DIR/nginx-error.log" \
  NGINX_FRAME_ANCESTORS="$FRAME_ANCESTORS" \
  "$PYTHON" - "$REPO/deploy/nginx.conf.template" "$STACK_DIR/nginx.conf" <<'EOF'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
names = set(re.findall(r"\$\{(NGINX_[A-Z_]+)\}", text))
for name in sorted(names):
    text = text.replace("${%s}" % name, os.environ[name])
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
}

start_replica() {  # index
  local port=$((APP_PORT + $1))
  # headless, loopback only, no usage statistics; browser.serverAddress set so
  # Streamlit never looks up this machine's public address on the internet
  (cd "$REPO" && exec "$PYTHON" -m streamlit run dashboard.py \
    --server.headless true --server.address 127.0.0.1 --server.port "$port" \
    --browser.gatherUsageStats false --browser.serverAddress "$PUBLIC_HOST" \
    --browser.serverPort "$STACK_PORT" \
    >>"$STACK_DIR/app-$1.log" 2>&1) &
  echo $! >"$STACK_DIR/app-$1.pid"
}

roll() {  # a rolling restart: one replica at a time, the next once it is healthy
  local file i
  for file in "$STACK_DIR"/app-*.pid; do
    [ -e "$file" ] || { say "not running"; exit 1; }
    i="${file##*/app-}"; i="${i%.pid}"
    stop_pid "$file"
    start_replica "$i"
    if ! wait_healthy "http://127.0.0.1:$((APP_PORT + i))/_stcore/health" 180; then
      say "replica $i did not come back; see $STACK_DIR/app-$i.log"; exit 1
    fi
    say "replica $i restarted"
  done
  (cd "$REPO" && "$PYTHON" -m geo release -o "$FEED_DIR") >&2
}

start() {
  local replicas="${1:-2}" i
  [ -x "$PYTHON" ] || { say "no Python at $PYTHON (run ./run.sh once, or set PYTHON)"; exit 1; }
  [ -x "$NGINX_BIN" ] || { say "no nginx at $NGINX_BIN (apt-get install nginx)"; exit 1; }
  if alive "$STACK_DIR/nginx.pid.stack"; then say "already running in $STACK_DIR; stop it first"; exit 1; fi
  mkdir -p "$STACK_DIR/nginx"
  chmod 755 "$STACK_DIR"  # nginx's workers (nobody, when started as root) read the feed from here
  (cd "$REPO" && "$PYTHON" -m geo release -o "$FEED_DIR") >&2
  for ((i = 0; i < replicas; i++)); do
    start_replica "$i"
  done
  for ((i = 0; i < replicas; i++)); do
    if ! wait_healthy "http://127.0.0.1:$((APP_PORT + i))/_stcore/health" 180; then
      say "replica $i did not become healthy; see $STACK_DIR/app-$i.log"; stop; exit 1
    fi
  done
  render_nginx "$replicas"
  "$NGINX_BIN" -t -q -p "$STACK_DIR/nginx" -e "$STACK_DIR/nginx-error.log" -c "$STACK_DIR/nginx.conf"
  (exec "$NGINX_BIN" -p "$STACK_DIR/nginx" -e "$STACK_DIR/nginx-error.log" -c "$STACK_DIR/nginx.conf" \
    -g 'daemon off;' >>"$STACK_DIR/nginx-error.log" 2>&1) &
  echo $! >"$STACK_DIR/nginx.pid.stack"
  if ! wait_healthy "http://127.0.0.1:$STACK_PORT/_stcore/health" 30; then
    say "nginx did not answer; see $STACK_DIR/nginx-error.log"; stop; exit 1
  fi
  say "$replicas replica(s) behind http://127.0.0.1:$STACK_PORT/ (feed at /feed/latest/); state in $STACK_DIR"
}

stop_pid() {  # pid file: TERM, then KILL after 15 s
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop() {
  local file
  stop_pid "$STACK_DIR/nginx.pid.stack"
  for file in "$STACK_DIR"/app-*.pid; do
    [ -e "$file" ] && stop_pid "$file"
  done
  say "stopped"
}

status() {
  local file
  for file in "$STACK_DIR/nginx.pid.stack" "$STACK_DIR"/app-*.pid; do
    [ -e "$file" ] || continue
    if alive "$file"; then echo "$(basename "$file" | sed 's/\.pid.*//') $(cat "$file") running"; else echo "$(basename "$file" | sed 's/\.pid.*//') $(cat "$file") dead"; fi
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  roll) roll ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [N] | roll | stop | status" >&2; exit 2 ;;
esac
