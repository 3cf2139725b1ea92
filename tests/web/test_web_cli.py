"""``jixiao users`` and ``jixiao serve`` through the real command line."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import httpx
from alembic.script import Script, ScriptDirectory
from sqlalchemy import select

from jixiao.store.database import Database
from jixiao.store.migrate import alembic_config, upgrade
from jixiao.store.tables import ChangeLogEntry
from jixiao.store.web_tables import ApiToken, LoginAttempt, User
from jixiao.web.passwords import token_digest
from tests.web.live import jixiao, serve
from tests.web.site import WANZHOU_REGION, csrf_of


def _store(tmp_path: Path) -> str:
    path = tmp_path / "users.db"
    db = Database.open(str(path))
    upgrade(db)
    from jixiao.web import admin

    db.write(lambda s: admin.add_department(s, WANZHOU_REGION, "测试局", "001", None, None))
    db.dispose()
    return str(path)


def test_users_add_token_list_disable(tmp_path: Path) -> None:
    db = _store(tmp_path)
    r = jixiao("users", "add", "alice", "--role", "department", "--department", "测试局", "--password-stdin",
               db=db, stdin="a-very-long-secret\n")
    assert r.returncode == 0, r.stderr
    assert "已添加部门用户「alice」（测试局）" in r.stdout
    r = jixiao("users", "add", "bob", "--role", "reviewer", "--region", WANZHOU_REGION, "--password-stdin",
               db=db, stdin="another-long-secret\n")
    assert r.returncode == 0, r.stderr
    bad = jixiao("users", "add", "carol", "--role", "department", "--department", "没有的局", "--password-stdin",
                 db=db, stdin="a-very-long-secret\n", check=False)
    assert bad.returncode == 1 and "没有名称或预算编码为「没有的局」的部门" in bad.stderr
    short = jixiao("users", "add", "dave", "--role", "admin", "--password-stdin", db=db, stdin="short\n", check=False)
    assert short.returncode == 1 and "密码太短" in short.stderr
    dup = jixiao("users", "add", "alice", "--role", "admin", "--password-stdin", db=db, stdin="a-very-long-secret\n",
                 check=False)
    assert dup.returncode == 1 and "已存在" in dup.stderr

    token = jixiao("users", "token", "alice", db=db).stdout.strip()
    assert token.startswith("jx_") and len(token) > 40
    listed = jixiao("users", "list", db=db).stdout
    assert "alice" in listed and "部门用户" in listed and "测试局" in listed and "bob" in listed

    assert jixiao("users", "disable", "alice", db=db).returncode == 0
    store = Database.open(db)
    with store.reading() as session:
        alice = session.scalars(select(User).where(User.name == "alice")).one()
        assert not alice.active
        assert alice.password_hash.startswith("$argon2id$") and "a-very-long-secret" not in alice.password_hash
        row = session.scalars(select(ApiToken).where(ApiToken.user_id == alice.id)).one()
        assert row.digest == token_digest(token) and row.revoked  # only the digest is kept
        actions = [(e.action, e.subject) for e in session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id))]
    store.dispose()
    assert [a for a in actions if a[0].startswith("user.")] == [
        ("user.add", "用户 alice"), ("user.add", "用户 bob"), ("user.token", "用户 alice"), ("user.disable", "用户 alice")]
    assert jixiao("users", "token", "alice", db=db, check=False).returncode == 1


def web_migration() -> Script:
    """The web app's migration (whatever number it has after the store's own)."""
    script = ScriptDirectory.from_config(alembic_config())
    return next(r for r in script.walk_revisions() if str(r.module.__file__).endswith("_web.py"))


def test_serve_refuses_a_missing_or_outdated_store(tmp_path: Path) -> None:
    data = ("--data-dir", str(tmp_path / "data"))
    r = jixiao("serve", "--port", "1", *data, db=str(tmp_path / "missing.db"), check=False)
    assert r.returncode == 1 and "jixiao db init" in r.stderr
    old = tmp_path / "old.db"
    db = Database.open(str(old))
    before = web_migration().down_revision  # the schema just before the web app's tables
    assert isinstance(before, str)
    upgrade(db, before)
    db.dispose()
    r = jixiao("serve", "--port", "1", *data, db=str(old), check=False)
    assert r.returncode == 1 and "jixiao db upgrade" in r.stderr


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with serve(db, tmp_path / "data", tmp_path / "log.txt") as base:
        with urllib.request.urlopen(base + "/login") as page:
            html = page.read().decode()
            assert page.headers["content-security-policy"].startswith("default-src 'self'")
        assert "登录" in html and 'name="csrf_token"' in html


def test_proxy_headers_are_trusted_from_the_proxy_only(tmp_path: Path) -> None:
    """Behind a proxy the login limit counts by the forwarded client address, but only a trusted proxy
    (loopback by default) may name it: anyone else could spread failures over made-up addresses."""
    db = _store(tmp_path)
    jixiao("users", "add", "carol", "--role", "reviewer", "--password-stdin", db=db, stdin="a-long-password-1\n")

    def failed_login_from(extra: list[str]) -> str:
        with serve(db, tmp_path / "data", tmp_path / "log.txt", extra=extra) as base, \
                httpx.Client(base_url=base, timeout=60, headers={"X-Forwarded-For": "203.0.113.7"}) as c:
            token = csrf_of(c.get("/login").text)
            r = c.post("/login", data={"username": "carol", "password": "wrong-password", "csrf_token": token})
            assert r.status_code == 401
        store = Database.open(db)
        try:
            with store.reading() as session:
                return session.scalars(select(LoginAttempt.client).order_by(LoginAttempt.id.desc())).first() or ""
        finally:
            store.dispose()

    assert failed_login_from([]) == "127.0.0.1"  # no --proxy-headers: the header is ignored
    assert failed_login_from(["--proxy-headers"]) == "203.0.113.7"  # the proxy on loopback is trusted
    assert failed_login_from(["--proxy-headers", "--forwarded-allow-ips", "10.0.0.1"]) == "127.0.0.1"
