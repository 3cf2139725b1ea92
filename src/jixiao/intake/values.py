"""Cell values to model values, exactly: numbers become Decimal from their shortest text.

Each ``parse_*`` function takes what openpyxl returns for a cell and returns the
model value, or raises ``CellProblem`` with a Chinese sentence saying what was
found and what was expected. Floats are converted with ``repr`` (the shortest
text that reads back as the same float), never through binary arithmetic, so a
cell showing 226.86 becomes ``Decimal('226.86')``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from jixiao.convert import NUMBER_SYNTAX_ZH, number_like, number_text
from jixiao.intake.layout import Field, Kind
from jixiao.safeio.numbers import digits_problem, number_problem

HUNDRED = Decimal(100)
MONEY_FACTORS = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000), "千元": Decimal("0.1")}

_UNIT_SUFFIX = re.compile(r"[\s\u3000]*(万元|亿元|千元|元|人|次|份|项|分|个|年)$")
_HEADER = re.compile(r"^(?P<name>.*?)[（(](?P<unit>[^（）()]*)[）)]$")
_SPACE = re.compile(r"[\s\u3000]+")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」")


class CellProblem(Exception):
    """A cell's content cannot be used; ``message`` says what was found and expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shown(value: object) -> str:
    """How a found value is quoted in a message."""
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    return str(value)


def normalize(text: str) -> str:
    """Header and label text without spaces, line breaks, quotes or the required-field star."""
    return _SPACE.sub("", text).translate(_QUOTES).strip("*＊:：")


def split_header(text: str) -> tuple[str, str | None]:
    """'预算数（万元）*' -> ('预算数', '万元'); '核对（核对）' keeps the last bracket as the unit."""
    norm = normalize(text)
    m = _HEADER.match(norm)
    if m:
        return m.group("name"), m.group("unit").removeprefix("单位").lstrip(":：") or None
    return norm, None


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal_from_number(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellProblem(f"应为数字，实际为逻辑值「{'TRUE' if value else 'FALSE'}」")
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise CellProblem("应为数字，实际为无效数值")
    if isinstance(value, int | float | Decimal):
        problem = number_problem(value)
        if problem is not None:
            raise CellProblem(problem)
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    raise CellProblem(f"应为数字，实际为「{shown(value)}」")


def decimal_of(value: object, *, expect: str = "数字") -> Decimal:
    """A number from a numeric cell or from text such as '1,234.50' or '300万元' (the number written as
    :data:`jixiao.convert.NUMBER_SYNTAX` says, then a unit)."""
    if isinstance(value, str):
        text = _UNIT_SUFFIX.sub("", value.strip())
        problem = digits_problem(text)
        if problem is not None:
            raise CellProblem(problem)
        number = number_text(text)  # the one number syntax of every file jixiao reads
        if number is None:
            if number_like(text):
                raise CellProblem(f"{NUMBER_SYNTAX_ZH}，实际为「{value.strip()[:50]}」")
            raise CellProblem(f"应为{expect}（只填阿拉伯数字，如 300 或 12.5），实际为「{value.strip()[:50]}」")
        problem = number_problem(number, text)
        if problem is not None:
            raise CellProblem(problem)
        return number
    if isinstance(value, datetime | date):
        raise CellProblem(f"应为{expect}，实际为日期「{shown(value)}」（请把单元格格式设为“数值”）")
    return _decimal_from_number(value)


def parse_money(value: object, unit: str | None, *, signed: bool) -> Decimal:
    factor = MONEY_FACTORS.get(unit or "万元")
    if factor is None:
        raise CellProblem(f"表头单位「{unit}」无法识别，金额单位应为 万元 或 元")
    amount = decimal_of(value, expect="金额")
    if amount < 0 and not signed:
        raise CellProblem(f"金额不能为负数，实际为「{shown(value)}」")
    return amount * factor


def parse_percent(value: object, number_format: str) -> Decimal:
    """98%, 0.98 formatted as %, or 98 in a (%) column; 0.98 without % format is ambiguous."""
    formatted = "%" in (number_format or "")
    if isinstance(value, str):
        text = _SPACE.sub("", value)
        if text.endswith(("%", "％")):
            rate = decimal_of(text[:-1], expect="百分比")
        else:
            rate = decimal_of(text, expect="百分比")
            if rate <= 1 and rate != 0:
                raise CellProblem(
                    f"百分比不明确：填的是「{value.strip()}」，是 {rate * HUNDRED:f}% 还是 {rate:f}%？请写成带 % 的形式，如 98%"
                )
    else:
        number = decimal_of(value, expect="百分比")
        if formatted:
            rate = number * HUNDRED
            if rate > HUNDRED:
                raise CellProblem(
                    f"单元格显示为 {rate.normalize():f}%，超过 100%，疑似把 {number.normalize():f}% 写成了 "
                    f"{number.normalize():f}；应为 0 到 100% 之间的百分比，请输入 {number.normalize():f}%"
                )
        else:
            if 0 < number <= 1:
                raise CellProblem(
                    f"百分比不明确：单元格为 {shown(value)}，且没有设置百分比格式，是 {(number * HUNDRED).normalize():f}% "
                    f"还是 {number.normalize():f}%？请输入带 % 的数，如 {(number * HUNDRED).normalize():f}%"
                )
            rate = number
    if rate < 0:
        raise CellProblem(f"百分比不能为负数，实际为「{shown(value)}」")
    return rate


def parse_count(value: object) -> int:
    number = decimal_of(value, expect="整数")
    if number != number.to_integral_value():
        raise CellProblem(f"应为整数，实际为「{shown(value)}」")
    if number < 0:
        raise CellProblem(f"不能为负数，实际为「{shown(value)}」")
    return int(number)


def parse_nonnegative(value: object) -> Decimal:
    number = decimal_of(value)
    if number < 0:
        raise CellProblem(f"不能为负数，实际为「{shown(value)}」")
    return number


def parse_text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, datetime | date):
        return shown(value)
    return str(value).strip()


def parse_lines(value: object) -> list[str]:
    return [line.strip() for line in parse_text(value).splitlines() if line.strip()]


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _DATE_TEXT.match(value.strip())
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    raise CellProblem(f"应为日期，如 2023-03-17，实际为「{shown(value)}」")


_TRUE = {"是", "y", "yes", "true", "√", "✓", "1", "满足", "有"}
_FALSE = {"否", "n", "no", "false", "×", "✗", "0", "不满足", "无"}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = parse_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellProblem(f"应为“是”或“否”，实际为「{shown(value)}」")


def parse_choice(value: object, spec: Field) -> str:
    text = normalize(parse_text(value)) if spec.kind is Kind.CHOICE else parse_text(value)
    for label, stored in spec.choices:
        if text in (normalize(label), stored):
            return stored
    options = "、".join(label for label, _ in spec.choices)
    raise CellProblem(f"应为以下之一：{options}，实际为「{shown(value)}」")


def parse_value(value: object) -> Decimal | str:
    """A target or actual value: numbers stay numbers, text stays text."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _decimal_from_number(value)
    return parse_text(value)
