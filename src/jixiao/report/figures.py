"""Derived figures of a department-year: every share, rate and year-on-year change
the report states, each with its formula and inputs.

The narrative and the 数据表 both read from here, so a ratio printed in a sentence
is the same ratio listed with its formula in the data sheet. Values stay exact
Decimals; rounding happens only in :mod:`jixiao.textfmt`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import DepartmentYear, ThreePublicItem

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Derived:
    """One computed figure: ``value`` is None when an input is missing or a denominator is 0."""

    key: str
    label: str
    formula: str
    value: Decimal | None
    unit: str  # "%" or "万元"
    inputs: tuple[tuple[str, Decimal | None], ...] = ()


def _ratio(key: str, label: str, num: tuple[str, Decimal | None], den: tuple[str, Decimal | None],
           formula: str | None = None) -> Derived:
    (nl, n), (dl, d) = num, den
    value = None if n is None or d is None or d == 0 else n / d * HUNDRED
    return Derived(key, label, formula or f"{nl} ÷ {dl} × 100%", value, "%", (num, den))


def _diff(key: str, label: str, cur: tuple[str, Decimal | None], prev: tuple[str, Decimal | None]) -> Derived:
    (cl, c), (pl, p) = cur, prev
    value = None if c is None or p is None else c - p
    return Derived(key, label, f"{cl} − {pl}", value, "万元", (cur, prev))


def _change(key: str, label: str, cur: tuple[str, Decimal | None], prev: tuple[str, Decimal | None]) -> Derived:
    (cl, c), (pl, p) = cur, prev
    value = None if c is None or p is None or p == 0 else (c - p) / p * HUNDRED
    return Derived(key, label, f"（{cl} − {pl}）÷ {pl} × 100%", value, "%", (cur, prev))


def _sum(values: list[Decimal | None]) -> Decimal | None:
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


@dataclass(frozen=True)
class ThreePublicTotals:
    budget: Decimal | None
    actual: Decimal | None
    actual_in_scope: Decimal | None
    last_actual: Decimal | None


def three_public_totals(dy: DepartmentYear) -> ThreePublicTotals:
    """Stated totals win; otherwise the items add up (budget over the in-scope items only)."""
    t = dy.three_public
    scoped: list[ThreePublicItem] = [i for i in t.items if i.in_budget_scope]
    budget = t.budget_total if t.budget_total is not None else _sum([i.budget for i in scoped])
    actual = t.actual_total if t.actual_total is not None else _sum([i.actual for i in t.items])
    # Every item in scope: the stated total is the in-scope spending (items may differ by 尾差).
    all_in = len(scoped) == len(t.items)
    in_scope = actual if all_in or not scoped else _sum([i.actual for i in scoped])
    last = t.last_year_actual_total if t.last_year_actual_total is not None else _sum(
        [i.last_year_actual for i in t.items])
    return ThreePublicTotals(budget, actual, in_scope, last)


class Figures:
    """All derived figures of one department-year, by key, in a stable order."""

    def __init__(self, items: list[Derived]) -> None:
        self._items = {d.key: d for d in items}

    def __getitem__(self, key: str) -> Derived:
        return self._items[key]

    def get(self, key: str) -> Decimal | None:
        d = self._items.get(key)
        return None if d is None else d.value

    def all(self) -> list[Derived]:
        return list(self._items.values())


def derive(dy: DepartmentYear) -> Figures:
    """Compute every figure the report may state; absent inputs give ``None`` values."""
    b, r, e, p, a = dy.budget, dy.revenue, dy.expenditure, dy.prior, dy.assets
    final = b.final_amount()
    out: list[Derived] = [
        _ratio("budget.execution_rate", "预算执行率", ("支出合计", e.total), ("全年预算数", final)),
        _ratio("budget.adjustment_rate", "预算调整率", ("年中调整数", None if b.adjustment is None else abs(b.adjustment)),
               ("年初预算数", b.initial)),
        _ratio("revenue.fiscal_share", "财政拨款收入占收入合计比例", ("财政拨款收入", r.fiscal_appropriation),
               ("本年收入合计", r.total)),
        _ratio("revenue.other_share", "其他收入占收入合计比例", ("其他收入", r.other), ("本年收入合计", r.total)),
        _ratio("expenditure.basic_share", "基本支出占总支出比例", ("基本支出", e.basic), ("本年支出合计", e.total)),
        _ratio("expenditure.project_share", "项目支出占总支出比例", ("项目支出", e.project), ("本年支出合计", e.total)),
        _ratio("expenditure.personnel_share", "人员经费占基本支出比例", ("人员经费", e.personnel), ("基本支出", e.basic)),
        _ratio("expenditure.public_share", "公用经费占基本支出比例", ("公用经费", e.public), ("基本支出", e.basic)),
        _ratio("carryover.rate", "结转结余率", ("年末结转结余", dy.carryover.amount), ("全年预算数", final)),
        _ratio("staff.control_rate", "在职人员控制率", ("在职人员数", _dec(dy.staffing.actual)),
               ("编制数", _dec(dy.staffing.authorized))),
    ]
    # Uses of funds: basic + project + carry-over against revenue and carried-over funds,
    # the breakdown many reports give under 收入情况 (e.g. seed 003).
    sources = _sum([r.total, b.carried_over]) if b.carried_over is not None else r.total
    out += [
        Derived("uses.sources", "本年收入与上年结转合计", "本年收入合计 + 上年结转", sources, "万元",
                (("本年收入合计", r.total), ("上年结转", b.carried_over))),
        _ratio("uses.basic_share", "基本支出占资金来源比例", ("基本支出", e.basic), ("资金来源合计", sources)),
        _ratio("uses.project_share", "项目支出占资金来源比例", ("项目支出", e.project), ("资金来源合计", sources)),
        _ratio("uses.carryover_share", "结转结余占资金来源比例", ("年末结转结余", dy.carryover.amount),
               ("资金来源合计", sources)),
    ]
    for key, label, cur, prev in (
        ("revenue", "本年收入合计", r.total, p.revenue_total),
        ("fiscal", "财政拨款收入", r.fiscal_appropriation, p.fiscal_appropriation),
        ("expenditure", "本年支出合计", e.total, p.expenditure_total),
        ("basic", "基本支出", e.basic, p.basic),
        ("project", "项目支出", e.project, p.project),
        ("assets", "资产总计", a.total, p.assets_total),
        ("carryover", "年末结转结余", dy.carryover.amount, p.carryover),
    ):
        out.append(_diff(f"yoy.{key}.diff", f"{label}比上年增减额", (f"本年{label}", cur), (f"上年{label}", prev)))
        out.append(_change(f"yoy.{key}.rate", f"{label}比上年增减率", (f"本年{label}", cur), (f"上年{label}", prev)))

    tp = three_public_totals(dy)
    out += [
        Derived("three_public.budget", "“三公”经费预算数", "预算口径内各项预算之和（或填报的合计）", tp.budget, "万元"),
        Derived("three_public.actual", "“三公”经费实际支出", "各项实际支出之和（或填报的合计）", tp.actual, "万元"),
        _ratio("three_public.control_rate", "“三公”经费控制率", ("预算口径内实际支出", tp.actual_in_scope),
               ("“三公”经费预算数", tp.budget)),
        _diff("three_public.yoy.diff", "“三公”经费比上年增减额", ("本年“三公”经费", tp.actual),
              ("上年“三公”经费", tp.last_actual)),
        _change("three_public.yoy.rate", "“三公”经费比上年增减率", ("本年“三公”经费", tp.actual),
                ("上年“三公”经费", tp.last_actual)),
    ]
    for i, item in enumerate(dy.three_public.items):
        lbl = item.kind.label
        out.append(_ratio(f"three_public.items[{i}].rate", f"{lbl}预算执行率", (f"{lbl}实际支出", item.actual),
                          (f"{lbl}预算数", item.budget)))
        out.append(_diff(f"three_public.items[{i}].yoy.diff", f"{lbl}比上年增减额", (f"本年{lbl}", item.actual),
                         (f"上年{lbl}", item.last_year_actual)))
        out.append(_change(f"three_public.items[{i}].yoy.rate", f"{lbl}比上年增减率", (f"本年{lbl}", item.actual),
                           (f"上年{lbl}", item.last_year_actual)))

    pf, pr = dy.public_funds, dy.procurement
    out += [
        _ratio("public_funds.control_rate", "公用经费控制率", ("公用经费实际支出", pf.actual), ("公用经费预算", pf.budget)),
        _ratio("procurement.execution_rate", "政府采购执行率", ("政府采购实际金额", pr.actual), ("政府采购预算", pr.budget)),
        _ratio("procurement.sme_share", "授予中小企业合同金额占政府采购支出总额比例", ("授予中小企业合同金额", pr.sme),
               ("政府采购实际金额", pr.actual)),
        _ratio("procurement.small_micro_share", "授予小微企业合同金额占授予中小企业合同金额比例",
               ("授予小微企业合同金额", pr.small_micro), ("授予中小企业合同金额", pr.sme)),
    ]
    fixed_total = a.fixed_total if a.fixed_total is not None else _sum([c.amount for c in a.fixed_assets])
    fixed_in_use = a.fixed_in_use if a.fixed_in_use is not None else _sum([c.in_use for c in a.fixed_assets])
    out += [
        Derived("assets.fixed_total", "固定资产原值合计", "各类固定资产原值之和（或填报的合计）", fixed_total, "万元"),
        Derived("assets.fixed_in_use", "在用固定资产原值", "各类在用固定资产原值之和（或填报的合计）", fixed_in_use, "万元"),
        _ratio("assets.utilization_rate", "固定资产利用率", ("在用固定资产原值", fixed_in_use),
               ("固定资产原值合计", fixed_total)),
    ]
    for i, c in enumerate(a.fixed_assets):
        out.append(_ratio(f"assets.fixed_assets[{i}].share", f"{c.name}占固定资产比例", (f"{c.name}原值", c.amount),
                          ("固定资产原值合计", fixed_total)))
    for i, pj in enumerate(e.projects):
        out.append(_ratio(f"projects[{i}].rate", f"{pj.name}执行率", (f"{pj.name}支出", pj.actual),
                          (f"{pj.name}预算", pj.budget)))
    return Figures(out)


def _dec(v: int | None) -> Decimal | None:
    return None if v is None else Decimal(v)
