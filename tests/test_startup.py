"""Start-up cost: each command imports only what it uses (a deterministic check, not a timing).

``jixiao --help`` needs nothing but the command registry (not even typer); a command builds only itself; ``jixiao evaluate FILE`` printing its table needs the model,
the engine and rich, not typer (the entry point's light dispatch), the writers, the store or the cluster. Timings are printed by benchmarks/bench_scale.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize("args", [("--help",), (), ("--debug", "--help")])
def test_top_level_help_imports_nothing_heavy(args: tuple[str, ...]) -> None:
    got = imported(*args)
    assert "jixiao" in got  # the probe works
    light = HEAVY | {"rich", "pydantic", "yaml", "typer", "click"}
    assert got.isdisjoint(light), sorted(got & light)


@pytest.mark.parametrize("args", [("evaluate", "--help"), ("audit", "--help")])
def test_command_help_imports_nothing_heavy(args: tuple[str, ...]) -> None:
    # the page typer would print, stored (jixiao.cli.helptext; tests/test_cli_help.py): no typer, no pydantic
    got = imported(*args)
    assert "jixiao" in got
    light = HEAVY | {"rich", "pydantic", "yaml", "typer", "click"}
    assert got.isdisjoint(light), sorted(got & light)


def test_evaluate_one_file_imports_the_engine_not_the_writers() -> None:
    got = imported("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"))
    assert {"yaml", "rich"} <= got  # it did evaluate and print
    assert got.isdisjoint(HEAVY | {"typer", "click"}), sorted(got & (HEAVY | {"typer", "click"}))  # no typer either
    assert "pydantic" not in got  # the model and the frameworks are dataclasses validated by functions


def test_evaluate_one_file_skips_what_only_writing_and_zip_files_need() -> None:
    """Reading a YAML file and printing its table writes nothing and opens no Office package: the
    standard-library modules behind temporary names (secrets: hashlib, hmac, random), removing folders
    (shutil: bz2, lzma) and zip checks (zipfile) stay unimported (~20 ms of a ~140 ms start)."""
    probe = _PROBE.replace("print(json.dumps(sorted({m.split(\".\")[0] for m in sys.modules} - set(sys.stdlib_module_names))))",
                           "print(json.dumps(sorted(m for m in ('secrets', 'shutil', 'zipfile', 'html') if m in sys.modules)))")
    assert probe != _PROBE
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", probe, "evaluate", str(EXAMPLES / "wanzhou-2020.yaml")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


@pytest.mark.parametrize("bad", [False, True])
def test_evaluate_one_file_prints_its_table_without_richs_console(bad: bool, tmp_path: Path) -> None:
    """The table, or a bad file's findings, are written by jixiao/cli/plain.py: rich's console, table and
    text classes are not imported, only its cell widths and line breaking."""
    probe = _PROBE.replace("print(json.dumps(sorted({m.split(\".\")[0] for m in sys.modules} - set(sys.stdlib_module_names))))",
                           "print(json.dumps(sorted(m for m in sys.modules if m.startswith('rich'))))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("FORCE_COLOR", None)
    env.pop("TTY_COMPATIBLE", None)
    file = EXAMPLES / "wanzhou-2020.yaml"
    if bad:
        file = tmp_path / "bad.yaml"
        file.write_text("profile:\n  name: 测试局\n  year: 二〇二三\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", probe, "evaluate", str(file)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "rich.cells" in loaded  # the probe works
    assert loaded.isdisjoint({"rich.console", "rich.table", "rich.text"}), sorted(loaded)


def _modules(command: Any) -> set[str]:
    """The modules whose functions make up a click command (a group's: its sub-commands')."""
    if hasattr(command, "commands"):  # a group (typer vendors its own click)
        return {m for sub in command.commands.values() for m in _modules(sub)}
    return {command.callback.__module__}


def test_the_command_registry_is_the_typer_app() -> None:
    """The registry the entry point builds from (jixiao.cli.commands) lists every command of the app, in its
    order, with its help, and the module that defines it: a command missing there would be missing from
    ``jixiao --help`` and would not be found when invoked alone."""
    import typer.main

    from jixiao.cli.app import app
    from jixiao.cli.commands import COMMANDS

    group: Any = typer.main.get_command(app)
    listed = [(name, (group.commands[name].help or "").strip().splitlines()[0]) for name in group.commands]
    assert listed == [(name, text) for name, _, text in COMMANDS]
    for name, module, _ in COMMANDS:
        assert _modules(group.commands[name]) <= {"jixiao.cli.app", f"jixiao.cli.{module}"}, name


def test_top_level_help_is_the_registry_without_typer() -> None:
    got = imported("--help")
    assert "jixiao" in got and "typer" not in got and "click" not in got, sorted(got)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "jixiao", "--help"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0
    from jixiao.cli.commands import COMMANDS

    for name, _, text in COMMANDS:
        assert f"  {name.ljust(12)}  {text}\n" in done.stdout
    assert "--debug" in done.stdout and done.stdout.startswith("用法：python -m jixiao [OPTIONS] COMMAND [ARGS]...")


_MODULES_PROBE = _PROBE.replace(
    'print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} - set(sys.stdlib_module_names))))',
    'print(json.dumps(sorted(m for m in sys.modules if m.startswith("jixiao.cli."))))')


@pytest.mark.parametrize(("args", "modules"), [
    (("evaluate", str(EXAMPLES / "wanzhou-2020.yaml")), set()),
    (("audit",), {"jixiao.cli.audit_cmd"}),  # a usage error: typer builds the command to say it
    (("db", "status", "--no-such-option"), {"jixiao.cli.store_cmd"}),
    (("db", "status", "--help"), set()),  # a stored help page (jixiao.cli.helptext): no command built
    (("frameworks", "list"), {"jixiao.cli.frameworks_show_cmd"}),
])
def test_a_command_builds_only_itself(args: tuple[str, ...], modules: set[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", _MODULES_PROBE, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    loaded = {m for m in json.loads(done.stdout.splitlines()[-1]) if m.endswith("_cmd")}
    assert loaded == modules
