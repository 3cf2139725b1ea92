"""The blank template and the ``jixiao template`` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jixiao.frameworks import get_framework
from jixiao.intake.template import COMPUTED_FILL, INPUT_FILL, framework_rows, write_workbook
from tests.helpers import EXAMPLES, ROOT

SHEETS = ["说明", "基本信息", "人员编制", "收支情况", "项目支出", "“三公”经费", "公用经费", "政府采购", "资产",
          "支付进度", "绩效目标", "重点任务", "管理评价", "满意度调查", "上年数据", "变动原因", "自评组织"]


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("t") / "blank.xlsx"
    write_workbook(path, None, get_framework("chongqing-district-2020"))
    return openpyxl.load_workbook(path)


def test_sheets_in_order(blank: openpyxl.Workbook) -> None:
    assert blank.sheetnames == SHEETS


def test_headers_units_and_frozen_panes(blank: openpyxl.Workbook) -> None:
    ws = blank["“三公”经费"]
    assert [c.value for c in ws[5]][:6] == ["类别*", "预算数（万元）", "实际支出（万元）", "上年实际支出（万元）",
                                            "上年预算数（万元）", "是否纳入预算口径"]
    assert ws.freeze_panes == "A6"
    assert blank["收支情况"].freeze_panes == "B4"
    assert blank["满意度调查"]["D3"].value == "满意度（%）"
    assert blank["人员编制"]["A4"].value == "编制数（人）"
    assert blank["项目支出"].column_dimensions["A"].width == 18  # room to type a project name (half of 36)


def test_validations(blank: openpyxl.Workbook) -> None:
    def rules(name: str) -> dict[str, tuple[str | None, str | None, str | None]]:
        ws = blank[name]
        return {str(dv.sqref): (dv.type, dv.operator, dv.formula1) for dv in ws.data_validations.dataValidation}

    three = rules("“三公”经费")
    assert three["A7:A26"] == ("list", None, '"因公出国（境）费,公务用车购置费,公务用车运行维护费,公务用车购置及运行费,公务接待费,外事接待费"')
    assert three["B7:B26"] == ("decimal", "greaterThanOrEqual", "0")
    assert three["F7:F26"] == ("list", None, '"是,否"')
    targets = rules("绩效目标")
    assert targets["D4:D23"] == ("list", None, '"≥,≤,=,定性"')
    assert rules("支付进度")["B4:B23"] == ("date", "greaterThan", "DATE(2000,1,1)")
    assert rules("重点任务")["D4:D23"] == ("decimal", "between", "0")
    assert rules("收支情况")["B5"] == ("decimal", "between", "-1E+12")  # 年中调整 may be negative
    assert rules("人员编制")["B4"] == ("whole", "greaterThanOrEqual", "0")


def test_input_and_computed_cells_look_different(blank: openpyxl.Workbook) -> None:
    kv = blank["收支情况"]
    assert kv["B4"].fill.fgColor.rgb == INPUT_FILL.fgColor.rgb
    assert kv["A22"].value == "核对：基本支出 + 项目支出（万元）"
    assert kv["B22"].value == "=N(B12)+N(B15)"
    assert kv["B22"].fill.fgColor.rgb == COMPUTED_FILL.fgColor.rgb != INPUT_FILL.fgColor.rgb
    assert blank["项目支出"]["F3"].value == "执行率（核对）（%）"
    assert blank["项目支出"]["F4"].fill.fgColor.rgb == COMPUTED_FILL.fgColor.rgb


def test_management_sheet_lists_exactly_the_framework_items(blank: openpyxl.Workbook) -> None:
    ws = blank["管理评价"]
    rows = [(ws[f"A{r}"].value, ws[f"B{r}"].value) for r in range(4, ws.max_row + 1) if ws[f"B{r}"].value]
    assert rows == [
        ("清单事项", "finance_rules_exist"), ("清单事项", "finance_rules_complete"), ("清单事项", "finance_rules_executed"),
        ("清单事项", "budget_disclosed"), ("清单事项", "final_accounts_disclosed"), ("清单事项", "disclosure_timely"),
        ("清单事项", "basic_info_complete"), ("清单事项", "basic_info_accurate"), ("清单事项", "asset_rules_exist"),
        ("清单事项", "asset_rules_executed"), ("清单事项", "assets_intact"), ("清单事项", "assets_allocation"),
        ("清单事项", "assets_accounts"), ("清单事项", "assets_income"),
        ("扣分事项", "fund_violation"),
        ("人工评分", "economic_benefit"), ("人工评分", "social_benefit"),
    ]
    assert ws["C4"].value == "已制定预算资金管理办法、内部财务管理制度、会计核算制度等"
    assert ws["D4"].value == "管理制度健全性" and ws["E4"].value == 0.5
    assert len(framework_rows(get_framework("chongqing-district-2020"))) == 17


def test_unfilled_framework_rows_are_missing_not_items(tmp_path: Path) -> None:
    from jixiao.intake.workbook import read_workbook

    path = tmp_path / "blank.xlsx"
    write_workbook(path, None, get_framework("chongqing-district-2020"))
    wb = openpyxl.load_workbook(path)
    wb["基本信息"]["B4"] = "测试局"
    wb["基本信息"]["B5"] = 2020
    wb["管理评价"]["F5"] = "否"
    wb["管理评价"]["J5"] = "制度不全"
    wb.save(path)
    dy, findings = read_workbook(path)
    assert findings == []
    assert dy is not None
    assert [(m.key, m.satisfied, m.note) for m in dy.management] == [("finance_rules_complete", False, "制度不全")]
    assert dy.incidents == [] and dy.manual_scores == []


def test_template_command_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    run = jixiao("template", str(out), "--framework", "chongqing-district-2020")
    assert run.returncode == 0, run.stderr
    assert openpyxl.load_workbook(out).sheetnames == SHEETS
    before = out.read_bytes()
    again = jixiao("template", str(out))
    assert again.returncode == 1
    assert "文件已存在，未覆盖；如需覆盖请加 --force" in again.stderr
    assert out.read_bytes() == before
    forced = jixiao("template", str(out), "--from", str(EXAMPLES / "wanzhou-2020.yaml"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes() == (EXAMPLES / "wanzhou-2020.xlsx").read_bytes()


def test_failed_template_run_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile: {name: 测试局, year: 2023}\nbudget: {initial: -5}\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    run = jixiao("template", str(out), "--from", str(bad))
    assert run.returncode == 1
    assert "不能为负数" in run.stderr
    assert list(tmp_path.iterdir()) == [bad]


def test_evaluate_workbook_reports_every_cell_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_workbook(path, None)
    wb = openpyxl.load_workbook(path)
    wb["基本信息"]["B4"] = "测试局"
    wb["基本信息"]["B5"] = 2023
    wb["收支情况"]["B4"] = "三百"
    wb["项目支出"]["A4"] = "办公楼维修"
    wb["项目支出"]["B4"] = -1
    wb.save(path)
    run = jixiao("evaluate", str(path), "--json")
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines == [
        f"[错误] 文件 {path}，工作表「收支情况」，单元格 B4：「年初预算数」应为金额（只填阿拉伯数字，如 300 或 12.5），实际为「三百」",
        f"[错误] 文件 {path}，工作表「项目支出」，单元格 B4：「项目预算」金额不能为负数，实际为「-1」",
    ]
    assert run.stdout == ""
    json.dumps(lines)  # the messages are plain text


def test_every_input_cell_has_an_input_message(blank: openpyxl.Workbook) -> None:
    """Selecting any yellow cell shows what to enter (the field's help, or what its kind expects)."""
    from openpyxl.worksheet.cell_range import MultiCellRange

    checked = 0
    for ws in blank.worksheets[1:]:
        prompts: list[tuple[MultiCellRange, str]] = [
            (dv.sqref, dv.prompt) for dv in ws.data_validations.dataValidation if dv.showInputMessage and dv.prompt]
        for row in ws.iter_rows():
            for cell in row:
                if cell.fill.fgColor.rgb != INPUT_FILL.fgColor.rgb:
                    continue
                found = [p for rng, p in prompts if cell.coordinate in rng]
                assert len(found) == 1 and 0 < len(found[0]) <= 255, (ws.title, cell.coordinate, found)
                checked += 1
    assert checked > 300
    assert any("Alt+Enter" in str(dv.prompt) for dv in blank["基本信息"].data_validations.dataValidation)
