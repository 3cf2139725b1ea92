"""Each seed department evaluated under its own framework: exact scores per indicator.

Every expected figure is computed by hand from the report's figures; the arithmetic is
written next to it. ``None`` means the report does not give the data and jixiao must
report the indicator as missing rather than score it.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.engine.result import EvaluationResult, Status
from tests.frameworks.conftest import run_example


def scores(result: EvaluationResult) -> dict[str, Decimal | None]:
    return {leaf.id: leaf.score for leaf in result.leaves()}


def D(text: str) -> Decimal:
    return Decimal(text)


def test_wanzhou_2020_reproduces_94() -> None:
    r = run_example("wanzhou-2020")
    tops = {t.name: t.score for t in r.indicators}
    assert tops == {"投入": D("5"), "过程": D("24.5"), "产出": D("46"), "效果": D("18.5")}
    assert r.total == D("94")
    assert r.grade == "优"
    assert r.complete


def test_nanchang_2017_under_its_framework() -> None:
    r = run_example("nanchang-2017")
    assert scores(r) == {
        "target_soundness": None,        # goal_lawful not stated
        "target_clarity": None,          # none of the four 53号 points stated
        "staff_control": D("3.00"),      # 26 / 26 = 100% ≤ 100% → 3
        "three_public_change": None,     # “三公” figures not stated
        "key_expenditure": None,         # no project marked key
        "budget_completion": D("0.00"),  # 775.6 / 1288.4 = 60.20%; 39.80 pp below 100 → 7.96 × 2 = 15.92 > 6 → 0
        "budget_adjustment": None,       # adjustment not stated
        "spending_h1": None,             # 上半年 paid not stated
        "spending_year": D("0.00"),      # 60.20%; 39.80 pp → 7.96 × 1 = 7.96 > 3 → 0
        "carryover": D("0.00"),          # (1288.4 − 775.6) / 1288.4 = 39.80%; 29.80 pp over 10 × 0.5 = 14.9 > 6 → 0
        "public_funds_control": None,
        "three_public_control": None,
        "procurement_execution": None,
        "rules_soundness": D("3.00"),    # 3 of 3 points stated
        "fund_compliance": None,         # ⑤ 无截留挤占挪用 not stated
        "disclosure": D("4.00"),
        "basic_info": D("4.00"),
        "project_completion": D("3.71"),  # (303.04 + 77.06) / (300 + 110) = 92.707%; 4 × 0.92707 = 3.708 → 3.71
        "asset_rules": D("4.00"),
        "asset_safety": None,            # 配置/处置 and 收入上缴 not stated
        "fixed_asset_use": None,
        "completion": D("10.00"),        # 10 of 10 团组 → 100%
        "social_benefit": None,          # no stated score
        "satisfaction": D("10.00"),      # 98% ≥ 90% → 10
    }
    # 投入 3 + 过程 (0+0+0+3+4+4+3.71+4 = 18.71) + 产出 10 + 效果 10 = 41.71
    assert r.total == D("41.71")
    assert not r.complete and r.grade is None


def test_nanchang_2017_zeroed_indicators_are_reproduced() -> None:
    """The report gives 预算完成率, 支付进度率 and 结转结余率 0; jixiao agrees from 775.6 and 1288.4."""
    r = run_example("nanchang-2017")
    completion = r.find("budget_completion")
    assert completion.metric is not None and completion.metric.value is not None
    assert completion.metric.value.quantize(D("0.01")) == D("60.20")
    assert completion.score == 0
    progress = r.find("payment_progress")
    assert progress.status is Status.PARTIAL and progress.score == 0  # 全年 0; 上半年 missing
    assert r.find("spending_h1").missing == ("缺少数据：支付进度时点「上半年」（payments）",)
    carry = r.find("carryover")
    assert carry.metric is not None and carry.metric.value is not None
    assert carry.metric.value.quantize(D("0.01")) == D("39.80")
    assert carry.score == 0


def test_shaoguan_2022_under_its_framework() -> None:
    r = run_example("shaoguan-2022")
    assert scores(r) == {
        "goal_setting": None,               # targets_measurable not stated
        "budget_execution": D("10.00"),     # 373.93 / 373.93 = 100% → 10
        "budget_adjustment": D("3.00"),     # 55.62 / 318.31 = 17.47% ∈ (10, 20] → 3
        "three_public_control": D("5.00"),  # 2.0 / 4.5 = 44.44% ≤ 100% → 5
        "three_public_items": D("5.00"),    # 0 ≤ 0, 1.79 ≤ 2, 0.2 ≤ 2.5: no category over → 5
        "public_funds_control": None,       # 公用经费 not stated
        "target_completion": None,          # actual values not stated
        "key_task_completion": None,        # completion not stated
        "social_benefit": None,
        "sustainable_development": None,
    }
    assert r.total == D("23.00")  # 10 + 3 + 5 + 5


def test_guangzhou_2021_under_its_framework() -> None:
    r = run_example("guangzhou-2021")
    assert scores(r) == {
        "budget_prepared": None,
        "budget_execution": D("9.81"),          # 8005.58 / 8161.61 = 98.088%; 10 × 0.98088 = 9.809 → 9.81
        "carryover": None,
        "three_public_control": None,
        "performance_management": D("10.00"),   # 3 + 3 + 2 + 2, all stated
        "procurement_execution": None,          # 政府采购预算 not stated
        "sme_share": D("2.00"),                 # 1760.22 / 2105.84 = 83.59% ≥ 30% → 2
        "procurement_reporting": D("2.00"),
        "asset_management": D("6.00"),
        "fixed_asset_use": None,
        "key_task_completion": None,
        "target_completion": D("20.00"),        # 百城计划 100 ≥ 100: 1 of 1 → 100% → 20
        "duty_effect": None,
    }
    assert r.total == D("49.81")


def test_zhanjiang_2023_under_its_framework() -> None:
    r = run_example("zhanjiang-2023")
    assert scores(r) == {
        "budget_preparation": D("5.00"),
        "budget_accuracy": D("0.00"),       # |1386.01 − 1147.27| / 1147.27 = 20.81% > 20% → 0
        "target_setting": D("5.00"),
        "budget_execution": None,           # adjusted 全年预算数 not stated
        "carryover": D("5.00"),             # 0 / 1386.01 = 0% ≤ 5% → 5
        "three_public_items": D("1.50"),    # 因公出国 13.88 > 10: one category over → 3 − 1.5
        "procurement_execution": D("4.00"),  # 7.44 / 7.44 = 100%
        "fund_compliance": D("5.00"),       # 0 incidents
        "finance_rules": D("3.00"),
        "asset_safety": D("3.00"),
        "fixed_asset_use": D("2.00"),       # 13818432.14 / 13818432.14 元 = 100%
        "disclosure": None,                 # 决算公开 not stated
        "three_public_control": D("5.00"),  # 20.95 / 48.7 = 43.02% ≤ 100%
        "public_funds_control": D("5.00"),  # 41.48 / 50.44 = 82.24% ≤ 100%
        "target_completion": D("8.00"),     # 1 of 1 target met
        "key_task_completion": None,
        "effect": None,
    }
    assert r.total == D("51.50")
    items = r.find("three_public_items")
    assert items.metric is not None
    assert items.metric.note == "因公出国（境）费实际支出13.88万元，超过预算10万元"
