"""The command line's frame in Chinese: help headings, usage errors with the usage line and the help hint.

Each case runs the installed entry point in a fresh interpreter (``python -m jixiao``) and compares the
whole message; typer's English (``Usage:``, ``Show this message and exit.``, ``Missing argument``) must not
reach the user.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jixiao.cli.chinese import translate
from tests.helpers import EXAMPLES, ROOT

ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "Error", "Try ", "[required]",
           "Missing", "No such", "Invalid value")


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, stdin=subprocess.DEVNULL)


def _no_english(text: str) -> None:
    assert not [w for w in ENGLISH if w in text], text


EVALUATE_HINT = ["用法：python -m jixiao evaluate [OPTIONS] {FILE|DIR...}...",
                 "运行「python -m jixiao evaluate --help」查看帮助。"]


@pytest.mark.parametrize(("args", "first"), [
    (("evaluate",), "[错误] 缺少参数 FILE|DIR..."),
    (("evaluate", "--bogus", "x.yaml"), "[错误] 没有选项 --bogus（是否想用：--jobs）"),
    (("evaluate", "a.yaml", "--frame", "x"), "[错误] 没有选项 --frame（是否想用：--force、--format、--framework）"),
    (("evaluate", "--jobs", "abc", "x.yaml"), "[错误] --jobs / -j 的值不对：应为整数"),
])
def test_usage_errors_of_a_command(args: tuple[str, ...], first: str) -> None:
    done = jixiao(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [first, *EVALUATE_HINT]


def test_unknown_command_names_it_with_the_programs_usage() -> None:
    done = jixiao("evalute", "x.yaml")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["[错误] 没有命令「evalute」（是否想用：evaluate）", "用法：python -m jixiao [OPTIONS] COMMAND [ARGS]...",
                                        "运行「python -m jixiao --help」查看帮助。"]


def test_an_option_without_its_value() -> None:
    done = jixiao("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"), "-o")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "[错误] 选项 -o 后面需要一个值"
    _no_english(done.stderr)


def test_command_help_frame_is_chinese() -> None:
    done = jixiao("evaluate", "--help")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "用法：python -m jixiao evaluate [OPTIONS] {FILE|DIR...}..."
    assert "参数：" in lines and "选项：" in lines
    assert any(line.strip().startswith("--help") and line.endswith("显示本帮助并退出。") for line in lines)
    assert any(line.startswith("  FILE|DIR...") and line.endswith("[必填]") for line in lines)
    _no_english(done.stdout)


def test_a_bare_group_prints_its_help_in_chinese_and_exits_2() -> None:
    done = jixiao("db")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "用法：python -m jixiao db [OPTIONS] COMMAND [ARGS]..."
    assert "命令：" in done.stderr.splitlines()
    _no_english(done.stderr)


def test_a_command_exit_code_is_kept() -> None:
    done = jixiao("evaluate", "--style", "zz", str(EXAMPLES / "wanzhou-2020.yaml"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["[错误] 未知的报告样式：zz；可选：central、score-sheet"]
    ok = jixiao("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"))
    assert ok.returncode == 0, ok.stderr


def test_the_top_level_help_frame_is_chinese() -> None:
    done = jixiao("--help")
    assert done.returncode == 0
    assert done.stdout.splitlines()[:1] == ["用法：python -m jixiao [OPTIONS] COMMAND [ARGS]..."]
    assert "选项：" in done.stdout and "命令：" in done.stdout and "  --help   显示本帮助并退出。" in done.stdout
    _no_english(done.stdout)


@pytest.mark.parametrize(("english", "chinese"), [
    ("Input should be greater than or equal to 1", "应不小于 1"),
    ("No such command 'nosuch'.", "没有命令「nosuch」"),
    ("Got unexpected extra arguments (a b)", "多余的参数：a b"),
    ("Option '--db' requires 2 arguments.", "选项 --db 后面需要 2 个值"),
    ("Something typer says that is not listed", "Something typer says that is not listed"),
])
def test_translate(english: str, chinese: str) -> None:
    assert translate(english) == chinese
