# ppsp — the two commands a newcomer needs:
#   make demo   set everything up, then run the main job (the demonstration region)
#   make test   set everything up, then run the whole test suite (tests, doctests, docs, mypy, ruff)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup browser lint typecheck docs benchmark catalogs examples clean

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
	$(BIN)/python -m ruff check src tests benchmarks docs examples hatch_build.py
	$(BIN)/python -m ruff format --check src tests benchmarks docs examples hatch_build.py

# Debian's Chromium and its driver, for the test that opens the HTML report in a real browser
# (needs root or sudo; the test is skipped with a reason where the browser is missing).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "chromium and chromedriver are installed"; \
	else \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver; \
	fi

# Rebuild the bundled example region's spreadsheets (examples/gunung-mas).
examples: $(STAMP)
	$(BIN)/python examples/build_examples.py

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
	rm -rf $(VENV) docs/_build ppsp-demo test-artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis
