"""Sentence builders: every figure in the report's prose comes from the data or the engine.

Each builder returns a sentence, or ``None`` when the data it needs is absent, so
that a finished report never carries placeholder text. Amounts are 万元 with two
decimals and rates are percentages with two decimals (:mod:`jixiao.textfmt`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.model import DepartmentYear
from jixiao.report.figures import Figures, three_public_totals
from jixiao.textfmt import money, pct
from jixiao.textfmt import score as fs

ZERO = Decimal(0)


def wan(v: Decimal) -> str:
    return f"{money(v)}万元"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99), for 公文 numbering."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


def join_clauses(parts: list[str | None], sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


def change_clause(diff: Decimal | None, rate: Decimal | None, compared: str = "比上年") -> str | None:
    """“比上年增加X万元，增长Y%” / “减少…，下降…” / “与上年持平”; None without last year's figure."""
    if diff is None:
        return None
    if diff == 0:
        return "与上年持平"
    up = diff > 0
    text = f"{compared}{'增加' if up else '减少'}{wan(abs(diff))}"
    if rate is not None:
        text += f"，{'增长' if up else '下降'}{pct(abs(rate))}"
    return text


def yoy(f: Figures, key: str) -> str | None:
    return change_clause(f.get(f"yoy.{key}.diff"), f.get(f"yoy.{key}.rate"))


# --- 收支情况 -----------------------------------------------------------------

def source_sentence(dy: DepartmentYear) -> str | None:
    """Where the figures of 收支情况 come from, when the data says (e.g. read from the published 部门决算)."""
    return f"本部分收支数据取自{dy.finance_source}。" if dy.finance_source else None


def budget_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    b, y = dy.budget, dy.profile.year
    final = b.final_amount()
    out: list[str] = []
    if final is not None:
        parts = [f"{y}年度全年预算数{wan(final)}"]
        sub: list[str] = []
        if b.initial is not None:
            sub.append(f"年初预算{wan(b.initial)}")
        if b.adjustment is not None:
            if b.adjustment > 0:
                sub.append(f"年中追加预算{wan(b.adjustment)}")
            elif b.adjustment < 0:
                sub.append(f"年中调减预算{wan(-b.adjustment)}")
            else:
                sub.append("年中未调整预算")
        if b.carried_over is not None:
            sub.append(f"上年结转{wan(b.carried_over)}")
        text = parts[0] + ("，其中" + "，".join(sub) if sub else "")
        rate = f.get("budget.adjustment_rate")
        if rate is not None and b.adjustment:
            text += f"；预算调整率为{pct(rate)}（年中调整数÷年初预算数）"
        out.append(text + "。")
    elif b.initial is not None:
        text = f"{y}年度年初预算{wan(b.initial)}"
        if b.carried_over is not None:
            text += f"，上年结转{wan(b.carried_over)}"
        out.append(text + "。")
    if final is not None and dy.expenditure.total is not None:
        rate = f.get("budget.execution_rate")
        s = f"全年预算数{wan(final)}，执行数{wan(dy.expenditure.total)}"
        out.append(s + (f"，预算执行率{pct(rate)}。" if rate is not None else "。"))
    return out


def revenue_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    r, y = dy.revenue, dy.profile.year
    if r.total is None:
        return []
    parts: list[str] = []
    if r.fiscal_appropriation is not None:
        parts.append(f"财政拨款收入{wan(r.fiscal_appropriation)}，占{pct(f.get('revenue.fiscal_share'))}")
    if r.other is not None and r.other != 0:
        parts.append(f"其他收入{wan(r.other)}，占{pct(f.get('revenue.other_share'))}")
    text = f"{y}年度本年收入合计{wan(r.total)}"
    if parts:
        text += "，其中：" + "；".join(parts)
    out = [text + "。"]
    changes = [c for c in (_labelled("本年收入合计", yoy(f, "revenue")),
                           _labelled("财政拨款收入", yoy(f, "fiscal"))) if c]
    if changes:
        out.append("；".join(changes) + "。")
    uses = _uses_sentence(dy, f)
    if uses:
        out.append(uses)
    return out


def _labelled(label: str, clause: str | None) -> str | None:
    return None if clause is None else f"{label}{clause}"


def _uses_sentence(dy: DepartmentYear, f: Figures) -> str | None:
    """Sources and uses: only stated when basic + project + carry-over account for every yuan received."""
    e, c = dy.expenditure, dy.carryover.amount
    sources = f.get("uses.sources")
    if sources is None or e.basic is None or e.project is None or c is None:
        return None
    if e.basic + e.project + c != sources:
        return None
    src = "本年收入" if not dy.budget.carried_over else "本年收入与上年结转"
    return (f"从资金使用看，{src}合计{wan(sources)}，其中：基本支出{wan(e.basic)}，占{pct(f.get('uses.basic_share'))}；"
            f"项目支出{wan(e.project)}，占{pct(f.get('uses.project_share'))}；"
            f"年末结转结余{wan(c)}，占{pct(f.get('uses.carryover_share'))}。")


def expenditure_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    e, y = dy.expenditure, dy.profile.year
    if e.total is None:
        return []
    parts: list[str] = []
    if e.basic is not None:
        s = f"基本支出{wan(e.basic)}，占总支出{pct(f.get('expenditure.basic_share'))}"
        inner = []
        if e.personnel is not None:
            inner.append(f"人员经费{wan(e.personnel)}，占基本支出{pct(f.get('expenditure.personnel_share'))}")
        if e.public is not None:
            inner.append(f"公用经费{wan(e.public)}，占基本支出{pct(f.get('expenditure.public_share'))}")
        if inner:
            s += "（" + "；".join(inner) + "）"
        parts.append(s)
    if e.project is not None:
        parts.append(f"项目支出{wan(e.project)}，占总支出{pct(f.get('expenditure.project_share'))}")
    text = f"{y}年度本年支出合计{wan(e.total)}"
    out = [text + ("，其中：" + "；".join(parts) if parts else "") + "。"]
    changes = [c for c in (_labelled("本年支出合计", yoy(f, "expenditure")), _labelled("基本支出", yoy(f, "basic")),
                           _labelled("项目支出", yoy(f, "project"))) if c]
    if changes:
        out.append("；".join(changes) + "。")
    return out


def project_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    out = []
    for i, p in enumerate(dy.expenditure.projects):
        if p.budget is None and p.actual is None:
            continue
        parts = [f"“{p.name}”"]
        if p.budget is not None:
            parts.append(f"预算{wan(p.budget)}")
        if p.actual is not None:
            parts.append(f"实际支出{wan(p.actual)}")
        rate = f.get(f"projects[{i}].rate")
        if rate is not None:
            parts.append(f"执行率{pct(rate)}")
        s = parts[0] + "，".join(parts[1:]) + "。"
        out.append(s + (_sentence(p.note) if p.note else ""))
    return out


def carryover_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    c = dy.carryover.amount
    if c is None:
        return []
    text = f"{dy.profile.year}年末结转结余{wan(c)}"
    rate = f.get("carryover.rate")
    if rate is not None:
        text += f"，结转结余率{pct(rate)}（年末结转结余÷全年预算数）"
    change = yoy(f, "carryover")
    if change:
        text += f"，{change}"
    return [text + "。"]


def three_public_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    t = dy.three_public
    tp = three_public_totals(dy)
    out: list[str] = []
    if tp.budget is None and tp.actual is None:
        return out
    rate = f.get("three_public.control_rate")
    change = change_clause(f.get("three_public.yoy.diff"), f.get("three_public.yoy.rate"), "与上年相比")
    scoped = tp.actual_in_scope is not None and tp.actual is not None and tp.actual_in_scope != tp.actual
    if scoped:
        # The change belongs to the whole actual total; the control rate to the budget's scope.
        first = [f"“三公”经费实际支出{wan(tp.actual)}"] + ([change] if change else [])
        second = [f"预算数{wan(tp.budget)}"] if tp.budget is not None else []
        second.append(f"纳入预算口径的实际支出{wan(tp.actual_in_scope)}")
        if rate is not None:
            second.append(f"“三公”经费控制率{pct(rate)}")
        out.append(f"{dy.profile.year}年度" + "，".join(first) + "；" + "，".join(second) + "。")
    else:
        head: list[str] = []
        if tp.budget is not None:
            head.append(f"“三公”经费预算数{wan(tp.budget)}")
        if tp.actual is not None:
            head.append(f"实际支出{wan(tp.actual)}")
        if rate is not None:
            head.append(f"“三公”经费控制率{pct(rate)}")
        if change:
            head.append(change)
        out.append(f"{dy.profile.year}年度" + "，".join(head) + "。")
    items = []
    for i, it in enumerate(t.items):
        parts = []
        if it.budget is not None:
            parts.append(f"预算{wan(it.budget)}")
        if it.actual is not None:
            parts.append(f"实际支出{wan(it.actual)}")
        r = f.get(f"three_public.items[{i}].rate")
        if r is not None:
            parts.append(f"预算执行率{pct(r)}")
        c = change_clause(f.get(f"three_public.items[{i}].yoy.diff"), f.get(f"three_public.items[{i}].yoy.rate"))
        if c:
            parts.append(c)
        if not it.in_budget_scope:
            parts.append("未纳入“三公”经费预算口径")
        if parts:
            items.append(it.kind.label + "，".join(parts))
    if items:
        out.append("其中：" + "；".join(items) + "。")
    if t.scope_note:
        out.append(_sentence(t.scope_note))
    return out


def public_funds_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    p = dy.public_funds
    if p.budget is None or p.actual is None:
        return []
    rate = f.get("public_funds.control_rate")
    s = f"{dy.profile.year}年度公用经费预算{wan(p.budget)}，实际支出{wan(p.actual)}"
    return [s + (f"，公用经费控制率{pct(rate)}。" if rate is not None else "。")]


def procurement_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    p = dy.procurement
    if p.budget is None and p.actual is None:
        return []
    if not p.budget and not p.actual:
        return [f"{dy.profile.year}年度未编制政府采购预算，未发生政府采购支出。"]
    parts = []
    if p.budget is not None:
        parts.append(f"政府采购预算{wan(p.budget)}")
    if p.actual is not None:
        parts.append(f"实际采购金额{wan(p.actual)}")
    rate = f.get("procurement.execution_rate")
    if rate is not None:
        parts.append(f"政府采购执行率{pct(rate)}")
    out = [f"{dy.profile.year}年度" + "，".join(parts) + "。"]
    kinds = [f"{label}{wan(v)}" for label, v in (("货物类", p.goods), ("工程类", p.works), ("服务类", p.services))
             if v is not None]
    if kinds:
        out.append("其中：" + "、".join(kinds) + "。")
    if p.sme is not None:
        s = f"授予中小企业合同金额{wan(p.sme)}"
        share = f.get("procurement.sme_share")
        if share is not None:
            s += f"，占政府采购支出总额的{pct(share)}"
        if p.small_micro is not None:
            s += f"；其中授予小微企业合同金额{wan(p.small_micro)}"
            sm = f.get("procurement.small_micro_share")
            if sm is not None:
                s += f"，占授予中小企业合同金额的{pct(sm)}"
        out.append(s + "。")
    return out


def asset_sentences(dy: DepartmentYear, f: Figures) -> list[str]:
    a = dy.assets
    out = []
    if a.total is not None:
        s = f"{dy.profile.year}年末资产总计{wan(a.total)}"
        c = yoy(f, "assets")
        out.append(s + (f"，{c}" if c else "") + "。")
    ft, fu, rate = f.get("assets.fixed_total"), f.get("assets.fixed_in_use"), f.get("assets.utilization_rate")
    if ft is not None and fu is not None:
        s = f"固定资产原值{wan(ft)}，其中在用固定资产{wan(fu)}"
        out.append(s + (f"，固定资产利用率{pct(rate)}。" if rate is not None else "。"))
    elif a.fixed_in_use_rate is not None:
        out.append(f"据部门填报，固定资产在用率为{pct(a.fixed_in_use_rate)}。")
    return out


def staffing_sentence(dy: DepartmentYear, f: Figures) -> str | None:
    s = dy.staffing
    parts = []
    if s.authorized is not None:
        parts.append(f"编制数{s.authorized}人")
    if s.actual is not None:
        parts.append(f"年末实有在职人数{s.actual}人")
    if s.retired is not None:
        parts.append(f"离退休人员{s.retired}人")
    if not parts:
        return None
    text = "本部门" + "，".join(parts)
    rate = f.get("staff.control_rate")
    if rate is not None:
        text += f"，在职人员控制率{pct(rate)}"
    text += "。"
    if s.note:
        text += _sentence(s.note)
    return text


_CJK_GAP = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])")


def clean(text: str) -> str:
    """Drop the spaces YAML line folding leaves between Chinese characters."""
    return _CJK_GAP.sub("", text.strip())


def _sentence(text: str) -> str:
    text = clean(text)
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def survey_sentence(dy: DepartmentYear) -> str | None:
    groups = [g for g in dy.surveys if g.rate is not None or g.responses is not None]
    if not groups:
        return None
    counts = [g for g in groups if g.responses is not None]
    text = "本次自评开展了满意度调查"
    if counts:
        total = sum(g.responses or 0 for g in counts)
        detail = "、".join(f"{g.name}{g.responses}份" for g in counts)
        text += f"，共收回问卷{total}份" + (f"（{detail}）" if len(counts) > 1 else "")
    rates = [f"{g.name}{pct(g.rate)}" for g in groups if g.rate is not None]
    if rates:
        text += "，满意度" + ("为" if len(rates) == 1 else "分别为：") + "、".join(rates)
    return text + "。"


# --- 自评情况 -----------------------------------------------------------------

def metric_sentence(r: IndicatorResult) -> str | None:
    """“计算公式：A ÷ B × 100%，其中A 7人、B 7人，指标值为100.00%”."""
    m = r.metric
    if m is None or m.value is None:
        return None
    value = pct(m.value) if m.unit == "%" else f"{fs(m.value)}{m.unit}"
    inputs = [f"{i.label}{_input_value(i.value, i.unit)}" for i in m.inputs if i.value is not None]
    if m.formula.startswith("部门填报") or len(m.inputs) <= 1:
        return None
    return f"{r.name}＝{m.formula}，其中{'、'.join(inputs)}，指标值为{value}"


def metric_value_text(r: IndicatorResult) -> str:
    """The indicator value as the 评分表 shows it: "98.09%", "0次", "不适用" or ""."""
    m = r.metric
    if m is None:
        return ""
    if m.value is None:
        return "不适用" if m.not_applicable else ""
    return pct(m.value) if m.unit == "%" else f"{fs(m.value)}{m.unit}"


def _input_value(v: Decimal | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "万元":
        return wan(v)
    if unit == "%":
        return pct(v)
    return f"{fs(v)}{unit}"


def leaf_paragraph(r: IndicatorResult) -> str:
    """The discussion of one scored indicator: what it measures, the figure, the rule, the score."""
    parts: list[str] = []
    if r.explanation:
        parts.append(_sentence(r.explanation))
    ms = metric_sentence(r)
    if ms:
        parts.append(ms + "。")
    if r.status is Status.MISSING:
        parts.append(_sentence("；".join(r.missing).rstrip("；")) + "本项暂未评分。")
        return "".join(parts)
    if r.basis:
        parts.append(_sentence(r.basis))
    extra = [d for d in r.deductions if d != r.basis]
    if extra:
        parts.append(_sentence("；".join(extra)))
    parts.append(f"本项指标得{fs(r.score)}分。")
    return "".join(parts)


def score_summary(result: EvaluationResult) -> str:
    parts = "，".join(
        f"{t.name}{fs(t.score)}分（满分{fs(t.weight)}分）" if t.score is not None else f"{t.name}缺数据未评分"
        for t in result.indicators
    )
    text = f"经评价，本部门{result.year}年度部门整体支出绩效自评得分：{parts}，总分{fs(result.total)}分"
    if result.grade is not None:
        return text + f"，评价等级为“{result.grade}”。"
    return text + f"。尚有{result.missing_count}项指标缺少数据，总分不完整，暂不评定等级。"


# --- 存在的问题与改进措施 ---------------------------------------------------------

def lost_leaves(result: EvaluationResult) -> list[IndicatorResult]:
    return [r for r in result.leaves() if r.status is not Status.MISSING and r.score is not None and r.lost > 0]


def problems(result: EvaluationResult) -> list[tuple[str, str]]:
    """(lead, text) per problem: each deduction, then each indicator without data."""
    out: list[tuple[str, str]] = []
    for r in lost_leaves(result):
        reasons = [d for d in r.deductions if d] or [r.basis]
        out.append((f"{r.name}扣{fs(r.lost)}分。", _sentence("；".join(reasons))))
    missing = [r for r in result.leaves() if r.status is Status.MISSING]
    if missing:
        names = "、".join(f"“{r.name}”" for r in missing)
        out.append(("基础数据不完整。", f"{names}等{len(missing)}项指标缺少评价所需数据，未能评分，"
                    "影响自评结果的完整性。"))
    return out


@cache
def _measures() -> dict[str, Any]:
    import yaml

    text = resources.files("jixiao.report").joinpath("data/measures.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def measures(result: EvaluationResult, kinds: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(lead, text) per improvement measure, chosen by the kind of each indicator that lost points.

    ``kinds`` maps an indicator id to its (metric id, rule kind). A measure in
    ``data/measures.yaml`` matches by metric id, then by a keyword of the indicator
    name, then by rule kind; each measure appears once, in the order of the deductions.
    """
    entries: list[dict[str, Any]] = _measures()["measures"]
    chosen: list[str] = []
    for r in lost_leaves(result):
        metric_id, rule_kind = kinds.get(r.id, ("", ""))
        key = match_measure(r.name, metric_id, rule_kind, entries)
        if key not in chosen:
            chosen.append(key)
    if any(r.status is Status.MISSING for r in result.leaves()):
        chosen.append("data_completeness")
    if not chosen:
        chosen.append("keep_up")
    by_key = {m["key"]: m for m in entries}
    return [(clean(str(by_key[k]["title"])), clean(str(by_key[k]["text"]))) for k in chosen]


def match_measure(name: str, metric_id: str, rule_kind: str, entries: list[dict[str, Any]]) -> str:
    for m in entries:
        if metric_id and metric_id in m.get("metrics", []):
            return str(m["key"])
    for m in entries:
        if any(k in name for k in m.get("keywords", [])):
            return str(m["key"])
    for m in entries:
        if rule_kind and rule_kind in m.get("rules", []):
            return str(m["key"])
    return "general"
