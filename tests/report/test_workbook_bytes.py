"""Workbooks are written in memory: the same workbook as openpyxl's own save, no temporary file."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet import _writer

from jixiao.xlsxlib import workbook_bytes
from jixiao.xlsxprint import Layout, lay_out, new_workbook


def test_workbook_bytes_writes_no_temporary_file_and_keeps_the_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_temporary_file(suffix: str = "") -> str:
        raise AssertionError("a temporary file was created")

    monkeypatch.setattr(_writer, "create_temporary_file", no_temporary_file)
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "表一"
    for row in (["项目", "数值"], ["预算数", 12.5], ["执行数", 10]):
        ws.append(row)
    ws.append(["备注", "=不是公式"])
    lay_out(ws, Layout(header_rows=(1, 1)))
    data = workbook_bytes(wb)
    again = load_workbook(BytesIO(data))["表一"]
    assert [[c.value for c in r] for r in again.iter_rows()] == [
        ["项目", "数值"], ["预算数", 12.5], ["执行数", 10], ["备注", "=不是公式"]]
    assert again.print_title_rows == "$1:$1"
    assert again.page_setup.paperSize == 9 and again.page_setup.fitToWidth == 1
    buf = BytesIO()
    monkeypatch.undo()
    wb.save(buf)  # openpyxl's own save (temporary files) writes the same sheet
    mine, theirs = (load_workbook(BytesIO(b))["表一"] for b in (data, buf.getvalue()))
    assert [[c.value for c in r] for r in mine.iter_rows()] == [[c.value for c in r] for r in theirs.iter_rows()]
    assert dict(mine.column_dimensions.items()).keys() == dict(theirs.column_dimensions.items()).keys()
