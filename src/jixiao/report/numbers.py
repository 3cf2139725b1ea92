"""The only way the report writes a number: by the key of an engine value, formatted one way.

The content builders never compute: every amount, rate, count and score they print is
looked up by key in the evaluation (a figure of :mod:`jixiao.engine.figures`, or a score
of the result) and formatted here. Each printed number is recorded as a :class:`Num`
(key, style, text) on the block that shows it, and text copied from the engine, the
framework or the department's own input (a deduction sentence, a function description)
is recorded as a :class:`Quote`, so a test can map every digit of a generated .docx or
.md back to the value it came from.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.engine.figures import Figures
from jixiao.engine.result import EvaluationResult
from jixiao.textfmt import money, number, pct
from jixiao.textfmt import score as fs

Style = Literal["wan", "money", "pct", "int", "score", "plain"]


def render(style: Style, value: Decimal) -> str:
    """The one formatting of a value in a given style (万元 amount, percentage, count, score)."""
    if style == "wan":
        return f"{money(value)}万元"
    if style == "money":
        return money(value)
    if style == "pct":
        return pct(value)
    if style == "int":
        return str(int(value))
    if style == "score":
        return fs(value)
    return number(value)


@dataclass(frozen=True)
class Num:
    key: str  # figure key, "score:<indicator id>", "weight:<id>", "result.total", "result.max_total", "year"
    style: Style
    text: str


@dataclass(frozen=True)
class Quote:
    """Text printed as given: ``source`` says whose words they are ("engine:basis:<id>", "input:<path>")."""

    source: str
    text: str


Mark = Num | Quote


def engine_value(result: EvaluationResult, key: str) -> Decimal | None:
    """The engine's value for a key a :class:`Num` names."""
    if key == "result.total":
        return result.total
    if key == "result.max_total":
        return result.max_total
    if key == "year":
        return Decimal(result.year)
    kind, _, rest = key.partition(":")
    if kind == "abs":
        value = engine_value(result, rest)
        return None if value is None else abs(value)
    if kind == "metric":
        m = result.find(rest).metric
        return None if m is None else m.value
    if kind in ("score", "weight", "lost") and rest:
        node = result.find(rest)
        return {"score": node.score, "weight": node.weight, "lost": node.lost}[kind]
    if kind == "missing_count":
        return Decimal(result.missing_count)
    if kind == "leaf_count":
        return Decimal(len(result.leaves()))
    if kind == "top_count":
        return Decimal(len(result.indicators))
    assert result.figures is not None
    return result.figures.value(key)


class Numbers:
    """Formats engine values by key and remembers what it printed until :meth:`take`."""

    def __init__(self, result: EvaluationResult) -> None:
        assert result.figures is not None, "evaluate() attaches the figures to its result"
        self.result = result
        self.figures: Figures = result.figures
        self._marks: list[Mark] = []

    def value(self, key: str) -> Decimal | None:
        return engine_value(self.result, key)

    def has(self, key: str) -> bool:
        return self.value(key) is not None

    def fmt(self, key: str, style: Style) -> str:
        value = self.value(key)
        if value is None:
            raise KeyError(f"no value for {key}")  # callers ask has() first: a report never prints a gap
        text = render(style, value)
        self._marks.append(Num(key, style, text))
        return text

    def fmt_abs(self, key: str, style: Style) -> str:
        """The absolute value of a figure (a decrease printed as “减少X”)."""
        return self.fmt(f"abs:{key}", style)

    def wan(self, key: str) -> str:
        return self.fmt(key, "wan")

    def money(self, key: str) -> str:
        return self.fmt(key, "money")

    def pct(self, key: str) -> str:
        return self.fmt(key, "pct")

    def int(self, key: str) -> str:
        return self.fmt(key, "int")

    def score(self, key: str) -> str:
        return self.fmt(key, "score")

    def quote(self, source: str, text: str) -> str:
        if text:
            self._marks.append(Quote(source, text))
        return text

    def recorded(self) -> builtins.int:
        """How many marks are waiting for :meth:`take` (a position for :meth:`since`)."""
        return len(self._marks)

    def since(self, position: builtins.int) -> tuple[Mark, ...]:
        return tuple(self._marks[position:])

    def forget(self, marks: tuple[Mark, ...]) -> None:
        """Drop marks recorded for text that is not printed after all (a clause its sentence left out)."""
        gone = {id(m) for m in marks}
        self._marks = [m for m in self._marks if id(m) not in gone]

    def take(self) -> tuple[Mark, ...]:
        """What was printed since the last call (the marks of one block)."""
        marks, self._marks = tuple(self._marks), []
        return marks
