"""Start-up cost: each command imports only what it uses (a deterministic check, not a timing).

``jixiao --help`` needs typer and nothing heavy; ``jixiao evaluate FILE`` printing its table needs the model,
the engine and rich, not the writers, the store or the cluster. Timings are printed by benchmarks/bench_scale.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import EXAMPLES, ROOT

HEAVY = {"openpyxl", "docx", "matplotlib", "PIL", "lxml", "sqlalchemy", "alembic", "psycopg", "dask", "distributed",
         "pdfplumber", "fontTools", "numpy"}

_PROBE = """
import contextlib, io, json, sys
sys.argv = ["jixiao", *sys.argv[1:]]
try:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from jixiao.cli.entry import main
        main()
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} - set(sys.stdlib_module_names))))
"""


def imported(*args: str) -> set[str]:
    """Top-level packages outside the standard library that ``jixiao ARGS`` imported, in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("args", [("--help",), ()])
def test_top_level_help_imports_nothing_heavy(args: tuple[str, ...]) -> None:
    got = imported(*args)
    assert "typer" in got and "jixiao" in got  # the probe works
    assert got.isdisjoint(HEAVY | {"rich", "pydantic", "yaml"}), sorted(got & (HEAVY | {"rich", "pydantic", "yaml"}))


@pytest.mark.parametrize("args", [("evaluate", "--help"), ("audit", "--help")])
def test_command_help_imports_nothing_heavy(args: tuple[str, ...]) -> None:
    # typer (>= 0.2x) converts a command's parameters through pydantic, so a command's help loads it
    got = imported(*args)
    assert "typer" in got and "jixiao" in got
    assert got.isdisjoint(HEAVY | {"rich", "yaml"}), sorted(got & (HEAVY | {"rich", "yaml"}))


def test_evaluate_one_file_imports_the_engine_not_the_writers() -> None:
    got = imported("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"))
    assert {"pydantic", "yaml", "rich"} <= got  # it did evaluate and print
    assert got.isdisjoint(HEAVY), sorted(got & HEAVY)
