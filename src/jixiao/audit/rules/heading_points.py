"""``heading_points``: the points of a numbered heading in prose against the points of the headings under it.

A 自评报告 written as prose often carries its scoring frame in its headings: "一、投入（14分）" over "（一）项目立项（8分）"
and "（二）资金落实（6分）", or "（一）完成绩效产出指标（自评得分50分）" over "1.数量指标（自评得分20分）" …. The headings
form a tree by their numbering (一、 over （一） over 1. over （1）); a heading's points are compared with the points of
its direct children when every one of them states points of the same sort (a weight, or a score by the words of
data/heading_points.yaml), there are at least two and they are numbered one after another (1, 2, 3 …: a list that
starts again at 1 is another list, such as criteria in an indicator's text). Children adding up to more than the
parent is an 错误. Less is not judged: a child the text does not number as a heading (a line that opens with a
converter's mark, a criterion scored in its parent's text), or a copy cut short, leaves children out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from itertools import pairwise

import yaml

from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.headings import POINTS_MARK
from jixiao.audit.numbers import parse_chinese_number
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import _marker_depth
from jixiao.textfmt import number


@cache
def _data() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(
        resources.files("jixiao.audit").joinpath("data/heading_points.yaml").read_text("utf-8"))
    return data


def _words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(_data()["score"]), tuple(_data()["weight"])


@cache
def _stated_score() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(_data()["stated_score"], key=len, reverse=True))
    return re.compile(r"(?:" + words + r")\s*[:：为]?\s*(?P<points>\d{1,3}(?:\.\d{1,2})?)\s*分")


@cache
def _points() -> re.Pattern[str]:
    score, weight = _words()
    words = "|".join(re.escape(w) for w in sorted((*score, *weight), key=len, reverse=True))
    return re.compile(r"[^（(。，,；;：:]{2,40}?\s*[（(]\s*(?P<word>" + words + r")?\s*[:：为]?\s*"
                      r"(?P<points>\d{1,3}(?:\.\d{1,2})?)\s*分\s*[)）]")


_NUMERAL = re.compile(r"\d+|[一二三四五六七八九十]+")


@dataclass(frozen=True)
class Heading:
    para: Para
    depth: int
    number: Decimal | None  # the heading's own number (（三） 3, 2. 2)
    points: Decimal | None  # None: a numbered heading that states no points
    score: bool  # the points are a score (自评得分), not a weight
    name: str
    at: int  # offset of the points in the paragraph


def _heading(para: Para, start: int) -> Heading | None:
    """The numbered heading that opens the line at ``start`` of ``para``, or None."""
    text = para.text
    mark = POINTS_MARK.match(text, start)
    depth = _marker_depth(mark.group().strip()) if mark else None
    if mark is None or depth is None:
        return None
    numeral = _NUMERAL.search(mark.group())
    own = None if numeral is None else (Decimal(numeral.group()) if numeral.group().isdigit()
                                       else parse_chinese_number(numeral.group()))
    m = _points().match(text, mark.end())
    if m is None:
        return Heading(para, depth, own, None, False, "", start)
    name = re.split(r"[（(]", text[mark.end(): m.start("points")])[0].strip()
    return Heading(para, depth, own, Decimal(m.group("points")), m.group("word") in _words()[0], name,
                   m.start("points"))


def numbered_headings(ctx: Context) -> list[Heading]:
    """Every numbered heading of the prose, in order. A heading may open a line inside a paragraph: a line that
    does not end a sentence ("……自评得3分") is joined with the next, which may be a heading."""
    out: list[Heading] = []
    for para in ctx.paras:
        if para.block.in_table:
            continue
        starts = [0, *(at for at, _ in para.block.line_starts if 0 < at < len(para.text))]
        out.extend(h for at in starts if (h := _heading(para, at)) is not None)
    return out


@dataclass(frozen=True)
class SectionScore:
    heading: Heading
    para: Para
    at: int  # offset of the score statement in ``para``
    score: Decimal
    raw: str


MAX_SECTION_PARAS = 4  # paragraphs a heading's text runs over before a score statement is no longer its own


def section_scores(ctx: Context) -> list[SectionScore]:
    """The scores stated ("自评得2分", words of data/heading_points.yaml) in the paragraphs after a numbered heading that
    states its 分值 alone on its line ("（1）项目立项（2分）"), up to the next numbered heading: the heading's own
    score (the text it heads may state it more than once, for several funds). A heading whose own paragraph states a
    score is left to :mod:`jixiao.audit.claims` (the indicator read with its paragraph)."""
    heads = numbered_headings(ctx)
    order = {p.index: k for k, p in enumerate(ctx.paras)}
    out: list[SectionScore] = []
    for k, h in enumerate(heads):
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        if h.points is None or h.score:
            continue
        own_end = nxt.at if nxt is not None and nxt.para is h.para else len(h.para.text)
        if (nxt is not None and nxt.para is h.para) or _stated_score().search(h.para.text, h.at, own_end):
            continue
        start = order[h.para.index] + 1
        for para in ctx.paras[start:start + MAX_SECTION_PARAS]:
            if para.block.in_table or para.block.kind == "cell":
                break
            end = nxt.at if nxt is not None and nxt.para is para else len(para.text)
            out.extend(SectionScore(h, para, m.start("points"), Decimal(m.group("points")), m.group("points"))
                       for m in _stated_score().finditer(para.text, 0, end))
            if nxt is not None and nxt.para is para:
                break
    return out


def _children(heads: list[Heading], k: int) -> list[Heading]:
    """The headings directly under ``heads[k]``: the shallowest ones before the next heading as shallow as it."""
    under: list[Heading] = []
    for h in heads[k + 1:]:
        if h.depth <= heads[k].depth:
            break
        under.append(h)
    top = min((h.depth for h in under), default=0)
    return [h for h in under if h.depth == top]


def _one_after_another(kids: list[Heading]) -> bool:
    return all(a.number is not None and b.number == a.number + 1 for a, b in pairwise(kids))


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    heads = numbered_headings(ctx)
    for k, parent in enumerate(heads):
        if parent.points is None:
            continue
        kids = _children(heads, k)
        if len(kids) < 2 or any(h.points is None or h.score != parent.score for h in kids) \
                or not _one_after_another(kids):
            continue
        parts = [h.points for h in kids if h.points is not None]
        total = sum(parts, Decimal(0))
        if total < parent.points:
            continue  # children the text does not number as headings, or a copy cut short
        lines = tuple(x for x in (h.para.block.line_at(h.at) for h in (parent, *kids)) if x is not None)
        ctx.relations.append(Relation(RULE.name, parent.points, tuple(parts), parent.para.block.location(parent.at),
                                      lines))
        if total == parent.points:
            continue
        sort = "得分" if parent.score else "分值"
        terms = " + ".join(number(p) for p in parts)
        out.append(ctx.finding(
            RULE.name, RULE.title, ERROR, parent.para, parent.at,
            f"{number(parent.points)}分", f"{number(total)}分", [f"{h.name} {number(p)}分" for h, p in zip(kids, parts, strict=True)],
            f"“{parent.name}”标明{sort}{number(parent.points)}分，其下各项{sort}{terms} = {number(total)}分，"
            f"超过上级所标的{number(parent.points)}分。",
        ))
    return out


RULE = Rule("heading_points", "下级标题分数之和超过上级所标分数",
            "编号标题下各直接下级标题所标分值（或得分）之和超过该标题所标分值（得分）。", check)
