"""A form whose figure columns carry letter codes and a 行次 column, copied as text with its cells broken over lines.

The 四川 转移支付 绩效评价表 reposted by tender sites reads, as text::

    行次 全年预算数
    (A)
    统筹整合资金数
    (B)
    …
    预算到位
    (D/C×100%)
    …
    列次 0 1 2 3 4 5 6 7 所需材料 上传端口
    年度资金总额(万元): 1 52.800000
    52.800000 52.800000 100.00% 30.800000 58.33%
    其中:中央财政资金(万元) 2 52.800000
    …

Header cells each followed by their code ("(A)"; a rate column by its formula "(D/C×100%)"), a 列次 line numbering the
columns, then each row: its label, its 行次 (1, 2, 3 … in order: what tells a row's start from a figure), and its
figures, broken over lines anywhere; empty cells are simply missing. Only the columns' kinds place the figures: an
amount goes to a letter column, a percentage to a rate column, in order, and a rate stated in a row needs both
columns its formula names (the rate of D over C is written only beside D and C). A figure is read into a column
only when every placement allowed so puts it there; a row with a figure of unknown column keeps its certain
figures and carries the note ``uncertain_row:N`` (no sum spans it). A row whose figures fit no placement, or a line
that is neither a row nor its continuation, ends the table. Words in ``data/coded.yaml``.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.align import kind
from jixiao.audit.docmodel import Table, grid
from jixiao.audit.tokens import Token, tokenize

UNCERTAIN_ROW = "uncertain_row:"
MIN_CODED = 4  # letter-coded columns in a header
MAX_WORDS = 3  # words of one header cell broken at spaces
MAX_ROWS = 100
MAX_PLACEMENTS = 20_000  # column choices tried for one row's figures
_CODE = re.compile(r"^[（(]\s*([A-Z])\s*[)）]$")
_CODED_WORD = re.compile(r"^(.*?[\u4e00-\u9fff])(\s*[（(][A-Z/÷×*xX\s\d%％]{1,14}[)）])$")  # "全年预算数(A)"
_RATE_CODE = re.compile(r"^[（(]\s*([A-Z])\s*[/÷]\s*([A-Z])\s*(?:[×*xX]\s*100\s*[%％])?\s*[)）]$")


@dataclass(frozen=True)
class _Words:
    row_number: frozenset[str]
    column_number: frozenset[str]


@cache
def _words() -> _Words:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("coded.yaml").read_text(encoding="utf-8"))
    return _Words(frozenset(data["row_number_columns"]), frozenset(data["column_number_rows"]))


@dataclass(frozen=True)
class _Column:
    header: str  # "全年预算数(A)"
    letter: str  # "A"; a rate column: ""
    of: tuple[str, str] | None  # a rate column: (numerator, denominator) letters


def _column(word: str, code: str) -> _Column | None:
    """A header cell's column from its words and its code ("(A)", "(D/C×100%)"), or None when ``code`` is none."""
    if m := _CODE.match(code):
        return _Column(f"{word}({m.group(1)})", m.group(1), None)
    if m := _RATE_CODE.match(code):
        return _Column(f"{word}({m.group(1)}/{m.group(2)}×100%)", "", (m.group(1), m.group(2)))
    return None


def _header(tokens: list[Token], i: int) -> tuple[list[_Column], int] | None:
    """The coded columns from the 行次 token at ``i`` on, and the token index after them. A header cell is up to
    ``MAX_WORDS`` words (a cell broken at a space) then its code, as a token of its own or written on ("全年预算数(A)")."""
    cols: list[_Column] = []
    j = i + 1
    while j < len(tokens):
        k = j
        while k < len(tokens) and k - j < MAX_WORDS and kind(tokens[k].text) == "T" and _column("", tokens[k].text) is None:
            m = _CODED_WORD.match(tokens[k].text)
            if m is not None and (col := _column("".join(t.text for t in tokens[j:k]) + m.group(1), m.group(2))):
                break
            k += 1
        else:
            col = None
        if col is None and k > j and k < len(tokens) and (col := _column("".join(t.text for t in tokens[j:k]),
                                                                          tokens[k].text)) is None:
            break
        if col is None:
            break
        cols.append(col)
        j = k + 1
    letters = [c.letter for c in cols if c.letter]
    if len(cols) < MIN_CODED or len(set(letters)) != len(letters) or letters != sorted(letters) or not any(
            c.of and set(c.of) <= set(letters) for c in cols):
        return None
    return cols, j


@dataclass
class _Row:
    label: str
    figures: list[Token]
    line: int


def _rows(tokens: list[Token], j: int) -> tuple[list[_Row], int]:
    """The body rows from token ``j``: a 列次 line is skipped, then each row is label tokens, its 行次 and figures,
    then text cells on the last figure's line; lines of figures alone carry the row on. Returns the rows and the
    index of the token the body stops at."""
    words = _words()
    n = len(tokens)
    while j < n and kind(tokens[j].text) == "T" and tokens[j].text not in words.column_number:
        if j + 1 < n and tokens[j + 1].text == "1":
            break  # the first row's label: no 列次 line
        j += 1
    if j < n and tokens[j].text in words.column_number:
        line = tokens[j].line
        while j < n and tokens[j].line == line:
            j += 1
    rows: list[_Row] = []
    while j < n and len(rows) < MAX_ROWS:
        line = tokens[j].line
        k = j
        while k < n and tokens[k].line == line and kind(tokens[k].text) == "T":
            k += 1
        if k == j or k >= n or tokens[k].line != line or tokens[k].text != str(len(rows) + 1):
            break
        row = _Row("".join(t.text for t in tokens[j:k]), [], line)
        k += 1
        texts = False  # text cells seen after the figures
        while k < n:
            if kind(tokens[k].text) in "NPD":
                if texts:
                    break  # a figure after the row's text cells: not read as this row's
                row.figures.append(tokens[k])
                k += 1
                continue
            last = row.figures[-1].line if row.figures else row.line
            if tokens[k].line != last:
                break
            m = k
            while m < n and tokens[m].line == last and kind(tokens[m].text) == "T":
                m += 1
            if m < n and tokens[m].line == last and tokens[m].text == str(len(rows) + 2):
                break  # the next row's label and 行次 on the same line
            texts, k = True, m  # text cells after the figures on their line (佐证材料)
        rows.append(row)
        j = k
    return rows, j


def _placements(figures: list[Token], cols: list[_Column]) -> list[tuple[int, ...]]:
    """Every order-keeping placement of the figures in columns of their kind (an amount in a letter column, a
    percentage in a rate column, a dash anywhere) where each stated rate's two columns are filled."""
    out: list[tuple[int, ...]] = []
    if math.comb(len(cols), len(figures)) > MAX_PLACEMENTS:
        return []  # too many ways to try: the row is not read (bounded time)
    for combo in itertools.combinations(range(len(cols)), len(figures)):
        ok = all(kind(f.text) == "D" or (kind(f.text) == "P") == (cols[c].of is not None)
                 for f, c in zip(figures, combo, strict=True))
        filled = {cols[c].letter for c, f in zip(combo, figures, strict=True) if kind(f.text) != "D"}
        if ok and all(set(cols[c].of or ()) <= filled for c, f in zip(combo, figures, strict=True)
                      if cols[c].of is not None and kind(f.text) != "D"):
            out.append(combo)
    return out


def coded_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                 ) -> list[tuple[set[int], Table]]:
    """Every coded-column form in ``lines`` (see the module docstring): the lines it covers and the table."""
    tokens = tokenize(lines, taken)
    words = _words()
    out: list[tuple[set[int], Table]] = []
    i = 0
    while i < len(tokens):
        if tokens[i].text not in words.row_number:
            i += 1
            continue
        found = _header(tokens, i)
        if found is None:
            i += 1
            continue
        cols, j = found
        rows, end = _rows(tokens, j)
        if len(rows) < 2:
            i = j
            continue
        grid_rows = [["项目", *[c.header for c in cols]]]
        at: list[list[int | None]] = [[tokens[i].line + first_line] * (len(cols) + 1)]
        notes: list[str] = []
        for number, row in enumerate(rows, start=2):
            cells: list[str] = [row.label, *[""] * len(cols)]
            where: list[int | None] = [row.line + first_line, *[None] * len(cols)]
            ways = _placements(row.figures, cols)
            if not ways:
                break  # figures no placement fits: the table ends before this row
            for k, f in enumerate(row.figures):
                spots = {w[k] for w in ways}
                if len(spots) == 1 and kind(f.text) != "D":
                    c = spots.pop()
                    cells[c + 1], where[c + 1] = f.text, f.line + first_line
                elif len(spots) > 1:
                    notes.append(f"{UNCERTAIN_ROW}{number}")
            grid_rows.append(cells)
            at.append(where)
        region = set(range(tokens[i].line, (tokens[end - 1].line if end > i else tokens[i].line) + 1))
        out.append((region, Table(number=0, rows=grid(grid_rows, lines=at), source="text", page=page,
                                  caption="", line=tokens[i].line + first_line, rebuilt=True, form="coded",
                                  notes=tuple(dict.fromkeys(notes)))))
        i = end
    return out
