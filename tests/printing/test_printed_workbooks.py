"""Every workbook jixiao writes, as LibreOffice Calc prints it: pages, scale, headers, whole cells.

Page counts and scales are upper and lower bounds measured on the bundled examples (see
docs/printing.md for the figures); the checks on cells are exact: every bordered cell's text
is printed whole inside its own box, and no glyph crosses a cell border or another glyph.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.xlsxprint import shown_text
from tests.printing.conftest import NAMES, Printed, Rendered
from tests.printing.pdfcheck import Page, by_sheet, squeeze

# Most pages a sheet may take, measured on the bundled examples (a bound, so that a layout that
# spreads a sheet over more paper fails).
MAX_PAGES = {
    "评分表": 2,
    "填报数据": 3, "计算数据": 3, "指标计算": 2,  # 计算数据 lists every figure the engine derives (80 or so)
    "基本信息": 2, "管理评价": 3,
    "审核发现": 1, "排名": 1, "一级指标": 2,
}
MIN_SCALE = 0.6  # below this the 10.5–11 pt text of a cell prints under 6.5 pt
NANCHANG_SCORING_PAGES = 3  # an incomplete example: every missing input is listed as a deduction reason


def _sheets(book: Printed) -> dict[str, list[Page]]:
    pages = by_sheet(book.pages)
    assert "?" not in pages, f"{book.xlsx.name}: a page without the “第 N 页 共 M 页” footer"
    return pages


def _books(rendered: Rendered) -> list[tuple[str, Printed]]:
    return sorted(rendered.books.items())


def test_every_sheet_prints_one_page_wide_at_a_legible_scale(rendered: Rendered) -> None:
    for key, book in _books(rendered):
        wb = openpyxl.load_workbook(book.xlsx)
        pages = _sheets(book)
        assert list(pages) == wb.sheetnames, key  # every sheet prints, in order
        for name, sheet_pages in pages.items():
            ws = wb[name]
            if not isinstance(ws, Worksheet):  # a chart sheet: one landscape page
                assert len(sheet_pages) == 1 and ws.pageSetup.orientation == "landscape", (key, name)
                continue
            assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert [p.number for p in sheet_pages] == list(range(1, len(sheet_pages) + 1)), (key, name)
            limit = MAX_PAGES.get(name, 1)
            if key == "nanchang-2017/评分表":
                limit = NANCHANG_SCORING_PAGES
            assert len(sheet_pages) <= limit, (key, name, len(sheet_pages))
            scale = max(p.scale for p in sheet_pages)
            assert scale >= MIN_SCALE, (key, name, scale)


def test_wanzhou_scoring_sheet_is_two_pages_at_sixty_percent_or_more(rendered: Rendered) -> None:
    pages = _sheets(rendered.books["wanzhou-2020/评分表"])["评分表"]
    assert len(pages) == 2
    assert all(p.scale >= 0.6 for p in pages), [p.scale for p in pages]
    first, last = pages[0].text, pages[-1].text
    assert first.startswith("重庆市万州区人民政府外事办公室2020年度部门整体支出绩效自评评分表")
    assert "评价框架：重庆市区县部门整体支出绩效评价指标体系（2020年度）（chongqing-district-2020）" in first
    assert "评分表（续）" in pages[1].text  # the page header of a continuation page
    for label in ("填报人：", "审核人：", "单位负责人：", "日期：年月日"):
        assert label in last, label
    assert last.index("评价等级") < last.index("填报人：")


def _header_texts(ws: Worksheet) -> list[str]:
    titles = ws.print_title_rows
    assert titles, f"{ws.title}: no header rows repeat on every page"
    first, last = (int(x.strip("$")) for x in titles.split(":"))
    return [squeeze(str(c.value)) for r in range(first, last + 1) for c in ws[r] if c.value is not None
            and c.column <= _print_cols(ws)]


def _print_cols(ws: Worksheet) -> int:
    area = ws.print_area
    assert area, ws.title
    ref = area[0] if isinstance(area, list) else area
    _, _, max_col, _ = range_boundaries(ref.split("!")[-1].replace("$", ""))
    assert max_col is not None
    return max_col


def test_every_page_carries_its_header_row_and_the_first_starts_with_the_title(rendered: Rendered) -> None:
    for key, book in _books(rendered):
        wb = openpyxl.load_workbook(book.xlsx)
        for name, pages in _sheets(book).items():
            ws = wb[name]
            if name == "说明" or not isinstance(ws, Worksheet):
                continue  # instructions and charts: no table, no header row
            heads = _header_texts(ws)
            for page in pages:
                boxes = Counter(page.boxes.values())
                missing = [h for h in heads if boxes[h] == 0]
                assert not missing, (key, name, page.number, missing)
            if not str(ws.print_title_rows).startswith("$1:"):  # a title block above the header
                title = ws["A1"].value
                assert pages[0].text.startswith(squeeze(str(title))), (key, name, pages[0].text[:40])


def test_no_text_crosses_a_cell_border_or_other_text(rendered: Rendered) -> None:
    for key, book in _books(rendered):
        for page in book.pages:
            assert not page.problems, (key, page.sheet, page.number, page.problems[:5])


def _printed_cells(ws: Worksheet) -> list[str]:
    """The text of every bordered cell in the print area (formulas excepted: LibreOffice computes them)."""
    area = ws.print_area
    ref = area[0] if isinstance(area, list) else area
    min_col, min_row, max_col, max_row = range_boundaries(ref.split("!")[-1].replace("$", ""))
    hidden = {(r, c) for rng in ws.merged_cells.ranges for r in range(rng.min_row, rng.max_row + 1)
              for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col) for rng in ws.merged_cells.ranges}
    out = []
    for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
        for cell in row:
            if cell.value is None or cell.data_type == "f" or (cell.row, cell.column) in hidden:
                continue
            if cell.border.top.style and cell.border.bottom.style:
                out.append(squeeze(shown_text(cell.value, str(cell.number_format))))
    return out


def test_every_bordered_cell_prints_whole_inside_its_own_box(rendered: Rendered) -> None:
    """A cell whose wrapped text does not fit its row shows only part of it in its box."""
    checked = 0
    for key, book in _books(rendered):
        wb = openpyxl.load_workbook(book.xlsx)
        for name, pages in _sheets(book).items():
            if not isinstance(wb[name], Worksheet):
                continue
            boxes = {text for page in pages for text in page.boxes.values()}
            cells = _printed_cells(wb[name])
            missing = [t for t in cells if t not in boxes]
            assert not missing, (key, name, missing[:5])
            checked += len(cells)
    assert checked > 2000  # the check ran over the cells, not over nothing


def test_page_counts_of_the_examples(rendered: Rendered) -> None:
    """The whole example workbook, once 38 pages, prints one page a sheet (two for the long ones)."""
    from jixiao.intake.layout import SHEETS

    n_sheets = len(SHEETS) + 1  # and the 说明 sheet
    for name in NAMES:
        pages = _sheets(rendered.books[name])
        assert len(pages) == n_sheets == 17
        assert sum(len(p) for p in pages.values()) <= n_sheets + 3, (name, {k: len(v) for k, v in pages.items()})
    template = _sheets(rendered.books["template"])
    assert sum(len(p) for p in template.values()) <= n_sheets + 1


# -- filling: what LibreOffice Calc keeps when it opens and saves a workbook --------------------------

def test_example_workbooks_saved_by_calc_read_back_as_the_same_department_year(rendered: Rendered) -> None:
    from jixiao.intake.workbook import read_workbook
    from jixiao.model.load import load_department
    from tests.helpers import EXAMPLES

    for name in NAMES:
        expected, _ = load_department(EXAMPLES / f"{name}.yaml")
        ours, our_findings = read_workbook(EXAMPLES / f"{name}.xlsx")
        theirs, their_findings = read_workbook(rendered.resaved[name])
        assert theirs is not None, [f.render() for f in their_findings]
        assert theirs == expected == ours, name
        assert [(f.code, f.message) for f in their_findings] == [(f.code, f.message) for f in our_findings]


def test_calc_keeps_validation_protection_frozen_panes_and_the_check_values(rendered: Rendered) -> None:
    from tests.helpers import EXAMPLES

    for name in NAMES:
        ours = openpyxl.load_workbook(EXAMPLES / f"{name}.xlsx")
        theirs = openpyxl.load_workbook(rendered.resaved[name])
        our_values = openpyxl.load_workbook(EXAMPLES / f"{name}.xlsx", data_only=True)
        their_values = openpyxl.load_workbook(rendered.resaved[name], data_only=True)
        formulas = 0
        for ws in ours.worksheets:
            other = theirs[ws.title]
            assert bool(other.protection.sheet) == bool(ws.protection.sheet), (name, ws.title)
            assert _validations(other) == _validations(ws), (name, ws.title)
            for row in ws.iter_rows():
                for cell in row:
                    twin = other[cell.coordinate]
                    if cell.value is None:
                        continue
                    if ws.protection.sheet:  # inputs stay editable, formulas stay locked
                        assert bool(twin.protection.locked) == bool(cell.protection.locked), (name, cell.coordinate)
                    if cell.data_type != "f":
                        continue
                    formulas += 1
                    assert cell.protection.locked, (name, ws.title, cell.coordinate)
                    ours_v = our_values[ws.title][cell.coordinate].value
                    theirs_v = their_values[ws.title][cell.coordinate].value
                    if ours_v is None:  # no cached value written: Calc computes "" for a blank row
                        assert theirs_v in (None, ""), (name, cell.coordinate, theirs_v)
                    else:  # the value we cached is the one Calc computes
                        assert round(Decimal(str(theirs_v)), 9) == round(Decimal(str(ours_v)), 9), (
                            name, ws.title, cell.coordinate, ours_v, theirs_v)
        assert formulas > 50, name


def test_frozen_panes_follow_the_ooxml_rules(rendered: Rendered) -> None:
    """A frozen pane names its split, the first scrolling cell and the active pane, as Excel and WPS expect.

    (LibreOffice keeps panes in its view settings, which a headless conversion does not write back,
    so this is checked on our own file.)
    """
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    for key, book in _books(rendered):
        for ws in openpyxl.load_workbook(book.xlsx).worksheets:
            if ws.freeze_panes is None:
                continue
            pane = ws.sheet_view.pane
            assert pane is not None and pane.state == "frozen", (key, ws.title)
            col, row = coordinate_from_string(ws.freeze_panes)
            assert (pane.xSplit or 0, pane.ySplit or 0) == (column_index_from_string(col) - 1, row - 1)
            assert pane.topLeftCell == ws.freeze_panes
            expected = "bottomRight" if pane.xSplit and pane.ySplit else ("bottomLeft" if pane.ySplit else "topRight")
            assert pane.activePane == expected, (key, ws.title)


def _formula(text: str | None) -> str | None:
    """A validation bound as written or as Calc writes it again (-1E+12 and -1000000000000 are one number)."""
    if text is None:
        return None
    try:
        return str(Decimal(text).normalize())
    except ArithmeticError:
        return text.replace("&quot;", '"')


def _validations(ws: Worksheet) -> dict[str, tuple[object, ...]]:
    out: dict[str, tuple[object, ...]] = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            # Calc writes an operator and formulas where they mean nothing: for a list, or for any value.
            kind = dv.type or "none"
            operator = None if kind in ("list", "none") else dv.operator
            first = None if kind == "none" else dv.formula1
            second = None if kind in ("list", "none") or dv.operator not in ("between", "notBetween") else dv.formula2
            out[ref] = (kind, operator, _formula(first), _formula(second),
                        bool(dv.showInputMessage), dv.promptTitle, dv.prompt, bool(dv.showErrorMessage),
                        dv.errorTitle, dv.error, dv.errorStyle or "stop", bool(dv.allow_blank))
    return out


@pytest.mark.parametrize("name", ["wanzhou-2020"])
def test_inputs_are_unlocked_and_checks_locked_in_the_example(rendered: Rendered, name: str) -> None:
    ws = openpyxl.load_workbook(rendered.resaved[name])["收支情况"]
    assert ws.protection.sheet
    assert not ws["B4"].protection.locked  # 年初预算数: an input
    assert not ws["A4"].protection.locked  # its label: the unit may be changed to （元）
    check = next(r for r in range(4, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("核对"))
    assert ws.cell(check, 2).protection.locked
