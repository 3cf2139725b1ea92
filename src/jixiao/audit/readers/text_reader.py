"""Plain text and Markdown (UTF-8, GB18030, or UTF-16 after a byte-order mark)."""

from __future__ import annotations

from pathlib import Path

from jixiao.audit.docmodel import Block, Table
from jixiao.audit.errors import DocumentError
from jixiao.audit.readers.lines import read_lines

# Windows Notepad's "Unicode" / "Unicode big endian": UTF-16 after its byte-order mark (UTF-8 has no byte 0xFE or
# 0xFF, GB18030 no 0xFF: no text in either starts with these two)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> str:
    encodings = ("utf-16",) if data.startswith(_UTF16_BOMS) else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DocumentError("无法识别文本编码（应为 UTF-8、GBK 或 Unicode（UTF-16））")
    if "\x00" in text[:1000]:
        raise DocumentError("不是文本文件（含二进制内容）")
    return text


def read_text(path: Path, data: bytes) -> tuple[list[Block], list[Table]]:
    return read_lines(decode(data).splitlines())
