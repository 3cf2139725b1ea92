"""Cells of flattened table text: every line cut into tokens, by its pipes when it has them (empty cells kept), else
by whitespace. Shared by the readers that rebuild rows from such text (:mod:`jixiao.audit.flattened`,
:mod:`jixiao.audit.codedcols`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.audit.align import kind
from jixiao.audit.numbers import normalize_cell

_SPLIT = re.compile(r"[ \t\u3000]+")
SCORE = re.compile(r"^(?:0|[1-9]\d?|100)(?:\.\d{1,2})?$")  # a 得分 cell: 0 to 100, at most two decimals
_WAN_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)万元?")


def _amount_cell(text: str) -> str:
    """A cell holding an amount and its 万 or 万元 ("150万", "4753.66万元" in a 项目资金（万元） form copied a cell a
    line or a paragraph): the amount."""
    m = _WAN_AMOUNT.fullmatch(text)
    return m.group(1) if m else text


def words(line: str) -> list[str]:
    """The cells of a line of flattened table text without pipes: its words between spaces, tabs and full-width
    spaces."""
    return [w for w in _SPLIT.split(line.strip()) if w]


@dataclass(frozen=True)
class Token:
    text: str
    line: int  # index into the page's lines
    cell: int | None = None  # position among the cells of a "|" row (None when the line has no pipes)

    @property
    def kind(self) -> str:
        return kind(self.text)


def tokenize(lines: list[str], skip: frozenset[int]) -> list[Token]:
    """Cells of every line: pipe-separated when the line has pipes (keeping empty cells), else
    whitespace-separated (split before normalizing: "500 520 494" are three cells)."""
    out: list[Token] = []
    for i, raw in enumerate(lines):
        if i in skip:
            continue
        s = raw.strip()
        if not s:
            continue
        if "|" in s:
            pieces = s.split("|")
            if pieces and not pieces[-1].strip():
                pieces = pieces[:-1]
            if len(pieces) > 1 and not pieces[0].strip() and s.startswith("|"):
                pieces = pieces[1:]
            if len(pieces) == 1:  # a cell on its own line closed by its bar ("150万 |")
                pieces = [_amount_cell(normalize_cell(pieces[0]))]
            out.extend(Token(normalize_cell(p), i, k) for k, p in enumerate(pieces))
        else:
            cells = words(s)
            if len(cells) == 1:  # a cell on its own line ("4753.66万元")
                cells = [_amount_cell(normalize_cell(cells[0]))]
            out.extend(Token(normalize_cell(t), i) for t in cells)
    return out
