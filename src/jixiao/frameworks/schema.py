"""The framework file format (see docs/frameworks.md): typed, immutable values.

A file becomes these values through :mod:`jixiao.frameworks.read` (types, bounds, unknown fields)
and is then checked as a whole by :mod:`jixiao.frameworks.validate` (weights, rules, metrics, grades).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from decimal import Decimal
from typing import Literal

from jixiao.frameworks.rules import Rule
from jixiao.frozen import frozen

ID_PATTERN = r"^[A-Za-z0-9_.\-]+$"
"""What an indicator or framework id may contain (letters, digits, ``_ . -``)."""


@frozen(kw_only=True)
class GradeBand:
    """A grade as a half-open interval [min, max), or closed at the top band."""

    grade: str
    min: Decimal
    max: Decimal
    min_inclusive: bool = True
    max_inclusive: bool = False

    def contains(self, value: Decimal) -> bool:
        above = value > self.min or (self.min_inclusive and value == self.min)
        below = value < self.max or (self.max_inclusive and value == self.max)
        return above and below


DEFAULT_GRADES = (
    GradeBand(grade="优", min=Decimal(90), max=Decimal(100), max_inclusive=True),
    GradeBand(grade="良", min=Decimal(80), max=Decimal(90)),
    GradeBand(grade="中", min=Decimal(60), max=Decimal(80)),
    GradeBand(grade="差", min=Decimal(0), max=Decimal(60)),
)


@frozen(kw_only=True)
class Indicator:
    """A node of the indicator tree: either a parent with children or a scored leaf."""

    id: str  # ID_PATTERN
    name: str
    weight: Decimal  # >= 0
    children: Sequence[Indicator] = ()
    metric: str | None = None
    metric_args: Mapping[str, str] = field(default_factory=dict)
    formula: str | None = None
    formula_text: str | None = None
    unit: str = "%"
    rule: Rule | None = None
    expand: Literal["key_tasks"] | None = None
    if_not_applicable: Literal["full", "zero", "missing"] = "missing"
    explanation: str | None = None
    standard: str | None = None
    source: str | None = None

    @property
    def is_leaf(self) -> bool:
        return not self.children and self.expand is None


@frozen(kw_only=True)
class Framework:
    """A scoring framework: its identity and source, its total and grades, and the indicator tree."""

    id: str  # ID_PATTERN
    name: str
    issuer: str | None = None
    document: str | None = None
    region: str | None = None
    year: int | None = None
    source: str | None = None
    template: bool = False
    notes: str | None = None
    total: Decimal = Decimal(100)
    score_places: int = 2  # 0 to 4
    grades: Sequence[GradeBand] = DEFAULT_GRADES
    indicators: Sequence[Indicator]  # at least one

    def is_local_to(self, region: str | None, year: int) -> bool:
        """Whether this is the framework of that region and year (so its issuer and document are the
        department's finance bureau and notice), not a template or another region's or year's."""
        return (not self.template and self.region is not None and self.year == year
                and region is not None and region.startswith(self.region))

    def mismatch(self, region: str | None, year: int) -> list[str]:
        """Why this framework may not be the one for a department of that region and year (Chinese)."""
        out = []
        if self.region and self.region != "全国" and region and not region.startswith(self.region):
            out.append(f"评价框架「{self.name}」适用于{self.region}，部门数据的地区为{region}")
        if self.year is not None and not self.template and self.year != year:
            out.append(f"评价框架「{self.name}」为{self.year}年度的框架，部门数据为{year}年度")
        return out

    def grade_for(self, total: Decimal) -> str | None:
        for band in self.grades:
            if band.contains(total):
                return band.grade
        return None

    def walk(self) -> list[tuple[int, Indicator]]:
        """Every indicator with its level (1 = 一级), depth first."""
        out: list[tuple[int, Indicator]] = []

        def visit(node: Indicator, level: int) -> None:
            out.append((level, node))
            for child in node.children:
                visit(child, level + 1)

        for top in self.indicators:
            visit(top, 1)
        return out
