# Two commands on a fresh machine with Python >= 3.11: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KB ?= kb.sqlite

.PHONY: demo test install install-test wheel-smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/tdi-nlp extract corpus/ --kb $(KB)
	$(BIN)/tdi-nlp stats --kb $(KB)

test: install-test
	$(BIN)/python -m pytest

# the built wheel in a fresh venv, run outside the checkout (also run by .ci/run)
wheel-smoke:
	PYTHON=$(PYTHON) .ci/wheel_smoke.sh

clean:
	rm -rf $(VENV) $(KB) $(KB)-wal $(KB)-shm build dist *.egg-info
