"""The 项目基本概况 money block (计划安排资金 / 实际到位资金 / 实际支出 / 结余, each with its 其中 source rows) as a real
table of a Word file, a workbook or a PDF: each column is a label cell with its amount in the next cell, and under them
the source rows repeat their label once per column. It was read only from text cells (one cell a line, or between
"|"), so the renderings of the reports that carry it (corpus guangxi-guiping, held-out-8 hunan-yueyang-nhxq,
held-out-12 hainan-wenchang) checked none of its relations that their text checks. The table's cells are now read
row by row, in the order a text copy writes them. The block below is ours (湖南 form words); every figure by hand.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from jixiao.audit.api import audit_path
from tests.audit.audit_helpers import add_docx_table

# 到位 100 − 支出 92.5 = 结余 7.5; plan 60 + 60 = 120, received 50 + 50 = 100, spent 50 + 42.5 = 92.5;
# the 县 row's own balance 50 − 42.5 = 7.5.
ROWS = [
    ["计划安排资金(万元)", "120", "实际到位资金(万元)", "100", "实际支出(万元)", "92.5", "结余(万元)", "{balance}"],
    ["其中:中央财政", "", "其中:中央财政", "", "其中:中央财政", "", "其中:中央财政", ""],
    ["省财政", "60", "省财政", "50", "省财政", "50", "省财政", ""],
    ["{city}", "", "市财政", "", "市财政", "", "市财政", ""],
    ["县财政", "60", "县财政", "50", "县财政", "42.5", "县财政", "7.5"],
    ["其它", "", "其它", "", "其它", "", "其它", ""],
]


def _rows(balance: str, city: str) -> list[list[str]]:
    return [[c.replace("{balance}", balance).replace("{city}", city) for c in row] for row in ROWS]


def _word(tmp_path: Path, balance: str = "7.5", city: str = "市财政") -> Path:
    d = docx.Document()
    d.add_paragraph("某县2022年乡村道路养护项目财政支出绩效评价自评报告")
    d.add_paragraph("一、项目基本概况")
    rows = _rows(balance, city)
    add_docx_table(d, rows)
    path = tmp_path / "自评报告.docx"
    d.save(str(path))
    return path


def _workbook(tmp_path: Path, balance: str = "7.5") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "基本概况"
    for row in _rows(balance, "市财政"):
        ws.append([float(c) if c.replace(".", "").isdigit() else (c or None) for c in row])
    path = tmp_path / "自评报告.xlsx"
    wb.save(str(path))
    return path


def _checked(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((str(r.stated), tuple(sorted(str(o) for o in r.operands)))
                  for r in audit_path(path).relations if r.rule == "money_block")


def _found(path: Path) -> list[tuple[str, str, str, str, str]]:
    return [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings]


# the block's balance, the 县 row's balance, and the four columns against their source rows
CHECKED = [("100", ("50", "50")), ("120", ("60", "60")), ("7.5", ("100", "92.5")), ("7.5", ("42.5", "50")),
           ("7.5", ("7.5",)), ("92.5", ("42.5", "50"))]


def test_money_block_in_a_word_table(tmp_path: Path) -> None:
    path = _word(tmp_path)
    assert _found(path) == []
    assert _checked(path) == CHECKED


def test_wrong_balance_in_a_word_table(tmp_path: Path) -> None:
    # 结余 written 8.5: 100 − 92.5 = 7.5, an 错误 (the 结余 column's one source amount, 7.5, says the same of that cell)
    assert _found(_word(tmp_path, "8.5")) == [("money_block", "错误", "表1第1行第8列", "8.5", "7.5")]


def test_money_block_in_a_workbook(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    assert _found(path) == []
    assert _checked(path) == CHECKED
    assert _found(_workbook(tmp_path, "8.5")) == [("money_block", "错误", "基本概况!H1", "8.5", "7.5")]


def test_a_source_row_that_breaks_the_pattern_leaves_the_rows_unread(tmp_path: Path) -> None:
    # one 市 cell written otherwise: the rows are not read, only the block's balance is judged
    path = _word(tmp_path, city="市级财政")
    assert _checked(path) == [("7.5", ("100", "92.5"))]
