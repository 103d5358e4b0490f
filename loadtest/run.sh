#!/usr/bin/env bash
# make load: start `make serve` on 127.0.0.1, measure /healthz alone, then mixed traffic.
# Bounded and self-stopping. Settings (environment): USERS (50), DURATION (60s),
# HEALTHZ_DURATION (20s), SPAWN_RATE (10/s), PORT (8765), WEB_CONCURRENCY (2),
# DATABASE_URL (the app's default SQLite file otherwise). Load the data first:
#   flask db upgrade && flask demo-data --scale 10000 && flask recompute-matches --all
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
USERS=${USERS:-50}
DURATION=${DURATION:-60s}
HEALTHZ_DURATION=${HEALTHZ_DURATION:-20s}
SPAWN_RATE=${SPAWN_RATE:-10}
export PORT=${PORT:-8765}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
export FLASK_APP=app
HOST="http://127.0.0.1:${PORT}"
mkdir -p instance
ACCOUNTS=instance/loadtest-accounts.json
SERVER_LOG=instance/loadtest-server.log

PYTHONPATH=. "$BIN/python" loadtest/prepare.py "$ACCOUNTS"

# The access log goes to a file: printing every request would measure the terminal.
GUNICORN_ACCESS_LOG="$SERVER_LOG" "$BIN/gunicorn" -c gunicorn.conf.py >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if curl -fsS "$HOST/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "$HOST/healthz" >/dev/null || { echo "server did not start; see $SERVER_LOG"; exit 1; }
echo "server up at $HOST with $WEB_CONCURRENCY workers ($(
  [ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite))"

echo "--- baseline: /healthz alone, $USERS users, $HEALTHZ_DURATION"
"$BIN/locust" -f loadtest/healthz.py --headless --host "$HOST" -u "$USERS" -r "$SPAWN_RATE" \
  -t "$HEALTHZ_DURATION" --only-summary --stop-timeout 5 2>&1 | grep -E '^healthz:' || true

mixed() {
  LOAD_ACCOUNTS="$ACCOUNTS" LOAD_THINK_SCALE="$1" "$BIN/locust" -f loadtest/locustfile.py \
    --headless --host "$HOST" -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --only-summary \
    --stop-timeout 5 --exit-code-on-error 1 2>&1 | sed -n '/=== load test summary ===/,/^login 429s/p'
}
echo "--- mixed traffic, people reading pages (0.5-2 s between requests): $USERS users, $DURATION"
mixed 1
echo "--- mixed traffic, no pause (capacity, to compare with /healthz): $USERS users, $DURATION"
mixed 0
