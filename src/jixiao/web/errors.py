"""Error responses: Chinese pages for people, JSON for the API, never a stack trace.

An unexpected exception is logged with an incident number on the server; the
person sees only that number, which lets an administrator find the log entry.
"""

from __future__ import annotations

import logging
import secrets

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from jixiao.web.templating import render

log = logging.getLogger("jixiao.web")

TITLES = {
    400: "请求有误",
    401: "需要登录",
    403: "无权访问",
    404: "页面不存在",
    405: "不支持的操作",
    413: "上传内容过大",
    415: "文件类型不支持",
    422: "数据有误",
    429: "尝试过于频繁",
    500: "系统内部错误",
}
DEFAULT_DETAIL = {
    401: "请先登录",
    403: "您没有访问此页面的权限",
    404: "您要找的页面或记录不存在",
    405: "此地址不支持这种请求方式",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _detail(exc: HTTPException) -> str:
    detail = exc.detail
    if isinstance(detail, str) and detail and not detail.isascii():
        return detail  # our own Chinese messages; framework defaults are English and replaced
    return DEFAULT_DETAIL.get(exc.status_code, TITLES.get(exc.status_code, "请求未能完成"))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if is_api(request):
        return JSONResponse({"detail": _detail(exc)}, status_code=exc.status_code, headers=headers)
    if exc.status_code == 401:
        target = "/login"
        if request.method == "GET":
            from urllib.parse import quote

            target += "?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(target, status_code=303)
    title = TITLES.get(exc.status_code, "请求未能完成")
    return render(request, "error.html", status_code=exc.status_code, title=title, message=_detail(exc),
                  headers=headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = "、".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        problems.append({"sheet": None, "cell": None, "line": None,
                         "message": f"参数 {where} 缺少或格式不正确" if where else "请求参数缺少或格式不正确"})
    if is_api(request):
        return JSONResponse({"findings": problems}, status_code=422)
    return render(request, "error.html", status_code=400, title=TITLES[400],
                  message="；".join(p["message"] or "" for p in problems), headers={})


async def server_error(request: Request, exc: Exception) -> Response:
    incident = secrets.token_hex(4)
    log.error("incident %s on %s %s", incident, request.method, request.url.path, exc_info=exc)
    message = f"系统内部错误，请稍后再试；如问题持续，请将事件编号 {incident} 告知系统管理员"
    from jixiao.web.security import security_headers

    headers = dict(security_headers(False))
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=500, headers=headers)
    try:
        return render(request, "error.html", status_code=500, title=TITLES[500], message=message, headers=headers)
    except Exception:  # the template itself failed: plain text, still no trace
        return Response(message, status_code=500, media_type="text/plain; charset=utf-8", headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)
