# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format bench mutate deps check-python migrate

run: deps
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 $(PY) manage.py seed_demo
	@echo ""
	@echo "Cổng đang chạy tại http://$(HOST)/  (Ctrl+C để dừng)"
# The background-job worker (large Excel imports) runs beside the web server and stops with it.
	DEBUG=1 $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: deps
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: deps
	$(PY) -m bench

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
