"""Word .docx: paragraphs and tables in body order; merged cells resolved from the table XML."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from jixiao.audit.docmodel import Block, Table, grid
from jixiao.audit.errors import DocumentError
from jixiao.audit.numbers import normalize

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element: Any) -> str:
    """Text of a paragraph or cell: runs joined, paragraphs of a cell joined by a line break."""
    paras = []
    for p in element.iter(f"{_W}p"):
        paras.append("".join(t.text or "" for t in p.iter(f"{_W}t", f"{_W}tab")
                             if t.tag == f"{_W}t") )
    return "\n".join(x for x in paras if x)


def table_rows(tbl: Any) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows of cell texts and, for every position covered by a merged region, its origin (0-based).
    Linear in the number of cells (python-docx's ``row.cells`` is quadratic on long tables)."""
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin_of: dict[int, tuple[int, int]] = {}  # grid column -> origin of an open vertical merge
    for r, tr in enumerate(tbl.iter(f"{_W}tr")):
        if tr.getparent() is not tbl:
            continue  # a nested table's row
        row: list[str] = []
        col = 0
        trpr = tr.find(f"{_W}trPr")
        if trpr is not None:
            gb = trpr.find(f"{_W}gridBefore")
            if gb is not None:
                n = int(gb.get(f"{_W}val", "0"))
                row.extend([""] * n)
                col += n
        for tc in tr.findall(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{_W}val", "1")))
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val", "continue")
            text = normalize(_text(tc).replace("\n", " ").strip()) if vmerge != "continue" else ""
            for k in range(span):
                c = col + k
                if vmerge == "continue" and c in origin_of:
                    spans[(r, c)] = origin_of[c]
                elif k > 0:
                    spans[(r, c)] = (r, col)
                if vmerge == "restart":
                    origin_of[c] = (r, col)
                elif vmerge is None:
                    origin_of.pop(c, None)
                row.append(text if k == 0 and vmerge != "continue" else "")
            col += span
        rows.append(row)
    return rows, spans


def _caption(paras: list[str]) -> str:
    """The short paragraphs just before a table (title, unit note), up to two; prose ends the search."""
    out: list[str] = []
    for p in reversed(paras[-2:]):
        if len(p) > 40:
            break
        out.insert(0, p)
    return " ".join(out)


def read_docx(path: Path, data: bytes) -> tuple[list[Block], list[Table]]:
    import docx

    from jixiao.audit.flattened import find_flattened

    try:
        body = docx.Document(BytesIO(data)).element.body
    except Exception:  # python-docx raises many kinds on damaged parts (lxml syntax errors, AttributeError …)
        body = None
    if body is None:  # a part that is not XML, a package or document part missing, a document with no body
        raise DocumentError("不是有效的 Word（.docx）文件（可能已损坏，或是旧版 .doc 改了扩展名）")
    blocks: list[Block] = []
    tables: list[tuple[int, Table]] = []  # (body position, table)
    segment: list[tuple[int, int, str]] = []  # (body position, paragraph number, text)
    recent: list[str] = []
    para_no = 0

    def flush_segment() -> None:
        if not segment:
            return
        texts = [t for _, _, t in segment]
        flat = find_flattened(texts, None, 1, frozenset())
        skip: set[int] = set()
        for region, table in flat:
            skip.update(region)
            if table is not None and region:
                first = min(region)
                lines = {k + 1: segment[k][1] for k in range(len(segment))}  # text line -> paragraph number
                table = _renumber_lines(table, lines)
                tables.append((segment[first][0], table))
        for k, (_, no, text) in enumerate(segment):
            blocks.append(Block(text=text, kind="docx", line=no, in_table=k in skip))
        segment.clear()

    for pos, child in enumerate(body.iterchildren()):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para_no += 1
            text = normalize(_text(child).strip())
            if text:
                segment.append((pos, para_no, text))
                recent.append(text)
        elif tag == "tbl":
            flush_segment()
            rows, spans = table_rows(child)
            if any(any(c for c in row) for row in rows):
                tables.append((pos, Table(number=0, rows=grid(rows, spans=spans), source="docx",
                                          caption=_caption(recent))))
            recent.clear()
    flush_segment()
    tables.sort(key=lambda x: x[0])
    return blocks, [replace(t, number=k) for k, (_, t) in enumerate(tables, start=1)]


def _renumber_lines(table: Table, lines: dict[int, int]) -> Table:
    """A table rebuilt from paragraphs: its cells' "lines" become paragraph numbers."""
    rows = tuple(tuple(replace(c, line=lines.get(c.line, c.line) if c.line is not None else None) for c in row)
                 for row in table.rows)
    return replace(table, rows=rows, line=lines.get(table.line, table.line) if table.line else None)
