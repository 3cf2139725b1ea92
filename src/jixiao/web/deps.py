"""Request dependencies: the store, the signed-in user (session or token) and role checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from jixiao.web.accounts import Principal
from jixiao.web.services import Services

SESSION_USER = "uid"


def services(request: Request) -> Services:
    svc: Services = request.app.state.services
    return svc


async def page_user(request: Request) -> Principal:
    """The user of the session; anonymous visitors are sent to /login (401 → redirect)."""
    uid = request.session.get(SESSION_USER)
    if not isinstance(uid, int):
        raise HTTPException(status_code=401)
    user = await run_in_threadpool(services(request).session_principal, uid)
    if user is None:  # disabled or deleted since the session began
        request.session.pop(SESSION_USER, None)
        raise HTTPException(status_code=401)
    request.state.user = user
    return user


def page_role(*roles: str) -> Callable[..., Awaitable[Principal]]:
    async def check(request: Request, user: Annotated[Principal, Depends(page_user)]) -> Principal:
        if user.role not in roles:
            raise HTTPException(status_code=403)
        return user

    return check


BEARER_ERROR = "需要有效的 API 令牌：请求头 Authorization: Bearer <令牌>（令牌由 jixiao users token 生成）"


async def api_user(request: Request) -> Principal:
    """The user of the ``Authorization: Bearer`` token; the API never accepts the session cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(status_code=401, detail=BEARER_ERROR, headers={"WWW-Authenticate": "Bearer"})
    user = await run_in_threadpool(services(request).token_principal, token.strip())
    if user is None:
        raise HTTPException(status_code=401, detail=BEARER_ERROR, headers={"WWW-Authenticate": "Bearer"})
    return user


def api_role(*roles: str) -> Callable[..., Awaitable[Principal]]:
    async def check(request: Request, user: Annotated[Principal, Depends(api_user)]) -> Principal:
        if user.role not in roles:
            raise HTTPException(status_code=403, detail="您的角色无权进行此操作")
        return user

    return check


def client_address(request: Request) -> str:
    """The client's address as uvicorn reports it (behind a proxy: run uvicorn with --proxy-headers)."""
    return request.client.host if request.client else "unknown"


PageUser = Annotated[Principal, Depends(page_user)]
DepartmentPage = Annotated[Principal, Depends(page_role("department"))]
ReviewerPage = Annotated[Principal, Depends(page_role("reviewer"))]
AdminPage = Annotated[Principal, Depends(page_role("admin"))]
ApiUser = Annotated[Principal, Depends(api_user)]
DepartmentApi = Annotated[Principal, Depends(api_role("department"))]
ReviewerApi = Annotated[Principal, Depends(api_role("reviewer"))]
FormText = Annotated[str, Form()]
