# The portal's two commands are `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DEMO_ADDR ?= 127.0.0.1:8000

.PHONY: demo test bench lint format search-node search-node-stop system-deps clean

# --- installation ---------------------------------------------------------------------------
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# Debian packages the tests need: PostgreSQL 15, Chromium, Java and Maven (installed only when
# missing). The decision letters' font ships with the code (challenges/fonts/).
system-deps:
	@missing=""; \
	test -x /usr/lib/postgresql/15/bin/pg_ctl || missing="$$missing postgresql"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing fonts-liberation >/dev/null; \
	fi

# --- the two commands -----------------------------------------------------------------------
# The production shape on embedded defaults: gunicorn + whitenoise and the worker, DEBUG off,
# SQLite under var/; scripts/demo.sh migrates, seeds (first run only), collects static files.
demo: deps
	DEMO_ADDR=$(DEMO_ADDR) bash scripts/demo.sh

test: deps system-deps
	bash scripts/test.sh

# --- the rest -------------------------------------------------------------------------------
bench: deps system-deps
	bash scripts/test.sh --bench

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

search-node: system-deps
	bash scripts/search-node.sh build
	bash scripts/search-node.sh start 9200 var/search-node
	@echo "Elasticsearch on http://127.0.0.1:9200: ELASTICSEARCH_URL=http://127.0.0.1:9200 make demo"

search-node-stop:
	bash scripts/search-node.sh stop var/search-node

clean:
	rm -rf var test-output
