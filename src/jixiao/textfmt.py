"""Presentation of exact Decimal figures: the only place where rounding happens.

Amounts in 万元 and rates in % are shown with two decimals, rounded half up
(四舍五入), as users expect; scores are shown without trailing zeros.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

TWO = Decimal("0.01")


_HALF_UP = Context(prec=28, rounding=ROUND_HALF_UP)  # made once: every ordinary figure rounds in it
_PLACES = {places: Decimal(1).scaleb(-places) for places in range(7)}


def _context(value: Decimal, places: int) -> Context:
    """Enough precision for every digit of the rounded result (a ratio of extreme inputs may
    exceed the default 28 digits; quantize would then fail instead of rounding)."""
    digits = value.adjusted() + places + 2 if value.is_finite() else 0
    return _HALF_UP if digits <= 28 else Context(prec=digits, rounding=ROUND_HALF_UP)


def q2(value: Decimal) -> Decimal:
    """Round half up to two decimals."""
    return value.quantize(TWO, context=_context(value, 2))


def quantize(value: Decimal, places: int) -> Decimal:
    unit = _PLACES.get(places)
    return value.quantize(Decimal(1).scaleb(-places) if unit is None else unit, context=_context(value, places))


def money(value: Decimal | None) -> str:
    """万元 with two decimals and thousands separators off (as the seeds write)."""
    return "—" if value is None else f"{q2(value):f}"


def pct(value: Decimal | None) -> str:
    """A rate already in percent, e.g. Decimal('98.0888') -> '98.09%'."""
    return "—" if value is None else f"{q2(value):f}%"


def score(value: Decimal | None) -> str:
    """A score without trailing zeros: 2 -> '2', 24.50 -> '24.5', 1.25 -> '1.25'."""
    if value is None:
        return "—"
    v = q2(value).normalize()
    text = f"{v:f}"
    return text


def number(value: Decimal | None) -> str:
    """A plain number without trailing zeros (counts, thresholds)."""
    if value is None:
        return "—"
    return f"{value.normalize():f}"
