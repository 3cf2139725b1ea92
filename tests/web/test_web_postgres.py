"""The web app on a real PostgreSQL server (the store's test server): upload, result, dashboard, limits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from jixiao.web.app import create_app
from jixiao.web.settings import WebSettings
from tests.web.conftest import EXAMPLES, login, page_csrf
from tests.web.live import serve
from tests.web.site import GUANGZHOU, WANZHOU, build

pytestmark = pytest.mark.postgres
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_web_app_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    site = build(tmp_path, postgres_url)
    app = create_app(WebSettings(database_url=postgres_url, secret_key="p" * 48, data_dir=tmp_path / "data"))
    try:
        dept = login(TestClient(app), "wz")
        r = dept.post("/submissions", data={"csrf_token": page_csrf(dept)}, follow_redirects=False,
                      files={"file": ("万州.xlsx", (EXAMPLES / "wanzhou-2020.xlsx").read_bytes(), XLSX)})
        assert r.status_code == 303 and r.headers["location"] == f"/submissions/{site.wanzhou_revision}"
        page = dept.get(r.headers["location"]).text
        assert "94 分" in page and "优" in page

        from jixiao.web.accounts import issue_token

        token = app.state.services.db.write(lambda s: issue_token(s, "gz"))
        api = TestClient(app)
        got = api.get(f"/api/v1/submissions/{site.guangzhou_revision}", headers={"Authorization": f"Bearer {token}"})
        assert got.status_code == 200 and Decimal(got.json()["total"]) == Decimal(got.json()["result"]["total"])
        assert api.get(f"/api/v1/submissions/{site.wanzhou_revision}",
                       headers={"Authorization": f"Bearer {token}"}).status_code == 404

        rev = login(TestClient(app), "rev")
        board = rev.get("/review?year=all").text
        assert WANZHOU in board and GUANGZHOU in board
        assert rev.get(f"/review/departments/{site.wanzhou_department}").status_code == 200
        assert rev.get("/review/compare?year=2020").status_code == 200

        anon = TestClient(app)
        for _ in range(5):
            assert anon.post("/login", data={"username": "zj", "password": "wrong-password",
                                             "csrf_token": page_csrf(anon)}).status_code == 401
        assert anon.post("/login", data={"username": "zj", "password": "wrong-password",
                                         "csrf_token": page_csrf(anon)}).status_code == 429
    finally:
        app.state.services.close()

    # `jixiao serve` finds the PostgreSQL store through JIXIAO_DATABASE_URL (no --db)
    with serve(None, tmp_path / "served", tmp_path / "server.log", env={"JIXIAO_DATABASE_URL": postgres_url}) as base:
        auth = {"Authorization": f"Bearer {token}"}
        mine = httpx.get(f"{base}/api/v1/submissions/{site.guangzhou_revision}", headers=auth, timeout=60)
        assert mine.status_code == 200 and mine.json()["department"] == GUANGZHOU
        assert httpx.get(f"{base}/api/v1/submissions/{site.wanzhou_revision}", headers=auth, timeout=60).status_code == 404
