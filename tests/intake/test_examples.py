"""Each committed example workbook is the YAML example, read back field for field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.frameworks import FrameworkNotFound, get_framework
from jixiao.intake.template import workbook_bytes
from jixiao.intake.workbook import read_workbook
from jixiao.model.load import load_department
from tests.helpers import EXAMPLES, ROOT

YAMLS = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("source", YAMLS, ids=[p.stem for p in YAMLS])
def test_example_workbook_reads_back_as_its_yaml(source: Path) -> None:
    workbook = source.with_suffix(".xlsx")
    assert workbook.exists(), f"run scripts/build_example_workbooks.py to create {workbook.name}"
    expected, yaml_findings = load_department(source)
    got, findings = read_workbook(workbook)
    assert expected is not None
    assert got == expected
    assert [(f.code, f.message) for f in findings] == [(f.code, f.message) for f in yaml_findings]


@pytest.mark.parametrize("source", YAMLS, ids=[p.stem for p in YAMLS])
def test_example_workbook_is_up_to_date(source: Path) -> None:
    dy, _ = load_department(source)
    assert dy is not None
    try:
        fw = get_framework(dy.framework) if dy.framework else None
    except FrameworkNotFound:
        fw = None
    assert workbook_bytes(dy, fw) == source.with_suffix(".xlsx").read_bytes()


def test_wanzhou_workbook_evaluates_exactly_as_yaml() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def run(name: str) -> dict[str, object]:
        done = subprocess.run([sys.executable, "-m", "jixiao", "evaluate", str(EXAMPLES / name), "--json"],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        result: dict[str, object] = json.loads(done.stdout)
        return result

    from_xlsx = run("wanzhou-2020.xlsx")
    assert from_xlsx == run("wanzhou-2020.yaml")
    assert (from_xlsx["total"], from_xlsx["grade"]) == ("94", "优")
