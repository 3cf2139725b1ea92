"""Tables of an amount against a prior amount with the change in money and in percent (rule ``table_change``),
their column totals and parent rows (``table_sum``), read by what their headers mean — as `|` text, as a
packed web copy, and as a workbook; and glued form text kept away from the prose rules.

Every document here is our own: a county's expenditure budget against last year's outturn, figures chosen so
that each relation can be recomputed by hand (written next to each planted error)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path, audit_text
from jixiao.audit.documents import document_from_text
from jixiao.audit.finding import ERROR, HINT
from jixiao.audit.tables import sections

# a header cell outside the vocabulary ("附注"), so the packed reader does not claim it: read as a bare pipe grid.
# 人大事务 20 ÷ 480 = 4.17 %, 政府办公厅事务 100 ÷ 1600 = 6.25 %, 财政事务 80 ÷ 920 = 8.70 %, 普通教育 350 ÷ 3950 = 8.86 %.
BUDGET = """某县2019年一般公共预算支出表
单位：万元 | | | | | |
科目 | 2019年预算数 | 上年决算数 | 增减额 | 增减% | 附注 |
一、一般公共服务支出 | 3200 | 3000 | 200 | 6.67 | |
1、人大事务 | 500 | 480 | 20 | 4.17 | |
2、政府办公厅事务 | 1700 | 1600 | {office} | 6.25 | 含机构调整 |
3、财政事务 | 1000 | 920 | 80 | {finance} | |
二、教育支出 | 5400 | 5000 | 400 | 8.00 | |
1、普通教育 | 4300 | 3950 | 350 | 8.86 | |
2、职业教育 | 1100 | 1050 | 50 | 4.76 | |
支出合计 | 8600 | 8000 | 600 | 7.50 | |
"""


def _found(text: str) -> list[tuple[str, str, str, str, str]]:
    r = audit_text(text)
    return sorted((f.rule, f.location, f.stated, f.expected, f.severity) for f in r.findings)


def test_a_consistent_change_table_is_read_and_checked_without_findings() -> None:
    text = BUDGET.format(office="100", finance="8.70")
    (table,) = document_from_text(text).tables
    (sec,) = sections(table)
    assert [c.role for c in sec.columns] == ["name", "budget_final", "last_year", "change", "change_rate", None]
    r = audit_text(text)
    assert r.findings == []
    traced = {x.rule for x in r.relations}
    assert {"table_change", "table_sum"} <= traced
    # every detail row: a change and a rate; parents and the total: five figure columns' sums
    assert sum(x.rule == "table_change" for x in r.relations) == 2 * 8


def test_a_wrong_change_and_a_wrong_rate_are_named_by_cell() -> None:
    # planted: 政府办公厅事务 增减额 written 10 (1700 − 1600 = 100); 财政事务 增减% written 8.07 (80 ÷ 920 = 8.70)
    text = BUDGET.format(office="10", finance="8.07")
    assert _found(text) == sorted([
        ("table_change", "第6行（表1 第5行 增减额）", "10", "100", ERROR),
        ("table_change", "第7行（表1 第6行 增减%）", "8.07", "8.70", ERROR),
        # the parent's change no longer adds up: 20 + 10 + 80 = 110, written 200 — but 200 is its own row's
        # 3200 − 3000: the part is wrong (the 错误 above), the parent's sum a 提示 (session 11)
        ("table_sum", "第4行（表1 第3行 增减额）", "200", "110", HINT),
    ])
    f = next(x for x in audit_text(text).findings if x.stated == "10")
    assert f.explanation == "2、政府办公厅事务的增减额写作10，按2019年预算数1700−上年决算数1600计算应为100。"
    assert "政府办公厅事务" in f.quote and "1700" in f.quote


def test_a_decrease_column_is_read_with_the_sign_its_header_and_rows_give() -> None:
    # "比上年减少额" holds 上年 − 本年: every row follows that reading; one row is wrong (90 − 70 = 20, written 25)
    text = """某单位2020年“三公”经费支出对比表
项目 | 2020年支出数 | 上年支出数 | 比上年减少额 | 减少率(%) |
公务接待费 | 8.00 | 10.00 | 2.00 | 20.00 |
公务用车运行维护费 | 70.00 | 90.00 | 25.00 | 22.22 |
因公出国（境）费 | 4.00 | 5.00 | 1.00 | 20.00 |
"""
    assert _found(text) == [("table_change", "第4行（表1 第3行 比上年减少额）", "25.00", "20.00", ERROR)]


def test_a_change_is_judged_under_the_rounding_of_its_amounts() -> None:
    # 12.35 − 10.24 = 2.11: written 2.12 it is within the three cells' half-cents (0.015), written 2.13 it is not
    text = """项目 | 本年预算数 | 上年决算数 | 增减额 | 增减率 |
办公费 | 12.35 | 10.24 | {office} | 20.61% |
印刷费 | 6.40 | 5.00 | 1.40 | 28.00% |
邮电费 | 3.30 | 3.00 | 0.30 | 10.00% |
"""
    assert _found(text.format(office="2.12")) == []
    assert _found(text.format(office="2.13")) == [("table_change", "第2行（表1 第2行 增减额）", "2.13", "2.11", ERROR)]


def test_a_change_column_most_rows_do_not_follow_is_left_alone() -> None:
    # the 增减 column here compares with a budget the table does not show: no row follows 本年 − 上年, so the
    # reading is wrong, not the table: nothing is judged from it
    text = """项目 | 本年决算数 | 上年决算数 | 增减额 |
基本支出 | 500.00 | 480.00 | 12.00 |
项目支出 | 300.00 | 260.00 | -15.00 |
其他支出 | 40.00 | 50.00 | 3.00 |
"""
    r = audit_text(text)
    assert [f for f in r.findings if f.rule == "table_change"] == []
    assert not any(x.rule == "table_change" for x in r.relations)


# A web copy whose empty cells were piled at each row's end: a row with two figures for four figure columns
# cannot be placed. It loses its figures; the columns keep their meaning for the other rows, and no sum
# over that row is judged.
PACKED = """项目 | 预算数 | 上年完成数 | 增减额 | 增减% | 备注 |
一、税收收入 | 1300 | 1200 | 100 | 8.33 | |
1、增值税 | 800 | 750 | 50 | 6.67 | |
2、契税 | 500 | 450 | 60 | 11.11 | |
二、转移性收入 | 900 | 950 | ||||
一般性转移支付 | 900 | 950 | 2020年为预计数 | ||
收入总计 | 2200 | 2150 | ||||
"""


def test_a_packed_row_that_cannot_be_placed_loses_its_figures_not_its_columns() -> None:
    (table,) = document_from_text(PACKED).tables
    assert [c.text for c in table.rows[0]] == ["项目", "预算数", "上年完成数", "增减额", "增减%", "备注"]
    assert [c.text for c in table.rows[3]] == ["2、契税", "500", "450", "60", "11.11", ""]
    assert [c.text for c in table.rows[4]] == ["二、转移性收入", "", "", "", "", ""]
    assert {"uncertain_row:5", "uncertain_row:6", "uncertain_row:7"} <= set(table.notes)
    # planted: 契税 增减额 60 (500 − 450 = 50); the parent's 100 (its own 1300 − 1200) then differs from 50 + 60 =
    # 110: a 提示, the part is the 错误. 收入总计 spans the unplaced rows: not judged.
    assert _found(PACKED) == sorted([
        ("table_change", "第4行（表1 第4行 增减额）", "60", "50", ERROR),
        ("table_sum", "第2行（表1 第2行 增减额）", "100", "110", HINT),
    ])


def test_the_change_rule_reads_a_workbook_the_same_way(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "收入预算表"
    rows: list[list[str | int | float]] = [["单位：万元"], ["项目", "预算数", "上年完成数", "比上年增减额", "比上年增减%"],
            ["税收收入", 1300, 1200, 100, 8.33], ["非税收入", 420, 400, 20, 5.6], ["合计", 1720, 1600, 120, 7.50]]
    for row in rows:
        ws.append(row)
    path = tmp_path / "收入预算表.xlsx"
    wb.save(path)
    r = audit_path(path)
    # planted: 非税收入 增减% 5.6 (20 ÷ 400 = 5.00)
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in r.findings] == [
        ("table_change", "收入预算表!E4（表1 第4行 比上年增减%）", "5.6", "5.00", ERROR)]


# An OCR'd 自评表 whose cells were glued together, its indicator block running on over the next page's line.
# The text after the header cannot be read as rows, and the next line carries the same glued table on: none of
# it is prose, so "比上年提高1%" glued to the score digits ("…下降1%96…") must not be read as a change.
GLUED = """某镇卫生院整体支出绩效自评表
1、二级指标三级指标年度指标值全年完成值分值得分偏差原因分析预算执行管理执行率达到95%执行率96%55资金管理结余率低于5%达到目标33
2、社会效益指标签约率比上年提高1%签约率下降1%96部分居民外出务工未签约满意度指标群众满意度达到90%满意度92%1010
评价结论：全年各项任务基本完成，资金使用规范。
"""


def test_glued_form_text_and_its_continuation_are_not_prose() -> None:
    doc = document_from_text(GLUED)
    assert [(b.line, b.in_table) for b in doc.blocks] == [(1, False), (2, True), (3, True), (4, False)]
    r = audit_text(GLUED)
    assert [f for f in r.findings if f.rule == "yoy"] == []


def test_a_glued_category_with_its_weight_is_a_block_label_not_a_row() -> None:
    # "管理指标12" is the category with its 分值 (the "（12分）" cell of a printed form): before, "12" was read as a
    # row of 分值 1, 得分 2. The header's stray leading "权重" column is empty; the 分值 column is the one with figures.
    text = ("某镇卫生院整体支出绩效自评表\n"
            "1、分解目标自评权重二级指标三级指标年度指标值全年完成值分值得分偏差及原因分析管理指标12预算编制管理编制完整准确"
            "100%100%43预算执行管理执行率及控制率100%依规执行45结转结余管理结余率低于5%达到目标值44\n")
    (table,) = document_from_text(text).tables
    # the header lost its 一级指标 word: the block labels read get a column of their own
    assert [[c.text for c in r] for r in table.rows[1:]] == [
        ["管理指标(12分)", "", "", "预算编制管理编制完整准确", "100%", "100%", "4", "3"],
        ["管理指标(12分)", "", "", "预算执行管理执行率及控制率", "100%", "依规执行", "4", "5"],
        ["管理指标(12分)", "", "", "结转结余管理结余率低于", "5%", "达到目标值", "4", "4"],
    ]
    assert _found(text) == [("table_score_le_max", "第2行（表1 第3行 得分）", "5", "≤4", ERROR),
                            ("table_score_target", "第2行（表1 第2行 得分）", "3", "4", "提示")]
    # the same table carried on by the next numbered page ("2、…", a document-sharing site's page break): read on,
    # its rows placed on that line
    more = "资金管理资产安全资产无损失达到目标55产出指标25数量指标门诊人次增加增372人次55\n"
    (joined,) = document_from_text(text + "2、" + more).tables
    assert [(r[0].text, r[3].text, r[6].text, r[7].text, r[7].line) for r in joined.rows[4:]] == [
        ("管理指标(12分)", "资金管理资产安全资产无损失达到目标", "5", "5", 3), ("产出指标(25分)", "数量指标门诊人次增加增", "5", "5", 3)]
    assert joined.rows[3][7].line == 2
    # the block 管理指标12 now holds four rows read whole: 4 + 4 + 4 + 5 = 17
    assert ("table_weight_sum", "第2行（表1 第2行 一级指标）", "12", "17", ERROR) in _found(text + "2、" + more)
    # carried on by a line with no page number: read as far as the first line goes, no sums judged
    (cut,) = document_from_text(text + more).tables
    assert "incomplete" in cut.notes and len(cut.rows) == 4


def test_the_change_rule_reads_a_word_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某区2021年非税收入预算表（单位：万元）")
    rows = [["项目", "2021年预算数", "上年执行数", "增减额", "增减率"],
            ["行政事业性收费收入", "640", "600", "40", "6.67%"],
            ["罚没收入", "210", "240", "-30", "-12.50%"],
            ["国有资源有偿使用收入", "150", "160", "-10", "-6.52%"],
            ["合计", "1000", "1000", "0", "0.00%"]]
    t = d.add_table(rows=len(rows), cols=5)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    path = tmp_path / "非税收入预算表.docx"
    d.save(str(path))
    # planted: 国有资源有偿使用收入 增减率 −6.52% (−10 ÷ 160 = −6.25%)
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in audit_path(path).findings] == [
        ("table_change", "表1 第4行 增减率", "-6.52%", "-6.25%", ERROR)]


def test_a_rate_column_without_percent_signs_is_read_in_one_scale() -> None:
    # 40 ÷ 600 = 6.67 %, 5 ÷ 600 = 0.83 % (not 83 %), 75 ÷ 600 = 12.50 %: one scale for the whole column
    text = """项目 | 本年预算数 | 上年决算数 | 增减额 | 增长率 |
办公费 | 640 | 600 | 40 | 6.67 |
差旅费 | 605 | 600 | 5 | 0.83 |
培训费 | 675 | 600 | 75 | {training} |
"""
    assert _found(text.format(training="12.50")) == []
    assert _found(text.format(training="12.05")) == [("table_change", "第4行（表1 第4行 增长率）", "12.05", "12.50", ERROR)]


def test_indented_rows_are_parts_of_the_row_above() -> None:
    # the web copy keeps the table's indentation in full-width spaces: 增值税 and 契税 are parts of 税收收入, and
    # 合计 adds the two unindented rows only (1400 + 420 = 1820), not every row. Planted: 契税 上年决算数 460 (the
    # parts then give 750 + 460 = 1210 against 1200, and 600 − 460 = 140 against the stated 150).
    text = """项目 | 本年预算数 | 上年决算数 | 增减额 |
税收收入 | 1400 | 1200 | 200 |
\u3000\u3000增值税 | 800 | 750 | 50 |
\u3000\u3000契税 | 600 | {deed} | 150 |
非税收入 | 420 | 400 | 20 |
\u3000\u3000罚没收入 | 220 | 200 | 20 |
\u3000\u3000行政性收费 | 200 | 200 | 0 |
合计 | 1820 | 1600 | 220 |
"""
    assert _found(text.format(deed="450")) == []
    assert _found(text.format(deed="460")) == sorted([
        ("table_change", "第4行（表1 第4行 增减额）", "150", "140", ERROR),
        ("table_sum", "第2行（表1 第2行 上年决算数）", "1200", "1210", ERROR),
    ])
    f = next(x for x in audit_text(text.format(deed="460")).findings if x.rule == "table_change")
    assert f.explanation.startswith("契税的增减额写作150")


def test_sibling_rows_with_equal_figures_are_all_parts() -> None:
    # three items of 5.00 / 5.00 each under 公用经费 15.00 / 15.00: equal rows are siblings, not one under another
    text = """项目 | 本年预算数 | 上年决算数 | 增减额 |
一、公用经费 | 15.00 | 15.00 | 0.00 |
1、办公费 | 5.00 | 5.00 | 0.00 |
2、印刷费 | 5.00 | 5.00 | 0.00 |
3、邮电费 | 5.00 | 5.00 | 0.00 |
"""
    r = audit_text(text)
    assert r.findings == []
    assert sum(x.rule == "table_sum" for x in r.relations) == 3
