"""``table_control``: the 经费控制情况 block of a 基础数据表 — each top row against its numbered rows, each row
against its 其中 rows, column by column.

The 部门整体支出绩效评价基础数据表 states the spending it controls (三公经费, 项目支出, 公用经费 …) for a few years,
one column a year. Flattened, its cells come one per line::

    经费控制情况(万元) / 2022 年决算数 / 2023 年预算数 / 2023 年决算数 / 三公经费: / 0 / 0 / 0 /
    1、公务用车购置和维护经费 / 0 / 0 / 0 / 其中:公车购置 / 0 / 0 / 0 / … / 公用经费 / 118.31 / 85.76 / 193.42 /
    其中:办公经费 / 29.35 / 27.00 / 49.09 / 水费、电费、差旅费 / 8.80 / 13.00 / 12.64 / …

The shape is in ``data/control_table.yaml``. A row is read only with one amount for every column (or none: a row
left empty); anything else ends the block. A top row is the sum of its numbered rows when every one of them is
filled (an 错误 beyond rounding); the 其中 rows of a row (and the unnumbered rows after them) are a selection of
its parts: only a sum above it is an 错误 (a 其中 row left empty adds nothing to it). A 其中 row is a part even when
it names a top row (“其中:公用经费” under 基本支出). A row listed under ``totals`` (支出总额) is the sum of the
named top rows when all of them are in the block and filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from jixiao.audit.context import Context, Relation
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_nature import Piece, line_cells
from jixiao.audit.tolerance import fmt

_AMOUNT = re.compile(r"^-?\d+(?:\.\d+)?$")
_NUMBERED = re.compile(r"^\d{1,2}[、.．]")
_LISTED = re.compile(r"^(?:其中[:：]?)?\d{1,2}(?!\d)")  # a numbered item of a 其中 list ("其中:1、…", "2专项资金")
_PLACEHOLDER = frozenset({"……", "…", "......", "...", "-", "—", "——"})


@dataclass(frozen=True)
class _Shape:
    title: str
    column: re.Pattern[str]
    top: frozenset[str]
    stop: tuple[str, ...]
    totals: tuple[tuple[str, tuple[str, ...]], ...]  # a row's name → the top rows it is the sum of


@cache
def _shape() -> _Shape:
    text = resources.files("jixiao.audit").joinpath("data/control_table.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    totals = tuple((str(k), tuple(str(x) for x in v)) for k, v in (data.get("totals") or {}).items())
    return _Shape(str(data["title"]), re.compile(str(data["column"])), frozenset(data["top"]), tuple(data["stop"]),
                  totals)


@dataclass
class _Row:
    label: str
    cells: list[tuple[Piece, str]]  # one amount a column, or none
    numbered: list[_Row] = field(default_factory=list)
    parts: list[_Row] = field(default_factory=list)  # 其中 rows


def _name(label: str) -> str:
    return _NUMBERED.sub("", label).removeprefix("其中").strip(":：")


def _rows(cells: list[tuple[Piece, str]], k: int, width: int, shape: _Shape) -> tuple[list[_Row], bool]:
    """The rows of a block whose body starts at cell ``k``, and whether the reading stopped inside the block
    (then the rows of its last top row may be incomplete)."""
    rows: list[_Row] = []
    while k < len(cells):
        label = cells[k][1]
        if label.startswith(shape.stop):
            return rows, False
        if _AMOUNT.match(label):
            return rows, True
        k += 1
        figs: list[tuple[Piece, str]] = []
        while k < len(cells) and _AMOUNT.match(cells[k][1]):
            figs.append(cells[k])
            k += 1
        if figs and len(figs) != width:
            return rows, True  # amounts that do not fill the columns: the block is not read past them
        if label not in _PLACEHOLDER:
            rows.append(_Row(label, figs))
    return rows, True


def _tree(rows: list[_Row], shape: _Shape) -> list[_Row]:
    """The top rows with their numbered rows and 其中 rows; rows that fit nowhere are left out."""
    tops: list[_Row] = []
    owner: _Row | None = None  # the row 其中 rows belong to
    in_parts = listed = False  # listed: the 其中 list is numbered ("其中:1、…"), its "2、…" rows go on with it
    for row in rows:
        if row.label.startswith("其中") and owner is not None:
            owner.parts.append(row)
            in_parts, listed = True, bool(_NUMBERED.match(row.label.removeprefix("其中").lstrip(":：")))
        elif in_parts and listed and owner is not None and _NUMBERED.match(row.label):
            owner.parts.append(row)
        elif _name(row.label) in shape.top and not _NUMBERED.match(row.label) and not row.label.startswith("其中"):
            tops.append(row)
            owner, in_parts = row, False
        elif _NUMBERED.match(row.label) and tops:
            tops[-1].numbered.append(row)
            owner, in_parts = row, False
        elif in_parts and owner is not None:
            owner.parts.append(row)
        else:
            owner, in_parts = None, False
    return tops


def _judge(ctx: Context, whole: _Row, parts: list[_Row], exact: bool, width: int) -> list[AuditFinding]:
    if not exact:  # a 其中 row left empty adds nothing to a selection
        filled = [(bool(_LISTED.match(p.label)), p) for p in parts if p.cells]
        first = next((k for k, (n, _) in enumerate(filled) if n), len(filled))
        if not all(n for n, _ in filled[first:]):
            return []  # a filled numbered row followed by unnumbered ones: they may be its own items, counted twice
        parts = [p for _, p in filled]
    if not whole.cells or len(parts) < (2 if exact else 1) or any(not p.cells for p in parts):
        return []
    out: list[AuditFinding] = []
    for j in range(width):
        tp, tt = whole.cells[j]
        total = Decimal(tt)
        vals = [Decimal(p.cells[j][1]) for p in parts]
        places = max(len(t.partition(".")[2]) for t in [tt, *(p.cells[j][1] for p in parts)])
        tol = Decimal("0.5").scaleb(-places) * len(vals) if places else Decimal(0)
        lines = tuple(x for x in [tp.line, *(p.cells[j][0].line for p in parts)] if x is not None)
        where = tp.block.location(tp.offset)
        ctx.relations.append(Relation(RULE.name, total, tuple(vals), where, lines))
        s = sum(vals, Decimal(0))
        if (abs(s - total) <= tol) if exact else (s <= total + tol):
            continue
        terms = " + ".join(f"{_name(p.label)} {p.cells[j][1]}" for p in parts)
        expected = fmt(s, places) if places else f"{s}"
        out.append(AuditFinding(
            rule=RULE.name, title=RULE.title, severity=ERROR, quote=f"{whole.label} {tt}", location=where,
            stated=tt, expected=expected if exact else f"≥{expected}",
            figures=tuple(f"{_name(p.label)} {p.cells[j][1]}" for p in parts),
            explanation=(f"“{_name(whole.label)}”写作{tt}，但其下各项{terms} = {expected}。" if exact else
                         f"“{_name(whole.label)}”写作{tt}，其中各项{terms} = {expected}，已超过它。"),
            file=ctx.document.path, line=tp.line,
        ))
    return out


def _totals(ctx: Context, rows: list[_Row], tops: list[_Row], shape: _Shape, width: int) -> list[AuditFinding]:
    """Each ``totals`` row of the block against the top rows it sums, when every one of them was read once."""
    out: list[AuditFinding] = []
    for name, members in shape.totals:
        whole = [r for r in rows if _name(r.label) == name and not r.label.startswith("其中")]
        parts = [[t for t in tops if _name(t.label) == m] for m in members]
        if len(whole) == 1 and all(len(p) == 1 for p in parts):
            out.extend(_judge(ctx, whole[0], [p[0] for p in parts], True, width))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    shape = _shape()
    cells = line_cells(ctx)
    out: list[AuditFinding] = []
    for k, (_, text) in enumerate(cells):
        if not text.startswith(shape.title):
            continue
        width = 0
        while k + 1 + width < len(cells) and shape.column.match(cells[k + 1 + width][1]):
            width += 1
        if width == 0:
            continue
        rows, cut = _rows(cells, k + 1 + width, width, shape)
        tops = _tree(rows, shape)
        out.extend(_totals(ctx, rows, tops, shape, width))
        for top in tops:
            if not (cut and top is tops[-1]):  # a top row the reading stopped in may miss numbered rows
                out.extend(_judge(ctx, top, top.numbered, True, width))
            for row in [top, *top.numbered]:
                out.extend(_judge(ctx, row, row.parts, False, width))
    return out


RULE = Rule("table_control", "基础数据表经费合计不符",
            "基础数据表“经费控制情况”中，三公经费等合计与其下各项之和不符，或“其中”各项之和超过所属项目。", check)
