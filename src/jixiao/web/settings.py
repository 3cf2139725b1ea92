"""Settings of the web app, read once from the environment at start-up.

Every knob has a safe default so that ``jixiao serve`` works with no configuration
on one machine; a shared deployment sets them in the service's environment
(see docs/web.md).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


class SettingsError(ValueError):
    """A setting that cannot be used; the message is Chinese and names the variable."""


@dataclass(frozen=True)
class WebSettings:
    database_url: str
    secret_key: str  # signs session cookies
    data_dir: Path  # generated report packages and audit uploads
    max_upload_bytes: int = 20 * MB  # one workbook upload (the whole request body)
    max_audit_upload_bytes: int = 100 * MB  # one batch of reports sent for audit
    session_max_age: int = 8 * 3600  # seconds
    secure_cookies: bool = False  # set when served over HTTPS (behind a TLS proxy)
    login_max_failures: int = 5  # per user name within the window
    login_max_failures_ip: int = 20  # per client address within the window
    login_window_seconds: int = 15 * 60
    audit_workers: int = 1  # processes per audit batch
    intake_workers: int = 0  # processes reading uploaded workbooks; 0 = in the server's threads

    @classmethod
    def from_env(cls, database_url: str | None = None, data_dir: Path | None = None) -> WebSettings:
        env = os.environ
        data = (data_dir or Path(env.get("JIXIAO_DATA_DIR", "jixiao-data"))).resolve()
        url = database_url or env.get("JIXIAO_DATABASE_URL") or f"sqlite:///{Path('jixiao.db').resolve()}"
        return cls(
            database_url=url,
            secret_key=_secret_key(env, data),
            data_dir=data,
            max_upload_bytes=_mb(env, "JIXIAO_MAX_UPLOAD_MB", 20),
            max_audit_upload_bytes=_mb(env, "JIXIAO_MAX_AUDIT_UPLOAD_MB", 100),
            secure_cookies=env.get("JIXIAO_SECURE_COOKIES", "").lower() in {"1", "true", "yes"},
            audit_workers=_int(env, "JIXIAO_AUDIT_WORKERS", 1),
            intake_workers=_int(env, "JIXIAO_INTAKE_WORKERS", os.cpu_count() or 1, minimum=0),
        )


def _int(env: os._Environ[str] | dict[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"环境变量 {name}={raw!r} 应为不小于 {minimum} 的整数") from None
    if value < minimum:
        raise SettingsError(f"环境变量 {name}={raw!r} 应为不小于 {minimum} 的整数")
    return value


def _mb(env: os._Environ[str] | dict[str, str], name: str, default: int) -> int:
    return _int(env, name, default) * MB


def _secret_key(env: os._Environ[str] | dict[str, str], data_dir: Path) -> str:
    """JIXIAO_SECRET_KEY, else a key kept in ``data_dir/secret.key`` (made once, mode 0600),
    so that sessions survive a restart and several workers of one deployment agree."""
    key = env.get("JIXIAO_SECRET_KEY")
    if key:
        if len(key) < 32:
            raise SettingsError("环境变量 JIXIAO_SECRET_KEY 太短：至少 32 个字符")
        return key
    path = data_dir / "secret.key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_urlsafe(48)
    tmp = data_dir / f".secret.key.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(fresh + "\n")
    try:
        os.link(tmp, path)  # atomic: the key file appears whole or not at all
    except FileExistsError:  # another worker made it first
        fresh = path.read_text(encoding="ascii").strip()
    finally:
        tmp.unlink()
    return fresh
