"""What a new user met, each fixed with its own test (issue 9, item 8). The survey groups, the finance
bureau of the department's own region and year, and the one-figure report are tested where they live
(tests/test_rules.py, tests/report/test_package.py, tests/report/test_one_truth.py)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from rich.cells import cell_len

from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import bundled_ids, get_framework
from jixiao.intake.template import instruction_lines, write_workbook
from jixiao.intake.workbook import read_workbook
from jixiao.report.charts import render_chart
from jixiao.report.content import build_report
from tests.helpers import ROOT, department


def run(*args: str, columns: int = 80) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_charts_leave_out_what_was_never_entered() -> None:
    """No bar of 0.00 for a budget nobody entered: a series without values is dropped, a missing value is
    no bar."""
    dy = department(three_public={"items": [{"kind": "reception", "actual": "2.5"},
                                            {"kind": "vehicle", "actual": "1.2"}]},
                    expenditure={"basic": "100", "project": "20"})
    fw = get_framework("national-2013")
    report = build_report(dy, evaluate(dy, fw), fw)
    chart = next(c for c in report.charts if c.key == "three-public")
    assert [name for name, _ in chart.series] == ["实际支出"]
    assert chart.series[0][1] == (Decimal("2.5"), Decimal("1.2"))
    assert "budget-structure" not in {c.key for c in report.charts}  # basic + project without a total's shares
    mixed = department(three_public={"items": [{"kind": "reception", "budget": "3", "actual": "2.5"},
                                               {"kind": "vehicle", "actual": "1.2"}]})
    chart = next(c for c in build_report(mixed, evaluate(mixed, fw), fw).charts if c.key == "three-public")
    assert [(name, values) for name, values in chart.series] == [
        ("预算数", (Decimal(3), None)), ("实际支出", (Decimal("2.5"), Decimal("1.2")))]
    assert render_chart(chart)[:8] == b"\x89PNG\r\n\x1a\n"  # a gap draws no bar and no label


def test_the_percent_hint_says_what_a_number_in_a_percent_cell_means(tmp_path: Path) -> None:
    hint = dict(instruction_lines(None))["百分比"]
    assert "1.2 即 1.2%（不是 120%）" in hint
    # what Excel stores when 1.2 is typed into a percentage cell (0.012, shown as 1.20%) reads as 1.2%
    path = tmp_path / "t.xlsx"
    write_workbook(path, department(official_card={"rate": "50"}), None)
    wb = load_workbook(path)
    ws = wb["公用经费"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 0.5)
    assert "%" in cell.number_format
    cell.value = 0.012
    wb.save(path)
    dy, findings = read_workbook(path)
    assert dy is not None and dy.official_card.rate == Decimal("1.2"), findings


def test_the_template_has_the_users_normal_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_workbook(tmp_path / "填报.xlsx")
        out = run("template", str(tmp_path / "cli.xlsx"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "填报.xlsx").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "cli.xlsx").stat().st_mode) == 0o644, out


def test_listings_are_readable_at_80_columns() -> None:
    frameworks = run("frameworks", "list")
    rules = run("audit", "--list-rules")
    for text in (frameworks, rules):
        assert not any(line.endswith("…") for line in text.splitlines())  # nothing cut off
        assert max(cell_len(line) for line in text.splitlines()) <= 80
    for fid in bundled_ids():
        fw = get_framework(fid)
        assert f"\n{fid}\n" in frameworks
        assert fw.name in frameworks.replace("\n    ", "")
        if fw.document:
            assert fw.document in frameworks.replace("\n    ", "")
    from jixiao.audit.rules import RULES

    joined = rules.replace("\n    ", "")
    for r in RULES:
        assert f"{r.name}　{r.title}" in rules and r.description in joined


def test_no_test_asserts_something_or_true() -> None:
    tests = Path(__file__).resolve().parent
    offenders = [str(p) for p in tests.rglob("*.py") if "or True" in p.read_text(encoding="utf-8")
                 and p.name != "test_new_user.py"]
    assert offenders == []
