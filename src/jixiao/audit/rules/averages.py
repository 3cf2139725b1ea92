"""``average``: an average stated after its total and the number it is shared by.

"共发放补贴100万元，惠及农户500户，户均补贴2000元" / "资助学生200人，发放资助资金30万元，人均1500元": in one sentence, one
amount and one count (households, people, units) before an amount labelled 户均/人均/平均/每人: the average is the
amount divided by the count. A difference beyond the figures' rounding is a 提示, since an average may be taken over
another base (those paid in full, a year's months) that the sentence does not state.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import AVERAGE_WORDS, Figure
from jixiao.audit.paragraphs import eligible
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, ratio_bounds

_AVERAGE = re.compile("|".join(AVERAGE_WORDS))


def _counted(f: Figure) -> bool:
    return (f.kind == "person" or f.kind.startswith("count:")) and eligible(f)


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            figs = [f for f in para.figures_in(si) if f.depth == 0]
            for k, avg in enumerate(figs):
                if avg.kind != "money" or not avg.per_unit or avg.approx or not _AVERAGE.search(avg.label):
                    continue
                before = figs[:k]
                totals = [f for f in before if f.kind == "money" and eligible(f)]
                counts = [f for f in before if _counted(f)]
                if len(totals) != 1 or len(counts) != 1 or counts[0].value == 0:
                    continue
                total, count = totals[0], counts[0]
                ctx.trace(RULE.name, para, avg, total, count)
                scale = Decimal(1) / avg.scale  # the total's 万元 in the average's unit
                exact = total.wan / count.value * scale
                lo, hi = ratio_bounds(total.wan, half_unit(total) * total.scale, count.value, Decimal(0), scale)
                h = half_unit(avg)
                if lo - h <= avg.value <= hi + h:
                    continue
                expected = f"{fmt(exact, max(avg.decimals, 2))}{avg.unit}"
                out.append(ctx.finding(
                    RULE.name, RULE.title, HINT, para, avg.start, avg.text(), expected,
                    [f"{total.label or '总额'} {total.text()}", f"{count.label or '数量'} {count.text()}"],
                    f"按{total.text()}÷{count.text()}计算，{avg.label.rstrip('为是') or '平均数'}应为{expected}，报告称{avg.text()}"
                    "（平均数可能按其他口径计算，请核实）。",
                ))
    return out


RULE = Rule("average", "平均数与总额、数量不符", "同一句中的户均、人均、平均金额与所述总额÷数量不符（提示：可能按其他口径计算）。", check)
