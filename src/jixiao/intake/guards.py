"""Checks on a workbook file before openpyxl touches it.

A spreadsheet is a zip archive of XML parts. Before parsing we make sure the path
is a regular file within the size limit (read once, into memory, so that what was
checked is what is parsed), that it is a workbook (not a renamed .xls/.csv/.docx,
not an encrypted OLE2 container), that it would not expand into far more data than
its size suggests (a zip bomb, judged from the archive's directory), that no part
declares a DTD, and that no worksheet has more rows, cells or merged area than the
limits (counted from the XML stream). Limits: :mod:`jixiao.safeio.limits`.
"""

from __future__ import annotations

import codecs
from io import BytesIO
from pathlib import Path

from jixiao.findings import Finding, Location, Severity
from jixiao.safeio.files import read_bytes
from jixiao.safeio.limits import Refused
from jixiao.safeio.zipguard import ZIP_ERRORS, check_parts, check_sheets, check_zip, sheet_titles

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WHAT = "Excel 工作簿"


def read_workbook_file(path: Path) -> tuple[bytes | None, list[Finding]]:
    """The workbook's bytes when openpyxl may open them, else None and the findings that say why."""
    loc = Location(file=str(path))

    def fail(code: str, message: str) -> tuple[None, list[Finding]]:
        return None, [Finding(code, Severity.ERROR, message, loc)]

    try:
        data = read_bytes(path, "workbook_bytes")
    except Refused as exc:
        return fail(exc.code, exc.message)
    head = data[:512]
    if not data:
        return fail("xlsx.empty", "文件是空的（0 字节），应为 Excel 工作簿（.xlsx）")
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            return fail("xlsx.encrypted", "工作簿设置了打开密码（已加密），无法读取；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx")
        return fail("xlsx.legacy-xls", "这是旧版 Excel 97-2003 格式（.xls），不是 .xlsx；请在 Excel 中“另存为” Excel 工作簿（*.xlsx）后再导入")
    if not head.startswith(ZIP_MAGIC):
        kind = _guess_kind(head)
        return fail("xlsx.not-xlsx", f"不是 Excel 工作簿（.xlsx）{kind}；请使用 jixiao template 生成的模板填写后导入")
    try:
        infos = check_zip(BytesIO(data), str(path), WHAT)
        names = {i.filename for i in infos}
        if "xl/workbook.xml" not in names:
            return fail("xlsx.not-xlsx", _not_workbook(names))
        check_parts(BytesIO(data), str(path), WHAT)
        check_sheets(BytesIO(data), str(path), sheet_titles(data))
    except Refused as exc:
        return fail(exc.code, exc.message)
    except ZIP_ERRORS:
        return fail("xlsx.corrupt", "文件已损坏，无法作为 Excel 工作簿打开（压缩结构不完整）；请重新保存或重新导出后再试")
    return data, []


def check_workbook_file(path: Path) -> list[Finding]:
    """Findings that make the file unreadable; empty when openpyxl may open it."""
    return read_workbook_file(path)[1]


def _not_workbook(names: set[str]) -> str:
    if "word/document.xml" in names:
        return "这是 Word 文档（.docx），不是 Excel 工作簿；请导入填报工作簿（.xlsx）"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿，不是 Excel 工作簿（.xlsx）"
    if "content.xml" in names:
        return "这是 OpenDocument 文件（如 .ods），不是 .xlsx；请另存为 Excel 工作簿（*.xlsx）"
    return "压缩包中没有 xl/workbook.xml，不是 Excel 工作簿（.xlsx）"


def _guess_kind(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "，而是 PDF 文件"
    if head.startswith(b"{\\rtf"):
        return "，而是 RTF 文档"
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "，而是网页或 XML 文件"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # may end mid-character
    except UnicodeDecodeError:
        return ""
    return "，而是纯文本（如 CSV）文件；请在 Excel 中另存为 Excel 工作簿（*.xlsx）"
