"""Tables pasted as lines of text whose cells are separated by spaces (a web page's table copied as text).

A page's table copied as plain text keeps one space between its cells, and an empty cell — which the page
fills with a non-breaking space — becomes one more space: "一、支出合计   250000" is a label, an empty cell
and 250000; "1、因公出国(境)费用    " a label and two empty cells. So between two cells a run of 2k + 1 spaces
holds k empty cells, and at the end of a line a run of 2k spaces holds k. :func:`spaced_cells` reads a line
so, and refuses it when a run has the other parity (the spaces were not written so).

:func:`spaced_tables` reads such a table only where its alignment is proven: a header line whose cells after
the first all name figure columns in the vocabulary (``data/forms.yaml``), then at least three rows that
each have exactly the header's number of cells, a label first and only figures or empty cells after it.
A header on two lines is read when its upper line is the label and one group over the lower line's columns, or
the label, two or more groups and perhaps a remark column over a lower line that falls into exactly as many groups
by its repeated sub-column names (:func:`_grouped_header`: "镇街 年度任务(户) 第一批已拨付 本次应拨付 备注" over
"小计 C级 D级 无房 C级 D级 无房 小计 C级 D级 无房"); under the latter every row is a label, the sub-columns' figures
and perhaps its remark. A table whose header is longer than any row proves nothing and is not read. The next line ends the table;
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


_SUBTOTALS = ("小计", "合计")
_REMARK_HEADS = ("备注", "说明")


def _segments(lower: list[str]) -> list[list[str]]:
    """The lower header line cut into its groups' sub-columns: a group's sub-columns bear distinct names, so a name
    met again, or a 小计/合计 after other names, opens the next group ("小计 C级 D级 无房 C级 D级 无房 小计 …")."""
    out: list[list[str]] = []
    for c in lower:
        if not out or c in out[-1] or (c.startswith(_SUBTOTALS) and out[-1]):
            out.append([])
        out[-1].append(c)
    return out


def _grouped_header(upper: list[str] | None, lower: list[str] | None) -> tuple[list[list[str]], bool] | None:
    """The two header rows of a table whose upper line names a label column, two or more groups and perhaps a
    remark column ("镇街 年度任务(户) 第一批已拨付(万元) 本次应拨付补助资金(万元) 备注") and whose lower line holds the
    groups' sub-columns, when the lower line falls into exactly as many groups (see :func:`_segments`), one of
    them opened by its 小计 (what the table states to be checked), and no cell is a figure; with whether the last
    column is a remark. Else None."""
    if upper is None or lower is None or len(upper) < 3 or any(not c or is_figure(c) for c in [*upper, *lower]):
        return None
    remark = upper[-1].startswith(_REMARK_HEADS)
    groups = upper[1:-1] if remark else upper[1:]
    segs = _segments(lower)
    if len(groups) < 2 or len(segs) != len(groups) or any(len(g) < 2 for g in segs) or not any(
            g[0].startswith(_SUBTOTALS) for g in segs):
        return None
    top = [upper[0]]
    for name, seg in zip(groups, segs, strict=True):
        top += [name] + [""] * (len(seg) - 1)
    tail = [upper[-1]] if remark else []
    return [top + tail, [""] + lower + [""] * len(tail)], remark


def _grouped_row(cells: list[str] | None, figures: int, remark: bool) -> list[str] | None:
    """A body row under a grouped header: a label, ``figures`` figures or dashes, then (when the table has a remark
    column) the remark's words joined, or nothing; else None."""
    if cells is None or len(cells) < figures + 1 or not cells[0] or is_figure(cells[0]):
        return None
    if not all(c in DASHES or is_figure(c) for c in cells[1:figures + 1]):
        return None
    rest = cells[figures + 1:]
    if rest and (not remark or any(is_figure(c) for c in rest)):
        return None
    return cells[:figures + 1] + ([" ".join(c for c in rest if c)] if remark else [])


def _grouped_run(lines: list[str], i: int, taken: frozenset[int]) -> tuple[int, list[list[str]]] | None:
    """(index after the last row, rows with the two header rows first) of a table under a grouped two-line header
    starting at line ``i`` (:func:`_grouped_header`), at least ``MIN_ROWS`` rows, or None."""
    n = len(lines)
    if i + 1 >= n or i + 1 in taken:
        return None
    got = _grouped_header(spaced_cells(lines[i]), spaced_cells(lines[i + 1]))
    if got is None:
        return None
    header, remark = got
    figures = len(header[1]) - 1 - (1 if remark else 0)
    rows: list[list[str]] = []
    j = i + 2
    while j < n and j not in taken and (row := _grouped_row(spaced_cells(lines[j]), figures, remark)) is not None:
        rows.append([normalize_cell(c) for c in row] + [""] * (len(header[1]) - len(row)))
        j += 1
    if len(rows) < MIN_ROWS:
        return None
    return j, [[normalize_cell(c) for c in h] for h in header] + rows


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
            grouped = _grouped_run(lines, i, taken) if i not in taken else None
            if grouped is not None:
                j, rows = grouped
                out.append((i, j - 1, rows, j < n and j not in taken and _looks_like_row(lines[j])))
                i = j
                continue
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
