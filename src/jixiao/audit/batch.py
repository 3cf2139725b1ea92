"""Batch audit: walk folders, audit on a process pool, never stop on a bad file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jixiao.audit.api import AuditReport, audit_path
from jixiao.audit.documents import SUPPORTED


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """Files given, plus supported reports found under given folders, sorted; missing paths kept (reported)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not f.name.startswith(("~$", "."))))
        else:
            out.append(p)
    return out


def _one(args: tuple[str, tuple[str, ...]]) -> AuditReport:
    path, disabled = args
    try:
        return audit_path(path, disabled)
    except Exception as exc:  # a bug on one file must not end the batch
        return AuditReport(path=path, error=f"审核时出错：{type(exc).__name__}: {exc}")


def run_batch(
    files: list[Path],
    disabled: tuple[str, ...] = (),
    jobs: int | None = None,
    on_done: Callable[[AuditReport], None] | None = None,
) -> Iterator[AuditReport]:
    """Audit files in input order; ``jobs`` processes (default: all cores; 1 = in process)."""
    jobs = jobs or os.cpu_count() or 1
    args = [(str(f), disabled) for f in files]
    if jobs == 1 or len(files) < 4:
        for a in args:
            r = _one(a)
            if on_done:
                on_done(r)
            yield r
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for r in pool.map(_one, args, chunksize=max(1, min(16, len(args) // (jobs * 8) or 1))):
            if on_done:
                on_done(r)
            yield r
