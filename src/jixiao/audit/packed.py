"""Pipe rows whose empty cells were moved to the row's end, rebuilt where the placement is certain.

Some web copies of a table keep one row per line with its cells between "|" but drop the empty cells
from their place and pile them up at the end ("社会保障和就业支出 | 8.45 | 8.54 | ||||||"): the n-th cell
of a row is no longer the n-th column. Such a run of lines is recognised when every line is packed (no
empty cell between two filled ones) and one line is a header whose every cell names a column of the
vocabulary (``data/forms.yaml``).

Each row's filled cells are placed into the header's columns in their order, by what they can be: a name
column takes text, a figure column a number (or a dash), a prose column anything. Two rules of table
structure narrow the placements, no arithmetic: figures on one side of a side-by-side table need that
side's name (收入 | 支出 halves), and a column that is the sum of others (合计 over 一般公共预算 …) is
filled whenever one of its parts is. A cell is known only where every placement that fits puts the same
thing there:

- a row whose every column is known is kept;
- a figure that could sit in several columns leaves those columns unknown for the whole table: they lose
  their meaning (no rule reads them), the known columns stay — except the parts of a known 合计 whose
  figures are the same whatever their columns: they are written in order and serve that row's 合计 only
  (the note ``row_sum_only:<column>`` keeps column sums off them);
- a row of names only that fits on either side (“公共安全支出”) adds nothing to any sum and is left out, unless
  it opens a numbered level (一、（一）…) before rows it might hold — then the table is marked incomplete;
- a row that fits nowhere, or whose name's side is unknown while it holds figures, marks the table
  incomplete (no sum is judged over it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.audit.align import kind
from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.forms import Vocabulary, vocabulary
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.tables import _marker_depth

_INDENT = re.compile(r"^ ?((?:\u3000| {2})+)")


def indented_cell(raw: str) -> str:
    """A pipe cell's text, keeping the indentation that places a row under the one above it: full-width
    spaces, or pairs of spaces beyond the one that follows the "|" ("|　　增值税 |")."""
    text = normalize_cell(raw)
    m = _INDENT.match(raw)
    if not text or m is None:
        return text
    return "\u3000" * (m.group(1).count("\u3000") + m.group(1).count("  ")) + text


UNKNOWN = "（位置不明）"
ROW_SUM_ONLY = "row_sum_only:"  # + column number: its figures serve the row's 合计 only, not column sums  # appended to the header of a column whose cells cannot be placed: it then has no role
UNCERTAIN_ROW = "uncertain_row:"  # + row number: the row's figures could not be placed; sums over it are not judged
MIN_ROWS = 3
MAX_WIDTH = 12
_NAMES = frozenset({"name", "level1", "level2", "level3"})
_NAMED_AMOUNTS = frozenset({"budget_initial", "budget_final", "actual", "last_year"})
_PROSE = frozenset({"reason", "criteria", "target", "achieved"})


@dataclass(frozen=True)
class PipeLine:
    index: int
    cells: tuple[str, ...]  # filled cells, in order
    raw: tuple[str, ...] = ()  # every cell in its place, empty ones included (a closing "|" ends the last)


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a pipe row, or None when the line is not one."""
    s = line.strip()
    if "|" not in s:
        return None
    parts = [indented_cell(p) for p in s.split("|")]
    if s.startswith("|"):
        parts = parts[1:]
    else:  # the line's own indentation belongs to its first cell
        parts[0] = indented_cell(" " + line.rstrip().split("|", 1)[0])
    return parts


def packed_cells(cells: list[str]) -> tuple[str, ...] | None:
    """The filled cells when no empty cell sits between two filled ones, else None."""
    filled = [c for c in cells if c]
    if any(c for c in cells[len(filled):]):
        return None
    return tuple(filled)


def _accepts(role: str | None, text: str, numeric: frozenset[str]) -> bool:
    k = kind(text)
    if role is None or role in _PROSE:
        return True
    if role in _NAMES:
        return k in ("T", "D")
    if role == "code":
        return k in ("N", "T", "D")
    if role in numeric:
        return k in ("N", "P", "D")
    return True


def _groups(roles: list[str | None], numeric: frozenset[str]) -> list[tuple[int, int]]:
    """Side-by-side halves: a new one starts at a name column that follows a figure column."""
    starts, seen = [0], False
    for k, r in enumerate(roles):
        if r in numeric:
            seen = True
        elif r == "name" and seen and k > 0:
            starts.append(k)
            seen = False
    bounds = [*starts, len(roles)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]


class _Placer:
    def __init__(self, roles: list[str | None], vocab: Vocabulary) -> None:
        self.roles = roles
        self.numeric = vocab.numeric
        self.groups = _groups(roles, vocab.numeric)
        self.sums: list[tuple[int, list[int]]] = []
        for lo, hi in self.groups:
            at = {roles[k]: k for k in range(lo, hi) if roles[k] is not None}
            for whole, parts in vocab.column_sums:
                present = [at[p] for p in parts if p in at]
                if whole in at and present:  # a total column is filled whenever one of its parts is
                    self.sums.append((at[whole], present))

    def ok(self, row: dict[int, str]) -> bool:
        for lo, hi in self.groups:
            has_figure = any(k in row and self.roles[k] in self.numeric and kind(row[k]) in ("N", "P")
                             for k in range(lo, hi))
            name = next((k for k in range(lo, hi) if self.roles[k] in _NAMES), None)
            if has_figure and name is not None and name not in row:
                return False
        return all(whole in row or not any(p in row for p in parts) for whole, parts in self.sums)

    def parts_of(self, loose: set[int], options: list[dict[int, str]], known: set[int]
                 ) -> tuple[list[int], list[str]] | None:
        """When every unknown column is a part under one known 合计 and every placement puts the same
        figures (in the same order) into those parts: (the parts' columns, the figures)."""
        for whole, parts in self.sums:
            if not loose or not loose <= set(parts) or whole not in known:
                continue
            seqs = {tuple(o[c] for c in parts if c in o) for o in options}
            if len(seqs) == 1:
                return parts, list(next(iter(seqs)))
        return None

    def placements(self, cells: tuple[str, ...]) -> list[dict[int, str]]:
        out = []
        for cols in itertools.combinations(range(len(self.roles)), len(cells)):
            if all(_accepts(self.roles[c], t, self.numeric) for c, t in zip(cols, cells, strict=True)):
                row = dict(zip(cols, cells, strict=True))
                if self.ok(row):
                    out.append(row)
        # a figure goes to a figure column when one can take it: a 备注/说明 column holds a figure only when
        # no figure column is left for it
        plain = [o for o in out if not any(self.roles[c] in _PROSE and kind(t) in ("N", "P") for c, t in o.items())]
        return plain or out


def _is_header(ln: PipeLine, vocab: Vocabulary) -> bool:
    return 3 <= len(ln.cells) <= MAX_WIDTH and all(vocab.role(c) is not None for c in ln.cells) and not any(
        kind(c) in ("N", "P") for c in ln.cells)


def _header(lines: list[PipeLine], vocab: Vocabulary) -> int | None:
    """Index (in ``lines``) of the first line whose every cell (three or more) names a column."""
    return next((k for k, ln in enumerate(lines) if _is_header(ln, vocab)), None)


def _chunks(run: list[PipeLine], vocab: Vocabulary) -> list[list[PipeLine]]:
    """A run of pipe rows holding several tables, split before each header after the first (with the
    one-cell title lines just above it: "表2", the next table's name, its unit). A header written again
    after a page break (the same cells as the one its table opened with, not right after a total row) goes on
    with the same table."""
    heads = [k for k, ln in enumerate(run) if _is_header(ln, vocab)]
    cuts = [0]
    opened = heads[0] if heads else None
    for k in heads[1:]:
        if k - 1 in heads:  # the second line of a two-line header
            continue
        if opened is not None and run[k].cells == run[opened].cells and not vocab.is_total_label(run[k - 1].cells[0]):
            continue  # the header written again after a page break (a table closed by its total has ended)
        opened = k
        start = k
        while start - 1 > cuts[-1] and len(run[start - 1].cells) == 1 and kind(run[start - 1].cells[0]) == "T":
            start -= 1
        cuts.append(start)
    bounds = [*cuts, len(run)]
    return [run[bounds[i]:bounds[i + 1]] for i in range(len(cuts))]


def _sub_header(lines: list[PipeLine], h: int, vocab: Vocabulary) -> tuple[str, ...] | None:
    """The second line of a two-line header ("金额 | 占调整预算% | 比上年增长%" under "… | 2020年执行数"), whose
    cells are the sub-columns of the header's last cell: its cells all name figure columns, and the rows of
    figures below are exactly as wide as the header with its last cell replaced by them. Else None."""
    if h + 1 >= len(lines):
        return None
    head, sub = lines[h].cells, lines[h + 1].cells
    if len(sub) < 2 or any(kind(c) in ("N", "P") for c in sub) or any(vocab.role(c) not in vocab.numeric for c in sub):
        return None
    width = len(head) - 1 + len(sub)
    widest = max((len(ln.cells) for ln in lines[h + 2:] if any(kind(c) in ("N", "P") for c in ln.cells)), default=0)
    return sub if widest == width <= MAX_WIDTH else None


def _roles(top: list[str], sub: list[str], vocab: Vocabulary) -> list[str | None]:
    """Column roles of a (possibly two-line) header: a generic 金额 under a named amount is that amount."""
    out = []
    for upper, lower in zip(top, sub, strict=True):
        role = vocab.role(lower) if lower else vocab.role(upper)
        if lower and role == "amount" and vocab.role(upper) in _NAMED_AMOUNTS:
            role = vocab.role(upper)
        out.append(role)
    return out


def _in_place(ln: PipeLine, placer: _Placer) -> list[dict[int, str]]:
    """The one placement of a line whose cells kept their places, when its cells fit their columns."""
    row = {c: t for c, t in enumerate(ln.raw) if t}
    ok = all(_accepts(placer.roles[c], t, placer.numeric) for c, t in row.items()) and placer.ok(row)
    return [row] if ok else []


def _opens_level(label: str) -> bool:
    return _marker_depth(label.strip()) is not None


def _rebuild(lines: list[PipeLine], page: int | None, first_line: int, vocab: Vocabulary
             ) -> tuple[set[int], Table] | None:
    h = _header(lines, vocab)
    if h is None or len(lines) - h - 1 < MIN_ROWS:
        return None
    head = lines[h]
    sub = _sub_header(lines, h, vocab)
    top = list(head.cells) + [head.cells[-1]] * (len(sub) - 1 if sub else 0)
    lower = [""] * (len(head.cells) - 1) + list(sub) if sub else [""] * len(top)
    names = [f"{t}/{b}" if b else t for t, b in zip(top, lower, strict=True)]
    roles = _roles(top, lower, vocab)
    placer = _Placer(roles, vocab)
    width = len(roles)
    rows: list[list[str]] = [top] + ([lower] if sub else [])
    row_lines: list[list[int | None]] = [[first_line + ln.index] * width for ln in lines[h:h + len(rows)]]
    unknown: set[int] = set()
    by_row: set[int] = set()  # part columns whose figures are known only as a row's set of parts
    notes: list[str] = []
    left_out: list[tuple[int, str]] = []  # (position in rows, label) of name-only rows left out
    # In a table of amounts only (no 分值/得分), a row whose figures fit several columns loses its figures, not
    # the columns: the other rows stay readable and no sum over that row is judged (``uncertain_row:N``).
    money_only = not any(r in ("weight", "score") for r in roles)
    name_cols = {c for c in range(width) if roles[c] in _NAMES}
    uncertain: list[tuple[int, str]] = []
    # every line exactly as wide as the header, empty cells included, and every row of figures read in place is
    # one of the placements its cells allow: the cells kept their places (a copy that piles the empty cells at
    # the row's end and pads it puts some row's figures where they cannot be — a name on the wrong side)
    literal = len(head.raw) == width and all(len(ln.raw) == width for ln in lines[h + len(rows):]) and all(
        _in_place(ln, placer) and _in_place(ln, placer)[0] in placer.placements(ln.cells)
        for ln in lines[h + len(rows):] if len(ln.cells) <= width and any(kind(c) in ("N", "P") for c in ln.cells))
    again = [ln.cells for ln in lines[h:h + len(rows)]]  # the header, as a page break may write it again
    for ln in lines[h + len(rows):]:
        if ln.cells in again:  # kept as written: the table's reading goes on under the copy
            rows.append(list(rows[again.index(ln.cells)]))
            row_lines.append([first_line + ln.index] * width)
            continue
        fits = len(ln.cells) <= width
        options = _in_place(ln, placer) if literal else placer.placements(ln.cells) if fits else []
        label = next((c for c in ln.cells if kind(c) == "T"), "")
        if not options:
            notes += [f"“{label or ln.cells[0]}”一行的单元格无法对应到各列，未判断", INCOMPLETE]
            continue
        known = {c for c in range(width) if len({o.get(c, "") for o in options}) == 1}
        figures = any(kind(t) in ("N", "P") for t in ln.cells)
        if len(known) < width and not figures:
            left_out.append((len(rows), label))
            continue
        if any(c not in known and roles[c] in _NAMES for c in range(width)):
            notes += [f"“{label}”一行属于表格哪一侧无法确定，未判断", INCOMPLETE]
            continue
        loose = {c for c in range(width) if c not in known}
        parts = placer.parts_of(loose, options, known)
        first = options[0]
        cells = [first.get(c, "") if c in known else "" for c in range(width)]
        if parts is not None:  # the figures of a 合计's parts, columns unknown: in order, for the row's sum only
            for c, text in zip(parts[0], parts[1], strict=False):
                cells[c] = text
            by_row.update(loose)
        elif loose and money_only and known & name_cols:
            uncertain.append((len(rows) + 1, label))  # this row's figures are left out, the columns keep their meaning
        else:
            unknown.update(loose)
        rows.append(cells)
        row_lines.append([first_line + ln.index] * width)
    for at, label in left_out:
        # a numbered row left out may have held the rows after it: unless the next kept row closes its level
        nxt = rows[at] if at < len(rows) else None
        if _opens_level(label) and nxt is not None and not _closes(label, nxt, vocab):
            notes += [f"“{label}”一行属于表格哪一侧无法确定，其下各行的归属不明，未判断", INCOMPLETE]
            break
    if left_out:
        notes.append("无数字且位置不明的行未列入：" + "、".join(label for _, label in left_out[:8]))
    if len(rows) - (2 if sub else 1) < MIN_ROWS:
        return None
    if by_row - unknown:
        notes.append("以下各列的数字只知同行合计的组成，不知所在列，只核对同行合计：" + "、".join(
            names[c] for c in sorted(by_row - unknown)))
        notes += [f"{ROW_SUM_ONLY}{c + 1}" for c in sorted(by_row - unknown)]
    if uncertain:
        notes.append("以下各行的数字无法确定所在列，不作判断，也不计入合计：" + "、".join(lb for _, lb in uncertain[:8]))
        notes += [f"{UNCERTAIN_ROW}{r}" for r, _ in uncertain]
    if unknown and all(c in unknown for c in range(width) if roles[c] in vocab.numeric):
        return None  # no figure could be placed: the lines are left to the other readers
    if unknown:
        rows[0] = [t + UNKNOWN if c in unknown else t for c, t in enumerate(rows[0])]
        notes.append("以下各列的数字无法确定所在列，不作判断：" + "、".join(names[c] for c in sorted(unknown)))
    caption = _caption(lines[:h])
    table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page, caption=caption,
                  line=first_line + head.index, rebuilt=True, form="packed", notes=tuple(notes))
    return {ln.index for ln in lines[h:]}, table


def _closes(label: str, nxt: list[str], vocab: Vocabulary) -> bool:
    """Does the next kept row end the level ``label`` opens (a total, or a numbered row no deeper)?"""
    mine = _marker_depth(label.strip())
    for text in nxt:
        if not text or kind(text) != "T":
            continue
        if vocab.is_total_label(text):
            return True
        depth = _marker_depth(text.strip())
        return depth is not None and mine is not None and depth <= mine
    return False


def _caption(before: list[PipeLine]) -> str:
    texts = [ln.cells[0] for ln in before[-3:] if len(ln.cells) == 1]
    return " ".join(texts[-2:])


def pipe_runs(lines: list[str], taken: frozenset[int]) -> Iterator[list[PipeLine]]:
    """The runs of consecutive pipe rows whose filled cells are packed (:func:`packed_cells`), in order. Blank
    lines (rows joined into the line above) are passed over; any other line, or one ``taken`` by an earlier
    reader, ends a run. The one line loop of the pipe-row readers (:func:`packed_tables`, and
    :func:`jixiao.audit.pipescores.pipe_score_tables`)."""
    run: list[PipeLine] = []
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        cells = pipe_cells(raw) if i not in taken else None
        packed = packed_cells(cells) if cells is not None else None
        if cells is None or not packed:
            if run:
                yield run
            run = []
            continue
        closed = raw.rstrip().endswith("|") and not cells[-1]
        run.append(PipeLine(i, packed, tuple(cells[:-1] if closed else cells)))
    if run:
        yield run


def packed_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                  ) -> list[tuple[set[int], Table]]:
    """Every run of packed pipe rows under a header of known columns: (line indices, table)."""
    vocab = vocabulary()
    out: list[tuple[set[int], Table]] = []
    for run in pipe_runs(lines, taken):
        for chunk in _chunks(run, vocab) if len(run) > MIN_ROWS else ():
            got = _rebuild(chunk, page, first_line, vocab)
            if got is not None:
                out.append(got)
    return out

