"""A sheet written row by row (:func:`jixiao.xlsxprint.write_streamed`) is the sheet :func:`lay_out` makes of the
same styled cells in an ordinary workbook: values, styles after laying out, column widths, row heights, panes and
page set-up, filter, for any rows hypothesis draws (text with CJK and line breaks, numbers under number formats,
empty cells with and without a style or a border, formula-looking text and control characters, both written
inert, ragged rows) and any layout."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jixiao.safeio.inert import cell_value, inert_cells
from jixiao.xlsxprint import GRID, Layout, Look, lay_out, line_count, new_workbook, write_streamed
from tests.workbook_view import workbook_view as _workbook

LOOKS = (
    Look(),
    Look(font=Font(bold=True), fill=PatternFill("solid", fgColor="DDEBF7")),
    Look(alignment=Alignment(wrap_text=True, vertical="top")),
    Look(alignment=Alignment(horizontal="center"), number_format="0.00"),
    Look(font=Font(color="C00000", size=14), number_format="0.0%"),
    Look(number_format="#,##0.00"),
    Look(border=GRID),
    Look(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top"), border=GRID),
)
values = st.one_of(
    st.none(), st.integers(-10**9, 10**9), st.decimals(min_value=-10**6, max_value=10**6, places=3),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(["=1+1", "-项目", "@A1", "", "合计", "说明：\n第二行", "控制\x07字符"]),
    st.text(alphabet="部门整体支出绩效自评报告，。（）abc XYZ0123\n", max_size=120),
)
cells = st.tuples(values, st.sampled_from(LOOKS))
Rows = list[list[tuple[object, Look]]]


def ordinary(rows: Rows, layout: Layout, freeze: str | None, auto_filter: bool = False) -> bytes:
    """The same cells in an ordinary sheet, text made inert (:func:`jixiao.safeio.inert.inert_cells`) before
    :func:`lay_out`."""
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "表"
    for r, row in enumerate(rows, 1):
        ws.append([cell_value(value) for value, _ in row])
        for c, (_, look) in enumerate(row, 1):
            cell = ws.cell(r, c)
            if look.font is not None:
                cell.font = look.font
            if look.fill is not None:
                cell.fill = look.fill
            if look.alignment is not None:
                cell.alignment = look.alignment
            if look.number_format != "General":
                cell.number_format = look.number_format
            if look.border is not None:
                cell.border = look.border
    if freeze is not None:
        ws.freeze_panes = freeze
    if auto_filter:
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    inert_cells(ws)
    lay_out(ws, layout)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def streamed(rows: Sequence[Sequence[tuple[object, Look]]], layout: Layout, freeze: str | None,
             auto_filter: bool = False) -> bytes:
    wb = new_workbook(write_only=True)
    write_streamed(wb, "表", lambda: iter(rows), layout, freeze=freeze, auto_filter=auto_filter)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


layouts = st.builds(
    Layout, header_rows=st.sampled_from([None, (1, 1), (1, 2)]),
    widths=st.dictionaries(st.integers(1, 5), st.sampled_from([6.0, 12.5, 30.0]), max_size=2),
    wrap=st.dictionaries(st.integers(1, 5), st.sampled_from([8.0, 20.0, 50.0]), max_size=3),
    landscape=st.sampled_from([None, True, False]), print_columns=st.sampled_from([None, 2]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=8), layout=layouts,
       freeze=st.sampled_from([None, "A2", "B3"]), auto_filter=st.booleans())
def test_a_streamed_sheet_is_the_laid_out_ordinary_sheet(rows: Rows, layout: Layout, freeze: str | None,
                                                         auto_filter: bool) -> None:
    assert _workbook(streamed(rows, layout, freeze, auto_filter)) == _workbook(ordinary(rows, layout, freeze,
                                                                                        auto_filter))


def test_a_long_text_wraps_and_heightens_its_row_as_lay_out_does() -> None:
    text = "部门整体支出绩效自评" * 12
    rows: Rows = [[("序号", LOOKS[1]), ("说明", LOOKS[1])], [(1, LOOKS[2]), (text, LOOKS[2])], [(Decimal("2.5"), LOOKS[3])]]
    layout = Layout(header_rows=(1, 1), wrap={2: 40})
    sheet = _workbook(streamed(rows, layout, "A2"))["表"]
    assert sheet == _workbook(ordinary(rows, layout, "A2"))["表"]
    assert sheet["widths"]["B"][0] == 40 and sheet["heights"][2][0] > 3 * sheet["heights"][1][0]
    assert sheet["print"][0] == "'表'!$A$1:$B$3"


def test_a_text_ending_in_an_opening_mark_is_measured() -> None:
    """lay_out raised IndexError on a cell whose line ended in “（” (a file name, a reason): found by the test above."""
    assert line_count("金额（", 4.0) == 2 and line_count("（", 4.0) == 1 and line_count("说明“\n第二行《", 40.0) == 2
    rows: Rows = [[("文件（", LOOKS[0]), ("原因“", LOOKS[2])]]
    assert _workbook(streamed(rows, Layout(), None)) == _workbook(ordinary(rows, Layout(), None))


def test_formula_like_text_is_written_inert_and_measured_as_text() -> None:
    rows: Rows = [[("=SUM(A1:A3)", LOOKS[0]), ("-项目支出完成率为98.5%，较上年提高2个百分点" * 3, LOOKS[2]), (-3.5, LOOKS[0])]]
    sheet = _workbook(streamed(rows, Layout(wrap={2: 30}), None))["表"]
    (formula, text, number), = sheet["cells"]
    assert (formula[:2], formula[-1], text[1], text[-1], number[:2], number[-1]) == (
        ("=SUM(A1:A3)", "s"), True, "s", True, (-3.5, "n"), False)
    assert "wrapText=True" in text[5] and "horizontal='right'" in number[5]
    assert sheet["widths"]["B"][0] == 30 and sheet["heights"][1][0] > 40
