# newsledger: `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: run test test-fast lint eval bench install clean train

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "python3.11 not found; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsledger ingest examples/demo --db $(DEMO_DB) --no-progress
	@echo
	@echo '$$ newsledger search Ganja'
	$(BIN)/newsledger search Ganja --db $(DEMO_DB) --limit 5
	@echo
	@echo '$$ newsledger search Gəncə --entity --lang ru   (the same city, found in Russian)'
	$(BIN)/newsledger search Gəncə --entity --lang ru --db $(DEMO_DB) --limit 3
	@echo
	@echo '$$ newsledger incidents   (one line per incident; see also: newsledger chronicle)'
	$(BIN)/newsledger incidents --db $(DEMO_DB) | head -8

# The whole suite, after the linters: ruff (style, imports, bugbear) and mypy (types) on the package.
test: lint
	$(BIN)/python -m pytest

# The suite without the tests marked slow (whole-corpus runs, real models on shared gold data).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check newsledger tests evaluation benchmarks
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m evaluation.run_all

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf $(VENV) *.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# Rebuild the English attribution model (newsledger/trained/attribution/) from ../shared's PolNeAR
# train split: fixed seed, pinned config (training/config.cfg); outputs in build/attribution/.
train: $(STAMP)
	$(BIN)/python -m training.train
