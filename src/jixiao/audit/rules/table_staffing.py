"""``table_staffing``: a staffing block of a 基础数据表 — 编制数 | 实际在职人数 | 控制率 over their figures.

The 部门整体支出绩效评价基础数据表 (and forms like it) states the authorized posts, the people in post and the
在职人员控制率 as a small table; flattened, its cells come one per line::

    编制数 / 2023 年实际在职人数 / 控制率 / 46 / 50 / 108.70%

Read only in that shape: the header cells in a row (the year before 实际在职人数 aside), then one whole number for
each count and a percentage for the rate. The rate is 在职人数 ÷ 编制数 (the form's definition): a rate that
differs at its stated precision is an 错误. More people in post than posts is a 提示 (there can be reasons the
form does not give).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Relation
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_nature import line_cells
from jixiao.audit.tolerance import quantize

_QUOTA = re.compile(r"^(?:核定)?编制(?:数|人数)(?:[（(]人[)）])?$")
_ACTUAL = re.compile(r"^(?:(?:19|20)\d{2}年(?:末|度)?)?(?:实际在职人数|在职人数|实有人数|实际在职人员数)(?:[（(]人[)）])?$")
_RATE = re.compile(r"^(?:在职人员)?控制率(?:[（(]%[)）])?$")
_COUNT = re.compile(r"^\d{1,6}$")
_PERCENT = re.compile(r"^(\d{1,4}(?:\.\d{1,4})?)[%％]$")


def check(ctx: Context) -> list[AuditFinding]:
    cells = line_cells(ctx)
    out: list[AuditFinding] = []
    for k in range(len(cells) - 4):
        if not _QUOTA.match(cells[k][1]) or not _ACTUAL.match(cells[k + 1][1]):
            continue
        has_rate = bool(_RATE.match(cells[k + 2][1]))
        at = k + 2 + has_rate
        figs = cells[at:at + 2 + has_rate]
        if len(figs) < 2 + has_rate or not all(_COUNT.match(t) for _, t in figs[:2]):
            continue
        rate = _PERCENT.match(figs[2][1]) if has_rate else None
        if has_rate and rate is None:
            continue
        (qp, qt), (ap, at_) = figs[0], figs[1]
        quota, actual = Decimal(qt), Decimal(at_)
        lines = tuple(x for x in (ap.line, qp.line) if x is not None)
        ctx.relations.append(Relation(RULE.name, actual, (quota,), ap.block.location(ap.offset), lines))
        if actual > quota:
            out.append(AuditFinding(
                rule=RULE.name, title=RULE.title, severity=HINT, quote=f"编制数 {qt} | 实际在职人数 {at_}",
                location=ap.block.location(ap.offset), stated=at_, expected=f"≤{qt}",
                figures=(f"编制数 {qt}", f"实际在职人数 {at_}"),
                explanation=f"实际在职人数{at_}人超过编制数{qt}人（若有借调、超编待消化等原因，请在报告中说明）。",
                file=ctx.document.path, line=ap.line,
            ))
        if rate is None or quota == 0:
            continue
        rp = figs[2][0]
        stated = Decimal(rate.group(1))
        decimals = len(rate.group(1).partition(".")[2])
        expected = quantize(actual / quota * 100, decimals)
        ctx.relations.append(Relation(RULE.name, stated, (actual, quota), rp.block.location(rp.offset),
                                      tuple(x for x in (rp.line, ap.line, qp.line) if x is not None)))
        if expected != stated:
            out.append(AuditFinding(
                rule=RULE.name, title=RULE.title, severity=ERROR, quote=f"编制数 {qt} | 实际在职人数 {at_} | 控制率 {figs[2][1]}",
                location=rp.block.location(rp.offset), stated=figs[2][1], expected=f"{expected:f}%",
                figures=(f"实际在职人数 {at_}", f"编制数 {qt}"),
                explanation=f"在职人员控制率 = 实际在职人数{at_} ÷ 编制数{qt} = {expected:f}%，表中写作{figs[2][1]}。",
                file=ctx.document.path, line=rp.line,
            ))
    return out


RULE = Rule("table_staffing", "编制与在职人数不符", "基础数据表中在职人员控制率与编制数、实际在职人数不符，或在职人数超过编制。", check)
