"""Placing the cells of a flattened row into the columns of its header, by the kind of each cell.

Flattened table text loses empty cells and merged cells, and splits a text cell at its spaces, so the
n-th cell of a row is not the n-th column. A row is placed by what its cells can be: a 分值 or 得分 is a
number from 0 to 100, a rate a percentage, an amount a number, a name text; a text cell split at its
spaces may fill one column with several pieces. Every placement that fits is considered (dynamic
programming, O(cells × columns²)); a column's content is known only when every fitting placement puts
the same thing there. Nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.final.recognise import AMOUNT, EMPTY

PERCENT = re.compile(r"[-−]?\d+(?:\.\d+)?[%％]$")
DASHES = frozenset(EMPTY) | {"无"}  # a cell that holds no figure
UNITS = frozenset({"%", "％", "个", "人", "次", "项", "元", "万元", "家", "天", "月", "年", "小时", "分", "公里", "台", "套", "件",
                   "份", "户", "辆", "平方米", "米", "亩", "场", "篇", "条", "册", "所", "人次", "百分比", "=", "﹦", "＝",
                   "≥", "≤", ">", "<", "＞", "＜", "≧", "≦", "定性", "定量"})
MAX_SCORE = Decimal(100)

# What each column role accepts: N number, P percentage, D empty/dash, U unit or comparison sign, T text.
ACCEPTS: dict[str, frozenset[str]] = {
    "level1": frozenset("TD"), "level2": frozenset("TD"), "level3": frozenset("TD"), "name": frozenset("TD"),
    "code": frozenset("NTD"), "criteria": frozenset("TUD"), "reason": frozenset("TUD"),
    "target": frozenset("NPTUD"), "achieved": frozenset("NPTUD"),
    "weight": frozenset("ND"), "score": frozenset("ND"),
    "rate": frozenset("PD"), "share": frozenset("PD"), "change_rate": frozenset("PD"),
}
DEFAULT_ACCEPTS = frozenset("ND")  # amounts
TEXT_ROLES = frozenset(r for r, a in ACCEPTS.items() if "T" in a)


def kind(text: str) -> str:
    if text in DASHES:
        return "D"
    if AMOUNT.match(text):
        return "N"
    if PERCENT.match(text):
        return "P"
    if text in UNITS:
        return "U"
    return "T"


def number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("−", "-").rstrip("%％"))
    except InvalidOperation:
        return None


NIL_REASON = "0"  # a 偏差原因 cell written "0": no deviation to explain (a figure nowhere else in its row)


def _nil_reason(role: str | None, text: str) -> bool:
    return role == "reason" and text == NIL_REASON


def fits(role: str | None, text: str) -> bool:
    if _nil_reason(role, text):
        return True
    k = kind(text)
    if k not in ACCEPTS.get(role or "", DEFAULT_ACCEPTS if role else frozenset("TUD")):
        return False
    if role in ("weight", "score") and k == "N":
        v = number(text)
        return v is not None and Decimal(0) <= v <= MAX_SCORE
    return True


@dataclass(frozen=True)
class Placement:
    """For every column: the text placed there when every fitting placement agrees ("" = empty), else
    None (undetermined). ``fitted`` is False when no placement fits at all."""

    columns: tuple[str | None, ...]
    fitted: bool
    gain: int = 0


NEG = -(10**15)
UNIT = 10**6  # the gain of one placed cell; the left-fill tie-break (−column index) stays far below it


def _main_gain(gain: int) -> int:
    """A placement's gain without the left-fill tie-break (rounded up to whole cells)."""
    return -((-gain) // UNIT)


SCORE_COLUMNS = frozenset({"weight", "score"})
MONEY_COLUMNS = frozenset({"budget_initial", "budget_final", "actual"})


def _gain(role: str | None, cell_kind: str, prefer: frozenset[str]) -> int:
    """How much a placement is preferred: filling 分值/得分 most (forms always fill them), a figure or a
    text next; a bare number in a rate column is allowed (“0”) but worse than leaving the rate empty."""
    if cell_kind == "D":
        return 0
    if role in ("rate", "share", "change_rate") and cell_kind == "N":
        return -1
    return 4 if role in prefer else 2


def _fits_any(role: str | None, text: str) -> bool:
    if role in ("rate", "share", "change_rate") and kind(text) == "N":
        return True
    return fits(role, text)


def _solve(cells: list[str], roles: Sequence[str | None], skip_dashes: bool, prefer: frozenset[str],
           required: frozenset[str] = frozenset(), left_fill: bool = True) -> Placement:
    n, m = len(cells), len(roles)
    kinds = [kind(c) for c in cells]
    text_ok = [("T" in ACCEPTS.get(r or "", DEFAULT_ACCEPTS if r else frozenset("TUD"))) for r in roles]
    keep_left = left_fill and not skip_dashes and "D" in kinds

    def moves(i: int, j: int) -> list[tuple[int, int, int, str]]:
        """(next i, next j, gain, what column j holds) from state (i, j); j == m only skips dashes."""
        out: list[tuple[int, int, int, str]] = []
        if skip_dashes and i < n and kinds[i] == "D":
            out.append((i + 1, j, 0, "\x01"))  # a dash that stands for no column
        if j == m:
            return out
        must = roles[j] in required
        if not must:
            out.append((i, j + 1, 0, ""))
        if i < n and kinds[i] != "T" and not (must and kinds[i] == "D") and _fits_any(roles[j], cells[i]):
            # where empty cells are kept, cells fill the columns from the left: a tiny preference
            tie = -j if keep_left else 0
            if _nil_reason(roles[j], cells[i]):  # worth no more than an empty cell: any other reading of it wins
                out.append((i + 1, j + 1, tie, ""))
            else:
                out.append((i + 1, j + 1, _gain(roles[j], kinds[i], prefer) * UNIT + tie,
                            "" if kinds[i] == "D" else cells[i]))
        if text_ok[j]:
            k = i
            while k < n and kinds[k] == "T":
                k += 1
                out.append((k, j + 1, UNIT * 3 // 2 if roles[j] in ("target", "achieved") else UNIT, " ".join(cells[i:k])))
        return out

    fwd = [[NEG] * (m + 1) for _ in range(n + 1)]
    fwd[0][0] = 0
    for j in range(m + 1):
        for i in range(n + 1):
            if fwd[i][j] == NEG:
                continue
            for i2, j2, g, _ in moves(i, j):
                if fwd[i][j] + g > fwd[i2][j2]:
                    fwd[i2][j2] = fwd[i][j] + g
    bwd = [[NEG] * (m + 1) for _ in range(n + 1)]
    bwd[n][m] = 0
    for j in range(m, -1, -1):
        for i in range(n, -1, -1):
            best = bwd[i][j]
            for i2, j2, g, _ in moves(i, j):
                if bwd[i2][j2] != NEG and bwd[i2][j2] + g > best:
                    best = bwd[i2][j2] + g
            bwd[i][j] = best
    total = bwd[0][0]
    if total == NEG:
        return Placement((None,) * m, False, NEG)
    options: list[set[str]] = [set() for _ in range(m)]
    for j in range(m):
        for i in range(n + 1):
            if fwd[i][j] == NEG:
                continue
            for i2, j2, g, what in moves(i, j):
                if j2 == j + 1 and bwd[i2][j2] != NEG and fwd[i][j] + g + bwd[i2][j2] == total:
                    options[j].add(what)
    return Placement(tuple(o.pop() if len(o) == 1 else None for o in options), True, total)


def place(cells: list[str], roles: Sequence[str | None], prefer: frozenset[str] = SCORE_COLUMNS,
          required: frozenset[str] = frozenset(), left_fill: bool = True) -> Placement:
    """Place a row's cells (empties kept where the layout keeps them) into columns of these roles.
    Every dash or empty cell stands for a column, except that trailing ones may belong to the next row;
    only when nothing fits may dashes stand for nothing. Among the placements that fit, those filling the
    ``prefer`` columns most are kept (forms fill 分值/得分 on every indicator row, and the amounts on every
    资金 row). Columns of a ``required`` role must hold a figure. ``left_fill``: a row holding a dash is taken to
    keep its empty cells, and its cells fill the columns from the left; without it, a row with fewer cells than
    columns leaves undetermined the columns its cells could shift between."""
    variants = [list(cells)]
    trimmed = list(cells)
    while trimmed and kind(trimmed[-1]) == "D":  # trailing empties may open the next row
        trimmed = trimmed[:-1]
        variants.append(trimmed)
    best: Placement | None = None
    for v in variants:  # the full row first: where it places as well, its empties hold their columns
        got = _solve(v, roles, False, prefer, required, left_fill)
        if got.fitted and (best is None or _main_gain(got.gain) > _main_gain(best.gain)):
            best = got
    return best if best is not None else _solve(cells, roles, True, prefer, required, left_fill)
