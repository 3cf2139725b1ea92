"""``table_product``: a 补贴 / 发放 / 兑付 table's amount against quantity × standard in every member row.

A subsidy table pays each row its quantity times a standard per unit: 面积 × 每亩标准 = 资金 (耕地地力保护补贴,
种粮补贴), 人数 × 每人标准 = 金额, 户数 × 每户标准 = 金额. Which header words name the quantity, the standard and
the amount of which product is in ``data/unit_products.yaml`` (the word file ``per_unit_product`` reads too). The
standard is the row's cell of a standard column ("补贴标准（元/亩）"); a table without one may take it from the text
around it when that states one standard per the product's unit, once ("每亩120元", "补贴标准18.34元/亩"). A standard
cell merged down the column (written in the first row only) is every row's standard.

An amount in 万元 over a standard in 元 is divided by 10000; an amount whose header names no unit is read at the
scale most rows agree with. The products are judged only where the table shows them: at least three member rows
agree (within the rounding of the written quantity and amount), more than twice as many as disagree; then a row
that disagrees is an 错误. Total rows are left to ``table_sum``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.audit.context import Context, Relation
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Column, Row, Section, Value, cell_value, half, is_rate_row, short_header
from jixiao.audit.tolerance import fmt
from jixiao.audit.totalgrid import per_unit
from jixiao.audit.unitproducts import Product, UnitProducts, unit_products
from jixiao.textfmt import number

MIN_AGREE = 3  # member rows that must agree before a disagreeing one is judged
_TEN_THOUSAND = Decimal(10000)


def _key(header: str) -> str:
    return re.sub(r"\s+", "", short_header(header))


def _has(header: str, ws: tuple[str, ...]) -> bool:
    key = _key(header)
    return any(w in key for w in ws)


@dataclass(frozen=True)
class _Layout:
    product: Product
    quantity: Column
    standard: Column | None  # None: the standard is stated in the text
    amounts: tuple[Column, ...]


def _layouts(sec: Section, ws: UnitProducts) -> list[_Layout]:
    figured = [c for c in sec.columns if any(sec.value(r, c) is not None for r in sec.rows)]
    products = ws.table_products()
    quantities = {w for p in products for w in p.quantity}
    amounts = tuple(c for c in figured if _has(c.header, ws.amount) and not per_unit(c.header)
                    and not _has(c.header, tuple(quantities)))
    out = []
    for p in products:
        qs = [c for c in figured if _has(c.header, p.quantity) and not per_unit(c.header)]
        own = [c for c in figured if _has(c.header, p.standard)]
        other = tuple(w for o in products if o is not p for w in o.standard)
        loose = [c for c in figured if _has(c.header, ws.standard_any) and per_unit(c.header)
                 and not _has(c.header, other) and c not in own]
        standards = own or loose
        if len(qs) != 1 or len(standards) > 1 or not amounts:
            continue
        out.append(_Layout(p, qs[0], standards[0] if standards else None, amounts))
    return out


def _stated_standard(ctx: Context, product: Product) -> Decimal | None:
    """The one standard per the product's unit the text states ("每亩120元", "18.34元/亩"), or None (none, or several)."""
    unit = "(?:" + "|".join(map(re.escape, product.per)) + ")"
    per = re.compile(rf"每\s?{unit}\s?(?:补贴|补助|发放|标准)?\s?(?:为|是)?\s?(\d{{1,6}}(?:\.\d{{1,4}})?)\s?元(?!\s?[/／])"
                     rf"|(\d{{1,6}}(?:\.\d{{1,4}})?)\s?元\s?[/／]\s?{unit}")
    found = {Decimal(m.group(1) or m.group(2)) for p in ctx.paras for m in per.finditer(p.text)}
    return found.pop() if len(found) == 1 else None


def _scales(col: Column) -> tuple[Decimal, ...]:
    """The factor from a standard in 元 to the amount column's unit: its header's unit note, else either."""
    header = _key(col.header)
    if "万元" in header:
        return (1 / _TEN_THOUSAND,)
    if "元" in header:
        return (Decimal(1),)
    return (Decimal(1), 1 / _TEN_THOUSAND)


@dataclass(frozen=True)
class _Check:
    row: Row
    amount: Value
    quantity: Value
    standard: Decimal
    standard_cell: Value | None
    expected: Decimal
    agrees: bool


def _merged_value(sec: Section, row: Row, col: Column) -> Value | None:
    """The row's figure in ``col``; for a cell merged down the column (a standard written once for every row), the
    merged cell's figure."""
    cell = row.cells[col.index] if col.index < len(row.cells) else None
    if cell is not None and cell.origin is not None:
        r, c = cell.origin
        return cell_value(sec.table.rows[r - 1][c - 1])
    return sec.value(row, col)


def _checks(sec: Section, lay: _Layout, amount: Column, scale: Decimal, stated: Decimal | None) -> list[_Check]:
    out = []
    for row in sec.rows:
        if row.total or is_rate_row(row.label) or row.number in sec.uncertain:
            continue
        a, q = sec.value(row, amount), sec.value(row, lay.quantity)
        s_cell = _merged_value(sec, row, lay.standard) if lay.standard is not None else None
        s = s_cell.value if s_cell is not None else stated if lay.standard is None else None
        if a is None or q is None or s is None or a.unit == "%" or q.unit == "%":
            continue
        factor = s * scale
        exact = q.value * factor
        lo, hi = (q.value - half(q)) * factor - half(a), (q.value + half(q)) * factor + half(a)
        out.append(_Check(row, a, q, s, s_cell, exact, lo <= a.value <= hi))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    ws = unit_products()
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        for lay in _layouts(sec, ws):
            stated = _stated_standard(ctx, lay.product) if lay.standard is None else None
            if lay.standard is None and stated is None:
                continue
            best: tuple[int, Column, list[_Check]] | None = None
            for amount in lay.amounts:
                for scale in _scales(amount):
                    checks = _checks(sec, lay, amount, scale, stated)
                    agree = sum(c.agrees for c in checks)
                    if best is None or agree > best[0]:
                        best = (agree, amount, checks)
            if best is None:
                continue
            agree, amount, checks = best
            if agree < MIN_AGREE or agree <= 2 * (len(checks) - agree):
                continue  # the table does not show this product in its rows
            out.extend(_judge(ctx, sec, lay, amount, checks))
    return out


def _judge(ctx: Context, sec: Section, lay: _Layout, amount: Column, checks: list[_Check]) -> list[AuditFinding]:
    out = []
    q_name, a_name = short_header(lay.quantity.header), short_header(amount.header)
    s_name = short_header(lay.standard.header) if lay.standard is not None else f"文中所述每{lay.product.unit}标准"
    for c in checks:
        cells = [c.amount.cell, c.quantity.cell, *([c.standard_cell.cell] if c.standard_cell is not None else [])]
        where = sec.location(c.row, amount)
        ctx.relations.append(Relation(TABLE_PRODUCT.name, c.amount.value, (c.quantity.value, c.standard), where,
                                      tuple(x.line for x in cells if x.line is not None)))
        if c.agrees:
            continue
        expected = fmt(c.expected, c.amount.decimals) if c.amount.decimals else number(c.expected.normalize())
        out.append(ctx.cell_finding(
            TABLE_PRODUCT.name, TABLE_PRODUCT.title, ERROR, sec, c.row, amount, c.amount.raw, expected,
            [f"{q_name} {c.quantity.raw}", f"{s_name} {number(c.standard)}"],
            f"{c.row.label or '该行'}的{a_name}写作{c.amount.raw}，按{q_name}{c.quantity.raw}×{s_name}"
            f"{number(c.standard)}元计算应为{expected}（表中多数行按此计算）。",
        ))
    return out


TABLE_PRODUCT = Rule("table_product", "表格金额与数量×标准不符",
                     "补贴发放表中某行的金额与该行面积（人数、户数）×补贴标准不符（表中多数行按此计算）。", check)
RULE = TABLE_PRODUCT
