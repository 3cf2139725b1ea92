"""A 项目支出绩效自评指标计分表 without a 分值 column: each indicator's 分值 is written in its level cell
("决策依据（4分）") and the 评价标准 cell beside it lists the points of its criteria ("符合规定(1分) 列入计划(1分)").
The criteria points are parts of one indicator, not the indicator's 分值: a block's 分值 is checked against the
level cells below it. (The layout follows a county 残联 计分表 of held-out-6, hunan-datonghu-cjr-jfb-2020, whose
renderings gave two false 错误 on its first run; this workbook is our own, figures chosen to add up by hand.)"""

from __future__ import annotations

from pathlib import Path

from jixiao.audit.api import audit_path
from jixiao.audit.finding import ERROR
from tests.audit.audit_helpers import sheet_workbook

HEADER = ["一级指标", "二级指标", "三级指标", "具体指标", "评价标准", "得分"]


def _rows(second_block: str, top: str = "决策（15分）", first_block: str = "决策过程（8分）") -> list[list[str]]:
    return [
        HEADER,
        [top, first_block, "立项依据（4分）", "符合规定和规划", "符合法规(1分) 符合规划(1分) 列入计划(2分)", ""],
        [top, first_block, "立项程序（4分）", "程序合规", "申报合规(3分) 调整有手续(1分)", ""],
        [top, second_block, "分配办法（3分）", "办法健全", "有办法(1分) 因素合理(2分)", ""],
        [top, second_block, "分配结果（4分）", "分配合理", "符合办法(2分) 公平(2分)", ""],
    ]


def _workbook(tmp_path: Path, rows: list[list[str]]) -> Path:
    return sheet_workbook(tmp_path, "计分表", rows)


def test_criteria_points_are_not_taken_for_the_indicator_weights(tmp_path: Path) -> None:
    # 决策过程 8 = 4 + 4 and 资金分配 7 = 3 + 4; the criteria cells hold 1 + 1 + 2 and 2 + 2 points, whose last
    # bracket (2, 1, 2, 2) was read as each row's 分值 before: 8 against 2 + 1 = 3, 7 against 2 + 2 = 4
    report = audit_path(_workbook(tmp_path, _rows("资金分配（7分）")))
    assert [f for f in report.findings if f.severity == ERROR] == []
    # checked: 决策 15 = 8 + 7, 决策过程 8 = 4 + 4, 资金分配 7 = 3 + 4
    assert [r.rule for r in report.relations].count("table_weight_sum") == 3


def test_a_block_whose_indicators_do_not_add_up_is_named(tmp_path: Path) -> None:
    # planted: 决策过程 stated as 9分, its indicators give 4 + 4 = 8 (决策 16 = 9 + 7 holds); the table's last
    # block is not the place for it, since a table cut at its end spares its last chain of blocks
    report = audit_path(_workbook(tmp_path, _rows("资金分配（7分）", "决策（16分）", "决策过程（9分）")))
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in report.findings] == [
        ("table_weight_sum", "计分表!B2（表1 第2行 二级指标）", "9", "8", ERROR)]


def test_a_name_written_on_every_row_is_one_block(tmp_path: Path) -> None:
    # the sheet repeats 决策（15分） and each 二级 name on every row instead of merging the cells: still one block
    # each (15 = 8 + 7); a planted 15 against 8 + 8 is named once, on the first row of the block
    rows = _rows("资金分配（8分）")
    assert not any(isinstance(c, type(None)) for r in rows for c in r)
    report = audit_path(_workbook(tmp_path, rows))
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in report.findings] == [
        ("table_weight_sum", "计分表!A2（表1 第2行 一级指标）", "15", "16", ERROR)]
