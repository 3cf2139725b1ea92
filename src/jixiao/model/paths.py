"""Dotted field paths into the model (``expenditure.basic``), used by user formulas and findings."""

from __future__ import annotations

import re
from typing import Any

from jixiao.model.records import fields_of


def get_path(obj: Any, path: str) -> Any:
    """Return the value at a dotted path, or raise ``KeyError`` naming the bad segment."""
    current = obj
    for segment in path.split("."):
        if segment not in fields_of(type(current)):
            raise KeyError(segment)
        current = getattr(current, segment)
    return current


UNITS = ("万元", "元", "%", "人", "次", "项", "份", "个", "件", "年")
_UNIT = re.compile(r"^(.*)（([^（）]*)）$")
_STEP = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[\d+\])?$")


def split_description(description: str | None, name: str) -> tuple[str, str]:
    """A field's label and unit from its description: "年初预算数（万元）" → ("年初预算数", "万元").

    The description is the one place a field's Chinese name is written; the engine's figures,
    the report, the 数据表 and the intake workbook all take the label from here.
    """
    if not description:
        return name, ""
    m = _UNIT.match(description)
    if m and m.group(2) in UNITS:
        return m.group(1), m.group(2)
    return description, ""


def describe_path(path: str) -> tuple[str, str]:
    """The label and unit of the field at a model path (``budget.initial``, ``surveys[0].rate``).

    Falls back to the path itself when there is no such field or it has no description.
    """
    from jixiao.model.department import DepartmentYear

    cls: type | None = DepartmentYear
    info = None
    for step in path.split("."):
        m = _STEP.match(step)
        fields = fields_of(cls) if cls is not None else {}
        if m is None or m.group(1) not in fields:
            return path, ""
        info = fields[m.group(1)]
        cls = info.spec.type
    if info is None or not info.description:
        return path, ""
    return split_description(info.description, path)
