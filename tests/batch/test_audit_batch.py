"""``jixiao audit`` on one process and on a pool: the same findings, the same file, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.batch.cli import jixiao
from tests.helpers import ROOT

AUDIT_DATA = ROOT / "tests" / "audit" / "data"


def test_audit_jobs_1_and_jobs_2_write_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in [*sorted((AUDIT_DATA / "modelled").glob("*.txt")), *sorted((AUDIT_DATA / "synthetic").glob("*.txt"))]:
        shutil.copy(f, folder)
    (folder / "empty.docx").write_bytes(b"")  # unreadable: listed, the rest goes on
    outputs = {}
    for jobs in ("1", "2"):
        run = jixiao("audit", str(folder), "-o", str(tmp_path / f"{jobs}.json"), "--jobs", jobs)
        assert run.returncode == 1, run.stderr  # the modelled reports carry real inconsistencies
        outputs[jobs] = run.stdout.replace(str(tmp_path / f"{jobs}.json"), "OUT")
    assert outputs["1"] == outputs["2"] and "无法读取 1" in outputs["1"]
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()
    assert len(list(folder.iterdir())) > 5
