"""补贴 / 发放 / 兑付 tables whose columns no header word names (户数, 面积, 系统补贴数, 资金计划 …): a 合计 row over
columns that hold a figure in every member row sums them whatever they are called (held-out-8: 招远 with its 合计
row first, 陈仓 with a 合计 row one cell short). Short texts in our own words in those layouts; every figure
computed by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path
from jixiao.audit.documents import document_from_text
from jixiao.audit.tables import sections
from tests.audit.audit_helpers import checked, found

# 412 + 1306 + 987 + 655 = 3360; 1520.4 + 6210.25 + 4388.1 + 2901.6 = 15020.35;
# 144438 + 589973.75 + 416869.5 + 275652 = 1426933.25 (each row is its area × 95)
FIRST = ("2024年某县耕地地力保护补贴发放统计表\n"
         "街道 | 发放户数 | 核定面积 | 系统补贴数 |\n"
         "合计 | 3360 | 15020.35 | {t} |\n"
         "东湖街道 | 412 | 1520.4 | 144438 |\n"
         "西岭镇 | 1306 | 6210.25 | 589973.75 |\n"
         "南山镇 | 987 | 4388.1 | 416869.5 |\n"
         "北河乡 | 655 | 2901.6 | 275652 |\n")


def test_total_row_first_over_unnamed_columns_is_summed() -> None:
    # before: no header word named a column, the pipe rows were not read as a table and nothing was checked
    text = FIRST.format(t="1426933.25")
    assert found(text) == []
    assert checked(text, "table_sum") == [
        ("1426933.25", ("144438", "275652", "416869.5", "589973.75")),
        ("15020.35", ("1520.4", "2901.6", "4388.1", "6210.25")),
        ("3360", ("1306", "412", "655", "987")),
    ]


def test_total_row_first_wrong_total_is_an_error() -> None:
    # 1429933.25 written for 1426933.25
    assert found(FIRST.format(t="1429933.25")) == [
        ("table_sum", "错误", "第3行（表1 第2行 系统补贴数）", "1429933.25", "1426933.25")]


def test_unnamed_columns_in_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "发放表"
    for line in FIRST.format(t="1426933.25").splitlines()[1:]:
        ws.append([c.strip() for c in line.strip().strip("|").split("|")])
    ws["B5"] = "1036"  # planted: 南山镇 发放户数 1036 for 987: 412 + 1306 + 1036 + 655 = 3409
    path = tmp_path / "发放表.xlsx"
    wb.save(path)
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings] == [
        ("table_sum", "错误", "发放表!B2（表1 第2行 发放户数）", "3360", "3409")]


# 1200.5 + 3306.25 + 845 = 5351.75; 96040 + 264500 + 67600 = 428140; the 合 计 row lost its blank 标准 cell
SHORT = ("附件:某区2023年耕地地力保护补贴资金兑付表\n"
         "乡镇 | 补贴面积(亩) | 补贴标准(元/亩) |\n"
         "资金计划(元) |\n"
         "备注 |\n"
         "甲镇 | 1200.5 | 80 | 96040 | |\n"
         "乙镇 | 3306.25 | 80 | 264500 | 增加2亩 |\n"
         "丙街道 | 845 | 80 | 67600 | |\n"
         "合 计 | 5351.75 | {t} | 增加2亩 |\n")


def test_short_total_row_is_put_back_under_the_header() -> None:
    # the header (broken over three lines) names one per-unit column, 补贴标准(元/亩): the one cell the 合计 row lacks
    text = SHORT.format(t="428140")
    assert found(text) == []
    assert checked(text, "table_sum") == [("428140", ("264500", "67600", "96040")),
                                          ("5351.75", ("1200.5", "3306.25", "845"))]
    [sec] = sections(document_from_text(text).tables[0])
    assert [c.role for c in sec.columns] == ["name", "figure", None, "figure", "reason"]


def test_short_total_row_wrong_amount_is_an_error() -> None:
    assert found(SHORT.format(t="428410")) == [
        ("table_sum", "错误", "第8行（表1 第5行 资金计划(元)）", "428410", "428140")]


def test_short_total_row_without_a_blank_column_is_not_judged() -> None:
    # no header word says which column the 合计 row left blank: its cells may belong anywhere, nothing is summed
    text = SHORT.format(t="428410").replace("补贴标准(元/亩)", "补贴面积二").replace(" 80 |", " 81 |")
    assert checked(text, "table_sum") == []
    assert found(text) == []


def test_standard_and_percent_columns_are_not_summed() -> None:
    # the same figure in every member row (a standard) and a column in percent add up to nothing, even with a
    # figure in the 合计 row; the 户数 column still adds up: 30 + 45 + 25 = 100
    text = ("村组 | 户数 | 标准 | 发放比 |\n"
            "一组 | 30 | 120 | 30% |\n"
            "二组 | 45 | 120 | 45% |\n"
            "三组 | 25 | 120 | 25% |\n"
            "合计 | 100 | 120 | 100% |\n")
    assert checked(text, "table_sum") == [("100", ("25", "30", "45"))]
    same = text.replace("标准", "档次")  # no per-unit word: the figure repeated in every row still is not summed
    assert checked(same, "table_sum") == [("100", ("25", "30", "45"))]
    assert found(same) == []


def test_a_total_figure_outside_the_filled_columns_leaves_the_table_unread() -> None:
    # the 合计 row's figure sits under 备注, which no member row fills: alignment in doubt, nothing is judged
    text = ("村组 | 户数 | 面积 | 备注 |\n"
            "一组 | 30 | 12.5 | |\n"
            "二组 | 45 | 20 | |\n"
            "合计 | 75 | | 32.5 |\n")
    assert document_from_text(text).tables == []
    assert checked(text, "table_sum") == []
