"""Sentence and heading templates of the report, kept in data files, one file per report family.

A family (``report/data/phrases/<id>.yaml``) names the frameworks it is the default for, its
headings and its templates: Chinese text with slots. ``{wan:diff}`` prints the engine value bound
to ``diff`` as an amount in 万元, ``{pct:rate}`` as a percentage, ``{abs_wan:…}``, ``{abs_pct:…}``,
``{abs_int:…}`` and ``{abs_score:…}`` its absolute value (the direction is in the template's
words), ``{score:…}`` and ``{int:…}`` a score and a count; ``{text:name}`` prints a text: a
``(source, text)`` pair is the department's or the engine's words, recorded as a quote of its
source, a plain string is our own words (a name, a clause built from another template). A part
in square brackets, ``[，结转结余率{pct:rate}]``, is left out when a value it needs is absent;
a value needed outside brackets that is absent makes the whole template give ``None``: a
sentence with a gap is never printed.

The code only chooses the template (up or down, with or without a reason, not applicable) and
binds its slots; :data:`TEMPLATES` is that contract, template by template. A family file is
validated when it is loaded: every template and heading of the contract is present, written
out or listed under ``inherited`` (taken from the family named by ``inherits``), and every
placeholder is one the code fills. A mistake is a :class:`PhraseError` naming the file, the
template and what is wrong.

Every number goes through :class:`jixiao.report.numbers.Numbers`, so it is the engine's value
for its key, formatted the one way the report formats it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jixiao.report.numbers import Mark, Numbers, Style

KINDS = ("wan", "money", "pct", "int", "score", "abs_wan", "abs_pct", "abs_int", "abs_score", "text")
SLOT = re.compile(r"\{(" + "|".join(KINDS) + r"):([a-z_0-9]+)\}")
OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
STYLES: dict[str, tuple[Style, bool]] = {
    "wan": ("wan", False), "money": ("money", False), "pct": ("pct", False), "int": ("int", False),
    "score": ("score", False), "abs_wan": ("wan", True), "abs_pct": ("pct", True), "abs_int": ("int", True),
    "abs_score": ("score", True),
}
DEFAULT_FAMILY = "score-sheet"
# a reason the department wrote as a list (“一是…；二是…”) is introduced, not run into our clause
ENUMERATED = re.compile(r"^\s*(一是|其一|首先|第一|（一）|\(一\)|一、|1[.、．）)])")

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


Text = tuple[str, str]  # (source, text): whose words, and the words
Bind = str | Text | None


class Said(str):
    """A filled template, with the marks of every number and quote in it: when a sentence leaves
    out a clause said before it (its bracketed part, or the whole sentence, is not printed), the
    clause's marks are forgotten, so every recorded number is a printed one."""

    marks: tuple[Mark, ...] = ()


class PhraseError(ValueError):
    """A report family file that does not fit the code's templates."""


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    frameworks: tuple[str, ...]
    headings: Mapping[str, str]
    templates: Mapping[str, str]


def join(parts: Sequence[str | None], sep: str = "，") -> Said | None:
    """Clauses said by templates, joined (with their marks); None when none was said."""
    kept = [p for p in parts if p]
    if not kept:
        return None
    said = Said(sep.join(kept))
    said.marks = tuple(m for p in kept if isinstance(p, Said) for m in p.marks)
    return said


def _slots(text: str) -> list[tuple[str, str]]:
    return [(k, s) for k, s in SLOT.findall(text)]


def _template_problems(fid: str, key: str, text: str) -> list[str]:
    where = f"报告样式 {fid}.yaml 的模板 {key}"
    problems = [f"{where} 中有无法识别的占位符 {slot}（应为 {{种类:名称}}，种类为 {'、'.join(KINDS)}）"
                for slot in re.findall(r"\{[^}]*\}", text) if not SLOT.fullmatch(slot)]
    allowed = TEMPLATES.get(key, frozenset())
    problems += [f"{where} 中的占位符 {{{kind}:{slot}}} 未知：此模板可用的占位符为 "
                 f"{'、'.join(sorted(allowed)) or '（无）'}" for kind, slot in _slots(text) if slot not in allowed]
    if re.search(r"\[[^\]]*\[|\][^\[]*\]", text) or text.count("[") != text.count("]"):
        problems.append(f"{where} 中的方括号不成对或有嵌套（可省略的部分用一层 [ ] 括起）")
    return problems


def _section(data: dict[str, Any], name: str) -> dict[str, str]:
    raw = data.get(name) or {}
    if not isinstance(raw, dict):
        raise PhraseError(f"{name} 应为“名称: 文字”的映射")
    return {str(k): clean(str(v)) for k, v in raw.items()}


def load_families(texts: Mapping[str, str]) -> dict[str, Family]:
    """Family files (id → YAML text), validated against :data:`TEMPLATES` and :data:`HEADINGS`;
    a :class:`PhraseError` lists every problem of every file."""
    import yaml

    raw: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for fid, text in texts.items():
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            problems.append(f"报告样式 {fid}.yaml 不是有效的 YAML：{exc}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("templates"), dict) or not data.get("name"):
            problems.append(f"报告样式 {fid}.yaml：缺少 name 或 templates")
            continue
        raw[fid] = data
    out: dict[str, Family] = {}
    for fid, data in raw.items():
        try:
            own = {"templates": _section(data, "templates"), "headings": _section(data, "headings")}
        except PhraseError as exc:
            problems.append(f"报告样式 {fid}.yaml：{exc}")
            continue
        inherited = data.get("inherited") or {}
        parent_id = data.get("inherits")
        merged: dict[str, dict[str, str]] = {}
        for part, contract in (("templates", frozenset(TEMPLATES)), ("headings", HEADINGS)):
            listed = [str(k) for k in (inherited.get(part) or [])] if isinstance(inherited, dict) else []
            parent = raw.get(str(parent_id)) if parent_id else None
            if listed and parent is None:
                problems.append(f"报告样式 {fid}.yaml 沿用了 {part}，但 inherits 未指明已有的样式（{parent_id}）")
                parent = {}
            got = dict(own[part])
            for key in listed:
                if key in got:
                    problems.append(f"报告样式 {fid}.yaml 的 {key} 既写出又列为沿用，只能取其一")
                elif parent is not None and key in (parent.get(part) or {}):
                    got[key] = clean(str(parent[part][key]))
                else:
                    problems.append(f"报告样式 {fid}.yaml 沿用的 {key} 在 {parent_id}.yaml 中没有")
            what = "模板" if part == "templates" else "标题"
            problems += [f"报告样式 {fid}.yaml 缺少{what} {key}（请写出，或列入 inherited.{part} 以沿用 inherits 所指样式）"
                         for key in sorted(contract - got.keys())]
            problems += [f"报告样式 {fid}.yaml 有未知的{what} {key}（代码中没有使用它的地方）"
                         for key in sorted(got.keys() - contract)]
            merged[part] = got
        for key, text in merged["templates"].items():
            if key in TEMPLATES:
                problems += _template_problems(fid, key, text)
        out[fid] = Family(fid, str(data["name"]), tuple(data.get("frameworks") or ()), merged["headings"],
                          merged["templates"])
    if problems:
        raise PhraseError("报告句式文件有误：\n" + "\n".join(problems))
    return out


@cache
def families() -> dict[str, Family]:
    folder = resources.files("jixiao.report").joinpath("data/phrases")
    texts = {e.name.removesuffix(".yaml"): e.read_text(encoding="utf-8")
             for e in sorted(folder.iterdir(), key=lambda e: e.name) if e.name.endswith(".yaml")}
    return load_families(texts)


def family_for(framework_id: str | None, chosen: str | None = None) -> Family:
    """The family the user chose, else the one that lists the framework, else the default."""
    fams = families()
    if chosen is not None:
        if chosen not in fams:
            raise KeyError(f"未知的报告样式：{chosen}；可选：{'、'.join(fams)}")
        return fams[chosen]
    for fam in fams.values():
        if framework_id in fam.frameworks:
            return fam
    return fams[DEFAULT_FAMILY]


class Phrases:
    """Fills a family's templates with engine values (by key) and texts."""

    def __init__(self, family: Family, n: Numbers) -> None:
        self.family = family
        self.n = n

    def heading(self, name: str) -> str:
        return self.family.headings[name]

    def _ready(self, text: str, bind: Mapping[str, Bind]) -> bool:
        for kind, slot in _slots(text):
            value = bind[slot]
            if value is None:
                return False
            if kind == "text":
                if not (value[1] if isinstance(value, tuple) else value):
                    return False
            elif not isinstance(value, str) or not self.n.has(value):
                return False
        return True

    def say(self, name: str, /, **bind: Bind) -> str | None:
        """The template ``name`` with its slots filled; None when a value or text it needs is absent
        (a bracketed part that needs an absent value is left out)."""
        template = self.family.templates[name]
        unbound = sorted({slot for _, slot in _slots(template)} - bind.keys())
        if unbound:
            raise KeyError(f"template {name} of family {self.family.id}: nothing bound to {', '.join(unbound)}")
        text = OPTIONAL.sub(lambda m: m.group(1) if self._ready(m.group(1), bind) else "", template)
        if not self._ready(text, bind):
            self._forget(bind, set())
            return None
        used = {slot for _, slot in _slots(text)}
        self._forget(bind, used)
        start = self.n.recorded()

        def fill(m: re.Match[str]) -> str:
            kind, slot = m.group(1), m.group(2)
            value = bind[slot]
            assert value is not None
            if kind == "text":
                return self.n.quote(value[0], value[1]) if isinstance(value, tuple) else value
            assert isinstance(value, str)
            style, absolute = STYLES[kind]
            return self.n.fmt_abs(value, style) if absolute else self.n.fmt(value, style)

        said = Said(SLOT.sub(fill, text))
        said.marks = self.n.since(start) + tuple(m for slot in used if isinstance(v := bind[slot], Said)
                                                 for m in v.marks)
        return said

    def _forget(self, bind: Mapping[str, Bind], used: set[str]) -> None:
        for slot, value in bind.items():
            if isinstance(value, Said) and slot not in used:
                self.n.forget(value.marks)

    def because(self, subject: str | None, reason: Text | None) -> str | None:
        """“<subject>的主要原因是<reason>”, or the family's introduction of a listed reason."""
        if not subject or reason is None or not reason[1]:
            return None
        return self.say("because.list" if ENUMERATED.match(reason[1]) else "because", subject=subject, reason=reason)


def _contract(spec: str) -> dict[str, frozenset[str]]:
    """``key: slot slot …`` lines → the slots the code binds for each template."""
    out: dict[str, frozenset[str]] = {}
    for line in spec.strip().splitlines():
        key, _, slots = line.partition(":")
        out[key.strip()] = frozenset(slots.split())
    return out


# Every template the code says, with the slots it binds (a family may use fewer, never others).
TEMPLATES: Mapping[str, frozenset[str]] = _contract("""
because: subject reason
because.list: subject reason
subject.up: label
subject.down: label
subject.changed: label
subject.budget_under:
subject.budget_over:
subject.budget_differs:
subject.adjust_up:
subject.adjust_down:
subject.adjust:
subject.three_public_under:
subject.three_public_over:
subject.three_public_differs:
subject.task:
budget.unspent: gap
budget.overspent: gap
work.intro: year count
task.done: done
task.complete:
task.partial: completion
process.team: team
process.period: period
process.method: method
survey.method: method
survey.period: period
survey.sample: sample
survey.respondents: respondents
survey.feedback: feedback
cause.preparation:
cause.execution:
cause.targets:
cause.management:
cause.outcome:
cause.data:
evidence.task: name completion score weight
evidence.value: subject value score weight
evidence.plain: name score weight
evidence.reason: evidence reason
evidence.stated: reason
evidence.missing: names count
measure.aimed: problem measure
measure.task: name
none.problems:
application: issuer
title: year
intro: bureau notice year framework total grade
organisation.internal: units count
organisation.subordinate: count units
staffing.sentence: parts rate note
staffing.authorized: authorized
staffing.actual: actual
staffing.retired: retired
staffing.authorized.change: change
staffing.actual.change: change
work.table:
work.table_only: year count
goals.table: year count
finance.source: source
compared.year:
compared.since:
change.wan.equal:
change.wan.up: compared diff
change.wan.up.rate: compared diff rate
change.wan.down: compared diff
change.wan.down.rate: compared diff rate
change.people.equal:
change.people.up: compared diff
change.people.down: compared diff
budget.final: year final parts adjustment_rate
budget.part.initial: initial
budget.part.added: adjustment
budget.part.reduced: adjustment
budget.part.unchanged:
budget.part.carried: carried
budget.initial: year initial carried
budget.execution: final spent rate
revenue.total: year total parts
revenue.fiscal: amount share
revenue.other: amount share
revenue.change: change
revenue.fiscal.change: change
uses.revenue:
uses.revenue_and_carried:
uses.sentence: sources total basic basic_share project project_share carryover carryover_share
expenditure.total: year total parts
expenditure.basic: amount share inner
expenditure.personnel: amount share
expenditure.public: amount share
expenditure.project: amount share
expenditure.change: change
expenditure.basic.change: change
expenditure.project.change: change
project.line: name parts note
project.budget: budget
project.actual: actual
project.rate: rate
carryover.amount: year amount rate change
three_public.split: year actual change budget in_scope rate
three_public.head: year parts
three_public.budget: budget
three_public.actual: actual
three_public.actual_only: actual
three_public.rate: rate
three_public.item: label parts
three_public.item.budget: budget
three_public.item.actual: actual
three_public.item.rate: rate
three_public.item.out_of_scope:
three_public.items: items
public_funds.sentence: year budget actual rate
procurement.none: year
procurement.head: year parts
procurement.budget: budget
procurement.actual: actual
procurement.rate: rate
procurement.kinds: kinds
procurement.goods: amount
procurement.works: amount
procurement.services: amount
procurement.sme: sme sme_share small_micro small_micro_share
assets.total: year total change
assets.fixed: fixed_total in_use rate
assets.fixed_rate: rate
evaluation.method: framework document tops top_count leaf_count max_total year grades
evaluation.top: name weight
evaluation.grade: grade band
band.below: bound
band.above: bound
band.from_inclusive: bound
band.to_inclusive: bound
band.range: low high
surveys.sentence: responses groups rates
surveys.group_responses: name responses
surveys.group_rate: name rate
surveys.rate.one: rates
surveys.rate.many: rates
score.summary: year parts total grade
score.summary.incomplete: year parts total missing
score.part: name score weight
score.part.missing: name
indicator.heading: name
indicator.top: name weight got lost
indicator.got: score
indicator.top_missing:
indicator.missing:
indicator.node: weight got
indicator.lead: name weight
metric.sentence: name formula inputs value
metric.input: label value
metric.not_applicable:
leaf.missing: missing
leaf.score: score
conclusion: year total grade
conclusion.incomplete: year total missing
score.change: change grade
score.change.up: prior diff
score.change.down: prior diff
score.change.equal: prior
score.grade.same:
score.grade.changed: grade
table.grade: grade
table.ungraded:
""")

# Every heading the code asks for.
HEADINGS = frozenset({
    "application", "basic", "cell.missing", "cell.no", "cell.yes", "col.actual", "col.actual_value",
    "col.asset_class", "col.asset_share", "col.budget", "col.change", "col.change_rate", "col.completion",
    "col.count", "col.in_use", "col.item", "col.last_year", "col.level1", "col.level2", "col.level3", "col.met",
    "col.original", "col.rate", "col.reason", "col.score", "col.serial", "col.share", "col.target",
    "col.target_category", "col.target_value", "col.task", "col.task_note", "col.this_year", "col.value",
    "col.weight", "conclusion", "evaluation", "figure.scores", "figure.structure", "figure.three_public",
    "finance", "finance.assets", "finance.budget", "finance.carryover", "finance.expenditure",
    "finance.procurement", "finance.public_funds", "finance.revenue", "finance.three_public", "functions", "goals",
    "measures", "method", "organisation", "problems", "row.basic", "row.expenditure_total", "row.out_of_scope",
    "row.personnel", "row.project", "row.public", "row.total", "row.total_all", "row.total_in_scope", "scoring",
    "table.expenditure", "table.fixed_assets", "table.key_tasks", "table.scores", "table.targets",
    "table.three_public", "work"
})


__all__ = ["Family", "PhraseError", "Phrases", "Said", "Text", "clause", "families", "family_for", "join", "load_families"]
