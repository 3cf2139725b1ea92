"""Consistency checks of a department-year: parts against totals, impossible figures.

Each check returns findings with the model field path; none raises. Sums are
compared within a rounding tolerance of 0.01 万元 per term, because stated
totals are usually rounded independently of their parts (尾差).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal

from jixiao.findings import Finding, Location, Severity
from jixiao.model.department import DepartmentYear
from jixiao.textfmt import money

TOLERANCE_PER_TERM = Decimal("0.01")
ZERO = Decimal(0)


def _finding(code: str, severity: Severity, message: str, path: str) -> Finding:
    return Finding(code, severity, message, Location(path=path))


def _above(part: Decimal | int | None, whole: Decimal | int | None, tolerance: Decimal = ZERO) -> bool:
    """Whether both are stated and ``part`` exceeds ``whole`` by more than ``tolerance``."""
    return part is not None and whole is not None and part > whole + tolerance


def _sum_check(
    code: str,
    path: str,
    total_label: str,
    total: Decimal | None,
    parts: Iterable[tuple[str, Decimal | None]],
) -> list[Finding]:
    parts = list(parts)
    if total is None or any(v is None for _, v in parts) or not parts:
        return []
    values = [v for _, v in parts if v is not None]
    computed = sum(values, Decimal(0))
    tolerance = TOLERANCE_PER_TERM * len(values)
    if abs(computed - total) <= tolerance:
        return []
    names = " + ".join(label for label, _ in parts)
    return [_finding(code, Severity.WARNING, f"{names} = {money(computed)} 万元，与{total_label} {money(total)} 万元不一致"
                     f"（相差 {money(abs(computed - total))} 万元，超过尾差容许 {money(tolerance)} 万元）", path)]


def _expenditure(dy: DepartmentYear) -> list[Finding]:
    e = dy.expenditure
    out = _sum_check(
        "model.basic-sum",
        "expenditure.basic",
        "基本支出",
        e.basic,
        [("人员经费", e.personnel), ("公用经费", e.public)],
    )
    out += _sum_check(
        "model.expenditure-sum",
        "expenditure.total",
        "支出合计",
        e.total,
        [("基本支出", e.basic), ("项目支出", e.project)],
    )
    if e.projects:
        out += _sum_check(
            "model.projects-sum",
            "expenditure.project",
            "项目支出",
            e.project,
            [(p.name, p.actual) for p in e.projects],
        )
    return out


def _budget(dy: DepartmentYear) -> list[Finding]:
    b = dy.budget
    out = []
    if b.final is not None and None not in (b.initial, b.adjustment, b.carried_over):
        out += _sum_check(
            "model.budget-sum",
            "budget.final",
            "全年预算数",
            b.final,
            [("年初预算", b.initial), ("年中调整", b.adjustment), ("上年结转", b.carried_over)],
        )
    final = b.final_amount()
    total = dy.expenditure.total
    if _above(total, final):
        out.append(_finding("model.overspent", Severity.WARNING,
                            f"支出合计 {money(total)} 万元超过全年预算数 {money(final)} 万元", "expenditure.total"))
    if b.adjustment is not None and b.initial is not None and b.initial + b.adjustment < 0:
        out.append(_finding("model.negative-budget", Severity.ERROR,
                            f"年初预算 {money(b.initial)} 万元加年中调整 {money(b.adjustment)} 万元后为负数，不可能",
                            "budget.adjustment"))
    return out


def _revenue(dy: DepartmentYear) -> list[Finding]:
    r = dy.revenue
    return _sum_check(
        "model.revenue-sum",
        "revenue.total",
        "收入合计",
        r.total,
        [("财政拨款收入", r.fiscal_appropriation), ("其他收入", r.other)],
    )


def _three_public(dy: DepartmentYear) -> list[Finding]:
    t = dy.three_public
    out = _sum_check(
        "model.three-public-actual-sum",
        "three_public.actual_total",
        "“三公”经费实际支出合计",
        t.actual_total,
        [(i.kind.label, i.actual) for i in t.items],
    )
    out += _sum_check(
        "model.three-public-budget-sum",
        "three_public.budget_total",
        "“三公”经费预算合计",
        t.budget_total,
        [(i.kind.label, i.budget) for i in t.items if i.in_budget_scope],
    )
    kinds = Counter(i.kind for i in t.items)
    for kind, n in kinds.items():
        if n > 1:
            out.append(_finding("model.duplicate", Severity.ERROR,
                                f"“三公”经费类别「{kind.label}」出现了 {n} 次，每类只能填一行", "three_public.items"))
    return out


def _procurement(dy: DepartmentYear) -> list[Finding]:
    p = dy.procurement
    out = []
    if any(v is not None for v in (p.goods, p.works, p.services)):
        out += _sum_check(
            "model.procurement-sum",
            "procurement.actual",
            "政府采购实际金额",
            p.actual,
            [("货物", p.goods), ("工程", p.works), ("服务", p.services)],
        )
    if _above(p.sme, p.actual, TOLERANCE_PER_TERM):
        out.append(_finding("model.sme-exceeds", Severity.ERROR,
                            f"授予中小企业合同金额 {money(p.sme)} 万元大于政府采购实际金额 {money(p.actual)} 万元",
                            "procurement.sme"))
    if _above(p.small_micro, p.sme, TOLERANCE_PER_TERM):
        out.append(_finding("model.small-micro-exceeds", Severity.ERROR,
                            f"授予小微企业合同金额 {money(p.small_micro)} 万元大于授予中小企业合同金额 {money(p.sme)} 万元",
                            "procurement.small_micro"))
    return out


def _assets(dy: DepartmentYear) -> list[Finding]:
    a = dy.assets
    out = []
    if a.fixed_assets:
        out += _sum_check(
            "model.fixed-assets-sum",
            "assets.fixed_total",
            "固定资产合计",
            a.fixed_total,
            [(c.name, c.amount) for c in a.fixed_assets],
        )
        out += _sum_check(
            "model.fixed-in-use-sum",
            "assets.fixed_in_use",
            "在用固定资产合计",
            a.fixed_in_use,
            [(c.name, c.in_use) for c in a.fixed_assets],
        )
    for i, c in enumerate(a.fixed_assets):
        if _above(c.in_use, c.amount, TOLERANCE_PER_TERM):
            out.append(_finding("model.in-use-exceeds", Severity.ERROR,
                                f"固定资产「{c.name}」在用金额 {money(c.in_use)} 万元大于其原值 {money(c.amount)} 万元",
                                f"assets.fixed_assets[{i}].in_use"))
    if _above(a.fixed_in_use, a.fixed_total):
        out.append(_finding("model.in-use-exceeds", Severity.ERROR,
                            f"在用固定资产 {money(a.fixed_in_use)} 万元大于固定资产合计 {money(a.fixed_total)} 万元",
                            "assets.fixed_in_use"))
    return out


def _surveys(dy: DepartmentYear) -> list[Finding]:
    out = []
    for i, g in enumerate(dy.surveys):
        if _above(g.satisfied, g.responses):
            out.append(_finding("model.survey-count", Severity.ERROR,
                                f"满意度调查「{g.name}」满意人数 {g.satisfied} 大于有效问卷数 {g.responses}",
                                f"surveys[{i}].satisfied"))
        if g.responses is None and g.satisfied is None and g.rate is None:
            out.append(_finding("model.survey-empty", Severity.WARNING,
                                f"满意度调查「{g.name}」既没有问卷数也没有满意度", f"surveys[{i}]"))
    return out


def _duplicates(dy: DepartmentYear) -> list[Finding]:
    out = []
    checks: list[tuple[str, str, list[str]]] = [
        ("manual_scores", "人工评分指标", [m.indicator for m in dy.manual_scores]),
        ("management", "管理评价事项", [m.key for m in dy.management]),
        ("incidents", "扣分事项", [m.kind for m in dy.incidents]),
        ("surveys", "满意度调查对象", [m.name for m in dy.surveys]),
        ("key_tasks", "重点任务", [m.name for m in dy.key_tasks]),
    ]
    for path, label, keys in checks:
        for key, n in Counter(keys).items():
            if n > 1:
                out.append(_finding("model.duplicate", Severity.ERROR, f"{label}「{key}」重复出现 {n} 次，只能填写一次", path))
    return out


CHECKS: tuple[Callable[[DepartmentYear], list[Finding]], ...] = (
    _budget,
    _revenue,
    _expenditure,
    _three_public,
    _procurement,
    _assets,
    _surveys,
    _duplicates,
)


def check_invariants(dy: DepartmentYear) -> list[Finding]:
    """Run every invariant check; return all findings."""
    return [f for check in CHECKS for f in check(dy)]
