"""The analysed document the rules look at: paragraphs with sentences, figures and 其中 lists."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from jixiao.audit.docmodel import Block, Document
from jixiao.audit.finding import AuditFinding
from jixiao.audit.numbers import Figure, extract_figures

if TYPE_CHECKING:
    from jixiao.audit.tables import Column, Row, Section, Value

_SENTENCE_END = re.compile(r"[。！？!?]+")
ACTUAL_WORDS = ("实际", "支出", "决算", "执行数", "完成数", "花费", "使用", "支付", "拨入", "到位", "开支")
PLAN_WORDS = ("预算", "批复", "安排", "计划", "核定", "下达", "共有", "年初")
_LIST_STOP = ("另有", "另外", "此外", "同时")
# A clause opening with one of these starts a new subject ("…；现有在职人员29人"): the 其中 list ends
# there. "；" alone does not end a list: real reports separate items with it ("…4人；办证中心5人").
_NEW_SUBJECT = re.compile(r"(?<=[，,；;])\s*(?:现有|实有|目前|截至|截止)")


def is_prose(text: str) -> bool:
    """Cell text that is a sentence with figures (read by the prose rules), not a label or a figure."""
    return len(text) >= 12 and any(ch.isdigit() for ch in text) and any(p in text for p in "，。；：,;")


def role(label: str) -> str:
    """"actual", "plan" or "": the keyword nearest to the figure decides (总支出预算 -> plan)."""
    best, best_pos = "", -1
    for words, name in ((ACTUAL_WORDS, "actual"), (PLAN_WORDS, "plan")):
        for w in words:
            pos = label.rfind(w)
            if pos >= 0 and pos + len(w) > best_pos:
                best, best_pos = name, pos + len(w)
    return best


def subject(label: str) -> str:
    """The thing a label names, without role words: "公务用车购置及运行费支出决算为" -> "公务用车购置及运行费"."""
    cut = len(label)
    for w in (*ACTUAL_WORDS, *PLAN_WORDS, "为", "是", "达", "共", "合计", "总计"):
        k = label.find(w)
        if 0 < k < cut:
            cut = k
    return label[:cut].strip("“”\"：: ")


def eligible(f: Figure) -> bool:
    """A level figure that can take part in a sum or ratio."""
    return not (f.approx or f.per_unit or f.change) and f.kind not in ("percent", "points", "bare", "score")


def same_family(a: Figure, b: Figure) -> bool:
    return a.kind == b.kind


@dataclass(frozen=True)
class ItemList:
    """A "其中" breakdown: a stated total and its parts."""

    marker: int
    total: Figure
    parts: tuple[Figure, ...]


@dataclass
class Para:
    index: int
    block: Block
    text: str
    figures: list[Figure]
    sentences: list[tuple[int, int]]  # [start, end) of each sentence

    def sentence_of(self, pos: int) -> int:
        starts = [s for s, _ in self.sentences]
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e].strip()

    def figures_in(self, i: int) -> list[Figure]:
        s, e = self.sentences[i]
        starts = self._starts
        return self.figures[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    @cached_property
    def _starts(self) -> list[int]:
        return [f.start for f in self.figures]

    def line_of(self, f: Figure) -> int | None:
        return self.block.line_at(f.start)

    def quote(self, pos: int) -> str:
        return self.sentence_text(self.sentence_of(pos))

    @cached_property
    def lists(self) -> list[ItemList]:
        return _item_lists(self)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _closing(text: str, pos: int, depth: int) -> int:
    """Position where the parenthesis open at ``pos`` (depth ``depth``) closes."""
    d = depth
    for i in range(pos, len(text)):
        if text[i] in "（(":
            d += 1
        elif text[i] in "）)":
            d -= 1
            if d < depth:
                return i
    return len(text)


def _depth_at(text: str, pos: int) -> int:
    d = 0
    for ch in text[:pos]:
        if ch in "（(":
            d += 1
        elif ch in "）)" and d:
            d -= 1
    return d


def _item_lists(para: Para) -> list[ItemList]:
    out: list[ItemList] = []
    for m in re.finditer(r"其中", para.text):
        pos = m.start()
        depth = _depth_at(para.text, pos)
        si = para.sentence_of(pos)
        before = [f for f in para.figures_in(si) if f.start < pos and f.depth <= depth and eligible(f)]
        if before:
            total = before[-1]
        elif si > 0 and not [f for f in para.figures_in(si) if f.start < pos]:
            prev = [f for f in para.figures_in(si - 1) if eligible(f)]
            if len(prev) != 1:
                continue
            total = prev[0]
        else:
            continue
        end = para.sentences[si][1]
        if depth:
            end = min(end, _closing(para.text, pos, depth))
        nxt = para.text.find("其中", m.end(), end)
        if nxt >= 0 and _depth_at(para.text, nxt) == depth:
            end = nxt
        for stop in _LIST_STOP:
            k = para.text.find(stop, m.end(), end)
            if k >= 0:
                end = k
        new_subject = _NEW_SUBJECT.search(para.text, m.end(), end)
        if new_subject:
            end = new_subject.start()
        parts = [f for f in para.figures if m.end() <= f.start < end and f.depth == depth and eligible(f) and same_family(f, total)]
        parts = [p for p in parts if not (p.wan == total.wan and p.unit == total.unit)]
        roles = {role(p.label) for p in parts} - {""}
        if len(parts) < 2 or len(roles) > 1:
            continue
        out.append(ItemList(marker=pos, total=total, parts=tuple(parts)))
    return out


@dataclass(frozen=True)
class Relation:
    """A relation a rule checked, consistent or not. The measurement reads these (a labelled relation
    counts as checked only when one of them matches it), and the mutation tests alter their figures."""

    rule: str
    stated: Decimal  # the stated result that was judged
    operands: tuple[Decimal, ...]
    location: str
    lines: tuple[int, ...] = ()  # source lines of the result and the operands, when known
    para: int | None = None  # prose paragraph index (None for a table relation)
    figures: tuple[Figure, ...] = ()  # prose figures, the result first


@dataclass
class Context:
    document: Document
    paras: list[Para] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    memo: dict[str, object] = field(default_factory=dict)  # per-document facts a rule computes once

    def trace(self, rule: str, para: Para, result: Figure, *operands: Figure) -> None:
        figures = (result, *operands)
        lines = tuple(x for x in (para.line_of(f) for f in figures) if x is not None)
        self.relations.append(Relation(rule, result.value, tuple(f.value for f in operands),
                                       para.block.location(result.start), lines, para.index, figures))

    def trace_cells(self, rule: str, section: Section, result: Value, operands: list[Value], location: str) -> None:
        cells = [result.cell, *(v.cell for v in operands)]
        lines = tuple(c.line for c in cells if c.line is not None)
        self.relations.append(Relation(rule, result.value, tuple(v.value for v in operands), location, lines))

    @cached_property
    def sections(self) -> list[Section]:
        from jixiao.audit.tables import sections

        return [s for t in self.document.tables for s in sections(t)]

    @classmethod
    def build(cls, document: Document) -> Context:
        paras: list[Para] = []
        for block in document.blocks:
            if not block.in_table:
                paras.append(Para(len(paras), block, block.text, extract_figures(block.text), _sentences(block.text)))
        for table in document.tables:
            for row in table.rows:
                for cell in row:
                    if not cell.is_copy and is_prose(cell.text):
                        block = Block(text=cell.text, kind="cell", page=table.page, table=table.number, row=cell.row,
                                      col=cell.col, line=cell.line,
                                      ref=f"{table.sheet}!{cell.ref}" if table.sheet is not None and cell.ref else "")
                        paras.append(Para(len(paras), block, cell.text, extract_figures(cell.text),
                                          _sentences(cell.text)))
        return cls(document, paras)

    @cached_property
    def claims(self):  # type: ignore[no-untyped-def]
        from jixiao.audit.claims import claims_from_context

        return claims_from_context(self)

    def finding(
        self,
        rule: str,
        title: str,
        severity: str,
        para: Para,
        pos: int,
        stated: str,
        expected: str,
        figures: list[str],
        explanation: str,
    ) -> AuditFinding:
        return AuditFinding(
            rule=rule,
            title=title,
            severity=severity,
            quote=para.quote(pos),
            location=para.block.location(pos),
            stated=stated,
            expected=expected,
            figures=tuple(figures),
            explanation=explanation,
            file=self.document.path,
            line=para.block.line_at(pos),
        )

    def cell_finding(self, rule: str, title: str, severity: str, section: Section, row: Row, col: Column,
                     stated: str, expected: str, figures: list[str], explanation: str) -> AuditFinding:
        """A finding on a table cell: located as “表2 第4行 得分”, quoting the row."""
        return AuditFinding(
            rule=rule, title=title, severity=severity, quote=section.quote(row), location=section.location(row, col),
            stated=stated, expected=expected, figures=tuple(figures), explanation=explanation,
            file=self.document.path, line=section.line_of(row, col),
        )
