"""A framework compiled once for evaluation: what every department-year scored under it shares.

The framework file is validated once, when it is loaded; evaluating a department-year under it
needs none of that again. :func:`plan_of` turns the indicator tree into plain frozen nodes with
everything that does not depend on the department worked out in advance: each formula parsed
and compiled, its field paths listed, each metric resolved in the registry with its formula text filled
in, each rule's 评分标准 sentence made once per unit and weight. A batch that evaluates a
thousand department-years under one framework pays for this once (``jixiao.engine.evaluate``).

Plans are kept per framework object (frameworks are frozen models) in a small cache that holds
the framework itself, so an id is never reused while its plan is cached.
"""

from __future__ import annotations

import _thread
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import field
from decimal import Decimal

from jixiao.engine.metrics import REGISTRY, Metric
from jixiao.frameworks import formula as formula_lang
from jixiao.frameworks.rules import Rule
from jixiao.frameworks.schema import Framework, Indicator
from jixiao.frozen import frozen

KEY_TASK_METRIC = "key_task_completion"


@frozen(eq=False)
class Leaf:
    """A scored indicator with what its scoring needs, resolved once."""

    id: str
    name: str
    weight: Decimal
    unit: str
    rule: Rule
    metric: Metric | None = None
    metric_args: Mapping[str, str] = field(default_factory=dict)
    metric_formula: str = ""  # the catalogue's formula with the arguments filled in
    formula: formula_lang.Compiled | None = None  # a formula indicator's formula, compiled
    formula_text: str = ""  # what the 评分表 prints for a formula indicator
    formula_paths: tuple[str, ...] = ()
    if_not_applicable: str = "missing"
    explanation: str | None = None
    source: str | None = None
    standard: str | None = None
    _standards: dict[tuple[Decimal, str], str] = field(default_factory=dict, repr=False)

    def standard_for(self, unit: str) -> str:
        """The 评分标准 column: the framework's own text, else the rule's description (made once)."""
        if self.standard:
            return self.standard
        key = (self.weight, unit)
        text = self._standards.get(key)
        if text is None:
            text = self._standards[key] = self.rule.describe(self.weight, unit)
        return text


@frozen(eq=False)
class KeyTasks:
    """An indicator expanded into one leaf per key task of the department (``expand: key_tasks``)."""

    indicator: Indicator
    template: Leaf | None  # the indicator as a leaf; each task's leaf is this with the task's name and weight
    _leaves: dict[tuple[int, str, Decimal, str | None], Leaf] = field(default_factory=dict, repr=False)

    def leaf(self, i: int, name: str, weight: Decimal, description: str | None) -> Leaf:
        """Task ``i``'s leaf (``<id>.<i+1>``), scored by the task's completion."""
        key = (i, name, weight, description)
        found = self._leaves.get(key)
        if found is None:
            t = self.template
            assert t is not None, f"indicator {self.indicator.id} has no rule"
            args = {"task": name}
            found = Leaf(id=f"{t.id}.{i + 1}", name=name, weight=weight, unit=t.unit, rule=t.rule,
                         metric=REGISTRY[KEY_TASK_METRIC], metric_args=args,
                         metric_formula=REGISTRY[KEY_TASK_METRIC].spec.formula_for(args),
                         if_not_applicable=t.if_not_applicable, explanation=description, source=None,
                         standard=t.standard)
            if len(self._leaves) < 4096:  # task names vary by department: keep the memo bounded
                self._leaves[key] = found
        return found


@frozen(eq=False)
class Parent:
    """An indicator with children, scored from their results."""

    indicator: Indicator
    children: tuple[Node, ...]


Node = Leaf | KeyTasks | Parent


@frozen(eq=False)
class Plan:
    """A framework compiled for evaluation: its indicators as leaves, key-task expansions and parents."""

    framework: Framework
    nodes: tuple[Node, ...]


def _leaf(ind: Indicator) -> Leaf:
    assert ind.rule is not None
    metric = REGISTRY[ind.metric] if ind.metric is not None else None
    parsed = formula_lang.parse(ind.formula) if ind.metric is None and ind.formula is not None else None
    return Leaf(
        id=ind.id, name=ind.name, weight=ind.weight, unit=ind.unit, rule=ind.rule, metric=metric,
        metric_args=dict(ind.metric_args),
        metric_formula=metric.spec.formula_for(ind.metric_args) if metric is not None else "",
        formula=formula_lang.compile_formula(parsed) if parsed is not None else None, formula_text=(ind.formula_text or ind.formula or ""),
        formula_paths=tuple(formula_lang.field_paths(parsed)) if parsed is not None else (),
        if_not_applicable=ind.if_not_applicable, explanation=ind.explanation, source=ind.source,
        standard=ind.standard,
    )


def _node(ind: Indicator) -> Node:
    if ind.expand == "key_tasks":
        return KeyTasks(ind, _leaf(ind) if ind.rule is not None else None)
    if ind.children:
        return Parent(ind, tuple(_node(c) for c in ind.children))
    return _leaf(ind)


def compile_framework(fw: Framework) -> Plan:
    return Plan(fw, tuple(_node(ind) for ind in fw.indicators))


_CACHE: OrderedDict[int, Plan] = OrderedDict()
_LOCK = _thread.allocate_lock()  # threading's Lock without importing threading (start-up)
CACHED_PLANS = 32


def plan_of(fw: Framework) -> Plan:
    """The framework's plan, compiled on first use and kept for the most recent frameworks."""
    with _LOCK:
        plan = _CACHE.get(id(fw))
        if plan is not None and plan.framework is fw:
            _CACHE.move_to_end(id(fw))
            return plan
    plan = compile_framework(fw)
    with _LOCK:
        _CACHE[id(fw)] = plan
        while len(_CACHE) > CACHED_PLANS:
            _CACHE.popitem(last=False)
    return plan
