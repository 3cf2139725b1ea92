"""The report families' sentence files (issue 12, item 2): every sentence and heading of the report is a
template in ``report/data/phrases/<family>.yaml``; a family file is checked when it is loaded against the
templates the code says and the placeholders it fills, and a mistake names the file, the template and what
is wrong. The year-on-year sentences of staffing and of the total score (issue 13, item 4) are templates
like the others, filled from engine figures."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.model.records import replace
from jixiao.report.content import build_report
from jixiao.report.model import Para, Report
from jixiao.report.numbers import Num, Numbers
from jixiao.report.phrases import HEADINGS, TEMPLATES, PhraseError, Phrases, families, family_for, load_families
from tests.report.report_helpers import EXAMPLES, load_example
from tests.report.test_natural_chinese import random_cases, random_department

D = Decimal


def bundled_texts() -> dict[str, str]:
    folder = resources.files("jixiao.report").joinpath("data/phrases")
    return {e.name.removesuffix(".yaml"): e.read_text(encoding="utf-8") for e in folder.iterdir()
            if e.name.endswith(".yaml")}


def test_every_family_has_every_template_and_heading_of_the_code() -> None:
    fams = families()
    assert set(fams) == {"score-sheet", "central"}
    for fam in fams.values():
        assert set(fam.templates) == set(TEMPLATES), fam.id
        assert set(fam.headings) == HEADINGS, fam.id
    # central writes its own headings and analysis sentences, and takes the figure sentences from score-sheet
    sheet, central = fams["score-sheet"], fams["central"]
    assert central.headings["problems"] == "偏离绩效目标的原因" != sheet.headings["problems"]
    assert central.templates["budget.final"] == sheet.templates["budget.final"]
    assert family_for("hunan-province-template") is sheet


def _edit(fid: str, old: str, new: str) -> dict[str, str]:
    texts = bundled_texts()
    assert texts[fid].count(old) == 1, old
    texts[fid] = texts[fid].replace(old, new)
    return texts


@pytest.mark.parametrize(("fid", "old", "new", "message"), [
    # a placeholder the code does not fill for that template
    ("score-sheet", '"年末实有在职人数{int:actual}人"', '"年末实有在职人数{int:actual_staff}人"',
     "报告样式 score-sheet.yaml 的模板 staffing.actual 中的占位符 {int:actual_staff} 未知：此模板可用的占位符为 actual"),
    ("central", "subject.task: \"该项任务偏离年度绩效目标\"", "subject.task: \"{text:name}偏离年度绩效目标\"",
     "报告样式 central.yaml 的模板 subject.task 中的占位符 {text:name} 未知：此模板可用的占位符为 （无）"),
    # a placeholder of an unknown kind, or malformed
    ("score-sheet", "project.rate: \"执行率{pct:rate}\"", "project.rate: \"执行率{percent:rate}\"",
     "报告样式 score-sheet.yaml 的模板 project.rate 中有无法识别的占位符 {percent:rate}"),
    # an optional part not closed
    ("score-sheet", "[，上年结转{wan:carried}]。", "[，上年结转{wan:carried}。",
     "报告样式 score-sheet.yaml 的模板 budget.initial 中的方括号不成对或有嵌套"),
    # a template missing: neither written out nor inherited
    ("score-sheet", '  leaf.score: "本项指标得{score:score}分。"\n', "",
     "报告样式 score-sheet.yaml 缺少模板 leaf.score（请写出，或列入 inherited.templates 以沿用 inherits 所指样式）"),
    ("central", "leaf.missing, leaf.score,", "leaf.missing,",
     "报告样式 central.yaml 缺少模板 leaf.score"),
    ("central", "  measures: 下一步改进措施\n", "",
     "报告样式 central.yaml 缺少标题 measures"),
    # a template the code never says
    ("score-sheet", "  leaf.score:", "  leaf.scored: \"得{score:score}分\"\n  leaf.score:",
     "报告样式 score-sheet.yaml 有未知的模板 leaf.scored（代码中没有使用它的地方）"),
    # inherited and written out at once
    ("central", "  because: ", "  title: \"{text:year}年度部门整体支出预算绩效自评报告\"\n  because: ",
     "报告样式 central.yaml 的 title 既写出又列为沿用，只能取其一"),
    ("central", "inherits: score-sheet", "inherits: provincial",
     "报告样式 central.yaml 沿用了 templates，但 inherits 未指明已有的样式（provincial）"),
])
def test_a_family_file_that_does_not_fit_the_code_is_refused_when_loaded(fid: str, old: str, new: str,
                                                                       message: str) -> None:
    load_families(bundled_texts())  # the bundled files load
    with pytest.raises(PhraseError) as caught:
        load_families(_edit(fid, old, new))
    assert message in str(caught.value)


def test_every_problem_is_listed_at_once() -> None:
    texts = _edit("score-sheet", '"年末实有在职人数{int:actual}人"', '"年末实有在职人数{int:count}人"')
    texts["central"] = texts["central"].replace("leaf.missing, leaf.score,", "leaf.missing,")
    with pytest.raises(PhraseError) as caught:
        load_families(texts)
    lines = str(caught.value).splitlines()
    assert lines[0] == "报告句式文件有误："
    assert any("staffing.actual 中的占位符 {int:count} 未知" in line for line in lines[1:])
    assert any("central.yaml 缺少模板 leaf.score" in line for line in lines[1:])


# --- what the code binds: every slot of the contract, for every template it says -------------------

def _render_all(seen: dict[str, set[str]]) -> None:
    original = Phrases.say

    def say(self: Phrases, name: str, /, **bind: Any) -> str | None:
        seen.setdefault(name, set()).update(bind)
        return original(self, name, **bind)

    Phrases.say = say  # type: ignore[method-assign]
    try:
        for path in sorted(EXAMPLES.glob("*.yaml")):
            dy, result, fw = load_example(path.stem)
            for style in families():
                build_report(dy, result, fw, style)
        for seed, fw_id in random_cases()[:20]:
            fw = get_framework(fw_id)
            dy = random_department(random.Random(seed), fw)
            build_report(dy, evaluate(dy, fw), fw)
    finally:
        Phrases.say = original  # type: ignore[method-assign]


def test_the_code_binds_every_placeholder_the_contract_allows() -> None:
    """A family may use any placeholder the contract lists for a template: the code must bind them all."""
    seen: dict[str, set[str]] = {}
    _render_all(seen)
    assert {k: sorted(TEMPLATES[k] - v) for k, v in seen.items() if TEMPLATES[k] - v} == {}
    assert len(seen) > 0.8 * len(TEMPLATES)


def test_a_template_that_needs_a_placeholder_the_code_did_not_bind_fails_loudly() -> None:
    _, result, _ = load_example("wanzhou-2020")
    ph = Phrases(families()["score-sheet"], Numbers(result))
    with pytest.raises(KeyError, match="nothing bound to actual"):
        ph.say("staffing.actual")


# --- optional parts, and the marks of a clause that is left out -------------------------------------

def test_an_optional_part_is_left_out_without_its_value_and_a_required_one_drops_the_sentence() -> None:
    _, result, _ = load_example("wanzhou-2020")
    ph = Phrases(families()["score-sheet"], Numbers(result))
    assert ph.say("budget.initial", year="year", initial="budget.initial", carried="budget.carried_over") == (
        "2020年度年初预算226.86万元，上年结转0.00万元。")
    assert ph.say("budget.initial", year="year", initial="budget.initial", carried="prior.carryover") == (
        "2020年度年初预算226.86万元。")
    assert ph.say("budget.initial", year="year", initial="prior.carryover", carried="budget.carried_over") is None
    assert [m.key for m in ph.n.take() if isinstance(m, Num)] == ["year", "budget.initial", "budget.carried_over",
                                                                  "year", "budget.initial"]


def test_the_marks_of_a_clause_left_out_are_forgotten() -> None:
    """A clause said first and then left out by its sentence leaves no number behind (every recorded number
    is a printed one: tests/report/test_one_truth.py)."""
    _, result, _ = load_example("wanzhou-2020")
    ph = Phrases(families()["score-sheet"], Numbers(result))
    inner = ph.say("expenditure.personnel", amount="expenditure.personnel", share="expenditure.personnel_share")
    assert inner == "人员经费132.94万元，占基本支出80.07%"
    # the basic-expenditure clause needs its share of a total that is absent here: it is not said, nor its inner part
    assert ph.say("expenditure.basic", amount="expenditure.basic", share="prior.basic", inner=inner) is None
    assert ph.n.take() == ()


# --- year on year: staffing and the total score (issue 13, item 4) ------------------------------------

def _with_prior(**prior: Any) -> tuple[Report, Report]:
    dy, _, fw = load_example("wanzhou-2020")  # 编制数 7, 年末实有在职人数 7; total 94, grade 优
    dy = replace(dy, **{"prior": replace(dy.prior, **prior)})
    result = evaluate(dy, fw)
    return build_report(dy, result, fw, "score-sheet"), build_report(dy, result, fw, "central")


def _para(report: Report, start: str) -> str:
    found = [b.text for b in report.blocks if isinstance(b, Para) and b.text.startswith(start)]
    assert len(found) == 1, found
    return found[0]


STAFF = "本部门编制数7人，年末实有在职人数7人，在职人员控制率100.00%。"
VERDICT = "综合以上评价，本部门2020年度部门整体支出绩效自评总分94分，评价等级为“优”。"


@pytest.mark.parametrize(("prior", "staff", "score"), [
    ({"staff_authorized": 8, "staff_actual": 6, "score": D("91.5"), "grade": "良"},
     "编制数比上年减少1人；年末实有在职人数比上年增加1人。", "总分比上年（91.5分）提高2.5分，上年评价等级为“良”。"),
    ({"staff_authorized": 7, "staff_actual": 7, "score": D("94"), "grade": "优"},
     "编制数与上年持平；年末实有在职人数与上年持平。", "总分与上年（94分）持平，评价等级与上年相同。"),
    ({"staff_actual": 9, "score": D("96.25")}, "年末实有在职人数比上年减少2人。", "总分比上年（96.25分）降低2.25分。"),
    ({}, "", ""),
])
def test_staffing_and_score_against_last_year(prior: dict[str, Any], staff: str, score: str) -> None:
    for report in _with_prior(**prior):
        assert _para(report, "本部门编制数") == STAFF + staff
        assert _para(report, "综合以上评价") == VERDICT + score


def test_no_score_change_while_the_total_is_incomplete() -> None:
    dy, _, fw = load_example("wanzhou-2020")
    dy = replace(dy, **{"prior": replace(dy.prior, **{"score": D("90")}),
                               "staffing": replace(dy.staffing, **{"authorized": None})})
    result = evaluate(dy, fw)
    assert result.grade is None and result.figures is not None
    assert result.figures.value("yoy.score.diff") is None
    text = _para(build_report(dy, result, fw), "综合以上评价")
    assert "上年" not in text and re.search(r"暂不评定等级。$", text)
