"""JSON for the store's JSON columns with exact decimals.

Python's json writes a Decimal only as a string (or through float, inexactly),
and a string does not read back as a number: a performance target of 1 (a
number) would come back as "1" (text). Here a Decimal is written as a JSON
number with its exact digits, and numbers with a fraction or exponent read back
as Decimal, so a department-year's data survives the database unchanged.

The C encoder does the work: each Decimal becomes a marked string through
``default`` and the marks are then removed, leaving the bare number.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import date, datetime
from decimal import Decimal
from typing import Any

_TOKEN = secrets.token_hex(12)  # unguessable: no stored text can pass for a marked number
_MARK = f"\x00{_TOKEN}:"
_MARKED = re.compile(r'"\\u0000' + _TOKEN + r':(-?[0-9]+(?:\.[0-9]+)?)"')


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return f"{_MARK}{value:f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def dumps(value: Any) -> str:
    text = json.dumps(value, default=_default, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _MARKED.sub(r"\1", text) if _TOKEN in text else text


def loads(text: str | bytes) -> Any:
    return json.loads(text, parse_float=Decimal)
