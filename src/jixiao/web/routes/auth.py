"""Logging in and out, the start page by role, and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from jixiao.web.accounts import TooManyAttempts
from jixiao.web.csrf import csrf_token, require_csrf
from jixiao.web.deps import SESSION_USER, FormText, PageUser, client_address, services
from jixiao.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])

HOME = {"department": "/department", "reviewer": "/review", "admin": "/admin/users"}


def _safe_next(target: str) -> str:
    """Only a local path may follow the login (no open redirect)."""
    if target.startswith("/") and not target.startswith(("//", "/\\")) and "\n" not in target:
        return target
    return ""


@router.get("/healthz")
def healthz() -> PlainTextResponse:
    return PlainTextResponse("ok")


@router.get("/login")
def login_page(request: Request, next: str = "") -> Response:
    return render(request, "login.html", title="登录", error=None, next=_safe_next(next), username="")


@router.post("/login")
async def login(request: Request, username: FormText = "", password: FormText = "", next: FormText = "") -> Response:
    svc = services(request)
    try:
        user = await run_in_threadpool(svc.login, username, password, client_address(request))
    except TooManyAttempts as exc:
        return render(request, "login.html", status_code=429, title="登录", error=str(exc), next=_safe_next(next),
                      username=username)
    if user is None:
        return render(request, "login.html", status_code=401, title="登录", error="用户名或密码错误",
                      next=_safe_next(next), username=username)
    request.session.clear()  # a new session (and a new CSRF token) after logging in
    request.session[SESSION_USER] = user.id
    csrf_token(request)

    return RedirectResponse(_safe_next(next) or HOME[user.role], status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(user: PageUser) -> Response:
    return RedirectResponse(HOME[user.role], status_code=303)
