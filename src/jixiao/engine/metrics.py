"""Standard metrics: each computes one indicator value from the model.

A metric returns its value with the formula in words and the inputs it used,
so every score can be traced back to the figures. When an input is absent the
value is ``None`` and ``missing`` names the fields needed; when the formula is
undefined (a zero denominator) ``not_applicable`` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import DepartmentYear, ThreePublicItem

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Input:
    label: str
    value: Decimal | None
    unit: str
    path: str


@dataclass(frozen=True)
class MetricValue:
    value: Decimal | None
    unit: str
    formula: str
    inputs: tuple[Input, ...] = ()
    missing: tuple[str, ...] = ()
    not_applicable: str | None = None
    note: str | None = None


MetricFn = Callable[[DepartmentYear, dict[str, str]], MetricValue]


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    unit: str
    formula: str
    compute: MetricFn = field(repr=False)
    args: tuple[str, ...] = ()


REGISTRY: dict[str, Metric] = {}


def metric(
    id: str, name: str, unit: str, formula: str, args: tuple[str, ...] = ()
) -> Callable[[MetricFn], MetricFn]:
    def register(fn: MetricFn) -> MetricFn:
        if id in REGISTRY:  # pragma: no cover - programming error
            raise ValueError(f"duplicate metric {id}")
        REGISTRY[id] = Metric(id, name, unit, formula, fn, args)
        return fn

    return register


def _dec(v: Decimal | int | None) -> Decimal | None:
    return None if v is None else Decimal(v)


def ratio(
    formula: str,
    num: tuple[str, Decimal | int | None, str, str],
    den: tuple[str, Decimal | int | None, str, str],
    *,
    minus_one: bool = False,
    note: str | None = None,
) -> MetricValue:
    """num/den × 100 (or (num − den)/den × 100 with ``minus_one``), with inputs and missing fields."""
    inputs = tuple(Input(label, _dec(v), unit, path) for label, v, unit, path in (num, den))
    missing = tuple(f"{i.label}（{i.path}）" for i in inputs if i.value is None)
    if missing:
        return MetricValue(None, "%", formula, inputs, missing, note=note)
    n, d = inputs[0].value, inputs[1].value
    assert n is not None and d is not None
    if d == 0:
        return MetricValue(None, "%", formula, inputs, not_applicable=f"{inputs[1].label}为0，无法计算", note=note)
    value = ((n - d) / d if minus_one else n / d) * HUNDRED
    return MetricValue(value, "%", formula, inputs, note=note)


def _sum(values: list[Decimal | None]) -> Decimal | None:
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


@metric("staff_control_rate", "在职人员控制率", "%", "在职人员数 ÷ 编制数 × 100%")
def staff_control_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    s = dy.staffing
    return ratio(
        "在职人员数 ÷ 编制数 × 100%",
        ("在职人员数", s.actual, "人", "staffing.actual"),
        ("编制数", s.authorized, "人", "staffing.authorized"),
    )


@metric("budget_execution_rate", "预算执行率", "%", "支出合计 ÷ 全年预算数 × 100%")
def budget_execution_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    return ratio(
        "支出合计 ÷ 全年预算数 × 100%",
        ("支出合计", dy.expenditure.total, "万元", "expenditure.total"),
        ("全年预算数", dy.budget.final_amount(), "万元", "budget.final"),
    )


@metric("budget_adjustment_rate", "预算调整率", "%", "|年中调整数| ÷ 年初预算数 × 100%")
def budget_adjustment_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    adj = dy.budget.adjustment
    return ratio(
        "|年中调整数| ÷ 年初预算数 × 100%",
        ("年中调整数（绝对值）", None if adj is None else abs(adj), "万元", "budget.adjustment"),
        ("年初预算数", dy.budget.initial, "万元", "budget.initial"),
    )


@metric("carryover_rate", "结转结余率", "%", "年末结转结余 ÷ 全年预算数 × 100%")
def carryover_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    return ratio(
        "年末结转结余 ÷ 全年预算数 × 100%",
        ("年末结转结余", dy.carryover.amount, "万元", "carryover.amount"),
        ("全年预算数", dy.budget.final_amount(), "万元", "budget.final"),
    )


@metric("carryover_change_rate", "结转结余变动率", "%", "（本年结转结余 − 上年结转结余）÷ 上年结转结余 × 100%")
def carryover_change_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    return ratio(
        "（本年结转结余 − 上年结转结余）÷ 上年结转结余 × 100%",
        ("本年结转结余", dy.carryover.amount, "万元", "carryover.amount"),
        ("上年结转结余", dy.prior.carryover, "万元", "prior.carryover"),
        minus_one=True,
    )


def _in_scope(items: list[ThreePublicItem]) -> list[ThreePublicItem]:
    return [i for i in items if i.in_budget_scope]


@metric("three_public_control_rate", "“三公”经费控制率", "%", "纳入预算口径的“三公”经费实际支出 ÷ “三公”经费预算数 × 100%")
def three_public_control_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    t = dy.three_public
    scoped = _in_scope(t.items)
    actual = _sum([i.actual for i in scoped]) if scoped else t.actual_total
    budget = t.budget_total if t.budget_total is not None else (_sum([i.budget for i in scoped]) if scoped else None)
    excluded = [i.kind.label for i in t.items if not i.in_budget_scope]
    note = f"未纳入预算口径：{'、'.join(excluded)}" if excluded else None
    return ratio(
        "“三公”经费实际支出 ÷ “三公”经费预算数 × 100%",
        ("“三公”经费实际支出（预算口径内）", actual, "万元", "three_public.items[].actual"),
        ("“三公”经费预算数", budget, "万元", "three_public.budget_total"),
        note=note,
    )


def _three_public_totals(dy: DepartmentYear) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    t = dy.three_public
    actual = t.actual_total if t.actual_total is not None else _sum([i.actual for i in t.items])
    last_actual = (
        t.last_year_actual_total
        if t.last_year_actual_total is not None
        else _sum([i.last_year_actual for i in t.items])
    )
    budget = t.budget_total if t.budget_total is not None else _sum([i.budget for i in _in_scope(t.items)])
    last_budget = (
        t.last_year_budget_total
        if t.last_year_budget_total is not None
        else _sum([i.last_year_budget for i in _in_scope(t.items)])
    )
    return actual, last_actual, budget, last_budget


@metric("three_public_change_rate", "“三公”经费变动率（决算数）", "%", "（本年“三公”经费支出 − 上年支出）÷ 上年支出 × 100%")
def three_public_change_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    actual, last_actual, _, _ = _three_public_totals(dy)
    return ratio(
        "（本年“三公”经费支出 − 上年支出）÷ 上年支出 × 100%",
        ("本年“三公”经费支出", actual, "万元", "three_public.actual_total"),
        ("上年“三公”经费支出", last_actual, "万元", "three_public.last_year_actual_total"),
        minus_one=True,
    )


@metric("three_public_budget_change_rate", "“三公”经费变动率（预算数）", "%", "（本年“三公”经费预算数 − 上年预算数）÷ 上年预算数 × 100%")
def three_public_budget_change_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    _, _, budget, last_budget = _three_public_totals(dy)
    return ratio(
        "（本年“三公”经费预算数 − 上年预算数）÷ 上年预算数 × 100%",
        ("本年“三公”经费预算数", budget, "万元", "three_public.budget_total"),
        ("上年“三公”经费预算数", last_budget, "万元", "three_public.last_year_budget_total"),
        minus_one=True,
    )


@metric("public_funds_control_rate", "公用经费控制率", "%", "公用经费实际支出 ÷ 公用经费预算 × 100%")
def public_funds_control_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    p = dy.public_funds
    return ratio(
        "公用经费实际支出 ÷ 公用经费预算 × 100%",
        ("公用经费实际支出", p.actual, "万元", "public_funds.actual"),
        ("公用经费预算", p.budget, "万元", "public_funds.budget"),
    )


@metric("procurement_execution_rate", "政府采购执行率", "%", "政府采购实际金额 ÷ 政府采购预算 × 100%")
def procurement_execution_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    p = dy.procurement
    return ratio(
        "政府采购实际金额 ÷ 政府采购预算 × 100%",
        ("政府采购实际金额", p.actual, "万元", "procurement.actual"),
        ("政府采购预算", p.budget, "万元", "procurement.budget"),
    )


@metric("sme_share", "中小企业合同金额占比", "%", "授予中小企业合同金额 ÷ 政府采购实际金额 × 100%")
def sme_share(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    p = dy.procurement
    return ratio(
        "授予中小企业合同金额 ÷ 政府采购实际金额 × 100%",
        ("授予中小企业合同金额", p.sme, "万元", "procurement.sme"),
        ("政府采购实际金额", p.actual, "万元", "procurement.actual"),
    )


@metric("fixed_asset_utilization_rate", "固定资产利用率", "%", "在用固定资产原值 ÷ 固定资产原值合计 × 100%")
def fixed_asset_utilization_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    a = dy.assets
    in_use = a.fixed_in_use if a.fixed_in_use is not None else _sum([c.in_use for c in a.fixed_assets])
    total = a.fixed_total if a.fixed_total is not None else _sum([c.amount for c in a.fixed_assets])
    if (in_use is None or total is None) and a.fixed_in_use_rate is not None:
        return MetricValue(
            a.fixed_in_use_rate,
            "%",
            "部门填报的固定资产在用率",
            (Input("固定资产在用率", a.fixed_in_use_rate, "%", "assets.fixed_in_use_rate"),),
            note="未提供固定资产原值，采用部门填报的在用率",
        )
    return ratio(
        "在用固定资产原值 ÷ 固定资产原值合计 × 100%",
        ("在用固定资产原值", in_use, "万元", "assets.fixed_in_use"),
        ("固定资产原值合计", total, "万元", "assets.fixed_total"),
    )


@metric("project_payment_rate", "项目资金支付率", "%", "项目支出 ÷ 项目预算 × 100%")
def project_payment_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    projects = dy.expenditure.projects
    actual = _sum([p.actual for p in projects]) if projects else None
    budget = _sum([p.budget for p in projects]) if projects else None
    return ratio(
        "项目支出 ÷ 项目预算 × 100%",
        ("项目支出", actual, "万元", "expenditure.projects[].actual"),
        ("项目预算", budget, "万元", "expenditure.projects[].budget"),
    )


@metric(
    "payment_progress_rate",
    "支付进度率",
    "%",
    "（截至时点已支付 ÷ 全年预算数）÷ 既定支付进度 × 100%",
    args=("checkpoint",),
)
def payment_progress_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    label = args.get("checkpoint", "全年")
    formula = f"（{label}已支付 ÷ 全年预算数）÷ 既定支付进度 × 100%"
    found = [c for c in dy.payments if c.label == label]
    if not found:
        return MetricValue(None, "%", formula, missing=(f"支付进度时点「{label}」（payments）",))
    c = found[0]
    final = dy.budget.final_amount()
    inputs = (
        Input(f"{label}已支付", c.paid, "万元", "payments[].paid"),
        Input("全年预算数", final, "万元", "budget.final"),
        Input("既定支付进度", c.planned_rate, "%", "payments[].planned_rate"),
    )
    missing = tuple(f"{i.label}（{i.path}）" for i in inputs if i.value is None)
    if missing:
        return MetricValue(None, "%", formula, inputs, missing)
    assert c.paid is not None and final is not None and c.planned_rate is not None
    if final == 0 or c.planned_rate == 0:
        return MetricValue(None, "%", formula, inputs, not_applicable="全年预算数或既定支付进度为0，无法计算")
    actual_progress = c.paid / final * HUNDRED
    return MetricValue(actual_progress / c.planned_rate * HUNDRED, "%", formula, inputs)


@metric("spending_progress", "支出进度", "%", "截至时点已支付 ÷ 全年预算数 × 100%", args=("checkpoint",))
def spending_progress(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    label = args.get("checkpoint", "上半年")
    found = [c for c in dy.payments if c.label == label]
    paid = found[0].paid if found else None
    mv = ratio(
        f"{label}已支付 ÷ 全年预算数 × 100%",
        (f"{label}已支付", paid, "万元", "payments[].paid"),
        ("全年预算数", dy.budget.final_amount(), "万元", "budget.final"),
    )
    if not found:
        return MetricValue(None, "%", mv.formula, mv.inputs, (f"支付进度时点「{label}」（payments）",))
    return mv


@metric("recovered_funds_count", "指标或资金被收回次数", "次", "被财政收回指标或资金的次数")
def recovered_funds_count(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    n = dy.recovered_funds.count
    inputs = (Input("被收回次数", _dec(n), "次", "recovered_funds.count"),)
    if n is None:
        return MetricValue(None, "次", "被财政收回指标或资金的次数", inputs, ("被收回次数（recovered_funds.count，没有请填 0）",))
    return MetricValue(Decimal(n), "次", "被财政收回指标或资金的次数", inputs)


@metric("official_card_rate", "公务卡刷卡率", "%", "公务卡结算金额 ÷ 应使用公务卡结算的金额 × 100%")
def official_card_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    r = dy.official_card.rate
    inputs = (Input("公务卡刷卡率", r, "%", "official_card.rate"),)
    if r is None:
        return MetricValue(None, "%", "公务卡结算金额 ÷ 应结算金额 × 100%", inputs, ("公务卡刷卡率（official_card.rate）",))
    return MetricValue(r, "%", "公务卡结算金额 ÷ 应结算金额 × 100%", inputs, note=dy.official_card.note)


@metric("key_task_completion", "重点任务完成程度", "%", "任务实际完成程度（%）", args=("task",))
def key_task_completion(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    name = args.get("task", "")
    found = [t for t in dy.key_tasks if t.name == name]
    c = found[0].completion if found else None
    inputs = (Input("完成程度", c, "%", "key_tasks[].completion"),)
    if c is None:
        return MetricValue(None, "%", "任务实际完成程度", inputs, (f"重点任务「{name}」的完成程度（key_tasks[].completion）",))
    return MetricValue(c, "%", "任务实际完成程度", inputs, note=found[0].note)


@metric("key_task_overall_completion", "重点工作完成率", "%", "各重点任务完成程度按分值加权平均")
def key_task_overall_completion(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    formula = "Σ（任务完成程度 × 任务分值）÷ Σ任务分值"
    tasks = dy.key_tasks
    if not tasks:
        return MetricValue(None, "%", formula, missing=("重点任务（key_tasks）",))
    missing = tuple(f"重点任务「{t.name}」的完成程度" for t in tasks if t.completion is None)
    if missing:
        return MetricValue(None, "%", formula, missing=missing)
    weights = [t.weight if t.weight is not None else Decimal(1) for t in tasks]
    total = sum(weights, Decimal(0))
    if total == 0:
        return MetricValue(None, "%", formula, not_applicable="任务分值之和为0")
    value = sum((w * (t.completion or Decimal(0)) for w, t in zip(weights, tasks, strict=True)), Decimal(0)) / total
    return MetricValue(value, "%", formula)


@metric("target_completion_rate", "绩效目标完成率", "%", "已达成的量化绩效目标数 ÷ 量化绩效目标总数 × 100%")
def target_completion_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    from jixiao.engine.targets import target_met

    formula = "已达成的量化绩效目标数 ÷ 量化绩效目标总数 × 100%"
    judged = [(t, target_met(t)) for t in dy.targets if t.direction.value != "定性"]
    if not judged:
        return MetricValue(None, "%", formula, missing=("量化绩效目标（targets）",))
    unknown = tuple(f"绩效目标「{t.name}」的目标值或实际值" for t, met in judged if met is None)
    if unknown:
        return MetricValue(None, "%", formula, missing=unknown)
    met = sum(1 for _, m in judged if m)
    return ratio(
        formula,
        ("已达成目标数", met, "项", "targets"),
        ("量化目标总数", len(judged), "项", "targets"),
    )


@metric("key_expenditure_rate", "重点支出安排率", "%", "重点项目预算 ÷ 项目预算合计 × 100%")
def key_expenditure_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    """53号: budgeted spending on key projects over all project budgets.

    Without any project marked ``key`` the rate is missing, not 0: an unmarked
    list says nothing about which projects are key.
    """
    formula = "重点项目预算 ÷ 项目预算合计 × 100%"
    projects = dy.expenditure.projects
    if not any(p.key for p in projects):
        return MetricValue(None, "%", formula, missing=("重点项目（expenditure.projects[] 中 key: true 的项目）",))
    return ratio(
        formula,
        ("重点项目预算", _sum([p.budget for p in projects if p.key]), "万元", "expenditure.projects[].budget"),
        ("项目预算合计", _sum([p.budget for p in projects]), "万元", "expenditure.projects[].budget"),
    )


def _task_share(dy: DepartmentYear, field_name: str, label: str, formula: str) -> MetricValue:
    tasks = dy.key_tasks
    if not tasks:
        return MetricValue(None, "%", formula, missing=("重点任务（key_tasks）",))
    flags = [getattr(t, field_name) for t in tasks]
    unknown = tuple(f"重点任务「{t.name}」是否{label}（key_tasks[].{field_name}）" for t, f in zip(tasks, flags, strict=True) if f is None)
    if unknown:
        return MetricValue(None, "%", formula, missing=unknown)
    return ratio(
        formula,
        (f"{label}的任务数", sum(1 for f in flags if f), "项", f"key_tasks[].{field_name}"),
        ("计划任务数", len(tasks), "项", "key_tasks"),
    )


@metric("task_on_time_rate", "完成及时率", "%", "按时完成的任务数 ÷ 计划任务数 × 100%")
def task_on_time_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    return _task_share(dy, "on_time", "按时完成", "按时完成的任务数 ÷ 计划任务数 × 100%")


@metric("task_quality_rate", "质量达标率", "%", "质量达标的任务数 ÷ 计划任务数 × 100%")
def task_quality_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    return _task_share(dy, "quality_met", "质量达标", "质量达标的任务数 ÷ 计划任务数 × 100%")


@metric("key_task_done_rate", "重点工作办结率", "%", "完成程度达到100%的重点任务数 ÷ 重点任务数 × 100%")
def key_task_done_rate(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    formula = "办结（完成程度100%）的重点任务数 ÷ 重点任务数 × 100%"
    tasks = dy.key_tasks
    if not tasks:
        return MetricValue(None, "%", formula, missing=("重点任务（key_tasks）",))
    unknown = tuple(f"重点任务「{t.name}」的完成程度（key_tasks[].completion）" for t in tasks if t.completion is None)
    if unknown:
        return MetricValue(None, "%", formula, missing=unknown)
    return ratio(
        formula,
        ("办结的任务数", sum(1 for t in tasks if t.completion == HUNDRED), "项", "key_tasks[].completion"),
        ("重点任务数", len(tasks), "项", "key_tasks"),
    )


@metric("three_public_items_over_budget", "“三公”经费超预算类别数", "项", "实际支出超过预算数的“三公”经费类别数")
def three_public_items_over_budget(dy: DepartmentYear, args: dict[str, str]) -> MetricValue:
    """How many in-scope “三公” categories spent more than their own budget.

    A total under budget can hide one category over it (Zhanjiang 2023: 因公出国
    13.88 against 10 while the total is 43.02% of budget).
    """
    formula = "实际支出超过预算数的“三公”经费类别数"
    scoped = _in_scope(dy.three_public.items)
    if not scoped:
        return MetricValue(None, "项", formula, missing=("“三公”经费分类别预算与实际支出（three_public.items）",))
    inputs = tuple(
        entry
        for i in scoped
        for entry in (
            Input(f"{i.kind.label}预算", i.budget, "万元", "three_public.items[].budget"),
            Input(f"{i.kind.label}实际支出", i.actual, "万元", "three_public.items[].actual"),
        )
    )
    unknown = tuple(f"{i.kind.label}的预算数与实际支出（three_public.items[]）" for i in scoped if i.budget is None or i.actual is None)
    if unknown:
        return MetricValue(None, "项", formula, inputs, unknown)
    over = [i for i in scoped if i.actual is not None and i.budget is not None and i.actual > i.budget]
    note = "；".join(f"{i.kind.label}实际支出{i.actual}万元，超过预算{i.budget}万元" for i in over) or None
    return MetricValue(Decimal(len(over)), "项", formula, inputs, note=note)
