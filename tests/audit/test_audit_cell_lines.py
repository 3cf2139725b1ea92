"""A “三公” comparison table (years as rows, categories as columns, a two-line header whose last group
opens with its own 合计) flattened one cell per line with "|" alone on the line after each cell; and the
same table as a workbook. Rules: the 合计 columns against their parts (``table_sum``) and the change row
"2020年比2019年增减%" against the two year rows (``table_change``), judged under the rounding of the
amounts as written.

Our own county and figures: 2019年 500 = 40 + 160 + 300, 300 = 100 + 200; 2020年 410 = 10 + 150 + 250,
250 = 60 + 190; changes −18.00, −75.00, −6.25, −16.67, −40.00, −5.00 (each (2020 − 2019) ÷ 2019)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path, audit_text
from jixiao.audit.documents import document_from_text
from jixiao.audit.finding import ERROR

_CELLS = ["年度", "合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "合计", "购置费", "运行费",
          "2019年", "500", "40", "160", "300", "100", "200",
          "2020年", "410", "10", "150", "250", "60", "{run}",
          "2020年比2019年增减%", "-18.00", "-75.00", "{recv}", "-16.67", "{buy}", "-5.00"]
TABLE = ("某县2020年“三公”经费决算与上年对比\n" + "".join(c + "\n|\n" for c in _CELLS[:-1]) + _CELLS[-1]
         + "\n说明：公务接待费减少主要因会议压减。\n")
CONSISTENT = {"run": "190", "recv": "-6.25", "buy": "-40.00"}


def _found(text: str) -> list[tuple[str, str, str, str, str]]:
    return sorted((f.rule, f.location, f.stated, f.expected, f.severity) for f in audit_text(text).findings)


def test_the_table_is_rebuilt_with_its_two_line_header() -> None:
    (table,) = document_from_text(TABLE.format(**CONSISTENT)).tables
    assert table.rebuilt and table.form == "cell_lines" and "incomplete" not in table.notes
    assert [[c.text for c in r] for r in table.rows[:3]] == [
        ["年度", "合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", ""],
        ["", "", "", "", "合计", "购置费", "运行费"],
        ["2019年", "500", "40", "160", "300", "100", "200"]]


def test_a_consistent_table_has_no_findings_and_every_relation_is_checked() -> None:
    r = audit_text(TABLE.format(**CONSISTENT))
    assert r.findings == []
    # per year: 合计 over three categories and 公车 合计 over two; six changes
    assert sum(x.rule == "table_sum" for x in r.relations) == 4
    assert sum(x.rule == "table_change" for x in r.relations) == 6


def test_a_rate_from_unrounded_amounts_is_consistent_under_the_written_rounding() -> None:
    # −6.30 for 160 → 150: within the rounding of whole 万元 ((149.5 − 160.5) ÷ 160.5 = −6.85 … −5.64)
    assert _found(TABLE.format(**{**CONSISTENT, "recv": "-6.30"})) == []


def test_wrong_parts_and_changes_are_named_by_cell() -> None:
    # planted: 2020 运行费 180 (60 + 180 = 240, written 250; (180 − 200) ÷ 200 = −10.00, written −5.00);
    # 购置费 change −45.00 ((60 − 100) ÷ 100 = −40.00; rounding reaches only −40.80 … −39.20)
    text = TABLE.format(**{**CONSISTENT, "run": "180", "buy": "-45.00"})
    assert _found(text) == sorted([
        ("table_sum", "第40行（表1 第4行 合计）", "250", "240", ERROR),
        ("table_change", "第56行（表1 第5行 购置费）", "-45.00", "-40.00", ERROR),
        ("table_change", "第58行（表1 第5行 运行费）", "-5.00", "-10.00", ERROR),
    ])


def test_a_header_that_cannot_be_split_is_not_read() -> None:
    # one header cell more than a row but no 合计 opening the sub-header: where it starts is unknown
    text = TABLE.format(**CONSISTENT).replace("合计\n|\n购置费", "车辆\n|\n购置费")
    assert [t for t in document_from_text(text).tables if t.form == "cell_lines"] == []
    assert _found(text) == []


def test_a_row_cut_short_marks_the_table_incomplete() -> None:
    text = TABLE.format(**CONSISTENT).replace("-16.67\n|\n-40.00\n|\n-5.00\n", "-16.67\n")
    (table,) = document_from_text(text).tables
    assert "incomplete" in table.notes and len(table.rows) == 4


def test_the_workbook_with_merged_header_is_checked_the_same_way(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "三公对比"
    ws.append(["年度", "合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None])
    ws.append([None, None, None, None, "合计", "购置费", "运行费"])
    ws.append(["2019年", 500, 40, 160, 300, 100, 200])
    ws.append(["2020年", 410, 10, 150, 250, 60, 180])  # planted: 60 + 180 = 240, written 250
    ws.append(["2020年比2019年增减%", -18.00, -75.00, -6.25, -16.67, -40.00, -5.00])
    for col in "ABCD":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("E1:G1")
    path = tmp_path / "三公对比.xlsx"
    wb.save(path)
    found = sorted((f.rule, f.location, f.stated, f.expected, f.severity) for f in audit_path(path).findings)
    assert found == sorted([
        ("table_sum", "三公对比!E4（表1 第4行 合计）", "250", "240", ERROR),
        ("table_change", "三公对比!G5（表1 第5行 运行费）", "-5", "-10.00", ERROR),
    ])


def test_a_long_run_of_header_words_is_scanned_a_bounded_length_from_each_start() -> None:
    # "本年收入合计 / 本年支出合计" repeated on thousands of lines are all header words: scanning the whole run
    # again from every token made reading quadratic (800 pairs took seconds); each scan now stops after
    # MAX_HEADER_RUN words, so the work per token is bounded
    from jixiao.audit.flattened import MAX_HEADER_RUN, HeaderWords, _header_run
    from jixiao.audit.forms import vocabulary
    from jixiao.audit.tokens import tokenize

    tokens = tokenize(["本年收入合计", "本年支出合计"] * 2000, frozenset())
    roles, _, end = _header_run(HeaderWords(tokens, vocabulary()), 0)
    assert len(roles) == MAX_HEADER_RUN and end == MAX_HEADER_RUN


def test_the_header_word_of_each_token_is_looked_up_once() -> None:
    # a run is read from every start: each token's word was looked up again by every run passing over it (24 runs,
    # up to 3 joins each: ~1 ms a paragraph); the lookups are now made once per token, and the runs are the same
    from jixiao.audit.flattened import MAX_HEADER_RUN, HeaderWords, _header_run
    from jixiao.audit.forms import vocabulary
    from jixiao.audit.tokens import tokenize

    looked: list[int] = []

    class Counted(HeaderWords):
        def _lookup(self, k: int) -> tuple[str, str, int] | None:
            looked.append(k)
            return super()._lookup(k)

    tokens = tokenize(["本年收入合计", "本年支出合计"] * 50, frozenset())
    words = Counted(tokens, vocabulary())
    runs = [_header_run(words, i) for i in range(len(tokens))]
    assert sorted(looked) == list(range(len(tokens)))  # each token once, though runs overlap 24 deep
    assert [end - i for i, (_, _, end) in enumerate(runs)] == [min(MAX_HEADER_RUN, len(tokens) - i)
                                                              for i in range(len(tokens))]
    assert runs[0][0] == ["total"] * MAX_HEADER_RUN


def test_a_column_of_rates_is_not_judged_by_the_change_row() -> None:
    # the change row of a 执行率 column states percentage points (98.00 − 95.00 = 3.00), not a change rate
    text = """某县两年预算执行对比
年度
|
预算数
|
决算数
|
执行率(%)
|
2019年
|
200
|
190
|
95.00
|
2020年
|
250
|
245
|
98.00
|
2020年比2019年增减%
|
25.00
|
28.95
|
3.00
"""
    r = audit_text(text)
    assert r.findings == []
    # 预算数 (250 − 200) ÷ 200 = 25.00 and 决算数 (245 − 190) ÷ 190 = 28.95 are checked, 执行率 is not
    assert sorted(x.stated for x in r.relations if x.rule == "table_change") == [Decimal("25.00"), Decimal("28.95")]
