"""A score form (评分表, 自评表 with 分值 and 得分) in pipe rows whose merged cells were dropped, rebuilt by its header.

A web copy of a form writes one row per line, its cells closed by "|" (rows broken over several lines are joined
first: :func:`jixiao.audit.readers.lines.join_broken_rows`). A cell merged over several rows — the 一级 and 二级
指标 of a block — is written on the block's first row only; on the rows below, its place is gone and an empty
cell stands at the row's end instead::

    序号 | 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 得分 |
    1 | 投入 (20分) | 预算编制 (10分) | 目标设定 | 5 | …… | 5 |
    2 | 预算执行率 | 5 | …… | 4 | ||

The header — a row whose filled cells all name columns, with 分值 and 得分 among them and the 指标 levels
before 分值 (a 序号 column may open it; the national form's 年度指标值 | 实际完成值 may stand between the levels and
分值) — fixes the columns. Each row's filled cells are placed from the two ends, never by arithmetic:

- the 序号 (when the form has one) is the row's first cell;
- the row's 分值 is the one cell that is a number from 0 to 100 and is followed by cells that fit the columns
  after 分值 in order (only prose columns at the row's end — 扣分原因 — may be missing, their cells empty);
- the cells just before it are the row's 指标值 cells, one per such column (they are never merged; a 总分 row
  has none);
- the cells between are the row's 指标 names, placed right-aligned in the level columns: the missing ones on
  the left are the merged cells of the rows above, kept as copies of them.

A row with no such reading (no 分值, two possible 分值, more names than levels) ends the table. Unless the last
row read is its 总分, the table's end is not proven: its last blocks may miss rows (``cut_end``: a block under its
stated 分值 there is not judged), or, with a 总分 row above them, it is ``incomplete``. The first row has no merged
cells above it: it must fill every level. Linear in the number of lines.
"""

from __future__ import annotations

from jixiao.audit.align import fits, kind, number
from jixiao.audit.docmodel import CUT_END, INCOMPLETE, Table, grid
from jixiao.audit.forms import Vocabulary, vocabulary
from jixiao.audit.packed import PipeLine, pipe_runs

MIN_ROWS = 2
MAX_WIDTH = 12
_LEVELS = frozenset({"level1", "level2", "level3", "name"})
_PROSE_TAIL = frozenset({"reason", "criteria"})
_VALUES = frozenset({"target", "achieved"})  # a row's own cells between its names and its 分值: never merged


def _roles(cells: tuple[str, ...], vocab: Vocabulary) -> list[str] | None:
    """The roles of a score form's header row, or None when the row is not one."""
    if not 4 <= len(cells) <= MAX_WIDTH or any(kind(c) in ("N", "P") for c in cells):
        return None
    roles = [vocab.role(c) for c in cells]
    if any(r is None for r in roles):
        return None
    out = [r for r in roles if r is not None]
    if any(out.count(r) > 1 for r in set(out) - _PROSE_TAIL):
        return None  # a column named twice (only prose columns may be: 指标解释 | 评分标准)
    if "weight" not in out or "score" not in out or out.index("score") < out.index("weight"):
        return None
    w = out.index("weight")
    levels = [k for k in range(w) if out[k] in _LEVELS]
    if not levels or any(out[k] != "code" for k in range(levels[0])) or any(
            out[k] not in _LEVELS for k in range(levels[0], _values_at(out))) or any(
            out[k] not in _VALUES for k in range(_values_at(out), w)):
        return None
    return out


def _values_at(roles: list[str]) -> int:
    """Where the run of 指标值 columns just before 分值 starts (年度指标值 | 实际完成值), 分值's index when none."""
    k = roles.index("weight")
    while k > 0 and roles[k - 1] in _VALUES:
        k -= 1
    return k


def _place(cells: tuple[str, ...], roles: list[str], vocab: Vocabulary) -> tuple[int, list[str]] | None:
    """(number of level cells the row writes, the row's cells in the header's columns, empty where merged or
    empty) when exactly one reading places the row, else None."""
    w = roles.index("weight")
    lead = next(k for k, r in enumerate(roles) if r in _LEVELS)
    v = _values_at(roles)
    levels, nvals = v - lead, w - v
    tail = roles[w + 1:]
    if len(cells) > len(roles):
        return None
    total = bool(cells) and vocab.is_total_label(cells[0])  # "合计 | 100 | 95": no 序号, no merged names
    first = 0 if total else lead
    if not total and not all(fits(roles[k], cells[k]) for k in range(min(lead, len(cells)))):
        return None
    # a 总分 row states figures only: its empty prose cells (评分标准, 扣分原因) were dropped from anywhere
    cols = [w + 1 + m for m, r in enumerate(tail) if not total or r not in _PROSE_TAIL]
    found: list[tuple[int, list[str]]] = []
    nv = 0 if total else nvals  # a 总分 row states figures only: its empty 指标值 cells were dropped too
    for k in range(first + nv, len(cells)):
        after = cells[k + 1:]
        names, values = cells[first:k - nv], cells[k - nv:k]
        if kind(cells[k]) != "N" or not fits("weight", cells[k]) or len(after) > len(cols):
            continue
        if not all(fits(roles[v + m], t) for m, t in enumerate(values)):
            continue
        if not all(fits(roles[c], t) for c, t in zip(cols, after, strict=False)):
            continue
        missing = [roles[c] for c in cols[len(after):]]
        if "score" in missing or any(r not in _PROSE_TAIL for r in missing):
            continue
        if total:
            if len(names) > levels or not names:
                continue
        elif not 1 <= len(names) <= levels or not all(fits(roles[lead + levels - len(names) + m], t)
                                                      for m, t in enumerate(names)):
            continue
        row = [""] * len(roles)
        row[:lead] = cells[:lead] if not total else [""] * lead
        at = lead if total else lead + levels - len(names)
        row[at:at + len(names)] = names
        row[w - len(values):w] = values
        row[w] = cells[k]
        for c, t in zip(cols, after, strict=False):
            row[c] = t
        found.append((len(names), row))
    return found[0] if len(found) == 1 else None


def _table(lines: list[PipeLine], roles: list[str], page: int | None, first_line: int,
           vocab: Vocabulary) -> tuple[set[int], Table] | None:
    width = len(roles)
    lead = next(k for k, r in enumerate(roles) if r in _LEVELS)
    levels = _values_at(roles) - lead
    head_at, head = lines[0].index, lines[0].cells
    rows: list[list[str]] = [list(head)]
    lines_of: list[list[int | None]] = [[first_line + head_at] * width]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin = [-1] * width  # the row holding each level column's own cell
    notes: list[str] = []
    used = {head_at}
    for line in lines[1:]:
        at, cells = line.index, line.cells
        placed = _place(cells, roles, vocab)
        if placed is None or (len(rows) == 1 and placed[0] < levels):
            if any(kind(t) == "N" and (v := number(t)) is not None and 0 <= v <= 100 for t in cells):
                notes.append("其后一行的分值和得分无法确定，未判断；最后一个指标块可能不全")
            break
        named, row = placed
        r = len(rows)
        total = vocab.is_total_label(cells[0])
        if not total:
            for col in range(lead, lead + levels - named):  # the merged names of the rows above
                if origin[col] >= 0:
                    spans[(r, col)] = (origin[col], col)
                    row[col] = rows[origin[col]][col]
            for col in range(lead + levels - named, lead + levels):
                origin[col] = r
        rows.append(row)
        lines_of.append([first_line + at if text and (r, col) not in spans else None for col, text in enumerate(row)])
        used.add(at)
    if len(rows) - 1 < MIN_ROWS:
        return None
    # Only a 总分 row read last proves the table's end: else the copy may go on past the rows read (a line broken
    # inside a cell, a repeated header, a row that could not be read) and its last blocks may miss rows. The
    # blocks closed before stay whole; with a 总分 row above them, no total is judged over a part.
    totals = [vocab.is_total_label(row[lead]) for row in rows[1:]]
    if not totals[-1]:
        notes.append(INCOMPLETE if any(totals) else CUT_END)
    table = Table(number=0, rows=grid(rows, lines=lines_of, spans=spans), source="text", page=page,
                  caption="评分表", line=first_line + head_at, rebuilt=True, form="pipe_scores",
                  notes=tuple(notes))
    return used, table


def pipe_score_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                      ) -> list[tuple[set[int], Table]]:
    """Every score form in pipe rows with its merged cells dropped: (line indices, table). Empty lines (rows
    joined into the line above) are passed over."""
    vocab = vocabulary()
    out: list[tuple[set[int], Table]] = []
    for run in pipe_runs(lines, taken):
        for h, line in enumerate(run):
            roles = _roles(line.cells, vocab)
            if roles is not None:
                got = _table(run[h:], roles, page, first_line, vocab)
                if got is not None:
                    out.append(got)
                break
    return out
