"""The audit task of a batch: one submitted report (as bytes) in, its findings out.

The report is read by the auditor's own readers from a private copy named like the original, so a
worker needs no shared file system and the findings name the file as the reviewer gave it.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jixiao.audit.api import AuditReport
from jixiao.audit.batch import reviewed
from jixiao.batch.runner import Input


@dataclass(frozen=True)
class AuditOptions:
    disabled: tuple[str, ...] = ()


def failed(item: Input, reason: str) -> AuditReport:
    return AuditReport(path=item.name, error=reason)


def audit_input(item: Input, options: AuditOptions) -> AuditReport:
    """Audit one report; an unreadable one gives a report with ``error`` set. Runs on a worker."""
    from jixiao.audit.api import audit_document
    from jixiao.audit.documents import DocumentError, read_document

    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as tmp:
        path = Path(tmp) / (Path(item.name).name or "report")
        path.write_bytes(item.data)
        try:
            document = read_document(path)
        except DocumentError as exc:
            return AuditReport(path=item.name, error=str(exc))
    try:
        report = audit_document(dataclasses.replace(document, path=item.name), options.disabled)
    except Exception as exc:  # a bug on one file must not end the batch
        return AuditReport(path=item.name, error=f"审核时出错：{type(exc).__name__}: {exc}")
    return reviewed(report)  # the claims and relations stay on the worker
