# The two commands of the README. Each installs what it needs on a fresh machine (Python 3.11+).
PY ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: serve test bench

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)  ## the main job: the HTTP API on the offline default, http://127.0.0.1:8000/docs
	$(VENV)/bin/copilot serve --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

test: $(STAMP)  ## the starter eval suite's gate on the offline default, then the test suite
	$(VENV)/bin/copilot eval run evals/starter.yaml --quiet --out $$(mktemp -d)
	$(VENV)/bin/copilot eval run evals/aria_beauty.yaml --quiet --out $$(mktemp -d)
	$(VENV)/bin/pytest -q

bench: $(STAMP)  ## print speed and quality figures (not part of the tests)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(VENV)/bin/python $$b || exit 1; done
