"""Natural Chinese: every sentence of every example report (in both report families) and of 50 random
department-years is checked against patterns that must never appear, and every indicator paragraph
against the indicator's computed status.

Never: a doubled full stop or a stop after a comma; a value joined to a task name (or any name that is not
a quantity) by 为; the 「…」不满足： and “；原因：” label-and-colon constructions; empty quotation marks; the
score stated twice; an amount without its unit in prose; a not-applicable clause for an applicable indicator
(or none for a not-applicable one); “得满分” for an indicator that lost points.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.frameworks import bundled_ids, get_framework
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.model.load import parse_department
from jixiao.model.records import replace
from jixiao.report.content import build_report
from jixiao.report.markdown import render_markdown
from jixiao.report.model import Heading, Para, Report, Table
from jixiao.report.numbers import Num
from jixiao.report.phrases import families
from jixiao.textfmt import score as fs
from tests.report.report_helpers import EXAMPLES, load_example

EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
D = Decimal

# (name, pattern): a sentence matching any of these is not natural Chinese.
NEVER = (
    ("doubled or misplaced full stop", re.compile(r"。\s*。|[，；、：]。|。[，；、]")),
    ("a percentage joined to a name by 为", re.compile(r"[\u4e00-\u9fff”」）](?<![率度比例重值数额])为-?[\d,]+(\.\d+)?%")),
    ("a label joined to its value by a colon", re.compile(r"不满足：|[，；。]原因：|^原因：")),
    ("empty quotation marks", re.compile(r"「\s*」|“\s*”|《\s*》")),
    ("quotation marks inside the same marks", re.compile(r"““|””")),
    ("score stated twice", re.compile(r"[得计]满分(\d+(?:\.\d+)?)分[^。]*。本项指标得\1分")),
)


def blocks_text(report: Report) -> list[str]:
    texts: list[str] = []
    for b in report.blocks:
        if isinstance(b, Para):
            texts.append(b.lead + b.text)
        elif isinstance(b, Heading):
            texts.append(b.text)
        elif isinstance(b, Table):
            texts += [c for row in b.rows for c in row]
    return texts


def sentences(report: Report) -> list[str]:
    return [s for t in blocks_text(report) for s in re.split(r"(?<=[。！？])", t) if s.strip()]


def _leaf_of(para: Para, leaves: dict[str, IndicatorResult]) -> IndicatorResult | None:
    """The indicator a paragraph discusses: its lead is “（n）<name>（<weight>分）。”."""
    ids = {m.key.removeprefix("weight:") for m in para.marks if isinstance(m, Num) and m.key.startswith("weight:")}
    found = [leaves[i] for i in ids if i in leaves and para.lead.endswith(f"{leaves[i].name}（{fs(leaves[i].weight)}分）。")]
    return found[0] if len(found) == 1 else None


def not_applicable(r: IndicatorResult) -> bool:
    return r.metric is not None and r.metric.value is None and r.metric.not_applicable is not None


def violations(report: Report, result: EvaluationResult) -> list[str]:
    out = [f"{name}: {s}" for s in sentences(report) for name, pat in NEVER if pat.search(s)]
    tasks = [r.name for r in result.leaves() if r.metric is not None and r.metric.key.startswith("key_tasks[")]
    for text in blocks_text(report):
        out += [f"task name joined to its value by 为: {text}" for t in tasks if re.search(re.escape(t) + r"为\d", text)]
    leaves = {r.id: r for r in result.leaves()}
    for b in report.blocks:
        if not isinstance(b, Para):
            continue
        if b.text and not b.text.endswith(("。", "：")):
            out.append(f"paragraph without its closing stop: {b.text[-30:]}")
        out += [f"amount without its unit: {m.text} in {b.text}" for m in b.marks
                if isinstance(m, Num) and m.style == "money"]
        leaf = _leaf_of(b, leaves)
        if leaf is None:
            continue
        said = b.text
        if "不适用" in said and not not_applicable(leaf):
            out.append(f"not-applicable clause for an applicable indicator: {b.lead}{said}")
        if not_applicable(leaf) and leaf.status is not Status.MISSING and "不适用" not in said:
            out.append(f"a not-applicable indicator without its clause: {b.lead}{said}")
        if leaf.score is not None and leaf.lost > 0 and "得满分" in said:
            out.append(f"“得满分” for an indicator that lost points: {b.lead}{said}")
        if leaf.score is not None and len(re.findall(rf"(?:本项指标得|[得计]满分|，得){re.escape(fs(leaf.score))}分", said)) > 1:
            out.append(f"score stated twice: {b.lead}{said}")
    return out


@pytest.mark.parametrize("style", sorted(families()))
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_sentence_of_every_example_is_natural_chinese(name: str, style: str) -> None:
    dy, result, fw = load_example(name)
    report = build_report(dy, result, fw, style)
    assert violations(report, result) == []
    md = render_markdown(report)
    assert [line for line in md.splitlines() for n, pat in NEVER if pat.search(line)] == []


# --- 50 random department-years -----------------------------------------------------------------

REASONS = ["人员调整，工资标准提高", "新增信息化建设项目", "一是压减一般性支出；二是部分项目延至下年实施",
           "受疫情影响部分活动取消。", "上年一次性项目本年不再安排"]
TASKS = ["推进数字档案馆系统升级", "完成馆藏档案数字化", "开展档案安全检查", "建设档案利用服务平台", "开展档案法宣传"]


def _money(rng: random.Random, lo: float, hi: float) -> D:
    return D(str(round(rng.uniform(lo, hi), 2)))


def _maybe(rng: random.Random, value: Any, p: float = 0.8) -> Any:
    return value if rng.random() < p else None


def random_department(rng: random.Random, fw: Framework) -> DepartmentYear:
    """A plausible department-year: parts that add up, some figures and texts left out, reasons and
    work descriptions sometimes given, the framework's checklists and manual indicators answered."""
    initial = _money(rng, 100, 5000)
    adjustment = rng.choice([D(0), _money(rng, 1, 300), -_money(rng, 1, 50)])
    carried = rng.choice([D(0), _money(rng, 0, 100)])
    final = initial + adjustment + carried
    spent = (final * D(str(rng.uniform(0.8, 1.03)))).quantize(D("0.01"))
    basic = (spent * D(str(rng.uniform(0.5, 0.9)))).quantize(D("0.01"))
    personnel = (basic * D(str(rng.uniform(0.6, 0.9)))).quantize(D("0.01"))
    kinds = rng.sample(["outbound", "vehicle", "reception"], rng.randint(0, 3))
    proc_budget = rng.choice([D(0), None, _money(rng, 5, 300)])
    tasks = rng.sample(TASKS, rng.randint(0, 4))
    weights = [D(1)] * len(tasks)
    data: dict[str, Any] = {
        "framework": fw.id,
        "profile": {"name": "测试档案馆", "year": rng.randint(2017, 2024), "region": "测试县"},
        "staffing": {"authorized": rng.randint(5, 60), "actual": _maybe(rng, rng.randint(5, 60))},
        "budget": {"initial": initial, "adjustment": adjustment, "carried_over": carried,
                   "adjustment_reason": _maybe(rng, rng.choice(REASONS), 0.5) if adjustment else None,
                   "execution_reason": _maybe(rng, rng.choice(REASONS), 0.5)},
        "revenue": {"total": initial + adjustment, "fiscal_appropriation": initial + adjustment},
        "expenditure": {"total": spent, "basic": basic, "personnel": personnel, "public": basic - personnel,
                        "project": spent - basic},
        "carryover": {"amount": max(final - spent, D(0))},
        "three_public": {"items": [{"kind": k, "budget": _money(rng, 1, 20), "actual": _money(rng, 0, 22),
                                    "last_year_actual": _maybe(rng, _money(rng, 0, 25))} for k in kinds],
                         "change_reason": _maybe(rng, rng.choice(REASONS), 0.5),
                         "budget_reason": _maybe(rng, rng.choice(REASONS), 0.5)},
        "procurement": {"budget": proc_budget,
                        "actual": None if proc_budget is None else (proc_budget * D("0.9")).quantize(D("0.01"))},
        "prior": {"revenue_total": _maybe(rng, _money(rng, 100, 5000)),
                  "expenditure_total": _maybe(rng, _money(rng, 100, 5000)), "basic": _maybe(rng, basic * 2),
                  "revenue_reason": _maybe(rng, rng.choice(REASONS), 0.5),
                  "expenditure_reason": _maybe(rng, rng.choice(REASONS), 0.5),
                  "basic_reason": _maybe(rng, rng.choice(REASONS), 0.3)},
        "key_tasks": [{"name": t, "weight": w, "completion": rng.choice([D(100), D(100), D(80), D(50), None]),
                       "note": _maybe(rng, "受客观条件影响，部分工作顺延至下年", 0.6),
                       "done": _maybe(rng, "完成年度计划的主要工作", 0.6)} for t, w in zip(tasks, weights, strict=True)],
        "surveys": [{"name": "服务对象", "responses": rng.randint(20, 200), "rate": _money(rng, 70, 100)}],
        "survey": {"method": _maybe(rng, "现场发放问卷", 0.5), "respondents": _maybe(rng, "前来查档的群众", 0.5)},
        "evaluation": {"team": _maybe(rng, "成立自评工作小组，由分管领导任组长", 0.5),
                       "method": _maybe(rng, "资料核查、数据比对", 0.5)},
        "recovered_funds": {"count": rng.choice([0, 0, 1])},
        "official_card": {"rate": _maybe(rng, _money(rng, 40, 100))},
        "management": [], "manual_scores": [],
    }
    for _, ind in fw.walk():
        rule = ind.rule
        if rule is None:
            continue
        if rule.kind == "checklist":
            for item in rule.items:
                ok = rng.random() < 0.8
                data["management"].append({"key": item.key, "satisfied": ok,
                                           "note": None if ok else _maybe(rng, "制度未及时修订", 0.7)})
        elif rule.kind == "manual" and ind.expand is None:
            lost = rng.choice([D(0), D(0), D("0.5")])
            data["manual_scores"].append({"indicator": ind.id, "score": max(ind.weight - lost, D(0)),
                                          "reason": "服务群众的成效明显" if lost == 0 else "群众查档等待时间仍较长"})
    dy = parse_department(data)
    return dy


def random_cases() -> list[tuple[int, str]]:
    rng = random.Random(20261130)
    ids = bundled_ids()
    return [(seed, rng.choice(ids)) for seed in range(50)]


@pytest.mark.parametrize(("seed", "fw_id"), random_cases())
def test_every_sentence_of_a_random_department_year_is_natural_chinese(seed: int, fw_id: str) -> None:
    fw = get_framework(fw_id)
    dy = random_department(random.Random(seed), fw)
    result = evaluate(dy, fw)
    style = sorted(families())[seed % len(families())]
    assert violations(build_report(dy, result, fw, style), result) == []


# --- the checker finds what it must --------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name"), [
    ("推进数字档案馆系统升级为80.00%，未达到目标。", "a percentage joined to a name by 为"),
    ("未发生违规情形，得满分3分。本项指标得3分。", "score stated twice"),
    ("「预决算信息按规定时限公开」不满足：未按时公开。", "a label joined to its value by a colon"),
    ("扣4分；原因：受疫情影响。", "a label joined to its value by a colon"),
    ("本部门对照《》进行了自评。", "empty quotation marks"),
    ("本项指标得3分。。", "doubled or misplaced full stop"),
    ("““三公经费”变动率”等指标缺少数据。", "quotation marks inside the same marks"),
])
def test_the_checker_flags_the_sentences_the_issue_quotes(sentence: str, name: str) -> None:
    assert [n for n, pat in NEVER if pat.search(sentence)] == [name]


@pytest.mark.parametrize("sentence", [
    "预算执行率为99.95%，达到目标。", "综合满意度为97.00%。", "该项任务完成年度目标的50.00%。",
    "“三公”经费实际支出比上年减少，原因主要有以下几个方面：一是压减开支。",
])
def test_the_checker_passes_natural_sentences(sentence: str) -> None:
    assert [n for n, pat in NEVER if pat.search(sentence)] == []


def test_a_not_applicable_clause_is_printed_only_when_not_applicable() -> None:
    """Wanzhou's framework explains 政府采购执行率 with “未编制政府采购预算的，本项不适用，计满分。”:
    with a procurement budget the clause must not appear; without one, the engine's basis says why."""
    dy, _, fw = load_example("wanzhou-2020")
    with_budget = replace(dy, **{"procurement": replace(dy.procurement, **
        {"budget": D("20.00"), "actual": D("18.00")})})
    result = evaluate(with_budget, fw)
    report = build_report(with_budget, result, fw)
    para = next(b for b in report.blocks if isinstance(b, Para) and "政府采购执行率（2分）" in b.lead)
    assert "不适用" not in para.text
    assert para.text == ("本年度政府采购实际金额与政府采购预算的比率。"
                         "政府采购执行率＝政府采购实际金额 ÷ 政府采购预算 × 100%，其中政府采购实际金额18.00万元、"
                         "政府采购预算20.00万元，指标值为90.00%。" + para.text.split("指标值为90.00%。", 1)[1])
    _, result, _ = load_example("wanzhou-2020")
    para = next(b for b in build_report(dy, result, fw).blocks
                if isinstance(b, Para) and "政府采购执行率（2分）" in b.lead)
    assert para.text == ("本年度政府采购实际金额与政府采购预算的比率。"
                         "政府采购预算为0，无法计算，本项不适用，按评分规则计满分2分。")
