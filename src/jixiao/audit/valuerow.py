"""A table copied as all its header cells first and then its one row of values, one cell per line or paragraph.

A small table with a single row of figures (a 补助标准 split by level of government, a “三公” budget over two years)
pasted from a web page comes out header first, then values, with no row label::

    中央 | / 自治区 | / 自治州 | / 县 | / 合计 | / 416元 | / 73元 | / 20元 | / 80元 | / 589元 |

or, a page's table pasted paragraph by paragraph (blank lines between cells, an empty cell kept as a paragraph
holding only a space), with its header rows one after another::

    2016年预算数 / 2017年预算数 /                                      ← the years, each over one group
    合计 / 因公出国(境)费 / 公务用车购置及运行费 / 公务接待费 / (the same four again) /   ← the group, once a year
    小计 / 公务用车购置费 / 公务用车运行费 / (the same three again) /                  ← the sub-group, once a year
    2908 /   / 1540 /   / 1540 / 1386 / 2310 / 20 / 1054 /   / 1054 / 1236

Cells are read in two ways: lines closed by a bar ("中央 |"; a bar alone is an empty cell), or paragraphs between
blank lines (wrapped lines joined; a paragraph of spaces is an empty cell). A run of text cells followed by a
stretch of figures and empty cells (starting with a figure) is read only where one reading of the header gives
exactly as many columns as there are values:

- one header row: the run opens with the header (bar lines only: there the run's start is known), its texts all
  different, as many as the values;
- header rows of groups: a ≥ 2 years or measures, then the same g texts once for each of them (the copies
  prove the split), optionally followed by a sub-group of texts repeated the same way that opens with
  合计/小计 and splits the one group column whose name its other texts continue (公务用车购置费 under
  公务用车购置及运行费: the longest shared start, shared by no other column as far): a × (g − 1 + s) columns.

A stretch whose count fits no reading, or fits two, is left alone. The header cells become header rows with
spans (a cell stands over the columns up to the next cell of its row), so the column rules
(:mod:`jixiao.audit.rules.table_columns`) check each 合计/小计 column against its parts. Linear in the lines.
"""

from __future__ import annotations

from jixiao.audit.docmodel import Table, grid
from jixiao.audit.numbers import normalize_cell

MAX_CELL = 30  # characters of one cell: a longer paragraph is prose
MAX_VALUES = 24  # values of the one row
MAX_HEADER = 40  # header cells looked at before the values
MAX_YEARS = 6  # years (or measures) over the groups of a grouped header
MAX_GROUP = 8  # cells of one group
_TOTALS = ("合计", "小计", "总计")

Cell = tuple[int, str]  # (first line index, text; "" for an empty cell)


def _figure(text: str) -> bool:
    from jixiao.audit.tables import cell_value_text

    return bool(text) and cell_value_text(text) is not None


def _bar_runs(lines: list[str], taken: frozenset[int]) -> list[list[Cell]]:
    """Runs of consecutive lines each holding one cell closed by a bar ("中央 |", "|" alone: an empty cell)."""
    runs: list[list[Cell]] = []
    run: list[Cell] = []
    for i, raw in enumerate(lines):
        s = raw.strip()
        if i not in taken and s.endswith("|") and s.count("|") == 1 and len(s) <= MAX_CELL + 1:
            run.append((i, normalize_cell(s[:-1])))
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    return runs


def _paragraph_runs(lines: list[str], taken: frozenset[int]) -> list[list[Cell]]:
    """Runs of paragraphs between blank lines; a paragraph of spaces alone is an empty cell."""
    runs: list[list[Cell]] = []
    run: list[Cell] = []
    cur: list[str] = []
    at = -1

    def close() -> None:
        nonlocal cur, run
        if cur:
            text = normalize_cell("".join(cur))
            if len(text) > MAX_CELL:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((at, text))
        cur = []

    for i, raw in enumerate(lines):
        s = raw.strip()
        if i in taken:
            close()
            if run:
                runs.append(run)
            run = []
            continue
        if not raw:  # a blank line ends a paragraph
            close()
            continue
        if not s:  # a line of spaces between blank lines: an empty cell
            close()
            if (i == 0 or not lines[i - 1]) and (i + 1 == len(lines) or not lines[i + 1]):
                run.append((i, ""))
            continue
        if "|" in s:
            close()
            if run:
                runs.append(run)
            run = []
            continue
        if not cur:
            at = i
        cur.append(s)
    close()
    if run:
        runs.append(run)
    return runs


def _shared_start(a: str, b: str) -> int:
    """How many leading characters two texts share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _parent(group: list[str], sub: list[str]) -> int | None:
    """The one group column the sub-group splits: the longest start shared with all the sub-group's parts."""
    shared = [min(_shared_start(g, t) for t in sub[1:]) for g in group]
    best = max(shared)
    if best < 2 or shared.count(best) != 1:
        return None
    return shared.index(best)


def _shapes(m: int) -> list[tuple[int, int, int]]:
    """(years a, group cells g, sub-group cells s) of every grouped header with ``m`` columns: a × g columns
    without a sub-group (a header of a + a·g cells), a × (g − 1 + s) with one (a + a·g + a·s cells)."""
    out = []
    for a in range(2, MAX_YEARS + 1):
        if m % a:
            continue
        if m // a >= 2:
            out.append((a, m // a, 0))
        out.extend((a, g, m // a + 1 - g) for g in range(2, MAX_GROUP + 1) if m // a + 1 - g >= 2)
    return out


def _grouped(head: list[str], a: int, g: int, s: int) -> list[list[str]] | None:
    """Header rows of ``head`` (a years, the group of g cells a times, the sub-group of s cells a times), or None
    when the cells are not so."""
    years, group, sub = head[:a], head[a:a + g], head[a + a * g:a + a * g + s]
    if len(set(years)) != a or len(set(group)) != g or any(head[a + k * g:a + (k + 1) * g] != group for k in range(a)):
        return None
    parent = None
    if s:
        if not sub[0].startswith(_TOTALS) or len(set(sub)) != s or any(
                head[a + a * g + k * s:a + a * g + (k + 1) * s] != sub for k in range(a)):
            return None
        parent = _parent(group, sub)
        if parent is None:
            return None
    width = g - 1 + s if s else g
    top: list[str] = []
    mid: list[str] = []
    low: list[str] = []
    for y in years:
        top += [y] + [""] * (width - 1)
        for k, name in enumerate(group):
            if k == parent:
                mid += [name] + [""] * (s - 1)
                low += sub
            else:
                mid.append(name)
                low.append("")
    return [top, mid, low] if s else [top, mid]


def _read(run: list[Cell], texts: list[str], start: int, bar: bool) -> tuple[int, list[list[str]], list[Cell]] | None:
    """(first header cell, header rows, values) of the value row starting at cell ``start``, or None; ``texts``
    are the run's texts."""
    n = len(run)
    end = start
    while end < n and end - start < MAX_VALUES + 1 and (not run[end][1] or _figure(run[end][1])):
        end += 1
    if end - start > MAX_VALUES:
        return None
    values = run[start:end]
    while values and not values[-1][1]:
        values.pop()
    m = len(values)
    if m < 3 or m > MAX_VALUES:
        return None
    lo = start
    while lo > 0 and start - lo < MAX_HEADER and run[lo - 1][1] and not _figure(run[lo - 1][1]):
        lo -= 1
    readings: list[tuple[int, list[list[str]]]] = []
    if bar and start - lo == m and len(set(texts[lo:start])) == m and lo == 0:
        readings.append((lo, [texts[lo:start]]))
    for a, g, s in _shapes(m):
        first = start - a * (1 + g + s)
        if first >= lo and (rows := _grouped(texts[first:start], a, g, s)) is not None:
            readings.append((first, rows))
    if len(readings) != 1:
        return None
    first, rows = readings[0]
    if not any(t.startswith(_TOTALS) for r in rows for t in r):
        return None  # no total among the columns: nothing this reading could check
    return first, rows, values


def value_row_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                     ) -> list[tuple[set[int], Table]]:
    """Every table written as its header cells, then its one row of values (see the module): (line indices, table)."""
    out: list[tuple[set[int], Table]] = []
    for bar, runs in ((True, _bar_runs(lines, taken)), (False, _paragraph_runs(lines, taken))):
        for run in runs:
            texts = [t for _, t in run]
            k = 1
            while k < len(run):
                if not (_figure(run[k][1]) and run[k - 1][1] and not _figure(run[k - 1][1])):
                    k += 1
                    continue
                got = _read(run, texts, k, bar)
                if got is None:
                    k += 1
                    continue
                first, rows, values = got
                head_lines: list[int | None] = [first_line + run[first][0]] * len(values)
                table = Table(number=0, rows=grid([*rows, [t for _, t in values]],
                                                  lines=[*([head_lines] * len(rows)),
                                                         [first_line + i for i, _ in values]]),
                              source="text", page=page, caption="", line=first_line + run[first][0], rebuilt=True,
                              form="value_row")
                out.append((set(range(run[first][0], values[-1][0] + 1)), table))
                k += len(values) + 1
    return out
