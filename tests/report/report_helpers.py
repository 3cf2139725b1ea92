"""Helpers for report tests: load and evaluate an example, read a .docx back as text."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.frameworks import bundled_ids, get_framework
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def framework_available(name: str) -> bool:
    """Whether the example's framework is bundled (seed frameworks arrive on their own branch)."""
    import yaml

    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return (data.get("framework") or "national-2013") in bundled_ids()


def load_example(name: str) -> tuple[DepartmentYear, EvaluationResult, Framework]:
    dy, findings = load_department(EXAMPLES / f"{name}.yaml")
    assert dy is not None, findings
    fw = get_framework(dy.framework or "national-2013")
    return dy, evaluate(dy, fw), fw


def docx_text(path: Path) -> str:
    """All paragraph and table text of a .docx, in order (tables after the body)."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append("\t".join(c.text for c in row.cells))
    return "\n".join(parts)


