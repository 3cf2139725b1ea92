"""Pipe rows under a two-row header whose lower row repeats one group of columns under some cells of the upper row.

A page's table copied one row a line, its empty cells piled at the line's end, loses where a header cell spans::

    序号 | 时间 | 省本级 | 转移支付 | 合计 | ||
    金额 | 比例 | 金额 | 比例 | |||
    1 | 2018年 | 4250 | 85% | 750 | 15% | 5000 |
    合计 | 5290 | 35.27% | 9710 | 64.73% | 15000 |

The upper row has t cells, the lower one k ≥ 2 copies of the same g ≥ 2 cells (金额 | 比例), and the body rows
t − k + k·g cells: k consecutive cells of the upper row stand over one copy each, the others span both rows. Which k
cells is read from the body, never from arithmetic: a column under a share or rate word (比例, 占比, 执行率) holds a
percentage in every full row, a column under an amount word holds a figure that is not one, and a text cell sits only
in a column spanning both rows. The table is read only when exactly one placement fits every full row. A row one
cell short (a 合计 label spanning 序号 and 时间) is read with its label first and its figures in the last columns,
when they fit there and nowhere else; any other row ends the table, and a table that did not end at a total row is
marked incomplete. Linear in the lines.
"""

from __future__ import annotations

from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.numbers import normalize_cell

MIN_ROWS = 2
MAX_PROOF_ROWS = 50  # full rows whose cells choose the placement: bounded work from every line
MAX_CELLS = 16
_PERCENT_ROLES = frozenset({"share", "rate", "change_rate"})


def _cells(line: str) -> list[str] | None:
    """The filled cells of a packed pipe row (no empty cell before a filled one), or None."""
    if "|" not in line:
        return None
    cells = [normalize_cell(c) for c in line.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    if not cells or len(cells) > MAX_CELLS or any(not c for c in cells):
        return None
    return cells


def _kind(text: str) -> str:
    """"%" a percentage, "N" another figure, "T" text."""
    from jixiao.audit.tables import cell_value_text

    if cell_value_text(text) is None:
        return "T"
    return "%" if text.rstrip().endswith(("%", "％")) else "N"


def _fits(kinds: list[str], roles: list[str | None]) -> bool:
    """Do a row's cell kinds fit the columns' lower-header roles (None: a column spanning both header rows)?"""
    for k, role in zip(kinds, roles, strict=True):
        if role is None:
            continue
        if k == "T" or (role in _PERCENT_ROLES) != (k == "%"):
            return False
    return True


def _placements(top: list[str], group: list[str], copies: int) -> list[tuple[int, list[str | None]]]:
    """(first upper cell over a copy, lower-header role of each column) for every placement of the copies."""
    vocab = vocabulary()
    roles = [vocab.role(g) or "" for g in group]
    out = []
    for i in range(len(top) - copies + 1):
        cols: list[str | None] = [None] * i + roles * copies + [None] * (len(top) - copies - i)
        out.append((i, cols))
    return out


def _read(rows: list[list[str]], at: int, page: int | None, first_line: int, lines_of: list[int]
          ) -> tuple[int, Table] | None:
    top, sub = rows[at], rows[at + 1]
    if any(_kind(c) != "T" for c in top + sub):
        return None
    fits: list[tuple[int, list[str | None], int, int, int]] = []  # (placement, roles, copies, g, width)
    for g in range(2, len(sub) // 2 + 1):
        copies = len(sub) // g
        group = sub[:g]
        if copies * g != len(sub) or copies > len(top) or len(set(group)) != g or any(
                sub[k * g:(k + 1) * g] != group for k in range(copies)):
            continue
        width = len(top) - copies + len(sub)
        body = []
        for r in rows[at + 2:at + 2 + MAX_PROOF_ROWS]:
            if len(r) != width:
                break
            body.append([_kind(c) for c in r])
        if len(body) < MIN_ROWS:
            continue
        fits.extend((i, cols, copies, g, width) for i, cols in _placements(top, group, copies)
                    if all(_fits(b, cols) for b in body))
    if len(fits) != 1:
        return None
    i, cols, copies, g, width = fits[0]
    return _table(rows, at, i, copies, g, width, cols, page, first_line, lines_of)


def _table(rows: list[list[str]], at: int, i: int, copies: int, g: int, width: int, cols: list[str | None],
           page: int | None, first_line: int, lines_of: list[int]) -> tuple[int, Table]:
    top, sub = rows[at], rows[at + 1]
    upper: list[str] = []
    lower: list[str] = []
    for k, cell in enumerate(top):
        if i <= k < i + copies:
            upper += [cell] + [""] * (g - 1)
            lower += sub[:g]
        else:
            upper.append(cell)
            lower.append("")
    body: list[list[str]] = []
    body_lines: list[list[int | None]] = []
    j = at + 2
    whole = False
    vocab = vocabulary()
    while j < len(rows):
        r = rows[j]
        if len(r) == width - 1 and _kind(r[0]) == "T" and _fits([_kind(c) for c in r[1:]], cols[2:]) and not _fits(
                [_kind(c) for c in r[1:]], cols[1:-1]):
            r = [r[0], "", *r[1:]]  # a label spanning the first two columns
        if len(r) != width or not _fits([_kind(c) for c in r], cols):
            break
        body.append(r)
        body_lines.append([first_line + lines_of[j]] * width)
        whole = vocab.is_total_label(r[0]) or vocab.is_total_label(r[1])
        j += 1
    head_lines: list[int | None] = [first_line + lines_of[at]] * width
    table = Table(number=0, rows=grid([upper, lower, *body], lines=[head_lines, head_lines, *body_lines]),
                  source="text", page=page, caption="", line=first_line + lines_of[at], rebuilt=True,
                  form="group_header", notes=() if whole else (INCOMPLETE,))
    return j, table


def group_header_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                        ) -> list[tuple[set[int], Table]]:
    """Every pipe table under a two-row header with a repeated lower group (see the module): (line indices, table)."""
    out: list[tuple[set[int], Table]] = []
    runs: list[tuple[list[list[str]], list[int]]] = []
    cur: list[list[str]] = []
    at: list[int] = []
    for k, line in enumerate(lines):
        cells = _cells(line) if k not in taken else None
        if cells is None:
            if len(cur) >= 2 + MIN_ROWS:
                runs.append((cur, at))
            cur, at = [], []
            continue
        cur.append(cells)
        at.append(k)
    if len(cur) >= 2 + MIN_ROWS:
        runs.append((cur, at))
    for rows, lines_of in runs:
        s = 0
        while s + 2 + MIN_ROWS <= len(rows):
            got = _read(rows, s, page, first_line, lines_of)
            if got is None:
                s += 1
                continue
            end, table = got
            out.append((set(lines_of[s:end]), table))
            s = end
    return out
