"""PDF with a text layer (pdfplumber): text outside tables as lines, ruled tables from the table finder.

Tables come from pdfplumber's line-based table finder; a merged cell is resolved to the cell whose box
covers the position. A table continued at the top of the next page with the same columns is joined
to the one that ended the page before (a repeated header row is dropped). Text outside the tables is
read line by line and goes through the same line pipeline as .txt files (flattened tables included).
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from jixiao.audit.docmodel import Block, Table, grid
from jixiao.audit.errors import DocumentError
from jixiao.audit.numbers import normalize
from jixiao.audit.readers.lines import read_lines

_TOL = 2.0


def _cell_text(text: str | None) -> str:
    return normalize((text or "").replace("\n", "").strip())


def _covering(cells: list[tuple[float, float, float, float]], x: float, y: float) -> int | None:
    for k, (x0, top, x1, bottom) in enumerate(cells):
        if x0 - _TOL <= x <= x1 + _TOL and top - _TOL <= y <= bottom + _TOL:
            return k
    return None


def _table_grid(table: Any) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    texts: list[list[str | None]] = table.extract()
    rows = table.rows
    width = max((len(r.cells) for r in rows), default=0)
    col_x: list[float | None] = [None] * width
    for r in rows:
        for c, box in enumerate(r.cells):
            if box is not None and col_x[c] is None:
                col_x[c] = box[0]
    boxes: list[tuple[float, float, float, float]] = []
    where: list[tuple[int, int]] = []
    for i, r in enumerate(rows):
        for c, box in enumerate(r.cells):
            if box is not None:
                boxes.append(box)
                where.append((i, c))
    out: list[list[str]] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for i, r in enumerate(rows):
        row: list[str] = []
        own = [b for b in r.cells if b is not None]
        # the row's own height: its shortest cell (a merged cell reaching into later rows is taller)
        y = (min(b[1] for b in own) + min(b[3] for b in own)) / 2 if own else (r.bbox[1] + r.bbox[3]) / 2
        for c in range(width):
            box = r.cells[c] if c < len(r.cells) else None
            if box is not None:
                row.append(_cell_text(texts[i][c] if c < len(texts[i]) else ""))
                continue
            row.append("")
            x = col_x[c]
            if x is None:
                continue
            k = _covering(boxes, x + 1.5 * _TOL, y)
            if k is not None and where[k] != (i, c):
                spans[(i, c)] = where[k]
        out.append(row)
    return out, spans


def _outside(page: Any, bboxes: list[tuple[float, float, float, float]]) -> Any:
    if not bboxes:
        return page

    def keep(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes)

    return page.filter(keep)


def _caption(page: Any, top: float) -> str:
    if top <= 5:
        return ""
    try:
        text = page.within_bbox((0, max(0.0, top - 60), page.width, max(0.0, top - 1))).extract_text() or ""
    except ValueError:
        return ""
    lines = [normalize(x.strip()) for x in text.splitlines() if x.strip()]
    return " ".join(x for x in lines[-2:] if len(x) <= 40)


def read_pdf(path: Path, data: bytes) -> tuple[list[Block], list[Table]]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover
        raise DocumentError("未安装 pdfplumber，无法读取 PDF") from None
    blocks: list[Block] = []
    tables: list[Table] = []
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                found = page.find_tables() if (page.lines or page.rects) else []
                bboxes = [t.bbox for t in found]
                page_tables: list[tuple[float, Table]] = []
                for t in found:
                    rows, spans = _table_grid(t)
                    if not any(any(c for c in row) for row in rows):
                        continue
                    page_tables.append((t.bbox[1], Table(number=0, rows=grid(rows, spans=spans), source="pdf",
                                                         page=page_no, caption=_caption(page, t.bbox[1]))))
                text = _outside(page, bboxes).extract_text() or ""
                page_blocks, flat = read_lines(text.splitlines(), page=page_no)
                blocks.extend(page_blocks)
                for k, (top, found_table) in enumerate(sorted(page_tables, key=lambda x: x[0])):
                    _append(tables, found_table, at_top=k == 0 and top < page.height * 0.2)
                tables.extend(flat)
    except PDFPasswordIncorrect:
        raise DocumentError("PDF 已加密，无法读取") from None
    except PDFSyntaxError as exc:
        raise DocumentError(f"不是有效的 PDF 文件：{exc}") from None
    except DocumentError:
        raise
    except Exception as exc:
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise DocumentError("PDF 已加密，无法读取") from None
        raise DocumentError("不是有效的 PDF 文件（无法解析，可能已损坏）") from None
    if not any(b.text for b in blocks) and not tables:
        raise DocumentError("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）")
    if sum("(cid:" in b.text for b in blocks) > len(blocks) // 2:
        raise DocumentError("PDF 字体无法转为文字（cid 编码），请另存为文字版 PDF 或 Word")
    return blocks, [replace(t, number=k) for k, t in enumerate(tables, start=1)]


def _append(tables: list[Table], t: Table, at_top: bool) -> None:
    """Join a table continued from the previous page (same width, first on its page)."""
    prev = tables[-1] if tables else None
    if (prev is not None and at_top and prev.source == "pdf" and t.page is not None and prev.page is not None
            and t.page == prev.page + 1 and t.width == prev.width and not t.caption):
        skipped = 1 if [c.text for c in t.rows[0]] == [c.text for c in prev.rows[0]] else 0  # repeated header
        shift = len(prev.rows) - skipped
        moved = tuple(
            tuple(replace(c, row=c.row + shift, origin=(c.origin[0] + shift, c.origin[1]) if c.origin else None)
                  for c in row)
            for row in t.rows[skipped:])
        tables[-1] = replace(prev, rows=prev.rows + moved)
        return
    tables.append(t)
