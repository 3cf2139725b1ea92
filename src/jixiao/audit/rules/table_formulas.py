"""``table_formula``: every row of a table against the column formulas its header writes (④=①+②+③, ⑥=⑤/④,
⑦=④-⑤, ⑧=④*⑦).

The numbering and formulas are read by :mod:`jixiao.audit.colformulas`. A row is judged on a formula only when
every cell the formula names holds a figure (a rate only as the result of a ratio). A sum or difference that does
not add up within the rounding of its terms is an 错误; a ratio is judged as every rate is (``tolerance.rate_verdict``:
more than one unit of its last place off is an 错误, one unit off and out of reach of the rounding a 提示). A product may be
written in another unit than its factors give (元/人 × 人 in 万元): the unit is the one (元 or 万元) under which
most rows of the table agree, at least two of them — else the formula is not judged; a row that agrees under
neither is an 错误.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.colformulas import PRODUCT, RATIO, SUM, ColumnFormula, Numbering, circled, numbering
from jixiao.audit.context import Context, Relation, sum_key
from jixiao.audit.docmodel import Cell, Table
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Value, cell_value, half
from jixiao.audit.tolerance import fmt, quantize, rate_verdict, ratio_bounds

_SCALES = (Decimal(1), Decimal("0.0001"))  # a product of 元 written in 元, or in 万元
_REBUILT = "（该表由报告中的表格文字还原）"


def _values(row: tuple[Cell, ...], nb: Numbering, f: ColumnFormula) -> tuple[Value, list[Value]] | None:
    cells = [row[nb.columns[n]] for n in f.columns if nb.columns[n] < len(row)]
    if len(cells) != len(f.columns):
        return None
    values = [cell_value(c) if not c.is_copy else None for c in cells]
    if any(v is None for v in values):
        return None
    stated, *operands = (v for v in values if v is not None)
    if any(v.unit == "%" for v in operands) or (stated.unit == "%" and f.op != RATIO):
        return None
    return stated, operands


def _sum_ok(f: ColumnFormula, stated: Value, operands: list[Value]) -> tuple[bool, Decimal]:
    expected = sum((v.value * sign for v, (_, sign) in zip(operands, f.terms, strict=True)), Decimal(0))
    tol = half(stated) + sum((half(v) for v in operands), Decimal(0))
    if abs(expected - stated.value) <= tol:
        return True, expected
    widest = max(v.decimals for v in operands)
    return (stated.decimals < widest and quantize(expected, stated.decimals) == stated.value), expected


def _product_ok(stated: Value, operands: list[Value], scale: Decimal) -> tuple[bool, Decimal]:
    a, b = operands
    expected = a.value * b.value * scale
    tol = half(stated) + (abs(a.value) * half(b) + abs(b.value) * half(a)) * scale
    return abs(expected - stated.value) <= tol, expected


def _scale(rows: list[tuple[Value, list[Value]]]) -> Decimal | None:
    """The unit of a product column: the scale under which most rows agree (at least two, more than half)."""
    best: tuple[int, Decimal] | None = None
    for scale in _SCALES:
        agree = sum(_product_ok(s, ops, scale)[0] for s, ops in rows)
        if agree >= 2 and agree * 2 > len(rows) and (best is None or agree > best[0]):
            best = (agree, scale)
    return best[1] if best else None


def _finding(ctx: Context, table: Table, row: tuple[Cell, ...], stated: Value, expected: str, terms: str,
             f: ColumnFormula, figures: list[str], severity: str = ERROR) -> AuditFinding:
    quote = " | ".join(c.text for c in row if c.text and not c.is_copy)
    return AuditFinding(
        rule=RULE.name, title=RULE.title, severity=severity, quote=quote, location=table.cell_location(stated.cell),
        stated=stated.raw, expected=expected, figures=tuple(figures),
        explanation=f"表头写明{f.text}：{terms} = {expected}，表中写作{stated.raw}。" + (_REBUILT if table.rebuilt else ""),
        file=ctx.document.path, line=stated.cell.line,
    )


def _trace(ctx: Context, table: Table, stated: Value, operands: list[Value]) -> None:
    lines = tuple(v.cell.line for v in (stated, *operands) if v.cell.line is not None)
    ctx.relations.append(Relation(RULE.name, stated.value, tuple(v.value for v in operands),
                                  table.cell_location(stated.cell), lines,
                                  cell=(table.number, stated.cell.row, stated.cell.col)))


def _check_table(ctx: Context, table: Table, nb: Numbering) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    body = table.rows[nb.header_rows:]
    judged = ctx.judged_cells()  # cells another table rule has judged (a 执行率 by its letters) are left to it
    for f in nb.formulas:
        rows = [(row, got) for row in body if (got := _values(row, nb, f)) is not None
                and ((table.number, got[0].cell.row, got[0].cell.col), sum_key(v.value for v in got[1])) not in judged]
        scale = _scale([got for _, got in rows]) if f.op == PRODUCT else Decimal(1)
        if scale is None:
            continue
        for row, (stated, operands) in rows:
            _trace(ctx, table, stated, operands)
            figures = [f"{circled(n)} {v.raw}" for (n, _), v in zip(f.terms, operands, strict=True)]
            places = max(stated.decimals, *(v.decimals for v in operands))
            if f.op == SUM:
                ok, exact = _sum_ok(f, stated, operands)
                terms = "".join(("-" if s < 0 else ("+" if k else "")) + v.raw
                                for k, (v, (_, s)) in enumerate(zip(operands, f.terms, strict=True)))
                if not ok:
                    out.append(_finding(ctx, table, row, stated, fmt(exact, places), terms, f, figures))
            elif f.op == PRODUCT:
                ok, exact = _product_ok(stated, operands, scale)
                unit = "（按万元折算）" if scale != 1 else ""
                if not ok:
                    out.append(_finding(ctx, table, row, stated, fmt(exact, max(stated.decimals, 2)),
                                        f"{operands[0].raw}×{operands[1].raw}{unit}", f, figures))
            elif f.op == RATIO:
                a, b = operands
                if b.value == 0:
                    continue
                pct = Decimal(100) if stated.unit == "%" else Decimal(1)
                exact = a.value / b.value * pct
                lo, hi = ratio_bounds(a.value, half(a), b.value, half(b), pct)
                verdict = rate_verdict(stated.value, stated.decimals, exact, lo, hi)
                if verdict is not None:
                    shown = fmt(exact, stated.decimals) + ("%" if pct != 1 else "")
                    out.append(_finding(ctx, table, row, stated, shown, f"{a.raw}÷{b.raw}", f, figures, verdict))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for table in ctx.document.tables:
        nb = numbering(table)
        if nb is not None:
            out.extend(_check_table(ctx, table, nb))
    return out


RULE = Rule("table_formula", "表内栏次公式不符",
            "表头以①②③……为栏次写明公式（如④=①+②+③、⑥=⑤/④、⑧=④*⑦），表中某行的数字不满足该公式。", check)
