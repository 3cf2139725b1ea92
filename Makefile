# jixiao developer tasks. `make demo` and `make test` set everything up first.
.PHONY: setup demo test lint typecheck pytest bench measure clean

# The original seed reports, for the tests that compare our modelled documents with them
# (tests/audit/audit_helpers.py). Taken from ../shared/seeds next to the repository (or next to
# the worktree folder) when present; without it those tests are reported as skipped, with the reason.
JIXIAO_CORPUS ?= $(firstword $(wildcard $(abspath ../shared/seeds) $(abspath ../../shared/seeds)))
export JIXIAO_CORPUS

setup:
	@./scripts/setup.sh

demo:
	@./scripts/setup.sh demo
	.venv/bin/jixiao evaluate examples/wanzhou-2020.yaml -o out/wanzhou-2020

lint: setup
	.venv/bin/ruff check src tests benchmarks fuzz

typecheck: setup
	.venv/bin/mypy

pytest: setup
	.venv/bin/python -m pytest

test: lint typecheck pytest

bench: setup
	.venv/bin/python benchmarks/bench_evaluate.py
	.venv/bin/python benchmarks/bench_report.py
	.venv/bin/python benchmarks/bench_intake.py
	.venv/bin/python benchmarks/bench_audit.py
	.venv/bin/python benchmarks/bench_final.py

measure: setup
	.venv/bin/python scripts/measure_audit.py

# Coverage-guided fuzzing (atheris, from PyPI) of the deepest parsers; FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 60
fuzz: setup
	.venv/bin/pip install -q -e '.[fuzz]'
	.venv/bin/python fuzz/run.py $(FUZZ_SECONDS)

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache .fuzz
