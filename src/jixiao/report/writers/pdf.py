"""自评报告.pdf, converted from the .docx by LibreOffice (:mod:`jixiao.report.pdf`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jixiao.report.writers import Package, Unavailable
from jixiao.report.writers.docx import REPORT_DOCX

REPORT_PDF = "自评报告.pdf"


def write(package: Package) -> dict[str, bytes]:
    """Raises :class:`Unavailable` when LibreOffice is absent or the conversion fails."""
    from jixiao.report.pdf import PdfUnavailable, docx_to_pdf

    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as tmp:
        source = Path(tmp) / REPORT_DOCX
        source.write_bytes(package.output("docx")[REPORT_DOCX])
        try:
            return {REPORT_PDF: docx_to_pdf(source, Path(tmp)).read_bytes()}
        except PdfUnavailable as exc:
            raise Unavailable(str(exc)) from None
