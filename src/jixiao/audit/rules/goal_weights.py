"""The 分值 a 项目支出绩效自评表 states for its 年度绩效目标 block against the 分值 it states for the first-level
indicator blocks under it ("年度绩效目标 (80分)" over "产出指标 (60分)" and "效益指标 (40分)").

The labels are read wherever the form's text puts them — a web copy of a .doc form writes a merged cell's label after
the rows it heads, all on one line — so only labels of one paragraph (or one table) are taken together, each block
named once. A difference is a 提示: a form may score its indicators out of 100 and rescale them to the goal's 分值
without saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.context import Context, Relation
from jixiao.audit.docmodel import Block
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.textfmt import number


def _spaced(word: str) -> str:
    """A word whose characters may be separated by spaces ("年度 绩效 目标": a label broken inside its cell)."""
    return r"\s?".join(map(re.escape, word))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("goal_weights.yaml").read_text(encoding="utf-8"))

    def alt(words: list[str]) -> str:
        return "|".join(_spaced(w) for w in sorted(words, key=len, reverse=True))

    weight = r"\s?[（(]\s?(?P<w>\d{1,3})\s?分\s?[)）]"
    # a form holding several goals numbers them ("年度绩效目标1 (80分)"): one goal of a table is still read alone
    return (re.compile(rf"(?P<name>{alt(data['goal'])})(?:\s?\d{{1,2}})?{weight}"),
            re.compile(rf"(?<![\u4e00-\u9fff])(?P<name>{alt(data['blocks'])}){weight}"))


def _texts(ctx: Context) -> Iterator[tuple[str, Block | None, str]]:
    """(text, its paragraph, location) of each paragraph and of each table's cells taken together."""
    for block in ctx.document.blocks:
        yield block.text, block, ""
    for table in ctx.document.tables:
        cells = table.cells_in_order()
        if cells:
            yield " ".join(c.text for c in cells), None, table.cell_location(cells[0])


def check(ctx: Context) -> list[AuditFinding]:
    goal_re, block_re = _patterns()
    out: list[AuditFinding] = []
    for text, block, where in _texts(ctx):
        goals = list(goal_re.finditer(text))
        if len(goals) != 1:
            continue
        blocks = list(block_re.finditer(text))
        names = [re.sub(r"\s", "", m.group("name")) for m in blocks]
        if len(blocks) < 2 or len(set(names)) != len(names):
            continue  # one block, or a block named twice: which blocks make up the goal is not certain
        goal = goals[0]
        line = block.line_at(goal.start()) if block is not None else None
        where = block.location(goal.start()) if block is not None else where
        stated = Decimal(goal.group("w"))
        parts = [Decimal(m.group("w")) for m in blocks]
        ctx.relations.append(Relation(RULE.name, stated, tuple(parts), where, (line,) if line is not None else ()))
        total = sum(parts, Decimal(0))
        if total == stated:
            continue
        terms = " + ".join(f"{n} {number(p)}分" for n, p in zip(names, parts, strict=True))
        out.append(AuditFinding(
            rule=RULE.name, title=RULE.title, severity=HINT, quote=text[max(goal.start() - 20, 0):goal.end() + 40],
            location=where, stated=goal.group("w"), expected=number(total),
            figures=(*(f"{n} {number(p)}分" for n, p in zip(names, parts, strict=True)), f"年度绩效目标 {number(stated)}分"),
            explanation=f"年度绩效目标的分值写作{number(stated)}分，但其下一级指标{terms} = {number(total)}分；"
                        "若各指标按100分计再折算为目标分值，请在表中说明。",
            file=ctx.document.path, line=line,
        ))
    return out


RULE = Rule("goal_weights", "年度绩效目标分值不符",
            "项目支出绩效自评表中年度绩效目标所标分值与其下产出、效益、满意度等一级指标所标分值之和不符（提示）。", check)
