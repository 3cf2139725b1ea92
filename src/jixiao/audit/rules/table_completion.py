"""``table_completion``: an indicator row's 完成率 against its 实际完成值 ÷ 年度指标值.

Some 自评表 state, after each indicator's target and result, how much of the target was reached (福建: 绩效目标值 |
实际完成值 | 累计完成率; 新疆 2023: 指标实际完成值 | 完成率): ">=28次 | 40次 | 143%". The rate is the result over the
target, read to the rate's own precision (rounded half up; the rounding of the two figures allowed, as for every rate).
Only rows where the reading is plain are judged: a target with a lower-is-better sign (≤, <) — whose rate forms use
other formulas — a target of 0, or units that differ (a 95% target against a count) are left alone. A form may cap
the rate at 100% for a target exceeded, so a 100% over a result at or above the target agrees. A rate that does not
agree is a 提示: the form may define its 完成率 otherwise (cumulative over years, a weighted rate).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.context import Context
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_targets import _figure
from jixiao.audit.tables import Column, Row, Section, Value, half
from jixiao.audit.tolerance import fmt, rate_verdict, ratio_bounds

_LOWER_IS_BETTER = ("<=", "<")
_FULL = Decimal(100)


def _target(sec: Section, row: Row, col: Column) -> Value | None:
    """The row's 指标值 as a figure (its sign dropped), or None when it is not one."""
    if col.index >= len(row.cells) or row.cells[col.index].is_copy:
        return None
    cell = row.cells[col.index]
    fig = _figure(cell.text.strip())
    if fig is None or fig.sign in _LOWER_IS_BETTER or fig.value <= 0:
        return None
    decimals = len(str(fig.value).partition(".")[2])
    return Value(fig.value, cell.text.strip(), decimals, fig.unit, cell)


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        tc, ac, cc = sec.column("target"), sec.column("achieved"), sec.column("completion")
        if tc is None or ac is None or cc is None:
            continue
        for row in sec.rows:
            if row.total:
                continue
            stated, got, target = sec.value(row, cc), sec.value(row, ac), _target(sec, row, tc)
            if stated is None or stated.unit != "%" or got is None or target is None or got.unit != target.unit:
                continue
            ctx.trace_cells(RULE.name, sec, stated, [got, target], sec.location(row, cc))
            exact = got.value / target.value * _FULL
            lo, hi = ratio_bounds(got.value, half(got), target.value, half(target))
            if rate_verdict(stated.value, stated.decimals, exact, lo, hi) is None:
                continue
            if stated.value == _FULL and got.value >= target.value:
                continue  # a rate capped at 100% for a target met or exceeded
            out.append(ctx.cell_finding(
                RULE.name, RULE.title, HINT, sec, row, cc, stated.raw, f"{fmt(exact, stated.decimals)}%",
                [f"完成值 {got.raw}", f"指标值 {target.raw}"],
                f"{row.label or '该行'}完成值{got.raw} ÷ 指标值{target.raw} = {fmt(exact)}%，表中完成率为{stated.raw}。",
            ))
    return out


RULE = Rule("table_completion", "完成率与完成值、指标值不符",
            "绩效指标行的完成率应为实际完成值除以指标值（达到目标时可记为100%）；不符时提示。", check)
