"""Funds blocks of a 自评表 written one labelled amount per line or row (:mod:`jixiao.audit.fundblocks`).

A block's sources against its total, the totals of the programme blocks against the block of the whole fund, and each
source against the same source of those blocks. Sources listed under 其中 may leave some out: a sum below the total
is judged only where the programme blocks are shown to make up the whole fund (their totals add up to it exactly).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.context import Context, Relation
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.fundblocks import Check, document_checks, label_key
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Value, half
from jixiao.audit.tolerance import fmt

_WHAT = {"block": "其中各来源", "group": "其下各项目块的年度资金总额", "source": "其下各项目块的同一来源"}


def _verdict(check: Check, total: Value, parts: list[Value]) -> str | None:
    s = sum((p.value for p in parts), Decimal(0))
    tol = half(total) + sum((half(p) for p in parts), Decimal(0))
    if s - total.value > tol or (check.exact and total.value - s > tol):
        return ERROR
    return None


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for c in document_checks(ctx.document):
        total = c.whole.value
        parts = [p.value for p in c.parts if p.value is not None]
        if total is None or len(parts) != len(c.parts):
            continue
        lines = tuple(x for x in (c.whole.line, *(p.line for p in c.parts)) if x is not None)
        ctx.relations.append(Relation(RULE.name, total.value, tuple(p.value for p in parts), c.whole.location, lines))
        verdict = _verdict(c, total, parts)
        if verdict is None:
            continue
        s = sum((p.value for p in parts), Decimal(0))
        places = max((p.decimals for p in [*parts, total]), default=0)
        names = [label_key(n) for n in c.names]
        terms = " + ".join(f"{n} {p.raw}" for n, p in zip(names, parts, strict=True))
        whole = label_key(c.whole.label)
        out.append(AuditFinding(
            rule=RULE.name, title=RULE.title, severity=verdict, quote=c.whole.quote, location=c.whole.location,
            stated=total.raw, expected=fmt(s, places),
            figures=(*(f"{n} {p.raw}" for n, p in zip(names, parts, strict=True)), f"{whole} {total.raw}"),
            explanation=f"{whole}写作{total.raw}，但{_WHAT[c.what]}{terms} = {fmt(s, places)}，"
                        f"相差{fmt(abs(s - total.value), places)}。",
            file=ctx.document.path, line=c.whole.line,
        ))
    return out


RULE = Rule("fund_blocks", "资金来源合计不符",
            "自评表中逐行列出的资金块：年度资金总额与其下各来源（中央、市级、本级……），以及资金合计块与其下各项目块"
            "的总额和同一来源，按行还原后核对加总。", check)
