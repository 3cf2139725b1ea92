"""One formula text per metric (the catalogue), shown alike everywhere, in the words of its inputs."""

from __future__ import annotations

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.engine.figures import derive
from jixiao.engine.metrics import REGISTRY
from jixiao.frameworks import bundled_ids, get_framework
from jixiao.frameworks.catalogue import METRICS
from jixiao.frameworks.describe import describe_framework
from jixiao.model import describe_path
from tests.intake.intake_helpers import full_model


def test_every_declared_metric_is_computed_and_nothing_else() -> None:
    assert set(REGISTRY) == set(METRICS)


@pytest.mark.parametrize("fw_id", bundled_ids())
def test_the_formula_of_each_indicator_is_the_catalogues_everywhere(fw_id: str) -> None:
    fw = get_framework(fw_id)
    shown = "\n".join(describe_framework(fw))
    result = evaluate(full_model(), fw)
    for _, ind in fw.walk():
        if ind.metric is None:
            continue
        formula = METRICS[ind.metric].formula_for(ind.metric_args)
        assert f"计算公式：{formula}" in shown, ind.id  # frameworks show
        node = result.find(ind.id)
        assert node.metric is not None and node.metric.formula == formula, ind.id  # 评分表, 数据表, report


@pytest.mark.parametrize("metric_id", sorted(METRICS))
def test_a_formula_reads_as_its_inputs(metric_id: str) -> None:
    """Each input the metric used is named in its formula by the same label (labels of entered figures
    come from the model's field descriptions, so the formula and the list of inputs cannot drift)."""
    dy = full_model()
    args = {"checkpoint": dy.payments[0].label, "task": dy.key_tasks[0].name}
    spec = METRICS[metric_id]
    fig = REGISTRY[metric_id](derive(dy), {k: v for k, v in args.items() if k in spec.args})
    assert fig.inputs or fig.missing, metric_id
    if len(fig.inputs) < 2 or "Σ" in fig.formula or fig.unit != "%":
        return  # a count or rate entered as such, a weighted sum over the tasks, a count of categories
    for i in fig.inputs:
        assert i.label in fig.formula, (i.label, fig.formula)
        if i.path in ("staffing.actual", "budget.initial", "expenditure.total", "public_funds.actual"):
            assert i.label == describe_path(i.path)[0]


def test_the_documented_metrics_are_the_catalogue() -> None:
    """docs/frameworks.md lists the standard metrics; its table must be the catalogue, word for word."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "frameworks.md").read_text(encoding="utf-8")
    table = text[text.index("| metric | 名称 | 公式 | args |"):].split("\n\n")[0].splitlines()[2:]
    rows = [line.split(" | ") for line in table]
    documented = {r[0].strip("| `"): (r[1], r[2]) for r in rows}
    assert documented == {m.id: (m.name, m.formula) for m in METRICS.values()}
