"""Loading frameworks from files or from the bundled set, with located findings."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.findings import Finding, InputError, Location, Severity
from jixiao.frameworks.read import Error, read_framework
from jixiao.frameworks.schema import Framework
from jixiao.frameworks.validate import validate_framework
from jixiao.yamlio import Key, SourceError, dotted, line_for, loads_yaml, read_source


class FrameworkNotFound(Exception):
    pass


def _from_data(data: Any, file: str | None, lines: dict[Key, int]) -> tuple[Framework | None, list[Finding]]:
    if not isinstance(data, dict):
        return None, [Finding("framework.invalid", Severity.ERROR, "框架文件应为一组字段（id、name、indicators 等）", Location(file=file))]
    fw, errors = read_framework(data)
    if fw is None:
        return None, _findings(errors, file, lines)
    return fw, validate_framework(fw, file=file, lines=lines)


def _findings(errors: list[Error], file: str | None, lines: dict[Key, int]) -> list[Finding]:
    """Each read error as a located finding, in the words the department file's errors use."""
    from jixiao.model.load import describe_error  # only for a file with errors

    return [Finding("framework.invalid", Severity.ERROR, describe_error(err),
                    Location(file=file, line=line_for(lines, err["loc"]), path=dotted(err["loc"]) or None))
            for err in errors]


def load_framework_text(text: str, file: str | None = None) -> tuple[Framework | None, list[Finding]]:
    try:
        data, lines = loads_yaml(text)
    except SourceError as exc:
        return None, [Finding("framework.unreadable", Severity.ERROR, exc.message, Location(file=file, line=exc.line))]
    return _from_data(data, file, lines)


def load_framework(path: Path) -> tuple[Framework | None, list[Finding]]:
    try:
        data, lines = read_source(path)
    except SourceError as exc:
        return None, [Finding("framework.unreadable", Severity.ERROR, exc.message, Location(file=str(path), line=exc.line))]
    return _from_data(data, str(path), lines)


def _data_dir() -> Path:
    """The bundled framework files, beside this module (not importlib.resources: a package is installed as
    files, and that module with its tempfile and zip support is ~6 ms of every command's start-up)."""
    return Path(__file__).with_name("data")


@lru_cache(maxsize=1)
def _bundled_index() -> dict[str, str]:
    """Framework id -> file name of every bundled framework."""
    index: dict[str, str] = {}
    for entry in sorted(_data_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            index[entry.name.removesuffix(".yaml")] = entry.name
    return index


def bundled_ids() -> list[str]:
    return list(_bundled_index())


@lru_cache(maxsize=32)
def _load_bundled(name: str) -> Framework:
    entry = _data_dir() / _bundled_index()[name]
    fw, findings = load_framework_text(entry.read_text(encoding="utf-8"), file=f"jixiao/frameworks/data/{entry.name}")
    if fw is None or any(f.severity is Severity.ERROR for f in findings):
        raise InputError(findings)
    return fw


def get_framework(ref: str) -> Framework:
    """A bundled framework by id, or a framework file by path; raises on any error."""
    if ref in _bundled_index():
        return _load_bundled(ref)
    path = Path(ref)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} and path.exists():
        fw, findings = load_framework(path)
        if fw is None or any(f.severity is Severity.ERROR for f in findings):
            raise InputError(findings)
        return fw
    known = "、".join(bundled_ids())
    raise FrameworkNotFound(f"找不到评价框架「{ref}」。内置框架有：{known}；也可以给出框架文件路径（.yaml）")
