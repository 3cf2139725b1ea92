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
over it) if a 总分 row was read above it, else cut_end (the blocks closed before it are whole; only the last ones may
miss rows). Linear in the number of lines.

Other copies end each cell's line with its bar ("决策依据 (4分) |", an empty cell "|", stray bars "||" between rows):
such a line is a cell followed by a bar, and lines before the first of them are a caption, not a cell. A form without
a 分值 column whose level cells state their 分值 ("一级指标 | 二级指标 | 三级指标 | 自评分 | 具体指标 | 评价标准 | 得分")
is read from its first score column the same way. Empty cells where a row should open (the stray bars) are skipped
when the row cannot be read with them; when the first row reads only after one such bar, every row opens with a bar
alone (a copy of the page source: "| " on its own line, then the row's cells indented, each closed by " | "), and that
one bar is skipped before each row. A last row cut by the end of the text is completed with empty cells only in
columns that no row read before has filled.
"""

from __future__ import annotations

from jixiao.audit.align import fits, kind, number
from jixiao.audit.docmodel import CUT_END, INCOMPLETE, Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell

MAX_CELL_LINES = 12  # lines in one cell: a longer stretch without "|" is prose
MIN_WIDTH = 4
_LEVELS = ("level1", "level2", "level3", "name")
_REPEATABLE = ("criteria", "reason", "score")  # a 计分表 may have 具体指标 and 评价标准, 自评分 and 得分


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
        text, ending = _cell_line(s)
        if i in taken or ending < 0:
            close()
            continue
        if text:
            if ending and not run:
                cur = []  # lines before the first "cell |" line are its caption
            if not cur:
                cur_at = i
            cur.append(text)
        for _ in range(ending):
            run.append((cur_at if cur else i, normalize_cell("".join(cur))))
            cur = []
            bars += 1
        if len(cur) > MAX_CELL_LINES:
            cur = []
            close()
    close()
    return runs


def _cell_line(s: str) -> tuple[str, int]:
    """(text, bars after it) of a line: "|" and "||" are bars alone, "决策依据 (4分) |" a cell and its bar, a line
    without "|" text of a cell; (s, -1) for a line with a "|" inside (a row of another layout)."""
    if s and set(s) == {"|"}:
        return "", len(s) if len(s) <= 2 else -1
    if "|" not in s:
        return s, 0
    body = s[:-1].rstrip()
    if s.endswith("|") and "|" not in body and s[-2:-1].isspace():
        return body, 1
    return s, -1


def _header(run: list[tuple[int, str]], at: int) -> list[str] | None:
    vocab = vocabulary()
    roles: list[str] = []
    for _, text in run[at:]:
        role = vocab.role(text) if text else None
        if role is None:
            break
        roles.append(role)
    if len(roles) < MIN_WIDTH or "score" not in roles or any(
            roles.count(r) > 1 and r not in _REPEATABLE for r in roles):
        return None
    w = anchor(roles)
    if not any(r in _LEVELS for r in roles[:w]) or any(r in vocabulary().numeric for r in roles[:w]):
        return None
    return roles


def anchor(roles: list[str]) -> int:
    """The column a row is found from: its 分值, or — in a form without one — its first score column."""
    return roles.index("weight") if "weight" in roles else roles.index("score")


def _fits(role: str, text: str) -> bool:
    return fits(role, text) or (not text)


def _weight_at(cells: list[tuple[int, str]], pos: int, roles: list[str]) -> int | None:
    """The number of cells before the row's 分值 (k), when exactly one k reads the row."""
    w = anchor(roles)
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


def _after_stray_bars(run: list[tuple[int, str]], pos: int, roles: list[str]) -> tuple[int, int | None]:
    """(position, k) of the row after the empty cells opening at ``pos``, when it reads so; else (pos, None)."""
    at = pos
    while at < len(run) and not run[at][1] and at - pos < len(roles):
        at += 1
    if at == pos or at >= len(run):
        return pos, None
    k = _weight_at(run, at, roles)
    return (at, k) if k is not None else (pos, None)


def _cut_row(run: list[tuple[int, str]], pos: int, roles: list[str], rows: list[list[str]]
             ) -> tuple[list[tuple[int, str]], int | None]:
    """The run with its last row completed by empty cells, when the text ends inside that row after its 分值 and the
    missing cells' columns are empty in every row read before (or hold text); else the run unchanged and None."""
    w = anchor(roles)
    for pad in range(1, len(roles) - w):
        missing = range(len(roles) - pad, len(roles))
        if any(roles[c] in vocabulary().numeric and any(r[c] for r in rows[1:]) for c in missing):
            break
        padded = run + [(run[-1][0], "")] * pad
        k = _weight_at(padded, pos, roles)
        if k is not None and pos + k + len(roles) - w == len(padded):
            return padded, k
    return run, None


def _table(run: list[tuple[int, str]], start: int, roles: list[str], page: int | None, first_line: int
           ) -> tuple[set[int], Table] | None:
    vocab = vocabulary()
    width = len(roles)
    w = anchor(roles)
    tail = width - 1 - w
    head = [t for _, t in run[start:start + width]]
    rows: list[list[str]] = [head]
    lines_of: list[list[int | None]] = [[first_line + run[start][0]] * width]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin: list[int] = [-1] * width  # the row index holding each column's own cell
    pos = start + width
    notes: list[str] = []
    opener = False  # each row opens with a bar alone ("| " before its first cell): that bar is no cell
    totals = 0  # 总分 rows read
    while pos < len(run):
        if opener and not run[pos][1]:
            pos += 1
        k = _weight_at(run, pos, roles) if pos < len(run) else None
        if k is None and len(rows) == 1:
            first, k = _after_stray_bars(run, pos, roles)
            opener = k is not None and first == pos + 1
            pos = first
        elif k is None:
            pos, k = _after_stray_bars(run, pos, roles)
        if k is None and len(rows) > 1:
            run, k = _cut_row(run, pos, roles, rows)
        if len(rows) == 1 and k != w:
            return None  # the first row has no merged cells above it: a short one means the header was misread
        if k is None:
            rest = [t for _, t in run[pos:pos + 2 * width]]
            if any(kind(t) == "N" for t in rest):
                # only a 总分 row read above makes the rows read a part of a whole (no total judged over them); else
                # the blocks closed before the unreadable row stay whole and only the last ones may miss rows
                notes += ["其后一行的分值和得分无法确定，未判断", INCOMPLETE if totals else CUT_END]
            break
        cells = [""] * width
        at: list[int | None] = [None] * width
        prefix = run[pos:pos + k]
        total = bool(prefix) and vocab.is_total_label(prefix[0][1])
        totals += total
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
