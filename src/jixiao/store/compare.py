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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

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


@dataclass(frozen=True)
class Peer:
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
    ratios: dict[str, Decimal | None] = field(default_factory=dict)  # key of RATIOS -> percent


@dataclass(frozen=True)
class Ranked:
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


def rank(items: Sequence[tuple[Peer, Decimal]]) -> tuple[Ranked, ...]:
    """Highest first; equal values share a rank (1, 2, 2, 4); ties ordered by name."""
    ordered = sorted(items, key=lambda pv: (pv[0].department, pv[0].region))
    ordered.sort(key=lambda pv: pv[1], reverse=True)  # stable: ties keep the name order
    out: list[Ranked] = []
    for i, (peer, value) in enumerate(ordered):
        r = out[-1].rank if out and out[-1].value == value else i + 1
        out.append(Ranked(r, peer, value))
    return tuple(out)


def robust_z(values: Sequence[Decimal]) -> list[Decimal] | None:
    """Modified z-scores of ``values`` (None when there are too few or no spread)."""
    if len(values) < MIN_PEERS:
        return None
    med = Decimal(median(values))
    deviations = [abs(v - med) for v in values]
    mad = Decimal(median(deviations))
    if mad != 0:
        return [MAD_FACTOR * (v - med) / mad for v in values]
    mean_ad = sum(deviations, Decimal(0)) / len(deviations)
    if mean_ad == 0:
        return None
    return [(v - med) / (MEANAD_FACTOR * mean_ad) for v in values]


def outliers(measure: str, values: Sequence[tuple[Peer, Decimal]]) -> list[Outlier]:
    z = robust_z([v for _, v in values])
    if z is None:
        return []
    med = Decimal(median([v for _, v in values]))
    return [Outlier(p.department, measure, v, med, zi) for (p, v), zi in zip(values, z, strict=True)
            if abs(zi) > Z_LIMIT]


def group(framework_id: str, framework_name: str, grade_order: Sequence[str], peers: Sequence[Peer]) -> Group:
    complete = [p for p in peers if p.complete]
    incomplete = tuple(sorted((p for p in peers if not p.complete), key=lambda p: (p.department, p.region)))
    names: list[str] = []
    for p in peers:
        for name, _, _ in p.tops:
            if name not in names:
                names.append(name)
    by_indicator = []
    found: list[Outlier] = []
    for name in names:
        scored = [(p, s) for p in peers for n, _, s in p.tops if n == name and s is not None]
        by_indicator.append((name, rank(scored)))
        rates = [(p, s / w) for p in peers for n, w, s in p.tops if n == name and s is not None and w]
        found += outliers(f"{name}得分率", rates)
    for key, label in RATIOS:
        values = [(p, v) for p in peers if (v := p.ratios.get(key)) is not None]
        found += outliers(label, values)
    counts = Counter(p.grade or "未定级" for p in peers)
    order = [g for g in grade_order] + sorted(g for g in counts if g not in grade_order and g != "未定级")
    grades = tuple((g, counts.get(g, 0)) for g in [*order, "未定级"] if g != "未定级" or counts.get(g))
    found.sort(key=lambda o: (-abs(o.z), o.department, o.measure))
    return Group(framework_id, framework_name, tuple(grade_order), tuple(peers),
                 rank([(p, p.total) for p in complete]), incomplete, tuple(by_indicator), grades, tuple(found))
