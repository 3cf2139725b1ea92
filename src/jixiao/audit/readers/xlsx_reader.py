"""Workbooks (.xlsx, and .xls files that are really .xlsx): every sheet is a table of its used range. A sheet the
workbook declares but whose part is missing is named in the error, never skipped.

Cell text is what Excel shows: a number in its number format (0.00, #,##0.00, 0.00%), a cached
formula result (the file as last saved), merged regions resolved to their top-left cell.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from jixiao.audit.docmodel import Block, Table, grid
from jixiao.audit.errors import DocumentError
from jixiao.audit.numbers import normalize
from jixiao.safeio.numbers import number_problem
from jixiao.safeio.zipguard import unread_sheets

MAX_CELLS = 2_000_000


def _decimals(fmt: str) -> int | None:
    """Decimal places of a simple number format ("0.00", "#,##0.0", "0.00%"); None for General."""
    core = fmt.split(";")[0]
    if "0" not in core:
        return None
    _, dot, frac = core.partition(".")
    return len([c for c in frac if c in "0#"]) if dot else 0


def cell_text(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float, Decimal)):
        if number_problem(value) is not None:  # 1e300 or 40 digits: shown as stored, never quantized
            return str(value)
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        places = _decimals(fmt or "General")
        percent = "%" in (fmt or "")
        if percent:
            d *= 100
        if places is not None:
            d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            text = f"{d:,f}" if "," in fmt else f"{d:f}"
        else:
            if d == d.to_integral_value():
                text = f"{d.quantize(Decimal(1)):f}"
            else:
                text = f"{d.quantize(Decimal('1e-10'), rounding=ROUND_HALF_UP).normalize():f}"
        return text + ("%" if percent else "")
    return normalize(str(value).replace("\n", " ").strip())


def read_xlsx(path: Path, data: bytes) -> tuple[list[Block], list[Table]]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        wb = openpyxl.load_workbook(BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds on damaged parts (XML syntax errors, IndexError …)
        raise DocumentError("不是有效的 Excel（.xlsx）文件（可能已损坏；旧版 .xls 请另存为 .xlsx）") from None
    unread = unread_sheets(data, wb.sheetnames)
    if unread is not None:
        raise DocumentError(unread)
    tables: list[Table] = []
    for ws in wb.worksheets:
        max_row, max_col = ws.max_row or 0, ws.max_column or 0
        if max_row * max_col > MAX_CELLS:
            raise DocumentError(f"工作表「{ws.title}」过大（{max_row}行×{max_col}列）")
        rows: list[list[str]] = []
        refs: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col), start=1):
            rows.append([cell_text(c.value, c.number_format) for c in row])
            refs.append([f"{get_column_letter(k)}{r}" for k in range(1, len(row) + 1)])
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col) and r <= max_row and c <= max_col:
                        spans[(r - 1, c - 1)] = (rng.min_row - 1, rng.min_col - 1)
        while rows and not any(rows[-1]):
            rows.pop()
            refs.pop()
        if not rows:
            continue
        titles = [next(c for c in row if c) for row in rows[:3] if sum(bool(c) for c in row) == 1]
        tables.append(Table(number=len(tables) + 1, rows=grid(rows, refs=refs, spans=spans), source="xlsx",
                            sheet=ws.title, caption=" ".join(titles)))
    return [], tables
