"""The two 总计 of a 部门决算: "收入总计X万元，支出总计Y万元".

In the 收入支出决算总表 the 收入总计 (this year's income plus what was carried in) and the 支出总计 (this year's
spending plus what is carried out, 年末结转和结余) balance by construction, and the 决算说明 restates both in one
sentence. Two different figures there are a 提示 that names the assumption: a writer may call 收入合计/支出合计
(without the carried amounts) a 总计, and those need not balance.
"""

from __future__ import annotations

import re

from jixiao.audit.context import Context
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.paragraphs import eligible, prior
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, same_at_precision

_INCOME = re.compile(r"收入总计(?:为|是|达)?[:：]?$")
_SPENDING = re.compile(r"支出总计(?:为|是|达)?[:：]?$")


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            money = [f for f in para.figures_in(si) if f.kind == "money" and eligible(f) and f.depth == 0 and not prior(f)]
            income = [f for f in money if _INCOME.search(f.label)]
            spending = [f for f in money if _SPENDING.search(f.label)]
            if len(income) != 1 or len(spending) != 1:
                continue
            a, b = income[0], spending[0]
            ctx.trace(RULE.name, para, a, b)
            if a.unit == b.unit and same_at_precision(a.value, a.decimals, b.value, b.decimals):
                continue
            if a.wan == b.wan:
                continue
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, para, b.start, b.text(), a.text(),
                [f"收入总计 {a.text()}", f"支出总计 {b.text()}"],
                f"收入总计{a.text()}与支出总计{b.text()}不等（相差{fmt(abs(a.wan - b.wan))}万元）；部门决算的收支总表中"
                "二者（含上年结转和年末结转结余）应相等，若所称“总计”实为不含结转结余的合计，请核实。",
            ))
    return out


RULE = Rule("grand_totals", "收入总计与支出总计不等", "决算说明中同一句的收入总计与支出总计不等（提示：二者在收支决算总表中应相等）。",
            check)
