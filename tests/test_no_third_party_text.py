"""The repository holds only what we wrote: no sentence of a seed report is copied into it.

Every run of 60 characters (whitespace ignored) of every line of the original seed texts
is looked for in every file of the repository, as the team's pre-stop check does (that
check samples every 200th position; this one tries them all). Needs the originals from
``JIXIAO_CORPUS``; without them the test is skipped with the reason.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.audit.audit_helpers import CORPUS_ENV, corpus_dir

ROOT = Path(__file__).resolve().parent.parent
RUN = 60
SKIP_DIRS = {".git", ".venv", "out", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__", "build"}


def _repository_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / name for name in listed.decode().split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        return [p for p in ROOT.rglob("*") if p.is_file() and not SKIP_DIRS & set(p.relative_to(ROOT).parts)]


def test_no_sixty_character_run_of_a_seed_is_in_the_repository() -> None:
    folder = corpus_dir()
    if folder is None:
        pytest.skip(f"未运行：需要原始种子报告，请设置环境变量 {CORPUS_ENV}")
    seeds = sorted(folder.glob("*.txt"))
    assert seeds, f"{CORPUS_ENV}={folder} 中没有 .txt 文件"
    windows: set[str] = set()
    for seed in seeds:
        for line in seed.read_text(encoding="utf-8").splitlines():
            text = re.sub(r"\s+", "", line)
            windows.update(text[i:i + RUN] for i in range(len(text) - RUN + 1))
    copied: dict[str, str] = {}
    for path in _repository_files():
        try:
            body = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
        hit = next((body[i:i + RUN] for i in range(len(body) - RUN + 1) if body[i:i + RUN] in windows), None)
        if hit is not None:
            copied[str(path.relative_to(ROOT))] = hit
    assert copied == {}
