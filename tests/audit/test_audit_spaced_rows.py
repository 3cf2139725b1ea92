"""Tables pasted as text with one space between cells and one more space per empty cell (issue 10): a county
unit's “三公”经费预算表 copied from its web page (held-out-9 岳阳县台创园, held-out-10 岳阳县文联 — the same site's
template). The texts below are our own, in that layout; every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit.spacedrows import spaced_cells
from tests.audit.audit_helpers import checked, found

# An empty 2022 column, a numbered 一、支出合计 over 1、2、3、, a 其中 pair under 3、, then 二、相关统计数 (counts, in
# the same column: no part of the total). 3.4 + 9.2 = 12.6; 9.2 + (empty) = 9.2.
SANGONG = ("某县农业技术推广站2023年“三公”经费预算表\n单位:万元\n项目 2022年执行数 2023年预算数\n一、支出合计   12.6\n"
           "1、因公出国(境)费用    \n2、公务接待费   {a}\n3、公务用车费   9.2\n其中:(1)公务用车运行维护费   9.2\n"
           "(2)公务用车购置    \n二、相关统计数    \n1.公务用车保有量(辆)   2\n2.公务接待批次(批)   40\n注:本表不含基本建设项目。\n")


def test_spaced_cells_count_one_space_per_empty_cell() -> None:
    assert spaced_cells("一、支出合计   12.6") == ["一、支出合计", "", "12.6"]
    assert spaced_cells("1、因公出国(境)费用    ") == ["1、因公出国(境)费用", "", ""]
    assert spaced_cells("3、公务用车费 6 6 0") == ["3、公务用车费", "6", "6", "0"]
    assert spaced_cells("1、因公出国(境)费用 0    ") == ["1、因公出国(境)费用", "0", "", ""]
    # a run of the other parity: the spaces were not written one per cell
    assert spaced_cells("一、支出合计  12.6") is None
    assert spaced_cells("公务接待费 3.4   ") is None
    assert spaced_cells("项目 | 预算数") is None


def test_spaced_table_is_read_and_its_numbered_total_stops_at_the_next_numbered_section() -> None:
    # before: no table was read (0 relations); the 一、 total's parts then ran into 二、相关统计数
    text = SANGONG.format(a="3.4")
    assert found(text) == []
    assert checked(text, "table_sum") == [("12.6", ("3.4", "9.2")), ("9.2", ("9.2",))]


def test_spaced_table_total_that_does_not_add_up() -> None:
    # 3.6 + 9.2 = 12.8 ≠ 12.6
    assert found(SANGONG.format(a="3.6")) == [("table_sum", "错误", "第4行（表1 第2行 2023年预算数）", "12.6", "12.8")]


def test_a_row_that_breaks_the_width_cuts_the_table_and_nothing_is_summed() -> None:
    # "2、公务 接待费" holds a space: the run ends before it, the rows read are not the whole table (incomplete),
    # so 一、支出合计 12.6 is not held against 1、 alone
    text = SANGONG.format(a="3.4").replace("2、公务接待费", "2、公务 接待费")
    assert found(text) == []
    assert checked(text, "table_sum") == []


def test_runs_of_the_wrong_parity_are_not_read() -> None:
    text = SANGONG.format(a="3.6").replace("   ", "  ")
    assert checked(text, "table_sum") == []


# A 预算数合计 column over its sources (公共财政预算拨款 is the name of 一般公共预算 before 2015), every cell filled or
# empty in place: 2.5 + 6 = 8.5 down each column, 合计 = 公共财政 + 政府性基金 across each row.
SOURCES = ("项目 2014年预算数合计 公共财政预算拨款 政府性基金预算拨款\n一、支出合计 8.5 {g} 0\n1、因公出国(境)费用 0    \n"
           "2、公务接待费 2.5 2.5 0\n3、公务用车费 6 6 0\n")


def test_total_column_over_its_sources() -> None:
    assert found(SOURCES.format(g="8.5")) == []
    assert checked(SOURCES.format(g="8.5"), "table_sum") == [
        ("0", ("0", "0")), ("2.5", ("0", "2.5")), ("6", ("0", "6")), ("8.5", ("0", "2.5", "6")), ("8.5", ("0", "8.5")),
        ("8.5", ("2.5", "6"))]


def test_total_column_over_its_sources_that_does_not_add_up() -> None:
    # 公共财政 8 against 2.5 + 6 = 8.5 down its column, and 合计 8.5 against 8 + 0 across the row
    assert found(SOURCES.format(g="8")) == [
        ("table_sum", "错误", "第2行（表1 第2行 公共财政预算拨款）", "8", "8.5"),
        ("table_sum", "错误", "第2行（表1 第2行 2014年预算数合计）", "8.5", "8")]
