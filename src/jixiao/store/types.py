"""Exact decimals in both databases.

PostgreSQL stores ``NUMERIC(p, s)`` exactly and psycopg returns ``Decimal``.
SQLite has no decimal type: a column declared ``NUMERIC`` keeps a value as an
INTEGER or a REAL (an IEEE double), which holds any decimal of at most 15
significant digits exactly in the sense that the shortest text that reads back
as the same double is the original decimal. So every exact column declares a
precision of at most 15 digits, values are checked against it before they are
written (never rounded), and SQLite's doubles are read back through ``repr``,
not through a fixed number of places. Comparisons and sorting in SQL stay
numeric in both databases.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Numeric, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.types import NullType, TypeDecorator

if TYPE_CHECKING:
    from sqlalchemy.orm import QueryableAttribute

MAX_DIGITS = 15  # what an SQLite REAL keeps exactly


class DecimalOutOfRange(ValueError):
    """A value that the column cannot hold exactly; the message is Chinese."""


def fits(value: Decimal, precision: int, scale: int) -> bool:
    """Whether ``value`` has at most ``scale`` places and ``precision - scale`` integer digits."""
    if not value.is_finite():
        return False
    _sign, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)
    places = max(0, -exponent)
    integer_digits = max(0, len(digits) + exponent)
    return places <= scale and integer_digits <= precision - scale


class ExactDecimal(TypeDecorator[Decimal]):
    """``NUMERIC(precision, scale)`` that round-trips ``Decimal`` exactly or refuses the value."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        if precision > MAX_DIGITS:
            raise ValueError(f"precision {precision} > {MAX_DIGITS}: SQLite could not keep it exactly")
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.precision = precision
        self.scale = scale

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"exact column needs Decimal, got {type(value).__name__}")
        if not fits(value, self.precision, self.scale):
            whole = self.precision - self.scale
            raise DecimalOutOfRange(
                f"数值 {value} 超出数据库可精确保存的范围（整数部分最多 {whole} 位，小数最多 {self.scale} 位）"
            )
        if dialect.name == "sqlite":
            return f"{value:f}"
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, float):
            return Decimal(repr(value))
        return Decimal(str(value))

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        # Not Numeric's own float -> Decimal conversion: it pads to a fixed number of places and can expose
        # binary noise. psycopg already returns Decimal; SQLite's INTEGER/REAL/TEXT go through one function.
        if dialect.name == "postgresql":
            return None
        return _from_sqlite


def _from_sqlite(value: Any) -> Decimal | None:
    """SQLite's stored value as the exact decimal that was written (see the module docstring)."""
    if value is None:
        return None
    if value.__class__ is float:
        return Decimal(repr(value))
    return Decimal(value)


Money = ExactDecimal(15, 6)  # 万元 to 0.01 元; up to 999,999,999 万元
Score = ExactDecimal(12, 6)  # scores and weights


def raw(column: ColumnElement[Any] | QueryableAttribute[Any]) -> ColumnElement[Any]:
    """An exact column selected without per-value processing; convert with :func:`decimal_reader`."""
    return type_coerce(column, NullType())


def decimal_reader(dialect: str) -> Callable[[Any], Decimal | None]:
    """Converts raw values of exact columns to Decimal as :class:`ExactDecimal` does, once per distinct value
    (thousands of scores take few distinct values). ``dialect``: "sqlite" (its INTEGER/REAL/TEXT values),
    "postgresql" (the driver's Decimal, kept) or "text" (a ``numeric`` cast to text: what psycopg reads a Decimal
    from)."""
    if dialect == "postgresql":
        return lambda value: value
    floats: dict[float, Decimal] = {}
    others: dict[Any, Decimal | None] = {}

    def read(value: Any) -> Decimal | None:
        cache = floats if value.__class__ is float else others
        found = cache.get(value)
        if found is None and value is not None:
            found = cache[value] = _from_sqlite(value)  # type: ignore[assignment]
        return found

    return read
