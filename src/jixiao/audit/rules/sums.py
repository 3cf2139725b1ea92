"""Parts against their stated total ("X万元，其中：a万元、b万元、c万元")."""

from __future__ import annotations

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, parts_sum, sum_consistent


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for lst in para.lists:
            parts, total = list(lst.parts), lst.total
            ctx.trace(RULE.name, para, total, *parts)
            if sum_consistent(parts, total):
                continue
            s = parts_sum(parts, total)
            places = 2 if total.kind == "money" else 0
            expected = f"{fmt(s, places)}{total.unit}"
            terms = " + ".join(p.text() for p in parts)
            out.append(ctx.finding(
                RULE.name, RULE.title, ERROR, para, lst.marker, total.text(), expected,
                [f"{p.label or '分项'} {p.text()}" for p in parts] + [f"合计 {total.label} {total.text()}"],
                f"报告称{total.label.rstrip('为是共计') or '合计'}{total.text()}，但其中各项{terms}合计为{expected}，"
                f"相差{fmt(abs(s - total.value), places)}{total.unit}。",
            ))
    return out


RULE = Rule("sum", "分项与合计不符", "“其中”所列各分项之和与所述合计不符（每项容忍半个末位单位的尾差）。", check)
