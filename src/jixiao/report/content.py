"""Build the self-evaluation report as a pure structure from data, result and framework.

Section order follows the seed reports: 一、基本情况 二、收支情况 三、自评情况
四、存在的问题 五、改进措施 六、结果应用与公开. A subsection whose data is absent
is left out (and noted in ``Report.gaps``) rather than filled with placeholder text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.engine.targets import target_met
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.report import analysis as an
from jixiao.report import narrative as nv
from jixiao.report.model import Block, ChartSpec, FigureRef, Heading, Para, Report, Table
from jixiao.report.narrative import cn_number
from jixiao.report.numbers import Numbers
from jixiao.report.phrases import Phrases, _sentence, family_for
from jixiao.textfmt import score as fs

ZERO = Decimal(0)


class Outline:
    """Numbering after GB/T 9704 §7.3.3: 一、 / （一） / 1. / （1）."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0]
        self.tables = 0
        self.figures = 0

    def table(self, title: str) -> str:
        self.tables += 1
        return f"表{self.tables} {title}"

    def figure(self, title: str) -> str:
        self.figures += 1
        return f"图{self.figures} {title}"

    def _next(self, level: int) -> int:
        self.counts[level - 1] += 1
        for i in range(level, 4):
            self.counts[i] = 0
        return self.counts[level - 1]

    def h1(self, text: str) -> Heading:
        return Heading(1, f"{cn_number(self._next(1))}、{text}")

    def h2(self, text: str) -> Heading:
        return Heading(2, f"（{cn_number(self._next(2))}）{text}")

    def n3(self) -> str:
        return f"{self._next(3)}."

    def n4(self) -> str:
        return f"（{self._next(4)}）"


def document_date(dy: DepartmentYear) -> date:
    """A fixed date for document metadata: the report date, else 1 January of the next year."""
    return dy.profile.report_date or date(dy.profile.year + 1, 1, 1)


def build_report(dy: DepartmentYear, result: EvaluationResult, fw: Framework, style: str | None = None) -> Report:
    """The report of one evaluation. Every number comes from ``result`` (its figures and scores).

    ``style`` names the report family (``report/data/phrases/<style>.yaml``) whose headings and
    sentence templates the analysis uses; by default the family that lists the framework."""
    n = Numbers(result)
    ph = Phrases(family_for(fw.id, style), n)
    o = Outline()
    blocks: list[Block] = []
    gaps: list[str] = []
    charts = _charts(ph)
    chart_keys = {c.key for c in charts}

    blocks += _intro(ph, fw)
    blocks += _basic(ph, o, gaps)
    blocks += _finance(ph, o, gaps, chart_keys)
    blocks += _evaluation(ph, fw, o, chart_keys)
    found = an.problems(ph, indicator_kinds(result, fw))
    blocks += _problems(ph, o, found, indicator_kinds(result, fw))
    blocks += _measures(ph, o, found)
    blocks += _disclosure(ph, fw, o)

    p = dy.profile
    signature = [p.name]
    if p.report_date is not None:
        d = p.report_date
        signature.append(f"{d.year}年{d.month}月{d.day}日")
    return Report(
        title=(p.name, ph.say("title", year=str(p.year)) or ""),
        blocks=tuple(blocks),
        signature=tuple(signature),
        department=p.name,
        year=p.year,
        doc_date=document_date(dy),
        charts=tuple(charts),
        gaps=tuple(gaps),
    )


def bureau_and_notice(dy: DepartmentYear, fw: Framework) -> tuple[str, str | None]:
    """The department's finance bureau and this year's notice: as the department gives them, else the
    framework's issuer and document when the framework is the one of the department's region and year,
    else the region's finance department without a document (never another region's or year's)."""
    p = dy.profile
    local = fw.is_local_to(p.region, p.year)
    bureau = p.finance_bureau or (fw.issuer if local and fw.issuer else None) or (
        f"{p.region}财政部门" if p.region else "财政部门")
    notice = p.notice or (fw.document if local else None)
    return bureau, notice


def _intro(ph: Phrases, fw: Framework) -> list[Block]:
    n = ph.n
    bureau, notice = bureau_and_notice(n.figures.dy, fw)
    text = ph.say("intro", bureau=("context:bureau", bureau), notice=("context:notice", notice) if notice else None,
                  year="year", framework=("framework:name", fw.name), total="result.total", grade=n.result.grade)
    return [Para(text or "", marks=n.take())]


def _basic(ph: Phrases, o: Outline, gaps: list[str]) -> list[Block]:
    n = ph.n
    dy = n.figures.dy
    p = dy.profile
    out: list[Block] = [o.h1(ph.heading("basic"))]
    if p.functions:
        out.append(o.h2(ph.heading("functions")))
        for i, fn in enumerate(p.functions):
            lead = o.n3() if len(p.functions) > 1 else ""
            out.append(Para(n.quote(f"input:profile.functions[{i}]", _sentence(fn)), lead=lead, marks=n.take()))
    else:
        gaps.append("部门职能（profile.functions）")
    org: list[str] = []
    if p.institution:
        org.append(n.quote("input:profile.institution", _sentence(p.institution)))
    org += [s for s in (
        ph.say("organisation.internal", units="、".join(p.internal_units), count="profile.internal_units.count"),
        ph.say("organisation.subordinate", units="、".join(p.subordinate_units),
               count="profile.subordinate_units.count")) if s]
    org_marks = n.take()
    staffing = "".join(nv.staffing_sentences(ph))
    staffing_marks = n.take()
    if org or staffing:
        out.append(o.h2(ph.heading("organisation")))
        if org:
            out.append(Para("".join(org), marks=org_marks))
        if staffing:
            out.append(Para(staffing, marks=staffing_marks))
    else:
        gaps.append("机构设置与人员编制（profile.institution、staffing）")
    if p.work_summary or dy.key_tasks:
        out.append(o.h2(ph.heading("work")))
        if p.work_summary:
            out.append(Para(n.quote("input:profile.work_summary", _sentence(p.work_summary)), marks=n.take()))
        if dy.key_tasks:
            items = an.work_items(ph)
            if items:
                out.append(Para(an.work_intro(ph) or "", marks=n.take()))
                out += [Para(text, lead=f"{o.n3()}{lead}", marks=marks) for lead, text, marks in items]
                out.append(Para(ph.say("work.table") or "", marks=n.take()))
            else:
                out.append(Para(ph.say("work.table_only", year="year", count="key_tasks.count") or "", marks=n.take()))
            out.append(_key_task_table(ph, o))
    else:
        gaps.append("年度工作与重点任务（profile.work_summary、key_tasks）")
    if p.performance_goal or dy.targets:
        out.append(o.h2(ph.heading("goals")))
        if p.performance_goal:
            out.append(Para(n.quote("input:profile.performance_goal", _sentence(p.performance_goal)),
                            marks=n.take()))
        if dy.targets:
            out.append(Para(ph.say("goals.table", year="year", count="targets.count") or "", marks=n.take()))
            out.append(_target_table(ph, o))
    else:
        gaps.append("绩效目标（profile.performance_goal、targets）")
    return out


def _key_task_table(ph: Phrases, o: Outline) -> Table:
    n = ph.n
    rows = []
    for i, t in enumerate(n.figures.dy.key_tasks):
        k = f"key_tasks[{i}]"
        rows.append((str(i + 1), n.quote(f"input:{k}.name", t.name),
                     n.score(f"{k}.weight") if t.weight is not None else "—",
                     n.pct(f"{k}.completion") if t.completion is not None else "—",
                     n.quote(f"input:{k}.note", t.note or "")))
    return Table(o.table(ph.heading("table.key_tasks")), (_cols(ph, "serial", "task", "weight", "completion", "task_note"),),
                 tuple(rows), (0.6, 4.2, 0.8, 1.2, 3.2), (False, False, True, True, False), unit=None, marks=n.take())


def _target_table(ph: Phrases, o: Outline) -> Table:
    n = ph.n
    rows = []
    for i, t in enumerate(n.figures.dy.targets):
        unit = t.unit or ""
        met = target_met(t)
        k = f"targets[{i}]"
        direction = t.direction.value if t.direction.value != "定性" else ""
        rows.append((t.category + (f"/{t.subcategory}" if t.subcategory else ""), n.quote(f"input:{k}.name", t.name),
                     f"{direction}{_val(n, f'{k}.target', t.target)}{unit}",
                     f"{_val(n, f'{k}.actual', t.actual)}{unit}", "—" if met is None else ph.heading("cell.yes" if met else "cell.no")))
    return Table(o.table(ph.heading("table.targets")),
                 (_cols(ph, "target_category", "target", "target_value", "actual_value", "met"),),
                 tuple(rows), (1.6, 3.6, 1.6, 1.6, 1.0), (False, False, True, True, False), unit=None, marks=n.take())


def _val(n: Numbers, key: str, v: Decimal | str | None) -> str:
    """A target or actual value: a number the department entered, or its own words."""
    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return n.quote(f"input:{key}", fs(v))
    return n.quote(f"input:{key}", v)


def _finance(ph: Phrases, o: Outline, gaps: list[str], charts: set[str]) -> list[Block]:
    n = ph.n
    out: list[Block] = [o.h1(ph.heading("finance"))]
    source = nv.source_sentence(ph)
    if source:
        out.append(Para(source, marks=n.take()))
    sections: list[tuple[str, Callable[[Phrases], list[str]]]] = [
        ("budget", nv.budget_sentences),
        ("revenue", nv.revenue_sentences),
        ("expenditure", lambda ph: nv.expenditure_sentences(ph) + nv.project_sentences(ph)),
        ("carryover", nv.carryover_sentences),
        ("three_public", nv.three_public_sentences),
        ("public_funds", nv.public_funds_sentences),
        ("procurement", nv.procurement_sentences),
        ("assets", nv.asset_sentences),
    ]
    for section, build in sections:
        title = ph.heading(f"finance.{section}")
        sentences = build(ph)
        if sentences:
            sentences += an.reason_sentences(ph, section)
        if not sentences:
            if section != "public_funds":
                gaps.append(f"{title}所需数据")
            n.take()
            continue
        out.append(o.h2(title))
        out.append(Para("".join(sentences), marks=n.take()))
        make_table, chart = _SECTION_EXTRAS.get(section, (None, None))
        table = make_table(ph, o) if make_table is not None else None
        if table:
            out.append(table)
        if chart is not None and chart[0] in charts:
            out.append(FigureRef(chart[0], o.figure(ph.heading(chart[1]))))
    return out


INDENT = "　　"  # two ideographic spaces: a row that is part of the row above


def _cols(ph: Phrases, *names: str) -> tuple[str, ...]:
    """Column headings of a table, from the family's ``col.*`` headings."""
    return tuple(ph.heading(f"col.{name}") for name in names)


def _m(n: Numbers, key: str) -> str:
    return n.money(key) if n.has(key) else "—"


def _p(n: Numbers, key: str) -> str:
    return n.pct(key) if n.has(key) else "—"


def _expenditure_table(ph: Phrases, o: Outline) -> Table | None:
    n = ph.n
    dy = n.figures.dy
    e, p = dy.expenditure, dy.prior
    if e.total is None or (e.basic is None and e.project is None):
        return None
    has_prior = any(v is not None for v in (p.expenditure_total, p.basic, p.project))
    header = _cols(ph, "item", "this_year", "share") + (_cols(ph, "last_year", "change", "change_rate") if has_prior else ())
    rows: list[tuple[str, ...]] = []

    def row(label: str, cur: str, share: str | None, yoy: str | None, prev: str | None) -> None:
        if not n.has(cur):
            return
        r: tuple[str, ...] = (label, n.money(cur), _p(n, share) if share else "—")
        if has_prior:
            r += (_m(n, prev) if prev else "—", _m(n, f"yoy.{yoy}.diff") if yoy else "—",
                  _p(n, f"yoy.{yoy}.rate") if yoy else "—")
        rows.append(r)

    label = ph.heading
    row(label("row.expenditure_total"), "expenditure.total", "expenditure.share_total", "expenditure",
        "prior.expenditure_total")
    row(label("row.basic"), "expenditure.basic", "expenditure.basic_share", "basic", "prior.basic")
    # indented under 基本支出; 公用经费 aligned under 人员经费 (after “其中：”)
    row(INDENT + label("row.personnel"), "expenditure.personnel", "expenditure.personnel_share", None, None)
    row(INDENT + "　" * (len(label("row.personnel")) - len(label("row.public"))) + label("row.public"),
        "expenditure.public", "expenditure.public_share", None, None)
    row(label("row.project"), "expenditure.project", "expenditure.project_share", "project", "prior.project")
    width = len(header)
    return Table(o.table(ph.heading("table.expenditure")), (header,), tuple(rows), (3.2,) + (1.4,) * (width - 1),
                 (False,) + (True,) * (width - 1), strong_rows=frozenset({0}), marks=n.take())


def _three_public_table(ph: Phrases, o: Outline) -> Table | None:
    n = ph.n
    items = n.figures.dy.three_public.items
    if not items:
        return None
    has_last = any(i.last_year_actual is not None for i in items)
    header = _cols(ph, "item", "budget", "actual", "rate") + (
        _cols(ph, "last_year", "change", "change_rate") if has_last else ())
    rows: list[tuple[str, ...]] = []
    yoy: tuple[str, ...] = ()
    if has_last:
        yoy = (_m(n, "three_public.last_actual"), _m(n, "three_public.yoy.diff"), _p(n, "three_public.yoy.rate"))
    if nv.three_public_split(n):
        # Budget and control rate cover only the budget's scope; the whole total stands on its own row.
        rows.append((ph.heading("row.total_in_scope"), _m(n, "three_public.budget"), _m(n, "three_public.actual_in_scope"),
                     _p(n, "three_public.control_rate")) + ("—",) * len(yoy))
        rows.append((ph.heading("row.total_all"), "—", _m(n, "three_public.actual"), "—", *yoy))
    else:
        rows.append((ph.heading("row.total"), _m(n, "three_public.budget"), _m(n, "three_public.actual"),
                     _p(n, "three_public.control_rate"), *yoy))
    strong = frozenset(range(len(rows)))
    for i, it in enumerate(items):
        k = f"three_public.items[{i}]"
        label = it.kind.label + (ph.heading("row.out_of_scope") if not it.in_budget_scope else "")
        r: tuple[str, ...] = (label, _m(n, f"{k}.budget"), _m(n, f"{k}.actual"), _p(n, f"{k}.rate"))
        if has_last:
            r += (_m(n, f"{k}.last_year_actual"), _m(n, f"{k}.yoy.diff"), _p(n, f"{k}.yoy.rate"))
        rows.append(r)
    width = len(header)
    return Table(o.table(ph.heading("table.three_public")), (header,), tuple(rows), (3.6,) + (1.3,) * (width - 1),
                 (False,) + (True,) * (width - 1), strong_rows=strong, marks=n.take())


def _fixed_asset_table(ph: Phrases, o: Outline) -> Table | None:
    n = ph.n
    if not n.figures.dy.assets.fixed_assets:
        return None
    rows = []
    for i, c in enumerate(n.figures.dy.assets.fixed_assets):
        k = f"assets.fixed_assets[{i}]"
        rows.append((n.quote(f"input:{k}.name", c.name), n.int(f"{k}.count") if c.count is not None else "—",
                     _m(n, f"{k}.amount"), _m(n, f"{k}.in_use"), _p(n, f"{k}.share")))
    rows.append((ph.heading("row.total"), n.int("assets.fixed_count") if n.has("assets.fixed_count") else "—",
                 _m(n, "assets.fixed_total"), _m(n, "assets.fixed_in_use"), _p(n, "assets.fixed_share_total")))
    return Table(o.table(ph.heading("table.fixed_assets")),
                 (_cols(ph, "asset_class", "count", "original", "in_use", "asset_share"),), tuple(rows),
                 (3.0, 1.0, 1.8, 1.8, 1.8), (False, True, True, True, True), strong_rows=frozenset({len(rows) - 1}),
                 marks=n.take())


# what follows a finance section's paragraph: its table (None when the data lack it) and its chart (key, heading)
_SECTION_EXTRAS: dict[str, tuple[Callable[[Phrases, Outline], Table | None], tuple[str, str] | None]] = {
    "expenditure": (_expenditure_table, ("budget-structure", "figure.structure")),
    "three_public": (_three_public_table, ("three-public", "figure.three_public")),
    "assets": (_fixed_asset_table, None),
}


# --- 三、自评情况 ---------------------------------------------------------------

def _evaluation(ph: Phrases, fw: Framework, o: Outline, charts: set[str]) -> list[Block]:
    n = ph.n
    result = n.result
    out: list[Block] = [o.h1(ph.heading("evaluation"))]
    out.append(o.h2(ph.heading("method")))
    tops = "、".join(ph.say("evaluation.top", name=t.name, weight=f"weight:{t.id}") or "" for t in result.indicators)
    grades = "、".join(ph.say("evaluation.grade", grade=g.grade, band=_band(ph, i, g.min, g.max, g.min_inclusive,
                                                                          g.max_inclusive)) or ""
                      for i, g in enumerate(fw.grades))
    out.append(Para(ph.say("evaluation.method", framework=("framework:name", fw.name),
                           document=("framework:document", fw.document) if fw.document else None, tops=tops,
                           top_count="top_count", leaf_count="leaf_count", max_total="result.max_total", year="year",
                           grades=grades) or "", marks=n.take()))
    process = an.process_text(ph)
    if process:
        out.append(Para(process, marks=n.take()))
    survey = "".join(t for t in (nv.survey_sentence(ph), an.survey_text(ph)) if t)
    if survey:
        out.append(Para(survey, marks=n.take()))
    out.append(o.h2(ph.heading("scoring")))
    out.append(Para(nv.score_summary(ph), marks=n.take()))
    out.append(score_table(ph, o))
    if "scores" in charts:
        out.append(FigureRef("scores", o.figure(ph.heading("figure.scores"))))
    for top in result.indicators:
        out.append(o.h2(ph.say("indicator.heading", name=top.name) or top.name))
        got = (ph.say("indicator.got", score=f"score:{top.id}") if top.score is not None
               else ph.say("indicator.top_missing"))
        lost = [r.name for r in top.leaves() if r.lost > 0 and r.status is not Status.MISSING]
        out.append(Para(ph.say("indicator.top", name=top.name, weight=f"weight:{top.id}", got=got,
                               lost="、".join(lost) or None) or "", marks=n.take()))
        for child in top.children:
            out += _discuss(ph, child, o)
        if not top.children:
            out.append(Para(nv.leaf_paragraph(ph, top), marks=n.take()))
    out.append(o.h2(ph.heading("conclusion")))
    if result.grade is not None:
        said = ph.say("conclusion", year="year", total="result.total", grade=result.grade)
    else:
        said = ph.say("conclusion.incomplete", year="year", total="result.total", missing="missing_count")
    out.append(Para((said or "") + (nv.score_change(ph) or ""), marks=n.take()))
    return out


def _band(ph: Phrases, i: int, lo: Decimal, hi: Decimal, lo_inc: bool, hi_inc: bool) -> str:
    """A grade band in words; the bounds are the framework's own numbers."""
    def bound(name: str, end: str, value: Decimal) -> str:
        return ph.say(name, bound=(f"framework:grades[{i}].{end}", fs(value))) or ""

    if lo == 0 and not hi_inc:
        return bound("band.below", "max", hi)
    left = bound("band.from_inclusive" if lo_inc else "band.above", "min", lo)
    if hi_inc and hi >= 100:
        return left
    right = bound("band.to_inclusive" if hi_inc else "band.below", "max", hi)
    return ph.say("band.range", low=left, high=right) or left


def _discuss(ph: Phrases, node: IndicatorResult, o: Outline) -> list[Block]:
    """Level-2 nodes get a "1." lead, their leaves "（1）"; deeper trees flatten to leaves."""
    n = ph.n

    def lead(number: str, r: IndicatorResult) -> str:
        return number + (ph.say("indicator.lead", name=r.name, weight=f"weight:{r.id}") or "")

    if not node.children:
        first = lead(o.n3(), node)
        return [Para(nv.leaf_paragraph(ph, node), lead=first, marks=n.take())]
    first = lead(o.n3(), node)
    got = ph.say("indicator.got", score=f"score:{node.id}") if node.score is not None else ph.say("indicator.missing")
    out: list[Block] = [Para(ph.say("indicator.node", weight=f"weight:{node.id}", got=got) or "", lead=first,
                             marks=n.take())]
    for leaf in node.leaves():
        out.append(Para(nv.leaf_paragraph(ph, leaf), lead=lead(o.n4(), leaf), marks=n.take()))
    return out


def score_table(ph: Phrases, o: Outline) -> Table:
    """The 评分表: one row per indicator with its level path, weight, value, score and deduction reasons."""
    n = ph.n
    result = n.result
    rows: list[tuple[str, ...]] = []
    strong: set[int] = set()
    for r in result.walk():
        names = ["", "", ""]
        names[min(r.level, 3) - 1] = r.name
        if r.children:
            strong.add(len(rows))
        weight = n.score(f"weight:{r.id}")
        value = nv.metric_value_text(ph, r) if not r.children else ""
        got = ph.heading("cell.missing") if r.status is Status.MISSING else n.score(f"score:{r.id}")
        reason = "；".join(r.deductions) if r.deductions else ("；".join(r.missing) if r.missing else "")
        rows.append((*names, weight, value, got, n.quote(f"engine:reasons:{r.id}", reason)))
    strong.add(len(rows))
    grade = ph.say("table.grade", grade=result.grade) or ph.say("table.ungraded") or ""
    rows.append((ph.heading("row.total"), "", "", n.score("result.max_total"), "", n.score("result.total"), grade))
    return Table(o.table(ph.heading("table.scores")),
                 (_cols(ph, "level1", "level2", "level3", "weight", "value", "score", "reason"),),
                 tuple(rows), (18, 20, 31, 12, 18, 12, 45),
                 (False, False, False, True, True, True, False), unit=None, strong_rows=frozenset(strong),
                 marks=n.take())


# --- 四、五、六 -------------------------------------------------------------------

def _problems(ph: Phrases, o: Outline, found: list[an.Problem], kinds: dict[str, tuple[str, str]]) -> list[Block]:
    out: list[Block] = [o.h1(ph.heading("problems"))]
    if not found:
        out.append(Para(ph.say("none.problems") or ""))
        return out
    for lead, text, marks in an.problem_items(ph, found, kinds):
        out.append(Para(text, lead=f"{o.n3()}{lead}", marks=marks))
    return out


def indicator_kinds(result: EvaluationResult, fw: Framework) -> dict[str, tuple[str, str]]:
    """Indicator id → (metric id, rule kind), including tasks expanded from ``key_tasks``."""
    kinds: dict[str, tuple[str, str]] = {}
    for _, ind in fw.walk():
        kind = ind.rule.kind if ind.rule is not None else ""
        kinds[ind.id] = (ind.metric or "", kind)
        if ind.expand == "key_tasks":
            for r in result.walk():
                if r.id.startswith(ind.id + "."):
                    kinds[r.id] = ("key_task_completion", kind)
    return kinds


def _measures(ph: Phrases, o: Outline, found: list[an.Problem]) -> list[Block]:
    out: list[Block] = [o.h1(ph.heading("measures"))]
    for lead, text, marks in an.measure_items(ph, found):
        out.append(Para(text, lead=f"{o.n3()}{lead}", marks=marks))
    return out


def _disclosure(ph: Phrases, fw: Framework, o: Outline) -> list[Block]:
    issuer, _ = bureau_and_notice(ph.n.figures.dy, fw)
    return [o.h1(ph.heading("application")),
            Para(an.application_text(ph, issuer) or "", marks=ph.n.take())]


# --- charts ------------------------------------------------------------------------

def _charts(ph: Phrases) -> list[ChartSpec]:
    """Charts of the engine's figures; a series without any value is left out (no bars of 0.00)."""
    n = ph.n
    out: list[ChartSpec] = []
    groups = []
    keys: list[str] = []
    for title, parts in (("基本支出与项目支出", (("基本支出", "expenditure.basic", "expenditure.basic_share"),
                                                ("项目支出", "expenditure.project", "expenditure.project_share"))),
                         ("人员经费与公用经费", (("人员经费", "expenditure.personnel", "expenditure.personnel_share"),
                                                ("公用经费", "expenditure.public", "expenditure.public_share")))):
        values = [n.value(v) for _, v, _ in parts]
        shares = [n.value(s) for _, _, s in parts]
        # a pie only where the engine has every share (the text states the same percentages)
        if any(v is None for v in values + shares) or sum((v for v in values if v is not None), ZERO) <= 0:
            continue
        groups.append((title, tuple(lab for lab, _, _ in parts), tuple(v for v in values if v is not None),
                       tuple(shares)))
        keys += [v for _, v, _ in parts] + [s for _, _, s in parts]
    if groups:
        out.append(ChartSpec("budget-structure", "chart-budget-structure.png", ph.heading("figure.structure"), "pies", (), (),
                             groups=tuple(groups), keys=tuple(keys)))
    items = [(i, it) for i, it in enumerate(n.figures.dy.three_public.items)
             if it.budget is not None or it.actual is not None]
    if items:
        series: list[tuple[str, tuple[Decimal | None, ...]]] = []
        keys = []
        for name, field in (("预算数", "budget"), ("实际支出", "actual")):
            ks = [f"three_public.items[{i}].{field}" for i, _ in items]
            row = tuple(n.value(k) for k in ks)
            if any(v is not None for v in row):
                series.append((name, row))
                keys += ks
        out.append(ChartSpec("three-public", "chart-three-public.png", ph.heading("figure.three_public"), "bars",
                             tuple(it.kind.label for _, it in items), tuple(series), keys=tuple(keys)))
    tops = n.result.indicators
    out.append(ChartSpec(
        "scores", "chart-scores.png", ph.heading("figure.scores"), "bars",
        tuple(t.name for t in tops),
        (("满分", tuple(t.weight for t in tops)), ("得分", tuple(t.score for t in tops))),
        unit="分", keys=tuple([f"weight:{t.id}" for t in tops] + [f"score:{t.id}" for t in tops]),
    ))
    return out


__all__ = ["build_report", "document_date", "score_table"]
