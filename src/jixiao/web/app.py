"""The FastAPI application: pages for people, a JSON API for scripts, one store behind both."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from jixiao.web import errors
from jixiao.web.security import BodyLimit, SecurityHeaders
from jixiao.web.settings import WebSettings

SESSION_COOKIE = "jixiao_session"
ROUTERS = ("auth", "department", "review", "audits", "admin", "api")  # page routers by role, then the JSON API


def create_app(settings: WebSettings) -> FastAPI:
    """Build the app on the store named by ``settings``; the store's schema must be current."""
    from jixiao.web.services import Services

    services = Services.open(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        lifespan=lifespan,
        title="jixiao 绩效自评 API",
        version="1",
        description="部门整体支出绩效自评：提交填报数据、取得评价结果和报告文件、批量审核报告。"
        "认证：请求头 `Authorization: Bearer <令牌>`（令牌由 `jixiao users token NAME` 生成）。",
        docs_url=None,  # the interactive docs would load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.services = services
    app.state.settings = settings
    errors.install(app)
    _routes(app)
    # htmx comes from PyPI (django-js-lib-htmx ships it as a static file and imports nothing), not from a
    # copy in this repository; mounted before /static so that /static/htmx/… is served from there.
    app.mount("/static/htmx", StaticFiles(directory=str(files("js_lib_htmx") / "static" / "htmx")), name="htmx")
    app.mount("/static", StaticFiles(directory=str(files("jixiao.web") / "static")), name="static")
    # added last = outermost: size limit and headers see every response
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes, max_audit_bytes=settings.max_audit_upload_bytes)
    app.add_middleware(SecurityHeaders, secure=settings.secure_cookies)
    logging.getLogger("jixiao.web").setLevel(logging.INFO)
    return app


def _routes(app: FastAPI) -> None:
    import importlib

    for name in ROUTERS:
        app.include_router(importlib.import_module(f"jixiao.web.routes.{name}").router)
