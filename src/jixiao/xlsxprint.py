"""How every workbook jixiao writes looks on screen and on paper: sizing and A4 page setup.

openpyxl writes what it is told and fits nothing, and neither Excel nor LibreOffice
sizes rows or columns when it opens a file. So each writer fills its cells and then
calls :func:`lay_out` once per sheet, which

- sizes every column from what its cells show (number formats applied, CJK
  characters counted double, measured with ``unicodedata.east_asian_width``),
  wrapping long text inside a maximum width instead of letting it run into the
  neighbouring cells;
- sets every used row's height from the number of lines its wrapped cells take;
- right-aligns numbers and wraps text;
- sets up the page: A4, portrait or landscape from the sheet's width, one page
  wide and as many tall as needed, the type area of a 公文 attachment (GB/T 9704:
  156 mm × 225 mm, turned for landscape) centred, the header rows repeated on every
  page and a footer with the sheet name and "第 N 页 共 M 页".

Widths are in Excel's column units (one digit of the default font). jixiao's
workbooks use 宋体 11 pt as that default, as Chinese Excel and WPS do, so one CJK
character at 11 pt is about 1.8 units in both Excel and LibreOffice.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any, cast

# isort: off
import jixiao.xlsxlib  # noqa: F401  (first: openpyxl without numpy, faster start-up)
# isort: on
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chartsheet import Chartsheet
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.page import PageMargins, PrintPageSetup
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.safeio.inert import cell_text, formula_like

DEFAULT_FONT = Font(name="宋体", size=11)
A4 = 9  # the paperSize code of A4 in OOXML

# GB/T 9704 type area: 156 mm wide, 225 mm tall; margins 37 top, 35 bottom, 28 binding side, 26 outer.
CM_PER_INCH = 2.54
PORTRAIT_MARGINS_CM = (3.7, 3.5, 2.8, 2.6)  # top, bottom, left, right
LANDSCAPE_MARGINS_CM = (2.8, 2.6, 3.7, 3.5)  # the same type area turned: binding edge at the top
HEADER_FOOTER_CM = 1.2
PORTRAIT_UNITS = 70.0  # type-area width in column units (LibreOffice: one unit ≈ 2.2 mm with 宋体 11)
LANDSCAPE_UNITS = 102.0
PORTRAIT_MIN_SCALE = 0.8  # sheets that print portrait at this scale or more stay portrait
MIN_SCALE = 0.7  # wrapped columns are narrowed until a sheet prints at least at this scale

# One column unit is about 6 pt with 宋体 11 as the default font (Excel: 8 px at 96 dpi; LibreOffice with
# Noto Serif CJK standing in for 宋体: 6.15 pt), so one em of 11 pt text is about 1.8 units in both.
EM_UNITS = 1.85  # column units of one em at 11 pt, with a little to spare
PAD = 1.5  # column units around the text of a cell that must fit on one line (cell margins, grid line)
WRAP_PAD = 0.8  # the same for wrapped text
LINE_PT = 1.43  # line pitch as a multiple of the font size (LibreOffice with Noto CJK; Excel's 宋体 needs 1.3)
ROW_PAD_PT = 4.0
DEFAULT_WRAP = 40  # text wider than this many units wraps
MIN_WIDTH = 4
DEFAULT_COLUMN_WIDTH = 9.0  # what Excel and LibreOffice give a column without a width

FOOTER = "&A　第 &P 页 共 &N 页"

_QUOTED = re.compile(r'"([^"]*)"')
_DECIMALS = re.compile(r"0\.(0+)")
_HASHES = re.compile(r"0\.(#+)")


def new_workbook(write_only: bool = False) -> Workbook:
    """An empty workbook whose default font (the unit of column widths) is 宋体 11 pt; ``write_only``: one
    whose sheets are written row by row (:func:`write_streamed`), with no sheet yet."""
    wb = Workbook(write_only=write_only)
    wb._fonts = IndexedList([DEFAULT_FONT])  # type: ignore[attr-defined]  # index 0: the "Normal" style's font
    wb._named_styles["Normal"].font = copy(DEFAULT_FONT)  # type: ignore[attr-defined]
    return wb


# -- measuring ---------------------------------------------------------------------------------------

# Widths in em of the narrow characters whose width differs most from a digit's (0.6 em covers the rest).
_NARROW_EM = {**dict.fromkeys(" ", 0.3), **dict.fromkeys(".,:;'!|iljI()[]", 0.4), **dict.fromkeys("%@WMmw", 0.95),
              **dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ", 0.72)}


@cache
def char_units(ch: str) -> float:
    """Column units of one character at 11 pt; wide, full-width and ambiguous ones take a whole em (CJK fonts)."""
    if is_wide(ch):
        return EM_UNITS
    return _NARROW_EM.get(ch, 0.6) * EM_UNITS


@cache
def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def text_units(text: str) -> float:
    """Units of the widest line of ``text``."""
    return max((sum(char_units(c) for c in line) for line in text.split("\n")), default=0.0)


def _tokens(line: str) -> list[str]:
    """Pieces a line may break between: each wide character alone, Latin words whole, spaces alone."""
    out: list[str] = []
    word = ""
    for ch in line:
        if not is_wide(ch) and not ch.isspace():
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        out.append(ch)
    if word:
        out.append(word)
    return out


# Characters that may not begin a line (they stay with the previous one) and that may not end one.
NO_LINE_START = set("，。、；：？！）》」』”’%％·…—")
NO_LINE_END = set("（《「『“‘")


@lru_cache(maxsize=8192)  # words repeat; bounded for long-running servers
def _token_units(token: str) -> float:
    return sum(char_units(c) for c in token)


@lru_cache(maxsize=65536)  # the same criteria and reasons are wrapped at the same widths in every workbook of a batch
def line_count(text: str, units: float) -> int:
    """How many lines ``text`` takes when wrapped in ``units`` of width (hard line breaks kept)."""
    if units <= 0:
        return max(1, len(text))
    total = 0
    for line in text.split("\n"):
        n, used = 1, 0.0
        for w, need, breaks in _pieces(line):
            if used and used + need > units and breaks:
                n += 1
                used = 0
            while w > units and used == 0 and breaks:  # a word longer than the line
                n += 1
                w -= units
            used += w
        total += n
    return total


@lru_cache(maxsize=8192)  # a line is wrapped at many widths while columns are fitted
def _pieces(line: str) -> tuple[tuple[float, float, bool], ...]:
    """Each piece of a line: its width, the width it needs on its line (a closing mark stays with its
    word, an opening mark moves with the next one), and whether a line may break before it."""
    tokens = _tokens(line)
    sizes = [_token_units(tok) for tok in tokens]
    out = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # (a line ending in an opening mark has nothing after it to keep with: it raised IndexError before)
        need = sizes[i] + (sizes[i + 1] if nxt and (tok[-1] in NO_LINE_END or nxt[0] in NO_LINE_START) else 0)
        out.append((sizes[i], need, not tok.isspace()))
    return tuple(out)


def _decimals(fmt: str) -> int | None:
    m = _DECIMALS.search(fmt)
    if m:
        return len(m.group(1))
    m = _HASHES.search(fmt)
    return -len(m.group(1)) if m else None  # negative: at most that many


def shown_text(value: object, number_format: str = "General") -> str:
    """The text a spreadsheet shows for ``value`` under ``number_format`` (the formats jixiao writes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, int | float | Decimal):
        return str(value)
    fmt = number_format or "General"
    literal = "".join(_QUOTED.findall(fmt))
    body = _QUOTED.sub("", fmt)
    number = Decimal(str(value))
    if "%" in body:
        number *= 100
        literal = "%" + literal
    places = _decimals(body)
    if places is None:
        places = 0 if re.search(r"(^|[^.])0(?![.0#])", body) else None
    if places is None:
        text = f"{number.normalize():f}" if number == number.to_integral_value() or body == "General" else f"{number:f}"
    elif places >= 0:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)  # as spreadsheets round
        text = f"{number:,.{places}f}" if "," in body else f"{number:.{places}f}"
    else:
        number = number.quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP)
        text = f"{number:.{-places}f}".rstrip("0").rstrip(".")
    return text + literal


# -- the sheet ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Layout:
    """How one sheet is sized and printed.

    ``header_rows`` (first, last) repeat on every printed page; rows above them are the sheet's
    title block and do not size columns. ``widths`` gives a column (1-based) a minimum width,
    ``wrap`` a maximum before its text wraps.
    """

    header_rows: tuple[int, int] | None = None
    widths: Mapping[int, float] = field(default_factory=dict)
    wrap: Mapping[int, float] = field(default_factory=dict)
    landscape: bool | None = None  # None: from the sheet's width
    min_scale: float = MIN_SCALE
    continued_header: str | None = None  # page header on pages after the first (the title is on the first)
    size_from: int | None = None  # first row that sizes columns; None: the first header row (or row 1)
    print_columns: int | None = None  # only the first N columns print (the rest are for the screen)
    print_rows: int | None = None  # only rows up to this one print (the blank rows below are for the screen)


def lay_out(ws: Worksheet, layout: Layout = Layout()) -> dict[int, float]:
    """Size columns and rows of a filled sheet and set up its printed page; returns the column widths."""
    cells = _align(ws, _Merges(ws))
    widths = _column_widths(cells, layout)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, pt in _heights(widths, cells).items():
        dim = ws.row_dimensions[r]
        dim.height = max(math.ceil(pt), dim.height or 0)
    _print_setup(ws, widths, layout, ws.max_row)
    return widths


def _print_setup(ws: Any, widths: Mapping[int, float], layout: Layout, last_row: int) -> None:
    """The print area and the page, from the columns' widths."""
    printed = [w for c, w in sorted(widths.items()) if layout.print_columns is None or c <= layout.print_columns]
    # Always a print area: without one LibreOffice prints the repeated header above the title on page 1.
    last_col = layout.print_columns or max(widths, default=1)
    ws.print_area = f"A1:{get_column_letter(last_col)}{layout.print_rows or last_row}"
    _page(ws, layout, sum(printed))


class _Merges:
    """Merged ranges of a sheet: the extent of each top-left cell, and the hidden cells under them."""

    def __init__(self, ws: Worksheet) -> None:
        self.extent: dict[tuple[int, int], tuple[int, int]] = {}  # top-left -> (last row, last column)
        self.hidden: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            self.extent[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
            self.hidden |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                            for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}

    def cells(self, ws: Worksheet, min_row: int = 1) -> Iterator[tuple[Cell, int, int]]:
        """Every visible non-empty cell with the last row and column it covers."""
        for row in ws.iter_rows(min_row=min_row):
            for cell in row:
                if cell.value is None or (cell.row, cell.column) in self.hidden:
                    continue
                assert isinstance(cell, Cell)
                last_row, last_col = self.extent.get((cell.row, cell.column), (cell.row, cell.column))
                yield cell, last_row, last_col


@dataclass(frozen=True)
class _Shown:
    """A visible non-empty cell as :func:`lay_out` measures it."""

    row: int
    column: int
    last_row: int  # the last row and column a merged cell covers
    last_col: int
    text: str  # as the spreadsheet shows it (number format applied)
    size: float  # font size, pt
    wrap: bool


def _align(ws: Worksheet, merges: _Merges) -> list[_Shown]:
    """Numbers right-aligned, text wrapped (so it never runs into the neighbouring cell); every visible cell.

    Alignments and fonts are looked up by their index in the workbook's style lists, once per
    distinct style (openpyxl hashes a style object field by field each time one is assigned).
    """
    wb = ws.parent
    assert wb is not None
    alignments = wb._alignments  # type: ignore[attr-defined]  # (openpyxl's stubs omit the style lists)
    fonts = wb._fonts  # type: ignore[attr-defined]
    moved: dict[tuple[int, bool], int] = {}
    sizes: dict[int, float] = {}
    out: list[_Shown] = []
    for cell, last_row, last_col in merges.cells(ws):
        number = _is_number(cell)
        style = cell._style  # type: ignore[attr-defined]
        if style is None:  # never styled
            style = cell._style = StyleArray()  # type: ignore[attr-defined]
        key = (style.alignmentId, number)
        new = moved.get(key)
        if new is None:
            new = moved[key] = alignments.add(_laid_alignment(alignments[style.alignmentId], number))
        style.alignmentId = new
        size = sizes.get(style.fontId)
        if size is None:
            size = sizes[style.fontId] = _size(fonts[style.fontId])
        out.append(_Shown(cell.row, cell.column, last_row, last_col, _cell_text(cell), size, not number))
    return out


def _is_number(cell: Cell) -> bool:
    v = cell.value
    return (isinstance(v, int | float | Decimal) and not isinstance(v, bool)) or cell.data_type == "f"


def _laid_alignment(old: Alignment, number: bool) -> Alignment:
    """A visible cell's alignment after :func:`lay_out`: numbers right-aligned on one line, text wrapped."""
    if number:
        return Alignment(horizontal=old.horizontal or "right", vertical=old.vertical or "center", wrap_text=False,
                         indent=old.indent)
    return Alignment(horizontal=old.horizontal, vertical=old.vertical or "center", wrap_text=True, indent=old.indent)


def _size(font: object) -> float:
    size = getattr(font, "size", None) or DEFAULT_FONT.size
    return float(size or 11)


def _cell_text(cell: Cell) -> str:
    fmt = str(cell.number_format)
    if cell.data_type == "f":
        return _formula_sample(fmt)
    return shown_text(cell.value, fmt)


def _formula_sample(fmt: str) -> str:
    """The widest text a computed cell of this format is likely to show."""
    if "%" in fmt:
        return "100.00%"
    return shown_text(Decimal("99999.99"), fmt)


def _column_widths(cells: Iterable[_Shown], layout: Layout) -> dict[int, float]:
    widths = _Widths(layout)
    for cell in cells:
        widths.add(cell)
    return widths.result()


class _Widths:
    """The column widths of a sheet from its visible cells, met one at a time: what each column needs, and
    the texts of the printed columns' wrapped cells while there are few enough for :func:`_fit` to search
    (above :data:`GREEDY_CELLS` it narrows proportionally and needs only their count)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.first = layout.size_from or (layout.header_rows[0] if layout.header_rows else 1)
        self.heads = range(layout.header_rows[0], layout.header_rows[1] + 1) if layout.header_rows else range(0)
        self.need: dict[int, float] = {}
        self.wrapped: dict[int, list[_Text]] = {}  # printed column -> its cells whose text wraps at its limit
        self.count = 0  # the printed columns' wrapped cells

    def add(self, cell: _Shown) -> None:
        layout = self.layout
        if cell.row < self.first or cell.last_col > cell.column:
            return  # above the table, or spans several columns: it fits itself to them, not they to it
        col = cell.column
        scale = cell.size / 11
        text = cell.text
        units = text_units(text) * scale + PAD
        limit = layout.wrap.get(col, DEFAULT_WRAP)
        if cell.row in self.heads:
            units = _header_width(text, scale, limit)
        elif cell.wrap and units > limit:
            if layout.print_columns is None or col <= layout.print_columns:
                texts = self.wrapped.setdefault(col, [])
                self.count += 1
                if self.count <= GREEDY_CELLS:
                    texts.append(_Text(cell.row, text, cell.size))
            units = limit
        self.need[col] = max(self.need.get(col, 0.0), units)

    def result(self) -> dict[int, float]:
        layout, need = self.layout, self.need
        cols = set(need) | set(layout.widths)
        widths = {c: float(math.ceil(max(need.get(c, 0.0), layout.widths.get(c, 0.0), MIN_WIDTH)))
                  for c in sorted(cols)}
        printed = {c for c in widths if layout.print_columns is None or c <= layout.print_columns}
        budget = (PORTRAIT_UNITS if layout.landscape is False else LANDSCAPE_UNITS) / layout.min_scale
        if sum(widths[c] for c in printed) > budget:
            _fit(widths, self.wrapped, budget - sum(widths[c] for c in printed if c not in self.wrapped), layout,
                 many=self.count > GREEDY_CELLS)
        return widths


@dataclass(frozen=True)
class _Text:
    row: int
    text: str
    size: float

    def height(self, width: float) -> float:
        return line_count(self.text, (width - WRAP_PAD) * 11 / self.size) * self.size * LINE_PT


GREEDY_CELLS = 2000  # above this many wrapped cells, narrow proportionally instead of searching


def _fit(widths: dict[int, float], wrapped: dict[int, list[_Text]], room: float, layout: Layout, *,
         many: bool) -> None:
    """Share ``room`` units among the wrapped columns so that the wrapped rows are as short as possible.

    Every wrapped column starts at its floor (12 units or its minimum width); then, one unit at a
    time, the unit goes to the column where it saves the most height, summed over the rows (a row is
    as tall as its tallest wrapped cell). Columns never grow past their wrap limit. With ``many`` wrapped
    cells (more than :data:`GREEDY_CELLS`; their texts are then not all in ``wrapped``) each column gets a
    share of the room in proportion to what it lacks instead.
    """
    if not wrapped:
        return
    floor = {c: float(max(layout.widths.get(c, 0.0), 12.0)) for c in wrapped}
    cap = {c: widths[c] for c in wrapped}
    for c in wrapped:
        widths[c] = min(floor[c], cap[c])
    room -= sum(widths[c] for c in wrapped)
    if many:
        _proportional(widths, cap, room)
        return
    tall: dict[tuple[int, float], dict[int, float]] = {}

    def heights(c: int, w: float) -> dict[int, float]:
        key = (c, w)
        if key not in tall:
            out: dict[int, float] = {}
            for t in wrapped[c]:
                out[t.row] = max(out.get(t.row, 0.0), t.height(w))
            tall[key] = out
        return tall[key]

    rows_of = {c: sorted({t.row for t in wrapped[c]}) for c in wrapped}
    rows = sorted({r for rs in rows_of.values() for r in rs})
    while room >= 1:
        now = {c: heights(c, widths[c]) for c in wrapped}
        # each row's tallest wrapped cell and the tallest in another column (a row is as tall as its tallest)
        tallest: dict[int, tuple[float, int, float]] = {}
        for r in rows:
            first, owner, second = 0.0, -1, 0.0
            for d in sorted(wrapped):
                h = now[d].get(r, 0.0)
                if h > first:
                    first, owner, second = h, d, first
                elif h > second:
                    second = h
            tallest[r] = (first, owner, second)
        best: tuple[float, float, int] | None = None
        for c in sorted(wrapped):
            if widths[c] + 1 > cap[c]:
                continue
            wider = heights(c, widths[c] + 1)
            saved = 0.0
            for r in rows_of[c]:
                first, owner, second = tallest[r]
                other = second if owner == c else first  # the row's height without column c
                saved += max(other, now[c].get(r, 0.0)) - max(other, wider.get(r, 0.0))
            key = (saved, cap[c] - widths[c], -c)
            if best is None or key > best:
                best = key
        if best is None:
            return
        widths[-best[2]] += 1
        room -= 1


def _proportional(widths: dict[int, float], cap: Mapping[int, float], room: float) -> None:
    want = {c: cap[c] - widths[c] for c in cap}
    share = sum(want.values())
    for c in sorted(cap):
        if share > 0:
            widths[c] += math.floor(want[c] * min(1.0, room / share))


def _header_width(text: str, scale: float, limit: float) -> float:
    """The narrowest width (up to ``limit``) at which a header takes at most two lines."""
    full = text_units(text) * scale + PAD
    if full <= 10:
        return full
    for w in range(6, math.ceil(full) + 1):
        if line_count(text, (w - WRAP_PAD) / scale) <= 2:
            return float(min(w, limit))
    return full


def _heights(widths: Mapping[int, float], cells: Iterable[_Shown]) -> dict[int, float]:
    """Each row's height in pt (before rounding up) from its cells that span no other row."""
    height: dict[int, float] = {}
    for cell in cells:
        if cell.last_row > cell.row:
            continue  # spans several rows: left to the rows' own heights
        width = sum(widths.get(c, DEFAULT_COLUMN_WIDTH) for c in range(cell.column, cell.last_col + 1))
        size = cell.size
        text = cell.text
        n = line_count(text, (width - WRAP_PAD) * 11 / size) if cell.wrap else text.count("\n") + 1
        height[cell.row] = max(height.get(cell.row, 0.0), n * size * LINE_PT + ROW_PAD_PT)
    return height


# -- a sheet written row by row ------------------------------------------------------------------------

@dataclass(frozen=True)
class Look:
    """How a cell of a streamed sheet is styled before it is laid out (as the cells of an ordinary sheet are
    styled before :func:`lay_out`)."""

    font: Font | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    number_format: str = "General"
    border: Border | None = None


StreamedRows = Callable[[], Iterable[Sequence[tuple[object, Look]]]]
"""The rows of a streamed sheet from the first: each cell's value and look. Called twice (measured, then written)."""


def write_streamed(wb: Workbook, title: str, rows: StreamedRows, layout: Layout = Layout(),
                   freeze: str | None = None, auto_filter: bool = False) -> dict[int, float]:
    """A sheet of a write-only workbook (:func:`new_workbook`) holding ``rows``, sized and set up for print as
    :func:`lay_out` sizes the same rows written to an ordinary sheet (no merged cells), with the panes frozen
    at ``freeze`` and, with ``auto_filter``, a filter over every row and column; returns the column widths.

    Every text is written inert (:mod:`jixiao.safeio.inert`): control characters replaced, and a text a
    spreadsheet could read as a formula a quote-prefixed string cell, measured as the text it is.

    Its rows are never all in memory: they are made once to measure the columns and again to be written,
    each row's height computed just before it goes to the file. The memory used is that of one row and of
    the texts of at most :data:`GREEDY_CELLS` wrapped cells, however many rows there are (besides this
    module's text caches, which are bounded).
    """
    ws = wb.create_sheet(title)
    styled = _Styled(ws)
    sizes = _Widths(layout)
    last = columns = 0
    for r, row in enumerate(rows(), 1):
        for _, shown in styled.cells(row, r):
            if shown is not None:
                sizes.add(shown)
        last, columns = r, max(columns, len(row))
    widths = sizes.result()
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    if freeze is not None:
        ws.freeze_panes = freeze
    if auto_filter:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{max(last, 1)}"
    _print_setup(ws, widths, layout, max(last, 1))
    for r, row in enumerate(rows(), 1):
        cells = list(styled.cells(row, r))
        pt = _heights(widths, (shown for _, shown in cells if shown is not None)).get(r)
        if pt is not None:
            ws.row_dimensions[r].height = math.ceil(pt)
        ws.append([cell for cell, _ in cells])
        ws.row_dimensions.pop(r, None)  # written with its row
    return widths


class _Styled:
    """The cells of one streamed sheet, each styled as :func:`lay_out` leaves the same cell of an ordinary
    sheet; a style is made once per look, kind of value and quote prefix (openpyxl hashes a style at each
    assignment)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.styles: dict[tuple[Look, bool | None, bool], StyleArray] = {}

    def cells(self, row: Sequence[tuple[object, Look]], r: int) -> Iterator[tuple[Cell, _Shown | None]]:
        """Each cell of row ``r`` and, for a non-empty one, how it is measured."""
        for col, (value, look) in enumerate(row, 1):
            quoted = False
            if isinstance(value, str):
                value = cell_text(value)
                quoted = formula_like(value)
            cell = Cell(self.ws, row=r, column=col, value=cast(Any, value))
            if quoted:
                cell.data_type = "s"  # text, not the formula openpyxl takes a leading "=" for
            number = None if value is None else _is_number(cell)
            key = (look, number, quoted)
            style = self.styles.get(key)
            if style is None:
                style = self.styles[key] = self._style(look, number, quoted)
            cell._style = copy(style)  # type: ignore[attr-defined]
            if number is None:
                yield cell, None
                continue
            yield cell, _Shown(r, col, r, col, _cell_text(cell), _size(look.font or DEFAULT_FONT), not number)

    def _style(self, look: Look, number: bool | None, quoted: bool) -> StyleArray:
        probe = Cell(self.ws, row=1, column=1)
        if look.font is not None:
            probe.font = look.font
        if look.fill is not None:
            probe.fill = look.fill
        if look.border is not None:
            probe.border = look.border
        if quoted:
            probe.quotePrefix = True  # stays text when a reviewer edits the cell
        if look.number_format != "General":
            probe.number_format = look.number_format
        alignment = look.alignment or Alignment()
        if number is not None:  # a visible cell, aligned by lay_out; an empty one keeps its own
            alignment = _laid_alignment(alignment, number)
        if number is not None or look.alignment is not None:
            probe.alignment = alignment
        style: StyleArray = copy(probe._style)  # type: ignore[attr-defined]
        return style


def lay_out_chart(cs: Chartsheet) -> None:
    """A chart sheet on A4 landscape inside the same type area, with the same footer."""
    cs.pageSetup = PrintPageSetup(orientation="landscape", paperSize=A4, firstPageNumber=1, useFirstPageNumber=True)
    top, bottom, left, right = (x / CM_PER_INCH for x in LANDSCAPE_MARGINS_CM)
    cs.pageMargins = PageMargins(left=left, right=right, top=top, bottom=bottom,
                                 header=HEADER_FOOTER_CM / CM_PER_INCH, footer=HEADER_FOOTER_CM / CM_PER_INCH)
    _put(cs.headerFooter.oddFooter, FOOTER)


THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def rule(ws: Worksheet, first_row: int, last_col: int | None = None) -> None:
    """Thin borders on every cell of the table from ``first_row`` down (a list of records, not a form)."""
    for row in ws.iter_rows(min_row=first_row, max_col=last_col or ws.max_column):
        for cell in row:
            cell.border = GRID


def _page(ws: Worksheet, layout: Layout, units: float) -> None:
    landscape = layout.landscape
    if landscape is None:
        landscape = units > PORTRAIT_UNITS / PORTRAIT_MIN_SCALE
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.firstPageNumber = 1  # each sheet counts its own pages, in Excel and in LibreOffice
    ws.page_setup.useFirstPageNumber = True
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    top, bottom, left, right = LANDSCAPE_MARGINS_CM if landscape else PORTRAIT_MARGINS_CM
    m = ws.page_margins
    m.top, m.bottom, m.left, m.right = (x / CM_PER_INCH for x in (top, bottom, left, right))
    m.header = m.footer = HEADER_FOOTER_CM / CM_PER_INCH
    ws.print_options.horizontalCentered = True
    if layout.header_rows:
        ws.print_title_rows = f"{layout.header_rows[0]}:{layout.header_rows[1]}"
    hf = ws.HeaderFooter
    for item, text in ((hf.oddFooter, FOOTER), (hf.firstFooter, FOOTER)):
        _put(item, text)
    if layout.continued_header:
        hf.differentFirst = True
        _put(hf.oddHeader, layout.continued_header.replace("&", "&&"))


def _put(item: HeaderFooterItem | None, text: str) -> None:
    assert item is not None
    item.center.text = text
    item.center.size = 9
    item.center.font = DEFAULT_FONT.name
