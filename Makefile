# The README's two commands: `make run` and `make test` (lint, then the suite). Both install from the pinned
# constraints into .venv first (a no-op when nothing changed).
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint format bench

$(VENV)/installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

run: $(VENV)/installed
	$(PY) -m seed init
	$(PY) -m streamlit run dashboard/server.py

test: lint
	$(PY) -m pytest

# Style and types are part of the test command: CI fails on a lint error, an unformatted file or a type error.
lint: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The scale benchmark (README, Performance): 10,000 and 100,000 payments on SQLite, a few minutes.
bench: $(VENV)/installed
	$(PY) tests/perf/bench.py --transactions 10000 100000
