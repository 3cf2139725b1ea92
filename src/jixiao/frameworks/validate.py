"""Semantic validation of a framework: weights add up, rules are well formed, metrics exist."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from jixiao.findings import Finding, Location, Severity
from jixiao.frameworks import formula as formula_lang
from jixiao.frameworks.catalogue import METRICS
from jixiao.frameworks.schema import Framework, Indicator
from jixiao.textfmt import number
from jixiao.yamlio import Key, line_for


def validate_framework(fw: Framework, *, file: str | None, lines: dict[Key, int]) -> list[Finding]:
    out: list[Finding] = []

    def add(msg: str, loc: Key, code: str = "framework.invalid") -> None:
        out.append(Finding(code, Severity.ERROR, msg, Location(file=file, line=line_for(lines, loc))))

    top = sum((i.weight for i in fw.indicators), Decimal(0))
    if top != fw.total:
        add(f"一级指标分值之和为 {number(top)}，应等于总分 {number(fw.total)}", ("indicators",), "framework.weights")

    seen: dict[str, Key] = {}

    def visit(node: Indicator, loc: Key) -> None:
        if node.id in seen:
            add(f"指标 ID「{node.id}」重复", (*loc, "id"), "framework.duplicate-id")
        seen[node.id] = loc
        if node.children:
            s = sum((c.weight for c in node.children), Decimal(0))
            if s != node.weight:
                add(
                    f"「{node.name}」的下级指标分值之和为 {number(s)}，应等于其分值 {number(node.weight)}",
                    (*loc, "children"),
                    "framework.weights",
                )
            if node.rule is not None or node.metric is not None or node.formula is not None:
                add(f"「{node.name}」有下级指标，不能同时有 rule/metric/formula", loc)
            for i, child in enumerate(node.children):
                visit(child, (*loc, "children", i))
            return
        if node.rule is None:
            add(f"末级指标「{node.name}」缺少评分规则 rule", loc, "framework.rule")
            return
        for problem in node.rule.problems(node.weight):
            add(f"「{node.name}」的评分规则有误：{problem}", (*loc, "rule"), "framework.rule")
        if node.metric is not None and node.formula is not None:
            add(f"「{node.name}」不能同时指定 metric 和 formula", loc)
        if node.metric is not None:
            metric = METRICS.get(node.metric)
            if metric is None:
                close = [m for m in METRICS if node.metric.split("_")[0] in m][:3]
                hint = f"；相近的有：{'、'.join(close)}" if close else ""
                add(f"未知的指标计算方法 metric「{node.metric}」{hint}", (*loc, "metric"), "framework.metric")
            else:
                extra = set(node.metric_args) - set(metric.args)
                if extra:
                    add(f"metric「{node.metric}」不接受参数 {sorted(extra)}", (*loc, "metric_args"))
        if node.formula is not None:
            try:
                tree = formula_lang.parse(node.formula)
            except formula_lang.FormulaError as exc:
                add(f"「{node.name}」的公式有误：{exc}", (*loc, "formula"), "framework.formula")
            else:
                for path in formula_lang.unknown_paths(tree):
                    add(
                        f"「{node.name}」的公式引用了不存在的数值字段「{path}」",
                        (*loc, "formula"),
                        "framework.formula",
                    )
        if node.expand is None and node.rule.needs_value and node.metric is None and node.formula is None:
            add(f"「{node.name}」的评分规则需要指标值，请指定 metric 或 formula", loc, "framework.metric")

    for i, ind in enumerate(fw.indicators):
        visit(ind, ("indicators", i))

    bands = sorted(fw.grades, key=lambda b: b.min)
    for b in bands:
        if b.min >= b.max:
            add(f"等级「{b.grade}」的下限 {number(b.min)} 不小于上限 {number(b.max)}", ("grades",), "framework.grades")
    for lower, upper in pairwise(bands):
        if lower.max != upper.min:
            add(f"等级「{lower.grade}」与「{upper.grade}」之间有空隙或重叠", ("grades",), "framework.grades")
        elif lower.max_inclusive == upper.min_inclusive:
            add(f"分数 {number(lower.max)} 同时属于或都不属于「{lower.grade}」「{upper.grade}」", ("grades",), "framework.grades")
    if bands and (bands[0].min > 0 or bands[-1].max < fw.total):
        add(f"等级区间没有覆盖 0 到 {number(fw.total)} 分", ("grades",), "framework.grades")
    return out
