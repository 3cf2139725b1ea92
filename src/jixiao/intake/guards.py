"""Checks on a workbook file before openpyxl touches it.

A spreadsheet is a zip archive of XML parts. Before parsing we make sure it
is one (not a renamed .xls/.csv/.docx, not an encrypted OLE2 container), that
it is not too large, and that it would not expand into far more data than its
size suggests (a zip bomb), using only the archive's directory.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from jixiao.findings import Finding, Location, Severity

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # total uncompressed ÷ compressed, checked above RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024
MAX_ENTRIES = 10_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_workbook_file(path: Path) -> list[Finding]:
    """Findings that make the file unreadable; empty when openpyxl may open it."""
    loc = Location(file=str(path))

    def fail(code: str, message: str) -> list[Finding]:
        return [Finding(code, Severity.ERROR, message, loc)]

    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        return fail("xlsx.unreadable", f"无法读取文件：{exc.strerror}")
    if size > MAX_FILE_BYTES:
        return fail("xlsx.too-large", f"文件大小为 {_mb(size)}，超过上限 {_mb(MAX_FILE_BYTES)}；填报工作簿通常不到 1 MB，请检查是否误选了文件")
    if size == 0:
        return fail("xlsx.empty", "文件是空的（0 字节），应为 Excel 工作簿（.xlsx）")
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as fh:
            data = fh.read()
        if ENCRYPTED_STREAM in data:
            return fail("xlsx.encrypted", "工作簿设置了打开密码（已加密），无法读取；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx")
        return fail("xlsx.legacy-xls", "这是旧版 Excel 97-2003 格式（.xls），不是 .xlsx；请在 Excel 中“另存为” Excel 工作簿（*.xlsx）后再导入")
    if not head.startswith(ZIP_MAGIC):
        kind = _guess_kind(head)
        return fail("xlsx.not-xlsx", f"不是 Excel 工作簿（.xlsx）{kind}；请使用 jixiao template 生成的模板填写后导入")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return fail("xlsx.corrupt", "文件已损坏，无法作为 Excel 工作簿打开（压缩结构不完整）；请重新保存或重新导出后再试")
    if len(infos) > MAX_ENTRIES:
        return fail("xlsx.too-many-parts", f"工作簿包含 {len(infos)} 个部件，超过上限 {MAX_ENTRIES}，拒绝读取")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED_BYTES or (total > RATIO_FLOOR and total / packed > MAX_RATIO):
        return fail(
            "xlsx.zip-bomb",
            f"工作簿解压后为 {_mb(total)}，是文件大小 {_mb(size)} 的 {total // packed} 倍，"
            f"超过安全上限（{_mb(MAX_UNCOMPRESSED_BYTES)}，或 {MAX_RATIO} 倍），拒绝读取",
        )
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            return fail("xlsx.not-xlsx", "这是 Word 文档（.docx），不是 Excel 工作簿；请导入填报工作簿（.xlsx）")
        if "ppt/presentation.xml" in names:
            return fail("xlsx.not-xlsx", "这是 PowerPoint 演示文稿，不是 Excel 工作簿（.xlsx）")
        if "content.xml" in names:
            return fail("xlsx.not-xlsx", "这是 OpenDocument 文件（如 .ods），不是 .xlsx；请另存为 Excel 工作簿（*.xlsx）")
        return fail("xlsx.not-xlsx", "压缩包中没有 xl/workbook.xml，不是 Excel 工作簿（.xlsx）")
    return []


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
