"""Pipe rows whose empty cells were moved to the row's end (jixiao.audit.packed): cells are placed by what
they can be and by the table's structure, never by arithmetic; a column whose figures could sit elsewhere
is not judged, a name-only row that fits either side is left out."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text

# A 收支总表 of our own, two sides, written like a web copy: the empty cells of each row piled up at its end.
TABLE = """某单位2024年财政拨款收支总表 |
金额单位:万元 | ||||||
项目 | 预算数 | 项目 | 合计 | 一般公共预算 | 政府性基金预算 | |
一、本年收入 | 120.00 | 一、本年支出 | 120.00 | 120.00 | |
一般公共预算资金 | 120.00 | 一般公共服务支出 | {first} | {first} | |
政府性基金预算资金 | 教育支出 | ||||
科学技术支出 | |||||
社会保障和就业支出 | 30.00 | 30.00 | |||
(一)结转资金 | |||||
收入总计 | 120.00 | 支出总计 | 120.00 | 120.00 | |
"""


def _table(text: str) -> list[list[str]]:
    (table,) = document_from_text(text).tables
    return [[c.text for c in row] for row in table.rows]


def test_packed_rows_are_placed_where_the_placement_is_certain() -> None:
    # 合计 is filled whenever a part is, so it is the first figure of its side; the part's own column is not
    # known (一般公共预算 or 政府性基金预算): its figure serves the row's 合计 only
    assert _table(TABLE.format(first="90.00")) == [
        ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"],
        ["一、本年收入", "120.00", "一、本年支出", "120.00", "120.00", ""],
        ["一般公共预算资金", "120.00", "一般公共服务支出", "90.00", "90.00", ""],
        ["政府性基金预算资金", "", "教育支出", "", "", ""],
        ["", "", "社会保障和就业支出", "30.00", "30.00", ""],
        ["收入总计", "120.00", "支出总计", "120.00", "120.00", ""],
    ]
    (table,) = document_from_text(TABLE.format(first="90.00")).tables
    assert table.notes == ("无数字且位置不明的行未列入：科学技术支出、(一)结转资金",
                           "以下各列的数字只知同行合计的组成，不知所在列，只核对同行合计：一般公共预算、政府性基金预算",
                           "row_sum_only:5", "row_sum_only:6")
    assert [f.rule for f in audit_text(TABLE.format(first="90.00")).findings] == []


def test_a_row_total_against_parts_of_unknown_column_is_checked_but_not_their_column() -> None:
    # 合计 80.00 against its one part 90.00 (whichever column that is); the parts' column sum (120 vs 210) is
    # not judged, since the parts' columns are unknown
    text = TABLE.format(first="90.00").replace("一般公共服务支出 | 90.00 | 90.00", "一般公共服务支出 | 80.00 | 90.00")
    findings = audit_text(text).findings
    assert [(f.severity, f.rule, f.location, f.stated, f.expected) for f in findings] == [
        ("错误", "table_sum", "第4行（表1 第2行 合计）", "120.00", "110.00"),
        ("错误", "table_sum", "第5行（表1 第3行 合计）", "80.00", "90.00")]


def test_a_planted_total_error_in_a_certain_column_is_found() -> None:
    findings = audit_text(TABLE.format(first="80.00")).findings
    assert [(f.severity, f.rule, f.location, f.stated, f.expected) for f in findings] == [
        ("错误", "table_sum", "第4行（表1 第2行 合计）", "120.00", "110.00")]
    assert findings[0].explanation.endswith("（该表由报告中的表格文字还原）")


def test_a_row_that_fits_nowhere_marks_the_table_incomplete() -> None:
    text = TABLE.format(first="80.00").replace("社会保障和就业支出 | 30.00 | 30.00 | |||", "30.00 | 30.00 | 30.00 | |||")
    (table,) = document_from_text(text).tables
    assert "incomplete" in table.notes
    assert audit_text(text).findings == []
