"""Audit batches from the web: save the uploads, run the auditor in the background, record progress.

Uploaded files are stored under ``data_dir/audits/<batch>/`` with names the server
makes (``0001.docx``); the name the user gave is kept only for display. The
batch is run by a thread of the process that received it; its progress and
every finding go to the store as each document finishes, so any worker process
can show them. A batch left running by a process that no longer exists is
marked as interrupted when the app starts.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jixiao.audit.api import AuditReport
from jixiao.audit.finding import AuditFinding
from jixiao.store.database import Database
from jixiao.store.rows import log
from jixiao.store.tables import AuditBatch, AuditFindingRow
from jixiao.store.web_tables import AuditDocument, AuditRun

MAX_FILES = 500
RUNNER = f"{socket.gethostname()}:{os.getpid()}"


class AuditUploadError(ValueError):
    """Uploads that cannot make a batch; ``problems`` are (file name, Chinese reason)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("；".join(f"{n}：{m}" for n, m in problems))


def supported() -> tuple[str, ...]:
    from jixiao.audit.documents import SUPPORTED

    return tuple(SUPPORTED)


def display_name(raw: str | None, position: int) -> str:
    """The uploaded file's own name without any folder part, for display only."""
    name = PureWindowsPath(PurePosixPath(raw or "").name).name.strip()
    name = "".join(c for c in name if c.isprintable())[:200]
    return name or f"文件{position}"


def _suffix(name: str) -> str:
    return PurePosixPath(name.lower()).suffix


@dataclass(frozen=True)
class Upload:
    name: str
    stream: BinaryIO


def check_uploads(uploads: list[Upload]) -> None:
    """Refuse the batch when it is empty, too long or holds a type the auditor cannot read."""
    kinds = supported()
    problems: list[tuple[str, str]] = []
    if not uploads:
        problems.append(("", "请至少选择一个报告文件"))
    if len(uploads) > MAX_FILES:
        problems.append(("", f"一次最多审核 {MAX_FILES} 个文件，本次为 {len(uploads)} 个；请分批提交"))
    for u in uploads:
        if _suffix(u.name) not in kinds:
            problems.append((u.name, f"不支持的文件类型 {_suffix(u.name) or '（无扩展名）'}，应为 {'、'.join(kinds)}"))
    if problems:
        raise AuditUploadError(problems)


def batch_dir(data_dir: Path, batch_id: int) -> Path:
    return data_dir / "audits" / str(batch_id)


def create_batch(db: Database, data_dir: Path, actor: str, name: str, uploads: list[Upload]) -> int:
    """Save the files and the queued batch; returns the batch id (the caller starts the run)."""
    check_uploads(uploads)
    now = datetime.now(UTC)

    def add(session: Session) -> int:
        batch = AuditBatch(name=name[:500] or "报告审核", created_by=actor, created_at=now,
                           document_count=len(uploads), finding_count=0)
        session.add(batch)
        session.flush()
        session.add(AuditRun(batch_id=batch.id, status="queued", total=len(uploads), done=0, runner=RUNNER,
                             error=None, updated_at=now))
        for i, u in enumerate(uploads, 1):
            session.add(AuditDocument(batch_id=batch.id, position=i, name=u.name, status="pending", error=None,
                                      figures=0, errors=0, hints=0))
        log(session, actor, "audit", f"审核批次 {batch.id}", name=batch.name, documents=[u.name for u in uploads])
        return batch.id

    batch_id = db.write(add)
    folder = batch_dir(data_dir, batch_id)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for i, u in enumerate(uploads, 1):
            with (folder / f"{i:04d}{_suffix(u.name)}").open("xb") as fh:
                shutil.copyfileobj(u.stream, fh, 1024 * 1024)
    except BaseException:
        _fail(db, batch_id, "保存上传文件时出错，审核未进行；请重新提交")
        raise
    return batch_id


def start(db: Database, data_dir: Path, batch_id: int, workers: int = 1) -> threading.Thread:
    thread = threading.Thread(target=run, args=(db, data_dir, batch_id, workers), name=f"audit-{batch_id}",
                              daemon=True)
    thread.start()
    return thread


def run(db: Database, data_dir: Path, batch_id: int, workers: int = 1) -> None:
    """Audit every document of the batch in order, recording each result as it finishes."""
    from jixiao.audit.batch import run_batch

    folder = batch_dir(data_dir, batch_id)
    with db.reading() as session:
        docs = list(session.scalars(select(AuditDocument).where(AuditDocument.batch_id == batch_id)
                                    .order_by(AuditDocument.position)))
    files = [folder / f"{d.position:04d}{_suffix(d.name)}" for d in docs]
    _set(db, batch_id, status="running")
    try:
        for doc, report in zip(docs, run_batch(files, jobs=workers), strict=True):
            _record(db, batch_id, doc.id, doc.name, report)
    except Exception as exc:
        _fail(db, batch_id, f"审核过程中出错（{type(exc).__name__}），批次未完成")
        raise
    _set(db, batch_id, status="done")


def _set(db: Database, batch_id: int, **values: object) -> None:
    def work(session: Session) -> None:
        session.execute(update(AuditRun).where(AuditRun.batch_id == batch_id)
                        .values(updated_at=datetime.now(UTC), **values))

    db.write(work)


def _fail(db: Database, batch_id: int, message: str) -> None:
    _set(db, batch_id, status="failed", error=message)


def _record(db: Database, batch_id: int, doc_id: int, name: str, report: AuditReport) -> None:
    def work(session: Session) -> None:
        doc = session.get(AuditDocument, doc_id)
        assert doc is not None
        doc.status = "unreadable" if report.error else "done"
        doc.error = report.error
        doc.figures = report.figures
        doc.errors = report.errors
        doc.hints = report.hints
        for f in report.findings:
            session.add(AuditFindingRow(
                batch_id=batch_id, document=name, rule=f.rule, severity=f.severity, location=f.location,
                quote=f.quote, stated=f.stated, expected=f.expected, explanation=f.explanation,
                detail={"title": f.title, "figures": list(f.figures), "document_id": doc_id}))
        session.execute(update(AuditBatch).where(AuditBatch.id == batch_id)
                        .values(finding_count=AuditBatch.finding_count + len(report.findings)))
        session.execute(update(AuditRun).where(AuditRun.batch_id == batch_id)
                        .values(done=AuditRun.done + 1, updated_at=datetime.now(UTC)))

    db.write(work)


def recover_interrupted(db: Database) -> int:
    """Mark batches whose runner process on this host is gone as failed; returns how many."""
    host = socket.gethostname()

    def work(session: Session) -> int:
        n = 0
        for r in session.scalars(select(AuditRun).where(AuditRun.status.in_(("queued", "running")))):
            rhost, _, pid = r.runner.rpartition(":")
            if rhost == host and pid.isdigit() and not _alive(int(pid)):
                r.status = "failed"
                r.error = "服务器在审核过程中重启，批次未完成；请重新提交这些报告"
                r.updated_at = datetime.now(UTC)
                n += 1
        return n

    return db.write(work)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class BatchView:
    id: int
    name: str
    created_by: str
    created_at: datetime
    status: str
    total: int
    done: int
    error: str | None
    documents: tuple[AuditDocument, ...]
    findings: tuple[AuditFindingRow, ...]

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


def load(session: Session, batch_id: int, with_findings: bool = True) -> BatchView | None:
    batch = session.get(AuditBatch, batch_id)
    run_row = session.get(AuditRun, batch_id)
    if batch is None or run_row is None:
        return None
    docs = tuple(session.scalars(select(AuditDocument).where(AuditDocument.batch_id == batch_id)
                                 .order_by(AuditDocument.position)))
    findings: tuple[AuditFindingRow, ...] = ()
    if with_findings:
        findings = tuple(session.scalars(select(AuditFindingRow).where(AuditFindingRow.batch_id == batch_id)
                                         .order_by(AuditFindingRow.id)))
    return BatchView(batch.id, batch.name, batch.created_by, batch.created_at, run_row.status, run_row.total,
                     run_row.done, run_row.error, docs, findings)


def batches(session: Session, created_by: str | None = None, limit: int = 50) -> list[tuple[AuditBatch, AuditRun]]:
    query = select(AuditBatch, AuditRun).join(AuditRun, AuditRun.batch_id == AuditBatch.id)
    if created_by is not None:
        query = query.where(AuditBatch.created_by == created_by)
    return [(b, r) for b, r in session.execute(query.order_by(AuditBatch.id.desc()).limit(limit))]


def reports(view: BatchView) -> list[AuditReport]:
    """The batch as the auditor's reports again, for the shared .xlsx export."""
    by_doc: dict[int, list[AuditFinding]] = {}
    for f in view.findings:
        d = f.detail
        by_doc.setdefault(int(d.get("document_id", 0)), []).append(AuditFinding(
            rule=f.rule, title=str(d.get("title", "")), severity=f.severity, quote=f.quote, location=f.location,
            stated=f.stated, expected=f.expected, figures=tuple(d.get("figures", ())), explanation=f.explanation,
            file=f.document))
    return [AuditReport(path=doc.name, findings=by_doc.get(doc.id, []), error=doc.error, figures=doc.figures)
            for doc in view.documents if doc.status != "pending"]


def as_json(view: BatchView) -> dict[str, object]:
    return {
        "id": view.id,
        "name": view.name,
        "status": view.status,
        "total": view.total,
        "done": view.done,
        "error": view.error,
        "documents": [{"name": d.name, "status": d.status, "error": d.error, "errors": d.errors, "hints": d.hints}
                      for d in view.documents],
        "findings": [{"document": f.document, "rule": f.rule, "title": f.detail.get("title", ""),
                      "severity": f.severity, "location": f.location, "quote": f.quote, "stated": f.stated,
                      "expected": f.expected, "figures": f.detail.get("figures", []), "explanation": f.explanation}
                     for f in view.findings],
    }

