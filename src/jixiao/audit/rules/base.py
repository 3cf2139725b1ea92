"""A rule: a named, switchable check over an analysed document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jixiao.audit.context import Context
from jixiao.audit.finding import AuditFinding


@dataclass(frozen=True)
class Rule:
    name: str
    title: str
    description: str
    check: Callable[[Context], list[AuditFinding]]
