"""The Wanzhou 2020 self-evaluation reproduced indicator by indicator (seed 003)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.frameworks import get_framework
from jixiao.model.load import load_department, parse_department
from jixiao.model.records import dump
from tests.helpers import EXAMPLES


@pytest.fixture(scope="module")
def result() -> EvaluationResult:
    dy, findings = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None and findings == []
    return evaluate(dy, get_framework("chongqing-district-2020"))


# Every score the report states (seed 003, 四、整体支出绩效评价).
EXPECTED = {
    "staff_control": "2",
    "three_public_change": "3",
    "budget_adjustment": "2",
    "payment_progress": "3",
    "funds_recovered": "3",
    "three_public_control": "2",
    "rules_soundness": "1",
    "fund_compliance": "2",
    "disclosure": "2.5",
    "procurement_execution": "2",
    "official_card": "2",
    "asset_rules": "2",
    "asset_safety": "2",
    "fixed_asset_use": "1",
    "output.duties.1": "6",
    "output.duties.2": "8",
    "output.duties.3": "6",
    "output.duties.4": "6",
    "output.duties.5": "4",
    "output.duties.6": "8",
    "output.duties.7": "8",
    "economic_benefit": "7",
    "social_benefit": "6.5",
    "satisfaction": "5",
    "input": "5",
    "process": "24.5",
    "output": "46",
    "effect": "18.5",
}


@pytest.mark.parametrize(("indicator", "score"), sorted(EXPECTED.items()))
def test_indicator_score(result: EvaluationResult, indicator: str, score: str) -> None:
    assert result.find(indicator).score == D(score)


def test_every_leaf_is_covered_by_the_expectation(result: EvaluationResult) -> None:
    assert {r.id for r in result.leaves()} <= set(EXPECTED)


def test_total_and_grade(result: EvaluationResult) -> None:
    assert result.total == D(94)
    assert result.complete
    assert result.grade == "优"


def test_metric_values_traceable(result: EvaluationResult) -> None:
    change = result.find("three_public_change").metric
    assert change is not None and change.value is not None
    assert change.value.quantize(D("0.01")) == D("-45.56")  # (11.96 − 21.97) ÷ 21.97
    control = result.find("three_public_control").metric
    assert control is not None and control.value == D("73.75")  # (0 + 2.95) ÷ 4; 外事接待、因公出国 excluded
    assert control.note == "未纳入预算口径：外事接待费、因公出国（境）费"
    procurement = result.find("procurement_execution")
    assert procurement.basis == "政府采购预算为0，无法计算，本项不适用，按评分规则计满分2分"


def test_deductions_explained(result: EvaluationResult) -> None:
    lost = {r.id: r.deductions for r in result.leaves() if r.deductions}
    assert lost == {
        "rules_soundness": ("“相关管理制度合法、合规、完整”未达到要求，内部财务管理制度有待加强，存在管理制度不够健全，扣0.5分",),
        "output.duties.5": (
            "完成程度为50.00%，未达到目标100.00%，得分 = 8 × 50.00% ÷ 100.00% = 4分，扣4分",
            "未完成的主要原因是受疫情影响，与奥地利古兴市的结好协议2020年内未能签署；年度因公出访计划未完成，4批团组取消出访",
        ),
        "social_benefit": ("受疫情影响未完成新引进一所国外学校合作办学落户万州，扣1.5分",),
    }


def test_missing_data_is_missing_never_scored(result: EvaluationResult) -> None:

    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    stripped = parse_department(
        {**dump(dy), "staffing": {}, "surveys": [], "manual_scores": []}
    )
    r = evaluate(stripped, get_framework("chongqing-district-2020"))
    assert r.find("staff_control").score is None
    assert r.find("staff_control").missing == ("缺少数据：年末实有在职人数（staffing.actual）", "缺少数据：编制数（staffing.authorized）")
    assert r.find("social_benefit").score is None
    assert r.find("satisfaction").score is None
    assert not r.complete and r.grade is None
    assert r.total == D(94) - 2 - 7 - D("6.5") - 5
    assert r.missing_count == 4


def test_evaluation_is_deterministic(result: EvaluationResult) -> None:
    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    again = evaluate(dy, get_framework("chongqing-district-2020"))
    assert again.to_dict() == result.to_dict()
