"""Bounds that keep the auditor linear in the length of a report, whatever its text.

The rules relate figures within a sentence or a paragraph; that work grows with the square of
a paragraph's length. Real reports have sentences under 800 characters and paragraphs under a
few thousand (the labelled corpus: longest sentence 741, longest paragraph about 1,000), so:

- a paragraph longer than ``PARA_CHARS`` is analysed in pieces cut at sentence ends (else at
  "；" or "，", else anywhere), each located in the original block;
- a sentence longer than ``SENTENCE_CHARS`` is cut the same way;
- a piece with more figures than ``PARA_FIGURES`` or more list markers than ``PARA_MARKERS``
  is not prose a person wrote ("1,2,3,…", "1%1%1%…") and is left out of the prose rules; so is a piece in which a
  percentage runs straight into the next figure twice ("100%100%56…下降1%126": glued table cells).

Each piece then costs at most a constant, and a document costs time proportional to its length.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.audit.docmodel import Block

PARA_CHARS = 2000
SENTENCE_CHARS = 800
PARA_FIGURES = 300
PARA_MARKERS = 60
_DIGIT_RUN = re.compile(r"\d{1,40}")
_LIST_MARKER = re.compile(r"其中|包括|分别|合计|总计|共计|小计")
# a percentage run straight into the next figure ("执行率100%100%56", "下降1%126"): table cells glued together
# by a text extraction, not prose; two such joins in one piece leave it to the table readers
_GLUED = re.compile(r"[%％]\d")
_CUTS = ("。！？!?", "；;", "，,、", " \t")


def cut_point(text: str, start: int, limit: int) -> int:
    """End of the piece that starts at ``start``: at most ``limit`` characters, ending after the best
    separator found in its second half (sentence end, then "；", then "，", then a space)."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2
    for seps in _CUTS:
        best = max(text.rfind(ch, floor, end) for ch in seps)
        if best >= 0:
            return best + 1
    return end


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Spans covering ``text``, each at most ``limit`` characters, cut at separators where possible."""
    out, start = [], 0
    while start < len(text):
        end = cut_point(text, start, limit)
        out.append((start, end))
        start = end
    return out or [(0, 0)]


def _piece(block: Block, start: int, end: int) -> Block:
    """The text of ``block`` from ``start`` to ``end``, keeping its lines (``line_at`` of the piece is the original's)."""
    starts = tuple((o - start, n) for o, n in block.line_starts if start <= o < end)
    first = block.line_at(start)
    if block.line_starts and (not starts or starts[0][0] > 0):
        starts = ((0, first if first is not None else 0), *starts)
    return replace(block, text=block.text[start:end], line=first, line_starts=starts)


def split_block(block: Block, limit: int = PARA_CHARS) -> list[Block]:
    """The block itself, or pieces of it that keep their lines (``line_at`` of a piece is the original's)."""
    if len(block.text) <= limit:
        return [block]
    return [_piece(block, start, end) for start, end in pieces(block.text, limit)]


def is_dump(text: str) -> bool:
    """Too many figures or list markers for prose: the piece is left to no prose rule."""
    return (len(_DIGIT_RUN.findall(text)) > PARA_FIGURES or len(_LIST_MARKER.findall(text)) > PARA_MARKERS
            or len(_GLUED.findall(text)) >= 2)


# where a paragraph that holds glued table cells may be cut: a sentence's end, or the ",," a web copy leaves where a
# line (or a cell) ended
_PROSE_END = re.compile(r"[。！？!?；;]|[,，]{2,}")


def prose_pieces(block: Block) -> list[Block]:
    """The prose of a piece left out only for its glued table cells ("……完成值0个0%当年……143%……" run into the
    sentences after it in one paragraph): its stretches between sentence ends (and ",,"), each kept unless it is a
    dump itself. Nothing for any other piece."""
    text = block.text
    if not is_dump(text) or len(_DIGIT_RUN.findall(text)) > PARA_FIGURES or len(_LIST_MARKER.findall(text)) > PARA_MARKERS:
        return []
    out: list[Block] = []
    start = 0
    for m in [*_PROSE_END.finditer(text), None]:
        end = m.end() if m is not None else len(text)
        if end > start and text[start:end].strip(" ,，") and not is_dump(text[start:end]):
            out.append(_piece(block, start, end))
        start = end
    return out
