"""Department pages: template, upload, result with deductions and charts, manual scores, files, history."""

from __future__ import annotations

import shutil
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from jixiao.store.tables import Department
from jixiao.web import submissions
from jixiao.web.accounts import Principal
from jixiao.web.charts import from_spec
from jixiao.web.csrf import require_csrf
from jixiao.web.deps import DepartmentPage, PageUser, services
from jixiao.web.downloads import attachment
from jixiao.web.submissions import NotYours, Rejected
from jixiao.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])


def default_year() -> int:
    """Self-evaluations are written for the year just ended."""
    return date.today().year - 1


@router.get("/department")
def department_home(request: Request, user: DepartmentPage) -> Response:
    with services(request).db.reading() as session:
        depts = list(session.scalars(select(Department).where(Department.id.in_(user.department_ids))
                                     .order_by(Department.parent_id.is_not(None), Department.name)))
        rows = submissions.history(session, user.department_ids)
    latest = [r for r in rows if r.latest]
    return render(request, "department.html", title="本部门", departments=depts, latest=latest,
                  year=default_year(), findings=[])


@router.get("/department/template.xlsx")
def department_template(request: Request, user: DepartmentPage, year: int | None = None) -> Response:
    """The intake workbook listing the management items of the framework for the user's region and year."""
    from jixiao.intake.template import workbook_bytes
    from jixiao.store.assign import NoFramework, resolve

    year = year or default_year()
    if not 2000 <= year <= 2100:
        raise HTTPException(status_code=422, detail="年度应在 2000 到 2100 之间")
    fw = None
    with services(request).db.reading() as session:
        dept = session.get(Department, user.department_id)
        region = dept.region.name if dept is not None else None
        try:
            _, fw = resolve(session, region or None, year)
        except NoFramework:
            fw = None
    body = workbook_bytes(None, fw)
    return attachment(body, f"绩效自评填报-{year}.xlsx")


@router.post("/submissions")
async def upload(request: Request, user: DepartmentPage) -> Response:
    svc = services(request)
    form = await request.form()
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _rejected(request, user, ["请选择要上传的填报工作簿（.xlsx）"], [])
    try:
        outcome = await submissions.submit(svc.db, user, file.filename, file.file, svc.intake)
    except NotYours as exc:
        raise HTTPException(status_code=403, detail=str(exc)) from None
    if isinstance(outcome, Rejected):
        return _rejected(request, user, [], list(outcome.findings))
    return RedirectResponse(f"/submissions/{outcome.id}", status_code=303)


def _rejected(request: Request, user: Principal, problems: list[str], findings: list[object]) -> Response:
    with services(request).db.reading() as session:
        depts = list(session.scalars(select(Department).where(Department.id.in_(user.department_ids))
                                     .order_by(Department.name)))
        rows = submissions.history(session, user.department_ids)
    return render(request, "department.html", status_code=422, title="本部门", departments=depts,
                  latest=[r for r in rows if r.latest], year=default_year(), findings=findings, problems=problems)


def _view(request: Request, user: Principal, submission_id: int) -> submissions.SubmissionView:
    with services(request).db.reading() as session:
        view = submissions.load(session, user, submission_id)
    if view is None:
        raise HTTPException(status_code=404, detail="没有这份提交，或您无权查看")
    return view


@router.get("/submissions/{submission_id}")
def submission_page(request: Request, user: PageUser, submission_id: int) -> Response:
    svc = services(request)
    with svc.db.reading() as session:
        view = submissions.load(session, user, submission_id)
        if view is None:
            raise HTTPException(status_code=404, detail="没有这份提交，或您无权查看")
        charts = [(c.title, from_spec(c)) for c in submissions.charts(session, view)] if view.framework else []
    result = view.result or {}
    nodes = submissions.walk(result)
    missing = [
        {"name": n["name"], "reasons": n["missing"],
         "fields": [submissions.where_to_fill(p) for p in ((n.get("metric") or {}).get("missing") or [])]}
        for n in nodes if not n["children"] and n["status"] != "scored"
    ]
    return render(request, "submission.html", title=f"{view.department.name} {view.year} 年度", view=view,
                  result=result, nodes=nodes, missing=missing, charts=charts,
                  manual=submissions.manual_indicators(view), files=submissions.PACKAGE_FILES,
                  pdf=shutil.which("soffice") is not None or shutil.which("libreoffice") is not None,
                  can_edit=user.is_department and view.is_latest, problems=[])


@router.post("/submissions/{submission_id}/manual")
async def manual_scores(request: Request, user: DepartmentPage, submission_id: int) -> Response:
    svc = services(request)
    view = _view(request, user, submission_id)
    if not view.is_latest:
        raise HTTPException(status_code=409, detail="这不是最新版本；请在最新版本上录入人工评分")
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    dy, problems = submissions.with_manual_scores(view, fields)
    if dy is None:
        return render(request, "error.html", status_code=422, title="人工评分有误", message="；".join(problems))
    try:
        outcome, rev_id = await run_in_threadpool(submissions.store, svc.db, user, dy,
                                                  submissions.manual_source(dy, view.revision))
    except NotYours as exc:
        raise HTTPException(status_code=403, detail=str(exc)) from None
    if outcome.status.value == "failed":
        return render(request, "error.html", status_code=422, title="人工评分未保存",
                      message="；".join(f.message for f in outcome.findings))
    return RedirectResponse(f"/submissions/{rev_id or submission_id}", status_code=303)


@router.get("/submissions/{submission_id}/files/{name}")
def submission_file(request: Request, user: PageUser, submission_id: int, name: str) -> Response:
    return send_file(request, user, submission_id, name)


def send_file(request: Request, user: Principal, submission_id: int, name: str) -> Response:
    """One file of the report package; the name must be one of the server's own (never a path)."""
    if name not in submissions.FILES:
        raise HTTPException(status_code=404, detail="没有这个文件")
    svc = services(request)
    view = _view(request, user, submission_id)
    if view.evaluation is None:
        raise HTTPException(status_code=404, detail="这份提交还没有评价结果")
    body, reason = submissions.package_file(svc.db, svc.settings.data_dir, view, name)
    if body is None:
        raise HTTPException(status_code=404, detail=reason or "无法生成该文件")
    stem = f"{view.year}年度-第{view.revision.number}版-"  # server-made: no user text in the name
    return attachment(body, stem + name)


@router.get("/department/history")
def department_history(request: Request, user: DepartmentPage) -> Response:
    with services(request).db.reading() as session:
        rows = submissions.history(session, user.department_ids)
    return render(request, "history.html", title="历年记录", rows=rows)
