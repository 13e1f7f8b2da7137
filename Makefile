# Two entry points, each doing all of its set-up on a fresh machine:
#   make demo   lint the bundled example of the incident (examples/incident)
#   make test   lint and type-check reqlint itself, then run the whole test suite
# and, for the edit loop:
#   make check  ruff, mypy and the tests not marked slow (under ~30 s)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.reqlint-installed

.PHONY: setup demo test check lint typecheck pytest docs bench bench-network clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q --upgrade pip
	$(PY) -m pip install --disable-pip-version-check -q -e '.[test]'
	touch $(STAMP)

# reqlint exits 1 when it finds problems, which is what the incident example is for.
demo: setup
	$(VENV)/bin/reqlint examples/incident; status=$$?; test $$status -eq 1

# ruff's linter and its formatter (`ruff format reqlint tests benchmarks scripts` fixes the
# formatting; the pre-commit config runs both).
lint: setup
	$(VENV)/bin/ruff check reqlint tests benchmarks scripts
	$(VENV)/bin/ruff format --check reqlint tests benchmarks scripts

# The package, then the tests and generators, both --strict ([tool.mypy] in pyproject.toml).
typecheck: setup
	$(VENV)/bin/mypy --strict reqlint
	$(VENV)/bin/mypy --strict tests scripts

# The whole suite, with a branch-coverage floor: coverage of reqlint must not fall below
# COV_FLOOR (measured: see CONTRIBUTING.md; raise the floor with the coverage, never lower it).
COV_FLOOR ?= 92.5
pytest: setup
	$(PY) -m pytest -q --cov=reqlint --cov-branch --cov-report=term:skip-covered \
	    --cov-fail-under=$(COV_FLOOR)

test: lint typecheck pytest

# The edit loop: everything make test checks but the slow tests (tests/conftest.py's
# SLOW_TESTS and @pytest.mark.slow: real pip in a subprocess, pre-commit, builds, big
# inputs) and the coverage floor.  One mypy run over everything (incremental).
check: setup
	$(VENV)/bin/ruff check reqlint tests benchmarks scripts
	$(VENV)/bin/mypy --strict reqlint tests scripts
	$(PY) -m pytest -q -m "not slow"

docs: setup
	$(PY) -m reqlint.docs docs/rules
	$(PY) -m reqlint.schema schemas/reqlint.json

# Whole-process `reqlint check .` against pip 26.3, requirements-parser,
# pip-requirements-parser and packaging, paired in one run (benchmarks/bench.py): builds
# .bench/venv and the corpora itself.  BENCH_ARGS=--quick for a short run.
bench: setup
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

bench-network: setup
	$(PY) benchmarks/bench_network.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
