"""Plain text and Markdown (UTF-8 or GB18030)."""

from __future__ import annotations

from pathlib import Path

from jixiao.audit.docmodel import Block, Table
from jixiao.audit.errors import DocumentError
from jixiao.audit.readers.lines import read_lines


def decode(data: bytes) -> str:
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
    return text


def read_text(path: Path, data: bytes) -> tuple[list[Block], list[Table]]:
    return read_lines(decode(data).splitlines())
