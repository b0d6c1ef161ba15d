# Quickstart: `make demo` builds every sample into ./out; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	@for f in samples/*.yaml; do \
		echo "== $$f"; \
		$(PY) -m dossier requirements "$$f" || exit $$?; \
	done

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check dossier tests

clean:
	rm -rf out build dist .pytest_cache
