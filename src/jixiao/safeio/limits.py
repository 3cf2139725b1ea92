"""Every resource limit jixiao enforces on its input, in one place.

Each limit has a documented default (``docs/security.md`` lists them all) and can be
changed without code: an environment variable ``JIXIAO_LIMIT_<NAME>`` (for example
``JIXIAO_LIMIT_YAML_BYTES=20MB``), or a TOML file named by ``JIXIAO_LIMITS_FILE``
whose ``[limits]`` table uses the lower-case names (``yaml_bytes = "20MB"``). The
environment wins over the file. Byte limits accept the suffixes KB, MB and GB
(binary multiples). A limit that is violated is reported by :class:`LimitExceeded`,
whose message names the file, what was found, the limit and how to raise it.
"""

from __future__ import annotations

import os
import re
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path

from jixiao.frozen import frozen

ENV_PREFIX = "JIXIAO_LIMIT_"
ENV_FILE = "JIXIAO_LIMITS_FILE"
KB, MB, GB = 1024, 1024**2, 1024**3


@frozen
class Limits:
    """Resource limits; the docstring of each field is its Chinese name in messages (see ``DESCRIPTIONS``)."""

    # whole files
    yaml_bytes: int = 2 * MB
    workbook_bytes: int = 20 * MB
    document_bytes: int = 50 * MB
    # zip packages (.xlsx, .docx)
    zip_entries: int = 10_000
    unzipped_bytes: int = 200 * MB
    zip_ratio: int = 100
    # YAML / JSON structure
    yaml_nodes: int = 200_000
    nesting_depth: int = 64
    collection_items: int = 10_000
    text_chars: int = 100_000
    # numbers (money, counts, rates, weights, formula constants)
    number_digits: int = 28
    number_exponent: int = 15
    # formulas in frameworks
    formula_chars: int = 500
    formula_nodes: int = 200
    # workbooks
    sheet_rows: int = 10_000
    sheet_cells: int = 500_000
    merged_cells: int = 100_000
    # the auditor
    pdf_pages: int = 500
    pdf_stream_bytes: int = 20 * MB
    document_chars: int = 2_000_000
    document_seconds: int = 60


BYTE_LIMITS = frozenset({"yaml_bytes", "workbook_bytes", "document_bytes", "unzipped_bytes", "pdf_stream_bytes"})

DESCRIPTIONS: dict[str, str] = {
    "yaml_bytes": "数据文件或框架文件（.yaml/.json）的大小",
    "workbook_bytes": "填报工作簿（.xlsx）的大小",
    "document_bytes": "送审报告文件（.txt/.md/.docx/.xlsx/.pdf）的大小",
    "zip_entries": "Office 文件（.xlsx/.docx）压缩包中的部件数",
    "unzipped_bytes": "Office 文件解压后的总大小",
    "zip_ratio": "Office 文件解压后与压缩前大小之比（解压后超过 10 MB 时检查）",
    "yaml_nodes": "YAML/JSON 展开别名后的节点总数",
    "nesting_depth": "YAML/JSON 的嵌套层数",
    "collection_items": "一个列表或映射中的条目数",
    "text_chars": "一个文字字段的字符数",
    "number_digits": "一个数字的有效位数",
    "number_exponent": "数字的数量级 N（绝对值须小于 10 的 N 次方，非零时不小于 10 的 −N 次方）",
    "formula_chars": "框架公式的字符数",
    "formula_nodes": "框架公式的语法节点数",
    "sheet_rows": "工作表的行数",
    "sheet_cells": "工作簿中全部工作表的单元格数",
    "merged_cells": "一个工作表中合并单元格覆盖的单元格数",
    "pdf_pages": "PDF 的页数",
    "pdf_stream_bytes": "PDF 一个内容流解压后的大小",
    "document_chars": "一份送审报告提取出的文字字符数",
    "document_seconds": "审核一份报告的时间（秒）",
}


class LimitConfigError(Exception):
    """A limit setting in the environment or the limits file cannot be used (Chinese message)."""


class Refused(Exception):
    """Input refused before the expensive step; ``message`` is Chinese and ``file`` names the input."""

    def __init__(self, message: str, file: str | None = None, *, line: int | None = None, code: str = "input.refused") -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.code = code

    @property
    def exit_code(self) -> int:
        """1 for refused input; 2 when the command line asked for something unsafe (an output)."""
        return 2 if self.code.startswith("output.") else 1

    def located(self) -> str:
        where = f"文件 {self.file}" if self.file else ""
        if self.line is not None:
            where += f"，第 {self.line} 行"
        return f"{where}：{self.message}" if where else self.message


class LimitExceeded(Refused):
    """A configured limit was exceeded; ``limit`` is its name."""

    def __init__(self, limit: str, found: str, file: str | None = None, *, line: int | None = None) -> None:
        super().__init__(limit_message(limit, found), file, line=line, code=f"limit.{limit}")
        self.limit = limit


def limit_message(limit: str, found: str) -> str:
    """'<what was found>，超过上限：<limit> 最多 <value>（how to change it）'."""
    shown = show(limit, getattr(current(), limit))
    return (f"{found}，超过上限：{DESCRIPTIONS[limit]}最多 {shown}"
            f"（如确属正常，可用环境变量 {env_name(limit)} 调整，见 docs/security.md）")


def env_name(limit: str) -> str:
    return ENV_PREFIX + limit.upper()


def show(limit: str, value: int) -> str:
    """A limit value as users read it (bytes in KB/MB/GB)."""
    if limit in BYTE_LIMITS:
        return size_text(value)
    return f"{value:,}".replace(",", "")


def size_text(n: int) -> str:
    for unit, factor in (("GB", GB), ("MB", MB), ("KB", KB)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} 字节"


_SIZE = re.compile(r"^\s*(\d+)\s*(KB|MB|GB|K|M|G|B)?\s*$", re.IGNORECASE)


def parse_value(limit: str, raw: object) -> int:
    """A limit value from text or a TOML number; raises LimitConfigError in Chinese."""
    if isinstance(raw, bool):
        raise LimitConfigError(f"限制 {limit} 的取值「{raw}」不是正整数")
    if isinstance(raw, int):
        value = raw
    else:
        m = _SIZE.match(str(raw))
        if m is None or (m.group(2) and limit not in BYTE_LIMITS):
            kind = "正整数，可带 KB/MB/GB 后缀" if limit in BYTE_LIMITS else "正整数"
            raise LimitConfigError(f"限制 {limit} 的取值「{raw}」无法识别，应为{kind}")
        unit = (m.group(2) or "B").upper().rstrip("B") or "B"
        value = int(m.group(1)) * {"B": 1, "K": KB, "M": MB, "G": GB}[unit]
    if value <= 0:
        raise LimitConfigError(f"限制 {limit} 的取值「{raw}」应大于 0")
    return value


def load(environ: dict[str, str] | None = None) -> Limits:
    """Defaults, then the limits file, then the environment; raises LimitConfigError."""
    env = dict(os.environ if environ is None else environ)
    names = {f.name for f in fields(Limits)}
    changes: dict[str, int] = {}
    file = env.get(ENV_FILE)
    if file:
        import tomllib  # only with a limits file (start-up, docs/scale.md)

        try:
            table = tomllib.loads(Path(file).read_text(encoding="utf-8")).get("limits", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise LimitConfigError(f"无法读取限制配置文件 {file}（{ENV_FILE}）：{exc}") from None
        if not isinstance(table, dict):
            raise LimitConfigError(f"限制配置文件 {file} 的 [limits] 应为一组“名称 = 取值”")
        for key, raw in table.items():
            if key not in names:
                raise LimitConfigError(f"限制配置文件 {file} 中的「{key}」不是已知的限制；可用：{'、'.join(sorted(names))}")
            changes[key] = parse_value(key, raw)
    for key, raw in env.items():
        if key.startswith(ENV_PREFIX):
            name = key.removeprefix(ENV_PREFIX).lower()
            if name not in names:
                raise LimitConfigError(f"环境变量 {key} 不是已知的限制；可用：{'、'.join(env_name(n) for n in sorted(names))}")
            changes[name] = parse_value(name, raw)
    return replace(Limits(), **changes)


@lru_cache(maxsize=1)
def current() -> Limits:
    """The limits of this process (read once from the environment and the limits file)."""
    return load()


def reset() -> None:
    """Forget the cached limits (tests that change the environment)."""
    current.cache_clear()
