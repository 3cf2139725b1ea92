"""What a scoring rule returns for one leaf indicator."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Outcome:
    score: Decimal | None
    deductions: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    basis: str = ""  # one sentence: how the score was reached
    details: dict[str, str] = field(default_factory=dict)
