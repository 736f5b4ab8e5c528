# Two entry points for a fresh machine: `make run` and `make test`.
# Each builds its own virtualenv in .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit bench clean

# Installing also compiles the classifier's hot modules with mypyc (setup.py).
$(BIN)/.installed: pyproject.toml setup.py
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(BIN)/.compiled

# An edited classifier module is compiled again in place, so nothing runs a stale build; an
# unchanged one is not rebuilt, and its build counts as current (tests/test_compiled_build.py).
$(BIN)/.compiled: $(BIN)/.installed $(wildcard bot/classify/*.py)
	$(BIN)/python setup.py --quiet build_ext --inplace
	find . -maxdepth 1 -name '*__mypyc*.so' -exec touch {} +
	touch $@

run: $(BIN)/.compiled
	$(BIN)/python -m bot run

lint: $(BIN)/.compiled
	$(BIN)/ruff check bot handlers emulator tests bench training setup.py
	$(BIN)/ruff format --check bot handlers emulator tests bench training setup.py

typecheck: $(BIN)/.compiled
	$(BIN)/mypy

unit: $(BIN)/.compiled
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(BIN)/.compiled
	$(BIN)/python -m bench.classify_bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
	find . -name '*.so' -not -path './$(VENV)/*' -delete
