"""Read a 决算 file (.pdf, .docx, .xlsx) into :class:`~jixiao.final.source.SourceDocument`.

PDF tables come from pdfplumber's table finder (ruling lines), the text around them from the page's text
lines outside the tables; .docx tables from their cells (merged cells repeat their text); workbooks give
one grid per sheet with the title lines above the header as text. Anything unreadable raises
:class:`FinalReadError` with a Chinese reason naming the file.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from jixiao.final.source import Grid, Item, SourceDocument, TextLine
from jixiao.safeio.docguard import check_document
from jixiao.safeio.files import read_bytes
from jixiao.safeio.limits import Refused
from jixiao.safeio.numbers import number_problem
from jixiao.safeio.zipguard import unread_sheets

MAX_PAGES = 400
SUPPORTED = (".pdf", ".docx", ".xlsx")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


class FinalReadError(Exception):
    """The file cannot be read as a 决算; the message says why, in Chinese."""


def clean(text: object) -> str:
    if text is None:
        return ""
    s = str(text).replace("\r", "\n")
    return _SPACES.sub(" ", s).strip()


def read_source(path: str | Path) -> SourceDocument:
    p = Path(path)
    if not p.is_file() and not p.is_symlink():
        raise FinalReadError(f"{p}：文件不存在")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        raise FinalReadError(f"{p}：不支持的文件类型 {suffix or '（无扩展名）'}，部门决算应为 .pdf、.docx 或 .xlsx"
                             "（旧版 .xls 请在 Excel 中另存为 .xlsx，旧版 .doc 请在 Word 中另存为 .docx）")
    try:
        data = read_bytes(p, "document_bytes")  # regular files only, capped whatever stat says
        if data and data[:4] in (b"%PDF", b"PK\x03\x04"):
            check_document(suffix, data, str(p))  # zip, DTD, sheet, PDF stream and page limits
    except Refused as exc:
        raise FinalReadError(f"{p}：{exc.message}") from None
    if not data:
        raise FinalReadError(f"{p}：文件为空")
    head = data[:8]
    if suffix == ".pdf":
        if not head.startswith(b"%PDF"):
            raise FinalReadError(f"{p}：不是 PDF 文件（文件头不符）")
        return _read_pdf(p, data)
    if not head.startswith(b"PK"):
        raise FinalReadError(f"{p}：不是 {suffix} 文件（应为 Office Open XML 压缩包；旧版 .doc/.xls 请另存为 .docx/.xlsx）")
    try:
        with zipfile.ZipFile(BytesIO(data)):
            pass
    except zipfile.BadZipFile as exc:
        raise FinalReadError(f"{p}：文件已损坏，无法解压") from exc
    return _read_docx(p, data) if suffix == ".docx" else _read_xlsx(p, data)


# -- PDF ------------------------------------------------------------------------------------------

def _read_pdf(p: Path, data: bytes) -> SourceDocument:
    import pdfplumber

    doc = SourceDocument(str(p))
    number = 0
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise FinalReadError(f"{p}：页数过多（{len(pdf.pages)} 页），上限为 {MAX_PAGES} 页")
            for index, page in enumerate(pdf.pages, start=1):
                placed: list[tuple[float, Item]] = []
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                for t in tables:
                    rows = tuple(tuple(clean(c) for c in row) for row in t.extract())
                    if not rows:
                        continue
                    number += 1
                    placed.append((t.bbox[1], Grid(number=number, rows=rows, page=index)))
                for line in page.extract_text_lines(keep_blank_chars=False):
                    mid = (line["top"] + line["bottom"]) / 2
                    if any(b[1] <= mid <= b[3] and line["x0"] < b[2] and line["x1"] > b[0] for b in boxes):
                        continue
                    text = clean(line["text"])
                    if text:
                        placed.append((line["top"], TextLine(text, index)))
                placed.sort(key=lambda pair: pair[0])
                doc.items.extend(item for _, item in placed)
    except FinalReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise FinalReadError(f"{p}：无法读取 PDF（{type(exc).__name__}）") from exc
    if not doc.items:
        raise FinalReadError(f"{p}：PDF 没有文字层（可能是扫描件），无法读取表格")
    return doc


# -- Word -----------------------------------------------------------------------------------------

def _read_docx(p: Path, data: bytes) -> SourceDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:
        raise FinalReadError(f"{p}：无法读取 Word 文件（{type(exc).__name__}）") from exc
    doc = SourceDocument(str(p))
    number = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            for part in Paragraph(child, document).text.split("\n"):
                text = clean(part)
                if text:
                    doc.items.append(TextLine(text))
        elif tag == "tbl":
            number += 1
            table = Table(child, document)
            rows = tuple(tuple(clean(cell.text) for cell in row.cells) for row in table.rows)
            doc.items.append(Grid(number=number, rows=rows))
    return doc


# -- Excel ----------------------------------------------------------------------------------------

def _read_xlsx(p: Path, data: bytes) -> SourceDocument:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise FinalReadError(f"{p}：无法读取 Excel 文件（{type(exc).__name__}）") from exc
    unread = unread_sheets(data, wb.sheetnames)
    if unread is not None:
        raise FinalReadError(f"{p}：{unread}")
    doc = SourceDocument(str(p))
    number = 0
    try:
        for ws in wb.worksheets:
            raw: list[tuple[int, list[str]]] = []
            for r, xl_row in enumerate(ws.iter_rows(), start=1):
                raw.append((r, [_xlsx_text(c.value, getattr(c, "number_format", "")) for c in xl_row]))
                if r > 5000:
                    raise FinalReadError(f"{p}：工作表「{ws.title}」行数过多")
            width = max((len(row) for _, row in raw), default=0)
            body: list[tuple[int, tuple[str, ...]]] = []
            for r, texts in raw:
                cells = tuple(texts) + ("",) * (width - len(texts))
                filled = [c for c in cells if c]
                if not filled:
                    continue
                if len(filled) == 1 and not body:
                    doc.items.append(TextLine(filled[0]))  # title, 单位 line above the table
                elif len(filled) == 1 and _is_note(filled[0]):
                    _flush_sheet(doc, ws.title, body, number + 1, get_column_letter)
                    if body:
                        number += 1
                    body = []
                    doc.items.append(TextLine(filled[0]))
                else:
                    body.append((r, cells))
            if body:
                number += 1
                _flush_sheet(doc, ws.title, body, number, get_column_letter)
    finally:
        wb.close()
    return doc


def _is_note(text: str) -> bool:
    return text.startswith(("注", "说明", "备注")) or "本表无数据" in text


def _flush_sheet(doc: SourceDocument, sheet: str, body: list[tuple[int, tuple[str, ...]]], number: int,
                 letter: Any) -> None:
    if not body:
        return
    rows = tuple(cells for _, cells in body)
    refs = tuple(tuple(f"{letter(c + 1)}{r}" for c in range(len(cells))) for r, cells in body)
    doc.items.append(Grid(number=number, rows=rows, sheet=sheet, refs=refs))


def _xlsx_text(value: Any, number_format: str = "") -> str:
    """A cell as printed: numbers with the decimals and thousands separators of their number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return clean(value)
    if isinstance(value, (int, float)):
        if number_problem(value) is not None:  # 1e300 or 40 digits: as stored, never quantized
            return str(value)
        exact = Decimal(repr(value))
        m = re.search(r"0\.(0+)", number_format or "")
        exponent = exact.as_tuple().exponent  # an int for a finite number
        if m and isinstance(exponent, int) and -exponent <= len(m.group(1)):
            exact = exact.quantize(Decimal(1).scaleb(-len(m.group(1))))
        return f"{exact:,f}" if "," in (number_format or "") else format(exact, "f")
    return clean(value)
