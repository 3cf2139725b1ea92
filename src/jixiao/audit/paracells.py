"""A score form (评价指标, 评分表) flattened one cell per paragraph, its long criteria cells between 分值 and 得分.

A web page that pastes a Word table paragraph by paragraph gives each cell as a paragraph, cells separated by blank
lines, and breaks a merged label over several paragraphs ("绩效 / 目标 / 合理性")::

    一级\\n指标 / 二级 / 指标 / 三级 / 指标 / 分值 / 指标解释 / 指标说明 / 得分
    目标\\n设定 / 绩效 / 目标 / 合理性 / 5 / <a sentence or two> / 评价要点:\\n<more sentences> / 5
    绩效 / 指标 / 明确性 / 3 / … / 4

Cell boundaries inside a label are not certain, but the figures are: the header (its words read across up to three
paragraphs) names the level columns, then 分值, then one or more text columns (指标解释, 评分标准…), then 得分 last.
Each row is then: short label paragraphs, its 分值 alone in a paragraph (a number from 0 to 100), the text
paragraphs of its criteria, its 得分 alone in a paragraph. A row that does not read so ends the table. The rows are
rebuilt as 三级指标 | 分值 | criteria | 得分 — each 得分 can be held against its 分值 — and the table is marked
incomplete (the labels' levels are not known: no sum is judged over it).

A ledger pasted the same way (支出明细: 支出内容 / 实际支出数 / 会计凭证号 / 备注, one cell per paragraph, empty cells
gone) is read by its figures too: after a header whose paragraphs name a name column and one amount column, every
row holds its amount alone in a paragraph, and the rows are regular — the same number of text paragraphs (the row's
other cells and the next row's name) between one amount and the next, up to a 合计 row whose label is the last of
them. Each amount is named by the paragraph just before it; the table is rebuilt as name | amount with its 合计 row.
Gaps of different widths (a cell wrapped over two paragraphs — a long 凭证号 list —, or a row that lost a cell or its
amount) are read the same way when they differ by at most two paragraphs, with the note ``read_order``: a sum that
does not add up is then a 提示 (a row may be missing). Linear in the number of lines.
"""

from __future__ import annotations

import itertools
import re

from jixiao.audit.align import kind, number
from jixiao.audit.docmodel import CUT_END, INCOMPLETE, Table, grid
from jixiao.audit.forms import clean_header, vocabulary
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.readorder import READ_ORDER

_POINTS = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_LEVELS = ("level1", "level2", "level3", "name")
_TEXT_ROLES = ("criteria",)
MAX_HEADER_JOIN = 3  # paragraphs one header word may be broken into ("二级" / "指标")
MAX_HEADER_WORDS = 12  # header words of one form (levels, 分值, criteria, 得分): a longer run is no header read here
MAX_LABEL_CELL = 12  # characters of one label paragraph
MAX_LABEL_CELLS = 4  # label paragraphs per level column
MAX_TEXT_CELLS = 4  # criteria paragraphs per criteria column
MIN_ROWS = 2
MIN_LEDGER_ROWS = 3  # rows that show a ledger's gap between amounts
MAX_GAP_SPREAD = 2  # paragraphs by which the gaps between a ledger's amounts may differ (wrapped or lost cells)
_LEDGER_AMOUNTS = ("actual", "amount", "budget_final", "budget_initial")
UNLEVELLED = "表格按段落逐格还原，各指标的层级未知，不判断合计"  # the note of every table read here


def paragraphs(lines: list[str], taken: frozenset[int]) -> list[tuple[int, str] | None]:
    """(first line index, text) of each paragraph, lines of one paragraph joined; None where a taken line stands."""
    out: list[tuple[int, str] | None] = []
    cur: list[str] = []
    at = -1

    def close() -> None:
        nonlocal cur
        if cur:
            out.append((at, normalize_cell("".join(cur))))
        cur = []

    for i, raw in enumerate(lines):
        s = raw.strip()
        if i in taken:
            close()
            out.append(None)
            continue
        if not s:
            close()
            continue
        if not cur:
            at = i
        cur.append(s)
    close()
    return out


def _header_words(cells: list[tuple[int, str] | None]) -> list[tuple[str, int] | None]:
    """The column word starting at each paragraph: (its role, how many paragraphs it spans — the longest of up to
    MAX_HEADER_JOIN joined), or None. Looked up once per paragraph for every header start (one pass)."""
    vocab = vocabulary()
    n = len(cells)
    out: list[tuple[str, int] | None] = []
    for k in range(n):
        hit = None
        for size in range(min(MAX_HEADER_JOIN, n - k), 0, -1):
            part = cells[k:k + size]
            if any(c is None for c in part):
                continue
            role = vocab.roles.get(clean_header("".join(c[1] for c in part if c is not None)))
            if role is not None:
                hit = (role, size)
                break
        out.append(hit)
    return out


def _header(words: list[tuple[str, int] | None], i: int) -> tuple[list[str], int] | None:
    """The roles of a header starting at paragraph ``i`` and the paragraph after it, when it is one this module
    reads: level columns, 分值, text columns, 得分 last (``words``: :func:`_header_words`)."""
    roles: list[str] = []
    k, n = i, len(words)
    while k < n:
        if len(roles) == MAX_HEADER_WORDS:
            return None  # bounded: a run of column words read from every paragraph stays linear
        hit = words[k]
        if hit is None:
            break
        roles.append(hit[0])
        k += hit[1]
    if "weight" not in roles or roles[-1:] != ["score"] or roles.count("weight") > 1 or roles.count("score") > 1:
        return None
    w = roles.index("weight")
    levels, texts = roles[:w], roles[w + 1:-1]
    if not levels or any(r not in _LEVELS for r in levels) or not texts or any(r not in _TEXT_ROLES for r in texts):
        return None
    return roles, k


def _points(text: str) -> bool:
    return bool(_POINTS.match(text)) and (v := number(text)) is not None and v <= 100


def _row(cells: list[tuple[int, str] | None], k: int, n_levels: int, n_texts: int
         ) -> tuple[list[tuple[int, str]], tuple[int, str], list[tuple[int, str]], tuple[int, str], int] | None:
    """(labels, 分值, criteria, 得分, next paragraph) of the row starting at paragraph ``k``, else None."""
    labels: list[tuple[int, str]] = []
    n = len(cells)
    while k < n and len(labels) <= MAX_LABEL_CELLS * n_levels:
        c = cells[k]
        if c is None or _points(c[1]):
            break
        if len(c[1]) > MAX_LABEL_CELL or vocabulary().is_total_label(c[1]):
            return None
        labels.append(c)
        k += 1
    if not labels or k >= n or cells[k] is None:
        return None
    weight = cells[k]
    assert weight is not None
    k += 1
    texts: list[tuple[int, str]] = []
    while k < n and len(texts) <= MAX_TEXT_CELLS * n_texts:
        c = cells[k]
        if c is None or _points(c[1]):
            break
        texts.append(c)
        k += 1
    if not texts or k >= n or cells[k] is None:
        return None
    score = cells[k]
    assert score is not None
    return labels, weight, texts, score, k + 1


def _ledger_header(cells: list[tuple[int, str] | None], i: int) -> tuple[str, str, int] | None:
    """(name header, amount header, paragraph after them) of a ledger header at paragraph ``i``."""
    vocab = vocabulary()
    a, b = cells[i], cells[i + 1] if i + 1 < len(cells) else None
    if a is None or b is None or vocab.roles.get(clean_header(a[1])) != "name":
        return None
    if vocab.roles.get(clean_header(b[1])) not in _LEDGER_AMOUNTS:
        return None
    return a[1], b[1], i + 2


def _ledger(cells: list[tuple[int, str] | None], i: int, names: tuple[str, str], k: int, page: int | None,
            first_line: int) -> tuple[set[int], Table, int] | None:
    """The ledger whose header ends before paragraph ``k``: its rows up to the 合计 row, when they are regular."""
    amounts: list[int] = []  # paragraph indices of the amounts
    n = len(cells)
    j = k
    total = None
    while j < n and cells[j] is not None:
        c = cells[j]
        assert c is not None
        if kind(c[1]) == "N":
            prev = cells[j - 1]
            if j == k or prev is None or kind(prev[1]) == "N":
                return None  # two figures in a row: not a ledger of one amount a row
            amounts.append(j)
            if vocabulary().is_total_label(prev[1]):
                total = j
                break
        elif len(c[1]) > 60:
            return None  # a paragraph of prose
        j += 1
    if total is None or len(amounts) - 1 < MIN_LEDGER_ROWS:
        return None
    gaps = {b - a for a, b in itertools.pairwise(amounts)}
    if max(gaps) - min(gaps) > MAX_GAP_SPREAD:
        return None  # rows of very different shapes: not one ledger
    # gaps of two widths: a cell wrapped over two paragraphs, or a row lost a cell or its amount — each amount is
    # still named by the paragraph before it, but a row may be missing: its sums are 提示 (read by reading order)
    notes = () if len(gaps) == 1 else (READ_ORDER,)
    first = cells[i]
    assert first is not None
    rows: list[list[str]] = [list(names)]
    row_lines: list[list[int | None]] = [[first_line + first[0]] * 2]
    for at in amounts:
        label, amount = cells[at - 1], cells[at]
        assert label is not None and amount is not None
        rows.append([label[1], amount[1]])
        row_lines.append([first_line + label[0], first_line + amount[0]])
    end = cells[total]
    assert end is not None
    region = set(range(first[0], end[0] + 1))
    table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page, caption="",
                  line=first_line + first[0], rebuilt=True, form="ledger", notes=notes)
    return region, table, total + 1


def paragraph_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                     ) -> list[tuple[set[int], Table]]:
    """Every score form and ledger written one cell per paragraph: (line indices, table)."""
    cells = paragraphs(lines, taken)
    out = _score_tables(cells, page, first_line)
    used = set().union(*(region for region, _ in out)) if out else set()
    i, n = 0, len(cells)
    while i < n:
        head = _ledger_header(cells, i)
        if head is None or any(c is not None and c[0] in used for c in cells[i:i + 2]):
            i += 1
            continue
        got = _ledger(cells, i, (head[0], head[1]), head[2], page, first_line)
        if got is None:
            i += 1
            continue
        out.append((got[0], got[1]))
        i = got[2]
    return out


def _score_tables(cells: list[tuple[int, str] | None], page: int | None, first_line: int
                  ) -> list[tuple[set[int], Table]]:
    """Every score form written one cell per paragraph with its criteria between 分值 and 得分: (lines, table)."""
    out: list[tuple[set[int], Table]] = []
    words = _header_words(cells)
    i, n = 0, len(cells)
    while i < n:
        first = cells[i]
        head = _header(words, i) if first is not None else None
        if first is None or head is None:
            i += 1
            continue
        roles, k = head
        n_levels, n_texts = roles.index("weight"), len(roles) - roles.index("weight") - 2
        rows: list[list[str]] = [["三级指标", "分值", "指标说明", "得分"]]
        row_lines: list[list[int | None]] = [[first_line + first[0]] * 4]
        region = {c[0] for c in cells[i:k] if c is not None}
        while (got := _row(cells, k, n_levels, n_texts)) is not None:
            labels, weight, texts, score, k = got
            rows.append(["".join(t for _, t in labels), weight[1], "".join(t for _, t in texts), score[1]])
            row_lines.append([first_line + labels[0][0], first_line + weight[0], first_line + texts[0][0],
                              first_line + score[0]])
            region.update(range(labels[0][0], score[0] + 1))
        if len(rows) - 1 < MIN_ROWS:
            i += 1
            continue
        notes = [INCOMPLETE, UNLEVELLED]
        if k < n and cells[k] is not None:
            notes.append(CUT_END)
        table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page, caption="评分表",
                      line=first_line + first[0], rebuilt=True, form="scoring", notes=tuple(notes))
        out.append((region, table))
        i = k
    return out
