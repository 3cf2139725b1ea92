"""``jixiao audit --cluster``: the same audit, run on a Dask cluster (:mod:`jixiao.batch`).

Reports are read here and travel to the workers as bytes; the findings come back in input order,
so every output file is the same, byte for byte, as with ``--jobs``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from jixiao.audit.api import AuditReport
from jixiao.cli.common import err


def audit_on_cluster(files: list[Path], disabled: tuple[str, ...], cluster: str) -> list[AuditReport]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from jixiao.batch import EngineError, EngineSpec, run_batch
    from jixiao.batch.auditing import AuditOptions, audit_input, failed
    from jixiao.cli.evaluate_batch import read_inputs

    try:
        spec = EngineSpec(cluster=cluster)
    except EngineError as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(2) from None
    missing = {str(f) for f in files if not f.is_file()}
    reports: list[AuditReport] = []
    with Progress(TextColumn("审核"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
                  transient=True, disable=len(files) < 2 or not err.is_terminal) as progress:
        task = progress.add_task("audit", total=len(files))
        try:
            for r in run_batch(audit_input, read_inputs(files), AuditOptions(disabled), spec, on_error=failed,
                               total=len(files), most=32, weight=lambda i: len(i.data),
                               on_progress=lambda n: progress.advance(task, n)):
                reports.append(AuditReport(path=r.path, error="文件不存在") if r.path in missing else r)
        except EngineError as exc:
            err.print(f"[错误] {exc}", markup=False)
            raise typer.Exit(1) from None
    return reports
