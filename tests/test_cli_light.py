"""``jixiao evaluate FILE`` without typer (the entry point's light dispatch) does exactly what the typer
command does: the same standard output, error output and exit code for the same command line, and
anything the light parser does not understand still goes to typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli.evaluate_run import EvaluateArgs, parse_light
from tests.helpers import EXAMPLES, ROOT

WANZHOU = str(EXAMPLES / "wanzhou-2020.yaml")

# the installed entry point (light dispatch where it applies) and the typer app alone, same interpreter
_ENTRY = "import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.entry import main; main()"
_TYPER = "import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.app import main; main()"
_PROBE = ("import sys; sys.argv[0] = 'jixiao'; from jixiao.cli import entry\n"
          "entry._evaluate_light()\nprint('TYPER', 'typer' in sys.modules)")


def _run(code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120, stdin=subprocess.DEVNULL)


def _same(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    light, typer = _run(_ENTRY, *args, cwd=cwd), _run(_TYPER, *args, cwd=cwd)
    assert (light.returncode, light.stdout, light.stderr) == (typer.returncode, typer.stdout, typer.stderr)
    return light


def test_the_table_is_the_typer_commands(tmp_path: Path) -> None:
    run = _same("evaluate", WANZHOU)
    assert run.returncode == 0
    assert "得分：投入 5，过程 24.5，产出 46，效果 18.5；总分 94 分（满分 100）" in run.stdout
    assert "- 社会效益（6.5/8）：受疫情影响未完成新引进一所国外学校合作办学落户万州，扣1.5分" in run.stdout


@pytest.mark.parametrize("args", [
    ("evaluate", WANZHOU, "--json"),
    ("evaluate", "--json", WANZHOU, "-f", "national-2013"),  # options before and after the file
    ("evaluate", WANZHOU, "--framework", "chongqing-2020", "--framework", "national-2013"),  # the last one counts
    ("--debug", "evaluate", WANZHOU, "--json"),
    ("evaluate", str(EXAMPLES / "guangzhou-2021.xlsx"), "--json"),  # a workbook
])
def test_json_and_frameworks_are_the_typer_commands(args: tuple[str, ...]) -> None:
    run = _same(*args)
    assert run.returncode == 0
    if "--json" in args:
        assert run.stdout.startswith("{")
    else:  # the last --framework: the national framework's title
        assert "财预〔2013〕53号" in run.stdout.splitlines()[0]


def test_errors_are_the_typer_commands(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  initial: 三百\n", encoding="utf-8")
    run = _same("evaluate", str(bad))
    assert run.returncode == 1 and "应为数字" in run.stderr and "budget.initial" in run.stderr
    run = _same("evaluate", WANZHOU, "-f", "no-such-framework")
    assert run.returncode == 1 and "[错误]" in run.stderr
    run = _same("evaluate", WANZHOU, "--style", "no-such-style")
    assert run.returncode == 2 and "未知的报告样式" in run.stderr
    run = _same("evaluate", str(tmp_path / "missing.yaml"))
    assert run.returncode == 1 and "missing.yaml" in run.stderr
    (tmp_path / "out").write_text("x", encoding="utf-8")
    run = _same("evaluate", WANZHOU, "-o", str(tmp_path / "out"), "--format", "md")
    assert run.returncode == 2 and "不是文件夹" in run.stderr
    run = _same("evaluate", WANZHOU, "-o", str(tmp_path / "pkg"), "--format", "pdfx")
    assert run.returncode == 2 and "pdfx" in run.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".yaml", ".xlsx"}))
def test_every_example_table_is_the_typer_commands(name: str) -> None:
    run = _same("evaluate", str(EXAMPLES / name))
    assert run.returncode == 0 and "┏" in run.stdout and "得分：" in run.stdout, run.stderr


@pytest.mark.parametrize(("content", "expected"), [
    ("profile:\n  name: 测试局\n  year: 二〇二三\n", "应为整数"),  # wrong type
    ("budget:\n  initial: 100\n", "缺少必填项"),  # missing field
    ("profile:\n  name: 测试局\n  year: 2023\nexpenditure:\n  total: 12.5万\n", "应为数字"),  # text in a number
    ("profile:\n  name: 测试局\n  year: 2023\nbudget: [1, 2\n", "bad.yaml"),  # bad YAML
    ("profile:\n  name: 测试局\n  year: 2023\n  colour: red\n", "未知字段"),  # unknown field
    ("- just\n- a list\n", "一组字段"),  # not a mapping
    ("profile:\n  name: 测试局\n  year: 2023\nexpenditure:\n  total: -5\n", "不能为负数"),
    ("profile:\n  name: 测试局\n  year: 2023\nexpenditure:\n  basic: 10\n  personnel: 3\n  public: 3\n", "数据检查"),
])
def test_bad_input_is_the_typer_commands(tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    run = _same("evaluate", str(bad))
    assert expected in run.stdout + run.stderr, run.stdout + run.stderr


def test_bad_workbooks_are_the_typer_commands(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(EXAMPLES / "guangzhou-2021.xlsx")
    changed = None
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if changed is None and type(cell.value) in (int, float) and (cell.row or 0) > 2:
                    cell.value, changed = "三百万", f"{sheet.title}!{cell.coordinate}"
    assert changed is not None
    book.save(tmp_path / "text.xlsx")
    run = _same("evaluate", str(tmp_path / "text.xlsx"))
    assert run.returncode == 1 and "三百万" in run.stderr, run.stderr
    (tmp_path / "garbage.xlsx").write_bytes(b"not a workbook at all")
    run = _same("evaluate", str(tmp_path / "garbage.xlsx"))
    assert run.returncode != 0 and "garbage.xlsx" in run.stderr
    (tmp_path / "data.txt").write_text("x", encoding="utf-8")
    run = _same("evaluate", str(tmp_path / "data.txt"))
    assert run.returncode != 0 and "data.txt" in run.stderr


def test_a_package_is_the_typer_commands(tmp_path: Path) -> None:
    light = _run(_ENTRY, "evaluate", WANZHOU, "-o", str(tmp_path / "a"), "--format", "md,json")
    typer = _run(_TYPER, "evaluate", WANZHOU, "-o", str(tmp_path / "b"), "--format", "md,json")
    assert light.returncode == typer.returncode == 0, light.stderr + typer.stderr
    assert light.stdout.replace(str(tmp_path / "a"), "DIR") == typer.stdout.replace(str(tmp_path / "b"), "DIR")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir()) and "result.json" in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize(("args", "light"), [
    (("evaluate", WANZHOU), True),
    (("evaluate", WANZHOU, "--pdf", "--force", "--store", "--db", "x.db", "--style", "central"), True),
    (("evaluate", "--help"), False),
    (("evaluate",), False),
    (("evaluate", WANZHOU, WANZHOU), False),  # a batch
    (("evaluate", str(EXAMPLES)), False),  # a folder: a batch
    (("evaluate", WANZHOU, "--jobs", "2"), False),
    (("evaluate", WANZHOU, "--output=x"), False),
    (("evaluate", WANZHOU, "-o", "-x"), False),
    (("evaluate", WANZHOU, "-o"), False),
    (("evaluate", WANZHOU, "--unknown"), False),
    (("evaluate", "--", WANZHOU), False),
])
def test_what_the_light_parser_takes(args: tuple[str, ...], light: bool) -> None:
    parsed = parse_light(list(args[1:]))
    assert (parsed is not None) == light
    if args == ("evaluate", WANZHOU):
        assert parsed == EvaluateArgs(inputs=(Path(WANZHOU),))
    if parsed is not None and "--db" in args:
        assert parsed == EvaluateArgs(inputs=(Path(WANZHOU),), pdf=True, force=True, store=True, db="x.db",
                                      style="central")


@pytest.mark.parametrize(("args", "typer_loaded"), [
    (("evaluate", WANZHOU, "--json"), False),
    (("evaluate", "--help"), True),
    (("evaluate", WANZHOU, "--jobs", "1"), True),
])
def test_typer_parses_what_the_light_parser_leaves(args: tuple[str, ...], typer_loaded: bool) -> None:
    """Where the light dispatch applies it ends the process; otherwise it returns and typer runs."""
    run = _run(_PROBE, *args)
    if typer_loaded:
        assert run.stdout.splitlines()[-1] == "TYPER False", run.stderr  # returned without loading typer
    else:
        assert "TYPER" not in run.stdout and run.returncode == 0, run.stderr  # ran the command and exited


def test_help_of_evaluate_is_typers() -> None:
    run = _run(_ENTRY, "evaluate", "--help")
    assert run.returncode == 0 and "--framework" in run.stdout and "FILE|DIR..." in run.stdout
