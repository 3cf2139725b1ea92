"""Measure the 决算 rules against hand-labelled documents: recall, false alarms per document, coverage.

A labelled relation (``labels.yaml``) is *covered* when a check names the same figure: for a table
relation the same table, row and stated value (either cell of a cross-table pair); for a 情况说明 relation
the same stated value in the same words. An inconsistent relation is *found* when a covering check fails.
A failing check that matches no inconsistent relation is a false alarm (错误 or 提示).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from jixiao.final.analyse import analyse
from jixiao.final.checks import ERROR, Check

_SPACE = re.compile(r"[\s“”\"]+")


def _sq(text: str) -> str:
    return _SPACE.sub("", text)


def _num(text: str) -> Decimal | None:
    t = text.replace(",", "").replace("%", "").replace("≤", "").strip()
    try:
        return Decimal(t)
    except (InvalidOperation, ValueError):
        return None


def _row(text: str) -> str:
    s = _sq(text)
    i = s.find("、")
    if 0 < i <= 3:
        s = s[i + 1:]
    return re.sub(r"^\d+", "", s).lstrip(".")


def _context(text: str, stated: str) -> str:
    s, n = _sq(text), _sq(stated).replace("%", "")
    k = s.find(n)
    return s[max(0, k - 8):k] if k >= 0 else ""


def matches(label: dict[str, Any], check: Check) -> bool:
    stated = _num(str(label["stated"]))
    if (stated is None or _num(check.stated) != stated) and (
            not label.get("other") or _num(check.stated) != _num(str(label["other"]["stated"]))):
        return False
    if "table" in label:
        if not check.table:
            return False
        cells = [(label["table"], label.get("row", ""))]
        if label.get("other"):
            cells.append((label["other"]["table"], label["other"].get("row", "")))
        for table, row in cells:
            t1, t2 = _sq(table), _sq(check.table)
            if not (t1 in t2 or t2 in t1):
                continue
            r1, r2 = _row(row), _row(check.row)
            if not r1 or "三公" in check.row or r1 == r2 or (r1 and r1 in r2) or (r2 and r2 in r1):
                return True
        return False
    if not check.quote:
        return False
    lt, cq = _sq(str(label["text"])), _sq(check.quote)
    if lt in cq or cq in lt:
        return True
    a, b = _context(lt, str(label["stated"])), _context(cq, check.stated)
    return bool(a) and bool(b) and (a.endswith(b) or b.endswith(a))


@dataclass
class DocScore:
    name: str
    labels: int = 0
    covered: int = 0
    inconsistent: int = 0
    found: int = 0
    false_errors: list[str] = field(default_factory=list)
    false_hints: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    severity_mismatch: list[str] = field(default_factory=list)


def score(name: str, labels: list[dict[str, Any]], checks: Iterable[Check]) -> DocScore:
    checks = list(checks)
    s = DocScore(name, labels=len(labels))
    used: set[int] = set()
    for label in labels:
        hits = [i for i, c in enumerate(checks) if matches(label, c)]
        if hits:
            s.covered += 1
        if label["consistent"]:
            continue
        s.inconsistent += 1
        failing = [i for i in hits if not checks[i].ok]
        if failing:
            s.found += 1
            used.update(failing)
            if all(checks[i].severity != label.get("severity") for i in failing):
                s.severity_mismatch.append(f"{label['id']} {label['stated']}")
        else:
            s.missed.append(f"{label['id']} {label.get('table', '')}{label.get('row', '')} {label['stated']} ({label['note'][:40]})")
    for i, c in enumerate(checks):
        if c.ok or i in used:
            continue
        what = f"{c.rule} {c.table}{c.row} {c.stated}→{c.expected}"
        (s.false_errors if c.severity == ERROR else s.false_hints).append(what)
    return s


def measure(folders: list[Path], files: dict[str, dict[str, Path]]) -> list[DocScore]:
    out: list[DocScore] = []
    for folder in folders:
        labels = yaml.safe_load((folder / "labels.yaml").read_text("utf-8"))["relations"]
        for fmt, path in sorted(files[folder.name].items()):
            analysis = analyse(path)
            checks = [c for cs in analysis.checks.values() for c in cs]
            out.append(score(f"{folder.name}.{fmt}", labels, checks))
    return out


def summary(scores: list[DocScore]) -> dict[str, float]:
    labels = sum(s.labels for s in scores)
    inconsistent = sum(s.inconsistent for s in scores)
    return {
        "documents": len(scores),
        "labels": labels,
        "coverage": sum(s.covered for s in scores) / labels if labels else 0.0,
        "inconsistent": inconsistent,
        "recall": sum(s.found for s in scores) / inconsistent if inconsistent else 1.0,
        "false_errors_per_10_documents": 10 * sum(len(s.false_errors) for s in scores) / len(scores) if scores else 0.0,
        "false_hints_per_document": sum(len(s.false_hints) for s in scores) / len(scores) if scores else 0.0,
    }
