"""Indicator rows of a flattened 自评表 sheet whose header words are scattered among its cells.

An .xlsx 自评表 stored as one line of page text may lose the order of its header: "年度 实际 指标值 完成值 指标1:…
二级指标 三级指标 … 分值 得分" come between the first rows' cells, so no header sequence is found. Yet every
indicator row of the form, written whole, is four cells in a fixed order after its name: 指标值, 完成值 (a figure with
a unit, a sign or "%"), 分值 and 得分 (numbers from 0 to 100). Such a group of four is read as a row where it stands
alone — between names, a line's ends, or other such groups — in a line that names the columns "分值" and "得分"
(their order there gives the order of the two numbers) and "指标值" or "完成值":

- the row's name is the "指标N:" name just before the group when the row ends there, else unknown (the figures
  of the first rows of such a sheet come before their names);
- any other run of figures (three numbers, one figure with a unit, amounts) is not read.

The rows make a table marked incomplete: their 得分 are held against their own 分值 and targets only, never summed
(rows are missing). Everything here is linear in the line.
"""

from __future__ import annotations

import re

from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.tokens import SCORE, words

_QUANTITY = re.compile(r"^[≥≤><=≧≦＞＜＝]?\d[\d,]*(?:\.\d+)?(?:%|％|[\u4e00-\u9fff]{1,3})?$")
_NUMBERED = re.compile(r"^指标\d{1,2}[:：](.*)$")
_PLAIN = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
NOTE = "自评表文字的表头散落在各行之间，仅按“指标值 完成值 分值 得分”四格成组的行逐行读取，不合计"
MIN_ROWS = 2


def _is_quantity(text: str) -> bool:
    """A 指标值 / 完成值: a figure with a unit, a sign or "%" (a bare number could be a 分值)."""
    return bool(_QUANTITY.match(text)) and not _PLAIN.match(text)


def _is_figure(text: str) -> bool:
    return bool(_QUANTITY.match(text))


def _order(tokens: list[str]) -> tuple[bool, bool] | None:
    """(分值 before 得分, 指标值 before 完成值) as the line names them; None when it does not name them."""
    def first(*words: str) -> int | None:
        return next((k for k, t in enumerate(tokens) if t in words), None)

    w, s = first("分值"), first("得分")
    t, a = first("指标值", "年度指标值"), first("完成值", "实际值", "全年实际值", "实际完成值")
    if w is None or s is None or (t is None and a is None):
        return None
    return w < s, t is None or a is None or t < a


def score_rows_table(line: str, line_no: int, page: int | None) -> Table | None:
    """The table of indicator rows read from one line of flattened 自评表 text, or None."""
    if "分值" not in line or "得分" not in line:
        return None
    tokens = words(line)
    order = _order(tokens)
    if order is None:
        return None
    weight_first, target_first = order
    rows: list[list[str]] = [["三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
    i, n = 0, len(tokens)
    while i + 4 <= n:
        group = tokens[i:i + 4]
        if not (_is_quantity(group[0]) and _is_quantity(group[1]) and SCORE.match(group[2]) and SCORE.match(group[3])):
            i += 1
            continue
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 4] if i + 4 < n else ""
        # the group stands alone: a name or another group before it; after it a name, another group, bare numbers
        # (a 总分 row: "… 10 9 100 94") or the end — a figure with a unit after it could be its own 指标值
        starts = not before or not _is_figure(before) or _group_ends_at(tokens, i)
        ends = not after or not _is_quantity(after) or _group_at(tokens, i + 4)
        if not (starts and ends):
            i += 1
            continue
        target, achieved = group[:2] if target_first else group[1::-1]
        weight, score = group[2:] if weight_first else group[:1:-1]
        # its name is the "指标N:" just before it only when the row ends after it: a run of groups may belong to
        # names written before the run
        name = _name_before(tokens, i) if not after or not _is_figure(after) else ""
        rows.append([name, target, achieved, weight, score])
        i += 4
    if len(rows) - 1 < MIN_ROWS:
        return None
    lines: list[list[int | None]] = [[line_no] * 5 for _ in rows]
    return Table(number=0, rows=grid(rows, lines=lines), source="text", page=page, caption="绩效指标（自评表）",
                 line=line_no, rebuilt=True, form="indicators", notes=(NOTE, INCOMPLETE))


def _group_at(tokens: list[str], i: int) -> bool:
    g = tokens[i:i + 4]
    return len(g) == 4 and _is_quantity(g[0]) and _is_quantity(g[1]) and bool(SCORE.match(g[2])) and bool(
        SCORE.match(g[3]))


def _group_ends_at(tokens: list[str], i: int) -> bool:
    return i >= 4 and _group_at(tokens, i - 4)


def _name_before(tokens: list[str], i: int) -> str:
    """The "指标N:" name whose words come right before token ``i`` (split at spaces), or ""."""
    words: list[str] = []
    for k in range(i - 1, max(i - 8, -1), -1):
        t = tokens[k]
        if _is_figure(t):
            return ""
        m = _NUMBERED.match(t)
        if m:
            return "".join([m.group(1), *reversed(words)])
        words.append(t)
    return ""
