"""A two-sided 收支总表 (收入 | 金额 | 支出 | 金额) read from a spreadsheet as one line of text in reading order.

A sheet converted to text (an .xls on a document-sharing site) gives every filled cell in row order on one
line: the 收入 item of a row, its figure, the 支出 item of the row, its figure, then the next row; empty
cells vanish, labels may be spaced out ("本 年 收 入 合 计") and a page footer may sit inside a label
("支 第 2 页,共 46 页 出 总 计"). Rows cannot be rebuilt, but the two sides can:

- numbered items ("一、…", "二十九、…") continue one of two sequences; an item belongs to the side whose
  next number it is, and when both sides expect that number, to the side its own words name (收入/支出);
  an item that fits neither, or both without a word to choose, stops the reading;
- a figure belongs to the last item or total label before it (the cell to its left in its row); a second
  figure for one label stops the reading;
- the totals are 本年收入合计 / 本年支出合计 and 收入总计 / 支出总计.

The sides are rebuilt as a two-sided table (``form="read_order"``): the table rules then check each
总计 and 合计 against its items. Because a figure's item is taken from reading order alone, the table
carries the note ``read_order`` and a sum that does not add up is a 提示 that says so. Linear in the
length of the line; lines shorter than 80 characters or without both 合计 labels are not looked at.
"""

from __future__ import annotations

import re

from jixiao.audit.align import kind
from jixiao.audit.docmodel import Table, grid
from jixiao.audit.numbers import normalize_cell

READ_ORDER = "read_order"
MAX_ITEMS = 200
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


def _words(line: str) -> list[str]:
    """The line's words, a run of single characters joined into one ("本 年 收 入 合 计" -> "本年收入合计")."""
    out: list[str] = []
    run: list[str] = []
    for w in _FOOTER.sub(" ", line).split():
        if len(w) == 1 and _CJK.match(w):
            run.append(w)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(normalize_cell(w))
    if run:
        out.append("".join(run))
    return out


def read_order_table(line: str, line_no: int, page: int | None) -> Table | None:
    """The two sides of a 收支总表 written in reading order on ``line``, or None."""
    if len(line) < 80 or "合" not in line:
        return None
    words = _words(line)
    if not {"本年收入合计", "本年支出合计"} <= set(words):
        return None
    sides: dict[str, list[list[str]]] = {"收入": [], "支出": []}
    last = {"收入": 0, "支出": 0}
    current: list[str] | None = None  # [label, figure] of the label a figure would belong to
    started = False
    for w in words:
        m = _ITEM.match(w)
        if m is not None:
            n = _numeral(m.group(1))
            if n is None:
                return None
            fits = [s for s in ("收入", "支出") if last[s] + 1 == n]
            if len(fits) == 2:
                named = [s for s in fits if s in m.group(2)]
                fits = named if len(named) == 1 else []
            if len(fits) != 1:
                if started:
                    break  # the next table of the sheet (its own 一、…) or a label we cannot place
                continue
            side = fits[0]
            last[side] = n
            current = [w, ""]
            sides[side].append(current)
            started = True
            if sum(len(v) for v in sides.values()) > MAX_ITEMS:
                return None
            continue
        if w in _TOTALS and started:
            current = [w, ""]
            sides[_TOTALS[w]].append(current)
            continue
        if kind(w) == "N" and current is not None:
            if current[1]:
                return None  # two figures for one label: the order is not the one described
            current[1] = w
            continue
        if kind(w) == "N":
            continue  # a figure before any item (a code, a date)
        if w.startswith("其中") and current is not None:
            current = None  # a 其中 line: its figure, if any, is not an item's
    if not all(any(lab == t for lab, _ in sides[s]) for t, s in _TOTALS.items() if t.startswith("本年")):
        return None
    income, spend = sides["收入"], sides["支出"]
    height = max(len(income), len(spend))
    rows = [["收入项目", "金额", "支出项目", "金额"]]
    for k in range(height):
        a = income[k] if k < len(income) else ["", ""]
        b = spend[k] if k < len(spend) else ["", ""]
        rows.append([a[0], a[1], b[0], b[1]])
    return Table(number=0, rows=grid(rows, lines=[[line_no] * 4 for _ in rows]), source="text", page=page,
                 caption="收支总表（据按阅读顺序连成一行的文字还原）", line=line_no, rebuilt=True, form="read_order",
                 notes=(READ_ORDER,))
