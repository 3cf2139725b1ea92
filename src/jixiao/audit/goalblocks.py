"""The 年度绩效目标 block of a 自评表 in packed pipe rows: one 得分 per 二级指标, the 分值 only in level names.

A common 项目支出绩效自评表 (湖北, 云南 and others) scores its 预算执行情况 row 20分 × 执行率 and its 年度绩效目标
block (80分) by a 得分 column with no 分值 column; the block's own label opens the header row, the first-level
cells state their 分值 in their names ("产出指标(40分)"), and the 得分 is written once per 二级指标, merged down over
the further 三级指标 of that 二级指标::

    年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
    产出指标(40分) | 数量指标 | 存储设备 | 2台 | 2台 | 10 | ||||
    WIFI覆盖 | 100% | 100% | |||||||
    质量指标 | 验收合格 | 合格 | 合格 | 10 | |||||

A web copy writes each row's own cells from the left and pads the row with empty cells at its end, so the cells
merged from the rows above are missing on the left — and the merged 得分 on the right. A row is placed from its
right end, never by arithmetic:

- ending in a 得分 (a bare number from 0 to 100) after a 完成值 that is not one: its cells fill the columns up to 得分;
- else its cells fill the columns up to 完成值, and its 得分 is blank when it writes its own 二级指标, else the
  merged 得分 of the 二级指标 above;
- either way the row writes at least its 三级指标; the level cells it leaves out on the left are the merged cells
  of the rows above (kept as copies), and the first row writes every level;
- a row whose first cell states a 分值 opens a block (一级 or 二级): it cannot start at the 三级指标;
- a row of names only that fits none of these adds no 得分 and is passed over; any other row ends the table.
  So does a 总分 row ("总分 | 99.55分"), read into the 得分 column. A row that opens a first-level block as the
  text's very last line was cut there: its cells are placed from the left.

The block's label becomes the table's first body row (``declared``: its 分值 over the first-level blocks). Unless
a 总分 row ends the table, its last blocks may miss rows (``cut_end``). Linear in the number of lines.
"""

from __future__ import annotations

import re

from jixiao.audit.align import kind, number
from jixiao.audit.docmodel import CUT_END, DECLARED, Table, grid
from jixiao.audit.forms import Vocabulary, vocabulary
from jixiao.audit.packed import PipeLine, pipe_runs

_STATED = re.compile(r"[（(]\s*\d{1,3}(?:\.\d+)?\s*分\s*[)）]")  # "(40分)" in a level cell or the block's label
_TOTAL_SCORE = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\s*分?$")  # "99.55分" on a 总分 row
_LEVELS = ("level1", "level2", "level3")
MIN_ROWS = 2
MAX_WIDTH = 10


def _roles(cells: tuple[str, ...], vocab: Vocabulary) -> tuple[str, list[str]] | None:
    """(the block's label, the roles of the other cells) of the header row, or None when the row is not one: a
    label stating its 分值, then 一级…三级指标 from the first level on, and a 得分 column last; no 分值 column."""
    if not 4 <= len(cells) <= MAX_WIDTH or not _STATED.search(cells[0]) or vocab.role(cells[0]) is not None:
        return None
    roles = [vocab.role(c) for c in cells[1:]]
    if any(r is None for r in roles):
        return None
    out = [r for r in roles if r is not None]
    if "weight" in out or out[-1] != "score" or out.count("score") > 1 or "level3" not in out:
        return None
    levels = [r for r in out if r in _LEVELS]
    if out[:len(levels)] != list(_LEVELS[3 - len(levels):]) or len(levels) < 2:
        return None
    return cells[0], out


def _is_score(text: str) -> bool:
    v = number(text) if kind(text) == "N" else None
    return v is not None and 0 <= v <= 100


def _start(cells: tuple[str, ...], roles: list[str], first: bool) -> int | None:
    """The column of the row's first cell (its cells fill the columns from there), or None when no reading fits."""
    width, l3 = len(roles), roles.index("level3")
    scored = len(cells) >= 2 and _is_score(cells[-1]) and not _is_score(cells[-2])
    end = width if scored else width - 1  # the columns the row fills end at 得分, or at 完成值
    start = end - len(cells)
    if start < 0 or start > l3 or (first and start != 0):
        return None
    if any(kind(c) != "T" for c in cells[:l3 - start + 1]):
        return None  # a level cell holding a figure
    if start == l3 and _STATED.search(cells[0]):
        return None  # a cell stating its 分值 opens a block: not a 三级指标
    return start


def _table(run: list[PipeLine], page: int | None, first_line: int, vocab: Vocabulary, last_line: int
           ) -> tuple[set[int], Table] | None:
    label, roles = _roles(run[0].cells, vocab) or ("", [])
    width, s, l3 = len(roles), len(roles) - 1, roles.index("level3")
    head = run[0]
    rows: list[list[str]] = [list(head.cells[1:]), [label] + [""] * (width - 1)]
    lines_of: list[list[int | None]] = [[first_line + head.index] * width, [first_line + head.index] + [None] * (width - 1)]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin = [-1] * width  # the row holding each level column's own cell, and (at s) the 二级指标's 得分
    used = {head.index}
    ended = False
    for line in run[1:]:
        cells = line.cells
        r = len(rows)
        if vocab.is_total_label(cells[0]):
            m = _TOTAL_SCORE.match(cells[1]) if len(cells) == 2 else None
            if m is None:
                break
            row = [""] * width
            row[0], row[s] = cells[0], m.group(1)
            rows.append(row)
            lines_of.append([first_line + line.index if t else None for t in row])
            used.add(line.index)
            ended = True
            break
        start = _start(cells, roles, r == 2)
        if start is None and line.index == last_line and _STATED.search(cells[0]) and len(cells) <= l3 + 1:
            start = 0  # the first row of a block, cut by the end of the text
        if start is None:
            if all(kind(c) == "T" and not _STATED.search(c) for c in cells):
                used.add(line.index)  # a row of names only (a wrapped cell): no 得分 of its own
                continue
            break
        row = [""] * width
        row[start:start + len(cells)] = list(cells)
        for col in range(start):  # the merged level cells of the rows above
            if origin[col] >= 0:
                spans[(r, col)] = (origin[col], col)
                row[col] = rows[origin[col]][col]
        for col in range(start, l3 + 1):
            origin[col] = r
        scored = start + len(cells) == width
        if scored or start < l3:
            origin[s] = r if scored else -1  # the row's own 得分 (blank when it opens a 二级指标 without one)
        elif origin[s] >= 0:
            spans[(r, s)] = (origin[s], s)  # a further 三级指标 under the 二级指标's merged 得分
            row[s] = rows[origin[s]][s]
        rows.append(row)
        lines_of.append([first_line + line.index if row[c] and (r, c) not in spans else None for c in range(width)])
        used.add(line.index)
    if len(rows) - 2 < MIN_ROWS:
        return None
    notes = [DECLARED] + ([] if ended else [CUT_END])
    table = Table(number=0, rows=grid(rows, lines=lines_of, spans=spans), source="text", page=page,
                  caption="绩效指标（自评表）", line=first_line + head.index, rebuilt=True, form="goal_blocks",
                  notes=tuple(notes))
    return used, table


def goal_block_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                      ) -> list[tuple[set[int], Table]]:
    """Every 年度绩效目标 block of this layout: (line indices, table). Empty lines (rows joined into the line
    above) are passed over."""
    vocab = vocabulary()
    last_line = max((k for k, t in enumerate(lines) if t.strip()), default=-1)
    rows, moved = _rejoined(lines, taken)
    out: list[tuple[set[int], Table]] = []
    for run in pipe_runs(rows, taken):
        for h, line in enumerate(run):
            if _roles(line.cells, vocab) is not None:
                got = _table(run[h:], page, first_line, vocab, last_line)
                if got is not None:
                    used, table = got
                    out.append((used | {moved[k] for k in used if k in moved}, table))
                break
    return out


MAX_BROKEN_CELL = 12  # characters of a first cell written on a line of its own


def _rejoined(lines: list[str], taken: frozenset[int]) -> tuple[list[str], dict[int, int]]:
    """The lines with a row whose first cell stands alone on the line before it ("成本指标" / "| 宣传片… | 200万 |")
    joined back, between two pipe rows; and, for each joined row, its first line → the emptied line."""
    out = list(lines)
    moved: dict[int, int] = {}
    for k in range(1, len(lines) - 1):
        cell, nxt = lines[k].strip(), lines[k + 1].strip()
        if (cell and "|" not in cell and len(cell) <= MAX_BROKEN_CELL and nxt.startswith("|") and "|" in lines[k - 1]
                and not {k, k + 1} & taken):
            out[k], out[k + 1] = f"{cell} {nxt}", ""
            moved[k] = k + 1
    return out, moved
