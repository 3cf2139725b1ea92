"""Everything a reader of a workbook sees, as plain data to compare two workbooks with: each cell's value, type
and style (number format, font, fill, alignment, border, protection, quote prefix), the column widths and row
heights, the frozen panes, the filter, the print area and titles, the page set-up, margins, header and footers."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet


def workbook_view(data: bytes | Path) -> dict[str, dict[str, Any]]:
    """Each sheet of the workbook (its bytes or its file) by title, as :func:`sheet_view` shows it."""
    wb = openpyxl.load_workbook(BytesIO(data) if isinstance(data, bytes) else data)
    return {ws.title: sheet_view(ws) for ws in wb.worksheets}


def sheet_view(ws: Worksheet) -> dict[str, Any]:
    hf = ws.HeaderFooter
    seen: dict[tuple[int, ...], tuple[object, ...]] = {}
    assert ws.sheet_properties.pageSetUpPr is not None
    return {
        "size": (ws.max_row, ws.max_column),
        "cells": [[_cell(c, seen) for c in row] for row in ws.iter_rows()],
        "widths": {k: (d.width, d.customWidth) for k, d in ws.column_dimensions.items()},
        "heights": {k: (d.height, d.customHeight) for k, d in ws.row_dimensions.items()},
        "panes": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "print": (ws.print_area, ws.print_title_rows, ws.print_options.horizontalCentered),
        "page": (ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.fitToWidth,
                 ws.page_setup.fitToHeight, ws.page_setup.firstPageNumber, ws.page_setup.useFirstPageNumber,
                 ws.sheet_properties.pageSetUpPr.fitToPage),
        "margins": repr(ws.page_margins),
        "footer": (*_centre(hf.oddFooter), *_centre(hf.firstFooter), *_centre(hf.oddHeader), hf.differentFirst),
    }


def _cell(cell: Any, seen: dict[tuple[int, ...], tuple[object, ...]]) -> tuple[object, ...]:
    """A cell's value, type and style (each distinct style described once: describing it is slow)."""
    key = tuple(cell._style or ())  # (None: a cell the file does not hold)
    if key not in seen:
        seen[key] = (cell.number_format, repr(cell.font), repr(cell.fill), repr(cell.alignment), repr(cell.border),
                     repr(cell.protection), cell.quotePrefix)
    return (cell.value, cell.data_type, *seen[key])


def _centre(item: Any) -> tuple[object, ...]:
    return (item.center.text, item.center.size, item.center.font)
