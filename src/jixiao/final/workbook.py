"""Write the intake workbook pre-filled from a 决算, a comment on every pre-filled cell naming its source.

The workbook is intake's own template (:func:`jixiao.intake.template.workbook_bytes`) filled with the
mapped department-year; the comments are added afterwards, so the layout stays the one intake reads back.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.final.mapping import Mapped
from jixiao.intake.layout import KV_HEADER_ROW, SHEETS, KeyValueSheet, TableSheet, table_place
from jixiao.intake.template import workbook_bytes
from jixiao.model import DepartmentYear
from jixiao.safeio.atomic import atomic_write

AUTHOR = "jixiao 决算导入"


def _kv_cell(path: str) -> tuple[str, str] | None:
    for sheet in SHEETS:
        if isinstance(sheet, KeyValueSheet):
            for i, spec in enumerate(sheet.fields):
                if spec.path == path:
                    return sheet.name, f"B{KV_HEADER_ROW + 1 + i}"
    return None


def _table_cell(path: str) -> tuple[str, str] | None:
    """Cells of the “三公” sheet: the 合计 row for totals, item rows in the order written."""
    from openpyxl.utils import get_column_letter

    for sheet in SHEETS:
        if not isinstance(sheet, TableSheet):
            continue
        place = table_place(sheet)
        columns = [spec.path for spec in sheet.columns]
        for col_path, model_path in sheet.totals:
            if model_path == path:
                return sheet.name, f"{get_column_letter(columns.index(col_path) + 1)}{place.header_row + 1}"
        for variant in sheet.variants:
            prefix = variant.path + "["
            if path.startswith(prefix):
                index, attr = path[len(prefix):].split("].", 1)
                col = next((c for c, a in variant.mapping if a == attr), None)
                if col is None or col not in columns:
                    return None
                first = place.header_row + 1 + (1 if sheet.total_label else 0)
                return sheet.name, f"{get_column_letter(columns.index(col) + 1)}{first + int(index)}"
    return None


def prefilled_bytes(department: DepartmentYear, mapped: list[Mapped], document: str) -> bytes:
    wb = load_workbook(io.BytesIO(workbook_bytes(department)))
    for m in mapped:
        where = _kv_cell(m.path) or _table_cell(m.path)
        if where is None:
            continue
        ws: Worksheet = wb[where[0]]
        comment = Comment(m.note(document), AUTHOR)
        comment.width, comment.height = 360, 120
        ws[where[1]].comment = comment
    raw = io.BytesIO()
    wb.save(raw)
    return raw.getvalue()


def write_prefilled(path: Path, department: DepartmentYear, mapped: list[Mapped], document: str, *,
                    force: bool = False) -> None:
    """Atomically; an existing file only with ``force`` (raises :class:`jixiao.safeio.WouldOverwrite`)."""
    atomic_write(path, prefilled_bytes(department, mapped, document), force=force)
