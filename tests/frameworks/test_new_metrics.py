"""The metrics added for the seed frameworks: small cases with known answers."""

from __future__ import annotations

from decimal import Decimal

from jixiao.engine.figures import derive
from jixiao.engine.metrics import REGISTRY
from jixiao.model import DepartmentYear
from jixiao.model.load import parse_department

D = Decimal


def dy(**data: object) -> DepartmentYear:
    return parse_department({"profile": {"name": "测试单位", "year": 2023}, **data})


def value(metric: str, d: DepartmentYear, **args: str) -> Decimal | None:
    return REGISTRY[metric](derive(d), dict(args)).value


def test_key_expenditure_rate() -> None:
    d = dy(expenditure={"projects": [
        {"name": "甲", "budget": "300", "key": True}, {"name": "乙", "budget": "100"}]})
    assert value("key_expenditure_rate", d) == D(75)  # 300 / 400
    unmarked = dy(expenditure={"projects": [{"name": "甲", "budget": "300"}]})
    mv = REGISTRY["key_expenditure_rate"](derive(unmarked), {})
    assert mv.value is None and mv.missing == ("重点项目（expenditure.projects[] 中 key: true 的项目）",)


def test_task_rates() -> None:
    d = dy(key_tasks=[
        {"name": "一", "completion": 100, "on_time": True, "quality_met": True},
        {"name": "二", "completion": 100, "on_time": False, "quality_met": True},
        {"name": "三", "completion": 50, "on_time": True, "quality_met": False},
        {"name": "四", "completion": 100, "on_time": True, "quality_met": True},
    ])
    assert value("task_on_time_rate", d) == D(75)   # 3 of 4
    assert value("task_quality_rate", d) == D(75)   # 3 of 4
    assert value("key_task_done_rate", d) == D(75)  # 3 of 4 at 100%
    unknown = dy(key_tasks=[{"name": "一"}])
    assert REGISTRY["task_on_time_rate"](derive(unknown), {}).missing == (
        "重点任务「一」是否按时完成（key_tasks[0].on_time）",)


def test_three_public_items_over_budget() -> None:
    d = dy(three_public={"items": [
        {"kind": "outbound", "budget": "10", "actual": "13.88"},
        {"kind": "vehicle", "budget": "4.9", "actual": "4.88"},
        {"kind": "reception", "budget": "33.8", "actual": "2.19"},
        {"kind": "foreign_reception", "actual": "50", "in_budget_scope": False},
    ]})
    mv = REGISTRY["three_public_items_over_budget"](derive(d), {})
    assert mv.value == D(1)
    assert mv.note == "因公出国（境）费实际支出13.88万元，超过预算10万元"
    missing = dy(three_public={"items": [{"kind": "outbound", "actual": "1"}]})
    assert REGISTRY["three_public_items_over_budget"](derive(missing), {}).value is None


def test_spending_progress_half_year_checkpoint() -> None:
    d = dy(budget={"final": "200"}, payments=[{"label": "上半年", "paid": "90"}])
    assert value("spending_progress", d, checkpoint="上半年") == D(45)
