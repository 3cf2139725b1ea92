"""Property tests: scores stay within [0, weight]; a better figure never scores lower."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.frameworks.rules import Band, Bands, Context, Linear, Proportional, Rule, Steps, Threshold
from tests.helpers import department

values = st.decimals(min_value=D(-200), max_value=D(500), places=4, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=D("0.5"), max_value=D(20), places=1)
steps = st.sampled_from(["continuous", "started", "completed"])
DY = department()


def score(rule: Rule, value: D, weight: D) -> D:
    out = rule.apply(Context(indicator_id="x", indicator_name="x", weight=weight, value=value, unit="%", department=DY))
    assert out.score is not None
    return out.score


@given(values, values, weights, steps, st.decimals(min_value=D("0.1"), max_value=D(10), places=2))
def test_linear_above_bounded_and_monotone(a: D, b: D, w: D, mode: Steps, deduct: D) -> None:
    rule = Linear(kind="linear", baseline=D(100), direction="above", step=D(1), deduct=deduct, steps=mode)
    lo, hi = sorted((a, b))
    s_lo, s_hi = score(rule, lo, w), score(rule, hi, w)
    assert D(0) <= s_hi <= s_lo <= w  # lower is better for an "above" penalty


@given(values, values, weights)
def test_linear_below_bounded_and_monotone(a: D, b: D, w: D) -> None:
    rule = Linear(kind="linear", baseline=D(100), direction="below", step=D(5), deduct=D(2))
    lo, hi = sorted((a, b))
    assert D(0) <= score(rule, lo, w) <= score(rule, hi, w) <= w


@given(values, values, weights)
def test_proportional_bounded_and_monotone(a: D, b: D, w: D) -> None:
    rule = Proportional(kind="proportional", target=D(90))
    lo, hi = sorted((a, b))
    lo, hi = max(lo, D(0)), max(hi, D(0))
    assert D(0) <= score(rule, lo, w) <= score(rule, hi, w) <= w


@given(values, values, weights)
def test_proportional_negative_monotone(a: D, b: D, w: D) -> None:
    rule = Proportional(kind="proportional", target=D(50), orientation="negative")
    lo, hi = sorted((max(a, D(0)), max(b, D(0))))
    assert D(0) <= score(rule, hi, w) <= score(rule, lo, w) <= w


@given(values, values)
def test_monotone_bands_monotone(a: D, b: D) -> None:
    rule = Bands(
        kind="bands",
        bands=[
            Band(min=D(90), score=D(5)),
            Band(min=D(80), max=D(90), score=D(4)),
            Band(min=D(60), max=D(80), score=D(2)),
            Band(max=D(60), score=D(0)),
        ],
    )
    lo, hi = sorted((a, b))
    assert D(0) <= score(rule, lo, D(5)) <= score(rule, hi, D(5)) <= D(5)


@given(values, values)
def test_threshold_monotone(a: D, b: D) -> None:
    rule = Threshold(kind="threshold", op=">=", target=D(50))
    lo, hi = sorted((a, b))
    assert D(0) <= score(rule, lo, D(2)) <= score(rule, hi, D(2)) <= D(2)


money = st.decimals(min_value=D(0), max_value=D(100000), places=2)
counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=60, deadline=None)
@given(
    authorized=st.integers(min_value=0, max_value=500),
    actual=counts,
    budget=money,
    spent=money,
    carry=money,
    tp_budget=money,
    tp_actual=money,
    tp_last=money,
    completion=st.decimals(min_value=D(0), max_value=D(100), places=2),
    sat=st.decimals(min_value=D(0), max_value=D(100), places=1),
)
def test_engine_scores_within_bounds(
    authorized: int, actual: int, budget: D, spent: D, carry: D, tp_budget: D, tp_actual: D, tp_last: D,
    completion: D, sat: D,
) -> None:
    dy = department(
        staffing={"authorized": authorized, "actual": actual},
        budget={"initial": budget, "adjustment": 0, "carried_over": 0},
        expenditure={"total": spent, "projects": [{"name": "项目", "budget": budget, "actual": spent}]},
        carryover={"amount": carry},
        recovered_funds={"count": 0},
        three_public={"budget_total": tp_budget, "actual_total": tp_actual, "last_year_actual_total": tp_last},
        procurement={"budget": budget, "actual": spent},
        assets={"fixed_total": budget, "fixed_in_use": min(budget, spent)},
        official_card={"rate": sat},
        key_tasks=[{"name": "任务一", "weight": 30, "completion": completion}, {"name": "任务二", "weight": 20, "completion": 100}],
        surveys=[{"name": "服务对象", "rate": sat}, {"name": "社会公众", "rate": sat}],
    )
    result = evaluate(dy, get_framework("chongqing-district-2020"))
    for r in result.walk():
        if r.score is not None:
            assert D(0) <= r.score <= r.weight, r.name
    assert D(0) <= result.total <= D(100)
