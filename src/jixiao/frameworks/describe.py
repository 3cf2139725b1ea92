"""A framework as Chinese text lines: the tree with weights, formula, 评分标准 and source.

Pure: returns lines, so the CLI prints them and tests read them.
"""

from __future__ import annotations

from jixiao.frameworks.catalogue import METRICS
from jixiao.frameworks.schema import Framework, Indicator
from jixiao.textfmt import number

LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _grades(fw: Framework) -> str:
    parts = []
    for b in sorted(fw.grades, key=lambda b: b.min, reverse=True):
        lo = "≥" if b.min_inclusive else ">"
        hi = "≤" if b.max_inclusive else "<"
        parts.append(f"{b.grade}：{lo}{number(b.min)}且{hi}{number(b.max)}")
    return "；".join(parts)


def _how(ind: Indicator) -> str | None:
    if ind.metric is not None:
        m = METRICS.get(ind.metric)
        if m is None:
            return f"计算方法：{ind.metric}（未知）"
        return f"计算公式：{m.formula_for(ind.metric_args)}"
    if ind.formula is not None:
        return f"计算公式：{ind.formula_text or ind.formula}（自定义公式：{ind.formula}）"
    return None


def _unit(ind: Indicator) -> str:
    if ind.metric is not None and ind.metric in METRICS:
        return METRICS[ind.metric].unit
    return ind.unit


def describe_framework(fw: Framework, *, sources: bool = True) -> list[str]:
    lines = [f"{fw.name}（{fw.id}）" + ("【模板】" if fw.template else "")]
    meta = [
        ("发布单位", fw.issuer),
        ("文号", fw.document),
        ("地区", fw.region),
        ("年度", None if fw.year is None else str(fw.year)),
    ]
    lines += [f"{k}：{v}" for k, v in meta if v]
    lines.append(f"总分：{number(fw.total)}；等级：{_grades(fw)}")
    if fw.notes:
        lines.append(f"说明：{fw.notes}")
    if sources and fw.source:
        lines.append(f"来源：{fw.source}")
    lines.append("")

    def visit(ind: Indicator, level: int) -> None:
        pad = "    " * (level - 1)
        more = "    " * level
        label = LEVEL_NAMES.get(level, f"{level}级")
        lines.append(f"{pad}【{label}】{ind.name}（{number(ind.weight)}分）  [{ind.id}]")
        if ind.explanation:
            lines.append(f"{more}指标解释：{ind.explanation}")
        how = _how(ind)
        if how:
            lines.append(f"{more}{how}")
        if ind.expand == "key_tasks":
            lines.append(f"{more}按部门填报的年度重点任务逐项展开，各项分值之和为{number(ind.weight)}分")
        if ind.rule is not None:
            standard = ind.standard or ind.rule.describe(ind.weight, _unit(ind))
            lines.append(f"{more}评分标准：{standard}")
        if ind.if_not_applicable != "missing":
            lines.append(f"{more}不适用时：{'计满分' if ind.if_not_applicable == 'full' else '不得分'}")
        if sources and ind.source:
            lines.append(f"{more}来源：{ind.source}")
        for child in ind.children:
            visit(child, level + 1)

    for top in fw.indicators:
        visit(top, 1)
    return lines
