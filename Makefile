# Recovery Navigator — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python -m recoverynav
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is a local development server: debug pages on, only this machine may connect.
RUN_ENV := DEBUG=1 ALLOWED_HOSTS=127.0.0.1,localhost

.PHONY: run test audit lint format bench messages install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp files make a second `make run` skip the install when pyproject.toml is unchanged.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(MANAGE) compile_translations
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) load_demo_data
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

test: install-dev
	$(MANAGE) compile_translations
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# Static security checks: bandit (medium severity and up) on our code, findings reviewed and
# explained in docs/quality.md kept in .ci/bandit-baseline.json; pip-audit on the
# dependencies (reports "NOT AUDITED" instead of failing when it has no network).
audit: install-dev
	$(BIN)/bandit --quiet --recursive recoverynav bench --exclude '*/tests/*' --severity-level medium --baseline .ci/bandit-baseline.json
	$(BIN)/python .ci/pip_audit.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract the catalogs (needs GNU gettext); compiling them does not.
messages: install-dev
	cd recoverynav && for app in */locale; do (cd $${app%/locale} && ../../$(BIN)/python -P -m recoverynav makemessages -l es --no-obsolete); done

# Not part of CI's pass/fail: prints figures and writes bench/results.json. The HTTP benchmark
# needs wrk (Debian package); it is installed here when missing and we are root.
bench: install-dev
	$(MANAGE) compile_translations
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || echo "wrk not installed: the HTTP benchmark will be skipped"
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var staticfiles staticfiles-manifest .pytest_cache .ruff_cache
