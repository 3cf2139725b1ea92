"""Claims typed by a reviewer (or kept for a seed) in a small YAML file.

Until the auditor's extraction is wired in, this is how ``jixiao review`` learns
what a report claims; the file format mirrors :class:`jixiao.claims.ReportClaims`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jixiao.claims import ClaimedScore, ReportClaims
from jixiao.findings import Finding, Location, Severity
from jixiao.yamlio import SourceError, read_source


class _Score(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    score: Decimal = Field(ge=0)
    max: Decimal | None = Field(None, ge=0)
    quote: str = ""
    location: str = ""


class _Claims(BaseModel):
    model_config = ConfigDict(extra="forbid")
    report: str | None = None
    total: Decimal | None = Field(None, ge=0)
    grade: str | None = None
    total_quote: str = ""
    grade_quote: str = ""
    scores: list[_Score] = Field(default_factory=list)


def load_claims(path: Path) -> tuple[ReportClaims | None, list[Finding]]:
    """Read a claims file; problems come back as findings with file and line."""
    from jixiao.model.load import validation_findings

    try:
        data, lines = read_source(path)
    except SourceError as exc:
        return None, [Finding("claims.unreadable", Severity.ERROR, exc.message, Location(file=str(path), line=exc.line))]
    try:
        c = _Claims.model_validate(data)
    except ValidationError as exc:
        return None, validation_findings(exc, file=str(path), lines=lines, code="claims.invalid")
    scores = tuple(ClaimedScore(s.name, s.score, s.max, s.quote, s.location) for s in c.scores)
    return ReportClaims(c.total, c.grade, scores, c.total_quote, c.grade_quote), []
