"""Settings from the environment: the upload limit is configurable (default 20 MB), bad values are refused
with a message naming the variable, and the session key survives a restart."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jixiao.web.app import create_app
from jixiao.web.settings import MB, SettingsError, WebSettings
from tests.web.site import Site


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("JIXIAO_MAX_UPLOAD_MB", "JIXIAO_MAX_AUDIT_UPLOAD_MB", "JIXIAO_SECRET_KEY", "JIXIAO_SECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    s = WebSettings.from_env("sqlite:///x.db", tmp_path / "data")
    assert (s.max_upload_bytes, s.max_audit_upload_bytes, s.secure_cookies) == (20 * MB, 100 * MB, False)
    key = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert WebSettings.from_env("sqlite:///x.db", tmp_path / "data").secret_key == s.secret_key  # kept


@pytest.mark.parametrize(("name", "value", "message"), [
    ("JIXIAO_MAX_UPLOAD_MB", "20MB", "环境变量 JIXIAO_MAX_UPLOAD_MB='20MB' 应为不小于 1 的整数"),
    ("JIXIAO_MAX_UPLOAD_MB", "0", "环境变量 JIXIAO_MAX_UPLOAD_MB='0' 应为不小于 1 的整数"),
    ("JIXIAO_SECRET_KEY", "short", "环境变量 JIXIAO_SECRET_KEY 太短：至少 32 个字符"),
])
def test_bad_values_name_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str,
                                      message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as err:
        WebSettings.from_env("sqlite:///x.db", tmp_path)
    assert str(err.value) == message


def test_configured_limit_applies(monkeypatch: pytest.MonkeyPatch, site: Site, tmp_path: Path,
                                  tokens: dict[str, str]) -> None:
    monkeypatch.setenv("JIXIAO_MAX_UPLOAD_MB", "1")
    monkeypatch.setenv("JIXIAO_SECRET_KEY", "k" * 40)
    app = create_app(WebSettings.from_env(site.url, tmp_path / "data"))
    try:
        c = TestClient(app)
        auth = {"Authorization": f"Bearer {tokens['wz']}"}
        over = c.post("/api/v1/submissions", headers=auth, files={"file": ("a.xlsx", b"x" * (MB + 1))})
        assert over.status_code == 413 and over.json()["detail"].startswith("上传内容超过大小上限 1 MB，已拒绝")
        under = c.post("/api/v1/submissions", headers=auth, files={"file": ("a.xlsx", b"x" * (MB - 4096))})
        assert under.status_code == 422  # read, and refused as not a workbook
    finally:
        app.state.services.close()
