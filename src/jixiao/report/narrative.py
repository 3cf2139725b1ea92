"""Sentence builders: every figure in the report's prose comes from the data or the engine.

Each builder chooses the templates of the report family (:mod:`jixiao.report.phrases`, the
files under ``report/data/phrases``) — up or down, with or without a rate, applicable or not —
and binds their slots to figure keys and texts; the words are in the family file, never here.
A builder returns its sentences, or ``None``/``[]`` when the data they need is absent, so that
a finished report never carries placeholder text. Amounts are 万元 with two decimals and rates
are percentages with two decimals (:mod:`jixiao.textfmt`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.report.numbers import Numbers
from jixiao.report.phrases import Phrases, _sentence, clean, join
from jixiao.textfmt import score as fs

ZERO = Decimal(0)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99), for 公文 numbering."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


def change_clause(ph: Phrases, diff: str, rate: str | None = None, compared: str = "compared.year",
                  unit: str = "wan") -> str | None:
    """“比上年增加X万元，增长Y%” / “减少…，下降…” / “与上年持平”; None without last year's figure.

    ``diff`` and ``rate`` are figure keys; the absolute value is printed with the direction in words,
    so the printed number is the figure of the absolute change (``|…|``), never recomputed here.
    ``unit`` picks the templates of an amount (``wan``), a head count (``people``) or a score.
    """
    d = ph.n.value(diff)
    if d is None:
        return None
    if d == 0:
        return ph.say(f"change.{unit}.equal")
    way = "up" if d > 0 else "down"
    since = ph.say(compared)
    if rate is not None:
        said = ph.say(f"change.{unit}.{way}.rate", compared=since, diff=diff, rate=rate)
        if said:
            return said
    return ph.say(f"change.{unit}.{way}", compared=since, diff=diff)


def yoy(ph: Phrases, key: str) -> str | None:
    return change_clause(ph, f"yoy.{key}.diff", f"yoy.{key}.rate")


def _changes(ph: Phrases, *labelled: tuple[str, str | None]) -> list[str]:
    """“本年收入合计比上年增加…；财政拨款收入…。”: each change under its template, one sentence."""
    said = [s for name, change in labelled if (s := ph.say(name, change=change))]
    return ["；".join(said) + "。"] if said else []


_join = join  # clauses said by templates, joined with their marks


# --- 收支情况 -----------------------------------------------------------------

def source_sentence(ph: Phrases) -> str | None:
    """Where the figures of 收支情况 come from, when the data says (e.g. read from the published 部门决算)."""
    source = ph.n.figures.dy.finance_source
    return ph.say("finance.source", source=("input:finance_source", source) if source else None)


def budget_sentences(ph: Phrases) -> list[str]:
    n = ph.n
    b = n.figures.dy.budget
    out: list[str | None] = []
    if n.has("budget.final"):
        adjustment = None
        if b.adjustment is not None:
            way = "added" if b.adjustment > 0 else ("reduced" if b.adjustment < 0 else "unchanged")
            adjustment = ph.say(f"budget.part.{way}", adjustment="budget.adjustment")
        parts = _join([ph.say("budget.part.initial", initial="budget.initial"), adjustment,
                       ph.say("budget.part.carried", carried="budget.carried_over")])
        out.append(ph.say("budget.final", year="year", final="budget.final", parts=parts,
                          adjustment_rate="budget.adjustment_rate" if b.adjustment else None))
    else:
        out.append(ph.say("budget.initial", year="year", initial="budget.initial", carried="budget.carried_over"))
    out.append(ph.say("budget.execution", final="budget.final", spent="expenditure.total",
                      rate="budget.execution_rate"))
    return [s for s in out if s]


def revenue_sentences(ph: Phrases) -> list[str]:
    n = ph.n
    r = n.figures.dy.revenue
    if not n.has("revenue.total"):
        return []
    parts = _join([ph.say("revenue.fiscal", amount="revenue.fiscal_appropriation", share="revenue.fiscal_share"),
                   ph.say("revenue.other", amount="revenue.other" if r.other else None, share="revenue.other_share")],
                  "；")
    head = ph.say("revenue.total", year="year", total="revenue.total", parts=parts)
    if head is None:
        return []
    out = [head, *_changes(ph, ("revenue.change", yoy(ph, "revenue")), ("revenue.fiscal.change", yoy(ph, "fiscal")))]
    uses = _uses_sentence(ph)
    if uses:
        out.append(uses)
    return out


def _uses_sentence(ph: Phrases) -> str | None:
    """Sources and uses: only stated when basic + project + carry-over account for every yuan received."""
    n = ph.n
    sources, uses = n.value("uses.sources"), n.value("uses.total")
    if sources is None or uses is None or uses != sources:
        return None
    src = ph.say("uses.revenue_and_carried" if n.figures.dy.budget.carried_over else "uses.revenue")
    return ph.say("uses.sentence", sources=src, total="uses.sources", basic="expenditure.basic",
                  basic_share="uses.basic_share", project="expenditure.project", project_share="uses.project_share",
                  carryover="carryover.amount", carryover_share="uses.carryover_share")


def expenditure_sentences(ph: Phrases) -> list[str]:
    if not ph.n.has("expenditure.total"):
        return []
    inner = _join([ph.say("expenditure.personnel", amount="expenditure.personnel",
                          share="expenditure.personnel_share"),
                   ph.say("expenditure.public", amount="expenditure.public", share="expenditure.public_share")], "；")
    parts = _join([ph.say("expenditure.basic", amount="expenditure.basic", share="expenditure.basic_share",
                          inner=inner),
                   ph.say("expenditure.project", amount="expenditure.project", share="expenditure.project_share")],
                  "；")
    head = ph.say("expenditure.total", year="year", total="expenditure.total", parts=parts)
    if head is None:
        return []
    return [head, *_changes(ph, ("expenditure.change", yoy(ph, "expenditure")),
                            ("expenditure.basic.change", yoy(ph, "basic")),
                            ("expenditure.project.change", yoy(ph, "project")))]


def project_sentences(ph: Phrases) -> list[str]:
    out = []
    for i, p in enumerate(ph.n.figures.dy.expenditure.projects):
        k = f"expenditure.projects[{i}]"
        if p.budget is None and p.actual is None:
            continue
        parts = _join([ph.say("project.budget", budget=f"{k}.budget"), ph.say("project.actual", actual=f"{k}.actual"),
                       ph.say("project.rate", rate=f"{k}.rate")])
        said = ph.say("project.line", name=(f"input:{k}.name", p.name), parts=parts,
                      note=(f"input:{k}.note", _sentence(p.note)) if p.note else None)
        if said:
            out.append(said)
    return out


def carryover_sentences(ph: Phrases) -> list[str]:
    said = ph.say("carryover.amount", year="year", amount="carryover.amount", rate="carryover.rate",
                  change=yoy(ph, "carryover"))
    return [said] if said else []


def three_public_split(n: Numbers) -> bool:
    """Whether some spending lies outside the budget's scope (the whole total and the in-scope total differ)."""
    whole, scoped = n.value("three_public.actual"), n.value("three_public.actual_in_scope")
    return whole is not None and scoped is not None and whole != scoped


def three_public_sentences(ph: Phrases) -> list[str]:
    n = ph.n
    t = n.figures.dy.three_public
    out: list[str] = []
    if not n.has("three_public.budget") and not n.has("three_public.actual"):
        return out
    change = change_clause(ph, "three_public.yoy.diff", "three_public.yoy.rate", "compared.since")
    if three_public_split(n):
        # The change belongs to the whole actual total; the control rate to the budget's scope.
        head = ph.say("three_public.split", year="year", actual="three_public.actual", change=change,
                      budget="three_public.budget", in_scope="three_public.actual_in_scope",
                      rate="three_public.control_rate")
    else:
        parts = _join([ph.say("three_public.budget", budget="three_public.budget"),
                       ph.say("three_public.actual" if n.has("three_public.budget") else "three_public.actual_only",
                              actual="three_public.actual"),
                       ph.say("three_public.rate", rate="three_public.control_rate"), change])
        head = ph.say("three_public.head", year="year", parts=parts)
    if head:
        out.append(head)
    items = []
    for i, it in enumerate(t.items):
        k = f"three_public.items[{i}]"
        parts = _join([ph.say("three_public.item.budget", budget=f"{k}.budget"),
                       ph.say("three_public.item.actual", actual=f"{k}.actual"),
                       ph.say("three_public.item.rate", rate=f"{k}.rate"),
                       change_clause(ph, f"{k}.yoy.diff", f"{k}.yoy.rate"),
                       None if it.in_budget_scope else ph.say("three_public.item.out_of_scope")])
        said = ph.say("three_public.item", label=it.kind.label, parts=parts)
        if said:
            items.append(said)
    said = ph.say("three_public.items", items=_join(items, "；"))
    if said:
        out.append(said)
    if t.scope_note:
        out.append(n.quote("input:three_public.scope_note", _sentence(t.scope_note)))
    return out


def public_funds_sentences(ph: Phrases) -> list[str]:
    said = ph.say("public_funds.sentence", year="year", budget="public_funds.budget", actual="public_funds.actual",
                  rate="public_funds.control_rate")
    return [said] if said else []


def procurement_sentences(ph: Phrases) -> list[str]:
    n = ph.n
    p = n.figures.dy.procurement
    if p.budget is None and p.actual is None:
        return []
    if not p.budget and not p.actual:
        return [s for s in [ph.say("procurement.none", year="year")] if s]
    parts = _join([ph.say("procurement.budget", budget="procurement.budget"),
                   ph.say("procurement.actual", actual="procurement.actual"),
                   ph.say("procurement.rate", rate="procurement.execution_rate")])
    out = [ph.say("procurement.head", year="year", parts=parts),
           ph.say("procurement.kinds", kinds=_join([ph.say(f"procurement.{key}", amount=f"procurement.{key}")
                                                    for key in ("goods", "works", "services")], "、")),
           ph.say("procurement.sme", sme="procurement.sme", sme_share="procurement.sme_share",
                  small_micro="procurement.small_micro", small_micro_share="procurement.small_micro_share")]
    return [s for s in out if s]


def asset_sentences(ph: Phrases) -> list[str]:
    n = ph.n
    out = [ph.say("assets.total", year="year", total="assets.total", change=yoy(ph, "assets"))]
    if n.has("assets.fixed_total") and n.has("assets.fixed_in_use"):
        out.append(ph.say("assets.fixed", fixed_total="assets.fixed_total", in_use="assets.fixed_in_use",
                          rate="assets.utilization_rate"))
    else:
        out.append(ph.say("assets.fixed_rate", rate="assets.fixed_in_use_rate"))
    return [s for s in out if s]


def staffing_sentences(ph: Phrases) -> list[str]:
    """The staff counts, and how they moved against last year (the store's previous year, or as typed)."""
    s = ph.n.figures.dy.staffing
    parts = _join([ph.say("staffing.authorized", authorized="staffing.authorized"),
                   ph.say("staffing.actual", actual="staffing.actual"),
                   ph.say("staffing.retired", retired="staffing.retired")])
    head = ph.say("staffing.sentence", parts=parts, rate="staff.control_rate",
                  note=("input:staffing.note", _sentence(s.note)) if s.note else None)
    if head is None:
        return []
    return [head, *_changes(
        ph, ("staffing.authorized.change", change_clause(ph, "yoy.staff_authorized.diff", unit="people")),
        ("staffing.actual.change", change_clause(ph, "yoy.staff_actual.diff", unit="people")))]


def survey_sentence(ph: Phrases) -> str | None:
    n = ph.n
    groups = [(i, g) for i, g in enumerate(n.figures.dy.surveys) if g.rate is not None or g.responses is not None]
    if not groups:
        return None
    counts = [(i, g) for i, g in groups if g.responses is not None]
    per_group = _join([ph.say("surveys.group_responses", name=g.name, responses=f"surveys[{i}].responses")
                       for i, g in counts], "、") if len(counts) > 1 else None
    rates = [ph.say("surveys.group_rate", name=g.name, rate=f"surveys[{i}].rate_value") for i, g in groups]
    said = [r for r in rates if r]
    rate = ph.say("surveys.rate.one" if len(said) == 1 else "surveys.rate.many", rates=_join(said, "、"))
    return ph.say("surveys.sentence", responses="surveys.responses" if counts else None, groups=per_group, rates=rate)


# --- 自评情况 -----------------------------------------------------------------

def metric_sentence(ph: Phrases, r: IndicatorResult) -> str | None:
    """“预算执行率＝本年支出合计 ÷ 全年预算数 × 100%，其中本年支出合计1,970.00万元、…，指标值为98.50%”."""
    m = r.metric
    if m is None or m.value is None or len(m.inputs) <= 1:
        return None
    inputs = _join([ph.say("metric.input", label=i.label, value=_input_value(ph.n, i.path, i.unit))
                    for i in m.inputs if i.value is not None], "、")
    return ph.say("metric.sentence", name=r.name, formula=(f"engine:formula:{r.id}", m.formula), inputs=inputs,
                  value=metric_value_text(ph, r))


def metric_value_text(ph: Phrases, r: IndicatorResult) -> str:
    """The indicator value as the 评分表 shows it: "98.09%", "0次", "不适用" or ""."""
    n = ph.n
    m = r.metric
    if m is None:
        return ""
    if m.value is None:
        return (ph.say("metric.not_applicable") or "") if m.not_applicable else ""
    if m.unit == "%":
        return n.pct(f"metric:{r.id}")
    return f"{n.score(f'metric:{r.id}')}{m.unit}"


def _input_value(n: Numbers, key: str, unit: str) -> str:
    """A figure with the unit of its kind: 万元 and % formatted as the report formats them, others as given."""
    if unit == "万元":
        return n.wan(key)
    if unit == "%":
        return n.pct(key)
    return f"{n.score(key)}{unit}"


def leaf_paragraph(ph: Phrases, r: IndicatorResult) -> str:
    """The discussion of one scored indicator: what it measures, the figure, the rule, the score."""
    n = ph.n
    parts: list[str] = []
    explanation = applicable_explanation(r)
    if explanation:
        parts.append(n.quote(f"framework:explanation:{r.id}", _sentence(explanation)))
    ms = metric_sentence(ph, r)
    if ms:
        parts.append(ms + "。")
    if r.status is Status.MISSING:
        missing = ph.say("leaf.missing", missing=(f"engine:missing:{r.id}", _sentence("；".join(r.missing).rstrip("；"))))
        return "".join(parts) + (missing or "")
    if r.basis:
        parts.append(n.quote(f"engine:basis:{r.id}", _sentence(r.basis)))
    extra = [d for d in r.deductions if d != r.basis]
    if extra:
        parts.append(n.quote(f"engine:deductions:{r.id}", _sentence("；".join(extra))))
    said = "".join(parts)
    got = fs(r.score) if r.score is not None else ""
    # the rule's own sentence may already state the final score (“得满分3分”, “得1分”): never twice
    if not got or not re.search(rf"[得计](满分)?{re.escape(got)}分", said):
        said += ph.say("leaf.score", score=f"score:{r.id}") or ""
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


def score_summary(ph: Phrases) -> str:
    result = ph.n.result
    parts = _join([ph.say("score.part", name=t.name, score=f"score:{t.id}", weight=f"weight:{t.id}")
                   if t.score is not None else ph.say("score.part.missing", name=t.name) for t in result.indicators])
    if result.grade is not None:
        said = ph.say("score.summary", year="year", parts=parts, total="result.total", grade=result.grade)
    else:
        said = ph.say("score.summary.incomplete", year="year", parts=parts, total="result.total",
                      missing="missing_count")
    return said or ""


def score_change(ph: Phrases) -> str | None:
    """The total score and grade against last year's (the store's previous year, or as typed)."""
    n = ph.n
    prior_grade = n.figures.dy.prior.grade
    grade = None
    if prior_grade and n.result.grade is not None:
        grade = (ph.say("score.grade.same") if prior_grade == n.result.grade else
                 ph.say("score.grade.changed", grade=("input:prior.grade", prior_grade)))
    d = n.value("yoy.score.diff")
    way = None if d is None else ("equal" if d == 0 else ("up" if d > 0 else "down"))
    change = ph.say(f"score.change.{way}", diff="yoy.score.diff", prior="prior.score") if way else None
    return ph.say("score.change", change=change, grade=grade) if change else None


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
