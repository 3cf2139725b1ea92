"""A `|` table one row per line with a two-line header and runs of `|` for its empty cells (a web copy of a
乡镇 预算执行情况表), and the same table as a workbook and a Word table with the header's merged cell.

- The second header line names the sub-columns of the first line's last header ("2021年执行数" over 金额 |
  占调整预算% | 比上年增长%): in pipe text it comes first in its line, so it is placed under that header.
- "2020年决算数" beside "2021年执行数" is last year's figure; "金额" under "执行数" is the 执行数.
- Every line is exactly as wide as the header (empty cells included), so cells keep their places.
- "转移收入" is followed by its parts at the same depth (the indentation was lost): it is their parent
  because its figure is their sum in the other columns; a disagreeing column is then only a 提示.

Every document here is our own: a town's revenue, figures chosen so that each relation can be recomputed by
hand (written beside each planted error)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path, audit_text
from jixiao.audit.documents import document_from_text
from jixiao.audit.finding import ERROR, HINT
from jixiao.audit.tables import sections

# 2021 执行 ÷ 调整: 税收 520/520, 增值税 300/300, 资源税 40/50 = 80.00, 房产税 30/30 (no growth stated),
# 印花税 150/140 = 107.14; growth: 增值税 (300 − 280) ÷ 280 = 7.14, 资源税 (40 − 60) ÷ 60 = −33.33,
# 印花税 (150 − 100) ÷ 100 = 50.00, 税收 (520 − 450) ÷ 450 = 15.56.
TOWN = """某镇2021年一般公共预算收入执行情况表 | |||||
单位:万元 | |||||
项 目 | 2020年决算数 | 2021年预算调整数 | 2021年执行数 | ||
金额 | 占调整预算% | 比上年增长% | |||
一、税收收入 | 450 | {tax_budget} | 520 | 100 | 15.56 |
增值税 | 280 | 300 | 300 | 100 | 7.14 |
资源税 | 60 | 50 | 40 | {resource_rate} | -33.33 |
房产税 | 10 | 30 | 30 | 100 | |
印花税 | 100 | 140 | 150 | 107.14 | {stamp_growth} |
契税 | |||||
本年收入合计 | 450 | {tax_budget} | 520 | 100 | 15.56 |
转移收入 | 900 | {transfer_budget} | 1000 | 100 | 11.11 |
返还性收入 | |||||
一般性转移支付收入 | 700 | 800 | 780 | 97.50 | 11.43 |
专项转移支付收入 | 200 | 200 | 220 | 110.00 | 10.00 |
收入总计 | 1350 | 1520 | 1520 | 100 | 12.59 |
"""
CONSISTENT = {"tax_budget": "520", "resource_rate": "80.00", "stamp_growth": "50.00", "transfer_budget": "1000"}


def _found(text: str) -> list[tuple[str, str, str, str, str]]:
    return sorted((f.rule, f.location, f.stated, f.expected, f.severity) for f in audit_text(text).findings)


def test_the_two_line_header_is_read_and_a_consistent_table_has_no_findings() -> None:
    text = TOWN.format(**CONSISTENT)
    (table,) = document_from_text(text).tables
    (sec,) = sections(table)
    assert [c.role for c in sec.columns] == ["name", "last_year", "budget_final", "actual", "rate", "change_rate"]
    assert sec.columns[4].header == "2021年执行数 / 占调整预算%"
    # 房产税 keeps its empty growth cell in place: its figures are not shifted
    assert [c.text for c in sec.rows[3].cells] == ["房产税", "10", "30", "30", "100", ""]
    # 转移收入 is the parent of the three rows under it; 收入总计 is 本年收入合计 + 转移收入
    assert [(r.label, r.implied) for r in sec.rows if r.implied] == [("转移收入", True)]
    r = audit_text(text)
    assert r.findings == []
    rules = [x.rule for x in r.relations]
    assert rules.count("table_rate") == 10  # every row with a budget and an outturn, totals included
    assert rules.count("table_change") == 9  # 房产税 states no growth


def test_wrong_rates_changes_and_sums_are_named_by_cell() -> None:
    # planted: 资源税 占调整预算% 75.00 (40 ÷ 50 = 80.00); 印花税 比上年增长% 5.00 (50 ÷ 100 = 50.00);
    # 税收收入 2021 预算调整数 530 (300 + 50 + 30 + 140 = 520); 本年收入合计 (520) stands over that one row
    # only, so it is not judged against it (a total over a single row may leave rows out)
    text = TOWN.format(**{**CONSISTENT, "resource_rate": "75.00", "stamp_growth": "5.00"}).replace(
        "一、税收收入 | 450 | 520 |", "一、税收收入 | 450 | 530 |")
    assert _found(text) == sorted([
        ("table_rate", "第7行（表1 第5行 占调整预算%）", "75.00", "80.00%", ERROR),
        ("table_change", "第9行（表1 第7行 比上年增长%）", "5.00", "50.00", ERROR),
        ("table_rate", "第5行（表1 第3行 占调整预算%）", "100", "98.11%", ERROR),
        ("table_sum", "第5行（表1 第3行 2021年预算调整数）", "530", "520", ERROR),
    ])


def test_a_parent_known_only_from_other_columns_gives_a_hint_that_says_so() -> None:
    # planted: 转移收入 2021 预算调整数 1010 (800 + 200 = 1000); the other two columns add up, so the rows under it
    # are its parts; 收入总计's 1520 = 520 + 1000 then disagrees with 520 + 1010 too (a total over written rows)
    text = TOWN.format(**{**CONSISTENT, "transfer_budget": "1010"})
    found = audit_text(text).findings
    assert sorted((f.rule, f.location, f.stated, f.expected, f.severity) for f in found) == sorted([
        ("table_sum", "第12行（表1 第10行 2021年预算调整数）", "1010", "1000", HINT),
        ("table_sum", "第16行（表1 第14行 2021年预算调整数）", "1520", "1530", ERROR),
        # a whole-number rate of 100 for 99.01 %: the rate rule's own calibration makes it a 提示
        ("table_rate", "第12行（表1 第10行 占调整预算%）", "100", "99.01%", HINT),
    ])
    hint = next(f for f in found if f.severity == HINT and f.rule == "table_sum")
    assert "从属关系按其他列的合计推断" in hint.explanation and "表格文字还原" in hint.explanation


def test_rows_of_another_width_are_not_read_in_place() -> None:
    # one row lost a cell (5 cells under a 6-column header): positions are no longer certain, so the rows are
    # placed by what they can hold and the ambiguous row's figures are left out of every sum
    text = TOWN.format(**CONSISTENT).replace("房产税 | 10 | 30 | 30 | 100 | |", "房产税 | 10 | 30 | 30 | 100 |")
    (table,) = document_from_text(text).tables
    assert any(n.startswith("uncertain_row:") for n in table.notes)
    assert [f for f in audit_text(text).findings if f.severity == ERROR] == []


def test_a_sub_header_that_does_not_fit_the_rows_is_not_stacked() -> None:
    # the rows hold four figures, not five: the second line cannot be the last header's sub-columns
    text = """项 目 | 2020年决算数 | 2021年预算调整数 | 2021年执行数 | ||
金额 | 占调整预算% | 比上年增长% | |||
增值税 | 280 | 300 | 300 | 100 |
资源税 | 60 | 50 | 40 | 80 |
印花税 | 100 | 140 | 150 | 107 |
合计 | 440 | 490 | 490 | 100 |
"""
    # nor are the header's words read as one long header with the rows' figures guessed into its columns
    r = audit_text(text)
    assert r.findings == []
    assert r.relations == []


def _grid() -> list[list[str]]:
    return [["项目", "2020年决算数", "2021年预算调整数", "2021年执行数", "2021年执行数", "2021年执行数"],
            ["项目", "2020年决算数", "2021年预算调整数", "金额", "占调整预算%", "比上年增长%"],
            ["增值税", "280", "300", "300", "100", "7.14"],
            ["资源税", "60", "50", "40", "75.00", "-33.33"],  # planted: 40 ÷ 50 = 80.00
            ["印花税", "100", "140", "150", "107.14", "50.00"],
            ["合计", "440", "490", "490", "100", "11.36"]]


def test_a_workbook_with_the_merged_header_is_read_the_same_way(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "收入执行"
    for row in _grid():
        ws.append([float(c) if c.replace(".", "").lstrip("-").isdigit() else c for c in row])
    ws.merge_cells("D1:F1")
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    path = tmp_path / "收入执行.xlsx"
    wb.save(path)
    r = audit_path(path)
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in r.findings] == [
        ("table_rate", "收入执行!E4（表1 第4行 占调整预算%）", "75", "80.00%", ERROR)]


def test_a_word_table_with_the_merged_header_is_read_the_same_way(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某镇2021年收入执行情况表（单位：万元）")
    rows = _grid()
    t = d.add_table(rows=len(rows), cols=6)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if (i == 0 and j >= 4) or (i == 1 and j < 3):
                continue
            t.cell(i, j).text = text
    t.cell(0, 3).merge(t.cell(0, 5))
    for j in range(3):
        t.cell(0, j).merge(t.cell(1, j))
    path = tmp_path / "收入执行.docx"
    d.save(str(path))
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in audit_path(path).findings] == [
        ("table_rate", "表1 第4行 占调整预算%", "75.00", "80.00%", ERROR)]


def test_equal_widths_alone_do_not_mean_the_cells_kept_their_places() -> None:
    # a copy that piles each row's empty cells at its end and pads every line to the same width: read in place,
    # "社会保障和就业支出 | 30.00 | 30.00" would put a 支出 item and its figures on the 收入 side, which its cells
    # cannot be; so the rows are placed by what they can hold instead (the figures go to the 支出 side's 合计)
    from tests.audit.test_audit_packed import TABLE as PACKED

    text = PACKED.format(first="90.00").replace("政府性基金预算 | |\n一、本年收入", "政府性基金预算 |\n一、本年收入")
    (table,) = document_from_text(text).tables
    rows = [[c.text for c in r] for r in table.rows]
    assert ["", "", "社会保障和就业支出", "30.00", "30.00", ""] in rows
    assert ["社会保障和就业支出", "30.00", "30.00", "", "", ""] not in rows
