"""PDF limits checked before pdfminer parses a page: inflated stream sizes and the page count.

pdfminer inflates a whole content stream in memory before interpreting it, and pdfplumber
builds every page object up front, so a 1 GB stream or 100,000 pages exhaust memory and time
before the first word is read. Here every compressed stream is inflated incrementally with an
output cap (FlateDecode with zlib, LZWDecode with pdfminer's own incremental decoder), never
holding more than a chunk, and the page tree is walked lazily up to the page limit.
"""

from __future__ import annotations

import re
import zlib
from io import BytesIO

from jixiao.safeio.limits import LimitExceeded, Limits, current, size_text

_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 16
_DICT_WINDOW = 4096


def check_pdf(data: bytes, file: str) -> None:
    """Raise :class:`LimitExceeded` when a stream inflates beyond ``pdf_stream_bytes`` (or all streams
    beyond ``unzipped_bytes``) or the document has more than ``pdf_pages`` pages."""
    limits = current()
    _check_streams(data, file, limits)
    _check_pages(data, file, limits)


def _filters(data: bytes, start: int) -> bytes:
    """The stream dictionary's text before ``start`` (from its object header on)."""
    head = data[max(0, start - _DICT_WINDOW):start]
    cut = head.rfind(b" obj")
    return head[cut:] if cut >= 0 else head


def _check_streams(data: bytes, file: str, limits: Limits) -> None:
    total = 0
    for m in _STREAM.finditer(data):
        if data[max(0, m.start() - 1):m.start()].strip(b" \r\n\t") not in (b">", b""):
            continue  # "stream" inside other text: a stream keyword follows the dictionary's ">>"
        head = _filters(data, m.start())
        if b"/FlateDecode" in head or b"/Fl " in head or b"/Fl]" in head:
            size = _inflated_flate(data, m.end(), limits.pdf_stream_bytes)
        elif b"/LZWDecode" in head or b"/LZW" in head:
            size = _inflated_lzw(data, m.end(), limits.pdf_stream_bytes)
        else:
            continue
        if size > limits.pdf_stream_bytes:
            raise LimitExceeded("pdf_stream_bytes", f"PDF 中有内容流解压后超过 {size_text(limits.pdf_stream_bytes)}（疑似压缩炸弹）",
                                file)
        total += size
        if total > limits.unzipped_bytes:
            raise LimitExceeded("unzipped_bytes", f"PDF 的内容流解压后合计超过 {size_text(limits.unzipped_bytes)}", file)


def _inflated_flate(data: bytes, start: int, cap: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counting at most ``cap + 1``."""
    d = zlib.decompressobj()
    out = 0
    pos = start
    try:
        while not d.eof and pos < len(data) and out <= cap:
            chunk = data[pos:pos + _CHUNK]
            pos += len(chunk)
            out += len(d.decompress(chunk, _CHUNK * 16))
            # at the stream's end zlib may leave the rest of the file in ``unconsumed_tail``: stop at eof
            while d.unconsumed_tail and not d.eof and out <= cap:
                out += len(d.decompress(d.unconsumed_tail, _CHUNK * 16))
    except zlib.error:
        pass  # damaged or encrypted data: the reader reports it
    return out


def _inflated_lzw(data: bytes, start: int, cap: int) -> int:
    from pdfminer.lzw import LZWDecoder

    end = data.find(b"endstream", start)
    out = 0
    try:
        for chunk in LZWDecoder(BytesIO(data[start:end if end >= 0 else len(data)])).run():
            out += len(chunk)
            if out > cap:
                break
    except Exception:
        pass
    return out


def _check_pages(data: bytes, file: str, limits: Limits) -> None:
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        pages = PDFPage.create_pages(PDFDocument(PDFParser(BytesIO(data))))
        count = 0
        for _ in pages:
            count += 1
            if count > limits.pdf_pages:
                break
    except Exception:
        return
    if count > limits.pdf_pages:
        raise LimitExceeded("pdf_pages", f"PDF 超过 {limits.pdf_pages} 页", file)
