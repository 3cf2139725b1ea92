"""The typed model of a published 部门决算: its tables, their lines and every amount with its source.

Amounts are exact ``Decimal`` in 万元 (a table stated in 元 is converted once, here, and keeps its
text as written). Each amount knows its table, row, column and page, so a mapped figure and a finding
can point at the cell a reviewer would look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Source:
    """Where a figure stands: the table (title as printed), its row and column labels and the cell."""

    table: str
    row: str
    column: str
    cell: str  # "第5页 表2 第4行第3列" or "收入支出决算总表!B6"
    page: int | None = None

    def describe(self) -> str:
        return f"{self.table}「{self.row}」行「{self.column}」列（{self.cell}）"


@dataclass(frozen=True)
class Amount:
    value: Decimal  # 万元
    text: str  # as printed
    unit: str  # 元 | 万元 (the table's unit)
    source: Source

    @property
    def places(self) -> int:
        """Decimal places of the figure in 万元 terms (元 tables: 6)."""
        digits = self.text.split(".")[1] if "." in self.text else ""
        return len(digits) + (4 if self.unit == "元" else 0)


CLASS, SECTION, ITEM = "类", "款", "项"


def code_level(code: str) -> str | None:
    """类/款/项 from a 功能分类 code (3/5/7 digits) or 经济分类 code (3/5 digits: 类/款)."""
    return {3: CLASS, 5: SECTION, 7: ITEM}.get(len(code))


@dataclass(frozen=True)
class Line:
    """One row (or one side of a two-sided row) of a table."""

    label: str
    values: dict[str, Amount]
    code: str = ""
    side: str = ""  # 收入 | 支出 for two-sided tables
    row: int = 0  # 0-based row in the source grid

    @property
    def level(self) -> str | None:
        return code_level(self.code) if self.code else None

    @property
    def is_total(self) -> bool:
        return self.label.replace(" ", "") in ("合计", "总计") and not self.code

    def get(self, key: str) -> Amount | None:
        return self.values.get(key)


@dataclass
class FinalTable:
    kind: str
    title: str  # as printed
    unit: str  # 元 | 万元
    number: int  # order among the 决算 tables (1-based)
    pages: list[int] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # column keys, in order
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_data: bool = False  # the table says it has no data (本表无数据)
    continued: int = 0  # how many page continuations were joined

    def find(self, label: str, side: str = "") -> Line | None:
        """The first line whose label, without numbering and spaces, equals ``label``."""
        want = plain_label(label)
        for line in self.lines:
            if (not side or line.side == side) and plain_label(line.label) == want:
                return line
        return None

    def total_line(self) -> Line | None:
        return next((ln for ln in self.lines if ln.is_total), None)

    def coded(self) -> list[Line]:
        return [ln for ln in self.lines if ln.code]


_NUMBERING = "一二三四五六七八九十"


def plain_label(label: str) -> str:
    """“十九、住房保障支出” -> “住房保障支出”; spaces and quote marks removed."""
    s = label.replace(" ", "").replace("“", "").replace("”", "").replace('"', "")
    i = s.find("、")
    if 0 < i <= 4 and all(ch in _NUMBERING for ch in s[:i]):
        s = s[i + 1 :]
    return s.replace("（类）", "").replace("(类)", "")


@dataclass
class FinalAccounts:
    """A whole published 部门决算."""

    path: str
    unit_name: str | None = None
    year: int | None = None
    family: str = "national"
    family_name: str = ""
    tables: dict[str, FinalTable] = field(default_factory=dict)
    prose: list[tuple[str, int | None]] = field(default_factory=list)  # 情况说明 lines with page
    contents: list[str] = field(default_factory=list)  # table titles listed in the 目录
    unrecognised: list[str] = field(default_factory=list)  # tables not taken (where)

    def table(self, kind: str) -> FinalTable | None:
        return self.tables.get(kind)

    @property
    def is_final_accounts(self) -> bool:
        """At least two of the family's tables were recognised."""
        return len(self.tables) >= 2
