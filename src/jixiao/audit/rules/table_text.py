"""``table_text``: an amount the prose states for an item against the same item's row in a table.

Reports restate their tables in words ("其中：公务接待费332万元" under a table whose 公务接待费 row says
323). A prose money figure is compared with the table rows whose label names the same item (numbering,
其中 and spaces aside) in the amount column it speaks of: the only amount column, or the one whose
header matches the sentence's word (预算 → 预算数, 支出/决算 → 决算数/执行数), in the unit of the table's
unit note ("单位：万元"). A figure is judged only when it has exactly one such cell in a table with a
unit note: equal at the less precise of the two writings is consistent; a difference is a 提示, since
that the words and the table mean the same scope is an assumption. Last year's figures and changes
are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.forms import row_label
from jixiao.audit.numbers import MONEY_FACTORS, Figure
from jixiao.audit.paragraphs import eligible, prior, role, subject
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Column, Row, Section, Value, short_header
from jixiao.audit.tolerance import same_at_precision

_PLAN = ("budget_initial", "budget_final")
_ACTUAL = ("actual", "amount")
_UNIT = re.compile(r"(?:单位|金额单位)[:：]?\s*(万元|元|千元|亿元)|[（(](万元|元|千元|亿元)[)）]")
_KEY_NOISE = re.compile(r"[\s“”\"'‘’]|[（(]境[)）]")
MIN_KEY = 3


@dataclass(frozen=True)
class _Cell:
    sec: Section
    row: Row
    col: Column
    value: Value
    unit: str  # the table's unit, "" when it states none


def _key(text: str) -> str:
    return _KEY_NOISE.sub("", row_label(text)).removesuffix("用")  # 因公出国（境）费用 = 因公出国费


def _unit(sec: Section) -> str:
    if sec.unit:
        return sec.unit
    texts = [*sec.table.notes, *(c.text for r in sec.table.rows[:min(3, sec.header_rows[0] if sec.header_rows else 0)]
                                 for c in r if c.text and not c.is_copy)]
    amounts = [c.header for c in sec.columns if c.role in (*_PLAN, *_ACTUAL)]
    units = {m.group(1) or m.group(2) for h in amounts for m in [_UNIT.search(h)] if m}
    if len(units) == 1 and all(_UNIT.search(h) for h in amounts):
        texts.append(f"单位：{units.pop()}")  # every amount column states the same unit in its header: "支出（万元）"
    for t in texts:
        m = _UNIT.search(t)
        if m:
            return m.group(1) or m.group(2)
    return ""


# A looser name, tried when the exact one names no row: years, places, quotes, 总 and role words dropped, so
# "2020年度全区“三公”经费总支出为" and the total row "总“三公”经费支出" are both 三公经费.
_LOOSE_NOISE = re.compile(r"(?:19|20)\d{2}年度?|本年度?|全年|全[区县市镇省州]|本单位|本部门|按上表数据|"
                          r"[“”\"‘’'「」\s（）()]|总|合计|共计|支出|决算|数|金额|为|是|共|达")
LOOSE_MIN_KEY = 4


def _loose(text: str) -> str:
    return _LOOSE_NOISE.sub("", text)


def _index(ctx: Context, loose: bool = False) -> dict[str, list[_Cell]]:
    out: dict[str, list[_Cell]] = {}
    for sec in ctx.sections:
        cols = [c for c in sec.columns if c.role in (*_PLAN, *_ACTUAL, "total")]
        if not cols:
            continue
        unit = _unit(sec)
        for row in sec.rows:
            key = _loose(row.label) if loose else _key(row.label)
            if len(key) < (LOOSE_MIN_KEY if loose else MIN_KEY) or (row.total and not loose):
                continue
            for col in cols:
                v = sec.value(row, col)
                if v is not None and v.unit not in ("%", "分"):
                    out.setdefault(key, []).append(_Cell(sec, row, col, v, unit))
    return out


def _amount_columns(sec: Section) -> int:
    return sum(c.role in (*_PLAN, *_ACTUAL, "total") for c in sec.columns)


def _role_fits(cell: _Cell, want: str) -> bool:
    """Does the cell's column hold what ``want`` names ("plan": a budget column, "actual": a spending one)?"""
    if want == "plan":
        return cell.col.role in _PLAN
    if want == "actual":
        return cell.col.role in _ACTUAL
    return False


def _fits(cell: _Cell, want: str, n_cols: int) -> bool:
    """Is this the column the sentence speaks of? The table's only amount column fits any sentence that
    does not name the other side ("预算为1.00万元" beside a lone 决算数); otherwise the column's role must."""
    if n_cols == 1:
        return not ((want == "plan" and cell.col.role in _ACTUAL) or (want == "actual" and cell.col.role in _PLAN))
    return _role_fits(cell, want)


_EXP = {"元": 4, "千元": 1, "万元": 0, "亿元": -4}  # decimal places in 万元 that one place of the unit adds


def _same(f: Figure, cell: _Cell) -> bool:
    """Equal in 万元 at the less precise of the two writings (202.64 万元 and 2026400 元 are the same)."""
    u = cell.unit
    table_wan = cell.value.value * MONEY_FACTORS.get(u, Decimal(1))
    return same_at_precision(table_wan, cell.value.decimals + _EXP.get(u, 0), f.wan, f.decimals + _EXP.get(f.unit, 0))


def item_cells(ctx: Context, f: Figure, want: str) -> tuple[_Cell | None, _Cell | None]:
    """The one cell of the item ``f`` is stated for in a column of role ``want`` ("plan" or "actual") of a
    table with a unit note, and that row's cell of the other role (or None), for rules that take an
    operand from a table; (None, None) when the item has no such single cell."""
    index = ctx.memo.get(RULE.name)
    if not isinstance(index, dict):
        index = ctx.memo[RULE.name] = _index(ctx)
    cands: list[_Cell] = index.get(_key(_item(f)), [])
    # an operand taken from a table must sit in a column of the named role: the lone-column leniency of
    # ``_fits`` is for comparing a sentence with a table, not for choosing a rule's operand
    fitting = [c for c in cands if _role_fits(c, want)]
    if len(fitting) != 1 or not fitting[0].unit:
        return None, None
    c = fitting[0]
    other = "actual" if want == "plan" else "plan"
    beside = [x for x in cands if x.sec is c.sec and x.row is c.row and _role_fits(x, other)]
    return c, beside[0] if len(beside) == 1 else None


def same_amount(f: Figure, cell: _Cell) -> bool:
    return _same(f, cell)


def check(ctx: Context) -> list[AuditFinding]:
    index = _index(ctx)
    if not index:
        return []
    loose = _index(ctx, loose=True)
    out: list[AuditFinding] = []
    for para in ctx.paras:  # prose paragraphs and prose in cells (a workbook holds its text in cells)
        for f in para.figures:
            if f.kind != "money" or not eligible(f) or prior(f) or f.change:
                continue
            # the looser name only finds a table's total row ("全区“三公”经费总支出" → the row "总“三公”经费支出"):
            # matched loosely against any row, a 决算's “一般公共预算财政拨款支出” finds the wrong line
            cands = index.get(_key(_item(f))) or [c for c in loose.get(_loose(f.label), []) if c.row.total]
            if not cands:
                continue
            clause = max(para.text.rfind(c, 0, f.start) for c in "；;。")  # the role words of its own clause group
            want = role(para.text[max(0, f.start - 40, clause + 1):f.start])
            # the section's amount columns, not only those filled in this row: an empty 决算 cell beside a
            # 预算 cell does not make the 预算 the only amount the sentence can mean
            cols_per_sec = {id(c.sec): _amount_columns(c.sec) for c in cands}
            fitting = [c for c in cands if _fits(c, want, cols_per_sec[id(c.sec)])]
            if not fitting:
                continue
            if len(fitting) != 1 or not fitting[0].unit:
                continue  # several rows or columns it may mean, or a table in an unknown unit: not judged
            c = fitting[0]
            _trace(ctx, para, f, c)
            if _same(f, c):
                continue
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, para, f.start, f.raw + f.unit, f"{c.value.raw}{c.unit}",
                [f"正文 {f.raw}{f.unit}", f"表{c.sec.table.number}“{c.row.label}”{short_header(c.col.header)} "
                 f"{c.value.raw}{c.unit}"],
                f"正文称{_item(f)}{f.raw}{f.unit}，表{c.sec.table.number}“{c.row.label}”一行的"
                f"{short_header(c.col.header)}为{c.value.raw}{c.unit}（假定二者口径相同）。",
            ))
    return out


_LEAD = re.compile(r"^(?:其中|包括|含|全年|本年度?|当年|年度|\d{4}年度?|[:：,，])+")


def _item(f: Figure) -> str:
    """The item a figure is stated for: its clause label without 其中/全年/2023年 before it and the role
    words after it ("全年公务接待费支出决算为" → 公务接待费)."""
    return _LEAD.sub("", subject(f.label.strip())).strip("“”\"：:，, ")


def _trace(ctx: Context, para: Para, f: Figure, c: _Cell) -> None:
    from jixiao.audit.context import Relation

    lines = tuple(x for x in (para.line_of(f), c.value.cell.line) if x is not None)
    ctx.relations.append(Relation(RULE.name, f.value, (c.value.value,), para.block.location(f.start), lines,
                                  para.index, (f,)))


RULE = Rule("table_text", "正文与表格金额不符", "正文所述某项金额与表格中同名项目的金额不符（假定口径相同，提示）。", check)
