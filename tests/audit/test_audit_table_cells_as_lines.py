"""Forms whose cells the auditor reads one cell a line (a web copy writes them so) as real tables of a Word file or a
workbook: the cover's 人员编制 / 实有人数 pair, the 基础数据表's staffing block (编制数 | 实际在职人数 | 控制率) and its
经费控制情况 block, titled by the paragraph above the table with the table's corner cell left empty. These were read
only from text lines, so the renderings of held-out-10 hunan-yiyang-zgh and held-out-11 hunan-xiangyin-lgbhdzx checked
none of them. A real table's cells now follow the text lines, row by row, after its caption. The 年度绩效目标 weight
written only in the title above a Word table of its indicator blocks is read with them (held-out-9 hubei-huangshi-tsg).
Forms and figures are ours; every expectation computed by hand.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from jixiao.audit.api import AuditReport, audit_path
from tests.audit.audit_helpers import add_docx_table


def _word(tmp_path: Path, *tables: tuple[str, list[list[str]]]) -> Path:
    d = docx.Document()
    d.add_paragraph("某区档案馆2023年度部门整体支出绩效自评报告")
    for caption, rows in tables:
        d.add_paragraph(caption)
        add_docx_table(d, rows)
    path = tmp_path / "自评.docx"
    d.save(str(path))
    return path


def _checked(report: AuditReport, rule: str) -> list[tuple[str, tuple[str, ...], str]]:
    return sorted((str(r.stated), tuple(sorted(str(o) for o in r.operands)), r.location)
                  for r in report.relations if r.rule == rule)


def _found(report: AuditReport) -> list[tuple[str, str, str, str, str]]:
    return [(f.rule, f.severity, f.location, f.stated, f.expected) for f in report.findings]


def _cover(posts: str, people: str) -> tuple[str, list[list[str]]]:
    return "一、部门基本概况", [["联系人", "王某", "联系电话", "(略)"], ["人员编制", posts, "实有人数", people]]


def test_cover_staffing_in_a_word_table(tmp_path: Path) -> None:
    report = audit_path(_word(tmp_path, _cover("25", "24")))
    assert _found(report) == []
    assert _checked(report, "staffing") == [("24", ("25",), "表1第2行第4列")]


def test_cover_staffing_over_the_posts(tmp_path: Path) -> None:
    # 27 people in post against 25 posts: a 提示
    assert _found(audit_path(_word(tmp_path, _cover("25", "27")))) == [
        ("staffing", "提示", "表1第2行第4列", "27人", "≤25人")]


def _staff_block(rate: str) -> tuple[str, list[list[str]]]:
    return "财政供养人员情况(人)", [["编制数", "2023年实际在职人数", "控制率"], ["40", "38", rate]]


def test_staffing_block_in_a_word_table(tmp_path: Path) -> None:
    # 38 ÷ 40 = 95%
    report = audit_path(_word(tmp_path, _staff_block("95%")))
    assert _found(report) == []
    assert _checked(report, "table_staffing") == [("38", ("40",), "表1第2行第2列"),
                                                  ("95", ("38", "40"), "表1第2行第3列")]
    assert _found(audit_path(_word(tmp_path, _staff_block("97.5%")))) == [
        ("table_staffing", "错误", "表1第2行第3列", "97.5%", "95.0%")]


# 支出总额 = 基本支出 + 项目支出 in each year: 2022 380.00 + 120.00 = 500.00, 2023 400.00 + 150.50 = 550.50; the 其中
# 公用经费 row is a part of 基本支出 (60.00 ≤ 380.00, 65.00 ≤ 400.00).
def _control(total_2023: str) -> tuple[str, list[list[str]]]:
    return "经费控制情况(万元)", [
        ["", "2022年决算数", "2023年决算数"],
        ["支出总额", "500.00", total_2023],
        ["基本支出", "380.00", "400.00"],
        ["其中:公用经费", "60.00", "65.00"],
        ["项目支出", "120.00", "150.50"],
    ]


def test_control_block_titled_above_its_word_table(tmp_path: Path) -> None:
    report = audit_path(_word(tmp_path, _control("550.50")))
    assert _found(report) == []
    assert _checked(report, "table_control") == [
        ("380.00", ("60.00",), "表1第3行第2列"), ("400.00", ("65.00",), "表1第3行第3列"),
        ("500.00", ("120.00", "380.00"), "表1第2行第2列"), ("550.50", ("150.50", "400.00"), "表1第2行第3列")]


def test_control_block_total_off(tmp_path: Path) -> None:
    findings = _found(audit_path(_word(tmp_path, _control("560.50"))))
    assert ("table_control", "错误", "表1第2行第3列", "560.50", "550.50") in findings


def test_both_blocks_on_a_workbook_sheet(tmp_path: Path) -> None:
    # a sheet with the title in its first row, the staffing block, then the control block: one run of cells
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "基础数据表"
    caption, rows = _staff_block("95%")
    ws.append([caption])
    for row in rows:
        ws.append(row)
    caption, rows = _control("550.50")
    ws.append([caption, *rows[0][1:]])
    for row in rows[1:]:
        ws.append(row)
    path = tmp_path / "基础数据表.xlsx"
    wb.save(str(path))
    report = audit_path(path)
    assert _found(report) == []
    assert [s for s, _, _ in _checked(report, "table_staffing")] == ["38", "95"]
    assert _checked(report, "table_control")[-2:] == [("500.00", ("120.00", "380.00"), "基础数据表!B5"),
                                                     ("550.50", ("150.50", "400.00"), "基础数据表!C5")]


def _goal(outcome: str) -> tuple[str, list[list[str]]]:
    return "年度绩效目标1 (80分)", [
        ["一级指标", "二级指标", "三级指标", "年初目标值", "得分"],
        ["产出指标(50分)", "数量指标", "修缮库房面积", "600平方米", "25"],
        ["", "质量指标", "验收合格率", "100%", "25"],
        [f"效益指标({outcome}分)", "社会效益指标", "档案查阅便利度", "提升", "30"],
    ]


def test_goal_weight_in_the_title_above_a_word_table(tmp_path: Path) -> None:
    # the goal's 80 is written only in the title above the table: 50 + 30 = 80
    report = audit_path(_word(tmp_path, _goal("30")))
    assert _checked(report, "goal_weights") == [("80", ("30", "50"), "表1第1行第1列")]
    assert [f for f in _found(report) if f[0] == "goal_weights"] == []
    # 50 + 20 = 70 against 80: a 提示
    assert [f for f in _found(audit_path(_word(tmp_path, _goal("20")))) if f[0] == "goal_weights"] == [
        ("goal_weights", "提示", "表1第1行第1列", "80", "70")]
