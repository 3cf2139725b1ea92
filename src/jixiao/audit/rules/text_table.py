"""The text against its own tables: an amount the prose states for an item that a table of the same document
lists under the same name ("公务接待费332万元" in the text, "2.公务接待费 | 323" in the table).

A table may be in another unit or scope than the sentence (元 against 万元, budget against spending), so a
paragraph is compared with a table only when some of its items agree with the table exactly: then the scope
and unit are the same, and an item that differs is an 错误. A paragraph whose items never agree is left alone.
"""

from __future__ import annotations

import re

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import eligible, prior, subject
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Row, Section, Value

_NUMBERING = re.compile(r"^\s*(?:[0-9一二三四五六七八九十]+\s*[.、．]|[（(][0-9一二三四五六七八九十]+[)）]|[①-⑳])\s*")
_AMOUNT_ROLES = ("budget_initial", "budget_final", "actual", "amount")
_NOISE = re.compile(r"[\s“”\"：:，,]|^(?:其中|包括|分别为|分别是|含)")


def name_key(text: str) -> str:
    """An item's name for comparison: no numbering, 其中, quotes or spaces."""
    return _NOISE.sub("", _NUMBERING.sub("", text))


def _table_items(ctx: Context) -> dict[str, list[tuple[Section, Row, Value]]]:
    items: dict[str, list[tuple[Section, Row, Value]]] = {}
    for sec in ctx.sections:
        amounts = [c for c in sec.columns if c.role in _AMOUNT_ROLES]
        if len(amounts) != 1:
            continue  # one amount column: the row's figure is unambiguous
        for row in sec.rows:
            v = sec.value(row, amounts[0])
            key = name_key(row.label)
            if v is not None and len(key) >= 3 and v.unit in ("", "万元", "元", "亿元"):
                items.setdefault(key, []).append((sec, row, v))
    return items


def check(ctx: Context) -> list[AuditFinding]:
    table = _table_items(ctx)
    if not table:
        return []
    out: list[AuditFinding] = []
    for para in ctx.paras:
        pairs: list[tuple[Figure, Section, Row, Value]] = []
        for f in para.figures:
            if f.kind != "money" or not eligible(f) or prior(f):
                continue
            key = name_key(subject(f.label))
            found = table.get(key, [])
            if len(found) == 1 and found[0][0].table.number != para.block.table:  # not a cell's own table
                pairs.append((f, *found[0]))
        agree = [p for p in pairs if p[0].value == p[3].value]
        if not agree:
            continue
        for f, sec, row, v in pairs:
            ctx.trace(RULE.name, para, f)
            if f.value == v.value:
                continue
            others = "、".join(f"{subject(a.label)}{a.text()}" for a, *_ in agree[:3])
            out.append(ctx.finding(
                RULE.name, RULE.title, ERROR, para, f.start, f.text(), f"{v.raw}{f.unit}",
                [f"正文 {f.label} {f.text()}", f"{sec.location(row)} {row.label} {v.raw}"],
                f"正文称{subject(f.label)}{f.text()}，而{sec.location(row)}“{row.label}”为{v.raw}"
                f"（正文的{others}与该表一致，口径相同）。",
            ))
    return out


RULE = Rule("text_table", "正文与表格不一致", "正文所述某项金额与同一文件中表格同名项目的金额不一致（以正文与该表其他项目相符为前提）。",
            check)
