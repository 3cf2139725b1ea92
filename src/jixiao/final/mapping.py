"""Map a 决算 onto the department-year: each mapped field keeps the cell it came from.

Only what the 决算 states is mapped; targets, tasks, surveys, the overall budget (年初预算 of all funds)
and everything else stay empty for the department to complete. Where a figure is the sum of several
cells (其他收入 = 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他), every source is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.final.model import Amount, FinalAccounts, FinalTable
from jixiao.findings import Finding, Location, Severity
from jixiao.model import DepartmentYear
from jixiao.model.department import ThreePublicKind
from jixiao.model.load import parse_department


@dataclass(frozen=True)
class Mapped:
    path: str  # model field path, e.g. "expenditure.basic" or "three_public.items[0].actual"
    value: Decimal | str | int
    sources: tuple[str, ...]  # "收入支出决算总表「本年支出合计」行「决算数」列（第4页 表2 第29行第4列）"

    def note(self, document: str) -> str:
        return f"取自部门决算 {document}：" + "；".join(self.sources)


def _side(t: FinalTable | None, label: str, side: str, key: str = "actual") -> Amount | None:
    if t is None:
        return None
    ln = t.find(label, side)
    return ln.get(key) if ln is not None else None


def _total(t: FinalTable | None, key: str) -> Amount | None:
    ln = t.total_line() if t is not None else None
    return ln.get(key) if ln is not None else None


def map_accounts(fa: FinalAccounts) -> list[Mapped]:
    out: list[Mapped] = []

    def put(path: str, *amounts: Amount | None) -> None:
        found = [a for a in amounts if a is not None]
        if found and len(found) == len(amounts):
            out.append(Mapped(path, sum((a.value for a in found), Decimal(0)), tuple(a.source.describe() for a in found)))

    s, inc, exp, basic = fa.table("summary"), fa.table("income"), fa.table("expenditure"), fa.table("gpb_basic")
    if fa.unit_name:
        out.append(Mapped("profile.name", fa.unit_name, ("决算封面标题",)))
    if fa.year:
        out.append(Mapped("profile.year", fa.year, ("决算封面标题",)))
    if fa.unit_name and fa.year:
        out.append(Mapped("finance_source", f"《{fa.unit_name}{fa.year}年度部门决算》", ("决算封面标题",)))
    put("revenue.total", _side(s, "本年收入合计", "收入"))
    fiscal = _total(inc, "fiscal")
    if fiscal is not None:
        put("revenue.fiscal_appropriation", fiscal)
    else:
        parts = [_side(s, w, "收入") for w in ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")]
        put("revenue.fiscal_appropriation", *[p for p in parts if p is not None])
    others = [_side(s, w, "收入") for w in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")]
    put("revenue.other", *[o for o in others if o is not None])
    put("expenditure.total", _side(s, "本年支出合计", "支出"))
    put("expenditure.basic", _total(exp, "basic"))
    put("expenditure.project", _total(exp, "project"))
    put("expenditure.personnel", _side(basic, "人员经费合计", ""))
    put("expenditure.public", _side(basic, "公用经费合计", ""))
    put("budget.carried_over", _side(s, "年初结转和结余", "收入"))
    put("carryover.amount", _side(s, "年末结转和结余", "支出"))
    out.extend(_three_public(fa))
    return out


_KINDS = (("outbound", ThreePublicKind.OUTBOUND), ("vehicle_purchase", ThreePublicKind.VEHICLE_PURCHASE),
          ("vehicle_operation", ThreePublicKind.VEHICLE_OPERATION), ("reception", ThreePublicKind.RECEPTION))


def _three_public(fa: FinalAccounts) -> list[Mapped]:
    t = fa.table("three_public")
    if t is None or not t.lines:
        return []
    v = t.lines[0].values
    out: list[Mapped] = []
    kinds = list(_KINDS)
    if not any(f"{k}.actual" in v or f"{k}.budget" in v for k in ("vehicle_purchase", "vehicle_operation")):
        kinds = [("outbound", ThreePublicKind.OUTBOUND), ("vehicle", ThreePublicKind.VEHICLE), ("reception", ThreePublicKind.RECEPTION)]
    i = 0
    for key, kind in kinds:
        b, a = v.get(f"{key}.budget"), v.get(f"{key}.actual")
        if b is None and a is None:
            continue
        out.append(Mapped(f"three_public.items[{i}].kind", kind.value, ("财政拨款“三公”经费支出决算表",)))
        for role, amount in (("budget", b), ("actual", a)):
            if amount is not None:
                out.append(Mapped(f"three_public.items[{i}].{role}", amount.value, (amount.source.describe(),)))
        i += 1
    for role, path in (("budget", "three_public.budget_total"), ("actual", "three_public.actual_total")):
        amount = v.get(f"total.{role}")
        if amount is not None:
            out.append(Mapped(path, amount.value, (amount.source.describe(),)))
    return out


def _nested(mapped: list[Mapped]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for m in mapped:
        node: Any = root
        parts = m.path.split(".")
        for part in parts[:-1]:
            if "[" in part:
                name, idx = part[:-1].split("[")
                lst = node.setdefault(name, [])
                while len(lst) <= int(idx):
                    lst.append({})
                node = lst[int(idx)]
            else:
                node = node.setdefault(part, {})
        node[parts[-1]] = m.value
    return root


def to_department(fa: FinalAccounts, mapped: list[Mapped]) -> tuple[DepartmentYear | None, list[Finding]]:
    """The department-year the mapped figures make; findings when the 决算 lacks the name or year."""
    data = _nested(mapped)
    profile = data.setdefault("profile", {})
    findings: list[Finding] = []
    if "name" not in profile or "year" not in profile:
        findings.append(Finding("final.profile", Severity.ERROR, "决算封面中找不到单位名称或年度（应有“××单位20××年度部门决算”字样）",
                                Location(file=fa.path)))
        return None, findings
    try:
        return parse_department(data), findings
    except ValueError as exc:
        findings.append(Finding("final.model", Severity.ERROR, f"决算数字无法填入部门数据：{exc}", Location(file=fa.path)))
        return None, findings
