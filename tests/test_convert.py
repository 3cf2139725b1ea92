"""The department model and the framework files convert numbers, whole numbers, yes/no and text alike
(:mod:`jixiao.convert`): the same value, or the same error record (kind, sentence, input), from both readers
for every value hypothesis draws, and the exact outcomes of the inputs each reader used to treat apart."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.frameworks import read
from jixiao.frozen import frozen
from jixiao.model.records import value
from jixiao.model.validate import InvalidData, describe_error, parse


@frozen(slots=True, kw_only=True)
class Probe:
    """One unbounded optional field of each converted type, as the department model declares its fields."""

    amount: Decimal | None = value(Decimal)
    count: int | None = value(int)
    flag: bool | None = value(bool)
    label: str | None = value(str)


FRAMEWORK_READERS = {"amount": read.optional(read.number()), "count": read.optional(read.whole_number()),
                     "flag": read.optional(read.yes_no), "label": read.optional(read.text())}


def through_model(field: str, given_value: Any) -> tuple[str, Any]:
    try:
        return "value", getattr(parse(Probe, {field: given_value}), field)
    except InvalidData as exc:
        (err,) = exc.errors()
        return "error", (err["type"], err["loc"], err["msg"], err["input"], err.get("ctx"))


def through_framework(field: str, given_value: Any) -> tuple[str, Any]:
    errors: list[dict[str, Any]] = []
    out = FRAMEWORK_READERS[field](given_value, (field,), errors)
    if errors:
        (err,) = errors
        return "error", (err["type"], err["loc"], err["msg"], err["input"], err.get("ctx"))
    return "value", out


def same_type_too(outcome: tuple[str, Any]) -> tuple[str, Any, type]:
    return (*outcome, type(outcome[1]))


numeric_text = st.text(alphabet="0123456789_.-+eE xyes", max_size=12)
values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2**62, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True),
    numeric_text, st.sampled_from(["yes", "No", "on", "OFF", "t", "1.0", "1_000", "1__0", " 7 ", "1.", "_5", "5_"]),
    st.text(max_size=6), st.binary(max_size=6), st.builds(bytearray, st.binary(max_size=4)),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


@settings(max_examples=400, deadline=None)
@given(given_value=values)
@pytest.mark.parametrize("field", list(FRAMEWORK_READERS))
def test_the_model_and_the_framework_files_convert_alike(field: str, given_value: Any) -> None:
    model, framework = through_model(field, given_value), through_framework(field, given_value)
    assert same_type_too(model) == same_type_too(framework)


@pytest.mark.parametrize(("field", "given_value", "expected"), [
    ("amount", " 1_000.50 ", Decimal("1000.50")),
    ("amount", "1__0", Decimal(10)),  # the framework files refused this before (Decimal() alone)
    ("amount", 0.1, Decimal("0.1")),
    ("count", "1__0", 10),  # the framework files refused these three before
    ("count", "12.", 12),
    ("count", b"42", 42),
    ("count", Decimal("1E+3"), 1000),
    ("count", True, 1),
    ("flag", "Off", False),
    ("flag", Decimal("1.0"), True),
    ("label", bytearray("中文".encode()), "中文"),  # the framework files refused a bytearray before
])
def test_converted_values(field: str, given_value: Any, expected: Any) -> None:
    assert through_model(field, given_value) == through_framework(field, given_value) == ("value", expected)


@pytest.mark.parametrize(("field", "given_value", "kind", "chinese"), [
    ("amount", True, "decimal_type", "应为数字，实际为「True」"),
    ("amount", "1.2.3", "decimal_parsing", "应为数字，实际为「1.2.3」"),
    ("amount", float("inf"), "finite_number", "取值不正确（Input should be a finite number），实际为「inf」"),
    ("count", 2.5, "int_from_float", "应为整数，实际为「2.5」"),
    # a float too large for a 64-bit integer: the framework files took it before
    ("count", 2.0**64, "int_parsing_size",
     "取值不正确（Unable to parse input string as an integer, exceeded maximum size），实际为「1.8446744073709552e+19」"),
    ("count", "9" * 5000, "int_parsing_size",
     "取值不正确（Unable to parse input string as an integer, exceeded maximum size），实际为「" + "9" * 5000 + "」"),
    ("count", [1], "int_type", "取值不正确（Input should be a valid integer）"),
    ("flag", 2, "bool_parsing", "应为 是/否（true/false），实际为「2」"),
    ("flag", 2**64, "bool_type",  # the framework files said bool_parsing before
     "取值不正确（Input should be a valid boolean），实际为「18446744073709551616」"),
    ("flag", Decimal("sNaN"), "bool_type",  # the model raised InvalidOperation comparing it with 0 before
     "取值不正确（Input should be a valid boolean），实际为「sNaN」"),
    ("label", b"\xff", "string_unicode",
     "取值不正确（Input should be a valid string, unable to parse raw data as a unicode string），实际为「b'\\xff'」"),
    ("label", 3, "string_type", "应为文字，实际为「3」"),
])
def test_refused_values_are_named_alike(field: str, given_value: Any, kind: str, chinese: str) -> None:
    model, framework = through_model(field, given_value), through_framework(field, given_value)
    assert model == framework
    assert model[0] == "error" and model[1][0] == kind
    err = dict(zip(("type", "loc", "msg", "input", "ctx"), model[1], strict=True))
    assert describe_error(err) == chinese
