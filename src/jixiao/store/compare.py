"""Comparing departments of one year: rankings, grade distribution, outliers against peers. Pure functions.

Peers are the department-years evaluated under the same framework version (the
same indicator tree); each such group is ranked on its own. Only complete
evaluations are ranked by total; incomplete ones are listed apart.

Outliers use the modified z-score of Iglewicz and Hoaglin: for each measure,
z = 0.6745 × (x − median) ÷ MAD, where MAD is the median absolute deviation
from the median; |z| > 3.5 is an outlier. When more than half of the peers
share one value (MAD = 0) the mean absolute deviation is used instead
(z = (x − median) ÷ (1.253314 × MeanAD)). Measures: each first-level
indicator's score rate (score ÷ weight) and four key ratios computed by the
engine (预算执行率, 结转结余率, “三公”经费控制率, 在职人员控制率). Groups with fewer
than five values for a measure are not judged.
"""

from __future__ import annotations

import gc
import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import takewhile
from operator import itemgetter
from typing import NamedTuple

Z_LIMIT = Decimal("3.5")
MIN_PEERS = 5
MAD_FACTOR = Decimal("0.6745")
MEANAD_FACTOR = Decimal("1.253314")

RATIOS = (
    ("budget_execution", "预算执行率"),
    ("carryover", "结转结余率"),
    ("three_public_control", "“三公”经费控制率"),
    ("staff_control", "在职人员控制率"),
)
METHOD = ("异常值判断方法：稳健 z 分数（Iglewicz–Hoaglin 修正 z 分数），z = 0.6745 ×（数值 − 中位数）÷ 绝对中位差；"
          f"|z| > {Z_LIMIT} 判为异常。绝对中位差为 0 时改用平均绝对偏差（z =（数值 − 中位数）÷（1.2533 × 平均绝对偏差））。"
          f"对象为同一评价框架下各部门的一级指标得分率（得分 ÷ 分值）和四项关键比率；同组少于 {MIN_PEERS} 个数值时不判断。")


class Peer(NamedTuple):
    """One department-year as compared: its current evaluation and key ratios."""

    department: str
    region: str
    code: str | None
    total: Decimal
    max_total: Decimal
    grade: str | None
    complete: bool
    missing_count: int
    tops: tuple[tuple[str, Decimal, Decimal | None], ...]  # (first-level indicator, weight, score)
    ratios: dict[str, Decimal | None] = {}  # noqa: RUF012  (key of RATIOS -> percent; never mutated)


class Outline(NamedTuple):
    """What comparing needs of a framework (``framework_version.outline``, written by
    :func:`jixiao.store.assign.outline`): read without loading the framework."""

    total: Decimal
    grades: tuple[str, ...]
    weights: dict[str, Decimal]  # first-level indicator -> weight

    @classmethod
    def parse(cls, text: str) -> Outline:
        data = json.loads(text)
        return cls(Decimal(data["total"]), tuple(data["grades"]),
                   {name: Decimal(weight) for name, weight in data["indicators"]})


class Ranked(NamedTuple):
    rank: int
    peer: Peer
    value: Decimal


@dataclass(frozen=True)
class Outlier:
    department: str
    measure: str
    value: Decimal
    median: Decimal
    z: Decimal

    @property
    def direction(self) -> str:
        return "偏高" if self.z > 0 else "偏低"


@dataclass(frozen=True)
class Group:
    framework_id: str
    framework_name: str
    grade_order: tuple[str, ...]
    peers: tuple[Peer, ...]
    ranking: tuple[Ranked, ...]  # complete evaluations by total
    incomplete: tuple[Peer, ...]
    by_indicator: tuple[tuple[str, tuple[Ranked, ...]], ...]  # first-level indicator -> ranking by score
    grades: tuple[tuple[str, int], ...]  # grade -> count, in the framework's order, then 未定级
    outliers: tuple[Outlier, ...]

    @property
    def indicator_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.by_indicator)


@dataclass(frozen=True)
class Comparison:
    year: int
    region: str | None
    groups: tuple[Group, ...]
    method: str = METHOD

    @property
    def count(self) -> int:
        return sum(len(g.peers) for g in self.groups)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Cyclic garbage collection paused while a comparison is built: its tens of thousands of tuples hold no
    cycles (reference counting frees them), and the collections their allocation would set off traverse all of
    them again and again: more than half of the time of a comparison over 10,000 department-years."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rank(items: Sequence[tuple[Peer, Decimal]], named: bool = False) -> tuple[Ranked, ...]:
    """Highest first; equal values share a rank (1, 2, 2, 4); ties in name order (``named``: items already are)."""
    ordered = list(items) if named else sorted(items, key=lambda pv: (pv[0].department, pv[0].region))
    ordered.sort(key=itemgetter(1), reverse=True)  # stable: ties keep the name order
    out: list[Ranked] = []
    previous: Ranked | None = None
    for i, (peer, value) in enumerate(ordered):
        previous = Ranked(previous.rank if previous is not None and previous.value == value else i + 1, peer, value)
        out.append(previous)
    return tuple(out)


def _median(ordered: Sequence[Decimal]) -> Decimal:
    """The median of values in ascending order (as :func:`statistics.median`: the mean of the middle two)."""
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _spread(ordered: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal] | None:
    """(median, scale, factor) with z = factor × (x − median) ÷ scale, from values in ascending order;
    None when too few or no spread."""
    if len(ordered) < MIN_PEERS:
        return None
    med = _median(ordered)
    cut = bisect_right(ordered, med)
    # Below the median the deviations fall, above it they rise: two sorted runs, merged by sorted() in one pass.
    deviations = [med - v for v in reversed(ordered[:cut])] + [v - med for v in ordered[cut:]]
    mad = _median(sorted(deviations))
    if mad != 0:
        return med, mad, MAD_FACTOR
    mean_ad = sum(deviations, Decimal(0)) / len(deviations)
    if mean_ad == 0:
        return None
    return med, MEANAD_FACTOR * mean_ad, Decimal(1)


def robust_z(values: Sequence[Decimal]) -> list[Decimal] | None:
    """Modified z-scores of ``values`` (None when there are too few or no spread)."""
    spread = _spread(sorted(values))
    if spread is None:
        return None
    med, scale, factor = spread
    return [factor * (v - med) / scale for v in values]


def _outliers(measure: str, descending: Sequence[tuple[int, Peer, Decimal]], unit: Decimal) -> list[Outlier]:
    """Values whose |z| exceeds the limit, from (position in name order, peer, value) highest value first: only
    the two tails are looked at. ``unit`` rescales value and median for display (z does not change)."""
    spread = _spread([v for _, _, v in reversed(descending)])
    if spread is None:
        return []
    med, scale, factor = spread
    cutoff = Z_LIMIT * scale / factor
    tails = list(takewhile(lambda t: t[2] - med > cutoff, descending))
    tails += takewhile(lambda t: med - t[2] > cutoff, reversed(descending[len(tails):]))
    tails.sort(key=itemgetter(0))
    return [Outlier(p.department, measure, v / unit, med / unit, factor * (v - med) / scale) for _, p, v in tails]


def outliers(measure: str, values: Sequence[tuple[Peer, Decimal]], unit: Decimal = Decimal(1)) -> list[Outlier]:
    """Values whose |z| exceeds the limit; ``unit`` rescales value and median for display (z does not change)."""
    ordered = sorted(((i, p, v) for i, (p, v) in enumerate(values)), key=itemgetter(2), reverse=True)
    return _outliers(measure, ordered, unit)


def group(framework_id: str, framework_name: str, grade_order: Sequence[str], peers: Sequence[Peer]) -> Group:
    peers = sorted(peers, key=lambda p: (p.department, p.region))  # every ranking below keeps ties in this order
    complete = [p for p in peers if p.complete]
    incomplete = tuple(p for p in peers if not p.complete)
    scored: dict[str, list[tuple[int, Peer, Decimal]]] = {}
    weight_of: dict[str, Decimal] = {}
    for i, p in enumerate(peers):
        for n, w, sc in p.tops:
            if n not in weight_of:
                weight_of[n] = w
                scored[n] = []
            if sc is not None:
                scored[n].append((i, p, sc))
    by_indicator = []
    found: list[Outlier] = []
    for name, values in scored.items():
        values.sort(key=itemgetter(2), reverse=True)  # stable: ties keep the name order
        by_indicator.append((name, _ranked(values)))
        weight = weight_of[name]
        if weight:  # one framework: every peer has the same weight, so z of the score is z of the score rate
            found += _outliers(f"{name}得分率", values, weight)
    for key, label in RATIOS:
        ratio = [(i, p, v) for i, p in enumerate(peers) if (v := p.ratios.get(key)) is not None]
        ratio.sort(key=itemgetter(2), reverse=True)
        found += _outliers(label, ratio, Decimal(1))
    counts = Counter(p.grade or "未定级" for p in peers)
    order = [g for g in grade_order] + sorted(g for g in counts if g not in grade_order and g != "未定级")
    grades = tuple((g, counts.get(g, 0)) for g in [*order, "未定级"] if g != "未定级" or counts.get(g))
    found.sort(key=lambda o: (-abs(o.z), o.department, o.measure))
    return Group(framework_id, framework_name, tuple(grade_order), tuple(peers),
                 rank([(p, p.total) for p in complete], named=True), incomplete, tuple(by_indicator), grades,
                 tuple(found))


def _ranked(descending: Sequence[tuple[int, Peer, Decimal]]) -> tuple[Ranked, ...]:
    """Ranks of values already highest first; equal values share a rank."""
    out: list[Ranked] = []
    place, last = 0, None
    make = tuple.__new__  # Ranked(...) without the Python-level __new__: thousands of them per comparison
    for i, (_, peer, value) in enumerate(descending):
        if value != last:
            place, last = i + 1, value
        out.append(make(Ranked, (place, peer, value)))
    return tuple(out)
