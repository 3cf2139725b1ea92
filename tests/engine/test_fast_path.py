"""The compiled framework plans give exactly the results the engine gave before them."""

from __future__ import annotations

import json
from dataclasses import replace

from jixiao.engine import plan
from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from tests.engine.digests import EXPECTED, GENERATED, fingerprints
from tests.store.generate import NAMES, example


def test_every_result_is_the_one_before_the_plans() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = fingerprints()
    assert len(got) == len(NAMES) * 7 + GENERATED
    assert got.keys() == expected.keys()
    differ = sorted(k for k in got if got[k] != expected[k])
    assert not differ, differ[:10]


def test_a_plan_is_made_once_per_framework_and_not_shared_across_frameworks() -> None:
    fw = get_framework("national-2013")
    assert plan.plan_of(fw) is plan.plan_of(fw)
    twin = replace(fw, name="另一个框架")  # equal content, another object: its own plan
    assert plan.plan_of(twin) is not plan.plan_of(fw)
    assert plan.plan_of(twin).framework is twin


def test_a_changed_framework_is_scored_by_its_own_plan() -> None:
    dy = example("wanzhou-2020")
    fw = get_framework("national-2013")
    before = evaluate(dy, fw)
    top = fw.indicators[0]
    halved = replace(fw, indicators=[replace(top, name="改名的一级指标"), *fw.indicators[1:]])
    after = evaluate(dy, halved)
    assert after.indicators[0].name == "改名的一级指标" and before.indicators[0].name == top.name
    assert after.total == before.total
