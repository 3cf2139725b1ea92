"""Parts-versus-totals checks at intake: warnings that name the cell of the stated total."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from jixiao.findings import Severity
from jixiao.intake.workbook import read_workbook
from tests.intake.intake_helpers import edited, errors

CASES = [
    # (sheet, cell, new value, code, cell named, message)
    ("收支情况", "B11", 990.12, "model.expenditure-sum", "B11",
     "基本支出 + 项目支出 = 980.12 万元，与支出合计 990.12 万元不一致（相差 10.00 万元，超过尾差容许 0.02 万元）"),
    ("收支情况", "B12", 600.2, "model.basic-sum", "B12",
     "人员经费 + 公用经费 = 600.12 万元，与基本支出 600.20 万元不一致（相差 0.08 万元，超过尾差容许 0.02 万元）"),
    ("“三公”经费", "C6", 11, "model.three-public-actual-sum", "C6",
     "因公出国（境）费 + 公务用车运行维护费 + 公务接待费 + 外事接待费 = 10.58 万元，与“三公”经费实际支出合计 11.00 万元不一致"
     "（相差 0.42 万元，超过尾差容许 0.04 万元）"),
    ("政府采购", "B5", 185, "model.procurement-sum", "B5",
     "货物 + 工程 + 服务 = 180.00 万元，与政府采购实际金额 185.00 万元不一致（相差 5.00 万元，超过尾差容许 0.03 万元）"),
    ("资产", "C7", 1300, "model.fixed-assets-sum", "C7",
     "房屋 + 车辆 = 1200.00 万元，与固定资产合计 1300.00 万元不一致（相差 100.00 万元，超过尾差容许 0.02 万元）"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "code", "named", "message"), CASES, ids=[c[3] for c in CASES])
def test_sum_mismatch_is_a_warning_naming_the_total_cell(
    tmp_path: Path, sheet: str, cell: str, value: float, code: str, named: str, message: str
) -> None:
    def edit(wb: Workbook) -> None:
        wb[sheet][cell] = value

    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is not None and errors(findings) == []
    [f] = [f for f in findings if f.code == code]
    assert f.severity is Severity.WARNING
    assert (f.location.sheet, f.location.cell) == (sheet, named)
    assert f.message == message


def test_differences_within_the_rounding_tolerance_pass(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["收支情况"]["B12"] = 600.14  # 500.1 + 100.02 = 600.12; 0.02 is within 2 × 0.01

    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is not None
    assert [f for f in findings if f.code == "model.basic-sum"] == []


def test_the_full_model_has_no_warnings(tmp_path: Path) -> None:
    dy, findings = read_workbook(edited(tmp_path, lambda wb: None))
    assert dy is not None and findings == []
