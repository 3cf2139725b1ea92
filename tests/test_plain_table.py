"""The plain-text table of ``jixiao evaluate FILE`` (:mod:`jixiao.cli.plain`, printed without importing
rich's console) is, character for character, what rich prints on a plain console: every example under
every bundled framework at widths from narrow to wide, and cell text chosen to hit rich's edge cases
(long words, spaces, mixed widths, wide characters cut at the column edge, missing data)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from jixiao.cli.plain import plain_report as _pieces
from jixiao.cli.render import print_checks, print_missing, print_result
from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.findings import Finding, Location, Severity
from jixiao.frameworks import bundled_ids, get_framework
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department
from jixiao.model.records import replace
from tests.helpers import EXAMPLES


def plain_report(result: EvaluationResult, checks: list[Finding], width: int, styled: bool = False) -> str | None:
    pieces = _pieces(result, checks, width, styled)
    return None if pieces is None else "".join(pieces)


WIDTHS = (30, 41, 57, 80, 99, 120, 200, 320)
CHECKS = [Finding("model.basic-sum", Severity.WARNING, "人员经费 + 公用经费 = 1.00 万元，与基本支出不一致",
                  Location(file="a.yaml", line=3, path="expenditure.basic"))]


def _rich(result: EvaluationResult, checks: list[Finding], width: int, styled: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, highlight=False, soft_wrap=True, markup=False, emoji=False,
                      force_terminal=styled, color_system="standard" if styled else None)
    print_result(console, result)
    print_missing(console, result)
    print_checks(console, checks)
    return buffer.getvalue()


@cache
def _example(name: str) -> DepartmentYear:
    dy, _ = load_department(EXAMPLES / name)
    assert dy is not None
    return dy


@pytest.mark.parametrize("framework", bundled_ids())
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_under_every_framework(name: str, framework: str) -> None:
    result = evaluate(_example(name), get_framework(framework))
    for width in WIDTHS:
        for checks, styled in (([], False), (CHECKS, False), (CHECKS, True)):
            assert plain_report(result, checks, width, styled) == _rich(result, checks, width, styled), \
                (name, framework, width, styled)


NOTES = [
    "完成程度为50.00%，未达到目标100.00%，得分 = 8 × 50.00% ÷ 100.00% = 4分",
    "a" * 90,  # one word longer than the column: folded in 说明, cut with … in 指标
    "word " * 30 + "   trailing spaces   ",
    "中文English混排ＡＢＣ全角，标点。结尾",
    "x" * 7 + "中" * 40 + " tail",
    "emoji 👍 and combining é and 𠀀 outside the BMP",
    "",
]


@pytest.mark.parametrize("note", NOTES)
def test_hostile_cell_text(note: str) -> None:
    dy = _example("wanzhou-2020.yaml")
    tasks = [replace(t, **{"completion": 40, "note": note, "name": note[:60] or t.name}) for t in dy.key_tasks]
    changed = replace(dy, **{"key_tasks": tasks, "profile": replace(dy.profile, **{"name": note[:70] or "局"})})
    result = evaluate(changed, get_framework("chongqing-district-2020"))
    for width in WIDTHS:
        for styled in (False, True):
            assert plain_report(result, CHECKS, width, styled) == _rich(result, CHECKS, width, styled), (width, styled)


@pytest.mark.parametrize("text", ["tab\there", "line\nbreak", "bell\x07", "nel\x85", "sep\u2028x", "cr\r"])
def test_text_rich_would_change_is_left_to_rich(text: str) -> None:
    result = evaluate(_example("wanzhou-2020.yaml"), get_framework("chongqing-district-2020"))
    assert plain_report(result, [], 80) is not None
    finding = Finding("x", Severity.WARNING, text, Location(file="a.yaml"))
    assert plain_report(result, [finding], 80) is None


_SPARSE = ("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  final: 100\n"
           "expenditure:\n  total: 90\n  basic: 10\n  personnel: 3\n  public: 3\n"
           "key_tasks:\n  - name: 任务一\n    completion: 60\n    note: 资金未到位\n")


@pytest.mark.parametrize("name", ["wanzhou-2020.yaml", "nanchang-2017.xlsx", "sparse.yaml"])
def test_the_command_prints_the_same_either_way(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """``jixiao evaluate FILE`` itself (the table, missing data, the checks of the input, in their order)
    through the plain printer and through rich."""
    from jixiao.cli import evaluate_run, plain

    path = EXAMPLES / name
    if name == "sparse.yaml":
        path = tmp_path / name
        path.write_text(_SPARSE, encoding="utf-8")
    args = evaluate_run.EvaluateArgs(inputs=(path,))
    outputs = []
    for width in (None, 100):  # None: the console is not plain, rich prints
        monkeypatch.setattr(plain, "console_target", lambda w=width: None if w is None else (w, False))
        monkeypatch.setattr(evaluate_run, "out", Console(width=100, highlight=False, soft_wrap=True, markup=False,
                                                         emoji=False))
        evaluate_run.run_evaluate(args)
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out and outputs[0].err == outputs[1].err
    assert "得分：" in outputs[0].out and ("数据检查：" in outputs[0].out) == (name == "sparse.yaml")


@pytest.mark.parametrize("framework", bundled_ids())
def test_missing_and_partial_scores(framework: str, tmp_path: Path) -> None:
    """Red 缺数据, the yellow * of a partly scored parent, the red gaps in 说明, 缺少数据 in bold red."""
    path = tmp_path / "sparse.yaml"
    path.write_text(_SPARSE, encoding="utf-8")
    dy, _ = load_department(path)
    assert dy is not None
    result = evaluate(dy, get_framework(framework))
    assert result.missing_count > 0
    for width in WIDTHS:
        for styled in (False, True):
            assert plain_report(result, CHECKS, width, styled) == _rich(result, CHECKS, width, styled), (width, styled)
    if framework == "national-2013":
        assert "*" in (plain_report(result, [], 200) or "")


_ALPHABET = st.sampled_from(list("ab xyZ09.,%*-_/()") + list("中文预算执行率　，。；：“”（）「」") + ["👍", "é", "é", "𠀀", "Ａ", "…"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(st.text(_ALPHABET, max_size=120), min_size=1, max_size=4),
       name=st.text(_ALPHABET, min_size=1, max_size=40), width=st.integers(30, 220), styled=st.booleans())
def test_random_text_and_widths(notes: list[str], name: str, width: int, styled: bool) -> None:
    dy = _example("wanzhou-2020.yaml")
    tasks = [replace(t, **{"completion": 40 + 10 * (i % 4), "note": notes[i % len(notes)] or None,
                                  "name": (notes[i % len(notes)][:30].strip() or t.name)})
             for i, t in enumerate(dy.key_tasks)]
    changed = replace(dy, **{"key_tasks": tasks, "profile": replace(dy.profile, **{"name": name})})
    result = evaluate(changed, get_framework("chongqing-district-2020"))
    assert plain_report(result, CHECKS, width, styled) == _rich(result, CHECKS, width, styled)


@pytest.mark.parametrize("styled", [False, True])
def test_findings_of_bad_input(styled: bool, tmp_path: Path) -> None:
    """``exit_with_findings`` (a file that cannot be read) writes what rich's ``print_findings`` writes."""
    from jixiao.cli.plain import finding_pieces
    from jixiao.cli.render import print_findings

    path = tmp_path / "bad.yaml"
    path.write_text("profile:\n  name: 测试局\n  year: 二〇二三\n  colour: red\nbudget:\n  initial: -3\n"
                    "expenditure: [1\n", encoding="utf-8")
    findings = [*load_department(path)[1], *CHECKS,
                Finding("x", Severity.INFO, "说明", Location(file="a.yaml")),
                Finding("y", Severity.ERROR, "", Location())]
    path.write_text("profile:\n  name: 测试局\n  year: 二〇二三\n  colour: red\nbudget:\n  initial: -3\n",
                    encoding="utf-8")
    findings += load_department(path)[1]
    assert len(findings) >= 6
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, highlight=False, soft_wrap=True, markup=False, emoji=False,
                      force_terminal=styled, color_system="standard" if styled else None)
    print_findings(console, findings)
    assert "".join(finding_pieces(findings, styled) or []) == buffer.getvalue()
    assert finding_pieces([Finding("z", Severity.ERROR, "tab\there", Location())], styled) is None
