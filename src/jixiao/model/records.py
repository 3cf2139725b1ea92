"""Typed immutable records and the few generic operations on them.

A record is a frozen, slotted, keyword-only dataclass (``@frozen(slots=True, kw_only=True)``, :mod:`jixiao.frozen`) whose fields each carry a :class:`Spec` in their
metadata: the one value type the field holds (``Decimal``, ``int``, ``str``, ``bool``, ``date``, an
enum or another record class), its Chinese description ("年初预算数（万元）": label and unit) and its
bounds. :mod:`jixiao.model.validate` turns plain data into records by these specs; :func:`fields_of`,
:func:`dump` and :func:`replace` are how the rest of jixiao looks at, writes out and changes them.
Nothing here imports a validation library: loading a department-year builds no schema.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeVar

from jixiao.frozen import frozen

SPEC = "jixiao"

T = TypeVar("T")


@frozen
class Spec:
    """What one record field holds and how its value is checked.

    ``type``: the one class of the value (or of each item when ``many``). ``optional``: None is a value.
    ``ge``/``le``: bounds; ``bounded``: digits and magnitude within :mod:`jixiao.safeio.numbers`, checked
    after ``ge`` unless ``ge_after_bound``. ``text_too``: text is accepted as well as a number.
    """

    type: type
    description: str | None = None
    many: bool = False
    optional: bool = True
    ge: Decimal | int | None = None
    le: Decimal | int | None = None
    bounded: bool = False
    ge_after_bound: bool = False
    text_too: bool = False


@frozen
class FieldInfo:
    """One field of a record class as the rest of jixiao sees it."""

    name: str
    spec: Spec
    default: Any  # dataclasses.MISSING when the field has a factory or is required
    factory: Callable[[], Any] | None

    @property
    def description(self) -> str | None:
        return self.spec.description

    @property
    def required(self) -> bool:
        return self.default is dataclasses.MISSING and self.factory is None

    def default_value(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def value(
    type_: type,
    description: str | None = None,
    *,
    required: bool = False,
    default: Any = None,
    ge: Decimal | int | None = None,
    le: Decimal | int | None = None,
    bounded: bool = False,
    ge_after_bound: bool = False,
    text_too: bool = False,
) -> Any:
    """A scalar field: optional (default ``default``, None unless given) or ``required`` (never None)."""
    spec = Spec(type_, description, optional=not required and default is None, ge=ge, le=le, bounded=bounded,
                ge_after_bound=ge_after_bound, text_too=text_too)
    if required:
        return dataclasses.field(metadata={SPEC: spec})
    return dataclasses.field(default=default, metadata={SPEC: spec})


def part(cls: type, description: str | None = None) -> Any:
    """A nested record, its empty instance when not given."""
    return dataclasses.field(default_factory=cls, metadata={SPEC: Spec(cls, description, optional=False)})


def many(cls: type, description: str | None = None) -> Any:
    """A list of values or records, empty when not given."""
    return dataclasses.field(default_factory=list, metadata={SPEC: Spec(cls, description, many=True, optional=False)})


def is_record(obj: object) -> bool:
    """Whether ``obj`` is a record instance or class."""
    return bool(fields_of(obj if isinstance(obj, type) else type(obj)))


_FIELDS: dict[type, dict[str, FieldInfo]] = {}


def fields_of(cls: type) -> dict[str, FieldInfo]:
    """The fields of a record class in declaration order (empty for anything else)."""
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = _fields(cls)
    return known


def _fields(cls: type) -> dict[str, FieldInfo]:
    out: dict[str, FieldInfo] = {}
    for f in dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ():
        spec = f.metadata.get(SPEC)
        if spec is None:
            return {}
        factory = None if f.default_factory is dataclasses.MISSING else f.default_factory
        out[f.name] = FieldInfo(f.name, spec, f.default, factory)
    return out


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of a record with some fields changed (not re-validated: give values of the declared types)."""
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


def dump(obj: Any, *, mode: Literal["python", "json"] = "python", exclude_defaults: bool = False) -> Any:
    """A record as plain data: dicts in field order, lists; ``mode="json"``: Decimals as their text, dates in
    ISO form, enums as their values. ``exclude_defaults``: leave out fields equal to their default."""
    json = mode == "json"
    return _dump(obj, json, exclude_defaults)


def _dump(obj: Any, json: bool, exclude_defaults: bool) -> Any:
    if isinstance(obj, list | tuple):
        return [_dump(v, json, exclude_defaults) for v in obj]
    fields = fields_of(type(obj)) if hasattr(obj, "__dataclass_fields__") else None
    if fields:
        out: dict[str, Any] = {}
        for name, info in fields.items():
            v = getattr(obj, name)
            if exclude_defaults and not info.required and v == info.default_value():
                continue
            out[name] = _dump(v, json, exclude_defaults)
        return out
    if not json:
        return obj
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
