"""Exported text that no spreadsheet evaluates (OWASP "CSV injection").

A cell whose text starts with ``= + - @`` — or with a tab or carriage return, which may
hide one of them — can be read as a formula by Excel, LibreOffice or WPS when a
reviewer opens an export; audit findings quote third-party report text, and file
names are third-party text too. In .xlsx such text is written as a string cell with
Excel's "quote prefix" (the leading apostrophe, shown nowhere and kept on edit), so
the value is exactly the text and editing the cell never turns it into a formula. In
.csv, which has no cell types, it is prefixed with an apostrophe. Plain numbers
("-3.50", "+12%") are not formulas and stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: a tab or CR may hide one of the others
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d+)?|\.\d+)%?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0, so not in .xlsx/.docx


def control_character(text: str) -> str | None:
    """The first control character XML cannot hold, shown as U+XXXX; None when there is none."""
    m = _CONTROL.search(text)
    return None if m is None else f"U+{ord(m.group()):04X}"


def cell_text(text: str) -> str:
    """Text a workbook can hold: control characters (other than tab, CR, LF) become U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def cell_value(value: Any) -> Any:
    """``cell_text`` for strings; other values unchanged (for ``ws.append`` rows)."""
    return cell_text(value) if isinstance(value, str) else value


def formula_like(text: str) -> bool:
    """Could a spreadsheet read ``text`` as a formula (it starts with one of OWASP's characters)?"""
    return text[:1] in FORMULA_START and _PLAIN_NUMBER.fullmatch(text) is None


def csv_text(value: object) -> str:
    """A CSV field that no spreadsheet evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if formula_like(text) else text


def set_text(cell: Any, value: str) -> None:
    """Put ``value`` into an openpyxl cell as inert text (a string cell, quote-prefixed when formula-like)."""
    value = cell_text(value)
    cell.value = value  # openpyxl marks text starting with "=" as a formula ...
    cell.data_type = "s"  # ... written as a string cell, it is text whatever it starts with
    if formula_like(value):
        cell.quotePrefix = True  # and stays text when a reviewer edits the cell


def inert_cells(ws: Any, min_row: int = 1) -> int:
    """Make every formula-like text cell of a worksheet inert; returns how many were changed.

    For writers that fill rows with ``ws.append`` and never mean to write a formula.
    """
    changed = 0
    for row in ws.iter_rows(min_row=min_row):
        for cell in row:
            value = cell.value
            if isinstance(value, str) and formula_like(value):
                set_text(cell, value)
                changed += 1
    return changed
