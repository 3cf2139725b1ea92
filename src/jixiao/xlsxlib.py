"""Import openpyxl without its optional numpy support; write a workbook without temporary files.

openpyxl imports numpy at start-up only to recognise numpy scalars written into
cells. jixiao never writes numpy values, and that import costs about 0.15 s of
every command that touches a workbook, so it is skipped here. Import this module
before openpyxl; it changes nothing once numpy or openpyxl is already loaded.
"""

from __future__ import annotations

import sys
from io import BytesIO
from typing import Any
from zipfile import ZIP_STORED, ZipFile

if "openpyxl" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail inside openpyxl
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]

from openpyxl import Workbook  # after the guard above
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter


def workbook_bytes(wb: Workbook) -> bytes:
    """``wb`` as .xlsx bytes written in memory, the parts stored uncompressed (for a normaliser that
    compresses them once, :func:`jixiao.safeio.ooxml.normalize_zip`).

    openpyxl's own ``save`` writes each worksheet to a temporary file on disk first (a few
    milliseconds per sheet on a busy disk); here the sheet's XML goes to a buffer instead.
    """
    buf = BytesIO()
    _MemoryWriter(wb, ZipFile(buf, "w", ZIP_STORED, allowZip64=True)).save()
    return buf.getvalue()


class _MemoryWriter(ExcelWriter):
    def write_worksheet(self, ws: Any) -> None:
        if self.workbook.write_only:  # a write-only sheet has streamed its rows already
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=BytesIO())
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]  # (set by WorksheetWriter.__init__)
        self._archive.writestr(ws.path[1:], writer.read())  # type: ignore[attr-defined]
        self.manifest.append(ws)
