"""A list table (一览表, 发放表) flattened one cell per line, each row opening with its 序号, rebuilt by its numbering.

Web copies of a subsidy list come out one cell per line, each line closed by its bar, empty cells as bars alone::

    序号 | / 乡 镇 | / 粮食种植面积(亩) | / 每亩补助资金(元) | / 应打卡发放资金(元) | / 备注 | /
    1 | / 梅山镇 | / 11211.57 | / 18.34 | / 205620.19 | / | / 2 | / 产业园 | / 2803.06 | / 51408.12 | / || / …

The header is the run of text cells from "序号" to the first row's "1"; a row runs from its number to the next
number (n + 1, followed by a name). A cell merged down a column — the standard per 亩 the same for every row — is
written in the first row only, so the later rows hold one cell fewer: when the cells a row lacks are exactly the
header's per-unit columns (``per_unit_headers`` in ``data/forms.yaml``) and the rows above filled them, those columns
are copies of the cell above (a merged cell); any other count of cells ends the table. A trailing text cell goes
to a 备注/说明 column at the end. The text ending inside a row (its last cell without its bar) drops that row and marks
the table incomplete. Linear in the number of lines.
"""

from __future__ import annotations

from jixiao.audit.align import kind
from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.totalgrid import per_unit

MIN_ROWS = 3
MAX_WIDTH = 16
MAX_CELL = 40  # characters: a longer line is prose, not a cell
_SERIAL = "序号"


def _cell_run(lines: list[str], start: int, taken: frozenset[int]) -> tuple[list[tuple[int, str]], bool]:
    """The cells from line ``start`` on — a line "text |" is a cell, a line of bars alone as many empty cells — up to
    a line of another kind; and whether the last cell was closed by its bar."""
    cells: list[tuple[int, str]] = []
    closed = True
    for i in range(start, len(lines)):
        s = lines[i].strip()
        if i in taken:
            break
        if not s:
            continue
        if set(s) == {"|"}:
            cells += [(i, "")] * len(s)
            closed = True
            continue
        body = s[:-1].rstrip() if s.endswith("|") else s
        if "|" in body or len(body) > MAX_CELL:
            break
        cells.append((i, normalize_cell(body)))
        closed = s.endswith("|")
        if not closed:
            break  # text without its bar: the copy ends inside this cell
    return cells, closed


def _header(cells: list[tuple[int, str]]) -> int | None:
    """How many cells the header has (from "序号" to the first row's "1"), or None."""
    for w, (_, text) in enumerate(cells[:MAX_WIDTH + 1]):
        if text == "1":
            return w if w >= 3 else None
        if not text or kind(text) == "N" or (w == 0 and text != _SERIAL):
            return None
    return None


def _rows(cells: list[tuple[int, str]], at: int) -> list[list[tuple[int, str]]]:
    """The rows from position ``at`` (a "1"): each up to the next number that a name follows."""
    rows: list[list[tuple[int, str]]] = []
    n, start = 1, at
    for k in range(at + 1, len(cells)):
        text = cells[k][1]
        if text == str(n + 1) and k + 1 < len(cells) and cells[k + 1][1] and kind(cells[k + 1][1]) != "N":
            rows.append(cells[start:k])
            n, start = n + 1, k
    rows.append(cells[start:])
    return rows


def _place(filled: list[tuple[int, str]], data: list[int], units: list[int], notes: list[int],
           merged_ok: bool) -> tuple[dict[int, tuple[int, str]], bool] | None:
    """Column → (line, text) for a row's filled cells, and whether its per-unit columns are merged from above."""
    tail: list[tuple[int, str]] = []
    if notes and filled and kind(filled[-1][1]) != "N" and len(filled) - 1 in (len(data), len(data) - len(units)):
        tail, filled = [filled[-1]], filled[:-1]
    if len(filled) == len(data):
        cols, merged = data, False
    elif units and merged_ok and len(filled) == len(data) - len(units):
        cols, merged = [c for c in data if c not in units], True
    else:
        return None
    out = dict(zip(cols, filled, strict=True))
    if tail:
        out[notes[0]] = tail[0]
    return out, merged


def serial_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                  ) -> list[tuple[set[int], Table]]:
    """Every list table written one cell per line whose rows open with their 序号: (line indices, table)."""
    out: list[tuple[set[int], Table]] = []
    vocab = vocabulary()
    i, n = 0, len(lines)
    while i < n:
        if i in taken or lines[i].strip() not in (f"{_SERIAL} |", f"{_SERIAL}|"):
            i += 1
            continue
        cells, closed = _cell_run(lines, i, taken)
        width = _header(cells)
        if width is None:
            i += 1
            continue
        head = [t for _, t in cells[:width]]
        roles = [vocab.role(h) for h in head]
        notes = [c for c in range(width) if roles[c] == "reason" and c == width - 1]
        data = [c for c in range(width) if c not in notes]
        texts = {0, *(c for c in data if roles[c] == "name")} if "name" in roles else {0, 1}  # 序号 and the name
        units = [c for c in data if c not in texts and per_unit(head[c])]
        grid_rows: list[list[str]] = [head]
        lines_of: list[list[int | None]] = [[first_line + cells[0][0]] * width]
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        table_notes: list[str] = []
        raw_rows = _rows(cells, width)
        if not closed:
            raw_rows, table_notes = raw_rows[:-1], [INCOMPLETE]  # the copy ends inside its last row
        for raw in raw_rows:
            filled = [c for c in raw if c[1]]
            placed = _place(filled, data, units, notes, len(grid_rows) > 1)
            if placed is None or any(kind(t) != "N" for c, (_, t) in placed[0].items() if c in data and c not in texts):
                table_notes = [INCOMPLETE]
                break
            cols, merged = placed
            r = len(grid_rows)
            row = [cols[c][1] if c in cols else "" for c in range(width)]
            where: list[int | None] = [first_line + cols[c][0] if c in cols else None for c in range(width)]
            if merged:
                for c in units:
                    origin = spans.get((r - 1, c), (r - 1, c))
                    spans[(r, c)] = origin
                    row[c] = grid_rows[origin[0]][c]
            grid_rows.append(row)
            lines_of.append(where)
        if len(grid_rows) - 1 >= MIN_ROWS:
            last = cells[-1][0]
            used = set(range(i, last + 1))
            out.append((used, Table(number=0, rows=grid(grid_rows, lines=lines_of, spans=spans), source="text",
                                    page=page, caption=" ".join(lines[max(i - 2, 0):i]).strip()[:60],
                                    line=first_line + i, rebuilt=True, form="serial_rows",
                                    notes=tuple(table_notes))))
            i = last + 1
        else:
            i += 1
    return out
