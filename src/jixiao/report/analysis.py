"""The analysis of the report, written from the data: what was done per key task, why figures
moved and why spending differs from the budget, how the evaluation and the survey were run,
the problems grouped by cause with their evidence, and a measure answering each problem.

Sentences come from the report family's templates (:mod:`jixiao.report.phrases`); numbers from
the engine's figures and scores by key; causes and measures from ``report/data/measures.yaml``.
Where the department gave no text (no reason, no work done), nothing is said rather than invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.engine.evaluate import value_subject
from jixiao.engine.result import IndicatorResult, Status
from jixiao.report import narrative as nv
from jixiao.report.numbers import Mark
from jixiao.report.phrases import Phrases, Text, clause, clean

ZERO = Decimal(0)
HUNDRED = Decimal(100)

# the causes problems are grouped by, in the order the report discusses them
CAUSES = ("preparation", "execution", "targets", "management", "outcome", "data")
# rules whose deduction sentences state facts (what was missing, what happened, the department's reason)
# rather than restate the indicator value against its target
FACT_RULES = frozenset({"checklist", "per_incident", "manual"})
TASK_METRIC = re.compile(r"^key_tasks\[(\d+)\]\.completion$")

# section → (figure key of the change, the figure it changes, field of the department's reason), one per
# year-on-year figure; the figure's label (from the model's field description) names it in the sentence
YOY_REASONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "revenue": (("yoy.revenue.diff", "revenue.total", "prior.revenue_reason"),
                ("yoy.fiscal.diff", "revenue.fiscal_appropriation", "prior.fiscal_appropriation_reason")),
    "expenditure": (("yoy.expenditure.diff", "expenditure.total", "prior.expenditure_reason"),
                    ("yoy.basic.diff", "expenditure.basic", "prior.basic_reason"),
                    ("yoy.project.diff", "expenditure.project", "prior.project_reason")),
    "carryover": (("yoy.carryover.diff", "carryover.amount", "prior.carryover_reason"),),
    "three_public": (("three_public.yoy.diff", "three_public.actual", "three_public.change_reason"),),
    "assets": (("yoy.assets.diff", "assets.total", "prior.assets_reason"),),
}

# metric → the department's reason that explains a shortfall in it (quoted as evidence of the problem)
METRIC_REASONS = {
    "budget_execution_rate": "budget.execution_reason", "spending_progress": "budget.execution_reason",
    "carryover_rate": "budget.execution_reason", "budget_adjustment_rate": "budget.adjustment_reason",
    "three_public_control_rate": "three_public.budget_reason",
    "three_public_change_rate": "three_public.change_reason",
}

Item = tuple[str, str, tuple[Mark, ...]]  # (lead, text, marks) of one numbered paragraph


def department_text(ph: Phrases, path: str) -> Text | None:
    """The department's words at a model path (``prior.revenue_reason``), as a quotable clause."""
    value: Any = ph.n.figures.dy
    for step in path.split("."):
        value = getattr(value, step)
    if isinstance(value, str) and clause(value):
        return (f"input:{path}", clause(value))
    return None


def named(name: str) -> str:
    """A name set off in quotation marks, unless it holds quotation marks of its own (“十四五”)."""
    return name if "“" in name else f"“{name}”"


def _sign(value: Decimal | None) -> int | None:
    return None if value is None else (value > 0) - (value < 0)


# --- 收支情况: the reasons behind the figures ---------------------------------------------

def reason_sentences(ph: Phrases, section: str) -> list[str]:
    """The sentences that explain a section's figures: direction, size and the stated reason."""
    out: list[str | None] = []
    if section == "budget":
        out += _budget_sentences(ph)
    for key, figure, field in YOY_REASONS.get(section, ()):
        reason = department_text(ph, field)
        if reason is None:
            continue
        way = {1: "subject.up", -1: "subject.down"}.get(_sign(ph.n.value(key)) or 0, "subject.changed")
        out.append(ph.because(ph.say(way, label=ph.n.figures[figure].label), reason))
    if section == "three_public":
        reason = department_text(ph, "three_public.budget_reason")
        if reason is not None:
            rate = ph.n.value("three_public.control_rate")
            way = "subject.three_public_differs" if rate is None or rate == HUNDRED else (
                "subject.three_public_over" if rate > HUNDRED else "subject.three_public_under")
            out.append(ph.because(ph.say(way), reason))
    return [s + "。" for s in out if s]


def _budget_sentences(ph: Phrases) -> list[str | None]:
    n = ph.n
    out: list[str | None] = []
    reason = department_text(ph, "budget.adjustment_reason")
    if reason is not None:
        way = {1: "subject.adjust_up", -1: "subject.adjust_down"}.get(_sign(n.value("budget.adjustment")) or 0,
                                                                        "subject.adjust")
        out.append(ph.because(ph.say(way), reason))
    gap = _sign(n.value("budget.unspent"))
    reason = department_text(ph, "budget.execution_reason")
    said = {1: "budget.unspent", -1: "budget.overspent"}.get(gap or 0)
    subject = ph.say(said, gap="budget.unspent") if said else None
    if subject is not None:
        out.append(ph.because(subject, reason) or subject)
    elif reason is not None:
        way = {1: "subject.budget_under", -1: "subject.budget_over"}.get(gap or 0, "subject.budget_differs")
        out.append(ph.because(ph.say(way), reason))
    return out


# --- 年度主要工作: per key task, what was done and how far -----------------------------------

def work_intro(ph: Phrases) -> str | None:
    return ph.say("work.intro", year="year", count="key_tasks.count")


def work_items(ph: Phrases) -> list[Item]:
    """(lead, text, marks) per key task that the department described or did not complete."""
    n = ph.n
    out: list[Item] = []
    for i, t in enumerate(n.figures.dy.key_tasks):
        k = f"key_tasks[{i}]"
        shortfall = t.completion is not None and t.completion < HUNDRED
        if not (t.done and clause(t.done)) and not shortfall:
            continue
        lead = n.quote(f"input:{k}.name", clause(t.name)) + "。"
        parts: list[str | None] = []
        if t.done and clause(t.done):
            parts.append(ph.say("task.done", done=(f"input:{k}.done", clause(t.done))))
        if t.completion is not None:
            if shortfall:
                parts.append(ph.say("task.partial", completion=f"{k}.completion"))
                note = (f"input:{k}.note", clause(t.note)) if t.note and clause(t.note) else None
                parts.append(ph.because(ph.say("subject.task"), note))
            else:
                parts.append(ph.say("task.complete"))
        text = "".join(p + "。" for p in parts if p)
        out.append((lead, text, n.take()))
    return out


# --- 评价工作: how the evaluation was organised and the survey run -------------------------

def process_text(ph: Phrases) -> str | None:
    said = [ph.say(f"process.{f}", **{f: department_text(ph, f"evaluation.{f}")}) for f in ("team", "period", "method")]
    return "".join(s + "。" for s in said if s) or None


def survey_text(ph: Phrases) -> str | None:
    fields = ("method", "period", "sample", "respondents", "feedback")
    said = [ph.say(f"survey.{f}", **{f: department_text(ph, f"survey.{f}")}) for f in fields]
    return "".join(s + "。" for s in said if s) or None


# --- 存在的问题 and 改进措施 ----------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    cause: str
    leaves: tuple[IndicatorResult, ...]
    measures: tuple[dict[str, Any], ...]  # the entries of data/measures.yaml that answer it


def problems(ph: Phrases, kinds: dict[str, tuple[str, str]]) -> list[Problem]:
    """The indicators that lost points grouped by cause (from the measure each one calls for), in the
    order of :data:`CAUSES`; the indicators without data form the last group."""
    entries: list[dict[str, Any]] = nv.measure_entries()
    by_key = {str(m["key"]): m for m in entries}
    leaves: dict[str, list[IndicatorResult]] = {}
    chosen: dict[str, list[dict[str, Any]]] = {}
    for r in nv.lost_leaves(ph.n.result):
        metric_id, rule_kind = kinds.get(r.id, ("", ""))
        entry = by_key[nv.match_measure(r.name, metric_id, rule_kind, entries)]
        cause = str(entry.get("cause") or "management")
        leaves.setdefault(cause, []).append(r)
        if entry not in chosen.setdefault(cause, []):
            chosen[cause].append(entry)
    missing = [r for r in ph.n.result.leaves() if r.status is Status.MISSING]
    if missing:
        leaves.setdefault("data", []).extend(missing)
        chosen.setdefault("data", []).append(by_key["data_completeness"])
    return [Problem(c, tuple(leaves[c]), tuple(chosen[c])) for c in CAUSES if c in leaves]


def _task_index(r: IndicatorResult) -> int | None:
    m = TASK_METRIC.match(r.metric.key) if r.metric is not None else None
    return int(m.group(1)) if m else None


def _evidence(ph: Phrases, r: IndicatorResult, kind: tuple[str, str]) -> str | None:
    """One indicator's evidence: its value (or a key task's completion), score, and the stated reason."""
    n = ph.n
    score, weight = f"score:{r.id}", f"weight:{r.id}"
    reason: str | None = None
    i = _task_index(r)
    if i is not None:
        task = n.figures.dy.key_tasks[i]
        text = ph.say("evidence.task", name=named(r.name), completion=f"key_tasks[{i}].completion",
                      score=score, weight=weight)
        note = (f"input:key_tasks[{i}].note", clause(task.note)) if task.note and clause(task.note) else None
        reason = ph.because(ph.say("subject.task"), note)
    else:
        value = nv.metric_value_text(ph, r) if r.metric is not None and r.metric.value is not None else ""
        text = (ph.say("evidence.value", subject=value_subject(r.name, r.metric), value=value, score=score,
                       weight=weight) if value else ph.say("evidence.plain", name=r.name, score=score, weight=weight))
        metric_id, rule_kind = kind
        facts = "；".join(d for d in r.deductions if d != r.basis)
        stated = department_text(ph, METRIC_REASONS[metric_id]) if metric_id in METRIC_REASONS else None
        if rule_kind in FACT_RULES and facts:
            reason = n.quote(f"engine:deductions:{r.id}", facts)
        elif stated:
            reason = ph.say("evidence.stated", reason=stated)
    if text and reason:
        return ph.say("evidence.reason", evidence=text, reason=reason)
    return text


def problem_items(ph: Phrases, found: list[Problem], kinds: dict[str, tuple[str, str]]) -> list[Item]:
    """(lead, text, marks) per problem: the cause, then the evidence of every indicator behind it."""
    n = ph.n
    out: list[Item] = []
    for p in found:
        lead = ph.say(f"cause.{p.cause}") or ""
        if p.cause == "data":
            names = "、".join(r.name for r in p.leaves)
            said = [ph.say("evidence.missing", names=names, count="missing_count")]
        else:
            said = [_evidence(ph, r, kinds.get(r.id, ("", ""))) for r in p.leaves]
        text = "；".join(s for s in said if s)
        out.append((f"{lead}。", f"{text}。" if text else "", n.take()))
    return out


def measure_items(ph: Phrases, found: list[Problem]) -> list[Item]:
    """(lead, text, marks) per problem, in the same order: the measures that answer it, aimed at it."""
    n = ph.n
    out: list[Item] = []
    if not found:
        keep = next(m for m in nv.measure_entries() if m["key"] == "keep_up")
        text = n.quote("data:measures.keep_up", clean(str(keep["text"])))
        return [(clean(str(keep["title"])), text, n.take())]
    for p in found:
        texts = [n.quote(f"data:measures.{m['key']}", clause(str(m["text"]))) for m in p.measures]
        first = ph.say("measure.aimed", problem=ph.say(f"cause.{p.cause}"), measure=texts[0]) or texts[0]
        sentences: list[str | None] = [first, *texts[1:]]
        if p.cause == "targets":
            for r in p.leaves:
                i = _task_index(r)
                if i is not None:
                    sentences.append(ph.say("measure.task", name=named(r.name)))
        title = "，".join(clause(str(m["title"])) for m in p.measures) + "。"
        out.append((title, "".join(s + "。" for s in sentences if s), n.take()))
    return out


def application_text(ph: Phrases, issuer: str) -> str | None:
    return ph.say("application", issuer=("context:bureau", issuer))
