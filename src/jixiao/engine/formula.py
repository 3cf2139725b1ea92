"""A small, safe expression language for user-defined indicator formulas.

Grammar: numbers, dotted model field paths (``expenditure.total``), the
operators ``+ - * /``, parentheses, and the functions ``min``, ``max``,
``abs``. The text is parsed with :mod:`ast` and walked node by node over an
allow-list; nothing is ever passed to ``eval``. Arithmetic is exact Decimal.
"""

from __future__ import annotations

import ast
import re
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from jixiao.model import DepartmentYear, get_path
from jixiao.safeio.limits import current, limit_message
from jixiao.safeio.numbers import digits_problem, number_problem

FUNCTIONS = {"min", "max", "abs"}
_NUMBER_LITERAL = re.compile(r"[\d_.]*\d[\d_.]*(?:[eE][+-]?\d+)?")


class FormulaError(Exception):
    """The formula text is not allowed or does not fit the model."""


class MissingValue(Exception):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class ZeroDivisor(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _path_of(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def parse(text: str) -> ast.Expression:
    """Parse and check a formula against the allow-list and the limits; raise ``FormulaError``."""
    limits = current()
    if len(text) > limits.formula_chars:
        raise FormulaError(limit_message("formula_chars", f"公式有 {len(text)} 个字符"))
    for literal in _NUMBER_LITERAL.findall(text):
        problem = digits_problem(literal)  # before ast.parse turns a 5,000-digit literal into an int
        if problem is not None:
            raise FormulaError(problem)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"公式语法错误：{exc.msg}") from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"公式无法解析（{type(exc).__name__}）") from exc
    nodes = list(ast.walk(tree))
    if len(nodes) > limits.formula_nodes:
        raise FormulaError(limit_message("formula_nodes", f"公式有 {len(nodes)} 个语法节点"))
    for node in nodes:
        _check(node, text)
    return tree


def _check(node: ast.AST, text: str = "") -> None:
    allowed = (
        ast.Expression,
        ast.BinOp,
        ast.UnaryOp,
        ast.Constant,
        ast.Name,
        ast.Attribute,
        ast.Call,
        ast.Load,
        ast.Add,
        ast.Sub,
        ast.Mult,
        ast.Div,
        ast.USub,
        ast.UAdd,
    )
    if not isinstance(node, allowed):
        raise FormulaError(f"公式中不允许使用「{type(node).__name__}」，只能用数字、字段、+ - * /、min/max/abs")
    if isinstance(node, ast.Constant) and (isinstance(node.value, bool) or not isinstance(node.value, int | float)):
        raise FormulaError(f"公式中只能出现数字常量，不能出现「{node.value!r}」")
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        problem = number_problem(node.value)
        if problem is not None:
            literal = ast.get_source_segment(text, node) or ast.unparse(node)
            raise FormulaError(f"常量「{literal[:40]}」{problem}")
    if isinstance(node, ast.Attribute) and _path_of(node) is None:
        raise FormulaError("字段引用只能是 a.b.c 的形式")
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise FormulaError("只允许调用 min、max、abs")
        if node.keywords or not node.args:
            raise FormulaError("函数调用格式不正确")


def field_paths(tree: ast.Expression) -> list[str]:
    """Every field path the formula refers to (function names excluded)."""
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in calls:
            continue
        if isinstance(node, ast.Attribute | ast.Name):
            path = _path_of(node)
            if path:
                found.append((node.col_offset, path))
    paths = [p for _, p in sorted(found)]
    # Keep only maximal paths (a.b.c, not a.b and a), in order of appearance.
    return [p for p in paths if not any(q != p and q.startswith(p + ".") for q in paths)]


def unknown_paths(tree: ast.Expression) -> list[str]:
    """Field paths that do not name a numeric field of the department model."""
    return [p for p in field_paths(tree) if not _is_numeric_path(p)]


def _is_numeric_path(path: str) -> bool:
    cls: Any = DepartmentYear
    for segment in path.split("."):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or segment not in cls.model_fields:
            return False
        cls = _unwrap(cls.model_fields[segment].annotation)
    return cls in (Decimal, int)


def _unwrap(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(args[0])
    if args and origin is not list and len(args) == 1:
        return _unwrap(args[0])
    if args and origin is not list:
        # Optional[Annotated[...]] and similar unions
        return _unwrap(args[0])
    return annotation


def evaluate(tree: ast.Expression, dy: DepartmentYear) -> Decimal:
    """Evaluate a checked formula; raises ``MissingValue`` or ``ZeroDivisor``."""
    return _eval(tree.body, dy)


def _eval(node: ast.expr, dy: DepartmentYear) -> Decimal:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name | ast.Attribute):
        path = _path_of(node)
        assert path is not None
        value = get_path(dy, path)
        if value is None:
            raise MissingValue(path)
        return Decimal(value)
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, dy)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, dy), _eval(node.right, dy)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if b == 0:
            raise ZeroDivisor(ast.unparse(node.right))
        return a / b
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        values = [_eval(a, dy) for a in node.args]
        if node.func.id == "abs":
            return abs(values[0])
        return min(values) if node.func.id == "min" else max(values)
    raise FormulaError(f"不支持的表达式 {type(node).__name__}")  # pragma: no cover
