"""A table flattened one cell per line with "|" alone on the line after each cell, rebuilt only when its
shape leaves no doubt.

Web copies of a small table (a “三公” 决算 comparison: years as rows, categories as columns) come out as::

    年度 / | / 合计 / | / 因公出国(境)经费 / | / … / 2015年 / | / 2840 / | / 90 / | / …

No form is needed to read it: the header is the run of text cells before the first figure (less the first
row's label), and every row is a label followed by the same number of figures (a dash is an empty cell).
The table is rebuilt when

- at least two rows have exactly that shape, one after another, and
- the header has as many cells as a row, or one more: then the header had two lines, the last header
  cell spanning the sub-columns written after it, and the sub-header must open with its own 合计/小计
  ("… | 公车购置及运行维护费 | 合计 | 车辆购置 | 车辆运行") — the only place the split can be read from.

Anything else (a row of another width, text where a figure belongs, a header that cannot be split) ends
the table; when a row was cut off the table is marked ``incomplete``. Figures are never used to choose a
reading. Linear in the number of lines.
"""

from __future__ import annotations

from jixiao.audit.align import kind
from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.numbers import normalize_cell

MIN_ROWS = 2
MAX_WIDTH = 16
MAX_CELL = 40  # characters: a longer line is prose, not a cell
_TOTALS = ("合计", "小计")


def _cells(lines: list[str], taken: frozenset[int]) -> list[list[tuple[int, str]]]:
    """Runs of cells, each a line followed by a line holding only "|" (the last cell of a run may lack it)."""
    runs: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    i, n = 0, len(lines)
    while i < n:
        text = lines[i].strip()
        bar = i + 1 < n and lines[i + 1].strip() == "|"
        if i in taken or not text or text == "|" or len(text) > MAX_CELL or "|" in text:
            if len(run) > 2:
                runs.append(run)
            run = []
            i += 1
            continue
        if bar or run:
            run.append((i, normalize_cell(text)))
        if not bar:
            if len(run) > 2:
                runs.append(run)
            run = []
            i += 1
            continue
        i += 2
    if len(run) > 2:
        runs.append(run)
    return runs


def _figure(text: str) -> bool:
    return kind(text) in ("N", "P")


def _header_rows(head: list[str], width: int) -> list[list[str]] | None:
    """The header as grid rows for rows of ``width`` cells, or None when it cannot be read."""
    if len(head) == width:
        return [head]
    if len(head) != width + 1:
        return None
    opens = [k for k, t in enumerate(head) if k >= 2 and t.startswith(_TOTALS)]
    if len(opens) != 1 or len(head) - opens[0] < 2:
        return None
    k = opens[0]
    top, sub = head[:k], head[k:]
    return [top + [""] * (len(sub) - 1), [""] * (len(top) - 1) + sub]


def _table(run: list[tuple[int, str]], page: int | None, first_line: int) -> tuple[set[int], Table] | None:
    texts = [t for _, t in run]
    first = next((k for k, t in enumerate(texts) if _figure(t)), None)
    if first is None or first < 3:
        return None
    head, start = texts[:first - 1], first - 1
    width = 1
    while start + width < len(texts) and (_figure(texts[start + width]) or kind(texts[start + width]) == "D"):
        width += 1
    if not 3 <= width <= MAX_WIDTH or any(_figure(t) for t in head):
        return None
    header = _header_rows(head, width)
    if header is None:
        return None
    rows: list[list[str]] = []
    lines_of: list[list[int | None]] = []
    k = start
    cut = False
    while k < len(texts):
        row = texts[k:k + width]
        if kind(row[0]) != "T" or _figure(row[0]):
            break
        if len(row) < width or not all(_figure(t) or kind(t) == "D" for t in row[1:]):
            cut = len(row) < width or any(_figure(t) for t in row[1:])
            break
        rows.append([row[0]] + ["" if kind(t) == "D" else t for t in row[1:]])
        lines_of.append([first_line + run[k + j][0] for j in range(width)])
        k += width
    if len(rows) < MIN_ROWS:
        return None
    head_lines: list[list[int | None]] = [[first_line + run[0][0]] * width for _ in header]
    used = {run[j][0] for j in range(k)}
    used.update(range(run[0][0], run[k - 1][0] + 2))  # the "|" lines between
    table = Table(number=0, rows=grid(header + rows, lines=head_lines + lines_of), source="text", page=page,
                  line=first_line + run[0][0], rebuilt=True, form="cell_lines", notes=(INCOMPLETE,) if cut else ())
    return used, table


def cell_line_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                     ) -> list[tuple[set[int], Table]]:
    """Every table written one cell per line with "|" lines between cells: (line indices, table)."""
    out = []
    for run in _cells(lines, taken):
        got = _table(run, page, first_line)
        if got is not None:
            out.append(got)
    return out
