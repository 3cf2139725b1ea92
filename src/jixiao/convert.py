"""Plain values (YAML, JSON, a workbook's cells) into Decimal, int, bool and text, the lax way, in one place.

Both readers of user files use these: the department model (:mod:`jixiao.model.validate`) and the framework
files (:mod:`jixiao.frameworks.read`); the workbook reader takes the text of a cell's number with
:func:`number_text` too. The accepted inputs: numbers from their text in the one syntax of
:data:`NUMBER_SYNTAX` (a float through its shortest text, so exactly what it shows), whole numbers from
``2.0`` or ``"2.0"``, yes/no from ``true``/``1``/``yes``/``off``; a bool is never a Decimal. A value that
cannot be converted raises :class:`Problem`, whose ``kind`` and ``msg`` are those of the error records both
readers make (pydantic's names and sentences, and ``number_syntax`` for a number written in another way,
which :func:`jixiao.model.validate.describe_error` turns into Chinese).

Nothing here converts text or a Decimal to an int by a cost that grows faster than its length: the text's
digits are bounded by Python's own limit (``int_parsing_size``), a Decimal with a positive exponent is
multiplied out by a power of ten.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

MESSAGES = {  # kind -> the error record's sentence (pydantic's), for the kinds raised without one
    "number_syntax": "Input should be a number written with digits, an optional sign, a decimal point with digits "
                     "on both sides and thousands separators between groups of three digits",
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


# The one way a number is written in a file a user fills in (a YAML or JSON value in quotes, a framework file,
# the text of a workbook cell): what a finance officer types. Digits, half- or full-width (“１２３”); an optional
# sign; a decimal point only with digits on both sides (“12.” and “.5” are refused: an entry cut short, or a
# figure whose leading digit was lost); thousands separators only between groups of three digits of the whole
# part, all of one kind (“1,234,567.50”, “1，234”, “1_000”; “1,23”, “1__0” and “1,234_567” are refused). No
# exponent (“1.2E+07” is what a spreadsheet shows for a number too wide for its cell, rounded) and no words
# (NaN, Infinity). Surrounding spaces, also the full-width one, are ignored.
NUMBER_SYNTAX = re.compile(r"""
    (?P<sign>[+-])?
    (?P<whole>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:_[0-9]{3})+)
    (?:\.(?P<fraction>[0-9]+))?
""", re.ASCII | re.VERBOSE)
_HALF_WIDTH = str.maketrans("０１２３４５６７８９＋－．，＿", "0123456789+-.,_")
_NUMBER_LIKE = re.compile(r"[\s0-9０-９+\-＋－.．,，_＿eE]*[0-9０-９][\s0-9０-９+\-＋－.．,，_＿eE]*")
NUMBER_SYNTAX_ZH = "数字写法不正确（只写阿拉伯数字，可带正负号；有小数点时前后都要有数字；千分位逗号须每三位一个，如 1,234.50 或 -12.5）"
"""How a number must be written, for the messages that refuse one written otherwise."""


def number_text(text: str) -> Decimal | None:
    """The number ``text`` states in the syntax of :data:`NUMBER_SYNTAX`, exactly; None when it is written
    otherwise. Bound the text's length first (:func:`jixiao.safeio.numbers.digits_problem`) where it may be long."""
    match = _number_match(text)
    return None if match is None else Decimal(_plain(match))


def _number_match(text: str) -> re.Match[str] | None:
    return NUMBER_SYNTAX.fullmatch(text.strip().translate(_HALF_WIDTH))


def _plain(match: re.Match[str]) -> str:
    """The matched number as Python reads it: sign, digits, point (no separators)."""
    whole = match["whole"].replace(",", "").replace("_", "")
    fraction = match["fraction"]
    return (match["sign"] or "") + whole + ("" if fraction is None else "." + fraction)


def number_like(text: str) -> bool:
    """Whether ``text`` is a number written another way than :data:`NUMBER_SYNTAX` says (digits, signs,
    points, separators, an exponent), not words (“三百”, “约300”, “NaN”)."""
    return _NUMBER_LIKE.fullmatch(text) is not None


def _refused_text(text: str, fallback: str) -> Problem:
    """A text that is not a number: ``number_syntax`` when it is a number written another way, else ``fallback``."""
    return Problem("number_syntax" if number_like(text) else fallback)


def to_decimal(v: Any) -> Decimal:
    """A finite Decimal from a Decimal, an int (not a bool), a float or the text of a number (:data:`NUMBER_SYNTAX`)."""
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
        number = number_text(v)
        if number is None:
            raise _refused_text(v, "decimal_parsing")
        return number
    else:
        raise Problem("decimal_type")
    if not d.is_finite():
        raise Problem("finite_number")
    return d


_I64 = 2**63


def to_int(v: Any) -> int:
    """An int from an int (a bool is 0 or 1), a whole float or Decimal, or the text (or UTF-8 bytes) of a
    whole number (:data:`NUMBER_SYNTAX`, its fraction, if any, all zeros)."""
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
        match = _number_match(v)
        if match is None:
            raise _refused_text(v, "int_parsing")
        if (match["fraction"] or "0").strip("0"):
            raise Problem("int_parsing")
        try:  # Python's own bound on the digits of an int read from text
            return int((match["sign"] or "") + match["whole"].replace(",", "").replace("_", ""))
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
