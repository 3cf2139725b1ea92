"""Security at the HTTP edge: response headers and the request size limit (pure ASGI).

Both are plain ASGI middlewares so that they see every response, including
static files and errors, and so that an oversized upload is refused from its
``Content-Length`` before a single body byte is read; a body without a length
(chunked) is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()"),
)


def security_headers(secure: bool) -> list[tuple[str, str]]:
    """The headers every response carries; HSTS only when served over HTTPS."""
    headers = list(SECURITY_HEADERS)
    if secure:
        headers.append(("strict-transport-security", "max-age=31536000"))
    return headers


class SecurityHeaders:
    """Add the security headers to every HTTP response; responses to requests that
    carry a session or token are also marked ``no-store`` (no shared caching of private pages)."""

    def __init__(self, app: ASGIApp, secure: bool = False) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in security_headers(secure)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                if not static and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, add_headers)


class TooLarge(HTTPException):
    """Raised from ``receive`` when a body without a declared length passes the limit; an
    HTTPException so that FastAPI's body parsing passes it on as it is (not as a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))
        self.limit = limit


def _limit_for(path: str, default: int, audit: int) -> int:
    return audit if path.rstrip("/").endswith("/audits") else default


class BodyLimit:
    """Refuse request bodies above the limit with 413 (Chinese message; JSON under /api/)."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_audit_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_audit_bytes = max_audit_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        limit = _limit_for(path, self.max_bytes, self.max_audit_bytes)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send, path, limit)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge(limit)
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking)
        except TooLarge:
            if not started:
                await _send_413(send, path, limit)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def too_large_message(limit: int) -> str:
    return f"上传内容超过大小上限 {limit // (1024 * 1024)} MB，已拒绝；填报工作簿通常不到 1 MB，请检查是否选错了文件"


async def _send_413(send: Send, path: str, limit: int) -> None:
    message = too_large_message(limit)
    if path.startswith("/api/"):
        body = json.dumps({"detail": message}, ensure_ascii=False).encode()
        ctype = b"application/json"
    else:
        body = _plain_page("413 上传内容过大", message).encode()
        ctype = b"text/html; charset=utf-8"
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})


def _plain_page(title: str, message: str) -> str:
    """A minimal page for responses sent before the app (and its templates) is reached."""
    from html import escape

    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="/static/app.css"></head>'
        f'<body><main class="narrow"><h1>{escape(title)}</h1><p>{escape(message)}</p>'
        '<p><a href="/">返回首页</a></p></main></body></html>'
    )
