# The two doors: `make run` and `make test`. Everything else here is a helper they use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12+. .python-version pins 3.13 for pyenv; otherwise take the newest found.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; \
	done)

.PHONY: help run test lint fmt bench load venv messages migrate demo worker check-python clean test-tools

help:
	@echo "make run    - install, migrate, load demo data, start the portal and its worker on http://$(HOST):$(PORT)/"
	@echo "make test   - install what is missing and run the whole suite (lint included)"
	@echo "make bench  - generate a large data set in PostgreSQL and measure pages against the floors"
	@echo "make load   - the portal under load (locust): the highest load the cores hold, then 50 users for 5 minutes"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Python 3.12 or newer is needed (Django 6); found: $$(python3 --version 2>&1)."; \
	  echo "With pyenv: 'pyenv install 3.13' (this directory's .python-version selects 3.13),"; \
	  echo "or install python3.12/python3.13 from your system's packages, or run 'make PYTHON=/path/to/python3.13 ...'."; \
	  exit 1; fi

$(STAMP): pyproject.toml | check-python
	@test -x $(PY) && $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

# The load test's extra (locust), installed only by `make load`: `make test` never pulls it in.
LOAD_STAMP := $(VENV)/.installed-load
$(LOAD_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev,load]"
	@touch $(LOAD_STAMP)

messages: venv
	@DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*' -v0

migrate: venv
	$(PY) manage.py migrate --noinput -v1

demo: migrate
	$(PY) manage.py seed_demo --quiet-logins

run: export DEBUG ?= 1
run: messages demo
	@echo
	@echo "  The portal:   http://$(HOST):$(PORT)/"
	@echo "  API docs:     http://$(HOST):$(PORT)/api/docs/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/"
	@echo "  Database:     $${DATABASE_URL:-SQLite (var/db.sqlite3)}   Broker: $${REDIS_URL:-files in var/broker}"
	@$(PY) manage.py seed_demo | tail -n +2
	@echo "  Mail is printed by the worker below (set EMAIL_HOST for SMTP)."
	@echo
	@trap 'kill 0' EXIT INT TERM; \
	$(VENV)/bin/celery -A engagement worker --beat --loglevel=INFO --pool=solo \
	  --schedule=var/celerybeat-schedule & \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: venv
	$(VENV)/bin/celery -A engagement worker --beat --loglevel=INFO --pool=solo --schedule=var/celerybeat-schedule

test: messages lint test-tools
	$(PY) -m pytest $(PYTEST_ARGS)

# axe-core for the browser accessibility test (tests/core/test_a11y_browser.py), from npm as package-lock.json pins it.
# Without npm the test is skipped with a reason (and fails under REQUIRE_BROWSER).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm is not installed: the axe-core accessibility test will be skipped (Debian: apt-get install npm)."; fi

test-tools: $(AXE)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@DEBUG=1 $(PY) manage.py makemigrations --check --dry-run >/dev/null || { echo "Models changed without a migration: run 'manage.py makemigrations'."; exit 1; }
	@# The layers contract in pyproject.toml: an app importing from an app above it fails here, naming the line.
	$(VENV)/bin/lint-imports --no-cache

fmt: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: messages
	$(PY) -m bench.documents
	$(PY) -m bench $(BENCH_ARGS)

# LOAD_ARGS e.g. "--scale 0.01 --step-seconds 30 --minutes 1"; LOAD_SCALE, LOAD_USERS, LOAD_MINUTES work too.
load: messages $(LOAD_STAMP)
	$(PY) -m bench.load $(LOAD_ARGS)

clean:
	rm -rf var staticfiles .pytest_cache .ruff_cache node_modules
