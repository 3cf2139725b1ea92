"""Reading user files safely: regular files only, and never more bytes than the limit.

A path may name a FIFO (opening it blocks until someone writes), a device such as
/dev/zero or /dev/urandom (endless), or a link to one of them; ``stat`` may report a
size of 0 for files that are not (``/proc``). So the file is opened without blocking
and without following nothing in particular, checked with ``fstat`` on the open
descriptor (no race between check and use), and read with a hard cap whatever its
reported size.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from jixiao.safeio.limits import LimitExceeded, Refused, current, size_text

_KINDS = (
    (stat.S_ISDIR, "文件夹"),
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISSOCK, "套接字"),
)


_last: list[str] = []


def last_opened() -> str | None:
    """The input file opened most recently in this process (named by the CLI's last-resort message)."""
    return _last[-1] if _last else None


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "特殊文件"


@contextmanager
def open_regular(path: str | Path, limit: str) -> Iterator[BinaryIO]:
    """Open ``path`` for binary reading if it is a regular file within the size limit ``limit``.

    Raises :class:`Refused` (not found, not a regular file, unreadable) or
    :class:`LimitExceeded`. The yielded file is positioned at 0.
    """
    p = str(path)
    _last[:] = [p]
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Refused("文件不存在", p, code="input.not-found") from None
    except IsADirectoryError:
        raise Refused("这是一个文件夹，应给出文件", p, code="input.not-regular") from None
    except OSError as exc:
        raise Refused(f"无法打开文件（{exc.strerror or exc}）", p, code="input.unreadable") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            link = "（或指向它的链接）" if os.path.islink(p) else ""
            raise Refused(f"这是{_kind(info.st_mode)}{link}，不是普通文件；只读取普通文件", p, code="input.not-regular")
        cap = getattr(current(), limit)
        if info.st_size > cap:
            raise LimitExceeded(limit, f"文件大小为 {size_text(info.st_size)}", p)
        os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_bytes(path: str | Path, limit: str) -> bytes:
    """The whole file, at most the limit's bytes (the size is checked again while reading)."""
    with open_regular(path, limit) as fh:
        cap = getattr(current(), limit)
        try:
            data = fh.read(cap + 1)
        except OSError as exc:
            raise Refused(f"无法读取文件（{exc.strerror or exc}）", str(path), code="input.unreadable") from None
    if len(data) > cap:
        raise LimitExceeded(limit, f"文件大小超过 {size_text(cap)}", str(path))
    return data


def read_text(path: str | Path, limit: str, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """The file decoded with the first encoding that fits; Refused names the expected encoding."""
    return decode_text(read_bytes(path, limit), str(path), encodings)


def text_of(data: bytes, file: str, limit: str, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """A file's content already in memory (a batch input sent as bytes), held to the limits and decoded as
    :func:`read_text` does for a file on disk, with the same messages."""
    if len(data) > getattr(current(), limit):
        raise LimitExceeded(limit, f"文件大小为 {size_text(len(data))}", file)
    return decode_text(data, file, encodings)


def decode_text(data: bytes, path: str, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """``data`` decoded with the first encoding that fits; Refused names the expected encoding."""
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    names = " 或 ".join("UTF-8" if e.startswith("utf-8") else e.upper() for e in encodings)
    raise Refused(f"文件不是 {names} 编码的文本", str(path), code="input.encoding")
