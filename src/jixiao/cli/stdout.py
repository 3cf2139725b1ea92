"""A closed standard output (``jixiao evaluate FILE | head``) changes nothing but what is shown.

When the reader of a pipe exits early, the next write to it fails (``BrokenPipeError``) — or does not,
if everything was written before the reader left: whether a command saw the error depended on timing,
and so did its exit code (0, or 1, or a traceback at the interpreter's last flush). :func:`guard_stdout`
wraps ``sys.stdout`` once, at the entry point: the first write or flush that finds the pipe closed points
file descriptor 1 at the null device (for this process and any it starts later) and the command goes on
exactly as if its output had been read — it writes its files, and it ends with the exit code it would have
had, with no message. What the reader did not take is discarded.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import Any, TextIO, cast


class _ClosedPipeSafe:
    """``sys.stdout`` whose writes and flushes to a closed pipe go to the null device instead."""

    def __init__(self, wrapped: TextIO) -> None:
        self.wrapped = wrapped

    def write(self, text: str) -> int:
        try:
            return self.wrapped.write(text)
        except BrokenPipeError:
            self._discard()
            return len(text)

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except BrokenPipeError:
            self._discard()

    def _discard(self) -> None:
        _to_null(self.wrapped.fileno())
        self.wrapped.flush()  # what was buffered goes to the null device, so the last flush at exit succeeds

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def _to_null(fd: int) -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def echo(text: str) -> None:
    """Write ``text`` to standard output and flush, as click's ``echo`` does: in UTF-8 when the stream's
    own encoding is ASCII (``PYTHONIOENCODING=ascii``), which cannot hold the Chinese of jixiao's pages."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "ascii"
    buffer = getattr(stream, "buffer", None)
    if buffer is None or codecs.lookup(encoding).name != "ascii":
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    try:
        buffer.write(text.encode("utf-8", "replace"))
        buffer.flush()
    except BrokenPipeError:  # as _ClosedPipeSafe: the rest goes to the null device
        _to_null(buffer.fileno())


def guard_stdout() -> None:
    """Make a closed ``sys.stdout`` pipe harmless for the rest of this process (see the module's text)."""
    stream = sys.stdout
    if stream is None or isinstance(stream, _ClosedPipeSafe):
        return
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture): nothing to guard
        return
    sys.stdout = cast(TextIO, _ClosedPipeSafe(stream))
