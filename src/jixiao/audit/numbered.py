"""Table text whose header numbers its columns ①②③… and writes formulas over them (:mod:`colformulas`).

Two layouts, both seen where a form is copied out of a spreadsheet:

- pipe rows with a numbering row under the header (an OCR'd attachment)::

      序号 | 学校性质 | 培训机构 | 培训补助标准(元/人) | … | 合格人数 | 补助资金 | 备注 |
      ① | ② | ③ | ④ | ⑤ | ⑥ | ⑦ | ⑧=④*⑦ | |
      1 | 民办 | 某职业培训学校 | 2600 | 400 | 842 | 842 | 218.92 | |

  the rows under it that have the numbering row's number of cells, up to the first that has not, form the table
  (the header row, the numbering row, the rows);

- an .xls page as text: the header's labels one per line with the formulas among them ("④ = ①+② +③", "⑥=⑤/④",
  "⑦=④-⑤", "⑧=⑦/④"), then each row on one line, its label and its figures separated by spaces::

      财政资金小计 2537695 213722.82 0 2751417.82 2546673.98 93% 204743.84 7%

  The formulas name the columns ① to N (every number up to the highest is named). A row is read only when it
  holds exactly N figures after its label (its cells are then all placed: the k-th figure is column k); a label
  with no figure is an empty row; any other line ends the table. At least two rows must be read. The table is
  rebuilt as a numbering row (with the formulas) over label | ① … N.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.audit.colformulas import CIRCLED, FORMULA, circled, parse_formulas
from jixiao.audit.docmodel import Table, grid
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.tables import cell_value_text

_NUMBER_CELL = re.compile(rf"^[{CIRCLED}]$")
_HEADER_LINE_MAX = 30  # characters: a header label (with its formula) is short
_MIN_ROWS = 2


def is_numbering_row(cells: list[str]) -> bool:
    """A row of column numbers: every filled cell a circled number or a formula for one, at least three, and at
    least one formula."""
    filled = [c.replace(" ", "") for c in cells if c.strip()]
    formulas = [c for c in filled if FORMULA.fullmatch(c)]
    return len(filled) >= 3 and bool(formulas) and all(_NUMBER_CELL.match(c) or FORMULA.fullmatch(c) for c in filled)


def numbered_pipe_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int],
                         cells_of: Callable[[str], list[str] | None]) -> list[tuple[int, int, Table]]:
    """(first index, last index, table) of each pipe table with a numbering row under its header."""
    out: list[tuple[int, int, Table]] = []
    for k in range(1, len(lines)):
        numbers = cells_of(lines[k]) if k not in taken and k - 1 not in taken else None
        if numbers is None or not is_numbering_row(numbers):
            continue
        head = cells_of(lines[k - 1])
        if head is None or len(head) != len(numbers) or any(cell_value_text(c) is not None for c in head):
            continue
        rows = [head, numbers]
        row_lines: list[list[int | None]] = [[first_line + k - 1] * len(head), [first_line + k] * len(head)]
        j = k + 1
        while j < len(lines) and j not in taken:
            cells = cells_of(lines[j])
            if cells is None or len(cells) != len(numbers) or is_numbering_row(cells):
                break
            rows.append(cells)
            row_lines.append([first_line + j] * len(cells))
            j += 1
        if len(rows) - 2 >= _MIN_ROWS:
            rows = [[normalize_cell(c) for c in r] for r in rows]
            out.append((k - 1, j - 1, Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page,
                                            line=first_line + k - 1, rebuilt=True, form="numbered_columns")))
    return out


def _row_figures(line: str) -> tuple[str, list[str]] | None:
    """A row on one line: its label (text tokens) and the figures after it (every later token a figure)."""
    tokens = line.split()
    for k, tok in enumerate(tokens):
        if cell_value_text(tok) is not None:
            rest = tokens[k:]
            if k == 0 or any(cell_value_text(t) is None for t in rest):
                return None
            return " ".join(tokens[:k]), rest
    return (" ".join(tokens), []) if tokens else None


def spaced_formula_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                          ) -> list[tuple[set[int], Table]]:
    """(lines read, table) of each header with formulas over one label per line, rows on one line."""
    out: list[tuple[set[int], Table]] = []
    i, n = 0, len(lines)
    while i < n:
        if i in taken or not parse_formulas(lines[i]):
            i += 1
            continue
        header = {i}
        formulas = []
        j = i
        while j < n and j not in taken and len(lines[j].strip()) <= _HEADER_LINE_MAX:
            got = _row_figures(lines[j].strip())
            if got is not None and got[1]:
                break  # a row of figures: the body begins
            formulas.extend(parse_formulas(lines[j]))
            header.add(j)
            j += 1
        header_end = j
        width = max((c for f in formulas for c in f.columns), default=0)
        named = {c for f in formulas for c in f.columns}
        rows: list[list[str]] = []
        row_lines: list[list[int | None]] = []
        read: set[int] = set()
        while j < n and j not in taken:
            got = _row_figures(lines[j].strip())
            if got is None or (got[1] and len(got[1]) != width) or not got[0]:
                break
            rows.append([normalize_cell(got[0]), *(normalize_cell(t) for t in got[1])])
            row_lines.append([first_line + j] * (len(got[1]) + 1))
            read.add(j)
            j += 1
        while rows and len(rows[-1]) == 1:  # label lines after the last row of figures are not the table's
            rows.pop()
            row_lines.pop()
            read.discard(max(read))
        if named == set(range(1, width + 1)) and sum(len(r) > 1 for r in rows) >= _MIN_ROWS:
            by_target = {f.target: f.text for f in formulas}
            numbering_row = ["", *(by_target.get(c, circled(c)) for c in range(1, width + 1))]
            table = Table(number=0, rows=grid([numbering_row, *rows], lines=[[None] * (width + 1), *row_lines]),
                          source="text", page=page, line=first_line + min(header), rebuilt=True,
                          form="numbered_columns")
            out.append((header | read, table))
            i = j
        else:
            i = max(i + 1, min(header_end, j))  # a later start inside the same header lines reads no more: linear
    return out


def numbered_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int],
                    cells_of: Callable[[str], list[str] | None]) -> list[tuple[set[int], Table | None]]:
    """Both layouts: (lines read, table) in the shape :func:`jixiao.audit.flattened.find_flattened` returns."""
    out: list[tuple[set[int], Table | None]] = [
        (set(range(a, b + 1)), t) for a, b, t in numbered_pipe_tables(lines, page, first_line, taken, cells_of)]
    busy = taken.union(*(region for region, _ in out))
    out += spaced_formula_tables(lines, page, first_line, busy)
    return out
