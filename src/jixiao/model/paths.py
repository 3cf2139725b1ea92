"""Dotted field paths into the model (``expenditure.basic``), used by user formulas and findings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def get_path(obj: Any, path: str) -> Any:
    """Return the value at a dotted path, or raise ``KeyError`` naming the bad segment."""
    current = obj
    for segment in path.split("."):
        if not isinstance(current, BaseModel) or segment not in type(current).model_fields:
            raise KeyError(segment)
        current = getattr(current, segment)
    return current


def describe_path(path: str) -> tuple[str, str]:
    """The Chinese label and unit of a numeric field, from its description: ("年末结转结余", "万元").

    Falls back to the path itself when the field has no description.
    """
    from jixiao.model.department import DepartmentYear

    cls: Any = DepartmentYear
    description = None
    for segment in path.split("."):
        fields = getattr(cls, "model_fields", None)
        if fields is None or segment not in fields:
            return path, ""
        info = fields[segment]
        description = info.description
        cls = _model_of(info.annotation)
    if not description:
        return path, ""
    for left, right in (("（", "）"), ("(", ")")):
        if description.endswith(right) and left in description:
            label, _, unit = description[: -len(right)].rpartition(left)
            return label, unit
    return description, ""


def _model_of(annotation: Any) -> Any:
    """The pydantic model class inside an annotation such as ``Budget`` or ``Budget | None``."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
