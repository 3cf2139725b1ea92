"""The one safe expression language of jixiao: indicator formulas in framework files, and the
arithmetic the auditor recomputes from a report ("1386.01/1386.01×100%").

Grammar: numbers, dotted model field paths (``expenditure.total``), the operators
``+ - * /``, parentheses, and the functions ``min``, ``max``, ``abs``. The text is
parsed with :mod:`ast` and walked node by node over an allow-list; nothing is ever
passed to ``eval``. Arithmetic is exact Decimal: a constant is read from its own
source text ("0.1" is exactly 1/10, never the float nearest to it).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from decimal import Decimal

from jixiao.frozen import frozen
from jixiao.safeio.limits import current, limit_message
from jixiao.safeio.numbers import digits_problem, number_problem

FUNCTIONS = {"min", "max", "abs"}
_NUMBER_LITERAL = re.compile(r"[\d_.]*\d[\d_.]*(?:[eE][+-]?\d+)?")

Lookup = Callable[[str], Decimal | int | None]
"""The value of a field path (``None`` when the department did not give it)."""


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


@frozen
class Formula:
    """A checked formula: its text and its syntax tree."""

    text: str
    tree: ast.Expression

    def segment(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or ast.unparse(node)


def _path_of(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def parse(text: str) -> Formula:
    """Parse and check a formula against the allow-list; raise ``FormulaError``."""
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
        _check(node)
    formula = Formula(text, tree)
    for node in nodes:
        if isinstance(node, ast.Constant):
            _constant(formula, node)
    return formula


def _constant(formula: Formula, node: ast.Constant) -> Decimal:
    """The exact value of a number as written; hexadecimal, octal or binary literals are refused."""
    written = formula.segment(node).replace("_", "")
    try:
        value = Decimal(written)
    except ArithmeticError:
        raise FormulaError(f"公式中的数字「{written}」应为十进制数") from None
    if not value.is_finite():
        raise FormulaError(f"公式中的数字「{written}」应为十进制数")
    problem = number_problem(value, written)
    if problem is not None:
        raise FormulaError(problem)  # names the number and the limit
    return value


_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Attribute, ast.Call, ast.Load,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd,
)


def _check(node: ast.AST) -> None:
    if not isinstance(node, _ALLOWED):
        raise FormulaError(f"公式中不允许使用「{type(node).__name__}」，只能用数字、字段、+ - * /、min/max/abs")
    if isinstance(node, ast.Constant) and (isinstance(node.value, bool) or not isinstance(node.value, int | float)):
        raise FormulaError(f"公式中只能出现数字常量，不能出现「{node.value!r}」")
    if isinstance(node, ast.Attribute) and _path_of(node) is None:
        raise FormulaError("字段引用只能是 a.b.c 的形式")
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise FormulaError("只允许调用 min、max、abs")
        if node.keywords or not node.args:
            raise FormulaError("函数调用格式不正确")


def field_paths(formula: Formula) -> list[str]:
    """Every field path the formula refers to (function names excluded), in order of appearance.

    Each path is a whole ``a.b.c`` chain as written; its parts (``a.b``, ``a``) are not paths of
    their own, but ``a`` written alone elsewhere is (and is then not a numeric field)."""
    tree = formula.tree
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    parts = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in calls or id(node) in parts:
            continue
        if isinstance(node, ast.Attribute | ast.Name):
            path = _path_of(node)
            if path:
                found.append((node.col_offset, path))
    return [p for _, p in sorted(found)]


def unknown_paths(formula: Formula) -> list[str]:
    """Field paths that do not name a numeric field of the department model."""
    return [p for p in field_paths(formula) if not _is_numeric_path(p)]


def _is_numeric_path(path: str) -> bool:
    """Whether the dotted path names a Decimal or int field of the department model, through its nested
    records (a list's items are not reached: ``projects.budget`` is no one number)."""
    from jixiao.model import DepartmentYear  # the model is read only when a formula is checked
    from jixiao.model.records import fields_of

    held: type | None = DepartmentYear
    for segment in path.split("."):
        info = fields_of(held).get(segment) if held is not None else None
        if info is None:
            return False
        held = None if info.spec.many else info.spec.type
    return held in (Decimal, int)


Compiled = Callable[[Lookup], Decimal]
"""A checked formula made into nested closures: evaluated with a lookup, no syntax tree walked."""


def evaluate(formula: Formula, lookup: Lookup) -> Decimal:
    """Evaluate a checked formula; raises ``MissingValue`` or ``ZeroDivisor``."""
    return compile_formula(formula)(lookup)


def compile_formula(formula: Formula) -> Compiled:
    """The formula as a function of the lookup, made once (a framework's formulas are compiled with its
    plan, :mod:`jixiao.engine.plan`, not walked again for every department-year). Operands are evaluated
    left to right, as written; constants are read once from their text; ``MissingValue`` names the first
    field without a value, ``ZeroDivisor`` the divisor's text."""
    return _compile(formula, formula.tree.body)


def _compile(formula: Formula, node: ast.expr) -> Compiled:
    if isinstance(node, ast.Constant):
        constant = _constant(formula, node)
        return lambda lookup: constant
    if isinstance(node, ast.Name | ast.Attribute):
        path = _path_of(node)
        assert path is not None

        def field(lookup: Lookup) -> Decimal:
            value = lookup(path)
            if value is None:
                raise MissingValue(path)
            return Decimal(value)

        return field
    if isinstance(node, ast.UnaryOp):
        operand = _compile(formula, node.operand)
        if isinstance(node.op, ast.USub):
            return lambda lookup: -operand(lookup)
        return operand
    if isinstance(node, ast.BinOp):
        left, right = _compile(formula, node.left), _compile(formula, node.right)
        if isinstance(node.op, ast.Add):
            return lambda lookup: left(lookup) + right(lookup)
        if isinstance(node.op, ast.Sub):
            return lambda lookup: left(lookup) - right(lookup)
        if isinstance(node.op, ast.Mult):
            return lambda lookup: left(lookup) * right(lookup)
        divisor = formula.segment(node.right)

        def divide(lookup: Lookup) -> Decimal:
            a, b = left(lookup), right(lookup)
            if b == 0:
                raise ZeroDivisor(divisor)
            return a / b

        return divide
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        args = [_compile(formula, a) for a in node.args]
        name = node.func.id

        def call(lookup: Lookup) -> Decimal:
            values = [a(lookup) for a in args]
            if name == "abs":
                return abs(values[0])
            return min(values) if name == "min" else max(values)

        return call
    raise FormulaError(f"不支持的表达式 {type(node).__name__}")  # pragma: no cover


def no_fields(path: str) -> None:
    """A lookup for formulas that must not name any field (the auditor's recomputed arithmetic)."""
    raise FormulaError(f"算式中不应出现字段「{path}」")
