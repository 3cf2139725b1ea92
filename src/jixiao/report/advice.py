"""What would make the report stronger: the analysis inputs the department left out.

The report never invents what was done, why a figure changed or how the evaluation was
run; where such an input is absent it states the figures and says nothing more. This
module lists those inputs, each with its YAML path and its place in the workbook, so the
command line can tell the department what to add. Labels come from the model's field
descriptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.engine.targets import target_met
from jixiao.model import DepartmentYear
from jixiao.model.records import fields_of

HUNDRED = Decimal(100)

# (current figure, last year's figure, reason field) — the reasons of the 变动原因 sheet
_CHANGES: tuple[tuple[str, str, str], ...] = (
    ("revenue.total", "prior.revenue_total", "prior.revenue_reason"),
    ("revenue.fiscal_appropriation", "prior.fiscal_appropriation", "prior.fiscal_appropriation_reason"),
    ("expenditure.total", "prior.expenditure_total", "prior.expenditure_reason"),
    ("expenditure.basic", "prior.basic", "prior.basic_reason"),
    ("expenditure.project", "prior.project", "prior.project_reason"),
    ("assets.total", "prior.assets_total", "prior.assets_reason"),
    ("carryover.amount", "prior.carryover", "prior.carryover_reason"),
    ("three_public.actual_total", "three_public.last_year_actual_total", "three_public.change_reason"),
    ("three_public.actual_total", "three_public.budget_total", "three_public.budget_reason"),
    ("expenditure.total", "budget.final", "budget.execution_reason"),
)


def _get(dy: DepartmentYear, path: str) -> object:
    value: object = dy
    for step in path.split("."):
        value = getattr(value, step)
    return value


def _label(dy: DepartmentYear, path: str) -> str:
    """The description of the model field at ``path``."""
    owner: object = dy
    *parents, name = path.split(".")
    for step in parents:
        owner = getattr(owner, step)
    return fields_of(type(owner))[name].description or name


def _names(names: Sequence[str], limit: int = 3) -> str:
    shown = "、".join(f"「{n}」" for n in names[:limit])
    return shown + (f"等{len(names)}项" if len(names) > limit else "")


def stronger_report(dy: DepartmentYear) -> list[str]:
    """Inputs that would let the report explain, not only state, in the order of the report."""
    out: list[str] = []
    tasks_without_work = [t.name for t in dy.key_tasks if not t.done]
    if tasks_without_work:
        out.append(f"重点任务的主要工作及成效（key_tasks[].done，工作簿“重点任务”表）：{_names(tasks_without_work)}未填写")
    unexplained = [t.name for t in dy.key_tasks if t.completion is not None and t.completion < HUNDRED and not t.note]
    if unexplained:
        out.append(f"重点任务未完成的原因（key_tasks[].note）：{_names(unexplained)}")
    missed = [t.name for t in dy.targets if target_met(t) is False and not t.note]
    if missed:
        out.append(f"绩效目标未达到目标值的原因（targets[].note）：{_names(missed)}")
    if dy.budget.adjustment and not dy.budget.adjustment_reason:
        out.append(f"{_label(dy, 'budget.adjustment_reason')}（budget.adjustment_reason，工作簿“变动原因”表）")
    for current, other, reason in _CHANGES:
        a = _get(dy, current)
        b = dy.budget.final_amount() if other == "budget.final" else _get(dy, other)
        if a is None or b is None or a == b or _get(dy, reason):
            continue
        out.append(f"{_label(dy, reason)}（{reason}，工作簿“变动原因”表）")
    if dy.surveys and not (dy.survey.method or dy.survey.sample):
        out.append("满意度调查的开展方式、样本和对象（survey.method、sample、respondents，工作簿“自评组织”表）")
    ev = dy.evaluation
    if not (ev.team or ev.period or ev.method):
        out.append("自评工作的组织：由谁、何时、用什么方法（evaluation.team、period、method，工作簿“自评组织”表）")
    return out
