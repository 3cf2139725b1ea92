"""Admin pages: users, departments, framework assignments; every change goes to the change log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from jixiao.store.rows import log
from jixiao.web import accounts, admin
from jixiao.web.accounts import AccountError
from jixiao.web.csrf import require_csrf
from jixiao.web.deps import AdminPage, FormText, services
from jixiao.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])
T = TypeVar("T")


def _users_page(request: Request, status_code: int = 200, error: str | None = None, token: tuple[str, str] | None = None) -> Response:
    with services(request).db.reading() as session:
        users = accounts.list_users(session)
        depts = admin.departments(session)
        regions = admin.regions(session)
    return render(request, "admin_users.html", status_code=status_code, title="用户管理", users=users,
                  departments=depts, regions=regions, error=error, token=token, role_names=accounts.ROLE_NAMES)


async def _change(request: Request, work: Callable[[Session], T]) -> tuple[T | None, str | None]:
    try:
        return await run_in_threadpool(services(request).db.write, work), None
    except AccountError as exc:
        return None, str(exc)


@router.get("/admin/users")
def users(request: Request, user: AdminPage) -> Response:
    return _users_page(request)


@router.post("/admin/users")
async def add_user(request: Request, user: AdminPage, name: FormText = "", role: FormText = "", password: FormText = "",
                   department_id: FormText = "", region: FormText = "") -> Response:
    def work(session: Session) -> None:
        created = accounts.create_user(session, name, role, password, created_by=user.name,
                                       department_id=int(department_id) if department_id.isdigit() else None,
                                       region=region or None)
        log(session, user.name, "user.add", f"用户 {created.name}", role=created.role,
            department=created.department.name if created.department else None,
            region=created.region.name if created.region else None)

    _, error = await _change(request, work)
    if error:
        return _users_page(request, 422, error)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{name}/disable")
async def disable(request: Request, user: AdminPage, name: str) -> Response:
    def work(session: Session) -> None:
        if name == user.name:
            raise AccountError("不能停用自己的账号")
        accounts.disable_user(session, name)
        log(session, user.name, "user.disable", f"用户 {name}")

    _, error = await _change(request, work)
    if error:
        return _users_page(request, 422, error)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{name}/token")
async def token(request: Request, user: AdminPage, name: str) -> Response:
    def work(session: Session) -> str:
        value = accounts.issue_token(session, name, f"管理员 {user.name} 在网页生成")
        log(session, user.name, "user.token", f"用户 {name}")
        return value

    value, error = await _change(request, work)
    if error or value is None:
        return _users_page(request, 422, error)
    return _users_page(request, token=(name, value))


@router.get("/admin/departments")
def departments(request: Request, user: AdminPage) -> Response:
    return _departments_page(request)


def _departments_page(request: Request, status_code: int = 200, error: str | None = None) -> Response:
    with services(request).db.reading() as session:
        rows = admin.departments(session)
    return render(request, "admin_departments.html", status_code=status_code, title="部门管理", rows=rows, error=error)


@router.post("/admin/departments")
async def add_department(request: Request, user: AdminPage, region: FormText = "", name: FormText = "", code: FormText = "",
                         parent: FormText = "", level: FormText = "") -> Response:
    def work(session: Session) -> None:
        dept = admin.add_department(session, region, name, code, parent or None, level)
        log(session, user.name, "department.add", f"部门 {dept.name}", region=region, code=dept.code, parent=parent or None)

    _, error = await _change(request, work)
    if error:
        return _departments_page(request, 422, error)
    return RedirectResponse("/admin/departments", status_code=303)


@router.get("/admin/frameworks")
def frameworks(request: Request, user: AdminPage) -> Response:
    return _frameworks_page(request)


def _frameworks_page(request: Request, status_code: int = 200, error: str | None = None) -> Response:
    from jixiao.frameworks import bundled_ids, get_framework

    with services(request).db.reading() as session:
        rows = [(a.region.name, a.year, a.framework_version.framework_id, a.framework_version.name, a.assigned_by,
                 a.assigned_at) for a in admin.assignments(session)]
        regions = admin.regions(session)
    bundled = [(fid, get_framework(fid).name) for fid in bundled_ids()]
    return render(request, "admin_frameworks.html", status_code=status_code, title="评价框架", rows=rows,
                  bundled=bundled, regions=regions, error=error)


@router.post("/admin/frameworks")
async def assign_framework(request: Request, user: AdminPage, region: FormText = "", year: FormText = "", framework: FormText = "") -> Response:
    from jixiao.frameworks import bundled_ids
    from jixiao.store import assign

    def work(session: Session) -> None:
        if not region.strip():
            raise AccountError("请填写地区")
        if not year.isdigit() or not 2000 <= int(year) <= 2100:
            raise AccountError("年度应为 2000 到 2100 之间的整数")
        if framework not in bundled_ids():  # only bundled ids: a form never names a server file
            raise AccountError(f"没有内置框架「{framework}」")
        _, fw, previous = assign.assign(session, region.strip(), int(year), framework, user.name)
        log(session, user.name, "assign", f"{region.strip()} {year}", framework=fw.id, previous_version=previous)

    _, error = await _change(request, work)
    if error:
        return _frameworks_page(request, 422, error)
    return RedirectResponse("/admin/frameworks", status_code=303)
