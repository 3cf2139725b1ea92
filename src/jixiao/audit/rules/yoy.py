"""Year-on-year statements: "X万元，比上年减少A万元，下降B%" -> B = A / (X ± A)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import eligible, role
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, rate_verdict, ratio_bounds

_MARKER = re.compile(r"(?:比|较|与)(?:疫情前的?)?(?:上年|去年|上一年|上年度|(?:19|20)\d{2}年度?)(?:决算数?|预算数?|同期|实际|支出)?"
                     r"(?:数)?(?:相比)?"
                     r"|同比")


def _subject_figures(para: Para, si: int, pos: int, marker: str) -> list[Figure]:
    """The figure a change refers to: the head of its clause group (back to the last "；" or the
    sentence start), of the role the comparison names (上年决算 → spending, 上年预算 → budget)."""
    text = para.text
    s0 = para.sentences[si][0]
    semi = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    start = s0 if semi < 0 else semi + 1
    depth = para.depth_at(pos)
    cands = [f for f in para.figures_between(start, pos) if f.kind == "money" and eligible(f) and f.depth == depth]
    if not cands and start > s0:  # "……62.07万元，完成预算…；与上年相比增加…": the sentence's subject
        semi = min((k for k in (text.find("；", s0, pos), text.find(";", s0, pos)) if k >= 0), default=pos)
        cands = [f for f in para.figures_between(s0, semi) if f.kind == "money" and eligible(f) and f.depth == depth]
    if not cands:
        name = _name(text[start:pos])
        if name:  # "基本支出比上年减少28.56万元": the figure stated for that name before
            found = _named_before(para, start, name)
            if found is None:
                return []
            cands = [found]
        else:  # "收支较上年减少…", "与上年相比增加…": the subject of the sentence or paragraph before
            from jixiao.audit.clauses import subject_of

            head = subject_of(para, pos, depth, allow_text=True)
            if head is None or head.kind != "money":
                return []
            cands = [head]
    want = "plan" if "预算" in marker else "actual" if any(w in marker for w in ("决算", "支出", "执行")) else role(cands[0].label)
    same = [f for f in cands if role(f.label) in (want, "")] or cands
    return same[:1]


def _wan(f: Figure) -> Decimal:
    return f.wan if f.kind == "money" else f.value


_NOT_NAME = re.compile(r"(?:19|20)\d{2}年度?|本年度?|全年|全镇|全县|全区|全市|全州|全省|本单位|本部门|本局|本办|汇总后|"
                       r"收支|[“”\"‘’（）()，,、：: ]|其中|从年度变化看|与上年比较|财政拨款|一般公共预算")


def _name(clause: str) -> str:
    """What a clause is about, without time, place and filler words ("2021年度全镇“三公”经费" → 三公经费)."""
    return _NOT_NAME.sub("", clause)[-8:]


def _named_before(para: Para, pos: int, name: str) -> Figure | None:
    """The nearest this-year amount before ``pos`` (this paragraph, then the one before) labelled with ``name``."""
    from jixiao.audit.paragraphs import prior

    prev1 = para.prev
    prev2 = prev1.prev if prev1 is not None else None
    for p, end in ((para, pos), (prev1, None), (prev2, None)):
        if p is None:
            continue
        figs = p.figures if end is None else p.figures_between(0, end)
        for f in reversed(figs):
            if f.kind == "money" and eligible(f) and not prior(f) and name in _NOT_NAME.sub("", f.label):
                return f
    return None


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for m in _MARKER.finditer(para.text):
            si = para.sentence_of(m.start())
            figs = para.figures_in(si)
            current = _subject_figures(para, si, m.start(), m.group(0))
            after = [f for f in figs if f.start >= m.end()]
            nxt = _MARKER.search(para.text, m.end())
            if nxt and nxt.start() < para.sentences[si][1]:
                after = [f for f in after if f.start < nxt.start()]
            semi = min((k for k in (para.text.find("；", m.end()), para.text.find(";", m.end())) if k >= 0),
                       default=len(para.text))
            after = [f for f in after if f.start < semi]
            amount = next((f for f in after if f.kind == "money" and f.change), None)
            rate = next((f for f in after if f.kind == "percent" and f.change), None)
            last = next((f for f in after if f.kind == "money" and not f.change and eligible(f)
                         and (amount is None or f.start < amount.start)), None)
            if not current:
                continue
            x = current[-1]
            if last is not None and last.unit == x.unit:
                out.extend(_diff(ctx, para, x, last, amount))
            if rate is None or (amount is None and last is None) or (amount is not None and rate.start < amount.start):
                continue
            if amount is not None and x.kind != amount.kind:
                continue
            finding = _rate(ctx, para, x, last, amount, rate)
            if finding is not None:
                out.append(finding)
    return out


def _diff(ctx: Context, para: Para, x: Figure, last: Figure, amount: Figure | None) -> list[AuditFinding]:
    """"本年X，比上年P减少A": A = |X − P|, in the direction the words say."""
    if amount is None:
        return []
    ctx.trace(DIFF_NAME, para, amount, x, last)
    change = _wan(x) - _wan(last)
    scale = amount.wan / amount.value if amount.kind == "money" and amount.value else Decimal(1)
    tol = (half_unit(x) + half_unit(last)) * (x.wan / x.value if x.kind == "money" and x.value else 1) + half_unit(amount) * scale
    direction_ok = change == 0 or (change > 0) == (amount.change == "+")
    if abs(abs(change) - _wan(amount)) <= tol and direction_ok:
        return []
    shown = fmt(abs(change) / scale)
    said = "增加" if amount.change == "+" else "减少"
    return [ctx.finding(
        RULE.name, RULE.title, ERROR, para, amount.start, f"{amount.raw}{amount.unit}",
        f"{'增加' if change > 0 else '减少'}{shown}{amount.unit}",
        [f"本年 {x.text()}", f"上年 {last.text()}", f"变动额 {amount.text()}"],
        f"报告称本年{x.text()}、上年{last.text()}，比上年{said}{amount.text()}；按两数相减应"
        f"{'增加' if change > 0 else '减少'}{shown}{amount.unit}。",
    )]


DIFF_NAME = "yoy"


def _rate(ctx: Context, para: Para, x: Figure, last: Figure | None, amount: Figure | None,
          rate: Figure) -> AuditFinding | None:
    if amount is not None and last is None:
        base = _wan(x) - _wan(amount) if amount.change == "+" else _wan(x) + _wan(amount)
        delta = _wan(amount)
        ops: tuple[Figure, ...] = (x, amount)
    else:
        assert last is not None
        base = _wan(last)
        delta = _wan(amount) if amount is not None else abs(_wan(x) - _wan(last))
        ops = (x, last) if amount is None else (x, amount, last)
    ctx.trace(RULE.name, para, rate, *ops)
    direction = amount.change if amount is not None else ("+" if _wan(x) >= base else "-")
    if direction != rate.change and delta != 0:
        return ctx.finding(
            RULE.name, RULE.title, ERROR, para, rate.start, f"{rate.label}{rate.raw}%",
            f"变动方向与{amount.label if amount is not None else '本年与上年之差'}一致",
            [f"本年 {x.text()}"] + ([f"变动额 {amount.label}{amount.text()}"] if amount is not None else []),
            f"报告称{(amount.label + amount.text()) if amount is not None else '本年数' + x.text()}，同一句却说"
            f"{rate.label}{rate.raw}%，增减方向相互矛盾。",
        )
    if base <= 0:
        return None
    exact = delta / base * 100
    unit_scale = x.wan / x.value if x.kind == "money" and x.value else Decimal(1)
    h = (half_unit(x) + (half_unit(amount) if amount is not None else half_unit(last) if last else 0)) * unit_scale
    lo, hi = ratio_bounds(delta, (half_unit(amount) if amount is not None else h) * unit_scale, base, h)
    verdict = rate_verdict(rate.value, rate.decimals, exact, lo, hi)
    if verdict is None:
        return None
    expected = f"{fmt(exact, max(rate.decimals, 2))}%"
    prior_text = f"{fmt(base / unit_scale)}{x.unit}"
    return ctx.finding(
        RULE.name, RULE.title, verdict, para, rate.start, f"{rate.raw}%", expected,
        [f"本年 {x.text()}"] + ([f"变动额 {amount.text()}"] if amount is not None else [])
        + [f"{'上年' if last is not None else '推算上年'} {prior_text}"],
        f"报告称{x.label.rstrip('为是') or '本年数'}{x.text()}，上年为{prior_text}，变动率应为{expected}而非{rate.raw}%。",
    )


RULE = Rule("yoy", "同比变动率不符", "“比上年增加/减少A，增长/下降B%”中变动率与本年数、变动额推算的上年数不符，或增减方向矛盾。", check)
