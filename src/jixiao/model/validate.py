"""Plain data (YAML, JSON, a workbook's cells, a stored revision) into records, by their field specs.

Every problem becomes an error record ``{"type", "loc", "input", "ctx", "msg"}``; :func:`describe_error`
phrases it in Chinese and :func:`validation_findings` locates it. The accepted inputs are the usual lax
ones: numbers from text (``" 1_000.50 "``), whole numbers from ``2.0``, yes/no from ``true``/``1``/``yes``,
dates from ``2023-03-17``; a bool is never a number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol, TypeVar

from jixiao.convert import MESSAGES, NUMBER_SYNTAX_ZH, Problem, to_bool, to_decimal, to_int, to_text
from jixiao.findings import Finding, Location, Severity
from jixiao.model.records import FieldInfo, Spec, fields_of
from jixiao.safeio.numbers import number_problem
from jixiao.yamlio import Key, dotted, line_for

T = TypeVar("T")

Error = dict[str, Any]
Loc = tuple[str | int, ...]

_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知字段（请检查拼写）",
    "decimal_parsing": "应为数字",
    "number_syntax": NUMBER_SYNTAX_ZH,
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
    "number_or_text": "应为数字或文字",
}

def describe_error(err: Any) -> str:
    """A Chinese sentence for one error record (ours, or a pydantic error of the framework files)."""
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


class HasErrors(Protocol):
    def errors(self) -> Any: ...


class InvalidData(ValueError):
    """Data that does not make a record; ``errors()`` lists every problem (as pydantic's ``ValidationError``)."""

    def __init__(self, errors: list[Error]) -> None:
        self._errors = errors
        super().__init__("；".join(f"{dotted(e['loc']) or '（整体）'}：{describe_error(e)}" for e in errors))

    def errors(self) -> list[Error]:
        return self._errors

    def error_count(self) -> int:
        return len(self._errors)


def validation_findings(exc: HasErrors, *, file: str | None, lines: dict[Key, int], code: str) -> list[Finding]:
    """One located finding per error of ``exc`` (an :class:`InvalidData` or a pydantic ``ValidationError``)."""
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


def parse(cls: type[T], data: Any) -> T:
    """The record of class ``cls`` that ``data`` (a mapping, or already such a record) describes; raises
    :class:`InvalidData` naming every problem."""
    errors: list[Error] = []
    out = _record(cls)(data, (), errors)
    if errors:
        raise InvalidData(errors)
    return out  # type: ignore[no-any-return]


# --- converters: (input, location, errors) -> value, or _BAD after appending an error ---------------------

_BAD: Any = object()
Convert = Callable[[Any, Loc, list[Error]], Any]


def _error(errors: list[Error], kind: str, loc: Loc, found: Any, ctx: dict[str, Any] | None = None,
           msg: str | None = None) -> Any:
    err: Error = {"type": kind, "loc": loc, "msg": msg if msg is not None else MESSAGES.get(kind, kind), "input": found}
    if ctx is not None:
        err["ctx"] = ctx
    errors.append(err)
    return _BAD


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_EPOCH = date(1970, 1, 1)


def _from_timestamp(seconds: Any) -> date:  # int, float or Decimal
    if abs(seconds) > 20_000_000_000:  # milliseconds, as a timestamp that large would be
        seconds = seconds / 1000
    if abs(seconds) > 250_000_000_000:
        raise Problem("date_from_datetime_parsing", {"error": "date is out of range"})
    if isinstance(seconds, float):
        seconds = round(seconds, 6)  # microseconds, as a datetime holds them
    if seconds % 86400:
        raise Problem("date_from_datetime_inexact")
    try:
        return _EPOCH + timedelta(days=int(seconds // 86400))
    except OverflowError:
        raise Problem("date_from_datetime_parsing", {"error": "date is out of range"}) from None


def _to_date(v: Any) -> date:
    if isinstance(v, datetime):
        if v.time() != datetime.min.time() or (v.tzinfo is not None and v.utcoffset()):
            raise Problem("date_from_datetime_inexact")
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, bool):
        raise Problem("date_type")
    if isinstance(v, int | float | Decimal):
        if not isinstance(v, int) and not math.isfinite(v):
            raise Problem("date_from_datetime_parsing", {"error": "invalid number"})
        return _from_timestamp(v)
    if isinstance(v, bytes | bytearray):
        v = bytes(v).decode(errors="replace")
    if isinstance(v, str):
        if _ISO_DATE.fullmatch(v):
            try:
                return date.fromisoformat(v)
            except ValueError:
                raise Problem("date_from_datetime_parsing", {"error": "invalid date"}) from None
        if _NUMBER.fullmatch(v):
            return _from_timestamp(float(v) if "." in v else int(v))
        try:
            moment = datetime.fromisoformat(v) if len(v) > 10 and v[10] in "T t" else None
        except ValueError:
            moment = None
        if moment is None:
            raise Problem("date_from_datetime_parsing", {"error": "input is not a valid date"})
        return _to_date(moment)
    raise Problem("date_type")


_SCALARS: dict[type, Callable[[Any], Any]] = {
    Decimal: to_decimal,
    int: to_int,
    bool: to_bool,
    date: _to_date,
    str: to_text,
}


def _enum_of(cls: type[Enum]) -> Callable[[Any], Any]:
    values = [repr(m.value) for m in cls]
    expected = values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"

    def to_enum(v: Any) -> Any:
        try:
            return cls(v)
        except (ValueError, TypeError):
            raise Problem("enum", {"expected": expected}) from None

    return to_enum


def _scalar(spec: Spec) -> Convert:
    convert = _enum_of(spec.type) if issubclass(spec.type, Enum) else _SCALARS[spec.type]
    ge, le, bounded, ge_late, optional = spec.ge, spec.le, spec.bounded, spec.ge_after_bound, spec.optional
    exact: type | None = spec.type if spec.type in (Decimal, int, str, date) else None  # taken as it is

    def checked(v: Any, loc: Loc, errors: list[Error]) -> Any:
        if v is None and optional:
            return None
        out: Any
        kind = type(v)
        if kind is exact and (kind is not Decimal or v.is_finite()):
            out = v
        else:
            try:
                out = convert(v)
            except Problem as p:
                return _error(errors, p.kind, loc, v, p.ctx, p.msg)
        if ge is not None and not ge_late and out < ge:
            return _error(errors, "greater_than_equal", loc, v, {"ge": ge}, f"Input should be greater than or equal to {ge}")
        if bounded:
            problem = number_problem(out)
            if problem is not None:
                return _error(errors, "number_limit", loc, v, None, problem.replace("{", "(").replace("}", ")"))
        if ge is not None and ge_late and out < ge:
            return _error(errors, "greater_than_equal", loc, v, {"ge": ge}, f"Input should be greater than or equal to {ge}")
        if le is not None and out > le:
            return _error(errors, "less_than_equal", loc, v, {"le": le}, f"Input should be less than or equal to {le}")
        return out

    if spec.text_too:
        def number_or_text(v: Any, loc: Loc, errors: list[Error]) -> Any:
            if isinstance(v, str | bytes | bytearray):
                return _text_or_problem(v, loc, errors)
            mine: list[Error] = []
            out = checked(v, loc, mine)
            if out is _BAD:
                if mine[0]["type"] == "number_limit":
                    errors.extend(mine)
                else:
                    _error(errors, "number_or_text", loc, v, None, "Input should be a number or text")
            return out

        return number_or_text
    return checked


def _text_or_problem(v: Any, loc: Loc, errors: list[Error]) -> Any:
    try:
        return to_text(v)
    except Problem as p:
        return _error(errors, p.kind, loc, v, p.ctx, p.msg)


def _optional(convert: Convert) -> Convert:
    def optional(v: Any, loc: Loc, errors: list[Error]) -> Any:
        return None if v is None else convert(v, loc, errors)

    return optional


def _many(convert: Convert) -> Convert:
    def listed(v: Any, loc: Loc, errors: list[Error]) -> Any:
        if not isinstance(v, list | tuple | set | frozenset):
            return _error(errors, "list_type", loc, v, None, "Input should be a valid list")
        before = len(errors)
        out = [convert(item, (*loc, i), errors) for i, item in enumerate(v)]
        return _BAD if len(errors) > before else out

    return listed


def _converter(spec: Spec) -> Convert:
    if fields_of(spec.type):
        one = _record(spec.type)
        return _many(one) if spec.many else _optional(one) if spec.optional else one
    if spec.many:
        return _many(_scalar(Spec(spec.type, spec.description, optional=False)))
    return _scalar(spec)


_RECORDS: dict[type, Convert] = {}


def _record(cls: type) -> Convert:
    """The converter of a record class (built once per class, on first use)."""
    known = _RECORDS.get(cls)
    if known is not None:
        return known
    fields: dict[str, FieldInfo] = fields_of(cls)
    converters: dict[str, Convert] = {}
    required: set[str] = set()
    nullable: set[str] = set()  # None is the value
    texts: set[str] = set()  # a str is the value
    ctx = {"class_name": cls.__name__}
    msg = f"Input should be a valid dictionary or instance of {cls.__name__}"

    def convert(v: Any, loc: Loc, errors: list[Error]) -> Any:
        if isinstance(v, cls):
            return v
        if not isinstance(v, dict):
            return _error(errors, "model_type", loc, v, ctx, msg)
        before = len(errors)
        values: dict[str, Any] = {}
        for key, item in v.items():  # the common case first: known fields, no problem
            if (item is None and key in nullable) or (type(item) is str and key in texts):
                values[key] = item
                continue
            known = converters.get(key) if isinstance(key, str) else None
            if known is None:
                break
            values[key] = known(item, (*loc, key), errors)
        else:
            if len(errors) == before and required.issubset(values):
                return cls(**values)
        del errors[before:]  # again, in the order the problems are reported: fields, then unknown keys
        for name in fields:
            if name in v:
                converters[name](v[name], (*loc, name), errors)
            elif name in required:
                _error(errors, "missing", (*loc, name), v, None, "Field required")
        for key in v:
            if not isinstance(key, str):
                _error(errors, "invalid_key", (*loc, key), key)
            elif key not in fields:
                _error(errors, "extra_forbidden", (*loc, key), v[key], None, "Extra inputs are not permitted")
        return _BAD

    _RECORDS[cls] = convert  # before the fields: a record may (indirectly) hold its own class
    for name, info in fields.items():
        converters[name] = _converter(info.spec)
        if info.required:
            required.add(name)
        if info.spec.optional and not info.spec.many:
            nullable.add(name)
        if info.spec.type is str and not info.spec.many:
            texts.add(name)
    return convert

