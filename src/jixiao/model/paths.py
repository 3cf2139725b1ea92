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
