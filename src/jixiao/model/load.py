"""Load a department-year from YAML or JSON; every problem becomes a located finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jixiao.findings import Finding, Location, Severity
from jixiao.model.department import DepartmentYear
from jixiao.model.invariants import check_invariants
from jixiao.yamlio import Key, SourceError, dotted, line_for, read_source, read_source_bytes

_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知字段（请检查拼写）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 是/否（true/false）",
    "date_parsing": "应为日期，如 2023-03-17",
    "date_from_datetime_parsing": "应为日期，如 2023-03-17",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "model_type": "应为一组字段（映射）",
    "dict_type": "应为一组字段（映射）",
}


def describe_error(err: Any) -> str:
    """A Chinese sentence for one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    found = err.get("input")
    if kind == "greater_than_equal":
        text = f"不能小于 {ctx.get('ge')}"
        if ctx.get("ge") in (0, "0"):
            text = "不能为负数"
    elif kind == "less_than_equal":
        text = f"不能大于 {ctx.get('le')}"
    elif kind == "greater_than":
        text = f"应大于 {ctx.get('gt')}"
    elif kind == "less_than":
        text = f"应小于 {ctx.get('lt')}"
    elif kind == "union_tag_invalid":
        return f"未知的类型「{ctx.get('tag')}」，应为以下之一：{ctx.get('expected_tags')}"
    elif kind == "union_tag_not_found":
        return f"缺少类型字段「{ctx.get('discriminator', 'kind').strip(chr(39))}」"
    elif kind == "number_limit":
        return str(err.get("msg", ""))
    elif kind == "string_pattern_mismatch":
        text = "只能包含字母、数字、下划线、点和连字符"
    elif kind in ("too_short", "too_long"):
        text = f"条目数不符合要求（{err.get('msg', '')}）"
    elif kind == "enum" or kind == "literal_error":
        text = f"应为以下之一：{ctx.get('expected')}"
    else:
        text = _MESSAGES.get(kind, f"取值不正确（{err.get('msg', '')}）")
    if kind != "missing" and found is not None and not isinstance(found, dict | list):
        text += f"，实际为「{found}」"
    return text


def validation_findings(
    exc: ValidationError, *, file: str | None, lines: dict[Key, int], code: str
) -> list[Finding]:
    findings = []
    for err in exc.errors():
        loc: Key = tuple(p for p in err["loc"] if isinstance(p, str | int))
        # Union members add their type name to the location; drop those segments.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p in {"decimal", "str"}))
        findings.append(
            Finding(
                code=code,
                severity=Severity.ERROR,
                message=describe_error(err),
                location=Location(file=file, line=line_for(lines, loc), path=dotted(loc) or None),
            )
        )
    return findings


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
        dy = DepartmentYear.model_validate(data)
    except ValidationError as exc:
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
