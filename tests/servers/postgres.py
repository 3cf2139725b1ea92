"""A private PostgreSQL server for tests, started from Debian's binaries and torn down afterwards.

Import the fixtures into a ``conftest.py`` (``from tests.servers.postgres import postgres_server, postgres_url``).
``postgres_server`` (session scope) runs ``initdb`` into a temporary folder and
starts ``postgres`` on a free loopback port with trust authentication and no
Unix socket outside that folder. PostgreSQL refuses to run as root: as root the
server runs as the unprivileged ``postgres`` user (created by Debian's package)
through ``runuser``, with a data folder that user owns. ``postgres_url``
(function scope) creates a fresh database for one test and drops it afterwards.

When the server cannot start, tests that need it fail under ``CI=true`` and are
skipped with the reason otherwise.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

SERVICE_USER = "postgres"
SUPERUSER = "jixiao"


class ServerUnavailable(Exception):
    pass


@dataclass
class PostgresServer:
    """A running server: connect as ``user`` to 127.0.0.1:``port``."""

    bin_dir: Path
    data_dir: Path
    port: int
    user: str = SUPERUSER
    run_as: str | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname=database, autocommit=True)

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def stop(self) -> None:
        _run(self, [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
             check=False)


def find_bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/*/bin`` with ``initdb`` (Debian's layout), or ``initdb`` on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4])
                   if Path(p).parts[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise ServerUnavailable("找不到 PostgreSQL（initdb）：请运行 make setup 安装 postgresql 软件包")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run(server: PostgresServer, cmd: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if server.run_as is not None:
        cmd = ["runuser", "-u", server.run_as, "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                          cwd=server.data_dir.parent)
    if check and done.returncode != 0:
        raise ServerUnavailable(f"{' '.join(cmd)} 失败：{done.stdout}{done.stderr}")
    return done


def start_server(base: Path) -> PostgresServer:
    """initdb into ``base`` (unless it holds a server's data already) and start a server on a free port; raises
    :class:`ServerUnavailable`."""
    bin_dir = find_bin_dir()
    run_as = None
    if os.geteuid() == 0:
        try:
            entry = pwd.getpwnam(SERVICE_USER)
        except KeyError as exc:
            raise ServerUnavailable(f"以 root 运行时需要非特权用户 {SERVICE_USER}（由 postgresql 软件包创建）") from exc
        run_as = SERVICE_USER
        os.chown(base, entry.pw_uid, entry.pw_gid)
        base.chmod(0o700)
    data = base / "data"
    server = PostgresServer(bin_dir, data, 0, run_as=run_as)
    if not (data / "PG_VERSION").exists():  # else: restart a server kept from an earlier run (benchmarks)
        _run(server, [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                      "--no-locale", "--no-sync"])
    last = ""
    for _ in range(3):
        server.port = free_port()
        options = (f"-p {server.port} -c listen_addresses=127.0.0.1 -k {base} -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        done = _run(server, [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"),
                             "-w", "-t", "60", "start"], check=False)
        if done.returncode == 0:
            return server
        log = base / "server.log"
        last = done.stdout + done.stderr + (log.read_text(errors="replace")[-2000:] if log.exists() else "")
    raise ServerUnavailable(f"PostgreSQL 无法启动：{last}")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL 测试服务器无法启动（CI 中不允许跳过）：{reason}")
    pytest.skip(f"PostgreSQL 测试服务器无法启动：{reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    base = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))
    server: PostgresServer | None = None
    try:
        try:
            server = start_server(base)
        except (ServerUnavailable, OSError, subprocess.SubprocessError) as exc:
            _unavailable(str(exc))
        assert server is not None
        yield server
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database for one test."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)
