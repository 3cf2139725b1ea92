"""Funds blocks written one labelled amount per line or per table row, and the blocks grouped under a total block.

A 转移支付/项目 自评表 states its funds as a block: a total ("年度预算资金总额: 763.00") and under it one line per
source of funds ("其中:中央补助 502.00", "市级资金 208.00", "本级资金(包括结转结余) 53.00"). When the fund is spent
on several programmes the form repeats the block for each of them under the block of the whole fund:

    计划生育转移支付资金合计(万元) 年度预算资金总额): 1084.25
    其中:中央补助 668.00 / 市级资金 343.00 / 本级资金(包括结转结余) 73.25
    其中:
    农村部分……补助资金(万元)
    年度预算资金总额: 763.00 / 其中:中央补助 502.00 / …
    计划生育家庭特别扶助制度补助资金(万元)
    年度预算资金总额: 321.25 / …

PDF text gives such a form as lines of "label amount" (cells separated by spaces); a workbook or a Word table gives
it as rows "title | label | amount". Both are read here into :class:`Entry` s, the entries into :class:`FundBlock` s
(a total and the sources under it, the labels read in ``data/fund_blocks.yaml`` and ``data/funding.yaml``) and the
blocks into :class:`Check` s:

- a block's sources against its total (a "其中" list: only sources above the total are certain to be wrong);
- a block whose title says 合计/总计, or that a bare "其中:" line follows, against the blocks after it that list the
  same sources in the same order (two or more filled): their totals against its total, and each source against the
  same source of the blocks. When the members' totals make up the total exactly, the grouping is the whole fund and
  each source must add up both ways; otherwise only a sum above the total is certain.

Nothing else is judged: a line that is neither a total, a source, a title nor a bare "其中:" ends the blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from jixiao.audit.docmodel import Block, Cell, Document, Table
from jixiao.audit.forms import row_label
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.tables import Value, cell_value

_BRACKET = re.compile(r"[（(][^()（）]{0,30}[)）]")
_AMOUNT_LINE = re.compile(r"^(?P<head>.*?[^\d\s.,，])\s*(?P<num>[-−]?\d[\d,]*(?:\.\d+)?)$")
_MARKER = re.compile(r"^其中\s*[:：]?$")
_TITLE_MAX = 40  # characters: a programme's title line; longer text is prose and ends the blocks
_TITLE_DIGITS = re.compile(r"\d")
_LINE_MAX = 120  # characters: a longer line is prose (and the amount pattern stays linear on what it reads)


@dataclass(frozen=True)
class Words:
    totals: tuple[str, ...]
    sources: re.Pattern[str]
    group_totals: tuple[str, ...]


@cache
def words() -> Words:
    def load(name: str) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load(
            resources.files("jixiao.audit.data").joinpath(name).read_text(encoding="utf-8"))
        return data

    own, funding = load("fund_blocks.yaml"), load("funding.yaml")

    def alt(ws: Iterable[str]) -> str:
        return "|".join(map(re.escape, sorted(set(ws), key=len, reverse=True)))

    levels = alt(funding["levels"])  # one level or several ("中央、省补助")
    sources = re.compile(rf"(?:{levels})(?:[、和及与](?:{levels}))*(?:{alt([*funding['funds'], *own['funds']])})|"
                         rf"{alt(funding['own'])}|{alt(own['parts'])}")
    return Words(tuple(sorted({*own["totals"], *funding["totals"]}, key=len, reverse=True)), sources,
                 tuple(own["group_totals"]))


def label_key(label: str) -> str:
    """A label without 其中, numbering, bracketed notes, spaces and stray brackets or colons:
    "本级资金(包括结转结余)" → "本级资金", "年度预算资金总额):" → "年度预算资金总额"."""
    key = _BRACKET.sub("", row_label(label))
    return key.strip("()（）:：;；,， ")


def role_of(label: str) -> str | None:
    """"total", "source" or None for a label."""
    key = label_key(label)
    if not key or len(key) > 16:
        return None
    w = words()
    if w.sources.fullmatch(key):
        return "source"
    if key.endswith(w.totals):
        return "total"
    return None


@dataclass(frozen=True)
class Entry:
    """One line or row of a funds block: a label and its amount (None when the form leaves it blank)."""

    kind: str  # "total" | "source" | "title" | "marker" | "break"
    label: str = ""
    value: Value | None = None
    title: str = ""  # a programme's title written before the label on the same line or row
    location: str = ""
    line: int | None = None
    quote: str = ""

    @property
    def key(self) -> str:
        return label_key(self.label)


def _entry(cells: list[str], location: str, line: int | None, quote: str, cell: Cell) -> Entry:
    """An entry from the texts of a line split at its spaces, or of a row's filled cells."""
    if not cells:
        return Entry("break")
    if len(cells) == 1 and _MARKER.match(cells[0]):
        return Entry("marker", location=location, line=line, quote=quote)
    value = cell_value(Cell(cells[-1], cell.row, cell.col, ref=cell.ref, line=line))
    if value is not None and value.unit not in ("", "万元", "元"):
        return Entry("break")
    named = cells[:-1] if value is not None else cells
    if not named or any(cell_value(Cell(c, 0, 0)) is not None for c in named):
        return Entry("break")
    role = role_of(named[-1])
    if role is not None:
        return Entry(role, named[-1], value, " ".join(named[:-1]), location, line, quote)
    text = " ".join(named)
    if value is None and len(text) <= _TITLE_MAX and "。" not in text and not _TITLE_DIGITS.search(
            _BRACKET.sub("", text).replace("年度", "").lstrip("0123456789")):
        return Entry("title", title=text, location=location, line=line, quote=quote)
    return Entry("break")


def _line_pieces(block: Block) -> Iterator[tuple[int, str]]:
    """(offset, text) of each physical line of a block."""
    starts = [s for s, _ in block.line_starts] or [0]
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(block.text)
        yield s, block.text[s:end]


def line_entries(blocks: Iterable[Block]) -> list[Entry]:
    """The entries of text lines ("label amount", a bare label, a title, "其中:")."""
    out: list[Entry] = []
    for block in blocks:
        if block.kind == "cell":
            continue
        for offset, piece in _line_pieces(block):
            text = normalize_cell(piece)
            if not text:
                continue
            if len(text) > _LINE_MAX:
                out.append(Entry("break"))
                continue
            m = _AMOUNT_LINE.match(text)
            cells = [*m.group("head").split(), m.group("num")] if m else text.split()
            line = block.line_at(offset)
            out.append(_entry(cells, block.location(offset), line, text, Cell("", 0, 0, line=line)))
    return out


def table_entries(table: Table) -> list[Entry]:
    """The entries of a table's rows ("title | label | amount"; a merged title cell is written once)."""
    out: list[Entry] = []
    for row in table.rows:
        filled = [c for c in row if not c.is_copy and normalize_cell(c.text)]
        if not filled:
            continue
        quote = " ".join(normalize_cell(c.text) for c in filled)
        last = filled[-1]
        out.append(_entry([normalize_cell(c.text) for c in filled], table.cell_location(last), last.line, quote, last))
    return out


@dataclass
class FundBlock:
    total: Entry
    title: str
    after_marker: bool  # a bare "其中:" stands between the block before and this one
    sources: list[Entry] = field(default_factory=list)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sources)

    @property
    def empty(self) -> bool:
        return self.total.value is None and all(s.value is None for s in self.sources)


def fund_blocks(entries: list[Entry]) -> list[list[FundBlock]]:
    """Runs of consecutive funds blocks (a break between two blocks starts a new run)."""
    runs: list[list[FundBlock]] = [[]]
    title, marker, open_block = "", False, False
    for e in entries:
        if e.kind == "title":
            title, open_block = e.title, False
        elif e.kind == "marker":
            marker, open_block = True, False
        elif e.kind == "total":
            runs[-1].append(FundBlock(e, e.title or title, marker))
            title, marker, open_block = "", False, True
        elif e.kind == "source" and open_block and e.title in ("", runs[-1][-1].title):
            runs[-1][-1].sources.append(e)
        else:
            if runs[-1]:
                runs.append([])
            title, marker, open_block = "", False, False
    return [r for r in runs if r]


@dataclass(frozen=True)
class Check:
    whole: Entry
    parts: tuple[Entry, ...]  # the filled parts
    names: tuple[str, ...]  # how each part is named in a finding
    exact: bool  # the parts are the whole (else a 其中 list: only a sum above the whole is certain)
    what: str  # "block" (sources of a block) | "group" (totals of the blocks) | "source" (a source over the blocks)


def _titled_total(block: FundBlock) -> bool:
    return any(w in block.title for w in words().group_totals)


def checks(run: list[FundBlock]) -> list[Check]:
    out: list[Check] = []
    for block in run:
        filled = [s for s in block.sources if s.value is not None]
        if block.total.value is not None and len(filled) >= 2:
            out.append(Check(block.total, tuple(filled), tuple(s.key for s in filled), False, "block"))
    k = 0
    while k < len(run):
        head = run[k]
        titled = _titled_total(head)
        if head.total.value is None or not head.sources or not (titled or (k + 1 < len(run) and run[k + 1].after_marker)):
            k += 1
            continue
        j = k + 1  # the blocks after it with the same sources ("其中:" may stand before each of them)
        while j < len(run) and run[j].keys == head.keys and not _titled_total(run[j]):
            j += 1
        members = [m for m in run[k + 1:j] if not m.empty]
        k = max(j, k + 1)
        if len(members) < 2 or any(m.total.value is None for m in members):
            continue
        totals = [m.total for m in members]
        exact = sum(t.value.value for t in totals if t.value is not None) == head.total.value.value
        if not (titled or exact):
            continue  # a "其中:" alone does not say the blocks after it are the whole fund's parts
        if titled:
            names = tuple(m.title or f"第{n}块" for n, m in enumerate(members, start=1))
            out.append(Check(head.total, tuple(totals), names, False, "group"))
        for i, src in enumerate(head.sources):
            parts = [(m.title or src.key, m.sources[i]) for m in members if m.sources[i].value is not None]
            if src.value is not None and len(parts) >= 2:
                out.append(Check(src, tuple(p for _, p in parts), tuple(n for n, _ in parts), exact, "source"))
    return out


def document_checks(document: Document) -> list[Check]:
    """Every check of the funds blocks of a document's text lines and tables."""
    out: list[Check] = []
    for run in fund_blocks(line_entries(document.blocks)):
        out.extend(checks(run))
    for table in document.tables:
        for run in fund_blocks(table_entries(table)):
            out.extend(checks(run))
    return out
