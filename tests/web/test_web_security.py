"""Security: every route as every role, CSRF, size limit, headers, downloads, no stack traces."""

from __future__ import annotations

import re
import socket
import time
import zipfile
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from tests.web.conftest import page_csrf
from tests.web.site import Site

Client = Callable[[str | None], TestClient]
ROLES = ("anon", "wz", "gz", "rev", "revgz", "root")  # department, another department, reviewer, regional reviewer, admin
LOGIN = 303  # a page asked for anonymously redirects to /login


def expect(anon: int, wz: int, gz: int, rev: int, revgz: int, root: int) -> dict[str, int]:
    return dict(zip(ROLES, (anon, wz, gz, rev, revgz, root), strict=True))


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def page(role_ok: str, status: int = 200) -> dict[str, int]:
    """A page of one role: 200 for it, 403 for the other roles, the login redirect for anonymous."""
    members = {"department": ("wz", "gz"), "reviewer": ("rev", "revgz"), "admin": ("root",)}[role_ok]
    return {r: LOGIN if r == "anon" else (status if r in members else 403) for r in ROLES}


def api(role_ok: str, status: int) -> dict[str, int]:
    members = {"department": ("wz", "gz"), "reviewer": ("rev", "revgz")}[role_ok]
    return {r: 401 if r == "anon" else (status if r in members else 403) for r in ROLES}


@pytest.fixture(scope="module")
def batch(app: FastAPI, tokens: dict[str, str]) -> int:
    r = TestClient(app).post("/api/v1/audits", headers={"Authorization": f"Bearer {tokens['rev']}"},
                             files=[("files", ("a.txt", "合计3万元，其中1万元、1万元。".encode(), "text/plain"))])
    assert r.status_code == 202
    return int(r.json()["id"])


def matrix(site: Site, batch: int, wz_latest: int = 1) -> list[tuple[str, str, str, dict[str, Any], dict[str, int]]]:
    """(method, route, concrete path, request kwargs, expected status per role); manual scores go to the
    newest revision (other tests may have added revisions)."""
    wz = site.wanzhou_revision
    gz_sees_wz = 404  # another department's submission: existence not revealed
    sub = expect(LOGIN, 200, gz_sees_wz, 200, 404, 200)
    owner = expect(LOGIN, 403, 403, 200, 404, 403)  # an audit batch: its reviewer only
    empty_file = {"files": {"file": ("", b"", "application/octet-stream")}}
    return [
        ("GET", "/healthz", "/healthz", {}, every(200)),
        ("GET", "/login", "/login", {}, every(200)),
        ("POST", "/login", "/login", {"data": {"username": "nobody-{role}", "password": "wrong-password"}},
         every(401)),
        ("POST", "/logout", "/logout", {}, every(303)),
        ("GET", "/", "/", {}, every(303)),
        ("GET", "/department", "/department", {}, page("department")),
        ("GET", "/department/template.xlsx", "/department/template.xlsx?year=2020", {}, page("department")),
        ("GET", "/department/history", "/department/history", {}, page("department")),
        ("POST", "/submissions", "/submissions", empty_file, page("department", 422)),
        ("GET", "/submissions/{submission_id}", f"/submissions/{wz}", {}, sub),
        ("POST", "/submissions/{submission_id}/manual", f"/submissions/{wz_latest}/manual", {},
         expect(LOGIN, 303, 404, 403, 403, 403)),
        ("GET", "/submissions/{submission_id}/files/{name}", f"/submissions/{wz}/files/评分表.xlsx", {}, sub),
        ("GET", "/review", "/review", {}, page("reviewer")),
        ("GET", "/review/departments/{department_id}", f"/review/departments/{site.wanzhou_department}", {},
         expect(LOGIN, 403, 403, 200, 404, 403)),
        ("GET", "/review/compare", "/review/compare", {}, page("reviewer")),
        ("GET", "/audits", "/audits", {}, page("reviewer")),
        ("POST", "/audits", "/audits", {"data": {"name": "空"}}, page("reviewer", 422)),
        ("GET", "/audits/{batch_id}", f"/audits/{batch}", {}, owner),
        ("GET", "/audits/{batch_id}/progress", f"/audits/{batch}/progress", {}, owner),
        ("GET", "/audits/{batch_id}/export.xlsx", f"/audits/{batch}/export.xlsx", {}, owner),
        ("GET", "/admin/users", "/admin/users", {}, page("admin")),
        ("POST", "/admin/users", "/admin/users", {"data": {"name": ""}}, page("admin", 422)),
        ("POST", "/admin/users/{name}/disable", "/admin/users/nobody/disable", {}, page("admin", 422)),
        ("POST", "/admin/users/{name}/token", "/admin/users/nobody/token", {}, page("admin", 422)),
        ("GET", "/admin/departments", "/admin/departments", {}, page("admin")),
        ("POST", "/admin/departments", "/admin/departments", {"data": {"name": ""}}, page("admin", 422)),
        ("GET", "/admin/frameworks", "/admin/frameworks", {}, page("admin")),
        ("POST", "/admin/frameworks", "/admin/frameworks", {"data": {"year": "x"}}, page("admin", 422)),
        ("GET", "/openapi.json", "/openapi.json", {}, every(200)),
        ("POST", "/api/v1/submissions", "/api/v1/submissions", {"files": {"file": ("a.txt", b"x", "text/plain")}},
         api("department", 422)),
        ("GET", "/api/v1/submissions", "/api/v1/submissions", {}, {**every(200), "anon": 401}),
        ("GET", "/api/v1/submissions/{submission_id}", f"/api/v1/submissions/{wz}", {},
         expect(401, 200, 404, 200, 404, 200)),
        ("GET", "/api/v1/submissions/{submission_id}/files/{name}", f"/api/v1/submissions/{wz}/files/result.json", {},
         expect(401, 200, 404, 200, 404, 200)),
        ("POST", "/api/v1/audits", "/api/v1/audits", {"files": [("files", ("a.exe", b"x", "text/plain"))]},
         api("reviewer", 422)),
        ("GET", "/api/v1/audits/{batch_id}", f"/api/v1/audits/{batch}", {}, expect(401, 403, 403, 200, 404, 403)),
    ]


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route, also through included routers (recent FastAPI keeps them nested)."""
    out: set[tuple[str, str]] = set()
    for r in app.routes:
        if isinstance(r, Mount):
            continue
        nested = getattr(r, "effective_route_contexts", None)
        for each in nested() if nested is not None else (r,):
            out |= {(m, str(getattr(each, "path", ""))) for m in getattr(each, "methods", ()) or () if m != "HEAD"}
    return out


def test_access_matrix_covers_every_route(app: FastAPI, site: Site) -> None:
    routes = app_routes(app)
    covered = {(m, p) for m, p, *_ in matrix(site, 1)}
    assert routes == covered


def latest_revision(app: FastAPI, department_id: int) -> int:
    from sqlalchemy import select

    from jixiao.store.tables import DepartmentYearRow, Revision

    with app.state.services.db.reading() as session:
        return int(session.scalars(select(Revision.id).join(DepartmentYearRow).where(
            DepartmentYearRow.department_id == department_id, DepartmentYearRow.year == 2020,
            Revision.number == DepartmentYearRow.latest_revision)).one())


def test_access_matrix(app: FastAPI, site: Site, batch: int, client_for: Client, tokens: dict[str, str]) -> None:
    clients = {role: client_for(None if role == "anon" else role) for role in ROLES}
    csrf = {role: page_csrf(c) for role, c in clients.items()}
    failures = []
    for method, _, path, kwargs, expected in matrix(site, batch, latest_revision(app, site.wanzhou_department)):
        for role in ROLES:
            c = clients[role]
            headers = {}
            if path.startswith("/api/") and role != "anon":
                headers["Authorization"] = f"Bearer {tokens[role]}"
            if method == "POST" and not path.startswith("/api/"):
                data = {k: v.format(role=role) for k, v in kwargs.get("data", {}).items()} | {"csrf_token": csrf[role]}
                r = c.post(path, data=data, files=kwargs.get("files"), headers=headers, follow_redirects=False)
            elif method == "POST":
                r = c.post(path, headers=headers, follow_redirects=False, **kwargs)
            else:
                r = c.get(path, headers=headers, follow_redirects=False)
            if r.status_code != expected[role]:
                failures.append(f"{method} {path} as {role}: {r.status_code}, expected {expected[role]}")
            if expected[role] == LOGIN and role == "anon" and path not in ("/logout",):
                assert r.headers["location"].startswith("/login"), (path, r.headers["location"])
        if path == "/logout":  # logging out ended the sessions: log in again
            clients = {role: client_for(None if role == "anon" else role) for role in ROLES}
            csrf = {role: page_csrf(c) for role, c in clients.items()}
    assert not failures, "\n".join(failures)


def test_csrf_missing_or_wrong_is_403(client_for: Client) -> None:
    anon = client_for(None)
    token = page_csrf(anon)
    assert anon.post("/login", data={"username": "wz", "password": "x"}).status_code == 403
    assert anon.post("/login", data={"username": "wz", "password": "x", "csrf_token": token + "x"}).status_code == 403
    other = client_for(None)
    assert other.post("/login", data={"username": "wz", "password": "x", "csrf_token": token}).status_code == 403
    r = anon.post("/login", data={"username": "wz", "password": "x", "csrf_token": "wrong"})
    assert r.status_code == 403 and "安全令牌" in r.text
    user = client_for("wz")
    assert user.post("/logout").status_code == 403
    assert user.post("/submissions", files={"file": ("a.xlsx", b"x")}).status_code == 403
    assert user.get("/department").status_code == 200  # still logged in
    # htmx requests send the token in a header instead of a form field
    assert user.post("/logout", headers={"X-CSRF-Token": page_csrf(user)}, follow_redirects=False).status_code == 303


def test_session_cookie_flags(client_for: Client) -> None:
    c = client_for(None)
    token = page_csrf(c)
    r = c.post("/login", data={"username": "wz", "password": "jixiao-test-password", "csrf_token": token},
               follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "jixiao_session=" in cookie
    # a tampered cookie is not accepted
    c.cookies.set("jixiao_session", c.cookies["jixiao_session"][:-2] + "xx")
    assert c.get("/department", follow_redirects=False).status_code == 303


def test_security_headers_everywhere(client_for: Client, site: Site) -> None:
    c = client_for("wz")
    for path in ("/login", "/department", "/static/app.css", "/static/htmx/htmx.min.js", "/nope", "/openapi.json",
                 f"/submissions/{site.wanzhou_revision}"):
        r = c.get(path)
        h = r.headers
        assert "script-src 'self'" in h["content-security-policy"] and "frame-ancestors 'none'" in h["content-security-policy"], path
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY", path
        assert h["referrer-policy"] == "same-origin", path
    assert c.get("/department").headers["cache-control"] == "no-store"
    html = c.get("/department").text
    assert "<script>" not in html and " style=" not in html and "onclick" not in html  # nothing the CSP would block


def test_no_stack_trace_reaches_a_page(app: FastAPI, client_for: Client, site: Site,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.web import submissions

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail /etc/jixiao")

    monkeypatch.setattr(submissions, "package_file", broken)
    c = client_for("wz")
    for path in (f"/submissions/{site.wanzhou_revision}/files/自评报告.docx",):
        r = c.get(path)
        assert r.status_code == 500
        assert "系统内部错误" in r.text and re.search(r"事件编号 [0-9a-f]{8}", r.text)
        assert "Traceback" not in r.text and "secret internal detail" not in r.text and "RuntimeError" not in r.text
        assert "content-security-policy" in r.headers
    token = {"Authorization": "Bearer " + _token(app, "wz")}
    r = c.get(f"/api/v1/submissions/{site.wanzhou_revision}/files/result.json", headers=token)
    assert r.status_code == 500 and "secret" not in r.text and r.json()["detail"].startswith("系统内部错误")
    # unknown pages and bad parameters: Chinese, no framework text
    r = c.get("/submissions/not-a-number")
    assert r.status_code == 400 and "参数" in r.text and "Input should be" not in r.text
    assert "页面不存在" in c.get("/no/such/page").text


def _token(app: FastAPI, name: str) -> str:
    from jixiao.web.accounts import issue_token

    return str(app.state.services.db.write(lambda s: issue_token(s, name)))


def test_upload_over_the_limit_is_413(client_for: Client, tokens: dict[str, str], settings: Any) -> None:
    c = client_for("wz")
    big = b"0" * (settings.max_upload_bytes + 1024)
    r = c.post("/submissions", data={"csrf_token": page_csrf(c)}, files={"file": ("big.xlsx", big)})
    assert r.status_code == 413 and "超过大小上限" in r.text
    api = c.post("/api/v1/submissions", headers={"Authorization": f"Bearer {tokens['wz']}"},
                 files={"file": ("big.xlsx", big)})
    assert api.status_code == 413 and "超过大小上限" in api.json()["detail"]

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(settings.max_upload_bytes // 65536 + 2):
            yield b"x" * 65536

    r = c.post("/api/v1/submissions", headers={"Authorization": f"Bearer {tokens['wz']}",
                                               "Content-Type": "multipart/form-data; boundary=b"}, content=chunks())
    assert r.status_code == 413


def test_413_before_the_body_is_read(live_server: str) -> None:
    """A real server answers 413 from the declared length while the client has sent almost nothing."""
    host, port = live_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                  b"Content-Length: 1073741824\r\n\r\n--b\r\n")
        start = time.monotonic()
        answer = s.recv(4096)
        assert time.monotonic() - start < 5
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]


def test_download_names_are_the_servers(client_for: Client, site: Site) -> None:
    c = client_for("wz")
    r = c.post("/submissions", data={"csrf_token": page_csrf(c)},
               files={"file": ('..\\..\\evil"\r\nX-Injected: 1.yaml', b"profile: [", "text/yaml")})
    assert r.status_code == 422
    assert "X-Injected" not in str(r.headers)
    shown = re.search(r'<td class="sev-error">错误</td><td>([^<]*)</td>', r.text)
    assert shown and shown.group(1).startswith("evil") and shown.group(1).endswith("X-Injected: 1.yaml")  # no folders
    for name in ("自评报告.docx", "评分表.xlsx", "数据表.xlsx", "result.json"):
        got = c.get(f"/submissions/{site.wanzhou_revision}/files/{name}")
        assert got.status_code == 200, name
        from urllib.parse import quote

        assert got.headers["content-disposition"] == (
            f'attachment; filename="download{name[name.rfind("."):]}"; '
            f"filename*=UTF-8''{quote('2020年度-第1版-' + name)}")


def test_zip_bomb_and_wrong_type_on_the_page(client_for: Client) -> None:
    c = client_for("wz")
    bomb = BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    r = c.post("/submissions", data={"csrf_token": page_csrf(c)}, files={"file": ("炸弹.xlsx", bomb.getvalue())})
    assert r.status_code == 422 and "疑似压缩炸弹" in r.text and "超过上限" in r.text
    docx = BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    r = c.post("/submissions", data={"csrf_token": page_csrf(c)}, files={"file": ("报告.xlsx", docx.getvalue())})
    assert r.status_code == 422 and "这是 Word 文档（.docx），不是 Excel 工作簿" in r.text
