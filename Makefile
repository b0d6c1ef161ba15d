# Quickstart: `make demo` builds every sample into ./out; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz bench lint docs clean eval-questions

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	@for f in samples/*.yaml; do \
		name=$$(basename "$$f" .yaml); \
		$(PY) -m dossier build "$$f" -o "out/$$name" --force || exit $$?; \
		$(PY) -m dossier build "$$f" -o "out/$$name-en" --lang en --force || exit $$?; \
	done
	@echo "Packages are in ./out (one folder per sample, Chinese and English)."

bench: $(STAMP)
	$(PY) bench/bench.py

eval-questions: $(STAMP)
	$(PY) tests/questions/evaluate.py

test: $(STAMP)
	$(PY) -m pytest

# Thousands of generated inputs through `check` (the suite runs a bounded, repeatable few).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/hardening/test_fuzz.py -q -p no:cacheprovider

lint: $(STAMP)
	$(PY) -m ruff check dossier tests

clean:
	rm -rf out build dist .pytest_cache
