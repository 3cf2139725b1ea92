"""CSRF protection: a per-session synchronizer token on every unsafe request of the pages.

The token lives in the signed session cookie and is sent back in a hidden form
field (``csrf_token``) or, for htmx requests, in the ``X-CSRF-Token`` header that
the base template sets with ``hx-headers``. The JSON API does not use cookies
(only ``Authorization: Bearer``), so it needs no token.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

SESSION_KEY = "csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSED = "表单已失效或来源不明（缺少或错误的安全令牌），已拒绝；请刷新页面后重新提交"


def csrf_token(request: Request) -> str:
    """The session's token, made on first use (also for anonymous visitors of /login)."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


async def require_csrf(request: Request) -> None:
    """Dependency of every page router: unsafe methods must carry the session's token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get(SESSION_KEY)
    sent: object = request.headers.get(HEADER)
    if sent is None:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            sent = form.get(FIELD)
    if not isinstance(expected, str) or not expected or not isinstance(sent, str) \
            or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(status_code=403, detail=REFUSED)
