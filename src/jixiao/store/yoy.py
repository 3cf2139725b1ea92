"""Year-on-year figures computed from the store, not typed.

When a department-year is evaluated from the store, last year's figures come
from the stored previous year: they fill a *derived* copy of the department-year
(the typed data is kept unchanged in its revision). Where the user also typed a
figure and it differs from the store, a finding states both values; the stored
figure is used. Pure functions: no database here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.engine.figures import Figures, derive
from jixiao.engine.metrics import REGISTRY
from jixiao.findings import Finding, Location, Severity
from jixiao.model import DepartmentYear, ThreePublicItem, ThreePublicKind
from jixiao.model.records import replace
from jixiao.textfmt import money, number


@dataclass(frozen=True)
class KeyFigures:
    """The figures of one department-year that the store keeps in columns (万元, exact)."""

    budget_final: Decimal | None
    revenue_total: Decimal | None
    fiscal_appropriation: Decimal | None
    expenditure_total: Decimal | None
    expenditure_basic: Decimal | None
    expenditure_project: Decimal | None
    assets_total: Decimal | None
    carryover: Decimal | None
    three_public_budget: Decimal | None
    three_public_actual: Decimal | None
    staff_authorized: int | None
    staff_actual: int | None
    three_public: dict[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)  # kind: (budget, actual)
    ratios: dict[str, Decimal | None] = field(default_factory=dict)  # RATIO_METRICS key: percent, 6 places


# Stored key ratios: column suffix -> the engine metric that computes it.
RATIO_METRICS = {
    "budget_execution": "budget_execution_rate",
    "carryover": "carryover_rate",
    "three_public_control": "three_public_control_rate",
    "staff_control": "staff_control_rate",
}
RATIO_PLACES = Decimal("0.000001")
RATIO_LIMIT = Decimal("1000000000")


def _ratio(metric: str, figures: Figures) -> Decimal | None:
    """The engine's value, to 6 places (half up) for the comparison columns; None beyond any sensible rate."""
    value = REGISTRY[metric](figures, {}).value
    if value is None or abs(value) >= RATIO_LIMIT:
        return None
    return value.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def key_figures(dy: DepartmentYear, figures: Figures | None = None) -> KeyFigures:
    """Key figures as the engine derives them (jixiao.engine.figures: totals stated or summed from their parts).
    ``figures``: the evaluation's own (derived with last year's figures filled in, which none of these read)."""
    figures = derive(dy) if figures is None else figures
    by_kind: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    for item in dy.three_public.items:
        budget, actual = by_kind.get(item.kind.value, (None, None))
        by_kind[item.kind.value] = (_add(budget, item.budget), _add(actual, item.actual))
    return KeyFigures(
        budget_final=figures.value("budget.final"),
        revenue_total=dy.revenue.total,
        fiscal_appropriation=dy.revenue.fiscal_appropriation,
        expenditure_total=dy.expenditure.total,
        expenditure_basic=dy.expenditure.basic,
        expenditure_project=dy.expenditure.project,
        assets_total=dy.assets.total,
        carryover=dy.carryover.amount,
        three_public_budget=figures.value("three_public.budget"),
        three_public_actual=figures.value("three_public.actual"),
        staff_authorized=dy.staffing.authorized,
        staff_actual=dy.staffing.actual,
        three_public=by_kind,
        ratios={key: _ratio(metric, figures) for key, metric in RATIO_METRICS.items()},
    )


@dataclass(frozen=True)
class PriorYear:
    """Last year as the store holds it: its key figures and its evaluated score."""

    year: int
    revision: int
    figures: KeyFigures
    score: Decimal | None
    grade: str | None


# (path in the model's `prior` block, label, unit, attribute of KeyFigures)
_PRIOR_FIELDS = (
    ("revenue_total", "上年收入合计", "万元", "revenue_total"),
    ("fiscal_appropriation", "上年财政拨款收入", "万元", "fiscal_appropriation"),
    ("expenditure_total", "上年支出合计", "万元", "expenditure_total"),
    ("basic", "上年基本支出", "万元", "expenditure_basic"),
    ("project", "上年项目支出", "万元", "expenditure_project"),
    ("assets_total", "上年资产总计", "万元", "assets_total"),
    ("carryover", "上年年末结转结余", "万元", "carryover"),
    ("staff_authorized", "上年编制数", "人", "staff_authorized"),
    ("staff_actual", "上年年末在职人数", "人", "staff_actual"),
)


class _Merge:
    def __init__(self, prior: PriorYear) -> None:
        self.prior = prior
        self.findings: list[Finding] = []

    def value(self, path: str, label: str, unit: str, typed: Any, stored: Any) -> Any:
        """The stored figure when there is one; a finding when the typed one differs."""
        if stored is None:
            return typed
        if typed is not None and typed != stored:
            p = self.prior
            self.findings.append(Finding(
                "store.prior-differs",
                Severity.WARNING,
                f"{label}：填报数据为 {_shown(typed, unit)}，数据库中 {p.year} 年度（第 {p.revision} 版）为 "
                f"{_shown(stored, unit)}；同比按数据库中的数值计算",
                Location(path=path),
            ))
        return stored


def _shown(value: Any, unit: str) -> str:
    """Exact: two places for 万元 unless the figure has more."""
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        text = money(value) if unit == "万元" and isinstance(exponent, int) and exponent >= -2 else number(value)
        return f"{text}{unit}"
    return f"{value}{unit}" if unit else f"「{value}」"


def with_prior(dy: DepartmentYear, prior: PriorYear | None) -> tuple[DepartmentYear, list[Finding]]:
    """A copy of ``dy`` whose last-year figures come from the store, and findings for every disagreement."""
    if prior is None:
        return dy, []
    if prior.year != dy.profile.year - 1:
        raise ValueError(f"prior year {prior.year} is not the year before {dy.profile.year}")
    merge = _Merge(prior)
    figures = prior.figures
    updates: dict[str, Any] = {}
    for name, label, unit, attr in _PRIOR_FIELDS:
        updates[name] = merge.value(f"prior.{name}", label, unit, getattr(dy.prior, name), getattr(figures, attr))
    updates["score"] = merge.value("prior.score", "上年自评总分", "分", dy.prior.score, prior.score)
    updates["grade"] = merge.value("prior.grade", "上年评价等级", "", dy.prior.grade, prior.grade)
    new_prior = replace(dy.prior, **updates)

    tp = dy.three_public
    items: list[ThreePublicItem] = []
    for i, item in enumerate(tp.items):
        budget, actual = figures.three_public.get(item.kind.value, (None, None))
        where = f"three_public.items[{i}]"
        label = ThreePublicKind(item.kind).label
        items.append(replace(item, **{
            "last_year_actual": merge.value(f"{where}.last_year_actual", f"上年{label}实际支出", "万元",
                                            item.last_year_actual, actual),
            "last_year_budget": merge.value(f"{where}.last_year_budget", f"上年{label}预算数", "万元",
                                            item.last_year_budget, budget),
        }))
    new_tp = replace(tp, **{
        "items": items,
        "last_year_actual_total": merge.value("three_public.last_year_actual_total", "上年“三公”经费实际支出合计",
                                              "万元", tp.last_year_actual_total, figures.three_public_actual),
        "last_year_budget_total": merge.value("three_public.last_year_budget_total", "上年“三公”经费预算合计",
                                              "万元", tp.last_year_budget_total, figures.three_public_budget),
    })
    return replace(dy, **{"prior": new_prior, "three_public": new_tp}), merge.findings
