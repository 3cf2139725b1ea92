"""A list table (一览表) copied one cell per line, each line closed by its bar and each row opening with its 序号, the
standard per person merged down its column so that only the first row writes it (held-out-8: 金寨 种粮补贴 一览表).
Short texts in our own words in that layout; every figure computed by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path
from jixiao.audit.docmodel import INCOMPLETE
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found


def _list(last: str, cut: bool = False) -> str:
    head = ["某县2023年高龄老人补贴发放一览表 |", "||||", "序号 |", "乡 镇 |", "享受人数 |", "每人补助标准(元) |",
            "发放金额(元) |", "备注 |", "1 |", "城关镇 |", "120 |", "600 |", "72000 |", "|"]
    rows = [("2", "河口乡", "85", "51000"), ("3", "新桥镇", "143", "85800"), ("4", "石门乡", "67", "40200")]
    out: list[str] = []
    for row in rows:
        out += [f"{c} |" for c in row] + ["||"]
    text = "\n".join(head + out + ["5 |", "柳林镇 |", "98 |"])
    return text + ("\n" + last if cut else f"\n{last} |\n||") + "\n"


# 120 × 600 = 72000, 85 × 600 = 51000, 143 × 600 = 85800, 67 × 600 = 40200, 98 × 600 = 58800
def test_merged_standard_is_every_rows_standard() -> None:
    # before: the one-cell-per-line list was not read at all
    text = _list("58800")
    assert found(text) == []
    assert checked(text, "table_product") == [
        ("40200", ("600", "67")), ("51000", ("600", "85")), ("58800", ("600", "98")), ("72000", ("120", "600")),
        ("85800", ("143", "600"))]
    [table] = document_from_text(text).tables
    assert [c.text for c in table.rows[2]] == ["2", "河口乡", "85", "600", "51000", ""]
    assert table.rows[2][3].origin == (2, 4) and table.rows[5][3].origin == (2, 4)


def test_row_off_the_merged_standard_is_an_error() -> None:
    # 柳林镇 58300 for 98 × 600 = 58800
    assert found(_list("58300")) == [("table_product", "错误", "第33行（表1 第6行 发放金额(元)）", "58300", "58800")]


def test_text_ending_inside_a_row_drops_that_row() -> None:
    # "588" without its bar: the copy stops inside 柳林镇's amount, which is not judged against 98 × 600
    text = _list("588", cut=True)
    assert found(text) == []
    assert [s for s, _ in checked(text, "table_product")] == ["40200", "51000", "72000", "85800"]
    [table] = document_from_text(text).tables
    assert INCOMPLETE in table.notes and len(table.rows) == 5


def test_a_row_of_another_shape_ends_the_table() -> None:
    # 石门乡 writes two more figures than the header has columns for: the rows from there on are not placed
    text = _list("58800").replace("67 |\n40200 |", "67 |\n3 |\n5 |\n40200 |")
    [table] = document_from_text(text).tables
    assert [r[1].text for r in table.rows[1:]] == ["城关镇", "河口乡", "新桥镇"]
    assert INCOMPLETE in table.notes
    assert [s for s, _ in checked(text, "table_product")] == ["51000", "72000", "85800"]


def test_merged_standard_in_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "发放表"
    ws.append(["序号", "乡镇", "享受人数", "每人补助标准(元)", "发放金额(元)"])
    for row in ([1, "城关镇", 120, 600, 72000], [2, "河口乡", 85, None, 51000], [3, "新桥镇", 143, None, 85800],
                [4, "石门乡", 67, None, 40200], [5, "柳林镇", 98, None, 58300]):
        ws.append(row)
    ws.merge_cells("D2:D6")  # the standard merged down the column
    path = tmp_path / "发放表.xlsx"
    wb.save(path)
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings] == [
        ("table_product", "错误", "发放表!E6（表1 第6行 发放金额(元)）", "58300", "58800")]
