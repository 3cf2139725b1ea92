"""Map an audited report's figures onto :class:`jixiao.model.DepartmentYear`.

Only where the text is unambiguous: a field is filled from a figure whose label
names it (e.g. "年初预算为318.31万元" -> budget.initial). When the report states a
field twice with different values, the field stays empty and a finding says so.
Everything else stays None, as the model expects for unknown data.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jixiao.audit.context import Context
from jixiao.audit.documents import Document
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import eligible, role
from jixiao.findings import Finding, Location, Severity
from jixiao.model.department import THREE_PUBLIC_LABELS, DepartmentYear
from jixiao.model.load import parse_department
from jixiao.model.validate import InvalidData

Pred = Callable[[Figure], bool]


def _has(*words: str, without: tuple[str, ...] = ()) -> Callable[[str], bool]:
    return lambda label: any(w in label for w in words) and not any(w in label for w in without)


def _money(test: Callable[[str], bool], want: str | None = None) -> Pred:
    return lambda f: f.kind == "money" and test(f.label) and (want is None or role(f.label) == want)


def _person(test: Callable[[str], bool]) -> Pred:
    return lambda f: f.kind == "person" and test(f.label)


_OTHER = ("占", "比上年", "较上年", "上年", "去年", "人均", "其中", "含")
_3P = {
    "outbound": ("因公出国",),
    "vehicle": ("公务用车购置及运行", "公务用车购置和运行"),
    "reception": ("公务接待",),
}

FIELDS: list[tuple[str, Pred]] = [
    ("staffing.authorized", _person(_has("编制数", "编制人数", "总编制", "核定编制", without=("其中", "工勤", "事业编制", "行政编制人员")))),
    ("staffing.actual", _person(_has("实有在职", "实有人数", "在职人员", "在编人员", without=("编制数",)))),
    ("budget.initial", _money(_has("年初预算", without=(*_OTHER, "采购", "三公", "公用"))),),
    ("budget.final", _money(_has("调整后预算", "全年预算数", "调整预算为", "年度调整预算", without=_OTHER))),
    ("expenditure.total", _money(_has("总支出", "支出合计", "本年支出数", "实际总支出", "整体支出", without=(*_OTHER, "预算")), "actual")),
    ("expenditure.basic", _money(_has("基本支出", without=_OTHER))),
    ("expenditure.project", _money(_has("项目支出", without=_OTHER))),
    ("expenditure.personnel", _money(_has("人员经费", without=(*_OTHER, "预算")))),
    ("carryover.amount", _money(_has("结转结余", "结余结转", without=(*_OTHER, "年初", "上年结转", "支出")))),
    ("procurement.actual", _money(_has("实际采购", "政府采购支出总额", "采购合同金额共计", without=_OTHER))),
    ("procurement.budget", _money(_has("采购预算", "预算采购", without=_OTHER))),
    ("procurement.sme", _money(_has("中小企业", without=("小微", "占")))),
    ("procurement.small_micro", _money(_has("小微企业", without=("占",)))),
    ("assets.total", _money(_has("资产总计", "资产总额", without=_OTHER))),
]


def _title(ctx: Context) -> tuple[str | None, int | None]:
    """Unit name and year from the cover ("评价年度：2023 年", "评价单位：…") or the title lines."""
    name: str | None = None
    year: int | None = None
    for para in ctx.paras[:20]:
        t = re.sub(r"\s+", "", para.text)
        m = re.match(r"(?:评价单位|单位名称|部门名称|部门（单位）名称)[:：](.{2,40})", t)
        if m and "公章" not in m.group(1):
            name = name or m.group(1)
        m = re.match(r"评价年度[:：](20\d{2})", t)
        if m:
            year = year or int(m.group(1))
    for i, para in enumerate(ctx.paras[:10]):
        t = re.sub(r"\s+", "", para.text)
        m = re.search(r"(20\d{2})年度?", t)
        if len(t) > 60 or not m or not re.search("部门|绩效|报告", t):
            continue
        year = year or int(m.group(1))
        before = t[: m.start()]
        if not before:
            before = re.split(r"部门整体|整体支出|部门支出", t[m.end() :])[0] if re.search("部门整体|整体支出", t) else ""
        if not before and i > 0 and len(ctx.paras[i - 1].text) <= 40:
            before = re.sub(r"\s+", "", ctx.paras[i - 1].text)
        name = name or before or None
        break
    return name, year


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    keys = path.split(".")
    for k in keys[:-1]:
        data = data.setdefault(k, {})
    data[keys[-1]] = value


def map_to_model(ctx: Context) -> tuple[DepartmentYear | None, list[Finding]]:
    findings: list[Finding] = []
    name, year = _title(ctx)
    file = ctx.document.path
    if year is None:
        return None, [Finding("audit.mapping", Severity.INFO, "报告中未找到评价年度，无法生成部门年度数据", Location(file=file))]
    data: dict[str, Any] = {"profile": {"name": name or "（报告未写明单位名称）", "year": year}}
    figs = [(p, f) for p in ctx.paras for f in p.figures if eligible(f) and p.block.kind != "table"]
    for path, pred in FIELDS:
        values = {f.wan if f.kind == "money" else f.value: (p, f) for p, f in figs if pred(f)}
        if len(values) == 1:
            (value,) = values
            _set(data, path, int(value) if path.startswith("staffing") else value)
        elif len(values) > 1:
            shown = "、".join(f"{f.text()}（{p.block.location(f.start)}）" for p, f in values.values())
            findings.append(Finding("audit.mapping", Severity.INFO, f"字段 {path} 在报告中有不同数值：{shown}，未填入", Location(file=file, path=path)))
    pairs = _pairs(ctx)
    items = [{"kind": k, **v} for k, v in pairs.items() if k in _3P]
    tabled = _three_public_table(ctx)
    if tabled:
        data["three_public"] = tabled
    elif items:
        data.setdefault("three_public", {})["items"] = items
    if "三公" in pairs and not tabled:
        data.setdefault("three_public", {}).update(budget_total=pairs["三公"]["budget"], actual_total=pairs["三公"]["actual"])
    if "three_public" in data:
        note = _scope_note(ctx)
        if note:
            data["three_public"]["scope_note"] = note
        last = _three_public_last_year(ctx, data["three_public"].get("actual_total"))
        if last is not None:
            data["three_public"]["last_year_actual_total"] = last
    tasks = _key_tasks(ctx)
    if tasks:
        data["key_tasks"] = tasks
    if "公用经费" in pairs:
        data["public_funds"] = pairs["公用经费"]
    try:
        return parse_department(data), findings
    except InvalidData as exc:
        findings.append(Finding("audit.mapping", Severity.INFO, f"提取的数据不符合部门年度数据模型：{exc.error_count()} 处", Location(file=file)))
        return None, findings


def _pairs(ctx: Context) -> dict[str, dict[str, Decimal]]:
    """“三公” categories, 三公 total and 公用经费 stated as a budget/actual pair in one clause group."""
    groups = {**_3P, "三公": ("三公",), "公用经费": ("公用经费",)}
    found: dict[str, dict[str, Decimal]] = {}
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            money = [f for f in para.figures_in(si) if f.kind == "money" and eligible(f) and f.depth == 0]
            for a, b in itertools.pairwise(money):
                if "；" in para.text[a.end : b.start]:
                    continue
                kind = next((k for k, words in groups.items() if any(w in a.label for w in words)), None)
                roles = (role(a.label), role(b.label))
                if kind is None or kind in found or "actual" not in roles or roles[0] == roles[1]:
                    continue
                actual, budget = (a, b) if roles[0] == "actual" else (b, a)
                found[kind] = {"budget": budget.wan, "actual": actual.wan}
    return found


_KINDS = sorted(((label, kind.value) for kind, label in THREE_PUBLIC_LABELS.items()), key=lambda x: -len(x[0]))
_KIND_WORDS = (("公务用车购置及运行", "vehicle"), ("因公出国", "outbound"), ("公务用车购置", "vehicle_purchase"),
               ("公务用车运行", "vehicle_operation"), ("外事接待", "foreign_reception"), ("公务接待", "reception"))


def _kind_of(label: str) -> str | None:
    return next((kind for word, kind in _KIND_WORDS if word in label), None)


def _three_public_table(ctx: Context) -> dict[str, Any]:
    """“三公” items from a table whose rows are the categories and whose columns are 预算数 and 实际支出:
    an item marked 未纳入（预算口径） is outside the budget's scope; 合计（预算口径内） gives the budget
    total, the plain or including 合计 the spending total."""
    for sec in ctx.sections:
        bcol = sec.column("budget_final") or sec.column("budget_initial")
        acol = sec.column("actual")
        if bcol is None or acol is None:
            continue
        items: list[dict[str, Any]] = []
        out: dict[str, Any] = {}
        for row in sec.rows:
            label = row.cells[0].text if row.cells else row.label
            b, a = sec.value(row, bcol), sec.value(row, acol)
            if "合计" in label or "总计" in label:
                if "口径内" in label and b is not None:
                    out["budget_total"] = b.value
                if a is not None and "口径内" not in label:
                    out["actual_total"] = a.value
                continue
            kind = _kind_of(label)
            if kind is None:
                continue
            item: dict[str, Any] = {"kind": kind}
            if b is not None:
                item["budget"] = b.value
            if a is not None:
                item["actual"] = a.value
            if "未纳入" in label:
                item["in_budget_scope"] = False
            items.append(item)
        if len(items) >= 2:
            out["items"] = items
            return out
    return {}


def _scope_note(ctx: Context) -> str | None:
    """The sentence that says which “三公” spending the budget covers ("…未纳入")."""
    for para in ctx.paras:
        for i in range(len(para.sentences)):
            sent = para.sentence_text(i)
            if "三公" in sent and "未纳入" in sent and "预算数" in sent and len(sent) < 120:
                return sent
    return None


def _three_public_last_year(ctx: Context, actual: Decimal | None) -> Decimal | None:
    """“三公”经费实际支出X万元，与上年相比减少A万元 → last year's spending X ± A."""
    if actual is None:
        return None
    for para in ctx.paras:
        for f in para.figures:
            if f.kind != "money" or f.wan != actual or "三公" not in f.label:
                continue
            after = [g for g in para.figures_in(para.sentence_of(f.start)) if g.start > f.start]
            change = next((g for g in after[:2] if g.kind == "money" and g.change
                           and re.search("上年|去年|同比", para.text[f.end:g.start])), None)
            if change is not None:
                return actual + change.wan if change.change == "-" else actual - change.wan
    return None


def _key_tasks(ctx: Context) -> list[dict[str, Any]]:
    """Key tasks from a table of tasks (重点工作任务 | 分值 | 完成程度 | 未完成原因或说明); a name keeps its commas."""
    for sec in ctx.sections:
        name = next((c for c in sec.columns if c.role == "name" and "任务" in c.header), None)
        done = sec.column("completion")
        if name is None or done is None:
            continue
        weight, reason = sec.column("weight"), sec.column("reason")
        tasks: list[dict[str, Any]] = []
        for row in sec.rows:
            text = row.cells[name.index].text.strip()
            if not text:
                continue
            task: dict[str, Any] = {"name": text}
            c = sec.value(row, done)
            if c is not None:
                task["completion"] = c.value if c.unit == "%" or c.value > 1 else c.value * 100
            w = sec.value(row, weight) if weight is not None else None
            if w is not None:
                task["weight"] = w.value
            if reason is not None and row.cells[reason.index].text.strip():
                task["note"] = row.cells[reason.index].text.strip()
            tasks.append(task)
        if tasks:
            return tasks
    return []


def extract_model(document: Document) -> tuple[DepartmentYear | None, list[Finding]]:
    """The department-year a report states, as far as its text makes it clear."""
    return map_to_model(Context.build(document))
