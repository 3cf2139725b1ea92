"""Every figure of a department-year, derived once: the one source of truth for numbers.

A :class:`Figure` is a value with its label, unit, formula and the inputs it was computed
from. :func:`derive` gives every derived figure the engine scores and the report,
the 数据表, the charts and ``review`` state (ratios, totals, shares, year-on-year changes,
counts), each step of :data:`STEPS` computed when one of its figures is first asked for (scoring
needs a few dozen of them, a report all); figures the department entered are looked up by their model path
(``revenue.total``, ``three_public.items[1].actual``) with the label of the model field.
The metrics of :mod:`jixiao.engine.metrics` are views of these figures, so a rate in the
评分表 and the same rate in the report are one computation.

Values stay exact Decimals; rounding happens only when presenting (:mod:`jixiao.textfmt`).
A figure whose input is absent has ``value=None`` and names the inputs in ``missing``; a
zero denominator gives ``value=None`` with ``not_applicable`` saying why.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, NamedTuple

from jixiao.engine.targets import target_met
from jixiao.frameworks.catalogue import METRICS
from jixiao.frozen import frozen
from jixiao.model import DepartmentYear, KeyTask, ThreePublicItem
from jixiao.model.paths import split_description
from jixiao.model.records import fields_of

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@frozen(init=False)
class Input:
    """One figure a derived figure was computed from, as shown beside it."""

    label: str
    value: Decimal | None
    unit: str
    path: str

    def __init__(self, label: str, value: Decimal | None, unit: str, path: str) -> None:
        # Frozen: fields are written once, here, straight into the instance dict (the generated
        # ``__init__`` calls ``object.__setattr__`` per field, ~4x slower; the engine makes thousands a second).
        d = self.__dict__
        d["label"], d["value"], d["unit"], d["path"] = label, value, unit, path


@frozen(init=False)
class Figure:
    """One figure. ``formula`` is empty for a figure the department entered."""

    key: str
    label: str
    value: Decimal | None
    unit: str
    formula: str = ""
    inputs: tuple[Input, ...] = ()
    missing: tuple[str, ...] = ()
    not_applicable: str | None = None
    note: str | None = None

    def __init__(self, key: str, label: str, value: Decimal | None, unit: str, formula: str = "",
                 inputs: tuple[Input, ...] = (), missing: tuple[str, ...] = (), not_applicable: str | None = None,
                 note: str | None = None) -> None:
        d = self.__dict__  # as Input: each field written once, without ``object.__setattr__``
        d["key"], d["label"], d["value"], d["unit"], d["formula"] = key, label, value, unit, formula
        d["inputs"], d["missing"], d["not_applicable"], d["note"] = inputs, missing, not_applicable, note

    @property
    def derived(self) -> bool:
        return bool(self.formula)

    def as_input(self) -> Input:
        """This figure as another's input (made once per figure: a total is the input of many rates)."""
        d = self.__dict__
        found: Input | None = d.get("_input")
        if found is None:
            found = d["_input"] = Input(self.label, self.value, self.unit, self.key)  # a cache, not a field
        return found

    def changed(self, **changes: Any) -> Figure:
        """``dataclasses.replace`` without its per-call introspection (the engine makes thousands a second)."""
        return Figure(**{**{k: v for k, v in self.__dict__.items() if k != "_input"}, **changes})


# --- figures the department entered -------------------------------------------------

_STEP = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


@functools.cache
def _tag_fields(model: type) -> tuple[bool, bool]:
    """Whether items of this class go by a ``name`` and by a ``kind`` (fields of the class)."""
    fields = fields_of(model)
    return "name" in fields, "kind" in fields


def _item_tag(item: object) -> str:
    """The name a list item goes by: its ``name``, or the label of its ``kind``."""
    has_name, has_kind = _tag_fields(type(item))  # type: ignore[arg-type]  # mypy: a class is hashable
    name = getattr(item, "name", None) if has_name else None
    if isinstance(name, str):
        return name
    kind = getattr(item, "kind", None) if has_kind else None
    label = getattr(kind, "label", None)
    return label if isinstance(label, str) else ""


@functools.cache
def _field(model: type, step: str) -> tuple[str, int | None, str, str] | None:
    """A path step on a model class: field name, list index, label and unit (None: no such field).
    Cached: the engine looks up the same few hundred steps for every department-year."""
    fields = fields_of(model)
    m = _STEP.match(step)
    if m is None or m.group(1) not in fields:
        return None
    name, index = m.group(1), m.group(2)
    label, unit = split_description(fields[name].description, name)
    return name, None if index is None else int(index), label, unit


Walk = tuple[tuple[tuple[str, int | None], ...], str, str]  # (field name, list index) per step; label; unit


@functools.cache
def _walk(model: type, path: str) -> Walk | None:
    """A path resolved once on the declared classes of the model: the steps to take (field name, list
    index), the label and unit of the last field; None when there is no such field. A path can only pass
    through a field that holds one model class (``X``, ``X | None``, ``list[X]`` indexed), as every
    sub-model of the department model does."""
    steps: list[tuple[str, int | None]] = []
    label, unit = path, ""
    cls: type | None = model
    parts = path.split(".")
    for i, step in enumerate(parts):
        field = _field(cls, step) if cls is not None else None
        if field is None:
            return None
        name, index, label, unit = field
        steps.append((name, index))
        if i + 1 < len(parts):
            assert cls is not None  # _field found the step on it
            spec = fields_of(cls)[name].spec
            cls = spec.type if spec.many == (index is not None) else None
    return tuple(steps), label, unit


def entered(dy: DepartmentYear, path: str) -> Figure:
    """The figure at a model path, labelled from the field's description; KeyError if no such field."""
    walk = _walk(type(dy), path)  # type: ignore[arg-type]  # mypy: a class is hashable
    if walk is None:
        raise KeyError(path)
    steps, label, unit = walk
    current: Any = dy
    tags = ""
    for name, index in steps:
        current = getattr(current, name)
        if index is not None:
            if not isinstance(current, list) or index >= len(current):
                raise KeyError(path)
            current = current[index]
            tags += _item_tag(current)
    kind = type(current)
    if kind is Decimal:
        value: Decimal | None = current
    elif current is None:
        value = None
    elif kind is bool or not isinstance(current, Decimal | int):
        raise KeyError(path)
    else:
        value = Decimal(current)
    full = tags + label
    missing = (f"{full}（{path}）",) if value is None else ()
    return Figure(path, full, value, unit, missing=missing)


# --- the derivations -------------------------------------------------------------------

def _missing(parts: Sequence[Figure]) -> tuple[str, ...]:
    """What the parts lack, each named once, in order."""
    found: dict[str, None] = {}
    for p in parts:
        if p.missing:
            found.update(dict.fromkeys(p.missing))
        elif p.value is None:
            found[f"{p.label}（{p.key}）"] = None
    return tuple(found)


def ratio(key: str, label: str, num: Figure, den: Figure, formula: str | None = None, *,
          minus_one: bool = False, note: str | None = None) -> Figure:
    """num ÷ den × 100 (or (num − den) ÷ den × 100 with ``minus_one``)."""
    if formula is None:
        formula = (f"（{num.label} − {den.label}）÷ {den.label} × 100%" if minus_one
                   else f"{num.label} ÷ {den.label} × 100%")
    inputs = (num.as_input(), den.as_input())
    if num.value is None or den.value is None:
        why = next((p.not_applicable for p in (num, den) if p.value is None and p.not_applicable), None)
        if why is not None:
            return Figure(key, label, None, "%", formula, inputs, not_applicable=why, note=note)
        return Figure(key, label, None, "%", formula, inputs, _missing((num, den)), note=note)
    if den.value == 0:
        return Figure(key, label, None, "%", formula, inputs, not_applicable=f"{den.label}为0，无法计算", note=note)
    value = ((num.value - den.value) if minus_one else num.value) / den.value * HUNDRED
    return Figure(key, label, value, "%", formula, inputs, note=note)


def difference(key: str, label: str, cur: Figure, prev: Figure) -> Figure:
    inputs = (cur.as_input(), prev.as_input())
    value = None if cur.value is None or prev.value is None else cur.value - prev.value
    return Figure(key, label, value, cur.unit, f"{cur.label} − {prev.label}", inputs,
                  _missing((cur, prev)) if value is None else ())


def total(key: str, label: str, parts: Sequence[Figure], formula: str, unit: str = "万元") -> Figure:
    """The sum of parts; missing when there are none or one of them is absent."""
    inputs = tuple(p.as_input() for p in parts)
    if not parts:
        return Figure(key, label, None, unit, formula, missing=(f"{label}的组成项",))
    if any(p.value is None for p in parts):
        return Figure(key, label, None, unit, formula, inputs, _missing(parts))
    return Figure(key, label, sum((p.value for p in parts if p.value is not None), ZERO), unit, formula, inputs)


def count(key: str, label: str, n: int, unit: str, formula: str) -> Figure:
    return Figure(key, label, Decimal(n), unit, formula)


def stated_or_sum(key: str, label: str, stated: Figure, parts: Sequence[Figure], formula: str) -> Figure:
    """The sum of the parts when every part is given (they carry the figure's full precision and are
    what the tables list), else the stated total, else missing."""
    if parts and all(p.value is not None for p in parts):
        return total(key, label, parts, formula)
    if stated.value is not None:
        return stated.changed(key=key, label=label, note=None)
    if not parts:
        return Figure(key, label, None, stated.unit, formula,
                      missing=(f"{label}（填报合计 {stated.key}，或逐项填报各类别）",))
    return total(key, label, parts, formula)


def relabel(fig: Figure, key: str, label: str, **changes: Any) -> Figure:
    return fig.changed(key=key, label=label, **changes)


def metric_formula(metric_id: str, **args: str) -> str:
    return METRICS[metric_id].formula_for(args)


Getter = Callable[[str], Figure]


class Step(NamedTuple):
    """One step of the derivation: the figures ``make`` makes from the department-year and the figures of the
    steps before it, each under one of ``prefixes`` (and, when given, ending with one of ``suffixes``)."""

    prefixes: tuple[str, ...]
    make: Callable[[DepartmentYear, Getter], list[Figure]]
    suffixes: tuple[str, ...] = ()

    def makes(self, key: str) -> bool:
        """Whether a figure under ``key`` may be one of this step's (checked for every figure it makes)."""
        return key.startswith(self.prefixes) and (not self.suffixes or key.endswith(self.suffixes))


def _head(key: str) -> str:
    """A key's first name: ``budget`` of ``budget.final``, ``payments`` of ``payments[0].paid``."""
    return key.partition(".")[0].partition("[")[0]


class Figures(Mapping[str, Figure]):
    """All derived figures of one department-year by key, in a stable order; entered figures are
    looked up by model path.

    Made by :func:`derive`, the figures are computed step by step as they are asked for: a department-year
    scored under a framework needs a few dozen of its ~150 figures (the rates its indicators score), the
    report all of them. Each step of :data:`STEPS` declares the prefixes of the keys it makes; asking for a
    key runs the steps whose prefixes match it (once), and asking for the whole list (iterating, ``len``,
    :meth:`derived`) runs them all. Whatever was asked first, every figure is the one an eager derivation
    in the order of :data:`STEPS` gives: a step sees only the figures of the steps before it (as it did when
    the steps ran one after the other), and the list keeps the steps' order.
    """

    def __init__(self, dy: DepartmentYear, items: Sequence[Figure], entered: Mapping[str, Figure] = {}) -> None:
        self.dy = dy
        self._steps: tuple[Step, ...] = ()
        self._parts: list[dict[str, Figure] | None] = []
        self._extra = {f.key: f for f in items}  # a key given twice keeps its first place and its last figure
        self._entered = dict(entered)  # entered figures already read, by path
        self._found: dict[str, Figure] = {}  # answers already given, by key
        self._items: dict[str, Figure] | None = None  # the whole list, once every step has run

    @classmethod
    def _lazy(cls, dy: DepartmentYear) -> Figures:
        """The figures of :data:`STEPS`, none computed yet."""
        figures = cls(dy, ())
        figures._steps, figures._parts = STEPS, [None] * len(STEPS)
        return figures

    def __getitem__(self, key: str) -> Figure:
        found = self._found.get(key)
        if found is None:
            found = self._extra.get(key) or self._made_before(key, len(self._steps)) or self._read(key)
            self._found[key] = found
        return found

    def _read(self, key: str) -> Figure:
        found = self._entered.get(key)
        if found is None:
            found = self._entered[key] = entered(self.dy, key)
        return found

    def _made_before(self, key: str, end: int) -> Figure | None:
        """The figure the last of the steps before ``end`` made under ``key`` (running those that may), or None."""
        found = None
        for i in _steps_making(key):
            if i >= end:
                break
            part = self._parts[i]
            found = (part if part is not None else self._run(i)).get(key) or found
        return found

    def _run(self, i: int) -> dict[str, Figure]:
        step = self._steps[i]

        looked_up, dy = self._entered, self.dy

        def get(key: str) -> Figure:  # what the step saw when the steps ran in order: the steps before it
            steps = _MAKING.get(key)
            if steps is None:
                steps = _steps_making(key)
            found = self._made_before(key, i) if steps and steps[0] < i else None
            if found is None:
                found = looked_up.get(key)
                if found is None:
                    found = looked_up[key] = entered(dy, key)
            return found

        part: dict[str, Figure] = {}
        for f in step.make(self.dy, get):
            if not step.makes(f.key):  # pragma: no cover - programming error, caught by tests/engine
                raise AssertionError(f"figure {f.key} is not under the prefixes and suffixes of {step.make.__name__}")
            part[f.key] = f
        self._parts[i] = part
        return part

    def _all(self) -> dict[str, Figure]:
        items = self._items
        if items is None:
            items = {}
            for i, part in enumerate(self._parts):
                items.update(part if part is not None else self._run(i))  # an existing key keeps its place
            items.update(self._extra)
            self._items = items
        return items

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def value(self, key: str) -> Decimal | None:
        return self[key].value

    def derived(self) -> list[Figure]:
        return list(self._all().values())

    def with_figures(self, *figs: Figure) -> Figures:
        """These figures and ``figs`` (figures that need the scores, e.g. :func:`score_change`); the steps not
        run yet stay to be run when asked for."""
        figures = Figures(self.dy, (), self._entered)
        figures._steps, figures._parts = self._steps, list(self._parts)
        figures._extra = dict(self._extra)
        for f in figs:
            figures._extra[f.key] = f
        return figures


def score_change(dy: DepartmentYear, total: Decimal | None) -> Figure:
    """The total score against last year's (``prior.score``); ``total`` is None while it is incomplete."""
    return difference("yoy.score.diff", "自评总分比上年增减", Figure("result.total", "自评总分", total, "分"),
                      entered(dy, "prior.score"))


def derive(dy: DepartmentYear) -> Figures:
    """Every derived figure of the department-year, each computed when first asked for (:class:`Figures`)."""
    return Figures._lazy(dy)


def _final(dy: DepartmentYear, get: Getter) -> list[Figure]:
    if dy.budget.final is not None:
        final = get("budget.final")
    else:
        final = total("budget.final", "全年预算数", [get("budget.initial"), get("budget.adjustment"),
                                                    get("budget.carried_over")], "年初预算数 + 年中调整数 + 上年结转")
    return [relabel(final, "budget.final", "全年预算数")]


def _budget(dy: DepartmentYear, get: Getter) -> list[Figure]:
    adjustment = get("budget.adjustment")
    adjustment_abs = relabel(adjustment, "budget.adjustment_abs", "|年中调整数|",
                             value=None if adjustment.value is None else abs(adjustment.value))
    return [
        adjustment_abs,
        ratio("budget.execution_rate", "预算执行率", get("expenditure.total"), get("budget.final"),
              metric_formula("budget_execution_rate")),
        difference("budget.unspent", "全年预算数与本年支出合计之差", get("budget.final"), get("expenditure.total")),
        ratio("budget.initial_execution_rate", "本年支出合计占年初预算比例", get("expenditure.total"),
              get("budget.initial")),
        ratio("budget.adjustment_rate", "预算调整率", adjustment_abs, get("budget.initial"),
              metric_formula("budget_adjustment_rate")),
    ]


def _shares(dy: DepartmentYear, get: Getter) -> list[Figure]:
    return [
        ratio("revenue.fiscal_share", "财政拨款收入占本年收入合计比例", get("revenue.fiscal_appropriation"),
              get("revenue.total")),
        ratio("revenue.other_share", "其他收入占本年收入合计比例", get("revenue.other"), get("revenue.total")),
        ratio("expenditure.share_total", "本年支出合计占比", get("expenditure.total"), get("expenditure.total")),
        ratio("expenditure.basic_share", "基本支出占本年支出合计比例", get("expenditure.basic"), get("expenditure.total")),
        ratio("expenditure.project_share", "项目支出占本年支出合计比例", get("expenditure.project"),
              get("expenditure.total")),
        ratio("expenditure.personnel_share", "人员经费占基本支出比例", get("expenditure.personnel"),
              get("expenditure.basic")),
        ratio("expenditure.public_share", "公用经费占基本支出比例", get("expenditure.public"), get("expenditure.basic")),
    ]


def _carryover_and_staff(dy: DepartmentYear, get: Getter) -> list[Figure]:
    return [
        ratio("carryover.rate", "结转结余率", get("carryover.amount"), get("budget.final"),
              metric_formula("carryover_rate")),
        ratio("staff.control_rate", "在职人员控制率", get("staffing.actual"), get("staffing.authorized"),
              metric_formula("staff_control_rate")),
    ]


def _uses(dy: DepartmentYear, get: Getter) -> list[Figure]:
    """Sources and uses: revenue plus the carried-over funds against basic + project + carry-over,
    the breakdown many reports give under 收入情况 (e.g. seed 003)."""
    if dy.budget.carried_over is not None:
        sources = total("uses.sources", "本年收入与上年结转合计", [get("revenue.total"), get("budget.carried_over")],
                        "本年收入合计 + 上年结转")
    else:
        sources = relabel(get("revenue.total"), "uses.sources", "本年收入合计")
    uses = [get("expenditure.basic"), get("expenditure.project"), get("carryover.amount")]
    out = [sources, total("uses.total", "基本支出、项目支出与年末结转结余合计", uses, "基本支出 + 项目支出 + 年末结转结余")]
    for name, part, label in (("basic", "expenditure.basic", "基本支出"), ("project", "expenditure.project", "项目支出"),
                              ("carryover", "carryover.amount", "年末结转结余")):
        out.append(ratio(f"uses.{name}_share", f"{label}占资金来源比例", get(part), sources))
    return out


def _year_on_year(dy: DepartmentYear, get: Getter) -> list[Figure]:
    out: list[Figure] = []
    for name, cur, prev in (
        ("revenue", "revenue.total", "prior.revenue_total"),
        ("fiscal", "revenue.fiscal_appropriation", "prior.fiscal_appropriation"),
        ("expenditure", "expenditure.total", "prior.expenditure_total"),
        ("basic", "expenditure.basic", "prior.basic"),
        ("project", "expenditure.project", "prior.project"),
        ("assets", "assets.total", "prior.assets_total"),
        ("carryover", "carryover.amount", "prior.carryover"),
        ("staff_authorized", "staffing.authorized", "prior.staff_authorized"),
        ("staff_actual", "staffing.actual", "prior.staff_actual"),
    ):
        c, p = get(cur), get(prev)
        out.append(difference(f"yoy.{name}.diff", f"{c.label}比上年增减额", c, p))
        formula = metric_formula("carryover_change_rate") if name == "carryover" else None
        out.append(ratio(f"yoy.{name}.rate", f"{c.label}比上年增减率", c, p, formula, minus_one=True))
    return out


def _procurement(dy: DepartmentYear, get: Getter) -> list[Figure]:
    return [
        ratio("public_funds.control_rate", "公用经费控制率", get("public_funds.actual"), get("public_funds.budget"),
              metric_formula("public_funds_control_rate")),
        ratio("procurement.execution_rate", "政府采购执行率", get("procurement.actual"), get("procurement.budget"),
              metric_formula("procurement_execution_rate")),
        ratio("procurement.sme_share", "授予中小企业合同金额占政府采购实际金额比例", get("procurement.sme"),
              get("procurement.actual"), metric_formula("sme_share")),
        ratio("procurement.small_micro_share", "授予小微企业合同金额占授予中小企业合同金额比例",
              get("procurement.small_micro"), get("procurement.sme")),
    ]


def _counts(dy: DepartmentYear, get: Getter) -> list[Figure]:
    """How many entries the department listed: its own data, not a computation (no formula)."""
    return [count("profile.internal_units.count", "内设机构数", len(dy.profile.internal_units), "个", ""),
            count("profile.subordinate_units.count", "下属单位数", len(dy.profile.subordinate_units), "个", "")]


def _scoped(items: list[ThreePublicItem]) -> list[int]:
    return [i for i, it in enumerate(items) if it.in_budget_scope]


def _three_public(dy: DepartmentYear, get: Getter) -> list[Figure]:
    """“三公” totals: the categories' sum when every category gives the figure, else the stated total.

    The categories carry the report's full precision (Shaoguan 2022: 0 + 1.79 + 0.2 = 1.99 万元
    while the stated total is written to one decimal as 2.0), and they are what the tables list, so
    a total computed from them is the one that agrees with every other figure printed beside it.
    The budget and its control rate cover only the categories inside the budget's scope.
    """
    t = dy.three_public
    n = len(t.items)
    scoped = _scoped(t.items)
    items = [f"three_public.items[{i}]" for i in range(n)]
    out: list[Figure] = []
    actual = stated_or_sum("three_public.actual", "“三公”经费实际支出", get("three_public.actual_total"),
                           [get(f"{p}.actual") for p in items], "各类别实际支出之和")
    budget = stated_or_sum("three_public.budget", "“三公”经费预算数", get("three_public.budget_total"),
                           [get(f"{items[i]}.budget") for i in scoped], "纳入预算口径的各类别预算数之和")
    last_actual = stated_or_sum("three_public.last_actual", "上年“三公”经费实际支出",
                                get("three_public.last_year_actual_total"),
                                [get(f"{p}.last_year_actual") for p in items], "各类别上年实际支出之和")
    last_budget = stated_or_sum("three_public.last_budget", "上年“三公”经费预算数",
                                get("three_public.last_year_budget_total"),
                                [get(f"{items[i]}.last_year_budget") for i in scoped],
                                "纳入预算口径的各类别上年预算数之和")
    if len(scoped) == n:
        in_scope = relabel(actual, "three_public.actual_in_scope", "纳入预算口径的“三公”经费实际支出")
    else:
        in_scope = total("three_public.actual_in_scope", "纳入预算口径的“三公”经费实际支出",
                         [get(f"{items[i]}.actual") for i in scoped], "纳入预算口径的各类别实际支出之和")
    excluded = [t.items[i].kind.label for i in range(n) if i not in scoped]
    note = f"未纳入预算口径：{'、'.join(excluded)}" if excluded else None
    out += [actual, budget, last_actual, last_budget, in_scope]
    out.append(ratio("three_public.control_rate", "“三公”经费控制率", in_scope, budget,
                     metric_formula("three_public_control_rate"), note=note))
    out.append(difference("three_public.yoy.diff", "“三公”经费实际支出比上年增减额", actual, last_actual))
    out.append(ratio("three_public.yoy.rate", "“三公”经费实际支出比上年增减率", actual, last_actual,
                     metric_formula("three_public_change_rate"), minus_one=True))
    out.append(ratio("three_public.budget_yoy.rate", "“三公”经费预算数比上年增减率", budget, last_budget,
                     metric_formula("three_public_budget_change_rate"), minus_one=True))
    return out


def _three_public_items(dy: DepartmentYear, get: Getter) -> list[Figure]:
    """Each “三公” category's execution rate and change on last year."""
    t = dy.three_public
    items = [f"three_public.items[{i}]" for i in range(len(t.items))]
    out: list[Figure] = []
    for i, p in enumerate(items):
        label = t.items[i].kind.label
        a, bud, last = get(f"{p}.actual"), get(f"{p}.budget"), get(f"{p}.last_year_actual")
        out.append(ratio(f"{p}.rate", f"{label}预算执行率", a, bud))
        out.append(difference(f"{p}.yoy.diff", f"{label}实际支出比上年增减额", a, last))
        out.append(ratio(f"{p}.yoy.rate", f"{label}实际支出比上年增减率", a, last, minus_one=True))
    return out


def _three_public_over_budget(dy: DepartmentYear, get: Getter) -> list[Figure]:
    t = dy.three_public
    scoped = _scoped(t.items)
    items = [f"three_public.items[{i}]" for i in range(len(t.items))]
    # Categories over their own budget: a total under budget can hide one category over it
    # (Zhanjiang 2023: 因公出国 13.88 against 10 while the total is 43.02% of budget).
    inputs = tuple(inp for i in scoped for inp in (get(f"{items[i]}.budget").as_input(),
                                                   get(f"{items[i]}.actual").as_input()))
    formula = metric_formula("three_public_items_over_budget")
    if not scoped:
        over = Figure("three_public.items_over_budget", "“三公”经费超预算类别数", None, "项", formula,
                      missing=("“三公”经费分类别预算与实际支出（three_public.items）",))
    else:
        unknown = tuple(f"{t.items[i].kind.label}的预算数与实际支出（three_public.items[{i}]）" for i in scoped
                        if t.items[i].budget is None or t.items[i].actual is None)
        if unknown:
            over = Figure("three_public.items_over_budget", "“三公”经费超预算类别数", None, "项", formula, inputs,
                          unknown)
        else:
            hits = [t.items[i] for i in scoped if (t.items[i].actual or ZERO) > (t.items[i].budget or ZERO)]
            over_note = "；".join(f"{h.kind.label}实际支出{h.actual}万元，超过预算{h.budget}万元" for h in hits) or None
            over = Figure("three_public.items_over_budget", "“三公”经费超预算类别数", Decimal(len(hits)), "项",
                          formula, inputs, note=over_note)
    return [over]


def _assets(dy: DepartmentYear, get: Getter) -> list[Figure]:
    a = dy.assets
    cats = [f"assets.fixed_assets[{i}]" for i in range(len(a.fixed_assets))]
    fixed_total = stated_or_sum("assets.fixed_total", "固定资产原值合计", get("assets.fixed_total"),
                                [get(f"{c}.amount") for c in cats], "各类固定资产原值之和")
    in_use = stated_or_sum("assets.fixed_in_use", "在用固定资产原值", get("assets.fixed_in_use"),
                           [get(f"{c}.in_use") for c in cats], "各类在用固定资产原值之和")
    out = [fixed_total, in_use]
    rate = ratio("assets.utilization_rate", "固定资产利用率", in_use, fixed_total,
                 metric_formula("fixed_asset_utilization_rate"))
    if rate.value is None and rate.not_applicable is None and a.fixed_in_use_rate is not None:
        reported = get("assets.fixed_in_use_rate")
        rate = replace(rate, value=reported.value, inputs=(reported.as_input(),), missing=(),
                       note="未提供固定资产原值，采用部门填报的固定资产在用率")
    out.append(rate)
    out.append(total("assets.fixed_count", "固定资产数量合计", [get(f"{c}.count") for c in cats], "各类固定资产数量之和",
                     unit="件"))
    for i, c in enumerate(cats):
        out.append(ratio(f"{c}.share", f"{a.fixed_assets[i].name}占固定资产原值比例", get(f"{c}.amount"),
                         fixed_total))
    if cats:
        out.append(ratio("assets.fixed_share_total", "各类固定资产占比合计", fixed_total, fixed_total))
    return out


def _projects(dy: DepartmentYear, get: Getter) -> list[Figure]:
    projects = dy.expenditure.projects
    keys = [f"expenditure.projects[{i}]" for i in range(len(projects))]
    out = [ratio(f"{k}.rate", f"{projects[i].name}执行率", get(f"{k}.actual"), get(f"{k}.budget"))
           for i, k in enumerate(keys)]
    actual = total("projects.actual", "各项目实际支出之和", [get(f"{k}.actual") for k in keys], "各项目实际支出之和")
    budget = total("projects.budget", "各项目预算之和", [get(f"{k}.budget") for k in keys], "各项目预算之和")
    out += [actual, budget, ratio("projects.payment_rate", "项目资金支付率", actual, budget,
                                  metric_formula("project_payment_rate"))]
    key_projects = [k for i, k in enumerate(keys) if projects[i].key]
    key_budget = total("projects.key_budget", "重点项目预算之和", [get(f"{k}.budget") for k in key_projects],
                       "重点项目预算之和")
    share = ratio("projects.key_share", "重点支出安排率", key_budget, budget, metric_formula("key_expenditure_rate"))
    if not key_projects:
        # Without any project marked key the rate is missing, not 0: an unmarked list says nothing.
        share = replace(share, value=None, not_applicable=None,
                        missing=("重点项目（expenditure.projects[] 中 key: true 的项目）",))
    out += [key_budget, share]
    return out


def _payments(dy: DepartmentYear, get: Getter) -> list[Figure]:
    out: list[Figure] = []
    final = get("budget.final")
    for i, c in enumerate(dy.payments):
        p = f"payments[{i}]"
        paid = relabel(get(f"{p}.paid"), f"{p}.paid", f"{c.label}已支付")
        planned = relabel(get(f"{p}.planned_rate"), f"{p}.planned_rate", f"{c.label}既定支付进度")
        spending = ratio(f"{p}.spending_rate", f"{c.label}支出进度", paid, final,
                         metric_formula("spending_progress", checkpoint=c.label))
        out += [paid, planned, spending]
        fig = ratio(f"{p}.progress_rate", f"{c.label}支付进度率",
                    relabel(spending, spending.key, f"{c.label}已支付 ÷ 全年预算数", unit="%"), planned,
                    metric_formula("payment_progress_rate", checkpoint=c.label))
        out.append(replace(fig, inputs=(paid.as_input(), final.as_input(), planned.as_input())))
    return out


def _share_of_tasks(key: str, label: str, hits: int, n: int, hits_label: str, formula: str) -> list[Figure]:
    part = count(f"{key}.hits", hits_label, hits, "项", f"{hits_label}（计数）")
    return [part, ratio(key, label, part, count("key_tasks.count", "重点任务数", n, "项", ""), formula)]


def _tasks_and_targets(dy: DepartmentYear, get: Getter) -> list[Figure]:
    tasks = dy.key_tasks
    out: list[Figure] = [count("key_tasks.count", "重点任务数", len(tasks), "项", ""),
                         count("targets.count", "绩效目标数", len(dy.targets), "项", "")]
    none = ("重点任务（key_tasks）",)
    # weighted completion
    formula = metric_formula("key_task_overall_completion")
    if not tasks:
        out.append(Figure("key_tasks.weighted_completion", "重点工作完成率", None, "%", formula, missing=none))
    else:
        unknown = tuple(f"重点任务「{t.name}」的完成程度（key_tasks[{i}].completion）" for i, t in enumerate(tasks)
                        if t.completion is None)
        weights = [t.weight if t.weight is not None else Decimal(1) for t in tasks]
        inputs = tuple(get(f"key_tasks[{i}].completion").as_input() for i in range(len(tasks)))
        if unknown:
            out.append(Figure("key_tasks.weighted_completion", "重点工作完成率", None, "%", formula, inputs, unknown))
        elif sum(weights, ZERO) == 0:
            out.append(Figure("key_tasks.weighted_completion", "重点工作完成率", None, "%", formula, inputs,
                              not_applicable="任务分值之和为0"))
        else:
            value = sum((w * (t.completion or ZERO) for w, t in zip(weights, tasks, strict=True)), ZERO) / sum(
                weights, ZERO)
            out.append(Figure("key_tasks.weighted_completion", "重点工作完成率", value, "%", formula, inputs))
    for key, attr, label, hits_label, metric in (
        ("key_tasks.on_time_rate", "on_time", "完成及时率", "按时完成的重点任务数", "task_on_time_rate"),
        ("key_tasks.quality_rate", "quality_met", "质量达标率", "质量达标的重点任务数", "task_quality_rate"),
    ):
        formula = metric_formula(metric)
        flags = [getattr(t, attr) for t in tasks]
        asked = fields_of(KeyTask)[attr].description
        unknown = tuple(f"重点任务「{t.name}」{asked}（key_tasks[{i}].{attr}）"
                        for i, (t, f) in enumerate(zip(tasks, flags, strict=True)) if f is None)
        if not tasks or unknown:
            out.append(Figure(key, label, None, "%", formula, missing=unknown or none))
        else:
            out += _share_of_tasks(key, label, sum(1 for f in flags if f), len(tasks), hits_label, formula)
    formula = metric_formula("key_task_done_rate")
    unknown = tuple(f"重点任务「{t.name}」的完成程度（key_tasks[{i}].completion）" for i, t in enumerate(tasks)
                    if t.completion is None)
    if not tasks or unknown:
        out.append(Figure("key_tasks.done_rate", "重点工作办结率", None, "%", formula, missing=unknown or none))
    else:
        done = sum(1 for t in tasks if t.completion == HUNDRED)
        out += _share_of_tasks("key_tasks.done_rate", "重点工作办结率", done, len(tasks), "办结的重点任务数", formula)
    # quantitative targets met
    formula = metric_formula("target_completion_rate")
    judged = [(t, target_met(t)) for t in dy.targets if t.direction.value != "定性"]
    if not judged:
        out.append(Figure("targets.completion_rate", "绩效目标完成率", None, "%", formula,
                          missing=("量化绩效目标（targets）",)))
    else:
        unknown = tuple(f"绩效目标「{t.name}」的目标值或实际值" for t, met in judged if met is None)
        if unknown:
            out.append(Figure("targets.completion_rate", "绩效目标完成率", None, "%", formula, missing=unknown))
        else:
            met = count("targets.met", "已达成的量化绩效目标数", sum(1 for _, m in judged if m), "项", "已达成的量化绩效目标（计数）")
            of = count("targets.judged", "量化绩效目标数", len(judged), "项", "量化绩效目标（计数）")
            out += [met, of, ratio("targets.completion_rate", "绩效目标完成率", met, of, formula)]
    return out


def _surveys(dy: DepartmentYear, get: Getter) -> list[Figure]:
    out: list[Figure] = []
    for i, s in enumerate(dy.surveys):
        p = f"surveys[{i}]"
        if s.rate is not None:
            out.append(relabel(get(f"{p}.rate"), f"{p}.rate_value", f"{s.name}满意度"))
        else:
            out.append(ratio(f"{p}.rate_value", f"{s.name}满意度",
                             relabel(get(f"{p}.satisfied"), f"{p}.satisfied", f"{s.name}满意问卷数"),
                             relabel(get(f"{p}.responses"), f"{p}.responses", f"{s.name}有效问卷数")))
    counted = [get(f"surveys[{i}].responses") for i, s in enumerate(dy.surveys) if s.responses is not None]
    out.append(total("surveys.responses", "收回问卷数", counted, "各调查对象问卷数之和", unit="份"))
    return out


# The derivation, in order: each step with the prefixes of every key it makes (checked when it runs) and
# the function that makes its figures from the department-year and the figures of the steps before it.
STEPS: tuple[Step, ...] = (
    Step(("budget.final",), _final),
    Step(("budget.",), _budget),
    Step(("revenue.", "expenditure."), _shares, ("_share", ".share_total")),
    Step(("carryover.", "staff."), _carryover_and_staff),
    Step(("uses.",), _uses),
    Step(("yoy.",), _year_on_year),
    Step(("three_public.",), _three_public),
    Step(("three_public.items[",), _three_public_items, (".rate", ".yoy.diff")),
    Step(("three_public.items_over_budget",), _three_public_over_budget),
    Step(("public_funds.", "procurement."), _procurement),
    Step(("assets.",), _assets),
    Step(("expenditure.projects[", "projects."), _projects),
    Step(("payments[",), _payments),
    Step(("key_tasks.", "targets."), _tasks_and_targets),
    Step(("surveys[", "surveys."), _surveys),
    Step(("profile.",), _counts),
)
_ROUTES: dict[str, tuple[int, ...]] = {}  # a key's first name -> the steps that may make it, in order
for _i, _step in enumerate(STEPS):
    for _head_name in dict.fromkeys(_head(p) for p in _step.prefixes):
        _ROUTES[_head_name] = (*_ROUTES.get(_head_name, ()), _i)
_MAKING: dict[str, tuple[int, ...]] = {}
_MAKING_KEYS = 100_000  # keys vary only by list index: bounded in practice, and the memo is bounded anyway


def _steps_making(key: str) -> tuple[int, ...]:
    """The steps of :data:`STEPS` whose prefixes ``key`` is under, in order (remembered per key)."""
    found = _MAKING.get(key)
    if found is None:
        found = tuple(i for i in _ROUTES.get(_head(key), ()) if STEPS[i].makes(key))
        if len(_MAKING) < _MAKING_KEYS:
            _MAKING[key] = found
    return found
