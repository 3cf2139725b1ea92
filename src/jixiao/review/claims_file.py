"""Claims typed by a reviewer (or kept for a seed) in a small YAML file.

Until the auditor's extraction is wired in, this is how ``jixiao review`` learns
what a report claims; the file format mirrors :class:`jixiao.claims.ReportClaims`.
Its fields are records (:mod:`jixiao.model.records`) read by :mod:`jixiao.model.validate`, as the
department file's are: a score written as text is a number only in the one syntax of
:data:`jixiao.convert.NUMBER_SYNTAX` (no exponent, no ``.5``, no ``NaN``), bounded in digits and size,
and every problem is a Chinese finding naming the file, the line and the field.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.claims import ClaimedScore, ReportClaims
from jixiao.findings import Finding, Location, Severity
from jixiao.frozen import frozen
from jixiao.model.records import many, value
from jixiao.model.validate import InvalidData, parse, validation_findings
from jixiao.yamlio import SourceError, read_source

_ZERO = Decimal(0)


def _score_value(description: str, *, required: bool = False) -> Any:
    return value(Decimal, description, required=required, ge=_ZERO, bounded=True)


@frozen(slots=True, kw_only=True)
class _Score:
    name: str = value(str, "指标名称", required=True)
    score: Decimal = _score_value("报告所称得分", required=True)
    max: Decimal | None = _score_value("分值")
    quote: str = value(str, "原文", default="")
    location: str = value(str, "位置", default="")


@frozen(slots=True, kw_only=True)
class _Claims:
    report: str | None = value(str, "报告")
    total: Decimal | None = _score_value("报告所称总分")
    grade: str | None = value(str, "报告所称等级")
    total_quote: str = value(str, "总分原文", default="")
    grade_quote: str = value(str, "等级原文", default="")
    scores: list[_Score] = many(_Score, "逐项得分")


def load_claims(path: Path) -> tuple[ReportClaims | None, list[Finding]]:
    """Read a claims file; problems come back as findings with file, line and field."""
    file = str(path)
    try:
        data, lines = read_source(path, numbers=False)  # numbers=False: the fields bound their numbers
    except SourceError as exc:
        return None, [Finding("claims.unreadable", Severity.ERROR, exc.message, Location(file=file, line=exc.line))]
    if not isinstance(data, dict):
        return None, [Finding("claims.invalid", Severity.ERROR,
                              "得分文件内容应为一组字段（total、grade、scores 等），而不是列表或单个值", Location(file=file))]
    try:
        c = parse(_Claims, data)
    except InvalidData as exc:
        return None, validation_findings(exc, file=file, lines=lines, code="claims.invalid")
    scores = tuple(ClaimedScore(s.name, s.score, s.max, s.quote, s.location) for s in c.scores)
    return ReportClaims(c.total, c.grade, scores, c.total_quote, c.grade_quote), []
