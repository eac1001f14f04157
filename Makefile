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

.PHONY: help setup run test lint format worker scheduler prod-smoke backup-check clean audit bench upgrade-deps release-check nginx-check

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

# Only from the hashed lock file (every package, transitive ones too, with its hashes; pip
# refuses anything else): requirements-dev.txt is the runtime lock plus the test and lint tools.
$(VENV)/.installed: requirements.txt requirements-dev.txt .python-version
	@test -n "$(PYTHON_313)" || { echo "Python 3.13 not found: install it with pyenv (pyenv install 3.13)"; exit 1; }
	$(PYTHON_313) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The CSS keeps only the rules the templates, code and scripts name, so they are inputs too.
build/.built: node_modules/.installed bin/build-assets $(shell find static templates campaign materials coalitions listserv rescue_restore -type f \( -name '*.html' -o -name '*.py' -o -name '*.js' -o -name '*.scss' \) -not -path '*/migrations/*')
	bin/build-assets
	touch $@

/usr/bin/msgfmt:
	# GNU gettext, for compiling the translation catalogues (locale/).
	apt-get install -y gettext || sudo apt-get install -y gettext

/usr/bin/java:
	# A Java runtime, only for the HTML validity test (the W3C Nu HTML Checker, npm vnu-jar).
	apt-get install -y default-jre-headless || sudo apt-get install -y default-jre-headless

/usr/sbin/nginx:
	# Debian's nginx, only for checking the example in deploy/nginx (Debian 12 ships 1.22).
	apt-get install -y nginx || { apt-get update && apt-get install -y nginx; }

/usr/bin/chromium:
	# Debian's Chromium, only for the browser tests (Playwright never downloads one).
	apt-get install -y chromium || sudo apt-get install -y chromium

setup: $(VENV)/.installed build/.built /usr/bin/msgfmt ## Install Python and npm packages, build assets and translations, migrate, load demo content
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity 0
	$(MANAGE) collectstatic --noinput --clear --verbosity 0
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

run: setup ## Set up, then serve the site on http://127.0.0.1:8000 (tasks run immediately)
	DJANGO_DEBUG=true $(MANAGE) runserver 127.0.0.1:8000

worker: setup ## Run the background task worker (production-style TASKS_BACKEND=database)
	TASKS_BACKEND=database $(MANAGE) run_worker --queue-name default,mail,bulletins

scheduler: setup ## Run the scheduler that enqueues the periodic jobs (manage.py run_scheduler --list shows them)
	TASKS_BACKEND=database $(MANAGE) run_scheduler

prod-smoke: setup ## Start web, worker and scheduler with production settings on PostgreSQL and Redis, and use the site
	bin/prod-smoke

backup-check: setup ## Back up a scratch PostgreSQL database and media, restore both elsewhere, compare
	bin/backup-check

release-check: setup ## Ship a release with a migration under a request loop and an order loop (docs/deploy.md); prints errors and orders lost
	$(PYTHON) bin/release-check

nginx-check: /usr/sbin/nginx ## nginx -t on deploy/nginx's example with Debian's nginx, and one HSTS header on every answer
	$(PYTHON_313) bin/nginx-check

lint: $(VENV)/.installed ## ruff (lint and format check), djlint, and mypy held to mypy-baseline.txt (bin/typecheck)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --check --lint templates */templates
	$(PYTHON) bin/typecheck

format: $(VENV)/.installed ## Reformat Python and templates in place
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint --reformat templates */templates

# Two workers; worksteal hands a worker that has finished part of another's queue, so one long
# browser module does not keep the run waiting on one core (tests/database_template.py: the
# test database is migrated once, then copied to each worker).
PYTEST_PARALLEL := -n 2 --dist worksteal
test: setup /usr/bin/chromium /usr/bin/java lint ## Lint, check migrations and deploy settings, run the suite on SQLite (and PostgreSQL if TEST_DATABASE_URL is set)
	$(MANAGE) makemigrations --check --dry-run
	env $(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING
	@start=$$(date +%s); $(VENV)/bin/pytest $(PYTEST_PARALLEL); status=$$?; \
		echo "== pytest on SQLite: $$(( $$(date +%s) - start )) s"; exit $$status
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== Running the suite again on PostgreSQL ($$TEST_DATABASE_URL)"; \
		start=$$(date +%s); DATABASE_URL="$$TEST_DATABASE_URL" $(VENV)/bin/pytest $(PYTEST_PARALLEL); status=$$?; \
		echo "== pytest on PostgreSQL: $$(( $$(date +%s) - start )) s"; exit $$status; \
	else \
		echo "== TEST_DATABASE_URL is not set: skipped the PostgreSQL run"; \
	fi

AUDIT_PORT ?= 8765
AUDIT_PAGES := / /materials/ /materials/order/ /coalitions/ /listserv/
audit: setup /usr/bin/chromium ## Lighthouse (mobile) over the key pages: prints the four scores (not part of make test)
	@mkdir -p var/audit
	@$(VENV)/bin/gunicorn rescue_restore.wsgi --bind 127.0.0.1:$(AUDIT_PORT) --workers 2 --log-level warning & \
	server=$$!; trap 'kill $$server' EXIT; \
	for attempt in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$(AUDIT_PORT)/healthz && break; sleep 0.2; done; \
	status=0; \
	for path in $(AUDIT_PAGES); do \
		name=$$(echo "$$path" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$$//'); name=$${name:-home}; \
		CHROME_PATH=/usr/bin/chromium node_modules/.bin/lighthouse "http://127.0.0.1:$(AUDIT_PORT)$$path" \
			--quiet --form-factor=mobile --chrome-flags="--headless --no-sandbox --disable-gpu" \
			--output=json --output=html --output-path="var/audit/$$name" || status=1; \
		$(PYTHON) -c "import json, sys; c = json.load(open(sys.argv[1]))['categories']; print(sys.argv[2].ljust(20) + '  '.join(c[k]['title'] + ' ' + ('n/a' if c[k]['score'] is None else str(round(c[k]['score'] * 100))) for k in ('performance', 'accessibility', 'best-practices', 'seo')))" "var/audit/$$name.report.json" "$$path" || status=1; \
	done; \
	echo "Reports: var/audit/*.report.html"; exit $$status

clean: ## Remove built assets, the virtualenv and node_modules (keeps var/)
	rm -rf build $(VENV) node_modules

bench: setup ## Benchmark the site as production runs it (gunicorn, PostgreSQL, Redis) and print ratios to a static file
	$(PYTHON) bench/run.py $(BENCH_ARGS)

# pip-compile's options for both lock files: hashes for every file of every pinned release
# (so the same lock installs on any platform), pip and setuptools pinned too, no local index paths.
PIP_COMPILE := $(VENV)/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url --quiet
upgrade-deps: $(VENV)/.installed ## Recompile both hashed lock files: newest releases the .in files allow (PACKAGE=name upgrades one)
	$(PIP_COMPILE) $(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade) -o requirements.txt requirements.in
	$(PIP_COMPILE) $(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade) -o requirements-dev.txt requirements-dev.in
	@git diff --stat -- requirements.txt requirements-dev.txt || true
	@echo "Now: make setup, make test, and a CHANGELOG line per upgraded package (docs/deploy.md, Dependencies)."

# --- Dependency advisories (issue 20 item 7; a self-contained block) --------------------------------
# pip-audit (requirements-dev.txt) over .venv and npm audit over package-lock.json, each only where its
# advisory source answers; otherwise it prints NOT CHECKED and why. AUDIT_DEPS_REQUIRE=1 makes an
# unreachable source a failure (exit 2). The report also goes to var/audit/deps-report.txt.
.PHONY: audit-deps
audit-deps: $(VENV)/.installed ## Known vulnerabilities in Python and npm dependencies (says plainly what it could not check)
	bin/audit-deps
