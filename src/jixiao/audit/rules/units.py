"""Amounts whose unit is implausible next to the same figure elsewhere (7.44元 beside 7.44万元)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jixiao.audit.clauses import ItemList
from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.sums import signed_sum, unit_slip
from jixiao.audit.tolerance import fmt


def _holds_as_written(f: Figure, lists: list[ItemList]) -> bool:
    """Is ``f`` a part or the total of a breakdown that adds up with every unit as written
    ("4183398.38元（中央资金418.29万元、县垫付498.38元）"): then its unit is right."""
    for lst in lists:
        if f is lst.total or any(f is p for p in lst.parts):
            s, tol = signed_sum(lst.total, lst.signed())
            if abs(s - lst.total.value) <= tol:
                return True
    return False


def _power_of_ten(ratio: Decimal) -> bool:
    return ratio.normalize().as_tuple().digits == (1,)


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            money = [f for f in para.figures_in(si) if f.kind == "money" and f.value > 0 and not f.per_unit and not f.approx]
            if len({f.unit for f in money}) < 2:
                continue
            counts = Counter(f.unit for f in para.figures if f.kind == "money")
            common = max(counts, key=lambda u: (counts[u], u == "万元"))
            for a in money:
                if a.unit == common:
                    continue
                twins = [b for b in money if b.unit == common and Decimal("0.5") <= a.value / b.value <= 2
                         and not Decimal("0.001") < a.wan / b.wan < 1000]
                if not twins:
                    continue
                b = twins[0]
                if _holds_as_written(a, para.lists) or _holds_as_written(b, para.lists):
                    continue
                ratio = b.wan / a.wan if b.wan > a.wan else a.wan / b.wan
                # the same digits in two units differ by a power of ten; any other ratio rests on size alone
                severity = ERROR if _power_of_ten(ratio) else HINT
                out.append(ctx.finding(
                    RULE.name, RULE.title, severity, para, a.start, a.text(), f"{a.raw}{b.unit}",
                    [f"{a.label} {a.text()}", f"{b.label} {b.text()}"],
                    f"{a.label.rstrip('为是') or '该金额'}写作{a.text()}，与同句{b.label.rstrip('为是')}{b.text()}"
                    f"相差约{fmt(ratio, 0)}倍，单位{'应' if severity == ERROR else '可能'}为{b.unit}。",
                ))
        for lst in para.lists:
            slip = unit_slip(lst)
            if slip is None:
                continue
            part, unit = slip
            ctx.trace(RULE.name, para, part, lst.total)
            out.append(ctx.finding(
                RULE.name, RULE.title, ERROR, para, part.start, part.text(), f"{part.raw}{unit}",
                [f"{part.label} {part.text()}", f"合计 {lst.total.label} {lst.total.text()}"],
                f"{part.label.rstrip('为是') or '该金额'}写作{part.text()}，而同列各项与合计{lst.total.text()}均以{unit}计；"
                f"按{part.raw}{unit}计各项之和恰为合计，单位应为{unit}。",
            ))
    return out


RULE = Rule("unit", "金额单位疑误", "同一句中数值相近而单位相差万倍的金额（如“7.44元”与“7.44万元”），单位疑误"
            "（数字相同为错误，仅大小悬殊为提示；所述合计按原单位相符时不报）。", check)
