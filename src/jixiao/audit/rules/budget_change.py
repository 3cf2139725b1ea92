"""``budget_change``: a change stated against the budget, against the amount and the budget it names.

"公务接待费支出5.21万元，和2021年度预算比较，减少0.1万元，下降0.006%" / "……支出0万元，和2021年度预算比较无增减" /
"实际支出15万元，比预算减少5万元". The amount is the spending figure the clause states before the comparison;
the budget is the budget figure of the same clause group when it states one, else the 预算 cell of the same
item in a table of the document (with a unit note; see :func:`jixiao.audit.rules.table_text.item_cells`).
The stated change, its rate (change ÷ budget) and a change stated in words (无增减, 无变化, 持平, 没有变化) are
recomputed from the two. A difference is an 错误 when the budget is in the sentence, or when the table row's
spending cell equals the sentence's amount (the row is certainly the item the sentence speaks of); otherwise
a 提示 that says the table's budget is assumed to be the one meant. A comparison with a named year's budget is
judged only when no other year is stated before it in its sentence or in the table's caption (last year's
budget is the yoy rule's).

Also "决算数没有超出预算数" against the one budget and the one spending figure its statement gives, and an amount
stated as the gap to the budget ("为预算46508万元的100.8%，超收392万元") against the amount and the budget before it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import budget_gap, eligible, prior, role, without_names
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_text import item_cells, same_amount
from jixiao.audit.tolerance import fmt, half_unit, rate_verdict, ratio_bounds

# "和2021年度预算比较" / "与年初预算相比" / "比预算" / "较预算数"; not "比上年预算" (last year's budget: yoy)
_VS_BUDGET = re.compile(r"(?:和|与|同|较|比)\s*(?:(?P<year>(?:19|20)\d{2})年度?)?(?:的)?(?:年初|全年|调整后|本年)?预算(?:数)?"
                        r"(?:相比较?|比较|对比|相比)?")
_ENUM = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_NO_CHANGE = re.compile(r"\s*[，,]?\s*(?:均|都)?(无增减|无变化|没有变化|未发生变化|没有增减|持平|无差异|一致)")


def _clause_start(para: Para, pos: int) -> int:
    text = para.text
    s0 = para.sentences[para.sentence_of(pos)][0]
    return max(s0, text.rfind("；", s0, pos) + 1, text.rfind(";", s0, pos) + 1)


def _clause_end(para: Para, pos: int) -> int:
    text = para.text
    e = para.sentences[para.sentence_of(pos)][1]
    return min((k for k in (text.find("；", pos, e), text.find(";", pos, e)) if k >= 0), default=e)


def _other_year(text: str, year: str) -> bool:
    years = set(re.findall(r"(?<!\d)((?:19|20)\d{2})(?=年)", text))
    return bool(years) and year not in years


def _wan(f: Figure) -> Decimal:
    return f.wan


def _scale(f: Figure) -> Decimal:
    return f.scale


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for m in _VS_BUDGET.finditer(para.text):
            out.extend(_compare(ctx, para, m))
        for m in _GAP.finditer(para.text):
            f = _gap(ctx, para, m)
            if f is not None:
                out.append(f)
        for m in _NOT_OVER.finditer(para.text):
            f = _not_over(ctx, para, m)
            if f is not None:
                out.append(f)
        for stated in para.figures:
            f = _over_budget(ctx, para, stated)
            if f is not None:
                out.append(f)
    return out


# "决算数没有超出2019年预算数" / "支出未超过预算": the spending of the sentence (or of the one before) is at most its budget
_NOT_OVER = re.compile(r"(?:没有|未|不|无)(?:超出|超过|突破)(?:了)?(?:(?:19|20)\d{2}年度?)?(?:的)?(?:年初)?预算(?:数)?")


_BREAKDOWN = re.compile(r"\s*(?:其中|包括)")
_GAP = re.compile(r"(?:差值|差额|相差)(?:为|是)?")
_GAP_RATE = re.compile(r"差异率(?:为|是)?$")


def _gap(ctx: Context, para: Para, m: re.Match[str]) -> AuditFinding | None:
    """"支出2.05万元，年初预算为2.95万元，差值为0.9万元": the gap is |spending − budget| of its clause group, when the
    group states one of each (a magnitude: the words do not say which is larger)."""
    stated = next((f for f in para.figures_between(m.end(), m.end() + 3) if f.kind == "money"), None)
    if stated is None or stated.start > m.end() + 1 or stated.change:
        return None
    depth = para.depth_at(m.start())
    money = [f for f in para.figures_between(_clause_start(para, m.start()), m.start()) if f.kind == "money"
             and eligible(f) and not prior(f) and f.depth == depth and f is not stated]
    plans = [f for f in money if role(f.label) == "plan"]
    actuals = [f for f in money if role(f.label) == "actual"]
    if len(plans) != 1 or len(actuals) != 1 or len(money) != 2:
        return None
    budget, actual = plans[0], actuals[0]
    gap = abs(actual.wan - budget.wan)
    lines = tuple(x for x in (para.line_of(stated), para.line_of(actual), para.line_of(budget)) if x is not None)
    ctx.relations.append(Relation(RULE.name, stated.value, (actual.value, budget.value), para.block.location(stated.start),
                                  lines, para.index, (stated,)))
    tol = half_unit(actual) * _scale(actual) + half_unit(budget) * _scale(budget) + half_unit(stated) * _scale(stated)
    if abs(gap - stated.wan) <= tol:
        return None
    shown = f"{fmt(gap / _scale(stated))}{stated.unit}"
    return ctx.finding(
        RULE.name, RULE.title, ERROR, para, stated.start, stated.text(), shown,
        [f"支出 {actual.text()}", f"预算 {budget.text()}", f"差值 {stated.text()}"],
        f"报告称{_ENUM.sub('', actual.label).rstrip('为是') or '支出'}{actual.text()}、{budget.label.rstrip('为是') or '预算'}"
        f"{budget.text()}，{m.group(0)}{stated.text()}；两数之差应为{shown}。",
    )


def _over_budget(ctx: Context, para: Para, stated: Figure) -> AuditFinding | None:
    """"一般公共预算收入46900万元，为预算46508万元的100.8%，超收392万元": an amount stated as the gap to the budget
    (:func:`jixiao.audit.paragraphs.budget_gap`, words in ``data/budget_gaps.yaml``) is the amount less the budget of
    its clause group — when the group states exactly one budget and one other amount of this year before it."""
    sign = budget_gap(stated.label) if stated.kind == "money" and not stated.approx else None
    if sign is None:
        return None
    money = [f for f in para.figures_between(_clause_start(para, stated.start), stated.start) if f.kind == "money"
             and eligible(f) and not prior(f) and f.depth == stated.depth]
    plans = [f for f in money if role(f.label) == "plan"]
    actuals = [f for f in money if role(f.label) in ("actual", "")]
    if len(plans) != 1 or len(actuals) != 1 or len(money) != 2:
        return None
    budget, actual = plans[0], actuals[0]
    lines = tuple(x for x in (para.line_of(stated), para.line_of(actual), para.line_of(budget)) if x is not None)
    ctx.relations.append(Relation(RULE.name, stated.value, (actual.value, budget.value), para.block.location(stated.start),
                                  lines, para.index, (stated,)))
    gap = actual.wan - budget.wan if sign == "+" else budget.wan - actual.wan
    tol = half_unit(actual) * _scale(actual) + half_unit(budget) * _scale(budget) + half_unit(stated) * _scale(stated)
    if abs(gap - stated.wan) <= tol:
        return None
    word = stated.label.rstrip("了为是")[-2:]
    shown = f"{fmt(abs(gap) / _scale(stated))}{stated.unit}"
    way = "超出" if actual.wan > budget.wan else "低于"
    return ctx.finding(
        RULE.name, RULE.title, ERROR, para, stated.start, stated.text(), shown if gap >= 0 else f"{way}预算{shown}",
        [f"{actual.label.rstrip('为是') or '本年数'} {actual.text()}", f"预算 {budget.text()}", f"{word} {stated.text()}"],
        f"报告称{_ENUM.sub('', actual.label).rstrip('为是：:') or '本年数'}{actual.text()}、{budget.label.strip('为是') or '预算'}"
        f"{budget.text()}，{word}{stated.text()}；按两数相减，{way}预算{shown}。",
    )


def _not_over(ctx: Context, para: Para, m: re.Match[str]) -> AuditFinding | None:
    """The claim against the one budget and the one spending figure of its sentence, else of the nearest sentence
    before it that states figures (a 其中 sentence breaking the total down passed over)."""
    si = para.sentence_of(m.start())
    for k in range(si, max(si - 3, -1), -1):
        s, e = para.sentences[k]
        if k != si and _BREAKDOWN.match(para.text, s):
            continue  # "……决算为22.62万元。其中……。决算数没有超出预算数": the claim is about the total
        e = min(e, m.start()) if k == si else e
        money = [f for f in para.figures_between(s, e) if f.kind == "money" and eligible(f) and not prior(f)
                 and f.depth == 0]
        plans = [f for f in money if role(f.label) == "plan"]
        actuals = [f for f in money if role(f.label) == "actual"]
        if money and (len(plans) != 1 or len(actuals) != 1):
            return None  # figures of other kinds or several of a role: which are compared is not said
        if not money:
            continue
        budget, actual = plans[0], actuals[0]  # (an inequality: not traced for the figure-alteration tests)
        over = actual.wan - budget.wan
        if over <= half_unit(actual) * _scale(actual) + half_unit(budget) * _scale(budget):
            return None
        shown = f"超出{fmt(over / _scale(actual))}{actual.unit}"
        return ctx.finding(
            RULE.name, RULE.title, ERROR, para, m.start(), m.group(0), shown,
            [f"预算 {budget.text()}", f"决算 {actual.text()}"],
            f"报告称{m.group(0)}，但{actual.label.rstrip('为是') or '决算'}{actual.text()}大于"
            f"{budget.label.rstrip('为是') or '预算'}{budget.text()}，{shown}。",
        )
    return None


def _named_in_sentence_before(para: Para, start: int, m: re.Match[str]) -> tuple[list[Figure], list[Figure]]:
    """"年初预算数1850000.00元，年末支出合计3258909.77元。支出合计比年初预算数多1408909.77元": a comparison whose clause
    names its subject and states no figure is of the figure of that name in the sentence before, against the budget
    of that sentence the comparison names (年初, 调整) — ([spending], [budget]), or nothing when either is not one."""
    text = para.text
    name = _ENUM.sub("", text[start:m.start()]).strip(" ，,")
    si = para.sentence_of(m.start())
    if len(name) < 2 or si == 0 or re.search(r"\d", name):
        return [], []
    s, e = para.sentences[si - 1]
    money = [f for f in para.figures_between(s, e) if f.kind == "money" and eligible(f) and not prior(f) and f.depth == 0]
    actuals = [f for f in money if name in f.label and role(f.label) in ("actual", "")]
    plans = [f for f in money if role(f.label) == "plan"
             and all(w in f.label for w in ("年初", "调整") if w in m.group(0))]
    return (actuals, plans) if len(actuals) == 1 and len(plans) == 1 else ([], [])


def _by_budget_named(before: list[Figure], m: re.Match[str]) -> tuple[list[Figure], list[Figure]] | None:
    """The two amounts of a clause whose roles do not say which is the budget ("年初预算1022.89万元，调整预算1781.86万元，
    比年初预算增加758.97万元" — two budgets; "年初下达预算支出910.47万元，年底决算支出1060.30万元，实际支出比预算多149.83万"
    — 预算支出 reads as spending): the one whose label holds the budget the comparison names (年初, 调整, else 预算) is the
    budget, the other the amount compared — ([amount], [budget]) when exactly one holds it; a difference is then a 提示."""
    word = next((w for w in ("年初", "调整") if w in m.group(0)), "预算")
    holding = [f for f in before if word in without_names(f.label) and (word != "预算" or "决算" not in f.label)]
    if len(holding) != 1:
        return None
    other = before[1] if holding[0] is before[0] else before[0]
    return [other], holding


def _compare(ctx: Context, para: Para, m: re.Match[str]) -> list[AuditFinding]:
    text = para.text
    start, end = _clause_start(para, m.start()), _clause_end(para, m.end())
    depth = para.depth_at(m.start())
    before = [f for f in para.figures_between(start, m.start()) if f.kind == "money" and eligible(f)
              and not prior(f) and f.depth == depth]
    actuals = [f for f in before if role(f.label) in ("actual", "")]
    plans = [f for f in before if role(f.label) == "plan"]
    if not before:
        actuals, plans = _named_in_sentence_before(para, start, m)
    inferred = not actuals or not plans
    if inferred and len(before) == 2:
        actuals, plans = _by_budget_named(before, m) or (actuals, plans)
    if not actuals:
        return []
    actual = actuals[-1]
    year = m.group("year")
    if year and _other_year(text[para.sentences[para.sentence_of(m.start())][0]:m.start()], year):
        return []  # "2020年……，比2019年预算……": another year's budget
    if plans:
        # "比年初预算" / "与调整后预算相比": the budget of that name when the clause states several
        named = [f for f in plans if any(w in m.group(0) and w in f.label for w in ("年初", "调整"))] or plans
        sure = len({f.wan for f in named}) == 1 and not inferred
        where = ""
        budget = named[-1]
        if not sure:  # several budgets it may mean: judged against the one that fits the words best (a 提示)
            told = next((f.wan for f in para.figures_between(m.end(), end) if f.kind == "money" and f.change), Decimal(0))
            budget = min(reversed(named), key=lambda f: abs(abs(actual.wan - f.wan) - told))
            where = f"（所比较的预算按{budget.label.rstrip('为是')}{budget.text()}计，句中另有其他预算数）"
        lines_extra: tuple[int, ...] = tuple(x for x in (para.line_of(budget),) if x is not None)
    else:
        cell, spent = item_cells(ctx, actual, "plan")
        if cell is None or (year and _other_year(" ".join((cell.sec.table.caption, *cell.sec.table.notes)), year)):
            return []
        budget = Figure(cell.value.value, cell.unit, cell.value.raw, actual.start, actual.start, cell.value.decimals,
                        f"表{cell.sec.table.number}“{cell.row.label}”预算数", 0)
        sure = spent is not None and same_amount(actual, spent)
        where = "" if sure else f"（假定表{cell.sec.table.number}“{cell.row.label}”的预算数即所比较的预算）"
        line = cell.value.cell.line
        lines_extra = (line,) if line is not None else ()
    after = [f for f in para.figures_between(m.end(), end) if f.depth == depth]
    amount = next((f for f in after if f.kind == "money" and f.change), None)
    # (a 差异率 states the size of the gap, not its direction: "多1408909.77元，差异率为76.16%")
    rate = next((f for f in after if f.kind == "percent" and (f.change or _GAP_RATE.search(f.label))), None)
    words = _NO_CHANGE.match(text, m.end())
    change = _wan(actual) - _wan(budget)
    tol = half_unit(actual) * _scale(actual) + half_unit(budget) * _scale(budget)
    severity = ERROR if sure else HINT
    out: list[AuditFinding] = []

    def trace(stated: Decimal, at: Figure | None) -> None:
        pos = at.start if at is not None else m.end()
        lines = tuple(x for x in (para.block.line_at(pos), para.line_of(actual)) if x is not None) + lines_extra
        ctx.relations.append(Relation(RULE.name, stated, (actual.value, budget.value), para.block.location(pos),
                                      lines, para.index, (at,) if at is not None else (actual,)))

    name = _ENUM.sub("", actual.label).rstrip("为是") or "本年"
    said = f"{name}{actual.text()}，{budget.label.rstrip('为是') or '预算'}{budget.text()}"
    shown = f"{'增加' if change > 0 else '减少'}{fmt(abs(change) / _scale(actual))}{actual.unit}"
    if words is not None and amount is None and rate is None:
        trace(Decimal(0), None)
        if abs(change) > tol:
            out.append(ctx.finding(
                RULE.name, RULE.title, severity, para, m.end(), words.group(1), shown,
                [f"本年 {actual.text()}", f"预算 {budget.text()}"],
                f"报告称{said}，与预算比较{words.group(1)}；按两数相减应{shown}{where}。",
            ))
        return out
    if amount is not None and amount.kind == actual.kind:
        trace(amount.value, amount)
        direction_ok = abs(change) <= tol or (change > 0) == (amount.change == "+")
        if abs(abs(change) - _wan(amount)) > tol + half_unit(amount) * _scale(amount) or not direction_ok:
            out.append(ctx.finding(
                RULE.name, RULE.title, severity, para, amount.start, f"{amount.raw}{amount.unit}", shown,
                [f"本年 {actual.text()}", f"预算 {budget.text()}", f"变动额 {amount.text()}"],
                f"报告称{said}，比预算{'增加' if amount.change == '+' else '减少'}{amount.text()}；"
                f"按两数相减应{shown}{where}。",
            ))
    if rate is not None and budget.value > 0 and (amount is None or amount.start < rate.start):
        trace(rate.value, rate)
        exact = abs(change) / _wan(budget) * 100
        h = tol
        lo, hi = ratio_bounds(abs(change), h, _wan(budget), half_unit(budget) * _scale(budget))
        verdict = rate_verdict(rate.value, rate.decimals, exact, lo, hi)
        wrong_way = rate.change is not None and abs(change) > tol and (change > 0) != (rate.change == "+")
        if verdict is not None or wrong_way:
            word = ("增长" if change > 0 else "下降") if rate.change is not None else ""
            expected = f"{word}{fmt(exact, max(rate.decimals, 2))}%"
            out.append(ctx.finding(
                RULE.name, RULE.title, severity if verdict != HINT or wrong_way else HINT, para, rate.start,
                f"{rate.raw}%", expected, [f"本年 {actual.text()}", f"预算 {budget.text()}"],
                f"报告称{said}，比预算{rate.label.rstrip('了')}{rate.raw}%；按（本年−预算）÷预算应为{expected}{where}。",
            ))
    return out


RULE = Rule("budget_change", "与预算比较的增减不符",
            "“与预算比较，减少A万元，下降B%”“与预算比较无增减”“超收/短收A万元”所述增减与本年数、预算数（同句或表格中同一项目的预算数）不符。",
            check)
