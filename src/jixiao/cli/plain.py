"""``jixiao evaluate FILE``'s table and the lines under it, written as rich writes them, without importing
rich's console.

Importing rich's console and table and rendering one table costs about as much as reading, scoring and
evaluating the file (docs/scale.md). This module writes the same bytes: the column widths by rich's
measuring and collapsing, each cell wrapped, justified and cut by rich's own functions (:mod:`rich.cells`,
:mod:`rich._wrap`, :mod:`rich._ratio`, cheap to import), the same box characters, and at a terminal the
escape codes rich writes for each stretch of styled text. Whatever it is not sure of — text rich would alter
(a control character, a tab, a line separator), ``NO_COLOR``, a dumb terminal, another encoding, Windows,
a narrow console — makes it return ``None`` and rich prints as before. ``tests/test_plain_table.py``
compares both, character for character, over every example under every bundled framework at several
widths, plain and styled, and over hostile cell text.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

from jixiao.cli.table_text import COLUMNS, Row, deduction_lines, missing_lines, rows, summary_lines, title
from jixiao.engine.result import EvaluationResult
from jixiao.findings import Finding, Severity
from jixiao.frozen import frozen

# rich's HEAVY_HEAD box: top, header row, the line under the header, body rows, bottom
_TOP, _HEAD, _HEAD_ROW, _BODY, _BOTTOM = "┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "└─┴┘"
_PAD = 1  # rich's default cell padding, left and right
_MIN_WIDTH = 30  # narrower consoles are left to rich


def console_target(stream: TextIO | None = None) -> tuple[int, bool] | None:
    """The width rich's console would have on standard output and whether it would print styles there
    (a terminal, or one forced by ``FORCE_COLOR``/``TTY_COMPATIBLE``), or ``None`` when its output depends
    on more than that (Windows, another encoding, ``NO_COLOR``, a dumb terminal, fewer than 30 columns)."""
    stream = sys.stdout if stream is None else stream
    if sys.platform == "win32" or stream is None:
        return None
    env = os.environ
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        terminal = compatible == "1"
    elif "FORCE_COLOR" in env:
        terminal = env["FORCE_COLOR"] != ""
    else:
        try:
            terminal = stream.isatty()
        except ValueError:
            return None
    if terminal and (env.get("NO_COLOR", "") != "" or env.get("TERM", "").lower() in ("dumb", "unknown")):
        return None
    if not (getattr(stream, "encoding", "utf-8") or "utf-8").lower().startswith("utf"):
        return None
    columns = env.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = 0
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return (width, terminal) if width >= _MIN_WIDTH else None


def _plain(text: str) -> bool:
    """Text rich prints as it is: no control characters, tabs or line separators."""
    return all(ch >= " " and not "\x7f" <= ch <= "\x9f" and ch not in "\u2028\u2029" for ch in text)


# rich's styles of the table and the lines, as SGR codes (the same in every colour system but Windows')
BOLD, RED, YELLOW, CYAN, BOLD_RED = "1", "31", "33", "36", "1;31"
_SEVERITY = {Severity.ERROR: RED, Severity.WARNING: YELLOW, Severity.INFO: CYAN}


@frozen
class _Cell:
    """A cell's text, its style (``base``) and styled stretches of it (start, end, style)."""

    text: str
    base: str = ""
    spans: tuple[tuple[int, int, str], ...] = ()


def _row_cells(r: Row) -> list[_Cell]:
    score = _Cell(r.score, RED) if r.missing else _Cell(r.score, "", ((len(r.score) - 1, len(r.score), YELLOW),)) \
        if r.partial else _Cell(r.score)
    spans, text = [], r.deductions
    for gap in r.gaps:  # as rich's Text.append builds the 说明 cell in render.indicator_table
        text += "；" if text else ""
        if gap:
            spans.append((len(text), len(text) + len(gap), RED))
        text += gap
    return [_Cell(r.name, BOLD if r.parent else ""), _Cell(r.weight), _Cell(r.metric), score,
            _Cell(r.notes, "", tuple(spans))]


def plain_report(result: EvaluationResult, checks: Sequence[Finding], width: int,
                 styled: bool = False) -> list[str] | None:
    """What ``print_result``, ``print_missing`` and ``print_checks`` of :mod:`jixiao.cli.render` print on
    a console of that width (``styled``: a terminal, with rich's escape codes), one piece per ``print`` of
    theirs (so that the writes, and where a closed pipe stops them, are rich's too), or ``None`` when some
    text needs rich."""
    lines: list[tuple[str, str]] = [(line, "") for line in summary_lines(result)]
    for block, style in ((deduction_lines(result), BOLD), (missing_lines(result), BOLD_RED)):
        lines += [(line, style if i == 0 else "") for i, line in enumerate(block)]
    if checks:
        lines += [("数据检查：", BOLD), *((f.render(), _SEVERITY[f.severity]) for f in checks)]
    head = title(result)
    cells = [[_Cell(header) for header, _, _ in COLUMNS]] + [_row_cells(r) for r in rows(result)]
    if not all(_plain(t) for t in (head, *(t for t, _ in lines), *(c.text for row in cells for c in row))):
        return None
    table = _table(cells, width, styled)
    if table is None:
        return None
    return ["\n".join([head, *table]) + "\n", *(_sgr(t, s if styled else "") + "\n" for t, s in lines)]


def finding_pieces(findings: Sequence[Finding], styled: bool) -> list[str] | None:
    """What ``render.print_findings`` writes for these findings (one piece per finding), or ``None`` when
    some text needs rich."""
    texts = [f.render() for f in findings]
    if not all(_plain(t) for t in texts):
        return None
    return [_sgr(t, _SEVERITY[f.severity] if styled else "") + "\n" for t, f in zip(texts, findings, strict=True)]


def _sgr(text: str, style: str) -> str:
    """A segment as rich writes it: its text between the style's escape code and the reset."""
    return f"\x1b[{style}m{text}\x1b[0m" if style and text else text


def _normalize(low: int, high: int) -> tuple[int, int]:
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _measured(low: int, high: int, max_width: int) -> tuple[int, int]:
    """``Measurement.get``'s ending: normalized, at most ``max_width``, (0, 0) when nothing fits."""
    low, high = _normalize(low, high)
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    return _normalize(low, high)


def _measure_cell(text: str, max_width: int) -> tuple[int, int]:
    """rich's measure of a padded cell: (longest word, longest line) plus the padding."""
    if max_width < 1:
        return 0, 0
    if max_width - 2 * _PAD < 1:
        return _measured(max_width, max_width, max_width)
    longest_line = cell_len(text)
    words = text.split()
    longest_word = max(cell_len(w) for w in words) if words else longest_line
    low, high = _measured(longest_word, longest_line, max_width)
    return _measured(min(low + 2 * _PAD, max_width), min(high + 2 * _PAD, max_width), max_width)


def _measure_column(texts: list[str], max_width: int) -> tuple[int, int]:
    if max_width < 1:
        return 0, 0
    sizes = [_measure_cell(t, max_width) for t in texts]
    return min(max(s[0] for s in sizes), max_width), min(max(s[1] for s in sizes), max_width)


def _collapse(widths: list[int], max_width: int) -> list[int]:
    """rich's ``Table._collapse_widths`` with every column wrapable."""
    total = sum(widths)
    excess = total - max_width
    while total and excess > 0:
        widest = max(widths)
        second = max(w if w != widest else 0 for w in widths)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not any(ratios) or not difference:
            break
        widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def _column_widths(columns: list[list[str]], max_width: int) -> list[int]:
    widths = [_measure_column(c, max_width)[1] or 1 for c in columns]
    if sum(widths) > max_width:
        widths = _collapse(widths, max_width)
        if sum(widths) > max_width:
            widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [_measure_column(c, w)[1] or 0 for c, w in zip(columns, widths, strict=True)]
    return widths


def _cell_lines(cell: _Cell, width: int, justify: str, overflow: str, style: str | None) -> list[str]:
    """A cell as rich renders it at ``width`` (padding included): wrapped, justified, cut, padded; with
    ``style`` (the header's bold) over all of it, else its own styles, when ``style`` is not ``None``."""
    inner = width - 2 * _PAD
    text = cell.text
    marks = [0] * len(text)  # which span (1-based) styles each character, as rich's spans move with the text
    for n, (a, b, _) in enumerate(cell.spans, 1):
        marks[a:b] = [n] * (b - a)
    offsets = divide_line(text, inner, fold=overflow == "fold")
    out = []
    for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True):
        piece, mark = text[a:b], marks[a:b]
        if len(piece) > inner:  # Text.rstrip_end
            trailing = len(piece) - len(piece.rstrip())
            piece = piece[: len(piece) - min(trailing, len(piece) - inner)]
            mark = mark[: len(piece)]
        if justify == "right":
            piece = piece.rstrip()
            mark = mark[: len(piece)]
            piece = _truncate(piece, inner, overflow)
            pad = inner - cell_len(piece)
            piece, mark = " " * pad + piece, [0] * pad + _fit(mark, len(piece))
        else:
            length = cell_len(piece)
            piece = _truncate(piece, inner, overflow)
            mark = _fit(mark, len(piece))
            if length < inner:
                piece += " " * (inner - length)
        side = " " * _PAD
        if style is None:
            out.append(side + piece + side)
        elif style:  # the header: every segment bold
            out.append(_sgr(side, style) + _sgr(piece, style) + _sgr(side, style))
        else:
            out.append(side + _runs(piece, mark + [0] * (len(piece) - len(mark)), cell) + side)
    return out


def _fit(mark: list[int], length: int) -> list[int]:
    """The span marks of a text cut or grown to ``length`` characters (rich trims its spans, never extends)."""
    return mark[:length] + [0] * (length - len(mark))


def _runs(piece: str, mark: list[int], cell: _Cell) -> str:
    """One line of a cell as rich's segments: a stretch per span (or none), each with its style."""
    out, start = [], 0
    for i in range(1, len(piece) + 1):
        if i == len(piece) or mark[i] != mark[start]:
            out.append(_sgr(piece[start:i], cell.spans[mark[start] - 1][2] if mark[start] else cell.base))
            start = i
    return "".join(out)


def _truncate(text: str, width: int, overflow: str) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(text, width)
    return text


def _rule(box: str, widths: list[int]) -> str:
    return box[0] + box[2].join(box[1] * w for w in widths) + box[3]


def _table(cells: list[list[_Cell]], console_width: int, styled: bool) -> list[str] | None:
    extra = 2 + len(COLUMNS) - 1  # the outer edges and the dividers
    columns = [[c.text for c in column] for column in zip(*cells, strict=True)]
    widths = _column_widths(columns, console_width - extra)
    if min(widths) < 2 * _PAD + 1:
        return None
    out = [_rule(_TOP, widths)]
    for index, row in enumerate(cells):
        style = (BOLD if index == 0 else "") if styled else None
        rendered = [_cell_lines(cell, w, justify, overflow, style)
                    for cell, w, (_, justify, overflow) in zip(row, widths, COLUMNS, strict=True)]
        height = max(len(c) for c in rendered)
        for c, w in zip(rendered, widths, strict=True):
            blank = [_sgr(" " * w, style or "")] * (height - len(c))
            c[:] = blank + c if index == 0 else c + blank  # the header sits at the bottom, the rest at the top
        box = _HEAD if index == 0 else _BODY
        out += [box[0] + box[2].join(c[i] for c in rendered) + box[3] for i in range(height)]
        if index == 0:
            out.append(_rule(_HEAD_ROW, widths))
    out.append(_rule(_BOTTOM, widths))
    return out
