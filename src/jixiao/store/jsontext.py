"""JSON for the store's JSON columns with exact decimals.

Python's json writes a Decimal only as a string (or through float, inexactly),
and a string does not read back as a number: a performance target of 1 (a
number) would come back as "1" (text). Here a Decimal is written as a JSON
number with its exact digits, and numbers with a fraction or exponent read back
as Decimal, so a department-year's data survives the database unchanged.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


def dumps(value: Any) -> str:
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def _write(value: Any, out: list[str]) -> None:
    if value is None or (isinstance(value, bool | int) and not isinstance(value, Enum)):
        out.append(json.dumps(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        out.append(f"{value:f}")
    elif isinstance(value, Enum):
        _write(value.value, out)
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, datetime | date):
        out.append(json.dumps(value.isoformat()))
    elif isinstance(value, dict):
        out.append("{")
        for i, (k, v) in enumerate(value.items()):
            if i:
                out.append(",")
            out.append(json.dumps(str(k), ensure_ascii=False))
            out.append(":")
            _write(v, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            _write(v, out)
        out.append("]")
    elif isinstance(value, float):
        raise TypeError("floats are not stored: use Decimal")
    else:
        raise TypeError(f"cannot store {type(value).__name__} as JSON")


def loads(text: str | bytes) -> Any:
    return json.loads(text, parse_float=Decimal)
