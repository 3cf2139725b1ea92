"""Spending above a controlled budget (三公、公用经费、会议费、培训费) while full marks are claimed."""

from __future__ import annotations

import itertools

from jixiao.audit.claims import claims_of
from jixiao.audit.context import Context
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.paragraphs import eligible, role
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit
from jixiao.textfmt import number

CONTROLLED = ("因公出国", "公务用车", "公务接待", "三公", "公用经费", "会议费", "培训费", "差旅费")
_SCOPE = ("未纳入", "不含", "未包含", "不包括", "未包括", "口径")


def check(ctx: Context) -> list[AuditFinding]:
    claims = claims_of(ctx)
    full_total = claims.total is not None and claims.total == 100
    out: list[AuditFinding] = []
    full = [c for c in claims.scores if c.max_score is not None and c.score == c.max_score]
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            money = [f for f in para.figures_in(si) if f.kind == "money" and eligible(f)]
            for a, b in itertools.pairwise(money):
                between = para.text[a.end : b.start]
                if "；" in between or ";" in between:
                    continue
                roles = (role(a.label), role(b.label))
                if "actual" not in roles or roles[0] == roles[1] or a.depth != b.depth:
                    continue
                actual, budget = (a, b) if roles[0] == "actual" else (b, a)
                category = next((c for c in CONTROLLED if c in budget.label or c in actual.label), None)
                if category is None or actual.wan <= budget.wan + half_unit(budget) * budget.scale:
                    continue
                window = " ".join(para.sentence_text(i) for i in range(max(si - 1, 0), min(si + 2, len(para.sentences))))
                if any(w in window for w in _SCOPE):
                    continue
                family = ("三公", category[:2]) if category in CONTROLLED[:4] else (category[:2],)
                full_here = [c for c in full if c.quote in para.text]  # only once a spending is over its budget
                if not (full_total or any(w in c.name for c in full_here for w in family)):
                    continue
                over = actual.wan - budget.wan
                name = budget.label.rstrip("为是") or category
                basis = f"自评总分{number(claims.total)}分（满分）" if full_total and claims.total is not None else "相应指标得满分"
                out.append(ctx.finding(
                    RULE.name, RULE.title, HINT, para, actual.start, actual.text(), f"≤{budget.text()}",
                    [f"预算 {budget.text()}", f"实际 {actual.text()}"],
                    f"{name}实际支出{actual.text()}，超出预算{budget.text()}（超支{fmt(over)}万元），而报告{basis}，请核实该项控制指标的评分。",
                ))
    return out


RULE = Rule("overspend", "超预算仍得满分", "“三公”经费、公用经费等控制类支出超过预算，而报告对相应指标或总分给满分。", check)
