"""The 总分 of a 项目支出绩效自评表 whose 预算执行 block states its 分值 only in its 得分 header ("得分（20分*执行率）")
and whose indicators have a 得分 column but no 分值 column (a template several 湖北 and 云南 pages use; held-out-7
has one whose 总分 100 equals the indicators' 得分 alone, 20 + 100 = 120 with the funds). Each 得分 is at most its
分值, so indicators scoring 100 with a 20-point 预算执行 block make a form of more than 100 points: a 总分 that leaves
the funds out is a 提示 (the form may rescale the indicators without saying so). The documents are ours."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_document, audit_text
from jixiao.audit.documents import read_document

FUNDS = ("2023年某区文化惠民资金项目自评表\n\n"
         "| 预算执行情况（万元）（20分） | 预算数（A） | 执行数（B） | 执行率（B/A） | 得分（20分*执行率） |\n"
         "|---|---|---|---|---|\n"
         "| 年度财政资金总额 | 120.00 | 120.00 | 100% | 20 |\n\n")
INDICATORS = [["二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"],
              ["数量指标", "送戏下乡场次", "40场", "42场", "{a}"],
              ["质量指标", "演出验收合格率", "100%", "100%", "30"],
              ["社会效益指标", "群众参与人次", "2万人次", "2.3万人次", "20"],
              ["满意度指标", "观众满意度", "90%", "95%", "{d}"],
              ["总分", "", "", "", "{total}"]]


def _text(a: str = "30", d: str = "20", total: str = "100") -> str:
    rows = ["| " + " | ".join(c.format(a=a, d=d, total=total) for c in r) + " |" for r in INDICATORS]
    return FUNDS + "\n".join([rows[0], "|---|---|---|---|---|", *rows[1:]]) + "\n"


def _findings(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.rule, f.stated, f.expected) for f in audit_text(text).findings]


def test_a_total_of_the_indicators_alone_over_a_form_of_more_than_100_points_is_a_hint() -> None:
    report = audit_text(_text())
    assert [(f.severity, f.rule, f.location, f.stated, f.expected) for f in report.findings] == [
        ("提示", "table_score_sum", "第13行（表1 第8行 得分）", "100", "120")]
    assert "项目资金分值20已超过100分" in report.findings[0].explanation


def test_a_total_with_the_funds_or_indicators_under_80_points_is_silent() -> None:
    assert _findings(_text(total="120")) == []  # the form counts 120 points and says so in its 总分
    assert _findings(_text(a="20", d="10", total="80")) == []  # 20 + 30 + 20 + 10 = 80: 80 + 20 = 100 is possible


def test_a_total_matching_neither_stays_an_error() -> None:
    assert _findings(_text(a="20", d="10", total="90")) == [("错误", "table_score_sum", "90", "100")]


def test_the_same_form_in_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    ws.append(["预算执行情况（万元）（20分）", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）"])
    ws.append(["年度财政资金总额", 120, 120, "100%", 20])
    for r in INDICATORS:
        ws.append([c.format(a="30", d="20", total="100") for c in r])
    path = tmp_path / "自评表.xlsx"
    wb.save(path)
    got = [(f.severity, f.location, f.stated, f.expected) for f in audit_document(read_document(path)).findings]
    assert got == [("提示", "自评表!E8（表1 第8行 得分）", "100", "120")]


def test_with_a_points_column_the_indicators_points_alone_may_make_the_total() -> None:
    # the 分值 column is the form's own statement of its points: the header-stated 20 of the 预算执行 block is not
    # added to it (the form may count 预算执行 apart); only the rows against their 总分 are judged
    header = "| 二级指标 | 三级指标 | 分值 | 得分 |\n|---|---|---|---|\n"
    rows = "| 数量指标 | 送戏下乡场次 | 50 | 50 |\n| 满意度指标 | 观众满意度 | 50 | {d} |\n| 总分 |  | 100 | {total} |\n"
    assert _findings(FUNDS + header + rows.format(d="45", total="95")) == []
    assert _findings(FUNDS + header + rows.format(d="45", total="96")) == [("错误", "table_score_sum", "96", "95")]
