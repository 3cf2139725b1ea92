"""A total's change rate against the rates of its parts: "收入2633.4亿元，下降6.3%。其中：省本级385.4亿元，
下降21.4%；市县级2248亿元，下降3.1%".

Each part's rate gives its last-year amount (x ÷ (1 + r)); the total's rate is then Σx ÷ Σ(x ÷ (1 + r)) − 1.
The rates are rounded, so the implied rate is a range: every part's rate is moved within half a unit of
its last place, and the stated rate (within its own half unit) must meet that range.

A difference is a 提示: the rule assumes the parts make up the whole total and that every rate is on the
same basis (a 可比 rate, which leaves out a one-off factor, is never taken; a part without a rate of its
own leaves the list unjudged).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from jixiao.audit.clauses import ItemList
from jixiao.audit.context import Context
from jixiao.audit.context import Para as CPara
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import Para
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt

_UP = re.compile(r"(?:增长|增加|上升|提高)$")
_DOWN = re.compile(r"(?:下降|减少|降低)$")
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_MAX_PARTS = 6  # 2^n corners are tried


def _signed_rate(f: Figure) -> Decimal | None:
    """A change rate as a signed fraction: "下降（以下简称“下降”）6.3%" -> -0.063; a 可比 rate is None."""
    if f.kind != "percent" or f.approx:
        return None
    label = _BRACKETED.sub("", f.label).strip()
    if "可比" in label or "占" in label or "完成" in label:
        return None
    if _UP.search(label):
        return f.value / 100
    if _DOWN.search(label):
        return -f.value / 100
    return None


def _rate_after(para: Para, f: Figure, end: int) -> Figure | None:
    """The first change rate after ``f`` before ``end`` in its clause group (up to the next "；" or sentence end)."""
    text = para.text
    stop = min((k for k in (text.find("；", f.end, end), text.find(";", f.end, end), text.find("。", f.end, end)) if k >= 0),
               default=end)
    for g in para.figures_between(f.end, stop):
        if g.kind == "money":
            return None  # another amount first: the rate is not this one's
        if g.kind == "percent" and g.depth == f.depth and _signed_rate(g) is not None:
            return g
    return None


def _implied(parts: list[tuple[Figure, Figure]], widen: bool) -> tuple[Decimal, Decimal] | None:
    """(lowest, highest) total rate in % implied by the parts' amounts and rates (rates moved by half a unit)."""
    now = sum((x.wan for x, _ in parts), Decimal(0))
    corners: list[Decimal] = []
    steps = [Decimal("0.5").scaleb(-r.decimals) / 100 if widen else Decimal(0) for _, r in parts]
    for signs in itertools.product((-1, 1), repeat=len(parts)):
        before = Decimal(0)
        for (x, r), step, sign in zip(parts, steps, signs, strict=True):
            rate = (_signed_rate(r) or Decimal(0)) + sign * step
            if rate <= -1:
                return None
            before += x.wan / (1 + rate)
        corners.append((now / before - 1) * 100)
    return min(corners), max(corners)


def _judge(ctx: Context, para: CPara, lst: ItemList) -> AuditFinding | None:
    total = lst.total
    home = lst.total_para if isinstance(lst.total_para, CPara) else para  # every analysed paragraph is one
    if (total.kind != "money" or lst.shape not in ("marker", "bracket") or any(s < 0 for s in lst.signs)
            or not 2 <= len(lst.parts) <= _MAX_PARTS or total.change or any(p.change or p.unit != total.unit for p in lst.parts)):
        return None  # levels in one unit only (a unit slip is the unit rule's; changes are the yoy rule's)
    t_rate = _rate_after(home, total, lst.marker if lst.total_para is None else len(home.text))
    if t_rate is None:
        return None
    parts: list[tuple[Figure, Figure]] = []
    for k, p in enumerate(lst.parts):
        end = lst.parts[k + 1].start if k + 1 < len(lst.parts) else len(para.text)
        r = _rate_after(para, p, end)
        if r is None:
            return None
        parts.append((p, r))
    span = _implied(parts, widen=True)
    exact = _implied(parts, widen=False)
    stated = _signed_rate(t_rate)
    if span is None or exact is None or stated is None:
        return None
    figures = [x for pair in parts for x in pair]
    ctx.trace(RULE.name, para, t_rate, *figures, result_para=lst.total_para)
    half = Decimal("0.5").scaleb(-t_rate.decimals)
    lo, hi = span
    if stated * 100 + half >= lo and stated * 100 - half <= hi:
        return None
    value = exact[0]
    said = "增长" if value >= 0 else "下降"
    listed = "；".join(f"{x.label.rstrip('为是') or '分项'}{x.text()}，{r.label[-2:]}{r.raw}%" for x, r in parts)
    finding = ctx.finding(
        RULE.name, RULE.title, HINT, home, t_rate.start, f"{t_rate.raw}%", f"{said}{fmt(abs(value), max(t_rate.decimals, 1))}%",
        [ctx.cite(f"{x.label} {x.text()} {r.raw}%", x, home) for x, r in parts],
        f"按各分项的金额与增减率（{listed}）推算上年数，合计应{said}约{fmt(abs(value), max(t_rate.decimals, 1))}%"
        f"（各增减率按四舍五入取值范围为{fmt(lo, 2)}%至{fmt(hi, 2)}%），与所称{t_rate.raw}%不符"
        f"（按所列分项构成合计、增减率口径相同计），请核实。",
    )
    return finding


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for lst in para.lists:
            f = _judge(ctx, para, lst)
            if f is not None:
                out.append(f)
    return out


RULE = Rule("yoy_parts", "合计增减率与分项增减率不符",
            "合计的同比增减率与“其中”各分项的金额和增减率推算的结果不符（提示：按分项构成合计、增减率口径相同计）。", check)
