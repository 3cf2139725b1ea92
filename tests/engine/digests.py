"""Fingerprints of evaluation results, to hold the engine's fast path to the results it gave before.

``expected.json`` was written by the engine as it was before the framework plans of
:mod:`jixiao.engine.plan` (commit 7165df0): every example under every bundled framework and
300 generated department-years under their own framework, each with its total, grade and the
SHA-256 of its whole result (every indicator's score, basis, deductions, missing data, standard
and metric with its inputs; every finding). The list of derived figures is left out of the
fingerprint so that adding a figure elsewhere does not disturb it; the figures an indicator
scores are in it.

    .venv/bin/python -m tests.engine.digests --write   # only when a result is meant to change
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.frameworks.load import bundled_ids
from jixiao.model import DepartmentYear
from tests.store.generate import NAMES, example, generate

EXPECTED = Path(__file__).with_name("expected.json")
GENERATED = 300


def cases() -> Iterator[tuple[str, DepartmentYear, str]]:
    for name in NAMES:
        dy = example(name)
        for fid in bundled_ids():
            yield f"{name}/{fid}", dy, fid
    for i, dy in enumerate(generate(GENERATED, seed=7)):
        yield f"generated-{i:03d}/{dy.framework}", dy, dy.framework or "national-2013"


def fingerprint(dy: DepartmentYear, framework_id: str) -> dict[str, Any]:
    result = evaluate(dy, get_framework(framework_id))
    whole = result.to_dict()
    del whole["figures"]
    text = json.dumps(whole, ensure_ascii=False, sort_keys=True)
    return {"total": whole["total"], "grade": whole["grade"], "sha256": hashlib.sha256(text.encode()).hexdigest()}


def fingerprints() -> dict[str, dict[str, Any]]:
    return {key: fingerprint(dy, fid) for key, dy, fid in cases()}


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.engine.digests --write")
    EXPECTED.write_text(json.dumps(fingerprints(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
