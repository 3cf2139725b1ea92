"""Batch audit: walk folders, audit on a process pool, never stop on a bad file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from jixiao.audit.api import AuditReport, audit_path
from jixiao.audit.documents import SUPPORTED
from jixiao.safeio.limits import current, env_name
from jixiao.safeio.pool import run_bounded, run_inline


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


def reviewed(report: AuditReport) -> AuditReport:
    """What a batch's outputs use of a report (findings, figures, error): its claims and relations stay where it
    was audited. A batch's caller keeps every report (the exports need them all): with the claims and relations
    that is ~40 KB per 15 KB report in the client's memory, without them a few KB."""
    return AuditReport(path=report.path, findings=report.findings, error=report.error, figures=report.figures)


def _one(args: tuple[str, tuple[str, ...]]) -> AuditReport:
    path, disabled = args
    try:
        return reviewed(audit_path(path, disabled))
    except Exception as exc:  # a bug on one file must not end the batch
        return AuditReport(path=path, error=f"审核时出错：{type(exc).__name__}: {exc}")


def _too_complex(args: tuple[str, tuple[str, ...]]) -> AuditReport:
    seconds = current().document_seconds
    return AuditReport(path=args[0], error=f"报告过于复杂：审核超过 {seconds} 秒仍未完成，已跳过"
                                           f"（可用环境变量 {env_name('document_seconds')} 调整，见 docs/security.md）")


def _crashed(args: tuple[str, tuple[str, ...]]) -> AuditReport:
    return AuditReport(path=args[0], error="审核进程意外退出（可能是内存不足），已跳过这份报告")


def run_batch(
    files: list[Path],
    disabled: tuple[str, ...] = (),
    jobs: int | None = None,
    on_done: Callable[[AuditReport], None] | None = None,
) -> Iterator[AuditReport]:
    """Audit files in input order; ``jobs`` processes (default: all cores; 1 = in process).

    Each report gets ``document_seconds`` (:mod:`jixiao.safeio.limits`); one that takes longer is
    listed as too complex and the batch goes on (:mod:`jixiao.safeio.pool`).
    """
    jobs = jobs or os.cpu_count() or 1
    args = [(str(f), disabled) for f in files]
    seconds = current().document_seconds
    if jobs == 1 or len(files) < 4:
        yield from run_inline(_one, args, seconds=seconds, on_timeout=_too_complex, on_done=on_done)
        return
    yield from run_bounded(_one, args, jobs=jobs, seconds=seconds, on_timeout=_too_complex, on_crash=_crashed,
                           on_done=on_done)
