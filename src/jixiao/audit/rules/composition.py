"""A whole whose parts are fixed by the templates, stated part by part without a 其中 list.

“三公”经费决算20.2万元 … 一、因公出国（境）费：决算7.8万元 … 二、公务用车购置及运行维护费：决算11.9万元 …
三、公务接待费：决算0.5万元 — the parts stand in their own numbered paragraphs, so no clause ties them to
the whole; the breakdown itself is standard (``audit/data/compositions.yaml``). The rule takes, for a
named whole with an amount, the first amount stated after each part's name in the same or the next few
paragraphs, in the same role (预算 / 决算 as the whole) and not a change or a last-year figure.

A difference is a 提示: the rule assumes the amounts it picked are of the same scope and year as the
whole (a report may give the whole for 财政拨款 and a part for all funds); the finding says which amounts
it added. A whole followed by a 其中 list is left to the ``sum`` rule.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import prior, role
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, parts_sum, sum_consistent

_AHEAD = 3  # paragraphs after the whole's in which its parts are looked for
_GAP = 14  # characters at most between a name and its amount
# words between a name and its amount that name another thing: the amount is not the name's
_OTHER_THING = re.compile(r"收入|支出[^数]|经费|资金|的基础|占|相比|比上年|较上年|同比")


@dataclass(frozen=True)
class Composition:
    id: str
    whole: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]


@cache
def compositions() -> tuple[Composition, ...]:
    text = resources.files("jixiao.audit").joinpath("data/compositions.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return tuple(Composition(str(c["id"]), tuple(map(str, c["whole"])), tuple(tuple(map(str, p)) for p in c["parts"]))
                 for c in data["compositions"])


@cache
def _names() -> tuple[re.Pattern[str], dict[str, tuple[str, int]]]:
    """One pattern for every name (longest first) and what each name is: (composition id, -1 for the whole or
    the part's index). A name that is one composition's part and another's whole is both (looked up by id)."""
    kinds: dict[str, tuple[str, int]] = {}
    for c in compositions():
        for n in c.whole:
            kinds.setdefault(f"{c.id}\0{n}", (c.id, -1))
        for k, names in enumerate(c.parts):
            for n in names:
                kinds.setdefault(f"{c.id}\0{n}", (c.id, k))
    words = sorted({key.split("\0", 1)[1] for key in kinds}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), kinds


@dataclass(frozen=True)
class Mention:
    name: str
    para: Para
    pos: int
    figure: Figure
    role: str


def _mentions(paras: list[Para]) -> list[Mention]:
    pattern, _ = _names()
    out: list[Mention] = []
    for para in paras:
        for m in pattern.finditer(para.text):
            depth = para.depth_at(m.start())
            after = [f for f in para.figures_between(m.end(), m.end() + _GAP + 12) if f.kind == "money"]
            fig = next((f for f in after if f.depth == depth), None)
            if fig is None or fig.approx or fig.per_unit or fig.change or prior(fig):
                continue
            gap = para.text[m.end():fig.start]
            # ("“三公”经费决算中因公出国(境)费支出0元": the amount is of the other name in between)
            if len(gap) > _GAP or _OTHER_THING.search(gap) or pattern.search(gap) or any(c in gap for c in "。；;") or para.sentence_of(
                    m.start()) != para.sentence_of(fig.start):
                continue
            out.append(Mention(m.group(), para, m.start(), fig, role(m.group() + gap)))
    return out


def _is(mention: Mention, comp: Composition, index: int) -> bool:
    names = comp.whole if index < 0 else comp.parts[index]
    return mention.name in names


def check(ctx: Context) -> list[AuditFinding]:
    paras = [p for p in ctx.paras if p.block.kind != "cell"]
    # paragraphs are counted by those that state figures: numbered headings between the parts ("一、因公出国(境)经费")
    # do not push the last part out of reach
    order = {id(p): k for p, k in zip(paras, itertools.accumulate(bool(p.figures) for p in paras), strict=True)}
    mentions = _mentions(paras)
    out: list[AuditFinding] = []
    for comp in compositions():
        for w, whole in enumerate(mentions):
            if not _is(whole, comp, -1) or _narrowed(whole):
                continue
            home = order[id(whole.para)]
            ahead = [m for m in mentions[w + 1:] if order[id(m.para)] - home <= _AHEAD]
            parts: list[Mention] = []
            for k in range(len(comp.parts)):
                cands = []
                for m in ahead:
                    if _is(m, comp, -1):
                        break  # the next statement of the whole: its parts are its own
                    if _is(m, comp, k) and (not whole.role or not m.role or m.role == whole.role):
                        cands.append(m)
                if not cands:
                    break
                parts.append(cands[0])
            if (len(parts) != len(comp.parts) or any(p.figure.depth != whole.figure.depth for p in parts)
                    or _listed(whole, min(parts, key=lambda p: (order[id(p.para)], p.pos)))):
                continue
            figs = [p.figure for p in parts]
            ctx.relations.append(Relation(
                RULE.name, whole.figure.value, tuple(f.value for f in figs), whole.para.block.location(whole.figure.start),
                tuple(x for x in [whole.para.line_of(whole.figure), *(p.para.line_of(p.figure) for p in parts)]
                      if x is not None),
                whole.para.index if all(p.para is whole.para for p in parts) else None, (whole.figure, *figs)))
            if sum_consistent(figs, whole.figure):
                continue
            total = parts_sum(figs, whole.figure)
            added = "＋".join(f"{p.name}{p.figure.text()}" for p in parts)
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, whole.para, whole.figure.start, whole.figure.text(),
                f"{fmt(total)}{whole.figure.unit}", [f"{p.name} {p.figure.text()}" for p in parts],
                f"{whole.name}{whole.figure.text()}，而文中分述的{added}＝{fmt(total)}{whole.figure.unit}"
                f"（按各项金额与总额口径、年度相同计），请核实。",
            ))
    return out


_CLAUSE_START = re.compile(r"[，,；;。：:]")


def _narrowed(whole: Mention) -> bool:
    """A part of a 其中 list ("其中市本级地方财政收入为36.56亿元") or the whole of one level only (本级) is not the
    whole that later paragraphs break down."""
    text = whole.para.text
    start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, whole.pos)), default=0)
    before = text[start:whole.pos]
    return "其中" in before or before.endswith("本级")


def _listed(whole: Mention, first: Mention) -> bool:
    """A 其中 between the whole's amount and its first part: a list the ``sum`` rule judges (a 其中 closing the
    paragraph before numbered headings, "……决算总额为1023万元。其中:" / "一、因公出国(境)经费", opens none)."""
    if first.para is whole.para:
        between = whole.para.text[whole.figure.end:first.pos]
    else:
        between = whole.para.text[whole.figure.end:] + first.para.text[:first.pos]
    return "其中" in between and any(lst.total is whole.figure for lst in whole.para.lists)


RULE = Rule("composition", "分项与总额不符（标准构成）",
            "“三公”经费、公务用车购置及运行维护费、一般公共预算收入等构成固定的总额，与其后逐段分述的各项金额之和不符"
            "（提示：按各项与总额口径、年度相同计）。", check)
