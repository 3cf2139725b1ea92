"""What a submitted report claims about its own scores: the contract between the
auditor (which extracts claims from report text) and review (which compares
them with jixiao's evaluation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ClaimedScore:
    """One stated score, e.g. “（2）支付进度（3分）……得3分”."""

    name: str  # indicator name as the report writes it
    score: Decimal
    max_score: Decimal | None = None
    quote: str = ""  # the sentence it was read from
    location: str = ""  # e.g. "第12段", "第3页"


@dataclass(frozen=True)
class ReportClaims:
    """Scores a report states: the total, the grade and any per-indicator scores (any level)."""

    total: Decimal | None = None
    grade: str | None = None
    scores: tuple[ClaimedScore, ...] = field(default_factory=tuple)
    total_quote: str = ""
    grade_quote: str = ""
