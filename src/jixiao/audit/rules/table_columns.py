"""Column totals under a header tree: the “三公” table and its kin.

Many 决算 tables carry their breakdown in the columns, not the rows::

    |              一般公共预算财政拨款“三公”经费                       |
    | 合计      | 因公出国（境）费 | 公务用车购置及运行费          | 公务接待费 |
    |           |                 | 小计 | 购置费 | 运行费        |           |
    | 预算 决算 | 预算 决算        | 预算 决算 | …                 | 预算 决算 |

A header cell spans the columns to its right up to the next filled cell of its row (or its merged
region), inside the span of the cell above it; a row of measure words (预算数 | 决算数, one per
column) may close the header. In every body row, for every measure:

- a 合计/总计 column among siblings is the sum of the other siblings;
- a 小计 column under a group is the sum of the group's other columns, and stands for the group.

A blank cell is 0 when its row has figures. Siblings named 其中… are a partial list: only a sum above
the total is wrong. Columns holding names, codes, rates or scores take no part. The table's rows
are checked by :mod:`jixiao.audit.rules.table_money` (``table_sum``); this adds the columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.audit.align import kind
from jixiao.audit.docmodel import Cell, Table
from jixiao.audit.forms import Vocabulary, row_label, vocabulary
from jixiao.audit.tables import Value, cell_value
from jixiao.textfmt import number

MEASURES = frozenset({"budget_initial", "budget_final", "actual", "amount", "last_year"})
_NOT_SUMMED = frozenset({"name", "code", "rate", "share", "change_rate", "count", "weight", "score", "target",
                         "achieved", "reason", "criteria", "level1", "level2", "level3", "completion"})
_SHARES = frozenset({"share", "rate"})  # columns of a group that hold its shares, not amounts
_TOTAL = ("合计", "总计")
_SUBTOTAL = ("小计",)
MAX_BAND = 4
_RATE_LABEL = ("%", "％", "率", "增幅", "降幅", "比重", "占比")


@dataclass
class Node:
    text: str
    row: int  # 0-based table row of the header cell
    lo: int  # first column (0-based)
    hi: int  # one past the last column
    children: list[Node] = field(default_factory=list)

    @property
    def key(self) -> str:
        return row_label(self.text)


@dataclass(frozen=True)
class Check:
    """One column relation in one body row: ``total`` against ``parts`` (exact unless partial)."""

    row: int
    total: Value
    parts: tuple[Value, ...]
    names: tuple[str, ...]
    total_name: str  # "合计", with the measure when the header has one: "合计 决算数"
    exact: bool
    hint: bool = False  # a miss is a 提示: the parts are judged elsewhere (a total row's group amounts)


def _text(table: Table, cell: Cell) -> str:
    if cell.is_copy and cell.origin is not None:
        return ""  # a merged copy extends its origin; it opens nothing
    return cell.text.strip()


def _is_text_row(table: Table, r: int) -> bool:
    filled = [c for c in table.rows[r] if c.text.strip() and not c.is_copy]
    return bool(filled) and all(cell_value(c) is None for c in filled)


def _measure_row(table: Table, r: int, vocab: Vocabulary) -> bool:
    filled = [c.text for c in table.rows[r] if c.text.strip() and not c.is_copy]
    return len(filled) >= 2 and all(vocab.role(t) in MEASURES for t in filled)


def _spans(table: Table, r: int, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(first, end, text) of the header cells of row ``r`` between columns ``lo`` and ``hi``."""
    row = table.rows[r]
    starts = [j for j in range(lo, hi) if j < len(row) and _text(table, row[j])]
    out = []
    for k, j in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else hi
        out.append((j, end, _text(table, row[j])))
    return out


def _build(table: Table, band: list[int], r_at: int, lo: int, hi: int) -> list[Node]:
    if r_at >= len(band):
        return []
    nodes = [Node(t, band[r_at], a, b) for a, b, t in _spans(table, band[r_at], lo, hi)]
    if not nodes:
        return _build(table, band, r_at + 1, lo, hi)
    if nodes[0].lo > lo:  # columns before the first cell of this row belong to the node above alone
        nodes.insert(0, Node("", band[r_at], lo, nodes[0].lo))
    for n in nodes:
        n.children = _build(table, band, r_at + 1, n.lo, n.hi)
    return nodes


def _header(table: Table, vocab: Vocabulary) -> tuple[list[int], int | None, int] | None:
    """(header band rows, measure row or None, first body row) of a table whose body starts under a
    run of text rows; None when there is no such header."""
    n = len(table.rows)
    first_body = next((r for r in range(n) if not _is_text_row(table, r)
                       and any(cell_value(c) is not None for c in table.rows[r] if not c.is_copy)), None)
    if first_body is None or first_body == 0:
        return None
    band: list[int] = []
    r = first_body - 1
    while r >= 0 and len(band) < MAX_BAND + 1 and _is_text_row(table, r):
        band.insert(0, r)
        r -= 1
    while band and sum(1 for c in table.rows[band[0]] if c.text.strip() and not c.is_copy) == 1 and len(band) > 1:
        band = band[1:]  # a title or unit line above the header ("单位：万元")
    if not band:
        return None
    measure = band[-1] if _measure_row(table, band[-1], vocab) else None
    names = band[:-1] if measure is not None else band
    if not names:
        return None
    return names, measure, first_body


def _columns_of(node: Node) -> list[int]:
    return list(range(node.lo, node.hi))


def _role(table: Table, band: list[int], measure: int | None, j: int, vocab: Vocabulary) -> str | None:
    """The role of leaf column ``j`` from its lowest header text (the measure word when there is one)."""
    rows = [*band, measure] if measure is not None else band
    for r in reversed(rows):
        cell = table.rows[r][j] if j < len(table.rows[r]) else None
        if cell is None:
            continue
        src = cell
        if cell.is_copy and cell.origin is not None:
            src = table.rows[cell.origin[0] - 1][cell.origin[1] - 1]
        if src.text.strip():
            return vocab.role(src.text)
    return None


def column_checks(table: Table) -> list[Check]:
    vocab = vocabulary()
    head = _header(table, vocab)
    if head is None:
        return []
    band, measure, first_body = head
    roots = _build(table, band, 0, 0, table.width)
    if not _has_total(roots):
        return []
    measures: list[str | None] = [None]
    if measure is not None:
        roles = [_role(table, [], measure, j, vocab) for j in range(table.width)]
        measures = sorted({x for x in roles if x in MEASURES}, key=str) or [None]
    out: list[Check] = []
    for r in range(first_body, len(table.rows)):
        row = table.rows[r]
        if not any(cell_value(c) is not None for c in row if not c.is_copy) or _rate_row(row):
            continue
        total_row = vocab.is_total_label(next((c.text for c in row if c.text.strip()), ""))
        for m in measures:
            pick = _picker(table, row, measure, m, vocab)
            out.extend(_checks_in(roots, r, pick, table, band, measure, vocab, total_row))
    return out


def _rate_row(row: tuple[Cell, ...]) -> bool:
    """A row of changes or rates ("2016年比2015年增减%", "增长率"): its figures do not add up across columns."""
    label = next((c.text for c in row if c.text and cell_value(c) is None), "")
    return any(w in label for w in _RATE_LABEL)


def _picker(table: Table, row: tuple[Cell, ...], measure: int | None, m: str | None, vocab: Vocabulary
            ) -> Callable[[Node], list[Cell]]:
    """The cells of ``row`` under a node, for measure ``m`` (预算数 or 决算数 columns only)."""
    def pick(node: Node) -> list[Cell]:
        cols = [j for j in _columns_of(node) if measure is None or _role(table, [], measure, j, vocab) == m]
        return [row[j] for j in cols if j < len(row)]
    return pick


def _has_total(nodes: list[Node]) -> bool:
    return any(n.key.endswith(_TOTAL + _SUBTOTAL) or _has_total(n.children) for n in nodes)


def _leaf_cell(node: Node, pick: Callable[[Node], list[Cell]]) -> Cell | None:
    cells = pick(node)
    return cells[0] if len(cells) == 1 else None


def _label_cell(node: Node, pick: Callable[[Node], list[Cell]]) -> bool:
    """Does this row hold a name in the node's column ("2015年" under 年度): a label column, not a part."""
    cell = _leaf_cell(node, pick) if not node.children else None
    text = cell.text.strip() if cell is not None else ""
    return bool(text) and cell_value(cell) is None and kind(text) == "T" if cell is not None else False


def _amount(cell: Cell) -> Value | None:
    v = cell_value(cell)
    if v is not None and v.unit in ("%", "分"):
        return None
    return v


def _node_value(node: Node, pick: Callable[[Node], list[Cell]], blank_zero: bool) -> Value | None:
    """What a node stands for in this row: its own cell (a leaf), else its 小计 child (or a 合计 first child)."""
    if not node.children:
        cell = _leaf_cell(node, pick)
        if cell is None:
            return None
        v = _amount(cell)
        if v is None and blank_zero and not cell.text.strip().strip("-—/／"):
            return Value(Decimal(0), "", 0, "", cell)
        return v
    sub = next((c for c in node.children if c.key.endswith(_SUBTOTAL)), None)
    if sub is None and node.children[0].key.endswith(_TOTAL):  # a group's first column headed 合计
        sub = node.children[0]
    if sub is None:
        return None
    stated = _node_value(sub, pick, False)
    if stated is not None:
        return stated
    # a blank 小计: the group is what its other columns add up to, when they are filled
    rest = [_node_value(c, pick, True) for c in node.children if c is not sub and c.text]
    if not rest or any(v is None for v in rest) or not any(v is not None and v.raw for v in rest):
        return None
    vals = [v for v in rest if v is not None]
    total = sum((v.value for v in vals), Decimal(0))
    cell = _leaf_cell(sub, pick)
    if cell is None:
        return None
    return Value(total, number(total), max(v.decimals for v in vals), "", cell)


def _summable(node: Node, table: Table, band: list[int], measure: int | None, vocab: Vocabulary) -> bool:
    return all(_role(table, band, measure, j, vocab) not in _NOT_SUMMED for j in _columns_of(node))


def _amount_leaf(node: Node, table: Table, band: list[int], measure: int | None, vocab: Vocabulary) -> Node | None:
    """The one amount column of a group whose other columns are its shares ("省本级" over 金额 | 比例): the group's
    figure in a 合计 beside it."""
    if not node.children or any(c.children for c in node.children):
        return None
    amounts = [c for c in node.children if _summable(c, table, band, measure, vocab)]
    shares = [c for c in node.children if all(_role(table, band, measure, j, vocab) in _SHARES for j in _columns_of(c))]
    return amounts[0] if len(amounts) == 1 and len(shares) == len(node.children) - 1 else None


def _side(nodes: list[Node], total: Node, table: Table, band: list[int], measure: int | None, vocab: Vocabulary
          ) -> list[Node]:
    """The siblings on the total's side of a side-by-side table (收入 | 支出): between name columns."""
    def is_name(n: Node) -> bool:
        return any(_role(table, band, measure, j, vocab) == "name" for j in _columns_of(n))

    k = nodes.index(total)
    lo, hi = k, k + 1
    while lo > 0 and not is_name(nodes[lo - 1]):
        lo -= 1
    while hi < len(nodes) and not is_name(nodes[hi]):
        hi += 1
    return nodes[lo:hi]


def _checks_in(nodes: list[Node], r: int, pick: Callable[[Node], list[Cell]], table: Table, band: list[int],
               measure: int | None, vocab: Vocabulary, total_row: bool = False) -> list[Check]:
    """The checks of row ``r`` under ``nodes`` (``total_row``: the row is the table's 合计 row)."""
    out: list[Check] = []
    total = next((n for n in nodes if n.key.endswith(_TOTAL + _SUBTOTAL) and not n.children), None)
    if total is not None:
        side = _side(nodes, total, table, band, measure, vocab)
        leaves = {id(n): leaf for n in side if (leaf := _amount_leaf(n, table, band, measure, vocab)) is not None}
        others = [leaves.get(id(n), n) for n in side if n is not total and n.text]
        others = [n for n in others if _summable(n, table, band, measure, vocab) and not _label_cell(n, pick)]
        tcell = _leaf_cell(total, pick)
        tv = _amount(tcell) if tcell is not None else None
        if tv is not None and len(others) >= 1 and _summable(total, table, band, measure, vocab):
            parts = [_node_value(n, pick, True) for n in others]
            if all(p is not None for p in parts) and any(p is not None and p.raw for p in parts):
                vals = tuple(p for p in parts if p is not None)
                exact = not any(n.key.startswith("其中") or n.text.startswith("其中") for n in others)
                name = total.text
                if measure is not None and tcell is not None:
                    name += " " + table.rows[measure][tcell.col - 1].text.strip()
                # a total row's group amounts are judged down their columns: across, a wrong one fails a second
                # time, which is a 提示 (the 错误 is its column's)
                hint = total_row and any(any(n is leaf for leaf in leaves.values()) for n in others)
                out.append(Check(r, tv, vals, tuple(n.text for n in others), name, exact, hint))
    for n in nodes:
        if n.children:
            out.extend(_checks_in(n.children, r, pick, table, band, measure, vocab, total_row))
    return out
