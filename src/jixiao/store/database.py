"""Connecting to the store: which database, engine settings, schema version, transactions with retries.

With no configuration the store is the SQLite file ``jixiao.db`` in the working
folder; ``--db PATH`` names another file; ``JIXIAO_DATABASE_URL`` (any SQLAlchemy
URL, e.g. ``postgresql+psycopg://user@host/db``) switches to PostgreSQL.

SQLite is opened in WAL mode with a busy timeout, and every writing transaction
starts with ``BEGIN IMMEDIATE`` so that concurrent writers queue for the lock
instead of failing half-way. Busy errors, PostgreSQL serialization failures and
unique-key races retry the whole transaction.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from jixiao.store import jsontext

if TYPE_CHECKING:  # the ORM loads with the first session, not for `jixiao compare`
    from sqlalchemy.orm import Session

ENV_URL = "JIXIAO_DATABASE_URL"
DEFAULT_FILE = "jixiao.db"
SQLITE_BUSY_TIMEOUT_S = 30
RETRIES = 8

T = TypeVar("T")


class StoreError(Exception):
    """A problem with the store that the user must act on; the message is Chinese."""


class SchemaOutdated(StoreError):
    pass


def database_url(db: str | Path | None = None) -> URL:
    """``--db`` (a path or URL) first, then ``JIXIAO_DATABASE_URL``, then ``./jixiao.db``."""
    if db is not None:
        text = str(db)
        if "://" in text:
            return make_url(text)
        return URL.create("sqlite", database=str(Path(text)))
    env = os.environ.get(ENV_URL)
    if env:
        return make_url(env)
    return URL.create("sqlite", database=DEFAULT_FILE)


def describe(url: URL) -> str:
    """The database as the user should see it (no password)."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite 文件 {url.database}"
    return url.render_as_string(hide_password=True)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        mode = "DEFERRED" if conn.get_execution_options().get("jixiao_readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            parent = Path(url.database).parent
            if not parent.is_dir():
                raise StoreError(f"数据库文件夹 {parent} 不存在")
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}, json_serializer=jsontext.dumps,
                               json_deserializer=jsontext.loads)
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=jsontext.dumps, json_deserializer=jsontext.loads)


def _transient(exc: BaseException) -> bool:
    """Errors that a fresh attempt of the same transaction may not meet."""
    if isinstance(exc, IntegrityError):
        return True  # another process inserted the same unique key first; the retry finds it
    if isinstance(exc, OperationalError):
        text = str(exc.orig).lower()
        if "locked" in text or "busy" in text:
            return True
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None)
        return code in {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
    return False


@dataclass
class Database:
    """One database: the engine and a session factory."""

    url: URL
    engine: Engine

    @classmethod
    def open(cls, db: str | Path | None = None) -> Database:
        url = database_url(db)
        return cls(url, make_engine(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (no write lock on SQLite)."""
        from sqlalchemy.orm import sessionmaker

        factory = sessionmaker(self.engine.execution_options(jixiao_readonly=True), expire_on_commit=False)
        with factory() as session, session.begin():
            yield session

    def write(self, work: Callable[[Session], T], retries: int = RETRIES) -> T:
        """Run ``work`` in one transaction; commit, or roll back everything and retry on transient errors."""
        from sqlalchemy.orm import sessionmaker

        factory = sessionmaker(self.engine, expire_on_commit=False)
        attempt = 0
        while True:
            try:
                with factory() as session, session.begin():
                    return work(session)
            except (OperationalError, IntegrityError, DBAPIError) as exc:
                attempt += 1
                if attempt > retries or not _transient(exc):
                    raise
                time.sleep(min(2.0, 0.02 * 2**attempt) * (0.5 + random.random()))

    def read_connection(self) -> Connection:
        """A connection whose transactions take no write lock on SQLite (``BEGIN DEFERRED``)."""
        return self.engine.execution_options(jixiao_readonly=True).connect()

    def has_tables(self) -> bool:
        with self.read_connection() as conn:
            return "alembic_version" in inspect(conn).get_table_names()
