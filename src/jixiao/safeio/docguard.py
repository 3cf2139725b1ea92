"""The limits of a submitted document by its type, checked on its bytes before any parser runs.

Shared by every reader of third-party documents (the auditor, the 部门决算 reader): Office
packages get the zip, DTD and worksheet checks of :mod:`jixiao.safeio.zipguard`, PDFs those
of :mod:`jixiao.safeio.pdfguard`. A damaged package is left to the reader, which can say
what the file really is.
"""

from __future__ import annotations

from io import BytesIO

from jixiao.safeio.limits import Refused


def check_document(suffix: str, data: bytes, file: str) -> None:
    """Raise :class:`Refused` (or LimitExceeded) when the document exceeds a limit."""
    from jixiao.safeio.zipguard import check_parts, check_sheets, check_zip, sheet_titles

    if suffix == ".pdf":
        from jixiao.safeio.pdfguard import check_pdf

        check_pdf(data, file)
    elif data[:2] == b"PK" and suffix in (".docx", ".xlsx", ".xlsm", ".xls"):
        what = "Word 文件" if suffix == ".docx" else "Excel 工作簿"
        try:
            check_zip(BytesIO(data), file, what)
            check_parts(BytesIO(data), file, what)
            if suffix != ".docx":
                check_sheets(BytesIO(data), file, sheet_titles(data))
        except Refused as exc:
            if exc.code != "zip.corrupt":
                raise  # a damaged package is left to the reader, which says what it is
