# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run dev test lint format bench mutate deps check-python migrate

# `make run` serves the portal the way its users see it: DEBUG off, so a missing page or a refused one gets the
# portal's own Vietnamese 404/403/500 pages; static files come through WhiteNoise; plain HTTP on this machine only.
# `make dev` is the same with DEBUG on (Django's debug pages, for development).
RUN_ENV = DEBUG=0 SECRET_KEY="$$(cat .run-secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0

run: ENV = $(RUN_ENV)
run: deps .run-secret-key
	$(ENV) $(PY) manage.py collectstatic --no-input -v 0
	$(serve)

dev: ENV = DEBUG=1
dev: deps
	$(serve)

# The background-job worker (large Excel imports) runs beside the web server and stops with it.
define serve
	$(ENV) $(PY) manage.py migrate --no-input -v 0
	$(ENV) $(PY) manage.py seed_demo
	@echo ""
	@echo "Cổng đang chạy tại http://$(HOST)/  (Ctrl+C để dừng)"
	$(ENV) $(PY) manage.py reclaim_import_jobs --worker-start
	$(ENV) $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(ENV) $(PY) manage.py runserver $(HOST)
endef

# A secret key of this clone's own for `make run` (git-ignored).
.run-secret-key:
	$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

test: deps
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Each benchmark module builds its own throwaway database (BENCH_DATABASE_URL for PostgreSQL).
bench: deps
	$(PY) -m bench
	$(PY) -m bench.results
	$(PY) -m bench.dashboard
	$(PY) -m bench.commendations

# Mutation testing with mutmut: which modules and which tests are in pyproject.toml, [tool.mutmut]. Not part of
# `make test` or CI. Starts afresh each time (a cached run would keep verdicts made against older tests), then lists
# the surviving mutants and their count per module; `.venv/bin/mutmut show NAME` prints one mutant's diff.
mutate: deps
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 2
	@$(VENV)/bin/mutmut results
	@echo "Số đột biến còn sống theo mô-đun (surviving mutants per module):"
	@$(VENV)/bin/mutmut results | sed -E 's/^ *([a-z_.]+)\.x.*/\1/' | sort | uniq -c

deps: $(VENV)/.installed node_modules/.installed

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python 3.11 trở lên (Python >= 3.11 is required).")'

$(VENV)/.installed: pyproject.toml | check-python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# Bootstrap and the document font are vendored through npm and served by the portal itself.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
