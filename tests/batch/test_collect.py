"""Which files a batch takes from a folder: data files, sorted as paths, nothing hidden, no special files."""

from __future__ import annotations

import os
from pathlib import Path

from jixiao.cli.evaluate_batch import collect


def test_a_folder_gives_its_data_files_sorted_without_hidden_lock_or_special_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ("a/1.json", "a/.hidden/2.json", "a-c/3.yaml", "~$lock/4.json", "b/c/5.XLSX", "b/.6.json",
                 "b/~$7.xlsx", "b/8.txt", "9.yml", "b/c/.git/10.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "b" / "link.json").symlink_to(root / "a" / "1.json")  # a link to a file counts
    (root / "b" / "folder-link").symlink_to(root / "a")  # a link to a folder is not followed
    os.mkfifo(root / "b" / "pipe.json")  # never read: it would block the batch
    (root / "b" / "dir.json").mkdir()
    given = tmp_path / "given.yaml"
    got = collect([root, given])
    rel = [p.relative_to(root).as_posix() if p.is_relative_to(root) else p.name for p in got]
    # sorted as paths (a/1.json before a-c/…: by folder name, not by the text "a/" against "a-")
    assert rel == ["9.yml", "a/1.json", "a-c/3.yaml", "b/c/5.XLSX", "b/link.json", "given.yaml"]
