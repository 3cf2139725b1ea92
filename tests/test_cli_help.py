"""Every command's ``--help`` is typer's page, printed without typer (``jixiao.cli.helptext``).

The stored pages must be exactly what the typer app prints now: a changed option or help text fails
here until ``python -m jixiao.cli.helptext --write`` writes them again. The entry point must print the
same bytes as the typer app for every command, in a wide terminal (the stored page) and in a narrow
one (typer's own page: click wraps to the terminal's width).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from jixiao.cli._helps import HELPS
from jixiao.cli.chinese import USAGE
from jixiao.cli.helptext import USAGE as STORED_USAGE
from jixiao.cli.helptext import command_paths, render, stored
from tests.helpers import ROOT

_ENTRY = "import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.entry import main; main()"
_TYPER = "import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.app import main; main()"
_MODULES = ("import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.entry import main; main(); import json; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")


def _run(code: str, *args: str, columns: str = "80", **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": columns, "PYTHONPATH": str(ROOT / "src"), **extra}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_the_stored_pages_are_what_typer_prints_now() -> None:
    paths = command_paths()
    assert ("evaluate",) in paths and ("db", "upgrade") in paths and ("frameworks",) in paths
    assert sorted(HELPS) == sorted(" ".join(p) for p in paths), "python -m jixiao.cli.helptext --write"
    stale = [" ".join(p) for p in paths if HELPS[" ".join(p)] != render(p)]
    assert not stale, f"{stale}: run python -m jixiao.cli.helptext --write"
    assert HELPS["evaluate"].startswith("用法：jixiao evaluate [OPTIONS]") and "--jobs" in HELPS["evaluate"]


@pytest.mark.parametrize("prog", ["python -m jixiao", "jixiao-with-a-program-name-long-enough-to-wrap-the-usage"])
def test_another_program_name_is_typers_page_or_left_to_typer(prog: str) -> None:
    assert STORED_USAGE == USAGE
    got = {p: stored(list(p), prog) for p in command_paths()}
    for path, page in got.items():
        assert page is None or page == render(path, prog), path
    if prog == "python -m jixiao":
        assert all(page is not None for page in got.values())
    else:
        assert any(page is None for page in got.values())


@pytest.mark.parametrize("path", [("evaluate",), ("audit",), ("db", "upgrade"), ("frameworks",), ("users", "add")])
def test_the_entry_point_prints_typers_page_without_typer(path: tuple[str, ...]) -> None:
    light, typer = _run(_MODULES, *path, "--help"), _run(_TYPER, *path, "--help")
    assert light.returncode == typer.returncode == 0
    assert light.stdout == typer.stdout == HELPS[" ".join(path)]
    loaded = set(json.loads(light.stderr.splitlines()[-1]))
    assert "jixiao" in loaded and loaded.isdisjoint({"typer", "click", "pydantic", "rich", "yaml"}), sorted(loaded)


def test_an_ascii_output_gets_the_page_in_utf8_as_click_writes_it() -> None:
    light = _run(_ENTRY, "evaluate", "--help", PYTHONIOENCODING="ascii")
    typer = _run(_TYPER, "evaluate", "--help", PYTHONIOENCODING="ascii")
    assert light.returncode == typer.returncode == 0, light.stderr
    assert light.stdout == typer.stdout == HELPS["evaluate"]
    top = _run(_ENTRY, "--help", PYTHONIOENCODING="ascii")
    assert top.returncode == 0 and top.stdout.startswith("用法：jixiao"), top.stderr


def test_a_narrow_terminal_gets_typers_own_page() -> None:
    light, typer = _run(_ENTRY, "evaluate", "--help", columns="60"), _run(_TYPER, "evaluate", "--help", columns="60")
    assert light.returncode == typer.returncode == 0
    assert light.stdout == typer.stdout != HELPS["evaluate"]  # wrapped to 58 columns, not 78


@pytest.mark.parametrize("args", [("evaluate", "-o", "x", "--help"), ("--debug", "db", "--help"), ("nosuch", "--help")])
def test_other_help_lines_are_typers(args: tuple[str, ...]) -> None:
    light, typer = _run(_ENTRY, *args), _run(_TYPER, *args)
    assert (light.returncode, light.stdout, light.stderr) == (typer.returncode, typer.stdout, typer.stderr)
