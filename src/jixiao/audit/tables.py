"""What a table says: header rows, column roles, row labels, hierarchy and the figures in its cells.

A table (:class:`jixiao.audit.docmodel.Table`) is split into :class:`Section` s, one per header: a
header is a row (or a run of rows) whose filled cells name columns in the vocabulary of
``data/forms.yaml`` and hold no figures. Side-by-side tables in one grid (收入 | 支出) are separate
sections. Each body row gets a label, a depth (from 一、（一）1.（1）, 其中, indentation or a
科目编码's length) and a total flag; :func:`children` and :func:`total_parts` give the rows a total or
a parent stands for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cached_property

from jixiao.audit.docmodel import CUT_END, INCOMPLETE, Cell, Table
from jixiao.audit.forms import Vocabulary, row_label, vocabulary
from jixiao.audit.totalgrid import FIGURE, counted, header_row
from jixiao.final.recognise import AMOUNT_DIGITS
from jixiao.numbering import LEVELS

_VALUE = re.compile(rf"^([-−+]?)({AMOUNT_DIGITS})(%|万元|万|元|亿元|千元|分|人|名|个|项|家|次|户|台|辆)?$")
_UNIT_NOTE = re.compile(r"(?:单位|金额单位)[:：]?\s*(万元|元|千元|亿元)|[（(](万元|元|千元|亿元)[)）]")
_LETTER = re.compile(r"[（(]([A-Z])[)）]")
_FORMULA = re.compile(r"[（(]([A-Z])\s*[/÷]\s*([A-Z])(?:\s*[×*]\s*[1１]00\s*[%％])?[)）]")  # "(B/A)", "(B/A×100%)"
_DEPTH_MARK = tuple((re.compile(f"^{mark}"), depth) for depth, mark in enumerate(LEVELS, 1))
_INDENT = re.compile(r"^[\s\u3000]*")
_PART_WORD = re.compile(r"^其中[:：]?\s*")
_CODE = re.compile(r"^\d{3,}$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SPECIFIC_AMOUNT = frozenset({"budget_initial", "budget_final", "actual", "last_year"})


@dataclass(frozen=True)
class Value:
    """A figure in a cell."""

    value: Decimal
    raw: str  # the cell text as written
    decimals: int
    unit: str  # "%" or a unit written in the cell, else ""
    cell: Cell


def cell_value_text(text: str) -> Decimal | None:
    """The figure a cell's text holds, or None."""
    v = cell_value(Cell(text=text, row=0, col=0))
    return v.value if v is not None else None


def is_figure(text: str) -> bool:
    """Whether a cell's text holds a figure (the test every text-table reader makes of a cell)."""
    return cell_value_text(text) is not None


def cell_value(cell: Cell) -> Value | None:
    text = cell.text.replace(" ", "").replace("\u3000", "").replace("，", ",")
    m = _VALUE.match(text)
    if not m:
        return None
    try:
        v = Decimal(m.group(2).replace(",", ""))
    except InvalidOperation:
        return None
    if m.group(1) in ("-", "−"):
        v = -v
    return Value(v, cell.text.strip(), len(m.group(2).partition(".")[2]), m.group(3) or "", cell)


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    role: str | None
    header: str  # header texts from top to bottom, joined by "/"
    letter: str = ""  # "A" in "全年预算数（A）"
    formula: tuple[str, str] | None = None  # ("B", "A") in "执行率（B/A）"


@dataclass(frozen=True)
class Row:
    index: int  # 0-based row index in the table
    cells: tuple[Cell, ...]
    label: str  # the row's name as written
    depth: int
    total: bool
    part: bool  # opens or continues a "其中" breakdown
    implied: bool = False  # a parent known only because its figures are the sums of the rows under it

    @property
    def number(self) -> int:
        return self.cells[0].row if self.cells else self.index + 1


@dataclass(frozen=True)
class Section:
    table: Table
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def column(self, role: str) -> Column | None:
        """The column of this role; of several, the first that holds a figure in some row (an empty
        one — a stray header word such as a glued "自评权重" over block labels — states nothing)."""
        cols = self.columns_of(role)
        if len(cols) > 1:
            return next(iter(self.filled_columns(role)), cols[0])
        return cols[0] if cols else None

    def columns_of(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    @cached_property
    def leading_totals(self) -> int:
        """How many rows, from the first, are total rows (counted once: every total row asks)."""
        return next((i for i, r in enumerate(self.rows) if not r.total), len(self.rows))

    @cached_property
    def layout(self) -> str:
        """How the total rows stand to the rows they add up (:func:`heads`), worked out once: every total row asks."""
        return heads(self)

    @cached_property
    def parents(self) -> tuple[int | None, ...]:
        """For each row, the index of the nearest row above it that is shallower (its parent), or None; one pass."""
        out: list[int | None] = []
        stack: list[int] = []  # rows above, shallower from the bottom up
        for k, row in enumerate(self.rows):
            while stack and self.rows[stack[-1]].depth >= row.depth:
                stack.pop()
            out.append(stack[-1] if stack else None)
            stack.append(k)
        return tuple(out)

    @cached_property
    def last_total(self) -> int | None:
        """The index of the last total row, or None (found once: every total row asks)."""
        return next((i for i in range(len(self.rows) - 1, -1, -1) if self.rows[i].total), None)

    def filled_columns(self, role: str) -> list[Column]:
        """The columns of this role that hold a figure in some row."""
        return [c for c in self.columns_of(role) if any(self.value(r, c) is not None for r in self.rows)]

    def value(self, row: Row, col: Column) -> Value | None:
        if col.index >= len(row.cells):
            return None
        cell = row.cells[col.index]
        if cell.is_copy:
            return None
        return cell_value(cell)

    @property
    def complete(self) -> bool:
        return INCOMPLETE not in self.table.notes

    @cached_property
    def uncertain(self) -> frozenset[int]:
        """Row numbers whose figures a rebuild could not place (their cells are blank): no sum spans them."""
        return frozenset(int(n.rpartition(":")[2]) for n in self.table.notes if n.startswith("uncertain_row:"))

    def spans_uncertain(self, rows: list[Row]) -> bool:
        """Does the stretch of rows from the first to the last of ``rows`` hold a row of unplaced figures?"""
        if not self.uncertain or not rows:
            return False
        lo, hi = min(r.number for r in rows), max(r.number for r in rows)
        return any(lo <= n <= hi for n in self.uncertain)

    @cached_property
    def unit(self) -> str:
        m = _UNIT_NOTE.search(self.table.caption)
        return (m.group(1) or m.group(2)) if m else ""

    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}

    def location(self, row: Row, col: Column | None = None) -> str:
        """“表2 第4行 得分” (with page, sheet cell or source line when known)."""
        t = self.table
        cell = row.cells[col.index] if col is not None and col.index < len(row.cells) else row.cells[0]
        head = f"表{t.number} 第{row.number}行" + (f" {short_header(col.header)}" if col is not None else "")
        if t.sheet is not None and cell.ref:
            return f"{t.sheet}!{cell.ref}（{head}）"
        if t.page is not None:
            return f"第{t.page}页 {head}"
        line = cell.line if cell.line is not None else next((c.line for c in row.cells if c.line is not None), None)
        if line is not None:
            kind = "段" if t.source == "docx" else "行"
            return f"第{line}{kind}（{head}）"
        return head

    def quote(self, row: Row) -> str:
        head = " | ".join(short_header(c.header) or "—" for c in self.columns)
        body = " | ".join(row.cells[c.index].text for c in self.columns if c.index < len(row.cells))
        return f"{head}：{body}" if len(head) < 80 else body

    def line_of(self, row: Row, col: Column) -> int | None:
        cell = row.cells[col.index] if col.index < len(row.cells) else None
        return cell.line if cell is not None else None


_RATE_ROW = re.compile(r"[%％]|(?:增减|增长|变动|同比|比上年).{0,6}(?:率|幅)")


def is_rate_row(label: str) -> bool:
    """A row of rates or changes ("2016年比2015年增减%", "同比增长率"): its cells are not amounts."""
    return bool(_RATE_ROW.search(label))


_CURRENT = frozenset({"budget_final", "budget_initial", "actual", "amount", "total"})


def change_operands(sec: Section, change: Column) -> tuple[Column, Column] | None:
    """(current, prior) columns a change column compares, or None when the header does not say: the prior
    column is the one headed as last year's (else the second of the two amount columns just left of the
    change), the current one the amount column nearest the change on its left that is not the prior."""
    left = [c for c in sec.columns if c.index < change.index and c.role in (*_CURRENT, "last_year")]
    prior = next((c for c in reversed(left) if c.role == "last_year"), None)
    if prior is None:
        prior = next((c for c in sec.columns if c.role == "last_year"), None)
    if prior is not None:
        current = next((c for c in reversed(left) if c.role in _CURRENT), None)
        return (current, prior) if current is not None else None
    amounts = [c for c in left if c.role in _CURRENT]
    if len(amounts) < 2:
        return None
    return amounts[-1], amounts[-2]


def short_header(header: str) -> str:
    return header.rsplit(" / ", 1)[-1]


def _is_header_row(cells: tuple[Cell, ...], vocab: Vocabulary) -> bool:
    filled = [c for c in cells if c.text and not c.is_copy]
    if not filled:
        return False
    roles = [vocab.role(c.text) for c in filled]
    numbers = sum(cell_value(c) is not None for c in filled)
    if any(_marker_depth(c.text.strip()) is not None for c in filled):
        return False  # numbered items ("四、事业收入"), not column names
    return sum(r is not None for r in roles) >= 2 and numbers == 0


def _marker_depth(text: str) -> int | None:
    """Depth of a numbered label (一、 10, （一） 20, 1. 30, （1） 40) or a 科目编码 (3 digits per level)."""
    for pattern, depth in _DEPTH_MARK:
        if pattern.match(text):
            return depth * 10
    if _CODE.match(text):
        return len(text) * 10
    return None


def _depths(labels: list[str], totals: list[bool], named: list[bool],
            peers: Callable[[str, str], bool]) -> list[tuple[int, bool]]:
    """(depth, part) of every row. Numbered rows take their numbering's depth; a "其中" row is one step
    under the last numbered row, and unnumbered rows that follow it at the same or a deeper indent
    continue its list, as do rows numbered like its own first part ("其中：（1）…" then "（2）…"); a total row is at depth 0; other rows sit under the last numbered row, deeper
    by their indentation. ``named``: does the row have a label of its own (not a cell's text wrapped onto a row)?
    ``peers``: do two labels name sibling parts of one sum (基本支出 / 项目支出)? A row naming a sibling of the row a
    "其中" list sits under ends that list, whatever its indent (a table whose cells lost their indentation)."""
    out: list[tuple[int, bool]] = []
    prev_texts: list[str] = []
    last_marked = 0
    part_depth: int | None = None
    part_indent = 0
    part_marker: int | None = None  # the numbering a "其中：（1）…" row opens its parts with
    part_parent = ""  # the label of the row a "其中" list sits under
    for at, (raw, total) in enumerate(zip(labels, totals, strict=True)):
        m = _INDENT.match(raw)
        indent = len(m.group(0)) if m else 0
        text = raw.strip()
        marked = _marker_depth(text)
        if total:
            out.append((0, False))
            part_depth = None
        elif marked is not None and part_depth is not None and marked == part_marker:
            out.append((part_depth, True))  # "（2）公务用车购置" after "其中：（1）公务用车运行维护费": the next part
        elif marked is not None:
            last_marked = marked
            part_depth = None
            out.append((marked, False))
        elif text.startswith("其中"):
            # one step under the row above when that is an unnumbered row of its own (it sits deeper than the
            # last numbered one: "公务用车购置及运行维护费" then "其中：公务用车运行维护费"), else under the last numbered row
            at_own = next((j for j in range(at - 1, -1, -1) if named[j]), None)
            own = out[at_own] if at_own is not None else None
            plain = own[0] if own is not None and not own[1] and own[0] > last_marked else last_marked
            part_parent = labels[at_own] if at_own is not None and not out[at_own][1] else ""
            part_depth, part_indent = plain + 5, indent
            part_marker = _marker_depth(_PART_WORD.sub("", text))
            out.append((part_depth, True))
        elif part_depth is not None and indent >= part_indent and not peers(text, part_parent):
            out.append((part_depth, True))
        else:
            part_depth = None
            depth = last_marked + 100 + indent
            # "公务用车购置费" under "公务用车购置及运行维护费": a name that continues the row above sits under it
            above = next(((t, d) for t, (d, _) in zip(reversed(prev_texts), reversed(out), strict=False)
                          if d <= depth), None)
            if above is not None and _continues(text, above[0]):
                depth = above[1] + 1
            out.append((depth, False))
        prev_texts.append(text)
    return out


def _continues(child: str, parent: str) -> bool:
    from jixiao.audit.clauses import continues

    a, b = row_label(child), row_label(parent)
    if re.sub(r"[\d\s.．、()（）]+", "", a) == re.sub(r"[\d\s.．、()（）]+", "", b):
        return False  # "支出11" after "支出1": numbered siblings, not a part
    return continues(a, b)


def _label_cells(cells: tuple[Cell, ...], columns: tuple[Column, ...], vocab: Vocabulary) -> str:
    """The row's name: the text of its name column (项目, 科目…) when the header has one, else its last text
    cell outside the figure and prose columns (the most specific of 一级/二级/三级指标)."""
    named = [cells[c.index].text for c in columns if c.role == "name" and c.index < len(cells)
             and cells[c.index].text and not cells[c.index].is_copy and cell_value(cells[c.index]) is None]
    if len(named) == 1 and not any(c.role in ("level1", "level2", "level3") for c in columns):
        return named[0]
    texts = []
    for col in columns:
        if col.index >= len(cells):
            continue
        if col.role in vocab.numeric or col.role in ("reason", "criteria", "target", "achieved"):
            continue
        c = cells[col.index]
        if c.text and cell_value(c) is None:
            texts.append(c.text)
    return texts[-1] if texts else ""


def _columns(table: Table, header_rows: list[int], vocab: Vocabulary, lo: int, hi: int) -> tuple[Column, ...]:
    cols: list[Column] = []
    for j in range(lo, hi):
        texts: list[str] = []
        role: str | None = None
        for r in header_rows:
            row = table.rows[r]
            if j >= len(row):
                continue
            c = row[j]
            text = c.text
            if c.is_copy and c.origin is not None:
                text = table.rows[c.origin[0] - 1][c.origin[1] - 1].text
            if text and (not texts or texts[-1] != text):
                texts.append(text)
        for t in reversed(texts):
            role = vocab.role(t)
            if role is not None:
                break
        if role == "amount":  # "金额" under "2020年执行数": the group's header says which amount
            role = next((r for r in map(vocab.role, texts) if r in _SPECIFIC_AMOUNT), role)
        header = " / ".join(texts)
        letter = _LETTER.search(texts[-1]) if texts else None
        formula = _FORMULA.search(header)
        cols.append(Column(j, role, header, letter.group(1) if letter else "",
                           (formula.group(1), formula.group(2)) if formula else None))
    return _prior_years(cols)


def _prior_years(cols: list[Column]) -> tuple[Column, ...]:
    """Amount columns headed with an earlier year than the table's latest ("2019年决算数" beside "2020年执行数")
    are last year's figures, whatever word follows the year."""
    years = {c.index: int(m.group(1)) for c in cols if c.role in _SPECIFIC_AMOUNT
             and (m := _YEAR.search(c.header)) is not None}
    if len(set(years.values())) < 2:
        return tuple(cols)
    latest = max(years.values())
    return tuple(Column(c.index, "last_year", c.header, c.letter, c.formula)
                 if years.get(c.index, latest) < latest and c.role != "last_year" else c for c in cols)


def _label_columns(table: Table, cols: tuple[Column, ...], start: int, end: int, vocab: Vocabulary
                   ) -> tuple[Column, ...]:
    """A column headed like an amount ("年度预算数（万元）" over 总额, 其中：财政资金…) whose body holds only
    names is the rows' label column."""
    out = []
    for c in cols:
        if c.role in vocab.numeric:
            cells = [table.rows[k][c.index] for k in range(start, end) if c.index < len(table.rows[k])]
            filled = [x for x in cells if x.text and not x.is_copy]
            if filled and not any(cell_value(x) is not None for x in filled):
                c = Column(c.index, "name", c.header)
        out.append(c)
    return tuple(out)


def _groups(cols: tuple[Column, ...], vocab: Vocabulary) -> list[tuple[int, int]]:
    """Side-by-side tables: a new group starts at a name column that follows a numeric column."""
    starts = [0]
    seen_numeric = False
    for k, c in enumerate(cols):
        if c.role in vocab.numeric:
            seen_numeric = True
        elif c.role in ("name",) and seen_numeric and k > 0:
            starts.append(k)
            seen_numeric = False
    bounds = [*starts, len(cols)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]


def sections(table: Table) -> list[Section]:
    """The sections of a table: one per header (side-by-side halves separately)."""
    vocab = vocabulary()
    out: list[Section] = []
    n = len(table.rows)
    unnamed = _unnamed_header(table, vocab)
    r = 0
    while r < n:
        if not _is_header_row(table.rows[r], vocab) and r != unnamed:
            r += 1
            continue
        header = [r]
        r += 1
        while r < n and (_is_header_row(table.rows[r], vocab) or _continues_header(table.rows[r])):
            header.append(r)
            r += 1
        body_start = r
        repeated: set[int] = set()  # the header written again after a page break: the same body goes on
        while r < n:
            again = _repeated_header(table, header, r)
            if again:
                repeated.update(range(r, r + again))
                r += again
                continue
            if _is_header_row(table.rows[r], vocab):
                break
            r += 1
        all_cols = _label_columns(table, _columns(table, header, vocab, 0, table.width), body_start, r, vocab)
        all_cols = _figure_columns(table, all_cols, body_start, r, vocab)
        for lo, hi in _groups(all_cols, vocab):
            cols = all_cols[lo:hi]
            picked: list[tuple[int, str, str]] = []
            for k in range(body_start, r):
                cells = table.rows[k]
                if k in repeated:
                    continue
                if not any(c.text for c in cells[lo:hi]):
                    continue
                label_text = _label_cells(cells, cols, vocab)
                raw = next((c.text for c in cells[lo:hi] if c.text and not c.is_copy and cell_value(c) is None), "")
                code = next((cells[c.index].text for c in cols if c.role == "code" and c.index < len(cells)), "")
                if _CODE.match(code.strip()):
                    raw = code.strip()
                picked.append((k, label_text.strip(), raw or label_text))  # raw keeps the indentation
            totals = [vocab.is_total_label(label) for _, label, _ in picked]
            depths = _depths([raw for _, _, raw in picked], totals, [bool(label) for _, label, _ in picked],
                             vocab.peers)
            rows = _implied_parents([Row(k, table.rows[k], label, d, t, part)
                                     for (k, label, _), t, (d, part) in zip(picked, totals, depths, strict=True)], cols)
            if rows:
                out.append(Section(table, tuple(header), cols, tuple(rows)))
    return out


def _unnamed_header(table: Table, vocab: Vocabulary) -> int | None:
    """The header row of a table no header word names, read by its 合计 row (:func:`totalgrid.header_row`);
    None when a row names columns in the vocabulary."""
    if any(_is_header_row(row, vocab) for row in table.rows):
        return None
    return header_row([[c.text if not c.is_copy else "" for c in row] for row in table.rows], cell_value_text)


def _figure_columns(table: Table, cols: tuple[Column, ...], start: int, end: int, vocab: Vocabulary
                    ) -> tuple[Column, ...]:
    """Columns no header word names that a 合计 row sums (:func:`totalgrid.counted`) take the role ``figure``."""
    body = [table.rows[k] for k in range(start, end)]
    totals: list[tuple[Cell, ...]] = []
    members: list[tuple[Cell, ...]] = []
    for row in body:
        label = next((c.text for c in row if c.text and not c.is_copy), "")
        if not label:
            continue
        (totals if vocab.is_total_label(label) else members).append(row)
    if not totals:
        return cols

    def texts(rows: list[tuple[Cell, ...]], j: int) -> list[str]:
        return [row[j].text if j < len(row) and not row[j].is_copy else "" for row in rows]

    return tuple(replace(c, role=FIGURE) if c.role is None and counted(c.header, texts(members, c.index),
                                                                       texts(totals, c.index), cell_value_text) else c
                 for c in cols)


def _repeated_header(table: Table, header: list[int], r: int) -> int:
    """How many rows from ``r`` on write the section's header rows again (a table continued on the next
    page: its body goes on under the copy); 0 when row ``r`` opens no such copy, or when the row above it is
    a total (that table has ended: a second table under the same header follows)."""
    def texts(k: int) -> list[str]:
        return [re.sub(r"\s+", "", c.text) for c in table.rows[k] if not c.is_copy]

    if r + len(header) > len(table.rows) or any(texts(r + i) != texts(h) for i, h in enumerate(header)):
        return 0
    above = next((t for t in texts(r - 1) if t and cell_value_text(t) is None), "") if r > 0 else ""
    return 0 if vocabulary().is_total_label(above) else len(header)


_PARENT_WINDOW = 40  # rows searched under a candidate parent: bounded work on any table
_SUMMED = frozenset({"budget_initial", "budget_final", "actual", "amount", "last_year", "alloc_before", "alloc_now"})


def _implied_parents(rows: list[Row], cols: tuple[Column, ...]) -> list[Row]:
    """A table whose text lost its indentation lists a parent and its parts at one depth ("转移性收入" then
    "返还性收入", "上级一般性转移支付收入" …). A row is taken as the parent of the rows after it when, in at
    least two amount columns, its figure is exactly the sum of theirs (at least two of them filled) and
    more columns agree than disagree; the parts then sit one level under it (``implied``: a sum judged
    over them says the hierarchy was inferred). Rows are looked at once each: linear in the rows."""
    amount_cols = [c for c in cols if c.role in _SUMMED]
    if len(amount_cols) < 2:
        return rows
    out = list(rows)
    figures = [[_figure(r, c) for c in amount_cols] for r in rows]  # read once: each row is looked at by 40 rows above
    k = 0
    while k < len(out):
        best = _implied_run(out, k, figures)
        if best is None:
            k += 1
            continue
        parent = out[k]
        out[k] = replace(parent, implied=True)
        for j in range(k + 1, k + 1 + best):
            out[j] = replace(out[j], depth=parent.depth + 1)
        k += 1 + best
    return out


def _implied_run(rows: list[Row], k: int, figures: list[list[Decimal | None]]) -> int | None:
    """How many rows after ``rows[k]`` it is the sum of (see :func:`_implied_parents`; ``figures``: each row's figure
    in each amount column), or None."""
    parent = rows[k]
    if parent.total or parent.part:
        return None
    mine = figures[k]
    if sum(v is not None for v in mine) < 2:
        return None
    sums = [Decimal(0)] * len(mine)
    filled = [0] * len(mine)
    best: tuple[int, int] | None = None  # (agreeing columns, rows)
    for m, row in enumerate(rows[k + 1:k + 1 + _PARENT_WINDOW], start=1):
        if row.total or row.depth != parent.depth:
            break
        for i, v in enumerate(figures[k + m]):
            if v is not None:
                sums[i] += v
                filled[i] += 1
        agree = sum(1 for i, v in enumerate(mine) if v is not None and filled[i] >= 2 and sums[i] == v)
        disagree = sum(1 for i, v in enumerate(mine) if v is not None and filled[i] >= 1 and sums[i] != v)
        if agree >= 2 and agree > disagree and (best is None or agree >= best[0]):
            best = (agree, m)
    return best[1] if best is not None else None


def _figure(row: Row, col: Column) -> Decimal | None:
    if col.index >= len(row.cells):
        return None
    v = cell_value(row.cells[col.index])
    return v.value if v is not None and v.unit != "%" else None


def _continues_header(cells: tuple[Cell, ...]) -> bool:
    """A 栏次 row ("栏次 1 2 3") or an all-empty row right under a header."""
    filled = [c.text for c in cells if c.text and not c.is_copy]
    return not filled or row_label(filled[0]) in ("栏次", "行次")


def children(section: Section, k: int) -> list[Row]:
    """The rows directly under row ``k`` (deeper rows until one at its depth or above)."""
    rows = section.rows
    parent = rows[k]
    out: list[Row] = []
    child_depth: int | None = None
    for row in rows[k + 1:]:
        if row.depth <= parent.depth or row.total:
            break
        if child_depth is None:
            child_depth = row.depth
        if row.depth < child_depth:
            break
        if row.depth == child_depth:
            out.append(row)
    return out


# How a section's total rows stand to the rows they add up (see :func:`heads`).
CLOSES = "closes"  # below their rows (or one total opening the table): the usual layout
GROUPS = "groups"  # a grand total, then each group's head over its members (浙江省合计, 杭州市合计, 淳安县 …)
LEADS = "leads"  # a 合计 over rows of its own and the 小计 heads of groups after them
SIBLINGS = "siblings"  # heads only, the first one included (市级小计 …, 区县小计 …)
CLOSED_SIBLINGS = "closed_siblings"  # 小计 heads, then a 合计 closing the table over them
UNCLEAR = "unclear"  # totals above their rows, nested with no word saying how: nothing is summed


def heads(section: Section) -> str:
    """Do the section's total rows stand above the rows they add up? A 分配表 opens with its 合计, and each
    group's 小计 (or "杭州市合计") heads the member rows under it until the next total. Read so only when the
    first body row is a total, the last is not, and more totals follow (a table that closes its groups with
    their totals ends with one). The first total is a grand total over the groups when a head follows it at
    once, or when its word ranks above every later head's (合计 over 小计: its own rows, then the groups);
    else it heads its own rows. Two heads in a row after that nest groups the words do not order: UNCLEAR.
    小计 heads may be closed by a 合计 as the last row, over the heads (CLOSED_SIBLINGS)."""
    rows = section.rows
    if (len(rows) >= 5 and rows[-1].total and not _is_subtotal(rows[-1]) and _is_subtotal(rows[0])
            and heads(replace(section, rows=rows[:-1])) == SIBLINGS
            and all(_is_subtotal(r) for r in rows[:-1] if r.total)):
        return CLOSED_SIBLINGS
    if len(rows) < 3 or not rows[0].total or rows[-1].total or sum(r.total for r in rows) < 2:
        return CLOSES
    start = 1 if rows[1].total else 0
    if any(a.total and b.total for a, b in zip(rows[start:], rows[start + 1:], strict=False)):
        return UNCLEAR
    if start == 1:
        return GROUPS
    later = [r for r in rows[1:] if r.total]
    return LEADS if not _is_subtotal(rows[0]) and all(_is_subtotal(r) for r in later) else SIBLINGS


def may_be_cut(table: Table, tables: list[Table]) -> bool:
    """May the table's rows stop before its end? The document's last table (an excerpt, a copy cut by a
    page limit) or one whose reading stopped at a row it could not read (``CUT_END``)."""
    return (bool(tables) and table is tables[-1]) or CUT_END in table.notes


def open_group(section: Section, k: int, cut: bool) -> bool:
    """May the total row ``k`` stand for more rows than the table holds? Only when its table may be cut
    off (``cut``: the document's last table, or a reading that stopped early) and its totals head their
    groups (:func:`heads`): the last group may miss members, a grand total over the groups may miss groups.
    Such a total is a bound only. A single total opening its table stays exact (that layout has always been
    judged so, and a whole table there cannot be told from a cut one)."""
    if not cut or not section.rows[k].total or section.layout in (CLOSES, UNCLEAR, CLOSED_SIBLINGS):
        return False
    return k == section.last_total or (k == 0 and section.layout in (GROUPS, LEADS))


def _group(rows: tuple[Row, ...], k: int) -> list[Row]:
    """The rows under head ``k`` until the next total, at their top depth."""
    members: list[Row] = []
    for row in rows[k + 1:]:
        if row.total:
            break
        members.append(row)
    top = min((r.depth for r in members), default=0)
    return [r for r in members if r.depth == top]


def total_parts(section: Section, k: int) -> list[Row]:
    """The rows a total row stands for: after it when it opens the table, else since the previous total;
    in a section whose totals head their groups (:func:`heads`), a group's rows until the next total, and
    for a grand total the groups' heads (after its own rows, when it has some)."""
    rows = section.rows
    t = rows[k]
    layout = section.layout
    if layout == UNCLEAR:
        return []
    if layout != CLOSES:
        if layout == CLOSED_SIBLINGS and k == len(rows) - 1:
            return [r for r in rows[:-1] if r.total]
        if k == 0 and layout in (GROUPS, LEADS):
            return _group(rows, 0) + [r for r in rows[1:] if r.total]
        return _group(rows, k)
    if k <= section.leading_totals:  # only totals before it
        after = []
        own = _marker_depth(t.label.strip())  # "一、支出合计" over 1、2、3、: "二、相关统计数" is its sibling, not a part
        for row in rows[k + 1:]:
            if row.total and row.depth <= t.depth:
                break
            if own is not None and not row.part and (at := _marker_depth(row.label.strip())) is not None and at <= own:
                break
            after.append(row)
        top = min((r.depth for r in after), default=0)
        return [r for r in after if r.depth == top]
    # a 小计 closes its own group only; a 合计/总计 goes back to the total before it of its rank, which is
    # one of its parts (本年收入合计 → 收入总计), and the 小计 rows on the way stand for their groups
    sub = _is_subtotal(t)
    before: list[Row] = []
    for row in reversed(rows[:k]):
        if row.total and row.depth <= t.depth and (sub or not _is_subtotal(row)):
            if not sub:
                before.append(row)
            break
        before.append(row)
    before.reverse()
    subs = [i for i, r in enumerate(before) if r.total and _is_subtotal(r)]
    if subs and not sub:
        tail = [r for r in before[subs[-1] + 1:] if not r.total]  # rows after the last group: parts of their own
        top = min((r.depth for r in tail), default=0)
        lead = [before[0]] if before[0].total and not _is_subtotal(before[0]) else []
        return lead + [before[i] for i in subs] + [r for r in tail if r.depth == top]
    body = [r for r in before if not r.total]
    top = min((r.depth for r in body), default=0)
    return [r for r in before if r.depth == top or (r.total and r is before[0])]


def _is_subtotal(row: Row) -> bool:
    return row.total and row_label(row.label).endswith("小计")


def half(v: Value) -> Decimal:
    """Half a unit of the cell's last written place (amounts are taken as written to at least two
    places); counts are exact."""
    if v.unit in ("人", "名", "个", "项", "家", "次", "户", "台", "辆"):
        return Decimal(0)
    return Decimal("0.5").scaleb(-max(v.decimals, 2))
