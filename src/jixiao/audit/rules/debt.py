"""Government debt balance against its limit (政府债务余额 ≤ 债务限额), in total and per kind (一般债务,
专项债务).

A year-end balance above the limit the same paragraph states breaks the legal ceiling (预算法 第三十五条).
It is a 错误 (for the totals) when the text also says the balance is within the limit (未超过/未突破/控制在…以内): the
stated figures contradict the statement. Otherwise it is a 提示: the text may refer to a limit of
another scope or date without saying so.
"""

from __future__ import annotations

import re

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule

_KINDS = ("一般债务", "专项债务")
_WITHIN = re.compile(r"未超过|未突破|没有超过|不超过|控制在[^。；]{0,20}(?:以内|之内|范围内)")


def _level(f: Figure) -> bool:
    return f.kind == "money" and not (f.approx or f.per_unit or f.change)


def _pairs(para: Para) -> list[tuple[Figure, Figure, str]]:
    """(balance, limit, name) for the totals and for each kind stated after both."""
    money = [f for f in para.figures if _level(f)]
    limits = [f for f in money if "限额" in f.label and "债务" in f.label]
    balances = [f for f in money if "余额" in f.label and "债务" in f.label and "年初" not in f.label
                and "上年" not in f.label]
    if not limits or not balances:
        return []
    limit = limits[0]
    balance = max((b for b in balances if b.start < limit.start), key=lambda b: b.start, default=balances[0])
    out = [(balance, limit, "债务")]
    for kind in _KINDS:
        after_b = _first_named(money, kind, balance, limit)
        after_l = _first_named(money, kind, limit, balance if balance.start > limit.start else None)
        if after_b is not None and after_l is not None:
            out.append((after_b, after_l, kind))
    return out


def _first_named(money: list[Figure], kind: str, after: Figure, before: Figure | None) -> Figure | None:
    for f in money:
        if f.start <= after.start or (before is not None and f.start >= before.start):
            continue
        if f.label.endswith((kind, f"{kind}为", f"{kind}余额", f"{kind}限额")) or f.label.rstrip("为是") == kind:
            return f
    return None


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        pairs = _pairs(para)
        if not pairs:
            continue
        within = _WITHIN.search(para.text) is not None
        for balance, limit, name in pairs:
            ctx.trace(RULE.name, para, balance, limit)
            if balance.wan <= limit.wan:
                continue
            severity = ERROR if within and name == "债务" else HINT  # a kind's pairing is read, not stated
            said = "而文中称未超过限额" if within else "报告未说明原因"
            out.append(ctx.finding(
                RULE.name, RULE.title, severity, para, balance.start, balance.text(), f"≤{limit.text()}",
                [f"{balance.label} {balance.text()}", f"{limit.label} {limit.text()}"],
                f"{name}余额{balance.text()}超过{name}限额{limit.text()}，{said}，请核实。",
            ))
    return out


RULE = Rule("debt_limit", "政府债务余额超过限额",
            "政府债务余额（合计及一般债务、专项债务）超过同段所述债务限额；文中称未超过时为错误，否则为提示。", check)
