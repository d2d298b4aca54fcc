# Set-up and everyday commands. Only Python 3.11+ is needed on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# Development mode for run and test; `make serve` runs as in production.
DEV := DJANGO_DEBUG=1

# Worker processes for `make serve`: two per core, plus one.
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) * 2 + 1 )))

.PHONY: run test system-deps serve bench bench-render bench-crowd bench-editors bench-plans bench-lighthouse bench-comments lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

## run: install, migrate, add demo content and an admin login, serve on http://$(HOST):$(PORT)/
run: $(VENV)/.installed
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py demo_content
	$(DEV) $(BIN)/python manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## system-deps: Debian's Chromium (browser tests), a Java runtime (the HTML checker), and
## nginx and Redis (the micro-cache in front of the app, and its shared cache), if missing
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$$missing nginx-light"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing$$missing from Debian..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
			case "$$missing" in *nginx*) service nginx stop >/dev/null 2>&1 || true;; esac; \
		else \
			echo "The tests need these Debian packages:$$missing (sudo apt-get install$$missing)" >&2; exit 1; \
		fi; \
	fi

## test: install and run every check and test (DATABASE_URL=postgres://... for PostgreSQL)
test: $(VENV)/.installed-dev system-deps
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(DEV) $(BIN)/python -m pytest $(PYTEST_ARGS)

## serve: run as in production (gunicorn, debug off); needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
## DJANGO_SECURE_SSL_REDIRECT=0 serves plain HTTP on loopback.
serve: $(VENV)/.installed
	$(BIN)/python manage.py check
	$(BIN)/python manage.py collectstatic --no-input -v0
	$(BIN)/python manage.py migrate --no-input -v0
	DATABASE_POOL=$${DATABASE_POOL:-0} DJANGO_SERVE_MEDIA=$${DJANGO_SERVE_MEDIA:-1} $(BIN)/gunicorn tracker.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips=127.0.0.1

## bench: throughput and latency of cached pages, renders and the bar, as ratios to a static file
bench: $(VENV)/.installed-dev
	cd bench && ../$(BIN)/python run.py

## bench-render: where an uncached article render's time goes (ORM, template, framework)
bench-render: $(VENV)/.installed-dev
	cd bench && ../$(BIN)/python render_cost.py

## bench-lighthouse: Lighthouse (mobile, via npx) on home and an article with pictures, in Debian's Chromium
bench-lighthouse: $(VENV)/.installed-dev system-deps
	cd bench && ../$(BIN)/python lighthouse.py

## bench-comments: the comment endpoint at 16 connections, anonymous and signed in (p99 < 50 ms)
bench-comments: $(VENV)/.installed-dev
	cd bench && ../$(BIN)/python comments.py

## bench-crowd: 5,000 readers poll the bar through nginx while the desk publishes a banner
bench-crowd: $(VENV)/.installed-dev
	cd bench && ../$(BIN)/python crowd.py

## bench-editors: 20 editors save articles in the admin while 64 readers load pages (~2 minutes);
## on PostgreSQL with DATABASE_URL=postgres://..., which gets a scratch database beside it
bench-editors: $(VENV)/.installed-dev
	cd bench && ../$(BIN)/python editors.py

## bench-plans: PostgreSQL's query plans for the public pages (needs DATABASE_URL=postgres://...)
bench-plans: $(VENV)/.installed
	$(DEV) $(BIN)/python manage.py migrate --no-input -v0
	$(DEV) $(BIN)/python manage.py demo_content
	$(DEV) $(BIN)/python bench/plans.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles
