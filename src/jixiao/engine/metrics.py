"""The standard metrics: each is a view of one figure of :mod:`jixiao.engine.figures`.

A metric named in a framework (``metric: budget_execution_rate``) is declared once in
:mod:`jixiao.frameworks.catalogue` (name, unit, formula text, arguments) and computed
here by choosing the figure that answers it: the rate the 评分表 scores is the very
figure the report prints. Each function takes the figures of the department-year
and the indicator's ``metric_args`` and returns the figure, with its formula and the
inputs it used; ``value`` is ``None`` when an input is missing (``missing`` names it)
or the formula is undefined (``not_applicable`` says why).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field, replace

from jixiao.engine.figures import Figure, Figures
from jixiao.frameworks.catalogue import METRICS, MetricSpec
from jixiao.frozen import frozen

MetricValue = Figure
MetricFn = Callable[[Figures, Mapping[str, str]], Figure]


@frozen
class Metric:
    """A standard metric and the function computing it from the figures."""

    spec: MetricSpec
    compute: MetricFn = field(repr=False)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def unit(self) -> str:
        return self.spec.unit

    @property
    def formula(self) -> str:
        return self.spec.formula_for()

    def __call__(self, figures: Figures, args: Mapping[str, str], formula: str | None = None) -> Figure:
        """The metric's figure, carrying the catalogue's formula with the arguments filled in (``formula``:
        that text made in advance, as :mod:`jixiao.engine.plan` does once per framework)."""
        fig = self.compute(figures, args)
        inputs = fig.inputs if fig.derived else (fig.as_input(),)  # an entered figure is its own input
        return fig.changed(formula=self.spec.formula_for(args) if formula is None else formula, inputs=inputs)


REGISTRY: dict[str, Metric] = {}


def metric(id: str) -> Callable[[MetricFn], MetricFn]:
    def register(fn: MetricFn) -> MetricFn:
        if id in REGISTRY or id not in METRICS:  # pragma: no cover - programming error
            raise ValueError(f"metric {id} is registered twice or not declared in the catalogue")
        REGISTRY[id] = Metric(METRICS[id], fn)
        return fn

    return register


def _figure(key: str) -> MetricFn:
    return lambda figures, args: figures[key]


for _id, _key in (
    ("staff_control_rate", "staff.control_rate"),
    ("budget_execution_rate", "budget.execution_rate"),
    ("budget_adjustment_rate", "budget.adjustment_rate"),
    ("carryover_rate", "carryover.rate"),
    ("carryover_change_rate", "yoy.carryover.rate"),
    ("three_public_control_rate", "three_public.control_rate"),
    ("three_public_change_rate", "three_public.yoy.rate"),
    ("three_public_budget_change_rate", "three_public.budget_yoy.rate"),
    ("three_public_items_over_budget", "three_public.items_over_budget"),
    ("public_funds_control_rate", "public_funds.control_rate"),
    ("procurement_execution_rate", "procurement.execution_rate"),
    ("sme_share", "procurement.sme_share"),
    ("fixed_asset_utilization_rate", "assets.utilization_rate"),
    ("project_payment_rate", "projects.payment_rate"),
    ("key_expenditure_rate", "projects.key_share"),
    ("key_task_overall_completion", "key_tasks.weighted_completion"),
    ("target_completion_rate", "targets.completion_rate"),
    ("task_on_time_rate", "key_tasks.on_time_rate"),
    ("task_quality_rate", "key_tasks.quality_rate"),
    ("key_task_done_rate", "key_tasks.done_rate"),
):
    metric(_id)(_figure(_key))


def _checkpoint(figures: Figures, args: Mapping[str, str], metric_id: str, suffix: str) -> Figure:
    label = args.get("checkpoint") or METRICS[metric_id].args["checkpoint"]
    for i, c in enumerate(figures.dy.payments):
        if c.label == label:
            return figures[f"payments[{i}].{suffix}"]
    return Figure(f"payments.{label}", METRICS[metric_id].name, None, "%",
                  missing=(f"支付进度时点「{label}」（payments）",))


@metric("payment_progress_rate")
def payment_progress_rate(figures: Figures, args: Mapping[str, str]) -> Figure:
    return _checkpoint(figures, args, "payment_progress_rate", "progress_rate")


@metric("spending_progress")
def spending_progress(figures: Figures, args: Mapping[str, str]) -> Figure:
    return _checkpoint(figures, args, "spending_progress", "spending_rate")


@metric("key_task_completion")
def key_task_completion(figures: Figures, args: Mapping[str, str]) -> Figure:
    name = args.get("task", "")
    for i, t in enumerate(figures.dy.key_tasks):
        if t.name == name:
            return replace(figures[f"key_tasks[{i}].completion"], note=t.note)
    return Figure("key_tasks.completion", "重点任务完成程度", None, "%",
                  missing=(f"重点任务「{name}」的完成程度（key_tasks[].completion）",))


@metric("recovered_funds_count")
def recovered_funds_count(figures: Figures, args: Mapping[str, str]) -> Figure:
    fig = figures["recovered_funds.count"]
    return replace(fig, missing=("被收回次数（recovered_funds.count，没有请填 0）",)) if fig.value is None else fig


@metric("official_card_rate")
def official_card_rate(figures: Figures, args: Mapping[str, str]) -> Figure:
    return replace(figures["official_card.rate"], note=figures.dy.official_card.note)
