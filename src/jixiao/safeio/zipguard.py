"""Zip-bomb guard for every Office package jixiao opens (.xlsx, .docx).

Only the archive's central directory is read: the number of parts, their declared
uncompressed size and the ratio to the file size. Python's zipfile never inflates an
entry beyond its declared size, so a package that passes cannot expand further
when openpyxl or python-docx reads it.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import BinaryIO

from jixiao.safeio.limits import MB, LimitExceeded, Refused, current, limit_message, size_text

# What reading a damaged or unusual package can raise (bad deflate data, an unsupported method,
# an encrypted entry); all mean "cannot be read", never a crash.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)
RATIO_FLOOR = 10 * MB  # small packages may compress very well (empty sheets); the ratio is checked above this


def check_zip(source: str | Path | BinaryIO, file: str, what: str = "Office 文件") -> list[zipfile.ZipInfo]:
    """The entries of a zip package within the limits; raises Refused/LimitExceeded naming ``file``."""
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
    except ZIP_ERRORS:
        raise _corrupt(file, what) from None
    limits = current()
    if len(infos) > limits.zip_entries:
        raise LimitExceeded("zip_entries", f"{what}包含 {len(infos)} 个部件", file)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limits.unzipped_bytes:
        raise LimitExceeded("unzipped_bytes", f"{what}解压后为 {size_text(total)}（疑似压缩炸弹）", file)
    if total > RATIO_FLOOR and total / packed > limits.zip_ratio:
        raise LimitExceeded("zip_ratio", f"{what}解压后为 {size_text(total)}，是压缩大小的 {total // packed} 倍（疑似压缩炸弹）",
                            file)
    return infos


_ROW = (b"<row ", b"<row>")
_CELL = (b"<c ", b"<c>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_LONG_NUMBER = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]{1,3}\d{1,7})"[^>]*>(?:<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)?'
                          rb"<(?:\w+:)?v>\s*[-+]?[\d.]{73}")
_CHUNK = 1 << 20
_OVERLAP = 96


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _corrupt(file: str, what: str) -> Refused:
    return Refused(f"文件已损坏，无法作为{what}打开（压缩结构不完整）；请重新保存或重新导出后再试", file, code="zip.corrupt")


def check_parts(source: str | Path | BinaryIO, file: str, what: str = "Office 文件") -> None:
    """No part of the package may declare a DTD (entity expansion is never needed in OOXML)."""
    try:
        _check_parts(source, file, what)
    except ZIP_ERRORS:
        raise _corrupt(file, what) from None


def _check_parts(source: str | Path | BinaryIO, file: str, what: str) -> None:
    with zipfile.ZipFile(source) as zf:
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")) and info.file_size:
                with zf.open(info) as fh:
                    head = fh.read(4096)
                if any(marker in head for marker in _DTD):
                    raise Refused(f"{what}的部件 {info.filename} 含有 DTD 声明（<!DOCTYPE>/<!ENTITY>），"
                                  "正常的 Office 文件不会有，可能是恶意构造的文件，拒绝读取", file, code="zip.dtd")


def check_sheets(source: str | Path | BinaryIO, file: str, names: dict[str, str] | None = None) -> None:
    """Rows, cells and merged-cell area of every worksheet, counted from the XML stream before any
    spreadsheet library builds cells (one merged range over a whole sheet is 17 billion cells).

    ``names`` maps worksheet part names to sheet titles for the messages.
    """
    try:
        _check_sheets(source, file, names)
    except ZIP_ERRORS:
        raise _corrupt(file, "Excel 工作簿") from None


def _check_sheets(source: str | Path | BinaryIO, file: str, names: dict[str, str] | None) -> None:
    limits = current()
    total_cells = 0
    with zipfile.ZipFile(source) as zf:
        for info in zf.infolist():
            name = info.filename
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            title = (names or {}).get(name)
            sheet = f"工作表「{title}」" if title else f"工作表部件 {name} "
            rows = cells = merged = 0
            tail = b""
            with zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    data = tail + chunk
                    start = len(tail)
                    rows += sum(data.count(t) - tail.count(t) for t in _ROW)
                    cells += sum(data.count(t) - tail.count(t) for t in _CELL)
                    long_number = _LONG_NUMBER.search(data)
                    if long_number is not None:
                        cell = long_number.group(1).decode()
                        raise Refused(f"{sheet}单元格 {cell}：" + limit_message("number_digits", "数字位数过多"), file,
                                      code="limit.number_digits")
                    for m in _MERGE.finditer(data):
                        if m.end() <= start:
                            continue  # counted with the previous chunk
                        c1, r1, c2, r2 = _column(m.group(1)), int(m.group(2)), _column(m.group(3)), int(m.group(4))
                        merged += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
                    if rows > limits.sheet_rows:
                        raise LimitExceeded("sheet_rows", f"{sheet}超过 {limits.sheet_rows} 行", file)
                    if merged > limits.merged_cells:
                        raise LimitExceeded("merged_cells", f"{sheet}的合并单元格覆盖 {merged} 个单元格", file)
                    tail = data[-_OVERLAP:]
            total_cells += cells
            if total_cells > limits.sheet_cells:
                raise LimitExceeded("sheet_cells", f"工作簿的单元格超过 {limits.sheet_cells} 个（至{sheet}）", file)


def sheet_titles(data: bytes) -> dict[str, str]:
    """Worksheet part name → sheet title, from workbook.xml and its relationships (best effort)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return {}

    def elements(tag: str, xml: str) -> list[dict[str, str]]:
        return [dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1))) for m in re.finditer(rf"<{tag}\s([^>]*)>", xml)]

    targets = {a.get("Id", ""): a.get("Target", "") for a in elements("Relationship", rels)}
    out: dict[str, str] = {}
    for attrs in elements("sheet", book):
        target = targets.get(attrs.get("r:id", ""), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[part] = html.unescape(attrs.get("name", ""))
    return out


def missing_sheets(data: bytes, read: Collection[str]) -> list[str]:
    """The sheets a workbook declares (xl/workbook.xml) that are not among the sheets a reader returned (``read``):
    openpyxl drops a sheet whose part is missing from the package without a word."""
    return [t for t in sheet_titles(data).values() if t and t not in read]


def unread_sheets(data: bytes, read: Collection[str]) -> str | None:
    """Why a workbook cannot be read whole, when a sheet it declares is missing from what a reader returned
    (:func:`missing_sheets`): a report without it would pass as one with nothing to find. None when every declared
    sheet was read."""
    missing = missing_sheets(data, read)
    return unread_message(missing) if missing else None


def unread_message(missing: Sequence[str]) -> str:
    """The Chinese message naming the sheets of a workbook that could not be read."""
    names = "、".join(f"「{t}」" for t in missing)
    return f"工作表{names}无法读取（文件中缺少其内容，可能已损坏）；请在 Excel 中打开、检查后重新保存再试"
