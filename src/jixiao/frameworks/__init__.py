"""Scoring frameworks as data: schema, loading with line numbers, validation, bundled set."""

from jixiao.frameworks.load import (
    FrameworkNotFound,
    bundled_ids,
    get_framework,
    load_framework,
    load_framework_text,
)
from jixiao.frameworks.schema import Framework, GradeBand, Indicator

__all__ = [
    "Framework",
    "FrameworkNotFound",
    "GradeBand",
    "Indicator",
    "bundled_ids",
    "get_framework",
    "load_framework",
    "load_framework_text",
]
