# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test install bench clean

$(BIN)/boardlog: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# bytecode now, as pip compiles a regular install's: a server started where
	# PYTHONDONTWRITEBYTECODE is set would otherwise compile every module at each start
	$(BIN)/python -m compileall -q rpc domain eventstore projections kanboard_import
	touch $@

install: $(BIN)/boardlog

serve: install
	$(BIN)/boardlog serve

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/rpc_bench.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
