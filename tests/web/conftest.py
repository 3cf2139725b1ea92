"""Fixtures of the web tests: one seeded store per session, the app on it, clients per role."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.servers.postgres import postgres_server, postgres_url
from tests.web.site import PASSWORD, Site, build, csrf_of

__all__ = ["postgres_server", "postgres_url"]

warnings.filterwarnings("ignore", message=".*httpx.*starlette.testclient.*")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from jixiao.web.app import create_app  # noqa: E402
from jixiao.web.settings import WebSettings  # noqa: E402


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(tmp_path_factory.mktemp("web-site"))


@pytest.fixture(scope="session")
def settings(site: Site, tmp_path_factory: pytest.TempPathFactory) -> WebSettings:
    return WebSettings(database_url=site.url, secret_key="s" * 48, data_dir=tmp_path_factory.mktemp("web-data"),
                       max_upload_bytes=2 * 1024 * 1024, max_audit_upload_bytes=4 * 1024 * 1024)


@pytest.fixture(scope="session")
def app(settings: WebSettings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.services.close()


def login(client: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": name, "password": password, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, (name, r.status_code, r.text[:500])
    return client


@pytest.fixture
def client_for(app: FastAPI) -> Callable[[str | None], TestClient]:
    """A fresh browser-like client, logged in as ``name`` (None = anonymous)."""

    def make(name: str | None) -> TestClient:
        client = TestClient(app, raise_server_exceptions=False)
        return login(client, name) if name else client

    return make


def page_csrf(client: TestClient, path: str = "/login") -> str:
    return csrf_of(client.get(path).text)


def audit_batch(client: TestClient, name: str, files: dict[str, bytes], seconds: float = 120) -> str:
    """Send ``files`` for audit as one batch from the audit page; the batch's progress page once it has finished."""
    r = client.post("/audits", data={"csrf_token": page_csrf(client, "/audits"), "name": name},
                    files=[("files", (n, body, "application/octet-stream")) for n, body in files.items()],
                    follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    url = r.headers["location"]
    deadline = time.monotonic() + seconds
    done: str
    while 'hx-trigger="every 1s"' in (done := client.get(url + "/progress").text) and time.monotonic() < deadline:
        time.sleep(0.3)
    return done


@pytest.fixture(scope="session")
def tokens(site: Site, app: FastAPI) -> dict[str, str]:
    """An API token for every user, made with the same function the CLI uses."""
    from jixiao.web.accounts import issue_token

    db = app.state.services.db
    return {name: db.write(lambda s, n=name: issue_token(s, n, "测试")) for name in ("wz", "gz", "rev", "revgz", "root", "wzchild")}


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def live_server(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``jixiao serve`` on the seeded store, on a free loopback port; stopped after the session."""
    from tests.web.live import serve

    folder = tmp_path_factory.mktemp("live")
    with serve(site.url, folder / "data", folder / "server.log") as base:
        yield base
