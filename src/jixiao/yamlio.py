"""YAML and JSON loading that keeps exact decimals and source line numbers, within limits.

Floats become ``Decimal`` straight from their text (never through binary
floating point), and every mapping key and sequence item remembers its line,
so that validation problems can be reported as ``file:line``.

Hostile input is refused before anything expensive happens: the file is read only
if it is a regular file within ``yaml_bytes``; the composed YAML node graph is
measured without following aliases more than once (a "billion laughs" document is
refused by its expanded size, a recursive alias as such), and nesting depth, items
per list or mapping, text length and every number's digits and magnitude are
checked, each against its limit in :mod:`jixiao.safeio.limits`, with the line.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from jixiao.safeio.files import read_text, text_of
from jixiao.safeio.inert import control_character
from jixiao.safeio.limits import Limits, Refused, current, limit_message
from jixiao.safeio.numbers import digits_problem, number_problem

Key = tuple[str | int, ...]


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~6× faster


class _DecimalLoader(_SafeBase):  # type: ignore[misc]
    """Safe loader (libyaml-backed when available) that turns YAML floats into exact Decimals."""

    check_numbers = True  # False: the model the data is for bounds every number itself (see ``read_source``)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise yaml.constructor.ConstructorError(None, None, f"无法识别的数字 {text}", node.start_mark) from exc
    if not value.is_finite():
        raise yaml.constructor.ConstructorError(None, None, f"不接受非有限数字 {text}", node.start_mark)
    return value


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)  # type: ignore[arg-type]
    problem = number_problem(value, str(node.value)) if getattr(loader, "check_numbers", True) else None
    if problem is not None:
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
    return value


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_DecimalLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class SourceError(Exception):
    """The text is not well-formed YAML/JSON or exceeds a limit; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _scalar_problem(node: yaml.ScalarNode, limits: Limits, numbers: bool = True) -> str | None:
    value = str(node.value)
    if node.tag in _NUMBER_TAGS:
        problem = digits_problem(value)  # before int(): a 5,000-digit integer must not be converted
        if problem is None and numbers and node.tag.endswith("float"):
            try:
                problem = number_problem(Decimal(value.replace("_", "")), value)
            except InvalidOperation:
                problem = None  # .inf/.nan: the constructor explains
        return problem
    return _text_problem(value, limits)


def _text_problem(value: str, limits: Limits) -> str | None:
    if len(value) > limits.text_chars:
        return limit_message("text_chars", f"文字有 {len(value)} 个字符")
    control = control_character(value)
    if control is not None:
        return f"文字中含有控制字符 {control}（Word 和 Excel 文件不能容纳），请删除"
    return None


def check_graph(root: yaml.Node, limits: Limits | None = None, numbers: bool = True) -> None:
    """Measure the node graph once per node: expanded size, depth, items, scalars; raise SourceError.

    Aliases make the graph a DAG whose expanded tree may be exponentially larger than
    the text; sizes are summed bottom-up with memoisation, so the check itself is linear.
    A message names the line and the field path of the first place the problem is met.
    """
    limits = limits or current()
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[tuple[yaml.Node, bool, Key]] = [(root, False, ())]

    def fail(message: str, node: yaml.Node, key: Key) -> SourceError:
        return SourceError(f"字段 {dotted(key)}：{message}" if key else message, node.start_mark.line + 1)

    while stack:
        node, done, key = stack.pop()
        ident = id(node)
        if done:
            on_stack.discard(ident)
            kids = [k for k, _ in _children(node, key)]
            total = 1 + sum(size[id(k)] for k in kids)
            deep = 1 + max((depth[id(k)] for k in kids), default=0)
            if total > limits.yaml_nodes:
                raise fail(limit_message("yaml_nodes", "展开别名（&/*）后节点过多（疑似“billion laughs”攻击）"), node, key)
            if deep > limits.nesting_depth:
                raise fail(limit_message("nesting_depth", f"嵌套超过 {limits.nesting_depth} 层"), node, key)
            size[ident], depth[ident] = total, deep
            continue
        if ident in size:
            continue
        if ident in on_stack:
            raise fail("别名（*）引用了包含它自身的内容（递归别名），无法读取", node, key)
        if isinstance(node, yaml.ScalarNode):
            problem = _scalar_problem(node, limits, numbers)
            if problem is not None:
                raise fail(problem, node, key)
            size[ident], depth[ident] = 1, 1
            continue
        items = len(node.value)
        if items > limits.collection_items:
            raise fail(limit_message("collection_items", f"一个列表或映射有 {items} 条"), node, key)
        on_stack.add(ident)
        stack.append((node, True, key))
        if len(on_stack) > limits.nesting_depth + 1:
            raise fail(limit_message("nesting_depth", f"嵌套超过 {limits.nesting_depth} 层"), node, key)
        stack.extend((k, False, path) for k, path in reversed(_children(node, key)))


def _children(node: yaml.Node, key: Key = ()) -> list[tuple[yaml.Node, Key]]:
    """Child nodes with their key paths (a mapping's keys share the mapping's own path)."""
    if isinstance(node, yaml.MappingNode):
        out: list[tuple[yaml.Node, Key]] = []
        for k_node, v_node in node.value:
            name = str(k_node.value)[:80] if isinstance(k_node, yaml.ScalarNode) else "?"
            out += [(k_node, key), (v_node, (*key, name))]
        return out
    if isinstance(node, yaml.SequenceNode):
        return [(item, (*key, i)) for i, item in enumerate(node.value)]
    return []


def _lines(root: yaml.Node) -> dict[Key, int]:
    """Key path → line of every mapping key and sequence item (the graph was checked: bounded)."""
    out: dict[Key, int] = {}
    stack: list[tuple[yaml.Node, Key]] = [(root, ())]
    while stack:
        node, key = stack.pop()
        out.setdefault(key, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for k_node, v_node in node.value:
                name = k_node.value if isinstance(k_node, yaml.ScalarNode) else str(k_node.start_mark)
                child = (*key, name)
                out[child] = k_node.start_mark.line + 1
                stack.append((v_node, child))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((item, (*key, i)))
    return out


def loads_yaml(text: str, *, numbers: bool = True) -> tuple[Any, dict[Key, int]]:
    """Parse YAML text into Python data plus a map from key paths to line numbers (``numbers``: as
    :func:`read_source`)."""
    loader = _DecimalLoader(text)
    loader.check_numbers = numbers
    collecting = gc.isenabled()
    gc.disable()  # composing creates many objects and no cycles: without GC passes it is linear and ~3× faster
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        check_graph(node, numbers=numbers)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = str(exc.problem or exc.context)
        if "nesting depth" in problem:
            raise SourceError(limit_message("nesting_depth", "嵌套层数过多"), line) from exc
        raise SourceError(f"YAML 格式错误：{yaml_problem(problem, exc.context)}", line) from exc
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML 格式错误：{yaml_problem(str(exc), None)}") from exc
    except RecursionError:
        raise SourceError(limit_message("nesting_depth", "嵌套层数过多")) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return data, _lines(node)


# PyYAML/libyaml problem texts (matched as a part of the parser's text; the first match wins) → what a user can do about them.
_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "此处不能出现「键: 值」：冒号后的值里又有「: 」，请给含冒号的文字加引号，或检查缩进"),
    ("found character '\\t'", "含有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("found character", "出现了不能开始一个值的字符（如 Tab、@、`）：缩进只能用空格，以 @ 或 ` 开头的文字请加引号"),
    ("expected ',' or '}'", "花括号 { } 没有闭合，或其中的项之间缺少逗号"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合，或其中的项之间缺少逗号"),
    ("did not find expected '-' indicator", "列表中混入了不以「- 」开头的行，请检查缩进"),
    ("did not find expected key", "缩进不一致，或引号后面多了文字：同一层的键必须对齐，含引号的值请整体加引号"),
    ("expected <block end>", "缩进不一致：同一层的键必须对齐"),
    ("did not find expected node content", "这里缺少一个值（如逗号或括号后面什么也没有）"),
    ("expected the node content", "这里缺少一个值（如逗号或括号后面什么也没有）"),
    ("expected '<document start>'", "文件在一个完整的内容之后还有多余的文字（如多余的括号）"),
    ("did not find expected <document start>", "文件在一个完整的内容之后还有多余的文字（如多余的括号）"),
    ("found unexpected end of stream", "引号没有闭合：文件结束时还缺少对应的引号"),
    ("found unknown escape character", "双引号中有无法识别的反斜杠转义：请改用单引号，或把 \\ 写成 \\\\"),
    ("found undefined alias", "引用了未定义的锚点（*名称）"),
    ("second occurrence", "同一个锚点（&名称）定义了两次"),
    ("could not find expected ':'", "缺少冒号：「键: 值」中的冒号后要有空格"),
    ("found unexpected ':'", "多余的冒号：含冒号的文字请加引号"),
)


def yaml_problem(problem: str, context: object) -> str:
    """A Chinese explanation of a YAML parser problem (the parser's own words only when unknown)."""
    for start, chinese in _YAML_PROBLEMS:
        if start in problem:
            return chinese
    return f"无法解析（解析器提示：{problem}{'，' + str(context) if context else ''}）"


class _Bad:
    """A JSON value refused by a parse hook; reported with its field path after parsing."""

    def __init__(self, message: str) -> None:
        self.message = message


def _json_int(text: str) -> int | _Bad:
    problem = digits_problem(text)
    if problem is None:
        value = int(text)
        problem = number_problem(value, text)
        if problem is None:
            return value
    return _Bad(problem)


def _json_float(text: str) -> Decimal | _Bad:
    problem = digits_problem(text)
    if problem:
        return _Bad(problem)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return _Bad(f"无法识别的数字 {text[:40]}")
    problem = number_problem(value, text)
    return _Bad(problem) if problem else value


def _json_int_text(text: str) -> int | _Bad:
    """A JSON integer whose text is safe to convert (its value is bounded by the model it is for)."""
    problem = digits_problem(text)
    return _Bad(problem) if problem else int(text)


def _json_float_text(text: str) -> Decimal | _Bad:
    """A JSON number with a fraction or exponent, exact, whose text is safe to convert (as ``_json_int_text``)."""
    problem = digits_problem(text)
    if problem:
        return _Bad(problem)
    try:
        return Decimal(text)
    except InvalidOperation:
        return _Bad(f"无法识别的数字 {text[:40]}")


def _json_constant(text: str) -> _Bad:
    return _Bad(f"不接受非有限数字 {text}")


def loads_json(text: str, *, numbers: bool = True) -> Any:
    """Parse JSON text: exact decimals, within the limits (``numbers``: as :func:`read_source`)."""
    import json  # only for a JSON file (start-up of a YAML one)

    parse_float, parse_int = (_json_float, _json_int) if numbers else (_json_float_text, _json_int_text)
    try:
        data = json.loads(text, parse_float=parse_float, parse_int=parse_int, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise SourceError(f"JSON 格式错误：{exc.msg}", exc.lineno) from exc
    except RecursionError:
        raise SourceError(limit_message("nesting_depth", "嵌套层数过多")) from None
    _check_data(data, current())
    return data


def _where(key: Key) -> str:
    """The field a message is about (made only for a message: most documents have no problem at all)."""
    return f"字段 {dotted(key)}：" if key else ""


def _check_data(root: Any, limits: Limits) -> None:
    """Limits on parsed JSON: nodes, depth, items, text length, refused numbers (with the field path)."""
    if _within(root, limits):
        return
    _locate(root, limits)


def _within(root: Any, limits: Limits) -> bool:
    """Whether parsed JSON keeps every limit :func:`_locate` checks, decided without any field path
    (almost every document does; the paths are made only to say where one does not). Only containers are
    walked: each one's scalars are checked in place, and the texts are searched for control characters
    together (none can appear where two texts meet)."""
    nodes, depth_limit, items, chars = limits.yaml_nodes, limits.nesting_depth, limits.collection_items, limits.text_chars
    if depth_limit <= 0:
        return False
    texts: list[str] = []
    count = 1  # the root
    stack: list[tuple[Any, int]] = []
    pending: Iterable[Any] = [root]  # the root is checked as a child of nothing
    depth = -1
    while True:
        for value in pending:
            kind = type(value)
            if kind is dict or kind is list:
                stack.append((value, depth + 1))
            elif kind is str:
                if len(value) > chars:
                    return False
                texts.append(value)
            elif kind is not Decimal and kind is not int and kind is not bool and value is not None:
                return False  # a refused number (``_Bad``), or anything else: let ``_locate`` say what
        if not stack:
            break
        container, depth = stack.pop()
        if len(container) > items:
            return False
        if type(container) is dict:
            for key in container:
                if len(key) > chars:
                    return False
            pending = container.values()
        else:
            pending = container
        count += len(container)
        if count > nodes or (container and depth + 1 >= depth_limit):
            return False
    return control_character("".join(texts)) is None


def _locate(root: Any, limits: Limits) -> None:
    """Raise SourceError for the first place parsed JSON breaks a limit, with its field path."""
    count = 0
    stack: list[tuple[Any, Key]] = [(root, ())]
    while stack:
        value, key = stack.pop()
        count += 1
        if count > limits.yaml_nodes:
            raise SourceError(limit_message("yaml_nodes", f"超过 {limits.yaml_nodes} 个节点"))
        if len(key) >= limits.nesting_depth:
            raise SourceError(_where(key) + limit_message("nesting_depth", f"嵌套超过 {limits.nesting_depth} 层"))
        if isinstance(value, _Bad):
            raise SourceError(_where(key) + value.message)
        if isinstance(value, str) and (problem := _text_problem(value, limits)) is not None:
            raise SourceError(_where(key) + problem)
        if isinstance(value, dict | list) and len(value) > limits.collection_items:
            raise SourceError(_where(key) + limit_message("collection_items", f"一个列表或映射有 {len(value)} 条"))
        if isinstance(value, dict):
            for k, v in value.items():
                if len(k) > limits.text_chars:
                    raise SourceError(_where(key) + limit_message("text_chars", f"字段名有 {len(k)} 个字符"))
                stack.append((v, (*key, k)))
        elif isinstance(value, list):
            stack.extend((v, (*key, i)) for i, v in enumerate(value))


def read_source(path: Path, *, numbers: bool = True) -> tuple[Any, dict[Key, int]]:
    """Read a .yaml/.yml/.json file within the limits; raises ``SourceError``.

    ``numbers`` False: every number's text is still refused here when it is unsafe to convert (thousands
    of digits, an exponent no decimal can hold), but its value is left to the model the data is for,
    which must bound every number itself — as the department model does (``jixiao.model.department``),
    so each number of a department file is checked once, not once here and again in the model."""
    try:
        text = read_text(path, "yaml_bytes")
    except Refused as exc:
        raise SourceError(exc.message, exc.line) from None
    return _parse(text, path.suffix, numbers)


def read_source_bytes(data: bytes, name: str, *, numbers: bool = True) -> tuple[Any, dict[Key, int]]:
    """:func:`read_source` for a file's content already in memory; ``name``'s suffix tells JSON from YAML."""
    try:
        text = text_of(data, name, "yaml_bytes")
    except Refused as exc:
        raise SourceError(exc.message, exc.line) from None
    return _parse(text, Path(name).suffix, numbers)


def _parse(text: str, suffix: str, numbers: bool) -> tuple[Any, dict[Key, int]]:
    if suffix.lower() == ".json":
        return loads_json(text, numbers=numbers), {}
    return loads_yaml(text, numbers=numbers)


def line_for(lines: dict[Key, int], loc: Key) -> int | None:
    """The line of the deepest known prefix of ``loc``."""
    for end in range(len(loc), -1, -1):
        line = lines.get(tuple(loc[:end]))
        if line is not None:
            return line
    return None


def dotted(loc: Key) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
