from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model import DepartmentYear

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def minimal() -> DepartmentYear:
    return DepartmentYear.model_validate({"profile": {"name": "测试局", "year": 2023}})


def department(**data: object) -> DepartmentYear:
    """A department-year with a profile plus the given parts."""
    return DepartmentYear.model_validate({"profile": {"name": "测试局", "year": 2023}, **data})
