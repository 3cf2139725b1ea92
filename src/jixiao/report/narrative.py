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
from jixiao.report.numbers import Numbers
from jixiao.textfmt import score as fs

ZERO = Decimal(0)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99), for 公文 numbering."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


def change_clause(n: Numbers, diff: str, rate: str, compared: str = "比上年") -> str | None:
    """“比上年增加X万元，增长Y%” / “减少…，下降…” / “与上年持平”; None without last year's figure.

    ``diff`` and ``rate`` are figure keys; the absolute value is printed with the direction in words,
    so the printed number is the figure of the absolute change (``|…|``), never recomputed here.
    """
    d = n.value(diff)
    if d is None:
        return None
    if d == 0:
        return "与上年持平"
    up = d > 0
    text = f"{compared}{'增加' if up else '减少'}{n.fmt_abs(diff, 'wan')}"
    if n.has(rate):
        text += f"，{'增长' if up else '下降'}{n.fmt_abs(rate, 'pct')}"
    return text


def yoy(n: Numbers, key: str) -> str | None:
    return change_clause(n, f"yoy.{key}.diff", f"yoy.{key}.rate")


def _labelled(label: str, clause: str | None) -> str | None:
    return None if clause is None else f"{label}{clause}"


# --- 收支情况 -----------------------------------------------------------------

def source_sentence(n: Numbers) -> str | None:
    """Where the figures of 收支情况 come from, when the data says (e.g. read from the published 部门决算)."""
    source = n.figures.dy.finance_source
    return f"本部分收支数据取自{source}。" if source else None


def budget_sentences(n: Numbers) -> list[str]:
    dy = n.figures.dy
    b = dy.budget
    out: list[str] = []
    if n.has("budget.final"):
        text = f"{n.int('year')}年度全年预算数{n.wan('budget.final')}"
        sub: list[str] = []
        if b.initial is not None:
            sub.append(f"年初预算{n.wan('budget.initial')}")
        if b.adjustment is not None:
            if b.adjustment > 0:
                sub.append(f"年中追加预算{n.wan('budget.adjustment')}")
            elif b.adjustment < 0:
                sub.append(f"年中调减预算{n.fmt_abs('budget.adjustment', 'wan')}")
            else:
                sub.append("年中未调整预算")
        if b.carried_over is not None:
            sub.append(f"上年结转{n.wan('budget.carried_over')}")
        text += "，其中" + "，".join(sub) if sub else ""
        if n.has("budget.adjustment_rate") and b.adjustment:
            text += f"；预算调整率为{n.pct('budget.adjustment_rate')}（|年中调整数|÷年初预算数）"
        out.append(text + "。")
    elif b.initial is not None:
        text = f"{n.int('year')}年度年初预算{n.wan('budget.initial')}"
        if b.carried_over is not None:
            text += f"，上年结转{n.wan('budget.carried_over')}"
        out.append(text + "。")
    if n.has("budget.final") and n.has("expenditure.total"):
        s = f"全年预算数{n.wan('budget.final')}，执行数{n.wan('expenditure.total')}"
        out.append(s + (f"，预算执行率{n.pct('budget.execution_rate')}。" if n.has("budget.execution_rate") else "。"))
    return out


def revenue_sentences(n: Numbers) -> list[str]:
    r = n.figures.dy.revenue
    if r.total is None:
        return []
    text = f"{n.int('year')}年度本年收入合计{n.wan('revenue.total')}"
    parts: list[str] = []
    if r.fiscal_appropriation is not None:
        parts.append(f"财政拨款收入{n.wan('revenue.fiscal_appropriation')}，占{_pct(n, 'revenue.fiscal_share')}")
    if r.other is not None and r.other != 0:
        parts.append(f"其他收入{n.wan('revenue.other')}，占{_pct(n, 'revenue.other_share')}")
    if parts:
        text += "，其中：" + "；".join(parts)
    out = [text + "。"]
    changes = [c for c in (_labelled("本年收入合计", yoy(n, "revenue")),
                           _labelled("财政拨款收入", yoy(n, "fiscal"))) if c]
    if changes:
        out.append("；".join(changes) + "。")
    uses = _uses_sentence(n)
    if uses:
        out.append(uses)
    return out


def _pct(n: Numbers, key: str) -> str:
    return n.pct(key) if n.has(key) else "—"


def _uses_sentence(n: Numbers) -> str | None:
    """Sources and uses: only stated when basic + project + carry-over account for every yuan received."""
    dy = n.figures.dy
    sources, uses = n.value("uses.sources"), n.value("uses.total")
    if sources is None or uses is None or uses != sources:
        return None
    src = "本年收入" if not dy.budget.carried_over else "本年收入与上年结转"
    return (f"从资金使用看，{src}合计{n.wan('uses.sources')}，其中：基本支出{n.wan('expenditure.basic')}，"
            f"占{_pct(n, 'uses.basic_share')}；项目支出{n.wan('expenditure.project')}，占{_pct(n, 'uses.project_share')}；"
            f"年末结转结余{n.wan('carryover.amount')}，占{_pct(n, 'uses.carryover_share')}。")


def expenditure_sentences(n: Numbers) -> list[str]:
    e = n.figures.dy.expenditure
    if e.total is None:
        return []
    text = f"{n.int('year')}年度本年支出合计{n.wan('expenditure.total')}"
    parts: list[str] = []
    if e.basic is not None:
        s = f"基本支出{n.wan('expenditure.basic')}，占总支出{_pct(n, 'expenditure.basic_share')}"
        inner = []
        if e.personnel is not None:
            inner.append(f"人员经费{n.wan('expenditure.personnel')}，占基本支出{_pct(n, 'expenditure.personnel_share')}")
        if e.public is not None:
            inner.append(f"公用经费{n.wan('expenditure.public')}，占基本支出{_pct(n, 'expenditure.public_share')}")
        if inner:
            s += "（" + "；".join(inner) + "）"
        parts.append(s)
    if e.project is not None:
        parts.append(f"项目支出{n.wan('expenditure.project')}，占总支出{_pct(n, 'expenditure.project_share')}")
    out = [text + ("，其中：" + "；".join(parts) if parts else "") + "。"]
    changes = [c for c in (_labelled("本年支出合计", yoy(n, "expenditure")), _labelled("基本支出", yoy(n, "basic")),
                           _labelled("项目支出", yoy(n, "project"))) if c]
    if changes:
        out.append("；".join(changes) + "。")
    return out


def project_sentences(n: Numbers) -> list[str]:
    out = []
    for i, p in enumerate(n.figures.dy.expenditure.projects):
        k = f"expenditure.projects[{i}]"
        if p.budget is None and p.actual is None:
            continue
        parts = [f"“{n.quote(f'input:{k}.name', p.name)}”"]
        if p.budget is not None:
            parts.append(f"预算{n.wan(f'{k}.budget')}")
        if p.actual is not None:
            parts.append(f"实际支出{n.wan(f'{k}.actual')}")
        if n.has(f"{k}.rate"):
            parts.append(f"执行率{n.pct(f'{k}.rate')}")
        s = parts[0] + "，".join(parts[1:]) + "。"
        out.append(s + (n.quote(f"input:{k}.note", _sentence(p.note)) if p.note else ""))
    return out


def carryover_sentences(n: Numbers) -> list[str]:
    if not n.has("carryover.amount"):
        return []
    text = f"{n.int('year')}年末结转结余{n.wan('carryover.amount')}"
    if n.has("carryover.rate"):
        text += f"，结转结余率{n.pct('carryover.rate')}（年末结转结余÷全年预算数）"
    change = yoy(n, "carryover")
    if change:
        text += f"，{change}"
    return [text + "。"]


def three_public_split(n: Numbers) -> bool:
    """Whether some spending lies outside the budget's scope (the whole total and the in-scope total differ)."""
    whole, scoped = n.value("three_public.actual"), n.value("three_public.actual_in_scope")
    return whole is not None and scoped is not None and whole != scoped


def three_public_sentences(n: Numbers) -> list[str]:
    t = n.figures.dy.three_public
    out: list[str] = []
    if not n.has("three_public.budget") and not n.has("three_public.actual"):
        return out
    has_rate = n.has("three_public.control_rate")
    if three_public_split(n):
        # The change belongs to the whole actual total; the control rate to the budget's scope.
        first = [f"“三公”经费实际支出{n.wan('three_public.actual')}"]
        change = change_clause(n, "three_public.yoy.diff", "three_public.yoy.rate", "与上年相比")
        if change:
            first.append(change)
        second = [f"预算数{n.wan('three_public.budget')}"] if n.has("three_public.budget") else []
        second.append(f"纳入预算口径的实际支出{n.wan('three_public.actual_in_scope')}")
        if has_rate:
            second.append(f"“三公”经费控制率{n.pct('three_public.control_rate')}")
        out.append(f"{n.int('year')}年度" + "，".join(first) + "；" + "，".join(second) + "。")
    else:
        head: list[str] = []
        if n.has("three_public.budget"):
            head.append(f"“三公”经费预算数{n.wan('three_public.budget')}")
        if n.has("three_public.actual"):
            head.append(f"实际支出{n.wan('three_public.actual')}")
        if has_rate:
            head.append(f"“三公”经费控制率{n.pct('three_public.control_rate')}")
        change = change_clause(n, "three_public.yoy.diff", "three_public.yoy.rate", "与上年相比")
        if change:
            head.append(change)
        out.append(f"{n.int('year')}年度" + "，".join(head) + "。")
    items = []
    for i, it in enumerate(t.items):
        k = f"three_public.items[{i}]"
        parts = []
        if it.budget is not None:
            parts.append(f"预算{n.wan(f'{k}.budget')}")
        if it.actual is not None:
            parts.append(f"实际支出{n.wan(f'{k}.actual')}")
        if n.has(f"{k}.rate"):
            parts.append(f"预算执行率{n.pct(f'{k}.rate')}")
        c = change_clause(n, f"{k}.yoy.diff", f"{k}.yoy.rate")
        if c:
            parts.append(c)
        if not it.in_budget_scope:
            parts.append("未纳入“三公”经费预算口径")
        if parts:
            items.append(it.kind.label + "，".join(parts))
    if items:
        out.append("其中：" + "；".join(items) + "。")
    if t.scope_note:
        out.append(n.quote("input:three_public.scope_note", _sentence(t.scope_note)))
    return out


def public_funds_sentences(n: Numbers) -> list[str]:
    if not n.has("public_funds.budget") or not n.has("public_funds.actual"):
        return []
    s = f"{n.int('year')}年度公用经费预算{n.wan('public_funds.budget')}，实际支出{n.wan('public_funds.actual')}"
    rate = n.has("public_funds.control_rate")
    return [s + (f"，公用经费控制率{n.pct('public_funds.control_rate')}。" if rate else "。")]


def procurement_sentences(n: Numbers) -> list[str]:
    p = n.figures.dy.procurement
    if p.budget is None and p.actual is None:
        return []
    if not p.budget and not p.actual:
        return [f"{n.int('year')}年度未编制政府采购预算，未发生政府采购支出。"]
    parts = []
    if p.budget is not None:
        parts.append(f"政府采购预算{n.wan('procurement.budget')}")
    if p.actual is not None:
        parts.append(f"实际采购金额{n.wan('procurement.actual')}")
    if n.has("procurement.execution_rate"):
        parts.append(f"政府采购执行率{n.pct('procurement.execution_rate')}")
    out = [f"{n.int('year')}年度" + "，".join(parts) + "。"]
    kinds = [f"{label}{n.wan(f'procurement.{key}')}" for label, key in (("货物类", "goods"), ("工程类", "works"),
                                                                      ("服务类", "services")) if n.has(f"procurement.{key}")]
    if kinds:
        out.append("其中：" + "、".join(kinds) + "。")
    if p.sme is not None:
        s = f"授予中小企业合同金额{n.wan('procurement.sme')}"
        if n.has("procurement.sme_share"):
            s += f"，占政府采购支出总额的{n.pct('procurement.sme_share')}"
        if p.small_micro is not None:
            s += f"；其中授予小微企业合同金额{n.wan('procurement.small_micro')}"
            if n.has("procurement.small_micro_share"):
                s += f"，占授予中小企业合同金额的{n.pct('procurement.small_micro_share')}"
        out.append(s + "。")
    return out


def asset_sentences(n: Numbers) -> list[str]:
    out = []
    if n.has("assets.total"):
        s = f"{n.int('year')}年末资产总计{n.wan('assets.total')}"
        c = yoy(n, "assets")
        out.append(s + (f"，{c}" if c else "") + "。")
    if n.has("assets.fixed_total") and n.has("assets.fixed_in_use"):
        s = f"固定资产原值{n.wan('assets.fixed_total')}，其中在用固定资产{n.wan('assets.fixed_in_use')}"
        rate = n.has("assets.utilization_rate")
        out.append(s + (f"，固定资产利用率{n.pct('assets.utilization_rate')}。" if rate else "。"))
    elif n.has("assets.fixed_in_use_rate"):
        out.append(f"据部门填报，固定资产在用率为{n.pct('assets.fixed_in_use_rate')}。")
    return out


def staffing_sentence(n: Numbers) -> str | None:
    s = n.figures.dy.staffing
    parts = []
    if s.authorized is not None:
        parts.append(f"编制数{n.int('staffing.authorized')}人")
    if s.actual is not None:
        parts.append(f"年末实有在职人数{n.int('staffing.actual')}人")
    if s.retired is not None:
        parts.append(f"离退休人员{n.int('staffing.retired')}人")
    if not parts:
        return None
    text = "本部门" + "，".join(parts)
    if n.has("staff.control_rate"):
        text += f"，在职人员控制率{n.pct('staff.control_rate')}"
    text += "。"
    if s.note:
        text += n.quote("input:staffing.note", _sentence(s.note))
    return text


_CJK_GAP = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])")


def clean(text: str) -> str:
    """Drop the spaces YAML line folding leaves between Chinese characters."""
    return _CJK_GAP.sub("", text.strip())


def clause(text: str) -> str:
    """The department's words as a clause of our sentence: folded YAML spaces between Chinese
    characters dropped, no closing punctuation of their own (our template ends the sentence)."""
    return clean(text).rstrip("。；;，,.、 ")


def _sentence(text: str) -> str:
    text = clean(text)
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def survey_sentence(n: Numbers) -> str | None:
    groups = [(i, g) for i, g in enumerate(n.figures.dy.surveys) if g.rate is not None or g.responses is not None]
    if not groups:
        return None
    counts = [(i, g) for i, g in groups if g.responses is not None]
    text = "本次自评开展了满意度调查"
    if counts:
        text += f"，共收回问卷{n.int('surveys.responses')}份"
        if len(counts) > 1:
            text += "（" + "、".join(f"{g.name}{n.int(f'surveys[{i}].responses')}份" for i, g in counts) + "）"
    rates = [f"{g.name}{n.pct(f'surveys[{i}].rate_value')}" for i, g in groups if n.has(f"surveys[{i}].rate_value")]
    if rates:
        text += "，满意度" + ("为" if len(rates) == 1 else "分别为：") + "、".join(rates)
    return text + "。"


# --- 自评情况 -----------------------------------------------------------------

def metric_sentence(n: Numbers, r: IndicatorResult) -> str | None:
    """“预算执行率＝本年支出合计 ÷ 全年预算数 × 100%，其中本年支出合计1,970.00万元、…，指标值为98.50%”."""
    m = r.metric
    if m is None or m.value is None or len(m.inputs) <= 1:
        return None
    inputs = [f"{i.label}{_input_value(n, i.path, i.unit)}" for i in m.inputs if i.value is not None]
    formula = n.quote(f"engine:formula:{r.id}", m.formula)
    return f"{r.name}＝{formula}，其中{'、'.join(inputs)}，指标值为{metric_value_text(n, r)}"


def metric_value_text(n: Numbers, r: IndicatorResult) -> str:
    """The indicator value as the 评分表 shows it: "98.09%", "0次", "不适用" or ""."""
    m = r.metric
    if m is None:
        return ""
    if m.value is None:
        return "不适用" if m.not_applicable else ""
    if m.unit == "%":
        return n.pct(f"metric:{r.id}")
    return f"{n.score(f'metric:{r.id}')}{m.unit}"


def _input_value(n: Numbers, key: str, unit: str) -> str:
    if unit == "万元":
        return n.wan(key)
    if unit == "%":
        return n.pct(key)
    return f"{n.score(key)}{unit}"


def leaf_paragraph(n: Numbers, r: IndicatorResult) -> str:
    """The discussion of one scored indicator: what it measures, the figure, the rule, the score."""
    parts: list[str] = []
    explanation = applicable_explanation(r)
    if explanation:
        parts.append(n.quote(f"framework:explanation:{r.id}", _sentence(explanation)))
    ms = metric_sentence(n, r)
    if ms:
        parts.append(ms + "。")
    if r.status is Status.MISSING:
        parts.append(n.quote(f"engine:missing:{r.id}", _sentence("；".join(r.missing).rstrip("；"))) + "本项暂未评分。")
        return "".join(parts)
    if r.basis:
        parts.append(n.quote(f"engine:basis:{r.id}", _sentence(r.basis)))
    extra = [d for d in r.deductions if d != r.basis]
    if extra:
        parts.append(n.quote(f"engine:deductions:{r.id}", _sentence("；".join(extra))))
    said = "".join(parts)
    got = fs(r.score) if r.score is not None else ""
    # the rule's own sentence may already state the final score (“得满分3分”, “得1分”): never twice
    if not got or not re.search(rf"[得计](满分)?{re.escape(got)}分", said):
        said += f"本项指标得{n.score(f'score:{r.id}')}分。"
    return said


def applicable_explanation(r: IndicatorResult) -> str:
    """The framework's explanation of an indicator without its sentences about the not-applicable case
    (“未编制政府采购预算的，本项不适用，计满分。”): printed for an applicable indicator they contradict
    the data, and for a not-applicable one the engine's basis states the case with its reason."""
    text = clean(r.explanation or "")
    if "不适用" not in text:
        return text
    # when it was not applicable, the engine's own sentence says so with the reason and the score
    return "".join(s for s in re.split(r"(?<=[。；])", text) if "不适用" not in s).rstrip("；")


def score_summary(n: Numbers) -> str:
    result = n.result
    parts = "，".join(
        f"{t.name}{n.score(f'score:{t.id}')}分（满分{n.score(f'weight:{t.id}')}分）" if t.score is not None
        else f"{t.name}缺数据未评分"
        for t in result.indicators
    )
    text = f"经评价，本部门{n.int('year')}年度部门整体支出绩效自评得分：{parts}，总分{n.score('result.total')}分"
    if result.grade is not None:
        return text + f"，评价等级为“{result.grade}”。"
    return text + f"。尚有{n.int('missing_count')}项指标缺少数据，总分不完整，暂不评定等级。"


# --- 存在的问题与改进措施 ---------------------------------------------------------

def lost_leaves(result: EvaluationResult) -> list[IndicatorResult]:
    return [r for r in result.leaves() if r.status is not Status.MISSING and r.score is not None and r.lost > 0]


@cache
def _measures() -> dict[str, Any]:
    import yaml

    text = resources.files("jixiao.report").joinpath("data/measures.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def measure_entries() -> list[dict[str, Any]]:
    """The improvement measures of ``data/measures.yaml``, each with its cause and what it matches."""
    entries: list[dict[str, Any]] = _measures()["measures"]
    return entries


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
