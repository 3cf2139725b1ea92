"""The analysed document the rules look at: paragraphs with sentences, figures and 其中 lists."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from jixiao.audit import paragraphs
from jixiao.audit.bounds import PARA_CHARS, is_dump, prose_pieces, split_block
from jixiao.audit.clauses import ItemList, item_lists
from jixiao.audit.docmodel import Block, Document, table_cell_blocks
from jixiao.audit.enumerated import with_enumerated
from jixiao.audit.finding import AuditFinding
from jixiao.audit.numbers import Figure, extract_figures
from jixiao.audit.paragraphs import (
    _sentences,
    is_prose,
)
from jixiao.claims import ReportClaims

if TYPE_CHECKING:
    from jixiao.audit.tables import Column, Row, Section, Value

# Cells of a flattened table line: a prose cell among them is read as a paragraph.
# Alternatives that scan whitespace start only where a run of it starts ((?<!\s)), so a long run is
# scanned once, not once per character (linear time; jixiao.audit.bounds).
_CELL_SPLIT = re.compile(r"(?:(?<!\s)\s*)?\|\s*|[ \t\u3000]{2,}|(?<=[。；;])\s+|(?<!\s)\s+(?=[^\s]{20,})")


def _prose_cells(text: str) -> list[str]:
    """The cells of a flattened table line, a sentence broken at a space (a PDF line end) joined again:
    a prose cell not ending its sentence continues into the next prose cell."""
    groups: list[list[str]] = []  # joined once at the end: adding to a growing string is quadratic
    for piece in _CELL_SPLIT.split(text):
        last = groups[-1] if groups else None
        # a group grows only from a prose first piece, so it is prose whenever its first piece is
        if (last and piece and is_prose(last[0]) and not last[-1].endswith(("。", "；", ";", "！", "？"))
                and is_prose(piece) and "\u4e00" <= piece[0] <= "\u9fff"):
            last.append(piece)
        else:
            groups.append([piece])
    return ["".join(g) for g in groups]


@dataclass
class Para(paragraphs.Para):
    """A paragraph with its 其中 lists (found by :mod:`jixiao.audit.clauses`)."""

    @cached_property
    def lists(self) -> list[ItemList]:
        return self._lists[0]

    @cached_property
    def singles(self) -> list[ItemList]:
        """其中 clauses naming one part of a total (read with the lists, judged as part ≤ total)."""
        return self._lists[1]

    @cached_property
    def _lists(self) -> tuple[list[ItemList], list[ItemList]]:
        singles: list[ItemList] = []
        return with_enumerated(self, item_lists(self, singles)), singles


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
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a table relation's result, when known


def sum_key(values: Iterable[Decimal]) -> Decimal:
    """What a table relation's operands add up to: two rules that read one sum — a blank 小计 as 0 beside its parts,
    or as its parts added up — compute the same."""
    return sum(values, Decimal(0))


@dataclass
class Context:
    document: Document
    paras: list[Para] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    memo: dict[str, object] = field(default_factory=dict)  # per-document facts a rule computes once
    claims: ReportClaims | None = None  # filled once by jixiao.audit.claims.claims_of

    def trace(self, rule: str, para: paragraphs.Para, result: Figure, *operands: Figure,
              result_para: paragraphs.Para | None = None) -> None:
        """Record a checked relation; ``result_para`` when the result stands in another paragraph."""
        figures = (result, *operands)
        home = result_para or para
        lines = tuple(x for x in [home.line_of(result), *(self.home_of(f, para).line_of(f) for f in operands)]
                      if x is not None)
        self.relations.append(Relation(rule, result.value, tuple(f.value for f in operands),
                                       home.block.location(result.start), lines,
                                       para.index if result_para is None else None, figures))

    @cached_property
    def _homes(self) -> dict[int, paragraphs.Para]:
        """Each prose figure's paragraph, by the figure's id (the paragraphs keep their figures alive)."""
        return {id(f): p for p in self.paras for f in p.figures}

    def home_of(self, f: Figure, near: paragraphs.Para) -> paragraphs.Para:
        """The paragraph a figure was read from: ``near`` when it holds it, else the paragraph that does (an operand a
        rule took from another paragraph); ``near`` for a figure a rule made (a budget inferred from a gap)."""
        if any(x is f for x in near.figures):
            return near
        return self._homes.get(id(f), near)

    def cite(self, text: str, f: Figure, para: paragraphs.Para) -> str:
        """An operand as a finding in ``para`` quotes it: ``text``, with the operand's own location after it when it
        stands in another paragraph ("预算 6800万元（第7行）")."""
        home = self.home_of(f, para)
        return text if home is para else f"{text}（{home.block.location(f.start)}）"

    def trace_cells(self, rule: str, section: Section, result: Value, operands: list[Value], location: str) -> None:
        cells = [result.cell, *(v.cell for v in operands)]
        lines = tuple(c.line for c in cells if c.line is not None)
        self.relations.append(Relation(rule, result.value, tuple(v.value for v in operands), location, lines,
                                       cell=(section.table.number, result.cell.row, result.cell.col)))

    def judged_cells(self) -> set[tuple[tuple[int, int, int], Decimal]]:
        """The table sums already judged: (result cell (table, row, column), what its operands add up to)."""
        return {(r.cell, sum_key(r.operands)) for r in self.relations if r.cell is not None}


    @cached_property
    def table_cells(self) -> list[Block]:
        """The cells of the document's real tables as blocks, row by row (:func:`docmodel.table_cell_blocks`), built
        once for the rules that read a form one cell a line."""
        return table_cell_blocks(self.document.tables)

    @cached_property
    def sections(self) -> list[Section]:
        from jixiao.audit.tables import sections

        return [s for t in self.document.tables for s in sections(t)]

    @classmethod
    def build(cls, document: Document) -> Context:
        paras: list[Para] = []
        for whole in paragraphs.joined_breakdowns(document.blocks):
            if whole.in_table:  # prose cells inside flattened table text
                # a cell that is glued table cells run into sentences goes on as a dump: prose_pieces keeps its prose
                parts = [replace(whole, text=piece.strip(), in_table=False, line_starts=())
                         for piece in _prose_cells(whole.text)
                         if (is_prose(piece) and ("。" in piece or "；" in piece)) or is_dump(piece)]
            else:
                parts = [paragraphs.unspaced(whole)]
            for part in parts:
                for piece in split_block(part):  # long paragraphs in pieces; dumps of figures left out
                    for block in [piece] if not is_dump(piece.text) else prose_pieces(piece):
                        paras.append(Para(len(paras), block, block.text, extract_figures(block.text),
                                          _sentences(block.text)))
        for table in document.tables:
            for row in table.rows:
                for cell in row:
                    if not cell.is_copy and is_prose(cell.text) and not is_dump(cell.text[:PARA_CHARS]):
                        block = table.cell_block(cell)
                        for piece in split_block(block):
                            paras.append(Para(len(paras), piece, piece.text, extract_figures(piece.text),
                                              _sentences(piece.text)))
        prose = [p for p in paras if p.block.kind != "cell"]
        if prose:
            prose[-1].is_last = True
        cells = sorted((p for p in paras if p.block.kind == "cell"),
                       key=lambda p: (p.block.table or 0, p.block.col or 0, p.block.row or 0))
        for a, b in itertools.chain(itertools.pairwise(prose), itertools.pairwise(cells)):
            if a.block.kind == "cell" and (a.block.table, a.block.col) != (b.block.table, b.block.col):
                continue  # prose cells follow one another down a column (a text sheet: a paragraph a row)
            b.prev = a
            a.next = b
        return cls(document, paras)

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
            stated=stated, expected=expected, figures=tuple(figures),
            explanation=explanation + ("（该表由报告中的表格文字还原）" if section.table.rebuilt else ""),
            file=self.document.path, line=section.line_of(row, col),
        )
