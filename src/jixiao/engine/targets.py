"""Whether a performance target is met, given its direction."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Direction, PerformanceTarget


def target_met(t: PerformanceTarget) -> bool | None:
    """True/False for a quantitative target with numeric target and actual; None when unknown."""
    if not isinstance(t.target, Decimal) or not isinstance(t.actual, Decimal):
        return None
    if t.direction is Direction.AT_LEAST:
        return t.actual >= t.target
    if t.direction is Direction.AT_MOST:
        return t.actual <= t.target
    if t.direction is Direction.EQUAL:
        return t.actual == t.target
    return None
