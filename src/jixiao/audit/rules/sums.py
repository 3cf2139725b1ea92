"""Parts against their stated total: 其中 lists, bracketed breakdowns, 合计 closing a list, 加上…合计 chains
and parallel sums (see :mod:`jixiao.audit.clauses`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, quantize


def _in(total: Figure, f: Figure) -> Decimal:
    """``f`` in the total's unit (万元 parts of an 亿元 total)."""
    if total.kind == "money" and total.value:
        return f.wan / (total.wan / total.value)
    return f.value


def signed_sum(total: Figure, signed: list[tuple[int, Figure]]) -> tuple[Decimal, Decimal]:
    """(Σ parts in the total's unit, tolerance: half a unit of every term's last place)."""
    s = sum((sign * _in(total, p) for sign, p in signed), Decimal(0))
    tol = half_unit(total) + sum((half_unit(p) * (_in(total, p) / p.value if p.value else Decimal(1))
                                  for _, p in signed), Decimal(0))
    return s, tol


def _prefix_matches(total: Figure, signed: list[tuple[int, Figure]]) -> int:
    """How many leading items add up to the total exactly (0 when none do)."""
    for k in range(2, len(signed)):
        s, tol = signed_sum(total, signed[:k])
        if abs(s - total.value) <= tol and all(p.value != 0 for _, p in signed[k:]):
            return k
    return 0


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for lst in para.lists:
            total = lst.total
            signed = lst.signed()
            ctx.trace(RULE.name, para, total, *lst.parts, result_para=lst.total_para)
            s, tol = signed_sum(total, signed)
            diff = s - total.value
            if abs(diff) < tol or (diff == 0):
                continue  # the rounding intervals overlap (a total's interval is open at its top: half up)
            max_dec = max(p.decimals for p in lst.parts)
            if 0 < total.decimals < max_dec and quantize(s, total.decimals) == total.value:
                continue  # a total written with fewer decimals than its parts
            if not lst.exact and diff <= tol:
                continue  # a partial list (主要包括…, 等, cut off): its parts may fall short
            beside = _prefix_matches(total, signed)  # the first items make up the total: the rest may be listed beside it
            places = 2 if total.kind == "money" else 0
            expected = f"{fmt(s, places)}{total.unit}"
            terms = "".join((" − " if sign < 0 else " + ") + p.text() for sign, p in signed).removeprefix(" + ")
            what = {"parallel": "各项对应数", "closing": "前列各项", "chain": "各项"}.get(lst.shape, "其中各项")
            note = ""
            short = lst.shape == "marker" and diff < 0 and -diff > total.value / 100
            if short:
                note = "所列各项可能不全（“其中”不一定列出全部），请核实。"
            if beside:
                rest = "、".join(p.label.rstrip("为是") or p.text() for _, p in signed[beside:])
                note = f"前{beside}项之和恰为合计，{rest}可能不在合计之内（未写明），请核实。"
            out.append(ctx.finding(
                RULE.name, RULE.title, ERROR if lst.sure and not beside and not short else HINT, para, lst.marker,
                total.text(),
                expected, [f"{p.label or '分项'} {p.text()}" for p in lst.parts] + [f"合计 {total.label} {total.text()}"],
                f"报告称{total.label.rstrip('为是共计') or '合计'}{total.text()}，但{what}{terms}合计为{expected}，"
                f"相差{fmt(abs(diff), places)}{total.unit}。{note}",
            ))
    return out


RULE = Rule("sum", "分项与合计不符", "“其中”所列、括号所列、“合计”收尾或“加上…合计”所列各分项之和与所述合计不符（每项容忍半个末位单位的尾差）。",
            check)
