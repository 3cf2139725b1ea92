"""Load a department-year from YAML or JSON; every problem becomes a located finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jixiao.findings import Finding, Location, Severity
from jixiao.model.department import DepartmentYear
from jixiao.model.invariants import check_invariants
from jixiao.model.validate import InvalidData, describe_error, parse, validation_findings
from jixiao.yamlio import Key, SourceError, line_for, read_source, read_source_bytes

__all__ = ["department_from_bytes", "department_from_data", "describe_error", "load_department",
           "parse_department", "validation_findings"]


def parse_department(data: Any) -> DepartmentYear:
    """The department-year ``data`` describes (a mapping, e.g. a stored revision); raises
    :class:`~jixiao.model.validate.InvalidData` naming every problem."""
    return parse(DepartmentYear, data)


def department_from_data(
    data: Any, *, file: str | None = None, lines: dict[Key, int] | None = None
) -> tuple[DepartmentYear | None, list[Finding]]:
    """Validate plain data into a model; return it with its invariant findings."""
    lines = lines or {}
    if not isinstance(data, dict):
        return None, [
            Finding(
                "model.not-a-mapping",
                Severity.ERROR,
                "文件内容应为一组字段（profile、budget、expenditure 等），而不是列表或单个值",
                Location(file=file),
            )
        ]
    try:
        dy = parse_department(data)
    except InvalidData as exc:
        return None, validation_findings(exc, file=file, lines=lines, code="model.invalid")
    return dy, [_with_file(f, file, lines) for f in check_invariants(dy)]


def _with_file(f: Finding, file: str | None, lines: dict[Key, int]) -> Finding:
    if file is None:
        return f
    key: Key = ()
    if f.location.path:
        key = _parse_dotted(f.location.path)
    loc = Location(file=file, line=line_for(lines, key) if key else None, path=f.location.path)
    return Finding(f.code, f.severity, f.message, loc)


def _parse_dotted(path: str) -> Key:
    out: list[str | int] = []
    for part in path.replace("]", "").split("."):
        name, _, index = part.partition("[")
        if name:
            out.append(name)
        if index:
            out.append(int(index))
    return tuple(out)


SOURCE_SUFFIXES = {".yaml", ".yml", ".json"}


def load_department(path: Path) -> tuple[DepartmentYear | None, list[Finding]]:
    """Load a .yaml/.yml/.json department-year file."""
    return _load(str(path), path.suffix, lambda: read_source(path, numbers=False))


def department_from_bytes(data: bytes, name: str) -> tuple[DepartmentYear | None, list[Finding]]:
    """:func:`load_department` for a file's content already in memory (a batch input), named ``name``."""
    return _load(name, Path(name).suffix, lambda: read_source_bytes(data, name, numbers=False))


def _load(file: str, suffix: str, read: Callable[[], tuple[Any, dict[Key, int]]]) -> tuple[DepartmentYear | None, list[Finding]]:
    if suffix.lower() not in SOURCE_SUFFIXES:
        return None, [
            Finding(
                "model.file-type",
                Severity.ERROR,
                f"不支持的文件类型「{suffix or '无扩展名'}」，应为 .yaml、.yml、.json 或 .xlsx",
                Location(file=file),
            )
        ]
    try:
        data, lines = read()  # numbers=False: the model bounds every number (once)
    except SourceError as exc:
        return None, [Finding("model.unreadable", Severity.ERROR, exc.message, Location(file=file, line=exc.line))]
    return department_from_data(data, file=file, lines=lines)
