# Two entry points for a fresh machine: `make run` and `make test`.
# Each builds its own virtualenv in .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit bench clean

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/python -m bot run

lint: $(BIN)/.installed
	$(BIN)/ruff check bot handlers emulator tests bench training
	$(BIN)/ruff format --check bot handlers emulator tests bench training

typecheck: $(BIN)/.installed
	$(BIN)/mypy

unit: $(BIN)/.installed
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(BIN)/.installed
	$(BIN)/python -m bench.classify_bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
