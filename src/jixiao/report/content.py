"""Build the self-evaluation report as a pure structure from data, result and framework.

Section order follows the seed reports: 一、基本情况 二、收支情况 三、自评情况
四、存在的问题 五、改进措施 六、结果应用与公开. A subsection whose data is absent
is left out (and noted in ``Report.gaps``) rather than filled with placeholder text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.report import narrative as nv
from jixiao.report.figures import Figures, derive, three_public_totals
from jixiao.report.model import Block, ChartSpec, FigureRef, Heading, Para, Report, Table
from jixiao.report.narrative import cn_number, wan
from jixiao.textfmt import money, pct
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


def build_report(dy: DepartmentYear, result: EvaluationResult, fw: Framework) -> Report:
    f = derive(dy)
    o = Outline()
    blocks: list[Block] = []
    gaps: list[str] = []
    charts = _charts(dy, result, f)
    chart_keys = {c.key for c in charts}

    blocks += _intro(dy, result, fw)
    blocks += _basic(dy, f, o, gaps)
    blocks += _finance(dy, f, o, gaps, chart_keys)
    blocks += _evaluation(dy, result, fw, o, chart_keys)
    blocks += _problems(result, o)
    blocks += _measures(result, fw, o)
    blocks += _disclosure(dy, result, fw, o)

    p = dy.profile
    signature = [p.name]
    if p.report_date is not None:
        d = p.report_date
        signature.append(f"{d.year}年{d.month}月{d.day}日")
    return Report(
        title=(p.name, f"{p.year}年度部门整体支出绩效自评报告"),
        blocks=tuple(blocks),
        signature=tuple(signature),
        department=p.name,
        year=p.year,
        doc_date=document_date(dy),
        charts=tuple(charts),
        gaps=tuple(gaps),
    )


def _intro(dy: DepartmentYear, result: EvaluationResult, fw: Framework) -> list[Block]:
    basis = f"按照{fw.issuer}" if fw.issuer else "按照财政部门"
    if fw.document:
        basis += f"（{fw.document}）"
    text = (f"为加强预算绩效管理，提高财政资金使用效益，{basis}开展{dy.profile.year}年度部门整体支出绩效自评的要求，"
            f"本部门对照《{fw.name}》，对{dy.profile.year}年度部门整体支出情况进行了自评。")
    if result.grade is not None:
        text += f"经评价，自评得分{fs(result.total)}分，评价等级为“{result.grade}”。"
    return [Para(text + "现将自评情况报告如下：")]


def _basic(dy: DepartmentYear, f: Figures, o: Outline, gaps: list[str]) -> list[Block]:
    p = dy.profile
    out: list[Block] = [o.h1("基本情况")]
    if p.functions:
        out.append(o.h2("部门职能"))
        if len(p.functions) == 1:
            out.append(Para(nv._sentence(p.functions[0])))
        else:
            out += [Para(nv._sentence(fn), lead=o.n3()) for fn in p.functions]
    else:
        gaps.append("部门职能（profile.functions）")
    staffing = nv.staffing_sentence(dy, f)
    org: list[str] = []
    if p.institution:
        org.append(nv._sentence(p.institution))
    if p.internal_units:
        org.append(f"内设{'、'.join(p.internal_units)}等{len(p.internal_units)}个机构。")
    if p.subordinate_units:
        org.append(f"下属单位{len(p.subordinate_units)}个：{'、'.join(p.subordinate_units)}。")
    if org or staffing:
        out.append(o.h2("机构与人员"))
        if org:
            out.append(Para("".join(org)))
        if staffing:
            out.append(Para(staffing))
    else:
        gaps.append("机构设置与人员编制（profile.institution、staffing）")
    if p.work_summary or dy.key_tasks:
        out.append(o.h2("年度工作与重点任务"))
        if p.work_summary:
            out.append(Para(nv._sentence(p.work_summary)))
        if dy.key_tasks:
            out.append(Para(f"本部门{p.year}年度确定重点工作任务{len(dy.key_tasks)}项，完成情况见下表。"))
            out.append(_key_task_table(dy, o))
    else:
        gaps.append("年度工作与重点任务（profile.work_summary、key_tasks）")
    if p.performance_goal or dy.targets:
        out.append(o.h2("绩效目标"))
        if p.performance_goal:
            out.append(Para(nv._sentence(p.performance_goal)))
        if dy.targets:
            out.append(Para(f"本部门{p.year}年度设置部门整体支出绩效指标{len(dy.targets)}项，目标值与完成值见下表。"))
            out.append(_target_table(dy, o))
    else:
        gaps.append("绩效目标（profile.performance_goal、targets）")
    return out


def _key_task_table(dy: DepartmentYear, o: Outline) -> Table:
    rows = []
    for i, t in enumerate(dy.key_tasks, 1):
        rows.append((str(i), t.name, fs(t.weight) if t.weight is not None else "—",
                     pct(t.completion) if t.completion is not None else "—", t.note or ""))
    return Table(o.table("年度重点工作任务完成情况"), (("序号", "重点工作任务", "分值", "完成程度", "未完成原因或说明"),),
                 tuple(rows), (0.6, 4.2, 0.8, 1.2, 3.2), (False, False, True, True, False), unit=None)


def _target_table(dy: DepartmentYear, o: Outline) -> Table:
    from jixiao.engine.targets import target_met

    rows = []
    for t in dy.targets:
        unit = t.unit or ""
        met = target_met(t)
        rows.append((t.category + (f"/{t.subcategory}" if t.subcategory else ""), t.name,
                     f"{t.direction.value if t.direction.value != '定性' else ''}{_val(t.target)}{unit}",
                     f"{_val(t.actual)}{unit}", "—" if met is None else ("是" if met else "否")))
    return Table(o.table("部门整体支出绩效目标完成情况"), (("指标类别", "绩效指标", "目标值", "实际完成值", "是否达成"),),
                 tuple(rows), (1.6, 3.6, 1.6, 1.6, 1.0), (False, False, True, True, False), unit=None)


def _val(v: Decimal | str | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return fs(v)
    return v


def _finance(dy: DepartmentYear, f: Figures, o: Outline, gaps: list[str], charts: set[str]) -> list[Block]:
    out: list[Block] = [o.h1("收支情况")]
    source = nv.source_sentence(dy)
    if source:
        out.append(Para(source))
    sections = [
        ("预算情况", nv.budget_sentences(dy, f)),
        ("收入情况", nv.revenue_sentences(dy, f)),
        ("支出情况", nv.expenditure_sentences(dy, f) + nv.project_sentences(dy, f)),
        ("结转结余情况", nv.carryover_sentences(dy, f)),
        ("“三公”经费情况", nv.three_public_sentences(dy, f)),
        ("公用经费情况", nv.public_funds_sentences(dy, f)),
        ("政府采购情况", nv.procurement_sentences(dy, f)),
        ("资产情况", nv.asset_sentences(dy, f)),
    ]
    for title, sentences in sections:
        if not sentences:
            if title not in ("公用经费情况",):
                gaps.append(f"{title}所需数据")
            continue
        out.append(o.h2(title))
        out.append(Para("".join(sentences)))
        if title == "支出情况":
            t = _expenditure_table(dy, f, o)
            if t:
                out.append(t)
            if "budget-structure" in charts:
                out.append(FigureRef("budget-structure", o.figure("支出结构")))
        if title == "“三公”经费情况":
            t = _three_public_table(dy, f, o)
            if t:
                out.append(t)
            if "three-public" in charts:
                out.append(FigureRef("three-public", o.figure("“三公”经费预算与实际支出")))
        if title == "资产情况" and dy.assets.fixed_assets:
            out.append(_fixed_asset_table(dy, f, o))
    return out


def _expenditure_table(dy: DepartmentYear, f: Figures, o: Outline) -> Table | None:
    e, p = dy.expenditure, dy.prior
    if e.total is None or (e.basic is None and e.project is None):
        return None
    has_prior = any(v is not None for v in (p.expenditure_total, p.basic, p.project))
    header = ("项目", "本年支出", "占比") + (("上年支出", "增减额", "增减率") if has_prior else ())
    rows: list[tuple[str, ...]] = []

    def row(label: str, cur: Decimal | None, share: Decimal | None, key: str | None, prev: Decimal | None) -> None:
        if cur is None:
            return
        r: tuple[str, ...] = (label, money(cur), pct(share) if share is not None else "—")
        if has_prior:
            r += (money(prev) if prev is not None else "—",
                  money(f.get(f"yoy.{key}.diff")) if key else "—",
                  pct(f.get(f"yoy.{key}.rate")) if key and f.get(f"yoy.{key}.rate") is not None else "—")
        rows.append(r)

    row("支出合计", e.total, Decimal(100), "expenditure", p.expenditure_total)
    row("一、基本支出", e.basic, f.get("expenditure.basic_share"), "basic", p.basic)
    row("　　其中：人员经费", e.personnel, f.get("expenditure.personnel_share"), None, None)
    row("　　　　　公用经费", e.public, f.get("expenditure.public_share"), None, None)
    row("二、项目支出", e.project, f.get("expenditure.project_share"), "project", p.project)
    n = len(header)
    widths = (3.2,) + (1.4,) * (n - 1)
    return Table(o.table("支出构成"), (header,), tuple(rows), widths, (False,) + (True,) * (n - 1),
                 strong_rows=frozenset({0}))


def _three_public_table(dy: DepartmentYear, f: Figures, o: Outline) -> Table | None:
    items = dy.three_public.items
    if not items:
        return None
    has_last = any(i.last_year_actual is not None for i in items)
    header = ("项目", "预算数", "实际支出", "预算执行率") + (("上年支出", "增减额", "增减率") if has_last else ())
    rows: list[tuple[str, ...]] = []
    tp = three_public_totals(dy)
    rate = f.get("three_public.control_rate")
    scoped = tp.actual_in_scope is not None and tp.actual is not None and tp.actual_in_scope != tp.actual
    yoy: tuple[str, ...] = ()
    if has_last:
        last = dy.three_public.last_year_actual_total
        yoy = (money(last) if last is not None else "—",
               _m(f.get("three_public.yoy.diff")), _p(f.get("three_public.yoy.rate")))
    if scoped:
        # Budget and control rate cover only the budget's scope; the whole total stands on its own row.
        rows.append(("合计（预算口径内）", _m(tp.budget), _m(tp.actual_in_scope), _p(rate)) + ("—",) * len(yoy))
        rows.append(("合计（含未纳入预算口径）", "—", _m(tp.actual), "—", *yoy))
    else:
        rows.append(("合计", _m(tp.budget), _m(tp.actual), _p(rate), *yoy))
    strong = frozenset(range(len(rows)))
    for i, it in enumerate(items):
        label = it.kind.label + ("（未纳入预算口径）" if not it.in_budget_scope else "")
        r: tuple[str, ...] = (label, _m(it.budget), _m(it.actual), _p(f.get(f"three_public.items[{i}].rate")))
        if has_last:
            r += (_m(it.last_year_actual), _m(f.get(f"three_public.items[{i}].yoy.diff")),
                  _p(f.get(f"three_public.items[{i}].yoy.rate")))
        rows.append(r)
    n = len(header)
    return Table(o.table("“三公”经费预算与执行情况"), (header,), tuple(rows), (3.6,) + (1.3,) * (n - 1),
                 (False,) + (True,) * (n - 1), strong_rows=strong)


def _fixed_asset_table(dy: DepartmentYear, f: Figures, o: Outline) -> Table:
    rows = []
    for i, c in enumerate(dy.assets.fixed_assets):
        rows.append((c.name, str(c.count) if c.count is not None else "—", _m(c.amount), _m(c.in_use),
                     _p(f.get(f"assets.fixed_assets[{i}].share"))))
    rows.append(("合计", str(sum(c.count or 0 for c in dy.assets.fixed_assets)), _m(f.get("assets.fixed_total")),
                 _m(f.get("assets.fixed_in_use")), "100.00%" if f.get("assets.fixed_total") else "—"))
    return Table(o.table("固定资产情况"), (("资产类别", "数量", "原值", "在用资产原值", "占固定资产比例"),), tuple(rows),
                 (3.0, 1.0, 1.8, 1.8, 1.8), (False, True, True, True, True), strong_rows=frozenset({len(rows) - 1}))


def _m(v: Decimal | None) -> str:
    return "—" if v is None else money(v)


def _p(v: Decimal | None) -> str:
    return "—" if v is None else pct(v)


# --- 三、自评情况 ---------------------------------------------------------------

def _evaluation(dy: DepartmentYear, result: EvaluationResult, fw: Framework, o: Outline,
                charts: set[str]) -> list[Block]:
    out: list[Block] = [o.h1("自评情况")]
    out.append(o.h2("评价方法"))
    tops = "、".join(f"{t.name}（{fs(t.weight)}分）" for t in result.indicators)
    n_leaves = len(result.leaves())
    doc = f"（{fw.document}）" if fw.document else ""
    grades = "、".join(f"{g.grade}（{_band(g.min, g.max, g.min_inclusive, g.max_inclusive)}）" for g in fw.grades)
    out.append(Para(
        f"本次自评采用《{fw.name}》{doc}，设{tops}{len(result.indicators)}个一级指标，共{n_leaves}项末级指标，"
        f"满分{fs(result.max_total)}分。各项指标依据本部门{dy.profile.year}年度预算、决算、资产、政府采购等数据和"
        f"年度工作完成情况，按评分标准逐项计算指标值并评分；评价等级分为{grades}。"))
    survey = nv.survey_sentence(dy)
    if survey:
        out.append(Para(survey))
    out.append(o.h2("评分情况"))
    out.append(Para(nv.score_summary(result)))
    out.append(score_table(result, o))
    if "scores" in charts:
        out.append(FigureRef("scores", o.figure("一级指标得分与满分")))
    for top in result.indicators:
        out.append(o.h2(f"{top.name}指标情况"))
        got = f"得{fs(top.score)}分" if top.score is not None else "尚有指标缺少数据"
        lost = [r for r in top.leaves() if r.lost > 0 and r.status is not Status.MISSING]
        summary = f"{top.name}类指标满分{fs(top.weight)}分，{got}"
        summary += (f"，在{'、'.join(r.name for r in lost)}等方面失分。" if lost else "。")
        out.append(Para(summary))
        for child in top.children:
            out += _discuss(child, o)
        if not top.children:
            out.append(Para(nv.leaf_paragraph(top)))
    out.append(o.h2("评价结论"))
    if result.grade is not None:
        out.append(Para(f"综合以上评价，本部门{dy.profile.year}年度部门整体支出绩效自评总分{fs(result.total)}分，"
                        f"评价等级为“{result.grade}”。"))
    else:
        out.append(Para(f"综合以上评价，本部门{dy.profile.year}年度已评分指标合计{fs(result.total)}分；"
                        f"尚有{result.missing_count}项指标缺少数据，总分不完整，暂不评定等级。"))
    return out


def _band(lo: Decimal, hi: Decimal, lo_inc: bool, hi_inc: bool) -> str:
    left = f"{fs(lo)}分（含）以上" if lo_inc else f"{fs(lo)}分以上"
    if lo == 0 and not hi_inc:
        return f"{fs(hi)}分以下"
    right = f"{fs(hi)}分（含）" if hi_inc else f"{fs(hi)}分以下"
    if hi_inc and hi >= 100:
        return left
    return f"{left}、{right}"


def _discuss(node: IndicatorResult, o: Outline) -> list[Block]:
    """Level-2 nodes get a "1." lead, their leaves "（1）"; deeper trees flatten to leaves."""
    if not node.children:
        return [Para(nv.leaf_paragraph(node), lead=f"{o.n3()}{node.name}（{fs(node.weight)}分）。")]
    got = f"得{fs(node.score)}分" if node.score is not None else "缺数据"
    out: list[Block] = [Para(f"本项满分{fs(node.weight)}分，{got}。",
                             lead=f"{o.n3()}{node.name}（{fs(node.weight)}分）。")]
    for leaf in node.leaves():
        out.append(Para(nv.leaf_paragraph(leaf), lead=f"{o.n4()}{leaf.name}（{fs(leaf.weight)}分）。"))
    return out


def score_table(result: EvaluationResult, o: Outline) -> Table:
    """The 评分表: one row per indicator with its level path, weight, value, score and deduction reasons."""
    rows: list[tuple[str, ...]] = []
    strong: set[int] = set()
    for r in result.walk():
        names = ["", "", ""]
        names[min(r.level, 3) - 1] = r.name
        if r.children:
            strong.add(len(rows))
        value = nv.metric_value_text(r) if not r.children else ""
        got = "缺数据" if r.status is Status.MISSING else fs(r.score)
        reason = "；".join(r.deductions) if r.deductions else ("；".join(r.missing) if r.missing else "")
        rows.append((*names, fs(r.weight), value, got, reason))
    strong.add(len(rows))
    grade = result.grade or "暂不评级"
    rows.append(("合计", "", "", fs(result.max_total), "", fs(result.total), f"评价等级：{grade}"))
    return Table(o.table("部门整体支出绩效自评评分表"),
                 (("一级指标", "二级指标", "三级指标", "分值", "指标值", "得分", "扣分原因"),),
                 tuple(rows), (18, 20, 31, 12, 18, 12, 45),
                 (False, False, False, True, True, True, False), unit=None, strong_rows=frozenset(strong))


# --- 四、五、六 -------------------------------------------------------------------

def _problems(result: EvaluationResult, o: Outline) -> list[Block]:
    out: list[Block] = [o.h1("存在的问题")]
    items = nv.problems(result)
    if not items:
        out.append(Para("本年度各项评价指标均得满分，未发现明显问题。"))
        return out
    for lead, text in items:
        out.append(Para(text, lead=f"{o.n3()}{lead}"))
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


def _measures(result: EvaluationResult, fw: Framework, o: Outline) -> list[Block]:
    out: list[Block] = [o.h1("改进措施")]
    for lead, text in nv.measures(result, indicator_kinds(result, fw)):
        out.append(Para(text, lead=f"{o.n3()}{lead}"))
    return out


def _disclosure(dy: DepartmentYear, result: EvaluationResult, fw: Framework, o: Outline) -> list[Block]:
    issuer = fw.issuer or "财政部门"
    return [
        o.h1("结果应用与公开"),
        Para(f"本次自评结果将按要求报送{issuer}，并按照预决算公开的有关规定与部门决算一并向社会公开，接受社会监督。"
             f"本部门将把自评发现的问题和改进措施纳入下一年度预算编制和绩效管理工作，"
             f"对失分指标逐项落实整改，将评价结果作为优化支出结构、安排以后年度预算的重要依据。"),
    ]


# --- charts ------------------------------------------------------------------------

def _charts(dy: DepartmentYear, result: EvaluationResult, f: Figures) -> list[ChartSpec]:
    out: list[ChartSpec] = []
    e = dy.expenditure
    groups = []
    if e.basic is not None and e.project is not None and e.basic + e.project > 0:
        groups.append(("基本支出与项目支出", ("基本支出", "项目支出"), (e.basic, e.project),
                       (f.get("expenditure.basic_share"), f.get("expenditure.project_share"))))
    if e.personnel is not None and e.public is not None and e.personnel + e.public > 0:
        groups.append(("人员经费与公用经费", ("人员经费", "公用经费"), (e.personnel, e.public),
                       (f.get("expenditure.personnel_share"), f.get("expenditure.public_share"))))
    if groups:
        out.append(ChartSpec("budget-structure", "chart-budget-structure.png", "支出结构", "pies", (), (),
                             groups=tuple(groups)))
    items = [i for i in dy.three_public.items if i.budget is not None or i.actual is not None]
    if items:
        out.append(ChartSpec(
            "three-public", "chart-three-public.png", "“三公”经费预算与实际支出", "bars",
            tuple(i.kind.label for i in items),
            (("预算数", tuple(i.budget or ZERO for i in items)), ("实际支出", tuple(i.actual or ZERO for i in items))),
        ))
    out.append(ChartSpec(
        "scores", "chart-scores.png", "一级指标得分与满分", "bars",
        tuple(t.name for t in result.indicators),
        (("满分", tuple(t.weight for t in result.indicators)),
         ("得分", tuple(t.score if t.score is not None else ZERO for t in result.indicators))),
        unit="分",
    ))
    return out


__all__ = ["build_report", "document_date", "score_table", "wan"]
