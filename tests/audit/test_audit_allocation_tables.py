"""资金分配表 and other tables whose totals stand ABOVE the rows they add up (held-out-7's two 浙江 分配表, issue 10).

A provincial or city notice allocating a transfer prints its 分配表 with the grand 合计 first, then each group's
total ("甲市合计", "市级小计") above its member rows until the next group; each row adds 已提前下达 and 本次下达.
The header may be written again after a page break, an empty cell may break a row over two lines, and a copy of
the page may stop inside the table. Every document below is our own, in that layout; every figure was added by
hand.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path
from jixiao.audit.documents import document_from_text
from jixiao.audit.tables import CLOSED_SIBLINGS, CLOSES, GROUPS, LEADS, SIBLINGS, UNCLEAR, heads, sections
from tests.audit.audit_helpers import checked, found

NOTICE = ("关于下达2024年乡村学校改善补助资金的通知\n"
          "各市、县(市、区)财政局:\n"
          "现将本批补助资金分配下达,详见附件。资金列入相关支出科目,请及时分解下达并做好绩效管理。\n"
          "附件\n"
          "2024年乡村学校改善补助资金分配表\n"
          "单位:万元\n")
# 甲 2100 = 1300 + 800, 500 = 300 + 200, 2600 = 1600 + 1000; 乙 2900 = 1000 + 1200 + 700, 700 = 260 + 240 + 200,
# 3600 = 1260 + 1440 + 900; 丙 1000 = 600 + 400, 300 = 180 + 120, 1300 = 780 + 520; 全省 6000 = 2100 + 2900 + 1000,
# 1500 = 500 + 700 + 300, 7500 = 2600 + 3600 + 1300. The header is written again inside the 乙 group (a page break).
HEADER = "地区 | 已提前下达 | 本次下达 | 合计下达 |\n"
BODY = ("全省合计 | 6000 | 1500 | 7500 |\n"
        "甲市合计 | 2100 | 500 | 2600 |\n"
        "甲一县 | 1300 | 300 | 1600 |\n"
        "甲二县 | 800 | 200 | 1000 |\n"
        "乙市合计 | 2900 | 700 | 3600 |\n"
        "乙一县 | 1000 | 260 | 1260 |\n"
        + HEADER +
        "乙二县 | 1200 | 240 | 1440 |\n"
        "乙三县 | 700 | 200 | 900 |\n"
        "丙市合计 | 1000 | 300 | 1300 |\n"
        "丙一县 | 600 | 180 | 780 |\n"
        "丙二县 | 400 | 120 | 520 |\n")
ALLOCATION = NOTICE + HEADER + BODY


def test_a_consistent_allocation_table_is_read_by_its_groups() -> None:
    (table,) = document_from_text(ALLOCATION).tables
    (sec,) = sections(table)  # the header written again goes on with the same body
    assert heads(sec) == GROUPS
    assert [r.label for r in sec.rows][:3] == ["全省合计", "甲市合计", "甲一县"]
    assert found(ALLOCATION) == []
    sums = checked(ALLOCATION, "table_sum")
    # each group's columns over its members, the 乙 group across the repeated header
    assert ("2900", ("1000", "1200", "700")) in sums
    assert ("700", ("200", "240", "260")) in sums
    assert ("2600", ("1000", "1600")) in sums
    # the grand total over the groups' totals (a bound: the last table of the text may be cut)
    assert ("7500", ("1300", "2600", "3600")) in sums
    # every row: 已提前下达 + 本次下达 = 合计下达
    assert ("1440", ("1200", "240")) in sums
    assert len(sums) == 11 + 4 * 3


def test_a_wrong_figure_breaks_its_row_and_its_groups_column() -> None:
    # planted: 乙二县 本次下达 204 (for 240): its row 1200 + 204 = 1404, the 乙 column 260 + 204 + 200 = 664
    text = ALLOCATION.replace("乙二县 | 1200 | 240 |", "乙二县 | 1200 | 204 |")
    assert found(text) == [
        ("table_sum", "错误", "第12行（表1 第6行 本次下达）", "700", "664"),
        ("table_sum", "错误", "第15行（表1 第9行 合计下达）", "1440", "1404"),
    ]


def test_the_last_group_of_a_cut_table_is_a_bound_only() -> None:
    # the copy stops after 丙一县: 600 < 1000 and 180 < 300 say nothing (丙二县 may follow); nor do the grand totals
    cut = NOTICE + HEADER + BODY.replace("丙二县 | 400 | 120 | 520 |\n", "丙二\n")
    assert found(cut) == []
    assert ("1000", ("600",)) not in checked(cut, "table_sum")  # one member: nothing to add up
    # but members already above their head are wrong whatever follows: 丙市 本次下达 150 (and 1150 in its row)
    over = cut.replace("丙市合计 | 1000 | 300 | 1300 |", "丙市合计 | 1000 | 150 | 1150 |").replace(
        "丙一县 | 600 | 180 | 780 |", "丙一县 | 600 | 180 | 780 |\n丙三县 | 100 | 20 | 120 |")
    assert found(over) == [("table_sum", "错误", "第17行（表1 第11行 本次下达）", "150", "200")]


def test_a_group_before_prose_is_closed_by_the_next_group_not_by_the_cut() -> None:
    # a second table after the 分配表: the 分配表 is no longer the last one, so its last group is whole
    text = (ALLOCATION.replace("丙二县 | 400 | 120 | 520 |", "丙二县 | 400 | 100 | 520 |")
            + "附件2\n绩效目标表\n项目 | 预算数 | 执行数 |\n办公设备 | 40 | 38 |\n维修 | 60 | 52 |\n合计 | 100 | 90 |\n")
    # 丙 本次下达 180 + 100 = 280 for 300, and the row 400 + 100 = 500 for 520
    assert found(text) == [
        ("table_sum", "错误", "第17行（表1 第11行 本次下达）", "300", "280"),
        ("table_sum", "错误", "第19行（表1 第13行 合计下达）", "520", "500"),
    ]


# A city's 分配表: the amount first and its two parts after it, 市级小计 and 县(市、区)小计 heads after the 合计, empty
# 已提前下达 cells that break a row over two lines. 市级 500 = 350 + 150, 200 = 150 + 50, 300 = 200 + 100; 县 400 =
# 60 + 140 + 200, 100 = 100, 300 = 60 + 40 + 200; 合计 900 = 500 + 400, 300 = 200 + 100, 600 = 300 + 300.
CITY = ("附件1\n"
        "2025年医疗服务能力提升补助资金分配表\n"
        "单位:万元\n"
        "地区(单位) | 分配金额 | 已提前下达 | 本次下达 |\n"
        "合 计 | 900 | 300 | 600 |\n"
        "市级小计 | 500 | 200 | 300 |\n"
        "市第一医院 | 350 | 150 | 200 |\n"
        "市第三医院 | 150 | 50 | 100 |\n"
        "县(市、区)小计 | 400 | 100 | 300 |\n"
        "东湖区 | 60 |\n"
        "| 60 |\n"
        "西岭县 | 140 | 100 | 40 |\n"
        "南山县 | 200 |\n"
        "| 200 |\n")


def test_subtotal_heads_and_rows_broken_by_empty_cells() -> None:
    (sec,) = sections(document_from_text(CITY).tables[0])
    assert heads(sec) == GROUPS
    assert [r.label for r in sec.rows] == ["合 计", "市级小计", "市第一医院", "市第三医院", "县(市、区)小计",
                                           "东湖区", "西岭县", "南山县"]
    assert found(CITY) == []
    sums = checked(CITY, "table_sum")
    assert ("900", ("400", "500")) in sums
    assert ("300", ("200", "40", "60")) in sums  # the 县 本次下达 (a bound: the last group of the last table)
    assert ("60", ("60",)) in sums  # 东湖区: 分配金额 = an empty 已提前下达 + 本次下达 60


def test_subtotal_heads_judge_a_wrong_member() -> None:
    # planted: 市第三医院 分配金额 160 (for 150): its row 50 + 100 = 150, the 市级 column 350 + 160 = 510
    text = CITY.replace("市第三医院 | 150 |", "市第三医院 | 160 |")
    assert found(text) == [
        ("table_sum", "错误", "第6行（表1 第3行 分配金额）", "500", "510"),
        ("table_sum", "错误", "第8行（表1 第5行 分配金额）", "160", "150"),
    ]


def test_the_same_table_as_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "分配表"
    ws.append(["单位:万元"])
    for line in (HEADER + BODY.replace(HEADER, "")).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        ws.append([cells[0], *(int(c) if c.isdigit() else c for c in cells[1:])])
    ws["C9"] = 204  # planted: 乙二县 本次下达 204 (for 240)
    path = tmp_path / "分配表.xlsx"
    wb.save(path)
    got = [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings]
    assert got == [
        ("table_sum", "错误", "分配表!C7（表1 第7行 本次下达）", "700", "664"),
        ("table_sum", "错误", "分配表!D9（表1 第9行 合计下达）", "1440", "1404"),
    ]


# Groups closed by their 小计 below them, and a 合计 over the 小计 rows (a 分项目 table of a unit's spending).
CLOSED = ("项目 | 预算数 | 执行数 |\n"
          "人员工资 | 100 | 98 |\n"
          "社保缴费 | 40 | 40 |\n"
          "基本支出小计 | 140 | 138 |\n"
          "设备购置 | 60 | 55 |\n"
          "培训经费 | 30 | 30 |\n"
          "项目支出小计 | 90 | 85 |\n"
          "合计 | 230 | 223 |\n"
          "以上为本单位2024年支出情况。\n")


def test_subtotals_below_their_rows_and_a_total_over_the_subtotals() -> None:
    (sec,) = sections(document_from_text(CLOSED).tables[0])
    assert heads(sec) == CLOSES
    assert found(CLOSED) == []
    assert checked(CLOSED, "table_sum") == [
        ("138", ("40", "98")), ("140", ("100", "40")), ("223", ("138", "85")), ("230", ("140", "90")),
        ("85", ("30", "55")), ("90", ("30", "60"))]
    # planted: 培训经费 执行数 35 — the second 小计 only (not the first one, not the 合计 over the 小计 rows)
    assert found(CLOSED.replace("培训经费 | 30 | 30 |", "培训经费 | 30 | 35 |")) == [
        ("table_sum", "错误", "第7行（表1 第7行 执行数）", "85", "90")]


def test_a_total_over_its_own_rows_and_subtotal_groups() -> None:
    # 合计 over two rows of its own and the 县区小计 group: 300 = 80 + 20 + 200
    text = ("单位 | 分配金额 | 已提前下达 | 本次下达 |\n"
            "合计 | 300 | 100 | 200 |\n"
            "市本级 | 80 | 30 | 50 |\n"
            "市直属单位 | 20 | 10 | 10 |\n"
            "县区小计 | 200 | 60 | 140 |\n"
            "东县 | 120 | 40 | 80 |\n"
            "西县 | 80 | 20 | 60 |\n")
    (sec,) = sections(document_from_text(text).tables[0])
    assert heads(sec) == LEADS
    assert found(text) == []
    assert ("300", ("20", "200", "80")) in checked(text, "table_sum")
    # two heads of one rank: each stands for its own rows (市级小计 is no total of the 县区小计 after it)
    same = text.replace("合计 | 300 | 100 | 200 |", "市级小计 | 100 | 40 | 60 |")
    (sec,) = sections(document_from_text(same).tables[0])
    assert heads(sec) == SIBLINGS
    assert found(same) == []
    assert ("100", ("20", "80")) in checked(same, "table_sum")


def test_nested_heads_the_words_do_not_order_are_not_summed() -> None:
    # 全省合计, 甲市合计 and 甲市本级合计 in a row: which total holds which is not written anywhere
    text = ("地区 | 已提前下达 | 本次下达 | 合计下达 |\n"
            "全省合计 | 300 | 100 | 400 |\n"
            "甲市合计 | 200 | 60 | 260 |\n"
            "甲市本级合计 | 50 | 10 | 60 |\n"
            "甲一县 | 150 | 50 | 200 |\n"
            "乙市合计 | 100 | 40 | 140 |\n"
            "乙一县 | 100 | 40 | 140 |\n"
            "附注:各地按规定使用。\n")
    (sec,) = sections(document_from_text(text).tables[0])
    assert heads(sec) == UNCLEAR
    assert found(text) == []
    assert [s for s in checked(text, "table_sum") if len(s[1]) != 2] == []  # the rows' own sums only


def test_named_group_rows_are_read_from_their_sums_and_their_total_is_a_hint() -> None:
    # the same table with its groups named "甲市", "乙市", "丙市" (no 合计 word): a group is known only because its
    # three columns are the sums of the rows under it (``Row.implied``)
    named = BODY.replace("甲市合计", "甲市").replace("乙市合计", "乙市").replace("丙市合计", "丙市")
    text = NOTICE + HEADER + named
    (sec,) = sections(document_from_text(text).tables[0])
    assert [r.label for r in sec.rows if r.implied] == ["甲市", "乙市", "丙市"]
    assert found(text) == []
    assert ("7500", ("1300", "2600", "3600")) in checked(text, "table_sum")
    # cut after 丙一县, the 丙 group no longer adds up and is not seen: the 全省合计 then counts 丙一县 beside 丙市.
    # Which rows are parts was inferred, so that is a 提示, not an 错误 (600 + 6000 = 6600 …)
    cut = NOTICE + HEADER + named.replace("丙二县 | 400 | 120 | 520 |\n", "丙二\n")
    assert found(cut) == [
        ("table_sum", "提示", "第8行（表1 第2行 已提前下达）", "6000", "6600"),
        ("table_sum", "提示", "第8行（表1 第2行 本次下达）", "1500", "1680"),
        ("table_sum", "提示", "第8行（表1 第2行 合计下达）", "7500", "8280"),
    ]


def test_the_same_table_as_a_word_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("2025年医疗服务能力提升补助资金分配表")
    d.add_paragraph("单位:万元")
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in CITY.replace("|\n| ", "| | ").splitlines() if line.count("|") >= 2]
    assert rows[6] == ["东湖区", "60", "", "60"]
    rows[4][1] = "160"  # planted: 市第三医院 分配金额 160 (for 150)
    t = d.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    d.add_paragraph("各地收到资金后,请及时分解下达。")
    path = tmp_path / "分配表.docx"
    d.save(str(path))
    got = [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings]
    assert got == [
        ("table_sum", "错误", "表1 第3行 分配金额", "500", "510"),
        ("table_sum", "错误", "表1 第5行 分配金额", "160", "150"),
    ]


def test_a_second_table_under_the_same_header_after_a_total_is_its_own() -> None:
    # two stacked tables with one header, each closed by its 合计: the second 合计 adds its own rows only
    # (30 + 50 = 80), not the first 合计 too; the header after a total row is no page-break copy
    text = ("2023年 | |\n项目 | 预算数 | 执行数 |\n办公费 | 20 | 18 |\n差旅费 | 10 | 9 |\n合计 | 30 | 27 |\n"
            "项目 | 预算数 | 执行数 |\n印刷费 | 30 | 28 |\n维修费 | 50 | 44 |\n合计 | 80 | 72 |\n"
            "以上两表为本单位两个年度的公用经费。\n")
    assert found(text) == []
    assert ("80", ("30", "50")) in checked(text, "table_sum")


def test_subtotal_heads_closed_by_a_total_at_the_end() -> None:
    # 市级小计 and 区县小计 over their rows, the 合计 last over the two 小计 rows: 100 = 30 + 70, 95 = 28 + 67
    text = ("单位 | 预算数 | 执行数 |\n市级小计 | 30 | 28 |\n市医院 | 20 | 19 |\n市疾控中心 | 10 | 9 |\n"
            "区县小计 | 70 | 67 |\n东县 | 40 | 38 |\n西县 | 30 | 29 |\n合计 | 100 | 95 |\n说明:按服务人口分配。\n")
    (sec,) = sections(document_from_text(text).tables[0])
    assert heads(sec) == CLOSED_SIBLINGS
    assert found(text) == []
    assert checked(text, "table_sum") == [("100", ("30", "70")), ("28", ("19", "9")), ("30", ("10", "20")),
                                          ("67", ("29", "38")), ("70", ("30", "40")), ("95", ("28", "67"))]
    # 西县 预算数 35: the 区县小计 only (read as closing 市医院 and 市疾控中心, it would be 70 for 30)
    assert found(text.replace("西县 | 30 |", "西县 | 35 |")) == [
        ("table_sum", "错误", "第5行（表1 第5行 预算数）", "70", "75")]
