"""``table_nature``: the 按收入性质分 and 按支出性质分 totals of a 自评表's funds block against their items.

The form writes each split as a total and its items, "名称:金额" a cell::

    按收入性质分:2030.12 / 按支出性质分:1925.67 / 其中: 一般公共预算:1352.68 / 其中:基本支出:900.47 / …

and a page copied from it often interleaves the two columns, so an item belongs to the split its name says
(``data/nature.yaml``: 一般公共预算, 政府性基金拨款 … are sources; 基本支出, 项目支出 … are uses). A split is judged
only when every item after it up to the end of the block is a known name. An item left blank holds nothing
written; since amounts are not negative, items that already add to more than the total are an 错误, and so is any
difference when no item is blank; with a blank item and less than the total nothing is judged (the blank may hold
the rest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.context import Context, Relation
from jixiao.audit.docmodel import Block
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import quantize
from jixiao.final.recognise import AMOUNT_DIGITS

_AMOUNT = rf"(?P<amt>{AMOUNT_DIGITS})"
_HEAD = re.compile(r"^\s*按(?P<kind>收入|支出)性质分\s*[:：]\s*" + _AMOUNT + r"\s*(?:万元|元)?\s*$")
_ITEM = re.compile(r"^\s*(?:其中\s*[:：]\s*)?(?P<name>[\u4e00-\u9fff“”]{2,20})\s*[:：]\s*(?:" + _AMOUNT
                   + r"\s*(?:万元|元)?)?\s*$")
MAX_ITEMS = 16
_NOT_IN_CELL = re.compile(r"[\s\u3000|]")


@cache
def _names() -> dict[str, str]:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("nature.yaml").read_text(encoding="utf-8"))
    return {**{n: "收入" for n in data["income"]}, **{n: "支出" for n in data["expense"]}}


@dataclass(frozen=True)
class Piece:
    """One line of a text block, with where it starts in the block."""

    block: Block
    offset: int
    text: str

    @property
    def line(self) -> int | None:
        return self.block.line_at(self.offset)


def text_lines(ctx: Context) -> list[Piece]:
    """Every line of the document's text blocks, in order, then every cell of its real tables (a line each, as a
    text copy writes them)."""
    out: list[Piece] = []
    for block in ctx.document.blocks:
        starts = [s for s, _ in block.line_starts] or [0]
        for k, at in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(block.text)
            out.append(Piece(block, at, block.text[at:end]))
    out.extend(Piece(cell, 0, cell.text) for cell in ctx.table_cells)
    return out


def line_cells(ctx: Context) -> list[tuple[Piece, str]]:
    """Every non-empty line with its text less spaces and "|" (the cells of a table written one per line); read once
    per document for the rules that share it."""
    got = ctx.memo.get("line_cells")
    if not isinstance(got, list):
        got = ctx.memo["line_cells"] = [(p, t) for p in text_lines(ctx) if (t := _NOT_IN_CELL.sub("", p.text))]
    return got


def _value(text: str | None) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text else None


def check(ctx: Context) -> list[AuditFinding]:
    pieces = text_lines(ctx)
    names = _names()
    out: list[AuditFinding] = []
    k = 0
    while k < len(pieces):
        if not _HEAD.match(pieces[k].text):
            k += 1
            continue
        heads: dict[str, tuple[Piece, Decimal, str]] = {}
        items: dict[str, list[tuple[Piece, Decimal | None, str]]] = {"收入": [], "支出": []}
        known = True
        j = k
        while j < len(pieces) and j - k < MAX_ITEMS:
            p = pieces[j]
            h = _HEAD.match(p.text)
            m = _ITEM.match(p.text) if h is None else None
            if h is not None and h.group("kind") not in heads:
                heads[h.group("kind")] = (p, Decimal(h.group("amt").replace(",", "")), h.group("amt"))
            elif m is not None and names.get(m.group("name")) is not None:
                items[names[m.group("name")]].append((p, _value(m.group("amt")), m.group("name")))
            elif m is not None:
                known = False  # an item of neither split: the block cannot be divided with confidence
            else:
                break
            j += 1
        if known:
            for kind, (head, total, raw) in heads.items():
                out.extend(_judge(ctx, kind, head, total, raw, items[kind]))
        k = max(j, k + 1)
    return out


def _judge(ctx: Context, kind: str, head: Piece, total: Decimal, raw: str,
           items: list[tuple[Piece, Decimal | None, str]]) -> list[AuditFinding]:
    written = [(p, v, n) for p, v, n in items if v is not None]
    if len(written) < 2:
        return []
    blank = len(written) < len(items)
    decimals = len(raw.partition(".")[2])
    s = sum((v for _, v, _ in written if v is not None), Decimal(0))
    lines = tuple(x for x in [head.line, *(p.line for p, _, _ in written)] if x is not None)
    ctx.relations.append(Relation(RULE.name, total, tuple(v for _, v, _ in written if v is not None),
                                  head.block.location(head.offset), lines))
    got = quantize(s, decimals) if decimals < max(len(str(v).partition(".")[2]) for _, v, _ in written) else s
    if got == total or (blank and s < total):
        return []
    terms = " + ".join(f"{n} {v:f}" for _, v, n in written if v is not None)
    note = "（空白项按0计，金额不为负，空白项只会使合计更大）" if blank else ""
    return [AuditFinding(
        rule=RULE.name, title=RULE.title, severity=ERROR, quote=head.text.strip(),
        location=head.block.location(head.offset), stated=raw, expected=f"{s:f}",
        figures=tuple(f"{n} {v:f}" for _, v, n in written if v is not None),
        explanation=f"按{kind}性质分合计写作{raw}，但其各项{terms} = {s:f}{note}。",
        file=ctx.document.path, line=head.line,
    )]


RULE = Rule("table_nature", "收支性质分项合计不符",
            "自评表资金部分“按收入性质分”“按支出性质分”的合计与其各项之和不符。", check)
