# Two commands from a fresh clone: `make run` and `make test`. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := app

.PHONY: run test serve lint translations extract-messages clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/activate

translations: $(BIN)/activate
	$(BIN)/pybabel compile --use-fuzzy -d app/translations

run: $(BIN)/activate translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data --skip-if-present
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: $(BIN)/activate translations
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not browser" -q
	@if [ -x /usr/bin/chromium ]; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && \
		$(BIN)/python -m pytest tests/browser -m browser -q -p no:xdist; \
	else \
		echo "Chromium not found at /usr/bin/chromium: browser tests skipped (apt-get install -y chromium)"; \
	fi

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

extract-messages: $(BIN)/activate
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance .pytest_cache

# gunicorn with settings from the environment (gunicorn.conf.py): WEB_CONCURRENCY (2),
# PORT (5000, as `make run`), BIND (127.0.0.1:$PORT), APP_ENV; access log to standard output.
serve: $(BIN)/activate translations
	$(BIN)/flask db upgrade
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

# Locust headless against a fresh `make serve` on 127.0.0.1, bounded and self-stopping:
# USERS (50), DURATION (60s), PORT (8765), DATABASE_URL. See loadtest/run.sh for the data.
.PHONY: load
load: $(BIN)/activate translations
	loadtest/run.sh

# wrk against a fresh `make serve` on 127.0.0.1, bounded and self-stopping: /healthz and the
# main pages with 16 connections, 10 s each; req/s, p50/p99, errors, ratio to /healthz.
# DATABASE_URL (else a throwaway SQLite file), CONNECTIONS, DURATION. See loadtest/bench_web.sh.
.PHONY: bench-web
bench-web: $(BIN)/activate translations
	loadtest/bench_web.sh
