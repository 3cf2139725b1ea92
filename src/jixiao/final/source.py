"""The smallest document interface the 决算 reader needs: text lines and tables, in document order.

Each table is a grid of cell texts with its location (page, table number, sheet and cell references), so
every figure read from it can name where it came from. Readers for .pdf, .docx and .xlsx live in
:mod:`jixiao.final.readers`; the auditor's document model converts to this form as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextLine:
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Grid:
    """One table as laid out in the file: rows of cell texts (merged cells repeated or empty)."""

    number: int  # 1-based, in document order
    rows: tuple[tuple[str, ...], ...]
    page: int | None = None
    sheet: str | None = None
    refs: tuple[tuple[str, ...], ...] | None = None  # "B4" per cell, for workbooks
    row_pages: tuple[int | None, ...] = ()  # page of each row when known

    def where(self, row: int, col: int) -> str:
        """“第3页 表2 第4行第6列” or “表1!B4” (row and col 0-based)."""
        if self.sheet is not None and self.refs is not None:
            return f"{self.sheet}!{self.refs[row][col]}"
        page = self.page_of(row)
        head = f"第{page}页 " if page is not None else ""
        return f"{head}表{self.number} 第{row + 1}行第{col + 1}列"

    def page_of(self, row: int) -> int | None:
        if self.row_pages and row < len(self.row_pages):
            return self.row_pages[row]
        return self.page


Item = TextLine | Grid


@dataclass
class SourceDocument:
    path: str
    items: list[Item] = field(default_factory=list)

    @property
    def lines(self) -> list[TextLine]:
        return [i for i in self.items if isinstance(i, TextLine)]

    @property
    def grids(self) -> list[Grid]:
        return [i for i in self.items if isinstance(i, Grid)]

    def text(self) -> str:
        return "\n".join(i.text for i in self.lines)
