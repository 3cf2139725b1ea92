"""Plain data (a parsed framework file) into the framework's values, every problem an error record.

Each field is read by a small function: text, number, whole number, yes/no, one of a few words,
a list, a mapping of words, a record of fields, or a scoring rule chosen by its ``kind``. A reader
returns the value, or records why it cannot (and returns :data:`BAD`) and goes on, so one pass
names every problem of a file. The records keep the shape and the rules the file format had when
it was read by pydantic (``type``, ``loc``, ``msg``, ``input``, ``ctx``; lax numbers and yes/no;
fields in declaration order, then unknown fields), so :func:`jixiao.model.load.describe_error`
turns them into the same Chinese sentences, and :mod:`jixiao.frameworks.load` locates them in the file.
Numbers, whole numbers, yes/no and text are converted by :mod:`jixiao.convert`, as the department model's
fields are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields
from decimal import Decimal
from typing import Any, Final

from jixiao.convert import MESSAGES, Problem, to_bool, to_decimal, to_int, to_text
from jixiao.frameworks.rules import (
    RULE_KINDS,
    Band,
    ChecklistItem,
    GroupWeight,
    Tier,
)
from jixiao.frameworks.schema import ID_PATTERN, Framework, GradeBand, Indicator
from jixiao.yamlio import Key

Error = dict[str, Any]
"""One problem: ``type`` (a pydantic error type name), ``loc`` (the key path), ``msg``, ``input``, ``ctx``."""

Reader = Callable[[Any, Key, list[Error]], Any]
"""Reads one value at a key path; returns it, or appends its errors and returns :data:`BAD`."""

BAD: Final = object()


def _error(errors: list[Error], kind: str, loc: Key, value: Any, msg: str, ctx: dict[str, Any] | None = None) -> Any:
    errors.append({"type": kind, "loc": loc, "msg": msg, "input": value, **({"ctx": ctx} if ctx else {})})
    return BAD


def _converted(convert: Callable[[Any], Any], value: Any, loc: Key, errors: list[Error]) -> Any:
    """``convert(value)`` (one of :mod:`jixiao.convert`, shared with the department model), or its problem."""
    try:
        return convert(value)
    except Problem as p:
        return _error(errors, p.kind, loc, value, p.msg, p.ctx)


def _as_text(value: Any, loc: Key, errors: list[Error]) -> Any:
    return _converted(to_text, value, loc, errors)


def text(pattern: str | None = None) -> Reader:
    whole = None if pattern is None else re.compile(pattern.removeprefix("^").removesuffix("$"))

    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        out = _as_text(value, loc, errors)
        if out is not BAD and whole is not None and not whole.fullmatch(out):
            return _error(errors, "string_pattern_mismatch", loc, value, f"String should match pattern '{pattern}'",
                          {"pattern": pattern})
        return out

    return read


def _bounded(value: Any, number: Any, loc: Key, errors: list[Error],
             gt: int | None, ge: int | None, le: int | None, kind: Callable[[int], Any]) -> Any:
    if gt is not None and not number > gt:
        return _error(errors, "greater_than", loc, value, f"Input should be greater than {gt}", {"gt": kind(gt)})
    if ge is not None and not number >= ge:
        return _error(errors, "greater_than_equal", loc, value, f"Input should be greater than or equal to {ge}",
                      {"ge": kind(ge)})
    if le is not None and not number <= le:
        return _error(errors, "less_than_equal", loc, value, f"Input should be less than or equal to {le}",
                      {"le": kind(le)})
    return number


def number(*, gt: int | None = None, ge: int | None = None, le: int | None = None) -> Reader:
    """A finite Decimal from a number or its text (:func:`jixiao.convert.to_decimal`), within the bounds."""

    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        out = _converted(to_decimal, value, loc, errors)
        return out if out is BAD else _bounded(value, out, loc, errors, gt, ge, le, Decimal)

    return read


def whole_number(*, ge: int | None = None, le: int | None = None) -> Reader:
    """An int from a whole number or its text (:func:`jixiao.convert.to_int`), within the bounds."""

    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        out = _converted(to_int, value, loc, errors)
        return out if out is BAD else _bounded(value, out, loc, errors, None, ge, le, int)

    return read


def yes_no(value: Any, loc: Key, errors: list[Error]) -> Any:
    """A bool from yes/no words or 0/1 (:func:`jixiao.convert.to_bool`)."""
    return _converted(to_bool, value, loc, errors)


def one_of(*words: str) -> Reader:
    expected = " or ".join(filter(None, (", ".join(map(repr, words[:-1])), repr(words[-1]))))

    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        if isinstance(value, str) and value in words:
            return value
        return _error(errors, "literal_error", loc, value, f"Input should be {expected}", {"expected": expected})

    return read


def optional(inner: Reader) -> Reader:
    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        return None if value is None else inner(value, loc, errors)

    return read


def list_of(item: Reader, *, min_length: int = 0) -> Reader:
    """A tuple of items from a list (or tuple or set); ``min_length`` items at least."""

    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            return _error(errors, "list_type", loc, value, "Input should be a valid list")
        before = len(errors)
        out = tuple(item(v, (*loc, i), errors) for i, v in enumerate(value))
        if len(errors) > before:
            return BAD
        if len(out) < min_length:
            return _error(errors, "too_short", loc, value,
                          f"List should have at least {min_length} item after validation, not {len(out)}",
                          {"field_type": "List", "min_length": min_length, "actual_length": len(out)})
        return out

    return read


def text_mapping(value: Any, loc: Key, errors: list[Error]) -> Any:
    """A mapping of text to text."""
    if not isinstance(value, dict):
        return _error(errors, "dict_type", loc, value, "Input should be a valid dictionary")
    before = len(errors)
    out = {}
    for k, v in value.items():
        key = _as_text(k, (*loc, k, "[key]"), errors)
        item = _as_text(v, (*loc, k), errors)
        out[key] = item
    return BAD if len(errors) > before else out


def record(cls: type, readers: Mapping[str, Reader]) -> Reader:
    """One of the framework's dataclasses from a mapping: its fields in declaration order (those
    without a default are required), then every unknown key."""
    declared = [(f.name, f.default is MISSING and f.default_factory is MISSING) for f in fields(cls)]
    assert [n for n, _ in declared] == list(readers), f"{cls.__name__}: a reader for each field, in order"
    name = cls.__name__

    def read(value: Any, loc: Key, errors: list[Error]) -> Any:
        if not isinstance(value, dict):
            return _error(errors, "model_type", loc, value, f"Input should be a valid dictionary or instance of {name}",
                          {"class_name": name})
        before = len(errors)
        given = {}
        for field_name, required in declared:
            if field_name in value:
                given[field_name] = readers[field_name](value[field_name], (*loc, field_name), errors)
            elif required:
                _error(errors, "missing", (*loc, field_name), value, "Field required")
        for k, v in value.items():
            if not isinstance(k, str):
                _error(errors, "invalid_key", (*loc, k), k, MESSAGES["invalid_key"])
            elif k not in readers:
                _error(errors, "extra_forbidden", (*loc, k), v, "Extra inputs are not permitted")
        return BAD if len(errors) > before else cls(**given)

    return read


_BAND = record(Band, {"min": optional(number()), "max": optional(number()), "min_inclusive": yes_no,
                      "max_inclusive": yes_no, "score": number()})
_GROUP = record(GroupWeight, {"name": text(), "weight": number(gt=0), "aliases": list_of(text())})
_RULE_READERS: dict[str, Reader] = {
    kind: record(RULE_KINDS[kind], {"kind": one_of(kind), **readers}) for kind, readers in {
        "threshold": {"op": one_of(">=", "<=", ">", "<", "=="), "target": number(),
                      "pass_score": optional(number()), "fail_score": number()},
        "linear": {"baseline": number(), "direction": one_of("above", "below"), "step": number(gt=0),
                   "deduct": number(gt=0), "steps": one_of("continuous", "started", "completed"), "floor": number()},
        "bands": {"bands": list_of(_BAND, min_length=1)},
        "proportional": {"target": number(gt=0), "orientation": one_of("positive", "negative"),
                         "zero_below": optional(number())},
        "checklist": {"items": list_of(record(ChecklistItem, {"key": text(), "name": text(),
                                                              "points": number(gt=0)}), min_length=1)},
        "per_incident": {"incident": optional(text()), "label": text(), "deduct": number(gt=0), "floor": number()},
        "manual": {"tiers": list_of(record(Tier, {"name": text(), "min": number(ge=0, le=1),
                                                  "max": number(ge=0, le=1)}))},
        "satisfaction": {"groups": optional(list_of(_GROUP)), "target": number(gt=0, le=100),
                         "bands": optional(list_of(_BAND))},
        "coefficient": {"scale": one_of("percent", "fraction")},
    }.items()
}
_EXPECTED_TAGS = ", ".join(repr(k) for k in _RULE_READERS)


def rule(value: Any, loc: Key, errors: list[Error]) -> Any:
    """A scoring rule, by its ``kind``; errors inside it are located under the kind's name (as before)."""
    if not isinstance(value, dict):
        if isinstance(value, Decimal):  # an object that might have had a ``kind`` attribute
            return _error(errors, "union_tag_not_found", loc, value, "Unable to extract tag using discriminator 'kind'",
                          {"discriminator": "'kind'"})
        return _error(errors, "model_attributes_type", loc, value,
                      "Input should be a valid dictionary or object to extract fields from")
    if "kind" not in value:
        return _error(errors, "union_tag_not_found", loc, value, "Unable to extract tag using discriminator 'kind'",
                      {"discriminator": "'kind'"})
    tag = value["kind"]
    read = _RULE_READERS.get(tag) if isinstance(tag, str) else None
    if read is None:
        return _error(errors, "union_tag_invalid", loc, value,
                      f"Input tag '{tag}' found using 'kind' does not match any of the expected tags: {_EXPECTED_TAGS}",
                      {"discriminator": "'kind'", "tag": str(tag), "expected_tags": _EXPECTED_TAGS})
    return read(value, (*loc, tag), errors)


def _indicator(value: Any, loc: Key, errors: list[Error]) -> Any:
    return _INDICATOR(value, loc, errors)


_INDICATOR = record(Indicator, {
    "id": text(ID_PATTERN), "name": text(), "weight": number(ge=0), "children": list_of(_indicator),
    "metric": optional(text()), "metric_args": text_mapping, "formula": optional(text()),
    "formula_text": optional(text()), "unit": text(), "rule": optional(rule),
    "expand": optional(one_of("key_tasks")), "if_not_applicable": one_of("full", "zero", "missing"),
    "explanation": optional(text()), "standard": optional(text()), "source": optional(text()),
})

_FRAMEWORK = record(Framework, {
    "id": text(ID_PATTERN), "name": text(), "issuer": optional(text()), "document": optional(text()),
    "region": optional(text()), "year": optional(whole_number()), "source": optional(text()),
    "template": yes_no, "notes": optional(text()), "total": number(), "score_places": whole_number(ge=0, le=4),
    "grades": list_of(record(GradeBand, {"grade": text(), "min": number(), "max": number(),
                                         "min_inclusive": yes_no, "max_inclusive": yes_no})),
    "indicators": list_of(_indicator, min_length=1),
})


def read_framework(data: Mapping[str, Any]) -> tuple[Framework | None, list[Error]]:
    """The framework a file's mapping describes, or ``None`` with every problem found."""
    errors: list[Error] = []
    fw = _FRAMEWORK(data, (), errors)
    return (None if fw is BAD else fw), errors
