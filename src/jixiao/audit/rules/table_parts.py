"""``table_part_sum``: an indicator row's 指标值 / 完成值 against the rows that break it down.

A 自评表 may list the parts of an indicator's quantity under it: "其中" rows ("★补助种植面积 29.5亩" over "其中桃树
1.5亩", "其中露天蔬菜 20亩" …) or sub-rows of a deeper numbering ("一、示范区建立 20000亩" over "1、… 500亩", "2、…
1000亩" …). Where the row and every part state a figure of the same unit (and the same comparison sign, if any):

- "其中" rows may be a partial list: only parts adding up to more than the row are wrong (错误);
- numbered sub-rows are its parts only by their numbering: a sum that differs from the row is a 提示.

Rates and figures of different units ("180只", "12头") are not added up.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Column, Row, Section, Value, _marker_depth, short_header
from jixiao.textfmt import number

_QUANTITY = re.compile(r"^(?P<sign>[≥≤≧≦>＞<＜=＝]?)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[\u4e00-\u9fff]{1,3})$")
_SAME_SIGN = str.maketrans({"≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "＝": "="})


def _quantity(sec: Section, row: Row, col: Column) -> tuple[Value, str, str] | None:
    """(value, unit, sign) of a 指标值 / 完成值 cell stating a quantity ("≧20000亩", "192只")."""
    if col.index >= len(row.cells) or row.cells[col.index].is_copy:
        return None
    cell = row.cells[col.index]
    m = _QUANTITY.match(cell.text.replace(" ", "").replace(",", ""))
    if m is None:
        return None
    num = m.group("num")
    value = Value(Decimal(num), cell.text.strip(), len(num.partition(".")[2]), m.group("unit"), cell)
    return value, m.group("unit"), m.group("sign").translate(_SAME_SIGN)


def _is_part(row: Row) -> bool:
    return row.label.strip().startswith("其中")


def _groups(sec: Section) -> list[tuple[Row, list[Row], bool]]:
    """(row, its parts, parts are 其中 rows) for every row followed by 其中 rows or by deeper-numbered rows."""
    rows = sec.rows
    out: list[tuple[Row, list[Row], bool]] = []
    for k, row in enumerate(rows):
        if _is_part(row) or row.total:
            continue
        parts = []
        for nxt in rows[k + 1:]:
            if not _is_part(nxt):
                break
            parts.append(nxt)
        if parts:
            out.append((row, parts, True))
            continue
        depth = _marker_depth(row.label.strip())
        if depth is None:
            continue
        for nxt in rows[k + 1:]:
            d = _marker_depth(nxt.label.strip())
            if d is None or d <= depth or _is_part(nxt):
                break
            if parts and d != _marker_depth(parts[0].label.strip()):
                break  # a third numbering level: not one list of parts
            parts.append(nxt)
        if parts:
            out.append((row, parts, False))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        cols = [c for c in sec.columns if c.role in ("target", "achieved")]
        if not cols or not sec.complete:
            continue
        for row, part_rows, partial in _groups(sec):
            if len(part_rows) < 2:
                continue
            for col in cols:
                whole = _quantity(sec, row, col)
                parts = [_quantity(sec, r, col) for r in part_rows]
                if whole is None or any(p is None or p[1:] != whole[1:] for p in parts):
                    continue
                values = [p[0] for p in parts if p is not None]
                total = whole[0]
                ctx.trace_cells(RULE.name, sec, total, values, sec.location(row, col))
                s = sum((v.value for v in values), Decimal(0))
                if s == total.value or (partial and s < total.value):
                    continue
                terms = " + ".join(v.raw for v in values)
                what = "其中各项" if partial else "其下各编号分项"
                out.append(ctx.cell_finding(
                    RULE.name, RULE.title, ERROR if partial else HINT, sec, row, col, total.raw,
                    f"{number(s)}{whole[1]}",
                    [f"{r.label} {v.raw}" for r, v in zip(part_rows, values, strict=True)] + [f"{row.label} {total.raw}"],
                    f"“{row.label}”的{short_header(col.header)}为{total.raw}，但{what}{terms} = {number(s)}{whole[1]}"
                    + ("，超过该项。" if partial else "（分项关系按编号推断，请核对）。"),
                ))
    return out


RULE = Rule("table_part_sum", "表格分项指标值合计不符",
            "自评表中某指标的指标值或完成值与其下“其中”行或下级编号分项之和不符（“其中”各项之和超过该项为错误，编号分项为提示）。",
            check)
