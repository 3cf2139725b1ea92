"""A score sheet row's 分值 against the points its scoring criteria give (评分标准 / 评价标准 cells).

A 计分表 often lists what earns the points of a row: "符合法律法规(1分) 符合发展规划(1分) 列入年度计划(1分)
针对实际问题(1分)" under a 分值 of 4. Such a cell can be read two ways:

- additive items: the points add up to the 分值 (checked: the relation is traced);
- alternative grades ("到位及时(2分) 不及时但未影响进度(1分)"): the highest equals the 分值 (not judged).

A cell whose points fit neither reading is a 提示 (the criteria may be worded another way). Cells that deduct
("扣2分"), give points per unit ("每…1分"), give a range ("扣4-7分"), grade by a rate ("达到90%得5分") or by a
threshold ("满意度≥90分得5分", "90分以上") are not read. The 分值 is the row's own: its 分值 cell, or the 分值 written in its own deepest level cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context
from jixiao.audit.docmodel import Cell
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_scores import row_weights
from jixiao.audit.tables import Column, Row, Section, Value
from jixiao.textfmt import number

# a point item: "（1分）", "(2分", "1 分", "计2分"; not a range ("4-7分") nor part of a longer figure
_POINTS = re.compile(r"(?<![\d.\-－~～—至])(\d{1,2}(?:\.\d{1,2})?)\s*分(?![值数钟])")
# deductions, per-unit points, ranges, rate grades and thresholds ("满意度≥90分得5分"): not a list of items
_NOT_ITEMS = re.compile(r"扣|减|每|[%％]|\d\s*[-－~～—至]\s*\d|最高|最多|酌情|满分|总分|[≥≤><＞＜≧≦]|以上|以下|不低于|不高于|低于|高于")
# an item's points opening its bracket ("设定了目标(2分，其中整体目标1分、项目目标1分)"): where a cell has two or more,
# they are the items and points inside them are their parts
_BRACKETED = re.compile(r"[（(]\s*(\d{1,2}(?:\.\d{1,2})?)\s*分")
MIN_ITEMS = 2


def criteria_points(cell: Cell) -> list[Value] | None:
    """The points a criteria cell gives item by item, or None when the cell is not a list of point items."""
    if _NOT_ITEMS.search(cell.text):
        return None
    found = _BRACKETED.findall(cell.text)
    if len(found) < MIN_ITEMS:
        found = _POINTS.findall(cell.text)
    if len(found) < MIN_ITEMS:
        return None
    return [Value(Decimal(p), p, len(p.partition(".")[2]), "分", cell) for p in found]


def _row_points(sec: Section, row: Row, cols: list[Column]) -> tuple[Column, list[Value]] | None:
    for col in cols:
        if col.index >= len(row.cells) or row.cells[col.index].is_copy:
            continue
        points = criteria_points(row.cells[col.index])
        if points is not None:
            return col, points
    return None


def check_criteria_points(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        cols = sec.columns_of("criteria")
        if not cols or sec.column("score") is None:
            continue
        for row, weight in row_weights(sec):
            if weight is None:
                continue
            got = _row_points(sec, row, cols)
            if got is None:
                continue
            col, points = got
            total = sum((p.value for p in points), Decimal(0))
            if total != weight.value and max(p.value for p in points) == weight.value:
                continue  # alternative grades: the best one gives the whole 分值
            ctx.trace_cells(RULE.name, sec, weight, points, sec.location(row, col))
            if total == weight.value:
                continue
            terms = " + ".join(p.raw for p in points)
            out.append(ctx.cell_finding(
                RULE.name, RULE.title, HINT, sec, row, col, weight.raw, number(total),
                [f"分值 {weight.raw}", f"评分标准 {terms}"],
                f"{row.label or '该行'}分值为{weight.raw}，但其评分标准所列各项分数{terms} = {number(total)}"
                "，既不等于分值，其最高一项也不等于分值（请核对评分标准或分值）。",
            ))
    return out


RULE = Rule("table_criteria_points", "评分标准分数与分值不符",
            "计分表中某行评分标准所列各项分数之和与该行分值不符（且最高一项也不等于分值）。", check_criteria_points)
