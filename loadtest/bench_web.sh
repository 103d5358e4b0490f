#!/usr/bin/env bash
# make bench-web: requests per second of the main pages, against `make serve` on 127.0.0.1.
# Bounded and self-stopping. Needs wrk (Debian: apt-get install -y wrk).
# Settings (environment): DATABASE_URL (default: a throwaway SQLite file,
# instance/bench-web.db), BENCH_SCALE (10000 startups), BENCH_RELOAD=1 (start the SQLite
# file afresh), CONNECTIONS (16), DURATION (10s per page), PORT (8766), WEB_CONCURRENCY (2).
# The data is loaded once: the demo set, `flask demo-data --scale N`, then
# `flask recompute-matches --all` (as loadtest/run.sh); a database that has it is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export PORT=${PORT:-8766}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
export FLASK_APP=app
# The token limit protects the API from clients, not from its own benchmark.
export API_TOKEN_RATE_LIMIT=${API_TOKEN_RATE_LIMIT:-1000000 per minute}
SCALE=${BENCH_SCALE:-10000}
HOST="http://127.0.0.1:${PORT}"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk"; exit 1; }
mkdir -p instance
if [ -z "${DATABASE_URL:-}" ]; then
  [ "${BENCH_RELOAD:-0}" = 1 ] && rm -f instance/bench-web.db instance/bench-web.db-wal instance/bench-web.db-shm
  export DATABASE_URL="sqlite:///$PWD/instance/bench-web.db"
fi
SERVER_LOG=instance/bench-web-server.log

"$BIN/flask" db upgrade >/dev/null
if ! PYTHONPATH=. "$BIN/python" loadtest/bench_web.py data-present; then
  echo "--- loading the demo data and $SCALE startups (minutes)"
  "$BIN/flask" demo-data --skip-if-present >/dev/null
  "$BIN/flask" demo-data --scale "$SCALE"
  "$BIN/flask" recompute-matches --all
fi

# make serve in its own process group, so that the trap stops gunicorn and its workers.
GUNICORN_ACCESS_LOG=/dev/null setsid make --no-print-directory serve >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
trap 'kill -- -"$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "$HOST/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "$HOST/healthz" >/dev/null || { echo "server did not start; see $SERVER_LOG"; exit 1; }
case "$DATABASE_URL" in postgres*) kind=PostgreSQL ;; *) kind=SQLite ;; esac
echo "--- $kind, make serve with $WEB_CONCURRENCY workers at $HOST ($(git rev-parse --short HEAD))"
PYTHONPATH=. "$BIN/python" loadtest/bench_web.py run "$HOST"
