"""Consistency rules over a 决算: every relation checked is recorded, consistent or not.

Each rule is a pure function from :class:`~jixiao.final.model.FinalAccounts` to :class:`Check` records.
A check names the stated figure's place (table, row, column, cell) or quotes the 情况说明 sentence, the
figures it is computed from, the recomputed value at the stated precision (half up) and, when it does not
hold, a severity: 错误 where the arithmetic leaves no doubt, 提示 where the difference is one unit of the
last place (a rounding plug, 尾差) or a rate cut off instead of rounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.final.catalog import catalog
from jixiao.final.model import CLASS, ITEM, SECTION, Amount, FinalAccounts, FinalTable, Line, plain_label

ERROR, HINT = "错误", "提示"
ZERO = Decimal(0)


@dataclass(frozen=True)
class Check:
    rule: str
    relation: str  # sum | same | rate | share | yoy | budget | required
    stated: str  # the stated figure as printed
    expected: str  # recomputed at the stated precision
    ok: bool
    severity: str | None
    table: str = ""  # table title of the stated figure ("" for prose)
    row: str = ""
    column: str = ""
    where: str = ""  # cell or page
    quote: str = ""  # the 情况说明 sentence, for prose checks
    operands: tuple[str, ...] = ()
    explanation: str = ""


def fmt(value: Decimal, places: int) -> str:
    q = Decimal(1).scaleb(-places)
    return f"{value.quantize(q, rounding=ROUND_HALF_UP):,.{places}f}"


def unit_of(a: Amount) -> Decimal:
    """One unit of the stated figure's last place, in 万元."""
    return Decimal(1).scaleb(-a.places)


def compare(rule: str, relation: str, stated: Amount, expected: Decimal, operands: list[Amount], what: str) -> Check:
    """A stated table figure against its recomputation; one unit of the last place is a rounding plug."""
    diff = stated.value - expected
    unit = unit_of(stated)
    shown_expected = _in_unit(expected, stated)
    ok = diff == 0
    severity = None
    explanation = ""
    if not ok:
        plug = abs(diff) <= unit and stated.unit == "万元"
        severity = HINT if plug else ERROR
        gap = _in_unit(abs(diff), stated)
        if relation == "same" and operands:
            other = operands[0]
            explanation = (f"{what}：{stated.source.table}表列 {stated.text}，{other.source.table}「{other.source.row}」"
                           f"表列 {other.text}，相差 {gap}{stated.unit}")
        else:
            explanation = f"{what}：表列 {stated.text}，按{_list(operands)}计算应为 {shown_expected}，相差 {gap}{stated.unit}"
        if plug:
            explanation += "；差额为末位一个单位，可能是各项四舍五入后的尾差调整，请核对原始数据"
    return Check(rule, relation, stated.text, shown_expected, ok, severity, stated.source.table, stated.source.row,
                 stated.source.column, stated.source.cell, "", tuple(a.text for a in operands), explanation)


def _in_unit(value: Decimal, like: Amount) -> str:
    v = value * 10000 if like.unit == "元" else value
    places = like.places - (4 if like.unit == "元" else 0)
    return fmt(v, max(places, 0))


def _list(amounts: list[Amount]) -> str:
    if not amounts:
        return "各项"
    same_row = len({a.source.row for a in amounts}) == 1 and len(amounts) > 1
    names = [f"「{a.source.column if same_row else a.source.row}」{a.text}" for a in amounts[:4]]
    return "、".join(names) + ("等" if len(amounts) > 4 else "")


def total(amounts: Iterable[Amount]) -> Decimal:
    return sum((a.value for a in amounts), ZERO)


# -- within tables ------------------------------------------------------------------------------------

_ROW_SUMS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "income": (("total_income", ("fiscal", "upper_grant", "business", "operating_income", "affiliated", "other_income")),),
    "expenditure": (("total_expenditure", ("basic", "project", "to_upper", "operating_expenditure", "to_affiliated")),),
    "gpb_expenditure": (("total", ("basic", "project")),),
    "gpb_project": (("total", ("basic", "project")),),
    "fiscal_econ": (("total", ("basic", "project")),),
    "gpb_econ": (("total", ("basic", "project")),),
    "gov_fund": (("expenditure", ("basic", "project")),),
    "state_capital": (("expenditure", ("basic", "project")),),
}


def table_sums(fa: FinalAccounts) -> list[Check]:
    """合计 against its 类 rows, each 类 against its 款, each 款 against its 项, and row totals."""
    out: list[Check] = []
    for t in fa.tables.values():
        if catalog().kinds[t.kind].shape != "classified":
            continue
        coded = t.coded()
        columns = {k for ln in t.lines for k in ln.values}
        tot = t.total_line()
        for key in sorted(columns):
            if tot is not None and tot.get(key) is not None:
                top = min((len(ln.code) for ln in coded if ln.level), default=3)  # the highest level present
                parts = [ln.values[key] for ln in coded if len(ln.code) == top and key in ln.values]
                if parts or coded:
                    out.append(compare("final_table_sum", "sum", tot.values[key], total(parts), parts,
                                       f"{t.title}「合计」{_col(tot.values[key])}应等于各类之和"))
            for parent, child_level in ((CLASS, SECTION), (SECTION, ITEM)):
                for ln in coded:
                    if ln.level != parent or key not in ln.values:
                        continue
                    kids = [c for c in coded if c.level == child_level and c.code.startswith(ln.code)]
                    if not kids:
                        continue
                    parts = [c.values[key] for c in kids if key in c.values]
                    out.append(compare("final_table_sum", "sum", ln.values[key], total(parts), parts,
                                       f"{t.title}「{ln.code} {ln.label}」（{parent}）{_col(ln.values[key])}应等于其下各{child_level}之和"))
        for head, parts_keys in _ROW_SUMS.get(t.kind, ()):
            for ln in t.lines:
                stated = ln.get(head)
                if stated is None:
                    continue
                parts = [ln.values[k] for k in parts_keys if k in ln.values]
                if not parts:
                    continue
                out.append(compare("final_table_sum", "sum", stated, total(parts), parts,
                                   f"{t.title}「{ln.label}」行{_col(stated)}应等于同行各列之和"))
    return out


def _col(a: Amount) -> str:
    return f"「{a.source.column}」" if a.source.column else ""


def _line(t: FinalTable | None, label: str, side: str = "") -> Line | None:
    return t.find(label, side) if t is not None else None


def _val(t: FinalTable | None, label: str, key: str, side: str = "") -> Amount | None:
    ln = _line(t, label, side)
    return ln.get(key) if ln is not None else None


_INCOME_LINES = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
                 "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "财政拨款收入")
_FISCAL_INCOME = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_BALANCE_WORDS = ("本年收入合计", "本年支出合计", "使用非财政拨款结余", "结余分配", "年初结转和结余", "年末结转和结余",
                  "年初财政拨款结转和结余", "年末财政拨款结转和结余", "总计", "使用专用结余", "提取专用基金")


def summary_totals(fa: FinalAccounts) -> list[Check]:
    """收入支出决算总表 and 财政拨款收入支出决算总表: 本年合计 against the lines, 总计 against 合计 plus balances."""
    out: list[Check] = []
    for kind, income_lines in (("summary", _INCOME_LINES), ("fiscal_summary", _FISCAL_INCOME)):
        t = fa.table(kind)
        if t is None:
            continue
        keys = sorted({k for ln in t.lines if ln.side == "支出" for k in ln.values}) or ["actual"]
        inc_key = "actual"
        inc_total = _val(t, "本年收入合计", inc_key, "收入")
        if inc_total is not None:
            seen: set[str] = set()
            parts = []
            for ln in t.lines:
                name = plain_label(ln.label)
                if ln.side == "收入" and name in income_lines and name not in seen and inc_key in ln.values:
                    seen.add(name)
                    parts.append(ln.values[inc_key])
                if ln.side == "收入" and name == "本年收入合计":
                    break
            out.append(compare("final_totals", "sum", inc_total, total(parts), parts, f"{t.title}「本年收入合计」应等于各项收入之和"))
        for key in keys:
            exp_total = _val(t, "本年支出合计", key, "支出")
            if exp_total is None:
                continue
            parts = [ln.values[key] for ln in t.lines if ln.side == "支出" and key in ln.values
                     and plain_label(ln.label) not in _BALANCE_WORDS and plain_label(ln.label).endswith("支出")]
            out.append(compare("final_totals", "sum", exp_total, total(parts), parts, f"{t.title}「本年支出合计」{_col(exp_total)}应等于各类支出之和"))
        # 总计 = 本年合计 + balances, on each side
        for side, head, extra in (("收入", "本年收入合计", ("使用非财政拨款结余", "年初结转和结余", "年初财政拨款结转和结余")),
                                  ("支出", "本年支出合计", ("结余分配", "年末结转和结余", "年末财政拨款结转和结余"))):
            for key in ([inc_key] if side == "收入" else keys):
                grand = _val(t, "总计", key, side)
                base = _val(t, head, key, side)
                if grand is None or base is None:
                    continue
                parts = [base] + [a for a in (_val(t, w, key, side) for w in extra) if a is not None]
                out.append(compare("final_totals", "sum", grand, total(parts), parts, f"{t.title}{side}方「总计」应等于{head}加结转结余"))
        # fiscal_summary: 支出 per row, 合计 = three fund columns
        if kind == "fiscal_summary":
            for ln in t.lines:
                tot = ln.get("total")
                parts = [ln.values[k] for k in ("gpb", "gov_fund", "state_capital") if k in ln.values]
                if ln.side == "支出" and tot is not None and parts:
                    out.append(compare("final_totals", "sum", tot, total(parts), parts, f"{t.title}「{ln.label}」行「合计」应等于三类财政拨款之和"))
        gi, ge = _val(t, "总计", inc_key, "收入"), _val(t, "总计", "total" if kind == "fiscal_summary" else "actual", "支出")
        if gi is not None and ge is not None:
            out.append(compare("final_totals", "same", ge, gi.value, [gi], f"{t.title}收入总计与支出总计应相等"))
    return out


# -- across tables ------------------------------------------------------------------------------------

def _pairs(fa: FinalAccounts) -> Iterable[tuple[Amount | None, Amount | None, str]]:
    s, inc, exp = fa.table("summary"), fa.table("income"), fa.table("expenditure")
    fs, gpb, basic, gf = fa.table("fiscal_summary"), fa.table("gpb_expenditure"), fa.table("gpb_basic"), fa.table("gov_fund")

    def tot(t: FinalTable | None, key: str) -> Amount | None:
        ln = t.total_line() if t is not None else None
        return ln.get(key) if ln is not None else None

    yield tot(inc, "total_income"), _val(s, "本年收入合计", "actual", "收入"), "收入决算表合计与收入支出决算总表本年收入合计"
    yield tot(exp, "total_expenditure"), _val(s, "本年支出合计", "actual", "支出"), "支出决算表合计与收入支出决算总表本年支出合计"
    yield tot(inc, "fiscal"), _fiscal_income(s), "收入决算表财政拨款收入与收入支出决算总表财政拨款收入"
    yield _val(fs, "一般公共预算财政拨款", "actual", "收入"), _val(s, "一般公共预算财政拨款收入", "actual", "收入"), "财政拨款总表与收入支出总表的一般公共预算财政拨款收入"
    yield _val(fs, "政府性基金预算财政拨款", "actual", "收入"), _val(s, "政府性基金预算财政拨款收入", "actual", "收入"), "财政拨款总表与收入支出总表的政府性基金预算财政拨款收入"
    yield tot(gpb, "total"), _val(fs, "本年支出合计", "gpb", "支出"), "一般公共预算财政拨款支出决算表合计与财政拨款总表一般公共预算支出"
    yield tot(gpb, "basic"), _sum_basic(basic), "一般公共预算财政拨款支出决算表基本支出与基本支出决算表人员经费、公用经费合计"
    yield tot(gf, "expenditure"), _val(fs, "本年支出合计", "gov_fund", "支出"), "政府性基金表本年支出与财政拨款总表政府性基金支出"
    # each 类 in the summaries against the detail tables
    for ln in exp.coded() if exp is not None else []:
        if ln.level == CLASS:
            yield ln.get("total_expenditure"), _val(s, ln.label, "actual", "支出"), f"支出决算表与收入支出决算总表的「{ln.label}」"
    for ln in gpb.coded() if gpb is not None else []:
        if ln.level == CLASS:
            yield ln.get("total"), _val(fs, ln.label, "gpb", "支出"), f"一般公共预算财政拨款支出决算表与财政拨款总表的「{ln.label}」"
    yield from _economic_pairs(fa)
    # every 项 of the 一般公共预算 table against the 支出决算表 where it is all 财政拨款
    if gpb is not None and exp is not None and inc is not None:
        all_income, fiscal_income = tot(inc, "total_income"), tot(inc, "fiscal")
        inc_all_fiscal = (all_income is not None and fiscal_income is not None and all_income.value == fiscal_income.value
                          and fa.table("gov_fund") is not None and not _has_values(fa.table("gov_fund")))
        if inc_all_fiscal:
            for key, okey in (("total", "total_expenditure"), ("basic", "basic"), ("project", "project")):
                yield tot(gpb, key), tot(exp, okey), "一般公共预算财政拨款支出决算表与支出决算表的「合计」"
            for ln in gpb.coded():
                other = next((e for e in exp.coded() if e.code == ln.code), None)
                for key, okey in (("total", "total_expenditure"), ("basic", "basic"), ("project", "project")):
                    yield ln.get(key), other.get(okey) if other else None, f"一般公共预算财政拨款支出决算表与支出决算表的「{ln.code} {ln.label}」"


def _economic_pairs(fa: FinalAccounts) -> Iterable[tuple[Amount | None, Amount | None, str]]:
    """Sichuan's 经济分类 明细表 against the 功能分类 tables, each other and the 基本支出 table; the 项目支出 table."""
    fs, gpb, basic = fa.table("fiscal_summary"), fa.table("gpb_expenditure"), fa.table("gpb_basic")
    fe, ge, proj = fa.table("fiscal_econ"), fa.table("gpb_econ"), fa.table("gpb_project")

    def tot(t: FinalTable | None, key: str) -> Amount | None:
        ln = t.total_line() if t is not None else None
        return ln.get(key) if ln is not None else None

    def classes(t: FinalTable | None) -> dict[str, Line]:
        return {ln.code: ln for ln in t.coded() if ln.level == CLASS} if t is not None else {}

    for key in ("total", "basic", "project"):
        yield tot(ge, key), tot(gpb, key), "一般公共预算财政拨款支出决算明细表（经济分类）与支出决算表（功能分类）的「合计」"
    yield tot(fe, "total"), _val(fs, "本年支出合计", "total", "支出"), "财政拨款支出决算明细表合计与财政拨款总表本年支出合计"
    other_funds = [_val(fs, "本年支出合计", k, "支出") for k in ("gov_fund", "state_capital")]
    if fe is not None and ge is not None and all(a is None or a.value == 0 for a in other_funds):
        for key in ("total", "basic", "project"):
            yield tot(fe, key), tot(ge, key), "财政拨款支出决算明细表与一般公共预算财政拨款支出决算明细表的「合计」（无其他财政拨款）"
        gclasses = classes(ge)
        for code, ln in classes(fe).items():
            for key in ("total", "basic", "project"):
                other = gclasses.get(code)
                yield ln.get(key), other.get(key) if other else None, f"两张经济分类明细表的「{code} {ln.label}」"
    if basic is not None and ge is not None:
        gclasses = classes(ge)
        for ln in basic.lines:
            if len(ln.code) == 3 and ln.code in gclasses:
                yield ln.get("actual"), gclasses[ln.code].get("basic"), f"基本支出决算表与经济分类明细表基本支出的「{ln.code} {ln.label}」"
    if proj is not None and gpb is not None:
        pkey = next((k for k in ("total", "expenditure", "project") if tot(proj, k) is not None), "total")
        yield tot(proj, pkey), tot(gpb, "project"), "项目支出决算表合计与一般公共预算财政拨款支出决算表项目支出"
        gclasses = classes(gpb)
        for code, ln in classes(proj).items():
            other = gclasses.get(code)
            yield ln.get(pkey), other.get("project") if other else None, f"项目支出决算表与一般公共预算财政拨款支出决算表项目支出的「{code} {ln.label}」"


def _has_values(t: FinalTable | None) -> bool:
    return t is not None and any(a.value != 0 for ln in t.lines for a in ln.values.values())


def _fiscal_income(s: FinalTable | None) -> Amount | None:
    if s is None:
        return None
    amounts = [a for a in (_val(s, w + "收入", "actual", "收入") for w in _FISCAL_INCOME) if a is not None]
    if not amounts:
        return None
    first = amounts[0]
    return Amount(total(amounts), fmt(total(amounts), first.places), first.unit, first.source) if len(amounts) > 1 else first


def _sum_basic(basic: FinalTable | None) -> Amount | None:
    if basic is None:
        return None
    parts = [a for a in (_val(basic, "人员经费合计", "actual"), _val(basic, "公用经费合计", "actual")) if a is not None]
    if len(parts) != 2:
        return None
    return Amount(total(parts), fmt(total(parts), parts[0].places), parts[0].unit, parts[0].source)


def cross_table(fa: FinalAccounts) -> list[Check]:
    """The same figure in every table where it appears."""
    out: list[Check] = []
    for stated, other, what in _pairs(fa):
        if stated is None or other is None:
            continue
        out.append(compare("final_cross_table", "same", stated, other.value, [other], what + "应一致"))
    return out


# -- 基本支出 detail ----------------------------------------------------------------------------------

def basic_detail(fa: FinalAccounts) -> list[Check]:
    """经济分类: each 类 against its 款; 人员经费 = 301 + 303; 公用经费 = 302 + 310 (+ 307, 309, 399)."""
    t = fa.table("gpb_basic")
    if t is None:
        return []
    out: list[Check] = []
    coded = [ln for ln in t.lines if ln.code]
    for ln in coded:
        a = ln.get("actual")
        if len(ln.code) != 3 or a is None:
            continue
        kids = [c.values["actual"] for c in coded if len(c.code) == 5 and c.code.startswith(ln.code) and "actual" in c.values]
        if kids or any(len(c.code) == 5 and c.code.startswith(ln.code) for c in coded):
            out.append(compare("final_basic_detail", "sum", a, total(kids), kids, f"{t.title}「{ln.code} {ln.label}」应等于其下各款之和"))
    for label, classes in (("人员经费合计", ("301", "303")), ("公用经费合计", ("302", "307", "309", "310", "399"))):
        stated = _val(t, label, "actual")
        if stated is None:
            continue
        parts = [ln.values["actual"] for ln in coded if ln.code in classes and "actual" in ln.values]
        out.append(compare("final_basic_detail", "sum", stated, total(parts), parts, f"{t.title}「{label}」应等于{'、'.join(classes[:2])}等类之和"))
    return out


# -- “三公” ------------------------------------------------------------------------------------------

def three_public(fa: FinalAccounts) -> list[Check]:
    """合计 = 因公出国 + 公务用车 + 公务接待; 小计 = 购置 + 运行维护; 决算数 above 预算数 is a 提示."""
    t = fa.table("three_public")
    if t is None:
        return []
    out: list[Check] = []
    for ln in t.lines:
        v = ln.values
        for role in ("budget", "actual", "last_actual"):
            tot = v.get(f"total.{role}")
            parts = [v[f"{g}.{role}"] for g in ("outbound", "vehicle", "reception") if f"{g}.{role}" in v]
            if tot is not None and parts:
                out.append(compare("final_three_public", "sum", tot, total(parts), parts, f"{t.title}合计（{_ROLE[role]}）应等于三项之和"))
            sub = v.get(f"vehicle.{role}")
            parts = [v[f"{g}.{role}"] for g in ("vehicle_purchase", "vehicle_operation") if f"{g}.{role}" in v]
            if sub is not None and parts:
                out.append(compare("final_three_public", "sum", sub, total(parts), parts, f"{t.title}公务用车小计（{_ROLE[role]}）应等于购置费与运行维护费之和"))
        for g in ("total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"):
            b, a = v.get(f"{g}.budget"), v.get(f"{g}.actual")
            if b is None or a is None:
                continue
            ok = a.value <= b.value
            out.append(Check("final_three_public", "budget", a.text, f"≤{b.text}", ok, None if ok else HINT, t.title,
                             a.source.row, a.source.column, a.source.cell, "", (b.text,),
                             "" if ok else f"“三公”经费{_GROUP[g]}决算数 {a.text} 超过预算数 {b.text}，请说明超支原因"))
    return out


_ROLE = {"budget": "预算数", "actual": "决算数", "last_actual": "上年决算数"}
_GROUP = {"total": "合计", "outbound": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费",
          "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费"}


# -- required tables ------------------------------------------------------------------------------------

def required_tables(fa: FinalAccounts) -> list[Check]:
    """Every table the template family requires is present (an empty one with its 无数据 note counts)."""
    cat = catalog()
    family = next(f for f in cat.families if f.id == fa.family)
    out: list[Check] = []
    listed = " ".join(fa.contents)
    for kind in family.required:
        present = kind in fa.tables
        name = cat.kinds[kind].name
        in_contents = any(t.replace("“", "").replace("”", "") in listed.replace("“", "").replace("”", "") for t in cat.kinds[kind].titles)
        severity = None if present else (ERROR if in_contents else HINT)
        why = "" if present else (f"目录列有「{name}」，但文件中找不到该表" if in_contents
                                  else f"{family.name}应公开「{name}」，文件中找不到该表（无数据时也应保留空表并说明）")
        out.append(Check("final_required_tables", "required", name, "应有", present, severity, name, "", "", "", "", (), why))
    return out


Rule = Callable[[FinalAccounts], list[Check]]

STRUCTURE_RULES: dict[str, Rule] = {
    "final_table_sum": table_sums,
    "final_totals": summary_totals,
    "final_cross_table": cross_table,
    "final_basic_detail": basic_detail,
    "final_three_public": three_public,
    "final_required_tables": required_tables,
}

__all__ = ["ERROR", "HINT", "STRUCTURE_RULES", "Check", "compare", "fmt"]

