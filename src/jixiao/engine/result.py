"""Evaluation results: one node per indicator, with everything needed to explain it."""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.engine.figures import Figure, Figures
from jixiao.findings import Finding
from jixiao.frozen import frozen


class Status(StrEnum):
    SCORED = "scored"
    MISSING = "missing"
    PARTIAL = "partial"

    @property
    def label(self) -> str:
        return {"scored": "已评分", "missing": "缺数据", "partial": "部分缺数据"}[self.value]


@frozen(init=False)
class IndicatorResult:
    """The score of one indicator, how it was reached and the results of its children."""

    id: str
    name: str
    level: int
    weight: Decimal
    score: Decimal | None
    status: Status
    standard: str = ""
    metric: Figure | None = None  # the figure the indicator's metric or formula gave
    basis: str = ""
    deductions: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    explanation: str | None = None
    source: str | None = None
    children: tuple[IndicatorResult, ...] = ()
    notes: tuple[str, ...] = ()  # what the rule says about the data it used (e.g. a survey group left out)

    def __init__(self, id: str, name: str, level: int, weight: Decimal, score: Decimal | None, status: Status,
                 standard: str = "", metric: Figure | None = None, basis: str = "", deductions: tuple[str, ...] = (),
                 missing: tuple[str, ...] = (), explanation: str | None = None, source: str | None = None,
                 children: tuple[IndicatorResult, ...] = (), notes: tuple[str, ...] = ()) -> None:
        # Frozen: each field written once into the instance dict (as ``Figure``; the generated ``__init__``
        # pays an ``object.__setattr__`` per field, and every department-year makes dozens of these).
        self.__dict__.update(id=id, name=name, level=level, weight=weight, score=score, status=status,
                             standard=standard, metric=metric, basis=basis, deductions=deductions, missing=missing,
                             explanation=explanation, source=source, children=children, notes=notes)

    @property
    def lost(self) -> Decimal:
        return self.weight - self.score if self.score is not None else Decimal(0)

    def walk(self) -> list[IndicatorResult]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out

    def leaves(self) -> list[IndicatorResult]:
        return [r for r in self.walk() if not r.children]


@frozen
class EvaluationResult:
    """A department-year evaluated under a framework: every indicator's result, the total and the grade."""

    department: str
    year: int
    framework_id: str
    framework_name: str
    indicators: tuple[IndicatorResult, ...]
    total: Decimal
    max_total: Decimal
    complete: bool
    grade: str | None
    findings: tuple[Finding, ...] = ()
    figures: Figures | None = field(default=None, compare=False, repr=False)  # every figure, derived once

    def walk(self) -> list[IndicatorResult]:
        return [r for top in self.indicators for r in top.walk()]

    def leaves(self) -> list[IndicatorResult]:
        return [r for top in self.indicators for r in top.leaves()]

    def find(self, indicator_id: str) -> IndicatorResult:
        for r in self.walk():
            if r.id == indicator_id:
                return r
        raise KeyError(indicator_id)

    @property
    def missing_count(self) -> int:
        return sum(1 for r in self.leaves() if r.status is Status.MISSING)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; Decimals become strings so nothing is lost."""

        def metric(m: Figure | None) -> dict[str, Any] | None:
            if m is None:
                return None
            return {
                "key": m.key,
                "value": _s(m.value),
                "unit": m.unit,
                "formula": m.formula,
                "inputs": [
                    {"label": i.label, "value": _s(i.value), "unit": i.unit, "path": i.path} for i in m.inputs
                ],
                "missing": list(m.missing),
                "not_applicable": m.not_applicable,
                "note": m.note,
            }

        def node(r: IndicatorResult) -> dict[str, Any]:
            return {
                "id": r.id,
                "name": r.name,
                "level": r.level,
                "weight": _s(r.weight),
                "score": _s(r.score),
                "status": r.status.value,
                "standard": r.standard,
                "metric": metric(r.metric),
                "basis": r.basis,
                "deductions": list(r.deductions),
                "missing": list(r.missing),
                "notes": list(r.notes),
                "explanation": r.explanation,
                "source": r.source,
                "children": [node(c) for c in r.children],
            }

        return {
            "department": self.department,
            "year": self.year,
            "framework": {"id": self.framework_id, "name": self.framework_name},
            "total": _s(self.total),
            "max_total": _s(self.max_total),
            "complete": self.complete,
            "grade": self.grade,
            "indicators": [node(r) for r in self.indicators],
            "findings": [f.to_dict() for f in self.findings],
            "figures": [
                {"key": f.key, "label": f.label, "value": _s(f.value), "unit": f.unit, "formula": f.formula}
                for f in (self.figures.derived() if self.figures is not None else [])
            ],
        }


def _s(v: Decimal | None) -> str | None:
    return None if v is None else f"{v.normalize():f}"
