"""Text lines (from .txt/.md or one PDF page) into paragraphs and tables.

Three things happen, in this order (pipe rows broken over several lines are joined first, for the readers of
tables only: :func:`join_broken_rows`):

1. Runs of lines that are rows of a grid — cells separated by tabs, or Markdown/pipe rows with at least
   two filled cells — become a :class:`Table` directly.
2. The remaining lines are searched for flattened table text (:mod:`jixiao.audit.flattened`): a header
   sequence of a known form followed by its cells one per line, a row per line or all on one line. Rows
   rebuilt with confidence become a rebuilt :class:`Table`.
3. Every other line is grouped into paragraphs; a line broken by PDF extraction inside a sentence or a
   number is joined back. Lines that belong to a table are kept as blocks marked ``in_table`` so that
   nothing is lost, but prose rules do not read them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from jixiao.audit.docmodel import INCOMPLETE, Block, Table, grid
from jixiao.audit.glued import page_chunks
from jixiao.audit.numbers import normalize, normalize_cell, simplified
from jixiao.audit.readers.doubled import undoubled
from jixiao.audit.readers.stamps import is_stamp

_TERMINAL = tuple("。！？!?；;：:")
_WRAP_MAX = 150  # characters: no printed page holds a longer line
_EMPHASIS = re.compile(r"^\*{2}(.*)\*{2}$")  # Markdown bold around a cell
_PIPE_RULE = re.compile(r"^\|?\s{0,8}:?-{2,200}:?\s{0,8}(?:\|\s{0,8}:?-{2,200}:?\s{0,8}){0,100}\|?$")  # bounded: linear


def _joinable(prev: str, nxt: str, in_list: bool = False, wrapped: bool = False) -> bool:
    """Is ``nxt`` the continuation of ``prev`` (a line broken by PDF extraction)? ``in_list``: the paragraph so far
    opened a 其中 list that no full stop has closed; ``wrapped``: ``prev`` already continues a line before it."""
    if not prev or not nxt or "\t" in prev or "\t" in nxt:
        return False
    if is_stamp(prev) or is_stamp(nxt):  # a page's "发布时间:2022-04-02 10:21:40" between its title and its text
        return False
    if prev[-1].isdigit() and (nxt[0].isdigit() or nxt[0] == "." or nxt.startswith(_UNIT_START)):
        return True  # "……减少91.91" / "万元,下降18.4%": a figure broken from its unit
    if prev.endswith(("万", "亿", ".")) or nxt.startswith(("元", "%")):
        return True
    # a PDF wraps lines at a page's width; a line far longer than that which ends on a figure is a paragraph
    # of its own even without a full stop ("……为年初预算数1万元的0%" / "州本级……"); one that ends inside a word
    # was cut by a page break ("……致电省委" / "外办，……")
    if len(prev) > _WRAP_MAX and (prev[-1].isdigit() or prev[-1] in "%％") and not nxt[0].isdigit():
        return False
    if _LIST_OPEN.search(prev) or (in_list and prev.endswith(("；", ";"))):
        # "……按经济分类,其中:" / "……增长 1.68%;" inside that list: the items go on in the lines after, up to an
        # enumeration or a heading (a list written one numbered item a line is joined later, for every format, by
        # paragraphs.joined_breakdowns)
        return not _NEW_ITEM.match(nxt)
    if prev.endswith(_TERMINAL):
        return False
    # a short line inside a wrapped sentence ("……因客观情况" / "未执行完、按规定结转到本年继续使用" / "的资金。……"):
    # the words go on from one line into the next unless it opens an item or a heading (cells of table text, which
    # end or open on a figure or a bracket, are not joined so)
    return len(prev) >= 25 or (wrapped and _is_cjk(prev[-1]) and (_is_cjk(nxt[0]) or bool(_AMOUNT_START.match(nxt)))
                               and not _NEW_ITEM.match(nxt))


# a line opening with an amount and its unit ("……一笔军休人员抚恤金" / "74.31万元;……"): the sentence goes on
_AMOUNT_START = re.compile(r"\d[\d,]*(?:\.\d+)?(?:万元|亿元|千元|元)")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_UNIT_START = ("万元", "亿元", "千元", "个百分点")
_LIST_OPEN = re.compile(r"(?:其中|包括|分别为|分别是)\s*[:：]?$")
_MARKER = re.compile(r"其中|包括|分别为|分别是")


_OPEN, _ITEM_CLOSED = "open", "closed"  # list states between lines


def _list_state(piece: str, before: str) -> str:
    """The state of a 其中 list after ``piece``: open (a marker after the last full stop, or open before and no full
    stop), closed by a full stop after an item (the next line may be another item of it), or none ("")."""
    stop = max(piece.rfind("。"), piece.rfind("！"), piece.rfind("？"))
    markers = [m.start() for m in _MARKER.finditer(piece)]
    if markers and markers[-1] > stop:
        return _OPEN
    if before == _OPEN:
        return _OPEN if stop < 0 else _ITEM_CLOSED
    return ""


# the next item of a list whose first item ended with a full stop: a name and its amount ("公用经费 71339.2 元,……")
_ITEM_START = re.compile(r"[\u4e00-\u9fff“”\"]{2,16}\s?\d[\d,.]*\s?(?:元|万元|亿元)")
_NEW_ITEM = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}(?:[)）、]|[.．](?!\d))|[一二三四五六七八九十]+是|第[一二三四五六七八九十\d]+|[①-⑳])")


def site_pages(lines: list[str]) -> frozenset[int]:
    """The lines that go on with the previous page of a document-sharing site's copy ("1、……预算支出910.4" then
    "2、7万元,其中……"): each begins with the next page number, after a page longer than any printed line (a numbered
    list's items are short). Its page number is no part of the text: a page break cuts a sentence, or a figure,
    anywhere."""
    out: set[int] = set()
    for k, line in enumerate(lines):
        if not line.lstrip().startswith("1、") or k in out:
            continue
        before = k
        for j in page_chunks(lines, k):  # each begins with its page number (the next one) and "、"
            if len(lines[before].strip()) <= _WRAP_MAX:
                break
            out.add(j)
            before = j
    return frozenset(out)


def blocks_from_lines(lines: list[str], page: int | None = None, first_line: int = 1,
                      skip: frozenset[int] = frozenset()) -> list[Block]:
    """Group physical lines into logical paragraphs; blank lines do not end a broken sentence.
    Lines whose index is in ``skip`` (table lines) become single ``in_table`` blocks."""
    blocks: list[Block] = []
    parts: list[tuple[int, str]] = []
    state = ""
    pages = site_pages(lines)

    def flush() -> None:
        if not parts:
            return
        text, starts = "", []
        for line_no, piece in parts:
            starts.append((len(text), line_no))
            text += piece
        blocks.append(Block(text=normalize(text) if len(parts) > 1 else text, line=parts[0][0], page=page,
                            line_starts=tuple(starts) if len(parts) > 1 else ()))
        parts.clear()

    for i, rawline in enumerate(lines):
        line_no = first_line + i
        stripped = rawline.strip()
        if not stripped:
            continue
        piece = normalize(stripped) if "\t" not in rawline else normalize(rawline.strip("\n"))
        if i in pages and i not in skip:
            piece = piece.partition("、")[2].strip() or piece
        if i in skip:
            flush()
            blocks.append(Block(text=piece, line=line_no, page=page, in_table=True))
            continue
        if parts and _joinable(parts[-1][1], piece, state == _OPEN, len(parts) > 1):
            parts.append((line_no, piece))
            state = _list_state(piece, state)
            continue
        if parts and state == _ITEM_CLOSED and _ITEM_START.match(piece) and not _NEW_ITEM.match(piece):
            # "其中:\n人员经费 809961.19 元,……。\n公用经费 71339.2 元,……。": each item closed by a full stop on the
            # page; the clause reader decides whether the sentences after the first are items of the list
            parts.append((line_no, piece))
            state = _list_state(piece, _OPEN)
            continue
        flush()
        parts.append((line_no, piece))
        state = _list_state(piece, "")
    flush()
    return blocks


def _grid_cells(line: str, markdown: bool) -> list[str] | None:
    """The cells of a grid row, or None when the line is not one. Pipe rows count only inside a
    Markdown table (a "|---|" rule under its first row); other pipe text is flattened table text."""
    s = line.strip()
    if "\t" in line.strip("\n\r"):
        cells = [normalize(c.strip()) for c in line.rstrip("\n\r").split("\t")]
    elif markdown and s.startswith("|") and s.count("|") >= 2:
        cells = [normalize(_EMPHASIS.sub(r"\1", c.strip())) for c in s.strip("|").split("|")]
    else:
        return None
    return cells if sum(bool(c) for c in cells) >= 2 else None


def _markdown_start(lines: list[str], i: int) -> bool:
    return (lines[i].strip().startswith("|") and i + 1 < len(lines)
            and bool(_PIPE_RULE.match(lines[i + 1].strip())) and "-" in lines[i + 1])


def _caption(lines: list[str], start: int) -> str:
    """The short lines just before a table (its title and unit note), up to two, within four lines."""
    found: list[str] = []
    for k in range(start - 1, max(start - 5, -1), -1):
        t = lines[k].strip().strip("*#").strip()
        if not t:
            continue
        if len(t) > 40 or len(found) == 2:
            break
        found.insert(0, normalize(t))
    return " ".join(found)


def grid_tables(lines: list[str], page: int | None, first_line: int) -> list[tuple[int, int, Table]]:
    """(first index, last index, table) of every tab/pipe grid; numbers are assigned later."""
    out: list[tuple[int, int, Table]] = []
    i, n = 0, len(lines)
    while i < n:
        markdown = _markdown_start(lines, i)
        if _grid_cells(lines[i], markdown) is None:
            i += 1
            continue
        rows: list[list[str]] = []
        row_lines: list[list[int | None]] = []
        start = end = i
        j = i
        while j < n:
            line = lines[j]
            if not line.strip():
                j += 1
                continue
            if _PIPE_RULE.match(line.strip()):
                j += 1
                end = j - 1
                continue
            cells = _grid_cells(line, markdown)
            if cells is None and not (rows and "\t" in line):  # a row with one filled cell keeps its tab
                break
            if cells is None:
                cells = [normalize(c.strip()) for c in line.rstrip("\n\r").split("\t")]
            rows.append(cells)
            row_lines.append([first_line + j] * len(cells))
            end = j
            j += 1
        if len(rows) >= 2:
            table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page,
                          caption=_caption(lines, start), line=first_line + start)
            out.append((start, end, table))
        i = end + 1
    return out


def _bare_cells(line: str) -> list[str] | None:
    s = line.strip()
    if s.count("|") < 2:
        return None
    from jixiao.audit.packed import indented_cell

    cells = [indented_cell(_EMPHASIS.sub(r"\1", c)) for c in s.strip("|").split("|")]
    if not s.startswith("|"):  # the line's own indentation belongs to its first cell
        cells[0] = indented_cell(" " + _EMPHASIS.sub(r"\1", line.rstrip().split("|", 1)[0]))
    return cells if any(cells) else None


def _aligned(rows: list[list[str]]) -> bool:
    """Is a run of pipe rows a grid? A header row naming at least two figure columns in the vocabulary,
    and at least two rows under it whose figures sit in those columns (a row label, then figures)."""
    from jixiao.audit.forms import vocabulary
    from jixiao.audit.tables import cell_value_text

    vocab = vocabulary()
    for h, head in enumerate(rows):
        numeric = {j for j, c in enumerate(head) if c and vocab.role(c) in vocab.numeric}
        if len(numeric) < 2 or any(cell_value_text(c) is not None for c in head):
            continue
        body = 0
        for row in rows[h + 1:]:
            figures = {j for j, c in enumerate(row) if c and cell_value_text(c) is not None}
            if len(figures) >= 2 and figures <= numeric and row[0] and cell_value_text(row[0]) is None:
                body += 1
        return body >= 2
    return False


def _totalled(rows: list[list[str]]) -> list[list[str]]:
    """A run of pipe rows whose header no word names, read as a grid when a 合计 row over its columns
    shows which columns hold figures (:mod:`jixiao.audit.totalgrid`); ``[]`` when it is not one."""
    from jixiao.audit.tables import cell_value_text
    from jixiao.audit.totalgrid import header_row, realigned

    fixed = realigned(rows, cell_value_text)
    return fixed if header_row(fixed, cell_value_text) is not None else []


def bare_pipe_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int],
                     joined: frozenset[int] = frozenset()) -> list[tuple[int, int, Table]]:
    """Pipe rows without a Markdown rule ("项目 | 预算数 | 上年完成数 |", one row per line) that no known form
    rebuilt: a grid when its header names figure columns and its rows put their figures under them, so a
    table of amounts, prior amounts and changes is read by its header's meaning rather than by a form; or
    when a 合计 row over columns no header word names aligns with them (:func:`_totalled`).
    ``joined``: the lines emptied by :func:`join_broken_rows` (their text is in the row above)."""
    out: list[tuple[int, int, Table]] = []
    i, n = 0, len(lines)
    while i < n:
        if i in taken or _bare_cells(lines[i]) is None:
            i += 1
            continue
        start = j = i
        rows: list[list[str]] = []
        row_lines: list[list[int | None]] = []
        while j < n and j not in taken:
            if j in joined:
                j += 1
                continue
            cells = _bare_cells(lines[j])
            if cells is None:
                break
            rows.append(cells)
            row_lines.append([first_line + j] * len(cells))
            j += 1
        if len(rows) >= 3 and not _aligned(rows):
            rows = _totalled(rows)
            row_lines = [[line[0]] * len(r) for line, r in zip(row_lines, rows, strict=False)]
        if len(rows) >= 3:
            table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page,
                          caption=_caption(lines, start), line=first_line + start)
            out.append((start, j - 1, table))
        i = max(j, i + 1)
    return out


def spaced_tables(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                  ) -> list[tuple[int, int, Table]]:
    """Tables pasted with one space between cells and one more per empty cell (:mod:`jixiao.audit.spacedrows`),
    read only where every row has the header's number of cells."""
    from jixiao.audit.spacedrows import spaced_runs

    out: list[tuple[int, int, Table]] = []
    for start, end, rows, cut in spaced_runs(lines, taken):
        top = end - len(rows) + 1  # the header's (lower) line: a two-line header starts one line above it
        table = Table(number=0, rows=grid(rows, lines=[[first_line + k] * len(r) for k, r in enumerate(rows, top)]),
                      source="text", page=page, caption=_caption(lines, start), line=first_line + start,
                      rebuilt=True, form="spaced", notes=(INCOMPLETE,) if cut else ())
        out.append((start, end, table))
    return out


MIN_WIDTH_ROWS = 2  # lines of the full width that show a run of pipe rows has one
MAX_PIECES = 8  # lines one row is broken into (a header of one line per cell: 序号 | 一级 | 二级 | 三级 | …)


def _bars(line: str) -> int:
    """The cells of a pipe row that closes its last cell with "|" (one per "|"), else 0."""
    s = line.strip()
    return s.count("|") if s.endswith("|") else 0


def join_broken_rows(lines: list[str]) -> tuple[list[str], dict[int, list[int]]]:
    """Pipe rows broken over several lines, joined: the lines and, for each joined row, its first line's index →
    the indices of every line it was made of.

    A web copy of a form writes each row as cells closed by "|", empty cells included, so every row of a table
    has the same number of "|" (the width); a row whose merged cells or long text made the copy break it comes
    out as a few short lines ("1 | 规划 (15分) |" / "基础信息 (3分) | … |" / "3 |"). Consecutive short lines are one
    row when their counts add up to exactly the width, which at least two whole lines of the run show (the most
    frequent count). The run must be regular: between its first and its last whole row every line is whole or
    part of a joined row (a copy that drops trailing empty cells has rows of any count, and two short rows may add
    up by chance); only its end may be cut. Anything else is left as it is. The joined row stands on its first
    line, the others are emptied."""
    out = list(lines)
    groups: dict[int, list[int]] = {}
    i, n = 0, len(lines)
    while i < n:
        if not _bars(lines[i]):
            i += 1
            continue
        j = i
        while j < n and _bars(lines[j]):
            j += 1
        counts = [_bars(lines[k]) for k in range(i, j)]
        for first, idx in _broken_rows(counts):
            at = i + first
            out[at] = " ".join(lines[x].strip() for x in range(at, at + len(idx)))
            for x in range(at + 1, at + len(idx)):
                out[x] = ""
            groups[at] = [i + x for x in idx]
        i = j
    return out, groups


def _broken_rows(counts: list[int]) -> list[tuple[int, list[int]]]:
    """The rows of a run of pipe lines (their counts of "|") broken over several lines: (first position, the
    positions of its lines), when the run is regular (see :func:`join_broken_rows`), else none."""
    wide = Counter(c for c in counts if c >= 3)
    width = max(wide, key=lambda c: (wide[c], c)) if wide else 0
    if not width or wide[width] < MIN_WIDTH_ROWS:
        return []
    found: list[tuple[int, list[int]]] = []
    whole: list[bool] = []  # for each unit (a line, or the lines of a joined row): is it a whole row?
    k, n = 0, len(counts)
    while k < n:
        total, m = counts[k], k + 1
        while total < width and m < n and m - k < MAX_PIECES:
            total += counts[m]
            m += 1
        if counts[k] < width and total == width and m - k > 1:
            found.append((k, list(range(k, m))))
            whole.append(True)
            k = m
        else:
            whole.append(counts[k] == width)
            k += 1
    inside = whole[whole.index(True):len(whole) - whole[::-1].index(True)] if any(whole) else []
    return found if all(inside) else []


def _relocate(table: Table, lines: list[str], groups: dict[int, list[int]], first_line: int) -> Table:
    """The cells of a table read from joined rows, each on the line it was written on (a joined row's cells
    all carry its first line). The readers keep a row's cells in their order, so the row's filled cells are
    matched in order with the cells of its lines."""
    if not groups:
        return table
    places: dict[int, dict[str, list[tuple[int, int]]]] = {}  # row's first line → cell text → (position, line)
    for k, idx in groups.items():
        at: dict[str, list[tuple[int, int]]] = {}
        cells = [(first_line + x, normalize_cell(c)) for x in idx for c in lines[x].split("|")]
        for pos, (line, text) in enumerate(cells):
            at.setdefault(text, []).append((pos, line))
        places[first_line + k] = at
    rows = []
    for row in table.rows:
        out, after = [], -1
        for cell in row:
            where = places.get(cell.line) if cell.line is not None else None
            if where and cell.text and not cell.is_copy:
                seen = where.get(normalize_cell(cell.text), [])
                m = bisect.bisect_right(seen, (after, 1 << 62))  # the first such cell after the last one matched
                if m < len(seen):
                    after = seen[m][0]
                    cell = replace(cell, line=seen[m][1])
            out.append(cell)
        rows.append(tuple(out))
    return replace(table, rows=tuple(rows))


def read_lines(lines: list[str], page: int | None = None, first_line: int = 1
               ) -> tuple[list[Block], list[Table]]:
    """Paragraph blocks and tables (numbered from 1 in order; renumber when joining pages)."""
    from jixiao.audit.flattened import find_flattened
    from jixiao.audit.numbered import numbered_tables

    lines = [simplified(line) for line in lines]  # every reader below matches simplified words
    lines = undoubled(lines)  # a twice-printed PDF extraction ("69.23%69.23%", "(1)(1)"): each run read once
    rows, groups = join_broken_rows(lines)  # the tables are read from whole rows, the prose from the lines

    spans = grid_tables(rows, page, first_line)
    taken: set[int] = set()
    for a, b, _ in spans:
        taken.update(range(a, b + 1))
    flat = find_flattened(lines, page, first_line, frozenset(taken), rows, groups)
    # pipe rows in place that no form rebuilt (a form's header may have claimed them and read nothing)
    read = set(taken).union(*(region for region, t in flat if t is not None))
    numbered = numbered_tables(rows, page, first_line, frozenset(read), _bare_cells)  # columns numbered ①②③, formulas
    flat += numbered
    read = read.union(*(region for region, _t in numbered))
    joined = frozenset(x for idx in groups.values() for x in idx[1:])
    bare = bare_pipe_tables(rows, page, first_line, frozenset(read), joined)
    flat += [(set(range(a, b + 1)), t) for a, b, t in bare]
    read = read.union(*(range(a, b + 1) for a, b, _t in bare))
    flat += [(set(range(a, b + 1)), t) for a, b, t in spaced_tables(rows, page, first_line, frozenset(read))]
    for region, _table in flat:
        taken.update(region)
    taken.update(*(idx for k, idx in groups.items() if k in taken))
    found = [(a, t) for a, _, t in spans] + [(min(region) if region else 0, t) for region, t in flat if t is not None]
    found.sort(key=lambda x: x[0])
    tables = [replace(_relocate(t, lines, groups, first_line), number=k) for k, (_, t) in enumerate(found, start=1)]
    return blocks_from_lines(lines, page, first_line, frozenset(taken)), tables
