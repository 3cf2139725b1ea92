"""Bounds on every number read from user input: significant digits and magnitude.

Money, counts, rates, weights and formula constants all pass through
:func:`number_problem` (or :func:`digits_problem` before text is converted), so that a
40-digit amount, ``1e400`` or a 5,000-digit integer is refused where it is read, with
its place, instead of failing later in a ``quantize`` or an ``int()`` conversion.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from jixiao.safeio.limits import current, limit_message

NUMBER_LIMITS = ("number_digits", "number_exponent")


def _shown(text: str) -> str:
    return text if len(text) <= 32 else f"{text[:14]}…{text[-8:]}（共 {len(text)} 个字符）"


_EXPONENT = re.compile(r"[eE][+-]?_?0*([\d_]+)\s*$")


def digits_problem(text: str) -> str | None:
    """Refuse number text too long to convert safely (checked before ``int()``/``Decimal()``): too many
    digits, or an exponent no decimal can hold (``1e999999999999``)."""
    limits = current()
    if len(text) <= limits.number_digits * 2 + 16 and "e" not in text and "E" not in text:
        return None  # the common case: too short for too many digits, and no exponent
    digits = sum(ch.isdigit() for ch in text[: limits.number_digits * 4 + 64])
    if len(text) > limits.number_digits * 4 + 64 or digits > limits.number_digits * 2 + 16:
        return limit_message("number_digits", f"数字「{_shown(text)}」位数过多")
    m = _EXPONENT.search(text)
    if m is not None and len(m.group(1).replace("_", "")) > 6:
        return limit_message("number_exponent", f"数字「{_shown(text)}」的指数过大")
    return None


def significant_digits(value: Decimal) -> int:
    """Digits of a finite Decimal without leading or trailing zeros (no context rounding)."""
    digits = value.as_tuple().digits
    text = "".join(map(str, digits)).strip("0")
    return len(text)


@functools.lru_cache(maxsize=8)
def _int_bound(digits: int, exponent: int) -> int:
    """Every int strictly inside ±this has at most ``digits`` significant digits and is below 10^``exponent``."""
    bound: int = 10 ** min(digits, exponent)
    return bound


def number_problem(value: Decimal | int | float, text: str | None = None) -> str | None:
    """None when ``value`` is within the limits; otherwise the Chinese reason (limit named)."""
    limits = current()
    # The common case first, cheaply (every number read passes here): a short finite Decimal or a small int.
    if type(value) is Decimal:
        if value.is_finite():  # its significant digits are at most the characters of its text
            adjusted = value.adjusted()
            if not value or (-limits.number_exponent <= adjusted < limits.number_exponent
                             and len(str(value)) <= limits.number_digits):
                return None
    elif type(value) is int:
        bound = _int_bound(limits.number_digits, limits.number_exponent)
        if -bound < value < bound:
            return None
    if isinstance(value, bool):
        return None
    if text is None and isinstance(value, int) and value.bit_length() > 256:
        text = f"约 {int(value.bit_length() * 0.30103)} 位的整数"
    source = value  # what the message shows (made only for a message)
    if isinstance(value, int):
        if value.bit_length() > 256:
            return limit_message("number_exponent", f"数字「{_shown(text if text is not None else str(source))}」过大")
        value = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "不接受非有限数字（无穷大或非数）"
        value = Decimal(repr(value))
    if not value.is_finite():
        return "不接受非有限数字（无穷大或非数）"
    if value.is_zero():
        return None
    digits = significant_digits(value)
    if digits > limits.number_digits:
        return limit_message("number_digits", f"数字「{_shown(text if text is not None else str(source))}」有 {digits} 位有效数字")
    if value.adjusted() >= limits.number_exponent:
        return limit_message("number_exponent", f"数字「{_shown(text if text is not None else str(source))}」过大")
    if value.adjusted() < -limits.number_exponent:
        return limit_message("number_exponent", f"数字「{_shown(text if text is not None else str(source))}」过小")
    return None
