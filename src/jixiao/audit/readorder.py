"""A two-sided 收支总表 (收入 | 金额 | 支出 | 金额) read from a spreadsheet as one line of text in reading order.

A sheet converted to text (an .xls on a document-sharing site) gives every filled cell in row order on one
line: the 收入 item of a row, its figure, the 支出 item of the row, its figure, then the next row; empty
cells vanish, labels may be spaced out ("本 年 收 入 合 计") and a page footer may sit inside a label
("支 第 2 页,共 46 页 出 总 计"). Rows cannot be rebuilt, but the two sides can:

- numbered items ("一、…", "二十九、…") continue one of two sequences; an item belongs to the side whose
  next number it is, and when both sides expect that number, to the side its own words name (收入/支出), else
  to the 支出 side right after a 收入 item (the right half of the same row); an item that fits neither, or
  both with nothing to choose, stops the reading;
- with a 行次/栏次 column (决算 tables) each label's first figure is its row number (a whole number) and the
  second its amount;
- a figure belongs to the last item or total label before it (the cell to its left in its row); a second
  figure for one label stops the reading;
- the totals are 本年收入合计 / 本年支出合计 and 收入总计 / 支出总计.

The sides are rebuilt as a two-sided table (``form="read_order"``): the table rules then check each
总计 and 合计 against its items. Because a figure's item is taken from reading order alone, the table
carries the note ``read_order`` and a sum that does not add up is a 提示 that says so. The same table
written one cell per line (a run of short lines, blank lines between allowed) is read the same way, each
figure keeping its own line. Linear in the length of the text; a line shorter than 80 characters, or a run
without both 合计 labels, is not looked at.
"""

from __future__ import annotations

import re

from jixiao.audit.align import kind
from jixiao.audit.docmodel import Table, grid
from jixiao.audit.numbers import normalize_cell

READ_ORDER = "read_order"
MAX_ITEMS = 200
MAX_CELL = 40  # characters: a longer line is prose, not a cell
_FOOTER = re.compile(r"第\s*\d{1,4}\s*页\s*[,，]?\s*共\s*\d{1,4}\s*页")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ITEM = re.compile(r"^([一二三四五六七八九十]{1,4})、(.+)$")
_TOTALS = {"本年收入合计": "收入", "本年支出合计": "支出", "收入总计": "收入", "支出总计": "支出"}
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _numeral(text: str) -> int | None:
    """一 … 九十九 as a number."""
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = _DIGITS.get(tens, 0) if tens else 1
    o = _DIGITS.get(ones, 0) if ones else 0
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        return None
    return t * 10 + o


def _words(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The words of the text (each with its line), a run of single characters joined into one
    ("本 年 收 入 合 计" -> "本年收入合计")."""
    out: list[tuple[str, int]] = []
    run: list[str] = []
    at = 0
    for text, line in pieces:
        for w in _FOOTER.sub(" ", text).split():
            if len(w) == 1 and _CJK.match(w):
                if not run:
                    at = line
                run.append(w)
                continue
            if run:
                out.append(("".join(run), at))
                run = []
            out.append((normalize_cell(w), line))
    if run:
        out.append(("".join(run), at))
    return out


def read_order_table(line: str, line_no: int, page: int | None) -> Table | None:
    """The two sides of a 收支总表 written in reading order on ``line``, or None."""
    if len(line) < 80 or "合" not in line:
        return None
    return _read(_words([(line, line_no)]), line_no, page)


def read_order_cells(lines: list[str], first_line: int, page: int | None, taken: frozenset[int]
                     ) -> list[tuple[set[int], Table]]:
    """The same table written one cell per line (blank lines between cells allowed): runs of short lines."""
    out: list[tuple[set[int], Table]] = []
    run: list[int] = []

    def close() -> None:
        texts = [lines[i].strip() for i in run]
        if len(run) >= 10 and "本年收入合计" in texts and "本年支出合计" in texts:
            table = _read(_words([(lines[i], first_line + i) for i in run]), first_line + run[0], page)
            if table is not None:
                out.append((set(range(run[0], run[-1] + 1)), table))
        run.clear()

    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        if i in taken or len(text) > MAX_CELL or any(m in text for m in "。；;"):
            close()
            continue
        run.append(i)
    close()
    return out


def _read(words: list[tuple[str, int]], line_no: int, page: int | None) -> Table | None:
    if not {"本年收入合计", "本年支出合计"} <= {w for w, _ in words}:
        return None
    # a 行次/栏次 column (决算 tables): each label's first figure is its row number, the second its amount
    numbered = any(w in ("行次", "栏次") for w, _ in words[:40])
    sides: dict[str, list[list[tuple[str, int]]]] = {"收入": [], "支出": []}
    last = {"收入": 0, "支出": 0}
    current: list[tuple[str, int]] | None = None  # [label, figures…] a figure would belong to
    last_side = ""
    started = False
    for w, at in words:
        m = _ITEM.match(w)
        if m is not None:
            n = _numeral(m.group(1))
            if n is None:
                return None
            fits = [s for s in ("收入", "支出") if last[s] + 1 == n]
            if len(fits) == 2:
                named = [s for s in fits if s in m.group(2)]
                # in row order a 收入 item is followed by the 支出 item of its row
                fits = named if len(named) == 1 else ["支出"] if last_side == "收入" else []
            if len(fits) != 1:
                if started:
                    break  # the next table of the sheet (its own 一、…) or a label we cannot place
                continue
            side = last_side = fits[0]
            last[side] = n
            current = [(w, at)]
            sides[side].append(current)
            started = True
            if sum(len(v) for v in sides.values()) > MAX_ITEMS:
                return None
            continue
        if w in _TOTALS and started:
            last_side = _TOTALS[w]
            current = [(w, at)]
            sides[_TOTALS[w]].append(current)
            continue
        if kind(w) == "N" and current is not None:
            if len(current) > (2 if numbered else 1):
                return None  # more figures for one label than its columns: not the order described
            if numbered and len(current) == 1 and not w.isdigit():
                return None  # the 行次 of a row is a whole number
            current.append((w, at))
            continue
        if kind(w) == "N":
            continue  # a figure before any item (a column number, a code, a date)
        if w.startswith("其中") and current is not None:
            current = None  # a 其中 line: its figure, if any, is not an item's
    if not all(any(item[0][0] == t for item in sides[s]) for t, s in _TOTALS.items() if t.startswith("本年")):
        return None
    rows = [["收入项目", "金额", "支出项目", "金额"]]
    lines_of: list[list[int | None]] = [[line_no] * 4]
    for k in range(max(len(sides["收入"]), len(sides["支出"]))):
        row: list[str] = []
        at_row: list[int | None] = []
        for side in ("收入", "支出"):
            item = sides[side][k] if k < len(sides[side]) else []
            amount = item[2] if numbered and len(item) > 2 else item[1] if not numbered and len(item) > 1 else None
            row += [item[0][0] if item else "", amount[0] if amount else ""]
            at_row += [item[0][1] if item else None, amount[1] if amount else None]
        rows.append(row)
        lines_of.append(at_row)
    return Table(number=0, rows=grid(rows, lines=lines_of), source="text", page=page,
                 caption="收支总表（据按阅读顺序连成的文字还原）", line=line_no, rebuilt=True, form="read_order",
                 notes=(READ_ORDER,))
