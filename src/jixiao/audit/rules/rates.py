"""Stated rates and shares against the amounts they are computed from.

Relations come from sentence structure only:
- "A万元，完成预算B万元的Z%" / "执行数A万元，完成预算的Z%"  -> Z = A / B
- "预算安排B万元，实际支出A万元，控制率（执行率、完成率、支出进度…）为Z%" -> Z = A / B,
  where A is the amount whose label says it is spent (实际、支出、决算、完成数…)
- "年初预算B万元，年中调增A万元……预算调整率为Z%" -> Z = A / B
- "A万元，占X的Z%" with X the label of an amount in the same paragraph, or the
  stated total of the 其中 list A belongs to ("占总支出", "占比为")
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import eligible, role, subject
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, rate_verdict, ratio_bounds

_NAMED_RATE = re.compile(r"(控制|执行|完成|支出|使用|支付|到位|调整)率(?:为|是|达到?|约)?$|(?:支出|执行|支付)进度(?:为|是|达到?)?$")
_OF_BUDGET = re.compile(r"(?:完成|占|达到?|为)(?:全年|年度|年初|调整后)?预算(?:数)?的$")
_SHARE = re.compile(r"(?:占比|比重)(?:为|是|达)?$|占([^占，。；]*?)(?:的)?(?:比例|比重)?(?:为|是|达)?$")
_GENERIC_WHOLE = ("总", "合计", "全部", "总额", "总数", "总计")
_ADJ = ("调增", "调减", "追加", "调整金额", "调整数")


def _money(figs: list[Figure]) -> list[Figure]:
    return [f for f in figs if f.kind == "money" and eligible(f)]


def _check(ctx: Context, rule: Rule, para: Para, p: Figure, num: Figure, den: Figure, what: str) -> AuditFinding | None:
    if den.wan == 0 or p.value < 0:
        return None
    if num.unit != den.unit and Decimal("0.5") <= abs(num.value / den.value) <= 2 and abs(num.wan / den.wan) > 999:
        return None  # a unit slip, reported by the unit rule
    ctx.trace(rule.name, para, p, num, den)
    scale = Decimal(100)
    exact = num.wan / den.wan * scale
    lo, hi = ratio_bounds(num.wan, half_unit(num) * (num.wan / num.value if num.value else 1), den.wan,
                          half_unit(den) * (den.wan / den.value), scale)
    verdict = rate_verdict(p.value, p.decimals, exact, lo, hi)
    if verdict is None:
        return None
    places = max(p.decimals, 2)
    expected = f"{fmt(exact, places)}%"
    return ctx.finding(
        rule.name, rule.title, verdict, para, p.start, f"{p.raw}%", expected,
        [f"{num.label or '分子'} {num.text()}", f"{den.label or '分母'} {den.text()}"],
        f"报告称{what}为{p.raw}%，但按{num.text()}÷{den.text()}计算应为{expected}。",
    )


def _rate_operands(para: Para, p: Figure) -> tuple[Figure, Figure, str] | None:
    si = para.sentence_of(p.start)
    sent = [f for f in para.figures_in(si) if f.start < p.start]
    label = p.label
    # "完成预算B万元的Z%"
    prev = sent[-1] if sent else None
    if prev is not None and prev.kind == "money" and para.text[prev.end : p.start] == "的" and eligible(prev):
        before = [f for f in _money(sent[:-1]) if f.depth == prev.depth]
        if before:
            return before[-1], prev, f"{subject(before[-1].label)}{prev.label or '完成预算'}的比例"
        return None
    if _OF_BUDGET.search(label):
        # the clause group of the rate: back to the last "；" or list marker (an item's own budget, or none)
        text = para.text
        start = max(text.rfind("；", 0, p.start), text.rfind(";", 0, p.start), text.rfind("其中", 0, p.start))
        money = _money([f for f in sent if f.start > start])
        plans = [f for f in money if role(f.label) == "plan"]
        actuals = [f for f in money if role(f.label) == "actual"]
        if len(plans) == 1 and actuals:
            return actuals[-1], plans[0], f"{subject(actuals[-1].label)}完成预算的比例"
        return None
    m = _NAMED_RATE.search(label)
    if not m:
        return None
    window = [f for f in sent if f.depth <= p.depth]
    if not _money(window) and si > 0:
        window = para.figures_in(si - 1)
    money = _money(window)
    name = label[m.start() :].rstrip("为是达到约")
    if m.group(1) == "调整":
        initial = [f for f in money if "年初" in f.label]
        adj = [f for f in money if any(w in f.label for w in _ADJ)]
        if len(initial) == 1 and len(adj) == 1:
            return adj[0], initial[0], name
        return None
    if len(money) != 2:
        return None
    if any(f.start > max(money[0].start, money[1].start) and f.kind not in ("money", "percent") for f in window):
        return None  # another quantity (e.g. "10个团组") sits between the amounts and the rate
    roles = [role(f.label) for f in money]
    if roles.count("actual") != 1:
        return None
    actual = money[roles.index("actual")]
    base = money[1 - roles.index("actual")]
    return actual, base, f"{subject(base.label) or subject(actual.label)}{name}"


def check_rates(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for p in para.figures:
            if p.kind != "percent" or p.approx or p.change or para.text[p.end : p.end + 1] in ("以", "左"):
                continue
            ops = _rate_operands(para, p)
            if ops:
                f = _check(ctx, RATE, para, p, ops[0], ops[1], ops[2])
                if f:
                    out.append(f)
    return out


def _whole_for(para: Para, part: Figure, x: str) -> Figure | None:
    x = x.strip().rstrip("的")
    for lst in para.lists:
        if part in lst.parts and (not x or x.startswith(_GENERIC_WHOLE) or x in lst.total.label):
            return lst.total
    if not x:
        return None
    candidates = [f for f in para.figures if f.start < part.start and f is not part and f.kind == part.kind and eligible(f)]
    for f in reversed(candidates):
        core = f.label.rstrip("为是达共计合：:").strip()
        if core and (x in core or core.endswith(x)):
            return f
    return None


def check_shares(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for p in para.figures:
            if p.kind != "percent" or p.approx or p.change:
                continue
            m = _SHARE.search(p.label)
            if not m:
                continue
            si = para.sentence_of(p.start)
            before = [f for f in para.figures_in(si) if f.start < p.start and f.depth == p.depth and f.kind != "percent"]
            if not before or not eligible(before[-1]):
                continue
            part = before[-1]
            whole = _whole_for(para, part, m.group(1) or "")
            if whole is None or whole.kind != part.kind:
                continue
            what = f"{subject(part.label) or '该项'}占{(m.group(1) or subject(whole.label) or '总额').rstrip('的')}的比例"
            f = _check(ctx, SHARE, para, p, part, whole, what)
            if f:
                out.append(f)
    return out


RATE = Rule("rate", "比率与金额不符", "控制率、执行率、完成率、调整率等与其分子、分母金额不符（按四舍五入、尾差容忍）。", check_rates)
SHARE = Rule("share", "占比与金额不符", "“占……的Z%”“占比为Z%”与部分金额、总额不符。", check_shares)
