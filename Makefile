# The two commands of the README:
#   make run    set up, ingest the example documents into ./planwatch.db, evaluate, serve
#   make test   set up (incl. Debian packages the tests need) and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= planwatch.db
HOST   ?= 127.0.0.1
PORT   ?= 8000
export PLANWATCH_DB := $(DB)

.PHONY: run test setup system lint bench clean

$(BIN)/planwatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/planwatch

system:
	sh scripts/install-system-deps.sh

run: setup
	$(BIN)/planwatch ingest --manifest examples/manifest.csv
	$(BIN)/planwatch actuals import examples/actuals.csv
	$(BIN)/planwatch documents
	$(BIN)/planwatch evaluate --region 青澜县 --as-of 2024
	@echo "dashboard: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/planwatch serve --host $(HOST) --port $(PORT)

test: setup system
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/pytest -q -n 2 --dist loadgroup

lint: setup
	$(BIN)/ruff check planwatch tests bench
	$(BIN)/mypy planwatch

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm
