"""A closed standard output (``jixiao … | head``) ends nothing early and changes no exit code.

Whether the reader left before or after the command wrote, the command runs to its end, prints nothing
on its error output it would not have printed anyway (no traceback, no "Broken pipe"), and exits with
the code it has when its output is read whole (``jixiao.cli.stdout``) — on the light path of
``evaluate FILE``, the stored help pages and the typer commands alike.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, ROOT

_ENTRY = "import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.entry import main; main()"
WANZHOU = str(EXAMPLES / "wanzhou-2020.yaml")
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT / "src")}


def _read_whole(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _ENTRY, *args], capture_output=True, text=True, env=_env(), cwd=cwd,
                          timeout=300, stdin=subprocess.DEVNULL)


def _closed_before(args: list[str], cwd: Path) -> tuple[int, str]:
    """The command with a standard output nobody reads: the pipe's reading end is closed before it starts."""
    r, w = os.pipe()
    os.close(r)
    try:
        done = subprocess.run([sys.executable, "-c", _ENTRY, *args], stdout=w, stderr=subprocess.PIPE, text=True,
                              env=_env(), cwd=cwd, timeout=300, stdin=subprocess.DEVNULL)
    finally:
        os.close(w)
    return done.returncode, done.stderr


def _head(args: list[str], cwd: Path) -> tuple[int, str, bytes]:
    """``… | head -1`` made certain to close mid-output: a 4 KB pipe, one line read, then closed."""
    r, w = os.pipe()
    fcntl.fcntl(w, F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen([sys.executable, "-c", _ENTRY, *args], stdout=w, stderr=subprocess.PIPE, env=_env(),
                            cwd=cwd, stdin=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r, "rb") as reader:
        first = reader.readline()
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err.decode(), first


@pytest.mark.parametrize("args", [
    ["evaluate", WANZHOU],  # the light path's table
    ["evaluate", WANZHOU, "--json"],  # 55 KB: more than the pipe holds
    ["evaluate", WANZHOU, "--format=json", "--json"],  # parsed by typer
    ["frameworks", "list"],  # a typer command
    ["evaluate", "--help"],  # a stored help page
    ["--help"],
])
def test_a_closed_output_keeps_the_exit_code_and_says_nothing(args: list[str], tmp_path: Path) -> None:
    whole = _read_whole(args, tmp_path)
    assert whole.returncode == 0 and whole.stdout, whole.stderr
    code, err = _closed_before(args, tmp_path)
    assert (code, err) == (whole.returncode, whole.stderr)
    code, err, first = _head(args, tmp_path)
    assert (code, err) == (whole.returncode, whole.stderr) and first == whole.stdout.splitlines(True)[0].encode()


def test_a_failing_command_keeps_its_code_with_a_closed_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  initial: 三百\n", encoding="utf-8")
    whole = _read_whole(["evaluate", str(bad)], tmp_path)
    assert whole.returncode == 1 and "budget.initial" in whole.stderr
    assert _closed_before(["evaluate", str(bad)], tmp_path) == (whole.returncode, whole.stderr)


def test_a_batch_with_a_closed_output_still_writes_every_package(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("wanzhou-2020.yaml", "guangzhou-2021.yaml", "nanchang-2017.yaml"):
        (inputs / name).write_bytes((EXAMPLES / name).read_bytes())
    code, err = _closed_before(["evaluate", str(inputs), "-o", str(tmp_path / "out"), "--format", "json",
                                "--jobs", "1"], tmp_path)
    assert code == 0, err
    assert "Traceback" not in err and "Broken pipe" not in err
    assert len(list((tmp_path / "out").glob("*/result.json"))) == 3 and (tmp_path / "out" / "summary.xlsx").is_file()
