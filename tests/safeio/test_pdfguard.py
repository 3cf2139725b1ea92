"""PDF limits before parsing: inflated stream size and page count, on generated files."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.safeio.limits import LimitExceeded
from jixiao.safeio.pdfguard import check_pdf
from tests.hostile.corpus import _pdf, _pdf_huge_stream, _pdf_many_pages


def test_normal_pdf_passes(tmp_path: Path) -> None:
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (1,2,3) Tj ET")
    path = _pdf(tmp_path / "ok.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream",
    ])
    check_pdf(path.read_bytes(), "ok.pdf")


def test_stream_bomb_is_refused_after_inflating_only_the_limit(tmp_path: Path) -> None:
    path = _pdf_huge_stream(tmp_path / "bomb.pdf", size=256 * 1024 * 1024)
    with pytest.raises(LimitExceeded) as info:
        check_pdf(path.read_bytes(), "bomb.pdf")
    assert info.value.limit == "pdf_stream_bytes" and "疑似压缩炸弹" in info.value.message


def test_page_count(tmp_path: Path) -> None:
    path = _pdf_many_pages(tmp_path / "pages.pdf", pages=2000)
    with pytest.raises(LimitExceeded, match="PDF 超过 500 页"):
        check_pdf(path.read_bytes(), "pages.pdf")


def test_a_stream_that_ends_inside_a_read_chunk_is_measured_and_the_check_ends(tmp_path: Path) -> None:
    """A large image (1050×540 RGB, as LibreOffice embeds a chart) inflates past one read's output cap and its
    zlib data ends inside the chunk read; zlib then leaves the rest of the file in ``unconsumed_tail``. The
    check once looped on that tail for ever (a 350 KB report PDF hung ``jixiao review``)."""
    import os
    import threading
    import zlib

    from jixiao.safeio.pdfguard import _inflated_flate

    pixels = bytes(range(256)) * (1050 * 540 * 3 // 256) + bytes(1050 * 540 * 3 % 256)
    image = zlib.compress(pixels)
    assert len(image) < 1 << 16 and len(pixels) > (1 << 16) * 16
    data = b"stream\n" + image + b"\nendstream\n" + os.urandom(40_000)
    assert _inflated_flate(data, len(b"stream\n"), 20 * 1024 * 1024) == len(pixels)

    path = _pdf(tmp_path / "image.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        f"<< /Type /XObject /Subtype /Image /Width 1050 /Height 540 /BitsPerComponent 8 /Length {len(image)}"
        " /Filter /FlateDecode /ColorSpace /DeviceRGB >>\nstream\n".encode() + image + b"\nendstream",
        b"<< /Length 40000 >>\nstream\n" + os.urandom(40_000) + b"\nendstream",
    ])
    done = threading.Event()

    def check() -> None:
        check_pdf(path.read_bytes(), "image.pdf")
        done.set()

    threading.Thread(target=check, daemon=True).start()
    assert done.wait(30), "check_pdf did not end"
