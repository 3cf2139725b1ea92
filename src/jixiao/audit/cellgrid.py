"""A score form copied one cell per line, every cell closed by a "|" line, empty cells kept: read as a grid.

A web page's 评分表 copied as text may put every cell on a line of its own with its bar on the next line, write an
empty cell (a merged 一级/二级指标 below its first row, an empty 市级评分) as a bar alone, and close every row with
one more bar::

    序号 / | / 一级指标 / | / … / 指标 / | / 县级 / | / 市级 / | / | / 分值 / | / 评分 / | / 评分 / | / | /
    1 / | / 决策(10) / | / 项目立项 / | / 民主议事 / | / 议事记录齐全得2分 / | / 2 / | / 2 / | / | / | /
    2 / | / | / | / 申报审批 / | / … / | / 2 / | / 2 / | / | / | / …

Every row then has as many cells as the header, and the n-th cell of a row is the n-th column: no placement is
needed. The header is a row of column words (``data/forms.yaml``) with indicator levels and a 分值 and a 得分 column,
closed by its bar; or two rows — the upper one's last cells naming no column ("指标", "县级", "市级"), the lower one
as many cells, each naming a column with the cell above it ("指标" + "分值", "县级" + "评分"). A body row is the
header's number of cells followed by the closing empty cell, its 分值 a number from 0 to 100 and every cell fitting
its column (or empty); the first group of cells that is not such a row ends the table (``cut_end`` when text
follows: the last blocks may miss rows). A blank level cell before the row's first filled level cell is the cell
above merged down (:func:`jixiao.audit.pipegrid.merged_down`). At least two rows, else nothing is read. Linear in
the number of lines.
"""

from __future__ import annotations

from jixiao.audit.align import fits, kind
from jixiao.audit.docmodel import CUT_END, Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.pipegrid import merged_down

MIN_ROWS = 2
MIN_WIDTH = 4
MAX_WIDTH = 16
MAX_CELL_LINES = 6  # lines in one cell: a longer stretch without a bar is prose
MAX_CAPTION = 40
_LEVELS = ("level1", "level2", "level3")
_CUT_NOTE = "其后一行的分值和得分无法确定，未判断"

Slot = tuple[int, str]  # (line index of the cell's first line, or of its bar when empty; text)


def _runs(lines: list[str], taken: frozenset[int]) -> list[list[Slot]]:
    """Runs of cells, each closed by a line holding only "|" (a bar after a bar is an empty cell)."""
    runs: list[list[Slot]] = []
    run: list[Slot] = []
    cur: list[str] = []
    cur_at = -1

    def close() -> None:
        nonlocal run, cur
        if len(run) >= 2 * MIN_WIDTH:
            runs.append(run)
        run, cur = [], []

    for i, raw in enumerate(lines):
        s = raw.strip()
        if i in taken or not s or ("|" in s and s != "|"):
            close()
            continue
        if s == "|":
            run.append((cur_at, normalize_cell("".join(cur))) if cur else (i, ""))
            cur = []
            continue
        if not cur:
            cur_at = i
        cur.append(s)
        if len(cur) > MAX_CELL_LINES:
            close()
    close()
    return runs


def _row_at(run: list[Slot], at: int) -> list[str] | None:
    """The filled cells from ``at`` up to the next empty cell (a row of the header), or None when the run ends first."""
    out: list[str] = []
    for _, text in run[at:at + MAX_WIDTH + 1]:
        if not text:
            return out
        out.append(text)
    return None


def _header(run: list[Slot], at: int) -> tuple[list[str], list[str], int] | None:
    """(roles, names, cells used including the closing empty cells) of a score form's header opening at ``at``."""
    vocab = vocabulary()
    top = _row_at(run, at)
    if top is None or len(top) < MIN_WIDTH:
        return None
    roles = [vocab.role(t) for t in top]
    named = next((k for k, r in enumerate(roles) if r is None), len(top))
    names = list(top)
    used = len(top) + 1
    if named < len(top):  # a second header row names the last cells
        tail = top[named:]
        sub = _row_at(run, at + used)
        if any(r is not None for r in roles[named:]) or sub is None or len(sub) != len(tail):
            return None
        joined = [vocab.role(a + b) or vocab.role(b) for a, b in zip(tail, sub, strict=True)]
        roles[named:] = joined
        names[named:] = [a + b for a, b in zip(tail, sub, strict=True)]
        used += len(sub) + 1
    found = [r for r in roles if r is not None]
    if len(found) < len(roles) or not any(r in _LEVELS for r in found) or "weight" not in found or "score" not in found:
        return None
    return found, names, used


def _body_row(cells: list[str], roles: list[str]) -> bool:
    """A row of the form: its 分值 a number from 0 to 100, every other cell fitting its column or empty, a name."""
    weight = cells[roles.index("weight")]
    if kind(weight) != "N" or not fits("weight", weight):
        return False
    if not all(not text or fits(role, text) for role, text in zip(roles, cells, strict=True)):
        return False
    return any(text and kind(text) == "T" for text in cells)


def _table(run: list[Slot], start: int, page: int | None, first_line: int) -> tuple[set[int], Table] | None:
    head = _header(run, start)
    if head is None:
        return None
    roles, names, used = head
    width = len(roles)
    rows: list[list[str]] = [names]
    at: list[list[int | None]] = [[first_line + run[start][0]] * width]
    pos = start + used
    while pos + width < len(run):
        group = run[pos:pos + width + 1]
        cells = [t for _, t in group[:width]]
        if group[width][1] or not _body_row(cells, roles):
            break
        rows.append(cells)
        at.append([first_line + line if text else None for line, text in group[:width]])
        pos += width + 1
    if len(rows) - 1 < MIN_ROWS:
        return None
    notes = (_CUT_NOTE, CUT_END) if any(t for _, t in run[pos:]) else ()
    body, spans = merged_down(rows, roles)
    caption = next((t for _, t in run[:start] if t and len(t) <= MAX_CAPTION and vocabulary().role(t) is None), "评分表")
    table = Table(number=0, rows=grid(body, lines=at, spans=spans), source="text", page=page, caption=caption,
                  line=first_line + run[start][0], rebuilt=True, form="cell_grid", notes=notes)
    return set(range(run[start][0], run[pos - 1][0] + 1)), table  # up to the last row's closing bar


def cell_grid_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                     ) -> list[tuple[set[int], Table]]:
    """Every score form one cell per line with its empty cells kept and each row closed by a bar: (line indices,
    table)."""
    out: list[tuple[set[int], Table]] = []
    for run in _runs(lines, taken):
        for start in range(len(run)):
            if run[start][1] and (start == 0 or not run[start - 1][1]):
                got = _table(run, start, page, first_line)
                if got is not None:
                    out.append(got)
                    break
    return out
