"""Reading submitted reports into located text blocks (paragraphs and table rows).

Supported: .txt/.md (UTF-8 or GB18030), .docx (paragraphs and tables in body
order), .pdf with a text layer (page numbers kept). Lines broken by PDF
extraction in the middle of a sentence or a number are joined back. Anything
unreadable raises :class:`DocumentError` with a Chinese reason.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.audit.numbers import normalize

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED = (".txt", ".md", ".docx", ".pdf")
_TERMINAL = tuple("。！？!?；;：:")


class DocumentError(Exception):
    """A report that cannot be read; the message is the Chinese reason."""


@dataclass(frozen=True)
class Block:
    """A paragraph or table row. ``text`` is normalized (see :mod:`jixiao.audit.numbers`)."""

    text: str
    kind: str = "para"  # "para" | "table"
    line: int | None = None  # first line (txt/pdf) or paragraph number (docx)
    page: int | None = None
    table: int | None = None
    row: int | None = None
    line_starts: tuple[tuple[int, int], ...] = ()  # (offset in text, line number)

    def location(self, offset: int = 0) -> str:
        line = self.line
        if self.line_starts:
            idx = bisect.bisect_right([o for o, _ in self.line_starts], offset) - 1
            line = self.line_starts[max(idx, 0)][1]
        if self.table is not None:
            where = f"表{self.table}第{self.row}行"
            return f"第{self.page}页{where}" if self.page else where
        if self.page is not None:
            return f"第{self.page}页第{line}行"
        if self.kind == "docx":
            return f"第{line}段"
        return f"第{line}行"


@dataclass
class Document:
    path: str
    blocks: list[Block] = field(default_factory=list)


def _joinable(prev: str, nxt: str) -> bool:
    """Is ``nxt`` the continuation of ``prev`` (a line broken by PDF extraction)?"""
    if not prev or not nxt or "\t" in prev or "\t" in nxt:
        return False
    if prev[-1].isdigit() and (nxt[0].isdigit() or nxt[0] == "."):
        return True
    if prev.endswith(("万", "亿", ".")) or nxt.startswith(("元", "%")):
        return True
    return len(prev) >= 25 and not prev.endswith(_TERMINAL)


def blocks_from_lines(lines: list[str], page: int | None = None, first_line: int = 1) -> list[Block]:
    """Group physical lines into logical paragraphs; blank lines do not end a broken sentence."""
    blocks: list[Block] = []
    parts: list[tuple[int, str]] = []

    def flush() -> None:
        if not parts:
            return
        text, starts = "", []
        for line_no, piece in parts:
            starts.append((len(text), line_no))
            text += piece
        blocks.append(Block(text=normalize(text) if len(parts) > 1 else text, line=parts[0][0], page=page,
                            line_starts=tuple(starts) if len(parts) > 1 else ()))
        parts.clear()

    for i, rawline in enumerate(lines):
        line_no = first_line + i
        stripped = rawline.strip()
        if not stripped:
            continue
        piece = normalize(stripped) if "\t" not in rawline else normalize(rawline.strip("\n"))
        if parts and _joinable(parts[-1][1], piece):
            parts.append((line_no, piece))
            continue
        flush()
        parts.append((line_no, piece))
    flush()
    return blocks


def _read_text(path: Path) -> list[Block]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DocumentError("无法识别文本编码（应为 UTF-8 或 GBK）")
    if "\x00" in text[:1000]:
        raise DocumentError("不是文本文件（含二进制内容）")
    return blocks_from_lines(text.splitlines())


def _read_docx(path: Path) -> list[Block]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise DocumentError("不是有效的 Word（.docx）文件（可能已损坏，或是旧版 .doc 改了扩展名）") from None
    blocks: list[Block] = []
    para_no, table_no = 0, 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para_no += 1
            text = Paragraph(child, document).text.strip()
            if text:
                blocks.append(Block(text=normalize(text), kind="docx", line=para_no))
        elif tag == "tbl":
            table_no += 1
            for r, row in enumerate(Table(child, document).rows, start=1):
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip().replace("\n", "")
                    if not cells or value != cells[-1]:  # merged cells repeat
                        cells.append(value)
                if any(cells):
                    blocks.append(Block(text=normalize("\t".join(cells)), kind="table", table=table_no, row=r))
    return blocks


def _read_pdf(path: Path) -> list[Block]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover
        raise DocumentError("未安装 pdfplumber，无法读取 PDF") from None
    blocks: list[Block] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                text = page.extract_text() or ""
                blocks.extend(blocks_from_lines(text.splitlines(), page=page_no))
    except PDFPasswordIncorrect:
        raise DocumentError("PDF 已加密，无法读取") from None
    except PDFSyntaxError as exc:
        raise DocumentError(f"不是有效的 PDF 文件：{exc}") from None
    except Exception as exc:
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise DocumentError("PDF 已加密，无法读取") from None
        raise DocumentError("不是有效的 PDF 文件（无法解析，可能已损坏）") from None
    if not any(b.text for b in blocks):
        raise DocumentError("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）")
    if sum("(cid:" in b.text for b in blocks) > len(blocks) // 2:
        raise DocumentError("PDF 字体无法转为文字（cid 编码），请另存为文字版 PDF 或 Word")
    return blocks


def read_document(path: str | Path) -> Document:
    """Read one report; raises :class:`DocumentError` with the reason in Chinese."""
    p = Path(path)
    if not p.exists():
        raise DocumentError("文件不存在")
    if not p.is_file():
        raise DocumentError("不是文件")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"不支持的文件类型 {suffix or '（无扩展名）'}，应为 .txt、.md、.docx 或 .pdf")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"文件过大（{size // (1024 * 1024)} MB），上限为 {MAX_BYTES // (1024 * 1024)} MB")
    if size == 0:
        raise DocumentError("文件为空")
    try:
        if suffix in (".txt", ".md"):
            blocks = _read_text(p)
        elif suffix == ".docx":
            blocks = _read_docx(p)
        else:
            blocks = _read_pdf(p)
    except OSError as exc:
        raise DocumentError(f"无法读取文件：{exc.strerror or exc}") from None
    return Document(path=str(p), blocks=blocks)


def document_from_text(text: str, path: str = "<文本>") -> Document:
    """A document from a string (tests, generated reports, the web app)."""
    return Document(path=path, blocks=blocks_from_lines(text.splitlines()))
