"""Works listed item by item, then the completed total of that work ("张家寨村内道路硬化700平方米；中寨村内道路硬化900
平方米；……。……完成大坪乡村内道路硬化4970平方米，挡墙建设960立方米。").

A 项目支出 report lists its works place by place and states in a later sentence what was completed. The total is read
as the sum of the items when

- it is a quantity with a unit (平方米, 立方米, 公里, 亩, 个…; not money, a share or a score) in a sentence that says
  完成/共计/合计/累计/总计;
- two or more figures of that unit stand before it in earlier sentences of the paragraph, every one of them a
  level (no change, no approximation, no last year's figure), and the labels of all of them end in the same
  words as the total's label (the work: "道路硬化", "挡墙建设"), at least two characters;
- no other figure of that unit stands before it in the paragraph (the items are the whole list).

A total that differs from the items' sum is a 提示: part of the works may not be done, or others not listed done.
"""

from __future__ import annotations

import re

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import eligible, prior
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, parts_sum, sum_consistent

_CLOSING = re.compile(r"完成|共计|合计|累计|总计")
MIN_WORK = 2  # characters the labels share at their end: the work's name


def _suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


def _work(total: Figure, items: list[Figure]) -> str:
    """The words every item's label and the total's label end in (the shortest such ending), else ""."""
    ends = [_suffix(total.label, f.label) for f in items]
    work = min(ends, key=len) if ends else ""
    return work if len(work) >= MIN_WORK and all("\u4e00" <= ch <= "\u9fff" for ch in work[-MIN_WORK:]) else ""


def _lists(para: Para) -> list[tuple[Figure, list[Figure], str]]:
    out: list[tuple[Figure, list[Figure], str]] = []
    figs = [f for f in para.figures if f.kind.startswith("count:") and f.depth == 0]
    for j, total in enumerate(figs):
        si = para.sentence_of(total.start)
        sentence = para.text[para.sentences[si][0]:total.start]
        if not eligible(total) or prior(total) or not _CLOSING.search(sentence):
            continue
        before = [f for f in figs[:j] if f.unit == total.unit]
        if len(before) < 2 or any(para.sentence_of(f.start) >= si or not eligible(f) or prior(f) for f in before):
            continue
        work = _work(total, before)
        if work:
            out.append((total, before, work))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for total, items, work in _lists(para):
            ctx.trace(RULE.name, para, total, *items)
            if sum_consistent(items, total):
                continue
            s = parts_sum(items, total)
            places = max(f.decimals for f in items)
            expected = fmt(s, places)
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, para, total.start, total.text(), f"{expected}{total.unit}",
                [f.text() for f in items],
                f"“{work}”完成{total.text()}，但前文逐项列出的{len(items)}项之和为{expected}{total.unit}"
                f"（{' + '.join(f.text() for f in items)}）；若部分工程未完成或另有未列项目，请说明。",
            ))
    return out


RULE = Rule("work_totals", "完成总量与逐项之和不符",
            "段落中逐项列出的工程量（如各村道路硬化面积）与其后所述完成总量不符（提示）。", check)
