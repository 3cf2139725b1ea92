"""The one atomic writer: no overwrite without force, nothing half-written, stale temporaries removed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jixiao.safeio.atomic import (
    TMP_MARK,
    WouldOverwrite,
    atomic_output,
    atomic_write,
    clean_stale,
    temp_path,
)
from jixiao.safeio.limits import Refused


def test_writes_with_the_users_permissions(tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    old = os.umask(0o022)
    try:
        atomic_write(target, b"data")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"data"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's 0600
    assert [p.name for p in tmp_path.iterdir()] == ["模板.xlsx"]


def test_refuses_an_existing_file_unless_forced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"mine")
    os.chmod(target, 0o640)
    with pytest.raises(WouldOverwrite, match="文件已存在，未覆盖；如需覆盖请加 --force"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"mine"
    atomic_write(target, b"new", force=True)
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(WouldOverwrite), atomic_output(target) as tmp:
        tmp.write_bytes(b"ours")
        target.write_bytes(b"someone else's")
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_a_failure_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="无法写入（所在文件夹不存在）"):
        atomic_write(tmp_path / "no" / "such" / "x.csv", b"x")


def test_a_file_on_the_way_to_the_output_is_named(tmp_path: Path) -> None:
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework
    from jixiao.model.load import load_department
    from jixiao.report.package import write_package
    from tests.helpers import EXAMPLES

    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None and dy.framework is not None
    fw = get_framework(dy.framework)
    (tmp_path / "report").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(Refused) as refused:
        write_package(dy, evaluate(dy, fw), fw, tmp_path / "report" / "out", ["md"])
    assert refused.value.located() == f"文件 {tmp_path / 'report' / 'out'}：无法写入（路径中有一段不是文件夹：{tmp_path / 'report'}）"


def test_stale_temporaries_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale_dir = tmp_path / f".out{TMP_MARK}{pid}-abcd1234"
    stale_dir.mkdir()
    (stale_dir / "自评报告.docx").write_bytes(b"half")
    stale_file = tmp_path / f".评分表.xlsx{TMP_MARK}{pid}-0f0f0f0f"
    stale_file.write_bytes(b"half")
    live = temp_path(tmp_path / "mine.xlsx")  # this process is alive: its temporary stays
    live.write_bytes(b"in progress")
    old_live = tmp_path / f".x{TMP_MARK}1-0000aaaa"  # pid 1 is alive, but a day-old temporary is stale
    old_live.write_bytes(b"")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old_live, (day_ago, day_ago))
    unrelated = tmp_path / ".hidden-user-file"
    unrelated.write_bytes(b"")
    removed = clean_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted([stale_dir.name, stale_file.name, old_live.name])
    assert live.exists() and unrelated.exists()


def test_an_interrupt_just_after_the_temporary_folder_is_made_leaves_nothing(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM raises in the main process at the next bytecode: right after ``mkdir`` returned, before the block
    that removes the folder (a fresh-clone CI run once found ``.报告.jixiao-tmp-…`` left behind this way)."""
    from jixiao.safeio.atomic import temporary_dir

    made = Path.mkdir

    def mkdir_then_interrupted(self: Path, *args: object, **kwargs: object) -> None:
        made(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "mkdir", mkdir_then_interrupted)
    with pytest.raises(KeyboardInterrupt), temporary_dir(tmp_path / "报告"):
        pass
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
