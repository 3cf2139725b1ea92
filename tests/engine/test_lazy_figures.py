"""Figures computed when asked for are exactly the figures of the whole derivation run in order.

:func:`jixiao.engine.figures.derive` runs a step of :data:`~jixiao.engine.figures.STEPS` only when one of
its figures is asked for. The oracle here runs every step in order, each seeing every figure made before
it (the derivation as it was before it became lazy); whatever order the figures are asked for in, each
must be the oracle's, and the whole list must be the oracle's in the oracle's order.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.engine.figures import STEPS, Figure, derive, entered
from jixiao.frameworks import get_framework
from jixiao.model import DepartmentYear
from tests.store.generate import NAMES, example, generate


def eager(dy: DepartmentYear) -> dict[str, Figure]:
    latest: dict[str, Figure] = {}
    looked_up: dict[str, Figure] = {}

    def get(key: str) -> Figure:
        found = latest.get(key) or looked_up.get(key)
        if found is None:
            found = looked_up[key] = entered(dy, key)
        return found

    for step in STEPS:
        made = step.make(dy, get)
        assert all(step.makes(f.key) for f in made), [f.key for f in made]
        for f in made:
            latest[f.key] = f
    return latest


def departments() -> Iterator[DepartmentYear]:
    for name in NAMES:
        yield example(name)
    yield from generate(60, seed=5)


def same(a: Figure, b: Figure) -> bool:
    return a == b and a.inputs == b.inputs and a.missing == b.missing and a.note == b.note


@pytest.mark.parametrize("order", ["shuffled", "reversed", "entered first"])
def test_any_order_of_asking_gives_the_figures_of_the_whole_derivation(order: str) -> None:
    rng = random.Random(11)
    checked = 0
    for dy in departments():
        whole = eager(dy)
        keys = list(whole)
        if order == "shuffled":
            asked = rng.sample(keys, len(keys))
        elif order == "reversed":
            asked = keys[::-1]
        else:
            asked = ["expenditure.total", "budget.initial", "revenue.total", "assets.total", "prior.carryover", *keys]
        figures = derive(dy)
        for key in asked:
            want = whole.get(key) or entered(dy, key)
            assert same(figures[key], want), (dy.profile.name, key)
        assert [f.key for f in figures.derived()] == keys
        assert all(same(f, whole[f.key]) for f in figures.derived())
        checked += len(keys)
    assert checked > 5000


def test_scoring_runs_only_the_steps_its_indicators_need() -> None:
    dy = example("guangzhou-2021")
    result = evaluate(dy, get_framework("guangzhou-2021"))
    assert result.figures is not None
    steps = [step.make.__name__ for step in STEPS]
    run = {steps[i] for i, part in enumerate(result.figures._parts) if part is not None}
    assert run.isdisjoint({"_shares", "_uses", "_year_on_year", "_three_public_items", "_counts"}), run
    assert {"_final", "_budget", "_carryover_and_staff", "_three_public", "_procurement"} <= run
    # asking for the whole list runs the rest, in the derivation's order
    assert [f.key for f in result.figures.derived()][:2] == ["budget.final", "budget.adjustment_abs"]
    assert "uses.total" in result.figures and result.figures["yoy.score.diff"].label == "自评总分比上年增减"
    assert all(part is not None for part in result.figures._parts)


def test_a_figure_added_after_scoring_keeps_the_steps_still_to_run() -> None:
    dy = example("wanzhou-2020")
    figures = derive(dy)
    rate = figures["budget.execution_rate"]
    extra = Figure("budget.execution_rate", "替换的执行率", None, "%")
    more = figures.with_figures(extra)
    assert more["budget.execution_rate"] is extra and figures["budget.execution_rate"] is rate
    keys = [f.key for f in more.derived()]
    assert keys == list(eager(dy)) and more.derived()[keys.index("budget.execution_rate")] is extra
