"""Each rule kind with hand-computed cases, including boundaries."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.engine.figures import derive
from jixiao.findings import Severity
from jixiao.frameworks import get_framework
from jixiao.frameworks.rules import (
    Band,
    Bands,
    Checklist,
    ChecklistItem,
    Coefficient,
    Context,
    GroupWeight,
    Linear,
    Manual,
    PerIncident,
    Proportional,
    Satisfaction,
    Steps,
    Threshold,
)
from jixiao.model import DepartmentYear, SurveyGroup
from jixiao.model.load import load_department
from jixiao.model.records import replace
from tests.helpers import EXAMPLES, department


def ctx(value: str | None, weight: str = "5", unit: str = "%", dy: DepartmentYear | None = None,
        indicator: str = "x") -> Context:
    dy = dy or department()
    return Context(
        indicator_id=indicator,
        indicator_name="指标",
        weight=D(weight),
        value=None if value is None else D(value),
        unit=unit,
        department=dy,
        figure=derive(dy).value,
    )


# --- threshold -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [("50", "2"), ("50.00001", "2"), ("49.99", "0"), ("0", "0"), ("100", "2")],
)
def test_threshold_at_least(value: str, expected: str) -> None:
    rule = Threshold(kind="threshold", op=">=", target=D(50))
    assert rule.apply(ctx(value, "2")).score == D(expected)


def test_threshold_partial_fail_score_and_sentence() -> None:
    rule = Threshold(kind="threshold", op="<=", target=D(100), fail_score=D(1))
    out = rule.apply(ctx("100.01", "3"))
    assert out.score == D(1)
    assert out.deductions == ("指标为100.01%，未满足≤100.00%的要求，扣2分",)


# --- linear ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "steps", "expected"),
    [
        ("100", "continuous", "5"),  # exactly at the baseline: full marks
        ("99", "continuous", "5"),
        ("100.5", "continuous", "4.75"),  # 0.5 pp over × 0.5
        ("100.5", "started", "4.5"),  # a started point counts whole
        ("100.5", "completed", "5"),  # only whole points count
        ("103", "continuous", "3.5"),
        ("120", "continuous", "0"),  # 20 pp × 0.5 = 10 > 5: floor at 0
    ],
)
def test_linear_above(value: str, steps: Steps, expected: str) -> None:
    rule = Linear(kind="linear", baseline=D(100), direction="above", step=D(1), deduct=D("0.5"), steps=steps)
    assert rule.apply(ctx(value)).score == D(expected)


def test_linear_below_with_step_and_floor() -> None:
    # 预算完成率: 100% full; each 5% below −2; floor 1 (a framework may keep a minimum)
    rule = Linear(kind="linear", baseline=D(100), direction="below", step=D(5), deduct=D(2), floor=D(1))
    assert rule.apply(ctx("90", "8")).score == D(4)
    assert rule.apply(ctx("60.2", "8")).score == D(1)
    out = rule.apply(ctx("95", "8"))
    assert out.score == D(6)
    assert out.deductions == ("指标为95.00%，低于100.00%5个百分点，每低于5个百分点扣2分，扣2分",)


def test_linear_negative_change_rate_is_full() -> None:
    rule = Linear(kind="linear", baseline=D(0), direction="above", step=D(1), deduct=D("0.3"))
    assert rule.apply(ctx("-45.56", "3")).score == D(3)
    assert rule.apply(ctx("0", "3")).score == D(3)
    assert rule.apply(ctx("2", "3")).score == D("2.4")


# --- bands -----------------------------------------------------------------------------------

ADJUSTMENT = Bands(
    kind="bands",
    bands=[
        Band(min=D(0), max=D(0), max_inclusive=True, score=D(5)),
        Band(min=D(0), max=D(10), min_inclusive=False, max_inclusive=True, score=D(4)),
        Band(min=D(10), max=D(20), min_inclusive=False, max_inclusive=True, score=D(3)),
        Band(min=D(20), max=D(30), min_inclusive=False, max_inclusive=True, score=D(2)),
        Band(min=D(30), min_inclusive=False, score=D(0)),
    ],
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "5"), ("0.01", "4"), ("10", "4"), ("10.01", "3"), ("20", "3"), ("30", "2"), ("30.01", "0"), ("17.5", "3")],
)
def test_bands_boundaries(value: str, expected: str) -> None:
    assert ADJUSTMENT.apply(ctx(value)).score == D(expected)


def test_bands_no_match_scores_zero_with_reason() -> None:
    rule = Bands(kind="bands", bands=[Band(min=D(90), score=D(5))])
    out = rule.apply(ctx("89.99"))
    assert out.score == 0
    assert "不在评分标准的任何区间内" in out.deductions[0]


def test_bands_problem_when_score_above_weight() -> None:
    assert ADJUSTMENT.problems(D(4)) == ["第 1 档分值 5 应在 0 与分值 4 之间"]


# --- proportional ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [("100", "10"), ("100.01", "10"), ("98.09", "9.809"), ("0", "0"), ("150", "10")],
)
def test_proportional_positive(value: str, expected: str) -> None:
    rule = Proportional(kind="proportional", target=D(100))
    assert rule.apply(ctx(value, "10")).score == D(expected)


def test_proportional_negative_orientation() -> None:
    # 反向: ≤ target is full; above it weight × target / actual
    rule = Proportional(kind="proportional", target=D(50), orientation="negative")
    assert rule.apply(ctx("40", "4")).score == D(4)
    assert rule.apply(ctx("80", "4")).score == D("2.5")
    assert rule.apply(ctx("0", "4")).score == D(4)


def test_proportional_zero_below() -> None:
    rule = Proportional(kind="proportional", target=D(100), zero_below=D(60))
    assert rule.apply(ctx("59.99", "5")).score == 0
    assert rule.apply(ctx("60", "5")).score == D(3)


# --- checklist -------------------------------------------------------------------------------

CHECK = Checklist(
    kind="checklist",
    items=[
        ChecklistItem(key="a", name="甲", points=D("0.5")),
        ChecklistItem(key="b", name="乙", points=D(1)),
    ],
)


def test_checklist_scores_satisfied_items_and_explains() -> None:
    dy = department(management=[{"key": "a", "satisfied": True}, {"key": "b", "satisfied": False, "note": "制度未更新"}])
    out = CHECK.apply(ctx(None, "1.5", dy=dy))
    assert out.score == D("0.5")
    assert out.deductions == ("“乙”未达到要求，制度未更新，扣1分",)


def test_checklist_missing_item_is_missing_not_zero() -> None:
    dy = department(management=[{"key": "a", "satisfied": True}])
    out = CHECK.apply(ctx(None, "1.5", dy=dy))
    assert out.score is None
    assert out.missing == ("管理评价事项「乙」（b）未填写是否满足",)


def test_checklist_points_must_add_to_weight() -> None:
    assert CHECK.problems(D(2)) == ["清单各项分值之和 1.5 不等于指标分值 2"]


# --- per incident ----------------------------------------------------------------------------

def test_per_incident_counts_from_incidents() -> None:
    rule = PerIncident(kind="per_incident", incident="violation", label="违规", deduct=D("0.5"))
    assert rule.apply(ctx(None, "2", dy=department(incidents=[{"kind": "violation", "count": 0}]))).score == D(2)
    out = rule.apply(ctx(None, "2", dy=department(incidents=[{"kind": "violation", "count": 3}])))
    assert out.score == D("0.5")
    assert out.deductions == ("发生违规3次，每次扣0.5分，扣1.5分",)
    assert rule.apply(ctx(None, "2", dy=department(incidents=[{"kind": "violation", "count": 9}]))).score == 0


def test_per_incident_without_data_is_missing() -> None:
    rule = PerIncident(kind="per_incident", incident="violation", label="违规", deduct=D(1))
    out = rule.apply(ctx(None, "2"))
    assert out.score is None
    assert "没有发生请填 0" in out.missing[0]


def test_per_incident_counts_from_metric_value() -> None:
    rule = PerIncident(kind="per_incident", label="资金被收回", deduct=D(1))
    assert rule.apply(ctx("2", "3", unit="次")).score == D(1)


# --- manual ----------------------------------------------------------------------------------

def test_manual_score_with_reason_and_tier() -> None:
    dy = department(manual_scores=[{"indicator": "x", "score": "6.5", "reason": "未完成一项"}])
    out = Manual(kind="manual").apply(ctx(None, "8", dy=dy))
    assert out.score == D("6.5")
    assert out.deductions == ("未完成一项，扣1.5分",)
    assert out.basis == "人工评定6.5分（达成年度指标）"


def test_manual_missing_and_invalid() -> None:
    assert Manual(kind="manual").apply(ctx(None, "8")).score is None
    too_high = department(manual_scores=[{"indicator": "x", "score": "9"}])
    assert Manual(kind="manual").apply(ctx(None, "8", dy=too_high)).missing == ("人工评分 9 分超过该指标分值 8 分，请更正",)
    no_reason = department(manual_scores=[{"indicator": "x", "score": "7"}])
    assert Manual(kind="manual").apply(ctx(None, "8", dy=no_reason)).score is None


# --- satisfaction ----------------------------------------------------------------------------

def test_satisfaction_weighted_groups() -> None:
    dy = department(surveys=[{"name": "服务对象", "rate": 98}, {"name": "社会公众", "responses": 50, "satisfied": 40}])
    rule = Satisfaction(
        kind="satisfaction",
        groups=[GroupWeight(name="服务对象", weight=D("0.5")), GroupWeight(name="社会公众", weight=D("0.5"))],
        target=D(90),
    )
    out = rule.apply(ctx(None, "5", dy=dy))
    # (98 + 80) / 2 = 89 -> 5 × 89 / 90
    assert out.score == D(5) * D(89) / D(90)
    assert D(out.details["combined_rate"]) == 89


PUBLIC = GroupWeight(name="社会公众", weight=D("0.5"), aliases=["社会群众", "群众"])
SERVED = GroupWeight(name="服务对象", weight=D("0.5"))


def test_satisfaction_takes_the_groups_a_department_names() -> None:
    """社会群众 is an alias of 社会公众; a row may declare its group; two rows of one group are pooled by
    responses; a group that maps to neither is reported, not silently dropped."""
    rule = Satisfaction(kind="satisfaction", groups=[SERVED, PUBLIC], target=D(90))
    dy = department(surveys=[
        {"name": "社会群众", "rate": 96},
        {"name": "外资企业", "group": "服务对象", "responses": 30, "rate": 100},
        {"name": "办证群众", "group": "服务对象", "responses": 10, "rate": 90},
        {"name": "驻外机构", "rate": 60},
    ])
    out = rule.apply(ctx(None, "5", dy=dy))
    # 服务对象 = (100×30 + 90×10) / 40 = 97.5; combined = 97.5×50% + 96×50% = 96.75 ≥ 90 → full marks
    assert D(out.details["combined_rate"]) == D("96.75") and out.score == D(5)
    assert out.basis.startswith("综合满意度 = 服务对象97.50%×50% + 社会公众96.00%×50% = 96.75%")
    assert out.notes == ("满意度调查对象「驻外机构」不属于评价框架的调查对象（服务对象、社会公众），未计入综合满意度；"
                         "如属其中一类，请在“计入类别”（surveys[3].group）中注明",)


def test_an_unmapped_survey_group_is_a_warning_of_the_evaluation() -> None:
    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    renamed = replace(dy, **{"surveys": [*dy.surveys, SurveyGroup(name="外籍人士", rate=D(50))]})
    result = evaluate(renamed, get_framework("chongqing-district-2020"))
    notes = [f for f in result.findings if f.code == "evaluate.note"]
    assert [(f.severity, f.location.path) for f in notes] == [(Severity.WARNING, "satisfaction")]
    assert "满意度调查对象「外籍人士」不属于评价框架的调查对象" in notes[0].message
    assert result.find("satisfaction").score == D(5)  # 98% and 96% as before: the unmapped row is not counted


def test_satisfaction_missing_group() -> None:
    rule = Satisfaction(kind="satisfaction", groups=[GroupWeight(name="服务对象", weight=D(1))])
    assert rule.apply(ctx(None, "5")).missing == ("缺少调查对象「服务对象」的满意度（问卷数与满意数，或满意度）",)


# --- coefficient -----------------------------------------------------------------------------

def test_coefficient() -> None:
    assert Coefficient(kind="coefficient").apply(ctx("76", "10")).score == D("7.6")
    assert Coefficient(kind="coefficient").apply(ctx("120", "10")).score == D(10)
    assert Coefficient(kind="coefficient", scale="fraction").apply(ctx("0.5", "4")).score == D(2)
