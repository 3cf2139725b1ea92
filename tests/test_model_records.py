"""The department model as records: conversions, error records and their order, dump/replace/fields_of, and
no validation library imported to load a department-year."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from jixiao.model import Budget, DepartmentYear, Direction, ThreePublicKind, dump, fields_of, replace
from jixiao.model.load import department_from_data, parse_department
from jixiao.model.validate import InvalidData
from tests.helpers import EXAMPLES, ROOT

PROFILE = {"name": "测试局", "year": 2023}


def problems(data: dict[str, Any]) -> list[tuple[str | None, str]]:
    dy, findings = department_from_data({"profile": PROFILE, **data})
    assert dy is None
    return [(f.location.path, f.message) for f in findings]


def test_loading_a_department_year_imports_no_validation_library() -> None:
    probe = ("import sys; from pathlib import Path; from jixiao.model.load import load_department; "
             f"dy, f = load_department(Path({str(EXAMPLES / 'wanzhou-2020.yaml')!r})); assert dy is not None; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_lax_conversions_give_exact_values() -> None:
    dy = parse_department({
        "profile": {**PROFILE, "report_date": "2024-03-01T00:00:00"},
        "budget": {"initial": " 1_000.50 ", "adjustment": -12, "final": 0.1},
        "staffing": {"actual": "12", "authorized": 2.0, "retired": D("3")},
        "three_public": {"items": [{"kind": "reception", "in_budget_scope": "no"}]},
        "targets": [{"category": "产出", "name": "a", "direction": "≥", "target": 5, "actual": "已完成"}],
    })
    assert dy.budget.initial == D("1000.50") and str(dy.budget.initial) == "1000.50"
    assert dy.budget.adjustment == D(-12) and type(dy.budget.adjustment) is D
    assert str(dy.budget.final) == "0.1"  # a float by its shortest text, never its binary expansion
    assert (dy.staffing.actual, dy.staffing.authorized, dy.staffing.retired) == (12, 2, 3)
    assert all(type(v) is int for v in (dy.staffing.actual, dy.staffing.authorized, dy.staffing.retired))
    assert dy.profile.report_date == date(2024, 3, 1)
    assert dy.three_public.items[0].kind is ThreePublicKind.RECEPTION and dy.three_public.items[0].in_budget_scope is False
    assert dy.targets[0].direction is Direction.AT_LEAST
    assert (dy.targets[0].target, dy.targets[0].actual) == (D(5), "已完成")


def test_problems_in_field_order_then_unknown_keys() -> None:
    assert problems({"zz": 1, "budget": {"zz": None, "initial": "x", "final": "-1"}, "staffing": {"actual": 1.5}}) == [
        ("staffing.actual", "应为整数，实际为「1.5」"),  # staffing is declared before budget
        ("budget.initial", "应为数字，实际为「x」"),
        ("budget.final", "不能为负数，实际为「-1」"),
        ("budget.zz", "未知字段（请检查拼写）"),
        ("zz", "未知字段（请检查拼写），实际为「1」"),
    ]


def test_each_kind_of_problem_in_chinese() -> None:
    assert problems({"budget": None, "surveys": [{"name": "a", "rate": 101}, 3],
                     "three_public": {"items": [{"kind": "bad"}]}, "key_tasks": [{"weight": "-2", "on_time": "也许"}]}) == [
        ("budget", "应为一组字段（映射）"),
        ("three_public.items[0].kind", "应为以下之一：'outbound', 'vehicle_purchase', 'vehicle_operation', 'vehicle', "
                                       "'reception' or 'foreign_reception'，实际为「bad」"),
        ("key_tasks[0].name", "缺少必填项"),
        ("key_tasks[0].weight", "不能为负数，实际为「-2」"),
        ("key_tasks[0].on_time", "应为 是/否（true/false），实际为「也许」"),
        ("surveys[0].rate", "不能大于 100，实际为「101」"),
        ("surveys[1]", "应为一组字段（映射），实际为「3」"),
    ]
    limit = problems({"budget": {"initial": D("1e40")}})
    assert limit[0][0] == "budget.initial" and limit[0][1].startswith("数字「1E+40」过大")


def test_a_target_is_a_number_or_text_one_problem_at_its_own_place() -> None:
    # (pydantic reported two contradictory problems, one of them at "targets[0].target.function-after[…]")
    target = {"category": "产出", "name": "a", "direction": "定性"}
    assert problems({"targets": [{**target, "target": True}]}) == [("targets[0].target", "应为数字或文字，实际为「True」")]
    (path, message), = problems({"targets": [{**target, "actual": D("1e40")}]})
    assert path == "targets[0].actual" and message.startswith("数字「1E+40」过大")


def test_invalid_data_names_every_problem() -> None:
    with pytest.raises(InvalidData) as caught:
        parse_department({"profile": {"year": "x"}})
    assert caught.value.error_count() == 2
    assert str(caught.value) == "profile.name：缺少必填项；profile.year：应为整数，实际为「x」"


def test_dump_replace_and_fields() -> None:
    dy = parse_department({"profile": PROFILE, "budget": {"initial": "10.50"}, "staffing": {"actual": 0},
                           "three_public": {"items": [{"kind": "reception", "actual": "1"}]}})
    assert dump(dy, mode="json", exclude_defaults=True) == {
        "profile": {"name": "测试局", "year": 2023}, "staffing": {"actual": 0}, "budget": {"initial": "10.50"},
        "three_public": {"items": [{"kind": "reception", "actual": "1"}]}}
    assert dump(dy)["three_public"]["items"][0]["kind"] is ThreePublicKind.RECEPTION
    assert json.dumps(dump(dy, mode="json"), ensure_ascii=False).count('"in_budget_scope": true') == 1
    assert parse_department(dump(dy, mode="json")) == dy  # what the store keeps reads back to the same record
    moved = replace(dy, budget=replace(dy.budget, initial=D("11")))
    assert (moved.budget.initial, dy.budget.initial) == (D("11"), D("10.50"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        dy.budget.initial = D(1)  # type: ignore[misc]
    info = fields_of(Budget)["initial"]
    assert (info.description, info.spec.type, info.spec.bounded) == ("年初预算数（万元）", D, True)
    assert list(fields_of(DepartmentYear))[:3] == ["framework", "finance_source", "profile"]
