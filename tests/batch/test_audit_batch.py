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


def test_a_batch_keeps_only_what_its_outputs_use_of_each_report(tmp_path: Path) -> None:
    """The reports a batch yields (and its caller keeps, every one) carry the findings, figures and error of the
    report audited alone, without its claims and relations."""
    from jixiao.audit.api import audit_path
    from jixiao.audit.batch import run_batch

    files = sorted((AUDIT_DATA / "modelled").glob("*.txt"))[:6]
    (tmp_path / "empty.docx").write_bytes(b"")
    files.append(tmp_path / "empty.docx")
    alone = [audit_path(f) for f in files]
    assert sum(len(r.relations) for r in alone) > 0 and all(r.claims is not None for r in alone[:-1])
    for jobs in (1, 2):
        reports = list(run_batch(files, jobs=jobs))
        assert [(r.path, r.findings, r.figures, r.error) for r in reports] == [
            (a.path, a.findings, a.figures, a.error) for a in alone]
        assert [(r.claims, r.relations) for r in reports] == [(None, [])] * len(files)
    assert sum(len(r.findings) for r in alone) > 0 and alone[-1].error == "文件为空"
