"""The JSON API (``/api/v1``): the same operations as the pages, for scripts and other systems.

Authentication is ``Authorization: Bearer <token>`` only (tokens from ``jixiao users
token``); the session cookie is not accepted here, so the API needs no CSRF token.
Another department's submission answers 404, exactly as one that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from jixiao.findings import Finding
from jixiao.web import audits, submissions
from jixiao.web.deps import ApiUser, DepartmentApi, ReviewerApi, services
from jixiao.web.routes.department import send_file
from jixiao.web.submissions import NotYours, Rejected

router = APIRouter(prefix="/api/v1", tags=["api"])


class ApiFinding(BaseModel):
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    field: str | None = Field(None, description="数据字段路径，如 expenditure.basic")
    severity: str = "error"
    message: str


class FindingsError(BaseModel):
    findings: list[ApiFinding]


class Detail(BaseModel):
    detail: str


class SubmissionCreated(BaseModel):
    id: int = Field(description="提交编号（即数据版本编号）")
    department: str
    year: int
    revision: int = Field(description="该部门该年度的第几版")
    status: str = Field(description="new 新增 / revised 新版本 / unchanged 与最新版本相同、未新增")
    total: str | None = Field(description="总分（精确小数，字符串）")
    grade: str | None
    complete: bool


class AuditAccepted(BaseModel):
    id: int
    status: str
    url: str


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Detail, "description": "缺少或无效的 API 令牌"},
    403: {"model": Detail, "description": "角色无权进行此操作，或数据不属于本部门"},
    404: {"model": Detail, "description": "不存在，或不在您的权限范围内"},
    413: {"model": Detail, "description": "上传内容超过大小上限"},
}


def api_finding(f: Finding) -> ApiFinding:
    loc = f.location
    return ApiFinding(file=loc.file, sheet=loc.sheet, cell=loc.cell, line=loc.line, field=loc.path,
                      severity=f.severity.value, message=f.message)


def _s(v: object) -> str | None:
    return None if v is None else f"{v}"


@router.post("/submissions", status_code=201, response_model=SubmissionCreated,
             responses={**ERRORS, 422: {"model": FindingsError, "description": "文件有误：逐项列出工作表、单元格或行"}},
             summary="提交填报数据（.xlsx / .yaml / .json），评分并保存为新版本")
async def create_submission(request: Request, user: DepartmentApi,
                            file: Annotated[UploadFile, File(description="填报工作簿或数据文件")]) -> Any:
    svc = services(request)
    try:
        outcome = await submissions.submit(svc.db, user, file.filename, file.file, svc.intake)
    except NotYours as exc:
        raise HTTPException(status_code=403, detail=str(exc)) from None
    if isinstance(outcome, Rejected):
        body = FindingsError(findings=[api_finding(f) for f in outcome.findings])
        return JSONResponse(body.model_dump(), status_code=422)
    o = outcome.outcome
    return SubmissionCreated(id=outcome.id, department=o.department or "", year=o.year or 0, revision=o.revision or 0,
                             status=o.status.value, total=_s(o.total), grade=o.grade, complete=o.complete)


@router.get("/submissions", responses=ERRORS, summary="列出可见的提交（各部门、年度、版本）")
def list_submissions(request: Request, user: ApiUser) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from jixiao.store.tables import Department

    with services(request).db.reading() as session:
        ids = {d.id for d in session.scalars(select(Department)) if submissions.visible(user, d)}
        rows = submissions.history(session, ids)
    return [{"id": r.revision_id, "department": r.department, "year": r.year, "revision": r.number,
             "latest": r.latest, "total": _s(r.total), "grade": r.grade, "complete": r.complete,
             "imported_by": r.imported_by, "imported_at": r.imported_at.isoformat()} for r in rows]


@router.get("/submissions/{submission_id}", responses=ERRORS, summary="一份提交的完整评价结果")
def get_submission(request: Request, user: ApiUser, submission_id: int) -> dict[str, Any]:
    with services(request).db.reading() as session:
        view = submissions.load(session, user, submission_id)
    if view is None:
        raise HTTPException(status_code=404, detail="没有这份提交")
    ev = view.evaluation
    return {
        "id": view.revision.id,
        "department": view.department.name,
        "region": view.region,
        "year": view.year,
        "revision": view.revision.number,
        "latest": view.is_latest,
        "source": view.revision.source_name,
        "imported_by": view.revision.imported_by,
        "imported_at": view.revision.imported_at.isoformat(),
        "total": _s(ev.total) if ev else None,
        "max_total": _s(ev.max_total) if ev else None,
        "grade": ev.grade if ev else None,
        "complete": bool(ev and ev.complete),
        "store_findings": ev.findings if ev else [],
        "result": view.result,
        "files": list(submissions.FILES) if ev else [],
    }


@router.get("/submissions/{submission_id}/files/{name}", responses=ERRORS,
            response_class=Response, summary="报告文件：自评报告.docx、评分表.xlsx、数据表.xlsx、自评报告.md、result.json、自评报告.pdf")
def get_file(request: Request, user: ApiUser, submission_id: int, name: str) -> Response:
    return send_file(request, user, submission_id, name)


@router.post("/audits", status_code=202, response_model=AuditAccepted,
             responses={**ERRORS, 422: {"model": FindingsError, "description": "文件类型不支持或数量超限"}},
             summary="提交一批报告（.docx/.pdf/.txt/.md）进行审核；后台运行")
async def create_audit(request: Request, user: ReviewerApi, files: Annotated[list[UploadFile], File(description="报告文件，可多个")]) -> Any:
    svc = services(request)
    uploads = [audits.Upload(audits.display_name(f.filename, i), f.file) for i, f in enumerate(files, 1)]
    try:
        batch_id = await run_in_threadpool(audits.create_batch, svc.db, svc.settings.data_dir, user.name,
                                           f"API 提交的 {len(uploads)} 份报告", uploads)
    except audits.AuditUploadError as exc:
        body = FindingsError(findings=[ApiFinding(file=n or None, message=m) for n, m in exc.problems])
        return JSONResponse(body.model_dump(), status_code=422)
    audits.start(svc.db, svc.settings.data_dir, batch_id, svc.settings.audit_workers)
    return AuditAccepted(id=batch_id, status="queued", url=f"/api/v1/audits/{batch_id}")


@router.get("/audits/{batch_id}", responses=ERRORS, summary="审核批次的进度和发现")
def get_audit(request: Request, user: ReviewerApi, batch_id: int) -> dict[str, object]:
    with services(request).db.reading() as session:
        view = audits.load(session, batch_id)
    if view is None or view.created_by != user.name:
        raise HTTPException(status_code=404, detail="没有这个审核批次")
    return audits.as_json(view)
