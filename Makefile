# Rescue & Restore — the two commands a newcomer needs are `make run` and `make test`.
# `make` or `make help` lists every target.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PYTHON) manage.py
# Python 3.13 from pyenv (see .python-version); plain python3 here is 3.11.
PYTHON_313 := $(shell command -v pyenv >/dev/null 2>&1 && pyenv which python 2>/dev/null || command -v python3.13)

# Production-like variables for `check --deploy` (placeholders, not secrets).
DEPLOY_CHECK_ENV := DJANGO_ENV=production \
	DJANGO_SECRET_KEY=deploy-check-placeholder-key-that-is-long-enough-0123456789abcdef \
	DJANGO_ALLOWED_HOSTS=rescue-restore.example.gov \
	DATABASE_URL=postgres://rescue_restore@localhost:5432/rescue_restore \
	REDIS_URL=redis://127.0.0.1:6379/0 \
	SITE_URL=https://rescue-restore.example.gov \
	EMAIL_PROVIDER=postmark POSTMARK_SERVER_TOKEN=placeholder ANYMAIL_WEBHOOK_SECRET=user:placeholder \
	STAFF_NOTIFY_EMAILS=division@rescue-restore.example.gov

.PHONY: help setup run test lint format worker clean bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt .python-version
	@test -n "$(PYTHON_313)" || { echo "Python 3.13 not found: install it with pyenv (pyenv install 3.13)"; exit 1; }
	$(PYTHON_313) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build/.built: node_modules/.installed bin/build-assets $(shell find static -type f)
	bin/build-assets
	touch $@

/usr/bin/chromium:
	# Debian's Chromium, only for the browser tests (Playwright never downloads one).
	apt-get install -y chromium || sudo apt-get install -y chromium

setup: $(VENV)/.installed build/.built ## Install Python and npm packages, build assets, migrate, load demo content
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

run: setup ## Set up, then serve the site on http://127.0.0.1:8000 (tasks run immediately)
	DJANGO_DEBUG=true $(MANAGE) runserver 127.0.0.1:8000

worker: setup ## Run the background task worker (production-style TASKS_BACKEND=database)
	TASKS_BACKEND=database $(MANAGE) db_worker --queue-name default,mail,bulletins

lint: $(VENV)/.installed ## ruff (lint and format check) and djlint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --check --lint templates */templates

format: $(VENV)/.installed ## Reformat Python and templates in place
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint --reformat templates */templates

test: setup /usr/bin/chromium lint ## Lint, check migrations and deploy settings, run the suite on SQLite (and PostgreSQL if TEST_DATABASE_URL is set)
	$(MANAGE) makemigrations --check --dry-run
	env $(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING
	$(VENV)/bin/pytest -n 2 --dist loadfile
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== Running the suite again on PostgreSQL ($$TEST_DATABASE_URL)"; \
		DATABASE_URL="$$TEST_DATABASE_URL" $(VENV)/bin/pytest -n 2 --dist loadfile; \
	else \
		echo "== TEST_DATABASE_URL is not set: skipped the PostgreSQL run"; \
	fi

clean: ## Remove built assets, the virtualenv and node_modules (keeps var/)
	rm -rf build $(VENV) node_modules

bench: setup ## Benchmark the site as production runs it (gunicorn, PostgreSQL, Redis) and print ratios to a static file
	$(PYTHON) bench/run.py $(BENCH_ARGS)
