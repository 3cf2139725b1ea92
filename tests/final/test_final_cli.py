"""``jixiao import-final``, ``evaluate`` on a 决算 and ``audit`` with the 决算 rules, in a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.test_cli import jixiao

DOC = "shanghai-putuo-sthjj-2025"


def test_import_final_writes_prefilled_workbook(rendered: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    out = tmp_path / "填报.xlsx"
    run = jixiao("import-final", str(rendered[DOC]["pdf"]), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "上海市普陀区生态环境局 2025年度部门决算" in run.stdout
    assert "7. 财政拨款“三公”经费支出决算表（单位：万元，第16页）1 行" in run.stdout
    wb = load_workbook(out)
    ws = wb["收支情况"]
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(4, 30)}
    basic = cells["基本支出（万元）"]
    assert basic.value == 3365.38
    assert basic.comment is not None
    assert "支出决算表「合计」行「基本支出」列（第8页 表5 第3行第4列）" in basic.comment.text
    assert cells["年初预算数（万元）"].value is None and cells["年初预算数（万元）"].comment is None  # not in a 决算: left to the user
    again = jixiao("import-final", str(rendered[DOC]["pdf"]), "-o", str(out))
    assert again.returncode == 1 and "文件已存在，未覆盖" in again.stderr
    evaluated = jixiao("evaluate", str(out), "--json")
    assert evaluated.returncode == 0, evaluated.stderr
    assert "上海市普陀区生态环境局" in evaluated.stdout


def test_import_final_json(rendered: dict[str, dict[str, Path]]) -> None:
    run = jixiao("import-final", str(rendered[DOC]["docx"]), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["department"]["expenditure"]["project"] == "1367.76"
    assert data["sources"]["three_public.actual_total"] == [
        "财政拨款“三公”经费支出决算表「“三公”经费」行「合计／决算数」列（表8 第5行第2列）"]
    assert len(data["tables"]) == 9


def test_evaluate_on_final_accounts_points_to_import(rendered: dict[str, dict[str, Path]]) -> None:
    run = jixiao("evaluate", str(rendered[DOC]["pdf"]))
    assert run.returncode == 1
    assert "这是「上海市普陀区生态环境局」2025年度部门决算（识别出 9 张决算表）" in run.stderr
    assert f"jixiao import-final {DOC}.pdf -o 填报.xlsx" in run.stderr


def test_audit_applies_final_rules(rendered: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    listed = jixiao("audit", "--list-rules")
    assert "final_cross_table" in listed.stdout and "final_prose" in listed.stdout
    result = tmp_path / "审核.json"
    jixiao("audit", str(rendered[DOC]["docx"]), "-o", str(result), "--disable", "final_table_sum")
    data = json.loads(result.read_text("utf-8"))
    rules = sorted(f["rule"] for r in data["reports"] for f in r["findings"] if f["rule"].startswith("final_"))
    # the general table-sum rule leaves a 决算's tables to the final_* rules (行次/栏次 rows are not figures)
    assert [f for r in data["reports"] for f in r["findings"] if f["rule"] == "table_sum"] == []
    assert rules == ["final_basic_detail", "final_basic_detail", "final_cross_table", "final_cross_table", "final_prose",
                     "final_prose", "final_prose", "final_totals"]


def test_import_final_refuses_an_output_it_cannot_write_before_reading(tmp_path: Path) -> None:
    """The same checks as ``jixiao template`` (one helper): a workbook name, not existing, in a folder that exists."""
    document = tmp_path / "决算.pdf"  # never read: the output is refused first
    for output, reason in ((tmp_path / "填报.docx", "输出文件应以 .xlsx 结尾"),
                           (tmp_path / "无此目录" / "填报.xlsx", f"目录 {tmp_path / '无此目录'} 不存在")):
        for command in (("import-final", str(document), "-o", str(output)), ("template", str(output))):
            run = jixiao(*command)
            assert run.returncode == 1 and f"[错误] 文件 {output}：{reason}" in run.stderr, (command, run.stderr)
            assert not output.exists()
