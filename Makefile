# ppsp — the two commands a newcomer needs:
#   make demo   set everything up, then run the main job (the demonstration region)
#   make test   set everything up, then run the whole test suite (tests, doctests, docs, mypy, ruff)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup lint typecheck docs benchmark catalogs clean

$(STAMP): pyproject.toml hatch_build.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/ppsp demo -o ppsp-demo

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check src tests benchmarks docs hatch_build.py
	$(BIN)/python -m ruff format --check src tests benchmarks docs hatch_build.py

docs: $(STAMP)
	$(BIN)/python -m sphinx -W -n --keep-going -b html docs docs/_build/html

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_json.py
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_linker_quality.py
	$(BIN)/python benchmarks/bench_check.py

# Refresh the catalogs after adding message keys: extract, merge, compile.
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output -o src/ppsp/i18n/ppsp.pot .
	$(BIN)/pybabel update -i src/ppsp/i18n/ppsp.pot -d src/ppsp/i18n/locale -D ppsp --no-fuzzy-matching
	$(BIN)/pybabel compile -d src/ppsp/i18n/locale -D ppsp

clean:
	rm -rf $(VENV) docs/_build ppsp-demo .pytest_cache .mypy_cache .ruff_cache .hypothesis
