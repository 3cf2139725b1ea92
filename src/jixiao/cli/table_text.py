"""The indicator table and the lines under it as plain strings: what :mod:`jixiao.cli.render` puts in
its rich table and what :mod:`jixiao.cli.plain` prints without rich, written once for both."""

from __future__ import annotations

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.frozen import frozen
from jixiao.textfmt import number, pct, q2
from jixiao.textfmt import score as fs

# header, justification, overflow of each column of the indicator table
COLUMNS = (("指标", "left", "ellipsis"), ("分值", "right", "ellipsis"), ("指标值", "right", "ellipsis"),
           ("得分", "right", "ellipsis"), ("说明", "left", "fold"))


@frozen
class Row:
    """One indicator's row; ``deductions`` and ``gaps`` are printed in the 说明 cell, the gaps in red."""

    name: str
    parent: bool
    weight: str
    metric: str
    score: str
    missing: bool
    partial: bool
    deductions: str
    gaps: tuple[str, ...]

    @property
    def notes(self) -> str:
        text = self.deductions
        for gap in self.gaps:
            text += ("；" if text else "") + gap
        return text


def metric_text(r: IndicatorResult) -> str:
    m = r.metric
    if m is None or m.value is None:
        return "不适用" if m is not None and m.not_applicable else ""
    return pct(m.value) if m.unit == "%" else f"{number(q2(m.value))}{m.unit}"


def title(result: EvaluationResult) -> str:
    return f"{result.department} {result.year}年度部门整体支出绩效自评 — {result.framework_name}"


def rows(result: EvaluationResult) -> list[Row]:
    return [Row(name="　" * (r.level - 1) + r.name, parent=bool(r.children), weight=fs(r.weight),
                metric=metric_text(r), score="缺数据" if r.status is Status.MISSING else fs(r.score) + ("*" if r.status is Status.PARTIAL else ""),
                missing=r.status is Status.MISSING, partial=r.status is Status.PARTIAL,
                deductions="；".join(r.deductions), gaps=tuple(r.missing))
            for r in result.walk()]


def summary_lines(result: EvaluationResult) -> list[str]:
    parts = "，".join(f"{t.name} {fs(t.score) if t.score is not None else '缺数据'}" for t in result.indicators)
    lines = [f"得分：{parts}；总分 {fs(result.total)} 分（满分 {fs(result.max_total)}）"]
    if result.grade is not None:
        lines.append(f"评价等级：{result.grade}")
    else:
        lines.append(f"尚有 {result.missing_count} 项指标缺少数据，总分不完整，暂不评定等级")
    return lines


def deduction_lines(result: EvaluationResult) -> list[str]:
    """扣分说明 and one line per indicator that lost points (nothing when none did)."""
    lost = [r for r in result.leaves() if r.deductions]
    if not lost:
        return []
    return ["扣分说明：", *(f"- {r.name}（{fs(r.score)}/{fs(r.weight)}）：{'；'.join(r.deductions)}" for r in lost)]


def missing_lines(result: EvaluationResult) -> list[str]:
    """缺少数据 and every indicator that could not be scored, with the data it lacks."""
    gaps = [r for r in result.leaves() if r.missing]
    if not gaps:
        return []
    return ["缺少数据：", *(f"- {r.name}：{'；'.join(r.missing)}" for r in gaps)]
