"""``share_amount``: an amount stated as its percentage of a total stated just before it.

"总保费1293.45万元，中央财政补贴47.5%为614.39万元，省级财政补贴32.5%为420.37万元": a percentage followed at once by a link
word (为, 计, 即) and an amount is that share of the whole — the last amount before it, in its sentence or the one before,
whose label names a total (总, 合计). Amounts that are themselves such shares may stand between; any other amount there
leaves the whole in doubt and nothing is judged. The words are in ``data/share_amounts.yaml``. A share written in another
unit than the whole is left to the ``unit`` rule. A difference beyond the figures' rounding (the whole, the percentage and
the amount, each as written) is a 错误.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import eligible
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, written_half


@cache
def _words() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("share_amounts.yaml").read_text(encoding="utf-8"))
    return {k: tuple(str(w) for w in v) for k, v in data.items()}


@cache
def _link() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + "|".join(sorted(map(re.escape, _words()["link"]), key=len, reverse=True)) + r")\s*$")


def _share_of(para: Para, p: Figure) -> Figure | None:
    """The amount a percentage gives: the money figure right after it and its link word ("47.5%为614.39万元")."""
    if p.kind != "percent" or p.depth or p.approx or p.change or not 0 < p.value < 100:
        return None
    if p.label.rstrip().endswith(_words()["not_share"]):
        return None
    after = [f for f in para.figures if f.start >= p.end]
    if not after:
        return None
    amount = after[0]
    if amount.kind != "money" or amount.depth or not eligible(amount):
        return None
    return amount if _link().match(para.text[p.end:amount.start]) else None


def _whole_before(para: Para, p: Figure, shares: set[int]) -> Figure | None:
    """The total the share is of: the last amount before the percentage (its sentence or the one before) naming a
    total; only other shares may stand between."""
    si = para.sentence_of(p.start)
    for k in (si, si - 1):
        if k < 0:
            break
        money = [f for f in para.figures_in(k) if f.kind == "money" and f.start < p.start]
        for f in reversed(money):
            if f.start in shares:
                continue
            if f.depth or not eligible(f) or not any(w in f.label for w in _words()["whole"]):
                return None
            return f
    return None


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        pairs = [(p, a) for p, a in ((p, _share_of(para, p)) for p in para.figures) if a is not None]
        shares = {a.start for _, a in pairs}
        for p, amount in pairs:
            whole = _whole_before(para, p, shares)
            if whole is None or whole.unit != amount.unit:
                continue
            ctx.trace(RULE.name, para, amount, whole, p)
            rate = p.value / 100
            exact = whole.value * rate
            tol = written_half(amount) + written_half(whole) * rate + written_half(p) / 100 * whole.value
            if abs(amount.value - exact) <= tol:
                continue
            expected = f"{fmt(exact, max(amount.decimals, 2))}{amount.unit}"
            out.append(ctx.finding(
                RULE.name, RULE.title, ERROR, para, amount.start, amount.text(), expected,
                [f"{whole.label.rstrip('为是') or '总额'} {whole.text()}", f"比例 {p.raw}%",
                 f"{p.label.rstrip('为是') or '金额'} {amount.text()}"],
                f"按{whole.text()}×{p.raw}%计算，{p.label.rstrip('为是') or '该部分'}应为{expected}，报告称{amount.text()}。",
            ))
    return out


RULE = Rule("share_amount", "按比例所得金额不符",
            "总额后所述“某部分X%为Y万元”：总额×X%与所称金额Y不符。",
            check)
