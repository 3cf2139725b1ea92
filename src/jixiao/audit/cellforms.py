"""A score form (评分表, 得分表) flattened one cell per line with "|" alone on the line between cells, rebuilt by
its header.

Web copies of a scoring table come out as::

    一级指标 / | / 二级指标 / | / 三级指标 / | / 评分标准 / | / 分值 / | / 得分 / | / 扣分原因 / | / 投 入 / (15分) / | / …

A cell may run over several lines (they are joined), an empty cell is a "|" right after another, and a
row-spanned 一级/二级指标 cell appears on its first row only. The header — a run of cells that are all column
words, with 分值 and 得分 among them — fixes the width. Each row is found from its 分值: the only cell, at most as
many cells into the row as there are columns before 分值, that is a number from 0 to 100 and is followed by cells
that fit the columns after it; the row ends with the last column. The cells before the 分值 are placed
right-aligned (the missing ones on the left are the merged cells of the rows above, kept as copies). A stretch
that cannot be read so ends the table; when it still holds figures the table is marked incomplete (no sum
over it). Linear in the number of lines.
"""

from __future__ import annotations

from jixiao.audit.align import fits, kind, number
from jixiao.audit.docmodel import Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell

INCOMPLETE = "incomplete"
MAX_CELL_LINES = 12  # lines in one cell: a longer stretch without "|" is prose
MIN_WIDTH = 4
_LEVELS = ("level1", "level2", "level3", "name")


def _runs(lines: list[str], taken: frozenset[int]) -> list[list[tuple[int, str]]]:
    """Runs of cells (first line index, text) separated by lines holding only "|"."""
    runs: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    cur: list[str] = []
    cur_at = -1
    bars = 0

    def close() -> None:
        nonlocal run, cur, bars
        if cur:
            run.append((cur_at, normalize_cell("".join(cur))))
        if bars >= 2 * MIN_WIDTH:
            runs.append(run)
        run, cur, bars = [], [], 0

    for i, raw in enumerate(lines):
        s = raw.strip()
        if i in taken or ("|" in s and s != "|"):
            close()
            continue
        if s == "|":
            run.append((cur_at if cur else i, normalize_cell("".join(cur))))
            cur = []
            bars += 1
            continue
        if not s:
            continue
        if not cur:
            cur_at = i
        cur.append(s)
        if len(cur) > MAX_CELL_LINES:
            cur = []
            close()
    close()
    return runs


def _header(run: list[tuple[int, str]], at: int) -> list[str] | None:
    vocab = vocabulary()
    roles: list[str] = []
    for _, text in run[at:]:
        role = vocab.role(text) if text else None
        if role is None:
            break
        roles.append(role)
    if len(roles) < MIN_WIDTH or "weight" not in roles or "score" not in roles or len(set(roles)) < len(roles):
        return None
    w = roles.index("weight")
    if not any(r in _LEVELS for r in roles[:w]) or any(r in vocabulary().numeric for r in roles[:w]):
        return None
    return roles


def _fits(role: str, text: str) -> bool:
    return fits(role, text) or (not text)


def _weight_at(cells: list[tuple[int, str]], pos: int, roles: list[str]) -> int | None:
    """The number of cells before the row's 分值 (k), when exactly one k reads the row."""
    w = roles.index("weight")
    deepest = max(k for k, r in enumerate(roles[:w]) if r in _LEVELS)
    tail = roles[w + 1:]
    found: list[int] = []
    total = vocabulary().is_total_label(cells[pos][1])  # "合计 | 100 | 96": a total row needs no name
    for k in range(1 if total else w - deepest, w + 1):
        j = pos + k
        if j + len(tail) >= len(cells):
            break
        text = cells[j][1]
        v = number(text) if kind(text) == "N" else None
        if v is None or not 0 <= v <= 100:
            continue
        prefix = [t for _, t in cells[pos:j]]
        if not total and not prefix[deepest - (w - k)]:
            continue  # the row's name is missing: not a row
        if not all(_fits(roles[w - k + m], t) for m, t in enumerate(prefix)):
            continue
        if all(_fits(role, cells[j + 1 + m][1]) for m, role in enumerate(tail)):
            found.append(k)
    return found[0] if len(found) == 1 else None


def _table(run: list[tuple[int, str]], start: int, roles: list[str], page: int | None, first_line: int
           ) -> tuple[set[int], Table] | None:
    vocab = vocabulary()
    width = len(roles)
    w = roles.index("weight")
    tail = width - 1 - w
    head = [t for _, t in run[start:start + width]]
    rows: list[list[str]] = [head]
    lines_of: list[list[int | None]] = [[first_line + run[start][0]] * width]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin: list[int] = [-1] * width  # the row index holding each column's own cell
    pos = start + width
    notes: list[str] = []
    while pos < len(run):
        k = _weight_at(run, pos, roles)
        if k is None:
            rest = [t for _, t in run[pos:pos + 2 * width]]
            if any(kind(t) == "N" for t in rest):
                notes += ["其后一行的分值和得分无法确定，未判断", INCOMPLETE]
            break
        cells = [""] * width
        at: list[int | None] = [None] * width
        prefix = run[pos:pos + k]
        total = bool(prefix) and vocab.is_total_label(prefix[0][1])
        offset = 0 if total else w - k
        for m, (line, text) in enumerate(prefix):
            cells[offset + m] = text
            at[offset + m] = first_line + line
        for m in range(tail + 1):
            line, text = run[pos + k + m]
            cells[w + m] = text
            at[w + m] = first_line + line if text else None
        r = len(rows)
        if not total:
            for col in range(w - k):
                if roles[col] in _LEVELS and origin[col] >= 0:
                    spans[(r, col)] = (origin[col], col)
                    cells[col] = rows[origin[col]][col]
        for col in range(width):
            if (r, col) not in spans and cells[col] and roles[col] in _LEVELS:
                origin[col] = r
        rows.append(cells)
        lines_of.append(at)
        pos += k + tail + 1
    if len(rows) < 3:
        return None
    used = set(range(run[start][0], run[min(pos, len(run)) - 1][0] + 2))
    table = Table(number=0, rows=grid(rows, lines=lines_of, spans=spans), source="text", page=page,
                  caption="评分表", line=first_line + run[start][0], rebuilt=True, form="cell_scores",
                  notes=tuple(notes))
    return used, table


def cell_score_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                      ) -> list[tuple[set[int], Table]]:
    """Every score form written one cell per line with "|" lines between cells: (line indices, table)."""
    out = []
    for run in _runs(lines, taken):
        for start in range(min(len(run), 8)):  # the header opens the run (a caption cell may come first)
            roles = _header(run, start)
            if roles is not None:
                got = _table(run, start, roles, page, first_line)
                if got is not None:
                    out.append(got)
                break
    return out
