"""Evaluate a department-year under a framework: pure and deterministic."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.engine.figures import Figure, Figures, derive, score_change
from jixiao.engine.plan import KeyTasks, Leaf, Node, plan_of
from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.findings import Finding, Location, Severity
from jixiao.frameworks import formula as formula_lang
from jixiao.frameworks.rules import Context, Outcome, clamp
from jixiao.frameworks.schema import Framework, Indicator
from jixiao.model import DepartmentYear
from jixiao.textfmt import number, quantize
from jixiao.textfmt import score as fs

ZERO = Decimal(0)


def _metric_value(leaf: Leaf, figures: Figures) -> Figure | None:
    if leaf.metric is not None:
        return leaf.metric(figures, leaf.metric_args, leaf.metric_formula)
    if leaf.formula is not None:
        text = leaf.formula_text
        inputs = tuple(figures[p].as_input() for p in leaf.formula_paths)
        key = f"formula.{leaf.id}"
        try:
            value = leaf.formula(figures.value)
        except formula_lang.MissingValue as exc:
            return Figure(key, leaf.name, None, leaf.unit, text, inputs, figures[exc.path].missing)
        except formula_lang.ZeroDivisor as exc:
            return Figure(key, leaf.name, None, leaf.unit, text, inputs,
                          not_applicable=f"分母（{exc.text}）为0，无法计算")
        return Figure(key, leaf.name, value, leaf.unit, text, inputs)
    return None


def _leaf(leaf: Leaf, level: int, figures: Figures, places: int, subject: str | None = None) -> IndicatorResult:
    """Score one indicator. ``subject`` names the value in the rule's sentences when the indicator's own
    name is not a quantity (a key task: “完成程度为50.00%”, never “<task name>为50.00%”)."""
    w = leaf.weight
    mv = _metric_value(leaf, figures)
    unit = mv.unit if mv is not None else leaf.unit
    standard = leaf.standard_for(unit)

    def make(
        score: Decimal | None = None,
        basis: str = "",
        deductions: tuple[str, ...] = (),
        missing: tuple[str, ...] = (),
        notes: tuple[str, ...] = (),
    ) -> IndicatorResult:
        return IndicatorResult(id=leaf.id, name=leaf.name, level=level, weight=w, score=score,
                               status=_MISSING if score is None else _SCORED, standard=standard, metric=mv,
                               basis=basis, deductions=deductions, missing=missing, explanation=leaf.explanation,
                               source=leaf.source, notes=notes)
    if mv is not None and mv.value is None:
        if mv.not_applicable is not None and leaf.if_not_applicable != "missing":
            full = leaf.if_not_applicable == "full"
            s = quantize(w if full else ZERO, places)
            basis = f"{mv.not_applicable}，本项不适用，按评分规则{'计满分' if full else '不得分'}{fs(s)}分"
            deductions = () if full else (basis,)
            return make(s, basis, deductions)
        why = (f"{mv.not_applicable}；",) if mv.not_applicable else ()
        needed = tuple(f"缺少数据：{m}" for m in mv.missing)
        return make(missing=why + needed)
    if leaf.rule.needs_value and mv is None:
        return make(missing=("没有指标值",))
    ctx = Context(
        indicator_id=leaf.id,
        indicator_name=subject or value_subject(leaf.name, mv),
        weight=w,
        value=mv.value if mv is not None else None,
        unit=unit,
        department=figures.dy,
        figure=figures.value,
    )
    out: Outcome = leaf.rule.apply(ctx)
    if out.score is None:
        return make(basis=out.basis, missing=out.missing, notes=out.notes)
    s = quantize(clamp(out.score, ZERO, w), places)
    return make(s, out.basis, out.deductions, notes=out.notes)


_SCORED, _MISSING = Status.SCORED, Status.MISSING


def _expand_key_tasks(node: KeyTasks, level: int, figures: Figures, places: int) -> IndicatorResult:
    ind = node.indicator
    tasks = figures.dy.key_tasks
    base = IndicatorResult(id=ind.id, name=ind.name, level=level, weight=ind.weight, score=None,
                           status=Status.MISSING, explanation=ind.explanation, source=ind.source)
    if not tasks:
        return replace(base, missing=("缺少数据：年度重点任务及其完成情况（key_tasks）",))
    weights = [t.weight for t in tasks]
    note = ""
    if all(wt is None for wt in weights):
        share = ind.weight / len(tasks)
        weights = [share] * len(tasks)
        note = f"重点任务未给出分值，按{len(tasks)}项平均分配"
    elif any(wt is None for wt in weights):
        return replace(base, missing=("部分重点任务缺少分值（key_tasks[].weight），请全部填写或全部留空",))
    total = sum((wt for wt in weights if wt is not None), ZERO)
    if total != ind.weight:
        return replace(
            base, missing=(f"重点任务分值之和为 {number(total)}，应等于「{ind.name}」的分值 {number(ind.weight)}",)
        )
    children = []
    for i, (task, wt) in enumerate(zip(tasks, weights, strict=True)):
        assert wt is not None
        r = _leaf(node.leaf(i, task.name, wt, task.description), level + 1, figures, places, subject="完成程度")
        if task.note and r.deductions:
            r = replace(r, deductions=(*r.deductions, f"未完成的主要原因是{_clause(task.note)}"))
        children.append(r)
    return _aggregate(ind, level, tuple(children), basis=note)


QUANTITY = ("率", "度", "比例", "比重", "数", "额", "值", "量", "系数")


def value_subject(name: str, mv: Figure | None) -> str:
    """What the rule's sentence says “…为<value>” of: the indicator's name when it names a quantity
    (预算执行率), else its figure's label when that does (“三公”经费超预算类别数), else “<name>指标值”
    (预算编制准确性指标值为20.81%, never 预算编制准确性为20.81%)."""
    if name.endswith(QUANTITY):
        return name
    if mv is not None and mv.label.endswith(QUANTITY):
        return mv.label
    return f"{name}指标值"


def _clause(text: str) -> str:
    """The department's words as a clause of our sentence (no closing punctuation of their own)."""
    return text.strip().rstrip("。；;，,. ")


def _aggregate(ind: Indicator, level: int, children: tuple[IndicatorResult, ...], basis: str = "") -> IndicatorResult:
    scored = [c.score for c in children if c.score is not None]
    total = sum((s for s in scored if s is not None), ZERO)
    if all(c.status is Status.SCORED for c in children):
        status = Status.SCORED
    elif scored:
        status = Status.PARTIAL
    else:
        status = Status.MISSING
    return IndicatorResult(
        id=ind.id,
        name=ind.name,
        level=level,
        weight=ind.weight,
        score=total if status is not Status.MISSING else None,
        status=status,
        basis=basis,
        explanation=ind.explanation,
        source=ind.source,
        children=children,
    )


def _node(node: Node, level: int, figures: Figures, places: int) -> IndicatorResult:
    if isinstance(node, Leaf):
        return _leaf(node, level, figures, places)
    if isinstance(node, KeyTasks):
        return _expand_key_tasks(node, level, figures, places)
    return _aggregate(node.indicator, level, tuple(_node(c, level + 1, figures, places) for c in node.children))


def evaluate(dy: DepartmentYear, fw: Framework) -> EvaluationResult:
    """Score every indicator; a total with missing parts gets no grade.

    The department's own consistency (parts against totals) is checked once, when it is
    loaded (:mod:`jixiao.model.invariants`); the result's findings are those of the evaluation.
    """
    figures = derive(dy)
    tops = tuple(_node(node, 1, figures, fw.score_places) for node in plan_of(fw).nodes)
    total = sum((t.score for t in tops if t.score is not None), ZERO)
    complete = all(t.status is Status.SCORED for t in tops)
    findings = [Finding("evaluate.framework-mismatch", Severity.WARNING, f"{why}；请确认所用框架，或在 --framework 中指定",
                        Location(path="framework")) for why in fw.mismatch(dy.profile.region, dy.profile.year)]
    leaves = [r for t in tops for r in t.leaves()]
    for r in leaves:
        findings += [Finding("evaluate.note", Severity.WARNING, f"指标「{r.name}」：{note}", Location(path=r.id))
                     for note in r.notes]
    missing = [r for r in leaves if r.status is Status.MISSING]
    for r in missing:
        findings.append(
            Finding(
                "evaluate.missing",
                Severity.WARNING,
                f"指标「{r.name}」无法评分：{'；'.join(r.missing)}",
                Location(path=r.id),
            )
        )
    return EvaluationResult(
        department=dy.profile.name,
        year=dy.profile.year,
        framework_id=fw.id,
        framework_name=fw.name,
        indicators=tops,
        total=total,
        max_total=fw.total,
        complete=complete,
        grade=fw.grade_for(total) if complete else None,
        findings=tuple(findings),
        figures=figures.with_figures(score_change(dy, total if complete else None)),
    )
