"""Explicit rounding tolerances (尾差): when two stated figures count as consistent.

Amounts. Every stated amount carries a rounding interval of half a unit in its
last place. Amounts in 万元 or 元 are assumed written to two decimals (writers
drop trailing zeros: "2.4" means 2.40); a kept trailing zero ("2.0") declares
the precision written. Counts (人, 个) are exact.

Sums. Parts are consistent with their total when |Σparts − total| is at most
the sum of the half-units of all terms (two-decimal amounts: 0.005 per term), or
when the total is written with fewer decimals than its parts and Σparts rounds
(half up) to it.

Rates. A rate stated with k decimals is consistent when the exact value from
the stated amounts rounds half up to it. A rate that is not, but lies within one
unit of the last place and can be reached when the amounts vary within their
rounding intervals, is consistent too (尾差 from rounded amounts, e.g. 33.10/166.03
stated 19.93%). Truncation is *not* accepted: 0.11/226.86 = 0.0485% must be
written 0.05%, not 0.04%. A rate within one unit but unreachable is a 提示; a
rate more than one unit off is an 错误.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jixiao.audit.finding import ERROR, HINT
from jixiao.audit.numbers import Figure

HALF_CENT = Decimal("0.005")


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def written_half(fig: Figure) -> Decimal:
    """Half a unit of the last place the figure is written to, whatever its kind (no two-place floor)."""
    return Decimal("0.5").scaleb(-fig.decimals)


def half_unit(fig: Figure) -> Decimal:
    """Half a unit of the figure's last place, in the figure's own unit."""
    if fig.kind in ("person", "score") or fig.kind.startswith("count"):
        return Decimal(0)
    if (fig.explicit_precision and fig.decimals < 2) or fig.unit == "亿元":
        return Decimal("0.5").scaleb(-fig.decimals)  # 亿元 figures are written to the precision they have
    return Decimal("0.5").scaleb(-max(fig.decimals, 2))


def sum_consistent(parts: list[Figure], total: Figure) -> bool:
    factor = total.scale
    s = sum((p.wan for p in parts), Decimal(0)) / factor if total.kind == "money" else sum((p.value for p in parts), Decimal(0))
    tol = half_unit(total) + sum((half_unit(p) * (p.scale / factor) for p in parts), Decimal(0))
    if abs(s - total.value) <= tol:
        return True
    max_dec = max(p.decimals for p in parts)
    return 0 < total.decimals < max_dec and quantize(s, total.decimals) == total.value


def same_at_precision(a: Decimal, a_places: int, b: Decimal, b_places: int) -> bool:
    """One amount written twice (in the same unit, with its places in that unit): equal when both are rounded
    half up to the less precise writing (202.64 and 202.6400; 89.974 and 89.97; 7.289 and 7.29)."""
    places = min(a_places, b_places)
    return quantize(a, places) == quantize(b, places)


def parts_sum(parts: list[Figure], total: Figure) -> Decimal:
    if total.kind == "money":
        return sum((p.wan for p in parts), Decimal(0)) / total.scale
    return sum((p.value for p in parts), Decimal(0))


def rate_verdict(stated: Decimal, decimals: int, exact: Decimal, lo: Decimal, hi: Decimal) -> str | None:
    """None when consistent, else the severity. ``lo``/``hi`` bound the exact value under input rounding."""
    if quantize(exact, decimals) == stated:
        return None
    ulp = Decimal(1).scaleb(-decimals)
    if abs(stated - exact) > ulp:
        return ERROR
    if stated - ulp / 2 <= hi and stated + ulp / 2 >= lo:
        return None
    return HINT


def ratio_bounds(num: Decimal, num_h: Decimal, den: Decimal, den_h: Decimal, scale: Decimal = Decimal(100)) -> tuple[Decimal, Decimal]:
    """Bounds of num/den*scale when num and den each lie within ±half-unit (positive values)."""
    lo_den, hi_den = den - den_h, den + den_h
    if lo_den <= 0:
        return (Decimal("-Infinity"), Decimal("Infinity"))
    return ((num - num_h) / hi_den * scale, (num + num_h) / lo_den * scale)


def fmt(value: Decimal, places: int = 2) -> str:
    return f"{quantize(value, places):f}"
