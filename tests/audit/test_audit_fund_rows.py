"""项目资金 rows of a one-line 自评表 whose header words are scattered (jixiao.audit.fundrows).

An .xls 项目支出绩效自评表 extracted into one line: the ratio label of 执行率 broken at its spaces, the 得分 header after
the rows it heads, every amount with its 万元. The template's six columns are named, and a funds row holding exactly
six cells of the columns' kinds is read. Documents in our own words; every expectation computed by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

SHEET = ("2022年度业务经费绩效自评表.xls 附件2 项目支出绩效自评表 ( 2022 年度) 项目名称 档案数字化经费 主管部门 某县档案馆 "
         "项目资金(万元) 实施单位 某县档案馆 {header} 年度资金总额: {total} 其中:当年财政 拨款 {part} 得分 上年结转资金 "
         "其他资金 预期目标 实际完成情况 完成馆藏档案数字化扫描 完成馆藏档案数字化扫描及目录著录\n")
HEADER = "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数)"


def sheet(total: str, part: str, header: str = HEADER) -> str:
    return SHEET.format(header=header, total=total, part=part)


def test_rate_off_its_amounts_is_an_error() -> None:
    # 150 of 200 is 75 %, printed 80 % on both rows; 得分 8 = 10 × the printed 80 % (the rule holds on the stated rate)
    text = sheet("200万元 200万元 150万元 10 80% 8", "200万元 200万元 150万元 10 80% 8")
    assert found(text) == [
        ("table_rate", "错误", "第1行（表1 第2行 执行率）", "80%", "75.00%"),
        ("table_rate", "错误", "第1行（表1 第3行 执行率）", "80%", "75.00%"),
    ]
    table = document_from_text(text).tables[0]
    assert [c.text for c in table.rows[0]] == ["项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [c.text for c in table.rows[2]] == ["其中:当年财政拨款", "200万元", "200万元", "150万元", "10", "80%", "8"]
    assert "incomplete" in table.notes  # 上年结转资金 and 其他资金 are not read: nothing is summed


def test_score_off_the_rule_is_a_hint() -> None:
    # 分值 100 printed where the template has 10: 100 % × 100 = 100, the 得分 reads 10 (the sheet states no rule)
    text = sheet("85.5万元 85.5万元 85.5万元 100 100% 10", "85.5万元 85.5万元 85.5万元 100 100% 10")
    assert found(text) == [
        ("table_score_rule", "提示", "第1行（表1 第2行 得分）", "10", "100"),
        ("table_score_rule", "提示", "第1行（表1 第3行 得分）", "10", "100"),
    ]
    assert checked(text, "table_rate") == [("100", ("85.5", "85.5")), ("100", ("85.5", "85.5"))]


def test_consistent_rows_are_checked_silently() -> None:
    text = sheet("60 60 54 10 90% 9", "60 60 54 10 90% 9")
    assert found(text) == []
    assert checked(text, "table_rate") == [("90", ("54", "60")), ("90", ("54", "60"))]
    assert checked(text, "table_score_rule") == [("9", ("10", "90")), ("9", ("10", "90"))]


def test_a_row_of_five_cells_is_not_read() -> None:
    # 年初预算数 left empty: which amount is missing is not known, so nothing is read (150/200 would be 75 %)
    text = sheet("200万元 150万元 10 80% 8", "200万元 150万元 10 80% 8")
    assert document_from_text(text).tables == []
    assert found(text) == []


def test_a_sheet_that_does_not_name_every_column_is_not_read() -> None:
    text = sheet("200万元 200万元 150万元 10 80% 8", "200万元 200万元 150万元 10 80% 8").replace(" 得分 ", " ")
    assert document_from_text(text).tables == []


def test_header_words_out_of_the_template_order_are_not_read() -> None:
    header = "全年执行数 年初预算数 全年预算数 分值 执行率(全年 执行数/全年 预算数)"
    text = sheet("200万元 200万元 150万元 10 80% 8", "200万元 200万元 150万元 10 80% 8", header)
    assert document_from_text(text).tables == []


def test_a_seventh_figure_after_the_row_is_not_read() -> None:
    text = sheet("200万元 200万元 150万元 10 80% 8 8", "200万元 200万元 150万元 10 80% 8 8")
    assert document_from_text(text).tables == []


# --- the same sheet as a workbook: 执行率's ratio label names its columns in words --------------------------------
# "执行率(全年 执行数/全年 预算数)" is the 执行率 column as "执行率(B/A)" is: without it the column has no role and
# neither the rate nor the 得分 rule is judged.


def _workbook(tmp_path: Path, rate_header: str, total: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    ws.append(["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", rate_header, "得分"])
    ws.append(["年度资金总额:", *total])
    ws.append(["上年结转资金", None, None, None, None, None, None])
    path = tmp_path / "sheet.xlsx"
    wb.save(path)
    return path


def _table_findings(path: Path) -> list[tuple[str, str, str, str, str]]:
    return [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings]


def test_a_rate_header_with_its_ratio_in_words(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "执行率(全年 执行数/全年 预算数)", ["200万元", "200万元", "150万元", "100", "80%", "10"])
    assert _table_findings(path) == [
        ("table_rate", "错误", "自评表!F2（表1 第2行 执行率(全年 执行数/全年 预算数)）", "80%", "75.00%"),
        ("table_score_rule", "提示", "自评表!G2（表1 第2行 得分）", "10", "80"),
    ]


def test_a_ratio_label_over_words_that_are_not_columns_names_nothing(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "执行率(进度/计划)", ["200万元", "200万元", "150万元", "100", "80%", "10"])
    assert _table_findings(path) == []
