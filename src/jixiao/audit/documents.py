"""Reading submitted reports into the document model (:mod:`jixiao.audit.docmodel`).

``read_document(path)`` is the one entry point: it checks the file (exists, type, size) and hands it to
the reader for its type. Supported: .txt/.md (UTF-8 or GB18030), .docx, .pdf with a text layer, and
.xlsx workbooks (also .xls files that are really .xlsx). Anything unreadable raises
:class:`DocumentError` with a Chinese reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jixiao.audit.docmodel import Block, Cell, Document, Table
from jixiao.audit.errors import DocumentError
from jixiao.audit.readers.lines import blocks_from_lines, read_lines
from jixiao.safeio.docguard import check_document
from jixiao.safeio.files import read_bytes
from jixiao.safeio.limits import Refused, current, limit_message

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".xlsx", ".xls")

Reader = Callable[[Path, bytes], tuple[list[Block], list[Table]]]


def _reader(suffix: str, head: bytes) -> Reader:
    if suffix in (".txt", ".md"):
        from jixiao.audit.readers.text_reader import read_text

        return read_text
    if suffix == ".docx":
        from jixiao.audit.readers.docx_reader import read_docx

        return read_docx
    if suffix == ".pdf":
        from jixiao.audit.readers.pdf_reader import read_pdf

        return read_pdf
    if not head.startswith(b"PK"):
        raise DocumentError("是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再审核")
    from jixiao.audit.readers.xlsx_reader import read_xlsx

    return read_xlsx


def read_document(path: str | Path) -> Document:
    """Read one report; raises :class:`DocumentError` with the reason in Chinese."""
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise DocumentError("文件不存在")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"不支持的文件类型 {suffix or '（无扩展名）'}，应为 .txt、.md、.docx、.pdf 或 .xlsx"
                            "（旧版 .xls 请在 Excel 中另存为 .xlsx，旧版 .doc 请在 Word 中另存为 .docx）")
    try:
        data = read_bytes(p, "document_bytes")  # regular files only, capped whatever stat says
        if not data:
            raise DocumentError("文件为空")
        check_document(suffix, data, str(p))
        blocks, tables = _reader(suffix, data[:8])(p, data)
    except Refused as exc:
        raise DocumentError(exc.message) from None
    except OSError as exc:
        raise DocumentError(f"无法读取文件：{exc.strerror or exc}") from None
    chars = sum(len(b.text) for b in blocks) + sum(len(c.text) for t in tables for row in t.rows for c in row)
    if chars > current().document_chars:
        raise DocumentError(limit_message("document_chars", f"报告的文字有 {chars} 个字符"))
    return Document(path=str(p), blocks=blocks, tables=tables)



def document_from_text(text: str, path: str = "<文本>") -> Document:
    """A document from a string (tests, generated reports, the web app)."""
    blocks, tables = read_lines(text.splitlines())
    return Document(path=path, blocks=blocks, tables=tables)


__all__ = ["Block", "Cell", "Document", "DocumentError", "Table", "blocks_from_lines", "document_from_text",
           "read_document"]
