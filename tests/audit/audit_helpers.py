"""Shared paths and expectations for the audit tests (imported as a plain module).

The five seed reports are not ours to copy, so the tests read two kinds of document:

- ``modelled/seed_NNN.txt`` (committed): written by us after each seed, with the
  seed's line layout, every figure and every known error, in our own words;
- the original seed texts, read from the folder named by the environment variable
  ``JIXIAO_CORPUS`` (``make test`` sets it to ``../shared/seeds`` when that folder
  exists). Without it the tests that need the originals are reported as skipped,
  with the reason, never passed silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from docx.document import Document as DocxDocument

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text

DATA = Path(__file__).parent / "data"
MODELLED = DATA / "modelled"
SEEDS = ("000", "001", "002", "003", "004")
CORPUS_ENV = "JIXIAO_CORPUS"


def seed_path(seed: str) -> Path:
    """Our document modelled on seed ``seed`` (same layout, figures and errors)."""
    return MODELLED / f"seed_{seed}.txt"


def corpus_dir() -> Path | None:
    """The folder of original seed texts named by ``JIXIAO_CORPUS``, if set and present."""
    value = os.environ.get(CORPUS_ENV)
    if not value:
        return None
    return Path(value)


def original_seed_path(seed: str) -> Path:
    """The original seed text ``NNN_*.txt`` from the corpus folder; skips (with the reason) without it."""
    folder = corpus_dir()
    if folder is None:
        pytest.skip(f"未运行：需要原始种子报告，请设置环境变量 {CORPUS_ENV}（make test 在 ../shared/seeds 存在时自动设置）")
    if not folder.is_dir():
        pytest.fail(f"{CORPUS_ENV}={folder} 不是文件夹")
    found = sorted(folder.glob(f"{seed}_*.txt"))
    if len(found) != 1:
        pytest.fail(f"{CORPUS_ENV}={folder} 中应有且只有一个 {seed}_*.txt，实际 {len(found)} 个")
    return found[0]


def document(kind: str, seed: str) -> Path:
    """``kind`` is "modelled" (ours, always present) or "original" (from the corpus)."""
    return seed_path(seed) if kind == "modelled" else original_seed_path(seed)


SEED_FINDINGS: dict[str, list[tuple[str, str, str, str, str]]] = {
    "000": [("rate", "错误", "第121行", "89.8%", "89.50%")],
    "001": [],
    "002": [("sum", "错误", "第40行", "26名", "28名")],
    "003": [
        ("share", "提示", "第25行", "0.04%", "0.05%"),
        ("sum", "错误", "第26行", "226.86万元", "226.75万元"),
    ],
    "004": [
        ("rate", "错误", "第113行", "97.65%", "93.26%"),
        ("sum", "错误", "第115行", "91.82万元", "91.76万元"),
        ("unit", "错误", "第107行", "7.44元", "7.44万元"),
        ("overspend", "提示", "第113行", "13.88万元", "≤10万元"),
    ],
}


def found(text: str, *rules: str) -> list[tuple[str, str, str, str, str]]:
    """(rule, severity, location, stated, expected) of each finding on ``text``, of ``rules`` only when given."""
    return [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_text(text).findings
            if not rules or f.rule in rules]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """(stated, sorted operands) of each relation ``rule`` checked on ``text``."""
    return sorted((str(r.stated), tuple(sorted(str(o) for o in r.operands)))
                  for r in audit_text(text).relations if r.rule == rule)


def findings_of(text: str) -> list[tuple[str, str, str, str, str]]:
    """(severity, rule, location, stated, expected) of every finding on ``text``, in the report's order."""
    return [(f.severity, f.rule, f.location, f.stated, f.expected) for f in audit_text(text).findings]


def tables_of(text: str) -> list[list[list[str]]]:
    """The cell texts of every table read from ``text``: a list of rows per table."""
    return [[[c.text for c in row] for row in t.rows] for t in document_from_text(text).tables]


def sheet_workbook(folder: Path, title: str, rows: list[list[str]]) -> Path:
    """A workbook ``folder/<title>.xlsx`` of one sheet named ``title`` holding ``rows``, one list a row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    path = folder / f"{title}.xlsx"
    wb.save(path)
    return path


def add_docx_table(d: DocxDocument, rows: list[list[str]]) -> None:
    """A Word table of ``rows`` (one list a row, all of one width) appended to ``d``."""
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
