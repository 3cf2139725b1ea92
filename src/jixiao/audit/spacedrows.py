"""Tables pasted as lines of text whose cells are separated by spaces (a web page's table copied as text).

A page's table copied as plain text keeps one space between its cells, and an empty cell — which the page
fills with a non-breaking space — becomes one more space: "一、支出合计   250000" is a label, an empty cell
and 250000; "1、因公出国(境)费用    " a label and two empty cells. So between two cells a run of 2k + 1 spaces
holds k empty cells, and at the end of a line a run of 2k spaces holds k. :func:`spaced_cells` reads a line
so, and refuses it when a run has the other parity (the spaces were not written so).

:func:`spaced_tables` reads such a table only where its alignment is proven: a header line whose cells after
the first all name figure columns in the vocabulary (``data/forms.yaml``), then at least three rows that
each have exactly the header's number of cells, a label first and only figures or empty cells after it.
A table whose header is longer than any row proves nothing and is not read. The next line ends the table;
when that line still looks like a row of the table (a label and figures at its end, but another count of
cells: a label holding a space), the rows below it are unknown and the table is marked ``incomplete``: no
sum is judged over it.
"""

from __future__ import annotations

import re

from jixiao.audit.align import DASHES
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.tables import is_figure

MIN_ROWS = 3  # rows under the header that show the table's width
_RUN = re.compile(r" +")


def spaced_cells(line: str) -> list[str] | None:
    """The cells of a line whose cells are one space apart and whose empty cells are one space each, or
    None (a tab or "|" in the line, a run of spaces of the wrong parity, a full-width space)."""
    text = line.rstrip("\r\n").lstrip(" ")
    if not text.strip() or "|" in text or "\t" in text or "\u3000" in text or "\u00a0" in text:
        return None
    cells: list[str] = []
    pos = 0
    for m in _RUN.finditer(text):
        cells.append(text[pos:m.start()])
        run = len(m.group())
        if m.end() == len(text):  # the line's end: 2k spaces are k empty cells
            if run % 2:
                return None
            cells.extend([""] * (run // 2))
            return cells
        if run % 2 == 0:
            return None
        cells.extend([""] * (run // 2))
        pos = m.end()
    cells.append(text[pos:])
    return cells


def _names_figures(cells: list[str]) -> bool:
    """Every cell names a figure column in the vocabulary and none is a figure."""
    vocab = vocabulary()
    return all(c and not is_figure(c) and vocab.role(c) in vocab.numeric for c in cells)


def _header(cells: list[str]) -> bool:
    """A header line: a label column, then at least two cells each naming a figure column, no figure."""
    return len(cells) >= 3 and bool(cells[0]) and not is_figure(cells[0]) and _names_figures(cells[1:])


def _two_line_header(upper: list[str] | None, lower: list[str] | None) -> list[str] | None:
    """The header of a table whose header stands on two lines, or None. The page's label column spans both
    lines, so the copy writes it on the upper line only ("项目 2016年预算数") and the lower line holds the figure
    columns alone ("小计 其中:一般公共预算安排数"); the upper line is the label and ONE group spanning them all
    (two groups would leave unknown which lower cells fall under which). The header read: the upper line's
    label, then the lower line's cells."""
    if upper is None or lower is None or len(upper) != 2 or len(lower) < 2:
        return None
    if not upper[0] or is_figure(upper[0]) or not _names_figures(upper[1:]) or not _names_figures(lower):
        return None
    return [upper[0], *lower]


def _row(cells: list[str] | None, width: int) -> bool:
    """A body row of the table: the header's width, a label first, then figures or empty cells, or one
    remark without a digit repeated in every figure cell ("单位不需填列 单位不需填列": nothing filled in)."""
    if cells is None or len(cells) != width or not cells[0] or is_figure(cells[0]):
        return False
    rest = cells[1:]
    return all(c in DASHES or is_figure(c) for c in rest) or _remark(rest)


def _remark(cells: list[str]) -> bool:
    """The same words without a digit in every cell: a remark standing for "not filled in"."""
    return len(set(cells)) == 1 and bool(cells[0]) and not any(ch.isdigit() for ch in cells[0])


def _blank_remark(cells: list[str]) -> list[str]:
    """A row with its remark cells emptied (see :func:`_row`)."""
    return [cells[0], *([""] * (len(cells) - 1))] if _remark(cells[1:]) else cells


def _looks_like_row(line: str) -> bool:
    """A line that ends in a figure after a label: a row of the table the reading could not place."""
    parts = line.split()
    return len(parts) >= 2 and not is_figure(parts[0]) and is_figure(parts[-1])


def spaced_runs(lines: list[str], taken: frozenset[int]) -> list[tuple[int, int, list[list[str]], bool]]:
    """(first index, last index, rows with the header first, cut) of every table pasted with spaces between
    its cells (see the module; the rows stand on the last lines of the run, a two-line header's upper line
    before them); ``cut``: the line after the last row looks like a row the reading could not
    place, so the rows read may not be the whole table."""
    out: list[tuple[int, int, list[list[str]], bool]] = []
    i, n = 0, len(lines)
    while i < n:
        head = spaced_cells(lines[i]) if i not in taken else None
        body = i + 1
        if head is not None and not _header(head):
            lower = spaced_cells(lines[i + 1]) if i + 1 < n and i + 1 not in taken else None
            head, body = _two_line_header(head, lower), i + 2
        if head is None:
            i += 1
            continue
        width = len(head)
        j = body
        while j < n and j not in taken and _row(spaced_cells(lines[j]), width):
            j += 1
        if j - body < MIN_ROWS:
            i += 1
            continue
        rows = [[normalize_cell(c) for c in head]]
        rows += [[normalize_cell(c) for c in _blank_remark(spaced_cells(lines[k]) or [])] for k in range(body, j)]
        out.append((i, j - 1, rows, j < n and j not in taken and _looks_like_row(lines[j])))
        i = j
    return out
