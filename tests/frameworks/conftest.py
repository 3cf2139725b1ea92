from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.frameworks import get_framework
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def load_example(name: str) -> DepartmentYear:
    dy, findings = load_department(EXAMPLES / f"{name}.yaml")
    assert dy is not None, findings
    return dy


def run_example(name: str) -> EvaluationResult:
    dy = load_example(name)
    assert dy.framework is not None
    return evaluate(dy, get_framework(dy.framework))


@pytest.fixture
def root() -> Path:
    return ROOT
