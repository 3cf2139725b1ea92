"""Year-on-year figures come from the stored previous year, not from what was typed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.model import DepartmentYear
from jixiao.store import ImportOutcome, ImportStatus, Store
from jixiao.store.yoy import KeyFigures, PriorYear, key_figures, with_prior
from tests.store.generate import as_data, example, write_data

WANZHOU = "重庆市万州区人民政府外事办公室"


def _last_year() -> dict[str, Any]:
    """Wanzhou's 2019, made up for the test: every figure the 2020 evaluation compares with."""
    data = as_data(example("wanzhou-2020"))
    data["profile"]["year"] = 2019
    data["expenditure"].update({"total": Decimal("210.50"), "basic": Decimal("149.78"), "project": Decimal("60.72"),
                                "personnel": Decimal("117.78"), "public": Decimal("32.00")})
    data["carryover"] = {"amount": Decimal("0.30")}
    data["staffing"] = {"authorized": 8, "actual": 7}
    data["three_public"] = {"budget_total": Decimal("6"), "last_year_actual_total": Decimal("22.50"), "items": [
        {"kind": "reception", "budget": Decimal("6"), "actual": Decimal("5.00")},
        {"kind": "vehicle_operation", "actual": Decimal("3.00")},
        {"kind": "foreign_reception", "actual": Decimal("12.00"), "in_budget_scope": False},
        {"kind": "outbound", "actual": Decimal("0"), "in_budget_scope": False},
    ]}
    return data


def test_with_prior_fills_and_reports_differences() -> None:
    dy = example("wanzhou-2020")  # typed: 上年“三公”经费 21.97 in total, nothing else
    prior = PriorYear(2019, 3, KeyFigures(
        budget_final=None, revenue_total=Decimal("230"), fiscal_appropriation=None, expenditure_total=Decimal("210.5"),
        expenditure_basic=None, expenditure_project=None, assets_total=None, carryover=Decimal("0.3"),
        three_public_budget=Decimal("6"), three_public_actual=Decimal("20.00"), staff_authorized=8, staff_actual=7,
        three_public={"reception": (Decimal("6"), Decimal("5")), "foreign_reception": (None, Decimal("12.001"))},
    ), Decimal("91.5"), "优")
    derived, findings = with_prior(dy, prior)
    assert dy.prior.expenditure_total is None  # the typed model is untouched
    p = derived.prior
    assert (p.expenditure_total, p.revenue_total, p.carryover, p.staff_authorized, p.staff_actual, p.score, p.grade) == (
        Decimal("210.5"), Decimal("230"), Decimal("0.3"), 8, 7, Decimal("91.5"), "优")
    tp = derived.three_public
    assert (tp.last_year_actual_total, tp.last_year_budget_total) == (Decimal("20.00"), Decimal("6"))
    by_kind = {i.kind.value: (i.last_year_budget, i.last_year_actual) for i in tp.items}
    assert by_kind == {"reception": (Decimal("6"), Decimal("5")), "vehicle_operation": (None, None),
                       "foreign_reception": (None, Decimal("12.001")), "outbound": (None, None)}
    assert [(f.code, f.location.path, f.message) for f in findings] == [(
        "store.prior-differs", "three_public.last_year_actual_total",
        "上年“三公”经费实际支出合计：填报数据为 21.97万元，数据库中 2019 年度（第 3 版）为 20.00万元；同比按数据库中的数值计算",
    )]
    assert with_prior(dy, None) == (dy, [])
    with pytest.raises(ValueError):
        with_prior(dy, PriorYear(2018, 1, prior.figures, None, None))


def test_key_figures_use_the_engines_totals() -> None:
    kf = key_figures(example("wanzhou-2020"))
    assert (kf.three_public_actual, kf.three_public_budget, kf.expenditure_total, kf.carryover) == (
        Decimal("11.96"), Decimal("4"), Decimal("226.75"), Decimal("0.11"))
    assert kf.three_public["foreign_reception"] == (None, Decimal("9.01"))


def _metric(result: dict[str, Any], metric_label: str) -> dict[str, Any]:
    def walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [n for node in nodes for n in [node, *walk(node["children"])]]
    found: list[dict[str, Any]] = [n["metric"] for n in walk(result["indicators"])
                                   if n["metric"] and n["metric"]["formula"] == metric_label]
    return found[0]


@pytest.mark.parametrize("order", ["in-order", "reversed"])
def test_previous_year_from_the_store(store: Store, tmp_path: Path, order: str) -> None:
    store.assign_framework("重庆市万州区", 2019, "chongqing-district-2020", user="科长")
    last = write_data(tmp_path / "wz-2019.json", _last_year())
    this = tmp_path / "wz-2020.yaml"
    this.write_bytes(example_path("wanzhou-2020").read_bytes())
    if order == "in-order":
        store.import_paths([last, this], user="甲")
    else:  # 2020 first, then 2019 arrives in a second import: 2020 is re-evaluated
        [o2020] = store.import_paths([this], user="甲")
        assert o2020.findings == ()
        [o2019] = store.import_paths([last], user="甲")
        assert (o2019.status, o2019.refreshed_years) == (ImportStatus.NEW, (2020,))
    h = store.history(WANZHOU)
    y2019, y2020 = h.years
    assert [f.message for f in y2020.findings] == [
        "上年“三公”经费实际支出合计：填报数据为 21.97万元，数据库中 2019 年度（第 1 版）为 20.00万元；同比按数据库中的数值计算"]
    assert y2020.total is not None and y2019.total is not None
    assert y2020.change == y2020.total - y2019.total
    result = store.current_result(WANZHOU, 2020)
    assert result["department"] == WANZHOU
    derived = store.derived_department_year(WANZHOU, 2020)
    assert (derived.prior.expenditure_total, derived.prior.carryover, derived.three_public.last_year_actual_total,
            derived.prior.staff_authorized, derived.prior.score) == (
        Decimal("210.50"), Decimal("0.30"), Decimal("20.00"), 8, y2019.total)
    assert y2019.complete and y2019.total is not None


def test_report_year_on_year_sentences_use_the_store(store: Store, tmp_path: Path) -> None:
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework
    from jixiao.report.content import build_report
    from jixiao.report.markdown import render_markdown

    store.assign_framework("重庆市万州区", 2019, "chongqing-district-2020", user="科长")
    store.import_paths([write_data(tmp_path / "wz-2019.json", _last_year()), example_path("wanzhou-2020")], user="甲")
    derived = store.derived_department_year(WANZHOU, 2020)
    fw = get_framework("chongqing-district-2020")
    assert store.for_report(WANZHOU, 2020) == (derived, fw)
    text = render_markdown(build_report(derived, evaluate(derived, fw), fw))
    # 11.96 against the stored 20.00: down 8.04 万元, 40.20%; the typed 21.97 would have said 10.01 and 45.56%.
    assert "减少8.04万元，下降40.20%" in text
    assert "10.01万元" not in text


def example_path(name: str) -> Path:
    from tests.store.generate import EXAMPLES

    return EXAMPLES / f"{name}.yaml"


def test_typed_model_is_what_is_exported(store: Store) -> None:
    store.import_paths([example_path("wanzhou-2020")], user="甲")
    dy, _, _ = store.department_year(WANZHOU, 2020)
    assert isinstance(dy, DepartmentYear) and dy == example("wanzhou-2020")


def test_key_figures_from_the_evaluation_are_those_of_the_typed_data() -> None:
    """Import derives the figures once (in the evaluation, with last year filled in): none of the key figures
    may read last year's figures, or the columns would differ from the typed data's."""
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework
    from tests.store.generate import NAMES

    for name in NAMES:
        dy = example(name)
        prior = PriorYear(dy.profile.year - 1, 1, KeyFigures(
            budget_final=Decimal("999"), revenue_total=Decimal("1"), fiscal_appropriation=Decimal("2"),
            expenditure_total=Decimal("3"), expenditure_basic=Decimal("1"), expenditure_project=Decimal("2"),
            assets_total=Decimal("4"), carryover=Decimal("5"), three_public_budget=Decimal("6"),
            three_public_actual=Decimal("7"), staff_authorized=99, staff_actual=98,
            three_public={"reception": (Decimal("1"), Decimal("2"))}), Decimal("50"), "差")
        figures = evaluate(with_prior(dy, prior)[0], get_framework("national-2013")).figures
        assert key_figures(dy, figures) == key_figures(dy), name


@pytest.mark.parametrize("stale", [False, True])
def test_an_evaluation_made_ahead_is_used_only_while_last_year_is_unchanged(store: Store, tmp_path: Path,
                                                                            stale: bool) -> None:
    from jixiao.store.importing import read_prepared, store_chunk

    store.assign_framework("重庆市万州区", 2019, "chongqing-district-2020", user="科长")
    last = write_data(tmp_path / "wz-2019.json", _last_year())
    if not stale:
        store.import_paths([last], user="甲")
    item = read_prepared(example_path("wanzhou-2020"), store.db)  # evaluated against the store as it is now
    assert not isinstance(item, ImportOutcome) and item.guess is not None
    assert (item.guess.evaluated.prior is None) is stale
    if stale:
        store.import_paths([last], user="甲")  # 2019 arrives between the guess and the transaction
    [o] = store.db.write(lambda s: store_chunk(s, [item], "甲"))
    assert o.status is ImportStatus.NEW
    [y2019, y2020] = store.history(WANZHOU).years
    assert [f.message for f in y2020.findings] == [
        "上年“三公”经费实际支出合计：填报数据为 21.97万元，数据库中 2019 年度（第 1 版）为 20.00万元；同比按数据库中的数值计算"]
    assert store.derived_department_year(WANZHOU, 2020).prior.score == y2019.total
