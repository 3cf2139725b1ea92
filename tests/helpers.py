from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from jixiao.model import DepartmentYear
from jixiao.model.load import parse_department

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def minimal() -> DepartmentYear:
    return parse_department({"profile": {"name": "测试局", "year": 2023}})


def department(**data: object) -> DepartmentYear:
    """A department-year with a profile plus the given parts."""
    return parse_department({"profile": {"name": "测试局", "year": 2023}, **data})


def needs_tool(*names: str) -> pytest.MarkDecorator:
    """Skip a test whose external tool is absent on a developer's machine; in CI (``CI=true``) the tool
    is installed by ``scripts/setup.sh``, so the test runs and its absence is a failure, never a skip."""
    missing = [n for n in names if shutil.which(n) is None]
    return pytest.mark.skipif(bool(missing) and os.environ.get("CI") != "true",
                              reason=f"未运行：需要 {'、'.join(missing)}（scripts/setup.sh 安装）")
