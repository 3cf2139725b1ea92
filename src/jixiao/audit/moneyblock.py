"""The money block of a 财政支出项目绩效评价自评报告's 项目基本概况, read from text cells.

The template (湖南, also 广西 and 浙江 copies) states the project's money in columns, each a label with its amount —
计划安排资金 (万元), 实际到位资金 (万元), 实际支出 (万元), 结余 (万元) — and under them the 其中 source rows
(中央财政, 省财政, 市财政, 县财政, 其它). A web copy writes every cell on its own line or paragraph (a "|" may close
it) and repeats each source label once per column, the column's amount after it when there is one::

    计划安排资金 / (万元) / 48 / 实际到位资金 / (万元) / 48 / 实际支出 / (万元) / 46.5 / 结余(万元) / 1.5 /
    其中:中央财政 / 其中:中央财政 / 其中:中央财政 / 其中:中央财政 / … / 县市区财政 / 48 / 县市区财政 / 48 /
    县市区财政 / 46.5 / 县市区财政 / 1.5 / 其它 / 其它 / 其它 / 其它

(two-column copies state 计划安排资金 and 实际到位资金 with their source rows, then 实际支出 after them). The reading
is certain only where the cells make it so: the column labels in the template's order, each followed by at most one
amount; every source row the same label as many times as there are columns, each followed by at most one amount;
the rows from the one opening with 其中 down to the template's last (其它). A source row that breaks the pattern
leaves the sources unread (their sums are not judged); a cell with digits that is no amount ("7,00.0,77") is an
unreadable amount, and nothing is judged from it. Words live in data/money_block.yaml. Pure: cells in, a block out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from jixiao.final.recognise import AMOUNT_DIGITS

_AMOUNT = re.compile(rf"^(?:{AMOUNT_DIGITS})(?:万元|元)?$")
_UNIT = re.compile(r"^[（(](万元|元)[)）]$")
_LABEL_UNIT = re.compile(r"[（(](万元|元)[)）]$")
_PREFIX = re.compile(r"^其中[:：]?")
_GARBLED = re.compile(r"^[\d.,，]+$")  # digits with separators in no amount's places


@dataclass(frozen=True)
class TextCell:
    text: str  # without whitespace
    at: int  # index of the cell's source (the caller's key for its line and location)


@dataclass(frozen=True)
class Amount:
    value: Decimal | None  # None: a cell with digits that is no amount
    raw: str
    at: int


@dataclass(frozen=True)
class Head:
    key: str  # plan | received | spent | balance
    label: str
    factor: Decimal  # the label's unit in 元
    amount: Amount | None


@dataclass(frozen=True)
class SourceRow:
    label: str
    amounts: tuple[Amount | None, ...]  # one per column of the heads the rows stand under


@dataclass(frozen=True)
class MoneyBlock:
    heads: tuple[Head, ...]
    columns: int  # how many heads (from the first) the source rows stand under; 0 when they were not read
    sources: tuple[SourceRow, ...]

    def head(self, key: str) -> Head | None:
        return next((h for h in self.heads if h.key == key), None)


@cache
def words() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("jixiao.audit.data").joinpath("money_block.yaml").read_text(encoding="utf-8"))
    return data


def _amount(cell: TextCell) -> Amount | None:
    if _AMOUNT.match(cell.text):
        digits = cell.text.removesuffix("万元").removesuffix("元").replace(",", "")
        return Amount(Decimal(digits), cell.text, cell.at)
    if _GARBLED.match(cell.text) and any(ch.isdigit() for ch in cell.text):
        return Amount(None, cell.text, cell.at)
    return None


def _head(cells: list[TextCell], pos: int, after: int) -> tuple[str, str, Decimal, int] | None:
    """(key, label, factor, next position) of a column label at ``pos`` of a column after the ``after``-th."""
    data = words()
    keys = list(data["columns"])
    text = cells[pos].text
    unit = _LABEL_UNIT.search(text)
    bare = text[:unit.start()] if unit else text
    for k, key in enumerate(keys):
        if k > after and bare in data["columns"][key]:
            nxt = pos + 1
            if unit is None and nxt < len(cells) and (m := _UNIT.match(cells[nxt].text)):
                unit, nxt = m, nxt + 1
            name = unit.group(1) if unit else data["default_unit"]
            return key, bare, Decimal(data["units"][name]), nxt
    return None


def _heads(cells: list[TextCell], pos: int, after: int) -> tuple[list[Head], int]:
    out: list[Head] = []
    keys = list(words()["columns"])
    while pos < len(cells) and (h := _head(cells, pos, after)) is not None:
        key, label, factor, pos = h
        amount = _amount(cells[pos]) if pos < len(cells) else None
        if amount is not None:
            pos += 1
        out.append(Head(key, label, factor, amount))
        after = keys.index(key)
    return out, pos


def _row(cells: list[TextCell], pos: int, width: int) -> tuple[SourceRow, int] | None:
    label = _PREFIX.sub("", cells[pos].text)
    if not label or _amount(cells[pos]) is not None:
        return None
    amounts: list[Amount | None] = []
    for _ in range(width):
        if pos >= len(cells) or _PREFIX.sub("", cells[pos].text) != label:
            return None
        pos += 1
        amount = _amount(cells[pos]) if pos < len(cells) else None
        if amount is not None:
            pos += 1
        amounts.append(amount)
    return SourceRow(label, tuple(amounts)), pos


def _sources(cells: list[TextCell], pos: int, width: int) -> tuple[list[SourceRow], int] | None:
    data = words()
    if pos >= len(cells) or not cells[pos].text.startswith(data["sources_open"]):
        return None
    rows: list[SourceRow] = []
    while pos < len(cells):
        got = _row(cells, pos, width)
        if got is None:
            return None
        row, pos = got
        rows.append(row)
        if row.label in data["last_sources"]:
            return rows, pos
    return None


def money_blocks(cells: list[TextCell]) -> list[MoneyBlock]:
    """Every money block whose first column label (计划安排资金) opens a run of at least two column labels."""
    out: list[MoneyBlock] = []
    first = next(iter(words()["columns"].values()))
    pos = 0
    while pos < len(cells):
        text = _LABEL_UNIT.sub("", cells[pos].text)
        if text not in first:
            pos += 1
            continue
        heads, nxt = _heads(cells, pos, -1)
        if len(heads) < 2:
            pos += 1
            continue
        got = _sources(cells, nxt, len(heads))
        rows, columns = ([], 0) if got is None else (got[0], len(heads))
        if got is not None:
            nxt = got[1]
            keys = list(words()["columns"])
            more, nxt = _heads(cells, nxt, keys.index(heads[-1].key))  # 实际支出 after the sources of two columns
            heads += more
        out.append(MoneyBlock(tuple(heads), columns, tuple(rows)))
        pos = max(nxt, pos + 1)
    return out
