"""The measuring and page set-up of jixiao.xlsxprint, without LibreOffice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl.styles import Alignment

from jixiao.xlsxprint import (
    EM_UNITS,
    FOOTER,
    Layout,
    lay_out,
    line_count,
    new_workbook,
    shown_text,
    text_units,
)


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (Decimal("1234.5"), "#,##0.00", "1,234.50"),
    (Decimal("0.98765"), "0.00%", "98.77%"),
    (Decimal("-0.4556"), "0.00%", "-45.56%"),
    (3, '0"次"', "3次"),
    (Decimal("12.5"), '#,##0.00"万元"', "12.50万元"),
    (Decimal("2"), "0.##", "2"),
    (Decimal("2.50"), "0.##", "2.5"),
    (2020, "General", "2020"),
    ("文字", "General", "文字"),
    (None, "General", ""),
])
def test_shown_text_applies_the_number_format(value: object, fmt: str, shown: str) -> None:
    assert shown_text(value, fmt) == shown


def test_cjk_counts_double_and_lines_are_measured_apart() -> None:
    assert text_units("预算执行率") == pytest.approx(5 * EM_UNITS)
    assert text_units("ab\n预算") == pytest.approx(2 * EM_UNITS)  # the widest line
    assert text_units("“三公”") == pytest.approx(4 * EM_UNITS)  # quotes print full width in CJK fonts
    assert text_units("12") < text_units("预算")


def test_line_count_wraps_cjk_anywhere_and_keeps_closing_marks_with_their_word() -> None:
    ten = "一二三四五六七八九十"
    assert line_count(ten, 10 * EM_UNITS) == 1
    assert line_count(ten, 5 * EM_UNITS) == 2
    assert line_count(ten, 3 * EM_UNITS) == 4
    assert line_count(ten + "\n" + ten, 10 * EM_UNITS) == 2
    # "，" may not begin a line: "四，" moves down together, so the first line holds three characters
    assert line_count("一二三四，五六", 4 * EM_UNITS) == 2
    assert line_count("一二三四，五六七八", 4 * EM_UNITS) == 3
    # a Latin word is not split while it fits a line
    assert line_count("chongqing-district-2020", 14 * EM_UNITS) == 1
    assert line_count("计算 chongqing-district-2020", 14 * EM_UNITS) == 2


def test_lay_out_sizes_columns_rows_and_page() -> None:
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["标题"])
    ws.append(["项目", "金额（万元）", "说明"])
    long_note = "这是一段很长的说明文字，" * 8
    ws.append(["预算执行率", Decimal("1234567.891"), long_note])
    for c in ws[3]:
        c.alignment = Alignment(wrap_text=True)
    ws["B3"].number_format = "#,##0.00"
    widths = lay_out(ws, Layout(header_rows=(2, 2), wrap={3: 30}))
    assert widths[1] >= text_units("预算执行率")  # the label fits on one line
    assert widths[2] >= text_units("1,234,567.89")  # a number never wraps
    assert widths[3] == 30  # long text wraps at the column's limit
    assert ws["B3"].alignment.horizontal == "right" and not ws["B3"].alignment.wrap_text
    assert ws["C3"].alignment.wrap_text
    lines = line_count(long_note, 30 - 0.8)
    assert lines >= 4
    assert ws.row_dimensions[3].height >= lines * 11 * 1.4
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.orientation == "portrait"  # 30 + two short columns fit a portrait page
    assert ws.print_options.horizontalCentered
    footer = ws.oddFooter
    assert footer is not None and footer.center is not None and footer.center.text == FOOTER
    assert round(ws.page_margins.left * 2.54, 2) == 2.8 and round(ws.page_margins.top * 2.54, 2) == 3.7


def test_wide_sheets_turn_landscape_and_wrapped_columns_narrow_to_keep_the_scale() -> None:
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.append([f"列{i}" for i in range(8)])
    ws.append(["很长的文字内容，" * 20 for _ in range(8)])
    for c in ws[2]:
        c.alignment = Alignment(wrap_text=True)
    widths = lay_out(ws, Layout(header_rows=(1, 1), min_scale=0.7))
    assert ws.page_setup.orientation == "landscape"
    assert sum(widths.values()) <= 102 / 0.7 + 1
