"""Labelled set harness: alter one figure that takes part in a relation the auditor
checked, and expect a new finding in that paragraph. Works on any report text, so
reports produced by the report writer can be plugged in as they become available."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.audit.api import audit_context
from jixiao.audit.context import Context
from jixiao.audit.documents import Document
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import spaced_offset, unspaced


def altered(f: Figure) -> str:
    """A clearly different value written like the original (same decimals)."""
    step = Decimal(1).scaleb(-f.decimals)
    if f.kind == "percent":
        new = f.value + 7
    elif f.kind in ("money", "bare"):  # bare: operands of a written formula ("1386.01/1386.01×100%")
        new = (f.value * Decimal("1.5") + 1).quantize(step)
    else:
        new = f.value + 3
    return f"{new:f}"


def one_digit(f: Figure) -> str:
    """The figure with its leading digit changed (9 becomes 8, any other digit goes up by one)."""
    i = next(k for k, ch in enumerate(f.raw) if ch in "123456789")
    d = int(f.raw[i])
    return f.raw[:i] + str(d - 1 if d == 9 else d + 1) + f.raw[i + 1 :]


# judged as ≤, with several readings of a list, or recognised only when the parts add up: an altered
# figure may still fit (or no longer be read as a part)
INEQUALITIES = frozenset({"staffing", "count", "part_le_whole", "debt_limit", "breakdown"})


@dataclass(frozen=True)
class Mutation:
    para: int
    figure: Figure
    new_raw: str
    rule: str


def mutations(document: Document, alter: Callable[[Figure], str] = altered) -> tuple[Context, list[Mutation]]:
    ctx = Context.build(document)
    audit_context(ctx)
    seen: set[tuple[int, int]] = set()
    out: list[Mutation] = []
    index = _block_index(document, ctx)
    for rel in ctx.relations:
        if rel.para is None or id(ctx.paras[rel.para].block) not in index:
            continue  # a table relation, or prose inside a table cell
        if rel.rule in INEQUALITIES:
            continue  # 实有 ≤ 编制, or a count with several readings: an altered figure may still fit
        block_index = index[id(ctx.paras[rel.para].block)]
        para_text = ctx.paras[rel.para].text
        for f in rel.figures:
            if para_text[f.start : f.start + len(f.raw)] != f.raw:
                continue  # a figure of another paragraph (numbered items one a paragraph after their total's)
            if rel.rule in ("rate", "share") and f is rel.figures[2] and rel.figures[1].value == 0:
                continue  # 0 ÷ x is 0% for every x: no reviewer could see an altered denominator
            if (block_index, f.start) in seen:
                continue
            seen.add((block_index, f.start))
            if f.value == 0 and alter is one_digit:
                continue  # no digit to change
            out.append(Mutation(block_index, f, alter(f), rel.rule))
    return ctx, out


def _block_index(document: Document, ctx: Context) -> dict[int, int]:
    """The document block each prose paragraph was read from, by the paragraph block's id: the block itself, or
    the block without its stray spaces (:func:`jixiao.audit.paragraphs.unspaced`); pieces of a long block have none."""
    index = {id(b): k for k, b in enumerate(document.blocks)}
    by_text = {(b.line, b.page, unspaced(b).text): k for k, b in enumerate(document.blocks) if not b.in_table}
    for para in ctx.paras:
        k = by_text.get((para.block.line, para.block.page, para.block.text))
        if id(para.block) not in index and k is not None:
            index[id(para.block)] = k
    return index


def apply(document: Document, m: Mutation) -> Document:
    blocks = list(document.blocks)
    b = blocks[m.para]
    at = b.text.index(m.figure.raw, spaced_offset(b.text, m.figure.start))
    text = b.text[:at] + m.new_raw + b.text[at + len(m.figure.raw) :]
    blocks[m.para] = replace(b, text=text)
    return Document(path=document.path, blocks=blocks, tables=document.tables)


def missed(document: Document, alter: Callable[[Figure], str] = altered) -> Iterator[tuple[Mutation, str]]:
    """Yield every mutation that did not produce a new finding in its paragraph."""
    _ctx, muts = mutations(document, alter)
    base = {(f.rule, f.location, f.stated, f.expected) for f in audit_context(Context.build(document)).findings}
    for m in muts:
        doc2 = apply(document, m)
        report = audit_context(Context.build(doc2))
        new = [f for f in report.findings if (f.rule, f.location, f.stated, f.expected) not in base]
        para_text = unspaced(doc2.blocks[m.para]).text
        if not any(f.quote and f.quote in para_text for f in new):
            yield m, para_text[max(m.figure.start - 30, 0) : m.figure.end + 30]
