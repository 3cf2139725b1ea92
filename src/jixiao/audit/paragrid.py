"""A table of names and figures pasted one cell per paragraph, every row a name and the same number of figures.

A web page that pastes a Word table paragraph by paragraph gives each cell as a paragraph, cells separated by
blank lines (:func:`jixiao.audit.paracells.paragraphs`)::

    项目大类 / 金额(万元) / 项目数量(个) / 风险识别与管控 / 2,608.00 / 23 / … / 总计 / 23,880.75 / 667

The header is a name paragraph and k ≥ 2 paragraphs that each name a figure column in the vocabulary
(``data/forms.yaml``); each row is then one name paragraph (not a figure, at most 40 characters) and exactly k
figure paragraphs. The reading stops at the first paragraph that does not go on so (an empty cell is lost with its
paragraph, so a row with an empty cell ends it). At least three rows are needed. Only a table whose last row read
is a total (合计/总计…) is known to be whole; any other is marked incomplete — its rows are read, no sum is judged
over them (the rows after the stop may be parts of a total above them).
"""

from __future__ import annotations

from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.forms import vocabulary
from jixiao.audit.paracells import paragraphs
from jixiao.audit.tables import is_figure

MIN_ROWS = 3
MAX_NAME = 40  # characters of a row's name paragraph: a longer one is prose
MAX_COLUMNS = 12  # figure columns of one header: bounded work from every paragraph


def _column(text: str) -> bool:
    vocab = vocabulary()
    return not is_figure(text) and vocab.role(text) in vocab.numeric


def _widths(cells: list[tuple[int, str] | None]) -> list[int]:
    """For each paragraph i, k when it is a name followed by k paragraphs naming figure columns, else 0; one pass
    from the end (each paragraph is asked once whether it names a column, not once per header start)."""
    n = len(cells)
    figure = [c is not None and is_figure(c[1]) for c in cells]
    run = [0] * (n + 1)  # column paragraphs from j on, each not followed by a figure
    for j in range(n - 1, -1, -1):
        c = cells[j]
        # a column word followed by a figure names the first row ("合计 / 90.00"), not a column
        named = c is not None and not figure[j] and not (j + 1 < n and figure[j + 1]) and _column(c[1])
        run[j] = run[j + 1] + 1 if named else 0
    return [min(MAX_COLUMNS, run[i + 1]) if (c := cells[i]) is not None and not figure[i] and len(c[1]) <= MAX_NAME
            else 0 for i in range(n)]


def _row_at(cells: list[tuple[int, str] | None], j: int, k: int) -> list[tuple[int, str]] | None:
    if j + k >= len(cells):
        return None
    row = cells[j:j + k + 1]
    name = row[0]
    if name is None or is_figure(name[1]) or len(name[1]) > MAX_NAME:
        return None
    if any(c is None or not is_figure(c[1]) for c in row[1:]):
        return None
    return [c for c in row if c is not None]


def paragraph_grids(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                    ) -> list[tuple[set[int], Table]]:
    """Every table of names and k figures written one cell per paragraph (see the module): (line indices, table)."""
    cells = paragraphs(lines, taken)
    out: list[tuple[set[int], Table]] = []
    widths = _widths(cells)
    i, n = 0, len(cells)
    while i < n:
        k = widths[i]
        if k < 2:
            i += 1
            continue
        rows: list[list[tuple[int, str]]] = []
        j = i + 1 + k
        while (row := _row_at(cells, j, k)) is not None:
            rows.append(row)
            j += k + 1
        if len(rows) < MIN_ROWS:
            i += 1
            continue
        head = [c for c in cells[i:i + k + 1] if c is not None]
        whole = vocabulary().is_total_label(rows[-1][0][1])
        table = Table(number=0, rows=grid([[c[1] for c in r] for r in [head, *rows]],
                                          lines=[[first_line + c[0] for c in r] for r in [head, *rows]]),
                      source="text", page=page, caption="", line=first_line + head[0][0], rebuilt=True,
                      form="paragrid", notes=() if whole else (INCOMPLETE,))
        last = rows[-1][-1][0]
        out.append((set(range(head[0][0], last + 1)), table))
        i = j
    return out
