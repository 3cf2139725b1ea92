"""Column formulas a table's header writes with circled column numbers.

Forms number their figure columns ①②③… and define the derived ones in the header: "小计 ④=①+②+③",
"支出实现率 ⑥=⑤/④", "本年度结余金额 ⑦=④-⑤", "补助资金 ⑧=④*⑦". The header then says what every row must satisfy,
whatever the columns are called. This module is pure: it reads the numbering and the formulas of a
:class:`~jixiao.audit.docmodel.Table` and evaluates them on a row.

A column's number is known from a header cell that is the number ("④", a row of numbers under the header), starts
with a formula for it ("⑧=④*⑦") or ends with it ("年中调整金额③"). Numbers no cell names are placed by the offset
the named ones share (column = number + offset) — only when every named one has the same offset, at least two are
named and one formula is written. Nothing is judged when the numbering is in doubt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.audit.docmodel import Cell, Table
from jixiao.audit.tables import cell_value_text

CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳
_NUM = f"[{CIRCLED}]"
_OP = r"[+＋\-－−—*＊×xX/÷]"
FORMULA = re.compile(rf"({_NUM})\s{{0,3}}[=＝]\s{{0,3}}({_NUM}(?:\s{{0,3}}{_OP}\s{{0,3}}{_NUM}){{1,19}})(?!\s{{0,3}}{_OP})")
_TERM = re.compile(rf"({_OP})?\s*({_NUM})")
_LONE = re.compile(rf"^\s*({_NUM})\s*$")
_TRAILING = re.compile(rf"^[^\d{CIRCLED}]*[\u4e00-\u9fff)）]\s*({_NUM})\s*$")  # "年中调整金额③", never "①中央…"

SUM, PRODUCT, RATIO = "sum", "product", "ratio"


def circled(n: int) -> str:
    return CIRCLED[n - 1]


def number_of(ch: str) -> int:
    return CIRCLED.index(ch) + 1


@dataclass(frozen=True)
class ColumnFormula:
    target: int  # column number (①=1)
    op: str  # SUM (+/- terms) | PRODUCT (a*b) | RATIO (a/b)
    terms: tuple[tuple[int, int], ...]  # (column number, sign); sign is always 1 for a product or ratio
    text: str  # as written, spaces removed

    @property
    def columns(self) -> tuple[int, ...]:
        return (self.target, *(n for n, _ in self.terms))


def parse_formulas(text: str) -> list[ColumnFormula]:
    """The formulas written in a text; an expression mixing products or ratios with other operators is not read."""
    out: list[ColumnFormula] = []
    for m in FORMULA.finditer(text):
        ops: list[str] = []
        terms: list[tuple[int, int]] = []
        for t in _TERM.finditer(m.group(2)):
            op = _canonical(t.group(1) or "+")
            ops.append(op)
            terms.append((number_of(t.group(2)), -1 if op == "-" else 1))
        rest = set(ops[1:])
        if rest <= {"+", "-"}:
            kind = SUM
        elif len(terms) == 2 and rest == {"*"}:
            kind = PRODUCT
        elif len(terms) == 2 and rest == {"/"}:
            kind = RATIO
        else:
            continue
        target = number_of(m.group(1))
        if target in (n for n, _ in terms):
            continue
        out.append(ColumnFormula(target, kind, tuple((n, s if kind == SUM else 1) for n, s in terms),
                                 re.sub(r"\s+", "", m.group(0))))
    return out


def _canonical(op: str) -> str:
    if op in "+＋":
        return "+"
    if op in "-－−—":
        return "-"
    if op in "*＊×xX":
        return "*"
    return "/"


@dataclass(frozen=True)
class Numbering:
    """Where a table's numbered columns are and what its header says of them."""

    columns: dict[int, int]  # column number -> 0-based grid column
    formulas: tuple[ColumnFormula, ...]
    header_rows: int  # rows up to and including the last one that numbers a column


def _named(cell: Cell) -> tuple[int | None, list[ColumnFormula]]:
    text = cell.text.strip()
    formulas = parse_formulas(text)
    if formulas and text.replace(" ", "").endswith(formulas[-1].text):  # "小计④=①+②+③", "⑧=④*⑦"
        return formulas[-1].target, formulas
    m = _LONE.match(text) or _TRAILING.match(text)
    return (number_of(m.group(1)) if m else None), formulas


def numbering(table: Table, max_header_rows: int = 6) -> Numbering | None:
    """The numbering of a table's columns, or None when it writes no formula or its numbering is in doubt."""
    named: dict[int, int] = {}
    formulas: list[ColumnFormula] = []
    last = -1
    for r, row in enumerate(table.rows[:max_header_rows]):
        if any(_is_figure(c.text) for c in row if not c.is_copy):
            break  # the body has begun
        for j, cell in enumerate(row):
            if cell.is_copy:
                continue
            n, found = _named(cell)
            formulas.extend(found)
            if n is None:
                continue
            if named.get(n, j) != j:
                return None  # one number over two columns
            named[n] = j
            last = r
    if not formulas or len(named) < 2 or len(set(named.values())) != len(named):
        return None
    offsets = {j - n for n, j in named.items()}
    wanted = {c for f in formulas for c in f.columns}
    columns = dict(named)
    if len(offsets) == 1:
        off = offsets.pop()
        for n in wanted - named.keys():
            if 0 <= n + off < table.width:
                columns[n] = n + off
    usable = tuple(f for f in formulas if set(f.columns) <= columns.keys())
    if not usable:
        return None
    return Numbering(columns, tuple(dict.fromkeys(usable)), last + 1)


def _is_figure(text: str) -> bool:
    return cell_value_text(text) is not None
