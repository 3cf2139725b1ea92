"""Findings are data: every loader, validator and check returns located findings.

Problems in user input never raise; they become ``Finding`` values that name
where the problem is (file, sheet, cell, line or model field) and what was
expected, in Chinese, so that a finance officer can fix them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from enum import StrEnum

from jixiao.frozen import frozen


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@frozen
class Location:
    """Where a finding points: any combination of file, sheet, cell, line and field path."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(f"文件 {self.file}")
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」")
        if self.cell:
            parts.append(f"单元格 {self.cell}")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.path:
            parts.append(f"字段 {self.path}")
        return "，".join(parts)


@frozen
class Finding:
    """One problem or note: a stable code, its severity, a Chinese message and where it points."""

    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)

    def render(self) -> str:
        where = str(self.location)
        prefix = f"[{self.severity.label}] "
        return f"{prefix}{where}：{self.message}" if where else f"{prefix}{self.message}"

    def to_dict(self) -> dict[str, object]:
        loc = {k: v for k, v in vars(self.location).items() if v is not None}
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "location": loc,
            "text": self.render(),
        }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


class InputError(Exception):
    """Raised at an I/O edge when input cannot be used; carries every finding at once."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(f.render() for f in findings))
