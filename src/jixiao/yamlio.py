"""YAML and JSON loading that keeps exact decimals and source line numbers.

Floats become ``Decimal`` straight from their text (never through binary
floating point), and every mapping key and sequence item remembers its line,
so that validation problems can be reported as ``file:line``.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

MAX_SOURCE_BYTES = 5 * 1024 * 1024

Key = tuple[str | int, ...]


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~6× faster


class _DecimalLoader(_SafeBase):  # type: ignore[misc]
    """Safe loader (libyaml-backed when available) that turns YAML floats into exact Decimals."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the resolver only sends numbers
        raise yaml.constructor.ConstructorError(None, None, f"无法识别的数字 {text}", node.start_mark) from exc
    if not value.is_finite():
        raise yaml.constructor.ConstructorError(None, None, f"不接受非有限数字 {text}", node.start_mark)
    return value


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _lines(node: yaml.Node, key: Key, out: dict[Key, int]) -> None:
    out[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for k_node, v_node in node.value:
            name = k_node.value if isinstance(k_node, yaml.ScalarNode) else str(k_node.start_mark)
            child = (*key, name)
            _lines(v_node, child, out)
            out[child] = k_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, (*key, i), out)


class SourceError(Exception):
    """The text is not well-formed YAML/JSON; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def loads_yaml(text: str) -> tuple[Any, dict[Key, int]]:
    """Parse YAML text into Python data plus a map from key paths to line numbers."""
    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise SourceError(f"YAML 格式错误：{exc.problem or exc.context}", line) from exc
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML 格式错误：{exc}") from exc
    finally:
        loader.dispose()
    lines: dict[Key, int] = {}
    _lines(node, (), lines)
    return data, lines


def loads_json(text: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise SourceError(f"JSON 格式错误：{exc.msg}", exc.lineno) from exc


def read_source(path: Path) -> tuple[Any, dict[Key, int]]:
    """Read a .yaml/.yml/.json file with a size limit; raises ``SourceError``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"无法读取文件：{exc.strerror}") from exc
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"文件过大（{size} 字节），上限为 {MAX_SOURCE_BYTES} 字节")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError("文件不是 UTF-8 编码的文本") from exc
    if path.suffix.lower() == ".json":
        return loads_json(text), {}
    return loads_yaml(text)


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
