"""A list table — one name column and one amount column closed by a 合计 row — whose separators were lost.

A 资金分配表 copied from a notice page may come out as one run of characters, every cell glued to the next:
"乡镇补助经费(万元)备注龙涓镇5长卿镇1.5龙门镇2…凤城镇1.5全县合计35" is the table

    乡镇 | 补助经费(万元)
    龙涓镇 | 5
    长卿镇 | 1.5
    …
    全县合计 | 35

(the 备注 column empty in every row). The reading is certain because names hold no digits and amounts hold
nothing else: each row is a name, then a figure that ends where the next name begins. It is attempted only
where the run says it is such a table:

- a header ends in an amount column named by the vocabulary (``data/forms.yaml``: 补助经费, 分配资金, 金额 …)
  with its money unit ("(万元)"), or written within a few characters after the table's unit note ("单位：万元乡镇
  补助经费…"), optionally followed by an empty text column's word (备注, 说明);
- rows follow at once, at least three, each a name of Chinese characters (no digits, no punctuation) and one
  figure (spaces between them allowed: the same table in PDF text with spaces for separators);
- the run ends with a row whose name is a total (全县合计, 合计, 总计): the other figure against which the
  reading is checked. Without it nothing is read;
- a name may not begin with a unit or counter (万, 元, 人, 村 …, ``data/glued.yaml``): that would mean the figure
  before it belonged to a text cell ("含2村"), so the run is not read at all; nor is it when the first name is
  longer than every other (a header word of another column glued to it, "户数龙涓镇5120": the figures are two cells).

The rebuilt table (name | amount, the total last) goes to the table rules like any other, each cell on the
run's line. The line stays prose as well (a notice may carry its text and the table on one line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.docmodel import Table, grid
from jixiao.audit.forms import vocabulary

MIN_ROWS = 3  # member rows before the total
MAX_ROWS = 300
_UNIT = re.compile(r"[（(]\s*(万元|元|亿元|千元)\s*[)）]")
_SPACES = re.compile(r"\s*")
_UNIT_NOTE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)")  # "单位：万元" above the table
MAX_HEADER = 24  # characters of glued column words between a unit note and the first row
_HEAD = re.compile(r"[\u4e00-\u9fff]{2,16}$")  # the header words glued before the unit
_NAME = r"[\u4e00-\u9fff]{2,20}"
_FIGURE = r"(?:[1-9]\d{0,2}(?:,\d{3})+|0|[1-9]\d*)(?:\.\d{1,6})?"
_ROW = re.compile(rf"\s*({_NAME})\s*({_FIGURE})(?![\d.,%％])")


@dataclass(frozen=True)
class _Words:
    trailing: tuple[str, ...]
    amount_roles: frozenset[str]
    no_start: frozenset[str]


@cache
def _words() -> _Words:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("glued.yaml").read_text(encoding="utf-8"))
    return _Words(tuple(sorted(data["list_trailing_columns"], key=len, reverse=True)),
                  frozenset(data["amount_roles"]), frozenset(data["list_no_name_start"]))


@cache
def _amount_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """The vocabulary's words of an amount role, and their lengths, longest first."""
    roles = _words().amount_roles
    found = frozenset(w for w, role in vocabulary().roles.items() if role in roles)
    return found, tuple(sorted({len(w) for w in found}, reverse=True))


@cache
def _amount_pattern() -> re.Pattern[str]:
    """Any amount word, the longest first where several start at one place."""
    found, _ = _amount_words()
    return re.compile("|".join(re.escape(w) for w in sorted(found, key=len, reverse=True)))


def _amount_header(head: str) -> str | None:
    """The amount column's header the glued words before the unit end in ("乡镇补助经费" -> "补助经费"), the
    longest word of the vocabulary with an amount role, or None."""
    found, sizes = _amount_words()
    return next((head[-n:] for n in sizes if n <= len(head) and head[-n:] in found), None)


def _rows(s: str, at: int) -> tuple[list[tuple[str, str]], int] | None:
    """The (name, figure) rows from ``at`` up to and including the total row, and where they end; None unless
    a total row closes at least ``MIN_ROWS`` rows."""
    vocab, words = vocabulary(), _words()
    rows: list[tuple[str, str]] = []
    while len(rows) <= MAX_ROWS:
        m = _ROW.match(s, at)
        if m is None or m.group(1)[0] in words.no_start:
            return None
        rows.append((m.group(1), m.group(2)))
        at = m.end()
        if vocab.is_total_label(m.group(1)):
            if len(rows) <= MIN_ROWS or len(rows[0][0]) > max(len(name) for name, _ in rows[1:-1]):
                return None  # too few rows, or a first name longer than every other: a column word glued to it
            return rows, at
    return None


def _after_columns(line: str, at: int) -> int:
    """``at`` moved past spaces and an empty text column's word (备注) that may close the header."""
    at = _SPACES.match(line, at).end()  # type: ignore[union-attr]  # (always matches, possibly empty)
    return at + next((len(w) for w in _words().trailing if line.startswith(w, at)), 0)


def _headed(line: str, pos: int) -> Iterator[tuple[str, str, int, int]]:
    """(amount header, unit, where the header starts, where the rows may start) of each header from ``pos`` on:
    an amount word with its unit right after it ("补助经费(万元)"), or an amount word within a few characters after
    the table's unit note ("单位：万元乡镇补助经费备注…")."""
    for m in _UNIT.finditer(line, pos):
        head = _HEAD.search(line, max(pos, m.start() - 16), m.start())  # bounded: linear in the line
        amount = _amount_header(head.group(0)) if head else None
        if head is not None and amount is not None:
            yield amount, m.group(1), head.start(), _after_columns(line, m.end())
    for m in _UNIT_NOTE.finditer(line, pos):
        word = _amount_pattern().search(line, m.end(), m.end() + MAX_HEADER)
        if word is not None:
            yield word.group(0), m.group(1), m.start(), _after_columns(line, word.end())


def glued_list_tables(line: str, line_no: int, page: int | None) -> list[Table]:
    """Every glued list table on ``line`` (see the module docstring)."""
    out: list[Table] = []
    pos = 0
    for amount, unit, start, at in sorted(_headed(line, 0), key=lambda h: h[2]):
        if start < pos or (found := _rows(line, at)) is None:
            continue
        rows, pos = found
        header = ["名称", f"{amount}（{unit}）"]  # the name column's word is glued to the title before it
        cells = [header, *[[name, figure] for name, figure in rows]]
        out.append(Table(number=0, rows=grid(cells, lines=[[line_no, line_no] for _ in cells]), source="text",
                         page=page, caption=line[start:at], line=line_no, rebuilt=True, form="glued_list"))
    return out
