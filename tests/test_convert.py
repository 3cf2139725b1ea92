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
from jixiao.intake.values import CellProblem, decimal_of
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
    ("amount", "1,234,567.50", Decimal("1234567.50")),
    ("amount", "\u3000－１，２３４．５\u3000", Decimal("-1234.5")),  # typed with a Chinese input method
    ("amount", "+007", Decimal(7)),
    ("amount", 0.1, Decimal("0.1")),
    ("count", "2.00", 2),
    ("count", "12,000", 12000),
    ("count", b"42", 42),
    ("count", Decimal("1E+3"), 1000),
    ("count", True, 1),
    ("flag", "Off", False),
    ("flag", Decimal("1.0"), True),
    ("label", bytearray("中文".encode()), "中文"),  # the framework files refused a bytearray before
])
def test_converted_values(field: str, given_value: Any, expected: Any) -> None:
    assert through_model(field, given_value) == through_framework(field, given_value) == ("value", expected)


SYNTAX = ("数字写法不正确（只写阿拉伯数字，可带正负号；有小数点时前后都要有数字；千分位逗号须每三位一个，如 1,234.50 或 "
          "-12.5）")


@pytest.mark.parametrize(("field", "given_value", "kind", "chinese"), [
    ("amount", True, "decimal_type", "应为数字，实际为「True」"),
    # written another way than the one number syntax (jixiao.convert.NUMBER_SYNTAX): both readers took these before
    ("amount", "1__0", "number_syntax", SYNTAX + "，实际为「1__0」"),
    ("count", "1__0", "number_syntax", SYNTAX + "，实际为「1__0」"),
    ("count", "12.", "number_syntax", SYNTAX + "，实际为「12.」"),
    ("amount", ".5", "number_syntax", SYNTAX + "，实际为「.5」"),
    ("amount", "1,23", "number_syntax", SYNTAX + "，实际为「1,23」"),
    ("amount", "1,234_567", "number_syntax", SYNTAX + "，实际为「1,234_567」"),
    ("amount", "1.2E+07", "number_syntax", SYNTAX + "，实际为「1.2E+07」"),
    ("amount", "١٢", "decimal_parsing", "应为数字，实际为「١٢」"),  # Arabic-Indic digits: Decimal() took them
    ("amount", "Infinity", "decimal_parsing", "应为数字，实际为「Infinity」"),
    ("count", "2.5", "int_parsing", "应为整数，实际为「2.5」"),
    ("amount", "1.2.3", "number_syntax", SYNTAX + "，实际为「1.2.3」"),
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


# -- the one number syntax (jixiao.convert.NUMBER_SYNTAX), in the model, the framework files and workbook cells


def through_cell(text: str) -> tuple[str, Any]:
    """A workbook cell holding ``text`` (the workbook reader's conversion of a cell's text to a number)."""
    try:
        return "value", decimal_of(text)
    except CellProblem as exc:
        return "error", exc.message


HALF = "0123456789+-.,"
FULL = "０１２３４５６７８９＋－．，"


@st.composite
def written(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A number and a way a finance officer writes it: sign, thousands separators, decimals, full-width
    characters of a Chinese input method, spaces around."""
    digits = str(draw(st.integers(0, 10**15 - 1)))  # below the magnitude limit of every reader (safeio.limits)
    fraction = draw(st.none() | st.text("0123456789", min_size=1, max_size=4))
    sign = draw(st.sampled_from(["", "+", "-"]))
    sep = draw(st.sampled_from(["", ",", "_"]))
    head = len(digits) % 3 or 3
    grouped = sep.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])
    text = sign + grouped + ("" if fraction is None else "." + fraction)
    if draw(st.booleans()):
        text = text.translate(str.maketrans(HALF, FULL))
    pad = draw(st.sampled_from(["", " ", "\u3000", "\t"]))
    return pad + text + pad, Decimal(sign + digits + ("" if fraction is None else "." + fraction))


@settings(max_examples=300, deadline=None)
@given(number=written())
def test_every_way_of_writing_a_number_is_read_alike_everywhere(number: tuple[str, Decimal]) -> None:
    text, value = number
    assert through_model("amount", text) == through_framework("amount", text) == ("value", value)
    assert through_cell(text) == ("value", value)
    count = through_model("count", text)
    assert count == through_framework("count", text)
    if value == value.to_integral_value():  # "1,200.00" is a whole number too
        assert count == ("value", int(value))
    else:
        assert count[0] == "error" and count[1][0] == "int_parsing"


digits = st.text("0123456789", min_size=1, max_size=6)


@st.composite
def miswritten(draw: st.DrawFn) -> str:
    """A number written another way than the one syntax: cut short, an exponent, separators doubled,
    misplaced or mixed."""
    a, b = draw(digits), draw(digits)
    sep = draw(st.sampled_from([",", "_", "，"]))
    return draw(st.sampled_from([
        f"{a}.", f".{a}", f"{a}e{b}", f"{a}.{b}E+{b}", f"{a[:3]}{sep}{sep}{b}", f"{a}.{b}.{b}", f"{a}{sep}",
        f"{sep}{a}", f"{a[:3]}{sep}{b}" if len(b) != 3 else f"{a[:3]}{sep}{b}0", f"1,234_{b.ljust(3, '0')[:3]}",
        f"{a[:3]}{sep}{b.ljust(3, '0')[:3]}.{b}{sep}{b}", f"--{a}", f"+-{a}", f"{a}-", f"{a[:1]} {b}",
    ]))


@settings(max_examples=300, deadline=None)
@given(text=miswritten())
def test_a_number_written_another_way_is_refused_everywhere_saying_how_to_write_it(text: str) -> None:
    for field in ("amount", "count"):
        model = through_model(field, text)
        assert model == through_framework(field, text)
        assert model[0] == "error" and model[1][0] == "number_syntax"
        assert describe_error(dict(zip(("type", "loc", "msg", "input", "ctx"), model[1], strict=True))) == (
            f"{SYNTAX}，实际为「{text}」")
    assert through_cell(text) == ("error", f"{SYNTAX}，实际为「{text.strip()}」")


@settings(max_examples=400, deadline=None)
@given(text=st.text("0123456789０１２.．,，_＿+-－eE 约", max_size=10))
def test_the_model_the_framework_files_and_a_cell_accept_the_same_texts(text: str) -> None:
    model, framework, cell = through_model("amount", text), through_framework("amount", text), through_cell(text)
    assert model == framework
    assert (model[0], model[1] if model[0] == "value" else None) == (cell[0], cell[1] if cell[0] == "value" else None)
