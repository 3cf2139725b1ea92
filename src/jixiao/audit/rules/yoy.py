"""Year-on-year statements: "X万元，比上年减少A万元，下降B%" -> B = A / (X ± A)."""

from __future__ import annotations

import re

from jixiao.audit.context import Context, eligible
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, rate_verdict, ratio_bounds

_MARKER = re.compile(r"(?:比|较|与)(?:上年|去年|上一年|上年度)(?:决算数?|同期|相比)?|同比")


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for m in _MARKER.finditer(para.text):
            si = para.sentence_of(m.start())
            figs = para.figures_in(si)
            current = [f for f in figs if f.start < m.start() and f.kind == "money" and eligible(f)]
            after = [f for f in figs if f.start >= m.end()]
            nxt = _MARKER.search(para.text, m.end())
            if nxt and nxt.start() < para.sentences[si][1]:
                after = [f for f in after if f.start < nxt.start()]
            amount = next((f for f in after if f.kind == "money" and f.change), None)
            rate = next((f for f in after if f.kind == "percent" and f.change), None)
            if not current or amount is None or rate is None or rate.start < amount.start:
                continue
            x = current[-1]
            if x.unit != amount.unit:
                continue
            ctx.trace(RULE.name, para, rate, x, amount)
            if amount.change != rate.change:
                out.append(ctx.finding(
                    RULE.name, RULE.title, ERROR, para, rate.start, f"{rate.label}{rate.raw}%", f"变动方向与{amount.label}一致",
                    [f"本年 {x.text()}", f"变动额 {amount.label}{amount.text()}"],
                    f"报告称{amount.label}{amount.text()}，同一句却说{rate.label}{rate.raw}%，增减方向相互矛盾。",
                ))
                continue
            prior = x.value - amount.value if amount.change == "+" else x.value + amount.value
            if prior <= 0:
                continue
            exact = amount.value / prior * 100
            h = half_unit(x) + half_unit(amount)
            lo, hi = ratio_bounds(amount.value, half_unit(amount), prior, h)
            verdict = rate_verdict(rate.value, rate.decimals, exact, lo, hi)
            if verdict is None:
                continue
            expected = f"{fmt(exact, max(rate.decimals, 2))}%"
            out.append(ctx.finding(
                RULE.name, RULE.title, verdict, para, rate.start, f"{rate.raw}%", expected,
                [f"本年 {x.text()}", f"变动额 {amount.text()}", f"推算上年 {fmt(prior)}{x.unit}"],
                f"报告称{x.label.rstrip('为是') or '本年数'}{x.text()}，比上年{'增加' if amount.change == '+' else '减少'}"
                f"{amount.text()}，则上年为{fmt(prior)}{x.unit}，变动率应为{expected}而非{rate.raw}%。",
            ))
    return out


RULE = Rule("yoy", "同比变动率不符", "“比上年增加/减少A，增长/下降B%”中变动率与本年数、变动额推算的上年数不符，或增减方向矛盾。", check)
