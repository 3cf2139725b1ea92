"""A score form in pipe rows that keep every cell in its place, merged cells left blank.

A 评分表 typed or copied as text one row a line may keep each cell between its bars, the cells of a merged
一级/二级指标 blank on the rows after its first::

    | 一级指标 | 二级指标 | 三级指标 | 评分标准 | 得分 |
    | 决策(15分) | 过程(8分) | 依据(4分) | 符合法规(1分) 列入计划(3分) | 4 |
    |  |  | 程序(4分) | 申报合规(3分) 有手续(1分) | 4 |

Then the n-th cell of a row is the n-th column and no placement is needed (reading the cells as a flowing
sequence takes the points of a criteria cell for further indicators). Such a run is read as a grid when

- its first line is a header whose every cell names a column of the vocabulary, with indicator levels and a
  分值 or 得分 column among them (a score form), and
- at least two lines after it have exactly the header's number of cells.

The run ends at the first line of another width. A blank level cell before the first filled level cell of its
row is that column's cell merged down from the row above (kept as a copy); blank cells after it stay blank.
Linear in the number of lines.
"""

from __future__ import annotations

from jixiao.audit.docmodel import Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell

MIN_ROWS = 2
MAX_WIDTH = 16
_LEVELS = ("level1", "level2", "level3")


def _cells(line: str) -> list[str] | None:
    s = line.strip()
    if not (s.startswith("|") and s.endswith("|")) or s.count("|") < 3:
        return None
    return [normalize_cell(c) for c in s[1:-1].split("|")]


def _score_header(cells: list[str]) -> list[str] | None:
    vocab = vocabulary()
    roles = [vocab.role(c) if c else None for c in cells]
    if len(cells) > MAX_WIDTH or any(r is None for r in roles):
        return None
    named = [r for r in roles if r is not None]
    if not any(r in _LEVELS for r in named) or not ({"weight", "score"} & set(named)):
        return None
    return named


def merged_down(rows: list[list[str]], roles: list[str]
                ) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """The rows (a header first) with every blank level cell before its row's first filled level cell taken as the
    cell above merged down (a copy of it), and the spans (position → origin) that say so."""
    levels = [k for k, r in enumerate(roles) if r in _LEVELS]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin: dict[int, int] = {}  # level column → row index of its last filled cell
    body: list[list[str]] = [rows[0]]
    for r, cells in enumerate(rows[1:], start=1):
        out = list(cells)
        first = next((k for k in levels if cells[k]), None)
        for k in levels:
            if first is not None and k >= first:
                break
            if not cells[k] and k in origin:
                spans[(r, k)] = (origin[k], k)
                out[k] = body[origin[k]][k]
        for k in levels:
            if cells[k]:
                origin[k] = r
        body.append(out)
    return body, spans


def _table(rows: list[list[str]], lines: list[int], roles: list[str], caption: str, page: int | None,
           first_line: int) -> Table:
    body, spans = merged_down(rows, roles)
    at: list[list[int | None]] = [[first_line + line] * len(roles) for line in lines]
    return Table(number=0, rows=grid(body, lines=at, spans=spans), source="text", page=page, caption=caption,
                 line=first_line + lines[0], rebuilt=True, form="pipe_grid")


def pipe_grid_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                     ) -> list[tuple[set[int], Table]]:
    """Every score form in pipe rows with its cells in place: (line indices, table)."""
    out: list[tuple[set[int], Table]] = []
    i, n = 0, len(lines)
    while i < n:
        head = _cells(lines[i]) if i not in taken else None
        roles = _score_header(head) if head is not None else None
        if head is None or roles is None:
            i += 1
            continue
        rows, at = [head], [i]
        j = i + 1
        while j < n and j not in taken:
            if not lines[j].strip():
                j += 1
                continue
            cells = _cells(lines[j])
            if cells is None or len(cells) != len(head):
                break
            rows.append(cells)
            at.append(j)
            j += 1
        if len(rows) > MIN_ROWS:
            caption = lines[i - 1].strip() if i > 0 and len(lines[i - 1].strip()) <= 40 else ""
            out.append((set(range(i, at[-1] + 1)), _table(rows, at, roles, caption, page, first_line)))
            i = at[-1] + 1
        else:
            i += 1
    return out
