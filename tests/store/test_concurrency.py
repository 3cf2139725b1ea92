"""Integrity under concurrency and crashes, on SQLite and PostgreSQL, with real processes."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from jixiao.store import ImportStatus, Store
from jixiao.store.tables import ComparePeer, DepartmentYearRow, Evaluation, IndicatorScore, Revision
from tests.store.generate import generate, write_files

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8


def _spawn(url: str, files: list[Path]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JIXIAO_USER": "并发测试"}
    env.pop("JIXIAO_DATABASE_URL", None)
    return subprocess.Popen([sys.executable, "-m", "jixiao", "import", "--db", url, *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                            stdin=subprocess.DEVNULL)


def _consistent(store: Store) -> tuple[int, int]:
    """Every department-year whole: its revisions numbered 1..latest, the newest evaluated once, with scores, and
    its compare row on that evaluation."""
    with store.db.reading() as s:
        rows = s.scalars(sa.select(DepartmentYearRow)).all()
        for row in rows:
            numbers = s.scalars(sa.select(Revision.number).where(Revision.department_year_id == row.id)
                                .order_by(Revision.number)).all()
            assert numbers == list(range(1, row.latest_revision + 1)) and numbers, (row.id, numbers)
            current = s.scalars(sa.select(Evaluation).join(Revision, Revision.id == Evaluation.revision_id)
                                .where(Revision.department_year_id == row.id, Evaluation.current)).all()
            assert len(current) == 1
            # the derived compare row follows the current evaluation (jixiao.store.peers), even under races and kills
            peer = s.scalars(sa.select(ComparePeer.evaluation_id).where(ComparePeer.department_year_id == row.id)).all()
            assert peer == [current[0].id], (row.id, peer, current[0].id)
            assert s.execute(sa.select(sa.func.count()).select_from(IndicatorScore)
                             .where(IndicatorScore.evaluation_id == current[0].id)).scalar_one() > 0
        revisions = s.execute(sa.select(sa.func.count()).select_from(Revision)).scalar_one()
        return len(rows), int(revisions)


def test_eight_processes_lose_nothing_and_duplicate_nothing(store: Store, db_url: str, tmp_path: Path) -> None:
    files = write_files(tmp_path / "in", generate(PROCESSES * 4 + 12, seed=7))
    shared, own = files[:12], files[12:]
    rng = random.Random(3)
    procs = []
    for k in range(PROCESSES):
        mine = own[k * 4:(k + 1) * 4] + shared
        rng.shuffle(mine)
        procs.append(_spawn(db_url, mine))
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "失败 0" in out
    assert _consistent(store) == (len(files), len(files))
    log = store.change_log(limit=10_000)
    imports = [e for e in log if e.action == "import"]
    assert len(imports) == len(files)
    assert len([e for e in log if e.action == "import-unchanged"]) == (PROCESSES - 1) * len(shared)


def test_killed_import_leaves_no_half_written_department_year(store: Store, db_url: str, tmp_path: Path) -> None:
    files = write_files(tmp_path / "in", generate(120, seed=11))
    proc = _spawn(db_url, files)
    deadline = time.monotonic() + 120
    engine = sa.create_engine(db_url)
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                done = conn.execute(sa.text("SELECT count(*) FROM revision")).scalar_one()
            if done >= 10:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        engine.dispose()
    assert proc.returncode == -signal.SIGKILL
    rows, revisions = _consistent(store)
    assert 10 <= rows == revisions < len(files)
    # Importing again completes the set: nothing duplicated, nothing missing.
    outcomes = store.import_paths(files, user="重试")
    assert sum(o.status is ImportStatus.UNCHANGED for o in outcomes) == rows
    assert sum(o.status is ImportStatus.NEW for o in outcomes) == len(files) - rows
    assert _consistent(store) == (len(files), len(files))


def test_failure_inside_the_transaction_rolls_everything_back(store: Store, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.store import importing

    [path] = write_files(tmp_path / "in", generate(1, seed=5))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("磁盘已满（测试注入）")

    monkeypatch.setattr(importing, "log_many", broken)  # after the rows are written, before commit
    [o] = store.import_paths([path], user="甲")
    assert o.status is ImportStatus.FAILED and "磁盘已满（测试注入）" in o.findings[0].message
    counts = store.counts()
    assert (counts["department"], counts["department_year"], counts["revision"], counts["change_log"]) == (0, 0, 0, 0)
    monkeypatch.undo()
    [again] = store.import_paths([path], user="甲")
    assert (again.status, again.revision) == (ImportStatus.NEW, 1)


def _import_at_barrier(url: str, path: str, barrier: Any, results: Any) -> None:
    store = Store.open(url)
    try:
        barrier.wait(timeout=120)
        [outcome] = store.import_paths([Path(path)], user="客户端")
        results.put(outcome.status.value)
    finally:
        store.close()


def test_two_clients_importing_the_same_file_at_once_make_one_revision(store: Store, db_url: str,
                                                                        tmp_path: Path) -> None:
    """Both start at one barrier; one adds the revision, the other finds the same data (sha256) and adds nothing."""
    ctx = multiprocessing.get_context("spawn")
    files = write_files(tmp_path / "in", generate(3, seed=13))
    for path in files:
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_import_at_barrier, args=(db_url, str(path), barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=300)
            assert p.exitcode == 0
        assert sorted(results.get(timeout=10) for _ in procs) == ["new", "unchanged"]
    assert _consistent(store) == (3, 3)  # one revision each, evaluated once
    log = store.change_log(limit=100)
    assert sorted(e.action for e in log) == ["import"] * 3 + ["import-unchanged"] * 3
    with store.db.reading() as s:
        shas = s.scalars(sa.select(Revision.source_sha256)).all()
    assert sorted(shas) == sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in files)
