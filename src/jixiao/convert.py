"""Plain values (YAML, JSON, a workbook's cells) into Decimal, int, bool and text, the lax way, in one place.

Both readers of user files use these: the department model (:mod:`jixiao.model.validate`) and the framework
files (:mod:`jixiao.frameworks.read`). The accepted inputs: numbers from their text (``" 1_000.50 "``; a
float through its shortest text, so exactly what it shows), whole numbers from ``2.0`` or ``"2.0"``, yes/no
from ``true``/``1``/``yes``/``off``; a bool is never a Decimal. A value that cannot be converted raises
:class:`Problem`, whose ``kind`` and ``msg`` are those of the error records both readers make (pydantic's
names and sentences, which :func:`jixiao.model.validate.describe_error` turns into Chinese).

Nothing here converts text or a Decimal to an int by a cost that grows faster than its length: the text's
digits are bounded by Python's own limit (``int_parsing_size``), a Decimal with a positive exponent is
multiplied out by a power of ten.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

MESSAGES = {  # kind -> the error record's sentence (pydantic's), for the kinds raised without one
    "decimal_type": "Decimal input should be an integer, float, string or Decimal object",
    "decimal_parsing": "Input should be a valid decimal",
    "finite_number": "Input should be a finite number",
    "int_type": "Input should be a valid integer",
    "int_parsing": "Input should be a valid integer, unable to parse string as an integer",
    "int_from_float": "Input should be a valid integer, got a number with a fractional part",
    "int_parsing_size": "Unable to parse input string as an integer, exceeded maximum size",
    "bool_type": "Input should be a valid boolean",
    "bool_parsing": "Input should be a valid boolean, unable to interpret input",
    "string_type": "Input should be a valid string",
    "string_unicode": "Input should be a valid string, unable to parse raw data as a unicode string",
    # the department model's other kinds
    "date_type": "Input should be a valid date",
    "date_from_datetime_inexact": "Datetimes provided to dates should have zero time - e.g. be exact dates",
    "invalid_key": "Keys should be strings",
}


class Problem(Exception):
    """Why a value cannot be converted: the error kind, its context, and its sentence (from :data:`MESSAGES`
    unless given)."""

    def __init__(self, kind: str, ctx: dict[str, Any] | None = None, msg: str | None = None) -> None:
        super().__init__(kind)
        self.kind, self.ctx = kind, ctx
        self.msg = msg if msg is not None else MESSAGES.get(kind, kind)


def to_decimal(v: Any) -> Decimal:
    """A finite Decimal from a Decimal, an int (not a bool), a float or the text of a number."""
    if isinstance(v, bool):
        raise Problem("decimal_type")
    if isinstance(v, Decimal):
        d = v
    elif isinstance(v, int):
        return Decimal(v)
    elif isinstance(v, float):
        if not math.isfinite(v):
            raise Problem("finite_number")
        return Decimal(str(v))
    elif isinstance(v, str):
        try:
            d = Decimal(v.strip().replace("_", ""))
        except InvalidOperation:
            raise Problem("decimal_parsing") from None
    else:
        raise Problem("decimal_type")
    if not d.is_finite():
        raise Problem("finite_number")
    return d


_INT_TEXT = re.compile(r"[+-]?[0-9][0-9_]*(?:\.0*)?", re.ASCII)
_I64 = 2**63


def to_int(v: Any) -> int:
    """An int from an int (a bool is 0 or 1), a whole float or Decimal, or the text (or UTF-8 bytes) of a
    whole number."""
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise Problem("finite_number")
        if not v.is_integer():
            raise Problem("int_from_float")
        if abs(v) >= _I64:
            raise Problem("int_parsing_size")
        return int(v)
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise Problem("finite_number")
        if v != v.to_integral_value():
            raise Problem("int_from_float")
        exponent = v.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:  # 1E+999999: int() of it is quadratic, a power is not
            whole: int = int(v.scaleb(-exponent)) * 10**exponent
            return whole
        return int(v)
    if isinstance(v, bytes | bytearray):
        try:
            v = bytes(v).decode()
        except UnicodeDecodeError:
            raise Problem("int_parsing") from None
    if isinstance(v, str):
        text = v.strip()
        if _INT_TEXT.fullmatch(text) is None:
            raise Problem("int_parsing")
        try:
            return int(text.partition(".")[0].replace("_", ""))
        except ValueError:
            raise Problem("int_parsing_size") from None
    raise Problem("int_type")


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def to_bool(v: Any) -> bool:
    """A bool from a bool, the number 0 or 1, or a yes/no word (true/false, yes/no, on/off, y/n, t/f, 1/0)."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float | Decimal):
        if isinstance(v, Decimal) and not v.is_finite():  # before ==, which a signalling NaN refuses
            raise Problem("bool_type")
        if v == 0 or v == 1:
            return bool(v)
        number: Any = v
        whole = number.is_integer() if isinstance(number, float) else isinstance(number, int) or (
            number.is_finite() and number == number.to_integral_value())
        raise Problem("bool_parsing" if whole and abs(number) < _I64 else "bool_type")
    if isinstance(v, bytes | bytearray):
        v = bytes(v).decode(errors="replace")
    if isinstance(v, str):
        low = v.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise Problem("bool_parsing")
    raise Problem("bool_type")


def to_text(v: Any) -> str:
    """Text from text or UTF-8 bytes."""
    if isinstance(v, str):
        return v
    if isinstance(v, bytes | bytearray):
        try:
            return bytes(v).decode()
        except UnicodeDecodeError:
            raise Problem("string_unicode") from None
    raise Problem("string_type")
