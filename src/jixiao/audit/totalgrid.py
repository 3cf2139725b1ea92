"""Tables read by their 合计 row: columns no header word knows (户数, 面积, 资金计划, 补贴系统数 …).

A 补贴 / 发放 / 兑付 table names its columns in the words of its own subsidy, which the vocabulary of
``data/forms.yaml`` cannot list. A 合计 (or 总计) row over such columns still says what they are: a column
that holds a figure in every member row and in the 合计 row is a column of figures summed by that row,
whatever its header says. This module finds

- :func:`header_row`: the header of a table that no header word names — a row of two or more texts and no
  figure, over member rows (a name, then figures) and at least one total row whose figures all sit in
  columns filled in every member row (the total's cells align with the columns it sums);
- :func:`realigned`: the rows of text table with a total row shorter than the others put back in place, when
  the header says which columns a total leaves blank (a per-unit 标准 column: "补贴标准（元/亩）");
- :func:`counted`: whether a column without a role is such a column of figures (role ``figure``).

A column headed as a rate or a per-unit standard (``per_unit_headers`` in ``data/forms.yaml``) is never summed,
and neither is one whose member rows all hold the same figure (a standard written in every row).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.forms import vocabulary

FIGURE = "figure"  # the role of a column of figures no header word names, summed by the table's 合计 row
_HEADER_SEARCH = 6  # rows above the header (a title, a unit note) looked through
_UNIT_NOTE = re.compile(r"^(?:金额)?单位[:：]")


@cache
def _per_unit_words() -> tuple[str, ...]:
    text = resources.files("jixiao.audit").joinpath("data/forms.yaml").read_text(encoding="utf-8")
    return tuple(str(w) for w in yaml.safe_load(text)["per_unit_headers"])


def per_unit(header: str) -> bool:
    """Is the header a rate or a per-unit figure ("补贴标准（元/亩）", "执行率", "单价")? Its cells add up to nothing."""
    return any(w in header for w in _per_unit_words())


# what a cell's text holds as a figure (jixiao.audit.tables.cell_value_text, passed in: tables imports this module)
ValueOf = Callable[[str], Decimal | None]


def _is_total(row: Sequence[str]) -> bool:
    first = next((c for c in row if c.strip()), "")
    return vocabulary().is_total_label(first)


def _unit_note(row: Sequence[str]) -> bool:
    """A row that states the table's unit ("单位：万元", beside a stray "?" or a blank): never its header."""
    return any(_UNIT_NOTE.match(c.strip()) for c in row)


def _member(row: Sequence[str], value: ValueOf) -> bool:
    """A row of a name (its first filled cell, not a figure) and at least one figure."""
    filled = [c for c in row if c.strip()]
    return bool(filled) and value(filled[0]) is None and any(value(c) is not None for c in filled[1:])


def _full_columns(members: Sequence[Sequence[str]], width: int, value: ValueOf) -> set[int]:
    """Columns holding a figure in every member row."""
    return {j for j in range(width) if all(j < len(r) and value(r[j]) is not None for r in members)}


def header_row(rows: Sequence[Sequence[str]], value: ValueOf) -> int | None:
    """The header of a table read by its 合计 row (see the module's description), or None."""
    for h in range(min(len(rows), _HEADER_SEARCH)):
        head = rows[h]
        filled = [c for c in head if c.strip()]
        if len(filled) < 2 or any(value(c) is not None for c in filled) or _unit_note(head):
            continue
        body = [r for r in rows[h + 1:] if any(c.strip() for c in r)]
        totals = [r for r in body if _is_total(r)]
        members = [r for r in body if not _is_total(r)]
        if not totals or len(members) < 2 or not all(_member(r, value) for r in members):
            return None
        width = max(len(r) for r in rows)
        full = _full_columns(members, width, value)
        longest = max(len(r) for r in members)
        for t in totals:
            if len(t) < longest:
                return None  # a total row short of cells the header did not place: alignment in doubt
            figures = {j for j, c in enumerate(t) if value(c) is not None}
            if not figures or not figures <= full:
                return None  # a total's figure outside the columns it would sum: alignment in doubt
        return h
    return None


def realigned(rows: list[list[str]], value: ValueOf) -> list[list[str]]:
    """``rows`` with each total row that has fewer cells than the header put back in place: the header's
    per-unit columns (a 标准 per 亩) are the cells a total leaves blank, and when their number is the number of
    cells missing, blanks go there. Any other short total row is left as it is (alignment in doubt)."""
    head = next((r for r in rows[:_HEADER_SEARCH] if len([c for c in r if c.strip()]) >= 2
                 and not any(value(c) is not None for c in r) and not _unit_note(r)), None)
    if head is None:
        return rows
    width = len(head)
    blanks = [j for j, c in enumerate(head) if c.strip() and per_unit(c)]
    out = []
    for r in rows:
        if _is_total(r) and len(r) < width and len(blanks) == width - len(r) and all(0 < j < width for j in blanks):
            cells = list(r)
            for j in blanks:
                cells.insert(j, "")
            r = cells
        out.append(r)
    return out


def counted(header: str, members: Sequence[str], totals: Sequence[str], value: ValueOf) -> bool:
    """Is a column without a role one of figures a 合计 row sums? Its header is neither a rate nor a per-unit
    figure, every member row holds a figure (none in percent) that is not the same in every row, and a total
    row holds one too."""
    if not header.strip() or per_unit(header) or len(members) < 2 or not any(value(t) is not None for t in totals):
        return False
    if any("%" in m or "％" in m for m in members):
        return False
    values = [value(m) for m in members]
    if any(v is None for v in values):
        return False
    return len(set(values)) > 1
