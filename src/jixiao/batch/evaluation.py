"""The evaluation task of a batch: one department's data file (as bytes) in, its scores and package out.

:func:`evaluate_input` runs on a worker. It reads the file with the intake reader (the same reader,
limits and messages as ``jixiao evaluate FILE``), evaluates it under its framework and, when asked,
renders the report package — every file as bytes, so nothing depends on a shared file system. A
file that cannot be used comes back as a failure with its reasons; nothing here raises on bad input.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.batch.runner import Input
from jixiao.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from jixiao.engine.result import EvaluationResult
    from jixiao.frameworks.schema import Framework
    from jixiao.model import DepartmentYear

DEFAULT_FRAMEWORK = "national-2013"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
MAX_FOLDER_CHARS = 80


@dataclass(frozen=True)
class EvaluateOptions:
    """What every input of the batch gets: a framework given on the command line (resolved by the
    client, so workers need not see the file) and the package formats (empty: scores only)."""

    framework: Framework | None = None
    formats: tuple[str, ...] = ()
    keep_model: bool = False  # send the parsed data back (the client stores it)
    style: str | None = None  # the report family (default: the framework's)


@dataclass(frozen=True)
class Score:
    name: str
    score: Decimal | None
    weight: Decimal


@dataclass(frozen=True)
class Evaluated:
    """One input's outcome; ``ok`` False means ``reasons`` say why it could not be evaluated."""

    name: str
    ok: bool
    reasons: tuple[str, ...] = ()
    department: str | None = None
    year: int | None = None
    framework_id: str | None = None
    framework_name: str | None = None
    total: Decimal | None = None
    max_total: Decimal | None = None
    grade: str | None = None
    missing: int = 0
    scores: tuple[Score, ...] = ()  # first-level indicators
    warnings: tuple[str, ...] = ()  # data checks worth a look (not errors)
    notes: tuple[str, ...] = ()  # what the report could not include, and what would strengthen it
    files: tuple[tuple[str, bytes], ...] = ()  # the package, file name → content
    model: DepartmentYear | None = field(default=None, compare=False)

    @property
    def folder(self) -> str:
        """The package's folder: department and year, safe as a file name on every system."""
        base = _UNSAFE.sub("_", f"{self.department or Path(self.name).stem}-{self.year or '未知年度'}").strip(" ._")
        return base[:MAX_FOLDER_CHARS] or "未命名"


def failed(item: Input, reason: str) -> Evaluated:
    return Evaluated(item.name, False, (reason,))


def evaluate_input(item: Input, options: EvaluateOptions) -> Evaluated:
    """Read, evaluate and (with ``options.formats``) render one input. Runs on a worker."""
    from jixiao.engine.evaluate import evaluate

    dy, findings = _read(item)
    if dy is None or any(f.severity is Severity.ERROR for f in findings):
        return Evaluated(item.name, False, _reasons(findings) or ("无法读取数据",))
    fw, problem = _framework(dy, options)
    if fw is None:
        return Evaluated(item.name, False, (problem,))
    result = evaluate(dy, fw)
    files: tuple[tuple[str, bytes], ...] = ()
    notes: tuple[str, ...] = ()
    if options.formats:
        files, notes = _package(dy, result, fw, options.formats, options.style)
    return _outcome(item, dy, result, findings, files, notes, options.keep_model)


def _read(item: Input) -> tuple[DepartmentYear | None, list[Finding]]:
    """The intake reader (its limits, guards and messages); findings name the original. A YAML or JSON file
    is read from its bytes, a workbook from a private copy on disk."""
    from jixiao.intake.files import read_department
    from jixiao.model.load import SOURCE_SUFFIXES, department_from_bytes

    if Path(item.name).suffix.lower() in SOURCE_SUFFIXES:
        return department_from_bytes(item.data, item.name)
    with scratch_file(item) as path:
        dy, findings = read_department(path)
    return dy, [_renamed(f, str(path), item.name) for f in findings]


@contextmanager
def scratch_file(item: Input) -> Iterator[Path]:
    """``item``'s bytes as a file with its suffix, in this process's own folder (made once: a folder
    per input costs more than reading a small data file), removed afterwards."""
    path = _scratch() / f"{uuid.uuid4().hex}{Path(item.name).suffix.lower()}"
    path.write_bytes(item.data)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


SHARED_MEMORY = Path("/dev/shm")  # a RAM-backed folder on Linux: half the cost of a scratch file on disk


@functools.cache
def _folder_of(pid: int) -> Path:
    fast = SHARED_MEMORY.is_dir() and os.access(SHARED_MEMORY, os.W_OK | os.X_OK)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-batch-", dir=SHARED_MEMORY if fast else None))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _scratch() -> Path:
    return _folder_of(os.getpid())  # a forked pool process makes its own


def _renamed(f: Finding, old: str, new: str) -> Finding:
    if f.location.file != old:
        return f
    loc = f.location
    return Finding(f.code, f.severity, f.message, Location(new, loc.sheet, loc.cell, loc.line, loc.path))


def _framework(dy: DepartmentYear, options: EvaluateOptions) -> tuple[Framework | None, str]:
    from jixiao.findings import InputError
    from jixiao.frameworks import FrameworkNotFound, get_framework

    if options.framework is not None:
        return options.framework, ""
    try:
        return get_framework(dy.framework or DEFAULT_FRAMEWORK), ""
    except FrameworkNotFound as exc:
        return None, str(exc)
    except InputError as exc:
        return None, "；".join(f.render() for f in exc.findings)


def _package(dy: DepartmentYear, result: EvaluationResult, fw: Framework, formats: tuple[str, ...],
             style: str | None) -> tuple[tuple[tuple[str, bytes], ...], tuple[str, ...]]:
    from jixiao.report.package import write_package

    folder = _scratch() / uuid.uuid4().hex
    try:
        written = write_package(dy, result, fw, folder, [f for f in formats if f != "pdf"], pdf="pdf" in formats,
                                style=style)
        files = tuple((p.name, p.read_bytes()) for p in sorted(written.files, key=lambda p: p.name))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return files, tuple(written.notes)


def _outcome(item: Input, dy: DepartmentYear, result: EvaluationResult, findings: list[Finding],
             files: tuple[tuple[str, bytes], ...], notes: tuple[str, ...], keep_model: bool) -> Evaluated:
    checks = [f for f in (*findings, *result.findings)
              if f.severity is Severity.WARNING and f.code != "evaluate.missing"]
    return Evaluated(
        name=item.name, ok=True, department=result.department, year=result.year,
        framework_id=result.framework_id, framework_name=result.framework_name,
        total=result.total, max_total=result.max_total, grade=result.grade, missing=result.missing_count,
        scores=tuple(Score(t.name, t.score, t.weight) for t in result.indicators),
        warnings=tuple(dict.fromkeys(f.render() for f in checks)), notes=notes, files=files,
        model=dy if keep_model else None,
    )


def _reasons(findings: list[Finding]) -> tuple[str, ...]:
    return tuple(f.render() for f in findings if f.severity is Severity.ERROR)
