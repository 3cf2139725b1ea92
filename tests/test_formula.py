"""The safe formula language: exact arithmetic, field paths, and everything else refused."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.frameworks import formula
from jixiao.model import get_path
from tests.helpers import department


def run(text: str, **data: object) -> D:
    dy = department(**data)
    return formula.evaluate(formula.parse(text), lambda path: get_path(dy, path))


def test_exact_decimal_arithmetic() -> None:
    assert run("expenditure.total / budget.final * 100", expenditure={"total": "0.3"}, budget={"final": "0.1"}) == D(300)
    assert run("0.1 + 0.2") == D("0.3")
    assert run("max(1, 2, -3) + abs(-2) + min(4, 5)") == D(8)


def test_missing_field_and_zero_divisor() -> None:
    with pytest.raises(formula.MissingValue) as missing:
        run("expenditure.total / 2")
    assert missing.value.path == "expenditure.total"
    with pytest.raises(formula.ZeroDivisor):
        run("1 / (budget.final - budget.final)", budget={"final": 5})


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "expenditure.__class__",
        "(lambda: 1)()",
        "[1, 2]",
        "'text'",
        "1 if 1 else 2",
        "2 ** 999999",
        "open('x')",
        "expenditure.total.real",
        "x" * 600,
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(formula.FormulaError):
        tree = formula.parse(text)
        # Paths that parse are still checked against the model before use.
        if formula.unknown_paths(tree):
            raise formula.FormulaError("unknown path")


def test_unknown_paths_name_non_numeric_or_absent_fields() -> None:
    tree = formula.parse("expenditure.total / expenditure.bogus + profile.name + staffing.actual")
    assert formula.unknown_paths(tree) == ["expenditure.bogus", "profile.name"]
