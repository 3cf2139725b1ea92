"""``table_path_sum``: the column sums a multi-row header states (:mod:`jixiao.audit.headerpaths`), on every row.

- a 全年/合计 group against its sibling groups (2021年春 + 2021年秋 = 全年, column by column of the same name): a
  difference beyond the rounding of the figures is an 错误;
- a 其中 list against its whole (资助人数 = 其中:1类 人数 + 2类 人数): parts above the whole are an 错误; parts below it
  a 提示 (a 其中 list may leave a part out).

Sums ``table_sum`` already judges by column role (合计 = 一般公共预算 + 政府性基金 + 国有资本经营, forms.yaml
``column_sums``) and the tables of a published 部门决算 (the final_* rules) are left to those rules.

A row is judged on a sum only when its whole holds a figure and at least one part does; an empty part (or a dash)
counts as 0, and a sum it leaves off is a 提示 at most (the part may have been left blank for another reason). A
merged cell, a percentage or text in any of the sum's cells leaves the sum unjudged on that row.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.align import DASHES
from jixiao.audit.context import Context, Relation, sum_key
from jixiao.audit.docmodel import Cell, Table
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.forms import vocabulary
from jixiao.audit.headerpaths import GROUP, ColumnSum, Header, column_sums, header
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.final_accounts import final_analysis
from jixiao.audit.tables import Value, cell_value, half, is_rate_row, sections
from jixiao.audit.tolerance import fmt, quantize

_BLANK = object()


def _value(cell: Cell) -> Value | object | None:
    """The cell's figure, ``_BLANK`` for an empty cell or a dash, None when the cell cannot take part."""
    if cell.is_copy:
        return None
    text = cell.text.strip()
    if not text or text in DASHES:
        return _BLANK
    v = cell_value(cell)
    return v if v is not None and v.unit != "%" else None


def _label(row: tuple[Cell, ...]) -> str:
    names = [c.text.strip() for c in row if not c.is_copy and c.text.strip() and cell_value(c) is None]
    return " ".join(names[:2])


def _judge(ctx: Context, table: Table, h: Header, row: tuple[Cell, ...], s: ColumnSum,
           judged: set[tuple[tuple[int, int, int], Decimal]]) -> AuditFinding | None:
    if max(s.total, *s.parts) >= len(row):
        return None
    whole = _value(row[s.total])
    fallback = dict(s.fallback)
    cols: list[int] = []
    for j in s.parts:  # a group's blank 小计 is read as the columns it adds up
        cols += list(fallback[j]) if j in fallback and _value(row[j]) is _BLANK else [j]
    if max(cols) >= len(row):
        return None
    parts = [_value(row[j]) for j in cols]
    if not isinstance(whole, Value) or any(p is None for p in parts):
        return None
    given = [p for p in parts if isinstance(p, Value)]
    if not given or ((table.number, whole.cell.row, whole.cell.col), sum_key(v.value for v in given)) in judged:
        return None  # nothing to add up, or judged already (table_sum reads a “三公” header tree the same way)
    ctx.relations.append(Relation(RULE.name, whole.value, tuple(v.value for v in given), table.cell_location(whole.cell),
                                  tuple(v.cell.line for v in (whole, *given) if v.cell.line is not None),
                                  cell=(table.number, whole.cell.row, whole.cell.col)))
    total = sum((v.value for v in given), Decimal(0))
    diff = total - whole.value
    if abs(diff) <= half(whole) + sum((half(v) for v in given), Decimal(0)):
        return None
    if 0 < whole.decimals < max(v.decimals for v in given) and quantize(total, whole.decimals) == whole.value:
        return None
    blank = len(given) < len(parts)
    # a group is the whole (off either way: an 错误 unless a blank part explains it); a 其中 list may leave parts out
    severity = (HINT if blank else ERROR) if s.kind == GROUP else (ERROR if diff > 0 else HINT)
    places = max(v.decimals for v in (whole, *given))
    names = [h.name(j) for j in cols]
    terms = " + ".join(f"{n} {v.raw if isinstance(v, Value) else '（空）'}" for n, v in zip(names, parts, strict=True))
    why = ("其中所列部分之和小于合计（若另有未列部分，请在表中列明）" if s.kind != GROUP and diff < 0
           else "各分组之和应等于合计" if s.kind == GROUP else "其中所列部分之和超过合计")
    note = "；空格按0计" if blank else ""
    return AuditFinding(
        rule=RULE.name, title=RULE.title, severity=severity,
        quote=f"{_label(row)}：{h.name(s.total)} {whole.raw}；{terms}", location=table.cell_location(whole.cell),
        stated=whole.raw, expected=fmt(total, places),
        figures=(f"{h.name(s.total)} {whole.raw}", *(f"{n} {v.raw}" for n, v in zip(names, parts, strict=True)
                                                   if isinstance(v, Value))),
        explanation=f"{_label(row) or '该行'}：{h.name(s.total)}为{whole.raw}，{terms} = {fmt(total, places)}，{why}{note}。",
        file=ctx.document.path, line=whole.cell.line,
    )


def _known(table: Table) -> set[tuple[int, tuple[int, ...]]]:
    """The column sums ``table_sum`` already judges by column role (合计 = 一般公共预算 + 政府性基金 + …)."""
    vocab = vocabulary()
    out: set[tuple[int, tuple[int, ...]]] = set()
    for sec in sections(table):
        for whole_role, part_roles in vocab.column_sums:
            whole, parts = sec.column(whole_role), [sec.column(r) for r in part_roles]
            if whole is not None and all(p is not None for p in parts):
                out.add((whole.index, tuple(sorted(p.index for p in parts if p is not None))))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    if final_analysis(ctx) is not None:
        return []  # a published 部门决算: its tables are read by their layout and checked by the final_* rules
    out: list[AuditFinding] = []
    for table in ctx.document.tables:
        h = header(table)
        if h is None:
            continue
        known = _known(table)
        sums = [s for s in column_sums(h) if (s.total, tuple(sorted(s.parts))) not in known]
        judged = ctx.judged_cells()
        for row in table.rows[h.body:] if sums else ():
            if is_rate_row(_label(row)):
                continue
            out += [f for s in sums if (f := _judge(ctx, table, h, row, s, judged)) is not None]
    return out


RULE = Rule("table_path_sum", "多层表头的合计不符",
            "多层表头表格中，“全年”“合计”列组与各分组同名列之和不符，或“其中”所列部分之和超过（或小于）其合计列。", check)
