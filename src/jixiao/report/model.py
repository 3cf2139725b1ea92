"""The report as a pure structure, independent of any output format.

``content.build_report`` produces a :class:`Report`; the docx, Markdown and
other renderers only lay it out. Numbering (一、（一）1.（1）) is part of the
text, as GB/T 9704 documents write it, never Word list numbering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jixiao.report.numbers import Mark


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = 一、 (黑体), 2 = （一） (楷体)
    text: str
    marks: tuple[Mark, ...] = ()  # every number and quoted text in the block (see report.numbers)


@dataclass(frozen=True)
class Para:
    """A body paragraph; ``lead`` is a run-in heading (levels 3–4: "1." / "（1）") set in bold."""

    text: str
    lead: str = ""
    align: str = "justify"  # justify | center | right
    indent: bool = True
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    numeric: tuple[bool, ...]  # right-aligned figure columns
    unit: str | None = "单位：万元"
    strong_rows: frozenset[int] = frozenset()  # rows (0-based in ``rows``) set in bold, e.g. totals
    marks: tuple[Mark, ...] = ()  # in row order


@dataclass(frozen=True)
class ChartSpec:
    """Data of one chart; :mod:`jixiao.report.charts` draws it."""

    key: str
    filename: str
    title: str
    kind: str  # "pies" | "bars"
    categories: tuple[str, ...]
    # bars: (series name, one value per category; None draws no bar), with the engine keys of the values
    series: tuple[tuple[str, tuple[Decimal | None, ...]], ...]
    unit: str = "万元"
    # pies: (title, labels, values, shares in %); shares are the engine's figures so the chart states
    # the same percentages as the text even when stated parts do not add up to the total
    groups: tuple[tuple[str, tuple[str, ...], tuple[Decimal, ...], tuple[Decimal | None, ...]], ...] = ()
    keys: tuple[str, ...] = ()  # the engine key of every value drawn, in the order above (values, then shares)


@dataclass(frozen=True)
class FigureRef:
    chart: str  # ChartSpec.key
    caption: str


Block = Heading | Para | Table | FigureRef


@dataclass(frozen=True)
class Report:
    title: tuple[str, ...]  # title lines (2号小标宋)
    blocks: tuple[Block, ...]
    signature: tuple[str, ...]  # department and date, right-aligned at the end
    department: str
    year: int
    doc_date: date  # fixed document date for metadata (determinism)
    charts: tuple[ChartSpec, ...] = ()
    gaps: tuple[str, ...] = field(default_factory=tuple)  # narrative the input did not provide

    def text(self) -> str:
        """All visible text in order (for tests and quick checks)."""
        out = list(self.title)
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(b.text)
            elif isinstance(b, Para):
                out.append(b.lead + b.text)
            elif isinstance(b, Table):
                out.append(b.caption)
                out.extend("\t".join(r) for r in (*b.header, *b.rows))
            else:
                out.append(b.caption)
        out.extend(self.signature)
        return "\n".join(out)
