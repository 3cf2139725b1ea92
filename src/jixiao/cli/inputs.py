"""Reading a department-year from any supported input file at the CLI edge."""

from __future__ import annotations

from jixiao.intake.files import read_department

__all__ = ["read_department"]
