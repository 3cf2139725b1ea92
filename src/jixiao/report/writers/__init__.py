"""The output formats, one module each: ``jixiao.report.writers.<format>`` with one function

    write(package: Package) -> dict[str, bytes]    # file name → content

The format is the module's name; adding a format is adding a module here. Modules are
imported only when their format is written, so listing the formats costs nothing.
Writers only lay out what the content model (:mod:`jixiao.report.content`) and the
evaluation hold; they compute no figure of their own.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

from jixiao.engine.result import EvaluationResult
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.report.model import Report

OPTIONAL = frozenset({"pdf"})  # written only when asked for (needs LibreOffice)


class Unavailable(Exception):
    """A format that cannot be written on this machine; the message says why, in Chinese."""


@dataclass
class Package:
    """What every writer may use. ``charts`` renders the charts once, on first use, and returns their files."""

    department: DepartmentYear
    result: EvaluationResult
    framework: Framework
    report: Report
    charts: Callable[[], dict[str, Path]]
    _written: dict[str, dict[str, bytes]] = field(default_factory=dict, repr=False)

    @property
    def when(self) -> date:
        return self.report.doc_date

    def output(self, fmt: str) -> dict[str, bytes]:
        """The files of another format (the PDF is converted from the .docx), written once."""
        if fmt not in self._written:
            self._written[fmt] = _module(fmt).write(self)
        return self._written[fmt]


class Writer(Protocol):
    def write(self, package: Package) -> dict[str, bytes]: ...


@cache
def formats() -> tuple[str, ...]:
    """Every format, in a fixed order: the report first, then the sheets, the rest by name."""
    import jixiao.report.writers as here

    names = sorted(m.name for m in pkgutil.iter_modules(here.__path__) if not m.name.startswith("_"))
    first = [f for f in ("docx", "xlsx", "md", "png", "json") if f in names]
    return (*first, *[f for f in names if f not in first])


def default_formats() -> tuple[str, ...]:
    return tuple(f for f in formats() if f not in OPTIONAL)


def _module(fmt: str) -> Writer:
    if fmt not in formats():
        raise KeyError(fmt)
    module: Writer = importlib.import_module(f"jixiao.report.writers.{fmt}")
    return module


def write(fmt: str, package: Package) -> dict[str, bytes]:
    return package.output(fmt)
