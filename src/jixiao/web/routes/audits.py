"""Reviewer pages: audit a batch of submitted reports, watch its progress, read and export the findings."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from jixiao.web import audits
from jixiao.web.accounts import Principal
from jixiao.web.csrf import require_csrf
from jixiao.web.deps import ReviewerPage, services
from jixiao.web.downloads import attachment
from jixiao.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])


async def form_uploads(request: Request, field: str) -> tuple[list[audits.Upload], str]:
    form = await request.form()
    uploads = [audits.Upload(audits.display_name(f.filename, i), f.file)
               for i, f in enumerate(form.getlist(field), 1) if isinstance(f, UploadFile) and (f.filename or f.size)]
    name = form.get("name")
    return uploads, name.strip() if isinstance(name, str) else ""


def visible_batch(request: Request, user: Principal, batch_id: int, with_findings: bool = True) -> audits.BatchView:
    """The batch when this reviewer created it; otherwise 404 (its existence is not revealed)."""
    with services(request).db.reading() as session:
        view = audits.load(session, batch_id, with_findings)
    if view is None or view.created_by != user.name:
        raise HTTPException(status_code=404, detail="没有这个审核批次")
    return view


@router.get("/audits")
def audit_list(request: Request, user: ReviewerPage) -> Response:
    with services(request).db.reading() as session:
        rows = audits.batches(session, created_by=user.name)
    return render(request, "audits.html", title="报告审核", rows=rows, kinds=audits.supported(), problems=[])


@router.post("/audits")
async def audit_create(request: Request, user: ReviewerPage) -> Response:
    svc = services(request)
    uploads, name = await form_uploads(request, "files")
    try:
        batch_id = await run_in_threadpool(audits.create_batch, svc.db, svc.settings.data_dir, user.name,
                                           name or f"{len(uploads)} 份报告", uploads)
    except audits.AuditUploadError as exc:
        with svc.db.reading() as session:
            rows = audits.batches(session, created_by=user.name)
        return render(request, "audits.html", status_code=422, title="报告审核", rows=rows,
                      kinds=audits.supported(), problems=exc.problems)
    audits.start(svc.db, svc.settings.data_dir, batch_id, svc.settings.audit_workers)
    return RedirectResponse(f"/audits/{batch_id}", status_code=303)


@router.get("/audits/{batch_id}")
def audit_page(request: Request, user: ReviewerPage, batch_id: int) -> Response:
    view = visible_batch(request, user, batch_id)
    return render(request, "audit.html", title=f"审核批次 {view.id}", view=view)


@router.get("/audits/{batch_id}/progress")
def audit_progress(request: Request, user: ReviewerPage, batch_id: int) -> Response:
    """The htmx fragment polled while the batch runs; once finished it stops polling."""
    view = visible_batch(request, user, batch_id)
    return render(request, "_audit_result.html", view=view)


@router.get("/audits/{batch_id}/export.xlsx")
def audit_export(request: Request, user: ReviewerPage, batch_id: int) -> Response:
    from jixiao.audit.export import write

    view = visible_batch(request, user, batch_id)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "export.xlsx"
        write(audits.reports(view), target)
        body = target.read_bytes()
    return attachment(body, f"审核结果-批次{view.id}.xlsx")
