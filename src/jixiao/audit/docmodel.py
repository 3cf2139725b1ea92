"""The document model every reader yields: located text blocks and tables.

A :class:`Document` holds

- ``blocks``: paragraphs (and the prose inside table cells) as normalized text,
  each with its location (line, page, paragraph number, or table cell);
- ``tables``: grids of :class:`Cell` with merged cells resolved. A merged
  region's text is kept in its top-left cell; every other position of the
  region holds a copy whose ``origin`` points at that cell, so a row still
  knows its 一级指标 while sums count the figure once.

Tables come from .docx tables, PDF ruling lines, workbook sheets, tab or pipe
separated lines in text, and flattened table text rebuilt under a known form
(``rebuilt=True``). What a column means is decided later (:mod:`jixiao.audit.tables`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """A paragraph, a text line group or the prose of one table cell. ``text`` is normalized."""

    text: str
    kind: str = "para"  # "para" (text/pdf lines) | "docx" (Word paragraph) | "cell" (prose in a table cell)
    line: int | None = None  # first line (txt/pdf) or paragraph number (docx)
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    ref: str = ""  # spreadsheet address ("表1!B4") for workbook cells
    line_starts: tuple[tuple[int, int], ...] = ()  # (offset in text, line number)
    in_table: bool = False  # a line of table text: table rules judge it, prose rules do not

    def line_at(self, offset: int) -> int | None:
        if not self.line_starts:
            return self.line
        idx = bisect.bisect_right(self.line_starts, (offset, float("inf"))) - 1  # sorted by offset
        return self.line_starts[max(idx, 0)][1]

    def location(self, offset: int = 0) -> str:
        if self.ref:
            return self.ref
        if self.table is not None:
            where = f"表{self.table}第{self.row}行" + (f"第{self.col}列" if self.col is not None else "")
            return f"第{self.page}页{where}" if self.page else where
        line = self.line_at(offset)
        if self.page is not None:
            return f"第{self.page}页第{line}行"
        if self.kind == "docx":
            return f"第{line}段"
        return f"第{line}行"


@dataclass(frozen=True)
class Cell:
    """One grid position. ``origin`` is set on the copies that fill a merged region."""

    text: str
    row: int  # 1-based
    col: int  # 1-based
    origin: tuple[int, int] | None = None
    ref: str = ""  # "B4" in a workbook
    line: int | None = None  # source line (text tables)

    @property
    def is_copy(self) -> bool:
        return self.origin is not None


# Marks a reader leaves in ``Table.notes`` besides the text around the table (one vocabulary for every reader).
INCOMPLETE = "incomplete"  # the rows read are not the whole table: no total is judged against them
TOTAL_EITHER = "total_either"  # a 总分 row with one figure: 分值 or 得分 total, the layout does not say
UNSUMMED = "unsummed_row:"  # a block holding a row of unknown 分值 (its number follows): its rows are not summed
CUT_END = "cut_end"  # the rows stop at one that could not be read: the last block, and those it lies in, may miss rows
DECLARED = "declared"  # the first body row is the block label before the header ("绩效指标（90分）"): a total


@dataclass(frozen=True)
class Table:
    """A rectangular grid of cells in document order (表N)."""

    number: int
    rows: tuple[tuple[Cell, ...], ...]
    source: str  # "docx" | "pdf" | "xlsx" | "text"
    page: int | None = None
    sheet: str | None = None
    caption: str = ""  # the title just before the table ("项目支出绩效自评表")
    line: int | None = None  # first source line (text tables)
    rebuilt: bool = False  # rebuilt from flattened text under a known form
    form: str | None = None  # the form the rebuild recognised
    notes: tuple[str, ...] = ()  # text around the table that may state its scoring rule or unit

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell_block(self, cell: Cell) -> Block:
        """One cell's text as a block located at that cell (表N第r行第c列, the page, the workbook address)."""
        return Block(text=cell.text, kind="cell", page=self.page, table=self.number, row=cell.row, col=cell.col,
                     line=cell.line, ref=f"{self.sheet}!{cell.ref}" if self.sheet is not None and cell.ref else "")

    def cells_in_order(self) -> list[Cell]:
        """The cells that hold text, row by row, each merged region once: the order a copy of the table as text
        writes them in (a web copy puts every cell on its own line, row after row)."""
        return [c for row in self.rows for c in row if not c.is_copy and c.text]

    def cell_location(self, cell: Cell) -> str:
        """“表2第4行第6列”, “第3页表2第4行第6列”, “自评表!F7”; a rebuilt table adds its source line."""
        if self.sheet is not None and cell.ref:
            return f"{self.sheet}!{cell.ref}"
        where = f"表{self.number}第{cell.row}行第{cell.col}列"
        if self.page is not None:
            return f"第{self.page}页{where}"
        if cell.line is not None:
            return f"第{cell.line}行（{where}）"
        return where


@dataclass
class Document:
    path: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def grid(rows: list[list[str]], *, lines: list[list[int | None]] | None = None,
         refs: list[list[str]] | None = None, spans: dict[tuple[int, int], tuple[int, int]] | None = None
         ) -> tuple[tuple[Cell, ...], ...]:
    """Cells from rows of text (padded to a rectangle). ``spans`` maps a position (0-based) to the origin
    it copies; positions absent from it are their own cells."""
    width = max((len(r) for r in rows), default=0)
    out: list[tuple[Cell, ...]] = []
    for i, row in enumerate(rows):
        cells = []
        for j in range(width):
            text = row[j] if j < len(row) else ""
            origin = spans.get((i, j)) if spans else None
            cells.append(Cell(
                text=text, row=i + 1, col=j + 1,
                origin=(origin[0] + 1, origin[1] + 1) if origin is not None else None,
                ref=refs[i][j] if refs and j < len(refs[i]) else "",
                line=lines[i][j] if lines and j < len(lines[i]) else None,
            ))
        out.append(tuple(cells))
    return tuple(out)
