"""A multi-row table header read as one column path per column, and the column sums its shape states.

A statistics table heads its figure columns with two or three rows of merged cells::

    学段 | 项目名称 | 2021年春                                              | 2021年秋 … | 全年
                   | 财政下达资金 | 资助金额 | 资助人数 | 其中:1类     | 2类         |  …        | 资助人数 | 资助金额
                   |              |          |          | 人数 | 金额  | 人数 | 金额 |

Read top to bottom, each column has a path ("2021年春 / 其中:1类 / 人数"); a merged cell is one node of every path
under it (nodes are told apart by the cell they come from, so two cells of the same name stay two nodes). Two
shapes state sums (words in ``data/header_paths.yaml``):

- parts: a node opening with 其中 and the sibling nodes after it under the same parent are parts of the sibling
  before the list — when the parts have sub-columns, of the sibling leaf whose name ends with the sub-column's
  name (人数 → 资助人数, 金额 → 资助金额; exactly one such leaf, else nothing), else of the leaf just before the list;
- groups: a sibling node named 全年/合计/… is the whole of its siblings: each of its leaves is the sum of the leaf
  of the same name (header noise such as "(人)" aside) in every sibling, each found exactly once — else nothing.

Only a grid's header is read (every cell in its place); a header that is one row deep states neither shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.align import DASHES
from jixiao.audit.docmodel import Cell, Table
from jixiao.audit.forms import clean_header, vocabulary
from jixiao.audit.tables import cell_value_text

PARTS, GROUP = "parts", "group"
Node = tuple[tuple[int, int], str]  # (origin cell (row, col), text)


@dataclass(frozen=True)
class ColumnSum:
    total: int  # 0-based column
    parts: tuple[int, ...]
    kind: str  # PARTS (a 其中 list: may leave parts out) | GROUP (a 全年/合计 group: the whole)
    # a part that is a group's own 小计, with the columns it adds up: read in its stead where the 小计 is blank
    fallback: tuple[tuple[int, tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class Header:
    paths: tuple[tuple[Node, ...], ...]  # per column, top to bottom
    body: int  # index of the first body row
    labels: tuple[bool, ...] = ()  # per column: holds text in the body and no figure (row labels)

    def name(self, col: int) -> str:
        return " / ".join(t for _, t in self.paths[col])


@cache
def _words() -> tuple[frozenset[str], str]:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("header_paths.yaml").read_text(encoding="utf-8"))
    return frozenset(data["total_groups"]), str(data["parts_marker"])


def _origin(table: Table, cell: Cell) -> Cell:
    if cell.origin is None:
        return cell
    return table.rows[cell.origin[0] - 1][cell.origin[1] - 1]


def _figures(row: tuple[Cell, ...]) -> int:
    return sum(1 for c in row if not c.is_copy and cell_value_text(c.text) is not None)


def header(table: Table, max_rows: int = 6) -> Header | None:
    """The column paths of a grid whose header is at least two rows deep (a title row across the whole width
    aside), or None."""
    if table.rebuilt or table.width < 4:
        return None
    body = next((r for r, row in enumerate(table.rows[:max_rows + 1]) if _figures(row) >= 2), None)
    if body is None:
        return None
    rows = [row for row in table.rows[:body]
            if len({_origin(table, c).row * 1000 + _origin(table, c).col for c in row if c.text.strip() or c.is_copy}) > 1]
    if len(rows) < 2:
        return None
    nodes = _spans(table, rows)
    paths: list[tuple[Node, ...]] = []
    for j in range(table.width):
        path: list[Node] = []
        for line in nodes:
            node = line[j]
            if node is not None and node not in path:
                path.append(node)
        paths.append(tuple(path))
    if max(len(p) for p in paths) < 2:
        return None
    cells = [[row[j] for row in table.rows[body:] if j < len(row) and not row[j].is_copy] for j in range(table.width)]
    labels = tuple(not any(cell_value_text(c.text) is not None for c in col)
                   and any(c.text.strip() and c.text.strip() not in DASHES for c in col) for col in cells)
    return Header(tuple(paths), body, labels)


def _spans(table: Table, rows: list[tuple[Cell, ...]]) -> list[list[Node | None]]:
    """Each header position's node: the cell it is or copies; a blank cell right of a filled one, with a filled
    header cell below it and under the same cell above, continues the one on its left (a merge the copy lost:
    "2021年春 | | |" over "资助金额 | 资助人数 | 其中:1类")."""
    out: list[list[Node | None]] = []
    for r, row in enumerate(rows):
        line: list[Node | None] = []
        for j in range(table.width):
            cell = _origin(table, row[j]) if j < len(row) else None
            text = " ".join(cell.text.split()) if cell is not None else ""
            node: Node | None = ((cell.row, cell.col), text) if cell is not None and text else None
            if (node is None and j > 0 and line[j - 1] is not None and (cell is None or not row[j].is_copy)
                    and any(j < len(below) and below[j].text.strip() for below in rows[r + 1:])
                    and (r == 0 or out[r - 1][j] == out[r - 1][j - 1])):
                node = line[j - 1]
            line.append(node)
        out.append(line)
    return out


def _key(text: str) -> str:
    return clean_header(text)


def _children(h: Header, prefix: tuple[Node, ...]) -> list[Node]:
    """The nodes right under ``prefix``, in column order."""
    out: list[Node] = []
    d = len(prefix)
    for p in h.paths:
        if len(p) > d and p[:d] == prefix and p[d] not in out:
            out.append(p[d])
    return out


def _leaves(h: Header, prefix: tuple[Node, ...]) -> list[int]:
    """The columns under ``prefix`` (not the column that is ``prefix`` itself)."""
    return [j for j, p in enumerate(h.paths) if p[:len(prefix)] == prefix and len(p) > len(prefix)]


def _leaf(h: Header, prefix: tuple[Node, ...]) -> int | None:
    """The column whose path is exactly ``prefix``."""
    cols = [j for j, p in enumerate(h.paths) if p == prefix]
    return cols[0] if len(cols) == 1 else None


def column_sums(h: Header) -> list[ColumnSum]:
    totals, marker = _words()
    out: list[ColumnSum] = []
    prefixes = {p[:d] for p in h.paths for d in range(len(p))}
    for prefix in sorted(prefixes, key=lambda p: (len(p), [n[0] for n in p])):
        kids = _children(h, prefix)
        out += _parts(h, prefix, kids, marker)
        out += _groups(h, prefix, kids, totals)
    return out


def _parts(h: Header, prefix: tuple[Node, ...], kids: list[Node], marker: str) -> list[ColumnSum]:
    start = next((k for k, n in enumerate(kids) if n[1].replace(" ", "").startswith(marker)), None)
    if start is None or start == 0 or len(kids) - start < 2:
        return []
    parts, before = kids[start:], kids[:start]
    if not all(_additive(n[1]) for n in parts):
        return []  # "其中:占比": a share is no part
    before_leaves = [(n, j) for n in before if (j := _leaf(h, (*prefix, n))) is not None]
    subs = [_children(h, (*prefix, n)) for n in parts]
    if not any(subs):
        total = _leaf(h, (*prefix, before[-1]))
        leaf_cols = [c for n in parts if (c := _leaf(h, (*prefix, n))) is not None]
        return [ColumnSum(total, tuple(leaf_cols), PARTS)] if total is not None and len(leaf_cols) == len(parts) else []
    if not all(subs):
        return []
    out: list[ColumnSum] = []
    for sub in subs[0]:
        measure = _key(sub[1])
        cols: list[int] = []
        for n, names in zip(parts, subs, strict=True):
            same = [m for m in names if _key(m[1]) == measure]
            col = _leaf(h, (*prefix, n, same[0])) if len(same) == 1 else None
            if col is None:
                break
            cols.append(col)
        whole = [j for n, j in before_leaves if measure and _key(n[1]).endswith(measure)]
        if len(cols) == len(parts) and len(whole) == 1:
            out.append(ColumnSum(whole[0], tuple(cols), PARTS))
    return out


_NOT_ADDITIVE = frozenset({"rate", "share", "change_rate", "change", "last_year", "weight", "score", "target", "achieved"})


def _additive(text: str) -> bool:
    """Can a column of this name be a part of a sum (not a rate, share, change, prior year or score)?"""
    return vocabulary().role(text) not in _NOT_ADDITIVE and not any(ch in text for ch in "%％率比")


def _groups(h: Header, prefix: tuple[Node, ...], kids: list[Node], totals: frozenset[str]) -> list[ColumnSum]:
    whole = [n for n in kids if _key(n[1]) in totals]
    if len(whole) != 1:
        return []
    top = whole[0]
    if not _leaves(h, (*prefix, top)):
        return _subtotal(h, prefix, kids, top, totals)
    others = [n for n in kids if n != top and _leaves(h, (*prefix, n))]  # the sibling groups (plain columns aside)
    if len(others) < 2 or not all(_additive(n[1]) for n in others):
        return []
    out: list[ColumnSum] = []
    for j in _leaves(h, (*prefix, top)):
        name = tuple(_key(t) for _, t in h.paths[j][len(prefix) + 1:])
        cols: list[tuple[int, tuple[int, ...]]] = []
        for n in others:
            got = _same_name(h, (*prefix, n), name, totals)
            if got is None:
                break
            cols += got
        else:
            out.append(_column_sum(j, cols))
    return out


def _column_sum(total: int, cols: list[tuple[int, tuple[int, ...]]]) -> ColumnSum:
    return ColumnSum(total, tuple(c for c, _ in cols), GROUP, tuple((c, f) for c, f in cols if f))


def _same_name(h: Header, prefix: tuple[Node, ...], name: tuple[str, ...], totals: frozenset[str]
               ) -> list[tuple[int, tuple[int, ...]]] | None:
    """The columns under ``prefix`` that stand for ``name``, each with the columns read in its stead when it is
    blank: the one whose path below it is ``name``; or — in a group with its own 小计 ("公务用车购置及运行费: 小计 |
    购置费 | 运行费", each with 预算数 | 决算数) — its 小计's ``name`` column, or where blank the ``name`` columns of its
    other parts. None when that is not one column each."""
    def tail(k: int) -> tuple[str, ...]:
        return tuple(_key(t) for _, t in h.paths[k][len(prefix):])

    same = [k for k in _leaves(h, prefix) if tail(k) == name]
    if same:
        return [(same[0], ())] if len(same) == 1 else None
    kids = _children(h, prefix)
    subs = [n for n in kids if _key(n[1]) in totals]
    if len(subs) != 1:
        return None
    cols: list[int] = []
    own: list[int] = []
    for n in kids:
        got = [k for k, p in enumerate(h.paths) if p[:len(prefix) + 1] == (*prefix, n) and tail(k)[1:] == name]
        if n == subs[0]:
            own = got
            continue
        if len(got) != 1 or not _additive(n[1]):
            return None
        cols += got
    if not cols:
        return None
    return [(own[0], tuple(cols))] if len(own) == 1 else [(c, ()) for c in cols]


def _subtotal(h: Header, prefix: tuple[Node, ...], kids: list[Node], top: Node, totals: frozenset[str]
              ) -> list[ColumnSum]:
    """A 小计/合计 column beside the columns it adds up ("实有人数: 小计 | 行政 | 事业 | 离退休"); a sibling group with
    its own 小计 counts by it (by its other columns where it is blank). Columns of row labels (text only) are not
    parts."""
    total = _leaf(h, (*prefix, top))
    if total is None or h.labels[total]:
        return []
    cols: list[tuple[int, tuple[int, ...]]] = []
    for n in kids:
        if n == top:
            continue
        j = _leaf(h, (*prefix, n))
        got = [(j, ())] if j is not None else _same_name(h, (*prefix, n), (), totals)
        if got is None or not _additive(n[1]):
            return []
        cols += [(c, f) for c, f in got if not h.labels[c]]
    return [_column_sum(total, cols)] if len(cols) >= 2 else []
