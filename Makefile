# make run   : create .venv, install (pinned, with the spaCy model), build the seed article's graph into exports/
# make test  : install with test extras and run every test (browser tests need Debian's chromium + chromium-driver)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NAME   := seed

.PHONY: run test install install-test exports clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

run: install exports

exports: install
	$(VENV)/bin/kg build examples/ --out exports/ --name $(NAME) --quiet

test: install
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) .pytest_cache
