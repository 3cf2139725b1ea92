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
  with its money unit ("(万元)"), optionally followed by an empty text column's word (备注, 说明);
- rows follow at once, at least three, each a name of Chinese characters (no digits, no punctuation) and one
  figure (spaces between them allowed: the same table in PDF text with spaces for separators);
- the run ends with a row whose name is a total (全县合计, 合计, 总计): the other figure against which the
  reading is checked. Without it nothing is read;
- a name may not begin with a unit or counter (万, 元, 人, 村 …, ``data/glued.yaml``): that would mean the figure
  before it belonged to a text cell ("含2村"), so the run is not read at all.

The rebuilt table (name | amount, the total last) goes to the table rules like any other, each cell on the
run's line. The line stays prose as well (a notice may carry its text and the table on one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.docmodel import Table, grid
from jixiao.audit.forms import clean_header, vocabulary

MIN_ROWS = 3  # member rows before the total
MAX_ROWS = 300
_UNIT = re.compile(r"[（(]\s*(万元|元|亿元|千元)\s*[)）]")
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
                  frozenset(data["list_amount_roles"]), frozenset(data["list_no_name_start"]))


def _amount_header(head: str) -> str | None:
    """The amount column's header the glued words before the unit end in ("乡镇补助经费" -> "补助经费"), the
    longest word of the vocabulary with an amount role, or None."""
    vocab, words = vocabulary(), _words()
    return next((head[k:] for k in range(len(head) - 1)
                 if vocab.roles.get(clean_header(head[k:])) in words.amount_roles), None)


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
            return (rows, at) if len(rows) > MIN_ROWS else None
    return None


def glued_list_tables(line: str, line_no: int, page: int | None) -> list[Table]:
    """Every glued list table on ``line`` (see the module docstring)."""
    out: list[Table] = []
    pos = 0
    for unit in _UNIT.finditer(line):
        if unit.start() < pos:
            continue
        head = _HEAD.search(line, max(pos, unit.start() - 16), unit.start())  # bounded: linear in the line
        amount = _amount_header(head.group(0)) if head else None
        if head is None or amount is None:
            continue
        at = unit.end()
        rest = line[at:].lstrip()
        at = len(line) - len(rest) + next((len(w) for w in _words().trailing if rest.startswith(w)), 0)
        found = _rows(line, at)
        if found is None:
            continue
        rows, pos = found
        header = ["名称", f"{amount}（{unit.group(1)}）"]  # the name column's word is glued to the title before it
        cells = [header, *[[name, figure] for name, figure in rows]]
        out.append(Table(number=0, rows=grid(cells, lines=[[line_no, line_no] for _ in cells]), source="text",
                         page=page, caption=head.group(0) + unit.group(0), line=line_no, rebuilt=True,
                         form="glued_list"))
    return out
